/* attest-window.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "attest-window-private.h"

G_DEFINE_FINAL_TYPE (AttestWindow, attest_window, ADW_TYPE_APPLICATION_WINDOW)

static void
on_article_activated (AttestWindow *self,
                      GFile        *article)
{
  attest_window_open_article (self, article);
}

static void
on_span_activated (AttestWindow *self,
                   const char   *span_id)
{
  attest_article_view_select_span (self->view, span_id, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
on_view_selection_changed (AttestWindow *self)
{
  AttestSpan *span = attest_article_view_get_selected_span (self->view);
  const char *id = span != NULL ? span->id : NULL;

  attest_annotation_list_set_selected_span (self->annotation_list, id);
  attest_inspector_set_span (self->inspector, id);
  attest_window_update_actions (self);
}

static void
on_view_message (AttestWindow *self,
                 const char   *message)
{
  attest_window_toast (self, message);
}

static void
on_relation_display_changed (AttestWindow *self)
{
  g_object_set (self->view,
                "relation-display", g_settings_get_enum (self->settings, "relation-display"),
                NULL);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         AttestWindow  *self)
{
  GSList *files;
  GFile *file;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = g_value_get_boxed (value);
  if (files == NULL)
    return FALSE;

  file = files->data;
  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
    attest_window_open_folder (self, file, NULL);
  else
    attest_window_open_article (self, file);

  return TRUE;
}

static gboolean
attest_window_close_request (GtkWindow *window)
{
  AttestWindow *self = ATTEST_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  /* Closing never asks: what is shown is written, or kept in a
   * recovery copy when the sidecar cannot be written. */
  if (!attest_window_flush (self))
    return TRUE;

  attest_window_set_session (self, NULL);

  return GTK_WINDOW_CLASS (attest_window_parent_class)->close_request (window);
}

static void
attest_window_dispose (GObject *object)
{
  AttestWindow *self = (AttestWindow *)object;

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_object (&self->pending_article);
  g_clear_pointer (&self->pending_span, g_free);
  if (self->quotes_window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->quotes_window), (gpointer *) &self->quotes_window);
      gtk_window_destroy (GTK_WINDOW (self->quotes_window));
      self->quotes_window = NULL;
    }
  g_clear_object (&self->session_signals);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->history_signals);
  g_clear_object (&self->session);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTEST_TYPE_WINDOW);

  G_OBJECT_CLASS (attest_window_parent_class)->dispose (object);
}

static void
attest_window_finalize (GObject *object)
{
  AttestWindow *self = (AttestWindow *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (attest_window_parent_class)->finalize (object);
}

static void
attest_window_class_init (AttestWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = attest_window_dispose;
  object_class->finalize = attest_window_finalize;
  window_class->close_request = attest_window_close_request;

  g_type_ensure (ATTEST_TYPE_ANNOTATION_LIST);
  g_type_ensure (ATTEST_TYPE_ARTICLE_VIEW);
  g_type_ensure (ATTEST_TYPE_BANNER);
  g_type_ensure (ATTEST_TYPE_CORPUS_SIDEBAR);
  g_type_ensure (ATTEST_TYPE_INSPECTOR);
  g_type_ensure (ATTEST_TYPE_LABEL_PALETTE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attest/Attest/attest-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, corpus_button);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, corpus_revealer);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, corpus_sidebar);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, suggestions_button);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, palette);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, read_only_banner);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, save_banner);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, article_banner);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, notice_banner);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, view);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, annotation_list);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, inspector);
  gtk_widget_class_bind_template_callback (widget_class, on_article_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_span_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_view_selection_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_view_message);

  attest_window_class_add_actions (widget_class);
}

static void
attest_window_init (AttestWindow *self)
{
  GtkEventController *panes;
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_bind (self->settings, "show-sidebar", self->sidebar, "visible", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "snap-to-words", self->view, "snap-to-words", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "exclude-quote-marks", self->view, "exclude-quote-marks", G_SETTINGS_BIND_GET);
  g_signal_connect_swapped (self->settings, "changed::relation-display",
                            G_CALLBACK (on_relation_display_changed), self);
  on_relation_display_changed (self);
  g_settings_bind (self->settings, "font", self->view, "font", G_SETTINGS_BIND_GET);

  /* Keys that must reach the window whichever child has the focus:
   * GtkPaned binds F6 itself, and text and list widgets may use arrows
   * with modifiers. */
  panes = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (panes, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < 2; i++)
    {
      GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F6, i ? GDK_SHIFT_MASK : 0),
                                                gtk_named_action_new ("win.cycle-focus"));

      gtk_shortcut_set_arguments (shortcut, g_variant_new_boolean (i == 1));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (panes), shortcut);
    }
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (panes),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Left, GDK_ALT_MASK),
                                                          gtk_named_action_new ("win.previous-article")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (panes),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Right, GDK_ALT_MASK),
                                                          gtk_named_action_new ("win.next-article")));
  gtk_widget_add_controller (GTK_WIDGET (self), panes);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  attest_window_init_session (self);
  attest_window_populate_recent (self);
  attest_window_update_actions (self);
}

AttestWindow *
attest_window_new (AdwApplication *application)
{
  return g_object_new (ATTEST_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

AttestSession *
attest_window_get_session (AttestWindow *self)
{
  g_return_val_if_fail (ATTEST_IS_WINDOW (self), NULL);

  return self->session;
}
