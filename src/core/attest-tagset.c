/* attest-tagset.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attest-core-resources.h"
#include "attest-error.h"
#include "attest-tagset-private.h"

#define TAGSET_RESOURCES "/io/github/attest/Attest/core/tagsets/"

G_DEFINE_BOXED_TYPE (AttestTagset, attest_tagset, attest_tagset_ref, attest_tagset_unref)

void
attest_attribute_free (gpointer data)
{
  AttestAttribute *attribute = data;

  g_free (attribute->id);
  g_free (attribute->name);
  g_strfreev (attribute->values);
  g_free (attribute->default_value);
  g_free (attribute);
}

void
attest_label_free (gpointer data)
{
  AttestLabel *label = data;

  g_free (label->name);
  g_free (label->key);
  g_free (label->color);
  g_free (label->description);
  g_clear_pointer (&label->attributes, g_ptr_array_unref);
  g_free (label);
}

void
attest_relation_type_free (gpointer data)
{
  AttestRelationType *type = data;

  g_free (type->name);
  g_strfreev (type->from);
  g_strfreev (type->to);
  g_free (type->key);
  g_free (type->description);
  g_free (type);
}

AttestTagset *
attest_tagset_new_empty (void)
{
  AttestTagset *self = g_new0 (AttestTagset, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->labels = g_ptr_array_new_with_free_func (attest_label_free);
  self->relation_types = g_ptr_array_new_with_free_func (attest_relation_type_free);
  self->labels_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->labels_by_key = g_hash_table_new (NULL, NULL);
  self->relation_types_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->relation_types_by_key = g_hash_table_new (NULL, NULL);

  return self;
}

AttestTagset *
attest_tagset_ref (AttestTagset *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
attest_tagset_unref (AttestTagset *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_pointer (&self->labels_by_id, g_hash_table_unref);
  g_clear_pointer (&self->labels_by_key, g_hash_table_unref);
  g_clear_pointer (&self->relation_types_by_id, g_hash_table_unref);
  g_clear_pointer (&self->relation_types_by_key, g_hash_table_unref);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->relation_types, g_ptr_array_unref);
  g_free (self->name);
  g_free (self);
}

gunichar
attest_tagset_fold_key (const char  *key,
                        char       **normalized)
{
  g_autofree char *nfc = NULL;
  gunichar c;

  g_assert (key != NULL);

  nfc = g_utf8_normalize (key, -1, G_NORMALIZE_NFC);
  if (nfc == NULL || nfc[0] == '\0' || *g_utf8_next_char (nfc) != '\0')
    return 0;

  c = g_utf8_get_char (nfc);
  if (normalized != NULL)
    *normalized = g_steal_pointer (&nfc);

  return g_unichar_tolower (c);
}

/* Reads at most @limit + 1 bytes, so a huge or endless file (a FIFO,
 * /dev/zero) costs no more than the limit. */
static GBytes *
read_limited (GFile         *file,
              const char    *display_name,
              gsize          limit,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) buffer = NULL;

  g_assert (G_IS_FILE (file));

  if (!(stream = g_file_read (file, cancellable, error)))
    return NULL;

  buffer = g_byte_array_new ();

  for (;;)
    {
      gsize before = buffer->len;
      gssize n;

      g_byte_array_set_size (buffer, before + 16384);
      n = g_input_stream_read (G_INPUT_STREAM (stream), buffer->data + before, 16384,
                               cancellable, error);
      if (n < 0)
        return NULL;

      g_byte_array_set_size (buffer, before + n);
      if (n == 0)
        break;

      if (buffer->len > limit)
        {
          g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_TOO_LARGE,
                       "%s: the file is larger than 1 MiB, the limit for a tag set",
                       display_name);
          return NULL;
        }
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

AttestTagset *
attest_tagset_new_from_file (GFile         *file,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autofree char *display_name = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display_name = g_file_get_parse_name (file);

  if (!(bytes = read_limited (file, display_name, ATTEST_TAGSET_MAX_SIZE, cancellable, error)))
    return NULL;

  return attest_tagset_new_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                      display_name, error);
}

