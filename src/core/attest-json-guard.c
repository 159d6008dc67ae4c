/* attest-json-guard.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "attest-error.h"
#include "attest-json-guard.h"
#include "attest-text.h"

/* Numbers and strings quoted in messages are cut to this many bytes so a
 * megabyte of digits does not end up in a dialog. */
#define QUOTE_MAX 24

typedef enum
{
  STATE_VALUE,
  STATE_MEMBER,
  STATE_AFTER_VALUE,
} State;

typedef struct
{
  char        close;  /* ']' or '}' */
  GHashTable *names;  /* member names seen so far; NULL for arrays */
} Frame;

typedef struct
{
  const char *data;   /* after the BOM, if any */
  const char *p;
  const char *end;
  GArray     *stack;  /* of Frame */
  GString    *name;   /* the member name being read */
} Guard;

static void
frame_clear (gpointer data)
{
  Frame *frame = data;

  g_clear_pointer (&frame->names, g_hash_table_unref);
}

/* Line and column (both from 1, the column in characters) of @at.
 * Only called for an error, so walking from the start is fine. The bytes
 * before @at are valid UTF-8. */
static void
locate (const char *data,
        const char *at,
        guint      *line,
        guint      *column)
{
  const char *line_start = data;

  g_assert (at >= data);

  *line = 1;
  for (const char *p = data; p < at; p++)
    {
      if (*p == '\n')
        {
          (*line)++;
          line_start = p + 1;
        }
    }
  *column = g_utf8_strlen (line_start, at - line_start) + 1;
}

G_GNUC_PRINTF (5, 6)
static gboolean
guard_fail (Guard       *g,
            const char  *at,
            AttestError  code,
            GError     **error,
            const char  *format,
            ...)
{
  g_autofree char *problem = NULL;
  va_list args;
  guint line;
  guint column;

  g_assert (g != NULL);

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);

  locate (g->data, at, &line, &column);
  g_set_error (error, ATTEST_ERROR, code,
               "line %u, column %u: %s", line, column, problem);
  return FALSE;
}

static char *
describe_char (const char *p,
               const char *end)
{
  gunichar c;

  if (p >= end)
    return g_strdup ("the end of the file");

  c = g_utf8_get_char (p);
  if (c < 0x20 || c == 0x7f)
    return g_strdup_printf ("the control character U+%04X", c);

  return g_strdup_printf ("'%.*s'", (int) (g_utf8_next_char (p) - p), p);
}

static gboolean
unexpected (Guard       *g,
            const char  *expected,
            GError     **error)
{
  g_autofree char *found = describe_char (g->p, g->end);

  return guard_fail (g, g->p, ATTEST_ERROR_PARSE, error,
                     "expected %s, found %s", expected, found);
}

