#!/usr/bin/env bash
# Cold release builds of the one-call programs for SERVICE (inspector2, dynamodb or ssm),
# alternated round by round so all see the same machine:
#   inspector2-one-call   (inspector2 only) the generated crate's sans-IO functions alone
#   SERVICE-client-call   one call with the generated crate's client (feature `client`)
#   sdk-SERVICE-call      the same call with aws-sdk-SERVICE and aws-config
#   dynamodb-core-call    (dynamodb only) the client with `client-core`: no default transport,
#                         the small credentials chain
#   dynamodb-blocking-call (dynamodb only) the blocking client (feature `blocking`)
# inspector2 and dynamodb are the checked-in generated crates; ssm is generated first from
# botocore 1.44.5 (`cargo xtask codegen --service ssm`) into target/measure/ssm. The generated
# crate's programs build with the workspace's Cargo.lock, the aws-sdk program with its own.
# Prints each build's seconds, the means, the ratio of the clients' means, the stripped size of
# each binary and the packages each build compiled.
#
#   bash measure/service-cold-builds.sh SERVICE [ROUNDS]   (default 2)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
service=${1:?usage: service-cold-builds.sh SERVICE [ROUNDS]}
rounds=${2:-2}
programs=("$service-client-call" "sdk-$service-call")
case "$service" in
  inspector2)
    crate="$root/generated/inspector2"
    programs=(inspector2-one-call "${programs[@]}")
    ;;
  dynamodb)
    crate="$root/generated/dynamodb"
    programs=("${programs[@]}" dynamodb-core-call dynamodb-blocking-call)
    ;;
  ssm)
    crate="$root/target/measure/ssm"
    (cd "$root" && cargo xtask codegen --service ssm --crate-name ssm --out "$crate" >/dev/null)
    ;;
  *) echo "no one-call programs for $service (inspector2, dynamodb, ssm)" >&2; exit 2 ;;
esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for program in "${programs[@]}"; do
  cp -r "$root/measure/$program" "$work/$program"
  rm -rf "$work/$program/target"
  sed -i "s|^$service = { path = \"[^\"]*\"|$service = { path = \"$crate\"|" "$work/$program/Cargo.toml"
done
for program in "${programs[@]}"; do
  [[ $program == sdk-* ]] || cp "$root/Cargo.lock" "$work/$program/Cargo.lock"
done
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
ours=$(echo "${total[$service-client-call]} / ${total[sdk-$service-call]}" | bc -l)
ours_size=$(stat -c %s "$work/$service-client-call.stripped")
sdk_size=$(stat -c %s "$work/sdk-$service-call.stripped")
printf 'client against aws-sdk-%s: build %.2fx, stripped size %.2fx\n' "$service" "$ours" "$(echo "$ours_size / $sdk_size" | bc -l)"
