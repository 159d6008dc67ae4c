/* format-test-util.c: what the export and import format tests share
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "format-test-util.h"

/* Files and folders ------------------------------------------------------ */

char *
format_test_data_path (const char *first,
                       ...)
{
  const char *root = g_getenv ("ATTEST_TEST_DATA");
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  va_list args;

  if (root == NULL)
    g_error ("ATTEST_TEST_DATA is not set; run the tests with meson test");

  g_ptr_array_add (parts, (gpointer) root);
  va_start (args, first);
  for (const char *part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);

  return g_build_filenamev ((char **) parts->pdata);
}

char *
format_test_make_temp_dir (const char *format)
{
  g_autofree char *template = g_strdup_printf ("attest-%s-XXXXXX", format);
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

void
format_test_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          format_test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}

char *
format_test_read_file (const char *path,
                       gsize      *len)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, len, &error);
  g_assert_no_error (error);
  return data;
}

void
format_test_write_file (const char *path,
                        const char *data,
                        gssize      len)
{
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

void
format_test_assert_only_file (const char *dir,
                              const char *name)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);

  g_assert_nonnull (listing);
  g_assert_cmpstr (g_dir_read_name (listing), ==, name);
  g_assert_null (g_dir_read_name (listing));
}

void
format_test_assert_golden (const char *path,
                           const char *data,
                           gssize      len)
{
  g_autofree char *expected = NULL;
  gsize data_len = len >= 0 ? (gsize) len : strlen (data);
  gsize expected_len;
  gsize at = 0;

  if (g_getenv ("ATTEST_UPDATE_GOLDEN") != NULL)
    format_test_write_file (path, data, data_len);

  expected = format_test_read_file (path, &expected_len);
  if (expected_len == data_len && memcmp (expected, data, data_len) == 0)
    return;

  while (at < expected_len && at < data_len && expected[at] == data[at])
    at++;
  g_test_message ("%s differs at byte %" G_GSIZE_FORMAT ": expected \"%.60s\", got \"%.60s\" "
                  "(ATTEST_UPDATE_GOLDEN=1 rewrites it)",
                  path, at, expected + at, data + at);
  g_assert_cmpmem (data, data_len, expected, expected_len);
}

/* Documents -------------------------------------------------------------- */

