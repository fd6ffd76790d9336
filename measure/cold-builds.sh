#!/usr/bin/env bash
# Cold release builds of measure/one-call (the generated crate's sans-IO functions, one call)
# and measure/serde-derive (the same request and response as serde-derive structures with
# serde_json), alternated round by round so both see the same machine, with the workspace's
# Cargo.lock. Prints each build's seconds and the ratio of the means.
#
#   bash measure/cold-builds.sh [ROUNDS]   (default 5)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for program in one-call serde-derive; do
  cp -r "$root/measure/$program" "$work/$program"
  rm -rf "$work/$program/target"
done
sed -i "s|path = \"../../generated/inspector\"|path = \"$root/generated/inspector\"|" "$work/one-call/Cargo.toml"
cp "$root/Cargo.lock" "$work/one-call/Cargo.lock"
cp "$root/Cargo.lock" "$work/serde-derive/Cargo.lock"
for program in one-call serde-derive; do
  (cd "$work/$program" && cargo fetch --quiet)
done
declare -A total
for round in $(seq "$rounds"); do
  for program in one-call serde-derive; do
    rm -rf "$work/$program/target"
    start=$(date +%s.%N)
    (cd "$work/$program" && cargo build --quiet --release --offline)
    seconds=$(echo "$(date +%s.%N) - $start" | bc)
    total[$program]=$(echo "${total[$program]:-0} + $seconds" | bc)
    printf 'round %s  %-12s %6.1f s\n' "$round" "$program" "$seconds"
  done
done
ours=$(echo "${total[one-call]} / $rounds" | bc -l)
floor=$(echo "${total[serde-derive]} / $rounds" | bc -l)
printf 'mean: one-call %.1f s, serde-derive %.1f s, ratio %.2f\n' "$ours" "$floor" "$(echo "$ours / $floor" | bc -l)"
(cd "$work/one-call" && cargo tree -q --prefix none --edges normal,build | sort -u | wc -l | xargs printf 'one-call crates: %s\n')
(cd "$work/serde-derive" && cargo tree -q --prefix none --edges normal,build | sort -u | wc -l | xargs printf 'serde-derive crates: %s\n')
