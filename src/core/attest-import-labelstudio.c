/* attest-import-labelstudio.c: Label Studio tasks
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "attest-import-private.h"
#include "attest-span-store.h"

/* Reads Label Studio's JSON export (an array of tasks, or one task), as
 * Label Studio writes it and as attest-export-labelstudio.c does; a
 * folder is read as its *.json files in name order. Not JSON-MIN or the
 * CSV exports: they lose the region ids that relations need.
 *
 * Per task: the text is data.text (a task without "data" is its own
 * data, as Label Studio takes it). Only the first of its "annotations"
 * that was not skipped ("was_cancelled") is read, and never
 * "predictions": one task is one article with one annotator's spans.
 * Its results become:
 *
 * - "labels": a span per label of the region, offsets in code points as
 *   Label Studio counts them (see attest-export-labelstudio.c). When the
 *   result's "text" does not match the text there but matches it read as
 *   UTF-16 units, those are taken: older frontends counted so (that of
 *   mid-2021 did; the npm package 1.4.0 counts code points).
 *   Line breaks are left out of that comparison: the text Label Studio
 *   saves for a region across lines has none (it shows them as <br>).
 *   The region's "meta" text (Label Studio's region note) is its note.
 * - "choices" and "textarea" on a region's id: "note" is the note,
 *   "entity" the speaker's entity (by name; made when the task's
 *   data.meta.attest_entities has none of that name), "attr_KEY" or any
 *   other control name an attribute (several values joined by ", ",
 *   textarea lines by "\n"). Such results on no region (about the whole
 *   task) are skipped.
 * - "relation": a relation per label from the first span of from_id to
 *   the first of to_id ("left" swaps them), typed "related" without one.
 * - anything else (other controls' regions) is skipped.
 *
 * The article is named data.meta.attest_name when the task has one (our
 * export writes it), else task-ID.txt from the task's id, else
 * task-N.txt from its position. data.meta's other string members are the
 * document's meta; attest_status, attest_language and attest_entities
 * restore what our export wrote.
 *
 * Errors name the file, the task (counted from 1, with its id) and the
 * result: "export.json: task 3 (id 17): result 2: value.end: 120 is past
 * the end of the text (98)". JSON has no useful lines here: an export is
 * often one line. */

#define LABELSTUDIO_MAX_DEPTH 64
/* Values quoted in messages are cut to this many characters. */
#define QUOTE_MAX 40

typedef struct
{
  AttestImportContext *context;
  AttestDocument      *document;
  AttestText          *text;
  char                *source;      /* "FILE: task N (id I)" */
  guint                result;      /* counted from 1; 0 outside results */
  GHashTable          *regions;     /* region id -> GPtrArray of AttestSpan */
} Task;

static void
task_clear (Task *task)
{
  g_clear_object (&task->document);
  g_clear_pointer (&task->text, attest_text_unref);
  g_clear_pointer (&task->source, g_free);
  g_clear_pointer (&task->regions, g_hash_table_unref);
}

static gboolean G_GNUC_PRINTF (3, 4)
task_fail (Task        *task,
           GError     **error,
           const char  *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (task->result > 0)
    attest_import_set_error (error, task->source, "result %u: %s", task->result, message);
  else
    attest_import_set_error (error, task->source, "%s", message);

  return FALSE;
}

static const char *
describe_node (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return "null";
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "an object";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "an array";

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return "a string";
    case G_TYPE_BOOLEAN:
      return "a boolean";
    case G_TYPE_INT64:
      return "an integer";
    default:
      return "a number";
    }
}

/* @value as "value" for a message: cut short, on one line. */
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
      if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_unichar (out, c);
    }
  g_string_append_c (out, '"');

  return g_string_free (out, FALSE);
}

static gboolean
is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

/* Member @name of @object as a string; absent or null is NULL, anything
 * else an error. */
