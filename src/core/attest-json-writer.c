/* attest-json-writer.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-json-writer.h"

/* Bytes that end a run of bytes copied verbatim: the quote, the backslash,
 * the C0 controls, and 0xE2, the lead byte of U+2028 and U+2029 (which are
 * legal in JSON but end a line in JavaScript and in some editors). Any
 * other byte, ASCII or part of a multi-byte sequence, is copied as is. */
static const guint8 needs_escape[256] = {
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* '"' */
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,   /* '\\' */
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 0xE2 */
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

static const char hex_digits[] = "0123456789abcdef";

static void
append_escaped_byte (GString *out,
                     guint8   c)
{
  switch (c)
    {
    case '"':  g_string_append_len (out, "\\\"", 2); break;
    case '\\': g_string_append_len (out, "\\\\", 2); break;
    case '\n': g_string_append_len (out, "\\n", 2); break;
    case '\r': g_string_append_len (out, "\\r", 2); break;
    case '\t': g_string_append_len (out, "\\t", 2); break;
    case '\b': g_string_append_len (out, "\\b", 2); break;
    case '\f': g_string_append_len (out, "\\f", 2); break;
    default:
      {
        char buf[6] = { '\\', 'u', '0', '0', hex_digits[c >> 4], hex_digits[c & 0xf] };

        g_assert (c < 0x20);
        g_string_append_len (out, buf, sizeof buf);
      }
      break;
    }
}

void
attest_json_append_string (GString    *out,
                           const char *str,
                           gssize      len)
{
  const guint8 *p;
  const guint8 *end;
  const guint8 *run;

  g_return_if_fail (out != NULL);
  g_return_if_fail (str != NULL || len == 0);

  if (len < 0)
    len = strlen (str);

  p = (const guint8 *) str;
  end = p + len;

  g_string_append_c (out, '"');

  while (p < end)
    {
      run = p;
      while (p < end && !needs_escape[*p])
        p++;
      if (p > run)
        g_string_append_len (out, (const char *) run, p - run);
      if (p == end)
        break;

      if (*p == 0xE2)
        {
          if (end - p >= 3 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9))
            {
              g_string_append_len (out, p[2] == 0xA8 ? "\\u2028" : "\\u2029", 6);
              p += 3;
            }
          else
            {
              g_string_append_c (out, (char) *p);
              p++;
            }
          continue;
        }

      append_escaped_byte (out, *p);
      p++;
    }

  g_string_append_c (out, '"');
}

static inline void
begin_member (GString    *out,
              gboolean   *first,
              const char *key)
{
  if (*first)
    *first = FALSE;
  else
    g_string_append_len (out, ", ", 2);

  attest_json_append_string (out, key, -1);
  g_string_append_len (out, ": ", 2);
}

/* A NULL value is written as JSON null; callers that want an optional
 * member to disappear leave it out themselves. */
void
attest_json_member_string (GString    *out,
                           gboolean   *first,
                           const char *key,
                           const char *value)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (first != NULL);
  g_return_if_fail (key != NULL);

  begin_member (out, first, key);
  if (value != NULL)
    attest_json_append_string (out, value, -1);
  else
    g_string_append_len (out, "null", 4);
}

static void
append_uint (GString *out,
             guint64  value)
{
  char buf[24];
  char *p = buf + sizeof buf;

  /* g_string_append_printf costs a format parse per number; the sidecar
   * writes two numbers per span. */
  do
    {
      *--p = '0' + (value % 10);
      value /= 10;
    }
  while (value != 0);

  g_string_append_len (out, p, buf + sizeof buf - p);
}

void
attest_json_member_uint (GString    *out,
                         gboolean   *first,
                         const char *key,
                         guint64     value)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (first != NULL);
  g_return_if_fail (key != NULL);

  begin_member (out, first, key);
  append_uint (out, value);
}

void
attest_json_member_int (GString    *out,
                        gboolean   *first,
                        const char *key,
                        gint64      value)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (first != NULL);
  g_return_if_fail (key != NULL);

  begin_member (out, first, key);
  if (value < 0)
    {
      g_string_append_c (out, '-');
      /* Negate in unsigned arithmetic so G_MININT64 does not overflow. */
      append_uint (out, (guint64) 0 - (guint64) value);
    }
  else
    {
      append_uint (out, (guint64) value);
    }
}

void
attest_json_member_attrs (GString      *out,
                          gboolean     *first,
                          const char   *key,
                          char * const *attrs)
{
  gboolean inner_first = TRUE;

  g_return_if_fail (out != NULL);
  g_return_if_fail (first != NULL);
  g_return_if_fail (key != NULL);

  begin_member (out, first, key);
  g_string_append_c (out, '{');
  for (guint i = 0; attrs != NULL && attrs[i] != NULL && attrs[i + 1] != NULL; i += 2)
    attest_json_member_string (out, &inner_first, attrs[i], attrs[i + 1]);
  g_string_append_c (out, '}');
}

void
attest_json_member_strv (GString      *out,
                         gboolean     *first,
                         const char   *key,
                         char * const *strv)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (first != NULL);
  g_return_if_fail (key != NULL);

  begin_member (out, first, key);
  g_string_append_c (out, '[');
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_len (out, ", ", 2);
      attest_json_append_string (out, strv[i], -1);
    }
  g_string_append_c (out, ']');
}

void
attest_json_member_raw (GString    *out,
                        gboolean   *first,
                        const char *members)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (first != NULL);

  if (members == NULL || members[0] == '\0')
    return;

  if (*first)
    *first = FALSE;
  else
    g_string_append_len (out, ", ", 2);

  g_string_append (out, members);
}
