/* attest-import-webanno.c: WebAnno TSV 3.3 (INCEpTION)
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reads the files attest-export-webanno.c writes, and the ones INCEpTION
 * writes, following the specification and INCEpTION's reader:
 *
 * - the text is rebuilt as the reader rebuilds it: each sentence's
 *   #Text= lines joined by line feeds and followed by one; that line feed
 *   dropped when the next sentence's first token starts right after the
 *   sentence, spaces added when it starts further on. Offsets are UTF-16
 *   code units.
 * - spans come from webanno.custom.Attest (label, attributes, note,
 *   entity) and from INCEpTION's NamedEntity layer (the value as the
 *   label, quote / speaker / fact matched whatever their case; an
 *   identifier becomes an entity, with its Wikidata id when it has one);
 * - relations come from every relation layer attached to one of those:
 *   the Governor is the relation's "from", the Dependent its "to", the
 *   type is the feature "relation" (or "label", "value", the first
 *   feature; the layer's name when it is empty);
 * - an empty span (a zero-length sub-token) comes in marked deleted, for
 *   review: the only empty span a sidecar may hold;
 * - other layers (POS, lemmas, chains, slots, custom layers) are checked
 *   for their shape and otherwise left out.
 *
 * It is stricter than INCEpTION's reader where that reader would build
 * something wrong without a word: rows out of order, offsets that leave
 * their sentence, split a character or disagree with the text, ids that
 * do not resolve. Every message names the file and the line.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "attest-import-webanno-private.h"

/* A row's text in a message is cut to this many bytes. */
#define SNIPPET_BYTES 40

/* The parser --------------------------------------------------------------- */

static void
layer_free (gpointer data)
{
  Layer *layer = data;

  g_free (layer->type);
  g_free (layer->base_type);
  g_ptr_array_unref (layer->features);
  g_free (layer);
}

static void
parser_clear (Parser *p)
{
  for (guint i = 0; p->annos != NULL && i < p->annos->len; i++)
    g_free (g_array_index (p->annos, Anno, i).values);
  g_clear_pointer (&p->layers, g_ptr_array_unref);
  g_clear_pointer (&p->columns, g_array_unref);
  g_clear_pointer (&p->strings, g_string_chunk_free);
  if (p->text != NULL)
    g_string_free (p->text, TRUE);
  if (p->pending != NULL)
    g_string_free (p->pending, TRUE);
  g_clear_pointer (&p->sentences, g_array_unref);
  g_clear_pointer (&p->tokens, g_array_unref);
  g_clear_pointer (&p->first_token, g_array_unref);
  g_clear_pointer (&p->units, g_array_unref);
  g_clear_pointer (&p->members, g_array_unref);
  g_clear_pointer (&p->annos, g_array_unref);
  g_clear_pointer (&p->links, g_array_unref);
  g_clear_pointer (&p->ids, g_hash_table_unref);
}

gboolean
_attest_webanno_fail (Parser      *p,
                      guint        line,
                      GError     **error,
                      const char  *format,
                      ...)
{
  g_autofree char *message = NULL;
  g_autofree char *source = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  source = g_strdup_printf (_("%s line %u"), p->display, line);
  attest_import_set_error (error, source, "%s", message);
  return FALSE;
}

/* A bounded, printable piece of the file for a message. */
char *
_attest_webanno_snippet (const char *text,
                         gsize       len)
{
  gsize cut = attest_utf8_prefix_len (text, len, SNIPPET_BYTES);
  g_autofree char *piece = g_strndup (text, cut);

  /* Tabs and other controls would be invisible in a message. */
  for (char *c = piece; *c != '\0'; c++)
    if ((guchar) *c < 0x20)
      *c = ' ';
  return cut < len ? g_strconcat (piece, "…", NULL) : g_steal_pointer (&piece);
}

/* Lines end at LF, CR LF or a lone CR, as Java's readLine() has it. */
gboolean
_attest_webanno_next_line (Parser      *p,
                           const char **line,
                           gsize       *line_len)
{
  const char *start;
  gsize i;

  if (p->pos >= p->len)
    return FALSE;

  start = p->data + p->pos;
  for (i = p->pos; i < p->len && p->data[i] != '\n' && p->data[i] != '\r'; i++)
    ;
  *line = start;
  *line_len = i - p->pos;
  if (i < p->len && p->data[i] == '\r' && i + 1 < p->len && p->data[i + 1] == '\n')
    i++;
  p->pos = i < p->len ? i + 1 : i;
  p->line++;

  return TRUE;
}

static void
unit_name (GString     *out,
           const Unit  *unit)
{
  g_string_append_printf (out, "%u-%u", unit->sentence + 1, unit->token);
  if (unit->sub > 0)
    g_string_append_printf (out, ".%u", unit->sub);
}

char *
_attest_webanno_unit_to_string (const Unit *unit)
{
  GString *out = g_string_new (NULL);

  unit_name (out, unit);
  return g_string_free (out, FALSE);
}

