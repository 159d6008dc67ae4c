/* attest-article-view-draw.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "attest-article-view-private.h"

/* What tags cannot show is drawn over the text, for the visible region
 * only: box and underline labels, the selected span, suggestions
 * (dashed) and relation arcs. Spans come from the interval index for the visible
 * range, so the cost of a frame does not grow with the document. */

#define BOX_RADIUS      3.0f
#define ARC_MAX_HEIGHT  60.0
#define ARROW_LENGTH    7.0

/* Drawing never creates tags: a label the tag set does not know, and that
 * no tag was made for yet, is drawn in the neutral grey. */
static AttestLabelPaint *
paint_for (AttestArticleView *self,
           const char        *label)
{
  static AttestLabelPaint fallback = {
    .label = NULL,
    .style = ATTEST_LABEL_STYLE_BACKGROUND,
    .color = { 0.604f, 0.600f, 0.588f, 1.0f },
    .visible = TRUE,
  };
  AttestLabelPaint *paint = g_hash_table_lookup (self->paints, label);

  return paint != NULL ? paint : &fallback;
}

void
_attest_article_view_get_visible_range (AttestArticleView *self,
                                        guint             *start,
                                        guint             *end)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GdkRectangle rect;
  GtkTextIter iter;

  *start = *end = 0;

  gtk_text_view_get_visible_rect (view, &rect);
  if (rect.width <= 0 || rect.height <= 0 || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  gtk_text_view_get_iter_at_location (view, &iter, rect.x, rect.y);
  *start = gtk_text_iter_get_offset (&iter);

  gtk_text_view_get_iter_at_location (view, &iter, rect.x + rect.width, rect.y + rect.height);
  if (!gtk_text_view_forward_display_line (view, &iter))
    gtk_text_buffer_get_end_iter (gtk_text_view_get_buffer (view), &iter);
  *end = gtk_text_iter_get_offset (&iter);
}

static void
get_rects (AttestArticleView *self,
           guint              start,
           guint              end,
           guint              max_rects,
           GArray            *rects)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter iter, stop;
  guint n = 0;

  end = MIN (end, self->inserted_length);
  if (start >= end)
    return;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &stop, end);

  /* One rectangle per display line the range touches, without the white
   * space where a line wraps. */
  while (gtk_text_iter_compare (&iter, &stop) < 0 && n < max_rects)
    {
      GtkTextIter next = iter;
      GtkTextIter last;
      GdkRectangle first_loc, last_loc;
      gboolean more = gtk_text_view_forward_display_line (view, &next);
      gboolean final = !more || gtk_text_iter_compare (&next, &stop) >= 0;
      graphene_rect_t rect;
      int x0, x1;

      last = final ? stop : next;
      gtk_text_iter_backward_char (&last);
      while (gtk_text_iter_compare (&last, &iter) > 0 &&
             g_unichar_isspace (gtk_text_iter_get_char (&last)))
        gtk_text_iter_backward_char (&last);

      if (!gtk_text_iter_equal (&last, &iter) ||
          !g_unichar_isspace (gtk_text_iter_get_char (&iter)))
        {
          gtk_text_view_get_iter_location (view, &iter, &first_loc);
          gtk_text_view_get_iter_location (view, &last, &last_loc);
          /* Right-to-left runs put the first character on the right. */
          x0 = MIN (first_loc.x, last_loc.x);
          x1 = MAX (first_loc.x + first_loc.width, last_loc.x + last_loc.width);
          graphene_rect_init (&rect, x0, first_loc.y, MAX (x1 - x0, 2), first_loc.height);
          g_array_append_val (rects, rect);
          n++;
        }

      if (final)
        break;
      iter = next;
    }
}

void
_attest_article_view_get_range_rects (AttestArticleView *self,
                                      guint              start,
                                      guint              end,
                                      GArray            *rects)
{
  get_rects (self, start, end, G_MAXUINT, rects);
}

