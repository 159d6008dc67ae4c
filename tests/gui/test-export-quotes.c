/* test-export-quotes.c: export, import and "who said what", in-process under Xvfb
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "attest-export-dialog.h"
#include "attest-import-dialog.h"
#include "attest-quote-item.h"
#include "attest-window-private.h"

typedef gboolean (*Condition) (gpointer data);

static gboolean
wait_for (Condition condition,
          gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  return TRUE;
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static char *
read_file (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));

  return contents;
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (from, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (to, contents, len, NULL));
}

/* A fixture article with its sidecar, copied to @dir/@relative. */
static char *
copy_fixture (const char *dir,
              const char *fixture,
              const char *relative)
{
  g_autofree char *from = g_build_filename (g_getenv ("ATTEST_TEST_DATA"), "export", fixture, NULL);
  g_autofree char *from_sidecar = g_strconcat (from, ATTEST_SIDECAR_SUFFIX, NULL);
  char *to = g_build_filename (dir, relative, NULL);
  g_autofree char *to_sidecar = g_strconcat (to, ATTEST_SIDECAR_SUFFIX, NULL);
  g_autofree char *parent = g_path_get_dirname (to);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  copy_file (from, to);
  copy_file (from_sidecar, to_sidecar);

  return to;
}

static gboolean
has_session (gpointer data)
{
  return attest_window_get_session (data) != NULL;
}

static AttestWindow *
open_window (const char *article_path)
{
  AttestWindow *window = attest_window_new (NULL);
  g_autoptr(GFile) file = g_file_new_for_path (article_path);

  gtk_window_present (GTK_WINDOW (window));
  attest_window_open_article (window, file);
  g_assert_true (wait_for (has_session, window));

  return window;
}

static AttestWindow *
open_folder (const char *folder_path)
{
  AttestWindow *window = attest_window_new (NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);

  gtk_window_present (GTK_WINDOW (window));
  attest_window_open_folder (window, folder, NULL);
  g_assert_true (wait_for (has_session, window));

  return window;
}

static void
close_window (AttestWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

/* The toplevel of @type (a dialog the window opened), or NULL. */
static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static gboolean
no_toplevel (gpointer data)
{
  return find_toplevel ((GType) GPOINTER_TO_SIZE (data)) == NULL;
}

static gboolean
toplevel_shown (gpointer data)
{
  return find_toplevel ((GType) GPOINTER_TO_SIZE (data)) != NULL;
}

/* A widget of @type under @widget, mapped, whose text (for a label)
 * holds @text when it is not NULL. */
static GtkWidget *
find_widget (GtkWidget  *widget,
             GType       type,
             const char *text)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget) &&
      (text == NULL || strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  GFile   *output;
  guint64  n_documents;
  guint    n_calls;
} Done;

static void
on_done (GObject *dialog,
         GFile   *output,
         guint64  n_documents,
         Done    *done)
{
  g_set_object (&done->output, output);
  done->n_documents = n_documents;
  done->n_calls++;
}

static gboolean
done_called (gpointer data)
{
  return ((Done *) data)->n_calls > 0;
}

static AttestExportDialog *
open_export_dialog (AttestWindow *window,
                    Done         *done)
{
  AttestExportDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  dialog = find_toplevel (ATTEST_TYPE_EXPORT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_signal_connect (dialog, "exported", G_CALLBACK (on_done), done);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));

  return dialog;
}

/* "This article" in jsonl: the file holds the edit not saved yet, which
 * the sidecar on disk does not, and the dialog closes when done. */
