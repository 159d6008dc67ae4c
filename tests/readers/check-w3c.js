#!/usr/bin/env node
// check-w3c.js: runs the W3C annotation-model test suite's JSON Schema
// assertions over an Attest W3C export.
//
// Copyright 2026 The Attest developers
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Usage:
//   NODE_PATH=/tmp/w3c-check/node_modules \
//     node tests/readers/check-w3c.js WEB_ANNOTATION_TESTS EXPORT.jsonld [ANNO.jsonld]
//
// WEB_ANNOTATION_TESTS is a checkout of github.com/w3c/web-annotation-tests
// (its annotations/, collections/ and definitions/ folders). The schemas
// are JSON Schema draft-04, which Ajv 6 validates (npm install ajv@6).
//
// Every annotation in the collection's page is checked against the
// assertions of annotations/*.test, the collection against
// collections/*.test, and the collection with its embedded page against
// collections/pages/*.test. The items carry no @context of their own (the
// collection's applies to what it embeds, as in the model's examples of
// pages), so each is checked with the collection's @context put in, as an
// annotation taken out of the export would have to be.
//
// With ANNO.jsonld (the W3C's context, http://www.w3.org/ns/anno.jsonld,
// as a file: github.com/w3c/web-annotation has it as jsonld/anno.jsonld)
// and the jsonld package (npm install jsonld@8), the export is also
// turned into RDF in JSON-LD's safe mode, which fails on any member that
// no context defines (JSON-LD would drop it silently otherwise), and the
// predicates used are listed. No document is fetched.
//
// Prints each failed assertion; a failed "must" makes the exit status 1,
// a failed "should" or "may" is only reported (those test optional
// features: "not implemented" is a valid answer).

'use strict';

const fs = require('fs');
const path = require('path');
const Ajv = require('ajv');

function usage() {
  console.error('usage: check-w3c.js WEB_ANNOTATION_TESTS EXPORT.jsonld');
  process.exit(2);
}

const [suite, exportFile, contextFile] = process.argv.slice(2);
if (!suite || !exportFile)
  usage();

// Draft-04 ignores the siblings of a $ref, and so does Ajv; set
// CHECK_W3C_EXTEND_REFS=1 to apply them as well (stricter than the schemas'
// draft), as a second opinion.
const ajv = new Ajv({
  schemaId: 'id',
  format: 'full',
  meta: false,
  extendRefs: process.env.CHECK_W3C_EXTEND_REFS ? true : 'ignore',
  logger: { log: console.log, warn: () => {}, error: console.error },
});
ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'));
ajv._opts.defaultMeta = 'http://json-schema.org/draft-04/schema#';

const definitions = path.join(suite, 'definitions');
for (const name of fs.readdirSync(definitions).sort()) {
  if (name.endsWith('.json'))
    ajv.addSchema(JSON.parse(fs.readFileSync(path.join(definitions, name), 'utf8')));
}

// The assertions of each *.test file of a folder, compiled once.
function loadTests(folder) {
  const tests = [];
  for (const name of fs.readdirSync(path.join(suite, folder)).sort()) {
    if (!name.endsWith('.test'))
      continue;
    const test = JSON.parse(fs.readFileSync(path.join(suite, folder, name), 'utf8'));
    for (const ref of test.assertions) {
      if (typeof ref !== 'string')
        throw new Error(`${folder}/${name}: an assertion that is not a file name`);
      const schema = JSON.parse(fs.readFileSync(path.join(suite, ref), 'utf8'));
      const id = schema.id;
      // Two files may give the same id: keep each under its own path,
      // flattened so that the definitions' relative ids still resolve.
      delete schema.id;
      tests.push({
        file: ref,
        id,
        type: schema.assertionType || 'must',
        expected: schema.expectedResult || 'valid',
        message: schema.errorMessage || schema.title,
        validate: ajv.compile(Object.assign({ id: ref.replace(/\//g, '_') }, schema)),
      });
    }
  }
  return tests;
}

const annotationTests = loadTests('annotations');
const collectionTests = loadTests('collections');
const pageTests = loadTests('collections/pages');

const data = JSON.parse(fs.readFileSync(exportFile, 'utf8'));
let failedMust = 0;
let failedOther = 0;
let checked = 0;

function run(tests, object, what) {
  for (const test of tests) {
    const valid = test.validate(object);
    const ok = test.expected === 'valid' ? valid : !valid;
    checked++;
    if (ok)
      continue;
    if (test.type === 'must') {
      failedMust++;
      console.log(`FAIL must ${test.file}: ${what}: ${test.message}`);
      console.log(`     ${ajv.errorsText(test.validate.errors)}`);
    } else {
      failedOther++;
      if (process.env.CHECK_W3C_VERBOSE)
        console.log(`note ${test.type} ${test.file}: ${what}: not implemented`);
    }
  }
}

const page = data.first;
const items = page && Array.isArray(page.items) ? page.items : [];
const collection = Object.assign({}, data);

run(collectionTests, collection, 'the collection');
run(pageTests, data, 'the collection with its page');

for (const item of items) {
  const annotation = Object.assign({ '@context': data['@context'] }, item);
  run(annotationTests, annotation, item.id || '(an annotation without id)');
}

if (typeof data.total === 'number' && data.total !== items.length) {
  failedMust++;
  console.log(`FAIL total: ${data.total} but the page has ${items.length} items`);
}

console.log(`${items.length} annotations, ${checked} assertions checked: ` +
            `${failedMust} must failed, ${failedOther} should/may not implemented`);

async function checkJsonLd() {
  const jsonld = require('jsonld');
  const context = JSON.parse(fs.readFileSync(contextFile, 'utf8'));
  const documentLoader = async (url) => {
    if (url === 'http://www.w3.org/ns/anno.jsonld')
      return { contextUrl: null, documentUrl: url, document: context };
    throw new Error(`not fetched: ${url}`);
  };
  const quads = await jsonld.toRDF(data, { documentLoader, safe: true, format: 'application/n-quads' });
  const predicates = new Map();
  for (const line of quads.trim().split('\n')) {
    const predicate = line.split(' ')[1];
    predicates.set(predicate, (predicates.get(predicate) || 0) + 1);
  }
  console.log(`JSON-LD (safe mode): ${quads.trim().split('\n').length} triples, nothing dropped`);
  for (const [predicate, n] of [...predicates].sort())
    console.log(`  ${n} ${predicate}`);
}

(contextFile ? checkJsonLd() : Promise.resolve()).then(
  () => process.exit(failedMust > 0 ? 1 : 0),
  (e) => {
    console.log(`FAIL JSON-LD: ${e.message}${e.details ? ' ' + JSON.stringify(e.details).slice(0, 400) : ''}`);
    process.exit(1);
  });
