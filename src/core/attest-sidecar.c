/* attest-sidecar.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "attest-document.h"
#include "attest-error.h"
#include "attest-sidecar.h"
#include "attest-text.h"
#include "attest-sidecar-private.h"
#include "attest-version.h"

/* Paths ------------------------------------------------------------------ */

/**
 * attest_sidecar_path_for_article:
 *
 * Returns: the sidecar path next to @article_path.
 */
char *
attest_sidecar_path_for_article (const char *article_path)
{
  g_return_val_if_fail (article_path != NULL, NULL);

  return g_strconcat (article_path, ATTEST_SIDECAR_SUFFIX, NULL);
}

/**
 * attest_sidecar_is_sidecar_name:
 *
 * Returns: %TRUE if the base name of @path is an article name followed by
 *   the sidecar suffix.
 */
gboolean
attest_sidecar_is_sidecar_name (const char *path)
{
  const char *base;
  gsize len;

  g_return_val_if_fail (path != NULL, FALSE);

  base = strrchr (path, G_DIR_SEPARATOR);
  base = base != NULL ? base + 1 : path;
  len = strlen (base);

  /* ".attest.json" alone names no article. */
  return len > strlen (ATTEST_SIDECAR_SUFFIX) && g_str_has_suffix (base, ATTEST_SIDECAR_SUFFIX);
}

/**
 * attest_sidecar_article_path:
 *
 * Returns: (nullable): the article path for the sidecar @sidecar_path, or
 *   %NULL if it is not a sidecar name.
 */
char *
attest_sidecar_article_path (const char *sidecar_path)
{
  g_return_val_if_fail (sidecar_path != NULL, NULL);

  if (!attest_sidecar_is_sidecar_name (sidecar_path))
    return NULL;

  return g_strndup (sidecar_path, strlen (sidecar_path) - strlen (ATTEST_SIDECAR_SUFFIX));
}

/* Loading ------------------------------------------------------------------ */

/**
 * attest_sidecar_load:
 *
 * Reads and parses the sidecar @file. The file is only read. Files over
 * %ATTEST_SIDECAR_MAX_BYTES are refused before reading. A missing file
 * gives %G_IO_ERROR_NOT_FOUND.
 *
 * Returns: (transfer full): the document, or %NULL with @error set.
 */
AttestDocument *
attest_sidecar_load (GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *data = NULL;
  g_autofree char *display_name = NULL;
  goffset size;
  gsize allocated;
  gsize len = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE,
                            cancellable,
                            error);
  if (info == NULL)
    return NULL;

  display_name = g_strdup (g_file_info_get_display_name (info));
  size = g_file_info_get_size (info);

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   "%s is a folder, not a sidecar file", display_name);
      return NULL;
    }

  if (size < 0 || (guint64) size > ATTEST_SIDECAR_MAX_BYTES)
    {
      g_autofree char *size_str = g_format_size ((guint64) MAX (size, 0));
      g_autofree char *max_str = g_format_size (ATTEST_SIDECAR_MAX_BYTES);

      g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_TOO_LARGE,
                   "%s is too large to open (%s); Attest reads sidecar files up to %s",
                   display_name, size_str, max_str);
      return NULL;
    }

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;

  /* One byte more than expected tells us whether the file grew since we
   * asked for its size; the read stays bounded by the limit either way. */
  allocated = (gsize) size + 1;
  data = g_malloc (allocated + 1);

  for (;;)
    {
      gsize n_read = 0;

      if (!g_input_stream_read_all (G_INPUT_STREAM (stream), data + len, allocated - len,
                                    &n_read, cancellable, error))
        {
          g_prefix_error (error, "Could not read %s: ", display_name);
          return NULL;
        }

      len += n_read;
      if (len < allocated)
        break;

      if (len > ATTEST_SIDECAR_MAX_BYTES)
        {
          g_autofree char *max_str = g_format_size (ATTEST_SIDECAR_MAX_BYTES);

          g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_TOO_LARGE,
                       "%s is too large to open; Attest reads sidecar files up to %s",
                       display_name, max_str);
          return NULL;
        }

      allocated = MIN (allocated * 2, ATTEST_SIDECAR_MAX_BYTES + 1);
      data = g_realloc (data, allocated + 1);
    }

  data[len] = '\0';

  if (!g_input_stream_close (G_INPUT_STREAM (stream), cancellable, error))
    return NULL;

  return attest_sidecar_parse (data, len, display_name, error);
}

