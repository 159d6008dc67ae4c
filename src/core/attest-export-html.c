/* attest-export-html.c: a self-contained HTML report per document
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "attest-export-html-private.h"

/* A report is opened from a folder, mailed, attached to a ticket: it must
 * not run anything or fetch anything, whatever the article, the notes or
 * the tag set hold. So every string is escaped, colours are validated
 * before they reach the style sheet, labels become classes by position
 * (l0, l1, …) instead of by name, and the Content-Security-Policy forbids
 * scripts and every fetch as a second wall.
 *
 * The words around the article (headings, column names) are English and
 * never translated: the same sidecars give the same bytes everywhere. */

/* What the window paints a label with when its colour is unusable. */
#define FALLBACK_COLOR "#9a9996"

/* Escaping ---------------------------------------------------------------- */

/* Appends @str (valid UTF-8) with the five HTML specials as references,
 * so it is safe in text and in a quoted attribute alike. Control
 * characters other than tab and line breaks are not allowed in HTML:
 * they become U+FFFD. */
void
_attest_html_append_escaped_valid (GString    *out,
                                   const char *str,
                                   gsize       len)
{
  const char *end = str + len;
  const char *run = str;

  for (const char *p = str; p < end; p++)
    {
      guchar c = (guchar) *p;
      const char *replacement;
      gsize skip = 1;

      switch (c)
        {
        case '&': replacement = "&amp;"; break;
        case '<': replacement = "&lt;"; break;
        case '>': replacement = "&gt;"; break;
        case '"': replacement = "&quot;"; break;
        case '\'': replacement = "&#39;"; break;
        case '\r':
          /* As the HTML parser would: CRLF and a lone CR are one LF. */
          replacement = "\n";
          if (p + 1 < end && p[1] == '\n')
            skip = 2;
          break;
        default:
          if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
            {
              replacement = "\xef\xbf\xbd";
            }
          else if (c == 0xc2 && p + 1 < end &&
                   (guchar) p[1] >= 0x80 && (guchar) p[1] <= 0x9f)
            {
              replacement = "\xef\xbf\xbd";
              skip = 2;
            }
          else
            {
              continue;
            }
        }

      attest_json_append_len (out, run, p - run);
      attest_json_append_len (out, replacement, strlen (replacement));
      p += skip - 1;
      run = p + 1;
    }

  attest_json_append_len (out, run, end - run);
}

/* For strings that did not come through a validating reader (file names
 * from the file system can be any bytes). */
void
_attest_html_append_escaped (GString    *out,
                             const char *str)
{
  gsize len;

  if (str == NULL)
    return;

  len = strlen (str);
  if (G_LIKELY (g_utf8_validate (str, len, NULL)))
    {
      _attest_html_append_escaped_valid (out, str, len);
    }
  else
    {
      g_autofree char *valid = g_utf8_make_valid (str, len);

      _attest_html_append_escaped_valid (out, valid, strlen (valid));
    }
}

/* The fragment naming a span: "span-s1" for ids made of safe characters,
 * "span~12" (its position) for any other, which no safe id can give. */
void
_attest_html_append_span_anchor (GString            *out,
                                 const AttestRecord *record,
                                 guint               position)
{
  const char *id = record->spans[position]->id;
  gboolean safe = id != NULL && *id != '\0';

  for (const char *p = id; safe && *p != '\0'; p++)
    safe = g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.';

  if (safe)
    g_string_append_printf (out, "span-%s", id);
  else
    g_string_append_printf (out, "span~%u", position);
}

static gboolean
parse_color (const char *color,
             guint8      rgb[3])
{
  if (color == NULL || color[0] != '#' || strlen (color) != 7)
    return FALSE;

  for (guint i = 0; i < 3; i++)
    {
      int hi = g_ascii_xdigit_value (color[1 + 2 * i]);
      int lo = g_ascii_xdigit_value (color[2 + 2 * i]);

      if (hi < 0 || lo < 0)
        return FALSE;
      rgb[i] = (guint8) (hi * 16 + lo);
    }

  return TRUE;
}

