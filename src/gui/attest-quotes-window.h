/* attest-quotes-window.h: "who said what", the quote table
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "attest-core.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_QUOTES_WINDOW (attest_quotes_window_get_type ())

G_DECLARE_FINAL_TYPE (AttestQuotesWindow, attest_quotes_window, ATTEST, QUOTES_WINDOW, AdwWindow)

/* Every quote of the open article, or of every article of the open folder,
 * with its speaker, the speaker's entity and the quote's kind: a
 * GtkColumnView over rows from attest_quotes_collect() in the core. The
 * open article's rows come from memory and follow its edits; the folder's
 * other articles are read from their sidecars in a worker thread.
 *
 * Activating a row (double click, Enter) emits quote-activated. Ctrl+C
 * copies the selected rows (all when none is selected) and the header
 * button the whole table, as tab-separated text with a header line.
 *
 * Actions: quotes.copy, quotes.copy-all.
 *
 * Signals: quote-activated (GFile *article, const char *quote_id). */

AttestQuotesWindow *attest_quotes_window_new          (GtkWindow          *parent);
/* The open article, followed as it is edited; NULL for none. */
void                attest_quotes_window_set_session  (AttestQuotesWindow *self,
                                                       AttestSession      *session);
/* The open folder and its articles (of GFile) in order, or NULL for the
 * open article alone. */
void                attest_quotes_window_set_folder   (AttestQuotesWindow *self,
                                                       GFile              *folder,
                                                       GPtrArray          *articles);
/* The rows as shown (sorted as the table is), of AttestQuoteItem. */
GListModel         *attest_quotes_window_get_model    (AttestQuotesWindow *self);
/* TRUE while the folder is being read. */
gboolean            attest_quotes_window_get_loading  (AttestQuotesWindow *self);

G_END_DECLS
