/* test-corpus-sidebar.c: the folder sidebar, in-process under Xvfb
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "attest-corpus-sidebar.h"
#include "attest-gui-resources.h"

typedef gboolean (*Condition) (gpointer data);

typedef struct
{
  char                *root;
  GFile               *folder;
  GtkWindow           *window;
  AttestCorpusSidebar *sidebar;
  GPtrArray           *activated;    /* of GFile */
} Fixture;

static gboolean
wait_for (Condition condition,
          gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  return TRUE;
}

static void
flush (void)
{
  for (guint i = 0; i < 20; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static void
write_file (const char *root,
            const char *relative,
            const char *contents)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

static AttestDocument *
make_document (const char   *text,
               AttestStatus  status,
               const char   *labels)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestText) atext = attest_text_new (text, -1, &error);
  AttestDocument *document;

  g_assert_no_error (error);
  document = attest_document_new (atext);
  attest_document_set_status (document, status);

  for (guint i = 0; labels[i] != '\0'; i++)
    {
      const char *label = labels[i] == 'q' ? "quote" : labels[i] == 's' ? "speaker" :
                          labels[i] == 'f' ? "fact" : "claim";

      attest_document_add_span (document, attest_span_new (NULL, label, i, i + 1), &error);
      g_assert_no_error (error);
    }

  return document;
}

static void
write_article (const char   *root,
               const char   *relative,
               const char   *text,
               AttestStatus  status,
               const char   *labels)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autofree char *sidecar_path = attest_sidecar_path_for_article (path);
  g_autoptr(GFile) sidecar = g_file_new_for_path (sidecar_path);
  g_autoptr(AttestDocument) document = make_document (text, status, labels);
  g_autoptr(GError) error = NULL;

  write_file (root, relative, text);
  attest_sidecar_save (document, sidecar, NULL, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }

  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }

  g_rmdir (path);
}

static GFile *
article (Fixture    *f,
         const char *relative)
{
  g_autofree char *path = g_build_filename (f->root, relative, NULL);

  return g_file_new_for_path (path);
}

static void
on_activated (AttestCorpusSidebar *sidebar,
              GFile               *file,
              Fixture             *f)
{
  g_ptr_array_add (f->activated, g_object_ref (file));
}

static gpointer
child (Fixture    *f,
       const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (f->sidebar), ATTEST_TYPE_CORPUS_SIDEBAR, name);
}

static const char *
page (Fixture *f)
{
  return gtk_stack_get_visible_child_name (child (f, "stack"));
}

static gboolean
is_listed (gpointer data)
{
  Fixture *f = data;

  return g_strcmp0 (page (f), "list") == 0;
}

typedef struct
{
  Fixture *f;
  guint    n;
} Count;

static gboolean
lists_n (gpointer data)
{
  Count *c = data;
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (child (c->f, "list_view")));

  return g_list_model_get_n_items (model) == c->n;
}

static gboolean
is_settled (gpointer data)
{
  Fixture *f = data;
  const char *name = page (f);

  return g_strcmp0 (name, "loading") != 0;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->root = g_dir_make_tmp ("attest-corpus-sidebar-XXXXXX", NULL);
  g_assert_nonnull (f->root);
  f->folder = g_file_new_for_path (f->root);
  f->activated = g_ptr_array_new_with_free_func (g_object_unref);

  /* "10" after "2": natural order. */
  write_article (f->root, "2 bridge.txt", "Harbour bridge repairs\nBody.\n",
                 ATTEST_STATUS_DONE, "qqsf");
  write_article (f->root, "10 budget.txt", "Council budget vote\nBody.\n",
                 ATTEST_STATUS_IN_PROGRESS, "qx");
  write_file (f->root, "archive/3 festival.md", "# Festival opens\n\nBody.\n");
  write_file (f->root, "broken.txt", "Damaged annotations\n");
  write_file (f->root, "broken.txt.attest.json", "{ \"format\": ");
  write_file (f->root, ".hidden/secret.txt", "Not listed\n");

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 320, 600);
  f->sidebar = ATTEST_CORPUS_SIDEBAR (attest_corpus_sidebar_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->sidebar));
  g_signal_connect (f->sidebar, "article-activated", G_CALLBACK (on_activated), f);
  gtk_window_present (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (f->sidebar), (gpointer *) &f->sidebar);
  gtk_window_destroy (f->window);
  flush ();
  /* The sidebar went with its window: no scan or timeout kept it. */
  g_assert_null (f->sidebar);

  remove_tree (f->root);
  g_clear_pointer (&f->root, g_free);
  g_clear_object (&f->folder);
  g_clear_pointer (&f->activated, g_ptr_array_unref);
}

