/* attest-annotation-list.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "attest-annotation-list.h"
#include "attest-span-list-model.h"

/* Two lines of the widest sidebar hold less than this. */
#define ROW_MAX_CHARS 160

typedef struct
{
  AttestAnnotationList *list;
  GtkWidget            *box;
  GtkWidget            *chip;
  GtkWidget            *text;
  GtkWidget            *detail;
  GtkWidget            *warning;
  AttestSpanItem       *item;     /* while bound */
} Row;

struct _AttestAnnotationList
{
  GtkWidget            parent_instance;

  GtkLabel            *count_label;
  GtkDropDown         *filter_dropdown;
  GtkStack            *stack;
  GtkListView         *list_view;
  AdwStatusPage       *no_match_page;

  AttestSession       *session;
  AttestTagset        *tagset;
  AttestSpanListModel *spans;
  GtkCustomFilter     *filter;
  GtkFilterListModel  *filtered;
  GtkSingleSelection  *selection;
  GSignalGroup        *document_signals;

  /* Rows on screen: refreshed in place when a relation or an entity
   * changes, which moves no row. */
  GHashTable          *bound_rows;
  /* Quote id -> speaker span id; rebuilt on demand after relations
   * change (relations are few next to spans). */
  GHashTable          *speakers;

  /* Characters that fit on one line of a row, estimated from the width
   * of running text in the list's font: GtkInscription rows cost the
   * same whatever their text (a wrapping GtkLabel costs 25 times more to
   * measure, and GtkListView measures 200 rows after a jump), so each
   * row asks for the lines its text needs. */
  double               char_px;
  double               line_px;
  int                  last_width;
  guint                relayout_source;
  guint                filter_done_source;

  const char          *filter_label;   /* interned; NULL shows all */
  char                *selected_id;
  char                *clicked_id;
  guint                click_source;
  guint                selecting : 1;
};

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

/* Rows -------------------------------------------------------------------- */

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

static void
row_update (AttestAnnotationList *self,
            Row                  *row)
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

static void
refresh_rows (AttestAnnotationList *self)
{
  GHashTableIter iter;
  Row *row;

  g_hash_table_iter_init (&iter, self->bound_rows);
  while (g_hash_table_iter_next (&iter, (gpointer *) &row, NULL))
    row_update (self, row);
}

static void
emit_activated (AttestAnnotationList *self,
                const char           *span_id)
{
  g_autofree char *id = g_strdup (span_id);

  g_free (self->selected_id);
  self->selected_id = g_strdup (id);
  g_signal_emit (self, signals[SPAN_ACTIVATED], 0, id);
}

/* The arrow keys move the selection in the list only; Enter or a click
 * activates. */
static gboolean
emit_clicked (gpointer user_data)
{
  AttestAnnotationList *self = user_data;
  g_autofree char *id = g_steal_pointer (&self->clicked_id);

  self->click_source = 0;
  if (id != NULL)
    emit_activated (self, id);

  return G_SOURCE_REMOVE;
}

/* After the list view has handled the press (selected the row and
 * focused it), so that whoever listens may move the focus elsewhere. */
static void
on_row_pressed (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                Row             *row)
{
  AttestAnnotationList *self = row->list;

  if (n_press != 1 || row->item == NULL)
    return;

  g_free (self->clicked_id);
  self->clicked_id = g_strdup (attest_span_item_get_id (row->item));
  if (self->click_source == 0)
    self->click_source = g_idle_add (emit_clicked, self);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           AttestAnnotationList     *self)
{
  Row *row = g_new0 (Row, 1);
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

static Row *
row_of (GtkListItem *list_item)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);

  return box != NULL ? g_object_get_data (G_OBJECT (box), "attest-row") : NULL;
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          AttestAnnotationList     *self)
{
  Row *row = row_of (list_item);

  row->item = gtk_list_item_get_item (list_item);
  g_hash_table_add (self->bound_rows, row);
  row_update (self, row);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            AttestAnnotationList     *self)
{
  Row *row = row_of (list_item);

  if (row == NULL)
    return;

  g_hash_table_remove (self->bound_rows, row);
  row->item = NULL;
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
  emit_activated (self, attest_span_item_get_id (item));
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
      g_autofree char *description =
        g_strdup_printf (_("No annotation is labelled “%s”"),
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
  refresh_rows (self);
}

static void
on_relations_changed (AttestAnnotationList *self)
{
  g_clear_pointer (&self->speakers, g_hash_table_unref);
  refresh_rows (self);
}

static void
on_entities_changed (AttestAnnotationList *self)
{
  refresh_rows (self);
}

static void
on_span_changed (AttestAnnotationList *self,
                 AttestSpan           *span,
                 guint                 old_start,
                 guint                 old_end)
{
  GHashTableIter iter;
  Row *row;

  if (self->speakers == NULL)
    return;

  /* A speaker's text or entity shows on the rows of its quotes. */
  g_hash_table_iter_init (&iter, self->bound_rows);
  while (g_hash_table_iter_next (&iter, (gpointer *) &row, NULL))
    {
      const char *speaker_id = g_hash_table_lookup (self->speakers,
                                                    attest_span_item_get_id (row->item));

      if (g_strcmp0 (speaker_id, span->id) == 0)
        row_update (self, row);
    }
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

static gboolean
relayout_rows (gpointer user_data)
{
  AttestAnnotationList *self = user_data;

  self->relayout_source = 0;
  refresh_rows (self);

  return G_SOURCE_REMOVE;
}

/* The list's width is its horizontal adjustment's page. */
static void
on_width_changed (AttestAnnotationList *self,
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
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_row), self, 0);
  g_signal_connect_object (factory, "teardown", G_CALLBACK (unbind_row), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->list_view)),
                           "notify::page-size",
                           G_CALLBACK (on_width_changed), self,
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
                                 G_CALLBACK (on_span_changed), self,
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
