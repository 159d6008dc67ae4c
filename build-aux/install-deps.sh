#!/usr/bin/env bash
# Installs what Attest needs to build and test on Debian 12 (run as root).
# Usage: build-aux/install-deps.sh [--app]   (--app adds fonts for a nicer first run)
set -euo pipefail

packages=(
  meson ninja-build pkg-config gcc g++ gettext
  libglib2.0-dev libjson-glib-dev libsimdjson-dev
  libgtk-4-dev libadwaita-1-dev libgtksourceview-5-dev
  desktop-file-utils appstream
  python3 python3-jsonschema chromium parallel nodejs
  xvfb xauth xdotool dbus dbus-x11 at-spi2-core
  clang libclang-rt-14-dev
)
if [ "${1:-}" = "--app" ]; then
  packages+=(dconf-gsettings-backend fonts-cantarell fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji adwaita-icon-theme)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Attest needs these Debian packages: ${missing[*]}" >&2
    echo "Run this script as root (or with sudo)." >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
