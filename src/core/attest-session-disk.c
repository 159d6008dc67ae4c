/* attest-session-disk.c: saving, and the files changed by others
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "attest-document.h"
#include "attest-error.h"
#include "attest-history.h"
#include "attest-reanchor.h"
#include "attest-session-private.h"
#include "attest-span-store.h"
#include "attest-text.h"
#include "attest-version.h"

#define RETRY_SECONDS 5
/* Past this many records a document is serialized in slices of at most
 * SLICE_USEC from the main loop, so autosave never stalls it. */
#define SLICED_RECORDS 20000
#define SLICE_USEC 6000

static void schedule_autosave (AttestSession *self);
static void start_save        (AttestSession *self);

/* Saving ----------------------------------------------------------------- */

typedef struct
{
  AttestSession *self;
  GFile         *file;
  GBytes        *bytes;
  guint64        serial;
  char          *sha256;
  gboolean       skipped;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->file);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_clear_pointer (&data->sha256, g_free);
  g_free (data);
}

/* Writes unless a newer state is already on disk. Any thread. */
static gboolean
write_serial (AttestSession  *self,
              GFile          *file,
              GBytes         *bytes,
              guint64         serial,
              gboolean       *skipped,
              GError        **error)
{
  gboolean ret = TRUE;

  g_mutex_lock (&self->write_lock);
  *skipped = serial <= self->written_serial;
  if (!*skipped)
    {
      ret = attest_file_replace_atomic (file,
                                        g_bytes_get_data (bytes, NULL),
                                        g_bytes_get_size (bytes),
                                        NULL, error);
      if (ret)
        self->written_serial = serial;
    }
  g_mutex_unlock (&self->write_lock);

  return ret;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;
  gsize len;
  const char *bytes = g_bytes_get_data (data->bytes, &len);

  data->sha256 = _attest_session_sha256_of (bytes, len);
  if (!write_serial (data->self, data->file, data->bytes, data->serial, &data->skipped, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
retry_cb (gpointer user_data)
{
  AttestSession *self = user_data;

  self->retry_id = 0;
  start_save (self);

  return G_SOURCE_REMOVE;
}

static void
save_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  AttestSession *self = ATTEST_SESSION (object);
  SaveData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Keep the edits; say why; try again. */
      _attest_session_set_save_error (self, error->message);
      _attest_session_set_save_state (self, ATTEST_SAVE_STATE_FAILED);
      if (self->retry_id == 0 && self->read_only_reason == NULL)
        self->retry_id = g_timeout_add_seconds (RETRY_SECONDS, retry_cb, self);
      return;
    }

  if (!data->skipped)
    {
      g_free (self->disk_sha256);
      self->disk_sha256 = g_steal_pointer (&data->sha256);
    }
  _attest_session_set_save_error (self, NULL);

  if (self->save_again)
    {
      self->save_again = FALSE;
      start_save (self);
    }
  else if (self->written_serial >= self->change_serial)
    {
      attest_document_set_modified (self->document, FALSE);
      _attest_session_set_save_state (self, ATTEST_SAVE_STATE_SAVED);
    }
  else
    _attest_session_set_save_state (self, ATTEST_SAVE_STATE_MODIFIED);
}

static void
launch_write (AttestSession *self,
              GBytes        *bytes,
              guint64        serial)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  data = g_new0 (SaveData, 1);
  data->self = g_object_ref (self);
  data->file = g_object_ref (self->sidecar_file);
  data->serial = serial;
  data->bytes = bytes;

  task = g_task_new (self, NULL, save_done, NULL);
  g_task_set_source_tag (task, launch_write);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
}

void
_attest_session_abort_writer (AttestSession *self)
{
  g_clear_handle_id (&self->writer_id, g_source_remove);
  g_clear_pointer (&self->writer, attest_sidecar_writer_free);
}

static gboolean
writer_step_cb (gpointer user_data)
{
  AttestSession *self = user_data;

  if (!attest_sidecar_writer_step (self->writer, g_get_monotonic_time () + SLICE_USEC))
    return G_SOURCE_CONTINUE;

  self->writer_id = 0;
  launch_write (self, attest_sidecar_writer_finish (g_steal_pointer (&self->writer)),
                self->change_serial);

  return G_SOURCE_REMOVE;
}

static void
start_save (AttestSession *self)
{
  guint n_records;

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);

  if (self->read_only_reason != NULL || self->writer != NULL)
    return;
  if (self->saving)
    {
      self->save_again = TRUE;
      return;
    }
  if (self->written_serial >= self->change_serial && self->save_state != ATTEST_SAVE_STATE_FAILED)
    return;

  self->saving = TRUE;
  _attest_session_set_save_state (self, ATTEST_SAVE_STATE_SAVING);
  attest_document_set_generator (self->document, ATTEST_GENERATOR);

  n_records = attest_span_store_get_n_spans (attest_document_get_spans (self->document)) +
              attest_document_get_n_relations (self->document);
  if (n_records < SLICED_RECORDS)
    {
      launch_write (self, attest_sidecar_serialize (self->document), self->change_serial);
      return;
    }

  /* The document is only changed on this thread, and any change drops
   * the writer (on_document_changed), so each slice sees one state. */
  self->writer = attest_sidecar_writer_new (self->document, ATTEST_GENERATOR);
  self->writer_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, writer_step_cb, self, NULL);
}

