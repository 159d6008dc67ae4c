/* attest-corpus-sidebar.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "attest-corpus-sidebar.h"

/* Counting spans walks every span of the document: do it once the editor
 * pauses, not on every keystroke. */
#define UPDATE_DELAY_MS 250

/* AttestCorpusSelection ------------------------------------------------------
 *
 * The selection is the open article and nothing else: hovering, clicking
 * and the arrow keys move the focus, never the selection, so the highlight
 * always says which article is open. Activating a row opens it, and then
 * the window makes it current.
 */

#define ATTEST_TYPE_CORPUS_SELECTION (attest_corpus_selection_get_type ())

G_DECLARE_FINAL_TYPE (AttestCorpusSelection, attest_corpus_selection, ATTEST, CORPUS_SELECTION, GObject)

struct _AttestCorpusSelection
{
  GObject     parent_instance;

  GListModel *model;
  GFile      *current;
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

static AttestCorpusSelection *
attest_corpus_selection_new (GListModel *model)
{
  AttestCorpusSelection *self = g_object_new (ATTEST_TYPE_CORPUS_SELECTION, NULL);

  self->model = g_object_ref (model);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_selection_items_changed), self);

  return self;
}

/* Linear, but only run when another article is opened. */
static guint
attest_corpus_selection_find (AttestCorpusSelection *self,
                              GFile                 *file)
{
  guint n = g_list_model_get_n_items (self->model);

  if (file == NULL)
    return GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AttestCorpusEntry) entry = g_list_model_get_item (self->model, i);

      if (g_file_equal (attest_corpus_entry_get_file (entry), file))
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
attest_corpus_selection_set_current (AttestCorpusSelection *self,
                                     GFile                 *current)
{
  guint old_position;
  guint new_position;

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

/* AttestCorpusSidebar ---------------------------------------------------- */

struct _AttestCorpusSidebar
{
  GtkWidget              parent_instance;

  AttestCorpus          *corpus;
  AttestTagset          *default_tagset;
  GCancellable          *scan_cancellable;
  GtkFilterListModel    *filter_model;
  GtkCustomFilter       *filter;
  AttestCorpusSelection *selection;
  char                  *search_key;        /* casefolded, or NULL */
  char                  *scan_error;
  GFile                 *current;

  /* A refresh from the open document, waiting for a pause. */
  GFile                 *pending_file;
  AttestDocument        *pending_document;
  guint                  pending_source;

  GtkLabel              *folder_label;
  GtkProgressBar        *progress_bar;
  GtkSearchEntry        *search_entry;
  GtkStack              *stack;
  GtkListView           *list_view;
  GtkSpinner            *spinner;
  AdwStatusPage         *error_page;
};

G_DEFINE_FINAL_TYPE (AttestCorpusSidebar, attest_corpus_sidebar, GTK_TYPE_WIDGET)

enum {
  ARTICLE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static AttestTagset *
get_tagset (AttestCorpusSidebar *self)
{
  AttestTagset *tagset = self->corpus != NULL ? attest_corpus_get_tagset (self->corpus) : NULL;

  if (tagset != NULL)
    return tagset;

  if (self->default_tagset == NULL)
    self->default_tagset = attest_tagset_new_default ();

  return self->default_tagset;
}

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

  /* Translators: a label's name and how many spans have it, "Claim: 4" */
  return g_strdup_printf (_("%s: %u"), info != NULL ? info->name : label, n);
}

static char *
format_counts (AttestCorpusSidebar *self,
               AttestCorpusEntry   *entry)
{
  AttestTagset *tagset = get_tagset (self);
  guint n_labels = attest_corpus_entry_get_n_labels (entry);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (n_labels == 0)
    return g_strdup (_("No annotations"));

  /* In the tag set's order (quotes, speakers, facts), then any label the
   * tag set does not know. */
  for (guint i = 0; i < attest_tagset_get_n_labels (tagset); i++)
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

      if (attest_tagset_lookup_label (tagset, label) == NULL)
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

/* Rows ------------------------------------------------------------------- */

typedef struct
{
  AttestCorpusSidebar *sidebar;
  GtkImage            *icon;
  GtkLabel            *title;
  GtkLabel            *subtitle;
  AttestCorpusEntry   *entry;
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  g_clear_object (&row->entry);
  g_free (row);
}

static void
row_update (Row *row)
{
  AttestCorpusEntry *entry = row->entry;
  AttestStatus status = attest_corpus_entry_get_status (entry);
  const char *error = attest_corpus_entry_get_error (entry);
  g_autofree char *counts = NULL;
  g_autofree char *tooltip = NULL;
  GtkWidget *icon = GTK_WIDGET (row->icon);

  gtk_label_set_label (row->title, attest_corpus_entry_get_title (entry));

  gtk_widget_remove_css_class (icon, "success");
  gtk_widget_remove_css_class (icon, "accent");
  gtk_widget_remove_css_class (icon, "warning");
  gtk_widget_remove_css_class (icon, "dim-label");

  if (error != NULL)
    {
      gtk_image_set_from_icon_name (row->icon, "dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Cannot read the annotations"),
                                      -1);
      gtk_label_set_label (row->subtitle, _("Cannot read the annotations"));
      tooltip = g_strdup_printf ("%s\n%s", attest_corpus_entry_get_relative_path (entry), error);
    }
  else
    {
      gtk_image_set_from_icon_name (row->icon, status_icon_name (status));
      gtk_widget_add_css_class (icon,
                                status == ATTEST_STATUS_DONE ? "success" :
                                status == ATTEST_STATUS_IN_PROGRESS ? "accent" : "dim-label");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, status_description (status),
                                      -1);
      counts = format_counts (row->sidebar, entry);
      gtk_label_set_label (row->subtitle, counts);
      /* Translators: the article's path in the folder, then its status */
      tooltip = g_strdup_printf (_("%s — %s"),
                                 attest_corpus_entry_get_relative_path (entry),
                                 status_description (status));
    }

  gtk_widget_set_tooltip_text (gtk_widget_get_parent (icon), tooltip);
}

