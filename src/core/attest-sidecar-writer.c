/* attest-sidecar-writer.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-document.h"
#include "attest-json-writer.h"
#include "attest-sidecar.h"
#include "attest-sidecar-private.h"
#include "attest-span.h"
#include "attest-span-store.h"
#include "attest-text.h"
#include "attest-version.h"

/* The deterministic sidecar writer. Every byte of the layout is decided
 * here, so two saves of the same annotations are the same file and a
 * diff of two versions shows one line per changed span. */


static inline void
append_uint (GString *out,
             guint64  value)
{
  char buf[24];
  char *p = buf + sizeof buf;

  do
    {
      *--p = '0' + (value % 10);
      value /= 10;
    }
  while (value != 0);

  attest_json_append_len (out, p, buf + sizeof buf - p);
}

/* The known members of the per-line objects are written with their keys
 * as literals: no strlen and no escaping scan for the key. */
#define append_member(out, key, value) \
  G_STMT_START { \
    attest_json_append_literal ((out), ", \"" key "\": "); \
    attest_json_append_string ((out), (value), -1); \
  } G_STMT_END

#define append_optional_member(out, key, value) \
  G_STMT_START { \
    const char *_v = (value); \
    if (_v != NULL) \
      append_member ((out), key, _v); \
  } G_STMT_END

/* Values the format requires but a broken document may lack are written
 * as null, which the reader reports by member name. */
static inline void
append_string_or_null (GString    *out,
                       const char *value)
{
  if (value != NULL)
    attest_json_append_string (out, value, -1);
  else
    attest_json_append_literal (out, "null");
}

/* Unknown members are kept as one canonical members string; where the
 * sidecar puts one member per line, split it at the commas that separate
 * members (outside strings and nested values). */
static const char *
next_member_end (const char *p)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  g_assert (p != NULL);

  for (; *p != '\0'; p++)
    {
      if (in_string)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          else if (*p == '"')
            in_string = FALSE;
          continue;
        }

      switch (*p)
        {
        case '"':
          in_string = TRUE;
          break;
        case '{':
        case '[':
          depth++;
          break;
        case '}':
        case ']':
          if (depth > 0)
            depth--;
          break;
        case ',':
          if (depth == 0)
            return p;
          break;
        default:
          break;
        }
    }

  return p;
}

/* Appends each member of @members on a line of its own at @indent, the
 * last one closing the object: no comma after it. */
static void
append_members_lines (GString    *out,
                      const char *members,
                      const char *indent)
{
  const char *p = members;

  g_assert (out != NULL);
  g_assert (indent != NULL);

  if (members == NULL)
    return;

  while (*p != '\0')
    {
      const char *end;
      const char *trail;

      while (g_ascii_isspace (*p))
        p++;
      if (*p == '\0')
        break;

      end = next_member_end (p);
      trail = end;
      while (trail > p && g_ascii_isspace (trail[-1]))
        trail--;

      g_string_append (out, indent);
      g_string_append_len (out, p, trail - p);

      p = *end == ',' ? end + 1 : end;
      while (g_ascii_isspace (*p))
        p++;

      g_string_append (out, *p != '\0' ? ",\n" : "\n");
    }
}

static gboolean
has_members (const char *members)
{
  if (members == NULL)
    return FALSE;

  while (g_ascii_isspace (*members))
    members++;

  return *members != '\0';
}

