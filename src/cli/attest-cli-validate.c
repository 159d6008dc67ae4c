/* attest-cli-validate.c: attest-cli validate
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attest-cli-private.h"

typedef struct
{
  GHashTable *tagsets;     /* folder -> AttestTagset, or NULL value when invalid */
  guint       n_files;
  guint       n_bad_files;
  guint       n_errors;
  guint       n_warnings;
} Validate;

static AttestTagset *
tagset_for (Validate   *v,
            const char *article_path)
{
  g_autofree char *folder = g_path_get_dirname (article_path);
  g_autoptr(GFile) article = NULL;
  g_autoptr(GFile) found = NULL;
  g_autoptr(GError) error = NULL;
  AttestTagset *tagset;

  if (g_hash_table_lookup_extended (v->tagsets, folder, NULL, (gpointer *) &tagset))
    return tagset;

  article = g_file_new_for_path (article_path);
  tagset = attest_tagset_find_for_article (article, &found, NULL, &error);
  if (tagset == NULL)
    {
      g_autofree char *where = found != NULL ? g_file_get_path (found)
                                             : g_build_filename (folder, ATTEST_TAGSET_FILE_NAME, NULL);

      attest_cli_gerror (where, error);
      v->n_errors++;
    }

  g_hash_table_insert (v->tagsets, g_steal_pointer (&folder), tagset);

  return tagset;
}

typedef struct
{
  AttestTagset *tagset;
  GHashTable   *unknown;   /* label -> number of spans */
} UnknownLabels;

static gboolean
count_unknown_label (AttestSpan *span,
                     gpointer    user_data)
{
  UnknownLabels *u = user_data;

  if (attest_tagset_lookup_label (u->tagset, span->label) == NULL)
    g_hash_table_insert (u->unknown, (gpointer) span->label,
                         GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (u->unknown, span->label)) + 1));

  return TRUE;
}

/* Labels and relation types the tag set does not know are kept and
 * written back, so they are warnings, not errors. */
static void
check_tagset (Validate       *v,
              const char     *sidecar,
              AttestDocument *document,
              AttestTagset   *tagset)
{
  g_autoptr(GHashTable) unknown = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) unknown_types = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) labels = NULL;
  UnknownLabels u = { tagset, unknown };

  attest_span_store_foreach (attest_document_get_spans (document), count_unknown_label, &u);

  labels = attest_cli_sorted_keys (unknown);
  for (guint i = 0; i < labels->len; i++)
    {
      const char *label = *(const char **) &labels->pdata[i];
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (unknown, label));

      attest_cli_warning (sidecar,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "label “%s” is not in the tag set “%s” (%u span); it is kept as it is",
                                       "label “%s” is not in the tag set “%s” (%u spans); they are kept as they are",
                                       n),
                          label, attest_tagset_get_name (tagset), n);
      v->n_warnings++;
    }

  for (guint i = 0; i < attest_document_get_n_relations (document); i++)
    {
      AttestRelation *r = attest_document_get_relation (document, i);

      if (attest_tagset_lookup_relation_type (tagset, r->type) == NULL &&
          !g_hash_table_contains (unknown_types, r->type))
        {
          g_hash_table_add (unknown_types, (gpointer) r->type);
          attest_cli_warning (sidecar,
                              _("relation type “%s” is not in the tag set “%s”; it is kept as it is"),
                              r->type, attest_tagset_get_name (tagset));
          v->n_warnings++;
        }
    }
}

static void
validate_record (Validate     *v,
                 AttestCliRecord *record)
{
  g_autoptr(AttestDocument) document = NULL;
  g_autoptr(AttestText) article_text = NULL;
  g_autoptr(GError) error = NULL;
  guint errors_before = v->n_errors;

  v->n_files++;

  if (record->article != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (record->article);

      article_text = attest_text_load_file (file, NULL, NULL, &error);
      if (article_text == NULL)
        {
          attest_cli_gerror (record->article, error);
          g_clear_error (&error);
          v->n_errors++;
        }
    }

  if (record->has_sidecar)
    {
      g_autoptr(GFile) file = g_file_new_for_path (record->sidecar);
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *article_path = attest_sidecar_article_path (record->sidecar);
      AttestTagset *tagset;

      document = attest_sidecar_load (file, NULL, &error);
      if (document == NULL)
        {
          attest_cli_gerror (record->sidecar, error);
          v->n_errors++;
          v->n_bad_files++;
          return;
        }

      if (attest_document_get_read_only (document))
        {
          g_autofree char *version_str = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                          attest_document_get_version (document));

          attest_cli_warning (record->sidecar,
                              _("written by a newer Attest (format version %s); "
                                "checked only as far as this version understands it"),
                              version_str);
          v->n_warnings++;
        }

      if (!attest_document_check (document, problems))
        {
          for (guint i = 0; i < problems->len; i++)
            attest_cli_error (record->sidecar, "%s", (const char *) problems->pdata[i]);
          v->n_errors += problems->len;
        }

      if ((tagset = tagset_for (v, article_path)) != NULL)
        check_tagset (v, record->sidecar, document, tagset);

      if (record->article == NULL)
        {
          attest_cli_warning (record->sidecar,
                              _("its article is missing; the text stored in the sidecar is used"));
          v->n_warnings++;
        }
      else if (article_text != NULL &&
               g_strcmp0 (attest_text_get_sha256 (article_text),
                          attest_text_get_sha256 (attest_document_get_text (document))) != 0)
        {
          attest_cli_warning (record->sidecar,
                              _("the article changed after it was annotated; "
                                "run “attest-cli update” to re-anchor the spans"));
          v->n_warnings++;
        }
    }

  if (v->n_errors > errors_before)
    v->n_bad_files++;
}

int
attest_cli_validate (int    argc,
                     char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(AttestProgress) progress = NULL;
  g_auto(GStrv) paths = NULL;
  Validate v = { 0 };

  if (!attest_cli_parse_paths (&argc, &argv, "validate",
                               _("Check sidecars and articles"),
                               _("Checks each sidecar against the format, its references, its "
                               "tag set and its article. Files are never modified."),
                               NULL, &paths))
    return ATTEST_EXIT_USAGE;

  v.tagsets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) attest_tagset_unref);
  records = attest_cli_collect (paths, &v.n_errors);
  progress = attest_progress_new (_("Validating"), records->len);

  for (guint i = 0; i < records->len; i++)
    {
      validate_record (&v, g_ptr_array_index (records, i));
      attest_progress_update (progress, i + 1);
    }
  g_clear_pointer (&progress, attest_progress_free);
  g_hash_table_unref (v.tagsets);

  g_print (g_dngettext (GETTEXT_PACKAGE, "%u file checked: ", "%u files checked: ", v.n_files),
           v.n_files);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", v.n_errors), v.n_errors);
  g_print (", ");
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u warning\n", "%u warnings\n", v.n_warnings), v.n_warnings);

  return v.n_errors > 0 ? ATTEST_EXIT_PROBLEMS : ATTEST_EXIT_OK;
}
