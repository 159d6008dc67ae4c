#!/usr/bin/env node
// check-labelstudio.js: loads an Attest Label Studio export into the real
// Label Studio frontend in headless Chromium and compares what it shows
// with what the export says.
//
// Copyright 2026 The Attest developers
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Usage:
//   node tests/readers/check-labelstudio.js LS_BUILD EXPORT.json CONFIG.xml
//
// LS_BUILD is the "build" folder of the frontend's npm package (it holds
// static/js/main.js and static/css/main.css), e.g. of
//   npm pack @heartexlabs/label-studio@1.4.0
// (1.8.0 on npm ships no build). CONFIG.xml is the labeling config,
// attest_export_labelstudio_config()'s output. CHROMIUM names the browser
// (default "chromium"). Nothing is fetched from the network: the page
// loads the package's files from disk.
//
// For every task, a page creates `new LabelStudio(...)` with the config
// and the task, waits until every region is highlighted, and reports each
// region's text as the frontend placed it (the text of its highlight
// spans in the DOM), its per-region results, the relations, and the
// annotation as the frontend serializes it again. The check fails when a
// region's highlighted text is not the export's "text" (less its line
// breaks, which the frontend shows as <br>: their number is compared) and
// the code point slice of data.text, when a region, a per-region value or a relation is
// missing, or when the frontend writes other offsets back.
//
// CHECK_LABELSTUDIO_KEEP=1 keeps the pages (to look at one in a browser).
// CHECK_LABELSTUDIO_WRITE=FILE writes the tasks again with the results as
// the frontend serialized them: a file Label Studio itself wrote, for
// the importer (attest-cli import --format labelstudio).

'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');

const [build, exportFile, configFile] = process.argv.slice(2);
if (!build || !exportFile || !configFile) {
  console.error('usage: check-labelstudio.js LS_BUILD EXPORT.json CONFIG.xml');
  process.exit(2);
}

const chromium = process.env.CHROMIUM || 'chromium';
const mainJs = path.resolve(build, 'static/js/main.js');
const mainCss = path.resolve(build, 'static/css/main.css');
const tasks = JSON.parse(fs.readFileSync(exportFile, 'utf8'));
const config = fs.readFileSync(configFile, 'utf8');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'check-labelstudio-'));

