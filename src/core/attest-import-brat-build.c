/* attest-import-brat-build.c: the document a .ann file's lines describe
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "attest-import-brat-private.h"

#define ENTITY_JSON_MAX_DEPTH 4

static Line *
lookup (Ann        *ann,
        const char *id)
{
  return g_hash_table_lookup (ann->ids, id);
}

/* The T line an annotation refers to: a T itself, or an event's trigger. */
static Line *
lookup_text_bound (Ann        *ann,
                   const char *id)
{
  Line *line = lookup (ann, id);

  if (line != NULL && line->kind == 'E')
    line = lookup (ann, line->target);

  return line != NULL && line->kind == 'T' ? line : NULL;
}

/* The span or relation an attribute, note or normalization line
 * points at; an event stands for its trigger span. */
static Line *
lookup_annotatable (Ann        *ann,
                    const char *id)
{
  Line *line = lookup (ann, id);

  if (line != NULL && line->kind == 'E')
    line = lookup_text_bound (ann, id);

  return line != NULL && (line->kind == 'T' || line->kind == 'R') ? line : NULL;
}

static guint
to_attest_offset (Ann   *ann,
                  guint  offset)
{
  return offset >= ann->shift ? offset - ann->shift : 0;
}

/* Is [start, end) of brat's text a gap a span may be joined across? */
static gboolean
is_joinable_gap (Ann   *ann,
                 guint  start,
                 guint  end)
{
  const char *p = attest_text_get_pointer (ann->text, start);
  const char *q = attest_text_get_pointer (ann->text, end);
  gboolean any_break = FALSE;

  if (start == end)
    return TRUE;

  for (; p < q; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_space (c))
        return FALSE;
      any_break |= is_line_break (c);
    }

  return any_break;
}

static gboolean
make_parts (Ann     *ann,
            Line    *line,
            GError **error)
{
  g_autoptr(GArray) sorted = g_array_copy (line->fragments);
  Range group;

  g_array_sort (sorted, compare_ranges);
  /* Not owning: each goes to the document (see _attest_brat_build_document()). */
  line->parts = g_ptr_array_new ();

  group = g_array_index (sorted, Range, 0);
  for (guint i = 1; i <= sorted->len; i++)
    {
      const Range *next = i < sorted->len ? &g_array_index (sorted, Range, i) : NULL;

      if (next != NULL && is_joinable_gap (ann, group.end, next->start))
        {
          group.end = next->end;
          continue;
        }

      /* Attest's spans hold text: only re-anchoring leaves one empty. */
      if (to_attest_offset (ann, group.start) == to_attest_offset (ann, group.end))
        return _attest_brat_fail_at (error, ann->path, line->line,
                                     _("%s: an empty span at %u; Attest’s spans hold at least one "
                                       "character"),
                                     line->id, group.start);

      g_ptr_array_add (line->parts,
                       attest_import_new_span (ann->context, line->type,
                                               to_attest_offset (ann, group.start),
                                               to_attest_offset (ann, group.end)));
      if (next != NULL)
        group = *next;
    }

  return TRUE;
}

static gboolean
set_attribute (Ann         *ann,
               Line        *line,
               char      ***attrs,
               const char  *key,
               const char  *value,
               GError     **error)
{
  if (attest_attrs_get (*attrs, key) != NULL)
    return _attest_brat_fail_at (error, ann->path, line->line,
                                 _("%s: %s already has an attribute “%s”"), line->id, line->target,
                                 key);

  *attrs = attest_attrs_set (*attrs, key, value);
  return TRUE;
}

static void
append_note (Line       *target,
             const char *prefix,
             const char *text)
{
  if (target->note == NULL)
    target->note = g_string_new (NULL);
  else
    g_string_append_c (target->note, '\n');

  if (prefix != NULL)
    g_string_append_printf (target->note, "%s: ", prefix);
  g_string_append (target->note, text);
}

