/* attest-window-actions.c: what the window can do, and its shortcuts
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "attest-export-dialog.h"
#include "attest-import-dialog.h"
#include "attest-settings.h"
#include "attest-window-private.h"

#define SAMPLE_ARTICLE "harbour-bridge.txt"

static void
chooser_response (GtkNativeDialog *chooser,
                  int              response,
                  AttestWindow    *self)
{
  gboolean folder = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (folder)
        attest_window_open_folder (self, file, NULL);
      else
        attest_window_open_article (self, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
open_chooser (AttestWindow         *self,
              GtkFileChooserAction  action)
{
  GtkFileChooserNative *chooser;
  gboolean folder = action == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER;

  chooser = gtk_file_chooser_native_new (folder ? _("Open Folder") : _("Open Article"),
                                         GTK_WINDOW (self), action, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  if (!folder)
    {
      g_autoptr(GtkFileFilter) articles = gtk_file_filter_new ();
      g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

      gtk_file_filter_set_name (articles, _("Articles"));
      gtk_file_filter_add_suffix (articles, "txt");
      gtk_file_filter_add_suffix (articles, "md");
      gtk_file_filter_add_mime_type (articles, "text/plain");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), articles);
      gtk_file_filter_set_name (all, _("All Files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
    }

  if (self->session != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (attest_session_get_article_file (self->session));

      if (parent != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), parent, NULL);
    }

  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  open_chooser (ATTEST_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  open_chooser (ATTEST_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
}

/* The installed samples, or the source tree's when running uninstalled. */
static char *
find_samples (void)
{
  const char *env = g_getenv ("ATTEST_SAMPLES_DIR");
  g_autofree char *installed = g_build_filename (PKGDATADIR, "samples", NULL);

  if (env != NULL && g_file_test (env, G_FILE_TEST_IS_DIR))
    return g_strdup (env);
  if (g_file_test (installed, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&installed);
  if (g_file_test (SOURCE_SAMPLES_DIR, G_FILE_TEST_IS_DIR))
    return g_strdup (SOURCE_SAMPLES_DIR);

  return NULL;
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  AttestWindow *self = ATTEST_WINDOW (widget);
  g_autofree char *samples = find_samples ();
  g_autofree char *copy = g_build_filename (g_get_user_data_dir (), "attest", "samples", NULL);
  g_autofree char *article_path = g_build_filename (copy, SAMPLE_ARTICLE, NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (copy);
  g_autoptr(GFile) article = g_file_new_for_path (article_path);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (samples == NULL || (dir = g_dir_open (samples, 0, NULL)) == NULL)
    {
      attest_window_toast (self, _("The sample articles are not installed"));
      return;
    }

  /* The installed copy is read-only; annotate a copy of our own, and keep
   * the editor's work in it from one try to the next. */
  g_mkdir_with_parents (copy, 0755);
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *from = g_build_filename (samples, name, NULL);
      g_autofree char *to = g_build_filename (copy, name, NULL);
      g_autoptr(GFile) source = g_file_new_for_path (from);
      g_autoptr(GFile) target = g_file_new_for_path (to);

      if (!g_file_test (to, G_FILE_TEST_EXISTS))
        g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, NULL);
    }

  attest_window_open_folder (self, folder, article);
}

/* The open folder's articles in the sidebar's order (whatever its search
 * shows), as the export and the quote table take them. */
static GPtrArray *
list_folder_articles (AttestWindow *self)
{
  GPtrArray *articles = g_ptr_array_new_with_free_func (g_object_unref);
  GFile *article = attest_corpus_sidebar_get_first (self->corpus_sidebar);

  while (article != NULL)
    {
      g_ptr_array_add (articles, article);
      article = attest_corpus_sidebar_get_neighbour (self->corpus_sidebar, article, TRUE);
    }

  return articles;
}

