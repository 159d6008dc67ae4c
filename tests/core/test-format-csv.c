/* test-format-csv.c: the CSV "who said what" export
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "attest-core.h"
#include "attest-export-private.h"
#include "format-test-util.h"

/* Exports go through the real job; the rows are read back with a strict
 * RFC 4180 reader written here, and tests/readers/check-csv.py reads the
 * golden file with Python's csv module. */

/* RFC 4180, strictly: records end with CRLF, a quoted field may hold
 * anything with quotes doubled, an unquoted one no quote, CR or LF.
 * Returns rows of fields (GStrv), or fails the test. */
static GPtrArray *
parse_csv (const char *data)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = data;

  while (*p != '\0')
    {
      if (*p == '"')
        {
          for (p++;; p++)
            {
              g_assert_true (*p != '\0');
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p++;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                {
                  g_string_append_c (field, *p);
                }
            }
        }
      else
        {
          for (; *p != ',' && *p != '\r' && *p != '\0'; p++)
            {
              g_assert_true (*p != '"' && *p != '\n');
              g_string_append_c (field, *p);
            }
        }

      g_ptr_array_add (row, g_strdup (field->str));
      g_string_truncate (field, 0);

      if (*p == ',')
        {
          p++;
          continue;
        }

      /* The end of a record: CRLF and nothing else. */
      g_assert_true (p[0] == '\r' && p[1] == '\n');
      p += 2;
      g_ptr_array_add (row, NULL);
      g_ptr_array_add (rows, g_ptr_array_free (g_steal_pointer (&row), FALSE));
      row = g_ptr_array_new_with_free_func (g_free);
    }

  g_assert_cmpuint (row->len, ==, 0);
  return rows;
}

static const char * const header[] = {
  "document", "quote", "speaker", "entity", "kind", "start", "end",
  "quote_id", "speaker_id", "wikidata", NULL
};

static GPtrArray *
parse_export (const char *data)
{
  GPtrArray *rows;

  /* Plain UTF-8, no byte order mark (it would join the first column's name). */
  g_assert_true (g_str_has_prefix (data, "document,"));
  rows = parse_csv (data);
  g_assert_cmpuint (rows->len, >=, 1);
  g_assert_true (g_strv_equal ((const char * const *) rows->pdata[0], header));
  for (guint i = 1; i < rows->len; i++)
    g_assert_cmpuint (g_strv_length (rows->pdata[i]), ==, G_N_ELEMENTS (header) - 1);

  return rows;
}

static void
test_golden (void)
{
  g_autofree char *dir = format_test_make_temp_dir ("csv");
  g_autofree char *got = format_test_export_fixtures ("csv", dir, NULL);
  g_autofree char *golden = format_test_data_path ("export", "golden", "csv", "fixtures.csv", NULL);

  format_test_assert_golden (golden, got, -1);
  format_test_remove_tree (dir);
}

static const char * const *
row_of (GPtrArray  *rows,
        const char *quote_id,
        const char *document)
{
  for (guint i = 1; i < rows->len; i++)
    {
      const char * const *row = rows->pdata[i];

      if (g_strcmp0 (row[7], quote_id) == 0 && g_strcmp0 (row[0], document) == 0)
        return row;
    }

  g_assert_not_reached ();
}

