/* attest-document.h: one article with its annotations
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attest-types.h"

G_BEGIN_DECLS

typedef enum
{
  ATTEST_STATUS_NEW,
  ATTEST_STATUS_IN_PROGRESS,
  ATTEST_STATUS_DONE,
} AttestStatus;

const char *attest_status_to_string   (AttestStatus  status);
gboolean    attest_status_from_string (const char   *str,
                                       AttestStatus *status);

#define ATTEST_TYPE_DOCUMENT (attest_document_get_type ())

G_DECLARE_FINAL_TYPE (AttestDocument, attest_document, ATTEST, DOCUMENT, GObject)

/* Signals (for the GUI):
 *   span-added     (AttestSpan *span)
 *   span-removed   (AttestSpan *span)          emitted before it is freed
 *   span-changed   (AttestSpan *span, guint old_start, guint old_end)
 *   relations-changed ()
 *   entities-changed  ()
 *   suggestions-changed ()
 *   changed ()     after any of the above and any metadata change
 *
 * Mutators that change annotations mark the document modified.
 */

AttestDocument *attest_document_new               (AttestText     *text);

AttestText     *attest_document_get_text          (AttestDocument *self);
/* Replaces the text. Offsets of spans are not touched: this is for the
 * re-anchoring code, which moves them itself. */
void            attest_document_set_text          (AttestDocument *self,
                                                   AttestText     *text);

/* document.file: the article's base name. */
const char     *attest_document_get_file_name     (AttestDocument *self);
void            attest_document_set_file_name     (AttestDocument *self,
                                                   const char     *file_name);
AttestStatus    attest_document_get_status        (AttestDocument *self);
void            attest_document_set_status        (AttestDocument *self,
                                                   AttestStatus    status);
const char     *attest_document_get_language      (AttestDocument *self);
void            attest_document_set_language      (AttestDocument *self,
                                                   const char     *language);
/* document.meta: title, source_url, published, and unknown string members,
 * kept sorted by key. */
const char     *attest_document_get_meta          (AttestDocument *self,
                                                   const char     *key);
void            attest_document_set_meta          (AttestDocument *self,
                                                   const char     *key,
                                                   const char     *value);
char * const   *attest_document_get_meta_all      (AttestDocument *self);   /* attrs vector */
const char     *attest_document_get_title         (AttestDocument *self);  /* meta title or file name */

const char     *attest_document_get_generator     (AttestDocument *self);
void            attest_document_set_generator     (AttestDocument *self,
                                                   const char     *generator);
const char     *attest_document_get_tagset_name   (AttestDocument *self);
gint64          attest_document_get_tagset_version (AttestDocument *self);
void            attest_document_set_tagset        (AttestDocument *self,
                                                   const char     *name,
                                                   gint64          version);

/* Unknown members, canonical JSON members text (see attest-span.h), per
 * object of the sidecar. */
typedef enum
{
  ATTEST_EXTRA_TOP,
  ATTEST_EXTRA_DOCUMENT,
  ATTEST_EXTRA_META,        /* non-string members of meta */
  ATTEST_EXTRA_TAGSET,
  ATTEST_EXTRA_SUGGESTIONS,
  ATTEST_N_EXTRA
} AttestExtra;

const char     *attest_document_get_extra         (AttestDocument *self,
                                                   AttestExtra     where);
void            attest_document_set_extra         (AttestDocument *self,
                                                   AttestExtra     where,
                                                   const char     *members);

/* The file's format version (1 for new documents). A document read from a
 * newer version is read-only. */
gint64          attest_document_get_version       (AttestDocument *self);
void            attest_document_set_version       (AttestDocument *self,
                                                   gint64          version);
gboolean        attest_document_get_read_only     (AttestDocument *self);
void            attest_document_set_read_only     (AttestDocument *self,
                                                   gboolean        read_only);
gboolean        attest_document_get_modified      (AttestDocument *self);
void            attest_document_set_modified      (AttestDocument *self,
                                                   gboolean        modified);

/* Spans ------------------------------------------------------------------ */

AttestSpanStore *attest_document_get_spans        (AttestDocument *self);
/* Takes ownership. If span->id is NULL a new id is given (max + 1). Fails
 * (returns FALSE, frees nothing) if the range is outside the text or the id
 * is taken. */
