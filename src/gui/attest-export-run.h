/* attest-export-run.h: one export from the window, off the main thread
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attest-core.h"

G_BEGIN_DECLS

/* An AttestExportJob for the window: the articles to export as the
 * window knows them (files, and the open one's document with its unsaved
 * edits), which of them have a sidecar found in a thread, and the job run
 * with attest_export_job_run_async(). The job reports progress and
 * problems from its own thread; they are kept here for the main loop to
 * read (attest_export_run_get_progress() while it runs). */
typedef struct _AttestExportRun AttestExportRun;

AttestExportRun           *attest_export_run_new          (const AttestExporter *exporter,
                                                           AttestTagset         *tagset,
                                                           GFile                *output);
/* An article, named @name in the export: from @document when given (the
 * open one, as shown), else from its sidecar when it has one (an article
 * nobody annotated yet is left out). */
void                       attest_export_run_add          (AttestExportRun      *run,
                                                           GFile                *article,
                                                           const char           *name,
                                                           AttestDocument       *document);
void                       attest_export_run_start        (AttestExportRun      *run,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean                   attest_export_run_finish       (AttestExportRun      *run,
                                                           GAsyncResult         *result,
                                                           GError              **error);
/* Documents written and to write; 0 of 0 until the job knows. */
void                       attest_export_run_get_progress (AttestExportRun      *run,
                                                           guint                *done,
                                                           guint                *total);
const AttestExporter      *attest_export_run_get_exporter (AttestExportRun      *run);
GFile                     *attest_export_run_get_output   (AttestExportRun      *run);
/* After a successful finish: what was written, and the messages of the
 * sidecars that could not be read (of char *). */
const AttestExportSummary *attest_export_run_get_summary  (AttestExportRun      *run);
GPtrArray                 *attest_export_run_get_problems (AttestExportRun      *run);
void                       attest_export_run_free         (AttestExportRun      *run);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestExportRun, attest_export_run_free)

G_END_DECLS
