/* attest-export-html-tables.c: the quotes, entities and notes of a report
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-export-html-private.h"

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

static void
append_span_link (GString            *out,
                  const AttestRecord *record,
                  guint               position,
                  gboolean            with_text)
{
  const AttestSpan *span = record->spans[position];

  attest_json_append_literal (out, "<a href=\"#");
  _attest_html_append_span_anchor (out, record, position);
  attest_json_append_literal (out, "\">");
  if (with_text)
    {
      gsize n_bytes;
      const char *slice = attest_export_slice (record, span->start, span->end, &n_bytes);

      _attest_html_append_escaped_valid (out, slice, n_bytes);
    }
  else
    {
      _attest_html_append_escaped (out, span->id);
    }
  attest_json_append_literal (out, "</a>");
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
  _attest_html_append_escaped (out, entity->name);
  if (is_wikidata_id (entity->wikidata))
    g_string_append_printf (out, " <a class=\"id\" href=\"https://www.wikidata.org/wiki/%s\" "
                            "rel=\"external noreferrer\">%s</a>",
                            entity->wikidata, entity->wikidata);
  if (entity->kind != NULL)
    {
      attest_json_append_literal (out, "<div class=\"sub\" lang=\"en\">");
      _attest_html_append_escaped (out, entity->kind);
      attest_json_append_literal (out, "</div>");
    }
  attest_json_append_literal (out, "</td>");
}

void
_attest_html_append_quotes (GString            *out,
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
      _attest_html_append_escaped_valid (out, slice, n_bytes);
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
          _attest_html_append_escaped (out, span->note);
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
          _attest_html_append_escaped (out, kind);
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

void
_attest_html_append_entities (GString            *out,
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
          _attest_html_append_escaped (out, entity->aliases[a]);
        }
      g_string_append_printf (out, "</td><td class=\"num\">%u</td></tr>\n",
                              GPOINTER_TO_UINT (g_hash_table_lookup (mentions, entity->id)));
    }
  attest_json_append_literal (out, "</tbody>\n</table>\n</div>\n");
}

void
_attest_html_append_notes (GString            *out,
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
                              info[i].label, _attest_html_style_class (style->style));
      _attest_html_append_escaped (out, style->name);
      attest_json_append_literal (out, "</mark><div class=\"note lines\" dir=\"auto\">");
      _attest_html_append_escaped (out, span->note);
      attest_json_append_literal (out, "</div></li>\n");
    }

  if (any)
    attest_json_append_literal (out, "</ul>\n");
}

/* The relations' card: their number, and per type in the order the types
 * are first met. */
void
_attest_html_append_relation_stat (GString                   *out,
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
      _attest_html_append_escaped (out, relation_type != NULL && relation_type->name != NULL
                                        ? relation_type->name : type);
      g_string_append_printf (out, "<span class=\"count\">%u</span></span>",
                              GPOINTER_TO_UINT (g_hash_table_lookup (counts, type)));
    }
  attest_json_append_literal (out, "</li>\n");
}
