#!/usr/bin/env python3
# check-webanno.py: a strict check of WebAnno TSV 3.3 files, from the spec
#
# Copyright 2026 The Attest developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-webanno.py [--sidecars DIR] EXPORT_FOLDER
#        check-webanno.py --inception DUMP.json --sidecar X.attest.json
#
# The first form checks every .tsv under EXPORT_FOLDER against the
# "WebAnno TSV 3.3 File format" chapter of the INCEpTION user guide, on its
# own reading of it (no code of INCEpTION's):
#
#  - the header: "#FORMAT=WebAnno TSV 3.3", span layers, then chain
#    layers, then relation layers, feature names as INCEpTION accepts
#    them, a relation layer ending in BT_ naming a span layer of the file,
#    then exactly two empty lines;
#  - sentences: #Text= lines then rows, one empty line between sentences,
#    no raw carriage return anywhere (Java's readLine() ends a line there);
#  - rows: sentence-token numbers in sequence, sub-tokens numbered in
#    sequence inside their token, offsets in UTF-16 code units that never
#    split a surrogate pair, rise from row to row, stay inside the sentence,
#    the first token starting where its #Text= starts, and the row's text
#    equal to the text rebuilt from the #Text= lines at those offsets;
#  - values: every reserved character escaped, the same number of stacked
#    values in every column of a layer, a disambiguation id on every
#    stacked and every multi-row annotation, one id meaning one annotation
#    of one layer over consecutive tokens with the same values;
#  - relations: every source and target resolves, unambiguously.
#
# With --sidecars, each X.tsv is also decoded (spans from
# webanno.custom.Attest, relations from webanno.custom.AttestRelation) and
# compared with DIR/X.txt.attest.json, the sidecar it was exported from:
# the same text, the same spans (code points from the UTF-16 offsets), the
# same relations.
#
# The second form compares what INCEpTION's own reader built from a file
# (the JSON that check-webanno-inception.sh prints) with the sidecar.
#
# Exit status: 0 when everything holds, 1 otherwise. Problems are printed
# as FILE line N: problem.

import json
import os
import re
import sys

FORMAT = "#FORMAT=WebAnno TSV 3.3"
SPAN_LAYER = "webanno.custom.Attest"
RELATION_LAYER = "webanno.custom.AttestRelation"
RESTRICTED = {
    "address", "begin", "end", "coveredText", "booleanValue", "doubleValue", "byteValue",
    "CAS", "CASImpl", "class", "featureValue", "floatValue", "longValue", "lowLevelCas",
    "printRefs", "sofa", "stringValue", "type", "typeIndexId", "view",
}
FEATURE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
UNIT_ID = re.compile(r"^(\d+)-(\d+)(?:\.(\d+))?$")
REF = re.compile(r"^(\d+-\d+(?:\.\d+)?)(?:\[(\d+)_(\d+)\])?$")
VALUE_ESCAPES = ["\\\\", "\\[", "\\]", "\\|", "\\_", "\\->", "\\;", "\\t", "\\n", "\\*"]
VALUE_PLAIN = ["\\", "[", "]", "|", "_", "->", ";", "\t", "\n", "*"]
TEXT_ESCAPES = {"t": "\t", "n": "\n", "f": "\f", "r": "\r", "b": "\b", "\\": "\\"}


class Problem(Exception):
    pass


def unescape_text(text, where):
    out = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\":
            if i + 1 >= len(text):
                raise Problem(f"{where}: a backslash at the end of #Text=")
            n = text[i + 1]
            if n in TEXT_ESCAPES:
                out.append(TEXT_ESCAPES[n])
            elif ord(n) < 0x20 and not 8 <= ord(n) <= 13:
                out.append(n)
            else:
                raise Problem(f"{where}: “\\{n}” is not an escape of #Text=")
            i += 2
            continue
        if ord(c) < 0x20 and c != "\v":
            raise Problem(f"{where}: control character U+{ord(c):04X} not escaped in #Text=")
        out.append(c)
        i += 1
    return "".join(out)


def escape_text(text):
    out = []
    for c in text:
        if c in "\t\n\f\r\b\\":
            out.append({"\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", "\b": "\\b",
                        "\\": "\\\\"}[c])
        elif ord(c) < 0x20 and c != "\v":
            out.append("\\" + c)
        else:
            out.append(c)
    return "".join(out)


