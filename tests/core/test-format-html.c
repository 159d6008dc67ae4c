/* test-format-html.c: the HTML report
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "attest-core.h"
#include "attest-export-private.h"
#include "format-test-util.h"

/* Strings that would run, load or navigate if they reached the page
 * unescaped; tests/cli/test-html-chromium.py loads the report made from
 * them in Chromium and looks for the sentinel. */
#define XSS_ALERT   "<script>alert(1)</script>"
#define XSS_IMG     "\"><img src=x onerror=alert(1)>"
#define XSS_TITLE   "<script>document.title='PWNED'</script>"
#define XSS_ONERROR "\"><img src=x onerror=\"document.title='PWNED'\">"
#define XSS_STYLE   "</style><script>document.title='PWNED'</script>"
#define XSS_DIV     "<div id=\"pwned\">PWNED</div>"
#define XSS_META    "<meta http-equiv=\"refresh\" content=\"0;url=pwned.html\">"
#define XSS_JS      "javascript:document.title='PWNED'"
#define XSS_COLOR   "red;}</style><script>document.title='PWNED'</script>"

#define HOSTILE_TEXT \
  "Intro " XSS_ALERT " then " XSS_IMG " and " XSS_STYLE " & " XSS_JS " " XSS_DIV "\n" \
  XSS_META " \u2014 'single' & \"double\" <b>bold</b> " XSS_ONERROR "\n"

/* Helpers ------------------------------------------------------------------ */

static void
chunk_clear (AttestExportChunk *chunk)
{
  g_clear_pointer (&chunk->files, g_ptr_array_unref);
  g_clear_pointer (&chunk->dropped, g_array_unref);
  if (chunk->stream != NULL)
    g_string_free (g_steal_pointer (&chunk->stream), TRUE);
}

static const GString *
chunk_file (const AttestExportChunk *chunk,
            const char              *name)
{
  for (guint i = 0; chunk->files != NULL && i < chunk->files->len; i++)
    {
      const AttestExportFile *file = g_ptr_array_index (chunk->files, i);

      if (g_str_equal (file->name, name))
        return file->data;
    }

  g_error ("the export wrote no %s", name);
  return NULL;
}

static void
export_document (AttestTagset      *tagset,
                 gboolean           single,
                 AttestDocument    *document,
                 const char        *name,
                 AttestExportChunk *chunk)
{
  AttestExportContext context = { &attest_export_html, tagset, single };
  g_autoptr(AttestRecord) record = attest_record_new_for_document (document, name);

  attest_export_html.document (&context, record, chunk);
  g_assert_cmpuint (chunk->n_spans, ==, record->n_spans);
  g_assert_cmpuint (chunk->n_relations, ==, record->n_relations);
  g_assert_nonnull (chunk->files);
  g_assert_cmpuint (chunk->files->len, ==, 1);
}

static gboolean
contains_nocase (const char *haystack,
                 const char *needle)
{
  g_autofree char *lower = g_ascii_strdown (haystack, -1);

  return strstr (lower, needle) != NULL;
}

/* Every @needle in @html is in text or in a tooltip, never markup. */
static void
assert_only_as_text (const char *html,
                     const char *needle)
{
  for (const char *p = strstr (html, needle); p != NULL; p = strstr (p + 1, needle))
    {
      const char *tag = NULL;
      const char *close = NULL;

      for (const char *q = p; q > html && tag == NULL && close == NULL; q--)
        {
          if (q[-1] == '<')
            tag = q - 1;
          else if (q[-1] == '>')
            close = q - 1;
        }

      if (tag != NULL)
        {
          g_autofree char *inside = g_strndup (tag, p - tag);
          const char *title = g_strrstr (inside, " title=\"");

          g_assert_nonnull (title);
          g_assert_null (strchr (title + strlen (" title=\""), '"'));
        }
    }
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;

  return n;
}

/* Where the outputs go for tests/cli/test-html-chromium.py. */
static void
write_out (const char    *relative,
           const GString *data)
{
  const char *root = g_getenv ("ATTEST_HTML_OUT");
  g_autofree char *fallback = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;

  if (root == NULL)
    {
      if (g_getenv ("ATTEST_BUILD_ROOT") == NULL)
        return;
      root = fallback = g_build_filename (g_getenv ("ATTEST_BUILD_ROOT"), "tests", "html-out", NULL);
    }

  path = g_build_filename (root, relative, NULL);
  dir = g_path_get_dirname (path);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_file_set_contents (path, data->str, data->len, &error);
  g_assert_no_error (error);
}

static void
assert_golden (const char    *relative,
               const GString *data)
{
  g_autofree char *path = format_test_data_path ("export", "golden", "html", relative, NULL);

  format_test_assert_golden (path, data->str, data->len);
}

/* A checker for what the report may contain: only the elements and
 * attributes it writes, properly nested; text and attribute values with
 * every special escaped; links only to fragments, relative files and
 * Wikidata; nothing in the style sheet that could end it. Whatever a
 * hostile input does, an unescaped character breaks one of these. */

