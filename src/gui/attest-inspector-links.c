/* attest-inspector-links.c
 *
 * The inspector's links: the quote's speaker and the speaker's entity.
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attest-inspector-private.h"
#include "attest-span-list-model.h"

static const struct
{
  const char *id;
  const char *name;
} kinds[] = {
  { "person", N_("Person") },
  { "organisation", N_("Organisation") },
  { "anonymous", N_("Anonymous") },
  { "other", N_("Other") },
};

/* Said by ----------------------------------------------------------------- */

static gboolean
is_speaker_label (AttestInspector *self,
                  const char      *label)
{
  AttestRelationType *type = attest_speaker_relation_type (self->tagset);

  return type != NULL && type->to != NULL &&
         g_strv_contains ((const char * const *) type->to, label);
}

static gboolean
is_quote_label (AttestInspector *self,
                const char      *label)
{
  AttestRelationType *type = attest_speaker_relation_type (self->tagset);

  return type != NULL && type->from != NULL &&
         g_strv_contains ((const char * const *) type->from, label);
}

gboolean
_attest_inspector_span_list_changed (AttestInspector *self,
                                     AttestSpan      *span)
{
  /* A relabel does not say what the span was: it may have left the list. */
  if (is_speaker_label (self, span->label) || g_hash_table_contains (self->speaker_index, span->id))
    {
      self->speakers_dirty = TRUE;
      return gtk_widget_get_visible (GTK_WIDGET (self->speaker_group));
    }

  return FALSE;
}

static char *
describe_speaker (AttestDocument *document,
                  AttestSpan     *span)
{
  g_autofree char *mention = attest_span_dup_display_text (document, span, 60);
  AttestEntity *entity = attest_document_lookup_entity (document, span->entity);

  if (entity != NULL && entity->name != NULL && *entity->name != '\0' &&
      g_strcmp0 (entity->name, mention) != 0)
    /* TRANSLATORS: a speaker to pick for a quote: the entity's name and
     * the words of the mention, "Amara Okafor (“she”)" */
    return g_strdup_printf (_("%s (“%s”)"), entity->name, mention);

  return g_steal_pointer (&mention);
}

/* A quote lists the speaker mentions nearest to it on each side: all of
 * them in an article of ordinary length, and a bounded few in a long
 * transcript, where a list of thousands would help no one. */
#define SPEAKERS_EACH_SIDE 60
#define SPANS_EACH_SIDE    20000

static void
collect_speakers (AttestSpanStore *store,
                  AttestSpan      *quote,
                  GPtrArray       *targets,
                  gboolean         forward,
                  GPtrArray       *found)
{
  AttestSpan *span = forward ? attest_span_store_get_next (store, quote)
                             : attest_span_store_get_prev (store, quote);

  for (guint steps = 0;
       span != NULL && found->len < SPEAKERS_EACH_SIDE && steps < SPANS_EACH_SIDE;
       steps++)
    {
      if (g_ptr_array_find (targets, span->label, NULL))
        g_ptr_array_add (found, span);
      span = forward ? attest_span_store_get_next (store, span)
                     : attest_span_store_get_prev (store, span);
    }
}

