/* attest-sidecar.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "attest-document.h"
#include "attest-error.h"
#include "attest-json-writer.h"
#include "attest-sidecar.h"
#include "attest-span.h"
#include "attest-span-store.h"
#include "attest-text.h"
#include "attest-version.h"

/* Paths ------------------------------------------------------------------ */

/**
 * attest_sidecar_path_for_article:
 *
 * Returns: the sidecar path next to @article_path.
 */
char *
attest_sidecar_path_for_article (const char *article_path)
{
  g_return_val_if_fail (article_path != NULL, NULL);

  return g_strconcat (article_path, ATTEST_SIDECAR_SUFFIX, NULL);
}

/**
 * attest_sidecar_is_sidecar_name:
 *
 * Returns: %TRUE if the base name of @path is an article name followed by
 *   the sidecar suffix.
 */
gboolean
attest_sidecar_is_sidecar_name (const char *path)
{
  const char *base;
  gsize len;

  g_return_val_if_fail (path != NULL, FALSE);

  base = strrchr (path, G_DIR_SEPARATOR);
  base = base != NULL ? base + 1 : path;
  len = strlen (base);

  /* ".attest.json" alone names no article. */
  return len > strlen (ATTEST_SIDECAR_SUFFIX) && g_str_has_suffix (base, ATTEST_SIDECAR_SUFFIX);
}

/**
 * attest_sidecar_article_path:
 *
 * Returns: (nullable): the article path for the sidecar @sidecar_path, or
 *   %NULL if it is not a sidecar name.
 */
char *
attest_sidecar_article_path (const char *sidecar_path)
{
  g_return_val_if_fail (sidecar_path != NULL, NULL);

  if (!attest_sidecar_is_sidecar_name (sidecar_path))
    return NULL;

  return g_strndup (sidecar_path, strlen (sidecar_path) - strlen (ATTEST_SIDECAR_SUFFIX));
}

/* Serializing -------------------------------------------------------------- */

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

/* Appends each member of @members on a line of its own at @indent. The
 * last line gets no comma; @more says whether members follow. */
static void
append_members_lines (GString    *out,
                      const char *members,
                      const char *indent,
                      gboolean    more)
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

      g_string_append (out, *p != '\0' || more ? ",\n" : "\n");
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

static void
append_span (GString          *out,
             AttestText       *text,
             const AttestSpan *span)
{
  gboolean first = TRUE;
  const char *begin;
  const char *end;

  g_assert (out != NULL);
  g_assert (text != NULL);
  g_assert (span != NULL);

  g_string_append_c (out, '{');
  attest_json_member_string (out, &first, "id", span->id);
  attest_json_member_string (out, &first, "label", span->label);
  attest_json_member_uint (out, &first, "start", span->start);
  attest_json_member_uint (out, &first, "end", span->end);

  /* Slice the text in place: no allocation per span. */
  begin = attest_text_get_pointer (text, span->start);
  end = attest_text_get_pointer (text, span->end);
  g_string_append_len (out, ", \"text\": ", 10);
  attest_json_append_string (out, begin, end > begin ? end - begin : 0);

  if (span->attrs != NULL && span->attrs[0] != NULL)
    attest_json_member_attrs (out, &first, "attrs", span->attrs);
  if (span->note != NULL)
    attest_json_member_string (out, &first, "note", span->note);
  if (span->entity != NULL)
    attest_json_member_string (out, &first, "entity", span->entity);
  if (span->by != NULL)
    attest_json_member_string (out, &first, "by", span->by);
  if (span->origin != NULL)
    attest_json_member_string (out, &first, "origin", span->origin);
  if (span->created != NULL)
    attest_json_member_string (out, &first, "created", span->created);

  if (span->flags & (ATTEST_SPAN_FLAG_CHANGED | ATTEST_SPAN_FLAG_DELETED))
    {
      attest_json_member_string (out, &first, "review",
                                 (span->flags & ATTEST_SPAN_FLAG_DELETED) ? "deleted" : "changed");
      if (span->old_text != NULL)
        attest_json_member_string (out, &first, "was", span->old_text);
    }

  attest_json_member_raw (out, &first, span->extra);
  g_string_append_c (out, '}');
}

