/* test-span-store.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attest-core.h"

static AttestSpan *
make_span (guint        n,
           const char  *label,
           guint        start,
           guint        end)
{
  g_autofree char *id = g_strdup_printf ("s%u", n);

  return attest_span_new (id, label, start, end);
}

static void
test_order (void)
{
  AttestSpanStore *store = attest_span_store_new ();
  const char *expected[] = { "s3", "s2", "s10", "s1", "s4" };
  guint i = 0;

  attest_span_store_insert (store, make_span (1, "quote", 5, 9));
  attest_span_store_insert (store, make_span (2, "speaker", 0, 4));
  attest_span_store_insert (store, make_span (10, "speaker", 0, 4));
  attest_span_store_insert (store, make_span (3, "quote", 0, 4));
  attest_span_store_insert (store, make_span (4, "fact", 5, 10));

  g_assert_true (attest_span_store_check (store));
  g_assert_cmpuint (attest_span_store_get_n_spans (store), ==, 5);

  /* (start, end, label, id) with ids compared as numbers: s2 < s10. */
  for (AttestSpan *s = attest_span_store_get_first (store); s != NULL;
       s = attest_span_store_get_next (store, s), i++)
    {
      g_assert_cmpstr (s->id, ==, expected[i]);
      g_assert_cmpuint (attest_span_store_get_position (store, s), ==, i);
      g_assert_true (attest_span_store_get_nth (store, i) == s);
    }
  g_assert_cmpuint (i, ==, 5);
  g_assert_null (attest_span_store_get_nth (store, 5));

  i = 5;
  for (AttestSpan *s = attest_span_store_get_last (store); s != NULL;
       s = attest_span_store_get_prev (store, s))
    g_assert_cmpstr (s->id, ==, expected[--i]);
  g_assert_cmpuint (i, ==, 0);

  g_assert_cmpuint (attest_span_store_get_max_id (store, "s"), ==, 10);
  g_assert_cmpuint (attest_span_store_get_max_id (store, "p"), ==, 0);
  g_assert_cmpstr (attest_span_store_find_from (store, 1)->id, ==, "s1");
  g_assert_null (attest_span_store_find_from (store, 6));

  attest_span_store_free (store);
}

static void
test_id_compare (void)
{
  g_assert_cmpint (attest_id_compare ("s2", "s10"), <, 0);
  g_assert_cmpint (attest_id_compare ("s10", "s2"), >, 0);
  g_assert_cmpint (attest_id_compare ("s7", "s7"), ==, 0);
  g_assert_cmpint (attest_id_compare ("r1", "s1"), <, 0);
  /* Ours before foreign shapes; foreign ones by bytes. */
  g_assert_cmpint (attest_id_compare ("s99", "T1"), <, 0);
  g_assert_cmpint (attest_id_compare ("T10", "T9"), <, 0);
  g_assert_cmpint (attest_id_compare ("s01", "s1"), >, 0);
}

static void
test_attrs (void)
{
  char **attrs = NULL;

  attrs = attest_attrs_set (attrs, "kind", "direct");
  attrs = attest_attrs_set (attrs, "a", "1");
  attrs = attest_attrs_set (attrs, "z", "2");
  g_assert_cmpuint (attest_attrs_count (attrs), ==, 3);
  g_assert_cmpstr (attrs[0], ==, "a");
  g_assert_cmpstr (attrs[2], ==, "kind");
  g_assert_cmpstr (attrs[4], ==, "z");
  g_assert_cmpstr (attest_attrs_get (attrs, "kind"), ==, "direct");

  attrs = attest_attrs_set (attrs, "kind", "indirect");
  g_assert_cmpstr (attest_attrs_get (attrs, "kind"), ==, "indirect");
  attrs = attest_attrs_set (attrs, "kind", NULL);
  g_assert_null (attest_attrs_get (attrs, "kind"));
  g_assert_cmpuint (attest_attrs_count (attrs), ==, 2);
  attrs = attest_attrs_set (attrs, "a", NULL);
  attrs = attest_attrs_set (attrs, "z", NULL);
  g_assert_null (attrs);
}

static gboolean
naive_overlaps (const AttestSpan *s,
                guint             start,
                guint             end)
{
  end = MAX (end, start + 1);
  if (s->start == s->end)
    return s->start >= start && s->start < end;
  return s->start < end && s->end > start;
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  return attest_span_compare (*(AttestSpan **) a, *(AttestSpan **) b);
}

/* Random inserts, removals, moves and relabels checked against a plain
 * array after every step. */
