/* test-tagset.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "attest-error.h"
#include "attest-json-guard.h"
#include "attest-tagset.h"

/* Test JSON is written with single quotes to stay readable in C. */
static char *
json (const char *single_quoted)
{
  return g_strdelimit (g_strdup (single_quoted), "'", '"');
}

#define HEADER "{'format': 'attest-tagset', 'version': 1, 'name': 'T', "
#define QUOTE_LABEL "{'id': 'quote', 'key': 'q', 'color': '#f6d32d'}"

static char *
test_data_path (const char *name)
{
  const char *dir = g_getenv ("ATTEST_TEST_DATA");

  g_assert_nonnull (dir);
  return g_build_filename (dir, "tagsets", name, NULL);
}

static void
rm_rf (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          rm_rf (child);
        }
    }

  g_assert_no_errno (g_remove (path));
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
test_default (void)
{
  g_autoptr(AttestTagset) tagset = attest_tagset_new_default ();
  AttestLabel *quote;
  AttestLabel *speaker;
  AttestLabel *fact;
  AttestAttribute *kind;
  AttestRelationType *said_by;
  AttestRelationType *continues;
  const char * const kinds[] = { "direct", "indirect", "mixed", NULL };

  g_assert_cmpstr (attest_tagset_get_name (tagset), ==, "News attribution");
  g_assert_cmpint (attest_tagset_get_version (tagset), ==, 1);
  g_assert_cmpuint (attest_tagset_get_n_labels (tagset), ==, 3);

  quote = attest_tagset_get_label (tagset, 0);
  speaker = attest_tagset_get_label (tagset, 1);
  fact = attest_tagset_get_label (tagset, 2);

  g_assert_cmpstr (quote->id, ==, "quote");
  g_assert_true (quote->id == g_intern_string ("quote"));
  g_assert_cmpstr (quote->name, ==, "Quote");
  g_assert_cmpstr (quote->key, ==, "q");
  g_assert_cmpstr (quote->color, ==, "#f6d32d");
  g_assert_cmpint (quote->style, ==, ATTEST_LABEL_STYLE_BACKGROUND);
  g_assert_false (quote->entity);
  g_assert_true (g_str_has_prefix (quote->description,
                                   "The words attributed to someone, without the quotation marks."));
  g_assert_cmpuint (quote->attributes->len, ==, 1);
  kind = g_ptr_array_index (quote->attributes, 0);
  g_assert_cmpstr (kind->id, ==, "kind");
  g_assert_cmpstr (kind->name, ==, "Kind");
  g_assert_cmpstrv (kind->values, kinds);
  g_assert_cmpstr (kind->default_value, ==, "direct");

  g_assert_cmpstr (speaker->id, ==, "speaker");
  g_assert_cmpstr (speaker->name, ==, "Speaker");
  g_assert_cmpstr (speaker->key, ==, "s");
  g_assert_cmpstr (speaker->color, ==, "#3584e4");
  g_assert_cmpint (speaker->style, ==, ATTEST_LABEL_STYLE_UNDERLINE);
  g_assert_true (speaker->entity);
  g_assert_nonnull (speaker->description);
  g_assert_cmpuint (speaker->attributes->len, ==, 0);

  g_assert_cmpstr (fact->id, ==, "fact");
  g_assert_cmpstr (fact->name, ==, "Fact");
  g_assert_cmpstr (fact->key, ==, "f");
  g_assert_cmpstr (fact->color, ==, "#2ec27e");
  g_assert_cmpint (fact->style, ==, ATTEST_LABEL_STYLE_BOX);
  g_assert_false (fact->entity);
  g_assert_nonnull (fact->description);

  g_assert_true (attest_tagset_lookup_label (tagset, "quote") == quote);
  g_assert_true (attest_tagset_lookup_label (tagset, "fact") == fact);
  g_assert_null (attest_tagset_lookup_label (tagset, "Quote"));
  g_assert_null (attest_tagset_lookup_label (tagset, "said-by"));

  g_assert_true (attest_tagset_lookup_label_by_key (tagset, "q") == quote);
  g_assert_true (attest_tagset_lookup_label_by_key (tagset, "Q") == quote);
  g_assert_true (attest_tagset_lookup_label_by_key (tagset, "S") == speaker);
  g_assert_true (attest_tagset_lookup_label_by_key (tagset, "f") == fact);
  g_assert_null (attest_tagset_lookup_label_by_key (tagset, "l"));
  g_assert_null (attest_tagset_lookup_label_by_key (tagset, "x"));
  g_assert_null (attest_tagset_lookup_label_by_key (tagset, "qs"));
  g_assert_null (attest_tagset_lookup_label_by_key (tagset, ""));

  g_assert_cmpuint (attest_tagset_get_n_relation_types (tagset), ==, 2);
  said_by = attest_tagset_get_relation_type (tagset, 0);
  continues = attest_tagset_get_relation_type (tagset, 1);

  g_assert_cmpstr (said_by->id, ==, "said-by");
  g_assert_cmpstr (said_by->name, ==, "Said by");
  g_assert_cmpstr (said_by->key, ==, "l");
  g_assert_nonnull (said_by->description);
  g_assert_true (attest_relation_type_allows (said_by, "quote", "speaker"));
  g_assert_false (attest_relation_type_allows (said_by, "speaker", "quote"));
  g_assert_false (attest_relation_type_allows (said_by, "quote", "fact"));

  g_assert_cmpstr (continues->id, ==, "continues");
  g_assert_cmpstr (continues->name, ==, "Continues");
  g_assert_null (continues->key);
  g_assert_true (attest_relation_type_allows (continues, "quote", "quote"));
  g_assert_false (attest_relation_type_allows (continues, "quote", "speaker"));

  g_assert_true (attest_tagset_lookup_relation_type (tagset, "said-by") == said_by);
  g_assert_null (attest_tagset_lookup_relation_type (tagset, "quote"));
  g_assert_true (attest_tagset_lookup_relation_type_by_key (tagset, "L") == said_by);
  g_assert_null (attest_tagset_lookup_relation_type_by_key (tagset, "q"));

  g_assert_cmpstr (attest_label_style_to_string (ATTEST_LABEL_STYLE_BACKGROUND), ==, "background");
  g_assert_cmpstr (attest_label_style_to_string (ATTEST_LABEL_STYLE_UNDERLINE), ==, "underline");
  g_assert_cmpstr (attest_label_style_to_string (ATTEST_LABEL_STYLE_BOX), ==, "box");
}

