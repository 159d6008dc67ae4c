/* attest-article-view-edit.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attest-article-view-private.h"

/* Every edit goes through the session's history, one undo step each, with
 * the session's annotator. The buffer is never edited: the document's
 * signals repaint what changed. */

/* Candidates for "link to the nearest speaker" are looked for this far
 * from the quote first, then ten times as far, then everywhere. */
#define LINK_WINDOW         2000
#define LINK_MAX_CANDIDATES 10

/* Pronouns are linked to an existing entity when one has them as an
 * alias, but never become an entity of their own. */
static const char * const pronouns[] = {
  "he", "she", "they", "him", "her", "them", "i", "we", "you", "it", NULL
};

gboolean
_attest_article_view_is_quote_mark (gunichar ch)
{
  switch (ch)
    {
    case '"':
    case '\'':
    case 0x2018: /* ‘ */
    case 0x2019: /* ’ */
    case 0x201A: /* ‚ */
    case 0x201C: /* “ */
    case 0x201D: /* ” */
    case 0x201E: /* „ */
    case 0x00AB: /* « */
    case 0x00BB: /* » */
    case 0x2039: /* ‹ */
    case 0x203A: /* › */
    case 0x300C: /* 「 */
    case 0x300D: /* 」 */
    case 0x300E: /* 『 */
    case 0x300F: /* 』 */
      return TRUE;

    default:
      return FALSE;
    }
}

gboolean
_attest_article_view_can_edit (AttestArticleView *self)
{
  const char *reason;

  if (self->session == NULL || self->document == NULL)
    return FALSE;

  if (!attest_session_get_read_only (self->session))
    return TRUE;

  reason = attest_session_get_read_only_reason (self->session);
  _attest_article_view_emit_message (self, reason != NULL ? reason
                                     : _("This article is open read-only"));

  return FALSE;
}

AttestSpan *
_attest_article_view_lookup_span (AttestArticleView *self,
                                  const char        *span_id,
                                  gboolean          *is_suggestion)
{
  AttestSpan *span = NULL;

  if (is_suggestion != NULL)
    *is_suggestion = FALSE;

  if (self->document == NULL || span_id == NULL)
    return NULL;

  span = attest_span_store_lookup (attest_document_get_spans (self->document), span_id);
  if (span == NULL)
    {
      span = attest_span_store_lookup (attest_document_get_suggested_spans (self->document),
                                       span_id);
      if (span != NULL && is_suggestion != NULL)
        *is_suggestion = TRUE;
    }

  return span;
}

static AttestHistory *
get_history (AttestArticleView *self)
{
  return attest_session_get_history (self->session);
}

static const char *
get_annotator (AttestArticleView *self)
{
  return attest_session_get_annotator (self->session);
}

static const char *
label_name (AttestArticleView *self,
            const char        *label)
{
  AttestLabel *info = self->tagset != NULL ? attest_tagset_lookup_label (self->tagset, label) : NULL;

  return info != NULL ? info->name : label;
}

static gboolean
label_excludes_quote_marks (const char *label)
{
  /* The default tag set's quotes and the PARC set's content are both
   * marked without their quotation marks. */
  return g_strcmp0 (label, "quote") == 0 || g_strcmp0 (label, "content") == 0;
}

static GtkTextBuffer *
get_buffer (AttestArticleView *self)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
}

/* Tagging ------------------------------------------------------------------ */

