/* attest-session.c
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
#include "attest-session.h"
#include "attest-sidecar.h"
#include "attest-span-store.h"
#include "attest-tagset.h"
#include "attest-text.h"
#include "attest-version.h"

#define RETRY_SECONDS 5
/* Past this many records a document is serialized in slices of at most
 * SLICE_USEC from the main loop, so autosave never stalls it. */
#define SLICED_RECORDS 20000
#define SLICE_USEC 6000

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

G_DEFINE_FINAL_TYPE (AttestSession, attest_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_HISTORY,
  PROP_TAGSET,
  PROP_TAGSET_ERROR,
  PROP_ARTICLE_FILE,
  PROP_SIDECAR_FILE,
  PROP_SAVE_STATE,
  PROP_SAVE_ERROR,
  PROP_READ_ONLY_REASON,
  PROP_AUTOSAVE_DELAY,
  PROP_ANNOTATOR,
  PROP_ARTICLE_CHANGED,
  N_PROPS
};

enum {
  RELOADED,
  CONFLICT,
  ARTICLE_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule_autosave (AttestSession *self);
static void start_save        (AttestSession *self);

static char *
sha256_of (const char *data,
           gsize       len)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

static void
set_save_state (AttestSession   *self,
                AttestSaveState  state)
{
  if (self->save_state != state)
    {
      self->save_state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVE_STATE]);
    }
}

static void
set_save_error (AttestSession *self,
                const char    *message)
{
  if (g_strcmp0 (self->save_error, message) != 0)
    {
      g_free (self->save_error);
      self->save_error = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVE_ERROR]);
    }
}

static void
set_read_only_reason (AttestSession *self,
                      const char    *reason)
{
  if (g_strcmp0 (self->read_only_reason, reason) == 0)
    return;

  g_free (self->read_only_reason);
  self->read_only_reason = g_strdup (reason);
  attest_document_set_read_only (self->document, reason != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY_REASON]);

  if (reason != NULL)
    {
      g_clear_handle_id (&self->autosave_id, g_source_remove);
      g_clear_handle_id (&self->retry_id, g_source_remove);
      set_save_state (self, ATTEST_SAVE_STATE_READ_ONLY);
    }
}

/* Loading ---------------------------------------------------------------- */

typedef struct
{
  GFile          *article;
  GFile          *sidecar;
  AttestDocument *document;
  AttestTagset   *tagset;
  char           *tagset_error;
  char           *read_only_reason;
  char           *disk_sha256;
  AttestText     *new_article_text;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->article);
  g_clear_object (&data->sidecar);
  g_clear_object (&data->document);
  g_clear_pointer (&data->tagset, attest_tagset_unref);
  g_clear_pointer (&data->tagset_error, g_free);
  g_clear_pointer (&data->read_only_reason, g_free);
  g_clear_pointer (&data->disk_sha256, g_free);
  g_clear_pointer (&data->new_article_text, attest_text_unref);
  g_free (data);
}

