#!/usr/bin/env bash
# The serve benchmark: how long `gongkai serve` takes to make the site
# again after one note is saved (examples/preview_rebuild.rs: the preview
# as serve runs it, without the background check of every page, which
# competes for the CPU), on a generated site (bench/gen-site.py).
#
# usage: bench/serve.sh [SIZE] [SAVES]     (default: 10000 issues, 8 saves)
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-10000}
saves=${2:-8}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/gen-site.py "$work/site" "$size" >/dev/null
cargo build --release --quiet --example preview_rebuild
echo "$size issues:"
target/release/examples/preview_rebuild "$work/site" "$saves"