static GdkRGBA
outline_color (AttestArticleView *self,
               const GdkRGBA     *color)
{
  GdkRGBA out = *color;
  float mix = self->dark ? 0.25f : 0.40f;
  float target = self->dark ? 1.0f : 0.0f;

  /* A label colour like yellow is too faint for a thin line on white:
   * darken it in light mode and lighten it in dark mode. */
  out.red += (target - out.red) * mix;
  out.green += (target - out.green) * mix;
  out.blue += (target - out.blue) * mix;
  out.alpha = 1.0f;

  return out;
}

static void
append_outline (GtkSnapshot           *snapshot,
                const graphene_rect_t *rect,
                float                  pad_x,
                float                  pad_y,
                float                  width,
                const GdkRGBA         *color)
{
  GskRoundedRect outline;
  graphene_rect_t bounds;
  const float widths[4] = { width, width, width, width };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  graphene_rect_inset_r (rect, -pad_x, -pad_y, &bounds);
  gsk_rounded_rect_init_from_rect (&outline, &bounds, BOX_RADIUS);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

typedef struct
{
  AttestArticleView *self;
  GPtrArray         *spans;
} DecorationData;

static gboolean
collect_decorations (AttestSpan *span,
                     gpointer    user_data)
{
  DecorationData *data = user_data;
  AttestLabelPaint *paint = paint_for (data->self, span->label);

  if (paint->style != ATTEST_LABEL_STYLE_BACKGROUND && paint->visible && span->end > span->start)
    g_ptr_array_add (data->spans, span);

  return TRUE;
}

/* Nesting depth of a span among the visible spans of its label. */
static guint
nesting_depth (GPtrArray  *spans,
               AttestSpan *span)
{
  guint depth = 0;

  for (guint i = 0; i < spans->len; i++)
    {
      AttestSpan *other = g_ptr_array_index (spans, i);

      if (other != span && other->label == span->label &&
          other->start <= span->start && other->end >= span->end &&
          (other->start < span->start || other->end > span->end ||
           attest_span_compare (other, span) < 0))
        depth++;
    }

  return MIN (depth, ATTEST_PAINT_DEPTHS - 1);
}

static void
append_underline (GtkSnapshot           *snapshot,
                  const graphene_rect_t *rect,
                  guint                  depth,
                  const GdkRGBA         *color)
{
  graphene_rect_t line;

  /* Nested spans underline below their parents, like stacked rules. */
  graphene_rect_init (&line, rect->origin.x, rect->origin.y + rect->size.height + 3.0f * depth,
                      rect->size.width, 2.0f);
  gtk_snapshot_append_color (snapshot, color, &line);
}

/* Box and underline labels: GTK 4.8 drops a tag's underline on some lines
 * of a wrapped paragraph, and a box is no tag attribute at all. */
static void
draw_decorations (AttestArticleView *self,
                  GtkSnapshot       *snapshot,
                  guint              start,
                  guint              end,
                  gboolean           below)
{
  g_autoptr(GPtrArray) spans = g_ptr_array_new ();
  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  DecorationData data = { self, spans };

  attest_span_store_foreach_in_range (attest_document_get_spans (self->document),
                                      start, end, collect_decorations, &data);

  for (guint i = 0; i < spans->len; i++)
    {
      AttestSpan *span = g_ptr_array_index (spans, i);
      AttestLabelPaint *paint = paint_for (self, span->label);
      guint depth = nesting_depth (spans, span);
      GdkRGBA color = below ? paint->color : outline_color (self, &paint->color);

      if (below && paint->style != ATTEST_LABEL_STYLE_BOX)
        continue;

      g_array_set_size (rects, 0);
      get_rects (self, MAX (span->start, start), MIN (span->end, end), G_MAXUINT, rects);

      for (guint r = 0; r < rects->len; r++)
        {
          const graphene_rect_t *rect = &g_array_index (rects, graphene_rect_t, r);

          if (below)
            {
              color.alpha = self->dark ? 0.16f : 0.12f;
              gtk_snapshot_append_color (snapshot, &color, rect);
            }
          else if (paint->style == ATTEST_LABEL_STYLE_UNDERLINE)
            append_underline (snapshot, rect, depth, &color);
          else
            /* Nested boxes sit inside their parents. */
            append_outline (snapshot, rect, 2.0f - depth, 2.0f - depth, 1.5f, &color);
        }
    }
}

/* A cairo node as small as what it draws: a node as big as the view
 * costs a full-window surface per frame. */
static cairo_t *
append_cairo (GtkSnapshot           *snapshot,
              const graphene_rect_t *bounds)
{
  graphene_rect_t rounded;

  graphene_rect_round_extents (bounds, &rounded);

  return gtk_snapshot_append_cairo (snapshot, &rounded);
}

static void
union_rects (GArray          *rects,
             float            pad,
             graphene_rect_t *bounds)
{
  *bounds = g_array_index (rects, graphene_rect_t, 0);
  for (guint r = 1; r < rects->len; r++)
    graphene_rect_union (bounds, &g_array_index (rects, graphene_rect_t, r), bounds);
  graphene_rect_inset (bounds, -pad, -pad);
}

static void
draw_dashed (GtkSnapshot   *snapshot,
             GArray        *rects,
             double         pad,
             double         width,
             const GdkRGBA *color)
{
  graphene_rect_t bounds;
  cairo_t *cr;

  if (rects->len == 0)
    return;

  union_rects (rects, pad + width, &bounds);
  cr = append_cairo (snapshot, &bounds);
  cairo_set_line_width (cr, width);
  cairo_set_dash (cr, (const double[]) { 4.0, 3.0 }, 2, 0);
  gdk_cairo_set_source_rgba (cr, color);
  for (guint r = 0; r < rects->len; r++)
    {
      const graphene_rect_t *rect = &g_array_index (rects, graphene_rect_t, r);

      cairo_rectangle (cr, rect->origin.x - pad, rect->origin.y - pad,
                       rect->size.width + 2 * pad, rect->size.height + 2 * pad);
    }
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
draw_selected (AttestArticleView *self,
               GtkSnapshot       *snapshot,
               guint              start,
               guint              end)
{
  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  gboolean suggestion = FALSE;
  AttestSpan *span;
  AttestLabelPaint *paint;
  GdkRGBA color;

  span = _attest_article_view_lookup_span (self, self->selected_span_id, &suggestion);
  if (span == NULL || span->end < start || span->start > end)
    return;

  paint = paint_for (self, span->label);
  color = outline_color (self, &paint->color);

  /* An empty span (re-anchoring collapsed it) still shows where it is. */
  if (span->start == span->end)
    {
      GtkTextIter iter;
      GdkRectangle loc;
      graphene_rect_t rect;

      gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self)),
                                          &iter, span->start);
      gtk_text_view_get_iter_location (GTK_TEXT_VIEW (self), &iter, &loc);
      graphene_rect_init (&rect, loc.x - 1, loc.y, 2, loc.height);
      append_outline (snapshot, &rect, 1.0f, 1.0f, 2.0f, &color);
      return;
    }

  get_rects (self, MAX (span->start, start), MIN (span->end, end), G_MAXUINT, rects);

  if (suggestion)
    {
      draw_dashed (snapshot, rects, 3.0, 2.5, &color);
      return;
    }

  for (guint r = 0; r < rects->len; r++)
    append_outline (snapshot, &g_array_index (rects, graphene_rect_t, r), 3.0f, 3.0f, 2.0f, &color);
}