static gboolean
autosave_cb (gpointer user_data)
{
  AttestSession *self = user_data;

  self->autosave_id = 0;
  start_save (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_autosave (AttestSession *self)
{
  if (self->read_only_reason != NULL)
    return;

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->autosave_id = g_timeout_add (self->autosave_delay, autosave_cb, self);

  if (self->save_state == ATTEST_SAVE_STATE_SAVED)
    _attest_session_set_save_state (self, ATTEST_SAVE_STATE_MODIFIED);
}

void
_attest_session_on_document_changed (AttestSession *self)
{
  self->change_serial++;

  if (self->writer != NULL)
    {
      /* Half-written state is stale: start over after the next pause. */
      _attest_session_abort_writer (self);
      self->saving = FALSE;
    }

  schedule_autosave (self);
}

void
attest_session_save (AttestSession *self)
{
  g_return_if_fail (ATTEST_IS_SESSION (self));

  start_save (self);
}

gboolean
attest_session_flush (AttestSession  *self,
                      GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gboolean skipped;

  g_return_val_if_fail (ATTEST_IS_SESSION (self), FALSE);

  if (self->read_only_reason != NULL || self->written_serial >= self->change_serial)
    return TRUE;

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  if (self->writer != NULL)
    {
      _attest_session_abort_writer (self);
      self->saving = FALSE;
    }

  attest_document_set_generator (self->document, ATTEST_GENERATOR);
  bytes = attest_sidecar_serialize (self->document);
  if (!write_serial (self, self->sidecar_file, bytes, self->change_serial, &skipped, error))
    {
      _attest_session_set_save_error (self, (*error)->message);
      _attest_session_set_save_state (self, ATTEST_SAVE_STATE_FAILED);
      return FALSE;
    }

  g_free (self->disk_sha256);
  self->disk_sha256 = _attest_session_sha256_of (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  attest_document_set_modified (self->document, FALSE);
  _attest_session_set_save_error (self, NULL);
  if (!self->saving)
    _attest_session_set_save_state (self, ATTEST_SAVE_STATE_SAVED);

  return TRUE;
}

/* Files changed by others ------------------------------------------------ */

static char *
conflict_path (AttestSession *self)
{
  g_autofree char *path = g_file_get_path (self->sidecar_file);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  gsize len = strlen (path) - strlen (ATTEST_SIDECAR_SUFFIX);

  /* "story.txt.attest.conflict-20261128-104300.json": not a sidecar name,
   * so folders and exports do not take it for one. */
  return g_strdup_printf ("%.*s.attest.conflict-%s.json", (int) len, path, stamp);
}

static void
sidecar_changed_on_disk (AttestSession *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *display = g_file_get_basename (self->sidecar_file);
  g_autoptr(AttestDocument) theirs = NULL;
  gsize len;

  if (!g_file_load_contents (self->sidecar_file, NULL, &bytes, &len, NULL, &error))
    {
      /* Deleted or moved away: write ours back on the next save. */
      if (self->read_only_reason == NULL && self->disk_sha256 != NULL)
        {
          g_clear_pointer (&self->disk_sha256, g_free);
          self->written_serial = 0;
          if (self->change_serial == 0)
            self->change_serial = 1;
          schedule_autosave (self);
        }
      return;
    }

  sha = _attest_session_sha256_of (bytes, len);
  if (g_strcmp0 (sha, self->disk_sha256) == 0)
    return;   /* our own write */

  theirs = attest_sidecar_parse (bytes, len, display, &error);

  if (self->written_serial >= self->change_serial && !self->saving &&
      theirs != NULL && !attest_document_get_read_only (theirs))
    {
      /* Nothing of ours is unsaved: take theirs. */
      g_free (self->disk_sha256);
      self->disk_sha256 = g_steal_pointer (&sha);
      attest_document_set_modified (theirs, FALSE);
      _attest_session_set_document (self, theirs);
      self->change_serial = self->written_serial = 0;
      _attest_session_set_read_only_reason (self, NULL);
      _attest_session_set_save_state (self, ATTEST_SAVE_STATE_SAVED);
      g_signal_emit (self, attest_session_signals[ATTEST_SESSION_RELOADED], 0);
      return;
    }

  if (self->read_only_reason == NULL)
    {
      g_autofree char *path = conflict_path (self);
      g_autoptr(GFile) copy = g_file_new_for_path (path);
      g_autoptr(GError) write_error = NULL;

      /* Keep both: theirs beside, ours in place. */
      if (!attest_file_replace_atomic (copy, bytes, len, NULL, &write_error))
        {
          _attest_session_set_save_error (self, write_error->message);
          _attest_session_set_save_state (self, ATTEST_SAVE_STATE_FAILED);
          return;
        }

      g_clear_pointer (&self->disk_sha256, g_free);
      self->written_serial = 0;
      if (self->change_serial == 0)
        self->change_serial = 1;
      start_save (self);
      g_signal_emit (self, attest_session_signals[ATTEST_SESSION_CONFLICT], 0, path);
    }
}

void
_attest_session_on_sidecar_changed (GFileMonitor      *monitor,
                                    GFile             *file,
                                    GFile             *other,
                                    GFileMonitorEvent  event,
                                    AttestSession     *self)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_RENAMED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
      sidecar_changed_on_disk (self);
      break;

    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    default:
      break;
    }
}

static void
check_article (AttestSession *self)
{
  g_autoptr(AttestText) text = NULL;
  gboolean changed;

  if (!(text = attest_text_load_file (self->article_file, NULL, NULL, NULL)))
    return;   /* mid-write or gone: the next event tells */

  changed = g_strcmp0 (attest_text_get_sha256 (text),
                       attest_text_get_sha256 (attest_document_get_text (self->document))) != 0;

  g_clear_pointer (&self->new_article_text, attest_text_unref);
  g_clear_object (&self->preview);
  if (changed)
    self->new_article_text = g_steal_pointer (&text);

  g_object_notify_by_pspec (G_OBJECT (self), attest_session_properties[ATTEST_SESSION_PROP_ARTICLE_CHANGED]);
  if (changed)
    g_signal_emit (self, attest_session_signals[ATTEST_SESSION_ARTICLE_CHANGED], 0);
}

void
_attest_session_on_article_changed (GFileMonitor      *monitor,
                                    GFile             *file,
                                    GFile             *other,
                                    GFileMonitorEvent  event,
                                    AttestSession     *self)
{
  if (event == G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT ||
      event == G_FILE_MONITOR_EVENT_CREATED ||
      event == G_FILE_MONITOR_EVENT_RENAMED ||
      event == G_FILE_MONITOR_EVENT_MOVED_IN)
    check_article (self);
}

gboolean
attest_session_get_article_changed (AttestSession *self)
{
  g_return_val_if_fail (ATTEST_IS_SESSION (self), FALSE);

  return self->new_article_text != NULL;
}

static gboolean
reanchor (AttestSession         *self,
          AttestDocument        *document,
          AttestReanchorReport  *report,
          GError               **error)
{
  if (self->new_article_text == NULL)
    {
      g_set_error_literal (error, ATTEST_ERROR, ATTEST_ERROR_FAILED,
                           _("The article has not changed"));
      return FALSE;
    }

  return attest_reanchor_document (document, self->new_article_text, report, NULL, error);
}

gboolean
attest_session_preview_reanchor (AttestSession         *self,
                                 AttestReanchorReport  *report,
                                 GError               **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize len;
  const char *data;

  g_return_val_if_fail (ATTEST_IS_SESSION (self), FALSE);

  /* A scratch copy through the sidecar format: exact, and cheap next to
   * the diff. */
  bytes = attest_sidecar_serialize (self->document);
  data = g_bytes_get_data (bytes, &len);
  g_clear_object (&self->preview);
  if (!(self->preview = attest_sidecar_parse (data, len, "preview", error)))
    return FALSE;

  return reanchor (self, self->preview, report, error);
}

gboolean
attest_session_reanchor (AttestSession         *self,
                         AttestReanchorReport  *report,
                         GError               **error)
{
  g_return_val_if_fail (ATTEST_IS_SESSION (self), FALSE);

  if (self->read_only_reason != NULL)
    {
      g_set_error_literal (error, ATTEST_ERROR, ATTEST_ERROR_READ_ONLY, self->read_only_reason);
      return FALSE;
    }

  if (!reanchor (self, self->document, report, error))
    return FALSE;

  g_clear_pointer (&self->new_article_text, attest_text_unref);
  g_clear_object (&self->preview);
  attest_history_clear (self->history);
  g_object_notify_by_pspec (G_OBJECT (self), attest_session_properties[ATTEST_SESSION_PROP_ARTICLE_CHANGED]);
  start_save (self);

  return TRUE;
}

void
attest_session_close (AttestSession *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ATTEST_IS_SESSION (self));

  if (self->sidecar_monitor != NULL)
    g_file_monitor_cancel (self->sidecar_monitor);
  if (self->article_monitor != NULL)
    g_file_monitor_cancel (self->article_monitor);

  if (!attest_session_flush (self, &error))
    g_warning ("Could not save %s: %s", g_file_peek_path (self->sidecar_file), error->message);
}
