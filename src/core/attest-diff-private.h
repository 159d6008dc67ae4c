/* attest-diff-private.h: the diff behind re-anchoring, for the core and its tests
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attest-reanchor.h"

G_BEGIN_DECLS

/* A stretch of code points that is the same in both texts. */
typedef struct
{
  guint old_start;
  guint new_start;
  guint length;
} AttestDiffRun;

/* Appends to @runs (of AttestDiffRun, offsets relative to @a and @b) the
 * equal runs of a shortest edit script turning @a into @b, sorted.
 *
 * Myers' O((N+M)D) algorithm in its linear-space, divide-and-conquer
 * form. Two limits keep it bounded on inputs that have little in common:
 * past a cost of about sqrt(N+M) edit steps in one region (at least
 * 1,024) it splits at the furthest point reached instead of insisting on
 * the shortest script, and every step is charged to @budget; once that is
 * spent, what is left unresolved is treated as replaced. The result is
 * always a correct alignment, only not the shortest one then.
 *
 * Returns FALSE (with nothing appended) if @cancellable was cancelled. */
gboolean             attest_diff_sequences (const guint32 *a,
                                            guint          n_a,
                                            const guint32 *b,
                                            guint          n_b,
                                            gint64        *budget,
                                            GArray        *runs,
                                            GCancellable  *cancellable);

/* The equal runs, sorted and merged. The first run starts at (0, 0) and
 * the last ends at (old length, new length); either may be empty. The
 * changed regions ("gaps") are what lies between two runs. */
const AttestDiffRun *attest_diff_get_runs  (AttestDiff    *diff,
                                            guint         *n_runs);
guint                attest_diff_get_old_length (AttestDiff *diff);
guint                attest_diff_get_new_length (AttestDiff *diff);

/* Where an old offset lies. */
typedef struct
{
  guint    run;        /* the last run starting at or before the offset */
  gboolean in_run;     /* inside a run, or at its edge with no change there */
  guint    new_offset; /* when in_run */
  guint    old_lo;     /* otherwise the gap [old_lo, old_hi] -> [new_lo, new_hi] */
  guint    old_hi;     /* that holds the offset; old_lo == old_hi is an insertion */
  guint    new_lo;
  guint    new_hi;
} AttestDiffPlace;

void                 attest_diff_locate    (AttestDiff      *diff,
                                            guint            old_offset,
                                            AttestDiffPlace *place);

G_END_DECLS
