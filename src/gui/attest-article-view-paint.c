/* attest-article-view-paint.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attest-article-view-private.h"

/* The tag adapter: spans live in the core's interval index; the buffer
 * only carries paint. Each label has one shared tag per nesting depth,
 * and a position gets the depth-d tag of a label when at least d + 1
 * spans of that label cover it, so the paint of any range is a function
 * of the spans overlapping it and a repaint never looks outside it.
 *
 * Only background labels are tags; boxes and underlines are drawn.
 *
 * Loading inserts the text and paints it a step at a time from an idle
 * source that runs between the frame clock (GDK_PRIORITY_REDRAW) and
 * GtkTextView's own background validation, so frames keep coming while a
 * 10 MB document loads; whatever scrolls into view is painted first. */

#define PAINT_PRIORITY      (GDK_PRIORITY_REDRAW + 2)
#define STEP_USEC           5000
#define FIRST_INSERT_BYTES  (64 * 1024)
#define INSERT_BYTES        (64 * 1024)
/* A repaint spanning more chunks than this is left to the idle painter. */
#define MAX_SYNC_CHUNKS     4

static const double background_alpha[2][ATTEST_PAINT_DEPTHS] = {
  { 0.35, 0.55, 0.75 },   /* light */
  { 0.40, 0.58, 0.76 },   /* dark: a little stronger to show on the darker page */
};

typedef struct
{
  guint             offset;
  int               delta;
  AttestLabelPaint *paint;
} PaintEvent;

static void
label_paint_free (gpointer data)
{
  AttestLabelPaint *paint = data;

  g_free (paint->name);
  g_free (paint);
}

void
_attest_article_view_paint_init (AttestArticleView *self)
{
  self->paints = g_hash_table_new_full (NULL, NULL, NULL, label_paint_free);
  self->hidden_labels = g_hash_table_new (NULL, NULL);
}

void
_attest_article_view_paint_finalize (AttestArticleView *self)
{
  g_clear_pointer (&self->paints, g_hash_table_unref);
  g_clear_pointer (&self->hidden_labels, g_hash_table_unref);
}

static void
update_paint_color (AttestArticleView *self,
                    AttestLabelPaint  *paint)
{
  for (guint d = 0; d < ATTEST_PAINT_DEPTHS; d++)
    {
      GdkRGBA rgba = paint->color;

      if (paint->tags[d] == NULL)
        continue;

      rgba.alpha = background_alpha[self->dark][d];
      g_object_set (paint->tags[d], "background-rgba", &rgba, NULL);
    }

  _attest_article_view_apply_visibility (self, paint);
}

void
_attest_article_view_apply_visibility (AttestArticleView *self,
                                       AttestLabelPaint  *paint)
{
  /* Flipping the shared tags' "background-set" hides every span of the
   * label at once, without touching a single range of the buffer. */
  for (guint d = 0; d < ATTEST_PAINT_DEPTHS; d++)
    if (paint->tags[d] != NULL)
      g_object_set (paint->tags[d], "background-set", (gboolean) paint->visible, NULL);
}

static AttestLabelPaint *
add_paint (AttestArticleView *self,
           const char        *label,
           const char        *name,
           const char        *color,
           AttestLabelStyle   style)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  AttestLabelPaint *paint = g_new0 (AttestLabelPaint, 1);

  paint->label = g_intern_string (label);
  paint->name = g_strdup (name != NULL ? name : label);
  paint->style = style;
  paint->visible = !g_hash_table_contains (self->hidden_labels, paint->label);
  if (color == NULL || !gdk_rgba_parse (&paint->color, color))
    gdk_rgba_parse (&paint->color, "#9a9996");

  /* Boxes and underlines are drawn over the text (see -draw.c): GTK 4.8
   * drops the underline of a tag on some lines of a wrapped paragraph,
   * and a tag that paints nothing would only add toggles. */
  if (style == ATTEST_LABEL_STYLE_BACKGROUND)
    for (guint d = 0; d < ATTEST_PAINT_DEPTHS; d++)
      paint->tags[d] = gtk_text_buffer_create_tag (buffer, NULL, NULL);

  g_hash_table_insert (self->paints, (gpointer) paint->label, paint);
  update_paint_color (self, paint);

  return paint;
}

void
_attest_article_view_rebuild_paints (AttestArticleView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->paints);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      AttestLabelPaint *paint = value;

      for (guint d = 0; d < ATTEST_PAINT_DEPTHS; d++)
        if (paint->tags[d] != NULL)
          gtk_text_tag_table_remove (table, paint->tags[d]);
    }
  g_hash_table_remove_all (self->paints);

  if (self->tagset == NULL)
    return;

  for (guint i = 0; i < attest_tagset_get_n_labels (self->tagset); i++)
    {
      AttestLabel *label = attest_tagset_get_label (self->tagset, i);

      add_paint (self, label->id, label->name, label->color, label->style);
    }
}

