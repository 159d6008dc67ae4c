/* attest-article-view.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "attest-article-view-private.h"

/* The widget: properties, following the session and its document, the
 * selected span, settings and layout. The rest lives beside it: -paint
 * (the tag adapter), -draw (the overlay), -input (keys, pointer,
 * actions), -edit (tagging, deleting, navigating, resizing, suggestions),
 * -link (linking to the nearest speaker) and -quotes (quotation marks). */

#define MIN_MARGIN       24
#define COLUMN_CHARS     72
#define MIN_COLUMN       420
#define MAX_COLUMN       760
#define DEFAULT_FONT_CSS "font-family: Cantarell, \"Noto Sans\", \"DejaVu Sans\", sans-serif; " \
                         "font-size: 13pt;"

G_DEFINE_ENUM_TYPE (AttestRelationDisplay, attest_relation_display,
  G_DEFINE_ENUM_VALUE (ATTEST_RELATIONS_SELECTED, "selected"),
  G_DEFINE_ENUM_VALUE (ATTEST_RELATIONS_ALWAYS, "always"))

G_DEFINE_FINAL_TYPE (AttestArticleView, attest_article_view, GTK_SOURCE_TYPE_VIEW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SELECTED_SPAN_ID,
  PROP_SNAP_TO_WORDS,
  PROP_EXCLUDE_QUOTE_MARKS,
  PROP_RELATION_DISPLAY,
  PROP_FONT,
  N_PROPS
};

enum {
  SELECTION_CHANGED,
  MESSAGE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
attest_article_view_new (void)
{
  return g_object_new (ATTEST_TYPE_ARTICLE_VIEW, NULL);
}

void
_attest_article_view_emit_message (AttestArticleView *self,
                                   const char        *message)
{
  g_signal_emit (self, signals[MESSAGE], 0, message);
}

void
_attest_article_view_scroll_to_offset (AttestArticleView *self,
                                       guint              offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, MIN (offset, self->inserted_length));
  gtk_text_buffer_move_mark (buffer, self->scroll_mark, &iter);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self), self->scroll_mark, 0.15, FALSE, 0, 0);
}

gboolean
_attest_article_view_has_spans (AttestArticleView *self)
{
  return self->document != NULL &&
         (attest_span_store_get_n_spans (attest_document_get_spans (self->document)) > 0 ||
          attest_span_store_get_n_spans (attest_document_get_suggested_spans (self->document)) > 0);
}

static void
update_actions (AttestArticleView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean editable = self->session != NULL && self->document != NULL &&
                      !attest_session_get_read_only (self->session);
  gboolean suggestion = FALSE;
  AttestSpan *span = _attest_article_view_lookup_span (self, self->selected_span_id, &suggestion);
  gboolean any_suggestion = self->document != NULL &&
    attest_span_store_get_n_spans (attest_document_get_suggested_spans (self->document)) > 0;
  gboolean any_span = _attest_article_view_has_spans (self);
  gboolean span_ok = editable && span != NULL && !suggestion;

  gtk_widget_action_set_enabled (widget, "view.tag", editable);
  gtk_widget_action_set_enabled (widget, "view.delete-span", editable && span != NULL);
  gtk_widget_action_set_enabled (widget, "view.link-nearest", span_ok);
  gtk_widget_action_set_enabled (widget, "view.grow-start", span_ok);
  gtk_widget_action_set_enabled (widget, "view.shrink-start", span_ok);
  gtk_widget_action_set_enabled (widget, "view.grow-end", span_ok);
  gtk_widget_action_set_enabled (widget, "view.shrink-end", span_ok);
  gtk_widget_action_set_enabled (widget, "view.accept-suggestion", editable && suggestion);
  gtk_widget_action_set_enabled (widget, "view.reject-suggestion", editable && suggestion);
  gtk_widget_action_set_enabled (widget, "view.accept-all-suggestions", editable && any_suggestion);
  gtk_widget_action_set_enabled (widget, "view.next-span", any_span);
  gtk_widget_action_set_enabled (widget, "view.previous-span", any_span);
}

