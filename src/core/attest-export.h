/* attest-export.h: turning sidecars into datasets
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attest-document.h"
#include "attest-types.h"

G_BEGIN_DECLS

typedef struct _AttestExporter AttestExporter;

/* Where a format's output goes. */
typedef enum
{
  /* One stream (a file, or stdout): documents one after another. */
  ATTEST_EXPORT_STREAM,
  /* A folder: files per document (and a few for the whole export). */
  ATTEST_EXPORT_FOLDER,
} AttestExportLayout;

/* The formats of DESIGN.md section 9, in the order --help lists them. */
const AttestExporter * const *attest_exporters_get_all (guint *n_exporters);
const AttestExporter *attest_exporter_lookup      (const char           *name);
const char           *attest_exporter_get_name    (const AttestExporter *exporter);
/* Translated, for a person: "brat standoff (.txt and .ann)". */
const char           *attest_exporter_get_title   (const AttestExporter *exporter);
AttestExportLayout    attest_exporter_get_layout  (const AttestExporter *exporter);
/* ".jsonl" for stream formats; NULL for folder formats. */
const char           *attest_exporter_get_extension (const AttestExporter *exporter);

/* What an export wrote, and what its format could not hold. */
typedef struct
{
  const char *what;     /* untranslated sentence key, see attest-export-private.h */
  guint64     count;
} AttestExportDropped;

typedef struct
{
  char         *name;        /* AttestRecord.name */
  char         *title;
  char         *output;      /* folder layouts: the first file written for it, relative */
  AttestStatus  status;
  guint         n_spans;
  guint         n_quotes;    /* spans labelled "quote" */
  guint         n_relations;
} AttestExportDocInfo;

typedef struct
{
  guint64     n_documents;
  guint64     n_spans;
  guint64     n_relations;
  guint64     n_entities;
  guint64     n_skipped;       /* filtered out by status */
  guint64     n_problems;      /* inputs that could not be read */
  guint64     n_bytes_in;      /* sidecar bytes read */
  guint64     n_bytes_out;
  guint       n_files;         /* files written (shards, or a folder's files) */
  GArray     *dropped;         /* of AttestExportDropped, in first-seen order */
  GPtrArray  *documents;       /* of AttestExportDocInfo, in output order; folder layouts only */
  GHashTable *labels;          /* label (interned) -> GUINT count */
  GHashTable *relation_types;  /* type (interned) -> GUINT count */
  /* "label\037key" -> GHashTable of values (a set); for brat's conf. */
  GHashTable *attributes;
} AttestExportSummary;

/* Human-readable lines, translated: "conll could not hold spans nested in
 * or overlapping another span: 12". NULL-terminated; empty when nothing
 * was lost. */
char              **attest_export_summary_describe_dropped (const AttestExportSummary *summary,
                                                            const AttestExporter      *exporter);

typedef struct
{
  /* Only spans with one of these labels (NULL: all), and the relations
   * between such spans. */
  char       **labels;
  /* Only documents with this status; -1 for all. */
  int          status;
  /* Worker threads; 0 for one per core. Output order never depends on it. */
  guint        threads;
  /* Stream formats: start a new file every @shard_size documents
   * (OUT-00000.ext, OUT-00001.ext, …); 0 for one file. */
  guint        shard_size;
  /* Colours, names and relation types for html and brat's conf; NULL for
   * the built-in default. */
  AttestTagset *tagset;
} AttestExportOptions;

#define ATTEST_EXPORT_OPTIONS_INIT { NULL, -1, 0, 0, NULL }

typedef struct _AttestExportJob AttestExportJob;

/* Called for every input that cannot be exported (unreadable, invalid);
 * the export goes on without it. May be called from a worker thread. */
typedef void (*AttestExportProblemFunc)  (const char   *path,
                                          const GError *error,
                                          gpointer      user_data);
/* Progress, on the thread that runs the job: documents done of total. */
typedef void (*AttestExportProgressFunc) (guint64       done,
                                          guint64       total,
                                          gpointer      user_data);

AttestExportJob *attest_export_job_new          (const AttestExporter      *exporter,
                                                 const AttestExportOptions *options);
/* A sidecar on disk, and the name its document gets in the export. */
void             attest_export_job_add_sidecar  (AttestExportJob  *job,
                                                 const char       *sidecar_path,
                                                 const char       *name);
/* A document in memory (the window's open article, saved or not). The
 * job keeps a reference; the document must not change while it runs. */
void             attest_export_job_add_document (AttestExportJob  *job,
                                                 AttestDocument   *document,
                                                 const char       *name);
void             attest_export_job_set_problem_func  (AttestExportJob          *job,
                                                      AttestExportProblemFunc   func,
                                                      gpointer                  user_data);
void             attest_export_job_set_progress_func (AttestExportJob          *job,
                                                      AttestExportProgressFunc  func,
                                                      gpointer                  user_data);
/* Runs the export. @output is a file (stream formats), a folder (folder
 * formats; created if missing, files in it replaced), or NULL for stdout
 * (stream formats only). A stream file and every shard are written to a
 * temp file and renamed when complete, so an export that fails or is
 * cancelled leaves no half-written file. Fails only when the output
 * cannot be written or the job is cancelled; unreadable inputs go to the
 * problem function and the summary. */
gboolean         attest_export_job_run          (AttestExportJob  *job,
                                                 const char       *output,
                                                 GCancellable     *cancellable,
                                                 GError          **error);
void             attest_export_job_run_async    (AttestExportJob     *job,
                                                 const char          *output,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean         attest_export_job_run_finish   (AttestExportJob  *job,
                                                 GAsyncResult     *result,
                                                 GError          **error);
const AttestExportSummary *attest_export_job_get_summary (AttestExportJob *job);
void             attest_export_job_free         (AttestExportJob  *job);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestExportJob, attest_export_job_free)

G_END_DECLS