static gboolean
get_optional_string (Task        *task,
                     JsonObject  *object,
                     const char  *path,
                     const char  *name,
                     const char **value,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!is_string (node))
    return task_fail (task, error, "%s%s: expected a string, found %s",
                      path, name, describe_node (node));

  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_offset (Task        *task,
            JsonObject  *value,
            const char  *name,
            guint       *offset,
            GError     **error)
{
  JsonNode *node = json_object_get_member (value, name);
  gint64 number;

  if (node == NULL)
    return task_fail (task, error, "value.%s: missing", name);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return task_fail (task, error, "value.%s: expected an integer, found %s",
                      name, describe_node (node));

  number = json_node_get_int (node);
  if (number < 0)
    return task_fail (task, error, "value.%s: %" G_GINT64_FORMAT " is negative", name, number);
  /* Up to the end in UTF-16 units here, which may be Label Studio's
   * older counting (read_range() decides); past that it is no text's. */
  if (number > attest_text_get_n_utf16 (task->text))
    return task_fail (task, error, "value.%s: %" G_GINT64_FORMAT " is past the end of the text (%u)",
                      name, number, attest_text_get_length (task->text));
  *offset = number;
  return TRUE;
}

/* An array of strings, joined by @separator; NULL and TRUE for an empty
 * one. A lone string is taken as a list of one. */
static gboolean
get_strings (Task        *task,
             JsonNode    *node,
             const char  *path,
             const char  *separator,
             char       **joined,
             GError     **error)
{
  g_autoptr(GString) out = NULL;
  JsonArray *array;

  *joined = NULL;
  if (is_string (node))
    {
      *joined = g_strdup (json_node_get_string (node));
      return TRUE;
    }
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return task_fail (task, error, "%s: expected an array of strings, found %s",
                      path, describe_node (node));

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!is_string (element))
        return task_fail (task, error, "%s[%u]: expected a string, found %s",
                          path, i, describe_node (element));
      if (out == NULL)
        out = g_string_new (NULL);
      else
        g_string_append (out, separator);
      g_string_append (out, json_node_get_string (element));
    }

  if (out != NULL)
    *joined = g_string_free (g_steal_pointer (&out), FALSE);
  return TRUE;
}

static GPtrArray *
lookup_region (Task       *task,
               JsonObject *result,
               const char *member)
{
  JsonNode *node = json_object_get_member (result, member);

  if (!is_string (node))
    return NULL;
  return g_hash_table_lookup (task->regions, json_node_get_string (node));
}

static char *
strip_line_breaks (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p++)
    if (*p != '\r' && *p != '\n')
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}

/* Whether the region's saved text is [start, end) of the text. Label
 * Studio's Text tag shows each CR and LF as a <br>, so the text it saves
 * for a region across lines has none of them (its offsets count them):
 * compared without line breaks, that is a match too. */
static gboolean
text_matches (AttestText *text,
              guint       start,
              guint       end,
              const char *expected)
{
  g_autofree char *slice = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (end > attest_text_get_length (text))
    return FALSE;
  if (attest_text_slice_equal (text, start, end, expected, strlen (expected)))
    return TRUE;

  slice = attest_text_slice (text, start, end);
  if (strpbrk (slice, "\r\n") == NULL)
    return FALSE;
  a = strip_line_breaks (slice);
  b = strip_line_breaks (expected);

  return strcmp (a, b) == 0;
}

/* The region's offsets, checked against the text its result quotes. */
static gboolean
read_range (Task        *task,
            JsonObject  *value,
            guint       *start,
            guint       *end,
            GError     **error)
{
  guint length = attest_text_get_length (task->text);
  const char *expected;
  guint start16, end16;

  if (!get_offset (task, value, "start", start, error) ||
      !get_offset (task, value, "end", end, error))
    return FALSE;
  if (*end < *start)
    return task_fail (task, error, "value.end: %u is before value.start (%u)", *end, *start);

  if (!get_optional_string (task, value, "value.", "text", &expected, error))
    return FALSE;

  if (expected != NULL)
    {
      if (text_matches (task->text, *start, *end, expected))
        return TRUE;

      /* Offsets in UTF-16 units that fall on code point boundaries. */
      start16 = attest_text_utf16_to_cp (task->text, *start);
      end16 = attest_text_utf16_to_cp (task->text, *end);
      if (attest_text_cp_to_utf16 (task->text, start16) == *start &&
          attest_text_cp_to_utf16 (task->text, end16) == *end &&
          text_matches (task->text, start16, end16, expected))
        {
          *start = start16;
          *end = end16;
          return TRUE;
        }
    }

  if (*start > length)
    return task_fail (task, error, "value.start: %u is past the end of the text (%u)", *start, length);
  if (*end > length)
    return task_fail (task, error, "value.end: %u is past the end of the text (%u)", *end, length);

  if (expected != NULL)
    {
      g_autofree char *found = attest_text_slice (task->text, *start, *end);
      g_autofree char *quoted = quote (expected);
      g_autofree char *quoted_found = quote (found);

      return task_fail (task, error, "value.text: %s is not the text at [%u, %u), which is %s",
                        quoted, *start, *end, quoted_found);
    }

  return TRUE;
}

