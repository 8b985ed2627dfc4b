#!/usr/bin/env bash
# Render a .pptx to one PNG per slide, headless with LibreOffice, to look at what a reader will see.
#   usage: bash scripts/render_deck.sh DECK.pptx [OUTDIR] [DPI]
# Installs Debian's libreoffice-impress, poppler-utils and fonts-noto-cjk with apt-get if missing
# (with sudo when not run as root). Writes OUTDIR/slide-NN.png (default OUTDIR: next to the deck).
set -euo pipefail

deck=${1:?usage: render_deck.sh DECK.pptx [OUTDIR] [DPI]}
out=${2:-"${deck%.*}-slides"}
dpi=${3:-80}
[ -f "$deck" ] || { echo "no such deck: $deck" >&2; exit 2; }

missing=()
command -v soffice >/dev/null || missing+=(libreoffice-impress)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
fc-list : family 2>/dev/null | grep "Noto Sans CJK" >/dev/null || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
# A throwaway LibreOffice profile: no first-start dialogs, no clash with a running instance.
soffice --headless --norestore -env:UserInstallation="file://$work/profile" \
  --convert-to pdf --outdir "$work" "$deck" >/dev/null 2>&1
pdf="$work/$(basename "${deck%.*}").pdf"
[ -f "$pdf" ] || { echo "LibreOffice could not convert $deck" >&2; exit 1; }
rm -f "$out"/slide-*.png
pdftoppm -png -r "$dpi" "$pdf" "$out/slide"
ls "$out"/slide-*.png