void
attest_sidecar_append_span (GString          *out,
                            AttestText       *text,
                            const AttestSpan *span)
{
  const char *begin;
  const char *end;

  g_assert (out != NULL);
  g_assert (text != NULL);
  g_assert (span != NULL);

  attest_json_append_literal (out, "{\"id\": ");
  append_string_or_null (out, span->id);
  attest_json_append_literal (out, ", \"label\": ");
  append_string_or_null (out, span->label);
  attest_json_append_literal (out, ", \"start\": ");
  append_uint (out, span->start);
  attest_json_append_literal (out, ", \"end\": ");
  append_uint (out, span->end);

  /* Slice the text in place: no allocation per span. */
  begin = attest_text_get_pointer (text, span->start);
  end = attest_text_get_pointer (text, span->end);
  attest_json_append_literal (out, ", \"text\": ");
  attest_json_append_string (out, begin, end > begin ? end - begin : 0);

  if (span->attrs != NULL && span->attrs[0] != NULL)
    {
      gboolean first = FALSE;

      attest_json_member_attrs (out, &first, "attrs", span->attrs);
    }
  append_optional_member (out, "note", span->note);
  append_optional_member (out, "entity", span->entity);
  append_optional_member (out, "by", span->by);
  append_optional_member (out, "origin", span->origin);
  append_optional_member (out, "created", span->created);

  if (span->flags & (ATTEST_SPAN_FLAG_CHANGED | ATTEST_SPAN_FLAG_DELETED))
    {
      if (span->flags & ATTEST_SPAN_FLAG_DELETED)
        attest_json_append_literal (out, ", \"review\": \"deleted\"");
      else
        attest_json_append_literal (out, ", \"review\": \"changed\"");
      append_optional_member (out, "was", span->old_text);
    }

  if (span->extra != NULL && span->extra[0] != '\0')
    {
      attest_json_append_literal (out, ", ");
      g_string_append (out, span->extra);
    }

  g_string_append_c (out, '}');
}

void
attest_sidecar_append_relation (GString              *out,
                                const AttestRelation *relation)
{
  g_assert (out != NULL);
  g_assert (relation != NULL);

  attest_json_append_literal (out, "{\"id\": ");
  append_string_or_null (out, relation->id);
  attest_json_append_literal (out, ", \"type\": ");
  append_string_or_null (out, relation->type);
  attest_json_append_literal (out, ", \"from\": ");
  append_string_or_null (out, relation->from);
  attest_json_append_literal (out, ", \"to\": ");
  append_string_or_null (out, relation->to);
  if (relation->attrs != NULL && relation->attrs[0] != NULL)
    {
      gboolean first = FALSE;

      attest_json_member_attrs (out, &first, "attrs", relation->attrs);
    }
  append_optional_member (out, "by", relation->by);
  append_optional_member (out, "origin", relation->origin);
  append_optional_member (out, "created", relation->created);
  if (relation->extra != NULL && relation->extra[0] != '\0')
    {
      attest_json_append_literal (out, ", ");
      g_string_append (out, relation->extra);
    }
  g_string_append_c (out, '}');
}

void
attest_sidecar_append_entity (GString            *out,
                              const AttestEntity *entity)
{
  gboolean first = FALSE;

  g_assert (out != NULL);
  g_assert (entity != NULL);

  attest_json_append_literal (out, "{\"id\": ");
  append_string_or_null (out, entity->id);
  attest_json_append_literal (out, ", \"name\": ");
  append_string_or_null (out, entity->name);
  append_optional_member (out, "kind", entity->kind);
  append_optional_member (out, "wikidata", entity->wikidata);
  if (entity->aliases != NULL && entity->aliases[0] != NULL)
    attest_json_member_strv (out, &first, "aliases", entity->aliases);
  attest_json_member_raw (out, &first, entity->extra);
  g_string_append_c (out, '}');
}

static void
append_rejected (GString              *out,
                 const AttestRejected *rejected)
{
  gboolean first = FALSE;

  g_assert (out != NULL);
  g_assert (rejected != NULL);

  attest_json_append_literal (out, "{\"label\": ");
  append_string_or_null (out, rejected->label);
  attest_json_append_literal (out, ", \"start\": ");
  append_uint (out, rejected->start);
  attest_json_append_literal (out, ", \"end\": ");
  append_uint (out, rejected->end);
  append_optional_member (out, "rule", rejected->rule);
  attest_json_member_raw (out, &first, rejected->extra);
  g_string_append_c (out, '}');
}

