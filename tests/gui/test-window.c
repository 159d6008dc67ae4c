/* test-window.c: the window around an article, in-process under Xvfb
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "attest-application.h"
#include "attest-window-private.h"

#define SAMPLE "harbour-bridge.txt"

typedef gboolean (*Condition) (gpointer data);

static gboolean
wait_for (Condition condition,
          gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  return TRUE;
}

static gboolean
has_session (gpointer data)
{
  return attest_window_get_session (data) != NULL;
}

static gboolean
is_saved (gpointer data)
{
  AttestSession *session = attest_window_get_session (data);

  return session != NULL && attest_session_get_save_state (session) == ATTEST_SAVE_STATE_SAVED;
}

static char *
copy_sample (gboolean with_sidecar)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-window-XXXXXX", NULL);
  const char *names[] = { SAMPLE, SAMPLE ".attest.json" };

  for (guint i = 0; i < (with_sidecar ? 2 : 1); i++)
    {
      g_autofree char *from = g_build_filename (SOURCE_SAMPLES_DIR, names[i], NULL);
      g_autofree char *to = g_build_filename (dir, names[i], NULL);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (from, &contents, &len, NULL));
      g_assert_true (g_file_set_contents (to, contents, len, NULL));
    }

  return g_build_filename (dir, SAMPLE, NULL);
}

static AttestWindow *
open_window (const char *article_path)
{
  AttestWindow *window = attest_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  if (article_path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (article_path);

      attest_window_open_article (window, file);
      g_assert_true (wait_for (has_session, window));
    }

  return window;
}

static void
close_window (AttestWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_welcome (void)
{
  AttestWindow *window = open_window (NULL);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "welcome");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->palette)));
  close_window (window);
}

static void
test_open_sample (void)
{
  g_autofree char *path = copy_sample (TRUE);
  AttestWindow *window = open_window (path);
  AttestSession *session = attest_window_get_session (window);
  AttestDocument *document = attest_session_get_document (session);
  guint n_buttons = 0;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "document");
  g_assert_cmpstr (adw_window_title_get_title (window->window_title), ==,
                   "Harbour bridge repairs to cost €48 million, council says");
  g_assert_cmpstr (adw_window_title_get_subtitle (window->window_title), ==, "Saved");
  g_assert_cmpuint (attest_span_store_get_n_spans (attest_document_get_spans (document)), ==, 23);
  g_assert_false (attest_banner_get_revealed (window->read_only_banner));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (window->palette));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    n_buttons++;
  g_assert_cmpuint (n_buttons, ==, 3);

  close_window (window);
}

static void
write_file (const char *path,
            const char *contents)
{
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

static char *
read_file (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));

  return contents;
}

/* Class actions have no public "is enabled" query; an actionable
 * widget's sensitivity follows its action. */
static gboolean
tag_enabled (AttestWindow *window)
{
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (window->palette));

  g_assert_nonnull (button);

  return gtk_widget_is_sensitive (button);
}

static void
check_read_only (const char *sidecar_contents,
                 const char *expect_in_reason)
{
  g_autofree char *path = copy_sample (FALSE);
  g_autofree char *sidecar = g_strconcat (path, ATTEST_SIDECAR_SUFFIX, NULL);
  g_autofree char *after = NULL;
  AttestWindow *window;
  AttestSession *session;

  write_file (sidecar, sidecar_contents);
  window = open_window (path);
  session = attest_window_get_session (window);

  g_assert_true (attest_session_get_read_only (session));
  g_assert_true (attest_banner_get_revealed (window->read_only_banner));
  g_assert_nonnull (strstr (attest_banner_get_title (window->read_only_banner), expect_in_reason));
  g_assert_cmpstr (adw_window_title_get_subtitle (window->window_title), ==, "Read-Only");
  g_assert_false (tag_enabled (window));

  /* Trying to tag or close changes nothing on disk. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.tag", "s", "quote");
  close_window (window);
  after = read_file (sidecar);
  g_assert_cmpstr (after, ==, sidecar_contents);
}

static void
test_corrupt_sidecar_read_only (void)
{
  check_read_only ("{\"format\": \"attest\", \"version\": 1,\n  \"document\": [}\n", "line 2");
}

static void
test_newer_sidecar_read_only (void)
{
  g_autofree char *sample = g_build_filename (SOURCE_SAMPLES_DIR, SAMPLE ".attest.json", NULL);
  g_autofree char *contents = read_file (sample);
  g_autoptr(GString) newer = g_string_new (contents);

  g_string_replace (newer, "\"version\": 1,", "\"version\": 9,", 1);
  check_read_only (newer->str, "newer");
}

static void
test_autosave_undo_redo (void)
{
  g_autofree char *path = copy_sample (FALSE);
  g_autofree char *sidecar = g_strconcat (path, ATTEST_SIDECAR_SUFFIX, NULL);
  g_autofree char *saved = NULL;
  AttestWindow *window = open_window (path);
  AttestSession *session = attest_window_get_session (window);
  AttestHistory *history = attest_session_get_history (session);
  AttestSpanStore *spans = attest_document_get_spans (attest_session_get_document (session));

  attest_session_set_autosave_delay (session, 50);
  g_assert_false (g_file_test (sidecar, G_FILE_TEST_EXISTS));

  g_assert_true (tag_enabled (window));
  g_assert_nonnull (attest_history_add_span (history, "fact", 0, 7, "tester"));
  g_assert_true (wait_for (is_saved, window));
  saved = read_file (sidecar);
  g_assert_nonnull (strstr (saved, "\"label\": \"fact\", \"start\": 0, \"end\": 7, \"text\": \"Harbour\""));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpuint (attest_span_store_get_n_spans (spans), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  g_assert_cmpuint (attest_span_store_get_n_spans (spans), ==, 1);

  /* Closing right after an edit writes it, without asking. */
  attest_session_set_autosave_delay (session, 60000);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  gtk_window_close (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_pointer (&saved, g_free);
  saved = read_file (sidecar);
  g_assert_null (strstr (saved, "\"label\": \"fact\""));
}

static gboolean
banner_revealed (gpointer data)
{
  return attest_banner_get_revealed (data);
}

static void
test_article_changed_on_disk (void)
{
  g_autofree char *path = copy_sample (TRUE);
  g_autofree char *text = read_file (path);
  g_autofree char *edited = g_strconcat ("Editor's note: updated on Wednesday.\n\n", text, NULL);
  AttestWindow *window = open_window (path);
  AttestSession *session = attest_window_get_session (window);
  AttestDocument *document;
  AttestSpan *first;

  write_file (path, edited);
  g_assert_true (wait_for (banner_revealed, window->article_banner));

  attest_window_reanchor (window);
  document = attest_session_get_document (session);
  g_assert_cmpstr (attest_text_get_data (attest_document_get_text (document)), ==, edited);
  first = attest_span_store_get_first (attest_document_get_spans (document));
  g_assert_cmpuint (first->flags, ==, ATTEST_SPAN_FLAG_NONE);
  g_assert_true (attest_text_slice_equal (attest_document_get_text (document), first->start, first->end,
                                          "Repairs to the Eastgate harbour bridge will cost €48 million and close one lane until March 2027", -1));
  g_assert_false (attest_banner_get_revealed (window->article_banner));

  close_window (window);
}

static gboolean
conflict_file_exists (gpointer data)
{
  g_autoptr(GDir) dir = g_dir_open (data, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)))
    if (strstr (name, ".attest.conflict-") != NULL)
      return TRUE;

  return FALSE;
}

