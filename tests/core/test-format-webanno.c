/* test-format-webanno.c: the WebAnno TSV 3.3 exporter and importer
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

/* A temporary folder, removed when the test ends. */
typedef struct
{
  char *path;
} TempDir;

static void
temp_dir_free (TempDir *dir)
{
  format_test_remove_tree (dir->path);
  g_free (dir->path);
  g_free (dir);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TempDir, temp_dir_free)

static TempDir *
temp_dir_new (void)
{
  TempDir *dir = g_new0 (TempDir, 1);

  dir->path = format_test_make_temp_dir ("webanno");
  return dir;
}

static char *
temp_path (TempDir    *dir,
           const char *name)
{
  return g_build_filename (dir->path, name, NULL);
}

/* Exporting ---------------------------------------------------------------- */

static const char * const fixture_names[] = { "world/harbour.txt", "cjk-rtl.txt" };

/* The count the export gave for @what, 0 when it dropped none. */
static guint64
summary_dropped (const AttestExportSummary *summary,
                 const char                *what)
{
  for (guint i = 0; summary->dropped != NULL && i < summary->dropped->len; i++)
    {
      const AttestExportDropped *item = &g_array_index (summary->dropped, AttestExportDropped, i);

      if (strcmp (item->what, what) == 0)
        return item->count;
    }
  return 0;
}

static guint64
summary_dropped_total (const AttestExportSummary *summary)
{
  guint64 total = 0;

  for (guint i = 0; summary->dropped != NULL && i < summary->dropped->len; i++)
    total += g_array_index (summary->dropped, AttestExportDropped, i).count;
  return total;
}

/* Runs a real export job: the sidecars of the fixtures, or documents in
 * memory, into @output. Returns the job for its summary. */
static AttestExportJob *
run_export (AttestDocument **documents,
            const char     **names,
            guint            n_documents,
            const char      *output)
{
  AttestExportOptions options = ATTEST_EXPORT_OPTIONS_INIT;
  const AttestExporter *exporter = attest_exporter_lookup ("webanno");
  g_autoptr(GError) error = NULL;
  AttestExportJob *job;

  g_assert_nonnull (exporter);
  g_assert_cmpint (attest_exporter_get_layout (exporter), ==, ATTEST_EXPORT_FOLDER);

  options.threads = 2;
  job = attest_export_job_new (exporter, &options);
  for (guint i = 0; i < n_documents; i++)
    {
      if (documents != NULL)
        attest_export_job_add_document (job, documents[i], names[i]);
      else
        {
          g_autofree char *sidecar = format_test_fixture_sidecar (names[i]);

          attest_export_job_add_sidecar (job, sidecar, names[i]);
        }
    }

  format_test_run_job (job, output);
  return job;
}

static AttestExportJob *
export_fixtures (const char *output)
{
  return run_export (NULL, (const char **) fixture_names, G_N_ELEMENTS (fixture_names), output);
}

/* Importing ---------------------------------------------------------------- */

/* Comparing documents ------------------------------------------------------------ */

/* A span as the format holds it: range, label, attributes, note, and
 * its entity by content (ids may be given anew). */
static char *
describe_span (AttestDocument   *document,
               const AttestSpan *span)
{
  GString *out = g_string_new (NULL);
  AttestEntity *entity = span->entity != NULL ? attest_document_lookup_entity (document, span->entity)
                                              : NULL;

  g_string_append_printf (out, "%u-%u %s", span->start, span->end, span->label);
  if (span->flags & ATTEST_SPAN_FLAG_DELETED)
    g_string_append (out, " deleted");
  if (span->flags & ATTEST_SPAN_FLAG_CHANGED)
    g_string_append (out, " changed");
  for (guint i = 0; span->attrs != NULL && span->attrs[i] != NULL; i += 2)
    g_string_append_printf (out, " %s=%s", span->attrs[i], span->attrs[i + 1]);
  if (span->note != NULL)
    g_string_append_printf (out, " note=%s", span->note);
  if (span->entity != NULL)
    {
      g_assert_nonnull (entity);
      g_string_append_printf (out, " entity=%s/%s/%s/%s", entity->name,
                              entity->kind != NULL ? entity->kind : "-",
                              entity->wikidata != NULL ? entity->wikidata : "-",
                              entity->aliases != NULL ? "aliases" : "-");
      for (guint i = 0; entity->aliases != NULL && entity->aliases[i] != NULL; i++)
        g_string_append_printf (out, ":%s", entity->aliases[i]);
    }
  return g_string_free (out, FALSE);
}

static char *
describe_spans (AttestDocument *document)
{
  g_autoptr(GPtrArray) spans = format_test_get_spans (document);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < spans->len; i++)
    {
      g_autofree char *line = describe_span (document, g_ptr_array_index (spans, i));

      g_string_append_printf (out, "%s\n", line);
    }
  return g_string_free (out, FALSE);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
describe_relations (AttestDocument *document)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);
  AttestSpanStore *store = attest_document_get_spans (document);

  for (guint i = 0; i < attest_document_get_n_relations (document); i++)
    {
      AttestRelation *relation = attest_document_get_relation (document, i);
      AttestSpan *from = attest_span_store_lookup (store, relation->from);
      AttestSpan *to = attest_span_store_lookup (store, relation->to);

      g_assert_nonnull (from);
      g_assert_nonnull (to);
      g_ptr_array_add (lines, g_strdup_printf ("%s %u-%u %s -> %u-%u %s", relation->type,
                                               from->start, from->end, from->label,
                                               to->start, to->end, to->label));
    }

  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s\n", (const char *) g_ptr_array_index (lines, i));
  return g_string_free (out, FALSE);
}

static void
assert_same_annotations (AttestDocument *expected,
                         AttestDocument *actual)
{
  g_autofree char *spans_a = describe_spans (expected);
  g_autofree char *spans_b = describe_spans (actual);
  g_autofree char *relations_a = describe_relations (expected);
  g_autofree char *relations_b = describe_relations (actual);

  g_assert_cmpstr (spans_b, ==, spans_a);
  g_assert_cmpstr (relations_b, ==, relations_a);
}

/* Rows of an export ---------------------------------------------------------- */

