/* attest-export-dialog.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attest-export-dialog.h"
#include "attest-export-run.h"
#include "attest-format-row.h"
#include "attest-paths.h"

/* How often the progress bar reads the job's counters. */
#define PROGRESS_INTERVAL_MS 100

struct _AttestExportDialog
{
  AdwWindow             parent_instance;

  /* Template children */
  GtkButton            *cancel_button;
  GtkButton            *export_button;
  GtkStack             *stack;
  AdwComboRow          *format_row;
  AdwPreferencesGroup  *scope_group;
  AdwActionRow         *article_row;
  AdwActionRow         *folder_row;
  GtkCheckButton       *article_check;
  GtkCheckButton       *folder_check;
  AdwEntryRow          *destination_row;
  GtkProgressBar       *progress_bar;
  GtkLabel             *done_title;
  GtkLabel             *done_label;

  AttestSession        *session;
  GFile                *folder;
  GPtrArray            *articles;
  const AttestExporter * const *exporters;
  guint                 n_exporters;

  /* The format the shown destination was suggested for, whether the
   * editor has typed or chosen one since, and the one a file chooser
   * already asked about replacing. */
  const AttestExporter *suggested_for;
  gboolean              destination_edited;
  gboolean              setting_destination;
  GFile                *confirmed;

  GtkFileChooserNative *chooser;
  AttestExportRun      *run;
  GCancellable         *cancellable;     /* of the run */
  guint                 progress_source;
  GFile                *output;           /* the last export's, for export.open */
  gboolean              closed;
};

G_DEFINE_FINAL_TYPE (AttestExportDialog, attest_export_dialog, ADW_TYPE_WINDOW)

enum {
  EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The form ------------------------------------------------------------------ */

static const AttestExporter *
get_exporter (AttestExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->format_row);

  return selected < self->n_exporters ? self->exporters[selected] : self->exporters[0];
}

static gboolean
get_whole_folder (AttestExportDialog *self)
{
  return self->folder != NULL && gtk_check_button_get_active (self->folder_check);
}

static GFile *
get_article (AttestExportDialog *self)
{
  return attest_session_get_article_file (self->session);
}

static char *
strip_extension (const char *name)
{
  const char *dot = strrchr (name, '.');

  return dot != NULL && dot != name ? g_strndup (name, dot - name) : g_strdup (name);
}

/* Beside the article for a file; folder outputs (brat's .txt files among
 * them) go beside the open folder, so they never become articles of it. */
static GFile *
suggest_destination (AttestExportDialog *self)
{
  const AttestExporter *exporter = get_exporter (self);
  gboolean stream = attest_exporter_get_layout (exporter) == ATTEST_EXPORT_STREAM;
  g_autoptr(GFile) base = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;

  if (get_whole_folder (self) || (!stream && self->folder != NULL))
    {
      g_autofree char *folder_name = g_file_get_basename (self->folder);

      base = g_file_get_parent (self->folder);
      stem = get_whole_folder (self) ? g_steal_pointer (&folder_name) : NULL;
    }
  if (base == NULL)
    base = g_file_get_parent (get_article (self));
  if (stem == NULL)
    {
      g_autofree char *article_name = g_file_get_basename (get_article (self));

      stem = strip_extension (article_name);
    }

  if (stream)
    name = g_strconcat (stem, attest_exporter_get_extension (exporter), NULL);
  else
    name = g_strdup_printf ("%s-%s", stem, attest_exporter_get_name (exporter));

  return base != NULL ? g_file_get_child (base, name) : g_file_new_for_path (name);
}

static void
show_destination (AttestExportDialog *self,
                  GFile              *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *uri = path == NULL ? g_file_get_uri (file) : NULL;

  self->setting_destination = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->destination_row), path != NULL ? path : uri);
  self->setting_destination = FALSE;
}

