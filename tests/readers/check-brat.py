#!/usr/bin/env python3
# check-brat.py: read an Attest brat export with brat's own code
#
# Copyright 2026 The Attest developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-brat.py BRAT_CHECKOUT EXPORT_FOLDER [--sidecars FOLDER] [--verify]
#
# BRAT_CHECKOUT is a checkout of https://github.com/nlplab/brat (only
# server/src is used; nothing of it is copied here). For every X.ann under
# EXPORT_FOLDER this loads brat's annotation.TextAnnotations on X (brat
# reads X.txt itself), and fails on any message brat reports, any line it
# could not parse, or a text-bound annotation whose offsets do not give
# its text. It then reads EXPORT_FOLDER's annotation.conf and visual.conf
# with brat's projectconfig.ProjectConfiguration and runs brat's
# verify_annotations.verify_annotation() on every document against them:
# its findings (a relation between labels its type does not allow, …)
# are about the data, not the format, and fail the check only with
# --verify.
#
# With --sidecars, each document is also compared with the Attest sidecar
# it was exported from (FOLDER/X.txt.attest.json): T<n> must be the n-th
# span (of those with text other than white space), its first start and
# last end the span's offsets, which shows that brat's offsets are the
# sidecar's code points.
#
# Exit status: 0 when brat read everything cleanly, 1 otherwise.
#
# brat's server code is Python 3, but opens files with mode "rU", which
# Python 3.11 removed. On 3.11 and later this script passes brat's
# open_textfile() the same mode without the "U" (brat opens through
# codecs.open(), in binary mode, so "U" never translated line endings
# there: "\r\n" stays two characters either way).

import argparse
import importlib.util
import json
import os
import sys
import types


class Messages:
    """Stands in for brat's message.Messager and collects what it says."""

    said = []

    @classmethod
    def _say(cls, level, message):
        cls.said.append((level, str(message)))

    @classmethod
    def error(cls, message, duration=3, escaped=False):
        cls._say('error', message)

    @classmethod
    def warning(cls, message, duration=3, escaped=False):
        cls._say('warning', message)

    @classmethod
    def info(cls, message, duration=3, escaped=False):
        cls._say('info', message)

    @classmethod
    def debug(cls, message, duration=3, escaped=False):
        cls._say('debug', message)


def load_module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def load_brat(checkout, export_folder):
    src = os.path.join(checkout, 'server', 'src')
    if not os.path.isfile(os.path.join(src, 'annotation.py')):
        sys.exit('check-brat: %s is not a brat checkout (no server/src/annotation.py)' % checkout)

    # annotation.py runs "programmatically" (its own message collector)
    # when brat's server modules cannot be imported, as here: server/src
    # is not on sys.path.
    annotation = load_module('annotation', os.path.join(src, 'annotation.py'))
    if not annotation.PROGRAMMATIC:
        sys.exit('check-brat: brat\'s annotation.py did not load stand-alone')

    if sys.version_info >= (3, 11):
        original = annotation.codecs_open

        def codecs_open(filename, mode='r', *args, **kwargs):
            return original(filename, mode.replace('U', ''), *args, **kwargs)

        annotation.codecs_open = codecs_open

    # projectconfig and verify_annotations import these server modules.
    message = types.ModuleType('message')
    message.Messager = Messages
    sys.modules['message'] = message
    config = types.ModuleType('config')
    config.BASE_DIR = os.path.abspath(export_folder)
    config.DEBUG = False
    sys.modules['config'] = config

    projectconfig = load_module('projectconfig', os.path.join(src, 'projectconfig.py'))
    verify = load_module('verify_annotations', os.path.join(src, 'verify_annotations.py'))

    return annotation, projectconfig, verify


def documents(folder):
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            if name.endswith('.ann'):
                yield os.path.join(root, name[:-4])


