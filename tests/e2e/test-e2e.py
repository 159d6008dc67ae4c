#!/usr/bin/env python3
# test-e2e.py: the real attest under Xvfb, driven with real key events
# (xdotool, XTEST), checked through the sidecar it leaves on disk.
#
# Copyright 2026 The Attest developers
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
import taptest  # noqa: E402

BUILD = os.environ.get("ATTEST_BUILD_ROOT", "_build")
ATTEST = os.path.join(BUILD, "src", "gui", "attest")
SCHEMAS = os.path.join(BUILD, "data")

# An article written for this test: the speaker on the first line, the
# quote on the second, a fact on the third, an emoji before the quote so
# an offset error would show.
ARTICLE = ("Senator Mara Quist spoke on Monday.\n"
           "🗳️ “Tax cuts will pay for themselves,” she said.\n"
           "The plan was announced on 12 March.\n")


class Display:
    def __init__(self):
        r, w = os.pipe()
        self.xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(w), "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
            pass_fds=[w], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(w)
        with os.fdopen(r) as f:
            self.name = ":" + f.readline().strip()

    def close(self):
        self.xvfb.terminate()
        self.xvfb.wait(timeout=10)


DISPLAY = None
# Recent files stay out of the user's own list.
DATA_HOME = tempfile.mkdtemp(prefix="attest-e2e-data-")


def env():
    e = dict(os.environ)
    e.update(DISPLAY=DISPLAY.name, GDK_BACKEND="x11", GTK_A11Y="none",
             GSETTINGS_BACKEND="memory", GSETTINGS_SCHEMA_DIR=SCHEMAS,
             NO_AT_BRIDGE="1", LC_ALL="C.UTF-8", XDG_DATA_HOME=DATA_HOME)
    e.pop("WAYLAND_DISPLAY", None)
    return e


def xdo(*args):
    return subprocess.run(["xdotool", *args], env=env(), capture_output=True, text=True, timeout=60)


