/* attest-import-brat.c: brat standoff
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reads what attest-export-brat.c writes (its comment describes the
 * lines) and brat collections made elsewhere. An input is a folder, walked
 * recursively (X.ann with X.txt; a .txt without a .ann is an article
 * without annotations), or single .ann / .txt files. Articles keep their
 * path relative to the folder: a/b.ann gives a/b.txt.
 *
 * The rules, so that our own export comes back exactly:
 *
 * - The .txt is taken as brat takes it, its offsets code points of the
 *   bytes as they are. A UTF-8 BOM counts as a character for brat but is
 *   not part of an Attest text, so offsets past it move back by one.
 * - The .ann is split into lines as Python's str.splitlines() splits it,
 *   as brat does. Every line must parse and every T line's text must
 *   equal its fragments' text joined by spaces; the first bad line fails
 *   the whole import with "FILE line N: problem".
 * - A T line's fragments are joined into one span where they are
 *   contiguous or the gap between them is white space holding a line
 *   break (how brat, and our exporter, write a span across lines). Parts
 *   still apart become spans of their own, each later part linked to the
 *   one before with "continues" (Attest's split quote); attributes and
 *   the entity go to every part, the note and relations to the first.
 * - R gives a relation from Arg1 to Arg2; E (an event) a relation from
 *   its trigger to each argument, typed by the role; A and M attributes
 *   ("true" for brat's on/off ones); #AnnotatorNotes the note (other note
 *   types too, prefixed with their type). A note on a relation becomes
 *   its "note" attribute.
 * - Entities: each #AttestEntity note gives one, with its mention; an
 *   Equiv line puts mentions into one entity (one made from the first
 *   mention's text when none of them carries an #AttestEntity); an N line
 *   to Wikidata sets the mention's entity's item, making an entity for a
 *   mention without one (one per item). N lines to other databases become
 *   an attribute "ref:DB".
 * - Names written in the exporter's "__…_HEX_…" form are decoded.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "attest-import-brat-private.h"

static void
line_free (gpointer data)
{
  Line *line = data;

  g_free (line->id);
  g_free (line->type);
  g_free (line->target);
  g_free (line->value);
  g_free (line->db);
  g_free (line->text);
  g_clear_pointer (&line->fragments, g_array_unref);
  g_strfreev (line->args);
  g_clear_pointer (&line->parts, g_ptr_array_unref);
  g_strfreev (line->attrs);
  if (line->note != NULL)
    g_string_free (line->note, TRUE);
  g_free (line);
}

gboolean
_attest_brat_fail_at (GError     **error,
                      const char  *path,
                      guint        line,
                      const char  *format,
                      ...)
{
  g_autofree char *message = NULL;
  g_autofree char *source = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  source = g_strdup_printf ("%s line %u", path, line);
  attest_import_set_error (error, source, "%s", message);

  return FALSE;
}

char *
_attest_brat_quote_text (const char *text,
                         gsize       len)
{
  gsize cut = attest_utf8_prefix_len (text, len, 60);

  if (cut < len)
    return g_strdup_printf ("%.*s…", (int) cut, text);

  return g_strndup (text, len);
}

static gboolean
next_line (const char  *data,
           gsize        len,
           gsize       *pos,
           const char **line,
           gsize       *line_len)
{
  const guchar *p = (const guchar *) data;
  gsize start = *pos;

  if (start >= len)
    return FALSE;

  *line = data + start;
  for (gsize i = start; i < len; i++)
    {
      gsize brk = _attest_brat_line_break_len (p + i, len - i);

      if (brk > 0)
        {
          if (p[i] == '\r' && i + 1 < len && p[i + 1] == '\n')
            brk = 2;
          *line_len = i - start;
          *pos = i + brk;
          return TRUE;
        }
    }

  *line_len = len - start;
  *pos = len;
  return TRUE;
}

/* One document ----------------------------------------------------------- */