static int
compare_rejected (gconstpointer a,
                  gconstpointer b)
{
  const AttestRejected *ra = *(const AttestRejected * const *) a;
  const AttestRejected *rb = *(const AttestRejected * const *) b;
  int cmp;

  /* The document keeps them in the order they were rejected or read; the
   * file wants one order whatever that history was. */
  if (ra->start != rb->start)
    return ra->start < rb->start ? -1 : 1;
  if (ra->end != rb->end)
    return ra->end < rb->end ? -1 : 1;
  if ((cmp = g_strcmp0 (ra->label, rb->label)) != 0)
    return cmp;
  if ((cmp = g_strcmp0 (ra->rule, rb->rule)) != 0)
    return cmp;
  return g_strcmp0 (ra->extra, rb->extra);
}

/* Copies @array (not owning) and sorts it. */
static GPtrArray *
sorted_copy (GPtrArray        *array,
             GCompareFunc      compare)
{
  GPtrArray *copy;

  g_assert (compare != NULL);

  copy = g_ptr_array_sized_new (array != NULL ? array->len : 0);
  for (guint i = 0; array != NULL && i < array->len; i++)
    g_ptr_array_add (copy, g_ptr_array_index (array, i));
  g_ptr_array_sort (copy, compare);

  return copy;
}

static void
append_meta (GString        *out,
             AttestDocument *document)
{
  static const char * const known[] = { "title", "source_url", "published" };
  char * const *meta = attest_document_get_meta_all (document);
  const char *extra = attest_document_get_extra (document, ATTEST_EXTRA_META);
  gboolean first = TRUE;

  g_assert (out != NULL);

  if ((meta == NULL || meta[0] == NULL) && !has_members (extra))
    return;

  attest_json_append_literal (out, ",\n    \"meta\": {");

  for (guint k = 0; k < G_N_ELEMENTS (known); k++)
    {
      const char *value = attest_attrs_get (meta, known[k]);

      if (value != NULL)
        attest_json_member_string (out, &first, known[k], value);
    }

  for (guint i = 0; meta != NULL && meta[i] != NULL && meta[i + 1] != NULL; i += 2)
    {
      if (g_str_equal (meta[i], "title") ||
          g_str_equal (meta[i], "source_url") ||
          g_str_equal (meta[i], "published"))
        continue;
      attest_json_member_string (out, &first, meta[i], meta[i + 1]);
    }

  attest_json_member_raw (out, &first, extra);
  g_string_append_c (out, '}');
}

typedef void (*AppendItem) (GString       *out,
                            gconstpointer  item);

/* "    \"NAME\": [" then one item a line, inside "suggestions". */
static void
append_suggestion_list (GString    *out,
                        const char *name,
                        GPtrArray  *items,
                        AppendItem  append_item,
                        gboolean    last)
{
  g_string_append_printf (out, "    \"%s\": [", name);
  if (items->len > 0)
    {
      attest_json_append_literal (out, "\n");
      for (guint i = 0; i < items->len; i++)
        {
          attest_json_append_literal (out, "      ");
          append_item (out, g_ptr_array_index (items, i));
          g_string_append (out, i + 1 < items->len ? ",\n" : "\n");
        }
      attest_json_append_literal (out, "    ");
    }
  g_string_append (out, last ? "]" : "],\n");
}