/* A BCP 47 shape (letters, digits and hyphens in subtags of one to eight);
 * anything else is written as lang="" (unknown) rather than guessed. */
static gboolean
is_language_tag (const char *tag)
{
  guint run = 0;

  if (tag == NULL || *tag == '\0' || strlen (tag) > 35)
    return FALSE;

  for (const char *p = tag; *p != '\0'; p++)
    {
      if (*p == '-')
        {
          if (run == 0)
            return FALSE;
          run = 0;
        }
      else if (g_ascii_isalnum (*p) && ++run <= 8)
        {
          continue;
        }
      else
        {
          return FALSE;
        }
    }

  return run > 0;
}

static const char *
status_name (AttestStatus status)
{
  switch (status)
    {
    case ATTEST_STATUS_NEW:
      return "New";
    case ATTEST_STATUS_IN_PROGRESS:
      return "In progress";
    case ATTEST_STATUS_DONE:
      return "Done";
    default:
      return "Unknown";
    }
}

void
_attest_html_append_status (GString      *out,
                            AttestStatus  status)
{
  g_string_append_printf (out, "<span class=\"pill st-%s\">%s</span>",
                          attest_status_to_string (status), status_name (status));
}

/* Labels ------------------------------------------------------------------ */

void
_attest_html_label_table_clear (LabelTable *table)
{
  g_clear_pointer (&table->styles, g_array_unref);
  g_clear_pointer (&table->positions, g_hash_table_unref);
}

static void
label_table_push (LabelTable       *table,
                  const char       *id,
                  const char       *name,
                  const char       *color,
                  AttestLabelStyle  style)
{
  LabelStyle item = { 0, };

  item.id = id;
  item.name = name != NULL ? name : id;
  if (!parse_color (color, item.rgb))
    {
      color = FALLBACK_COLOR;
      parse_color (color, item.rgb);
    }
  g_snprintf (item.color, sizeof item.color, "#%02x%02x%02x",
              item.rgb[0], item.rgb[1], item.rgb[2]);
  switch (style)
    {
    case ATTEST_LABEL_STYLE_BACKGROUND:
    case ATTEST_LABEL_STYLE_UNDERLINE:
    case ATTEST_LABEL_STYLE_BOX:
      item.style = style;
      break;
    default:
      item.style = ATTEST_LABEL_STYLE_BACKGROUND;
      break;
    }

  g_array_append_val (table->styles, item);
  g_hash_table_insert (table->positions, (gpointer) id,
                       GUINT_TO_POINTER (table->styles->len));
}

void
_attest_html_label_table_init (LabelTable   *table,
                               AttestTagset *tagset)
{
  guint n_labels = attest_tagset_get_n_labels (tagset);

  table->styles = g_array_sized_new (FALSE, TRUE, sizeof (LabelStyle), n_labels + 4);
  table->positions = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < n_labels; i++)
    {
      AttestLabel *label = attest_tagset_get_label (tagset, i);

      label_table_push (table, label->id, label->name, label->color, label->style);
    }
}

/* Position of @label (interned), added with the window's fallback look
 * when the tag set does not name it. */
guint
_attest_html_label_table_get (LabelTable *table,
                              const char *label)
{
  guint position = GPOINTER_TO_UINT (g_hash_table_lookup (table->positions, label));

  if (position == 0)
    {
      label_table_push (table, label, label, FALLBACK_COLOR, ATTEST_LABEL_STYLE_BACKGROUND);
      position = table->styles->len;
    }

  return position - 1;
}

const char *
_attest_html_style_class (AttestLabelStyle style)
{
  switch (style)
    {
    case ATTEST_LABEL_STYLE_UNDERLINE:
      return "ul";
    case ATTEST_LABEL_STYLE_BOX:
      return "bx";
    case ATTEST_LABEL_STYLE_BACKGROUND:
    default:
      return "bg";
    }
}

