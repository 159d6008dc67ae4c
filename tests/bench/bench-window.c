/* bench-window.c: DESIGN.md section 13, the article view's rows
 *
 * Opens generated T1, T3, T4 and T5 documents (and one 1 MB line with
 * 10,000 spans) in an AttestArticleView in a real window, and measures
 * open -> first frame with highlights -> fully painted, the longest main
 * loop stall while painting, tag / keystroke / hide -> painted frame,
 * spans under a click, delete and relabel, and RSS. Prints numbers next to
 * the budgets; asserts nothing about time. Run under Xvfb:
 *
 *   xvfb-run -a meson test -C _build --benchmark bench-window
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "attest-article-view.h"
#include "bench-util.h"

typedef struct
{
  GtkWindow         *window;
  AttestArticleView *view;
  GdkFrameClock     *clock;
  guint              n_frames;
  double             last_frame;

  /* Main-loop stalls: gaps between runs of a 1 ms high-priority timeout. */
  guint              stall_source;
  double             last_tick;
  double             longest_stall;
} Bench;

static double process_start;

static void
on_after_paint (GdkFrameClock *clock,
                Bench         *b)
{
  b->n_frames++;
  b->last_frame = bench_now_ms ();
}

/* Time of the next painted frame. A frame is asked for, so a change that
 * needs none does not hang here. */
static double
wait_frame (Bench *b)
{
  guint n = b->n_frames;
  double deadline = bench_now_ms () + 30000;

  gtk_widget_queue_draw (GTK_WIDGET (b->view));
  while (b->n_frames == n && bench_now_ms () < deadline)
    g_main_context_iteration (NULL, TRUE);

  return b->last_frame;
}

/* Lets the frame clock go idle, so the next frame is painted as soon as it
 * is asked for instead of waiting for its slot: what is measured is the
 * work, not the 60 Hz pacing. */
static void
settle (guint ms)
{
  double until = bench_now_ms () + ms;

  while (bench_now_ms () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
    }
}

static gboolean
stall_tick (gpointer user_data)
{
  Bench *b = user_data;
  double now = bench_now_ms ();

  if (b->last_tick > 0)
    b->longest_stall = MAX (b->longest_stall, now - b->last_tick);
  b->last_tick = now;

  return G_SOURCE_CONTINUE;
}

static void
stall_watch_start (Bench *b)
{
  b->last_tick = 0;
  b->longest_stall = 0;
  b->stall_source = g_timeout_add_full (G_PRIORITY_HIGH, 1, stall_tick, b, NULL);
}

static double
stall_watch_stop (Bench *b)
{
  g_clear_handle_id (&b->stall_source, g_source_remove);

  return b->longest_stall;
}

static void
bench_window_init (Bench *b)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();

  b->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (b->window, 1200, 800);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  b->view = ATTEST_ARTICLE_VIEW (attest_article_view_new ());
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (b->view));
  gtk_window_set_child (b->window, scroller);
  gtk_window_present (b->window);
  gtk_widget_grab_focus (GTK_WIDGET (b->view));

  while (!gtk_widget_get_mapped (GTK_WIDGET (b->view)))
    g_main_context_iteration (NULL, TRUE);

  b->clock = gtk_widget_get_frame_clock (GTK_WIDGET (b->view));
  g_signal_connect (b->clock, "after-paint", G_CALLBACK (on_after_paint), b);
  wait_frame (b);
}

static AttestSession *
load_session (AttestDocument *document,
              const char     *folder,
              const char     *name)
{
  g_autofree char *article_path = g_build_filename (folder, name, NULL);
  g_autofree char *sidecar_path = g_strconcat (article_path, ".attest.json", NULL);
  g_autoptr(GFile) sidecar = g_file_new_for_path (sidecar_path);
  g_autoptr(GFile) article = g_file_new_for_path (article_path);
  AttestText *text = attest_document_get_text (document);
  g_autoptr(GError) error = NULL;
  AttestSession *session;

  attest_document_set_file_name (document, name);
  if (!g_file_set_contents (article_path, attest_text_get_data (text), attest_text_get_n_bytes (text), &error) ||
      !attest_sidecar_save (document, sidecar, NULL, &error) ||
      !(session = attest_session_load (article, NULL, &error)))
    g_error ("%s", error->message);

  attest_session_set_annotator (session, "bench");
  /* Autosave writes off the main thread; keep it out of the numbers. */
  attest_session_set_autosave_delay (session, 60000);

  return session;
}

static void
remove_files (const char *folder,
              const char *name)
{
  g_autofree char *article_path = g_build_filename (folder, name, NULL);
  g_autofree char *sidecar_path = g_strconcat (article_path, ".attest.json", NULL);

  g_unlink (article_path);
  g_unlink (sidecar_path);
}

