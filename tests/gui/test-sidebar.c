/* test-sidebar.c: the annotation list, its model, and the inspector
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "attest-annotation-list.h"
#include "attest-gui-resources.h"
#include "attest-inspector.h"
#include "attest-inspector-private.h"
#include "attest-span-list-model.h"

#define SAMPLE "harbour-bridge.txt"

/* Fixtures ---------------------------------------------------------------- */

typedef struct
{
  char          *dir;
  AttestSession *session;
} Fixture;

static void
write_file (const char *dir,
            const char *name,
            const char *contents,
            gssize      len)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
}

static void
copy_sample_file (const char *dir,
                  const char *name,
                  const char *replace,
                  const char *with)
{
  const char *root = g_getenv ("ATTEST_SOURCE_ROOT");
  g_autofree char *from = g_build_filename (root != NULL ? root : ".", "data", "samples", name,
                                            NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_file_get_contents (from, &contents, &len, &error);
  g_assert_no_error (error);

  if (replace != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (contents, replace, 2);

      g_assert_cmpuint (g_strv_length (parts), ==, 2);
      g_free (contents);
      contents = g_strjoinv (with, parts);
      len = strlen (contents);
    }

  write_file (dir, name, contents, len);
}

static AttestSession *
load_session (const char *dir,
              const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  AttestSession *session;

  session = attest_session_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
  attest_session_set_annotator (session, "tester");

  return session;
}

/* The sample, copied so autosave never writes into the source tree. A
 * higher format version makes the session read-only. */
static void
fixture_sample (Fixture *fixture,
                gboolean read_only)
{
  fixture->dir = g_dir_make_tmp ("attest-sidebar-XXXXXX", NULL);
  copy_sample_file (fixture->dir, SAMPLE, NULL, NULL);
  copy_sample_file (fixture->dir, SAMPLE ".attest.json",
                    read_only ? "\"version\": 1," : NULL,
                    read_only ? "\"version\": 2," : NULL);
  fixture->session = load_session (fixture->dir, SAMPLE);
  g_assert_cmpint (attest_session_get_read_only (fixture->session), ==, read_only);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

static void
fixture_clear (Fixture *fixture)
{
  attest_session_close (fixture->session);
  g_clear_object (&fixture->session);
  remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static AttestDocument *
fixture_document (Fixture *fixture)
{
  return attest_session_get_document (fixture->session);
}

static AttestSpan *
lookup_span (Fixture    *fixture,
             const char *id)
{
  return attest_span_store_lookup (attest_document_get_spans (fixture_document (fixture)), id);
}

static AttestHistory *
fixture_history (Fixture *fixture)
{
  return attest_session_get_history (fixture->session);
}

/* Widgets ----------------------------------------------------------------- */

static GtkWidget *
show_in_window (GtkWidget *child)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 800);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);

  return window;
}

static void
flush (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A widget by its template id or widget name. */
static GtkWidget *
find_widget (GtkWidget  *root,
             const char *id)
{
  const char *buildable_id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (root));

  if (g_strcmp0 (buildable_id, id) == 0 || g_strcmp0 (gtk_widget_get_name (root), id) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, id);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
has_visible_label (GtkWidget  *root,
                   const char *text)
{
  if (!gtk_widget_get_visible (root))
    return FALSE;

  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;
  if (GTK_IS_INSCRIPTION (root) &&
      g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (root)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_visible_label (child, text))
      return TRUE;

  return FALSE;
}

static GtkWidget *
require_widget (GtkWidget  *root,
                const char *id)
{
  GtkWidget *widget = find_widget (root, id);

  if (widget == NULL)
    g_error ("no widget \"%s\"", id);

  return widget;
}

static const char *
combo_selected_string (GtkWidget *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (ADW_COMBO_ROW (row));

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static const char *
combo_text (GtkWidget  *root,
            const char *id)
{
  return combo_selected_string (require_widget (root, id));
}

static const char *
label_text (GtkWidget  *root,
            const char *id)
{
  return gtk_label_get_text (GTK_LABEL (require_widget (root, id)));
}

static const char *
entry_text (GtkWidget  *root,
            const char *id)
{
  return gtk_editable_get_text (GTK_EDITABLE (require_widget (root, id)));
}

static const char *
row_subtitle (GtkWidget  *root,
              const char *id)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (require_widget (root, id)));
}

static const char *
stack_page (GtkWidget *root)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (require_widget (root, "stack")));
}

static char *
view_text (GtkWidget  *root,
           const char *id)
{
  GtkTextView *view = GTK_TEXT_VIEW (require_widget (root, id));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
combo_select_string (GtkWidget  *row,
                     const char *string)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (row));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), string) == 0)
        {
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
          return;
        }
    }

  g_error ("no item \"%s\" in %s", string, gtk_widget_get_name (row));
}

static void
apply_entry (GtkWidget  *row,
             const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
}

/* The list model under random edits --------------------------------------- */

typedef struct
{
  GListModel *model;
  GPtrArray  *mirror;   /* ids, as items-changed said */
} Mirror;

