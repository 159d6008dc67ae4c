/* attest-format-row.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attest-format-row.h"

struct _AttestFormatRow
{
  AdwComboRow parent_instance;
};

G_DEFINE_FINAL_TYPE (AttestFormatRow, attest_format_row, ADW_TYPE_COMBO_ROW)

static void
update_check (GtkListItem     *list_item,
              GParamSpec      *pspec,
              AttestFormatRow *self)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *check = gtk_widget_get_last_child (box);
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self));

  gtk_widget_set_opacity (check, gtk_list_item_get_position (list_item) == selected ? 1.0 : 0.0);
}

static void
on_selected_changed (AttestFormatRow *self,
                     GParamSpec      *pspec,
                     GtkListItem     *list_item)
{
  update_check (list_item, NULL, self);
}

static void
setup_item (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            AttestFormatRow          *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_item (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           AttestFormatRow          *self)
{
  GtkStringObject *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_widget_get_first_child (gtk_list_item_get_child (list_item));

  gtk_label_set_label (GTK_LABEL (label), gtk_string_object_get_string (item));
  g_signal_connect_object (self, "notify::selected", G_CALLBACK (on_selected_changed),
                           list_item, 0);
  g_signal_connect_object (list_item, "notify::position", G_CALLBACK (update_check), self, 0);
  update_check (list_item, NULL, self);
}

static void
unbind_item (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             AttestFormatRow          *self)
{
  g_signal_handlers_disconnect_by_func (self, on_selected_changed, list_item);
  g_signal_handlers_disconnect_by_func (list_item, update_check, self);
}

static void
attest_format_row_class_init (AttestFormatRowClass *klass)
{
}

static void
attest_format_row_init (AttestFormatRow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_item), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_item), self);
  adw_combo_row_set_list_factory (ADW_COMBO_ROW (self), factory);
  adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (self), TRUE);
}

GtkWidget *
attest_format_row_new (void)
{
  return g_object_new (ATTEST_TYPE_FORMAT_ROW, NULL);
}
