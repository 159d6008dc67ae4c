/* attest-export-brat.c: brat standoff (.txt and .ann)
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Written from brat's documentation of its standoff format and checked
 * against brat's own reader (server/src/annotation.py, projectconfig.py;
 * tests/readers/check-brat.py runs them over our output).
 *
 * X.txt is the article's text byte for byte. brat reads it whole as UTF-8
 * and counts offsets in Python str indices, which are code points like
 * ours ("\r\n" is two).
 *
 * X.ann holds one annotation a line. brat splits it with Python's
 * str.splitlines(), which breaks at \n, \r, \v, \f, \x1c to \x1e, U+0085,
 * U+2028 and U+2029, so no field may hold any of those:
 *
 *   T1  LABEL START END[;START END…]  TEXT
 *       A span. One that holds line breaks is written as the fragments
 *       between them, TEXT being their texts joined by one space (brat
 *       does the same when someone marks across lines). One that begins
 *       or ends with a line break gets an empty fragment at that end so
 *       its offsets survive: "\r\nab" at 10 is "10 10;12 14". The importer
 *       joins fragments whose gap is white space holding a line break.
 *   R1  TYPE Arg1:T1 Arg2:T2          a relation, from Arg1 to Arg2
 *   A1  KEY T1 VALUE                  an attribute of a span or relation
 *   *   Equiv T2 T9                   the mentions of one entity: brat's
 *                                     own way of marking coreference
 *   N1  Reference T2 Wikidata:Q42  NAME
 *                                     the entity's Wikidata item, on each
 *                                     of its mentions
 *   #1  AnnotatorNotes T1  NOTE       a span's note; line breaks in it
 *                                     become spaces (counted as dropped)
 *   #2  AttestEntity T2  {JSON}       the entity itself (id, name, kind,
 *                                     wikidata, aliases), once, on its
 *                                     first mention: brat has no entity
 *                                     registry, and this keeps ours whole
 *
 * Type names (labels, relation types, attribute keys) must be brat
 * storage forms, [A-Za-z0-9_-]. Any other name, one beginning with "__",
 * and one made only of '-' (a separator line in brat's configuration) is
 * written as "__" and the name with every character outside [A-Za-z0-9-]
 * as "_HEX_", its code point in lower-case hex: "direct speech" becomes
 * "__direct_20_speech". Attribute values may hold anything but white
 * space, controls and ",|<>" (brat's configuration syntax) and are escaped
 * the same way. The mapping is one to one, so the importer undoes it.
 *
 * annotation.conf and visual.conf at the root describe the tag set and
 * whatever else the data used.
 *
 * Not written, and counted as dropped: empty spans (re-anchoring leaves
 * them where their text was deleted; Attest holds one only with its
 * review flag, which brat cannot), spans of white space only (brat reads
 * a T line whose text strips to nothing as one without text), and the
 * relations of either.
 *
 * Provenance (annotator, origin, time), ids and document metadata have no
 * place in brat and are not written: an import gives its own.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "attest-brat-private.h"
#include "attest-export-private.h"

typedef struct
{
  guint start;        /* code points */
  guint end;
  gsize byte_start;   /* in the span's slice */
  gsize byte_end;
} Fragment;

/* Python's str.isspace(): brat takes a T line whose text strips to
 * nothing for one without text. */
static gboolean
is_python_space (gunichar c)
{
  return g_unichar_isspace (c) || (c >= 0x1c && c <= 0x1f) || c == 0x85;
}