static void
print_percentiles (const char *what,
                   GArray     *values,
                   const char *budget)
{
  double p50 = bench_percentile (values, 50);
  double p99 = bench_percentile (values, 99);
  double max = bench_percentile (values, 100);

  printf ("    %-44s p50 %8.3f  p99 %8.3f  max %8.3f ms   budget %s\n", what, p50, p99, max, budget);
}

typedef struct
{
  double open_first_frame;
  double open_painted;
  double longest_stall;
} OpenTimes;

static OpenTimes
open_session (Bench         *b,
              AttestSession *session)
{
  OpenTimes times = { 0 };
  double start;

  /* Start from an idle frame clock, as a click on Open would. */
  settle (50);

  stall_watch_start (b);
  start = bench_now_ms ();
  attest_article_view_set_session (b->view, session);
  times.open_first_frame = wait_frame (b) - start;

  while (!attest_article_view_is_painted (b->view))
    g_main_context_iteration (NULL, TRUE);
  times.open_painted = wait_frame (b) - start;
  times.longest_stall = stall_watch_stop (b);

  return times;
}

/* GtkTextView lays out every line in the background after a load, to
 * know the document's height; keystrokes compete with it until it is done.
 * Done when the height stops changing. */
static double
wait_background_layout (Bench *b)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (b->view));
  double start = bench_now_ms ();
  double stable_since = start;
  double upper = gtk_adjustment_get_upper (adjustment);

  while (bench_now_ms () - stable_since < 1000 && bench_now_ms () - start < 120000)
    {
      g_main_context_iteration (NULL, FALSE);
      if (gtk_adjustment_get_upper (adjustment) != upper)
        {
          upper = gtk_adjustment_get_upper (adjustment);
          stable_since = bench_now_ms ();
        }
      g_usleep (200);
    }

  return stable_since - start;
}

static void
visible_range (Bench *b,
               guint *start,
               guint *end)
{
  GtkTextView *view = GTK_TEXT_VIEW (b->view);
  GdkRectangle rect;
  GtkTextIter iter;

  gtk_text_view_get_visible_rect (view, &rect);
  gtk_text_view_get_iter_at_location (view, &iter, rect.x, rect.y);
  *start = gtk_text_iter_get_offset (&iter);
  gtk_text_view_get_iter_at_location (view, &iter, rect.x + rect.width, rect.y + rect.height - 1);
  *end = gtk_text_iter_get_offset (&iter);
}

static void
scroll_to (Bench *b,
           guint  offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (b->view));
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (b->view), &iter, 0, TRUE, 0, 0.3);
  wait_frame (b);
  settle (100);
}

static void
bench_tag (Bench         *b,
           AttestSession *session,
           guint          rounds)
{
  g_autoptr(GArray) latency = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sync = g_array_new (FALSE, FALSE, sizeof (double));
  AttestHistory *history = attest_session_get_history (session);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (b->view));
  GRand *rand = g_rand_new_with_seed (5);
  guint start, end;

  visible_range (b, &start, &end);

  for (guint i = 0; i < rounds; i++)
    {
      guint from = start + g_rand_int_range (rand, 0, MAX (end - start - 40, 1));
      GtkTextIter s, e;
      double t, t_sync;
      const char *id;

      gtk_text_buffer_get_iter_at_offset (buffer, &s, from);
      gtk_text_buffer_get_iter_at_offset (buffer, &e, from + 3 + g_rand_int_range (rand, 0, 30));
      gtk_text_buffer_select_range (buffer, &e, &s);
      wait_frame (b);
      settle (30);

      t = bench_now_ms ();
      id = attest_article_view_tag (b->view, i % 2 ? "quote" : "fact");
      t_sync = bench_now_ms () - t;
      t = wait_frame (b) - t;
      if (id == NULL)
        continue;
      g_array_append_val (latency, t);
      g_array_append_val (sync, t_sync);

      attest_history_undo (history);
      wait_frame (b);
    }

  print_percentiles ("tag a selection -> painted frame", latency, "p99 <= 8 ms");
  print_percentiles ("  of which the call (model + tags)", sync, "");
  g_rand_free (rand);
}

static void
bench_keys (Bench      *b,
            guint       rounds,
            const char *when)
{
  g_autofree char *what = g_strdup_printf ("keystroke -> painted frame%s", when);
  g_autoptr(GArray) latency = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < rounds; i++)
    {
      double t;

      settle (25);
      t = bench_now_ms ();
      /* Shift+Right: the cursor moves and the selection grows. */
      g_signal_emit_by_name (b->view, "move-cursor", GTK_MOVEMENT_VISUAL_POSITIONS, 1, i % 20 != 0);
      t = wait_frame (b) - t;
      g_array_append_val (latency, t);
    }

  print_percentiles (what, latency, "p99 <= 8 ms (16 ms long line)");
}

