/* attest-article-view-quotes.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "attest-article-view-private.h"

/* Quotation marks: which characters are marks, and growing a selection to
 * the pair around it. */

gboolean
_attest_article_view_is_quote_mark (gunichar ch)
{
  switch (ch)
    {
    case '"':
    case '\'':
    case 0x2018: /* ‘ */
    case 0x2019: /* ’ */
    case 0x201A: /* ‚ */
    case 0x201C: /* “ */
    case 0x201D: /* ” */
    case 0x201E: /* „ */
    case 0x00AB: /* « */
    case 0x00BB: /* » */
    case 0x2039: /* ‹ */
    case 0x203A: /* › */
    case 0x300C: /* 「 */
    case 0x300D: /* 」 */
    case 0x300E: /* 『 */
    case 0x300F: /* 』 */
      return TRUE;

    default:
      return FALSE;
    }
}

/* Quotation marks ---------------------------------------------------------- */

static gboolean
closes (gunichar open,
        gunichar close)
{
  switch (open)
    {
    case 0x201C: return close == 0x201D;                     /* “ ” */
    case 0x201E: return close == 0x201C || close == 0x201D;  /* „ “ */
    case 0x2018: return close == 0x2019;                     /* ‘ ’ */
    case 0x201A: return close == 0x2018 || close == 0x2019;  /* ‚ ‘ */
    case 0x00AB: return close == 0x00BB;                     /* « » */
    case 0x00BB: return close == 0x00AB;                     /* » « */
    case 0x2039: return close == 0x203A;                     /* ‹ › */
    case 0x203A: return close == 0x2039;                     /* › ‹ */
    case 0x300C: return close == 0x300D;                     /* 「 」 */
    case 0x300E: return close == 0x300F;                     /* 『 』 */
    case '"':    return close == '"';
    case '\'':   return close == '\'';
    default:     return FALSE;
    }
}

static gboolean
is_opening_context (gunichar before,
                    gunichar open,
                    gunichar after)
{
  if (after == 0 || g_unichar_isspace (after))
    return FALSE;

  /* Marks that also close (or are apostrophes) open only after a space,
   * a bracket or a dash; “ „ 「 and the like open anywhere (Japanese has
   * no space before 「). */
  if (open == '"' || open == '\'' || open == 0x00BB || open == 0x203A)
    return before == 0 || g_unichar_isspace (before) || before == '(' || before == '[' ||
           before == 0x2014 || before == 0x2013;

  return TRUE;
}

/* An apostrophe ("council's") sits between two letters. */
static gboolean
is_apostrophe (gunichar before,
               gunichar ch,
               gunichar after)
{
  return (ch == '\'' || ch == 0x2019) && g_unichar_isalpha (before) && g_unichar_isalpha (after);
}

static gunichar
char_at (GtkTextBuffer *buffer,
         guint          offset)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);

  return gtk_text_iter_get_char (&iter);
}

void
attest_article_view_extend_to_quotes (AttestArticleView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter s, e, para_start, para_end, iter;
  guint start, end, found_open = 0, found_close = 0;
  gboolean found = FALSE;

  g_return_if_fail (ATTEST_IS_ARTICLE_VIEW (self));

  if (self->document == NULL)
    return;

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  gtk_text_buffer_get_selection_bounds (buffer, &s, &e);
  start = gtk_text_iter_get_offset (&s);
  end = gtk_text_iter_get_offset (&e);

  /* Quotes open and close within a paragraph; a quote running on into
   * the next paragraph leaves its mark open and reopens it there. */
  para_start = s;
  gtk_text_iter_set_line_offset (&para_start, 0);
  para_end = e;
  if (!gtk_text_iter_ends_line (&para_end))
    gtk_text_iter_forward_to_line_end (&para_end);

  iter = s;
  while (!found && gtk_text_iter_compare (&iter, &para_start) > 0)
    {
      GtkTextIter before, after, scan;
      gunichar open, ch;

      gtk_text_iter_backward_char (&iter);
      open = gtk_text_iter_get_char (&iter);
      if (!_attest_article_view_is_quote_mark (open) || open == 0x2019 || open == 0x201D)
        continue;

      before = after = iter;
      gtk_text_iter_forward_char (&after);
      if (!gtk_text_iter_backward_char (&before))
        gtk_text_buffer_get_start_iter (buffer, &before);
      if (!is_opening_context (gtk_text_iter_equal (&before, &iter)
                               ? 0 : gtk_text_iter_get_char (&before),
                               open, gtk_text_iter_get_char (&after)))
        continue;

      for (scan = gtk_text_iter_compare (&e, &after) > 0 ? e : after;
           gtk_text_iter_compare (&scan, &para_end) < 0;
           gtk_text_iter_forward_char (&scan))
        {
          guint offset = gtk_text_iter_get_offset (&scan);

          ch = gtk_text_iter_get_char (&scan);
          if (closes (open, ch) &&
              !is_apostrophe (offset > 0 ? char_at (buffer, offset - 1) : 0, ch,
                              char_at (buffer, offset + 1)))
            {
              found_open = gtk_text_iter_get_offset (&iter);
              found_close = offset;
              found = TRUE;
              break;
            }
        }

      /* A mark left open at the end of a paragraph whose next paragraph
       * reopens it: the quote runs to the end of this one. */
      if (!found)
        {
          GtkTextIter next = para_end;

          while (gtk_text_iter_forward_char (&next) &&
                 g_unichar_isspace (gtk_text_iter_get_char (&next)))
            ;
          if (gtk_text_iter_get_char (&next) == open)
            {
              GtkTextIter last = para_end;

              while (gtk_text_iter_backward_char (&last) &&
                     gtk_text_iter_compare (&last, &after) > 0 &&
                     g_unichar_isspace (gtk_text_iter_get_char (&last)))
                ;
              found_open = gtk_text_iter_get_offset (&iter);
              found_close = gtk_text_iter_get_offset (&last) + 1;
              found = found_close > found_open + 1;
              /* No closing mark to leave out or keep. */
              if (found && !self->exclude_quote_marks)
                found_close--;
            }
        }
    }

  if (!found)
    {
      _attest_article_view_emit_message (self, _("No quotation marks around the selection"));
      return;
    }

  if (self->exclude_quote_marks)
    {
      start = found_open + 1;
      end = found_close;
    }
  else
    {
      start = found_open;
      end = found_close + 1;
    }

  gtk_text_buffer_get_iter_at_offset (buffer, &s, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &e, end);
  gtk_text_buffer_select_range (buffer, &e, &s);
  attest_article_view_select_span (self, NULL, FALSE);
}

