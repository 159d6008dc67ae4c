/* attest-corpus-sidebar.h: the articles of an open folder
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attest-core.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_CORPUS_SIDEBAR (attest_corpus_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (AttestCorpusSidebar, attest_corpus_sidebar, ATTEST, CORPUS_SIDEBAR, GtkWidget)

/* One row per article (.txt, .md) of the folder, searched recursively and
 * scanned off the main thread (AttestCorpus in the core): its title, its
 * status (new, in progress, done) and span counts, and a progress bar
 * "12 of 40 done". Activating a row emits article-activated.
 *
 * Signals: article-activated (GFile *article); loaded () once a scan of
 * the folder is complete. */

GtkWidget *attest_corpus_sidebar_new            (void);
void       attest_corpus_sidebar_set_folder     (AttestCorpusSidebar *self,
                                                 GFile               *folder);
GFile     *attest_corpus_sidebar_get_folder     (AttestCorpusSidebar *self);
/* Highlights the open article. */
void       attest_corpus_sidebar_set_current    (AttestCorpusSidebar *self,
                                                 GFile               *article);
/* The article after (or before) @article in the list, or NULL. The caller
 * owns the returned GFile (as below). */
GFile     *attest_corpus_sidebar_get_neighbour  (AttestCorpusSidebar *self,
                                                 GFile               *article,
                                                 gboolean             forward);
/* The first article not done after @article (wrapping), or NULL. */
GFile     *attest_corpus_sidebar_get_next_undone (AttestCorpusSidebar *self,
                                                  GFile               *article);
/* The first article of the list, or NULL. */
GFile     *attest_corpus_sidebar_get_first      (AttestCorpusSidebar *self);
/* Refreshes one row from an open document (status and counts). */
void       attest_corpus_sidebar_update         (AttestCorpusSidebar *self,
                                                 GFile               *article,
                                                 AttestDocument      *document);

G_END_DECLS
