/* test-format-doccano.c: the doccano JSONL export and import
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
#include "attest-import-private.h"

/* Exports go through the real job and imports through attest_import_run().
 * doccano's offsets are UTF-16 code units (see attest-export-doccano.c):
 * the tests slice the text the way JavaScript does to check them. */

static const char *
env_dir (const char *variable)
{
  const char *dir = g_getenv (variable);

  if (dir == NULL)
    g_error ("%s is not set; run the tests with meson test", variable);

  return dir;
}

static char *
data_path (const char *first,
           ...)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (parts, (gpointer) env_dir ("ATTEST_TEST_DATA"));
  g_ptr_array_add (parts, (gpointer) "export");
  va_start (args, first);
  for (const char *part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);

  return g_build_filenamev ((char **) parts->pdata);
}

static AttestDocument *
load_sidecar (const char *article)
{
  g_autofree char *sidecar = attest_sidecar_path_for_article (article);
  g_autoptr(GFile) file = g_file_new_for_path (sidecar);
  g_autoptr(GError) error = NULL;
  AttestDocument *document = attest_sidecar_load (file, NULL, &error);

  g_assert_no_error (error);
  return document;
}

static AttestDocument *
load_fixture (const char *name)
{
  g_autofree char *article = data_path (name, NULL);

  return load_sidecar (article);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      if ((dir = g_dir_open (path, 0, NULL)) != NULL)
        while ((name = g_dir_read_name (dir)) != NULL)
          {
            g_autofree char *child = g_build_filename (path, name, NULL);

            remove_tree (child);
          }
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}

static char *
make_tmp (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("attest-doccano-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, NULL, &error);
  g_assert_no_error (error);
  return data;
}

static void
write_file (const char *path,
            const char *data)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, -1, &error);
  g_assert_no_error (error);
}

static gboolean
import_into (const char   *importer,
             const char   *input,
             const char   *output,
             GError      **error)
{
  const char *inputs[] = { input, NULL };

  return attest_import_run (attest_importer_lookup (importer), inputs, output, "tester",
                            NULL, NULL, NULL, NULL, error);
}

static GPtrArray *
spans_of (AttestDocument *document)
{
  GPtrArray *spans = g_ptr_array_new ();
  AttestSpanStore *store = attest_document_get_spans (document);

  for (guint i = 0; i < attest_span_store_get_n_spans (store); i++)
    g_ptr_array_add (spans, attest_span_store_get_nth (store, i));

  return spans;
}

/* Everything the format holds, compared by id: the exporter writes Attest's
 * ids and the importer keeps them. */
static void
assert_same_annotations (AttestDocument *want,
                         AttestDocument *got,
                         const char     *origin)
{
  g_autoptr(GPtrArray) want_spans = spans_of (want);
  AttestSpanStore *got_store = attest_document_get_spans (got);

  g_assert_cmpstr (attest_text_get_data (attest_document_get_text (got)), ==,
                   attest_text_get_data (attest_document_get_text (want)));
  g_assert_cmpint (attest_document_get_status (got), ==, attest_document_get_status (want));
  g_assert_cmpstr (attest_document_get_language (got), ==, attest_document_get_language (want));
  g_assert_true (attest_attrs_equal (attest_document_get_meta_all (got),
                                     attest_document_get_meta_all (want)));

  g_assert_cmpuint (attest_span_store_get_n_spans (got_store), ==, want_spans->len);
  for (guint i = 0; i < want_spans->len; i++)
    {
      AttestSpan *a = want_spans->pdata[i];
      AttestSpan *b = attest_span_store_lookup (got_store, a->id);
      g_autofree char *text_a = NULL;
      g_autofree char *text_b = NULL;

      g_assert_nonnull (b);
      g_assert_cmpstr (b->label, ==, a->label);
      g_assert_cmpuint (b->start, ==, a->start);
      g_assert_cmpuint (b->end, ==, a->end);
      text_a = attest_text_slice (attest_document_get_text (want), a->start, a->end);
      text_b = attest_text_slice (attest_document_get_text (got), b->start, b->end);
      g_assert_cmpstr (text_b, ==, text_a);
      g_assert_true (attest_attrs_equal (b->attrs, a->attrs));
      g_assert_cmpstr (b->note, ==, a->note);
      g_assert_cmpstr (b->entity, ==, a->entity);
      g_assert_cmpstr (b->origin, ==, origin);
      g_assert_cmpstr (b->by, ==, "tester");
    }

  g_assert_cmpuint (attest_document_get_n_relations (got), ==,
                    attest_document_get_n_relations (want));
  for (guint i = 0; i < attest_document_get_n_relations (want); i++)
    {
      AttestRelation *a = attest_document_get_relation (want, i);
      AttestRelation *b = attest_document_lookup_relation (got, a->id);

      g_assert_nonnull (b);
      g_assert_cmpstr (b->type, ==, a->type);
      g_assert_cmpstr (b->from, ==, a->from);
      g_assert_cmpstr (b->to, ==, a->to);
      g_assert_true (attest_attrs_equal (b->attrs, a->attrs));
    }

  g_assert_cmpuint (attest_document_get_n_entities (got), ==,
                    attest_document_get_n_entities (want));
  for (guint i = 0; i < attest_document_get_n_entities (want); i++)
    {
      AttestEntity *a = attest_document_get_entity (want, i);
      AttestEntity *b = attest_document_lookup_entity (got, a->id);

      g_assert_nonnull (b);
      g_assert_cmpstr (b->name, ==, a->name);
      g_assert_cmpstr (b->kind, ==, a->kind);
      g_assert_cmpstr (b->wikidata, ==, a->wikidata);
      g_assert_true ((a->aliases == NULL && b->aliases == NULL) ||
                     g_strv_equal ((const char * const *) a->aliases,
                                   (const char * const *) b->aliases));
    }
}

