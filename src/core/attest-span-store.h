/* attest-span-store.h: spans ordered by (start, end, label, id) with an
 * interval index
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "attest-types.h"

G_BEGIN_DECLS

/* A randomised balanced search tree (a treap) keyed by the sidecar order,
 * augmented with each subtree's maximum end and size. So:
 *
 * - insert, remove, lookup by id, move and relabel: O(log n)
 * - spans at an offset / overlapping a range: O(log n + k)
 * - n-th span and a span's position (for list models): O(log n)
 *
 * The store owns its spans. It does not emit signals; AttestDocument wraps
 * it and tells listeners.
 */

typedef gboolean (*AttestSpanFunc) (AttestSpan *span,
                                    gpointer    user_data);   /* return FALSE to stop */

AttestSpanStore *attest_span_store_new              (void);
void             attest_span_store_free             (AttestSpanStore *self);

guint            attest_span_store_get_n_spans      (AttestSpanStore *self);

/* Takes ownership. The id must not be in the store yet. */
void             attest_span_store_insert           (AttestSpanStore *self,
                                                     AttestSpan      *span);
/* Removes and returns ownership to the caller. */
AttestSpan      *attest_span_store_steal            (AttestSpanStore *self,
                                                     AttestSpan      *span);
void             attest_span_store_remove           (AttestSpanStore *self,
                                                     AttestSpan      *span);
AttestSpan      *attest_span_store_lookup           (AttestSpanStore *self,
                                                     const char      *id);
void             attest_span_store_move             (AttestSpanStore *self,
                                                     AttestSpan      *span,
                                                     guint            start,
                                                     guint            end);
void             attest_span_store_relabel          (AttestSpanStore *self,
                                                     AttestSpan      *span,
                                                     const char      *label);

/* In order. */
AttestSpan      *attest_span_store_get_first        (AttestSpanStore *self);
AttestSpan      *attest_span_store_get_last         (AttestSpanStore *self);
AttestSpan      *attest_span_store_get_next         (AttestSpanStore *self,
                                                     AttestSpan      *span);
AttestSpan      *attest_span_store_get_prev         (AttestSpanStore *self,
                                                     AttestSpan      *span);
AttestSpan      *attest_span_store_get_nth          (AttestSpanStore *self,
                                                     guint            position);
guint            attest_span_store_get_position     (AttestSpanStore *self,
                                                     AttestSpan      *span);
/* First span whose start is >= @offset, or NULL. */
AttestSpan      *attest_span_store_find_from        (AttestSpanStore *self,
                                                     guint            offset);

/* Calls @func in order for every span with start <= offset < end (an empty
 * span counts at its start). */
void             attest_span_store_foreach_at       (AttestSpanStore *self,
                                                     guint            offset,
                                                     AttestSpanFunc   func,
                                                     gpointer         user_data);
/* Calls @func in order for every span that overlaps [start, end):
 * span.start < end && span.end > start (an empty span inside counts). */
void             attest_span_store_foreach_in_range (AttestSpanStore *self,
                                                     guint            start,
                                                     guint            end,
                                                     AttestSpanFunc   func,
                                                     gpointer         user_data);
void             attest_span_store_foreach          (AttestSpanStore *self,
                                                     AttestSpanFunc   func,
                                                     gpointer         user_data);
/* Convenience: a new array (not owning) of the spans at @offset. */
GPtrArray       *attest_span_store_get_at           (AttestSpanStore *self,
                                                     guint            offset);
GPtrArray       *attest_span_store_get_in_range     (AttestSpanStore *self,
                                                     guint            start,
                                                     guint            end);

/* Ids: the largest number used with @prefix ("s") so far, including
 * removed spans, so ids are never reused within a session. */
guint64          attest_span_store_get_max_id       (AttestSpanStore *self,
                                                     const char      *prefix);

/* Debug: checks the tree's invariants; for tests. */
gboolean         attest_span_store_check            (AttestSpanStore *self);

G_END_DECLS
