/* test-format-spacy.c: the spaCy / Prodigy JSONL export and import
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "attest-core.h"
#include "attest-export-private.h"
#include "attest-import-private.h"
#include "format-test-util.h"

/* Exports go through the real job and imports through attest_import_run(),
 * so what is tested is what attest-cli writes and reads.
 * tests/readers/check-spacy.py loads the golden file with spaCy. */

/* Both fixtures through the export job into @dir/out.jsonl. */
static char *
export_fixtures (const char *dir)
{
  g_autoptr(AttestExportJob) job = NULL;
  const AttestExportSummary *summary;
  char *data;

  data = format_test_export_fixtures ("spacy", dir, &job);
  summary = attest_export_job_get_summary (job);
  g_assert_cmpuint (summary->n_documents, ==, 2);
  g_assert_cmpuint (summary->n_spans, ==, 7 + 10);
  g_assert_cmpuint (summary->n_relations, ==, 3 + 5);
  /* Prodigy's format holds everything Attest has. */
  g_assert_true (summary->dropped == NULL || summary->dropped->len == 0);

  return data;
}

static void
test_golden (void)
{
  g_autofree char *dir = format_test_make_temp_dir ("spacy");
  g_autofree char *got = export_fixtures (dir);
  g_autofree char *golden = format_test_data_path ("export", "golden", "spacy", "fixtures.jsonl",
                                                   NULL);

  format_test_assert_golden (golden, got, -1);
  format_test_remove_tree (dir);
}

/* What Python's text[start:end] gives: code points. */
static char *
python_slice (const char *text,
              gint64      start,
              gint64      end)
{
  return g_utf8_substring (text, start, end);
}

static void
assert_span_object (const char *text,
                    JsonObject *span)
{
  g_autofree char *slice = python_slice (text,
                                         json_object_get_int_member (span, "start"),
                                         json_object_get_int_member (span, "end"));

  g_assert_cmpstr (slice, ==, json_object_get_string_member (span, "text"));
}

static JsonObject *
find_span (JsonArray  *spans,
           const char *id)
{
  for (guint i = 0; i < json_array_get_length (spans); i++)
    {
      JsonObject *span = json_array_get_object_element (spans, i);

      if (g_strcmp0 (json_object_get_string_member (span, "id"), id) == 0)
        return span;
    }

  g_assert_not_reached ();
}

