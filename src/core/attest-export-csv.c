/* attest-export-csv.c: CSV, one row per quote
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "attest-export-private.h"

/* The editors' "who said what" table, RFC 4180: CRLF after every row,
 * a field in double quotes when it holds a double quote, a comma, CR or
 * LF, double quotes inside doubled. One row per quote span:
 *
 *   document,quote,speaker,entity,kind,start,end,quote_id,speaker_id,wikidata
 *
 * speaker is the text of the span the quote's first said-by link points
 * at, entity that speaker's entity's name, kind the quote's "kind"
 * attribute, start and end the quote's offsets in code points (as
 * everywhere in Attest; Python's str slicing uses the same). The last
 * three columns are for joining rows back to the sidecars and to
 * Wikidata; they come after the DESIGN.md columns so that readers by
 * position keep working.
 *
 * The file is UTF-8 without a byte order mark. Excel opening it by a
 * double click guesses a legacy code page ("Zoë" shows as "ZoÃ«"); its
 * Data > From Text import and LibreOffice ask. A BOM would fix that one
 * case and break every script: pandas, awk and cut read it as part of the
 * first column's name.
 *
 * Spreadsheets run a cell that starts with "=", "+", "-" or "@" as a
 * formula (tab and CR start one too in some), and a quote is text anyone
 * could have written: "=HYPERLINK(…)" must stay text. Such a field gets a
 * leading apostrophe, which spreadsheets take as "this is text" and do
 * not show, and is always quoted. To keep this reversible a field that
 * already starts with apostrophes followed by one of those characters
 * gets one more; a reader that wants the exact text removes one leading
 * apostrophe from every field matching ^'+[=+\-@\t\r]. Numbers (start,
 * end) are ours and never negative, so they are never prefixed. */

#define CSV_HEADER "document,quote,speaker,entity,kind,start,end,quote_id,speaker_id,wikidata\r\n"

static gboolean
needs_formula_guard (const char *str,
                     gsize       len)
{
  gsize i = 0;

  while (i < len && str[i] == '\'')
    i++;

  if (i == len)
    return FALSE;

  switch (str[i])
    {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return TRUE;
    default:
      return FALSE;
    }
}

static void
append_field (GString    *out,
              const char *str,
              gsize       len)
{
  gboolean guard = needs_formula_guard (str, len);
  gboolean quote = guard;
  const char *end = str + len;

  for (const char *p = str; !quote && p < end; p++)
    quote = *p == '"' || *p == ',' || *p == '\r' || *p == '\n';

  if (!quote)
    {
      attest_json_append_len (out, str, len);
      return;
    }

  g_string_append_c (out, '"');
  if (guard)
    g_string_append_c (out, '\'');
  for (const char *p = str; p < end;)
    {
      const char *q = memchr (p, '"', end - p);

      if (q == NULL)
        {
          attest_json_append_len (out, p, end - p);
          break;
        }
      attest_json_append_len (out, p, q + 1 - p);
      g_string_append_c (out, '"');
      p = q + 1;
    }
  g_string_append_c (out, '"');
}

static void
append_string_field (GString    *out,
                     const char *str)
{
  if (str != NULL)
    append_field (out, str, strlen (str));
  g_string_append_c (out, ',');
}

static void
append_span_text (GString            *out,
                  const AttestRecord *record,
                  const AttestSpan   *span)
{
  const char *slice;
  gsize n_bytes;

  if (span != NULL)
    {
      slice = attest_export_slice (record, span->start, span->end, &n_bytes);
      append_field (out, slice, n_bytes);
    }
  g_string_append_c (out, ',');
}

static void
export_head (const AttestExportContext *context,
             GString                   *out)
{
  /* No byte order mark: CSV is output for machines (DESIGN.md section 8),
   * and a BOM ends up in the first column's name in pandas, awk and cut. */
  attest_json_append_literal (out, CSV_HEADER);
}

static void
export_document (const AttestExportContext *context,
                 const AttestRecord        *record,
                 AttestExportChunk         *chunk)
{
  const char *quote_label = g_intern_static_string ("quote");
  g_autofree guint8 *shown = NULL;
  GString *out = chunk->stream;
  guint n_quotes = 0;
  guint n_linked = 0;
  guint n_speakers = 0;

  for (guint i = 0; i < record->n_spans; i++)
    {
      const AttestSpan *quote = record->spans[i];
      const AttestSpan *speaker;
      const AttestEntity *entity = NULL;

      if (quote->label != quote_label)
        continue;

      n_quotes++;
      speaker = attest_record_get_speaker (record, quote);
      if (speaker != NULL)
        {
          gint position = attest_record_find_span (record, speaker->id);

          entity = attest_record_lookup_entity (record, speaker->entity);
          n_linked++;
          /* One byte per span, once per document with a linked quote:
           * which spans a row shows, so the rest can be counted as lost. */
          if (shown == NULL)
            shown = g_new0 (guint8, record->n_spans);
          if (!shown[position])
            {
              shown[position] = TRUE;
              if (speaker->label != quote_label)
                n_speakers++;
            }
        }

      append_string_field (out, record->name);
      append_span_text (out, record, quote);
      append_span_text (out, record, speaker);
      append_string_field (out, entity != NULL ? entity->name : NULL);
      append_string_field (out, attest_span_get_attr (quote, "kind"));
      g_string_append_printf (out, "%u,%u,", quote->start, quote->end);
      append_string_field (out, quote->id);
      append_string_field (out, speaker != NULL ? speaker->id : NULL);
      if (entity != NULL && entity->wikidata != NULL)
        append_field (out, entity->wikidata, strlen (entity->wikidata));
      attest_json_append_literal (out, "\r\n");
    }

  attest_export_chunk_drop (chunk, N_("spans that are neither quotes nor their speakers"),
                            record->n_spans - n_quotes - n_speakers);
  attest_export_chunk_drop (chunk, N_("relations other than a quote’s first said-by link"),
                            record->n_relations - n_linked);
  chunk->n_spans = n_quotes + n_speakers;
  chunk->n_relations = n_linked;
}

const AttestExporter attest_export_csv = {
  .name = "csv",
  .title = N_("CSV, one row per quote"),
  .extension = ".csv",
  .layout = ATTEST_EXPORT_STREAM,
  .head = export_head,
  .document = export_document,
};
