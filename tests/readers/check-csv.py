#!/usr/bin/env python3
# check-csv.py: reads an Attest CSV export with Python's csv module and
# checks every field against the sidecars it was made from.
#
# Copyright 2026 The Attest developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage:
#   python3 tests/readers/check-csv.py EXPORT.csv SIDECAR_FOLDER
#
# SIDECAR_FOLDER holds the exported articles' sidecars under their
# document names (tests/data/export for the golden file). The file is
# opened as a script would: UTF-8 without a byte order mark (one would
# end up in the first column's name), newline="" so CRLF inside quoted fields
# survives. Checks: the header, CRLF after every record, one row per quote
# span of each sidecar in span order, and every field: the quote's text
# (Python str slicing of the sidecar text at start:end, so offsets are
# code points), the speaker of the quote's first said-by relation, its
# entity's name and Wikidata id, the quote's "kind", the ids. A field the
# exporter guarded against formula injection has one leading apostrophe
# taken off first (the rule of attest-export-csv.c).
#
# Exit status 0 when every field matches, 1 otherwise.

import csv
import json
import os
import re
import sys

HEADER = ["document", "quote", "speaker", "entity", "kind", "start", "end",
          "quote_id", "speaker_id", "wikidata"]
GUARDED = re.compile(r"^'+[=+\-@\t\r]")


def unguard(field):
    return field[1:] if GUARDED.match(field) else field


def expected_rows(folder, document):
    with open(os.path.join(folder, document + ".attest.json"), encoding="utf-8") as f:
        sidecar = json.load(f)
    text = sidecar["text"]
    spans = {span["id"]: span for span in sidecar["spans"]}
    entities = {entity["id"]: entity for entity in sidecar.get("entities", [])}
    relations = sorted(sidecar.get("relations", []),
                       key=lambda r: int(r["id"][1:]) if r["id"][1:].isdigit() else 0)
    rows = []
    for span in sidecar["spans"]:
        if span["label"] != "quote":
            continue
        assert text[span["start"]:span["end"]] == span["text"]
        speaker = next((spans[r["to"]] for r in relations
                        if r["type"] == "said-by" and r["from"] == span["id"]), None)
        entity = entities.get(speaker.get("entity")) if speaker else None
        rows.append([document, span["text"],
                     speaker["text"] if speaker else "",
                     entity["name"] if entity else "",
                     span.get("attrs", {}).get("kind", ""),
                     str(span["start"]), str(span["end"]), span["id"],
                     speaker["id"] if speaker else "",
                     (entity or {}).get("wikidata", "")])
    return rows


def main(path, folder):
    problems = []
    with open(path, "rb") as f:
        raw = f.read()
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append("a UTF-8 byte order mark")

    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f, strict=True)
        rows = list(reader)
    # Outside quoted fields, CR and LF come only as CRLF, ending a record.
    text = raw.decode("utf-8")
    quoted = False
    for i, ch in enumerate(text):
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch == "\n" and (i == 0 or text[i - 1] != "\r"):
            problems.append("a bare LF ends a record at character %d" % i)
        elif not quoted and ch == "\r" and text[i + 1:i + 2] != "\n":
            problems.append("a bare CR at character %d" % i)
    if not text.endswith("\r\n"):
        problems.append("the last record does not end with CRLF")

    if rows[0] != HEADER:
        problems.append("header is %r" % rows[0])

    documents = []
    for row in rows[1:]:
        if unguard(row[0]) not in documents:
            documents.append(unguard(row[0]))
    want = []
    for document in documents:
        want.extend(expected_rows(folder, document))

    got = [[unguard(field) for field in row] for row in rows[1:]]
    if len(got) != len(want):
        problems.append("%d rows, expected %d" % (len(got), len(want)))
    n_fields = 0
    for g, w in zip(got, want):
        for name, a, b in zip(HEADER, g, w):
            n_fields += 1
            if a != b:
                problems.append("%s %s: %s is %r, expected %r" % (w[0], w[7], name, a, b))

    print("check-csv: csv module read %d rows of %d documents, %d fields compared"
          % (len(got), len(documents), n_fields))
    for problem in problems:
        print("  PROBLEM: " + problem)
    print("check-csv: %s" % ("ok" if not problems else "%d problems" % len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: check-csv.py EXPORT.csv SIDECAR_FOLDER", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