static gboolean
load_data (LoadData      *data,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(AttestText) text = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *article_path = g_file_get_path (data->article);
  g_autofree char *sidecar_path = NULL;
  g_autofree char *basename = g_file_get_basename (data->article);
  g_autofree char *bytes = NULL;
  gsize len;

  if (article_path == NULL)
    {
      g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_FAILED,
                   _("Attest opens local files only"));
      return FALSE;
    }

  if (!(text = attest_text_load_file (data->article, NULL, cancellable, error)))
    return FALSE;

  sidecar_path = attest_sidecar_path_for_article (article_path);
  data->sidecar = g_file_new_for_path (sidecar_path);

  if (!(data->tagset = attest_tagset_find_for_article (data->article, NULL, cancellable, &local_error)))
    {
      /* Annotating goes on with the default; the window says why. */
      data->tagset_error = g_strdup (local_error->message);
      data->tagset = attest_tagset_new_default ();
      g_clear_error (&local_error);
    }

  if (g_file_load_contents (data->sidecar, cancellable, &bytes, &len, NULL, &local_error))
    {
      g_autofree char *display = g_file_get_basename (data->sidecar);

      data->disk_sha256 = sha256_of (bytes, len);
      data->document = attest_sidecar_parse (bytes, len, display, &local_error);

      if (data->document == NULL)
        {
          data->read_only_reason = g_strdup (local_error->message);
          data->document = attest_document_new (text);
        }
      else if (attest_document_get_read_only (data->document))
        {
          g_autofree char *version_str = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                          attest_document_get_version (data->document));

          data->read_only_reason =
            g_strdup_printf (_("%s was written by a newer version of Attest (format version %s). "
                               "It is open read-only so nothing in it is lost."),
                             display, version_str);
        }
      else if (g_strcmp0 (attest_text_get_sha256 (text),
                          attest_text_get_sha256 (attest_document_get_text (data->document))) != 0)
        data->new_article_text = g_steal_pointer (&text);
    }
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      data->document = attest_document_new (text);
      attest_document_set_tagset (data->document,
                                  attest_tagset_get_name (data->tagset),
                                  attest_tagset_get_version (data->tagset));
    }
  else
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (attest_document_get_file_name (data->document) == NULL)
    attest_document_set_file_name (data->document, basename);
  attest_document_set_modified (data->document, FALSE);

  return TRUE;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (!load_data (task_data, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void on_document_changed (AttestSession *self);
static void on_sidecar_changed  (GFileMonitor *monitor, GFile *file, GFile *other,
                                 GFileMonitorEvent event, AttestSession *self);
static void on_article_changed  (GFileMonitor *monitor, GFile *file, GFile *other,
                                 GFileMonitorEvent event, AttestSession *self);

static void
set_document (AttestSession  *self,
              AttestDocument *document)
{
  if (self->document != NULL)
    g_clear_signal_handler (&self->changed_handler, self->document);

  g_set_object (&self->document, document);
  g_clear_object (&self->history);
  self->history = attest_history_new (document);
  self->changed_handler = g_signal_connect_swapped (document, "changed",
                                                    G_CALLBACK (on_document_changed), self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

/* Runs on the caller's thread so the monitors belong to its main context. */
static AttestSession *
session_new_from_data (LoadData *data)
{
  AttestSession *self = g_object_new (ATTEST_TYPE_SESSION, NULL);

  self->article_file = g_object_ref (data->article);
  self->sidecar_file = g_object_ref (data->sidecar);
  self->tagset = attest_tagset_ref (data->tagset);
  self->tagset_error = g_steal_pointer (&data->tagset_error);
  self->disk_sha256 = g_steal_pointer (&data->disk_sha256);
  self->new_article_text = g_steal_pointer (&data->new_article_text);
  set_document (self, data->document);

  if (data->read_only_reason != NULL)
    set_read_only_reason (self, data->read_only_reason);

  self->sidecar_monitor = g_file_monitor_file (self->sidecar_file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->sidecar_monitor != NULL)
    g_signal_connect (self->sidecar_monitor, "changed", G_CALLBACK (on_sidecar_changed), self);
  self->article_monitor = g_file_monitor_file (self->article_file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->article_monitor != NULL)
    g_signal_connect (self->article_monitor, "changed", G_CALLBACK (on_article_changed), self);

  return self;
}

void
attest_session_load_async (GFile               *article,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (G_IS_FILE (article));

  data = g_new0 (LoadData, 1);
  data->article = g_object_ref (article);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_session_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

AttestSession *
attest_session_load_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  return session_new_from_data (g_task_get_task_data (G_TASK (result)));
}

AttestSession *
attest_session_load (GFile         *article,
                     GCancellable  *cancellable,
                     GError       **error)
{
  LoadData *data;
  AttestSession *self = NULL;

  g_return_val_if_fail (G_IS_FILE (article), NULL);

  data = g_new0 (LoadData, 1);
  data->article = g_object_ref (article);
  if (load_data (data, cancellable, error))
    self = session_new_from_data (data);
  load_data_free (data);

  return self;
}

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

  data->sha256 = sha256_of (bytes, len);
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
      set_save_error (self, error->message);
      set_save_state (self, ATTEST_SAVE_STATE_FAILED);
      if (self->retry_id == 0 && self->read_only_reason == NULL)
        self->retry_id = g_timeout_add_seconds (RETRY_SECONDS, retry_cb, self);
      return;
    }

  if (!data->skipped)
    {
      g_free (self->disk_sha256);
      self->disk_sha256 = g_steal_pointer (&data->sha256);
    }
  set_save_error (self, NULL);

  if (self->save_again)
    {
      self->save_again = FALSE;
      start_save (self);
    }
  else if (self->written_serial >= self->change_serial)
    {
      attest_document_set_modified (self->document, FALSE);
      set_save_state (self, ATTEST_SAVE_STATE_SAVED);
    }
  else
    set_save_state (self, ATTEST_SAVE_STATE_MODIFIED);
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

static void
abort_writer (AttestSession *self)
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
  set_save_state (self, ATTEST_SAVE_STATE_SAVING);
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
    set_save_state (self, ATTEST_SAVE_STATE_MODIFIED);
}

static void
on_document_changed (AttestSession *self)
{
  self->change_serial++;

  if (self->writer != NULL)
    {
      /* Half-written state is stale: start over after the next pause. */
      abort_writer (self);
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
      abort_writer (self);
      self->saving = FALSE;
    }

  attest_document_set_generator (self->document, ATTEST_GENERATOR);
  bytes = attest_sidecar_serialize (self->document);
  if (!write_serial (self, self->sidecar_file, bytes, self->change_serial, &skipped, error))
    {
      set_save_error (self, (*error)->message);
      set_save_state (self, ATTEST_SAVE_STATE_FAILED);
      return FALSE;
    }

  g_free (self->disk_sha256);
  self->disk_sha256 = sha256_of (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  attest_document_set_modified (self->document, FALSE);
  set_save_error (self, NULL);
  if (!self->saving)
    set_save_state (self, ATTEST_SAVE_STATE_SAVED);

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

  sha = sha256_of (bytes, len);
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
      set_document (self, theirs);
      self->change_serial = self->written_serial = 0;
      set_read_only_reason (self, NULL);
      set_save_state (self, ATTEST_SAVE_STATE_SAVED);
      g_signal_emit (self, signals[RELOADED], 0);
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
          set_save_error (self, write_error->message);
          set_save_state (self, ATTEST_SAVE_STATE_FAILED);
          return;
        }

      g_clear_pointer (&self->disk_sha256, g_free);
      self->written_serial = 0;
      if (self->change_serial == 0)
        self->change_serial = 1;
      start_save (self);
      g_signal_emit (self, signals[CONFLICT], 0, path);
    }
}

static void
on_sidecar_changed (GFileMonitor      *monitor,
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

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE_CHANGED]);
  if (changed)
    g_signal_emit (self, signals[ARTICLE_CHANGED], 0);
}

