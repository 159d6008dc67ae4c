/* attest-export-private.h: what an export format implements
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-export.h"
#include "attest-json-writer.h"
#include "attest-record.h"
#include "attest-span.h"
#include "attest-tagset.h"
#include "attest-text.h"

G_BEGIN_DECLS

/* Shared, read-only, by every worker thread. */
typedef struct
{
  const AttestExporter *exporter;
  AttestTagset         *tagset;      /* never NULL */
  /* TRUE when the export holds exactly one document (the window's
   * "this article"): the html report then writes no index page. */
  gboolean              single;
} AttestExportContext;

typedef struct
{
  char    *name;        /* relative, '/'-separated */
  GString *data;
} AttestExportFile;

/* What one document's export produced; rendered on a worker thread,
 * written in order by the job. */
typedef struct
{
  GString   *stream;    /* ATTEST_EXPORT_STREAM: the document's bytes */
  GPtrArray *files;     /* ATTEST_EXPORT_FOLDER: of AttestExportFile */
  GArray    *dropped;   /* of AttestExportDropped */
  guint      n_spans;   /* what the format holds of it: for the summary */
  guint      n_relations;
} AttestExportChunk;

/* A new file of a folder export; append its contents to the result. */
GString *attest_export_chunk_add_file (AttestExportChunk *chunk,
                                       const char        *name);
/* Counts something the format could not hold. @what is a static string
 * marked with N_(), a plural noun phrase that completes "FORMAT could not
 * hold …: N", e.g. N_("spans nested in or overlapping another span"). */
void     attest_export_chunk_drop     (AttestExportChunk *chunk,
                                       const char        *what,
                                       guint              count);

struct _AttestExporter
{
  const char         *name;          /* "jsonl" */
  const char         *title;         /* N_() */
  const char         *extension;     /* ".jsonl"; NULL for folder layouts */
  AttestExportLayout  layout;
  /* Stream layouts: written between two documents' non-empty output
   * (",\n" for a JSON array), and before the first / after the last. */
  const char         *separator;
  void              (*head)     (const AttestExportContext *context,
                                 GString                   *out);
  /* One document: always succeeds (a record is valid). Must not touch
   * anything but @chunk: it runs on several threads at once. Sets
   * chunk->n_spans and n_relations to what it wrote. */
  void              (*document) (const AttestExportContext *context,
                                 const AttestRecord        *record,
                                 AttestExportChunk         *chunk);
  /* After the last document, on the job's thread: a stream's closing
   * bytes (@out), or a folder's files for the whole export (@chunk):
   * brat's annotation.conf, the html index. Either may be NULL. */
  void              (*tail)     (const AttestExportContext *context,
                                 const AttestExportSummary *summary,
                                 GString                   *out,
                                 AttestExportChunk         *chunk);
};

extern const AttestExporter attest_export_jsonl;
extern const AttestExporter attest_export_spacy;
extern const AttestExporter attest_export_doccano;
extern const AttestExporter attest_export_brat;
extern const AttestExporter attest_export_conll;
extern const AttestExporter attest_export_w3c;
extern const AttestExporter attest_export_labelstudio;
extern const AttestExporter attest_export_webanno;
extern const AttestExporter attest_export_csv;
extern const AttestExporter attest_export_html;

/* Adds @count to the entry of @what in an array of AttestExportDropped. */
void     attest_export_dropped_add    (GArray     *dropped,
                                       const char *what,
                                       guint64     count);

/* Helpers for formats. */

/* The UTF-8 of [start, end) of the record's text, without a copy. */
static inline const char *
attest_export_slice (const AttestRecord *record,
                     guint               start,
                     guint               end,
                     gsize              *n_bytes)
{
  gsize a = attest_text_cp_to_byte (record->text, start);
  gsize b = attest_text_cp_to_byte (record->text, end);

  *n_bytes = b - a;
  return attest_text_get_data (record->text) + a;
}

/* A file name for @name with its extension replaced: "a/story.txt" and
 * ".ann" give "a/story.ann"; a name not ending in ".txt" keeps it whole:
 * "a/story.md" gives "a/story.md.ann". */
char    *attest_export_file_name      (const char *name,
                                       const char *extension);

G_END_DECLS
