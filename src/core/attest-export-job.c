/* attest-export-job.c: the export job: reading, rendering and writing in order
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "attest-error.h"
#include "attest-export-private.h"
#include "attest-sidecar.h"

/* The job ------------------------------------------------------------------
 *
 * Inputs are rendered by worker threads and written by the thread that
 * runs the job, strictly in input order, so the output is the same bytes
 * whatever the number of threads. Workers may run at most WINDOW_PER_THREAD
 * documents per thread ahead of the writer: memory stays flat however
 * large the corpus, and one slow document does not let the others pile up.
 */

#define WINDOW_PER_THREAD 4
#define MAX_THREADS 64

typedef struct
{
  char           *path;       /* a sidecar, or NULL for @document */
  char           *name;
  AttestDocument *document;
} Input;

/* What a worker hands the writer for one input. */
typedef struct
{
  gboolean             ready;
  gboolean             present;     /* exported (not skipped, not failed) */
  gboolean             skipped;
  gboolean             failed;
  gsize                n_bytes_in;
  AttestExportChunk    chunk;
  AttestExportDocInfo  info;
  guint                n_entities;
  GArray              *labels;      /* of LabelCount */
  GArray              *types;       /* of LabelCount */
  GPtrArray           *attributes;  /* "label\037key\037value", unique */
} Slot;

typedef struct
{
  const char *name;     /* interned */
  guint       count;
} LabelCount;

struct _AttestExportJob
{
  const AttestExporter     *exporter;
  AttestExportContext       context;
  char                    **labels;
  int                       status;
  guint                     threads;
  guint                     shard_size;
  GArray                   *inputs;      /* of Input */

  AttestExportProblemFunc   problem_func;
  gpointer                  problem_data;
  AttestExportProgressFunc  progress_func;
  gpointer                  progress_data;

  AttestExportSummary       summary;

  /* While running. */
  GMutex                    lock;
  GCond                     cond;
  Slot                     *slots;
  guint                     window;
  guint                     next;
  guint                     written;
  gboolean                  stop;
  GCancellable             *cancellable;
};

static void
input_clear (gpointer data)
{
  Input *input = data;

  g_free (input->path);
  g_free (input->name);
  g_clear_object (&input->document);
}

static void
doc_info_clear (AttestExportDocInfo *info)
{
  g_clear_pointer (&info->name, g_free);
  g_clear_pointer (&info->title, g_free);
  g_clear_pointer (&info->output, g_free);
}

static void
doc_info_free (gpointer data)
{
  doc_info_clear (data);
  g_free (data);
}

static void
value_set_free (gpointer data)
{
  g_hash_table_unref (data);
}

AttestExportJob *
attest_export_job_new (const AttestExporter      *exporter,
                       const AttestExportOptions *options)
{
  AttestExportJob *job;

  g_return_val_if_fail (exporter != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  job = g_new0 (AttestExportJob, 1);
  job->exporter = exporter;
  job->context.exporter = exporter;
  job->context.tagset = options->tagset != NULL ? attest_tagset_ref (options->tagset)
                                                : attest_tagset_new_default ();
  job->labels = g_strdupv (options->labels);
  job->status = options->status;
  job->threads = options->threads;
  job->shard_size = options->shard_size;
  job->inputs = g_array_new (FALSE, TRUE, sizeof (Input));
  g_array_set_clear_func (job->inputs, input_clear);

  job->summary.dropped = g_array_new (FALSE, FALSE, sizeof (AttestExportDropped));
  job->summary.documents = g_ptr_array_new_with_free_func (doc_info_free);
  job->summary.labels = g_hash_table_new (NULL, NULL);
  job->summary.relation_types = g_hash_table_new (NULL, NULL);
  job->summary.attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, value_set_free);
  g_mutex_init (&job->lock);
  g_cond_init (&job->cond);

  return job;
}

void
attest_export_job_free (AttestExportJob *job)
{
  if (job == NULL)
    return;

  attest_tagset_unref (job->context.tagset);
  g_strfreev (job->labels);
  g_array_unref (job->inputs);
  g_array_unref (job->summary.dropped);
  g_ptr_array_unref (job->summary.documents);
  g_hash_table_unref (job->summary.labels);
  g_hash_table_unref (job->summary.relation_types);
  g_hash_table_unref (job->summary.attributes);
  g_mutex_clear (&job->lock);
  g_cond_clear (&job->cond);
  g_free (job);
}