/* The token row whose text is @token (the @nth such, from 0): its
 * fields. */
static char **
find_row (const char *tsv,
          const char *token,
          guint       nth)
{
  g_auto(GStrv) lines = g_strsplit (tsv, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (fields) >= 3 && strcmp (fields[2], token) == 0 && nth-- == 0)
        return g_steal_pointer (&fields);
    }

  g_error ("no row for “%s”", token);
  return NULL;
}

static void
row_offsets (char  **fields,
             guint  *begin,
             guint  *end)
{
  g_assert_cmpint (sscanf (fields[1], "%u-%u", begin, end), ==, 2);
}

/* Code points before @cp that UTF-16 writes as two units. */
static guint
astral_before (AttestText *text,
               guint       cp)
{
  const char *p = attest_text_get_data (text);
  guint n = 0;

  for (guint i = 0; i < cp; i++, p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) > 0xFFFF)
      n++;
  return n;
}

/* Tests ------------------------------------------------------------------ */

static void
test_golden (void)
{
  static const char * const files[] = { "world/harbour.tsv", "cjk-rtl.tsv" };
  g_autoptr(TempDir) dir = temp_dir_new ();
  g_autoptr(AttestExportJob) job = export_fixtures (dir->path);
  const AttestExportSummary *summary = attest_export_job_get_summary (job);
  g_autofree char *golden = format_test_data_path ("export", "golden", "webanno", NULL);

  g_assert_cmpuint (summary->n_documents, ==, 2);
  g_assert_cmpuint (summary->n_spans, ==, 17);
  g_assert_cmpuint (summary->n_relations, ==, 8);
  /* The fixtures hold nothing the format cannot: both texts end in a
   * line break, and every span, relation and entity goes in. */
  g_assert_cmpuint (summary_dropped_total (summary), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = temp_path (dir, files[i]);
      g_autofree char *expected_path = g_build_filename (golden, files[i], NULL);
      g_autofree char *actual = format_test_read_file (path, NULL);

      format_test_assert_golden (expected_path, actual, -1);
    }
}


/* The code point offset of the @nth (from 0) @needle in @text. */
static guint
cp_of (const char *text,
       const char *needle,
       guint       nth)
{
  const char *at = text;

  for (;;)
    {
      at = strstr (at, needle);
      g_assert_nonnull (at);
      if (nth-- == 0)
        return (guint) g_utf8_strlen (text, at - text);
      at++;
    }
}

/* Offsets are UTF-16 code units: a token after an emoji begins at its
 * code point plus the number of characters past U+FFFF before it. */
static void
test_utf16 (void)
{
  static const struct
  {
    const char *file;
    const char *name;
    const char *token;
    guint       nth;
    guint       astral;
  } cases[] = {
    { "world/harbour.tsv", "world/harbour.txt", "reopens", 0, 1 },      /* after 🌉 */
    { "world/harbour.tsv", "world/harbour.txt", "confirmed", 0, 2 },    /* 🌉 and 👷 (♀ is not) */
    { "world/harbour.tsv", "world/harbour.txt", "cheered", 0, 4 },      /* and the flag's two letters */
    { "cjk-rtl.tsv", "cjk-rtl.txt", "\u3002", 1, 1 },                   /* after 𠀋 */
    { "cjk-rtl.tsv", "cjk-rtl.txt", "\U0001F600", 0, 1 },
  };
  g_autoptr(TempDir) dir = temp_dir_new ();
  g_autoptr(AttestExportJob) job = export_fixtures (dir->path);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = temp_path (dir, cases[i].file);
      g_autofree char *tsv = format_test_read_file (path, NULL);
      g_autoptr(AttestDocument) document = format_test_load_fixture (cases[i].name);
      AttestText *text = attest_document_get_text (document);
      g_auto(GStrv) fields = find_row (tsv, cases[i].token, cases[i].nth);
      guint cp = cp_of (attest_text_get_data (text), cases[i].token, cases[i].nth);
      guint begin, end;

      row_offsets (fields, &begin, &end);
      g_assert_cmpuint (astral_before (text, cp), ==, cases[i].astral);
      g_assert_cmpuint (begin, ==, cp + cases[i].astral);
      g_assert_cmpuint (end, ==, begin + attest_text_cp_to_utf16 (text, cp + g_utf8_strlen (cases[i].token, -1)) -
                                 attest_text_cp_to_utf16 (text, cp));
    }

  /* The emoji itself is two units wide. */
  {
    g_autofree char *path = temp_path (dir, "world/harbour.tsv");
    g_autofree char *tsv = format_test_read_file (path, NULL);
    g_auto(GStrv) fields = find_row (tsv, "\U0001F309", 0);
    guint begin, end;

    row_offsets (fields, &begin, &end);
    g_assert_cmpuint (begin, ==, 15);
    g_assert_cmpuint (end, ==, 17);
  }
}

/* Export, attest_import_run(), and the same text, spans, attributes,
 * entities and relations come back. */
static void
test_roundtrip_fixtures (void)
{
  g_autoptr(TempDir) dir = temp_dir_new ();
  g_autofree char *exported = temp_path (dir, "export");
  g_autofree char *imported = temp_path (dir, "import");
  g_autoptr(AttestExportJob) job = export_fixtures (exported);
  const char *inputs[] = { exported, NULL };
  AttestImportSummary summary = { 0 };
  g_autoptr(GError) error = NULL;

  format_test_import ("webanno", inputs, imported, "tester", &summary, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_documents, ==, 2);
  g_assert_cmpuint (summary.n_spans, ==, 17);
  g_assert_cmpuint (summary.n_relations, ==, 8);
  g_assert_cmpuint (summary.n_entities, ==, 3);

  for (guint i = 0; i < G_N_ELEMENTS (fixture_names); i++)
    {
      g_autoptr(AttestDocument) original = format_test_load_fixture (fixture_names[i]);
      g_autoptr(AttestDocument) back = format_test_load_imported (imported, fixture_names[i]);
      g_autoptr(GPtrArray) spans = format_test_get_spans (back);
      AttestText *a = attest_document_get_text (original);
      AttestText *b = attest_document_get_text (back);

      /* Byte for byte: CRLF, blank lines, ZWJ sequences, decomposed
       * accents and the closing line feed all survive. */
      g_assert_cmpuint (attest_text_get_n_bytes (b), ==, attest_text_get_n_bytes (a));
      g_assert_cmpstr (attest_text_get_data (b), ==, attest_text_get_data (a));
      assert_same_annotations (original, back);

      for (guint j = 0; j < spans->len; j++)
        {
          AttestSpan *span = g_ptr_array_index (spans, j);

          g_assert_cmpstr (span->origin, ==, "imported:webanno");
          g_assert_cmpstr (span->by, ==, "tester");
        }
    }

  /* The entity ids of the export are kept. */
  {
    g_autoptr(AttestDocument) back = format_test_load_imported (imported, "world/harbour.txt");
    AttestEntity *e1 = attest_document_lookup_entity (back, "e1");

    g_assert_nonnull (e1);
    g_assert_cmpstr (e1->name, ==, "Zo\u00eb Okafor");
    g_assert_cmpstr (e1->wikidata, ==, "Q000001");
  }
}

