/* attest-record.c: one annotated document as exporters see it
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-record.h"
#include "attest-record-private.h"
#include "attest-span.h"
#include "attest-span-store.h"
#include "attest-text.h"

static GHashTable *
index_ids (gpointer *items,
           guint     n_items,
           gsize     id_offset)
{
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n_items; i++)
    {
      const char *id = G_STRUCT_MEMBER (const char *, items[i], id_offset);

      if (id != NULL)
        g_hash_table_insert (index, (gpointer) id, GUINT_TO_POINTER (i + 1));
    }

  return index;
}

/* The indexes are built when the record is made: a record is handed to
 * worker threads as const, so nothing in it may be filled in lazily. */
void
attest_record_init_index (AttestRecord *record)
{
  g_assert (record != NULL);

  record->span_index = index_ids ((gpointer *) record->spans, record->n_spans,
                                  G_STRUCT_OFFSET (AttestSpan, id));
  record->entity_index = index_ids ((gpointer *) record->entities, record->n_entities,
                                    G_STRUCT_OFFSET (AttestEntity, id));
}

void
attest_record_clear_index (AttestRecord *record)
{
  g_clear_pointer (&record->span_index, g_hash_table_unref);
  g_clear_pointer (&record->entity_index, g_hash_table_unref);
}

gint
attest_record_find_span (const AttestRecord *record,
                         const char         *id)
{
  g_return_val_if_fail (record != NULL, -1);

  if (id == NULL)
    return -1;

  return (gint) GPOINTER_TO_UINT (g_hash_table_lookup (record->span_index, id)) - 1;
}

const AttestSpan *
attest_record_lookup_span (const AttestRecord *record,
                           const char         *id)
{
  gint position = attest_record_find_span (record, id);

  return position >= 0 ? record->spans[position] : NULL;
}

const AttestEntity *
attest_record_lookup_entity (const AttestRecord *record,
                             const char         *id)
{
  guint position;

  g_return_val_if_fail (record != NULL, NULL);

  if (id == NULL)
    return NULL;

  position = GPOINTER_TO_UINT (g_hash_table_lookup (record->entity_index, id));
  return position > 0 ? record->entities[position - 1] : NULL;
}

const char *
attest_record_get_title (const AttestRecord *record)
{
  const char *title;
  const char *slash;

  g_return_val_if_fail (record != NULL, NULL);

  if ((title = attest_attrs_get (record->meta, "title")) != NULL && *title != '\0')
    return title;
  if (record->file != NULL && *record->file != '\0')
    return record->file;
  slash = strrchr (record->name, '/');
  return slash != NULL ? slash + 1 : record->name;
}

const AttestSpan *
attest_record_get_speaker (const AttestRecord *record,
                           const AttestSpan   *quote)
{
  const char *said_by = g_intern_static_string ("said-by");

  g_return_val_if_fail (record != NULL, NULL);
  g_return_val_if_fail (quote != NULL, NULL);

  /* Relations are few per document (tens); a scan is cheaper than an
   * index for the handful of quotes asked about. */
  for (guint i = 0; i < record->n_relations; i++)
    {
      const AttestRelation *relation = record->relations[i];

      if (relation->type == said_by && g_strcmp0 (relation->from, quote->id) == 0)
        return attest_record_lookup_span (record, relation->to);
    }

  return NULL;
}

typedef struct
{
  AttestDocument *document;
  char           *name;
  GPtrArray      *spans;
  GPtrArray      *relations;
  GPtrArray      *entities;
} DocumentOwner;

static void
document_owner_free (gpointer data)
{
  DocumentOwner *owner = data;

  g_object_unref (owner->document);
  g_free (owner->name);
  g_ptr_array_unref (owner->spans);
  g_ptr_array_unref (owner->relations);
  g_ptr_array_unref (owner->entities);
  g_free (owner);
}

static gboolean
collect_span (AttestSpan *span,
              gpointer    user_data)
{
  g_ptr_array_add (user_data, span);
  return TRUE;
}

