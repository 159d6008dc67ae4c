/* test-preferences.c: the preferences window, the settings helpers and the
 * shortcuts window, in-process under Xvfb
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "attest-gui-resources.h"
#include "attest-preferences-window.h"
#include "attest-settings.h"

static void
flush (void)
{
  for (guint i = 0; i < 20; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static gpointer
child (GtkWidget  *window,
       const char *name)
{
  return gtk_widget_get_template_child (window, ATTEST_TYPE_PREFERENCES_WINDOW, name);
}

static void
test_annotator_default (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *fallback = attest_settings_dup_default_annotator ();
  g_autofree char *empty = NULL;
  g_autofree char *blank = NULL;
  g_autofree char *named = NULL;

  /* Never empty, never GLib's "Unknown". */
  g_assert_nonnull (fallback);
  g_assert_cmpstr (fallback, !=, "");
  g_assert_cmpstr (fallback, !=, "Unknown");

  g_settings_reset (settings, "annotator");
  empty = attest_settings_dup_annotator (settings);
  g_assert_cmpstr (empty, ==, fallback);

  g_settings_set_string (settings, "annotator", "   ");
  blank = attest_settings_dup_annotator (settings);
  g_assert_cmpstr (blank, ==, fallback);

  g_settings_set_string (settings, "annotator", "  Ana Lima \n");
  named = attest_settings_dup_annotator (settings);
  g_assert_cmpstr (named, ==, "Ana Lima");

  g_settings_reset (settings, "annotator");
}

static void
test_bindings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *fallback = attest_settings_dup_default_annotator ();
  g_autofree char *annotator = NULL;
  g_autofree char *relation = NULL;
  g_autofree char *font = NULL;
  GtkWidget *window = attest_preferences_window_new (NULL);
  GtkEditable *text;

  gtk_window_present (GTK_WINDOW (window));
  flush ();

  /* Annotator: both ways, and the empty name shows what it stands for. */
  text = gtk_editable_get_delegate (GTK_EDITABLE (child (window, "annotator_row")));
  g_assert_true (GTK_IS_TEXT (text));
  g_assert_cmpstr (gtk_text_get_placeholder_text (GTK_TEXT (text)), ==, fallback);
  g_assert_nonnull (strstr (adw_preferences_group_get_description (child (window,
                                                                         "annotator_group")),
                            fallback));
  gtk_editable_set_text (child (window, "annotator_row"), "Ana");
  annotator = g_settings_get_string (settings, "annotator");
  g_assert_cmpstr (annotator, ==, "Ana");
  g_settings_set_string (settings, "annotator", "Bo");
  g_assert_cmpstr (gtk_editable_get_text (child (window, "annotator_row")), ==, "Bo");

  /* Switches. */
  g_assert_true (gtk_switch_get_active (child (window, "snap_switch")));
  gtk_switch_set_active (child (window, "snap_switch"), FALSE);
  g_assert_false (g_settings_get_boolean (settings, "snap-to-words"));
  g_settings_set_boolean (settings, "exclude-quote-marks", FALSE);
  g_assert_false (gtk_switch_get_active (child (window, "quote_marks_switch")));

  /* Relations: the combo row's position is the enum's nick. */
  g_assert_cmpuint (adw_combo_row_get_selected (child (window, "relations_row")), ==, 0);
  adw_combo_row_set_selected (child (window, "relations_row"), 1);
  relation = g_settings_get_string (settings, "relation-display");
  g_assert_cmpstr (relation, ==, "always");
  g_settings_set_string (settings, "relation-display", "selected");
  g_assert_cmpuint (adw_combo_row_get_selected (child (window, "relations_row")), ==, 0);

  /* Autosave: seconds on screen, milliseconds in the setting. */
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (child (window, "autosave_spin")),
                                  1.0, 1e-9);
  gtk_spin_button_set_value (child (window, "autosave_spin"), 2.5);
  g_assert_cmpuint (g_settings_get_uint (settings, "autosave-delay"), ==, 2500);
  g_settings_set_uint (settings, "autosave-delay", 400);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (child (window, "autosave_spin")),
                                  0.4, 1e-9);
  /* The spin button keeps to the setting's range. */
  gtk_spin_button_set_value (child (window, "autosave_spin"), 60);
  g_assert_cmpuint (g_settings_get_uint (settings, "autosave-delay"), ==, 10000);

  /* Font: "Default" until one is chosen, and a way back to it. */
  g_assert_cmpstr (adw_action_row_get_subtitle (child (window, "font_row")), ==, "Default");
  g_assert_false (gtk_widget_get_visible (child (window, "font_reset_button")));
  g_settings_set_string (settings, "font", "Serif 14");
  font = gtk_font_chooser_get_font (child (window, "font_button"));
  g_assert_cmpstr (font, ==, "Serif 14");
  g_assert_true (gtk_widget_get_visible (child (window, "font_reset_button")));
  g_assert_cmpstr (adw_action_row_get_subtitle (child (window, "font_row")), ==, "");
  g_signal_emit_by_name (child (window, "font_reset_button"), "clicked");
  g_clear_pointer (&font, g_free);
  font = g_settings_get_string (settings, "font");
  g_assert_cmpstr (font, ==, "");
  g_assert_false (gtk_widget_get_visible (child (window, "font_reset_button")));
  g_assert_cmpstr (adw_action_row_get_subtitle (child (window, "font_row")), ==, "Default");

  /* A choice in the font dialog is stored. */
  gtk_font_chooser_set_font (child (window, "font_button"), "Monospace 11");
  g_signal_emit_by_name (child (window, "font_button"), "font-set");
  g_clear_pointer (&font, g_free);
  font = g_settings_get_string (settings, "font");
  g_assert_cmpstr (font, ==, "Monospace 11");

  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  flush ();
  g_assert_finalize_object (window);

  g_settings_reset (settings, "annotator");
  g_settings_reset (settings, "snap-to-words");
  g_settings_reset (settings, "exclude-quote-marks");
  g_settings_reset (settings, "relation-display");
  g_settings_reset (settings, "autosave-delay");
  g_settings_reset (settings, "font");
}