void
_attest_article_view_update_colors (AttestArticleView *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->paints);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    update_paint_color (self, value);
}

AttestLabelPaint *
_attest_article_view_get_paint (AttestArticleView *self,
                                const char        *label)
{
  AttestLabelPaint *paint = g_hash_table_lookup (self->paints, label);

  /* A label the tag set does not know (an imported sidecar) still shows,
   * in a neutral grey. */
  if (paint == NULL && label != NULL)
    paint = add_paint (self, label, label, NULL, ATTEST_LABEL_STYLE_BACKGROUND);

  return paint;
}

/* Painting a range -------------------------------------------------------- */

typedef struct
{
  AttestArticleView *self;
  GArray            *events;
  guint              start;
  guint              end;
} CollectData;

static gboolean
collect_events (AttestSpan *span,
                gpointer    user_data)
{
  CollectData *data = user_data;
  AttestLabelPaint *paint;
  PaintEvent event;

  if (span->start >= span->end)
    return TRUE;

  paint = _attest_article_view_get_paint (data->self, span->label);
  if (paint->tags[0] == NULL)
    return TRUE;

  event.paint = paint;
  event.offset = MAX (span->start, data->start);
  event.delta = 1;
  g_array_append_val (data->events, event);
  event.offset = MIN (span->end, data->end);
  event.delta = -1;
  g_array_append_val (data->events, event);

  return TRUE;
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const PaintEvent *ea = a;
  const PaintEvent *eb = b;

  if (ea->offset != eb->offset)
    return ea->offset < eb->offset ? -1 : 1;

  /* Openings first, so spans that touch paint as one run instead of a
   * run that ends and another that starts at the same place. */
  return eb->delta - ea->delta;
}

static void
apply_tag (GtkTextBuffer *buffer,
           GtkTextTag    *tag,
           guint          start,
           guint          end)
{
  GtkTextIter a, b;

  if (start >= end)
    return;

  gtk_text_buffer_get_iter_at_offset (buffer, &a, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, end);
  gtk_text_buffer_apply_tag (buffer, tag, &a, &b);
}

static void
paint_range (AttestArticleView *self,
             guint              start,
             guint              end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  g_autoptr(GArray) events = NULL;
  GHashTableIter iter;
  GtkTextIter a, b;
  CollectData data;
  gpointer value;

  end = MIN (end, self->inserted_length);
  if (self->document == NULL || start >= end)
    return;

  gtk_text_buffer_get_iter_at_offset (buffer, &a, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, end);

  g_hash_table_iter_init (&iter, self->paints);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      AttestLabelPaint *paint = value;

      paint->count = 0;
      for (guint d = 0; d < ATTEST_PAINT_DEPTHS; d++)
        if (paint->tags[d] != NULL)
          gtk_text_buffer_remove_tag (buffer, paint->tags[d], &a, &b);
    }

  events = g_array_new (FALSE, FALSE, sizeof (PaintEvent));
  data.self = self;
  data.events = events;
  data.start = start;
  data.end = end;
  attest_span_store_foreach_in_range (attest_document_get_spans (self->document),
                                      start, end, collect_events, &data);
  g_array_sort (events, compare_events);

  for (guint i = 0; i < events->len; i++)
    {
      const PaintEvent *event = &g_array_index (events, PaintEvent, i);
      AttestLabelPaint *paint = event->paint;

      if (event->delta > 0)
        {
          if (paint->count < ATTEST_PAINT_DEPTHS)
            paint->open_at[paint->count] = event->offset;
          paint->count++;
        }
      else
        {
          paint->count--;
          if (paint->count < ATTEST_PAINT_DEPTHS)
            apply_tag (buffer, paint->tags[paint->count],
                       paint->open_at[paint->count], event->offset);
        }
    }
}

/* Loading ------------------------------------------------------------------ */

static gboolean
is_sentence_end (gunichar ch)
{
  return ch == '.' || ch == '!' || ch == '?' || ch == ';' || ch == ':' ||
         ch == 0x2026 /* … */ || ch == 0x201D /* ” */ || ch == '"' ||
         ch == 0x00BB /* » */;
}

/* Returns a copy of @data with spaces of very long lines turned into line
 * breaks (one character for another, so offsets are unchanged), or NULL
 * when no line needs it. */
