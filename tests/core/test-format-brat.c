/* test-format-brat.c: the brat standoff exporter and importer
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

/* Helpers ---------------------------------------------------------------- */

static void
write_file (const char *dir,
            const char *name,
            const char *data,
            gssize      len)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  format_test_write_file (path, data, len);
}

static char *
read_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return format_test_read_file (path, NULL);
}

/* What an export produced, and what it said it dropped. */
typedef struct
{
  GHashTable *files;     /* name -> GString */
  GArray     *dropped;   /* of AttestExportDropped */
  guint       n_spans;
  guint       n_relations;
} Output;

static void
output_free (Output *output)
{
  g_hash_table_unref (output->files);
  g_array_unref (output->dropped);
  g_free (output);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Output, output_free)

static void
free_gstring (gpointer data)
{
  g_string_free (data, TRUE);
}

static void
take_chunk (Output            *output,
            AttestExportChunk *chunk)
{
  for (guint i = 0; chunk->files != NULL && i < chunk->files->len; i++)
    {
      AttestExportFile *file = g_ptr_array_index (chunk->files, i);

      g_assert_false (g_hash_table_contains (output->files, file->name));
      g_hash_table_insert (output->files, g_strdup (file->name),
                           g_string_new_len (file->data->str, file->data->len));
    }

  for (guint i = 0; chunk->dropped != NULL && i < chunk->dropped->len; i++)
    {
      AttestExportDropped *item = &g_array_index (chunk->dropped, AttestExportDropped, i);
      gboolean merged = FALSE;

      for (guint j = 0; j < output->dropped->len && !merged; j++)
        {
          AttestExportDropped *seen = &g_array_index (output->dropped, AttestExportDropped, j);

          if (g_str_equal (seen->what, item->what))
            {
              seen->count += item->count;
              merged = TRUE;
            }
        }
      if (!merged)
        g_array_append_val (output->dropped, *item);
    }

  output->n_spans += chunk->n_spans;
  output->n_relations += chunk->n_relations;
  g_clear_pointer (&chunk->files, g_ptr_array_unref);
  g_clear_pointer (&chunk->dropped, g_array_unref);
}

static void
count (GHashTable *table,
       const char *key)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (table, key));

  g_hash_table_insert (table, (gpointer) key, GUINT_TO_POINTER (n + 1));
}

/* Runs the exporter the way the export job does: each document into its
 * chunk, then the tail with the summary of what was exported. */
static Output *
export_documents (AttestDocument **documents,
                  const char     **names,
                  guint            n_documents,
                  AttestTagset    *tagset)
{
  g_autoptr(AttestTagset) default_tagset = attest_tagset_new_default ();
  AttestExportContext context = { &attest_export_brat, tagset != NULL ? tagset : default_tagset,
                                  n_documents == 1 };
  AttestExportSummary summary = { 0 };
  AttestExportChunk tail = { 0 };
  Output *output = g_new0 (Output, 1);

  output->files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_gstring);
  output->dropped = g_array_new (FALSE, FALSE, sizeof (AttestExportDropped));
  summary.labels = g_hash_table_new (NULL, NULL);
  summary.relation_types = g_hash_table_new (NULL, NULL);
  summary.attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) g_hash_table_unref);

  for (guint i = 0; i < n_documents; i++)
    {
      g_autoptr(AttestRecord) record = attest_record_new_for_document (documents[i], names[i]);
      AttestExportChunk chunk = { 0 };

      attest_export_brat.document (&context, record, &chunk);
      take_chunk (output, &chunk);

      for (guint j = 0; j < record->n_spans; j++)
        {
          const AttestSpan *span = record->spans[j];

          count (summary.labels, span->label);
          for (guint k = 0; span->attrs != NULL && span->attrs[k] != NULL; k += 2)
            {
              g_autofree char *key = g_strconcat (span->label, "\037", span->attrs[k], NULL);
              GHashTable *values = g_hash_table_lookup (summary.attributes, key);

              if (values == NULL)
                {
                  values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
                  g_hash_table_insert (summary.attributes, g_strdup (key), values);
                }
              g_hash_table_add (values, g_strdup (span->attrs[k + 1]));
            }
        }
      for (guint j = 0; j < record->n_relations; j++)
        count (summary.relation_types, record->relations[j]->type);
    }

  attest_export_brat.tail (&context, &summary, NULL, &tail);
  take_chunk (output, &tail);

  g_hash_table_unref (summary.labels);
  g_hash_table_unref (summary.relation_types);
  g_hash_table_unref (summary.attributes);

  return output;
}

static Output *
export_one (AttestDocument *document,
            const char     *name)
{
  return export_documents (&document, &name, 1, NULL);
}

static const char *
output_file (Output     *output,
             const char *name)
{
  GString *data = g_hash_table_lookup (output->files, name);

  if (data == NULL)
    g_error ("the export wrote no %s", name);
  return data->str;
}

static guint64
dropped (Output     *output,
         const char *what)
{
  for (guint i = 0; i < output->dropped->len; i++)
    {
      AttestExportDropped *item = &g_array_index (output->dropped, AttestExportDropped, i);

      if (strstr (item->what, what) != NULL)
        return item->count;
    }
  return 0;
}

static void
write_output (Output     *output,
              const char *dir)
{
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_hash_table_iter_init (&iter, output->files);
  while (g_hash_table_iter_next (&iter, &key, &value))
    write_file (dir, key, ((GString *) value)->str, ((GString *) value)->len);
}

