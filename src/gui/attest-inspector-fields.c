/* attest-inspector-fields.c
 *
 * The inspector's own fields: the text, the label and its attributes,
 * the note and the provenance.
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "attest-inspector-private.h"
#include "attest-span-list-model.h"

/* Typing a note is committed after this pause, or when focus leaves. */
#define NOTE_PAUSE_MS 700
/* The text card shows a transcript-sized span's beginning only. */
#define TEXT_MAX_CHARS 2000

/* Shows @value in an entry row unless what it shows already came from
 * the document (then the editor may be typing over it). */
void
_attest_inspector_show_entry_text (GtkWidget  *row,
                                   const char *value,
                                   gboolean    force)
{
  const char *shown = g_object_get_data (G_OBJECT (row), "attest-shown");

  if (value == NULL)
    value = "";

  if (!force && shown != NULL && strcmp (shown, value) == 0)
    return;

  g_object_set_data_full (G_OBJECT (row), "attest-shown", g_strdup (value), g_free);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), value) != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), value);
}

/* An entry row's text about to be committed: remembered as shown, so
 * the document's echo leaves the row (and its cursor) alone. */
char *
_attest_inspector_take_entry_text (GtkWidget *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  g_object_set_data_full (G_OBJECT (row), "attest-shown", g_strdup (text), g_free);

  return g_steal_pointer (&text);
}

static gboolean
runs_equal (const char * const *a,
            const char * const *b,
            guint               n)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (a[i], b[i]) != 0)
      return FALSE;

  return TRUE;
}

/* Changes the combo row's strings in place, and only those that differ:
 * a combo row makes a widget per item of its popover's list on any
 * change, and an edit made from a combo row's own notify::selected can
 * change what it lists, where a new model would free the selection still
 * telling of the change. The speakers of the next quote are mostly those
 * of the last one, shifted, so a shift is found too. */
void
_attest_inspector_set_strings (AdwComboRow        *row,
                               const char * const *strings)
{
  GListModel *model = adw_combo_row_get_model (row);
  g_autoptr(GPtrArray) items = NULL;
  g_autofree const char **old = NULL;
  GtkStringList *list;
  guint n_old, n_new, head = 0, tail = 0;

  if (!GTK_IS_STRING_LIST (model))
    {
      g_autoptr(GtkStringList) fresh = gtk_string_list_new (strings);

      adw_combo_row_set_model (row, G_LIST_MODEL (fresh));
      return;
    }

  list = GTK_STRING_LIST (model);
  n_old = g_list_model_get_n_items (model);
  n_new = g_strv_length ((char **) strings);
  items = g_ptr_array_new_full (n_old, g_object_unref);
  old = g_new0 (const char *, n_old + 1);
  for (guint i = 0; i < n_old; i++)
    {
      GtkStringObject *item = g_list_model_get_item (model, i);

      g_ptr_array_add (items, item);
      old[i] = gtk_string_object_get_string (item);
    }

  while (head < n_old && head < n_new && g_strcmp0 (old[head], strings[head]) == 0)
    head++;
  if (head == n_old && head == n_new)
    return;
  while (tail < n_old - head && tail < n_new - head &&
         g_strcmp0 (old[n_old - 1 - tail], strings[n_new - 1 - tail]) == 0)
    tail++;

  if (tail == 0 && head < n_old && head < n_new)
    {
      /* Moved down the text: [head | gone | kept] -> [head | kept | new]. */
      for (guint k = head + 1; k < n_old; k++)
        {
          guint overlap = n_old - k;

          if (overlap <= n_new - head && runs_equal (old + k, strings + head, overlap))
            {
              gtk_string_list_splice (list, head, k - head, NULL);
              gtk_string_list_splice (list, head + overlap, 0, strings + head + overlap);
              return;
            }
        }

      /* Moved up: [head | kept | gone] -> [head | new | kept]. */
      for (guint k = head + 1; k < n_new; k++)
        {
          guint overlap = n_new - k;

          if (overlap <= n_old - head && runs_equal (strings + k, old + head, overlap))
            {
              g_autofree const char **added = g_new0 (const char *, k - head + 1);

              memcpy (added, strings + head, (k - head) * sizeof (char *));
              gtk_string_list_splice (list, head, 0, added);
              gtk_string_list_splice (list, k + overlap, n_old - head - overlap, NULL);
              return;
            }
        }
    }

  {
    g_autofree const char **middle = g_new0 (const char *, n_new - head - tail + 1);

    memcpy (middle, strings + head, (n_new - head - tail) * sizeof (char *));
    gtk_string_list_splice (list, head, n_old - head - tail, middle);
  }
}

