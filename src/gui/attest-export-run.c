/* attest-export-run.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attest-export-run.h"

typedef struct
{
  char           *path;       /* the article's */
  char           *name;
  AttestDocument *document;   /* or NULL: from its sidecar */
} Input;

struct _AttestExportRun
{
  const AttestExporter *exporter;
  AttestTagset         *tagset;
  GFile                *output;
  GArray               *inputs;      /* of Input */
  AttestExportJob      *job;
  gboolean              running;

  /* Written by the job's thread, read by the main loop. */
  guint                 done;        /* atomic */
  guint                 total;       /* atomic */
  GMutex                lock;
  GPtrArray            *problems;    /* of char *, under lock */
};

static void
input_clear (gpointer data)
{
  Input *input = data;

  g_clear_pointer (&input->path, g_free);
  g_clear_pointer (&input->name, g_free);
  g_clear_object (&input->document);
}

/**
 * attest_export_run_new:
 * @exporter: the format
 * @tagset: (nullable): colours and relation types for html and brat
 * @output: the file or folder to write, a local one
 *
 * Returns: (transfer full): a run with nothing in it yet
 */
AttestExportRun *
attest_export_run_new (const AttestExporter *exporter,
                       AttestTagset         *tagset,
                       GFile                *output)
{
  AttestExportRun *run;

  g_return_val_if_fail (exporter != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (output), NULL);
  g_return_val_if_fail (g_file_peek_path (output) != NULL, NULL);

  run = g_new0 (AttestExportRun, 1);
  run->exporter = exporter;
  run->tagset = tagset != NULL ? attest_tagset_ref (tagset) : NULL;
  run->output = g_object_ref (output);
  run->inputs = g_array_new (FALSE, TRUE, sizeof (Input));
  g_array_set_clear_func (run->inputs, input_clear);
  run->problems = g_ptr_array_new_with_free_func (g_free);
  g_mutex_init (&run->lock);

  return run;
}

void
attest_export_run_free (AttestExportRun *run)
{
  if (run == NULL)
    return;

  /* The job's thread holds pointers into the run until its callback. */
  g_return_if_fail (!run->running);

  g_clear_pointer (&run->job, attest_export_job_free);
  g_clear_pointer (&run->tagset, attest_tagset_unref);
  g_clear_object (&run->output);
  g_array_unref (run->inputs);
  g_ptr_array_unref (run->problems);
  g_mutex_clear (&run->lock);
  g_free (run);
}

void
attest_export_run_add (AttestExportRun *run,
                       GFile           *article,
                       const char      *name,
                       AttestDocument  *document)
{
  Input input = { 0 };

  g_return_if_fail (run != NULL);
  g_return_if_fail (!run->running);
  g_return_if_fail (G_IS_FILE (article));
  g_return_if_fail (name != NULL);
  g_return_if_fail (document == NULL || ATTEST_IS_DOCUMENT (document));

  input.path = g_file_get_path (article);
  input.name = g_strdup (name);
  input.document = document != NULL ? g_object_ref (document) : NULL;
  g_array_append_val (run->inputs, input);
}

static void
on_problem (const char   *path,
            const GError *error,
            gpointer      user_data)
{
  AttestExportRun *run = user_data;

  g_mutex_lock (&run->lock);
  g_ptr_array_add (run->problems, g_strdup (error->message));
  g_mutex_unlock (&run->lock);
}

static void
on_progress (guint64  done,
             guint64  total,
             gpointer user_data)
{
  AttestExportRun *run = user_data;

  g_atomic_int_set (&run->done, (guint) MIN (done, G_MAXUINT));
  g_atomic_int_set (&run->total, (guint) MIN (total, G_MAXUINT));
}

