#!/usr/bin/env python3
# test-cli.py: attest-cli validate, stats, fmt, update and usage
#
# Copyright 2026 The Attest developers
# SPDX-License-Identifier: GPL-3.0-or-later

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import taptest  # noqa: E402

BUILD = os.environ.get("ATTEST_BUILD_ROOT", "_build")
SOURCE = os.environ.get("ATTEST_SOURCE_ROOT", ".")
CLI = os.path.join(BUILD, "src", "cli", "attest-cli")
SAMPLES = os.path.join(SOURCE, "data", "samples")
SAMPLE = "harbour-bridge.txt"
SIDECAR = SAMPLE + ".attest.json"


def cli(*args, cwd=None):
    env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="")
    return subprocess.run([CLI, *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def workdir():
    d = tempfile.mkdtemp(prefix="attest-cli-test-")
    for name in os.listdir(SAMPLES):
        shutil.copy(os.path.join(SAMPLES, name), d)
    return d


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def write_bad(folder, name, mutate):
    """A copy of the sample sidecar broken by @mutate (a dict -> dict or str)."""
    with open(os.path.join(SAMPLES, SIDECAR), encoding="utf-8") as f:
        doc = json.load(f)
    result = mutate(doc)
    path = os.path.join(folder, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(result if isinstance(result, str) else json.dumps(result, ensure_ascii=False))
    return path


def test_version_and_help():
    r = cli("--version")
    assert r.returncode == 0 and r.stdout.startswith("attest-cli "), r
    r = cli("--help")
    assert r.returncode == 0
    for command in ("validate", "stats", "fmt", "update"):
        assert command in r.stdout, r.stdout


def test_usage_errors_exit_2():
    assert cli().returncode == 2
    assert cli("frobnicate").returncode == 2
    assert cli("validate").returncode == 2
    assert cli("stats", "--no-such-option", SAMPLES).returncode == 2


def test_validate_samples_ok():
    d = workdir()
    before = {n: digest(os.path.join(d, n)) for n in os.listdir(d)}
    r = cli("validate", d)
    assert r.returncode == 0, r.stderr
    assert "0 errors" in r.stdout, r.stdout
    after = {n: digest(os.path.join(d, n)) for n in os.listdir(d)}
    assert before == after


def test_validate_missing_path():
    r = cli("validate", "/nonexistent/story.txt")
    assert r.returncode == 1
    assert "attest-cli: /nonexistent/story.txt: no such file or folder" in r.stderr, r.stderr


def bad_cases():
    def wrong_start(doc):
        doc["spans"][0]["start"] = -1
        return doc

    def reversed_span(doc):
        s = doc["spans"][0]
        s["start"], s["end"] = s["end"], s["start"]
        return doc

    def past_end(doc):
        doc["spans"][-1]["end"] = doc["document"]["length"] + 5
        return doc

    def duplicate_id(doc):
        doc["spans"][1]["id"] = doc["spans"][0]["id"]
        return doc

    def text_mismatch(doc):
        doc["spans"][0]["text"] = "something else"
        return doc

    def bad_sha(doc):
        doc["document"]["sha256"] = "0" * 64
        return doc

    def dangling_relation(doc):
        doc["relations"][0]["to"] = "s999"
        return doc

    def truncated(doc):
        return json.dumps(doc, ensure_ascii=False)[:500]

    def huge_number(doc):
        start = '"start": %d,' % doc["spans"][0]["start"]
        return json.dumps(doc, ensure_ascii=False).replace(start, '"start": 1e400,', 1)

    def deep(doc):
        return "[" * 100000 + "]" * 100000

    return [
        ("wrong-start", wrong_start, "spans[0].start"),
        ("reversed", reversed_span, "spans[0]"),
        ("past-end", past_end, "past the end"),
        ("duplicate-id", duplicate_id, "used twice"),
        ("text-mismatch", text_mismatch, "spans[0].text"),
        ("bad-sha", bad_sha, "sha256"),
        ("dangling-relation", dangling_relation, 'no span "s999"'),
        ("truncated", truncated, "line "),
        ("huge-number", huge_number, "1e400"),
        ("deep", deep, ""),
    ]


def test_validate_rejects_each_bad_kind_untouched():
    d = tempfile.mkdtemp(prefix="attest-cli-bad-")
    for name, mutate, expect in bad_cases():
        path = write_bad(d, name + ".txt.attest.json", mutate)
        before = digest(path)
        r = cli("validate", path)
        assert r.returncode == 1, (name, r.stdout, r.stderr)
        line = r.stderr.strip().splitlines()[0]
        assert line.startswith("attest-cli: " + path + ": "), (name, line)
        assert expect in line, (name, expect, line)
        assert digest(path) == before, name
        # fmt and update never write over what they cannot read.
        assert cli("fmt", path).returncode == 1, name
        assert digest(path) == before, name


def test_unknown_label_is_a_warning_and_kept():
    d = workdir()
    path = os.path.join(d, SIDECAR)
    doc = load(path)
    doc["spans"][0]["label"] = "claim"
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)
    r = cli("validate", path)
    assert r.returncode == 0, r.stderr
    assert "warning" in r.stderr and "claim" in r.stderr, r.stderr
    assert cli("fmt", path).returncode == 0
    assert load(path)["spans"][0]["label"] == "claim"


def test_unknown_members_survive_fmt():
    d = workdir()
    path = os.path.join(d, SIDECAR)
    doc = load(path)
    doc["x-review"] = {"round": 2, "ok": True}
    doc["spans"][0]["x-confidence"] = 0.75
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)
    assert cli("fmt", path).returncode == 0
    doc = load(path)
    assert doc["x-review"] == {"round": 2, "ok": True}
    assert doc["spans"][0]["x-confidence"] == 0.75


def test_fmt_is_idempotent():
    d = workdir()
    path = os.path.join(d, SIDECAR)
    canonical = open(path, "rb").read()
    doc = load(path)
    # Re-indent: the same content in another layout.
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=True, indent=4)
    r = cli("fmt", d)
    assert r.returncode == 0, r.stderr
    assert "1 of 1 sidecar reformatted" in r.stdout, r.stdout
    assert open(path, "rb").read() == canonical
    r = cli("fmt", d)
    assert "0 of 1 sidecar reformatted" in r.stdout, r.stdout
    assert open(path, "rb").read() == canonical


