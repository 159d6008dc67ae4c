/* test-corpus.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "attest-core.h"

typedef struct
{
  char  *root;
  GFile *folder;
} Fixture;

static void
write_file (const char *root,
            const char *relative,
            const char *contents,
            gssize      len)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
}

/* Writes @relative's sidecar through the core's own writer, as the app
 * would: @labels is a string of label initials, one span each. */
static void
write_sidecar (const char   *root,
               const char   *relative,
               const char   *text,
               AttestStatus  status,
               const char   *title,
               const char   *labels)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autofree char *sidecar_path = attest_sidecar_path_for_article (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GFile) sidecar = g_file_new_for_path (sidecar_path);
  g_autoptr(AttestText) atext = NULL;
  g_autoptr(AttestDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  write_file (root, relative, text, -1);

  atext = attest_text_new (text, -1, &error);
  g_assert_no_error (error);
  document = attest_document_new (atext);
  attest_document_set_file_name (document, base);
  attest_document_set_status (document, status);
  if (title != NULL)
    attest_document_set_meta (document, "title", title);

  for (guint i = 0; labels[i] != '\0'; i++)
    {
      const char *label = labels[i] == 'q' ? "quote" : labels[i] == 's' ? "speaker" : "fact";
      AttestSpan *span = attest_span_new (NULL, label, i, i + 1);

      attest_document_add_span (document, span, &error);
      g_assert_no_error (error);
    }

  attest_sidecar_save (document, sidecar, NULL, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
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

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->root = g_dir_make_tmp ("attest-corpus-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->folder = g_file_new_for_path (fixture->root);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->root);
  g_clear_pointer (&fixture->root, g_free);
  g_clear_object (&fixture->folder);
}

static AttestCorpusEntry *
get_entry (AttestCorpus *corpus,
           const char   *relative)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (corpus));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AttestCorpusEntry) entry = g_list_model_get_item (G_LIST_MODEL (corpus), i);

      if (g_strcmp0 (attest_corpus_entry_get_relative_path (entry), relative) == 0)
        return entry;
    }

  return NULL;
}

static char *
list_paths (AttestCorpus *corpus)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (corpus));
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AttestCorpusEntry) entry = g_list_model_get_item (G_LIST_MODEL (corpus), i);

      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, attest_corpus_entry_get_relative_path (entry));
    }

  return g_string_free (out, FALSE);
}

static void
test_walk_and_order (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(AttestCorpus) corpus = attest_corpus_new (fixture->folder);
  g_autoptr(GError) error = NULL;
  g_autofree char *paths = NULL;

  write_file (fixture->root, "10.txt", "Ten\n", -1);
  write_file (fixture->root, "2.txt", "Two\n", -1);
  write_file (fixture->root, "notes.md", "# Notes\n", -1);
  write_file (fixture->root, "cover.pdf", "%PDF", -1);
  write_file (fixture->root, "README", "not an article", -1);
  write_file (fixture->root, "draft.txt~", "a backup", -1);
  write_file (fixture->root, ".hidden.txt", "hidden", -1);
  write_file (fixture->root, ".git/objects/x.txt", "inside a hidden folder", -1);
  write_file (fixture->root, "week 2/b.txt", "Nested\n", -1);
  write_file (fixture->root, "week 10/a.txt", "Nested\n", -1);
  write_file (fixture->root, "week 2/deeper/c/3.txt", "Deep\n", -1);
  write_file (fixture->root, "week 2/deeper/.drafts/4.txt", "hidden\n", -1);
  write_file (fixture->root, "empty/.keep", "", -1);

  g_assert_true (attest_corpus_scan (corpus, NULL, &error));
  g_assert_no_error (error);

  paths = list_paths (corpus);
  g_assert_cmpstr (paths, ==,
                   "2.txt 10.txt notes.md week 2/b.txt week 2/deeper/c/3.txt week 10/a.txt");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (corpus)), ==, 6);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (corpus)) == ATTEST_TYPE_CORPUS_ENTRY);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (corpus), 6));

  /* Lookup by file finds the same entry at the same position. */
  {
    g_autofree char *path = g_build_filename (fixture->root, "week 10", "a.txt", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GFile) missing = g_file_get_child (fixture->folder, ".hidden.txt");
    AttestCorpusEntry *entry;
    guint position = 0;

    entry = attest_corpus_lookup (corpus, file, &position);
    g_assert_nonnull (entry);
    g_assert_cmpuint (position, ==, 5);
    g_assert_true (g_file_equal (attest_corpus_entry_get_file (entry), file));
    g_assert_null (attest_corpus_lookup (corpus, missing, NULL));
  }
}

