/* test-article-view.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "attest-article-view.h"

/* The article view in a real window under Xvfb: paint at the right
 * offsets, hit testing, and every edit through the history. */

#define QUOTE_COLOR "#f6d32d"

static const char edit_text[] =
  "“We will not back down,” Mayor Jane Doe said on Tuesday. “The bridge stays open.”\n"
  "\n"
  "Councillor Tomás Reyes disagreed. He said the repairs would cost 30% more.\n"
  "\n"
  "東京都の知事は「大丈夫です」と述べた。\n";

typedef struct
{
  char              *dir;
  char              *text;
  AttestSession     *session;
  GtkWindow         *window;
  AttestArticleView *view;
  GPtrArray         *messages;
  guint              n_selection_changed;
} Fixture;

static void
on_message (AttestArticleView *view,
            const char        *message,
            Fixture           *f)
{
  g_ptr_array_add (f->messages, g_strdup (message));
}

static void
on_selection_changed (AttestArticleView *view,
                      Fixture           *f)
{
  f->n_selection_changed++;
}

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
wait_painted (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!attest_article_view_is_painted (f->view) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (attest_article_view_is_painted (f->view));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

static void
show_view (Fixture *f)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 900, 700);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  f->view = ATTEST_ARTICLE_VIEW (attest_article_view_new ());
  g_object_ref (f->view);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (f->view));
  gtk_window_set_child (f->window, scroller);
  g_signal_connect (f->view, "message", G_CALLBACK (on_message), f);
  g_signal_connect (f->view, "selection-changed", G_CALLBACK (on_selection_changed), f);

  attest_article_view_set_session (f->view, f->session);
  gtk_window_present (f->window);
  gtk_widget_grab_focus (GTK_WIDGET (f->view));
  wait_painted (f);
}

static void
load (Fixture    *f,
      const char *name,
      const char *text,
      gssize      text_len,
      const char *sidecar)
{
  g_autofree char *path = NULL;
  g_autofree char *sidecar_name = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("attest-view-XXXXXX", &error);
  g_assert_no_error (error);
  f->messages = g_ptr_array_new_with_free_func (g_free);
  f->text = text_len < 0 ? g_strdup (text) : g_strndup (text, text_len);

  write_file (f->dir, name, text, text_len);
  if (sidecar != NULL)
    {
      sidecar_name = g_strconcat (name, ".attest.json", NULL);
      write_file (f->dir, sidecar_name, sidecar, -1);
    }

  path = g_build_filename (f->dir, name, NULL);
  file = g_file_new_for_path (path);
  f->session = attest_session_load (file, NULL, &error);
  g_assert_no_error (error);
  attest_session_set_annotator (f->session, "tester");

  show_view (f);
}

static void
load_sample (Fixture *f)
{
  const char *root = g_getenv ("ATTEST_SOURCE_ROOT");
  g_autofree char *text_path = NULL;
  g_autofree char *sidecar_path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sidecar = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_assert_nonnull (root);
  text_path = g_build_filename (root, "data", "samples", "harbour-bridge.txt", NULL);
  sidecar_path = g_strconcat (text_path, ".attest.json", NULL);
  g_file_get_contents (text_path, &text, &len, &error);
  g_assert_no_error (error);
  g_file_get_contents (sidecar_path, &sidecar, NULL, &error);
  g_assert_no_error (error);

  load (f, "harbour-bridge.txt", text, len, sidecar);
}

static void
teardown (Fixture *f)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  attest_session_close (f->session);
  gtk_window_destroy (f->window);
  g_assert_finalize_object (f->view);
  g_assert_finalize_object (f->session);

  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);

  g_ptr_array_unref (f->messages);
  g_free (f->text);
  g_free (f->dir);
}

/* Helpers ------------------------------------------------------------------ */

static AttestDocument *
get_document (Fixture *f)
{
  return attest_session_get_document (f->session);
}

static AttestHistory *
get_history (Fixture *f)
{
  return attest_session_get_history (f->session);
}

static GtkTextBuffer *
get_buffer (Fixture *f)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->view));
}

/* Code-point offset of the first @needle in the fixture's text. */
static guint
offset_of (Fixture    *f,
           const char *needle)
{
  const char *found = strstr (f->text, needle);

  g_assert_nonnull (found);

  return g_utf8_strlen (f->text, found - f->text);
}

static void
select_range (Fixture *f,
              guint    start,
              guint    end)
{
  GtkTextIter s, e;

  gtk_text_buffer_get_iter_at_offset (get_buffer (f), &s, start);
  gtk_text_buffer_get_iter_at_offset (get_buffer (f), &e, end);
  gtk_text_buffer_select_range (get_buffer (f), &e, &s);
}

static void
place_cursor (Fixture *f,
              guint    offset)
{
  select_range (f, offset, offset);
}

/* Alpha of the background painted in @color at @offset; -1 for none. */
static double
background_alpha_at (Fixture    *f,
                     guint       offset,
                     const char *color)
{
  GSList *tags;
  GtkTextIter iter;
  GdkRGBA want;
  double alpha = -1;

  gdk_rgba_parse (&want, color);
  gtk_text_buffer_get_iter_at_offset (get_buffer (f), &iter, offset);
  tags = gtk_text_iter_get_tags (&iter);

  /* The highest-priority tag is the one painted. */
  for (GSList *l = tags; l != NULL; l = l->next)
    {
      g_autoptr(GdkRGBA) rgba = NULL;
      gboolean set;

      g_object_get (l->data, "background-set", &set, "background-rgba", &rgba, NULL);
      if (set && rgba != NULL &&
          fabs (rgba->red - want.red) < 0.01 && fabs (rgba->green - want.green) < 0.01 &&
          fabs (rgba->blue - want.blue) < 0.01)
        alpha = rgba->alpha;
    }
  g_slist_free (tags);

  return alpha;
}

