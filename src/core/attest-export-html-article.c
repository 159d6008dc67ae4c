/* attest-export-html-article.c: the article of a report, with its spans marked
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-export-html-private.h"

typedef struct
{
  guint start;       /* code points */
  guint end;         /* where its line break starts */
  gboolean blank;    /* only spaces and tabs */
} Line;

typedef struct
{
  const AttestRecord *record;
  const LabelTable   *labels;
  GString            *out;
  SpanInfo           *info;
  guint              *order;      /* spans by start, then longest first */
  guint               next;       /* in order: the first not yet opened */
  guint              *stack;      /* spans open at this point, outermost first */
  guint               depth;
  guint               line_end;
  guint               next_visible;
} Painter;

static GArray *
split_lines (AttestText *text)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (Line));
  const char *p = attest_text_get_data (text);
  const char *end = p + attest_text_get_n_bytes (text);
  Line line = { 0, 0, TRUE };
  guint cp = 0;

  while (p < end)
    {
      guchar c = (guchar) *p;

      if (c == '\n' || c == '\r')
        {
          line.end = cp;
          g_array_append_val (lines, line);
          p++;
          cp++;
          if (c == '\r' && p < end && *p == '\n')
            {
              p++;
              cp++;
            }
          line.start = cp;
          line.blank = TRUE;
          continue;
        }

      if (c != ' ' && c != '\t')
        line.blank = FALSE;
      if ((c & 0xc0) != 0x80)
        cp++;
      p++;
    }

  if (cp > line.start)
    {
      line.end = cp;
      g_array_append_val (lines, line);
    }

  return lines;
}

/* A span's end as far as the page can show it: an end inside the line
 * break or the blank lines after this line is this line's end. */
static guint
visible_end (const Painter *painter,
             guint          end)
{
  if (end >= painter->line_end && end <= painter->next_visible)
    return painter->line_end;
  return end;
}

static void
append_open_tag (Painter  *painter,
                 guint     position,
                 gboolean  last,
                 gboolean  empty)
{
  SpanInfo *info = &painter->info[position];
  const LabelStyle *style = &g_array_index (painter->labels->styles, LabelStyle, info->label);

  g_string_append_printf (painter->out, "<mark class=\"l%u %s v%u%s%s%s\"",
                          info->label, _attest_html_style_class (style->style), info->level,
                          info->opened ? "" : " first", last ? " last" : "",
                          empty ? " empty" : "");
  if (!info->opened)
    {
      attest_json_append_literal (painter->out, " id=\"");
      _attest_html_append_span_anchor (painter->out, painter->record, position);
      g_string_append_c (painter->out, '"');
    }
  attest_json_append_literal (painter->out, " title=\"");
  g_string_append (painter->out, info->title);
  attest_json_append_literal (painter->out, "\">");
  info->opened = TRUE;
}

/* Opens the element of the span at @depth of the stack, for as much of it
 * as can go in one element from here. */
static void
open_piece (Painter *painter,
            guint    depth)
{
  guint end = visible_end (painter, painter->record->spans[painter->stack[depth]]->end);
  gboolean last = end <= painter->line_end;

  /* A span under this one that ends first closes it there, and it goes
   * on in a new element: this one is not its last piece. */
  for (guint i = 0; i < depth && last; i++)
    last = visible_end (painter, painter->record->spans[painter->stack[i]]->end) >= end;

  append_open_tag (painter, painter->stack[depth], last, FALSE);
}

static void
open_starting (Painter *painter,
               guint    at)
{
  const AttestRecord *record = painter->record;

  while (painter->next < record->n_spans &&
         record->spans[painter->order[painter->next]]->start <= at)
    {
      guint position = painter->order[painter->next++];

      /* A span with nothing to show (empty, or only line breaks) still
       * gets its anchor, as a thin bar where it starts. */
      if (record->spans[position]->end <= at)
        {
          append_open_tag (painter, position, TRUE, TRUE);
          attest_json_append_literal (painter->out, "</mark>");
          continue;
        }

      painter->stack[painter->depth] = position;
      open_piece (painter, painter->depth);
      painter->depth++;
    }
}

/* Removes spans ending at or before @at from the stack, keeping order. */
static void
drop_ended (Painter *painter,
            guint    from,
            guint    at)
{
  guint kept = from;

  for (guint i = from; i < painter->depth; i++)
    if (painter->record->spans[painter->stack[i]]->end > at)
      painter->stack[kept++] = painter->stack[i];

  painter->depth = kept;
}

/* Closes the spans that end at @at, and with them every element opened
 * inside them; those that go on are opened again. */
static void
close_ending (Painter *painter,
              guint    at)
{
  guint first = painter->depth;

  for (guint i = 0; i < painter->depth; i++)
    if (painter->record->spans[painter->stack[i]]->end <= at)
      {
        first = i;
        break;
      }

  if (first == painter->depth)
    return;

  for (guint i = first; i < painter->depth; i++)
    attest_json_append_literal (painter->out, "</mark>");
  drop_ended (painter, first, at);
  for (guint i = first; i < painter->depth; i++)
    open_piece (painter, i);
}

