/* attest-import-webanno-header.c: a WebAnno TSV file's header, its layers
 * and their columns
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "attest-import-webanno-private.h"

#define NAMED_ENTITY   "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
#define TOKEN_TYPE     "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token"

static gboolean
check_format (Parser      *p,
              const char  *line,
              gsize        len,
              GError     **error)
{
  const char *prefix = "#FORMAT=WebAnno TSV ";
  guint major = 0, minor = 0;
  const char *version, *dot;
  gsize version_len;

  if (!has_prefix (line, len, prefix))
    {
      g_autofree char *piece = _attest_webanno_snippet (line, len);

      return _attest_webanno_fail (p, p->line, error,
                                   _("not a WebAnno TSV file: it begins with “%s”, not "
                                     "“#FORMAT=WebAnno TSV 3.3”"),
                                   piece);
    }

  version = line + strlen (prefix);
  version_len = len - strlen (prefix);
  dot = memchr (version, '.', version_len);
  if (dot == NULL ||
      !parse_number (version, (gsize) (dot - version), &major) ||
      !parse_number (dot + 1, version_len - (gsize) (dot - version) - 1, &minor) ||
      major != 3 || minor < 2)
    {
      g_autofree char *piece = _attest_webanno_snippet (version, version_len);

      return _attest_webanno_fail (p, p->line, error,
                                   _("WebAnno TSV “%s” cannot be read; versions 3.2 and 3.3 can"),
                                   piece);
    }

  return TRUE;
}

static Layer *
find_layer (Parser     *p,
            const char *type,
            guint      *index)
{
  for (guint i = 0; i < p->layers->len; i++)
    {
      Layer *layer = g_ptr_array_index (p->layers, i);

      if (strcmp (layer->type, type) == 0)
        {
          if (index != NULL)
            *index = i;
          return layer;
        }
    }
  return NULL;
}

static void
add_column (Parser     *p,
            Layer      *layer,
            ColumnKind  kind,
            const char *feature)
{
  Column column = { p->layers->len - 1, kind, 0 };

  if (kind == COLUMN_FEATURE)
    {
      column.feature = layer->features->len;
      g_ptr_array_add (layer->features, g_strdup (feature));
    }
  g_array_append_val (p->columns, column);
  layer->n_columns++;
}

static gboolean
parse_layer (Parser      *p,
             LayerKind    kind,
             const char  *line,
             gsize        len,
             GError     **error)
{
  g_autofree char *rest = NULL;
  g_auto(GStrv) raw = NULL;
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  Layer *layer;

  rest = g_strndup (line + 6, len - 6);   /* after "#T_SP=" */
  raw = g_strsplit (rest, "|", -1);
  /* Empty fields are dropped, as the reader's split() does. */
  for (guint i = 0; raw[i] != NULL; i++)
    if (raw[i][0] != '\0')
      g_ptr_array_add (fields, raw[i]);

  if (fields->len == 0)
    return _attest_webanno_fail (p, p->line, error, _("a layer declaration without a type name"));
  if (find_layer (p, g_ptr_array_index (fields, 0), NULL) != NULL)
    return _attest_webanno_fail (p, p->line, error, _("the layer %s is declared twice"),
                                 (const char *) g_ptr_array_index (fields, 0));

  layer = g_new0 (Layer, 1);
  layer->type = g_strdup (g_ptr_array_index (fields, 0));
  layer->kind = kind;
  layer->line = p->line;
  layer->first_column = p->columns->len;
  layer->features = g_ptr_array_new_with_free_func (g_free);
  layer->base_layer = -1;
  layer->type_feature = -1;
  g_ptr_array_add (p->layers, layer);

  for (guint i = 1; i < fields->len; i++)
    {
      const char *field = g_ptr_array_index (fields, i);

      switch (kind)
        {
        case LAYER_SPAN:
          if (g_str_has_prefix (field, "ROLE_"))
            {
              if (i + 1 >= fields->len || strchr (g_ptr_array_index (fields, i + 1), '.') == NULL)
                return _attest_webanno_fail (p, p->line, error,
                                             _("the slot feature %s has no target type"), field);
              add_column (p, layer, COLUMN_SLOT, NULL);
              add_column (p, layer, COLUMN_SLOT, NULL);
              i++;
            }
          else if (strchr (field, '.') != NULL)
            return _attest_webanno_fail (p, p->line, error,
                                         _("the slot target %s does not follow a ROLE_ feature"),
                                         field);
          else
            add_column (p, layer, COLUMN_FEATURE, field);
          break;

        case LAYER_RELATION:
          if (g_str_has_prefix (field, "BT_"))
            {
              if (i + 1 != fields->len || field[3] == '\0')
                return _attest_webanno_fail (p, p->line, error,
                                             _("the relation layer %s must end with one BT_ base "
                                               "type"),
                                             layer->type);
              layer->base_type = g_strdup (field + 3);
              add_column (p, layer, COLUMN_BASE, NULL);
            }
          else
            add_column (p, layer, COLUMN_FEATURE, field);
          break;

        case LAYER_CHAIN:
          add_column (p, layer, COLUMN_CHAIN, NULL);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  if (kind == LAYER_RELATION && layer->base_type == NULL)
    return _attest_webanno_fail (p, p->line, error, _("the relation layer %s has no BT_ base type"),
                                 layer->type);
  if (fields->len == 1)
    add_column (p, layer, kind == LAYER_CHAIN ? COLUMN_CHAIN : COLUMN_PLACEHOLDER, NULL);

  return TRUE;
}

/* Which layers are read, and what each relation layer hangs on. */
static gboolean
resolve_layers (Parser  *p,
                GError **error)
{
  static const char * const type_features[] = { "relation", "label", "value" };

  for (guint i = 0; i < p->layers->len; i++)
    {
      Layer *layer = g_ptr_array_index (p->layers, i);

      if (layer->kind == LAYER_SPAN && strcmp (layer->type, ATTEST_WEBANNO_SPAN_LAYER) == 0)
        layer->role = ROLE_ATTEST;
      else if (layer->kind == LAYER_SPAN && strcmp (layer->type, NAMED_ENTITY) == 0)
        layer->role = ROLE_NAMED_ENTITY;
    }

  for (guint i = 0; i < p->layers->len; i++)
    {
      Layer *layer = g_ptr_array_index (p->layers, i);
      Layer *base;
      guint index;

      if (layer->kind != LAYER_RELATION)
        continue;

      base = find_layer (p, layer->base_type, &index);
      if (base == NULL && strcmp (layer->base_type, TOKEN_TYPE) == 0)
        continue;
      if (base == NULL || base->kind != LAYER_SPAN)
        return _attest_webanno_fail (p, layer->line, error,
                                     _("the relation layer %s attaches to %s, which is not a span "
                                       "layer of the file"),
                                     layer->type, layer->base_type);

      layer->base_layer = (gint) index;
      if (base->role != ROLE_ATTEST && base->role != ROLE_NAMED_ENTITY)
        continue;

      layer->role = ROLE_RELATION;
      for (guint t = 0; t < G_N_ELEMENTS (type_features) && layer->type_feature < 0; t++)
        for (guint f = 0; f < layer->features->len; f++)
          if (strcmp (g_ptr_array_index (layer->features, f), type_features[t]) == 0)
            layer->type_feature = (gint) f;
      if (layer->type_feature < 0 && layer->features->len > 0)
        layer->type_feature = 0;
    }

  return TRUE;
}

gboolean
_attest_webanno_parse_header (Parser  *p,
                              GError **error)
{
  const char *line;
  gsize len;

  if (!_attest_webanno_next_line (p, &line, &len))
    return _attest_webanno_fail (p, 1, error, _("the file is empty"));
  if (!check_format (p, line, len, error))
    return FALSE;

  for (;;)
    {
      if (!_attest_webanno_next_line (p, &line, &len))
        return _attest_webanno_fail (p, p->line, error, _("the file ends in its header"));
      if (is_blank (line, len))
        break;

      if (has_prefix (line, len, "#T_SP="))
        {
          if (!parse_layer (p, LAYER_SPAN, line, len, error))
            return FALSE;
        }
      else if (has_prefix (line, len, "#T_RL="))
        {
          if (!parse_layer (p, LAYER_RELATION, line, len, error))
            return FALSE;
        }
      else if (has_prefix (line, len, "#T_CH="))
        {
          if (!parse_layer (p, LAYER_CHAIN, line, len, error))
            return FALSE;
        }
      else
        {
          const char *eq = memchr (line, '=', len);
          gsize shown = eq != NULL ? (gsize) (eq - line + 1) : len;
          g_autofree char *piece = _attest_webanno_snippet (line, shown);

          if (has_prefix (line, len, "#T_"))
            return _attest_webanno_fail (p, p->line, error,
                                         _("unknown layer kind “%s”: a layer is #T_SP=, #T_RL= or "
                                           "#T_CH="), piece);
          return _attest_webanno_fail (p, p->line, error,
                                       _("expected a layer declaration (#T_SP=, #T_RL=, #T_CH=) or "
                                         "an empty line, not “%s”"),
                                       piece);
        }
    }

  /* The reader skips one more line after the header; it must be empty. */
  if (!_attest_webanno_next_line (p, &line, &len))
    return _attest_webanno_fail (p, p->line, error,
                                 _("the file ends after its header, without a sentence"));
  if (!is_blank (line, len))
    return _attest_webanno_fail (p, p->line, error,
                                 _("expected a second empty line after the header"));

  return resolve_layers (p, error);
}
