/* attest-quote-item.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-quote-item.h"

struct _AttestQuoteItem
{
  GObject         parent_instance;

  AttestQuoteRow *row;
  GFile          *article;
  char           *quote_line;   /* made when first asked for */
};

G_DEFINE_FINAL_TYPE (AttestQuoteItem, attest_quote_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ARTICLE,
  PROP_DOCUMENT,
  PROP_QUOTE,
  PROP_QUOTE_LINE,
  PROP_SPEAKER,
  PROP_ENTITY,
  PROP_KIND,
  PROP_QUOTE_ID,
  PROP_START,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
or_empty (const char *str)
{
  return str != NULL ? str : "";
}

/* A quote over several paragraphs in one table row: each run of white
 * space that holds a line break becomes one space. */
static char *
make_line (const char *text)
{
  GString *line = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0';)
    {
      const char *q = p;
      gboolean breaks = FALSE;

      while (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n')
        {
          breaks |= *q == '\r' || *q == '\n';
          q++;
        }
      if (q > p)
        {
          if (breaks)
            g_string_append_c (line, ' ');
          else
            g_string_append_len (line, p, q - p);
          p = q;
          continue;
        }

      q = g_utf8_next_char (p);
      g_string_append_len (line, p, q - p);
      p = q;
    }

  return g_string_free (line, FALSE);
}

static void
attest_quote_item_finalize (GObject *object)
{
  AttestQuoteItem *self = (AttestQuoteItem *)object;

  g_clear_pointer (&self->row, attest_quote_row_free);
  g_clear_object (&self->article);
  g_free (self->quote_line);

  G_OBJECT_CLASS (attest_quote_item_parent_class)->finalize (object);
}

static void
attest_quote_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AttestQuoteItem *self = ATTEST_QUOTE_ITEM (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      g_value_set_object (value, self->article);
      break;

    case PROP_DOCUMENT:
      g_value_set_string (value, or_empty (self->row->document));
      break;

    case PROP_QUOTE:
      g_value_set_string (value, or_empty (self->row->quote));
      break;

    case PROP_QUOTE_LINE:
      if (self->quote_line == NULL)
        self->quote_line = make_line (or_empty (self->row->quote));
      g_value_set_string (value, self->quote_line);
      break;

    case PROP_SPEAKER:
      g_value_set_string (value, or_empty (self->row->speaker));
      break;

    case PROP_ENTITY:
      g_value_set_string (value, or_empty (self->row->entity));
      break;

    case PROP_KIND:
      g_value_set_string (value, or_empty (self->row->kind));
      break;

    case PROP_QUOTE_ID:
      g_value_set_string (value, self->row->quote_id);
      break;

    case PROP_START:
      g_value_set_uint (value, self->row->start);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_quote_item_class_init (AttestQuoteItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = attest_quote_item_finalize;
  object_class->get_property = attest_quote_item_get_property;

  properties[PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DOCUMENT] =
    g_param_spec_string ("document", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_QUOTE] =
    g_param_spec_string ("quote", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_QUOTE_LINE] =
    g_param_spec_string ("quote-line", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SPEAKER] =
    g_param_spec_string ("speaker", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ENTITY] =
    g_param_spec_string ("entity", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_QUOTE_ID] =
    g_param_spec_string ("quote-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_START] =
    g_param_spec_uint ("start", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
attest_quote_item_init (AttestQuoteItem *self)
{
}

/**
 * attest_quote_item_new:
 * @row: (transfer full): the row
 * @article: the article it is in
 *
 * Returns: (transfer full): an item holding @row
 */
AttestQuoteItem *
attest_quote_item_new (AttestQuoteRow *row,
                       GFile          *article)
{
  AttestQuoteItem *self;

  g_return_val_if_fail (row != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (article), NULL);

  self = g_object_new (ATTEST_TYPE_QUOTE_ITEM, NULL);
  self->row = row;
  self->article = g_object_ref (article);

  return self;
}

const AttestQuoteRow *
attest_quote_item_get_row (AttestQuoteItem *self)
{
  g_return_val_if_fail (ATTEST_IS_QUOTE_ITEM (self), NULL);

  return self->row;
}

/**
 * attest_quote_item_get_article:
 *
 * Returns: (transfer none): the article the quote is in
 */
GFile *
attest_quote_item_get_article (AttestQuoteItem *self)
{
  g_return_val_if_fail (ATTEST_IS_QUOTE_ITEM (self), NULL);

  return self->article;
}
