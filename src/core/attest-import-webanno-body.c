/* attest-import-webanno-body.c: the sentences and rows of a WebAnno TSV file
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "attest-import-webanno-private.h"

/* A stacked value: [start, end) of its column. */
typedef struct
{
  gsize start;
  gsize end;
} Piece;

/* Fields ------------------------------------------------------------------- */

/* A feature value, kept in the parser's strings. */
static const char *
unescape_value (Parser     *p,
                const char *text,
                gsize       len)
{
  g_autoptr(GString) out = g_string_sized_new (len);

  _attest_webanno_unescape_value (out, text, len);
  return g_string_chunk_insert_len (p->strings, out->str, (gssize) out->len);
}

/* Splits a column at the stack separators that are not escaped. */
static GArray *
split_stack (const char *field,
             gsize       len)
{
  GArray *pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  Piece piece = { 0, 0 };

  for (gsize i = 0; i < len; i++)
    {
      if (field[i] == '\\')
        i++;
      else if (field[i] == '|')
        {
          piece.end = i;
          g_array_append_val (pieces, piece);
          piece.start = i + 1;
        }
    }
  piece.end = len;
  g_array_append_val (pieces, piece);

  return pieces;
}

/* "value[3]": the value's length and the text between the brackets.
 * FALSE for an unescaped bracket anywhere else. */
static gboolean
split_suffix (const char  *piece,
              gsize        len,
              gsize       *value_len,
              const char **suffix,
              gsize       *suffix_len)
{
  gssize open = -1;
  guint n_brackets = 0;

  *value_len = len;
  *suffix = NULL;
  *suffix_len = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (piece[i] == '\\')
        i++;
      else if (piece[i] == '[' || piece[i] == ']')
        {
          n_brackets++;
          if (piece[i] == '[')
            open = (gssize) i;
        }
    }

  if (n_brackets == 0)
    return TRUE;
  if (n_brackets != 2 || open < 0 || piece[len - 1] != ']' || (gsize) open + 1 >= len)
    return FALSE;

  *value_len = (gsize) open;
  *suffix = piece + open + 1;
  *suffix_len = len - (gsize) open - 2;
  return TRUE;
}

/* Sentences and rows ------------------------------------------------------- */

static guint
utf16_length (const char *utf8,
              gsize       len)
{
  guint n = 0;

  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) utf8[i];

      if ((c & 0xC0) != 0x80)
        n += c >= 0xF0 ? 2 : 1;
    }

  return n;
}

/* "2-3" or "2-3.1" */
static gboolean
parse_unit_id (const char *text,
               gsize       len,
               guint      *sentence,
               guint      *token,
               guint      *sub)
{
  const char *dash = memchr (text, '-', len);
  const char *dot;

  if (dash == NULL)
    return FALSE;
  dot = memchr (dash, '.', len - (gsize) (dash - text));
  *sub = 0;
  if (!parse_number (text, (gsize) (dash - text), sentence))
    return FALSE;
  if (dot == NULL)
    return parse_number (dash + 1, len - (gsize) (dash - text) - 1, token);
  return parse_number (dash + 1, (gsize) (dot - dash - 1), token) &&
         parse_number (dot + 1, len - (gsize) (dot - text) - 1, sub) && *sub > 0;
}

/* The first token of a sentence places its text, as the reader does. */
static gboolean
place_sentence (Parser      *p,
                guint        begin,
                const char  *id,
                GError     **error)
{
  Sentence sentence;
  guint first = p->tokens->len;

  if (p->text16 > begin)
    {
      if (p->text16 != begin + 1)
        return _attest_webanno_fail (p, p->line, error,
                                     _("row %s begins at %u, inside the sentence before it (which "
                                       "ends at %u)"),
                                     id, begin, p->text16 - 1);
      /* The line feed after the last sentence goes. */
      g_string_truncate (p->text, p->text->len - 1);
      p->text16--;
    }
  while (p->text16 < begin)
    {
      g_string_append_c (p->text, ' ');
      p->text16++;
    }

  sentence.start = p->text16;
  g_string_append_len (p->text, p->pending->str, (gssize) p->pending->len);
  p->text16 += utf16_length (p->pending->str, p->pending->len);
  sentence.end = p->text16 - 1;
  g_array_append_val (p->sentences, sentence);
  g_array_append_val (p->first_token, first);

  g_string_truncate (p->pending, 0);
  p->pending_lines = 0;

  return TRUE;
}

