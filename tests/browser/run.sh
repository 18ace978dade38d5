#!/usr/bin/env bash
# The browser checks of the default theme: builds the example site and the
# complete fixture sites, then runs the Nu HTML Checker (vnu) over every page
# and the CSS, and tests/browser/a11y.mjs (axe-core and the reader checks in
# Debian's headless Chromium): every check on the example and `full`, and
# axe-core, touch targets and the target charts on every page type of the
# `feeds` and `targets-edge` fixtures (their edge cases: odd titles,
# categories, targets without data) and of the `charts` fixture (crowded
# charts, every label measured as drawn), the `cases` fixture and the
# `closures` fixture (every state of a notice); and tests/browser/search.mjs,
# the search over the split index against the one-file index it replaced,
# on the example and the fixtures. Screenshots go to target/screenshots/.
# Needs: node_modules from `npm ci`, java, /usr/bin/chromium, fonts-noto-cjk
# (tests/setup.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -d node_modules/playwright-core ] || [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ]; then
  echo "browser tests: node_modules is missing; run tests/setup.sh (or ./test.sh) first" >&2
  exit 2
fi
cargo build --quiet
bin=${CARGO_TARGET_DIR:-target}/debug/gongkai
sites=${CARGO_TARGET_DIR:-target}/browser-sites
rm -rf "$sites"
mkdir -p "$sites"
# Sites that are complete on purpose; error fixtures are not listed here.
"$bin" build --root . --out "$sites/example" --as-of 2026-11-29
"$bin" build --root tests/fixtures/full --out "$sites/full" --as-of 2024-06-15
"$bin" build --root tests/fixtures/feeds --out "$sites/feeds" --as-of 2024-06-30
"$bin" build --root tests/fixtures/targets-edge --out "$sites/targets-edge" --as-of 2024-06-15
"$bin" build --root tests/fixtures/charts --out "$sites/charts" --as-of 2026-11-29
"$bin" build --root tests/fixtures/cases --out "$sites/cases" --as-of 2024-06-15
"$bin" build --root tests/fixtures/closures --out "$sites/closures" --as-of 2024-06-05

echo "vnu: checking every page and stylesheet"
java -jar node_modules/vnu-jar/build/dist/vnu.jar --errors-only --skip-non-html --also-check-css \
  "$sites/example" "$sites/full" "$sites/feeds" "$sites/targets-edge" "$sites/charts" "$sites/cases" "$sites/closures"
echo "vnu: no errors"

status=0
echo "search: the split index finds what the one-file index found"
for site in example full cases closures; do
  node tests/browser/search.mjs "$sites/$site" || status=1
done

shots=${CARGO_TARGET_DIR:-target}/screenshots
node tests/browser/a11y.mjs --shots "$shots" example="$sites/example" full="$sites/full" || status=1
node tests/browser/a11y.mjs --shots "$shots" --only axe,targets feeds="$sites/feeds" targets-edge="$sites/targets-edge" charts="$sites/charts" cases="$sites/cases" closures="$sites/closures" || status=1
exit $status