static gboolean
is_painted_as_quote (Fixture *f,
                     guint    offset)
{
  return background_alpha_at (f, offset, QUOTE_COLOR) > 0;
}

static void
offset_to_point (Fixture *f,
                 guint    offset,
                 double  *x,
                 double  *y)
{
  GtkTextIter iter;
  GdkRectangle loc;
  int wx, wy;

  gtk_text_buffer_get_iter_at_offset (get_buffer (f), &iter, offset);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (f->view), &iter, &loc);
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (f->view), GTK_TEXT_WINDOW_WIDGET,
                                         loc.x + loc.width / 2, loc.y + loc.height / 2, &wx, &wy);
  *x = wx;
  *y = wy;
}

static const char *
selected_id (Fixture *f)
{
  AttestSpan *span = attest_article_view_get_selected_span (f->view);

  return span != NULL ? span->id : NULL;
}

static AttestSpan *
lookup (Fixture    *f,
        const char *id)
{
  return attest_span_store_lookup (attest_document_get_spans (get_document (f)), id);
}

static gboolean
press_key (Fixture *f,
           guint    keyval,
           GdkModifierType state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->view));
  gboolean handled = FALSE;

  /* GTK 4 has no synthetic key events: find the view's capture-phase key
   * controller and emit its signal as a key press would. */
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
          return handled;
        }
    }

  g_assert_not_reached ();
}

/* Runs the view's own class binding for @accel, as the key would. */
static gboolean
activate_binding (Fixture    *f,
                  const char *accel)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->view));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (g_str_equal (trigger, accel) && GTK_IS_CALLBACK_ACTION (gtk_shortcut_get_action (shortcut)))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                 GTK_WIDGET (f->view),
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }

  g_assert_not_reached ();
}

static void
click_at (Fixture *f,
          guint    offset)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->view));
  double x, y;

  offset_to_point (f, offset, &x, &y);

  /* As for keys: the view's own click gesture, pressed once. */
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        {
          g_signal_emit_by_name (controller, "pressed", 1, x, y);
          return;
        }
    }

  g_assert_not_reached ();
}

static GPtrArray *
relations_of (Fixture    *f,
              const char *id,
              const char *type)
{
  g_autoptr(GPtrArray) all = attest_document_get_relations_of (get_document (f), id);
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < all->len; i++)
    {
      AttestRelation *r = g_ptr_array_index (all, i);

      if (g_strcmp0 (r->type, type) == 0 && g_strcmp0 (r->from, id) == 0)
        g_ptr_array_add (out, r);
    }

  return out;
}

/* Tests -------------------------------------------------------------------- */

static void
test_paint (void)
{
  Fixture f = { 0 };
  AttestSpan *s1, *s3;

  load_sample (&f);

  s1 = lookup (&f, "s1");
  s3 = lookup (&f, "s3");
  g_assert_nonnull (s1);
  g_assert_nonnull (s3);

  /* The buffer holds the canonical text, offset for offset. */
  g_assert_cmpint (gtk_text_buffer_get_char_count (get_buffer (&f)), ==,
                   attest_text_get_length (attest_document_get_text (get_document (&f))));

  /* A quote is painted over exactly its range. */
  g_assert_false (is_painted_as_quote (&f, s1->start - 1));
  g_assert_true (is_painted_as_quote (&f, s1->start));
  g_assert_true (is_painted_as_quote (&f, s1->end - 1));
  g_assert_false (is_painted_as_quote (&f, s1->end));
  /* A fact inside it is a box drawn over the text: the quote still shows. */
  g_assert_true (is_painted_as_quote (&f, s3->start));
  /* The title has nothing. */
  g_assert_false (is_painted_as_quote (&f, 3));

  /* Shared tags: the whole document needs no more tags than labels and
   * depths, however many spans it has. */
  g_assert_cmpint (gtk_text_tag_table_get_size (gtk_text_buffer_get_tag_table (get_buffer (&f))), <=, 3 * 3 + 4);

  teardown (&f);
}

static void
test_nested_depth (void)
{
  Fixture f = { 0 };
  guint outer, inner;
  double a0, a1;

  load (&f, "nested.txt", edit_text, -1, NULL);

  outer = offset_of (&f, "Councillor");
  inner = offset_of (&f, "He said");
  attest_history_add_span (get_history (&f), "quote", outer, offset_of (&f, "more.") + 4, "t");
  attest_history_add_span (get_history (&f), "quote", inner, inner + 7, "t");

  a0 = background_alpha_at (&f, outer, QUOTE_COLOR);
  a1 = background_alpha_at (&f, inner + 1, QUOTE_COLOR);
  g_assert_cmpfloat (a0, >, 0);
  /* The nested span has a stronger tint than its parent. */
  g_assert_cmpfloat (a1, >, a0 + 0.1);
  g_assert_cmpfloat_with_epsilon (background_alpha_at (&f, inner + 7, QUOTE_COLOR), a0, 0.001);

  teardown (&f);
}

