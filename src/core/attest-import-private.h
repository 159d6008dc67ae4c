/* attest-import-private.h: what an import format implements
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-document.h"
#include "attest-error.h"
#include "attest-import.h"
#include "attest-json-guard.h"
#include "attest-span.h"
#include "attest-text.h"

G_BEGIN_DECLS

typedef struct _AttestImportContext AttestImportContext;

/* The interned "imported:FORMAT" for the spans and relations made. */
const char *attest_import_context_get_origin    (AttestImportContext *context);
/* The interned annotator, or NULL. */
const char *attest_import_context_get_annotator (AttestImportContext *context);
/* "2026-12-02T10:00:00Z": one timestamp for the whole import. */
const char *attest_import_context_get_created   (AttestImportContext *context);
GCancellable *attest_import_context_get_cancellable (AttestImportContext *context);

/* Hands over one document: @name is the article's path relative to the
 * output folder ("story.txt", "batch/3.txt"; '/'-separated, no "..", no
 * leading '/'). The document is written at once (memory stays flat);
 * fails for a bad or repeated name, or when the document does not pass
 * attest_document_check(). @source names the input and its line for
 * messages ("news.jsonl line 3"). */
gboolean    attest_import_context_add           (AttestImportContext *context,
                                                 const char          *name,
                                                 AttestDocument      *document,
                                                 const char          *source,
                                                 GError             **error);

/* Sets ATTEST_ERROR_INVALID: "SOURCE: message" (SOURCE as above). */
void        attest_import_set_error             (GError     **error,
                                                 const char  *source,
                                                 const char  *format,
                                                 ...) G_GNUC_PRINTF (3, 4);

/* Reads a whole input file (with a size limit) for a format to parse. */
GBytes     *attest_import_read_file             (const char  *path,
                                                 GCancellable *cancellable,
                                                 GError     **error);

/* How attest_import_walk() goes through a folder. */
typedef enum
{
  ATTEST_IMPORT_WALK_RECURSIVE = 0,
  /* The folder's own files only, none of its subfolders'. */
  ATTEST_IMPORT_WALK_FLAT      = 1 << 0,
} AttestImportWalkFlags;

/* TRUE when a file named @name (no folder) is one a format reads. */
typedef gboolean (*AttestImportWantFunc)  (const char           *name);
/* One file found: @path to open it, @relative_name its '/'-separated path
 * below the folder walked ("batch/3.tsv"). */
typedef gboolean (*AttestImportVisitFunc) (AttestImportContext  *context,
                                           const char           *path,
                                           const char           *relative_name,
                                           gpointer              user_data,
                                           GError              **error);

/* Calls @visit for each regular file under @folder that @want accepts,
 * folder by folder in name order (byte order of the names). Hidden
 * entries are skipped and symlinks are never followed, so a walk stays
 * inside the folder the user gave; folders nested deeper than a limit
 * fail with "FOLDER: folders nested too deep". Stops at the first
 * failure of @visit, or when the import is cancelled. */
gboolean    attest_import_walk                  (AttestImportContext   *context,
                                                 const char            *folder,
                                                 AttestImportWalkFlags  flags,
                                                 AttestImportWantFunc   want,
                                                 AttestImportVisitFunc  visit,
                                                 gpointer               user_data,
                                                 GError               **error);

/* The relative names attest_import_walk() would visit, in its order,
 * for a format that orders or pairs them itself; NULL on failure. */
GPtrArray  *attest_import_walk_collect          (AttestImportContext   *context,
                                                 const char            *folder,
                                                 AttestImportWalkFlags  flags,
                                                 AttestImportWantFunc   want,
                                                 GError               **error);

/* A span made by an importer: origin, annotator and created time of the
 * context; the id is given by the document when it is added. Offsets are
 * code points; importers convert theirs with attest_text_*_to_cp(). */
AttestSpan *attest_import_new_span              (AttestImportContext *context,
                                                 const char          *label,
                                                 guint                start,
                                                 guint                end);
AttestRelation *attest_import_new_relation      (AttestImportContext *context,
                                                 const char          *type,
                                                 const char          *from,
                                                 const char          *to);

struct _AttestImporter
{
  const char  *name;        /* "brat" */
  const char  *title;       /* N_() */
  /* Reads one input path (a file or a folder, as the user gave it) and
   * adds its documents. */
  gboolean   (*import) (AttestImportContext  *context,
                        const char           *input,
                        GError              **error);
};

extern const AttestImporter attest_import_brat;
extern const AttestImporter attest_import_doccano;
extern const AttestImporter attest_import_spacy;
extern const AttestImporter attest_import_labelstudio;
extern const AttestImporter attest_import_jsonl;
extern const AttestImporter attest_import_webanno;
extern const AttestImporter attest_import_text;

G_END_DECLS