static void
test_default_shared (void)
{
  AttestTagset *a = attest_tagset_new_default ();
  AttestTagset *b = attest_tagset_new_default ();
  AttestTagset *copy;

  /* The default is immutable, so every caller may share one. */
  g_assert_true (a == b);
  attest_tagset_unref (b);

  copy = g_boxed_copy (ATTEST_TYPE_TAGSET, a);
  g_assert_true (copy == a);
  g_boxed_free (ATTEST_TYPE_TAGSET, copy);
  attest_tagset_unref (a);

  /* Still alive after every caller let go. */
  a = attest_tagset_new_default ();
  g_assert_cmpuint (attest_tagset_get_n_labels (a), ==, 3);
  attest_tagset_unref (a);
}

static void
test_parc (void)
{
  g_autoptr(AttestTagset) tagset = attest_tagset_new_parc ();
  AttestLabel *content;
  AttestLabel *source;
  AttestLabel *cue;
  AttestRelationType *has_source;
  AttestRelationType *has_cue;
  GHashTable *colors = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpstr (attest_tagset_get_name (tagset), ==, "PARC attribution");
  g_assert_cmpuint (attest_tagset_get_n_labels (tagset), ==, 3);

  content = attest_tagset_lookup_label (tagset, "content");
  source = attest_tagset_lookup_label (tagset, "source");
  cue = attest_tagset_lookup_label (tagset, "cue");
  g_assert_nonnull (content);
  g_assert_nonnull (source);
  g_assert_nonnull (cue);

  g_assert_cmpint (content->style, ==, ATTEST_LABEL_STYLE_BACKGROUND);
  g_assert_cmpint (source->style, ==, ATTEST_LABEL_STYLE_UNDERLINE);
  g_assert_cmpint (cue->style, ==, ATTEST_LABEL_STYLE_BOX);
  g_assert_true (source->entity);
  g_assert_false (content->entity);
  g_assert_false (cue->entity);

  for (guint i = 0; i < attest_tagset_get_n_labels (tagset); i++)
    {
      AttestLabel *label = attest_tagset_get_label (tagset, i);

      g_assert_nonnull (label->key);
      g_assert_nonnull (label->description);
      g_assert_true (attest_tagset_lookup_label_by_key (tagset, label->key) == label);
      g_assert_true (g_hash_table_add (colors, label->color));
    }
  g_hash_table_unref (colors);

  has_source = attest_tagset_lookup_relation_type (tagset, "has-source");
  has_cue = attest_tagset_lookup_relation_type (tagset, "has-cue");
  g_assert_nonnull (has_source);
  g_assert_nonnull (has_cue);
  g_assert_true (attest_relation_type_allows (has_source, "content", "source"));
  g_assert_false (attest_relation_type_allows (has_source, "source", "content"));
  g_assert_true (attest_relation_type_allows (has_cue, "content", "cue"));
  g_assert_false (attest_relation_type_allows (has_cue, "content", "source"));

  for (guint i = 0; i < attest_tagset_get_n_relation_types (tagset); i++)
    {
      AttestRelationType *type = attest_tagset_get_relation_type (tagset, i);

      if (type->key != NULL)
        {
          g_assert_null (attest_tagset_lookup_label_by_key (tagset, type->key));
          g_assert_true (attest_tagset_lookup_relation_type_by_key (tagset, type->key) == type);
        }
    }
}

/* The compiled-in copies are the files in data/tagsets, and are
 * registered globally for the GUI too. */
static void
test_resources (void)
{
  const char *names[] = { "news-attribution.json", "parc.json" };
  const char *root = g_getenv ("ATTEST_SOURCE_ROOT");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *resource = g_strconcat ("/io/github/attest/Attest/core/tagsets/",
                                               names[i], NULL);
      g_autofree char *path = NULL;
      g_autofree char *contents = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      gsize len;

      bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      g_assert_no_error (error);

      if (root == NULL)
        continue;

      path = g_build_filename (root, "data", "tagsets", names[i], NULL);
      g_file_get_contents (path, &contents, &len, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), contents, len);
    }
}