void
attest_export_job_add_sidecar (AttestExportJob *job,
                               const char      *sidecar_path,
                               const char      *name)
{
  Input input = { 0 };

  g_return_if_fail (job != NULL);
  g_return_if_fail (sidecar_path != NULL);
  g_return_if_fail (name != NULL);

  input.path = g_strdup (sidecar_path);
  input.name = g_strdup (name);
  g_array_append_val (job->inputs, input);
}

void
attest_export_job_add_document (AttestExportJob *job,
                                AttestDocument  *document,
                                const char      *name)
{
  Input input = { 0 };

  g_return_if_fail (job != NULL);
  g_return_if_fail (ATTEST_IS_DOCUMENT (document));
  g_return_if_fail (name != NULL);

  input.document = g_object_ref (document);
  input.name = g_strdup (name);
  g_array_append_val (job->inputs, input);
}

void
attest_export_job_set_problem_func (AttestExportJob         *job,
                                    AttestExportProblemFunc  func,
                                    gpointer                 user_data)
{
  g_return_if_fail (job != NULL);

  job->problem_func = func;
  job->problem_data = user_data;
}

void
attest_export_job_set_progress_func (AttestExportJob          *job,
                                     AttestExportProgressFunc  func,
                                     gpointer                  user_data)
{
  g_return_if_fail (job != NULL);

  job->progress_func = func;
  job->progress_data = user_data;
}

const AttestExportSummary *
attest_export_job_get_summary (AttestExportJob *job)
{
  g_return_val_if_fail (job != NULL, NULL);

  return &job->summary;
}

/* Rendering (worker threads) ----------------------------------------------- */

static void
slot_clear (Slot *slot)
{
  if (slot->chunk.stream != NULL)
    g_string_free (slot->chunk.stream, TRUE);
  g_clear_pointer (&slot->chunk.files, g_ptr_array_unref);
  g_clear_pointer (&slot->chunk.dropped, g_array_unref);
  g_clear_pointer (&slot->labels, g_array_unref);
  g_clear_pointer (&slot->types, g_array_unref);
  g_clear_pointer (&slot->attributes, g_ptr_array_unref);
  doc_info_clear (&slot->info);
  memset (slot, 0, sizeof *slot);
}

static void
count_name (GArray     *counts,
            const char *name)
{
  LabelCount item = { name, 1 };

  /* A document has a handful of labels: a short list beats a table. */
  for (guint i = 0; i < counts->len; i++)
    {
      LabelCount *seen = &g_array_index (counts, LabelCount, i);

      if (seen->name == name)
        {
          seen->count++;
          return;
        }
    }

  g_array_append_val (counts, item);
}

static void
note_attributes (Slot             *slot,
                 const AttestSpan *span)
{
  for (guint i = 0; span->attrs != NULL && span->attrs[i] != NULL && span->attrs[i + 1] != NULL; i += 2)
    {
      g_autofree char *key = g_strjoin ("\037", span->label, span->attrs[i], span->attrs[i + 1], NULL);
      gboolean seen = FALSE;

      for (guint j = 0; j < slot->attributes->len && !seen; j++)
        seen = strcmp (slot->attributes->pdata[j], key) == 0;
      if (!seen)
        g_ptr_array_add (slot->attributes, g_steal_pointer (&key));
    }
}

typedef struct
{
  AttestExportJob *job;
  Slot            *slot;
} RenderData;