static const char * const known_elements[] = {
  "html", "head", "meta", "title", "style", "body", "div", "nav", "header", "h1", "h2",
  "ul", "li", "span", "b", "main", "article", "p", "mark", "table", "thead", "tbody",
  "tr", "th", "td", "a", "footer", NULL
};
static const char * const known_attributes[] = {
  "lang", "charset", "http-equiv", "content", "name", "class", "id", "title", "href",
  "dir", "rel", NULL
};

static void
assert_escaped_text (const char *text,
                     gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      g_assert_cmpint (text[i], !=, '>');
      g_assert_cmpint (text[i], !=, '\r');
      if (text[i] == '&')
        {
          const char *rest = text + i;

          g_assert_true (g_str_has_prefix (rest, "&amp;") || g_str_has_prefix (rest, "&lt;") ||
                         g_str_has_prefix (rest, "&gt;") || g_str_has_prefix (rest, "&quot;") ||
                         g_str_has_prefix (rest, "&#39;"));
        }
    }
}

static void
assert_safe_href (const char *value)
{
  if (g_str_has_prefix (value, "https://www.wikidata.org/wiki/Q"))
    {
      for (const char *p = value + strlen ("https://www.wikidata.org/wiki/Q"); *p != '\0'; p++)
        g_assert_true (g_ascii_isdigit (*p));
      return;
    }

  g_assert_true (value[0] == '#' || g_str_has_prefix (value, "./") ||
                 g_str_has_prefix (value, "../") || g_str_equal (value, "index.html"));
  for (const char *p = value; *p != '\0'; p++)
    g_assert_true (g_ascii_isalnum (*p) || strchr ("#./-_~%", *p) != NULL);
}

static void
check_html (const char *html)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);
  const char *p = html + strlen ("<!DOCTYPE html>\n");
  const char *text = p;

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n"));
  g_assert_true (g_utf8_validate (html, -1, NULL));
  g_assert_null (strstr (html, "\r"));

  while ((p = strchr (p, '<')) != NULL)
    {
      gboolean closing = p[1] == '/';
      const char *q = p + 1 + closing;
      g_autofree char *name = NULL;

      assert_escaped_text (text, p - text);

      while (g_ascii_islower (*q) || g_ascii_isdigit (*q))
        q++;
      name = g_strndup (p + 1 + closing, q - (p + 1 + closing));
      if (!g_strv_contains (known_elements, name))
        g_error ("unexpected element <%s> at \"%.40s\"", name, p);

      if (closing)
        {
          g_assert_cmpint (*q, ==, '>');
          g_assert_cmpuint (stack->len, >, 0);
          g_assert_cmpstr (g_ptr_array_index (stack, stack->len - 1), ==, name);
          g_ptr_array_remove_index (stack, stack->len - 1);
          p = text = q + 1;
          continue;
        }

      while (*q != '>')
        {
          const char *attribute = q + 1;
          g_autofree char *attribute_name = NULL;

          g_assert_cmpint (*q, ==, ' ');
          q++;
          while (g_ascii_islower (*q) || *q == '-')
            q++;
          attribute_name = g_strndup (attribute, q - attribute);
          if (!g_strv_contains (known_attributes, attribute_name))
            g_error ("unexpected attribute %s at \"%.40s\"", attribute_name, attribute);

          if (*q == '=')
            {
              const char *value = q + 2;
              const char *value_end;
              g_autofree char *value_copy = NULL;

              g_assert_cmpint (q[1], ==, '"');
              value_end = strchr (value, '"');
              g_assert_nonnull (value_end);
              assert_escaped_text (value, value_end - value);
              g_assert_null (memchr (value, '<', value_end - value));
              value_copy = g_strndup (value, value_end - value);
              /* The tooltip is text (a label may be called "javascript:");
               * no other attribute may name the scheme. */
              if (!g_str_equal (attribute_name, "title"))
                g_assert_false (contains_nocase (value_copy, "javascript:"));
              if (g_str_equal (attribute_name, "href"))
                assert_safe_href (value_copy);
              q = value_end + 1;
            }
        }

      if (g_str_equal (name, "style"))
        {
          const char *end = strstr (q, "</style>");

          g_assert_nonnull (end);
          g_assert_null (memchr (q + 1, '<', end - (q + 1)));
          g_ptr_array_add (stack, g_steal_pointer (&name));
          p = text = end;
          continue;
        }

      if (!g_str_equal (name, "meta"))
        g_ptr_array_add (stack, g_steal_pointer (&name));
      p = text = q + 1;
    }

  assert_escaped_text (text, strlen (text));
  g_assert_cmpuint (stack->len, ==, 0);
}

/* Reading the article back ------------------------------------------------ */

typedef struct
{
  GString  *text;
  guint     n_pieces;
  guint     n_first;
  gboolean  ended;
  guint     n_anchors;
  gboolean  empty;
} Pieces;

static void
pieces_free (gpointer data)
{
  Pieces *pieces = data;

  g_string_free (pieces->text, TRUE);
  g_free (pieces);
}

