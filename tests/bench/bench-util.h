/* bench-util.h: deterministic generated articles for the benchmarks
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-core.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  gsize       n_bytes;
  guint       n_spans;
} BenchSize;

/* DESIGN.md section 13: T1, T3, T4, T5. */
extern const BenchSize bench_sizes[4];

/* A news-like text of about @n_bytes (paragraphs of about 500 bytes, some
 * accented letters, CJK and emoji), the same for the same arguments. */
AttestText     *bench_make_text     (gsize        n_bytes,
                                     guint32      seed);
/* A document over such a text with @n_spans spans (quotes, speakers and
 * facts, some nested), a said-by relation for most quotes, and entities. */
AttestDocument *bench_make_document (gsize        n_bytes,
                                     guint        n_spans,
                                     guint32      seed);

double          bench_now_ms        (void);
/* Sorts @values (ms) and returns the percentile @p (0..100). */
double          bench_percentile    (GArray      *values,
                                     double       p);
/* Resident set size of this process in bytes. */
gsize           bench_rss           (void);

G_END_DECLS
