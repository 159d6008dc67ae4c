/* attest-window-session.c: the window and the article open in it
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attest-settings.h"
#include "attest-window-private.h"

#define MAX_RECENT 5

void
attest_window_toast (AttestWindow *self,
                     const char   *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
update_title (AttestWindow *self)
{
  AttestDocument *document;
  const char *subtitle = NULL;

  if (self->session == NULL)
    {
      adw_window_title_set_title (self->window_title, _("Attest"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Attest"));
      return;
    }

  document = attest_session_get_document (self->session);

  switch (attest_session_get_save_state (self->session))
    {
    case ATTEST_SAVE_STATE_SAVED:
      subtitle = attest_document_get_status (document) == ATTEST_STATUS_DONE ? _("Saved · Done") : _("Saved");
      break;

    case ATTEST_SAVE_STATE_MODIFIED:
    case ATTEST_SAVE_STATE_SAVING:
      subtitle = _("Saving…");
      break;

    case ATTEST_SAVE_STATE_FAILED:
      subtitle = _("Not Saved");
      break;

    case ATTEST_SAVE_STATE_READ_ONLY:
      subtitle = _("Read-Only");
      break;

    default:
      g_assert_not_reached ();
    }

  adw_window_title_set_title (self->window_title, attest_document_get_title (document));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), attest_document_get_title (document));
}

static void
update_banners (AttestWindow *self)
{
  const char *reason = self->session != NULL ? attest_session_get_read_only_reason (self->session) : NULL;
  const char *error = self->session != NULL ? attest_session_get_save_error (self->session) : NULL;
  gboolean failed = self->session != NULL &&
                    attest_session_get_save_state (self->session) == ATTEST_SAVE_STATE_FAILED;

  attest_banner_set_title (self->read_only_banner, reason);
  attest_banner_set_revealed (self->read_only_banner, reason != NULL);

  if (failed)
    {
      g_autofree char *title =
        g_strdup_printf (_("Could not save: %s. Your annotations are kept and Attest keeps trying."),
                         error != NULL ? error : _("unknown error"));

      attest_banner_set_title (self->save_banner, title);
      attest_banner_set_button_label (self->save_banner, _("_Try Again"));
    }
  attest_banner_set_revealed (self->save_banner, failed);

  if (self->session == NULL || !attest_session_get_article_changed (self->session))
    attest_banner_set_revealed (self->article_banner, FALSE);
}

/* Once per change of the article on disk: what updating would do. */
static void
on_article_changed (AttestWindow *self)
{
  AttestReanchorReport report = { 0 };
  g_autofree char *title = NULL;

  if (!attest_session_get_article_changed (self->session))
    {
      attest_banner_set_revealed (self->article_banner, FALSE);
      return;
    }

  if (attest_session_preview_reanchor (self->session, &report, NULL))
    title = report.flagged->len == 0
            ? g_strdup (_("The article changed on disk. Every annotation can move with it."))
            : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "The article changed on disk. %u annotation will need review.",
                                            "The article changed on disk. %u annotations will need review.",
                                            report.flagged->len),
                               report.flagged->len);
  else
    title = g_strdup (_("The article changed on disk."));
  attest_reanchor_report_clear (&report);

  attest_banner_set_title (self->article_banner, title);
  attest_banner_set_revealed (self->article_banner, TRUE);
}

static void
show_notice (AttestWindow *self,
             const char   *message)
{
  attest_banner_set_title (self->notice_banner, message);
  attest_banner_set_revealed (self->notice_banner, TRUE);
}

static void
update_suggestions (AttestWindow *self)
{
  guint n = 0;

  if (self->session != NULL)
    {
      AttestDocument *document = attest_session_get_document (self->session);

      n = attest_span_store_get_n_spans (attest_document_get_suggested_spans (document));
    }

  if (n > 0)
    {
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Suggestion",
                                                             "%u Suggestions", n), n);

      gtk_menu_button_set_label (self->suggestions_button, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->suggestions_button), n > 0);
}

static void
on_save_state_changed (AttestWindow *self)
{
  update_title (self);
  update_banners (self);
}

static void
on_document_replaced (AttestWindow *self)
{
  g_signal_group_set_target (self->document_signals, attest_session_get_document (self->session));
  g_signal_group_set_target (self->history_signals, attest_session_get_history (self->session));
  update_title (self);
  update_suggestions (self);
  attest_window_update_actions (self);
}

static void
on_reloaded (AttestWindow *self)
{
  attest_window_toast (self, _("Annotations reloaded: the file was changed by someone else"));
}

static void
on_conflict (AttestWindow *self,
             const char   *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *message =
    g_strdup_printf (_("Someone else changed the annotations while you were editing. "
                       "Yours are saved; theirs are kept as “%s”."), base);

  show_notice (self, message);
}

