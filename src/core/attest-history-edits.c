/* attest-history-edits.c: the edits the GUI makes, each one undo step
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

/* Edits ------------------------------------------------------------------ */

char *
attest_timestamp_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static void
set_provenance (const char **by,
                const char **origin,
                char       **created,
                const char  *annotator)
{
  *by = annotator != NULL && *annotator != '\0' ? g_intern_string (annotator) : NULL;
  *origin = g_intern_static_string ("manual");
  g_free (*created);
  *created = attest_timestamp_now ();
}

AttestSpan *
attest_history_add_span (AttestHistory *self,
                         const char    *label,
                         guint          start,
                         guint          end,
                         const char    *annotator)
{
  AttestSpan *span;

  g_return_val_if_fail (ATTEST_IS_HISTORY (self), NULL);
  g_return_val_if_fail (label != NULL, NULL);

  span = attest_span_new (NULL, label, start, end);
  set_provenance (&span->by, &span->origin, &span->created, annotator);
  span->id = attest_document_next_id (attest_history_get_document (self), "s");

  attest_history_begin (self, NULL);
  attest_history_touch_span (self, span->id);
  if (!attest_document_add_span (attest_history_get_document (self), span, NULL))
    g_clear_pointer (&span, attest_span_free);
  attest_history_end (self);

  return span;
}

static void
touch_relations_of (AttestHistory *self,
                    const char    *span_id)
{
  g_autoptr(GPtrArray) relations = attest_document_get_relations_of (attest_history_get_document (self), span_id);

  for (guint i = 0; i < relations->len; i++)
    attest_history_touch_relation (self, ((AttestRelation *) relations->pdata[i])->id);
}

void
attest_history_remove_span (AttestHistory *self,
                            AttestSpan    *span)
{
  g_return_if_fail (ATTEST_IS_HISTORY (self));
  g_return_if_fail (span != NULL);

  attest_history_begin (self, NULL);
  touch_relations_of (self, span->id);
  attest_history_touch_span (self, span->id);
  attest_document_remove_span (attest_history_get_document (self), span, NULL);
  attest_history_end (self);
}

void
attest_history_move_span (AttestHistory *self,
                          AttestSpan    *span,
                          guint          start,
                          guint          end)
{
  g_return_if_fail (ATTEST_IS_HISTORY (self));
  g_return_if_fail (span != NULL);

  attest_history_begin (self, "move");
  attest_history_touch_span (self, span->id);
  if (span->flags != ATTEST_SPAN_FLAG_NONE)
    {
      /* Placed by hand: the editor has reviewed it. */
      AttestSpan values = *span;

      values.start = start;
      values.end = end;
      values.flags = ATTEST_SPAN_FLAG_NONE;
      values.old_text = NULL;
      attest_document_update_span (attest_history_get_document (self), span, &values);
    }
  else
    attest_document_move_span (attest_history_get_document (self), span, start, end);
  attest_history_end (self);
}

void
attest_history_mark_reviewed (AttestHistory *self,
                              AttestSpan    *span)
{
  AttestSpan values;

  g_return_if_fail (ATTEST_IS_HISTORY (self));
  g_return_if_fail (span != NULL);

  if (span->flags == ATTEST_SPAN_FLAG_NONE)
    return;

  values = *span;
  values.flags = ATTEST_SPAN_FLAG_NONE;
  values.old_text = NULL;

  attest_history_begin (self, NULL);
  attest_history_touch_span (self, span->id);
  attest_document_update_span (attest_history_get_document (self), span, &values);
  attest_history_end (self);
}

void
attest_history_relabel_span (AttestHistory *self,
                             AttestSpan    *span,
                             const char    *label)
{
  g_return_if_fail (ATTEST_IS_HISTORY (self));
  g_return_if_fail (span != NULL);

  attest_history_begin (self, NULL);
  attest_history_touch_span (self, span->id);
  attest_document_relabel_span (attest_history_get_document (self), span, label);
  attest_history_end (self);
}

void
attest_history_set_span_attr (AttestHistory *self,
                              AttestSpan    *span,
                              const char    *key,
                              const char    *value)
{
  g_return_if_fail (ATTEST_IS_HISTORY (self));
  g_return_if_fail (span != NULL);

  attest_history_begin (self, NULL);
  attest_history_touch_span (self, span->id);
  attest_document_set_span_attr (attest_history_get_document (self), span, key, value);
  attest_history_end (self);
}

void
attest_history_set_span_note (AttestHistory *self,
                              AttestSpan    *span,
                              const char    *note)
{
  g_return_if_fail (ATTEST_IS_HISTORY (self));
  g_return_if_fail (span != NULL);

  attest_history_begin (self, "note");
  attest_history_touch_span (self, span->id);
  attest_document_set_span_note (attest_history_get_document (self), span, note);
  attest_history_end (self);
}

