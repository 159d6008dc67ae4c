/* attest-webanno-private.h: what the WebAnno TSV exporter and importer
 * share
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Our custom span layer: quotes, speakers and facts, the label a feature
 * (see attest-export-webanno.c). */
#define ATTEST_WEBANNO_SPAN_LAYER "webanno.custom.Attest"

/* The escapes of TSV 3.3 written once, each beside its reverse, so that
 * what the exporter writes is what the importer reads back. */

/* #Text= lines, as INCEpTION's reader unescapes them: the C0 controls
 * other than \b \t \n \v \f \r get a backslash before them, those five
 * their letter (a vertical tab stays as it is), and a backslash doubles. */
void  _attest_webanno_escape_text    (GString    *out,
                                      const char *text,
                                      gsize       len);
/* The reverse; a backslash before anything else stays. */
void  _attest_webanno_unescape_text  (GString    *out,
                                      const char *text,
                                      gsize       len);

/* A feature value with the reserved characters of the specification
 * escaped: \ [ ] | _ -> ; * and tab and line feed. The reader splits
 * lines at carriage returns too and has no escape for them, so a CR
 * (or CRLF) becomes a line feed; @lost counts them. */
char *_attest_webanno_escape_value   (const char *value,
                                      guint      *lost);
/* The reverse, appended to @out. */
void  _attest_webanno_unescape_value (GString    *out,
                                      const char *text,
                                      gsize       len);

G_END_DECLS