guint
_attest_inspector_string_list_find (GListModel *model,
                                    const char *string)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), string) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* Heading, text and flags ------------------------------------------------- */

void
_attest_inspector_on_reviewed_clicked (AttestInspector *self)
{
  AttestSpan *span = _attest_inspector_get_editable_span (self);

  if (span != NULL)
    attest_history_mark_reviewed (_attest_inspector_get_history (self), span);
}

void
_attest_inspector_update_heading (AttestInspector *self,
                                  AttestSpan      *span,
                                  gboolean         suggestion)
{
  AttestDocument *document = _attest_inspector_get_document (self);
  AttestLabel *label = attest_tagset_lookup_label (self->tagset, span->label);
  g_autofree char *text = attest_span_dup_display_text (document, span, TEXT_MAX_CHARS);
  g_autofree char *range = NULL;
  gboolean flagged = (span->flags & (ATTEST_SPAN_FLAG_CHANGED | ATTEST_SPAN_FLAG_DELETED)) != 0;

  attest_label_chip_set (self->chip, label != NULL ? label->color : NULL, flagged || suggestion);
  if (suggestion)
    {
      /* TRANSLATORS: heading of a suggested span: "Suggested Quote" */
      g_autofree char *heading = g_strdup_printf (_("Suggested %s"),
                                                  label != NULL ? label->name : span->label);
      gtk_label_set_text (self->heading_label, heading);
    }
  else
    gtk_label_set_text (self->heading_label, label != NULL ? label->name : span->label);

  /* TRANSLATORS: the span's offsets in characters, "192–263" */
  range = g_strdup_printf (_("%u–%u"), span->start, span->end);
  gtk_label_set_text (self->range_label, range);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->range_label), _("Offsets in characters"));

  if (*text == '\0')
    {
      gtk_label_set_text (self->text_label, _("(no text)"));
      gtk_widget_add_css_class (GTK_WIDGET (self->text_label), "dim-label");
    }
  else
    {
      gtk_label_set_text (self->text_label, text);
      gtk_widget_remove_css_class (GTK_WIDGET (self->text_label), "dim-label");
    }

  gtk_widget_set_visible (self->flag_box, flagged);
  if (span->flags & ATTEST_SPAN_FLAG_DELETED)
    gtk_label_set_text (self->flag_label,
                        _("The text under this annotation was deleted from the article. "
                          "Move it, or remove it."));
  else if (flagged && span->old_text != NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("The article changed here. This annotation was on “%s”."),
                         span->old_text);
      gtk_label_set_text (self->flag_label, message);
    }
  else if (flagged)
    gtk_label_set_text (self->flag_label, _("The article changed under this annotation."));

  gtk_widget_set_visible (self->suggestion_label, suggestion);
}

/* Label and attributes ---------------------------------------------------- */

static void
on_label_selected (AttestInspector *self,
                   GParamSpec      *pspec,
                   AdwComboRow     *row)
{
  AttestSpan *span = _attest_inspector_get_editable_span (self);
  guint position = adw_combo_row_get_selected (row);
  const char *label;

  if (span == NULL || position >= self->label_ids->len)
    return;

  label = g_ptr_array_index (self->label_ids, position);
  if (label != span->label)
    attest_history_relabel_span (_attest_inspector_get_history (self), span, label);
}

void
_attest_inspector_update_label_row (AttestInspector *self,
                                    AttestSpan      *span)
{
  guint position;

  if (!g_ptr_array_find (self->label_ids, span->label, &position))
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();

      /* A label the tag set does not have (another annotator's tag set)
       * is shown as it is, after the tag set's. */
      g_ptr_array_set_size (self->label_ids, 0);
      for (guint i = 0; self->tagset != NULL && i < attest_tagset_get_n_labels (self->tagset); i++)
        {
          AttestLabel *label = attest_tagset_get_label (self->tagset, i);

          g_ptr_array_add (self->label_ids, (gpointer) label->id);
          g_ptr_array_add (names, label->name);
        }
      position = self->label_ids->len;
      g_ptr_array_add (self->label_ids, (gpointer) span->label);
      g_ptr_array_add (names, (gpointer) span->label);
      g_ptr_array_add (names, NULL);
      _attest_inspector_set_strings (self->label_row, (const char * const *) names->pdata);
    }

  adw_combo_row_set_selected (self->label_row, position);
}

