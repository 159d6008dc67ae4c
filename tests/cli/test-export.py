#!/usr/bin/env python3
# test-export.py: attest-cli export and import over folders: every format
# writes, the jsonl and text formats read back, filters, --files-from,
# shards, the GNU parallel recipe of the README, output order whatever the
# thread count, and failures that leave nothing behind.
#
# Copyright 2026 The Attest developers
# SPDX-License-Identifier: GPL-3.0-or-later

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
DATA = os.environ.get("ATTEST_TEST_DATA", os.path.join(SOURCE, "tests", "data"))
CLI = os.path.abspath(os.path.join(BUILD, "src", "cli", "attest-cli"))
FIXTURES = os.path.join(DATA, "export")
SAMPLES = os.path.join(SOURCE, "data", "samples")

STREAM = {"jsonl", "spacy", "doccano", "conll", "w3c", "labelstudio", "csv"}
FOLDER = {"brat", "webanno", "html"}


def cli(*args, cwd=None, stdin=None):
    env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="")
    return subprocess.run([CLI, *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300, input=stdin)


def corpus():
    """The fixtures and the samples, in one folder with a sub-folder."""
    d = tempfile.mkdtemp(prefix="attest-export-test-")
    shutil.copytree(FIXTURES, os.path.join(d, "corpus"), ignore=shutil.ignore_patterns("golden", "brat", "webanno",
                                                                                       "spacy", "doccano",
                                                                                       "labelstudio"))
    os.makedirs(os.path.join(d, "corpus", "samples"))
    for name in os.listdir(SAMPLES):
        shutil.copy(os.path.join(SAMPLES, name), os.path.join(d, "corpus", "samples"))
    return d, os.path.join(d, "corpus")


def records(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def sidecars(folder):
    out = {}
    for d, _, files in os.walk(folder):
        for f in files:
            if f.endswith(".attest.json"):
                p = os.path.join(d, f)
                with open(p, encoding="utf-8") as fh:
                    out[os.path.relpath(p, folder)] = json.load(fh)
    return out


def test_every_format_exports():
    work, src = corpus()
    n_docs = len(sidecars(src))
    for fmt in sorted(STREAM | FOLDER):
        out = os.path.join(work, "out-" + fmt)
        r = cli("export", "--format", fmt, "-o", out, src)
        assert r.returncode == 0, (fmt, r.stderr)
        assert f"Exported {n_docs} documents" in r.stderr, (fmt, r.stderr)
        if fmt in STREAM:
            assert os.path.isfile(out) and os.path.getsize(out) > 0, fmt
        else:
            assert os.path.isdir(out) and os.listdir(out), fmt
        # No temp file is left beside the output.
        assert not [n for n in os.listdir(work) if n.startswith(".")], os.listdir(work)


def test_jsonl_offsets_are_code_points():
    work, src = corpus()
    out = os.path.join(work, "out.jsonl")
    r = cli("export", "-f", "jsonl", "-o", out, src)
    assert r.returncode == 0, r.stderr
    recs = records(out)
    assert [x["path"] for x in recs] == sorted(x["path"] for x in recs)
    assert "world/harbour.txt" in [x["path"] for x in recs]
    for rec in recs:
        assert "suggestions" not in rec and "generator" not in rec
        for s in rec["spans"]:
            assert rec["text"][s["start"]:s["end"]] == s["text"], s


def test_jsonl_and_text_round_trip():
    work, src = corpus()
    out = os.path.join(work, "out.jsonl")
    assert cli("export", "-f", "jsonl", "-o", out, src).returncode == 0
    back = os.path.join(work, "back")
    r = cli("import", "-f", "jsonl", "-o", back, out)
    assert r.returncode == 0, r.stderr
    before, after = sidecars(src), sidecars(back)
    assert sorted(before) == sorted(after)
    for name in before:
        a, b = before[name], after[name]
        assert a["text"] == b["text"]
        key = lambda s: (s["id"], s["label"], s["start"], s["end"], s["text"], json.dumps(s.get("attrs")),
                         s.get("note"), s.get("entity"), s.get("by"))
        assert sorted(map(key, a["spans"])) == sorted(map(key, b["spans"])), name
        rel = lambda r: (r["id"], r["type"], r["from"], r["to"])
        assert sorted(map(rel, a["relations"])) == sorted(map(rel, b["relations"]))
        assert a["entities"] == b["entities"]
        assert all(s["origin"] == "imported:jsonl" for s in b["spans"])
        with open(os.path.join(back, name[:-len(".attest.json")]), encoding="utf-8", newline="") as f:
            assert f.read() == a["text"]
    assert cli("validate", back).returncode == 0

    # Plain text: the same articles, no annotations.
    texts = os.path.join(work, "texts")
    r = cli("import", "-f", "text", "-o", texts, back)
    assert r.returncode == 0, r.stderr
    got = sidecars(texts)
    assert sorted(got) == sorted(before) and all(not d["spans"] for d in got.values())


def test_status_and_labels():
    work, src = corpus()
    out = os.path.join(work, "done.jsonl")
    r = cli("export", "-f", "jsonl", "--status", "done", "-o", out, src)
    assert r.returncode == 0, r.stderr
    recs = records(out)
    assert recs and all(x["document"]["status"] == "done" for x in recs)
    assert "left out by --status" in r.stderr, r.stderr

    out = os.path.join(work, "quotes.jsonl")
    assert cli("export", "-f", "jsonl", "--labels", "quote,speaker", "-o", out, src).returncode == 0
    for rec in records(out):
        ids = {s["id"] for s in rec["spans"]}
        assert all(s["label"] in ("quote", "speaker") for s in rec["spans"])
        assert all(r["from"] in ids and r["to"] in ids for r in rec["relations"])
    harbour = [x for x in records(out) if x["path"] == "world/harbour.txt"][0]
    assert {r["type"] for r in harbour["relations"]} == {"said-by", "continues"}

    assert cli("export", "-f", "jsonl", "--status", "finished", src).returncode == 2
    assert cli("export", "-f", "nope", src).returncode == 2
    assert cli("export", "-f", "brat", src).returncode == 2          # a folder format needs -o
    assert cli("export", "-f", "jsonl").returncode == 2


def test_same_bytes_whatever_the_threads():
    work, src = corpus()
    outs = []
    for j in ("1", "2", "4"):
        out = os.path.join(work, f"j{j}.jsonl")
        assert cli("export", "-f", "jsonl", "-j", j, "-o", out, src).returncode == 0
        with open(out, "rb") as f:
            outs.append(f.read())
    assert outs[0] == outs[1] == outs[2]
    r = cli("export", "-f", "jsonl", src)              # stdout
    assert r.stdout.encode() == outs[0]


def test_files_from_and_shards():
    work, src = corpus()
    names = sorted(os.path.relpath(os.path.join(d, f), src)
                   for d, _, fs in os.walk(src) for f in fs if f.endswith(".attest.json"))
    listing = "\n".join(os.path.join(src, n) for n in names) + "\n"
    out = os.path.join(work, "listed.jsonl")
    r = cli("export", "-f", "jsonl", "--root", src, "--files-from", "-", "-o", out, stdin=listing)
    assert r.returncode == 0, r.stderr
    assert sorted(x["path"] for x in records(out)) == sorted(n[:-len(".attest.json")] for n in names)

    shards = os.path.join(work, "shards", "part.jsonl")
    r = cli("export", "-f", "jsonl", "--shard-size", "2", "-o", shards, src)
    assert r.returncode == 0, r.stderr
    parts = sorted(os.listdir(os.path.dirname(shards)))
    assert parts == [f"part-{i:05d}.jsonl" for i in range((len(names) + 1) // 2)], parts
    joined = []
    for p in parts:
        joined += records(os.path.join(os.path.dirname(shards), p))
    assert [x["path"] for x in joined] == [x["path"] for x in records(out)] or \
        sorted(x["path"] for x in joined) == sorted(x["path"] for x in records(out))
    assert cli("export", "-f", "jsonl", "--shard-size", "2", src).returncode == 2
    assert cli("export", "-f", "brat", "--shard-size", "2", "-o", os.path.join(work, "b"), src).returncode == 2


def test_gnu_parallel_recipe():
    if shutil.which("parallel") is None:
        print("# SKIP GNU parallel is not installed")
        return
    work, src = corpus()
    # The README's recipe: one list of sidecars, jobs of N, one output each.
    recipe = ("find corpus -name '*.attest.json' | sort | "
              "parallel --pipe -N 2 '%s export -q -f jsonl --root corpus --files-from - -o parts/{#}.jsonl'" % CLI)
    r = subprocess.run(["bash", "-c", recipe], cwd=work, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    got = []
    for p in os.listdir(os.path.join(work, "parts")):
        got += [x["path"] for x in records(os.path.join(work, "parts", p))]
    whole = os.path.join(work, "whole.jsonl")
    assert cli("export", "-f", "jsonl", "-o", whole, src).returncode == 0
    assert sorted(got) == sorted(x["path"] for x in records(whole))


def test_bad_sidecar_is_reported_and_the_rest_exported():
    work, src = corpus()
    n_good = len(sidecars(src))
    with open(os.path.join(src, "broken.txt"), "w") as f:
        f.write("A short article.\n")
    with open(os.path.join(src, "broken.txt.attest.json"), "w") as f:
        f.write('{"format": "attest", "version": 1, "document": {')
    out = os.path.join(work, "out.jsonl")
    r = cli("export", "-f", "jsonl", "-o", out, src)
    assert r.returncode == 1, r.stderr
    assert "broken.txt.attest.json" in r.stderr and "line 1" in r.stderr, r.stderr
    assert "broken.txt" not in [x["path"] for x in records(out)]
    assert len(records(out)) == n_good


def test_failed_import_leaves_nothing():
    work, src = corpus()
    out = os.path.join(work, "out.jsonl")
    assert cli("export", "-f", "jsonl", "-o", out, src).returncode == 0
    with open(out, encoding="utf-8") as f:
        lines = f.readlines()
    bad = json.loads(lines[1])
    bad["spans"][0]["end"] = 100000
    lines[1] = json.dumps(bad, ensure_ascii=False) + "\n"
    lines.append('{"format": "attest", "version": 1, "text": \n')
    with open(out, "w", encoding="utf-8") as f:
        f.writelines(lines)
    target = os.path.join(work, "imported")
    r = cli("import", "-f", "jsonl", "-o", target, out)
    assert r.returncode == 1
    assert "out.jsonl line 2" in r.stderr and "past the end of the text" in r.stderr, r.stderr
    assert not os.path.exists(target)
    assert not [n for n in os.listdir(work) if n.startswith(".")], os.listdir(work)

    # A truncated line: a syntax error with its line.
    with open(out, "w", encoding="utf-8") as f:
        f.writelines(lines[:1] + [lines[-1]])
    r = cli("import", "-f", "jsonl", "-o", target, out)
    assert r.returncode == 1 and "out.jsonl line 2" in r.stderr, r.stderr
    assert not os.path.exists(target)

    # Names in a dataset cannot leave the output folder.
    rec = json.loads(lines[0])
    rec["path"] = "../../escape.txt"
    with open(out, "w", encoding="utf-8") as f:
        f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    r = cli("import", "-f", "jsonl", "-o", target, out)
    assert r.returncode == 1 and "cannot be used" in r.stderr, r.stderr
    assert not os.path.exists(os.path.join(work, "escape.txt"))

    # An existing folder with files in it is never written into.
    os.makedirs(target)
    with open(os.path.join(target, "keep.txt"), "w") as f:
        f.write("mine")
    with open(out, "w", encoding="utf-8") as f:
        f.writelines(lines[:1])
    r = cli("import", "-f", "jsonl", "-o", target, out)
    assert r.returncode == 1 and "not an empty folder" in r.stderr, r.stderr
    assert os.listdir(target) == ["keep.txt"]


sys.exit(taptest.run(globals()))
