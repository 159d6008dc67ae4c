/* attest-brat-private.h: what the brat exporter and importer share
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The length in bytes of the line break at @p, or 0: what Python's
 * str.splitlines() breaks at, as brat splits a .ann file (\n, \r, \v,
 * \f, \x1c to \x1e, U+0085, U+2028, U+2029). */
static inline gsize
_attest_brat_line_break_len (const guchar *p,
                             gsize         n)
{
  switch (p[0])
    {
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case 0x1c:
    case 0x1d:
    case 0x1e:
      return 1;

    case 0xc2:
      return n >= 2 && p[1] == 0x85 ? 2 : 0;

    case 0xe2:
      return n >= 3 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9) ? 3 : 0;

    default:
      return 0;
    }
}

/* Type names and attribute values in brat's storage form (see
 * attest-export-brat.c): @name as it is when every character is
 * @is_plain, else "__" and the name with the other characters as
 * "_HEX_". The mapping is one to one. */
void  _attest_brat_append_name (GString    *out,
                                const char *name,
                                gboolean  (*is_plain) (gunichar c));
/* The reverse, for the @len bytes of @name; a name not in the escaped
 * form comes back as it is. */
char *_attest_brat_decode_name (const char *name,
                                gsize       len);

G_END_DECLS