static void
render_record (const AttestRecord *record,
               gpointer            user_data)
{
  RenderData *data = user_data;
  AttestExportJob *job = data->job;
  Slot *slot = data->slot;
  g_autoptr(AttestRecord) filtered = NULL;

  if (job->status >= 0 && (int) record->status != job->status)
    {
      slot->skipped = TRUE;
      return;
    }

  if (job->labels != NULL)
    record = filtered = attest_record_filter_labels (record, (const char * const *) job->labels);

  if (job->exporter->layout == ATTEST_EXPORT_STREAM)
    slot->chunk.stream = g_string_sized_new (attest_text_get_n_bytes (record->text) * 2 + 1024);
  job->exporter->document (&job->context, record, &slot->chunk);

  slot->present = TRUE;
  slot->n_entities = record->n_entities;
  slot->labels = g_array_new (FALSE, FALSE, sizeof (LabelCount));
  slot->types = g_array_new (FALSE, FALSE, sizeof (LabelCount));
  slot->attributes = g_ptr_array_new_with_free_func (g_free);
  slot->info.name = g_strdup (record->name);
  slot->info.title = g_strdup (attest_record_get_title (record));
  slot->info.status = record->status;
  slot->info.n_spans = record->n_spans;
  slot->info.n_relations = record->n_relations;
  for (guint i = 0; i < record->n_spans; i++)
    {
      const AttestSpan *span = record->spans[i];

      count_name (slot->labels, span->label);
      if (strcmp (span->label, "quote") == 0)
        slot->info.n_quotes++;
      if (span->attrs != NULL)
        note_attributes (slot, span);
    }
  for (guint i = 0; i < record->n_relations; i++)
    count_name (slot->types, record->relations[i]->type);
  if (slot->chunk.files != NULL && slot->chunk.files->len > 0)
    slot->info.output = g_strdup (((AttestExportFile *) slot->chunk.files->pdata[0])->name);
}

/* A worker's read buffer, with room for simdjson's padding; kept for the
 * next file and freed when the thread's work is done. */
typedef struct
{
  char  *data;
  gsize  capacity;
} ReadBuffer;

static gboolean
read_sidecar (const char  *path,
              ReadBuffer  *buffer,
              gsize       *len,
              GError     **error)
{
  g_autofree char *display = g_path_get_basename (path);
  struct stat st;
  gsize done = 0;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "%s: %s", display, g_strerror (saved));
      return FALSE;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("%s: not a regular file"), display);
      close (fd);
      return FALSE;
    }

  if ((guint64) st.st_size > ATTEST_SIDECAR_MAX_BYTES)
    {
      g_autofree char *size = g_format_size (st.st_size);
      g_autofree char *limit = g_format_size (ATTEST_SIDECAR_MAX_BYTES);

      g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_TOO_LARGE,
                   "%s: the file is %s, larger than sidecars may be (%s)",
                   display, size, limit);
      close (fd);
      return FALSE;
    }

  if (buffer->capacity < (gsize) st.st_size + ATTEST_RECORD_PADDING + 1)
    {
      buffer->capacity = MAX ((gsize) st.st_size + ATTEST_RECORD_PADDING + 1, buffer->capacity * 2);
      buffer->data = g_realloc (buffer->data, buffer->capacity);
    }

  /* Read to the end, not to st_size: a file that grows or shrinks while
   * being read is read as it is (or fails as malformed). */
  for (;;)
    {
      gssize n;

      if (done + ATTEST_RECORD_PADDING + 1 >= buffer->capacity)
        {
          buffer->capacity *= 2;
          buffer->data = g_realloc (buffer->data, buffer->capacity);
        }

      n = read (fd, buffer->data + done, buffer->capacity - done - ATTEST_RECORD_PADDING - 1);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       "%s: %s", display, g_strerror (saved));
          close (fd);
          return FALSE;
        }
      if (n == 0)
        break;
      done += n;
      /* Sidecars are replaced by rename, never grown in place: a file
       * read to its size is read whole, without one more call. */
      if (done >= (gsize) st.st_size || done > ATTEST_SIDECAR_MAX_BYTES)
        break;
    }

  close (fd);
  memset (buffer->data + done, 0, ATTEST_RECORD_PADDING);
  *len = done;
  return TRUE;
}

static void
render (AttestExportJob *job,
        guint            index,
        Slot            *slot,
        ReadBuffer      *buffer)
{
  const Input *input = &g_array_index (job->inputs, Input, index);
  g_autoptr(GError) error = NULL;
  RenderData data = { job, slot };

  if (input->document != NULL)
    {
      g_autoptr(AttestRecord) record = attest_record_new_for_document (input->document, input->name);

      render_record (record, &data);
      return;
    }

  {
    g_autofree char *display = g_path_get_basename (input->path);
    gsize len = 0;

    if (read_sidecar (input->path, buffer, &len, &error))
      {
        slot->n_bytes_in = len;
        attest_sidecar_read_record (buffer->data, len, TRUE, display, input->name,
                                    render_record, &data, &error);
      }
  }

  if (error != NULL)
    {
      slot_clear (slot);
      slot->failed = TRUE;
      if (job->problem_func != NULL)
        job->problem_func (input->path, error, job->problem_data);
    }
}

