/* attest-export-labelstudio.c: Label Studio tasks (JSON)
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "attest-export-labelstudio.h"
#include "attest-export-private.h"

/* A JSON array of tasks in the form Label Studio imports with their
 * annotations and writes in its own JSON export:
 *
 *   [{"data": {"text": …, "meta": {"attest_name": NAME, "title": …,
 *              "attest_status": …, "attest_language": …,
 *              "attest_entities": [{"id", "name", "kind", …}]}},
 *     "annotations": [{"result": [
 *       {"id": "s1", "from_name": "label", "to_name": "text",
 *        "type": "labels",
 *        "value": {"start": 43, "end": 68, "text": …, "labels": ["quote"]}},
 *       {"id": "s1", "from_name": "attr_kind", …, "type": "choices",
 *        "value": {"start", "end", "text": …, "choices": ["direct"]}},
 *       {"id": "s3", "from_name": "note", …, "type": "textarea",
 *        "value": {"start", "end", "text": ["the note"]}},
 *       {"from_id": "s1", "to_id": "s2", "type": "relation",
 *        "direction": "right", "labels": ["said-by"]}]}]},
 *    …]
 *
 * One region per span, its id the span's id; attributes, the note and a
 * speaker's entity name are per-region results on the same id, as Label
 * Studio serializes per-region controls (a textarea's "text" is its list
 * of lines there, not the region's text). The controls are those of
 * attest_export_labelstudio_config(); the CLI writes that config beside
 * the export.
 *
 * Offsets are code points, not JavaScript's UTF-16 units. Label
 * Studio's frontend converts between the two in its selection tools:
 * findRange() goes through codePointsToChars() when it places a region
 * it loads, charsToCodePoints() counts a drawn one ("in python and other
 * modern tools complex unicode symbols handled as code points … so for
 * external usage js length should be converted to code points count",
 * says its source in @heartexlabs/label-studio 1.4.0 on npm), and the
 * current editor's "NER - Emoji - Text" tests assert offsets "by code
 * points in text". That frontend, run in headless Chromium over this
 * export, puts every region on its text, after the emoji too
 * (tests/readers/check-labelstudio.js). It counts "\r\n" as two, as we
 * do.
 *
 * What the format cannot hold is counted: attributes of relations, and
 * empty spans (a region must cover something) with their relations. */

/* Whether an attribute takes one of a list of values (a Choices control)
 * rather than free text (a TextArea): when every label of the tag set
 * that has it lists values. The config and the tasks must agree. */
static gboolean
attribute_is_choice (AttestTagset *tagset,
                     const char   *key)
{
  gboolean found = FALSE;

  for (guint i = 0; i < attest_tagset_get_n_labels (tagset); i++)
    {
      AttestLabel *label = attest_tagset_get_label (tagset, i);

      for (guint j = 0; label->attributes != NULL && j < label->attributes->len; j++)
        {
          AttestAttribute *attribute = g_ptr_array_index (label->attributes, j);

          if (strcmp (attribute->id, key) != 0)
            continue;
          if (attribute->values == NULL)
            return FALSE;
          found = TRUE;
        }
    }

  return found;
}

static void
append_result_head (GString          *out,
                    const char       *id,
                    const char       *from_name,
                    const char       *type,
                    const AttestSpan *span)
{
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  attest_json_member_string (out, &first, "id", id);
  attest_json_member_string (out, &first, "from_name", from_name);
  attest_json_member_string (out, &first, "to_name", "text");
  attest_json_member_string (out, &first, "type", type);
  g_string_append_printf (out, ", \"value\": {\"start\": %u, \"end\": %u", span->start, span->end);
}

static void
append_span_text (GString            *out,
                  const AttestRecord *record,
                  const AttestSpan   *span)
{
  gsize n_bytes;
  const char *slice = attest_export_slice (record, span->start, span->end, &n_bytes);

  attest_json_append_literal (out, ", \"text\": ");
  attest_json_append_string (out, slice, n_bytes);
}

static void
append_textarea (GString          *out,
                 const char       *from_name,
                 const AttestSpan *span,
                 const char       *text)
{
  attest_json_append_literal (out, ",\n");
  append_result_head (out, span->id, from_name, "textarea", span);
  attest_json_append_literal (out, ", \"text\": [");
  attest_json_append_string (out, text, -1);
  attest_json_append_literal (out, "]}}");
}

