/* attest-corpus.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-corpus-private.h"
#include "attest-document.h"
#include "attest-sidecar.h"
#include "attest-tagset.h"

/* Symlink loops and absurd trees end here. */
#define MAX_DEPTH 64

struct _AttestCorpus
{
  GObject       parent_instance;

  GFile        *folder;
  GPtrArray    *entries;         /* of AttestCorpusEntry */
  GHashTable   *positions;       /* GFile -> position + 1 */
  AttestTagset *tagset;
  GCancellable *scan_cancellable;
  guint         n_done;
  guint         n_scans;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AttestCorpus, attest_corpus, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_FOLDER,
  PROP_TAGSET,
  PROP_N_DONE,
  PROP_SCANNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


/* Scanning --------------------------------------------------------------- */

typedef struct
{
  GPtrArray    *entries;
  AttestTagset *tagset;
} ScanResult;

static void
scan_result_free (ScanResult *result)
{
  g_clear_pointer (&result->entries, g_ptr_array_unref);
  g_clear_pointer (&result->tagset, attest_tagset_unref);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScanResult, scan_result_free)

typedef struct
{
  GFileInfo *info;
  char      *key;
} Child;

static void
child_clear (gpointer data)
{
  Child *child = data;

  g_clear_object (&child->info);
  g_clear_pointer (&child->key, g_free);
}

static int
compare_children (gconstpointer a,
                  gconstpointer b)
{
  const Child *x = a;
  const Child *y = b;
  int ret = strcmp (x->key, y->key);

  /* Names that collate the same ("a.txt", "A.txt") keep a stable order. */
  if (ret == 0)
    ret = strcmp (g_file_info_get_name (x->info), g_file_info_get_name (y->info));

  return ret;
}

/**
 * attest_corpus_is_article_name:
 *
 * Whether a file of this name is an article Attest opens from a folder.
 */
gboolean
attest_corpus_is_article_name (const char *name)
{
  g_return_val_if_fail (name != NULL, FALSE);

  return g_str_has_suffix (name, ".txt") || g_str_has_suffix (name, ".md");
}

static gboolean
scan_folder (GFile         *folder,
             const char    *prefix,
             guint          depth,
             GHashTable    *visited,
             GPtrArray     *entries,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GArray) children = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GError) local_error = NULL;
  GFileInfo *info;

  enumerator = g_file_enumerate_children (folder,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                          G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN ","
                                          G_FILE_ATTRIBUTE_STANDARD_IS_BACKUP ","
                                          G_FILE_ATTRIBUTE_ID_FILE,
                                          G_FILE_QUERY_INFO_NONE,
                                          cancellable,
                                          error);
  if (enumerator == NULL)
    return FALSE;

  children = g_array_new (FALSE, FALSE, sizeof (Child));
  g_array_set_clear_func (children, child_clear);
  names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  while ((info = g_file_enumerator_next_file (enumerator, cancellable, &local_error)))
    {
      const char *name = g_file_info_get_name (info);
      GFileType type = g_file_info_get_file_type (info);
      Child child;

      g_hash_table_add (names, g_strdup (name));

      if (name[0] == '.' ||
          g_file_info_get_is_hidden (info) ||
          g_file_info_get_is_backup (info) ||
          !(type == G_FILE_TYPE_DIRECTORY ||
            (type == G_FILE_TYPE_REGULAR && attest_corpus_is_article_name (name))))
        {
          g_object_unref (info);
          continue;
        }

      child.info = info;
      child.key = g_utf8_collate_key_for_filename (g_file_info_get_display_name (info), -1);
      g_array_append_val (children, child);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* Sorting each folder's children together and walking them in that
   * order gives the natural order of whole paths, folder by folder. */
  g_array_sort (children, compare_children);

  for (guint i = 0; i < children->len; i++)
    {
      const Child *child = &g_array_index (children, Child, i);
      const char *name = g_file_info_get_name (child->info);
      const char *display_name = g_file_info_get_display_name (child->info);
      g_autoptr(GFile) file = g_file_get_child (folder, name);
      g_autofree char *relative_path = prefix != NULL
                                       ? g_strconcat (prefix, "/", display_name, NULL)
                                       : g_strdup (display_name);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (g_file_info_get_file_type (child->info) == G_FILE_TYPE_DIRECTORY)
        {
          const char *id = g_file_info_get_attribute_string (child->info, G_FILE_ATTRIBUTE_ID_FILE);
          g_autoptr(GError) sub_error = NULL;

          if (depth >= MAX_DEPTH)
            continue;

          /* A symlink back up the tree is walked once. */
          if (id != NULL)
            {
              if (g_hash_table_contains (visited, id))
                continue;
              g_hash_table_add (visited, g_strdup (id));
            }

          if (!scan_folder (file, relative_path, depth + 1, visited, entries,
                            cancellable, &sub_error))
            {
              if (g_error_matches (sub_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
                {
                  g_propagate_error (error, g_steal_pointer (&sub_error));
                  return FALSE;
                }

              /* One unreadable subfolder does not hide the rest. */
              g_debug ("Skipping %s: %s", relative_path, sub_error->message);
            }
        }
      else
        {
          g_autofree char *sidecar_name = g_strconcat (name, ATTEST_SIDECAR_SUFFIX, NULL);
          g_ptr_array_add (entries,
                           _attest_corpus_entry_new (file, g_steal_pointer (&relative_path),
                                                     g_hash_table_contains (names, sidecar_name)));
        }
    }

  return TRUE;
}

/* Reading sidecars is most of a scan and each is independent: the
 * entries are shared out in small chunks between a few threads. */
#define READ_CHUNK 16
#define MAX_READERS 4

typedef struct
{
  GPtrArray    *entries;
  GCancellable *cancellable;
  gint          next;
} ReadWork;

static gpointer
read_entries (gpointer data)
{
  ReadWork *work = data;
  guint len = work->entries->len;
  guint start;

  while ((start = (guint) g_atomic_int_add (&work->next, READ_CHUNK)) < len)
    {
      if (g_cancellable_is_cancelled (work->cancellable))
        break;

      for (guint i = start; i < MIN (start + READ_CHUNK, len); i++)
        _attest_corpus_entry_read (g_ptr_array_index (work->entries, i), work->cancellable);
    }

  return NULL;
}

static void
read_all_entries (GPtrArray    *entries,
                  GCancellable *cancellable)
{
  ReadWork work = { entries, cancellable, 0 };
  GThread *threads[MAX_READERS - 1];
  guint n_threads = 0;
  guint n_readers = CLAMP (g_get_num_processors (), 1, MAX_READERS);

  n_readers = MIN (n_readers, entries->len / READ_CHUNK + 1);

  for (guint i = 0; i + 1 < n_readers; i++)
    {
      GThread *thread = g_thread_try_new ("attest-corpus", read_entries, &work, NULL);

      if (thread == NULL)
        break;
      threads[n_threads++] = thread;
    }

  read_entries (&work);

  for (guint i = 0; i < n_threads; i++)
    g_thread_join (threads[i]);
}

static ScanResult *
scan (GFile         *folder,
      GCancellable  *cancellable,
      GError       **error)
{
  g_autoptr(ScanResult) result = g_new0 (ScanResult, 1);
  g_autoptr(GHashTable) visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFile) probe = NULL;
  const char *id;

  info = g_file_query_info (folder, G_FILE_ATTRIBUTE_ID_FILE, G_FILE_QUERY_INFO_NONE,
                            cancellable, error);
  if (info == NULL)
    return NULL;
  if ((id = g_file_info_get_attribute_string (info, G_FILE_ATTRIBUTE_ID_FILE)))
    g_hash_table_add (visited, g_strdup (id));

  result->entries = g_ptr_array_new_with_free_func (g_object_unref);
  if (!scan_folder (folder, NULL, 0, visited, result->entries, cancellable, error))
    return NULL;

  read_all_entries (result->entries, cancellable);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* The tag set lookup starts at an article's folder; any child names
   * this one. An invalid tag set file leaves the corpus without one: the
   * session that opens an article reports it. */
  probe = g_file_get_child (folder, ATTEST_TAGSET_FILE_NAME);
  result->tagset = attest_tagset_find_for_article (probe, NULL, cancellable, NULL);

  return g_steal_pointer (&result);
}

static void
apply_result (AttestCorpus *self,
              ScanResult   *result)
{
  guint old_n = self->entries->len;
  guint n_done = 0;

  g_assert (ATTEST_IS_CORPUS (self));

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  self->entries = g_steal_pointer (&result->entries);
  g_hash_table_remove_all (self->positions);

  for (guint i = 0; i < self->entries->len; i++)
    {
      AttestCorpusEntry *entry = g_ptr_array_index (self->entries, i);

      g_hash_table_insert (self->positions, attest_corpus_entry_get_file (entry),
                           GUINT_TO_POINTER (i + 1));
      if (attest_corpus_entry_get_status (entry) == ATTEST_STATUS_DONE)
        n_done++;
    }

  if (result->tagset != self->tagset)
    {
      g_clear_pointer (&self->tagset, attest_tagset_unref);
      self->tagset = g_steal_pointer (&result->tagset);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGSET]);
    }

  if (n_done != self->n_done)
    {
      self->n_done = n_done;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DONE]);
    }

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->entries->len);
}