void
_attest_inspector_build_label_model (AttestInspector *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_ptr_array_set_size (self->label_ids, 0);
  for (guint i = 0; self->tagset != NULL && i < attest_tagset_get_n_labels (self->tagset); i++)
    {
      AttestLabel *label = attest_tagset_get_label (self->tagset, i);

      g_ptr_array_add (self->label_ids, (gpointer) label->id);
      g_ptr_array_add (names, label->name);
    }
  g_ptr_array_add (names, NULL);

  self->updating++;
  _attest_inspector_set_strings (self->label_row, (const char * const *) names->pdata);
  self->updating--;
}

static void
on_attr_selected (AttestInspector *self,
                  GParamSpec      *pspec,
                  AdwComboRow     *row)
{
  AttestSpan *span = _attest_inspector_get_editable_span (self);
  const char *key = g_object_get_data (G_OBJECT (row), "attest-attr");
  guint position = adw_combo_row_get_selected (row);
  GtkStringObject *item = adw_combo_row_get_selected_item (row);
  const char *value;

  if (span == NULL || item == NULL)
    return;

  /* Row 0 is "Not Set". */
  value = position == 0 ? NULL : gtk_string_object_get_string (item);
  if (g_strcmp0 (attest_span_get_attr (span, key), value) != 0)
    attest_history_set_span_attr (_attest_inspector_get_history (self), span, key, value);
}

static void
on_attr_apply (AttestInspector *self,
               AdwEntryRow     *row)
{
  AttestSpan *span = _attest_inspector_get_editable_span (self);
  const char *key = g_object_get_data (G_OBJECT (row), "attest-attr");
  g_autofree char *value = _attest_inspector_take_entry_text (GTK_WIDGET (row));

  if (span == NULL)
    return;

  if (g_strcmp0 (attest_span_get_attr (span, key), *value ? value : NULL) != 0)
    attest_history_set_span_attr (_attest_inspector_get_history (self), span, key,
                                  *value ? value : NULL);
}

static void
build_attr_rows (AttestInspector *self,
                 AttestLabel     *label)
{
  for (guint i = 0; i < self->attr_rows->len; i++)
    adw_preferences_group_remove (self->details_group, g_ptr_array_index (self->attr_rows, i));
  g_ptr_array_set_size (self->attr_rows, 0);

  self->attr_label = label != NULL ? label->id : NULL;
  if (label == NULL || label->attributes == NULL)
    return;

  for (guint i = 0; i < label->attributes->len; i++)
    {
      AttestAttribute *attr = g_ptr_array_index (label->attributes, i);
      g_autofree char *name = g_strdup_printf ("attr-%s", attr->id);
      GtkWidget *row;

      if (attr->values != NULL)
        {
          g_autoptr(GtkStringList) values = gtk_string_list_new (NULL);

          /* TRANSLATORS: an attribute without a value */
          gtk_string_list_append (values, _("Not Set"));
          for (guint j = 0; attr->values[j] != NULL; j++)
            gtk_string_list_append (values, attr->values[j]);

          row = g_object_new (ADW_TYPE_COMBO_ROW,
                              "title", attr->name != NULL ? attr->name : attr->id,
                              "use-markup", FALSE,
                              "model", values,
                              NULL);
          g_signal_connect_object (row, "notify::selected",
                                   G_CALLBACK (on_attr_selected), self,
                                   G_CONNECT_SWAPPED);
        }
      else
        {
          row = g_object_new (ADW_TYPE_ENTRY_ROW,
                              "title", attr->name != NULL ? attr->name : attr->id,
                              "use-markup", FALSE,
                              "show-apply-button", TRUE,
                              NULL);
          g_signal_connect_object (row, "apply",
                                   G_CALLBACK (on_attr_apply), self,
                                   G_CONNECT_SWAPPED);
        }

      gtk_widget_set_name (row, name);
      g_object_set_data_full (G_OBJECT (row), "attest-attr", g_strdup (attr->id), g_free);
      adw_preferences_group_add (self->details_group, row);
      g_ptr_array_add (self->attr_rows, row);
    }
}