static void
bench_click (Bench *b,
             guint  rounds)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  GRand *rand = g_rand_new_with_seed (3);
  int width = gtk_widget_get_width (GTK_WIDGET (b->view));
  int height = gtk_widget_get_height (GTK_WIDGET (b->view));
  guint hits = 0;

  for (guint i = 0; i < rounds; i++)
    {
      double x = g_rand_double_range (rand, width * 0.2, width * 0.8);
      double y = g_rand_double_range (rand, 0, height);
      g_autoptr(GPtrArray) spans = NULL;
      double t, d;

      t = bench_now_ms ();
      spans = attest_article_view_get_spans_at_point (b->view, x, y);
      d = (bench_now_ms () - t);
      g_array_append_val (times, d);
      hits += spans->len > 0;
    }

  print_percentiles ("spans under a click", times, "p99 <= 0.050 ms");
  printf ("    (%u of %u points over a span)\n", hits, rounds);
  g_rand_free (rand);
}

static void
bench_delete_relabel (Bench         *b,
                      AttestSession *session,
                      guint          rounds)
{
  g_autoptr(GArray) del = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) relabel = g_array_new (FALSE, FALSE, sizeof (double));
  AttestDocument *document = attest_session_get_document (session);
  AttestSpanStore *spans = attest_document_get_spans (document);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (b->view));
  GRand *rand = g_rand_new_with_seed (11);

  for (guint i = 0; i < rounds; i++)
    {
      AttestSpan *span = attest_span_store_get_nth (spans, g_rand_int_range (rand, 0, attest_span_store_get_n_spans (spans)));
      GtkTextIter iter;
      double t;

      gtk_text_buffer_get_iter_at_offset (buffer, &iter, span->start);
      gtk_text_buffer_place_cursor (buffer, &iter);
      attest_article_view_select_span (b->view, span->id, FALSE);

      t = bench_now_ms ();
      attest_article_view_tag (b->view, span->label == g_intern_string ("quote") ? "fact" : "quote");
      t = bench_now_ms () - t;
      g_array_append_val (relabel, t);

      t = bench_now_ms ();
      attest_article_view_delete_selected (b->view);
      t = bench_now_ms () - t;
      g_array_append_val (del, t);

      if (i % 50 == 0)
        g_main_context_iteration (NULL, FALSE);
    }

  print_percentiles ("relabel one span (model + buffer)", relabel, "<= 1 ms");
  print_percentiles ("delete one span (model + buffer)", del, "<= 1 ms");
  g_rand_free (rand);
}

static void
bench_hide (Bench *b,
            guint  rounds)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < rounds; i++)
    {
      double t;

      settle (25);
      t = bench_now_ms ();
      attest_article_view_set_label_visible (b->view, "quote", i % 2 == 1);
      t = wait_frame (b) - t;
      g_array_append_val (times, t);
    }
  attest_article_view_set_label_visible (b->view, "quote", TRUE);

  print_percentiles ("hide / show one label -> painted frame", times, "<= 16 ms");
}

static void
bench_size (Bench           *b,
            const BenchSize *size,
            const char      *folder)
{
  g_autofree char *name = g_strdup_printf ("%s.txt", size->name);
  g_autoptr(AttestSession) session = NULL;
  gboolean big = size->n_bytes >= 1000000;
  gboolean huge = size->n_bytes >= 10000000;
  const char *budget = size->n_bytes < 10000 ? "<= 50 ms" :
                       size->n_bytes < 500000 ? "<= 100 ms" :
                       size->n_bytes < 5000000 ? "<= 250 ms" : "<= 2 s, no stall > 100 ms";
  AttestDocument *generated;
  OpenTimes open;
  gsize rss_before;
  double close_start;
  guint length;

  /* Only the session's own copy of the document stays in memory. */
  generated = bench_make_document (size->n_bytes, size->n_spans, 7);
  session = load_session (generated, folder, name);
  g_object_unref (generated);
  length = attest_text_get_length (attest_document_get_text (attest_session_get_document (session)));
  malloc_trim (0);
  rss_before = bench_rss ();

  printf ("%s: %.2f MB, %u spans\n", size->name, size->n_bytes / 1e6, size->n_spans);

  open = open_session (b, session);
  printf ("    %-44s %8.1f ms   budget %s\n", "open -> first frame with highlights",
          open.open_first_frame, budget);
  printf ("    %-44s %8.1f ms\n", "open -> every span painted", open.open_painted);
  printf ("    %-44s %8.1f ms   budget <= 100 ms\n", "longest main-loop stall while painting",
          open.longest_stall);

  if (big)
    {
      scroll_to (b, length / 2);
      bench_keys (b, 50, " (GTK still laying out)");
      printf ("    %-44s %8.1f ms\n", "GTK lays out the rest in the background", wait_background_layout (b));
      if (huge)
        {
          malloc_trim (0);
          printf ("    %-44s %8.1f MB   budget <= 250 MB (the view: %.1f MB)\n",
                  "RSS with the document and the view", bench_rss () / 1e6,
                  ((double) bench_rss () - rss_before) / 1e6);
        }
      bench_tag (b, session, 100);
      bench_keys (b, 100, "");
      bench_click (b, 2000);
      if (huge)
        {
          bench_hide (b, 20);
          bench_delete_relabel (b, session, 500);
        }
    }

  close_start = bench_now_ms ();
  attest_article_view_set_session (b->view, NULL);
  printf ("    %-44s %8.1f ms\n", "close the article (clearing the buffer)",
          bench_now_ms () - close_start);
  wait_frame (b);
  attest_session_close (session);
  remove_files (folder, name);
  printf ("\n");
}