static gboolean
import_pair (AttestImportContext  *context,
             const char           *name,
             const char           *ann_path,
             const char           *ann_display,
             const char           *txt_path,
             const char           *txt_display,
             GError              **error)
{
  g_autoptr(GBytes) txt_bytes = NULL;
  g_autoptr(GBytes) ann_bytes = NULL;
  g_autoptr(AttestText) brat_text = NULL;
  g_autoptr(AttestText) text = NULL;
  g_autoptr(AttestDocument) document = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (line_free);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) text_bounds = g_ptr_array_new ();
  g_autoptr(GError) local = NULL;
  GCancellable *cancellable = attest_import_context_get_cancellable (context);
  const char *data;
  gsize len;
  Ann ann = { 0 };

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* Its messages name the file already. */
  if ((txt_bytes = attest_import_read_file (txt_path, cancellable, error)) == NULL)
    return FALSE;

  data = g_bytes_get_data (txt_bytes, &len);
  if ((brat_text = attest_text_new (data, len, &local)) == NULL)
    {
      attest_import_set_error (error, txt_display, "%s", local->message);
      return FALSE;
    }

  ann.context = context;
  ann.path = ann_display;
  ann.text = brat_text;
  ann.lines = lines;
  ann.ids = ids;
  ann.text_bounds = text_bounds;

  /* brat counts a BOM as a character; Attest's text has none. */
  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      ann.shift = 1;
      text = attest_text_new (data + 3, len - 3, NULL);
    }
  else
    {
      text = attest_text_ref (brat_text);
    }

  if (ann_path != NULL)
    {
      gsize pos = 0;
      const char *line;
      gsize line_len;
      guint number = 0;

      if ((ann_bytes = attest_import_read_file (ann_path, cancellable, error)) == NULL)
        return FALSE;

      data = g_bytes_get_data (ann_bytes, &len);
      if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
        pos = 3;

      while (next_line (data, len, &pos, &line, &line_len))
        {
          number++;
          if (!g_utf8_validate (line, line_len, NULL))
            return _attest_brat_fail_at (error, ann_display, number, _("not valid UTF-8"));
          if (!_attest_brat_parse_line (&ann, number, line, line_len, error))
            return FALSE;
        }

      if ((document = _attest_brat_build_document (&ann, text, error)) == NULL)
        return FALSE;
    }
  else
    {
      document = attest_document_new (text);
    }

  return attest_import_context_add (context, name, document,
                                    ann_path != NULL ? ann_display : txt_display, error);
}

/* Inputs ----------------------------------------------------------------- */

static gboolean
is_brat_name (const char *name)
{
  return g_str_has_suffix (name, ".ann") || g_str_has_suffix (name, ".txt");
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
import_folder (AttestImportContext  *context,
               const char           *input,
               GError              **error)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GHashTable) stems = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_free);

  found = attest_import_walk_collect (context, input, ATTEST_IMPORT_WALK_RECURSIVE, is_brat_name,
                                      error);
  if (found == NULL)
    return FALSE;

  for (guint i = 0; i < found->len; i++)
    {
      const char *path = g_ptr_array_index (found, i);
      g_autofree char *stem = g_strndup (path, strlen (path) - 4);

      if (!g_hash_table_contains (stems, stem))
        {
          g_hash_table_add (stems, stem);
          g_ptr_array_add (order, g_steal_pointer (&stem));
        }
    }
  g_ptr_array_sort (order, compare_paths);

  for (guint i = 0; i < order->len; i++)
    {
      const char *stem = g_ptr_array_index (order, i);
      g_autofree char *name = g_strconcat (stem, ".txt", NULL);
      g_autofree char *ann_relative = g_strconcat (stem, ".ann", NULL);
      g_autofree char *txt_path = g_build_filename (input, name, NULL);
      g_autofree char *ann_path = g_build_filename (input, ann_relative, NULL);
      gboolean have_ann = g_file_test (ann_path, G_FILE_TEST_IS_REGULAR);

      if (!g_file_test (txt_path, G_FILE_TEST_IS_REGULAR))
        {
          if (!have_ann)
            continue;
          attest_import_set_error (error, ann_path, _("there is no %s beside it"), name);
          return FALSE;
        }

      if (!import_pair (context, name, have_ann ? ann_path : NULL, ann_path, txt_path, txt_path,
                        error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
import_input (AttestImportContext  *context,
              const char           *input,
              GError              **error)
{
  g_autofree char *stem = NULL;
  g_autofree char *ann_path = NULL;
  g_autofree char *txt_path = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;

  if (g_file_test (input, G_FILE_TEST_IS_DIR))
    return import_folder (context, input, error);

  if (!is_brat_name (input))
    {
      attest_import_set_error (error, input,
                               _("not a brat file: expected a folder, a .ann or a .txt"));
      return FALSE;
    }

  stem = g_strndup (input, strlen (input) - 4);
  ann_path = g_strconcat (stem, ".ann", NULL);
  txt_path = g_strconcat (stem, ".txt", NULL);
  base = g_path_get_basename (stem);
  name = g_strconcat (base, ".txt", NULL);

  if (!g_file_test (txt_path, G_FILE_TEST_EXISTS))
    {
      attest_import_set_error (error, ann_path, _("there is no %s beside it"), name);
      return FALSE;
    }
  if (g_str_has_suffix (input, ".ann") && !g_file_test (ann_path, G_FILE_TEST_EXISTS))
    {
      attest_import_set_error (error, ann_path, _("no such file"));
      return FALSE;
    }

  return import_pair (context, name,
                      g_file_test (ann_path, G_FILE_TEST_EXISTS) ? ann_path : NULL, ann_path,
                      txt_path, txt_path, error);
}

const AttestImporter attest_import_brat = {
  .name = "brat",
  .title = N_("brat standoff"),
  .import = import_input,
};