static char *
unescape (const char *str,
          gsize       len)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < len; i++)
    {
      static const struct { const char *ref; char c; } refs[] = {
        { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&#39;", '\'' },
      };
      gboolean done = FALSE;

      for (guint r = 0; r < G_N_ELEMENTS (refs) && !done; r++)
        if (strncmp (str + i, refs[r].ref, strlen (refs[r].ref)) == 0)
          {
            g_string_append_c (out, refs[r].c);
            i += strlen (refs[r].ref) - 1;
            done = TRUE;
          }
      if (!done)
        g_string_append_c (out, str[i]);
    }

  return g_string_free (out, FALSE);
}

static char *
attribute_value (const char *tag,
                 const char *tag_end,
                 const char *name)
{
  g_autofree char *needle = g_strdup_printf (" %s=\"", name);
  const char *start = g_strstr_len (tag, tag_end - tag, needle);
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen (needle);
  end = strchr (start, '"');
  return unescape (start, end - start);
}

static gboolean
has_class (const char *classes,
           const char *name)
{
  g_auto(GStrv) list = g_strsplit (classes, " ", -1);

  return g_strv_contains ((const char * const *) list, name);
}

/* Tooltip's first line ("Label id") -> Pieces, from the <mark> elements
 * of the article (see find_pieces()). Checks that
 * marks never cross a paragraph and that first, last and the anchor sit on
 * the first and the last piece. */
static GHashTable *
read_article (const char *html)
{
  GHashTable *spans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, pieces_free);
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  const char *p = strstr (html, "<article");
  const char *end = strstr (html, "</article>");

  g_assert_nonnull (p);
  g_assert_nonnull (end);
  p = strchr (p, '>') + 1;

  while (p < end)
    {
      if (g_str_has_prefix (p, "<mark "))
        {
          const char *tag_end = strchr (p, '>');
          g_autofree char *classes = attribute_value (p, tag_end, "class");
          g_autofree char *title = attribute_value (p, tag_end, "title");
          g_autofree char *anchor = attribute_value (p, tag_end, "id");
          g_autofree char *id = g_strndup (title, strcspn (title, "\n"));
          Pieces *pieces = g_hash_table_lookup (spans, id);

          if (pieces == NULL)
            {
              pieces = g_new0 (Pieces, 1);
              pieces->text = g_string_new (NULL);
              g_hash_table_insert (spans, g_steal_pointer (&id), pieces);
            }
          /* Nothing of a span after its last piece; the first has the anchor. */
          g_assert_false (pieces->ended);
          g_assert_cmpint (has_class (classes, "first"), ==, pieces->n_pieces == 0);
          g_assert_cmpint (anchor != NULL, ==, pieces->n_pieces == 0);
          pieces->n_pieces++;
          pieces->n_first += has_class (classes, "first");
          pieces->n_anchors += anchor != NULL;
          pieces->ended = has_class (classes, "last");
          pieces->empty |= has_class (classes, "empty");
          g_ptr_array_add (stack, pieces);
          p = tag_end + 1;
        }
      else if (g_str_has_prefix (p, "</mark>"))
        {
          g_assert_cmpuint (stack->len, >, 0);
          g_ptr_array_remove_index (stack, stack->len - 1);
          p += strlen ("</mark>");
        }
      else if (g_str_has_prefix (p, "<p") || g_str_has_prefix (p, "</p>"))
        {
          g_assert_cmpuint (stack->len, ==, 0);
          p = strchr (p, '>') + 1;
        }
      else if (*p == '<')
        {
          g_error ("unexpected tag in the article: \"%.30s\"", p);
        }
      else
        {
          gsize n = strcspn (p, "<");
          g_autofree char *chars = unescape (p, n);

          for (guint i = 0; i < stack->len; i++)
            g_string_append (((Pieces *) g_ptr_array_index (stack, i))->text, chars);
          p += n;
        }
    }

  return spans;
}

/* What the page shows of [start, end): its characters less line breaks and
 * the contents of lines that hold only spaces and tabs. */
static char *
visible_slice (const char *text,
               guint       start,
               guint       end)
{
  GString *out = g_string_new (NULL);
  const char *line = text;
  guint cp = 0;

  while (*line != '\0')
    {
      gsize n = strcspn (line, "\r\n");
      gboolean blank = strspn (line, " \t") >= n;
      const char *p = line;

      for (; p < line + n; p = g_utf8_next_char (p), cp++)
        if (!blank && cp >= start && cp < end)
          g_string_append_len (out, p, g_utf8_next_char (p) - p);

      p = line + n;
      if (*p == '\r' && p[1] == '\n')
        {
          p += 2;
          cp += 2;
        }
      else if (*p != '\0')
        {
          p++;
          cp++;
        }
      line = p;
    }

  return g_string_free (out, FALSE);
}

/* The pieces of the span @id: those whose tooltip starts "… @id". */
static Pieces *
find_pieces (GHashTable *spans,
             const char *id)
{
  g_autofree char *suffix = g_strconcat (" ", id, NULL);
  GHashTableIter iter;
  gpointer key, value;
  Pieces *found = NULL;

  g_hash_table_iter_init (&iter, spans);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_has_suffix (key, suffix))
      {
        g_assert_null (found);
        found = value;
      }

  return found;
}