static void
skip_space (Guard *g)
{
  while (g->p < g->end &&
         (*g->p == ' ' || *g->p == '\t' || *g->p == '\n' || *g->p == '\r'))
    g->p++;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Reads four hex digits after "\u" at @p into @unit. */
static gboolean
read_unit (Guard       *g,
           const char  *p,
           gunichar    *unit,
           GError     **error)
{
  g_assert (p[0] == '\\' && p[1] == 'u');

  *unit = 0;
  for (guint i = 2; i < 6; i++)
    {
      int v = (p + i < g->end) ? hex_value (p[i]) : -1;

      if (v < 0)
        return guard_fail (g, p, ATTEST_ERROR_PARSE, error,
                           "\\u must be followed by four hexadecimal digits");
      *unit = (*unit << 4) | (gunichar) v;
    }

  return TRUE;
}

/* Reads the string at g->p (on its opening quote); appends its decoded
 * value to @out when not NULL. */
static gboolean
read_string (Guard    *g,
             GString  *out,
             GError  **error)
{
  const char *open = g->p;

  g_assert (*g->p == '"');

  g->p++;
  for (;;)
    {
      const char *run = g->p;

      /* Plain bytes are copied in runs; the input is valid UTF-8 already. */
      while (g->p < g->end && *g->p != '"' && *g->p != '\\' && (guchar) *g->p >= 0x20)
        g->p++;
      if (out != NULL)
        g_string_append_len (out, run, g->p - run);

      if (g->p >= g->end)
        return guard_fail (g, open, ATTEST_ERROR_PARSE, error,
                           "this string has no closing quote");

      if (*g->p == '"')
        {
          g->p++;
          return TRUE;
        }

      if ((guchar) *g->p < 0x20)
        {
          g_autofree char *found = describe_char (g->p, g->end);

          return guard_fail (g, g->p, ATTEST_ERROR_PARSE, error,
                             "%s must be escaped inside a string (a string cannot span lines)",
                             found);
        }

      g_assert (*g->p == '\\');

      if (g->p + 1 >= g->end)
        return guard_fail (g, open, ATTEST_ERROR_PARSE, error,
                           "this string has no closing quote");

      switch (g->p[1])
        {
        case '"':
        case '\\':
        case '/':
          if (out != NULL)
            g_string_append_c (out, g->p[1]);
          g->p += 2;
          break;

        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't':
          if (out != NULL)
            g_string_append_c (out, strchr ("b\bf\fn\nr\rt\t", g->p[1])[1]);
          g->p += 2;
          break;

        case 'u':
          {
            gunichar unit;
            gunichar low;

            if (!read_unit (g, g->p, &unit, error))
              return FALSE;

            if (unit == 0)
              return guard_fail (g, g->p, ATTEST_ERROR_PARSE, error,
                                 "\\u0000 (a NUL character) is not allowed in a string");

            if (unit >= 0xdc00 && unit <= 0xdfff)
              return guard_fail (g, g->p, ATTEST_ERROR_PARSE, error,
                                 "\\u%04X is the second half of a surrogate pair without "
                                 "the first", unit);

            if (unit >= 0xd800 && unit <= 0xdbff)
              {
                if (g->p + 7 >= g->end || g->p[6] != '\\' || g->p[7] != 'u')
                  return guard_fail (g, g->p, ATTEST_ERROR_PARSE, error,
                                     "\\u%04X is the first half of a surrogate pair "
                                     "without the second", unit);

                if (!read_unit (g, g->p + 6, &low, error))
                  return FALSE;

                if (low < 0xdc00 || low > 0xdfff)
                  return guard_fail (g, g->p, ATTEST_ERROR_PARSE, error,
                                     "\\u%04X is the first half of a surrogate pair "
                                     "without the second", unit);

                unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
                g->p += 6;
              }

            if (out != NULL)
              g_string_append_unichar (out, unit);
            g->p += 6;
          }
          break;

        default:
          {
            g_autofree char *found = describe_char (g->p + 1, g->end);

            return guard_fail (g, g->p, ATTEST_ERROR_PARSE, error,
                               "%s cannot follow a backslash; write \\\\ for a backslash",
                               found);
          }
        }
    }
}

static const char *
skip_digits (const char *p,
             const char *end)
{
  while (p < end && g_ascii_isdigit (*p))
    p++;
  return p;
}

static gboolean
read_number (Guard   *g,
             GError **error)
{
  const char *start = g->p;
  const char *p = g->p;
  g_autofree char *token = NULL;
  gboolean integer = TRUE;

  if (*p == '-')
    p++;

  if (p < g->end && *p == '0')
    {
      p++;
      if (p < g->end && g_ascii_isdigit (*p))
        return guard_fail (g, start, ATTEST_ERROR_PARSE, error,
                           "a number cannot start with 0");
    }
  else if (p < g->end && g_ascii_isdigit (*p))
    p = skip_digits (p, g->end);
  else
    {
      g->p = p;
      return unexpected (g, "a digit", error);
    }

  if (p < g->end && *p == '.')
    {
      integer = FALSE;
      p++;
      if (p >= g->end || !g_ascii_isdigit (*p))
        {
          g->p = p;
          return unexpected (g, "a digit after the decimal point", error);
        }
      p = skip_digits (p, g->end);
    }

  if (p < g->end && (*p == 'e' || *p == 'E'))
    {
      integer = FALSE;
      p++;
      if (p < g->end && (*p == '+' || *p == '-'))
        p++;
      if (p >= g->end || !g_ascii_isdigit (*p))
        {
          g->p = p;
          return unexpected (g, "a digit in the exponent", error);
        }
      p = skip_digits (p, g->end);
    }

  token = g_strndup (start, p - start);

  if (integer)
    {
      gint64 value;

      if (!g_ascii_string_to_signed (token, 10, G_MININT64, G_MAXINT64, &value, NULL))
        return guard_fail (g, start, ATTEST_ERROR_TOO_LARGE, error,
                           "the number %.*s%s does not fit in 64 bits",
                           QUOTE_MAX, token, strlen (token) > QUOTE_MAX ? "…" : "");
    }
  else if (!isfinite (g_ascii_strtod (token, NULL)))
    return guard_fail (g, start, ATTEST_ERROR_TOO_LARGE, error,
                       "the number %.*s%s is too large",
                       QUOTE_MAX, token, strlen (token) > QUOTE_MAX ? "…" : "");

  g->p = p;
  return TRUE;
}

static gboolean
read_literal (Guard   *g,
              GError **error)
{
  static const char * const literals[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize n = strlen (literals[i]);

      if ((gsize) (g->end - g->p) >= n && memcmp (g->p, literals[i], n) == 0)
        {
          g->p += n;
          return TRUE;
        }
    }

  return unexpected (g, "a value (a string, number, object, array, true, false or null)",
                     error);
}

static gboolean
open_container (Guard   *g,
                guint    max_depth,
                State   *state,
                GError **error)
{
  Frame frame = { 0 };
  char open = *g->p;

  g_assert (open == '[' || open == '{');

  if (g->stack->len >= max_depth)
    return guard_fail (g, g->p, ATTEST_ERROR_TOO_LARGE, error,
                       "arrays and objects are nested more than %u levels deep",
                       max_depth);

  g->p++;
  skip_space (g);

  if (open == '[' && g->p < g->end && *g->p == ']')
    {
      g->p++;
      *state = STATE_AFTER_VALUE;
      return TRUE;
    }

  if (open == '{' && g->p < g->end && *g->p == '}')
    {
      g->p++;
      *state = STATE_AFTER_VALUE;
      return TRUE;
    }

  frame.close = open == '[' ? ']' : '}';
  if (open == '{')
    frame.names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_array_append_val (g->stack, frame);

  *state = open == '[' ? STATE_VALUE : STATE_MEMBER;
  return TRUE;
}

static gboolean
read_member_name (Guard   *g,
                  GError **error)
{
  const char *at = g->p;
  Frame *frame;

  g_assert (g->stack->len > 0);

  if (g->p >= g->end || *g->p != '"')
    return unexpected (g, "a member name in double quotes", error);

  g_string_truncate (g->name, 0);
  if (!read_string (g, g->name, error))
    return FALSE;

  frame = &g_array_index (g->stack, Frame, g->stack->len - 1);
  g_assert (frame->names != NULL);

  if (g_hash_table_contains (frame->names, g->name->str))
    return guard_fail (g, at, ATTEST_ERROR_PARSE, error,
                       "the member \"%.*s%s\" appears twice in the same object",
                       (int) attest_utf8_prefix_len (g->name->str, g->name->len, QUOTE_MAX),
                       g->name->str, g->name->len > QUOTE_MAX ? "…" : "");

  g_hash_table_add (frame->names, g_strndup (g->name->str, g->name->len));

  skip_space (g);
  if (g->p >= g->end || *g->p != ':')
    return unexpected (g, "':' after the member name", error);
  g->p++;

  return TRUE;
}

static gboolean
after_value (Guard     *g,
             State     *state,
             gboolean  *done,
             GError   **error)
{
  Frame *frame;

  if (g->stack->len == 0)
    {
      if (g->p < g->end)
        return unexpected (g, "nothing after the end of the JSON value", error);
      *done = TRUE;
      return TRUE;
    }

  frame = &g_array_index (g->stack, Frame, g->stack->len - 1);

  if (g->p < g->end && *g->p == ',')
    {
      g->p++;
      skip_space (g);
      if (g->p < g->end && (*g->p == ']' || *g->p == '}'))
        return guard_fail (g, g->p, ATTEST_ERROR_PARSE, error,
                           "a comma cannot come before '%c'; remove the last comma",
                           *g->p);
      *state = frame->close == ']' ? STATE_VALUE : STATE_MEMBER;
      return TRUE;
    }

  if (g->p < g->end && *g->p == frame->close)
    {
      g->p++;
      g_array_set_size (g->stack, g->stack->len - 1);
      *state = STATE_AFTER_VALUE;
      return TRUE;
    }

  return unexpected (g, frame->close == ']' ? "',' or ']'" : "',' or '}'", error);
}

gboolean
attest_json_guard_check (const char  *data,
                         gsize        len,
                         guint        max_depth,
                         GError     **error)
{
  g_autoptr(GArray) stack = NULL;
  g_autoptr(GString) name = NULL;
  const char *invalid = NULL;
  State state = STATE_VALUE;
  gboolean done = FALSE;
  Guard g;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (max_depth > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      len -= 3;
    }

  g.data = data;
  g.p = data;
  g.end = data + len;

  if (!g_utf8_validate_len (data, len, &invalid))
    {
      if (*invalid == '\0')
        return guard_fail (&g, invalid, ATTEST_ERROR_PARSE, error,
                           "a NUL byte; this is not a text file");
      return guard_fail (&g, invalid, ATTEST_ERROR_INVALID_UTF8, error,
                         "byte %" G_GSIZE_FORMAT " is not valid UTF-8; save the file as UTF-8",
                         (gsize) (invalid - data));
    }

  stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  g_array_set_clear_func (stack, frame_clear);
  name = g_string_new (NULL);
  g.stack = stack;
  g.name = name;

  skip_space (&g);
  if (g.p >= g.end)
    return guard_fail (&g, g.p, ATTEST_ERROR_PARSE, error, "the file is empty");

  while (!done)
    {
      gboolean ok = TRUE;

      skip_space (&g);

      switch (state)
        {
        case STATE_VALUE:
          if (g.p >= g.end)
            ok = unexpected (&g, "a value", error);
          else if (*g.p == '[' || *g.p == '{')
            ok = open_container (&g, max_depth, &state, error);
          else if (*g.p == '"')
            {
              ok = read_string (&g, NULL, error);
              state = STATE_AFTER_VALUE;
            }
          else if (*g.p == '-' || g_ascii_isdigit (*g.p))
            {
              ok = read_number (&g, error);
              state = STATE_AFTER_VALUE;
            }
          else
            {
              ok = read_literal (&g, error);
              state = STATE_AFTER_VALUE;
            }
          break;

        case STATE_MEMBER:
          ok = read_member_name (&g, error);
          state = STATE_VALUE;
          break;

        case STATE_AFTER_VALUE:
          ok = after_value (&g, &state, &done, error);
          break;

        default:
          g_assert_not_reached ();
        }

      if (!ok)
        return FALSE;
    }

  return TRUE;
}
