/* attest-import-brat-line.c: one line of a brat .ann file
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "attest-import-brat-private.h"

/* brat's ids: letters (or '#' and letters), digits, anything; or '*'. */
static gboolean
is_valid_id (const char *id)
{
  const char *p = id;

  if (*p == '#')
    {
      p++;
      while (g_ascii_isalpha (*p))
        p++;
    }
  else
    {
      if (!g_ascii_isalpha (*p))
        return FALSE;
      while (g_ascii_isalpha (*p))
        p++;
    }

  return g_ascii_isdigit (*p);
}

static gboolean
parse_offset (const char *str,
              gsize       len,
              guint      *value)
{
  g_autofree char *copy = g_strndup (str, len);
  guint64 v;

  if (len == 0 || len > 10)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (str[i]))
      return FALSE;
  if (!g_ascii_string_to_unsigned (copy, 10, 0, G_MAXUINT, &v, NULL))
    return FALSE;

  *value = (guint) v;
  return TRUE;
}

/* Splits @data at runs of ASCII spaces (the fields of brat's lines). */
static char **
split_fields (const char *data,
              gsize       len)
{
  GPtrArray *fields = g_ptr_array_new ();
  gsize i = 0;

  while (i < len)
    {
      gsize start;

      while (i < len && data[i] == ' ')
        i++;
      start = i;
      while (i < len && data[i] != ' ')
        i++;
      if (i > start)
        g_ptr_array_add (fields, g_strndup (data + start, i - start));
    }
  g_ptr_array_add (fields, NULL);

  return (char **) g_ptr_array_free (fields, FALSE);
}

/* "ROLE:ID" into @args. */
static gboolean
add_argument (GPtrArray  *args,
              const char *field)
{
  const char *colon = strchr (field, ':');

  if (colon == NULL || colon == field || colon[1] == '\0' || strchr (colon + 1, ':') != NULL)
    return FALSE;

  g_ptr_array_add (args, g_strndup (field, colon - field));
  g_ptr_array_add (args, g_strdup (colon + 1));
  return TRUE;
}


static gboolean
parse_text_bound (Ann         *ann,
                  Line        *line,
                  const char  *data,
                  gsize        data_len,
                  const char  *tail,
                  gsize        tail_len,
                  GError     **error)
{
  const char *space = memchr (data, ' ', data_len);
  const char *end = data + data_len;
  const char *text_end;
  guint text_length = attest_text_get_length (ann->text);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GArray) sorted = NULL;
  g_autofree char *shown = NULL;
  guint n_chars = 0;

  if (space == NULL || space == data)
    {
      shown = _attest_brat_quote_text (data, data_len);
      return _attest_brat_fail_at (error, ann->path, line->line,
                                   _("%s: expected “TYPE START END”, found “%s”"), line->id, shown);
    }

  line->type = _attest_brat_decode_name (data, space - data);
  line->fragments = g_array_new (FALSE, FALSE, sizeof (Range));

  for (const char *p = space + 1; p <= end;)
    {
      const char *semi = memchr (p, ';', end - p);
      const char *piece_end = semi != NULL ? semi : end;
      const char *sep = memchr (p, ' ', piece_end - p);
      const char *last = piece_end;
      Range range;

      while (last > p && last[-1] == ' ')
        last--;

      if (sep == NULL || last <= sep || !parse_offset (p, sep - p, &range.start) ||
          !parse_offset (sep + 1, last - sep - 1, &range.end))
        {
          shown = _attest_brat_quote_text (space + 1, end - space - 1);
          return _attest_brat_fail_at (error, ann->path, line->line,
                                       _("%s: expected offsets “START END” or “START END;START "
                                         "END…”, "
                                         "found “%s”"),
                                       line->id, shown);
        }
      if (range.start > range.end)
        return _attest_brat_fail_at (error, ann->path, line->line,
                                     _("%s: the start %u is after the end %u"),
                                     line->id, range.start, range.end);
      if (range.end > text_length)
        return _attest_brat_fail_at (error, ann->path, line->line,
                                     _("%s: the end %u is past the end of the text (%u "
                                       "characters)"),
                                     line->id, range.end, text_length);

      g_array_append_val (line->fragments, range);
      if (semi == NULL)
        break;
      p = semi + 1;
    }

  /* No two fragments may share a character, as brat insists. */
  sorted = g_array_copy (line->fragments);
  g_array_sort (sorted, compare_ranges);
  for (guint i = 1; i < sorted->len; i++)
    if (g_array_index (sorted, Range, i).start < g_array_index (sorted, Range, i - 1).end)
      return _attest_brat_fail_at (error, ann->path, line->line, _("%s: its fragments overlap"),
                                   line->id);

  for (guint i = 0; i < line->fragments->len; i++)
    {
      const Range *r = &g_array_index (line->fragments, Range, i);
      const char *a = attest_text_get_pointer (ann->text, r->start);
      const char *b = attest_text_get_pointer (ann->text, r->end);

      if (i > 0)
        g_string_append_c (expected, ' ');
      g_string_append_len (expected, a, b - a);
    }

  if (tail == NULL)
    return _attest_brat_fail_at (error, ann->path, line->line,
                                 _("%s: no text after the offsets (expected “ID\\tTYPE START "
                                   "END\\tTEXT”)"),
                                 line->id);

  /* The text is as many characters as the fragments hold; brat allows
   * anything after it that starts with white space. */
  n_chars = attest_utf8_length (expected->str, expected->len);
  for (text_end = tail; text_end < tail + tail_len && n_chars > 0; n_chars--)
    text_end = g_utf8_next_char (text_end);

  if ((gsize) (text_end - tail) != expected->len ||
      memcmp (tail, expected->str, expected->len) != 0)
    {
      g_autofree char *found = _attest_brat_quote_text (tail, tail_len);
      g_autofree char *want = _attest_brat_quote_text (expected->str, expected->len);

      return _attest_brat_fail_at (error, ann->path, line->line,
                                   _("%s: the text “%s” does not match the text at its offsets, "
                                     "“%s”"),
                                   line->id, found, want);
    }

  if (text_end < tail + tail_len && !is_space (g_utf8_get_char (text_end)))
    {
      g_autofree char *found = _attest_brat_quote_text (tail, tail_len);

      return _attest_brat_fail_at (error, ann->path, line->line,
                                   _("%s: the text “%s” is longer than its offsets"), line->id,
                                   found);
    }

  return TRUE;
}