static void
test_conflict_keeps_both (void)
{
  g_autofree char *path = copy_sample (TRUE);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *sidecar = g_strconcat (path, ATTEST_SIDECAR_SUFFIX, NULL);
  g_autofree char *theirs = NULL;
  g_autofree char *ours = NULL;
  AttestWindow *window = open_window (path);
  AttestSession *session = attest_window_get_session (window);
  AttestDocument *document = attest_session_get_document (session);
  GString *edited;

  /* An unsaved edit of ours ... */
  attest_session_set_autosave_delay (session, 60000);
  attest_history_set_status (attest_session_get_history (session), ATTEST_STATUS_DONE);

  /* ... while another annotator's change lands on disk. */
  theirs = read_file (sidecar);
  edited = g_string_new (theirs);
  g_string_replace (edited, "\"Jane", "\"Janet", 0);
  g_string_replace (edited, "\"name\": \"Ingrid Solberg\"", "\"name\": \"Ingrid M. Solberg\"", 1);
  write_file (sidecar, edited->str);
  g_string_free (edited, TRUE);

  g_assert_true (wait_for (conflict_file_exists, folder));
  g_assert_true (wait_for (banner_revealed, window->notice_banner));
  g_assert_true (wait_for (is_saved, window));
  ours = read_file (sidecar);
  g_assert_nonnull (strstr (ours, "\"status\": \"done\""));
  g_assert_true (attest_document_get_status (document) == ATTEST_STATUS_DONE);

  close_window (window);
}

/* A folder opens at its first article not done yet. */
static void
test_open_folder_first_undone (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-window-folder-XXXXXX", NULL);
  g_autofree char *a = g_build_filename (dir, "a.txt", NULL);
  g_autofree char *b = g_build_filename (dir, "b.txt", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFile) file_a = g_file_new_for_path (a);
  g_autoptr(GFile) file_b = g_file_new_for_path (b);
  g_autoptr(AttestSession) done = NULL;
  AttestWindow *window;

  write_file (a, "Already annotated.\n");
  write_file (b, "Still to do.\n");
  done = attest_session_load (file_a, NULL, NULL);
  attest_history_set_status (attest_session_get_history (done), ATTEST_STATUS_DONE);
  g_assert_true (attest_session_flush (done, NULL));
  attest_session_close (done);

  window = open_window (NULL);
  attest_window_open_folder (window, folder, NULL);
  g_assert_true (wait_for (has_session, window));
  g_assert_true (g_file_equal (attest_session_get_article_file (attest_window_get_session (window)), file_b));

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/attest/gui/window/welcome", test_welcome);
  g_test_add_func ("/attest/gui/window/open-sample", test_open_sample);
  g_test_add_func ("/attest/gui/window/corrupt-sidecar-read-only", test_corrupt_sidecar_read_only);
  g_test_add_func ("/attest/gui/window/newer-sidecar-read-only", test_newer_sidecar_read_only);
  g_test_add_func ("/attest/gui/window/autosave-undo-redo", test_autosave_undo_redo);
  g_test_add_func ("/attest/gui/window/article-changed-on-disk", test_article_changed_on_disk);
  g_test_add_func ("/attest/gui/window/conflict-keeps-both", test_conflict_keeps_both);
  g_test_add_func ("/attest/gui/window/open-folder-first-undone", test_open_folder_first_undone);

  return g_test_run ();
}