static gpointer
worker (gpointer user_data)
{
  AttestExportJob *job = user_data;
  ReadBuffer buffer = { NULL, 0 };

  for (;;)
    {
      guint index;
      Slot slot = { 0 };

      g_mutex_lock (&job->lock);
      while (!job->stop && job->next < job->inputs->len && job->next >= job->written + job->window)
        g_cond_wait (&job->cond, &job->lock);
      if (job->stop || job->next >= job->inputs->len)
        {
          g_mutex_unlock (&job->lock);
          break;
        }
      index = job->next++;
      g_mutex_unlock (&job->lock);

      render (job, index, &slot, &buffer);
      slot.ready = TRUE;

      g_mutex_lock (&job->lock);
      job->slots[index % job->window] = slot;
      g_cond_broadcast (&job->cond);
      g_mutex_unlock (&job->lock);
    }

  g_free (buffer.data);
  return NULL;
}

/* Writing (the job's thread) ------------------------------------------------ */

typedef struct
{
  AttestExportJob *job;
  const char      *output;      /* NULL: stdout */
  int              fd;
  char            *temp_path;
  char            *final_path;
  guint            shard;
  guint            in_shard;    /* documents in the open stream */
  gboolean         wrote_item;  /* the open stream has a document's bytes */
  GString         *buffer;      /* not yet written */
} Writer;

#define WRITE_BUFFER (1024 * 1024)

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        len,
           const char  *display,
           GError     **error)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       "%s: %s", display, g_strerror (saved));
          return FALSE;
        }
      data += n;
      len -= n;
    }

  return TRUE;
}

static char *
shard_path (const char *output,
            guint       shard)
{
  const char *slash = strrchr (output, '/');
  const char *dot = strrchr (output, '.');

  if (dot == NULL || (slash != NULL && dot < slash) || dot == output || (slash != NULL && dot == slash + 1))
    return g_strdup_printf ("%s-%05u", output, shard);

  return g_strdup_printf ("%.*s-%05u%s", (int) (dot - output), output, shard, dot);
}

static gboolean
writer_flush (Writer  *writer,
              GError **error)
{
  gboolean ok;

  if (writer->buffer == NULL || writer->buffer->len == 0)
    return TRUE;

  ok = write_all (writer->fd, writer->buffer->str, writer->buffer->len,
                  writer->final_path != NULL ? writer->final_path : "stdout", error);
  g_string_truncate (writer->buffer, 0);
  return ok;
}

/* Documents are a few kilobytes each: gather them into writes of about
 * a megabyte rather than a system call per document. */
static gboolean
writer_write (Writer      *writer,
              const char  *data,
              gsize        len,
              GError     **error)
{
  writer->job->summary.n_bytes_out += len;

  if (writer->buffer == NULL)
    writer->buffer = g_string_sized_new (WRITE_BUFFER + 64 * 1024);
  if (writer->buffer->len + len > WRITE_BUFFER && !writer_flush (writer, error))
    return FALSE;
  if (len >= WRITE_BUFFER)
    return write_all (writer->fd, data, len,
                      writer->final_path != NULL ? writer->final_path : "stdout", error);

  attest_json_append_len (writer->buffer, data, len);
  return TRUE;
}

