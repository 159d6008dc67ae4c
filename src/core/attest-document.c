/* attest-document.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-document.h"
#include "attest-error.h"
#include "attest-span.h"
#include "attest-span-store.h"
#include "attest-text.h"
#include "attest-version.h"

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
  GPtrArray       *rejected;
  guint64          max_relation_id;
  guint64          max_entity_id;

  AttestStatus     status;
  guint            read_only : 1;
  guint            modified : 1;
};

G_DEFINE_FINAL_TYPE (AttestDocument, attest_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_STATUS,
  PROP_READ_ONLY,
  PROP_MODIFIED,
  PROP_TITLE,
  N_PROPS
};

enum {
  SPAN_ADDED,
  SPAN_REMOVED,
  SPAN_CHANGED,
  RELATIONS_CHANGED,
  ENTITIES_CHANGED,
  SUGGESTIONS_CHANGED,
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static AttestRelation *take_relation (AttestDocument *self,
                                      AttestRelation *relation);

static const char * const status_names[] = { "new", "in-progress", "done" };

const char *
attest_status_to_string (AttestStatus status)
{
  g_return_val_if_fail (status <= ATTEST_STATUS_DONE, "new");

  return status_names[status];
}

gboolean
attest_status_from_string (const char   *str,
                           AttestStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    {
      if (g_strcmp0 (str, status_names[i]) == 0)
        {
          if (status != NULL)
            *status = (AttestStatus) i;
          return TRUE;
        }
    }

  return FALSE;
}

/* g_set_str() is GLib 2.76; Debian 12 has 2.74. */
static gboolean
set_str (char       **ptr,
         const char  *value)
{
  char *copy;

  if (*ptr == value || g_strcmp0 (*ptr, value) == 0)
    return FALSE;

  copy = g_strdup (value);
  g_free (*ptr);
  *ptr = copy;

  return TRUE;
}