static void
update_form (AttestExportDialog *self)
{
  const AttestExporter *exporter = get_exporter (self);
  gboolean stream = attest_exporter_get_layout (exporter) == ATTEST_EXPORT_STREAM;
  gboolean layout_changed = self->suggested_for != NULL &&
                            attest_exporter_get_layout (self->suggested_for) != attest_exporter_get_layout (exporter);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->destination_row),
                                 stream ? _("_Destination File") : _("_Destination Folder"));

  /* A destination of the editor's own is kept; only its extension
   * follows the format. */
  if (!self->destination_edited || layout_changed)
    {
      g_autoptr(GFile) suggestion = suggest_destination (self);

      show_destination (self, suggestion);
      self->destination_edited = FALSE;
    }
  else if (stream && self->suggested_for != NULL && self->suggested_for != exporter)
    {
      const char *old_ext = attest_exporter_get_extension (self->suggested_for);
      const char *text = gtk_editable_get_text (GTK_EDITABLE (self->destination_row));

      if (g_str_has_suffix (text, old_ext))
        {
          g_autofree char *stem = g_strndup (text, strlen (text) - strlen (old_ext));
          g_autofree char *renamed = g_strconcat (stem, attest_exporter_get_extension (exporter), NULL);

          self->setting_destination = TRUE;
          gtk_editable_set_text (GTK_EDITABLE (self->destination_row), renamed);
          self->setting_destination = FALSE;
        }
    }

  self->suggested_for = exporter;
}

static void
update_actions (AttestExportDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->destination_row));
  gboolean idle = self->run == NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.run", idle && *text != '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.choose", idle);
}

static void
on_format_changed (AttestExportDialog *self)
{
  /* Setting the model selects the first format, before there is a
   * session to suggest a destination for. */
  if (self->session != NULL)
    update_form (self);
}

static void
on_scope_toggled (AttestExportDialog *self)
{
  if (self->session != NULL && !self->destination_edited)
    update_form (self);
}

static void
on_destination_changed (AttestExportDialog *self)
{
  if (!self->setting_destination)
    {
      self->destination_edited = TRUE;
      g_clear_object (&self->confirmed);
    }
  update_actions (self);
}

static void
on_destination_activated (AttestExportDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "export.run", NULL);
}

/* Running ------------------------------------------------------------------- */

static void
set_running (AttestExportDialog *self,
             gboolean            running)
{
  gtk_stack_set_visible_child_name (self->stack, running ? "progress" : "form");
  if (running)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
      gtk_progress_bar_set_text (self->progress_bar, _("Preparing…"));
    }
  update_actions (self);
}

static gboolean
update_progress (gpointer user_data)
{
  AttestExportDialog *self = user_data;
  guint done, total;
  g_autofree char *text = NULL;

  if (self->run == NULL)
    return G_SOURCE_CONTINUE;

  attest_export_run_get_progress (self->run, &done, &total);
  if (total == 0)
    return G_SOURCE_CONTINUE;

  /* TRANSLATORS: documents exported so far, "3 of 12 documents" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u document", "%u of %u documents", total),
                          done, total);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
  gtk_progress_bar_set_text (self->progress_bar, text);

  return G_SOURCE_CONTINUE;
}

static void
show_error (AttestExportDialog *self,
            const char         *heading,
            const char         *message)
{
  GtkWindow *parent = self->closed ? gtk_window_get_transient_for (GTK_WINDOW (self)) : GTK_WINDOW (self);
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* What the format could not hold and what could not be read: a reason to
 * keep the dialog open and say so. */
static char *
describe_losses (const AttestExportSummary *summary,
                 const AttestExporter      *exporter,
                 GPtrArray                 *problems)
{
  g_auto(GStrv) dropped = attest_export_summary_describe_dropped (summary, exporter);
  GString *text = g_string_new (NULL);

  for (guint i = 0; dropped[i] != NULL; i++)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, dropped[i]);
    }

  if (problems->len > 0)
    {
      if (text->len > 0)
        g_string_append (text, "\n\n");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u article could not be read and was left out:",
                                                 "%u articles could not be read and were left out:",
                                                 problems->len),
                              problems->len);
      for (guint i = 0; i < problems->len; i++)
        {
          g_string_append_c (text, '\n');
          g_string_append (text, g_ptr_array_index (problems, i));
        }
    }

  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }

  return g_string_free (text, FALSE);
}

