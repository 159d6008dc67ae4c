/* attest-record.h: one annotated document as exporters see it
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "attest-document.h"
#include "attest-types.h"

G_BEGIN_DECLS

/* A read-only view of one sidecar's annotations, without an
 * AttestDocument: the export path reads a sidecar straight into one
 * (attest_sidecar_read_record(); no span store, no checksum, no copies of
 * the strings beyond the reader's own) and hands it to an exporter. The
 * window exports its open document through the same view
 * (attest_record_new_for_document()).
 *
 * Everything in it is valid: offsets inside the text, each span's text
 * equal to its slice, ids unique, every relation's from and to naming a
 * span of the record, every span's entity naming an entity. Offsets are
 * code points; convert with attest_text_cp_to_byte() / _cp_to_utf16().
 *
 * A record lives only as long as the call it is handed to. */
typedef struct _AttestRecord AttestRecord;

struct _AttestRecord
{
  /* The document's name in an export: its article's path relative to the
   * folder exported ("batch 3/story.txt"), '/'-separated. Never NULL. */
  const char      *name;
  /* document.file as stored (the article's base name). */
  const char      *file;
  AttestText      *text;
  /* document.sha256 as stored, not recomputed (validate checks it). */
  const char      *sha256;
  AttestStatus     status;
  const char      *language;       /* nullable */
  char * const    *meta;           /* attrs vector (title, source_url, …); nullable */
  const char      *tagset_name;    /* nullable */
  gint64           tagset_version;

  AttestSpan     **spans;          /* sorted by attest_span_compare() */
  guint            n_spans;
  AttestRelation **relations;      /* in id order */
  guint            n_relations;
  AttestEntity   **entities;       /* in id order */
  guint            n_entities;

  /*< private >*/
  GHashTable      *span_index;     /* id -> position + 1 */
  GHashTable      *entity_index;   /* id -> position + 1 */
  gpointer         owner;
  GDestroyNotify   owner_free;
};

/* Position of the span with @id in record->spans, or -1. */
gint                attest_record_find_span      (const AttestRecord *record,
                                                  const char         *id);
const AttestSpan   *attest_record_lookup_span    (const AttestRecord *record,
                                                  const char         *id);
const AttestEntity *attest_record_lookup_entity  (const AttestRecord *record,
                                                  const char         *id);
/* meta "title", or the article's base name. */
const char         *attest_record_get_title      (const AttestRecord *record);

/* For each quote, the speaker it is said by: the first said-by relation
 * from it (in id order). NULL when the quote has none. */
const AttestSpan   *attest_record_get_speaker    (const AttestRecord *record,
                                                  const AttestSpan   *quote);

/* A view over a document in memory (the window's open article). The
 * document must outlive the record and not change while it exists. */
AttestRecord       *attest_record_new_for_document (AttestDocument *document,
                                                    const char     *name);
/* A copy keeping only spans whose label is in @labels (NULL-terminated),
 * and the relations between kept spans; entities are kept. Shares the
 * spans with @record, which must outlive it. */
AttestRecord       *attest_record_filter_labels  (const AttestRecord *record,
                                                  const char * const *labels);
void                attest_record_free           (AttestRecord   *record);

/* Callers of attest_sidecar_read_record(). */
typedef void (*AttestRecordFunc) (const AttestRecord *record,
                                  gpointer            user_data);

/* The streaming read path: parses sidecar bytes with the same member walk
 * and the same messages as attest_sidecar_parse(), checks what a record
 * promises (above), and calls @func with the record instead of building a
 * document. Nothing of it survives the call.
 *
 * When @padded is TRUE, @data has at least ATTEST_RECORD_PADDING readable
 * bytes after @len and is not copied. Safe from any thread; a thread
 * keeps its parser's buffers between calls. */
#define ATTEST_RECORD_PADDING 64

gboolean            attest_sidecar_read_record   (const char      *data,
                                                  gsize            len,
                                                  gboolean         padded,
                                                  const char      *display_name,
                                                  const char      *name,
                                                  AttestRecordFunc func,
                                                  gpointer         user_data,
                                                  GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestRecord, attest_record_free)

G_END_DECLS
