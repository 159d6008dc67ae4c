/* test-history.c: undo and redo of every kind of edit
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-core.h"

/* 🗳️ “Tax cuts will pay for themselves,” Senator Mara Quist said. 12 March. */
static const char *article =
  "\xf0\x9f\x97\xb3\xef\xb8\x8f \xe2\x80\x9cTax cuts will pay for themselves,\xe2\x80\x9d "
  "Senator Mara Quist said. She spoke on 12 March.\n";

static AttestDocument *
make_document (void)
{
  g_autoptr(AttestText) text = attest_text_new (article, -1, NULL);
  AttestDocument *document = attest_document_new (text);

  attest_document_set_file_name (document, "senate.txt");

  return document;
}

static char *
snapshot (AttestDocument *document)
{
  g_autoptr(GBytes) bytes = attest_sidecar_serialize (document);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
assert_state (AttestDocument *document,
              const char     *expected)
{
  g_autofree char *now = snapshot (document);

  g_assert_cmpstr (now, ==, expected);
}

static void
test_basic (void)
{
  g_autoptr(AttestDocument) document = make_document ();
  g_autoptr(AttestHistory) history = attest_history_new (document);
  g_autofree char *empty = snapshot (document);
  g_autofree char *linked = NULL;
  g_autofree char *removed = NULL;
  AttestSpan *quote, *speaker;
  AttestRelation *relation;

  g_assert_false (attest_history_can_undo (history));

  quote = attest_history_add_span (history, "quote", 4, 37, "ana");
  speaker = attest_history_add_span (history, "speaker", 39, 57, "ana");
  g_assert_nonnull (quote);
  g_assert_cmpstr (quote->by, ==, "ana");
  g_assert_cmpstr (quote->origin, ==, "manual");
  g_assert_true (g_str_has_suffix (quote->created, "Z"));
  relation = attest_history_add_relation (history, "said-by", quote->id, speaker->id, "ana");
  g_assert_nonnull (relation);
  linked = snapshot (document);

  /* Removing the speaker takes the relation; one undo brings back both. */
  attest_history_remove_span (history, speaker);
  g_assert_cmpuint (attest_document_get_n_relations (document), ==, 0);
  removed = snapshot (document);
  g_assert_true (attest_history_undo (history));
  g_assert_cmpuint (attest_document_get_n_relations (document), ==, 1);
  assert_state (document, linked);

  while (attest_history_undo (history))
    ;
  assert_state (document, empty);
  while (attest_history_redo (history))
    ;
  assert_state (document, removed);
}

static void
test_merge (void)
{
  g_autoptr(AttestDocument) document = make_document ();
  g_autoptr(AttestHistory) history = attest_history_new (document);
  AttestSpan *quote = attest_history_add_span (history, "quote", 4, 37, "ana");

  /* Typing a note is one undo step, not one per keystroke. */
  attest_history_set_span_note (history, quote, "c");
  attest_history_set_span_note (history, quote, "ch");
  attest_history_set_span_note (history, quote, "check");
  g_assert_true (attest_history_undo (history));
  g_assert_null (quote->note);
  g_assert_true (attest_history_undo (history));
  g_assert_cmpuint (attest_span_store_get_n_spans (attest_document_get_spans (document)), ==, 0);
}

static void
test_suggestions (void)
{
  g_autoptr(AttestDocument) document = make_document ();
  g_autoptr(AttestHistory) history = attest_history_new (document);
  AttestSpanStore *suggested = attest_document_get_suggested_spans (document);
  AttestSpan *s1 = attest_span_new (NULL, "quote", 4, 37);
  AttestSpan *s2 = attest_span_new (NULL, "fact", 77, 85);
  AttestSpan *accepted;
  g_autofree char *before = NULL;

  s1->origin = g_intern_static_string ("suggested:quote-marks");
  s2->origin = g_intern_static_string ("suggested:dates");
  g_assert_true (attest_document_add_suggested_span (document, s1, NULL));
  g_assert_true (attest_document_add_suggested_span (document, s2, NULL));
  before = snapshot (document);

  accepted = attest_history_accept_suggestion (history, s1, "ben");
  g_assert_cmpstr (accepted->origin, ==, "suggested:quote-marks");
  g_assert_cmpstr (accepted->by, ==, "ben");
  g_assert_cmpstr (accepted->id, ==, "s1");
  attest_history_reject_suggestion (history, s2);
  g_assert_cmpuint (attest_span_store_get_n_spans (suggested), ==, 0);
  g_assert_cmpuint (attest_document_get_rejected (document)->len, ==, 1);
  g_assert_cmpstr (((AttestRejected *) attest_document_get_rejected (document)->pdata[0])->rule, ==, "dates");

  g_assert_true (attest_history_undo (history));
  g_assert_true (attest_history_undo (history));
  assert_state (document, before);
  g_assert_true (attest_history_redo (history));
  g_assert_true (attest_history_redo (history));
  g_assert_cmpuint (attest_document_get_rejected (document)->len, ==, 1);
  g_assert_cmpuint (attest_span_store_get_n_spans (attest_document_get_spans (document)), ==, 1);
}

static void
test_review_flags (void)
{
  g_autoptr(AttestDocument) document = make_document ();
  g_autoptr(AttestHistory) history = attest_history_new (document);
  AttestSpan *quote = attest_history_add_span (history, "quote", 4, 37, "ana");
  AttestSpan *fact = attest_history_add_span (history, "fact", 77, 85, "ana");

  /* As re-anchoring leaves them. */
  quote->flags = ATTEST_SPAN_FLAG_CHANGED;
  quote->old_text = g_strdup ("Tax cuts pay for themselves,");
  fact->flags = ATTEST_SPAN_FLAG_DELETED;
  fact->old_text = g_strdup ("12 March");

  attest_history_mark_reviewed (history, quote);
  g_assert_cmpuint (quote->flags, ==, ATTEST_SPAN_FLAG_NONE);
  g_assert_null (quote->old_text);
  g_assert_true (attest_history_undo (history));
  g_assert_cmpuint (quote->flags, ==, ATTEST_SPAN_FLAG_CHANGED);
  g_assert_cmpstr (quote->old_text, ==, "Tax cuts pay for themselves,");

  /* Placing a span by hand reviews it. */
  attest_history_move_span (history, fact, 80, 85);
  g_assert_cmpuint (fact->flags, ==, ATTEST_SPAN_FLAG_NONE);
  g_assert_null (fact->old_text);
  g_assert_cmpuint (fact->start, ==, 80);
  g_assert_true (attest_history_undo (history));
  g_assert_cmpuint (fact->flags, ==, ATTEST_SPAN_FLAG_DELETED);
  g_assert_cmpuint (fact->start, ==, 77);
}

/* Random edits of every kind; undoing all of them gives the first file
 * byte for byte, redoing them the last, and every step in between. */
static void
test_random (void)
{
  const char *labels[] = { "quote", "speaker", "fact" };
  g_autoptr(AttestDocument) document = make_document ();
  g_autoptr(AttestHistory) history = attest_history_new (document);
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
  AttestSpanStore *spans = attest_document_get_spans (document);
  guint length = attest_text_get_length (attest_document_get_text (document));
  GRand *rand = g_rand_new_with_seed (77);

  g_ptr_array_add (states, snapshot (document));

  for (guint step = 0; step < 400; step++)
    {
      guint n = attest_span_store_get_n_spans (spans);
      AttestSpan *span = n > 0 ? attest_span_store_get_nth (spans, g_rand_int_range (rand, 0, n)) : NULL;
      guint op = g_rand_int_range (rand, 0, 9);
      guint start = g_rand_int_range (rand, 0, length - 1);
      guint end = start + 1 + g_rand_int_range (rand, 0, MIN (length - start, 12));

      if (span == NULL || op == 0)
        attest_history_add_span (history, labels[g_rand_int_range (rand, 0, 3)], start, MIN (end, length), "ana");
      else if (op == 1)
        attest_history_remove_span (history, span);
      else if (op == 2)
        attest_history_move_span (history, span, start, MIN (end, length));
      else if (op == 3)
        attest_history_relabel_span (history, span, labels[g_rand_int_range (rand, 0, 3)]);
      else if (op == 4)
        attest_history_set_span_attr (history, span, "kind", g_rand_boolean (rand) ? "direct" : NULL);
      else if (op == 5)
        {
          AttestSpan *other = attest_span_store_get_nth (spans, g_rand_int_range (rand, 0, n));

          attest_history_add_relation (history, "said-by", span->id, other->id, "ana");
        }
      else if (op == 6 && attest_document_get_n_relations (document) > 0)
        attest_history_remove_relation (history,
                                        attest_document_get_relation (document, g_rand_int_range (rand, 0, attest_document_get_n_relations (document))));
      else if (op == 7)
        {
          AttestEntity *entity = attest_history_add_entity (history, "Mara Quist", "person");

          attest_history_set_span_entity (history, span, entity->id);
        }
      else
        attest_history_set_status (history, g_rand_int_range (rand, 0, 3));

      g_ptr_array_add (states, snapshot (document));
    }

  /* Undo everything: the document goes back to empty. */
  while (attest_history_undo (history))
    ;
  assert_state (document, states->pdata[0]);
  while (attest_history_redo (history))
    ;
  assert_state (document, states->pdata[states->len - 1]);

  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/attest/core/history/basic", test_basic);
  g_test_add_func ("/attest/core/history/merge", test_merge);
  g_test_add_func ("/attest/core/history/suggestions", test_suggestions);
  g_test_add_func ("/attest/core/history/review-flags", test_review_flags);
  g_test_add_func ("/attest/core/history/random", test_random);

  return g_test_run ();
}