static char *
make_buffer_text (AttestArticleView *self,
                  const char        *data,
                  gsize              n_bytes)
{
  gboolean long_line = FALSE;
  guint line_len = 0;
  guint longest_run = 0;
  char *copy;

  for (gsize i = 0; i < n_bytes; i++)
    {
      guchar c = data[i];

      if (c == '\n')
        line_len = 0;
      else if ((c & 0xC0) != 0x80 && ++line_len > ATTEST_SOFT_BREAK_MIN_LINE)
        {
          long_line = TRUE;
          break;
        }
    }

  if (!long_line)
    return NULL;

  copy = g_memdup2 (data, n_bytes + 1);

  for (gsize line_start = 0; line_start < n_bytes;)
    {
      const char *nl = memchr (copy + line_start, '\n', n_bytes - line_start);
      gsize line_end = nl != NULL ? (gsize) (nl - copy) : n_bytes;
      guint since_break = 0;
      gunichar prev = 0;

      if (g_utf8_strlen (copy + line_start, line_end - line_start) > ATTEST_SOFT_BREAK_MIN_LINE)
        {
          for (const char *p = copy + line_start; p < copy + line_end; p = g_utf8_next_char (p))
            {
              gunichar ch = g_utf8_get_char (p);

              /* Prefer a space after the end of a sentence; take any space
               * once the piece is twice as long as wanted. */
              if (ch == ' ' &&
                  ((since_break >= ATTEST_SOFT_BREAK_TARGET && is_sentence_end (prev)) ||
                   since_break >= 2 * ATTEST_SOFT_BREAK_TARGET))
                {
                  *(char *) p = '\n';
                  self->n_soft_breaks++;
                  longest_run = MAX (longest_run, since_break);
                  since_break = 0;
                }
              else
                since_break++;
              prev = ch;
            }
          longest_run = MAX (longest_run, since_break);
        }

      line_start = line_end + 1;
    }

  if (longest_run > ATTEST_MAX_UNBROKEN_LINE)
    {
      self->refusal = g_strdup_printf (_("This article has a line of more than %u characters "
                                         "without a space to wrap at, which Attest cannot "
                                         "display without freezing. Add line breaks to the "
                                         "article, or annotate it with attest-cli."),
                                       (guint) ATTEST_MAX_UNBROKEN_LINE);
      g_free (copy);
      return NULL;
    }

  return copy;
}

static const char *
get_buffer_text (AttestArticleView *self,
                 gsize             *n_bytes)
{
  AttestText *text;

  if (self->buffer_text != NULL)
    {
      *n_bytes = self->buffer_text_len;
      return self->buffer_text;
    }

  text = attest_document_get_text (self->document);
  *n_bytes = attest_text_get_n_bytes (text);

  return attest_text_get_data (text);
}

/* Inserts about @max_bytes more of the text, cut after a newline when
 * there is one close by, so lines are laid out whole. */
static void
insert_piece (AttestArticleView *self,
              gsize              max_bytes)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  gsize total;
  const char *data = get_buffer_text (self, &total);
  gsize from = self->inserted_bytes;
  gsize to = MIN (total, from + max_bytes);
  GtkTextIter end;

  if (to < total)
    {
      const char *nl = memchr (data + to, '\n', MIN (total - to, 4096));

      if (nl != NULL)
        to = nl - data + 1;
      else
        while (to > from && (data[to] & 0xC0) == 0x80)
          to--;
    }

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, data + from, to - from);

  self->inserted_bytes = to;
  self->inserted_length += g_utf8_strlen (data + from, to - from);

  if (self->inserted_bytes == total)
    {
      g_clear_pointer (&self->buffer_text, g_free);
      self->inserted_length = self->text_length;
    }
}

static gboolean
paint_chunk (AttestArticleView *self,
             guint              chunk)
{
  guint start = chunk * ATTEST_PAINT_CHUNK;
  guint end = MIN (start + ATTEST_PAINT_CHUNK, self->text_length);

  if (chunk >= self->n_chunks || self->chunk_painted[chunk] || end > self->inserted_length)
    return FALSE;

  paint_range (self, start, end);
  self->chunk_painted[chunk] = TRUE;
  self->n_painted++;

  return TRUE;
}

static gboolean
load_step (gpointer user_data)
{
  AttestArticleView *self = user_data;
  gint64 deadline = g_get_monotonic_time () + STEP_USEC;

  do
    {
      if (self->inserted_length < self->text_length)
        insert_piece (self, INSERT_BYTES);
      else
        {
          while (self->next_chunk < self->n_chunks && self->chunk_painted[self->next_chunk])
            self->next_chunk++;

          if (self->next_chunk >= self->n_chunks)
            {
              self->load_source = 0;
              gtk_widget_queue_draw (GTK_WIDGET (self));
              return G_SOURCE_REMOVE;
            }

          paint_chunk (self, self->next_chunk);
        }
    }
  while (g_get_monotonic_time () < deadline);

  return G_SOURCE_CONTINUE;
}

static void
ensure_load_source (AttestArticleView *self)
{
  if (self->load_source == 0)
    {
      self->load_source = g_idle_add_full (PAINT_PRIORITY, load_step, self, NULL);
      g_source_set_name_by_id (self->load_source, "[attest] article view paint");
    }
}

