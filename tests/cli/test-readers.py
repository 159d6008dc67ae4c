#!/usr/bin/env python3
# test-readers.py: attest-cli's exports of the fixtures, read by other
# tools' readers.
#
# Checkers that need nothing from outside the project run always: the
# CSV module, Python str slicing for spaCy (or spaCy itself when it is
# installed), JavaScript string slicing as doccano's editor does (node),
# and the WebAnno TSV 3.3 validator written from the specification. The
# real readers of other projects are not part of Attest and are not
# fetched by the suite; point these variables at a checkout to run them
# too (HACKING.md says how), otherwise their cases are skipped:
#   ATTEST_BRAT_CHECKOUT     nlplab/brat (server/src/annotation.py)
#   ATTEST_CONLLEVAL         the conlleval Perl script
#   ATTEST_W3C_TESTS         w3c/web-annotation-tests, with NODE_PATH holding ajv@6
#   ATTEST_LABELSTUDIO_BUILD the build/ folder of @heartexlabs/label-studio 1.4.0
#
# Copyright 2026 The Attest developers
# SPDX-License-Identifier: GPL-3.0-or-later

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
READERS = os.path.join(SOURCE, "tests", "readers")
FIXTURES = os.path.join(DATA, "export")
WORK = tempfile.mkdtemp(prefix="attest-readers-")
CORPUS = os.path.join(WORK, "corpus")

shutil.copytree(FIXTURES, CORPUS, ignore=shutil.ignore_patterns("golden", "brat", "webanno", "spacy",
                                                               "doccano", "labelstudio"))


def export(fmt, name):
    out = os.path.join(WORK, name)
    r = subprocess.run([CLI, "export", "-q", "-f", fmt, "-o", out, CORPUS],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return out


def check(*argv):
    r = subprocess.run(list(argv), capture_output=True, text=True, timeout=300)
    for line in (r.stdout + r.stderr).splitlines()[-6:]:
        print("# " + line)
    assert r.returncode == 0, (argv, r.stdout[-2000:], r.stderr[-2000:])


def skip(why):
    """Returned by a case whose reader is not here (taptest prints SKIP)."""
    return "SKIP " + why


def test_csv_module():
    check(sys.executable, os.path.join(READERS, "check-csv.py"), export("csv", "out.csv"), CORPUS)


def test_spacy_offsets():
    check(sys.executable, os.path.join(READERS, "check-spacy.py"), export("spacy", "out.spacy.jsonl"))


def test_doccano_offsets_in_javascript():
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        return skip("node is not installed")
    check(node, os.path.join(READERS, "check-doccano.js"), export("doccano", "out.doccano.jsonl"))


def test_webanno_tsv_validator():
    check(sys.executable, os.path.join(READERS, "check-webanno.py"), "--sidecars", CORPUS,
          export("webanno", "webanno"))


def test_brat_parser():
    brat = os.environ.get("ATTEST_BRAT_CHECKOUT")
    if not brat:
        return skip("ATTEST_BRAT_CHECKOUT is not set")
    check(sys.executable, os.path.join(READERS, "check-brat.py"), brat, export("brat", "brat"),
          "--sidecars", CORPUS, "--verify")


def test_conlleval():
    conlleval = os.environ.get("ATTEST_CONLLEVAL")
    if not conlleval:
        return skip("ATTEST_CONLLEVAL is not set")
    sidecars = [os.path.join(d, f) for d, _, fs in os.walk(CORPUS) for f in sorted(fs) if f.endswith(".attest.json")]
    check("bash", os.path.join(READERS, "check-conll.sh"), conlleval, export("conll", "out.conll"), *sorted(sidecars))


def test_w3c_test_schemas():
    tests = os.environ.get("ATTEST_W3C_TESTS")
    node = shutil.which("node") or shutil.which("nodejs")
    if not tests or node is None:
        return skip("ATTEST_W3C_TESTS is not set or node is missing")
    check(node, os.path.join(READERS, "check-w3c.js"), tests, export("w3c", "out.jsonld"))


def test_labelstudio_frontend():
    build = os.environ.get("ATTEST_LABELSTUDIO_BUILD")
    node = shutil.which("node") or shutil.which("nodejs")
    if not build or node is None:
        return skip("ATTEST_LABELSTUDIO_BUILD is not set or node is missing")
    out = export("labelstudio", "out.json")
    check(node, os.path.join(READERS, "check-labelstudio.js"), build, out, os.path.join(WORK, "out.config.xml"))


sys.exit(taptest.run(globals()))