static void
test_structure (void)
{
  g_autofree char *dir = format_test_make_temp_dir ("spacy");
  g_autofree char *got = export_fixtures (dir);
  g_auto(GStrv) lines = g_strsplit (got, "\n", -1);
  g_autoptr(JsonObject) cjk = NULL;
  g_autoptr(JsonObject) world = NULL;
  const char *text;
  JsonArray *spans;
  JsonArray *relations;
  JsonObject *span;
  JsonObject *relation;
  JsonObject *entity;

  /* One line per document and a final newline. */
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpstr (lines[2], ==, "");

  cjk = format_test_parse_object (lines[0]);
  world = format_test_parse_object (lines[1]);

  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (world, "meta"),
                                                  "source"), ==, "world/harbour.txt");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (world, "meta"),
                                                  "title"), ==, "Harbour bridge 🌉 reopens");
  g_assert_cmpstr (json_object_get_string_member (world, "attest_status"), ==, "done");
  g_assert_cmpstr (json_object_get_string_member (world, "attest_language"), ==, "en");
  /* Prodigy's bookkeeping is Prodigy's to compute; tokens depend on the
   * user's pipeline (see attest-export-spacy.c). */
  g_assert_false (json_object_has_member (world, "_input_hash"));
  g_assert_false (json_object_has_member (world, "_task_hash"));
  g_assert_false (json_object_has_member (world, "tokens"));

  text = json_object_get_string_member (world, "text");
  g_assert_true (g_str_has_prefix (text, "Harbour bridge 🌉 reopens after repairs\r\n\r\n"));
  spans = json_object_get_array_member (world, "spans");
  g_assert_cmpuint (json_array_get_length (spans), ==, 10);
  for (guint i = 0; i < json_array_get_length (spans); i++)
    assert_span_object (text, json_array_get_object_element (spans, i));

  /* "she" comes after 🌉 and 👷‍♀️ (two astral code points): in UTF-16 it
   * would start 2 later, in UTF-8 bytes far later. Python slicing of the
   * code-point offsets gives the span's text. */
  span = find_span (spans, "s9");
  g_assert_cmpint (json_object_get_int_member (span, "start"), ==, 306);
  g_assert_cmpint (json_object_get_int_member (span, "end"), ==, 309);
  {
    g_autofree char *slice = python_slice (text, 306, 309);
    g_autofree gunichar2 *utf16 = g_utf8_to_utf16 (text, -1, NULL, NULL, NULL);
    g_autofree char *wrong = g_utf16_to_utf8 (utf16 + 306, 3, NULL, NULL, NULL);

    g_assert_cmpstr (slice, ==, "she");
    g_assert_cmpstr (wrong, !=, "she");
  }
  span = find_span (spans, "s7");
  g_assert_cmpstr (json_object_get_string_member (span, "text"), ==, "€12 million 👷‍♀️, a figure");

  span = find_span (spans, "s2");
  entity = json_object_get_object_member (span, "entity");
  g_assert_cmpstr (json_object_get_string_member (entity, "id"), ==, "e1");
  g_assert_cmpstr (json_object_get_string_member (entity, "name"), ==, "Zoë Okafor");
  g_assert_cmpstr (json_object_get_string_member (entity, "wikidata"), ==, "Q000001");
  span = find_span (spans, "s3");
  g_assert_cmpstr (json_object_get_string_member (span, "note"), ==,
                   "Second half of a split quote <script>alert(1)</script>");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (span, "attrs"),
                                                  "kind"), ==, "direct");

  relations = json_object_get_array_member (world, "relations");
  g_assert_cmpuint (json_array_get_length (relations), ==, 5);
  relation = json_array_get_object_element (relations, 4);
  g_assert_cmpstr (json_object_get_string_member (relation, "label"), ==, "said-by");
  /* head = from (the quote), child = to (its speaker), by characters. */
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (relation,
                                                                              "head_span"),
                                               "start"), ==, 238);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (relation,
                                                                              "head_span"),
                                               "end"), ==, 304);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (relation,
                                                                                 "head_span"),
                                                  "label"), ==, "quote");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (relation,
                                                                              "child_span"),
                                               "start"), ==, 306);
  g_assert_cmpstr (json_object_get_string_member (relation, "head_id"), ==, "s8");
  g_assert_cmpstr (json_object_get_string_member (relation, "child_id"), ==, "s9");
  g_assert_false (json_object_has_member (relation, "head"));

  /* The CJK line: 𠀋 is astral, the quote after it must still slice. */
  text = json_object_get_string_member (cjk, "text");
  spans = json_object_get_array_member (cjk, "spans");
  for (guint i = 0; i < json_array_get_length (spans); i++)
    assert_span_object (text, json_array_get_object_element (spans, i));
  span = find_span (spans, "s7");
  g_assert_cmpint (json_object_get_int_member (span, "start"), ==, 104);
  g_assert_cmpstr (json_object_get_string_member (span, "text"), ==, "We agree.");
  g_assert_false (json_object_has_member (json_object_get_object_member (cjk, "meta"), "title"));

  format_test_remove_tree (dir);
}

/* Import ------------------------------------------------------------------ */

static void
test_roundtrip (void)
{
  g_autofree char *dir = format_test_make_temp_dir ("spacy");
  g_autofree char *exported = export_fixtures (dir);
  g_autofree char *input = g_build_filename (dir, "out.jsonl", NULL);

  /* meta.source names the articles again, and they are written out. */
  format_test_assert_fixtures_round_trip ("spacy", input, dir);
  format_test_remove_tree (dir);
}

static AttestRelation *
relation_of_type (AttestDocument *document,
                  const char     *type)
{
  for (guint i = 0; i < attest_document_get_n_relations (document); i++)
    if (g_strcmp0 (attest_document_get_relation (document, i)->type, type) == 0)
      return attest_document_get_relation (document, i);

  g_assert_not_reached ();
}

