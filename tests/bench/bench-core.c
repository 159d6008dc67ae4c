/* bench-core.c: DESIGN.md section 13, the core's rows
 *
 * Span operations at 100,000 spans, sidecar serialize / save / parse at
 * T1, T3, T4 and T5, parse speed side by side with python3's json on the
 * same file, and memory per span. Prints numbers; asserts nothing about
 * time.
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "bench-util.h"

static double
python_json_ms (const char *path)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;
  const char *argv[] = {
    "/usr/bin/python3", "-c",
    "import json, sys, time\n"
    "data = open(sys.argv[1], 'rb').read()\n"
    "n = max(1, int(2e8 // max(len(data), 1)))\n"
    "n = min(n, 200)\n"
    "best = 1e9\n"
    "for _ in range(n):\n"
    "    t = time.perf_counter(); json.loads(data); best = min(best, time.perf_counter() - t)\n"
    "print(best * 1000)\n",
    path, NULL
  };

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, &err, &status, NULL) || status != 0)
    return -1;

  return g_ascii_strtod (out, NULL);
}

static void
bench_sidecar (const BenchSize *size,
               const char      *folder)
{
  g_autoptr(AttestDocument) document = bench_make_document (size->n_bytes, size->n_spans, 7);
  g_autoptr(AttestDocument) parsed = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (folder, "bench.txt.attest.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  double t, serialize = 1e9, save = 1e9, parse = 1e9, py;
  guint rounds = size->n_bytes > 5000000 ? 3 : (size->n_bytes > 500000 ? 10 : 50);
  const char *data;
  gsize len;

  for (guint i = 0; i < rounds; i++)
    {
      g_clear_pointer (&bytes, g_bytes_unref);
      t = bench_now_ms ();
      bytes = attest_sidecar_serialize (document);
      serialize = MIN (serialize, bench_now_ms () - t);

      t = bench_now_ms ();
      if (!attest_sidecar_save (document, file, NULL, &error))
        g_error ("%s", error->message);
      save = MIN (save, bench_now_ms () - t);
    }

  data = g_bytes_get_data (bytes, &len);
  for (guint i = 0; i < rounds; i++)
    {
      g_clear_object (&parsed);
      t = bench_now_ms ();
      parsed = attest_sidecar_parse (data, len, "bench.txt.attest.json", &error);
      parse = MIN (parse, bench_now_ms () - t);
      if (parsed == NULL)
        g_error ("%s", error->message);
    }

  py = python_json_ms (path);

  printf ("%-3s %6.2f MB %6u spans | serialize %8.2f ms | save (atomic, fsync) %8.2f ms | "
           "parse %8.2f ms = %7.0f MB/s | python3 json.loads %8.2f ms = %6.0f MB/s (%.1fx)\n",
           size->name, len / 1e6, attest_span_store_get_n_spans (attest_document_get_spans (parsed)),
           serialize, save, parse, len / 1e3 / parse,
           py, py > 0 ? len / 1e3 / py : 0, py > 0 ? py / parse : 0);
}

typedef struct
{
  guint n;
} Count;

static gboolean
count_cb (AttestSpan *span,
          gpointer    user_data)
{
  ((Count *) user_data)->n++;
  return TRUE;
}

static void
bench_span_ops (void)
{
  const BenchSize *t5 = &bench_sizes[3];
  g_autoptr(AttestDocument) document = NULL;
  g_autoptr(GArray) at = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) range = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) remove = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) relabel = g_array_new (FALSE, FALSE, sizeof (double));
  AttestSpanStore *spans;
  GRand *rand = g_rand_new_with_seed (99);
  guint length;
  double t, build;
  Count count = { 0 };

  t = bench_now_ms ();
  document = bench_make_document (t5->n_bytes, t5->n_spans, 7);
  build = bench_now_ms () - t;
  spans = attest_document_get_spans (document);
  length = attest_text_get_length (attest_document_get_text (document));

  for (guint i = 0; i < 100000; i++)
    {
      guint offset = g_rand_int_range (rand, 0, length);
      double d;

      t = bench_now_ms ();
      attest_span_store_foreach_at (spans, offset, count_cb, &count);
      d = (bench_now_ms () - t) * 1000.0;
      g_array_append_val (at, d);
    }

  for (guint i = 0; i < 10000; i++)
    {
      guint offset = g_rand_int_range (rand, 0, length);
      double d;

      /* About one screenful of text. */
      t = bench_now_ms ();
      attest_span_store_foreach_in_range (spans, offset, offset + 3000, count_cb, &count);
      d = (bench_now_ms () - t) * 1000.0;
      g_array_append_val (range, d);
    }

  for (guint i = 0; i < 2000; i++)
    {
      AttestSpan *span = attest_span_store_get_nth (spans, g_rand_int_range (rand, 0, t5->n_spans - 1));
      AttestSpan *copy = attest_span_copy (span);
      g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_relation_free);
      double d;

      t = bench_now_ms ();
      attest_document_remove_span (document, span, removed);
      d = (bench_now_ms () - t) * 1000.0;
      g_array_append_val (remove, d);

      /* Put it back (as undo would) so the size stays at T5. */
      attest_document_add_span (document, copy, NULL);
      while (removed->len > 0)
        attest_document_add_relation (document, g_ptr_array_steal_index (removed, 0), NULL);

      t = bench_now_ms ();
      attest_document_relabel_span (document, copy, copy->label[0] == 'f' ? "quote" : "fact");
      d = (bench_now_ms () - t) * 1000.0;
      g_array_append_val (relabel, d);
    }

  printf ("span store at %u spans (T5): build document %.0f ms\n", t5->n_spans, build);
  printf ("  spans under a click     p50 %6.2f µs  p99 %6.2f µs  (budget p99 ≤ 50 µs)\n",
           bench_percentile (at, 50), bench_percentile (at, 99));
  printf ("  spans in 3,000 chars    p50 %6.2f µs  p99 %6.2f µs\n",
           bench_percentile (range, 50), bench_percentile (range, 99));
  printf ("  delete one span         p50 %6.2f µs  p99 %6.2f µs  (budget ≤ 1 ms)\n",
           bench_percentile (remove, 50), bench_percentile (remove, 99));
  printf ("  relabel one span        p50 %6.2f µs  p99 %6.2f µs  (budget ≤ 1 ms)\n",
           bench_percentile (relabel, 50), bench_percentile (relabel, 99));

  g_rand_free (rand);
}

