/* attest-span-list-model.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "attest-span-list-model.h"

/* AttestSpanItem ---------------------------------------------------------- */

struct _AttestSpanItem
{
  GObject         parent_instance;

  AttestDocument *document;
  char           *id;
  /* The model's id -> item table this item is listed in (not owning its
   * items): the item takes itself out when it goes away. */
  GHashTable     *cache;
};

G_DEFINE_FINAL_TYPE (AttestSpanItem, attest_span_item, G_TYPE_OBJECT)

static void
attest_span_item_finalize (GObject *object)
{
  AttestSpanItem *self = (AttestSpanItem *)object;

  if (self->cache != NULL && g_hash_table_lookup (self->cache, self->id) == self)
    g_hash_table_remove (self->cache, self->id);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->id, g_free);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (attest_span_item_parent_class)->finalize (object);
}

static void
attest_span_item_class_init (AttestSpanItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = attest_span_item_finalize;
}

static void
attest_span_item_init (AttestSpanItem *self)
{
}

const char *
attest_span_item_get_id (AttestSpanItem *self)
{
  g_return_val_if_fail (ATTEST_IS_SPAN_ITEM (self), NULL);

  return self->id;
}

AttestDocument *
attest_span_item_get_document (AttestSpanItem *self)
{
  g_return_val_if_fail (ATTEST_IS_SPAN_ITEM (self), NULL);

  return self->document;
}

AttestSpan *
attest_span_item_get_span (AttestSpanItem *self)
{
  g_return_val_if_fail (ATTEST_IS_SPAN_ITEM (self), NULL);

  return attest_span_store_lookup (attest_document_get_spans (self->document), self->id);
}

/* AttestSpanListModel ---------------------------------------------------- */

struct _AttestSpanListModel
{
  GObject         parent_instance;