void
_attest_inspector_update_attr_rows (AttestInspector *self,
                                    AttestSpan      *span,
                                    gboolean         switched)
{
  if (self->attr_label != span->label || self->attr_rows->len == 0)
    build_attr_rows (self, attest_tagset_lookup_label (self->tagset, span->label));

  for (guint i = 0; i < self->attr_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->attr_rows, i);
      const char *key = g_object_get_data (G_OBJECT (row), "attest-attr");
      const char *value = attest_span_get_attr (span, key);

      if (ADW_IS_COMBO_ROW (row))
        {
          GListModel *values = adw_combo_row_get_model (ADW_COMBO_ROW (row));
          guint position = value != NULL ? _attest_inspector_string_list_find (values, value) : 0;

          /* A value outside the tag set's list (an import) still shows. */
          if (position == 0 && value != NULL && g_list_model_get_n_items (values) > 0)
            position = GTK_INVALID_LIST_POSITION;
          if (position == GTK_INVALID_LIST_POSITION)
            {
              position = g_list_model_get_n_items (values);
              gtk_string_list_append (GTK_STRING_LIST (values), value);
            }
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), position);
        }
      else
        _attest_inspector_show_entry_text (row, value, switched);
    }
}

/* Note -------------------------------------------------------------------- */

void
_attest_inspector_commit_note (AttestInspector *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  g_autofree char *text = NULL;
  GtkTextIter start, end;
  AttestSpan *span;

  g_clear_handle_id (&self->note_timeout, g_source_remove);

  if (!(span = _attest_inspector_get_editable_span (self)))
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (text, self->shown_note) == 0)
    return;

  g_free (self->shown_note);
  self->shown_note = g_strdup (text);
  attest_history_set_span_note (_attest_inspector_get_history (self), span, *text ? text : NULL);
}

static gboolean
note_timeout_cb (gpointer user_data)
{
  AttestInspector *self = user_data;

  self->note_timeout = 0;
  _attest_inspector_commit_note (self);

  return G_SOURCE_REMOVE;
}

static void
on_note_changed (AttestInspector *self,
                 GtkTextBuffer   *buffer)
{
  if (self->updating > 0)
    return;

  g_clear_handle_id (&self->note_timeout, g_source_remove);
  self->note_timeout = g_timeout_add (NOTE_PAUSE_MS, note_timeout_cb, self);
}

void
_attest_inspector_update_note (AttestInspector *self,
                               AttestSpan      *span,
                               gboolean         switched)
{
  const char *note = span->note != NULL ? span->note : "";

  if (!switched && g_strcmp0 (self->shown_note, note) == 0)
    return;

  /* The document changed the note (undo): it wins over unsaved typing. */
  g_clear_handle_id (&self->note_timeout, g_source_remove);
  g_free (self->shown_note);
  self->shown_note = g_strdup (note);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), note, -1);
}

/* Provenance -------------------------------------------------------------- */

static char *
describe_origin (const char *origin)
{
  if (origin == NULL || g_str_equal (origin, "manual"))
    return g_strdup (_("Manual"));
  if (g_str_has_prefix (origin, "suggested:"))
    /* TRANSLATORS: the rule that proposed a span, "Suggested: quote-marks" */
    return g_strdup_printf (_("Suggested: %s"), origin + strlen ("suggested:"));
  if (g_str_has_prefix (origin, "imported:"))
    /* TRANSLATORS: the format a span came from, "Imported: brat" */
    return g_strdup_printf (_("Imported: %s"), origin + strlen ("imported:"));

  return g_strdup (origin);
}

static char *
describe_created (const char *created)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (created == NULL)
    return g_strdup (_("Unknown"));
  if (!(utc = g_date_time_new_from_iso8601 (created, NULL)))
    return g_strdup (created);

  local = g_date_time_to_local (utc);
  /* TRANSLATORS: when a span was made, in local time; see
   * g_date_time_format() for the codes: "17 November 2026, 10:01" */
  return g_date_time_format (local, _("%-d %B %Y, %H:%M"));
}

void
_attest_inspector_update_provenance (AttestInspector *self,
                                     AttestSpan      *span)
{
  g_autofree char *origin = describe_origin (span->origin);
  g_autofree char *created = describe_created (span->created);

  adw_action_row_set_subtitle (self->annotator_row,
                               span->by != NULL && *span->by ? span->by : _("Unknown"));
  adw_action_row_set_subtitle (self->origin_row, origin);
  adw_action_row_set_subtitle (self->created_row, created);
}

void
_attest_inspector_init_fields (AttestInspector *self)
{
  GtkEventController *focus;

  self->chip = attest_label_chip_new ();
  gtk_box_prepend (self->heading_box, self->chip);

  g_signal_connect_object (self->label_row, "notify::selected",
                           G_CALLBACK (on_label_selected), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (gtk_text_view_get_buffer (self->note_view), "changed",
                           G_CALLBACK (on_note_changed), self,
                           G_CONNECT_SWAPPED);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave",
                           G_CALLBACK (_attest_inspector_commit_note), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->note_view), focus);
}
