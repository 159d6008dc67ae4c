/* attest-export-jsonl.c: JSON Lines, one Attest record per document
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "attest-export-private.h"
#include "attest-sidecar-private.h"

/* Each line is a sidecar of format version 1 on one line, with the same
 * members in the same order and each span, relation and entity exactly
 * as the sidecar writes it (so unknown members survive), plus "path": the
 * document's name in the export, from which import rebuilds the folder.
 * Left out: "generator" (of no use to a dataset) and pending
 * "suggestions" (proposals nobody accepted are not labels). Offsets are
 * code points, as in the sidecar. A line parses with the sidecar reader,
 * so `jq`, Python's json and Attest itself read it the same way. */

static void
append_uint (GString *out,
             guint64  value)
{
  char buf[24];

  g_string_append_len (out, buf, g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT, value));
}

static void
export_document (const AttestExportContext *context,
                 const AttestRecord        *record,
                 AttestExportChunk         *chunk)
{
  GString *out = chunk->stream;
  gboolean first;

  attest_json_append_literal (out, "{\"format\": \"attest\", \"version\": 1, \"path\": ");
  attest_json_append_string (out, record->name, -1);

  attest_json_append_literal (out, ", \"document\": {\"file\": ");
  attest_json_append_string (out, record->file, -1);
  attest_json_append_literal (out, ", \"sha256\": ");
  attest_json_append_string (out, record->sha256, -1);
  attest_json_append_literal (out, ", \"length\": ");
  append_uint (out, attest_text_get_length (record->text));
  attest_json_append_literal (out, ", \"status\": ");
  attest_json_append_string (out, attest_status_to_string (record->status), -1);
  if (record->language != NULL)
    {
      attest_json_append_literal (out, ", \"language\": ");
      attest_json_append_string (out, record->language, -1);
    }
  if (record->meta != NULL && record->meta[0] != NULL)
    {
      first = FALSE;
      attest_json_member_attrs (out, &first, "meta", record->meta);
    }
  attest_json_append_literal (out, "}, \"text\": ");
  attest_json_append_string (out, attest_text_get_data (record->text),
                             attest_text_get_n_bytes (record->text));

  if (record->tagset_name != NULL)
    {
      attest_json_append_literal (out, ", \"tagset\": {\"name\": ");
      attest_json_append_string (out, record->tagset_name, -1);
      attest_json_append_literal (out, ", \"version\": ");
      g_string_append_printf (out, "%" G_GINT64_FORMAT "}", record->tagset_version);
    }

  attest_json_append_literal (out, ", \"spans\": [");
  for (guint i = 0; i < record->n_spans; i++)
    {
      if (i > 0)
        attest_json_append_literal (out, ", ");
      attest_sidecar_append_span (out, record->text, record->spans[i]);
    }
  attest_json_append_literal (out, "], \"relations\": [");
  for (guint i = 0; i < record->n_relations; i++)
    {
      if (i > 0)
        attest_json_append_literal (out, ", ");
      attest_sidecar_append_relation (out, record->relations[i]);
    }
  attest_json_append_literal (out, "], \"entities\": [");
  for (guint i = 0; i < record->n_entities; i++)
    {
      if (i > 0)
        attest_json_append_literal (out, ", ");
      attest_sidecar_append_entity (out, record->entities[i]);
    }
  attest_json_append_literal (out, "]}\n");

  chunk->n_spans = record->n_spans;
  chunk->n_relations = record->n_relations;
}

const AttestExporter attest_export_jsonl = {
  .name = "jsonl",
  .title = N_("JSON Lines, one Attest record per document"),
  .extension = ".jsonl",
  .layout = ATTEST_EXPORT_STREAM,
  .document = export_document,
};