static gboolean
writer_open_stream (Writer  *writer,
                    GError **error)
{
  AttestExportJob *job = writer->job;
  g_autoptr(GString) head = g_string_new (NULL);

  if (writer->output == NULL)
    writer->fd = STDOUT_FILENO;
  else
    {
      g_autofree char *dir = NULL;
      g_autofree char *base = NULL;

      writer->final_path = job->shard_size > 0 ? shard_path (writer->output, writer->shard)
                                               : g_strdup (writer->output);
      dir = g_path_get_dirname (writer->final_path);
      base = g_path_get_basename (writer->final_path);
      if (g_mkdir_with_parents (dir, 0755) != 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       "%s: %s", dir, g_strerror (saved));
          return FALSE;
        }
      writer->temp_path = g_strdup_printf ("%s/.%s.tmp-XXXXXX", dir, base);
      writer->fd = g_mkstemp_full (writer->temp_path, O_WRONLY | O_CLOEXEC, 0644);
      if (writer->fd < 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       "%s: %s", writer->final_path, g_strerror (saved));
          g_clear_pointer (&writer->temp_path, g_free);
          return FALSE;
        }
    }

  writer->in_shard = 0;
  writer->wrote_item = FALSE;
  if (job->exporter->head != NULL)
    job->exporter->head (&job->context, head);

  return writer_write (writer, head->str, head->len, error);
}

static gboolean
writer_close_stream (Writer  *writer,
                     GError **error)
{
  AttestExportJob *job = writer->job;
  g_autoptr(GString) tail = g_string_new (NULL);

  if (job->exporter->tail != NULL)
    job->exporter->tail (&job->context, &job->summary, tail, NULL);
  if (!writer_write (writer, tail->str, tail->len, error) || !writer_flush (writer, error))
    return FALSE;

  if (writer->temp_path == NULL)
    return TRUE;

  /* Renamed when complete, so no reader ever sees half an export. No
   * fsync: unlike a sidecar, an export can be made again from the
   * sidecars, and syncing 200 MB would cost more than writing it. */
  if (close (writer->fd) != 0 || g_rename (writer->temp_path, writer->final_path) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "%s: %s", writer->final_path, g_strerror (saved));
      writer->fd = -1;
      return FALSE;
    }

  writer->fd = -1;
  g_clear_pointer (&writer->temp_path, g_free);
  g_clear_pointer (&writer->final_path, g_free);
  job->summary.n_files++;
  writer->shard++;

  return TRUE;
}

static void
writer_abandon (Writer *writer)
{
  if (writer->buffer != NULL)
    g_string_truncate (writer->buffer, 0);
  if (writer->temp_path != NULL)
    {
      if (writer->fd >= 0)
        close (writer->fd);
      g_unlink (writer->temp_path);
    }
  g_clear_pointer (&writer->temp_path, g_free);
  g_clear_pointer (&writer->final_path, g_free);
  writer->fd = -1;
}

/* Names come from the paths of the inputs, but a folder export must never
 * write outside its folder whatever a name says. */
static gboolean
safe_relative_name (const char *name)
{
  g_auto(GStrv) parts = NULL;

  if (name[0] == '\0' || name[0] == '/')
    return FALSE;

  parts = g_strsplit (name, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] == '\0' || strcmp (parts[i], ".") == 0 || strcmp (parts[i], "..") == 0)
      return FALSE;

  return TRUE;
}

static gboolean
write_folder_files (Writer     *writer,
                    GPtrArray  *files,
                    GError    **error)
{
  for (guint i = 0; files != NULL && i < files->len; i++)
    {
      AttestExportFile *file = files->pdata[i];
      g_autofree char *path = NULL;
      g_autofree char *dir = NULL;

      if (!safe_relative_name (file->name))
        {
          g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_UNSAFE_TARGET,
                       _("%s: a file name that leaves the output folder"), file->name);
          return FALSE;
        }

      path = g_build_filename (writer->output, file->name, NULL);
      dir = g_path_get_dirname (path);
      if (g_mkdir_with_parents (dir, 0755) != 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       "%s: %s", dir, g_strerror (saved));
          return FALSE;
        }
      if (!g_file_set_contents_full (path, file->data->str, file->data->len,
                                     G_FILE_SET_CONTENTS_CONSISTENT, 0644, error))
        return FALSE;

      writer->job->summary.n_bytes_out += file->data->len;
      writer->job->summary.n_files++;
    }

  return TRUE;
}

static void
summary_add_count (GHashTable *table,
                   const char *name,
                   guint       count)
{
  g_hash_table_insert (table, (gpointer) name,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (table, name)) + count));
}

