/* attest-import-webanno-build.c: the document a WebAnno TSV file holds
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "attest-import-webanno-private.h"

static gboolean
check_offset (Parser      *p,
              AttestText  *text,
              const Unit  *unit,
              guint        offset,
              guint       *cp,
              GError     **error)
{
  *cp = attest_text_utf16_to_cp (text, offset);
  if (attest_text_cp_to_utf16 (text, *cp) != offset)
    {
      g_autofree char *name = _attest_webanno_unit_to_string (unit);

      return _attest_webanno_fail (p, unit->line, error,
                                   _("row %s: offset %u falls inside a character (UTF-16 offsets "
                                     "count a character past U+FFFF twice)"),
                                   name, offset);
    }
  return TRUE;
}

/* Every row's offsets land on characters and its text is the text there. */
gboolean
_attest_webanno_check_units (Parser      *p,
                             AttestText  *text,
                             GError     **error)
{
  g_autoptr(GString) escaped = g_string_new (NULL);

  for (guint u = 0; u < p->units->len; u++)
    {
      const Unit *unit = &g_array_index (p->units, Unit, u);
      guint b, e;
      gsize n;
      const char *slice;

      if (!check_offset (p, text, unit, unit->begin, &b, error) ||
          !check_offset (p, text, unit, unit->end, &e, error))
        return FALSE;

      slice = attest_text_get_pointer (text, b);
      n = (gsize) (attest_text_get_pointer (text, e) - slice);
      if (n == unit->text_len && memcmp (slice, unit->text, n) == 0)
        continue;

      g_string_truncate (escaped, 0);
      _attest_webanno_escape_text (escaped, slice, n);
      if (escaped->len != unit->text_len || memcmp (escaped->str, unit->text, escaped->len) != 0)
        {
          g_autofree char *name = _attest_webanno_unit_to_string (unit);
          g_autofree char *said = _attest_webanno_snippet (unit->text, unit->text_len);
          g_autofree char *there = _attest_webanno_snippet (escaped->str, escaped->len);

          return _attest_webanno_fail (p, unit->line, error,
                                       _("row %s says “%s” but the text at %u-%u is “%s”"),
                                       name, said, unit->begin, unit->end, there);
        }
    }

  return TRUE;
}

/* Our features by name, whatever their case: a layer set up by hand in
 * INCEpTION may say "Label". */
static const char *
feature_value (const Layer *layer,
               const Anno  *anno,
               const char  *name)
{
  for (guint f = 0; f < layer->features->len; f++)
    if (g_ascii_strcasecmp (g_ptr_array_index (layer->features, f), name) == 0)
      return anno->values[f];
  return NULL;
}

static gboolean
is_fixed_feature (const char *name)
{
  static const char * const fixed[] = {
    "label", "note", "entity", "entityName", "entityKind", "wikidata", "aliases",
  };

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    if (g_ascii_strcasecmp (name, fixed[i]) == 0)
      return TRUE;
  return FALSE;
}

static const char *
label_for_named_entity (const char *value)
{
  static const char * const labels[] = { "quote", "speaker", "fact" };

  if (value == NULL || *value == '\0')
    return "entity";
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_ascii_strcasecmp (value, labels[i]) == 0)
      return labels[i];
  return value;
}

static const char *
kind_for_named_entity (const char *value)
{
  if (value == NULL)
    return "other";
  if (g_ascii_strcasecmp (value, "PER") == 0 || g_ascii_strcasecmp (value, "PERSON") == 0)
    return "person";
  if (g_ascii_strcasecmp (value, "ORG") == 0 || g_ascii_strcasecmp (value, "ORGANIZATION") == 0 ||
      g_ascii_strcasecmp (value, "ORGANISATION") == 0)
    return "organisation";
  return "other";
}

/* "Q42", from "Q42" or a Wikidata IRI; NULL for anything else. */
static char *
wikidata_id (const char *value)
{
  const char *q = value;

  if (value == NULL)
    return NULL;
  if (g_str_has_prefix (value, "http://www.wikidata.org/entity/"))
    q = value + strlen ("http://www.wikidata.org/entity/");
  else if (g_str_has_prefix (value, "https://www.wikidata.org/entity/"))
    q = value + strlen ("https://www.wikidata.org/entity/");
  if (q[0] != 'Q' || q[1] == '\0')
    return NULL;
  for (const char *c = q + 1; *c != '\0'; c++)
    if (!g_ascii_isdigit (*c))
      return NULL;
  return g_strdup (q);
}

typedef struct
{
  AttestEntity *entity;       /* until added: owned here */
  gboolean      added;
} EntityBuild;

static void
entity_build_free (gpointer data)
{
  EntityBuild *build = data;

  if (!build->added)
    attest_entity_free (build->entity);
  g_free (build);
}