/* ATTEST_BRAT_KEEP=DIR keeps a copy of every export the round trips
 * make, in DIR/LABEL, for running brat's reader over them
 * (tests/readers/check-brat.py). */
static void
keep_output (Output     *output,
             const char *label)
{
  const char *keep = g_getenv ("ATTEST_BRAT_KEEP");
  g_autofree char *dir = NULL;

  if (keep == NULL)
    return;

  dir = g_build_filename (keep, label, NULL);
  write_output (output, dir);
}

/* Imports @inputs into a new folder under @dir; returns the folder. */
static char *
import_into (const char * const  *inputs,
             const char          *dir,
             AttestImportSummary *summary)
{
  g_autoptr(GError) error = NULL;
  char *out = g_build_filename (dir, "imported", NULL);

  format_test_import ("brat", inputs, out, "tester", summary, &error);
  g_assert_no_error (error);
  return out;
}

static int
position_of (GPtrArray  *spans,
             const char *id)
{
  for (guint i = 0; i < spans->len; i++)
    if (g_str_equal (((AttestSpan *) g_ptr_array_index (spans, i))->id, id))
      return i;
  return -1;
}

/* Everything brat holds is the same in @b as in @a: text, spans (label,
 * offsets, text, attributes, note, entity), relations by position,
 * entities. */
static void
assert_same_annotations (AttestDocument *a,
                         AttestDocument *b)
{
  g_autoptr(GPtrArray) spans_a = format_test_get_spans (a);
  g_autoptr(GPtrArray) spans_b = format_test_get_spans (b);
  AttestText *text_a = attest_document_get_text (a);
  AttestText *text_b = attest_document_get_text (b);

  g_assert_cmpstr (attest_text_get_data (text_a), ==, attest_text_get_data (text_b));
  g_assert_cmpuint (spans_a->len, ==, spans_b->len);

  for (guint i = 0; i < spans_a->len; i++)
    {
      AttestSpan *x = g_ptr_array_index (spans_a, i);
      AttestSpan *y = g_ptr_array_index (spans_b, i);
      g_autofree char *text_x = attest_text_slice (text_a, x->start, x->end);
      g_autofree char *text_y = attest_text_slice (text_b, y->start, y->end);

      g_assert_cmpstr (x->label, ==, y->label);
      g_assert_cmpuint (x->start, ==, y->start);
      g_assert_cmpuint (x->end, ==, y->end);
      g_assert_cmpstr (text_x, ==, text_y);
      g_assert_true (attest_attrs_equal (x->attrs, y->attrs));
      g_assert_cmpstr (x->note, ==, y->note);
      g_assert_cmpstr (y->origin, ==, "imported:brat");
      g_assert_cmpstr (y->by, ==, "tester");

      g_assert_cmpint (x->entity == NULL, ==, y->entity == NULL);
      if (x->entity != NULL)
        {
          AttestEntity *ex = attest_document_lookup_entity (a, x->entity);
          AttestEntity *ey = attest_document_lookup_entity (b, y->entity);

          g_assert_cmpstr (ex->id, ==, ey->id);
          g_assert_cmpstr (ex->name, ==, ey->name);
          g_assert_cmpstr (ex->kind, ==, ey->kind);
          g_assert_cmpstr (ex->wikidata, ==, ey->wikidata);
          if (ex->aliases == NULL)
            g_assert_null (ey->aliases);
          else
            g_assert_true (g_strv_equal ((const char * const *) ex->aliases,
                                         (const char * const *) ey->aliases));
        }
    }

  g_assert_cmpuint (attest_document_get_n_relations (a), ==, attest_document_get_n_relations (b));
  for (guint i = 0; i < attest_document_get_n_relations (a); i++)
    {
      AttestRelation *x = attest_document_get_relation (a, i);
      AttestRelation *y = attest_document_get_relation (b, i);

      g_assert_cmpstr (x->type, ==, y->type);
      g_assert_cmpint (position_of (spans_a, x->from), ==, position_of (spans_b, y->from));
      g_assert_cmpint (position_of (spans_a, x->to), ==, position_of (spans_b, y->to));
      g_assert_true (attest_attrs_equal (x->attrs, y->attrs));
    }

  g_assert_cmpuint (attest_document_get_n_entities (a), ==, attest_document_get_n_entities (b));
}

/* Exports @document, imports the result and checks nothing changed. */
static void
assert_round_trip (AttestDocument *document,
                   const char     *name)
{
  g_autofree char *dir = format_test_make_temp_dir ("brat");
  g_autofree char *exported = g_build_filename (dir, "exported", NULL);
  g_autofree char *imported = NULL;
  g_autoptr(Output) output = export_one (document, name);
  g_autoptr(AttestDocument) back = NULL;
  const char *inputs[] = { exported, NULL };

  write_output (output, exported);
  keep_output (output, name);
  imported = import_into (inputs, dir, NULL);
  back = format_test_load_imported (imported, name);
  assert_same_annotations (document, back);

  format_test_remove_tree (dir);
}

/* Golden files ----------------------------------------------------------- */

static const char * const fixture_names[] = { "world/harbour.txt", "cjk-rtl.txt" };

static Output *
export_fixtures (AttestDocument **documents)
{
  for (guint i = 0; i < G_N_ELEMENTS (fixture_names); i++)
    documents[i] = format_test_load_fixture (fixture_names[i]);

  return export_documents (documents, (const char **) fixture_names,
                           G_N_ELEMENTS (fixture_names), NULL);
}