static void
update_accessible_description (AttestArticleView *self)
{
  gboolean suggestion = FALSE;
  AttestSpan *span = _attest_article_view_lookup_span (self, self->selected_span_id, &suggestion);
  AttestLabel *label;
  g_autofree char *words = NULL;
  g_autofree char *description = NULL;

  if (span == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  label = self->tagset != NULL ? attest_tagset_lookup_label (self->tagset, span->label) : NULL;
  words = attest_text_slice (attest_document_get_text (self->document), span->start,
                             MIN (span->end, span->start + 120));
  description = suggestion
    ? g_strdup_printf (_("Suggested %s: %s"), label != NULL ? label->name : span->label, words)
    : g_strdup_printf (_("%s: %s"), label != NULL ? label->name : span->label, words);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

void
_attest_article_view_set_selected (AttestArticleView *self,
                                   const char        *span_id)
{
  if (g_strcmp0 (self->selected_span_id, span_id) == 0)
    return;

  g_free (self->selected_span_id);
  self->selected_span_id = g_strdup (span_id);

  update_actions (self);
  update_accessible_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_SPAN_ID]);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

AttestSpan *
attest_article_view_get_selected_span (AttestArticleView *self)
{
  g_return_val_if_fail (ATTEST_IS_ARTICLE_VIEW (self), NULL);

  return _attest_article_view_lookup_span (self, self->selected_span_id, NULL);
}

void
attest_article_view_select_span (AttestArticleView *self,
                                 const char        *span_id,
                                 gboolean           scroll_to)
{
  AttestSpan *span;

  g_return_if_fail (ATTEST_IS_ARTICLE_VIEW (self));

  span = _attest_article_view_lookup_span (self, span_id, NULL);
  if (span_id != NULL && span == NULL)
    return;

  _attest_article_view_set_selected (self, span_id);

  if (span != NULL && scroll_to)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
      GtkTextIter iter;

      /* The cursor follows, so Tab goes on from here and the text
       * selection no longer competes with the span for a label key. */
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, MIN (span->start, self->inserted_length));
      gtk_text_buffer_place_cursor (buffer, &iter);
      _attest_article_view_scroll_to_offset (self, span->start);
    }
}

static void
clear_link_state (AttestArticleView *self)
{
  g_clear_pointer (&self->link_from_id, g_free);
  g_clear_pointer (&self->link_candidates, g_ptr_array_unref);
  self->link_type = NULL;
  self->link_index = 0;
}

/* Session and document ----------------------------------------------------- */

static void
update_menu (AttestArticleView *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) labels = g_menu_new ();
  g_autoptr(GMenu) edits = g_menu_new ();

  for (guint i = 0; self->tagset != NULL && i < attest_tagset_get_n_labels (self->tagset); i++)
    {
      AttestLabel *label = attest_tagset_get_label (self->tagset, i);
      g_autofree char *title = g_strdup_printf (_("Tag as %s"), label->name);
      g_autoptr(GMenuItem) item = g_menu_item_new (title, NULL);

      g_menu_item_set_action_and_target (item, "view.tag", "s", label->id);
      g_menu_append_item (labels, item);
    }

  g_menu_append (edits, _("_Link to Nearest Speaker"), "view.link-nearest");
  g_menu_append (edits, _("_Extend to Quotation Marks"), "view.extend-to-quotes");
  g_menu_append (edits, _("_Delete Span"), "view.delete-span");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (labels));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edits));

  gtk_text_view_set_extra_menu (GTK_TEXT_VIEW (self), G_MENU_MODEL (menu));
}