def test_samples_are_canonical():
    d = workdir()
    r = cli("fmt", d)
    assert r.returncode == 0 and "0 of" in r.stdout, r.stdout


def test_stats_text_and_json():
    d = workdir()
    r = cli("stats", d)
    assert r.returncode == 0, r.stderr
    assert "of 3 articles done" in r.stdout, r.stdout
    r = cli("stats", "--json", d)
    assert r.returncode == 0, r.stderr
    stats = json.loads(r.stdout)
    doc = load(os.path.join(d, SIDECAR))
    labels = {}
    for s in doc["spans"]:
        labels[s["label"]] = labels.get(s["label"], 0) + 1
    assert stats["articles"] == 3
    assert stats["spans"] == len(doc["spans"])
    assert stats["labels"] == labels
    assert stats["relations"] == len(doc["relations"])
    assert stats["status"]["in-progress"] == 1 and stats["status"]["new"] == 2
    assert len(stats["documents"]) == 3


def test_update_reanchors_inserted_paragraph():
    d = workdir()
    article = os.path.join(d, SAMPLE)
    path = os.path.join(d, SIDECAR)
    before = load(path)
    text = open(article, encoding="utf-8", newline="").read()
    head, rest = text.split("\n\n", 1)
    new_text = head + "\n\nAn editor's note with an emoji 🚧 was added here.\n\n" + rest
    with open(article, "w", encoding="utf-8", newline="") as f:
        f.write(new_text)

    r = cli("validate", d)
    assert "changed after it was annotated" in r.stderr, r.stderr

    r = cli("update", d)
    assert r.returncode == 0, r.stderr
    assert "1 of 1 sidecar re-anchored" in r.stdout, r.stdout
    after = load(path)
    assert after["text"] == new_text
    assert after["document"]["sha256"] == hashlib.sha256(new_text.encode()).hexdigest()
    assert len(after["spans"]) == len(before["spans"])
    for s in after["spans"]:
        assert new_text[s["start"]:s["end"]] == s["text"], s
        assert "review" not in s, s
    assert cli("validate", d).returncode == 0
    # Nothing left to do the second time.
    r = cli("update", d)
    assert "0 of 1 sidecar re-anchored" in r.stdout, r.stdout


def test_update_flags_changed_quote():
    d = workdir()
    article = os.path.join(d, SAMPLE)
    path = os.path.join(d, SIDECAR)
    text = open(article, encoding="utf-8", newline="").read()
    new_text = text.replace("a blank cheque", "a blank check")
    with open(article, "w", encoding="utf-8", newline="") as f:
        f.write(new_text)
    r = cli("update", article)
    assert r.returncode == 0, r.stderr
    assert "changed" in r.stdout and "blank cheque" in r.stdout, r.stdout
    after = load(path)
    flagged = [s for s in after["spans"] if s.get("review")]
    assert len(flagged) == 1, flagged
    assert flagged[0]["review"] == "changed"
    assert "blank cheque" in flagged[0]["was"]
    assert "blank check" in flagged[0]["text"]


def test_newer_version_is_never_written():
    d = tempfile.mkdtemp(prefix="attest-cli-newer-")
    path = write_bad(d, "story.txt.attest.json", lambda doc: dict(doc, version=7))
    before = digest(path)
    r = cli("validate", path)
    assert "newer Attest" in r.stderr, r.stderr
    assert cli("fmt", path).returncode == 1
    assert digest(path) == before


if __name__ == "__main__":
    sys.exit(taptest.run(globals()))