// JSON inside <script>: "</script>" in a note must not end it.
function embed(value) {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function page(task, index) {
  return `<!doctype html>
<html><head><meta charset="utf-8">
<link rel="stylesheet" href="file://${mainCss}">
<script src="file://${mainJs}"></script>
</head><body>
<div id="label-studio"></div>
<pre id="attest-result" data-result=""></pre>
<script>
const config = ${embed(config)};
const task = ${embed(Object.assign({ id: index + 1 }, task))};
const expected = task.annotations[0].result.filter(r => r.type === 'labels').length;
function report(value) {
  const json = JSON.stringify(value);
  document.getElementById('attest-result').dataset.result =
    btoa(unescape(encodeURIComponent(json)));
}
window.onerror = (message) => report({ error: String(message) });
const ls = new LabelStudio('label-studio', {
  config,
  interfaces: ['panel', 'controls', 'side-column'],
  user: { id: 1, username: 'attest' },
  task: { id: task.id, data: task.data, annotations: task.annotations, predictions: [] },
});
// The Text tag shows each CR and each LF as a <br>, which counts one
// position and has no text to highlight: count those in the region.
function breaksIn(region) {
  const range = region._getRange && region._getRange();
  return range ? range.cloneContents().querySelectorAll('br').length : -1;
}
let tries = 0;
function collect() {
  const store = window.Htx && window.Htx.annotationStore;
  const annotation = store && store.selected;
  const regions = annotation ? annotation.regions : [];
  const placed = regions.filter(r => r._spans && r._spans.length > 0);
  if ((placed.length < expected || regions.length < expected) && tries++ < 200) {
    setTimeout(collect, 50);
    return;
  }
  report({
    regions: regions.map(r => ({
      id: String(r.id).split('#')[0],
      start: r.startOffset,
      end: r.endOffset,
      text: r.text,
      highlighted: (r._spans || []).map(s => s.textContent).join(''),
      breaks: breaksIn(r),
      results: (r.results || []).map(x => ({
        type: x.type,
        from_name: x.from_name && x.from_name.name,
        value: x.value && x.value.toJSON ? x.value.toJSON() : x.value,
      })),
    })),
    relations: annotation.relationStore.relations.map(x => ({
      from: String(x.node1.id).split('#')[0],
      to: String(x.node2.id).split('#')[0],
      direction: x.direction,
      labels: x.relations ? x.relations.selectedValues() : [],
    })),
    serialized: annotation.serializeAnnotation(),
  });
}
setTimeout(collect, 100);
</script>
</body></html>
`;
}

function run(task, index) {
  const file = path.join(tmp, `task-${index + 1}.html`);
  fs.writeFileSync(file, page(task, index));
  const dom = execFileSync(chromium, [
    '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--allow-file-access-from-files', '--virtual-time-budget=30000',
    '--dump-dom', `file://${file}`,
  ], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
  const match = dom.match(/data-result="([^"]*)"/);
  if (!match || match[1] === '')
    return { error: 'the page reported nothing (did the frontend load?)' };
  return JSON.parse(Buffer.from(match[1], 'base64').toString('utf8'));
}

const rewritten = [];
let problems = 0;
let checkedRegions = 0;
let checkedValues = 0;
let checkedRelations = 0;

function problem(where, message) {
  problems++;
  console.log(`FAIL ${where}: ${message}`);
}

tasks.forEach((task, index) => {
  const where = `task ${index + 1} (${(task.data.meta && task.data.meta.attest_name) || '?'})`;
  const got = run(task, index);
  const text = Array.from(task.data.text);   // code points
  const results = task.annotations[0].result;

  if (got.error) {
    problem(where, got.error);
    return;
  }

  rewritten.push(Object.assign({}, task, {
    annotations: [{ id: index + 1, result: got.serialized }],
  }));

  const regions = new Map(got.regions.map(r => [r.id, r]));
  const serialized = new Map();
  for (const r of got.serialized)
    if (r.type === 'labels')
      serialized.set(r.id, r);

  for (const result of results) {
    if (result.type === 'relation') {
      checkedRelations++;
      const found = got.relations.find(x => x.from === result.from_id && x.to === result.to_id &&
                                            JSON.stringify(x.labels) === JSON.stringify(result.labels));
      if (!found)
        problem(where, `relation ${result.from_id} -> ${result.to_id} ${result.labels} is not in the frontend`);
      continue;
    }

    const region = regions.get(result.id);
    const at = `${where}: region ${result.id}`;
    if (!region) {
      problem(at, 'the frontend has no such region');
      continue;
    }

    if (result.type === 'labels') {
      checkedRegions++;
      const slice = text.slice(result.value.start, result.value.end).join('');
      if (result.value.text !== slice)
        problem(at, `the export's text ${JSON.stringify(result.value.text)} is not the code point slice ${JSON.stringify(slice)}`);
      // Line breaks are <br> elements there, with no text of their own.
      const shown = result.value.text.replace(/[\r\n]/g, '');
      const breaks = result.value.text.length - shown.length;
      if (region.highlighted !== shown)
        problem(at, `highlighted ${JSON.stringify(region.highlighted)}, expected ${JSON.stringify(shown)} at [${result.value.start}, ${result.value.end})`);
      if (region.breaks !== breaks)
        problem(at, `${region.breaks} line breaks in the region, expected ${breaks}`);
      const again = serialized.get(result.id);
      if (!again || again.value.start !== result.value.start || again.value.end !== result.value.end)
        problem(at, `written back as ${again ? `[${again.value.start}, ${again.value.end})` : 'nothing'}, read at [${result.value.start}, ${result.value.end})`);
      continue;
    }

    checkedValues++;
    const key = result.type === 'choices' ? 'choices' : 'text';
    const value = region.results.find(x => x.from_name === result.from_name);
    if (!value)
      problem(at, `no ${result.type} "${result.from_name}" on the region`);
    else if (JSON.stringify(value.value[key]) !== JSON.stringify(result.value[key]))
      problem(at, `${result.from_name} is ${JSON.stringify(value.value[key])}, expected ${JSON.stringify(result.value[key])}`);
  }

  if (process.env.CHECK_LABELSTUDIO_VERBOSE)
    for (const r of got.regions)
      console.log(`${where}: ${r.id} [${r.start}, ${r.end}) ${JSON.stringify(r.highlighted)}` +
                  (r.breaks > 0 ? ` and ${r.breaks} line breaks` : ''));
});

if (process.env.CHECK_LABELSTUDIO_KEEP)
  console.log(`pages kept in ${tmp}`);
else
  fs.rmSync(tmp, { recursive: true, force: true });
if (process.env.CHECK_LABELSTUDIO_WRITE)
  fs.writeFileSync(process.env.CHECK_LABELSTUDIO_WRITE, JSON.stringify(rewritten, null, 1) + '\n');
console.log(`${tasks.length} tasks: ${checkedRegions} regions, ${checkedValues} per-region values, ` +
            `${checkedRelations} relations checked; ${problems} problems`);
process.exit(problems > 0 ? 1 : 0);