static AttestEntity *
parse_entity_json (Ann         *ann,
                   Line        *line,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  g_autoptr(AttestEntity) entity = NULL;
  g_autoptr(GPtrArray) aliases = NULL;
  JsonObject *object;
  JsonNode *root;
  JsonNode *node;
  static const char * const strings[] = { "id", "name", "kind", "wikidata" };
  const char *values[G_N_ELEMENTS (strings)] = { NULL, };

  if (!attest_json_guard_check (line->text, strlen (line->text), ENTITY_JSON_MAX_DEPTH, &local) ||
      !json_parser_load_from_data (parser, line->text, -1, &local))
    {
      _attest_brat_fail_at (error, ann->path, line->line, "%s: AttestEntity: %s", line->id,
                            local->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      _attest_brat_fail_at (error, ann->path, line->line,
                            _("%s: AttestEntity: expected a JSON object"), line->id);
      return NULL;
    }
  object = json_node_get_object (root);

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      node = json_object_get_member (object, strings[i]);
      if (node == NULL)
        continue;
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          _attest_brat_fail_at (error, ann->path, line->line,
                                _("%s: AttestEntity: “%s” must be a string"), line->id, strings[i]);
          return NULL;
        }
      values[i] = json_node_get_string (node);
    }

  if (values[0] == NULL || values[0][0] == '\0' || values[1] == NULL)
    {
      _attest_brat_fail_at (error, ann->path, line->line,
                            _("%s: AttestEntity: needs an “id” and a “name”"), line->id);
      return NULL;
    }

  if ((node = json_object_get_member (object, "aliases")) != NULL)
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          _attest_brat_fail_at (error, ann->path, line->line,
                                _("%s: AttestEntity: “aliases” must be an array of strings"),
                                line->id);
          return NULL;
        }

      array = json_node_get_array (node);
      aliases = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *alias = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (alias) || json_node_get_value_type (alias) != G_TYPE_STRING)
            {
              _attest_brat_fail_at (error, ann->path, line->line,
                                    _("%s: AttestEntity: “aliases” must be an array of strings"),
                                    line->id);
              return NULL;
            }
          g_ptr_array_add (aliases, g_strdup (json_node_get_string (alias)));
        }
    }

  entity = attest_entity_new (values[0], values[1], values[2]);
  entity->wikidata = g_strdup (values[3]);
  if (aliases != NULL && aliases->len > 0)
    {
      g_ptr_array_add (aliases, NULL);
      entity->aliases = (char **) g_ptr_array_free (g_steal_pointer (&aliases), FALSE);
    }

  return g_steal_pointer (&entity);
}

