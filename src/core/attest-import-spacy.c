/* attest-import-spacy.c: spaCy / Prodigy JSONL
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "attest-document.h"
#include "attest-import-lines-private.h"

/* Reads Prodigy tasks (and what attest-export-spacy.c writes): "text";
 * "spans" with "start", "end" (code points: Python str offsets) and
 * "label"; "relations" whose ends are found by, in this order, the span
 * ids Attest writes ("head_id", "child_id"), the character offsets of
 * "head_span" / "child_span", or Prodigy's token indices "head" / "child"
 * into "tokens". The document's name is "meta.source" when that names an
 * article; Prodigy's own sources are often a publisher or a URL, which
 * stay as the document's "source" metadata. Every task is imported
 * whatever its "answer": a rejected task still has its text, and which
 * answers a dataset wants is the user's choice when exporting from
 * Prodigy. */

typedef struct
{
  AttestImportContext *context;
  AttestDocument      *document;
  AttestText          *text;
  const char          *source;
  GPtrArray           *spans;       /* AttestSpan *, owned by the document once added */
  GArray              *tokens;      /* guint pairs: character start, end */
  GHashTable          *by_file_id;  /* a span's "id" in the file -> AttestSpan * */
  GHashTable          *by_range;    /* "start:end:label" and "start:end" -> AttestSpan * */
} Task;

