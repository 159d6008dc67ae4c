/* attest-history.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-document.h"
#include "attest-history-private.h"
#include "attest-span.h"
#include "attest-span-store.h"

typedef enum
{
  KIND_SPAN,
  KIND_RELATION,
  KIND_ENTITY,
  KIND_SUGGESTION,
  KIND_STATUS,
  KIND_REJECTED,
} Kind;

/* One object's state before and after a step; NULL means absent. */
typedef struct
{
  Kind      kind;
  char     *id;
  gpointer  before;
  gpointer  after;
  guint     status_before;
  guint     status_after;
} Change;

typedef struct
{
  char       *name;
  GPtrArray  *changes;    /* of Change */
  GHashTable *touched;    /* "kind:id" of each change, while the step is open */
  gint64      time;
} Step;

struct _AttestHistory
{
  GObject         parent_instance;

  AttestDocument *document;
  GPtrArray      *undo;   /* of Step, oldest first */
  GPtrArray      *redo;   /* of Step, next to redo last */
  Step           *open;
  guint           depth;
  guint           applying : 1;
};

G_DEFINE_FINAL_TYPE (AttestHistory, attest_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Steps of the same name on the same single object this close together
 * are one undo step: typing a note, or growing a span word by word. */
#define MERGE_USEC (G_USEC_PER_SEC)

static void
free_state (Kind     kind,
            gpointer state)
{
  if (state == NULL)
    return;

  switch (kind)
    {
    case KIND_SPAN:
    case KIND_SUGGESTION:
      attest_span_free (state);
      break;

    case KIND_RELATION:
      attest_relation_free (state);
      break;

    case KIND_ENTITY:
      attest_entity_free (state);
      break;

    case KIND_REJECTED:
      attest_rejected_free (state);
      break;

    case KIND_STATUS:
    default:
      break;
    }
}

static void
change_free (Change *change)
{
  free_state (change->kind, change->before);
  free_state (change->kind, change->after);
  g_free (change->id);
  g_free (change);
}

static void
step_free (Step *step)
{
  g_ptr_array_unref (step->changes);
  g_clear_pointer (&step->touched, g_hash_table_unref);
  g_free (step->name);
  g_free (step);
}

static gpointer
snapshot (AttestHistory *self,
          Kind           kind,
          const char    *id)
{
  AttestDocument *doc = self->document;
  gpointer object;

  switch (kind)
    {
    case KIND_SPAN:
      object = attest_span_store_lookup (attest_document_get_spans (doc), id);
      return object != NULL ? attest_span_copy (object) : NULL;

    case KIND_SUGGESTION:
      object = attest_span_store_lookup (attest_document_get_suggested_spans (doc), id);
      return object != NULL ? attest_span_copy (object) : NULL;

    case KIND_RELATION:
      object = attest_document_lookup_relation (doc, id);
      return object != NULL ? attest_relation_copy (object) : NULL;

    case KIND_ENTITY:
      object = attest_document_lookup_entity (doc, id);
      return object != NULL ? attest_entity_copy (object) : NULL;

    case KIND_STATUS:
    case KIND_REJECTED:
    default:
      return NULL;
    }
}

static void
restore_span (AttestHistory    *self,
              AttestSpanStore  *store,
              const char       *id,
              const AttestSpan *target,
              gboolean          suggestion)
{
  AttestDocument *doc = self->document;
  AttestSpan *current = attest_span_store_lookup (store, id);

  if (current != NULL && target == NULL)
    {
      if (suggestion)
        attest_document_remove_suggested_span (doc, current);
      else
        attest_document_remove_span (doc, current, NULL);
    }
  else if (current == NULL && target != NULL)
    {
      if (suggestion)
        attest_document_add_suggested_span (doc, attest_span_copy (target), NULL);
      else
        attest_document_add_span (doc, attest_span_copy (target), NULL);
    }
  else if (current != NULL && target != NULL)
    attest_document_update_span (doc, current, target);
}

void
_attest_history_restore_entity (AttestHistory      *self,
                                const char         *id,
                                const AttestEntity *target)
{
  AttestEntity *current = attest_document_lookup_entity (self->document, id);

  if (current != NULL && target == NULL)
    attest_document_remove_entity (self->document, current);
  else if (current == NULL && target != NULL)
    attest_document_add_entity (self->document, attest_entity_copy (target), NULL);
  else if (current != NULL && target != NULL)
    {
      g_free (current->name);
      current->name = g_strdup (target->name);
      current->kind = target->kind;
      g_free (current->wikidata);
      current->wikidata = g_strdup (target->wikidata);
      g_strfreev (current->aliases);
      current->aliases = g_strdupv (target->aliases);
      g_free (current->extra);
      current->extra = g_strdup (target->extra);
      attest_document_entity_changed (self->document, current);
    }
}

static void
apply (AttestHistory *self,
       Change        *change,
       gboolean       forward)
{
  gpointer target = forward ? change->after : change->before;
  gpointer other = forward ? change->before : change->after;
  AttestDocument *doc = self->document;
  AttestRelation *relation;

  switch (change->kind)
    {
    case KIND_SPAN:
      restore_span (self, attest_document_get_spans (doc), change->id, target, FALSE);
      break;

    case KIND_SUGGESTION:
      restore_span (self, attest_document_get_suggested_spans (doc), change->id, target, TRUE);
      break;

    case KIND_RELATION:
      /* Relations have no fields edited in place: remove and add back. */
      if ((relation = attest_document_lookup_relation (doc, change->id)) != NULL)
        attest_document_remove_relation (doc, relation);
      if (target != NULL)
        attest_document_add_relation (doc, attest_relation_copy (target), NULL);
      break;

    case KIND_ENTITY:
      _attest_history_restore_entity (self, change->id, target);
      break;

    case KIND_STATUS:
      attest_document_set_status (doc, forward ? change->status_after : change->status_before);
      break;

    case KIND_REJECTED:
      if (other != NULL)
        attest_document_remove_rejected (doc, other);
      if (target != NULL)
        attest_document_add_rejected (doc, attest_rejected_copy (target));
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
attest_history_dispose (GObject *object)
{
  AttestHistory *self = (AttestHistory *)object;

  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->open, step_free);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (attest_history_parent_class)->dispose (object);
}

static void
attest_history_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AttestHistory *self = ATTEST_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, attest_history_can_undo (self));
      break;

    case PROP_CAN_REDO:
      g_value_set_boolean (value, attest_history_can_redo (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_history_class_init (AttestHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = attest_history_dispose;
  object_class->get_property = attest_history_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
attest_history_init (AttestHistory *self)
{
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
}

AttestHistory *
attest_history_new (AttestDocument *document)
{
  AttestHistory *self;

  g_return_val_if_fail (ATTEST_IS_DOCUMENT (document), NULL);

  self = g_object_new (ATTEST_TYPE_HISTORY, NULL);
  self->document = g_object_ref (document);

  return self;
}

AttestDocument *
attest_history_get_document (AttestHistory *self)
{
  g_return_val_if_fail (ATTEST_IS_HISTORY (self), NULL);

  return self->document;
}

static void
notify_can (AttestHistory *self,
            gboolean       could_undo,
            gboolean       could_redo)
{
  if (could_undo != attest_history_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != attest_history_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

void
attest_history_begin (AttestHistory *self,
                      const char    *name)
{
  g_return_if_fail (ATTEST_IS_HISTORY (self));
  g_return_if_fail (!self->applying);

  if (self->depth++ > 0)
    return;

  self->open = g_new0 (Step, 1);
  self->open->name = g_strdup (name);
  self->open->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  self->open->touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->open->time = g_get_monotonic_time ();
}

static void
touch (AttestHistory *self,
       Kind           kind,
       const char    *id)
{
  Change *change;

  g_return_if_fail (ATTEST_IS_HISTORY (self));
  g_return_if_fail (self->open != NULL);

  /* The first "before" of a step is the one to go back to. A step may
   * touch thousands of objects (Accept All), so look it up by key. */
  if (!g_hash_table_add (self->open->touched, g_strdup_printf ("%d:%s", kind, id != NULL ? id : "")))
    return;

  change = g_new0 (Change, 1);
  change->kind = kind;
  change->id = g_strdup (id);
  if (kind == KIND_STATUS)
    change->status_before = attest_document_get_status (self->document);
  else
    change->before = snapshot (self, kind, id);
  g_ptr_array_add (self->open->changes, change);
}

void
attest_history_touch_span (AttestHistory *self,
                           const char    *id)
{
  touch (self, KIND_SPAN, id);
}

void
attest_history_touch_relation (AttestHistory *self,
                               const char    *id)
{
  touch (self, KIND_RELATION, id);
}

void
attest_history_touch_entity (AttestHistory *self,
                             const char    *id)
{
  touch (self, KIND_ENTITY, id);
}

void
attest_history_touch_suggestion (AttestHistory *self,
                                 const char    *id)
{
  touch (self, KIND_SUGGESTION, id);
}

void
attest_history_touch_status (AttestHistory *self)
{
  touch (self, KIND_STATUS, NULL);
}

static gboolean
try_merge (AttestHistory *self,
           Step          *step)
{
  Step *last;
  Change *a, *b;

  if (self->undo->len == 0 || step->changes->len != 1)
    return FALSE;

  last = g_ptr_array_index (self->undo, self->undo->len - 1);
  if (step->name == NULL || last->changes->len != 1 || g_strcmp0 (last->name, step->name) != 0 ||
      step->time - last->time > MERGE_USEC)
    return FALSE;

  a = g_ptr_array_index (last->changes, 0);
  b = g_ptr_array_index (step->changes, 0);
  if (a->kind != b->kind || g_strcmp0 (a->id, b->id) != 0 ||
      a->kind == KIND_REJECTED || a->after == NULL || b->before == NULL)
    return FALSE;

  free_state (a->kind, a->after);
  a->after = g_steal_pointer (&b->after);
  a->status_after = b->status_after;
  last->time = step->time;

  return TRUE;
}

void
attest_history_end (AttestHistory *self)
{
  gboolean could_undo, could_redo;
  Step *step;

  g_return_if_fail (ATTEST_IS_HISTORY (self));
  g_return_if_fail (self->depth > 0);

  if (--self->depth > 0)
    return;

  step = g_steal_pointer (&self->open);
  g_clear_pointer (&step->touched, g_hash_table_unref);
  for (guint i = 0; i < step->changes->len; i++)
    {
      Change *change = g_ptr_array_index (step->changes, i);

      if (change->kind == KIND_STATUS)
        change->status_after = attest_document_get_status (self->document);
      else if (change->kind != KIND_REJECTED)
        change->after = snapshot (self, change->kind, change->id);
    }

  if (step->changes->len == 0)
    {
      step_free (step);
      return;
    }

  could_undo = attest_history_can_undo (self);
  could_redo = attest_history_can_redo (self);

  g_ptr_array_set_size (self->redo, 0);
  if (try_merge (self, step))
    step_free (step);
  else
    g_ptr_array_add (self->undo, step);

  notify_can (self, could_undo, could_redo);
}

gboolean
attest_history_can_undo (AttestHistory *self)
{
  g_return_val_if_fail (ATTEST_IS_HISTORY (self), FALSE);

  return self->undo->len > 0;
}

gboolean
attest_history_can_redo (AttestHistory *self)
{
  g_return_val_if_fail (ATTEST_IS_HISTORY (self), FALSE);

  return self->redo->len > 0;
}

const char *
attest_history_get_undo_name (AttestHistory *self)
{
  g_return_val_if_fail (ATTEST_IS_HISTORY (self), NULL);

  if (self->undo->len == 0)
    return NULL;

  return ((Step *) g_ptr_array_index (self->undo, self->undo->len - 1))->name;
}

const char *
attest_history_get_redo_name (AttestHistory *self)
{
  g_return_val_if_fail (ATTEST_IS_HISTORY (self), NULL);

  if (self->redo->len == 0)
    return NULL;

  return ((Step *) g_ptr_array_index (self->redo, self->redo->len - 1))->name;
}

static gboolean
move_step (AttestHistory *self,
           GPtrArray     *from,
           GPtrArray     *to,
           gboolean       forward)
{
  gboolean could_undo, could_redo;
  Step *step;

  g_return_val_if_fail (self->depth == 0, FALSE);

  if (from->len == 0)
    return FALSE;

  could_undo = attest_history_can_undo (self);
  could_redo = attest_history_can_redo (self);

  step = g_ptr_array_steal_index (from, from->len - 1);
  self->applying = TRUE;
  if (forward)
    for (guint i = 0; i < step->changes->len; i++)
      apply (self, g_ptr_array_index (step->changes, i), TRUE);
  else
    for (guint i = step->changes->len; i > 0; i--)
      apply (self, g_ptr_array_index (step->changes, i - 1), FALSE);
  self->applying = FALSE;
  /* An undone step is never merged with the next edit. */
  step->time = 0;
  g_ptr_array_add (to, step);

  notify_can (self, could_undo, could_redo);

  return TRUE;
}

gboolean
attest_history_undo (AttestHistory *self)
{
  g_return_val_if_fail (ATTEST_IS_HISTORY (self), FALSE);

  return move_step (self, self->undo, self->redo, FALSE);
}

gboolean
attest_history_redo (AttestHistory *self)
{
  g_return_val_if_fail (ATTEST_IS_HISTORY (self), FALSE);

  return move_step (self, self->redo, self->undo, TRUE);
}

void
attest_history_clear (AttestHistory *self)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (ATTEST_IS_HISTORY (self));

  could_undo = attest_history_can_undo (self);
  could_redo = attest_history_can_redo (self);
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  notify_can (self, could_undo, could_redo);
}

/* A rejected suggestion is not an object with an id: the open step
 * records it as it is (the step owns a copy). */
void
_attest_history_record_rejected (AttestHistory        *self,
                                 const AttestRejected *rejected)
{
  Change *change;

  g_assert (self->open != NULL);

  change = g_new0 (Change, 1);
  change->kind = KIND_REJECTED;
  change->after = attest_rejected_copy (rejected);
  g_ptr_array_add (self->open->changes, change);
}
