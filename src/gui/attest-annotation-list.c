/* attest-annotation-list.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "attest-annotation-list-private.h"
#include "attest-span-list-model.h"

G_DEFINE_FINAL_TYPE (AttestAnnotationList, attest_annotation_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

enum {
  SPAN_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static AttestDocument *
get_document (AttestAnnotationList *self)
{
  return attest_span_list_model_get_document (self->spans);
}

/* Filter ------------------------------------------------------------------ */

static gboolean
filter_by_label (gpointer item,
                 gpointer user_data)
{
  AttestAnnotationList *self = user_data;
  AttestSpan *span = attest_span_item_get_span (item);

  return span != NULL && span->label == self->filter_label;
}

static void
setup_filter_item (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   AttestAnnotationList     *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  gtk_box_append (GTK_BOX (box), attest_label_chip_new ());
  gtk_box_append (GTK_BOX (box), g_object_new (GTK_TYPE_LABEL, "xalign", 0.0f, NULL));
  gtk_list_item_set_child (list_item, box);
}

static void
bind_filter_item (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  AttestAnnotationList     *self)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *chip = gtk_widget_get_first_child (box);
  GtkWidget *name = gtk_widget_get_next_sibling (chip);
  GtkStringObject *string = gtk_list_item_get_item (list_item);
  guint position = gtk_list_item_get_position (list_item);
  AttestLabel *label = NULL;

  /* Row 0 is "All Labels". */
  if (position > 0 && self->tagset != NULL)
    label = attest_tagset_get_label (self->tagset, position - 1);

  gtk_widget_set_visible (chip, label != NULL);
  if (label != NULL)
    attest_label_chip_set (chip, label->color, FALSE);
  gtk_label_set_text (GTK_LABEL (name), gtk_string_object_get_string (string));
}

/* Selection --------------------------------------------------------------- */

void
_attest_annotation_list_emit_activated (AttestAnnotationList *self,
                                        const char           *span_id)
{
  g_autofree char *id = g_strdup (span_id);

  g_free (self->selected_id);
  self->selected_id = g_strdup (id);
  g_signal_emit (self, signals[SPAN_ACTIVATED], 0, id);
}

/* The row of @span_id in the filtered list: rows keep the store's order,
 * so a binary search over store positions finds it in O(log² n). */
