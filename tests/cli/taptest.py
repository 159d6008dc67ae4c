# taptest.py: runs the test_* functions of a module and prints TAP.
#
# Copyright 2026 The Attest developers
# SPDX-License-Identifier: GPL-3.0-or-later

import inspect
import sys
import traceback


def run(module_globals):
    tests = [(name, fn) for name, fn in module_globals.items()
             if name.startswith("test_") and inspect.isfunction(fn)]
    tests.sort(key=lambda t: t[1].__code__.co_firstlineno)
    only = sys.argv[1:]
    if only:
        tests = [t for t in tests if t[0] in only]
    print(f"1..{len(tests)}", flush=True)
    failed = 0
    for i, (name, fn) in enumerate(tests, 1):
        try:
            result = fn()
        except Exception:
            failed += 1
            print(f"not ok {i} - {name}")
            for line in traceback.format_exc().splitlines():
                print(f"# {line}")
        else:
            if isinstance(result, str) and result.startswith("SKIP"):
                print(f"ok {i} - {name} # {result}")
            else:
                print(f"ok {i} - {name}")
        sys.stdout.flush()
    return 1 if failed else 0