static void
on_exported (AttestWindow *self,
             GFile        *output,
             guint64       n_documents)
{
  g_autofree char *uri = g_file_get_uri (output);
  g_autofree char *message =
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %" G_GUINT64_FORMAT " document",
                                  "Exported %" G_GUINT64_FORMAT " documents", n_documents),
                     n_documents);
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.show-uri");
  adw_toast_set_action_target (toast, "s", uri);
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  AttestWindow *self = ATTEST_WINDOW (widget);
  GFile *folder = attest_corpus_sidebar_get_folder (self->corpus_sidebar);
  g_autoptr(GPtrArray) articles = folder != NULL ? list_folder_articles (self) : NULL;
  AttestExportDialog *dialog;

  if (self->session == NULL)
    return;

  dialog = attest_export_dialog_new (GTK_WINDOW (self), self->session, folder, articles);
  g_signal_connect_object (dialog, "exported", G_CALLBACK (on_exported), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_imported (AttestWindow *self,
             GFile        *folder,
             guint64       n_documents)
{
  g_autofree char *message =
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %" G_GUINT64_FORMAT " document",
                                  "Imported %" G_GUINT64_FORMAT " documents", n_documents),
                     n_documents);

  attest_window_open_folder (self, folder, NULL);
  attest_window_toast (self, message);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  AttestWindow *self = ATTEST_WINDOW (widget);
  g_autofree char *annotator = attest_settings_dup_annotator (self->settings);
  AttestImportDialog *dialog = attest_import_dialog_new (GTK_WINDOW (self), annotator);

  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_uri_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (param, NULL), GDK_CURRENT_TIME);
}

/* A row of the quote table: the quote in its article, opening that
 * first when it is another one of the folder. */
static void
on_quote_activated (AttestWindow *self,
                    GFile        *article,
                    const char   *quote_id)
{
  if (self->session != NULL && g_file_equal (article, attest_session_get_article_file (self->session)))
    {
      attest_article_view_select_span (self->view, quote_id, TRUE);
      return;
    }

  attest_window_open_article (self, article);
  if (self->pending_article != NULL && g_file_equal (self->pending_article, article))
    {
      g_free (self->pending_span);
      self->pending_span = g_strdup (quote_id);
    }
}

static void
who_said_what_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  AttestWindow *self = ATTEST_WINDOW (widget);
  GFile *folder = attest_corpus_sidebar_get_folder (self->corpus_sidebar);
  g_autoptr(GPtrArray) articles = folder != NULL ? list_folder_articles (self) : NULL;

  if (self->quotes_window == NULL)
    {
      self->quotes_window = attest_quotes_window_new (GTK_WINDOW (self));
      g_object_add_weak_pointer (G_OBJECT (self->quotes_window), (gpointer *) &self->quotes_window);
      g_signal_connect_object (self->quotes_window, "quote-activated",
                               G_CALLBACK (on_quote_activated), self, G_CONNECT_SWAPPED);
    }

  attest_quotes_window_set_session (self->quotes_window, self->session);
  attest_quotes_window_set_folder (self->quotes_window, folder, articles);
  gtk_window_present (GTK_WINDOW (self->quotes_window));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  AttestWindow *self = ATTEST_WINDOW (widget);

  if (self->session != NULL)
    attest_session_save (self->session);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  AttestWindow *self = ATTEST_WINDOW (widget);

  if (self->session != NULL)
    attest_history_undo (attest_session_get_history (self->session));
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  AttestWindow *self = ATTEST_WINDOW (widget);

  if (self->session != NULL)
    attest_history_redo (attest_session_get_history (self->session));
}

static void
tag_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  AttestWindow *self = ATTEST_WINDOW (widget);

  attest_article_view_tag (self->view, g_variant_get_string (param, NULL));
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
set_status (AttestWindow *self,
            AttestStatus  status)
{
  AttestDocument *document = attest_session_get_document (self->session);

  if (attest_document_get_status (document) != status)
    attest_history_set_status (attest_session_get_history (self->session), status);
}

