/* test-format-labelstudio.c: Label Studio tasks, export and import
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "attest-core.h"
#include "attest-export-labelstudio.h"
#include "attest-export-private.h"
#include "attest-import-private.h"
#include "attest-record.h"
#include "attest-sidecar.h"
#include "attest-span-store.h"
#include "format-test-util.h"

/* The export goes through the export job, as attest-cli export does (the
 * fixtures as sidecars on disk, made-up documents from memory), the
 * import through attest_import_run(). The real frontend's view of the
 * same output is tests/readers/check-labelstudio.js. */

static AttestExportJob *
fixtures_job (void)
{
  AttestExportOptions options = ATTEST_EXPORT_OPTIONS_INIT;

  return format_test_fixtures_job (&attest_export_labelstudio, &options);
}

static char *
export_fixtures (void)
{
  g_autoptr(AttestExportJob) job = fixtures_job ();
  char *data = format_test_run_job_to_string (job, "out.json");
  const AttestExportSummary *summary = attest_export_job_get_summary (job);

  g_assert_cmpuint (summary->n_documents, ==, 2);
  g_assert_cmpuint (summary->n_spans, ==, 17);
  g_assert_cmpuint (summary->n_relations, ==, 8);
  g_assert_cmpuint (summary->dropped->len, ==, 0);

  return data;
}

static void
assert_golden (const char *got,
               const char *name)
{
  g_autofree char *path = format_test_data_path ("export", name, NULL);

  format_test_assert_golden (path, got, -1);
}

static gboolean
import_data (const char  *tmp,
             const char  *file_name,
             const char  *data,
             gssize       len,
             const char  *output,
             GError     **error)
{
  g_autofree char *input = g_build_filename (tmp, file_name, NULL);
  g_autofree char *out = g_build_filename (tmp, output, NULL);

  format_test_write_file (input, data, len);
  return format_test_import ("labelstudio", FORMAT_TEST_INPUTS (input), out, "bo", NULL, error);
}

static void
test_golden (void)
{
  g_autofree char *data = export_fixtures ();
  g_autoptr(AttestTagset) tagset = attest_tagset_new_default ();
  g_autofree char *config = attest_export_labelstudio_config (tagset, NULL);

  assert_golden (data, "golden/labelstudio/export.json");
  assert_golden (config, "golden/labelstudio/config.xml");
}

/* Regions count code points, as Label Studio does (see
 * attest-export-labelstudio.c): after 🌉, 👷‍♀️ and the curly quotes,
 * code points and UTF-16 units differ. */
static void
test_offsets (void)
{
  g_autofree char *data = export_fixtures ();
  g_autoptr(JsonNode) root = format_test_parse_json (data);
  g_autoptr(AttestDocument) world = format_test_load_fixture ("world/harbour.txt");
  AttestText *text = attest_document_get_text (world);
  JsonArray *tasks = json_node_get_array (root);
  JsonObject *task = json_array_get_object_element (tasks, 1);
  JsonObject *data_object = json_object_get_object_member (task, "data");
  JsonObject *annotation = json_array_get_object_element (json_object_get_array_member (task, "annotations"), 0);
  JsonArray *results = json_object_get_array_member (annotation, "result");
  guint n_labels = 0;
  gboolean seen_s8 = FALSE;

  g_assert_cmpuint (json_array_get_length (tasks), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (data_object, "text"), ==, attest_text_get_data (text));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (data_object, "meta"),
                                                  "attest_name"), ==, "world/harbour.txt");

  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *result = json_array_get_object_element (results, i);
      JsonObject *value;
      g_autofree char *slice = NULL;

      if (g_strcmp0 (json_object_get_string_member (result, "type"), "labels") != 0)
        continue;
      n_labels++;
      value = json_object_get_object_member (result, "value");
      slice = attest_text_slice (text, json_object_get_int_member (value, "start"),
                                 json_object_get_int_member (value, "end"));
      g_assert_cmpstr (json_object_get_string_member (value, "text"), ==, slice);

      if (g_strcmp0 (json_object_get_string_member (result, "id"), "s8") == 0)
        {
          seen_s8 = TRUE;
          g_assert_cmpint (json_object_get_int_member (value, "start"), ==, 238);
          g_assert_cmpint (json_object_get_int_member (value, "end"), ==, 304);
          g_assert_cmpuint (attest_text_cp_to_utf16 (text, 238), ==, 240);
        }
    }

  g_assert_cmpuint (n_labels, ==, 10);
  g_assert_true (seen_s8);
}