gboolean
attest_article_view_get_tag_range (AttestArticleView *self,
                                   const char        *label,
                                   guint             *start,
                                   guint             *end)
{
  GtkTextIter s, e;
  gboolean drop_marks;

  g_return_val_if_fail (ATTEST_IS_ARTICLE_VIEW (self), FALSE);

  if (self->document == NULL ||
      !gtk_text_buffer_get_selection_bounds (get_buffer (self), &s, &e))
    return FALSE;

  if (self->snap_to_words)
    {
      /* Pango's word boundaries, so CJK text snaps to its words too. */
      if (gtk_text_iter_inside_word (&s) && !gtk_text_iter_starts_word (&s))
        gtk_text_iter_backward_word_start (&s);
      if (gtk_text_iter_inside_word (&e) && !gtk_text_iter_starts_word (&e) &&
          !gtk_text_iter_ends_word (&e))
        gtk_text_iter_forward_word_end (&e);
    }

  drop_marks = self->exclude_quote_marks && label_excludes_quote_marks (label);

  while (gtk_text_iter_compare (&s, &e) < 0)
    {
      gunichar ch = gtk_text_iter_get_char (&s);

      if (!g_unichar_isspace (ch) && !(drop_marks && _attest_article_view_is_quote_mark (ch)))
        break;
      gtk_text_iter_forward_char (&s);
    }

  while (gtk_text_iter_compare (&s, &e) < 0)
    {
      GtkTextIter before = e;
      gunichar ch;

      gtk_text_iter_backward_char (&before);
      ch = gtk_text_iter_get_char (&before);
      if (!g_unichar_isspace (ch) && !(drop_marks && _attest_article_view_is_quote_mark (ch)))
        break;
      e = before;
    }

  if (gtk_text_iter_compare (&s, &e) >= 0)
    return FALSE;

  if (start != NULL)
    *start = gtk_text_iter_get_offset (&s);
  if (end != NULL)
    *end = gtk_text_iter_get_offset (&e);

  return TRUE;
}

static gboolean
is_pronoun (const char *folded)
{
  return g_strv_contains (pronouns, folded);
}

static gboolean
entity_matches (const AttestEntity *entity,
                const char         *folded)
{
  g_autofree char *name = entity->name != NULL ? g_utf8_casefold (entity->name, -1) : NULL;

  if (g_strcmp0 (name, folded) == 0)
    return TRUE;

  for (guint i = 0; entity->aliases != NULL && entity->aliases[i] != NULL; i++)
    {
      g_autofree char *alias = g_utf8_casefold (entity->aliases[i], -1);

      if (strcmp (alias, folded) == 0)
        return TRUE;
    }

  return FALSE;
}

/* A speaker span points at the entity its words name, which is created
 * when there is none yet. Called inside the tagging's undo step. */
static void
link_entity (AttestArticleView *self,
             AttestSpan        *span)
{
  AttestText *text = attest_document_get_text (self->document);
  g_autofree char *words = attest_text_slice (text, span->start, span->end);
  g_autofree char *normal = g_utf8_normalize (words, -1, G_NORMALIZE_NFC);
  g_autofree char *folded = g_utf8_casefold (normal != NULL ? normal : words, -1);
  guint n = attest_document_get_n_entities (self->document);
  AttestEntity *entity;

  for (guint i = 0; i < n; i++)
    {
      entity = attest_document_get_entity (self->document, i);
      if (entity_matches (entity, folded))
        {
          attest_history_set_span_entity (get_history (self), span, entity->id);
          return;
        }
    }

  if (is_pronoun (folded))
    return;

  entity = attest_history_add_entity (get_history (self), words, "person");
  if (entity != NULL)
    attest_history_set_span_entity (get_history (self), span, entity->id);
}

static void
set_default_attrs (AttestArticleView *self,
                   AttestSpan        *span)
{
  AttestLabel *label = attest_tagset_lookup_label (self->tagset, span->label);

  for (guint i = 0; label != NULL && label->attributes != NULL && i < label->attributes->len; i++)
    {
      AttestAttribute *attribute = g_ptr_array_index (label->attributes, i);

      if (attribute->default_value != NULL &&
          attest_span_get_attr (span, attribute->id) == NULL)
        attest_history_set_span_attr (get_history (self), span, attribute->id,
                                      attribute->default_value);
    }
}

static gboolean
label_has_entity (AttestArticleView *self,
                  const char        *label)
{
  AttestLabel *info = attest_tagset_lookup_label (self->tagset, label);

  return info != NULL && info->entity;
}

