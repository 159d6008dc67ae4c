/* attest-export-html.c: a self-contained HTML report per document
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "attest-export-private.h"

/* A report is opened from a folder, mailed, attached to a ticket: it must
 * not run anything or fetch anything, whatever the article, the notes or
 * the tag set hold. So every string is escaped, colours are validated
 * before they reach the style sheet, labels become classes by position
 * (l0, l1, …) instead of by name, and the Content-Security-Policy forbids
 * scripts and every fetch as a second wall.
 *
 * The words around the article (headings, column names) are English and
 * never translated: the same sidecars give the same bytes everywhere. */

#define CSP "default-src 'none'; style-src 'unsafe-inline'; img-src data:; " \
            "base-uri 'none'; form-action 'none'"
/* What the window paints a label with when its colour is unusable. */
#define FALLBACK_COLOR "#9a9996"
/* Nesting levels that get their own padding; deeper spans share the last. */
#define MAX_LEVEL 3

static const char style_sheet[] =
  ":root {\n"
  "  color-scheme: light dark;\n"
  "  --fg: rgba(0, 0, 0, 0.8);\n"
  "  --dim: rgba(0, 0, 0, 0.55);\n"
  "  --bg: #fafafa;\n"
  "  --card: #ffffff;\n"
  "  --line: rgba(0, 0, 0, 0.1);\n"
  "  --shade: rgba(0, 0, 0, 0.07);\n"
  "  --link: #1c71d8;\n"
  "  --pill: rgba(0, 0, 0, 0.06);\n"
  "  --alpha: 0.35;\n"
  "}\n"
  "@media (prefers-color-scheme: dark) {\n"
  "  :root {\n"
  "    --fg: #ffffff;\n"
  "    --dim: rgba(255, 255, 255, 0.6);\n"
  "    --bg: #242424;\n"
  "    --card: #303030;\n"
  "    --line: rgba(255, 255, 255, 0.1);\n"
  "    --shade: rgba(0, 0, 0, 0.36);\n"
  "    --link: #78aeed;\n"
  "    --pill: rgba(255, 255, 255, 0.1);\n"
  "    --alpha: 0.4;\n"
  "  }\n"
  "}\n"
  "* { box-sizing: border-box; }\n"
  "body {\n"
  "  margin: 0;\n"
  "  background: var(--bg);\n"
  "  color: var(--fg);\n"
  "  font: 16px/1.5 system-ui, Cantarell, \"Noto Sans\", \"Segoe UI\", sans-serif;\n"
  "  -webkit-text-size-adjust: 100%;\n"
  "}\n"
  ".page { max-width: 60rem; margin: 0 auto; padding: 2.5rem 1.5rem 4rem; }\n"
  "nav { font-size: 0.9rem; margin-bottom: 1.5rem; }\n"
  "a { color: var(--link); text-decoration: none; }\n"
  "a:hover { text-decoration: underline; }\n"
  "h1 { font-size: 2rem; font-weight: 800; line-height: 1.2; margin: 0 0 0.75rem; }\n"
  "h2 { font-size: 1.125rem; font-weight: 700; margin: 2.5rem 0 0.75rem; }\n"
  ".meta { display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; margin: 0; padding: 0;\n"
  "  list-style: none; color: var(--dim); font-size: 0.9rem; }\n"
  ".card { background: var(--card); border-radius: 12px;\n"
  "  box-shadow: 0 0 0 1px var(--line), 0 1px 3px 1px var(--shade); }\n"
  ".stats { display: flex; flex-wrap: wrap; gap: 0.75rem; margin: 2rem 0 0; padding: 0;\n"
  "  list-style: none; }\n"
  ".stats li { padding: 0.75rem 1.25rem; min-width: 8rem; }\n"
  ".stats b { display: block; font-size: 1.5rem; font-weight: 800;\n"
  "  font-variant-numeric: tabular-nums; }\n"
  ".stats span, .sub { color: var(--dim); font-size: 0.85rem; }\n"
  ".stats .sub { display: block; }\n"
  ".legend { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; margin: 1.25rem 0 0;\n"
  "  padding: 0; list-style: none; }\n"
  ".legend li { line-height: 2; }\n"
  ".count { margin-inline-start: 0.4rem; color: var(--dim);\n"
  "  font-variant-numeric: tabular-nums; }\n"
  ".text { max-width: 44rem; padding: 1.75rem 2.25rem; font-size: 1.0625rem;\n"
  "  line-height: 1.9; }\n"
  ".text p { margin: 1.1em 0 0; white-space: pre-wrap; overflow-wrap: break-word; }\n"
  ".text p:first-child, .text p.cont { margin-top: 0; }\n"
  "mark { color: inherit; background: none; padding-block: 0.24em; }\n"
  "mark.v1 { padding-block: 0.12em; }\n"
  "mark.v2, mark.v3 { padding-block: 0; }\n"
  "mark.bg { background: rgba(var(--rgb), var(--alpha)); }\n"
  "mark.bg.first, mark.bx.first { border-start-start-radius: 4px;\n"
  "  border-end-start-radius: 4px; }\n"
  "mark.bg.last, mark.bx.last { border-start-end-radius: 4px;\n"
  "  border-end-end-radius: 4px; }\n"
  "mark.bx.first { padding-inline-start: 2px; }\n"
  "mark.bx.last { padding-inline-end: 2px; }\n"
  "mark.bx { border: 0 solid var(--c); border-block-width: 2px; }\n"
  "mark.bx.first { border-inline-start-width: 2px; }\n"
  "mark.bx.last { border-inline-end-width: 2px; }\n"
  "mark.ul { text-decoration: underline var(--c); text-decoration-thickness: 2px;\n"
  "  text-underline-offset: 0.2em; text-decoration-skip-ink: none; }\n"
  "mark.ul.v1 { text-underline-offset: 0.35em; }\n"
  "mark.ul.v2, mark.ul.v3 { text-underline-offset: 0.5em; }\n"
  "mark.empty { border-inline-start: 2px solid var(--c); }\n"
  "mark:target { outline: 2px solid var(--link); outline-offset: 3px; border-radius: 4px; }\n"
  "mark[id] { scroll-margin-top: 4rem; }\n"
  ".table { overflow-x: auto; }\n"
  "table { width: 100%; border-collapse: collapse; font-size: 0.95rem; }\n"
  "th { text-align: start; font-size: 0.8rem; font-weight: 700; color: var(--dim); }\n"
  "th, td { padding: 0.65rem 1rem; vertical-align: top; border-bottom: 1px solid var(--line); }\n"
  "tbody tr:last-child td { border-bottom: 0; }\n"
  "td.quote { min-width: 16rem; }\n"
  ".lines { white-space: pre-line; }\n"
  ".num { text-align: end; font-variant-numeric: tabular-nums; }\n"
  ".id { font-family: ui-monospace, \"Source Code Pro\", monospace; font-size: 0.85rem; }\n"
  ".pill { display: inline-block; padding: 0 0.55rem; border-radius: 999px;\n"
  "  background: var(--pill); font-size: 0.85rem; overflow-wrap: anywhere; }\n"
  ".st-new, .st-done, .st-in-progress { white-space: nowrap; }\n"
  ".st-done { background: rgba(46, 194, 126, 0.25); }\n"
  ".st-in-progress { background: rgba(53, 132, 228, 0.25); }\n"
  ".note { margin-top: 0.3rem; color: var(--dim); font-size: 0.875rem; }\n"
  ".notes { margin: 0; padding: 0.5rem 0; list-style: none; }\n"
  ".notes li { padding: 0.5rem 1rem; }\n"
  ".empty-list { padding: 1rem; color: var(--dim); margin: 0; }\n"
  "footer { margin-top: 3rem; color: var(--dim); font-size: 0.8rem; }\n"
  "@media print {\n"
  "  :root {\n"
  "    color-scheme: light;\n"
  "    --fg: #000000;\n"
  "    --dim: #555555;\n"
  "    --bg: #ffffff;\n"
  "    --card: #ffffff;\n"
  "    --line: #cccccc;\n"
  "    --link: #000000;\n"
  "    --pill: #eeeeee;\n"
  "    --alpha: 0.35;\n"
  "  }\n"
  "  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
  "  body { font-size: 11pt; }\n"
  "  .page { max-width: none; padding: 0; }\n"
  "  nav { display: none; }\n"
  "  .card { box-shadow: none; border: 1px solid var(--line); }\n"
  "  .text { max-width: none; padding: 0.5rem 0; border: 0; }\n"
  "  .table { overflow: visible; }\n"
  "  thead { display: table-header-group; }\n"
  "  tr, .stats li, .notes li { break-inside: avoid; }\n"
  "  h1, h2 { break-after: avoid; }\n"
  "  .text p { orphans: 3; widows: 3; }\n"
  "}\n";

