/* attest-export-doccano.c: doccano JSONL, sequence labelling with relations
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "attest-export-private.h"

/* The form doccano imports as "JSONL(Relation)" into a sequence
 * labelling project with "Use relation labeling" ticked, and the form it
 * exports from one:
 *
 *   {"text": …,
 *    "entities": [{"id": 0, "label": "quote", "start_offset": 43,
 *                  "end_offset": 68, …}],
 *    "relations": [{"id": 0, "from_id": 0, "to_id": 1, "type": "said-by"}],
 *    "attest_name": …, …}
 *
 * The plain sequence labelling form ("label": [[start, end, label]]) has
 * no relations, so it would lose every speaker link; the importer reads
 * it, the exporter does not write it. Attest's spans overlap and nest:
 * the project must also have "Allow overlapping entity" ticked, or
 * doccano keeps only the first of each overlapping group.
 *
 * Offsets are UTF-16 code units. doccano's backend only stores the
 * numbers; what they mean is decided by its annotation view (v-annotator,
 * used since doccano 1.5), which indexes the JavaScript string: its own
 * tests give "👶🏻👦🏻👧🏻👨🏻" a length of 16, and a selection's offsets are
 * DOM text offsets. So an emoji counts two, and code points would put
 * every span after one a character early. (Projects created with "Count
 * grapheme clusters as one character" count graphemes instead; this
 * export is for the default.)
 *
 * doccano numbers entities and relations with integers: "id" is the
 * span's position in the document and relations point at those. Span
 * ids, the covered text, attributes, notes and entities go into extra
 * members, which doccano's importer ignores (extra top-level members
 * become the example's metadata, which doccano exports again); Attest's
 * importer reads them back. Empty spans cannot be held: doccano refuses
 * an entity whose start is not before its end. */

static void
append_entity (GString            *out,
               const AttestEntity *entity,
               gboolean            full)
{
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  attest_json_member_string (out, &first, "id", entity->id);
  attest_json_member_string (out, &first, "name", entity->name);
  if (entity->kind != NULL)
    attest_json_member_string (out, &first, "kind", entity->kind);
  if (entity->wikidata != NULL)
    attest_json_member_string (out, &first, "wikidata", entity->wikidata);
  if (full && entity->aliases != NULL && entity->aliases[0] != NULL)
    attest_json_member_strv (out, &first, "aliases", entity->aliases);
  g_string_append_c (out, '}');
}

static void
append_span (GString            *out,
             const AttestRecord *record,
             guint               position)
{
  const AttestSpan *span = record->spans[position];
  const AttestEntity *entity = attest_record_lookup_entity (record, span->entity);
  gboolean first = TRUE;
  const char *slice;
  gsize n_bytes;

  g_string_append_c (out, '{');
  attest_json_member_uint (out, &first, "id", position);
  attest_json_member_string (out, &first, "label", span->label);
  attest_json_member_uint (out, &first, "start_offset",
                           attest_text_cp_to_utf16 (record->text, span->start));
  attest_json_member_uint (out, &first, "end_offset",
                           attest_text_cp_to_utf16 (record->text, span->end));

  slice = attest_export_slice (record, span->start, span->end, &n_bytes);
  attest_json_append_literal (out, ", \"text\": ");
  attest_json_append_string (out, slice, n_bytes);

  attest_json_member_string (out, &first, "attest_id", span->id);
  if (span->attrs != NULL && span->attrs[0] != NULL)
    attest_json_member_attrs (out, &first, "attrs", span->attrs);
  if (span->note != NULL)
    attest_json_member_string (out, &first, "note", span->note);
  if (entity != NULL)
    {
      attest_json_append_literal (out, ", \"entity\": ");
      append_entity (out, entity, FALSE);
    }
  g_string_append_c (out, '}');
}

static void
export_document (const AttestExportContext *context,
                 const AttestRecord        *record,
                 AttestExportChunk         *chunk)
{
  GString *out = chunk->stream;
  guint n_spans = 0;
  guint n_relations = 0;
  guint n_empty_relations = 0;
  gboolean first = FALSE;

  attest_json_append_literal (out, "{\"text\": ");
  attest_json_append_string (out, attest_text_get_data (record->text),
                             attest_text_get_n_bytes (record->text));

  attest_json_append_literal (out, ", \"entities\": [");
  for (guint i = 0; i < record->n_spans; i++)
    {
      if (record->spans[i]->start == record->spans[i]->end)
        continue;
      if (n_spans++ > 0)
        attest_json_append_literal (out, ", ");
      append_span (out, record, i);
    }
  g_string_append_c (out, ']');

  attest_json_append_literal (out, ", \"relations\": [");
  for (guint i = 0; i < record->n_relations; i++)
    {
      const AttestRelation *relation = record->relations[i];
      gint from = attest_record_find_span (record, relation->from);
      gint to = attest_record_find_span (record, relation->to);
      gboolean inner = TRUE;

      if (record->spans[from]->start == record->spans[from]->end ||
          record->spans[to]->start == record->spans[to]->end)
        {
          n_empty_relations++;
          continue;
        }

      if (n_relations++ > 0)
        attest_json_append_literal (out, ", ");
      g_string_append_c (out, '{');
      attest_json_member_uint (out, &inner, "id", i);
      attest_json_member_uint (out, &inner, "from_id", from);
      attest_json_member_uint (out, &inner, "to_id", to);
      attest_json_member_string (out, &inner, "type", relation->type);
      attest_json_member_string (out, &inner, "attest_id", relation->id);
      if (relation->attrs != NULL && relation->attrs[0] != NULL)
        attest_json_member_attrs (out, &inner, "attrs", relation->attrs);
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');

  attest_json_member_string (out, &first, "attest_name", record->name);
  if (record->meta != NULL && record->meta[0] != NULL)
    attest_json_member_attrs (out, &first, "attest_meta", record->meta);
  attest_json_member_string (out, &first, "attest_status",
                             attest_status_to_string (record->status));
  if (record->language != NULL)
    attest_json_member_string (out, &first, "attest_language", record->language);
  if (record->n_entities > 0)
    {
      attest_json_append_literal (out, ", \"attest_entities\": [");
      for (guint i = 0; i < record->n_entities; i++)
        {
          if (i > 0)
            attest_json_append_literal (out, ", ");
          append_entity (out, record->entities[i], TRUE);
        }
      g_string_append_c (out, ']');
    }
  attest_json_append_literal (out, "}\n");

  attest_export_chunk_drop (chunk, N_("empty spans"), record->n_spans - n_spans);
  attest_export_chunk_drop (chunk, N_("relations to or from an empty span"), n_empty_relations);
  chunk->n_spans = n_spans;
  chunk->n_relations = n_relations;
}

const AttestExporter attest_export_doccano = {
  .name = "doccano",
  .title = N_("doccano JSONL"),
  .extension = ".jsonl",
  .layout = ATTEST_EXPORT_STREAM,
  .document = export_document,
};