static void
bench_long_line (Bench      *b,
                 const char *folder)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(AttestText) text = NULL;
  g_autoptr(AttestDocument) document = NULL;
  g_autoptr(AttestSession) session = NULL;
  GRand *rand = g_rand_new_with_seed (17);
  const char *words[] = { "the", "council", "said", "that", "bridge", "repairs", "would", "cost",
                          "€48", "million", "and", "residents", "deserved", "a", "second", "opinion." };
  OpenTimes open;
  guint length;

  while (line->len < 1000000)
    {
      g_string_append (line, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_string_append_c (line, ' ');
    }
  g_string_append_c (line, '\n');

  text = attest_text_new (line->str, line->len, NULL);
  document = attest_document_new (text);
  length = attest_text_get_length (text);
  for (guint i = 0; i < 10000; i++)
    {
      guint start = i * (length / 10000) + g_rand_int_range (rand, 0, 20);

      attest_document_add_span (document,
                                attest_span_new (NULL, i % 3 == 0 ? "quote" : i % 3 == 1 ? "speaker" : "fact",
                                                 start, start + 5 + g_rand_int_range (rand, 0, 60)),
                                NULL);
    }
  session = load_session (document, folder, "line.txt");

  printf ("One 1 MB line with 10,000 spans (a raw transcript)\n");
  open = open_session (b, session);
  printf ("    %-44s %8.1f ms   budget <= 1 s\n", "open -> first frame with highlights", open.open_first_frame);
  printf ("    %-44s %8.1f ms\n", "open -> every span painted", open.open_painted);
  printf ("    %-44s %8.1f ms\n", "longest main-loop stall while painting", open.longest_stall);
  scroll_to (b, length / 2);
  printf ("    %-44s %8.1f ms\n", "GTK lays out the rest in the background", wait_background_layout (b));
  bench_keys (b, 100, "");
  bench_tag (b, session, 50);

  attest_article_view_set_session (b->view, NULL);
  wait_frame (b);
  attest_session_close (session);
  remove_files (folder, "line.txt");
  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *folder = g_dir_make_tmp ("attest-bench-window-XXXXXX", NULL);
  g_autoptr(AttestDocument) t1 = NULL;
  g_autoptr(AttestSession) session = NULL;
  Bench b = { 0 };
  double first;

  process_start = bench_now_ms ();
  /* Under Xvfb the GL renderer is llvmpipe, software GL that costs a
   * whole-window upload per frame; cairo is closer to what a GPU costs.
   * GSK_RENDERER=gl in the environment measures that instead. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gtk_init ();
  adw_init ();
  gtk_source_init ();
  /* A blinking cursor would paint frames of its own. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  printf ("Attest article view benchmarks (GSK_RENDERER=%s; times include GTK's layout and paint)\n\n",
          g_getenv ("GSK_RENDERER"));

  /* A stand-in for the cold start row: this process, from main() to the
   * first frame of a window with T1 painted. */
  bench_window_init (&b);
  t1 = bench_make_document (bench_sizes[0].n_bytes, bench_sizes[0].n_spans, 7);
  session = load_session (t1, folder, "cold.txt");
  attest_article_view_set_session (b.view, session);
  first = wait_frame (&b) - process_start;
  printf ("process start -> first frame with T1 painted %8.1f ms   budget <= 400 ms (cold start)\n\n", first);
  attest_article_view_set_session (b.view, NULL);
  attest_session_close (session);
  remove_files (folder, "cold.txt");

  for (guint i = 0; i < G_N_ELEMENTS (bench_sizes); i++)
    bench_size (&b, &bench_sizes[i], folder);

  bench_long_line (&b, folder);

  gtk_window_destroy (b.window);
  g_rmdir (folder);

  return EXIT_SUCCESS;
}
