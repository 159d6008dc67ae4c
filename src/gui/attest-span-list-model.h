/* attest-span-list-model.h: a GListModel over a document's spans
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attest-core.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_SPAN_ITEM (attest_span_item_get_type ())

G_DECLARE_FINAL_TYPE (AttestSpanItem, attest_span_item, ATTEST, SPAN_ITEM, GObject)

/* One row: a span id and the document it belongs to. The span itself is
 * looked up on demand, so an item never points at a freed span. */
const char     *attest_span_item_get_id       (AttestSpanItem *self);
AttestDocument *attest_span_item_get_document (AttestSpanItem *self);
/* NULL once the span has left the document. */
AttestSpan     *attest_span_item_get_span     (AttestSpanItem *self);

#define ATTEST_TYPE_SPAN_LIST_MODEL (attest_span_list_model_get_type ())

G_DECLARE_FINAL_TYPE (AttestSpanListModel, attest_span_list_model, ATTEST, SPAN_LIST_MODEL, GObject)

/* The spans of the session's document in the sidecar's order. Items are
 * made on demand (O(log n) each) and shared while alive, so a selection
 * keeps its item across changes; items-changed is exact for every
 * document signal. Follows the session's document when it is replaced.
 *
 * Properties: session, document (read-only). */

AttestSpanListModel *attest_span_list_model_new          (AttestSession       *session);
AttestSession       *attest_span_list_model_get_session  (AttestSpanListModel *self);
void                 attest_span_list_model_set_session  (AttestSpanListModel *self,
                                                          AttestSession       *session);
AttestDocument      *attest_span_list_model_get_document (AttestSpanListModel *self);
/* The span's position, or GTK_INVALID_LIST_POSITION (G_MAXUINT). */
guint                attest_span_list_model_get_position (AttestSpanListModel *self,
                                                          const char          *span_id);

/* Helpers shared by the sidebars ----------------------------------------- */

/* The relation type that links a quote to its speaker: "said-by", or else
 * the first one that points at entity labels ("has-source" in the
 * PARC-style tag set). NULL if the tag set has none. */
AttestRelationType  *attest_speaker_relation_type        (AttestTagset        *tagset);
/* The span's text for one line of a list: white space runs collapsed to
 * one space, cut after @max_chars characters with an ellipsis. */
char                *attest_span_dup_display_text        (AttestDocument      *document,
                                                          const AttestSpan    *span,
                                                          guint                max_chars);
/* A small rounded square in a label's colour; dashed for a span that
 * needs review. */
GtkWidget           *attest_label_chip_new               (void);
void                 attest_label_chip_set               (GtkWidget           *chip,
                                                          const char          *color,
                                                          gboolean             dashed);

G_END_DECLS