static void
append_relation (GString              *out,
                 const AttestRelation *relation)
{
  gboolean first = TRUE;

  g_assert (out != NULL);
  g_assert (relation != NULL);

  g_string_append_c (out, '{');
  attest_json_member_string (out, &first, "id", relation->id);
  attest_json_member_string (out, &first, "type", relation->type);
  attest_json_member_string (out, &first, "from", relation->from);
  attest_json_member_string (out, &first, "to", relation->to);
  if (relation->attrs != NULL && relation->attrs[0] != NULL)
    attest_json_member_attrs (out, &first, "attrs", relation->attrs);
  if (relation->by != NULL)
    attest_json_member_string (out, &first, "by", relation->by);
  if (relation->origin != NULL)
    attest_json_member_string (out, &first, "origin", relation->origin);
  if (relation->created != NULL)
    attest_json_member_string (out, &first, "created", relation->created);
  attest_json_member_raw (out, &first, relation->extra);
  g_string_append_c (out, '}');
}

static void
append_entity (GString            *out,
               const AttestEntity *entity)
{
  gboolean first = TRUE;

  g_assert (out != NULL);
  g_assert (entity != NULL);

  g_string_append_c (out, '{');
  attest_json_member_string (out, &first, "id", entity->id);
  attest_json_member_string (out, &first, "name", entity->name);
  if (entity->kind != NULL)
    attest_json_member_string (out, &first, "kind", entity->kind);
  if (entity->wikidata != NULL)
    attest_json_member_string (out, &first, "wikidata", entity->wikidata);
  if (entity->aliases != NULL && entity->aliases[0] != NULL)
    attest_json_member_strv (out, &first, "aliases", entity->aliases);
  attest_json_member_raw (out, &first, entity->extra);
  g_string_append_c (out, '}');
}

static void
append_rejected (GString              *out,
                 const AttestRejected *rejected)
{
  gboolean first = TRUE;

  g_assert (out != NULL);
  g_assert (rejected != NULL);

  g_string_append_c (out, '{');
  attest_json_member_string (out, &first, "label", rejected->label);
  attest_json_member_uint (out, &first, "start", rejected->start);
  attest_json_member_uint (out, &first, "end", rejected->end);
  if (rejected->rule != NULL)
    attest_json_member_string (out, &first, "rule", rejected->rule);
  attest_json_member_raw (out, &first, rejected->extra);
  g_string_append_c (out, '}');
}