/* Saving ------------------------------------------------------------------- */

#define TEMP_SUFFIX     ".tmp"
#define TEMP_RANDOM_LEN 6
/* NAME_MAX on the file systems we meet; the temp name must fit. */
#define MAX_NAME_BYTES  255

/* The temp name is ".NAME.XXXXXX.tmp": hidden, in the target's folder (so
 * rename() is atomic), recognisable as ours. A very long NAME is cut so
 * the temp name still fits in a file name. */
static char *
temp_prefix (const char *base)
{
  gsize max = MAX_NAME_BYTES - 2 - TEMP_RANDOM_LEN - strlen (TEMP_SUFFIX);
  gsize len;

  g_assert (base != NULL);

  len = strlen (base);

  return g_strdup_printf (".%.*s.", (int) attest_utf8_prefix_len (base, len, max), base);
}

static gboolean
is_temp_name (const char *name,
              const char *prefix,
              gsize       prefix_len)
{
  gsize len;

  g_assert (name != NULL);
  g_assert (prefix != NULL);

  len = strlen (name);
  if (len != prefix_len + TEMP_RANDOM_LEN + strlen (TEMP_SUFFIX) ||
      strncmp (name, prefix, prefix_len) != 0 ||
      !g_str_has_suffix (name, TEMP_SUFFIX))
    return FALSE;

  for (gsize i = prefix_len; i < prefix_len + TEMP_RANDOM_LEN; i++)
    {
      if (!g_ascii_isalnum (name[i]))
        return FALSE;
    }

  return TRUE;
}

/* A temp name of any target: ".", a name, ".", six letters or digits,
 * ".tmp". */
static gboolean
looks_like_temp_name (const char *name)
{
  gsize len;

  g_assert (name != NULL);

  len = strlen (name);
  if (name[0] != '.' || len < 3 + TEMP_RANDOM_LEN + strlen (TEMP_SUFFIX))
    return FALSE;

  return name[len - strlen (TEMP_SUFFIX) - TEMP_RANDOM_LEN - 1] == '.' &&
         is_temp_name (name + len - strlen (TEMP_SUFFIX) - TEMP_RANDOM_LEN - 1, ".", 1);
}

static void
set_error_from_errno (GError     **error,
                      int          saved_errno,
                      const char  *format,
                      ...) G_GNUC_PRINTF (3, 4);

static void
set_error_from_errno (GError     **error,
                      int          saved_errno,
                      const char  *format,
                      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               "%s: %s", message, g_strerror (saved_errno));
}

/* Listing a folder costs about a millisecond per thousand files, and a
 * folder may hold a corpus of thousands of articles that `attest-cli`
 * saves one after another. So each process lists a folder at most once
 * every SWEEP_INTERVAL and keeps the temp-looking names it saw: a crashed
 * save's file is swept by the first save after that, a few seconds late
 * at worst. A fork (a new process) lists again. */
#define SWEEP_INTERVAL (2 * G_USEC_PER_SEC)

typedef struct
{
  gint64     listed_at;
  pid_t      pid;
  GPtrArray *names;
} FolderListing;

static GMutex sweep_mutex;
static GHashTable *listings;

static void
folder_listing_free (gpointer data)
{
  FolderListing *listing = data;

  g_ptr_array_unref (listing->names);
  g_free (listing);
}

static GPtrArray *
list_temp_names (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert (dir_path != NULL);

  while (dir != NULL && (name = g_dir_read_name (dir)))
    {
      if (looks_like_temp_name (name))
        g_ptr_array_add (names, g_strdup (name));
    }

  return names;
}

typedef enum
{
  SWEEP_REMOVED,
  SWEEP_IN_USE,
  SWEEP_SKIPPED,
} SweepResult;

