/* test-format-w3c.c: the W3C Web Annotation export
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "attest-core.h"
#include "attest-export-private.h"
#include "attest-record.h"
#include "attest-sidecar.h"
#include "format-test-util.h"

/* Everything goes through the export job, as attest-cli export does:
 * the fixtures as sidecars on disk (the streaming record reader), made-up
 * documents from memory. tests/readers/check-w3c.js runs the
 * annotation-model test suite's schemas over the same output. */

static AttestExportJob *
fixtures_job (guint shard_size)
{
  AttestExportOptions options = ATTEST_EXPORT_OPTIONS_INIT;

  options.shard_size = shard_size;
  return format_test_fixtures_job (&attest_export_w3c, &options);
}

static char *
export_fixtures (void)
{
  g_autoptr(AttestExportJob) job = fixtures_job (0);
  char *data = format_test_run_job_to_string (job, "out.jsonld");
  const AttestExportSummary *summary = attest_export_job_get_summary (job);

  g_assert_cmpuint (summary->n_documents, ==, 2);
  g_assert_cmpuint (summary->n_spans, ==, 17);
  g_assert_cmpuint (summary->n_relations, ==, 8);
  g_assert_cmpuint (summary->dropped->len, ==, 0);

  return data;
}

static char *
export_documents (AttestDocument **documents,
                  guint            n_documents)
{
  AttestExportOptions options = ATTEST_EXPORT_OPTIONS_INIT;
  g_autoptr(AttestExportJob) job = attest_export_job_new (&attest_export_w3c, &options);

  for (guint i = 0; i < n_documents; i++)
    {
      g_autofree char *name = g_strdup_printf ("doc-%u.txt", i);

      attest_export_job_add_document (job, documents[i], name);
    }

  return format_test_run_job_to_string (job, "out.jsonld");
}

static JsonArray *
items_of (JsonNode *root)
{
  JsonObject *collection = json_node_get_object (root);
  JsonObject *page = json_object_get_object_member (collection, "first");

  return json_object_get_array_member (page, "items");
}

static JsonObject *
find_item (JsonArray  *items,
           const char *id)
{
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_strcmp0 (json_object_get_string_member (item, "id"), id) == 0)
        return item;
    }

  return NULL;
}

static JsonObject *
find_body (JsonObject *annotation,
           const char *purpose,
           guint       nth)
{
  JsonArray *bodies = json_object_get_array_member (annotation, "body");

  for (guint i = 0; i < json_array_get_length (bodies); i++)
    {
      JsonObject *body = json_array_get_object_element (bodies, i);

      if (g_strcmp0 (json_object_get_string_member (body, "purpose"), purpose) == 0 && nth-- == 0)
        return body;
    }

  return NULL;
}

static JsonObject *
find_selector (JsonObject *annotation,
               const char *type)
{
  JsonObject *target = json_object_get_object_member (annotation, "target");
  JsonArray *selectors = json_object_get_array_member (target, "selector");

  for (guint i = 0; i < json_array_get_length (selectors); i++)
    {
      JsonObject *selector = json_array_get_object_element (selectors, i);

      if (g_strcmp0 (json_object_get_string_member (selector, "type"), type) == 0)
        return selector;
    }

  return NULL;
}

static void
test_golden (void)
{
  g_autofree char *got = export_fixtures ();
  g_autofree char *path = format_test_data_path ("export", "golden", "w3c", "export.jsonld", NULL);

  format_test_assert_golden (path, got, -1);
}

/* Every selector pair must name the same text, counted in code points:
 * the model's unit (4.2.4, 4.2.5), which is Attest's. */
static void
check_selectors (JsonArray  *items,
                 AttestText *text,
                 const char *source)
{
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonObject *target, *position, *quote;
      g_autofree char *exact = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      guint start, end;

      if (!JSON_NODE_HOLDS_OBJECT (json_object_get_member (item, "target")))
        continue;
      target = json_object_get_object_member (item, "target");
      if (g_strcmp0 (json_object_get_string_member (target, "source"), source) != 0)
        continue;

      position = find_selector (item, "TextPositionSelector");
      quote = find_selector (item, "TextQuoteSelector");
      g_assert_nonnull (position);
      g_assert_nonnull (quote);

      start = json_object_get_int_member (position, "start");
      end = json_object_get_int_member (position, "end");
      exact = attest_text_slice (text, start, end);
      g_assert_cmpstr (json_object_get_string_member (quote, "exact"), ==, exact);

      /* Both always there, empty at either end of the text. */
      {
        const char *prefix = json_object_get_string_member (quote, "prefix");
        const char *suffix = json_object_get_string_member (quote, "suffix");
        guint n_before = g_utf8_strlen (prefix, -1);
        guint n_after = g_utf8_strlen (suffix, -1);

        g_assert_cmpuint (n_before, <=, 32);
        g_assert_cmpuint (n_after, <=, 32);
        g_assert_true (n_before > 0 || start == 0);
        g_assert_true (n_after > 0 || end == attest_text_get_length (text));
        before = attest_text_slice (text, start - n_before, start);
        after = attest_text_slice (text, end, end + n_after);
        g_assert_cmpstr (prefix, ==, before);
        g_assert_cmpstr (suffix, ==, after);
      }
    }
}

