/* attest-paths.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attest-paths.h"

/**
 * attest_path_from_text:
 * @text: what was typed
 * @base: (nullable): the folder relative paths start from
 *
 * Returns: (transfer full) (nullable): the file, or NULL for empty text
 */
GFile *
attest_path_from_text (const char *text,
                       GFile      *base)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (base == NULL || G_IS_FILE (base), NULL);

  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    return NULL;

  if (g_str_equal (stripped, "~") || g_str_has_prefix (stripped, "~/"))
    {
      g_autofree char *path = g_build_filename (g_get_home_dir (), stripped + 1, NULL);

      return g_file_new_for_path (path);
    }
  if (g_path_is_absolute (stripped))
    return g_file_new_for_path (stripped);
  if (g_str_has_prefix (stripped, "file:"))
    return g_file_new_for_uri (stripped);

  if (base == NULL)
    {
      g_autoptr(GFile) home = g_file_new_for_path (g_get_home_dir ());

      return g_file_resolve_relative_path (home, stripped);
    }

  return g_file_resolve_relative_path (base, stripped);
}

/**
 * attest_path_document_name:
 * @folder: (nullable): the open folder
 * @article: an article
 *
 * Returns: (transfer full): the article's name
 */
char *
attest_path_document_name (GFile *folder,
                           GFile *article)
{
  char *relative;

  g_return_val_if_fail (folder == NULL || G_IS_FILE (folder), NULL);
  g_return_val_if_fail (G_IS_FILE (article), NULL);

  relative = folder != NULL ? g_file_get_relative_path (folder, article) : NULL;
  if (relative != NULL)
    {
      /* '/' between folders whatever the system, as in the CLI's names. */
      if (G_DIR_SEPARATOR != '/')
        g_strdelimit (relative, G_DIR_SEPARATOR_S, '/');
      return relative;
    }

  return g_file_get_basename (article);
}