static guint
find_group (guint *parent,
            guint  i)
{
  while (parent[i] != i)
    {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
  return i;
}

/* The mention's text, for naming an entity made from it. */
static char *
mention_text (Ann  *ann,
              Line *mention)
{
  const Range *r = &g_array_index (mention->fragments, Range, 0);

  return attest_text_slice (ann->text, r->start, r->end);
}

typedef struct
{
  AttestEntity *entity;         /* owned until added */
  gboolean      added;          /* then the document's */
  guint         wikidata_line;  /* the N line that set its item, or 0 */
} EntitySlot;

static void
entity_slot_clear (gpointer data)
{
  EntitySlot *slot = data;

  if (!slot->added)
    g_clear_pointer (&slot->entity, attest_entity_free);
}

/* Entities: #AttestEntity, Equiv and N lines (see the top). Sets
 * @entity_of[i] for the i-th T line to a position in @slots + 1. */
static gboolean
resolve_entities (Ann         *ann,
                  GArray      *slots,
                  guint       *entity_of,
                  GError     **error)
{
  guint n = ann->text_bounds->len;
  g_autofree guint *parent = g_new (guint, n + 1);
  g_autofree guint *group_slot = g_new0 (guint, n + 1);
  g_autofree guint *group_size = g_new0 (guint, n + 1);
  g_autoptr(GHashTable) entity_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) items = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    parent[i] = i;

  for (guint i = 0; i < ann->lines->len; i++)
    {
      Line *line = g_ptr_array_index (ann->lines, i);
      Line *first = NULL;

      if (line->kind != '*')
        continue;

      for (guint j = 0; line->args[j] != NULL; j++)
        {
          Line *member = lookup (ann, line->args[j]);

          if (member == NULL || member->kind != 'T')
            return _attest_brat_fail_at (error, ann->path, line->line,
                                         _("%s: %s is not a span in this file"), line->type,
                                         line->args[j]);
          if (first == NULL)
            first = member;
          else
            parent[find_group (parent, member->index)] = find_group (parent, first->index);
        }
    }

  for (guint i = 0; i < n; i++)
    group_size[find_group (parent, i)]++;

  for (guint i = 0; i < ann->lines->len; i++)
    {
      Line *line = g_ptr_array_index (ann->lines, i);
      EntitySlot slot = { NULL, FALSE, 0 };
      Line *mention;
      Line *seen;
      guint group;

      if (line->kind != '#' || !g_str_equal (line->type, "AttestEntity"))
        continue;

      mention = lookup (ann, line->target);
      if (mention == NULL || mention->kind != 'T')
        return _attest_brat_fail_at (error, ann->path, line->line,
                                     _("%s: %s is not a span in this file"), line->id,
                                     line->target);

      if ((slot.entity = parse_entity_json (ann, line, error)) == NULL)
        return FALSE;
      if ((seen = g_hash_table_lookup (entity_ids, slot.entity->id)) != NULL)
        {
          g_autofree char *id = g_strdup (slot.entity->id);

          attest_entity_free (slot.entity);
          return _attest_brat_fail_at (error, ann->path, line->line,
                                       _("%s: the entity %s is already given on line %u"),
                                       line->id, id, seen->line);
        }
      g_array_append_val (slots, slot);
      g_hash_table_insert (entity_ids, slot.entity->id, line);

      group = find_group (parent, mention->index);
      if (group_slot[group] != 0)
        {
          EntitySlot *other = &g_array_index (slots, EntitySlot, group_slot[group] - 1);

          return _attest_brat_fail_at (error, ann->path, line->line,
                                       _("%s: %s is the same entity as the mentions of %s"),
                                       line->id, slot.entity->id, other->entity->id);
        }
      group_slot[group] = slots->len;
    }

  /* Equiv groups without an AttestEntity of their own. */
  for (guint i = 0; i < n; i++)
    {
      guint group = find_group (parent, i);

      if (group_size[group] > 1 && group_slot[group] == 0)
        {
          g_autofree char *name = mention_text (ann, g_ptr_array_index (ann->text_bounds, i));
          EntitySlot slot = { attest_entity_new (NULL, name, NULL), FALSE, 0 };

          g_array_append_val (slots, slot);
          group_slot[group] = slots->len;
        }
    }

  for (guint i = 0; i < ann->lines->len; i++)
    {
      Line *line = g_ptr_array_index (ann->lines, i);
      EntitySlot *slot;
      Line *mention;
      guint group;

      if (line->kind != 'N' || g_ascii_strcasecmp (line->db, "Wikidata") != 0)
        continue;

      mention = lookup_text_bound (ann, line->target);
      if (mention == NULL)
        return _attest_brat_fail_at (error, ann->path, line->line,
                                     _("%s: %s is not a span in this file"), line->id,
                                     line->target);

      group = find_group (parent, mention->index);
      if (group_slot[group] == 0)
        {
          guint known = GPOINTER_TO_UINT (g_hash_table_lookup (items, line->value));

          if (known == 0)
            {
              g_autofree char *name = line->text[0] != '\0' ? g_strdup (line->text)
                                                            : mention_text (ann, mention);
              EntitySlot fresh = { attest_entity_new (NULL, name, NULL), FALSE, 0 };

              g_array_append_val (slots, fresh);
              known = slots->len;
              g_hash_table_insert (items, line->value, GUINT_TO_POINTER (known));
            }
          group_slot[group] = known;
        }

      slot = &g_array_index (slots, EntitySlot, group_slot[group] - 1);
      if (slot->wikidata_line != 0 && g_strcmp0 (slot->entity->wikidata, line->value) != 0)
        return _attest_brat_fail_at (error, ann->path, line->line,
                                     _("%s: links %s to Wikidata %s, but line %u links it to %s"),
                                     line->id, line->target, line->value, slot->wikidata_line,
                                     slot->entity->wikidata);
      g_free (slot->entity->wikidata);
      slot->entity->wikidata = g_strdup (line->value);
      slot->wikidata_line = line->line;
    }

  for (guint i = 0; i < n; i++)
    entity_of[i] = group_slot[find_group (parent, i)];

  return TRUE;
}