static gboolean
read_labels (Task        *task,
             JsonObject  *result,
             GError     **error)
{
  JsonNode *value_node = json_object_get_member (result, "value");
  JsonNode *labels_node;
  JsonNode *meta_node;
  JsonObject *value;
  JsonArray *labels;
  const char *id = NULL;
  g_autofree char *note = NULL;
  GPtrArray *spans = NULL;
  guint start, end;

  if (value_node == NULL || !JSON_NODE_HOLDS_OBJECT (value_node))
    return task_fail (task, error, "value: expected an object, found %s", describe_node (value_node));
  value = json_node_get_object (value_node);

  if (!get_optional_string (task, result, "", "id", &id, error) ||
      !read_range (task, value, &start, &end, error))
    return FALSE;

  labels_node = json_object_get_member (value, "labels");
  if (labels_node == NULL || !JSON_NODE_HOLDS_ARRAY (labels_node))
    return task_fail (task, error, "value.labels: expected an array of labels, found %s",
                      describe_node (labels_node));
  labels = json_node_get_array (labels_node);
  if (json_array_get_length (labels) == 0)
    return task_fail (task, error, "value.labels: a region needs a label");

  /* Label Studio's own note on a region. */
  meta_node = json_object_get_member (result, "meta");
  if (meta_node != NULL && JSON_NODE_HOLDS_OBJECT (meta_node) &&
      json_object_has_member (json_node_get_object (meta_node), "text") &&
      !get_strings (task, json_object_get_member (json_node_get_object (meta_node), "text"),
                    "meta.text", "\n", &note, error))
    return FALSE;

  if (id != NULL)
    {
      spans = g_hash_table_lookup (task->regions, id);
      if (spans == NULL)
        {
          spans = g_ptr_array_new ();
          g_hash_table_insert (task->regions, g_strdup (id), spans);
        }
    }

  for (guint i = 0; i < json_array_get_length (labels); i++)
    {
      JsonNode *label = json_array_get_element (labels, i);
      g_autoptr(AttestSpan) span = NULL;
      g_autoptr(GError) local_error = NULL;
      gsize prefix_len;
      guint64 number;

      if (!is_string (label) || json_node_get_string (label)[0] == '\0')
        return task_fail (task, error, "value.labels[%u]: expected a label, found %s",
                          i, is_string (label) ? "an empty string" : describe_node (label));

      span = attest_import_new_span (task->context, g_intern_string (json_node_get_string (label)),
                                     start, end);
      span->note = g_strdup (note);
      /* Our own export's ids come back as they were. */
      if (id != NULL && attest_id_parse (id, &prefix_len, &number) &&
          prefix_len == 1 && id[0] == 's' &&
          attest_span_store_lookup (attest_document_get_spans (task->document), id) == NULL)
        span->id = g_strdup (id);

      if (!attest_document_add_span (task->document, span, &local_error))
        return task_fail (task, error, "%s", local_error->message);
      if (spans != NULL)
        g_ptr_array_add (spans, span);
      g_steal_pointer (&span);
    }

  return TRUE;
}