def check_document(annotation, projectconfig, verify, export_folder, stem, sidecars):
    problems = []
    findings = []
    relative = os.path.relpath(stem, export_folder)

    Messages.said.clear()
    doc = annotation.TextAnnotations(stem, read_only=True)
    messages = doc.get_messages()
    for message in messages.errors:
        problems.append('brat: ' + str(message))
    for message in messages.warnings:
        problems.append('brat warning: ' + str(message))
    for number in doc.failed_lines:
        problems.append('brat could not parse line %d: %r' % (number + 1, doc[number]))
    for ann in doc:
        if isinstance(ann, (annotation.UnknownAnnotation, annotation.UnparsedIdedAnnotation)):
            problems.append('brat kept a line it did not understand: %r' % str(ann))

    text = doc.get_document_text()
    textbounds = list(doc.get_textbounds())
    for tb in textbounds:
        expected = annotation.DISCONT_SEP.join(text[start:end] for start, end in tb.spans)
        if tb.get_text() != expected:
            problems.append('%s: text %r, but its offsets give %r'
                            % (tb.id, tb.get_text(), expected))

    n = {'T': len(textbounds),
         'R': len(list(doc.get_relations())),
         'A': len(list(doc.get_attributes())),
         'N': len(list(doc.get_normalizations())),
         '#': len(list(doc.get_oneline_comments())),
         '*': len(list(doc.get_equivs()))}

    conf = projectconfig.ProjectConfiguration(os.path.abspath(os.path.dirname(stem)))
    try:
        for issue in verify.verify_annotation(doc, conf):
            findings.append('brat verify: ' + issue.human_readable_str())
    except Exception as e:
        problems.append('brat verify failed: %s: %s' % (type(e).__name__, e))
    for level, message in Messages.said:
        if level in ('error', 'warning'):
            problems.append('brat config %s: %s' % (level, message))
        elif 'no configuration file' in message:
            problems.append('brat config: ' + message)

    if sidecars is not None:
        path = os.path.join(sidecars, relative + '.txt.attest.json')
        with open(path, encoding='utf-8') as f:
            sidecar = json.load(f)
        if sidecar['text'] != text:
            problems.append('the .txt is not the sidecar\'s text')
        # The exporter skips empty and blank spans (brat cannot hold them).
        spans = [span for span in sidecar['spans'] if span['text'].strip() != '']
        if len(spans) != len(textbounds):
            problems.append('%d T lines for %d spans' % (len(textbounds), len(spans)))
        for tb in textbounds:
            number = int(tb.id[1:])
            if number > len(spans):
                continue
            span = spans[number - 1]
            start = min(s for s, e in tb.spans)
            end = max(e for s, e in tb.spans)
            if (start, end) != (span['start'], span['end']):
                problems.append('%s: brat has %d-%d, the sidecar\'s %s %d-%d'
                                % (tb.id, start, end, span['id'], span['start'], span['end']))
            if text[start:end] != span['text']:
                problems.append('%s: brat\'s text at %d-%d is %r, the sidecar\'s %r'
                                % (tb.id, start, end, text[start:end], span['text']))

    return relative, n, problems, findings


def main():
    parser = argparse.ArgumentParser(
        description='Read an Attest brat export with brat\'s own code.')
    parser.add_argument('brat', help='a checkout of nlplab/brat')
    parser.add_argument('export', help='the folder an Attest brat export wrote')
    parser.add_argument('--sidecars', help='the folder of the sidecars that were exported')
    parser.add_argument('--verify', action='store_true',
                        help='fail on what brat\'s verify_annotations finds, too')
    args = parser.parse_args()

    annotation, projectconfig, verify = load_brat(args.brat, args.export)

    failed = False
    count = 0
    for stem in documents(args.export):
        count += 1
        relative, n, problems, findings = check_document(annotation, projectconfig, verify,
                                                         args.export, stem, args.sidecars)
        summary = ', '.join('%d %s' % (v, k) for k, v in n.items())
        if args.verify:
            problems += findings
        else:
            for finding in findings:
                print('# %s.ann: %s' % (relative, finding))
        if problems:
            failed = True
            print('not ok %s.ann (%s)' % (relative, summary))
            for problem in problems:
                print('  ' + problem)
        else:
            print('ok %s.ann (%s)' % (relative, summary))

    if count == 0:
        print('check-brat: no .ann files in %s' % args.export)
        failed = True

    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