static SweepResult
remove_stale_temp_file (const char *dir_path,
                        const char *name)
{
  g_autofree char *temp_path = g_build_filename (dir_path, name, NULL);
  SweepResult result = SWEEP_SKIPPED;
  struct stat st;
  int fd;

  /* Not through a symlink, and never a folder. */
  fd = open (temp_path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    return SWEEP_SKIPPED;

  /* A save in progress, in this process or another, holds the lock; a
   * killed one released it when the kernel closed its files. */
  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode))
    {
      if (flock (fd, LOCK_EX | LOCK_NB) != 0)
        result = SWEEP_IN_USE;
      else if (g_unlink (temp_path) == 0)
        result = SWEEP_REMOVED;
    }

  close (fd);

  return result;
}

static guint
sweep (const char *path,
       gboolean    force)
{
  g_autofree char *dir_path = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = temp_prefix (base);
  G_GNUC_UNUSED g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&sweep_mutex);
  gsize prefix_len = strlen (prefix);
  gint64 now = g_get_monotonic_time ();
  FolderListing *listing;
  guint removed = 0;

  if (listings == NULL)
    listings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, folder_listing_free);

  listing = g_hash_table_lookup (listings, dir_path);
  if (listing == NULL)
    {
      listing = g_new0 (FolderListing, 1);
      g_hash_table_insert (listings, g_strdup (dir_path), listing);
    }

  if (force ||
      listing->names == NULL ||
      listing->pid != getpid () ||
      now - listing->listed_at >= SWEEP_INTERVAL)
    {
      g_clear_pointer (&listing->names, g_ptr_array_unref);
      listing->names = list_temp_names (dir_path);
      listing->listed_at = now;
      listing->pid = getpid ();
    }

  for (guint i = listing->names->len; i > 0; i--)
    {
      const char *name = g_ptr_array_index (listing->names, i - 1);
      SweepResult result;

      if (!is_temp_name (name, prefix, prefix_len))
        continue;

      result = remove_stale_temp_file (dir_path, name);
      if (result == SWEEP_REMOVED)
        removed++;
      /* Kept only while a save holds it, to be tried again. */
      if (result != SWEEP_IN_USE)
        g_ptr_array_remove_index_fast (listing->names, i - 1);
    }

  return removed;
}

/**
 * attest_sidecar_sweep_temp_files:
 * @file: the target of saves
 *
 * Removes the temp files that saves of @file left behind when they were
 * killed: hidden files named like ".story.txt.attest.json.a1B2c3.tmp"
 * next to it. A temp file a save is still writing is locked by that save
 * and kept. Every save sweeps first; this also lists the folder again.
 *
 * Returns: how many files were removed.
 */
guint
attest_sidecar_sweep_temp_files (GFile *file)
{
  const char *path;

  g_return_val_if_fail (G_IS_FILE (file), 0);

  if ((path = g_file_peek_path (file)) == NULL)
    return 0;

  return sweep (path, TRUE);
}

static gboolean
write_all (int            fd,
           const char    *data,
           gsize          len,
           GCancellable  *cancellable,
           int           *saved_errno)
{
  /* Chunks keep a cancelled save of a huge sidecar from writing it all. */
  const gsize chunk = 4 * 1024 * 1024;

  g_assert (saved_errno != NULL);

  while (len > 0)
    {
      gssize n;

      if (g_cancellable_is_cancelled (cancellable))
        {
          *saved_errno = ECANCELED;
          return FALSE;
        }

      n = write (fd, data, MIN (len, chunk));
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          *saved_errno = errno;
          return FALSE;
        }
      if (n == 0)
        {
          *saved_errno = ENOSPC;
          return FALSE;
        }

      data += n;
      len -= n;
    }

  return TRUE;
}

/* Creates and locks a temp file next to the target. The lock is what tells
 * attest_sidecar_sweep_temp_files() the file is in use; if a sweep removed
 * the file between its creation and our lock, start again. */
static int
create_temp_file (const char  *dir_path,
                  const char  *base,
                  char       **temp_path,
                  int         *saved_errno)
{
  g_autofree char *prefix = temp_prefix (base);

  g_assert (temp_path != NULL);
  g_assert (saved_errno != NULL);

  for (guint attempt = 0; attempt < 5; attempt++)
    {
      g_autofree char *name = g_strconcat (prefix, "XXXXXX" TEMP_SUFFIX, NULL);
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      struct stat st;
      int fd;

      fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0644);
      if (fd < 0)
        {
          *saved_errno = errno;
          return -1;
        }

      while (flock (fd, LOCK_EX) != 0 && errno == EINTR)
        ;

      if (fstat (fd, &st) == 0 && st.st_nlink > 0)
        {
          *temp_path = g_steal_pointer (&path);
          return fd;
        }

      close (fd);
    }

  *saved_errno = EAGAIN;
  return -1;
}

