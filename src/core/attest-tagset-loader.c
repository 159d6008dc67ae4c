/* attest-tagset-loader.c: reading and validating attest-tagset.json
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "attest-error.h"
#include "attest-json-guard.h"
#include "attest-tagset-private.h"

#define TAGSET_FORMAT  "attest-tagset"
#define TAGSET_VERSION 1

/* Values quoted back in messages are cut to this many characters. */
#define QUOTE_MAX 40

/* Colours for labels that name none, from the GNOME palette, in an
 * order that keeps neighbours apart. */
static const char * const fallback_colors[] = {
  "#f6d32d", "#3584e4", "#2ec27e", "#ff7800", "#9141ac", "#e01b24",
  "#986a44", "#62a0ea", "#57e389", "#ffa348", "#c061cb", "#f66151",
};

typedef struct
{
  const char  *name;   /* the file name that starts every message */
  GError     **error;
} Loader;

static gboolean
is_valid_id (const char *id)
{
  g_assert (id != NULL);

  if (!g_ascii_islower (id[0]) && !g_ascii_isdigit (id[0]))
    return FALSE;

  for (const char *p = id + 1; *p != '\0'; p++)
    {
      if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-' && *p != '_')
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_valid_color (const char *color)
{
  g_assert (color != NULL);

  if (color[0] != '#' || strlen (color) != 7)
    return FALSE;

  for (guint i = 1; i < 7; i++)
    {
      if (!g_ascii_isxdigit (color[i]))
        return FALSE;
    }

  return TRUE;
}

/* @value as "value" for a message: cut short, control characters shown
 * as \uXXXX so a message stays on one line. */
static char *
quote (const char *value)
{
  GString *out = g_string_new ("\"");
  guint n = 0;

  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (n == QUOTE_MAX)
        {
          g_string_append (out, "…");
          break;
        }

      if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\u%04x", c);
      else if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", (char) c);
      else
        g_string_append_unichar (out, c);
    }

  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

static const char *
describe_node (JsonNode *node)
{
  GType type;

  g_assert (node != NULL);

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return "an object";
    case JSON_NODE_ARRAY:
      return "a list";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
      type = json_node_get_value_type (node);
      if (type == G_TYPE_STRING)
        return "a string";
      if (type == G_TYPE_BOOLEAN)
        return json_node_get_boolean (node) ? "true" : "false";
      return "a number";
    default:
      return "an unknown value";
    }
}

G_GNUC_PRINTF (4, 5)
static gboolean
loader_fail (Loader      *l,
             AttestError  code,
             const char  *path,
             const char  *format,
             ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  g_assert (l != NULL);

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);

  if (path != NULL && path[0] != '\0')
    g_set_error (l->error, ATTEST_ERROR, code, "%s: %s: %s", l->name, path, problem);
  else
    g_set_error (l->error, ATTEST_ERROR, code, "%s: %s", l->name, problem);

  return FALSE;
}

static char *
member_path (const char *parent,
             const char *member)
{
  if (parent == NULL || parent[0] == '\0')
    return g_strdup (member);
  return g_strdup_printf ("%s.%s", parent, member);
}

/* A member, with null taken as absent. */
static JsonNode *
get_member (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node != NULL && JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return node;
}

/* *out is NULL for an absent optional member; an empty string counts as
 * absent for optional members too and as missing for required ones. */
static gboolean
read_string (Loader      *l,
             JsonObject  *object,
             const char  *parent,
             const char  *member,
             gboolean     required,
             const char **out)
{
  g_autofree char *path = member_path (parent, member);
  JsonNode *node = get_member (object, member);

  *out = NULL;

  if (node != NULL &&
      (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING))
    return loader_fail (l, ATTEST_ERROR_INVALID, path,
                        "expected a string, found %s", describe_node (node));

  if (node != NULL && json_node_get_string (node)[0] != '\0')
    *out = json_node_get_string (node);
  else if (required)
    return loader_fail (l, ATTEST_ERROR_INVALID, path,
                        node == NULL ? "missing" : "must not be empty");

  return TRUE;
}

