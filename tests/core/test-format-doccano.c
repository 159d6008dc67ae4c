/* test-format-doccano.c: the doccano JSONL export and import
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

/* Exports go through the real job and imports through attest_import_run().
 * doccano's offsets are UTF-16 code units (see attest-export-doccano.c):
 * the tests slice the text the way JavaScript does to check them. */

static char *
export_fixtures (const char *dir)
{
  g_autoptr(AttestExportJob) job = NULL;
  const AttestExportSummary *summary;
  char *data;

  data = format_test_export_fixtures ("doccano", dir, &job);
  summary = attest_export_job_get_summary (job);
  g_assert_cmpuint (summary->n_documents, ==, 2);
  g_assert_cmpuint (summary->n_spans, ==, 7 + 10);
  g_assert_cmpuint (summary->n_relations, ==, 3 + 5);
  g_assert_true (summary->dropped == NULL || summary->dropped->len == 0);

  return data;
}

static void
test_golden (void)
{
  g_autofree char *dir = format_test_make_temp_dir ("doccano");
  g_autofree char *got = export_fixtures (dir);
  g_autofree char *golden = format_test_data_path ("export", "golden", "doccano", "fixtures.jsonl",
                                                   NULL);

  format_test_assert_golden (golden, got, -1);
  format_test_remove_tree (dir);
}

/* What JavaScript's text.slice(start, end) gives: UTF-16 code units, as
 * doccano's annotation view indexes its text. */
static char *
js_slice (const char *text,
          gint64      start,
          gint64      end)
{
  glong n = 0;
  g_autofree gunichar2 *utf16 = g_utf8_to_utf16 (text, -1, NULL, &n, NULL);

  g_assert_cmpint (end, <=, n);
  return g_utf16_to_utf8 (utf16 + start, end - start, NULL, NULL, NULL);
}

static JsonObject *
find_entity (JsonArray  *entities,
             const char *attest_id)
{
  for (guint i = 0; i < json_array_get_length (entities); i++)
    {
      JsonObject *entity = json_array_get_object_element (entities, i);

      if (g_strcmp0 (json_object_get_string_member (entity, "attest_id"), attest_id) == 0)
        return entity;
    }

  g_assert_not_reached ();
}

static void
assert_entities_slice (JsonObject *line)
{
  const char *text = json_object_get_string_member (line, "text");
  JsonArray *entities = json_object_get_array_member (line, "entities");

  for (guint i = 0; i < json_array_get_length (entities); i++)
    {
      JsonObject *entity = json_array_get_object_element (entities, i);
      g_autofree char *slice = js_slice (text,
                                         json_object_get_int_member (entity, "start_offset"),
                                         json_object_get_int_member (entity, "end_offset"));

      g_assert_cmpstr (slice, ==, json_object_get_string_member (entity, "text"));
      /* doccano refuses an entity that does not start before its end. */
      g_assert_cmpint (json_object_get_int_member (entity, "start_offset"), <,
                       json_object_get_int_member (entity, "end_offset"));
    }
}