static void
assert_same_document (AttestDocument *got,
                      AttestDocument *expected)
{
  AttestSpanStore *got_spans = attest_document_get_spans (got);
  AttestSpanStore *expected_spans = attest_document_get_spans (expected);
  guint n = attest_span_store_get_n_spans (expected_spans);

  g_assert_cmpstr (attest_text_get_data (attest_document_get_text (got)), ==,
                   attest_text_get_data (attest_document_get_text (expected)));
  g_assert_cmpint (attest_document_get_status (got), ==, attest_document_get_status (expected));
  g_assert_cmpstr (attest_document_get_language (got), ==, attest_document_get_language (expected));
  g_assert_cmpstr (attest_document_get_meta (got, "title"), ==, attest_document_get_meta (expected, "title"));

  g_assert_cmpuint (attest_span_store_get_n_spans (got_spans), ==, n);
  for (guint i = 0; i < n; i++)
    {
      AttestSpan *a = attest_span_store_get_nth (got_spans, i);
      AttestSpan *b = attest_span_store_get_nth (expected_spans, i);

      g_assert_cmpstr (a->id, ==, b->id);
      g_assert_cmpuint (a->start, ==, b->start);
      g_assert_cmpuint (a->end, ==, b->end);
      g_assert_true (a->label == b->label);
      g_assert_true (attest_attrs_equal (a->attrs, b->attrs));
      g_assert_cmpstr (a->note, ==, b->note);
      g_assert_cmpstr (a->entity, ==, b->entity);
      g_assert_cmpstr (a->origin, ==, "imported:labelstudio");
      g_assert_cmpstr (a->by, ==, "bo");
    }

  g_assert_cmpuint (attest_document_get_n_relations (got), ==, attest_document_get_n_relations (expected));
  for (guint i = 0; i < attest_document_get_n_relations (expected); i++)
    {
      AttestRelation *a = attest_document_get_relation (got, i);
      AttestRelation *b = attest_document_get_relation (expected, i);

      g_assert_true (a->type == b->type);
      g_assert_cmpstr (a->from, ==, b->from);
      g_assert_cmpstr (a->to, ==, b->to);
    }

  g_assert_cmpuint (attest_document_get_n_entities (got), ==, attest_document_get_n_entities (expected));
  for (guint i = 0; i < attest_document_get_n_entities (expected); i++)
    {
      AttestEntity *a = attest_document_get_entity (got, i);
      AttestEntity *b = attest_document_get_entity (expected, i);

      g_assert_cmpstr (a->id, ==, b->id);
      g_assert_cmpstr (a->name, ==, b->name);
      g_assert_true (a->kind == b->kind);
      g_assert_cmpstr (a->wikidata, ==, b->wikidata);
      g_assert_cmpuint (a->aliases != NULL ? g_strv_length (a->aliases) : 0, ==,
                        b->aliases != NULL ? g_strv_length (b->aliases) : 0);
    }
}