AttestDocument *
format_test_load_sidecar (const char *sidecar)
{
  g_autoptr(GFile) file = g_file_new_for_path (sidecar);
  g_autoptr(GError) error = NULL;
  AttestDocument *document = attest_sidecar_load (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

AttestDocument *
format_test_load_article (const char *article)
{
  g_autofree char *sidecar = attest_sidecar_path_for_article (article);

  return format_test_load_sidecar (sidecar);
}

char *
format_test_fixture_sidecar (const char *name)
{
  g_autofree char *sidecar = g_strconcat (name, ATTEST_SIDECAR_SUFFIX, NULL);

  return format_test_data_path ("export", sidecar, NULL);
}

AttestDocument *
format_test_load_fixture (const char *name)
{
  g_autofree char *path = format_test_fixture_sidecar (name);

  return format_test_load_sidecar (path);
}

AttestDocument *
format_test_new_document (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestText) t = attest_text_new (text, -1, &error);

  g_assert_no_error (error);
  return attest_document_new (t);
}

AttestSpan *
format_test_add_span (AttestDocument *document,
                      const char     *label,
                      guint           start,
                      guint           end)
{
  g_autoptr(GError) error = NULL;
  AttestSpan *span = attest_span_new (NULL, label, start, end);

  attest_document_add_span (document, span, &error);
  g_assert_no_error (error);
  return span;
}

AttestRelation *
format_test_add_relation (AttestDocument *document,
                          const char     *type,
                          AttestSpan     *from,
                          AttestSpan     *to)
{
  g_autoptr(GError) error = NULL;
  AttestRelation *relation = attest_relation_new (NULL, type, from->id, to->id);

  attest_document_add_relation (document, relation, &error);
  g_assert_no_error (error);
  return relation;
}

GPtrArray *
format_test_get_spans (AttestDocument *document)
{
  AttestSpanStore *store = attest_document_get_spans (document);
  guint n = attest_span_store_get_n_spans (store);
  GPtrArray *spans = g_ptr_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (spans, attest_span_store_get_nth (store, i));

  return spans;
}

AttestSpan *
format_test_span_at (AttestDocument *document,
                     guint           start,
                     guint           end,
                     const char     *label)
{
  g_autoptr(GPtrArray) spans = format_test_get_spans (document);

  for (guint i = 0; i < spans->len; i++)
    {
      AttestSpan *span = spans->pdata[i];

      if (span->start == start && span->end == end && g_strcmp0 (span->label, label) == 0)
        return span;
    }

  g_error ("no %s span at %u–%u", label, start, end);
  return NULL;
}

JsonNode *
format_test_parse_json (const char *data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, data, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

JsonObject *
format_test_parse_object (const char *data)
{
  g_autoptr(JsonNode) root = format_test_parse_json (data);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

/* Exporting and importing ------------------------------------------------ */

void
format_test_run_job (AttestExportJob *job,
                     const char      *output)
{
  g_autoptr(GError) error = NULL;

  attest_export_job_run (job, output, NULL, &error);
  g_assert_no_error (error);
}

char *
format_test_run_job_to_string (AttestExportJob *job,
                               const char      *file_name)
{
  g_autofree char *dir = format_test_make_temp_dir ("export");
  g_autofree char *path = g_build_filename (dir, file_name, NULL);
  char *data;

  format_test_run_job (job, path);
  g_assert_cmpuint (attest_export_job_get_summary (job)->n_problems, ==, 0);
  data = format_test_read_file (path, NULL);
  format_test_remove_tree (dir);
  return data;
}

char *
format_test_export_documents (const char           *format,
                              AttestDocument      **documents,
                              const char * const   *names,
                              guint                 n_documents,
                              const char           *dir,
                              AttestExportJob     **job_out)
{
  const AttestExporter *exporter = attest_exporter_lookup (format);
  AttestExportOptions options = ATTEST_EXPORT_OPTIONS_INIT;
  g_autoptr(AttestExportJob) job = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *output = NULL;

  g_assert_nonnull (exporter);
  g_assert_nonnull (attest_exporter_get_extension (exporter));
  file_name = g_strconcat ("out", attest_exporter_get_extension (exporter), NULL);
  output = g_build_filename (dir, file_name, NULL);

  options.threads = 1;
  job = attest_export_job_new (exporter, &options);
  for (guint i = 0; i < n_documents; i++)
    attest_export_job_add_document (job, documents[i], names[i]);
  format_test_run_job (job, output);

  if (job_out != NULL)
    *job_out = g_steal_pointer (&job);

  return format_test_read_file (output, NULL);
}

char *
format_test_export_fixtures (const char       *format,
                             const char       *dir,
                             AttestExportJob **job_out)
{
  g_autoptr(AttestDocument) cjk = format_test_load_fixture ("cjk-rtl.txt");
  g_autoptr(AttestDocument) world = format_test_load_fixture ("world/harbour.txt");
  AttestDocument *documents[] = { cjk, world };
  const char * const names[] = { "cjk-rtl.txt", "world/harbour.txt" };

  return format_test_export_documents (format, documents, names, G_N_ELEMENTS (documents), dir,
                                       job_out);
}

AttestExportJob *
format_test_fixtures_job (const AttestExporter      *exporter,
                          const AttestExportOptions *options)
{
  static const char * const names[] = { "cjk-rtl.txt", "world/harbour.txt" };
  AttestExportJob *job = attest_export_job_new (exporter, options);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *sidecar = format_test_fixture_sidecar (names[i]);

      attest_export_job_add_sidecar (job, sidecar, names[i]);
    }

  return job;
}

gboolean
format_test_import (const char           *format,
                    const char * const   *inputs,
                    const char           *output,
                    const char           *annotator,
                    AttestImportSummary  *summary,
                    GError              **error)
{
  const AttestImporter *importer = attest_importer_lookup (format);

  g_assert_nonnull (importer);
  return attest_import_run (importer, inputs, output, annotator, NULL, NULL, summary, NULL, error);
}

void
format_test_import_fails (const char  *format,
                          const char  *file_name,
                          const char  *data,
                          gssize       len,
                          GError     **error)
{
  g_autofree char *dir = format_test_make_temp_dir (format);
  g_autofree char *input = g_build_filename (dir, file_name, NULL);
  g_autofree char *output = g_build_filename (dir, "out", NULL);

  g_assert_nonnull (error);
  format_test_write_file (input, data, len);
  g_assert_false (format_test_import (format, FORMAT_TEST_INPUTS (input), output, "tester", NULL,
                                      error));
  g_assert_nonnull (*error);
  format_test_assert_only_file (dir, file_name);
  format_test_remove_tree (dir);
}

AttestDocument *
format_test_load_imported (const char *folder,
                           const char *name)
{
  g_autofree char *article = g_build_filename (folder, name, NULL);
  g_autoptr(AttestDocument) document = format_test_load_article (article);
  AttestText *text = attest_document_get_text (document);
  g_autofree char *bytes = NULL;
  gsize len;

  bytes = format_test_read_file (article, &len);
  g_assert_cmpmem (bytes, len, attest_text_get_data (text), attest_text_get_n_bytes (text));

  return g_steal_pointer (&document);
}

void
format_test_assert_same_by_id (AttestDocument *want,
                               AttestDocument *got,
                               const char     *origin,
                               const char     *by)
{
  g_autoptr(GPtrArray) want_spans = format_test_get_spans (want);
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
      g_assert_cmpstr (b->by, ==, by);
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

void
format_test_assert_fixtures_round_trip (const char *format,
                                        const char *input,
                                        const char *dir)
{
  static const char * const names[] = { "cjk-rtl.txt", "world/harbour.txt" };
  g_autofree char *output = g_build_filename (dir, "imported", NULL);
  g_autofree char *origin = g_strconcat ("imported:", format, NULL);
  g_autoptr(GError) error = NULL;

  format_test_import (format, FORMAT_TEST_INPUTS (input), output, "tester", NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(AttestDocument) want = format_test_load_fixture (names[i]);
      g_autoptr(AttestDocument) got = format_test_load_imported (output, names[i]);

      format_test_assert_same_by_id (want, got, origin, "tester");
    }
}
