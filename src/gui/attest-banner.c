/* attest-banner.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attest-banner.h"

struct _AttestBanner
{
  GtkWidget    parent_instance;

  GtkRevealer *revealer;
  GtkLabel    *title;
  GtkButton   *button;
};

G_DEFINE_FINAL_TYPE (AttestBanner, attest_banner, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_BUTTON_LABEL,
  PROP_REVEALED,
  N_PROPS
};

enum {
  BUTTON_CLICKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
on_button_clicked (AttestBanner *self)
{
  g_signal_emit (self, signals[BUTTON_CLICKED], 0);
}

static void
attest_banner_dispose (GObject *object)
{
  AttestBanner *self = (AttestBanner *)object;

  g_clear_pointer ((GtkWidget **) &self->revealer, gtk_widget_unparent);

  G_OBJECT_CLASS (attest_banner_parent_class)->dispose (object);
}

static void
attest_banner_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AttestBanner *self = ATTEST_BANNER (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, attest_banner_get_title (self));
      break;

    case PROP_BUTTON_LABEL:
      g_value_set_string (value, attest_banner_get_button_label (self));
      break;

    case PROP_REVEALED:
      g_value_set_boolean (value, attest_banner_get_revealed (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_banner_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AttestBanner *self = ATTEST_BANNER (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      attest_banner_set_title (self, g_value_get_string (value));
      break;

    case PROP_BUTTON_LABEL:
      attest_banner_set_button_label (self, g_value_get_string (value));
      break;

    case PROP_REVEALED:
      attest_banner_set_revealed (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_banner_class_init (AttestBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attest_banner_dispose;
  object_class->get_property = attest_banner_get_property;
  object_class->set_property = attest_banner_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUTTON_LABEL] =
    g_param_spec_string ("button-label", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_REVEALED] =
    g_param_spec_boolean ("revealed", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[BUTTON_CLICKED] =
    g_signal_new ("button-clicked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "banner");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT);
}

static void
attest_banner_init (AttestBanner *self)
{
  GtkWidget *box;

  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_transition_type (self->revealer, GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_widget_set_parent (GTK_WIDGET (self->revealer), GTK_WIDGET (self));

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (box, "attest-banner");
  gtk_revealer_set_child (self->revealer, box);

  self->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->title, TRUE);
  gtk_label_set_xalign (self->title, 0.5);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->title));

  self->button = GTK_BUTTON (gtk_button_new ());
  gtk_button_set_use_underline (self->button, TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "pill");
  gtk_widget_set_visible (GTK_WIDGET (self->button), FALSE);
  g_signal_connect_swapped (self->button, "clicked", G_CALLBACK (on_button_clicked), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->button));
}

GtkWidget *
attest_banner_new (void)
{
  return g_object_new (ATTEST_TYPE_BANNER, NULL);
}

const char *
attest_banner_get_title (AttestBanner *self)
{
  g_return_val_if_fail (ATTEST_IS_BANNER (self), NULL);

  return gtk_label_get_text (self->title);
}

void
attest_banner_set_title (AttestBanner *self,
                         const char   *title)
{
  g_return_if_fail (ATTEST_IS_BANNER (self));

  if (g_strcmp0 (title, gtk_label_get_text (self->title)) == 0)
    return;

  gtk_label_set_text (self->title, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
attest_banner_get_button_label (AttestBanner *self)
{
  g_return_val_if_fail (ATTEST_IS_BANNER (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->button))
         ? gtk_button_get_label (self->button) : NULL;
}

void
attest_banner_set_button_label (AttestBanner *self,
                                const char   *label)
{
  g_return_if_fail (ATTEST_IS_BANNER (self));

  gtk_button_set_label (self->button, label);
  gtk_widget_set_visible (GTK_WIDGET (self->button), label != NULL && *label != '\0');
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUTTON_LABEL]);
}

gboolean
attest_banner_get_revealed (AttestBanner *self)
{
  g_return_val_if_fail (ATTEST_IS_BANNER (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}

void
attest_banner_set_revealed (AttestBanner *self,
                            gboolean      revealed)
{
  g_return_if_fail (ATTEST_IS_BANNER (self));

  revealed = !!revealed;
  if (revealed == gtk_revealer_get_reveal_child (self->revealer))
    return;

  gtk_revealer_set_reveal_child (self->revealer, revealed);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);
}