static void
test_random (void)
{
  const char *labels[] = { "quote", "speaker", "fact" };
  AttestSpanStore *store = attest_span_store_new ();
  g_autoptr(GPtrArray) model = g_ptr_array_new ();
  GRand *rand = g_rand_new_with_seed (4242);
  guint next_id = 1;

  for (guint step = 0; step < 4000; step++)
    {
      guint op = g_rand_int_range (rand, 0, 10);

      if (op < 5 || model->len == 0)
        {
          guint start = g_rand_int_range (rand, 0, 1000);
          guint end = start + g_rand_int_range (rand, 0, 60);
          AttestSpan *span = make_span (next_id++, labels[g_rand_int_range (rand, 0, 3)], start, end);

          attest_span_store_insert (store, span);
          g_ptr_array_add (model, span);
        }
      else
        {
          guint i = g_rand_int_range (rand, 0, model->len);
          AttestSpan *span = g_ptr_array_index (model, i);

          if (op < 7)
            {
              g_ptr_array_remove_index_fast (model, i);
              attest_span_store_remove (store, span);
            }
          else if (op < 9)
            {
              guint start = g_rand_int_range (rand, 0, 1000);

              attest_span_store_move (store, span, start, start + g_rand_int_range (rand, 1, 80));
            }
          else
            attest_span_store_relabel (store, span, labels[g_rand_int_range (rand, 0, 3)]);
        }

      if (step % 97 == 0)
        g_assert_true (attest_span_store_check (store));

      if (step % 13 == 0)
        {
          guint qs = g_rand_int_range (rand, 0, 1100);
          guint qe = qs + g_rand_int_range (rand, 0, 100);
          g_autoptr(GPtrArray) got = attest_span_store_get_in_range (store, qs, qe);
          g_autoptr(GPtrArray) want = g_ptr_array_new ();

          for (guint i = 0; i < model->len; i++)
            if (naive_overlaps (g_ptr_array_index (model, i), qs, qe))
              g_ptr_array_add (want, g_ptr_array_index (model, i));
          g_ptr_array_sort (want, compare_spans);

          g_assert_cmpuint (got->len, ==, want->len);
          for (guint i = 0; i < got->len; i++)
            g_assert_true (got->pdata[i] == want->pdata[i]);
        }
    }

  g_assert_true (attest_span_store_check (store));
  g_assert_cmpuint (attest_span_store_get_n_spans (store), ==, model->len);
  /* Ids keep growing, even past removed spans. */
  g_assert_cmpuint (attest_span_store_get_max_id (store, "s"), ==, next_id - 1);

  for (guint i = 0; i < model->len; i++)
    {
      AttestSpan *span = g_ptr_array_index (model, i);
      g_assert_true (attest_span_store_lookup (store, span->id) == span);
    }

  g_rand_free (rand);
  attest_span_store_free (store);
}

static gboolean
stop_after_two (AttestSpan *span,
                gpointer    user_data)
{
  guint *n = user_data;
  return ++(*n) < 2;
}

static void
test_at (void)
{
  AttestSpanStore *store = attest_span_store_new ();
  g_autoptr(GPtrArray) at = NULL;
  guint n = 0;

  /* Nested: quote [0,20) holds speaker [5,9) holds fact [6,7); an empty
   * span at 12 counts at 12 only. */
  attest_span_store_insert (store, make_span (1, "quote", 0, 20));
  attest_span_store_insert (store, make_span (2, "speaker", 5, 9));
  attest_span_store_insert (store, make_span (3, "fact", 6, 7));
  attest_span_store_insert (store, make_span (4, "fact", 12, 12));

  at = attest_span_store_get_at (store, 6);
  g_assert_cmpuint (at->len, ==, 3);
  g_clear_pointer (&at, g_ptr_array_unref);

  at = attest_span_store_get_at (store, 9);
  g_assert_cmpuint (at->len, ==, 1);
  g_assert_cmpstr (((AttestSpan *) at->pdata[0])->id, ==, "s1");
  g_clear_pointer (&at, g_ptr_array_unref);

  at = attest_span_store_get_at (store, 12);
  g_assert_cmpuint (at->len, ==, 2);
  g_clear_pointer (&at, g_ptr_array_unref);

  at = attest_span_store_get_at (store, 20);
  g_assert_cmpuint (at->len, ==, 0);
  g_clear_pointer (&at, g_ptr_array_unref);

  attest_span_store_foreach_in_range (store, 0, 100, stop_after_two, &n);
  g_assert_cmpuint (n, ==, 2);

  attest_span_store_free (store);
}

static void
test_large (void)
{
  AttestSpanStore *store = attest_span_store_new ();
  g_autoptr(GPtrArray) at = NULL;
  AttestSpan *span;

  for (guint i = 0; i < 100000; i++)
    attest_span_store_insert (store, make_span (i + 1, "quote", i * 10, i * 10 + 5));

  g_assert_true (attest_span_store_check (store));
  at = attest_span_store_get_at (store, 500002);
  g_assert_cmpuint (at->len, ==, 1);
  g_assert_cmpstr (((AttestSpan *) at->pdata[0])->id, ==, "s50001");

  span = attest_span_store_get_nth (store, 77777);
  g_assert_cmpuint (span->start, ==, 777770);
  g_assert_cmpuint (attest_span_store_get_position (store, span), ==, 77777);

  attest_span_store_free (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/attest/core/span-store/order", test_order);
  g_test_add_func ("/attest/core/span-store/id-compare", test_id_compare);
  g_test_add_func ("/attest/core/span-store/attrs", test_attrs);
  g_test_add_func ("/attest/core/span-store/at", test_at);
  g_test_add_func ("/attest/core/span-store/random", test_random);
  g_test_add_func ("/attest/core/span-store/large", test_large);

  return g_test_run ();
}