/* Escaping ---------------------------------------------------------------- */

/* Appends @str (valid UTF-8) with the five HTML specials as references,
 * so it is safe in text and in a quoted attribute alike. Control
 * characters other than tab and line breaks are not allowed in HTML:
 * they become U+FFFD. */
static void
append_escaped_valid (GString    *out,
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
static void
append_escaped (GString    *out,
                const char *str)
{
  gsize len;

  if (str == NULL)
    return;

  len = strlen (str);
  if (G_LIKELY (g_utf8_validate (str, len, NULL)))
    {
      append_escaped_valid (out, str, len);
    }
  else
    {
      g_autofree char *valid = g_utf8_make_valid (str, len);

      append_escaped_valid (out, valid, strlen (valid));
    }
}

/* A relative link to @path: percent-encoded byte by byte except for the
 * unreserved characters and '/', and led by "./" so that no name
 * ("javascript:x.txt") can be read as a scheme. */
static void
append_path_href (GString    *out,
                  const char *path)
{
  static const char hex[] = "0123456789ABCDEF";

  attest_json_append_literal (out, "./");
  for (const guchar *p = (const guchar *) path; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '.' || *p == '_' ||
          *p == '~' || *p == '/')
        {
          g_string_append_c (out, (char) *p);
        }
      else
        {
          g_string_append_c (out, '%');
          g_string_append_c (out, hex[*p >> 4]);
          g_string_append_c (out, hex[*p & 0xf]);
        }
    }
}

/* The fragment naming a span: "span-s1" for ids made of safe characters,
 * "span~12" (its position) for any other, which no safe id can give. */