static void
on_mirror_items_changed (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         Mirror     *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->mirror->len);
  g_ptr_array_remove_range (mirror->mirror, position, removed);

  for (guint i = 0; i < added; i++)
    {
      g_autoptr(AttestSpanItem) item = g_list_model_get_item (model, position + i);

      g_assert_nonnull (item);
      g_ptr_array_insert (mirror->mirror, position + i, g_strdup (attest_span_item_get_id (item)));
    }

  /* The model already shows the new state while it tells. */
  g_assert_cmpuint (mirror->mirror->len, ==, g_list_model_get_n_items (model));
}

static void
assert_mirror (Mirror          *mirror,
               AttestSpanStore *store)
{
  guint n = attest_span_store_get_n_spans (store);

  g_assert_cmpuint (mirror->mirror->len, ==, n);
  g_assert_cmpuint (g_list_model_get_n_items (mirror->model), ==, n);

  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (g_ptr_array_index (mirror->mirror, i), ==,
                     attest_span_store_get_nth (store, i)->id);
}

static char *
make_words (guint n_words,
            GRand *rand)
{
  static const char *words[] = { "the", "council", "said", "bridge", "€48", "million",
                                 "Ingrid", "Solberg", "café", "🍰", "votes", "März", "東京",
                                 "repairs" };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_words; i++)
    {
      if (i > 0)
        g_string_append_c (text, i % 17 == 0 ? '\n' : ' ');
      g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
    }
  g_string_append_c (text, '\n');

  return g_string_free (text, FALSE);
}

static AttestSpan *
random_span (AttestSpanStore *store,
             GRand           *rand)
{
  guint n = attest_span_store_get_n_spans (store);

  return n > 0 ? attest_span_store_get_nth (store, g_rand_int_range (rand, 0, n)) : NULL;
}

static void
test_model_random (void)
{
  static const char *labels[] = { "quote", "speaker", "fact" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261128);
  g_autofree char *dir = g_dir_make_tmp ("attest-sidebar-XXXXXX", NULL);
  g_autofree char *text = make_words (400, rand);
  g_autoptr(AttestSession) session = NULL;
  g_autoptr(AttestSession) other = NULL;
  g_autoptr(AttestSpanListModel) model = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  AttestDocument *document;
  AttestHistory *history;
  AttestSpanStore *store;
  Mirror mirror;
  guint length;

  write_file (dir, "random.txt", text, -1);
  write_file (dir, "other.txt", "Another article, with \"a quote\".\n", -1);
  session = load_session (dir, "random.txt");
  other = load_session (dir, "other.txt");
  document = attest_session_get_document (session);
  history = attest_session_get_history (session);
  store = attest_document_get_spans (document);
  length = attest_text_get_length (attest_document_get_text (document));

  model = attest_span_list_model_new (session);
  mirror.model = G_LIST_MODEL (model);
  mirror.mirror = ids;
  g_signal_connect (model, "items-changed", G_CALLBACK (on_mirror_items_changed), &mirror);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == ATTEST_TYPE_SPAN_ITEM);

  for (guint step = 0; step < 3000; step++)
    {
      guint op = g_rand_int_range (rand, 0, 100);
      AttestSpan *span = random_span (store, rand);

      if (op < 30 || span == NULL)
        {
          guint start = g_rand_int_range (rand, 0, length);
          guint grow = g_rand_int_range (rand, 0, 25);
          guint end = MIN (length, start + grow);

          attest_history_add_span (history, labels[g_rand_int_range (rand, 0, 3)], start, end,
                                   "ana");
        }
      else if (op < 38)
        /* The same range under another label: spans stacked on one range
         * are where a relabel reorders rows. */
        attest_history_add_span (history, labels[g_rand_int_range (rand, 0, 3)],
                                 span->start, span->end, "ana");
      else if (op < 50)
        attest_history_remove_span (history, span);
      else if (op < 65)
        {
          int moved = (int) span->start + g_rand_int_range (rand, -40, 40);
          guint start = MIN (length, (guint) MAX (0, moved));
          guint grow = g_rand_int_range (rand, 0, 30);
          guint end = MIN (length, start + grow);

          attest_history_move_span (history, span, start, end);
        }
      else if (op < 75)
        attest_history_relabel_span (history, span, labels[g_rand_int_range (rand, 0, 3)]);
      else if (op < 80)
        attest_history_set_span_note (history, span, g_rand_boolean (rand) ? "checked" : NULL);
      else if (op < 92)
        /* Undo and redo restore range and label at once. */
        attest_history_undo (history);
      else
        attest_history_redo (history);

      g_assert_true (attest_span_store_check (store));
      assert_mirror (&mirror, store);
    }

  g_assert_cmpuint (attest_span_store_get_n_spans (store), >, 50);

  /* Items are shared while alive: a selection keeps its row across moves. */
  {
    g_autoptr(AttestSpanItem) a = g_list_model_get_item (G_LIST_MODEL (model), 3);
    g_autoptr(AttestSpanItem) b = g_list_model_get_item (G_LIST_MODEL (model), 3);
    AttestSpan *span;
    guint position;

    g_assert_true (a == b);
    span = attest_span_item_get_span (a);
    g_assert_nonnull (span);
    attest_history_move_span (history, span, length - 2, length - 1);
    position = attest_span_list_model_get_position (model, attest_span_item_get_id (a));
    g_assert_cmpuint (position, ==, attest_span_store_get_position (store, span));
    {
      g_autoptr(AttestSpanItem) c = g_list_model_get_item (G_LIST_MODEL (model), position);
      g_assert_true (c == a);
    }
    attest_history_remove_span (history, span);
    g_assert_null (attest_span_item_get_span (a));
    g_assert_cmpuint (attest_span_list_model_get_position (model, attest_span_item_get_id (a)), ==,
                      GTK_INVALID_LIST_POSITION);
  }
  assert_mirror (&mirror, store);

  /* Another session: every row is replaced. */
  attest_history_add_span (attest_session_get_history (other), "quote", 24, 31, "ana");
  attest_span_list_model_set_session (model, other);
  assert_mirror (&mirror, attest_document_get_spans (attest_session_get_document (other)));
  g_assert_cmpuint (ids->len, ==, 1);
  attest_span_list_model_set_session (model, NULL);
  g_assert_cmpuint (ids->len, ==, 0);

  attest_session_close (session);
  attest_session_close (other);
  g_signal_handlers_disconnect_by_data (model, &mirror);
  g_assert_finalize_object (g_steal_pointer (&model));
  remove_dir (dir);
}