static void
on_article_changed (GFileMonitor      *monitor,
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE_CHANGED]);
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

/* GObject ---------------------------------------------------------------- */

static void
attest_session_dispose (GObject *object)
{
  AttestSession *self = (AttestSession *)object;

  abort_writer (self);
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  if (self->document != NULL)
    g_clear_signal_handler (&self->changed_handler, self->document);
  g_clear_object (&self->sidecar_monitor);
  g_clear_object (&self->article_monitor);
  g_clear_object (&self->history);
  g_clear_object (&self->preview);

  G_OBJECT_CLASS (attest_session_parent_class)->dispose (object);
}

static void
attest_session_finalize (GObject *object)
{
  AttestSession *self = (AttestSession *)object;

  g_clear_object (&self->document);
  g_clear_pointer (&self->tagset, attest_tagset_unref);
  g_clear_pointer (&self->tagset_error, g_free);
  g_clear_object (&self->article_file);
  g_clear_object (&self->sidecar_file);
  g_clear_pointer (&self->read_only_reason, g_free);
  g_clear_pointer (&self->save_error, g_free);
  g_clear_pointer (&self->annotator, g_free);
  g_clear_pointer (&self->disk_sha256, g_free);
  g_clear_pointer (&self->new_article_text, attest_text_unref);
  g_mutex_clear (&self->write_lock);

  G_OBJECT_CLASS (attest_session_parent_class)->finalize (object);
}

