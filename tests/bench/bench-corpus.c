/* bench-corpus.c: scanning a folder of annotated articles
 *
 * Builds a corpus like C2 of DESIGN.md section 13 (10,000 articles in 100
 * folders, nine in ten with a sidecar of a typical article: about 3.6 K
 * characters and 55 spans), then times AttestCorpus scans: synchronous,
 * and asynchronous while the main loop runs, reporting the longest gap
 * between main-loop ticks. Prints numbers; asserts nothing about time.
 *
 * Usage: bench-corpus [N_ARTICLES [FOLDER]]
 * With FOLDER the corpus is made there, or reused if FOLDER exists, and
 * kept (for profiling the scan alone).
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "bench-util.h"

typedef struct
{
  GMainLoop *loop;
  double     last_tick;
  double     max_gap;
} LoopState;

static gboolean
tick (gpointer user_data)
{
  LoopState *state = user_data;
  double now = bench_now_ms ();

  state->max_gap = MAX (state->max_gap, now - state->last_tick);
  state->last_tick = now;

  return G_SOURCE_CONTINUE;
}

static void
scan_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  LoopState *state = user_data;
  g_autoptr(GError) error = NULL;

  if (!attest_corpus_scan_finish (ATTEST_CORPUS (object), result, &error))
    g_error ("%s", error->message);

  g_main_loop_quit (state->loop);
}

static guint64
make_corpus (const char *root,
             guint       n_articles)
{
  guint64 total = 0;

  for (guint i = 0; i < n_articles; i++)
    {
      g_autofree char *dir = g_strdup_printf ("%s/batch %u", root, i / 100);
      g_autofree char *article = g_strdup_printf ("%s/article %u.txt", dir, i);
      g_autofree char *sidecar = g_strconcat (article, ATTEST_SIDECAR_SUFFIX, NULL);
      g_autoptr(AttestDocument) document = bench_make_document (3600 + (i % 7) * 500, 55, i + 1);
      AttestText *text = attest_document_get_text (document);
      g_autoptr(GError) error = NULL;

      g_mkdir_with_parents (dir, 0755);
      if (!g_file_set_contents (article, attest_text_get_data (text),
                                attest_text_get_n_bytes (text), &error))
        g_error ("%s", error->message);

      /* One article in ten was never opened. */
      if (i % 10 != 9)
        {
          g_autoptr(GFile) file = g_file_new_for_path (sidecar);
          g_autoptr(GBytes) bytes = NULL;

          attest_document_set_status (document, i % 3 == 0 ? ATTEST_STATUS_DONE
                                                            : ATTEST_STATUS_IN_PROGRESS);
          bytes = attest_sidecar_serialize (document);
          total += g_bytes_get_size (bytes);
          if (!g_file_set_contents (sidecar, g_bytes_get_data (bytes, NULL),
                                    g_bytes_get_size (bytes), &error))
            g_error ("%s", error->message);
        }
    }

  return total;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }

  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }

  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  guint n_articles = argc > 1 ? (guint) atoi (argv[1]) : 10000;
  const char *keep = argc > 2 ? argv[2] : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *root = NULL;
  g_autoptr(GFile) folder = NULL;
  double t, best_sync = 1e9;
  guint64 sidecar_bytes = 0;
  gsize rss_before;
  LoopState state = { 0 };

  if (keep != NULL)
    root = g_strdup (keep);
  else if (!(root = g_dir_make_tmp ("attest-bench-corpus-XXXXXX", &error)))
    g_error ("%s", error->message);
  folder = g_file_new_for_path (root);

  if (keep == NULL || !g_file_test (keep, G_FILE_TEST_IS_DIR))
    {
      t = bench_now_ms ();
      sidecar_bytes = make_corpus (root, n_articles);
      printf ("corpus: %u articles, %.1f MB of sidecars, written in %.0f ms\n",
              n_articles, sidecar_bytes / 1e6, bench_now_ms () - t);
    }

  rss_before = bench_rss ();

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(AttestCorpus) corpus = attest_corpus_new (folder);

      t = bench_now_ms ();
      if (!attest_corpus_scan (corpus, NULL, &error))
        g_error ("%s", error->message);
      best_sync = MIN (best_sync, bench_now_ms () - t);

      if (round == 0)
        printf ("scan: %u entries, %u done\n",
                g_list_model_get_n_items (G_LIST_MODEL (corpus)),
                attest_corpus_get_n_done (corpus));
    }

  printf ("scan (sync, warm cache, best of 3): %.0f ms, %.1f µs per article\n",
          best_sync, best_sync * 1000 / MAX (n_articles, 1));
  if (sidecar_bytes > 0)
    printf ("  %.0f MB/s of sidecars\n", sidecar_bytes / 1e3 / MAX (best_sync, 0.001));

  {
    g_autoptr(AttestCorpus) corpus = attest_corpus_new (folder);
    guint source;

    state.loop = g_main_loop_new (NULL, FALSE);
    source = g_timeout_add (1, tick, &state);
    state.last_tick = t = bench_now_ms ();
    attest_corpus_scan_async (corpus, NULL, scan_cb, &state);
    g_main_loop_run (state.loop);
    printf ("scan (async): %.0f ms, longest main-loop gap %.1f ms (including applying the result)\n",
            bench_now_ms () - t, state.max_gap);
    printf ("memory: %.1f MB RSS for the entries (%.0f bytes per article)\n",
            (bench_rss () - rss_before) / 1e6,
            (double) (bench_rss () - rss_before) / MAX (n_articles, 1));
    g_source_remove (source);
    g_main_loop_unref (state.loop);
  }

  if (keep == NULL)
    remove_tree (root);

  return 0;
}