def unescape_value(value, where):
    """A feature value; every reserved character must be escaped."""
    out = []
    i = 0
    while i < len(value):
        for esc, plain in zip(VALUE_ESCAPES, VALUE_PLAIN):
            if value.startswith(esc, i):
                out.append(plain)
                i += len(esc)
                break
        else:
            for plain in ("->", "[", "]", "|", "_", ";", "*", "\\", "\t"):
                if value.startswith(plain, i):
                    raise Problem(f"{where}: “{plain}” not escaped in value “{value}”")
            out.append(value[i])
            i += 1
    return "".join(out)


def split_stack(field):
    pieces, start, i = [], 0, 0
    while i < len(field):
        if field[i] == "\\":
            i += 2
            continue
        if field[i] == "|":
            pieces.append(field[start:i])
            start = i + 1
        i += 1
    pieces.append(field[start:])
    return pieces


def split_id(piece):
    m = re.match(r"^(.*)\[(\d+)\]$", piece, re.S)
    if m and not re.search(r"(?<!\\)(\\\\)*\\$", m.group(1)):
        return m.group(1), int(m.group(2))
    return piece, None


def utf16(text):
    return text.encode("utf-16-le")


def slice16(data, begin, end):
    return data[2 * begin:2 * end].decode("utf-16-le")


def splits_pair(data, offset):
    if offset <= 0 or 2 * offset >= len(data):
        return False
    unit = int.from_bytes(data[2 * offset:2 * offset + 2], "little")
    return 0xDC00 <= unit <= 0xDFFF


class Layer:
    def __init__(self, kind, name, features, line):
        self.kind, self.name, self.features, self.line = kind, name, features, line
        self.base = None


def parse_header(lines, where):
    if not lines or lines[0] != FORMAT:
        raise Problem(f"{where} line 1: expected “{FORMAT}”")
    layers, order, n = [], {"SP": 0, "CH": 1, "RL": 2}, 1
    while n < len(lines) and lines[n] != "":
        m = re.match(r"^#T_(SP|CH|RL)=(.*)$", lines[n])
        if not m:
            raise Problem(f"{where} line {n + 1}: not a layer declaration")
        kind, fields = m.group(1), m.group(2).split("|")
        if layers and order[kind] < order[layers[-1].kind]:
            raise Problem(f"{where} line {n + 1}: span, chain, relation layers out of order")
        name, features = fields[0], fields[1:]
        if not name or name in [layer.name for layer in layers]:
            raise Problem(f"{where} line {n + 1}: missing or repeated layer name")
        layer = Layer(kind, name, features, n + 1)
        if kind == "RL":
            if not features or not features[-1].startswith("BT_"):
                raise Problem(f"{where} line {n + 1}: a relation layer ends with BT_")
            layer.base = features[-1][3:]
            features = features[:-1]
        for feature in features:
            if (not FEATURE_NAME.match(feature) or feature in RESTRICTED or "__" in feature
                    or feature in ("Governor", "Dependent")):
                raise Problem(f"{where} line {n + 1}: “{feature}” is not a feature name")
        layer.features = features
        layers.append(layer)
        n += 1
    for layer in layers:
        if layer.kind == "RL" and layer.base not in [l.name for l in layers if l.kind == "SP"]:
            raise Problem(f"{where} line {layer.line}: BT_{layer.base} is not a span layer here")
    if lines[n:n + 2] != ["", ""]:
        raise Problem(f"{where} line {n + 1}: expected two empty lines after the header")
    return layers, n + 2


def columns_of(layer):
    if layer.kind == "RL":
        return len(layer.features) + 1
    if layer.kind == "CH":
        return 2
    return max(len(layer.features), 1)


class Doc:
    pass


