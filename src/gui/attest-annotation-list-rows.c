/* attest-annotation-list-rows.c
 *
 * The rows of the annotation list: a chip of the label's colour, the
 * text, and a quote's speaker or a mention's entity.
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "attest-annotation-list-private.h"

/* Two lines of the widest sidebar hold less than this. */
#define ROW_MAX_CHARS 160

static AttestSpan *
lookup_speaker (AttestAnnotationList *self,
                AttestDocument       *document,
                const char           *quote_id)
{
  const char *speaker_id;

  if (self->speakers == NULL)
    {
      AttestRelationType *type = attest_speaker_relation_type (self->tagset);

      self->speakers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (guint i = 0; type != NULL && i < attest_document_get_n_relations (document); i++)
        {
          AttestRelation *relation = attest_document_get_relation (document, i);

          if (relation->type == type->id && relation->from != NULL && relation->to != NULL &&
              !g_hash_table_contains (self->speakers, relation->from))
            g_hash_table_insert (self->speakers, g_strdup (relation->from),
                                 g_strdup (relation->to));
        }
    }

  speaker_id = g_hash_table_lookup (self->speakers, quote_id);

  return attest_span_store_lookup (attest_document_get_spans (document), speaker_id);
}

static gboolean
is_quote_label (AttestTagset *tagset,
                const char   *label)
{
  AttestRelationType *type = attest_speaker_relation_type (tagset);

  return type != NULL && type->from != NULL &&
         g_strv_contains ((const char * const *) type->from, label);
}

/* In characters of running Latin text: CJK takes two. */
static double
text_width (const char *text)
{
  double width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;

  return width;
}