  AttestSession  *session;
  AttestDocument *document;
  GSignalGroup   *document_signals;
  GHashTable     *cache;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AttestSpanListModel, attest_span_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_SESSION,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static AttestSpanStore *
get_store (AttestSpanListModel *self)
{
  return self->document != NULL ? attest_document_get_spans (self->document) : NULL;
}

static GType
attest_span_list_model_get_item_type (GListModel *model)
{
  return ATTEST_TYPE_SPAN_ITEM;
}

static guint
attest_span_list_model_get_n_items (GListModel *model)
{
  AttestSpanStore *store = get_store (ATTEST_SPAN_LIST_MODEL (model));

  return store != NULL ? attest_span_store_get_n_spans (store) : 0;
}

static gpointer
attest_span_list_model_get_item (GListModel *model,
                                 guint       position)
{
  AttestSpanListModel *self = ATTEST_SPAN_LIST_MODEL (model);
  AttestSpanStore *store = get_store (self);
  AttestSpanItem *item;
  AttestSpan *span;

  if (store == NULL || !(span = attest_span_store_get_nth (store, position)))
    return NULL;

  if ((item = g_hash_table_lookup (self->cache, span->id)))
    return g_object_ref (item);

  item = g_object_new (ATTEST_TYPE_SPAN_ITEM, NULL);
  item->document = g_object_ref (self->document);
  item->id = g_strdup (span->id);
  item->cache = g_hash_table_ref (self->cache);
  g_hash_table_insert (self->cache, item->id, item);

  return item;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = attest_span_list_model_get_item_type;
  iface->get_n_items = attest_span_list_model_get_n_items;
  iface->get_item = attest_span_list_model_get_item;
}

/* Positions ---------------------------------------------------------------
 *
 * The document tells us about a change after the store has made it, so the
 * old position is worked out from what the signal still knows: for a
 * removed span its key (it is out of the store but not yet freed), for a
 * changed span only its old range (a relabel loses the old label). Ranges
 * are what the order sorts by first, and few spans share one, so the
 * walks below stay short. */

/* The number of spans (other than @skip) before the first one whose range
 * is (@start, @end) or later, and in @n_same how many (other than @skip)
 * have exactly that range. */
static guint
rank_of_range (AttestSpanStore *store,
               guint            start,
               guint            end,
               AttestSpan      *skip,
               guint           *n_same)
{
  AttestSpan *span = attest_span_store_find_from (store, start);
  guint position;
  guint same = 0;

  position = span != NULL ? attest_span_store_get_position (store, span)
                          : attest_span_store_get_n_spans (store);

  for (; span != NULL && span->start == start && span->end < end;
       span = attest_span_store_get_next (store, span))
    position++;

  for (; span != NULL && span->start == start && span->end == end;
       span = attest_span_store_get_next (store, span))
    if (span != skip)
      same++;

  if (skip != NULL && attest_span_store_get_position (store, skip) < position)
    position--;

  *n_same = same;

  return position;
}

/* The position @detached (not in the store) would have in it. */
static guint
rank_of_span (AttestSpanStore  *store,
              const AttestSpan *detached)
{
  AttestSpan *span = attest_span_store_find_from (store, detached->start);
  guint position;

  position = span != NULL ? attest_span_store_get_position (store, span)
                          : attest_span_store_get_n_spans (store);

  for (; span != NULL && attest_span_compare (span, detached) < 0;
       span = attest_span_store_get_next (store, span))
    position++;

  return position;
}

static void
on_span_added (AttestSpanListModel *self,
               AttestSpan          *span,
               AttestDocument      *document)
{
  guint position = attest_span_store_get_position (attest_document_get_spans (document), span);

  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

static void
on_span_removed (AttestSpanListModel *self,
                 AttestSpan          *span,
                 AttestDocument      *document)
{
  guint position = rank_of_span (attest_document_get_spans (document), span);

  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}

static void
on_span_changed (AttestSpanListModel *self,
                 AttestSpan          *span,
                 guint                old_start,
                 guint                old_end,
                 AttestDocument      *document)
{
  AttestSpanStore *store = attest_document_get_spans (document);
  guint old_first, n_old, now, first, last;

  /* The suggested spans' store signals through span-changed too. */
  if (attest_span_store_lookup (store, span->id) != span)
    return;

  if (span->start == old_start && span->end == old_end)
    {
      guint n_same;

      /* Only the spans of this range can have changed places (a relabel);
       * replacing them all is exact whatever the old label was. */
      first = rank_of_range (store, span->start, span->end, NULL, &n_same);
      g_list_model_items_changed (G_LIST_MODEL (self), first, n_same, n_same);
      return;
    }

  /* The old position lies among the spans of the old range; the rows from
   * there to the new position are the only ones that moved. */
  old_first = rank_of_range (store, old_start, old_end, span, &n_old);
  now = attest_span_store_get_position (store, span);
  first = MIN (now, old_first);
  last = MAX (now + 1, old_first + n_old + 1);

  g_list_model_items_changed (G_LIST_MODEL (self), first, last - first, last - first);
}

static void
set_document (AttestSpanListModel *self,
              AttestDocument      *document)
{
  guint removed, added;

  if (self->document == document)
    return;

  removed = g_list_model_get_n_items (G_LIST_MODEL (self));

  g_set_object (&self->document, document);
  g_signal_group_set_target (self->document_signals, document);
  /* Items of the old document keep their own table. */
  g_clear_pointer (&self->cache, g_hash_table_unref);
  self->cache = g_hash_table_new (g_str_hash, g_str_equal);

  added = g_list_model_get_n_items (G_LIST_MODEL (self));
  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, added);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

static void
on_session_document (AttestSpanListModel *self,
                     GParamSpec          *pspec,
                     AttestSession       *session)
{
  set_document (self, attest_session_get_document (session));
}

/* Re-anchoring may flag a span without moving it, which the document does
 * not signal: show every row again once the new text is taken. */
static void
on_session_article_changed (AttestSpanListModel *self,
                            GParamSpec          *pspec,
                            AttestSession       *session)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self));

  if (!attest_session_get_article_changed (session) && n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, n, n);
}