static void
mark_done_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  AttestWindow *self = ATTEST_WINDOW (widget);
  AttestDocument *document = attest_session_get_document (self->session);
  gboolean done = attest_document_get_status (document) == ATTEST_STATUS_DONE;

  set_status (self, done ? ATTEST_STATUS_IN_PROGRESS : ATTEST_STATUS_DONE);
  attest_window_toast (self, done ? _("Marked as in progress") : _("Marked as done"));
}

static void
neighbour_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  AttestWindow *self = ATTEST_WINDOW (widget);
  gboolean forward = g_str_equal (action_name, "win.next-article");
  g_autoptr(GFile) next = NULL;

  next = attest_corpus_sidebar_get_neighbour (self->corpus_sidebar,
                                              attest_session_get_article_file (self->session),
                                              forward);
  if (next != NULL)
    attest_window_open_article (self, next);
  else
    attest_window_toast (self, forward ? _("This is the last article") : _("This is the first article"));
}

static void
done_next_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  AttestWindow *self = ATTEST_WINDOW (widget);
  g_autoptr(GFile) next = NULL;

  set_status (self, ATTEST_STATUS_DONE);

  if (attest_corpus_sidebar_get_folder (self->corpus_sidebar) != NULL)
    next = attest_corpus_sidebar_get_next_undone (self->corpus_sidebar,
                                                  attest_session_get_article_file (self->session));
  if (next != NULL)
    attest_window_open_article (self, next);
  else
    attest_window_toast (self, _("Marked as done. Every article in the folder is done."));
}

static void
toggle_label_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  AttestWindow *self = ATTEST_WINDOW (widget);
  AttestTagset *tagset = attest_session_get_tagset (self->session);
  int n = g_variant_get_int32 (param);
  AttestLabel *label;
  gboolean visible;
  g_autofree char *message = NULL;

  if (n < 1 || (guint) n > attest_tagset_get_n_labels (tagset))
    return;

  label = attest_tagset_get_label (tagset, n - 1);
  visible = !attest_article_view_get_label_visible (self->view, label->id);
  attest_article_view_set_label_visible (self->view, label->id, visible);
  message = g_strdup_printf (visible ? _("Showing %s") : _("Hiding %s"), label->name);
  attest_window_toast (self, message);
}

static void
focus_inspector_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  AttestWindow *self = ATTEST_WINDOW (widget);

  g_settings_set_boolean (self->settings, "show-sidebar", TRUE);
  attest_inspector_focus (self->inspector);
}

static void
cycle_focus_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  AttestWindow *self = ATTEST_WINDOW (widget);
  gboolean backward = g_variant_get_boolean (param);
  GtkWidget *panes[3];
  guint n = 0, current = 0;

  if (gtk_revealer_get_reveal_child (self->corpus_revealer))
    panes[n++] = GTK_WIDGET (self->corpus_sidebar);
  panes[n++] = GTK_WIDGET (self->view);
  if (gtk_widget_get_visible (GTK_WIDGET (self->sidebar)))
    panes[n++] = GTK_WIDGET (self->annotation_list);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

      if (focus != NULL && (focus == panes[i] || gtk_widget_is_ancestor (focus, panes[i])))
        current = i;
    }

  current = backward ? (current + n - 1) % n : (current + 1) % n;
  if (panes[current] == GTK_WIDGET (self->annotation_list))
    attest_annotation_list_focus (self->annotation_list);
  else if (!gtk_widget_child_focus (panes[current], GTK_DIR_TAB_FORWARD))
    gtk_widget_grab_focus (panes[current]);
}

