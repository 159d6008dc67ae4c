/* attest-export-dialog.h: exporting the open article or its folder
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "attest-core.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_EXPORT_DIALOG (attest_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AttestExportDialog, attest_export_dialog, ATTEST, EXPORT_DIALOG, AdwWindow)

/* The format (the ten of attest_exporters_get_all()), what to export (the
 * open article, from memory so unsaved edits are in it, or every article
 * of the open folder) and where; then the export runs in a thread
 * (AttestExportJob) with a progress bar and a Cancel. An output that
 * exists is replaced only once the editor confirms.
 *
 * Actions: export.run, export.cancel (cancels a running export, or closes),
 * export.choose (a file chooser for the destination), export.open (shows
 * what was written).
 *
 * Signals: exported (GFile *output, guint64 n_documents) once an export
 * completed. The dialog then closes, unless the format could not hold
 * something or some articles could not be read: then it says so and
 * stays open until the editor closes it. */

/* @folder (nullable) is the open folder and @articles (of GFile, may be
 * NULL) its articles in order. */
AttestExportDialog *attest_export_dialog_new                (GtkWindow          *parent,
                                                             AttestSession      *session,
                                                             GFile              *folder,
                                                             GPtrArray          *articles);
/* What the form shows; for the window and for tests. FALSE for an
 * unknown format name. */
gboolean            attest_export_dialog_set_format         (AttestExportDialog *self,
                                                             const char         *name);
void                attest_export_dialog_set_whole_folder   (AttestExportDialog *self,
                                                             gboolean            whole_folder);
void                attest_export_dialog_set_destination    (AttestExportDialog *self,
                                                             GFile              *destination);
/* The destination as typed: "~/" and paths relative to the article's
 * folder are understood. NULL when empty. */
GFile              *attest_export_dialog_get_destination    (AttestExportDialog *self);

G_END_DECLS