static void
test_transient (void)
{
  GtkWidget *parent = gtk_window_new ();
  GtkWidget *window;

  gtk_window_present (GTK_WINDOW (parent));
  window = attest_preferences_window_new (GTK_WINDOW (parent));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (window)) == GTK_WINDOW (parent));
  gtk_window_present (GTK_WINDOW (window));
  flush ();

  /* Closing the main window closes its preferences. */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (parent));
  flush ();
  g_assert_null (window);
}

/* Each accelerator of the shortcuts window must be one GTK understands,
 * or the window shows an empty key cap. */
static void
check_accelerator (const char *accelerator)
{
  g_auto(GStrv) alternatives = g_strsplit (accelerator, " ", -1);

  for (guint i = 0; alternatives[i] != NULL; i++)
    {
      g_auto(GStrv) range = g_strsplit (alternatives[i], "...", -1);

      for (guint j = 0; range[j] != NULL; j++)
        {
          guint key = 0;
          GdkModifierType mods = 0;

          if (!gtk_accelerator_parse (range[j], &key, &mods))
            g_error ("cannot parse accelerator “%s” in “%s”", range[j], accelerator);
          g_assert_cmpuint (key, !=, 0);
        }
    }
}

/* GTK 4.8's stylesheet gives the labels of the shortcuts window's page
 * switcher a negative margin, and GTK then warns about its own labels.
 * Nothing of ours: only that message is let through while the window
 * shows; every other warning stays fatal. */
static gboolean ignore_page_switcher;

static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  if (ignore_page_switcher && (log_level & G_LOG_LEVEL_WARNING) != 0)
    {
      const char *domain = NULL;
      const char *message = NULL;

      for (gsize i = 0; i < n_fields; i++)
        {
          if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
            domain = fields[i].value;
          else if (g_str_equal (fields[i].key, "MESSAGE"))
            message = fields[i].value;
        }

      if (g_strcmp0 (domain, "Gtk") == 0 && message != NULL &&
          g_str_has_prefix (message, "GtkLabel") &&
          strstr (message, "reported min width -") != NULL)
        return G_LOG_WRITER_HANDLED;
    }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
test_help_overlay (void)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GSList) objects = NULL;
  GtkWindow *overlay;
  guint n_shortcuts = 0;
  guint n_groups = 0;
  gboolean saw_range = FALSE;

  builder = gtk_builder_new_from_resource ("/io/github/attest/Attest/gtk/help-overlay.ui");
  objects = gtk_builder_get_objects (builder);
  overlay = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));

  for (GSList *l = objects; l != NULL; l = l->next)
    {
      if (GTK_IS_SHORTCUTS_GROUP (l->data))
        n_groups++;

      if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        {
          g_autofree char *accelerator = NULL;
          g_autofree char *title = NULL;
          GtkShortcutType type;

          g_object_get (l->data,
                        "accelerator", &accelerator,
                        "title", &title,
                        "shortcut-type", &type,
                        NULL);
          g_assert_nonnull (title);
          g_assert_cmpstr (title, !=, "");
          if (type == GTK_SHORTCUT_ACCELERATOR)
            {
              g_assert_nonnull (accelerator);
              check_accelerator (accelerator);
              saw_range |= strstr (accelerator, "...") != NULL;
            }
          n_shortcuts++;
        }
    }

  g_assert_cmpuint (n_groups, ==, 7);
  g_assert_cmpuint (n_shortcuts, >=, 37);
  g_assert_true (saw_range);

  /* It shows without a warning of ours. */
  ignore_page_switcher = TRUE;
  gtk_window_present (overlay);
  flush ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (overlay)));
  gtk_window_destroy (overlay);
  flush ();
  ignore_page_switcher = FALSE;
}

int
main (int   argc,
      char *argv[])
{
  g_log_set_writer_func (log_writer, NULL, NULL);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Links the generated resource code (and its constructor) into the test. */
  g_assert_nonnull (attest_gui_get_resource ());

  g_test_add_func ("/attest/gui/settings/annotator-default", test_annotator_default);
  g_test_add_func ("/attest/gui/preferences/bindings", test_bindings);
  g_test_add_func ("/attest/gui/preferences/transient", test_transient);
  g_test_add_func ("/attest/gui/help-overlay/accelerators", test_help_overlay);

  return g_test_run ();
}
