/* attest-span-store.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-span.h"
#include "attest-span-store.h"

/* The tree nodes live inside AttestSpan (node_* members) so a span costs
 * one allocation plus its strings, and the id table is the only other
 * per-span cost. Priorities come from a per-store xorshift generator with
 * a fixed seed, so a store built the same way has the same shape. */

struct _AttestSpanStore
{
  AttestSpan *root;
  GHashTable *by_id;      /* id -> span, not owning keys or values */
  GHashTable *max_ids;    /* interned prefix -> guint64 * */
  guint32     rng;
};

#define SIZE(n)    ((n) != NULL ? (n)->node_size : 0)

static inline guint32
next_priority (AttestSpanStore *self)
{
  guint32 x = self->rng;

  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  self->rng = x;

  return x;
}

static inline void
update (AttestSpan *node)
{
  guint max_end = node->end;

  if (node->node_left != NULL && node->node_left->node_max_end > max_end)
    max_end = node->node_left->node_max_end;
  if (node->node_right != NULL && node->node_right->node_max_end > max_end)
    max_end = node->node_right->node_max_end;

  node->node_max_end = max_end;
  node->node_size = 1 + SIZE (node->node_left) + SIZE (node->node_right);
}

static void
update_to_root (AttestSpan *node)
{
  for (; node != NULL; node = node->node_parent)
    update (node);
}

static inline void
replace_child (AttestSpanStore *self,
               AttestSpan      *parent,
               AttestSpan      *old_child,
               AttestSpan      *new_child)
{
  if (parent == NULL)
    self->root = new_child;
  else if (parent->node_left == old_child)
    parent->node_left = new_child;
  else
    parent->node_right = new_child;

  if (new_child != NULL)
    new_child->node_parent = parent;
}

/* Rotates @node up over its parent. */
static void
rotate_up (AttestSpanStore *self,
           AttestSpan      *node)
{
  AttestSpan *parent = node->node_parent;
  AttestSpan *grand = parent->node_parent;

  g_assert (parent != NULL);

  if (parent->node_left == node)
    {
      parent->node_left = node->node_right;
      if (node->node_right != NULL)
        node->node_right->node_parent = parent;
      node->node_right = parent;
    }
  else
    {
      parent->node_right = node->node_left;
      if (node->node_left != NULL)
        node->node_left->node_parent = parent;
      node->node_left = parent;
    }

  parent->node_parent = node;
  replace_child (self, grand, parent, node);

  update (parent);
  update (node);
}

static void
tree_insert (AttestSpanStore *self,
             AttestSpan      *span)
{
  AttestSpan *parent = NULL;
  AttestSpan **link = &self->root;

  span->node_left = NULL;
  span->node_right = NULL;
  span->node_priority = next_priority (self);
  span->node_size = 1;
  span->node_max_end = span->end;

  while (*link != NULL)
    {
      parent = *link;
      if (attest_span_compare (span, parent) < 0)
        link = &parent->node_left;
      else
        link = &parent->node_right;
    }

  *link = span;
  span->node_parent = parent;
  update_to_root (parent);

  while (span->node_parent != NULL &&
         span->node_parent->node_priority < span->node_priority)
    rotate_up (self, span);

  update_to_root (span->node_parent);
}

static void
tree_remove (AttestSpanStore *self,
             AttestSpan      *span)
{
  AttestSpan *parent;

  /* Rotate the node down until it has at most one child. */
  while (span->node_left != NULL && span->node_right != NULL)
    {
      if (span->node_left->node_priority > span->node_right->node_priority)
        rotate_up (self, span->node_left);
      else
        rotate_up (self, span->node_right);
    }

  parent = span->node_parent;
  replace_child (self, parent, span,
                 span->node_left != NULL ? span->node_left : span->node_right);
  update_to_root (parent);

  span->node_left = span->node_right = span->node_parent = NULL;
  span->node_size = 0;
}

static void
note_id (AttestSpanStore *self,
         const char      *id)
{
  gsize prefix_len;
  guint64 number;
  g_autofree char *prefix = NULL;
  guint64 *max;

  if (!attest_id_parse (id, &prefix_len, &number))
    return;

  prefix = g_strndup (id, prefix_len);
  max = g_hash_table_lookup (self->max_ids, g_intern_string (prefix));
  if (max == NULL)
    {
      max = g_new0 (guint64, 1);
      g_hash_table_insert (self->max_ids, (gpointer) g_intern_string (prefix), max);
    }
  if (number > *max)
    *max = number;
}

AttestSpanStore *
attest_span_store_new (void)
{
  AttestSpanStore *self = g_new0 (AttestSpanStore, 1);

  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->max_ids = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->rng = 0x9E3779B9u;

  return self;
}

