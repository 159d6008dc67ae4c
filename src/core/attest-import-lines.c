/* attest-import-lines.c: JSON Lines input shared by the spaCy and doccano
 * importers
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "attest-corpus.h"
#include "attest-document.h"
#include "attest-import-lines-private.h"
#include "attest-span-store.h"

/* See attest-import-lines-private.h. */

#define LINES_MAX_DEPTH 64

static gboolean
is_blank (const char *p,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
      return FALSE;

  return TRUE;
}

static gboolean
run_line (AttestImportContext   *context,
          const char            *data,
          gsize                  len,
          const char            *display,
          guint                  line,
          const char            *name_prefix,
          AttestImportLineFunc   func,
          GError               **error)
{
  g_autofree char *source = g_strdup_printf ("%s line %u", display, line);
  g_autofree char *fallback = g_strdup_printf ("%sline-%u.txt", name_prefix, line);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local = NULL;
  JsonNode *root;

  if (!attest_json_guard_check (data, len, LINES_MAX_DEPTH, &local))
    {
      const char *message = local->message;

      /* The guard numbers the lines of what it is given: one, here. */
      if (g_str_has_prefix (message, "line 1, "))
        g_set_error (error, local->domain, local->code, "%s, %s",
                     source, message + strlen ("line 1, "));
      else
        g_set_error (error, local->domain, local->code, "%s: %s", source, message);
      return FALSE;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, len, &local))
    {
      g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_PARSE, "%s: %s", source, local->message);
      return FALSE;
    }

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      attest_import_set_error (error, source, _("expected a JSON object"));
      return FALSE;
    }

  return func (context, json_node_get_object (root), source, fallback, error);
}

static gboolean
run_file (AttestImportContext   *context,
          const char            *path,
          const char            *name_prefix,
          AttestImportLineFunc   func,
          GError               **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *display = g_path_get_basename (path);
  const char *data;
  const char *end;
  const char *p;
  gsize len;
  guint line = 0;

  bytes = attest_import_read_file (path, attest_import_context_get_cancellable (context), error);
  if (bytes == NULL)
    return FALSE;

  data = g_bytes_get_data (bytes, &len);
  end = data + len;
  p = data;
  if (len >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  while (p < end)
    {
      const char *newline = memchr (p, '\n', end - p);
      const char *stop = newline != NULL ? newline : end;

      line++;
      if (!is_blank (p, stop - p))
        {
          if (g_cancellable_set_error_if_cancelled (attest_import_context_get_cancellable (context),
                                                    error) ||
              !run_line (context, p, stop - p, display, line, name_prefix, func, error))
            return FALSE;
        }
      p = newline != NULL ? newline + 1 : end;
    }

  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return attest_corpus_compare_paths (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
is_lines_name (const char *name)
{
  return g_str_has_suffix (name, ".jsonl") || g_str_has_suffix (name, ".json");
}

gboolean
attest_import_lines_run (AttestImportContext   *context,
                         const char            *input,
                         AttestImportLineFunc   func,
                         GError               **error)
{
  g_autoptr(GPtrArray) names = NULL;

  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!g_file_test (input, G_FILE_TEST_IS_DIR))
    return run_file (context, input, "", func, error);

  /* Gathered first: the files are read in the corpus's order of names. */
  names = attest_import_walk_collect (context, input, ATTEST_IMPORT_WALK_FLAT, is_lines_name, error);
  if (names == NULL)
    return FALSE;
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = names->pdata[i];
      g_autofree char *path = g_build_filename (input, file, NULL);
      /* Lines of different files may both be nameless: a folder per file
       * keeps their "line-N.txt" apart. */
      g_autofree char *stem = g_strndup (file, strrchr (file, '.') - file);
      g_autofree char *prefix = g_strconcat (stem, "/", NULL);

      if (!run_file (context, path, prefix, func, error))
        return FALSE;
    }

  return TRUE;
}

static char *
member_path (const char *path,
             const char *member)
{
  return path != NULL ? g_strconcat (path, ".", member, NULL) : g_strdup (member);
}

static JsonNode *
get_member (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

gboolean
attest_import_lines_get_string (JsonObject   *object,
                                const char   *member,
                                const char   *source,
                                const char   *path,
                                const char  **value,
                                GError      **error)
{
  JsonNode *node = get_member (object, member);
  g_autofree char *where = NULL;

  if (node == NULL)
    return TRUE;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      *value = json_node_get_string (node);
      return TRUE;
    }

  where = member_path (path, member);
  attest_import_set_error (error, source, _("%s: expected a string"), where);
  return FALSE;
}

gboolean
attest_import_lines_get_uint (JsonObject   *object,
                              const char   *member,
                              const char   *source,
                              const char   *path,
                              gboolean     *present,
                              guint        *value,
                              GError      **error)
{
  JsonNode *node = get_member (object, member);
  g_autofree char *where = NULL;

  if (present != NULL)
    *present = node != NULL;
  if (node == NULL)
    return TRUE;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 number = json_node_get_int (node);

      if (number >= 0 && number <= G_MAXUINT)
        {
          *value = (guint) number;
          return TRUE;
        }
    }

  where = member_path (path, member);
  attest_import_set_error (error, source, _("%s: expected a non-negative integer"), where);
  return FALSE;
}