static void
summary_merge (AttestExportSummary *summary,
               Slot                *slot,
               gboolean             keep_info)
{
  AttestExportDocInfo *info;

  summary->n_bytes_in += slot->n_bytes_in;
  if (slot->failed)
    {
      summary->n_problems++;
      return;
    }
  if (slot->skipped)
    {
      summary->n_skipped++;
      return;
    }

  summary->n_documents++;
  summary->n_spans += slot->chunk.n_spans;
  summary->n_relations += slot->chunk.n_relations;
  summary->n_entities += slot->n_entities;

  for (guint i = 0; i < slot->labels->len; i++)
    {
      LabelCount *c = &g_array_index (slot->labels, LabelCount, i);

      summary_add_count (summary->labels, c->name, c->count);
    }
  for (guint i = 0; i < slot->types->len; i++)
    {
      LabelCount *c = &g_array_index (slot->types, LabelCount, i);

      summary_add_count (summary->relation_types, c->name, c->count);
    }
  for (guint i = 0; i < slot->attributes->len; i++)
    {
      const char *triple = slot->attributes->pdata[i];
      const char *value = strrchr (triple, '\037');
      g_autofree char *key = g_strndup (triple, value - triple);
      GHashTable *values = g_hash_table_lookup (summary->attributes, key);

      if (values == NULL)
        {
          values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_insert (summary->attributes, g_steal_pointer (&key), values);
        }
      g_hash_table_add (values, g_strdup (value + 1));
    }
  for (guint i = 0; slot->chunk.dropped != NULL && i < slot->chunk.dropped->len; i++)
    {
      AttestExportDropped *d = &g_array_index (slot->chunk.dropped, AttestExportDropped, i);

      attest_export_dropped_add (summary->dropped, d->what, d->count);
    }

  /* Only folder formats list their documents (the html index); a stream
   * of a million documents keeps no list of them. */
  if (keep_info)
    {
      info = g_new (AttestExportDocInfo, 1);
      *info = slot->info;
      memset (&slot->info, 0, sizeof slot->info);
      g_ptr_array_add (summary->documents, info);
    }
}

static gboolean
writer_take (Writer  *writer,
             Slot    *slot,
             GError **error)
{
  AttestExportJob *job = writer->job;
  gboolean ok = TRUE;

  summary_merge (&job->summary, slot, job->exporter->layout == ATTEST_EXPORT_FOLDER);

  if (slot->present && job->exporter->layout == ATTEST_EXPORT_STREAM)
    {
      if (job->shard_size > 0 && writer->in_shard == job->shard_size)
        ok = writer_close_stream (writer, error) && writer_open_stream (writer, error);

      if (ok && slot->chunk.stream->len > 0)
        {
          if (writer->wrote_item && job->exporter->separator != NULL)
            ok = writer_write (writer, job->exporter->separator, strlen (job->exporter->separator), error);
          ok = ok && writer_write (writer, slot->chunk.stream->str, slot->chunk.stream->len, error);
          writer->wrote_item = TRUE;
        }
      writer->in_shard++;
    }
  else if (slot->present)
    {
      ok = write_folder_files (writer, slot->chunk.files, error);
    }

  slot_clear (slot);
  return ok;
}

