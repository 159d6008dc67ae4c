/* attest-cli-update.c: attest-cli update
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attest-cli-private.h"

/* A short, one-line quotation of span text for the review list. */
static char *
excerpt (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p;
  guint n = 0;

  for (p = text; p != NULL && *p != '\0' && n < 100; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\r' || c == '\t')
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  if (p != NULL && *p != '\0')
    g_string_append (out, "…");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
list_flagged (AttestDocument       *document,
              AttestReanchorReport *report)
{
  AttestText *text = attest_document_get_text (document);

  for (guint i = 0; i < report->flagged->len; i++)
    {
      AttestSpan *span = g_ptr_array_index (report->flagged, i);
      g_autofree char *now = attest_text_slice (text, span->start, span->end);
      g_autofree char *was = excerpt (span->old_text);
      g_autofree char *is = excerpt (now);

      if (span->flags & ATTEST_SPAN_FLAG_DELETED)
        /* TRANSLATORS: a span whose text was deleted from the article */
        g_print (_("  %s %s [%u, %u) deleted: was “%s”\n"),
                 span->id, span->label, span->start, span->end, was);
      else
        /* TRANSLATORS: a span whose text was changed in the article */
        g_print (_("  %s %s [%u, %u) changed: “%s” → “%s”\n"),
                 span->id, span->label, span->start, span->end, was, is);
    }
}

static gboolean
update_record (AttestCliRecord *record,
               gboolean     *updated)
{
  g_autoptr(GFile) sidecar = g_file_new_for_path (record->sidecar);
  g_autoptr(GFile) article = NULL;
  g_autoptr(AttestDocument) document = NULL;
  g_autoptr(AttestText) text = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = attest_cli_display_path (record->sidecar);
  AttestReanchorReport report = { 0 };

  *updated = FALSE;

  if (record->article == NULL)
    {
      attest_cli_warning (record->sidecar, _("its article is missing; nothing to re-anchor to"));
      return TRUE;
    }

  if (!(document = attest_sidecar_load (sidecar, NULL, &error)))
    {
      attest_cli_gerror (record->sidecar, error);
      return FALSE;
    }

  article = g_file_new_for_path (record->article);
  if (!(text = attest_text_load_file (article, NULL, NULL, &error)))
    {
      attest_cli_gerror (record->article, error);
      return FALSE;
    }

  if (g_strcmp0 (attest_text_get_sha256 (text),
                 attest_text_get_sha256 (attest_document_get_text (document))) == 0)
    return TRUE;

  if (attest_document_get_read_only (document))
    {
      g_autofree char *version_str = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                      attest_document_get_version (document));

      attest_cli_error (record->sidecar,
                        _("not updated: written by a newer Attest (format version %s)"),
                        version_str);
      return FALSE;
    }

  if (!attest_reanchor_document (document, text, &report, NULL, &error))
    {
      attest_cli_gerror (record->sidecar, error);
      attest_reanchor_report_clear (&report);
      return FALSE;
    }

  attest_document_set_generator (document, ATTEST_GENERATOR);
  if (!attest_sidecar_save (document, sidecar, NULL, &error))
    {
      attest_cli_gerror (record->sidecar, error);
      attest_reanchor_report_clear (&report);
      return FALSE;
    }

  *updated = TRUE;
  g_print (_("%s: re-anchored to the changed article: %u spans unchanged, %u changed, %u deleted\n"),
           display, report.n_moved, report.n_changed, report.n_deleted);
  list_flagged (document, &report);
  attest_reanchor_report_clear (&report);

  return TRUE;
}

int
attest_cli_update (int    argc,
                   char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(AttestProgress) progress = NULL;
  g_auto(GStrv) paths = NULL;
  guint n_errors = 0, n_updated = 0, n_sidecars = 0;

  if (!attest_cli_parse_paths (&argc, &argv, "update",
                               _("Re-anchor sidecars whose article changed"),
                               _("Maps every span through the difference between the text "
                               "stored in the sidecar and the article now. Spans whose text "
                               "changed or vanished are kept, flagged for review and listed."),
                               NULL, &paths))
    return ATTEST_EXIT_USAGE;

  records = attest_cli_collect (paths, &n_errors);
  progress = attest_progress_new (_("Updating"), records->len);

  for (guint i = 0; i < records->len; i++)
    {
      AttestCliRecord *record = g_ptr_array_index (records, i);
      gboolean updated;

      attest_progress_update (progress, i + 1);

      if (!record->has_sidecar)
        continue;

      n_sidecars++;
      if (!update_record (record, &updated))
        n_errors++;
      else if (updated)
        n_updated++;
    }
  g_clear_pointer (&progress, attest_progress_free);

  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "%u of %u sidecar re-anchored",
                        "%u of %u sidecars re-anchored",
                        n_sidecars),
           n_updated, n_sidecars);
  g_print ("\n");

  return n_errors > 0 ? ATTEST_EXIT_PROBLEMS : ATTEST_EXIT_OK;
}