static void
test_roundtrip (void)
{
  g_autofree char *tmp = format_test_make_temp_dir ("labelstudio");
  g_autofree char *data = export_fixtures ();
  g_autofree char *world_path = g_build_filename (tmp, "out", "world", "harbour.txt", NULL);
  g_autofree char *cjk_path = g_build_filename (tmp, "out", "cjk-rtl.txt", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autoptr(AttestDocument) world = NULL;
  g_autoptr(AttestDocument) cjk = NULL;
  g_autoptr(AttestDocument) world_expected = format_test_load_fixture ("world/harbour.txt");
  g_autoptr(AttestDocument) cjk_expected = format_test_load_fixture ("cjk-rtl.txt");
  g_autoptr(GError) error = NULL;
  g_autofree char *article = NULL;

  import_data (tmp, "export.json", data, -1, "out", &error);
  g_assert_no_error (error);

  /* The article is written byte for byte, CRLF and all. */
  g_file_get_contents (world_path, &article, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (article, ==, attest_text_get_data (attest_document_get_text (world_expected)));

  world = format_test_load_article (world_path);
  cjk = format_test_load_article (cjk_path);
  assert_same_document (world, world_expected);
  assert_same_document (cjk, cjk_expected);

  format_test_remove_tree (out);
  format_test_remove_tree (tmp);
}

/* The golden export as Label Studio's frontend (1.4.0, from npm) wrote
 * it again after loading it in headless Chromium
 * (tests/readers/check-labelstudio.js with CHECK_LABELSTUDIO_WRITE): its
 * own serialization, "origin" members, and the text of a region across
 * lines without its line breaks, which it shows as <br>. */
static void
test_frontend (void)
{
  g_autofree char *tmp = format_test_make_temp_dir ("labelstudio");
  g_autofree char *input = format_test_data_path ("export", "labelstudio", "frontend-1.4.0.json",
                                                  NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *world_path = g_build_filename (out, "world", "harbour.txt", NULL);
  g_autofree char *cjk_path = g_build_filename (out, "cjk-rtl.txt", NULL);
  const char *inputs[] = { input, NULL };
  g_autoptr(AttestDocument) world = NULL;
  g_autoptr(AttestDocument) cjk = NULL;
  g_autoptr(AttestDocument) world_expected = format_test_load_fixture ("world/harbour.txt");
  g_autoptr(AttestDocument) cjk_expected = format_test_load_fixture ("cjk-rtl.txt");
  g_autoptr(GError) error = NULL;

  attest_import_run (&attest_import_labelstudio, inputs, out, "bo", NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  world = format_test_load_article (world_path);
  cjk = format_test_load_article (cjk_path);
  assert_same_document (world, world_expected);
  assert_same_document (cjk, cjk_expected);

  format_test_remove_tree (out);
  format_test_remove_tree (tmp);
}

/* A task as Label Studio itself exports one: its own region ids,
 * per-region results before their region, a region with two labels,
 * a region note in "meta", a classification of the whole task, a
 * relation drawn right to left and one without a label, predictions. */
static void
test_foreign (void)
{
  g_autofree char *tmp = format_test_make_temp_dir ("labelstudio");
  g_autofree char *input = format_test_data_path ("export", "labelstudio",
                                                  "label-studio-export.json", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *first = g_build_filename (out, "task-41.txt", NULL);
  g_autofree char *second = g_build_filename (out, "task-2.txt", NULL);
  const char *inputs[] = { input, NULL };
  AttestImportSummary summary = { 0 };
  g_autoptr(AttestDocument) a = NULL;
  g_autoptr(AttestDocument) b = NULL;
  g_autoptr(GError) error = NULL;
  AttestSpanStore *spans;
  AttestSpan *quote, *speaker, *place, *place_too, *after;
  AttestRelation *relation;

  attest_import_run (&attest_import_labelstudio, inputs, out, NULL, NULL, NULL,
                     &summary, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_documents, ==, 2);

  a = format_test_load_article (first);
  spans = attest_document_get_spans (a);
  g_assert_cmpuint (attest_span_store_get_n_spans (spans), ==, 5);

  /* "“Trams return in May,” said Inès Moreau 🚋 of the transit office." */
  quote = attest_span_store_get_nth (spans, 0);
  g_assert_cmpuint (quote->start, ==, 1);
  g_assert_cmpuint (quote->end, ==, 21);
  g_assert_cmpstr (quote->label, ==, "quote");
  g_assert_cmpstr (attest_span_get_attr (quote, "kind"), ==, "direct");
  g_assert_cmpstr (quote->note, ==, "checked\nby phone");
  g_assert_null (quote->by);

  speaker = attest_span_store_get_nth (spans, 1);
  g_assert_cmpstr (speaker->label, ==, "speaker");
  g_assert_cmpuint (speaker->start, ==, 28);
  g_assert_cmpuint (speaker->end, ==, 39);
  g_assert_cmpstr (speaker->note, ==, "region meta note");
  g_assert_nonnull (speaker->entity);
  g_assert_cmpstr (attest_document_lookup_entity (a, speaker->entity)->name, ==, "Inès Moreau");

  /* Two labels on one region are two spans on one range; the region's
   * relation leaves from the first. After the emoji: code points. */
  place = attest_span_store_get_nth (spans, 2);
  place_too = attest_span_store_get_nth (spans, 3);
  g_assert_cmpuint (place->start, ==, 49);
  g_assert_cmpuint (place->end, ==, 63);
  g_assert_cmpuint (place_too->start, ==, 49);
  g_assert_cmpuint (place_too->end, ==, 63);
  g_assert_true (place->label != place_too->label);

  after = attest_span_store_get_nth (spans, 4);
  g_assert_cmpstr (after->label, ==, "fact");
  g_assert_cmpuint (after->start, ==, 78);

  g_assert_cmpuint (attest_document_get_n_relations (a), ==, 2);
  /* Drawn "left": from the speaker's region to the quote's, so the
   * quote is said by the speaker. */
  relation = attest_document_get_relation (a, 0);
  g_assert_cmpstr (relation->type, ==, "said-by");
  g_assert_cmpstr (relation->from, ==, quote->id);
  g_assert_cmpstr (relation->to, ==, speaker->id);
  relation = attest_document_get_relation (a, 1);
  g_assert_cmpstr (relation->type, ==, "related");

  /* The whole-task classification is no span's; predictions are not
   * annotations, and neither is a skipped one. */
  b = format_test_load_article (second);
  g_assert_cmpuint (attest_span_store_get_n_spans (attest_document_get_spans (b)), ==, 1);
  g_assert_cmpuint (attest_span_store_get_nth (attest_document_get_spans (b), 0)->start, ==, 27);
  g_assert_cmpstr (attest_document_get_meta (b, "source"), ==, "wire");

  format_test_remove_tree (out);
  format_test_remove_tree (tmp);
}

/* Older Label Studio frontends counted UTF-16 units; the text they saved
 * tells. */
static void
test_utf16_legacy (void)
{
  g_autofree char *tmp = format_test_make_temp_dir ("labelstudio");
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *article = g_build_filename (out, "task-1.txt", NULL);
  g_autoptr(AttestDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  AttestSpan *span;
  /* "🚋 Tram" : Tram is at code point 2, UTF-16 unit 3. */
  const char *data =
    "[{\"data\": {\"text\": \"\\ud83d\\ude8b Tram\"}, \"annotations\": [{\"result\": ["
    "{\"id\": \"a\", \"from_name\": \"label\", \"to_name\": \"text\", \"type\": \"labels\","
    " \"value\": {\"start\": 3, \"end\": 7, \"text\": \"Tram\", \"labels\": [\"fact\"]}}]}]}]";

  import_data (tmp, "old.json", data, -1, "out", &error);
  g_assert_no_error (error);

  document = format_test_load_article (article);
  span = attest_span_store_get_nth (attest_document_get_spans (document), 0);
  g_assert_cmpuint (span->start, ==, 2);
  g_assert_cmpuint (span->end, ==, 6);

  format_test_remove_tree (out);
  format_test_remove_tree (tmp);
}

typedef struct
{
  const char *what;
  const char *data;
  const char *message;
} Hostile;

#define TASK(results) \
  "[{\"id\": 7, \"data\": {\"text\": \"Mayor Zoë said no.\"}, \"annotations\": [{\"result\": [" results "]}]}]"
#define REGION(value) \
  "{\"id\": \"r1\", \"from_name\": \"label\", \"to_name\": \"text\", \"type\": \"labels\", \"value\": " value "}"

static const Hostile hostile[] = {
  { "end past the text", TASK (REGION ("{\"start\": 0, \"end\": 99, \"labels\": [\"speaker\"]}")),
    "bad.json: task 1 (id 7): result 1: value.end: 99 is past the end of the text (18)" },
  { "negative start", TASK (REGION ("{\"start\": -1, \"end\": 5, \"labels\": [\"speaker\"]}")),
    "result 1: value.start: -1 is negative" },
  { "end before start", TASK (REGION ("{\"start\": 5, \"end\": 2, \"labels\": [\"speaker\"]}")),
    "result 1: value.end: 2 is before value.start (5)" },
  { "fractional offset", TASK (REGION ("{\"start\": 0.5, \"end\": 5, \"labels\": [\"speaker\"]}")),
    "value.start: expected an integer, found a number" },
  { "offset as a string", TASK (REGION ("{\"start\": \"0\", \"end\": 5, \"labels\": [\"speaker\"]}")),
    "value.start: expected an integer, found a string" },
  { "missing end", TASK (REGION ("{\"start\": 0, \"labels\": [\"speaker\"]}")),
    "value.end: missing" },
  { "text mismatch", TASK (REGION ("{\"start\": 0, \"end\": 5, \"text\": \"Mayer\", \"labels\": [\"speaker\"]}")),
    "value.text: \"Mayer\" is not the text at [0, 5), which is \"Mayor\"" },
  { "text mismatch across lines",
    "[{\"data\": {\"text\": \"One.\\r\\nTwo.\"}, \"annotations\": [{\"result\": ["
    REGION ("{\"start\": 0, \"end\": 9, \"text\": \"One.Tw.\", \"labels\": [\"quote\"]}") "]}]}]",
    "value.text: \"One.Tw.\" is not the text at [0, 9), which is \"One.\\u000d\\u000aTwo\"" },
  { "labels not a list", TASK (REGION ("{\"start\": 0, \"end\": 5, \"labels\": \"speaker\"}")),
    "value.labels: expected an array of labels, found a string" },
  { "no label", TASK (REGION ("{\"start\": 0, \"end\": 5, \"labels\": []}")),
    "value.labels: a region needs a label" },
  { "empty label", TASK (REGION ("{\"start\": 0, \"end\": 5, \"labels\": [\"\"]}")),
    "value.labels[0]: expected a label, found an empty string" },
  { "value not an object", TASK (REGION ("[0, 5]")),
    "result 1: value: expected an object, found an array" },
  { "result not an object", TASK ("42"),
    "result 1: expected an object, found an integer" },
  { "result without type", TASK ("{\"id\": \"x\"}"),
    "result 1: type: missing" },
  { "relation to nowhere",
    TASK (REGION ("{\"start\": 0, \"end\": 5, \"labels\": [\"speaker\"]}") ", "
          "{\"from_id\": \"r1\", \"to_id\": \"r9\", \"type\": \"relation\", \"labels\": [\"said-by\"]}"),
    "result 2: to_id: names no region of this annotation" },
  { "bad direction",
    TASK (REGION ("{\"start\": 0, \"end\": 5, \"labels\": [\"speaker\"]}") ", "
          "{\"from_id\": \"r1\", \"to_id\": \"r1\", \"type\": \"relation\", \"direction\": \"up\"}"),
    "result 2: direction: \"up\" is not \"right\", \"left\" or \"bi\"" },
  { "choice on no region",
    TASK ("{\"id\": \"r5\", \"from_name\": \"attr_kind\", \"type\": \"choices\","
          " \"value\": {\"start\": 0, \"end\": 5, \"choices\": [\"direct\"]}}"),
    "result 1: id: names no region of this annotation" },
  { "choices not strings",
    TASK (REGION ("{\"start\": 0, \"end\": 5, \"labels\": [\"quote\"]}") ", "
          "{\"id\": \"r1\", \"from_name\": \"attr_kind\", \"type\": \"choices\","
          " \"value\": {\"start\": 0, \"end\": 5, \"choices\": [1]}}"),
    "result 2: value.choices[0]: expected a string, found an integer" },
  { "no text", "[{\"data\": {\"body\": \"x\"}}]",
    "bad.json: task 1: data.text: expected the article's text, found nothing" },
  { "text not a string", "[{\"data\": {\"text\": [\"x\"]}}]",
    "data.text: expected the article's text, found an array" },
  { "task not an object", "[{\"data\": {\"text\": \"a\"}}, 3]",
    "bad.json: task 2: expected an object, found an integer" },
  { "annotations not a list", "[{\"data\": {\"text\": \"a\"}, \"annotations\": {}}]",
    "task 1: annotations: expected an array, found an object" },
  { "result not a list", "[{\"data\": {\"text\": \"a\"}, \"annotations\": [{\"result\": 1}]}]",
    "annotations[0].result: expected an array, found an integer" },
  { "top level a string", "\"tasks\"",
    "bad.json: expected an array of tasks, found a string" },
  { "not JSON", "[{\"data\": ",
    "bad.json: line 1, column" },
  { "trailing text", "[] []",
    "bad.json: line 1, column" },
  { "duplicate member", "[{\"data\": {\"text\": \"a\", \"text\": \"b\"}}]",
    "bad.json: line 1, column" },
  { "bad status", "[{\"data\": {\"text\": \"a\", \"meta\": {\"attest_status\": \"finished\"}}}]",
    "data.meta.attest_status: \"finished\" is not new, in-progress or done" },
  { "bad entity kind",
    "[{\"data\": {\"text\": \"a\", \"meta\": {\"attest_entities\": [{\"name\": \"X\", \"kind\": \"alien\"}]}}}]",
    "data.meta.attest_entities[0].kind: \"alien\" is not person, organisation, anonymous or other" },
  { "entity without a name",
    "[{\"data\": {\"text\": \"a\", \"meta\": {\"attest_entities\": [{\"id\": \"e1\"}]}}}]",
    "data.meta.attest_entities[0].name: an entity needs a name" },
  { "name outside the folder", "[{\"data\": {\"text\": \"a\", \"meta\": {\"attest_name\": \"../escape.txt\"}}}]",
    "cannot be used as an article’s name" },
  { "a name twice", "[{\"id\": 1, \"data\": {\"text\": \"a\"}}, {\"id\": 1, \"data\": {\"text\": \"b\"}}]",
    "bad.json: task 2 (id 1): a second document is named “task-1.txt”" },
  { "no tasks", "[]",
    "no documents found in the input" },
};

static void
test_hostile (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(GError) error = NULL;

      /* Nothing may be left behind: no output folder, no hidden one
       * beside it. */
      format_test_import_fails ("labelstudio", "bad.json", hostile[i].data, -1, &error);
      g_test_message ("%s: %s", hostile[i].what, error->message);
      if (strstr (error->message, hostile[i].message) == NULL)
        g_error ("%s: “%s” does not say “%s”", hostile[i].what, error->message, hostile[i].message);
    }
}

/* json-glib 1.6 would overflow its stack on this; the guard refuses it. */
static void
test_deep_nesting (void)
{
  g_autoptr(GString) data = g_string_new ("[{\"data\": {\"text\": \"a\", \"meta\": {\"x\": ");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 200000; i++)
    g_string_append_c (data, '[');

  format_test_import_fails ("labelstudio", "deep.json", data->str, data->len, &error);
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "deep.json: line 1, column"));
}

static guint64
dropped_count (const AttestExportSummary *summary,
               const char                *what)
{
  for (guint i = 0; i < summary->dropped->len; i++)
    if (strcmp (g_array_index (summary->dropped, AttestExportDropped, i).what, what) == 0)
      return g_array_index (summary->dropped, AttestExportDropped, i).count;

  return 0;
}

static JsonArray *
results_of (JsonNode *root,
            guint     task)
{
  JsonObject *object = json_array_get_object_element (json_node_get_array (root), task);
  JsonArray *annotations = json_object_get_array_member (object, "annotations");

  return json_object_get_array_member (json_array_get_object_element (annotations, 0), "result");
}

/* A region must cover something, and relations have no attributes in
 * Label Studio: the export says so. */
static void
test_dropped (void)
{
  g_autoptr(AttestDocument) document = format_test_new_document ("“No,” she said.");
  AttestSpan *quote = format_test_add_span (document, "quote", 1, 4);
  AttestSpan *speaker = format_test_add_span (document, "speaker", 6, 9);
  AttestSpan *empty = format_test_add_span (document, "fact", 12, 12);
  AttestRelation *said = attest_relation_new (NULL, "said-by", quote->id, speaker->id);
  AttestRelation *odd = attest_relation_new (NULL, "said-by", empty->id, speaker->id);
  AttestExportOptions options = ATTEST_EXPORT_OPTIONS_INIT;
  g_autoptr(AttestExportJob) job = attest_export_job_new (&attest_export_labelstudio, &options);
  const AttestExportSummary *summary;
  g_autofree char *data = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) lines = NULL;

  said->attrs = attest_attrs_set (said->attrs, "certainty", "high");
  attest_document_add_relation (document, said, NULL);
  attest_document_add_relation (document, odd, NULL);

  attest_export_job_add_document (job, document, "no.txt");
  data = format_test_run_job_to_string (job, "out.json");
  summary = attest_export_job_get_summary (job);

  g_assert_cmpuint (dropped_count (summary, "empty spans"), ==, 1);
  g_assert_cmpuint (dropped_count (summary, "relations of empty spans"), ==, 1);
  g_assert_cmpuint (dropped_count (summary, "attributes of relations"), ==, 1);
  g_assert_cmpuint (summary->n_spans, ==, 2);
  g_assert_cmpuint (summary->n_relations, ==, 1);

  lines = attest_export_summary_describe_dropped (summary, &attest_export_labelstudio);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);

  root = format_test_parse_json (data);
  g_assert_cmpuint (json_array_get_length (results_of (root, 0)), ==, 3);
}