static const char *
relabel (AttestArticleView *self,
         AttestSpan        *span,
         gboolean           suggestion,
         const char        *label)
{
  AttestHistory *history = get_history (self);
  g_autofree char *name = g_strdup_printf (_("Change to %s"), label_name (self, label));
  const char *id;

  if (span->label == label && !suggestion)
    return span->id;

  attest_history_begin (history, name);
  /* A label key on a suggestion accepts it as that label. */
  if (suggestion)
    span = attest_history_accept_suggestion (history, span, get_annotator (self));
  if (span != NULL)
    {
      attest_history_relabel_span (history, span, label);
      if (label_has_entity (self, label))
        {
          if (span->entity == NULL)
            link_entity (self, span);
        }
      else if (span->entity != NULL)
        attest_history_set_span_entity (history, span, NULL);
    }
  attest_history_end (history);

  if (span == NULL)
    return NULL;

  id = span->id;
  if (suggestion)
    attest_article_view_select_span (self, id, FALSE);

  return id;
}

const char *
attest_article_view_tag (AttestArticleView *self,
                         const char        *label)
{
  AttestHistory *history;
  g_autofree char *name = NULL;
  AttestSpan *span;
  gboolean suggestion;
  GtkTextIter iter;
  guint start, end;

  g_return_val_if_fail (ATTEST_IS_ARTICLE_VIEW (self), NULL);
  g_return_val_if_fail (label != NULL, NULL);

  if (!_attest_article_view_can_edit (self))
    return NULL;

  label = g_intern_string (label);

  if (!attest_article_view_get_tag_range (self, label, &start, &end))
    {
      GtkTextIter s, e;

      /* A selection of nothing but white space or quotation marks. */
      if (gtk_text_buffer_get_selection_bounds (get_buffer (self), &s, &e))
        {
          gtk_widget_error_bell (GTK_WIDGET (self));
          return NULL;
        }

      span = _attest_article_view_lookup_span (self, self->selected_span_id, &suggestion);
      return span != NULL ? relabel (self, span, suggestion, label) : NULL;
    }

  history = get_history (self);
  name = g_strdup_printf (_("Add %s"), label_name (self, label));

  attest_history_begin (history, name);
  span = attest_history_add_span (history, label, start, end, get_annotator (self));
  if (span != NULL)
    {
      set_default_attrs (self, span);
      if (label_has_entity (self, label))
        link_entity (self, span);
    }
  attest_history_end (history);

  if (span == NULL)
    return NULL;

  gtk_text_buffer_get_iter_at_offset (get_buffer (self), &iter, end);
  gtk_text_buffer_place_cursor (get_buffer (self), &iter);
  attest_article_view_select_span (self, span->id, FALSE);

  return span->id;
}

void
attest_article_view_delete_selected (AttestArticleView *self)
{
  AttestHistory *history;
  AttestSpan *span;
  gboolean suggestion;

  g_return_if_fail (ATTEST_IS_ARTICLE_VIEW (self));

  span = _attest_article_view_lookup_span (self, self->selected_span_id, &suggestion);
  if (span == NULL || !_attest_article_view_can_edit (self))
    return;

  if (suggestion)
    {
      attest_article_view_reject_suggestion (self);
      return;
    }

  history = get_history (self);
  attest_history_begin (history, _("Delete Span"));
  attest_history_remove_span (history, span);
  attest_history_end (history);
}

/* Navigation --------------------------------------------------------------- */

/* The span of @store next to @key in text order, or next to @offset when
 * there is no key. */
static AttestSpan *
neighbour_in (AttestSpanStore  *store,
              const AttestSpan *key,
              guint             offset,
              gboolean          forward)
{
  AttestSpan *iter;
  AttestSpan *best;

  iter = attest_span_store_find_from (store, key != NULL ? key->start : offset);

  if (forward)
    {
      while (key != NULL && iter != NULL && attest_span_compare (iter, key) <= 0)
        iter = attest_span_store_get_next (store, iter);
      return iter;
    }

  best = iter != NULL ? attest_span_store_get_prev (store, iter) : attest_span_store_get_last (store);
  while (key != NULL && iter != NULL && attest_span_compare (iter, key) < 0)
    {
      best = iter;
      iter = attest_span_store_get_next (store, iter);
    }

  return best;
}

static AttestSpan *
pick (AttestSpan *a,
      AttestSpan *b,
      gboolean    forward)
{
  if (a == NULL || b == NULL)
    return a != NULL ? a : b;

  if (forward)
    return attest_span_compare (a, b) <= 0 ? a : b;

  return attest_span_compare (a, b) >= 0 ? a : b;
}

