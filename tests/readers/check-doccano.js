#!/usr/bin/env node
// check-doccano.js: checks an Attest doccano JSONL export the way
// doccano's annotation view reads it.
//
// Copyright 2026 The Attest developers
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Usage:
//   node tests/readers/check-doccano.js EXPORT.jsonl
//
// doccano (1.5 and later) draws sequence labelling with v-annotator, whose
// Text class slices the JavaScript string: Text.substr(from, length) is
// String.prototype.substr and its "codePointLength" is String.length, so
// offsets are UTF-16 code units. This script slices the same way and
// checks, per line, what doccano's importer needs (pydantic models in
// backend/data_import/pipeline/label.py): integer entity ids, a non-empty
// label, 0 <= start_offset < end_offset <= text.length, and relations
// whose from_id and to_id name entities of the line. Each entity's text
// must be text.substr(start_offset, end_offset - start_offset); as a
// control, it also counts the entities whose code-point slice
// (Array.from) would differ, which must be non-zero for the fixtures
// (they have emoji and an astral CJK character before spans).
//
// Exit status 0 when nothing is wrong, 1 otherwise.

'use strict';

const fs = require('fs');

const file = process.argv[2];
if (!file) {
  console.error('usage: check-doccano.js EXPORT.jsonl');
  process.exit(2);
}

const problems = [];
let nLines = 0;
let nEntities = 0;
let nRelations = 0;
let nWouldDiffer = 0;

const lines = fs.readFileSync(file, 'utf8').split('\n');
if (lines.pop() !== '')
  problems.push('the file does not end with a newline');

lines.forEach((line, index) => {
  const example = JSON.parse(line);
  const text = example.text;
  const where = example.attest_name || `line ${index + 1}`;
  const ids = new Set();

  nLines++;
  if (typeof text !== 'string')
    problems.push(`${where}: no text`);

  for (const entity of example.entities) {
    nEntities++;
    const name = `${where} entity ${entity.id} (${entity.attest_id})`;
    if (!Number.isInteger(entity.id) || ids.has(entity.id))
      problems.push(`${name}: id is not a unique integer`);
    ids.add(entity.id);
    if (typeof entity.label !== 'string' || entity.label.length === 0)
      problems.push(`${name}: no label`);
    if (!(Number.isInteger(entity.start_offset) && Number.isInteger(entity.end_offset) &&
          entity.start_offset >= 0 && entity.start_offset < entity.end_offset &&
          entity.end_offset <= text.length)) {
      problems.push(`${name}: offsets ${entity.start_offset}-${entity.end_offset} out of range`);
      continue;
    }
    const shown = text.substr(entity.start_offset, entity.end_offset - entity.start_offset);
    if (shown !== entity.text)
      problems.push(`${name}: doccano shows ${JSON.stringify(shown)}, not ${JSON.stringify(entity.text)}`);
    const byCodePoint = Array.from(text).slice(entity.start_offset, entity.end_offset).join('');
    if (byCodePoint !== entity.text)
      nWouldDiffer++;
  }

  for (const relation of example.relations) {
    nRelations++;
    if (!ids.has(relation.from_id) || !ids.has(relation.to_id))
      problems.push(`${where} relation ${relation.id}: from_id or to_id names no entity`);
    if (typeof relation.type !== 'string' || relation.type.length === 0)
      problems.push(`${where} relation ${relation.id}: no type`);
  }
});

console.log(`check-doccano: ${nLines} lines, ${nEntities} entities, ${nRelations} relations; ` +
            `UTF-16 slicing (String.prototype.substr, as v-annotator) checked every entity; ` +
            `${nWouldDiffer} entities would show other text if read as code points`);
for (const problem of problems)
  console.log(`  PROBLEM: ${problem}`);
console.log(`check-doccano: ${problems.length === 0 ? 'ok' : `${problems.length} problems`}`);
process.exit(problems.length === 0 ? 0 : 1);
