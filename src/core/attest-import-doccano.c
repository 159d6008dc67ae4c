/* attest-import-doccano.c: doccano JSONL
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "attest-document.h"
#include "attest-import-lines-private.h"

/* Reads both of doccano's sequence labelling exports (and what
 * attest-export-doccano.c writes):
 *
 *   relation projects:  "entities": [{"id", "label", "start_offset",
 *                        "end_offset"}], "relations": [{"from_id",
 *                        "to_id", "type"}]
 *   plain projects:     "label": [[start, end, label], …]
 *
 * The text is "text" ("data" in exports of doccano 1.0 and 1.1).
 * Offsets are UTF-16 code units, as doccano's annotation view counts
 * them (see attest-export-doccano.c); an offset between the two halves
 * of a surrogate pair is an error, not a guess. Files from doccano 1.4
 * and older counted code points: they import the same unless the text
 * has characters outside the Basic Multilingual Plane (emoji, some CJK).
 * doccano's "Comments" are per example and Attest has nowhere to put
 * them; they are not read. Other text members of a line are doccano's
 * example metadata and become the document's. The document's name is "attest_name" when
 * that names an article, else "line-N.txt". */

typedef struct
{
  AttestImportContext *context;
  AttestDocument      *document;
  AttestText          *text;
  const char          *source;
  GPtrArray           *spans;       /* AttestSpan *, owned by the document once added */
  GHashTable          *by_id;       /* doccano entity id -> position in spans + 1 */
} Example;

static gboolean
to_code_points (Example     *example,
                guint        offset,
                const char  *path,
                const char  *member,
                guint       *cp,
                GError     **error)
{
  guint n_utf16 = attest_text_get_n_utf16 (example->text);

  if (offset > n_utf16)
    {
      attest_import_set_error (error, example->source,
                               _("%s.%s: %u is past the end of the text (%u UTF-16 code units)"),
                               path, member, offset, n_utf16);
      return FALSE;
    }

  *cp = attest_text_utf16_to_cp (example->text, offset);
  if (attest_text_cp_to_utf16 (example->text, *cp) != offset)
    {
      attest_import_set_error (error, example->source,
                               _("%s.%s: %u falls between the two UTF-16 code units of one "
                                 "character"),
                               path, member, offset);
      return FALSE;
    }

  return TRUE;
}

static gboolean
make_span (Example     *example,
           const char  *path,
           guint        start_offset,
           guint        end_offset,
           const char  *label,
           JsonObject  *object,
           AttestSpan **span,
           GError     **error)
{
  guint start;
  guint end;

  if (label == NULL || *label == '\0')
    {
      attest_import_set_error (error, example->source, _("%s: needs a label"), path);
      return FALSE;
    }
  if (!to_code_points (example, start_offset, path, "start_offset", &start, error) ||
      !to_code_points (example, end_offset, path, "end_offset", &end, error))
    return FALSE;
  if (start > end)
    {
      attest_import_set_error (error, example->source,
                               _("%s.start_offset: %u is after the end (%u)"),
                               path, start_offset, end_offset);
      return FALSE;
    }
  if (object != NULL &&
      !attest_import_lines_check_span (example->text, object, start, end,
                                       _("UTF-16 code units, as doccano counts them"),
                                       example->source, path, error))
    return FALSE;

  *span = attest_import_new_span (example->context, label, start, end);
  g_ptr_array_add (example->spans, *span);

  return TRUE;
}