static void
test_compare_paths (void)
{
  g_assert_cmpint (attest_corpus_compare_paths ("2.txt", "10.txt"), <, 0);
  g_assert_cmpint (attest_corpus_compare_paths ("10.txt", "2.txt"), >, 0);
  g_assert_cmpint (attest_corpus_compare_paths ("a/2.txt", "a/10.txt"), <, 0);
  g_assert_cmpint (attest_corpus_compare_paths ("a/10.txt", "b.txt"), <, 0);
  g_assert_cmpint (attest_corpus_compare_paths ("day 9/x.txt", "day 10/a.txt"), <, 0);
  g_assert_cmpint (attest_corpus_compare_paths ("a/b.txt", "a/b.txt"), ==, 0);
  g_assert_cmpint (attest_corpus_compare_paths ("a", "a/b.txt"), <, 0);
}

static void
test_titles (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(AttestCorpus) corpus = attest_corpus_new (fixture->folder);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_line = g_string_new (NULL);
  /* "Zürich ☕" in UTF-16LE with a BOM, then a newline. */
  static const char utf16[] = "\xFF\xFE" "Z\0\xFC\0r\0i\0c\0h\0 \0\x15\x26\n\0B\0";

  for (guint i = 0; i < 40; i++)
    g_string_append (long_line, "A first line that goes on ");
  g_string_append (long_line, "\nSecond line.\n");

  write_file (fixture->root, "plain.txt", "\n\n  Council approves budget  \r\nBody text.\n", -1);
  write_file (fixture->root, "bom.txt", "\xEF\xBB\xBFÉlections : résultats\nCorps.\n", -1);
  write_file (fixture->root, "heading.md", "## Mayor resigns ##\n\nText.\n", -1);
  write_file (fixture->root, "long.txt", long_line->str, -1);
  write_file (fixture->root, "blank.txt", "\n\n   \n", -1);
  write_file (fixture->root, "binary.txt", "PNG\0\0\0", 6);
  write_file (fixture->root, "utf16.txt", utf16, sizeof utf16 - 1);
  write_sidecar (fixture->root, "meta.txt", "First line here\nBody.\n",
                 ATTEST_STATUS_IN_PROGRESS, "The meta title", "");
  write_sidecar (fixture->root, "nometa.txt", "Headline from the sidecar text\nBody.\n",
                 ATTEST_STATUS_IN_PROGRESS, NULL, "");

  g_assert_true (attest_corpus_scan (corpus, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (attest_corpus_entry_get_title (get_entry (corpus, "plain.txt")), ==,
                   "Council approves budget");
  g_assert_cmpstr (attest_corpus_entry_get_title (get_entry (corpus, "bom.txt")), ==,
                   "Élections : résultats");
  g_assert_cmpstr (attest_corpus_entry_get_title (get_entry (corpus, "heading.md")), ==,
                   "Mayor resigns");
  g_assert_cmpstr (attest_corpus_entry_get_title (get_entry (corpus, "long.txt")), ==,
                   "long.txt");
  g_assert_cmpstr (attest_corpus_entry_get_title (get_entry (corpus, "blank.txt")), ==,
                   "blank.txt");
  g_assert_cmpstr (attest_corpus_entry_get_title (get_entry (corpus, "binary.txt")), ==,
                   "binary.txt");
  g_assert_cmpstr (attest_corpus_entry_get_title (get_entry (corpus, "utf16.txt")), ==,
                   "Zürich ☕");
  g_assert_cmpstr (attest_corpus_entry_get_title (get_entry (corpus, "meta.txt")), ==,
                   "The meta title");
  g_assert_cmpstr (attest_corpus_entry_get_title (get_entry (corpus, "nometa.txt")), ==,
                   "Headline from the sidecar text");
}

static void
test_status_and_counts (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(AttestCorpus) corpus = attest_corpus_new (fixture->folder);
  g_autoptr(GError) error = NULL;
  AttestCorpusEntry *entry;
  guint count = 0;

  write_sidecar (fixture->root, "a.txt", "Quotes and speakers here.\n",
                 ATTEST_STATUS_DONE, NULL, "qqsqf");
  write_sidecar (fixture->root, "b.txt", "Started on this one.\n",
                 ATTEST_STATUS_IN_PROGRESS, NULL, "s");
  write_sidecar (fixture->root, "c/d.txt", "Done and empty.\n",
                 ATTEST_STATUS_DONE, NULL, "");
  write_file (fixture->root, "e.txt", "Never opened.\n", -1);

  g_assert_true (attest_corpus_scan (corpus, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (corpus)), ==, 4);
  g_assert_cmpuint (attest_corpus_get_n_done (corpus), ==, 2);
  g_assert_nonnull (attest_corpus_get_tagset (corpus));
  g_assert_nonnull (attest_tagset_lookup_label (attest_corpus_get_tagset (corpus), "quote"));

  entry = get_entry (corpus, "a.txt");
  g_assert_cmpuint (attest_corpus_entry_get_status (entry), ==, ATTEST_STATUS_DONE);
  g_assert_cmpuint (attest_corpus_entry_get_n_spans (entry), ==, 5);
  g_assert_cmpuint (attest_corpus_entry_get_count (entry, "quote"), ==, 3);
  g_assert_cmpuint (attest_corpus_entry_get_count (entry, "speaker"), ==, 1);
  g_assert_cmpuint (attest_corpus_entry_get_count (entry, "fact"), ==, 1);
  g_assert_cmpuint (attest_corpus_entry_get_count (entry, "source"), ==, 0);
  g_assert_cmpuint (attest_corpus_entry_get_n_labels (entry), ==, 3);
  g_assert_cmpstr (attest_corpus_entry_get_label (entry, 0, &count), ==, "fact");
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpstr (attest_corpus_entry_get_label (entry, 1, &count), ==, "quote");
  g_assert_cmpuint (count, ==, 3);
  g_assert_cmpstr (attest_corpus_entry_get_label (entry, 2, NULL), ==, "speaker");
  g_assert_null (attest_corpus_entry_get_error (entry));

  entry = get_entry (corpus, "b.txt");
  g_assert_cmpuint (attest_corpus_entry_get_status (entry), ==, ATTEST_STATUS_IN_PROGRESS);
  g_assert_cmpuint (attest_corpus_entry_get_n_spans (entry), ==, 1);

  entry = get_entry (corpus, "c/d.txt");
  g_assert_cmpuint (attest_corpus_entry_get_status (entry), ==, ATTEST_STATUS_DONE);
  g_assert_cmpuint (attest_corpus_entry_get_n_spans (entry), ==, 0);
  g_assert_cmpuint (attest_corpus_entry_get_n_labels (entry), ==, 0);

  entry = get_entry (corpus, "e.txt");
  g_assert_cmpuint (attest_corpus_entry_get_status (entry), ==, ATTEST_STATUS_NEW);
  g_assert_cmpuint (attest_corpus_entry_get_n_spans (entry), ==, 0);
  g_assert_null (attest_corpus_entry_get_error (entry));
}

static void
test_broken_sidecar (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(AttestCorpus) corpus = attest_corpus_new (fixture->folder);
  g_autoptr(GError) error = NULL;
  AttestCorpusEntry *entry;
  const char *message;

  write_sidecar (fixture->root, "good.txt", "Fine.\n", ATTEST_STATUS_DONE, NULL, "q");
  write_file (fixture->root, "broken.txt", "Its sidecar is damaged\nBody.\n", -1);
  write_file (fixture->root, "broken.txt.attest.json",
              "{\n  \"format\": \"attest\",\n  \"version\": 1,\n  oops\n", -1);
  write_file (fixture->root, "orphan.txt.attest.json", "{}", -1);

  g_assert_true (attest_corpus_scan (corpus, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (corpus)), ==, 2);

  entry = get_entry (corpus, "broken.txt");
  message = attest_corpus_entry_get_error (entry);
  g_assert_nonnull (message);
  /* The reader's message names the file and where it broke. */
  g_assert_true (strstr (message, "broken.txt.attest.json") != NULL);
  g_assert_true (strstr (message, "line 4") != NULL);
  g_assert_cmpuint (attest_corpus_entry_get_status (entry), ==, ATTEST_STATUS_NEW);
  g_assert_cmpstr (attest_corpus_entry_get_title (entry), ==, "Its sidecar is damaged");

  entry = get_entry (corpus, "good.txt");
  g_assert_null (attest_corpus_entry_get_error (entry));
  g_assert_cmpuint (attest_corpus_entry_get_count (entry, "quote"), ==, 1);
  g_assert_cmpuint (attest_corpus_get_n_done (corpus), ==, 1);
}

static void
test_missing_folder (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GFile) missing = g_file_get_child (fixture->folder, "no-such-folder");
  g_autoptr(AttestCorpus) corpus = attest_corpus_new (missing);
  g_autoptr(GError) error = NULL;

  g_assert_false (attest_corpus_scan (corpus, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (corpus)), ==, 0);
  g_assert_false (attest_corpus_get_scanning (corpus));
}

static void
test_symlink_loop (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(AttestCorpus) corpus = attest_corpus_new (fixture->folder);
  g_autoptr(GError) error = NULL;
  g_autofree char *link = g_build_filename (fixture->root, "a", "up", NULL);
  g_autofree char *paths = NULL;

  write_file (fixture->root, "a/one.txt", "One\n", -1);
  write_file (fixture->root, "two.txt", "Two\n", -1);
  g_assert_cmpint (symlink ("..", link), ==, 0);

  g_assert_true (attest_corpus_scan (corpus, NULL, &error));
  g_assert_no_error (error);

  /* The link back to the root is not walked again. */
  paths = list_paths (corpus);
  g_assert_cmpstr (paths, ==, "a/one.txt two.txt");
}

typedef struct
{
  GMainLoop *loop;
  guint      pending;
  guint      n_ok;
  guint      n_cancelled;
  guint      items_changed;
  guint      scanning_notifies;
} AsyncState;

static void
scan_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  AsyncState *state = user_data;
  g_autoptr(GError) error = NULL;

  if (attest_corpus_scan_finish (ATTEST_CORPUS (object), result, &error))
    {
      g_assert_no_error (error);
      state->n_ok++;
    }
  else
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      state->n_cancelled++;
    }

  if (--state->pending == 0)
    g_main_loop_quit (state->loop);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  AsyncState *state)
{
  state->items_changed++;
}

