/* attest-article-view-input.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attest-article-view-private.h"

/* Keyboard, pointer, scrolling and the view's actions. The annotating keys
 * come from the tag set at runtime, and some (Delete, BackSpace) clash
 * with GtkTextView's own bindings, so a key controller in the capture
 * phase handles them before GtkTextView does; Tab, Escape and Return are
 * class bindings that give the key back when they have nothing to do. */

/* Keyboard and pointer ----------------------------------------------------- */

static gboolean
on_key_pressed (AttestArticleView     *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  gboolean has_selection = gtk_text_buffer_get_has_selection (buffer);
  gboolean has_span = self->selected_span_id != NULL;
  AttestLabel *label;
  AttestRelationType *type;
  char key[8] = { 0 };
  gunichar ch;

  /* Annotating keys never take a shortcut with Ctrl, Alt or Super, nor a
   * key meant for the context menu's popover inside the view. */
  if ((mods & ~GDK_SHIFT_MASK) != 0 || self->document == NULL ||
      !gtk_widget_is_focus (GTK_WIDGET (self)))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      /* GtkTextView's own key handler turns Tab into a focus move before
       * any binding sees it; with nothing to visit, let it. */
      if (!_attest_article_view_has_spans (self))
        return FALSE;
      attest_article_view_select_next (self, keyval != GDK_KEY_ISO_Left_Tab && mods == 0);
      return TRUE;

    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_BackSpace:
      if (!has_span || mods != 0)
        return FALSE;
      attest_article_view_delete_selected (self);
      return TRUE;

    case GDK_KEY_bracketright:
    case GDK_KEY_bracketleft:
    case GDK_KEY_braceleft:
    case GDK_KEY_braceright:
      if (!has_span)
        return FALSE;
      /* ] grows the end, [ shrinks it; { grows the start, } shrinks it. */
      attest_article_view_resize_selected (self,
                                           (keyval == GDK_KEY_bracketright ||
                                            keyval == GDK_KEY_bracketleft)
                                           ? ATTEST_EDGE_END : ATTEST_EDGE_START,
                                           (keyval == GDK_KEY_bracketright ||
                                            keyval == GDK_KEY_braceleft));
      return TRUE;

    case GDK_KEY_quotedbl:
      attest_article_view_extend_to_quotes (self);
      return TRUE;

    default:
      break;
    }

  ch = gdk_keyval_to_unicode (keyval);
  if (ch == 0 || !g_unichar_isgraph (ch) || self->tagset == NULL)
    return FALSE;
  g_unichar_to_utf8 (ch, key);

  if ((label = attest_tagset_lookup_label_by_key (self->tagset, key)) != NULL)
    {
      if (!has_selection && !has_span)
        return FALSE;
      attest_article_view_tag (self, label->id);
      return TRUE;
    }

  if ((type = attest_tagset_lookup_relation_type_by_key (self->tagset, key)) != NULL)
    {
      if (!has_span)
        return FALSE;
      _attest_article_view_link_with_type (self, type);
      return TRUE;
    }

  return FALSE;
}

static gboolean
next_span_binding (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  AttestArticleView *self = ATTEST_ARTICLE_VIEW (widget);

  /* With nothing to visit, Tab moves the focus on as usual. */
  if (!_attest_article_view_has_spans (self))
    return FALSE;

  attest_article_view_select_next (self, g_variant_get_boolean (args));

  return TRUE;
}

