/* attest-export.c: the formats, their chunks, and what they could not hold
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "attest-export-private.h"

static const AttestExporter * const exporters[] = {
  &attest_export_jsonl,
  &attest_export_spacy,
  &attest_export_doccano,
  &attest_export_brat,
  &attest_export_conll,
  &attest_export_w3c,
  &attest_export_labelstudio,
  &attest_export_webanno,
  &attest_export_csv,
  &attest_export_html,
};

const AttestExporter * const *
attest_exporters_get_all (guint *n_exporters)
{
  if (n_exporters != NULL)
    *n_exporters = G_N_ELEMENTS (exporters);
  return exporters;
}

const AttestExporter *
attest_exporter_lookup (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (exporters); i++)
    if (strcmp (exporters[i]->name, name) == 0)
      return exporters[i];

  return NULL;
}

const char *
attest_exporter_get_name (const AttestExporter *exporter)
{
  g_return_val_if_fail (exporter != NULL, NULL);
  return exporter->name;
}

const char *
attest_exporter_get_title (const AttestExporter *exporter)
{
  g_return_val_if_fail (exporter != NULL, NULL);
  return g_dgettext (GETTEXT_PACKAGE, exporter->title);
}

AttestExportLayout
attest_exporter_get_layout (const AttestExporter *exporter)
{
  g_return_val_if_fail (exporter != NULL, ATTEST_EXPORT_STREAM);
  return exporter->layout;
}

const char *
attest_exporter_get_extension (const AttestExporter *exporter)
{
  g_return_val_if_fail (exporter != NULL, NULL);
  return exporter->extension;
}

/* Chunks ------------------------------------------------------------------ */

static void
export_file_free (gpointer data)
{
  AttestExportFile *file = data;

  g_free (file->name);
  g_string_free (file->data, TRUE);
  g_free (file);
}

GString *
attest_export_chunk_add_file (AttestExportChunk *chunk,
                              const char        *name)
{
  AttestExportFile *file;

  g_return_val_if_fail (chunk != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (chunk->files == NULL)
    chunk->files = g_ptr_array_new_with_free_func (export_file_free);

  file = g_new0 (AttestExportFile, 1);
  file->name = g_strdup (name);
  file->data = g_string_sized_new (4096);
  g_ptr_array_add (chunk->files, file);

  return file->data;
}

void
attest_export_dropped_add (GArray     *dropped,
                           const char *what,
                           guint64     count)
{
  AttestExportDropped item = { what, count };

  for (guint i = 0; i < dropped->len; i++)
    {
      AttestExportDropped *seen = &g_array_index (dropped, AttestExportDropped, i);

      if (seen->what == what || strcmp (seen->what, what) == 0)
        {
          seen->count += count;
          return;
        }
    }

  g_array_append_val (dropped, item);
}

void
attest_export_chunk_drop (AttestExportChunk *chunk,
                          const char        *what,
                          guint              count)
{
  g_return_if_fail (chunk != NULL);
  g_return_if_fail (what != NULL);

  if (count == 0)
    return;
  if (chunk->dropped == NULL)
    chunk->dropped = g_array_new (FALSE, FALSE, sizeof (AttestExportDropped));
  attest_export_dropped_add (chunk->dropped, what, count);
}

char *
attest_export_file_name (const char *name,
                         const char *extension)
{
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (extension != NULL, NULL);

  if (g_str_has_suffix (name, ".txt") && strlen (name) > 4)
    {
      g_autofree char *stem = g_strndup (name, strlen (name) - 4);

      return g_strconcat (stem, extension, NULL);
    }

  return g_strconcat (name, extension, NULL);
}

char **
attest_export_summary_describe_dropped (const AttestExportSummary *summary,
                                        const AttestExporter      *exporter)
{
  GPtrArray *lines = g_ptr_array_new ();

  g_return_val_if_fail (summary != NULL, NULL);
  g_return_val_if_fail (exporter != NULL, NULL);

  for (guint i = 0; i < summary->dropped->len; i++)
    {
      const AttestExportDropped *d = &g_array_index (summary->dropped, AttestExportDropped, i);

      /* TRANSLATORS: "conll could not hold spans nested in or overlapping
       * another span: 12"; the middle part is the format's own (a plural
       * noun phrase), the count comes last so it needs no plural form. */
      g_ptr_array_add (lines, g_strdup_printf (_("%s could not hold %s: %" G_GUINT64_FORMAT),
                                               exporter->name,
                                               g_dgettext (GETTEXT_PACKAGE, d->what), d->count));
    }
  g_ptr_array_add (lines, NULL);

  return (char **) g_ptr_array_free (lines, FALSE);
}
