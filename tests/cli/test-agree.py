#!/usr/bin/env python3
# test-agree.py: attest-cli agree
#
# Copyright 2026 The Attest developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The fixtures (tests/data/agree) are three annotators' folders, ana, ben
# and chloe, of the same three articles: harbour-fest.txt (an emoji before
# every span), city/budget.txt (CRLF, stacked spans, a split quote) and
# tokyo.txt (Japanese). The expected P/R/F1 and attribution counts below
# are worked out by hand from the sidecars; the kappa and alpha-U values
# were computed by DKPro Agreement 2.3 (CohenKappaAgreement,
# KrippendorffAlphaUnitizingAgreement) on the same tokens and units, read
# from the sidecars by a separate script, and agree with ours to 1e-10.

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
DATA = os.path.join(os.environ.get("ATTEST_TEST_DATA", os.path.join(SOURCE, "tests", "data")), "agree")


def cli(*args, cwd=DATA):
    env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="")
    return subprocess.run([os.path.abspath(CLI), *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def agree_json(*args, cwd=DATA):
    r = cli("agree", "--json", *args, cwd=cwd)
    return r, json.loads(r.stdout)


def workdir(*annotators):
    d = tempfile.mkdtemp(prefix="attest-agree-test-")
    for name in annotators or ("ana", "ben", "chloe"):
        shutil.copytree(os.path.join(DATA, name), os.path.join(d, name))
    return d


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def save(path, doc):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)


def set_text(doc, text):
    doc["text"] = text
    doc["document"]["sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    doc["document"]["length"] = len(text)


def sidecar(path, text, spans, by):
    """A minimal valid sidecar of @text with @spans: (label, start, end)."""
    doc = {
        "format": "attest", "version": 1, "generator": "Attest 0.1.0",
        "document": {"file": os.path.basename(path), "sha256": "", "length": 0, "status": "done"},
        "text": text,
        "spans": [{"id": "s%d" % (i + 1), "label": label, "start": start, "end": end,
                   "text": text[start:end], "by": by, "origin": "manual",
                   "created": "2026-12-01T10:00:00Z"}
                  for i, (label, start, end) in enumerate(spans)],
        "relations": [], "entities": [],
        "suggestions": {"spans": [], "relations": [], "rejected": []},
    }
    set_text(doc, text)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    save(path + ".attest.json", doc)


def close(value, expected, places=4):
    return value is not None and abs(value - expected) < 0.5 * 10 ** -places + 1e-12


def test_table_two_annotators():
    r = cli("agree", "ana", "ben")
    assert r.returncode == 0, r.stderr
    assert r.stderr == "", r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "Agreement of ana and ben: 3 documents, 147 tokens", lines[0]
    # Labels as rows; exact P R F1, overlap P R F1, kappa, alpha-U.
    header = next(line for line in lines if line.startswith("label"))
    assert header.split() == ["label", "P", "R", "F1", "P", "R", "F1", "κ", "αU"], header
    rows = {line.split()[0]: line.split()[1:] for line in lines
            if line.split() and line.split()[0] in ("fact", "quote", "speaker", "overall")}
    # overall: exact 7 of ana's 17 and ben's 13; overlap 13; see test_json_two_annotators.
    assert rows["overall"] == ["0.5385", "0.4118", "0.4667", "1.0000", "0.7647", "0.8667",
                               "0.7012", "0.6825"], rows["overall"]
    assert rows["fact"] == ["0.6667", "0.5000", "0.5714", "1.0000", "0.7500", "0.8571",
                            "0.6934", "0.9735"], rows["fact"]
    assert "Quote attribution: the speakers of 5 of 5 matched quotes agree (1.0000)" in r.stdout
    # Two annotators: no pairwise table.
    assert "mean" not in r.stdout


def test_json_two_annotators():
    r, d = agree_json("ana", "ben")
    assert r.returncode == 0, r.stderr
    assert list(d) == ["annotators", "documents", "left_out", "tokens", "labels", "pairs",
                       "mean", "alpha_u"], list(d)
    assert d["annotators"] == ["ana", "ben"]
    # Paired by the path inside each folder, subfolders included.
    assert d["documents"] == ["city/budget.txt", "harbour-fest.txt", "tokyo.txt"]
    assert d["left_out"] == []
    assert d["tokens"] == 147
    assert d["labels"] == ["fact", "quote", "speaker"]
    (pair,) = d["pairs"]
    assert (pair["a"], pair["b"]) == ("ana", "ben")

    # Exact, by hand: harbour 3 of ana's 8 / ben's 6 (fact "twenty thousand
    # came", quote "Next year…", speaker "she"); budget 3 of 6 / 5 (fact,
    # "It is not perfect,", "Ruiz"); tokyo 1 of 3 / 2 (the quote).
    # P = 7/13, R = 7/17, F1 = 14/30. Every span of ben's overlaps one of
    # ana's: overlap P = 13/13, R = 13/17, F1 = 26/30.
    overall = pair["overall"]
    assert overall["exact"] == {"matched": 7, "a": 17, "b": 13, "precision": 0.5385,
                                "recall": 0.4118, "f1": 0.4667}, overall["exact"]
    assert overall["overlap"] == {"matched": 13, "a": 17, "b": 13, "precision": 1.0,
                                  "recall": 0.7647, "f1": 0.8667}, overall["overlap"]
    # speaker: exact "she" and "Ruiz" of ana's 6 and ben's 5.
    speaker = pair["labels"]["speaker"]
    assert (speaker["exact"]["matched"], speaker["exact"]["a"], speaker["exact"]["b"]) == (2, 6, 5)
    assert speaker["overlap"]["matched"] == 5

    # DKPro Agreement on the same tokens and units.
    assert close(overall["kappa"], 0.7012), overall["kappa"]
    assert close(pair["labels"]["fact"]["kappa"], 0.6934)
    assert close(pair["labels"]["quote"]["kappa"], 0.8705)
    assert close(pair["labels"]["speaker"]["kappa"], 0.6844)
    assert close(overall["alpha_u"], 0.6825), overall["alpha_u"]
    assert close(pair["labels"]["fact"]["alpha_u"], 0.9735)
    assert close(pair["labels"]["quote"]["alpha_u"], 0.4545)
    assert close(pair["labels"]["speaker"]["alpha_u"], 0.7455)
    # Two annotators: alpha-U of all is that of the pair.
    assert d["alpha_u"]["overall"] == overall["alpha_u"]

    # Attribution: 5 quotes matched, all agree: "priya  NAIR" is Priya
    # Nair; "Toma\u0301s Ruiz" is Tomás Ruiz; ben's "she" and 館長の佐藤花子さん
    # have no entity but overlap ana's speakers.
    assert pair["attribution"] == {"matched": 5, "agreeing": 5, "accuracy": 1.0}

    # Four decimals, always.
    assert '"precision": 1.0000' in r.stdout and '"recall": 0.4118' in r.stdout


def test_json_three_annotators():
    r, d = agree_json("ana", "ben", "chloe")
    assert r.returncode == 0, r.stderr
    assert d["annotators"] == ["ana", "ben", "chloe"]
    pairs = {(p["a"], p["b"]): p for p in d["pairs"]}
    assert list(pairs) == [("ana", "ben"), ("ana", "chloe"), ("ben", "chloe")]

    # DKPro, pair by pair and all three together.
    assert close(pairs[("ana", "chloe")]["overall"]["kappa"], 0.8057)
    assert close(pairs[("ben", "chloe")]["overall"]["kappa"], 0.4909)
    assert close(pairs[("ben", "chloe")]["labels"]["fact"]["kappa"], 0.1460)
    assert close(pairs[("ana", "chloe")]["overall"]["alpha_u"], 0.4965)
    assert close(pairs[("ben", "chloe")]["overall"]["alpha_u"], 0.5973)
    assert close(pairs[("ana", "chloe")]["labels"]["speaker"]["alpha_u"], 0.9683)
    assert close(d["alpha_u"]["overall"], 0.6029), d["alpha_u"]
    assert close(d["alpha_u"]["labels"]["fact"], 0.6527)
    assert close(d["alpha_u"]["labels"]["quote"], 0.5464)
    assert close(d["alpha_u"]["labels"]["speaker"], 0.8282)

    # Attribution by hand. ana–chloe: 6 matched; "Next year…" (she / Police)
    # and "It is not perfect," (Tomás Ruiz / Tomas Ruiz) disagree.
    # ben–chloe: 5 matched; the same two disagree.
    assert pairs[("ana", "chloe")]["attribution"] == {"matched": 6, "agreeing": 4, "accuracy": 0.6667}
    assert pairs[("ben", "chloe")]["attribution"] == {"matched": 5, "agreeing": 3, "accuracy": 0.6}

    # The mean is the mean of the pairs.
    for key in ("kappa", "alpha_u"):
        mean = sum(p["overall"][key] for p in d["pairs"]) / 3
        assert abs(d["mean"]["overall"][key] - mean) < 1e-4, (key, d["mean"]["overall"][key], mean)
    mean_f1 = sum(p["overall"]["exact"]["f1"] for p in d["pairs"]) / 3
    assert abs(d["mean"]["overall"]["exact"]["f1"] - mean_f1) < 1e-4
    assert close(d["mean"]["attribution"]["accuracy"], (1 + 4 / 6 + 3 / 5) / 3)
    assert "matched" not in d["mean"]["overall"]["exact"]


def test_table_three_annotators():
    r = cli("agree", "ana", "ben", "chloe")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "Agreement of ana, ben and chloe: 3 documents, 147 tokens"
    assert "mean over 3 pairs" in lines[1], lines[1]
    rows = {line.split("  ")[0].strip(): line.split()[-9:] for line in lines if " – " in line}
    assert list(rows) == ["ana – ben", "ana – chloe", "ben – chloe"], rows
    assert rows["ana – chloe"][-3:] == ["0.8057", "0.4965", "0.6667"], rows["ana – chloe"]
    mean = next(line for line in lines if line.startswith("mean"))
    assert mean.split()[-1] == "0.7556", mean
    # The label table's alpha-U is all three together.
    overall = next(line for line in lines if line.startswith("overall"))
    assert overall.split()[-1] == "0.6029", overall


def test_diff():
    r = cli("agree", "--diff", "ana", "ben")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    blocks = {}
    current = None
    for line in out.splitlines():
        if line and not line.startswith(" "):
            current = line
            blocks[current] = []
        elif line.startswith("  ") and current:
            blocks[current].append(line)
    assert list(blocks)[:3] == ["city/budget.txt", "harbour-fest.txt", "tokyo.txt"], list(blocks)

    harbour = blocks["harbour-fest.txt"]
    # In document order; offsets in code points (the emoji before counts one).
    assert harbour[0] == "  40–98     quote        +ana −ben", harbour[0]
    assert harbour[1] == "             “We expected ten thousand people, and twenty thousand came,”"
    assert harbour[2] == "  40–97     quote        −ana +ben", harbour[2]
    starts = [int(line.split("–")[0]) for line in harbour if not line.startswith("   ")]
    assert starts == sorted(starts), starts
    # Stacked spans on one range: the quote only ana has is listed, the
    # fact both have is not.
    budget = blocks["city/budget.txt"]
    assert "  33–99     quote        +ana −ben" in budget, budget
    assert not any(line.startswith("  33–99     fact") for line in budget), budget
    # No attribution differs between ana and ben.
    assert "attribution" not in out
    # budget 5 (the stacked quote, two speakers, two closing quotes),
    # harbour 8, tokyo 3 (the fact, two speakers).
    assert out.rstrip().endswith("16 differences"), out[-200:]

    r = cli("agree", "--diff", "ana", "chloe")
    assert r.returncode == 0, r.stderr
    assert ("  226–261   attribution  ana: “she” (Priya Nair); chloe: “Police” (Police)\n"
            "             “Next year we will need two ferries,”\n") in r.stdout, r.stdout


def test_diff_json():
    r, d = agree_json("--diff", "ana", "ben", "chloe")
    assert r.returncode == 0, r.stderr
    diffs = d["differences"]
    attributions = [x for x in diffs if x["kind"] == "attribution"]
    assert len(attributions) == 4, attributions
    harbour = load(os.path.join(DATA, "ana", "harbour-fest.txt.attest.json"))["text"]
    first = next(x for x in attributions if x["document"] == "harbour-fest.txt" and x["a"] == "ana")
    # Code points: Python indexes str by code point.
    assert first["start"] == harbour.index("Next year"), first
    assert first["speaker_a"] == {"text": "she", "entity": "Priya Nair",
                                  "start": harbour.index("she said"), "end": harbour.index("she said") + 3}
    assert first["speaker_b"]["entity"] == "Police"
    span = next(x for x in diffs if x["kind"] == "span" and x["label"] == "fact"
                and x["document"] == "tokyo.txt")
    assert span["counts"] == {"ana": 1, "ben": 0, "chloe": 1}, span
    assert span["text"] == "東京で新しい図書館が開館した"


def test_diff_escapes_control_characters():
    d = workdir("ana", "ben")
    text = "Line one\r\nThe \u202eevil\u202c word \x1b[31mred\x1b[0m.\n"
    sidecar(os.path.join(d, "ana", "odd.txt"), text, [("fact", 5, 13)], "ana")
    sidecar(os.path.join(d, "ben", "odd.txt"), text, [("fact", 10, 34)], "ben")
    r = cli("agree", "--diff", "ana", "ben", cwd=d)
    assert r.returncode == 0, r.stderr
    assert "“one\\r\\nThe”" in r.stdout, r.stdout
    assert "\\u{202E}evil\\u{202C} word \\u{001B}[31mred" in r.stdout, r.stdout
    assert "\x1b" not in r.stdout and "\u202e" not in r.stdout and "\r" not in r.stdout
    # JSON keeps the text as it is, escaped as JSON.
    r, j = agree_json("--diff", "ana", "ben", cwd=d)
    odd = [x for x in j["differences"] if x["document"] == "odd.txt"]
    assert odd[0]["text"] == "one\r\nThe", odd


def test_texts_differ():
    d = workdir("ana", "ben")
    path = os.path.join(d, "ben", "tokyo.txt.attest.json")
    doc = load(path)
    # A character after every span: the spans stay valid, the text differs.
    set_text(doc, doc["text"].replace("語った", "言った"))
    save(path, doc)
    r, j = agree_json("ana", "ben", cwd=d)
    assert r.returncode == 1, r
    assert "attest-cli: ben/tokyo.txt.attest.json: its text differs from ana’s; left out" in r.stderr, r.stderr
    assert j["documents"] == ["city/budget.txt", "harbour-fest.txt"]
    assert j["left_out"] == [{"document": "tokyo.txt", "reason": "text-differs"}]
    # The rest is still compared.
    assert j["pairs"][0]["overall"]["exact"]["matched"] == 6


def test_unreadable_sidecar():
    d = workdir("ana", "ben")
    with open(os.path.join(d, "ana", "tokyo.txt.attest.json"), "w", encoding="utf-8") as f:
        f.write('{"format": "attest", "version": 1, "spans": [')
    r, j = agree_json("ana", "ben", cwd=d)
    assert r.returncode == 1
    assert "ana/tokyo.txt.attest.json" in r.stderr, r.stderr
    assert j["left_out"] == [{"document": "tokyo.txt", "reason": "unreadable"}]
    assert len(j["documents"]) == 2


def test_missing_document_is_a_warning():
    d = workdir("ana", "ben")
    os.remove(os.path.join(d, "ben", "city", "budget.txt.attest.json"))
    r, j = agree_json("ana", "ben", cwd=d)
    assert r.returncode == 0, r.stderr
    assert "city/budget.txt: warning: not annotated by ben; left out" in r.stderr, r.stderr
    assert j["left_out"] == [{"document": "city/budget.txt", "reason": "missing"}]


def test_sidecars_one_by_one():
    r, j = agree_json("ana/tokyo.txt.attest.json", "ben/tokyo.txt.attest.json",
                      "chloe/tokyo.txt")
    assert r.returncode == 0, r.stderr
    # Named after their folders, paired by base name.
    assert j["annotators"] == ["ana", "ben", "chloe"]
    assert j["documents"] == ["tokyo.txt"]
    # 東京で新しい図書館が開館した。館長の佐藤花子さんは「本は誰のものでもある」と語った。
    # One token per CJK character and mark: 14 + 1 + 10 + 1 + 10 + 1 + 4 + 1.
    assert j["tokens"] == 42
    ab = j["pairs"][0]["overall"]["exact"]
    assert (ab["matched"], ab["a"], ab["b"]) == (1, 3, 2)


def test_same_folder_names():
    d = tempfile.mkdtemp(prefix="attest-agree-test-")
    for who in ("ana", "ben"):
        shutil.copytree(os.path.join(DATA, who), os.path.join(d, who, "batch"))
    r, j = agree_json("ana/batch", "ben/batch", cwd=d)
    assert r.returncode == 0, r.stderr
    assert j["annotators"] == ["ana/batch", "ben/batch"]


def test_identical_annotators():
    r, j = agree_json("ana", "ana")
    assert r.returncode == 0, r.stderr
    overall = j["pairs"][0]["overall"]
    assert overall["exact"]["f1"] == 1.0 and overall["kappa"] == 1.0 and overall["alpha_u"] == 1.0
    r = cli("agree", "--diff", "ana", "ana")
    assert r.stdout.count("no differences") == 3 and "0 differences" in r.stdout, r.stdout


def test_usage_errors():
    r = cli("agree")
    assert r.returncode == 2
    assert "at least two annotators" in r.stderr, r.stderr
    assert cli("agree", "ana").returncode == 2
    assert cli("agree", "--no-such-option", "ana", "ben").returncode == 2
    r = cli("agree", "--help")
    assert r.returncode == 0 and "--diff" in r.stdout, r
    # A path that is not there is a problem found, not a usage error.
    r = cli("agree", "ana", "nobody")
    assert r.returncode == 1 and "nobody: no such file or folder" in r.stderr, r.stderr


if __name__ == "__main__":
    sys.exit(taptest.run(globals()))