static void
test_export_this_article_unsaved (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-export-XXXXXX", NULL);
  g_autofree char *path = copy_fixture (dir, "world/harbour.txt", "harbour.txt");
  g_autofree char *sidecar = g_strconcat (path, ATTEST_SIDECAR_SUFFIX, NULL);
  g_autofree char *out_path = g_build_filename (dir, "out", "export.jsonl", NULL);
  g_autofree char *out_dir = g_path_get_dirname (out_path);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(GFile) suggested = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *on_disk = NULL;
  g_auto(GStrv) lines = NULL;
  AttestWindow *window = open_window (path);
  AttestSession *session = attest_window_get_session (window);
  AttestExportDialog *dialog;
  Done done = { 0 };

  attest_session_set_autosave_delay (session, 600000);
  g_assert_nonnull (attest_history_add_span (attest_session_get_history (session), "fact", 0, 7, "tester"));
  g_assert_true (attest_session_get_save_state (session) == ATTEST_SAVE_STATE_MODIFIED);

  dialog = open_export_dialog (window, &done);
  /* The suggestion is beside the article, with the format's extension. */
  g_assert_true (attest_export_dialog_set_format (dialog, "csv"));
  suggested = attest_export_dialog_get_destination (dialog);
  g_assert_cmpstr (g_file_peek_path (suggested), ==, g_build_filename (dir, "harbour.csv", NULL));
  g_clear_object (&suggested);
  g_assert_true (attest_export_dialog_set_format (dialog, "jsonl"));
  suggested = attest_export_dialog_get_destination (dialog);
  g_assert_true (g_str_has_suffix (g_file_peek_path (suggested), "/harbour.jsonl"));
  g_assert_false (attest_export_dialog_set_format (dialog, "no-such-format"));

  attest_export_dialog_set_whole_folder (dialog, FALSE);
  g_assert_cmpint (g_mkdir_with_parents (out_dir, 0755), ==, 0);
  attest_export_dialog_set_destination (dialog, out);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "export.run", NULL);

  g_assert_true (wait_for (done_called, &done));
  g_assert_true (wait_for (no_toplevel, GSIZE_TO_POINTER (ATTEST_TYPE_EXPORT_DIALOG)));
  g_assert_cmpuint (done.n_documents, ==, 1);
  g_assert_true (g_file_equal (done.output, out));

  exported = read_file (out_path);
  lines = g_strsplit (exported, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);   /* one record, then "" */
  g_assert_nonnull (strstr (exported, "\"path\": \"harbour.txt\""));
  g_assert_nonnull (strstr (exported, "\"label\": \"fact\", \"start\": 0, \"end\": 7, \"text\": \"Harbour\""));
  g_assert_nonnull (strstr (exported, "Mayor Zoë Okafor"));
  on_disk = read_file (sidecar);
  g_assert_null (strstr (on_disk, "\"start\": 0, \"end\": 7"));

  g_clear_object (&done.output);
  close_window (window);
}

/* The whole folder: every annotated article (the open one from memory),
 * none without a sidecar; an existing output is replaced only once the
 * editor says so. */
static void
test_export_folder_replace (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-export-folder-XXXXXX", NULL);
  g_autofree char *folder = g_build_filename (dir, "news", NULL);
  g_autofree char *harbour = copy_fixture (folder, "world/harbour.txt", "world/harbour.txt");
  g_autofree char *cjk = copy_fixture (folder, "cjk-rtl.txt", "cjk-rtl.txt");
  g_autofree char *bare = g_build_filename (folder, "zeta.txt", NULL);
  g_autofree char *out_path = g_build_filename (dir, "dataset.jsonl", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(GFile) suggested = NULL;
  g_autofree char *exported = NULL;
  AttestWindow *window;
  AttestExportDialog *dialog;
  AdwMessageDialog *question;
  Done done = { 0 };

  g_assert_true (g_file_set_contents (bare, "Not annotated yet.\n", -1, NULL));
  g_assert_true (g_file_set_contents (out_path, "an older export\n", -1, NULL));
  window = open_folder (folder);

  dialog = open_export_dialog (window, &done);
  g_assert_true (attest_export_dialog_set_format (dialog, "jsonl"));
  attest_export_dialog_set_whole_folder (dialog, TRUE);
  /* Beside the folder, named after it. */
  suggested = attest_export_dialog_get_destination (dialog);
  g_assert_cmpstr (g_file_peek_path (suggested), ==, g_build_filename (dir, "news.jsonl", NULL));
  attest_export_dialog_set_destination (dialog, out);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "export.run", NULL);

  g_assert_true (wait_for (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG)));
  question = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (question), "dataset.jsonl"));
  exported = read_file (out_path);
  g_assert_cmpstr (exported, ==, "an older export\n");
  g_clear_pointer (&exported, g_free);
  /* As the Replace button does: the response, then the dialog closes. */
  adw_message_dialog_response (question, "replace");
  gtk_window_close (GTK_WINDOW (question));

  g_assert_true (wait_for (done_called, &done));
  g_assert_true (wait_for (no_toplevel, GSIZE_TO_POINTER (ATTEST_TYPE_EXPORT_DIALOG)));
  g_assert_cmpuint (done.n_documents, ==, 2);

  exported = read_file (out_path);
  /* In the folder's order, named by their paths in it. */
  g_assert_true (g_str_has_prefix (exported, "{\"format\": \"attest\", \"version\": 1, \"path\": \"cjk-rtl.txt\""));
  g_assert_nonnull (strstr (exported, "\n{\"format\": \"attest\", \"version\": 1, \"path\": \"world/harbour.txt\""));
  g_assert_null (strstr (exported, "zeta"));

  g_clear_object (&done.output);
  close_window (window);
}