/* A document with every case the layout has to get right. With
 * @as_imported, only what the format can hold, as the import gives it. */
#define EDGE_TEXT \
  "\n\tLead: a  wide gap\r\n" \
  "  Indented line, then back\\slash stop.\n" \
  "\n" \
  "Cafe\u0301 \U0001F600y x|y_z end  \n"

static AttestDocument *
build_edge_document (gboolean as_imported)
{
  AttestDocument *document = format_test_new_document (EDGE_TEXT);
  const char *text = EDGE_TEXT;
  g_autoptr(GError) error = NULL;
  AttestEntity *entity, *unused;
  AttestSpan *lead, *sub, *wide, *gap, *cross, *empty_mid, *empty_start, *empty_end;
  AttestSpan *quote, *fact, *fact2, *noted, *emoji, *after, *reserved, *speaker;
  AttestRelation *relation;
  guint limit = g_utf8_strlen (text, -1) - 1;

  entity = attest_entity_new ("e1", "Ana Lima", "person");
  entity->wikidata = g_strdup ("Q42");
  entity->aliases = g_strsplit (as_imported ? "the mayor|Lima" : "the mayor|two\nlines|Lima", "|", -1);
  attest_document_add_entity (document, entity, &error);
  g_assert_no_error (error);
  if (!as_imported)
    {
      unused = attest_entity_new ("e2", "Nobody", "other");
      attest_document_add_entity (document, unused, &error);
      g_assert_no_error (error);
    }

  /* Starts at the text's first character, a line feed. */
  lead = format_test_add_span (document, "fact", 0, cp_of (text, "Lead", 0) + 4);
  /* Inside a word. */
  sub = format_test_add_span (document, "fact", cp_of (text, "ead", 0), cp_of (text, "ead", 0) + 3);
  /* Starts in the middle of two spaces. */
  wide = format_test_add_span (document, "quote", cp_of (text, "  wide", 0) + 1,
                               cp_of (text, "wide", 0) + 4);
  /* Ends with the carriage return closing its sentence. */
  gap = format_test_add_span (document, "fact", cp_of (text, "gap", 0), cp_of (text, "gap", 0) + 4);
  /* Runs over the blank line into the next paragraph, ending mid-word. */
  cross = format_test_add_span (document, "quote", cp_of (text, "stop", 0),
                                cp_of (text, "Cafe", 0) + 2);
  /* Empty spans: in a word, at the very start, at the end of the last sentence. */
  empty_mid = format_test_add_span (document, "fact", cp_of (text, "ented", 0),
                                    cp_of (text, "ented", 0));
  empty_start = format_test_add_span (document, "fact", 0, 0);
  empty_end = format_test_add_span (document, "fact", limit, limit);
  /* As re-anchoring leaves them: marked, with the text they had, which
   * the format cannot hold. */
  empty_mid->flags = empty_start->flags = empty_end->flags = ATTEST_SPAN_FLAG_DELETED;
  if (!as_imported)
    {
      empty_mid->old_text = g_strdup ("gone");
      empty_start->old_text = g_strdup ("gone");
      empty_end->old_text = g_strdup ("gone");
    }
  /* Stacked: three spans on one word, two of them alike. */
  quote = format_test_add_span (document, "quote", cp_of (text, "Indented", 0),
                                cp_of (text, "Indented", 0) + 8);
  fact = format_test_add_span (document, "fact", cp_of (text, "Indented", 0),
                               cp_of (text, "Indented", 0) + 8);
  fact2 = format_test_add_span (document, "fact", cp_of (text, "Indented", 0),
                                cp_of (text, "Indented", 0) + 8);
  /* Every reserved character, and a backslash at the end. */
  reserved = format_test_add_span (document, "fact", cp_of (text, "line", 0),
                                   cp_of (text, "line", 0) + 4);
  attest_document_set_span_note (document, reserved, "a\\b [c] |d| _e_ ->f; *g* \th\nend\\");
  attest_document_set_span_attr (document, reserved, "kind", "*");
  attest_document_set_span_attr (document, reserved, "confidence", "_");
  if (!as_imported)
    {
      attest_document_set_span_attr (document, reserved, "bad-key", "x");
      attest_document_set_span_attr (document, reserved, "empty", "");
    }
  /* A note with CRLF: the CR cannot be held. */
  noted = format_test_add_span (document, "fact", cp_of (text, "then", 0),
                                cp_of (text, "then", 0) + 4);
  attest_document_set_span_note (document, noted, as_imported ? "one\ntwo" : "one\r\ntwo");
  /* The emoji, and what follows it. */
  emoji = format_test_add_span (document, "fact", cp_of (text, "\U0001F600", 0),
                                cp_of (text, "\U0001F600", 0) + 2);
  after = format_test_add_span (document, "fact", cp_of (text, "y x", 0),
                                cp_of (text, "y x", 0) + 1);
  format_test_add_span (document, "quote", cp_of (text, "x|y_z", 0), cp_of (text, "x|y_z", 0) + 5);
  format_test_add_span (document, "fact", cp_of (text, "back", 0), cp_of (text, "slash", 0) + 5);
  /* Ends in the trailing spaces of the last line. */
  format_test_add_span (document, "fact", cp_of (text, " end", 0) + 1, limit);
  speaker = format_test_add_span (document, "speaker", cp_of (text, "Cafe", 0),
                                  cp_of (text, "Cafe", 0) + 5);
  attest_document_set_span_entity (document, speaker, "e1");

  format_test_add_relation (document, "said-by", quote, speaker);
  format_test_add_relation (document, "said-by", cross, speaker);
  format_test_add_relation (document, "continues", cross, wide);
  format_test_add_relation (document, "continues", empty_mid, fact2);
  format_test_add_relation (document, "said-by", emoji, after);
  relation = format_test_add_relation (document, "said-by", sub, lead);
  if (!as_imported)
    {
      AttestSpan *closing;

      relation->attrs = attest_attrs_set (relation->attrs, "certain", "yes");
      /* Covers the line feed that closes the text: outside every sentence. */
      closing = format_test_add_span (document, "fact", cp_of (text, " end", 0) + 1, limit + 1);
      format_test_add_relation (document, "said-by", closing, speaker);
    }

  (void) gap;
  (void) fact;
  return document;
}

