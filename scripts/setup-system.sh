#!/usr/bin/env bash
# System packages woo-redact needs: Tesseract OCR (Dutch + English) for scans, poppler's
# pdftotext for evaluation, Debian's Chromium for the review page's browser test, and
# LibreOffice without its GUI (Writer, Calc, Impress) to turn Office files into PDF, with
# metric-compatible fonts (Liberation for Arial/Times, Carlito for Calibri) so that a
# converted document keeps its line breaks. python3-uno (for Debian's own python3) drives one
# long-running LibreOffice per worker.
# Installs only what is missing; needs root (or sudo) the first time.
set -euo pipefail
pkgs=(tesseract-ocr tesseract-ocr-nld tesseract-ocr-eng poppler-utils chromium fonts-dejavu-core
      libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui python3-uno
      fonts-liberation2 fonts-crosextra-carlito)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing system packages: ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