/**
 * attest_file_replace_atomic:
 * @file: a local file
 * @data: the new contents
 * @len: length of @data
 *
 * Replaces the contents of @file durably and atomically: a temp file in
 * the same folder, written, fsynced, renamed over @file, then the folder
 * fsynced, so after a crash @file holds either the old or the new bytes.
 * The first save of a file works the same way. Refuses
 * (%ATTEST_ERROR_UNSAFE_TARGET) a symlink or a file with several hard
 * links. On failure the temp file is removed and @file is untouched.
 *
 * Returns: %TRUE on success.
 */
gboolean
attest_file_replace_atomic (GFile         *file,
                            const char    *data,
                            gsize          len,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autofree char *dir_path = NULL;
  g_autofree char *base = NULL;
  g_autofree char *display = NULL;
  g_autofree char *dir_display = NULL;
  g_autofree char *temp_path = NULL;
  const char *path;
  struct stat st;
  gboolean exists;
  int saved_errno = 0;
  int dir_fd = -1;
  int fd = -1;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);

  if ((path = g_file_peek_path (file)) == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_FAILED,
                   "Cannot save to %s: Attest saves only to local folders",
                   uri);
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  dir_path = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  display = g_filename_display_name (path);
  dir_display = g_filename_display_name (dir_path);

  if (lstat (path, &st) == 0)
    {
      exists = TRUE;

      if (S_ISLNK (st.st_mode))
        {
          g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_UNSAFE_TARGET,
                       "Did not save %s: it is a symbolic link, and replacing it would "
                       "break the link. Open the file it points to instead",
                       display);
          return FALSE;
        }

      if (!S_ISREG (st.st_mode))
        {
          g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_UNSAFE_TARGET,
                       "Did not save %s: it is not a regular file", display);
          return FALSE;
        }

      if (st.st_nlink > 1)
        {
          g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_UNSAFE_TARGET,
                       "Did not save %s: it has %u hard links, and replacing it would "
                       "separate them. Copy the file to remove the links",
                       display, (guint) st.st_nlink);
          return FALSE;
        }

      /* rename() needs only the folder to be writable; a file the user
       * made read-only should still stop us, as it stops other editors. */
      if (access (path, W_OK) != 0)
        {
          set_error_from_errno (error, errno, "Could not save %s", display);
          return FALSE;
        }
    }
  else if (errno == ENOENT)
    {
      exists = FALSE;
    }
  else
    {
      set_error_from_errno (error, errno, "Could not save %s", display);
      return FALSE;
    }

  sweep (path, FALSE);

  dir_fd = open (dir_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0)
    {
      set_error_from_errno (error, errno, "Could not save %s: cannot open the folder %s",
                            display, dir_display);
      return FALSE;
    }

  fd = create_temp_file (dir_path, base, &temp_path, &saved_errno);
  if (fd < 0)
    {
      set_error_from_errno (error, saved_errno,
                            "Could not save %s: cannot create a file in %s",
                            display, dir_display);
      close (dir_fd);
      return FALSE;
    }

  /* Keep the permissions and owner the file had (a private 0600 stays
   * private; a colleague's file in a shared folder stays theirs). Only
   * root or the owner can do this, and failing is not worth losing the
   * save for. */
  if (exists)
    {
      if ((st.st_uid != geteuid () || st.st_gid != getegid ()) &&
          fchown (fd, st.st_uid, st.st_gid) != 0)
        g_debug ("Could not keep the owner of %s: %s", display, g_strerror (errno));
      (void) fchmod (fd, st.st_mode & 0777);
    }

  if (!write_all (fd, data, len, cancellable, &saved_errno))
    goto failed;

  if (fsync (fd) != 0)
    {
      saved_errno = errno;
      goto failed;
    }

  if (close (fd) != 0)
    {
      fd = -1;
      saved_errno = errno;
      goto failed;
    }
  fd = -1;

  if (g_cancellable_is_cancelled (cancellable))
    {
      saved_errno = ECANCELED;
      goto failed;
    }

  if (rename (temp_path, path) != 0)
    {
      saved_errno = errno;
      goto failed;
    }

  /* Makes the rename itself durable. Some file systems cannot sync a
   * folder; the data is already on disk there. */
  if (fsync (dir_fd) != 0 && errno != EINVAL && errno != ENOTSUP && errno != EROFS)
    {
      set_error_from_errno (error, errno,
                            "%s was written, but the folder %s could not be flushed to disk",
                            display, dir_display);
      close (dir_fd);
      return FALSE;
    }

  close (dir_fd);
  return TRUE;

