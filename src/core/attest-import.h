/* attest-import.h: datasets of other tools into articles and sidecars
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attest-types.h"

G_BEGIN_DECLS

typedef struct _AttestImporter AttestImporter;

/* brat, doccano, spacy, labelstudio, jsonl, webanno, text. */
const AttestImporter * const *attest_importers_get_all (guint *n_importers);
const AttestImporter *attest_importer_lookup    (const char           *name);
const char           *attest_importer_get_name  (const AttestImporter *importer);
const char           *attest_importer_get_title (const AttestImporter *importer);

typedef struct
{
  guint64 n_documents;
  guint64 n_spans;
  guint64 n_relations;
  guint64 n_entities;
} AttestImportSummary;

typedef void (*AttestImportProgressFunc) (guint64  done,
                                          guint64  total,
                                          gpointer user_data);

/* Reads @inputs (files or folders, as the format takes them) and writes
 * one article and its sidecar per document into @output_dir, keeping the
 * documents' relative names. @output_dir must not exist or be empty.
 * Everything is written into a hidden folder beside it and moved into
 * place at the end, so a bad input leaves nothing behind: the error names
 * the file, the line and the problem ("news.jsonl line 3: spans[0].end:
 * 120 is past the end of the text (98)"). Imported spans carry
 * origin "imported:FORMAT" and @annotator (may be NULL) as "by". */
gboolean attest_import_run (const AttestImporter     *importer,
                            const char * const       *inputs,
                            const char               *output_dir,
                            const char               *annotator,
                            AttestImportProgressFunc  progress,
                            gpointer                  progress_data,
                            AttestImportSummary      *summary,
                            GCancellable             *cancellable,
                            GError                  **error);

void     attest_import_run_async  (const AttestImporter  *importer,
                                   const char * const    *inputs,
                                   const char            *output_dir,
                                   const char            *annotator,
                                   GCancellable          *cancellable,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data);
gboolean attest_import_run_finish (GAsyncResult          *result,
                                   AttestImportSummary   *summary,
                                   GError               **error);

G_END_DECLS
