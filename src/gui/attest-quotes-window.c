/* attest-quotes-window.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "attest-paths.h"
#include "attest-quote-item.h"
#include "attest-quotes-window.h"

/* Collecting walks every span of the open document: once the editor
 * pauses, not on every keystroke. */
#define REFRESH_DELAY_MS 300

/* The rows of one article, which sit together in the store: the store
 * holds the articles in order and each article's quotes in span order. */
typedef struct
{
  GFile *article;
  char  *name;
  guint  n_rows;
} Block;

struct _AttestQuotesWindow
{
  AdwWindow            parent_instance;

  /* Template children */
  AdwToastOverlay     *toast_overlay;
  AdwWindowTitle      *window_title;
  GtkStack            *stack;
  GtkSpinner          *spinner;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *article_column;

  GListStore          *store;         /* of AttestQuoteItem */
  GtkSortListModel    *sorted;
  GtkMultiSelection   *selection;
  GArray              *blocks;        /* of Block */

  AttestSession       *session;
  GSignalGroup        *session_signals;
  GSignalGroup        *document_signals;
  guint                refresh_source;

  GFile               *folder;        /* NULL: the open article alone */
  GCancellable        *reading;       /* the folder's sidecars, in a thread */
};

G_DEFINE_FINAL_TYPE (AttestQuotesWindow, attest_quotes_window, ADW_TYPE_WINDOW)

enum {
  QUOTE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
block_clear (gpointer data)
{
  Block *block = data;

  g_clear_object (&block->article);
  g_clear_pointer (&block->name, g_free);
}

static gint
find_block (AttestQuotesWindow *self,
            GFile              *article)
{
  for (guint i = 0; i < self->blocks->len; i++)
    if (g_file_equal (g_array_index (self->blocks, Block, i).article, article))
      return i;

  return -1;
}

static void
add_block (AttestQuotesWindow *self,
           GFile              *article)
{
  Block block = { g_object_ref (article), attest_path_document_name (self->folder, article), 0 };

  g_array_append_val (self->blocks, block);
}

static void
clear_rows (AttestQuotesWindow *self)
{
  g_list_store_remove_all (self->store);
  g_array_set_size (self->blocks, 0);
}

/* Wraps @rows (of AttestQuoteRow, taken) as items of @article. */
static GPtrArray *
make_items (GPtrArray *rows,
            GFile     *article)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  gsize n = 0;
  gpointer *data = g_ptr_array_steal (rows, &n);

  for (gsize i = 0; i < n; i++)
    g_ptr_array_add (items, attest_quote_item_new (data[i], article));
  g_free (data);

  return items;
}

static void
replace_block (AttestQuotesWindow *self,
               guint               index,
               GPtrArray          *rows)
{
  Block *block = &g_array_index (self->blocks, Block, index);
  g_autoptr(GPtrArray) items = make_items (rows, block->article);
  guint position = 0;

  for (guint i = 0; i < index; i++)
    position += g_array_index (self->blocks, Block, i).n_rows;

  g_list_store_splice (self->store, position, block->n_rows, items->pdata, items->len);
  block->n_rows = items->len;
}

static void
update_page (AttestQuotesWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  g_autofree char *what = NULL;
  g_autofree char *subtitle = NULL;
  const char *page = self->reading != NULL ? "loading" : n > 0 ? "table" : "empty";
  gboolean to_table = g_str_equal (page, "table") &&
                      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "table") != 0;

  gtk_stack_set_visible_child_name (self->stack, page);
  /* Arrows and Enter work on the rows as soon as there are any. */
  if (to_table)
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
  gtk_spinner_set_spinning (self->spinner, self->reading != NULL);

  if (self->folder != NULL)
    {
      g_autofree char *base = g_file_get_basename (self->folder);

      what = g_filename_display_name (base);
    }
  else if (self->session != NULL)
    what = g_strdup (attest_document_get_title (attest_session_get_document (self->session)));

  /* TRANSLATORS: the article's title or the folder's name, and how many
   * quotes it holds */
  if (what != NULL && self->reading == NULL)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u quote", "%s · %u quotes", n),
                                what, n);

  adw_window_title_set_subtitle (self->window_title, subtitle != NULL ? subtitle : what);
}