static void
test_golden (void)
{
  static const char * const files[] = {
    "world/harbour.txt", "world/harbour.ann", "cjk-rtl.txt", "cjk-rtl.ann",
    "annotation.conf", "visual.conf",
  };
  AttestDocument *documents[G_N_ELEMENTS (fixture_names)];
  g_autoptr(Output) output = export_fixtures (documents);
  g_autofree char *golden = format_test_data_path ("export", "golden", "brat", NULL);

  g_assert_cmpuint (g_hash_table_size (output->files), ==, G_N_ELEMENTS (files));
  g_assert_cmpuint (output->n_spans, ==, 17);
  g_assert_cmpuint (output->n_relations, ==, 8);
  /* The fixtures hold nothing brat cannot. */
  g_assert_cmpuint (output->dropped->len, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (golden, files[i], NULL);

      format_test_assert_golden (path, output_file (output, files[i]), -1);
    }

  /* The article is the text byte for byte, CRLF and all. */
  g_assert_cmpstr (output_file (output, "world/harbour.txt"), ==,
                   attest_text_get_data (attest_document_get_text (documents[0])));

  for (guint i = 0; i < G_N_ELEMENTS (fixture_names); i++)
    g_object_unref (documents[i]);
}

/* The multi-paragraph quote of the harbour fixture crosses "\r\n\r\n":
 * brat gets it as two fragments, its text without the line breaks. */
static void
test_line_break_fragments (void)
{
  AttestDocument *documents[G_N_ELEMENTS (fixture_names)];
  g_autoptr(Output) output = export_fixtures (documents);
  const char *ann = output_file (output, "world/harbour.ann");

  g_assert_nonnull (strstr (ann, "\tquote 238 269;273 304\tWe found cracks in three piers. "
                                 "\u201cEach one was repaired by hand,\n"));
  /* Astral characters count one each: the flag after "Café owners " is
   * two code points, the ZWJ sequence five. */
  g_assert_nonnull (strstr (ann, "\tfact 187 213\t"
                                 "\u20ac12 million \U0001F477\u200D\u2640\uFE0F, a figure\n"));
  /* No line of the .ann holds a carriage return. */
  g_assert_null (strchr (ann, '\r'));

  for (guint i = 0; i < G_N_ELEMENTS (fixture_names); i++)
    g_object_unref (documents[i]);
}

/* The same through the export job and its own summary, from the sidecars
 * on disk, on several threads: the files are the golden ones, and they
 * import back to the same annotations. */
static void
test_job (void)
{
  static const char * const files[] = {
    "world/harbour.txt", "world/harbour.ann", "cjk-rtl.txt", "cjk-rtl.ann",
    "annotation.conf", "visual.conf",
  };
  g_autofree char *dir = format_test_make_temp_dir ("brat");
  g_autofree char *exported = g_build_filename (dir, "exported", NULL);
  g_autofree char *golden = format_test_data_path ("export", "golden", "brat", NULL);
  g_autofree char *imported = NULL;
  AttestExportOptions options = ATTEST_EXPORT_OPTIONS_INIT;
  g_autoptr(AttestExportJob) job = NULL;
  g_autoptr(GError) error = NULL;
  const AttestExportSummary *summary;
  const char *inputs[] = { exported, NULL };

  options.threads = 2;
  job = attest_export_job_new (attest_exporter_lookup ("brat"), &options);
  for (guint i = 0; i < G_N_ELEMENTS (fixture_names); i++)
    {
      g_autofree char *sidecar = g_strconcat (fixture_names[i], ATTEST_SIDECAR_SUFFIX, NULL);
      g_autofree char *path = format_test_data_path ("export", sidecar, NULL);

      attest_export_job_add_sidecar (job, path, fixture_names[i]);
    }
  attest_export_job_run (job, exported, NULL, &error);
  g_assert_no_error (error);

  summary = attest_export_job_get_summary (job);
  g_assert_cmpuint (summary->n_documents, ==, 2);
  g_assert_cmpuint (summary->n_spans, ==, 17);
  g_assert_cmpuint (summary->n_relations, ==, 8);
  g_assert_cmpuint (summary->dropped->len, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *expected = read_file (golden, files[i]);
      g_autofree char *written = read_file (exported, files[i]);

      g_assert_cmpstr (written, ==, expected);
    }

  imported = import_into (inputs, dir, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fixture_names); i++)
    {
      g_autoptr(AttestDocument) original = format_test_load_fixture (fixture_names[i]);
      g_autoptr(AttestDocument) back = format_test_load_imported (imported, fixture_names[i]);

      assert_same_annotations (original, back);
    }

  format_test_remove_tree (dir);
}

/* Round trip ------------------------------------------------------------- */

static void
test_round_trip_fixtures (void)
{
  g_autofree char *dir = format_test_make_temp_dir ("brat");
  g_autofree char *exported = g_build_filename (dir, "exported", NULL);
  g_autofree char *imported = NULL;
  AttestDocument *documents[G_N_ELEMENTS (fixture_names)];
  g_autoptr(Output) output = export_fixtures (documents);
  AttestImportSummary summary = { 0 };
  const char *inputs[] = { exported, NULL };

  write_output (output, exported);
  keep_output (output, "fixtures");
  imported = import_into (inputs, dir, &summary);

  /* annotation.conf and visual.conf are no documents. */
  g_assert_cmpuint (summary.n_documents, ==, 2);
  g_assert_cmpuint (summary.n_spans, ==, 17);
  g_assert_cmpuint (summary.n_relations, ==, 8);
  g_assert_cmpuint (summary.n_entities, ==, 3);

  for (guint i = 0; i < G_N_ELEMENTS (fixture_names); i++)
    {
      g_autoptr(AttestDocument) back = format_test_load_imported (imported, fixture_names[i]);
      g_autofree char *article = g_build_filename (imported, fixture_names[i], NULL);
      g_autofree char *bytes = NULL;

      assert_same_annotations (documents[i], back);

      /* The article beside the sidecar is the text too. */
      g_file_get_contents (article, &bytes, NULL, NULL);
      g_assert_cmpstr (bytes, ==, attest_text_get_data (attest_document_get_text (documents[i])));
      g_object_unref (documents[i]);
    }

  format_test_remove_tree (dir);
}

