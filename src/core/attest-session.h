/* attest-session.h: one article open for annotation, and its sidecar
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attest-reanchor.h"
#include "attest-types.h"

G_BEGIN_DECLS

/* An AttestSession ties an AttestDocument to its article and sidecar on
 * disk: loading (off the main thread), autosave (debounced, written off the
 * main thread, retried after a failure), Ctrl+S, file monitors for the
 * sidecar (another annotator, a git pull) and the article (an edit to
 * re-anchor), and the undo history. Display-free, so it is tested without
 * one; the window shows its state.
 */

typedef enum
{
  ATTEST_SAVE_STATE_SAVED,      /* what is on disk is what is shown */
  ATTEST_SAVE_STATE_MODIFIED,   /* an autosave is due */
  ATTEST_SAVE_STATE_SAVING,
  ATTEST_SAVE_STATE_FAILED,     /* the last write failed; edits kept, retrying */
  ATTEST_SAVE_STATE_READ_ONLY,  /* never written: see read-only-reason */
} AttestSaveState;

#define ATTEST_TYPE_SESSION (attest_session_get_type ())

G_DECLARE_FINAL_TYPE (AttestSession, attest_session, ATTEST, SESSION, GObject)

/* Properties: document, history, tagset, article-file, sidecar-file,
 * save-state, save-error (string), read-only-reason (string or NULL),
 * autosave-delay (ms), annotator, article-changed (boolean: the article on
 * disk differs from the document's text and awaits re-anchoring).
 *
 * Signals:
 *   reloaded ()              the sidecar changed on disk and was reloaded
 *   conflict (const char *conflict_path)
 *                            the sidecar changed on disk while we had
 *                            unsaved edits: ours were saved, theirs kept
 *                            beside it at conflict_path
 *   article-changed ()       see the property; call preview / reanchor
 */

void            attest_session_load_async        (GFile               *article,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
AttestSession  *attest_session_load_finish       (GAsyncResult        *result,
                                                  GError             **error);
/* Synchronous, for the CLI and tests. Errors only when the article itself
 * cannot be read; a damaged or newer sidecar gives a read-only session. */
AttestSession  *attest_session_load              (GFile               *article,
                                                  GCancellable        *cancellable,
                                                  GError             **error);

AttestDocument *attest_session_get_document      (AttestSession *self);
AttestHistory  *attest_session_get_history       (AttestSession *self);
AttestTagset   *attest_session_get_tagset        (AttestSession *self);
GFile          *attest_session_get_article_file  (AttestSession *self);
GFile          *attest_session_get_sidecar_file  (AttestSession *self);
AttestSaveState attest_session_get_save_state    (AttestSession *self);
const char     *attest_session_get_save_error    (AttestSession *self);
const char     *attest_session_get_read_only_reason (AttestSession *self);
gboolean        attest_session_get_read_only     (AttestSession *self);

guint           attest_session_get_autosave_delay (AttestSession *self);
void            attest_session_set_autosave_delay (AttestSession *self,
                                                   guint          delay_ms);
const char     *attest_session_get_annotator     (AttestSession *self);
void            attest_session_set_annotator     (AttestSession *self,
                                                  const char    *annotator);

const char     *attest_session_get_tagset_error  (AttestSession *self);

/* Saves now if anything is unsaved (Ctrl+S). */
void            attest_session_save              (AttestSession *self);
/* Blocks until what is shown is on disk (quitting, switching articles).
 * Returns FALSE with @error if it could not be written. */
gboolean        attest_session_flush             (AttestSession *self,
                                                  GError       **error);

gboolean        attest_session_get_article_changed (AttestSession *self);
/* What re-anchoring would do, without doing it; the spans in the report
 * belong to a scratch copy that lives as long as the session. */
gboolean        attest_session_preview_reanchor  (AttestSession        *self,
                                                  AttestReanchorReport *report,
                                                  GError              **error);
/* Takes the article's new text, maps every span, saves. Clears undo. */
gboolean        attest_session_reanchor          (AttestSession        *self,
                                                  AttestReanchorReport *report,
                                                  GError              **error);

void            attest_session_close             (AttestSession *self);

G_END_DECLS