static void
on_row_selected (GtkListItem *list_item,
                 GParamSpec  *pspec,
                 Row         *row)
{
  /* The open article's title stands out even where the selection colour
   * is faint. */
  if (gtk_list_item_get_selected (list_item))
    gtk_widget_add_css_class (GTK_WIDGET (row->title), "heading");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row->title), "heading");
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           AttestCorpusSidebar      *self)
{
  Row *row = g_new0 (Row, 1);
  GtkWidget *box;
  GtkWidget *labels;

  row->sidebar = self;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);

  row->icon = GTK_IMAGE (gtk_image_new ());
  gtk_widget_set_valign (GTK_WIDGET (row->icon), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->icon));

  labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (box), labels);

  row->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->title, 0);
  gtk_label_set_ellipsize (row->title, PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (row->title, TRUE);
  gtk_box_append (GTK_BOX (labels), GTK_WIDGET (row->title));

  row->subtitle = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->subtitle, 0);
  gtk_label_set_ellipsize (row->subtitle, PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (row->subtitle, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (row->subtitle), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (row->subtitle), "dim-label");
  gtk_box_append (GTK_BOX (labels), GTK_WIDGET (row->subtitle));

  gtk_list_item_set_child (list_item, box);
  g_object_set_data_full (G_OBJECT (list_item), "attest-row", row, row_free);
  g_signal_connect (list_item, "notify::selected", G_CALLBACK (on_row_selected), row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          AttestCorpusSidebar      *self)
{
  Row *row = g_object_get_data (G_OBJECT (list_item), "attest-row");

  g_set_object (&row->entry, gtk_list_item_get_item (list_item));
  g_signal_connect_swapped (row->entry, "notify", G_CALLBACK (row_update), row);
  row_update (row);
  on_row_selected (list_item, NULL, row);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            AttestCorpusSidebar      *self)
{
  Row *row = g_object_get_data (G_OBJECT (list_item), "attest-row");

  if (row->entry != NULL)
    g_signal_handlers_disconnect_by_func (row->entry, G_CALLBACK (row_update), row);
  g_clear_object (&row->entry);
}

/* State ------------------------------------------------------------------ */

static void
update_progress (AttestCorpusSidebar *self)
{
  guint n_items = self->corpus != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->corpus)) : 0;
  guint n_done = self->corpus != NULL ? attest_corpus_get_n_done (self->corpus) : 0;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), n_items > 0);
  if (n_items == 0)
    return;

  /* Translators: articles done, of all the articles in the folder */
  text = g_strdup_printf (ngettext ("%u of %u done", "%u of %u done", n_items), n_done, n_items);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) n_done / n_items);
}