static void
on_scanning (AttestCorpus *corpus,
             GParamSpec   *pspec,
             AsyncState   *state)
{
  state->scanning_notifies++;
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(AttestCorpus) corpus = attest_corpus_new (fixture->folder);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncState state = { 0 };

  write_sidecar (fixture->root, "x.txt", "Article x.\n", ATTEST_STATUS_DONE, NULL, "qs");
  write_file (fixture->root, "y.txt", "Article y.\n", -1);

  state.loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (corpus, "items-changed", G_CALLBACK (on_items_changed), &state);
  g_signal_connect (corpus, "notify::scanning", G_CALLBACK (on_scanning), &state);

  state.pending = 1;
  attest_corpus_scan_async (corpus, NULL, scan_cb, &state);
  g_assert_true (attest_corpus_get_scanning (corpus));
  /* Off the main thread: nothing is there until the loop runs. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (corpus)), ==, 0);
  g_main_loop_run (state.loop);

  g_assert_cmpuint (state.n_ok, ==, 1);
  g_assert_false (attest_corpus_get_scanning (corpus));
  g_assert_cmpuint (state.scanning_notifies, ==, 2);
  g_assert_cmpuint (state.items_changed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (corpus)), ==, 2);
  g_assert_cmpuint (attest_corpus_get_n_done (corpus), ==, 1);

  /* A cancelled scan reports so and leaves the entries alone. */
  write_file (fixture->root, "z.txt", "Article z.\n", -1);
  g_cancellable_cancel (cancellable);
  state.pending = 1;
  attest_corpus_scan_async (corpus, cancellable, scan_cb, &state);
  g_main_loop_run (state.loop);
  g_assert_cmpuint (state.n_cancelled, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (corpus)), ==, 2);
  g_assert_cmpuint (state.items_changed, ==, 1);

  /* A second scan supersedes the first: only the second one lands. */
  state.pending = 2;
  attest_corpus_scan_async (corpus, NULL, scan_cb, &state);
  attest_corpus_scan_async (corpus, NULL, scan_cb, &state);
  g_main_loop_run (state.loop);
  g_assert_cmpuint (state.n_cancelled, ==, 2);
  g_assert_cmpuint (state.n_ok, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (corpus)), ==, 3);
  g_assert_cmpuint (state.items_changed, ==, 2);
  g_assert_false (attest_corpus_get_scanning (corpus));

  g_main_loop_unref (state.loop);
}