static void
on_document_changed (AttestWindow *self)
{
  AttestDocument *document = attest_session_get_document (self->session);

  update_title (self);
  attest_corpus_sidebar_update (self->corpus_sidebar,
                                attest_session_get_article_file (self->session),
                                document);
}

/* Opening a folder shows its first article not done yet, once the
 * sidebar's scan (off the main thread) knows which that is. */
static void
on_corpus_loaded (AttestWindow *self)
{
  g_autoptr(GFile) article = NULL;

  if (!self->open_first_when_loaded)
    return;
  self->open_first_when_loaded = FALSE;

  if (!(article = attest_corpus_sidebar_get_next_undone (self->corpus_sidebar, NULL)))
    article = attest_corpus_sidebar_get_first (self->corpus_sidebar);

  if (article != NULL)
    attest_window_open_article (self, article);
  else
    {
      GFile *folder = attest_corpus_sidebar_get_folder (self->corpus_sidebar);
      g_autofree char *base = folder != NULL ? g_file_get_basename (folder) : NULL;
      g_autofree char *message = g_strdup_printf (_("“%s” has no articles (.txt or .md files)"), base);

      attest_window_toast (self, message);
    }
}

static void
on_annotator_changed (AttestWindow *self)
{
  g_autofree char *annotator = attest_settings_dup_annotator (self->settings);

  if (self->session != NULL)
    attest_session_set_annotator (self->session, annotator);
}

static void
on_save_banner_clicked (AttestWindow *self)
{
  if (self->session != NULL)
    attest_session_save (self->session);
}

static void
on_notice_banner_clicked (AttestWindow *self)
{
  attest_banner_set_revealed (self->notice_banner, FALSE);
}

void
attest_window_init_session (AttestWindow *self)
{
  g_signal_connect_swapped (self->corpus_sidebar, "loaded",
                            G_CALLBACK (on_corpus_loaded), self);
  g_signal_connect_swapped (self->settings, "changed::annotator",
                            G_CALLBACK (on_annotator_changed), self);
  g_signal_connect_swapped (self->save_banner, "button-clicked",
                            G_CALLBACK (on_save_banner_clicked), self);
  g_signal_connect_swapped (self->article_banner, "button-clicked",
                            G_CALLBACK (attest_window_reanchor), self);
  g_signal_connect_swapped (self->notice_banner, "button-clicked",
                            G_CALLBACK (on_notice_banner_clicked), self);

  self->session_signals = g_signal_group_new (ATTEST_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "notify::save-state",
                                  G_CALLBACK (on_save_state_changed), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::save-error",
                                  G_CALLBACK (update_banners), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::read-only-reason",
                                  G_CALLBACK (on_save_state_changed), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::article-changed",
                                  G_CALLBACK (on_article_changed), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::document",
                                  G_CALLBACK (on_document_replaced), self);
  g_signal_group_connect_swapped (self->session_signals, "reloaded",
                                  G_CALLBACK (on_reloaded), self);
  g_signal_group_connect_swapped (self->session_signals, "conflict",
                                  G_CALLBACK (on_conflict), self);

  self->document_signals = g_signal_group_new (ATTEST_TYPE_DOCUMENT);
  g_signal_group_connect_swapped (self->document_signals, "changed",
                                  G_CALLBACK (on_document_changed), self);
  g_signal_group_connect_swapped (self->document_signals, "suggestions-changed",
                                  G_CALLBACK (update_suggestions), self);

  self->history_signals = g_signal_group_new (ATTEST_TYPE_HISTORY);
  g_signal_group_connect_swapped (self->history_signals, "notify::can-undo",
                                  G_CALLBACK (attest_window_update_actions), self);
  g_signal_group_connect_swapped (self->history_signals, "notify::can-redo",
                                  G_CALLBACK (attest_window_update_actions), self);
}