static AttestEntity *
find_entity (AttestDocument *document,
             const char     *name)
{
  for (guint i = 0; i < attest_document_get_n_entities (document); i++)
    {
      AttestEntity *entity = attest_document_get_entity (document, i);

      if (g_strcmp0 (entity->name, name) == 0)
        return entity;
    }

  return NULL;
}

/* A per-region choices or textarea result. */
static gboolean
read_region_value (Task        *task,
                   JsonObject  *result,
                   const char  *type,
                   GError     **error)
{
  JsonNode *value_node = json_object_get_member (result, "value");
  gboolean is_choices = strcmp (type, "choices") == 0;
  const char *from_name = NULL;
  g_autofree char *text = NULL;
  const char *key;
  GPtrArray *spans;
  JsonObject *value;

  if (value_node == NULL || !JSON_NODE_HOLDS_OBJECT (value_node))
    return task_fail (task, error, "value: expected an object, found %s", describe_node (value_node));
  value = json_node_get_object (value_node);

  spans = lookup_region (task, result, "id");
  if (spans == NULL)
    {
      /* About the whole task, not a region: nothing of ours. */
      if (!json_object_has_member (value, "start"))
        return TRUE;
      return task_fail (task, error, "id: names no region of this annotation");
    }

  if (!get_optional_string (task, result, "", "from_name", &from_name, error))
    return FALSE;
  if (from_name == NULL || from_name[0] == '\0')
    return task_fail (task, error, "from_name: missing");

  if (!get_strings (task, json_object_get_member (value, is_choices ? "choices" : "text"),
                    is_choices ? "value.choices" : "value.text",
                    is_choices ? ", " : "\n", &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  key = g_str_has_prefix (from_name, "attr_") && from_name[5] != '\0' ? from_name + 5 : from_name;

  for (guint i = 0; i < spans->len; i++)
    {
      AttestSpan *span = g_ptr_array_index (spans, i);

      if (!is_choices && strcmp (from_name, "note") == 0)
        {
          attest_document_set_span_note (task->document, span, text);
        }
      else if (!is_choices && strcmp (from_name, "entity") == 0)
        {
          AttestEntity *entity = find_entity (task->document, text);

          if (entity == NULL)
            {
              entity = attest_entity_new (NULL, text, "person");
              attest_document_add_entity (task->document, entity, NULL);
            }
          attest_document_set_span_entity (task->document, span, entity->id);
        }
      else
        {
          attest_document_set_span_attr (task->document, span, key, text);
        }
    }

  return TRUE;
}

static gboolean
read_relation (Task        *task,
               JsonObject  *result,
               GError     **error)
{
  GPtrArray *from = lookup_region (task, result, "from_id");
  GPtrArray *to = lookup_region (task, result, "to_id");
  JsonNode *labels_node = json_object_get_member (result, "labels");
  const char *direction = NULL;
  JsonArray *labels = NULL;
  AttestSpan *a, *b;
  guint n;

  if (from == NULL)
    return task_fail (task, error, "from_id: names no region of this annotation");
  if (to == NULL)
    return task_fail (task, error, "to_id: names no region of this annotation");
  if (!get_optional_string (task, result, "", "direction", &direction, error))
    return FALSE;
  if (direction != NULL && strcmp (direction, "right") != 0 &&
      strcmp (direction, "left") != 0 && strcmp (direction, "bi") != 0)
    {
      g_autofree char *quoted = quote (direction);

      return task_fail (task, error, "direction: %s is not \"right\", \"left\" or \"bi\"", quoted);
    }

  if (labels_node != NULL && !JSON_NODE_HOLDS_NULL (labels_node))
    {
      if (!JSON_NODE_HOLDS_ARRAY (labels_node))
        return task_fail (task, error, "labels: expected an array of strings, found %s",
                          describe_node (labels_node));
      labels = json_node_get_array (labels_node);
    }

  a = g_ptr_array_index (from, 0);
  b = g_ptr_array_index (to, 0);
  if (g_strcmp0 (direction, "left") == 0)
    {
      AttestSpan *swap = a;

      a = b;
      b = swap;
    }

  n = labels != NULL ? json_array_get_length (labels) : 0;
  for (guint i = 0; i < MAX (n, 1); i++)
    {
      const char *type = "related";
      AttestRelation *relation;

      if (n > 0)
        {
          JsonNode *label = json_array_get_element (labels, i);

          if (!is_string (label) || json_node_get_string (label)[0] == '\0')
            return task_fail (task, error, "labels[%u]: expected a relation type, found %s",
                              i, is_string (label) ? "an empty string" : describe_node (label));
          type = json_node_get_string (label);
        }

      relation = attest_import_new_relation (task->context, g_intern_string (type), a->id, b->id);
      attest_document_add_relation (task->document, relation, NULL);
    }

  return TRUE;
}

static gboolean
read_results (Task        *task,
              JsonArray   *results,
              GError     **error)
{
  /* Regions first: a per-region value or a relation may come before the
   * region it names. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < json_array_get_length (results); i++)
      {
        JsonNode *node = json_array_get_element (results, i);
        JsonObject *result;
        const char *type;

        task->result = i + 1;
        if (!JSON_NODE_HOLDS_OBJECT (node))
          return task_fail (task, error, "expected an object, found %s", describe_node (node));
        result = json_node_get_object (node);
        if (!get_optional_string (task, result, "", "type", &type, error))
          return FALSE;
        if (type == NULL)
          return task_fail (task, error, "type: missing");

        if (pass == 0 && strcmp (type, "labels") == 0)
          {
            if (!read_labels (task, result, error))
              return FALSE;
          }
        else if (pass == 1 && (strcmp (type, "choices") == 0 || strcmp (type, "textarea") == 0))
          {
            if (!read_region_value (task, result, type, error))
              return FALSE;
          }
        else if (pass == 1 && strcmp (type, "relation") == 0)
          {
            if (!read_relation (task, result, error))
              return FALSE;
          }
      }

  task->result = 0;
  return TRUE;
}

static gboolean
read_entities (Task        *task,
               JsonNode    *node,
               GError     **error)
{
  static const char * const kinds[] = { "person", "organisation", "anonymous", "other", NULL };
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return task_fail (task, error, "data.meta.attest_entities: expected an array, found %s",
                      describe_node (node));
  array = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *path = g_strdup_printf ("data.meta.attest_entities[%u].", i);
      g_autoptr(AttestEntity) entity = NULL;
      g_autoptr(GError) local_error = NULL;
      JsonObject *object;
      JsonNode *aliases;
      const char *id, *name, *kind, *wikidata;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return task_fail (task, error, "data.meta.attest_entities[%u]: expected an object, found %s",
                          i, describe_node (element));
      object = json_node_get_object (element);
      if (!get_optional_string (task, object, path, "id", &id, error) ||
          !get_optional_string (task, object, path, "name", &name, error) ||
          !get_optional_string (task, object, path, "kind", &kind, error) ||
          !get_optional_string (task, object, path, "wikidata", &wikidata, error))
        return FALSE;
      if (name == NULL || name[0] == '\0')
        return task_fail (task, error, "%sname: an entity needs a name", path);
      if (kind != NULL && !g_strv_contains (kinds, kind))
        {
          g_autofree char *quoted = quote (kind);

          return task_fail (task, error, "%skind: %s is not person, organisation, anonymous or other",
                            path, quoted);
        }

      entity = attest_entity_new (id != NULL && id[0] != '\0' ? id : NULL, name,
                                  g_intern_string (kind != NULL ? kind : "person"));
      entity->wikidata = g_strdup (wikidata);

      aliases = json_object_get_member (object, "aliases");
      if (aliases != NULL && !JSON_NODE_HOLDS_NULL (aliases))
        {
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
          JsonArray *list;

          if (!JSON_NODE_HOLDS_ARRAY (aliases))
            return task_fail (task, error, "%saliases: expected an array of strings, found %s",
                              path, describe_node (aliases));
          list = json_node_get_array (aliases);
          for (guint j = 0; j < json_array_get_length (list); j++)
            {
              JsonNode *alias = json_array_get_element (list, j);

              if (!is_string (alias))
                return task_fail (task, error, "%saliases[%u]: expected a string, found %s",
                                  path, j, describe_node (alias));
              g_strv_builder_add (builder, json_node_get_string (alias));
            }
          entity->aliases = g_strv_builder_end (builder);
        }

      if (!attest_document_add_entity (task->document, entity, &local_error))
        return task_fail (task, error, "%sid: %s", path, local_error->message);
      g_steal_pointer (&entity);
    }

  return TRUE;
}

/* data.meta: our name for the article and what else our export wrote. */
static gboolean
read_meta (Task        *task,
           JsonObject  *data,
           char       **name,
           GError     **error)
{
  JsonNode *node = json_object_get_member (data, "meta");
  JsonObject *meta;
  g_autoptr(GList) members = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return task_fail (task, error, "data.meta: expected an object, found %s", describe_node (node));
  meta = json_node_get_object (node);

  members = json_object_get_members (meta);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *member = json_object_get_member (meta, key);

      if (strcmp (key, "attest_entities") == 0)
        {
          if (!read_entities (task, member, error))
            return FALSE;
          continue;
        }
      if (!is_string (member))
        {
          if (g_str_has_prefix (key, "attest_"))
            return task_fail (task, error, "data.meta.%s: expected a string, found %s",
                              key, describe_node (member));
          /* Someone else's data, not a document's meta. */
          continue;
        }

      if (strcmp (key, "attest_name") == 0)
        {
          g_free (*name);
          *name = g_strdup (json_node_get_string (member));
        }
      else if (strcmp (key, "attest_status") == 0)
        {
          AttestStatus status;

          if (!attest_status_from_string (json_node_get_string (member), &status))
            {
              g_autofree char *quoted = quote (json_node_get_string (member));

              return task_fail (task, error, "data.meta.attest_status: %s is not new, in-progress or done",
                                quoted);
            }
          attest_document_set_status (task->document, status);
        }
      else if (strcmp (key, "attest_language") == 0)
        {
          attest_document_set_language (task->document, json_node_get_string (member));
        }
      else if (!g_str_has_prefix (key, "attest_"))
        {
          attest_document_set_meta (task->document, key, json_node_get_string (member));
        }
    }

  return TRUE;
}

static gboolean
import_task (AttestImportContext  *context,
             const char           *display,
             guint                 index,
             JsonNode             *node,
             GError              **error)
{
  Task task = { context, NULL, NULL, NULL, 0, NULL };
  g_autofree char *name = NULL;
  JsonObject *object, *data;
  JsonNode *data_node, *text_node, *annotations, *id_node;
  g_autoptr(GError) local_error = NULL;
  gboolean ok = FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      attest_import_set_error (error, display, "task %u: expected an object, found %s",
                               index + 1, describe_node (node));
      return FALSE;
    }
  object = json_node_get_object (node);

  id_node = json_object_get_member (object, "id");
  if (id_node != NULL && JSON_NODE_HOLDS_VALUE (id_node) &&
      json_node_get_value_type (id_node) == G_TYPE_INT64)
    {
      task.source = g_strdup_printf ("%s: task %u (id %" G_GINT64_FORMAT ")",
                                     display, index + 1, json_node_get_int (id_node));
      name = g_strdup_printf ("task-%" G_GINT64_FORMAT ".txt", json_node_get_int (id_node));
    }
  else
    {
      task.source = g_strdup_printf ("%s: task %u", display, index + 1);
      name = g_strdup_printf ("task-%u.txt", index + 1);
    }

  /* A task without "data" is its own data, as Label Studio takes it. */
  data_node = json_object_get_member (object, "data");
  if (data_node == NULL)
    data_node = node;
  if (!JSON_NODE_HOLDS_OBJECT (data_node))
    {
      task_fail (&task, error, "data: expected an object, found %s", describe_node (data_node));
      goto out;
    }
  data = json_node_get_object (data_node);

  text_node = json_object_get_member (data, "text");
  if (!is_string (text_node))
    {
      task_fail (&task, error, "data.text: expected the article's text, found %s",
                 text_node == NULL ? "nothing" : describe_node (text_node));
      goto out;
    }

  task.text = attest_text_new (json_node_get_string (text_node), -1, &local_error);
  if (task.text == NULL)
    {
      task_fail (&task, error, "data.text: %s", local_error->message);
      goto out;
    }
  task.document = attest_document_new (task.text);
  task.regions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_ptr_array_unref);

  if (!read_meta (&task, data, &name, error))
    goto out;

  /* "completions" is what Label Studio before 1.0 called them. */
  annotations = json_object_get_member (object, "annotations");
  if (annotations == NULL)
    annotations = json_object_get_member (object, "completions");
  if (annotations != NULL && !JSON_NODE_HOLDS_NULL (annotations))
    {
      JsonArray *list;
      JsonObject *chosen = NULL;
      JsonNode *results;
      guint n;

      if (!JSON_NODE_HOLDS_ARRAY (annotations))
        {
          task_fail (&task, error, "annotations: expected an array, found %s",
                     describe_node (annotations));
          goto out;
        }
      list = json_node_get_array (annotations);
      n = json_array_get_length (list);

      /* The first that was not skipped ("was_cancelled"). */
      for (guint i = 0; chosen == NULL && i < n; i++)
        {
          JsonNode *element = json_array_get_element (list, i);
          JsonNode *cancelled;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            {
              task_fail (&task, error, "annotations[%u]: expected an object, found %s",
                         i, describe_node (element));
              goto out;
            }
          cancelled = json_object_get_member (json_node_get_object (element), "was_cancelled");
          if (cancelled != NULL && JSON_NODE_HOLDS_VALUE (cancelled) &&
              json_node_get_value_type (cancelled) == G_TYPE_BOOLEAN &&
              json_node_get_boolean (cancelled))
            continue;
          chosen = json_node_get_object (element);

          results = json_object_get_member (chosen, "result");
          if (results == NULL || !JSON_NODE_HOLDS_ARRAY (results))
            {
              task_fail (&task, error, "annotations[%u].result: expected an array, found %s",
                         i, results == NULL ? "nothing" : describe_node (results));
              goto out;
            }
          if (!read_results (&task, json_node_get_array (results), error))
            goto out;
        }
    }

  ok = attest_import_context_add (context, name, task.document, task.source, error);

out:
  task_clear (&task);
  return ok;
}

