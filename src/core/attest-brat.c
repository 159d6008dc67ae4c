/* attest-brat.c: brat's storage form of names, for the exporter and the
 * importer
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attest-brat-private.h"

void
_attest_brat_append_name (GString    *out,
                          const char *name,
                          gboolean  (*is_plain) (gunichar c))
{
  gboolean escape = name[0] == '\0' || g_str_has_prefix (name, "__");
  gboolean only_hyphens = TRUE;
  gboolean any_escaped = FALSE;

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != '_' && !is_plain (c))
        escape = TRUE;
      if (c != '-')
        only_hyphens = FALSE;
      if (!is_plain (c))
        any_escaped = TRUE;
    }

  if (!escape && !only_hyphens)
    {
      g_string_append (out, name);
      return;
    }

  g_string_append (out, "__");
  if (name[0] == '\0')
    {
      /* No character to escape: code point 0 stands for nothing. */
      g_string_append (out, "_0_");
      return;
    }

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* The importer decodes only names with an escape in them, so a
       * name of plain characters escapes its first. */
      if (!is_plain (c) || (!any_escaped && p == name))
        g_string_append_printf (out, "_%x_", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
}

/* Undoes the exporter's "__…_HEX_…" form. FALSE if @body is not in it. */
static gboolean
decode_escaped (const char *body,
                GString    *out)
{
  gboolean any = FALSE;

  for (const char *p = body; *p != '\0';)
    {
      const char *q;
      guint32 c = 0;
      guint n = 0;

      if (*p != '_')
        {
          g_string_append_c (out, *p++);
          continue;
        }

      for (q = p + 1; g_ascii_isxdigit (*q) && n < 7; q++, n++)
        c = c * 16 + g_ascii_xdigit_value (*q);
      if (n == 0 || n > 6 || *q != '_')
        return FALSE;

      if (c == 0)
        {
          /* Only the whole of an empty name. */
          if (p != body || q[1] != '\0')
            return FALSE;
        }
      else if (!g_unichar_validate (c))
        {
          return FALSE;
        }
      else
        {
          g_string_append_unichar (out, c);
        }

      any = TRUE;
      p = q + 1;
    }

  return any;
}

char *
_attest_brat_decode_name (const char *name,
                          gsize       len)
{
  g_autofree char *copy = g_strndup (name, len);
  g_autoptr(GString) out = NULL;

  if (!g_str_has_prefix (copy, "__"))
    return g_steal_pointer (&copy);

  out = g_string_new (NULL);
  if (!decode_escaped (copy + 2, out))
    return g_steal_pointer (&copy);

  return g_string_free (g_steal_pointer (&out), FALSE);
}
