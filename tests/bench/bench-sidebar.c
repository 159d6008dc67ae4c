/* bench-sidebar.c: the right sidebar at T4 and T5
 *
 * The annotation list and the inspector over 10,000 and 100,000 spans:
 * rows made on demand, opening, filtering by label, following the
 * article's selection, and what an edit costs the sidebar (the signal
 * cascade through model, filter and selection, then the next frame's
 * layout and paint). Run under Xvfb. Prints numbers; asserts nothing
 * about time.
 *
 * Times are the main thread's CPU time (CLOCK_THREAD_CPUTIME_ID), so a
 * busy build machine changes them little; waiting for the next frame is
 * not counted.
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <time.h>

#include <glib/gstdio.h>
#include <adwaita.h>

#include "attest-annotation-list.h"
#include "attest-gui-resources.h"
#include "attest-inspector.h"
#include "attest-span-list-model.h"
#include "bench-util.h"

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);

  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

typedef struct
{
  double start;
  double work;    /* main-loop time spent in the frame: before-paint to after-paint */
  guint  frames;
} FrameClock;

static FrameClock frame;

static void
on_before_paint (GdkFrameClock *clock)
{
  frame.start = now_ms ();
}

static void
on_after_paint (GdkFrameClock *clock)
{
  frame.work = now_ms () - frame.start;
  frame.frames++;
}

/* Waits for the next frame and returns the time it took to lay out and
 * paint (not the time spent waiting for it). */
static double
next_frame (GtkWidget *window)
{
  guint frames = frame.frames;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gtk_widget_queue_draw (window);
  while (frame.frames == frames && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  return frame.work;
}

static void
flush (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static AttestSession *
make_session (const char *dir,
              gsize       n_bytes,
              guint       n_spans)
{
  g_autoptr(AttestDocument) document = bench_make_document (n_bytes, n_spans, 7);
  g_autofree char *article = g_build_filename (dir, "bench.txt", NULL);
  g_autofree char *sidecar = g_build_filename (dir, "bench.txt.attest.json", NULL);
  g_autoptr(GFile) article_file = g_file_new_for_path (article);
  g_autoptr(GFile) sidecar_file = g_file_new_for_path (sidecar);
  g_autoptr(GError) error = NULL;
  AttestText *text = attest_document_get_text (document);
  AttestSession *session;

  g_file_set_contents (article, attest_text_get_data (text), attest_text_get_n_bytes (text),
                       &error);
  g_assert_no_error (error);
  attest_sidecar_save (document, sidecar_file, NULL, &error);
  g_assert_no_error (error);

  session = attest_session_load (article_file, NULL, &error);
  g_assert_no_error (error);
  /* Keep autosave out of the numbers. */
  attest_session_set_autosave_delay (session, 3600 * 1000);

  return session;
}

static void
print_row (const char *what,
           GArray     *values)
{
  printf ("  %-52s p50 %8.3f ms   p99 %8.3f ms   max %8.3f ms\n", what,
          bench_percentile (values, 50), bench_percentile (values, 99),
          bench_percentile (values, 100));
}

static void
print_once (const char *what,
            double      call,
            double      frame_ms)
{
  printf ("  %-52s %8.3f ms + frame %8.3f ms\n", what, call, frame_ms);
}

static GtkWidget *
find_widget (GtkWidget  *root,
             const char *id)
{
  if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)), id) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, id);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static AttestSpan *
nth_with_label (AttestSpanStore *store,
                guint            from,
                const char      *label)
{
  const char *interned = g_intern_string (label);

  for (AttestSpan *span = attest_span_store_get_nth (store, from);
       span != NULL;
       span = attest_span_store_get_next (store, span))
    if (span->label == interned)
      return span;

  return NULL;
}

static void
bench_model (AttestSession *session)
{
  g_autoptr(AttestSpanListModel) model = attest_span_list_model_new (session);
  GListModel *list = G_LIST_MODEL (model);
  guint n = g_list_model_get_n_items (list);
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  double t0;
  guint i;

  t0 = now_ms ();
  for (i = 0; i < 100000; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, g_rand_int_range (rand, 0, n));
      g_assert_nonnull (item);
    }
  printf ("  %-52s %8.3f µs\n", "model: get_item, random position", (now_ms () - t0) * 1000 / i);
}