/* The annotation list ----------------------------------------------------- */

typedef struct
{
  guint  count;
  char  *last_id;
} Activated;

static void
on_span_activated (GtkWidget  *widget,
                   const char *span_id,
                   Activated  *activated)
{
  activated->count++;
  g_free (activated->last_id);
  activated->last_id = g_strdup (span_id);
}

static GtkListView *
list_view_of (GtkWidget *list)
{
  GtkWidget *view = require_widget (list, "list_view");

  g_assert_true (GTK_IS_LIST_VIEW (view));

  return GTK_LIST_VIEW (view);
}

static GtkWidget *
find_inscription (GtkWidget *root)
{
  if (GTK_IS_INSCRIPTION (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_inscription (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Presses the row showing @span's text, as a click does. */
static void
click_row (GtkWidget      *list,
           AttestDocument *document,
           AttestSpan     *span)
{
  g_autofree char *text = attest_span_dup_display_text (document, span, 160);

  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (list_view_of (list)));
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *box = gtk_widget_get_first_child (item);
      GtkWidget *inscription = box != NULL ? find_inscription (box) : NULL;
      g_autoptr(GListModel) controllers = NULL;

      if (inscription == NULL ||
          g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (inscription)), text) != 0)
        continue;

      controllers = gtk_widget_observe_controllers (box);
      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

          if (GTK_IS_GESTURE_CLICK (controller))
            {
              g_signal_emit_by_name (controller, "pressed", 1, 4.0, 4.0);
              return;
            }
        }
    }

  g_error ("no row for %s", span->id);
}

static void
test_list_filter (void)
{
  Fixture fixture;
  GtkWidget *list, *window;
  GtkDropDown *dropdown;
  GtkLabel *count;
  GListModel *rows;
  GtkSingleSelection *selection;
  guint n_quotes = 0;

  fixture_sample (&fixture, FALSE);
  list = attest_annotation_list_new ();
  window = show_in_window (list);
  attest_annotation_list_set_session (ATTEST_ANNOTATION_LIST (list), fixture.session);
  flush ();

  dropdown = GTK_DROP_DOWN (require_widget (list, "filter_dropdown"));
  count = GTK_LABEL (require_widget (list, "count_label"));
  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (list_view_of (list)));
  rows = G_LIST_MODEL (selection);

  g_assert_cmpstr (gtk_label_get_text (count), ==, "23 annotations");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 23);
  /* Rows show the label's chip, the text, and a quote's speaker. */
  g_assert_true (has_visible_label (list, "— Ingrid Solberg"));
  g_assert_true (has_visible_label (list, "Eastgate City Council"));

  for (guint i = 0; i < 23; i++)
    if (attest_span_store_get_nth (attest_document_get_spans (fixture_document (&fixture)),
                                   i)->label == g_intern_static_string ("quote"))
      n_quotes++;
  g_assert_cmpuint (n_quotes, ==, 10);

  /* "All Labels", quote, speaker, fact */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)), ==, 4);
  gtk_drop_down_set_selected (dropdown, 1);
  flush ();
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_quotes);
  for (guint i = 0; i < n_quotes; i++)
    {
      g_autoptr(AttestSpanItem) item = g_list_model_get_item (rows, i);

      g_assert_cmpstr (attest_span_item_get_span (item)->label, ==, "quote");
    }
  g_assert_cmpstr (gtk_label_get_text (count), ==, "10 of 23 annotations");

  /* Selecting within the filtered rows: s8 is the third quote. */
  attest_annotation_list_set_selected_span (ATTEST_ANNOTATION_LIST (list), "s8");
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 2);
  attest_annotation_list_set_selected_span (ATTEST_ANNOTATION_LIST (list), "s3");
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, GTK_INVALID_LIST_POSITION);

  /* The filter follows edits: a new quote appears, a relabelled one goes. */
  attest_history_add_span (fixture_history (&fixture), "quote", 1300, 1320, "tester");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_quotes + 1);
  g_assert_cmpstr (gtk_label_get_text (count), ==, "11 of 24 annotations");
  attest_history_relabel_span (fixture_history (&fixture), lookup_span (&fixture, "s1"), "fact");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_quotes);

  /* A label with no spans shows its empty state. */
  attest_history_undo (fixture_history (&fixture));
  attest_history_undo (fixture_history (&fixture));
  gtk_drop_down_set_selected (dropdown, 0);
  flush ();
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 23);
  g_assert_cmpstr (gtk_label_get_text (count), ==, "23 annotations");

  /* A quote's row follows its speaker: the entity, then its name. */
  g_assert_false (has_visible_label (list, "— Mayor Ingrid Solberg"));
  attest_history_set_span_entity (fixture_history (&fixture), lookup_span (&fixture, "s7"), NULL);
  g_assert_true (has_visible_label (list, "— Mayor Ingrid Solberg"));
  attest_history_undo (fixture_history (&fixture));
  g_assert_true (has_visible_label (list, "— Ingrid Solberg"));
  {
    g_autoptr(AttestEntity) renamed =
      attest_entity_copy (attest_document_lookup_entity (fixture_document (&fixture), "e2"));

    g_free (renamed->name);
    renamed->name = g_strdup ("Ingrid M. Solberg");
    attest_history_update_entity (fixture_history (&fixture), renamed);
  }
  g_assert_true (has_visible_label (list, "— Ingrid M. Solberg"));
  g_assert_false (has_visible_label (list, "— Ingrid Solberg"));

  gtk_window_destroy (GTK_WINDOW (window));
  fixture_clear (&fixture);
}