static void
append_span (GString                   *out,
             const AttestExportContext *context,
             const AttestRecord        *record,
             const AttestSpan          *span)
{
  const AttestEntity *entity = attest_record_lookup_entity (record, span->entity);

  append_result_head (out, span->id, "label", "labels", span);
  append_span_text (out, record, span);
  attest_json_append_literal (out, ", \"labels\": [");
  attest_json_append_string (out, span->label, -1);
  attest_json_append_literal (out, "]}}");

  for (guint i = 0; span->attrs != NULL && span->attrs[i] != NULL; i += 2)
    {
      g_autofree char *from_name = g_strconcat ("attr_", span->attrs[i], NULL);

      if (!attribute_is_choice (context->tagset, span->attrs[i]))
        {
          append_textarea (out, from_name, span, span->attrs[i + 1]);
          continue;
        }

      attest_json_append_literal (out, ",\n");
      append_result_head (out, span->id, from_name, "choices", span);
      append_span_text (out, record, span);
      attest_json_append_literal (out, ", \"choices\": [");
      attest_json_append_string (out, span->attrs[i + 1], -1);
      attest_json_append_literal (out, "]}}");
    }

  if (span->note != NULL)
    append_textarea (out, "note", span, span->note);
  if (entity != NULL)
    append_textarea (out, "entity", span, entity->name);
}

static void
append_meta (GString            *out,
             const AttestRecord *record)
{
  gboolean first = TRUE;

  /* Our own members carry a prefix, so a sidecar's meta member of any
   * name goes through; one that takes a name of ours loses to it. */
  attest_json_append_literal (out, ", \"meta\": {");
  attest_json_member_string (out, &first, "attest_name", record->name);
  for (guint i = 0; record->meta != NULL && record->meta[i] != NULL; i += 2)
    if (!g_str_has_prefix (record->meta[i], "attest_"))
      attest_json_member_string (out, &first, record->meta[i], record->meta[i + 1]);
  attest_json_member_string (out, &first, "attest_status", attest_status_to_string (record->status));
  if (record->language != NULL)
    attest_json_member_string (out, &first, "attest_language", record->language);

  if (record->n_entities > 0)
    {
      attest_json_append_literal (out, ", \"attest_entities\": [");
      for (guint i = 0; i < record->n_entities; i++)
        {
          const AttestEntity *entity = record->entities[i];
          gboolean inner = TRUE;

          if (i > 0)
            attest_json_append_literal (out, ", ");
          g_string_append_c (out, '{');
          attest_json_member_string (out, &inner, "id", entity->id);
          attest_json_member_string (out, &inner, "name", entity->name);
          if (entity->kind != NULL)
            attest_json_member_string (out, &inner, "kind", entity->kind);
          if (entity->wikidata != NULL)
            attest_json_member_string (out, &inner, "wikidata", entity->wikidata);
          if (entity->aliases != NULL && entity->aliases[0] != NULL)
            attest_json_member_strv (out, &inner, "aliases", entity->aliases);
          g_string_append_c (out, '}');
        }
      g_string_append_c (out, ']');
    }

  g_string_append_c (out, '}');
}

static void
export_document (const AttestExportContext *context,
                 const AttestRecord        *record,
                 AttestExportChunk         *chunk)
{
  GString *out = chunk->stream;
  gboolean first = TRUE;
  guint n_empty = 0;
  guint n_relations = 0;
  guint n_relation_attrs = 0;
  guint n_empty_relations = 0;

  attest_json_append_literal (out, "{\"data\": {\"text\": ");
  attest_json_append_string (out, attest_text_get_data (record->text),
                             attest_text_get_n_bytes (record->text));
  append_meta (out, record);
  attest_json_append_literal (out, "},\n \"annotations\": [{\"result\": [\n");

  for (guint i = 0; i < record->n_spans; i++)
    {
      const AttestSpan *span = record->spans[i];

      if (span->start == span->end)
        {
          n_empty++;
          continue;
        }
      if (!first)
        attest_json_append_literal (out, ",\n");
      first = FALSE;
      append_span (out, context, record, span);
    }

  for (guint i = 0; i < record->n_relations; i++)
    {
      const AttestRelation *relation = record->relations[i];
      const AttestSpan *from = attest_record_lookup_span (record, relation->from);
      const AttestSpan *to = attest_record_lookup_span (record, relation->to);
      gboolean inner = TRUE;

      if (from->start == from->end || to->start == to->end)
        {
          n_empty_relations++;
          continue;
        }

      if (!first)
        attest_json_append_literal (out, ",\n");
      first = FALSE;
      g_string_append_c (out, '{');
      attest_json_member_string (out, &inner, "from_id", relation->from);
      attest_json_member_string (out, &inner, "to_id", relation->to);
      attest_json_member_string (out, &inner, "type", "relation");
      attest_json_member_string (out, &inner, "direction", "right");
      attest_json_append_literal (out, ", \"labels\": [");
      attest_json_append_string (out, relation->type, -1);
      attest_json_append_literal (out, "]}");
      n_relations++;
      n_relation_attrs += attest_attrs_count (relation->attrs);
    }

  attest_json_append_literal (out, "\n]}]}");

  attest_export_chunk_drop (chunk, N_("empty spans"), n_empty);
  attest_export_chunk_drop (chunk, N_("relations of empty spans"), n_empty_relations);
  attest_export_chunk_drop (chunk, N_("attributes of relations"), n_relation_attrs);
  chunk->n_spans = record->n_spans - n_empty;
  chunk->n_relations = n_relations;
}

