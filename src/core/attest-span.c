/* attest-span.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-span.h"

G_DEFINE_BOXED_TYPE (AttestSpan, attest_span, attest_span_copy, attest_span_free)
G_DEFINE_BOXED_TYPE (AttestRelation, attest_relation, attest_relation_copy, attest_relation_free)
G_DEFINE_BOXED_TYPE (AttestEntity, attest_entity, attest_entity_copy, attest_entity_free)

static inline const char *
intern_or_null (const char *str)
{
  return str != NULL ? g_intern_string (str) : NULL;
}

/**
 * attest_span_new:
 *
 * Creates a span that is in no store. @id may be NULL: the document gives
 * one when the span is added.
 */
AttestSpan *
attest_span_new (const char *id,
                 const char *label,
                 guint       start,
                 guint       end)
{
  AttestSpan *span;

  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (start <= end, NULL);

  span = g_slice_new0 (AttestSpan);
  span->id = g_strdup (id);
  span->label = g_intern_string (label);
  span->start = start;
  span->end = end;

  return span;
}

AttestSpan *
attest_span_copy (const AttestSpan *span)
{
  AttestSpan *copy;

  g_return_val_if_fail (span != NULL, NULL);

  copy = g_slice_new0 (AttestSpan);
  copy->start = span->start;
  copy->end = span->end;
  copy->flags = span->flags;
  copy->id = g_strdup (span->id);
  copy->label = span->label;
  copy->attrs = g_strdupv (span->attrs);
  copy->note = g_strdup (span->note);
  copy->entity = g_strdup (span->entity);
  copy->by = span->by;
  copy->origin = span->origin;
  copy->created = g_strdup (span->created);
  copy->old_text = g_strdup (span->old_text);
  copy->extra = g_strdup (span->extra);

  return copy;
}

void
attest_span_free (AttestSpan *span)
{
  if (span == NULL)
    return;

  g_free (span->id);
  g_strfreev (span->attrs);
  g_free (span->note);
  g_free (span->entity);
  g_free (span->created);
  g_free (span->old_text);
  g_free (span->extra);
  g_slice_free (AttestSpan, span);
}

int
attest_span_compare (const AttestSpan *a,
                     const AttestSpan *b)
{
  int ret;

  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end < b->end ? -1 : 1;
  if (a->label != b->label && (ret = g_strcmp0 (a->label, b->label)) != 0)
    return ret;
  return attest_id_compare (a->id, b->id);
}

const char *
attest_span_get_attr (const AttestSpan *span,
                      const char       *key)
{
  g_return_val_if_fail (span != NULL, NULL);

  return attest_attrs_get (span->attrs, key);
}

AttestRelation *
attest_relation_new (const char *id,
                     const char *type,
                     const char *from,
                     const char *to)
{
  AttestRelation *relation;

  g_return_val_if_fail (type != NULL, NULL);

  relation = g_slice_new0 (AttestRelation);
  relation->id = g_strdup (id);
  relation->type = g_intern_string (type);
  relation->from = g_strdup (from);
  relation->to = g_strdup (to);

  return relation;
}

AttestRelation *
attest_relation_copy (const AttestRelation *relation)
{
  AttestRelation *copy;

  g_return_val_if_fail (relation != NULL, NULL);

  copy = attest_relation_new (relation->id, relation->type, relation->from, relation->to);
  copy->attrs = g_strdupv (relation->attrs);
  copy->by = relation->by;
  copy->origin = relation->origin;
  copy->created = g_strdup (relation->created);
  copy->extra = g_strdup (relation->extra);

  return copy;
}

void
attest_relation_free (AttestRelation *relation)
{
  if (relation == NULL)
    return;

  g_free (relation->id);
  g_free (relation->from);
  g_free (relation->to);
  g_strfreev (relation->attrs);
  g_free (relation->created);
  g_free (relation->extra);
  g_slice_free (AttestRelation, relation);
}

AttestEntity *
attest_entity_new (const char *id,
                   const char *name,
                   const char *kind)
{
  AttestEntity *entity;

  entity = g_slice_new0 (AttestEntity);
  entity->id = g_strdup (id);
  entity->name = g_strdup (name);
  entity->kind = intern_or_null (kind);

  return entity;
}

AttestEntity *
attest_entity_copy (const AttestEntity *entity)
{
  AttestEntity *copy;

  g_return_val_if_fail (entity != NULL, NULL);

  copy = attest_entity_new (entity->id, entity->name, entity->kind);
  copy->wikidata = g_strdup (entity->wikidata);
  copy->aliases = g_strdupv (entity->aliases);
  copy->extra = g_strdup (entity->extra);

  return copy;
}

void
attest_entity_free (AttestEntity *entity)
{
  if (entity == NULL)
    return;

  g_free (entity->id);
  g_free (entity->name);
  g_free (entity->wikidata);
  g_strfreev (entity->aliases);
  g_free (entity->extra);
  g_slice_free (AttestEntity, entity);
}

AttestRejected *
attest_rejected_new (const char *label,
                     guint       start,
                     guint       end,
                     const char *rule)
{
  AttestRejected *rejected;

  g_return_val_if_fail (label != NULL, NULL);

  rejected = g_slice_new0 (AttestRejected);
  rejected->label = g_intern_string (label);
  rejected->start = start;
  rejected->end = end;
  rejected->rule = g_strdup (rule);

  return rejected;
}

