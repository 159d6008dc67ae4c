/* test-session.c: an article open for annotation, without a display
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "attest-core.h"

static const char *article =
  "Senator Mara Quist spoke on Monday.\n"
  "\xf0\x9f\x97\xb3\xef\xb8\x8f \xe2\x80\x9cTax cuts will pay for themselves,\xe2\x80\x9d she said.\n";

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
      g_usleep (500);
    }

  return TRUE;
}

static gboolean
is_saved (gpointer data)
{
  return attest_session_get_save_state (data) == ATTEST_SAVE_STATE_SAVED;
}

static char *
write_article (const char *contents)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-session-XXXXXX", NULL);
  char *path = g_build_filename (dir, "senate.txt", NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));

  return path;
}

static AttestSession *
load (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  AttestSession *session = attest_session_load (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (session);

  return session;
}

static char *
read_sidecar (const char *path)
{
  g_autofree char *sidecar = g_strconcat (path, ATTEST_SIDECAR_SUFFIX, NULL);
  char *contents = NULL;

  if (!g_file_get_contents (sidecar, &contents, NULL, NULL))
    return NULL;

  return contents;
}

static void
test_autosave (void)
{
  g_autofree char *path = write_article (article);
  g_autoptr(AttestSession) session = load (path);
  AttestHistory *history = attest_session_get_history (session);
  g_autofree char *saved = NULL;

  g_assert_false (attest_session_get_read_only (session));
  g_assert_cmpuint (attest_session_get_save_state (session), ==, ATTEST_SAVE_STATE_SAVED);
  /* Nothing is written until there is something to keep. */
  g_assert_null (read_sidecar (path));

  attest_session_set_autosave_delay (session, 30);
  attest_history_add_span (history, "speaker", 0, 18, "ana");
  g_assert_cmpuint (attest_session_get_save_state (session), ==, ATTEST_SAVE_STATE_MODIFIED);
  g_assert_true (wait_for (is_saved, session));

  saved = read_sidecar (path);
  g_assert_nonnull (strstr (saved, "\"text\": \"Senator Mara Quist\""));
  g_assert_nonnull (strstr (saved, "\"by\": \"ana\""));
  attest_session_close (session);
}

static void
test_flush_writes_latest (void)
{
  g_autofree char *path = write_article (article);
  g_autoptr(AttestSession) session = load (path);
  AttestHistory *history = attest_session_get_history (session);
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;

  attest_session_set_autosave_delay (session, 60000);
  attest_history_add_span (history, "speaker", 0, 18, "ana");
  attest_history_add_span (history, "fact", 28, 34, "ana");
  g_assert_true (attest_session_flush (session, &error));
  g_assert_no_error (error);
  saved = read_sidecar (path);
  g_assert_nonnull (strstr (saved, "\"text\": \"Monday\""));
  g_assert_cmpuint (attest_session_get_save_state (session), ==, ATTEST_SAVE_STATE_SAVED);
}

static void
test_corrupt_sidecar_is_read_only (void)
{
  g_autofree char *path = write_article (article);
  g_autofree char *sidecar = g_strconcat (path, ATTEST_SIDECAR_SUFFIX, NULL);
  const char *broken = "{\"format\": \"attest\",\n \"version\": 1, \"document\": {\n";
  g_autoptr(AttestSession) session = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (sidecar, broken, -1, NULL));
  session = load (path);

  g_assert_true (attest_session_get_read_only (session));
  g_assert_nonnull (strstr (attest_session_get_read_only_reason (session), "senate.txt.attest.json"));
  g_assert_nonnull (strstr (attest_session_get_read_only_reason (session), "line 3"));
  g_assert_cmpuint (attest_session_get_save_state (session), ==, ATTEST_SAVE_STATE_READ_ONLY);

  /* Even a forced save leaves the damaged file for a person to mend. */
  attest_session_save (session);
  g_assert_true (attest_session_flush (session, &error));
  attest_session_close (session);
  after = read_sidecar (path);
  g_assert_cmpstr (after, ==, broken);
}

static gboolean
article_changed (gpointer data)
{
  return attest_session_get_article_changed (data);
}

