/* attest-cli-fmt.c: attest-cli fmt
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-cli-private.h"

/* Returns TRUE when the file is fine (canonical already or rewritten). */
static gboolean
fmt_sidecar (const char *path,
             gboolean   *rewritten)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AttestDocument) document = NULL;
  g_autoptr(GBytes) canonical = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *display = g_file_get_basename (file);
  g_autofree char *data = NULL;
  gsize len;

  *rewritten = FALSE;

  if (!g_file_load_contents (file, NULL, &data, &len, NULL, &error))
    {
      attest_cli_error (path, "%s", error->message);
      return FALSE;
    }

  if (!(document = attest_sidecar_parse (data, len, display, &error)))
    {
      attest_cli_gerror (path, error);
      return FALSE;
    }

  if (attest_document_get_read_only (document))
    {
      g_autofree char *version_str = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                      attest_document_get_version (document));

      attest_cli_error (path,
                        _("not rewritten: written by a newer Attest (format version %s)"),
                        version_str);
      return FALSE;
    }

  /* A file with dangling references is not rewritten: it may be
   * mid-edit by hand, and validate tells what to fix. */
  if (!attest_document_check (document, problems))
    {
      for (guint i = 0; i < problems->len; i++)
        attest_cli_error (path, "%s", (const char *) problems->pdata[i]);
      attest_cli_error (path, _("not rewritten until these are fixed"));
      return FALSE;
    }

  canonical = attest_sidecar_serialize (document);
  if (g_bytes_get_size (canonical) == len &&
      memcmp (g_bytes_get_data (canonical, NULL), data, len) == 0)
    return TRUE;

  if (!attest_file_replace_atomic (file,
                                   g_bytes_get_data (canonical, NULL),
                                   g_bytes_get_size (canonical),
                                   NULL, &error))
    {
      attest_cli_gerror (path, error);
      return FALSE;
    }

  *rewritten = TRUE;

  return TRUE;
}

int
attest_cli_fmt (int    argc,
                char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(AttestProgress) progress = NULL;
  g_auto(GStrv) paths = NULL;
  guint n_errors = 0, n_sidecars = 0, n_rewritten = 0;

  if (!attest_cli_parse_paths (&argc, &argv, "fmt",
                               _("Rewrite sidecars in canonical form"),
                               _("Sidecars already in canonical form are left untouched; "
                               "others are replaced atomically."),
                               NULL, &paths))
    return ATTEST_EXIT_USAGE;

  records = attest_cli_collect (paths, &n_errors);
  progress = attest_progress_new (_("Formatting"), records->len);

  for (guint i = 0; i < records->len; i++)
    {
      AttestCliRecord *record = g_ptr_array_index (records, i);
      gboolean rewritten;

      attest_progress_update (progress, i + 1);

      if (!record->has_sidecar)
        continue;

      n_sidecars++;
      if (!fmt_sidecar (record->sidecar, &rewritten))
        n_errors++;
      else if (rewritten)
        {
          g_autofree char *display = attest_cli_display_path (record->sidecar);

          n_rewritten++;
          g_print (_("reformatted %s\n"), display);
        }
    }
  g_clear_pointer (&progress, attest_progress_free);

  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "%u of %u sidecar reformatted",
                        "%u of %u sidecars reformatted",
                        n_sidecars),
           n_rewritten, n_sidecars);
  g_print ("\n");

  return n_errors > 0 ? ATTEST_EXIT_PROBLEMS : ATTEST_EXIT_OK;
}
