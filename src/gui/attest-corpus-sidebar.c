/* attest-corpus-sidebar.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "attest-corpus-row.h"
#include "attest-corpus-selection.h"
#include "attest-corpus-sidebar.h"

/* Counting spans walks every span of the document: do it once the editor
 * pauses, not on every keystroke. */
#define UPDATE_DELAY_MS 250

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
  LOADED,
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

static void
on_row_selected (GtkListItem *list_item)
{
  attest_corpus_row_set_current (ATTEST_CORPUS_ROW (gtk_list_item_get_child (list_item)),
                                 gtk_list_item_get_selected (list_item));
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           AttestCorpusSidebar      *self)
{
  gtk_list_item_set_child (list_item, attest_corpus_row_new ());
  g_signal_connect (list_item, "notify::selected", G_CALLBACK (on_row_selected), NULL);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          AttestCorpusSidebar      *self)
{
  attest_corpus_row_set_entry (ATTEST_CORPUS_ROW (gtk_list_item_get_child (list_item)),
                               gtk_list_item_get_item (list_item),
                               get_tagset (self));
  on_row_selected (list_item);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            AttestCorpusSidebar      *self)
{
  attest_corpus_row_set_entry (ATTEST_CORPUS_ROW (gtk_list_item_get_child (list_item)), NULL, NULL);
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

static guint
find_position (GFile    *file,
               gpointer  user_data)
{
  AttestCorpusSidebar *self = user_data;
  guint n;
  guint position;

  /* Unfiltered, the list is the corpus: a hash lookup. */
  if (self->search_key == NULL)
    return self->corpus != NULL && attest_corpus_lookup (self->corpus, file, &position) != NULL
           ? position : GTK_INVALID_LIST_POSITION;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AttestCorpusEntry) entry = NULL;

      entry = g_list_model_get_item (G_LIST_MODEL (self->filter_model), i);

      if (g_file_equal (attest_corpus_entry_get_file (entry), file))
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* What a search matches in an entry: its title and path, casefolded, kept
 * on the entry until its title changes, so typing a query over thousands
 * of articles only compares bytes. */
typedef struct
{
  char *title;
  char *key;
} SearchKey;

static void
search_key_free (gpointer data)
{
  SearchKey *sk = data;

  g_free (sk->title);
  g_free (sk->key);
  g_free (sk);
}

static const char *
get_search_key (AttestCorpusEntry *entry)
{
  static GQuark quark;
  const char *title = attest_corpus_entry_get_title (entry);
  SearchKey *sk;

  if G_UNLIKELY (quark == 0)
    quark = g_quark_from_static_string ("attest-corpus-search-key");

  sk = g_object_get_qdata (G_OBJECT (entry), quark);
  if (sk == NULL || g_strcmp0 (sk->title, title) != 0)
    {
      g_autofree char *text = g_strconcat (title, "\n",
                                           attest_corpus_entry_get_relative_path (entry),
                                           NULL);

      sk = g_new0 (SearchKey, 1);
      sk->title = g_strdup (title);
      sk->key = g_utf8_casefold (text, -1);
      g_object_set_qdata_full (G_OBJECT (entry), quark, sk, search_key_free);
    }

  return sk->key;
}

static gboolean
filter_entry (gpointer item,
              gpointer user_data)
{
  AttestCorpusSidebar *self = user_data;

  if (self->search_key == NULL)
    return TRUE;

  return strstr (get_search_key (item), self->search_key) != NULL;
}

static void
on_search_changed (AttestCorpusSidebar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *old_key = g_steal_pointer (&self->search_key);
  GtkFilterChange change;

  if (stripped[0] != '\0')
    self->search_key = g_utf8_casefold (stripped, -1);

  if (g_strcmp0 (old_key, self->search_key) == 0)
    return;

  /* Typing on narrows the list and deleting widens it: the filter model
   * then looks only at the rows that can change. */
  if (old_key == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (self->search_key == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (strstr (self->search_key, old_key) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (old_key, self->search_key) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  gtk_filter_changed (GTK_FILTER (self->filter), change);
  update_page (self);
}

static void
activate_position (AttestCorpusSidebar *self,
                   guint                position)
{
  g_autoptr(AttestCorpusEntry) entry = NULL;
  GFile *file;

  entry = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
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

/* Past this many articles a search filters a chunk at a time, so typing
 * never waits for the whole folder. */
#define INCREMENTAL_FILTER_THRESHOLD 20000

static void
on_corpus_items_changed (AttestCorpusSidebar *self)
{
  gtk_filter_list_model_set_incremental (self->filter_model,
                                         g_list_model_get_n_items (G_LIST_MODEL (self->corpus))
                                         > INCREMENTAL_FILTER_THRESHOLD);
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
    {
      if (ATTEST_CORPUS (object) == self->corpus)
        g_signal_emit (self, signals[LOADED], 0);
      return;
    }

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

  /**
   * AttestCorpusSidebar::loaded:
   *
   * The folder's articles are all listed, with their status.
   */
  signals[LOADED] =
    g_signal_new ("loaded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

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
  self->selection = attest_corpus_selection_new (G_LIST_MODEL (self->filter_model),
                                                 find_position, self);

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

  entry = g_list_model_get_item (G_LIST_MODEL (self->corpus),
                                 forward ? position + 1 : position - 1);

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

/**
 * attest_corpus_sidebar_get_first:
 *
 * Returns: (transfer full) (nullable): the first article in the list
 */
GFile *
attest_corpus_sidebar_get_first (AttestCorpusSidebar *self)
{
  g_autoptr(AttestCorpusEntry) entry = NULL;

  g_return_val_if_fail (ATTEST_IS_CORPUS_SIDEBAR (self), NULL);

  if (self->corpus == NULL ||
      !(entry = g_list_model_get_item (G_LIST_MODEL (self->corpus), 0)))
    return NULL;

  return g_object_ref (attest_corpus_entry_get_file (entry));
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