static void
check_article (const char     *html,
               AttestDocument *document)
{
  g_autoptr(GHashTable) spans = read_article (html);
  AttestText *text = attest_document_get_text (document);
  g_autoptr(AttestRecord) record = attest_record_new_for_document (document, "x.txt");

  g_assert_cmpuint (g_hash_table_size (spans), ==, record->n_spans);
  for (guint i = 0; i < record->n_spans; i++)
    {
      const AttestSpan *span = record->spans[i];
      Pieces *pieces = find_pieces (spans, span->id);
      g_autofree char *expected = visible_slice (attest_text_get_data (text), span->start, span->end);

      g_assert_nonnull (pieces);
      g_assert_cmpuint (pieces->n_first, ==, 1);
      g_assert_cmpuint (pieces->n_anchors, ==, 1);
      g_assert_true (pieces->ended);
      g_assert_cmpstr (pieces->text->str, ==, expected);
      g_assert_cmpint (pieces->empty, ==, *expected == '\0');
    }
}

static guint
n_pieces (const char *html,
          const char *id)
{
  g_autoptr(GHashTable) spans = read_article (html);
  Pieces *pieces = find_pieces (spans, id);

  g_assert_nonnull (pieces);
  return pieces->n_pieces;
}

/* Fixtures ------------------------------------------------------------------ */

static void
add_info (GPtrArray         *documents,
          AttestDocument    *document,
          const char        *name,
          AttestExportChunk *chunk)
{
  AttestExportDocInfo *info = g_new0 (AttestExportDocInfo, 1);
  AttestSpanStore *store = attest_document_get_spans (document);
  guint n = attest_span_store_get_n_spans (store);

  info->name = g_strdup (name);
  info->title = g_strdup (attest_document_get_title (document));
  info->output = g_strdup (((AttestExportFile *) g_ptr_array_index (chunk->files, 0))->name);
  info->status = attest_document_get_status (document);
  info->n_spans = chunk->n_spans;
  info->n_relations = chunk->n_relations;
  for (guint i = 0; i < n; i++)
    if (attest_span_store_get_nth (store, i)->label == g_intern_static_string ("quote"))
      info->n_quotes++;
  g_ptr_array_add (documents, info);
}

static void
doc_info_free (gpointer data)
{
  AttestExportDocInfo *info = data;

  g_free (info->name);
  g_free (info->title);
  g_free (info->output);
  g_free (info);
}

static void
test_golden_harbour (void)
{
  g_autoptr(AttestTagset) tagset = attest_tagset_new_default ();
  g_autoptr(AttestDocument) document = format_test_load_fixture ("world/harbour.txt");
  AttestExportChunk chunk = { 0, };
  const GString *html;

  export_document (tagset, FALSE, document, "world/harbour.txt", &chunk);
  html = chunk_file (&chunk, "world/harbour.html");
  write_out ("fixtures/world/harbour.html", html);
  assert_golden ("world/harbour.html", html);
  check_html (html->str);
  check_article (html->str, document);

  /* The header a page needs to be safe and readable on its own. */
  g_assert_true (g_str_has_prefix (html->str, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
                                   "<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" "
                                   "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:;"));
  g_assert_nonnull (strstr (html->str, "@media (prefers-color-scheme: dark)"));
  g_assert_nonnull (strstr (html->str, "@media print"));
  g_assert_nonnull (strstr (html->str, "print-color-adjust: exact"));
  g_assert_nonnull (strstr (html->str, "<article class=\"text card\" lang=\"en\">"));
  g_assert_nonnull (strstr (html->str, "<h1 dir=\"auto\" lang=\"en\">Harbour bridge \U0001F309 reopens</h1>"));
  g_assert_nonnull (strstr (html->str, "<nav><a href=\"../index.html\">"));

  /* Colours and styles from the tag set, one class per label. */
  g_assert_nonnull (strstr (html->str, ".l0 { --c: #f6d32d; --rgb: 246, 211, 45; }"));
  g_assert_nonnull (strstr (html->str, ".l1 { --c: #3584e4; --rgb: 53, 132, 228; }"));
  g_assert_nonnull (strstr (html->str, ".l2 { --c: #2ec27e; --rgb: 46, 194, 126; }"));
  g_assert_nonnull (strstr (html->str, "<mark class=\"l1 ul v0 first last\" id=\"span-s2\""));

  /* Legend with counts; counts of the rest. */
  g_assert_nonnull (strstr (html->str, ">Quote</mark><span class=\"count\">4</span>"));
  g_assert_nonnull (strstr (html->str, ">Speaker</mark><span class=\"count\">3</span>"));
  g_assert_nonnull (strstr (html->str, ">Fact</mark><span class=\"count\">3</span>"));
  g_assert_nonnull (strstr (html->str, "<b>5</b><span>relations</span>"
                                       "<span class=\"sub\">Said by<span class=\"count\">4</span></span>"
                                       "<span class=\"sub\">Continues<span class=\"count\">1</span></span>"));
  g_assert_nonnull (strstr (html->str, "<b>2</b><span>entities</span>"));

  /* Nested: the fact inside the second half of the split quote is one
   * element inside the quote's, drawn a level in. Overlapping: the fact
   * that starts inside a quote and runs past it is cut in two. Over two
   * paragraphs: one element per paragraph. */
  g_assert_nonnull (strstr (html->str, "and it will carry <mark class=\"l2 bx v1 first last\" id=\"span-s4\""));
  g_assert_cmpuint (n_pieces (html->str, "s3"), ==, 1);
  g_assert_cmpuint (n_pieces (html->str, "s7"), ==, 2);
  g_assert_cmpuint (n_pieces (html->str, "s8"), ==, 2);
  g_assert_cmpuint (count (html->str, "<p dir=\"auto\">"), ==, 5);

  /* The quote table: speaker, entity with its Wikidata link, kind, the
   * split quote's link to its first half, the note escaped. */
  g_assert_nonnull (strstr (html->str, "<a href=\"#span-s2\">Mayor Zo\u00eb Okafor</a></td>"
                                       "<td dir=\"auto\" lang=\"en\">Zo\u00eb Okafor <a class=\"id\" "
                                       "href=\"https://www.wikidata.org/wiki/Q000001\""));
  g_assert_nonnull (strstr (html->str, "Continues <a href=\"#span-s1\">s1</a>"));
  g_assert_nonnull (strstr (html->str, "<span class=\"pill\">indirect</span>"));
  g_assert_nonnull (strstr (html->str, "split quote &lt;script&gt;alert(1)&lt;/script&gt;"));
  g_assert_cmpuint (count (html->str, "<tr><td class=\"id\">"), ==, 4);
  /* The multi-paragraph quote keeps its line breaks in the table. */
  g_assert_nonnull (strstr (html->str, "three piers.\n\n\u201cEach one"));
  g_assert_nonnull (strstr (html->str, "cheered &lt;b&gt;loudly&lt;/b&gt; &amp; waved."));

  chunk_clear (&chunk);
}