static gboolean
import_file (AttestImportContext  *context,
             const char           *path,
             const char           *relative_name,
             gpointer              user_data,
             GError              **error)
{
  g_autofree char *display = g_path_get_basename (path);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize len;
  JsonNode *root;

  bytes = attest_import_read_file (path, attest_import_context_get_cancellable (context), error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &len);

  if (!attest_json_guard_check (data, len, LABELSTUDIO_MAX_DEPTH, &local_error))
    {
      g_set_error (error, ATTEST_ERROR, local_error->code, "%s: %s", display, local_error->message);
      return FALSE;
    }

  /* The guard took a leading BOM, json-glib does not. */
  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      len -= 3;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      attest_import_set_error (error, display, "%s", local_error->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);

  if (JSON_NODE_HOLDS_OBJECT (root))
    return import_task (context, display, 0, root, error);
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      attest_import_set_error (error, display, "expected an array of tasks, found %s",
                               describe_node (root));
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (root)); i++)
    {
      if (g_cancellable_set_error_if_cancelled (attest_import_context_get_cancellable (context), error))
        return FALSE;
      if (!import_task (context, display, i, json_array_get_element (json_node_get_array (root), i),
                        error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_json_name (const char *name)
{
  return g_str_has_suffix (name, ".json");
}

static gboolean
import_input (AttestImportContext  *context,
              const char           *input,
              GError              **error)
{
  if (!g_file_test (input, G_FILE_TEST_IS_DIR))
    return import_file (context, input, NULL, NULL, error);

  return attest_import_walk (context, input, ATTEST_IMPORT_WALK_FLAT, is_json_name, import_file,
                             NULL, error);
}

const AttestImporter attest_import_labelstudio = {
  .name = "labelstudio",
  .title = N_("Label Studio tasks"),
  .import = import_input,
};