static int
compare_relation_ids (gconstpointer a,
                      gconstpointer b)
{
  const AttestRelation *ra = *(const AttestRelation * const *) a;
  const AttestRelation *rb = *(const AttestRelation * const *) b;

  return attest_id_compare (ra->id, rb->id);
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

  g_string_append (out, ",\n    \"meta\": {");

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

static void
append_suggestions (GString        *out,
                    AttestDocument *document,
                    AttestText     *text,
                    gboolean        more)
{
  AttestSpanStore *spans = attest_document_get_suggested_spans (document);
  g_autoptr(GPtrArray) relations = sorted_copy (attest_document_get_suggested_relations (document),
                                                compare_relation_ids);
  g_autoptr(GPtrArray) rejected = sorted_copy (attest_document_get_rejected (document),
                                               compare_rejected);
  const char *extra = attest_document_get_extra (document, ATTEST_EXTRA_SUGGESTIONS);
  guint n_spans = spans != NULL ? attest_span_store_get_n_spans (spans) : 0;

  g_assert (out != NULL);

  if (n_spans == 0 && relations->len == 0 && rejected->len == 0)
    {
      gboolean first = FALSE;

      g_string_append (out, "  \"suggestions\": {\"spans\": [], \"relations\": [], \"rejected\": []");
      attest_json_member_raw (out, &first, extra);
      g_string_append (out, more ? "},\n" : "}\n");
      return;
    }

  g_string_append (out, "  \"suggestions\": {\n");

  if (n_spans == 0)
    {
      g_string_append (out, "    \"spans\": [],\n");
    }
  else
    {
      g_string_append (out, "    \"spans\": [\n");
      for (AttestSpan *span = attest_span_store_get_first (spans);
           span != NULL;
           span = attest_span_store_get_next (spans, span))
        {
          g_string_append (out, "      ");
          append_span (out, text, span);
          g_string_append (out, attest_span_store_get_next (spans, span) != NULL ? ",\n" : "\n");
        }
      g_string_append (out, "    ],\n");
    }

  if (relations->len == 0)
    {
      g_string_append (out, "    \"relations\": [],\n");
    }
  else
    {
      g_string_append (out, "    \"relations\": [\n");
      for (guint i = 0; i < relations->len; i++)
        {
          g_string_append (out, "      ");
          append_relation (out, g_ptr_array_index (relations, i));
          g_string_append (out, i + 1 < relations->len ? ",\n" : "\n");
        }
      g_string_append (out, "    ],\n");
    }

  if (rejected->len == 0)
    {
      g_string_append (out, "    \"rejected\": []");
    }
  else
    {
      g_string_append (out, "    \"rejected\": [\n");
      for (guint i = 0; i < rejected->len; i++)
        {
          g_string_append (out, "      ");
          append_rejected (out, g_ptr_array_index (rejected, i));
          g_string_append (out, i + 1 < rejected->len ? ",\n" : "\n");
        }
      g_string_append (out, "    ]");
    }

  if (has_members (extra))
    {
      g_string_append (out, ",\n");
      append_members_lines (out, extra, "    ", FALSE);
    }
  else
    {
      g_string_append_c (out, '\n');
    }

  g_string_append (out, more ? "  },\n" : "  }\n");
}

static GBytes *
serialize (AttestDocument *document,
           const char     *generator)
{
  AttestText *text;
  AttestSpanStore *spans;
  AttestSpanStore *suggested;
  GString *out;
  const char *str;
  const char *top_extra;
  guint n_spans;
  guint n_relations;
  guint n_entities;
  gsize n_records;
  gint64 version;

  g_assert (ATTEST_IS_DOCUMENT (document));
  g_assert (generator != NULL);

  text = attest_document_get_text (document);
  spans = attest_document_get_spans (document);
  suggested = attest_document_get_suggested_spans (document);
  n_spans = spans != NULL ? attest_span_store_get_n_spans (spans) : 0;
  n_relations = attest_document_get_n_relations (document);
  n_entities = attest_document_get_n_entities (document);

  /* Size the buffer once: the text appears once in full and again sliced
   * in the spans, which cover a fraction of it in a typical article. */
  n_records = (gsize) n_spans + n_relations + n_entities +
              (suggested != NULL ? attest_span_store_get_n_spans (suggested) : 0);
  out = g_string_sized_new (attest_text_get_n_bytes (text) + 200 * n_records + 1024);

  version = attest_document_get_version (document);
  if (version < ATTEST_SIDECAR_VERSION)
    version = ATTEST_SIDECAR_VERSION;

  g_string_append (out, "{\n  \"format\": \"attest\",\n  \"version\": ");
  g_string_append_printf (out, "%" G_GINT64_FORMAT, version);
  g_string_append (out, ",\n  \"generator\": ");
  attest_json_append_string (out, generator, -1);

  /* document */
  g_string_append (out, ",\n  \"document\": {\n    \"file\": ");
  str = attest_document_get_file_name (document);
  attest_json_append_string (out, str != NULL ? str : "", -1);
  g_string_append (out, ",\n    \"sha256\": \"");
  g_string_append (out, attest_text_get_sha256 (text));
  g_string_append_printf (out, "\",\n    \"length\": %u", attest_text_get_length (text));
  g_string_append (out, ",\n    \"status\": ");
  attest_json_append_string (out, attest_status_to_string (attest_document_get_status (document)), -1);
  if ((str = attest_document_get_language (document)) != NULL)
    {
      g_string_append (out, ",\n    \"language\": ");
      attest_json_append_string (out, str, -1);
    }
  append_meta (out, document);
  str = attest_document_get_extra (document, ATTEST_EXTRA_DOCUMENT);
  if (has_members (str))
    {
      g_string_append (out, ",\n");
      append_members_lines (out, str, "    ", FALSE);
    }
  else
    {
      g_string_append_c (out, '\n');
    }
  g_string_append (out, "  },\n  \"text\": ");
  attest_json_append_string (out, attest_text_get_data (text), attest_text_get_n_bytes (text));
  g_string_append (out, ",\n");

  /* tagset */
  if ((str = attest_document_get_tagset_name (document)) != NULL)
    {
      gboolean first = TRUE;

      g_string_append (out, "  \"tagset\": {");
      attest_json_member_string (out, &first, "name", str);
      attest_json_member_int (out, &first, "version", attest_document_get_tagset_version (document));
      attest_json_member_raw (out, &first, attest_document_get_extra (document, ATTEST_EXTRA_TAGSET));
      g_string_append (out, "},\n");
    }

  /* spans: the store already holds them in the file's order */
  if (n_spans == 0)
    {
      g_string_append (out, "  \"spans\": [],\n");
    }
  else
    {
      g_string_append (out, "  \"spans\": [\n");
      for (AttestSpan *span = attest_span_store_get_first (spans); span != NULL;)
        {
          AttestSpan *next = attest_span_store_get_next (spans, span);

          g_string_append_len (out, "    ", 4);
          append_span (out, text, span);
          g_string_append_len (out, next != NULL ? ",\n" : "\n", next != NULL ? 2 : 1);
          span = next;
        }
      g_string_append (out, "  ],\n");
    }

  /* relations and entities: the document keeps them in id order */
  if (n_relations == 0)
    {
      g_string_append (out, "  \"relations\": [],\n");
    }
  else
    {
      g_string_append (out, "  \"relations\": [\n");
      for (guint i = 0; i < n_relations; i++)
        {
          g_string_append (out, "    ");
          append_relation (out, attest_document_get_relation (document, i));
          g_string_append (out, i + 1 < n_relations ? ",\n" : "\n");
        }
      g_string_append (out, "  ],\n");
    }

  if (n_entities == 0)
    {
      g_string_append (out, "  \"entities\": [],\n");
    }
  else
    {
      g_string_append (out, "  \"entities\": [\n");
      for (guint i = 0; i < n_entities; i++)
        {
          g_string_append (out, "    ");
          append_entity (out, attest_document_get_entity (document, i));
          g_string_append (out, i + 1 < n_entities ? ",\n" : "\n");
        }
      g_string_append (out, "  ],\n");
    }

  top_extra = attest_document_get_extra (document, ATTEST_EXTRA_TOP);
  append_suggestions (out, document, text, has_members (top_extra));
  if (has_members (top_extra))
    append_members_lines (out, top_extra, "  ", FALSE);

  g_string_append (out, "}\n");

  return g_string_free_to_bytes (out);
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

  return serialize (document, generator != NULL ? generator : ATTEST_GENERATOR);
}

/* Loading ------------------------------------------------------------------ */

/**
 * attest_sidecar_load:
 *
 * Reads and parses the sidecar @file. The file is only read. Files over
 * %ATTEST_SIDECAR_MAX_BYTES are refused before reading. A missing file
 * gives %G_IO_ERROR_NOT_FOUND.
 *
 * Returns: (transfer full): the document, or %NULL with @error set.
 */
AttestDocument *
attest_sidecar_load (GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *data = NULL;
  g_autofree char *display_name = NULL;
  goffset size;
  gsize allocated;
  gsize len = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE,
                            cancellable,
                            error);
  if (info == NULL)
    return NULL;

  display_name = g_strdup (g_file_info_get_display_name (info));
  size = g_file_info_get_size (info);

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   "%s is a folder, not a sidecar file", display_name);
      return NULL;
    }

  if (size < 0 || (guint64) size > ATTEST_SIDECAR_MAX_BYTES)
    {
      g_autofree char *size_str = g_format_size ((guint64) MAX (size, 0));
      g_autofree char *max_str = g_format_size (ATTEST_SIDECAR_MAX_BYTES);

      g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_TOO_LARGE,
                   "%s is too large to open (%s); Attest reads sidecar files up to %s",
                   display_name, size_str, max_str);
      return NULL;
    }

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;

  /* One byte more than expected tells us whether the file grew since we
   * asked for its size; the read stays bounded by the limit either way. */
  allocated = (gsize) size + 1;
  data = g_malloc (allocated + 1);

  for (;;)
    {
      gsize n_read = 0;

      if (!g_input_stream_read_all (G_INPUT_STREAM (stream), data + len, allocated - len,
                                    &n_read, cancellable, error))
        {
          g_prefix_error (error, "Could not read %s: ", display_name);
          return NULL;
        }

      len += n_read;
      if (len < allocated)
        break;

      if (len > ATTEST_SIDECAR_MAX_BYTES)
        {
          g_autofree char *max_str = g_format_size (ATTEST_SIDECAR_MAX_BYTES);

          g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_TOO_LARGE,
                       "%s is too large to open; Attest reads sidecar files up to %s",
                       display_name, max_str);
          return NULL;
        }

      allocated = MIN (allocated * 2, ATTEST_SIDECAR_MAX_BYTES + 1);
      data = g_realloc (data, allocated + 1);
    }

  data[len] = '\0';

  if (!g_input_stream_close (G_INPUT_STREAM (stream), cancellable, error))
    return NULL;

  return attest_sidecar_parse (data, len, display_name, error);
}