static void
test_roundtrip_edges (void)
{
  g_autoptr(TempDir) dir = temp_dir_new ();
  g_autofree char *exported = temp_path (dir, "export");
  g_autofree char *imported = temp_path (dir, "import");
  g_autoptr(AttestDocument) edge = build_edge_document (FALSE);
  g_autoptr(AttestDocument) expected = build_edge_document (TRUE);
  g_autoptr(AttestDocument) open_end = format_test_new_document ("No line feed at the end");
  g_autoptr(AttestDocument) empty = format_test_new_document ("");
  g_autoptr(AttestDocument) back_empty = NULL;
  g_autoptr(AttestDocument) back = NULL;
  g_autoptr(AttestDocument) back_open = NULL;
  AttestDocument *documents[] = { edge, open_end, empty };
  const char *names[] = { "edge.txt", "open.txt", "empty.txt" };
  g_autoptr(AttestExportJob) job = NULL;
  const AttestExportSummary *summary;
  const char *inputs[] = { exported, NULL };
  g_autoptr(GError) error = NULL;

  format_test_add_span (open_end, "fact", 17, 23);
  job = run_export (documents, names, G_N_ELEMENTS (documents), exported);
  summary = attest_export_job_get_summary (job);

  /* An empty text is one empty sentence with one zero-length token. */
  {
    g_autofree char *path = temp_path (dir, "export/empty.tsv");
    g_autofree char *tsv = format_test_read_file (path, NULL);

    g_assert_true (g_str_has_suffix (tsv, "\n\n#Text=\n1-1\t0-0\t\t_\t_\t_\t_\t_\t_\t_\t_\t_\t_\t\n"));
  }

  /* ATTEST_WEBANNO_KEEP=DIR keeps the export with the sidecars of what it
   * holds, for tests/readers/check-webanno-inception.sh. */
  if (g_getenv ("ATTEST_WEBANNO_KEEP") != NULL)
    {
      const char *keep = g_getenv ("ATTEST_WEBANNO_KEEP");
      g_autofree char *tsv_path = temp_path (dir, "export/edge.tsv");
      g_autofree char *tsv = format_test_read_file (tsv_path, NULL);
      g_autofree char *out = g_build_filename (keep, "export", "edge.tsv", NULL);
      g_autofree char *sidecar_path = g_build_filename (keep, "sidecars", "edge.txt" ATTEST_SIDECAR_SUFFIX, NULL);
      g_autoptr(GBytes) sidecar = attest_sidecar_serialize (expected);

      format_test_write_file (out, tsv, -1);
      format_test_write_file (sidecar_path, g_bytes_get_data (sidecar, NULL),
                              (gssize) g_bytes_get_size (sidecar));
    }

  /* What cannot be held is counted, each once. */
  g_assert_cmpuint (summary_dropped (summary, "spans that cover the line break ending the text"), ==, 1);
  g_assert_cmpuint (summary_dropped (summary, "relations whose span was left out"), ==, 1);
  g_assert_cmpuint (summary_dropped (summary, "relation attributes"), ==, 1);
  g_assert_cmpuint (summary_dropped (summary, "carriage returns in notes and attribute values"), ==, 1);
  g_assert_cmpuint (summary_dropped (summary, "empty attribute values"), ==, 1);
  g_assert_cmpuint (summary_dropped (summary, "attribute values whose name cannot be a WebAnno feature name"), ==, 1);
  g_assert_cmpuint (summary_dropped (summary, "entities no exported span points at"), ==, 1);
  g_assert_cmpuint (summary_dropped (summary, "entity aliases that are empty or hold a line break"), ==, 1);
  g_assert_cmpuint (summary_dropped (summary, "texts not ending in a line break (importing adds one)"), ==, 2);
  g_assert_cmpuint (summary_dropped (summary, "review marks of re-anchored spans, with the text they had"), ==, 3);
  g_assert_cmpuint (summary_dropped_total (summary), ==, 13);

  /* The attribute outside the tag set gets a column of its own. */
  {
    g_autofree char *path = temp_path (dir, "export/edge.tsv");
    g_autofree char *tsv = format_test_read_file (path, NULL);

    g_assert_true (g_str_has_prefix (tsv, "#FORMAT=WebAnno TSV 3.3\n"
                                          "#T_SP=webanno.custom.Attest|label|kind|confidence|note|entity|"
                                          "entityName|entityKind|wikidata|aliases\n"
                                          "#T_RL=webanno.custom.AttestRelation|relation|BT_webanno.custom.Attest\n"
                                          "\n\n#Text=\n#Text=\\tLead: a  wide gap\\r\n"));
    /* A row of whitespace is escaped as #Text= is; an empty span has a
     * zero-length sub-token; reserved characters are escaped. */
    g_assert_nonnull (strstr (tsv, "\n1-1\t0-2\t\\n\\t\t"));
    g_assert_nonnull (strstr (tsv, "\n1-1.1\t0-0\t\t"));
    g_assert_nonnull (strstr (tsv, "a\\\\b \\[c\\] \\|d\\| \\_e\\_ \\->f\\; \\*g\\* \\th\\nend\\\\["));
    /* The backslash in the text is doubled in #Text=, not in its row. */
    g_assert_nonnull (strstr (tsv, "back\\\\slash stop."));
  }

  format_test_import ("webanno", inputs, imported, "tester", NULL, &error);
  g_assert_no_error (error);

  back = format_test_load_imported (imported, "edge.txt");
  g_assert_cmpstr (attest_text_get_data (attest_document_get_text (back)), ==, EDGE_TEXT);
  assert_same_annotations (expected, back);

  back_empty = format_test_load_imported (imported, "empty.txt");
  g_assert_cmpstr (attest_text_get_data (attest_document_get_text (back_empty)), ==, "\n");

  /* A text without a closing line feed comes back with one, its span in place. */
  back_open = format_test_load_imported (imported, "open.txt");
  g_assert_cmpstr (attest_text_get_data (attest_document_get_text (back_open)), ==,
                   "No line feed at the end\n");
  {
    g_autoptr(GPtrArray) spans = format_test_get_spans (back_open);

    g_assert_cmpuint (spans->len, ==, 1);
    g_assert_cmpuint (((AttestSpan *) spans->pdata[0])->start, ==, 17);
    g_assert_cmpuint (((AttestSpan *) spans->pdata[0])->end, ==, 23);
  }
}