static void
attest_span_list_model_dispose (GObject *object)
{
  AttestSpanListModel *self = (AttestSpanListModel *)object;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  if (self->document_signals != NULL)
    g_signal_group_set_target (self->document_signals, NULL);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (attest_span_list_model_parent_class)->dispose (object);
}

static void
attest_span_list_model_finalize (GObject *object)
{
  AttestSpanListModel *self = (AttestSpanListModel *)object;

  g_clear_pointer (&self->cache, g_hash_table_unref);

  G_OBJECT_CLASS (attest_span_list_model_parent_class)->finalize (object);
}

static void
attest_span_list_model_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  AttestSpanListModel *self = ATTEST_SPAN_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_span_list_model_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  AttestSpanListModel *self = ATTEST_SPAN_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      attest_span_list_model_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_span_list_model_class_init (AttestSpanListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = attest_span_list_model_dispose;
  object_class->finalize = attest_span_list_model_finalize;
  object_class->get_property = attest_span_list_model_get_property;
  object_class->set_property = attest_span_list_model_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         ATTEST_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         ATTEST_TYPE_DOCUMENT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
attest_span_list_model_init (AttestSpanListModel *self)
{
  self->cache = g_hash_table_new (g_str_hash, g_str_equal);
  self->document_signals = g_signal_group_new (ATTEST_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "span-added",
                                 G_CALLBACK (on_span_added), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "span-removed",
                                 G_CALLBACK (on_span_removed), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "span-changed",
                                 G_CALLBACK (on_span_changed), self,
                                 G_CONNECT_SWAPPED);
}

AttestSpanListModel *
attest_span_list_model_new (AttestSession *session)
{
  g_return_val_if_fail (session == NULL || ATTEST_IS_SESSION (session), NULL);

  return g_object_new (ATTEST_TYPE_SPAN_LIST_MODEL,
                       "session", session,
                       NULL);
}

AttestSession *
attest_span_list_model_get_session (AttestSpanListModel *self)
{
  g_return_val_if_fail (ATTEST_IS_SPAN_LIST_MODEL (self), NULL);

  return self->session;
}

void
attest_span_list_model_set_session (AttestSpanListModel *self,
                                    AttestSession       *session)
{
  g_return_if_fail (ATTEST_IS_SPAN_LIST_MODEL (self));
  g_return_if_fail (session == NULL || ATTEST_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);

  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::document",
                               G_CALLBACK (on_session_document), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::article-changed",
                               G_CALLBACK (on_session_article_changed), self,
                               G_CONNECT_SWAPPED);
    }

  set_document (self, session != NULL ? attest_session_get_document (session) : NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

AttestDocument *
attest_span_list_model_get_document (AttestSpanListModel *self)
{
  g_return_val_if_fail (ATTEST_IS_SPAN_LIST_MODEL (self), NULL);

  return self->document;
}

guint
attest_span_list_model_get_position (AttestSpanListModel *self,
                                     const char          *span_id)
{
  AttestSpanStore *store;
  AttestSpan *span;

  g_return_val_if_fail (ATTEST_IS_SPAN_LIST_MODEL (self), GTK_INVALID_LIST_POSITION);

  store = get_store (self);
  if (store == NULL || span_id == NULL || !(span = attest_span_store_lookup (store, span_id)))
    return GTK_INVALID_LIST_POSITION;

  return attest_span_store_get_position (store, span);
}

/* Helpers shared by the sidebars ----------------------------------------- */

AttestRelationType *
attest_speaker_relation_type (AttestTagset *tagset)
{
  AttestRelationType *type;

  if (tagset == NULL)
    return NULL;

  if ((type = attest_tagset_lookup_relation_type (tagset, "said-by")))
    return type;

  for (guint i = 0; i < attest_tagset_get_n_relation_types (tagset); i++)
    {
      type = attest_tagset_get_relation_type (tagset, i);

      for (guint j = 0; type->to != NULL && type->to[j] != NULL; j++)
        {
          AttestLabel *label = attest_tagset_lookup_label (tagset, type->to[j]);

          if (label != NULL && label->entity)
            return type;
        }
    }

  return NULL;
}

char *
attest_span_dup_display_text (AttestDocument   *document,
                              const AttestSpan *span,
                              guint             max_chars)
{
  AttestText *text;
  const char *p, *stop;
  GString *str;
  gboolean space = FALSE;
  guint end;

  g_return_val_if_fail (ATTEST_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (span != NULL, NULL);

  text = attest_document_get_text (document);
  /* A span may cover a whole transcript; a row shows a line or two. */
  end = MIN (span->end, span->start + max_chars);
  p = attest_text_get_pointer (text, span->start);
  stop = attest_text_get_pointer (text, end);
  str = g_string_sized_new (stop - p + 4);

  for (; p < stop; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = TRUE;
          continue;
        }

      if (space && str->len > 0)
        g_string_append_c (str, ' ');
      space = FALSE;
      g_string_append_unichar (str, c);
    }

  if (end < span->end)
    g_string_append (str, "…");

  return g_string_free (str, FALSE);
}

typedef struct
{
  GdkRGBA  color;
  gboolean dashed;
} Chip;

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   width,
                   double   height,
                   double   radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_chip (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  static const double dash[] = { 2.0, 1.5 };
  Chip *chip = user_data;
  double size = MIN (width, height);
  double x = (width - size) / 2.0;
  double y = (height - size) / 2.0;

  if (chip->dashed)
    {
      /* Faint fill and a dashed edge: the span's text needs a look. */
      rounded_rectangle (cr, x + 0.75, y + 0.75, size - 1.5, size - 1.5, 3);
      cairo_set_source_rgba (cr, chip->color.red, chip->color.green, chip->color.blue, 0.3);
      cairo_fill_preserve (cr);
      gdk_cairo_set_source_rgba (cr, &chip->color);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_stroke (cr);
      return;
    }

  rounded_rectangle (cr, x + 0.5, y + 0.5, size - 1, size - 1, 3);
  gdk_cairo_set_source_rgba (cr, &chip->color);
  cairo_fill_preserve (cr);
  /* A hairline keeps pale colours (yellow) visible on a light sidebar. */
  cairo_set_source_rgba (cr, 0, 0, 0, 0.18);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

GtkWidget *
attest_label_chip_new (void)
{
  GtkWidget *area;
  Chip *chip = g_new0 (Chip, 1);

  area = g_object_new (GTK_TYPE_DRAWING_AREA,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                       "content-width", 12,
                       "content-height", 12,
                       "valign", GTK_ALIGN_CENTER,
                       NULL);
  gdk_rgba_parse (&chip->color, "#9a9996");
  g_object_set_data (G_OBJECT (area), "attest-chip", chip);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_chip, chip, g_free);

  return area;
}

void
attest_label_chip_set (GtkWidget  *area,
                       const char *color,
                       gboolean    dashed)
{
  Chip *chip;
  GdkRGBA rgba;

  g_return_if_fail (GTK_IS_DRAWING_AREA (area));

  chip = g_object_get_data (G_OBJECT (area), "attest-chip");
  g_return_if_fail (chip != NULL);

  /* Spans of a label the tag set does not know are grey. */
  if (color == NULL || !gdk_rgba_parse (&rgba, color))
    gdk_rgba_parse (&rgba, "#9a9996");

  if (gdk_rgba_equal (&rgba, &chip->color) && chip->dashed == !!dashed)
    return;

  chip->color = rgba;
  chip->dashed = !!dashed;
  gtk_widget_queue_draw (area);
}