void
attest_window_set_session (AttestWindow  *self,
                           AttestSession *session)
{
  g_autofree char *annotator = NULL;

  if (self->session == session)
    return;

  if (self->session != NULL)
    attest_session_close (self->session);

  g_set_object (&self->session, session);

  g_signal_group_set_target (self->session_signals, session);
  g_signal_group_set_target (self->document_signals,
                             session != NULL ? attest_session_get_document (session) : NULL);
  g_signal_group_set_target (self->history_signals,
                             session != NULL ? attest_session_get_history (session) : NULL);

  if (session != NULL)
    {
      annotator = attest_settings_dup_annotator (self->settings);
      attest_session_set_annotator (session, annotator);
      g_settings_bind (self->settings, "autosave-delay", session, "autosave-delay", G_SETTINGS_BIND_GET);
    }

  attest_article_view_set_session (self->view, session);
  attest_annotation_list_set_session (self->annotation_list, session);
  attest_inspector_set_session (self->inspector, session);
  attest_inspector_set_span (self->inspector, NULL);
  attest_label_palette_set_tagset (self->palette, session != NULL ? attest_session_get_tagset (session) : NULL);
  if (self->quotes_window != NULL)
    attest_quotes_window_set_session (self->quotes_window, session);
  gtk_widget_set_visible (GTK_WIDGET (self->palette), session != NULL);
  attest_banner_set_revealed (self->notice_banner, FALSE);

  if (session != NULL)
    {
      const char *tagset_error = attest_session_get_tagset_error (session);

      attest_corpus_sidebar_set_current (self->corpus_sidebar, attest_session_get_article_file (session));
      if (tagset_error != NULL)
        {
          g_autofree char *message = g_strdup_printf (_("The folder’s tag set cannot be used (%s); "
                                                        "the default labels are shown."),
                                                      tagset_error);
          show_notice (self, message);
        }
      gtk_stack_set_visible_child_name (self->stack, "document");
      gtk_widget_grab_focus (GTK_WIDGET (self->view));
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "welcome");

  update_title (self);
  update_banners (self);
  if (session != NULL)
    on_article_changed (self);
  update_suggestions (self);
  attest_window_update_actions (self);
}

static gboolean
write_recovery_copy (AttestWindow  *self,
                     char         **where)
{
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "attest", "recovery", NULL);
  g_autofree char *base = g_file_get_basename (attest_session_get_sidecar_file (self->session));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = g_strdup_printf ("%s.%s", base, stamp);
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = attest_sidecar_serialize (attest_session_get_document (self->session));

  if (g_mkdir_with_parents (folder, 0700) != 0 ||
      !attest_file_replace_atomic (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL, NULL))
    return FALSE;

  *where = g_steal_pointer (&path);

  return TRUE;
}

gboolean
attest_window_flush (AttestWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;

  g_return_val_if_fail (ATTEST_IS_WINDOW (self), TRUE);

  if (self->session == NULL || attest_session_flush (self->session, &error))
    return TRUE;

  /* The sidecar cannot be written (disk full, folder gone): keep the
   * annotations somewhere rather than lose them. */
  if (write_recovery_copy (self, &where))
    {
      g_printerr (_("Attest: could not save %s (%s); a copy of the annotations is in %s\n"),
                  g_file_peek_path (attest_session_get_sidecar_file (self->session)),
                  error->message, where);
      return TRUE;
    }

  update_banners (self);
  return FALSE;
}

static void
add_recent (GFile *article)
{
  g_autofree char *uri = g_file_get_uri (article);
  GtkRecentData data = { 0 };

  data.mime_type = (char *) "text/plain";
  data.app_name = (char *) g_get_application_name ();
  data.app_exec = (char *) "attest %u";
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

static void
open_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AttestWindow) self = user_data;
  g_autoptr(AttestSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) article = g_steal_pointer (&self->pending_article);

  session = attest_session_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->loading);

  if (session == NULL)
    {
      g_autofree char *base = g_file_get_basename (article);
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), base);
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  add_recent (article);
  attest_window_set_session (self, session);

  /* Opened to show a quote of the "who said what" table. */
  if (self->pending_span != NULL)
    {
      attest_article_view_select_span (self->view, self->pending_span, TRUE);
      g_clear_pointer (&self->pending_span, g_free);
    }
}

void
attest_window_open_article (AttestWindow *self,
                            GFile        *article)
{
  g_return_if_fail (ATTEST_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (article));

  if (self->session != NULL && g_file_equal (article, attest_session_get_article_file (self->session)))
    return;

  g_clear_pointer (&self->pending_span, g_free);

  if (!attest_window_flush (self))
    return;

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->loading = g_cancellable_new ();
  g_set_object (&self->pending_article, article);

  attest_session_load_async (article, self->loading, open_done, g_object_ref (self));
}

void
attest_window_open_folder (AttestWindow *self,
                           GFile        *folder,
                           GFile        *article)
{
  g_autofree char *path = NULL;

  g_return_if_fail (ATTEST_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (folder));

  self->open_first_when_loaded = article == NULL;

  attest_corpus_sidebar_set_folder (self->corpus_sidebar, folder);
  gtk_widget_set_visible (GTK_WIDGET (self->corpus_button), TRUE);
  gtk_revealer_set_reveal_child (self->corpus_revealer, TRUE);

  if ((path = g_file_get_path (folder)) != NULL)
    g_settings_set_string (self->settings, "last-folder", path);

  if (article != NULL)
    attest_window_open_article (self, article);
}

static void
on_recent_activated (GtkListBox    *list,
                     GtkListBoxRow *row,
                     AttestWindow  *self)
{
  GFile *file = g_object_get_data (G_OBJECT (row), "file");

  if (g_object_get_data (G_OBJECT (row), "folder") != NULL)
    attest_window_open_folder (self, file, NULL);
  else
    attest_window_open_article (self, file);
}