typedef struct
{
  AttestArticleView *self;
  GtkSnapshot       *snapshot;
  guint              start;
  guint              end;
  GArray            *rects;
} SuggestionData;

static gboolean
draw_suggestion (AttestSpan *span,
                 gpointer    user_data)
{
  SuggestionData *data = user_data;
  AttestLabelPaint *paint = paint_for (data->self, span->label);
  GdkRGBA color;

  if (!paint->visible || g_strcmp0 (span->id, data->self->selected_span_id) == 0)
    return TRUE;

  color = outline_color (data->self, &paint->color);
  g_array_set_size (data->rects, 0);
  get_rects (data->self, MAX (span->start, data->start), MIN (span->end, data->end),
             G_MAXUINT, data->rects);
  draw_dashed (data->snapshot, data->rects, 1.5, 1.5, &color);

  return TRUE;
}

/* Spans that re-anchoring flagged for review: a dashed outline in the
 * warning colour, and a caret where deleted text used to be. */
static gboolean
draw_flagged (AttestSpan *span,
              gpointer    user_data)
{
  SuggestionData *data = user_data;
  /* GNOME's warning yellow, readable on light and dark pages. */
  GdkRGBA warning = data->self->dark ? (GdkRGBA) { 0.97f, 0.83f, 0.18f, 1.0f }
                                     : (GdkRGBA) { 0.80f, 0.58f, 0.04f, 1.0f };

  if (span->flags == ATTEST_SPAN_FLAG_NONE)
    return TRUE;

  g_array_set_size (data->rects, 0);
  if (span->end > span->start)
    {
      get_rects (data->self, MAX (span->start, data->start), MIN (span->end, data->end),
                 G_MAXUINT, data->rects);
      draw_dashed (data->snapshot, data->rects, 3.0, 1.5, &warning);
    }
  else
    {
      get_rects (data->self, span->start, span->start + 1, 1, data->rects);
      if (data->rects->len > 0)
        {
          graphene_rect_t *rect = &g_array_index (data->rects, graphene_rect_t, 0);
          graphene_rect_t caret;

          graphene_rect_init (&caret, rect->origin.x - 1.5f, rect->origin.y, 3.0f, rect->size.height);
          gtk_snapshot_append_color (data->snapshot, &warning, &caret);
        }
    }

  return TRUE;
}