static void
append_suggestions (GString        *out,
                    AttestDocument *document,
                    AttestText     *text,
                    gboolean        more)
{
  AttestSpanStore *spans = attest_document_get_suggested_spans (document);
  /* The document keeps suggested relations in id order already. */
  GPtrArray *relations = attest_document_get_suggested_relations (document);
  g_autoptr(GPtrArray) rejected = sorted_copy (attest_document_get_rejected (document),
                                               compare_rejected);
  const char *extra = attest_document_get_extra (document, ATTEST_EXTRA_SUGGESTIONS);
  guint n_spans = spans != NULL ? attest_span_store_get_n_spans (spans) : 0;

  g_assert (out != NULL);

  if (n_spans == 0 && relations->len == 0 && rejected->len == 0)
    {
      gboolean first = FALSE;

      attest_json_append_literal (out, "  \"suggestions\": "
                           "{\"spans\": [], \"relations\": [], \"rejected\": []");
      attest_json_member_raw (out, &first, extra);
      g_string_append (out, more ? "},\n" : "}\n");
      return;
    }

  attest_json_append_literal (out, "  \"suggestions\": {\n");

  if (n_spans == 0)
    {
      attest_json_append_literal (out, "    \"spans\": [],\n");
    }
  else
    {
      attest_json_append_literal (out, "    \"spans\": [\n");
      for (AttestSpan *span = attest_span_store_get_first (spans);
           span != NULL;
           span = attest_span_store_get_next (spans, span))
        {
          attest_json_append_literal (out, "      ");
          attest_sidecar_append_span (out, text, span);
          g_string_append (out, attest_span_store_get_next (spans, span) != NULL ? ",\n" : "\n");
        }
      attest_json_append_literal (out, "    ],\n");
    }

  append_suggestion_list (out, "relations", relations, (AppendItem) attest_sidecar_append_relation, FALSE);
  append_suggestion_list (out, "rejected", rejected, (AppendItem) append_rejected, TRUE);

  if (has_members (extra))
    {
      attest_json_append_literal (out, ",\n");
      append_members_lines (out, extra, "    ");
    }
  else
    {
      g_string_append_c (out, '\n');
    }

  g_string_append (out, more ? "  },\n" : "  }\n");
}

/* The "document" object, one member per line. */
static void
append_document (GString        *out,
                 AttestDocument *document,
                 AttestText     *text)
{
  const char *str;

  g_assert (out != NULL);
  g_assert (text != NULL);

  attest_json_append_literal (out, ",\n  \"document\": {\n    \"file\": ");
  str = attest_document_get_file_name (document);
  attest_json_append_string (out, str != NULL ? str : "", -1);
  attest_json_append_literal (out, ",\n    \"sha256\": \"");
  g_string_append (out, attest_text_get_sha256 (text));
  attest_json_append_literal (out, "\",\n    \"length\": ");
  append_uint (out, attest_text_get_length (text));
  attest_json_append_literal (out, ",\n    \"status\": ");
  str = attest_status_to_string (attest_document_get_status (document));
  attest_json_append_string (out, str, -1);
  if ((str = attest_document_get_language (document)) != NULL)
    {
      attest_json_append_literal (out, ",\n    \"language\": ");
      attest_json_append_string (out, str, -1);
    }
  append_meta (out, document);
  str = attest_document_get_extra (document, ATTEST_EXTRA_DOCUMENT);
  if (has_members (str))
    {
      attest_json_append_literal (out, ",\n");
      append_members_lines (out, str, "    ");
    }
  else
    {
      g_string_append_c (out, '\n');
    }
}

typedef enum
{
  STAGE_HEAD,
  STAGE_SPANS,
  STAGE_RELATIONS,
  STAGE_TAIL,
  STAGE_DONE,
} Stage;

struct _AttestSidecarWriter
{
  AttestDocument *document;
  char           *generator;
  GString        *out;
  Stage           stage;
  AttestSpan     *next_span;
  guint           next_relation;
};

/* How many records to write between looks at the clock. */
#define CHUNK 256

/**
 * attest_sidecar_writer_new:
 * @document: a document
 * @generator: the "generator" member
 *
 * A serializer that can stop and go on, so a large document can be
 * written from the main loop in slices that never stall it. @document
 * must not change between steps: whoever drives the writer drops it and
 * starts again when it does.
 */
AttestSidecarWriter *
attest_sidecar_writer_new (AttestDocument *document,
                           const char     *generator)
{
  AttestSidecarWriter *self;
  AttestSpanStore *suggested;
  gsize n_records;

  g_return_val_if_fail (ATTEST_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (attest_document_get_text (document) != NULL, NULL);
  g_return_val_if_fail (generator != NULL, NULL);

  suggested = attest_document_get_suggested_spans (document);
  /* Size the buffer once: the text appears once in full and again sliced
   * in the spans, which cover a fraction of it in a typical article. */
  n_records = (gsize) attest_span_store_get_n_spans (attest_document_get_spans (document)) +
              attest_document_get_n_relations (document) +
              attest_document_get_n_entities (document) +
              (suggested != NULL ? attest_span_store_get_n_spans (suggested) : 0);

  self = g_new0 (AttestSidecarWriter, 1);
  self->document = g_object_ref (document);
  self->generator = g_strdup (generator);
  self->out = g_string_sized_new (attest_text_get_n_bytes (attest_document_get_text (document)) +
                                  200 * n_records + 1024);

  return self;
}

void
attest_sidecar_writer_free (AttestSidecarWriter *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->document);
  g_free (self->generator);
  if (self->out != NULL)
    g_string_free (self->out, TRUE);
  g_free (self);
}

