/* attest-sidecar.h: the sidecar file, format version 1
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attest-types.h"

G_BEGIN_DECLS

#define ATTEST_SIDECAR_SUFFIX         ".attest.json"
#define ATTEST_SIDECAR_VERSION        1
/* Limits for untrusted input; errors say which was exceeded. */
#define ATTEST_SIDECAR_MAX_BYTES      ((gsize) 512 * 1024 * 1024)
#define ATTEST_SIDECAR_MAX_DEPTH      64

/* "story.txt" -> "story.txt.attest.json" and back (NULL if @path is not
 * a sidecar name). */
char           *attest_sidecar_path_for_article (const char *article_path);
char           *attest_sidecar_article_path     (const char *sidecar_path);
gboolean        attest_sidecar_is_sidecar_name  (const char *path);

/* Parses sidecar bytes (the simdjson read path). @display_name names the
 * file in error messages ("story.txt.attest.json line 14, column 3: …").
 *
 * Errors: ATTEST_ERROR_PARSE (line and column), ATTEST_ERROR_INVALID (a
 * member breaks the format; the message names it: "spans[3].end: 120 is
 * past the end of the text (98)"), ATTEST_ERROR_TOO_LARGE.
 *
 * A file whose "version" is newer than ATTEST_SIDECAR_VERSION is parsed as
 * far as it can be and returned read-only (attest_document_get_read_only)
 * with no error; if it cannot be parsed the error is
 * ATTEST_ERROR_NEWER_VERSION.
 *
 * @warnings, when not NULL, receives non-fatal findings (a label unknown to
 * the tag set is not checked here; the validator does that).
 */
AttestDocument *attest_sidecar_parse            (const char    *data,
                                                 gsize          len,
                                                 const char    *display_name,
                                                 GError       **error);
AttestDocument *attest_sidecar_load             (GFile         *file,
                                                 GCancellable  *cancellable,
                                                 GError       **error);

/* The deterministic writer: same document, same bytes. UTF-8, LF, 2-space
 * indent, members in the order of DESIGN.md section 5, spans sorted by
 * (start, end, label, id), one span / relation / entity / suggestion per
 * line, final newline. */
GBytes         *attest_sidecar_serialize        (AttestDocument *document);

/* The same, resumable: for writing a large document from the main loop
 * in slices (see attest-sidecar-writer.c). */
typedef struct _AttestSidecarWriter AttestSidecarWriter;

AttestSidecarWriter *attest_sidecar_writer_new    (AttestDocument      *document,
                                                   const char          *generator);
gboolean        attest_sidecar_writer_step      (AttestSidecarWriter *writer,
                                                 gint64               deadline);
GBytes         *attest_sidecar_writer_finish    (AttestSidecarWriter *writer);
void            attest_sidecar_writer_free      (AttestSidecarWriter *writer);

/* Durable atomic write: a temp file in the same folder, fsync, rename,
 * fsync the folder. Refuses (ATTEST_ERROR_UNSAFE_TARGET) to write through
 * a symlink or a file with more than one hard link; refuses read-only
 * documents (ATTEST_ERROR_READ_ONLY). On failure the old file is intact. */
gboolean        attest_sidecar_save             (AttestDocument *document,
                                                 GFile          *file,
                                                 GCancellable   *cancellable,
                                                 GError        **error);
gboolean        attest_file_replace_atomic      (GFile          *file,
                                                 const char     *data,
                                                 gsize           len,
                                                 GCancellable   *cancellable,
                                                 GError        **error);
/* Removes temp files a crashed save left next to @file. Returns how many. */
guint           attest_sidecar_sweep_temp_files (GFile          *file);

void            attest_sidecar_save_async       (AttestDocument      *document,
                                                 GFile               *file,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean        attest_sidecar_save_finish      (GAsyncResult        *result,
                                                 GError             **error);
void            attest_sidecar_load_async       (GFile               *file,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
AttestDocument *attest_sidecar_load_finish      (GAsyncResult        *result,
                                                 GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestSidecarWriter, attest_sidecar_writer_free)

G_END_DECLS