/**
 * attest_record_new_for_document:
 * @document: a document, which must not change while the record exists
 * @name: the document's name in the export
 *
 * Returns: (transfer full): a record viewing @document
 */
AttestRecord *
attest_record_new_for_document (AttestDocument *document,
                                const char     *name)
{
  AttestRecord *record;
  DocumentOwner *owner;
  guint n;

  g_return_val_if_fail (ATTEST_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  owner = g_new0 (DocumentOwner, 1);
  owner->document = g_object_ref (document);
  owner->name = g_strdup (name);
  owner->spans = g_ptr_array_new ();
  owner->relations = g_ptr_array_new ();
  owner->entities = g_ptr_array_new ();

  attest_span_store_foreach (attest_document_get_spans (document), collect_span, owner->spans);
  n = attest_document_get_n_relations (document);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (owner->relations, attest_document_get_relation (document, i));
  n = attest_document_get_n_entities (document);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (owner->entities, attest_document_get_entity (document, i));

  record = g_new0 (AttestRecord, 1);
  record->name = owner->name;
  record->file = attest_document_get_file_name (document);
  record->text = attest_document_get_text (document);
  record->sha256 = attest_text_get_sha256 (record->text);
  record->status = attest_document_get_status (document);
  record->language = attest_document_get_language (document);
  record->meta = attest_document_get_meta_all (document);
  record->tagset_name = attest_document_get_tagset_name (document);
  record->tagset_version = attest_document_get_tagset_version (document);
  record->spans = (AttestSpan **) owner->spans->pdata;
  record->n_spans = owner->spans->len;
  record->relations = (AttestRelation **) owner->relations->pdata;
  record->n_relations = owner->relations->len;
  record->entities = (AttestEntity **) owner->entities->pdata;
  record->n_entities = owner->entities->len;
  record->owner = owner;
  record->owner_free = document_owner_free;
  attest_record_init_index (record);

  return record;
}

typedef struct
{
  GPtrArray *spans;
  GPtrArray *relations;
} FilterOwner;

static void
filter_owner_free (gpointer data)
{
  FilterOwner *owner = data;

  g_ptr_array_unref (owner->spans);
  g_ptr_array_unref (owner->relations);
  g_free (owner);
}

/**
 * attest_record_filter_labels:
 * @record: a record
 * @labels: the labels to keep
 *
 * Returns: (transfer full): a record with the spans of @labels only
 */
AttestRecord *
attest_record_filter_labels (const AttestRecord *record,
                             const char * const *labels)
{
  AttestRecord *filtered;
  FilterOwner *owner;

  g_return_val_if_fail (record != NULL, NULL);
  g_return_val_if_fail (labels != NULL, NULL);

  owner = g_new0 (FilterOwner, 1);
  owner->spans = g_ptr_array_sized_new (record->n_spans);
  owner->relations = g_ptr_array_sized_new (record->n_relations);

  for (guint i = 0; i < record->n_spans; i++)
    if (g_strv_contains (labels, record->spans[i]->label))
      g_ptr_array_add (owner->spans, record->spans[i]);

  filtered = g_new0 (AttestRecord, 1);
  *filtered = *record;
  filtered->spans = (AttestSpan **) owner->spans->pdata;
  filtered->n_spans = owner->spans->len;
  filtered->owner = owner;
  filtered->owner_free = filter_owner_free;
  attest_record_init_index (filtered);

  for (guint i = 0; i < record->n_relations; i++)
    {
      AttestRelation *relation = record->relations[i];

      if (attest_record_find_span (filtered, relation->from) >= 0 &&
          attest_record_find_span (filtered, relation->to) >= 0)
        g_ptr_array_add (owner->relations, relation);
    }
  filtered->relations = (AttestRelation **) owner->relations->pdata;
  filtered->n_relations = owner->relations->len;

  return filtered;
}

void
attest_record_free (AttestRecord *record)
{
  if (record == NULL)
    return;

  attest_record_clear_index (record);
  if (record->owner_free != NULL)
    record->owner_free (record->owner);
  g_free (record);
}