/* A format that cannot hold everything keeps the dialog open and says
 * what was left out. */
static void
test_export_says_what_was_dropped (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-export-conll-XXXXXX", NULL);
  g_autofree char *path = copy_fixture (dir, "world/harbour.txt", "harbour.txt");
  g_autofree char *out_path = g_build_filename (dir, "tokens.conll", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  AttestWindow *window = open_window (path);
  AttestExportDialog *dialog;
  Done done = { 0 };

  dialog = open_export_dialog (window, &done);
  g_assert_true (attest_export_dialog_set_format (dialog, "conll"));
  attest_export_dialog_set_destination (dialog, out);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "export.run", NULL);

  g_assert_true (wait_for (done_called, &done));
  drain ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  g_assert_true (find_toplevel (ATTEST_TYPE_EXPORT_DIALOG) == dialog);
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "conll could not hold"));
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "Exported 1 Document"));
  g_assert_true (g_file_test (out_path, G_FILE_TEST_IS_REGULAR));

  gtk_widget_activate_action (GTK_WIDGET (dialog), "export.cancel", NULL);
  g_assert_true (wait_for (no_toplevel, GSIZE_TO_POINTER (ATTEST_TYPE_EXPORT_DIALOG)));

  g_clear_object (&done.output);
  close_window (window);
}

static gboolean
window_in_folder (gpointer data)
{
  AttestWindow *window = data;
  GFile *folder = g_object_get_data (G_OBJECT (window), "test-folder");
  AttestSession *session = attest_window_get_session (window);
  g_autoptr(GFile) parent = NULL;

  if (session == NULL)
    return FALSE;
  parent = g_file_get_parent (attest_session_get_article_file (session));

  return g_file_equal (parent, folder);
}

static AttestImportDialog *
open_import_dialog (AttestWindow *window,
                    Done         *done)
{
  AttestImportDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL);
  dialog = find_toplevel (ATTEST_TYPE_IMPORT_DIALOG);
  g_assert_nonnull (dialog);
  g_signal_connect (dialog, "imported", G_CALLBACK (on_done), done);

  return dialog;
}

