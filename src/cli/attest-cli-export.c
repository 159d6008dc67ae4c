/* attest-cli-export.c: attest-cli export
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-cli-private.h"
#include "attest-export.h"
#include "attest-export-labelstudio.h"

/* Which documents, named how:
 *
 * - the PATHs as every command takes them, plus the lines of
 *   --files-from (one path per line; "-" reads standard input), so a
 *   batch engine can hand each job its own list;
 * - a document's name in the export is its article's path relative to
 *   --root, or else to the one folder given, or else to the deepest
 *   folder that holds every input. Names are thus unique, and stable for
 *   the same inputs. */

static char **
read_files_from (const char  *from,
                 GError     **error)
{
  g_autofree char *data = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *paths = g_ptr_array_new ();
  gsize len = 0;

  if (strcmp (from, "-") == 0)
    {
      GString *in = g_string_new (NULL);
      char buf[65536];
      size_t n;

      while ((n = fread (buf, 1, sizeof buf, stdin)) > 0)
        g_string_append_len (in, buf, n);
      if (ferror (stdin))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("cannot read standard input"));
          g_string_free (in, TRUE);
          g_ptr_array_unref (paths);
          return NULL;
        }
      len = in->len;
      data = g_string_free (in, FALSE);
    }
  else if (!g_file_get_contents (from, &data, &len, error))
    {
      g_ptr_array_unref (paths);
      return NULL;
    }

  lines = g_strsplit (data, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strchomp (lines[i]);   /* also a CR of CRLF */

      if (*line != '\0')
        g_ptr_array_add (paths, g_strdup (line));
    }
  g_ptr_array_add (paths, NULL);

  return (char **) g_ptr_array_free (paths, FALSE);
}

static char *
common_folder (GPtrArray *records)
{
  char *common = NULL;

  for (guint i = 0; i < records->len; i++)
    {
      AttestCliRecord *record = g_ptr_array_index (records, i);
      g_autofree char *dir = g_path_get_dirname (record->sidecar);

      if (common == NULL)
        common = g_steal_pointer (&dir);
      else
        {
          /* Shorten to the longest prefix ending at a folder boundary. */
          gsize n = 0;

          while (common[n] != '\0' && common[n] == dir[n])
            n++;
          if (!(common[n] == '\0' && (dir[n] == '\0' || dir[n] == G_DIR_SEPARATOR)))
            {
              while (n > 0 && common[n] != G_DIR_SEPARATOR)
                n--;
              common[n > 0 ? n : 1] = '\0';
            }
        }
    }

  return common;
}

static char *
document_name (const char   *root,
               AttestCliRecord *record)
{
  g_autofree char *article = attest_sidecar_article_path (record->sidecar);
  gsize len = strlen (root);

  if (g_str_has_prefix (article, root) && article[len] == G_DIR_SEPARATOR)
    return g_strdup (article + len + 1);
  if (strcmp (root, "/") == 0 && article[0] == G_DIR_SEPARATOR)
    return g_strdup (article + 1);

  return g_path_get_basename (article);
}

static void
problem (const char   *path,
         const GError *error,
         gpointer      user_data)
{
  attest_cli_gerror (path, error);
}

static void
progress (guint64  done,
          guint64  total,
          gpointer user_data)
{
  attest_progress_update (user_data, (guint) done);
}

static gboolean
parse_status (const char *str,
              int        *status)
{
  AttestStatus value;

  if (str == NULL)
    {
      *status = -1;
      return TRUE;
    }
  if (!attest_status_from_string (str, &value))
    return FALSE;

  *status = value;
  return TRUE;
}

static void
print_summary (const AttestExporter      *exporter,
               const AttestExportSummary *summary,
               const char                *output,
               guint                      n_unannotated)
{
  g_auto(GStrv) dropped = attest_export_summary_describe_dropped (summary, exporter);
  g_autofree char *where = output != NULL ? attest_cli_display_path (output) : g_strdup (_("standard output"));

  /* TRANSLATORS: "Exported 12 documents (340 spans, 120 relations) to
   * out.jsonl": what the format holds; what it could not hold follows. */
  g_printerr (g_dngettext (GETTEXT_PACKAGE,
                           "Exported %" G_GUINT64_FORMAT " document (%" G_GUINT64_FORMAT " spans, %"
                           G_GUINT64_FORMAT " relations) to %s\n",
                           "Exported %" G_GUINT64_FORMAT " documents (%" G_GUINT64_FORMAT " spans, %"
                           G_GUINT64_FORMAT " relations) to %s\n",
                           summary->n_documents),
              summary->n_documents, summary->n_spans, summary->n_relations, where);
  if (summary->n_files > 1)
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "  in %u file\n", "  in %u files\n", summary->n_files),
                summary->n_files);
  for (guint i = 0; dropped[i] != NULL; i++)
    g_printerr ("  %s\n", dropped[i]);
  if (summary->n_skipped > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "  %" G_GUINT64_FORMAT " document left out by --status\n",
                             "  %" G_GUINT64_FORMAT " documents left out by --status\n", summary->n_skipped),
                summary->n_skipped);
  if (n_unannotated > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "  %u article without a sidecar left out\n",
                             "  %u articles without a sidecar left out\n", n_unannotated),
                n_unannotated);
  if (summary->n_problems > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "  %" G_GUINT64_FORMAT " sidecar could not be read (see above)\n",
                             "  %" G_GUINT64_FORMAT " sidecars could not be read (see above)\n", summary->n_problems),
                summary->n_problems);
}

