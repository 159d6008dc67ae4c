/* attest-import.c: the import driver: a hidden folder filled, then moved
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* syncfs() */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "attest-history.h"
#include "attest-import-private.h"
#include "attest-sidecar.h"
#include "attest-span-store.h"

/* An input larger than this is refused rather than read into memory. */
#define IMPORT_MAX_FILE_BYTES ((gsize) 1024 * 1024 * 1024)

static const AttestImporter * const importers[] = {
  &attest_import_brat,
  &attest_import_doccano,
  &attest_import_spacy,
  &attest_import_labelstudio,
  &attest_import_jsonl,
  &attest_import_webanno,
  &attest_import_text,
};

const AttestImporter * const *
attest_importers_get_all (guint *n_importers)
{
  if (n_importers != NULL)
    *n_importers = G_N_ELEMENTS (importers);
  return importers;
}

const AttestImporter *
attest_importer_lookup (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (importers); i++)
    if (strcmp (importers[i]->name, name) == 0)
      return importers[i];

  return NULL;
}

const char *
attest_importer_get_name (const AttestImporter *importer)
{
  g_return_val_if_fail (importer != NULL, NULL);
  return importer->name;
}

const char *
attest_importer_get_title (const AttestImporter *importer)
{
  g_return_val_if_fail (importer != NULL, NULL);
  return g_dgettext (GETTEXT_PACKAGE, importer->title);
}

struct _AttestImportContext
{
  const AttestImporter     *importer;
  char                     *folder;       /* the hidden folder being filled */
  const char               *origin;
  const char               *annotator;
  char                     *created;
  GHashTable               *names;        /* relative names given, case-folded */
  GCancellable             *cancellable;
  AttestImportProgressFunc  progress;
  gpointer                  progress_data;
  AttestImportSummary       summary;
};

const char *
attest_import_context_get_origin (AttestImportContext *context)
{
  return context->origin;
}

const char *
attest_import_context_get_annotator (AttestImportContext *context)
{
  return context->annotator;
}

const char *
attest_import_context_get_created (AttestImportContext *context)
{
  return context->created;
}

GCancellable *
attest_import_context_get_cancellable (AttestImportContext *context)
{
  return context->cancellable;
}

void
attest_import_set_error (GError     **error,
                         const char  *source,
                         const char  *format,
                         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_INVALID, "%s: %s", source, message);
}

GBytes *
attest_import_read_file (const char    *path,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *display = g_path_get_basename (path);
  char *data = NULL;
  gsize len = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_INVALID,
                   _("%s: not a regular file"), display);
      return NULL;
    }
  if ((guint64) g_file_info_get_size (info) > IMPORT_MAX_FILE_BYTES)
    {
      g_autofree char *limit = g_format_size (IMPORT_MAX_FILE_BYTES);

      g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_TOO_LARGE,
                   _("%s: larger than an import may be (%s)"), display, limit);
      return NULL;
    }
  if (!g_file_load_contents (file, cancellable, &data, &len, NULL, error))
    return NULL;

  return g_bytes_new_take (data, len);
}

AttestSpan *
attest_import_new_span (AttestImportContext *context,
                        const char          *label,
                        guint                start,
                        guint                end)
{
  AttestSpan *span = attest_span_new (NULL, label, start, end);

  span->origin = context->origin;
  span->by = context->annotator;
  span->created = g_strdup (context->created);

  return span;
}

AttestRelation *
attest_import_new_relation (AttestImportContext *context,
                            const char          *type,
                            const char          *from,
                            const char          *to)
{
  AttestRelation *relation = attest_relation_new (NULL, type, from, to);

  relation->origin = context->origin;
  relation->by = context->annotator;
  relation->created = g_strdup (context->created);

  return relation;
}