/* *out is NULL for an absent optional list. */
static gboolean
read_array (Loader      *l,
            JsonObject  *object,
            const char  *parent,
            const char  *member,
            gboolean     required,
            JsonArray  **out)
{
  g_autofree char *path = member_path (parent, member);
  JsonNode *node = get_member (object, member);

  *out = NULL;

  if (node == NULL)
    {
      if (required)
        return loader_fail (l, ATTEST_ERROR_INVALID, path, "missing; expected a list");
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return loader_fail (l, ATTEST_ERROR_INVALID, path,
                        "expected a list, found %s", describe_node (node));

  *out = json_node_get_array (node);
  return TRUE;
}

static gboolean
read_object (Loader      *l,
             JsonNode    *node,
             const char  *path,
             JsonObject **out)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return loader_fail (l, ATTEST_ERROR_INVALID, path,
                        "expected an object, found %s", describe_node (node));

  *out = json_node_get_object (node);
  return TRUE;
}

/* A list of distinct, non-empty strings; *out stays NULL when absent. */
static gboolean
read_strv (Loader      *l,
           JsonObject  *object,
           const char  *parent,
           const char  *member,
           gboolean     required,
           char      ***out)
{
  g_autofree char *path = member_path (parent, member);
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;
  guint n;

  *out = NULL;

  if (!read_array (l, object, parent, member, required, &array))
    return FALSE;
  if (array == NULL)
    return TRUE;

  n = json_array_get_length (array);
  if (n == 0)
    return loader_fail (l, ATTEST_ERROR_INVALID, path, "the list is empty");

  builder = g_strv_builder_new ();
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);
      const char *value;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return loader_fail (l, ATTEST_ERROR_INVALID, item_path,
                            "expected a string, found %s", describe_node (node));

      value = json_node_get_string (node);
      if (value[0] == '\0')
        return loader_fail (l, ATTEST_ERROR_INVALID, item_path, "must not be empty");

      for (guint j = 0; j < i; j++)
        {
          if (g_strcmp0 (json_array_get_string_element (array, j), value) == 0)
            {
              g_autofree char *quoted = quote (value);

              return loader_fail (l, ATTEST_ERROR_INVALID, item_path,
                                  "%s is already listed at %s[%u]", quoted, path, j);
            }
        }

      g_strv_builder_add (builder, value);
    }

  *out = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
read_id (Loader      *l,
         JsonObject  *object,
         const char  *parent,
         const char **out)
{
  if (!read_string (l, object, parent, "id", TRUE, out))
    return FALSE;

  if (!is_valid_id (*out))
    {
      g_autofree char *path = member_path (parent, "id");
      g_autofree char *quoted = quote (*out);

      return loader_fail (l, ATTEST_ERROR_INVALID, path,
                          "%s is not a valid id; use lower-case letters a-z, digits, "
                          "\"-\" and \"_\", starting with a letter or digit", quoted);
    }

  return TRUE;
}

/* Keys are shared by labels and relation types: one key, one action. */
static gboolean
read_key (Loader        *l,
          AttestTagset  *self,
          JsonObject    *object,
          const char    *parent,
          char         **out,
          gunichar      *folded)
{
  g_autofree char *path = member_path (parent, "key");
  g_autofree char *quoted = NULL;
  g_autofree char *normalized = NULL;
  const char *key;
  const char *owner = NULL;
  const char *owner_key = NULL;
  gpointer found;

  *out = NULL;
  *folded = 0;

  if (!read_string (l, object, parent, "key", FALSE, &key))
    return FALSE;
  if (key == NULL)
    return TRUE;

  quoted = quote (key);
  *folded = attest_tagset_fold_key (key, &normalized);

  if (*folded == 0)
    return loader_fail (l, ATTEST_ERROR_INVALID, path,
                        "%s is not a single character", quoted);

  if (!g_unichar_isalnum (*folded))
    return loader_fail (l, ATTEST_ERROR_INVALID, path,
                        "%s is not a letter or a digit", quoted);

  if ((found = g_hash_table_lookup (self->labels_by_key, GUINT_TO_POINTER (*folded))))
    {
      owner = ((AttestLabel *) found)->id;
      owner_key = ((AttestLabel *) found)->key;
    }
  else if ((found = g_hash_table_lookup (self->relation_types_by_key,
                                         GUINT_TO_POINTER (*folded))))
    {
      owner = ((AttestRelationType *) found)->id;
      owner_key = ((AttestRelationType *) found)->key;
    }

  if (owner != NULL)
    return loader_fail (l, ATTEST_ERROR_INVALID, path,
                        "%s is already used by \"%s\"%s", quoted, owner,
                        g_strcmp0 (owner_key, normalized) != 0 ? " (keys ignore case)" : "");

  *out = g_steal_pointer (&normalized);
  return TRUE;
}