/* Saving ------------------------------------------------------------------- */

#define TEMP_SUFFIX     ".tmp"
#define TEMP_RANDOM_LEN 6
/* NAME_MAX on the file systems we meet; the temp name must fit. */
#define MAX_NAME_BYTES  255

/* The temp name is ".NAME.XXXXXX.tmp": hidden, in the target's folder (so
 * rename() is atomic), recognisable as ours. A very long NAME is cut so
 * the temp name still fits in a file name. */
static char *
temp_prefix (const char *base)
{
  gsize max = MAX_NAME_BYTES - 2 - TEMP_RANDOM_LEN - strlen (TEMP_SUFFIX);
  gsize len;

  g_assert (base != NULL);

  len = strlen (base);

  return g_strdup_printf (".%.*s.", (int) MIN (len, max), base);
}

static gboolean
is_temp_name (const char *name,
              const char *prefix,
              gsize       prefix_len)
{
  gsize len = strlen (name);

  g_assert (name != NULL);
  g_assert (prefix != NULL);

  if (len != prefix_len + TEMP_RANDOM_LEN + strlen (TEMP_SUFFIX) ||
      strncmp (name, prefix, prefix_len) != 0 ||
      !g_str_has_suffix (name, TEMP_SUFFIX))
    return FALSE;

  for (gsize i = prefix_len; i < prefix_len + TEMP_RANDOM_LEN; i++)
    {
      if (!g_ascii_isalnum (name[i]))
        return FALSE;
    }

  return TRUE;
}