/* Spans that begin or end with line breaks, or cross them, of every kind
 * brat's line splitting knows. */
static void
test_round_trip_line_breaks (void)
{
  g_autoptr(AttestDocument) document =
    format_test_new_document ("One\r\ntwo\r\n\r\nthree\u2028four\xc2\x85" "five\vsix\x1c"
                              "seven\n");
  g_autoptr(Output) output = NULL;
  const char *ann;

  format_test_add_span (document, "quote", 0, 8);     /* "One\r\ntwo" */
  format_test_add_span (document, "quote", 3, 8);     /* "\r\ntwo" */
  format_test_add_span (document, "fact", 0, 5);      /* "One\r\n" */
  format_test_add_span (document, "quote", 5, 37);    /* to "seven", through every kind */
  format_test_add_span (document, "fact", 22, 37);    /* "\u0085five\vsix\x1cseven" */

  output = export_one (document, "breaks.txt");
  ann = output_file (output, "breaks.ann");

  g_assert_nonnull (strstr (ann, "\tquote 0 3;5 8\tOne two\n"));
  g_assert_nonnull (strstr (ann, "\tquote 3 3;5 8\t two\n"));
  g_assert_nonnull (strstr (ann, "\tfact 0 3;5 5\tOne \n"));
  g_assert_nonnull (strstr (ann, "\tquote 5 8;12 17;18 22;23 27;28 31;32 37\t"
                                 "two three four five six seven\n"));
  g_assert_nonnull (strstr (ann, "\tfact 22 22;23 27;28 31;32 37\t five six seven\n"));

  assert_round_trip (document, "breaks.txt");
}

/* Names brat cannot take as they are go through the "__…_HEX_…" form and
 * come back unchanged. */
static void
test_round_trip_names (void)
{
  g_autoptr(AttestDocument) document = format_test_new_document ("Zoë said yes, and no.\n");
  g_autoptr(Output) output = NULL;
  AttestSpan *a;
  AttestSpan *b;
  AttestSpan *c;
  AttestSpan *d;
  const char *ann;
  const char *conf;

  a = format_test_add_span (document, "direct speech", 0, 3);
  b = format_test_add_span (document, "__x", 4, 8);
  c = format_test_add_span (document, "---", 9, 12);
  d = format_test_add_span (document, "Zitat_é", 14, 20);
  a->attrs = attest_attrs_set (a->attrs, "very kind", "a, b|c <d>_e");
  a->attrs = attest_attrs_set (a->attrs, "kind", "direct");
  b->attrs = attest_attrs_set (b->attrs, "empty", "");
  c->attrs = attest_attrs_set (c->attrs, "level", "très haut");
  format_test_add_relation (document, "said by", a, b);
  format_test_add_relation (document, "follows", d, c);

  output = export_one (document, "names.txt");
  ann = output_file (output, "names.ann");
  conf = output_file (output, "annotation.conf");

  g_assert_nonnull (strstr (ann, "T1\t__direct_20_speech 0 3\tZoë\n"));
  g_assert_nonnull (strstr (ann, "T2\t___5f__5f_x 4 8\tsaid\n"));
  g_assert_nonnull (strstr (ann, "T3\t___2d_-- 9 12\tyes\n"));
  g_assert_nonnull (strstr (ann, "T4\t__Zitat_5f__e9_ 14 20\tand no\n"));
  g_assert_nonnull (strstr (ann, "\tkind T1 direct\n"));
  g_assert_nonnull (strstr (ann, "\t__very_20_kind T1 __a_2c__20_b_7c_c_20__3c_d_3e__5f_e\n"));
  g_assert_nonnull (strstr (ann, "\tempty T2 ___0_\n"));
  g_assert_nonnull (strstr (ann, "\tlevel T3 __très_20_haut\n"));
  g_assert_nonnull (strstr (ann, "\t__said_20_by Arg1:T1 Arg2:T2\n"));

  /* Labels, relation types and values the tag set lacks are declared. */
  g_assert_nonnull (strstr (conf, "\n__direct_20_speech\n"));
  g_assert_nonnull (strstr (conf, "\n__said_20_by\tArg1:<ENTITY>, Arg2:<ENTITY>\n"));
  g_assert_nonnull (strstr (conf, "\n__very_20_kind\tArg:__direct_20_speech, "
                                  "Value:__a_2c__20_b_7c_c_20__3c_d_3e__5f_e\n"));
  g_assert_nonnull (strstr (conf, "\nkind\tArg:quote|__direct_20_speech, "
                                  "Value:direct|indirect|mixed\n"));

  assert_round_trip (document, "names.txt");
}

/* Entities: coreference as Equiv, the Wikidata item as N on each mention,
 * the entity itself as a note on its first mention. */
