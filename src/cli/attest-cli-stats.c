/* attest-cli-stats.c: attest-cli stats
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attest-cli-private.h"

typedef struct
{
  char         *path;
  AttestStatus  status;
  guint         n_spans;
  guint         n_relations;
  guint         n_entities;
  guint         n_suggestions;
  guint         n_flagged;
} DocStats;

typedef struct
{
  GArray     *docs;                    /* of DocStats */
  GHashTable *labels;                  /* label -> count */
  GHashTable *types;                   /* relation type -> count */
  guint       by_status[ATTEST_STATUS_DONE + 1];
  guint       n_spans;
  guint       n_relations;
  guint       n_entities;
  guint       n_suggestions;
  guint       n_flagged;
  guint       n_errors;
} Stats;

static void
bump (GHashTable *table,
      const char *key)
{
  g_hash_table_insert (table, (gpointer) key,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (table, key)) + 1));
}

static gboolean
count_span (AttestSpan *span,
            gpointer    user_data)
{
  Stats *stats = ((gpointer *) user_data)[0];
  DocStats *doc = ((gpointer *) user_data)[1];

  bump (stats->labels, span->label);
  if (span->flags != ATTEST_SPAN_FLAG_NONE)
    doc->n_flagged++;

  return TRUE;
}

static void
stats_record (Stats        *stats,
              AttestCliRecord *record)
{
  g_autoptr(AttestDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  DocStats doc = { 0 };
  gpointer data[2] = { stats, &doc };

  if (!record->has_sidecar)
    {
      /* An article nobody has opened yet. */
      doc.path = attest_cli_display_path (record->article);
      doc.status = ATTEST_STATUS_NEW;
      stats->by_status[doc.status]++;
      g_array_append_val (stats->docs, doc);
      return;
    }

  file = g_file_new_for_path (record->sidecar);
  if (!(document = attest_sidecar_load (file, NULL, &error)))
    {
      attest_cli_gerror (record->sidecar, error);
      stats->n_errors++;
      return;
    }

  doc.path = attest_cli_display_path (record->article != NULL ? record->article : record->sidecar);
  doc.status = attest_document_get_status (document);
  doc.n_spans = attest_span_store_get_n_spans (attest_document_get_spans (document));
  doc.n_relations = attest_document_get_n_relations (document);
  doc.n_entities = attest_document_get_n_entities (document);
  doc.n_suggestions = attest_span_store_get_n_spans (attest_document_get_suggested_spans (document))
                      + attest_document_get_suggested_relations (document)->len;

  attest_span_store_foreach (attest_document_get_spans (document), count_span, data);
  for (guint i = 0; i < doc.n_relations; i++)
    bump (stats->types, attest_document_get_relation (document, i)->type);

  stats->by_status[doc.status]++;
  stats->n_spans += doc.n_spans;
  stats->n_relations += doc.n_relations;
  stats->n_entities += doc.n_entities;
  stats->n_suggestions += doc.n_suggestions;
  stats->n_flagged += doc.n_flagged;
  g_array_append_val (stats->docs, doc);
}

static void
print_counts_json (GString    *out,
                   GHashTable *table)
{
  g_autoptr(GPtrArray) keys = attest_cli_sorted_keys (table);
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  for (guint i = 0; i < keys->len; i++)
    attest_json_member_uint (out, &first, keys->pdata[i],
                             GPOINTER_TO_UINT (g_hash_table_lookup (table, keys->pdata[i])));
  g_string_append_c (out, '}');
}

static void
print_json (Stats *stats)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean first = TRUE;
  guint n_docs = stats->docs->len;

  g_string_append (out, "{");
  attest_json_member_uint (out, &first, "articles", n_docs);
  g_string_append (out, ", \"status\": {");
  first = TRUE;
  for (guint i = 0; i <= ATTEST_STATUS_DONE; i++)
    attest_json_member_uint (out, &first, attest_status_to_string (i), stats->by_status[i]);
  g_string_append (out, "}, ");
  first = TRUE;
  attest_json_member_uint (out, &first, "spans", stats->n_spans);
  g_string_append (out, ", \"labels\": ");
  print_counts_json (out, stats->labels);
  attest_json_member_uint (out, &first, "relations", stats->n_relations);
  g_string_append (out, ", \"relation_types\": ");
  print_counts_json (out, stats->types);
  attest_json_member_uint (out, &first, "entities", stats->n_entities);
  attest_json_member_uint (out, &first, "suggestions", stats->n_suggestions);
  attest_json_member_uint (out, &first, "flagged", stats->n_flagged);
  attest_json_member_uint (out, &first, "errors", stats->n_errors);
  g_string_append (out, ", \"documents\": [");
  for (guint i = 0; i < n_docs; i++)
    {
      const DocStats *doc = &g_array_index (stats->docs, DocStats, i);
      gboolean dfirst = TRUE;

      g_string_append (out, i == 0 ? "\n  {" : ",\n  {");
      attest_json_member_string (out, &dfirst, "file", doc->path);
      attest_json_member_string (out, &dfirst, "status", attest_status_to_string (doc->status));
      attest_json_member_uint (out, &dfirst, "spans", doc->n_spans);
      attest_json_member_uint (out, &dfirst, "relations", doc->n_relations);
      attest_json_member_uint (out, &dfirst, "entities", doc->n_entities);
      attest_json_member_uint (out, &dfirst, "suggestions", doc->n_suggestions);
      attest_json_member_uint (out, &dfirst, "flagged", doc->n_flagged);
      g_string_append_c (out, '}');
    }
  g_string_append (out, n_docs > 0 ? "\n]}\n" : "]}\n");

  fwrite (out->str, 1, out->len, stdout);
}