static gboolean
read_range (Task        *task,
            JsonObject  *object,
            const char  *path,
            guint       *start,
            guint       *end,
            GError     **error)
{
  guint length = attest_text_get_length (task->text);
  gboolean have_start;
  gboolean have_end;

  if (!attest_import_lines_get_uint (object, "start", task->source, path, &have_start, start,
                                     error) ||
      !attest_import_lines_get_uint (object, "end", task->source, path, &have_end, end, error))
    return FALSE;

  if (!have_start || !have_end)
    {
      attest_import_set_error (error, task->source, _("%s: needs “start” and “end”"), path);
      return FALSE;
    }
  if (*end > length)
    {
      attest_import_set_error (error, task->source,
                               _("%s.end: %u is past the end of the text (%u)"),
                               path, *end, length);
      return FALSE;
    }
  if (*start > *end)
    {
      attest_import_set_error (error, task->source, _("%s.start: %u is after the end (%u)"),
                               path, *start, *end);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_label (Task        *task,
            JsonObject  *object,
            const char  *path,
            const char  *member,
            const char **label,
            GError     **error)
{
  if (!attest_import_lines_get_string (object, member, task->source, path, label, error))
    return FALSE;

  if (*label == NULL || **label == '\0')
    {
      attest_import_set_error (error, task->source, _("%s: needs a “%s”"), path, member);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_spans (Task       *task,
            JsonArray  *spans,
            GError    **error)
{
  for (guint i = 0; spans != NULL && i < json_array_get_length (spans); i++)
    {
      JsonObject *object = attest_import_lines_array_object (spans, i, task->source, "spans",
                                                             error);
      const char *label = NULL;
      const char *file_id = NULL;
      AttestSpan *span;
      char path[32];
      guint start;
      guint end;

      g_snprintf (path, sizeof path, "spans[%u]", i);
      if (object == NULL ||
          !read_range (task, object, path, &start, &end, error) ||
          !read_label (task, object, path, "label", &label, error) ||
          !attest_import_lines_check_span (task->text, object, start, end,
                                           _("code points"), task->source, path, error) ||
          !attest_import_lines_get_string (object, "id", task->source, path, &file_id, error))
        return FALSE;

      span = attest_import_new_span (task->context, label, start, end);
      g_ptr_array_add (task->spans, span);
      if (!attest_import_lines_span_extras (task->document, object, span, "id",
                                            task->source, path, error))
        return FALSE;

      if (file_id != NULL && !g_hash_table_contains (task->by_file_id, file_id))
        g_hash_table_insert (task->by_file_id, g_strdup (file_id), span);
    }

  return TRUE;
}

static gboolean
read_tokens (Task       *task,
             JsonArray  *tokens,
             GError    **error)
{
  for (guint i = 0; tokens != NULL && i < json_array_get_length (tokens); i++)
    {
      JsonObject *object = attest_import_lines_array_object (tokens, i, task->source,
                                                             "tokens", error);
      char path[32];
      guint range[2];

      g_snprintf (path, sizeof path, "tokens[%u]", i);
      if (object == NULL || !read_range (task, object, path, &range[0], &range[1], error))
        return FALSE;
      g_array_append_vals (task->tokens, range, 2);
    }

  return TRUE;
}

static void
index_range (Task       *task,
             AttestSpan *span)
{
  char key[64];

  g_snprintf (key, sizeof key, "%u:%u", span->start, span->end);
  if (!g_hash_table_contains (task->by_range, key))
    g_hash_table_insert (task->by_range, g_strdup (key), span);

  g_hash_table_insert (task->by_range,
                       g_strdup_printf ("%u:%u:%s", span->start, span->end, span->label), span);
}

/* One end of a relation: "head" or "child". */
static AttestSpan *
find_end (Task        *task,
          JsonObject  *relation,
          guint        index,
          const char  *end_name,
          GError     **error)
{
  g_autofree char *id_member = g_strconcat (end_name, "_id", NULL);
  g_autofree char *span_member = g_strconcat (end_name, "_span", NULL);
  const char *file_id = NULL;
  JsonObject *range = NULL;
  char path[64];
  gboolean have_token;
  guint token;

  g_snprintf (path, sizeof path, "relations[%u]", index);
  if (!attest_import_lines_get_string (relation, id_member, task->source, path, &file_id, error) ||
      !attest_import_lines_get_object (relation, span_member, task->source, path, &range, error) ||
      !attest_import_lines_get_uint (relation, end_name, task->source, path, &have_token, &token,
                                     error))
    return NULL;

  if (file_id != NULL && g_hash_table_contains (task->by_file_id, file_id))
    return g_hash_table_lookup (task->by_file_id, file_id);

  if (range != NULL)
    {
      g_autofree char *where = g_strconcat (path, ".", span_member, NULL);
      g_autoptr(GError) local = NULL;
      g_autofree char *key = NULL;
      const char *label = NULL;
      AttestSpan *span;
      guint start;
      guint end;

      if (!read_range (task, range, where, &start, &end, error) ||
          !attest_import_lines_get_string (range, "label", task->source, where, &label, error))
        return NULL;

      if (label != NULL)
        key = g_strdup_printf ("%u:%u:%s", start, end, label);
      else
        key = g_strdup_printf ("%u:%u", start, end);
      if ((span = g_hash_table_lookup (task->by_range, key)) != NULL)
        return span;

      /* Prodigy's relations interface can mark a span without listing it
       * in "spans"; it is a span all the same. */
      if (label == NULL || *label == '\0')
        {
          attest_import_set_error (error, task->source, _("%s: no span at %u–%u"),
                                   where, start, end);
          return NULL;
        }
      span = attest_import_new_span (task->context, label, start, end);
      if (!attest_document_add_span (task->document, span, &local))
        {
          attest_span_free (span);
          attest_import_set_error (error, task->source, "%s: %s", where, local->message);
          return NULL;
        }
      index_range (task, span);
      return span;
    }

  if (have_token && token < task->tokens->len / 2)
    {
      guint start = g_array_index (task->tokens, guint, 2 * token);
      guint end = g_array_index (task->tokens, guint, 2 * token + 1);
      AttestSpan *best = NULL;

      /* The smallest span around the token: Prodigy anchors a relation on
       * a span's token (or a bare token, which Attest cannot hold). */
      for (guint i = 0; i < task->spans->len; i++)
        {
          AttestSpan *span = task->spans->pdata[i];

          if (span->start <= start && end <= span->end &&
              (best == NULL || span->end - span->start < best->end - best->start))
            best = span;
        }
      if (best != NULL)
        return best;

      attest_import_set_error (error, task->source, _("%s.%s: no span covers token %u"),
                               path, end_name, token);
      return NULL;
    }

  if (have_token)
    attest_import_set_error (error, task->source, _("%s.%s: there is no token %u"),
                             path, end_name, token);
  else
    attest_import_set_error (error, task->source, _("%s: needs “%s” or “%s”"),
                             path, span_member, end_name);
  return NULL;
}

static gboolean
read_relations (Task       *task,
                JsonArray  *relations,
                GError    **error)
{
  g_autoptr(GPtrArray) made = NULL;

  if (relations == NULL || json_array_get_length (relations) == 0)
    return TRUE;

  made = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_relation_free);
  for (guint i = 0; i < task->spans->len; i++)
    index_range (task, task->spans->pdata[i]);

  for (guint i = 0; i < json_array_get_length (relations); i++)
    {
      JsonObject *object = attest_import_lines_array_object (relations, i, task->source,
                                                             "relations", error);
      const char *label = NULL;
      const char *id = NULL;
      AttestSpan *head;
      AttestSpan *child;
      AttestRelation *relation;
      char path[32];

      g_snprintf (path, sizeof path, "relations[%u]", i);
      if (object == NULL ||
          !read_label (task, object, path, "label", &label, error) ||
          !attest_import_lines_get_string (object, "id", task->source, path, &id, error) ||
          (head = find_end (task, object, i, "head", error)) == NULL ||
          (child = find_end (task, object, i, "child", error)) == NULL)
        return FALSE;

      relation = attest_import_new_relation (task->context, label, head->id, child->id);
      g_ptr_array_add (made, relation);
      if (attest_import_lines_is_id (id, "r"))
        relation->id = g_strdup (id);
      if (!attest_import_lines_read_attrs (object, task->source, path, &relation->attrs, error))
        return FALSE;
    }

  return attest_import_lines_add_relations (task->document, made, task->source, error);
}

static gboolean
import_task (AttestImportContext  *context,
             JsonObject           *object,
             const char           *source,
             const char           *fallback_name,
             GError              **error)
{
  g_autoptr(AttestText) text = NULL;
  g_autoptr(AttestDocument) document = NULL;
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_span_free);
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) by_file_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) by_range = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) local = NULL;
  const char *text_str = NULL;
  const char *name = NULL;
  JsonObject *meta = NULL;
  JsonArray *span_array = NULL;
  JsonArray *token_array = NULL;
  JsonArray *relation_array = NULL;
  Task task;

  if (!attest_import_lines_get_string (object, "text", source, NULL, &text_str, error) ||
      !attest_import_lines_get_object (object, "meta", source, NULL, &meta, error) ||
      !attest_import_lines_get_array (object, "spans", source, NULL, &span_array, error) ||
      !attest_import_lines_get_array (object, "tokens", source, NULL, &token_array, error) ||
      !attest_import_lines_get_array (object, "relations", source, NULL, &relation_array, error))
    return FALSE;

  if (text_str == NULL)
    {
      attest_import_set_error (error, source, _("no “text”"));
      return FALSE;
    }
  if ((text = attest_text_new (text_str, -1, &local)) == NULL)
    {
      attest_import_set_error (error, source, "text: %s", local->message);
      return FALSE;
    }

  document = attest_document_new (text);
  if (meta != NULL)
    {
      if (!attest_import_lines_get_string (meta, "source", source, "meta", &name, error))
        return FALSE;
      attest_import_lines_meta (document, meta);
      /* A source that is not an article's name is Prodigy's: it stays. */
      if ((name = attest_import_lines_pick_name (name)) != NULL)
        attest_document_set_meta (document, "source", NULL);
    }

  task.context = context;
  task.document = document;
  task.text = text;
  task.source = source;
  task.spans = spans;
  task.tokens = tokens;
  task.by_file_id = by_file_id;
  task.by_range = by_range;

  if (!attest_import_lines_document_extras (document, object, source, error) ||
      !read_tokens (&task, token_array, error) ||
      !read_spans (&task, span_array, error) ||
      !attest_import_lines_add_spans (document, spans, source, error) ||
      !read_relations (&task, relation_array, error))
    return FALSE;

  return attest_import_context_add (context, name != NULL ? name : fallback_name, document,
                                    source, error);
}

static gboolean
import_input (AttestImportContext  *context,
              const char           *input,
              GError              **error)
{
  return attest_import_lines_run (context, input, import_task, error);
}

const AttestImporter attest_import_spacy = {
  .name = "spacy",
  .title = N_("spaCy / Prodigy JSONL"),
  .import = import_input,
};