static void
test_selectors (void)
{
  g_autofree char *data = export_fixtures ();
  g_autoptr(JsonNode) root = format_test_parse_json (data);
  g_autoptr(AttestDocument) world = format_test_load_fixture ("world/harbour.txt");
  g_autoptr(AttestDocument) cjk = format_test_load_fixture ("cjk-rtl.txt");
  JsonArray *items = items_of (root);
  JsonObject *fact, *position, *quote;

  check_selectors (items, attest_document_get_text (world), "urn:attest:world/harbour.txt");
  check_selectors (items, attest_document_get_text (cjk), "urn:attest:cjk-rtl.txt");

  /* s8 comes after 🌉, the worker ZWJ sequence and the curly quotes:
   * 238 code points in, 240 UTF-16 units, 265 bytes. */
  fact = find_item (items, "urn:attest:world/harbour.txt#s8");
  g_assert_nonnull (fact);
  position = find_selector (fact, "TextPositionSelector");
  g_assert_cmpint (json_object_get_int_member (position, "start"), ==, 238);
  g_assert_cmpint (json_object_get_int_member (position, "end"), ==, 304);

  /* The quote after the astral 𠀋 and the Arabic one. */
  quote = find_item (items, "urn:attest:cjk-rtl.txt#s7");
  position = find_selector (quote, "TextPositionSelector");
  g_assert_cmpint (json_object_get_int_member (position, "start"), ==, 104);
  g_assert_cmpstr (json_object_get_string_member (find_selector (quote, "TextQuoteSelector"), "exact"),
                   ==, "We agree.");
}

static void
test_bodies (void)
{
  g_autofree char *data = export_fixtures ();
  g_autoptr(JsonNode) root = format_test_parse_json (data);
  JsonArray *items = items_of (root);
  JsonObject *quote = find_item (items, "urn:attest:world/harbour.txt#s3");
  JsonObject *mayor = find_item (items, "urn:attest:world/harbour.txt#s2");
  JsonObject *she = find_item (items, "urn:attest:world/harbour.txt#s9");
  JsonObject *engineer = find_item (items, "urn:attest:world/harbour.txt#s5");
  JsonObject *body, *creator;

  g_assert_cmpstr (json_object_get_string_member (quote, "type"), ==, "Annotation");
  g_assert_cmpstr (json_object_get_string_member (quote, "motivation"), ==, "tagging");
  g_assert_cmpstr (json_object_get_string_member (quote, "created"), ==, "2026-11-30T09:00:00Z");
  creator = json_object_get_object_member (quote, "creator");
  g_assert_cmpstr (json_object_get_string_member (creator, "nickname"), ==, "ana");
  g_assert_cmpstr (json_object_get_string_member (creator, "name"), ==, "ana");
  g_assert_cmpstr (json_object_get_string_member (creator, "id"), ==, "urn:attest:annotator:ana");

  body = find_body (quote, "tagging", 0);
  g_assert_cmpstr (json_object_get_string_member (body, "type"), ==, "TextualBody");
  g_assert_cmpstr (json_object_get_string_member (body, "value"), ==, "quote");
  body = find_body (quote, "classifying", 0);
  g_assert_cmpstr (json_object_get_string_member (body, "attribute"), ==, "kind");
  g_assert_cmpstr (json_object_get_string_member (body, "value"), ==, "direct");
  /* The note goes as it is: JSON escaping, not HTML, is the writer's job. */
  body = find_body (quote, "commenting", 0);
  g_assert_cmpstr (json_object_get_string_member (body, "value"), ==,
                   "Second half of a split quote <script>alert(1)</script>");
  g_assert_null (find_body (quote, "identifying", 0));

  /* A speaker whose entity has a Wikidata id points at it. */
  body = find_body (mayor, "identifying", 0);
  g_assert_cmpstr (json_object_get_string_member (body, "type"), ==, "SpecificResource");
  g_assert_cmpstr (json_object_get_string_member (body, "source"), ==,
                   "http://www.wikidata.org/entity/Q000001");
  body = find_body (mayor, "identifying", 1);
  g_assert_cmpstr (json_object_get_string_member (body, "value"), ==, "Zoë Okafor");

  /* Without one, the entity's URN: "she" and "Engineer Renée Dupré"
   * are one person. */
  body = find_body (she, "identifying", 0);
  g_assert_cmpstr (json_object_get_string_member (body, "source"), ==,
                   "urn:attest:world/harbour.txt#e2");
  g_assert_cmpstr (json_object_get_string_member (find_body (engineer, "identifying", 0), "source"),
                   ==, "urn:attest:world/harbour.txt#e2");
}