class App:
    """attest on one article, in its own D-Bus session so it is unique."""

    def __init__(self, article):
        self.proc = subprocess.Popen(["dbus-run-session", "--", ATTEST, article], env=env(),
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        self.window = None
        deadline = time.time() + 30
        while time.time() < deadline and self.window is None:
            r = xdo("search", "--onlyvisible", "--class", "attest")
            ids = r.stdout.split()
            if ids:
                self.window = ids[-1]
            else:
                time.sleep(0.2)
        if self.window is None:
            self.kill()
            raise AssertionError("the window did not appear: " + self.output())
        xdo("windowfocus", "--sync", self.window)
        time.sleep(1.0)   # the article and its highlights

    def keys(self, *keys, delay=0.15):
        for k in keys:
            r = xdo("key", "--clearmodifiers", k)
            assert r.returncode == 0, r.stderr
            time.sleep(delay)

    def type(self, text):
        xdo("type", "--delay", "60", text)

    def quit(self):
        self.keys("ctrl+q")
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError("attest did not quit: " + self.output())

    def kill(self):
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def output(self):
        if self.proc.poll() is None:
            return "(still running)"
        return self.proc.stdout.read().decode(errors="replace")


def article_copy():
    d = tempfile.mkdtemp(prefix="attest-e2e-")
    path = os.path.join(d, "senate.txt")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(ARTICLE)
    return path


def sidecar(path):
    with open(path + ".attest.json", encoding="utf-8") as f:
        return json.load(f)


def spans_by_label(doc):
    out = {}
    for s in doc["spans"]:
        out.setdefault(s["label"], []).append(s)
    return out


def annotate(app):
    # Speaker: the first three words.
    app.keys("ctrl+Home", "shift+ctrl+Right", "shift+ctrl+Right", "shift+ctrl+Right", "s")
    # Quote: put the cursor inside it, extend to its quotation marks, tag.
    app.keys("ctrl+Home", "Down", "ctrl+Right", "ctrl+Right", "Right", "quotedbl", "q")
    # Link the selected quote to the nearest speaker.
    app.keys("l")
    # Fact: "12 March", the last two words of line three.
    app.keys("ctrl+Home", "Down", "Down", "End", "Left",
             "shift+ctrl+Left", "shift+ctrl+Left", "f")


def test_annotate_with_keys_and_quit():
    path = article_copy()
    app = App(path)
    try:
        annotate(app)
        time.sleep(2.5)      # autosave (1 s after the last change)
        app.quit()
    finally:
        if app.proc.poll() is None:
            app.kill()

    doc = sidecar(path)
    text = doc["text"]
    assert text == ARTICLE
    by = spans_by_label(doc)
    assert [s["text"] for s in by.get("speaker", [])] == ["Senator Mara Quist"], doc["spans"]
    assert [s["text"] for s in by.get("quote", [])] == ["Tax cuts will pay for themselves,"], doc["spans"]
    assert [s["text"] for s in by.get("fact", [])] == ["12 March"], doc["spans"]
    for s in doc["spans"]:
        assert text[s["start"]:s["end"]] == s["text"], s
        assert s["origin"] == "manual" and s["by"], s
    quote, speaker = by["quote"][0], by["speaker"][0]
    rels = [r for r in doc["relations"] if r["type"] == "said-by"]
    assert len(rels) == 1 and rels[0]["from"] == quote["id"] and rels[0]["to"] == speaker["id"], doc["relations"]
    assert speaker.get("entity"), speaker
    assert any(e["id"] == speaker["entity"] for e in doc["entities"])


def test_attribute_with_keys():
    path = article_copy()
    app = App(path)
    try:
        annotate(app)
        # Back to the quote (the second annotation), into the inspector
        # with F2, down to "Kind", open it and pick "indirect".
        app.keys("ctrl+Home", "Tab", "Tab", "F2", "Down", "Return", delay=0.4)
        app.keys("Home", "Down", "Down", "Return", delay=0.4)
        time.sleep(2.5)
        app.quit()
    finally:
        if app.proc.poll() is None:
            app.kill()

    quote = spans_by_label(sidecar(path))["quote"][0]
    assert quote.get("attrs") == {"kind": "indirect"}, quote


def test_undo_redo_with_keys():
    path = article_copy()
    app = App(path)
    try:
        annotate(app)
        app.keys("ctrl+z")               # the fact
        app.keys("ctrl+z")               # the link
        app.keys("ctrl+shift+z")         # the link again
        time.sleep(2.5)
        app.quit()
    finally:
        if app.proc.poll() is None:
            app.kill()

    doc = sidecar(path)
    by = spans_by_label(doc)
    assert "fact" not in by, doc["spans"]
    assert len(by["quote"]) == 1 and len(by["speaker"]) == 1
    assert len([r for r in doc["relations"] if r["type"] == "said-by"]) == 1


def test_edit_survives_sigkill():
    path = article_copy()
    app = App(path)
    try:
        app.keys("ctrl+Home", "shift+ctrl+Right", "shift+ctrl+Right", "shift+ctrl+Right", "s")
        time.sleep(1.0 + 1.0)   # the autosave delay, and a margin for the write
        app.kill()
    finally:
        if app.proc.poll() is None:
            app.kill()

    doc = sidecar(path)
    assert [s["text"] for s in doc["spans"]] == ["Senator Mara Quist"], doc["spans"]
    # No temp file left beside it.
    leftovers = [n for n in os.listdir(os.path.dirname(path)) if n.endswith(".tmp")]
    assert leftovers == [], leftovers


def test_reopen_finds_everything():
    path = article_copy()
    app = App(path)
    try:
        annotate(app)
        time.sleep(2.5)
        app.quit()
    finally:
        if app.proc.poll() is None:
            app.kill()
    before = open(path + ".attest.json", "rb").read()

    app = App(path)
    try:
        # Tab to the first span and relabel it: the reopened annotations
        # are live, not just on screen.
        app.keys("ctrl+Home", "Tab", "f")
        time.sleep(2.5)
        app.quit()
    finally:
        if app.proc.poll() is None:
            app.kill()
    after = sidecar(path)
    assert len(after["spans"]) == len(json.loads(before)["spans"])
    assert [s["label"] for s in after["spans"]][0] == "fact", after["spans"]


def test_folder_navigation_with_keys():
    d = tempfile.mkdtemp(prefix="attest-e2e-folder-")
    for name in ("a-first.txt", "b-second.txt", "c-third.txt"):
        with open(os.path.join(d, name), "w", encoding="utf-8") as f:
            f.write(ARTICLE)
    app = App(d)
    try:
        # The first article is open; tag its speaker, then go to the next
        # with Alt+Right, mark that one done with Ctrl+Return (which opens
        # the next not done), and come back with Alt+Left.
        app.keys("ctrl+Home", "shift+ctrl+Right", "shift+ctrl+Right", "shift+ctrl+Right", "s")
        app.keys("alt+Right", delay=1.0)
        app.keys("ctrl+Return", delay=1.0)
        app.keys("alt+Left", delay=1.0)
        app.keys("ctrl+Home", "shift+ctrl+Right", "f")
        time.sleep(2.5)
        app.quit()
    finally:
        if app.proc.poll() is None:
            app.kill()

    first = sidecar(os.path.join(d, "a-first.txt"))
    second = sidecar(os.path.join(d, "b-second.txt"))
    assert [s["label"] for s in first["spans"]] == ["speaker"], first["spans"]
    assert second["document"]["status"] == "done", second["document"]
    assert [s["label"] for s in second["spans"]] == ["fact"], second["spans"]
    assert not os.path.exists(os.path.join(d, "c-third.txt.attest.json"))


def test_export_with_keys():
    path = article_copy()
    out = os.path.join(os.path.dirname(path), "typed", "senate-spacy.jsonl")
    os.makedirs(os.path.dirname(out))
    app = App(path)
    try:
        annotate(app)
        # Ctrl+Shift+E opens Export with the format row focused: open its
        # list, one down from "JSON Lines" is spaCy, pick it; Tab to the
        # destination (its suggested path selected), type ours, Return.
        app.keys("ctrl+shift+e", delay=1.0)
        app.keys("Return", delay=0.6)
        app.keys("Down", "Return", delay=0.4)
        app.keys("Tab", delay=0.3)
        app.type(out)
        app.keys("Return", delay=0.5)
        deadline = time.time() + 20
        while time.time() < deadline and not os.path.exists(out):
            time.sleep(0.2)
        time.sleep(0.5)
        app.quit()
    finally:
        if app.proc.poll() is None:
            app.kill()

    assert os.path.exists(out), os.listdir(os.path.dirname(out))
    with open(out, encoding="utf-8") as f:
        lines = f.read().splitlines()
    assert len(lines) == 1, lines
    task = json.loads(lines[0])
    text = task["text"]
    assert text == ARTICLE
    by = {}
    for s in task["spans"]:
        by.setdefault(s["label"], []).append(s)
        # Code points, past the emoji: the slice is the span's text.
        assert text[s["start"]:s["end"]] == s["text"], s
    assert [s["text"] for s in by.get("quote", [])] == ["Tax cuts will pay for themselves,"], task["spans"]
    assert [s["text"] for s in by.get("speaker", [])] == ["Senator Mara Quist"], task["spans"]
    assert [r["label"] for r in task["relations"]] == ["said-by"], task["relations"]
    # Nothing else was written beside it.
    assert os.listdir(os.path.dirname(out)) == ["senate-spacy.jsonl"]


def main():
    global DISPLAY
    if not shutil.which("xdotool") or not shutil.which("Xvfb"):
        print("1..0 # SKIP xdotool or Xvfb missing")
        return 0
    DISPLAY = Display()
    try:
        return taptest.run(globals())
    finally:
        DISPLAY.close()


if __name__ == "__main__":
    sys.exit(main())