/* A jsonl file becomes a new folder, which the window opens. */
static void
test_import_opens_folder (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-import-XXXXXX", NULL);
  g_autofree char *path = copy_fixture (dir, "world/harbour.txt", "harbour.txt");
  g_autofree char *sidecar = g_strconcat (path, ATTEST_SIDECAR_SUFFIX, NULL);
  g_autofree char *input_path = g_build_filename (dir, "news.jsonl", NULL);
  g_autofree char *output_path = g_build_filename (dir, "imported", NULL);
  g_autofree char *article = g_build_filename (output_path, "story.txt", NULL);
  g_autofree char *article_sidecar = g_strconcat (article, ATTEST_SIDECAR_SUFFIX, NULL);
  g_autoptr(GFile) input = g_file_new_for_path (input_path);
  g_autoptr(GFile) output = g_file_new_for_path (output_path);
  g_autoptr(AttestExportJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *imported = NULL;
  AttestExportOptions options = ATTEST_EXPORT_OPTIONS_INIT;
  AttestWindow *window = open_window (path);
  AttestImportDialog *dialog;
  Done done = { 0 };

  /* The input: the fixture as one jsonl record named "story.txt". */
  job = attest_export_job_new (attest_exporter_lookup ("jsonl"), &options);
  attest_export_job_add_sidecar (job, sidecar, "story.txt");
  g_assert_true (attest_export_job_run (job, input_path, NULL, &error));
  g_assert_no_error (error);

  dialog = open_import_dialog (window, &done);
  g_assert_true (attest_import_dialog_set_format (dialog, "jsonl"));
  attest_import_dialog_set_input (dialog, input);
  attest_import_dialog_set_output (dialog, output);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.run", NULL);

  g_assert_true (wait_for (done_called, &done));
  g_assert_cmpuint (done.n_documents, ==, 1);
  g_assert_true (wait_for (no_toplevel, GSIZE_TO_POINTER (ATTEST_TYPE_IMPORT_DIALOG)));
  g_assert_true (g_file_test (article, G_FILE_TEST_IS_REGULAR));
  imported = read_file (article_sidecar);
  g_assert_nonnull (strstr (imported, "Mayor Zoë Okafor"));

  g_object_set_data_full (G_OBJECT (window), "test-folder", g_object_ref (output), g_object_unref);
  g_assert_true (wait_for (window_in_folder, window));
  g_assert_true (g_file_equal (attest_corpus_sidebar_get_folder (window->corpus_sidebar), output));

  g_clear_object (&done.output);
  close_window (window);
}

/* A bad input: a message naming the file and the line, nothing written,
 * and the dialog stays for another try. */
static void
test_import_error_names_line (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-import-bad-XXXXXX", NULL);
  g_autofree char *path = copy_fixture (dir, "world/harbour.txt", "harbour.txt");
  g_autofree char *sidecar = g_strconcat (path, ATTEST_SIDECAR_SUFFIX, NULL);
  g_autofree char *input_path = g_build_filename (dir, "broken.jsonl", NULL);
  g_autofree char *output_path = g_build_filename (dir, "never", NULL);
  g_autofree char *good = NULL;
  g_autofree char *broken = NULL;
  g_autoptr(AttestExportJob) job = NULL;
  g_autoptr(GError) error = NULL;
  AttestExportOptions options = ATTEST_EXPORT_OPTIONS_INIT;
  g_autoptr(GFile) input = g_file_new_for_path (input_path);
  g_autoptr(GFile) output = g_file_new_for_path (output_path);
  AttestWindow *window = open_window (path);
  AttestImportDialog *dialog;
  AdwMessageDialog *message;
  Done done = { 0 };

  /* A good first line (the fixture), then one cut short. */
  job = attest_export_job_new (attest_exporter_lookup ("jsonl"), &options);
  attest_export_job_add_sidecar (job, sidecar, "story.txt");
  g_assert_true (attest_export_job_run (job, input_path, NULL, &error));
  g_assert_no_error (error);
  good = read_file (input_path);
  broken = g_strconcat (good, "{\"format\": \"attest\", \"version\": 1, \"text\": [\n", NULL);
  g_assert_true (g_file_set_contents (input_path, broken, -1, NULL));

  dialog = open_import_dialog (window, &done);
  g_assert_true (attest_import_dialog_set_format (dialog, "jsonl"));
  attest_import_dialog_set_input (dialog, input);
  attest_import_dialog_set_output (dialog, output);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.run", NULL);

  g_assert_true (wait_for (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG)));
  message = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "broken.jsonl"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), "line 2"));
  g_assert_cmpuint (done.n_calls, ==, 0);
  g_assert_false (g_file_test (output_path, G_FILE_TEST_EXISTS));
  g_assert_true (find_toplevel (ATTEST_TYPE_IMPORT_DIALOG) == dialog);

  gtk_window_destroy (GTK_WINDOW (message));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL);
  g_assert_true (wait_for (no_toplevel, GSIZE_TO_POINTER (ATTEST_TYPE_IMPORT_DIALOG)));
  close_window (window);
}

/* Who said what --------------------------------------------------------- */

static AttestQuotesWindow *
open_quotes (AttestWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.who-said-what", NULL);
  g_assert_nonnull (window->quotes_window);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (window->quotes_window)) == GTK_WINDOW (window));

  return window->quotes_window;
}

static AttestQuoteItem *
get_item (AttestQuotesWindow *quotes,
          guint               position)
{
  AttestQuoteItem *item = g_list_model_get_item (attest_quotes_window_get_model (quotes), position);

  g_assert_nonnull (item);
  g_object_unref (item);   /* the model keeps it */

  return item;
}

static const char *
quote_id_at (AttestQuotesWindow *quotes,
             guint               position)
{
  return attest_quote_item_get_row (get_item (quotes, position))->quote_id;
}

typedef struct
{
  char     *text;
  gboolean  done;
} ClipboardRead;

static void
clipboard_read_done (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  ClipboardRead *read = user_data;
  g_autoptr(GError) error = NULL;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
  read->done = TRUE;
}

static gboolean
clipboard_read (gpointer data)
{
  return ((ClipboardRead *) data)->done;
}

static char *
clipboard_text (GtkWidget *widget)
{
  ClipboardRead read = { NULL, FALSE };

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, clipboard_read_done, &read);
  g_assert_true (wait_for (clipboard_read, &read));

  return read.text;
}

static GtkColumnView *
find_column_view (AttestQuotesWindow *quotes)
{
  GtkWidget *view = find_widget (GTK_WIDGET (quotes), GTK_TYPE_COLUMN_VIEW, NULL);

  g_assert_nonnull (view);

  return GTK_COLUMN_VIEW (view);
}