static void
test_attributes (void)
{
  g_autoptr(AttestDocument) document = format_test_new_document ("He said: yes & no.");
  AttestSpan *quote = format_test_add_span (document, "quote", 9, 17);
  AttestExportOptions options = ATTEST_EXPORT_OPTIONS_INIT;
  g_autoptr(AttestExportJob) job = attest_export_job_new (&attest_export_labelstudio, &options);
  g_autofree char *data = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *results;
  JsonObject *kind, *free_text;

  /* "kind" is a choice in the default tag set; "source" is free text. */
  quote->attrs = attest_attrs_set (quote->attrs, "kind", "indirect");
  quote->attrs = attest_attrs_set (quote->attrs, "source", "radio");
  attest_export_job_add_document (job, document, "yes.txt");
  data = format_test_run_job_to_string (job, "out.json");
  root = format_test_parse_json (data);
  results = results_of (root, 0);

  kind = json_array_get_object_element (results, 1);
  g_assert_cmpstr (json_object_get_string_member (kind, "id"), ==, quote->id);
  g_assert_cmpstr (json_object_get_string_member (kind, "type"), ==, "choices");
  g_assert_cmpstr (json_object_get_string_member (kind, "from_name"), ==, "attr_kind");
  g_assert_cmpstr (json_array_get_string_element (
                     json_object_get_array_member (json_object_get_object_member (kind, "value"),
                                                   "choices"), 0), ==, "indirect");

  free_text = json_array_get_object_element (results, 2);
  g_assert_cmpstr (json_object_get_string_member (free_text, "type"), ==, "textarea");
  g_assert_cmpstr (json_object_get_string_member (free_text, "from_name"), ==, "attr_source");
  g_assert_cmpstr (json_array_get_string_element (
                     json_object_get_array_member (json_object_get_object_member (free_text, "value"),
                                                   "text"), 0), ==, "radio");
}