/* Tasks as Prodigy writes them (tests/data/export/spacy/prodigy.jsonl):
 * tokens with token indices, relations by head_span/child_span, by token
 * only, and by a span not listed in "spans"; hashes and scores it adds. */
static void
test_import_prodigy (void)
{
  g_autofree char *dir = format_test_make_temp_dir ("spacy");
  g_autofree char *input = format_test_data_path ("export", "spacy", "prodigy.jsonl", NULL);
  g_autofree char *output = g_build_filename (dir, "imported", NULL);
  g_autofree char *first = g_build_filename (output, "line-1.txt", NULL);
  g_autofree char *second = g_build_filename (output, "stories", "two.txt", NULL);
  g_autofree char *fourth = g_build_filename (output, "line-4.txt", NULL);
  g_autoptr(AttestDocument) a = NULL;
  g_autoptr(AttestDocument) b = NULL;
  g_autoptr(AttestDocument) d = NULL;
  g_autoptr(GError) error = NULL;
  AttestImportSummary summary = { 0 };
  const char *inputs[] = { input, NULL };
  AttestRelation *relation;
  AttestSpan *span;

  attest_import_run (&attest_import_spacy, inputs, output, NULL, NULL, NULL, &summary,
                     NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_documents, ==, 3);

  /* "Harbour Gazette" is Prodigy's source, not an article: it stays as
   * metadata and the line is named by its number. */
  a = format_test_load_article (first);
  g_assert_cmpstr (attest_document_get_meta (a, "source"), ==, "Harbour Gazette");
  g_assert_null (attest_document_get_meta (a, "score"));
  g_assert_cmpuint (attest_span_store_get_n_spans (attest_document_get_spans (a)), ==, 5);

  relation = relation_of_type (a, "said-by");
  span = attest_span_store_lookup (attest_document_get_spans (a), relation->from);
  g_assert_cmpuint (span->start, ==, 16);
  g_assert_cmpstr (span->label, ==, "QUOTE");
  span = attest_span_store_lookup (attest_document_get_spans (a), relation->to);
  g_assert_cmpuint (span->start, ==, 0);
  g_assert_cmpuint (span->end, ==, 9);

  /* Token 8 ("Lima") lies in "Ana Lima", token 12 ("port") in "the port":
   * the offsets are after 🚢, one code point. */
  relation = relation_of_type (a, "agrees-with");
  g_assert_true (attest_span_store_lookup (attest_document_get_spans (a), relation->from) ==
                 format_test_span_at (a, 23, 31, "SPEAKER"));
  g_assert_true (attest_span_store_lookup (attest_document_get_spans (a), relation->to) ==
                 format_test_span_at (a, 40, 48, "FACT"));

  /* A span named only in a relation becomes a span. */
  relation = relation_of_type (a, "about");
  span = attest_span_store_lookup (attest_document_get_spans (a), relation->from);
  g_assert_true (span == format_test_span_at (a, 32, 38, "FACT"));
  g_assert_cmpstr (span->origin, ==, "imported:spacy");

  b = format_test_load_article (second);
  span = format_test_span_at (b, 29, 40, "QUOTE");
  {
    g_autofree char *text = attest_text_slice (attest_document_get_text (b), span->start,
                                               span->end);

    g_assert_cmpstr (text, ==, "is too high");
  }
  g_assert_null (attest_document_get_meta (b, "source"));

  d = format_test_load_article (fourth);
  span = format_test_span_at (d, 39, 47, "FACT");
  {
    g_autofree char *text = attest_text_slice (attest_document_get_text (d), span->start,
                                               span->end);

    g_assert_cmpstr (text, ==, "one span");
  }

  format_test_remove_tree (dir);
}

