/* attest-export-spacy.c: spaCy / Prodigy JSONL
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "attest-export-private.h"

/* One Prodigy task per line, as Prodigy's `db-in` and its recipes read
 * them and as spaCy users load them with `Doc.char_span()`:
 *
 *   {"text": …, "meta": {"source": NAME, "title": …},
 *    "spans": [{"start": 43, "end": 68, "label": "quote", "text": …,
 *               "id": "s1", "attrs": {…}, "note": …, "entity": {…}}],
 *    "relations": [{"head_span": {"start", "end", "label"},
 *                   "child_span": {…}, "label": "said-by",
 *                   "id": "r1", "head_id": "s1", "child_id": "s2"}],
 *    "attest_status": "done", "attest_language": "en",
 *    "attest_entities": [{"id", "name", "kind", "wikidata", "aliases"}]}
 *
 * Offsets are code points: Prodigy and spaCy index Python str, which
 * counts code points, so no conversion is needed.
 *
 * No "tokens", no "token_start"/"token_end" and no "head"/"child" token
 * indices. Prodigy's relations interface works on tokens, but which
 * tokens depends on the spaCy pipeline the user trains (a blank "en"
 * and a Japanese pipeline split the same text differently), and a
 * tokenization baked in here would be wrong for most of them. Prodigy
 * adds tokens to a stream with the pipeline of the recipe; every span and
 * both ends of every relation carry character offsets, so token indices
 * follow from those once tokens exist. Relations go head = Attest's
 * "from", child = "to": a said-by arrow runs from the quote to its
 * speaker.
 *
 * Members Prodigy does not know (span ids, attributes, notes, entities,
 * status) are extra keys, which Prodigy and spaCy ignore; the importer
 * reads them back so an export and import loses nothing Attest shows.
 * Prodigy's "_input_hash" and "_task_hash" are its own bookkeeping and
 * are left for it to compute. */

static void
append_range (GString          *out,
              const AttestSpan *span)
{
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  attest_json_member_uint (out, &first, "start", span->start);
  attest_json_member_uint (out, &first, "end", span->end);
  attest_json_member_string (out, &first, "label", span->label);
  g_string_append_c (out, '}');
}

static void
append_span (GString            *out,
             const AttestRecord *record,
             const AttestSpan   *span)
{
  const AttestEntity *entity = attest_record_lookup_entity (record, span->entity);
  gboolean first = TRUE;
  const char *slice;
  gsize n_bytes;

  g_string_append_c (out, '{');
  attest_json_member_uint (out, &first, "start", span->start);
  attest_json_member_uint (out, &first, "end", span->end);
  attest_json_member_string (out, &first, "label", span->label);

  slice = attest_export_slice (record, span->start, span->end, &n_bytes);
  attest_json_append_literal (out, ", \"text\": ");
  attest_json_append_string (out, slice, n_bytes);

  attest_json_member_string (out, &first, "id", span->id);
  if (span->attrs != NULL && span->attrs[0] != NULL)
    attest_json_member_attrs (out, &first, "attrs", span->attrs);
  if (span->note != NULL)
    attest_json_member_string (out, &first, "note", span->note);
  if (entity != NULL)
    {
      gboolean inner = TRUE;

      /* The entity's name and Wikidata id beside the span, so a dataset
       * reader needs no join for "who is this speaker". */
      attest_json_append_literal (out, ", \"entity\": {");
      attest_json_member_string (out, &inner, "id", entity->id);
      attest_json_member_string (out, &inner, "name", entity->name);
      if (entity->kind != NULL)
        attest_json_member_string (out, &inner, "kind", entity->kind);
      if (entity->wikidata != NULL)
        attest_json_member_string (out, &inner, "wikidata", entity->wikidata);
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, '}');
}

static void
append_entity (GString            *out,
               const AttestEntity *entity)
{
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  attest_json_member_string (out, &first, "id", entity->id);
  attest_json_member_string (out, &first, "name", entity->name);
  if (entity->kind != NULL)
    attest_json_member_string (out, &first, "kind", entity->kind);
  if (entity->wikidata != NULL)
    attest_json_member_string (out, &first, "wikidata", entity->wikidata);
  if (entity->aliases != NULL && entity->aliases[0] != NULL)
    attest_json_member_strv (out, &first, "aliases", entity->aliases);
  g_string_append_c (out, '}');
}

static void
export_document (const AttestExportContext *context,
                 const AttestRecord        *record,
                 AttestExportChunk         *chunk)
{
  GString *out = chunk->stream;
  gboolean first = TRUE;

  attest_json_append_literal (out, "{\"text\": ");
  attest_json_append_string (out, attest_text_get_data (record->text),
                             attest_text_get_n_bytes (record->text));

  /* Prodigy shows "meta" on the card and keeps it; "source" is the name
   * it uses for where a task came from. A sidecar meta member of that
   * name cannot be told from ours, so ours wins. */
  attest_json_append_literal (out, ", \"meta\": {");
  attest_json_member_string (out, &first, "source", record->name);
  for (guint i = 0; record->meta != NULL && record->meta[i] != NULL; i += 2)
    if (strcmp (record->meta[i], "source") != 0)
      attest_json_member_string (out, &first, record->meta[i], record->meta[i + 1]);
  g_string_append_c (out, '}');

  attest_json_append_literal (out, ", \"spans\": [");
  for (guint i = 0; i < record->n_spans; i++)
    {
      if (i > 0)
        attest_json_append_literal (out, ", ");
      append_span (out, record, record->spans[i]);
    }
  g_string_append_c (out, ']');

  attest_json_append_literal (out, ", \"relations\": [");
  for (guint i = 0; i < record->n_relations; i++)
    {
      const AttestRelation *relation = record->relations[i];
      gboolean inner = TRUE;

      if (i > 0)
        attest_json_append_literal (out, ", ");
      attest_json_append_literal (out, "{\"head_span\": ");
      append_range (out, attest_record_lookup_span (record, relation->from));
      attest_json_append_literal (out, ", \"child_span\": ");
      append_range (out, attest_record_lookup_span (record, relation->to));
      inner = FALSE;
      attest_json_member_string (out, &inner, "label", relation->type);
      attest_json_member_string (out, &inner, "id", relation->id);
      /* Two spans may share a range and label; the ids say which. */
      attest_json_member_string (out, &inner, "head_id", relation->from);
      attest_json_member_string (out, &inner, "child_id", relation->to);
      if (relation->attrs != NULL && relation->attrs[0] != NULL)
        attest_json_member_attrs (out, &inner, "attrs", relation->attrs);
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');

  first = FALSE;
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
          append_entity (out, record->entities[i]);
        }
      g_string_append_c (out, ']');
    }
  attest_json_append_literal (out, "}\n");

  chunk->n_spans = record->n_spans;
  chunk->n_relations = record->n_relations;
}

const AttestExporter attest_export_spacy = {
  .name = "spacy",
  .title = N_("spaCy / Prodigy JSONL"),
  .extension = ".jsonl",
  .layout = ATTEST_EXPORT_STREAM,
  .document = export_document,
};