typedef struct
{
  guint status;
  guint n_spans;
  guint title;
  guint error;
  guint n_done;
} Notifies;

static void
on_entry_notify (GObject    *object,
                 GParamSpec *pspec,
                 Notifies   *n)
{
  if (g_str_equal (pspec->name, "status"))
    n->status++;
  else if (g_str_equal (pspec->name, "n-spans"))
    n->n_spans++;
  else if (g_str_equal (pspec->name, "title"))
    n->title++;
  else if (g_str_equal (pspec->name, "error"))
    n->error++;
}

static void
on_n_done (AttestCorpus *corpus,
           GParamSpec   *pspec,
           Notifies     *n)
{
  n->n_done++;
}

static void
test_update_entry (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(AttestCorpus) corpus = attest_corpus_new (fixture->folder);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestText) text = NULL;
  g_autoptr(AttestDocument) document = NULL;
  g_autoptr(GFile) file = g_file_get_child (fixture->folder, "story.txt");
  g_autoptr(GFile) other = g_file_get_child (fixture->folder, "not-listed.txt");
  AttestCorpusEntry *entry;
  AttestSpan *span;
  Notifies n = { 0 };

  write_file (fixture->root, "story.txt", "Broken sidecar story\n", -1);
  write_file (fixture->root, "story.txt.attest.json", "[", -1);
  g_assert_true (attest_corpus_scan (corpus, NULL, &error));
  g_assert_no_error (error);

  entry = attest_corpus_lookup (corpus, file, NULL);
  g_assert_nonnull (attest_corpus_entry_get_error (entry));
  g_signal_connect (entry, "notify", G_CALLBACK (on_entry_notify), &n);
  g_signal_connect (corpus, "notify::n-done", G_CALLBACK (on_n_done), &n);

  text = attest_text_new ("Broken sidecar story\n", -1, &error);
  g_assert_no_error (error);
  document = attest_document_new (text);
  span = attest_span_new (NULL, "quote", 0, 6);
  g_assert_true (attest_document_add_span (document, span, &error));
  g_assert_no_error (error);
  attest_document_set_status (document, ATTEST_STATUS_DONE);

  g_assert_true (attest_corpus_update_entry (corpus, file, document));
  g_assert_null (attest_corpus_entry_get_error (entry));
  g_assert_cmpuint (attest_corpus_entry_get_status (entry), ==, ATTEST_STATUS_DONE);
  g_assert_cmpuint (attest_corpus_entry_get_count (entry, "quote"), ==, 1);
  g_assert_cmpuint (attest_corpus_get_n_done (corpus), ==, 1);
  g_assert_cmpuint (n.error, ==, 1);
  g_assert_cmpuint (n.status, ==, 1);
  g_assert_cmpuint (n.n_spans, ==, 1);
  g_assert_cmpuint (n.title, ==, 0);
  g_assert_cmpuint (n.n_done, ==, 1);

  /* The same state again notifies nothing. */
  g_assert_true (attest_corpus_update_entry (corpus, file, document));
  g_assert_cmpuint (n.status + n.n_spans + n.error + n.title + n.n_done, ==, 4);

  /* A relabel keeps the total but changes the counts: n-spans says so. */
  attest_document_relabel_span (document, span, "fact");
  attest_document_set_meta (document, "title", "A better title");
  attest_document_set_status (document, ATTEST_STATUS_IN_PROGRESS);
  g_assert_true (attest_corpus_update_entry (corpus, file, document));
  g_assert_cmpuint (n.n_spans, ==, 2);
  g_assert_cmpuint (n.title, ==, 1);
  g_assert_cmpuint (n.n_done, ==, 2);
  g_assert_cmpuint (attest_corpus_get_n_done (corpus), ==, 0);
  g_assert_cmpuint (attest_corpus_entry_get_count (entry, "quote"), ==, 0);
  g_assert_cmpuint (attest_corpus_entry_get_count (entry, "fact"), ==, 1);
  g_assert_cmpstr (attest_corpus_entry_get_title (entry), ==, "A better title");

  g_assert_false (attest_corpus_update_entry (corpus, other, document));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/attest/core/corpus/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("walk-and-order", test_walk_and_order);
  g_test_add_func ("/attest/core/corpus/compare-paths", test_compare_paths);
  ADD ("titles", test_titles);
  ADD ("status-and-counts", test_status_and_counts);
  ADD ("broken-sidecar", test_broken_sidecar);
  ADD ("missing-folder", test_missing_folder);
  ADD ("symlink-loop", test_symlink_loop);
  ADD ("async", test_async);
  ADD ("update-entry", test_update_entry);

#undef ADD

  return g_test_run ();
}
