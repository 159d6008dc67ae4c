#!/usr/bin/env bash
# Takes the README's screenshots of the real app under Xvfb: the welcome
# page, the annotated sample in light and dark, a folder with the corpus
# sidebar, and the inspector with a linked quote. Writes data/screenshots/.
#
# Usage: build-aux/screenshots.sh [BUILDDIR]
set -euo pipefail
cd "$(dirname "$0")/.."

build=${1:-_build}
out=data/screenshots
attest=$build/src/gui/attest
mkdir -p "$out"

work=$(mktemp -d)/newsroom
mkdir -p "$work"
cp data/samples/* "$work/"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$(dirname "$work")"' EXIT

exec 3< <(Xvfb -displayfd 1 -screen 0 1400x860x24 -nolisten tcp 2>/dev/null)
read -r display <&3
export DISPLAY=:$display GDK_BACKEND=x11 GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR=$build/data
export NO_AT_BRIDGE=1 GTK_A11Y=none XDG_DATA_HOME=$(dirname "$work")/xdg

shot () {  # shot NAME SCHEME [ARGS...] -- KEYS...
  local name=$1 scheme=$2; shift 2
  local args=() keys=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do args+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  keys=("$@")

  ADW_DEBUG_COLOR_SCHEME=$scheme dbus-run-session -- "$attest" "${args[@]}" &
  local pid=$!
  local win=""
  for _ in $(seq 100); do
    win=$(xdotool search --onlyvisible --class attest 2>/dev/null | tail -1 || true)
    [ -n "$win" ] && break
    sleep 0.2
  done
  [ -n "$win" ] || { echo "no window for $name" >&2; kill $pid; return 1; }
  xdotool windowsize "$win" 1400 860 windowmove "$win" 0 0 windowfocus --sync "$win"
  sleep 1.5
  for k in "${keys[@]}"; do xdotool key --clearmodifiers "$k"; sleep 0.25; done
  sleep 1
  import -window root "$out/$name.png"
  xdotool key --clearmodifiers ctrl+q || true
  wait $pid || true
  echo "wrote $out/$name.png"
}

shot welcome prefer-light --
shot annotating prefer-light "$work/harbour-bridge.txt" -- Tab Tab Tab Tab Tab
shot annotating-dark prefer-dark "$work/harbour-bridge.txt" -- Tab Tab Tab Tab Tab
shot corpus prefer-light "$work" -- alt+Right Tab Tab Tab Tab Tab
shot inspector prefer-dark "$work/harbour-bridge.txt" -- Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