static void
attest_session_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AttestSession *self = ATTEST_SESSION (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;

    case PROP_TAGSET:
      g_value_set_boxed (value, self->tagset);
      break;

    case PROP_TAGSET_ERROR:
      g_value_set_string (value, self->tagset_error);
      break;

    case PROP_ARTICLE_FILE:
      g_value_set_object (value, self->article_file);
      break;

    case PROP_SIDECAR_FILE:
      g_value_set_object (value, self->sidecar_file);
      break;

    case PROP_SAVE_STATE:
      g_value_set_uint (value, self->save_state);
      break;

    case PROP_SAVE_ERROR:
      g_value_set_string (value, self->save_error);
      break;

    case PROP_READ_ONLY_REASON:
      g_value_set_string (value, self->read_only_reason);
      break;

    case PROP_AUTOSAVE_DELAY:
      g_value_set_uint (value, self->autosave_delay);
      break;

    case PROP_ANNOTATOR:
      g_value_set_string (value, self->annotator);
      break;

    case PROP_ARTICLE_CHANGED:
      g_value_set_boolean (value, self->new_article_text != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_session_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AttestSession *self = ATTEST_SESSION (object);

  switch (prop_id)
    {
    case PROP_AUTOSAVE_DELAY:
      attest_session_set_autosave_delay (self, g_value_get_uint (value));
      break;

    case PROP_ANNOTATOR:
      attest_session_set_annotator (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_session_class_init (AttestSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = attest_session_dispose;
  object_class->finalize = attest_session_finalize;
  object_class->get_property = attest_session_get_property;
  object_class->set_property = attest_session_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, ATTEST_TYPE_DOCUMENT, ro);
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, ATTEST_TYPE_HISTORY, ro);
  properties[PROP_TAGSET] =
    g_param_spec_boxed ("tagset", NULL, NULL, ATTEST_TYPE_TAGSET, ro);
  properties[PROP_TAGSET_ERROR] =
    g_param_spec_string ("tagset-error", NULL, NULL, NULL, ro);
  properties[PROP_ARTICLE_FILE] =
    g_param_spec_object ("article-file", NULL, NULL, G_TYPE_FILE, ro);
  properties[PROP_SIDECAR_FILE] =
    g_param_spec_object ("sidecar-file", NULL, NULL, G_TYPE_FILE, ro);
  properties[PROP_SAVE_STATE] =
    g_param_spec_uint ("save-state", NULL, NULL,
                       ATTEST_SAVE_STATE_SAVED, ATTEST_SAVE_STATE_READ_ONLY,
                       ATTEST_SAVE_STATE_SAVED, ro);
  properties[PROP_SAVE_ERROR] =
    g_param_spec_string ("save-error", NULL, NULL, NULL, ro);
  properties[PROP_READ_ONLY_REASON] =
    g_param_spec_string ("read-only-reason", NULL, NULL, NULL, ro);
  properties[PROP_AUTOSAVE_DELAY] =
    g_param_spec_uint ("autosave-delay", NULL, NULL, 0, 60000, 1000, rw);
  properties[PROP_ANNOTATOR] =
    g_param_spec_string ("annotator", NULL, NULL, NULL, rw);
  properties[PROP_ARTICLE_CHANGED] =
    g_param_spec_boolean ("article-changed", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[RELOADED] =
    g_signal_new ("reloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CONFLICT] =
    g_signal_new ("conflict", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[ARTICLE_CHANGED] =
    g_signal_new ("article-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
attest_session_init (AttestSession *self)
{
  g_mutex_init (&self->write_lock);
  self->autosave_delay = 1000;
  self->save_state = ATTEST_SAVE_STATE_SAVED;
}

AttestDocument *
attest_session_get_document (AttestSession *self)
{
  g_return_val_if_fail (ATTEST_IS_SESSION (self), NULL);

  return self->document;
}

AttestHistory *
attest_session_get_history (AttestSession *self)
{
  g_return_val_if_fail (ATTEST_IS_SESSION (self), NULL);

  return self->history;
}

AttestTagset *
attest_session_get_tagset (AttestSession *self)
{
  g_return_val_if_fail (ATTEST_IS_SESSION (self), NULL);

  return self->tagset;
}

const char *
attest_session_get_tagset_error (AttestSession *self)
{
  g_return_val_if_fail (ATTEST_IS_SESSION (self), NULL);

  return self->tagset_error;
}

GFile *
attest_session_get_article_file (AttestSession *self)
{
  g_return_val_if_fail (ATTEST_IS_SESSION (self), NULL);

  return self->article_file;
}

GFile *
attest_session_get_sidecar_file (AttestSession *self)
{
  g_return_val_if_fail (ATTEST_IS_SESSION (self), NULL);

  return self->sidecar_file;
}

AttestSaveState
attest_session_get_save_state (AttestSession *self)
{
  g_return_val_if_fail (ATTEST_IS_SESSION (self), ATTEST_SAVE_STATE_SAVED);

  return self->save_state;
}

const char *
attest_session_get_save_error (AttestSession *self)
{
  g_return_val_if_fail (ATTEST_IS_SESSION (self), NULL);

  return self->save_error;
}

const char *
attest_session_get_read_only_reason (AttestSession *self)
{
  g_return_val_if_fail (ATTEST_IS_SESSION (self), NULL);

  return self->read_only_reason;
}

gboolean
attest_session_get_read_only (AttestSession *self)
{
  g_return_val_if_fail (ATTEST_IS_SESSION (self), TRUE);

  return self->read_only_reason != NULL;
}

guint
attest_session_get_autosave_delay (AttestSession *self)
{
  g_return_val_if_fail (ATTEST_IS_SESSION (self), 0);

  return self->autosave_delay;
}

void
attest_session_set_autosave_delay (AttestSession *self,
                                   guint          delay_ms)
{
  g_return_if_fail (ATTEST_IS_SESSION (self));

  if (self->autosave_delay != delay_ms)
    {
      self->autosave_delay = delay_ms;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTOSAVE_DELAY]);
    }
}

const char *
attest_session_get_annotator (AttestSession *self)
{
  g_return_val_if_fail (ATTEST_IS_SESSION (self), NULL);

  return self->annotator;
}

void
attest_session_set_annotator (AttestSession *self,
                              const char    *annotator)
{
  g_return_if_fail (ATTEST_IS_SESSION (self));

  if (g_strcmp0 (self->annotator, annotator) != 0)
    {
      g_free (self->annotator);
      self->annotator = g_strdup (annotator);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATOR]);
    }
}