static void
build_speakers (AttestInspector    *self,
                AttestRelationType *type,
                AttestSpan         *quote,
                const char         *linked_id)
{
  AttestDocument *document = _attest_inspector_get_document (self);
  AttestSpanStore *store = attest_document_get_spans (document);
  AttestSpan *linked = attest_span_store_lookup (store, linked_id);
  g_autoptr(GPtrArray) targets = g_ptr_array_new ();
  g_autoptr(GPtrArray) before = g_ptr_array_new ();
  g_autoptr(GPtrArray) after = g_ptr_array_new ();
  g_autoptr(GPtrArray) spans = g_ptr_array_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_hash_table_remove_all (self->speaker_index);
  g_ptr_array_set_size (self->speaker_ids, 0);

  for (guint i = 0; type->to != NULL && type->to[i] != NULL; i++)
    g_ptr_array_add (targets, (gpointer) g_intern_string (type->to[i]));

  collect_speakers (store, quote, targets, FALSE, before);
  collect_speakers (store, quote, targets, TRUE, after);

  /* The linked speaker is listed wherever it is: it lies beyond the
   * nearest ones, so before or after all of them. */
  if (linked != NULL && !g_ptr_array_find (before, linked, NULL) &&
      !g_ptr_array_find (after, linked, NULL))
    g_ptr_array_add (attest_span_compare (linked, quote) < 0 ? before : after, linked);

  for (guint i = before->len; i > 0; i--)
    g_ptr_array_add (spans, g_ptr_array_index (before, i - 1));
  for (guint i = 0; i < after->len; i++)
    g_ptr_array_add (spans, g_ptr_array_index (after, i));

  /* TRANSLATORS: a quote linked to no speaker */
  g_ptr_array_add (names, g_strdup (_("None")));
  for (guint i = 0; i < spans->len; i++)
    {
      AttestSpan *span = g_ptr_array_index (spans, i);
      char *id = g_strdup (span->id);

      g_ptr_array_add (self->speaker_ids, id);
      g_hash_table_insert (self->speaker_index, id, GUINT_TO_POINTER (self->speaker_ids->len));
      g_ptr_array_add (names, describe_speaker (document, span));
    }
  g_ptr_array_add (names, NULL);

  _attest_inspector_set_strings (self->speaker_row, (const char * const *) names->pdata);
  g_free (self->speakers_for);
  self->speakers_for = g_strdup (quote->id);
  self->speakers_dirty = FALSE;
}

static const char *
get_linked_speaker (AttestInspector    *self,
                    AttestSpan         *quote,
                    AttestRelationType *type)
{
  AttestDocument *document = _attest_inspector_get_document (self);
  g_autoptr(GPtrArray) relations = attest_document_get_relations_of (document, quote->id);

  for (guint i = 0; i < relations->len; i++)
    {
      AttestRelation *relation = g_ptr_array_index (relations, i);

      if (relation->type == type->id && g_strcmp0 (relation->from, quote->id) == 0)
        return relation->to;
    }

  return NULL;
}

void
_attest_inspector_update_speaker (AttestInspector *self,
                                  AttestSpan      *span)
{
  AttestRelationType *type = attest_speaker_relation_type (self->tagset);
  AttestDocument *document = _attest_inspector_get_document (self);
  const char *speaker_id;
  guint position;

  if (span == NULL || type == NULL || !is_quote_label (self, span->label))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->speaker_group), FALSE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->speaker_group), TRUE);
  if (type->id == g_intern_static_string ("said-by"))
    adw_preferences_group_set_title (self->speaker_group, _("Said By"));
  else
    {
      g_autofree char *title = g_markup_escape_text (type->name != NULL ? type->name : type->id,
                                                     -1);
      adw_preferences_group_set_title (self->speaker_group, title);
    }

  speaker_id = get_linked_speaker (self, span, type);
  if (self->speakers_dirty || g_strcmp0 (self->speakers_for, span->id) != 0 ||
      (speaker_id != NULL && !g_hash_table_contains (self->speaker_index, speaker_id)))
    build_speakers (self, type, span, speaker_id);

  if (speaker_id == NULL)
    position = 0;
  else if (!(position = GPOINTER_TO_UINT (g_hash_table_lookup (self->speaker_index, speaker_id))))
    position = GTK_INVALID_LIST_POSITION;

  adw_combo_row_set_selected (self->speaker_row, position);
  gtk_widget_set_sensitive (self->jump_button,
                            speaker_id != NULL &&
                            attest_span_store_lookup (attest_document_get_spans (document),
                                                      speaker_id) != NULL);
}

