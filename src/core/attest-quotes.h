/* attest-quotes.h: the "who said what" table of a document
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "attest-record.h"
#include "attest-types.h"

G_BEGIN_DECLS

/* One quote and who said it, as the window's table and the clipboard show
 * it. The strings are copies: a row outlives the record it came from (a
 * folder's rows are collected in a worker thread, one sidecar at a time). */
typedef struct
{
  char  *document;     /* AttestRecord.name: "batch 3/story.txt" */
  char  *quote_id;
  guint  start;        /* the quote's offsets, code points */
  guint  end;
  char  *quote;        /* the quote's text */
  char  *speaker_id;   /* NULL when the quote has no said-by link */
  char  *speaker;      /* the speaker span's text, or NULL */
  char  *entity;       /* the speaker's entity's canonical name, or NULL */
  char  *wikidata;     /* that entity's Wikidata id, or NULL */
  char  *kind;         /* the quote's "kind" attribute, or NULL */
} AttestQuoteRow;

void     attest_quote_row_free      (AttestQuoteRow        *row);

/* Appends one AttestQuoteRow per span labelled "quote" of @record to
 * @rows (whose free function should be attest_quote_row_free), in the
 * record's span order. The speaker is the one attest_record_get_speaker()
 * names: the target of the quote's first said-by relation in id order.
 * Returns the number of rows added. */
guint    attest_quotes_collect      (const AttestRecord    *record,
                                     GPtrArray             *rows);

/* Tab-separated text for a spreadsheet: a header line, then one line per
 * row, each ending in "\n". Columns: (article,) quote, speaker, entity,
 * kind; the article column only when @with_document is TRUE. Tabs and line
 * breaks inside a field (CR, LF, CRLF, VT, FF, U+0085, U+2028, U+2029)
 * become one space each, so every row stays on one line. The header is
 * translated: it is read by people, not parsed. */
char    *attest_quotes_format_tsv   (AttestQuoteRow * const *rows,
                                     guint                   n_rows,
                                     gboolean                with_document);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestQuoteRow, attest_quote_row_free)

G_END_DECLS