static void
rebuild_relation_index (AttestArticleView *self)
{
  guint n = attest_document_get_n_relations (self->document);

  g_hash_table_remove_all (self->relations_by_span);

  for (guint i = 0; i < n; i++)
    {
      AttestRelation *relation = attest_document_get_relation (self->document, i);
      const char *ends[2] = { relation->from, relation->to };

      for (guint e = 0; e < 2; e++)
        {
          GPtrArray *list;

          if (ends[e] == NULL || (e == 1 && g_strcmp0 (ends[0], ends[1]) == 0))
            continue;

          list = g_hash_table_lookup (self->relations_by_span, ends[e]);
          if (list == NULL)
            {
              list = g_ptr_array_new ();
              g_hash_table_insert (self->relations_by_span, (gpointer) ends[e], list);
            }
          g_ptr_array_add (list, relation);
        }
    }

  self->relations_dirty = FALSE;
}

static gboolean
span_anchor (AttestArticleView *self,
             const char        *span_id,
             graphene_point_t  *point)
{
  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  AttestSpan *span = _attest_article_view_lookup_span (self, span_id, NULL);
  const graphene_rect_t *rect;

  if (span == NULL || !attest_article_view_get_label_visible (self, span->label))
    return FALSE;

  get_rects (self, span->start, MAX (span->end, span->start + 1), 1, rects);
  if (rects->len == 0)
    return FALSE;

  rect = &g_array_index (rects, graphene_rect_t, 0);
  point->x = rect->origin.x + rect->size.width / 2;
  point->y = rect->origin.y - 1;

  return TRUE;
}