static gboolean
escape_binding (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  AttestArticleView *self = ATTEST_ARTICLE_VIEW (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter insert;

  if (self->selected_span_id == NULL && !gtk_text_buffer_get_has_selection (buffer))
    return FALSE;

  gtk_text_buffer_get_iter_at_mark (buffer, &insert, gtk_text_buffer_get_insert (buffer));
  gtk_text_buffer_place_cursor (buffer, &insert);
  _attest_article_view_set_selected (self, NULL);

  return TRUE;
}

static gboolean
accept_binding (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  AttestArticleView *self = ATTEST_ARTICLE_VIEW (widget);
  gboolean suggestion = FALSE;

  if (_attest_article_view_lookup_span (self, self->selected_span_id, &suggestion) == NULL ||
      !suggestion)
    return FALSE;

  attest_article_view_accept_suggestion (self);

  return TRUE;
}

static gboolean
accept_all_binding (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  AttestArticleView *self = ATTEST_ARTICLE_VIEW (widget);

  if (self->document == NULL ||
      attest_span_store_get_n_spans (attest_document_get_suggested_spans (self->document)) == 0)
    return FALSE;

  attest_article_view_accept_all_suggestions (self);

  return TRUE;
}

static int
compare_innermost (gconstpointer a,
                   gconstpointer b)
{
  const AttestSpan *sa = *(const AttestSpan * const *) a;
  const AttestSpan *sb = *(const AttestSpan * const *) b;
  guint la = sa->end - sa->start;
  guint lb = sb->end - sb->start;

  if (la != lb)
    return la < lb ? -1 : 1;

  return attest_span_compare (sa, sb);
}

typedef struct
{
  AttestArticleView *self;
  GPtrArray         *spans;
} AtData;

static gboolean
collect_at (AttestSpan *span,
            gpointer    user_data)
{
  AtData *data = user_data;

  if (attest_article_view_get_label_visible (data->self, span->label))
    g_ptr_array_add (data->spans, span);

  return TRUE;
}

static gboolean
offset_at_point (AttestArticleView *self,
                 double             x,
                 double             y,
                 guint             *offset)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextIter iter;
  int bx, by;

  gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (view, &iter, bx, by))
    return FALSE;

  *offset = gtk_text_iter_get_offset (&iter);

  return TRUE;
}

GPtrArray *
attest_article_view_get_spans_at_point (AttestArticleView *self,
                                        double             x,
                                        double             y)
{
  GPtrArray *spans;
  AtData data;
  guint offset;

  g_return_val_if_fail (ATTEST_IS_ARTICLE_VIEW (self), NULL);

  spans = g_ptr_array_new ();
  if (self->document == NULL || !offset_at_point (self, x, y, &offset))
    return spans;

  data.self = self;
  data.spans = spans;
  attest_span_store_foreach_at (attest_document_get_spans (self->document), offset,
                                collect_at, &data);
  attest_span_store_foreach_at (attest_document_get_suggested_spans (self->document), offset,
                                collect_at, &data);
  g_ptr_array_sort (spans, compare_innermost);

  return spans;
}

static void
on_click_pressed (AttestArticleView *self,
                  int                n_press,
                  double             x,
                  double             y,
                  GtkGestureClick   *gesture)
{
  g_autoptr(GPtrArray) spans = NULL;
  GdkModifierType state;
  AttestSpan *span;
  guint offset = G_MAXUINT;
  guint index = 0;

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  if (n_press != 1 || (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0)
    return;

  /* Selecting a span leaves the press to GtkTextView, so dragging still
   * selects text and a double-click still selects a word. */
  spans = attest_article_view_get_spans_at_point (self, x, y);
  offset_at_point (self, x, y, &offset);

  if (spans->len == 0)
    {
      _attest_article_view_set_selected (self, NULL);
      self->last_click_offset = offset;
      return;
    }

  /* Clicking the same place again walks out through stacked spans. */
  span = _attest_article_view_lookup_span (self, self->selected_span_id, NULL);
  if (span != NULL && offset == self->last_click_offset &&
      g_ptr_array_find (spans, span, &index))
    index = (index + 1) % spans->len;
  else
    index = 0;

  self->last_click_offset = offset;
  _attest_article_view_set_selected (self, ((AttestSpan *) g_ptr_array_index (spans, index))->id);
}

static gboolean
paint_visible_cb (gpointer user_data)
{
  AttestArticleView *self = user_data;

  self->visible_source = 0;
  _attest_article_view_paint_visible (self);

  return G_SOURCE_REMOVE;
}

static void
on_scrolled (AttestArticleView *self)
{
  /* Paint what scrolled into view before the next frame, outside of any
   * size allocation that may have moved the adjustment. */
  if (!attest_article_view_is_painted (self) && self->visible_source == 0)
    self->visible_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, paint_visible_cb, self, NULL);
}