static void
open_folder (Fixture *f)
{
  attest_corpus_sidebar_set_folder (f->sidebar, f->folder);
  g_assert_true (attest_corpus_sidebar_get_folder (f->sidebar) == f->folder);
  g_assert_true (wait_for (is_listed, f));
  flush ();
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (texts, (gpointer) gtk_label_get_label (GTK_LABEL (widget)));

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_labels (c, texts);
}

static gboolean
shows (Fixture    *f,
       const char *text)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  collect_labels (child (f, "list_view"), texts);
  for (guint i = 0; i < texts->len; i++)
    if (g_str_equal (texts->pdata[i], text))
      return TRUE;

  return FALSE;
}

typedef struct
{
  Fixture    *f;
  const char *text;
} Shows;

static gboolean
shows_cb (gpointer data)
{
  Shows *s = data;

  return shows (s->f, s->text);
}

/* The list draws rows on the next frame. */
static gboolean
wait_for_text (Fixture    *f,
               const char *text)
{
  Shows s = { f, text };

  return wait_for (shows_cb, &s);
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_str_equal (gtk_label_get_label (GTK_LABEL (widget)), text))
    return widget;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label (c, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_rows (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *base = g_path_get_basename (f->root);
  GListModel *model;

  open_folder (f);

  model = G_LIST_MODEL (gtk_list_view_get_model (child (f, "list_view")));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);

  g_assert_cmpstr (gtk_label_get_label (child (f, "folder_label")), ==, base);
  g_assert_true (gtk_widget_get_visible (child (f, "progress_bar")));
  g_assert_cmpstr (gtk_progress_bar_get_text (child (f, "progress_bar")), ==, "1 of 4 done");
  g_assert_cmpfloat_with_epsilon (gtk_progress_bar_get_fraction (child (f, "progress_bar")),
                                  0.25, 1e-9);

  /* Titles, and counts in the tag set's order then unknown labels. */
  g_assert_true (shows (f, "Harbour bridge repairs"));
  g_assert_true (shows (f, "2 quotes · 1 speaker · 1 fact"));
  g_assert_true (shows (f, "Council budget vote"));
  g_assert_true (shows (f, "1 quote · claim: 1"));
  g_assert_true (shows (f, "Festival opens"));
  g_assert_true (shows (f, "No annotations"));
  g_assert_true (shows (f, "Damaged annotations"));
  g_assert_true (shows (f, "Cannot read the annotations"));
  g_assert_false (shows (f, "Not listed"));

  /* Natural order: "2 …" before "10 …", then the folder, then "broken". */
  {
    const char *expected[] = {
      "2 bridge.txt", "10 budget.txt", "archive/3 festival.md", "broken.txt"
    };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        g_autoptr(AttestCorpusEntry) entry = g_list_model_get_item (model, i);

        g_assert_cmpstr (attest_corpus_entry_get_relative_path (entry), ==, expected[i]);
      }
  }
}

static void
test_current (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GFile) budget = article (f, "10 budget.txt");
  g_autoptr(GFile) bridge = article (f, "2 bridge.txt");
  GtkSelectionModel *selection;
  GtkWidget *title;

  /* Set before the scan finishes: the row is highlighted once it is there. */
  attest_corpus_sidebar_set_current (f->sidebar, budget);
  open_folder (f);

  selection = gtk_list_view_get_model (child (f, "list_view"));
  g_assert_false (gtk_selection_model_is_selected (selection, 0));
  g_assert_true (gtk_selection_model_is_selected (selection, 1));

  title = find_label (child (f, "list_view"), "Council budget vote");
  g_assert_nonnull (title);
  g_assert_true (gtk_widget_has_css_class (title, "heading"));
  g_assert_false (gtk_widget_has_css_class (find_label (child (f, "list_view"),
                                                        "Harbour bridge repairs"),
                                            "heading"));

  /* Hovering, clicking and arrow keys cannot move the highlight. */
  g_assert_false (gtk_selection_model_select_item (selection, 0, TRUE));
  g_assert_false (gtk_selection_model_unselect_item (selection, 1));
  g_assert_true (gtk_selection_model_is_selected (selection, 1));

  attest_corpus_sidebar_set_current (f->sidebar, bridge);
  flush ();
  g_assert_true (gtk_selection_model_is_selected (selection, 0));
  g_assert_false (gtk_selection_model_is_selected (selection, 1));
  g_assert_false (gtk_widget_has_css_class (title, "heading"));
}

