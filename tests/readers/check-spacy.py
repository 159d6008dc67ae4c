#!/usr/bin/env python3
# check-spacy.py: loads an Attest spaCy / Prodigy JSONL export the way a
# spaCy user does and checks every span and relation.
#
# Copyright 2026 The Attest developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage:
#   python3 tests/readers/check-spacy.py EXPORT.jsonl
#
# With spaCy installed, each task's text becomes a Doc of spacy.blank()
# (the task's attest_language, "xx" when spaCy has no such language) and
# every span goes through doc.char_span(start, end, label=...): it must not
# be None and its text must be the span's "text". A span that does not
# fall on the blank tokenizer's token boundaries is None in spaCy's strict
# mode whatever its offsets; those are retried with alignment_mode
# "expand", whose span must then contain the text at [start, end), and
# are reported apart, since they say which spans a user's tokenizer must
# split at, not that an offset is wrong.
#
# Without spaCy (Debian 12 does not package it), the same offsets are
# checked with Python str slicing, which is what Doc.char_span() indexes:
# text[start:end] must be the span's "text". The output says which ran.
#
# Relations: head_span and child_span must be spans of the task (same
# start, end, label), and head_id / child_id the ids of those spans.
#
# Exit status 0 when nothing is wrong, 1 otherwise.

import json
import sys

try:
    import spacy
except ImportError:
    spacy = None


def blank(cache, language):
    language = language or "xx"
    if language not in cache:
        try:
            cache[language] = spacy.blank(language)
        except Exception:
            cache[language] = cache.get("xx") or spacy.blank("xx")
    return cache[language]


def main(path):
    problems = []
    not_aligned = []
    n_tasks = n_spans = n_relations = 0
    cache = {}

    with open(path, encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    if lines[-1] != "":
        problems.append("the file does not end with a newline")
    for number, line in enumerate(lines[:-1], 1):
        task = json.loads(line)
        text = task["text"]
        source = task.get("meta", {}).get("source", "line %d" % number)
        doc = None
        if spacy is not None:
            doc = blank(cache, task.get("attest_language")).make_doc(text)
        n_tasks += 1

        by_id = {}
        for span in task["spans"]:
            n_spans += 1
            start, end, label = span["start"], span["end"], span["label"]
            by_id[span["id"]] = span
            where = "%s %s [%d, %d)" % (source, span["id"], start, end)
            if text[start:end] != span["text"]:
                problems.append("%s: text[start:end] is %r, not %r"
                                % (where, text[start:end], span["text"]))
                continue
            if doc is None:
                continue
            found = doc.char_span(start, end, label=label)
            if found is None:
                wide = doc.char_span(start, end, label=label, alignment_mode="expand")
                if wide is None or span["text"] not in wide.text:
                    problems.append("%s: char_span is None even when expanded" % where)
                else:
                    not_aligned.append("%s %r inside token(s) %r" % (where, span["text"], wide.text))
            elif found.text != span["text"] or found.label_ != label:
                problems.append("%s: char_span gives %r (%s)" % (where, found.text, found.label_))

        for relation in task["relations"]:
            n_relations += 1
            for end_name in ("head", "child"):
                ref = relation[end_name + "_span"]
                span = by_id.get(relation[end_name + "_id"])
                if span is None or (span["start"], span["end"], span["label"]) != (
                        ref["start"], ref["end"], ref["label"]):
                    problems.append("%s %s: %s_span does not match %s_id"
                                    % (source, relation["id"], end_name, end_name))

    if spacy is not None:
        print("check-spacy: spaCy %s, Doc.char_span() over %d tasks, %d spans, %d relations"
              % (spacy.__version__, n_tasks, n_spans, n_relations))
        for item in not_aligned:
            print("  not on blank-tokenizer boundaries (strict char_span is None): " + item)
    else:
        print("check-spacy: spaCy is not installed; Python str slicing over %d tasks, "
              "%d spans, %d relations" % (n_tasks, n_spans, n_relations))
    for problem in problems:
        print("  PROBLEM: " + problem)
    print("check-spacy: %s" % ("ok" if not problems else "%d problems" % len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: check-spacy.py EXPORT.jsonl", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