static void
test_spans_at_point (void)
{
  Fixture f = { 0 };
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) none = NULL;
  double x, y;

  load_sample (&f);

  offset_to_point (&f, lookup (&f, "s3")->start + 2, &x, &y);
  spans = attest_article_view_get_spans_at_point (f.view, x, y);
  /* Innermost first: the fact, then the quote around it. */
  g_assert_cmpuint (spans->len, ==, 2);
  g_assert_cmpstr (((AttestSpan *) spans->pdata[0])->id, ==, "s3");
  g_assert_cmpstr (((AttestSpan *) spans->pdata[1])->id, ==, "s1");

  offset_to_point (&f, 3, &x, &y);
  none = attest_article_view_get_spans_at_point (f.view, x, y);
  g_assert_cmpuint (none->len, ==, 0);

  /* Hidden labels are not hit. */
  attest_article_view_set_label_visible (f.view, "fact", FALSE);
  g_clear_pointer (&spans, g_ptr_array_unref);
  offset_to_point (&f, lookup (&f, "s3")->start + 2, &x, &y);
  spans = attest_article_view_get_spans_at_point (f.view, x, y);
  g_assert_cmpuint (spans->len, ==, 1);
  g_assert_cmpstr (((AttestSpan *) spans->pdata[0])->id, ==, "s1");

  teardown (&f);
}

static void
test_tag_snaps (void)
{
  Fixture f = { 0 };
  const char *id;
  AttestSpan *span;
  guint tuesday;
  guint n;

  load (&f, "tag.txt", edit_text, -1, NULL);
  n = attest_span_store_get_n_spans (attest_document_get_spans (get_document (&f)));

  /* Part of a word becomes the whole word. */
  tuesday = offset_of (&f, "Tuesday");
  select_range (&f, tuesday + 1, tuesday + 4);
  id = attest_article_view_tag (f.view, "fact");
  g_assert_nonnull (id);
  span = lookup (&f, id);
  g_assert_cmpuint (span->start, ==, tuesday);
  g_assert_cmpuint (span->end, ==, tuesday + strlen ("Tuesday"));
  g_assert_cmpuint (attest_span_store_get_n_spans (attest_document_get_spans (get_document (&f))), ==, n + 1);
  g_assert_cmpstr (span->by, ==, "tester");
  /* The new span is selected and the text selection gone. */
  g_assert_cmpstr (selected_id (&f), ==, id);
  g_assert_false (gtk_text_buffer_get_has_selection (get_buffer (&f)));

  /* A quote leaves out its quotation marks and the white space. */
  select_range (&f, offset_of (&f, "“We"), offset_of (&f, "” Mayor") + 2);
  id = attest_article_view_tag (f.view, "quote");
  span = lookup (&f, id);
  g_assert_cmpuint (span->start, ==, offset_of (&f, "We will"));
  g_assert_cmpuint (span->end, ==, offset_of (&f, "” Mayor"));
  g_assert_true (is_painted_as_quote (&f, span->start));
  g_assert_false (is_painted_as_quote (&f, span->start - 1));
  g_assert_false (is_painted_as_quote (&f, span->end));
  /* The tag set's default attribute value is set. */
  g_assert_cmpstr (attest_span_get_attr (span, "kind"), ==, "direct");

  /* Without exclude-quote-marks the marks stay in. */
  g_object_set (f.view, "exclude-quote-marks", FALSE, NULL);
  select_range (&f, offset_of (&f, "“The bridge"), offset_of (&f, "open.”") + 6);
  id = attest_article_view_tag (f.view, "quote");
  span = lookup (&f, id);
  g_assert_cmpuint (span->start, ==, offset_of (&f, "“The bridge"));
  g_assert_cmpuint (span->end, ==, offset_of (&f, "open.”") + 6);

  /* Only white space: nothing to tag. */
  select_range (&f, offset_of (&f, "\n\nCouncillor"), offset_of (&f, "\n\nCouncillor") + 2);
  g_assert_null (attest_article_view_tag (f.view, "fact"));

  teardown (&f);
}

static void
test_speaker_entity (void)
{
  Fixture f = { 0 };
  AttestSpan *first, *second;
  AttestEntity *entity;
  guint n_entities;

  load (&f, "speaker.txt", edit_text, -1, NULL);
  n_entities = attest_document_get_n_entities (get_document (&f));

  select_range (&f, offset_of (&f, "Jane Doe"), offset_of (&f, "Jane Doe") + 8);
  first = lookup (&f, attest_article_view_tag (f.view, "speaker"));
  g_assert_nonnull (first->entity);
  entity = attest_document_lookup_entity (get_document (&f), first->entity);
  g_assert_cmpstr (entity->name, ==, "Jane Doe");
  g_assert_cmpuint (attest_document_get_n_entities (get_document (&f)), ==, n_entities + 1);

  /* One undo step took both the span and its entity. */
  g_assert_true (attest_history_undo (get_history (&f)));
  g_assert_cmpuint (attest_document_get_n_entities (get_document (&f)), ==, n_entities);
  g_assert_cmpuint (attest_span_store_get_n_spans (attest_document_get_spans (get_document (&f))), ==, 0);
  g_assert_true (attest_history_redo (get_history (&f)));

  /* The same name again links the existing entity. */
  first = attest_span_store_get_first (attest_document_get_spans (get_document (&f)));
  entity = attest_document_lookup_entity (get_document (&f), first->entity);
  entity->aliases = g_new0 (char *, 2);
  entity->aliases[0] = g_strdup ("Councillor Tomás Reyes");
  select_range (&f, offset_of (&f, "Councillor"), offset_of (&f, " disagreed"));
  second = lookup (&f, attest_article_view_tag (f.view, "speaker"));
  g_assert_cmpstr (second->entity, ==, entity->id);

  teardown (&f);
}