static void
test_list_activate (void)
{
  Fixture fixture;
  Activated activated = { 0, NULL };
  GtkWidget *list, *window;
  GtkSingleSelection *selection;
  AttestSpanStore *store;
  GtkStack *stack;

  fixture_sample (&fixture, FALSE);
  store = attest_document_get_spans (fixture_document (&fixture));
  list = attest_annotation_list_new ();
  g_object_ref_sink (list);
  window = show_in_window (list);
  attest_annotation_list_set_session (ATTEST_ANNOTATION_LIST (list), fixture.session);
  g_signal_connect (list, "span-activated", G_CALLBACK (on_span_activated), &activated);
  flush ();

  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (list_view_of (list)));

  /* Enter or a click on row 4. */
  gtk_widget_activate_action (GTK_WIDGET (list_view_of (list)), "list.activate-item", "u", 4);
  g_assert_cmpuint (activated.count, ==, 1);
  g_assert_cmpstr (activated.last_id, ==, attest_span_store_get_nth (store, 4)->id);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 4);

  /* A click on a row activates it (once the list view has handled the
   * press); moving the selection with the arrow keys does not. */
  gtk_single_selection_set_selected (selection, 5);
  g_assert_cmpuint (activated.count, ==, 1);
  click_row (list, fixture_document (&fixture), attest_span_store_get_nth (store, 6));
  g_assert_cmpuint (activated.count, ==, 1);
  flush ();
  g_assert_cmpuint (activated.count, ==, 2);
  g_assert_cmpstr (activated.last_id, ==, attest_span_store_get_nth (store, 6)->id);

  /* Following the article's selection does not echo back. */
  attest_annotation_list_set_selected_span (ATTEST_ANNOTATION_LIST (list), "s22");
  g_assert_cmpuint (activated.count, ==, 2);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==,
                    attest_span_store_get_position (store, lookup_span (&fixture, "s22")));
  attest_annotation_list_set_selected_span (ATTEST_ANNOTATION_LIST (list), NULL);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, GTK_INVALID_LIST_POSITION);

  /* The selection stays on its span when the span moves. */
  attest_annotation_list_set_selected_span (ATTEST_ANNOTATION_LIST (list), "s5");
  attest_history_move_span (fixture_history (&fixture), lookup_span (&fixture, "s5"), 1300, 1310);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==,
                    attest_span_store_get_position (store, lookup_span (&fixture, "s5")));
  g_assert_cmpuint (activated.count, ==, 2);

  /* And goes when the span does, without a signal. */
  attest_history_remove_span (fixture_history (&fixture), lookup_span (&fixture, "s5"));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (activated.count, ==, 2);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (require_widget (list, "count_label"))), ==,
                   "22 annotations");

  /* An article without annotations shows how to make one. */
  stack = GTK_STACK (require_widget (list, "stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
  while (attest_span_store_get_n_spans (store) > 0)
    attest_history_remove_span (fixture_history (&fixture), attest_span_store_get_first (store));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  attest_history_undo (fixture_history (&fixture));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");

  gtk_window_destroy (GTK_WINDOW (window));
  attest_annotation_list_set_session (ATTEST_ANNOTATION_LIST (list), NULL);
  g_assert_finalize_object (list);
  g_free (activated.last_id);
  fixture_clear (&fixture);
}

static gboolean
document_replaced (gpointer data)
{
  gpointer *args = data;

  return attest_session_get_document (args[0]) != args[1];
}

/* The sidecar changed on disk (a git pull): the session takes the new
 * document, and the sidebar follows it. */
static void
test_list_reload (void)
{
  Fixture fixture;
  GtkWidget *box, *list, *inspector, *window;
  g_autofree char *path = NULL;
  g_autoptr(GFile) sidecar = NULL;
  g_autoptr(AttestDocument) theirs = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *rows;
  gpointer args[2];
  gint64 deadline;

  fixture_sample (&fixture, FALSE);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  list = attest_annotation_list_new ();
  inspector = attest_inspector_new ();
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), inspector);
  window = show_in_window (box);
  attest_annotation_list_set_session (ATTEST_ANNOTATION_LIST (list), fixture.session);
  attest_inspector_set_session (ATTEST_INSPECTOR (inspector), fixture.session);
  attest_annotation_list_set_selected_span (ATTEST_ANNOTATION_LIST (list), "s5");
  attest_inspector_set_span (ATTEST_INSPECTOR (inspector), "s5");
  flush ();
  rows = G_LIST_MODEL (gtk_list_view_get_model (list_view_of (list)));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 23);

  path = g_build_filename (fixture.dir, SAMPLE ".attest.json", NULL);
  sidecar = g_file_new_for_path (path);
  theirs = attest_sidecar_load (sidecar, NULL, &error);
  g_assert_no_error (error);
  attest_document_remove_span (theirs,
                               attest_span_store_lookup (attest_document_get_spans (theirs), "s23"),
                               NULL);
  attest_document_set_span_note (theirs,
                                 attest_span_store_lookup (attest_document_get_spans (theirs),
                                                           "s5"),
                                 "Checked against the council's figures");
  attest_sidecar_save (theirs, sidecar, NULL, &error);
  g_assert_no_error (error);

  args[0] = fixture.session;
  args[1] = fixture_document (&fixture);
  deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  while (!document_replaced (args) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (document_replaced (args));
  flush ();

  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 22);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (require_widget (list, "count_label"))), ==,
                   "22 annotations");
  /* The same span stays selected and inspected, as the new file has it. */
  {
    GtkSelectionModel *rows_model = gtk_list_view_get_model (list_view_of (list));
    GtkSingleSelection *selection = GTK_SINGLE_SELECTION (rows_model);
    AttestSpanItem *item = gtk_single_selection_get_selected_item (selection);

    g_assert_nonnull (item);
    g_assert_cmpstr (attest_span_item_get_id (item), ==, "s5");
    g_assert_true (attest_span_item_get_document (item) == fixture_document (&fixture));
  }
  {
    g_autofree char *text = view_text (inspector, "note_view");

    g_assert_cmpstr (text, ==, "Checked against the council's figures");
  }

  /* Edits reach the new document's rows. */
  attest_history_remove_span (fixture_history (&fixture), lookup_span (&fixture, "s1"));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 21);

  gtk_window_destroy (GTK_WINDOW (window));
  fixture_clear (&fixture);
}