/* The open article's rows, from memory: unsaved edits show at once. */
static void
refresh_open_article (AttestQuotesWindow *self)
{
  g_autoptr(AttestRecord) record = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GFile *article;
  gint index;

  g_clear_handle_id (&self->refresh_source, g_source_remove);

  if (self->session == NULL)
    {
      if (self->folder == NULL)
        clear_rows (self);
      update_page (self);
      return;
    }

  /* A read of the folder under way refreshes the open article when done. */
  if (self->reading != NULL)
    return;

  article = attest_session_get_article_file (self->session);
  if ((index = find_block (self, article)) < 0)
    {
      /* An article from outside the folder leaves the folder's table as
       * it is; alone, the table is the open article's. */
      if (self->folder != NULL)
        {
          update_page (self);
          return;
        }
      clear_rows (self);
      add_block (self, article);
      index = 0;
    }

  record = attest_record_new_for_document (attest_session_get_document (self->session),
                                           g_array_index (self->blocks, Block, index).name);
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_quote_row_free);
  attest_quotes_collect (record, rows);
  replace_block (self, index, rows);
  update_page (self);
}

static gboolean
refresh_timeout (gpointer user_data)
{
  AttestQuotesWindow *self = user_data;

  self->refresh_source = 0;
  refresh_open_article (self);

  return G_SOURCE_REMOVE;
}

static void
on_document_changed (AttestQuotesWindow *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add (REFRESH_DELAY_MS, refresh_timeout, self);
}

static void
on_document_replaced (AttestQuotesWindow *self)
{
  g_signal_group_set_target (self->document_signals,
                             self->session != NULL ? attest_session_get_document (self->session) : NULL);
  refresh_open_article (self);
}

/* Reading the folder ---------------------------------------------------- */

typedef struct
{
  char **paths;   /* the articles' */
  char **names;
} ReadData;

typedef struct
{
  GPtrArray *rows;         /* per article: a GPtrArray of AttestQuoteRow */
  guint      n_problems;   /* sidecars that could not be read */
} ReadResult;

static void
read_data_free (ReadData *data)
{
  g_strfreev (data->paths);
  g_strfreev (data->names);
  g_free (data);
}

static void
read_result_free (ReadResult *result)
{
  g_ptr_array_unref (result->rows);
  g_free (result);
}

static void
collect_record (const AttestRecord *record,
                gpointer            user_data)
{
  attest_quotes_collect (record, user_data);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadData *data = task_data;
  ReadResult *result = g_new0 (ReadResult, 1);

  result->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; data->paths[i] != NULL; i++)
    {
      g_autofree char *sidecar = attest_sidecar_path_for_article (data->paths[i]);
      g_autofree char *display = g_path_get_basename (sidecar);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_quote_row_free);
      gsize len = 0;

      g_ptr_array_add (result->rows, rows);
      if (g_cancellable_is_cancelled (cancellable))
        break;

      /* An article without a sidecar has no quotes yet. */
      if (!g_file_get_contents (sidecar, &contents, &len, &error))
        {
          if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
            result->n_problems++;
          continue;
        }
      if (!attest_sidecar_read_record (contents, len, FALSE, display, data->names[i],
                                       collect_record, rows, &error))
        {
          g_ptr_array_set_size (rows, 0);
          result->n_problems++;
        }
    }

  if (g_task_return_error_if_cancelled (task))
    read_result_free (result);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) read_result_free);
}

