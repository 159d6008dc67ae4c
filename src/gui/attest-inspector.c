/* attest-inspector.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attest-inspector-private.h"
#include "attest-span-list-model.h"

G_DEFINE_FINAL_TYPE (AttestInspector, attest_inspector, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SPAN_ID,
  N_PROPS
};

enum {
  SPAN_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

AttestDocument *
_attest_inspector_get_document (AttestInspector *self)
{
  return self->session != NULL ? attest_session_get_document (self->session) : NULL;
}

AttestHistory *
_attest_inspector_get_history (AttestInspector *self)
{
  return self->session != NULL ? attest_session_get_history (self->session) : NULL;
}

/* The inspected span, NULL for none, or a suggested one (read-only here:
 * the article view accepts and rejects suggestions). */
AttestSpan *
_attest_inspector_get_span (AttestInspector *self,
                            gboolean        *suggestion)
{
  AttestDocument *document = _attest_inspector_get_document (self);
  AttestSpan *span;

  if (suggestion != NULL)
    *suggestion = FALSE;

  if (document == NULL || self->span_id == NULL)
    return NULL;

  if ((span = attest_span_store_lookup (attest_document_get_spans (document), self->span_id)))
    return span;

  span = attest_span_store_lookup (attest_document_get_suggested_spans (document), self->span_id);
  if (span != NULL && suggestion != NULL)
    *suggestion = TRUE;

  return span;
}

/* The span the editor may change now: not a suggestion, not read-only. */
AttestSpan *
_attest_inspector_get_editable_span (AttestInspector *self)
{
  gboolean suggestion;
  AttestSpan *span = _attest_inspector_get_span (self, &suggestion);

  if (span == NULL || suggestion || self->updating > 0 ||
      attest_session_get_read_only (self->session))
    return NULL;

  return span;
}

/* Refresh ----------------------------------------------------------------- */

static void
update_sensitivity (AttestInspector *self,
                    gboolean         suggestion)
{
  gboolean editable = self->session != NULL && !attest_session_get_read_only (self->session) &&
                      !suggestion;

  gtk_widget_set_sensitive (GTK_WIDGET (self->label_row), editable);
  for (guint i = 0; i < self->attr_rows->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->attr_rows, i), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->speaker_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->entity_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->kind_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->wikidata_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->aliases_row), editable);
  gtk_widget_set_sensitive (self->note_frame, editable);
}

