/* attest-tagset-private.h: shared by attest-tagset.c and its loader
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-tagset.h"

G_BEGIN_DECLS

/* A tag set is a few kilobytes; the limits only keep hostile files from
 * costing memory or, with json-glib's recursive parser, the stack. */
#define ATTEST_TAGSET_MAX_SIZE  (1024 * 1024)
#define ATTEST_TAGSET_MAX_DEPTH 32

struct _AttestTagset
{
  gatomicrefcount  ref_count;
  char            *name;
  gint64           version;
  GPtrArray       *labels;                 /* of AttestLabel */
  GPtrArray       *relation_types;         /* of AttestRelationType */
  GHashTable      *labels_by_id;
  GHashTable      *labels_by_key;          /* lower-case gunichar → AttestLabel */
  GHashTable      *relation_types_by_id;
  GHashTable      *relation_types_by_key;  /* lower-case gunichar → AttestRelationType */
};

AttestTagset *attest_tagset_new_empty     (void);
void          attest_attribute_free       (gpointer     data);
void          attest_label_free           (gpointer     data);
void          attest_relation_type_free   (gpointer     data);
/* One character after NFC normalisation (so "e" + U+0301 is "é"), in
 * lower case; 0 when @key is not one character. @normalized, if not
 * NULL, receives the NFC form. */
gunichar      attest_tagset_fold_key      (const char  *key,
                                           char       **normalized);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestAttribute, attest_attribute_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestLabel, attest_label_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestRelationType, attest_relation_type_free)

G_END_DECLS
