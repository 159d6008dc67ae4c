/* attest-import-text.c: folders of plain text articles
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "attest-corpus.h"
#include "attest-import-private.h"

/* Articles (.txt, .md, found as the corpus finds them) become new
 * documents with no annotations yet, keeping their relative paths; the
 * loader's rules apply (a BOM removed, UTF-16 decoded, binary and invalid
 * UTF-8 refused with the byte offset). Sidecars already beside them are
 * not read: importing text starts afresh. */

#define MAX_DEPTH 64

static gboolean
import_article (AttestImportContext  *context,
                const char           *path,
                const char           *name,
                GError              **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AttestText) text = NULL;
  g_autoptr(AttestDocument) document = NULL;
  g_autoptr(GError) local_error = NULL;

  text = attest_text_load_file (file, NULL, attest_import_context_get_cancellable (context), &local_error);
  if (text == NULL)
    {
      g_autofree char *display = g_path_get_basename (path);

      if (g_str_has_prefix (local_error->message, display))
        g_set_error_literal (error, ATTEST_ERROR, ATTEST_ERROR_INVALID, local_error->message);
      else
        attest_import_set_error (error, name, "%s", local_error->message);
      return FALSE;
    }

  document = attest_document_new (text);
  return attest_import_context_add (context, name, document, name, error);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
walk (AttestImportContext  *context,
      const char           *folder,
      const char           *prefix,
      guint                 depth,
      GError              **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (depth > MAX_DEPTH)
    {
      attest_import_set_error (error, folder, _("folders nested too deep"));
      return FALSE;
    }

  if (!(dir = g_dir_open (folder, 0, error)))
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, names->pdata[i], NULL);
      g_autofree char *relative = prefix != NULL ? g_strconcat (prefix, "/", names->pdata[i], NULL)
                                                 : g_strdup (names->pdata[i]);

      /* Symlinks are not followed out of the folder being imported. */
      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (!walk (context, path, relative, depth + 1, error))
            return FALSE;
        }
      else if (attest_corpus_is_article_name (names->pdata[i]) &&
               !import_article (context, path, relative, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
import_input (AttestImportContext  *context,
              const char           *input,
              GError              **error)
{
  g_autofree char *base = g_path_get_basename (input);

  if (g_file_test (input, G_FILE_TEST_IS_DIR))
    return walk (context, input, NULL, 0, error);

  return import_article (context, input, base, error);
}

const AttestImporter attest_import_text = {
  .name = "text",
  .title = N_("Plain text articles"),
  .import = import_input,
};
