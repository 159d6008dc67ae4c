/* attest-corpus-selection.h: the open article as the corpus list's selection
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attest-core.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_CORPUS_SELECTION (attest_corpus_selection_get_type ())

G_DECLARE_FINAL_TYPE (AttestCorpusSelection, attest_corpus_selection, ATTEST, CORPUS_SELECTION, GObject)

/* A selection model over a list of AttestCorpusEntry whose one selected
 * item is the open article, and nothing else: hovering, clicking and the
 * arrow keys move the list's focus, never its selection (select and
 * unselect are refused), so the highlight always says which article is
 * open. Activating a row asks to open it; the window then makes it
 * current. */

/* The position of @file in the model, or GTK_INVALID_LIST_POSITION. */
typedef guint (*AttestCorpusSelectionFind) (GFile    *file,
                                            gpointer  user_data);

AttestCorpusSelection *attest_corpus_selection_new         (GListModel                *model,
                                                            AttestCorpusSelectionFind  find,
                                                            gpointer                   find_data);
void                   attest_corpus_selection_set_current (AttestCorpusSelection     *self,
                                                            GFile                     *current);
guint                  attest_corpus_selection_find        (AttestCorpusSelection     *self,
                                                            GFile                     *file);

G_END_DECLS
