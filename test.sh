#!/usr/bin/env bash
# The whole test suite (the README's test command). Installs what the tests
# need first (tests/setup.sh; a no-op once done), then runs them.
set -euo pipefail
cd "$(dirname "$0")"
tests/setup.sh
cargo test --all-targets
cargo fmt --all -- --check
cargo clippy --all-targets -- -D warnings
# The theme in a real browser: vnu, axe-core, layout, search, print, screenshots.
tests/browser/run.sh