static void
export_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AttestExportDialog) self = user_data;
  g_autoptr(AttestExportRun) run = g_steal_pointer (&self->run);
  g_autoptr(GError) error = NULL;
  const AttestExportSummary *summary;
  GFile *output = attest_export_run_get_output (run);
  g_autofree char *losses = NULL;
  g_autofree char *title = NULL;

  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_object (&self->cancellable);

  if (!attest_export_run_finish (run, result, &error))
    {
      if (!self->closed)
        set_running (self, FALSE);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("Could Not Export"), error->message);
      return;
    }

  summary = attest_export_run_get_summary (run);
  g_set_object (&self->output, output);
  g_signal_emit (self, signals[EXPORTED], 0, output, summary->n_documents);

  if (self->closed)
    return;

  losses = describe_losses (summary, attest_export_run_get_exporter (run),
                            attest_export_run_get_problems (run));
  if (losses == NULL)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %" G_GUINT64_FORMAT " Document",
                                        "Exported %" G_GUINT64_FORMAT " Documents", summary->n_documents),
                           summary->n_documents);
  gtk_label_set_label (self->done_title, title);
  gtk_label_set_label (self->done_label, losses);
  gtk_stack_set_visible_child_name (self->stack, "done");
  gtk_button_set_label (self->cancel_button, _("_Close"));
  gtk_widget_set_visible (GTK_WIDGET (self->export_button), FALSE);
  update_actions (self);
}

static void
begin (AttestExportDialog *self,
       GFile              *output)
{
  AttestDocument *document = attest_session_get_document (self->session);
  GFile *open_article = get_article (self);

  if (self->run != NULL)
    return;

  /* The job writes through a path; a location without one (a network
   * share not mounted through FUSE) is refused here rather than written
   * to standard output. */
  if (g_file_peek_path (output) == NULL)
    {
      show_error (self, _("Could Not Export"), _("Choose a folder on this computer."));
      return;
    }

  self->run = attest_export_run_new (get_exporter (self), attest_session_get_tagset (self->session), output);
  if (!get_whole_folder (self))
    {
      g_autofree char *name = attest_path_document_name (self->folder, open_article);

      attest_export_run_add (self->run, open_article, name, document);
    }
  else
    for (guint i = 0; i < self->articles->len; i++)
      {
        GFile *article = g_ptr_array_index (self->articles, i);
        g_autofree char *name = attest_path_document_name (self->folder, article);

        /* The open article as shown, with what is not saved yet. */
        attest_export_run_add (self->run, article, name,
                               g_file_equal (article, open_article) ? document : NULL);
      }

  self->cancellable = g_cancellable_new ();
  set_running (self, TRUE);
  self->progress_source = g_timeout_add (PROGRESS_INTERVAL_MS, update_progress, self);
  attest_export_run_start (self->run, self->cancellable, export_done, g_object_ref (self));
}

typedef struct
{
  AttestExportDialog *self;
  GFile              *output;
} Confirm;

static void
confirm_free (Confirm *confirm)
{
  g_object_unref (confirm->self);
  g_object_unref (confirm->output);
  g_free (confirm);
}

static void
on_confirm_response (AdwMessageDialog *dialog,
                     const char       *response,
                     Confirm          *confirm)
{
  if (g_str_equal (response, "replace") && !confirm->self->closed)
    begin (confirm->self, confirm->output);
}