static void
test_multilingual (void)
{
  g_autofree char *path = test_data_path ("multilingual.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AttestTagset) tagset = NULL;
  g_autoptr(GError) error = NULL;
  AttestLabel *zitat;
  AttestLabel *sprecher;
  AttestLabel *source;
  AttestAttribute *attribute;
  AttestRelationType *zitiert;
  const char * const art[] = { "direkt", "indirekt", NULL };

  /* BOM, CRLF, unknown members, nulls and escapes. */
  tagset = attest_tagset_new_from_file (file, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (attest_tagset_get_name (tagset), ==, "Атрибуция · 引用 · اقتباس");
  g_assert_cmpuint (attest_tagset_get_n_labels (tagset), ==, 3);

  zitat = attest_tagset_get_label (tagset, 0);
  g_assert_cmpstr (zitat->name, ==, "引用");
  g_assert_cmpstr (zitat->key, ==, "Ж");
  g_assert_cmpstr (zitat->color, ==, "#e5a50a");
  g_assert_cmpint (zitat->style, ==, ATTEST_LABEL_STYLE_BACKGROUND);
  g_assert_cmpstr (zitat->description, ==,
                   "Eine Familie \U0001F469\u200d\U0001F469\u200d\U0001F467 aus der \U0001F1FA\U0001F1E6 "
                   "Ukraine: „Wir bleiben“, sagte sie.");
  g_assert_true (attest_tagset_lookup_label_by_key (tagset, "ж") == zitat);
  g_assert_true (attest_tagset_lookup_label_by_key (tagset, "Ж") == zitat);

  g_assert_cmpuint (zitat->attributes->len, ==, 2);
  attribute = g_ptr_array_index (zitat->attributes, 0);
  g_assert_cmpstrv (attribute->values, art);
  g_assert_cmpstr (attribute->default_value, ==, "indirekt");
  attribute = g_ptr_array_index (zitat->attributes, 1);
  g_assert_cmpstr (attribute->id, ==, "note-kind");
  g_assert_cmpstr (attribute->name, ==, "note-kind");
  g_assert_null (attribute->values);
  g_assert_null (attribute->default_value);

  /* A key typed as e + U+0301 is stored composed and found either way. */
  sprecher = attest_tagset_get_label (tagset, 1);
  g_assert_cmpstr (sprecher->name, ==, "דובר");
  g_assert_cmpstr (sprecher->key, ==, "\u00e9");
  g_assert_true (sprecher->entity);
  g_assert_cmpint (sprecher->style, ==, ATTEST_LABEL_STYLE_UNDERLINE);
  g_assert_true (attest_tagset_lookup_label_by_key (tagset, "\u00e9") == sprecher);
  g_assert_true (attest_tagset_lookup_label_by_key (tagset, "E\u0301") == sprecher);
  g_assert_true (attest_tagset_lookup_label_by_key (tagset, "\u00c9") == sprecher);
  g_assert_null (attest_tagset_lookup_label_by_key (tagset, "e"));

  /* No colour: one from the palette; null style: the default. */
  source = attest_tagset_get_label (tagset, 2);
  g_assert_cmpstr (source->id, ==, "2nd-source_x");
  g_assert_cmpstr (source->name, ==, "مصدر");
  g_assert_cmpstr (source->color, ==, "#2ec27e");
  g_assert_cmpint (source->style, ==, ATTEST_LABEL_STYLE_BACKGROUND);
  g_assert_cmpstr (source->description, ==, "مصدر 😀 line one\nline two");
  g_assert_true (attest_tagset_lookup_label_by_key (tagset, "7") == source);

  zitiert = attest_tagset_lookup_relation_type_by_key (tagset, "引");
  g_assert_nonnull (zitiert);
  g_assert_cmpstr (zitiert->id, ==, "zitiert");
  g_assert_cmpstr (zitiert->name, ==, "zitiert");
  g_assert_null (zitiert->description);
  g_assert_true (attest_relation_type_allows (zitiert, "zitat", "2nd-source_x"));
  g_assert_true (attest_relation_type_allows (zitiert, "zitat", "sprecher"));
  g_assert_false (attest_relation_type_allows (zitiert, "sprecher", "zitat"));
}

static void
test_file_errors (void)
{
  g_autofree char *path = test_data_path ("missing-comma-crlf.json");
  g_autofree char *clash_path = test_data_path ("key-clash.json");
  g_autofree char *expected = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) clash = g_file_new_for_path (clash_path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/attest-tagset.json");
  g_autoptr(AttestTagset) tagset = NULL;
  g_autoptr(GError) error = NULL;

  /* Columns count characters (the Cyrillic name is 12 bytes, 6 characters);
   * CRLF counts as one line break. The file's path starts the message. */
  tagset = attest_tagset_new_from_file (file, NULL, &error);
  g_assert_null (tagset);
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_PARSE);
  expected = g_strdup_printf ("%s: line 4, column 20: expected ',' or '}', found '\"'", path);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  g_clear_pointer (&expected, g_free);

  tagset = attest_tagset_new_from_file (clash, NULL, &error);
  g_assert_null (tagset);
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_INVALID);
  expected = g_strdup_printf ("%s: labels[1].key: \"Q\" is already used by \"quote\" "
                              "(keys ignore case)", clash_path);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  tagset = attest_tagset_new_from_file (missing, NULL, &error);
  g_assert_null (tagset);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

typedef struct
{
  const char *json;     /* single-quoted */
  AttestError code;
  const char *message;  /* after "test.json: " */
} ErrorCase;

static const ErrorCase error_cases[] = {
  /* The header. */
  { "[1, 2]", ATTEST_ERROR_INVALID, "expected an object at the top level, found a list" },
  { "{'version': 1, 'name': 'T', 'labels': [" QUOTE_LABEL "]}",
    ATTEST_ERROR_INVALID, "format: expected \"attest-tagset\"" },
  { "{'format': 'attest', 'version': 1, 'name': 'T', 'labels': [" QUOTE_LABEL "]}",
    ATTEST_ERROR_INVALID, "format: expected \"attest-tagset\", found \"attest\"" },
  { "{'format': 7, 'version': 1}", ATTEST_ERROR_INVALID, "format: expected a string, found a number" },
  { "{'format': 'attest-tagset', 'name': 'T', 'labels': [" QUOTE_LABEL "]}",
    ATTEST_ERROR_INVALID, "version: missing; expected 1" },
  { "{'format': 'attest-tagset', 'version': 2, 'labels': {'new': 'layout'}}",
    ATTEST_ERROR_NEWER_VERSION,
    "version: 2 is newer than this Attest understands (version 1); update Attest to use this tag set" },
  { "{'format': 'attest-tagset', 'version': 0, 'name': 'T', 'labels': [" QUOTE_LABEL "]}",
    ATTEST_ERROR_INVALID, "version: 0 is not a version; expected 1" },
  { "{'format': 'attest-tagset', 'version': -3, 'name': 'T', 'labels': [" QUOTE_LABEL "]}",
    ATTEST_ERROR_INVALID, "version: -3 is not a version; expected 1" },
  { "{'format': 'attest-tagset', 'version': 1.5, 'name': 'T', 'labels': [" QUOTE_LABEL "]}",
    ATTEST_ERROR_INVALID, "version: expected a whole number, found a number" },
  { "{'format': 'attest-tagset', 'version': '1', 'name': 'T', 'labels': [" QUOTE_LABEL "]}",
    ATTEST_ERROR_INVALID, "version: expected a whole number, found a string" },
  { "{'format': 'attest-tagset', 'version': 1, 'labels': [" QUOTE_LABEL "]}",
    ATTEST_ERROR_INVALID, "name: missing" },
  { "{'format': 'attest-tagset', 'version': 1, 'name': '', 'labels': [" QUOTE_LABEL "]}",
    ATTEST_ERROR_INVALID, "name: must not be empty" },
  { HEADER "'relations': []}", ATTEST_ERROR_INVALID, "labels: missing; expected a list" },
  { HEADER "'labels': {'quote': {}}}", ATTEST_ERROR_INVALID, "labels: expected a list, found an object" },
  { HEADER "'labels': []}", ATTEST_ERROR_INVALID,
    "labels: the list is empty; a tag set needs at least one label" },
  { HEADER "'labels': [" QUOTE_LABEL "], 'relations': 'said-by'}", ATTEST_ERROR_INVALID,
    "relations: expected a list, found a string" },

  /* Labels. */
  { HEADER "'labels': [" QUOTE_LABEL ", 'speaker']}", ATTEST_ERROR_INVALID,
    "labels[1]: expected an object, found a string" },
  { HEADER "'labels': [{'name': 'Quote'}]}", ATTEST_ERROR_INVALID, "labels[0].id: missing" },
  { HEADER "'labels': [{'id': 'Quote'}]}", ATTEST_ERROR_INVALID,
    "labels[0].id: \"Quote\" is not a valid id; use lower-case letters a-z, digits, "
    "\"-\" and \"_\", starting with a letter or digit" },
  { HEADER "'labels': [{'id': '-quote'}]}", ATTEST_ERROR_INVALID,
    "labels[0].id: \"-quote\" is not a valid id; use lower-case letters a-z, digits, "
    "\"-\" and \"_\", starting with a letter or digit" },
  { HEADER "'labels': [{'id': 'zitat\u00e9'}]}", ATTEST_ERROR_INVALID,
    "labels[0].id: \"zitat\u00e9\" is not a valid id; use lower-case letters a-z, digits, "
    "\"-\" and \"_\", starting with a letter or digit" },
  { HEADER "'labels': [{'id': 'a b'}]}", ATTEST_ERROR_INVALID,
    "labels[0].id: \"a b\" is not a valid id; use lower-case letters a-z, digits, "
    "\"-\" and \"_\", starting with a letter or digit" },
  { HEADER "'labels': [{'id': 42}]}", ATTEST_ERROR_INVALID,
    "labels[0].id: expected a string, found a number" },
  { HEADER "'labels': [" QUOTE_LABEL ", {'id': 'fact'}, {'id': 'quote'}]}", ATTEST_ERROR_INVALID,
    "labels[2].id: \"quote\" is already the id of labels[0]" },
  { HEADER "'labels': [" QUOTE_LABEL ", {'id': 'speaker', 'key': 's'}, {'id': 'fact', 'key': 'q'}]}",
    ATTEST_ERROR_INVALID, "labels[2].key: \"q\" is already used by \"quote\"" },
  { HEADER "'labels': [{'id': 'quote', 'key': 'qq'}]}", ATTEST_ERROR_INVALID,
    "labels[0].key: \"qq\" is not a single character" },
  { HEADER "'labels': [{'id': 'quote', 'key': '!'}]}", ATTEST_ERROR_INVALID,
    "labels[0].key: \"!\" is not a letter or a digit" },
  { HEADER "'labels': [{'id': 'quote', 'key': ' '}]}", ATTEST_ERROR_INVALID,
    "labels[0].key: \" \" is not a letter or a digit" },
  { HEADER "'labels': [{'id': 'quote', 'key': '\U0001F600'}]}", ATTEST_ERROR_INVALID,
    "labels[0].key: \"\U0001F600\" is not a letter or a digit" },
  { HEADER "'labels': [{'id': 'quote', 'key': 'q\\u0000'}]}", ATTEST_ERROR_PARSE,
    "line 1, column 92: \\u0000 (a NUL character) is not allowed in a string" },
  { HEADER "'labels': [{'id': 'quote', 'color': 'red'}]}", ATTEST_ERROR_INVALID,
    "labels[0].color: \"red\" is not a colour like \"#f6d32d\"" },
  { HEADER "'labels': [{'id': 'quote', 'color': '#f6d32'}]}", ATTEST_ERROR_INVALID,
    "labels[0].color: \"#f6d32\" is not a colour like \"#f6d32d\"" },
  { HEADER "'labels': [{'id': 'quote', 'color': '#f6d32g'}]}", ATTEST_ERROR_INVALID,
    "labels[0].color: \"#f6d32g\" is not a colour like \"#f6d32d\"" },
  { HEADER "'labels': [" QUOTE_LABEL ", {'id': 'speaker', 'style': 'zigzag'}]}", ATTEST_ERROR_INVALID,
    "labels[1].style: \"zigzag\" is not one of background, underline, box" },
  { HEADER "'labels': [{'id': 'speaker', 'entity': 'yes'}]}", ATTEST_ERROR_INVALID,
    "labels[0].entity: expected true or false, found a string" },
  { HEADER "'labels': [{'id': 'speaker', 'name': ['Speaker']}]}", ATTEST_ERROR_INVALID,
    "labels[0].name: expected a string, found a list" },
  { HEADER "'labels': [{'id': 'speaker', 'description': true}]}", ATTEST_ERROR_INVALID,
    "labels[0].description: expected a string, found true" },

  /* Attributes. */
  { HEADER "'labels': [{'id': 'quote', 'attributes': {'kind': 'direct'}}]}", ATTEST_ERROR_INVALID,
    "labels[0].attributes: expected a list, found an object" },
  { HEADER "'labels': [{'id': 'quote', 'attributes': [{'id': 'kind', 'values': "
    "['direct', 'indirect', 'mixed'], 'default': 'other'}]}]}", ATTEST_ERROR_INVALID,
    "labels[0].attributes[0].default: \"other\" is not one of direct, indirect, mixed" },
  { HEADER "'labels': [{'id': 'quote', 'attributes': [{'id': 'kind', 'values': "
    "['direct', 'indirect', 'direct']}]}]}", ATTEST_ERROR_INVALID,
    "labels[0].attributes[0].values[2]: \"direct\" is already listed at "
    "labels[0].attributes[0].values[0]" },
  { HEADER "'labels': [{'id': 'quote', 'attributes': [{'id': 'kind', 'values': []}]}]}",
    ATTEST_ERROR_INVALID, "labels[0].attributes[0].values: the list is empty" },
  { HEADER "'labels': [{'id': 'quote', 'attributes': [{'id': 'kind', 'values': ['a', 3]}]}]}",
    ATTEST_ERROR_INVALID, "labels[0].attributes[0].values[1]: expected a string, found a number" },
  { HEADER "'labels': [{'id': 'quote', 'attributes': [{'id': 'kind', 'values': ['a', '']}]}]}",
    ATTEST_ERROR_INVALID, "labels[0].attributes[0].values[1]: must not be empty" },
  { HEADER "'labels': [{'id': 'quote', 'attributes': [{'id': 'kind'}, {'id': 'kind'}]}]}",
    ATTEST_ERROR_INVALID, "labels[0].attributes[1].id: this label already has an attribute \"kind\"" },
  { HEADER "'labels': [{'id': 'quote', 'attributes': [{'name': 'Kind'}]}]}",
    ATTEST_ERROR_INVALID, "labels[0].attributes[0].id: missing" },
  { HEADER "'labels': [{'id': 'quote', 'attributes': ['kind']}]}",
    ATTEST_ERROR_INVALID, "labels[0].attributes[0]: expected an object, found a string" },
  { HEADER "'labels': [{'id': 'quote', 'attributes': [{'id': 'kind', 'default': 1}]}]}",
    ATTEST_ERROR_INVALID, "labels[0].attributes[0].default: expected a string, found a number" },

  /* Relation types. */
  { HEADER "'labels': [" QUOTE_LABEL "], 'relations': [{'id': 'said-by', 'from': ['quot'], "
    "'to': ['quote']}]}", ATTEST_ERROR_INVALID, "relations[0].from[0]: no label \"quot\"" },
  { HEADER "'labels': [" QUOTE_LABEL "], 'relations': [{'id': 'said-by', 'from': ['quote'], "
    "'to': ['quote', 'speaker']}]}", ATTEST_ERROR_INVALID, "relations[0].to[1]: no label \"speaker\"" },
  { HEADER "'labels': [" QUOTE_LABEL "], 'relations': [{'id': 'said-by', 'from': 'quote', "
    "'to': ['quote']}]}", ATTEST_ERROR_INVALID, "relations[0].from: expected a list, found a string" },
  { HEADER "'labels': [" QUOTE_LABEL "], 'relations': [{'id': 'said-by', 'from': ['quote']}]}",
    ATTEST_ERROR_INVALID, "relations[0].to: missing; expected a list" },
  { HEADER "'labels': [" QUOTE_LABEL "], 'relations': [{'id': 'said-by', 'from': [], "
    "'to': ['quote']}]}", ATTEST_ERROR_INVALID, "relations[0].from: the list is empty" },
  { HEADER "'labels': [" QUOTE_LABEL "], 'relations': [{'id': 'said-by', 'from': ['quote'], "
    "'to': ['quote'], 'key': 'Q'}]}", ATTEST_ERROR_INVALID,
    "relations[0].key: \"Q\" is already used by \"quote\" (keys ignore case)" },
  { HEADER "'labels': [" QUOTE_LABEL "], 'relations': [{'id': 'said-by', 'from': ['quote'], "
    "'to': ['quote'], 'key': 'l'}, {'id': 'continues', 'from': ['quote'], 'to': ['quote'], "
    "'key': 'l'}]}", ATTEST_ERROR_INVALID, "relations[1].key: \"l\" is already used by \"said-by\"" },
  { HEADER "'labels': [" QUOTE_LABEL "], 'relations': [{'id': 'said-by', 'from': ['quote'], "
    "'to': ['quote']}, {'id': 'said-by', 'from': ['quote'], 'to': ['quote']}]}",
    ATTEST_ERROR_INVALID, "relations[1].id: there is already a relation \"said-by\"" },
  { HEADER "'labels': [" QUOTE_LABEL "], 'relations': [{'id': 'Said By', 'from': ['quote'], "
    "'to': ['quote']}]}", ATTEST_ERROR_INVALID,
    "relations[0].id: \"Said By\" is not a valid id; use lower-case letters a-z, digits, "
    "\"-\" and \"_\", starting with a letter or digit" },
  { HEADER "'labels': [" QUOTE_LABEL "], 'relations': [null]}", ATTEST_ERROR_INVALID,
    "relations[0]: expected an object, found null" },
};

static void
test_errors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      const ErrorCase *c = &error_cases[i];
      g_autofree char *data = json (c->json);
      g_autofree char *expected = g_strconcat ("test.json: ", c->message, NULL);
      g_autoptr(AttestTagset) tagset = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u: %s", i, data);
      tagset = attest_tagset_new_from_data (data, -1, "test.json", &error);
      g_assert_null (tagset);
      g_assert_error (error, ATTEST_ERROR, (int) c->code);
      g_assert_cmpstr (error->message, ==, expected);
    }
}