static void
test_structure (void)
{
  g_autofree char *dir = format_test_make_temp_dir ("doccano");
  g_autofree char *got = export_fixtures (dir);
  g_auto(GStrv) lines = g_strsplit (got, "\n", -1);
  g_autoptr(JsonObject) cjk = NULL;
  g_autoptr(JsonObject) world = NULL;
  JsonArray *entities;
  JsonArray *relations;
  JsonObject *entity;
  JsonObject *relation;
  g_autofree char *cp_slice = NULL;

  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpstr (lines[2], ==, "");
  cjk = format_test_parse_object (lines[0]);
  world = format_test_parse_object (lines[1]);

  g_assert_cmpstr (json_object_get_string_member (world, "attest_name"), ==, "world/harbour.txt");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (world,
                                                                                 "attest_meta"),
                                                  "title"), ==, "Harbour bridge 🌉 reopens");
  /* doccano assigns example ids itself. */
  g_assert_false (json_object_has_member (world, "id"));
  assert_entities_slice (world);
  assert_entities_slice (cjk);

  /* "she": code points 306–309; 🌉 and 👷 before it are two UTF-16 units
   * each, so doccano counts 308–311. The code-point numbers would show
   * doccano the wrong text. */
  entities = json_object_get_array_member (world, "entities");
  entity = find_entity (entities, "s9");
  g_assert_cmpint (json_object_get_int_member (entity, "start_offset"), ==, 308);
  g_assert_cmpint (json_object_get_int_member (entity, "end_offset"), ==, 311);
  cp_slice = js_slice (json_object_get_string_member (world, "text"), 306, 309);
  g_assert_cmpstr (cp_slice, !=, "she");
  entity = find_entity (entities, "s2");
  g_assert_cmpint (json_object_get_int_member (entity, "start_offset"), ==, 76);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (entity, "entity"),
                                                  "wikidata"), ==, "Q000001");

  /* Relations point at the entities' integer ids: r5 is s8 -> s9. */
  relations = json_object_get_array_member (world, "relations");
  g_assert_cmpuint (json_array_get_length (relations), ==, 5);
  relation = json_array_get_object_element (relations, 4);
  g_assert_cmpstr (json_object_get_string_member (relation, "type"), ==, "said-by");
  g_assert_cmpstr (json_object_get_string_member (relation, "attest_id"), ==, "r5");
  g_assert_cmpint (json_object_get_int_member (relation, "from_id"), ==,
                   json_object_get_int_member (find_entity (entities, "s8"), "id"));
  g_assert_cmpint (json_object_get_int_member (relation, "to_id"), ==,
                   json_object_get_int_member (find_entity (entities, "s9"), "id"));

  /* 𠀋 (U+2000B) comes before the Arabic quote: one code point, two units. */
  entities = json_object_get_array_member (cjk, "entities");
  entity = find_entity (entities, "s5");
  g_assert_cmpint (json_object_get_int_member (entity, "start_offset"), ==, 48);
  g_assert_cmpstr (json_object_get_string_member (cjk, "attest_status"), ==, "in-progress");

  format_test_remove_tree (dir);
}

static void
test_roundtrip (void)
{
  g_autofree char *dir = format_test_make_temp_dir ("doccano");
  g_autofree char *exported = export_fixtures (dir);
  g_autofree char *input = g_build_filename (dir, "out.jsonl", NULL);

  format_test_assert_fixtures_round_trip ("doccano", input, dir);
  format_test_remove_tree (dir);
}

static void
assert_span_text (AttestDocument *document,
                  AttestSpan     *span,
                  const char     *text)
{
  g_autofree char *slice = attest_text_slice (attest_document_get_text (document),
                                              span->start, span->end);

  g_assert_cmpstr (slice, ==, text);
}

/* tests/data/export/doccano/doccano.jsonl: a relation project's export
 * (integer ids, "Comments", example metadata), a plain project's tuples
 * after an astral CJK character, and doccano 1.1's "data". */
static void
test_import_forms (void)
{
  g_autofree char *dir = format_test_make_temp_dir ("doccano");
  g_autofree char *input = format_test_data_path ("export", "doccano", "doccano.jsonl", NULL);
  g_autofree char *output = g_build_filename (dir, "imported", NULL);
  g_autofree char *first = g_build_filename (output, "line-1.txt", NULL);
  g_autofree char *second = g_build_filename (output, "line-2.txt", NULL);
  g_autofree char *third = g_build_filename (output, "line-3.txt", NULL);
  g_autoptr(AttestDocument) a = NULL;
  g_autoptr(AttestDocument) b = NULL;
  g_autoptr(AttestDocument) c = NULL;
  g_autoptr(GError) error = NULL;
  AttestRelation *relation;
  AttestSpan *span;

  format_test_import ("doccano", FORMAT_TEST_INPUTS (input), output, "tester", NULL, &error);
  g_assert_no_error (error);

  a = format_test_load_article (first);
  /* doccano's example metadata comes back as the document's; its integer
   * id and its "Comments" are not text. */
  g_assert_cmpstr (attest_document_get_meta (a, "source"), ==, "wire");
  g_assert_null (attest_document_get_meta (a, "id"));
  g_assert_null (attest_document_get_meta (a, "Comments"));
  g_assert_cmpuint (attest_span_store_get_n_spans (attest_document_get_spans (a)), ==, 2);
  /* UTF-16 31–46 is code points 30–45: after 🚢. */
  span = format_test_span_at (a, 30, 45, "QUOTE");
  assert_span_text (a, span, "Fees will rise.");
  g_assert_cmpstr (span->origin, ==, "imported:doccano");
  span = format_test_span_at (a, 11, 20, "SPEAKER");
  assert_span_text (a, span, "Lena Ruiz");
  g_assert_cmpuint (attest_document_get_n_relations (a), ==, 1);
  relation = attest_document_get_relation (a, 0);
  g_assert_cmpstr (relation->type, ==, "said-by");
  g_assert_true (attest_span_store_lookup (attest_document_get_spans (a), relation->from) ==
                 format_test_span_at (a, 30, 45, "QUOTE"));
  g_assert_true (attest_span_store_lookup (attest_document_get_spans (a), relation->to) ==
                 format_test_span_at (a, 11, 20, "SPEAKER"));

  b = format_test_load_article (second);
  assert_span_text (b, format_test_span_at (b, 5, 7, "FACT"), "予算");
  assert_span_text (b, format_test_span_at (b, 0, 1, "FACT"), "𠀋");

  c = format_test_load_article (third);
  assert_span_text (c, format_test_span_at (c, 0, 6, "FACT"), "Simple");

  format_test_remove_tree (dir);
}

