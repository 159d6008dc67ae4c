/* test-quotes.c: the "who said what" rows and their tab-separated text
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-core.h"

static char *
fixture_path (const char *name)
{
  const char *dir = g_getenv ("ATTEST_TEST_DATA");

  if (dir == NULL)
    g_error ("ATTEST_TEST_DATA is not set; run the tests with meson test");

  return g_build_filename (dir, "export", name, NULL);
}

static AttestDocument *
load_fixture (const char *name)
{
  g_autofree char *article = fixture_path (name);
  g_autofree char *sidecar = attest_sidecar_path_for_article (article);
  g_autoptr(GFile) file = g_file_new_for_path (sidecar);
  g_autoptr(GError) error = NULL;
  AttestDocument *document = attest_sidecar_load (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);

  return document;
}

static GPtrArray *
collect_document (AttestDocument *document,
                  const char     *name)
{
  g_autoptr(AttestRecord) record = attest_record_new_for_document (document, name);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_quote_row_free);
  guint n = attest_quotes_collect (record, rows);

  g_assert_cmpuint (n, ==, rows->len);

  return rows;
}

static void
check_row (const AttestQuoteRow *row,
           const char           *quote_id,
           const char           *quote_prefix,
           const char           *speaker,
           const char           *entity,
           const char           *wikidata,
           const char           *kind)
{
  g_assert_cmpstr (row->quote_id, ==, quote_id);
  g_assert_true (g_str_has_prefix (row->quote, quote_prefix));
  g_assert_cmpstr (row->speaker, ==, speaker);
  g_assert_cmpstr (row->entity, ==, entity);
  g_assert_cmpstr (row->wikidata, ==, wikidata);
  g_assert_cmpstr (row->kind, ==, kind);
}

/* The shared fixture: four quotes (one split in two by "continues", one
 * over two paragraphs with CRLF), two speakers with entities, one of
 * them with a Wikidata id; facts nested in quotes are not rows. */
static void
test_fixture_rows (void)
{
  g_autoptr(AttestDocument) document = load_fixture ("world/harbour.txt");
  g_autoptr(GPtrArray) rows = collect_document (document, "world/harbour.txt");
  AttestText *text = attest_document_get_text (document);

  g_assert_cmpuint (rows->len, ==, 4);
  check_row (rows->pdata[0], "s1", "The bridge is safe again,", "Mayor Zoë Okafor", "Zoë Okafor", "Q000001", "direct");
  check_row (rows->pdata[1], "s3", "and it will carry 40,000 cars", "Mayor Zoë Okafor", "Zoë Okafor", "Q000001", "direct");
  check_row (rows->pdata[2], "s6", "the works cost €12 million", "Engineer Renée Dupré", "Renée Dupré", NULL, "indirect");
  check_row (rows->pdata[3], "s8", "We found cracks in three piers.\r\n\r\n", "she", "Renée Dupré", NULL, "direct");

  for (guint i = 0; i < rows->len; i++)
    {
      const AttestQuoteRow *row = rows->pdata[i];

      g_assert_cmpstr (row->document, ==, "world/harbour.txt");
      /* The offsets are the quote's, and its text is their slice. */
      g_assert_true (attest_text_slice_equal (text, row->start, row->end, row->quote, -1));
    }
  g_assert_cmpstr (((AttestQuoteRow *) rows->pdata[0])->speaker_id, ==, "s2");
  g_assert_cmpstr (((AttestQuoteRow *) rows->pdata[3])->speaker_id, ==, "s9");
}

/* The rows name the speaker attest_record_get_speaker() names, for every
 * quote of both fixtures. */