static void
test_relations (void)
{
  g_autofree char *data = export_fixtures ();
  g_autoptr(JsonNode) root = format_test_parse_json (data);
  JsonArray *items = items_of (root);
  JsonObject *collection = json_node_get_object (root);
  JsonObject *continues = find_item (items, "urn:attest:world/harbour.txt#r3");
  JsonObject *body;
  guint n_linking = 0;

  /* 17 spans and 8 relations in the two fixtures. */
  g_assert_cmpuint (json_array_get_length (items), ==, 25);
  g_assert_cmpstr (json_object_get_string_member (collection, "last"), ==,
                   json_object_get_string_member (json_object_get_object_member (collection, "first"), "id"));

  g_assert_cmpstr (json_object_get_string_member (continues, "motivation"), ==, "linking");
  g_assert_cmpstr (json_object_get_string_member (continues, "target"), ==,
                   "urn:attest:world/harbour.txt#s3");
  body = find_body (continues, "tagging", 0);
  g_assert_cmpstr (json_object_get_string_member (body, "value"), ==, "continues");
  body = find_body (continues, "linking", 0);
  g_assert_cmpstr (json_object_get_string_member (body, "source"), ==,
                   "urn:attest:world/harbour.txt#s1");

  /* Both ends of every link are annotations of this export. */
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_strcmp0 (json_object_get_string_member (item, "motivation"), "linking") != 0)
        continue;
      n_linking++;
      g_assert_nonnull (find_item (items, json_object_get_string_member (item, "target")));
      body = find_body (item, "linking", 0);
      g_assert_nonnull (find_item (items, json_object_get_string_member (body, "source")));
    }
  g_assert_cmpuint (n_linking, ==, 8);
}

static AttestDocument *
make_document (const char *text_utf8,
               guint       start,
               guint       end)
{
  g_autoptr(AttestText) text = attest_text_new (text_utf8, -1, NULL);
  AttestDocument *document = attest_document_new (text);
  AttestSpan *span = attest_span_new ("s1", "quote", start, end);
  g_autoptr(GError) error = NULL;

  attest_document_add_span (document, span, &error);
  g_assert_no_error (error);

  return document;
}

static void
test_iris (void)
{
  g_autoptr(AttestDocument) document = make_document ("Ein Zitat.", 0, 3);
  AttestExportOptions options = ATTEST_EXPORT_OPTIONS_INIT;
  g_autoptr(AttestExportJob) job = attest_export_job_new (&attest_export_w3c, &options);
  g_autofree char *data = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *item, *target;

  attest_export_job_add_document (job, document, "batch 3/Zoë#1.txt");
  data = format_test_run_job_to_string (job, "out.jsonld");
  root = format_test_parse_json (data);
  item = json_array_get_object_element (items_of (root), 0);
  target = json_object_get_object_member (item, "target");

  /* Absolute, ASCII, and the "#" of the name is not the fragment's. */
  g_assert_cmpstr (json_object_get_string_member (item, "id"), ==,
                   "urn:attest:batch%203/Zo%C3%AB%231.txt#s1");
  g_assert_cmpstr (json_object_get_string_member (target, "source"), ==,
                   "urn:attest:batch%203/Zo%C3%AB%231.txt");
  /* No provenance in the span, none in the annotation. */
  g_assert_false (json_object_has_member (item, "creator"));
  g_assert_false (json_object_has_member (item, "created"));
}

static JsonObject *
export_one_quote (const char *text,
                  guint       start,
                  guint       end,
                  JsonNode  **root)
{
  g_autoptr(AttestDocument) document = make_document (text, start, end);
  AttestDocument *documents[] = { document };
  g_autofree char *data = export_documents (documents, 1);

  *root = format_test_parse_json (data);
  return find_selector (json_array_get_object_element (items_of (*root), 0), "TextQuoteSelector");
}

/* The context either side stops where a reader sees a character end,
 * not inside a ZWJ sequence, a flag or a letter and its accent. */
