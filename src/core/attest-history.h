/* attest-history.h: undo and redo of every annotation change
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "attest-document.h"
#include "attest-types.h"

G_BEGIN_DECLS

/* The history snapshots the objects a change touches: before the change
 * (attest_history_touch_*) and after it (at attest_history_end). Undo puts
 * the "before" states back, redo the "after" ones, by id — ids are stable,
 * so this holds whatever happened in between.
 *
 * Every edit the GUI makes goes through the attest_history_*() edit
 * functions below (or a begin / touch / mutate / end sequence), so that
 * everything an editor can do can be undone. */

#define ATTEST_TYPE_HISTORY (attest_history_get_type ())

G_DECLARE_FINAL_TYPE (AttestHistory, attest_history, ATTEST, HISTORY, GObject)

AttestHistory *attest_history_new              (AttestDocument *document);
AttestDocument *attest_history_get_document    (AttestHistory  *self);

/* Groups nest; the outermost end() closes one undo step. @name is shown
 * in the Undo tooltip ("Add Quote"). */
void           attest_history_begin            (AttestHistory  *self,
                                                const char     *name);
void           attest_history_end              (AttestHistory  *self);
void           attest_history_touch_span       (AttestHistory  *self,
                                                const char     *id);
void           attest_history_touch_relation   (AttestHistory  *self,
                                                const char     *id);
void           attest_history_touch_entity     (AttestHistory  *self,
                                                const char     *id);
void           attest_history_touch_suggestion (AttestHistory  *self,
                                                const char     *id);
void           attest_history_touch_status     (AttestHistory  *self);

gboolean       attest_history_can_undo         (AttestHistory  *self);
gboolean       attest_history_can_redo         (AttestHistory  *self);
const char    *attest_history_get_undo_name    (AttestHistory  *self);
const char    *attest_history_get_redo_name    (AttestHistory  *self);
gboolean       attest_history_undo             (AttestHistory  *self);
gboolean       attest_history_redo             (AttestHistory  *self);
void           attest_history_clear            (AttestHistory  *self);

/* Edits, each one undo step. They fill in provenance (by = @annotator,
 * origin = "manual", created = now, UTC). Return the new object or NULL. */
AttestSpan     *attest_history_add_span        (AttestHistory  *self,
                                                const char     *label,
                                                guint           start,
                                                guint           end,
                                                const char     *annotator);
void            attest_history_remove_span     (AttestHistory  *self,
                                                AttestSpan     *span);
void            attest_history_move_span       (AttestHistory  *self,
                                                AttestSpan     *span,
                                                guint           start,
                                                guint           end);
/* Clears a re-anchoring flag: the editor looked at the span and keeps
 * it where it is. Moving a span by hand clears it too. */
void            attest_history_mark_reviewed   (AttestHistory  *self,
                                                AttestSpan     *span);
void            attest_history_relabel_span    (AttestHistory  *self,
                                                AttestSpan     *span,
                                                const char     *label);
void            attest_history_set_span_attr   (AttestHistory  *self,
                                                AttestSpan     *span,
                                                const char     *key,
                                                const char     *value);
void            attest_history_set_span_note   (AttestHistory  *self,
                                                AttestSpan     *span,
                                                const char     *note);
void            attest_history_set_span_entity (AttestHistory  *self,
                                                AttestSpan     *span,
                                                const char     *entity_id);
AttestRelation *attest_history_add_relation    (AttestHistory  *self,
                                                const char     *type,
                                                const char     *from,
                                                const char     *to,
                                                const char     *annotator);
void            attest_history_remove_relation (AttestHistory  *self,
                                                AttestRelation *relation);
/* Adds an entity named @name (kind person unless given). */
AttestEntity   *attest_history_add_entity      (AttestHistory  *self,
                                                const char     *name,
                                                const char     *kind);
/* Replaces the entity's fields with those of @changed (same id). */
void            attest_history_update_entity   (AttestHistory  *self,
                                                const AttestEntity *changed);
void            attest_history_set_status      (AttestHistory  *self,
                                                AttestStatus    status);
/* Accepting turns a suggested span into a span (origin stays
 * "suggested:<rule>"), rejecting records it in suggestions.rejected. */
AttestSpan     *attest_history_accept_suggestion (AttestHistory *self,
                                                  AttestSpan    *suggestion,
                                                  const char    *annotator);
void            attest_history_reject_suggestion (AttestHistory *self,
                                                  AttestSpan    *suggestion);

/* "2026-11-28T10:00:00Z" for now. */
char           *attest_timestamp_now           (void);

G_END_DECLS