static void
append_span_anchor (GString            *out,
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

/* ^Q[0-9]+$: only such an id is ever put in a link. */
static gboolean
is_wikidata_id (const char *id)
{
  if (id == NULL || id[0] != 'Q' || id[1] == '\0')
    return FALSE;

  for (const char *p = id + 1; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  return TRUE;
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

static void
append_status (GString      *out,
               AttestStatus  status)
{
  g_string_append_printf (out, "<span class=\"pill st-%s\">%s</span>",
                          attest_status_to_string (status), status_name (status));
}

/* Labels ------------------------------------------------------------------ */

typedef struct
{
  const char       *id;        /* interned */
  const char       *name;
  char              color[8];  /* validated #rrggbb */
  guint8            rgb[3];
  AttestLabelStyle  style;
  guint64           count;
} LabelStyle;

/* The tag set's labels in its order, then labels it does not know in the
 * order they are met, each with the class position it is styled by. */
typedef struct
{
  GArray     *styles;          /* of LabelStyle */
  GHashTable *positions;       /* interned id -> position + 1 */
} LabelTable;

static void
label_table_clear (LabelTable *table)
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

static void
label_table_init (LabelTable   *table,
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
static guint
label_table_get (LabelTable *table,
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

static const char *
style_class (AttestLabelStyle style)
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

static void
append_legend (GString          *out,
               const LabelTable *table)
{
  attest_json_append_literal (out, "<ul class=\"legend\">\n");
  for (guint i = 0; i < table->styles->len; i++)
    {
      const LabelStyle *item = &g_array_index (table->styles, LabelStyle, i);

      g_string_append_printf (out, "<li><mark class=\"l%u %s first last\">", i,
                              style_class (item->style));
      append_escaped (out, item->name);
      g_string_append_printf (out, "</mark><span class=\"count\">%" G_GUINT64_FORMAT
                              "</span></li>\n", item->count);
    }
  attest_json_append_literal (out, "</ul>\n");
}

/* Pages ------------------------------------------------------------------- */

static void
append_head (GString          *out,
             const char       *title,
             const LabelTable *table)
{
  attest_json_append_literal (out,
                              "<!DOCTYPE html>\n"
                              "<html lang=\"en\">\n"
                              "<head>\n"
                              "<meta charset=\"utf-8\">\n"
                              "<meta http-equiv=\"Content-Security-Policy\" content=\"" CSP "\">\n"
                              "<meta name=\"referrer\" content=\"no-referrer\">\n"
                              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                              "<meta name=\"color-scheme\" content=\"light dark\">\n"
                              "<meta name=\"generator\" content=\"Attest\">\n"
                              "<title>");
  append_escaped (out, title);
  attest_json_append_literal (out, " \xe2\x80\x94 Attest</title>\n<style>\n");
  attest_json_append_len (out, style_sheet, sizeof style_sheet - 1);
  /* Only validated hex digits reach the style sheet, as numbers. */
  for (guint i = 0; i < table->styles->len; i++)
    {
      const LabelStyle *item = &g_array_index (table->styles, LabelStyle, i);

      g_string_append_printf (out, ".l%u { --c: %s; --rgb: %u, %u, %u; }\n",
                              i, item->color, item->rgb[0], item->rgb[1], item->rgb[2]);
    }
  attest_json_append_literal (out, "</style>\n</head>\n<body>\n<div class=\"page\">\n");
}

static void
append_foot (GString *out)
{
  attest_json_append_literal (out,
                              "<footer>Exported by Attest.</footer>\n"
                              "</div>\n"
                              "</body>\n"
                              "</html>\n");
}

static void
append_stat (GString    *out,
             guint64     n,
             const char *what)
{
  g_string_append_printf (out, "<li class=\"card\"><b>%" G_GUINT64_FORMAT
                          "</b><span>%s</span></li>\n", n, what);
}

/* The article ------------------------------------------------------------- */

typedef struct
{
  guint start;       /* code points */
  guint end;         /* where its line break starts */
  gboolean blank;    /* only spaces and tabs */
} Line;

typedef struct
{
  guint     label;   /* position in the label table */
  guint     level;   /* 0 for a span nothing encloses, capped at MAX_LEVEL */
  gboolean  opened;
  char     *title;   /* escaped tooltip */
  gint      speaker; /* the first said-by relation's target, or -1 */
  GArray   *earlier; /* of guint: what continues relations point at; or NULL */
} SpanInfo;

typedef struct
{
  const AttestRecord *record;
  const LabelTable   *labels;
  GString            *out;
  SpanInfo           *info;
  guint              *order;      /* spans by start, then longest first */
  guint               next;       /* in order: the first not yet opened */
  guint              *stack;      /* spans open at this point, outermost first */
  guint               depth;
  guint               line_end;
  guint               next_visible;
} Painter;

static GArray *
split_lines (AttestText *text)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (Line));
  const char *p = attest_text_get_data (text);
  const char *end = p + attest_text_get_n_bytes (text);
  Line line = { 0, 0, TRUE };
  guint cp = 0;

  while (p < end)
    {
      guchar c = (guchar) *p;

      if (c == '\n' || c == '\r')
        {
          line.end = cp;
          g_array_append_val (lines, line);
          p++;
          cp++;
          if (c == '\r' && p < end && *p == '\n')
            {
              p++;
              cp++;
            }
          line.start = cp;
          line.blank = TRUE;
          continue;
        }

      if (c != ' ' && c != '\t')
        line.blank = FALSE;
      if ((c & 0xc0) != 0x80)
        cp++;
      p++;
    }

  if (cp > line.start)
    {
      line.end = cp;
      g_array_append_val (lines, line);
    }

  return lines;
}

/* A span's end as far as the page can show it: an end inside the line
 * break or the blank lines after this line is this line's end. */
static guint
visible_end (const Painter *painter,
             guint          end)
{
  if (end >= painter->line_end && end <= painter->next_visible)
    return painter->line_end;
  return end;
}

static void
append_open_tag (Painter  *painter,
                 guint     position,
                 gboolean  last,
                 gboolean  empty)
{
  SpanInfo *info = &painter->info[position];
  const LabelStyle *style = &g_array_index (painter->labels->styles, LabelStyle, info->label);

  g_string_append_printf (painter->out, "<mark class=\"l%u %s v%u%s%s%s\"",
                          info->label, style_class (style->style), info->level,
                          info->opened ? "" : " first", last ? " last" : "",
                          empty ? " empty" : "");
  if (!info->opened)
    {
      attest_json_append_literal (painter->out, " id=\"");
      append_span_anchor (painter->out, painter->record, position);
      g_string_append_c (painter->out, '"');
    }
  attest_json_append_literal (painter->out, " title=\"");
  g_string_append (painter->out, info->title);
  attest_json_append_literal (painter->out, "\">");
  info->opened = TRUE;
}

/* Opens the element of the span at @depth of the stack, for as much of it
 * as can go in one element from here. */
static void
open_piece (Painter *painter,
            guint    depth)
{
  guint end = visible_end (painter, painter->record->spans[painter->stack[depth]]->end);
  gboolean last = end <= painter->line_end;

  /* A span under this one that ends first closes it there, and it goes
   * on in a new element: this one is not its last piece. */
  for (guint i = 0; i < depth && last; i++)
    last = visible_end (painter, painter->record->spans[painter->stack[i]]->end) >= end;

  append_open_tag (painter, painter->stack[depth], last, FALSE);
}

static void
open_starting (Painter *painter,
               guint    at)
{
  const AttestRecord *record = painter->record;

  while (painter->next < record->n_spans &&
         record->spans[painter->order[painter->next]]->start <= at)
    {
      guint position = painter->order[painter->next++];

      /* A span with nothing to show (empty, or only line breaks) still
       * gets its anchor, as a thin bar where it starts. */
      if (record->spans[position]->end <= at)
        {
          append_open_tag (painter, position, TRUE, TRUE);
          attest_json_append_literal (painter->out, "</mark>");
          continue;
        }

      painter->stack[painter->depth] = position;
      open_piece (painter, painter->depth);
      painter->depth++;
    }
}

/* Removes spans ending at or before @at from the stack, keeping order. */
static void
drop_ended (Painter *painter,
            guint    from,
            guint    at)
{
  guint kept = from;

  for (guint i = from; i < painter->depth; i++)
    if (painter->record->spans[painter->stack[i]]->end > at)
      painter->stack[kept++] = painter->stack[i];

  painter->depth = kept;
}

/* Closes the spans that end at @at, and with them every element opened
 * inside them; those that go on are opened again. */
static void
close_ending (Painter *painter,
              guint    at)
{
  guint first = painter->depth;

  for (guint i = 0; i < painter->depth; i++)
    if (painter->record->spans[painter->stack[i]]->end <= at)
      {
        first = i;
        break;
      }

  if (first == painter->depth)
    return;

  for (guint i = first; i < painter->depth; i++)
    attest_json_append_literal (painter->out, "</mark>");
  drop_ended (painter, first, at);
  for (guint i = first; i < painter->depth; i++)
    open_piece (painter, i);
}

static guint
next_event (const Painter *painter,
            guint          at)
{
  const AttestRecord *record = painter->record;
  guint next = painter->line_end;

  if (painter->next < record->n_spans)
    next = MIN (next, record->spans[painter->order[painter->next]]->start);
  for (guint i = 0; i < painter->depth; i++)
    next = MIN (next, record->spans[painter->stack[i]]->end);

  g_assert (next > at);
  return next;
}

static void
append_line (Painter    *painter,
             const Line *line)
{
  AttestText *text = painter->record->text;
  guint at = line->start;

  painter->line_end = line->end;
  drop_ended (painter, 0, at);
  for (guint i = 0; i < painter->depth; i++)
    open_piece (painter, i);
  open_starting (painter, at);

  while (at < line->end)
    {
      guint next = next_event (painter, at);
      gsize a = attest_text_cp_to_byte (text, at);
      gsize b = attest_text_cp_to_byte (text, next);

      append_escaped_valid (painter->out, attest_text_get_data (text) + a, b - a);
      at = next;
      if (at < line->end)
        {
          close_ending (painter, at);
          open_starting (painter, at);
        }
    }

  for (guint i = 0; i < painter->depth; i++)
    attest_json_append_literal (painter->out, "</mark>");
  drop_ended (painter, 0, at);
}

static int
compare_open_order (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const AttestRecord *record = user_data;
  const AttestSpan *x = record->spans[*(const guint *) a];
  const AttestSpan *y = record->spans[*(const guint *) b];

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  return *(const guint *) a < *(const guint *) b ? -1 : 1;
}

/* Levels: a span gets one more than the deepest span still open where it
 * starts, so an enclosed span is always drawn inside its encloser. */
static void
assign_levels (Painter *painter)
{
  const AttestRecord *record = painter->record;
  g_autofree guint *open = g_new (guint, record->n_spans + 1);
  guint n_open = 0;

  for (guint i = 0; i < record->n_spans; i++)
    {
      guint position = painter->order[i];
      const AttestSpan *span = record->spans[position];
      guint kept = 0;
      guint level = 0;

      for (guint j = 0; j < n_open; j++)
        if (record->spans[open[j]]->end > span->start)
          {
            open[kept++] = open[j];
            level = MAX (level, painter->info[open[j]].level + 1);
          }
      n_open = kept;

      painter->info[position].level = MIN (level, MAX_LEVEL);
      if (span->end > span->start)
        open[n_open++] = position;
    }
}

static void
append_article (GString            *out,
                const AttestRecord *record,
                const LabelTable   *labels,
                SpanInfo           *info,
                const char         *lang)
{
  g_autoptr(GArray) lines = split_lines (record->text);
  g_autofree guint *order = g_new (guint, record->n_spans + 1);
  g_autofree guint *stack = g_new (guint, record->n_spans + 1);
  Painter painter = { 0, };
  gboolean gap = FALSE;
  gboolean any = FALSE;
  guint last_visible = G_MAXUINT;

  for (guint i = 0; i < record->n_spans; i++)
    order[i] = i;
  g_qsort_with_data (order, record->n_spans, sizeof (guint), compare_open_order,
                     (gpointer) record);

  painter.record = record;
  painter.labels = labels;
  painter.out = out;
  painter.info = info;
  painter.order = order;
  painter.stack = stack;
  assign_levels (&painter);

  for (guint i = 0; i < lines->len; i++)
    if (!g_array_index (lines, Line, i).blank)
      last_visible = i;

  g_string_append_printf (out, "<article class=\"text card\" lang=\"%s\">\n", lang);
  for (guint i = 0; i < lines->len; i++)
    {
      const Line *line = &g_array_index (lines, Line, i);

      if (line->blank)
        {
          gap = any;
          continue;
        }

      painter.next_visible = G_MAXUINT;
      for (guint j = i + 1; j < lines->len; j++)
        if (!g_array_index (lines, Line, j).blank)
          {
            painter.next_visible = g_array_index (lines, Line, j).start;
            break;
          }

      attest_json_append_literal (out, "<p dir=\"auto\"");
      if (any && !gap)
        attest_json_append_literal (out, " class=\"cont\"");
      g_string_append_c (out, '>');
      append_line (&painter, line);
      if (i == last_visible)
        open_starting (&painter, G_MAXUINT);
      attest_json_append_literal (out, "</p>\n");
      any = TRUE;
      gap = FALSE;
    }

  /* A text with nothing to show: the anchors still go somewhere. */
  if (!any && record->n_spans > 0)
    {
      attest_json_append_literal (out, "<p dir=\"auto\">");
      painter.line_end = 0;
      painter.next_visible = G_MAXUINT;
      open_starting (&painter, G_MAXUINT);
      attest_json_append_literal (out, "</p>\n");
    }

  attest_json_append_literal (out, "</article>\n");
}

/* One report -------------------------------------------------------------- */

static void
append_span_link (GString            *out,
                  const AttestRecord *record,
                  guint               position,
                  gboolean            with_text)
{
  const AttestSpan *span = record->spans[position];

  attest_json_append_literal (out, "<a href=\"#");
  append_span_anchor (out, record, position);
  attest_json_append_literal (out, "\">");
  if (with_text)
    {
      gsize n_bytes;
      const char *slice = attest_export_slice (record, span->start, span->end, &n_bytes);

      append_escaped_valid (out, slice, n_bytes);
    }
  else
    {
      append_escaped (out, span->id);
    }
  attest_json_append_literal (out, "</a>");
}

static char *
span_title (const AttestRecord *record,
            const LabelTable   *labels,
            const SpanInfo     *info,
            guint               position)
{
  const AttestSpan *span = record->spans[position];
  GString *title = g_string_new (NULL);

  append_escaped (title, label_name (labels, info->label));
  g_string_append_c (title, ' ');
  append_escaped (title, span->id);
  for (guint i = 0; span->attrs != NULL && span->attrs[i] != NULL; i += 2)
    {
      g_string_append_c (title, '\n');
      append_escaped (title, span->attrs[i]);
      attest_json_append_literal (title, ": ");
      append_escaped (title, span->attrs[i + 1]);
    }
  if (span->label == g_intern_static_string ("quote") && info->speaker >= 0)
    {
      const AttestSpan *speaker = record->spans[info->speaker];
      gsize n_bytes;
      const char *slice = attest_export_slice (record, speaker->start, speaker->end, &n_bytes);

      attest_json_append_literal (title, "\nSaid by: ");
      append_escaped_valid (title, slice, n_bytes);
    }
  if (span->note != NULL && *span->note != '\0')
    {
      attest_json_append_literal (title, "\nNote: ");
      append_escaped (title, span->note);
    }

  return g_string_free (title, FALSE);
}

static void
append_entity_cell (GString            *out,
                    const AttestEntity *entity,
                    const char         *lang)
{
  if (entity == NULL)
    {
      attest_json_append_literal (out, "<td></td>");
      return;
    }

  g_string_append_printf (out, "<td dir=\"auto\" lang=\"%s\">", lang);
  append_escaped (out, entity->name);
  if (is_wikidata_id (entity->wikidata))
    g_string_append_printf (out, " <a class=\"id\" href=\"https://www.wikidata.org/wiki/%s\" "
                            "rel=\"external noreferrer\">%s</a>",
                            entity->wikidata, entity->wikidata);
  if (entity->kind != NULL)
    {
      attest_json_append_literal (out, "<div class=\"sub\" lang=\"en\">");
      append_escaped (out, entity->kind);
      attest_json_append_literal (out, "</div>");
    }
  attest_json_append_literal (out, "</td>");
}

static void
append_quotes (GString            *out,
               const AttestRecord *record,
               const SpanInfo     *info,
               const char         *lang)
{
  const char *quote = g_intern_static_string ("quote");
  gboolean any = FALSE;

  attest_json_append_literal (out, "<h2 id=\"quotes\">Quotes</h2>\n<div class=\"card table\">\n");
  for (guint i = 0; i < record->n_spans; i++)
    {
      const AttestSpan *span = record->spans[i];
      const char *kind;
      gsize n_bytes;
      const char *slice;

      if (span->label != quote)
        continue;

      if (!any)
        attest_json_append_literal (out,
                                    "<table>\n<thead><tr><th>Span</th><th>Quote</th>"
                                    "<th>Speaker</th><th>Entity</th><th>Kind</th></tr></thead>\n"
                                    "<tbody>\n");
      any = TRUE;

      attest_json_append_literal (out, "<tr><td class=\"id\">");
      append_span_link (out, record, i, FALSE);
      g_string_append_printf (out, "</td><td class=\"quote\" dir=\"auto\" lang=\"%s\">"
                              "<div class=\"lines\">", lang);
      slice = attest_export_slice (record, span->start, span->end, &n_bytes);
      append_escaped_valid (out, slice, n_bytes);
      attest_json_append_literal (out, "</div>");
      for (guint e = 0; info[i].earlier != NULL && e < info[i].earlier->len; e++)
        {
          attest_json_append_literal (out, "<div class=\"sub\" lang=\"en\">Continues ");
          append_span_link (out, record, g_array_index (info[i].earlier, guint, e), FALSE);
          attest_json_append_literal (out, "</div>");
        }
      if (span->note != NULL && *span->note != '\0')
        {
          attest_json_append_literal (out, "<div class=\"note lines\" dir=\"auto\">");
          append_escaped (out, span->note);
          attest_json_append_literal (out, "</div>");
        }
      attest_json_append_literal (out, "</td>");

      if (info[i].speaker >= 0)
        {
          const AttestSpan *speaker = record->spans[info[i].speaker];

          g_string_append_printf (out, "<td dir=\"auto\" lang=\"%s\">", lang);
          append_span_link (out, record, info[i].speaker, TRUE);
          attest_json_append_literal (out, "</td>");
          append_entity_cell (out, attest_record_lookup_entity (record, speaker->entity), lang);
        }
      else
        {
          attest_json_append_literal (out, "<td class=\"sub\">None</td><td></td>");
        }

      attest_json_append_literal (out, "<td>");
      if ((kind = attest_span_get_attr (span, "kind")) != NULL)
        {
          attest_json_append_literal (out, "<span class=\"pill\">");
          append_escaped (out, kind);
          attest_json_append_literal (out, "</span>");
        }
      attest_json_append_literal (out, "</td></tr>\n");
    }

  if (any)
    attest_json_append_literal (out, "</tbody>\n</table>\n");
  else
    attest_json_append_literal (out, "<p class=\"empty-list\">No quotes.</p>\n");
  attest_json_append_literal (out, "</div>\n");
}

static void
append_entities (GString            *out,
                 const AttestRecord *record,
                 const char         *lang)
{
  g_autoptr(GHashTable) mentions = g_hash_table_new (g_str_hash, g_str_equal);

  if (record->n_entities == 0)
    return;

  for (guint i = 0; i < record->n_spans; i++)
    if (record->spans[i]->entity != NULL)
      {
        gpointer n = g_hash_table_lookup (mentions, record->spans[i]->entity);

        g_hash_table_insert (mentions, record->spans[i]->entity,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (n) + 1));
      }

  attest_json_append_literal (out,
                              "<h2 id=\"entities\">Entities</h2>\n<div class=\"card table\">\n"
                              "<table>\n<thead><tr><th>Entity</th><th>Also called</th>"
                              "<th class=\"num\">Mentions</th></tr></thead>\n<tbody>\n");
  for (guint i = 0; i < record->n_entities; i++)
    {
      const AttestEntity *entity = record->entities[i];

      attest_json_append_literal (out, "<tr>");
      append_entity_cell (out, entity, lang);
      g_string_append_printf (out, "<td dir=\"auto\" lang=\"%s\">", lang);
      for (guint a = 0; entity->aliases != NULL && entity->aliases[a] != NULL; a++)
        {
          if (a > 0)
            attest_json_append_literal (out, ", ");
          append_escaped (out, entity->aliases[a]);
        }
      g_string_append_printf (out, "</td><td class=\"num\">%u</td></tr>\n",
                              GPOINTER_TO_UINT (g_hash_table_lookup (mentions, entity->id)));
    }
  attest_json_append_literal (out, "</tbody>\n</table>\n</div>\n");
}

static void
append_notes (GString            *out,
              const AttestRecord *record,
              const LabelTable   *labels,
              const SpanInfo     *info)
{
  gboolean any = FALSE;

  for (guint i = 0; i < record->n_spans; i++)
    {
      const AttestSpan *span = record->spans[i];
      const LabelStyle *style;

      if (span->note == NULL || *span->note == '\0')
        continue;

      if (!any)
        attest_json_append_literal (out, "<h2 id=\"notes\">Notes</h2>\n"
                                    "<ul class=\"card notes\">\n");
      any = TRUE;

      style = &g_array_index (labels->styles, LabelStyle, info[i].label);
      attest_json_append_literal (out, "<li><span class=\"id\">");
      append_span_link (out, record, i, FALSE);
      g_string_append_printf (out, "</span> <mark class=\"l%u %s first last\">",
                              info[i].label, style_class (style->style));
      append_escaped (out, style->name);
      attest_json_append_literal (out, "</mark><div class=\"note lines\" dir=\"auto\">");
      append_escaped (out, span->note);
      attest_json_append_literal (out, "</div></li>\n");
    }

  if (any)
    attest_json_append_literal (out, "</ul>\n");
}

/* The relations' card: their number, and per type in the order the types
 * are first met. */
static void
append_relation_stat (GString                   *out,
                      const AttestExportContext *context,
                      const AttestRecord        *record)
{
  g_autoptr(GPtrArray) types = g_ptr_array_new ();
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < record->n_relations; i++)
    {
      const char *type = record->relations[i]->type;
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, type));

      if (n == 0)
        g_ptr_array_add (types, (gpointer) type);
      g_hash_table_insert (counts, (gpointer) type, GUINT_TO_POINTER (n + 1));
    }

  g_string_append_printf (out, "<li class=\"card\"><b>%u</b><span>%s</span>",
                          record->n_relations, record->n_relations == 1 ? "relation" : "relations");
  for (guint i = 0; i < types->len; i++)
    {
      const char *type = g_ptr_array_index (types, i);
      AttestRelationType *relation_type = attest_tagset_lookup_relation_type (context->tagset, type);

      attest_json_append_literal (out, "<span class=\"sub\">");
      append_escaped (out, relation_type != NULL && relation_type->name != NULL
                           ? relation_type->name : type);
      g_string_append_printf (out, "<span class=\"count\">%u</span></span>",
                              GPOINTER_TO_UINT (g_hash_table_lookup (counts, type)));
    }
  attest_json_append_literal (out, "</li>\n");
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

  label_table_init (&labels, context->tagset);
  for (guint i = 0; i < record->n_spans; i++)
    {
      info[i].speaker = -1;
      info[i].label = label_table_get (&labels, record->spans[i]->label);
      g_array_index (labels.styles, LabelStyle, info[i].label).count++;
      if (record->spans[i]->label == g_intern_static_string ("quote"))
        n_quotes++;
    }
  link_relations (record, info);
  for (guint i = 0; i < record->n_spans; i++)
    info[i].title = span_title (record, &labels, &info[i], i);

  out = attest_export_chunk_add_file (chunk, file_name);
  g_string_set_size (out, 0);
  append_head (out, title, &labels);

  if (!context->single)
    {
      attest_json_append_literal (out, "<nav><a href=\"");
      for (const char *p = strchr (record->name, '/'); p != NULL; p = strchr (p + 1, '/'))
        attest_json_append_literal (out, "../");
      attest_json_append_literal (out, "index.html\">All documents</a></nav>\n");
    }

  g_string_append_printf (out, "<header>\n<h1 dir=\"auto\" lang=\"%s\">", lang);
  append_escaped (out, title);
  attest_json_append_literal (out, "</h1>\n<ul class=\"meta\">\n<li dir=\"auto\">");
  append_escaped (out, record->name);
  attest_json_append_literal (out, "</li>\n<li>");
  append_status (out, record->status);
  attest_json_append_literal (out, "</li>\n");
  if (*lang != '\0')
    g_string_append_printf (out, "<li>Language: %s</li>\n", lang);
  if (record->tagset_name != NULL)
    {
      attest_json_append_literal (out, "<li dir=\"auto\">Tag set: ");
      append_escaped (out, record->tagset_name);
      g_string_append_printf (out, " %" G_GINT64_FORMAT "</li>\n", record->tagset_version);
    }
  if (record->sha256 != NULL && strlen (record->sha256) >= 12)
    {
      attest_json_append_literal (out, "<li class=\"id\" title=\"SHA-256 ");
      append_escaped (out, record->sha256);
      attest_json_append_literal (out, "\">");
      append_escaped_valid (out, record->sha256, 12);
      attest_json_append_literal (out, "\xe2\x80\xa6</li>\n");
    }
  attest_json_append_literal (out, "</ul>\n</header>\n<main>\n<ul class=\"stats\">\n");
  append_stat (out, record->n_spans, record->n_spans == 1 ? "span" : "spans");
  append_stat (out, n_quotes, n_quotes == 1 ? "quote" : "quotes");
  append_relation_stat (out, context, record);
  append_stat (out, record->n_entities, record->n_entities == 1 ? "entity" : "entities");
  attest_json_append_literal (out, "</ul>\n");
  append_legend (out, &labels);

  attest_json_append_literal (out, "<h2 id=\"article\">Article</h2>\n");
  append_article (out, record, &labels, info, lang);
  append_quotes (out, record, info, lang);
  append_entities (out, record, lang);
  append_notes (out, record, &labels, info);
  attest_json_append_literal (out, "</main>\n");
  append_foot (out);

  for (guint i = 0; i < record->n_spans; i++)
    {
      g_free (info[i].title);
      g_clear_pointer (&info[i].earlier, g_array_unref);
    }
  label_table_clear (&labels);

  chunk->n_spans = record->n_spans;
  chunk->n_relations = record->n_relations;
}