static gboolean
read_entities (Example    *example,
               JsonArray  *entities,
               GError    **error)
{
  for (guint i = 0; entities != NULL && i < json_array_get_length (entities); i++)
    {
      JsonObject *object = attest_import_lines_array_object (entities, i, example->source,
                                                             "entities", error);
      const char *label = NULL;
      gboolean have_id;
      gboolean have_start;
      gboolean have_end;
      AttestSpan *span;
      char path[32];
      guint id = 0;
      guint start_offset;
      guint end_offset;

      g_snprintf (path, sizeof path, "entities[%u]", i);
      if (object == NULL ||
          !attest_import_lines_get_uint (object, "id", example->source, path, &have_id, &id,
                                         error) ||
          !attest_import_lines_get_string (object, "label", example->source, path, &label, error) ||
          !attest_import_lines_get_uint (object, "start_offset", example->source, path,
                                         &have_start, &start_offset, error) ||
          !attest_import_lines_get_uint (object, "end_offset", example->source, path,
                                         &have_end, &end_offset, error))
        return FALSE;

      if (!have_start || !have_end)
        {
          attest_import_set_error (error, example->source,
                                   _("%s: needs “start_offset” and “end_offset”"), path);
          return FALSE;
        }
      if (have_id && g_hash_table_contains (example->by_id, GUINT_TO_POINTER (id)))
        {
          attest_import_set_error (error, example->source, _("%s.id: %u is used twice"), path, id);
          return FALSE;
        }

      if (!make_span (example, path, start_offset, end_offset, label, object, &span, error) ||
          !attest_import_lines_span_extras (example->document, object, span, "attest_id",
                                            example->source, path, error))
        return FALSE;

      if (have_id)
        g_hash_table_insert (example->by_id, GUINT_TO_POINTER (id),
                             GUINT_TO_POINTER (example->spans->len));
    }

  return TRUE;
}

/* [start, end, label]: doccano's tuple form. */
static gboolean
read_labels (Example    *example,
             JsonArray  *labels,
             GError    **error)
{
  for (guint i = 0; labels != NULL && i < json_array_get_length (labels); i++)
    {
      JsonNode *node = json_array_get_element (labels, i);
      JsonArray *tuple = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
      guint offsets[2];
      AttestSpan *span;
      char path[32];

      g_snprintf (path, sizeof path, "label[%u]", i);
      if (tuple == NULL || json_array_get_length (tuple) != 3)
        {
          attest_import_set_error (error, example->source,
                                   _("%s: expected [start, end, label]"), path);
          return FALSE;
        }

      for (guint k = 0; k < 2; k++)
        {
          JsonNode *number = json_array_get_element (tuple, k);
          gint64 value = -1;

          if (JSON_NODE_HOLDS_VALUE (number) && json_node_get_value_type (number) == G_TYPE_INT64)
            value = json_node_get_int (number);
          if (value < 0 || value > G_MAXUINT)
            {
              attest_import_set_error (error, example->source,
                                       _("%s[%u]: expected a non-negative integer"), path, k);
              return FALSE;
            }
          offsets[k] = (guint) value;
        }

      node = json_array_get_element (tuple, 2);
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          attest_import_set_error (error, example->source, _("%s[2]: expected a label"), path);
          return FALSE;
        }

      if (!make_span (example, path, offsets[0], offsets[1], json_node_get_string (node), NULL,
                      &span, error))
        return FALSE;
    }

  return TRUE;
}

static AttestSpan *
find_entity (Example     *example,
             JsonObject  *object,
             const char  *path,
             const char  *member,
             GError     **error)
{
  gboolean present;
  guint id = 0;
  guint position;

  if (!attest_import_lines_get_uint (object, member, example->source, path, &present, &id, error))
    return NULL;

  if (!present)
    {
      attest_import_set_error (error, example->source, _("%s: needs “%s”"), path, member);
      return NULL;
    }

  position = GPOINTER_TO_UINT (g_hash_table_lookup (example->by_id, GUINT_TO_POINTER (id)));
  if (position == 0)
    {
      attest_import_set_error (error, example->source, _("%s.%s: no entity has the id %u"),
                               path, member, id);
      return NULL;
    }

  return example->spans->pdata[position - 1];
}