gboolean
attest_import_lines_get_array (JsonObject   *object,
                               const char   *member,
                               const char   *source,
                               const char   *path,
                               JsonArray   **value,
                               GError      **error)
{
  JsonNode *node = get_member (object, member);
  g_autofree char *where = NULL;

  if (node == NULL)
    return TRUE;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      *value = json_node_get_array (node);
      return TRUE;
    }

  where = member_path (path, member);
  attest_import_set_error (error, source, _("%s: expected an array"), where);
  return FALSE;
}

gboolean
attest_import_lines_get_object (JsonObject   *object,
                                const char   *member,
                                const char   *source,
                                const char   *path,
                                JsonObject  **value,
                                GError      **error)
{
  JsonNode *node = get_member (object, member);
  g_autofree char *where = NULL;

  if (node == NULL)
    return TRUE;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      *value = json_node_get_object (node);
      return TRUE;
    }

  where = member_path (path, member);
  attest_import_set_error (error, source, _("%s: expected an object"), where);
  return FALSE;
}

JsonObject *
attest_import_lines_array_object (JsonArray  *array,
                                  guint       index,
                                  const char *source,
                                  const char *path,
                                  GError    **error)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      attest_import_set_error (error, source, _("%s[%u]: expected an object"), path, index);
      return NULL;
    }

  return json_node_get_object (node);
}

const char *
attest_import_lines_pick_name (const char *name)
{
  g_auto(GStrv) parts = NULL;

  if (name == NULL || name[0] == '\0' || name[0] == '/' || strchr (name, '\\') != NULL ||
      strstr (name, "://") != NULL || !attest_corpus_is_article_name (name))
    return NULL;

  /* The driver refuses what would leave the output folder; a name that
   * only looks like a path is better replaced than fatal. */
  parts = g_strsplit (name, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0' || parts[i][0] == '.')
        return NULL;
      for (const char *p = parts[i]; *p != '\0'; p++)
        if ((guchar) *p < 0x20 || *p == 0x7f)
          return NULL;
    }

  return name;
}

/* A text for a message: at most 40 bytes of it, cut on a character. */
static char *
excerpt (const char *str,
         gsize       len)
{
  gsize cut = attest_utf8_prefix_len (str, len, 40);

  return cut < len ? g_strdup_printf ("%.*s…", (int) cut, str) : g_strndup (str, len);
}

gboolean
attest_import_lines_check_span (AttestText   *text,
                                JsonObject   *object,
                                guint         start,
                                guint         end,
                                const char   *unit,
                                const char   *source,
                                const char   *path,
                                GError      **error)
{
  const char *expected = NULL;
  const char *slice;
  g_autofree char *got = NULL;
  g_autofree char *want = NULL;
  gsize a;
  gsize b;

  if (!attest_import_lines_get_string (object, "text", source, path, &expected, error))
    return FALSE;
  if (expected == NULL || attest_text_slice_equal (text, start, end, expected, -1))
    return TRUE;

  a = attest_text_cp_to_byte (text, start);
  b = attest_text_cp_to_byte (text, end);
  slice = attest_text_get_data (text) + a;
  got = excerpt (slice, b - a);
  want = excerpt (expected, strlen (expected));
  attest_import_set_error (error, source,
                           _("%s.text: “%s” is not the text at that range (“%s”); "
                             "offsets are read as %s"),
                           path, want, got, unit);
  return FALSE;
}

/* Ids kept from a file must have Attest's shape ("s12"), so that the
 * next id given (largest + 1) is well defined. */
gboolean
attest_import_lines_is_id (const char *id,
                           const char *prefix)
{
  gsize prefix_len;
  guint64 number;

  return id != NULL && attest_id_parse (id, &prefix_len, &number) &&
         prefix_len == strlen (prefix) && strncmp (id, prefix, prefix_len) == 0;
}

