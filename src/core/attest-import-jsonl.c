/* attest-import-jsonl.c: Attest JSON Lines back into articles and sidecars
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "attest-import-private.h"
#include "attest-sidecar.h"
#include "attest-span-store.h"

/* Each line is a sidecar on one line (see attest-export-jsonl.c), read by
 * the sidecar reader itself, so every check and message is the sidecar's.
 * Its "path" member names the article; without one, "line-N.txt". */

/* The export writes "path" first among the members the reader does not
 * know; take it out of them and return its value. */
static char *
take_path (AttestDocument *document)
{
  const char *extra = attest_document_get_extra (document, ATTEST_EXTRA_TOP);
  const char *p;
  g_autofree char *token = NULL;
  g_autofree char *wrapped = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  JsonArray *array;
  char *path = NULL;

  if (extra == NULL || !g_str_has_prefix (extra, "\"path\": \""))
    return NULL;

  /* The end of the string token: the first unescaped quote. */
  p = extra + strlen ("\"path\": \"");
  while (*p != '\0' && *p != '"')
    p += (*p == '\\' && p[1] != '\0') ? 2 : 1;
  if (*p != '"')
    return NULL;
  p++;

  token = g_strndup (extra + strlen ("\"path\": "), p - (extra + strlen ("\"path\": ")));
  wrapped = g_strconcat ("[", token, "]", NULL);
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, wrapped, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  array = JSON_NODE_HOLDS_ARRAY (root) ? json_node_get_array (root) : NULL;
  if (array == NULL || json_array_get_length (array) != 1 ||
      json_node_get_value_type (json_array_get_element (array, 0)) != G_TYPE_STRING)
    return NULL;
  path = g_strdup (json_array_get_string_element (array, 0));

  while (*p == ',' || *p == ' ')
    p++;
  attest_document_set_extra (document, ATTEST_EXTRA_TOP, *p != '\0' ? p : NULL);

  return path;
}

static gboolean
mark_span (AttestSpan *span,
           gpointer    user_data)
{
  span->origin = user_data;
  return TRUE;
}

static gboolean
import_line (AttestImportContext  *context,
             const char           *display,
             guint                 line_number,
             const char           *line,
             gsize                 len,
             GError              **error)
{
  g_autofree char *source = g_strdup_printf (_("%s line %u"), display, line_number);
  g_autoptr(AttestDocument) document = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  const char *origin = attest_import_context_get_origin (context);

  if (!(document = attest_sidecar_parse (line, len, source, &local_error)))
    {
      g_autofree char *message = NULL;

      /* The reader counts lines inside the record: one line here. */
      message = g_strdup (local_error->message);
      if (local_error->code == ATTEST_ERROR_PARSE)
        {
          g_autofree char *from = g_strconcat (source, " line 1, column ", NULL);

          if (g_str_has_prefix (message, from))
            {
              g_autofree char *rest = g_strdup (message + strlen (from));

              g_free (message);
              message = g_strdup_printf ("%s, column %s", source, rest);
            }
        }
      g_set_error_literal (error, ATTEST_ERROR, local_error->code, message);
      return FALSE;
    }

  if (attest_document_get_read_only (document))
    {
      attest_import_set_error (error, source, _("written by a newer Attest (format version %" G_GINT64_FORMAT ")"),
                               attest_document_get_version (document));
      return FALSE;
    }

  path = take_path (document);
  if (path == NULL)
    path = g_strdup_printf ("line-%u.txt", line_number);

  /* Provenance: by and created are the annotator's; origin says where the
   * span came from now. */
  attest_span_store_foreach (attest_document_get_spans (document), mark_span, (gpointer) origin);
  for (guint i = 0; i < attest_document_get_n_relations (document); i++)
    attest_document_get_relation (document, i)->origin = origin;
  attest_document_set_generator (document, NULL);

  return attest_import_context_add (context, path, document, source, error);
}

static gboolean
import_input (AttestImportContext  *context,
              const char           *input,
              GError              **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *display = g_path_get_basename (input);
  const char *data;
  const char *end;
  const char *line;
  guint line_number = 0;
  gsize len;

  if (!(bytes = attest_import_read_file (input, attest_import_context_get_cancellable (context), error)))
    return FALSE;

  data = g_bytes_get_data (bytes, &len);
  end = data + len;
  for (line = data; line < end; )
    {
      const char *newline = memchr (line, '\n', end - line);
      const char *line_end = newline != NULL ? newline : end;
      gsize line_len = line_end - line;

      line_number++;
      if (line_len > 0 && line[line_len - 1] == '\r')
        line_len--;

      /* Blank lines are allowed between records, as most JSONL tools do. */
      if (line_len > 0 && strspn (line, " \t") < line_len &&
          !import_line (context, display, line_number, line, line_len, error))
        return FALSE;

      line = newline != NULL ? newline + 1 : end;
    }

  return TRUE;
}

const AttestImporter attest_import_jsonl = {
  .name = "jsonl",
  .title = N_("Attest JSON Lines"),
  .import = import_input,
};
