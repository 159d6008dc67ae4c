/* attest-session-private.h: shared by attest-session*.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-session.h"
#include "attest-sidecar.h"

G_BEGIN_DECLS

struct _AttestSession
{
  GObject          parent_instance;

  AttestDocument  *document;
  AttestHistory   *history;
  AttestTagset    *tagset;
  char            *tagset_error;
  GFile           *article_file;
  GFile           *sidecar_file;
  char            *read_only_reason;
  char            *save_error;
  char            *annotator;
  guint            autosave_delay;
  AttestSaveState  save_state;

  gulong           changed_handler;
  guint            autosave_id;
  guint            retry_id;
  GFileMonitor    *sidecar_monitor;
  GFileMonitor    *article_monitor;

  /* Edits are numbered; a write carries the number it saved, and the
   * lock keeps an older write from landing after a newer one. */
  GMutex           write_lock;
  guint64          change_serial;
  guint64          written_serial;   /* under write_lock */
  char            *disk_sha256;      /* of the sidecar bytes last read or written */
  gboolean         saving;
  gboolean         save_again;
  AttestSidecarWriter *writer;       /* a large document, serialized in slices */
  guint            writer_id;

  AttestText      *new_article_text;
  AttestDocument  *preview;
};

enum {
  ATTEST_SESSION_PROP_0,
  ATTEST_SESSION_PROP_DOCUMENT,
  ATTEST_SESSION_PROP_HISTORY,
  ATTEST_SESSION_PROP_TAGSET,
  ATTEST_SESSION_PROP_TAGSET_ERROR,
  ATTEST_SESSION_PROP_ARTICLE_FILE,
  ATTEST_SESSION_PROP_SIDECAR_FILE,
  ATTEST_SESSION_PROP_SAVE_STATE,
  ATTEST_SESSION_PROP_SAVE_ERROR,
  ATTEST_SESSION_PROP_READ_ONLY_REASON,
  ATTEST_SESSION_PROP_AUTOSAVE_DELAY,
  ATTEST_SESSION_PROP_ANNOTATOR,
  ATTEST_SESSION_PROP_ARTICLE_CHANGED,
  ATTEST_SESSION_N_PROPS
};

enum {
  ATTEST_SESSION_RELOADED,
  ATTEST_SESSION_CONFLICT,
  ATTEST_SESSION_ARTICLE_CHANGED,
  ATTEST_SESSION_N_SIGNALS
};

extern GParamSpec *attest_session_properties[ATTEST_SESSION_N_PROPS];
extern guint attest_session_signals[ATTEST_SESSION_N_SIGNALS];

/* attest-session.c */
char    *_attest_session_sha256_of           (const char      *data,
                                              gsize            len);
void     _attest_session_set_save_state      (AttestSession   *self,
                                              AttestSaveState  state);
void     _attest_session_set_save_error      (AttestSession   *self,
                                              const char      *message);
void     _attest_session_set_read_only_reason (AttestSession  *self,
                                               const char     *reason);
void     _attest_session_set_document        (AttestSession   *self,
                                              AttestDocument  *document);

/* attest-session-disk.c: saving, and files changed by others */
void     _attest_session_on_document_changed (AttestSession   *self);
void     _attest_session_on_sidecar_changed  (GFileMonitor     *monitor,
                                              GFile            *file,
                                              GFile            *other,
                                              GFileMonitorEvent event,
                                              AttestSession    *self);
void     _attest_session_on_article_changed  (GFileMonitor     *monitor,
                                              GFile            *file,
                                              GFile            *other,
                                              GFileMonitorEvent event,
                                              AttestSession    *self);
void     _attest_session_abort_writer        (AttestSession   *self);

G_END_DECLS