void
attest_article_view_select_next (AttestArticleView *self,
                                 gboolean           forward)
{
  AttestSpanStore *spans, *suggested;
  AttestSpan *key, *next;
  GtkTextIter cursor;
  guint offset;

  g_return_if_fail (ATTEST_IS_ARTICLE_VIEW (self));

  if (self->document == NULL)
    return;

  spans = attest_document_get_spans (self->document);
  suggested = attest_document_get_suggested_spans (self->document);
  key = _attest_article_view_lookup_span (self, self->selected_span_id, NULL);
  gtk_text_buffer_get_iter_at_mark (get_buffer (self), &cursor,
                                    gtk_text_buffer_get_insert (get_buffer (self)));
  offset = gtk_text_iter_get_offset (&cursor);

  next = pick (neighbour_in (spans, key, offset, forward),
               neighbour_in (suggested, key, offset, forward),
               forward);

  /* Past the last span Tab comes round to the first. */
  if (next == NULL)
    next = forward
      ? pick (attest_span_store_get_first (spans), attest_span_store_get_first (suggested), TRUE)
      : pick (attest_span_store_get_last (spans), attest_span_store_get_last (suggested), FALSE);

  if (next != NULL)
    attest_article_view_select_span (self, next->id, TRUE);
}

/* Resizing ----------------------------------------------------------------- */

static gboolean
forward_to_word_start (GtkTextIter       *iter,
                       const GtkTextIter *limit)
{
  while (gtk_text_iter_compare (iter, limit) < 0)
    {
      if (!gtk_text_iter_forward_char (iter))
        return FALSE;
      if (gtk_text_iter_starts_word (iter))
        return TRUE;
    }

  return FALSE;
}

static gboolean
backward_to_word_end (GtkTextIter       *iter,
                      const GtkTextIter *limit)
{
  while (gtk_text_iter_compare (iter, limit) > 0)
    {
      if (!gtk_text_iter_backward_char (iter))
        return FALSE;
      if (gtk_text_iter_ends_word (iter))
        return TRUE;
    }

  return FALSE;
}