static void
on_speaker_selected (AttestInspector *self,
                     GParamSpec      *pspec,
                     AdwComboRow     *row)
{
  AttestSpan *span = _attest_inspector_get_editable_span (self);
  AttestRelationType *type = attest_speaker_relation_type (self->tagset);
  guint position = adw_combo_row_get_selected (row);
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GPtrArray) old = NULL;
  AttestHistory *history;
  const char *speaker_id;

  if (span == NULL || type == NULL || position == GTK_INVALID_LIST_POSITION ||
      position > self->speaker_ids->len)
    return;

  speaker_id = position == 0 ? NULL : g_ptr_array_index (self->speaker_ids, position - 1);

  relations = attest_document_get_relations_of (_attest_inspector_get_document (self), span->id);
  old = g_ptr_array_new ();
  for (guint i = 0; i < relations->len; i++)
    {
      AttestRelation *relation = g_ptr_array_index (relations, i);

      if (relation->type == type->id && g_strcmp0 (relation->from, span->id) == 0)
        g_ptr_array_add (old, relation);
    }

  if (old->len == (speaker_id != NULL ? 1 : 0) &&
      (old->len == 0 || g_strcmp0 (((AttestRelation *) old->pdata[0])->to, speaker_id) == 0))
    return;

  /* One undo step: the quote has one speaker, whatever it had before. */
  history = _attest_inspector_get_history (self);
  attest_history_begin (history, _("Link Speaker"));
  for (guint i = 0; i < old->len; i++)
    attest_history_remove_relation (history, g_ptr_array_index (old, i));
  if (speaker_id != NULL)
    attest_history_add_relation (history, type->id, span->id, speaker_id,
                                 attest_session_get_annotator (self->session));
  attest_history_end (history);
}

void
_attest_inspector_on_jump_clicked (AttestInspector *self)
{
  AttestRelationType *type = attest_speaker_relation_type (self->tagset);
  AttestSpan *span = _attest_inspector_get_span (self, NULL);
  g_autofree char *speaker_id = NULL;

  if (span == NULL || type == NULL)
    return;

  /* Copied: a handler may change the document. */
  speaker_id = g_strdup (get_linked_speaker (self, span, type));
  if (speaker_id != NULL)
    _attest_inspector_emit_span_activated (self, speaker_id);
}

/* Entity ------------------------------------------------------------------ */

char *
_attest_inspector_parse_qid (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  const char *qid = copy;
  const char *slash;

  /* A pasted address: https://www.wikidata.org/wiki/Q42 */
  if ((slash = strrchr (copy, '/')) != NULL)
    {
      if (strstr (copy, "wikidata.org") == NULL)
        return NULL;
      qid = slash + 1;
    }

  if ((qid[0] != 'Q' && qid[0] != 'q') || qid[1] == '\0')
    return NULL;
  for (const char *p = qid + 1; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return NULL;

  return g_strdup_printf ("Q%s", qid + 1);
}

static AttestEntity *
get_editable_entity (AttestInspector *self)
{
  AttestSpan *span = _attest_inspector_get_editable_span (self);

  if (span == NULL)
    return NULL;

  return attest_document_lookup_entity (_attest_inspector_get_document (self), span->entity);
}

static void
build_entities (AttestInspector *self)
{
  AttestDocument *document = _attest_inspector_get_document (self);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_ptr_array_set_size (self->entity_ids, 0);
  g_ptr_array_add (names, _("None"));
  for (guint i = 0; i < attest_document_get_n_entities (document); i++)
    {
      AttestEntity *entity = attest_document_get_entity (document, i);

      g_ptr_array_add (self->entity_ids, g_strdup (entity->id));
      g_ptr_array_add (names, entity->name != NULL && *entity->name ? entity->name : entity->id);
    }
  g_ptr_array_add (names, _("New Entity…"));
  g_ptr_array_add (names, NULL);

  _attest_inspector_set_strings (self->entity_row, (const char * const *) names->pdata);
  self->entities_dirty = FALSE;
}

static void
update_wikidata_link (AttestInspector *self,
                      const char      *qid)
{
  if (qid != NULL)
    {
      g_autofree char *uri = g_strdup_printf ("https://www.wikidata.org/wiki/%s", qid);
      g_autofree char *label = g_strdup_printf (_("Open %s on Wikidata"), qid);

      gtk_link_button_set_uri (self->wikidata_link, uri);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->wikidata_link), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->wikidata_link),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->wikidata_link), qid != NULL);
}