def check_file(path, display):
    raw = open(path, "rb").read()
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise Problem(f"{display}: not UTF-8 ({e})")
    if "\r" in content:
        line = content[:content.index("\r")].count("\n") + 1
        raise Problem(f"{display} line {line}: a raw carriage return ends a line for Java")
    if not content.endswith("\n") or content.endswith("\n\n"):
        raise Problem(f"{display}: the file must end with one line feed after its last row")
    lines = content[:-1].split("\n")
    layers, n = parse_header(lines, display)

    doc = Doc()
    doc.layers = layers
    text = ""           # as the reader rebuilds it (a str; offsets checked in UTF-16)
    units = []          # dicts
    sentences = []
    tokens_of = []      # per sentence: list of unit indices of its tokens
    annos = {}          # disambiguation id -> dict
    plain = []          # annotations without an id
    links = []
    ncols = sum(columns_of(layer) for layer in layers)

    while n < len(lines):
        if sentences:
            if lines[n] != "":
                raise Problem(f"{display} line {n + 1}: expected an empty line between sentences")
            n += 1
        header_start = n
        pending = []
        while n < len(lines) and lines[n].startswith("#"):
            if lines[n].startswith("#Text="):
                pending.append(unescape_text(lines[n][6:], f"{display} line {n + 1}"))
            elif not lines[n].startswith("#Sentence.id="):
                raise Problem(f"{display} line {n + 1}: unknown sentence header")
            n += 1
        if not pending:
            raise Problem(f"{display} line {header_start + 1}: a sentence without #Text=")
        sentence_text = "\n".join(pending) + "\n"
        if n >= len(lines) or lines[n] == "":
            raise Problem(f"{display} line {n + 1}: a sentence without rows")
        number = len(sentences) + 1
        tokens_of.append([])
        first = True
        while n < len(lines) and lines[n] != "":
            where = f"{display} line {n + 1}"
            fields = lines[n].split("\t")
            if len(fields) != ncols + 4 or fields[-1] != "":
                raise Problem(f"{where}: expected {ncols + 3} fields and a closing tab")
            m = UNIT_ID.match(fields[0])
            om = re.match(r"^(\d+)-(\d+)$", fields[1])
            if not m or not om:
                raise Problem(f"{where}: bad row id or offsets")
            s, t, sub = int(m.group(1)), int(m.group(2)), m.group(3)
            begin, end = int(om.group(1)), int(om.group(2))
            if begin > end:
                raise Problem(f"{where}: begin after end")
            toks = tokens_of[-1]
            if sub is None:
                if s != number or t != len(toks) + 1:
                    raise Problem(f"{where}: row {fields[0]} out of order")
                if first:
                    length = len(utf16(text)) // 2
                    if length > begin:
                        if length != begin + 1:
                            raise Problem(f"{where}: the sentence starts inside the one before")
                        text = text[:-1]
                    text += " " * (begin - len(utf16(text)) // 2)
                    start16 = len(utf16(text)) // 2
                    text += sentence_text
                    sentences.append((start16, len(utf16(text)) // 2 - 1))
                    first = False
                elif begin < units[toks[-1]]["end"]:
                    raise Problem(f"{where}: overlaps the token before it")
                unit = {"id": fields[0], "begin": begin, "end": end, "line": n + 1, "subs": 0,
                        "sentence": number, "token": len(toks), "members": [], "text": fields[2]}
                toks.append(len(units))
            else:
                if first or s != number or t != len(toks) or int(sub) != units[toks[-1]]["subs"] + 1:
                    raise Problem(f"{where}: sub-token {fields[0]} out of order")
                host = units[toks[-1]]
                host["subs"] += 1
                if begin < host["begin"] or end > host["end"]:
                    raise Problem(f"{where}: sub-token outside its token")
                unit = {"id": fields[0], "begin": begin, "end": end, "line": n + 1, "subs": 0,
                        "sentence": number, "token": host["token"], "members": [],
                        "text": fields[2], "host": toks[-1]}
            if end > sentences[-1][1]:
                raise Problem(f"{where}: ends past its sentence")
            units.append(unit)
            index = len(units) - 1

            col = 3
            for li, layer in enumerate(layers):
                width = columns_of(layer)
                cells = fields[col:col + width]
                col += width
                if layer.kind == "CH":
                    continue
                if all(c == "_" for c in cells):
                    continue
                if any(c == "_" for c in cells):
                    raise Problem(f"{where}: {layer.name} is empty in some columns only")
                stacks = [split_stack(c) for c in cells]
                if len({len(st) for st in stacks}) != 1:
                    raise Problem(f"{where}: {layer.name} has different stack heights")
                height = len(stacks[0])
                for k in range(height):
                    pieces = [st[k] for st in stacks]
                    if layer.kind == "RL":
                        ref = REF.match(pieces[-1])
                        if not ref:
                            raise Problem(f"{where}: “{pieces[-1]}” is not a reference")
                        values = [None if p == "*" else unescape_value(p, where) for p in pieces[:-1]]
                        links.append({"layer": li, "unit": index, "line": n + 1, "values": values,
                                      "source": ref.group(1),
                                      "sid": int(ref.group(2) or 0), "tid": int(ref.group(3) or 0)})
                        continue
                    split = [split_id(p) for p in pieces]
                    ids = {i for _, i in split}
                    if len(ids) != 1:
                        raise Problem(f"{where}: the columns of one annotation disagree on its id")
                    aid = ids.pop()
                    values = [None if v == "*" else unescape_value(v, where) for v, _ in split]
                    if height > 1 and aid is None:
                        raise Problem(f"{where}: a stacked annotation without an id")
                    if aid is None:
                        anno = {"layer": li, "units": [index], "values": values, "line": n + 1}
                        plain.append(anno)
                    elif aid in annos:
                        anno = annos[aid]
                        if anno["layer"] != li or anno["values"] != values:
                            raise Problem(f"{where}: [{aid}] differs from line {anno['line']}")
                        if index in anno["units"]:
                            raise Problem(f"{where}: [{aid}] twice on one row")
                        anno["units"].append(index)
                    else:
                        anno = {"layer": li, "units": [index], "values": values, "line": n + 1,
                                "id": aid}
                        annos[aid] = anno
                    unit["members"].append(anno)
            n += 1

    data = utf16(text)
    for unit in units:
        where = f"{display} line {unit['line']}"
        for offset in (unit["begin"], unit["end"]):
            if splits_pair(data, offset):
                raise Problem(f"{where}: offset {offset} splits a surrogate pair")
        there = slice16(data, unit["begin"], unit["end"])
        if unit["text"] != there and unit["text"] != escape_text(there):
            raise Problem(f"{where}: the row says “{unit['text']}”, the text has “{there}”")

    by_id = {u["id"]: i for i, u in enumerate(units)}
    # An annotation over several tokens covers every token between them.
    position = {u: i for i, u in enumerate(u for toks in tokens_of for u in toks)}
    for aid, anno in annos.items():
        idx = sorted(position[u] for u in anno["units"] if u in position)
        if idx and idx != list(range(idx[0], idx[0] + len(idx))):
            raise Problem(f"{display} line {anno['line']}: [{aid}] is not on consecutive tokens")

    def resolve(unit_index, aid, base, link):
        where = f"{display} line {link['line']}"
        if aid > 0:
            anno = annos.get(aid)
            if anno is None or layers[anno["layer"]].name != base:
                raise Problem(f"{where}: [{aid}] is not a {base} annotation")
            if unit_index not in anno["units"]:
                raise Problem(f"{where}: [{aid}] is not on row {units[unit_index]['id']}")
            return anno
        cands = [m for m in units[unit_index]["members"] if layers[m["layer"]].name == base]
        if len(cands) != 1:
            raise Problem(f"{where}: row {units[unit_index]['id']} has {len(cands)} {base} "
                          "annotations; the reference needs an id")
        return cands[0]

    relations = []
    for link in links:
        layer = layers[link["layer"]]
        if link["source"] not in by_id:
            raise Problem(f"{display} line {link['line']}: no row {link['source']}")
        source = resolve(by_id[link["source"]], link["sid"], layer.base, link)
        target = resolve(link["unit"], link["tid"], layer.base, link)
        relations.append((layer, link["values"], source, target))

    doc.text = text
    doc.units = units
    doc.annotations = list(annos.values()) + plain
    doc.relations = relations
    return doc


def span_range(doc, anno, data):
    rows = [doc.units[u] for u in anno["units"]]
    begin16, end16 = rows[0]["begin"], rows[-1]["end"]
    return len(slice16(data, 0, begin16)), len(slice16(data, 0, end16))


def decoded(doc):
    """Spans and relations of Attest's layers, in code points."""
    data = utf16(doc.text)
    spans, keyed = [], {}
    for anno in doc.annotations:
        layer = doc.layers[anno["layer"]]
        if layer.name != SPAN_LAYER:
            continue
        values = dict(zip(layer.features, anno["values"]))
        start, end = span_range(doc, anno, data)
        fixed = ("label", "note", "entity", "entityName", "entityKind", "wikidata", "aliases")
        attrs = {k: v for k, v in values.items() if k not in fixed and v is not None}
        span = (start, end, values.get("label"), tuple(sorted(attrs.items())), values.get("note"))
        spans.append(span)
        keyed[id(anno)] = span
    relations = []
    for layer, values, source, target in doc.relations:
        if layer.name == RELATION_LAYER:
            relations.append((values[layer.features.index("relation")],
                              keyed[id(source)][:3], keyed[id(target)][:3]))
    return sorted(spans), sorted(relations)


def expected(sidecar):
    ids = {}
    spans = []
    for s in sidecar["spans"]:
        span = (s["start"], s["end"], s["label"], tuple(sorted(s.get("attrs", {}).items())),
                s.get("note"))
        ids[s["id"]] = span
        spans.append(span)
    relations = [(r["type"], ids[r["from"]][:3], ids[r["to"]][:3]) for r in sidecar["relations"]]
    text = sidecar["text"]
    return text if text.endswith("\n") else text + "\n", sorted(spans), sorted(relations)


def compare(display, got_text, got_spans, got_relations, sidecar):
    text, spans, relations = expected(sidecar)
    problems = []
    if got_text != text:
        problems.append(f"{display}: the text differs from the sidecar's")
    if got_spans != spans:
        problems.append(f"{display}: spans differ: {sorted(set(got_spans) ^ set(spans))}")
    if got_relations != relations:
        problems.append(f"{display}: relations differ: "
                        f"{sorted(set(got_relations) ^ set(relations))}")
    return problems


def compare_inception(dump_path, sidecar_path):
    dump = json.load(open(dump_path, encoding="utf-8"))
    sidecar = json.load(open(sidecar_path, encoding="utf-8"))
    text = dump["text"]
    data = utf16(text)

    def cp(offset):
        return len(slice16(data, 0, offset))

    spans, keyed = [], {}
    for i, a in enumerate(dump["annotations"]):
        if a["type"] != SPAN_LAYER:
            continue
        f = a["features"]
        fixed = ("label", "note", "entity", "entityName", "entityKind", "wikidata", "aliases")
        attrs = {k: v for k, v in f.items() if k not in fixed and v is not None}
        span = (cp(a["begin"]), cp(a["end"]), f.get("label"), tuple(sorted(attrs.items())),
                f.get("note"))
        spans.append(span)
        keyed[i] = span
    relations = []
    for a in dump["annotations"]:
        if a["type"] == RELATION_LAYER:
            f = a["features"]
            relations.append((f["relation"], keyed[f["Governor"]][:3], keyed[f["Dependent"]][:3]))
    return compare(os.path.basename(dump_path), text, sorted(spans), sorted(relations), sidecar)


def main(argv):
    if len(argv) == 5 and argv[1] == "--inception" and argv[3] == "--sidecar":
        problems = compare_inception(argv[2], argv[4])
        for p in problems:
            print(p)
        return 1 if problems else 0

    sidecars = None
    args = argv[1:]
    if len(args) == 3 and args[0] == "--sidecars":
        sidecars, args = args[1], args[2:]
    if len(args) != 1:
        print(__doc__ or "usage: check-webanno.py [--sidecars DIR] EXPORT_FOLDER", file=sys.stderr)
        return 2

    root = args[0]
    problems, n_files = [], 0
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(".tsv"):
                continue
            path = os.path.join(folder, name)
            display = os.path.relpath(path, root)
            n_files += 1
            try:
                doc = check_file(path, display)
            except Problem as e:
                problems.append(str(e))
                continue
            if sidecars is not None:
                stem = display[:-4]
                sidecar_path = os.path.join(sidecars, stem + ".txt.attest.json")
                sidecar = json.load(open(sidecar_path, encoding="utf-8"))
                spans, relations = decoded(doc)
                problems += compare(display, doc.text, spans, relations, sidecar)

    for p in problems:
        print(p)
    print(f"check-webanno: {n_files} files, {len(problems)} problems")
    return 1 if problems or n_files == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