static void
test_relabel_delete_undo (void)
{
  Fixture f = { 0 };
  AttestSpan *span;
  g_autofree char *id = NULL;
  guint start;

  load (&f, "relabel.txt", edit_text, -1, NULL);

  start = offset_of (&f, "Councillor");
  select_range (&f, start, start + 10);
  /* Copied: the span, and its id with it, goes away on delete. */
  id = g_strdup (attest_article_view_tag (f.view, "quote"));
  g_assert_true (is_painted_as_quote (&f, start));

  /* A label key with no text selection relabels the selected span. */
  g_assert_cmpstr (attest_article_view_tag (f.view, "fact"), ==, id);
  span = lookup (&f, id);
  g_assert_cmpstr (span->label, ==, "fact");
  g_assert_false (is_painted_as_quote (&f, start));

  g_assert_true (attest_history_undo (get_history (&f)));
  g_assert_cmpstr (lookup (&f, id)->label, ==, "quote");
  g_assert_true (is_painted_as_quote (&f, start));

  /* Delete, then undo and redo: the paint follows the model. */
  attest_article_view_select_span (f.view, id, FALSE);
  attest_article_view_delete_selected (f.view);
  g_assert_null (lookup (&f, id));
  g_assert_false (is_painted_as_quote (&f, start));
  g_assert_null (selected_id (&f));

  g_assert_true (attest_history_undo (get_history (&f)));
  g_assert_nonnull (lookup (&f, id));
  g_assert_true (is_painted_as_quote (&f, start + 5));

  g_assert_true (attest_history_redo (get_history (&f)));
  g_assert_null (lookup (&f, id));
  g_assert_false (is_painted_as_quote (&f, start + 5));

  teardown (&f);
}

static void
test_navigation (void)
{
  Fixture f = { 0 };
  guint before;

  load_sample (&f);

  place_cursor (&f, 0);
  gtk_widget_activate_action (GTK_WIDGET (f.view), "view.next-span", NULL);
  g_assert_cmpstr (selected_id (&f), ==, "s1");
  gtk_widget_activate_action (GTK_WIDGET (f.view), "view.next-span", NULL);
  g_assert_cmpstr (selected_id (&f), ==, "s3");
  gtk_widget_activate_action (GTK_WIDGET (f.view), "view.next-span", NULL);
  g_assert_cmpstr (selected_id (&f), ==, "s4");
  gtk_widget_activate_action (GTK_WIDGET (f.view), "view.previous-span", NULL);
  g_assert_cmpstr (selected_id (&f), ==, "s3");

  /* From the cursor when nothing is selected. */
  attest_article_view_select_span (f.view, NULL, FALSE);
  place_cursor (&f, lookup (&f, "s13")->start - 1);
  attest_article_view_select_next (f.view, TRUE);
  g_assert_cmpstr (selected_id (&f), ==, "s13");

  /* Round from the last span to the first, and back. */
  attest_article_view_select_span (f.view, "s23", TRUE);
  attest_article_view_select_next (f.view, TRUE);
  g_assert_cmpstr (selected_id (&f), ==, "s1");
  attest_article_view_select_next (f.view, FALSE);
  g_assert_cmpstr (selected_id (&f), ==, "s23");

  /* The Tab and Shift+Tab keys. */
  g_assert_true (activate_binding (&f, "Tab"));
  g_assert_cmpstr (selected_id (&f), ==, "s1");
  g_assert_true (activate_binding (&f, "<Shift>Tab"));
  g_assert_cmpstr (selected_id (&f), ==, "s23");

  /* Escape clears the selection, then has nothing to do. */
  before = f.n_selection_changed;
  g_assert_true (activate_binding (&f, "Escape"));
  g_assert_null (selected_id (&f));
  g_assert_cmpuint (f.n_selection_changed, ==, before + 1);
  g_assert_false (activate_binding (&f, "Escape"));
  /* Return accepts only a selected suggestion. */
  g_assert_false (activate_binding (&f, "Return"));

  attest_article_view_select_span (f.view, "s4", FALSE);
  gtk_widget_activate_action (GTK_WIDGET (f.view), "view.clear-selection", NULL);
  g_assert_null (selected_id (&f));

  teardown (&f);
}

static void
test_resize (void)
{
  Fixture f = { 0 };
  AttestSpan *span;
  const char *id;
  guint will, not, back;

  load (&f, "resize.txt", edit_text, -1, NULL);

  will = offset_of (&f, "will");
  not = offset_of (&f, "not");
  back = offset_of (&f, "back");
  select_range (&f, will, not + 3);
  id = attest_article_view_tag (f.view, "quote");
  span = lookup (&f, id);

  attest_article_view_resize_selected (f.view, ATTEST_EDGE_END, TRUE);
  g_assert_cmpuint (span->end, ==, back + 4);
  attest_article_view_resize_selected (f.view, ATTEST_EDGE_END, FALSE);
  g_assert_cmpuint (span->end, ==, not + 3);
  attest_article_view_resize_selected (f.view, ATTEST_EDGE_START, TRUE);
  g_assert_cmpuint (span->start, ==, offset_of (&f, "We"));
  attest_article_view_resize_selected (f.view, ATTEST_EDGE_START, FALSE);
  g_assert_cmpuint (span->start, ==, will);
  attest_article_view_resize_selected (f.view, ATTEST_EDGE_START, FALSE);
  g_assert_cmpuint (span->start, ==, not);
  /* A one-word span cannot lose its last word. */
  attest_article_view_resize_selected (f.view, ATTEST_EDGE_END, FALSE);
  g_assert_cmpuint (span->start, ==, not);
  g_assert_cmpuint (span->end, ==, not + 3);

  /* The paint follows. */
  g_assert_false (is_painted_as_quote (&f, will));
  g_assert_true (is_painted_as_quote (&f, not));

  /* The keys do the same. */
  g_assert_true (press_key (&f, GDK_KEY_bracketright, 0));
  g_assert_cmpuint (span->end, ==, back + 4);
  g_assert_true (press_key (&f, GDK_KEY_braceleft, GDK_SHIFT_MASK));
  g_assert_cmpuint (span->start, ==, will);

  teardown (&f);
}