static gboolean
read_attribute (Loader           *l,
                JsonNode         *node,
                const char       *path,
                GPtrArray        *attributes,
                AttestAttribute **out)
{
  g_autoptr(AttestAttribute) attribute = g_new0 (AttestAttribute, 1);
  JsonObject *object = NULL;
  const char *id;
  const char *name;
  const char *default_value;

  if (!read_object (l, node, path, &object) ||
      !read_id (l, object, path, &id) ||
      !read_string (l, object, path, "name", FALSE, &name) ||
      !read_strv (l, object, path, "values", FALSE, &attribute->values) ||
      !read_string (l, object, path, "default", FALSE, &default_value))
    return FALSE;

  for (guint i = 0; i < attributes->len; i++)
    {
      AttestAttribute *other = g_ptr_array_index (attributes, i);

      if (g_str_equal (other->id, id))
        {
          g_autofree char *id_path = member_path (path, "id");

          return loader_fail (l, ATTEST_ERROR_INVALID, id_path,
                              "this label already has an attribute \"%s\"", id);
        }
    }

  if (default_value != NULL && attribute->values != NULL &&
      !g_strv_contains ((const char * const *) attribute->values, default_value))
    {
      g_autofree char *default_path = member_path (path, "default");
      g_autofree char *quoted = quote (default_value);
      g_autofree char *listed = g_strjoinv (", ", attribute->values);

      return loader_fail (l, ATTEST_ERROR_INVALID, default_path,
                          "%s is not one of %s", quoted, listed);
    }

  attribute->id = g_strdup (id);
  attribute->name = g_strdup (name != NULL ? name : id);
  attribute->default_value = g_strdup (default_value);

  *out = g_steal_pointer (&attribute);
  return TRUE;
}

static gboolean
read_style (Loader           *l,
            JsonObject       *object,
            const char       *parent,
            AttestLabelStyle *out)
{
  const char *style;

  *out = ATTEST_LABEL_STYLE_BACKGROUND;

  if (!read_string (l, object, parent, "style", FALSE, &style))
    return FALSE;
  if (style == NULL)
    return TRUE;

  for (guint i = ATTEST_LABEL_STYLE_BACKGROUND; i <= ATTEST_LABEL_STYLE_BOX; i++)
    {
      if (g_str_equal (style, attest_label_style_to_string ((AttestLabelStyle) i)))
        {
          *out = (AttestLabelStyle) i;
          return TRUE;
        }
    }

  {
    g_autofree char *path = member_path (parent, "style");
    g_autofree char *quoted = quote (style);

    return loader_fail (l, ATTEST_ERROR_INVALID, path,
                        "%s is not one of background, underline, box", quoted);
  }
}