/* A folder of JSONL files: each file's nameless lines get a folder. */
static void
test_import_folder (void)
{
  g_autofree char *dir = format_test_make_temp_dir ("spacy");
  g_autofree char *input = g_build_filename (dir, "in", NULL);
  g_autofree char *a = g_build_filename (input, "a.jsonl", NULL);
  g_autofree char *b = g_build_filename (input, "b.jsonl", NULL);
  g_autofree char *ignored = g_build_filename (input, "notes.txt", NULL);
  g_autofree char *output = g_build_filename (dir, "out", NULL);
  g_autofree char *a1 = g_build_filename (output, "a", "line-1.txt", NULL);
  g_autofree char *b2 = g_build_filename (output, "b", "line-2.txt", NULL);
  g_autoptr(GError) error = NULL;

  g_mkdir (input, 0755);
  format_test_write_file (a, "{\"text\": \"one\"}\n", -1);
  format_test_write_file (b, "\n{\"text\": \"two\", "
                          "\"spans\": [{\"start\": 0, \"end\": 3, \"label\": \"fact\"}]}\r\n", -1);
  format_test_write_file (ignored, "not json", -1);

  format_test_import ("spacy", FORMAT_TEST_INPUTS (input), output, "tester", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (a1, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (b2, G_FILE_TEST_IS_REGULAR));

  format_test_remove_tree (dir);
}

typedef struct
{
  const char *data;
  const char *message;
} Malformed;

/* Every one fails with FILE line N: problem and leaves nothing behind. */
static const Malformed malformed[] = {
  { "{\"text\": \"abc\", \"spans\": [{\"start\": 0, \"end\": 9, \"label\": \"x\"}]}\n",
    "bad.jsonl line 1: spans[0].end: 9 is past the end of the text (3)" },
  { "{\"text\": \"abc\", \"spans\": [{\"start\": 2, \"end\": 1, \"label\": \"x\"}]}\n",
    "bad.jsonl line 1: spans[0].start: 2 is after the end (1)" },
  { "{\"text\": \"abc\", \"spans\": [{\"start\": \"0\", \"end\": 1, \"label\": \"x\"}]}\n",
    "bad.jsonl line 1: spans[0].start: expected a non-negative integer" },
  { "{\"text\": \"abc\", \"spans\": [{\"start\": 0.5, \"end\": 1, \"label\": \"x\"}]}\n",
    "bad.jsonl line 1: spans[0].start: expected a non-negative integer" },
  { "{\"text\": \"abc\", \"spans\": [{\"start\": -1, \"end\": 1, \"label\": \"x\"}]}\n",
    "bad.jsonl line 1: spans[0].start: expected a non-negative integer" },
  { "{\"text\": \"abc\", \"spans\": [{\"start\": 0, \"end\": 1}]}\n",
    "bad.jsonl line 1: spans[0]: needs a “label”" },
  { "{\"text\": \"abc\", \"spans\": [{\"end\": 1, \"label\": \"x\"}]}\n",
    "bad.jsonl line 1: spans[0]: needs “start” and “end”" },
  { "{\"text\": \"abc\", \"spans\": {\"start\": 0}}\n",
    "bad.jsonl line 1: spans: expected an array" },
  { "{\"text\": \"abc\", \"spans\": [7]}\n",
    "bad.jsonl line 1: spans[0]: expected an object" },
  { "{\"spans\": []}\n", "bad.jsonl line 1: no “text”" },
  { "{\"text\": 5}\n", "bad.jsonl line 1: text: expected a string" },
  { "[1, 2]\n", "bad.jsonl line 1: expected a JSON object" },
  /* The second line is bad: the first document must not stay behind. */
  { "{\"text\": \"fine\"}\n{\"text\": \"a\",}\n", "bad.jsonl line 2, column " },
  { "{\"text\": \"a\"} trailing\n", "bad.jsonl line 1, column " },
  { "{\"text\": \"a\", \"text\": \"b\"}\n", "bad.jsonl line 1, column " },
  /* UTF-16 offsets of "ab" after an emoji: the span's text gives it away. */
  { "{\"text\": \"\360\237\230\200 abc\", \"spans\": [{\"start\": 3, \"end\": 5, \"label\": \"x\", "
    "\"text\": \"ab\"}]}\n",
    "bad.jsonl line 1: spans[0].text: “ab” is not the text at that range (“bc”); "
    "offsets are read as code points" },
  { "{\"text\": \"abc\", \"relations\": [{\"head_span\": {\"start\": 0, \"end\": 1}, "
    "\"child_span\": {\"start\": 1, \"end\": 2}, \"label\": \"r\"}]}\n",
    "bad.jsonl line 1: relations[0].head_span: no span at 0–1" },
  { "{\"text\": \"abc\", \"spans\": [{\"start\": 0, \"end\": 1, \"label\": \"x\"}], "
    "\"relations\": [{\"head_span\": {\"start\": 0, \"end\": 1}, "
    "\"child_span\": {\"start\": 0, \"end\": 1}}]}\n",
    "bad.jsonl line 1: relations[0]: needs a “label”" },
  { "{\"text\": \"abc\", \"spans\": [{\"start\": 0, \"end\": 1, \"label\": \"x\"}], "
    "\"relations\": [{\"head\": 0, \"child\": 4, \"label\": \"r\"}], "
    "\"tokens\": [{\"start\": 0, \"end\": 1}]}\n",
    "bad.jsonl line 1: relations[0].child: there is no token 4" },
  { "{\"text\": \"abc\", \"spans\": [{\"start\": 0, \"end\": 1, \"label\": \"x\"}], "
    "\"relations\": [{\"head\": 0, \"label\": \"r\"}], \"tokens\": [{\"start\": 0, \"end\": 1}]}\n",
    "bad.jsonl line 1: relations[0]: needs “child_span” or “child”" },
  { "{\"text\": \"abc\", \"spans\": [{\"start\": 0, \"end\": 1, \"label\": \"x\", "
    "\"entity\": \"e9\"}]}\n",
    "bad.jsonl line 1: spans[0].entity: no entity “e9”" },
  { "{\"text\": \"abc\", \"spans\": [{\"start\": 0, \"end\": 1, \"label\": \"x\", "
    "\"attrs\": {\"kind\": 3}}]}\n",
    "bad.jsonl line 1: spans[0].attrs.kind: expected a string" },
  { "{\"text\": \"abc\", \"attest_status\": \"finished\"}\n",
    "bad.jsonl line 1: attest_status: “finished” is not a status" },
  { "{\"text\": \"abc\", \"attest_entities\": [{\"id\": \"e1\"}]}\n",
    "bad.jsonl line 1: attest_entities[0]: an entity needs a “name”" },
  { "{\"text\": \"abc\", \"meta\": {\"source\": \"a.txt\"}}\n"
    "{\"text\": \"abd\", \"meta\": {\"source\": \"a.txt\"}}\n",
    "bad.jsonl line 2: a second document is named “a.txt”" },
  { "{\"text\": \"a\xff\"}\n", "bad.jsonl line 1, column " },
};

static void
test_malformed (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr(GError) error = NULL;

      format_test_import_fails ("spacy", "bad.jsonl", malformed[i].data, -1, &error);
      if (!g_str_has_prefix (error->message, malformed[i].message))
        g_error ("case %u: “%s” does not start with “%s”", i, error->message,
                 malformed[i].message);
    }
}

/* json-glib 1.6 would overflow its stack on this; the guard refuses it. */
static void
test_deep_nesting (void)
{
  g_autoptr(GString) data = g_string_new ("{\"text\": \"a\", \"meta\": ");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (data, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (data, ']');
  g_string_append (data, "}\n");
  format_test_import_fails ("spacy", "bad.jsonl", data->str, data->len, &error);
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "bad.jsonl line 1, column "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/attest/core/format/spacy/golden", test_golden);
  g_test_add_func ("/attest/core/format/spacy/structure", test_structure);
  g_test_add_func ("/attest/core/format/spacy/roundtrip", test_roundtrip);
  g_test_add_func ("/attest/core/format/spacy/import-prodigy", test_import_prodigy);
  g_test_add_func ("/attest/core/format/spacy/import-folder", test_import_folder);
  g_test_add_func ("/attest/core/format/spacy/malformed", test_malformed);
  g_test_add_func ("/attest/core/format/spacy/deep-nesting", test_deep_nesting);

  return g_test_run ();
}