void
_attest_inspector_update_entity (AttestInspector *self,
                                 AttestSpan      *span,
                                 gboolean         switched)
{
  AttestLabel *label = span != NULL ? attest_tagset_lookup_label (self->tagset, span->label) : NULL;
  AttestEntity *entity;
  g_autofree char *aliases = NULL;
  guint position = 0;

  if (label == NULL || !label->entity)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->entity_group), FALSE);
      g_clear_pointer (&self->shown_entity_id, g_free);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->entity_group), TRUE);
  if (self->entities_dirty)
    build_entities (self);

  entity = attest_document_lookup_entity (_attest_inspector_get_document (self), span->entity);
  if (entity != NULL && g_ptr_array_find_with_equal_func (self->entity_ids, entity->id,
                                                          g_str_equal, &position))
    position++;
  adw_combo_row_set_selected (self->entity_row, position);

  gtk_widget_set_visible (GTK_WIDGET (self->name_row), entity != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->kind_row), entity != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->wikidata_row), entity != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->aliases_row), entity != NULL);

  if (g_strcmp0 (self->shown_entity_id, entity != NULL ? entity->id : NULL) != 0)
    {
      switched = TRUE;
      g_free (self->shown_entity_id);
      self->shown_entity_id = g_strdup (entity != NULL ? entity->id : NULL);
    }

  if (entity == NULL)
    return;

  position = GTK_INVALID_LIST_POSITION;
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (entity->kind, kinds[i].id) == 0)
      position = i;
  adw_combo_row_set_selected (self->kind_row, position);

  aliases = entity->aliases != NULL ? g_strjoinv (", ", entity->aliases) : NULL;
  _attest_inspector_show_entry_text (GTK_WIDGET (self->name_row), entity->name, switched);
  _attest_inspector_show_entry_text (GTK_WIDGET (self->wikidata_row), entity->wikidata, switched);
  _attest_inspector_show_entry_text (GTK_WIDGET (self->aliases_row), aliases, switched);
  update_wikidata_link (self, entity->wikidata);
}

static void
on_entity_selected (AttestInspector *self,
                    GParamSpec      *pspec,
                    AdwComboRow     *row)
{
  AttestSpan *span = _attest_inspector_get_editable_span (self);
  guint position = adw_combo_row_get_selected (row);
  AttestHistory *history = _attest_inspector_get_history (self);
  const char *entity_id;

  if (span == NULL || position == GTK_INVALID_LIST_POSITION)
    return;

  if (position == self->entity_ids->len + 1)
    {
      g_autofree char *name = attest_span_dup_display_text (_attest_inspector_get_document (self),
                                                            span, 200);
      AttestEntity *entity;

      /* Named after the mention; the editor corrects the name after. */
      attest_history_begin (history, _("New Entity"));
      entity = attest_history_add_entity (history, name, "person");
      if (entity != NULL)
        attest_history_set_span_entity (history, span, entity->id);
      attest_history_end (history);
      return;
    }

  entity_id = position == 0 ? NULL : g_ptr_array_index (self->entity_ids, position - 1);
  if (g_strcmp0 (entity_id, span->entity) != 0)
    attest_history_set_span_entity (history, span, entity_id);
}

static void
on_kind_selected (AttestInspector *self,
                  GParamSpec      *pspec,
                  AdwComboRow     *row)
{
  AttestEntity *entity = get_editable_entity (self);
  guint position = adw_combo_row_get_selected (row);
  g_autoptr(AttestEntity) changed = NULL;

  if (entity == NULL || position >= G_N_ELEMENTS (kinds) ||
      g_strcmp0 (entity->kind, kinds[position].id) == 0)
    return;

  changed = attest_entity_copy (entity);
  changed->kind = g_intern_static_string (kinds[position].id);
  attest_history_update_entity (_attest_inspector_get_history (self), changed);
}