static guint
find_row (AttestAnnotationList *self,
          const char           *span_id)
{
  GListModel *model = gtk_single_selection_get_model (self->selection);
  AttestDocument *document = get_document (self);
  AttestSpanStore *store;
  AttestSpan *span;
  guint target, lo, hi;

  if (document == NULL || span_id == NULL)
    return GTK_INVALID_LIST_POSITION;

  store = attest_document_get_spans (document);
  if (!(span = attest_span_store_lookup (store, span_id)))
    return GTK_INVALID_LIST_POSITION;

  target = attest_span_store_get_position (store, span);
  if (self->filter_label == NULL)
    return target;
  if (span->label != self->filter_label)
    return GTK_INVALID_LIST_POSITION;

  lo = 0;
  hi = g_list_model_get_n_items (model);
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(AttestSpanItem) item = g_list_model_get_item (model, mid);
      AttestSpan *other = attest_span_item_get_span (item);

      if (other != NULL && attest_span_store_get_position (store, other) < target)
        lo = mid + 1;
      else
        hi = mid;
    }

  if (lo < g_list_model_get_n_items (model))
    {
      g_autoptr(AttestSpanItem) item = g_list_model_get_item (model, lo);

      if (g_strcmp0 (attest_span_item_get_id (item), span_id) == 0)
        return lo;
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
select_row (AttestAnnotationList *self,
            gboolean              scroll_to)
{
  guint position = find_row (self, self->selected_id);

  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->selecting = FALSE;

  if (scroll_to && position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

/* Keeps GtkSingleSelection from searching every row for its item when the
 * whole list is replaced: let go of it first, select it again after. */
static void
unselect_quietly (AttestAnnotationList *self)
{
  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->selecting = FALSE;
}

/* The arrow keys move the selection in the list only; Enter or a click
 * activates. */
static void
on_selected_item (AttestAnnotationList *self,
                  GParamSpec           *pspec,
                  GtkSingleSelection   *selection)
{
  AttestSpanItem *item = gtk_single_selection_get_selected_item (selection);

  if (self->selecting)
    return;

  g_free (self->selected_id);
  self->selected_id = item != NULL ? g_strdup (attest_span_item_get_id (item)) : NULL;
}

static void
on_list_activate (AttestAnnotationList *self,
                  guint                 position,
                  GtkListView          *list_view)
{
  g_autoptr(AttestSpanItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (item == NULL)
    return;

  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->selecting = FALSE;
  _attest_annotation_list_emit_activated (self, attest_span_item_get_id (item));
}

/* State ------------------------------------------------------------------- */

static void
update_state (AttestAnnotationList *self)
{
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (self->spans));
  guint n_shown = g_list_model_get_n_items (gtk_single_selection_get_model (self->selection));
  g_autofree char *count = NULL;

  if (self->filter_label == NULL)
    count = g_strdup_printf (ngettext ("%u annotation", "%u annotations", n_all), n_all);
  else
    /* TRANSLATORS: "5 of 23 annotations", with a label filter */
    count = g_strdup_printf (ngettext ("%u of %u annotation", "%u of %u annotations", n_all),
                             n_shown, n_all);
  gtk_label_set_text (self->count_label, count);

  if (n_all == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (n_shown == 0 && self->filter_label != NULL &&
           gtk_filter_list_model_get_pending (self->filtered) == 0)
    {
      AttestLabel *label = attest_tagset_lookup_label (self->tagset, self->filter_label);
      /* The status page's description is markup. */
      g_autofree char *description =
        g_markup_printf_escaped (_("No annotation is labelled “%s”"),
                                 label != NULL ? label->name : self->filter_label);

      adw_status_page_set_description (self->no_match_page, description);
      gtk_stack_set_visible_child_name (self->stack, "no-match");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
}

static gboolean
filter_done (gpointer user_data)
{
  AttestAnnotationList *self = user_data;

  self->filter_done_source = 0;
  if (gtk_filter_list_model_get_pending (self->filtered) > 0)
    return G_SOURCE_REMOVE;

  /* Edits are filtered as they come again (see on_filter_selected()),
   * and the selected span's row exists now. */
  gtk_filter_list_model_set_incremental (self->filtered, FALSE);
  if (gtk_single_selection_get_selected_item (self->selection) == NULL && self->selected_id != NULL)
    select_row (self, TRUE);
  update_state (self);

  return G_SOURCE_REMOVE;
}

/* GtkFilterListModel tells of its last chunk before the rows it changed:
 * what follows waits for the main loop. */
static void
on_filter_pending (AttestAnnotationList *self,
                   GParamSpec           *pspec,
                   GtkFilterListModel   *filtered)
{
  if (gtk_filter_list_model_get_pending (filtered) == 0 && self->filter_done_source == 0)
    self->filter_done_source = g_idle_add (filter_done, self);
}

/* GtkListView takes 70 ms to hear that 100,000 rows replace 30,000 (and
 * GtkFilterListModel as long to let them all through), but 20 ms to start
 * again from a new model. */
static void
swap_rows (AttestAnnotationList *self,
           GListModel           *rows)
{
  if (gtk_single_selection_get_model (self->selection) == rows)
    return;

  gtk_list_view_set_model (self->list_view, NULL);
  gtk_single_selection_set_model (self->selection, rows);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
}

static void
on_filter_selected (AttestAnnotationList *self,
                    GParamSpec           *pspec,
                    GtkDropDown          *dropdown)
{
  guint position = gtk_drop_down_get_selected (dropdown);
  AttestLabel *label = NULL;

  if (position != GTK_INVALID_LIST_POSITION && position > 0 && self->tagset != NULL)
    label = attest_tagset_get_label (self->tagset, position - 1);

  if ((label != NULL ? label->id : NULL) == self->filter_label)
    return;

  unselect_quietly (self);
  self->filter_label = label != NULL ? label->id : NULL;

  if (label != NULL)
    {
      /* A new filter looks at every span: in chunks from the main loop, so
       * 100,000 spans do not stall it. */
      gtk_filter_list_model_set_incremental (self->filtered, TRUE);
      if (gtk_filter_list_model_get_model (self->filtered) == NULL)
        gtk_filter_list_model_set_model (self->filtered, G_LIST_MODEL (self->spans));
      else
        gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
      swap_rows (self, G_LIST_MODEL (self->filtered));
    }
  else
    {
      /* All labels: the rows are the spans, with no filter in between. */
      swap_rows (self, G_LIST_MODEL (self->spans));
      gtk_filter_list_model_set_model (self->filtered, NULL);
    }

  select_row (self, TRUE);
  update_state (self);
}

static void
set_tagset (AttestAnnotationList *self,
            AttestTagset         *tagset)
{
  g_autoptr(GtkStringList) names = NULL;

  if (self->tagset == tagset)
    return;

  g_clear_pointer (&self->tagset, attest_tagset_unref);
  self->tagset = tagset != NULL ? attest_tagset_ref (tagset) : NULL;
  g_clear_pointer (&self->speakers, g_hash_table_unref);

  names = gtk_string_list_new (NULL);
  gtk_string_list_append (names, _("All Labels"));
  for (guint i = 0; tagset != NULL && i < attest_tagset_get_n_labels (tagset); i++)
    gtk_string_list_append (names, attest_tagset_get_label (tagset, i)->name);

  /* A new model selects "All Labels", which resets the filter. */
  gtk_drop_down_set_model (self->filter_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->filter_dropdown, 0);
  _attest_annotation_list_refresh_rows (self);
}

static void
on_relations_changed (AttestAnnotationList *self)
{
  g_clear_pointer (&self->speakers, g_hash_table_unref);
  _attest_annotation_list_refresh_rows (self);
}

static void
on_entities_changed (AttestAnnotationList *self)
{
  _attest_annotation_list_refresh_rows (self);
}

static void
on_session_tagset (AttestAnnotationList *self,
                   GParamSpec           *pspec,
                   AttestSession        *session)
{
  set_tagset (self, attest_session_get_tagset (session));
}

/* Connected before the model's own handlers, so it runs first. */
static void
on_session_document (AttestAnnotationList *self,
                     GParamSpec           *pspec,
                     AttestSession        *session)
{
  unselect_quietly (self);
  g_clear_pointer (&self->speakers, g_hash_table_unref);
  g_signal_group_set_target (self->document_signals, attest_session_get_document (session));
  /* Every row changes: the list view starts again (see swap_rows()), and
   * a label filter looks at the new spans in chunks. */
  gtk_list_view_set_model (self->list_view, NULL);
  if (self->filter_label != NULL)
    gtk_filter_list_model_set_incremental (self->filtered, TRUE);
}

static void
on_session_document_after (AttestAnnotationList *self,
                           GParamSpec           *pspec,
                           AttestSession        *session)
{
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  select_row (self, FALSE);
}

/* Widget ------------------------------------------------------------------ */

static void
attest_annotation_list_dispose (GObject *object)
{
  AttestAnnotationList *self = (AttestAnnotationList *)object;
  GtkWidget *child;

  g_clear_handle_id (&self->relayout_source, g_source_remove);
  g_clear_handle_id (&self->filter_done_source, g_source_remove);
  g_clear_handle_id (&self->click_source, g_source_remove);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTEST_TYPE_ANNOTATION_LIST);
  /* The template's children that are not bound to fields. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  if (self->document_signals != NULL)
    g_signal_group_set_target (self->document_signals, NULL);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->spans);
  g_clear_pointer (&self->tagset, attest_tagset_unref);
  g_clear_pointer (&self->speakers, g_hash_table_unref);
  g_clear_pointer (&self->bound_rows, g_hash_table_unref);
  g_clear_pointer (&self->selected_id, g_free);
  g_clear_pointer (&self->clicked_id, g_free);

  G_OBJECT_CLASS (attest_annotation_list_parent_class)->dispose (object);
}

static void
attest_annotation_list_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  AttestAnnotationList *self = ATTEST_ANNOTATION_LIST (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_annotation_list_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  AttestAnnotationList *self = ATTEST_ANNOTATION_LIST (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      attest_annotation_list_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_annotation_list_class_init (AttestAnnotationListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attest_annotation_list_dispose;
  object_class->get_property = attest_annotation_list_get_property;
  object_class->set_property = attest_annotation_list_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         ATTEST_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AttestAnnotationList::span-activated:
   * @span_id: the span the editor picked in the list
   *
   * A click or Enter picked a span (the arrow keys only move the
   * selection in the list). Not emitted for
   * attest_annotation_list_set_selected_span().
   */
  signals[SPAN_ACTIVATED] =
    g_signal_new ("span-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (ADW_TYPE_STATUS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/attest/Attest/"
                                               "attest-annotation-list.ui");
  gtk_widget_class_bind_template_child (widget_class, AttestAnnotationList, count_label);
  gtk_widget_class_bind_template_child (widget_class, AttestAnnotationList, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AttestAnnotationList, stack);
  gtk_widget_class_bind_template_child (widget_class, AttestAnnotationList, list_view);
  gtk_widget_class_bind_template_child (widget_class, AttestAnnotationList, no_match_page);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "annotationlist");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
attest_annotation_list_init (AttestAnnotationList *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->bound_rows = g_hash_table_new (NULL, NULL);
  self->char_px = 7;
  self->line_px = 250;

  self->spans = attest_span_list_model_new (NULL);
  /* The filter model is between the spans and the rows only while a
   * label is chosen. */
  self->filter = gtk_custom_filter_new (filter_by_label, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  g_signal_connect_object (self->filtered, "notify::pending",
                           G_CALLBACK (on_filter_pending), self,
                           G_CONNECT_SWAPPED);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->spans)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selected_item), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->spans, "items-changed",
                           G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup",
                           G_CALLBACK (_attest_annotation_list_setup_row), self, 0);
  g_signal_connect_object (factory, "bind",
                           G_CALLBACK (_attest_annotation_list_bind_row), self, 0);
  g_signal_connect_object (factory, "unbind",
                           G_CALLBACK (_attest_annotation_list_unbind_row), self, 0);
  g_signal_connect_object (factory, "teardown",
                           G_CALLBACK (_attest_annotation_list_unbind_row), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->list_view)),
                           "notify::page-size",
                           G_CALLBACK (_attest_annotation_list_width_changed), self,
                           G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_filter_item), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_filter_item), self, 0);
  gtk_drop_down_set_factory (self->filter_dropdown, factory);
  g_object_unref (factory);
  g_signal_connect_object (self->filter_dropdown, "notify::selected",
                           G_CALLBACK (on_filter_selected), self,
                           G_CONNECT_SWAPPED);

  self->document_signals = g_signal_group_new (ATTEST_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "relations-changed",
                                 G_CALLBACK (on_relations_changed), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "entities-changed",
                                 G_CALLBACK (on_entities_changed), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "span-changed",
                                 G_CALLBACK (_attest_annotation_list_speaker_changed), self,
                                 G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  set_tagset (self, NULL);
  update_state (self);
}