/* Attributes, notes and references onto the T and R lines. */
static gboolean
resolve_annotations (Ann     *ann,
                     GError **error)
{
  for (guint i = 0; i < ann->lines->len; i++)
    {
      Line *line = g_ptr_array_index (ann->lines, i);
      Line *target;

      switch (line->kind)
        {
        case 'A':
        case 'M':
          target = lookup_annotatable (ann, line->target);
          if (target == NULL)
            return _attest_brat_fail_at (error, ann->path, line->line,
                                         _("%s: %s is not a span or relation in this file"),
                                         line->id, line->target);
          if (!set_attribute (ann, line, &target->attrs, line->type,
                              line->value != NULL ? line->value : "true", error))
            return FALSE;
          break;

        case 'N':
          target = lookup_text_bound (ann, line->target);
          if (target == NULL)
            return _attest_brat_fail_at (error, ann->path, line->line,
                                         _("%s: %s is not a span in this file"), line->id,
                                         line->target);
          if (g_ascii_strcasecmp (line->db, "Wikidata") != 0)
            {
              g_autofree char *key = g_strconcat ("ref:", line->db, NULL);

              if (!set_attribute (ann, line, &target->attrs, key, line->value, error))
                return FALSE;
            }
          break;

        case '#':
          if (g_str_equal (line->type, "AttestEntity"))
            break;
          target = lookup_annotatable (ann, line->target);
          if (target == NULL)
            return _attest_brat_fail_at (error, ann->path, line->line,
                                         _("%s: %s is not a span or relation in this file"),
                                         line->id, line->target);
          if (target->kind == 'R')
            {
              if (!set_attribute (ann, line, &target->attrs, "note", line->text, error))
                return FALSE;
            }
          else
            {
              append_note (target, g_str_equal (line->type, "AnnotatorNotes") ? NULL : line->type,
                           line->text);
            }
          break;

        case 'R':
        case 'E':
          {
            /* R: Arg1 and Arg2; E: its trigger, then its arguments. */
            if (line->kind == 'E' && lookup_text_bound (ann, line->target) == NULL)
              return _attest_brat_fail_at (error, ann->path, line->line,
                                           _("%s: the trigger %s is not a span in this file"),
                                           line->id, line->target);
            for (guint j = 0; line->args != NULL && line->args[j] != NULL; j += 2)
              if (lookup_text_bound (ann, line->args[j + 1]) == NULL)
                return _attest_brat_fail_at (error, ann->path, line->line,
                                             _("%s: %s is not a span in this file"),
                                             line->id, line->args[j + 1]);
          }
          break;

        default:
          break;
        }
    }

  return TRUE;
}

static const char *
head_id (Ann        *ann,
         const char *id)
{
  Line *line = lookup_text_bound (ann, id);

  return ((AttestSpan *) g_ptr_array_index (line->parts, 0))->id;
}

static gboolean
add_relation (Ann             *ann,
              AttestDocument  *document,
              Line            *line,
              const char      *type,
              const char      *from,
              const char      *to,
              char           **attrs,
              GError         **error)
{
  AttestRelation *relation = attest_import_new_relation (ann->context, type, from, to);
  g_autoptr(GError) local = NULL;

  relation->attrs = g_strdupv (attrs);
  if (!attest_document_add_relation (document, relation, &local))
    {
      attest_relation_free (relation);
      return _attest_brat_fail_at (error, ann->path, line->line, "%s", local->message);
    }

  return TRUE;
}