/* What the rules allow: unknown members, optional members left out or
 * null, a label without a key, keys in any script, and the smallest
 * valid file. */
static void
test_lenient (void)
{
  g_autofree char *data = json (HEADER "'x-future': {'a': [1, 2.5, null]}, 'labels': ["
                                "{'id': 'a', 'key': null, 'style': 'box', 'entity': false, "
                                "'attributes': null, 'future': 1},"
                                "{'id': '0', 'key': '0'}, {'id': 'b', 'key': '\u5f15'}], "
                                "'relations': null}");
  g_autofree char *minimal = json ("{'format': 'attest-tagset', 'version': 1, 'name': 'M', "
                                   "'labels': [{'id': 'm'}]}");
  g_autoptr(AttestTagset) tagset = NULL;
  g_autoptr(GError) error = NULL;
  AttestLabel *a;

  tagset = attest_tagset_new_from_data (data, -1, "test.json", &error);
  g_assert_no_error (error);
  a = attest_tagset_get_label (tagset, 0);
  g_assert_null (a->key);
  g_assert_cmpstr (a->name, ==, "a");
  g_assert_cmpstr (a->color, ==, "#f6d32d");
  g_assert_cmpint (a->style, ==, ATTEST_LABEL_STYLE_BOX);
  g_assert_false (a->entity);
  g_assert_nonnull (a->attributes);
  g_assert_cmpuint (a->attributes->len, ==, 0);
  g_assert_null (a->description);
  g_assert_cmpstr (attest_tagset_get_label (tagset, 1)->color, ==, "#3584e4");
  g_assert_true (attest_tagset_lookup_label_by_key (tagset, "0") == attest_tagset_get_label (tagset, 1));
  g_assert_true (attest_tagset_lookup_label_by_key (tagset, "\u5f15") == attest_tagset_get_label (tagset, 2));
  g_assert_cmpuint (attest_tagset_get_n_relation_types (tagset), ==, 0);
  g_clear_pointer (&tagset, attest_tagset_unref);

  tagset = attest_tagset_new_from_data (minimal, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attest_tagset_get_name (tagset), ==, "M");
  g_assert_cmpuint (attest_tagset_get_n_labels (tagset), ==, 1);

  /* Not NUL-terminated: only @len bytes are read. */
  g_clear_pointer (&tagset, attest_tagset_unref);
  {
    g_autofree char *padded = g_strconcat (minimal, "garbage", NULL);

    tagset = attest_tagset_new_from_data (padded, strlen (minimal), NULL, &error);
    g_assert_no_error (error);
  }
}