static void
test_golden_cjk_rtl (void)
{
  g_autoptr(AttestTagset) tagset = attest_tagset_new_default ();
  g_autoptr(AttestDocument) document = format_test_load_fixture ("cjk-rtl.txt");
  AttestExportChunk chunk = { 0, };
  const GString *html;

  export_document (tagset, FALSE, document, "cjk-rtl.txt", &chunk);
  html = chunk_file (&chunk, "cjk-rtl.html");
  write_out ("fixtures/cjk-rtl.html", html);
  assert_golden ("cjk-rtl.html", html);
  check_html (html->str);
  check_article (html->str, document);

  /* Each line is its own paragraph for the bidi algorithm, so the Arabic
   * line runs right to left; lines without a blank between stay close. */
  g_assert_nonnull (strstr (html->str, "<article class=\"text card\" lang=\"mul\">\n<p dir=\"auto\">"));
  g_assert_cmpuint (count (html->str, "<p dir=\"auto\" class=\"cont\">"), ==, 2);
  g_assert_nonnull (strstr (html->str, "\U0002000B"));
  g_assert_nonnull (strstr (html->str, "\u0642\u0627\u0644 <mark class=\"l1 ul v0 first last\" id=\"span-s4\""));
  /* No nav link up: the document is at the top. */
  g_assert_nonnull (strstr (html->str, "<nav><a href=\"index.html\">"));
  /* A speaker without an entity gets no entity cell's content. */
  g_assert_nonnull (strstr (html->str, "<a href=\"#span-s4\">\u0627\u0644\u0648\u0632\u064a\u0631</a></td><td></td>"));

  chunk_clear (&chunk);
}

static void
test_golden_index (void)
{
  g_autoptr(AttestTagset) tagset = attest_tagset_new_default ();
  g_autoptr(AttestDocument) harbour = format_test_load_fixture ("world/harbour.txt");
  g_autoptr(AttestDocument) cjk = format_test_load_fixture ("cjk-rtl.txt");
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (doc_info_free);
  g_autoptr(GHashTable) labels = g_hash_table_new (NULL, NULL);
  AttestExportContext context = { &attest_export_html, tagset, FALSE };
  AttestExportSummary summary = { 0, };
  AttestExportChunk chunk = { 0, };
  AttestExportChunk tail = { 0, };
  const GString *html;

  export_document (tagset, FALSE, cjk, "cjk-rtl.txt", &chunk);
  add_info (documents, cjk, "cjk-rtl.txt", &chunk);
  chunk_clear (&chunk);
  export_document (tagset, FALSE, harbour, "world/harbour.txt", &chunk);
  add_info (documents, harbour, "world/harbour.txt", &chunk);
  chunk_clear (&chunk);

  g_hash_table_insert (labels, (gpointer) g_intern_static_string ("quote"), GUINT_TO_POINTER (7));
  g_hash_table_insert (labels, (gpointer) g_intern_static_string ("speaker"), GUINT_TO_POINTER (6));
  g_hash_table_insert (labels, (gpointer) g_intern_static_string ("fact"), GUINT_TO_POINTER (4));
  summary.n_documents = 2;
  summary.n_spans = 17;
  summary.n_relations = 8;
  summary.n_entities = 3;
  summary.n_problems = 1;
  summary.documents = documents;
  summary.labels = labels;

  attest_export_html.tail (&context, &summary, NULL, &tail);
  html = chunk_file (&tail, "index.html");
  write_out ("fixtures/index.html", html);
  assert_golden ("index.html", html);
  check_html (html->str);

  g_assert_nonnull (strstr (html->str, "<a href=\"./world/harbour.html\">Harbour bridge \U0001F309 reopens</a>"));
  g_assert_nonnull (strstr (html->str, "<a href=\"./cjk-rtl.html\">cjk-rtl.txt</a>"));
  g_assert_nonnull (strstr (html->str, "<li>1 done</li>\n<li>1 in progress</li>\n<li>0 new</li>"));
  g_assert_nonnull (strstr (html->str, "<li>1 could not be read</li>"));
  g_assert_nonnull (strstr (html->str, ">Quote</mark><span class=\"count\">7</span>"));
  g_assert_nonnull (strstr (html->str, "<td class=\"num\">10</td><td class=\"num\">4</td><td class=\"num\">5</td>"));
  chunk_clear (&tail);

  /* One article alone ("export this article"): no index, no link to it. */
  context.single = TRUE;
  attest_export_html.tail (&context, &summary, NULL, &tail);
  g_assert_null (tail.files);
  export_document (tagset, TRUE, harbour, "world/harbour.txt", &chunk);
  g_assert_null (strstr (chunk_file (&chunk, "world/harbour.html")->str, "index.html"));
  g_assert_null (strstr (chunk_file (&chunk, "world/harbour.html")->str, "<nav>"));
  chunk_clear (&chunk);
}

