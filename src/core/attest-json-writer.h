/* attest-json-writer.h: small deterministic JSON output helpers
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include <glib.h>

G_BEGIN_DECLS

/* GLib 2.74's g_string_append_len() is an out-of-line call through
 * g_string_insert_len(); a large sidecar or export makes millions of
 * short appends, so writers use this. */
static inline void
attest_json_append_len (GString    *out,
                        const char *data,
                        gsize       len)
{
  if (G_LIKELY (out->len + len < out->allocated_len))
    {
      memcpy (out->str + out->len, data, len);
      out->len += len;
      out->str[out->len] = '\0';
    }
  else
    {
      g_string_append_len (out, data, len);
    }
}

#define attest_json_append_literal(out, str) \
  attest_json_append_len ((out), "" str, sizeof (str) - 1)

/* Appends @str (valid UTF-8, @len bytes or -1) as a JSON string literal:
 * quotes, backslash and control characters escaped (\n \r \t \b \f and
 * \u00XX for the rest), U+2028/U+2029 as \u2028/\u2029, everything else
 * literal UTF-8. */
void attest_json_append_string (GString    *out,
                                const char *str,
                                gssize      len);
/* "key": value members for the common types. Each is preceded by ", "
 * unless *first is TRUE (then set to FALSE). */
void attest_json_member_string (GString    *out,
                                gboolean   *first,
                                const char *key,
                                const char *value);
void attest_json_member_uint   (GString    *out,
                                gboolean   *first,
                                const char *key,
                                guint64     value);
void attest_json_member_int    (GString    *out,
                                gboolean   *first,
                                const char *key,
                                gint64      value);
/* {"k": "v", ...} from an attrs vector (see attest-span.h). */
void attest_json_member_attrs  (GString    *out,
                                gboolean   *first,
                                const char *key,
                                char * const *attrs);
void attest_json_member_strv   (GString    *out,
                                gboolean   *first,
                                const char *key,
                                char * const *strv);
/* Appends canonical members text (unknown members kept verbatim). */
void attest_json_member_raw    (GString    *out,
                                gboolean   *first,
                                const char *members);

G_END_DECLS
