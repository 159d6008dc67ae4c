/* attest-import-dialog.h: another tool's dataset into a new folder of articles
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "attest-core.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_IMPORT_DIALOG (attest_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AttestImportDialog, attest_import_dialog, ATTEST, IMPORT_DIALOG, AdwWindow)

/* The format (attest_importers_get_all()), the input (a file or a folder,
 * as the format takes it) and a new folder to write the articles and
 * their sidecars into; the import runs in a thread
 * (attest_import_run_async()). A failure is shown in a message dialog
 * naming the file and line, and leaves nothing behind.
 *
 * Actions: import.run, import.cancel, import.choose-file,
 * import.choose-folder, import.choose-output.
 *
 * Signals: imported (GFile *folder, guint64 n_documents) once the new
 * folder is in place; the dialog then closes. */

/* @annotator (nullable) is recorded as the imported spans' "by". */
AttestImportDialog *attest_import_dialog_new          (GtkWindow          *parent,
                                                       const char         *annotator);
/* What the form shows; for tests. FALSE for an unknown format name. */
gboolean            attest_import_dialog_set_format   (AttestImportDialog *self,
                                                       const char         *name);
void                attest_import_dialog_set_input    (AttestImportDialog *self,
                                                       GFile              *input);
void                attest_import_dialog_set_output   (AttestImportDialog *self,
                                                       GFile              *output);

G_END_DECLS