static void
add_recent_row (AttestWindow *self,
                GFile        *file,
                const char   *title,
                const char   *subtitle,
                gboolean      folder)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (folder ? "folder-symbolic" : "text-x-generic-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "file", g_object_ref (file), g_object_unref);
  if (folder)
    g_object_set_data (G_OBJECT (row), "folder", GINT_TO_POINTER (TRUE));
  gtk_list_box_append (self->recent_list, row);
}

void
attest_window_populate_recent (AttestWindow *self)
{
  g_autofree char *last_folder = g_settings_get_string (self->settings, "last-folder");
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  guint n = 0;

  g_signal_connect (self->recent_list, "row-activated", G_CALLBACK (on_recent_activated), self);

  if (*last_folder != '\0' && g_file_test (last_folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (last_folder);
      g_autofree char *base = g_path_get_basename (last_folder);
      g_autofree char *title = g_strdup_printf (_("Continue with “%s”"), base);

      add_recent_row (self, folder, title, last_folder, TRUE);
      n++;
    }

  for (GList *l = items; l != NULL && n < MAX_RECENT; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      g_autoptr(GFile) file = NULL;
      g_autofree char *parent = NULL;

      if (!gtk_recent_info_has_application (info, g_get_application_name ()) ||
          !gtk_recent_info_exists (info) || !g_str_has_prefix (uri, "file:"))
        continue;

      file = g_file_new_for_uri (uri);
      parent = g_path_get_dirname (g_file_peek_path (file));
      add_recent_row (self, file, gtk_recent_info_get_display_name (info), parent, FALSE);
      n++;
    }

  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  gtk_widget_set_visible (GTK_WIDGET (self->recent_list), n > 0);
}

static void
review_row_activated (GtkListBox    *list,
                      GtkListBoxRow *row,
                      AttestWindow  *self)
{
  const char *id = g_object_get_data (G_OBJECT (row), "span-id");

  attest_article_view_select_span (self->view, id, TRUE);
}

/* After re-anchoring: the spans to look at, each a row that jumps to it. */
static void
show_review (AttestWindow         *self,
             AttestReanchorReport *report)
{
  AttestText *text = attest_document_get_text (attest_session_get_document (self->session));
  GtkWidget *dialog, *scroller, *list;
  g_autofree char *moved = NULL;
  g_autofree char *flagged = NULL;
  g_autofree char *body = NULL;

  moved = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u annotation moved with the text.",
                                        "%u annotations moved with the text.",
                                        report->n_moved),
                           report->n_moved);
  if (report->flagged->len > 0)
    flagged = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u covers text that changed; it is kept and marked for review.",
                                            "%u cover text that changed; they are kept and marked for review.",
                                            report->flagged->len),
                               report->flagged->len);
  body = flagged != NULL ? g_strconcat (moved, " ", flagged, NULL) : g_strdup (moved);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Annotations Updated"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));

  list = gtk_list_box_new ();
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  g_signal_connect (list, "row-activated", G_CALLBACK (review_row_activated), self);

  for (guint i = 0; i < report->flagged->len; i++)
    {
      AttestSpan *span = g_ptr_array_index (report->flagged, i);
      g_autofree char *now = attest_text_slice (text, span->start, span->end);
      g_autofree char *title = g_markup_escape_text (span->old_text != NULL ? span->old_text : "", -1);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      AttestLabel *label = attest_tagset_lookup_label (attest_session_get_tagset (self->session), span->label);
      const char *label_name = label != NULL ? label->name : span->label;

      if (span->flags & ATTEST_SPAN_FLAG_DELETED)
        subtitle = g_strdup_printf (_("%s · deleted from the article"), label_name);
      else
        {
          g_autofree char *escaped = g_markup_escape_text (now, -1);

          subtitle = g_strdup_printf (_("%s · now “%s”"), label_name, escaped);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "span-id", g_strdup (span->id), g_free);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  if (report->flagged->len > 0 && report->flagged->len <= 3)
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  else if (report->flagged->len > 3)
    {
      /* A long review list scrolls inside the dialog. */
      scroller = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 240);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
    }
  else
    g_object_unref (g_object_ref_sink (list));

  gtk_window_present (GTK_WINDOW (dialog));
}

void
attest_window_reanchor (AttestWindow *self)
{
  AttestReanchorReport report = { 0 };
  g_autoptr(GError) error = NULL;

  if (self->session == NULL)
    return;

  if (!attest_session_reanchor (self->session, &report, &error))
    {
      attest_window_toast (self, error->message);
      return;
    }

  show_review (self, &report);
  attest_reanchor_report_clear (&report);
  update_banners (self);
}
