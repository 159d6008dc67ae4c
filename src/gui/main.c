/* main.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "attest-application.h"

/* GLib aborts on g_settings_new() for a schema it cannot find. An
 * uninstalled build finds ours through `meson devenv` (see
 * build-aux/run-app.sh); anything else gets a sentence instead of a trap. */
static gboolean
settings_schema_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  return schema != NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AttestApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!settings_schema_installed ())
    {
      g_printerr (_("attest: the settings schema “%s” is not installed.\n"
                    "Install Attest (meson install), or run the build tree with "
                    "“meson devenv -C BUILDDIR attest”, as build-aux/run-app.sh does.\n"),
                  APP_ID);
      return 1;
    }

  g_set_application_name (_("Attest"));
  app = attest_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
