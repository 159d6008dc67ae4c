/* attest-export-csv.c: CSV, one row per quote
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

const AttestExporter attest_export_csv = {
  .name = "csv",
  .title = N_("CSV, one row per quote"),
  .extension = ".csv",
  .layout = ATTEST_EXPORT_STREAM,
  .document = export_document,
};