void
_attest_annotation_list_update_row (AttestAnnotationList *self,
                                    AttestAnnotationRow  *row)
{
  AttestDocument *document = attest_span_item_get_document (row->item);
  AttestSpan *span = attest_span_item_get_span (row->item);
  AttestLabel *label;
  g_autofree char *text = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *tooltip = NULL;
  g_autoptr(GString) accessible = NULL;
  gboolean flagged;
  guint lines;

  if (span == NULL)
    return;

  label = self->tagset != NULL ? attest_tagset_lookup_label (self->tagset, span->label) : NULL;
  flagged = (span->flags & (ATTEST_SPAN_FLAG_CHANGED | ATTEST_SPAN_FLAG_DELETED)) != 0;

  text = attest_span_dup_display_text (document, span, ROW_MAX_CHARS);
  if (*text == '\0')
    {
      g_free (text);
      /* TRANSLATORS: a span that covers no text (its words were deleted) */
      text = g_strdup (_("(no text)"));
    }

  if (is_quote_label (self->tagset, span->label))
    {
      AttestSpan *speaker = lookup_speaker (self, document, span->id);

      if (speaker != NULL)
        {
          AttestEntity *entity = attest_document_lookup_entity (document, speaker->entity);
          g_autofree char *name = entity != NULL && entity->name != NULL && *entity->name != '\0'
                                  ? g_strdup (entity->name)
                                  : attest_span_dup_display_text (document, speaker, 60);

          /* TRANSLATORS: who said a quote, under the quote in the list */
          detail = g_strdup_printf (_("— %s"), name);
        }
    }
  else if (label != NULL && label->entity && span->entity != NULL)
    {
      AttestEntity *entity = attest_document_lookup_entity (document, span->entity);

      /* "she" or "the mayor": name who is meant. */
      if (entity != NULL && entity->name != NULL && g_strcmp0 (entity->name, text) != 0)
        detail = g_strdup (entity->name);
    }

  attest_label_chip_set (row->chip, label != NULL ? label->color : NULL, flagged);
  /* GtkListView gives a row its minimum height. A text that nearly fits
   * gets one line, ellipsized: better than an empty second line. */
  lines = text_width (text) * self->char_px > (self->line_px - (flagged ? 26 : 0)) * 1.05 ? 2 : 1;
  gtk_inscription_set_text (GTK_INSCRIPTION (row->text), text);
  gtk_inscription_set_min_lines (GTK_INSCRIPTION (row->text), lines);
  gtk_inscription_set_nat_lines (GTK_INSCRIPTION (row->text), lines);
  gtk_inscription_set_text (GTK_INSCRIPTION (row->detail), detail);
  gtk_widget_set_visible (row->detail, detail != NULL);
  gtk_widget_set_visible (row->warning, flagged);

  if (flagged)
    gtk_widget_add_css_class (row->text, "dim-label");
  else
    gtk_widget_remove_css_class (row->text, "dim-label");

  if (span->flags & ATTEST_SPAN_FLAG_DELETED)
    tooltip = g_strdup (_("The text under this annotation was deleted from the article"));
  else if (span->flags & ATTEST_SPAN_FLAG_CHANGED && span->old_text != NULL)
    tooltip = g_strdup_printf (_("The article changed here; this annotation was on “%s”"),
                               span->old_text);
  else if (span->flags & ATTEST_SPAN_FLAG_CHANGED)
    tooltip = g_strdup (_("The article changed under this annotation"));
  gtk_widget_set_tooltip_text (row->warning, tooltip);

  accessible = g_string_new (NULL);
  g_string_append_printf (accessible, "%s: %s", label != NULL ? label->name : span->label, text);
  if (detail != NULL)
    g_string_append_printf (accessible, " %s", detail);
  if (flagged)
    g_string_append_printf (accessible, " (%s)", _("needs review"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible->str,
                                  -1);
}

void
_attest_annotation_list_refresh_rows (AttestAnnotationList *self)
{
  GHashTableIter iter;
  AttestAnnotationRow *row;

  g_hash_table_iter_init (&iter, self->bound_rows);
  while (g_hash_table_iter_next (&iter, (gpointer *) &row, NULL))
    _attest_annotation_list_update_row (self, row);
}

static gboolean
emit_clicked (gpointer user_data)
{
  AttestAnnotationList *self = user_data;
  g_autofree char *id = g_steal_pointer (&self->clicked_id);

  self->click_source = 0;
  if (id != NULL)
    _attest_annotation_list_emit_activated (self, id);

  return G_SOURCE_REMOVE;
}

/* After the list view has handled the press (selected the row and
 * focused it), so that whoever listens may move the focus elsewhere. */
static void
on_row_pressed (GtkGestureClick     *gesture,
                int                  n_press,
                double               x,
                double               y,
                AttestAnnotationRow *row)
{
  AttestAnnotationList *self = row->list;

  if (n_press != 1 || row->item == NULL)
    return;

  g_free (self->clicked_id);
  self->clicked_id = g_strdup (attest_span_item_get_id (row->item));
  if (self->click_source == 0)
    self->click_source = g_idle_add (emit_clicked, self);
}

void
_attest_annotation_list_setup_row (GtkSignalListItemFactory *factory,
                                   GtkListItem              *list_item,
                                   AttestAnnotationList     *self)
{
  AttestAnnotationRow *row = g_new0 (AttestAnnotationRow, 1);
  GtkGesture *click;
  GtkWidget *lines;

  row->list = self;
  row->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  gtk_widget_set_margin_top (row->box, 3);
  gtk_widget_set_margin_bottom (row->box, 3);

  row->chip = attest_label_chip_new ();
  gtk_widget_set_valign (row->chip, GTK_ALIGN_START);
  /* Centred on the first line of text. */
  gtk_widget_set_margin_top (row->chip, 3);
  gtk_box_append (GTK_BOX (row->box), row->chip);

  lines = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (lines, TRUE);
  gtk_box_append (GTK_BOX (row->box), lines);

  row->text = g_object_new (GTK_TYPE_INSCRIPTION,
                            "xalign", 0.0f,
                            "wrap-mode", PANGO_WRAP_WORD_CHAR,
                            "text-overflow", GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END,
                            "min-chars", 8,
                            "nat-chars", 30,
                            NULL);
  gtk_box_append (GTK_BOX (lines), row->text);

  row->detail = g_object_new (GTK_TYPE_INSCRIPTION,
                              "xalign", 0.0f,
                              "text-overflow", GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END,
                              "min-chars", 8,
                              "nat-chars", 30,
                              "visible", FALSE,
                              NULL);
  gtk_widget_add_css_class (row->detail, "dim-label");
  gtk_widget_add_css_class (row->detail, "caption");
  gtk_box_append (GTK_BOX (lines), row->detail);

  row->warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_set_valign (row->warning, GTK_ALIGN_START);
  gtk_widget_add_css_class (row->warning, "warning");
  gtk_widget_set_visible (row->warning, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->warning),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Needs review"),
                                  -1);
  gtk_box_append (GTK_BOX (row->box), row->warning);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_row_pressed), row);
  gtk_widget_add_controller (row->box, GTK_EVENT_CONTROLLER (click));

  /* The row lives as long as its widgets (and the gesture's handler). */
  g_object_set_data_full (G_OBJECT (row->box), "attest-row", row, g_free);
  gtk_list_item_set_child (list_item, row->box);
}