/* The inspector ----------------------------------------------------------- */

typedef struct
{
  Fixture    fixture;
  GtkWidget *inspector;
  GtkWidget *window;
} Inspecting;

static void
inspect (Inspecting *t,
         gboolean    read_only,
         const char *span_id)
{
  fixture_sample (&t->fixture, read_only);
  t->inspector = g_object_ref_sink (attest_inspector_new ());
  t->window = show_in_window (t->inspector);
  attest_inspector_set_session (ATTEST_INSPECTOR (t->inspector), t->fixture.session);
  attest_inspector_set_span (ATTEST_INSPECTOR (t->inspector), span_id);
  flush ();
}

static void
inspect_clear (Inspecting *t)
{
  gtk_window_destroy (GTK_WINDOW (t->window));
  attest_inspector_set_session (ATTEST_INSPECTOR (t->inspector), NULL);
  g_assert_finalize_object (t->inspector);
  fixture_clear (&t->fixture);
}

static GtkWidget *
inspector_widget (Inspecting *t,
                  const char *id)
{
  return require_widget (t->inspector, id);
}

static guint
count_said_by (Fixture    *fixture,
               const char *quote_id,
               const char *speaker_id)
{
  g_autoptr(GPtrArray) relations = attest_document_get_relations_of (fixture_document (fixture),
                                                                     quote_id);
  guint n = 0;

  for (guint i = 0; i < relations->len; i++)
    {
      AttestRelation *relation = g_ptr_array_index (relations, i);

      if (g_str_equal (relation->type, "said-by") && g_str_equal (relation->from, quote_id) &&
          (speaker_id == NULL || g_str_equal (relation->to, speaker_id)))
        n++;
    }

  return n;
}