/* Hostile input ------------------------------------------------------------ */

static guint
cp_of (const char *text,
       const char *needle)
{
  const char *at = strstr (text, needle);

  g_assert_nonnull (at);
  return (guint) g_utf8_pointer_to_offset (text, at);
}

static void
add_span (AttestDocument *document,
          const char     *id,
          const char     *label,
          const char     *covered,
          const char     *note)
{
  const char *text = attest_text_get_data (attest_document_get_text (document));
  guint start = cp_of (text, covered);
  AttestSpan *span = attest_span_new (id, label, start, start + g_utf8_strlen (covered, -1));
  g_autoptr(GError) error = NULL;

  span->note = g_strdup (note);
  if (g_str_equal (label, "quote"))
    span->attrs = attest_attrs_set (span->attrs, "kind", XSS_IMG);
  if (g_str_equal (label, "speaker"))
    span->entity = g_strdup ("e1");
  attest_document_add_span (document, span, &error);
  g_assert_no_error (error);
}

static AttestDocument *
new_hostile_document (void)
{
  g_autoptr(AttestText) text = attest_text_new (HOSTILE_TEXT, -1, NULL);
  AttestDocument *document = attest_document_new (text);
  AttestEntity *entity = attest_entity_new ("e1", XSS_TITLE, "person");
  AttestEntity *other = attest_entity_new ("e2", "Ok & fine " XSS_DIV, "organisation");
  g_autoptr(GError) error = NULL;

  attest_document_set_file_name (document, XSS_IMG ".txt");
  attest_document_set_meta (document, "title", "</title>" XSS_TITLE " " XSS_META);
  attest_document_set_language (document, "en\"><script>");
  attest_document_set_tagset (document, XSS_STYLE, 1);
  attest_document_set_status (document, ATTEST_STATUS_DONE);

  entity->wikidata = g_strdup (XSS_JS);
  entity->aliases = g_new0 (char *, 3);
  entity->aliases[0] = g_strdup (XSS_ONERROR);
  entity->aliases[1] = g_strdup (XSS_META);
  other->wikidata = g_strdup ("Q42");
  g_assert_true (attest_document_add_entity (document, entity, &error));
  g_assert_true (attest_document_add_entity (document, other, &error));

  add_span (document, "s1", "quote", XSS_ALERT,
            XSS_TITLE " " XSS_ONERROR " " XSS_STYLE " " XSS_DIV " " XSS_META " & " XSS_JS);
  add_span (document, "s2", "speaker", XSS_IMG, NULL);
  add_span (document, "s3", "fact", XSS_STYLE " & " XSS_JS, XSS_ALERT);
  add_span (document, "s4", "x\"><script>document.title='PWNED'</script>", XSS_DIV, XSS_META);
  /* An imported id that is no safe fragment. */
  add_span (document, XSS_IMG, "fact", XSS_META, "imported & linked");
  add_span (document, "s6", "quote", XSS_ONERROR, NULL);

  g_assert_true (attest_document_add_relation (document,
                                               attest_relation_new ("r1", "said-by", "s1", "s2"),
                                               &error));
  g_assert_true (attest_document_add_relation (document,
                                               attest_relation_new ("r2", XSS_STYLE, "s6", "s1"),
                                               &error));
  g_assert_no_error (error);

  return document;
}