void
_attest_inspector_refresh (AttestInspector *self)
{
  gboolean suggestion;
  AttestSpan *span = _attest_inspector_get_span (self, &suggestion);
  gboolean switched;

  if (span == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      g_clear_pointer (&self->shown_span_id, g_free);
      return;
    }

  switched = g_strcmp0 (self->shown_span_id, span->id) != 0;
  if (switched)
    {
      g_free (self->shown_span_id);
      self->shown_span_id = g_strdup (span->id);
    }

  self->updating++;

  _attest_inspector_update_heading (self, span, suggestion);
  _attest_inspector_update_label_row (self, span);
  _attest_inspector_update_attr_rows (self, span, switched);
  _attest_inspector_update_speaker (self, suggestion ? NULL : span);
  _attest_inspector_update_entity (self, suggestion ? NULL : span, switched);
  gtk_widget_set_visible (GTK_WIDGET (self->note_group), !suggestion);
  _attest_inspector_update_note (self, span, switched);
  _attest_inspector_update_provenance (self, span);
  update_sensitivity (self, suggestion);

  self->updating--;

  gtk_stack_set_visible_child_name (self->stack, "span");
  if (switched)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

/* Document signals -------------------------------------------------------- */

static void
on_span_added (AttestInspector *self,
               AttestSpan      *span)
{
  /* Undoing a removal brings the inspected span back. */
  if (_attest_inspector_span_list_changed (self, span) || g_strcmp0 (span->id, self->span_id) == 0)
    _attest_inspector_refresh (self);
}

static void
on_span_removed (AttestInspector *self,
                 AttestSpan      *span)
{
  if (g_strcmp0 (span->id, self->span_id) == 0)
    {
      /* Its note has nowhere to go now. */
      g_clear_handle_id (&self->note_timeout, g_source_remove);
      _attest_inspector_span_list_changed (self, span);
      _attest_inspector_refresh (self);
    }
  else if (_attest_inspector_span_list_changed (self, span))
    _attest_inspector_refresh (self);
}

static void
on_span_changed (AttestInspector *self,
                 AttestSpan      *span,
                 guint            old_start,
                 guint            old_end)
{
  if (_attest_inspector_span_list_changed (self, span) || g_strcmp0 (span->id, self->span_id) == 0)
    _attest_inspector_refresh (self);
}

static void
on_relations_changed (AttestInspector *self)
{
  _attest_inspector_refresh (self);
}

static void
on_entities_changed (AttestInspector *self)
{
  self->entities_dirty = TRUE;
  self->speakers_dirty = TRUE;
  _attest_inspector_refresh (self);
}

static void
on_suggestions_changed (AttestInspector *self)
{
  gboolean suggestion;

  if (_attest_inspector_get_span (self, &suggestion) == NULL || suggestion)
    _attest_inspector_refresh (self);
}

static void
set_tagset (AttestInspector *self,
            AttestTagset    *tagset)
{
  if (self->tagset == tagset)
    return;

  g_clear_pointer (&self->tagset, attest_tagset_unref);
  self->tagset = tagset != NULL ? attest_tagset_ref (tagset) : NULL;
  self->attr_label = NULL;
  self->speakers_dirty = TRUE;
  _attest_inspector_build_label_model (self);
}

static void
on_session_document (AttestInspector *self,
                     GParamSpec      *pspec,
                     AttestSession   *session)
{
  g_clear_handle_id (&self->note_timeout, g_source_remove);
  g_signal_group_set_target (self->document_signals, attest_session_get_document (session));
  self->speakers_dirty = TRUE;
  self->entities_dirty = TRUE;
  g_clear_pointer (&self->shown_span_id, g_free);
  _attest_inspector_refresh (self);
}

static void
on_session_tagset (AttestInspector *self,
                   GParamSpec      *pspec,
                   AttestSession   *session)
{
  set_tagset (self, attest_session_get_tagset (session));
  _attest_inspector_refresh (self);
}

static void
on_session_read_only (AttestInspector *self,
                      GParamSpec      *pspec,
                      AttestSession   *session)
{
  _attest_inspector_refresh (self);
}

/* Widget ------------------------------------------------------------------ */

/* Closing the window, or hiding the sidebar (F9), keeps what was typed. */
static void
attest_inspector_unmap (GtkWidget *widget)
{
  _attest_inspector_commit_note (ATTEST_INSPECTOR (widget));

  GTK_WIDGET_CLASS (attest_inspector_parent_class)->unmap (widget);
}

static void
attest_inspector_dispose (GObject *object)
{
  AttestInspector *self = (AttestInspector *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->note_timeout, g_source_remove);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  if (self->document_signals != NULL)
    g_signal_group_set_target (self->document_signals, NULL);
  g_clear_object (&self->document_signals);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTEST_TYPE_INSPECTOR);
  /* The template's children that are not bound to fields. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  g_clear_pointer (&self->tagset, attest_tagset_unref);
  g_clear_pointer (&self->attr_rows, g_ptr_array_unref);
  g_clear_pointer (&self->label_ids, g_ptr_array_unref);
  g_clear_pointer (&self->speaker_ids, g_ptr_array_unref);
  g_clear_pointer (&self->speaker_index, g_hash_table_unref);
  g_clear_pointer (&self->speakers_for, g_free);
  g_clear_pointer (&self->entity_ids, g_ptr_array_unref);
  g_clear_pointer (&self->span_id, g_free);
  g_clear_pointer (&self->shown_span_id, g_free);
  g_clear_pointer (&self->shown_entity_id, g_free);
  g_clear_pointer (&self->shown_note, g_free);

  G_OBJECT_CLASS (attest_inspector_parent_class)->dispose (object);
}

static void
attest_inspector_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AttestInspector *self = ATTEST_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_SPAN_ID:
      g_value_set_string (value, self->span_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_inspector_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AttestInspector *self = ATTEST_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      attest_inspector_set_session (self, g_value_get_object (value));
      break;

    case PROP_SPAN_ID:
      attest_inspector_set_span (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_inspector_class_init (AttestInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attest_inspector_dispose;
  object_class->get_property = attest_inspector_get_property;
  object_class->set_property = attest_inspector_set_property;

  widget_class->unmap = attest_inspector_unmap;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         ATTEST_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SPAN_ID] =
    g_param_spec_string ("span-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AttestInspector::span-activated:
   * @span_id: the span to go to
   *
   * The editor asked to go to another span: the quote's speaker.
   */
  signals[SPAN_ACTIVATED] =
    g_signal_new ("span-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (ADW_TYPE_STATUS_PAGE);
  g_type_ensure (ADW_TYPE_PREFERENCES_GROUP);
  g_type_ensure (ADW_TYPE_COMBO_ROW);
  g_type_ensure (ADW_TYPE_ENTRY_ROW);
  g_type_ensure (ADW_TYPE_ACTION_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/attest/Attest/attest-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, AttestInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, AttestInspector, scroller);
  gtk_widget_class_bind_template_child (widget_class, AttestInspector, heading_box);
  gtk_widget_class_bind_template_child (widget_class, AttestInspector, heading_label);
  gtk_widget_class_bind_template_child (widget_class, AttestInspector, range_label);
  gtk_widget_class_bind_template_child (widget_class, AttestInspector, text_label);
  gtk_widget_class_bind_template_child (widget_class, AttestInspector, flag_box);
  gtk_widget_class_bind_template_child (widget_class, AttestInspector, flag_label);
  gtk_widget_class_bind_template_child (widget_class, AttestInspector, suggestion_label);
  gtk_widget_class_bind_template_child (widget_class, AttestInspector, details_group);
  gtk_widget_class_bind_template_child (widget_class, AttestInspector, label_row);
  gtk_widget_class_bind_template_child (widget_class, AttestInspector, speaker_group);
  gtk_widget_class_bind_template_child (widget_class, AttestInspector, jump_button);
  gtk_widget_class_bind_template_child (widget_class, AttestInspector, speaker_row);
  gtk_widget_class_bind_template_child (widget_class, AttestInspector, entity_group);
  gtk_widget_class_bind_template_child (widget_class, AttestInspector, entity_row);
  gtk_widget_class_bind_template_child (widget_class, AttestInspector, name_row);
  gtk_widget_class_bind_template_child (widget_class, AttestInspector, kind_row);
  gtk_widget_class_bind_template_child (widget_class, AttestInspector, wikidata_row);
  gtk_widget_class_bind_template_child (widget_class, AttestInspector, wikidata_link);
  gtk_widget_class_bind_template_child (widget_class, AttestInspector, aliases_row);
  gtk_widget_class_bind_template_child (widget_class, AttestInspector, note_group);
  gtk_widget_class_bind_template_child (widget_class, AttestInspector, note_frame);
  gtk_widget_class_bind_template_child (widget_class, AttestInspector, note_view);
  gtk_widget_class_bind_template_child (widget_class, AttestInspector, annotator_row);
  gtk_widget_class_bind_template_child (widget_class, AttestInspector, origin_row);
  gtk_widget_class_bind_template_child (widget_class, AttestInspector, created_row);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_jump_clicked",
                                                G_CALLBACK (_attest_inspector_on_jump_clicked));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_reviewed_clicked",
                                                G_CALLBACK (_attest_inspector_on_reviewed_clicked));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_name_apply",
                                                G_CALLBACK (_attest_inspector_on_name_apply));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_wikidata_apply",
                                                G_CALLBACK (_attest_inspector_on_wikidata_apply));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_wikidata_changed",
                                                G_CALLBACK (_attest_inspector_on_wikidata_changed));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_aliases_apply",
                                                G_CALLBACK (_attest_inspector_on_aliases_apply));

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "inspector");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
attest_inspector_init (AttestInspector *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->attr_rows = g_ptr_array_new ();
  self->label_ids = g_ptr_array_new ();
  self->speaker_ids = g_ptr_array_new_with_free_func (g_free);
  self->speaker_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->entity_ids = g_ptr_array_new_with_free_func (g_free);
  self->speakers_dirty = TRUE;
  self->entities_dirty = TRUE;

  _attest_inspector_init_fields (self);
  _attest_inspector_init_links (self);

  self->document_signals = g_signal_group_new (ATTEST_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "span-added",
                                 G_CALLBACK (on_span_added), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "span-removed",
                                 G_CALLBACK (on_span_removed), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "span-changed",
                                 G_CALLBACK (on_span_changed), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "relations-changed",
                                 G_CALLBACK (on_relations_changed), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "entities-changed",
                                 G_CALLBACK (on_entities_changed), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "suggestions-changed",
                                 G_CALLBACK (on_suggestions_changed), self,
                                 G_CONNECT_SWAPPED);

  _attest_inspector_refresh (self);
}