/* Random texts of awkward pieces and random spans on them: the text comes
 * back (with a closing line feed when it had none), every span that does
 * not cover that line feed comes back in place, and the validator finds
 * nothing to say. The seed is GTest's (--seed to repeat a run). */
static void
test_roundtrip_random (void)
{
  static const char * const pieces[] = {
    " ", "  ", "\n", "\r\n", "\t", "\r", "a", "word", "\u00e9", "e\u0301", "\U0001F600",
    "\U0001F477\u200D\u2640\uFE0F", "\U0001F1EB\U0001F1F7", ".", ",", "|", "\\", "_", "[", "]",
    "*", ";", "->", "\u6771\u4eac", "\U00020000", "\u00a0", "\u2028",
  };
  const guint n_documents = 120;
  g_autoptr(TempDir) dir = temp_dir_new ();
  g_autofree char *exported = temp_path (dir, "export");
  g_autofree char *imported = temp_path (dir, "import");
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(AttestExportJob) job = NULL;
  const char *inputs[] = { exported, NULL };
  g_autoptr(GError) error = NULL;
  const char *root = g_getenv ("ATTEST_SOURCE_ROOT");
  g_autofree char *python = g_find_program_in_path ("python3");

  for (guint d = 0; d < n_documents; d++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint n_pieces = (guint) g_test_rand_int_range (0, 40);
      AttestDocument *document;
      guint length;

      for (guint i = 0; i < n_pieces; i++)
        g_string_append (text, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
      document = format_test_new_document (text->str);
      length = attest_text_get_length (attest_document_get_text (document));

      for (guint i = 0; length > 0 && i < 6; i++)
        {
          guint a = (guint) g_test_rand_int_range (0, (gint32) length + 1);
          guint b = (guint) g_test_rand_int_range (0, (gint32) length + 1);
          AttestSpan *span = format_test_add_span (document, i % 2 ? "quote" : "fact", MIN (a, b),
                                                   MAX (a, b));

          if (span->start == span->end)
            span->flags = ATTEST_SPAN_FLAG_DELETED;
        }
      g_ptr_array_add (documents, document);
      g_ptr_array_add (names, g_strdup_printf ("r%03u.txt", d));
    }

  job = run_export ((AttestDocument **) documents->pdata, (const char **) names->pdata,
                    n_documents, exported);
  format_test_import ("webanno", inputs, imported, "tester", NULL, &error);
  g_assert_no_error (error);

  for (guint d = 0; d < n_documents; d++)
    {
      AttestDocument *original = g_ptr_array_index (documents, d);
      g_autoptr(AttestDocument) back = format_test_load_imported (imported,
                                                                  g_ptr_array_index (names, d));
      const char *text = attest_text_get_data (attest_document_get_text (original));
      g_autofree char *expected_text = g_str_has_suffix (text, "\n") ? g_strdup (text)
                                                                    : g_strconcat (text, "\n", NULL);
      guint limit = g_utf8_strlen (expected_text, -1) - 1;
      g_autoptr(GPtrArray) spans = format_test_get_spans (original);
      g_autoptr(AttestDocument) kept = format_test_new_document (expected_text);
      g_autofree char *want = NULL;
      g_autofree char *got = NULL;

      g_assert_cmpstr (attest_text_get_data (attest_document_get_text (back)), ==, expected_text);
      for (guint i = 0; i < spans->len; i++)
        {
          AttestSpan *span = g_ptr_array_index (spans, i);

          if (span->end <= limit)
            format_test_add_span (kept, span->label, span->start, span->end)->flags = span->flags;
        }
      /* ATTEST_WEBANNO_KEEP=DIR keeps them for check-webanno-inception.sh. */
      if (g_getenv ("ATTEST_WEBANNO_KEEP") != NULL)
        {
          g_autofree char *tsv_name = attest_export_file_name (g_ptr_array_index (names, d), ".tsv");
          g_autofree char *from = g_build_filename (exported, tsv_name, NULL);
          g_autofree char *tsv = format_test_read_file (from, NULL);
          g_autofree char *to = g_build_filename (g_getenv ("ATTEST_WEBANNO_KEEP"), "random", "export",
                                                  tsv_name, NULL);
          g_autofree char *sidecar_name = g_strconcat ((char *) g_ptr_array_index (names, d),
                                                       ATTEST_SIDECAR_SUFFIX, NULL);
          g_autofree char *sidecar_path = g_build_filename (g_getenv ("ATTEST_WEBANNO_KEEP"), "random",
                                                            "sidecars", sidecar_name, NULL);
          g_autoptr(GBytes) sidecar = attest_sidecar_serialize (kept);

          format_test_write_file (to, tsv, -1);
          format_test_write_file (sidecar_path, g_bytes_get_data (sidecar, NULL),
                                  (gssize) g_bytes_get_size (sidecar));
        }

      want = describe_spans (kept);
      got = describe_spans (back);
      if (g_strcmp0 (want, got) != 0)
        g_error ("%s: %s\nwant:\n%sgot:\n%s", (char *) g_ptr_array_index (names, d),
                 g_strescape (text, NULL), want, got);
    }

  if (root != NULL && python != NULL)
    {
      g_autofree char *script = g_build_filename (root, "tests", "readers", "check-webanno.py", NULL);
      const char *argv[] = { python, script, exported, NULL };
      g_autofree char *out = NULL;
      int status = 0;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                    &out, NULL, &status, &error);
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("check-webanno.py: %s", out);
    }
}