static void
bench_memory (void)
{
  const BenchSize *t5 = &bench_sizes[3];
  g_autoptr(AttestText) text = NULL;
  g_autoptr(AttestDocument) document = NULL;
  gsize rss_text, rss_doc;

  malloc_trim (0);
  text = bench_make_text (t5->n_bytes, 7);
  malloc_trim (0);
  rss_text = bench_rss ();
  /* The same text again inside a document with its spans. */
  document = bench_make_document (t5->n_bytes, t5->n_spans, 7);
  malloc_trim (0);
  rss_doc = bench_rss ();

  printf ("memory at T5: %.1f MB RSS in all; %.0f bytes per span including the store, "
           "relations and entities (budget ≤ 600)\n",
           rss_doc / 1e6,
           (double) (rss_doc - rss_text - attest_text_get_n_bytes (text)) / t5->n_spans);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *folder = g_dir_make_tmp ("attest-bench-XXXXXX", NULL);
  g_autofree char *sidecar = g_build_filename (folder, "bench.txt.attest.json", NULL);

  printf ("Attest core benchmarks (one thread, best of several rounds)\n\n");

  bench_memory ();
  printf ("\n");
  bench_span_ops ();
  printf ("\n");
  for (guint i = 0; i < G_N_ELEMENTS (bench_sizes); i++)
    bench_sidecar (&bench_sizes[i], folder);

  g_unlink (sidecar);
  g_rmdir (folder);

  return EXIT_SUCCESS;
}