AttestTagset *
attest_tagset_find_for_article (GFile         *article,
                                GFile        **found,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(GFile) folder = NULL;

  g_return_val_if_fail (G_IS_FILE (article), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (found != NULL)
    *found = NULL;

  folder = g_file_get_parent (article);

  while (folder != NULL)
    {
      g_autoptr(GFile) candidate = g_file_get_child (folder, ATTEST_TAGSET_FILE_NAME);
      g_autoptr(GError) local_error = NULL;
      AttestTagset *tagset;

      if ((tagset = attest_tagset_new_from_file (candidate, cancellable, &local_error)))
        {
          if (found != NULL)
            *found = g_steal_pointer (&candidate);
          return tagset;
        }

      /* Only a missing file sends us further up: an unreadable or broken
       * one must be fixed, or spans would silently get the wrong labels. */
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      {
        GFile *parent = g_file_get_parent (folder);

        g_object_unref (folder);
        folder = parent;
      }
    }

  return attest_tagset_new_default ();
}

static AttestTagset *
load_builtin (const char *file_name)
{
  g_autofree char *path = g_strconcat (TAGSET_RESOURCES, file_name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  AttestTagset *tagset;

  g_assert (file_name != NULL);

  /* The built-in files are compiled in and tested, so failing here is a
   * broken build, not something a user can fix. */
  bytes = g_resource_lookup_data (attest_core_get_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    g_error ("The built-in tag set %s is missing: %s", path, error->message);

  tagset = attest_tagset_new_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                        file_name, &error);
  if (tagset == NULL)
    g_error ("The built-in tag set is invalid: %s", error->message);

  return tagset;
}

AttestTagset *
attest_tagset_new_default (void)
{
  static AttestTagset *tagset;

  /* Immutable once loaded, so one shared instance serves every document. */
  if (g_once_init_enter (&tagset))
    g_once_init_leave (&tagset, load_builtin ("news-attribution.json"));

  return attest_tagset_ref (tagset);
}

AttestTagset *
attest_tagset_new_parc (void)
{
  static AttestTagset *tagset;

  if (g_once_init_enter (&tagset))
    g_once_init_leave (&tagset, load_builtin ("parc.json"));

  return attest_tagset_ref (tagset);
}

const char *
attest_tagset_get_name (AttestTagset *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->name;
}

gint64
attest_tagset_get_version (AttestTagset *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->version;
}

guint
attest_tagset_get_n_labels (AttestTagset *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->labels->len;
}

AttestLabel *
attest_tagset_get_label (AttestTagset *self,
                         guint         position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->labels->len, NULL);

  return g_ptr_array_index (self->labels, position);
}

AttestLabel *
attest_tagset_lookup_label (AttestTagset *self,
                            const char   *id)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->labels_by_id, id);
}

AttestLabel *
attest_tagset_lookup_label_by_key (AttestTagset *self,
                                   const char   *key)
{
  gunichar folded;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if ((folded = attest_tagset_fold_key (key, NULL)) == 0)
    return NULL;

  return g_hash_table_lookup (self->labels_by_key, GUINT_TO_POINTER (folded));
}

guint
attest_tagset_get_n_relation_types (AttestTagset *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->relation_types->len;
}

AttestRelationType *
attest_tagset_get_relation_type (AttestTagset *self,
                                 guint         position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->relation_types->len, NULL);

  return g_ptr_array_index (self->relation_types, position);
}

AttestRelationType *
attest_tagset_lookup_relation_type (AttestTagset *self,
                                    const char   *id)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->relation_types_by_id, id);
}

AttestRelationType *
attest_tagset_lookup_relation_type_by_key (AttestTagset *self,
                                           const char   *key)
{
  gunichar folded;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if ((folded = attest_tagset_fold_key (key, NULL)) == 0)
    return NULL;

  return g_hash_table_lookup (self->relation_types_by_key, GUINT_TO_POINTER (folded));
}

gboolean
attest_relation_type_allows (AttestRelationType *type,
                             const char         *from_label,
                             const char         *to_label)
{
  g_return_val_if_fail (type != NULL, FALSE);
  g_return_val_if_fail (from_label != NULL, FALSE);
  g_return_val_if_fail (to_label != NULL, FALSE);

  return g_strv_contains ((const char * const *) type->from, from_label) &&
         g_strv_contains ((const char * const *) type->to, to_label);
}

const char *
attest_label_style_to_string (AttestLabelStyle style)
{
  switch (style)
    {
    case ATTEST_LABEL_STYLE_BACKGROUND:
      return "background";
    case ATTEST_LABEL_STYLE_UNDERLINE:
      return "underline";
    case ATTEST_LABEL_STYLE_BOX:
      return "box";
    default:
      g_return_val_if_reached (NULL);
    }
}