/* The index --------------------------------------------------------------- */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
export_tail (const AttestExportContext *context,
             const AttestExportSummary *summary,
             GString                   *out,
             AttestExportChunk         *chunk)
{
  g_autoptr(GPtrArray) unknown = g_ptr_array_new ();
  LabelTable labels = { 0, };
  guint64 n_status[3] = { 0, 0, 0 };
  guint n_documents = summary->documents != NULL ? summary->documents->len : 0;
  GString *page;

  if (context->single || chunk == NULL)
    return;

  label_table_init (&labels, context->tagset);
  if (summary->labels != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      /* Labels the tag set does not name, in a fixed order. */
      g_hash_table_iter_init (&iter, summary->labels);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!g_hash_table_contains (labels.positions, key))
          g_ptr_array_add (unknown, key);
      g_ptr_array_sort (unknown, compare_strings);
      for (guint i = 0; i < unknown->len; i++)
        label_table_get (&labels, g_ptr_array_index (unknown, i));

      g_hash_table_iter_init (&iter, summary->labels);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_array_index (labels.styles, LabelStyle, label_table_get (&labels, key)).count =
          GPOINTER_TO_UINT (value);
    }

  for (guint i = 0; i < n_documents; i++)
    {
      const AttestExportDocInfo *doc = g_ptr_array_index (summary->documents, i);

      if ((guint) doc->status < G_N_ELEMENTS (n_status))
        n_status[doc->status]++;
    }

  page = attest_export_chunk_add_file (chunk, "index.html");
  g_string_set_size (page, 0);
  append_head (page, "Annotated documents", &labels);
  g_string_append_printf (page,
                          "<header>\n<h1>Annotated documents</h1>\n<ul class=\"meta\">\n"
                          "<li>%" G_GUINT64_FORMAT " done</li>\n"
                          "<li>%" G_GUINT64_FORMAT " in progress</li>\n"
                          "<li>%" G_GUINT64_FORMAT " new</li>\n",
                          n_status[ATTEST_STATUS_DONE], n_status[ATTEST_STATUS_IN_PROGRESS],
                          n_status[ATTEST_STATUS_NEW]);
  if (summary->n_skipped > 0)
    g_string_append_printf (page, "<li>%" G_GUINT64_FORMAT " skipped by status</li>\n",
                            summary->n_skipped);
  if (summary->n_problems > 0)
    g_string_append_printf (page, "<li>%" G_GUINT64_FORMAT " could not be read</li>\n",
                            summary->n_problems);
  attest_json_append_literal (page, "</ul>\n</header>\n<main>\n<ul class=\"stats\">\n");
  append_stat (page, n_documents, n_documents == 1 ? "document" : "documents");
  append_stat (page, summary->n_spans, summary->n_spans == 1 ? "span" : "spans");
  append_stat (page, summary->n_relations, summary->n_relations == 1 ? "relation" : "relations");
  append_stat (page, summary->n_entities, summary->n_entities == 1 ? "entity" : "entities");
  attest_json_append_literal (page, "</ul>\n");
  append_legend (page, &labels);

  attest_json_append_literal (page, "<h2 id=\"documents\">Documents</h2>\n<div class=\"card table\">\n");
  if (n_documents == 0)
    attest_json_append_literal (page, "<p class=\"empty-list\">No documents were exported.</p>\n");
  else
    attest_json_append_literal (page,
                                "<table>\n<thead><tr><th>Title</th><th>Document</th><th>Status</th>"
                                "<th class=\"num\">Spans</th><th class=\"num\">Quotes</th>"
                                "<th class=\"num\">Relations</th></tr></thead>\n<tbody>\n");
  for (guint i = 0; i < n_documents; i++)
    {
      const AttestExportDocInfo *doc = g_ptr_array_index (summary->documents, i);
      g_autofree char *output = doc->output != NULL
                                ? g_strdup (doc->output)
                                : attest_export_file_name (doc->name, ".html");

      attest_json_append_literal (page, "<tr><td dir=\"auto\"><a href=\"");
      append_path_href (page, output);
      attest_json_append_literal (page, "\">");
      append_escaped (page, doc->title != NULL && *doc->title != '\0' ? doc->title : doc->name);
      attest_json_append_literal (page, "</a></td><td dir=\"auto\">");
      append_escaped (page, doc->name);
      attest_json_append_literal (page, "</td><td>");
      append_status (page, doc->status);
      g_string_append_printf (page, "</td><td class=\"num\">%u</td><td class=\"num\">%u</td>"
                              "<td class=\"num\">%u</td></tr>\n",
                              doc->n_spans, doc->n_quotes, doc->n_relations);
    }
  if (n_documents > 0)
    attest_json_append_literal (page, "</tbody>\n</table>\n");
  attest_json_append_literal (page, "</div>\n</main>\n");
  append_foot (page);

  label_table_clear (&labels);
}

const AttestExporter attest_export_html = {
  .name = "html",
  .title = N_("HTML report"),
  .extension = NULL,
  .layout = ATTEST_EXPORT_FOLDER,
  .document = export_document,
  .tail = export_tail,
};
