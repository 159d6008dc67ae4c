/* attest-import-dialog.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attest-import-dialog.h"
#include "attest-format-row.h"
#include "attest-paths.h"

struct _AttestImportDialog
{
  AdwWindow                     parent_instance;

  /* Template children */
  GtkStack                     *stack;
  AdwComboRow                  *format_row;
  AdwEntryRow                  *input_row;
  AdwEntryRow                  *output_row;
  GtkSpinner                   *spinner;

  const AttestImporter * const *importers;
  guint                         n_importers;
  char                         *annotator;

  /* The editor typed or chose the new folder: the input no longer
   * suggests one. */
  gboolean                      output_edited;
  gboolean                      setting_output;

  GtkFileChooserNative         *chooser;
  int                           choosing;   /* ChooseWhat */
  GCancellable                 *running;
  GFile                        *importing_into;
  gboolean                      closed;
};

G_DEFINE_FINAL_TYPE (AttestImportDialog, attest_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum
{
  CHOOSE_FILE,
  CHOOSE_FOLDER,
  CHOOSE_OUTPUT,
} ChooseWhat;

static GFile *
get_input (AttestImportDialog *self)
{
  return attest_path_from_text (gtk_editable_get_text (GTK_EDITABLE (self->input_row)), NULL);
}

static GFile *
get_output (AttestImportDialog *self)
{
  return attest_path_from_text (gtk_editable_get_text (GTK_EDITABLE (self->output_row)), NULL);
}

static void
show_path (AdwEntryRow *row,
           GFile       *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *uri = path == NULL ? g_file_get_uri (file) : NULL;

  gtk_editable_set_text (GTK_EDITABLE (row), path != NULL ? path : uri);
}

static void
set_output (AttestImportDialog *self,
            GFile              *output)
{
  self->setting_output = TRUE;
  show_path (self->output_row, output);
  self->setting_output = FALSE;
}

static void
update_actions (AttestImportDialog *self)
{
  g_autoptr(GFile) input = get_input (self);
  g_autoptr(GFile) output = get_output (self);
  gboolean idle = self->running == NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.run", idle && input != NULL && output != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.choose-file", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.choose-folder", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.choose-output", idle);
}

/* "news.jsonl" → "news-attest" beside it; a folder the same way, so the
 * new folder never is the input. */
static void
suggest_output (AttestImportDialog *self)
{
  g_autoptr(GFile) input = get_input (self);
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GFile) output = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  char *dot;

  if (input == NULL || (parent = g_file_get_parent (input)) == NULL)
    return;

  base = g_file_get_basename (input);
  if ((dot = strrchr (base, '.')) != NULL && dot != base)
    *dot = '\0';
  name = g_strconcat (base, "-attest", NULL);
  output = g_file_get_child (parent, name);
  set_output (self, output);
}

static void
on_input_changed (AttestImportDialog *self)
{
  if (!self->output_edited)
    suggest_output (self);
  update_actions (self);
}

static void
on_output_changed (AttestImportDialog *self)
{
  if (!self->setting_output)
    self->output_edited = TRUE;
  update_actions (self);
}

static void
on_entry_activated (AttestImportDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "import.run", NULL);
}

static void
set_running (AttestImportDialog *self,
             GCancellable       *running)
{
  g_set_object (&self->running, running);
  gtk_stack_set_visible_child_name (self->stack, running != NULL ? "progress" : "form");
  gtk_spinner_set_spinning (self->spinner, running != NULL);
  update_actions (self);
}

static void
import_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AttestImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) output = g_steal_pointer (&self->importing_into);
  AttestImportSummary summary = { 0 };
  GtkWidget *dialog;

  if (!attest_import_run_finish (result, &summary, &error))
    {
      if (self->closed)
        return;
      set_running (self, NULL);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Import"), error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  g_clear_object (&self->running);
  g_signal_emit (self, signals[IMPORTED], 0, output, summary.n_documents);
  if (!self->closed)
    gtk_window_close (GTK_WINDOW (self));
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  AttestImportDialog *self = ATTEST_IMPORT_DIALOG (widget);
  const AttestImporter *importer;
  g_autoptr(GFile) input = get_input (self);
  g_autoptr(GFile) output = get_output (self);
  g_autoptr(GCancellable) cancellable = NULL;
  g_autofree char *input_path = NULL;
  g_autofree char *output_path = NULL;
  guint selected;

  if (self->running != NULL || input == NULL || output == NULL)
    return;

  input_path = g_file_get_path (input);
  output_path = g_file_get_path (output);
  if (input_path == NULL || output_path == NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Import"),
                                                  _("Choose files and folders on this computer."));

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  selected = adw_combo_row_get_selected (self->format_row);
  importer = self->importers[selected < self->n_importers ? selected : 0];
  cancellable = g_cancellable_new ();
  set_running (self, cancellable);

  g_set_object (&self->importing_into, output);

  {
    const char *inputs[] = { input_path, NULL };

    attest_import_run_async (importer, inputs, output_path, self->annotator,
                             cancellable, import_done, g_object_ref (self));
  }
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  AttestImportDialog *self = ATTEST_IMPORT_DIALOG (widget);

  if (self->running != NULL)
    g_cancellable_cancel (self->running);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
chooser_response (GtkNativeDialog    *chooser,
                  int                 response,
                  AttestImportDialog *self)
{
  ChooseWhat what = self->choosing;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL && what == CHOOSE_OUTPUT)
        attest_import_dialog_set_output (self, file);
      else if (file != NULL)
        attest_import_dialog_set_input (self, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
}

static void
choose (AttestImportDialog *self,
        ChooseWhat          what)
{
  static const char *titles[] = { N_("Import a File"), N_("Import a Folder"), N_("New Folder for the Articles") };
  static const GtkFileChooserAction actions[] = {
    GTK_FILE_CHOOSER_ACTION_OPEN,
    GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
    GTK_FILE_CHOOSER_ACTION_SAVE,
  };
  g_autoptr(GFile) current = what == CHOOSE_OUTPUT ? get_output (self) : get_input (self);
  g_autoptr(GFile) parent = current != NULL ? g_file_get_parent (current) : NULL;

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_(titles[what]), GTK_WINDOW (self), actions[what],
                                               what == CHOOSE_OUTPUT ? _("_Create") : _("_Select"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  self->choosing = what;

  if (parent != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), parent, NULL);
  if (what == CHOOSE_OUTPUT && current != NULL)
    {
      g_autofree char *name = g_file_get_basename (current);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
    }

  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  choose (ATTEST_IMPORT_DIALOG (widget), CHOOSE_FILE);
}

static void
choose_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  choose (ATTEST_IMPORT_DIALOG (widget), CHOOSE_FOLDER);
}