gboolean
_attest_brat_parse_line (Ann         *ann,
                         guint        number,
                         const char  *text,
                         gsize        len,
                         GError     **error)
{
  g_autoptr(GPtrArray) args = NULL;
  g_auto(GStrv) fields = NULL;
  const char *tab = memchr (text, '\t', len);
  const char *data;
  const char *data_end;
  const char *tail = NULL;
  gsize tail_len = 0;
  Line *line;
  Line *other;
  gboolean blank = TRUE;

  for (const char *p = text; p < text + len; p = g_utf8_next_char (p))
    blank &= is_space (g_utf8_get_char (p));
  if (blank)
    return TRUE;

  if (tab == NULL)
    {
      g_autofree char *shown = _attest_brat_quote_text (text, len);

      return _attest_brat_fail_at (error, ann->path, number,
                                   _("expected an id, a tab and an annotation, found “%s”"), shown);
    }

  line = g_new0 (Line, 1);
  line->line = number;
  g_ptr_array_add (ann->lines, line);

  data = tab + 1;
  data_end = memchr (data, '\t', text + len - data);
  if (data_end != NULL)
    {
      tail = data_end + 1;
      tail_len = text + len - tail;
    }
  else
    {
      data_end = text + len;
    }

  if (tab - text == 1 && text[0] == '*')
    {
      line->kind = '*';
    }
  else
    {
      line->id = g_strndup (text, tab - text);
      if (!is_valid_id (line->id))
        return _attest_brat_fail_at (error, ann->path, number,
                                     _("“%s” is not a brat annotation id"), line->id);
      if ((other = g_hash_table_lookup (ann->ids, line->id)) != NULL)
        return _attest_brat_fail_at (error, ann->path, number,
                                     _("the id %s is already used on line %u"), line->id,
                                     other->line);
      g_hash_table_insert (ann->ids, line->id, line);
      line->kind = line->id[0];
    }

  if (line->kind == 'T')
    {
      line->index = ann->text_bounds->len;
      g_ptr_array_add (ann->text_bounds, line);
      return parse_text_bound (ann, line, data, data_end - data, tail, tail_len, error);
    }

  fields = split_fields (data, data_end - data);
  args = g_ptr_array_new_with_free_func (g_free);

  switch (line->kind)
    {
    case 'R':
      if (g_strv_length (fields) != 3 || !add_argument (args, fields[1]) ||
          !add_argument (args, fields[2]))
        return _attest_brat_fail_at (error, ann->path, number,
                                     _("%s: expected “TYPE Arg1:ID Arg2:ID”"), line->id);
      if (g_str_equal (g_ptr_array_index (args, 0), g_ptr_array_index (args, 2)))
        return _attest_brat_fail_at (error, ann->path, number,
                                     _("%s: both arguments are called %s"), line->id,
                                     (const char *) g_ptr_array_index (args, 0));
      line->type = _attest_brat_decode_name (fields[0], strlen (fields[0]));
      break;

    case 'E':
      {
        const char *colon = fields[0] != NULL ? strchr (fields[0], ':') : NULL;

        if (colon == NULL || colon == fields[0] || colon[1] == '\0')
          return _attest_brat_fail_at (error, ann->path, number,
                                       _("%s: expected “TYPE:TRIGGER ROLE:ID…”"), line->id);
        line->type = _attest_brat_decode_name (fields[0], colon - fields[0]);
        line->target = g_strdup (colon + 1);
        for (guint i = 1; fields[i] != NULL; i++)
          if (!add_argument (args, fields[i]))
            return _attest_brat_fail_at (error, ann->path, number,
                                         _("%s: expected “ROLE:ID”, found “%s”"), line->id,
                                         fields[i]);
      }
      break;

    case 'A':
    case 'M':
      {
        /* brat: (.+?) (.+?) (.+?)$, the value being the rest. */
        const char *first = memchr (data, ' ', data_end - data);
        const char *second = first != NULL ? memchr (first + 1, ' ', data_end - first - 1) : NULL;

        if (first == NULL || first == data || first + 1 == data_end ||
            (second != NULL && (second == first + 1 || second + 1 == data_end)) ||
            (line->kind == 'M' && second != NULL))
          return _attest_brat_fail_at (error, ann->path, number,
                                       line->kind == 'A' ? _("%s: expected “NAME ID VALUE” or "
                                                             "“NAME ID”")
                                                         : _("%s: expected “NAME ID”"),
                                       line->id);
        line->type = _attest_brat_decode_name (data, first - data);
        if (second != NULL)
          {
            line->target = g_strndup (first + 1, second - first - 1);
            line->value = _attest_brat_decode_name (second + 1, data_end - second - 1);
          }
        else
          {
            line->target = g_strndup (first + 1, data_end - first - 1);
          }
      }
      break;

    case 'N':
      {
        const char *colon = g_strv_length (fields) >= 3 ? strchr (fields[2], ':') : NULL;

        if (colon == NULL || colon == fields[2] || colon[1] == '\0')
          return _attest_brat_fail_at (error, ann->path, number,
                                       _("%s: expected “TYPE ID DATABASE:ENTRY”"), line->id);
        line->type = g_strdup (fields[0]);
        line->target = g_strdup (fields[1]);
        line->db = g_strndup (fields[2], colon - fields[2]);
        line->value = _attest_brat_decode_name (colon + 1, strlen (colon + 1));
        /* The item's name, for an entity made from it. brat itself
         * writes two tabs before it, and reads it without them. */
        while (tail != NULL && tail_len > 0 && tail[0] == '\t')
          {
            tail++;
            tail_len--;
          }
        line->text = tail != NULL ? g_strndup (tail, tail_len) : g_strdup ("");
      }
      break;

    case '#':
      if (g_strv_length (fields) != 2)
        return _attest_brat_fail_at (error, ann->path, number, _("%s: expected “TYPE ID”"),
                                     line->id);
      line->type = g_strdup (fields[0]);
      line->target = g_strdup (fields[1]);
      line->text = tail != NULL ? g_strndup (tail, tail_len) : g_strdup ("");
      break;

    case '*':
      if (g_strv_length (fields) < 2)
        return _attest_brat_fail_at (error, ann->path, number, _("expected “Equiv ID ID…”"));
      line->type = g_strdup (fields[0]);
      for (guint i = 1; fields[i] != NULL; i++)
        g_ptr_array_add (args, g_strdup (fields[i]));
      break;

    default:
      return _attest_brat_fail_at (error, ann->path, number,
                                   _("%s: brat has no annotation of this kind"), line->id);
    }

  if (args->len > 0)
    {
      g_ptr_array_add (args, NULL);
      line->args = (char **) g_ptr_array_free (g_steal_pointer (&args), FALSE);
    }

  return TRUE;
}
