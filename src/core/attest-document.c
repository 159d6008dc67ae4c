/* attest-document.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-document-private.h"
#include "attest-error.h"
#include "attest-span.h"
#include "attest-span-store.h"
#include "attest-text.h"
#include "attest-version.h"

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

static GParamSpec *properties[N_PROPS];
guint attest_document_signals[ATTEST_DOCUMENT_N_SIGNALS];

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

gboolean
_attest_set_str (char       **ptr,
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

void
_attest_document_emit_changed (AttestDocument *self)
{
  if (!self->modified)
    {
      self->modified = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }

  g_signal_emit (self, attest_document_signals[ATTEST_DOCUMENT_CHANGED], 0);
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
  g_clear_pointer (&self->suggested_relations_by_id, g_hash_table_unref);
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

  attest_document_signals[ATTEST_DOCUMENT_SPAN_ADDED] =
    g_signal_new ("span-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  ATTEST_TYPE_SPAN | G_SIGNAL_TYPE_STATIC_SCOPE);
  attest_document_signals[ATTEST_DOCUMENT_SPAN_REMOVED] =
    g_signal_new ("span-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  ATTEST_TYPE_SPAN | G_SIGNAL_TYPE_STATIC_SCOPE);
  attest_document_signals[ATTEST_DOCUMENT_SPAN_CHANGED] =
    g_signal_new ("span-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  ATTEST_TYPE_SPAN | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_UINT, G_TYPE_UINT);
  attest_document_signals[ATTEST_DOCUMENT_RELATIONS_CHANGED] =
    g_signal_new ("relations-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  attest_document_signals[ATTEST_DOCUMENT_ENTITIES_CHANGED] =
    g_signal_new ("entities-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  attest_document_signals[ATTEST_DOCUMENT_SUGGESTIONS_CHANGED] =
    g_signal_new ("suggestions-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  attest_document_signals[ATTEST_DOCUMENT_CHANGED] =
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
  self->suggested_relations_by_id = g_hash_table_new (g_str_hash, g_str_equal);
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
  _attest_document_emit_changed (self);
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

  if (_attest_set_str (&self->file_name, file_name))
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
      _attest_document_emit_changed (self);
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

  if (_attest_set_str (&self->language, language))
    _attest_document_emit_changed (self);
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
  _attest_document_emit_changed (self);
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

  _attest_set_str (&self->generator, generator);
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

  _attest_set_str (&self->tagset_name, name);
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

  _attest_set_str (&self->extra[where], members != NULL && *members != '\0' ? members : NULL);
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
  else if (strcmp (prefix, "pr") == 0)
    max = self->max_suggested_relation_id;
  else if (strcmp (prefix, "p") == 0)
    max = attest_span_store_get_max_id (self->suggested_spans, prefix);
  else
    max = attest_span_store_get_max_id (self->spans, prefix);

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT, prefix, max + 1);
}

gboolean
_attest_document_check_range (AttestDocument  *self,
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

gboolean
_attest_document_add_span_to (AttestDocument   *self,
                              AttestSpanStore  *store,
                              const char       *prefix,
                              AttestSpan       *span,
                              GError          **error)
{
  if (!_attest_document_check_range (self, span->start, span->end, error))
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

  if (!_attest_document_add_span_to (self, self->spans, "s", span, error))
    return FALSE;

  g_signal_emit (self, attest_document_signals[ATTEST_DOCUMENT_SPAN_ADDED], 0, span);
  _attest_document_emit_changed (self);

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
          AttestRelation *r = _attest_document_take_relation (self, g_ptr_array_index (relations, i));

          if (removed_relations != NULL)
            g_ptr_array_add (removed_relations, r);
          else
            attest_relation_free (r);
        }
      relations_changed = TRUE;
    }

  attest_span_store_steal (self->spans, span);
  g_signal_emit (self, attest_document_signals[ATTEST_DOCUMENT_SPAN_REMOVED], 0, span);
  attest_span_free (span);

  if (relations_changed)
    g_signal_emit (self, attest_document_signals[ATTEST_DOCUMENT_RELATIONS_CHANGED], 0);
  _attest_document_emit_changed (self);
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
  g_return_if_fail (_attest_document_check_range (self, start, end, NULL));

  if (span->start == start && span->end == end)
    return;

  old_start = span->start;
  old_end = span->end;
  attest_span_store_move (self->spans, span, start, end);

  g_signal_emit (self, attest_document_signals[ATTEST_DOCUMENT_SPAN_CHANGED], 0, span, old_start, old_end);
  _attest_document_emit_changed (self);
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

  g_signal_emit (self, attest_document_signals[ATTEST_DOCUMENT_SPAN_CHANGED], 0, span, span->start, span->end);
  _attest_document_emit_changed (self);
}

static void
span_changed (AttestDocument *self,
              AttestSpan     *span)
{
  g_signal_emit (self, attest_document_signals[ATTEST_DOCUMENT_SPAN_CHANGED], 0, span, span->start, span->end);
  _attest_document_emit_changed (self);
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

  if (_attest_set_str (&span->note, note))
    span_changed (self, span);
}

void
attest_document_set_span_entity (AttestDocument *self,
                                 AttestSpan     *span,
                                 const char     *entity_id)
{
  g_return_if_fail (ATTEST_IS_DOCUMENT (self));
  g_return_if_fail (span != NULL);

  if (_attest_set_str (&span->entity, entity_id))
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
  g_return_if_fail (_attest_document_check_range (self, values->start, values->end, NULL));

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
  _attest_set_str (&span->note, values->note);
  _attest_set_str (&span->entity, values->entity);
  _attest_set_str (&span->created, values->created);
  _attest_set_str (&span->old_text, values->old_text);
  _attest_set_str (&span->extra, values->extra);
  span->by = values->by;
  span->origin = values->origin;
  span->flags = values->flags;

  g_signal_emit (self, attest_document_signals[ATTEST_DOCUMENT_SPAN_CHANGED], 0, span, old_start, old_end);
  _attest_document_emit_changed (self);
}