/* One span annotation on the current row: new, or the continuation of one
 * with the same disambiguation id. */
static gboolean
add_span_value (Parser       *p,
                guint         layer_index,
                guint         id,
                const char  **values,
                GError      **error)
{
  Layer *layer = g_ptr_array_index (p->layers, layer_index);
  guint unit_index = p->units->len - 1;
  Unit *unit = &g_array_index (p->units, Unit, unit_index);
  guint found = id > 0 ? GPOINTER_TO_UINT (g_hash_table_lookup (p->ids, GUINT_TO_POINTER (id))) : 0;
  guint index;

  if (found > 0)
    {
      Anno *anno = &g_array_index (p->annos, Anno, found - 1);
      Layer *other = g_ptr_array_index (p->layers, anno->layer);

      index = found - 1;
      if (anno->layer != layer_index)
        return _attest_webanno_fail (p, p->line, error, _("[%u] is used in %s (line %u) and in %s"),
                                     id, other->type, anno->line, layer->type);
      if (_attest_webanno_anno_on_unit (p, index, unit_index))
        {
          g_autofree char *name = _attest_webanno_unit_to_string (unit);

          return _attest_webanno_fail (p, p->line, error, _("[%u] appears twice on row %s"), id,
                                       name);
        }

      /* The reader extends the annotation to the end of this row. */
      anno->end = unit->end;
      for (guint f = 0; f < layer->features->len; f++)
        {
          if (values[f] == NULL)
            continue;
          if (anno->values[f] == NULL)
            anno->values[f] = values[f];
          else if (strcmp (anno->values[f], values[f]) != 0)
            return _attest_webanno_fail (p, p->line, error,
                                         _("[%u] has “%s” for %s here but “%s” on line %u"), id,
                                         values[f],
                                         (const char *) g_ptr_array_index (layer->features, f),
                                         anno->values[f], anno->line);
        }
      g_free (values);
    }
  else
    {
      Anno anno = { layer_index, id, unit->begin, unit->end, p->line, values, NULL };

      index = p->annos->len;
      g_array_append_val (p->annos, anno);
      if (id > 0)
        g_hash_table_insert (p->ids, GUINT_TO_POINTER (id), GUINT_TO_POINTER (index + 1));
    }

  g_array_append_val (p->members, index);
  unit->n_members++;

  return TRUE;
}

static gboolean
parse_relation_ref (const char *text,
                    gsize       len,
                    Link       *link)
{
  const char *open = memchr (text, '[', len);
  gsize id_len = open != NULL ? (gsize) (open - text) : len;

  link->source_id = 0;
  link->target_id = 0;
  if (!parse_unit_id (text, id_len, &link->sentence, &link->token, &link->sub))
    return FALSE;
  if (open != NULL)
    {
      const char *inner = open + 1;
      gsize inner_len = len - id_len - 1;
      const char *underscore;

      if (inner_len < 1 || inner[inner_len - 1] != ']')
        return FALSE;
      inner_len--;
      underscore = memchr (inner, '_', inner_len);
      if (underscore == NULL ||
          !parse_number (inner, (gsize) (underscore - inner), &link->source_id) ||
          !parse_number (underscore + 1, inner_len - (gsize) (underscore - inner) - 1,
                         &link->target_id))
        return FALSE;
    }
  return TRUE;
}

