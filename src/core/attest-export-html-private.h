/* attest-export-html-private.h: shared by the HTML exporter's files
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* attest-export-html.c escapes, styles labels and writes one report; the
 * page around it and the index are attest-export-html-page.c's, the
 * article with its marks attest-export-html-article.c's, the quotes,
 * entities and notes attest-export-html-tables.c's. */

#pragma once

#include "attest-export-private.h"

G_BEGIN_DECLS

/* Nesting levels that get their own padding; deeper spans share the last. */
#define MAX_LEVEL 3

typedef struct
{
  const char       *id;        /* interned */
  const char       *name;
  char              color[8];  /* validated #rrggbb */
  guint8            rgb[3];
  AttestLabelStyle  style;
  guint64           count;
} LabelStyle;

/* The tag set's labels in its order, then labels it does not know in the
 * order they are met, each with the class position it is styled by. */
typedef struct
{
  GArray     *styles;          /* of LabelStyle */
  GHashTable *positions;       /* interned id -> position + 1 */
} LabelTable;

/* What the article, the tables and the tooltips know of each span. */
typedef struct
{
  guint     label;   /* position in the label table */
  guint     level;   /* 0 for a span nothing encloses, capped at MAX_LEVEL */
  gboolean  opened;
  char     *title;   /* escaped tooltip */
  gint      speaker; /* the first said-by relation's target, or -1 */
  GArray   *earlier; /* of guint: what continues relations point at; or NULL */
} SpanInfo;

/* attest-export-html.c: escaping, statuses, labels. */
void         _attest_html_append_escaped       (GString            *out,
                                                const char         *str);
void         _attest_html_append_escaped_valid (GString            *out,
                                                const char         *str,
                                                gsize               len);
void         _attest_html_append_span_anchor   (GString            *out,
                                                const AttestRecord *record,
                                                guint               position);
void         _attest_html_append_status        (GString            *out,
                                                AttestStatus        status);
void         _attest_html_label_table_init     (LabelTable         *table,
                                                AttestTagset       *tagset);
guint        _attest_html_label_table_get      (LabelTable         *table,
                                                const char         *label);
void         _attest_html_label_table_clear    (LabelTable         *table);
const char  *_attest_html_style_class          (AttestLabelStyle    style);
void         _attest_html_append_legend        (GString            *out,
                                                const LabelTable   *table);

/* attest-export-html-page.c: what every page has, and the index. */
void         _attest_html_append_head          (GString            *out,
                                                const char         *title,
                                                const LabelTable   *table);
void         _attest_html_append_foot          (GString            *out);
void         _attest_html_append_stat          (GString            *out,
                                                guint64             n,
                                                const char         *what);
void         _attest_html_export_tail          (const AttestExportContext *context,
                                                const AttestExportSummary *summary,
                                                GString                   *out,
                                                AttestExportChunk         *chunk);

/* attest-export-html-article.c */
void         _attest_html_append_article       (GString            *out,
                                                const AttestRecord *record,
                                                const LabelTable   *labels,
                                                SpanInfo           *info,
                                                const char         *lang);

/* attest-export-html-tables.c */
void         _attest_html_append_relation_stat (GString                   *out,
                                                const AttestExportContext *context,
                                                const AttestRecord        *record);
void         _attest_html_append_quotes        (GString            *out,
                                                const AttestRecord *record,
                                                const SpanInfo     *info,
                                                const char         *lang);
void         _attest_html_append_entities      (GString            *out,
                                                const AttestRecord *record,
                                                const char         *lang);
void         _attest_html_append_notes         (GString            *out,
                                                const AttestRecord *record,
                                                const LabelTable   *labels,
                                                const SpanInfo     *info);

G_END_DECLS
