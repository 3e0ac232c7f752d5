#!/usr/bin/env bash
# Installs the browser the real-browser tests drive. A missing browser is a test failure, never a skip.
set -euo pipefail
bin=${1:-.venv/bin}
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium with apt-get ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "No Debian chromium and not root: installing Playwright's chromium ..."
"$bin/playwright" install chromium