static void
set_error_from_errno (GError     **error,
                      int          saved_errno,
                      const char  *format,
                      ...) G_GNUC_PRINTF (3, 4);

static void
set_error_from_errno (GError     **error,
                      int          saved_errno,
                      const char  *format,
                      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               "%s: %s", message, g_strerror (saved_errno));
}

/**
 * attest_sidecar_sweep_temp_files:
 * @file: the target of saves
 *
 * Removes the temp files that saves of @file left behind when they were
 * killed. A temp file a save is still writing is locked by it and kept.
 *
 * Returns: how many files were removed.
 */
guint
attest_sidecar_sweep_temp_files (GFile *file)
{
  g_autofree char *dir_path = NULL;
  g_autofree char *base = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *path;
  const char *name;
  gsize prefix_len;
  guint removed = 0;

  g_return_val_if_fail (G_IS_FILE (file), 0);

  if ((path = g_file_peek_path (file)) == NULL)
    return 0;

  dir_path = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  prefix = temp_prefix (base);
  prefix_len = strlen (prefix);

  if (!(dir = g_dir_open (dir_path, 0, NULL)))
    return 0;

  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *temp_path = NULL;
      struct stat st;
      int fd;

      if (!is_temp_name (name, prefix, prefix_len))
        continue;

      temp_path = g_build_filename (dir_path, name, NULL);
      fd = open (temp_path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
      if (fd < 0)
        continue;

      /* A save in progress, in this process or another, holds the lock;
       * a killed one released it when the kernel closed its files. */
      if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) &&
          flock (fd, LOCK_EX | LOCK_NB) == 0)
        {
          if (g_unlink (temp_path) == 0)
            removed++;
        }

      close (fd);
    }

  return removed;
}

static gboolean
write_all (int            fd,
           const char    *data,
           gsize          len,
           GCancellable  *cancellable,
           int           *saved_errno)
{
  /* Chunks keep a cancelled save of a huge sidecar from writing it all. */
  const gsize chunk = 4 * 1024 * 1024;

  g_assert (saved_errno != NULL);

  while (len > 0)
    {
      gssize n;

      if (g_cancellable_is_cancelled (cancellable))
        {
          *saved_errno = ECANCELED;
          return FALSE;
        }

      n = write (fd, data, MIN (len, chunk));
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          *saved_errno = errno;
          return FALSE;
        }
      if (n == 0)
        {
          *saved_errno = ENOSPC;
          return FALSE;
        }

      data += n;
      len -= n;
    }

  return TRUE;
}

