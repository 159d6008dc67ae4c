/* attest-export-spacy.c: spaCy / Prodigy JSONL
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "attest-export-private.h"

/* PLACEHOLDER: being written in this session; replaced whole. */
static void
export_document (const AttestExportContext *context,
                 const AttestRecord        *record,
                 AttestExportChunk         *chunk)
{
}

const AttestExporter attest_export_spacy = {
  .name = "spacy",
  .title = N_("spaCy / Prodigy JSONL"),
  .extension = ".jsonl",
  .layout = ATTEST_EXPORT_STREAM,
  .document = export_document,
};