/* Deeper folders than this are refused rather than walked. */
#define IMPORT_MAX_DEPTH 64

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
walk_folder (AttestImportContext    *context,
             const char             *folder,
             const char             *prefix,
             guint                   depth,
             AttestImportWalkFlags   flags,
             AttestImportWantFunc    want,
             AttestImportVisitFunc   visit,
             gpointer                user_data,
             GError                **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert (folder != NULL);

  if (depth > IMPORT_MAX_DEPTH)
    {
      attest_import_set_error (error, folder, _("folders nested too deep"));
      return FALSE;
    }

  if ((dir = g_dir_open (folder, 0, error)) == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *entry = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (folder, entry, NULL);
      g_autofree char *relative = prefix != NULL ? g_strconcat (prefix, "/", entry, NULL)
                                                 : g_strdup (entry);
      GStatBuf buf;

      if (g_cancellable_set_error_if_cancelled (context->cancellable, error))
        return FALSE;

      /* lstat(): a symlink is skipped, whether it leads to a file or back
       * up to a folder above. */
      if (g_lstat (path, &buf) != 0)
        continue;

      if (S_ISDIR (buf.st_mode))
        {
          if ((flags & ATTEST_IMPORT_WALK_FLAT) == 0 &&
              !walk_folder (context, path, relative, depth + 1, flags, want, visit, user_data,
                            error))
            return FALSE;
        }
      else if (S_ISREG (buf.st_mode) && want (entry) &&
               !visit (context, path, relative, user_data, error))
        {
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
attest_import_walk (AttestImportContext    *context,
                    const char             *folder,
                    AttestImportWalkFlags   flags,
                    AttestImportWantFunc    want,
                    AttestImportVisitFunc   visit,
                    gpointer                user_data,
                    GError                **error)
{
  g_return_val_if_fail (context != NULL, FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);
  g_return_val_if_fail (want != NULL, FALSE);
  g_return_val_if_fail (visit != NULL, FALSE);

  return walk_folder (context, folder, NULL, 0, flags, want, visit, user_data, error);
}

static gboolean
collect_name (AttestImportContext  *context,
              const char           *path,
              const char           *relative_name,
              gpointer              found,
              GError              **error)
{
  g_ptr_array_add (found, g_strdup (relative_name));
  return TRUE;
}

GPtrArray *
attest_import_walk_collect (AttestImportContext    *context,
                            const char             *folder,
                            AttestImportWalkFlags   flags,
                            AttestImportWantFunc    want,
                            GError                **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (context != NULL, NULL);
  g_return_val_if_fail (folder != NULL, NULL);
  g_return_val_if_fail (want != NULL, NULL);

  if (!walk_folder (context, folder, NULL, 0, flags, want, collect_name, found, error))
    return NULL;

  return g_steal_pointer (&found);
}

/* A name from a dataset becomes a path under the output folder: it must
 * stay under it, whatever the dataset says. */
static gboolean
check_name (const char  *name,
            const char  *source,
            GError     **error)
{
  g_auto(GStrv) parts = NULL;

  if (name[0] == '\0' || name[0] == '/' || strchr (name, '\\') != NULL ||
      !g_utf8_validate (name, -1, NULL))
    {
      attest_import_set_error (error, source, _("“%s” cannot be used as an article’s name"), name);
      return FALSE;
    }

  parts = g_strsplit (name, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = parts[i];
      gboolean control = FALSE;

      for (const char *p = part; *p != '\0'; p++)
        control |= (guchar) *p < 0x20 || *p == 0x7f;

      if (part[0] == '\0' || part[0] == '.' || control || strlen (part) > 240 ||
          attest_sidecar_is_sidecar_name (part))
        {
          attest_import_set_error (error, source, _("“%s” cannot be used as an article’s name"), name);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
write_file (const char    *path,
            const char    *data,
            gsize          len,
            GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "%s: %s", dir, g_strerror (saved));
      return FALSE;
    }

  /* No fsync per file: the whole folder is synced once before it is
   * moved into place (see attest_import_run()). */
  return g_file_set_contents_full (path, data, len, G_FILE_SET_CONTENTS_NONE, 0644, error);
}

gboolean
attest_import_context_add (AttestImportContext *context,
                           const char          *name,
                           AttestDocument      *document,
                           const char          *source,
                           GError             **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) sidecar = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *base = NULL;
  g_autofree char *article_path = NULL;
  g_autofree char *sidecar_path = NULL;
  AttestText *text;

  g_return_val_if_fail (context != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (ATTEST_IS_DOCUMENT (document), FALSE);

  if (g_cancellable_set_error_if_cancelled (context->cancellable, error))
    return FALSE;

  if (!check_name (name, source, error))
    return FALSE;

  /* Case-insensitive file systems would merge "A.txt" and "a.txt". */
  folded = g_utf8_casefold (name, -1);
  if (g_hash_table_contains (context->names, folded))
    {
      attest_import_set_error (error, source, _("a second document is named “%s”"), name);
      return FALSE;
    }

  if (!attest_document_check (document, problems))
    {
      attest_import_set_error (error, source, "%s", (const char *) problems->pdata[0]);
      return FALSE;
    }

  base = g_path_get_basename (name);
  attest_document_set_file_name (document, base);

  text = attest_document_get_text (document);
  article_path = g_build_filename (context->folder, name, NULL);
  sidecar_path = attest_sidecar_path_for_article (article_path);
  sidecar = attest_sidecar_serialize (document);

  if (!write_file (article_path, attest_text_get_data (text), attest_text_get_n_bytes (text), error) ||
      !write_file (sidecar_path, g_bytes_get_data (sidecar, NULL), g_bytes_get_size (sidecar), error))
    return FALSE;

  g_hash_table_add (context->names, g_steal_pointer (&folded));
  context->summary.n_documents++;
  context->summary.n_spans += attest_span_store_get_n_spans (attest_document_get_spans (document));
  context->summary.n_relations += attest_document_get_n_relations (document);
  context->summary.n_entities += attest_document_get_n_entities (document);
  if (context->progress != NULL)
    context->progress (context->summary.n_documents, 0, context->progress_data);

  return TRUE;
}

/* Removes a tree this import made; never follows a symlink. */
static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      if ((dir = g_dir_open (path, 0, NULL)) != NULL)
        while ((name = g_dir_read_name (dir)) != NULL)
          {
            g_autofree char *child = g_build_filename (path, name, NULL);

            remove_tree (child);
          }
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}

static gboolean
folder_is_empty (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);

  return dir != NULL && g_dir_read_name (dir) == NULL;
}

gboolean
attest_import_run (const AttestImporter     *importer,
                   const char * const       *inputs,
                   const char               *output_dir,
                   const char               *annotator,
                   AttestImportProgressFunc  progress,
                   gpointer                  progress_data,
                   AttestImportSummary      *summary,
                   GCancellable             *cancellable,
                   GError                  **error)
{
  g_autofree char *target = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *base = NULL;
  g_autofree char *template = NULL;
  g_autofree char *origin = NULL;
  AttestImportContext context = { 0 };
  gboolean existed;
  gboolean ok = TRUE;

  g_return_val_if_fail (importer != NULL, FALSE);
  g_return_val_if_fail (inputs != NULL, FALSE);
  g_return_val_if_fail (output_dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  target = g_canonicalize_filename (output_dir, NULL);
  existed = g_file_test (target, G_FILE_TEST_EXISTS) || g_file_test (target, G_FILE_TEST_IS_SYMLINK);
  if (existed && (g_file_test (target, G_FILE_TEST_IS_SYMLINK) ||
                  !g_file_test (target, G_FILE_TEST_IS_DIR) ||
                  !folder_is_empty (target)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("%s: already exists and is not an empty folder; import into a new folder"),
                   output_dir);
      return FALSE;
    }

  parent = g_path_get_dirname (target);
  base = g_path_get_basename (target);
  if (g_mkdir_with_parents (parent, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "%s: %s", parent, g_strerror (saved));
      return FALSE;
    }

  template = g_strdup_printf ("%s/.%s.import-XXXXXX", parent, base);
  if (g_mkdtemp (template) == NULL)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "%s: %s", parent, g_strerror (saved));
      return FALSE;
    }

  origin = g_strconcat ("imported:", importer->name, NULL);
  context.importer = importer;
  context.folder = template;
  context.origin = g_intern_string (origin);
  context.annotator = annotator != NULL && *annotator != '\0' ? g_intern_string (annotator) : NULL;
  context.created = attest_timestamp_now ();
  context.names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  context.cancellable = cancellable;
  context.progress = progress;
  context.progress_data = progress_data;

  for (guint i = 0; ok && inputs[i] != NULL; i++)
    ok = importer->import (&context, inputs[i], error);

  if (ok && context.summary.n_documents == 0)
    {
      g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_INVALID,
                   _("no documents found in the input"));
      ok = FALSE;
    }

  /* One sync of the file system for the whole import, so the folder that
   * appears under its name holds every byte, even after a power cut. */
  if (ok)
    {
      int fd = g_open (template, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

      if (fd < 0 || syncfs (fd) != 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       "%s: %s", output_dir, g_strerror (saved));
          ok = FALSE;
        }
      if (fd >= 0)
        close (fd);
    }

  if (ok && existed && g_rmdir (target) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "%s: %s", output_dir, g_strerror (saved));
      ok = FALSE;
    }

  if (ok && g_rename (template, target) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "%s: %s", output_dir, g_strerror (saved));
      ok = FALSE;
      if (existed)
        g_mkdir (target, 0755);
    }

  if (!ok)
    remove_tree (template);
  else if (summary != NULL)
    *summary = context.summary;

  g_free (context.created);
  g_hash_table_unref (context.names);

  return ok;
}