/* A file as INCEpTION writes one for a project with its NamedEntity
 * layer and a custom relation layer on it (written by hand): POS and
 * coreference layers to leave out, sentence ids, a sub-token, stacked
 * entities with ids, a relation to a sub-token, sentences apart by
 * spaces and sentences with nothing between them. */
static void
test_import_inception_style (void)
{
  g_autoptr(TempDir) dir = temp_dir_new ();
  g_autofree char *input = format_test_data_path ("export", "webanno", "inception-style.tsv", NULL);
  g_autofree char *imported = temp_path (dir, "import");
  const char *inputs[] = { input, NULL };
  g_autoptr(AttestDocument) back = NULL;
  g_autofree char *spans = NULL;
  g_autofree char *relations = NULL;
  g_autoptr(GError) error = NULL;
  AttestImportSummary summary = { 0 };

  format_test_import ("webanno", inputs, imported, "tester", &summary, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_documents, ==, 1);

  back = format_test_load_imported (imported, "inception-style.txt");
  g_assert_cmpstr (attest_text_get_data (attest_document_get_text (back)), ==,
                   "Mayor Ana Lima said \U0001F642 the plan works .\n"
                   "  \"It is done,\" she said . Fine .\n");

  /* UTF-16 offsets after the emoji are one more than the code points;
   * Quote, QUOTE and FACT are Attest's labels; PER stays as it is; the
   * Wikidata identifier makes one entity for both its mentions. */
  spans = describe_spans (back);
  g_assert_cmpstr (spans, ==,
                   "0-14 PER entity=Mayor Ana Lima/person/Q1234/-\n"
                   "6-14 speaker\n"
                   "22-36 quote\n"
                   "31-35 fact\n"
                   "42-52 quote\n"
                   "55-58 PER entity=Mayor Ana Lima/person/Q1234/-\n");

  /* Governor to Dependent; the relation without a label is named after
   * its layer. */
  relations = describe_relations (back);
  g_assert_cmpstr (relations, ==,
                   "relation 31-35 fact -> 0-14 PER\n"
                   "said-by 22-36 quote -> 6-14 speaker\n"
                   "said-by 42-52 quote -> 55-58 PER\n");
  g_assert_cmpuint (attest_document_get_n_entities (back), ==, 1);
}

/* What INCEpTION's own writer (Tsv3XSerializer, run by
 * tests/readers/check-webanno-inception.sh on our golden files) wrote
 * back: its own column order, its own ids. It must come in as the
 * fixtures it was made from. */
static void
test_import_inception_written (void)
{
  g_autoptr(TempDir) dir = temp_dir_new ();
  g_autofree char *input = format_test_data_path ("export", "webanno", "inception-written", NULL);
  g_autofree char *imported = temp_path (dir, "import");
  const char *inputs[] = { input, NULL };
  g_autoptr(GError) error = NULL;

  format_test_import ("webanno", inputs, imported, "tester", NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (fixture_names); i++)
    {
      g_autoptr(AttestDocument) original = format_test_load_fixture (fixture_names[i]);
      g_autoptr(AttestDocument) back = format_test_load_imported (imported, fixture_names[i]);

      g_assert_cmpstr (attest_text_get_data (attest_document_get_text (back)), ==,
                       attest_text_get_data (attest_document_get_text (original)));
      assert_same_annotations (original, back);
    }
}

/* A small good file; the malformed cases are edits of it. */
#define GOOD_HEADER \
  "#FORMAT=WebAnno TSV 3.3\n" \
  "#T_SP=webanno.custom.Attest|label\n" \
  "#T_RL=webanno.custom.AttestRelation|relation|BT_webanno.custom.Attest\n" \
  "\n" \
  "\n"
#define GOOD_TEXT "#Text=We agree \U0001F600 now .\n"
#define ROW1 "1-1\t0-2\tWe\tquote[1]\t_\t_\t\n"
#define ROW2 "1-2\t3-8\tagree\tquote[1]\t_\t_\t\n"
#define ROW3 "1-3\t9-11\t\U0001F600\t_\t_\t_\t\n"
#define ROW4 "1-4\t12-15\tnow\tspeaker\tsaid-by\t1-1[1_0]\t\n"
#define ROW5 "1-5\t16-17\t.\t_\t_\t_\t\n"
#define GOOD GOOD_HEADER GOOD_TEXT ROW1 ROW2 ROW3 ROW4 ROW5

static void
test_import_good (void)
{
  g_autoptr(TempDir) dir = temp_dir_new ();
  g_autofree char *input = temp_path (dir, "good.tsv");
  g_autofree char *imported = temp_path (dir, "import");
  const char *inputs[] = { input, NULL };
  g_autoptr(AttestDocument) back = NULL;
  g_autofree char *spans = NULL;
  g_autofree char *relations = NULL;
  g_autoptr(GError) error = NULL;

  format_test_write_file (input, GOOD, -1);
  format_test_import ("webanno", inputs, imported, "tester", NULL, &error);
  g_assert_no_error (error);
  back = format_test_load_imported (imported, "good.txt");
  spans = describe_spans (back);
  relations = describe_relations (back);
  g_assert_cmpstr (spans, ==, "0-8 quote\n11-14 speaker\n");
  g_assert_cmpstr (relations, ==, "said-by 0-8 quote -> 11-14 speaker\n");
}