gboolean        attest_document_add_span          (AttestDocument *self,
                                                   AttestSpan     *span,
                                                   GError        **error);
/* Also removes relations that point at it; removed relations are appended
 * to @removed_relations when given (for undo). */
void            attest_document_remove_span       (AttestDocument *self,
                                                   AttestSpan     *span,
                                                   GPtrArray      *removed_relations);
void            attest_document_move_span         (AttestDocument *self,
                                                   AttestSpan     *span,
                                                   guint           start,
                                                   guint           end);
void            attest_document_relabel_span      (AttestDocument *self,
                                                   AttestSpan     *span,
                                                   const char     *label);
void            attest_document_set_span_attr     (AttestDocument *self,
                                                   AttestSpan     *span,
                                                   const char     *key,
                                                   const char     *value);
void            attest_document_set_span_note     (AttestDocument *self,
                                                   AttestSpan     *span,
                                                   const char     *note);
void            attest_document_set_span_entity   (AttestDocument *self,
                                                   AttestSpan     *span,
                                                   const char     *entity_id);
/* Copies every field of @values (range, label, attrs, note, entity,
 * provenance, flags, extra; not the id) into @span: for undo and redo. */
void            attest_document_update_span       (AttestDocument   *self,
                                                   AttestSpan       *span,
                                                   const AttestSpan *values);
char           *attest_document_next_id           (AttestDocument *self,
                                                   const char     *prefix);

/* Relations: in id order. ---------------------------------------------- */

guint           attest_document_get_n_relations   (AttestDocument *self);
AttestRelation *attest_document_get_relation      (AttestDocument *self,
                                                   guint           position);
AttestRelation *attest_document_lookup_relation   (AttestDocument *self,
                                                   const char     *id);
gboolean        attest_document_add_relation      (AttestDocument *self,
                                                   AttestRelation *relation,
                                                   GError        **error);
void            attest_document_remove_relation   (AttestDocument *self,
                                                   AttestRelation *relation);
/* Relations whose from or to is @span_id; a new array, not owning. */
GPtrArray      *attest_document_get_relations_of  (AttestDocument *self,
                                                   const char     *span_id);

/* Entities: in id order. ----------------------------------------------- */

guint           attest_document_get_n_entities    (AttestDocument *self);
AttestEntity   *attest_document_get_entity        (AttestDocument *self,
                                                   guint           position);
AttestEntity   *attest_document_lookup_entity     (AttestDocument *self,
                                                   const char     *id);
gboolean        attest_document_add_entity        (AttestDocument *self,
                                                   AttestEntity   *entity,
                                                   GError        **error);
void            attest_document_remove_entity     (AttestDocument *self,
                                                   AttestEntity   *entity);
void            attest_document_entity_changed    (AttestDocument *self,
                                                   AttestEntity   *entity);

/* Suggestions ------------------------------------------------------------ */

AttestSpanStore *attest_document_get_suggested_spans (AttestDocument *self);
GPtrArray      *attest_document_get_suggested_relations (AttestDocument *self); /* of AttestRelation */
GPtrArray      *attest_document_get_rejected      (AttestDocument *self);       /* of AttestRejected */
gboolean        attest_document_add_suggested_span (AttestDocument *self,
                                                    AttestSpan     *span,
                                                    GError        **error);
gboolean        attest_document_add_suggested_relation (AttestDocument *self,
                                                        AttestRelation *relation,
                                                        GError        **error);
void            attest_document_remove_suggested_span (AttestDocument *self,
                                                       AttestSpan     *span);
void            attest_document_remove_suggested_relation (AttestDocument *self,
                                                           AttestRelation *relation);
/* Removes the first rejected entry equal to @rejected (label, range, rule). */
void            attest_document_remove_rejected   (AttestDocument       *self,
                                                   const AttestRejected *rejected);
void            attest_document_add_rejected      (AttestDocument *self,
                                                   AttestRejected *rejected);

/* Checks references: relation from/to name spans, span entity names an
 * entity, ids unique, offsets inside the text. Appends one message per
 * problem to @problems ("relations[3].to: no span \"s9\""). Returns TRUE
 * when there are none. */
gboolean        attest_document_check             (AttestDocument *self,
                                                   GPtrArray      *problems);

G_END_DECLS
