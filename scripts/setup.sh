#!/usr/bin/env bash
# Sets up (or refreshes) everything the app and its tests need; safe to run again.
#   usage: bash scripts/setup.sh [app|test]
# app:  a virtual environment in .venv with the pinned run-time packages, and Debian's
#       fonts-noto-cjk (the slide exporter measures text with it).
# test: also the test packages, and Debian's chromium (browser tests), fonts-noto-color-emoji
#       (emoji in screenshots), postgresql (the suite's second database) and nginx (the team
#       deployment's proxy, tested on loopback). Their services are not started or needed.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-app}
python=${PYTHON:-python3.11}
command -v "$python" >/dev/null 2>&1 || python=python3

need_apt=()
# The slide exporter measures text with Noto Sans CJK so nothing overflows a slide.
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need_apt+=(fonts-noto-cjk)
if [[ $mode == test ]]; then
  [[ -x /usr/bin/chromium ]] || need_apt+=(chromium)
  dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || need_apt+=(fonts-noto-color-emoji)
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need_apt+=(postgresql)
  [[ -x /usr/sbin/nginx ]] || need_apt+=(nginx)
  [[ -x /usr/sbin/ip || -x /sbin/ip ]] || need_apt+=(iproute2)  # the non-loopback browser test's network namespace
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
