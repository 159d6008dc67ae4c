/* test-kill.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "attest-core.h"

/* A child process saves a sidecar over and over, alternating between two
 * versions of a document, and is killed with SIGKILL at random moments.
 * After every kill the sidecar must be absent (no save finished yet) or
 * exactly one of the two versions, complete; temp files the killed saves
 * leave behind are swept by the next save. */

#define N_KILLS 1000

static AttestDocument *
build_document (guint seed,
                const char *status_note)
{
  static const char * const sentences[] = {
    "\u201cWe will keep the library open,\u201d the mayor said on Monday. ",
    "Turnout was 61.4%, the highest since 1998, officials said. ",
    "\u300c\u8a08\u753b\u306f\u9806\u8abf\u3060\u300d\u3068\u62c5\u5f53\u8005\u306f\u8a9e\u3063\u305f\u3002",
    "\u05d4\u05d5\u05d0 \u05d0\u05de\u05e8: \u201e\u05d6\u05d4 \u05dc\u05d0 \u05e0\u05d2\u05de\u05e8\u201d. ",
    "Crowds \U0001F468\u200D\U0001F469\u200D\U0001F466 waved \U0001F1FA\U0001F1E6 flags.\r\n",
  };
  static const char * const labels[] = { "quote", "speaker", "fact" };
  g_autoptr(GString) str = g_string_new (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestText) text = NULL;
  AttestDocument *document;
  guint length;

  /* About 200 KB and 2,000 spans: a save takes a few milliseconds, so
   * kills land before, inside and after the write. */
  while (str->len < 200 * 1024)
    g_string_append (str, sentences[g_rand_int_range (rand, 0, G_N_ELEMENTS (sentences))]);

  text = attest_text_new (str->str, str->len, &error);
  g_assert_no_error (error);
  length = attest_text_get_length (text);

  document = attest_document_new (text);
  attest_document_set_generator (document, ATTEST_GENERATOR);
  attest_document_set_file_name (document, "story.txt");
  attest_document_set_meta (document, "title", status_note);

  for (guint i = 0; i < 2000; i++)
    {
      guint start = g_rand_int_range (rand, 0, length - 1);
      /* Not inside MIN (): it would draw twice. */
      guint span_len = 1 + g_rand_int_range (rand, 0, 80);
      guint end = MIN (length, start + span_len);
      AttestSpan *span = attest_span_new (NULL, labels[i % 3], start, end);

      span->by = g_intern_string ("ana");
      span->origin = g_intern_string ("manual");
      attest_document_add_span (document, span, &error);
      g_assert_no_error (error);
    }

  return document;
}

static guint
count_temp_files (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)))
    {
      if (name[0] == '.' && g_str_has_suffix (name, ".tmp"))
        n++;
    }

  return n;
}

G_GNUC_NORETURN static void
child_main (AttestDocument *a,
            AttestDocument *b,
            GFile          *file,
            guint           first)
{
  /* Never returns to GTest: it only saves, until it is killed. */
  for (guint i = first;; i++)
    {
      if (!attest_sidecar_save (i % 2 == 0 ? a : b, file, NULL, NULL))
        _exit (3);
    }
}

