/* attest-cli-common.c: finding records, reporting, progress
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "attest-cli-private.h"

/**
 * attest_cli_parse_paths:
 * @entries: (nullable): the command's own options, %NULL-terminated
 *
 * Parses a command's options and its PATH arguments; says what is wrong
 * and returns %FALSE on a usage error (exit status 2).
 */
gboolean
attest_cli_parse_paths (int            *argc,
                        char         ***argv,
                        const char     *command,
                        const char     *parameter,
                        const char     *summary,
                        GOptionEntry   *entries,
                        char         ***paths)
{
  if (!attest_cli_parse_options (argc, argv, command, parameter, summary, entries, paths))
    return FALSE;

  if (*paths == NULL || (*paths)[0] == NULL)
    {
      /* TRANSLATORS: "validate needs at least one PATH" */
      g_printerr ("attest-cli: ");
      g_printerr (_("%s needs at least one PATH"), command);
      g_printerr ("\n");
      return FALSE;
    }

  return TRUE;
}

/**
 * attest_cli_parse_options:
 *
 * As attest_cli_parse_paths(), but no PATH is needed (a command that can
 * read its inputs from elsewhere checks that itself).
 */
gboolean
attest_cli_parse_options (int            *argc,
                          char         ***argv,
                          const char     *command,
                          const char     *parameter,
                          const char     *summary,
                          GOptionEntry   *entries,
                          char         ***paths)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("attest-cli %s", command);
  g_autofree char *full_summary = summary != NULL ? g_strdup_printf ("%s\n\n%s", parameter, summary)
                                                  : g_strdup (parameter);
  GOptionEntry remaining[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, paths, NULL, N_("PATH…") },
    { NULL }
  };

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, remaining, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, full_summary);

  /* "Usage: attest-cli stats [OPTION…] PATH…" */
  g_set_prgname (prgname);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("attest-cli: %s\n", error->message);
      return FALSE;
    }

  return TRUE;
}

void
attest_cli_record_free (AttestCliRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->article);
  g_free (record->sidecar);
  g_free (record);
}

char *
attest_cli_display_path (const char *path)
{
  g_autofree char *cwd = g_get_current_dir ();
  gsize len = strlen (cwd);

  if (g_str_has_prefix (path, cwd) && path[len] == G_DIR_SEPARATOR)
    return g_strdup (path + len + 1);

  return g_strdup (path);
}

static void
report (const char *file,
        const char *kind,
        const char *message)
{
  g_autofree char *display = file != NULL ? attest_cli_display_path (file) : NULL;

  if (display != NULL && kind != NULL)
    g_printerr ("attest-cli: %s: %s: %s\n", display, kind, message);
  else if (display != NULL)
    g_printerr ("attest-cli: %s: %s\n", display, message);
  else
    g_printerr ("attest-cli: %s\n", message);
}

void
attest_cli_error (const char *file,
                  const char *format,
                  ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  report (file, NULL, message);
}

void
attest_cli_warning (const char *file,
                    const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  report (file, _("warning"), message);
}

void
attest_cli_gerror (const char   *file,
                   const GError *error)
{
  g_autofree char *base = g_path_get_basename (file);
  const char *message = error->message;

  /* Core messages begin with the file's base name; do not say it twice. */
  if (g_str_has_prefix (message, base))
    {
      const char *rest = message + strlen (base);

      if (g_str_has_prefix (rest, ": "))
        message = rest + 2;
      else if (*rest == ' ')
        message = rest + 1;
    }

  report (file, NULL, message);
}

static void
add_record (GHashTable *seen,
            GPtrArray  *records,
            const char *article,
            const char *sidecar)
{
  AttestCliRecord *record;

  if (g_hash_table_contains (seen, sidecar))
    return;

  record = g_new0 (AttestCliRecord, 1);
  record->article = g_strdup (article);
  record->sidecar = g_strdup (sidecar);
  record->has_sidecar = g_file_test (sidecar, G_FILE_TEST_IS_REGULAR);
  g_hash_table_add (seen, g_strdup (sidecar));
  g_ptr_array_add (records, record);
}

