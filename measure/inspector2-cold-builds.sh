#!/usr/bin/env bash
# Cold release builds of three one-call programs, alternated round by round so all see the same
# machine:
#   inspector2-one-call     the generated inspector2 crate's sans-IO functions alone
#   inspector2-client-call  one ListFindings call with the generated client (feature `client`)
#   sdk-inspector2-call     the same call with aws-sdk-inspector2 and aws-config
# The generated crate's programs build with the workspace's Cargo.lock, the aws-sdk program with
# its own. Prints each build's seconds, the means, the ratio of the clients' means, the stripped
# size of each binary and the packages each build compiled.
#
#   bash measure/inspector2-cold-builds.sh [ROUNDS]   (default 3)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-3}
programs=(inspector2-one-call inspector2-client-call sdk-inspector2-call)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for program in "${programs[@]}"; do
  cp -r "$root/measure/$program" "$work/$program"
  rm -rf "$work/$program/target"
  sed -i "s|path = \"../../generated/inspector2\"|path = \"$root/generated/inspector2\"|" "$work/$program/Cargo.toml"
done
cp "$root/Cargo.lock" "$work/inspector2-one-call/Cargo.lock"
cp "$root/Cargo.lock" "$work/inspector2-client-call/Cargo.lock"
for program in "${programs[@]}"; do
  (cd "$work/$program" && cargo fetch --quiet)
done
declare -A total
for round in $(seq "$rounds"); do
  for program in "${programs[@]}"; do
    rm -rf "$work/$program/target"
    start=$(date +%s.%N)
    (cd "$work/$program" && cargo build --quiet --release --offline)
    seconds=$(echo "$(date +%s.%N) - $start" | bc)
    total[$program]=$(echo "${total[$program]:-0} + $seconds" | bc)
    printf 'round %s  %-24s %6.1f s\n' "$round" "$program" "$seconds"
  done
done
for program in "${programs[@]}"; do
  mean=$(echo "${total[$program]} / $rounds" | bc -l)
  strip -o "$work/$program.stripped" "$work/$program/target/release/$program"
  size=$(stat -c %s "$work/$program.stripped")
  packages=$(ls "$work/$program/target/release/.fingerprint" | sed 's/-[0-9a-f]*$//' | sort -u | wc -l)
  printf '%-24s mean %6.1f s  stripped %9d B  packages compiled %3d\n' "$program" "$mean" "$size" "$packages"
done
ours=$(echo "${total[inspector2-client-call]} / ${total[sdk-inspector2-call]}" | bc -l)
ours_size=$(stat -c %s "$work/inspector2-client-call.stripped")
sdk_size=$(stat -c %s "$work/sdk-inspector2-call.stripped")
printf 'client against aws-sdk-inspector2: build %.2fx, stripped size %.2fx\n' "$ours" "$(echo "$ours_size / $sdk_size" | bc -l)"
