/* attest-preferences-window.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "attest-preferences-window.h"
#include "attest-settings.h"

struct _AttestPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwPreferencesGroup  *annotator_group;
  AdwEntryRow          *annotator_row;
  AdwActionRow         *font_row;
  GtkFontButton        *font_button;
  GtkButton            *font_reset_button;
  GtkSwitch            *snap_switch;
  GtkSwitch            *quote_marks_switch;
  AdwComboRow          *relations_row;
  GtkSpinButton        *autosave_spin;
};

G_DEFINE_FINAL_TYPE (AttestPreferencesWindow, attest_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* In the order of the combo row's items. */
static const char * const relation_display_nicks[] = { "selected", "always" };

static gboolean
relation_display_get (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (relation_display_nicks); i++)
    {
      if (g_str_equal (nick, relation_display_nicks[i]))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
relation_display_set (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (relation_display_nicks))
    return NULL;

  return g_variant_new_string (relation_display_nicks[selected]);
}

/* The setting is in milliseconds; people think of a delay in seconds. */
static gboolean
autosave_delay_get (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_uint32 (variant) / 1000.0);

  return TRUE;
}

static GVariant *
autosave_delay_set (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  double ms = round (g_value_get_double (value) * 1000.0);

  return g_variant_new_uint32 ((guint32) CLAMP (ms, 200.0, 10000.0));
}

static char *
dup_default_font (AttestPreferencesWindow *self)
{
  g_autofree char *font = NULL;
  PangoFontDescription *desc;
  char *ret;

  /* The article view reads in the desktop's sans-serif family (Cantarell
   * on GNOME) at 13 pt when no font is set: show that, so the dialog
   * opens on the font in use. */
  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-font-name", &font, NULL);
  desc = pango_font_description_from_string (font != NULL ? font : "Sans");
  pango_font_description_set_size (desc, 13 * PANGO_SCALE);
  ret = pango_font_description_to_string (desc);
  pango_font_description_free (desc);

  return ret;
}

static void
update_font (AttestPreferencesWindow *self)
{
  g_autofree char *font = g_settings_get_string (self->settings, "font");
  gboolean is_default = font[0] == '\0';

  if (is_default)
    {
      g_free (font);
      font = dup_default_font (self);
    }

  /* No feedback loop: font-set is only emitted for a choice in the
   * dialog, never for this. */
  gtk_font_chooser_set_font (GTK_FONT_CHOOSER (self->font_button), font);

  adw_action_row_set_subtitle (self->font_row, is_default ? _("Default") : "");
  gtk_widget_set_visible (GTK_WIDGET (self->font_reset_button), !is_default);
}

static void
on_font_set (AttestPreferencesWindow *self)
{
  g_autofree char *font = gtk_font_chooser_get_font (GTK_FONT_CHOOSER (self->font_button));

  g_settings_set_string (self->settings, "font", font != NULL ? font : "");
}

static void
on_font_reset_clicked (AttestPreferencesWindow *self)
{
  g_settings_reset (self->settings, "font");
  gtk_widget_grab_focus (GTK_WIDGET (self->font_button));
}

static void
update_annotator_placeholder (AttestPreferencesWindow *self)
{
  g_autofree char *name = attest_settings_dup_default_annotator ();
  g_autofree char *description = NULL;
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (self->annotator_row));

  /* The row shows what an empty name stands for, so nobody has to type
   * their own name to get it. */
  if (GTK_IS_TEXT (text))
    gtk_text_set_placeholder_text (GTK_TEXT (text), name);

  description = g_strdup_printf (_("Recorded as the author of every annotation you make. "
                                   "Leave empty to use “%s”."),
                                 name);
  adw_preferences_group_set_description (self->annotator_group, description);
}

static void
attest_preferences_window_dispose (GObject *object)
{
  AttestPreferencesWindow *self = (AttestPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTEST_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (attest_preferences_window_parent_class)->dispose (object);
}

static void
attest_preferences_window_finalize (GObject *object)
{
  AttestPreferencesWindow *self = (AttestPreferencesWindow *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (attest_preferences_window_parent_class)->finalize (object);
}

static void
attest_preferences_window_class_init (AttestPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attest_preferences_window_dispose;
  object_class->finalize = attest_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attest/Attest/attest-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AttestPreferencesWindow, annotator_group);
  gtk_widget_class_bind_template_child (widget_class, AttestPreferencesWindow, annotator_row);
  gtk_widget_class_bind_template_child (widget_class, AttestPreferencesWindow, font_row);
  gtk_widget_class_bind_template_child (widget_class, AttestPreferencesWindow, font_button);
  gtk_widget_class_bind_template_child (widget_class, AttestPreferencesWindow, font_reset_button);
  gtk_widget_class_bind_template_child (widget_class, AttestPreferencesWindow, snap_switch);
  gtk_widget_class_bind_template_child (widget_class, AttestPreferencesWindow, quote_marks_switch);
  gtk_widget_class_bind_template_child (widget_class, AttestPreferencesWindow, relations_row);
  gtk_widget_class_bind_template_child (widget_class, AttestPreferencesWindow, autosave_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_font_set);
  gtk_widget_class_bind_template_callback (widget_class, on_font_reset_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
attest_preferences_window_init (AttestPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);

  g_settings_bind (self->settings, "annotator",
                   self->annotator_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "snap-to-words",
                   self->snap_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "exclude-quote-marks",
                   self->quote_marks_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "relation-display",
                                self->relations_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                relation_display_get, relation_display_set,
                                NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "autosave-delay",
                                self->autosave_spin, "value",
                                G_SETTINGS_BIND_DEFAULT,
                                autosave_delay_get, autosave_delay_set,
                                NULL, NULL);

  g_signal_connect_object (self->settings, "changed::font",
                           G_CALLBACK (update_font), self, G_CONNECT_SWAPPED);
  update_font (self);
  update_annotator_placeholder (self);
}

GtkWidget *
attest_preferences_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (ATTEST_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
}