static void
emit_changed (AttestDocument *self)
{
  if (!self->modified)
    {
      self->modified = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
attest_document_finalize (GObject *object)
{
  AttestDocument *self = (AttestDocument *)object;

  g_clear_pointer (&self->text, attest_text_unref);
  g_clear_pointer (&self->file_name, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->meta, g_strfreev);
  g_clear_pointer (&self->generator, g_free);
  g_clear_pointer (&self->tagset_name, g_free);
  for (guint i = 0; i < ATTEST_N_EXTRA; i++)
    g_clear_pointer (&self->extra[i], g_free);
  g_clear_pointer (&self->spans, attest_span_store_free);
  g_clear_pointer (&self->relations_by_id, g_hash_table_unref);
  g_clear_pointer (&self->relations_by_span, g_hash_table_unref);
  g_clear_pointer (&self->relations, g_ptr_array_unref);
  g_clear_pointer (&self->entities_by_id, g_hash_table_unref);
  g_clear_pointer (&self->entities, g_ptr_array_unref);
  g_clear_pointer (&self->suggested_spans, attest_span_store_free);
  g_clear_pointer (&self->suggested_relations, g_ptr_array_unref);
  g_clear_pointer (&self->rejected, g_ptr_array_unref);

  G_OBJECT_CLASS (attest_document_parent_class)->finalize (object);
}

static void
attest_document_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AttestDocument *self = ATTEST_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_boxed (value, self->text);
      break;

    case PROP_STATUS:
      g_value_set_uint (value, self->status);
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;

    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;

    case PROP_TITLE:
      g_value_set_string (value, attest_document_get_title (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_document_class_init (AttestDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = attest_document_finalize;
  object_class->get_property = attest_document_get_property;

  properties[PROP_TEXT] =
    g_param_spec_boxed ("text", NULL, NULL,
                        ATTEST_TYPE_TEXT,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STATUS] =
    g_param_spec_uint ("status", NULL, NULL,
                       ATTEST_STATUS_NEW, ATTEST_STATUS_DONE, ATTEST_STATUS_NEW,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SPAN_ADDED] =
    g_signal_new ("span-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  ATTEST_TYPE_SPAN | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[SPAN_REMOVED] =
    g_signal_new ("span-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  ATTEST_TYPE_SPAN | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[SPAN_CHANGED] =
    g_signal_new ("span-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  ATTEST_TYPE_SPAN | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_UINT, G_TYPE_UINT);
  signals[RELATIONS_CHANGED] =
    g_signal_new ("relations-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[ENTITIES_CHANGED] =
    g_signal_new ("entities-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SUGGESTIONS_CHANGED] =
    g_signal_new ("suggestions-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
attest_document_init (AttestDocument *self)
{
  self->version = 1;
  self->generator = g_strdup (ATTEST_GENERATOR);
  self->spans = attest_span_store_new ();
  self->suggested_spans = attest_span_store_new ();
  self->relations = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_relation_free);
  self->relations_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->relations_by_span = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                   (GDestroyNotify) g_ptr_array_unref);
  self->entities = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_entity_free);
  self->entities_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->suggested_relations = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_relation_free);
  self->rejected = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_rejected_free);
}

/**
 * attest_document_new:
 * @text: the canonical article text
 *
 * Creates an empty document (no annotations, status new) over @text.
 */
AttestDocument *
attest_document_new (AttestText *text)
{
  AttestDocument *self;

  g_return_val_if_fail (text != NULL, NULL);

  self = g_object_new (ATTEST_TYPE_DOCUMENT, NULL);
  self->text = attest_text_ref (text);

  return self;
}

AttestText *
attest_document_get_text (AttestDocument *self)
{
  g_return_val_if_fail (ATTEST_IS_DOCUMENT (self), NULL);

  return self->text;
}

void
attest_document_set_text (AttestDocument *self,
                          AttestText     *text)
{
  g_return_if_fail (ATTEST_IS_DOCUMENT (self));
  g_return_if_fail (text != NULL);

  if (self->text == text)
    return;

  attest_text_ref (text);
  g_clear_pointer (&self->text, attest_text_unref);
  self->text = text;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  emit_changed (self);
}

const char *
attest_document_get_file_name (AttestDocument *self)
{
  g_return_val_if_fail (ATTEST_IS_DOCUMENT (self), NULL);

  return self->file_name;
}

void
attest_document_set_file_name (AttestDocument *self,
                               const char     *file_name)
{
  g_return_if_fail (ATTEST_IS_DOCUMENT (self));

  if (set_str (&self->file_name, file_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

AttestStatus
attest_document_get_status (AttestDocument *self)
{
  g_return_val_if_fail (ATTEST_IS_DOCUMENT (self), ATTEST_STATUS_NEW);

  return self->status;
}

void
attest_document_set_status (AttestDocument *self,
                            AttestStatus    status)
{
  g_return_if_fail (ATTEST_IS_DOCUMENT (self));
  g_return_if_fail (status <= ATTEST_STATUS_DONE);

  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
      emit_changed (self);
    }
}

const char *
attest_document_get_language (AttestDocument *self)
{
  g_return_val_if_fail (ATTEST_IS_DOCUMENT (self), NULL);

  return self->language;
}

void
attest_document_set_language (AttestDocument *self,
                              const char     *language)
{
  g_return_if_fail (ATTEST_IS_DOCUMENT (self));

  if (set_str (&self->language, language))
    emit_changed (self);
}

const char *
attest_document_get_meta (AttestDocument *self,
                          const char     *key)
{
  g_return_val_if_fail (ATTEST_IS_DOCUMENT (self), NULL);

  return attest_attrs_get (self->meta, key);
}

void
attest_document_set_meta (AttestDocument *self,
                          const char     *key,
                          const char     *value)
{
  g_return_if_fail (ATTEST_IS_DOCUMENT (self));
  g_return_if_fail (key != NULL);

  if (g_strcmp0 (attest_attrs_get (self->meta, key), value) == 0)
    return;

  self->meta = attest_attrs_set (self->meta, key, value);
  if (strcmp (key, "title") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  emit_changed (self);
}

char * const *
attest_document_get_meta_all (AttestDocument *self)
{
  g_return_val_if_fail (ATTEST_IS_DOCUMENT (self), NULL);

  return self->meta;
}

const char *
attest_document_get_title (AttestDocument *self)
{
  const char *title;

  g_return_val_if_fail (ATTEST_IS_DOCUMENT (self), NULL);

  title = attest_attrs_get (self->meta, "title");
  if (title != NULL && *title != '\0')
    return title;

  return self->file_name;
}

const char *
attest_document_get_generator (AttestDocument *self)
{
  g_return_val_if_fail (ATTEST_IS_DOCUMENT (self), NULL);

  return self->generator;
}

void
attest_document_set_generator (AttestDocument *self,
                               const char     *generator)
{
  g_return_if_fail (ATTEST_IS_DOCUMENT (self));

  set_str (&self->generator, generator);
}

const char *
attest_document_get_tagset_name (AttestDocument *self)
{
  g_return_val_if_fail (ATTEST_IS_DOCUMENT (self), NULL);

  return self->tagset_name;
}

gint64
attest_document_get_tagset_version (AttestDocument *self)
{
  g_return_val_if_fail (ATTEST_IS_DOCUMENT (self), 0);

  return self->tagset_version;
}

void
attest_document_set_tagset (AttestDocument *self,
                            const char     *name,
                            gint64          version)
{
  g_return_if_fail (ATTEST_IS_DOCUMENT (self));

  set_str (&self->tagset_name, name);
  self->tagset_version = version;
}

const char *
attest_document_get_extra (AttestDocument *self,
                           AttestExtra     where)
{
  g_return_val_if_fail (ATTEST_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (where < ATTEST_N_EXTRA, NULL);

  return self->extra[where];
}

void
attest_document_set_extra (AttestDocument *self,
                           AttestExtra     where,
                           const char     *members)
{
  g_return_if_fail (ATTEST_IS_DOCUMENT (self));
  g_return_if_fail (where < ATTEST_N_EXTRA);

  set_str (&self->extra[where], members != NULL && *members != '\0' ? members : NULL);
}

gint64
attest_document_get_version (AttestDocument *self)
{
  g_return_val_if_fail (ATTEST_IS_DOCUMENT (self), 1);

  return self->version;
}

void
attest_document_set_version (AttestDocument *self,
                             gint64          version)
{
  g_return_if_fail (ATTEST_IS_DOCUMENT (self));

  self->version = version;
}

gboolean
attest_document_get_read_only (AttestDocument *self)
{
  g_return_val_if_fail (ATTEST_IS_DOCUMENT (self), TRUE);

  return self->read_only;
}

void
attest_document_set_read_only (AttestDocument *self,
                               gboolean        read_only)
{
  g_return_if_fail (ATTEST_IS_DOCUMENT (self));

  read_only = !!read_only;
  if (self->read_only != read_only)
    {
      self->read_only = read_only;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
    }
}

gboolean
attest_document_get_modified (AttestDocument *self)
{
  g_return_val_if_fail (ATTEST_IS_DOCUMENT (self), FALSE);

  return self->modified;
}

void
attest_document_set_modified (AttestDocument *self,
                              gboolean        modified)
{
  g_return_if_fail (ATTEST_IS_DOCUMENT (self));

  modified = !!modified;
  if (self->modified != modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
}

/* Spans ------------------------------------------------------------------ */

AttestSpanStore *
attest_document_get_spans (AttestDocument *self)
{
  g_return_val_if_fail (ATTEST_IS_DOCUMENT (self), NULL);

  return self->spans;
}

/**
 * attest_document_next_id:
 * @prefix: "s", "r", "e", "p" or "pr"
 *
 * Returns a new id of that kind: the largest number used so far plus one.
 */
char *
attest_document_next_id (AttestDocument *self,
                         const char     *prefix)
{
  guint64 max;

  g_return_val_if_fail (ATTEST_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (prefix != NULL, NULL);

  if (strcmp (prefix, "r") == 0)
    max = self->max_relation_id;
  else if (strcmp (prefix, "e") == 0)
    max = self->max_entity_id;
  else if (strcmp (prefix, "p") == 0 || strcmp (prefix, "pr") == 0)
    {
      max = attest_span_store_get_max_id (self->suggested_spans, prefix);
      for (guint i = 0; i < self->suggested_relations->len; i++)
        {
          const AttestRelation *r = g_ptr_array_index (self->suggested_relations, i);
          gsize plen;
          guint64 n;

          if (attest_id_parse (r->id, &plen, &n) &&
              plen == strlen (prefix) && strncmp (r->id, prefix, plen) == 0)
            max = MAX (max, n);
        }
    }
  else
    max = attest_span_store_get_max_id (self->spans, prefix);

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT, prefix, max + 1);
}

static gboolean
check_range (AttestDocument  *self,
             guint            start,
             guint            end,
             GError         **error)
{
  guint length = attest_text_get_length (self->text);

  if (start > end || end > length)
    {
      g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_INVALID,
                   "[%u, %u) is not a range inside the text (%u characters)",
                   start, end, length);
      return FALSE;
    }

  return TRUE;
}

static gboolean
add_span_to (AttestDocument   *self,
             AttestSpanStore  *store,
             const char       *prefix,
             AttestSpan       *span,
             GError          **error)
{
  if (!check_range (self, span->start, span->end, error))
    return FALSE;

  if (span->id == NULL)
    span->id = attest_document_next_id (self, prefix);
  else if (attest_span_store_lookup (store, span->id) != NULL)
    {
      g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_INVALID,
                   "the id \"%s\" is already used", span->id);
      return FALSE;
    }

  attest_span_store_insert (store, span);

  return TRUE;
}

gboolean
attest_document_add_span (AttestDocument  *self,
                          AttestSpan      *span,
                          GError         **error)
{
  g_return_val_if_fail (ATTEST_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (span != NULL, FALSE);

  if (!add_span_to (self, self->spans, "s", span, error))
    return FALSE;

  g_signal_emit (self, signals[SPAN_ADDED], 0, span);
  emit_changed (self);

  return TRUE;
}

void
attest_document_remove_span (AttestDocument *self,
                             AttestSpan     *span,
                             GPtrArray      *removed_relations)
{
  gboolean relations_changed = FALSE;
  GPtrArray *linked;

  g_return_if_fail (ATTEST_IS_DOCUMENT (self));
  g_return_if_fail (span != NULL);
  g_return_if_fail (attest_span_store_lookup (self->spans, span->id) == span);

  linked = g_hash_table_lookup (self->relations_by_span, span->id);
  if (linked != NULL && linked->len > 0)
    {
      /* A copy: unlinking edits the index being read. */
      g_autoptr(GPtrArray) relations = g_ptr_array_copy (linked, NULL, NULL);

      for (guint i = 0; i < relations->len; i++)
        {
          AttestRelation *r = take_relation (self, g_ptr_array_index (relations, i));

          if (removed_relations != NULL)
            g_ptr_array_add (removed_relations, r);
          else
            attest_relation_free (r);
        }
      relations_changed = TRUE;
    }

  attest_span_store_steal (self->spans, span);
  g_signal_emit (self, signals[SPAN_REMOVED], 0, span);
  attest_span_free (span);

  if (relations_changed)
    g_signal_emit (self, signals[RELATIONS_CHANGED], 0);
  emit_changed (self);
}

void
attest_document_move_span (AttestDocument *self,
                           AttestSpan     *span,
                           guint           start,
                           guint           end)
{
  guint old_start, old_end;

  g_return_if_fail (ATTEST_IS_DOCUMENT (self));
  g_return_if_fail (span != NULL);
  g_return_if_fail (check_range (self, start, end, NULL));

  if (span->start == start && span->end == end)
    return;

  old_start = span->start;
  old_end = span->end;
  attest_span_store_move (self->spans, span, start, end);

  g_signal_emit (self, signals[SPAN_CHANGED], 0, span, old_start, old_end);
  emit_changed (self);
}

void
attest_document_relabel_span (AttestDocument *self,
                              AttestSpan     *span,
                              const char     *label)
{
  g_return_if_fail (ATTEST_IS_DOCUMENT (self));
  g_return_if_fail (span != NULL);
  g_return_if_fail (label != NULL);

  if (span->label == g_intern_string (label))
    return;

  attest_span_store_relabel (self->spans, span, label);

  g_signal_emit (self, signals[SPAN_CHANGED], 0, span, span->start, span->end);
  emit_changed (self);
}

static void
span_changed (AttestDocument *self,
              AttestSpan     *span)
{
  g_signal_emit (self, signals[SPAN_CHANGED], 0, span, span->start, span->end);
  emit_changed (self);
}

void
attest_document_set_span_attr (AttestDocument *self,
                               AttestSpan     *span,
                               const char     *key,
                               const char     *value)
{
  g_return_if_fail (ATTEST_IS_DOCUMENT (self));
  g_return_if_fail (span != NULL);
  g_return_if_fail (key != NULL);

  if (g_strcmp0 (attest_attrs_get (span->attrs, key), value) == 0)
    return;

  span->attrs = attest_attrs_set (span->attrs, key, value);
  span_changed (self, span);
}

void
attest_document_set_span_note (AttestDocument *self,
                               AttestSpan     *span,
                               const char     *note)
{
  g_return_if_fail (ATTEST_IS_DOCUMENT (self));
  g_return_if_fail (span != NULL);

  if (note != NULL && *note == '\0')
    note = NULL;

  if (set_str (&span->note, note))
    span_changed (self, span);
}

void
attest_document_set_span_entity (AttestDocument *self,
                                 AttestSpan     *span,
                                 const char     *entity_id)
{
  g_return_if_fail (ATTEST_IS_DOCUMENT (self));
  g_return_if_fail (span != NULL);

  if (set_str (&span->entity, entity_id))
    span_changed (self, span);
}

void
attest_document_update_span (AttestDocument   *self,
                             AttestSpan       *span,
                             const AttestSpan *values)
{
  guint old_start, old_end;

  g_return_if_fail (ATTEST_IS_DOCUMENT (self));
  g_return_if_fail (span != NULL);
  g_return_if_fail (values != NULL);
  g_return_if_fail (check_range (self, values->start, values->end, NULL));

  old_start = span->start;
  old_end = span->end;

  if (span->start != values->start || span->end != values->end || span->label != values->label)
    {
      AttestSpanStore *store = attest_span_store_lookup (self->spans, span->id) == span
                               ? self->spans : self->suggested_spans;

      attest_span_store_steal (store, span);
      span->start = values->start;
      span->end = values->end;
      span->label = values->label;
      attest_span_store_insert (store, span);
    }

  if (!attest_attrs_equal (span->attrs, values->attrs))
    {
      g_strfreev (span->attrs);
      span->attrs = g_strdupv (values->attrs);
    }
  set_str (&span->note, values->note);
  set_str (&span->entity, values->entity);
  set_str (&span->created, values->created);
  set_str (&span->old_text, values->old_text);
  set_str (&span->extra, values->extra);
  span->by = values->by;
  span->origin = values->origin;
  span->flags = values->flags;

  g_signal_emit (self, signals[SPAN_CHANGED], 0, span, old_start, old_end);
  emit_changed (self);
}

/* Relations -------------------------------------------------------------- */

static int
compare_relation_ids (gconstpointer a,
                      gconstpointer b)
{
  const AttestRelation *ra = *(const AttestRelation * const *) a;
  const AttestRelation *rb = *(const AttestRelation * const *) b;

  return attest_id_compare (ra->id, rb->id);
}

static int
compare_entity_ids (gconstpointer a,
                    gconstpointer b)
{
  const AttestEntity *ea = *(const AttestEntity * const *) a;
  const AttestEntity *eb = *(const AttestEntity * const *) b;

  return attest_id_compare (ea->id, eb->id);
}

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
static AttestRelation *
take_relation (AttestDocument *self,
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
  insert_sorted (self->relations, relation, compare_relation_ids);
  g_hash_table_insert (self->relations_by_id, relation->id, relation);
  link_relation (self, relation->from, relation);
  if (g_strcmp0 (relation->from, relation->to) != 0)
    link_relation (self, relation->to, relation);

  g_signal_emit (self, signals[RELATIONS_CHANGED], 0);
  emit_changed (self);

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

  attest_relation_free (take_relation (self, relation));

  g_signal_emit (self, signals[RELATIONS_CHANGED], 0);
  emit_changed (self);
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
  g_ptr_array_sort (ret, compare_relation_ids);

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
  insert_sorted (self->entities, entity, compare_entity_ids);
  g_hash_table_insert (self->entities_by_id, entity->id, entity);

  g_signal_emit (self, signals[ENTITIES_CHANGED], 0);
  emit_changed (self);

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

  g_signal_emit (self, signals[ENTITIES_CHANGED], 0);
  emit_changed (self);
}

void
attest_document_entity_changed (AttestDocument *self,
                                AttestEntity   *entity)
{
  g_return_if_fail (ATTEST_IS_DOCUMENT (self));
  g_return_if_fail (entity != NULL);

  g_signal_emit (self, signals[ENTITIES_CHANGED], 0);
  emit_changed (self);
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

  if (!add_span_to (self, self->suggested_spans, "p", span, error))
    return FALSE;

  g_signal_emit (self, signals[SUGGESTIONS_CHANGED], 0);
  emit_changed (self);

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

  for (guint i = 0; i < self->suggested_relations->len; i++)
    {
      const AttestRelation *r = g_ptr_array_index (self->suggested_relations, i);

      if (strcmp (r->id, relation->id) == 0)
        {
          g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_INVALID,
                       "the suggested relation id \"%s\" is already used", relation->id);
          return FALSE;
        }
    }

  insert_sorted (self->suggested_relations, relation, compare_relation_ids);

  g_signal_emit (self, signals[SUGGESTIONS_CHANGED], 0);
  emit_changed (self);

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

  g_signal_emit (self, signals[SUGGESTIONS_CHANGED], 0);
  emit_changed (self);
}

void
attest_document_remove_suggested_relation (AttestDocument *self,
                                           AttestRelation *relation)
{
  g_return_if_fail (ATTEST_IS_DOCUMENT (self));
  g_return_if_fail (relation != NULL);

  if (!g_ptr_array_remove (self->suggested_relations, relation))
    g_return_if_reached ();

  g_signal_emit (self, signals[SUGGESTIONS_CHANGED], 0);
  emit_changed (self);
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
          g_signal_emit (self, signals[SUGGESTIONS_CHANGED], 0);
          emit_changed (self);
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

  g_signal_emit (self, signals[SUGGESTIONS_CHANGED], 0);
  emit_changed (self);
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