static void
read_done (GObject      *object,
           GAsyncResult *async_result,
           gpointer      user_data)
{
  AttestQuotesWindow *self = ATTEST_QUOTES_WINDOW (object);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  ReadResult *result;

  /* Cancelled: a newer read replaced this one, or the window closed. */
  result = g_task_propagate_pointer (G_TASK (async_result), NULL);
  if (result == NULL)
    return;

  g_clear_object (&self->reading);
  g_assert (result->rows->len == self->blocks->len);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = &g_array_index (self->blocks, Block, i);
      g_autoptr(GPtrArray) block_items = make_items (g_ptr_array_index (result->rows, i), block->article);

      block->n_rows = block_items->len;
      for (guint j = 0; j < block_items->len; j++)
        g_ptr_array_add (items, g_object_ref (g_ptr_array_index (block_items, j)));
    }
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);

  if (result->n_problems > 0)
    {
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "The annotations of %u article could not be read",
                                      "The annotations of %u articles could not be read",
                                      result->n_problems),
                         result->n_problems);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
    }
  read_result_free (result);

  refresh_open_article (self);
  update_page (self);
}

static void
start_reading (AttestQuotesWindow *self)
{
  g_autoptr(GTask) task = NULL;
  GPtrArray *paths = g_ptr_array_new ();
  GPtrArray *names = g_ptr_array_new ();
  ReadData *data;

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = &g_array_index (self->blocks, Block, i);

      g_ptr_array_add (paths, g_file_get_path (block->article));
      g_ptr_array_add (names, g_strdup (block->name));
    }
  g_ptr_array_add (paths, NULL);
  g_ptr_array_add (names, NULL);

  data = g_new0 (ReadData, 1);
  data->paths = (char **) g_ptr_array_free (paths, FALSE);
  data->names = (char **) g_ptr_array_free (names, FALSE);

  self->reading = g_cancellable_new ();
  task = g_task_new (self, self->reading, read_done, NULL);
  g_task_set_source_tag (task, start_reading);
  g_task_set_task_data (task, data, (GDestroyNotify) read_data_free);
  g_task_run_in_thread (task, read_thread);
}

/* Actions --------------------------------------------------------------- */

static void
copy_rows (AttestQuotesWindow *self,
           gboolean            selected_only)
{
  GListModel *model = G_LIST_MODEL (self->sorted);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autofree char *tsv = NULL;
  g_autofree char *message = NULL;

  if (gtk_bitset_is_empty (selected))
    selected_only = FALSE;

  /* In the order shown, sorted as the table is. */
  for (guint i = 0; i < n; i++)
    {
      AttestQuoteItem *item;

      if (selected_only && !gtk_bitset_contains (selected, i))
        continue;
      item = g_list_model_get_item (model, i);
      g_ptr_array_add (items, item);
      g_ptr_array_add (rows, (gpointer) attest_quote_item_get_row (item));
    }

  if (rows->len == 0)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("No quotes to copy")));
      return;
    }

  tsv = attest_quotes_format_tsv ((AttestQuoteRow * const *) rows->pdata, rows->len, self->folder != NULL);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), tsv);

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Copied %u quote", "Copied %u quotes", rows->len),
                             rows->len);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  copy_rows (ATTEST_QUOTES_WINDOW (widget), TRUE);
}

static void
copy_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  copy_rows (ATTEST_QUOTES_WINDOW (widget), FALSE);
}

static void
on_activate (AttestQuotesWindow *self,
             guint               position)
{
  g_autoptr(AttestQuoteItem) item = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  if (item != NULL)
    g_signal_emit (self, signals[QUOTE_ACTIVATED], 0,
                   attest_quote_item_get_article (item), attest_quote_item_get_row (item)->quote_id);
}

/* GObject --------------------------------------------------------------- */

static void
attest_quotes_window_dispose (GObject *object)
{
  AttestQuotesWindow *self = (AttestQuotesWindow *)object;

  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  if (self->document_signals != NULL)
    g_signal_group_set_target (self->document_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->session);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTEST_TYPE_QUOTES_WINDOW);

  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (attest_quotes_window_parent_class)->dispose (object);
}