static void
test_import_malformed (void)
{
  static const struct
  {
    const char *what;
    const char *content;
    const char *message;    /* after "bad.tsv " */
  } cases[] = {
    { "row text not at its offsets",
      GOOD_HEADER GOOD_TEXT ROW1 "1-2\t3-8\tagreed\tquote[1]\t_\t_\t\n" ROW3 ROW4 ROW5,
      "line 8: row 1-2 says “agreed” but the text at 3-8 is “agree”" },
    { "offsets backwards",
      GOOD_HEADER GOOD_TEXT ROW1 "1-2\t8-3\tagree\tquote[1]\t_\t_\t\n" ROW3 ROW4 ROW5,
      "line 8: row 1-2: “8-3” is not an offset range such as 0-4" },
    { "overlapping tokens",
      GOOD_HEADER GOOD_TEXT ROW1 "1-2\t1-8\tagree\tquote[1]\t_\t_\t\n" ROW3 ROW4 ROW5,
      "line 8: row 1-2 (1-8) overlaps the token before it (0-2)" },
    { "an offset inside a surrogate pair",
      GOOD_HEADER GOOD_TEXT ROW1 ROW2 "1-3\t9-10\t\U0001F600\t_\t_\t_\t\n" ROW4 ROW5,
      "line 9: row 1-3: offset 10 falls inside a character" },
    { "a token past its sentence",
      GOOD_HEADER GOOD_TEXT ROW1 ROW2 ROW3 ROW4 "1-5\t16-30\t.\t_\t_\t_\t\n",
      "line 11: row 1-5 ends at 30, past the end of its sentence (17)" },
    { "rows out of order",
      GOOD_HEADER GOOD_TEXT ROW1 ROW2 ROW4 ROW5,
      "line 9: row 1-4 is out of order: expected 1-3" },
    { "an unknown kind of layer",
      "#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.Attest|label\n#T_XX=webanno.custom.Odd|x\n\n\n"
      GOOD_TEXT "1-1\t0-2\tWe\t_\t\n",
      "line 3: unknown layer kind “#T_XX=”" },
    { "a relation layer on a layer the file does not have",
      "#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.Attest|label\n"
      "#T_RL=webanno.custom.AttestRelation|relation|BT_webanno.custom.Missing\n\n\n" GOOD_TEXT ROW1,
      "line 3: the relation layer webanno.custom.AttestRelation attaches to webanno.custom.Missing" },
    { "a relation to an id nobody has",
      GOOD_HEADER GOOD_TEXT ROW1 ROW2 ROW3 "1-4\t12-15\tnow\tspeaker\tsaid-by\t1-1[7_0]\t\n" ROW5,
      "line 10: the relation points at [7], which no annotation has" },
    { "a relation to an id on another row",
      GOOD_HEADER GOOD_TEXT ROW1 ROW2 ROW3 "1-4\t12-15\tnow\tspeaker\tsaid-by\t1-3[1_0]\t\n" ROW5,
      "line 10: the relation points at [1], which is not on row 1-3" },
    { "a relation to a row that does not exist",
      GOOD_HEADER GOOD_TEXT ROW1 ROW2 ROW3 "1-4\t12-15\tnow\tspeaker\tsaid-by\t1-9[1_0]\t\n" ROW5,
      "line 10: the relation points at row 1-9, which does not exist" },
    { "one id with two labels",
      GOOD_HEADER GOOD_TEXT ROW1 "1-2\t3-8\tagree\tfact[1]\t_\t_\t\n" ROW3 ROW4 ROW5,
      "line 8: [1] has “fact” for label here but “quote” on line 7" },
    { "an unescaped bracket",
      GOOD_HEADER GOOD_TEXT "1-1\t0-2\tWe\tquote[1\t_\t_\t\n" ROW2 ROW3 ROW4 ROW5,
      "line 7: “quote[1” has a bracket that is neither escaped nor an id such as [3]" },
    { "truncated in the header",
      "#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.cus",
      "line 2: the file ends in its header" },
    { "truncated after the header",
      GOOD_HEADER,
      "line 5: the file has no sentences" },
    { "truncated after #Text=",
      GOOD_HEADER GOOD_TEXT,
      "line 6: the file ends before the tokens of its last sentence" },
    { "truncated in a row",
      GOOD_HEADER GOOD_TEXT ROW1 "1-2\t3-",
      "line 8: expected 6 columns, found 2" },
    { "not TSV 3.3",
      "#FORMAT=WebAnno TSV 2\n",
      "line 1: WebAnno TSV “2” cannot be read; versions 3.2 and 3.3 can" },
    { "not WebAnno at all",
      "id\ttext\n",
      "line 1: not a WebAnno TSV file" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TempDir) dir = temp_dir_new ();
      g_autofree char *inputs_dir = temp_path (dir, "in");
      g_autofree char *good = g_build_filename (inputs_dir, "a-good.tsv", NULL);
      g_autofree char *bad = g_build_filename (inputs_dir, "bad.tsv", NULL);
      g_autofree char *imported = temp_path (dir, "import");
      g_autofree char *expected = g_strconcat ("bad.tsv ", cases[i].message, NULL);
      const char *inputs[] = { inputs_dir, NULL };
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", cases[i].what);
      format_test_write_file (good, GOOD, -1);
      format_test_write_file (bad, cases[i].content, -1);

      g_assert_false (format_test_import ("webanno", inputs, imported, "tester", NULL, &error));
      g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_INVALID);
      g_test_message ("  %s", error->message);
      if (!g_str_has_prefix (error->message, expected))
        g_error ("%s: “%s” does not begin with “%s”", cases[i].what, error->message, expected);

      /* Nothing left: not the output, not the hidden folder the good
       * file went into first. */
      format_test_assert_only_file (dir->path, "in");
    }
}

/* A folder is read recursively, in order; hidden files and other files
 * are left alone; names keep their folders. */