gboolean
attest_export_job_run (AttestExportJob  *job,
                       const char       *output,
                       GCancellable     *cancellable,
                       GError          **error)
{
  Writer writer = { 0 };
  GPtrArray *threads = NULL;
  guint n_threads;
  guint n = job->inputs->len;
  gboolean ok = TRUE;

  g_return_val_if_fail (job != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (job->exporter->layout == ATTEST_EXPORT_FOLDER && output == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s writes a folder: give one with -o"), job->exporter->name);
      return FALSE;
    }
  if (job->shard_size > 0 && (job->exporter->layout != ATTEST_EXPORT_STREAM || output == NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("shards are written to files: give an output file with -o"));
      return FALSE;
    }

  writer.job = job;
  writer.output = output;
  writer.fd = -1;
  job->context.single = n == 1;
  job->cancellable = cancellable;
  job->next = job->written = 0;
  job->stop = FALSE;

  if (job->exporter->layout == ATTEST_EXPORT_STREAM)
    ok = writer_open_stream (&writer, error);
  else if (g_mkdir_with_parents (output, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "%s: %s", output, g_strerror (saved));
      ok = FALSE;
    }

  n_threads = job->threads > 0 ? job->threads : g_get_num_processors ();
  n_threads = MIN (MIN (n_threads, MAX (n, 1)), MAX_THREADS);

  if (ok && n_threads <= 1)
    {
      ReadBuffer buffer = { NULL, 0 };

      for (guint i = 0; ok && i < n; i++)
        {
          Slot slot = { 0 };

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              ok = FALSE;
              break;
            }
          render (job, i, &slot, &buffer);
          ok = writer_take (&writer, &slot, error);
          job->written = i + 1;
          if (job->progress_func != NULL)
            job->progress_func (i + 1, n, job->progress_data);
        }
      g_free (buffer.data);
    }
  else if (ok)
    {
      job->window = n_threads * WINDOW_PER_THREAD;
      job->slots = g_new0 (Slot, job->window);
      threads = g_ptr_array_new ();
      for (guint t = 0; t < n_threads; t++)
        g_ptr_array_add (threads, g_thread_new ("attest-export", worker, job));

      for (guint i = 0; i < n; i++)
        {
          Slot slot;

          g_mutex_lock (&job->lock);
          while (!job->slots[i % job->window].ready)
            g_cond_wait (&job->cond, &job->lock);
          slot = job->slots[i % job->window];
          memset (&job->slots[i % job->window], 0, sizeof (Slot));
          job->written = i + 1;
          g_cond_broadcast (&job->cond);
          g_mutex_unlock (&job->lock);

          if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
            ok = FALSE;
          if (ok)
            ok = writer_take (&writer, &slot, error);
          else
            slot_clear (&slot);

          if (!ok)
            {
              /* Let the workers finish what they hold and stop. */
              g_mutex_lock (&job->lock);
              job->stop = TRUE;
              g_cond_broadcast (&job->cond);
              g_mutex_unlock (&job->lock);
              for (guint j = i + 1; j < job->next; j++)
                {
                  g_mutex_lock (&job->lock);
                  while (!job->slots[j % job->window].ready)
                    g_cond_wait (&job->cond, &job->lock);
                  slot = job->slots[j % job->window];
                  memset (&job->slots[j % job->window], 0, sizeof (Slot));
                  g_mutex_unlock (&job->lock);
                  slot_clear (&slot);
                }
              break;
            }

          if (job->progress_func != NULL)
            job->progress_func (i + 1, n, job->progress_data);
        }

      for (guint t = 0; t < threads->len; t++)
        g_thread_join (threads->pdata[t]);
      g_ptr_array_unref (threads);
      g_clear_pointer (&job->slots, g_free);
    }

  if (ok && job->exporter->layout == ATTEST_EXPORT_STREAM)
    ok = writer_close_stream (&writer, error);
  else if (ok && job->exporter->tail != NULL)
    {
      AttestExportChunk chunk = { 0 };

      job->exporter->tail (&job->context, &job->summary, NULL, &chunk);
      ok = write_folder_files (&writer, chunk.files, error);
      g_clear_pointer (&chunk.files, g_ptr_array_unref);
      g_clear_pointer (&chunk.dropped, g_array_unref);
    }

  if (!ok)
    writer_abandon (&writer);
  if (writer.buffer != NULL)
    g_string_free (writer.buffer, TRUE);
  job->cancellable = NULL;

  return ok;
}

static void
run_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  AttestExportJob *job = g_object_get_data (G_OBJECT (task), "attest-export-job");
  GError *error = NULL;

  if (attest_export_job_run (job, task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * attest_export_job_run_async:
 *
 * Runs the job in a thread. The progress and problem functions are then
 * called from that thread: marshal to the main loop yourself. @job must
 * stay alive until the callback.
 */
void
attest_export_job_run_async (AttestExportJob     *job,
                             const char          *output,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (job != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_export_job_run_async);
  g_object_set_data (G_OBJECT (task), "attest-export-job", job);
  g_task_set_task_data (task, g_strdup (output), g_free);
  g_task_run_in_thread (task, run_thread);
}

gboolean
attest_export_job_run_finish (AttestExportJob  *job,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (job != NULL, FALSE);
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

