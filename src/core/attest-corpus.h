/* attest-corpus.h: the articles of a folder, with their status and counts
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attest-document.h"
#include "attest-types.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_CORPUS_ENTRY (attest_corpus_entry_get_type ())

G_DECLARE_FINAL_TYPE (AttestCorpusEntry, attest_corpus_entry, ATTEST, CORPUS_ENTRY, GObject)

/* One article of a corpus: what its sidecar says, read without opening it
 * in the editor.
 *
 * Properties (read-only): file, relative-path, title, status (an
 * AttestStatus, as a uint like AttestDocument's), n-spans, error (a
 * message when the sidecar could not be read, else NULL).
 * notify::n-spans is emitted whenever any per-label count changes, even
 * when the total stays the same (a relabelled span). */

GFile        *attest_corpus_entry_get_file          (AttestCorpusEntry *self);
/* "2026/march/story.txt", with '/' between folders whatever the system. */
const char   *attest_corpus_entry_get_relative_path (AttestCorpusEntry *self);
/* The document's meta title, else the article's first line when it is
 * short, else the file name. */
const char   *attest_corpus_entry_get_title         (AttestCorpusEntry *self);
AttestStatus  attest_corpus_entry_get_status        (AttestCorpusEntry *self);
guint         attest_corpus_entry_get_n_spans       (AttestCorpusEntry *self);
/* Spans with @label (interned or not); 0 for a label not used. */
guint         attest_corpus_entry_get_count         (AttestCorpusEntry *self,
                                                     const char        *label);
/* The labels used, sorted by id, as interned strings; @count (may be NULL)
 * receives the number of spans of label @position. */
guint         attest_corpus_entry_get_n_labels      (AttestCorpusEntry *self);
const char   *attest_corpus_entry_get_label         (AttestCorpusEntry *self,
                                                     guint              position,
                                                     guint             *count);
const char   *attest_corpus_entry_get_error         (AttestCorpusEntry *self);

#define ATTEST_TYPE_CORPUS (attest_corpus_get_type ())

G_DECLARE_FINAL_TYPE (AttestCorpus, attest_corpus, ATTEST, CORPUS, GObject)

/* A folder of articles (*.txt and *.md, searched recursively, hidden files
 * and folders skipped), in natural order of their relative paths ("2.txt"
 * before "10.txt"), one AttestCorpusEntry each. AttestCorpus is a
 * GListModel of those entries; it is empty until a scan finishes.
 *
 * Properties: folder (construct-only), tagset (the one found for the
 * folder, after a scan), n-done, scanning. */

AttestCorpus      *attest_corpus_new          (GFile              *folder);
GFile             *attest_corpus_get_folder   (AttestCorpus       *self);
/* The tag set for the folder (nearest attest-tagset.json up from it, or
 * the default); NULL before the first scan or when that file is invalid. */
AttestTagset      *attest_corpus_get_tagset   (AttestCorpus       *self);
guint              attest_corpus_get_n_done   (AttestCorpus       *self);
gboolean           attest_corpus_get_scanning (AttestCorpus       *self);

/* Reads the folder and every sidecar in it, then replaces the entries.
 * A sidecar that cannot be read gives its entry an error; only an
 * unreadable folder (or cancellation) fails the scan, and then the entries
 * are left as they were. A scan started while another runs cancels it. */
gboolean           attest_corpus_scan         (AttestCorpus       *self,
                                               GCancellable       *cancellable,
                                               GError            **error);
void               attest_corpus_scan_async   (AttestCorpus       *self,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
gboolean           attest_corpus_scan_finish  (AttestCorpus       *self,
                                               GAsyncResult       *result,
                                               GError            **error);

/* The entry for @article, or NULL; @position (may be NULL) receives its
 * position in the model. O(1). */
AttestCorpusEntry *attest_corpus_lookup       (AttestCorpus       *self,
                                               GFile              *article,
                                               guint              *position);
/* Refreshes the entry of @article from an open @document (status, counts,
 * title), clearing its error. Returns FALSE when @article is not in the
 * corpus. */
gboolean           attest_corpus_update_entry (AttestCorpus       *self,
                                               GFile              *article,
                                               AttestDocument     *document);

/* .txt and .md: the articles Attest finds in folders. */
gboolean           attest_corpus_is_article_name (const char      *name);

/* Natural order of relative paths, folder by folder: "a/2.txt" <
 * "a/10.txt" < "b.txt". For tests and for callers that sort paths the
 * same way. */
int                attest_corpus_compare_paths (const char        *a,
                                                const char        *b);

G_END_DECLS
