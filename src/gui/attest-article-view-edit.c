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

/* Pronouns are linked to an existing entity when one has them as an
 * alias, but never become an entity of their own. */
static const char * const pronouns[] = {
  "he", "she", "they", "him", "her", "them", "i", "we", "you", "it", NULL
};

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
  AttestLabel *info = NULL;

  if (self->tagset != NULL)
    info = attest_tagset_lookup_label (self->tagset, label);

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

  best = iter != NULL ? attest_span_store_get_prev (store, iter)
                      : attest_span_store_get_last (store);
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