static void
write_head (AttestSidecarWriter *self)
{
  AttestDocument *document = self->document;
  AttestText *text = attest_document_get_text (document);
  GString *out = self->out;
  const char *str;
  gint64 version;

  version = attest_document_get_version (document);
  if (version < ATTEST_SIDECAR_VERSION)
    version = ATTEST_SIDECAR_VERSION;

  attest_json_append_literal (out, "{\n  \"format\": \"attest\",\n  \"version\": ");
  g_string_append_printf (out, "%" G_GINT64_FORMAT, version);
  attest_json_append_literal (out, ",\n  \"generator\": ");
  attest_json_append_string (out, self->generator, -1);

  append_document (out, document, text);
  attest_json_append_literal (out, "  },\n  \"text\": ");
  attest_json_append_string (out, attest_text_get_data (text), attest_text_get_n_bytes (text));
  attest_json_append_literal (out, ",\n");

  if ((str = attest_document_get_tagset_name (document)) != NULL)
    {
      gboolean first = TRUE;

      attest_json_append_literal (out, "  \"tagset\": {");
      attest_json_member_string (out, &first, "name", str);
      attest_json_member_int (out, &first, "version",
                              attest_document_get_tagset_version (document));
      attest_json_member_raw (out, &first,
                              attest_document_get_extra (document, ATTEST_EXTRA_TAGSET));
      attest_json_append_literal (out, "},\n");
    }

  self->next_span = attest_span_store_get_first (attest_document_get_spans (document));
  if (self->next_span != NULL)
    attest_json_append_literal (out, "  \"spans\": [\n");
  else
    attest_json_append_literal (out, "  \"spans\": [],\n");
}

/* The store holds spans in the file's order already. */
static gboolean
write_spans (AttestSidecarWriter *self,
             gint64               deadline)
{
  AttestSpanStore *spans = attest_document_get_spans (self->document);
  AttestText *text = attest_document_get_text (self->document);

  while (self->next_span != NULL)
    {
      for (guint i = 0; i < CHUNK && self->next_span != NULL; i++)
        {
          AttestSpan *span = self->next_span;

          self->next_span = attest_span_store_get_next (spans, span);
          attest_json_append_literal (self->out, "    ");
          attest_sidecar_append_span (self->out, text, span);
          if (self->next_span != NULL)
            attest_json_append_literal (self->out, ",\n");
          else
            attest_json_append_literal (self->out, "\n  ],\n");
        }

      if (self->next_span != NULL && g_get_monotonic_time () >= deadline)
        return FALSE;
    }

  return TRUE;
}

/* Relations and entities: the document keeps them in id order. */
static gboolean
write_relations (AttestSidecarWriter *self,
                 gint64               deadline)
{
  guint n_relations = attest_document_get_n_relations (self->document);

  if (n_relations == 0)
    {
      attest_json_append_literal (self->out, "  \"relations\": [],\n");
      return TRUE;
    }

  if (self->next_relation == 0)
    attest_json_append_literal (self->out, "  \"relations\": [\n");

  while (self->next_relation < n_relations)
    {
      for (guint i = 0; i < CHUNK && self->next_relation < n_relations; i++, self->next_relation++)
        {
          attest_json_append_literal (self->out, "    ");
          attest_sidecar_append_relation (self->out,
                                          attest_document_get_relation (self->document, self->next_relation));
          g_string_append (self->out, self->next_relation + 1 < n_relations ? ",\n" : "\n");
        }

      if (self->next_relation < n_relations && g_get_monotonic_time () >= deadline)
        return FALSE;
    }

  attest_json_append_literal (self->out, "  ],\n");

  return TRUE;
}

