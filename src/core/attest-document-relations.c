/* attest-document-relations.c: relations, entities, suggestions, checks
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-document-private.h"
#include "attest-error.h"

/* Relations -------------------------------------------------------------- */

/* Inserts keeping id order; appending is the common case (new ids are
 * max + 1), so check the tail first. */
static void
insert_sorted (GPtrArray        *array,
               gpointer          item,
               GCompareFunc      compare)
{
  guint lo = 0, hi = array->len;

  if (hi == 0 || compare (&array->pdata[hi - 1], &item) < 0)
    {
      g_ptr_array_add (array, item);
      return;
    }

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (compare (&array->pdata[mid], &item) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  g_ptr_array_insert (array, lo, item);
}

static void
note_max (guint64    *max,
          const char *id)
{
  guint64 n;

  if (attest_id_parse (id, NULL, &n) && n > *max)
    *max = n;
}

/* Relations by span id, so removing a span with many relations in a
 * large document does not scan every relation. */
static void
link_relation (AttestDocument *self,
               const char     *span_id,
               AttestRelation *relation)
{
  GPtrArray *linked;

  if (span_id == NULL)
    return;

  if (!(linked = g_hash_table_lookup (self->relations_by_span, span_id)))
    {
      linked = g_ptr_array_new ();
      g_hash_table_insert (self->relations_by_span, g_strdup (span_id), linked);
    }
  g_ptr_array_add (linked, relation);
}

static void
unlink_relation (AttestDocument *self,
                 const char     *span_id,
                 AttestRelation *relation)
{
  GPtrArray *linked;

  if (span_id == NULL || !(linked = g_hash_table_lookup (self->relations_by_span, span_id)))
    return;

  g_ptr_array_remove_fast (linked, relation);
  if (linked->len == 0)
    g_hash_table_remove (self->relations_by_span, span_id);
}

/* Position of @relation in the id-ordered array, by binary search. */
static guint
relation_position (AttestDocument *self,
                   AttestRelation *relation)
{
  guint lo = 0, hi = self->relations->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      AttestRelation *r = g_ptr_array_index (self->relations, mid);
      int cmp = attest_id_compare (r->id, relation->id);

      if (cmp == 0)
        return mid;
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  g_assert_not_reached ();
  return 0;
}

/* Removes @relation from every index and hands it to the caller. */
AttestRelation *
_attest_document_take_relation (AttestDocument *self,
                                AttestRelation *relation)
{
  g_hash_table_remove (self->relations_by_id, relation->id);
  unlink_relation (self, relation->from, relation);
  unlink_relation (self, relation->to, relation);

  return g_ptr_array_steal_index (self->relations, relation_position (self, relation));
}

guint
attest_document_get_n_relations (AttestDocument *self)
{
  g_return_val_if_fail (ATTEST_IS_DOCUMENT (self), 0);

  return self->relations->len;
}

AttestRelation *
attest_document_get_relation (AttestDocument *self,
                              guint           position)
{
  g_return_val_if_fail (ATTEST_IS_DOCUMENT (self), NULL);

  if (position >= self->relations->len)
    return NULL;

  return g_ptr_array_index (self->relations, position);
}

AttestRelation *
attest_document_lookup_relation (AttestDocument *self,
                                 const char     *id)
{
  g_return_val_if_fail (ATTEST_IS_DOCUMENT (self), NULL);

  return id != NULL ? g_hash_table_lookup (self->relations_by_id, id) : NULL;
}

gboolean
attest_document_add_relation (AttestDocument  *self,
                              AttestRelation  *relation,
                              GError         **error)
{
  g_return_val_if_fail (ATTEST_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (relation != NULL, FALSE);

  if (relation->id == NULL)
    relation->id = attest_document_next_id (self, "r");
  else if (g_hash_table_contains (self->relations_by_id, relation->id))
    {
      g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_INVALID,
                   "the relation id \"%s\" is already used", relation->id);
      return FALSE;
    }

  note_max (&self->max_relation_id, relation->id);
  insert_sorted (self->relations, relation, attest_relation_compare_ids);
  g_hash_table_insert (self->relations_by_id, relation->id, relation);
  link_relation (self, relation->from, relation);
  if (g_strcmp0 (relation->from, relation->to) != 0)
    link_relation (self, relation->to, relation);

  g_signal_emit (self, attest_document_signals[ATTEST_DOCUMENT_RELATIONS_CHANGED], 0);
  _attest_document_emit_changed (self);

  return TRUE;
}

void
attest_document_remove_relation (AttestDocument *self,
                                 AttestRelation *relation)
{
  g_return_if_fail (ATTEST_IS_DOCUMENT (self));
  g_return_if_fail (relation != NULL);

  if (!g_hash_table_contains (self->relations_by_id, relation->id))
    g_return_if_reached ();

  attest_relation_free (_attest_document_take_relation (self, relation));

  g_signal_emit (self, attest_document_signals[ATTEST_DOCUMENT_RELATIONS_CHANGED], 0);
  _attest_document_emit_changed (self);
}

GPtrArray *
attest_document_get_relations_of (AttestDocument *self,
                                  const char     *span_id)
{
  GPtrArray *linked;
  GPtrArray *ret;

  g_return_val_if_fail (ATTEST_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (span_id != NULL, NULL);

  linked = g_hash_table_lookup (self->relations_by_span, span_id);
  ret = g_ptr_array_sized_new (linked != NULL ? linked->len : 0);
  for (guint i = 0; linked != NULL && i < linked->len; i++)
    g_ptr_array_add (ret, g_ptr_array_index (linked, i));
  g_ptr_array_sort (ret, attest_relation_compare_ids);

  return ret;
}

/* Entities --------------------------------------------------------------- */

guint
attest_document_get_n_entities (AttestDocument *self)
{
  g_return_val_if_fail (ATTEST_IS_DOCUMENT (self), 0);

  return self->entities->len;
}

AttestEntity *
attest_document_get_entity (AttestDocument *self,
                            guint           position)
{
  g_return_val_if_fail (ATTEST_IS_DOCUMENT (self), NULL);

  if (position >= self->entities->len)
    return NULL;

  return g_ptr_array_index (self->entities, position);
}

AttestEntity *
attest_document_lookup_entity (AttestDocument *self,
                               const char     *id)
{
  g_return_val_if_fail (ATTEST_IS_DOCUMENT (self), NULL);

  return id != NULL ? g_hash_table_lookup (self->entities_by_id, id) : NULL;
}

gboolean
attest_document_add_entity (AttestDocument  *self,
                            AttestEntity    *entity,
                            GError         **error)
{
  g_return_val_if_fail (ATTEST_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (entity != NULL, FALSE);

  if (entity->id == NULL)
    entity->id = attest_document_next_id (self, "e");
  else if (g_hash_table_contains (self->entities_by_id, entity->id))
    {
      g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_INVALID,
                   "the entity id \"%s\" is already used", entity->id);
      return FALSE;
    }

  note_max (&self->max_entity_id, entity->id);
  insert_sorted (self->entities, entity, attest_entity_compare_ids);
  g_hash_table_insert (self->entities_by_id, entity->id, entity);

  g_signal_emit (self, attest_document_signals[ATTEST_DOCUMENT_ENTITIES_CHANGED], 0);
  _attest_document_emit_changed (self);

  return TRUE;
}

void
attest_document_remove_entity (AttestDocument *self,
                               AttestEntity   *entity)
{
  g_return_if_fail (ATTEST_IS_DOCUMENT (self));
  g_return_if_fail (entity != NULL);

  if (!g_hash_table_remove (self->entities_by_id, entity->id))
    g_return_if_reached ();

  g_ptr_array_remove (self->entities, entity);

  g_signal_emit (self, attest_document_signals[ATTEST_DOCUMENT_ENTITIES_CHANGED], 0);
  _attest_document_emit_changed (self);
}

void
attest_document_entity_changed (AttestDocument *self,
                                AttestEntity   *entity)
{
  g_return_if_fail (ATTEST_IS_DOCUMENT (self));
  g_return_if_fail (entity != NULL);

  g_signal_emit (self, attest_document_signals[ATTEST_DOCUMENT_ENTITIES_CHANGED], 0);
  _attest_document_emit_changed (self);
}

/* Suggestions ------------------------------------------------------------ */

AttestSpanStore *
attest_document_get_suggested_spans (AttestDocument *self)
{
  g_return_val_if_fail (ATTEST_IS_DOCUMENT (self), NULL);

  return self->suggested_spans;
}

GPtrArray *
attest_document_get_suggested_relations (AttestDocument *self)
{
  g_return_val_if_fail (ATTEST_IS_DOCUMENT (self), NULL);

  return self->suggested_relations;
}

GPtrArray *
attest_document_get_rejected (AttestDocument *self)
{
  g_return_val_if_fail (ATTEST_IS_DOCUMENT (self), NULL);

  return self->rejected;
}

gboolean
attest_document_add_suggested_span (AttestDocument  *self,
                                    AttestSpan      *span,
                                    GError         **error)
{
  g_return_val_if_fail (ATTEST_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (span != NULL, FALSE);

  if (!_attest_document_add_span_to (self, self->suggested_spans, "p", span, error))
    return FALSE;

  g_signal_emit (self, attest_document_signals[ATTEST_DOCUMENT_SUGGESTIONS_CHANGED], 0);
  _attest_document_emit_changed (self);

  return TRUE;
}

gboolean
attest_document_add_suggested_relation (AttestDocument  *self,
                                        AttestRelation  *relation,
                                        GError         **error)
{
  g_return_val_if_fail (ATTEST_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (relation != NULL, FALSE);

  if (relation->id == NULL)
    relation->id = attest_document_next_id (self, "pr");

  if (g_hash_table_contains (self->suggested_relations_by_id, relation->id))
    {
      g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_INVALID,
                   "the suggested relation id \"%s\" is already used", relation->id);
      return FALSE;
    }

  note_max (&self->max_suggested_relation_id, relation->id);
  g_hash_table_add (self->suggested_relations_by_id, relation->id);
  insert_sorted (self->suggested_relations, relation, attest_relation_compare_ids);

  g_signal_emit (self, attest_document_signals[ATTEST_DOCUMENT_SUGGESTIONS_CHANGED], 0);
  _attest_document_emit_changed (self);

  return TRUE;
}

void
attest_document_remove_suggested_span (AttestDocument *self,
                                       AttestSpan     *span)
{
  g_return_if_fail (ATTEST_IS_DOCUMENT (self));
  g_return_if_fail (span != NULL);
  g_return_if_fail (attest_span_store_lookup (self->suggested_spans, span->id) == span);

  attest_span_store_remove (self->suggested_spans, span);

  g_signal_emit (self, attest_document_signals[ATTEST_DOCUMENT_SUGGESTIONS_CHANGED], 0);
  _attest_document_emit_changed (self);
}

void
attest_document_remove_suggested_relation (AttestDocument *self,
                                           AttestRelation *relation)
{
  g_return_if_fail (ATTEST_IS_DOCUMENT (self));
  g_return_if_fail (relation != NULL);

  if (!g_hash_table_remove (self->suggested_relations_by_id, relation->id))
    g_return_if_reached ();
  g_ptr_array_remove (self->suggested_relations, relation);

  g_signal_emit (self, attest_document_signals[ATTEST_DOCUMENT_SUGGESTIONS_CHANGED], 0);
  _attest_document_emit_changed (self);
}

void
attest_document_remove_rejected (AttestDocument       *self,
                                 const AttestRejected *rejected)
{
  g_return_if_fail (ATTEST_IS_DOCUMENT (self));
  g_return_if_fail (rejected != NULL);

  for (guint i = 0; i < self->rejected->len; i++)
    {
      const AttestRejected *r = g_ptr_array_index (self->rejected, i);

      if (r->label == rejected->label && r->start == rejected->start &&
          r->end == rejected->end && g_strcmp0 (r->rule, rejected->rule) == 0)
        {
          g_ptr_array_remove_index (self->rejected, i);
          g_signal_emit (self, attest_document_signals[ATTEST_DOCUMENT_SUGGESTIONS_CHANGED], 0);
          _attest_document_emit_changed (self);
          return;
        }
    }
}

void
attest_document_add_rejected (AttestDocument *self,
                              AttestRejected *rejected)
{
  g_return_if_fail (ATTEST_IS_DOCUMENT (self));
  g_return_if_fail (rejected != NULL);

  g_ptr_array_add (self->rejected, rejected);

  g_signal_emit (self, attest_document_signals[ATTEST_DOCUMENT_SUGGESTIONS_CHANGED], 0);
  _attest_document_emit_changed (self);
}

/* Checks ----------------------------------------------------------------- */

typedef struct
{
  AttestDocument *self;
  GPtrArray      *problems;
  const char     *what;
  guint           index;
} CheckSpans;

static gboolean
check_span_cb (AttestSpan *span,
               gpointer    user_data)
{
  CheckSpans *c = user_data;
  guint length = attest_text_get_length (c->self->text);

  if (span->end > length)
    g_ptr_array_add (c->problems,
                     g_strdup_printf ("%s[%u].end: %u is past the end of the text (%u)",
                                      c->what, c->index, span->end, length));
  if (span->entity != NULL &&
      !g_hash_table_contains (c->self->entities_by_id, span->entity))
    g_ptr_array_add (c->problems,
                     g_strdup_printf ("%s[%u].entity: no entity \"%s\"",
                                      c->what, c->index, span->entity));

  c->index++;

  return TRUE;
}

static void
check_relations (AttestDocument *self,
                 GPtrArray      *relations,
                 AttestSpanStore *spans,
                 const char     *what,
                 GPtrArray      *problems)
{
  for (guint i = 0; i < relations->len; i++)
    {
      const AttestRelation *r = g_ptr_array_index (relations, i);

      /* A suggested relation may point at a suggested span or a span. */
      if (attest_span_store_lookup (spans, r->from) == NULL &&
          attest_span_store_lookup (self->spans, r->from) == NULL)
        g_ptr_array_add (problems,
                         g_strdup_printf ("%s[%u].from: no span \"%s\"", what, i, r->from));
      if (attest_span_store_lookup (spans, r->to) == NULL &&
          attest_span_store_lookup (self->spans, r->to) == NULL)
        g_ptr_array_add (problems,
                         g_strdup_printf ("%s[%u].to: no span \"%s\"", what, i, r->to));
    }
}

gboolean
attest_document_check (AttestDocument *self,
                       GPtrArray      *problems)
{
  CheckSpans c;
  guint before;

  g_return_val_if_fail (ATTEST_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  before = problems->len;

  c.self = self;
  c.problems = problems;
  c.what = "spans";
  c.index = 0;
  attest_span_store_foreach (self->spans, check_span_cb, &c);

  c.what = "suggestions.spans";
  c.index = 0;
  attest_span_store_foreach (self->suggested_spans, check_span_cb, &c);

  check_relations (self, self->relations, self->spans, "relations", problems);
  check_relations (self, self->suggested_relations, self->suggested_spans,
                   "suggestions.relations", problems);

  return problems->len == before;
}