static void
update_page (AttestCorpusSidebar *self)
{
  guint n_items = self->corpus != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->corpus)) : 0;
  gboolean scanning = self->corpus != NULL && attest_corpus_get_scanning (self->corpus);
  const char *page;

  if (self->scan_error != NULL)
    page = "error";
  else if (n_items == 0 && scanning)
    page = "loading";
  else if (n_items == 0)
    page = self->corpus != NULL ? "empty" : "list";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0)
    page = "no-results";
  else
    page = "list";

  gtk_spinner_set_spinning (self->spinner, g_str_equal (page, "loading"));
  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), n_items > 0);
}

static gboolean
filter_entry (gpointer item,
              gpointer user_data)
{
  AttestCorpusSidebar *self = user_data;
  AttestCorpusEntry *entry = item;
  g_autofree char *title = NULL;
  g_autofree char *path = NULL;

  if (self->search_key == NULL)
    return TRUE;

  title = g_utf8_casefold (attest_corpus_entry_get_title (entry), -1);
  if (strstr (title, self->search_key) != NULL)
    return TRUE;

  path = g_utf8_casefold (attest_corpus_entry_get_relative_path (entry), -1);

  return strstr (path, self->search_key) != NULL;
}

static void
on_search_changed (AttestCorpusSidebar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->search_key, g_free);
  if (stripped[0] != '\0')
    self->search_key = g_utf8_casefold (stripped, -1);

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_page (self);
}

static void
activate_position (AttestCorpusSidebar *self,
                   guint                position)
{
  g_autoptr(AttestCorpusEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  GFile *file;

  if (entry == NULL)
    return;

  file = attest_corpus_entry_get_file (entry);

  /* A double click activates twice; the article is open after the first. */
  if (self->current != NULL && g_file_equal (file, self->current))
    return;

  g_signal_emit (self, signals[ARTICLE_ACTIVATED], 0, file);
}

static void
on_search_activate (AttestCorpusSidebar *self)
{
  /* Enter may come before the search entry's pause: filter by what was
   * typed, not by what was there a moment ago. */
  on_search_changed (self);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    activate_position (self, 0);
}

static void
on_stop_search (AttestCorpusSidebar *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
on_list_activate (AttestCorpusSidebar *self,
                  guint                position)
{
  activate_position (self, position);
}

static void
scroll_to_current (AttestCorpusSidebar *self)
{
  guint position = attest_corpus_selection_find (self->selection, self->current);

  /* Scrolling to an item also makes it the one the list focuses. */
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

static void
on_corpus_items_changed (AttestCorpusSidebar *self)
{
  update_progress (self);
  update_page (self);
  scroll_to_current (self);
}

static void
flush_pending (AttestCorpusSidebar *self)
{
  g_autoptr(GFile) file = g_steal_pointer (&self->pending_file);
  g_autoptr(AttestDocument) document = g_steal_pointer (&self->pending_document);

  g_clear_handle_id (&self->pending_source, g_source_remove);

  if (file != NULL && self->corpus != NULL)
    attest_corpus_update_entry (self->corpus, file, document);
}

static gboolean
pending_timeout (gpointer user_data)
{
  AttestCorpusSidebar *self = user_data;

  self->pending_source = 0;

  /* A scan would replace the entry with what is on disk, which may be
   * older than the open document: refresh after it. */
  if (self->corpus != NULL && attest_corpus_get_scanning (self->corpus))
    {
      self->pending_source = g_timeout_add (UPDATE_DELAY_MS, pending_timeout, self);
      return G_SOURCE_REMOVE;
    }

  flush_pending (self);

  return G_SOURCE_REMOVE;
}

static void
scan_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AttestCorpusSidebar) self = user_data;
  g_autoptr(GError) error = NULL;

  if (attest_corpus_scan_finish (ATTEST_CORPUS (object), result, &error))
    return;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      ATTEST_CORPUS (object) != self->corpus)
    return;

  g_free (self->scan_error);
  self->scan_error = g_strdup (error->message);
  adw_status_page_set_description (self->error_page, error->message);
  update_page (self);
}