static AttestSpan *
span_at (AttestDocument *document,
         guint           start,
         guint           end,
         const char     *label)
{
  g_autoptr(GPtrArray) spans = spans_of (document);

  for (guint i = 0; i < spans->len; i++)
    {
      AttestSpan *span = spans->pdata[i];

      if (span->start == start && span->end == end && g_strcmp0 (span->label, label) == 0)
        return span;
    }

  g_assert_not_reached ();
}

static void
assert_nothing_left (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    g_assert_cmpstr (name, ==, "bad.jsonl");
}

static char *
run_export (AttestDocument      **documents,
            const char          **names,
            guint                 n_documents,
            const char           *dir,
            AttestExportJob     **job_out)
{
  AttestExportOptions options = ATTEST_EXPORT_OPTIONS_INIT;
  g_autoptr(AttestExportJob) job = NULL;
  g_autofree char *output = g_build_filename (dir, "out.jsonl", NULL);
  g_autoptr(GError) error = NULL;

  options.threads = 1;
  job = attest_export_job_new (attest_exporter_lookup ("doccano"), &options);
  for (guint i = 0; i < n_documents; i++)
    attest_export_job_add_document (job, documents[i], names[i]);
  attest_export_job_run (job, output, NULL, &error);
  g_assert_no_error (error);

  if (job_out != NULL)
    *job_out = g_steal_pointer (&job);

  return read_file (output);
}

static char *
export_fixtures (const char *dir)
{
  g_autoptr(AttestDocument) cjk = load_fixture ("cjk-rtl.txt");
  g_autoptr(AttestDocument) world = load_fixture ("world/harbour.txt");
  AttestDocument *documents[] = { cjk, world };
  const char *names[] = { "cjk-rtl.txt", "world/harbour.txt" };
  g_autoptr(AttestExportJob) job = NULL;
  const AttestExportSummary *summary;
  char *data;

  data = run_export (documents, names, 2, dir, &job);
  summary = attest_export_job_get_summary (job);
  g_assert_cmpuint (summary->n_documents, ==, 2);
  g_assert_cmpuint (summary->n_spans, ==, 7 + 10);
  g_assert_cmpuint (summary->n_relations, ==, 3 + 5);
  g_assert_true (summary->dropped == NULL || summary->dropped->len == 0);

  return data;
}

static JsonObject *
parse_line (const char *line)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, line, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_golden (void)
{
  g_autofree char *dir = make_tmp ();
  g_autofree char *got = export_fixtures (dir);
  g_autofree char *golden = data_path ("golden", "doccano", "fixtures.jsonl", NULL);
  g_autofree char *want = NULL;

  if (g_getenv ("ATTEST_UPDATE_GOLDEN") != NULL)
    write_file (golden, got);

  want = read_file (golden);
  g_assert_cmpstr (got, ==, want);
  remove_tree (dir);
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
  g_autofree char *dir = make_tmp ();
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
  cjk = parse_line (lines[0]);
  world = parse_line (lines[1]);

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

  remove_tree (dir);
}

