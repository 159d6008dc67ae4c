/* attest-cli-import.c: attest-cli import
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attest-cli-private.h"
#include "attest-import.h"

#include <unistd.h>

static void
progress (guint64  done,
          guint64  total,
          gpointer user_data)
{
  /* Importers cannot know the total up front: count what is done. */
  if (isatty (STDERR_FILENO) && done % 100 == 0)
    {
      g_printerr ("\r");
      g_printerr (_("Importing… %" G_GUINT64_FORMAT " documents"), done);
      *(gboolean *) user_data = TRUE;
    }
}

static void
print_formats (void)
{
  guint n;
  const AttestImporter * const *all = attest_importers_get_all (&n);

  g_printerr (_("Formats:\n"));
  for (guint i = 0; i < n; i++)
    g_printerr ("  %-12s %s\n", attest_importer_get_name (all[i]), attest_importer_get_title (all[i]));
}

int
attest_cli_import (int    argc,
                   char **argv)
{
  g_auto(GStrv) inputs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *annotator = NULL;
  g_autofree char *display = NULL;
  const AttestImporter *importer;
  AttestImportSummary summary = { 0 };
  gboolean drew = FALSE;
  gboolean ok;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("The format (see below)"), N_("FMT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("A new (or empty) folder for the articles and sidecars"), N_("DIR") },
    { "annotator", 0, 0, G_OPTION_ARG_STRING, &annotator, N_("Whom the imported annotations are by, where the input does not say"), N_("NAME") },
    { NULL }
  };

  if (!attest_cli_parse_paths (&argc, &argv, "import", _("Make articles and sidecars from a dataset"),
                               _("Formats: brat doccano spacy labelstudio jsonl webanno text"),
                               entries, &inputs))
    return ATTEST_EXIT_USAGE;

  if (format == NULL || output == NULL)
    {
      g_printerr ("attest-cli: %s\n", _("import needs --format and -o DIR"));
      print_formats ();
      return ATTEST_EXIT_USAGE;
    }
  if (!(importer = attest_importer_lookup (format)))
    {
      g_printerr ("attest-cli: ");
      g_printerr (_("unknown format “%s”"), format);
      g_printerr ("\n");
      print_formats ();
      return ATTEST_EXIT_USAGE;
    }

  ok = attest_import_run (importer, (const char * const *) inputs, output, annotator,
                          progress, &drew, &summary, NULL, &error);
  if (drew)
    g_printerr ("\r\033[K");
  if (!ok)
    {
      attest_cli_error (NULL, "%s", error->message);
      return ATTEST_EXIT_PROBLEMS;
    }

  display = attest_cli_display_path (output);
  /* TRANSLATORS: "Imported 12 documents (340 spans, 120 relations) into corpus" */
  g_printerr (g_dngettext (GETTEXT_PACKAGE,
                           "Imported %" G_GUINT64_FORMAT " document (%" G_GUINT64_FORMAT " spans, %"
                           G_GUINT64_FORMAT " relations, %" G_GUINT64_FORMAT " entities) into %s\n",
                           "Imported %" G_GUINT64_FORMAT " documents (%" G_GUINT64_FORMAT " spans, %"
                           G_GUINT64_FORMAT " relations, %" G_GUINT64_FORMAT " entities) into %s\n",
                           summary.n_documents),
              summary.n_documents, summary.n_spans, summary.n_relations, summary.n_entities, display);

  return ATTEST_EXIT_OK;
}