static void
ask_to_replace (AttestExportDialog *self,
                GFile              *output,
                gboolean            folder)
{
  g_autofree char *name = g_file_get_basename (output);
  g_autofree char *heading = g_strdup_printf (_("Replace “%s”?"), name);
  GtkWidget *dialog;
  Confirm *confirm;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   folder ? _("The folder already exists. Files in it with the same names "
                                              "as the exported ones are replaced.")
                                          : _("A file with this name already exists. Exporting replaces it."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  confirm = g_new0 (Confirm, 1);
  confirm->self = g_object_ref (self);
  confirm->output = g_object_ref (output);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_confirm_response),
                         confirm, (GClosureNotify) confirm_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
query_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(AttestExportDialog) self = user_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  GFile *output = G_FILE (object);

  if (self->closed)
    return;

  info = g_file_query_info_finish (output, result, &error);
  if (info == NULL)
    begin (self, output);
  else
    ask_to_replace (self, output, g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  AttestExportDialog *self = ATTEST_EXPORT_DIALOG (widget);
  g_autoptr(GFile) output = attest_export_dialog_get_destination (self);

  if (output == NULL || self->run != NULL)
    return;

  if (self->confirmed != NULL && g_file_equal (self->confirmed, output))
    begin (self, output);
  else
    g_file_query_info_async (output, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                             G_PRIORITY_DEFAULT, NULL, query_done, g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  AttestExportDialog *self = ATTEST_EXPORT_DIALOG (widget);

  if (self->run != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
chooser_response (GtkNativeDialog    *chooser,
                  int                 response,
                  AttestExportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        {
          attest_export_dialog_set_destination (self, file);
          /* The chooser asked before a file was replaced, or the folder
           * was picked as it is. */
          g_set_object (&self->confirmed, file);
        }
    }

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  AttestExportDialog *self = ATTEST_EXPORT_DIALOG (widget);
  gboolean stream = attest_exporter_get_layout (get_exporter (self)) == ATTEST_EXPORT_STREAM;
  g_autoptr(GFile) current = attest_export_dialog_get_destination (self);
  g_autoptr(GFile) parent = current != NULL ? g_file_get_parent (current) : NULL;

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (stream ? _("Export To") : _("Export Into Folder"),
                                               GTK_WINDOW (self),
                                               stream ? GTK_FILE_CHOOSER_ACTION_SAVE
                                                      : GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               stream ? _("_Export") : _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  if (parent != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), parent, NULL);
  if (stream && current != NULL)
    {
      g_autofree char *name = g_file_get_basename (current);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
    }

  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  AttestExportDialog *self = ATTEST_EXPORT_DIALOG (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autofree char *uri = NULL;

  if (self->output == NULL)
    return;

  uri = g_file_get_uri (self->output);
  gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
  gtk_window_close (GTK_WINDOW (self));
}

/* GObject ------------------------------------------------------------------- */

static gboolean
attest_export_dialog_close_request (GtkWindow *window)
{
  AttestExportDialog *self = ATTEST_EXPORT_DIALOG (window);

  /* Closing while it runs stops it; its callback still comes, and finds
   * the dialog closed. */
  self->closed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (attest_export_dialog_parent_class)->close_request (window);
}

static void
attest_export_dialog_dispose (GObject *object)
{
  AttestExportDialog *self = (AttestExportDialog *)object;

  self->closed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTEST_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (attest_export_dialog_parent_class)->dispose (object);
}

static void
attest_export_dialog_finalize (GObject *object)
{
  AttestExportDialog *self = (AttestExportDialog *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->folder);
  g_clear_pointer (&self->articles, g_ptr_array_unref);
  g_clear_object (&self->confirmed);
  g_clear_object (&self->output);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (attest_export_dialog_parent_class)->finalize (object);
}

static void
attest_export_dialog_class_init (AttestExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = attest_export_dialog_dispose;
  object_class->finalize = attest_export_dialog_finalize;
  window_class->close_request = attest_export_dialog_close_request;

  /**
   * AttestExportDialog::exported:
   * @output: the file or folder written
   * @n_documents: how many documents are in it
   *
   * An export completed.
   */
  signals[EXPORTED] =
    g_signal_new ("exported",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_UINT64);

  g_type_ensure (ATTEST_TYPE_FORMAT_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attest/Attest/attest-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AttestExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AttestExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, AttestExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AttestExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, AttestExportDialog, scope_group);
  gtk_widget_class_bind_template_child (widget_class, AttestExportDialog, article_row);
  gtk_widget_class_bind_template_child (widget_class, AttestExportDialog, folder_row);
  gtk_widget_class_bind_template_child (widget_class, AttestExportDialog, article_check);
  gtk_widget_class_bind_template_child (widget_class, AttestExportDialog, folder_check);
  gtk_widget_class_bind_template_child (widget_class, AttestExportDialog, destination_row);
  gtk_widget_class_bind_template_child (widget_class, AttestExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AttestExportDialog, done_title);
  gtk_widget_class_bind_template_child (widget_class, AttestExportDialog, done_label);
  gtk_widget_class_bind_template_callback (widget_class, on_format_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_scope_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_destination_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_destination_activated);

  gtk_widget_class_install_action (widget_class, "export.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "export.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "export.open", NULL, open_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "export.cancel", NULL);
}

static void
attest_export_dialog_init (AttestExportDialog *self)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->exporters = attest_exporters_get_all (&self->n_exporters);
  for (guint i = 0; i < self->n_exporters; i++)
    gtk_string_list_append (titles, attest_exporter_get_title (self->exporters[i]));
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (titles));
}

/**
 * attest_export_dialog_new:
 * @parent: the window
 * @session: the open article
 * @folder: (nullable): the open folder
 * @articles: (nullable) (element-type GFile): the folder's articles
 *
 * Returns: (transfer none): the dialog, owned by GTK's window list
 */
AttestExportDialog *
attest_export_dialog_new (GtkWindow     *parent,
                          AttestSession *session,
                          GFile         *folder,
                          GPtrArray     *articles)
{
  AttestExportDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ATTEST_IS_SESSION (session), NULL);
  g_return_val_if_fail (folder == NULL || G_IS_FILE (folder), NULL);

  self = g_object_new (ATTEST_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->session = g_object_ref (session);
  self->folder = folder != NULL ? g_object_ref (folder) : NULL;
  self->articles = articles != NULL ? g_ptr_array_ref (articles)
                                    : g_ptr_array_new_with_free_func (g_object_unref);

  title = g_markup_escape_text (attest_document_get_title (attest_session_get_document (session)), -1);
  adw_action_row_set_subtitle (self->article_row, title);
  gtk_widget_set_visible (GTK_WIDGET (self->scope_group), folder != NULL);
  if (folder != NULL)
    {
      g_autofree char *base = g_file_get_basename (folder);
      g_autofree char *display = g_filename_display_name (base);
      g_autofree char *escaped = g_markup_escape_text (display, -1);
      g_autofree char *subtitle =
        /* TRANSLATORS: the folder's name and how many articles it has */
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u article", "%s · %u articles",
                                      self->articles->len),
                         escaped, self->articles->len);

      adw_action_row_set_subtitle (self->folder_row, subtitle);
      gtk_widget_set_sensitive (GTK_WIDGET (self->folder_row), self->articles->len > 0);
    }

  update_form (self);
  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->format_row));

  return self;
}

