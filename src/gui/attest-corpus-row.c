/* attest-corpus-row.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "attest-corpus-row.h"

struct _AttestCorpusRow
{
  GtkWidget          parent_instance;

  AttestCorpusEntry *entry;
  AttestTagset      *tagset;

  GtkImage          *icon;
  GtkLabel          *title;
  GtkLabel          *subtitle;
};

G_DEFINE_FINAL_TYPE (AttestCorpusRow, attest_corpus_row, GTK_TYPE_WIDGET)

static char *
format_count (const char  *label,
              AttestLabel *info,
              guint        n)
{
  /* The labels of the two tag sets Attest ships read as words; any other
   * label is shown by its name. */
  if (g_str_equal (label, "quote"))
    return g_strdup_printf (ngettext ("%u quote", "%u quotes", n), n);
  if (g_str_equal (label, "speaker"))
    return g_strdup_printf (ngettext ("%u speaker", "%u speakers", n), n);
  if (g_str_equal (label, "fact"))
    return g_strdup_printf (ngettext ("%u fact", "%u facts", n), n);
  if (g_str_equal (label, "source"))
    return g_strdup_printf (ngettext ("%u source", "%u sources", n), n);
  if (g_str_equal (label, "cue"))
    return g_strdup_printf (ngettext ("%u cue", "%u cues", n), n);
  if (g_str_equal (label, "content"))
    return g_strdup_printf (ngettext ("%u content span", "%u content spans", n), n);

  /* TRANSLATORS: a label's name and how many spans have it, "Claim: 4" */
  return g_strdup_printf (_("%s: %u"), info != NULL ? info->name : label, n);
}

static char *
format_counts (AttestCorpusEntry *entry,
               AttestTagset      *tagset)
{
  guint n_labels = attest_corpus_entry_get_n_labels (entry);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (n_labels == 0)
    return g_strdup (_("No annotations"));

  /* In the tag set's order (quotes, speakers, facts), then any label the
   * tag set does not know. */
  for (guint i = 0; tagset != NULL && i < attest_tagset_get_n_labels (tagset); i++)
    {
      AttestLabel *label = attest_tagset_get_label (tagset, i);
      guint n = attest_corpus_entry_get_count (entry, label->id);

      if (n > 0)
        g_ptr_array_add (parts, format_count (label->id, label, n));
    }

  for (guint i = 0; i < n_labels; i++)
    {
      guint n = 0;
      const char *label = attest_corpus_entry_get_label (entry, i, &n);

      if (tagset == NULL || attest_tagset_lookup_label (tagset, label) == NULL)
        g_ptr_array_add (parts, format_count (label, NULL, n));
    }

  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

static const char *
status_description (AttestStatus status)
{
  switch (status)
    {
    case ATTEST_STATUS_IN_PROGRESS:
      return _("In progress");

    case ATTEST_STATUS_DONE:
      return _("Done");

    case ATTEST_STATUS_NEW:
    default:
      return _("Not started");
    }
}

static const char *
status_icon_name (AttestStatus status)
{
  switch (status)
    {
    case ATTEST_STATUS_IN_PROGRESS:
      return "attest-status-in-progress-symbolic";

    case ATTEST_STATUS_DONE:
      return "attest-status-done-symbolic";

    case ATTEST_STATUS_NEW:
    default:
      return "attest-status-new-symbolic";
    }
}

static void
set_icon (AttestCorpusRow *self,
          const char      *icon_name,
          const char      *css_class,
          const char      *description)
{
  static const char * const classes[] = { "success", "accent", "warning", "dim-label" };
  GtkWidget *icon = GTK_WIDGET (self->icon);

  gtk_image_set_from_icon_name (self->icon, icon_name);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (icon, classes[i]);
  gtk_widget_add_css_class (icon, css_class);

  /* The icon is the only place the status shows. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
}

static void
update (AttestCorpusRow *self)
{
  AttestCorpusEntry *entry = self->entry;
  AttestStatus status;
  const char *error;
  const char *path;
  g_autofree char *counts = NULL;
  g_autofree char *tooltip = NULL;

  if (entry == NULL)
    return;

  status = attest_corpus_entry_get_status (entry);
  error = attest_corpus_entry_get_error (entry);
  path = attest_corpus_entry_get_relative_path (entry);

  gtk_label_set_label (self->title, attest_corpus_entry_get_title (entry));

  if (error != NULL)
    {
      set_icon (self, "dialog-warning-symbolic", "warning", _("Cannot read the annotations"));
      gtk_label_set_label (self->subtitle, _("Cannot read the annotations"));
      tooltip = g_strdup_printf ("%s\n%s", path, error);
    }
  else
    {
      set_icon (self, status_icon_name (status),
                status == ATTEST_STATUS_DONE ? "success" :
                status == ATTEST_STATUS_IN_PROGRESS ? "accent" : "dim-label",
                status_description (status));
      counts = format_counts (entry, self->tagset);
      gtk_label_set_label (self->subtitle, counts);
      /* TRANSLATORS: the article's path in the folder, then its status */
      tooltip = g_strdup_printf (_("%s — %s"), path, status_description (status));
    }

  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);
}

static void
attest_corpus_row_dispose (GObject *object)
{
  AttestCorpusRow *self = (AttestCorpusRow *)object;
  GtkWidget *child;

  attest_corpus_row_set_entry (self, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTEST_TYPE_CORPUS_ROW);
  /* The template's children that are not bound to fields. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (attest_corpus_row_parent_class)->dispose (object);
}

static void
attest_corpus_row_class_init (AttestCorpusRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attest_corpus_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attest/Attest/attest-corpus-row.ui");
  gtk_widget_class_set_css_name (widget_class, "corpusrow");
  gtk_widget_class_bind_template_child (widget_class, AttestCorpusRow, icon);
  gtk_widget_class_bind_template_child (widget_class, AttestCorpusRow, title);
  gtk_widget_class_bind_template_child (widget_class, AttestCorpusRow, subtitle);
}

static void
attest_corpus_row_init (AttestCorpusRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
attest_corpus_row_new (void)
{
  return g_object_new (ATTEST_TYPE_CORPUS_ROW, NULL);
}

void
attest_corpus_row_set_entry (AttestCorpusRow   *self,
                             AttestCorpusEntry *entry,
                             AttestTagset      *tagset)
{
  g_return_if_fail (ATTEST_IS_CORPUS_ROW (self));
  g_return_if_fail (entry == NULL || ATTEST_IS_CORPUS_ENTRY (entry));

  if (self->entry != NULL)
    g_signal_handlers_disconnect_by_func (self->entry, G_CALLBACK (update), self);

  g_set_object (&self->entry, entry);
  if (tagset != self->tagset)
    {
      g_clear_pointer (&self->tagset, attest_tagset_unref);
      self->tagset = tagset != NULL ? attest_tagset_ref (tagset) : NULL;
    }

  /* Any change to the entry (status, counts, title, error) redraws. */
  if (entry != NULL)
    g_signal_connect_swapped (entry, "notify", G_CALLBACK (update), self);

  update (self);
}

void
attest_corpus_row_set_current (AttestCorpusRow *self,
                               gboolean         current)
{
  g_return_if_fail (ATTEST_IS_CORPUS_ROW (self));

  /* Stands out even where the selection colour is faint. */
  if (current)
    gtk_widget_add_css_class (GTK_WIDGET (self->title), "heading");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->title), "heading");
}