static char *
repeat (const char *piece,
        guint       times)
{
  GString *out = g_string_sized_new (strlen (piece) * times);

  for (guint i = 0; i < times; i++)
    g_string_append (out, piece);

  return g_string_free (out, FALSE);
}

static void
assert_load_fails (const char  *data,
                   gssize       len,
                   AttestError  code,
                   const char  *message)
{
  g_autoptr(AttestTagset) tagset = NULL;
  g_autoptr(GError) error = NULL;

  tagset = attest_tagset_new_from_data (data, len, "test.json", &error);
  g_assert_null (tagset);
  g_assert_error (error, ATTEST_ERROR, (int) code);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
}

static void
test_guard_depth (void)
{
  const char *prefix = "{\"format\": \"attest-tagset\", \"deep\": ";
  g_autofree char *open = repeat ("[", 100000);
  g_autofree char *close = repeat ("]", 100000);
  g_autofree char *objects = repeat ("{\"a\": ", 100000);
  g_autofree char *data = g_strconcat (prefix, open, close, "}", NULL);
  g_autofree char *message = NULL;
  g_autofree char *at_limit = NULL;
  g_autofree char *over_limit = NULL;
  g_autoptr(AttestTagset) tagset = NULL;
  g_autoptr(GError) error = NULL;

  /* The outer object is level 1, so the 32nd "[" is level 33. */
  message = g_strdup_printf ("test.json: line 1, column %zu: arrays and objects are nested "
                             "more than 32 levels deep", strlen (prefix) + 32);
  assert_load_fails (data, -1, ATTEST_ERROR_TOO_LARGE, message);

  /* Never closed, and objects rather than arrays. */
  g_clear_pointer (&data, g_free);
  data = g_strconcat (prefix, objects, NULL);
  assert_load_fails (data, -1, ATTEST_ERROR_TOO_LARGE, NULL);

  /* Exactly 32 levels is fine. */
  open[31] = close[31] = '\0';
  at_limit = g_strconcat (HEADER, "'deep': ", open, close, ", 'labels': [{'id': 'a'}]}", NULL);
  g_strdelimit (at_limit, "'", '"');
  tagset = attest_tagset_new_from_data (at_limit, -1, "test.json", &error);
  g_assert_no_error (error);
  g_assert_nonnull (tagset);

  open[31] = '[';
  close[31] = ']';
  open[32] = close[32] = '\0';
  over_limit = g_strconcat (HEADER, "'deep': ", open, close, ", 'labels': [{'id': 'a'}]}", NULL);
  g_strdelimit (over_limit, "'", '"');
  assert_load_fails (over_limit, -1, ATTEST_ERROR_TOO_LARGE, NULL);
}