static gboolean
has_n_rows (gpointer data)
{
  AttestQuotesWindow *quotes = data;
  guint expected = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (quotes), "test-rows"));

  return g_list_model_get_n_items (attest_quotes_window_get_model (quotes)) == expected;
}

static void
wait_for_rows (AttestQuotesWindow *quotes,
               guint               n)
{
  g_object_set_data (G_OBJECT (quotes), "test-rows", GUINT_TO_POINTER (n));
  g_assert_true (wait_for (has_n_rows, quotes));
}

/* The open article's quotes: rows, unsaved edits followed, activation
 * selecting the span in the view, and the clipboard's text. */
static void
test_quotes_article (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-quotes-XXXXXX", NULL);
  g_autofree char *path = copy_fixture (dir, "world/harbour.txt", "harbour.txt");
  g_autofree char *all = NULL;
  g_autofree char *one = NULL;
  g_autofree char *sorted = NULL;
  AttestWindow *window = open_window (path);
  AttestSession *session = attest_window_get_session (window);
  AttestQuotesWindow *quotes;
  GtkColumnView *view;
  GListModel *columns;
  g_autoptr(GtkColumnViewColumn) speaker_column = NULL;
  const AttestQuoteRow *row;
  AttestSpan *selected;
  AttestSpan *added;

  attest_session_set_autosave_delay (session, 600000);
  quotes = open_quotes (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (quotes));
  wait_for_rows (quotes, 4);

  g_assert_cmpstr (quote_id_at (quotes, 0), ==, "s1");
  g_assert_cmpstr (quote_id_at (quotes, 1), ==, "s3");
  g_assert_cmpstr (quote_id_at (quotes, 2), ==, "s6");
  g_assert_cmpstr (quote_id_at (quotes, 3), ==, "s8");
  row = attest_quote_item_get_row (get_item (quotes, 3));
  g_assert_cmpstr (row->speaker, ==, "she");
  g_assert_cmpstr (row->entity, ==, "Renée Dupré");
  g_assert_cmpstr (row->kind, ==, "direct");

  /* Activating a row selects its quote in the article. */
  view = find_column_view (quotes);
  g_assert_null (attest_article_view_get_selected_span (window->view));
  g_signal_emit_by_name (view, "activate", 2);
  selected = attest_article_view_get_selected_span (window->view);
  g_assert_nonnull (selected);
  g_assert_cmpstr (selected->id, ==, "s6");

  /* The whole table, then one selected row, as TSV. */
  gtk_widget_activate_action (GTK_WIDGET (quotes), "quotes.copy-all", NULL);
  all = clipboard_text (GTK_WIDGET (quotes));
  g_assert_cmpstr (all, ==,
                   "Quote\tSpeaker\tEntity\tKind\n"
                   "The bridge is safe again,\tMayor Zoë Okafor\tZoë Okafor\tdirect\n"
                   "and it will carry 40,000 cars a day.\tMayor Zoë Okafor\tZoë Okafor\tdirect\n"
                   "the works cost €12 million\tEngineer Renée Dupré\tRenée Dupré\tindirect\n"
                   "We found cracks in three piers.  “Each one was repaired by hand,\tshe\tRenée Dupré\tdirect\n");
  gtk_selection_model_select_item (gtk_column_view_get_model (view), 1, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (quotes), "quotes.copy", NULL);
  one = clipboard_text (GTK_WIDGET (quotes));
  g_assert_cmpstr (one, ==,
                   "Quote\tSpeaker\tEntity\tKind\n"
                   "and it will carry 40,000 cars a day.\tMayor Zoë Okafor\tZoë Okafor\tdirect\n");

  /* Sorted by speaker, the table and its copy follow. */
  columns = gtk_column_view_get_columns (view);
  speaker_column = g_list_model_get_item (columns, 2);
  g_assert_cmpstr (gtk_column_view_column_get_title (speaker_column), ==, "Speaker");
  gtk_column_view_sort_by_column (view, speaker_column, GTK_SORT_ASCENDING);
  g_assert_cmpstr (quote_id_at (quotes, 0), ==, "s6");
  g_assert_cmpstr (quote_id_at (quotes, 3), ==, "s8");
  gtk_selection_model_unselect_all (gtk_column_view_get_model (view));
  gtk_widget_activate_action (GTK_WIDGET (quotes), "quotes.copy", NULL);
  sorted = clipboard_text (GTK_WIDGET (quotes));
  g_assert_true (g_str_has_prefix (sorted, "Quote\tSpeaker\tEntity\tKind\nthe works cost €12 million\t"));
  gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);

  /* A quote tagged now, not saved yet, joins the table. */
  added = attest_history_add_span (attest_session_get_history (session), "quote", 0, 7, "tester");
  g_assert_nonnull (added);
  wait_for_rows (quotes, 5);
  g_assert_cmpstr (quote_id_at (quotes, 0), ==, added->id);
  g_assert_null (attest_quote_item_get_row (get_item (quotes, 0))->speaker);

  close_window (window);
  g_assert_null (find_toplevel (ATTEST_TYPE_QUOTES_WINDOW));
}