static AttestTagset *
new_hostile_tagset (void)
{
  g_autoptr(GString) json = g_string_new ("{\"format\": \"attest-tagset\", \"version\": 1, \"name\": ");
  g_autoptr(GError) error = NULL;
  AttestTagset *tagset;

  attest_json_append_string (json, XSS_STYLE, -1);
  g_string_append (json, ", \"labels\": [{\"id\": \"quote\", \"color\": \"#F6D32D\", \"name\": ");
  attest_json_append_string (json, XSS_STYLE, -1);
  g_string_append (json, ", \"description\": ");
  attest_json_append_string (json, XSS_ALERT, -1);
  g_string_append (json, "}, {\"id\": \"speaker\", \"style\": \"underline\", \"color\": \"#3584e4\", \"name\": ");
  attest_json_append_string (json, XSS_ONERROR, -1);
  g_string_append (json, "}, {\"id\": \"fact\", \"style\": \"box\", \"name\": ");
  attest_json_append_string (json, XSS_JS " & " XSS_DIV, -1);
  g_string_append (json, "}], \"relations\": [{\"id\": \"said-by\", \"from\": [\"quote\"], "
                         "\"to\": [\"speaker\"], \"name\": ");
  attest_json_append_string (json, XSS_ALERT, -1);
  g_string_append (json, "}]}");

  tagset = attest_tagset_new_from_data (json->str, json->len, "hostile.json", &error);
  g_assert_no_error (error);

  /* The loader refuses colours that are not #rrggbb; a tag set built
   * some other way might not, so the report checks them again. */
  for (guint i = 0; i < 3; i++)
    {
      static const char * const colors[] = { XSS_COLOR, "#12345", "#GGGGGG" };
      AttestLabel *label = attest_tagset_get_label (tagset, i);

      g_free (label->color);
      label->color = g_strdup (colors[i]);
    }

  return tagset;
}

static void
test_hostile_report (void)
{
  g_autoptr(AttestTagset) tagset = new_hostile_tagset ();
  g_autoptr(AttestDocument) document = new_hostile_document ();
  const char *name = "javascript:alert(1)/" XSS_IMG ".txt";
  AttestExportChunk chunk = { 0, };
  g_autofree char *file_name = attest_export_file_name (name, ".html");
  const char *html;

  export_document (tagset, FALSE, document, name, &chunk);
  html = chunk_file (&chunk, file_name)->str;
  write_out ("hostile/report.html", chunk_file (&chunk, file_name));

  check_html (html);
  check_article (html, document);

  g_assert_false (contains_nocase (html, "<script"));
  g_assert_false (contains_nocase (html, "<img"));
  g_assert_false (contains_nocase (html, "<div id"));
  assert_only_as_text (html, "onerror=");
  assert_only_as_text (html, "javascript:");
  g_assert_null (strstr (html, "red;"));
  g_assert_null (strstr (html, "#12345"));
  g_assert_false (contains_nocase (html, "#gggggg"));
  g_assert_cmpuint (count (html, "<meta "), ==, 6);
  g_assert_cmpuint (count (html, "<style>"), ==, 1);
  g_assert_cmpuint (count (html, "</style>"), ==, 1);
  g_assert_cmpuint (count (html, "<title>"), ==, 1);
  g_assert_cmpuint (count (html, "</title>"), ==, 1);

  /* Bad colours fall back to the window's grey, and so does the label
   * the tag set does not know. */
  g_assert_nonnull (strstr (html, ".l0 { --c: #9a9996; --rgb: 154, 153, 150; }"));
  g_assert_nonnull (strstr (html, ".l1 { --c: #9a9996;"));
  g_assert_nonnull (strstr (html, ".l2 { --c: #9a9996;"));
  g_assert_nonnull (strstr (html, ".l3 { --c: #9a9996;"));

  /* Everything is still there, as text. */
  g_assert_nonnull (strstr (html, "Intro <mark"));
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(1)&lt;/script&gt;</mark> then "));
  g_assert_nonnull (strstr (html, "&lt;div id=&quot;pwned&quot;&gt;PWNED&lt;/div&gt;"));
  g_assert_nonnull (strstr (html, "&lt;meta http-equiv=&quot;refresh&quot;"));
  g_assert_nonnull (strstr (html, "<title>&lt;/title&gt;&lt;script&gt;document.title=&#39;PWNED&#39;"));
  g_assert_nonnull (strstr (html, "&lt;/style&gt;&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt;</mark>"
                                  "<span class=\"count\">2</span>"));
  g_assert_nonnull (strstr (html, "x&quot;&gt;&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt;</mark>"
                                  "<span class=\"count\">1</span>"));
  g_assert_nonnull (strstr (html, "<span class=\"pill\">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</span>"));
  g_assert_nonnull (strstr (html, "<li dir=\"auto\">javascript:alert(1)/&quot;&gt;&lt;img"));
  g_assert_nonnull (strstr (html, "<li dir=\"auto\">Tag set: &lt;/style&gt;"));

  /* A language that is no tag is unknown, not copied. */
  g_assert_nonnull (strstr (html, "<article class=\"text card\" lang=\"\">"));
  /* Only Q-ids become Wikidata links. */
  g_assert_nonnull (strstr (html, "href=\"https://www.wikidata.org/wiki/Q42\""));
  g_assert_cmpuint (count (html, "wikidata.org"), ==, 1);
  /* The id that is no fragment is linked by position, and its anchor exists. */
  g_assert_null (strstr (html, "span-&quot;"));
  g_assert_nonnull (strstr (html, "id=\"span~"));
  g_assert_nonnull (strstr (html, "href=\"#span~"));
  /* The nav link counts the folder of the name. */
  g_assert_nonnull (strstr (html, "<nav><a href=\"../index.html\">"));

  chunk_clear (&chunk);
}