static void
bench_widgets (AttestSession *session)
{
  AttestDocument *document = attest_session_get_document (session);
  AttestHistory *history = attest_session_get_history (session);
  AttestSpanStore *store = attest_document_get_spans (document);
  guint n = attest_span_store_get_n_spans (store);
  guint length = attest_text_get_length (attest_document_get_text (document));
  g_autoptr(GRand) rand = g_rand_new_with_seed (2);
  g_autoptr(GArray) sync = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) paint = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWidget *window, *box, *list, *inspector;
  GdkFrameClock *clock;
  GtkDropDown *dropdown;
  AttestSpan *quote;
  double t0, t1;

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 760, 900);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  list = attest_annotation_list_new ();
  gtk_widget_set_size_request (list, 340, -1);
  inspector = attest_inspector_new ();
  gtk_widget_set_hexpand (inspector, TRUE);
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), inspector);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);

  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);

  t0 = now_ms ();
  attest_annotation_list_set_session (ATTEST_ANNOTATION_LIST (list), session);
  attest_inspector_set_session (ATTEST_INSPECTOR (inspector), session);
  t1 = now_ms ();
  print_once ("open: list and inspector take the session", t1 - t0, next_frame (window));

  /* The inspector on a quote lists every speaker span once. */
  quote = nth_with_label (store, n / 2, "quote");
  t0 = now_ms ();
  attest_inspector_set_span (ATTEST_INSPECTOR (inspector), quote->id);
  t1 = now_ms ();
  print_once ("inspector: first quote (builds the speaker list)", t1 - t0, next_frame (window));
  quote = nth_with_label (store, n / 3, "quote");
  t0 = now_ms ();
  attest_inspector_set_span (ATTEST_INSPECTOR (inspector), quote->id);
  attest_annotation_list_set_selected_span (ATTEST_ANNOTATION_LIST (list), quote->id);
  t1 = now_ms ();
  print_once ("inspector + list: another quote", t1 - t0, next_frame (window));

  /* Following the article's selection: select and scroll to a row. */
  for (guint i = 0; i < 200; i++)
    {
      AttestSpan *span = attest_span_store_get_nth (store, g_rand_int_range (rand, 0, n));
      double d;

      t0 = now_ms ();
      attest_annotation_list_set_selected_span (ATTEST_ANNOTATION_LIST (list), span->id);
      d = now_ms () - t0;
      g_array_append_val (sync, d);
      d = next_frame (window);
      g_array_append_val (paint, d);
    }
  print_row ("list: select + scroll to a random span (call)", sync);
  print_row ("list: select + scroll to a random span (frame)", paint);
  g_array_set_size (sync, 0);
  g_array_set_size (paint, 0);

  /* Edits: relabel, move and undo through history, with both widgets
   * showing the document (the inspector on a quote). */
  for (guint i = 0; i < 300; i++)
    {
      AttestSpan *span = attest_span_store_get_nth (store, g_rand_int_range (rand, 0, n));
      double d;

      attest_annotation_list_set_selected_span (ATTEST_ANNOTATION_LIST (list), span->id);
      flush ();
      t0 = now_ms ();
      switch (i % 3)
        {
        case 0:
          attest_history_relabel_span (history, span, span->label == g_intern_static_string ("fact")
                                                      ? "quote" : "fact");
          break;
        case 1:
          attest_history_move_span (history, span, span->start, MIN (span->end + 5, length));
          break;
        default:
          attest_history_undo (history);
          break;
        }
      d = now_ms () - t0;
      g_array_append_val (sync, d);
      d = next_frame (window);
      g_array_append_val (paint, d);
    }
  print_row ("edit (relabel / move / undo): sidebar signals", sync);
  print_row ("edit (relabel / move / undo): next frame", paint);
  g_array_set_size (sync, 0);
  g_array_set_size (paint, 0);

  /* Editing a speaker while a quote is inspected lists the speakers again. */
  for (guint i = 0; i < 30; i++)
    {
      AttestSpan *speaker = nth_with_label (store, g_rand_int_range (rand, 0, n - 100), "speaker");
      double d;

      t0 = now_ms ();
      attest_history_set_span_note (history, speaker, i % 2 ? "checked" : NULL);
      d = now_ms () - t0;
      g_array_append_val (sync, d);
    }
  print_row ("edit a speaker span, quote inspected (relists)", sync);
  g_array_set_size (sync, 0);

  /* Filtering by label: every row is tested once. */
  dropdown = GTK_DROP_DOWN (find_widget (list, "filter_dropdown"));
  t0 = now_ms ();
  gtk_drop_down_set_selected (dropdown, 1);
  t1 = now_ms ();
  print_once ("filter: show quotes only", t1 - t0, next_frame (window));
  {
    GtkListView *view = GTK_LIST_VIEW (find_widget (list, "list_view"));
    GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (view));
    GListModel *rows = gtk_single_selection_get_model (selection);
    GtkFilterListModel *filtered = GTK_FILTER_LIST_MODEL (rows);
    double longest = 0, total = 0;

    while (gtk_filter_list_model_get_pending (filtered) > 0)
      {
        t0 = now_ms ();
        g_main_context_iteration (NULL, TRUE);
        t1 = now_ms ();
        longest = MAX (longest, t1 - t0);
        total += t1 - t0;
      }
    printf ("  %-52s %8.3f ms, longest main-loop step %6.3f ms\n",
            "filter: quotes, filtered in chunks", total, longest);
  }

  for (guint i = 0; i < 100; i++)
    {
      AttestSpan *span = nth_with_label (store, g_rand_int_range (rand, 0, n - 100), "quote");
      double d;

      t0 = now_ms ();
      attest_annotation_list_set_selected_span (ATTEST_ANNOTATION_LIST (list), span->id);
      d = now_ms () - t0;
      g_array_append_val (sync, d);
    }
  print_row ("filtered: select a span (binary search)", sync);
  g_array_set_size (sync, 0);

  for (guint i = 0; i < 100; i++)
    {
      AttestSpan *span = attest_span_store_get_nth (store, g_rand_int_range (rand, 0, n));
      double d;

      t0 = now_ms ();
      attest_history_relabel_span (history, span, span->label == g_intern_static_string ("quote")
                                                  ? "fact" : "quote");
      d = now_ms () - t0;
      g_array_append_val (sync, d);
    }
  print_row ("filtered: relabel in or out of the filter", sync);
  g_array_set_size (sync, 0);

  t0 = now_ms ();
  gtk_drop_down_set_selected (dropdown, 0);
  t1 = now_ms ();
  print_once ("filter: all labels again", t1 - t0, next_frame (window));

  g_signal_handlers_disconnect_by_func (clock, on_before_paint, NULL);
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, NULL);
  attest_annotation_list_set_session (ATTEST_ANNOTATION_LIST (list), NULL);
  attest_inspector_set_session (ATTEST_INSPECTOR (inspector), NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_init ();
  adw_init ();
  g_assert_nonnull (attest_gui_get_resource ());

  for (guint i = 2; i < G_N_ELEMENTS (bench_sizes); i++)
    {
      g_autofree char *dir = g_dir_make_tmp ("attest-bench-sidebar-XXXXXX", NULL);
      g_autofree char *article = g_build_filename (dir, "bench.txt", NULL);
      g_autofree char *sidecar = g_build_filename (dir, "bench.txt.attest.json", NULL);
      AttestSession *session;

      /* bench-sidebar T5: only the sizes named. */
      if (argc > 1 && !g_strv_contains ((const char * const *) argv + 1, bench_sizes[i].name))
        continue;

      printf ("%s: %zu bytes, %u spans\n", bench_sizes[i].name, bench_sizes[i].n_bytes,
              bench_sizes[i].n_spans);
      session = make_session (dir, bench_sizes[i].n_bytes, bench_sizes[i].n_spans);
      bench_model (session);
      bench_widgets (session);
      attest_session_close (session);
      g_object_unref (session);

      g_remove (sidecar);
      g_remove (article);
      g_rmdir (dir);
    }

  return 0;
}