GtkWidget *
attest_annotation_list_new (void)
{
  return g_object_new (ATTEST_TYPE_ANNOTATION_LIST, NULL);
}

void
attest_annotation_list_set_session (AttestAnnotationList *self,
                                    AttestSession        *session)
{
  g_return_if_fail (ATTEST_IS_ANNOTATION_LIST (self));
  g_return_if_fail (session == NULL || ATTEST_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);

  unselect_quietly (self);
  g_clear_pointer (&self->selected_id, g_free);
  g_clear_pointer (&self->speakers, g_hash_table_unref);
  g_set_object (&self->session, session);

  if (session != NULL)
    {
      /* Before the model hears of a new document (see above). */
      g_signal_connect_object (session, "notify::document",
                               G_CALLBACK (on_session_document), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::tagset",
                               G_CALLBACK (on_session_tagset), self,
                               G_CONNECT_SWAPPED);
    }

  set_tagset (self, session != NULL ? attest_session_get_tagset (session) : NULL);
  g_signal_group_set_target (self->document_signals,
                             session != NULL ? attest_session_get_document (session) : NULL);
  gtk_list_view_set_model (self->list_view, NULL);
  attest_span_list_model_set_session (self->spans, session);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  if (session != NULL)
    g_signal_connect_object (session, "notify::document",
                             G_CALLBACK (on_session_document_after), self,
                             G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

void
attest_annotation_list_set_selected_span (AttestAnnotationList *self,
                                          const char           *span_id)
{
  g_return_if_fail (ATTEST_IS_ANNOTATION_LIST (self));

  if (span_id != self->selected_id)
    {
      g_free (self->selected_id);
      self->selected_id = g_strdup (span_id);
    }

  select_row (self, TRUE);
}

void
attest_annotation_list_focus (AttestAnnotationList *self)
{
  guint position;

  g_return_if_fail (ATTEST_IS_ANNOTATION_LIST (self));

  position = gtk_single_selection_get_selected (self->selection);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);

  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}