static guint
next_event (const Painter *painter,
            guint          at)
{
  const AttestRecord *record = painter->record;
  guint next = painter->line_end;

  if (painter->next < record->n_spans)
    next = MIN (next, record->spans[painter->order[painter->next]]->start);
  for (guint i = 0; i < painter->depth; i++)
    next = MIN (next, record->spans[painter->stack[i]]->end);

  g_assert (next > at);
  return next;
}

static void
append_line (Painter    *painter,
             const Line *line)
{
  AttestText *text = painter->record->text;
  guint at = line->start;

  painter->line_end = line->end;
  drop_ended (painter, 0, at);
  for (guint i = 0; i < painter->depth; i++)
    open_piece (painter, i);
  open_starting (painter, at);

  while (at < line->end)
    {
      guint next = next_event (painter, at);
      gsize a = attest_text_cp_to_byte (text, at);
      gsize b = attest_text_cp_to_byte (text, next);

      _attest_html_append_escaped_valid (painter->out, attest_text_get_data (text) + a, b - a);
      at = next;
      if (at < line->end)
        {
          close_ending (painter, at);
          open_starting (painter, at);
        }
    }

  for (guint i = 0; i < painter->depth; i++)
    attest_json_append_literal (painter->out, "</mark>");
  drop_ended (painter, 0, at);
}

static int
compare_open_order (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const AttestRecord *record = user_data;
  const AttestSpan *x = record->spans[*(const guint *) a];
  const AttestSpan *y = record->spans[*(const guint *) b];

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  return *(const guint *) a < *(const guint *) b ? -1 : 1;
}

/* Levels: a span gets one more than the deepest span still open where it
 * starts, so an enclosed span is always drawn inside its encloser. */
static void
assign_levels (Painter *painter)
{
  const AttestRecord *record = painter->record;
  g_autofree guint *open = g_new (guint, record->n_spans + 1);
  guint n_open = 0;

  for (guint i = 0; i < record->n_spans; i++)
    {
      guint position = painter->order[i];
      const AttestSpan *span = record->spans[position];
      guint kept = 0;
      guint level = 0;

      for (guint j = 0; j < n_open; j++)
        if (record->spans[open[j]]->end > span->start)
          {
            open[kept++] = open[j];
            level = MAX (level, painter->info[open[j]].level + 1);
          }
      n_open = kept;

      painter->info[position].level = MIN (level, MAX_LEVEL);
      if (span->end > span->start)
        open[n_open++] = position;
    }
}

void
_attest_html_append_article (GString            *out,
                             const AttestRecord *record,
                             const LabelTable   *labels,
                             SpanInfo           *info,
                             const char         *lang)
{
  g_autoptr(GArray) lines = split_lines (record->text);
  g_autofree guint *order = g_new (guint, record->n_spans + 1);
  g_autofree guint *stack = g_new (guint, record->n_spans + 1);
  Painter painter = { 0, };
  gboolean gap = FALSE;
  gboolean any = FALSE;
  guint last_visible = G_MAXUINT;

  for (guint i = 0; i < record->n_spans; i++)
    order[i] = i;
  g_qsort_with_data (order, record->n_spans, sizeof (guint), compare_open_order,
                     (gpointer) record);

  painter.record = record;
  painter.labels = labels;
  painter.out = out;
  painter.info = info;
  painter.order = order;
  painter.stack = stack;
  assign_levels (&painter);

  for (guint i = 0; i < lines->len; i++)
    if (!g_array_index (lines, Line, i).blank)
      last_visible = i;

  g_string_append_printf (out, "<article class=\"text card\" lang=\"%s\">\n", lang);
  for (guint i = 0; i < lines->len; i++)
    {
      const Line *line = &g_array_index (lines, Line, i);

      if (line->blank)
        {
          gap = any;
          continue;
        }

      painter.next_visible = G_MAXUINT;
      for (guint j = i + 1; j < lines->len; j++)
        if (!g_array_index (lines, Line, j).blank)
          {
            painter.next_visible = g_array_index (lines, Line, j).start;
            break;
          }

      attest_json_append_literal (out, "<p dir=\"auto\"");
      if (any && !gap)
        attest_json_append_literal (out, " class=\"cont\"");
      g_string_append_c (out, '>');
      append_line (&painter, line);
      if (i == last_visible)
        open_starting (&painter, G_MAXUINT);
      attest_json_append_literal (out, "</p>\n");
      any = TRUE;
      gap = FALSE;
    }

  /* A text with nothing to show: the anchors still go somewhere. */
  if (!any && record->n_spans > 0)
    {
      attest_json_append_literal (out, "<p dir=\"auto\">");
      painter.line_end = 0;
      painter.next_visible = G_MAXUINT;
      open_starting (&painter, G_MAXUINT);
      attest_json_append_literal (out, "</p>\n");
    }

  attest_json_append_literal (out, "</article>\n");
}