static void
draw_relation (AttestArticleView    *self,
               GtkSnapshot          *snapshot,
               const AttestRelation *relation,
               const GdkRGBA        *color)
{
  graphene_point_t from, to;
  graphene_rect_t bounds;
  double lift, top;
  cairo_t *cr;

  if (!span_anchor (self, relation->from, &from) || !span_anchor (self, relation->to, &to))
    return;

  /* Up from the top of one span and down onto the other, higher for
   * spans further apart, with the arrow head on the target. */
  lift = MIN (ARC_MAX_HEIGHT, 12.0 + fabs (to.x - from.x) / 4.0 + fabs (to.y - from.y) / 8.0);
  top = MIN (from.y, to.y) - lift;

  graphene_rect_init (&bounds, MIN (from.x, to.x) - ARROW_LENGTH - 2, top - 2,
                      fabs (to.x - from.x) + 2 * ARROW_LENGTH + 4, MAX (from.y, to.y) - top + 4);
  cr = append_cairo (snapshot, &bounds);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, 1.5);

  if (g_strcmp0 (relation->type, "continues") == 0)
    cairo_set_dash (cr, (const double[]) { 4.0, 3.0 }, 2, 0);
  cairo_move_to (cr, from.x, from.y);
  cairo_curve_to (cr, from.x, top, to.x, top, to.x, to.y);
  cairo_stroke (cr);

  /* The curve ends going straight down. */
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_move_to (cr, to.x, to.y);
  cairo_line_to (cr, to.x - ARROW_LENGTH * 0.45, to.y - ARROW_LENGTH);
  cairo_line_to (cr, to.x + ARROW_LENGTH * 0.45, to.y - ARROW_LENGTH);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_destroy (cr);
}

typedef struct
{
  AttestArticleView *self;
  GtkSnapshot       *snapshot;
  GHashTable        *drawn;
  GdkRGBA            color;
} RelationData;

static void
draw_relations_of (RelationData *data,
                   const char   *span_id)
{
  GPtrArray *list = g_hash_table_lookup (data->self->relations_by_span, span_id);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      AttestRelation *relation = g_ptr_array_index (list, i);

      if (g_hash_table_add (data->drawn, relation))
        draw_relation (data->self, data->snapshot, relation, &data->color);
    }
}

static gboolean
draw_relations_cb (AttestSpan *span,
                   gpointer    user_data)
{
  draw_relations_of (user_data, span->id);

  return TRUE;
}

static void
draw_relations (AttestArticleView *self,
                GtkSnapshot       *snapshot,
                guint              start,
                guint              end)
{
  g_autoptr(GHashTable) drawn = g_hash_table_new (NULL, NULL);
  RelationData data = { self, snapshot, drawn, { 0 } };

  if (attest_document_get_n_relations (self->document) == 0)
    return;

  if (self->relations_dirty)
    rebuild_relation_index (self);

  /* The accent colour, apart from every label colour. */
  gdk_rgba_parse (&data.color, self->dark ? "#78aeed" : "#1c71d8");
  data.color.alpha = 0.85f;

  if (self->relation_display == ATTEST_RELATIONS_ALWAYS)
    attest_span_store_foreach_in_range (attest_document_get_spans (self->document),
                                        start, end, draw_relations_cb, &data);
  else if (self->selected_span_id != NULL)
    draw_relations_of (&data, self->selected_span_id);
}

void
_attest_article_view_snapshot_layer (GtkTextView      *text_view,
                                     GtkTextViewLayer  layer,
                                     GtkSnapshot      *snapshot)
{
  AttestArticleView *self = ATTEST_ARTICLE_VIEW (text_view);
  g_autoptr(GArray) rects = NULL;
  SuggestionData data;
  guint start, end;

  if (self->document == NULL || self->inserted_length == 0)
    return;

  _attest_article_view_get_visible_range (self, &start, &end);
  if (end <= start)
    return;

  if (layer == GTK_TEXT_VIEW_LAYER_BELOW_TEXT)
    {
      draw_decorations (self, snapshot, start, end, TRUE);
      return;
    }

  draw_decorations (self, snapshot, start, end, FALSE);

  rects = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  data.self = self;
  data.snapshot = snapshot;
  data.start = start;
  data.end = end;
  data.rects = rects;
  attest_span_store_foreach_in_range (attest_document_get_suggested_spans (self->document),
                                      start, end, draw_suggestion, &data);
  attest_span_store_foreach_in_range (attest_document_get_spans (self->document),
                                      start, end, draw_flagged, &data);

  draw_selected (self, snapshot, start, end);
  draw_relations (self, snapshot, start, end);
}