static void
test_same_speaker_as_record (void)
{
  const char *names[] = { "world/harbour.txt", "cjk-rtl.txt" };

  for (guint f = 0; f < G_N_ELEMENTS (names); f++)
    {
      g_autoptr(AttestDocument) document = load_fixture (names[f]);
      g_autoptr(AttestRecord) record = attest_record_new_for_document (document, names[f]);
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_quote_row_free);
      guint n_quotes = 0;

      attest_quotes_collect (record, rows);
      for (guint i = 0; i < record->n_spans; i++)
        {
          const AttestSpan *span = record->spans[i];
          const AttestSpan *speaker;
          const AttestQuoteRow *row;

          if (!g_str_equal (span->label, "quote"))
            continue;

          g_assert_cmpuint (n_quotes, <, rows->len);
          row = rows->pdata[n_quotes++];
          speaker = attest_record_get_speaker (record, span);
          g_assert_cmpstr (row->quote_id, ==, span->id);
          g_assert_cmpstr (row->speaker_id, ==, speaker != NULL ? speaker->id : NULL);
        }
      g_assert_cmpuint (n_quotes, ==, rows->len);
      g_assert_cmpuint (n_quotes, >, 0);
    }
}

typedef struct
{
  GPtrArray *rows;
  guint      n_calls;
} ReadData;

static void
collect_record (const AttestRecord *record,
                gpointer            user_data)
{
  ReadData *data = user_data;

  data->n_calls++;
  attest_quotes_collect (record, data->rows);
}

/* The folder path reads sidecars straight into a record (in a worker
 * thread); it gives the same rows as the open document's view. */