static void
test_article_changed_and_reanchor (void)
{
  g_autofree char *path = write_article (article);
  g_autoptr(AttestSession) session = load (path);
  AttestHistory *history = attest_session_get_history (session);
  g_autofree char *edited = g_strconcat ("UPDATED.\n", article, NULL);
  AttestReanchorReport report = { 0 };
  g_autoptr(GError) error = NULL;
  AttestSpan *speaker;

  attest_session_set_autosave_delay (session, 20);
  speaker = attest_history_add_span (history, "speaker", 0, 18, "ana");
  g_assert_true (wait_for (is_saved, session));

  g_assert_true (g_file_set_contents (path, edited, -1, NULL));
  g_assert_true (wait_for (article_changed, session));

  /* A preview changes nothing ... */
  g_assert_true (attest_session_preview_reanchor (session, &report, &error));
  g_assert_cmpuint (report.n_moved, ==, 1);
  attest_reanchor_report_clear (&report);
  g_assert_cmpuint (speaker->start, ==, 0);

  /* ... the editor's confirmation does. */
  g_assert_true (attest_session_reanchor (session, &report, &error));
  g_assert_no_error (error);
  attest_reanchor_report_clear (&report);
  g_assert_cmpuint (speaker->start, ==, 9);
  g_assert_false (attest_session_get_article_changed (session));
  g_assert_true (wait_for (is_saved, session));
  attest_session_close (session);
}

static gboolean
reloaded (gpointer data)
{
  return *(gboolean *) data;
}

static void
on_reloaded (AttestSession *session,
             gboolean      *flag)
{
  *flag = TRUE;
}

static void
test_reload_when_clean (void)
{
  g_autofree char *path = write_article (article);
  g_autofree char *sidecar = g_strconcat (path, ATTEST_SIDECAR_SUFFIX, NULL);
  g_autoptr(AttestSession) session = load (path);
  g_autoptr(AttestSession) other = NULL;
  gboolean flag = FALSE;

  attest_session_set_autosave_delay (session, 20);
  attest_history_add_span (attest_session_get_history (session), "speaker", 0, 18, "ana");
  g_assert_true (wait_for (is_saved, session));
  g_signal_connect (session, "reloaded", G_CALLBACK (on_reloaded), &flag);

  /* Another annotator (another session on the same files) adds a fact. */
  other = load (path);
  attest_history_add_span (attest_session_get_history (other), "fact", 28, 34, "ben");
  attest_session_close (other);

  g_assert_true (wait_for (reloaded, &flag));
  g_assert_cmpuint (attest_span_store_get_n_spans (attest_document_get_spans (attest_session_get_document (session))), ==, 2);
  attest_session_close (session);
}

static void
test_large_document_sliced (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autoptr(AttestSession) session = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autofree char *saved = NULL;
  AttestDocument *document;
  AttestHistory *history;

  for (guint i = 0; i < 30000; i++)
    g_string_append_printf (text, "Line %05u says something.\n", i);
  path = write_article (text->str);
  session = load (path);
  document = attest_session_get_document (session);
  history = attest_session_get_history (session);
  attest_session_set_autosave_delay (session, 10);

  /* 30,000 spans: past the size that is written in slices. */
  attest_history_begin (history, NULL);
  for (guint i = 0; i < 30000; i++)
    {
      AttestSpan *span = attest_span_new (NULL, "fact", i * 26 + 5, i * 26 + 10);

      attest_document_add_span (document, span, NULL);
    }
  attest_history_end (history);

  /* A change while the slices are being written starts them over. */
  while (attest_session_get_save_state (session) != ATTEST_SAVE_STATE_SAVING)
    g_main_context_iteration (NULL, TRUE);
  attest_history_add_span (history, "quote", 0, 4, "ana");
  g_assert_true (wait_for (is_saved, session));

  attest_document_set_generator (document, ATTEST_GENERATOR);
  expected = attest_sidecar_serialize (document);
  saved = read_sidecar (path);
  g_assert_cmpstr (saved, ==, g_bytes_get_data (expected, NULL));
  attest_session_close (session);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/attest/core/session/autosave", test_autosave);
  g_test_add_func ("/attest/core/session/flush-writes-latest", test_flush_writes_latest);
  g_test_add_func ("/attest/core/session/corrupt-sidecar-is-read-only", test_corrupt_sidecar_is_read_only);
  g_test_add_func ("/attest/core/session/article-changed-and-reanchor", test_article_changed_and_reanchor);
  g_test_add_func ("/attest/core/session/reload-when-clean", test_reload_when_clean);
  g_test_add_func ("/attest/core/session/large-document-sliced", test_large_document_sliced);

  return g_test_run ();
}