/* The columns of one layer on the current row. */
static gboolean
parse_layer_columns (Parser       *p,
                     guint         layer_index,
                     const char  **fields,
                     const gsize  *field_lens,
                     GError      **error)
{
  Layer *layer = g_ptr_array_index (p->layers, layer_index);
  g_autoptr(GPtrArray) stacks = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  gint count = -1;
  guint count_column = 0;

  if (layer->kind == LAYER_CHAIN)
    return TRUE;

  for (guint c = 0; c < layer->n_columns; c++)
    {
      guint col = layer->first_column + c;
      const Column *column = &g_array_index (p->columns, Column, col);
      GArray *pieces = NULL;
      gint n = 0;

      if (column->kind != COLUMN_SLOT)
        {
          if (!(field_lens[col] == 1 && fields[col][0] == '_'))
            {
              pieces = split_stack (fields[col], field_lens[col]);
              n = (gint) pieces->len;
            }
          if (count < 0)
            {
              count = n;
              count_column = c;
            }
          else if (n != count)
            {
              if (pieces != NULL)
                g_array_unref (pieces);
              return _attest_webanno_fail (p, p->line, error,
                                           _("%s has %d annotations in its column %u but %d in its "
                                             "column %u"),
                                           layer->type, count, count_column + 1, n, c + 1);
            }
        }
      if (pieces == NULL)
        pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
      g_ptr_array_add (stacks, pieces);
    }

  for (gint k = 0; k < count; k++)
    {
      const char **values = g_new0 (const char *, layer->features->len + 1);
      Link link = { layer_index, p->line, p->units->len - 1, 0, 0, 0, 0, 0, NULL, 0, 0 };
      guint id = 0;
      gboolean have_ref = FALSE;

      for (guint c = 0; c < layer->n_columns; c++)
        {
          guint col = layer->first_column + c;
          const Column *column = &g_array_index (p->columns, Column, col);
          GArray *pieces = g_ptr_array_index (stacks, c);
          const Piece *piece;
          const char *text;
          gsize len, value_len, suffix_len;
          const char *suffix;
          guint piece_id = 0;

          if (column->kind == COLUMN_SLOT)
            continue;

          piece = &g_array_index (pieces, Piece, k);
          text = fields[col] + piece->start;
          len = piece->end - piece->start;

          if (column->kind == COLUMN_BASE)
            {
              if (!parse_relation_ref (text, len, &link))
                {
                  g_autofree char *shown = _attest_webanno_snippet (text, len);

                  g_free (values);
                  return _attest_webanno_fail (p, p->line, error,
                                               _("“%s” is not a row reference such as 1-3 or "
                                                 "1-3[2_0]"), shown);
                }
              have_ref = TRUE;
              continue;
            }

          if (!split_suffix (text, len, &value_len, &suffix, &suffix_len) ||
              (suffix != NULL && (!parse_number (suffix, suffix_len, &piece_id) || piece_id == 0)))
            {
              g_autofree char *shown = _attest_webanno_snippet (text, len);

              g_free (values);
              return _attest_webanno_fail (p, p->line, error,
                                           _("“%s” has a bracket that is neither escaped nor an id "
                                             "such as [3]"),
                                           shown);
            }
          if (layer->kind == LAYER_SPAN && piece_id > 0)
            {
              if (id > 0 && id != piece_id)
                {
                  g_free (values);
                  return _attest_webanno_fail (p, p->line, error,
                                               _("one annotation of %s has two ids, [%u] and [%u]"),
                                               layer->type, id, piece_id);
                }
              id = piece_id;
            }
          if (column->kind == COLUMN_FEATURE && !(value_len == 1 && text[0] == '*'))
            values[column->feature] = unescape_value (p, text, value_len);
        }

      if (layer->kind == LAYER_SPAN)
        {
          if (!add_span_value (p, layer_index, id, values, error))
            {
              g_free (values);
              return FALSE;
            }
        }
      else
        {
          g_assert (have_ref);
          if (layer->type_feature >= 0)
            link.type = values[layer->type_feature];
          g_free (values);
          g_array_append_val (p->links, link);
        }
    }

  return TRUE;
}