static void
start_scan (AttestCorpusSidebar *self)
{
  g_assert (self->corpus != NULL);

  g_cancellable_cancel (self->scan_cancellable);
  g_set_object (&self->scan_cancellable, g_cancellable_new ());
  g_object_unref (self->scan_cancellable);

  g_clear_pointer (&self->scan_error, g_free);
  attest_corpus_scan_async (self->corpus, self->scan_cancellable, scan_done, g_object_ref (self));
  update_page (self);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  AttestCorpusSidebar *self = ATTEST_CORPUS_SIDEBAR (widget);

  if (self->corpus != NULL)
    start_scan (self);
}

static gboolean
focus_list (AttestCorpusSidebar *self)
{
  guint position = attest_corpus_selection_find (self->selection, self->current);

  if (position == GTK_INVALID_LIST_POSITION)
    position = 0;
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);

  return gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static gboolean
attest_corpus_sidebar_focus (GtkWidget        *widget,
                             GtkDirectionType  direction)
{
  AttestCorpusSidebar *self = ATTEST_CORPUS_SIDEBAR (widget);

  /* Coming in from outside, the open article is where one wants to be,
   * not the search entry above it. */
  if (gtk_widget_get_focus_child (widget) == NULL &&
      direction == GTK_DIR_TAB_FORWARD &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "list") == 0 &&
      g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    return focus_list (self);

  return GTK_WIDGET_CLASS (attest_corpus_sidebar_parent_class)->focus (widget, direction);
}

