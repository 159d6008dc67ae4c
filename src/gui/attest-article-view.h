/* attest-article-view.h: the article, its spans, and editing by keyboard
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtksourceview/gtksource.h>

#include "attest-core.h"

G_BEGIN_DECLS

typedef enum
{
  ATTEST_RELATIONS_SELECTED,  /* arcs only for the selected span's relations */
  ATTEST_RELATIONS_ALWAYS,    /* every relation in view */
} AttestRelationDisplay;

typedef enum
{
  ATTEST_EDGE_START,
  ATTEST_EDGE_END,
} AttestEdge;

/* Nicks match the "relation-display" settings key, so it binds directly. */
#define ATTEST_TYPE_RELATION_DISPLAY (attest_relation_display_get_type ())
GType attest_relation_display_get_type (void) G_GNUC_CONST;

#define ATTEST_TYPE_ARTICLE_VIEW (attest_article_view_get_type ())

G_DECLARE_FINAL_TYPE (AttestArticleView, attest_article_view, ATTEST, ARTICLE_VIEW, GtkSourceView)

/* A read-only GtkSourceView fed the document's canonical text. Spans of
 * background labels are painted with one shared GtkTextTag per (label,
 * depth) — never one tag per span — applied visible region first, in
 * chunks from the main loop; span identity comes from the core's interval
 * index. Boxes, underlines (GTK 4.8 drops tag underlines on some wrapped
 * lines), the selected span, suggestions (dashed) and relation arcs are
 * drawn over the text for the visible region only.
 *
 * Properties: session, selected-span-id (string or NULL), snap-to-words,
 * exclude-quote-marks, relation-display, font (Pango description string;
 * empty for the default reading font).
 *
 * Signals:
 *   selection-changed ()      the selected span changed (see
 *                             attest_article_view_get_selected_span)
 *   message (const char *)    something to tell the editor in a toast
 *                             ("No speaker to link to")
 */

GtkWidget        *attest_article_view_new                  (void);

AttestSession    *attest_article_view_get_session          (AttestArticleView *self);
void              attest_article_view_set_session          (AttestArticleView *self,
                                                            AttestSession     *session);

/* The selected span, a span or a suggested span; NULL when none. */
AttestSpan       *attest_article_view_get_selected_span    (AttestArticleView *self);
void              attest_article_view_select_span          (AttestArticleView *self,
                                                            const char        *span_id,
                                                            gboolean           scroll_to);

/* The text selection in code points after snapping to words, trimming
 * white space and (for @label "quote" with exclude-quote-marks) dropping
 * surrounding quotation marks. FALSE when nothing is selected. */
gboolean          attest_article_view_get_tag_range        (AttestArticleView *self,
                                                            const char        *label,
                                                            guint             *start,
                                                            guint             *end);

/* Editing, each one undo step through the session's history. They do
 * nothing on a read-only session. */
/* Tags the selection with @label, or relabels the selected span when
 * there is no selection. Returns the new span's id. */
const char       *attest_article_view_tag                  (AttestArticleView *self,
                                                            const char        *label);
void              attest_article_view_delete_selected      (AttestArticleView *self);
/* Tab / Shift+Tab: the next or previous span after the cursor or the
 * selected span. */
void              attest_article_view_select_next          (AttestArticleView *self,
                                                            gboolean           forward);
/* Grows or shrinks the selected span's @edge by one word. */
void              attest_article_view_resize_selected      (AttestArticleView *self,
                                                            AttestEdge         edge,
                                                            gboolean           grow);
/* L: links the selected quote to the nearest speaker by "said-by"; again
 * cycles to the next nearest candidate. */
void              attest_article_view_link_nearest         (AttestArticleView *self);
/* Extends the text selection to the quotation marks around it. */
void              attest_article_view_extend_to_quotes     (AttestArticleView *self);
/* Suggestions: Enter accepts the selected suggestion, Delete rejects. */
void              attest_article_view_accept_suggestion    (AttestArticleView *self);
void              attest_article_view_reject_suggestion    (AttestArticleView *self);
void              attest_article_view_accept_all_suggestions (AttestArticleView *self);

void              attest_article_view_set_label_visible    (AttestArticleView *self,
                                                            const char        *label,
                                                            gboolean           visible);
gboolean          attest_article_view_get_label_visible    (AttestArticleView *self,
                                                            const char        *label);

/* Spans under a point in widget coordinates, innermost first: for
 * clicks and tests. */
GPtrArray        *attest_article_view_get_spans_at_point   (AttestArticleView *self,
                                                            double             x,
                                                            double             y);
/* TRUE once every span's paint has been applied (loading is chunked). */
gboolean          attest_article_view_is_painted           (AttestArticleView *self);

G_END_DECLS