static void
test_link_nearest (void)
{
  Fixture f = { 0 };
  g_autoptr(GPtrArray) links = NULL;
  const char *quote, *jane, *reyes, *lone;

  load (&f, "link.txt", edit_text, -1, NULL);

  select_range (&f, offset_of (&f, "Mayor"), offset_of (&f, " said on"));
  jane = g_strdup (attest_article_view_tag (f.view, "speaker"));
  select_range (&f, offset_of (&f, "Councillor"), offset_of (&f, " disagreed"));
  reyes = g_strdup (attest_article_view_tag (f.view, "speaker"));
  select_range (&f, offset_of (&f, "We will"), offset_of (&f, "” Mayor"));
  quote = g_strdup (attest_article_view_tag (f.view, "quote"));

  /* The nearest speaker first. */
  attest_article_view_link_nearest (f.view);
  links = relations_of (&f, quote, "said-by");
  g_assert_cmpuint (links->len, ==, 1);
  g_assert_cmpstr (((AttestRelation *) links->pdata[0])->to, ==, jane);

  /* Again: the next candidate replaces it. */
  g_assert_true (press_key (&f, GDK_KEY_l, 0));
  g_clear_pointer (&links, g_ptr_array_unref);
  links = relations_of (&f, quote, "said-by");
  g_assert_cmpuint (links->len, ==, 1);
  g_assert_cmpstr (((AttestRelation *) links->pdata[0])->to, ==, reyes);

  /* And round again. */
  attest_article_view_link_nearest (f.view);
  g_clear_pointer (&links, g_ptr_array_unref);
  links = relations_of (&f, quote, "said-by");
  g_assert_cmpuint (links->len, ==, 1);
  g_assert_cmpstr (((AttestRelation *) links->pdata[0])->to, ==, jane);

  /* Each press is one undo step. */
  g_assert_true (attest_history_undo (get_history (&f)));
  g_clear_pointer (&links, g_ptr_array_unref);
  links = relations_of (&f, quote, "said-by");
  g_assert_cmpstr (((AttestRelation *) links->pdata[0])->to, ==, reyes);

  /* A quote with no speaker to link to says so. */
  attest_history_remove_span (get_history (&f), lookup (&f, jane));
  attest_history_remove_span (get_history (&f), lookup (&f, reyes));
  select_range (&f, offset_of (&f, "The bridge"), offset_of (&f, "open.") + 5);
  lone = attest_article_view_tag (f.view, "quote");
  g_assert_nonnull (lone);
  g_ptr_array_set_size (f.messages, 0);
  attest_article_view_link_nearest (f.view);
  g_assert_cmpuint (f.messages->len, ==, 1);
  g_clear_pointer (&links, g_ptr_array_unref);
  links = relations_of (&f, lone, "said-by");
  g_assert_cmpuint (links->len, ==, 0);

  g_free ((char *) quote);
  g_free ((char *) jane);
  g_free ((char *) reyes);
  teardown (&f);
}

static void
test_label_visible (void)
{
  Fixture f = { 0 };
  guint start;

  load_sample (&f);
  start = lookup (&f, "s1")->start;

  g_assert_true (attest_article_view_get_label_visible (f.view, "quote"));
  attest_article_view_set_label_visible (f.view, "quote", FALSE);
  g_assert_false (attest_article_view_get_label_visible (f.view, "quote"));
  g_assert_false (is_painted_as_quote (&f, start));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f.window));

  attest_article_view_set_label_visible (f.view, "quote", TRUE);
  g_assert_true (is_painted_as_quote (&f, start));

  /* A span added while hidden is painted when shown again. */
  attest_article_view_set_label_visible (f.view, "quote", FALSE);
  attest_history_add_span (get_history (&f), "quote", 0, 7, "t");
  g_assert_false (is_painted_as_quote (&f, 2));
  attest_article_view_set_label_visible (f.view, "quote", TRUE);
  g_assert_true (is_painted_as_quote (&f, 2));

  teardown (&f);
}

static void
test_read_only (void)
{
  Fixture f = { 0 };
  guint start;

  /* A sidecar Attest cannot read opens the article read-only. */
  load (&f, "broken.txt", edit_text, -1, "{ \"format\": \"attest\", ");
  g_assert_true (attest_session_get_read_only (f.session));

  start = offset_of (&f, "Tuesday");
  select_range (&f, start, start + 7);
  g_assert_null (attest_article_view_tag (f.view, "fact"));
  g_assert_cmpuint (attest_span_store_get_n_spans (attest_document_get_spans (get_document (&f))), ==, 0);
  g_assert_cmpuint (f.messages->len, ==, 1);
  press_key (&f, GDK_KEY_q, 0);
  g_assert_cmpuint (attest_span_store_get_n_spans (attest_document_get_spans (get_document (&f))), ==, 0);
  g_assert_cmpuint (f.messages->len, ==, 2);

  teardown (&f);
}

