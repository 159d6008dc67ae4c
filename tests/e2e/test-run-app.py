#!/usr/bin/env python3
# test-run-app.py: the README's first command, as a newcomer types it.
#
# build-aux/run-app.sh runs on a display (its own Xvfb) with none of the
# test suite's GSETTINGS_* variables, and the window with the sample
# article must appear. Only the build folder is this test's own (so it
# does not build a second tree) and the recent-files list (so the user's
# stays untouched).
#
# Copyright 2026 The Attest developers
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
import taptest  # noqa: E402

SOURCE = os.environ.get("ATTEST_SOURCE_ROOT", ".")
BUILD = os.path.abspath(os.environ.get("ATTEST_BUILD_ROOT", "_build"))


def start_display():
    r, w = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(w), "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
        pass_fds=[w], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(w)
    with os.fdopen(r) as f:
        return xvfb, ":" + f.readline().strip()


def newcomer_env(display):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("GSETTINGS_") and k not in ("WAYLAND_DISPLAY", "G_DEBUG")}
    env.update(DISPLAY=display, ATTEST_BUILDDIR=BUILD,
               XDG_DATA_HOME=tempfile.mkdtemp(prefix="attest-run-app-"))
    return env


def window_names(display):
    env = dict(os.environ, DISPLAY=display)
    r = subprocess.run(["xdotool", "search", "--onlyvisible", "--class", "attest"],
                       env=env, capture_output=True, text=True, timeout=30)
    names = []
    for wid in r.stdout.split():
        n = subprocess.run(["xdotool", "getwindowname", wid], env=env,
                           capture_output=True, text=True, timeout=30)
        names.append(n.stdout.strip())
    return names


def test_run_app_opens_the_sample_window():
    xvfb, display = start_display()
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(["dbus-run-session", "--", os.path.join(SOURCE, "build-aux", "run-app.sh")],
                            cwd=SOURCE, env=newcomer_env(display), stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    names = []
    try:
        deadline = time.time() + 240     # a no-op install and build first
        while time.time() < deadline and proc.poll() is None:
            names = [n for n in window_names(display) if n]
            if names:
                break
            time.sleep(0.5)
        alive = proc.poll() is None
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        xvfb.terminate()
        xvfb.wait(timeout=10)
    log.seek(0)
    output = log.read().decode(errors="replace")
    assert alive, "run-app.sh ended without a window:\n" + output[-2000:]
    assert "Settings schema" not in output, output[-2000:]
    assert names, "no Attest window appeared:\n" + output[-2000:]
    # The window shows the sample article, not the welcome page.
    assert any("Harbour" in n or "harbour" in n for n in names), names


def test_missing_schema_is_a_message_not_a_crash():
    env = {k: v for k, v in os.environ.items() if not k.startswith("GSETTINGS_")}
    env.update(GSETTINGS_SCHEMA_DIR=tempfile.mkdtemp(prefix="attest-no-schema-"),
               XDG_DATA_DIRS=tempfile.mkdtemp(prefix="attest-no-data-"), DISPLAY=":0")
    r = subprocess.run([os.path.join(BUILD, "src", "gui", "attest"), "--version"], env=env,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 1, (r.returncode, r.stderr)
    assert "io.github.attest.Attest" in r.stderr and "not installed" in r.stderr, r.stderr
    assert "meson devenv" in r.stderr, r.stderr


sys.exit(taptest.run(globals()))
