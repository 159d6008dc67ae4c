/* attest-cli.c: entry point of attest-cli
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "attest-cli-private.h"

typedef struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *synopsis;
  const char *summary;
} Command;

static const Command commands[] = {
  { "validate", attest_cli_validate, "validate PATH...",
    N_("Check sidecars and articles; report every problem") },
  { "stats", attest_cli_stats, "stats [--json] PATH...",
    N_("Count spans per label, relations, entities and progress") },
  { "fmt", attest_cli_fmt, "fmt PATH...",
    N_("Rewrite sidecars in canonical form (a no-op when they already are)") },
  { "update", attest_cli_update, "update PATH...",
    N_("Re-anchor sidecars whose article changed, and list what was flagged") },
  { "export", attest_cli_export, "export --format FMT [-o OUT] PATH...",
    N_("Write a dataset: jsonl, spacy, doccano, brat, conll, w3c, labelstudio, webanno, csv, html") },
  { "import", attest_cli_import, "import --format FMT -o DIR INPUT...",
    N_("Make articles and sidecars from a dataset of another tool") },
  { "agree", attest_cli_agree, "agree [--json] [--diff] A B [C...]",
    N_("Measure agreement between annotators’ folders or sidecars") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n  attest-cli COMMAND [OPTION…] PATH…\n\n%s\n",
           _("Usage:"), _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-26s %s\n", commands[i].synopsis, _(commands[i].summary));
  fprintf (out, "  %-26s %s\n\n", "--version | --help", _("Show the version or this help"));
  fprintf (out, "%s\n",
           _("A PATH may be an article, a sidecar or a folder (searched recursively).\n"
             "Exit status: 0 success, 1 problems found, 2 usage error."));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("attest-cli");

  if (argc < 2)
    {
      print_usage (stderr);
      return ATTEST_EXIT_USAGE;
    }

  if (strcmp (argv[1], "--version") == 0 || strcmp (argv[1], "-V") == 0)
    {
      g_print ("attest-cli %s\n", ATTEST_VERSION);
      return ATTEST_EXIT_OK;
    }

  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
      strcmp (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return ATTEST_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (strcmp (argv[1], commands[i].name) == 0)
        return commands[i].run (argc - 1, argv + 1);
    }

  g_printerr ("attest-cli: %s\n", _("unknown command"));
  g_printerr (_("Run “attest-cli --help” to see the commands.\n"));
  return ATTEST_EXIT_USAGE;
}
