/* attest-document-private.h: shared by attest-document*.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-document.h"
#include "attest-span.h"
#include "attest-span-store.h"
#include "attest-text.h"

G_BEGIN_DECLS

struct _AttestDocument
{
  GObject          parent_instance;

  AttestText      *text;
  char            *file_name;
  char            *language;
  char           **meta;              /* attrs vector */
  char            *generator;
  char            *tagset_name;
  gint64           tagset_version;
  char            *extra[ATTEST_N_EXTRA];
  gint64           version;

  AttestSpanStore *spans;
  GPtrArray       *relations;         /* of AttestRelation, id order */
  GHashTable      *relations_by_id;
  GHashTable      *relations_by_span; /* span id -> GPtrArray of relations */
  GPtrArray       *entities;          /* of AttestEntity, id order */
  GHashTable      *entities_by_id;
  AttestSpanStore *suggested_spans;
  GPtrArray       *suggested_relations;
  GHashTable      *suggested_relations_by_id;
  GPtrArray       *rejected;
  guint64          max_relation_id;
  guint64          max_entity_id;
  guint64          max_suggested_relation_id;

  AttestStatus     status;
  guint            read_only : 1;
  guint            modified : 1;
};

enum {
  ATTEST_DOCUMENT_SPAN_ADDED,
  ATTEST_DOCUMENT_SPAN_REMOVED,
  ATTEST_DOCUMENT_SPAN_CHANGED,
  ATTEST_DOCUMENT_RELATIONS_CHANGED,
  ATTEST_DOCUMENT_ENTITIES_CHANGED,
  ATTEST_DOCUMENT_SUGGESTIONS_CHANGED,
  ATTEST_DOCUMENT_CHANGED,
  ATTEST_DOCUMENT_N_SIGNALS
};

extern guint attest_document_signals[ATTEST_DOCUMENT_N_SIGNALS];

/* g_set_str() is GLib 2.76; Debian 12 has 2.74. */
gboolean        _attest_set_str                 (char           **ptr,
                                                 const char      *value);
/* Marks the document modified and emits "changed". */
void            _attest_document_emit_changed   (AttestDocument  *self);
gboolean        _attest_document_check_range    (AttestDocument  *self,
                                                 guint            start,
                                                 guint            end,
                                                 GError         **error);
gboolean        _attest_document_add_span_to    (AttestDocument  *self,
                                                 AttestSpanStore *store,
                                                 const char      *prefix,
                                                 AttestSpan      *span,
                                                 GError         **error);
/* Removes @relation from every index; the caller owns it then. */
AttestRelation *_attest_document_take_relation  (AttestDocument  *self,
                                                 AttestRelation  *relation);

G_END_DECLS