static void
test_kill (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("attest-test-kill-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(AttestDocument) a = build_document (1, "Version A");
  g_autoptr(AttestDocument) b = build_document (2, "Version B");
  g_autoptr(GBytes) bytes_a = attest_sidecar_serialize (a);
  g_autoptr(GBytes) bytes_b = attest_sidecar_serialize (b);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261128);
  guint n_absent = 0;
  guint n_a = 0;
  guint n_b = 0;
  guint n_mid_save = 0;
  guint n_kills = 0;
  guint max_temp = 0;
  gboolean seen_file = FALSE;
  gint64 save_us;
  gint64 max_delay_us;
  gint64 begin;
  gint64 test_begin;

  g_assert_no_error (error);
  g_assert_false (g_bytes_equal (bytes_a, bytes_b));
  path = g_build_filename (dir, "story.txt.attest.json", NULL);
  file = g_file_new_for_path (path);

  /* Time a few saves to spread the kills over about two of them. */
  begin = g_get_monotonic_time ();
  for (guint i = 0; i < 6; i++)
    {
      g_assert_true (attest_sidecar_save (i % 2 ? b : a, file, NULL, &error));
      g_assert_no_error (error);
    }
  save_us = (g_get_monotonic_time () - begin) / 6;
  max_delay_us = MAX (2 * save_us, 200);
  g_unlink (path);
  g_test_message ("one save of %" G_GSIZE_FORMAT " bytes takes about %" G_GINT64_FORMAT
                  " us; killing after 0 to %" G_GINT64_FORMAT " us",
                  g_bytes_get_size (bytes_a), save_us, max_delay_us);

  test_begin = g_get_monotonic_time ();
  while (n_kills < N_KILLS)
    {
      g_autofree char *contents = NULL;
      gsize len = 0;
      int status = 0;
      guint n_temp;
      pid_t pid;

      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        child_main (a, b, file, n_kills % 2);

      g_usleep (g_rand_int_range (rand, 0, (gint32) max_delay_us + 1));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      /* Killed, not dead of its own accord (a failed save exits 3). */
      g_assert_true (WIFSIGNALED (status));
      g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
      n_kills++;

      n_temp = count_temp_files (dir);
      max_temp = MAX (max_temp, n_temp);
      if (n_temp > 0)
        n_mid_save++;

      if (!g_file_get_contents (path, &contents, &len, &error))
        {
          g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
          g_clear_error (&error);
          /* Absent is only right before any save has finished. */
          g_assert_false (seen_file);
          n_absent++;
          continue;
        }

      seen_file = TRUE;
      if (len == g_bytes_get_size (bytes_a) &&
          memcmp (contents, g_bytes_get_data (bytes_a, NULL), len) == 0)
        n_a++;
      else if (len == g_bytes_get_size (bytes_b) &&
               memcmp (contents, g_bytes_get_data (bytes_b, NULL), len) == 0)
        n_b++;
      else
        g_error ("after kill %u the sidecar is neither version (%" G_GSIZE_FORMAT " bytes)",
                 n_kills, len);

      /* And the reader takes it whole, every time. */
      {
        g_autoptr(AttestDocument) parsed = attest_sidecar_parse (contents, len,
                                                                 "story.txt.attest.json",
                                                                 &error);
        g_assert_no_error (error);
        g_assert_cmpuint (attest_span_store_get_n_spans (attest_document_get_spans (parsed)),
                          ==, 2000);
      }

      /* Start again from no file now and then, so "absent" and the first
       * save are exercised more than once. */
      if (n_kills % 250 == 0)
        {
          g_unlink (path);
          seen_file = FALSE;
        }
    }

  g_test_message ("%u kills in %.1f s: %u absent, %u version A, %u version B; "
                  "%u kills left a temp file behind (at most %u at once)",
                  n_kills, (g_get_monotonic_time () - test_begin) / (double) G_USEC_PER_SEC,
                  n_absent, n_a, n_b, n_mid_save, max_temp);

  g_assert_cmpuint (n_kills, ==, N_KILLS);
  g_assert_cmpuint (n_absent + n_a + n_b, ==, n_kills);
  /* The kills must have hit saves in progress, or the test proves little. */
  g_assert_cmpuint (n_mid_save, >, 0);
  g_assert_cmpuint (n_a, >, 0);
  g_assert_cmpuint (n_b, >, 0);

  /* One more save, normally: it sweeps what the killed ones left. */
  g_assert_true (attest_sidecar_save (a, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_temp_files (dir), ==, 0);
  {
    g_autofree char *contents = NULL;
    gsize len = 0;

    g_assert_true (g_file_get_contents (path, &contents, &len, &error));
    g_assert_cmpmem (contents, len, g_bytes_get_data (bytes_a, NULL), g_bytes_get_size (bytes_a));
  }

  g_unlink (path);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/attest/core/sidecar/kill", test_kill);

  return g_test_run ();
}
