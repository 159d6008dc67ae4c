/* attest-export-brat.c: brat standoff (.txt and .ann)
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

const AttestExporter attest_export_brat = {
  .name = "brat",
  .title = N_("brat standoff (.txt and .ann)"),
  .extension = NULL,
  .layout = ATTEST_EXPORT_FOLDER,
  .document = export_document,
};