/* Creates and locks a temp file next to the target. The lock is what tells
 * attest_sidecar_sweep_temp_files() the file is in use; if a sweep removed
 * the file between its creation and our lock, start again. */
static int
create_temp_file (const char  *dir_path,
                  const char  *base,
                  char       **temp_path,
                  int         *saved_errno)
{
  g_autofree char *prefix = temp_prefix (base);

  g_assert (temp_path != NULL);
  g_assert (saved_errno != NULL);

  for (guint attempt = 0; attempt < 5; attempt++)
    {
      g_autofree char *name = g_strconcat (prefix, "XXXXXX" TEMP_SUFFIX, NULL);
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      struct stat st;
      int fd;

      fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0644);
      if (fd < 0)
        {
          *saved_errno = errno;
          return -1;
        }

      while (flock (fd, LOCK_EX) != 0 && errno == EINTR)
        ;

      if (fstat (fd, &st) == 0 && st.st_nlink > 0)
        {
          *temp_path = g_steal_pointer (&path);
          return fd;
        }

      close (fd);
    }

  *saved_errno = EAGAIN;
  return -1;
}

/**
 * attest_file_replace_atomic:
 * @file: a local file
 * @data: the new contents
 * @len: length of @data
 *
 * Replaces the contents of @file durably and atomically: a temp file in
 * the same folder, written, fsynced, renamed over @file, then the folder
 * fsynced, so after a crash @file holds either the old or the new bytes.
 * The first save of a file works the same way. Refuses
 * (%ATTEST_ERROR_UNSAFE_TARGET) a symlink or a file with several hard
 * links. On failure the temp file is removed and @file is untouched.
 *
 * Returns: %TRUE on success.
 */
gboolean
attest_file_replace_atomic (GFile         *file,
                            const char    *data,
                            gsize          len,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autofree char *dir_path = NULL;
  g_autofree char *base = NULL;
  g_autofree char *display = NULL;
  g_autofree char *dir_display = NULL;
  g_autofree char *temp_path = NULL;
  const char *path;
  struct stat st;
  gboolean exists;
  int saved_errno = 0;
  int dir_fd = -1;
  int fd = -1;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);

  if ((path = g_file_peek_path (file)) == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_FAILED,
                   "Cannot save to %s: Attest saves only to local folders",
                   uri);
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  dir_path = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  display = g_filename_display_name (path);
  dir_display = g_filename_display_name (dir_path);

  if (lstat (path, &st) == 0)
    {
      exists = TRUE;

      if (S_ISLNK (st.st_mode))
        {
          g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_UNSAFE_TARGET,
                       "Did not save %s: it is a symbolic link, and replacing it would "
                       "break the link. Open the file it points to instead",
                       display);
          return FALSE;
        }

      if (!S_ISREG (st.st_mode))
        {
          g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_UNSAFE_TARGET,
                       "Did not save %s: it is not a regular file", display);
          return FALSE;
        }

      if (st.st_nlink > 1)
        {
          g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_UNSAFE_TARGET,
                       "Did not save %s: it has %u hard links, and replacing it would "
                       "separate them. Copy the file to remove the links",
                       display, (guint) st.st_nlink);
          return FALSE;
        }
    }
  else if (errno == ENOENT)
    {
      exists = FALSE;
    }
  else
    {
      set_error_from_errno (error, errno, "Could not save %s", display);
      return FALSE;
    }

  attest_sidecar_sweep_temp_files (file);

  dir_fd = open (dir_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0)
    {
      set_error_from_errno (error, errno, "Could not save %s: cannot open the folder %s",
                            display, dir_display);
      return FALSE;
    }

  fd = create_temp_file (dir_path, base, &temp_path, &saved_errno);
  if (fd < 0)
    {
      set_error_from_errno (error, saved_errno,
                            "Could not save %s: cannot create a file in %s",
                            display, dir_display);
      close (dir_fd);
      return FALSE;
    }

  /* Keep the permissions the user gave the file (a private 0600 stays
   * private). A failure here is not worth losing the save for. */
  if (exists)
    (void) fchmod (fd, st.st_mode & 0777);

  if (!write_all (fd, data, len, cancellable, &saved_errno))
    goto failed;

  if (fsync (fd) != 0)
    {
      saved_errno = errno;
      goto failed;
    }

  if (close (fd) != 0)
    {
      fd = -1;
      saved_errno = errno;
      goto failed;
    }
  fd = -1;

  if (g_cancellable_is_cancelled (cancellable))
    {
      saved_errno = ECANCELED;
      goto failed;
    }

  if (rename (temp_path, path) != 0)
    {
      saved_errno = errno;
      goto failed;
    }

  /* Makes the rename itself durable. Some file systems cannot sync a
   * folder; the data is already on disk there. */
  if (fsync (dir_fd) != 0 && errno != EINVAL && errno != ENOTSUP && errno != EROFS)
    {
      set_error_from_errno (error, errno,
                            "%s was written, but the folder %s could not be flushed to disk",
                            display, dir_display);
      close (dir_fd);
      return FALSE;
    }

  close (dir_fd);
  return TRUE;