/* doccano refuses empty entities: they are counted, not written, and so
 * is a relation that points at one. */
static void
test_empty_spans (void)
{
  g_autofree char *dir = format_test_make_temp_dir ("doccano");
  g_autoptr(AttestText) text = attest_text_new ("Yes, she said.", -1, NULL);
  g_autoptr(AttestDocument) document = attest_document_new (text);
  AttestDocument *documents[] = { document };
  const char *names[] = { "empty.txt" };
  g_autoptr(AttestExportJob) job = NULL;
  g_autoptr(JsonObject) line = NULL;
  g_autofree char *got = NULL;
  const AttestExportSummary *summary;
  guint found = 0;

  g_assert_true (attest_document_add_span (document, attest_span_new ("s1", "quote", 0, 3), NULL));
  g_assert_true (attest_document_add_span (document, attest_span_new ("s2", "speaker", 5, 5),
                                           NULL));
  g_assert_true (attest_document_add_relation (document,
                                               attest_relation_new ("r1", "said-by", "s1", "s2"),
                                               NULL));

  got = format_test_export_documents ("doccano", documents, names, 1, dir, &job);
  line = format_test_parse_object (got);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (line, "entities")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (line, "relations")), ==,
                    0);

  summary = attest_export_job_get_summary (job);
  g_assert_cmpuint (summary->n_spans, ==, 1);
  g_assert_cmpuint (summary->n_relations, ==, 0);
  g_assert_nonnull (summary->dropped);
  for (guint i = 0; i < summary->dropped->len; i++)
    {
      AttestExportDropped *dropped = &g_array_index (summary->dropped, AttestExportDropped, i);

      g_assert_cmpuint (dropped->count, ==, 1);
      if (strcmp (dropped->what, "empty spans") == 0 ||
          strcmp (dropped->what, "relations to or from an empty span") == 0)
        found++;
    }
  g_assert_cmpuint (found, ==, 2);

  format_test_remove_tree (dir);
}

typedef struct
{
  const char *data;
  const char *message;
} Malformed;