/* The entity an annotation names, made on first sight. */
static EntityBuild *
entity_for (GHashTable  *entities,
            GPtrArray   *order,
            const Layer *layer,
            const Anno  *anno,
            AttestText  *text,
            guint        start,
            guint        end)
{
  g_autofree char *key = NULL;
  g_autofree char *covered = NULL;
  const char *id = NULL, *name = NULL, *kind = NULL, *wikidata = NULL, *aliases = NULL;
  EntityBuild *build;
  gsize prefix_len;
  guint64 number;

  if (layer->role == ROLE_ATTEST)
    {
      id = feature_value (layer, anno, "entity");
      name = feature_value (layer, anno, "entityName");
      kind = feature_value (layer, anno, "entityKind");
      wikidata = feature_value (layer, anno, "wikidata");
      aliases = feature_value (layer, anno, "aliases");
      if (id != NULL)
        key = g_strconcat ("id:", id, NULL);
      else if (name != NULL)
        key = g_strconcat ("name:", name, NULL);
    }
  else
    {
      wikidata = feature_value (layer, anno, "identifier");
      kind = kind_for_named_entity (feature_value (layer, anno, "value"));
      if (wikidata != NULL)
        key = g_strconcat ("ne:", wikidata, NULL);
    }

  if (key == NULL)
    return NULL;
  if ((build = g_hash_table_lookup (entities, key)) != NULL)
    return build;

  covered = attest_text_slice (text, start, end);
  build = g_new0 (EntityBuild, 1);
  /* Keep an id of our own shape; others get a new one. */
  if (id != NULL && attest_id_parse (id, &prefix_len, &number) && prefix_len == 1 && id[0] == 'e')
    build->entity = attest_entity_new (id, name != NULL ? name : covered, kind);
  else
    build->entity = attest_entity_new (NULL, name != NULL ? name : covered, kind);
  build->entity->wikidata = wikidata_id (wikidata);
  if (aliases != NULL && *aliases != '\0')
    build->entity->aliases = g_strsplit (aliases, "\n", -1);

  g_hash_table_insert (entities, g_steal_pointer (&key), build);
  g_ptr_array_add (order, build);
  return build;
}

typedef struct
{
  Anno  *anno;
  guint  start;
  guint  end;
  const char *label;
  EntityBuild *entity;
} SpanBuild;

static int
compare_span_builds (gconstpointer a,
                     gconstpointer b)
{
  const SpanBuild *x = a, *y = b;
  int cmp;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  if ((cmp = strcmp (x->label, y->label)) != 0)
    return cmp;
  return x->anno->line < y->anno->line ? -1 : x->anno->line > y->anno->line;
}

/* The annotation a relation's end names: by id, or the first of the base
 * layer on the row. */
static gboolean
resolve_end (Parser      *p,
             const Link  *link,
             guint        unit_index,
             guint        id,
             Anno       **out,
             GError     **error)
{
  const Layer *layer = g_ptr_array_index (p->layers, link->layer);
  const Unit *unit = &g_array_index (p->units, Unit, unit_index);
  g_autofree char *name = _attest_webanno_unit_to_string (unit);

  if (id > 0)
    {
      guint found = GPOINTER_TO_UINT (g_hash_table_lookup (p->ids, GUINT_TO_POINTER (id)));
      Anno *anno;

      if (found == 0)
        return _attest_webanno_fail (p, link->line, error,
                                     _("the relation points at [%u], which no annotation has"), id);
      anno = &g_array_index (p->annos, Anno, found - 1);
      if ((gint) anno->layer != layer->base_layer)
        return _attest_webanno_fail (p, link->line, error,
                                     _("the relation points at [%u], which is not in %s"),
                                     id, layer->base_type);
      if (!_attest_webanno_anno_on_unit (p, found - 1, unit_index))
        return _attest_webanno_fail (p, link->line, error,
                                     _("the relation points at [%u], which is not on row %s"),
                                     id, name);
      *out = anno;
      return TRUE;
    }

  for (guint m = unit->first_member; m < unit->first_member + unit->n_members; m++)
    {
      Anno *anno = &g_array_index (p->annos, Anno, g_array_index (p->members, guint, m));

      if ((gint) anno->layer == layer->base_layer)
        {
          *out = anno;
          return TRUE;
        }
    }

  return _attest_webanno_fail (p, link->line, error,
                               _("the relation points at row %s, which has no %s annotation"),
                               name, layer->base_type);
}

gboolean
_attest_webanno_resolve_links (Parser  *p,
                               GError **error)
{
  for (guint l = 0; l < p->links->len; l++)
    {
      Link *link = &g_array_index (p->links, Link, l);
      const Layer *layer = g_ptr_array_index (p->layers, link->layer);
      guint source_unit, token_index;
      Anno *source = NULL, *target = NULL;

      if (layer->base_layer < 0)
        continue;

      if (link->sentence == 0 || link->sentence > p->sentences->len)
        goto missing;
      token_index = g_array_index (p->first_token, guint, link->sentence - 1) + link->token - 1;
      if (link->token == 0 || token_index >= p->tokens->len ||
          (link->sentence < p->sentences->len &&
           token_index >= g_array_index (p->first_token, guint, link->sentence)))
        goto missing;
      source_unit = g_array_index (p->tokens, guint, token_index);
      if (link->sub > g_array_index (p->units, Unit, source_unit).n_subs)
        goto missing;
      source_unit += link->sub;

      if (!resolve_end (p, link, source_unit, link->source_id, &source, error) ||
          !resolve_end (p, link, link->unit, link->target_id, &target, error))
        return FALSE;

      link->source = (guint) (source - &g_array_index (p->annos, Anno, 0));
      link->target = (guint) (target - &g_array_index (p->annos, Anno, 0));
      continue;

    missing:
      if (link->sub > 0)
        return _attest_webanno_fail (p, link->line, error,
                                     _("the relation points at row %u-%u.%u, which does not exist"),
                                     link->sentence, link->token, link->sub);
      return _attest_webanno_fail (p, link->line, error,
                                   _("the relation points at row %u-%u, which does not exist"),
                                   link->sentence, link->token);
    }

  return TRUE;
}