static AttestAnnotationRow *
row_of (GtkListItem *list_item)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);

  return box != NULL ? g_object_get_data (G_OBJECT (box), "attest-row") : NULL;
}

void
_attest_annotation_list_bind_row (GtkSignalListItemFactory *factory,
                                  GtkListItem              *list_item,
                                  AttestAnnotationList     *self)
{
  AttestAnnotationRow *row = row_of (list_item);

  row->item = gtk_list_item_get_item (list_item);
  g_hash_table_add (self->bound_rows, row);
  _attest_annotation_list_update_row (self, row);
}

void
_attest_annotation_list_unbind_row (GtkSignalListItemFactory *factory,
                                    GtkListItem              *list_item,
                                    AttestAnnotationList     *self)
{
  AttestAnnotationRow *row = row_of (list_item);

  if (row == NULL)
    return;

  g_hash_table_remove (self->bound_rows, row);
  row->item = NULL;
}

void
_attest_annotation_list_speaker_changed (AttestAnnotationList *self,
                                         AttestSpan           *span,
                                         guint                 old_start,
                                         guint                 old_end)
{
  GHashTableIter iter;
  AttestAnnotationRow *row;

  if (self->speakers == NULL)
    return;

  /* A speaker's text or entity shows on the rows of its quotes. */
  g_hash_table_iter_init (&iter, self->bound_rows);
  while (g_hash_table_iter_next (&iter, (gpointer *) &row, NULL))
    {
      const char *speaker_id = g_hash_table_lookup (self->speakers,
                                                    attest_span_item_get_id (row->item));

      if (g_strcmp0 (speaker_id, span->id) == 0)
        _attest_annotation_list_update_row (self, row);
    }
}

static gboolean
relayout_rows (gpointer user_data)
{
  AttestAnnotationList *self = user_data;

  self->relayout_source = 0;
  _attest_annotation_list_refresh_rows (self);

  return G_SOURCE_REMOVE;
}

/* The list's width is its horizontal adjustment's page. */
void
_attest_annotation_list_width_changed (AttestAnnotationList *self,
                                       GParamSpec           *pspec,
                                       GtkAdjustment        *hadjustment)
{
  static const char sample[] =
    "Repairs to the harbour bridge will cost 48 million, the council said.";
  g_autoptr(PangoLayout) layout = NULL;
  int width = (int) gtk_adjustment_get_page_size (hadjustment);
  int sample_width;

  if (width == self->last_width || width <= 0)
    return;
  self->last_width = width;

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->list_view), sample);
  pango_layout_get_pixel_size (layout, &sample_width, NULL);
  self->char_px = MAX (1.0, sample_width / (double) (sizeof sample - 1));
  /* Less the chip, the spacing and the row's padding. */
  self->line_px = MAX (60, width - 48);

  /* Not while allocating: rows asking for other heights queue a resize. */
  if (self->relayout_source == 0)
    self->relayout_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, relayout_rows, self, NULL);
}