static void
attest_quotes_window_finalize (GObject *object)
{
  AttestQuotesWindow *self = (AttestQuotesWindow *)object;

  g_clear_pointer (&self->blocks, g_array_unref);
  g_clear_object (&self->folder);

  G_OBJECT_CLASS (attest_quotes_window_parent_class)->finalize (object);
}

static void
attest_quotes_window_class_init (AttestQuotesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attest_quotes_window_dispose;
  object_class->finalize = attest_quotes_window_finalize;

  /**
   * AttestQuotesWindow::quote-activated:
   * @article: the article the quote is in
   * @quote_id: the quote's span id
   *
   * The editor asked to see the quote in its article.
   */
  signals[QUOTE_ACTIVATED] =
    g_signal_new ("quote-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_STRING);

  g_type_ensure (ATTEST_TYPE_QUOTE_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/attest/Attest/attest-quotes-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AttestQuotesWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AttestQuotesWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AttestQuotesWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AttestQuotesWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, AttestQuotesWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, AttestQuotesWindow, article_column);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);

  gtk_widget_class_install_action (widget_class, "quotes.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "quotes.copy-all", NULL, copy_all_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "quotes.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
attest_quotes_window_init (AttestQuotesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (self->blocks, block_clear);

  self->store = g_list_store_new (ATTEST_TYPE_QUOTE_ITEM);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_column_set_visible (self->article_column, FALSE);

  self->session_signals = g_signal_group_new (ATTEST_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "notify::document",
                                  G_CALLBACK (on_document_replaced), self);
  self->document_signals = g_signal_group_new (ATTEST_TYPE_DOCUMENT);
  g_signal_group_connect_swapped (self->document_signals, "changed",
                                  G_CALLBACK (on_document_changed), self);

  update_page (self);
}

/**
 * attest_quotes_window_new:
 * @parent: the main window
 *
 * Returns: (transfer none): the window, owned by GTK's window list
 */
AttestQuotesWindow *
attest_quotes_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);

  return g_object_new (ATTEST_TYPE_QUOTES_WINDOW,
                       "transient-for", parent,
                       NULL);
}

void
attest_quotes_window_set_session (AttestQuotesWindow *self,
                                  AttestSession      *session)
{
  g_return_if_fail (ATTEST_IS_QUOTES_WINDOW (self));
  g_return_if_fail (session == NULL || ATTEST_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  g_signal_group_set_target (self->session_signals, session);
  g_signal_group_set_target (self->document_signals,
                             session != NULL ? attest_session_get_document (session) : NULL);
  refresh_open_article (self);
}

void
attest_quotes_window_set_folder (AttestQuotesWindow *self,
                                 GFile              *folder,
                                 GPtrArray          *articles)
{
  g_return_if_fail (ATTEST_IS_QUOTES_WINDOW (self));
  g_return_if_fail (folder == NULL || G_IS_FILE (folder));

  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);

  g_set_object (&self->folder, folder);
  clear_rows (self);
  gtk_column_view_column_set_visible (self->article_column, folder != NULL);

  if (folder == NULL)
    {
      refresh_open_article (self);
      return;
    }

  for (guint i = 0; articles != NULL && i < articles->len; i++)
    add_block (self, g_ptr_array_index (articles, i));
  start_reading (self);
  update_page (self);
}

/**
 * attest_quotes_window_get_model:
 *
 * Returns: (transfer none): the rows as the table shows them
 */
GListModel *
attest_quotes_window_get_model (AttestQuotesWindow *self)
{
  g_return_val_if_fail (ATTEST_IS_QUOTES_WINDOW (self), NULL);

  return G_LIST_MODEL (self->sorted);
}

gboolean
attest_quotes_window_get_loading (AttestQuotesWindow *self)
{
  g_return_val_if_fail (ATTEST_IS_QUOTES_WINDOW (self), FALSE);

  return self->reading != NULL;
}