static void
test_roundtrip (void)
{
  g_autofree char *dir = make_tmp ();
  g_autofree char *exported = export_fixtures (dir);
  g_autofree char *input = g_build_filename (dir, "out.jsonl", NULL);
  g_autofree char *output = g_build_filename (dir, "imported", NULL);
  g_autofree char *cjk_path = g_build_filename (output, "cjk-rtl.txt", NULL);
  g_autofree char *world_path = g_build_filename (output, "world", "harbour.txt", NULL);
  g_autoptr(AttestDocument) cjk = load_fixture ("cjk-rtl.txt");
  g_autoptr(AttestDocument) world = load_fixture ("world/harbour.txt");
  g_autoptr(AttestDocument) cjk_back = NULL;
  g_autoptr(AttestDocument) world_back = NULL;
  g_autoptr(GError) error = NULL;

  import_into ("doccano", input, output, &error);
  g_assert_no_error (error);

  cjk_back = load_sidecar (cjk_path);
  world_back = load_sidecar (world_path);
  assert_same_annotations (cjk, cjk_back, "imported:doccano");
  assert_same_annotations (world, world_back, "imported:doccano");

  remove_tree (dir);
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
  g_autofree char *dir = make_tmp ();
  g_autofree char *input = data_path ("doccano", "doccano.jsonl", NULL);
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

  import_into ("doccano", input, output, &error);
  g_assert_no_error (error);

  a = load_sidecar (first);
  /* doccano's example metadata comes back as the document's; its integer
   * id and its "Comments" are not text. */
  g_assert_cmpstr (attest_document_get_meta (a, "source"), ==, "wire");
  g_assert_null (attest_document_get_meta (a, "id"));
  g_assert_null (attest_document_get_meta (a, "Comments"));
  g_assert_cmpuint (attest_span_store_get_n_spans (attest_document_get_spans (a)), ==, 2);
  /* UTF-16 31–46 is code points 30–45: after 🚢. */
  span = span_at (a, 30, 45, "QUOTE");
  assert_span_text (a, span, "Fees will rise.");
  g_assert_cmpstr (span->origin, ==, "imported:doccano");
  span = span_at (a, 11, 20, "SPEAKER");
  assert_span_text (a, span, "Lena Ruiz");
  g_assert_cmpuint (attest_document_get_n_relations (a), ==, 1);
  relation = attest_document_get_relation (a, 0);
  g_assert_cmpstr (relation->type, ==, "said-by");
  g_assert_true (attest_span_store_lookup (attest_document_get_spans (a), relation->from) ==
                 span_at (a, 30, 45, "QUOTE"));
  g_assert_true (attest_span_store_lookup (attest_document_get_spans (a), relation->to) ==
                 span_at (a, 11, 20, "SPEAKER"));

  b = load_sidecar (second);
  assert_span_text (b, span_at (b, 5, 7, "FACT"), "予算");
  assert_span_text (b, span_at (b, 0, 1, "FACT"), "𠀋");

  c = load_sidecar (third);
  assert_span_text (c, span_at (c, 0, 6, "FACT"), "Simple");

  remove_tree (dir);
}

/* doccano refuses empty entities: they are counted, not written, and so
 * is a relation that points at one. */
static void
test_empty_spans (void)
{
  g_autofree char *dir = make_tmp ();
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

  got = run_export (documents, names, 1, dir, &job);
  line = parse_line (got);
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

  remove_tree (dir);
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
      g_autofree char *dir = make_tmp ();
      g_autofree char *input = g_build_filename (dir, "bad.jsonl", NULL);
      g_autofree char *output = g_build_filename (dir, "out", NULL);
      g_autoptr(GError) error = NULL;

      write_file (input, malformed[i].data);
      g_assert_false (import_into ("doccano", input, output, &error));
      g_assert_nonnull (error);
      if (!g_str_has_prefix (error->message, malformed[i].message))
        g_error ("case %u: “%s” does not start with “%s”", i, error->message,
                 malformed[i].message);
      assert_nothing_left (dir);
      remove_tree (dir);
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
