/* attest-webanno.c: the escapes of WebAnno TSV 3.3, for the exporter and
 * the importer
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-webanno-private.h"

void
_attest_webanno_escape_text (GString    *out,
                             const char *text,
                             gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) text[i];

      switch (c)
        {
        case '\b': g_string_append (out, "\\b"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\\': g_string_append (out, "\\\\"); break;
        default:
          if (c < 0x20 && c != '\v')
            g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
          break;
        }
    }
}

void
_attest_webanno_unescape_text (GString    *out,
                               const char *text,
                               gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) text[i];
      guchar n = i + 1 < len ? (guchar) text[i + 1] : 0;

      if (c == '\\' && i + 1 < len)
        {
          char decoded = 0;

          switch (n)
            {
            case 't': decoded = '\t'; break;
            case 'n': decoded = '\n'; break;
            case 'f': decoded = '\f'; break;
            case 'r': decoded = '\r'; break;
            case 'b': decoded = '\b'; break;
            case '\\': decoded = '\\'; break;
            default:
              if (n < 0x20 && (n < 8 || n > 13))
                decoded = (char) n;
              break;
            }
          if (decoded != 0 || n == 0)
            {
              g_string_append_c (out, decoded);
              i++;
              continue;
            }
        }
      g_string_append_c (out, (char) c);
    }
}

char *
_attest_webanno_escape_value (const char *value,
                              guint      *lost)
{
  GString *out = g_string_sized_new (strlen (value) + 8);

  for (const char *p = value; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\': g_string_append (out, "\\\\"); break;
        case '[': g_string_append (out, "\\["); break;
        case ']': g_string_append (out, "\\]"); break;
        case '|': g_string_append (out, "\\|"); break;
        case '_': g_string_append (out, "\\_"); break;
        case ';': g_string_append (out, "\\;"); break;
        case '*': g_string_append (out, "\\*"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r':
          (*lost)++;
          if (p[1] != '\n')
            g_string_append (out, "\\n");
          break;
        case '-':
          if (p[1] == '>')
            {
              g_string_append (out, "\\->");
              p++;
            }
          else
            g_string_append_c (out, '-');
          break;
        default:
          g_string_append_c (out, *p);
          break;
        }
    }

  return g_string_free (out, FALSE);
}

void
_attest_webanno_unescape_value (GString    *out,
                                const char *text,
                                gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (c == '\\' && i + 1 < len)
        {
          char n = text[i + 1];

          if (strchr ("\\[]|_;*", n) != NULL)
            {
              g_string_append_c (out, n);
              i++;
              continue;
            }
          if (n == 't' || n == 'n')
            {
              g_string_append_c (out, n == 't' ? '\t' : '\n');
              i++;
              continue;
            }
          if (n == '-' && i + 2 < len && text[i + 2] == '>')
            {
              g_string_append (out, "->");
              i += 2;
              continue;
            }
        }
      g_string_append_c (out, c);
    }
}
