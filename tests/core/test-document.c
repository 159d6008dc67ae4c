/* test-document.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attest-core.h"

/* “We will not back down,” Mayor Jane Doe said. 🇺🇦 */
static const char *sample = "\xe2\x80\x9cWe will not back down,\xe2\x80\x9d Mayor Jane Doe said. \xf0\x9f\x87\xba\xf0\x9f\x87\xa6";

static AttestDocument *
make_document (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestText) text = attest_text_new (sample, -1, &error);

  g_assert_no_error (error);

  return attest_document_new (text);
}

typedef struct
{
  guint added;
  guint removed;
  guint changed_spans;
  guint relations;
  guint changed;
  guint old_start;
} Counts;

static void
on_added (AttestDocument *doc, AttestSpan *span, Counts *c)
{
  c->added++;
}

static void
on_removed (AttestDocument *doc, AttestSpan *span, Counts *c)
{
  /* Still intact while the signal runs. */
  g_assert_nonnull (span->id);
  c->removed++;
}

static void
on_span_changed (AttestDocument *doc, AttestSpan *span, guint old_start, guint old_end, Counts *c)
{
  c->changed_spans++;
  c->old_start = old_start;
}

static void
on_relations (AttestDocument *doc, Counts *c)
{
  c->relations++;
}

static void
on_changed (AttestDocument *doc, Counts *c)
{
  c->changed++;
}

static void
test_spans_and_signals (void)
{
  g_autoptr(AttestDocument) doc = make_document ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_relation_free);
  g_autofree char *next = NULL;
  Counts c = { 0 };
  AttestSpan *quote, *speaker, *bad;
  AttestRelation *rel;

  g_signal_connect (doc, "span-added", G_CALLBACK (on_added), &c);
  g_signal_connect (doc, "span-removed", G_CALLBACK (on_removed), &c);
  g_signal_connect (doc, "span-changed", G_CALLBACK (on_span_changed), &c);
  g_signal_connect (doc, "relations-changed", G_CALLBACK (on_relations), &c);
  g_signal_connect (doc, "changed", G_CALLBACK (on_changed), &c);

  g_assert_cmpuint (attest_text_get_length (attest_document_get_text (doc)), ==, 48);
  g_assert_false (attest_document_get_modified (doc));

  quote = attest_span_new (NULL, "quote", 1, 23);
  g_assert_true (attest_document_add_span (doc, quote, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (quote->id, ==, "s1");
  speaker = attest_span_new (NULL, "speaker", 25, 39);
  g_assert_true (attest_document_add_span (doc, speaker, &error));
  g_assert_cmpstr (speaker->id, ==, "s2");
  g_assert_true (attest_document_get_modified (doc));
  g_assert_cmpuint (c.added, ==, 2);

  /* Outside the text, or a taken id: refused, nothing changes. */
  bad = attest_span_new (NULL, "fact", 40, 49);
  g_assert_false (attest_document_add_span (doc, bad, &error));
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_INVALID);
  g_clear_error (&error);
  attest_span_free (bad);
  bad = attest_span_new ("s1", "fact", 40, 41);
  g_assert_false (attest_document_add_span (doc, bad, &error));
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_INVALID);
  g_clear_error (&error);
  attest_span_free (bad);
  g_assert_cmpuint (c.added, ==, 2);

  rel = attest_relation_new (NULL, "said-by", "s1", "s2");
  g_assert_true (attest_document_add_relation (doc, rel, &error));
  g_assert_cmpstr (rel->id, ==, "r1");
  g_assert_true (attest_document_lookup_relation (doc, "r1") == rel);

  attest_document_move_span (doc, speaker, 31, 39);
  g_assert_cmpuint (c.changed_spans, ==, 1);
  g_assert_cmpuint (c.old_start, ==, 25);
  attest_document_relabel_span (doc, speaker, "fact");
  g_assert_cmpstr (speaker->label, ==, "fact");
  attest_document_set_span_attr (doc, quote, "kind", "direct");
  g_assert_cmpstr (attest_span_get_attr (quote, "kind"), ==, "direct");
  attest_document_set_span_attr (doc, quote, "kind", "direct");
  g_assert_cmpuint (c.changed_spans, ==, 3);

  /* Removing a span takes its relations with it, handed back for undo. */
  attest_document_remove_span (doc, speaker, removed);
  g_assert_cmpuint (c.removed, ==, 1);
  g_assert_cmpuint (removed->len, ==, 1);
  g_assert_cmpuint (attest_document_get_n_relations (doc), ==, 0);

  /* Ids are never reused. */
  next = attest_document_next_id (doc, "s");
  g_assert_cmpstr (next, ==, "s3");
  g_clear_pointer (&next, g_free);
  next = attest_document_next_id (doc, "r");
  g_assert_cmpstr (next, ==, "r2");
  g_assert_cmpuint (c.changed, >=, 7);
}

static void
test_check (void)
{
  g_autoptr(AttestDocument) doc = make_document ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  AttestSpan *speaker = attest_span_new ("s2", "speaker", 25, 39);

  speaker->entity = g_strdup ("e7");
  g_assert_true (attest_document_add_span (doc, speaker, NULL));
  g_assert_true (attest_document_add_relation (doc, attest_relation_new ("r1", "said-by", "s1", "s2"), NULL));

  g_assert_false (attest_document_check (doc, problems));
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_cmpstr (problems->pdata[0], ==, "spans[0].entity: no entity \"e7\"");
  g_assert_cmpstr (problems->pdata[1], ==, "relations[0].from: no span \"s1\"");

  g_ptr_array_set_size (problems, 0);
  g_assert_true (attest_document_add_entity (doc, attest_entity_new ("e7", "Jane Doe", "person"), NULL));
  g_assert_true (attest_document_add_span (doc, attest_span_new ("s1", "quote", 1, 23), NULL));
  g_assert_true (attest_document_check (doc, problems));
}

static void
test_metadata (void)
{
  g_autoptr(AttestDocument) doc = make_document ();
  AttestStatus status;

  g_assert_cmpstr (attest_document_get_generator (doc), ==, ATTEST_GENERATOR);
  attest_document_set_file_name (doc, "story.txt");
  g_assert_cmpstr (attest_document_get_title (doc), ==, "story.txt");
  attest_document_set_meta (doc, "title", "Mayor stands firm");
  g_assert_cmpstr (attest_document_get_title (doc), ==, "Mayor stands firm");
  attest_document_set_status (doc, ATTEST_STATUS_DONE);
  g_assert_cmpstr (attest_status_to_string (attest_document_get_status (doc)), ==, "done");
  g_assert_true (attest_status_from_string ("in-progress", &status));
  g_assert_cmpint (status, ==, ATTEST_STATUS_IN_PROGRESS);
  g_assert_false (attest_status_from_string ("finished", &status));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/attest/core/document/spans-and-signals", test_spans_and_signals);
  g_test_add_func ("/attest/core/document/check", test_check);
  g_test_add_func ("/attest/core/document/metadata", test_metadata);

  return g_test_run ();
}
