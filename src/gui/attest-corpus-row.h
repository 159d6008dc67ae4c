/* attest-corpus-row.h: one article in the corpus sidebar
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attest-core.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_CORPUS_ROW (attest_corpus_row_get_type ())

G_DECLARE_FINAL_TYPE (AttestCorpusRow, attest_corpus_row, ATTEST, CORPUS_ROW, GtkWidget)

/* A status icon, the article's title and its span counts ("12 quotes ·
 * 4 speakers"), following the entry as it changes. @tagset orders and
 * names the counts. */
GtkWidget *attest_corpus_row_new         (void);
void       attest_corpus_row_set_entry   (AttestCorpusRow   *self,
                                          AttestCorpusEntry *entry,
                                          AttestTagset      *tagset);
/* The open article's row: its title stands out. */
void       attest_corpus_row_set_current (AttestCorpusRow   *self,
                                          gboolean           current);

G_END_DECLS
