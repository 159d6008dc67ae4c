/* attest-label-palette.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "attest-label-palette.h"

struct _AttestLabelPalette
{
  GtkWidget     parent_instance;

  AttestTagset *tagset;
};

G_DEFINE_FINAL_TYPE (AttestLabelPalette, attest_label_palette, GTK_TYPE_WIDGET)

static void
draw_dot (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        user_data)
{
  GdkRGBA rgba;
  double r = MIN (width, height) / 2.0;

  if (!gdk_rgba_parse (&rgba, user_data))
    return;

  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_arc (cr, width / 2.0, height / 2.0, r - 0.5, 0, 2 * G_PI);
  cairo_fill_preserve (cr);
  /* A hairline keeps pale colours (yellow) visible on light headers. */
  cairo_set_source_rgba (cr, 0, 0, 0, 0.18);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

GtkWidget *
attest_color_dot_new (const char *color)
{
  GtkWidget *dot = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (dot), 10);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (dot), 10);
  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (dot), draw_dot,
                                  g_strdup (color), g_free);

  return dot;
}

static void
clear (AttestLabelPalette *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
}

static GtkWidget *
make_button (AttestLabel *label)
{
  g_autofree char *upper = label->key != NULL ? g_utf8_strup (label->key, -1) : NULL;
  g_autofree char *tooltip = NULL;
  GtkWidget *button, *box, *name, *key;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (box), attest_color_dot_new (label->color));

  name = gtk_label_new (label->name);
  gtk_box_append (GTK_BOX (box), name);

  if (upper != NULL)
    {
      key = gtk_label_new (upper);
      gtk_widget_add_css_class (key, "keycap");
      gtk_box_append (GTK_BOX (box), key);
      /* TRANSLATORS: tooltip of a label button: "Tag the selection as Quote (Q)" */
      tooltip = g_strdup_printf (_("Tag the selection as %s (%s)"), label->name, upper);
    }
  else
    tooltip = g_strdup_printf (_("Tag the selection as %s"), label->name);

  button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "label-button");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.tag");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", label->id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);

  return button;
}

static void
attest_label_palette_dispose (GObject *object)
{
  AttestLabelPalette *self = (AttestLabelPalette *)object;

  clear (self);
  g_clear_pointer (&self->tagset, attest_tagset_unref);

  G_OBJECT_CLASS (attest_label_palette_parent_class)->dispose (object);
}

static void
attest_label_palette_class_init (AttestLabelPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attest_label_palette_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "labelpalette");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
attest_label_palette_init (AttestLabelPalette *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 2);
  gtk_widget_add_css_class (GTK_WIDGET (self), "linked-labels");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Labels"),
                                  -1);
}

GtkWidget *
attest_label_palette_new (void)
{
  return g_object_new (ATTEST_TYPE_LABEL_PALETTE, NULL);
}

void
attest_label_palette_set_tagset (AttestLabelPalette *self,
                                 AttestTagset       *tagset)
{
  g_return_if_fail (ATTEST_IS_LABEL_PALETTE (self));

  if (self->tagset == tagset)
    return;

  clear (self);
  g_clear_pointer (&self->tagset, attest_tagset_unref);
  if (tagset == NULL)
    return;

  self->tagset = attest_tagset_ref (tagset);
  for (guint i = 0; i < attest_tagset_get_n_labels (tagset); i++)
    gtk_widget_set_parent (make_button (attest_tagset_get_label (tagset, i)), GTK_WIDGET (self));
}