static void
test_cjk (void)
{
  Fixture f = { 0 };
  AttestSpan *span;
  guint tokyo;

  load (&f, "cjk.txt", edit_text, -1, NULL);

  /* "京" alone snaps to Pango's word "東京都". */
  tokyo = offset_of (&f, "東京都");
  select_range (&f, tokyo + 1, tokyo + 2);
  span = lookup (&f, attest_article_view_tag (f.view, "fact"));
  g_assert_cmpuint (span->start, ==, tokyo);
  g_assert_cmpuint (span->end, ==, tokyo + 3);

  /* CJK quotation marks are left out of a quote. */
  select_range (&f, offset_of (&f, "「"), offset_of (&f, "」") + 1);
  span = lookup (&f, attest_article_view_tag (f.view, "quote"));
  g_assert_cmpuint (span->start, ==, offset_of (&f, "大丈夫"));
  g_assert_cmpuint (span->end, ==, offset_of (&f, "」"));

  teardown (&f);
}

static void
test_keyboard_selection (void)
{
  Fixture f = { 0 };
  GtkTextIter s, e;
  guint start;

  load (&f, "keys.txt", edit_text, -1, NULL);

  /* The view is read-only, yet Shift+arrows select text to tag. */
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (f.view)));
  g_assert_true (gtk_text_view_get_cursor_visible (GTK_TEXT_VIEW (f.view)));
  start = offset_of (&f, "Mayor");
  place_cursor (&f, start);
  g_signal_emit_by_name (f.view, "move-cursor", GTK_MOVEMENT_VISUAL_POSITIONS, 3, TRUE);
  g_assert_true (gtk_text_buffer_get_selection_bounds (get_buffer (&f), &s, &e));
  g_assert_cmpint (gtk_text_iter_get_offset (&s), ==, start);
  g_assert_cmpint (gtk_text_iter_get_offset (&e), ==, start + 3);

  /* The label key tags the selection, snapped to the word. */
  g_assert_true (press_key (&f, GDK_KEY_f, 0));
  g_assert_nonnull (attest_article_view_get_selected_span (f.view));
  g_assert_cmpuint (attest_article_view_get_selected_span (f.view)->end, ==, start + 5);

  /* Keys with Ctrl are left alone; Delete removes the selected span. */
  g_assert_false (press_key (&f, GDK_KEY_q, GDK_CONTROL_MASK));
  g_assert_true (press_key (&f, GDK_KEY_Delete, 0));
  g_assert_null (attest_article_view_get_selected_span (f.view));
  g_assert_cmpuint (attest_span_store_get_n_spans (attest_document_get_spans (get_document (&f))), ==, 0);

  /* With no span at all, Tab moves the focus on instead. */
  g_assert_false (activate_binding (&f, "Tab"));

  teardown (&f);
}

static void
test_extend_to_quotes (void)
{
  Fixture f = { 0 };
  GtkTextIter s, e;

  load (&f, "quotes.txt", edit_text, -1, NULL);

  place_cursor (&f, offset_of (&f, "not back"));
  g_assert_true (press_key (&f, GDK_KEY_quotedbl, GDK_SHIFT_MASK));
  g_assert_true (gtk_text_buffer_get_selection_bounds (get_buffer (&f), &s, &e));
  g_assert_cmpint (gtk_text_iter_get_offset (&s), ==, offset_of (&f, "We will"));
  g_assert_cmpint (gtk_text_iter_get_offset (&e), ==, offset_of (&f, "” Mayor"));

  g_object_set (f.view, "exclude-quote-marks", FALSE, NULL);
  place_cursor (&f, offset_of (&f, "大丈夫") + 1);
  attest_article_view_extend_to_quotes (f.view);
  g_assert_true (gtk_text_buffer_get_selection_bounds (get_buffer (&f), &s, &e));
  g_assert_cmpint (gtk_text_iter_get_offset (&s), ==, offset_of (&f, "「"));
  g_assert_cmpint (gtk_text_iter_get_offset (&e), ==, offset_of (&f, "」") + 1);

  /* No marks around: say so, change nothing. */
  place_cursor (&f, offset_of (&f, "disagreed"));
  g_ptr_array_set_size (f.messages, 0);
  attest_article_view_extend_to_quotes (f.view);
  g_assert_cmpuint (f.messages->len, ==, 1);
  g_assert_false (gtk_text_buffer_get_has_selection (get_buffer (&f)));

  teardown (&f);
}