void
_attest_article_view_paint_visible (AttestArticleView *self)
{
  guint start, end;

  if (self->document == NULL || self->n_painted == self->n_chunks)
    return;

  _attest_article_view_get_visible_range (self, &start, &end);
  /* Before the first layout the visible region is the top. */
  if (end <= start)
    end = MIN (self->inserted_length, 2 * ATTEST_PAINT_CHUNK);

  for (guint c = start / ATTEST_PAINT_CHUNK; c * ATTEST_PAINT_CHUNK < end; c++)
    paint_chunk (self, c);
}

void
_attest_article_view_unload (AttestArticleView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));

  g_clear_handle_id (&self->load_source, g_source_remove);
  g_clear_pointer (&self->chunk_painted, g_free);
  g_clear_pointer (&self->buffer_text, g_free);
  g_clear_pointer (&self->refusal, g_free);
  self->n_chunks = 0;
  self->n_painted = 0;
  self->next_chunk = 0;
  self->text_length = 0;
  self->inserted_bytes = 0;
  self->inserted_length = 0;
  self->n_soft_breaks = 0;

  gtk_text_buffer_set_text (buffer, "", 0);
}

void
_attest_article_view_load (AttestArticleView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  AttestText *text;
  GtkTextIter start;

  g_assert (self->inserted_length == 0);

  _attest_article_view_rebuild_paints (self);

  if (self->document == NULL)
    return;

  text = attest_document_get_text (self->document);
  self->buffer_text = make_buffer_text (self, attest_text_get_data (text),
                                        attest_text_get_n_bytes (text));
  if (self->buffer_text != NULL)
    self->buffer_text_len = attest_text_get_n_bytes (text);

  if (self->refusal != NULL)
    {
      _attest_article_view_emit_message (self, self->refusal);
      return;
    }

  self->text_length = attest_text_get_length (text);
  self->n_chunks = (self->text_length + ATTEST_PAINT_CHUNK - 1) / ATTEST_PAINT_CHUNK;
  self->chunk_painted = g_new0 (guint8, MAX (self->n_chunks, 1));

  /* Enough text for the first screen now, the rest from the idle. */
  if (self->text_length > 0)
    insert_piece (self, FIRST_INSERT_BYTES);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);

  _attest_article_view_paint_visible (self);

  if (self->n_painted < self->n_chunks)
    ensure_load_source (self);
}

void
_attest_article_view_repaint_range (AttestArticleView *self,
                                    guint              start,
                                    guint              end)
{
  guint first, last;

  end = MIN (end, self->text_length);
  if (self->document == NULL || start >= end)
    return;

  first = start / ATTEST_PAINT_CHUNK;
  last = (end - 1) / ATTEST_PAINT_CHUNK;

  if (last - first < MAX_SYNC_CHUNKS)
    {
      paint_range (self, start, end);
      return;
    }

  /* A span over much of a big document: repaint it like a load, what is
   * in view first, instead of stalling here. */
  for (guint c = first; c <= last; c++)
    if (self->chunk_painted[c])
      {
        self->chunk_painted[c] = FALSE;
        self->n_painted--;
      }
  self->next_chunk = MIN (self->next_chunk, first);
  _attest_article_view_paint_visible (self);
  ensure_load_source (self);
}

gboolean
attest_article_view_is_painted (AttestArticleView *self)
{
  g_return_val_if_fail (ATTEST_IS_ARTICLE_VIEW (self), FALSE);

  return self->document != NULL &&
         self->refusal == NULL &&
         self->inserted_length == self->text_length &&
         self->n_painted == self->n_chunks;
}

void
attest_article_view_set_label_visible (AttestArticleView *self,
                                       const char        *label,
                                       gboolean           visible)
{
  AttestLabelPaint *paint;

  g_return_if_fail (ATTEST_IS_ARTICLE_VIEW (self));
  g_return_if_fail (label != NULL);

  label = g_intern_string (label);
  visible = !!visible;

  if (visible == !g_hash_table_contains (self->hidden_labels, label))
    return;

  if (visible)
    g_hash_table_remove (self->hidden_labels, label);
  else
    g_hash_table_add (self->hidden_labels, (gpointer) label);

  if ((paint = g_hash_table_lookup (self->paints, label)) != NULL)
    {
      paint->visible = visible;
      _attest_article_view_apply_visibility (self, paint);
    }

  /* Boxes and outlines are drawn, not tagged. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
attest_article_view_get_label_visible (AttestArticleView *self,
                                       const char        *label)
{
  g_return_val_if_fail (ATTEST_IS_ARTICLE_VIEW (self), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);

  return !g_hash_table_contains (self->hidden_labels, g_intern_string (label));
}
