/* attest-application.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "attest-application.h"
#include "attest-preferences-window.h"
#include "attest-window.h"

struct _AttestApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (AttestApplication, attest_application, ADW_TYPE_APPLICATION)

static AttestWindow *
get_window (AttestApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (attest_window_new (ADW_APPLICATION (self)));

  return ATTEST_WINDOW (window);
}

static void
attest_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (get_window (ATTEST_APPLICATION (app))));
}

static void
attest_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  AttestWindow *window = get_window (ATTEST_APPLICATION (app));

  /* One window shows one article; a folder opens its corpus. The last
   * of several arguments wins, as in a file manager's "Open With". */
  for (int i = 0; i < n_files; i++)
    {
      if (g_file_query_file_type (files[i], G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
        attest_window_open_folder (window, files[i], NULL);
      else if (i == n_files - 1)
        attest_window_open_article (window, files[i]);
    }

  gtk_window_present (GTK_WINDOW (window));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GApplication *app = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Through close so every window saves first. */
  for (GList *l = g_list_copy (windows); l != NULL; l = g_list_delete_link (l, l))
    gtk_window_close (l->data);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (attest_preferences_window_new (parent)));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  static const char *developers[] = { "The Attest developers", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  adw_show_about_window (parent,
                         "application-name", _("Attest"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Attest developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Annotate who said what, and which facts were claimed, in news articles"),
                         "developers", developers,
                         "copyright", "© 2026 The Attest developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
};

static void
attest_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (attest_application_parent_class)->startup (app);
  gtk_source_init ();

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
}

static void
attest_application_class_init (AttestApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = attest_application_activate;
  app_class->open = attest_application_open;
  app_class->startup = attest_application_startup;
}

static void
attest_application_init (AttestApplication *self)
{
}

AttestApplication *
attest_application_new (void)
{
  return g_object_new (ATTEST_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/attest/Attest",
                       NULL);
}