static const char *
label_name (const LabelTable *table,
            guint             position)
{
  return g_array_index (table->styles, LabelStyle, position).name;
}

void
_attest_html_append_legend (GString          *out,
                            const LabelTable *table)
{
  attest_json_append_literal (out, "<ul class=\"legend\">\n");
  for (guint i = 0; i < table->styles->len; i++)
    {
      const LabelStyle *item = &g_array_index (table->styles, LabelStyle, i);

      g_string_append_printf (out, "<li><mark class=\"l%u %s first last\">", i,
                              _attest_html_style_class (item->style));
      _attest_html_append_escaped (out, item->name);
      g_string_append_printf (out, "</mark><span class=\"count\">%" G_GUINT64_FORMAT
                              "</span></li>\n", item->count);
    }
  attest_json_append_literal (out, "</ul>\n");
}

/* One report -------------------------------------------------------------- */

static char *
span_title (const AttestRecord *record,
            const LabelTable   *labels,
            const SpanInfo     *info,
            guint               position)
{
  const AttestSpan *span = record->spans[position];
  GString *title = g_string_new (NULL);

  _attest_html_append_escaped (title, label_name (labels, info->label));
  g_string_append_c (title, ' ');
  _attest_html_append_escaped (title, span->id);
  for (guint i = 0; span->attrs != NULL && span->attrs[i] != NULL; i += 2)
    {
      g_string_append_c (title, '\n');
      _attest_html_append_escaped (title, span->attrs[i]);
      attest_json_append_literal (title, ": ");
      _attest_html_append_escaped (title, span->attrs[i + 1]);
    }
  if (span->label == g_intern_static_string ("quote") && info->speaker >= 0)
    {
      const AttestSpan *speaker = record->spans[info->speaker];
      gsize n_bytes;
      const char *slice = attest_export_slice (record, speaker->start, speaker->end, &n_bytes);

      attest_json_append_literal (title, "\nSaid by: ");
      _attest_html_append_escaped_valid (title, slice, n_bytes);
    }
  if (span->note != NULL && *span->note != '\0')
    {
      attest_json_append_literal (title, "\nNote: ");
      _attest_html_append_escaped (title, span->note);
    }

  return g_string_free (title, FALSE);
}

/* Each quote's speaker (as attest_record_get_speaker() finds it) and the
 * parts it continues, in one walk over the relations instead of one per
 * quote: a transcript can hold tens of thousands of both. */
static void
link_relations (const AttestRecord *record,
                SpanInfo           *info)
{
  const char *said_by = g_intern_static_string ("said-by");
  const char *continues = g_intern_static_string ("continues");

  for (guint i = 0; i < record->n_relations; i++)
    {
      const AttestRelation *relation = record->relations[i];
      gint from = attest_record_find_span (record, relation->from);
      gint to = attest_record_find_span (record, relation->to);

      if (from < 0 || to < 0)
        continue;

      if (relation->type == said_by && info[from].speaker < 0)
        {
          info[from].speaker = to;
        }
      else if (relation->type == continues)
        {
          guint earlier = (guint) to;

          if (info[from].earlier == NULL)
            info[from].earlier = g_array_new (FALSE, FALSE, sizeof (guint));
          g_array_append_val (info[from].earlier, earlier);
        }
    }
}