GtkWidget *
attest_inspector_new (void)
{
  return g_object_new (ATTEST_TYPE_INSPECTOR, NULL);
}

void
attest_inspector_set_session (AttestInspector *self,
                              AttestSession   *session)
{
  g_return_if_fail (ATTEST_IS_INSPECTOR (self));
  g_return_if_fail (session == NULL || ATTEST_IS_SESSION (session));

  if (self->session == session)
    return;

  _attest_inspector_commit_note (self);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);

  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::document",
                               G_CALLBACK (on_session_document), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::tagset",
                               G_CALLBACK (on_session_tagset), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::read-only-reason",
                               G_CALLBACK (on_session_read_only), self,
                               G_CONNECT_SWAPPED);
    }

  g_clear_pointer (&self->span_id, g_free);
  g_clear_pointer (&self->shown_span_id, g_free);
  set_tagset (self, session != NULL ? attest_session_get_tagset (session) : NULL);
  g_signal_group_set_target (self->document_signals,
                             session != NULL ? attest_session_get_document (session) : NULL);
  self->speakers_dirty = TRUE;
  self->entities_dirty = TRUE;
  _attest_inspector_refresh (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPAN_ID]);
}

void
attest_inspector_set_span (AttestInspector *self,
                           const char      *span_id)
{
  g_return_if_fail (ATTEST_IS_INSPECTOR (self));

  if (g_strcmp0 (self->span_id, span_id) == 0)
    return;

  /* The note typed so far belongs to the span it was typed for. */
  _attest_inspector_commit_note (self);

  g_free (self->span_id);
  self->span_id = g_strdup (span_id);
  _attest_inspector_refresh (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPAN_ID]);
}

void
attest_inspector_focus (AttestInspector *self)
{
  g_return_if_fail (ATTEST_IS_INSPECTOR (self));

  if (_attest_inspector_get_span (self, NULL) == NULL)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self->label_row));
}

void
_attest_inspector_emit_span_activated (AttestInspector *self,
                                       const char      *span_id)
{
  g_signal_emit (self, signals[SPAN_ACTIVATED], 0, span_id);
}