static void
test_round_trip_entities (void)
{
  g_autoptr(AttestDocument) document =
    format_test_new_document ("Ana told Ben, and she told him again.\n");
  g_autoptr(Output) output = NULL;
  g_autoptr(GError) error = NULL;
  AttestEntity *ana = attest_entity_new ("e1", "Ana \"A.\" Lima\u2028Jr", "person");
  AttestEntity *ben = attest_entity_new ("e7", "Ben", NULL);
  const char *aliases[] = { "she", "Ana\xc2\x85" "L.", NULL };
  AttestSpan *spans[4];
  const char *ann;

  ana->wikidata = g_strdup ("Q000042");
  ana->aliases = g_strdupv ((char **) aliases);
  attest_document_add_entity (document, ana, &error);
  g_assert_no_error (error);
  attest_document_add_entity (document, ben, &error);
  g_assert_no_error (error);

  spans[0] = format_test_add_span (document, "speaker", 0, 3);
  spans[1] = format_test_add_span (document, "speaker", 9, 12);
  spans[2] = format_test_add_span (document, "speaker", 18, 21);
  spans[3] = format_test_add_span (document, "speaker", 27, 30);
  spans[0]->entity = g_strdup ("e1");
  spans[2]->entity = g_strdup ("e1");
  spans[1]->entity = g_strdup ("e7");

  output = export_one (document, "entities.txt");
  ann = output_file (output, "entities.ann");

  g_assert_nonnull (strstr (ann, "*\tEquiv T1 T3\n"));
  g_assert_null (strstr (ann, "Equiv T2"));
  g_assert_nonnull (strstr (ann, "\tReference T1 Wikidata:Q000042\tAna \"A.\" Lima Jr\n"));
  g_assert_nonnull (strstr (ann, "\tReference T3 Wikidata:Q000042\tAna \"A.\" Lima Jr\n"));
  /* U+2028 and U+0085 end lines for brat, so the JSON escapes them. */
  g_assert_nonnull (strstr (ann, "\tAttestEntity T1\t{\"id\": \"e1\", "
                                 "\"name\": \"Ana \\\"A.\\\" Lima\\u2028Jr\", "
                                 "\"kind\": \"person\", \"wikidata\": \"Q000042\", "
                                 "\"aliases\": [\"she\", \"Ana\\u0085L.\"]}\n"));
  g_assert_nonnull (strstr (ann, "\tAttestEntity T2\t{\"id\": \"e7\", \"name\": \"Ben\"}\n"));

  assert_round_trip (document, "entities.txt");
}

/* What brat cannot hold is counted, not lost in silence. */
static void
test_dropped (void)
{
  g_autoptr(AttestDocument) document = format_test_new_document ("A short note.\n");
  g_autoptr(Output) output = NULL;
  g_autoptr(GError) error = NULL;
  AttestSpan *span;
  AttestSpan *empty;
  AttestSpan *blank;
  const char *ann;

  span = format_test_add_span (document, "fact", 2, 7);
  span->note = g_strdup ("line one\r\nline two\nthree");
  span = format_test_add_span (document, "quote", 8, 12);
  span->note = g_strdup ("tabs\tstay");
  span->flags = ATTEST_SPAN_FLAG_CHANGED;
  span->old_text = g_strdup ("nope");
  blank = format_test_add_span (document, "fact", 7, 8);
  format_test_add_relation (document, "said-by", blank, span);
  empty = format_test_add_span (document, "speaker", 13, 13);
  empty->flags = ATTEST_SPAN_FLAG_DELETED;
  empty->old_text = g_strdup (" by Ana");
  format_test_add_relation (document, "said-by", span, empty);
  attest_document_add_entity (document, attest_entity_new ("e1", "Nobody", "other"), &error);
  g_assert_no_error (error);

  output = export_one (document, "dropped.txt");
  ann = output_file (output, "dropped.ann");

  g_assert_nonnull (strstr (ann, "#1\tAnnotatorNotes T1\tline one line two three\n"));
  g_assert_nonnull (strstr (ann, "#2\tAnnotatorNotes T2\ttabs\tstay\n"));
  g_assert_null (strstr (ann, "Nobody"));
  g_assert_cmpuint (dropped (output, "line breaks in notes"), ==, 1);
  g_assert_cmpuint (dropped (output, "entities that no span points at"), ==, 1);
  /* The empty span counts as dropped whole, not for its flag. */
  g_assert_cmpuint (dropped (output, "review flags"), ==, 1);
  g_assert_cmpuint (dropped (output, "empty spans"), ==, 1);
  g_assert_cmpuint (dropped (output, "white space only"), ==, 1);
  g_assert_cmpuint (dropped (output, "relations of spans not written"), ==, 2);
  g_assert_null (strstr (ann, "T3"));
  g_assert_null (strstr (ann, "R1"));
  g_assert_cmpuint (output->n_spans, ==, 2);
  g_assert_cmpuint (output->n_relations, ==, 0);
}

