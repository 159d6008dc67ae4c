/* attest-span.h: spans, relations, entities and rejected suggestions
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "attest-types.h"

G_BEGIN_DECLS

/* Plain structs, not GObjects: a document holds up to 100,000 spans and
 * each must cost well under 600 bytes with its index.
 *
 * String conventions:
 * - `label`, `type`, `by`, `origin` and `kind` are interned with
 *   g_intern_string(): compare them by pointer, never free them. Their set
 *   of values is small (labels, annotators, rules).
 * - every other char * is owned by the struct (g_free).
 * - `attrs` is NULL or a NULL-terminated vector of alternating key, value
 *   strings, sorted by key (see attest_attrs_*()).
 * - `extra` is NULL or the members Attest does not know, kept verbatim as
 *   canonical JSON *members* (`"k": v, "k2": v2`, without braces), written
 *   back unchanged after the known members.
 */

typedef enum
{
  ATTEST_SPAN_FLAG_NONE     = 0,
  /* Re-anchoring: the covered text changed under the span. */
  ATTEST_SPAN_FLAG_CHANGED  = 1 << 0,
  /* Re-anchoring: the covered text was deleted; the span is now empty
   * or collapsed onto its nearest surviving position. */
  ATTEST_SPAN_FLAG_DELETED  = 1 << 1,
} AttestSpanFlags;

struct _AttestSpan
{
  /* Interval-index node, owned by AttestSpanStore. Do not touch. */
  AttestSpan  *node_left;
  AttestSpan  *node_right;
  AttestSpan  *node_parent;
  guint        node_max_end;
  guint        node_size;
  guint        node_priority;

  guint        start;       /* code points, inclusive */
  guint        end;         /* code points, exclusive; end >= start */
  guint        flags;       /* AttestSpanFlags */

  char        *id;          /* "s1" */
  const char  *label;       /* interned */
  char       **attrs;
  char        *note;
  char        *entity;      /* entity id, for speakers */
  const char  *by;          /* interned, annotator */
  const char  *origin;      /* interned: "manual", "suggested:<rule>", "imported:<fmt>" */
  char        *created;     /* ISO-8601 UTC, "2026-11-28T10:00:00Z" */
  char        *old_text;    /* set with a re-anchoring flag: the text before */
  char        *extra;
};

struct _AttestRelation
{
  char        *id;          /* "r1" */
  const char  *type;        /* interned, "said-by" */
  char        *from;        /* span id */
  char        *to;          /* span id */
  char       **attrs;
  const char  *by;
  const char  *origin;
  char        *created;
  char        *extra;
};

struct _AttestEntity
{
  char        *id;          /* "e1" */
  char        *name;
  const char  *kind;        /* interned: person, organisation, anonymous, other */
  char        *wikidata;    /* "Q42" or NULL */
  char       **aliases;     /* NULL-terminated, may be NULL */
  char        *extra;
};

/* A rejected suggestion: never proposed again. */
struct _AttestRejected
{
  const char  *label;       /* interned; a relation type for relations */
  guint        start;
  guint        end;
  char        *rule;
  char        *extra;
};

#define ATTEST_TYPE_SPAN     (attest_span_get_type ())
#define ATTEST_TYPE_RELATION (attest_relation_get_type ())
#define ATTEST_TYPE_ENTITY   (attest_entity_get_type ())

GType           attest_span_get_type       (void) G_GNUC_CONST;
GType           attest_relation_get_type   (void) G_GNUC_CONST;
GType           attest_entity_get_type     (void) G_GNUC_CONST;

AttestSpan     *attest_span_new            (const char       *id,
                                            const char       *label,
                                            guint             start,
                                            guint             end);
/* Deep copy; the copy is not in any store. */
AttestSpan     *attest_span_copy           (const AttestSpan *span);
void            attest_span_free           (AttestSpan       *span);
/* (start, end, label, id): the sidecar's order. */
int             attest_span_compare        (const AttestSpan *a,
                                            const AttestSpan *b);
const char     *attest_span_get_attr       (const AttestSpan *span,
                                            const char       *key);

AttestRelation *attest_relation_new        (const char       *id,
                                            const char       *type,
                                            const char       *from,
                                            const char       *to);
AttestRelation *attest_relation_copy       (const AttestRelation *relation);
void            attest_relation_free       (AttestRelation   *relation);

AttestEntity   *attest_entity_new          (const char       *id,
                                            const char       *name,
                                            const char       *kind);
AttestEntity   *attest_entity_copy         (const AttestEntity *entity);
void            attest_entity_free         (AttestEntity     *entity);

AttestRejected *attest_rejected_new        (const char       *label,
                                            guint             start,
                                            guint             end,
                                            const char       *rule);
AttestRejected *attest_rejected_copy       (const AttestRejected *rejected);
void            attest_rejected_free       (AttestRejected   *rejected);

/* GCompareFunc for arrays of AttestRelation * / AttestEntity * by id. */
int             attest_relation_compare_ids (gconstpointer a,
                                             gconstpointer b);
int             attest_entity_compare_ids  (gconstpointer a,
                                            gconstpointer b);

/* Identifiers are a lower-case ASCII prefix and a decimal number ("s12").
 * Compare numbers numerically so "s2" sorts before "s10"; ids of any other
 * shape (imported ones) sort by bytes after the prefix. */
int             attest_id_compare          (const char       *a,
                                            const char       *b);
/* Splits "s12" into prefix length 1 and number 12. Returns FALSE for ids
 * of another shape. */
gboolean        attest_id_parse            (const char       *id,
                                            gsize            *prefix_len,
                                            guint64          *number);

/* Attribute vectors (see above). set with a NULL value removes. */
const char     *attest_attrs_get           (char * const     *attrs,
                                            const char       *key);
char          **attest_attrs_set           (char            **attrs,
                                            const char       *key,
                                            const char       *value);
guint           attest_attrs_count         (char * const     *attrs);
gboolean        attest_attrs_equal         (char * const     *a,
                                            char * const     *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestSpan, attest_span_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestRelation, attest_relation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestEntity, attest_entity_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestRejected, attest_rejected_free)

G_END_DECLS
