#!/usr/bin/env bash
# Installs what is needed, builds Attest with warnings as errors and runs
# every test suite headless. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

build-aux/install-deps.sh || exit 1

builddir=${ATTEST_BUILDDIR:-_build-test}
if [ ! -d "$builddir" ]; then
  meson setup "$builddir" -Dwerror=true || exit 1
fi
meson compile -C "$builddir" || exit 1

export GTK_A11Y=none GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1
xvfb-run -a -s "-screen 0 1600x1000x24" \
  dbus-run-session -- meson test -C "$builddir" --print-errorlogs --num-processes 2
status=$?

/usr/bin/python3 - "$builddir/meson-logs/testlog.json" <<'PY'
import json, sys
passed = failed = skipped = 0
with open(sys.argv[1]) as f:
    for line in f:
        r = json.loads(line)
        if r["result"] in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif r["result"] == "SKIP":
            skipped += 1
        else:
            failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped" if skipped else f"{passed} passed, {failed} failed")
PY
exit $status