static gboolean
read_relations (Example    *example,
                JsonArray  *relations,
                GError    **error)
{
  g_autoptr(GPtrArray) made = NULL;

  made = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_relation_free);
  for (guint i = 0; relations != NULL && i < json_array_get_length (relations); i++)
    {
      JsonObject *object = attest_import_lines_array_object (relations, i, example->source,
                                                             "relations", error);
      AttestRelation *relation;
      const char *type = NULL;
      const char *id = NULL;
      AttestSpan *from;
      AttestSpan *to;
      char path[32];

      g_snprintf (path, sizeof path, "relations[%u]", i);
      if (object == NULL ||
          !attest_import_lines_get_string (object, "type", example->source, path, &type, error) ||
          !attest_import_lines_get_string (object, "attest_id", example->source, path, &id,
                                           error) ||
          (from = find_entity (example, object, path, "from_id", error)) == NULL ||
          (to = find_entity (example, object, path, "to_id", error)) == NULL)
        return FALSE;

      if (type == NULL || *type == '\0')
        {
          attest_import_set_error (error, example->source, _("%s: needs a “type”"), path);
          return FALSE;
        }

      relation = attest_import_new_relation (example->context, type, from->id, to->id);
      g_ptr_array_add (made, relation);
      if (attest_import_lines_is_id (id, "r"))
        relation->id = g_strdup (id);
      if (!attest_import_lines_read_attrs (object, example->source, path, &relation->attrs,
                                           error))
        return FALSE;
    }

  return attest_import_lines_add_relations (example->document, made, example->source, error);
}

/* doccano keeps the members of an imported line that it does not know
 * as the example's metadata and writes them back at the top level of its
 * export ("source": "wire"); text ones become the document's. */
static void
read_example_meta (AttestDocument *document,
                   JsonObject     *object)
{
  g_autoptr(GList) names = json_object_get_members (object);

  for (const GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *node = json_object_get_member (object, name);

      if (strcmp (name, "text") != 0 && strcmp (name, "data") != 0 &&
          !g_str_has_prefix (name, "attest_") &&
          JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        attest_document_set_meta (document, name, json_node_get_string (node));
    }
}

static gboolean
import_example (AttestImportContext  *context,
                JsonObject           *object,
                const char           *source,
                const char           *fallback_name,
                GError              **error)
{
  g_autoptr(AttestText) text = NULL;
  g_autoptr(AttestDocument) document = NULL;
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_span_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GError) local = NULL;
  const char *text_str = NULL;
  const char *name = NULL;
  JsonObject *meta = NULL;
  JsonArray *entities = NULL;
  JsonArray *labels = NULL;
  JsonArray *relations = NULL;
  Example example;

  if (!attest_import_lines_get_string (object, "text", source, NULL, &text_str, error) ||
      (text_str == NULL &&
       !attest_import_lines_get_string (object, "data", source, NULL, &text_str, error)) ||
      !attest_import_lines_get_string (object, "attest_name", source, NULL, &name, error) ||
      !attest_import_lines_get_object (object, "attest_meta", source, NULL, &meta, error) ||
      !attest_import_lines_get_array (object, "entities", source, NULL, &entities, error) ||
      !attest_import_lines_get_array (object, "relations", source, NULL, &relations, error))
    return FALSE;

  /* "label" is also what doccano's classification projects export, as a
   * list of category names; only the tuple form is spans. */
  if (!attest_import_lines_get_array (object, "label", source, NULL, &labels, error))
    return FALSE;

  if (text_str == NULL)
    {
      attest_import_set_error (error, source, _("no “text”"));
      return FALSE;
    }
  if ((text = attest_text_new (text_str, -1, &local)) == NULL)
    {
      attest_import_set_error (error, source, "text: %s", local->message);
      return FALSE;
    }

  document = attest_document_new (text);
  example.context = context;
  example.document = document;
  example.text = text;
  example.source = source;
  example.spans = spans;
  example.by_id = by_id;

  read_example_meta (document, object);
  if (meta != NULL)
    attest_import_lines_meta (document, meta);

  if (!attest_import_lines_document_extras (document, object, source, error) ||
      !read_entities (&example, entities, error) ||
      !read_labels (&example, labels, error) ||
      !attest_import_lines_add_spans (document, spans, source, error) ||
      !read_relations (&example, relations, error))
    return FALSE;

  name = attest_import_lines_pick_name (name);
  return attest_import_context_add (context, name != NULL ? name : fallback_name, document,
                                    source, error);
}

static gboolean
import_input (AttestImportContext  *context,
              const char           *input,
              GError              **error)
{
  return attest_import_lines_run (context, input, import_example, error);
}

const AttestImporter attest_import_doccano = {
  .name = "doccano",
  .title = N_("doccano JSONL"),
  .import = import_input,
};