static void
test_activate (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GFile) bridge = article (f, "2 bridge.txt");
  g_autoptr(GFile) festival = article (f, "archive/3 festival.md");
  GtkWidget *focus;

  open_folder (f);
  attest_corpus_sidebar_set_current (f->sidebar, bridge);

  /* A click or Enter on a row. */
  gtk_widget_activate_action (child (f, "list_view"), "list.activate-item", "u", 2);
  g_assert_cmpuint (f->activated->len, ==, 1);
  g_assert_true (g_file_equal (f->activated->pdata[0], festival));

  /* The open article is not opened again (the second click of a double
   * click). */
  gtk_widget_activate_action (child (f, "list_view"), "list.activate-item", "u", 0);
  g_assert_cmpuint (f->activated->len, ==, 1);

  /* Focus coming in (F6) lands on the list, at the open article… */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (f->sidebar)));
  flush ();
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  g_assert_true (focus == child (f, "list_view") ||
                 gtk_widget_is_ancestor (focus, child (f, "list_view")));
  g_assert_nonnull (find_label (focus, "Harbour bridge repairs"));

  /* …and so does Tab from outside, rather than the search entry. */
  gtk_root_set_focus (GTK_ROOT (f->window), NULL);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->sidebar), GTK_DIR_TAB_FORWARD));
  flush ();
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (find_label (focus, "Harbour bridge repairs"));

  /* Enter in the search field opens the first match. */
  gtk_editable_set_text (child (f, "search_entry"), "festival");
  g_signal_emit_by_name (child (f, "search_entry"), "activate");
  g_assert_cmpuint (f->activated->len, ==, 2);
  g_assert_true (g_file_equal (f->activated->pdata[1], festival));
}

static gboolean
shows_no_results (gpointer data)
{
  return g_strcmp0 (page (data), "no-results") == 0;
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  Count c = { f, 1 };

  open_folder (f);

  /* By title, ignoring case… */
  gtk_editable_set_text (child (f, "search_entry"), "COUNCIL");
  g_assert_true (wait_for (lists_n, &c));
  g_assert_true (shows (f, "Council budget vote"));

  /* …or by file name. */
  gtk_editable_set_text (child (f, "search_entry"), "archive/");
  g_assert_true (wait_for (lists_n, &c));
  g_assert_true (wait_for_text (f, "Festival opens"));
  g_assert_false (shows (f, "Council budget vote"));

  gtk_editable_set_text (child (f, "search_entry"), "no such article");
  g_assert_true (wait_for (shows_no_results, f));
  c.n = 0;
  g_assert_true (lists_n (&c));

  gtk_editable_set_text (child (f, "search_entry"), "");
  g_assert_true (wait_for (is_listed, f));
  c.n = 4;
  g_assert_true (wait_for (lists_n, &c));

  /* The progress counts the whole folder, whatever the search shows. */
  g_assert_cmpstr (gtk_progress_bar_get_text (child (f, "progress_bar")), ==, "1 of 4 done");
}

static void
test_neighbours (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GFile) bridge = article (f, "2 bridge.txt");
  g_autoptr(GFile) budget = article (f, "10 budget.txt");
  g_autoptr(GFile) festival = article (f, "archive/3 festival.md");
  g_autoptr(GFile) broken = article (f, "broken.txt");
  g_autoptr(GFile) outside = article (f, "not-there.txt");
  g_autoptr(GFile) next = NULL;
  g_autoptr(GFile) prev = NULL;
  g_autoptr(GFile) none = NULL;
  g_autoptr(GFile) undone = NULL;
  g_autoptr(GFile) wrapped = NULL;

  /* Nothing before the scan. */
  g_assert_null (attest_corpus_sidebar_get_neighbour (f->sidebar, bridge, TRUE));
  open_folder (f);

  next = attest_corpus_sidebar_get_neighbour (f->sidebar, bridge, TRUE);
  g_assert_true (g_file_equal (next, budget));
  prev = attest_corpus_sidebar_get_neighbour (f->sidebar, festival, FALSE);
  g_assert_true (g_file_equal (prev, budget));
  g_assert_null (attest_corpus_sidebar_get_neighbour (f->sidebar, bridge, FALSE));
  none = attest_corpus_sidebar_get_neighbour (f->sidebar, broken, TRUE);
  g_assert_null (none);
  g_assert_null (attest_corpus_sidebar_get_neighbour (f->sidebar, outside, TRUE));

  /* After the in-progress budget comes the new festival… */
  undone = attest_corpus_sidebar_get_next_undone (f->sidebar, budget);
  g_assert_true (g_file_equal (undone, festival));
  /* …and after the last one it wraps, skipping the done bridge. */
  wrapped = attest_corpus_sidebar_get_next_undone (f->sidebar, broken);
  g_assert_true (g_file_equal (wrapped, budget));
}