static void
test_guard_size (void)
{
  const gsize limit = 1024 * 1024;
  g_autofree char *head = json (HEADER "'labels': [{'id': 'a', 'description': '");
  g_autofree char *tail = json ("'}]}");
  g_autoptr(GString) data = g_string_new (head);
  g_autoptr(AttestTagset) tagset = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  /* Exactly 1 MiB loads; one byte more does not. */
  while (data->len < limit - strlen (tail))
    g_string_append_c (data, 'a');
  g_string_append (data, tail);
  g_assert_cmpuint (data->len, ==, limit);

  tagset = attest_tagset_new_from_data (data->str, data->len, "test.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (attest_tagset_get_label (tagset, 0)->description), ==,
                    limit - strlen (head) - strlen (tail));
  g_clear_pointer (&tagset, attest_tagset_unref);

  g_string_insert_c (data, strlen (head), 'a');
  assert_load_fails (data->str, data->len, ATTEST_ERROR_TOO_LARGE,
                     "test.json: the file is larger than 1 MiB, the limit for a tag set");

  /* From a file, reading stops at the limit. */
  dir = g_dir_make_tmp ("attest-tagset-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, ATTEST_TAGSET_FILE_NAME, NULL);
  g_file_set_contents (path, data->str, data->len, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);
  tagset = attest_tagset_new_from_file (file, NULL, &error);
  g_assert_null (tagset);
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, path));

  rm_rf (dir);
}

typedef struct
{
  const char  *json;     /* single-quoted, a 'name' value spliced into HEADER */
  AttestError  code;
  const char  *message;  /* after "test.json: " */
} GuardCase;

static const GuardCase guard_cases[] = {
  { "{'format': 'attest-tagset', 'version': 1e400}", ATTEST_ERROR_TOO_LARGE,
    "line 1, column 40: the number 1e400 is too large" },
  { "{'format': 'attest-tagset', 'version': -1E+999}", ATTEST_ERROR_TOO_LARGE,
    "line 1, column 40: the number -1E+999 is too large" },
  { "{'format': 'attest-tagset', 'version': 99999999999999999999}", ATTEST_ERROR_TOO_LARGE,
    "line 1, column 40: the number 99999999999999999999 does not fit in 64 bits" },
  { "{'format': 'attest-tagset', 'version': 9223372036854775808}", ATTEST_ERROR_TOO_LARGE,
    "line 1, column 40: the number 9223372036854775808 does not fit in 64 bits" },
  { "{'format': 'attest-tagset', 'version': 01}", ATTEST_ERROR_PARSE,
    "line 1, column 40: a number cannot start with 0" },
  { "{'format': 'attest-tagset', 'version': 1.}", ATTEST_ERROR_PARSE,
    "line 1, column 42: expected a digit after the decimal point, found '}'" },
  { "{'format': 'attest-tagset', 'version': .5}", ATTEST_ERROR_PARSE,
    "line 1, column 40: expected a value (a string, number, object, array, true, false or null), "
    "found '.'" },
  { "{'format': 'attest-tagset', 'version': 1e}", ATTEST_ERROR_PARSE,
    "line 1, column 42: expected a digit in the exponent, found '}'" },
  { "{'format': 'attest-tagset', 'version': -}", ATTEST_ERROR_PARSE,
    "line 1, column 41: expected a digit, found '}'" },
  { "{'format': 'attest-tagset', 'version': NaN}", ATTEST_ERROR_PARSE, NULL },
  { "{'format': 'attest-tagset', 'name': '\\u0000'}", ATTEST_ERROR_PARSE,
    "line 1, column 38: \\u0000 (a NUL character) is not allowed in a string" },
  { "{'format': 'attest-tagset', 'name': 'a\\ud800'}", ATTEST_ERROR_PARSE,
    "line 1, column 39: \\uD800 is the first half of a surrogate pair without the second" },
  { "{'format': 'attest-tagset', 'name': '\\udbff\\u0041'}", ATTEST_ERROR_PARSE,
    "line 1, column 38: \\uDBFF is the first half of a surrogate pair without the second" },
  { "{'format': 'attest-tagset', 'name': '\\ud83d\\ud83d'}", ATTEST_ERROR_PARSE,
    "line 1, column 38: \\uD83D is the first half of a surrogate pair without the second" },
  { "{'format': 'attest-tagset', 'name': '\\udc00x'}", ATTEST_ERROR_PARSE,
    "line 1, column 38: \\uDC00 is the second half of a surrogate pair without the first" },
  { "{'format': 'attest-tagset', 'name': '\\u12'}", ATTEST_ERROR_PARSE,
    "line 1, column 38: \\u must be followed by four hexadecimal digits" },
  { "{'format': 'attest-tagset', 'name': '\\x41'}", ATTEST_ERROR_PARSE,
    "line 1, column 38: 'x' cannot follow a backslash; write \\\\ for a backslash" },
  { "{'format': 'attest-tagset', 'name': 'tab\there'}", ATTEST_ERROR_PARSE,
    "line 1, column 41: the control character U+0009 must be escaped inside a string "
    "(a string cannot span lines)" },
  { "{'format': 'attest-tagset',\n 'name': 'two\nlines'}", ATTEST_ERROR_PARSE,
    "line 2, column 14: the control character U+000A must be escaped inside a string "
    "(a string cannot span lines)" },
  { "{'format': 'attest-tagset', 'name': 'open", ATTEST_ERROR_PARSE,
    "line 1, column 37: this string has no closing quote" },
  { "", ATTEST_ERROR_PARSE, "line 1, column 1: the file is empty" },
  { " \r\n\t ", ATTEST_ERROR_PARSE, "line 2, column 3: the file is empty" },
  { "{'format': 'attest-tagset'} {}", ATTEST_ERROR_PARSE,
    "line 1, column 29: expected nothing after the end of the JSON value, found '{'" },
  { "{'format': 'attest-tagset', 'labels': [1, 2,]}", ATTEST_ERROR_PARSE,
    "line 1, column 45: a comma cannot come before ']'; remove the last comma" },
  { "{'format': 'attest-tagset',}", ATTEST_ERROR_PARSE,
    "line 1, column 28: a comma cannot come before '}'; remove the last comma" },
  { "/* comment */ {}", ATTEST_ERROR_PARSE, NULL },
  { "{format: 1}", ATTEST_ERROR_PARSE,
    "line 1, column 2: expected a member name in double quotes, found 'f'" },
  { "{'format' 1}", ATTEST_ERROR_PARSE,
    "line 1, column 11: expected ':' after the member name, found '1'" },
  { "{'labels': [], 'labels': [{'id': 'a'}]}", ATTEST_ERROR_PARSE,
    "line 1, column 16: the member \"labels\" appears twice in the same object" },
  { "{'a': {'b': 1, 'b': 2}}", ATTEST_ERROR_PARSE,
    "line 1, column 16: the member \"b\" appears twice in the same object" },
  { "{'a': [tru]}", ATTEST_ERROR_PARSE, NULL },
  { "{'a': [truex]}", ATTEST_ERROR_PARSE,
    "line 1, column 12: expected ',' or ']', found 'x'" },
  { "[[[", ATTEST_ERROR_PARSE, "line 1, column 4: expected a value, found the end of the file" },
};

