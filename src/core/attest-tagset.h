/* attest-tagset.h: labels, colours, keys, attributes and relation types
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attest-types.h"

G_BEGIN_DECLS

#define ATTEST_TAGSET_FILE_NAME "attest-tagset.json"

typedef enum
{
  ATTEST_LABEL_STYLE_BACKGROUND,
  ATTEST_LABEL_STYLE_UNDERLINE,
  ATTEST_LABEL_STYLE_BOX,
} AttestLabelStyle;

typedef struct
{
  char   *id;
  char   *name;
  char  **values;        /* NULL-terminated; NULL for free text */
  char   *default_value; /* may be NULL */
} AttestAttribute;

struct _AttestLabel
{
  const char       *id;          /* interned */
  char             *name;
  char             *key;         /* one character, UTF-8; may be NULL */
  char             *color;       /* "#rrggbb" */
  AttestLabelStyle  style;
  char             *description;
  gboolean          entity;      /* spans of this label point at entities */
  GPtrArray        *attributes;  /* of AttestAttribute */
};

struct _AttestRelationType
{
  const char  *id;               /* interned */
  char        *name;
  char       **from;             /* label ids */
  char       **to;
  char        *key;              /* may be NULL */
  char        *description;      /* guidelines for annotators; may be NULL */
};

#define ATTEST_TYPE_TAGSET (attest_tagset_get_type ())

GType               attest_tagset_get_type          (void) G_GNUC_CONST;

/* The built-in default (quote, speaker, fact; said-by, continues) and the
 * PARC-style alternative (source, cue, content), from the core's
 * resources (data/tagsets/). */
AttestTagset       *attest_tagset_new_default       (void);
AttestTagset       *attest_tagset_new_parc          (void);

/* Loads and validates. Messages start with @display_name and name the
 * member: `labels[2].key: "q" is already used by "quote"`. Errors are
 * ATTEST_ERROR_PARSE (malformed JSON; the message has line and column),
 * ATTEST_ERROR_INVALID_UTF8, ATTEST_ERROR_TOO_LARGE (over 1 MiB, nested
 * deeper than 32, a number out of range), ATTEST_ERROR_NEWER_VERSION and
 * ATTEST_ERROR_INVALID; from a file, also GIO's errors for reading it. */
AttestTagset       *attest_tagset_new_from_data     (const char    *data,
                                                     gssize         len,
                                                     const char    *display_name,
                                                     GError       **error);
AttestTagset       *attest_tagset_new_from_file     (GFile         *file,
                                                     GCancellable  *cancellable,
                                                     GError       **error);
/* Walks up from the article's folder for attest-tagset.json; the nearest
 * wins. Returns the default when there is none. An invalid or unreadable
 * file is an error (never silently replaced by the default). @found, if
 * not NULL, receives the file used or NULL for the default. */
AttestTagset       *attest_tagset_find_for_article  (GFile         *article,
                                                     GFile        **found,
                                                     GCancellable  *cancellable,
                                                     GError       **error);

AttestTagset       *attest_tagset_ref               (AttestTagset  *self);
void                attest_tagset_unref             (AttestTagset  *self);

const char         *attest_tagset_get_name          (AttestTagset  *self);
gint64              attest_tagset_get_version       (AttestTagset  *self);
guint               attest_tagset_get_n_labels      (AttestTagset  *self);
AttestLabel        *attest_tagset_get_label         (AttestTagset  *self,
                                                     guint          position);
AttestLabel        *attest_tagset_lookup_label      (AttestTagset  *self,
                                                     const char    *id);
AttestLabel        *attest_tagset_lookup_label_by_key (AttestTagset *self,
                                                       const char   *key);
guint               attest_tagset_get_n_relation_types (AttestTagset *self);
AttestRelationType *attest_tagset_get_relation_type (AttestTagset  *self,
                                                     guint          position);
AttestRelationType *attest_tagset_lookup_relation_type (AttestTagset *self,
                                                        const char   *id);
/* Keys compare case-insensitively, as for labels. */
AttestRelationType *attest_tagset_lookup_relation_type_by_key (AttestTagset *self,
                                                               const char   *key);
/* Does the type allow a relation from a span of @from_label to one of
 * @to_label? */
gboolean            attest_relation_type_allows     (AttestRelationType *type,
                                                     const char         *from_label,
                                                     const char         *to_label);

const char         *attest_label_style_to_string    (AttestLabelStyle style);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestTagset, attest_tagset_unref)

G_END_DECLS