static gboolean
read_label (Loader       *l,
            AttestTagset *self,
            JsonNode     *node,
            guint         index)
{
  g_autofree char *path = g_strdup_printf ("labels[%u]", index);
  g_autoptr(AttestLabel) label = g_new0 (AttestLabel, 1);
  JsonObject *object = NULL;
  JsonArray *attributes = NULL;
  JsonNode *entity;
  AttestLabel *other;
  const char *id;
  const char *name;
  const char *color;
  const char *description;
  gunichar folded;

  label->attributes = g_ptr_array_new_with_free_func (attest_attribute_free);

  if (!read_object (l, node, path, &object) ||
      !read_id (l, object, path, &id))
    return FALSE;

  if ((other = g_hash_table_lookup (self->labels_by_id, id)))
    {
      g_autofree char *id_path = member_path (path, "id");
      guint other_index = 0;

      g_ptr_array_find (self->labels, other, &other_index);
      return loader_fail (l, ATTEST_ERROR_INVALID, id_path,
                          "\"%s\" is already the id of labels[%u]", id, other_index);
    }

  if (!read_string (l, object, path, "name", FALSE, &name) ||
      !read_key (l, self, object, path, &label->key, &folded) ||
      !read_string (l, object, path, "color", FALSE, &color) ||
      !read_style (l, object, path, &label->style) ||
      !read_string (l, object, path, "description", FALSE, &description) ||
      !read_array (l, object, path, "attributes", FALSE, &attributes))
    return FALSE;

  if (color != NULL && !is_valid_color (color))
    {
      g_autofree char *color_path = member_path (path, "color");
      g_autofree char *quoted = quote (color);

      return loader_fail (l, ATTEST_ERROR_INVALID, color_path,
                          "%s is not a colour like \"#f6d32d\"", quoted);
    }

  if ((entity = get_member (object, "entity")) != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (entity) || json_node_get_value_type (entity) != G_TYPE_BOOLEAN)
        {
          g_autofree char *entity_path = member_path (path, "entity");

          return loader_fail (l, ATTEST_ERROR_INVALID, entity_path,
                              "expected true or false, found %s", describe_node (entity));
        }
      label->entity = json_node_get_boolean (entity);
    }

  for (guint i = 0; attributes != NULL && i < json_array_get_length (attributes); i++)
    {
      g_autofree char *attribute_path = g_strdup_printf ("%s.attributes[%u]", path, i);
      AttestAttribute *attribute = NULL;

      if (!read_attribute (l, json_array_get_element (attributes, i), attribute_path,
                           label->attributes, &attribute))
        return FALSE;
      g_ptr_array_add (label->attributes, attribute);
    }

  label->id = g_intern_string (id);
  label->name = g_strdup (name != NULL ? name : id);
  label->description = g_strdup (description);
  if (color != NULL)
    label->color = g_ascii_strdown (color, -1);
  else
    label->color = g_strdup (fallback_colors[index % G_N_ELEMENTS (fallback_colors)]);

  g_hash_table_insert (self->labels_by_id, (gpointer) label->id, label);
  if (folded != 0)
    g_hash_table_insert (self->labels_by_key, GUINT_TO_POINTER (folded), label);
  g_ptr_array_add (self->labels, g_steal_pointer (&label));

  return TRUE;
}

/* Every id in relations[i].from / .to must name a label. */
static gboolean
check_label_ids (Loader       *l,
                 AttestTagset *self,
                 const char   *path,
                 char * const *ids)
{
  for (guint i = 0; ids[i] != NULL; i++)
    {
      if (!g_hash_table_contains (self->labels_by_id, ids[i]))
        {
          g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);
          g_autofree char *quoted = quote (ids[i]);

          return loader_fail (l, ATTEST_ERROR_INVALID, item_path, "no label %s", quoted);
        }
    }

  return TRUE;
}

static gboolean
read_relation_type (Loader       *l,
                    AttestTagset *self,
                    JsonNode     *node,
                    guint         index)
{
  g_autofree char *path = g_strdup_printf ("relations[%u]", index);
  g_autofree char *from_path = NULL;
  g_autofree char *to_path = NULL;
  g_autoptr(AttestRelationType) type = g_new0 (AttestRelationType, 1);
  JsonObject *object = NULL;
  const char *id;
  const char *name;
  const char *description;
  gunichar folded;

  if (!read_object (l, node, path, &object) ||
      !read_id (l, object, path, &id))
    return FALSE;

  if (g_hash_table_contains (self->relation_types_by_id, id))
    {
      g_autofree char *id_path = member_path (path, "id");

      return loader_fail (l, ATTEST_ERROR_INVALID, id_path,
                          "there is already a relation \"%s\"", id);
    }

  from_path = member_path (path, "from");
  to_path = member_path (path, "to");

  if (!read_string (l, object, path, "name", FALSE, &name) ||
      !read_strv (l, object, path, "from", TRUE, &type->from) ||
      !check_label_ids (l, self, from_path, type->from) ||
      !read_strv (l, object, path, "to", TRUE, &type->to) ||
      !check_label_ids (l, self, to_path, type->to) ||
      !read_key (l, self, object, path, &type->key, &folded) ||
      !read_string (l, object, path, "description", FALSE, &description))
    return FALSE;

  type->id = g_intern_string (id);
  type->name = g_strdup (name != NULL ? name : id);
  type->description = g_strdup (description);

  g_hash_table_insert (self->relation_types_by_id, (gpointer) type->id, type);
  if (folded != 0)
    g_hash_table_insert (self->relation_types_by_key, GUINT_TO_POINTER (folded), type);
  g_ptr_array_add (self->relation_types, g_steal_pointer (&type));

  return TRUE;
}