static void
test_rows (void)
{
  g_autofree char *dir = format_test_make_temp_dir ("csv");
  g_autoptr(AttestExportJob) job = NULL;
  g_autofree char *got = format_test_export_fixtures ("csv", dir, &job);
  g_autoptr(GPtrArray) rows = parse_export (got);
  const AttestExportSummary *summary = attest_export_job_get_summary (job);
  const char * const *row;
  guint lost_spans = 0;
  guint lost_relations = 0;

  /* Three quotes in cjk-rtl, four in harbour, in document then span order. */
  g_assert_cmpuint (rows->len, ==, 1 + 3 + 4);
  g_assert_cmpstr (((char **) rows->pdata[1])[0], ==, "cjk-rtl.txt");
  g_assert_cmpstr (((char **) rows->pdata[4])[7], ==, "s1");

  row = row_of (rows, "s1", "world/harbour.txt");
  g_assert_cmpstr (row[1], ==, "The bridge is safe again,");
  g_assert_cmpstr (row[2], ==, "Mayor Zoë Okafor");
  g_assert_cmpstr (row[3], ==, "Zoë Okafor");
  g_assert_cmpstr (row[4], ==, "direct");
  g_assert_cmpstr (row[5], ==, "43");
  g_assert_cmpstr (row[6], ==, "68");
  g_assert_cmpstr (row[8], ==, "s2");
  g_assert_cmpstr (row[9], ==, "Q000001");

  /* The second half of the split quote has its own said-by link. */
  row = row_of (rows, "s3", "world/harbour.txt");
  g_assert_cmpstr (row[2], ==, "Mayor Zoë Okafor");

  /* Two paragraphs, CRLF and curly quotes inside one field. */
  row = row_of (rows, "s8", "world/harbour.txt");
  g_assert_cmpstr (row[1], ==,
                   "We found cracks in three piers.\r\n\r\n“Each one was repaired by hand,");
  g_assert_cmpstr (row[2], ==, "she");
  g_assert_cmpstr (row[3], ==, "Renée Dupré");
  g_assert_cmpstr (row[9], ==, "");

  row = row_of (rows, "s6", "world/harbour.txt");
  g_assert_cmpstr (row[4], ==, "indirect");

  /* A speaker without an entity: the entity column is empty. */
  row = row_of (rows, "s7", "cjk-rtl.txt");
  g_assert_cmpstr (row[1], ==, "We agree.");
  /* Decomposed accents: e + U+0301. */
  g_assert_cmpstr (row[2], ==, "Jose\u0301 Garci\u0301a");
  g_assert_cmpstr (row[3], ==, "");
  g_assert_cmpstr (row[5], ==, "104");

  /* Kept: 7 quotes, 6 speakers, 7 said-by links. Lost: the 4 facts and
   * the "continues" link. */
  g_assert_cmpuint (summary->n_spans, ==, 13);
  g_assert_cmpuint (summary->n_relations, ==, 7);
  g_assert_nonnull (summary->dropped);
  for (guint i = 0; i < summary->dropped->len; i++)
    {
      AttestExportDropped *dropped = &g_array_index (summary->dropped, AttestExportDropped, i);

      if (strcmp (dropped->what, "spans that are neither quotes nor their speakers") == 0)
        lost_spans += dropped->count;
      else if (strcmp (dropped->what, "relations other than a quote’s first said-by link") == 0)
        lost_relations += dropped->count;
      else
        g_assert_not_reached ();
    }
  g_assert_cmpuint (lost_spans, ==, 4);
  g_assert_cmpuint (lost_relations, ==, 1);

  format_test_remove_tree (dir);
}

typedef struct
{
  const char *quote;
  const char *written;    /* the field as it must appear in the file */
} Case;

/* RFC 4180 quoting and the formula guard (see attest-export-csv.c). */
static const Case cases[] = {
  { "plain words", "plain words" },
  { "He said \"yes\", then left", "\"He said \"\"yes\"\", then left\"" },
  { "one, two", "\"one, two\"" },
  { "line\nbreak", "\"line\nbreak\"" },
  { "cr\rhere", "\"cr\rhere\"" },
  { "=HYPERLINK(\"http://example.invalid\",\"x\")",
    "\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"x\"\")\"" },
  { "+1 555 0100", "\"'+1 555 0100\"" },
  { "-5 degrees", "\"'-5 degrees\"" },
  { "@SUM(A1)", "\"'@SUM(A1)\"" },
  { "\tindented", "\"'\tindented\"" },
  /* Already guarded-looking text gets one more apostrophe, so removing
   * one gives it back exactly. */
  { "'=kept", "\"''=kept\"" },
  { "'plain", "'plain" },
  { "a=b", "a=b" },
};

/* The reader's side of the guard: one apostrophe off ^'+[=+\-@\t\r]. */
static const char *
unguard (const char *field)
{
  const char *p = field;

  while (*p == '\'')
    p++;
  if (p > field && *p != '\0' && strchr ("=+-@\t\r", *p) != NULL)
    return field + 1;

  return field;
}

static void
test_quoting (void)
{
  g_autofree char *dir = format_test_make_temp_dir ("csv");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(AttestText) attest_text = NULL;
  g_autoptr(AttestDocument) document = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *got = NULL;
  guint starts[G_N_ELEMENTS (cases)];
  AttestDocument *documents[1];
  const char *names[] = { "=cmd|' /C calc'!A0.txt" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      starts[i] = g_utf8_strlen (text->str, -1);
      g_string_append (text, cases[i].quote);
      g_string_append (text, " | ");
    }
  attest_text = attest_text_new (text->str, -1, NULL);
  document = attest_document_new (attest_text);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i + 1);
      AttestSpan *span = attest_span_new (id, "quote", starts[i],
                                          starts[i] + g_utf8_strlen (cases[i].quote, -1));

      g_assert_true (attest_document_add_span (document, span, NULL));
    }

  documents[0] = document;
  got = format_test_export_documents ("csv", documents, names, 1, dir, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint end = starts[i] + g_utf8_strlen (cases[i].quote, -1);
      g_autofree char *expected = NULL;

      expected = g_strdup_printf ("\r\n\"'=cmd|' /C calc'!A0.txt\",%s,,,,%u,%u,s%u,,\r\n",
                                  cases[i].written, starts[i], end, i + 1);
      if (strstr (got, expected) == NULL)
        g_error ("case %u: %s not found in\n%s", i, expected, got);
    }

  rows = parse_export (got);
  g_assert_cmpuint (rows->len, ==, 1 + G_N_ELEMENTS (cases));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char * const *row = rows->pdata[i + 1];

      g_assert_cmpstr (unguard (row[0]), ==, names[0]);
      g_assert_cmpstr (unguard (row[1]), ==, cases[i].quote);
    }

  format_test_remove_tree (dir);
}