static const Malformed malformed[] = {
  /* 😀 is UTF-16 0–2: 1 is between its halves. */
  { "{\"text\": \"\360\237\230\200 abc\", \"entities\": [{\"id\": 1, \"start_offset\": 1, "
    "\"end_offset\": 4, \"label\": \"x\"}]}\n",
    "bad.jsonl line 1: entities[0].start_offset: 1 falls between the two UTF-16 code units of one "
    "character" },
  { "{\"text\": \"\360\237\230\200 abc\", \"entities\": [{\"id\": 1, \"start_offset\": 3, "
    "\"end_offset\": 7, \"label\": \"x\"}]}\n",
    "bad.jsonl line 1: entities[0].end_offset: 7 is past the end of the text "
    "(6 UTF-16 code units)" },
  { "{\"text\": \"abc\", \"entities\": [{\"id\": 1, \"start_offset\": 2, \"end_offset\": 1, "
    "\"label\": \"x\"}]}\n",
    "bad.jsonl line 1: entities[0].start_offset: 2 is after the end (1)" },
  { "{\"text\": \"abc\", \"entities\": [{\"id\": 1, \"start_offset\": 0, \"end_offset\": 1}]}\n",
    "bad.jsonl line 1: entities[0]: needs a label" },
  { "{\"text\": \"abc\", \"entities\": [{\"id\": 1, \"start_offset\": 0, \"label\": \"x\"}]}\n",
    "bad.jsonl line 1: entities[0]: needs “start_offset” and “end_offset”" },
  { "{\"text\": \"abc\", \"entities\": [{\"id\": 1, \"start_offset\": 0, \"end_offset\": 1, "
    "\"label\": \"x\"}, {\"id\": 1, \"start_offset\": 1, \"end_offset\": 2, \"label\": \"x\"}]}\n",
    "bad.jsonl line 1: entities[1].id: 1 is used twice" },
  { "{\"text\": \"abc\", \"entities\": [{\"id\": 1, \"start_offset\": 0, \"end_offset\": 1, "
    "\"label\": \"x\"}], \"relations\": [{\"from_id\": 1, \"to_id\": 2, \"type\": \"r\"}]}\n",
    "bad.jsonl line 1: relations[0].to_id: no entity has the id 2" },
  { "{\"text\": \"abc\", \"entities\": [{\"id\": 1, \"start_offset\": 0, \"end_offset\": 1, "
    "\"label\": \"x\"}], \"relations\": [{\"from_id\": 1, \"to_id\": 1}]}\n",
    "bad.jsonl line 1: relations[0]: needs a “type”" },
  { "{\"text\": \"abc\", \"relations\": [{\"to_id\": 1, \"type\": \"r\"}]}\n",
    "bad.jsonl line 1: relations[0]: needs “from_id”" },
  /* A text classification export: "label" holds category names. */
  { "{\"text\": \"abc\", \"label\": [\"positive\"]}\n",
    "bad.jsonl line 1: label[0]: expected [start, end, label]" },
  { "{\"text\": \"abc\", \"label\": [[0, \"1\", \"x\"]]}\n",
    "bad.jsonl line 1: label[0][1]: expected a non-negative integer" },
  { "{\"text\": \"abc\", \"label\": [[0, 1, 2]]}\n",
    "bad.jsonl line 1: label[0][2]: expected a label" },
  { "{\"text\": \"abc\", \"label\": [[0, 9, \"x\"]]}\n",
    "bad.jsonl line 1: label[0].end_offset: 9 is past the end of the text (3 UTF-16 code units)" },
  { "{\"label\": []}\n", "bad.jsonl line 1: no “text”" },
  { "\"just a string\"\n", "bad.jsonl line 1: expected a JSON object" },
  { "{\"text\": \"fine\"}\n\n{\"text\": \"a\"\n", "bad.jsonl line 3, column " },
  /* Code-point offsets after an emoji: the entity's text gives it away. */
  { "{\"text\": \"\360\237\230\200 abc\", \"entities\": [{\"id\": 1, \"start_offset\": 2, "
    "\"end_offset\": 4, \"label\": \"x\", \"text\": \"ab\"}]}\n",
    "bad.jsonl line 1: entities[0].text: “ab” is not the text at that range (“ a”); "
    "offsets are read as UTF-16 code units, as doccano counts them" },
  { "{\"text\": \"abc\", \"attest_meta\": \"x\"}\n",
    "bad.jsonl line 1: attest_meta: expected an object" },
};

static void
test_malformed (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr(GError) error = NULL;

      format_test_import_fails ("doccano", "bad.jsonl", malformed[i].data, -1, &error);
      if (!g_str_has_prefix (error->message, malformed[i].message))
        g_error ("case %u: “%s” does not start with “%s”", i, error->message,
                 malformed[i].message);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/attest/core/format/doccano/golden", test_golden);
  g_test_add_func ("/attest/core/format/doccano/structure", test_structure);
  g_test_add_func ("/attest/core/format/doccano/roundtrip", test_roundtrip);
  g_test_add_func ("/attest/core/format/doccano/import-forms", test_import_forms);
  g_test_add_func ("/attest/core/format/doccano/empty-spans", test_empty_spans);
  g_test_add_func ("/attest/core/format/doccano/malformed", test_malformed);

  return g_test_run ();
}