void
_attest_inspector_on_name_apply (AttestInspector *self)
{
  AttestEntity *entity = get_editable_entity (self);
  g_autofree char *name = _attest_inspector_take_entry_text (GTK_WIDGET (self->name_row));
  g_autoptr(AttestEntity) changed = NULL;

  if (entity == NULL)
    return;

  /* An entity keeps a name: an emptied field goes back to the old one. */
  if (*name == '\0')
    {
      _attest_inspector_show_entry_text (GTK_WIDGET (self->name_row), entity->name, TRUE);
      return;
    }

  if (g_strcmp0 (name, entity->name) == 0)
    return;

  changed = attest_entity_copy (entity);
  g_free (changed->name);
  changed->name = g_steal_pointer (&name);
  attest_history_update_entity (_attest_inspector_get_history (self), changed);
}

void
_attest_inspector_on_wikidata_changed (AttestInspector *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->wikidata_row));
  g_autofree char *qid = _attest_inspector_parse_qid (text);

  if (*text != '\0' && qid == NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->wikidata_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->wikidata_row), "error");
}

void
_attest_inspector_on_wikidata_apply (AttestInspector *self)
{
  AttestEntity *entity = get_editable_entity (self);
  g_autofree char *text = _attest_inspector_take_entry_text (GTK_WIDGET (self->wikidata_row));
  g_autofree char *qid = _attest_inspector_parse_qid (text);
  g_autoptr(AttestEntity) changed = NULL;

  if (entity == NULL)
    return;

  /* Not an id: leave the text to be corrected, marked as an error. */
  if (*text != '\0' && qid == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->wikidata_row), "error");
      gtk_widget_error_bell (GTK_WIDGET (self->wikidata_row));
      return;
    }

  /* Show "Q42" for a pasted address. */
  _attest_inspector_show_entry_text (GTK_WIDGET (self->wikidata_row), qid, TRUE);
  if (g_strcmp0 (qid, entity->wikidata) == 0)
    return;

  changed = attest_entity_copy (entity);
  g_free (changed->wikidata);
  changed->wikidata = g_steal_pointer (&qid);
  attest_history_update_entity (_attest_inspector_get_history (self), changed);
}

void
_attest_inspector_on_aliases_apply (AttestInspector *self)
{
  AttestEntity *entity = get_editable_entity (self);
  g_autofree char *text = _attest_inspector_take_entry_text (GTK_WIDGET (self->aliases_row));
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) aliases = NULL;
  g_autoptr(AttestEntity) changed = NULL;

  if (entity == NULL)
    return;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  aliases = g_strv_builder_end (builder);
  if (aliases[0] == NULL)
    g_clear_pointer (&aliases, g_strfreev);

  if (aliases == entity->aliases ||
      (aliases != NULL && entity->aliases != NULL &&
       g_strv_equal ((const char * const *) aliases, (const char * const *) entity->aliases)))
    return;

  changed = attest_entity_copy (entity);
  g_strfreev (changed->aliases);
  changed->aliases = g_steal_pointer (&aliases);
  attest_history_update_entity (_attest_inspector_get_history (self), changed);
}

void
_attest_inspector_init_links (AttestInspector *self)
{
  g_autoptr(GtkStringList) kind_names = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_string_list_append (kind_names, _(kinds[i].name));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kind_names));

  g_signal_connect_object (self->speaker_row, "notify::selected",
                           G_CALLBACK (on_speaker_selected), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entity_row, "notify::selected",
                           G_CALLBACK (on_entity_selected), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->kind_row, "notify::selected",
                           G_CALLBACK (on_kind_selected), self,
                           G_CONNECT_SWAPPED);
}