static gboolean
read_header (Loader       *l,
             AttestTagset *self,
             JsonObject   *root)
{
  JsonNode *version;
  const char *format;
  const char *name;

  if (!read_string (l, root, NULL, "format", FALSE, &format))
    return FALSE;

  if (g_strcmp0 (format, TAGSET_FORMAT) != 0)
    {
      g_autofree char *quoted = format != NULL ? quote (format) : NULL;

      return loader_fail (l, ATTEST_ERROR_INVALID, "format",
                          "expected \"" TAGSET_FORMAT "\"%s%s",
                          quoted != NULL ? ", found " : "", quoted != NULL ? quoted : "");
    }

  /* The version comes before everything else: a newer file may be laid
   * out differently, and "update Attest" is the only useful message. */
  version = get_member (root, "version");
  if (version == NULL)
    return loader_fail (l, ATTEST_ERROR_INVALID, "version", "missing; expected %d",
                        TAGSET_VERSION);

  if (!JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64)
    return loader_fail (l, ATTEST_ERROR_INVALID, "version",
                        "expected a whole number, found %s", describe_node (version));

  self->version = json_node_get_int (version);
  if (self->version > TAGSET_VERSION)
    return loader_fail (l, ATTEST_ERROR_NEWER_VERSION, "version",
                        "%" G_GINT64_FORMAT " is newer than this Attest understands "
                        "(version %d); update Attest to use this tag set",
                        self->version, TAGSET_VERSION);

  if (self->version < 1)
    return loader_fail (l, ATTEST_ERROR_INVALID, "version",
                        "%" G_GINT64_FORMAT " is not a version; expected %d",
                        self->version, TAGSET_VERSION);

  if (!read_string (l, root, NULL, "name", TRUE, &name))
    return FALSE;

  self->name = g_strdup (name);
  return TRUE;
}

static void
on_parser_error (JsonParser *parser,
                 gpointer    error,
                 gpointer    user_data)
{
  guint *location = user_data;

  location[0] = json_parser_get_current_line (parser);
  location[1] = json_parser_get_current_pos (parser);
}

AttestTagset *
attest_tagset_new_from_data (const char  *data,
                             gssize       len,
                             const char  *display_name,
                             GError     **error)
{
  g_autoptr(AttestTagset) self = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  Loader loader = { display_name != NULL ? display_name : "tag set", error };
  Loader *l = &loader;
  JsonObject *root = NULL;
  JsonArray *labels = NULL;
  JsonArray *relations = NULL;
  guint location[2] = { 0, 0 };

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len < 0)
    len = strlen (data);

  if (len > ATTEST_TAGSET_MAX_SIZE)
    {
      loader_fail (l, ATTEST_ERROR_TOO_LARGE, NULL,
                   "the file is larger than 1 MiB, the limit for a tag set");
      return NULL;
    }

  if (!attest_json_guard_check (data, len, ATTEST_TAGSET_MAX_DEPTH, &local_error))
    {
      g_set_error (error, ATTEST_ERROR, local_error->code, "%s: %s",
                   l->name, local_error->message);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  g_signal_connect (parser, "error", G_CALLBACK (on_parser_error), location);
  /* The guard accepts only what json-glib parses, so this is a
   * fallback; its message starts "<data>:1:2: Parse error: ". */
  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      const char *message = strstr (local_error->message, "Parse error: ");

      loader_fail (l, ATTEST_ERROR_PARSE, NULL, "line %u, column %u: %s",
                   location[0], location[1],
                   message != NULL ? message + strlen ("Parse error: ") : local_error->message);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      loader_fail (l, ATTEST_ERROR_INVALID, NULL,
                   "expected an object at the top level, found %s",
                   describe_node (json_parser_get_root (parser)));
      return NULL;
    }

  self = attest_tagset_new_empty ();
  root = json_node_get_object (json_parser_get_root (parser));

  if (!read_header (l, self, root) ||
      !read_array (l, root, NULL, "labels", TRUE, &labels) ||
      !read_array (l, root, NULL, "relations", FALSE, &relations))
    return NULL;

  if (json_array_get_length (labels) == 0)
    {
      loader_fail (l, ATTEST_ERROR_INVALID, "labels",
                   "the list is empty; a tag set needs at least one label");
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (labels); i++)
    {
      if (!read_label (l, self, json_array_get_element (labels, i), i))
        return NULL;
    }

  for (guint i = 0; relations != NULL && i < json_array_get_length (relations); i++)
    {
      if (!read_relation_type (l, self, json_array_get_element (relations, i), i))
        return NULL;
    }

  return g_steal_pointer (&self);
}