static void
test_inspector_quote (void)
{
  Inspecting t;
  Activated activated = { 0, NULL };
  AttestSpan *span;

  inspect (&t, FALSE, "s5");
  span = lookup_span (&t.fixture, "s5");

  g_assert_cmpstr (stack_page (t.inspector), ==,
                   "span");
  g_assert_cmpstr (label_text (t.inspector, "text_label"), ==,
                   "We cannot keep patching a structure that carries 62,000 vehicles a day,");
  g_assert_cmpstr (label_text (t.inspector, "heading_label"), ==, "Quote");
  g_assert_cmpstr (combo_text (t.inspector, "label_row"), ==, "Quote");
  g_assert_cmpstr (combo_text (t.inspector, "attr-kind"), ==, "direct");
  g_assert_true (gtk_widget_get_visible (inspector_widget (&t, "speaker_group")));
  g_assert_false (gtk_widget_get_visible (inspector_widget (&t, "entity_group")));
  g_assert_cmpstr (combo_text (t.inspector, "speaker_row"), ==,
                   "Ingrid Solberg (“Mayor Ingrid Solberg”)");
  g_assert_cmpstr (row_subtitle (t.inspector, "annotator_row"),
                   ==, "ana");
  g_assert_cmpstr (row_subtitle (t.inspector, "origin_row"),
                   ==, "Manual");
  g_assert_cmpstr (row_subtitle (t.inspector, "created_row"),
                   !=, span->created);

  /* The jump button goes to the speaker. */
  g_signal_connect (t.inspector, "span-activated", G_CALLBACK (on_span_activated), &activated);
  g_assert_true (gtk_widget_get_sensitive (inspector_widget (&t, "jump_button")));
  g_signal_emit_by_name (inspector_widget (&t, "jump_button"), "clicked");
  g_assert_cmpuint (activated.count, ==, 1);
  g_assert_cmpstr (activated.last_id, ==, "s7");
  g_free (activated.last_id);

  /* Relabel, then undo. */
  combo_select_string (inspector_widget (&t, "label_row"), "Fact");
  g_assert_cmpstr (span->label, ==, "fact");
  g_assert_cmpstr (label_text (t.inspector, "heading_label"), ==, "Fact");
  g_assert_false (gtk_widget_get_visible (inspector_widget (&t, "speaker_group")));
  g_assert_true (attest_history_undo (fixture_history (&t.fixture)));
  g_assert_cmpstr (span->label, ==, "quote");
  g_assert_cmpstr (combo_text (t.inspector, "label_row"), ==, "Quote");
  g_assert_true (gtk_widget_get_visible (inspector_widget (&t, "speaker_group")));

  /* An attribute, then undo. */
  combo_select_string (inspector_widget (&t, "attr-kind"), "mixed");
  g_assert_cmpstr (attest_span_get_attr (span, "kind"), ==, "mixed");
  combo_select_string (inspector_widget (&t, "attr-kind"), "Not Set");
  g_assert_null (attest_span_get_attr (span, "kind"));
  g_assert_true (attest_history_undo (fixture_history (&t.fixture)));
  g_assert_true (attest_history_undo (fixture_history (&t.fixture)));
  g_assert_cmpstr (attest_span_get_attr (span, "kind"), ==, "direct");
  g_assert_cmpstr (combo_text (t.inspector, "attr-kind"), ==, "direct");

  inspect_clear (&t);
}