static void
test_guard_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (guard_cases); i++)
    {
      const GuardCase *c = &guard_cases[i];
      g_autofree char *data = json (c->json);
      g_autofree char *expected = NULL;

      g_test_message ("case %u: %s", i, data);
      if (c->message != NULL)
        expected = g_strconcat ("test.json: ", c->message, NULL);
      assert_load_fails (data, -1, c->code, expected);
    }
}

static void
test_guard_bytes (void)
{
  /* Bytes that are not UTF-8: a stray continuation byte, an overlong "/",
   * a truncated euro sign, a UTF-16 surrogate encoded in UTF-8. */
  static const char *bad[] = { "\x80", "\xc0\xaf", "\xe2\x82", "\xed\xa0\x80", "\xff" };
  g_autofree char *bom = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *data = g_strconcat ("{\"format\": \"attest-tagset\",\n \"name\": \"Ж",
                                           bad[i], "\"}", NULL);

      assert_load_fails (data, -1, ATTEST_ERROR_INVALID_UTF8,
                         "test.json: line 2, column 12: byte 40 is not valid UTF-8; "
                         "save the file as UTF-8");
    }

  {
    const char with_nul[] = "{\"format\": \"attest\0-tagset\"}";

    assert_load_fails (with_nul, sizeof with_nul - 1, ATTEST_ERROR_PARSE,
                       "test.json: line 1, column 19: a NUL byte; this is not a text file");
  }

  /* Single quotes are JavaScript, not JSON (json-glib accepts them). */
  assert_load_fails ("{\"format\": 'attest-tagset'}", -1, ATTEST_ERROR_PARSE,
                     "test.json: line 1, column 12: expected a value (a string, number, object, "
                     "array, true, false or null), found '''");

  /* A BOM is skipped and does not count as a column. */
  bom = g_strconcat ("\xef\xbb\xbf", "{x}", NULL);
  assert_load_fails (bom, -1, ATTEST_ERROR_PARSE,
                     "test.json: line 1, column 2: expected a member name in double quotes, "
                     "found 'x'");
}

/* The guard on its own, for the JSON it lets through. */
static void
test_guard_accepts (void)
{
  static const char *good[] = {
    "0", "-0", "1E5", "0.5e-3", "-1.5E+2", "1e-400", "9223372036854775807",
    "-9223372036854775808", "1.7976931348623157e308", "\"\\ud83d\\ude00\\/\\b\\f\\n\\r\\t\\\"\\\\\"",
    "true", "false", "null", " [ ] ", "{}", "\xef\xbb\xbf{\"a\": [1, {\"b\": null}]}\r\n",
    "[\"\U0001F469\u200d\U0001F469\u200d\U0001F467 \U0001F1FA\U0001F1E6 e\xcc\x81 引用 اقتباس "
    "דובר\"]", "{\"a\": 1, \"A\": 2, \"\\u0061\\u0062\": 3, \"ab \": 4}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u: %s", i, good[i]);
      g_assert_true (attest_json_guard_check (good[i], strlen (good[i]), 4, &error));
      g_assert_no_error (error);
    }

  /* "\u0061b" and "ab" are the same name. */
  {
    const char *dup = "{\"ab\": 1, \"\\u0061b\": 2}";
    g_autoptr(GError) error = NULL;

    g_assert_false (attest_json_guard_check (dup, strlen (dup), 4, &error));
    g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_PARSE);
  }
}

/* Random damage to the default tag set: every result is a tag set or an
 * error, never both, never a crash. */
static void
test_guard_mutations (void)
{
  static const char interesting[] = "[]{}\",:\\0e-.u \n\x80\xff\xc3";
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261128);
  g_autoptr(GError) error = NULL;
  const char *original;
  gsize len;
  guint loaded = 0;

  bytes = g_resources_lookup_data ("/io/github/attest/Attest/core/tagsets/news-attribution.json",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  original = g_bytes_get_data (bytes, &len);

  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *data = g_memdup2 (original, len);
      g_autoptr(AttestTagset) tagset = NULL;
      gsize n = len;
      guint changes = g_rand_int_range (rand, 1, 5);

      for (guint j = 0; j < changes; j++)
        {
          gsize at = g_rand_int_range (rand, 0, (gint32) n);

          switch (g_rand_int_range (rand, 0, 3))
            {
            case 0:
              data[at] = interesting[g_rand_int_range (rand, 0, sizeof interesting - 1)];
              break;
            case 1:
              data[at] = (char) g_rand_int_range (rand, 0, 256);
              break;
            default:
              n = at + 1;
              break;
            }
        }

      tagset = attest_tagset_new_from_data (data, n, "fuzz", &error);
      g_assert_true ((tagset == NULL) != (error == NULL));
      if (error != NULL)
        {
          g_assert_true (error->domain == ATTEST_ERROR);
          g_assert_true (g_str_has_prefix (error->message, "fuzz: "));
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
          g_clear_error (&error);
        }
      else
        loaded++;
    }

  /* Some damage lands in descriptions and still loads. */
  g_assert_cmpuint (loaded, >, 0);
}