static void
free_subtree (AttestSpan *node)
{
  while (node != NULL)
    {
      AttestSpan *right = node->node_right;

      free_subtree (node->node_left);
      attest_span_free (node);
      node = right;
    }
}

void
attest_span_store_free (AttestSpanStore *self)
{
  if (self == NULL)
    return;

  free_subtree (self->root);
  g_hash_table_unref (self->by_id);
  g_hash_table_unref (self->max_ids);
  g_free (self);
}

guint
attest_span_store_get_n_spans (AttestSpanStore *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return SIZE (self->root);
}

void
attest_span_store_insert (AttestSpanStore *self,
                          AttestSpan      *span)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (span != NULL);
  g_return_if_fail (span->id != NULL);
  g_return_if_fail (span->start <= span->end);
  g_return_if_fail (!g_hash_table_contains (self->by_id, span->id));

  g_hash_table_insert (self->by_id, span->id, span);
  note_id (self, span->id);
  tree_insert (self, span);
}

AttestSpan *
attest_span_store_steal (AttestSpanStore *self,
                         AttestSpan      *span)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (span != NULL, NULL);
  g_return_val_if_fail (g_hash_table_lookup (self->by_id, span->id) == span, NULL);

  g_hash_table_remove (self->by_id, span->id);
  tree_remove (self, span);

  return span;
}

void
attest_span_store_remove (AttestSpanStore *self,
                          AttestSpan      *span)
{
  attest_span_free (attest_span_store_steal (self, span));
}

AttestSpan *
attest_span_store_lookup (AttestSpanStore *self,
                          const char      *id)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (id == NULL)
    return NULL;

  return g_hash_table_lookup (self->by_id, id);
}

void
attest_span_store_move (AttestSpanStore *self,
                        AttestSpan      *span,
                        guint            start,
                        guint            end)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (span != NULL);
  g_return_if_fail (start <= end);

  tree_remove (self, span);
  span->start = start;
  span->end = end;
  tree_insert (self, span);
}

void
attest_span_store_relabel (AttestSpanStore *self,
                           AttestSpan      *span,
                           const char      *label)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (span != NULL);
  g_return_if_fail (label != NULL);

  tree_remove (self, span);
  span->label = g_intern_string (label);
  tree_insert (self, span);
}

static AttestSpan *
leftmost (AttestSpan *node)
{
  if (node != NULL)
    while (node->node_left != NULL)
      node = node->node_left;
  return node;
}

static AttestSpan *
rightmost (AttestSpan *node)
{
  if (node != NULL)
    while (node->node_right != NULL)
      node = node->node_right;
  return node;
}

AttestSpan *
attest_span_store_get_first (AttestSpanStore *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return leftmost (self->root);
}

AttestSpan *
attest_span_store_get_last (AttestSpanStore *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return rightmost (self->root);
}

AttestSpan *
attest_span_store_get_next (AttestSpanStore *self,
                            AttestSpan      *span)
{
  g_return_val_if_fail (span != NULL, NULL);

  if (span->node_right != NULL)
    return leftmost (span->node_right);

  while (span->node_parent != NULL && span->node_parent->node_right == span)
    span = span->node_parent;

  return span->node_parent;
}

AttestSpan *
attest_span_store_get_prev (AttestSpanStore *self,
                            AttestSpan      *span)
{
  g_return_val_if_fail (span != NULL, NULL);

  if (span->node_left != NULL)
    return rightmost (span->node_left);

  while (span->node_parent != NULL && span->node_parent->node_left == span)
    span = span->node_parent;

  return span->node_parent;
}

AttestSpan *
attest_span_store_get_nth (AttestSpanStore *self,
                           guint            position)
{
  AttestSpan *node;

  g_return_val_if_fail (self != NULL, NULL);

  node = self->root;
  while (node != NULL)
    {
      guint left = SIZE (node->node_left);

      if (position < left)
        node = node->node_left;
      else if (position == left)
        return node;
      else
        {
          position -= left + 1;
          node = node->node_right;
        }
    }

  return NULL;
}

guint
attest_span_store_get_position (AttestSpanStore *self,
                                AttestSpan      *span)
{
  guint position;

  g_return_val_if_fail (span != NULL, 0);

  position = SIZE (span->node_left);
  for (; span->node_parent != NULL; span = span->node_parent)
    {
      if (span->node_parent->node_right == span)
        position += SIZE (span->node_parent->node_left) + 1;
    }

  return position;
}

AttestSpan *
attest_span_store_find_from (AttestSpanStore *self,
                             guint            offset)
{
  AttestSpan *node;
  AttestSpan *best = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  node = self->root;
  while (node != NULL)
    {
      if (node->start >= offset)
        {
          best = node;
          node = node->node_left;
        }
      else
        node = node->node_right;
    }

  return best;
}