gboolean
attest_export_dialog_set_format (AttestExportDialog *self,
                                 const char         *name)
{
  g_return_val_if_fail (ATTEST_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < self->n_exporters; i++)
    if (g_str_equal (attest_exporter_get_name (self->exporters[i]), name))
      {
        adw_combo_row_set_selected (self->format_row, i);
        return TRUE;
      }

  return FALSE;
}

void
attest_export_dialog_set_whole_folder (AttestExportDialog *self,
                                       gboolean            whole_folder)
{
  g_return_if_fail (ATTEST_IS_EXPORT_DIALOG (self));

  if (whole_folder && self->folder != NULL)
    gtk_check_button_set_active (self->folder_check, TRUE);
  else
    gtk_check_button_set_active (self->article_check, TRUE);
}

void
attest_export_dialog_set_destination (AttestExportDialog *self,
                                      GFile              *destination)
{
  g_return_if_fail (ATTEST_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (destination));

  show_destination (self, destination);
  self->destination_edited = TRUE;
  g_clear_object (&self->confirmed);
  update_actions (self);
}

/**
 * attest_export_dialog_get_destination:
 *
 * Returns: (transfer full) (nullable): the destination typed or chosen
 */
GFile *
attest_export_dialog_get_destination (AttestExportDialog *self)
{
  g_autoptr(GFile) base = NULL;

  g_return_val_if_fail (ATTEST_IS_EXPORT_DIALOG (self), NULL);

  base = g_file_get_parent (get_article (self));

  return attest_path_from_text (gtk_editable_get_text (GTK_EDITABLE (self->destination_row)), base);
}