/* Only the first said-by link of a quote has a column; a second is lost
 * and counted. A quote with none still has its row. */
static void
test_second_speaker (void)
{
  g_autofree char *dir = format_test_make_temp_dir ("csv");
  g_autoptr(AttestText) text = attest_text_new ("Ana and Ben: \"No.\" Then: \"Yes.\"", -1, NULL);
  g_autoptr(AttestDocument) document = attest_document_new (text);
  AttestDocument *documents[] = { document };
  const char *names[] = { "two.txt" };
  g_autoptr(AttestExportJob) job = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *got = NULL;
  const AttestExportSummary *summary;
  const char * const *row;

  g_assert_true (attest_document_add_span (document, attest_span_new ("s1", "speaker", 0, 3),
                                           NULL));
  g_assert_true (attest_document_add_span (document, attest_span_new ("s2", "speaker", 8, 11),
                                           NULL));
  g_assert_true (attest_document_add_span (document, attest_span_new ("s3", "quote", 14, 17),
                                           NULL));
  g_assert_true (attest_document_add_span (document, attest_span_new ("s4", "quote", 26, 30),
                                           NULL));
  g_assert_true (attest_document_add_relation (document,
                                               attest_relation_new ("r1", "said-by", "s3", "s1"),
                                               NULL));
  g_assert_true (attest_document_add_relation (document,
                                               attest_relation_new ("r2", "said-by", "s3", "s2"),
                                               NULL));

  got = format_test_export_documents ("csv", documents, names, 1, dir, &job);
  rows = parse_export (got);
  g_assert_cmpuint (rows->len, ==, 3);
  row = rows->pdata[1];
  g_assert_cmpstr (row[1], ==, "No.");
  g_assert_cmpstr (row[2], ==, "Ana");
  row = rows->pdata[2];
  g_assert_cmpstr (row[1], ==, "Yes.");
  g_assert_cmpstr (row[2], ==, "");
  g_assert_cmpstr (row[8], ==, "");

  summary = attest_export_job_get_summary (job);
  /* Ben is a speaker no row shows; r2 is the lost link. */
  g_assert_cmpuint (summary->n_spans, ==, 3);
  g_assert_cmpuint (summary->n_relations, ==, 1);
  g_assert_cmpuint (summary->dropped->len, ==, 2);
  g_assert_cmpuint (g_array_index (summary->dropped, AttestExportDropped, 0).count, ==, 1);
  g_assert_cmpuint (g_array_index (summary->dropped, AttestExportDropped, 1).count, ==, 1);

  format_test_remove_tree (dir);
}

/* A document without quotes writes no rows; the header is still there. */
static void
test_no_quotes (void)
{
  g_autofree char *dir = format_test_make_temp_dir ("csv");
  g_autoptr(AttestText) text = attest_text_new ("Nothing was said.", -1, NULL);
  g_autoptr(AttestDocument) document = attest_document_new (text);
  AttestDocument *documents[] = { document };
  const char *names[] = { "quiet.txt" };
  g_autofree char *got = NULL;

  g_assert_true (attest_document_add_span (document, attest_span_new ("s1", "fact", 0, 7), NULL));
  got = format_test_export_documents ("csv", documents, names, 1, dir, NULL);
  g_assert_cmpstr (got, ==, "document,quote,speaker,entity,kind,start,end,quote_id,"
                   "speaker_id,wikidata\r\n");

  format_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/attest/core/format/csv/golden", test_golden);
  g_test_add_func ("/attest/core/format/csv/rows", test_rows);
  g_test_add_func ("/attest/core/format/csv/quoting", test_quoting);
  g_test_add_func ("/attest/core/format/csv/second-speaker", test_second_speaker);
  g_test_add_func ("/attest/core/format/csv/no-quotes", test_no_quotes);

  return g_test_run ();
}
