#!/usr/bin/env bash
# Installs what is needed, builds Attest and starts it on the bundled sample.
# The build tree runs through `meson devenv`, which points GSettings at the
# schema compiled in the build tree, as an installed Attest finds its own.
set -euo pipefail
cd "$(dirname "$0")/.."

builddir=${ATTEST_BUILDDIR:-_build}

build-aux/install-deps.sh --app
[ -d "$builddir" ] || meson setup "$builddir"
meson compile -C "$builddir"

sample=$(mktemp -d)/harbour-bridge
mkdir -p "$sample"
cp data/samples/* "$sample/"
echo "Opening a copy of the sample article in $sample"
if [ -x "$builddir/src/gui/attest" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
  exec meson devenv -C "$builddir" -w "$PWD" "$builddir/src/gui/attest" "$sample/harbour-bridge.txt"
fi
echo "(no display: showing the sample's statistics instead)"
exec "$builddir/src/cli/attest-cli" stats "$sample"
