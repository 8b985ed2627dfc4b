#!/usr/bin/env bash
# Sets up (or refreshes) everything the app and its tests need; safe to run again.
#   usage: bash scripts/setup.sh [app|test]
# app:  a virtual environment in .venv with the pinned run-time packages.
# test: also the test packages, and Debian's chromium (browser tests), fonts-noto-cjk and
#       fonts-noto-color-emoji (Chinese and emoji in charts and screenshots).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-app}
python=${PYTHON:-python3.11}
command -v "$python" >/dev/null 2>&1 || python=python3

need_apt=()
if [[ $mode == test ]]; then
  [[ -x /usr/bin/chromium ]] || need_apt+=(chromium)
  for font in fonts-noto-cjk fonts-noto-color-emoji; do
    dpkg -s "$font" >/dev/null 2>&1 || need_apt+=("$font")
  done
fi
if ! "$python" -c "import ensurepip, venv" >/dev/null 2>&1; then need_apt+=(python3-venv); fi
if ((${#need_apt[@]})); then
  sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

[[ -x .venv/bin/python ]] || "$python" -m venv .venv
req=requirements.txt; [[ $mode == test ]] && req=requirements-test.txt
stamp=.venv/.installed-$mode
if [[ ! -f $stamp || $req -nt $stamp || requirements.txt -nt $stamp ]]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install -q --disable-pip-version-check -r "$req"
  touch "$stamp"
fi