static gboolean
parse_row (Parser      *p,
           const char  *line,
           gsize        len,
           gboolean     first_in_sentence,
           GError     **error)
{
  guint n_columns = p->columns->len;
  g_autofree const char **fields = g_new0 (const char *, n_columns + 4);
  g_autofree gsize *field_lens = g_new0 (gsize, n_columns + 4);
  guint n_fields = 0;
  gsize start = 0;
  guint sentence, token, sub, begin, end;
  const char *dash;
  g_autofree char *id = NULL;
  Unit unit = { 0 };

  /* Fields: id, offsets, text, the columns, and the empty one after the
   * closing tab INCEpTION writes. */
  for (gsize i = 0; i <= len; i++)
    if (i == len || line[i] == '\t')
      {
        if (n_fields < n_columns + 4)
          {
            fields[n_fields] = line + start;
            field_lens[n_fields] = i - start;
          }
        else if (i > start)
          return _attest_webanno_fail (p, p->line, error, _("expected %u columns, found more"),
                                       n_columns + 3);
        n_fields++;
        start = i + 1;
      }
  if (n_fields < n_columns + 3)
    return _attest_webanno_fail (p, p->line, error, _("expected %u columns, found %u"),
                                 n_columns + 3, n_fields);
  if (n_fields == n_columns + 4 && field_lens[n_columns + 3] > 0)
    return _attest_webanno_fail (p, p->line, error, _("expected %u columns, found more"),
                                 n_columns + 3);

  id = g_strndup (fields[0], field_lens[0]);
  if (!parse_unit_id (fields[0], field_lens[0], &sentence, &token, &sub))
    {
      g_autofree char *shown = _attest_webanno_snippet (fields[0], field_lens[0]);

      return _attest_webanno_fail (p, p->line, error,
                                   _("“%s” is not a row id such as 1-3 or 1-3.1"), shown);
    }

  dash = memchr (fields[1], '-', field_lens[1]);
  if (dash == NULL ||
      !parse_number (fields[1], (gsize) (dash - fields[1]), &begin) ||
      !parse_number (dash + 1, field_lens[1] - (gsize) (dash - fields[1]) - 1, &end) ||
      begin > end)
    {
      g_autofree char *shown = _attest_webanno_snippet (fields[1], field_lens[1]);

      return _attest_webanno_fail (p, p->line, error,
                                   _("row %s: “%s” is not an offset range such as 0-4"), id, shown);
    }

  if (sub == 0)
    {
      guint expected_sentence = p->sentences->len + (first_in_sentence ? 1 : 0);
      guint expected_token = first_in_sentence ? 1 :
        g_array_index (p->units, Unit, g_array_index (p->tokens, guint, p->tokens->len - 1)).token + 1;

      if (sentence != expected_sentence || token != expected_token)
        return _attest_webanno_fail (p, p->line, error, _("row %s is out of order: expected %u-%u"),
                                     id, expected_sentence, expected_token);

      if (first_in_sentence)
        {
          if (!place_sentence (p, begin, id, error))
            return FALSE;
        }
      else
        {
          const Unit *before = &g_array_index (p->units, Unit,
                                               g_array_index (p->tokens, guint, p->tokens->len - 1));

          if (begin < before->end)
            return _attest_webanno_fail (p, p->line, error,
                                         _("row %s (%u-%u) overlaps the token before it (%u-%u)"),
                                         id, begin, end, before->begin, before->end);
        }
    }
  else
    {
      Unit *host;

      if (first_in_sentence)
        return _attest_webanno_fail (p, p->line, error,
                                     _("sub-token %s comes before any token of its sentence"), id);
      host = &g_array_index (p->units, Unit, g_array_index (p->tokens, guint, p->tokens->len - 1));
      if (sentence != host->sentence + 1 || token != host->token || sub != host->n_subs + 1)
        return _attest_webanno_fail (p, p->line, error,
                                     _("row %s is out of order: expected %u-%u.%u"),
                                     id, host->sentence + 1, host->token, host->n_subs + 1);
      if (begin < host->begin || end > host->end)
        return _attest_webanno_fail (p, p->line, error,
                                     _("sub-token %s (%u-%u) is not inside its token (%u-%u)"),
                                     id, begin, end, host->begin, host->end);
      for (guint s = 1; s <= host->n_subs; s++)
        {
          const Unit *other = host + s;

          if (other->begin == begin && other->end == end)
            return _attest_webanno_fail (p, p->line, error,
                                         _("sub-token %s has the same offsets as %u-%u.%u"),
                                         id, sentence, token, s);
        }
      host->n_subs++;
    }

  if (end > g_array_index (p->sentences, Sentence, p->sentences->len - 1).end)
    return _attest_webanno_fail (p, p->line, error,
                                 _("row %s ends at %u, past the end of its sentence (%u)"),
                                 id, end,
                                 g_array_index (p->sentences, Sentence, p->sentences->len - 1).end);

  unit.begin = begin;
  unit.end = end;
  unit.line = p->line;
  unit.sentence = p->sentences->len - 1;
  unit.token = token;
  unit.sub = sub;
  unit.text = fields[2];
  unit.text_len = field_lens[2];
  unit.first_member = p->members->len;
  if (sub == 0)
    {
      guint index = p->units->len;

      g_array_append_val (p->tokens, index);
    }
  g_array_append_val (p->units, unit);

  for (guint i = 0; i < p->layers->len; i++)
    if (!parse_layer_columns (p, i, fields + 3, field_lens + 3, error))
      return FALSE;

  return TRUE;
}