static void
add_file (GHashTable *seen,
          GPtrArray  *records,
          const char *path)
{
  if (attest_sidecar_is_sidecar_name (path))
    {
      g_autofree char *article = attest_sidecar_article_path (path);

      add_record (seen, records,
                  g_file_test (article, G_FILE_TEST_IS_REGULAR) ? article : NULL,
                  path);
    }
  else
    {
      g_autofree char *sidecar = attest_sidecar_path_for_article (path);

      add_record (seen, records, path, sidecar);
    }
}

int
attest_cli_compare_strings (gconstpointer a,
                            gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
attest_cli_sorted_keys (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_sized_new (g_hash_table_size (table));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, attest_cli_compare_strings);

  return keys;
}

static gboolean
walk (GHashTable *seen,
      GPtrArray  *records,
      const char *folder,
      guint       depth)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gboolean ok = TRUE;
  const char *name;
  GStatBuf st;

  /* Symlink loops and absurd trees end here. */
  if (depth > 64)
    {
      attest_cli_error (folder, _("folders nested too deep; skipped"));
      return FALSE;
    }

  if (!(dir = g_dir_open (folder, 0, &error)))
    {
      attest_cli_error (folder, "%s", error->message);
      return FALSE;
    }

  while ((name = g_dir_read_name (dir)))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, attest_cli_compare_strings);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = NULL;

      name = g_ptr_array_index (names, i);
      /* Hidden files: .git, and temp files of an interrupted save. */
      if (name[0] == '.')
        continue;

      path = g_build_filename (folder, name, NULL);

      /* One lstat() for what a name is: a corpus has tens of thousands. A
       * symlink to a folder is not followed; one to a file is taken. */
      if (g_lstat (path, &st) != 0)
        continue;
      if (S_ISDIR (st.st_mode))
        ok &= walk (seen, records, path, depth + 1);
      else if (S_ISLNK (st.st_mode) && g_file_test (path, G_FILE_TEST_IS_DIR))
        continue;
      else if (attest_sidecar_is_sidecar_name (name) || attest_corpus_is_article_name (name))
        add_file (seen, records, path);
    }

  return ok;
}

static int
compare_records (gconstpointer a,
                 gconstpointer b)
{
  const AttestCliRecord *ra = *(const AttestCliRecord * const *) a;
  const AttestCliRecord *rb = *(const AttestCliRecord * const *) b;

  return strcmp (ra->sidecar, rb->sidecar);
}

GPtrArray *
attest_cli_collect (char  **paths,
                    guint  *n_errors)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_cli_record_free);

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      g_autofree char *path = g_canonicalize_filename (paths[i], NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          guint first = records->len;

          if (!walk (seen, records, path, 0))
            (*n_errors)++;
          else if (records->len == first)
            attest_cli_warning (path, _("no articles or sidecars in this folder"));
        }
      else if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        add_file (seen, records, path);
      else
        {
          attest_cli_error (path, _("no such file or folder"));
          (*n_errors)++;
        }
    }

  g_ptr_array_sort (records, compare_records);

  return records;
}

struct _AttestProgress
{
  char   *what;
  guint   total;
  gint64  started;
  gint64  last_draw;
  guint   drawn : 1;
};

AttestProgress *
attest_progress_new (const char *what,
                     guint       total)
{
  AttestProgress *progress = g_new0 (AttestProgress, 1);

  progress->what = g_strdup (what);
  progress->total = total;
  progress->started = g_get_monotonic_time ();

  return progress;
}

void
attest_progress_update (AttestProgress *progress,
                        guint           done)
{
  gint64 now = g_get_monotonic_time ();
  char bar[31];
  guint filled;

  /* Only on a terminal, only once a run takes long enough to wonder
   * about, and at most ten times a second. */
  if (progress->total == 0 || !isatty (STDERR_FILENO))
    return;
  if (now - progress->started < G_USEC_PER_SEC / 2 || now - progress->last_draw < G_USEC_PER_SEC / 10)
    return;

  progress->last_draw = now;
  progress->drawn = TRUE;
  filled = (guint) ((guint64) done * 30 / progress->total);
  memset (bar, '#', filled);
  memset (bar + filled, '-', 30 - filled);
  bar[30] = '\0';
  fprintf (stderr, "\r%s [%s] %u/%u", progress->what, bar, done, progress->total);
  fflush (stderr);
}

void
attest_progress_free (AttestProgress *progress)
{
  if (progress == NULL)
    return;

  if (progress->drawn)
    fprintf (stderr, "\r\033[K");
  g_free (progress->what);
  g_free (progress);
}