gboolean
_attest_webanno_anno_on_unit (Parser *p,
                              guint   anno,
                              guint   unit_index)
{
  const Unit *unit = &g_array_index (p->units, Unit, unit_index);

  for (guint m = unit->first_member; m < unit->first_member + unit->n_members; m++)
    if (g_array_index (p->members, guint, m) == anno)
      return TRUE;
  return FALSE;
}

/* One file ------------------------------------------------------------------- */

static gboolean
import_file (AttestImportContext  *context,
             const char           *path,
             const char           *display,
             const char           *name,
             GError              **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(AttestText) text = NULL;
  g_autoptr(AttestDocument) document = NULL;
  g_autoptr(GError) local_error = NULL;
  Parser p = { 0 };
  const char *data;
  const char *bad;
  gsize len;
  gboolean ok;

  bytes = attest_import_read_file (path, attest_import_context_get_cancellable (context), error);
  if (bytes == NULL)
    return FALSE;

  data = g_bytes_get_data (bytes, &len);
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }

  p.context = context;
  p.display = display;
  p.data = data;
  p.len = len;

  if (!g_utf8_validate_len (data, len, &bad))
    {
      guint line = 1;

      for (const char *c = data; c < bad; c++)
        if (*c == '\n' || (*c == '\r' && c + 1 < bad && c[1] != '\n'))
          line++;
      return _attest_webanno_fail (&p, line, error, _("not valid UTF-8 (byte %" G_GSIZE_FORMAT ")"),
                                   (gsize) (bad - data));
    }

  p.layers = g_ptr_array_new_with_free_func (layer_free);
  p.columns = g_array_new (FALSE, FALSE, sizeof (Column));
  p.strings = g_string_chunk_new (4096);
  p.text = g_string_sized_new (len / 4);
  p.pending = g_string_new (NULL);
  p.sentences = g_array_new (FALSE, FALSE, sizeof (Sentence));
  p.tokens = g_array_new (FALSE, FALSE, sizeof (guint));
  p.first_token = g_array_new (FALSE, FALSE, sizeof (guint));
  p.units = g_array_new (FALSE, FALSE, sizeof (Unit));
  p.members = g_array_new (FALSE, FALSE, sizeof (guint));
  p.annos = g_array_new (FALSE, FALSE, sizeof (Anno));
  p.links = g_array_new (FALSE, FALSE, sizeof (Link));
  p.ids = g_hash_table_new (NULL, NULL);

  ok = _attest_webanno_parse_header (&p, error) && _attest_webanno_parse_body (&p, error);

  if (ok)
    {
      text = attest_text_new (p.text->str, (gssize) p.text->len, &local_error);
      if (text == NULL)
        ok = _attest_webanno_fail (&p, 1, error, _("the text it holds cannot be used: %s"),
                                   local_error->message);
    }

  ok = ok && _attest_webanno_check_units (&p, text, error) &&
       _attest_webanno_resolve_links (&p, error) &&
       (document = _attest_webanno_build_document (&p, text, error)) != NULL &&
       attest_import_context_add (context, name, document, display, error);

  parser_clear (&p);
  return ok;
}

/* "a/story.tsv" → "a/story.txt"; other names get ".txt" added. */
static char *
article_name (const char *relative)
{
  if (g_str_has_suffix (relative, ".tsv") && strlen (relative) > 4)
    {
      g_autofree char *stem = g_strndup (relative, strlen (relative) - 4);

      return g_strconcat (stem, ".txt", NULL);
    }
  return g_strconcat (relative, ".txt", NULL);
}

static gboolean
is_tsv_name (const char *name)
{
  return g_str_has_suffix (name, ".tsv");
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
import_input (AttestImportContext  *context,
              const char           *input,
              GError              **error)
{
  g_autoptr(GPtrArray) files = NULL;

  if (!g_file_test (input, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *base = g_path_get_basename (input);
      g_autofree char *name = article_name (base);

      return import_file (context, input, base, name, error);
    }

  files = attest_import_walk_collect (context, input, ATTEST_IMPORT_WALK_RECURSIVE, is_tsv_name,
                                      error);
  if (files == NULL)
    return FALSE;
  g_ptr_array_sort (files, compare_paths);

  for (guint i = 0; i < files->len; i++)
    {
      const char *relative = g_ptr_array_index (files, i);
      g_autofree char *path = g_build_filename (input, relative, NULL);
      g_autofree char *name = article_name (relative);

      if (g_cancellable_set_error_if_cancelled (attest_import_context_get_cancellable (context), error) ||
          !import_file (context, path, relative, name, error))
        return FALSE;
    }

  return TRUE;
}

const AttestImporter attest_import_webanno = {
  .name = "webanno",
  .title = N_("WebAnno TSV 3.3 (INCEpTION)"),
  .import = import_input,
};
