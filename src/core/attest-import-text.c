/* attest-import-text.c: folders of plain text articles
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "attest-corpus.h"
#include "attest-import-private.h"

/* Articles (.txt, .md, found as the corpus finds them) become new
 * documents with no annotations yet, keeping their relative paths; the
 * loader's rules apply (a BOM removed, UTF-16 decoded, binary and invalid
 * UTF-8 refused with the byte offset). Sidecars already beside them are
 * not read: importing text starts afresh. */

static gboolean
import_article (AttestImportContext  *context,
                const char           *path,
                const char           *name,
                gpointer              user_data,
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

static gboolean
import_input (AttestImportContext  *context,
              const char           *input,
              GError              **error)
{
  g_autofree char *base = g_path_get_basename (input);

  if (g_file_test (input, G_FILE_TEST_IS_DIR))
    return attest_import_walk (context, input, ATTEST_IMPORT_WALK_RECURSIVE,
                               attest_corpus_is_article_name, import_article, NULL, error);

  return import_article (context, input, base, NULL, error);
}

const AttestImporter attest_import_text = {
  .name = "text",
  .title = N_("Plain text articles"),
  .import = import_input,
};