static gboolean
is_blank (const char *text,
          gsize       n_bytes)
{
  for (const char *p = text; p < text + n_bytes; p = g_utf8_next_char (p))
    if (!is_python_space (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
is_plain_name_char (gunichar c)
{
  return c < 0x80 && (g_ascii_isalnum (c) || c == '-');
}

static gboolean
is_plain_value_char (gunichar c)
{
  return !g_unichar_iscntrl (c) && !g_unichar_isspace (c) &&
         c != ',' && c != '|' && c != '<' && c != '>' && c != '_';
}

static void
append_type_name (GString    *out,
                  const char *name)
{
  _attest_brat_append_name (out, name, is_plain_name_char);
}

static void
append_value (GString    *out,
              const char *value)
{
  _attest_brat_append_name (out, value, is_plain_value_char);
}

/* Free text on one .ann line: each line break (a "\r\n" counts as one)
 * becomes a space. Returns TRUE if there was any. */
static gboolean
append_one_line (GString    *out,
                 const char *text)
{
  const guchar *p = (const guchar *) text;
  gsize n = strlen (text);
  gsize run = 0;
  gboolean changed = FALSE;

  for (gsize i = 0; i < n;)
    {
      gsize len = _attest_brat_line_break_len (p + i, n - i);

      if (len == 0)
        {
          i++;
          continue;
        }

      g_string_append_len (out, text + run, i - run);
      g_string_append_c (out, ' ');
      changed = TRUE;
      if (p[i] == '\r' && i + 1 < n && p[i + 1] == '\n')
        len = 2;
      i += len;
      run = i;
    }

  g_string_append_len (out, text + run, n - run);

  return changed;
}

/* Splits [start, end) at its line breaks (see the top of this file). */
static void
split_at_line_breaks (const char *data,
                      gsize       n_bytes,
                      guint       start,
                      GArray     *fragments)
{
  const guchar *p = (const guchar *) data;
  Fragment fragment = { start, start, 0, 0 };
  gboolean in_run = FALSE;
  guint cp = start;

  g_array_set_size (fragments, 0);

  /* Empty spans are not written (see the top). */
  g_assert (n_bytes > 0);

  for (gsize i = 0; i < n_bytes; cp++)
    {
      gsize len = _attest_brat_line_break_len (p + i, n_bytes - i);

      if (len > 0)
        {
          if (in_run)
            {
              fragment.end = cp;
              fragment.byte_end = i;
              g_array_append_val (fragments, fragment);
              in_run = FALSE;
            }
          else if (i == 0)
            {
              g_array_append_val (fragments, fragment);
            }
          i += len;
        }
      else
        {
          if (!in_run)
            {
              fragment.start = cp;
              fragment.byte_start = i;
              in_run = TRUE;
            }
          i += g_utf8_skip[p[i]];
        }
    }

  if (in_run)
    {
      fragment.end = cp;
      fragment.byte_end = n_bytes;
    }
  else
    {
      fragment.start = fragment.end = cp;
      fragment.byte_start = fragment.byte_end = n_bytes;
    }
  g_array_append_val (fragments, fragment);
}

static void
append_text_bound (GString            *ann,
                   const AttestRecord *record,
                   const AttestSpan   *span,
                   guint               number,
                   GArray             *fragments)
{
  gsize n_bytes;
  const char *slice = attest_export_slice (record, span->start, span->end, &n_bytes);

  split_at_line_breaks (slice, n_bytes, span->start, fragments);

  g_string_append_printf (ann, "T%u\t", number);
  append_type_name (ann, span->label);
  for (guint i = 0; i < fragments->len; i++)
    {
      const Fragment *f = &g_array_index (fragments, Fragment, i);

      g_string_append_printf (ann, "%c%u %u", i == 0 ? ' ' : ';', f->start, f->end);
    }

  g_string_append_c (ann, '\t');
  for (guint i = 0; i < fragments->len; i++)
    {
      const Fragment *f = &g_array_index (fragments, Fragment, i);

      if (i > 0)
        g_string_append_c (ann, ' ');
      g_string_append_len (ann, slice + f->byte_start, f->byte_end - f->byte_start);
    }
  g_string_append_c (ann, '\n');
}

static void
append_attributes (GString      *ann,
                   guint        *n_attributes,
                   char * const *attrs,
                   char          target_kind,
                   guint         target)
{
  for (guint i = 0; attrs != NULL && attrs[i] != NULL && attrs[i + 1] != NULL; i += 2)
    {
      g_string_append_printf (ann, "A%u\t", ++*n_attributes);
      append_type_name (ann, attrs[i]);
      g_string_append_printf (ann, " %c%u ", target_kind, target);
      append_value (ann, attrs[i + 1]);
      g_string_append_c (ann, '\n');
    }
}

/* One line of JSON for the AttestEntity note. */
static void
append_entity_json (GString            *ann,
                    const AttestEntity *entity)
{
  g_autoptr(GString) json = g_string_new ("{");
  gboolean first = TRUE;
  const char *p;

  attest_json_member_string (json, &first, "id", entity->id);
  attest_json_member_string (json, &first, "name", entity->name != NULL ? entity->name : "");
  if (entity->kind != NULL)
    attest_json_member_string (json, &first, "kind", entity->kind);
  if (entity->wikidata != NULL)
    attest_json_member_string (json, &first, "wikidata", entity->wikidata);
  if (entity->aliases != NULL && entity->aliases[0] != NULL)
    attest_json_member_strv (json, &first, "aliases", entity->aliases);
  g_string_append_c (json, '}');

  /* JSON leaves U+0085 literal, but it ends a line for brat. Its bytes
   * C2 85 are that character wherever they occur. */
  p = json->str;
  for (const char *nel; (nel = strstr (p, "\xc2\x85")) != NULL; p = nel + 2)
    {
      g_string_append_len (ann, p, nel - p);
      g_string_append (ann, "\\u0085");
    }
  g_string_append (ann, p);
}

static void
export_document (const AttestExportContext *context,
                 const AttestRecord        *record,
                 AttestExportChunk         *chunk)
{
  g_autofree char *txt_name = attest_export_file_name (record->name, ".txt");
  g_autofree char *ann_name = attest_export_file_name (record->name, ".ann");
  g_autoptr(GArray) fragments = g_array_new (FALSE, FALSE, sizeof (Fragment));
  g_autoptr(GHashTable) entity_positions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) mentions = NULL;
  /* Per span its T number, 0 for one not written. */
  g_autofree guint *numbers = g_new0 (guint, record->n_spans + 1);
  g_autofree guint *relation_numbers = g_new0 (guint, record->n_relations + 1);
  guint n_text_bounds = 0;
  guint n_relations = 0;
  guint n_attributes = 0;
  guint n_normalizations = 0;
  guint n_notes = 0;
  guint n_empty = 0;
  guint n_blank = 0;
  guint n_unlinked = 0;
  guint n_flagged = 0;
  guint n_extra = 0;
  guint n_broken_notes = 0;
  guint n_orphans = 0;
  GString *txt;
  GString *ann;

  txt = attest_export_chunk_add_file (chunk, txt_name);
  g_string_append_len (txt, attest_text_get_data (record->text),
                       attest_text_get_n_bytes (record->text));

  ann = attest_export_chunk_add_file (chunk, ann_name);

  /* Per entity, the T numbers of its mentions in span order. */
  mentions = g_ptr_array_new_full (record->n_entities, (GDestroyNotify) g_array_unref);
  for (guint i = 0; i < record->n_entities; i++)
    {
      g_hash_table_insert (entity_positions, record->entities[i]->id, GUINT_TO_POINTER (i + 1));
      g_ptr_array_add (mentions, g_array_new (FALSE, FALSE, sizeof (guint)));
      if (record->entities[i]->extra != NULL)
        n_extra++;
    }

  for (guint i = 0; i < record->n_spans; i++)
    {
      const AttestSpan *span = record->spans[i];

      gsize n_bytes;
      const char *slice = attest_export_slice (record, span->start, span->end, &n_bytes);

      /* Only re-anchoring leaves a span empty, where its text was
       * deleted; an Attest sidecar holds one only with that flag, which
       * brat cannot carry. */
      if (span->start == span->end)
        {
          n_empty++;
          continue;
        }
      if (is_blank (slice, n_bytes))
        {
          n_blank++;
          continue;
        }

      numbers[i] = ++n_text_bounds;
      append_text_bound (ann, record, span, numbers[i], fragments);

      if (span->flags != 0 || span->old_text != NULL)
        n_flagged++;
      if (span->extra != NULL)
        n_extra++;
      if (span->entity != NULL)
        {
          guint position = GPOINTER_TO_UINT (g_hash_table_lookup (entity_positions, span->entity));

          g_assert (position > 0);
          g_array_append_val (g_ptr_array_index (mentions, position - 1), numbers[i]);
        }
    }

  for (guint i = 0; i < record->n_relations; i++)
    {
      const AttestRelation *relation = record->relations[i];
      guint from = numbers[attest_record_find_span (record, relation->from)];
      guint to = numbers[attest_record_find_span (record, relation->to)];

      if (from == 0 || to == 0)
        {
          n_unlinked++;
          continue;
        }

      relation_numbers[i] = ++n_relations;
      g_string_append_printf (ann, "R%u\t", n_relations);
      append_type_name (ann, relation->type);
      g_string_append_printf (ann, " Arg1:T%u Arg2:T%u\n", from, to);
      if (relation->extra != NULL)
        n_extra++;
    }

  for (guint i = 0; i < record->n_spans; i++)
    if (numbers[i] != 0)
      append_attributes (ann, &n_attributes, record->spans[i]->attrs, 'T', numbers[i]);
  for (guint i = 0; i < record->n_relations; i++)
    if (relation_numbers[i] != 0)
      append_attributes (ann, &n_attributes, record->relations[i]->attrs, 'R',
                         relation_numbers[i]);

  for (guint i = 0; i < record->n_entities; i++)
    {
      GArray *mentioned = g_ptr_array_index (mentions, i);

      if (mentioned->len < 2)
        continue;

      g_string_append (ann, "*\tEquiv");
      for (guint j = 0; j < mentioned->len; j++)
        g_string_append_printf (ann, " T%u", g_array_index (mentioned, guint, j));
      g_string_append_c (ann, '\n');
    }

  for (guint i = 0; i < record->n_spans; i++)
    {
      const AttestSpan *span = record->spans[i];
      const AttestEntity *entity;

      if (numbers[i] == 0 || span->entity == NULL)
        continue;

      entity = attest_record_lookup_entity (record, span->entity);
      if (entity->wikidata == NULL)
        continue;

      g_string_append_printf (ann, "N%u\tReference T%u Wikidata:", ++n_normalizations, numbers[i]);
      append_value (ann, entity->wikidata);
      g_string_append_c (ann, '\t');
      append_one_line (ann, entity->name != NULL ? entity->name : "");
      g_string_append_c (ann, '\n');
    }

  for (guint i = 0; i < record->n_spans; i++)
    {
      const AttestSpan *span = record->spans[i];

      if (numbers[i] == 0 || span->note == NULL)
        continue;

      g_string_append_printf (ann, "#%u\tAnnotatorNotes T%u\t", ++n_notes, numbers[i]);
      if (append_one_line (ann, span->note))
        n_broken_notes++;
      g_string_append_c (ann, '\n');
    }

  for (guint i = 0; i < record->n_entities; i++)
    {
      GArray *mentioned = g_ptr_array_index (mentions, i);

      if (mentioned->len == 0)
        {
          n_orphans++;
          continue;
        }

      g_string_append_printf (ann, "#%u\tAttestEntity T%u\t", ++n_notes,
                              g_array_index (mentioned, guint, 0));
      append_entity_json (ann, record->entities[i]);
      g_string_append_c (ann, '\n');
    }

  attest_export_chunk_drop (chunk, N_("empty spans (their text deleted)"), n_empty);
  attest_export_chunk_drop (chunk, N_("spans of white space only"), n_blank);
  attest_export_chunk_drop (chunk, N_("relations of spans not written"), n_unlinked);
  attest_export_chunk_drop (chunk, N_("line breaks in notes (written as spaces)"), n_broken_notes);
  attest_export_chunk_drop (chunk, N_("entities that no span points at"), n_orphans);
  attest_export_chunk_drop (chunk, N_("review flags of re-anchored spans"), n_flagged);
  attest_export_chunk_drop (chunk,
                            N_("spans, relations and entities with members Attest does not know"),
                            n_extra);

  chunk->n_spans = n_text_bounds;
  chunk->n_relations = n_relations;
}

/* annotation.conf and visual.conf ---------------------------------------- */

typedef struct
{
  const char *key;
  GPtrArray  *labels;   /* of const char *, each once */
  GPtrArray  *values;   /* of const char *, each once, in first-seen order */
} AttributeConf;

static void
attribute_conf_free (gpointer data)
{
  AttributeConf *conf = data;

  g_ptr_array_unref (conf->labels);
  g_ptr_array_unref (conf->values);
  g_free (conf);
}

static void
add_once (GPtrArray  *array,
          const char *str)
{
  for (guint i = 0; i < array->len; i++)
    if (g_str_equal (g_ptr_array_index (array, i), str))
      return;
  g_ptr_array_add (array, (gpointer) str);
}

static AttributeConf *
lookup_attribute_conf (GPtrArray  *confs,
                       GHashTable *by_key,
                       const char *key)
{
  AttributeConf *conf = g_hash_table_lookup (by_key, key);

  if (conf == NULL)
    {
      conf = g_new0 (AttributeConf, 1);
      conf->key = key;
      conf->labels = g_ptr_array_new ();
      conf->values = g_ptr_array_new ();
      g_ptr_array_add (confs, conf);
      g_hash_table_insert (by_key, (gpointer) key, conf);
    }

  return conf;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The keys of @table, sorted; the strings are the table's. */
static GPtrArray *
sorted_keys (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  if (table != NULL)
    {
      g_hash_table_iter_init (&iter, table);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_ptr_array_add (keys, key);
    }
  g_ptr_array_sort (keys, compare_strings);

  return keys;
}

static void
append_type_list (GString    *conf,
                  char      **ids)
{
  if (ids == NULL || ids[0] == NULL)
    {
      g_string_append (conf, "<ENTITY>");
      return;
    }

  for (guint i = 0; ids[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (conf, '|');
      append_type_name (conf, ids[i]);
    }
}

/* A display name for visual.conf: one line, without the characters its
 * syntax takes ('|' separates names, "<…>" is a macro). */
static void
append_display_name (GString    *conf,
                     const char *name)
{
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '|' || c == '\t' || g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        g_string_append_c (conf, ' ');
      else if (c == '<')
        g_string_append (conf, "\u2039");
      else if (c == '>')
        g_string_append (conf, "\u203a");
      else
        g_string_append_len (conf, p, g_utf8_next_char (p) - p);
    }
}

static void
write_annotation_conf (GString                   *conf,
                       AttestTagset              *tagset,
                       const AttestExportSummary *summary)
{
  g_autoptr(GPtrArray) labels = sorted_keys (summary->labels);
  g_autoptr(GPtrArray) types = sorted_keys (summary->relation_types);
  g_autoptr(GPtrArray) attribute_keys = sorted_keys (summary->attributes);
  g_autoptr(GPtrArray) confs = g_ptr_array_new_with_free_func (attribute_conf_free);
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) split = g_ptr_array_new_with_free_func (g_free);
  guint n_labels = attest_tagset_get_n_labels (tagset);
  guint n_types = attest_tagset_get_n_relation_types (tagset);
  gboolean have_equiv = FALSE;

  g_string_append (conf, "# brat configuration written by Attest for the tag set \"");
  append_one_line (conf, attest_tagset_get_name (tagset));
  g_string_append (conf, "\"\n# and the labels, relations and attributes of the data.\n");

  g_string_append (conf, "\n[entities]\n");
  for (guint i = 0; i < n_labels; i++)
    {
      append_type_name (conf, attest_tagset_get_label (tagset, i)->id);
      g_string_append_c (conf, '\n');
    }
  for (guint i = 0; i < labels->len; i++)
    {
      const char *label = g_ptr_array_index (labels, i);

      if (attest_tagset_lookup_label (tagset, label) == NULL)
        {
          append_type_name (conf, label);
          g_string_append_c (conf, '\n');
        }
    }

  g_string_append (conf, "\n[relations]\n");
  for (guint i = 0; i < n_types; i++)
    {
      AttestRelationType *type = attest_tagset_get_relation_type (tagset, i);

      have_equiv |= g_str_equal (type->id, "Equiv");
      append_type_name (conf, type->id);
      g_string_append (conf, "\tArg1:");
      append_type_list (conf, type->from);
      g_string_append (conf, ", Arg2:");
      append_type_list (conf, type->to);
      g_string_append_c (conf, '\n');
    }
  for (guint i = 0; i < types->len; i++)
    {
      const char *type = g_ptr_array_index (types, i);

      if (attest_tagset_lookup_relation_type (tagset, type) == NULL)
        {
          have_equiv |= g_str_equal (type, "Equiv");
          append_type_name (conf, type);
          g_string_append (conf, "\tArg1:<ENTITY>, Arg2:<ENTITY>\n");
        }
    }
  /* The mentions of one entity (see the top of this file). */
  if (!have_equiv)
    g_string_append (conf,
                     "Equiv\tArg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric-transitive\n");
  /* Attest's spans nest, cross and stack freely. */
  g_string_append (conf, "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n");

  g_string_append (conf, "\n[events]\n");

  /* brat's attribute types are global; ours belong to a label. One
   * attribute type per key, for every label that has it. */
  for (guint i = 0; i < n_labels; i++)
    {
      AttestLabel *label = attest_tagset_get_label (tagset, i);

      for (guint j = 0; label->attributes != NULL && j < label->attributes->len; j++)
        {
          AttestAttribute *attribute = g_ptr_array_index (label->attributes, j);
          AttributeConf *ac = lookup_attribute_conf (confs, by_key, attribute->id);

          add_once (ac->labels, label->id);
          for (guint k = 0; attribute->values != NULL && attribute->values[k] != NULL; k++)
            add_once (ac->values, attribute->values[k]);
        }
    }
  for (guint i = 0; i < attribute_keys->len; i++)
    {
      const char *label_key = g_ptr_array_index (attribute_keys, i);
      const char *sep = strchr (label_key, '\037');
      g_autoptr(GPtrArray) values = NULL;
      AttributeConf *ac;
      char *label;

      if (sep == NULL)
        continue;

      label = g_strndup (label_key, sep - label_key);
      g_ptr_array_add (split, label);
      ac = lookup_attribute_conf (confs, by_key, sep + 1);
      add_once (ac->labels, label);
      values = sorted_keys (g_hash_table_lookup (summary->attributes, label_key));
      for (guint k = 0; k < values->len; k++)
        add_once (ac->values, g_ptr_array_index (values, k));
    }

  g_string_append (conf, "\n[attributes]\n");
  for (guint i = 0; i < confs->len; i++)
    {
      AttributeConf *ac = g_ptr_array_index (confs, i);

      append_type_name (conf, ac->key);
      g_string_append (conf, "\tArg:");
      for (guint k = 0; k < ac->labels->len; k++)
        {
          if (k > 0)
            g_string_append_c (conf, '|');
          append_type_name (conf, g_ptr_array_index (ac->labels, k));
        }
      /* Without values brat takes an attribute as on or off. */
      for (guint k = 0; k < ac->values->len; k++)
        {
          g_string_append (conf, k == 0 ? ", Value:" : "|");
          append_value (conf, g_ptr_array_index (ac->values, k));
        }
      g_string_append_c (conf, '\n');
    }
}

static void
write_visual_conf (GString      *conf,
                   AttestTagset *tagset)
{
  guint n_labels = attest_tagset_get_n_labels (tagset);
  guint n_types = attest_tagset_get_n_relation_types (tagset);

  g_string_append (conf, "# brat display settings written by Attest for the tag set \"");
  append_one_line (conf, attest_tagset_get_name (tagset));
  g_string_append (conf, "\".\n");

  g_string_append (conf, "\n[labels]\n");
  for (guint i = 0; i < n_labels; i++)
    {
      AttestLabel *label = attest_tagset_get_label (tagset, i);

      append_type_name (conf, label->id);
      g_string_append (conf, " | ");
      append_display_name (conf, label->name);
      g_string_append_c (conf, '\n');
    }
  for (guint i = 0; i < n_types; i++)
    {
      AttestRelationType *type = attest_tagset_get_relation_type (tagset, i);

      append_type_name (conf, type->id);
      g_string_append (conf, " | ");
      append_display_name (conf, type->name);
      g_string_append_c (conf, '\n');
    }
  g_string_append (conf, "Equiv | Same entity\n");

  g_string_append (conf,
                   "\n[drawing]\n"
                   "SPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken\n"
                   "ARC_DEFAULT\tcolor:black, arrowHead:triangle-5\n"
                   "ATTRIBUTE_DEFAULT\tglyph:*\n");
  for (guint i = 0; i < n_labels; i++)
    {
      AttestLabel *label = attest_tagset_get_label (tagset, i);

      if (label->color == NULL)
        continue;
      append_type_name (conf, label->id);
      g_string_append_printf (conf, "\tbgColor:%s, borderColor:darken\n", label->color);
    }
  g_string_append (conf, "Equiv\tdashArray:3-3, arrowHead:none\n");
}

static void
export_tail (const AttestExportContext *context,
             const AttestExportSummary *summary,
             GString                   *out,
             AttestExportChunk         *chunk)
{
  AttestExportSummary empty = { 0 };

  if (chunk == NULL)
    return;
  if (summary == NULL)
    summary = &empty;

  write_annotation_conf (attest_export_chunk_add_file (chunk, "annotation.conf"),
                         context->tagset, summary);
  write_visual_conf (attest_export_chunk_add_file (chunk, "visual.conf"), context->tagset);
}

const AttestExporter attest_export_brat = {
  .name = "brat",
  .title = N_("brat standoff (.txt and .ann)"),
  .extension = NULL,
  .layout = ATTEST_EXPORT_FOLDER,
  .document = export_document,
  .tail = export_tail,
};
