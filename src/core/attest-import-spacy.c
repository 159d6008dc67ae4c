/* attest-import-spacy.c: spaCy / Prodigy JSONL
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "attest-import-private.h"

/* PLACEHOLDER: being written in this session; replaced whole. */
static gboolean
import_input (AttestImportContext  *context,
              const char           *input,
              GError              **error)
{
  g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_FAILED, "not written yet");
  return FALSE;
}

const AttestImporter attest_import_spacy = {
  .name = "spacy",
  .title = N_("spaCy / Prodigy JSONL"),
  .import = import_input,
};
