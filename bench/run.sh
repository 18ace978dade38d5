#!/usr/bin/env bash
# Build-speed and memory benchmark: generates synthetic sites of growing
# size, builds each with the release binary, and prints a table of wall
# time (median of runs) and peak memory.
#
# usage: bench/run.sh [RUNS]      (default 3 runs per size)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
cargo build --release --quiet
bin=target/release/gongkai
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf '| issues | notes | files written | median wall s | peak RSS MiB |\n|---:|---:|---:|---:|---:|\n'
example_row() {
  local name=$1 root=$2
  local times=() rss=0 files=0
  for _ in $(seq "$runs"); do
    rm -rf "$work/out"
    /usr/bin/time -f '%e %M' -o "$work/time" "$bin" build --root "$root" --out "$work/out" --as-of 2026-11-29 2>"$work/log" >/dev/null
    read -r t m <"$work/time"
    times+=("$t")
    (( m > rss )) && rss=$m
  done
  files=$(find "$work/out" -type f | wc -l)
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  local issues notes
  issues=$(find "$root/content/issues" -name '*.yaml' | wc -l)
  notes=$(find "$root/content/notes" -name '*.md' | wc -l)
  printf '| %s | %s | %s | %s | %s |\n' "$issues" "$notes" "$files" "$median" "$(( rss / 1024 ))"
}
example_row example .
for size in "280 10" "2800 10"; do
  set -- $size
  python3 bench/gen-site.py "$work/site-$1" "$1" "$2"
  example_row "synthetic-$1" "$work/site-$1"
done