static void
export_document (const AttestExportContext *context,
                 const AttestRecord        *record,
                 AttestExportChunk         *chunk)
{
  g_autofree char *file_name = attest_export_file_name (record->name, ".html");
  g_autofree SpanInfo *info = g_new0 (SpanInfo, record->n_spans + 1);
  const char *lang = is_language_tag (record->language) ? record->language : "";
  const char *title = attest_record_get_title (record);
  LabelTable labels = { 0, };
  GString *out;
  guint n_quotes = 0;

  _attest_html_label_table_init (&labels, context->tagset);
  for (guint i = 0; i < record->n_spans; i++)
    {
      info[i].speaker = -1;
      info[i].label = _attest_html_label_table_get (&labels, record->spans[i]->label);
      g_array_index (labels.styles, LabelStyle, info[i].label).count++;
      if (record->spans[i]->label == g_intern_static_string ("quote"))
        n_quotes++;
    }
  link_relations (record, info);
  for (guint i = 0; i < record->n_spans; i++)
    info[i].title = span_title (record, &labels, &info[i], i);

  out = attest_export_chunk_add_file (chunk, file_name);
  g_string_set_size (out, 0);
  _attest_html_append_head (out, title, &labels);

  if (!context->single)
    {
      attest_json_append_literal (out, "<nav><a href=\"");
      for (const char *p = strchr (record->name, '/'); p != NULL; p = strchr (p + 1, '/'))
        attest_json_append_literal (out, "../");
      attest_json_append_literal (out, "index.html\">All documents</a></nav>\n");
    }

  g_string_append_printf (out, "<header>\n<h1 dir=\"auto\" lang=\"%s\">", lang);
  _attest_html_append_escaped (out, title);
  attest_json_append_literal (out, "</h1>\n<ul class=\"meta\">\n<li dir=\"auto\">");
  _attest_html_append_escaped (out, record->name);
  attest_json_append_literal (out, "</li>\n<li>");
  _attest_html_append_status (out, record->status);
  attest_json_append_literal (out, "</li>\n");
  if (*lang != '\0')
    g_string_append_printf (out, "<li>Language: %s</li>\n", lang);
  if (record->tagset_name != NULL)
    {
      attest_json_append_literal (out, "<li dir=\"auto\">Tag set: ");
      _attest_html_append_escaped (out, record->tagset_name);
      g_string_append_printf (out, " %" G_GINT64_FORMAT "</li>\n", record->tagset_version);
    }
  if (record->sha256 != NULL && strlen (record->sha256) >= 12)
    {
      attest_json_append_literal (out, "<li class=\"id\" title=\"SHA-256 ");
      _attest_html_append_escaped (out, record->sha256);
      attest_json_append_literal (out, "\">");
      _attest_html_append_escaped_valid (out, record->sha256, 12);
      attest_json_append_literal (out, "\xe2\x80\xa6</li>\n");
    }
  attest_json_append_literal (out, "</ul>\n</header>\n<main>\n<ul class=\"stats\">\n");
  _attest_html_append_stat (out, record->n_spans, record->n_spans == 1 ? "span" : "spans");
  _attest_html_append_stat (out, n_quotes, n_quotes == 1 ? "quote" : "quotes");
  _attest_html_append_relation_stat (out, context, record);
  _attest_html_append_stat (out, record->n_entities, record->n_entities == 1 ? "entity" : "entities");
  attest_json_append_literal (out, "</ul>\n");
  _attest_html_append_legend (out, &labels);

  attest_json_append_literal (out, "<h2 id=\"article\">Article</h2>\n");
  _attest_html_append_article (out, record, &labels, info, lang);
  _attest_html_append_quotes (out, record, info, lang);
  _attest_html_append_entities (out, record, lang);
  _attest_html_append_notes (out, record, &labels, info);
  attest_json_append_literal (out, "</main>\n");
  _attest_html_append_foot (out);

  for (guint i = 0; i < record->n_spans; i++)
    {
      g_free (info[i].title);
      g_clear_pointer (&info[i].earlier, g_array_unref);
    }
  _attest_html_label_table_clear (&labels);

  chunk->n_spans = record->n_spans;
  chunk->n_relations = record->n_relations;
}

const AttestExporter attest_export_html = {
  .name = "html",
  .title = N_("HTML report"),
  .extension = NULL,
  .layout = ATTEST_EXPORT_FOLDER,
  .document = export_document,
  .tail = _attest_html_export_tail,
};