static void
print_table (const char *heading,
             guint       total,
             GHashTable *table)
{
  g_autoptr(GPtrArray) keys = attest_cli_sorted_keys (table);

  g_print ("%-24s %8u\n", heading, total);
  for (guint i = 0; i < keys->len; i++)
    g_print ("  %-22s %8u\n", (const char *) keys->pdata[i],
             GPOINTER_TO_UINT (g_hash_table_lookup (table, keys->pdata[i])));
}

static void
print_text (Stats *stats)
{
  guint n_docs = stats->docs->len;

  /* TRANSLATORS: "12 of 40 articles done" */
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u of %u article done", "%u of %u articles done", n_docs),
           stats->by_status[ATTEST_STATUS_DONE], n_docs);
  g_print (" (");
  g_print (_("%u in progress, %u new"),
           stats->by_status[ATTEST_STATUS_IN_PROGRESS], stats->by_status[ATTEST_STATUS_NEW]);
  g_print (")\n\n");
  print_table (_("Spans"), stats->n_spans, stats->labels);
  print_table (_("Relations"), stats->n_relations, stats->types);
  g_print ("%-24s %8u\n", _("Entities"), stats->n_entities);
  g_print ("%-24s %8u\n", _("Suggestions pending"), stats->n_suggestions);
  if (stats->n_flagged > 0)
    g_print ("%-24s %8u\n", _("Spans flagged for review"), stats->n_flagged);
}

int
attest_cli_stats (int    argc,
                  char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(AttestProgress) progress = NULL;
  g_auto(GStrv) paths = NULL;
  gboolean json = FALSE;
  Stats stats = { 0 };
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for machines"), NULL },
    { NULL }
  };

  if (!attest_cli_parse_paths (&argc, &argv, "stats",
                               _("Count spans per label and progress"),
                               NULL,
                               entries, &paths))
    return ATTEST_EXIT_USAGE;

  stats.docs = g_array_new (FALSE, TRUE, sizeof (DocStats));
  stats.labels = g_hash_table_new (g_str_hash, g_str_equal);
  stats.types = g_hash_table_new (g_str_hash, g_str_equal);

  records = attest_cli_collect (paths, &stats.n_errors);
  progress = attest_progress_new (_("Counting"), records->len);
  for (guint i = 0; i < records->len; i++)
    {
      stats_record (&stats, g_ptr_array_index (records, i));
      attest_progress_update (progress, i + 1);
    }
  g_clear_pointer (&progress, attest_progress_free);

  if (json)
    print_json (&stats);
  else
    print_text (&stats);

  for (guint i = 0; i < stats.docs->len; i++)
    g_free (g_array_index (stats.docs, DocStats, i).path);
  g_array_unref (stats.docs);
  g_hash_table_unref (stats.labels);
  g_hash_table_unref (stats.types);

  return stats.n_errors > 0 ? ATTEST_EXIT_PROBLEMS : ATTEST_EXIT_OK;
}