/* GListModel ------------------------------------------------------------- */

static GType
attest_corpus_get_item_type (GListModel *model)
{
  return ATTEST_TYPE_CORPUS_ENTRY;
}

static guint
attest_corpus_get_n_items (GListModel *model)
{
  return ATTEST_CORPUS (model)->entries->len;
}

static gpointer
attest_corpus_get_item (GListModel *model,
                        guint       position)
{
  AttestCorpus *self = ATTEST_CORPUS (model);

  if (position >= self->entries->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->entries, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = attest_corpus_get_item_type;
  iface->get_n_items = attest_corpus_get_n_items;
  iface->get_item = attest_corpus_get_item;
}

/* AttestCorpus ----------------------------------------------------------- */

static void
attest_corpus_dispose (GObject *object)
{
  AttestCorpus *self = (AttestCorpus *)object;

  if (self->scan_cancellable != NULL)
    g_cancellable_cancel (self->scan_cancellable);
  g_clear_object (&self->scan_cancellable);

  G_OBJECT_CLASS (attest_corpus_parent_class)->dispose (object);
}

static void
attest_corpus_finalize (GObject *object)
{
  AttestCorpus *self = (AttestCorpus *)object;

  g_clear_object (&self->folder);
  g_clear_pointer (&self->positions, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->tagset, attest_tagset_unref);

  G_OBJECT_CLASS (attest_corpus_parent_class)->finalize (object);
}

static void
attest_corpus_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AttestCorpus *self = ATTEST_CORPUS (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_value_set_object (value, self->folder);
      break;

    case PROP_TAGSET:
      g_value_set_boxed (value, self->tagset);
      break;

    case PROP_N_DONE:
      g_value_set_uint (value, self->n_done);
      break;

    case PROP_SCANNING:
      g_value_set_boolean (value, self->n_scans > 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_corpus_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AttestCorpus *self = ATTEST_CORPUS (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      self->folder = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_corpus_class_init (AttestCorpusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = attest_corpus_dispose;
  object_class->finalize = attest_corpus_finalize;
  object_class->get_property = attest_corpus_get_property;
  object_class->set_property = attest_corpus_set_property;

  properties[PROP_FOLDER] =
    g_param_spec_object ("folder", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TAGSET] =
    g_param_spec_boxed ("tagset", NULL, NULL,
                        ATTEST_TYPE_TAGSET,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_DONE] =
    g_param_spec_uint ("n-done", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SCANNING] =
    g_param_spec_boolean ("scanning", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
attest_corpus_init (AttestCorpus *self)
{
  self->entries = g_ptr_array_new_with_free_func (g_object_unref);
  self->positions = g_hash_table_new (g_file_hash, (GEqualFunc) g_file_equal);
}

/**
 * attest_corpus_new:
 * @folder: the folder of articles
 *
 * Returns: (transfer full): a corpus, empty until scanned
 */
AttestCorpus *
attest_corpus_new (GFile *folder)
{
  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  return g_object_new (ATTEST_TYPE_CORPUS,
                       "folder", folder,
                       NULL);
}

GFile *
attest_corpus_get_folder (AttestCorpus *self)
{
  g_return_val_if_fail (ATTEST_IS_CORPUS (self), NULL);

  return self->folder;
}

AttestTagset *
attest_corpus_get_tagset (AttestCorpus *self)
{
  g_return_val_if_fail (ATTEST_IS_CORPUS (self), NULL);

  return self->tagset;
}

guint
attest_corpus_get_n_done (AttestCorpus *self)
{
  g_return_val_if_fail (ATTEST_IS_CORPUS (self), 0);

  return self->n_done;
}

gboolean
attest_corpus_get_scanning (AttestCorpus *self)
{
  g_return_val_if_fail (ATTEST_IS_CORPUS (self), FALSE);

  return self->n_scans > 0;
}

static void
cancel_ours (GCancellable *theirs,
             GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

static GCancellable *
begin_scan (AttestCorpus *self)
{
  if (self->scan_cancellable != NULL)
    g_cancellable_cancel (self->scan_cancellable);
  g_set_object (&self->scan_cancellable, g_cancellable_new ());
  g_object_unref (self->scan_cancellable);

  if (self->n_scans++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCANNING]);

  return g_object_ref (self->scan_cancellable);
}

static void
end_scan (AttestCorpus *self)
{
  g_assert (self->n_scans > 0);

  if (--self->n_scans == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCANNING]);
}

/**
 * attest_corpus_scan:
 *
 * Synchronous: for tests and command-line tools. The GUI uses
 * attest_corpus_scan_async().
 */
gboolean
attest_corpus_scan (AttestCorpus  *self,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(ScanResult) result = NULL;
  g_autoptr(GCancellable) ours = NULL;
  gulong handler = 0;

  g_return_val_if_fail (ATTEST_IS_CORPUS (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ours = begin_scan (self);
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (cancel_ours),
                                     g_object_ref (ours), g_object_unref);

  result = scan (self->folder, ours, error);

  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, handler);

  if (result != NULL)
    apply_result (self, result);
  end_scan (self);

  return result != NULL;
}

static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *folder = task_data;
  g_autoptr(GError) error = NULL;
  ScanResult *result;

  if ((result = scan (folder, cancellable, &error)))
    g_task_return_pointer (task, result, (GDestroyNotify) scan_result_free);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
scan_done (GObject      *object,
           GAsyncResult *inner,
           gpointer      user_data)
{
  AttestCorpus *self = ATTEST_CORPUS (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(ScanResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* A scan cancelled by a newer one reports so here, even when its
   * thread got to the end first: its result is stale. */
  result = g_task_propagate_pointer (G_TASK (inner), &error);
  end_scan (self);

  if (g_task_get_cancellable (task) != NULL)
    g_cancellable_disconnect (g_task_get_cancellable (task),
                              GPOINTER_TO_SIZE (g_task_get_task_data (task)));

  if (result == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  apply_result (self, result);
  g_task_return_boolean (task, TRUE);
}

void
attest_corpus_scan_async (AttestCorpus        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;
  g_autoptr(GCancellable) ours = NULL;

  g_return_if_fail (ATTEST_IS_CORPUS (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_corpus_scan_async);

  /* The worker watches our cancellable, which a newer scan or dispose
   * cancels, and the caller's, which cancels ours. */
  ours = begin_scan (self);
  if (cancellable != NULL)
    {
      gulong handler = g_cancellable_connect (cancellable, G_CALLBACK (cancel_ours),
                                              g_object_ref (ours), g_object_unref);

      g_task_set_task_data (task, GSIZE_TO_POINTER (handler), NULL);
    }

  inner = g_task_new (self, ours, scan_done, g_steal_pointer (&task));
  g_task_set_source_tag (inner, attest_corpus_scan_async);
  g_task_set_task_data (inner, g_object_ref (self->folder), g_object_unref);
  g_task_run_in_thread (inner, scan_thread);
}

gboolean
attest_corpus_scan_finish (AttestCorpus  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (ATTEST_IS_CORPUS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

AttestCorpusEntry *
attest_corpus_lookup (AttestCorpus *self,
                      GFile        *article,
                      guint        *position)
{
  guint stored;

  g_return_val_if_fail (ATTEST_IS_CORPUS (self), NULL);
  g_return_val_if_fail (G_IS_FILE (article), NULL);

  if (!(stored = GPOINTER_TO_UINT (g_hash_table_lookup (self->positions, article))))
    return NULL;

  if (position != NULL)
    *position = stored - 1;

  return g_ptr_array_index (self->entries, stored - 1);
}

gboolean
attest_corpus_update_entry (AttestCorpus   *self,
                            GFile          *article,
                            AttestDocument *document)
{
  AttestCorpusEntry *entry;
  AttestStatus old_status;

  g_return_val_if_fail (ATTEST_IS_CORPUS (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (article), FALSE);
  g_return_val_if_fail (ATTEST_IS_DOCUMENT (document), FALSE);

  if (!(entry = attest_corpus_lookup (self, article, NULL)))
    return FALSE;

  old_status = attest_corpus_entry_get_status (entry);
  if (_attest_corpus_entry_apply_document (entry, document, TRUE))
    {
      if (old_status == ATTEST_STATUS_DONE)
        self->n_done--;
      else if (attest_corpus_entry_get_status (entry) == ATTEST_STATUS_DONE)
        self->n_done++;
      else
        return TRUE;

      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DONE]);
    }

  return TRUE;
}

static char **
collate_components (const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *key = g_utf8_collate_key_for_filename (parts[i], -1);

      g_free (parts[i]);
      parts[i] = key;
    }

  return g_steal_pointer (&parts);
}

int
attest_corpus_compare_paths (const char *a,
                             const char *b)
{
  g_auto(GStrv) ka = NULL;
  g_auto(GStrv) kb = NULL;
  guint i;

  g_return_val_if_fail (a != NULL, 0);
  g_return_val_if_fail (b != NULL, 0);

  ka = collate_components (a);
  kb = collate_components (b);

  for (i = 0; ka[i] != NULL && kb[i] != NULL; i++)
    {
      int ret = strcmp (ka[i], kb[i]);

      if (ret != 0)
        return ret;
    }

  if (ka[i] == NULL && kb[i] == NULL)
    return strcmp (a, b);

  return ka[i] == NULL ? -1 : 1;
}