/* annotation.conf: the tag set, then what only the data used. */
static void
test_conf (void)
{
  g_autoptr(AttestDocument) document = format_test_new_document ("She cites a claim.\n");
  g_autoptr(Output) output = NULL;
  AttestSpan *quote;
  AttestSpan *claim;
  const char *conf;
  const char *visual;

  quote = format_test_add_span (document, "quote", 0, 3);
  claim = format_test_add_span (document, "claim", 12, 17);
  quote->attrs = attest_attrs_set (quote->attrs, "kind", "reported");
  format_test_add_relation (document, "cites", quote, claim);

  output = export_one (document, "conf.txt");
  conf = output_file (output, "annotation.conf");
  visual = output_file (output, "visual.conf");

  g_assert_nonnull (strstr (conf, "\n[entities]\nquote\nspeaker\nfact\nclaim\n\n[relations]\n"
                                  "said-by\tArg1:quote, Arg2:speaker\n"
                                  "continues\tArg1:quote, Arg2:quote\n"
                                  "cites\tArg1:<ENTITY>, Arg2:<ENTITY>\n"
                                  "Equiv\tArg1:<ENTITY>, Arg2:<ENTITY>, "
                                  "<REL-TYPE>:symmetric-transitive\n"
                                  "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n"
                                  "\n[events]\n\n[attributes]\n"
                                  "kind\tArg:quote, Value:direct|indirect|mixed|reported\n"));
  g_assert_nonnull (strstr (visual, "\nquote | Quote\n"));
  g_assert_nonnull (strstr (visual, "\nsaid-by | Said by\n"));
  g_assert_nonnull (strstr (visual, "\nquote\tbgColor:#f6d32d, borderColor:darken\n"));
  g_assert_nonnull (strstr (visual, "\nspeaker\tbgColor:#3584e4, borderColor:darken\n"));
}

/* The configuration comes from the export's tag set, not a built-in one. */
static void
test_conf_parc (void)
{
  g_autoptr(AttestDocument) document =
    format_test_new_document ("Prices will rise, the bank warned.\n");
  g_autoptr(AttestTagset) parc = attest_tagset_new_parc ();
  g_autoptr(Output) output = NULL;
  AttestSpan *content;
  AttestSpan *source;
  AttestSpan *cue;
  const char *conf;
  const char *name = "parc.txt";

  content = format_test_add_span (document, "content", 0, 16);
  source = format_test_add_span (document, "source", 18, 26);
  cue = format_test_add_span (document, "cue", 27, 33);
  format_test_add_relation (document, "has-source", content, source);
  format_test_add_relation (document, "has-cue", content, cue);

  output = export_documents (&document, &name, 1, parc);
  conf = output_file (output, "annotation.conf");

  g_assert_nonnull (strstr (conf, "\n[entities]\ncontent\nsource\ncue\n\n[relations]\n"
                                  "has-source\tArg1:content, Arg2:source\n"
                                  "has-cue\tArg1:content, Arg2:cue\n"
                                  "continues\tArg1:content, Arg2:content\n"));
  g_assert_null (strstr (conf, "quote"));
  g_assert_nonnull (strstr (conf, "\n[attributes]\n"));
  g_assert_nonnull (strstr (output_file (output, "visual.conf"),
                            "\ncontent\tbgColor:#ffa348, borderColor:darken\n"));
  keep_output (output, "parc");
}

/* Import ----------------------------------------------------------------- */

static AttestSpan *
span_at (GPtrArray  *spans,
         const char *label,
         guint       start,
         guint       end)
{
  for (guint i = 0; i < spans->len; i++)
    {
      AttestSpan *span = g_ptr_array_index (spans, i);

      if (span->start == start && span->end == end && g_str_equal (span->label, label))
        return span;
    }

  g_error ("no %s span at %u-%u", label, start, end);
  return NULL;
}

static AttestRelation *
relation_between (AttestDocument *document,
                  const char     *type,
                  AttestSpan     *from,
                  AttestSpan     *to)
{
  for (guint i = 0; i < attest_document_get_n_relations (document); i++)
    {
      AttestRelation *relation = attest_document_get_relation (document, i);

      if (g_str_equal (relation->type, type) && g_str_equal (relation->from, from->id) &&
          g_str_equal (relation->to, to->id))
        return relation;
    }

  g_error ("no %s relation from %s to %s", type, from->id, to->id);
  return NULL;
}

/* A collection written by hand the way brat writes one (it passes
 * tests/readers/check-brat.py): a BOM before the text, a discontinuous
 * quote, a quote brat split at a line break, Equiv, normalizations to
 * Wikidata and Wikipedia, an on/off attribute, an event, and an article
 * without a .ann. */