static void
next_suggestion_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  AttestWindow *self = ATTEST_WINDOW (widget);
  AttestDocument *document = attest_session_get_document (self->session);
  AttestSpanStore *suggestions = attest_document_get_suggested_spans (document);
  AttestSpan *selected = attest_article_view_get_selected_span (self->view);
  AttestSpan *next = NULL;

  if (selected != NULL)
    next = attest_span_store_find_from (suggestions, selected->start + 1);
  if (next == NULL)
    next = attest_span_store_get_first (suggestions);
  if (next != NULL)
    {
      attest_article_view_select_span (self->view, next->id, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->view));
    }
}

static void
accept_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  attest_article_view_accept_all_suggestions (ATTEST_WINDOW (widget)->view);
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  AttestWindow *self = ATTEST_WINDOW (widget);

  g_settings_set_boolean (self->settings, "show-sidebar",
                          !g_settings_get_boolean (self->settings, "show-sidebar"));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  gtk_window_close (GTK_WINDOW (widget));
}

void
attest_window_update_actions (AttestWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean open = self->session != NULL;
  gboolean writable = open && !attest_session_get_read_only (self->session);
  gboolean folder = attest_corpus_sidebar_get_folder (self->corpus_sidebar) != NULL;
  AttestHistory *history = open ? attest_session_get_history (self->session) : NULL;
  gboolean suggestions = open && attest_span_store_get_n_spans (
    attest_document_get_suggested_spans (attest_session_get_document (self->session))) > 0;

  gtk_widget_action_set_enabled (widget, "win.export", open);
  gtk_widget_action_set_enabled (widget, "win.who-said-what", open);
  gtk_widget_action_set_enabled (widget, "win.save", writable);
  gtk_widget_action_set_enabled (widget, "win.undo", writable && attest_history_can_undo (history));
  gtk_widget_action_set_enabled (widget, "win.redo", writable && attest_history_can_redo (history));
  gtk_widget_action_set_enabled (widget, "win.tag", writable);
  gtk_widget_action_set_enabled (widget, "win.mark-done", writable);
  gtk_widget_action_set_enabled (widget, "win.done-next", writable);
  gtk_widget_action_set_enabled (widget, "win.previous-article", open && folder);
  gtk_widget_action_set_enabled (widget, "win.next-article", open && folder);
  gtk_widget_action_set_enabled (widget, "win.toggle-label", open);
  gtk_widget_action_set_enabled (widget, "win.focus-inspector", open);
  gtk_widget_action_set_enabled (widget, "win.cycle-focus", open);
  gtk_widget_action_set_enabled (widget, "win.next-suggestion", suggestions);
  gtk_widget_action_set_enabled (widget, "win.accept-all-suggestions", writable && suggestions);
}

void
attest_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-folder", NULL, open_folder_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL, open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.show-uri", "s", show_uri_action);
  gtk_widget_class_install_action (widget_class, "win.who-said-what", NULL, who_said_what_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.tag", "s", tag_action);
  gtk_widget_class_install_action (widget_class, "win.mark-done", NULL, mark_done_action);
  gtk_widget_class_install_action (widget_class, "win.done-next", NULL, done_next_action);
  gtk_widget_class_install_action (widget_class, "win.previous-article", NULL, neighbour_action);
  gtk_widget_class_install_action (widget_class, "win.next-article", NULL, neighbour_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-label", "i", toggle_label_action);
  gtk_widget_class_install_action (widget_class, "win.focus-inspector", NULL, focus_inspector_action);
  gtk_widget_class_install_action (widget_class, "win.cycle-focus", "b", cycle_focus_action);
  gtk_widget_class_install_action (widget_class, "win.next-suggestion", NULL, next_suggestion_action);
  gtk_widget_class_install_action (widget_class, "win.accept-all-suggestions", NULL, accept_all_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.open-folder", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.who-said-what", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.previous-article", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "win.next-article", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "win.done-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "win.done-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.show-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "win.focus-inspector", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close", NULL);

  for (int i = 1; i <= 9; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0 + i, GDK_CONTROL_MASK, "win.toggle-label", "i", i);
}