static void
write_tail (AttestSidecarWriter *self)
{
  AttestDocument *document = self->document;
  GString *out = self->out;
  guint n_entities = attest_document_get_n_entities (document);
  const char *top_extra;

  if (n_entities == 0)
    {
      attest_json_append_literal (out, "  \"entities\": [],\n");
    }
  else
    {
      attest_json_append_literal (out, "  \"entities\": [\n");
      for (guint i = 0; i < n_entities; i++)
        {
          attest_json_append_literal (out, "    ");
          attest_sidecar_append_entity (out, attest_document_get_entity (document, i));
          g_string_append (out, i + 1 < n_entities ? ",\n" : "\n");
        }
      attest_json_append_literal (out, "  ],\n");
    }

  top_extra = attest_document_get_extra (document, ATTEST_EXTRA_TOP);
  append_suggestions (out, document, attest_document_get_text (document), has_members (top_extra));
  if (has_members (top_extra))
    append_members_lines (out, top_extra, "  ");

  attest_json_append_literal (out, "}\n");
}

/**
 * attest_sidecar_writer_step:
 * @deadline: a g_get_monotonic_time() to stop at, or G_MAXINT64
 *
 * Writes until done or until @deadline has passed (checked every few
 * hundred records). Returns %TRUE when the whole document is written.
 */
gboolean
attest_sidecar_writer_step (AttestSidecarWriter *self,
                            gint64               deadline)
{
  g_return_val_if_fail (self != NULL, TRUE);

  for (;;)
    {
      switch (self->stage)
        {
        case STAGE_HEAD:
          write_head (self);
          self->stage = STAGE_SPANS;
          break;

        case STAGE_SPANS:
          if (!write_spans (self, deadline))
            return FALSE;
          self->stage = STAGE_RELATIONS;
          break;

        case STAGE_RELATIONS:
          if (!write_relations (self, deadline))
            return FALSE;
          self->stage = STAGE_TAIL;
          break;

        case STAGE_TAIL:
          write_tail (self);
          self->stage = STAGE_DONE;
          break;

        case STAGE_DONE:
          return TRUE;

        default:
          g_assert_not_reached ();
        }

      if (self->stage != STAGE_DONE && g_get_monotonic_time () >= deadline)
        return FALSE;
    }
}

/**
 * attest_sidecar_writer_finish:
 *
 * Returns: (transfer full): the bytes, once attest_sidecar_writer_step()
 * returned %TRUE; frees the writer.
 */
GBytes *
attest_sidecar_writer_finish (AttestSidecarWriter *self)
{
  GBytes *bytes;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->stage == STAGE_DONE, NULL);

  bytes = g_string_free_to_bytes (g_steal_pointer (&self->out));
  attest_sidecar_writer_free (self);

  return bytes;
}

/*
 * attest_sidecar_serialize_with_generator:
 *
 * attest_sidecar_serialize() with the "generator" member given: a save
 * signs the file with the Attest that writes it.
 */
GBytes *
attest_sidecar_serialize_with_generator (AttestDocument *document,
                                         const char     *generator)
{
  AttestSidecarWriter *writer = attest_sidecar_writer_new (document, generator);

  attest_sidecar_writer_step (writer, G_MAXINT64);

  return attest_sidecar_writer_finish (writer);
}

/**
 * attest_sidecar_serialize:
 * @document: a document
 *
 * Writes @document in the sidecar format, version 1. The "generator"
 * member is the document's own (as read from its file), or this
 * version of Attest for a new document; attest_sidecar_save() always
 * writes this version of Attest, since it is the program writing the file.
 *
 * Returns: (transfer full): the UTF-8 bytes, ending with a newline.
 */
GBytes *
attest_sidecar_serialize (AttestDocument *document)
{
  const char *generator;

  g_return_val_if_fail (ATTEST_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (attest_document_get_text (document) != NULL, NULL);

  generator = attest_document_get_generator (document);

  if (generator == NULL)
    generator = ATTEST_GENERATOR;

  return attest_sidecar_serialize_with_generator (document, generator);
}