static gboolean
attest_corpus_sidebar_grab_focus (GtkWidget *widget)
{
  AttestCorpusSidebar *self = ATTEST_CORPUS_SIDEBAR (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "list") == 0 &&
      g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    return focus_list (self);

  return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
attest_corpus_sidebar_dispose (GObject *object)
{
  AttestCorpusSidebar *self = (AttestCorpusSidebar *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->scan_cancellable);
  g_clear_object (&self->scan_cancellable);
  g_clear_handle_id (&self->pending_source, g_source_remove);
  g_clear_object (&self->pending_file);
  g_clear_object (&self->pending_document);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTEST_TYPE_CORPUS_SIDEBAR);
  /* The template's children that are not bound to fields. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  if (self->corpus != NULL)
    g_signal_handlers_disconnect_by_data (self->corpus, self);
  g_clear_object (&self->corpus);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->current);
  g_clear_pointer (&self->default_tagset, attest_tagset_unref);

  G_OBJECT_CLASS (attest_corpus_sidebar_parent_class)->dispose (object);
}

static void
attest_corpus_sidebar_finalize (GObject *object)
{
  AttestCorpusSidebar *self = (AttestCorpusSidebar *)object;

  g_clear_pointer (&self->search_key, g_free);
  g_clear_pointer (&self->scan_error, g_free);

  G_OBJECT_CLASS (attest_corpus_sidebar_parent_class)->finalize (object);
}

static void
attest_corpus_sidebar_class_init (AttestCorpusSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attest_corpus_sidebar_dispose;
  object_class->finalize = attest_corpus_sidebar_finalize;

  widget_class->focus = attest_corpus_sidebar_focus;
  widget_class->grab_focus = attest_corpus_sidebar_grab_focus;

  /**
   * AttestCorpusSidebar::article-activated:
   * @article: the article's file
   *
   * The editor asked to open @article (a click, or Enter on its row).
   */
  signals[ARTICLE_ACTIVATED] =
    g_signal_new ("article-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  g_cclosure_marshal_VOID__OBJECT,
                  G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attest/Attest/attest-corpus-sidebar.ui");
  gtk_widget_class_set_css_name (widget_class, "corpussidebar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_bind_template_child (widget_class, AttestCorpusSidebar, folder_label);
  gtk_widget_class_bind_template_child (widget_class, AttestCorpusSidebar, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AttestCorpusSidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AttestCorpusSidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, AttestCorpusSidebar, list_view);
  gtk_widget_class_bind_template_child (widget_class, AttestCorpusSidebar, spinner);
  gtk_widget_class_bind_template_child (widget_class, AttestCorpusSidebar, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);

  gtk_widget_class_install_action (widget_class, "corpus.reload", NULL, reload_action);
}

static void
attest_corpus_sidebar_init (AttestCorpusSidebar *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GListStore) empty = g_list_store_new (ATTEST_TYPE_CORPUS_ENTRY);
  GdkDisplay *display = gdk_display_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The status icons are ours (GtkApplication finds them too, but the
   * widget must work without one, as in tests). */
  if (display != NULL)
    gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (display),
                                      "/io/github/attest/Attest/icons");

  self->filter = gtk_custom_filter_new (filter_entry, self, NULL);
  self->filter_model = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (empty)),
                                                  GTK_FILTER (g_object_ref (self->filter)));
  self->selection = attest_corpus_selection_new (G_LIST_MODEL (self->filter_model));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (update_page), self, G_CONNECT_SWAPPED);

  /* Typing while the list has focus searches. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));

  update_page (self);
}

GtkWidget *
attest_corpus_sidebar_new (void)
{
  return g_object_new (ATTEST_TYPE_CORPUS_SIDEBAR, NULL);
}

void
attest_corpus_sidebar_set_folder (AttestCorpusSidebar *self,
                                  GFile               *folder)
{
  g_return_if_fail (ATTEST_IS_CORPUS_SIDEBAR (self));
  g_return_if_fail (folder == NULL || G_IS_FILE (folder));

  /* The same folder again: read it afresh, keeping the rows until the
   * new ones are ready. */
  if (folder != NULL && self->corpus != NULL &&
      g_file_equal (folder, attest_corpus_get_folder (self->corpus)))
    {
      flush_pending (self);
      start_scan (self);
      return;
    }

  flush_pending (self);
  g_cancellable_cancel (self->scan_cancellable);
  g_clear_object (&self->scan_cancellable);
  g_clear_pointer (&self->scan_error, g_free);

  if (self->corpus != NULL)
    g_signal_handlers_disconnect_by_data (self->corpus, self);
  g_clear_object (&self->corpus);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  if (folder != NULL)
    {
      g_autofree char *name = g_file_get_basename (folder);
      g_autofree char *display_name = g_filename_display_name (name);
      g_autofree char *path = g_file_get_path (folder);

      self->corpus = attest_corpus_new (folder);
      g_signal_connect_object (self->corpus, "items-changed",
                               G_CALLBACK (on_corpus_items_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->corpus, "notify::n-done",
                               G_CALLBACK (update_progress), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->corpus, "notify::scanning",
                               G_CALLBACK (update_page), self, G_CONNECT_SWAPPED);
      gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (self->corpus));

      gtk_label_set_label (self->folder_label, display_name);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->folder_label),
                                   path != NULL ? path : display_name);
      start_scan (self);
    }
  else
    {
      gtk_filter_list_model_set_model (self->filter_model, NULL);
      gtk_label_set_label (self->folder_label, "");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->folder_label), NULL);
    }

  update_progress (self);
  update_page (self);
}

