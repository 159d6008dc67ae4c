#!/usr/bin/env bash
# Installs what is needed, builds Attest and starts it on the bundled sample.
set -euo pipefail
cd "$(dirname "$0")/.."

build-aux/install-deps.sh --app
[ -d _build ] || meson setup _build
meson compile -C _build

sample=$(mktemp -d)/harbour-bridge
mkdir -p "$sample"
cp data/samples/* "$sample/"
echo "Opening a copy of the sample article in $sample"
if [ -x _build/src/gui/attest ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
  exec _build/src/gui/attest "$sample/harbour-bridge.txt"
fi
echo "(no display: showing the sample's statistics instead)"
exec _build/src/cli/attest-cli stats "$sample"