static void
test_import_foreign (void)
{
  g_autofree char *dir = format_test_make_temp_dir ("brat");
  g_autofree char *input = format_test_data_path ("export", "brat", "foreign", NULL);
  g_autofree char *imported = NULL;
  g_autoptr(AttestDocument) budget = NULL;
  g_autoptr(AttestDocument) plain = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  AttestImportSummary summary = { 0 };
  const char *inputs[] = { input, NULL };
  AttestSpan *fact, *mayor, *fair, *careful, *she, *sound, *ana, *treasurer, *approved, *council;
  AttestEntity *entity;

  imported = import_into (inputs, dir, &summary);
  g_assert_cmpuint (summary.n_documents, ==, 2);

  plain = format_test_load_imported (imported, "plain.txt");
  g_assert_cmpuint (attest_span_store_get_n_spans (attest_document_get_spans (plain)), ==, 0);

  budget = format_test_load_imported (imported, "news/budget.txt");
  spans = format_test_get_spans (budget);
  g_assert_cmpuint (spans->len, ==, 10);
  g_assert_true (g_str_has_prefix (attest_text_get_data (attest_document_get_text (budget)),
                                   "The council"));

  /* brat counted the BOM; Attest's offsets start after it. */
  fact = span_at (spans, "fact", 12, 31);
  mayor = span_at (spans, "speaker", 33, 42);
  fair = span_at (spans, "quote", 64, 75);
  careful = span_at (spans, "quote", 85, 98);
  she = span_at (spans, "speaker", 49, 52);
  sound = span_at (spans, "quote", 131, 151);
  ana = span_at (spans, "speaker", 101, 109);
  treasurer = span_at (spans, "speaker", 111, 124);
  approved = span_at (spans, "Approve", 12, 20);
  council = span_at (spans, "Organization", 0, 11);

  /* "a fair plan … a careful one": two parts, the second continuing. */
  relation_between (budget, "continues", careful, fair);
  relation_between (budget, "said-by", fair, she);
  g_assert_cmpstr (attest_span_get_attr (fair, "kind"), ==, "direct");
  g_assert_cmpstr (attest_span_get_attr (careful, "kind"), ==, "direct");
  g_assert_cmpstr (fair->note, ==, "Split by \"and\"");
  g_assert_null (careful->note);

  /* "the plan\n  was sound": one span again. */
  relation_between (budget, "said-by", sound, ana);

  g_assert_cmpstr (attest_span_get_attr (fact, "Negation"), ==, "true");
  g_assert_cmpstr (attest_span_get_attr (fact, "ref:Wikipedia"), ==, "12345");

  /* The event: a relation from the trigger per argument, by role. */
  relation_between (budget, "Agent", approved, council);
  relation_between (budget, "Theme", approved, fact);
  g_assert_cmpuint (attest_document_get_n_relations (budget), ==, 5);

  /* Equiv makes entities; the Wikidata item goes to the entity. */
  g_assert_cmpuint (attest_document_get_n_entities (budget), ==, 3);
  g_assert_nonnull (mayor->entity);
  g_assert_cmpstr (mayor->entity, ==, she->entity);
  entity = attest_document_lookup_entity (budget, mayor->entity);
  g_assert_cmpstr (entity->name, ==, "the mayor");
  g_assert_null (entity->wikidata);
  g_assert_nonnull (ana->entity);
  g_assert_cmpstr (ana->entity, ==, treasurer->entity);
  entity = attest_document_lookup_entity (budget, ana->entity);
  g_assert_cmpstr (entity->name, ==, "Ana Lima");
  g_assert_cmpstr (entity->wikidata, ==, "Q000042");
  g_assert_null (fact->entity);
  /* A Wikidata item on a mention of no entity makes one, named by it. */
  g_assert_nonnull (council->entity);
  entity = attest_document_lookup_entity (budget, council->entity);
  g_assert_cmpstr (entity->name, ==, "City council");
  g_assert_cmpstr (entity->wikidata, ==, "Q000077");

  format_test_remove_tree (dir);
}

/* .ann files given one by one, with CRLF lines; a .txt given alone. */
static void
test_import_files (void)
{
  g_autofree char *dir = format_test_make_temp_dir ("brat");
  g_autofree char *in = g_build_filename (dir, "in", NULL);
  g_autofree char *a = g_build_filename (in, "a.ann", NULL);
  g_autofree char *b = g_build_filename (in, "deep", "b.txt", NULL);
  g_autofree char *imported = NULL;
  g_autoptr(AttestDocument) doc_a = NULL;
  g_autoptr(AttestDocument) doc_b = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  const char *inputs[] = { a, b, NULL };

  write_file (in, "a.txt", "Hello world\n", -1);
  write_file (in, "a.ann", "T1\tquote 0 5\tHello\r\n\r\nT2\tfact 6 11\tworld\r\n"
                           "#1\tAnnotatorNotes T2\tsee  me \r\n", -1);
  write_file (in, "deep/b.txt", "Just text.\n", -1);

  imported = import_into (inputs, dir, NULL);
  doc_a = format_test_load_imported (imported, "a.txt");
  doc_b = format_test_load_imported (imported, "b.txt");
  spans = format_test_get_spans (doc_a);
  g_assert_cmpuint (spans->len, ==, 2);
  g_assert_cmpstr (span_at (spans, "fact", 6, 11)->note, ==, "see  me ");
  g_assert_cmpuint (attest_span_store_get_n_spans (attest_document_get_spans (doc_b)), ==, 0);

  format_test_remove_tree (dir);
}

typedef struct
{
  const char *ann;
  const char *message;   /* the error starts with "x.ann line N: " and holds this */
  guint       line;
} Malformed;