static gboolean
not_loading (gpointer data)
{
  return !attest_quotes_window_get_loading (data);
}

static gboolean
span_selected (gpointer data)
{
  AttestWindow *window = data;
  const char *id = g_object_get_data (G_OBJECT (window), "test-span");
  AttestSpan *span = attest_article_view_get_selected_span (window->view);

  return span != NULL && g_str_equal (span->id, id);
}

/* The folder's quotes, read in a thread; a row of another article opens
 * that article and selects the quote. */
static void
test_quotes_folder (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-quotes-folder-XXXXXX", NULL);
  g_autofree char *harbour = copy_fixture (dir, "world/harbour.txt", "world/harbour.txt");
  g_autofree char *cjk = copy_fixture (dir, "cjk-rtl.txt", "cjk-rtl.txt");
  g_autofree char *bare = g_build_filename (dir, "zeta.txt", NULL);
  g_autoptr(GFile) harbour_file = g_file_new_for_path (harbour);
  g_autofree char *tsv = NULL;
  AttestWindow *window;
  AttestQuotesWindow *quotes;
  AttestSession *session;
  gint position = -1;
  guint n;

  g_assert_true (g_file_set_contents (bare, "Not annotated yet.\n", -1, NULL));
  window = open_folder (dir);
  session = attest_window_get_session (window);
  g_assert_false (g_file_equal (attest_session_get_article_file (session), harbour_file));

  quotes = open_quotes (window);
  g_assert_true (wait_for (not_loading, quotes));
  n = g_list_model_get_n_items (attest_quotes_window_get_model (quotes));
  g_assert_cmpuint (n, ==, 7);

  for (guint i = 0; i < n; i++)
    {
      const AttestQuoteRow *row = attest_quote_item_get_row (get_item (quotes, i));

      g_assert_true (g_str_equal (row->document, "cjk-rtl.txt") || g_str_equal (row->document, "world/harbour.txt"));
      if (g_str_equal (row->document, "world/harbour.txt") && g_str_equal (row->quote_id, "s6"))
        position = i;
    }
  g_assert_cmpint (position, >=, 0);
  g_assert_true (g_file_equal (attest_quote_item_get_article (get_item (quotes, position)), harbour_file));

  gtk_widget_activate_action (GTK_WIDGET (quotes), "quotes.copy-all", NULL);
  tsv = clipboard_text (GTK_WIDGET (quotes));
  g_assert_true (g_str_has_prefix (tsv, "Article\tQuote\tSpeaker\tEntity\tKind\n"));
  g_assert_nonnull (strstr (tsv, "\nworld/harbour.txt\tthe works cost €12 million\tEngineer Renée Dupré\tRenée Dupré\tindirect\n"));

  g_object_set_data_full (G_OBJECT (window), "test-span", g_strdup ("s6"), g_free);
  g_signal_emit_by_name (find_column_view (quotes), "activate", (guint) position);
  g_assert_true (wait_for (span_selected, window));
  g_assert_true (g_file_equal (attest_session_get_article_file (attest_window_get_session (window)), harbour_file));

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/attest/gui/export/this-article-unsaved", test_export_this_article_unsaved);
  g_test_add_func ("/attest/gui/export/folder-replace", test_export_folder_replace);
  g_test_add_func ("/attest/gui/export/says-what-was-dropped", test_export_says_what_was_dropped);
  g_test_add_func ("/attest/gui/import/opens-folder", test_import_opens_folder);
  g_test_add_func ("/attest/gui/import/error-names-line", test_import_error_names_line);
  g_test_add_func ("/attest/gui/quotes/article", test_quotes_article);
  g_test_add_func ("/attest/gui/quotes/folder", test_quotes_folder);

  return g_test_run ();
}
