/* attest-article-view-link.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "attest-article-view-private.h"

/* L: link the selected quote to the nearest speaker, and again to the
 * next nearest. Candidates come from the interval index around the quote,
 * never from a walk over every span. */

/* Candidates for "link to the nearest speaker" are looked for this far
 * from the quote first, then ten times as far, then everywhere. */
#define LINK_WINDOW         2000
#define LINK_MAX_CANDIDATES 10

static AttestHistory *
get_history (AttestArticleView *self)
{
  return attest_session_get_history (self->session);
}

/* Linking ------------------------------------------------------------------ */

typedef struct
{
  AttestSpan *span;
  guint       distance;
  gboolean    far;
} Candidate;

typedef struct
{
  AttestRelationType *type;
  AttestSpan         *from;
  GArray             *candidates;
} CandidateData;

static gboolean
collect_candidate (AttestSpan *span,
                   gpointer    user_data)
{
  CandidateData *data = user_data;
  Candidate candidate = { span, 0, FALSE };

  if (span == data->from ||
      !attest_relation_type_allows (data->type, data->from->label, span->label))
    return TRUE;

  if (span->end <= data->from->start)
    candidate.distance = data->from->start - span->end;
  else if (span->start >= data->from->end)
    candidate.distance = span->start - data->from->end;
  g_array_append_val (data->candidates, candidate);

  return TRUE;
}

/* More than one paragraph apart: a line break with another line between. */
static gboolean
paragraphs_apart (AttestText *text,
                  guint       from,
                  guint       to)
{
  const char *p = attest_text_get_pointer (text, MIN (from, to));
  const char *end = attest_text_get_pointer (text, MAX (from, to));
  guint breaks = 0;
  gboolean in_break = FALSE;

  for (; p < end; p++)
    {
      if (*p == '\n' || *p == '\r')
        {
          if (!in_break && ++breaks > 1)
            return TRUE;
          in_break = TRUE;
        }
      else if (*p != ' ' && *p != '\t')
        in_break = FALSE;
    }

  return FALSE;
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a;
  const Candidate *cb = b;

  if (ca->far != cb->far)
    return ca->far ? 1 : -1;
  if (ca->distance != cb->distance)
    return ca->distance < cb->distance ? -1 : 1;

  return attest_span_compare (ca->span, cb->span);
}

static GPtrArray *
find_candidates (AttestArticleView  *self,
                 AttestSpan         *from,
                 AttestRelationType *type)
{
  AttestSpanStore *spans = attest_document_get_spans (self->document);
  AttestText *text = attest_document_get_text (self->document);
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  CandidateData data = { type, from, candidates };
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  guint length = attest_text_get_length (text);

  /* Widen the search only when nothing is close: the interval index
   * answers each window without walking the whole document. */
  for (guint window = LINK_WINDOW; candidates->len == 0; window *= 10)
    {
      guint start = from->start > window ? from->start - window : 0;
      guint end = MIN ((guint64) from->end + window, length);

      attest_span_store_foreach_in_range (spans, start, MAX (end, start + 1),
                                          collect_candidate, &data);
      if (start == 0 && end >= length)
        break;
    }

  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, i);

      c->far = c->distance > 2 * LINK_WINDOW ||
               paragraphs_apart (text, MIN (c->span->end, from->end),
                                 MAX (c->span->start, from->start));
    }

  g_array_sort (candidates, compare_candidates);
  for (guint i = 0; i < candidates->len && i < LINK_MAX_CANDIDATES; i++)
    g_ptr_array_add (ids, g_strdup (g_array_index (candidates, Candidate, i).span->id));

  return ids;
}

static AttestRelation *
find_link (AttestArticleView *self,
           AttestSpan        *from,
           const char        *type)
{
  g_autoptr(GPtrArray) relations = attest_document_get_relations_of (self->document, from->id);

  for (guint i = 0; i < relations->len; i++)
    {
      AttestRelation *relation = g_ptr_array_index (relations, i);

      if (relation->type == type && g_strcmp0 (relation->from, from->id) == 0)
        return relation;
    }

  return NULL;
}

static gboolean
type_allows_from (AttestRelationType *type,
                  const char         *label)
{
  return type->from != NULL && g_strv_contains ((const char * const *) type->from, label);
}

void
_attest_article_view_link_with_type (AttestArticleView  *self,
                                     AttestRelationType *type)
{
  AttestHistory *history;
  AttestRelation *existing;
  AttestSpan *from, *to;
  const char *target;
  gboolean suggestion;
  guint next = 0;
  guint found;

  if (type == NULL || !_attest_article_view_can_edit (self))
    return;

  from = _attest_article_view_lookup_span (self, self->selected_span_id, &suggestion);
  if (from == NULL || suggestion || !type_allows_from (type, from->label))
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("Select a span to link by “%s” first"), type->name);

      _attest_article_view_emit_message (self, message);
      return;
    }

  existing = find_link (self, from, type->id);

  /* Pressing again on the same span cycles through the same candidates,
   * so the order does not shift under the editor's fingers. */
  if (g_strcmp0 (self->link_from_id, from->id) != 0 || self->link_type != type->id ||
      self->link_candidates == NULL)
    {
      g_clear_pointer (&self->link_candidates, g_ptr_array_unref);
      g_free (self->link_from_id);
      self->link_from_id = g_strdup (from->id);
      self->link_type = type->id;
      self->link_candidates = find_candidates (self, from, type);
    }

  if (self->link_candidates->len == 0)
    {
      g_autofree char *message = NULL;

      if (type->to != NULL && g_strv_contains ((const char * const *) type->to, "speaker"))
        message = g_strdup (_("No speaker to link to"));
      else
        message = g_strdup_printf (_("Nothing to link to by “%s”"), type->name);
      _attest_article_view_emit_message (self, message);
      return;
    }

  if (existing != NULL &&
      g_ptr_array_find_with_equal_func (self->link_candidates, existing->to, g_str_equal, &found))
    next = (found + 1) % self->link_candidates->len;

  target = g_ptr_array_index (self->link_candidates, next);
  if (existing != NULL && g_strcmp0 (existing->to, target) == 0)
    {
      _attest_article_view_emit_message (self, _("Already linked to the only candidate"));
      return;
    }

  history = get_history (self);
  attest_history_begin (history, type->name);
  if (existing != NULL)
    attest_history_remove_relation (history, existing);
  attest_history_add_relation (history, type->id, from->id, target,
                               attest_session_get_annotator (self->session));
  attest_history_end (history);

  self->link_index = next;
  if ((to = _attest_article_view_lookup_span (self, target, NULL)) != NULL)
    _attest_article_view_scroll_to_offset (self, to->start);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
attest_article_view_link_nearest (AttestArticleView *self)
{
  AttestRelationType *type;
  AttestSpan *from;

  g_return_if_fail (ATTEST_IS_ARTICLE_VIEW (self));

  if (self->tagset == NULL)
    return;

  /* said-by when the tag set has it, else the first keyed relation type
   * that can start at the selected span. */
  type = attest_tagset_lookup_relation_type (self->tagset, "said-by");
  from = _attest_article_view_lookup_span (self, self->selected_span_id, NULL);
  if (type == NULL || (from != NULL && !type_allows_from (type, from->label)))
    for (guint i = 0; i < attest_tagset_get_n_relation_types (self->tagset); i++)
      {
        AttestRelationType *t = attest_tagset_get_relation_type (self->tagset, i);

        if (t->key != NULL && (from == NULL || type_allows_from (t, from->label)))
          {
            type = t;
            break;
          }
      }

  _attest_article_view_link_with_type (self, type);
}

