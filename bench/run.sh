#!/usr/bin/env bash
# The build benchmark: generates deterministic sites (bench/gen-site.py) of
# growing size, builds each with the release binary into tmpfs, and
# prints a table per size: wall and CPU time, peak memory, files and bytes
# written, and the bytes one search query loads. Where `hugo` is installed
# (Debian package hugo), the same corpus as a minimal Hugo site is built in
# the same run, with the ratio of the times.
#
# usage: bench/run.sh [SIZE…]     (default: 28 1000 10000; the example
#                                  site stands for 28; 100000 takes minutes
#                                  and about 10 GB of tmpfs)
# env:   RUNS=3 (runs per size, the median is shown), TMPFS=/dev/shm (where sites are built),
#        HUGO=no (leave Hugo out: at 100000 issues it needs more memory than
#        this machine has, about 2.4 GiB per 10000 issues)
set -euo pipefail
cd "$(dirname "$0")/.."
if (($#)); then sizes=("$@"); else sizes=(28 1000 10000); fi
runs=${RUNS:-3}
out=$(mktemp -d "${TMPFS:-/dev/shm}/gongkai-bench.XXXXXX")
cargo build --release --quiet
bin=$PWD/target/release/gongkai
work=$(mktemp -d)
trap 'rm -rf "$work" "$out"' EXIT
have_hugo=$(command -v hugo >/dev/null && [[ ${HUGO:-yes} != no ]] && echo yes || echo no)
# Node is only needed for the search column (tests/browser installs it).
have_node=$(command -v node >/dev/null && echo yes || echo no)

# Runs "$@" RUNS times; prints "median_wall cpu_of_that_run peak_MiB".
measure() {
  local lines=()
  for _ in $(seq "$runs"); do
    rm -rf "$out/site"
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >"$work/log" 2>&1 || {
      cat "$work/log" >&2
      exit 1
    }
    lines+=("$(cat "$work/time")")
  done
  printf '%s\n' "${lines[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p" |
    awk '{ printf "%.2f %.2f %d\n", $1, $2 + $3, $4 / 1024 }'
}

printf '| issues (notes, cases) | wall s | CPU s | peak MiB | files | MiB written | search KB for 整改 / 水 |'
[[ $have_hugo == yes ]] && printf ' Hugo wall s | Hugo peak MiB | gongkai / Hugo |'
printf '\n|---|---:|---:|---:|---:|---:|---:|'
[[ $have_hugo == yes ]] && printf -- '---:|---:|---:|'
printf '\n'

for size in "${sizes[@]}"; do
  if [[ $size == 28 ]]; then
    root=$PWD
    as_of=2026-11-29
    hugo_root=
  else
    root=$work/site-$size
    hugo_root=$work/hugo-$size
    python3 bench/gen-site.py "$root" "$size" --hugo "$hugo_root" >/dev/null
    as_of=2026-11-29
  fi
  read -r wall cpu mib < <(measure "$bin" build --root "$root" --out "$out/site" --as-of "$as_of")
  rm -rf "$out/site"
  "$bin" build --root "$root" --out "$out/site" --as-of "$as_of" >/dev/null 2>&1
  files=$(find "$out/site" -type f | wc -l)
  bytes=$(du -sb --apparent-size "$out/site" | cut -f1)
  notes=$(find "$root/content/notes" -name '*.md' | wc -l)
  cases=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$out/site/data/cases.json" 2>/dev/null || echo 0)
  issues=$(find "$root/content/issues" -name '*.y*ml' | wc -l)
  search="–"
  if [[ $have_node == yes ]]; then
    a=$(node tests/browser/search.mjs --bytes "$out/site" 整改 | python3 -c 'import json,sys; print(round(json.load(sys.stdin)["bytes"]/1000))')
    b=$(node tests/browser/search.mjs --bytes "$out/site" 水 | python3 -c 'import json,sys; print(round(json.load(sys.stdin)["bytes"]/1000))')
    search="$a / $b"
  fi
  printf '| %s (%s, %s) | %s | %s | %s | %s | %s | %s |' "$issues" "$notes" "$cases" "$wall" "$cpu" "$mib" "$files" \
    "$((bytes / 1048576))" "$search"
  if [[ $have_hugo == yes && -n $hugo_root ]]; then
    read -r hwall _ hmib < <(measure hugo --quiet --source "$hugo_root" --destination "$out/site")
    printf ' %s | %s | %s |' "$hwall" "$hmib" "$(python3 -c "print(f'{$wall / $hwall:.2f}')")"
  elif [[ $have_hugo == yes ]]; then
    printf ' – | – | – |'
  fi
  printf '\n'
done