/* Role names may end in a number ("Theme2"), the way brat repeats one. */
static char *
role_type (const char *role)
{
  gsize len = strlen (role);

  while (len > 1 && g_ascii_isdigit (role[len - 1]))
    len--;

  return _attest_brat_decode_name (role, len);
}

AttestDocument *
_attest_brat_build_document (Ann         *ann,
                             AttestText  *text,
                             GError     **error)
{
  g_autoptr(AttestDocument) document = attest_document_new (text);
  g_autoptr(GArray) slots = g_array_new (FALSE, TRUE, sizeof (EntitySlot));
  g_autofree guint *entity_of = g_new0 (guint, ann->text_bounds->len + 1);
  g_autoptr(GError) local = NULL;

  g_array_set_clear_func (slots, entity_slot_clear);

  if (!resolve_annotations (ann, error) || !resolve_entities (ann, slots, entity_of, error))
    return NULL;

  /* Entities with ids first, so that new ones number after them. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < slots->len; i++)
      {
        EntitySlot *slot = &g_array_index (slots, EntitySlot, i);

        if (slot->added || (slot->entity->id == NULL) != (pass == 1))
          continue;
        if (!attest_document_add_entity (document, slot->entity, &local))
          {
            _attest_brat_fail_at (error, ann->path, 1, "%s", local->message);
            return NULL;
          }
        slot->added = TRUE;
      }

  for (guint i = 0; i < ann->text_bounds->len; i++)
    {
      Line *line = g_ptr_array_index (ann->text_bounds, i);
      const char *entity = NULL;

      if (entity_of[i] != 0)
        entity = g_array_index (slots, EntitySlot, entity_of[i] - 1).entity->id;

      if (!make_parts (ann, line, error))
        {
          g_ptr_array_foreach (line->parts, (GFunc) attest_span_free, NULL);
          g_ptr_array_set_size (line->parts, 0);
          return NULL;
        }
      for (guint j = 0; j < line->parts->len; j++)
        {
          AttestSpan *span = g_ptr_array_index (line->parts, j);

          span->attrs = g_strdupv (line->attrs);
          span->entity = g_strdup (entity);
          if (j == 0 && line->note != NULL)
            span->note = g_strdup (line->note->str);

          if (!attest_document_add_span (document, span, &local))
            {
              for (guint k = j; k < line->parts->len; k++)
                attest_span_free (g_ptr_array_index (line->parts, k));
              _attest_brat_fail_at (error, ann->path, line->line, "%s", local->message);
              return NULL;
            }
        }
    }

  for (guint i = 0; i < ann->lines->len; i++)
    {
      Line *line = g_ptr_array_index (ann->lines, i);

      if (line->kind == 'R')
        {
          if (!add_relation (ann, document, line, line->type,
                             head_id (ann, line->args[1]), head_id (ann, line->args[3]),
                             line->attrs, error))
            return NULL;
        }
      else if (line->kind == 'E')
        {
          for (guint j = 0; line->args != NULL && line->args[j] != NULL; j += 2)
            {
              g_autofree char *type = role_type (line->args[j]);

              if (!add_relation (ann, document, line, type, head_id (ann, line->target),
                                 head_id (ann, line->args[j + 1]), NULL, error))
                return NULL;
            }
        }
    }

  /* A span brat holds in parts: each later part continues the one before. */
  for (guint i = 0; i < ann->text_bounds->len; i++)
    {
      Line *line = g_ptr_array_index (ann->text_bounds, i);

      for (guint j = 1; j < line->parts->len; j++)
        {
          AttestSpan *part = g_ptr_array_index (line->parts, j);
          AttestSpan *before = g_ptr_array_index (line->parts, j - 1);

          if (!add_relation (ann, document, line, "continues", part->id, before->id, NULL, error))
            return NULL;
        }
    }

  return g_steal_pointer (&document);
}