typedef struct
{
  const AttestImporter *importer;
  char                **inputs;
  char                 *output_dir;
  char                 *annotator;
  AttestImportSummary   summary;
} ImportTask;

static void
import_task_free (gpointer data)
{
  ImportTask *task = data;

  g_strfreev (task->inputs);
  g_free (task->output_dir);
  g_free (task->annotator);
  g_free (task);
}

static void
import_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportTask *data = task_data;
  GError *error = NULL;

  if (attest_import_run (data->importer, (const char * const *) data->inputs, data->output_dir,
                         data->annotator, NULL, NULL, &data->summary, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
attest_import_run_async (const AttestImporter *importer,
                         const char * const   *inputs,
                         const char           *output_dir,
                         const char           *annotator,
                         GCancellable         *cancellable,
                         GAsyncReadyCallback   callback,
                         gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ImportTask *data = g_new0 (ImportTask, 1);

  data->importer = importer;
  data->inputs = g_strdupv ((char **) inputs);
  data->output_dir = g_strdup (output_dir);
  data->annotator = g_strdup (annotator);
  g_task_set_source_tag (task, attest_import_run_async);
  g_task_set_task_data (task, data, import_task_free);
  g_task_run_in_thread (task, import_thread);
}

gboolean
attest_import_run_finish (GAsyncResult         *result,
                          AttestImportSummary  *summary,
                          GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  if (summary != NULL)
    *summary = ((ImportTask *) g_task_get_task_data (G_TASK (result)))->summary;

  return TRUE;
}
