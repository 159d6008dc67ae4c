/* attest-export-html-page.c: the page around a report: its head and style
 * sheet, its foot, and the index of the reports
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-export-html-private.h"

/* Scripts and every fetch forbidden (see attest-export-html.c). */
#define CSP "default-src 'none'; style-src 'unsafe-inline'; img-src data:; " \
            "base-uri 'none'; form-action 'none'"

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

/* Pages ------------------------------------------------------------------- */

void
_attest_html_append_head (GString          *out,
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
  _attest_html_append_escaped (out, title);
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

void
_attest_html_append_foot (GString *out)
{
  attest_json_append_literal (out,
                              "<footer>Exported by Attest.</footer>\n"
                              "</div>\n"
                              "</body>\n"
                              "</html>\n");
}

void
_attest_html_append_stat (GString    *out,
                          guint64     n,
                          const char *what)
{
  g_string_append_printf (out, "<li class=\"card\"><b>%" G_GUINT64_FORMAT
                          "</b><span>%s</span></li>\n", n, what);
}

/* The index --------------------------------------------------------------- */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

void
_attest_html_export_tail (const AttestExportContext *context,
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

  _attest_html_label_table_init (&labels, context->tagset);
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
        _attest_html_label_table_get (&labels, g_ptr_array_index (unknown, i));

      g_hash_table_iter_init (&iter, summary->labels);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_array_index (labels.styles, LabelStyle, _attest_html_label_table_get (&labels, key)).count =
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
  _attest_html_append_head (page, "Annotated documents", &labels);
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
  _attest_html_append_stat (page, n_documents, n_documents == 1 ? "document" : "documents");
  _attest_html_append_stat (page, summary->n_spans, summary->n_spans == 1 ? "span" : "spans");
  _attest_html_append_stat (page, summary->n_relations, summary->n_relations == 1 ? "relation" : "relations");
  _attest_html_append_stat (page, summary->n_entities, summary->n_entities == 1 ? "entity" : "entities");
  attest_json_append_literal (page, "</ul>\n");
  _attest_html_append_legend (page, &labels);

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
      _attest_html_append_escaped (page, doc->title != NULL && *doc->title != '\0' ? doc->title : doc->name);
      attest_json_append_literal (page, "</a></td><td dir=\"auto\">");
      _attest_html_append_escaped (page, doc->name);
      attest_json_append_literal (page, "</td><td>");
      _attest_html_append_status (page, doc->status);
      g_string_append_printf (page, "</td><td class=\"num\">%u</td><td class=\"num\">%u</td>"
                              "<td class=\"num\">%u</td></tr>\n",
                              doc->n_spans, doc->n_quotes, doc->n_relations);
    }
  if (n_documents > 0)
    attest_json_append_literal (page, "</tbody>\n</table>\n");
  attest_json_append_literal (page, "</div>\n</main>\n");
  _attest_html_append_foot (page);

  _attest_html_label_table_clear (&labels);
}
