/* attest-export-webanno.c: WebAnno TSV 3.3 (INCEpTION)
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

const AttestExporter attest_export_webanno = {
  .name = "webanno",
  .title = N_("WebAnno TSV 3.3 (INCEpTION)"),
  .extension = NULL,
  .layout = ATTEST_EXPORT_FOLDER,
  .document = export_document,
};
