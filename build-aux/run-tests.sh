#!/usr/bin/env bash
# Installs what is needed, builds Attest with warnings as errors and runs
# every test suite headless. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

# --app too: the end-to-end test of run-app.sh finds nothing left to install.
build-aux/install-deps.sh --app || exit 1

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
# Counts test cases, not programs: each TAP "ok" line is one; a program
# that failed without saying which case (a crash, a timeout) counts the
# cases it never reached as failed.
import json, re, sys
passed = failed = skipped = 0
with open(sys.argv[1]) as f:
    for line in f:
        r = json.loads(line)
        out = r.get("stdout") or ""
        oks = [l for l in out.splitlines() if re.match(r"ok \d+", l)]
        bad = [l for l in out.splitlines() if re.match(r"not ok \d+", l)]
        plan = re.search(r"^1\.\.(\d+)", out, re.M)
        skip = [l for l in oks if "# SKIP" in l.upper()]
        ok = r["result"] in ("OK", "EXPECTEDFAIL", "SKIP")
        if not oks and not bad:
            if r["result"] == "SKIP":
                skipped += 1
            elif ok:
                passed += 1
            else:
                failed += 1
            continue
        passed += len(oks) - len(skip)
        skipped += len(skip)
        failed += len(bad)
        if not ok:
            missing = (int(plan.group(1)) if plan else 0) - len(oks) - len(bad)
            failed += max(missing, 0 if bad else 1)
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
PY
exit $status