static void
on_vadjustment_changed (AttestArticleView *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self));

  if (adjustment == self->vadjustment)
    return;

  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, on_scrolled, self);
  g_set_object (&self->vadjustment, adjustment);
  if (adjustment != NULL)
    g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (on_scrolled), self);
}

/* Actions ------------------------------------------------------------------ */

static void
tag_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  attest_article_view_tag (ATTEST_ARTICLE_VIEW (widget), g_variant_get_string (param, NULL));
}

static void
simple_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  AttestArticleView *self = ATTEST_ARTICLE_VIEW (widget);

  if (g_str_equal (action_name, "view.delete-span"))
    attest_article_view_delete_selected (self);
  else if (g_str_equal (action_name, "view.next-span"))
    attest_article_view_select_next (self, TRUE);
  else if (g_str_equal (action_name, "view.previous-span"))
    attest_article_view_select_next (self, FALSE);
  else if (g_str_equal (action_name, "view.clear-selection"))
    escape_binding (widget, NULL, NULL);
  else if (g_str_equal (action_name, "view.link-nearest"))
    attest_article_view_link_nearest (self);
  else if (g_str_equal (action_name, "view.grow-start"))
    attest_article_view_resize_selected (self, ATTEST_EDGE_START, TRUE);
  else if (g_str_equal (action_name, "view.shrink-start"))
    attest_article_view_resize_selected (self, ATTEST_EDGE_START, FALSE);
  else if (g_str_equal (action_name, "view.grow-end"))
    attest_article_view_resize_selected (self, ATTEST_EDGE_END, TRUE);
  else if (g_str_equal (action_name, "view.shrink-end"))
    attest_article_view_resize_selected (self, ATTEST_EDGE_END, FALSE);
  else if (g_str_equal (action_name, "view.extend-to-quotes"))
    attest_article_view_extend_to_quotes (self);
  else if (g_str_equal (action_name, "view.accept-suggestion"))
    attest_article_view_accept_suggestion (self);
  else if (g_str_equal (action_name, "view.reject-suggestion"))
    attest_article_view_reject_suggestion (self);
  else if (g_str_equal (action_name, "view.accept-all-suggestions"))
    attest_article_view_accept_all_suggestions (self);
  else
    g_assert_not_reached ();
}

void
_attest_article_view_class_init_input (GtkWidgetClass *widget_class)
{
  static const char * const simple_actions[] = {
    "view.delete-span", "view.next-span", "view.previous-span", "view.clear-selection",
    "view.link-nearest", "view.grow-start", "view.shrink-start", "view.grow-end",
    "view.shrink-end", "view.extend-to-quotes", "view.accept-suggestion",
    "view.reject-suggestion", "view.accept-all-suggestions",
  };

  gtk_widget_class_install_action (widget_class, "view.tag", "s", tag_action);
  for (guint i = 0; i < G_N_ELEMENTS (simple_actions); i++)
    gtk_widget_class_install_action (widget_class, simple_actions[i], NULL, simple_action);

  /* Label keys, the relation keys, [ ] { } " and Delete come from the
   * tag set or clash with GtkTextView's own bindings: a key controller
   * in the capture phase handles those (see on_key_pressed). */
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Tab, 0, next_span_binding, "b", TRUE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Tab, 0, next_span_binding, "b", TRUE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Tab, GDK_SHIFT_MASK,
                                next_span_binding, "b", FALSE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK,
                                next_span_binding, "b", FALSE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_ISO_Left_Tab, 0,
                                next_span_binding, "b", FALSE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_binding, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, 0, accept_binding, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, 0, accept_binding, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                accept_all_binding, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                accept_all_binding, NULL);
}

void
_attest_article_view_init_input (AttestArticleView *self)
{
  GtkEventController *key;
  GtkGesture *click;

  key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (on_click_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  g_signal_connect (self, "notify::vadjustment", G_CALLBACK (on_vadjustment_changed), NULL);
}

void
_attest_article_view_dispose_input (AttestArticleView *self)
{
  g_clear_handle_id (&self->visible_source, g_source_remove);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, on_scrolled, self);
  g_clear_object (&self->vadjustment);
}