static void
test_hostile_index (void)
{
  g_autoptr(AttestTagset) tagset = new_hostile_tagset ();
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (doc_info_free);
  g_autoptr(GHashTable) labels = g_hash_table_new (NULL, NULL);
  AttestExportContext context = { &attest_export_html, tagset, FALSE };
  AttestExportSummary summary = { 0, };
  AttestExportChunk tail = { 0, };
  AttestExportDocInfo *info = g_new0 (AttestExportDocInfo, 1);
  AttestExportDocInfo *plain = g_new0 (AttestExportDocInfo, 1);
  const char *html;

  info->name = g_strdup ("javascript:alert(1)/" XSS_IMG ".txt");
  info->title = g_strdup ("</title>" XSS_TITLE);
  info->output = g_strdup ("javascript:alert(1)/" XSS_IMG ".html");
  info->status = ATTEST_STATUS_NEW;
  g_ptr_array_add (documents, info);
  /* No output recorded: the link is made from the name. */
  plain->name = g_strdup ("batch 3/caf\u00e9 & co.txt");
  plain->status = ATTEST_STATUS_DONE;
  g_ptr_array_add (documents, plain);

  g_hash_table_insert (labels, (gpointer) g_intern_string ("\"><b>x</b>"), GUINT_TO_POINTER (2));
  g_hash_table_insert (labels, (gpointer) g_intern_static_string ("quote"), GUINT_TO_POINTER (1));
  summary.documents = documents;
  summary.labels = labels;

  attest_export_html.tail (&context, &summary, NULL, &tail);
  html = chunk_file (&tail, "index.html")->str;
  write_out ("hostile/index.html", chunk_file (&tail, "index.html"));
  check_html (html);

  g_assert_false (contains_nocase (html, "<script"));
  g_assert_false (contains_nocase (html, "<img"));
  g_assert_nonnull (strstr (html, "<a href=\"./javascript%3Aalert%281%29/%22%3E%3Cimg%20src%3Dx%20"
                                  "onerror%3Dalert%281%29%3E.html\">&lt;/title&gt;&lt;script&gt;"));
  g_assert_nonnull (strstr (html, "<a href=\"./batch%203/caf%C3%A9%20%26%20co.html\">"
                                  "batch 3/caf\u00e9 &amp; co.txt</a>"));
  g_assert_nonnull (strstr (html, ">&quot;&gt;&lt;b&gt;x&lt;/b&gt;</mark><span class=\"count\">2</span>"));
  g_assert_null (strstr (html, "red;"));

  chunk_clear (&tail);
}

/* Spans of every shape ----------------------------------------------------- */

static void
test_random_spans (void)
{
  static const char * const pieces[] = {
    "ab", " ", "\u00e7a", "e\u0301", "\U0001F1EB\U0001F1F7", "\u65e5\u672c", "\u0642\u0627\u0644",
    "\n", "\r\n", "\r", "\n\n", "  \n", "\r\n\r\n", "<&>", "\t",
  };
  static const char * const labels[] = { "quote", "speaker", "fact", "other" };
  g_autoptr(AttestTagset) tagset = attest_tagset_new_default ();

  for (guint round = 0; round < 300; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(AttestText) attest_text = NULL;
      g_autoptr(AttestDocument) document = NULL;
      AttestExportChunk chunk = { 0, };
      guint n_pieces_text = g_test_rand_int_range (0, 14);
      guint length;
      guint n_spans;

      for (guint i = 0; i < n_pieces_text; i++)
        g_string_append (text, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
      attest_text = attest_text_new (text->str, text->len, NULL);
      document = attest_document_new (attest_text);
      length = attest_text_get_length (attest_text);
      n_spans = g_test_rand_int_range (0, 10);

      for (guint i = 0; i < n_spans; i++)
        {
          guint a = g_test_rand_int_range (0, length + 1);
          guint b = g_test_rand_int_range (0, length + 1);
          const char *label = labels[g_test_rand_int_range (0, G_N_ELEMENTS (labels))];
          AttestSpan *span = attest_span_new (NULL, label, MIN (a, b), MAX (a, b));
          g_autoptr(GError) error = NULL;

          attest_document_add_span (document, span, &error);
          g_assert_no_error (error);
        }

      export_document (tagset, FALSE, document, "random.txt", &chunk);
      check_html (chunk_file (&chunk, "random.html")->str);
      check_article (chunk_file (&chunk, "random.html")->str, document);
      chunk_clear (&chunk);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/attest/core/format/html/golden/harbour", test_golden_harbour);
  g_test_add_func ("/attest/core/format/html/golden/cjk-rtl", test_golden_cjk_rtl);
  g_test_add_func ("/attest/core/format/html/golden/index", test_golden_index);
  g_test_add_func ("/attest/core/format/html/hostile/report", test_hostile_report);
  g_test_add_func ("/attest/core/format/html/hostile/index", test_hostile_index);
  g_test_add_func ("/attest/core/format/html/random-spans", test_random_spans);

  return g_test_run ();
}