gboolean
attest_import_lines_read_attrs (JsonObject   *object,
                                const char   *source,
                                const char   *path,
                                char       ***attrs,
                                GError      **error)
{
  JsonObject *members = NULL;
  g_autoptr(GList) names = NULL;

  if (!attest_import_lines_get_object (object, "attrs", source, path, &members, error))
    return FALSE;
  if (members == NULL)
    return TRUE;

  names = json_object_get_members (members);
  for (const GList *l = names; l != NULL; l = l->next)
    {
      const char *value = NULL;
      g_autofree char *where = member_path (path, "attrs");

      if (!attest_import_lines_get_string (members, l->data, source, where, &value, error))
        return FALSE;
      if (value != NULL)
        *attrs = attest_attrs_set (*attrs, l->data, value);
    }

  return TRUE;
}

/* An entity object; added to @document unless its id is there already.
 * Sets *id to the id it has in @document. */
static gboolean
read_entity (AttestDocument  *document,
             JsonObject      *object,
             const char      *source,
             const char      *path,
             const char     **id,
             GError         **error)
{
  const char *file_id = NULL;
  const char *name = NULL;
  const char *kind = NULL;
  const char *wikidata = NULL;
  JsonArray *aliases = NULL;
  g_autoptr(AttestEntity) entity = NULL;
  g_autoptr(GError) local = NULL;

  if (!attest_import_lines_get_string (object, "id", source, path, &file_id, error) ||
      !attest_import_lines_get_string (object, "name", source, path, &name, error) ||
      !attest_import_lines_get_string (object, "kind", source, path, &kind, error) ||
      !attest_import_lines_get_string (object, "wikidata", source, path, &wikidata, error) ||
      !attest_import_lines_get_array (object, "aliases", source, path, &aliases, error))
    return FALSE;

  if (file_id != NULL && attest_document_lookup_entity (document, file_id) != NULL)
    {
      *id = attest_document_lookup_entity (document, file_id)->id;
      return TRUE;
    }

  if (name == NULL)
    {
      attest_import_set_error (error, source, _("%s: an entity needs a “name”"), path);
      return FALSE;
    }

  entity = attest_entity_new (attest_import_lines_is_id (file_id, "e") ? file_id : NULL, name,
                              kind);
  entity->wikidata = g_strdup (wikidata);
  for (guint i = 0; aliases != NULL && i < json_array_get_length (aliases); i++)
    {
      JsonNode *node = json_array_get_element (aliases, i);
      guint n = entity->aliases != NULL ? g_strv_length (entity->aliases) : 0;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          attest_import_set_error (error, source, _("%s.aliases[%u]: expected a string"), path, i);
          return FALSE;
        }
      entity->aliases = g_renew (char *, entity->aliases, n + 2);
      entity->aliases[n] = g_strdup (json_node_get_string (node));
      entity->aliases[n + 1] = NULL;
    }

  if (!attest_document_add_entity (document, entity, &local))
    {
      attest_import_set_error (error, source, "%s: %s", path, local->message);
      return FALSE;
    }
  *id = g_steal_pointer (&entity)->id;

  return TRUE;
}

gboolean
attest_import_lines_span_extras (AttestDocument *document,
                                 JsonObject     *object,
                                 AttestSpan     *span,
                                 const char     *id_member,
                                 const char     *source,
                                 const char     *path,
                                 GError        **error)
{
  const char *id = NULL;
  const char *note = NULL;
  JsonNode *entity;

  if (!attest_import_lines_get_string (object, id_member, source, path, &id, error) ||
      !attest_import_lines_get_string (object, "note", source, path, &note, error) ||
      !attest_import_lines_read_attrs (object, source, path, &span->attrs, error))
    return FALSE;

  if (attest_import_lines_is_id (id, "s"))
    span->id = g_strdup (id);
  span->note = g_strdup (note);

  if ((entity = get_member (object, "entity")) != NULL)
    {
      g_autofree char *where = member_path (path, "entity");
      const char *entity_id = NULL;

      if (JSON_NODE_HOLDS_VALUE (entity) && json_node_get_value_type (entity) == G_TYPE_STRING)
        {
          entity_id = json_node_get_string (entity);
          if (attest_document_lookup_entity (document, entity_id) == NULL)
            {
              attest_import_set_error (error, source, _("%s: no entity “%s”"), where, entity_id);
              return FALSE;
            }
        }
      else if (!JSON_NODE_HOLDS_OBJECT (entity))
        {
          attest_import_set_error (error, source, _("%s: expected an object"), where);
          return FALSE;
        }
      else if (!read_entity (document, json_node_get_object (entity), source, where,
                             &entity_id, error))
        {
          return FALSE;
        }

      span->entity = g_strdup (entity_id);
    }

  return TRUE;
}

