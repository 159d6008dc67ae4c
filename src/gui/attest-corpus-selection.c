/* attest-corpus-selection.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attest-corpus-selection.h"

struct _AttestCorpusSelection
{
  GObject                    parent_instance;

  GListModel                *model;
  GFile                     *current;
  AttestCorpusSelectionFind  find;
  gpointer                   find_data;
};

static GType
attest_corpus_selection_get_item_type (GListModel *model)
{
  return ATTEST_TYPE_CORPUS_ENTRY;
}

static guint
attest_corpus_selection_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (ATTEST_CORPUS_SELECTION (model)->model);
}

static gpointer
attest_corpus_selection_get_item (GListModel *model,
                                  guint       position)
{
  return g_list_model_get_item (ATTEST_CORPUS_SELECTION (model)->model, position);
}

static void
attest_corpus_selection_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = attest_corpus_selection_get_item_type;
  iface->get_n_items = attest_corpus_selection_get_n_items;
  iface->get_item = attest_corpus_selection_get_item;
}

static gboolean
attest_corpus_selection_is_selected (GtkSelectionModel *model,
                                     guint              position)
{
  AttestCorpusSelection *self = ATTEST_CORPUS_SELECTION (model);
  g_autoptr(AttestCorpusEntry) entry = NULL;

  if (self->current == NULL)
    return FALSE;

  entry = g_list_model_get_item (self->model, position);

  return entry != NULL && g_file_equal (attest_corpus_entry_get_file (entry), self->current);
}

static void
attest_corpus_selection_selection_model_init (GtkSelectionModelInterface *iface)
{
  /* The select and unselect vfuncs keep their defaults, which refuse. */
  iface->is_selected = attest_corpus_selection_is_selected;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (AttestCorpusSelection, attest_corpus_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      attest_corpus_selection_list_model_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL,
                                                      attest_corpus_selection_selection_model_init))

static void
attest_corpus_selection_dispose (GObject *object)
{
  AttestCorpusSelection *self = ATTEST_CORPUS_SELECTION (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_clear_object (&self->current);

  G_OBJECT_CLASS (attest_corpus_selection_parent_class)->dispose (object);
}

static void
attest_corpus_selection_class_init (AttestCorpusSelectionClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = attest_corpus_selection_dispose;
}

static void
attest_corpus_selection_init (AttestCorpusSelection *self)
{
}

static void
on_selection_items_changed (GListModel            *model,
                            guint                  position,
                            guint                  removed,
                            guint                  added,
                            AttestCorpusSelection *self)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

AttestCorpusSelection *
attest_corpus_selection_new (GListModel                *model,
                             AttestCorpusSelectionFind  find,
                             gpointer                   find_data)
{
  AttestCorpusSelection *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);
  g_return_val_if_fail (find != NULL, NULL);

  self = g_object_new (ATTEST_TYPE_CORPUS_SELECTION, NULL);
  self->model = g_object_ref (model);
  self->find = find;
  self->find_data = find_data;
  g_signal_connect (model, "items-changed", G_CALLBACK (on_selection_items_changed), self);

  return self;
}

guint
attest_corpus_selection_find (AttestCorpusSelection *self,
                              GFile                 *file)
{
  g_return_val_if_fail (ATTEST_IS_CORPUS_SELECTION (self), GTK_INVALID_LIST_POSITION);

  if (file == NULL)
    return GTK_INVALID_LIST_POSITION;

  return self->find (file, self->find_data);
}

void
attest_corpus_selection_set_current (AttestCorpusSelection *self,
                                     GFile                 *current)
{
  guint old_position;
  guint new_position;

  g_return_if_fail (ATTEST_IS_CORPUS_SELECTION (self));
  g_return_if_fail (current == NULL || G_IS_FILE (current));

  if (self->current == current ||
      (self->current != NULL && current != NULL && g_file_equal (self->current, current)))
    return;

  old_position = attest_corpus_selection_find (self, self->current);
  g_set_object (&self->current, current);
  new_position = attest_corpus_selection_find (self, current);

  if (old_position != GTK_INVALID_LIST_POSITION)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), old_position, 1);
  if (new_position != GTK_INVALID_LIST_POSITION)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), new_position, 1);
}