typedef struct
{
  guint          start;
  guint          end;      /* exclusive; > start */
  AttestSpanFunc func;
  gpointer       user_data;
} RangeQuery;

static inline gboolean
query_matches (const RangeQuery *q,
               const AttestSpan *span)
{
  if (span->start == span->end)
    return span->start >= q->start && span->start < q->end;

  return span->start < q->end && span->end > q->start;
}

/* In-order walk that skips subtrees ending before the query and stops at
 * the first span starting after it. Returns FALSE to stop. */
static gboolean
query_subtree (const RangeQuery *q,
               AttestSpan       *node)
{
  while (node != NULL)
    {
      if (node->node_max_end < q->start)
        return TRUE;

      if (!query_subtree (q, node->node_left))
        return FALSE;

      if (node->start >= q->end)
        return FALSE;

      if (query_matches (q, node) && !q->func (node, q->user_data))
        return FALSE;

      node = node->node_right;
    }

  return TRUE;
}

void
attest_span_store_foreach_in_range (AttestSpanStore *self,
                                    guint            start,
                                    guint            end,
                                    AttestSpanFunc   func,
                                    gpointer         user_data)
{
  RangeQuery q;

  g_return_if_fail (self != NULL);
  g_return_if_fail (func != NULL);

  q.start = start;
  q.end = MAX (end, start + 1);
  q.func = func;
  q.user_data = user_data;

  query_subtree (&q, self->root);
}

void
attest_span_store_foreach_at (AttestSpanStore *self,
                              guint            offset,
                              AttestSpanFunc   func,
                              gpointer         user_data)
{
  attest_span_store_foreach_in_range (self, offset, offset + 1, func, user_data);
}

void
attest_span_store_foreach (AttestSpanStore *self,
                           AttestSpanFunc   func,
                           gpointer         user_data)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (func != NULL);

  for (AttestSpan *span = leftmost (self->root); span != NULL;)
    {
      /* Fetch the next first: @func may remove @span. */
      AttestSpan *next = attest_span_store_get_next (self, span);

      if (!func (span, user_data))
        break;
      span = next;
    }
}

static gboolean
collect_cb (AttestSpan *span,
            gpointer    user_data)
{
  g_ptr_array_add (user_data, span);
  return TRUE;
}

GPtrArray *
attest_span_store_get_at (AttestSpanStore *self,
                          guint            offset)
{
  GPtrArray *ar = g_ptr_array_new ();

  attest_span_store_foreach_at (self, offset, collect_cb, ar);

  return ar;
}

GPtrArray *
attest_span_store_get_in_range (AttestSpanStore *self,
                                guint            start,
                                guint            end)
{
  GPtrArray *ar = g_ptr_array_new ();

  attest_span_store_foreach_in_range (self, start, end, collect_cb, ar);

  return ar;
}

guint64
attest_span_store_get_max_id (AttestSpanStore *self,
                              const char      *prefix)
{
  guint64 *max;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (prefix != NULL, 0);

  max = g_hash_table_lookup (self->max_ids, g_intern_string (prefix));

  return max != NULL ? *max : 0;
}

static gboolean
check_subtree (AttestSpan *node,
               AttestSpan *parent)
{
  guint max_end;

  if (node == NULL)
    return TRUE;

  if (node->node_parent != parent)
    return FALSE;
  if (parent != NULL && node->node_priority > parent->node_priority)
    return FALSE;
  if (node->node_left != NULL && attest_span_compare (node->node_left, node) >= 0)
    return FALSE;
  if (node->node_right != NULL && attest_span_compare (node->node_right, node) <= 0)
    return FALSE;

  if (!check_subtree (node->node_left, node) || !check_subtree (node->node_right, node))
    return FALSE;

  max_end = node->end;
  if (node->node_left != NULL)
    max_end = MAX (max_end, node->node_left->node_max_end);
  if (node->node_right != NULL)
    max_end = MAX (max_end, node->node_right->node_max_end);

  return node->node_max_end == max_end &&
         node->node_size == 1 + SIZE (node->node_left) + SIZE (node->node_right);
}

gboolean
attest_span_store_check (AttestSpanStore *self)
{
  AttestSpan *prev = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!check_subtree (self->root, NULL))
    return FALSE;

  /* Full order (children are checked against their parent only). */
  for (AttestSpan *span = leftmost (self->root); span != NULL;
       span = attest_span_store_get_next (self, span))
    {
      if (prev != NULL && attest_span_compare (prev, span) >= 0)
        return FALSE;
      if (g_hash_table_lookup (self->by_id, span->id) != span)
        return FALSE;
      prev = span;
    }

  return g_hash_table_size (self->by_id) == SIZE (self->root);
}