static void
test_quote_context (void)
{
  /* 0-3: 👷‍♀️ (worker, ZWJ, female sign, VS16); 4-33: 30 letters;
   * 34-37 WORD; 38-65: 28 letters; 66-67: 🇫🇷; 68-69: e and U+0301. */
  const char *text = "👷‍♀️abcdefghijklmnopqrstuvwxyz0123WORD"
                     "abcdefghijklmnopqrstuvwxyz01🇫🇷e\u0301";
  g_autoptr(AttestText) check = attest_text_new (text, -1, NULL);

  g_assert_cmpuint (attest_text_get_length (check), ==, 70);

  /* 32 back from 32 is the start of the text; from 33, 34 and 35 it is
   * inside the worker sequence, so the prefix starts after it. */
  for (guint start = 32; start <= 36; start++)
    {
      g_autoptr(JsonNode) root = NULL;
      JsonObject *quote = export_one_quote (text, start, start + 2, &root);
      g_autofree char *expected = attest_text_slice (check, start == 32 ? 0 : MAX (4, start - 32), start);

      g_assert_cmpstr (json_object_get_string_member (quote, "prefix"), ==, expected);
    }

  /* 32 on from 35 ends between the two regional indicators, from 37
   * between the e and its accent: both step back. From 34 and 38 the
   * cut falls on a boundary. */
  {
    const guint ends[] = { 34, 35, 36, 37, 38 };
    const guint suffix_ends[] = { 66, 66, 68, 68, 70 };

    for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
      {
        g_autoptr(JsonNode) root = NULL;
        JsonObject *quote = export_one_quote (text, ends[i] - 1, ends[i], &root);
        g_autofree char *expected = attest_text_slice (check, ends[i], suffix_ends[i]);

        g_assert_cmpstr (json_object_get_string_member (quote, "suffix"), ==, expected);
      }
  }
}

static void
test_empty (void)
{
  g_autoptr(AttestText) text = attest_text_new ("Nothing here.", -1, NULL);
  g_autoptr(AttestDocument) bare = attest_document_new (text);
  g_autoptr(AttestDocument) one = make_document ("One quote.", 4, 9);
  AttestDocument *only_bare[] = { bare };
  AttestDocument *mixed[] = { bare, one, bare };
  g_autofree char *empty = export_documents (only_bare, 1);
  g_autofree char *some = export_documents (mixed, 3);
  g_autoptr(JsonNode) empty_root = format_test_parse_json (empty);
  g_autoptr(JsonNode) some_root = format_test_parse_json (some);

  /* A document without annotations writes nothing, so the separator
   * never doubles up and the collection is still valid JSON. */
  g_assert_cmpuint (json_array_get_length (items_of (empty_root)), ==, 0);
  g_assert_cmpuint (json_array_get_length (items_of (some_root)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (some_root), "type"), ==,
                   "AnnotationCollection");
}

/* Each shard is a collection of its own documents' annotations. */
static void
test_shards (void)
{
  g_autoptr(AttestExportJob) job = fixtures_job (1);
  g_autofree char *dir = format_test_make_temp_dir ("w3c");
  g_autofree char *path = g_build_filename (dir, "out.jsonld", NULL);
  g_autofree char *first_path = g_build_filename (dir, "out-00000.jsonld", NULL);
  g_autofree char *second_path = g_build_filename (dir, "out-00001.jsonld", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(JsonNode) first_root = NULL;
  g_autoptr(JsonNode) second_root = NULL;

  format_test_run_job (job, path);
  first = format_test_read_file (first_path, NULL);
  second = format_test_read_file (second_path, NULL);
  first_root = format_test_parse_json (first);
  second_root = format_test_parse_json (second);

  /* cjk-rtl.txt: 7 spans and 3 relations; harbour.txt: 10 and 5. */
  g_assert_cmpuint (json_array_get_length (items_of (first_root)), ==, 10);
  g_assert_cmpuint (json_array_get_length (items_of (second_root)), ==, 15);
  g_assert_nonnull (find_item (items_of (second_root), "urn:attest:world/harbour.txt#r5"));
  g_assert_false (json_object_has_member (json_node_get_object (second_root), "total"));

  format_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/attest/core/format/w3c/golden", test_golden);
  g_test_add_func ("/attest/core/format/w3c/selectors", test_selectors);
  g_test_add_func ("/attest/core/format/w3c/bodies", test_bodies);
  g_test_add_func ("/attest/core/format/w3c/relations", test_relations);
  g_test_add_func ("/attest/core/format/w3c/iris", test_iris);
  g_test_add_func ("/attest/core/format/w3c/quote-context", test_quote_context);
  g_test_add_func ("/attest/core/format/w3c/empty", test_empty);
  g_test_add_func ("/attest/core/format/w3c/shards", test_shards);

  return g_test_run ();
}
