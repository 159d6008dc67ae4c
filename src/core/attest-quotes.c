/* attest-quotes.c: the "who said what" table of a document
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "attest-quotes.h"
#include "attest-span.h"
#include "attest-text.h"

void
attest_quote_row_free (AttestQuoteRow *row)
{
  if (row == NULL)
    return;

  g_free (row->document);
  g_free (row->quote_id);
  g_free (row->quote);
  g_free (row->speaker_id);
  g_free (row->speaker);
  g_free (row->entity);
  g_free (row->wikidata);
  g_free (row->kind);
  g_free (row);
}

/* quote id -> the span its first said-by relation points at. One walk over
 * the relations instead of one per quote (attest_record_get_speaker() is a
 * scan): an interview transcript holds thousands of both. Relations are
 * in id order, so the first one seen for a quote is its first. */
static GHashTable *
index_speakers (const AttestRecord *record)
{
  const char *said_by = g_intern_static_string ("said-by");
  GHashTable *speakers = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < record->n_relations; i++)
    {
      const AttestRelation *relation = record->relations[i];
      const AttestSpan *to;

      if (relation->type != said_by || g_hash_table_contains (speakers, relation->from))
        continue;
      if ((to = attest_record_lookup_span (record, relation->to)) != NULL)
        g_hash_table_insert (speakers, relation->from, (gpointer) to);
    }

  return speakers;
}

/**
 * attest_quotes_collect:
 * @record: a record
 * @rows: (element-type AttestQuoteRow): where the rows go
 *
 * Returns: how many rows were appended
 */
guint
attest_quotes_collect (const AttestRecord *record,
                       GPtrArray          *rows)
{
  const char *quote_label = g_intern_static_string ("quote");
  g_autoptr(GHashTable) speakers = NULL;
  guint n = 0;

  g_return_val_if_fail (record != NULL, 0);
  g_return_val_if_fail (rows != NULL, 0);

  speakers = index_speakers (record);

  for (guint i = 0; i < record->n_spans; i++)
    {
      const AttestSpan *quote = record->spans[i];
      const AttestSpan *speaker;
      const AttestEntity *entity = NULL;
      AttestQuoteRow *row;

      if (quote->label != quote_label)
        continue;

      speaker = g_hash_table_lookup (speakers, quote->id);
      if (speaker != NULL)
        entity = attest_record_lookup_entity (record, speaker->entity);

      row = g_new0 (AttestQuoteRow, 1);
      row->document = g_strdup (record->name);
      row->quote_id = g_strdup (quote->id);
      row->start = quote->start;
      row->end = quote->end;
      row->quote = attest_text_slice (record->text, quote->start, quote->end);
      row->kind = g_strdup (attest_span_get_attr (quote, "kind"));
      if (speaker != NULL)
        {
          row->speaker_id = g_strdup (speaker->id);
          row->speaker = attest_text_slice (record->text, speaker->start, speaker->end);
        }
      if (entity != NULL)
        {
          row->entity = g_strdup (entity->name);
          row->wikidata = g_strdup (entity->wikidata);
        }

      g_ptr_array_add (rows, row);
      n++;
    }

  return n;
}

/* A field on one line: every tab and line break one space (CRLF is one
 * break, so one space). */
static void
append_field (GString    *out,
              const char *field)
{
  const char *p = field;

  if (field == NULL)
    return;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      switch (c)
        {
        case '\r':
          if (*next == '\n')
            next++;
          G_GNUC_FALLTHROUGH;
        case '\t':
        case '\n':
        case '\v':
        case '\f':
        case 0x85:
        case 0x2028:
        case 0x2029:
          g_string_append_c (out, ' ');
          break;

        default:
          g_string_append_len (out, p, next - p);
          break;
        }

      p = next;
    }
}

/**
 * attest_quotes_format_tsv:
 * @rows: (array length=n_rows): the rows, in the order to write them
 * @n_rows: their number
 * @with_document: whether to start each line with the article's name
 *
 * Returns: (transfer full): the table as tab-separated text
 */
char *
attest_quotes_format_tsv (AttestQuoteRow * const *rows,
                          guint                   n_rows,
                          gboolean                with_document)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (rows != NULL || n_rows == 0, NULL);

  if (with_document)
    {
      g_string_append (out, _("Article"));
      g_string_append_c (out, '\t');
    }
  g_string_append_printf (out, "%s\t%s\t%s\t%s\n", _("Quote"), _("Speaker"), _("Entity"), _("Kind"));

  for (guint i = 0; i < n_rows; i++)
    {
      const AttestQuoteRow *row = rows[i];

      if (with_document)
        {
          append_field (out, row->document);
          g_string_append_c (out, '\t');
        }
      append_field (out, row->quote);
      g_string_append_c (out, '\t');
      append_field (out, row->speaker);
      g_string_append_c (out, '\t');
      append_field (out, row->entity);
      g_string_append_c (out, '\t');
      append_field (out, row->kind);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}