static gboolean
progress_is (gpointer data)
{
  Shows *s = data;

  return g_strcmp0 (gtk_progress_bar_get_text (child (s->f, "progress_bar")), s->text) == 0;
}

static void
test_update (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GFile) festival = article (f, "archive/3 festival.md");
  g_autoptr(GFile) budget = article (f, "10 budget.txt");
  g_autoptr(AttestDocument) document = make_document ("# Festival opens\n\nBody.\n",
                                                      ATTEST_STATUS_DONE, "ssf");
  g_autoptr(AttestDocument) budget_document = make_document ("Council budget vote\nBody.\n",
                                                             ATTEST_STATUS_DONE, "q");
  g_autoptr(GFile) undone = NULL;
  Shows s = { f, "2 of 4 done" };

  open_folder (f);

  /* Edits arrive many times a second; the row follows once they pause. */
  attest_corpus_sidebar_update (f->sidebar, festival, document);
  g_assert_cmpstr (gtk_progress_bar_get_text (child (f, "progress_bar")), ==, "1 of 4 done");
  g_assert_true (wait_for (progress_is, &s));
  flush ();
  g_assert_true (shows (f, "2 speakers · 1 fact"));

  /* Another article's update first brings the pending one up to date. */
  attest_document_set_status (document, ATTEST_STATUS_IN_PROGRESS);
  attest_corpus_sidebar_update (f->sidebar, festival, document);
  attest_corpus_sidebar_update (f->sidebar, budget, budget_document);
  g_assert_cmpstr (gtk_progress_bar_get_text (child (f, "progress_bar")), ==, "1 of 4 done");
  s.text = "2 of 4 done";
  g_assert_true (wait_for (progress_is, &s));

  undone = attest_corpus_sidebar_get_next_undone (f->sidebar, NULL);
  g_assert_true (g_file_equal (undone, festival));
}

static void
test_empty_and_error (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GFile) empty = article (f, "archive/empty");
  g_autoptr(GFile) missing = article (f, "missing");
  g_autofree char *empty_path = g_file_get_path (empty);
  AdwStatusPage *error_page;

  g_assert_cmpint (g_mkdir (empty_path, 0755), ==, 0);

  attest_corpus_sidebar_set_folder (f->sidebar, empty);
  g_assert_true (wait_for (is_settled, f));
  g_assert_cmpstr (page (f), ==, "empty");
  g_assert_false (gtk_widget_get_visible (child (f, "progress_bar")));
  g_assert_false (gtk_widget_get_sensitive (child (f, "search_entry")));

  attest_corpus_sidebar_set_folder (f->sidebar, missing);
  g_assert_true (wait_for (is_settled, f));
  g_assert_cmpstr (page (f), ==, "error");
  error_page = child (f, "error_page");
  g_assert_nonnull (adw_status_page_get_description (error_page));

  /* Try Again reads the folder afresh: now it is there. */
  write_file (f->root, "missing/found.txt", "Found it\n");
  gtk_widget_activate_action (GTK_WIDGET (f->sidebar), "corpus.reload", NULL);
  g_assert_true (wait_for (is_listed, f));
  g_assert_cmpstr (gtk_progress_bar_get_text (child (f, "progress_bar")), ==, "0 of 1 done");

  /* No folder: nothing listed, nothing to search. */
  attest_corpus_sidebar_set_folder (f->sidebar, NULL);
  g_assert_null (attest_corpus_sidebar_get_folder (f->sidebar));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (child (f, "list_view")))),
                    ==, 0);
  g_assert_false (gtk_widget_get_visible (child (f, "progress_bar")));
}

static void
test_rescan (Fixture       *f,
             gconstpointer  data)
{
  Shows s = { f, "1 of 5 done" };

  open_folder (f);

  /* Opening the same folder again reads it afresh. */
  write_file (f->root, "new.txt", "A new article\n");
  attest_corpus_sidebar_set_folder (f->sidebar, f->folder);
  g_assert_true (wait_for (progress_is, &s));
  flush ();
  g_assert_true (shows (f, "A new article"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Links the generated resource code (and its constructor) into the test. */
  g_assert_nonnull (attest_gui_get_resource ());

#define ADD(path, func) \
  g_test_add ("/attest/gui/corpus-sidebar/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("rows", test_rows);
  ADD ("current", test_current);
  ADD ("activate", test_activate);
  ADD ("search", test_search);
  ADD ("neighbours", test_neighbours);
  ADD ("update", test_update);
  ADD ("empty-and-error", test_empty_and_error);
  ADD ("rescan", test_rescan);

#undef ADD

  return g_test_run ();
}