static void
set_note_text (Inspecting *t,
               const char *text)
{
  GtkTextView *view = GTK_TEXT_VIEW (inspector_widget (t, "note_view"));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static gboolean
note_is (gpointer data)
{
  gpointer *args = data;

  return g_strcmp0 (((AttestSpan *) args[0])->note, args[1]) == 0;
}

static void
test_inspector_note (void)
{
  Inspecting t;
  AttestSpan *span;
  gpointer args[2];
  gint64 deadline;

  inspect (&t, FALSE, "s5");
  span = lookup_span (&t.fixture, "s5");
  g_assert_null (span->note);

  /* Committed after a pause in typing. */
  set_note_text (&t, "Check the vehicle count");
  g_assert_null (span->note);
  args[0] = span;
  args[1] = (gpointer) "Check the vehicle count";
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!note_is (args) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (span->note, ==, "Check the vehicle count");

  /* And when the inspector moves on; quick edits are one undo step. */
  set_note_text (&t, "Check the vehicle count with the council");
  attest_inspector_set_span (ATTEST_INSPECTOR (t.inspector), "s8");
  g_assert_cmpstr (span->note, ==, "Check the vehicle count with the council");
  g_assert_true (attest_history_undo (fixture_history (&t.fixture)));
  g_assert_null (span->note);

  /* Undo shows in the text view of the span inspected. */
  attest_inspector_set_span (ATTEST_INSPECTOR (t.inspector), "s5");
  g_assert_true (attest_history_redo (fixture_history (&t.fixture)));
  {
    g_autofree char *text = view_text (t.inspector, "note_view");

    g_assert_cmpstr (text, ==, "Check the vehicle count with the council");
  }

  /* Hiding the sidebar keeps what was typed. */
  set_note_text (&t, "Ask the council");
  gtk_widget_set_visible (t.inspector, FALSE);
  g_assert_cmpstr (span->note, ==, "Ask the council");

  inspect_clear (&t);
}

static void
test_inspector_speaker (void)
{
  Inspecting t;

  inspect (&t, FALSE, "s5");
  g_assert_cmpuint (count_said_by (&t.fixture, "s5", "s7"), ==, 1);

  /* Another speaker replaces the link: still exactly one. */
  combo_select_string (inspector_widget (&t, "speaker_row"),
                       "Tomás Reyes (“Councillor Tomás Reyes”)");
  g_assert_cmpuint (count_said_by (&t.fixture, "s5", NULL), ==, 1);
  g_assert_cmpuint (count_said_by (&t.fixture, "s5", "s10"), ==, 1);
  g_assert_cmpstr (attest_history_get_undo_name (fixture_history (&t.fixture)), ==, "Link Speaker");

  /* One undo step puts the old speaker back. */
  g_assert_true (attest_history_undo (fixture_history (&t.fixture)));
  g_assert_cmpuint (count_said_by (&t.fixture, "s5", NULL), ==, 1);
  g_assert_cmpuint (count_said_by (&t.fixture, "s5", "s7"), ==, 1);
  g_assert_cmpstr (combo_text (t.inspector, "speaker_row"), ==,
                   "Ingrid Solberg (“Mayor Ingrid Solberg”)");

  /* None unlinks. */
  combo_select_string (inspector_widget (&t, "speaker_row"), "None");
  g_assert_cmpuint (count_said_by (&t.fixture, "s5", NULL), ==, 0);
  g_assert_false (gtk_widget_get_sensitive (inspector_widget (&t, "jump_button")));

  /* A new speaker span joins the list. */
  attest_history_add_span (fixture_history (&t.fixture), "speaker", 1190, 1199, "tester");
  combo_select_string (inspector_widget (&t, "speaker_row"), "Lena Park");
  g_assert_cmpuint (count_said_by (&t.fixture, "s5", NULL), ==, 1);

  inspect_clear (&t);
}

static void
test_inspector_entity (void)
{
  Inspecting t;
  AttestDocument *document;
  AttestEntity *entity;
  AttestSpan *span;
  guint n_entities;

  inspect (&t, FALSE, "s7");
  document = fixture_document (&t.fixture);
  span = lookup_span (&t.fixture, "s7");
  entity = attest_document_lookup_entity (document, "e2");
  n_entities = attest_document_get_n_entities (document);

  g_assert_true (gtk_widget_get_visible (inspector_widget (&t, "entity_group")));
  g_assert_false (gtk_widget_get_visible (inspector_widget (&t, "speaker_group")));
  g_assert_cmpstr (combo_text (t.inspector, "entity_row"), ==, "Ingrid Solberg");
  g_assert_cmpstr (entry_text (t.inspector, "name_row"), ==,
                   "Ingrid Solberg");
  g_assert_cmpstr (combo_text (t.inspector, "kind_row"), ==, "Person");
  g_assert_cmpstr (entry_text (t.inspector, "aliases_row"), ==,
                   "Mayor Ingrid Solberg");

  apply_entry (inspector_widget (&t, "name_row"), "Ingrid M. Solberg");
  g_assert_cmpstr (entity->name, ==, "Ingrid M. Solberg");

  /* A pasted address is taken as its id; anything else is refused. */
  apply_entry (inspector_widget (&t, "wikidata_row"), "https://www.wikidata.org/wiki/Q4242");
  g_assert_cmpstr (entity->wikidata, ==, "Q4242");
  g_assert_cmpstr (entry_text (t.inspector, "wikidata_row"), ==,
                   "Q4242");
  g_assert_true (gtk_widget_get_visible (inspector_widget (&t, "wikidata_link")));
  g_assert_cmpstr (gtk_link_button_get_uri (GTK_LINK_BUTTON (inspector_widget (&t,
                                                                               "wikidata_link"))),
                   ==, "https://www.wikidata.org/wiki/Q4242");
  apply_entry (inspector_widget (&t, "wikidata_row"), "Solberg");
  g_assert_cmpstr (entity->wikidata, ==, "Q4242");
  g_assert_true (gtk_widget_has_css_class (inspector_widget (&t, "wikidata_row"), "error"));
  apply_entry (inspector_widget (&t, "wikidata_row"), "q17");
  g_assert_cmpstr (entity->wikidata, ==, "Q17");
  g_assert_false (gtk_widget_has_css_class (inspector_widget (&t, "wikidata_row"), "error"));

  apply_entry (inspector_widget (&t, "aliases_row"), " Mayor Ingrid Solberg, the mayor ,, ");
  g_assert_cmpuint (g_strv_length (entity->aliases), ==, 2);
  g_assert_cmpstr (entity->aliases[1], ==, "the mayor");

  combo_select_string (inspector_widget (&t, "kind_row"), "Organisation");
  g_assert_cmpstr (entity->kind, ==, "organisation");

  /* The list of entities shows the new name. */
  g_assert_cmpstr (combo_text (t.inspector, "entity_row"), ==, "Ingrid M. Solberg");

  /* Undo, until the entity is as it was. */
  while (g_strcmp0 (entity->name, "Ingrid Solberg") != 0 ||
         entity->wikidata != NULL || g_strv_length (entity->aliases) != 1 ||
         g_strcmp0 (entity->kind, "person") != 0)
    g_assert_true (attest_history_undo (fixture_history (&t.fixture)));
  g_assert_cmpstr (entry_text (t.inspector, "name_row"), ==,
                   "Ingrid Solberg");
  g_assert_cmpstr (entry_text (t.inspector, "wikidata_row"), ==, "");
  g_assert_false (gtk_widget_get_visible (inspector_widget (&t, "wikidata_link")));

  /* Another entity, a new one, none. */
  combo_select_string (inspector_widget (&t, "entity_row"), "Amara Okafor");
  g_assert_cmpstr (span->entity, ==, "e4");
  combo_select_string (inspector_widget (&t, "entity_row"), "New Entity…");
  g_assert_cmpuint (attest_document_get_n_entities (document), ==, n_entities + 1);
  g_assert_nonnull (attest_document_lookup_entity (document, span->entity));
  g_assert_cmpstr (attest_document_lookup_entity (document, span->entity)->name, ==,
                   "Mayor Ingrid Solberg");
  g_assert_cmpstr (entry_text (t.inspector, "name_row"), ==,
                   "Mayor Ingrid Solberg");
  g_assert_true (attest_history_undo (fixture_history (&t.fixture)));
  g_assert_cmpuint (attest_document_get_n_entities (document), ==, n_entities);
  g_assert_cmpstr (span->entity, ==, "e4");
  combo_select_string (inspector_widget (&t, "entity_row"), "None");
  g_assert_null (span->entity);
  g_assert_false (gtk_widget_get_visible (inspector_widget (&t, "name_row")));

  inspect_clear (&t);
}

static void
test_inspector_removed (void)
{
  Inspecting t;
  GtkStack *stack;

  inspect (&t, FALSE, "s5");
  stack = GTK_STACK (inspector_widget (&t, "stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "span");

  attest_history_remove_span (fixture_history (&t.fixture), lookup_span (&t.fixture, "s5"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_true (attest_history_undo (fixture_history (&t.fixture)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "span");

  /* A span moved by undo shows its new text. */
  attest_history_move_span (fixture_history (&t.fixture), lookup_span (&t.fixture, "s5"), 192, 199);
  g_assert_cmpstr (label_text (t.inspector, "text_label"), ==, "We cann");
  g_assert_true (attest_history_undo (fixture_history (&t.fixture)));
  g_assert_cmpstr (label_text (t.inspector, "text_label"), ==,
                   "We cannot keep patching a structure that carries 62,000 vehicles a day,");

  attest_inspector_set_span (ATTEST_INSPECTOR (t.inspector), NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  attest_inspector_set_span (ATTEST_INSPECTOR (t.inspector), "no-such-span");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");

  inspect_clear (&t);
}

static void
test_inspector_read_only (void)
{
  static const char *fields[] = { "label_row", "attr-kind", "speaker_row", "note_frame" };
  Inspecting t;
  AttestSpan *span;

  inspect (&t, TRUE, "s5");
  span = lookup_span (&t.fixture, "s5");
  g_assert_cmpstr (stack_page (t.inspector), ==,
                   "span");

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_false (gtk_widget_get_sensitive (inspector_widget (&t, fields[i])));
  /* Going to the speaker changes nothing: it stays. */
  g_assert_true (gtk_widget_get_sensitive (inspector_widget (&t, "jump_button")));

  /* Even a change that reaches a field does not reach the document. */
  combo_select_string (inspector_widget (&t, "label_row"), "Fact");
  g_assert_cmpstr (span->label, ==, "quote");
  g_assert_false (attest_history_can_undo (fixture_history (&t.fixture)));

  attest_inspector_set_span (ATTEST_INSPECTOR (t.inspector), "s7");
  g_assert_false (gtk_widget_get_sensitive (inspector_widget (&t, "entity_row")));
  g_assert_false (gtk_widget_get_sensitive (inspector_widget (&t, "name_row")));
  g_assert_false (gtk_widget_get_sensitive (inspector_widget (&t, "wikidata_row")));

  inspect_clear (&t);
}

static void
assert_strings (GtkWidget          *row,
                const char * const *expected)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (row));

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, g_strv_length ((char **) expected));
  for (guint i = 0; expected[i] != NULL; i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      g_assert_cmpstr (gtk_string_object_get_string (item), ==, expected[i]);
    }
}

/* Speaker lists change by small edits and shifts, applied in place. */
static void
test_inspector_set_strings (void)
{
  GtkWidget *row = g_object_ref_sink (adw_combo_row_new ());
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  const char *cases[][8] = {
    { "None", "a", "b", "c", "d", NULL },
    { "None", "a", "b", "c", "d", NULL },        /* the same */
    { "None", "c", "d", "e", "f", NULL },        /* down the text */
    { "None", "a", "b", "c", "d", NULL },        /* up again */
    { "None", "a", "x", "c", "d", NULL },        /* one changed */
    { "None", NULL },
    { "None", "d", "d", "d", NULL },
    { "None", "d", "d", "e", NULL },
    { NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      _attest_inspector_set_strings (ADW_COMBO_ROW (row), cases[i]);
      assert_strings (row, cases[i]);
    }

  for (guint round = 0; round < 500; round++)
    {
      static const char *pool[] = { "a", "b", "c", "d", "e", "f" };
      const char *strings[12];
      guint n = g_rand_int_range (rand, 0, 11);

      for (guint i = 0; i < n; i++)
        strings[i] = pool[g_rand_int_range (rand, 0, G_N_ELEMENTS (pool))];
      strings[n] = NULL;
      _attest_inspector_set_strings (ADW_COMBO_ROW (row), strings);
      assert_strings (row, strings);
    }

  g_assert_finalize_object (row);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Links the generated resource code (and its constructor) into the test. */
  g_assert_nonnull (attest_gui_get_resource ());

  g_test_add_func ("/attest/gui/sidebar/model/random", test_model_random);
  g_test_add_func ("/attest/gui/sidebar/list/filter", test_list_filter);
  g_test_add_func ("/attest/gui/sidebar/list/activate", test_list_activate);
  g_test_add_func ("/attest/gui/sidebar/list/reload", test_list_reload);
  g_test_add_func ("/attest/gui/sidebar/inspector/quote", test_inspector_quote);
  g_test_add_func ("/attest/gui/sidebar/inspector/note", test_inspector_note);
  g_test_add_func ("/attest/gui/sidebar/inspector/speaker", test_inspector_speaker);
  g_test_add_func ("/attest/gui/sidebar/inspector/entity", test_inspector_entity);
  g_test_add_func ("/attest/gui/sidebar/inspector/removed", test_inspector_removed);
  g_test_add_func ("/attest/gui/sidebar/inspector/read-only", test_inspector_read_only);
  g_test_add_func ("/attest/gui/sidebar/inspector/set-strings", test_inspector_set_strings);

  return g_test_run ();
}