void
attest_history_set_span_entity (AttestHistory *self,
                                AttestSpan    *span,
                                const char    *entity_id)
{
  g_return_if_fail (ATTEST_IS_HISTORY (self));
  g_return_if_fail (span != NULL);

  attest_history_begin (self, NULL);
  attest_history_touch_span (self, span->id);
  attest_document_set_span_entity (attest_history_get_document (self), span, entity_id);
  attest_history_end (self);
}

AttestRelation *
attest_history_add_relation (AttestHistory *self,
                             const char    *type,
                             const char    *from,
                             const char    *to,
                             const char    *annotator)
{
  AttestRelation *relation;

  g_return_val_if_fail (ATTEST_IS_HISTORY (self), NULL);

  relation = attest_relation_new (NULL, type, from, to);
  set_provenance (&relation->by, &relation->origin, &relation->created, annotator);
  relation->id = attest_document_next_id (attest_history_get_document (self), "r");

  attest_history_begin (self, NULL);
  attest_history_touch_relation (self, relation->id);
  if (!attest_document_add_relation (attest_history_get_document (self), relation, NULL))
    g_clear_pointer (&relation, attest_relation_free);
  attest_history_end (self);

  return relation;
}

void
attest_history_remove_relation (AttestHistory  *self,
                                AttestRelation *relation)
{
  g_return_if_fail (ATTEST_IS_HISTORY (self));
  g_return_if_fail (relation != NULL);

  attest_history_begin (self, NULL);
  attest_history_touch_relation (self, relation->id);
  attest_document_remove_relation (attest_history_get_document (self), relation);
  attest_history_end (self);
}

AttestEntity *
attest_history_add_entity (AttestHistory *self,
                           const char    *name,
                           const char    *kind)
{
  AttestEntity *entity;

  g_return_val_if_fail (ATTEST_IS_HISTORY (self), NULL);

  entity = attest_entity_new (NULL, name, kind != NULL ? kind : "person");
  entity->id = attest_document_next_id (attest_history_get_document (self), "e");

  attest_history_begin (self, NULL);
  attest_history_touch_entity (self, entity->id);
  if (!attest_document_add_entity (attest_history_get_document (self), entity, NULL))
    g_clear_pointer (&entity, attest_entity_free);
  attest_history_end (self);

  return entity;
}

void
attest_history_update_entity (AttestHistory      *self,
                              const AttestEntity *changed)
{
  g_return_if_fail (ATTEST_IS_HISTORY (self));
  g_return_if_fail (changed != NULL);

  attest_history_begin (self, "entity");
  attest_history_touch_entity (self, changed->id);
  _attest_history_restore_entity (self, changed->id, changed);
  attest_history_end (self);
}

void
attest_history_set_status (AttestHistory *self,
                           AttestStatus   status)
{
  g_return_if_fail (ATTEST_IS_HISTORY (self));

  attest_history_begin (self, NULL);
  attest_history_touch_status (self);
  attest_document_set_status (attest_history_get_document (self), status);
  attest_history_end (self);
}

AttestSpan *
attest_history_accept_suggestion (AttestHistory *self,
                                  AttestSpan    *suggestion,
                                  const char    *annotator)
{
  AttestSpan *span;

  g_return_val_if_fail (ATTEST_IS_HISTORY (self), NULL);
  g_return_val_if_fail (suggestion != NULL, NULL);

  span = attest_span_copy (suggestion);
  g_free (span->id);
  span->id = attest_document_next_id (attest_history_get_document (self), "s");
  /* Who accepted it; the origin keeps the rule that proposed it. */
  span->by = annotator != NULL && *annotator != '\0' ? g_intern_string (annotator) : suggestion->by;
  g_free (span->created);
  span->created = attest_timestamp_now ();

  attest_history_begin (self, NULL);
  attest_history_touch_suggestion (self, suggestion->id);
  attest_history_touch_span (self, span->id);
  attest_document_remove_suggested_span (attest_history_get_document (self), suggestion);
  if (!attest_document_add_span (attest_history_get_document (self), span, NULL))
    g_clear_pointer (&span, attest_span_free);
  attest_history_end (self);

  return span;
}

void
attest_history_reject_suggestion (AttestHistory *self,
                                  AttestSpan    *suggestion)
{
  const char *rule;
  AttestRejected *rejected;

  g_return_if_fail (ATTEST_IS_HISTORY (self));
  g_return_if_fail (suggestion != NULL);

  rule = suggestion->origin != NULL && g_str_has_prefix (suggestion->origin, "suggested:")
         ? suggestion->origin + strlen ("suggested:") : suggestion->origin;

  attest_history_begin (self, NULL);
  attest_history_touch_suggestion (self, suggestion->id);

  rejected = attest_rejected_new (suggestion->label, suggestion->start, suggestion->end, rule);
  _attest_history_record_rejected (self, rejected);
  attest_document_add_rejected (attest_history_get_document (self), rejected);
  attest_document_remove_suggested_span (attest_history_get_document (self), suggestion);
  attest_history_end (self);
}
