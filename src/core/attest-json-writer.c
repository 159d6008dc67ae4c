/* attest-json-writer.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-json-writer.h"

/* Bytes that may need an escape: the quote, the backslash, the C0
 * controls, and 0xE2, the lead byte of U+2028 and U+2029 (legal in JSON,
 * but line ends in JavaScript and some editors; other characters led by
 * 0xE2, such as curly quotes, are copied as they are). Every other byte,
 * ASCII or part of a multi-byte sequence, is copied as it is. */
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
    case '"':  attest_json_append_literal (out, "\\\""); break;
    case '\\': attest_json_append_literal (out, "\\\\"); break;
    case '\n': attest_json_append_literal (out, "\\n"); break;
    case '\r': attest_json_append_literal (out, "\\r"); break;
    case '\t': attest_json_append_literal (out, "\\t"); break;
    case '\b': attest_json_append_literal (out, "\\b"); break;
    case '\f': attest_json_append_literal (out, "\\f"); break;
    default:
      {
        char buf[6] = { '\\', 'u', '0', '0', hex_digits[c >> 4], hex_digits[c & 0xf] };

        g_assert (c < 0x20);
        attest_json_append_len (out, buf, sizeof buf);
      }
      break;
    }
}

#define ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

/* TRUE if any of the 8 bytes in @w is one needs_escape[] flags. Exact for
 * "any", which is all the caller needs: it then finds the byte one at a
 * time. Article text is long runs of safe bytes, so this is the hot loop. */
static inline gboolean
word_needs_escape (guint64 w)
{
  guint64 control = (w - ONES * 0x20) & ~w;
  guint64 quote = w ^ (ONES * '"');
  guint64 backslash = w ^ (ONES * '\\');
  guint64 e2 = w ^ (ONES * 0xE2);

  quote = (quote - ONES) & ~quote;
  backslash = (backslash - ONES) & ~backslash;
  e2 = (e2 - ONES) & ~e2;

  return ((control | quote | backslash | e2) & HIGHS) != 0;
}

static inline gboolean
is_line_separator (const guint8 *p,
                   const guint8 *end)
{
  return end - p >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9);
}

void
attest_json_append_string (GString    *out,
                           const char *str,
                           gssize      len)
{
  const guint8 *p = (const guint8 *) str;
  const guint8 *end;
  const guint8 *run;

  g_return_if_fail (out != NULL);
  g_return_if_fail (str != NULL || len <= 0);

  if (str == NULL)
    len = 0;
  else if (len < 0)
    len = strlen (str);

  end = p + len;

  /* Most strings need no escape at all (ids, labels, times, and most
   * article text between its quotation marks): find that out a word at a
   * time and copy them with their quotes in one go. */
  while (end - p >= 8)
    {
      guint64 w;

      memcpy (&w, p, sizeof w);
      if (word_needs_escape (w))
        break;
      p += 8;
    }
  while (p < end && !needs_escape[*p])
    p++;
  if (p == end)
    {
      attest_json_append_len (out, "\"", 1);
      attest_json_append_len (out, str, len);
      attest_json_append_len (out, "\"", 1);
      return;
    }

  p = (const guint8 *) str;
  run = p;

  g_string_append_c (out, '"');

  while (p < end)
    {
      while (end - p >= 8)
        {
          guint64 w;

          memcpy (&w, p, sizeof w);
          if (word_needs_escape (w))
            break;
          p += 8;
        }

      if (p == end)
        break;

      /* Curly quotes and other characters led by 0xE2 stay in the run. */
      if (!needs_escape[*p] || (*p == 0xE2 && !is_line_separator (p, end)))
        {
          p++;
          continue;
        }

      if (p > run)
        attest_json_append_len (out, (const char *) run, p - run);

      if (*p == 0xE2)
        {
          attest_json_append_len (out, p[2] == 0xA8 ? "\\u2028" : "\\u2029", 6);
          p += 3;
        }
      else
        {
          append_escaped_byte (out, *p);
          p++;
        }

      run = p;
    }

  if (p > run)
    attest_json_append_len (out, (const char *) run, p - run);

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
    attest_json_append_literal (out, ", ");

  attest_json_append_string (out, key, -1);
  attest_json_append_literal (out, ": ");
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
    attest_json_append_literal (out, "null");
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

  attest_json_append_len (out, p, buf + sizeof buf - p);
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
        attest_json_append_literal (out, ", ");
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
    attest_json_append_literal (out, ", ");

  g_string_append (out, members);
}