failed:
  if (fd >= 0)
    close (fd);
  g_unlink (temp_path);
  close (dir_fd);

  if (saved_errno == ECANCELED)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                 "Saving %s was cancelled; the file was not changed", display);
  else
    set_error_from_errno (error, saved_errno, "Could not save %s", display);
  return FALSE;
}

static GBytes *
serialize_for_save (AttestDocument  *document,
                    GFile           *file,
                    GError         **error)
{
  g_assert (ATTEST_IS_DOCUMENT (document));
  g_assert (G_IS_FILE (file));

  if (attest_document_get_read_only (document))
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *display = g_filename_display_name (name);

      g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_READ_ONLY,
                   "Did not save %s: the annotations are open read-only", display);
      return NULL;
    }

  /* This version of Attest writes the file, so it signs it. */
  return serialize (document, ATTEST_GENERATOR);
}

/**
 * attest_sidecar_save:
 * @document: the document
 * @file: the sidecar file, local
 *
 * Serializes @document and writes it with attest_file_replace_atomic().
 * Refuses read-only documents (%ATTEST_ERROR_READ_ONLY). Does not touch
 * the document's modified flag: the caller knows what was saved.
 *
 * Returns: %TRUE on success.
 */
gboolean
attest_sidecar_save (AttestDocument  *document,
                     GFile           *file,
                     GCancellable    *cancellable,
                     GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize len;

  g_return_val_if_fail (ATTEST_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);

  if (!(bytes = serialize_for_save (document, file, error)))
    return FALSE;

  data = g_bytes_get_data (bytes, &len);

  return attest_file_replace_atomic (file, data, len, cancellable, error);
}

/* Async -------------------------------------------------------------------- */

typedef struct
{
  GFile  *file;
  GBytes *bytes;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *save = data;

  g_clear_object (&save->file);
  g_clear_pointer (&save->bytes, g_bytes_unref);
  g_free (save);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *save = task_data;
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize len;

  g_assert (G_IS_TASK (task));
  g_assert (save != NULL);

  data = g_bytes_get_data (save->bytes, &len);

  if (attest_file_replace_atomic (save->file, data, len, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * attest_sidecar_save_async:
 *
 * Like attest_sidecar_save(), but writes in a worker thread. The document
 * is serialized before this returns (documents are not thread-safe), so
 * later changes are not part of this save.
 */
void
attest_sidecar_save_async (AttestDocument      *document,
                           GFile               *file,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  SaveData *save;
  GBytes *bytes;

  g_return_if_fail (ATTEST_IS_DOCUMENT (document));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (document, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_sidecar_save_async);
  /* Once the rename is done the file is saved; a late cancel must not
   * report otherwise. */
  g_task_set_check_cancellable (task, FALSE);

  if (!(bytes = serialize_for_save (document, file, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  save = g_new0 (SaveData, 1);
  save->file = g_object_ref (file);
  save->bytes = bytes;
  g_task_set_task_data (task, save, save_data_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
attest_sidecar_save_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == attest_sidecar_save_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(GError) error = NULL;
  AttestDocument *document;

  g_assert (G_IS_TASK (task));
  g_assert (G_IS_FILE (file));

  if ((document = attest_sidecar_load (file, cancellable, &error)))
    g_task_return_pointer (task, document, g_object_unref);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * attest_sidecar_load_async:
 *
 * Like attest_sidecar_load(), reading and parsing in a worker thread.
 */
void
attest_sidecar_load_async (GFile               *file,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_sidecar_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

AttestDocument *
attest_sidecar_load_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == attest_sidecar_load_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
