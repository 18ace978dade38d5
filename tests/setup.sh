#!/usr/bin/env bash
# Installs what the test suite needs beyond the Rust toolchain, once:
# Debian's Chromium with CJK fonts, Java (the Nu HTML Checker) and Node
# (playwright-core, axe-core, vnu-jar, versions in package-lock.json), and
# the Python packages feedparser and icalendar (the independent feed and
# calendar parsers). Idempotent: what is in place is left alone, so a
# second run changes nothing and takes a moment. ./test.sh runs it first.
# One line per part: "已就绪" (ready, untouched) or "已安装" (installed now).
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}

say() { printf '%s：%s\n' "$1" "$2"; }

# --- Debian packages -------------------------------------------------------
need=()
command -v chromium >/dev/null || need+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
command -v java >/dev/null || need+=(default-jre-headless)
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
if [ ${#need[@]} -eq 0 ]; then
  say 已就绪 "系统软件包（chromium、fonts-noto-cjk、java、node、npm）"
else
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "缺少系统软件包 ${need[*]}，需要 root 权限安装：apt-get install ${need[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${need[@]}" >/dev/null
  say 已安装 "系统软件包 ${need[*]}"
fi

# --- Node packages ----------------------------------------------------------
# Recorded by the hash of package-lock.json: a changed lock file reinstalls.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.gongkai-installed
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_hash" ] && [ -f node_modules/vnu-jar/build/dist/vnu.jar ]; then
  say 已就绪 "Node 软件包（node_modules，与 package-lock.json 一致）"
else
  # --ignore-scripts: vnu-jar's install script would download a Java runtime.
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  printf '%s' "$lock_hash" >"$stamp"
  say 已安装 "Node 软件包（npm ci）"
fi

# --- Python packages ----------------------------------------------------------
# Into the target folder, not the system: no root, no PEP 668 refusal. The
# tests add this folder to PYTHONPATH when they run python3. Recorded by the
# hash of tests/requirements.txt, like the Node packages.
pydeps=$target/test-deps/python
req_hash=$(sha256sum tests/requirements.txt | cut -d' ' -f1)
stamp=$pydeps/.gongkai-installed
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$req_hash" ]; then
  say 已就绪 "Python 软件包（$pydeps，与 tests/requirements.txt 一致）"
else
  rm -rf "$pydeps"
  mkdir -p "$pydeps"
  python3 -m pip install --quiet --disable-pip-version-check --no-warn-conflicts --target "$pydeps" \
    -r tests/requirements.txt 2>&1 | grep -v "^WARNING: Running pip as the 'root' user" >&2 || true
  PYTHONPATH="$pydeps" python3 -c 'import feedparser, icalendar'
  printf '%s' "$req_hash" >"$stamp"
  say 已安装 "Python 软件包 feedparser、icalendar（$pydeps）"
fi
