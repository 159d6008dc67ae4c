/* attest-reanchor.h: follow an article that was edited after annotation
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attest-types.h"

G_BEGIN_DECLS

/* A diff of two texts in code points, as a list of equal runs. Built with
 * a Myers diff (linear space, divide and conquer) after trimming the
 * common prefix and suffix, over lines first and then characters inside
 * changed line blocks, so a typical edit of a 1 MB article takes
 * milliseconds. attest_diff_new() returns NULL if @cancellable was
 * cancelled. */
typedef struct _AttestDiff AttestDiff;

AttestDiff *attest_diff_new          (AttestText   *old_text,
                                      AttestText   *new_text,
                                      GCancellable *cancellable);
void        attest_diff_free         (AttestDiff   *diff);
/* Maps an old offset to the new text. For an offset inside deleted text,
 * @bias < 0 maps to the start of the gap, > 0 to its end. *exact is set to
 * FALSE when the offset sat in or next to changed text. */
guint       attest_diff_map          (AttestDiff   *diff,
                                      guint         old_offset,
                                      int           bias,
                                      gboolean     *exact);

typedef struct
{
  guint      n_moved;      /* spans whose text is unchanged (moved or not) */
  guint      n_changed;    /* flagged ATTEST_SPAN_FLAG_CHANGED */
  guint      n_deleted;    /* flagged ATTEST_SPAN_FLAG_DELETED */
  GPtrArray *flagged;      /* of AttestSpan *, not owned, in order */
} AttestReanchorReport;

void        attest_reanchor_report_clear (AttestReanchorReport *report);

/* Moves every span and suggested span of @document to @new_text through
 * the diff of its current text and @new_text, then sets the new text.
 * Spans whose covered text is byte-identical after the move are exact and
 * unflagged; others are kept and flagged (old_text set to what they
 * covered before). Nothing is dropped. Rejected suggestions are mapped
 * too. */
gboolean    attest_reanchor_document     (AttestDocument       *document,
                                          AttestText           *new_text,
                                          AttestReanchorReport *report,
                                          GCancellable         *cancellable,
                                          GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestDiff, attest_diff_free)

G_END_DECLS