gboolean
attest_import_lines_document_extras (AttestDocument *document,
                                     JsonObject     *object,
                                     const char     *source,
                                     GError        **error)
{
  const char *status_name = NULL;
  const char *language = NULL;
  JsonArray *entities = NULL;
  AttestStatus status;

  if (!attest_import_lines_get_string (object, "attest_status", source, NULL, &status_name,
                                       error) ||
      !attest_import_lines_get_string (object, "attest_language", source, NULL, &language, error) ||
      !attest_import_lines_get_array (object, "attest_entities", source, NULL, &entities, error))
    return FALSE;

  if (status_name != NULL)
    {
      if (!attest_status_from_string (status_name, &status))
        {
          attest_import_set_error (error, source, _("attest_status: “%s” is not a status"),
                                   status_name);
          return FALSE;
        }
      attest_document_set_status (document, status);
    }

  if (language != NULL)
    attest_document_set_language (document, language);

  /* Entities with Attest's ids first, so that one given an id here
   * (largest + 1) cannot take an id a later one has in the file. */
  for (guint pass = 0; entities != NULL && pass < 2; pass++)
    for (guint i = 0; i < json_array_get_length (entities); i++)
      {
        JsonObject *entity = attest_import_lines_array_object (entities, i, source,
                                                               "attest_entities", error);
        const char *file_id = NULL;
        const char *id;
        char where[64];

        g_snprintf (where, sizeof where, "attest_entities[%u]", i);
        if (entity == NULL ||
            !attest_import_lines_get_string (entity, "id", source, where, &file_id, error))
          return FALSE;
        if ((pass == 0) != attest_import_lines_is_id (file_id, "e"))
          continue;
        if (!read_entity (document, entity, source, where, &id, error))
          return FALSE;
      }

  return TRUE;
}

void
attest_import_lines_meta (AttestDocument *document,
                          JsonObject     *object)
{
  g_autoptr(GList) names = json_object_get_members (object);

  for (const GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (object, l->data);

      /* Prodigy puts scores and other numbers in "meta" too; metadata is
       * text. */
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        attest_document_set_meta (document, l->data, json_node_get_string (node));
    }
}

gboolean
attest_import_lines_add_spans (AttestDocument *document,
                               GPtrArray      *spans,
                               const char     *source,
                               GError        **error)
{
  AttestSpanStore *store = attest_document_get_spans (document);
  g_autofree gboolean *added = g_new0 (gboolean, spans->len + 1);

  /* The array stops owning its spans: on success the document has them
   * (they stay valid for the caller), on failure the rest are freed. */
  g_ptr_array_set_free_func (spans, NULL);

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < spans->len; i++)
      {
        AttestSpan *span = spans->pdata[i];
        g_autoptr(GError) local = NULL;

        if (added[i])
          continue;
        if (pass == 0 && span->id == NULL)
          continue;
        if (pass == 0 && attest_span_store_lookup (store, span->id) != NULL)
          {
            /* Seen twice: this one gets a new id in the second pass. */
            g_clear_pointer (&span->id, g_free);
            continue;
          }

        if (!attest_document_add_span (document, span, &local))
          {
            attest_import_set_error (error, source, "spans: %s", local->message);
            for (guint j = 0; j < spans->len; j++)
              if (!added[j])
                attest_span_free (spans->pdata[j]);
            return FALSE;
          }
        added[i] = TRUE;
      }

  return TRUE;
}

gboolean
attest_import_lines_add_relations (AttestDocument *document,
                                   GPtrArray      *relations,
                                   const char     *source,
                                   GError        **error)
{
  g_autofree gboolean *added = g_new0 (gboolean, relations->len + 1);

  g_ptr_array_set_free_func (relations, NULL);

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < relations->len; i++)
      {
        AttestRelation *relation = relations->pdata[i];
        g_autoptr(GError) local = NULL;

        if (added[i])
          continue;
        if (pass == 0 && relation->id == NULL)
          continue;
        if (pass == 0 && attest_document_lookup_relation (document, relation->id) != NULL)
          {
            g_clear_pointer (&relation->id, g_free);
            continue;
          }

        if (!attest_document_add_relation (document, relation, &local))
          {
            attest_import_set_error (error, source, "relations: %s", local->message);
            for (guint j = 0; j < relations->len; j++)
              if (!added[j])
                attest_relation_free (relations->pdata[j]);
            return FALSE;
          }
        added[i] = TRUE;
      }

  return TRUE;
}