/**
 * attest_corpus_sidebar_get_folder:
 *
 * Returns: (transfer none) (nullable): the open folder
 */
GFile *
attest_corpus_sidebar_get_folder (AttestCorpusSidebar *self)
{
  g_return_val_if_fail (ATTEST_IS_CORPUS_SIDEBAR (self), NULL);

  return self->corpus != NULL ? attest_corpus_get_folder (self->corpus) : NULL;
}

void
attest_corpus_sidebar_set_current (AttestCorpusSidebar *self,
                                   GFile               *article)
{
  g_return_if_fail (ATTEST_IS_CORPUS_SIDEBAR (self));
  g_return_if_fail (article == NULL || G_IS_FILE (article));

  g_set_object (&self->current, article);
  attest_corpus_selection_set_current (self->selection, article);
  scroll_to_current (self);
}

/**
 * attest_corpus_sidebar_get_neighbour:
 *
 * Returns: (transfer full) (nullable): the article after or before
 *   @article in the folder's order (whatever the search shows)
 */
GFile *
attest_corpus_sidebar_get_neighbour (AttestCorpusSidebar *self,
                                     GFile               *article,
                                     gboolean             forward)
{
  g_autoptr(AttestCorpusEntry) entry = NULL;
  guint position;
  guint n;

  g_return_val_if_fail (ATTEST_IS_CORPUS_SIDEBAR (self), NULL);
  g_return_val_if_fail (article == NULL || G_IS_FILE (article), NULL);

  if (self->corpus == NULL || article == NULL ||
      attest_corpus_lookup (self->corpus, article, &position) == NULL)
    return NULL;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->corpus));
  if (forward ? position + 1 >= n : position == 0)
    return NULL;

  entry = g_list_model_get_item (G_LIST_MODEL (self->corpus), forward ? position + 1 : position - 1);

  return g_object_ref (attest_corpus_entry_get_file (entry));
}

/**
 * attest_corpus_sidebar_get_next_undone:
 *
 * Returns: (transfer full) (nullable): the first article after @article,
 *   wrapping around, that is not done; never @article itself
 */
GFile *
attest_corpus_sidebar_get_next_undone (AttestCorpusSidebar *self,
                                       GFile               *article)
{
  guint position = 0;
  guint start = 0;
  guint n;

  g_return_val_if_fail (ATTEST_IS_CORPUS_SIDEBAR (self), NULL);
  g_return_val_if_fail (article == NULL || G_IS_FILE (article), NULL);

  if (self->corpus == NULL)
    return NULL;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->corpus));
  if (article != NULL && attest_corpus_lookup (self->corpus, article, &position) != NULL)
    start = position + 1;
  else
    article = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AttestCorpusEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->corpus),
                                                                  (start + i) % n);
      GFile *file = attest_corpus_entry_get_file (entry);

      if (article != NULL && g_file_equal (file, article))
        continue;

      if (attest_corpus_entry_get_status (entry) != ATTEST_STATUS_DONE)
        return g_object_ref (file);
    }

  return NULL;
}

void
attest_corpus_sidebar_update (AttestCorpusSidebar *self,
                              GFile               *article,
                              AttestDocument      *document)
{
  g_return_if_fail (ATTEST_IS_CORPUS_SIDEBAR (self));
  g_return_if_fail (G_IS_FILE (article));
  g_return_if_fail (ATTEST_IS_DOCUMENT (document));

  if (self->corpus == NULL)
    return;

  if (self->pending_file != NULL && !g_file_equal (self->pending_file, article))
    flush_pending (self);

  g_set_object (&self->pending_file, article);
  g_set_object (&self->pending_document, document);

  if (self->pending_source == 0)
    self->pending_source = g_timeout_add (UPDATE_DELAY_MS, pending_timeout, self);
}
