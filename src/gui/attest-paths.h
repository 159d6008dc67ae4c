/* attest-paths.h: paths typed by the editor, and articles' names in a folder
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A path as typed into an entry: surrounding white space ignored, "~" and
 * "~/…" under the home folder, "file:" URIs, and anything relative
 * resolved against @base (the home folder when NULL). NULL when empty. */
GFile *attest_path_from_text      (const char *text,
                                   GFile      *base);
/* The name a document gets in an export or a table: the article's path
 * relative to @folder ("batch 3/story.txt", as attest-cli names it), or
 * its file name when @folder is NULL or does not hold it. */
char  *attest_path_document_name  (GFile      *folder,
                                   GFile      *article);

G_END_DECLS
