#!/bin/sh
# check-conll.sh: a CoNLL export read by conlleval, and by a reader of our own
#
# Copyright 2026 The Attest developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-conll.sh CONLLEVAL EXPORT.conll [SIDECAR...]
#
# CONLLEVAL is the CoNLL-2000 shared task's conlleval Perl script (not
# shipped with Attest; any copy of it). The export's tag column is given
# to it twice, as gold and as guessed: it must read every line and score
# 100.00 accuracy and FB1, with as many chunks per label as the export
# has B- tags.
#
# With the sidecars of the exported documents, in export order, a Python
# reader of our own also decodes each document's B-/I- runs to code-point
# spans and checks that they are exactly the spans the rule in
# src/core/attest-export-conll.c keeps, computed here independently.
#
# Exits 0 when everything holds, 1 with a message otherwise.

set -eu

if [ $# -lt 2 ]; then
  echo "usage: $0 CONLLEVAL EXPORT.conll [SIDECAR...]" >&2
  exit 2
fi

conlleval=$1
export_file=$2
shift 2

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Gold = guessed: repeat the last column.
awk '{ if (NF == 0) print ""; else print $0 " " $NF }' "$export_file" > "$work/doubled"

if ! perl "$conlleval" < "$work/doubled" > "$work/report" 2> "$work/errors"; then
  echo "check-conll: conlleval failed:" >&2
  cat "$work/errors" "$work/report" >&2
  exit 1
fi
cat "$work/report"

# B- tags per label, as the export has them.
awk 'NF > 0 && $NF ~ /^B-/ { sub(/^B-/, "", $NF); n[$NF]++ }
     END { for (l in n) print l, n[l] }' "$export_file" | sort > "$work/expected"
total=$(awk '{ s += $2 } END { print s + 0 }' "$work/expected")
tokens=$(awk 'NF > 0 { n++ } END { print n + 0 }' "$export_file")

python3 - "$work/report" "$work/expected" "$total" "$tokens" <<'EOF'
import re
import sys

report = open(sys.argv[1], encoding="utf-8").read()
expected = dict(line.split() for line in open(sys.argv[2], encoding="utf-8") if line.strip())
total = int(sys.argv[3])
tokens = int(sys.argv[4])
problems = []

m = re.search(r"processed (\d+) tokens with (\d+) phrases; found: (\d+) phrases; correct: (\d+)\.",
              report)
if not m:
    problems.append("no summary line in conlleval's report")
else:
    processed, phrases, found, correct = map(int, m.groups())
    if processed != tokens:
        problems.append(f"conlleval processed {processed} tokens, the export has {tokens} lines")
    if not phrases == found == correct == total:
        problems.append(f"phrases {phrases}, found {found}, correct {correct}; expected {total}")

if "accuracy: 100.00%" not in report:
    problems.append("accuracy is not 100.00%")
if total > 0 and not re.search(r"precision: 100\.00%; recall: 100\.00%; FB1: 100\.00\n", report):
    problems.append("overall FB1 is not 100.00")

seen = {}
for label, fb1, count in re.findall(r"^\s*(\S+): precision: +[\d.]+%; recall: +[\d.]+%; "
                                    r"FB1: +([\d.]+) +(\d+)$", report, re.M):
    seen[label] = count
    if fb1 != "100.00":
        problems.append(f"{label}: FB1 {fb1}")
if seen != expected:
    problems.append(f"chunks per label {seen}, expected {expected}")

for p in problems:
    print("check-conll: conlleval: " + p, file=sys.stderr)
sys.exit(1 if problems else 0)
EOF

if [ $# -eq 0 ]; then
  echo "check-conll: conlleval agrees ($total chunks, $tokens token lines)"
  exit 0
fi

python3 - "$export_file" "$@" <<'EOF'
import json
import sys
import unicodedata

# What the tokenizer treats as a separator beyond str.isspace(): zero-width
# space, word joiner, BOM, bidi marks and embeddings.
INVISIBLE = set("\u200b\u2060\ufeff\u200e\u200f\u061c\u180e"
                "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def fail(message):
    print("check-conll: " + message, file=sys.stderr)
    sys.exit(1)


def read_documents(path):
    """Splits the export into documents of sentences of (token, tag)."""
    documents = []
    lines = open(path, encoding="utf-8", newline="\n").read().split("\n")
    if lines[-1] != "":
        fail("the export does not end with a newline")
    lines.pop()
    i = 0
    while i < len(lines):
        if lines[i] != "-DOCSTART- O":
            fail(f"line {i + 1}: expected -DOCSTART- O, found {lines[i]!r}")
        if i + 1 >= len(lines) or lines[i + 1] != "":
            fail(f"line {i + 2}: expected a blank line after -DOCSTART-")
        i += 2
        document = []
        sentence = []
        while i < len(lines) and lines[i] != "-DOCSTART- O":
            line = lines[i]
            if line == "":
                if not sentence:
                    fail(f"line {i + 1}: an empty sentence")
                document.append(sentence)
                sentence = []
            else:
                columns = line.split(" ")
                if len(columns) != 2 or columns != line.split():
                    fail(f"line {i + 1}: {line!r} is not TOKEN TAG")
                sentence.append((i + 1, columns[0], columns[1]))
            i += 1
        if sentence:
            fail(f"line {i}: the last sentence has no blank line after it")
        documents.append(document)
    return documents


def decode(document, text, name):
    """Code-point offsets of every token, and the chunks as (start, end, label)."""
    pos = 0
    tokens = []
    chunks = []
    for sentence in document:
        label = None
        for number, token, tag in sentence:
            at = text.find(token, pos)
            if at < 0:
                fail(f"{name}: line {number}: {token!r} is not in the text after {pos}")
            gap = text[pos:at]
            if any(not (c.isspace() or c in INVISIBLE) for c in gap):
                fail(f"{name}: line {number}: {gap!r} before {token!r} is not in any token")
            tokens.append((at, at + len(token)))
            pos = at + len(token)
            if tag == "O":
                label = None
            elif tag.startswith("B-"):
                label = tag[2:]
                chunks.append([len(tokens) - 1, len(tokens), label])
            elif tag.startswith("I-"):
                if label != tag[2:]:
                    fail(f"{name}: line {number}: {tag} does not continue a chunk")
                chunks[-1][1] = len(tokens)
            else:
                fail(f"{name}: line {number}: {tag!r} is not an IOB2 tag")
    rest = text[pos:]
    if any(not (c.isspace() or c in INVISIBLE) for c in rest):
        fail(f"{name}: {rest!r} at the end is not in any token")
    return tokens, [(tokens[a][0], tokens[b - 1][1], label) for a, b, label in chunks]


def kept_spans(spans, tokens):
    """The rule, written again from its description: a span covers the
    tokens it touches; taken by first token, then the longer, then sidecar
    order; one that shares a token with a span taken is dropped."""
    candidates = []
    for index, span in enumerate(spans):
        start, end = span["start"], span["end"]
        touched = [i for i, (a, b) in enumerate(tokens) if a < end and b > start]
        if start == end or not touched:
            continue
        candidates.append((touched[0], -(touched[-1] + 1), index))
    candidates.sort()
    kept = []
    frontier = 0
    for first, minus_last, index in candidates:
        if first >= frontier:
            frontier = -minus_last
            label = "".join("_" if c.isspace() or unicodedata.category(c) in ("Cc", "Zs") else c
                            for c in spans[index]["label"])
            kept.append((tokens[first][0], tokens[frontier - 1][1], label))
    return sorted(kept)


documents = read_documents(sys.argv[1])
sidecars = sys.argv[2:]
if len(documents) != len(sidecars):
    fail(f"{len(documents)} documents in the export, {len(sidecars)} sidecars given")

n_chunks = 0
for document, path in zip(documents, sidecars):
    sidecar = json.load(open(path, encoding="utf-8"))
    tokens, chunks = decode(document, sidecar["text"], path)
    expected = kept_spans(sidecar["spans"], tokens)
    if sorted(chunks) != expected:
        fail(f"{path}: chunks {sorted(chunks)}\n  expected {expected}")
    n_chunks += len(chunks)

print(f"check-conll: {len(documents)} documents, {n_chunks} chunks decode to the spans kept")
EOF
