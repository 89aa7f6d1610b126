#!/usr/bin/env bash
# System libraries Qt needs on a Debian/Ubuntu machine (the Windows installer needs none of this).
# With --test also the tools the test suite uses when present: LibreOffice (renders exports),
# poppler (PDF to PNG), pandoc (comparison and import fixtures), Xvfb (screenshots).
set -euo pipefail
packages=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
          libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1
          libglib2.0-0 libxcb-cursor0 fonts-dejavu-core fonts-liberation)
if [ "${1:-}" = "--test" ]; then
  packages+=(libreoffice-writer poppler-utils pandoc xvfb)
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: no apt-get here; install the Qt runtime libraries yourself: ${packages[*]}"
  exit 0
fi
# Liberation 2.x has the Vietnamese letters (Debian 12's fonts-liberation 1.07 does not): what
# LibreOffice uses for Times New Roman in the render tests; the program ships its own copy
if apt-cache show fonts-liberation2 >/dev/null 2>&1; then packages+=(fonts-liberation2); fi
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system-deps: all present"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