static void
choose_output_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  choose (ATTEST_IMPORT_DIALOG (widget), CHOOSE_OUTPUT);
}

static gboolean
attest_import_dialog_close_request (GtkWindow *window)
{
  AttestImportDialog *self = ATTEST_IMPORT_DIALOG (window);

  self->closed = TRUE;
  if (self->running != NULL)
    g_cancellable_cancel (self->running);

  return GTK_WINDOW_CLASS (attest_import_dialog_parent_class)->close_request (window);
}

static void
attest_import_dialog_dispose (GObject *object)
{
  AttestImportDialog *self = (AttestImportDialog *)object;

  self->closed = TRUE;
  if (self->running != NULL)
    g_cancellable_cancel (self->running);
  g_clear_object (&self->running);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTEST_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (attest_import_dialog_parent_class)->dispose (object);
}

static void
attest_import_dialog_finalize (GObject *object)
{
  AttestImportDialog *self = (AttestImportDialog *)object;

  g_free (self->annotator);
  g_clear_object (&self->importing_into);

  G_OBJECT_CLASS (attest_import_dialog_parent_class)->finalize (object);
}

static void
attest_import_dialog_class_init (AttestImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = attest_import_dialog_dispose;
  object_class->finalize = attest_import_dialog_finalize;
  window_class->close_request = attest_import_dialog_close_request;

  /**
   * AttestImportDialog::imported:
   * @folder: the new folder
   * @n_documents: how many articles are in it
   *
   * An import completed.
   */
  signals[IMPORTED] =
    g_signal_new ("imported",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_UINT64);

  g_type_ensure (ATTEST_TYPE_FORMAT_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attest/Attest/attest-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AttestImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AttestImportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, AttestImportDialog, input_row);
  gtk_widget_class_bind_template_child (widget_class, AttestImportDialog, output_row);
  gtk_widget_class_bind_template_child (widget_class, AttestImportDialog, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_input_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_output_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);

  gtk_widget_class_install_action (widget_class, "import.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "import.choose-file", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "import.choose-folder", NULL, choose_folder_action);
  gtk_widget_class_install_action (widget_class, "import.choose-output", NULL, choose_output_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
}

static void
attest_import_dialog_init (AttestImportDialog *self)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->importers = attest_importers_get_all (&self->n_importers);
  for (guint i = 0; i < self->n_importers; i++)
    gtk_string_list_append (titles, attest_importer_get_title (self->importers[i]));
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (titles));

  update_actions (self);
}

/**
 * attest_import_dialog_new:
 * @parent: the window
 * @annotator: (nullable): who imports
 *
 * Returns: (transfer none): the dialog, owned by GTK's window list
 */
AttestImportDialog *
attest_import_dialog_new (GtkWindow  *parent,
                          const char *annotator)
{
  AttestImportDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (ATTEST_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->annotator = g_strdup (annotator);
  gtk_widget_grab_focus (GTK_WIDGET (self->format_row));

  return self;
}

gboolean
attest_import_dialog_set_format (AttestImportDialog *self,
                                 const char         *name)
{
  g_return_val_if_fail (ATTEST_IS_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < self->n_importers; i++)
    if (g_str_equal (attest_importer_get_name (self->importers[i]), name))
      {
        adw_combo_row_set_selected (self->format_row, i);
        return TRUE;
      }

  return FALSE;
}

void
attest_import_dialog_set_input (AttestImportDialog *self,
                                GFile              *input)
{
  g_return_if_fail (ATTEST_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (input));

  show_path (self->input_row, input);
}

void
attest_import_dialog_set_output (AttestImportDialog *self,
                                 GFile              *output)
{
  g_return_if_fail (ATTEST_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (output));

  show_path (self->output_row, output);
}