static void
job_done (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AttestExportRun *run = g_task_get_task_data (task);
  GError *error = NULL;

  run->running = FALSE;
  if (attest_export_job_run_finish (run->job, result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Which inputs have a sidecar: a look at the disk, so in a thread. The
 * result is a gboolean per input. */
static void
find_sidecars_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  char **paths = task_data;
  g_autoptr(GArray) found = g_array_new (FALSE, TRUE, sizeof (gboolean));

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *sidecar = attest_sidecar_path_for_article (paths[i]);
      gboolean exists = *paths[i] != '\0' && g_file_test (sidecar, G_FILE_TEST_IS_REGULAR);

      if (g_task_return_error_if_cancelled (task))
        return;
      g_array_append_val (found, exists);
    }

  g_task_return_pointer (task, g_steal_pointer (&found), (GDestroyNotify) g_array_unref);
}

static void
find_sidecars_done (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AttestExportRun *run = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  AttestExportOptions options = ATTEST_EXPORT_OPTIONS_INIT;
  g_autoptr(GArray) found = NULL;
  GError *error = NULL;

  if (!(found = g_task_propagate_pointer (G_TASK (result), &error)))
    {
      run->running = FALSE;
      g_task_return_error (task, error);
      return;
    }

  options.tagset = run->tagset;
  run->job = attest_export_job_new (run->exporter, &options);
  for (guint i = 0; i < run->inputs->len; i++)
    {
      Input *input = &g_array_index (run->inputs, Input, i);

      if (input->document != NULL)
        attest_export_job_add_document (run->job, input->document, input->name);
      else if (g_array_index (found, gboolean, i))
        {
          g_autofree char *sidecar = attest_sidecar_path_for_article (input->path);

          attest_export_job_add_sidecar (run->job, sidecar, input->name);
        }
    }

  attest_export_job_set_problem_func (run->job, on_problem, run);
  attest_export_job_set_progress_func (run->job, on_progress, run);
  attest_export_job_run_async (run->job, g_file_peek_path (run->output), cancellable,
                               job_done, g_steal_pointer (&task));
}

/**
 * attest_export_run_start:
 *
 * Finds the sidecars and runs the export, both off the main thread.
 * @run must stay alive until @callback.
 */
void
attest_export_run_start (AttestExportRun     *run,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;
  g_autoptr(GTask) find = NULL;
  GPtrArray *paths = g_ptr_array_new ();

  g_return_if_fail (run != NULL);
  g_return_if_fail (!run->running && run->job == NULL);

  run->running = TRUE;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_export_run_start);
  g_task_set_task_data (task, run, NULL);

  /* Inputs from memory need no look at the disk: an empty path. */
  for (guint i = 0; i < run->inputs->len; i++)
    {
      Input *input = &g_array_index (run->inputs, Input, i);

      g_ptr_array_add (paths, g_strdup (input->document == NULL && input->path != NULL ? input->path : ""));
    }
  g_ptr_array_add (paths, NULL);

  find = g_task_new (NULL, cancellable, find_sidecars_done, task);
  g_task_set_source_tag (find, attest_export_run_start);
  g_task_set_task_data (find, g_ptr_array_free (paths, FALSE), (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (find, find_sidecars_thread);
}

gboolean
attest_export_run_finish (AttestExportRun  *run,
                          GAsyncResult     *result,
                          GError          **error)
{
  g_return_val_if_fail (run != NULL, FALSE);
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
attest_export_run_get_progress (AttestExportRun *run,
                                guint           *done,
                                guint           *total)
{
  g_return_if_fail (run != NULL);

  *done = g_atomic_int_get (&run->done);
  *total = g_atomic_int_get (&run->total);
}

const AttestExporter *
attest_export_run_get_exporter (AttestExportRun *run)
{
  g_return_val_if_fail (run != NULL, NULL);

  return run->exporter;
}

/**
 * attest_export_run_get_output:
 *
 * Returns: (transfer none): the file or folder written
 */
GFile *
attest_export_run_get_output (AttestExportRun *run)
{
  g_return_val_if_fail (run != NULL, NULL);

  return run->output;
}

const AttestExportSummary *
attest_export_run_get_summary (AttestExportRun *run)
{
  g_return_val_if_fail (run != NULL, NULL);
  g_return_val_if_fail (run->job != NULL && !run->running, NULL);

  return attest_export_job_get_summary (run->job);
}

/**
 * attest_export_run_get_problems:
 *
 * Returns: (transfer none) (element-type utf8): the messages
 */
GPtrArray *
attest_export_run_get_problems (AttestExportRun *run)
{
  g_return_val_if_fail (run != NULL, NULL);
  g_return_val_if_fail (!run->running, NULL);

  return run->problems;
}