AttestRejected *
attest_rejected_copy (const AttestRejected *rejected)
{
  AttestRejected *copy;

  g_return_val_if_fail (rejected != NULL, NULL);

  copy = attest_rejected_new (rejected->label, rejected->start, rejected->end, rejected->rule);
  copy->extra = g_strdup (rejected->extra);

  return copy;
}

void
attest_rejected_free (AttestRejected *rejected)
{
  if (rejected == NULL)
    return;

  g_free (rejected->rule);
  g_free (rejected->extra);
  g_slice_free (AttestRejected, rejected);
}

gboolean
attest_id_parse (const char *id,
                 gsize      *prefix_len,
                 guint64    *number)
{
  const char *p;
  guint64 n = 0;

  if (id == NULL)
    return FALSE;

  for (p = id; *p >= 'a' && *p <= 'z'; p++)
    ;
  if (p == id || *p < '1' || *p > '9')
    return FALSE;

  if (prefix_len != NULL)
    *prefix_len = p - id;

  for (; *p != '\0'; p++)
    {
      if (*p < '0' || *p > '9')
        return FALSE;
      /* Past 2^63 the id is not one of ours: compare it as bytes. */
      if (n > (G_MAXUINT64 / 10) - 1)
        return FALSE;
      n = n * 10 + (guint64) (*p - '0');
    }

  if (number != NULL)
    *number = n;

  return TRUE;
}

int
attest_id_compare (const char *a,
                   const char *b)
{
  gsize alen, blen;
  guint64 an, bn;
  gboolean aok, bok;
  int ret;

  if (a == b)
    return 0;
  if (a == NULL)
    return -1;
  if (b == NULL)
    return 1;

  aok = attest_id_parse (a, &alen, &an);
  bok = attest_id_parse (b, &blen, &bn);

  /* Our own ids ("s2", "s10") sort numerically within their prefix, and
   * before ids of any other shape. */
  if (aok && bok)
    {
      if (alen == blen && (ret = memcmp (a, b, alen)) == 0)
        return an < bn ? -1 : (an > bn ? 1 : 0);
      return strcmp (a, b) < 0 ? -1 : 1;
    }
  if (aok != bok)
    return aok ? -1 : 1;

  return strcmp (a, b);
}

int
attest_relation_compare_ids (gconstpointer a,
                             gconstpointer b)
{
  const AttestRelation *ra = *(const AttestRelation * const *) a;
  const AttestRelation *rb = *(const AttestRelation * const *) b;

  return attest_id_compare (ra->id, rb->id);
}

int
attest_entity_compare_ids (gconstpointer a,
                           gconstpointer b)
{
  const AttestEntity *ea = *(const AttestEntity * const *) a;
  const AttestEntity *eb = *(const AttestEntity * const *) b;

  return attest_id_compare (ea->id, eb->id);
}

const char *
attest_attrs_get (char * const *attrs,
                  const char   *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  if (attrs == NULL)
    return NULL;

  for (guint i = 0; attrs[i] != NULL && attrs[i + 1] != NULL; i += 2)
    {
      if (strcmp (attrs[i], key) == 0)
        return attrs[i + 1];
    }

  return NULL;
}

guint
attest_attrs_count (char * const *attrs)
{
  guint n = 0;

  if (attrs == NULL)
    return 0;

  while (attrs[n] != NULL)
    n++;

  return n / 2;
}

/**
 * attest_attrs_set:
 * @attrs: (transfer full) (nullable): an attribute vector
 *
 * Sets @key to @value, keeping the keys sorted; a NULL @value removes the
 * key. Returns the new vector (which may be NULL when empty).
 */
char **
attest_attrs_set (char       **attrs,
                  const char  *key,
                  const char  *value)
{
  guint n = attest_attrs_count (attrs);
  guint i;
  char **ret;

  g_return_val_if_fail (key != NULL, attrs);

  for (i = 0; i < n; i++)
    {
      int cmp = strcmp (attrs[2 * i], key);

      if (cmp == 0)
        {
          if (value != NULL)
            {
              g_free (attrs[2 * i + 1]);
              attrs[2 * i + 1] = g_strdup (value);
              return attrs;
            }

          g_free (attrs[2 * i]);
          g_free (attrs[2 * i + 1]);
          memmove (&attrs[2 * i], &attrs[2 * i + 2], sizeof (char *) * (2 * (n - i - 1) + 1));
          if (n == 1)
            {
              g_free (attrs);
              return NULL;
            }
          return attrs;
        }

      if (cmp > 0)
        break;
    }

  if (value == NULL)
    return attrs;

  ret = g_renew (char *, attrs, 2 * (n + 1) + 1);
  if (attrs == NULL)
    ret[0] = NULL;
  memmove (&ret[2 * i + 2], &ret[2 * i], sizeof (char *) * (2 * (n - i) + 1));
  ret[2 * i] = g_strdup (key);
  ret[2 * i + 1] = g_strdup (value);

  return ret;
}

gboolean
attest_attrs_equal (char * const *a,
                    char * const *b)
{
  guint n = attest_attrs_count (a);

  if (n != attest_attrs_count (b))
    return FALSE;

  for (guint i = 0; i < 2 * n; i++)
    {
      if (strcmp (a[i], b[i]) != 0)
        return FALSE;
    }

  return TRUE;
}