static void
test_suggestions (void)
{
  Fixture f = { 0 };
  AttestSpanStore *suggested;
  AttestSpan *span, *accepted;
  g_autoptr(GPtrArray) spans = NULL;
  guint start;
  double x, y;

  load (&f, "suggest.txt", edit_text, -1, NULL);
  suggested = attest_document_get_suggested_spans (get_document (&f));

  start = offset_of (&f, "30%");
  span = attest_span_new (NULL, "fact", start, start + 3);
  span->origin = g_intern_static_string ("suggested:numbers");
  g_assert_true (attest_document_add_suggested_span (get_document (&f), span, NULL));
  span = attest_span_new (NULL, "fact", offset_of (&f, "Tuesday"), offset_of (&f, "Tuesday") + 7);
  span->origin = g_intern_static_string ("suggested:dates");
  g_assert_true (attest_document_add_suggested_span (get_document (&f), span, NULL));
  span = attest_span_new (NULL, "speaker", offset_of (&f, "He said"), offset_of (&f, "He said") + 2);
  span->origin = g_intern_static_string ("suggested:pronoun");
  g_assert_true (attest_document_add_suggested_span (get_document (&f), span, NULL));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f.window));

  /* A suggestion is hit by a click and reached by Tab. */
  offset_to_point (&f, start + 1, &x, &y);
  spans = attest_article_view_get_spans_at_point (f.view, x, y);
  g_assert_cmpuint (spans->len, ==, 1);
  place_cursor (&f, 0);
  attest_article_view_select_next (f.view, TRUE);
  g_assert_cmpuint (attest_article_view_get_selected_span (f.view)->start, ==, offset_of (&f, "Tuesday"));

  /* Return accepts: a real span, selected, with the rule as origin. */
  gtk_widget_activate_action (GTK_WIDGET (f.view), "view.accept-suggestion", NULL);
  accepted = attest_article_view_get_selected_span (f.view);
  g_assert_nonnull (lookup (&f, accepted->id));
  g_assert_cmpstr (accepted->origin, ==, "suggested:dates");
  g_assert_cmpuint (attest_span_store_get_n_spans (suggested), ==, 2);

  /* Delete rejects: it is remembered, not turned into a span. */
  attest_article_view_select_next (f.view, TRUE);
  g_assert_cmpuint (attest_article_view_get_selected_span (f.view)->start, ==, offset_of (&f, "He said"));
  attest_article_view_delete_selected (f.view);
  g_assert_cmpuint (attest_span_store_get_n_spans (suggested), ==, 1);
  g_assert_cmpuint (attest_document_get_rejected (get_document (&f))->len, ==, 1);
  g_assert_null (attest_article_view_get_selected_span (f.view));

  /* Accept all, in one undo step. */
  attest_article_view_accept_all_suggestions (f.view);
  g_assert_cmpuint (attest_span_store_get_n_spans (suggested), ==, 0);
  g_assert_cmpuint (attest_span_store_get_n_spans (attest_document_get_spans (get_document (&f))), ==, 2);
  g_assert_true (attest_history_undo (get_history (&f)));
  g_assert_cmpuint (attest_span_store_get_n_spans (suggested), ==, 1);

  teardown (&f);
}

static void
test_long_line (void)
{
  Fixture f = { 0 };
  g_autoptr(GString) line = g_string_new (NULL);
  AttestDocument *document;
  GtkTextIter iter;
  guint n_lines = 0;
  guint length;

  /* A raw transcript: 200 KB on one line. */
  while (line->len < 200000)
    g_string_append (line, "and the mayor said that the bridge would stay open. ");
  g_string_append_c (line, '\n');

  load (&f, "transcript.txt", line->str, line->len, NULL);
  document = get_document (&f);
  length = attest_text_get_length (attest_document_get_text (document));

  for (guint i = 0; i < 2000; i++)
    attest_history_add_span (get_history (&f), "quote", i * 100 + 4, i * 100 + 30, "t");
  wait_painted (&f);

  /* Offsets still map one to one... */
  g_assert_cmpint (gtk_text_buffer_get_char_count (get_buffer (&f)), ==, length);
  g_assert_true (is_painted_as_quote (&f, 150000 + 4));
  g_assert_false (is_painted_as_quote (&f, 150000 + 31));

  /* ...but the buffer shows the line in pieces, breaking only spaces. */
  gtk_text_buffer_get_start_iter (get_buffer (&f), &iter);
  while (gtk_text_iter_forward_line (&iter))
    {
      guint offset = gtk_text_iter_get_offset (&iter);

      if (offset < length)
        g_assert_cmpint (f.text[offset - 1], ==, ' ');
      n_lines++;
    }
  g_assert_cmpuint (n_lines, >, 50);

  teardown (&f);
}

static void
test_reload_from_disk (void)
{
  Fixture f = { 0 };
  g_autoptr(AttestDocument) theirs = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline;
  guint start;

  load (&f, "reload.txt", edit_text, -1, NULL);
  start = offset_of (&f, "Councillor");

  /* Another annotator's sidecar lands on disk: the session replaces its
   * document and the view follows. */
  theirs = attest_document_new (attest_document_get_text (get_document (&f)));
  attest_document_set_file_name (theirs, "reload.txt");
  attest_document_add_span (theirs, attest_span_new (NULL, "quote", start, start + 10), NULL);
  path = g_build_filename (f.dir, "reload.txt.attest.json", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (attest_sidecar_save (theirs, file, NULL, &error));
  g_assert_no_error (error);

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!is_painted_as_quote (&f, start) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (get_document (&f) != NULL);
  g_assert_cmpuint (attest_span_store_get_n_spans (attest_document_get_spans (get_document (&f))), ==, 1);
  g_assert_true (is_painted_as_quote (&f, start));

  teardown (&f);
}

static void
test_unbreakable_line (void)
{
  Fixture f = { 0 };
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  /* 30,000 characters without a space: refused, with the reason. */
  while (line->len < 90000)
    g_string_append (line, "東京都の知事は大丈夫ですと述べた");
  g_string_append_c (line, '\n');

  f.dir = g_dir_make_tmp ("attest-view-XXXXXX", &error);
  g_assert_no_error (error);
  f.messages = g_ptr_array_new_with_free_func (g_free);
  f.text = g_strdup (line->str);
  write_file (f.dir, "unbroken.txt", line->str, line->len);
  path = g_build_filename (f.dir, "unbroken.txt", NULL);
  file = g_file_new_for_path (path);
  f.session = attest_session_load (file, NULL, &error);
  g_assert_no_error (error);

  f.window = GTK_WINDOW (gtk_window_new ());
  f.view = ATTEST_ARTICLE_VIEW (attest_article_view_new ());
  g_object_ref (f.view);
  gtk_window_set_child (f.window, GTK_WIDGET (f.view));
  g_signal_connect (f.view, "message", G_CALLBACK (on_message), &f);
  attest_article_view_set_session (f.view, f.session);
  gtk_window_present (f.window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f.window));

  g_assert_cmpuint (f.messages->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (f.messages, 0), "20000"));
  g_assert_false (attest_article_view_is_painted (f.view));
  g_assert_cmpint (gtk_text_buffer_get_char_count (get_buffer (&f)), ==, 0);

  teardown (&f);
}