static void
test_import_folder (void)
{
  g_autoptr(TempDir) dir = temp_dir_new ();
  g_autofree char *inputs_dir = temp_path (dir, "in");
  g_autofree char *a = g_build_filename (inputs_dir, "a.tsv", NULL);
  g_autofree char *b = g_build_filename (inputs_dir, "batch 2", "b.tsv", NULL);
  g_autofree char *hidden = g_build_filename (inputs_dir, ".hidden.tsv", NULL);
  g_autofree char *other = g_build_filename (inputs_dir, "notes.txt", NULL);
  g_autofree char *imported = temp_path (dir, "import");
  g_autofree char *b_article = g_build_filename (imported, "batch 2", "b.txt", NULL);
  g_autofree char *hidden_article = g_build_filename (imported, ".hidden.txt", NULL);
  const char *inputs[] = { inputs_dir, NULL };
  AttestImportSummary summary = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestDocument) back = NULL;

  format_test_write_file (a, GOOD, -1);
  format_test_write_file (b, GOOD, -1);
  format_test_write_file (hidden, "not even TSV", -1);
  format_test_write_file (other, "not TSV either", -1);

  format_test_import ("webanno", inputs, imported, "tester", &summary, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_documents, ==, 2);
  g_assert_cmpuint (summary.n_spans, ==, 4);
  g_assert_cmpuint (summary.n_relations, ==, 2);
  g_assert_true (g_file_test (b_article, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (hidden_article, G_FILE_TEST_EXISTS));

  back = format_test_load_imported (imported, "a.txt");
  g_assert_cmpstr (attest_text_get_data (attest_document_get_text (back)), ==,
                   "We agree \U0001F600 now .\n");
}

/* tests/readers/check-webanno.py, the strict reading of the
 * specification, finds nothing wrong with what the exporter writes, and
 * decodes the fixtures' files to their sidecars. */
static void
test_validator (void)
{
  const char *root = g_getenv ("ATTEST_SOURCE_ROOT");
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autoptr(TempDir) dir = temp_dir_new ();
  g_autofree char *fixtures = temp_path (dir, "fixtures");
  g_autofree char *edges = temp_path (dir, "edges");
  g_autofree char *script = NULL;
  g_autofree char *sidecars = format_test_data_path ("export", NULL);
  g_autoptr(AttestExportJob) job = NULL;
  g_autoptr(AttestExportJob) edge_job = NULL;
  g_autoptr(AttestDocument) edge = build_edge_document (FALSE);
  const char *edge_name = "edge.txt";
  const char *runs[][6] = {
    { NULL, NULL, "--sidecars", NULL, NULL, NULL },
    { NULL, NULL, NULL, NULL, NULL, NULL },
  };

  if (root == NULL || python == NULL)
    {
      g_test_skip ("needs python3 and ATTEST_SOURCE_ROOT");
      return;
    }

  script = g_build_filename (root, "tests", "readers", "check-webanno.py", NULL);
  job = export_fixtures (fixtures);
  edge_job = run_export (&edge, &edge_name, 1, edges);

  runs[0][0] = python;
  runs[0][1] = script;
  runs[0][3] = sidecars;
  runs[0][4] = fixtures;
  runs[1][0] = python;
  runs[1][1] = script;
  runs[1][2] = edges;

  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr(GError) error = NULL;
      int status = 0;

      g_spawn_sync (NULL, (char **) runs[i], NULL, G_SPAWN_DEFAULT, NULL, NULL,
                    &out, &err, &status, &error);
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("check-webanno.py: %s%s", out, err);
      g_assert_nonnull (strstr (out, "0 problems"));
    }
}

/* The validator is not easy to please: a few edits it must refuse. */
static void
test_validator_refuses (void)
{
  static const struct
  {
    const char *from;
    const char *to;
  } edits[] = {
    { "1-4\t12-15", "1-4\t13-15" },               /* offsets off the text */
    { "quote[1]\t_\t_\t\n1-2", "quote\t_\t_\t\n1-2" }, /* a multi-row span without its id */
    { "1-1[1_0]", "1-1" },                          /* not ambiguous: must still resolve */
    { "1-3\t9-11", "1-3\t9-10" },                   /* half an emoji */
  };
  const char *root = g_getenv ("ATTEST_SOURCE_ROOT");
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autofree char *script = NULL;

  if (root == NULL || python == NULL)
    {
      g_test_skip ("needs python3 and ATTEST_SOURCE_ROOT");
      return;
    }
  script = g_build_filename (root, "tests", "readers", "check-webanno.py", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autoptr(TempDir) dir = temp_dir_new ();
      g_autofree char *path = temp_path (dir, "x.tsv");
      const char *at = strstr (GOOD, edits[i].from);
      g_autoptr(GString) content = g_string_new (GOOD);
      const char *argv[] = { python, script, dir->path, NULL };
      g_autofree char *out = NULL;
      int status = 0;
      g_autoptr(GError) error = NULL;

      g_assert_nonnull (at);
      g_string_erase (content, at - GOOD, (gssize) strlen (edits[i].from));
      g_string_insert (content, at - GOOD, edits[i].to);
      format_test_write_file (path, content->str, -1);

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                    &out, NULL, &status, &error);
      g_assert_no_error (error);
      /* The third edit is still a valid file (one annotation on the row):
       * the validator accepts it, and so must the importer. */
      if (i == 2)
        g_assert_true (g_spawn_check_wait_status (status, NULL));
      else
        g_assert_false (g_spawn_check_wait_status (status, NULL));
    }

  {
    g_autoptr(TempDir) dir = temp_dir_new ();
    g_autofree char *path = temp_path (dir, "good.tsv");
    const char *argv[] = { python, script, dir->path, NULL };
    int status = 0;
    g_autoptr(GError) error = NULL;

    format_test_write_file (path, GOOD, -1);
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                  NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/attest/core/format/webanno/golden", test_golden);
  g_test_add_func ("/attest/core/format/webanno/utf16", test_utf16);
  g_test_add_func ("/attest/core/format/webanno/roundtrip/fixtures", test_roundtrip_fixtures);
  g_test_add_func ("/attest/core/format/webanno/roundtrip/edges", test_roundtrip_edges);
  g_test_add_func ("/attest/core/format/webanno/roundtrip/random", test_roundtrip_random);
  g_test_add_func ("/attest/core/format/webanno/import/good", test_import_good);
  g_test_add_func ("/attest/core/format/webanno/import/inception-style", test_import_inception_style);
  g_test_add_func ("/attest/core/format/webanno/import/inception-written", test_import_inception_written);
  g_test_add_func ("/attest/core/format/webanno/import/malformed", test_import_malformed);
  g_test_add_func ("/attest/core/format/webanno/import/folder", test_import_folder);
  g_test_add_func ("/attest/core/format/webanno/validator", test_validator);
  g_test_add_func ("/attest/core/format/webanno/validator/refuses", test_validator_refuses);

  return g_test_run ();
}
