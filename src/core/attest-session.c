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
#include "attest-session-private.h"
#include "attest-sidecar.h"
#include "attest-span-store.h"
#include "attest-tagset.h"
#include "attest-text.h"
#include "attest-version.h"

G_DEFINE_FINAL_TYPE (AttestSession, attest_session, G_TYPE_OBJECT)

GParamSpec *attest_session_properties[ATTEST_SESSION_N_PROPS];
guint attest_session_signals[ATTEST_SESSION_N_SIGNALS];

char *
_attest_session_sha256_of (const char *data,
                           gsize       len)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

void
_attest_session_set_save_state (AttestSession   *self,
                                AttestSaveState  state)
{
  if (self->save_state != state)
    {
      self->save_state = state;
      g_object_notify_by_pspec (G_OBJECT (self), attest_session_properties[ATTEST_SESSION_PROP_SAVE_STATE]);
    }
}

void
_attest_session_set_save_error (AttestSession *self,
                                const char    *message)
{
  if (g_strcmp0 (self->save_error, message) != 0)
    {
      g_free (self->save_error);
      self->save_error = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), attest_session_properties[ATTEST_SESSION_PROP_SAVE_ERROR]);
    }
}

void
_attest_session_set_read_only_reason (AttestSession *self,
                                      const char    *reason)
{
  if (g_strcmp0 (self->read_only_reason, reason) == 0)
    return;

  g_free (self->read_only_reason);
  self->read_only_reason = g_strdup (reason);
  attest_document_set_read_only (self->document, reason != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), attest_session_properties[ATTEST_SESSION_PROP_READ_ONLY_REASON]);

  if (reason != NULL)
    {
      g_clear_handle_id (&self->autosave_id, g_source_remove);
      g_clear_handle_id (&self->retry_id, g_source_remove);
      _attest_session_set_save_state (self, ATTEST_SAVE_STATE_READ_ONLY);
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

      data->disk_sha256 = _attest_session_sha256_of (bytes, len);
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

void
_attest_session_set_document (AttestSession  *self,
                              AttestDocument *document)
{
  if (self->document != NULL)
    g_clear_signal_handler (&self->changed_handler, self->document);

  g_set_object (&self->document, document);
  g_clear_object (&self->history);
  self->history = attest_history_new (document);
  self->changed_handler = g_signal_connect_swapped (document, "changed",
                                                    G_CALLBACK (_attest_session_on_document_changed), self);

  g_object_notify_by_pspec (G_OBJECT (self), attest_session_properties[ATTEST_SESSION_PROP_DOCUMENT]);
  g_object_notify_by_pspec (G_OBJECT (self), attest_session_properties[ATTEST_SESSION_PROP_HISTORY]);
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
  _attest_session_set_document (self, data->document);

  if (data->read_only_reason != NULL)
    _attest_session_set_read_only_reason (self, data->read_only_reason);

  self->sidecar_monitor = g_file_monitor_file (self->sidecar_file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->sidecar_monitor != NULL)
    g_signal_connect (self->sidecar_monitor, "changed", G_CALLBACK (_attest_session_on_sidecar_changed), self);
  self->article_monitor = g_file_monitor_file (self->article_file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->article_monitor != NULL)
    g_signal_connect (self->article_monitor, "changed", G_CALLBACK (_attest_session_on_article_changed), self);

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

/* GObject ---------------------------------------------------------------- */

static void
attest_session_dispose (GObject *object)
{
  AttestSession *self = (AttestSession *)object;

  _attest_session_abort_writer (self);
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
    case ATTEST_SESSION_PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case ATTEST_SESSION_PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;

    case ATTEST_SESSION_PROP_TAGSET:
      g_value_set_boxed (value, self->tagset);
      break;

    case ATTEST_SESSION_PROP_TAGSET_ERROR:
      g_value_set_string (value, self->tagset_error);
      break;

    case ATTEST_SESSION_PROP_ARTICLE_FILE:
      g_value_set_object (value, self->article_file);
      break;

    case ATTEST_SESSION_PROP_SIDECAR_FILE:
      g_value_set_object (value, self->sidecar_file);
      break;

    case ATTEST_SESSION_PROP_SAVE_STATE:
      g_value_set_uint (value, self->save_state);
      break;

    case ATTEST_SESSION_PROP_SAVE_ERROR:
      g_value_set_string (value, self->save_error);
      break;

    case ATTEST_SESSION_PROP_READ_ONLY_REASON:
      g_value_set_string (value, self->read_only_reason);
      break;

    case ATTEST_SESSION_PROP_AUTOSAVE_DELAY:
      g_value_set_uint (value, self->autosave_delay);
      break;

    case ATTEST_SESSION_PROP_ANNOTATOR:
      g_value_set_string (value, self->annotator);
      break;

    case ATTEST_SESSION_PROP_ARTICLE_CHANGED:
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
    case ATTEST_SESSION_PROP_AUTOSAVE_DELAY:
      attest_session_set_autosave_delay (self, g_value_get_uint (value));
      break;

    case ATTEST_SESSION_PROP_ANNOTATOR:
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

  attest_session_properties[ATTEST_SESSION_PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, ATTEST_TYPE_DOCUMENT, ro);
  attest_session_properties[ATTEST_SESSION_PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, ATTEST_TYPE_HISTORY, ro);
  attest_session_properties[ATTEST_SESSION_PROP_TAGSET] =
    g_param_spec_boxed ("tagset", NULL, NULL, ATTEST_TYPE_TAGSET, ro);
  attest_session_properties[ATTEST_SESSION_PROP_TAGSET_ERROR] =
    g_param_spec_string ("tagset-error", NULL, NULL, NULL, ro);
  attest_session_properties[ATTEST_SESSION_PROP_ARTICLE_FILE] =
    g_param_spec_object ("article-file", NULL, NULL, G_TYPE_FILE, ro);
  attest_session_properties[ATTEST_SESSION_PROP_SIDECAR_FILE] =
    g_param_spec_object ("sidecar-file", NULL, NULL, G_TYPE_FILE, ro);
  attest_session_properties[ATTEST_SESSION_PROP_SAVE_STATE] =
    g_param_spec_uint ("save-state", NULL, NULL,
                       ATTEST_SAVE_STATE_SAVED, ATTEST_SAVE_STATE_READ_ONLY,
                       ATTEST_SAVE_STATE_SAVED, ro);
  attest_session_properties[ATTEST_SESSION_PROP_SAVE_ERROR] =
    g_param_spec_string ("save-error", NULL, NULL, NULL, ro);
  attest_session_properties[ATTEST_SESSION_PROP_READ_ONLY_REASON] =
    g_param_spec_string ("read-only-reason", NULL, NULL, NULL, ro);
  attest_session_properties[ATTEST_SESSION_PROP_AUTOSAVE_DELAY] =
    g_param_spec_uint ("autosave-delay", NULL, NULL, 0, 60000, 1000, rw);
  attest_session_properties[ATTEST_SESSION_PROP_ANNOTATOR] =
    g_param_spec_string ("annotator", NULL, NULL, NULL, rw);
  attest_session_properties[ATTEST_SESSION_PROP_ARTICLE_CHANGED] =
    g_param_spec_boolean ("article-changed", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, ATTEST_SESSION_N_PROPS, attest_session_properties);

  attest_session_signals[ATTEST_SESSION_RELOADED] =
    g_signal_new ("reloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  attest_session_signals[ATTEST_SESSION_CONFLICT] =
    g_signal_new ("conflict", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  attest_session_signals[ATTEST_SESSION_ARTICLE_CHANGED] =
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
      g_object_notify_by_pspec (G_OBJECT (self), attest_session_properties[ATTEST_SESSION_PROP_AUTOSAVE_DELAY]);
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
      g_object_notify_by_pspec (G_OBJECT (self), attest_session_properties[ATTEST_SESSION_PROP_ANNOTATOR]);
    }
}
