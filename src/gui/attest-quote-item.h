/* attest-quote-item.h: one row of the "who said what" table, for list models
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attest-core.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_QUOTE_ITEM (attest_quote_item_get_type ())

G_DECLARE_FINAL_TYPE (AttestQuoteItem, attest_quote_item, ATTEST, QUOTE_ITEM, GObject)

/* An AttestQuoteRow (from attest_quotes_collect() in the core) and the
 * article it is in, as a GObject for a GtkColumnView's model. Immutable.
 *
 * Properties (read-only, for the cells' expressions and sorters):
 * article (GFile), document (the article's name in the folder), quote,
 * quote-line (the quote on one line, for a table cell), speaker, entity,
 * kind (strings; "" when missing, so sorters and labels need no special
 * case), quote-id, start. */

AttestQuoteItem      *attest_quote_item_new         (AttestQuoteRow  *row,
                                                     GFile           *article);
const AttestQuoteRow *attest_quote_item_get_row     (AttestQuoteItem *self);
GFile                *attest_quote_item_get_article (AttestQuoteItem *self);

G_END_DECLS
