#!/usr/bin/env bash
# Compares what two versions of gongkai make of every site of the
# repository: the example and every fixture, built (the whole output
# folder, byte for byte) and checked (every diagnostic line). For
# refactoring: the output must not change unless a change is meant.
#
# usage: tests/tools/same-output.sh [REV]     (default HEAD; compares REV
# with the working tree; REV is built in a worktree under target/)
set -euo pipefail
cd "$(dirname "$0")/../.."
rev=$(git rev-parse "${1:-HEAD}")
work=target/same-output
rm -rf "$work/out"
mkdir -p "$work/out"
if [ ! -d "$work/tree" ]; then git worktree add --detach -q "$work/tree" "$rev"; fi
git -C "$work/tree" checkout -q --detach "$rev"
(cd "$work/tree" && CARGO_TARGET_DIR=../../same-output/target cargo build --quiet)
cargo build --quiet
run_all() { # BINARY DEST TREE (each version builds the sites of its own tree)
  local bin=$1 dest=$2 tree=$3
  mkdir -p "$dest"
  dest=$(cd "$dest" && pwd)
  bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
  cd "$tree"
  "$bin" build --root . --out "$dest/example" --as-of 2026-11-29 >/dev/null 2>&1 || true
  for site in tests/fixtures/*/; do
    name=$(basename "$site")
    [ -f "$site/content/site.yaml" ] || continue
    as_of=$(sed -n 's/.*--as-of \([0-9-]*\).*/\1/p' "$site/content/site.yaml" | head -1)
    "$bin" build --root "$site" --out "$dest/$name" --as-of "${as_of:-2024-06-15}" >/dev/null 2>&1 || true
  done
  for site in tests/fixtures/invalid/*/ tests/fixtures/invalid-targets/; do
    [ -d "$site" ] || continue
    "$bin" check --root "$site" --as-of 2024-06-15 >"$dest/check-$(basename "$site").txt" 2>&1 || true
  done
  cd - >/dev/null
}
run_all "$work/target/debug/gongkai" "$work/out/before" "$work/tree"
run_all target/debug/gongkai "$work/out/after" .
if diff -r "$work/out/before" "$work/out/after" >"$work/diff.txt"; then
  echo "same output: every site built and checked alike by $rev and the working tree"
else
  echo "output differs ($work/diff.txt):" >&2
  head -40 "$work/diff.txt" >&2
  exit 1
fi