failed:
  if (fd >= 0)
    close (fd);
  g_unlink (temp_path);
  close (dir_fd);

  if (saved_errno == ECANCELED)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                 "Saving %s was cancelled; the file was not changed", display);
  else
    set_error_from_errno (error, saved_errno, "Could not save %s", display);
  return FALSE;
}

static GBytes *
serialize_for_save (AttestDocument  *document,
                    GFile           *file,
                    GError         **error)
{
  g_assert (ATTEST_IS_DOCUMENT (document));
  g_assert (G_IS_FILE (file));

  if (attest_document_get_read_only (document))
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *display = g_filename_display_name (name);

      g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_READ_ONLY,
                   "Did not save %s: the annotations are open read-only", display);
      return NULL;
    }

  /* This version of Attest writes the file, so it signs it. */
  return attest_sidecar_serialize_with_generator (document, ATTEST_GENERATOR);
}

/**
 * attest_sidecar_save:
 * @document: the document
 * @file: the sidecar file, local
 *
 * Serializes @document and writes it with attest_file_replace_atomic().
 * Refuses read-only documents (%ATTEST_ERROR_READ_ONLY). Does not touch
 * the document's modified flag: the caller knows what was saved.
 *
 * Returns: %TRUE on success.
 */
gboolean
attest_sidecar_save (AttestDocument  *document,
                     GFile           *file,
                     GCancellable    *cancellable,
                     GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize len;

  g_return_val_if_fail (ATTEST_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);

  if (!(bytes = serialize_for_save (document, file, error)))
    return FALSE;

  data = g_bytes_get_data (bytes, &len);

  return attest_file_replace_atomic (file, data, len, cancellable, error);
}

/* Async -------------------------------------------------------------------- */

typedef struct
{
  GFile  *file;
  GBytes *bytes;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *save = data;

  g_clear_object (&save->file);
  g_clear_pointer (&save->bytes, g_bytes_unref);
  g_free (save);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *save = task_data;
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize len;

  g_assert (G_IS_TASK (task));
  g_assert (save != NULL);

  data = g_bytes_get_data (save->bytes, &len);

  if (attest_file_replace_atomic (save->file, data, len, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * attest_sidecar_save_async:
 *
 * Like attest_sidecar_save(), but writes in a worker thread. The document
 * is serialized before this returns (documents are not thread-safe), so
 * later changes are not part of this save.
 */
void
attest_sidecar_save_async (AttestDocument      *document,
                           GFile               *file,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  SaveData *save;
  GBytes *bytes;

  g_return_if_fail (ATTEST_IS_DOCUMENT (document));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (document, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_sidecar_save_async);
  /* Once the rename is done the file is saved; a late cancel must not
   * report otherwise. */
  g_task_set_check_cancellable (task, FALSE);

  if (!(bytes = serialize_for_save (document, file, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  save = g_new0 (SaveData, 1);
  save->file = g_object_ref (file);
  save->bytes = bytes;
  g_task_set_task_data (task, save, save_data_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
attest_sidecar_save_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == attest_sidecar_save_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(GError) error = NULL;
  AttestDocument *document;

  g_assert (G_IS_TASK (task));
  g_assert (G_IS_FILE (file));

  if ((document = attest_sidecar_load (file, cancellable, &error)))
    g_task_return_pointer (task, document, g_object_unref);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * attest_sidecar_load_async:
 *
 * Like attest_sidecar_load(), reading and parsing in a worker thread.
 */
void
attest_sidecar_load_async (GFile               *file,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_sidecar_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

AttestDocument *
attest_sidecar_load_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == attest_sidecar_load_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
