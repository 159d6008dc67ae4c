/* format-test-util.h: what the export and import format tests share
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "attest-core.h"

G_BEGIN_DECLS

/* Every helper fails the test on an error it does not hand back. */

/* A NULL-terminated list of inputs for format_test_import(). */
#define FORMAT_TEST_INPUTS(...) ((const char * const []) { __VA_ARGS__, NULL })

/* Files and folders ---------------------------------------------------- */

/* A path below the test data (ATTEST_TEST_DATA, set by meson test):
 * format_test_data_path ("export", "golden", "brat", NULL). */
char           *format_test_data_path         (const char     *first,
                                               ...) G_GNUC_NULL_TERMINATED;
/* A new folder "attest-FORMAT-XXXXXX" in the temporary folder. */
char           *format_test_make_temp_dir     (const char     *format);
/* Removes a tree the test made; never follows a symlink. */
void            format_test_remove_tree       (const char     *path);
char           *format_test_read_file         (const char     *path,
                                               gsize          *len);
/* Writes @path, making its folders; @len -1 for a string. */
void            format_test_write_file        (const char     *path,
                                               const char     *data,
                                               gssize          len);
/* @dir holds @name and nothing else: what a failed import leaves (no
 * output folder, no hidden one beside it). */
void            format_test_assert_only_file  (const char     *dir,
                                               const char     *name);
/* @data must be the golden file at @path byte for byte;
 * ATTEST_UPDATE_GOLDEN=1 rewrites the file instead, for a change made on
 * purpose (its diff is then reviewed). A difference is reported with the
 * byte where it starts. */
void            format_test_assert_golden     (const char     *path,
                                               const char     *data,
                                               gssize          len);

/* Documents ------------------------------------------------------------ */

AttestDocument *format_test_load_sidecar      (const char     *sidecar);
/* The sidecar beside the article at @article. */
AttestDocument *format_test_load_article      (const char     *article);
/* The sidecar of a shared fixture, "world/harbour.txt" or "cjk-rtl.txt"
 * (tests/data/export). */
char           *format_test_fixture_sidecar   (const char     *name);
AttestDocument *format_test_load_fixture      (const char     *name);
AttestDocument *format_test_new_document      (const char     *text);
/* Adds a span (its id given by the document) and returns it. */
AttestSpan     *format_test_add_span          (AttestDocument *document,
                                               const char     *label,
                                               guint           start,
                                               guint           end);
AttestRelation *format_test_add_relation      (AttestDocument *document,
                                               const char     *type,
                                               AttestSpan     *from,
                                               AttestSpan     *to);
/* The document's spans in the store's order (the array owns none). */
GPtrArray      *format_test_get_spans         (AttestDocument *document);
/* The span at [@start, @end) with @label; fails the test if none. */
AttestSpan     *format_test_span_at           (AttestDocument *document,
                                               guint           start,
                                               guint           end,
                                               const char     *label);

/* The JSON in @data; fails the test unless it parses. */
JsonNode       *format_test_parse_json        (const char     *data);
/* The same for a JSON object (a line of JSON Lines). */
JsonObject     *format_test_parse_object      (const char     *data);

/* Exporting and importing ---------------------------------------------- */

/* Runs @job into @output (a file or a folder, as its format writes). */
void            format_test_run_job           (AttestExportJob *job,
                                               const char      *output);
/* Runs @job into @file_name in a new temporary folder and returns what
 * it wrote, every input read; the folder is removed. */
char           *format_test_run_job_to_string (AttestExportJob *job,
                                               const char      *file_name);
/* Exports @documents (named @names) with the format named @format on one
 * thread into @dir/out.EXT (its extension: "out.jsonl") and returns what
 * it wrote; the job is handed back in @job_out, when not NULL, for its
 * summary. */
char           *format_test_export_documents  (const char           *format,
                                               AttestDocument      **documents,
                                               const char * const   *names,
                                               guint                 n_documents,
                                               const char           *dir,
                                               AttestExportJob     **job_out);
/* The same for both fixtures, "cjk-rtl.txt" first. */
char           *format_test_export_fixtures   (const char           *format,
                                               const char           *dir,
                                               AttestExportJob     **job_out);
/* A job exporting the sidecars of both fixtures, "cjk-rtl.txt" first
 * (read as attest-cli export reads them). */
AttestExportJob *format_test_fixtures_job     (const AttestExporter      *exporter,
                                               const AttestExportOptions *options);
/* attest_import_run() with the importer named @format. */
gboolean        format_test_import            (const char           *format,
                                               const char * const   *inputs,
                                               const char           *output,
                                               const char           *annotator,
                                               AttestImportSummary  *summary,
                                               GError              **error);
/* Writes @data as @file_name into a new temporary folder and imports it
 * with the importer named @format, which must fail and leave nothing
 * behind; the error is handed back for its message. */
void            format_test_import_fails      (const char           *format,
                                               const char           *file_name,
                                               const char           *data,
                                               gssize                len,
                                               GError              **error);
/* The sidecar of @name imported into @folder; the article written beside
 * it must be its text, byte for byte. */
AttestDocument *format_test_load_imported     (const char     *folder,
                                               const char     *name);
/* Everything the JSON Lines formats hold is the same in @got as in
 * @want, compared by id (their exporters write Attest's ids and the
 * importers keep them); the spans came in with @origin, by @by. */
void            format_test_assert_same_by_id (AttestDocument *want,
                                               AttestDocument *got,
                                               const char     *origin,
                                               const char     *by);
/* Imports @input, an export of both fixtures by @format, into
 * @dir/imported and checks that both came back, their articles written
 * out byte for byte, everything the same by id. */
void            format_test_assert_fixtures_round_trip (const char *format,
                                                        const char *input,
                                                        const char *dir);

G_END_DECLS