static void
test_read_record_same_rows (void)
{
  g_autofree char *article = fixture_path ("world/harbour.txt");
  g_autofree char *sidecar = attest_sidecar_path_for_article (article);
  g_autoptr(AttestDocument) document = load_fixture ("world/harbour.txt");
  g_autoptr(GPtrArray) expected = collect_document (document, "world/harbour.txt");
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_quote_row_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  ReadData read = { rows, 0 };
  gsize len;

  g_assert_true (g_file_get_contents (sidecar, &data, &len, NULL));
  g_assert_true (attest_sidecar_read_record (data, len, FALSE, "harbour.txt.attest.json",
                                             "world/harbour.txt", collect_record, &read, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (read.n_calls, ==, 1);
  g_assert_cmpuint (rows->len, ==, expected->len);

  for (guint i = 0; i < rows->len; i++)
    {
      const AttestQuoteRow *a = rows->pdata[i];
      const AttestQuoteRow *b = expected->pdata[i];

      g_assert_cmpstr (a->document, ==, b->document);
      g_assert_cmpstr (a->quote_id, ==, b->quote_id);
      g_assert_cmpuint (a->start, ==, b->start);
      g_assert_cmpuint (a->end, ==, b->end);
      g_assert_cmpstr (a->quote, ==, b->quote);
      g_assert_cmpstr (a->speaker, ==, b->speaker);
      g_assert_cmpstr (a->entity, ==, b->entity);
      g_assert_cmpstr (a->wikidata, ==, b->wikidata);
      g_assert_cmpstr (a->kind, ==, b->kind);
    }
}

/* A document written here: a quote with two said-by links (the first by
 * id wins, and "r2" comes before "r10"), a quote without a speaker, a
 * speaker without an entity, and fields holding tabs and line breaks. */
static AttestDocument *
make_document (void)
{
  const char *utf8 = "Ana\tsaid: \"Yes\tand\nno\". Ben: \"Maybe.\" Cy: \"Later\u2028on.\"";
  g_autoptr(AttestText) text = attest_text_new (utf8, -1, NULL);
  AttestDocument *document = attest_document_new (text);
  AttestSpan *quote;

  g_assert_true (attest_document_add_span (document, attest_span_new ("s1", "speaker", 0, 3), NULL));
  quote = attest_span_new ("s2", "quote", 11, 21);
  quote->attrs = attest_attrs_set (quote->attrs, "kind", "direct");
  g_assert_true (attest_document_add_span (document, quote, NULL));
  g_assert_true (attest_document_add_span (document, attest_span_new ("s3", "speaker", 24, 27), NULL));
  g_assert_true (attest_document_add_span (document, attest_span_new ("s4", "quote", 30, 36), NULL));
  g_assert_true (attest_document_add_span (document, attest_span_new ("s5", "quote", 43, 52), NULL));
  g_assert_true (attest_document_add_entity (document, attest_entity_new ("e1", "Ana Lind", "person"), NULL));
  attest_document_set_span_entity (document, attest_span_store_lookup (attest_document_get_spans (document), "s1"), "e1");
  /* r10 points at Ben, r2 at Ana: r2 is first. */
  g_assert_true (attest_document_add_relation (document, attest_relation_new ("r10", "said-by", "s2", "s3"), NULL));
  g_assert_true (attest_document_add_relation (document, attest_relation_new ("r2", "said-by", "s2", "s1"), NULL));
  g_assert_true (attest_document_add_relation (document, attest_relation_new ("r3", "continues", "s4", "s2"), NULL));

  return document;
}

static void
test_first_said_by_and_missing (void)
{
  g_autoptr(AttestDocument) document = make_document ();
  g_autoptr(GPtrArray) rows = collect_document (document, "made.txt");

  g_assert_cmpuint (rows->len, ==, 3);
  check_row (rows->pdata[0], "s2", "Yes\tand\nno", "Ana", "Ana Lind", NULL, "direct");
  /* "continues" is not a said-by link: no speaker, as in the CSV export. */
  check_row (rows->pdata[1], "s4", "Maybe.", NULL, NULL, NULL, NULL);
  check_row (rows->pdata[2], "s5", "Later\u2028on.", NULL, NULL, NULL, NULL);
  g_assert_null (((AttestQuoteRow *) rows->pdata[1])->speaker_id);
}

static void
test_tsv (void)
{
  g_autoptr(AttestDocument) document = make_document ();
  g_autoptr(GPtrArray) rows = collect_document (document, "folder/made\tby hand.txt");
  g_autofree char *plain = attest_quotes_format_tsv ((AttestQuoteRow * const *) rows->pdata, rows->len, FALSE);
  g_autofree char *with_document = attest_quotes_format_tsv ((AttestQuoteRow * const *) rows->pdata, rows->len, TRUE);
  g_autofree char *empty = attest_quotes_format_tsv (NULL, 0, TRUE);

  g_assert_cmpstr (plain, ==,
                   "Quote\tSpeaker\tEntity\tKind\n"
                   "Yes and no\tAna\tAna Lind\tdirect\n"
                   "Maybe.\t\t\t\n"
                   "Later on.\t\t\t\n");
  g_assert_cmpstr (with_document, ==,
                   "Article\tQuote\tSpeaker\tEntity\tKind\n"
                   "folder/made by hand.txt\tYes and no\tAna\tAna Lind\tdirect\n"
                   "folder/made by hand.txt\tMaybe.\t\t\t\n"
                   "folder/made by hand.txt\tLater on.\t\t\t\n");
  g_assert_cmpstr (empty, ==, "Article\tQuote\tSpeaker\tEntity\tKind\n");
}

/* CRLF is one line break, so one space; the fixture's quote over two
 * paragraphs stays on one line, and every line has the same columns. */
static void
test_tsv_fixture_one_line_per_row (void)
{
  g_autoptr(AttestDocument) document = load_fixture ("world/harbour.txt");
  g_autoptr(GPtrArray) rows = collect_document (document, "world/harbour.txt");
  g_autofree char *tsv = attest_quotes_format_tsv ((AttestQuoteRow * const *) rows->pdata, rows->len, TRUE);
  g_auto(GStrv) lines = g_strsplit (tsv, "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, rows->len + 2);   /* header, rows, "" after the last \n */
  g_assert_cmpstr (lines[rows->len + 1], ==, "");
  for (guint i = 0; i <= rows->len; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 5);
      g_assert_null (strchr (lines[i], '\r'));
    }
  g_assert_true (g_str_has_prefix (lines[4], "world/harbour.txt\tWe found cracks in three piers.  “Each one"));
  g_assert_true (g_str_has_suffix (lines[4], "\tshe\tRenée Dupré\tdirect"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/attest/core/quotes/fixture-rows", test_fixture_rows);
  g_test_add_func ("/attest/core/quotes/same-speaker-as-record", test_same_speaker_as_record);
  g_test_add_func ("/attest/core/quotes/read-record-same-rows", test_read_record_same_rows);
  g_test_add_func ("/attest/core/quotes/first-said-by-and-missing", test_first_said_by_and_missing);
  g_test_add_func ("/attest/core/quotes/tsv", test_tsv);
  g_test_add_func ("/attest/core/quotes/tsv-fixture-one-line-per-row", test_tsv_fixture_one_line_per_row);

  return g_test_run ();
}