AttestDocument *
_attest_webanno_build_document (Parser      *p,
                                AttestText  *text,
                                GError     **error)
{
  g_autoptr(AttestDocument) document = attest_document_new (text);
  g_autoptr(GHashTable) entities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          entity_build_free);
  g_autoptr(GPtrArray) entity_order = g_ptr_array_new ();
  g_autoptr(GArray) builds = g_array_new (FALSE, FALSE, sizeof (SpanBuild));

  for (guint a = 0; a < p->annos->len; a++)
    {
      Anno *anno = &g_array_index (p->annos, Anno, a);
      const Layer *layer = g_ptr_array_index (p->layers, anno->layer);
      SpanBuild build = { anno, 0, 0, NULL, NULL };

      if (layer->role != ROLE_ATTEST && layer->role != ROLE_NAMED_ENTITY)
        continue;
      if (anno->end < anno->begin)
        {
          _attest_webanno_fail (p, anno->line, error,
                                _("[%u] ends on a row before the one it begins on"), anno->id);
          return NULL;
        }

      build.start = attest_text_utf16_to_cp (text, anno->begin);
      build.end = attest_text_utf16_to_cp (text, anno->end);
      if (layer->role == ROLE_ATTEST)
        {
          build.label = feature_value (layer, anno, "label");
          if (build.label == NULL || *build.label == '\0')
            build.label = "span";
        }
      else
        build.label = label_for_named_entity (feature_value (layer, anno, "value"));
      build.entity = entity_for (entities, entity_order, layer, anno, text, build.start, build.end);
      g_array_append_val (builds, build);
    }

  /* Entities with ids of their own first, so a new id never takes one. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < entity_order->len; i++)
      {
        EntityBuild *build = g_ptr_array_index (entity_order, i);

        if ((build->entity->id != NULL) != (pass == 0) || build->added)
          continue;
        if (!attest_document_add_entity (document, build->entity, error))
          return NULL;
        build->added = TRUE;
      }

  g_array_sort (builds, compare_span_builds);
  for (guint i = 0; i < builds->len; i++)
    {
      SpanBuild *build = &g_array_index (builds, SpanBuild, i);
      const Layer *layer = g_ptr_array_index (p->layers, build->anno->layer);
      AttestSpan *span = attest_import_new_span (p->context, build->label, build->start, build->end);

      if (layer->role == ROLE_ATTEST)
        {
          span->note = g_strdup (feature_value (layer, build->anno, "note"));
          for (guint f = 0; f < layer->features->len; f++)
            {
              const char *name = g_ptr_array_index (layer->features, f);

              if (!is_fixed_feature (name) && build->anno->values[f] != NULL)
                span->attrs = attest_attrs_set (span->attrs, name, build->anno->values[f]);
            }
        }
      if (build->entity != NULL)
        span->entity = g_strdup (build->entity->entity->id);
      /* Attest keeps an empty span only as one re-anchoring deleted, for
       * the editor to review; the sidecar allows no other. */
      if (span->start == span->end)
        span->flags |= ATTEST_SPAN_FLAG_DELETED;

      if (!attest_document_add_span (document, span, error))
        {
          attest_span_free (span);
          return NULL;
        }
      build->anno->span = span;
    }

  for (guint l = 0; l < p->links->len; l++)
    {
      const Link *link = &g_array_index (p->links, Link, l);
      const Layer *layer = g_ptr_array_index (p->layers, link->layer);
      const Anno *source, *target;
      AttestRelation *relation;
      g_autofree char *fallback = NULL;
      const char *type = link->type;

      if (layer->role != ROLE_RELATION)
        continue;
      source = &g_array_index (p->annos, Anno, link->source);
      target = &g_array_index (p->annos, Anno, link->target);
      if (type == NULL || *type == '\0')
        {
          const char *dot = strrchr (layer->type, '.');

          fallback = g_ascii_strdown (dot != NULL ? dot + 1 : layer->type, -1);
          type = fallback;
        }

      relation = attest_import_new_relation (p->context, type, source->span->id, target->span->id);
      if (!attest_document_add_relation (document, relation, error))
        {
          attest_relation_free (relation);
          return NULL;
        }
    }

  return g_steal_pointer (&document);
}