static void
export_head (const AttestExportContext *context,
             GString                   *out)
{
  attest_json_append_literal (out, "[\n");
}

static void
export_tail (const AttestExportContext *context,
             const AttestExportSummary *summary,
             GString                   *out,
             AttestExportChunk         *chunk)
{
  attest_json_append_literal (out, "\n]\n");
}

const AttestExporter attest_export_labelstudio = {
  .name = "labelstudio",
  .title = N_("Label Studio tasks (JSON)"),
  .extension = ".json",
  .layout = ATTEST_EXPORT_STREAM,
  .separator = ",\n",
  .head = export_head,
  .document = export_document,
  .tail = export_tail,
};

/* The labeling config ------------------------------------------------------ */

static void
append_xml_attribute (GString    *out,
                      const char *name,
                      const char *value)
{
  g_autofree char *escaped = g_markup_escape_text (value, -1);

  g_string_append_printf (out, " %s=\"%s\"", name, escaped);
}

/* key -> GPtrArray of values (NULL for free text), keys in first-seen
 * order in @keys. */
typedef struct
{
  GPtrArray  *keys;
  GHashTable *values;
} AttributeSet;

static void
attribute_set_add (AttributeSet *set,
                   const char   *key,
                   const char   *value)
{
  GPtrArray *values;

  if (!g_hash_table_lookup_extended (set->values, key, NULL, (gpointer *) &values))
    {
      values = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (set->keys, g_strdup (key));
      g_hash_table_insert (set->values, g_strdup (key), values);
    }

  if (value != NULL && !g_ptr_array_find_with_equal_func (values, value, g_str_equal, NULL))
    g_ptr_array_add (values, g_strdup (value));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char *
attest_export_labelstudio_config (AttestTagset              *tagset,
                                  const AttestExportSummary *summary)
{
  g_autoptr(GString) out = g_string_new ("<View>\n");
  g_autoptr(GHashTable) labels = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) types = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) extra = g_ptr_array_new ();
  AttributeSet attributes = {
    g_ptr_array_new_with_free_func (g_free),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref),
  };

  g_return_val_if_fail (tagset != NULL, NULL);

  /* Spaces and line breaks as they are, or the text shown is not the
   * text the offsets count in. */
  g_string_append (out, "  <Style>.htx-text { white-space: pre-wrap; }</Style>\n");

  g_string_append (out, "  <Labels name=\"label\" toName=\"text\">\n");
  for (guint i = 0; i < attest_tagset_get_n_labels (tagset); i++)
    {
      AttestLabel *label = attest_tagset_get_label (tagset, i);

      g_hash_table_add (labels, (gpointer) label->id);
      g_string_append (out, "    <Label");
      append_xml_attribute (out, "value", label->id);
      if (label->color != NULL)
        append_xml_attribute (out, "background", label->color);
      if (label->key != NULL)
        append_xml_attribute (out, "hotkey", label->key);
      if (label->description != NULL)
        append_xml_attribute (out, "hint", label->description);
      g_string_append (out, "/>\n");

      for (guint j = 0; label->attributes != NULL && j < label->attributes->len; j++)
        {
          AttestAttribute *attribute = g_ptr_array_index (label->attributes, j);

          attribute_set_add (&attributes, attribute->id, NULL);
          for (guint k = 0; attribute->values != NULL && attribute->values[k] != NULL; k++)
            attribute_set_add (&attributes, attribute->id, attribute->values[k]);
        }
    }

  /* Labels the export wrote that the tag set does not have, in a stable
   * order. */
  if (summary != NULL && summary->labels != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, summary->labels);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!g_hash_table_contains (labels, g_intern_string (key)))
          g_ptr_array_add (extra, key);
      g_ptr_array_sort (extra, compare_strings);
      for (guint i = 0; i < extra->len; i++)
        {
          g_string_append (out, "    <Label");
          append_xml_attribute (out, "value", extra->pdata[i]);
          g_string_append (out, "/>\n");
        }
      g_ptr_array_set_size (extra, 0);
    }
  g_string_append (out, "  </Labels>\n");

  g_string_append (out, "  <Text name=\"text\" value=\"$text\"/>\n");

  g_string_append (out, "  <Relations>\n");
  for (guint i = 0; i < attest_tagset_get_n_relation_types (tagset); i++)
    {
      AttestRelationType *type = attest_tagset_get_relation_type (tagset, i);

      g_hash_table_add (types, (gpointer) type->id);
      g_string_append (out, "    <Relation");
      append_xml_attribute (out, "value", type->id);
      g_string_append (out, "/>\n");
    }
  if (summary != NULL && summary->relation_types != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, summary->relation_types);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!g_hash_table_contains (types, g_intern_string (key)))
          g_ptr_array_add (extra, key);
      g_ptr_array_sort (extra, compare_strings);
      for (guint i = 0; i < extra->len; i++)
        {
          g_string_append (out, "    <Relation");
          append_xml_attribute (out, "value", extra->pdata[i]);
          g_string_append (out, "/>\n");
        }
      g_ptr_array_set_size (extra, 0);
    }
  g_string_append (out, "  </Relations>\n");

  /* Attribute values the export wrote ("label\037key" -> set of values),
   * so a value missing from the tag set's list is still a choice. */
  if (summary != NULL && summary->attributes != NULL)
    {
      GHashTableIter iter;
      gpointer key, set;

      g_hash_table_iter_init (&iter, summary->attributes);
      while (g_hash_table_iter_next (&iter, &key, &set))
        g_ptr_array_add (extra, key);
      g_ptr_array_sort (extra, compare_strings);
      for (guint i = 0; i < extra->len; i++)
        {
          const char *attribute = strchr (extra->pdata[i], '\037');
          GHashTable *values = g_hash_table_lookup (summary->attributes, extra->pdata[i]);
          g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
          GHashTableIter value_iter;
          gpointer value;

          if (attribute == NULL)
            continue;
          attribute++;
          attribute_set_add (&attributes, attribute, NULL);
          g_hash_table_iter_init (&value_iter, values);
          while (g_hash_table_iter_next (&value_iter, &value, NULL))
            g_ptr_array_add (sorted, value);
          g_ptr_array_sort (sorted, compare_strings);
          for (guint k = 0; k < sorted->len; k++)
            attribute_set_add (&attributes, attribute, sorted->pdata[k]);
        }
    }

  for (guint i = 0; i < attributes.keys->len; i++)
    {
      const char *key = attributes.keys->pdata[i];
      GPtrArray *values = g_hash_table_lookup (attributes.values, key);
      g_autofree char *name = g_strconcat ("attr_", key, NULL);

      if (!attribute_is_choice (tagset, key))
        {
          g_string_append (out, "  <TextArea");
          append_xml_attribute (out, "name", name);
          g_string_append (out, " toName=\"text\" perRegion=\"true\" editable=\"true\""
                                " maxSubmissions=\"1\"");
          append_xml_attribute (out, "placeholder", key);
          g_string_append (out, "/>\n");
          continue;
        }

      g_string_append (out, "  <Choices");
      append_xml_attribute (out, "name", name);
      g_string_append (out, " toName=\"text\" perRegion=\"true\" choice=\"single-radio\">\n");
      for (guint k = 0; k < values->len; k++)
        {
          g_string_append (out, "    <Choice");
          append_xml_attribute (out, "value", values->pdata[k]);
          g_string_append (out, "/>\n");
        }
      g_string_append (out, "  </Choices>\n");
    }

  g_string_append (out, "  <TextArea name=\"note\" toName=\"text\" perRegion=\"true\""
                        " editable=\"true\" maxSubmissions=\"1\" placeholder=\"note\"/>\n");
  g_string_append (out, "  <TextArea name=\"entity\" toName=\"text\" perRegion=\"true\""
                        " editable=\"true\" maxSubmissions=\"1\" placeholder=\"entity\"/>\n");
  g_string_append (out, "</View>\n");

  g_ptr_array_unref (attributes.keys);
  g_hash_table_unref (attributes.values);

  return g_string_free (g_steal_pointer (&out), FALSE);
}