static void
test_find_for_article (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("attest-tagset-XXXXXX", &error);
  g_autofree char *deep = NULL;
  g_autofree char *a_tagset = NULL;
  g_autofree char *b_tagset = NULL;
  g_autofree char *c_tagset = NULL;
  g_autoptr(GFile) article = NULL;
  g_autoptr(GFile) found = NULL;
  g_autoptr(AttestTagset) tagset = NULL;
  g_autoptr(GFile) probe = NULL;
  g_autoptr(GFile) stale = g_file_new_for_path ("/stale");
  gboolean outside = FALSE;

  g_assert_no_error (error);

  deep = g_build_filename (root, "a", "b", "c", NULL);
  g_assert_no_errno (g_mkdir_with_parents (deep, 0700));
  a_tagset = g_build_filename (root, "a", ATTEST_TAGSET_FILE_NAME, NULL);
  b_tagset = g_build_filename (root, "a", "b", ATTEST_TAGSET_FILE_NAME, NULL);
  c_tagset = g_build_filename (deep, ATTEST_TAGSET_FILE_NAME, NULL);

  /* The article itself need not exist: only its folders are searched. */
  article = g_file_new_build_filename (deep, "2026-01-27 Bürgermeisterin 引用.txt", NULL);

  /* A stray attest-tagset.json above our temporary folder would be found
   * first; the walk is right to find it, but this test could not tell. */
  for (probe = g_file_new_for_path (root); probe != NULL; )
    {
      g_autoptr(GFile) candidate = g_file_get_child (probe, ATTEST_TAGSET_FILE_NAME);
      GFile *parent = g_file_get_parent (probe);

      outside |= g_file_query_exists (candidate, NULL);
      g_object_unref (probe);
      probe = parent;
    }

  if (!outside)
    {
      /* None anywhere: the default, and @found is NULL. */
      /* @found is an out argument: whatever it held is overwritten. */
      found = stale;
      tagset = attest_tagset_find_for_article (article, &found, NULL, &error);
      g_assert_no_error (error);
      g_assert_null (found);
      g_assert_cmpstr (attest_tagset_get_name (tagset), ==, "News attribution");
      g_clear_pointer (&tagset, attest_tagset_unref);
    }

  /* One two folders up. */
  write_file (a_tagset, "{\"format\": \"attest-tagset\", \"version\": 1, \"name\": \"A\", "
                        "\"labels\": [{\"id\": \"a\"}]}");
  tagset = attest_tagset_find_for_article (article, &found, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attest_tagset_get_name (tagset), ==, "A");
  g_assert_nonnull (found);
  g_assert_cmpstr (g_file_peek_path (found), ==, a_tagset);
  g_clear_pointer (&tagset, attest_tagset_unref);
  g_clear_object (&found);

  /* A nearer one wins, and @found may be NULL. */
  write_file (b_tagset, "{\"format\": \"attest-tagset\", \"version\": 1, \"name\": \"B\", "
                        "\"labels\": [{\"id\": \"b\"}]}");
  tagset = attest_tagset_find_for_article (article, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attest_tagset_get_name (tagset), ==, "B");
  g_clear_pointer (&tagset, attest_tagset_unref);

  /* An article beside a tag set. */
  {
    g_autoptr(GFile) near = g_file_new_build_filename (root, "a", "story.txt", NULL);

    tagset = attest_tagset_find_for_article (near, &found, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (attest_tagset_get_name (tagset), ==, "A");
    g_assert_cmpstr (g_file_peek_path (found), ==, a_tagset);
    g_clear_pointer (&tagset, attest_tagset_unref);
    g_clear_object (&found);
  }

  /* The nearest is broken: an error naming it, not B or the default. */
  write_file (c_tagset, "{\"format\": \"attest-tagset\", \"version\": 1, \"name\": \"C\", "
                        "\"labels\": [{\"id\": \"c\", \"style\": \"zigzag\"}]}");
  found = stale;
  tagset = attest_tagset_find_for_article (article, &found, NULL, &error);
  g_assert_null (tagset);
  g_assert_null (found);
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, c_tagset));
  g_assert_true (g_str_has_suffix (error->message,
                                   ": labels[0].style: \"zigzag\" is not one of background, "
                                   "underline, box"));
  g_clear_error (&error);

  /* Neither is a folder in the way. */
  g_assert_no_errno (g_remove (c_tagset));
  g_assert_no_errno (g_mkdir (c_tagset, 0700));
  tagset = attest_tagset_find_for_article (article, NULL, NULL, &error);
  g_assert_null (tagset);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_no_errno (g_rmdir (c_tagset));

  /* Nor an empty file. */
  write_file (c_tagset, "");
  tagset = attest_tagset_find_for_article (article, NULL, NULL, &error);
  g_assert_null (tagset);
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_PARSE);
  g_clear_error (&error);

  /* Cancelled before it starts. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_cancellable_cancel (cancellable);
    tagset = attest_tagset_find_for_article (article, NULL, cancellable, &error);
    g_assert_null (tagset);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
  }

  rm_rf (root);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/attest/core/tagset/default", test_default);
  g_test_add_func ("/attest/core/tagset/default-shared", test_default_shared);
  g_test_add_func ("/attest/core/tagset/parc", test_parc);
  g_test_add_func ("/attest/core/tagset/resources", test_resources);
  g_test_add_func ("/attest/core/tagset/multilingual", test_multilingual);
  g_test_add_func ("/attest/core/tagset/file-errors", test_file_errors);
  g_test_add_func ("/attest/core/tagset/errors", test_errors);
  g_test_add_func ("/attest/core/tagset/lenient", test_lenient);
  g_test_add_func ("/attest/core/tagset/find-for-article", test_find_for_article);
  g_test_add_func ("/attest/core/tagset/guard/depth", test_guard_depth);
  g_test_add_func ("/attest/core/tagset/guard/size", test_guard_size);
  g_test_add_func ("/attest/core/tagset/guard/cases", test_guard_cases);
  g_test_add_func ("/attest/core/tagset/guard/bytes", test_guard_bytes);
  g_test_add_func ("/attest/core/tagset/guard/accepts", test_guard_accepts);
  g_test_add_func ("/attest/core/tagset/guard/mutations", test_guard_mutations);

  return g_test_run ();
}