static void
reload (AttestArticleView *self)
{
  AttestDocument *document = NULL;
  AttestTagset *tagset = NULL;

  if (self->session != NULL)
    {
      document = attest_session_get_document (self->session);
      tagset = attest_session_get_tagset (self->session);
    }

  _attest_article_view_unload (self);

  g_set_object (&self->document, document);
  if (tagset != self->tagset)
    {
      g_clear_pointer (&self->tagset, attest_tagset_unref);
      self->tagset = tagset != NULL ? attest_tagset_ref (tagset) : NULL;
    }
  g_signal_group_set_target (self->document_signals, document);
  self->relations_dirty = TRUE;
  clear_link_state (self);

  _attest_article_view_load (self);
  update_menu (self);

  /* After a reload from disk the selected span may be gone. */
  if (_attest_article_view_lookup_span (self, self->selected_span_id, NULL) == NULL)
    _attest_article_view_set_selected (self, NULL);

  update_actions (self);
  update_accessible_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_span_added (AttestArticleView *self,
               AttestSpan        *span,
               AttestDocument    *document)
{
  _attest_article_view_repaint_range (self, span->start, span->end);
  clear_link_state (self);
  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_span_removed (AttestArticleView *self,
                 AttestSpan        *span,
                 AttestDocument    *document)
{
  _attest_article_view_repaint_range (self, span->start, span->end);
  clear_link_state (self);
  if (g_strcmp0 (self->selected_span_id, span->id) == 0)
    _attest_article_view_set_selected (self, NULL);
  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_span_changed (AttestArticleView *self,
                 AttestSpan        *span,
                 guint              old_start,
                 guint              old_end,
                 AttestDocument    *document)
{
  /* A relabel keeps the range; the paint of every label over it is
   * redone, so the old label's tags go too. */
  _attest_article_view_repaint_range (self, MIN (old_start, span->start), MAX (old_end, span->end));
  if (g_strcmp0 (self->selected_span_id, span->id) == 0)
    update_accessible_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_relations_changed (AttestArticleView *self,
                      AttestDocument    *document)
{
  self->relations_dirty = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_suggestions_changed (AttestArticleView *self,
                        AttestDocument    *document)
{
  if (self->selected_span_id != NULL &&
      _attest_article_view_lookup_span (self, self->selected_span_id, NULL) == NULL)
    _attest_article_view_set_selected (self, NULL);
  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_read_only_changed (AttestArticleView *self)
{
  update_actions (self);
}

AttestSession *
attest_article_view_get_session (AttestArticleView *self)
{
  g_return_val_if_fail (ATTEST_IS_ARTICLE_VIEW (self), NULL);

  return self->session;
}

void
attest_article_view_set_session (AttestArticleView *self,
                                 AttestSession     *session)
{
  g_return_if_fail (ATTEST_IS_ARTICLE_VIEW (self));
  g_return_if_fail (!session || ATTEST_IS_SESSION (session));

  if (self->session == session)
    return;

  _attest_article_view_set_selected (self, NULL);
  g_set_object (&self->session, session);
  g_signal_group_set_target (self->session_signals, session);
  reload (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/* Settings ----------------------------------------------------------------- */

static char *
font_to_css (const char *font)
{
  g_autoptr(PangoFontDescription) desc = NULL;
  GString *css = g_string_new ("textview { ");
  PangoFontMask mask;

  if (font == NULL || *font == '\0')
    {
      g_string_append (css, DEFAULT_FONT_CSS);
      g_string_append (css, " }");
      return g_string_free (css, FALSE);
    }

  desc = pango_font_description_from_string (font);
  mask = pango_font_description_get_set_fields (desc);

  if (mask & PANGO_FONT_MASK_FAMILY)
    g_string_append_printf (css, "font-family: \"%s\"; ", pango_font_description_get_family (desc));
  if (mask & PANGO_FONT_MASK_SIZE)
    g_string_append_printf (css, "font-size: %d%s; ",
                            pango_font_description_get_size (desc) / PANGO_SCALE,
                            pango_font_description_get_size_is_absolute (desc) ? "px" : "pt");
  if (mask & PANGO_FONT_MASK_WEIGHT)
    g_string_append_printf (css, "font-weight: %d; ", pango_font_description_get_weight (desc));
  if (mask & PANGO_FONT_MASK_STYLE)
    {
      PangoStyle style = pango_font_description_get_style (desc);

      g_string_append_printf (css, "font-style: %s; ",
                              style == PANGO_STYLE_ITALIC ? "italic" :
                              style == PANGO_STYLE_OBLIQUE ? "oblique" : "normal");
    }
  g_string_append (css, "}");

  return g_string_free (css, FALSE);
}

static void
set_font (AttestArticleView *self,
          const char        *font)
{
  g_autofree char *css = NULL;

  if (font != NULL && *font == '\0')
    font = NULL;

  if (g_strcmp0 (self->font, font) == 0)
    return;

  g_free (self->font);
  self->font = g_strdup (font);

  css = font_to_css (font);
  gtk_css_provider_load_from_data (self->font_provider, css, -1);

  /* The reading column is measured in characters of the new font. */
  self->last_width = -1;
  gtk_widget_queue_resize (GTK_WIDGET (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FONT]);
}

static void
update_scheme (AttestArticleView *self)
{
  GtkSourceStyleSchemeManager *manager = gtk_source_style_scheme_manager_get_default ();
  GtkSourceStyleScheme *scheme;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));

  scheme = gtk_source_style_scheme_manager_get_scheme (manager,
                                                       self->dark ? "Adwaita-dark" : "Adwaita");
  if (scheme != NULL)
    gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (buffer), scheme);
}

static void
on_dark_changed (AttestArticleView *self,
                 GParamSpec        *pspec,
                 AdwStyleManager   *manager)
{
  self->dark = adw_style_manager_get_dark (manager);
  update_scheme (self);
  _attest_article_view_update_colors (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* GtkWidget and GtkTextView ------------------------------------------------ */

static int
column_width (AttestArticleView *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
  int char_width = pango_font_metrics_get_approximate_char_width (metrics) / PANGO_SCALE;

  pango_font_metrics_unref (metrics);

  return CLAMP (char_width * COLUMN_CHARS, MIN_COLUMN, MAX_COLUMN);
}

static void
attest_article_view_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  AttestArticleView *self = ATTEST_ARTICLE_VIEW (widget);

  /* Margins centre a column of about 72 characters: long lines are hard
   * to follow back to their start. */
  if (width != self->last_width)
    {
      int margin = MAX (MIN_MARGIN, (width - column_width (self)) / 2);

      self->last_width = width;
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self), margin);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self), margin);
    }

  GTK_WIDGET_CLASS (attest_article_view_parent_class)->size_allocate (widget,
                                                                      width, height, baseline);
}

static void
attest_article_view_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  GTK_WIDGET_CLASS (attest_article_view_parent_class)->measure (widget, orientation, for_size,
                                                                minimum, natural,
                                                                minimum_baseline, natural_baseline);

  /* The centring margins follow the width; they must not become a
   * minimum width that keeps the window from shrinking again. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int extra = gtk_text_view_get_left_margin (GTK_TEXT_VIEW (widget)) +
                  gtk_text_view_get_right_margin (GTK_TEXT_VIEW (widget)) - 2 * MIN_MARGIN;

      if (extra > 0)
        {
          *minimum = MAX (*minimum - extra, 0);
          *natural = MAX (*natural - extra, *minimum);
        }
    }
}

static void
attest_article_view_copy_clipboard (GtkTextView *text_view)
{
  AttestArticleView *self = ATTEST_ARTICLE_VIEW (text_view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  g_autofree char *text = NULL;
  GtkTextIter s, e;

  /* Copy the article's own text: the buffer may show some spaces of a
   * very long line as line breaks. */
  if (self->document == NULL || !gtk_text_buffer_get_selection_bounds (buffer, &s, &e))
    {
      GTK_TEXT_VIEW_CLASS (attest_article_view_parent_class)->copy_clipboard (text_view);
      return;
    }

  text = attest_text_slice (attest_document_get_text (self->document),
                            gtk_text_iter_get_offset (&s), gtk_text_iter_get_offset (&e));
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
}

static void
attest_article_view_snapshot_layer (GtkTextView      *text_view,
                                    GtkTextViewLayer  layer,
                                    GtkSnapshot      *snapshot)
{
  GTK_TEXT_VIEW_CLASS (attest_article_view_parent_class)->snapshot_layer (text_view,
                                                                          layer, snapshot);

  _attest_article_view_snapshot_layer (text_view, layer, snapshot);
}

static void
attest_article_view_dispose (GObject *object)
{
  AttestArticleView *self = ATTEST_ARTICLE_VIEW (object);

  g_clear_handle_id (&self->load_source, g_source_remove);
  _attest_article_view_dispose_input (self);

  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  if (self->document_signals != NULL)
    g_signal_group_set_target (self->document_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->document_signals);

  g_clear_object (&self->session);
  g_clear_object (&self->document);
  g_clear_pointer (&self->tagset, attest_tagset_unref);
  clear_link_state (self);

  G_OBJECT_CLASS (attest_article_view_parent_class)->dispose (object);
}

static void
attest_article_view_finalize (GObject *object)
{
  AttestArticleView *self = ATTEST_ARTICLE_VIEW (object);

  g_clear_pointer (&self->chunk_painted, g_free);
  g_clear_pointer (&self->buffer_text, g_free);
  g_clear_pointer (&self->refusal, g_free);
  g_clear_pointer (&self->selected_span_id, g_free);
  g_clear_pointer (&self->relations_by_span, g_hash_table_unref);
  g_clear_pointer (&self->font, g_free);
  g_clear_object (&self->font_provider);
  _attest_article_view_paint_finalize (self);

  G_OBJECT_CLASS (attest_article_view_parent_class)->finalize (object);
}

static void
attest_article_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AttestArticleView *self = ATTEST_ARTICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_SELECTED_SPAN_ID:
      g_value_set_string (value, self->selected_span_id);
      break;

    case PROP_SNAP_TO_WORDS:
      g_value_set_boolean (value, self->snap_to_words);
      break;

    case PROP_EXCLUDE_QUOTE_MARKS:
      g_value_set_boolean (value, self->exclude_quote_marks);
      break;

    case PROP_RELATION_DISPLAY:
      g_value_set_enum (value, self->relation_display);
      break;

    case PROP_FONT:
      g_value_set_string (value, self->font != NULL ? self->font : "");
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_article_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AttestArticleView *self = ATTEST_ARTICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      attest_article_view_set_session (self, g_value_get_object (value));
      break;

    case PROP_SELECTED_SPAN_ID:
      attest_article_view_select_span (self, g_value_get_string (value), TRUE);
      break;

    case PROP_SNAP_TO_WORDS:
      if (self->snap_to_words != g_value_get_boolean (value))
        {
          self->snap_to_words = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_EXCLUDE_QUOTE_MARKS:
      if (self->exclude_quote_marks != g_value_get_boolean (value))
        {
          self->exclude_quote_marks = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_RELATION_DISPLAY:
      if (self->relation_display != (AttestRelationDisplay) g_value_get_enum (value))
        {
          self->relation_display = g_value_get_enum (value);
          gtk_widget_queue_draw (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_FONT:
      set_font (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_article_view_class_init (AttestArticleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkTextViewClass *text_view_class = GTK_TEXT_VIEW_CLASS (klass);

  object_class->dispose = attest_article_view_dispose;
  object_class->finalize = attest_article_view_finalize;
  object_class->get_property = attest_article_view_get_property;
  object_class->set_property = attest_article_view_set_property;

  widget_class->size_allocate = attest_article_view_size_allocate;
  widget_class->measure = attest_article_view_measure;

  text_view_class->snapshot_layer = attest_article_view_snapshot_layer;
  text_view_class->copy_clipboard = attest_article_view_copy_clipboard;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, ATTEST_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SELECTED_SPAN_ID] =
    g_param_spec_string ("selected-span-id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SNAP_TO_WORDS] =
    g_param_spec_boolean ("snap-to-words", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_EXCLUDE_QUOTE_MARKS] =
    g_param_spec_boolean ("exclude-quote-marks", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_RELATION_DISPLAY] =
    g_param_spec_enum ("relation-display", NULL, NULL,
                       ATTEST_TYPE_RELATION_DISPLAY, ATTEST_RELATIONS_SELECTED,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FONT] =
    g_param_spec_string ("font", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  _attest_article_view_class_init_input (widget_class);
}

static void
attest_article_view_init (AttestArticleView *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  GtkTextIter start;
  g_autofree char *css = NULL;

  self->snap_to_words = TRUE;
  self->exclude_quote_marks = TRUE;
  self->relation_display = ATTEST_RELATIONS_SELECTED;
  self->last_width = -1;
  self->last_click_offset = G_MAXUINT;
  self->relations_by_span = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                   (GDestroyNotify) g_ptr_array_unref);
  _attest_article_view_paint_init (self);

  /* Read-only, but with a cursor: the keyboard selects text to tag. */
  gtk_text_view_set_editable (view, FALSE);
  gtk_text_view_set_cursor_visible (view, TRUE);
  gtk_text_view_set_wrap_mode (view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (view, 32);
  gtk_text_view_set_bottom_margin (view, 64);
  gtk_text_view_set_left_margin (view, MIN_MARGIN);
  gtk_text_view_set_right_margin (view, MIN_MARGIN);
  /* The same gap inside a wrapped paragraph and after a line break: the
   * articles separate their paragraphs with blank lines. */
  gtk_text_view_set_pixels_inside_wrap (view, 7);
  gtk_text_view_set_pixels_below_lines (view, 7);
  gtk_source_view_set_show_line_numbers (GTK_SOURCE_VIEW (self), FALSE);
  gtk_source_view_set_highlight_current_line (GTK_SOURCE_VIEW (self), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "attest-article");

  /* The buffer is paint only: no undo of its own, no highlighting. */
  gtk_text_buffer_set_enable_undo (buffer, FALSE);
  gtk_source_buffer_set_highlight_syntax (GTK_SOURCE_BUFFER (buffer), FALSE);
  gtk_source_buffer_set_highlight_matching_brackets (GTK_SOURCE_BUFFER (buffer), FALSE);
  gtk_text_buffer_get_start_iter (buffer, &start);
  self->scroll_mark = gtk_text_buffer_create_mark (buffer, NULL, &start, TRUE);

  self->font_provider = gtk_css_provider_new ();
  gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (self)),
                                  GTK_STYLE_PROVIDER (self->font_provider),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  css = font_to_css (NULL);
  gtk_css_provider_load_from_data (self->font_provider, css, -1);

  self->dark = adw_style_manager_get_dark (style_manager);
  g_signal_connect_object (style_manager, "notify::dark",
                           G_CALLBACK (on_dark_changed), self, G_CONNECT_SWAPPED);
  update_scheme (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Article"),
                                  -1);

  _attest_article_view_init_input (self);

  self->session_signals = g_signal_group_new (ATTEST_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "notify::document",
                                 G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::tagset",
                                 G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::read-only-reason",
                                 G_CALLBACK (on_read_only_changed), self, G_CONNECT_SWAPPED);

  self->document_signals = g_signal_group_new (ATTEST_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "span-added",
                                 G_CALLBACK (on_span_added), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "span-removed",
                                 G_CALLBACK (on_span_removed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "span-changed",
                                 G_CALLBACK (on_span_changed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "relations-changed",
                                 G_CALLBACK (on_relations_changed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "suggestions-changed",
                                 G_CALLBACK (on_suggestions_changed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "notify::text",
                                 G_CALLBACK (reload), self, G_CONNECT_SWAPPED);

  update_actions (self);
}