static void
test_click_cycles (void)
{
  Fixture f = { 0 };
  guint inside;

  load_sample (&f);
  inside = lookup (&f, "s3")->start + 2;

  /* The innermost span first, then out through the stack, then round. */
  click_at (&f, inside);
  g_assert_cmpstr (selected_id (&f), ==, "s3");
  click_at (&f, inside);
  g_assert_cmpstr (selected_id (&f), ==, "s1");
  click_at (&f, inside);
  g_assert_cmpstr (selected_id (&f), ==, "s3");

  /* Elsewhere in the quote: the quote alone. */
  click_at (&f, lookup (&f, "s1")->start + 1);
  g_assert_cmpstr (selected_id (&f), ==, "s1");

  /* Outside every span: nothing. */
  click_at (&f, 3);
  g_assert_null (selected_id (&f));

  teardown (&f);
}

static void
test_actions_and_settings (void)
{
  Fixture f = { 0 };
  AdwStyleManager *style = adw_style_manager_get_default ();
  double light, dark;
  int margin;
  guint start;

  load_sample (&f);
  start = lookup (&f, "s1")->start;

  /* The palette tags through the view's action. */
  select_range (&f, 0, 7);
  gtk_widget_activate_action (GTK_WIDGET (f.view), "view.tag", "s", "quote");
  g_assert_nonnull (attest_article_view_get_selected_span (f.view));
  g_assert_cmpuint (attest_article_view_get_selected_span (f.view)->end, ==, 7);
  g_assert_true (is_painted_as_quote (&f, 2));

  /* Dark mode: stronger tints. */
  light = background_alpha_at (&f, start, QUOTE_COLOR);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  dark = background_alpha_at (&f, start, QUOTE_COLOR);
  g_assert_cmpfloat (dark, >, light);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  g_assert_cmpfloat_with_epsilon (background_alpha_at (&f, start, QUOTE_COLOR), light, 0.001);

  /* Every relation in view, and the selected span's, draw without a
   * complaint (criticals are fatal here). */
  g_object_set (f.view, "relation-display", ATTEST_RELATIONS_ALWAYS, NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f.window));
  attest_article_view_select_span (f.view, "s8", FALSE);
  g_object_set (f.view, "relation-display", ATTEST_RELATIONS_SELECTED, NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f.window));

  /* A bigger font makes a wider reading column: smaller margins. */
  margin = gtk_text_view_get_left_margin (GTK_TEXT_VIEW (f.view));
  g_object_set (f.view, "font", "Sans 24", NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f.window));
  g_assert_cmpint (gtk_text_view_get_left_margin (GTK_TEXT_VIEW (f.view)), <, margin);

  teardown (&f);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  gtk_source_init ();

  g_test_add_func ("/attest/gui/article-view/paint", test_paint);
  g_test_add_func ("/attest/gui/article-view/nested-depth", test_nested_depth);
  g_test_add_func ("/attest/gui/article-view/spans-at-point", test_spans_at_point);
  g_test_add_func ("/attest/gui/article-view/click-cycles", test_click_cycles);
  g_test_add_func ("/attest/gui/article-view/actions-and-settings", test_actions_and_settings);
  g_test_add_func ("/attest/gui/article-view/tag-snaps", test_tag_snaps);
  g_test_add_func ("/attest/gui/article-view/speaker-entity", test_speaker_entity);
  g_test_add_func ("/attest/gui/article-view/relabel-delete-undo", test_relabel_delete_undo);
  g_test_add_func ("/attest/gui/article-view/navigation", test_navigation);
  g_test_add_func ("/attest/gui/article-view/resize", test_resize);
  g_test_add_func ("/attest/gui/article-view/link-nearest", test_link_nearest);
  g_test_add_func ("/attest/gui/article-view/label-visible", test_label_visible);
  g_test_add_func ("/attest/gui/article-view/read-only", test_read_only);
  g_test_add_func ("/attest/gui/article-view/cjk", test_cjk);
  g_test_add_func ("/attest/gui/article-view/keyboard-selection", test_keyboard_selection);
  g_test_add_func ("/attest/gui/article-view/extend-to-quotes", test_extend_to_quotes);
  g_test_add_func ("/attest/gui/article-view/suggestions", test_suggestions);
  g_test_add_func ("/attest/gui/article-view/long-line", test_long_line);
  g_test_add_func ("/attest/gui/article-view/unbreakable-line", test_unbreakable_line);
  g_test_add_func ("/attest/gui/article-view/reload-from-disk", test_reload_from_disk);

  return g_test_run ();
}
