/* attest-article-view-private.h: state shared by the article view's files
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-article-view.h"

G_BEGIN_DECLS

/* Nested spans of one label get up to this many shared tags, one per
 * depth; deeper nesting paints as the deepest. */
#define ATTEST_PAINT_DEPTHS 3

/* The text is painted in chunks of this many code points, so a document
 * of any size is painted a little per main-loop iteration and a repaint
 * of a huge range is deferred to the same machinery. */
#define ATTEST_PAINT_CHUNK 16384

/* Lines longer than this are shown with some of their spaces turned into
 * line breaks in the buffer (offsets stay the same: one character
 * replaces another). GtkTextView lays out and tags a line as a whole, so
 * one 1 MB line with 10,000 spans takes minutes to tag and a keystroke
 * re-shapes all of it; lines of about a thousand characters cost little. */
#define ATTEST_SOFT_BREAK_MIN_LINE 2000
#define ATTEST_SOFT_BREAK_TARGET   1000
/* A line that still has more characters than this without a space to
 * break at is refused: the view would stall for seconds per keystroke. */
#define ATTEST_MAX_UNBROKEN_LINE   20000

typedef struct
{
  const char       *label;        /* interned */
  char             *name;
  AttestLabelStyle  style;
  GdkRGBA           color;
  /* One shared tag per depth: never a tag per span. NULL for box labels,
   * which are drawn over the text instead. */
  GtkTextTag       *tags[ATTEST_PAINT_DEPTHS];
  guint             visible : 1;

  /* Sweep state while painting a chunk. */
  guint             count;
  guint             open_at[ATTEST_PAINT_DEPTHS];
} AttestLabelPaint;

struct _AttestArticleView
{
  GtkSourceView          parent_instance;

  AttestSession         *session;
  AttestDocument        *document;
  AttestTagset          *tagset;
  GSignalGroup          *session_signals;
  GSignalGroup          *document_signals;

  /* Paint: interned label -> AttestLabelPaint. */
  GHashTable            *paints;
  /* Labels hidden by set_label_visible, kept across tag set reloads. */
  GHashTable            *hidden_labels;

  /* Loading: text is inserted, then painted, a chunk at a time. */
  guint                  load_source;
  guint                  text_length;     /* code points */
  gsize                  inserted_bytes;  /* of the buffer text inserted so far */
  guint                  inserted_length; /* code points inserted so far */
  char                  *buffer_text;     /* the text with soft breaks, while loading */
  gsize                  buffer_text_len;
  guint8                *chunk_painted;   /* one flag per ATTEST_PAINT_CHUNK */
  guint                  n_chunks;
  guint                  n_painted;
  guint                  next_chunk;
  guint                  n_soft_breaks;
  char                  *refusal;

  /* Relations by span id, for drawing; rebuilt when relations change. */
  GHashTable            *relations_by_span;
  guint                  relations_dirty : 1;

  /* Selection. */
  char                  *selected_span_id;
  guint                  last_click_offset;
  guint                  click_cycle;

  /* Link cycling: the quote and the candidates of the last link. */
  char                  *link_from_id;
  const char            *link_type;
  GPtrArray             *link_candidates;   /* of char * span ids */
  guint                  link_index;

  /* Settings. */
  char                  *font;
  GtkCssProvider        *font_provider;
  AttestRelationDisplay  relation_display;
  guint                  snap_to_words : 1;
  guint                  exclude_quote_marks : 1;
  guint                  dark : 1;

  int                    last_width;
  GtkTextMark           *scroll_mark;
  GtkAdjustment         *vadjustment;
  guint                  visible_source;
};

/* attest-article-view-paint.c */
void              _attest_article_view_paint_init        (AttestArticleView *self);
void              _attest_article_view_paint_finalize    (AttestArticleView *self);
void              _attest_article_view_rebuild_paints    (AttestArticleView *self);
void              _attest_article_view_update_colors     (AttestArticleView *self);
AttestLabelPaint *_attest_article_view_get_paint         (AttestArticleView *self,
                                                          const char        *label);
void              _attest_article_view_load              (AttestArticleView *self);
void              _attest_article_view_unload            (AttestArticleView *self);
void              _attest_article_view_repaint_range     (AttestArticleView *self,
                                                          guint              start,
                                                          guint              end);
void              _attest_article_view_paint_visible     (AttestArticleView *self);
void              _attest_article_view_apply_visibility  (AttestArticleView *self,
                                                          AttestLabelPaint  *paint);

/* attest-article-view-draw.c */
void              _attest_article_view_snapshot_layer    (GtkTextView       *text_view,
                                                          GtkTextViewLayer   layer,
                                                          GtkSnapshot       *snapshot);
void              _attest_article_view_get_range_rects   (AttestArticleView *self,
                                                          guint              start,
                                                          guint              end,
                                                          GArray            *rects);
void              _attest_article_view_get_visible_range (AttestArticleView *self,
                                                          guint             *start,
                                                          guint             *end);

/* attest-article-view-edit.c */
gboolean          _attest_article_view_can_edit          (AttestArticleView *self);
AttestSpan       *_attest_article_view_lookup_span       (AttestArticleView *self,
                                                          const char        *span_id,
                                                          gboolean          *is_suggestion);

/* attest-article-view-link.c */
void              _attest_article_view_link_with_type    (AttestArticleView *self,
                                                          AttestRelationType *type);

/* attest-article-view-quotes.c */
gboolean          _attest_article_view_is_quote_mark     (gunichar           ch);

/* attest-article-view-input.c */
void              _attest_article_view_class_init_input  (GtkWidgetClass    *widget_class);
void              _attest_article_view_init_input        (AttestArticleView *self);
void              _attest_article_view_dispose_input     (AttestArticleView *self);

/* attest-article-view.c */
void              _attest_article_view_emit_message      (AttestArticleView *self,
                                                          const char        *message);
void              _attest_article_view_set_selected      (AttestArticleView *self,
                                                          const char        *span_id);
gboolean          _attest_article_view_has_spans         (AttestArticleView *self);
void              _attest_article_view_scroll_to_offset  (AttestArticleView *self,
                                                          guint              offset);

G_END_DECLS