static void
print_formats (void)
{
  guint n;
  const AttestExporter * const *all = attest_exporters_get_all (&n);

  g_printerr (_("Formats:\n"));
  for (guint i = 0; i < n; i++)
    g_printerr ("  %-12s %s\n", attest_exporter_get_name (all[i]), attest_exporter_get_title (all[i]));
}

int
attest_cli_export (int    argc,
                   char **argv)
{
  g_auto(GStrv) paths = NULL;
  g_auto(GStrv) labels = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) all_paths = g_ptr_array_new ();
  g_autoptr(AttestExportJob) job = NULL;
  g_autoptr(AttestTagset) tagset = NULL;
  g_autoptr(AttestProgress) bar = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *status_str = NULL;
  g_autofree char *labels_str = NULL;
  g_autofree char *files_from = NULL;
  g_autofree char *root_arg = NULL;
  g_autofree char *root = NULL;
  g_auto(GStrv) listed = NULL;
  const AttestExporter *exporter;
  AttestExportOptions options = ATTEST_EXPORT_OPTIONS_INIT;
  const AttestExportSummary *summary;
  gint shard_size = 0;
  gint threads = 0;
  gboolean quiet = FALSE;
  guint n_errors = 0;
  guint n_unannotated = 0;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("The format (see below)"), N_("FMT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The output file or folder (default: standard output)"), N_("OUT") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_str, N_("Only documents with this status: new, in-progress or done"), N_("S") },
    { "labels", 0, 0, G_OPTION_ARG_STRING, &labels_str, N_("Only spans with these labels, and the relations between them"), N_("L,…") },
    { "files-from", 0, 0, G_OPTION_ARG_FILENAME, &files_from, N_("Read more paths from FILE, one per line (- for standard input)"), N_("FILE") },
    { "shard-size", 0, 0, G_OPTION_ARG_INT, &shard_size, N_("Start a new output file every N documents (OUT-00000.ext, …)"), N_("N") },
    { "root", 0, 0, G_OPTION_ARG_FILENAME, &root_arg, N_("Name documents by their path relative to DIR"), N_("DIR") },
    { "threads", 'j', 0, G_OPTION_ARG_INT, &threads, N_("Worker threads (default: one per core)"), N_("N") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print no summary"), NULL },
    { NULL }
  };

  if (!attest_cli_parse_options (&argc, &argv, "export", _("Write a dataset"),
                                 _("Formats: jsonl spacy doccano brat conll w3c labelstudio webanno csv html"),
                                 entries, &paths))
    return ATTEST_EXIT_USAGE;

  if (format == NULL)
    {
      g_printerr ("attest-cli: %s\n", _("export needs --format"));
      print_formats ();
      return ATTEST_EXIT_USAGE;
    }
  if (!(exporter = attest_exporter_lookup (format)))
    {
      g_printerr ("attest-cli: ");
      g_printerr (_("unknown format “%s”"), format);
      g_printerr ("\n");
      print_formats ();
      return ATTEST_EXIT_USAGE;
    }
  if (!parse_status (status_str, &options.status))
    {
      g_printerr ("attest-cli: ");
      g_printerr (_("unknown status “%s”: use new, in-progress or done"), status_str);
      g_printerr ("\n");
      return ATTEST_EXIT_USAGE;
    }
  if (shard_size < 0 || threads < 0)
    {
      g_printerr ("attest-cli: %s\n", _("--shard-size and --threads take a positive number"));
      return ATTEST_EXIT_USAGE;
    }
  if (shard_size > 0 && output == NULL)
    {
      g_printerr ("attest-cli: %s\n", _("--shard-size needs an output file (-o)"));
      return ATTEST_EXIT_USAGE;
    }
  if (attest_exporter_get_layout (exporter) == ATTEST_EXPORT_FOLDER && output == NULL)
    {
      g_printerr ("attest-cli: ");
      g_printerr (_("%s writes a folder: give one with -o"), format);
      g_printerr ("\n");
      return ATTEST_EXIT_USAGE;
    }
  if (shard_size > 0 && attest_exporter_get_layout (exporter) == ATTEST_EXPORT_FOLDER)
    {
      g_printerr ("attest-cli: ");
      g_printerr (_("%s writes a file per document; --shard-size is for formats written to one file"), format);
      g_printerr ("\n");
      return ATTEST_EXIT_USAGE;
    }

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    g_ptr_array_add (all_paths, paths[i]);
  if (files_from != NULL)
    {
      if (!(listed = read_files_from (files_from, &error)))
        {
          attest_cli_error (files_from, "%s", error->message);
          return ATTEST_EXIT_PROBLEMS;
        }
      for (guint i = 0; listed[i] != NULL; i++)
        g_ptr_array_add (all_paths, listed[i]);
    }
  if (all_paths->len == 0)
    {
      g_printerr ("attest-cli: %s\n", _("export needs at least one PATH (or --files-from)"));
      return ATTEST_EXIT_USAGE;
    }
  g_ptr_array_add (all_paths, NULL);

  if (labels_str != NULL)
    {
      labels = g_strsplit (labels_str, ",", -1);
      for (guint i = 0; labels[i] != NULL; i++)
        g_strstrip (labels[i]);
      options.labels = labels;
    }
  options.shard_size = shard_size;
  options.threads = threads;

  records = attest_cli_collect ((char **) all_paths->pdata, &n_errors);

  if (root_arg != NULL)
    root = g_canonicalize_filename (root_arg, NULL);
  else if (paths != NULL && paths[0] != NULL && paths[1] == NULL && listed == NULL &&
           g_file_test (paths[0], G_FILE_TEST_IS_DIR))
    root = g_canonicalize_filename (paths[0], NULL);
  else
    root = common_folder (records);

  /* The tag set of the first article: colours and relation types for the
   * formats that describe the labels (html, brat). */
  for (guint i = 0; i < records->len && tagset == NULL; i++)
    {
      AttestCliRecord *record = g_ptr_array_index (records, i);
      g_autofree char *article = attest_sidecar_article_path (record->sidecar);
      g_autoptr(GFile) file = g_file_new_for_path (article);
      g_autoptr(GError) local_error = NULL;

      if (!record->has_sidecar)
        continue;
      if (!(tagset = attest_tagset_find_for_article (file, NULL, NULL, &local_error)))
        {
          attest_cli_warning (article, "%s", local_error->message);
          tagset = attest_tagset_new_default ();
        }
    }
  options.tagset = tagset;

  job = attest_export_job_new (exporter, &options);
  for (guint i = 0; i < records->len; i++)
    {
      AttestCliRecord *record = g_ptr_array_index (records, i);
      g_autofree char *name = NULL;

      if (!record->has_sidecar)
        {
          n_unannotated++;
          continue;
        }
      name = document_name (root != NULL ? root : "/", record);
      attest_export_job_add_sidecar (job, record->sidecar, name);
    }

  bar = attest_progress_new (_("Exporting"), records->len - n_unannotated);
  attest_export_job_set_problem_func (job, problem, NULL);
  attest_export_job_set_progress_func (job, progress, bar);

  if (!attest_export_job_run (job, output, NULL, &error))
    {
      g_clear_pointer (&bar, attest_progress_free);
      attest_cli_error (output, "%s", error->message);
      return ATTEST_EXIT_PROBLEMS;
    }
  g_clear_pointer (&bar, attest_progress_free);

  summary = attest_export_job_get_summary (job);
  if (!quiet)
    print_summary (exporter, summary, output, n_unannotated);

  /* Label Studio needs the labeling config that matches the tasks to
   * import them with their regions: write it beside the export. */
  if (g_str_equal (attest_exporter_get_name (exporter), "labelstudio") && output != NULL)
    {
      g_autofree char *config = attest_export_labelstudio_config (tagset, summary);
      g_autofree char *stem = g_str_has_suffix (output, ".json") ? g_strndup (output, strlen (output) - 5)
                                                                 : g_strdup (output);
      g_autofree char *config_path = g_strconcat (stem, ".config.xml", NULL);

      if (!g_file_set_contents_full (config_path, config, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &error))
        {
          attest_cli_error (config_path, "%s", error->message);
          return ATTEST_EXIT_PROBLEMS;
        }
      if (!quiet)
        {
          g_autofree char *display = attest_cli_display_path (config_path);

          g_printerr (_("  Label Studio labeling config: %s\n"), display);
        }
    }

  return n_errors > 0 || summary->n_problems > 0 ? ATTEST_EXIT_PROBLEMS : ATTEST_EXIT_OK;
}