static void
check_markup (const char *xml)
{
  static const GMarkupParser parser = { NULL, NULL, NULL, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_markup_parse_context_parse (context, xml, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
}

/* The config names every control the tasks use, including labels,
 * relation types and values the export wrote that the tag set lacks. */
static void
test_config (void)
{
  g_autoptr(AttestTagset) tagset = attest_tagset_new_default ();
  g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) types = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                            (GDestroyNotify) g_hash_table_unref);
  GHashTable *kinds = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *sources = g_hash_table_new (g_str_hash, g_str_equal);
  AttestExportSummary summary = { 0 };
  g_autofree char *plain = attest_export_labelstudio_config (tagset, NULL);
  g_autofree char *config = NULL;

  check_markup (plain);
  g_assert_nonnull (strstr (plain, "<Labels name=\"label\" toName=\"text\">"));
  g_assert_nonnull (strstr (plain, "<Label value=\"quote\" background=\"#f6d32d\" hotkey=\"q\""));
  g_assert_nonnull (strstr (plain, "<Text name=\"text\" value=\"$text\"/>"));
  g_assert_nonnull (strstr (plain, "<Relation value=\"said-by\"/>"));
  g_assert_nonnull (strstr (plain, "<Choices name=\"attr_kind\" toName=\"text\" perRegion=\"true\""));
  g_assert_nonnull (strstr (plain, "<Choice value=\"mixed\"/>"));
  g_assert_nonnull (strstr (plain, "<TextArea name=\"note\""));
  g_assert_nonnull (strstr (plain, "<TextArea name=\"entity\""));

  g_hash_table_insert (labels, (gpointer) "quote", GUINT_TO_POINTER (3));
  g_hash_table_insert (labels, (gpointer) "claim <&\">", GUINT_TO_POINTER (1));
  g_hash_table_insert (types, (gpointer) "cites", GUINT_TO_POINTER (1));
  g_hash_table_add (kinds, (gpointer) "rhetorical");
  g_hash_table_add (sources, (gpointer) "radio");
  g_hash_table_insert (attributes, (gpointer) "quote\037kind", kinds);
  g_hash_table_insert (attributes, (gpointer) "quote\037source", sources);
  summary.labels = labels;
  summary.relation_types = types;
  summary.attributes = attributes;

  config = attest_export_labelstudio_config (tagset, &summary);
  check_markup (config);
  g_assert_nonnull (strstr (config, "<Label value=\"claim &lt;&amp;&quot;&gt;\"/>"));
  g_assert_nonnull (strstr (config, "<Relation value=\"cites\"/>"));
  g_assert_nonnull (strstr (config, "<Choice value=\"rhetorical\"/>"));
  g_assert_nonnull (strstr (config, "<TextArea name=\"attr_source\""));
  /* "quote" is the tag set's and comes once. */
  g_assert_null (strstr (strstr (config, "value=\"quote\"") + 1, "<Label value=\"quote\""));

  /* With a real export's summary, the fixtures need nothing more than
   * the tag set. */
  {
    g_autoptr(AttestExportJob) job = fixtures_job ();
    g_autofree char *data = format_test_run_job_to_string (job, "out.json");
    g_autofree char *from_export = attest_export_labelstudio_config (
      tagset, attest_export_job_get_summary (job));

    g_assert_cmpstr (from_export, ==, plain);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/attest/core/format/labelstudio/golden", test_golden);
  g_test_add_func ("/attest/core/format/labelstudio/offsets", test_offsets);
  g_test_add_func ("/attest/core/format/labelstudio/roundtrip", test_roundtrip);
  g_test_add_func ("/attest/core/format/labelstudio/frontend", test_frontend);
  g_test_add_func ("/attest/core/format/labelstudio/foreign", test_foreign);
  g_test_add_func ("/attest/core/format/labelstudio/utf16-legacy", test_utf16_legacy);
  g_test_add_func ("/attest/core/format/labelstudio/hostile", test_hostile);
  g_test_add_func ("/attest/core/format/labelstudio/deep-nesting", test_deep_nesting);
  g_test_add_func ("/attest/core/format/labelstudio/dropped", test_dropped);
  g_test_add_func ("/attest/core/format/labelstudio/attributes", test_attributes);
  g_test_add_func ("/attest/core/format/labelstudio/config", test_config);

  return g_test_run ();
}