gboolean
_attest_webanno_parse_body (Parser  *p,
                            GError **error)
{
  enum { BETWEEN, HEADER, ROWS } state = BETWEEN;
  const char *line;
  gsize len;
  guint n_blank = 0, first_blank = 0;

  while (_attest_webanno_next_line (p, &line, &len))
    {
      if (len == 0)
        {
          if (state == HEADER)
            return _attest_webanno_fail (p, p->line, error, _("a sentence without tokens"));
          if (n_blank++ == 0)
            first_blank = p->line;
          state = BETWEEN;
          continue;
        }

      /* One empty line between sentences, none more after the header's;
       * extra ones are let be at the end of the file only. */
      if (state == BETWEEN && n_blank > (p->sentences->len > 0 ? 1u : 0u))
        return _attest_webanno_fail (p, p->sentences->len > 0 ? first_blank + 1 : first_blank,
                                     error,
                                     _("an empty line too many"));
      n_blank = 0;

      if (line[0] == '#')
        {
          if (state == ROWS)
            return _attest_webanno_fail (p, p->line, error,
                                         _("a sentence must follow an empty line"));
          state = HEADER;
          if (has_prefix (line, len, "#Text="))
            {
              _attest_webanno_unescape_text (p->pending, line + 6, len - 6);
              g_string_append_c (p->pending, '\n');
              p->pending_lines++;
            }
          continue;
        }

      if (state == BETWEEN)
        return _attest_webanno_fail (p, p->line, error,
                                     _("a token row before its sentence’s #Text= line"));
      if (state == HEADER && p->pending_lines == 0)
        return _attest_webanno_fail (p, p->line, error, _("a sentence without a #Text= line"));

      if (!parse_row (p, line, len, state == HEADER, error))
        return FALSE;
      state = ROWS;
    }

  if (state == HEADER)
    return _attest_webanno_fail (p, p->line, error,
                                 _("the file ends before the tokens of its last sentence"));
  if (p->sentences->len == 0)
    return _attest_webanno_fail (p, p->line, error, _("the file has no sentences"));

  return TRUE;
}