void
attest_article_view_resize_selected (AttestArticleView *self,
                                     AttestEdge         edge,
                                     gboolean           grow)
{
  GtkTextBuffer *buffer;
  GtkTextIter s, e, limit;
  AttestSpan *span;
  gboolean suggestion;
  gboolean moved = FALSE;

  g_return_if_fail (ATTEST_IS_ARTICLE_VIEW (self));

  span = _attest_article_view_lookup_span (self, self->selected_span_id, &suggestion);
  if (span == NULL || suggestion || !_attest_article_view_can_edit (self))
    return;

  buffer = get_buffer (self);
  gtk_text_buffer_get_iter_at_offset (buffer, &s, span->start);
  gtk_text_buffer_get_iter_at_offset (buffer, &e, span->end);

  if (edge == ATTEST_EDGE_END && grow)
    moved = gtk_text_iter_forward_word_end (&e);
  else if (edge == ATTEST_EDGE_END)
    {
      /* Back to the end of the word before the last one. */
      limit = s;
      if (!gtk_text_iter_starts_word (&e) || gtk_text_iter_ends_word (&e))
        gtk_text_iter_backward_word_start (&e);
      moved = backward_to_word_end (&e, &limit);
    }
  else if (grow)
    moved = gtk_text_iter_backward_word_start (&s);
  else
    {
      limit = e;
      gtk_text_iter_forward_word_end (&s);
      moved = forward_to_word_start (&s, &limit);
    }

  if (!moved || gtk_text_iter_compare (&s, &e) >= 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  attest_history_move_span (get_history (self), span,
                            gtk_text_iter_get_offset (&s), gtk_text_iter_get_offset (&e));
  _attest_article_view_scroll_to_offset (self, edge == ATTEST_EDGE_END
                                         ? span->end : span->start);
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

  if (span == data->from || !attest_relation_type_allows (data->type, data->from->label, span->label))
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
               paragraphs_apart (text, MIN (c->span->end, from->end), MAX (c->span->start, from->start));
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
  AttestSpan *from;
  const char *target;
  gboolean suggestion;
  guint next = 0;
  guint found;

  if (type == NULL || !_attest_article_view_can_edit (self))
    return;

  from = _attest_article_view_lookup_span (self, self->selected_span_id, &suggestion);
  if (from == NULL || suggestion || !type_allows_from (type, from->label))
    {
      g_autofree char *message = g_strdup_printf (_("Select a span to link by “%s” first"), type->name);

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
  attest_history_add_relation (history, type->id, from->id, target, get_annotator (self));
  attest_history_end (history);

  self->link_index = next;
  _attest_article_view_scroll_to_offset (self, _attest_article_view_lookup_span (self, target, NULL)->start);
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

/* Quotation marks ---------------------------------------------------------- */

static gboolean
closes (gunichar open,
        gunichar close)
{
  switch (open)
    {
    case 0x201C: return close == 0x201D;                     /* “ ” */
    case 0x201E: return close == 0x201C || close == 0x201D;  /* „ “ */
    case 0x2018: return close == 0x2019;                     /* ‘ ’ */
    case 0x201A: return close == 0x2018 || close == 0x2019;  /* ‚ ‘ */
    case 0x00AB: return close == 0x00BB;                     /* « » */
    case 0x00BB: return close == 0x00AB;                     /* » « */
    case 0x2039: return close == 0x203A;                     /* ‹ › */
    case 0x203A: return close == 0x2039;                     /* › ‹ */
    case 0x300C: return close == 0x300D;                     /* 「 」 */
    case 0x300E: return close == 0x300F;                     /* 『 』 */
    case '"':    return close == '"';
    case '\'':   return close == '\'';
    default:     return FALSE;
    }
}

static gboolean
is_opening_context (gunichar before,
                    gunichar open,
                    gunichar after)
{
  if (after == 0 || g_unichar_isspace (after))
    return FALSE;

  /* Marks that also close (or are apostrophes) open only after a space,
   * a bracket or a dash; “ „ 「 and the like open anywhere (Japanese has
   * no space before 「). */
  if (open == '"' || open == '\'' || open == 0x00BB || open == 0x203A)
    return before == 0 || g_unichar_isspace (before) || before == '(' || before == '[' ||
           before == 0x2014 || before == 0x2013;

  return TRUE;
}

/* An apostrophe ("council's") sits between two letters. */
static gboolean
is_apostrophe (gunichar before,
               gunichar ch,
               gunichar after)
{
  return (ch == '\'' || ch == 0x2019) && g_unichar_isalpha (before) && g_unichar_isalpha (after);
}

static gunichar
char_at (GtkTextBuffer *buffer,
         guint          offset)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);

  return gtk_text_iter_get_char (&iter);
}

void
attest_article_view_extend_to_quotes (AttestArticleView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter s, e, para_start, para_end, iter;
  guint start, end, found_open = 0, found_close = 0;
  gboolean found = FALSE;

  g_return_if_fail (ATTEST_IS_ARTICLE_VIEW (self));

  if (self->document == NULL)
    return;

  buffer = get_buffer (self);
  gtk_text_buffer_get_selection_bounds (buffer, &s, &e);
  start = gtk_text_iter_get_offset (&s);
  end = gtk_text_iter_get_offset (&e);

  /* Quotes open and close within a paragraph; a quote running on into
   * the next paragraph leaves its mark open and reopens it there. */
  para_start = s;
  gtk_text_iter_set_line_offset (&para_start, 0);
  para_end = e;
  if (!gtk_text_iter_ends_line (&para_end))
    gtk_text_iter_forward_to_line_end (&para_end);

  iter = s;
  while (!found && gtk_text_iter_compare (&iter, &para_start) > 0)
    {
      GtkTextIter before, after, scan;
      gunichar open, ch;

      gtk_text_iter_backward_char (&iter);
      open = gtk_text_iter_get_char (&iter);
      if (!_attest_article_view_is_quote_mark (open) || open == 0x2019 || open == 0x201D)
        continue;

      before = after = iter;
      gtk_text_iter_forward_char (&after);
      if (!gtk_text_iter_backward_char (&before))
        gtk_text_buffer_get_start_iter (buffer, &before);
      if (!is_opening_context (gtk_text_iter_equal (&before, &iter) ? 0 : gtk_text_iter_get_char (&before),
                               open, gtk_text_iter_get_char (&after)))
        continue;

      for (scan = gtk_text_iter_compare (&e, &after) > 0 ? e : after;
           gtk_text_iter_compare (&scan, &para_end) < 0;
           gtk_text_iter_forward_char (&scan))
        {
          guint offset = gtk_text_iter_get_offset (&scan);

          ch = gtk_text_iter_get_char (&scan);
          if (closes (open, ch) &&
              !is_apostrophe (offset > 0 ? char_at (buffer, offset - 1) : 0, ch,
                              char_at (buffer, offset + 1)))
            {
              found_open = gtk_text_iter_get_offset (&iter);
              found_close = offset;
              found = TRUE;
              break;
            }
        }

      /* A mark left open at the end of a paragraph whose next paragraph
       * reopens it: the quote runs to the end of this one. */
      if (!found)
        {
          GtkTextIter next = para_end;

          while (gtk_text_iter_forward_char (&next) && g_unichar_isspace (gtk_text_iter_get_char (&next)))
            ;
          if (gtk_text_iter_get_char (&next) == open)
            {
              GtkTextIter last = para_end;

              while (gtk_text_iter_backward_char (&last) && gtk_text_iter_compare (&last, &after) > 0 &&
                     g_unichar_isspace (gtk_text_iter_get_char (&last)))
                ;
              found_open = gtk_text_iter_get_offset (&iter);
              found_close = gtk_text_iter_get_offset (&last) + 1;
              found = found_close > found_open + 1;
              /* No closing mark to leave out or keep. */
              if (found && !self->exclude_quote_marks)
                found_close--;
            }
        }
    }

  if (!found)
    {
      _attest_article_view_emit_message (self, _("No quotation marks around the selection"));
      return;
    }

  if (self->exclude_quote_marks)
    {
      start = found_open + 1;
      end = found_close;
    }
  else
    {
      start = found_open;
      end = found_close + 1;
    }

  gtk_text_buffer_get_iter_at_offset (buffer, &s, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &e, end);
  gtk_text_buffer_select_range (buffer, &e, &s);
  attest_article_view_select_span (self, NULL, FALSE);
}

/* Suggestions -------------------------------------------------------------- */

void
attest_article_view_accept_suggestion (AttestArticleView *self)
{
  AttestSpan *span;
  gboolean suggestion;

  g_return_if_fail (ATTEST_IS_ARTICLE_VIEW (self));

  span = _attest_article_view_lookup_span (self, self->selected_span_id, &suggestion);
  if (span == NULL || !suggestion || !_attest_article_view_can_edit (self))
    return;

  span = attest_history_accept_suggestion (get_history (self), span, get_annotator (self));
  if (span != NULL)
    attest_article_view_select_span (self, span->id, FALSE);
}

void
attest_article_view_reject_suggestion (AttestArticleView *self)
{
  AttestSpan *span;
  gboolean suggestion;

  g_return_if_fail (ATTEST_IS_ARTICLE_VIEW (self));

  span = _attest_article_view_lookup_span (self, self->selected_span_id, &suggestion);
  if (span == NULL || !suggestion || !_attest_article_view_can_edit (self))
    return;

  attest_history_reject_suggestion (get_history (self), span);
}

void
attest_article_view_accept_all_suggestions (AttestArticleView *self)
{
  AttestSpanStore *suggested;
  AttestHistory *history;
  g_autoptr(GPtrArray) all = NULL;

  g_return_if_fail (ATTEST_IS_ARTICLE_VIEW (self));

  if (!_attest_article_view_can_edit (self))
    return;

  suggested = attest_document_get_suggested_spans (self->document);
  if (attest_span_store_get_n_spans (suggested) == 0)
    return;

  /* Accepting removes from the store being walked: take the list first. */
  all = g_ptr_array_new ();
  for (AttestSpan *span = attest_span_store_get_first (suggested);
       span != NULL;
       span = attest_span_store_get_next (suggested, span))
    g_ptr_array_add (all, span);

  history = get_history (self);
  attest_history_begin (history, _("Accept All Suggestions"));
  for (guint i = 0; i < all->len; i++)
    attest_history_accept_suggestion (history, g_ptr_array_index (all, i), get_annotator (self));
  attest_history_end (history);
}