static const Malformed malformed[] = {
  { "T1\tquote 0 50\tHello world\n", "past the end of the text (12 characters)", 1 },
  { "T1\tquote 5 2\t\n", "the start 5 is after the end 2", 1 },
  { "T1\tquote 0 5\tHello\nT2\tquote 5 5\t\n", "an empty span at 5", 2 },
  { "T1\tquote 0 5\tHellp\n", "does not match the text at its offsets, “Hello”", 1 },
  { "T1\tquote 0 5\tHelloX\n", "is longer than its offsets", 1 },
  { "T1\tquote 0 5\tHello\nR1\tsaid-by Arg1:T1 Arg2:T9\n", "T9 is not a span", 2 },
  { "T1\tquote 0 5\tHello\nT2\tspeaker 6\n", "expected offsets", 2 },
  { "T1\tquote 0 5\tHello\nR1\tsaid-by Arg1:T1\n", "expected “TYPE Arg1:ID Arg2:ID”", 2 },
  { "T1\tquote 0 5\tHello\nR1\n", "expected an id, a tab", 2 },
  { "T1\tquote 0 5\n", "no text after the offsets", 1 },
  { "T1\tquote 0 5\tHello\nT2\tfact 6 11\two\xffld\n", "not valid UTF-8", 2 },
  { "T1\tquote 0 5\tHello\nT1\tfact 6 11\tworld\n", "already used on line 1", 2 },
  { "T1\tquote 0 5;3 8\tHello lo w\n", "fragments overlap", 1 },
  { "T1\tquote 0 5\tHello\n#1\tAttestEntity T1\t{\"id\": 5}\n", "“id” must be a string", 2 },
  { "T1\tquote 0 5\tHello\n#1\tAttestEntity T1\t{\"id\": \"e1\", \"name\": \"x\"\n",
    "AttestEntity: line 1", 2 },
  { "X1\tfoo bar\n", "brat has no annotation of this kind", 1 },
  { "1T\tquote 0 5\tHello\n", "not a brat annotation id", 1 },
  { "T1\tquote 0 5\tHello\nA1\tkind T4 direct\n", "T4 is not a span or relation", 2 },
  { "T1\tquote 0 5\tHello\nA1\tkind T1 a\nA2\tkind T1 b\n",
    "already has an attribute “kind”", 3 },
  { "T1\tquote 0 5\tHello\r\n\r\nT2\tfact 0 3\tHex\r\n", "does not match", 3 },
  { "T1\tspeaker 0 5\tHello\nT2\tspeaker 6 11\tworld\n*\tEquiv T1 T2\n"
    "#1\tAttestEntity T1\t{\"id\": \"e1\", \"name\": \"A\"}\n"
    "#2\tAttestEntity T2\t{\"id\": \"e2\", \"name\": \"B\"}\n", "same entity", 5 },
  { "T1\tspeaker 0 5\tHello\nN1\tReference T1 Wikidata:Q1\tA\nN2\tReference T1 Wikidata:Q2\tB\n",
    "but line 2 links it to Q1", 3 },
  { "T1\tquote 0 5\tHello\nE1\tSay:T7 Agent:T1\n", "the trigger T7", 2 },
};

/* A failed import names the file and line and leaves nothing behind. */
static void
assert_import_fails (const char *dir,
                     const char *input,
                     const char *expected)
{
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *inputs[] = { input, NULL };
  const char *entry;

  g_assert_false (attest_import_run (attest_importer_lookup ("brat"), inputs, out, NULL, NULL,
                                     NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  if (strstr (error->message, expected) == NULL)
    g_error ("expected “%s” in “%s”", expected, error->message);

  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  listing = g_dir_open (dir, 0, NULL);
  while ((entry = g_dir_read_name (listing)) != NULL)
    g_assert_cmpstr (entry, ==, "in");
}

static void
test_import_malformed (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autofree char *dir = format_test_make_temp_dir ("brat");
      g_autofree char *in = g_build_filename (dir, "in", NULL);
      g_autofree char *ann = g_build_filename (in, "x.ann", NULL);
      g_autofree char *expected = NULL;
      g_autofree char *message = NULL;

      write_file (in, "x.txt", "Hello world\n", -1);
      write_file (in, "x.ann", malformed[i].ann, -1);

      expected = g_strdup_printf ("%s line %u: ", ann, malformed[i].line);
      assert_import_fails (dir, in, expected);
      assert_import_fails (dir, in, malformed[i].message);
      /* The same, given the file rather than its folder. */
      assert_import_fails (dir, ann, expected);

      format_test_remove_tree (dir);
    }
}

static void
test_import_missing_text (void)
{
  g_autofree char *dir = format_test_make_temp_dir ("brat");
  g_autofree char *in = g_build_filename (dir, "in", NULL);
  g_autofree char *expected = NULL;

  write_file (in, "sub/x.ann", "T1\tquote 0 5\tHello\n", -1);
  expected = g_strdup_printf ("%s/sub/x.ann: there is no sub/x.txt beside it", in);
  assert_import_fails (dir, in, expected);
  format_test_remove_tree (dir);
  g_free (dir);

  dir = format_test_make_temp_dir ("brat");
  g_free (in);
  in = g_build_filename (dir, "in", NULL);
  write_file (in, "x.txt", "Hel\xfflo\n", -1);
  write_file (in, "x.ann", "", 0);
  g_free (expected);
  expected = g_strdup_printf ("%s/x.txt: ", in);
  assert_import_fails (dir, in, expected);
  format_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/attest/core/format/brat/golden", test_golden);
  g_test_add_func ("/attest/core/format/brat/line-break-fragments", test_line_break_fragments);
  g_test_add_func ("/attest/core/format/brat/job", test_job);
  g_test_add_func ("/attest/core/format/brat/round-trip/fixtures", test_round_trip_fixtures);
  g_test_add_func ("/attest/core/format/brat/round-trip/line-breaks", test_round_trip_line_breaks);
  g_test_add_func ("/attest/core/format/brat/round-trip/names", test_round_trip_names);
  g_test_add_func ("/attest/core/format/brat/round-trip/entities", test_round_trip_entities);
  g_test_add_func ("/attest/core/format/brat/dropped", test_dropped);
  g_test_add_func ("/attest/core/format/brat/conf", test_conf);
  g_test_add_func ("/attest/core/format/brat/conf-parc", test_conf_parc);
  g_test_add_func ("/attest/core/format/brat/import/foreign", test_import_foreign);
  g_test_add_func ("/attest/core/format/brat/import/files", test_import_files);
  g_test_add_func ("/attest/core/format/brat/import/malformed", test_import_malformed);
  g_test_add_func ("/attest/core/format/brat/import/missing-text", test_import_missing_text);

  return g_test_run ();
}
