/* test-sidecar.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "attest-core.h"

/* The text of tests/data/sidecar/golden-story.attest.json: CRLF lines, a
 * flag and a ZWJ family emoji, a combining accent, a nested quote, CJK,
 * Arabic and Hebrew, a double quote to escape and a quote that runs over
 * two paragraphs. */
#define STORY_TEXT \
  "\u201cWe will not back down,\u201d Mayor Jane Doe said on Tuesday. \U0001F1FA\U0001F1E6\r\n" \
  "Her deputy, Amir Haddad, added: \u201cShe told me, \u2018Cafe\u0301 owners deserve an " \
  "answer,\u2019 and I agree.\u201d \U0001F469\u200D\U0001F469\u200D\U0001F467\r\n" \
  "\u5e02\u9577\u306f\u300c\u64a4\u56de\u3057\u306a\u3044\u300d\u3068\u8ff0\u3079\u305f\u3002\r\n" \
  "\u0642\u0627\u0644 \u0627\u0644\u0648\u0632\u064a\u0631: \u00ab\u0644\u0646 " \
  "\u0646\u062a\u0631\u0627\u062c\u0639\u00bb.\r\n" \
  "\u05d0\u05de\u05e8 \u05d4\u05e9\u05e8: \"\u05e0\u05de\u05e9\u05d9\u05da\".\r\n" \
  "\u201cThe budget is final.\r\n" \
  "\r\n" \
  "\u201cWe expect no changes,\u201d the statement read.\r\n"

typedef struct
{
  const char *id;
  const char *label;
  guint       start;
  guint       end;
  const char *attrs;    /* "k=v;k2=v2" */
  const char *note;
  const char *entity;
  const char *by;
  const char *origin;
  const char *created;
  guint       flags;
  const char *was;
  const char *extra;
} SpanSpec;

/* Deliberately not in file order: the writer must sort. */
static const SpanSpec story_spans[] = {
  { "s15", "quote", 286, 286, NULL, NULL, NULL, "ana", NULL, NULL,
    ATTEST_SPAN_FLAG_DELETED, " and it was signed", NULL },
  { "s6", "quote", 166, 171, "kind=direct", NULL, NULL, "ana", NULL, NULL, 0, NULL, NULL },
  { "s1", "quote", 1, 23, "kind=direct", NULL, NULL, "ana", "manual", "2026-11-28T10:00:00Z",
    0, NULL, NULL },
  { "s16", "fact", 166, 171, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL },
  { "s2", "speaker", 25, 39, NULL, NULL, "e1", "ana", "manual", "2026-11-28T10:00:04Z",
    0, NULL, NULL },
  { "s12", "fact", 45, 55, NULL, NULL, NULL, "ana", "manual", NULL,
    ATTEST_SPAN_FLAG_CHANGED, "on Monday", "\"x-confidence\": 0.9" },
  { "s13", "fact", 57, 59, NULL, "Flag emoji: two code points.", NULL, "ben", "imported:brat",
    NULL, 0, NULL, NULL },
  { "s5", "speaker", 73, 84, NULL, NULL, "e2", "ana", "manual", NULL, 0, NULL, NULL },
  { "s4", "quote", 108, 139, "nested=yes;kind=direct",
    "Nested inside \"She told me\".\nSecond line\ttabbed.", NULL, "ana", "suggested:quotes",
    NULL, 0, NULL, NULL },
  { "s3", "quote", 94, 153, "kind=direct", "Outer quote; it holds a nested one.", NULL, "ana",
    "manual", NULL, 0, NULL, NULL },
  { "s14", "fact", 155, 160, NULL, NULL, NULL, "ben", NULL, NULL, 0, NULL, NULL },
  { "s7", "speaker", 162, 164, NULL, NULL, "e1", NULL, NULL, NULL, 0, NULL, NULL },
  { "s8", "quote", 192, 201, "kind=direct", NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL },
  { "s9", "quote", 215, 220, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL },
  { "s11", "quote", 250, 271, "kind=direct", NULL, NULL, "ana", NULL, NULL, 0, NULL, NULL },
  { "s10", "quote", 225, 245, "kind=direct", NULL, NULL, "ana", NULL, NULL, 0, NULL, NULL },
  { "s17", "speaker", 273, 286, NULL, NULL, "e10", NULL, NULL, NULL, 0, NULL, NULL },
};

static const SpanSpec story_suggested[] = {
  { "p1", "speaker", 209, 212, NULL, NULL, NULL, NULL, "suggested:cue-verbs", NULL, 0, NULL, NULL },
  { "p2", "speaker", 183, 189, NULL, NULL, NULL, NULL, "suggested:cue-verbs", NULL, 0, NULL, NULL },
};

/* Helpers ------------------------------------------------------------------ */

/* meson test sets these; see tests/meson.build. */
static const char *
env_dir (const char *variable)
{
  const char *dir = g_getenv (variable);

  if (dir == NULL)
    g_error ("%s is not set; run the tests with meson test", variable);

  return dir;
}

static char *
data_path (const char *name)
{
  return g_build_filename (env_dir ("ATTEST_TEST_DATA"), "sidecar", name, NULL);
}

static char *
source_path (const char *name)
{
  return g_build_filename (env_dir ("ATTEST_SOURCE_ROOT"), name, NULL);
}

static GBytes *
read_data_file (const char *name)
{
  g_autofree char *path = data_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, len);
}

static AttestSpan *
make_span (const SpanSpec *spec)
{
  AttestSpan *span = attest_span_new (spec->id, spec->label, spec->start, spec->end);

  if (spec->attrs != NULL)
    {
      g_auto(GStrv) pairs = g_strsplit (spec->attrs, ";", -1);

      for (guint i = 0; pairs[i] != NULL; i++)
        {
          g_auto(GStrv) kv = g_strsplit (pairs[i], "=", 2);

          span->attrs = attest_attrs_set (span->attrs, kv[0], kv[1]);
        }
    }

  span->note = g_strdup (spec->note);
  span->entity = g_strdup (spec->entity);
  span->by = spec->by != NULL ? g_intern_string (spec->by) : NULL;
  span->origin = spec->origin != NULL ? g_intern_string (spec->origin) : NULL;
  span->created = g_strdup (spec->created);
  span->flags = spec->flags;
  span->old_text = g_strdup (spec->was);
  span->extra = g_strdup (spec->extra);

  return span;
}

static void
add_relation (AttestDocument *document,
              gboolean        suggested,
              const char     *id,
              const char     *type,
              const char     *from,
              const char     *to,
              const char     *by,
              const char     *origin)
{
  g_autoptr(GError) error = NULL;
  AttestRelation *relation = attest_relation_new (id, type, from, to);

  relation->by = by != NULL ? g_intern_string (by) : NULL;
  relation->origin = origin != NULL ? g_intern_string (origin) : NULL;

  if (suggested)
    attest_document_add_suggested_relation (document, relation, &error);
  else
    attest_document_add_relation (document, relation, &error);
  g_assert_no_error (error);
}

static AttestDocument *
build_story_document (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestText) text = attest_text_new (STORY_TEXT, -1, &error);
  AttestDocument *document;
  AttestRelation *relation;
  AttestEntity *entity;
  AttestRejected *rejected;

  g_assert_no_error (error);
  document = attest_document_new (text);

  attest_document_set_generator (document, "Attest 0.1.0");
  attest_document_set_file_name (document, "golden-story.txt");
  attest_document_set_status (document, ATTEST_STATUS_IN_PROGRESS);
  attest_document_set_language (document, "en");
  attest_document_set_meta (document, "desk", "City");
  attest_document_set_meta (document, "published", "2026-01-27");
  attest_document_set_meta (document, "source_url", "https://example.org/news/mayor");
  attest_document_set_meta (document, "title", "Mayor refuses to back down");
  attest_document_set_extra (document, ATTEST_EXTRA_META,
                             "\"wordcount\": 212, \"tags\": [\"city\", \"budget\"]");
  attest_document_set_extra (document, ATTEST_EXTRA_DOCUMENT,
                             "\"x-import\": {\"tool\": \"newsroom-cms\", \"id\": 42}");
  attest_document_set_tagset (document, "News attribution", 1);
  attest_document_set_extra (document, ATTEST_EXTRA_TAGSET,
                             "\"x-source\": \"attest-tagset.json\"");
  attest_document_set_extra (document, ATTEST_EXTRA_SUGGESTIONS, "\"x-engine\": \"rules 1\"");
  attest_document_set_extra (document, ATTEST_EXTRA_TOP,
                             "\"x-workflow\": {\"stage\": 2, \"reviewers\": [\"ana\", \"ben\"]}, "
                             "\"x-note\": \"kept as is\"");

  for (guint i = 0; i < G_N_ELEMENTS (story_spans); i++)
    {
      attest_document_add_span (document, make_span (&story_spans[i]), &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (story_suggested); i++)
    {
      attest_document_add_suggested_span (document, make_span (&story_suggested[i]), &error);
      g_assert_no_error (error);
    }

  add_relation (document, FALSE, "r11", "said-by", "s10", "s17", NULL, NULL);
  add_relation (document, FALSE, "r2", "said-by", "s3", "s5", "ana", NULL);
  relation = attest_relation_new ("r1", "said-by", "s1", "s2");
  relation->by = g_intern_string ("ana");
  relation->origin = g_intern_string ("manual");
  relation->created = g_strdup ("2026-11-28T10:00:09Z");
  attest_document_add_relation (document, relation, &error);
  g_assert_no_error (error);
  relation = attest_relation_new ("r10", "continues", "s10", "s11");
  relation->by = g_intern_string ("ana");
  relation->extra = g_strdup ("\"x-checked\": true");
  attest_document_add_relation (document, relation, &error);
  g_assert_no_error (error);
  relation = attest_relation_new ("r3", "said-by", "s6", "s7");
  relation->attrs = attest_attrs_set (NULL, "confidence", "high");
  attest_document_add_relation (document, relation, &error);
  g_assert_no_error (error);

  add_relation (document, TRUE, "pr2", "said-by", "s8", "p2", NULL, "suggested:cue-verbs");
  add_relation (document, TRUE, "pr1", "said-by", "s9", "p1", NULL, "suggested:cue-verbs");

  entity = attest_entity_new ("e10", "City Hall press office", "organisation");
  attest_document_add_entity (document, entity, &error);
  g_assert_no_error (error);
  entity = attest_entity_new ("e1", "Jane Doe", "person");
  entity->wikidata = g_strdup ("Q000000");
  entity->aliases = g_strsplit ("Mayor Jane Doe|\u5e02\u9577", "|", -1);
  attest_document_add_entity (document, entity, &error);
  g_assert_no_error (error);
  entity = attest_entity_new ("e2", "Amir Haddad", "person");
  entity->extra = g_strdup ("\"x-verified\": false");
  attest_document_add_entity (document, entity, &error);
  g_assert_no_error (error);

  attest_document_add_rejected (document, attest_rejected_new ("quote", 166, 172, "quotes"));
  rejected = attest_rejected_new ("fact", 48, 55, "dates");
  rejected->extra = g_strdup ("\"x-by\": \"ben\"");
  attest_document_add_rejected (document, rejected);

  return document;
}

static AttestDocument *
build_empty_document (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestText) text = attest_text_new ("", 0, &error);
  AttestDocument *document;

  g_assert_no_error (error);
  document = attest_document_new (text);
  attest_document_set_generator (document, "Attest 0.1.0");
  attest_document_set_file_name (document, "empty.txt");

  return document;
}

/* A deterministic document of @n_spans spans over about @n_bytes of
 * mixed-script text, for the large and the schema tests. */
static AttestDocument *
build_generated_document (gsize n_bytes,
                          guint n_spans,
                          guint seed)
{
  static const char * const sentences[] = {
    "\u201cThe council will vote on Friday,\u201d the spokesperson said. ",
    "Prices rose 4.5% in March, according to the statistics office. ",
    "\u300c\u4e88\u7b97\u306f\u5341\u5206\u3060\u300d\u3068\u5e02\u9577\u306f\u8a9e\u3063\u305f\u3002",
    "\u0642\u0627\u0644 \u0627\u0644\u0645\u062a\u062d\u062f\u062b: \u00ab\u0646\u0639\u0645\u00bb. ",
    "Residents \U0001F469\u200D\U0001F469\u200D\U0001F467 cheered \U0001F1FA\U0001F1E6.\r\n",
    "She wrote: \"Cafe\u0301 owners\\\" tab\there\u2028next.\"\n",
  };
  static const char * const labels[] = { "quote", "speaker", "fact" };
  g_autoptr(GString) str = g_string_sized_new (n_bytes + 256);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestText) text = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  AttestDocument *document;
  guint length;

  while (str->len < n_bytes)
    g_string_append (str, sentences[g_rand_int_range (rand, 0, G_N_ELEMENTS (sentences))]);

  text = attest_text_new (str->str, str->len, &error);
  g_assert_no_error (error);
  length = attest_text_get_length (text);

  document = attest_document_new (text);
  attest_document_set_generator (document, ATTEST_GENERATOR);
  attest_document_set_file_name (document, "generated.txt");
  attest_document_set_status (document, ATTEST_STATUS_DONE);
  attest_document_set_tagset (document, "News attribution", 1);
  attest_document_set_meta (document, "title", "Generated");

  for (guint i = 0; i < n_spans; i++)
    {
      guint start = g_rand_int_range (rand, 0, length - 1);
      /* Not inside MIN (): it would draw twice. */
      guint span_len = 1 + g_rand_int_range (rand, 0, 60);
      guint end = MIN (length, start + span_len);
      AttestSpan *span = attest_span_new (NULL, labels[i % 3], start, end);

      if (i % 3 == 0)
        span->attrs = attest_attrs_set (NULL, "kind", "direct");
      span->by = g_intern_string ("gen");
      span->origin = g_intern_string ("manual");
      span->created = g_strdup ("2026-11-28T10:00:00Z");
      attest_document_add_span (document, span, &error);
      g_assert_no_error (error);
    }

  for (guint i = 0; i < n_spans / 10; i++)
    {
      g_autofree char *from = g_strdup_printf ("s%u", 1 + 3 * i);
      g_autofree char *to = g_strdup_printf ("s%u", 2 + 3 * i);

      add_relation (document, FALSE, NULL, "said-by", from, to, "gen", NULL);
    }

  for (guint i = 0; i < n_spans / 100; i++)
    {
      guint start = g_rand_int_range (rand, 0, length - 1);
      AttestSpan *span = attest_span_new (NULL, "quote", start, start + 1);

      span->origin = g_intern_string ("suggested:quotes");
      attest_document_add_suggested_span (document, span, &error);
      g_assert_no_error (error);
    }

  return document;
}

static void
assert_bytes_equal (GBytes     *got,
                    GBytes     *expected,
                    const char *what)
{
  gsize got_len;
  gsize expected_len;
  const char *got_data = g_bytes_get_data (got, &got_len);
  const char *expected_data = g_bytes_get_data (expected, &expected_len);
  guint line = 1;
  gsize i;

  for (i = 0; i < MIN (got_len, expected_len); i++)
    {
      if (got_data[i] != expected_data[i])
        break;
      if (got_data[i] == '\n')
        line++;
    }

  if (i == got_len && i == expected_len)
    return;

  {
    gsize line_start = i;
    g_autofree char *got_line = NULL;
    g_autofree char *expected_line = NULL;

    while (line_start > 0 && got_data[line_start - 1] != '\n')
      line_start--;
    got_line = g_strndup (got_data + line_start, MIN (got_len - line_start, 400));
    expected_line = g_strndup (expected_data + line_start, MIN (expected_len - line_start, 400));
    got_line[strcspn (got_line, "\n")] = '\0';
    expected_line[strcspn (expected_line, "\n")] = '\0';

    g_test_message ("%s: first difference at byte %" G_GSIZE_FORMAT ", line %u", what, i, line);
    g_test_message ("got:      %s", got_line);
    g_test_message ("expected: %s", expected_line);
    g_test_fail ();
  }
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("attest-test-sidecar-XXXXXX", &error);

  g_assert_no_error (error);

  return dir;
}

static void
remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}

static guint
count_temp_files (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)))
    {
      if (name[0] == '.' && g_str_has_suffix (name, ".tmp"))
        n++;
    }

  return n;
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

static GBytes *
read_file_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, len);
}

/* Serialized as attest_sidecar_save() writes it: signed by this Attest. */
static GBytes *
serialize_as_saved (AttestDocument *document)
{
  attest_document_set_generator (document, ATTEST_GENERATOR);

  return attest_sidecar_serialize (document);
}

/* Paths -------------------------------------------------------------------- */

static void
test_paths (void)
{
  g_autofree char *sidecar = attest_sidecar_path_for_article ("/news/story.txt");
  g_autofree char *article = attest_sidecar_article_path ("/news/story.txt.attest.json");
  g_autofree char *relative = attest_sidecar_article_path ("story.md.attest.json");
  g_autofree char *not_sidecar = attest_sidecar_article_path ("/news/story.txt");
  g_autofree char *bare = attest_sidecar_article_path ("/news/.attest.json");
  g_autofree char *utf8 = attest_sidecar_path_for_article ("\u5e02\u9577 \U0001F1FA\U0001F1E6.txt");

  g_assert_cmpstr (sidecar, ==, "/news/story.txt.attest.json");
  g_assert_cmpstr (article, ==, "/news/story.txt");
  g_assert_cmpstr (relative, ==, "story.md");
  g_assert_null (not_sidecar);
  g_assert_null (bare);
  g_assert_cmpstr (utf8, ==, "\u5e02\u9577 \U0001F1FA\U0001F1E6.txt.attest.json");

  g_assert_true (attest_sidecar_is_sidecar_name ("story.txt.attest.json"));
  g_assert_true (attest_sidecar_is_sidecar_name ("/a/b/x.attest.json"));
  g_assert_false (attest_sidecar_is_sidecar_name ("/a/b/.attest.json"));
  g_assert_false (attest_sidecar_is_sidecar_name (".attest.json"));
  g_assert_false (attest_sidecar_is_sidecar_name ("/a/story.attest.json/x.txt"));
  g_assert_false (attest_sidecar_is_sidecar_name ("story.txt.attest.json.bak"));
  g_assert_false (attest_sidecar_is_sidecar_name ("attest-tagset.json"));
}

/* Serializing -------------------------------------------------------------- */

static void
test_golden_story (void)
{
  g_autoptr(AttestDocument) document = build_story_document ();
  g_autoptr(GBytes) expected = read_data_file ("golden-story.attest.json");
  g_autoptr(GBytes) got = attest_sidecar_serialize (document);

  assert_bytes_equal (got, expected, "golden-story");
}

static void
test_golden_empty (void)
{
  g_autoptr(AttestDocument) document = build_empty_document ();
  g_autoptr(GBytes) expected = read_data_file ("golden-empty.attest.json");
  g_autoptr(GBytes) got = attest_sidecar_serialize (document);

  assert_bytes_equal (got, expected, "golden-empty");
}

static void
test_deterministic (void)
{
  g_autoptr(AttestDocument) a = build_story_document ();
  g_autoptr(AttestDocument) b = build_story_document ();
  g_autoptr(GBytes) first = attest_sidecar_serialize (a);
  g_autoptr(GBytes) second = attest_sidecar_serialize (a);
  g_autoptr(GBytes) other = NULL;
  g_autoptr(GBytes) changed = NULL;
  g_autoptr(GError) error = NULL;
  AttestSpan *span;

  assert_bytes_equal (second, first, "serialized twice");

  /* Removing and re-adding a span gives the same bytes: order comes from
   * the data, not from history. */
  span = attest_span_store_steal (attest_document_get_spans (b),
                                  attest_span_store_lookup (attest_document_get_spans (b), "s3"));
  attest_document_add_span (b, span, &error);
  g_assert_no_error (error);
  other = attest_sidecar_serialize (b);
  assert_bytes_equal (other, first, "re-added span");

  /* And a real change shows. */
  attest_document_set_span_note (b, attest_span_store_lookup (attest_document_get_spans (b), "s1"),
                                 "changed");
  changed = attest_sidecar_serialize (b);
  g_assert_false (g_bytes_equal (changed, first));
}

static void
test_extra_lines (void)
{
  g_autoptr(AttestDocument) document = build_empty_document ();
  g_autoptr(GBytes) bytes = NULL;
  const char *expected =
    "{\n"
    "  \"format\": \"attest\",\n"
    "  \"version\": 1,\n"
    "  \"generator\": \"Attest 0.1.0\",\n"
    "  \"document\": {\n"
    "    \"file\": \"empty.txt\",\n"
    "    \"sha256\": \"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\",\n"
    "    \"length\": 0,\n"
    "    \"status\": \"done\",\n"
    "    \"meta\": {\"a-custom\": \"1\", \"zz\": \"last\"},\n"
    "    \"x-a\": \"one, two\",\n"
    "    \"x-b\": [1, {\"c\": \"}, ]\"}],\n"
    "    \"x-c\": \"say \\\"hi\\\", ok\"\n"
    "  },\n"
    "  \"text\": \"\",\n"
    "  \"tagset\": {\"name\": \"PARC\", \"version\": 3},\n"
    "  \"spans\": [],\n"
    "  \"relations\": [],\n"
    "  \"entities\": [],\n"
    "  \"suggestions\": {\"spans\": [], \"relations\": [], \"rejected\": [], \"x-s\": {\"k\": [\",\"]}},\n"
    "  \"x-top\": null,\n"
    "  \"x-n\": -1.5e+10\n"
    "}\n";

  attest_document_set_status (document, ATTEST_STATUS_DONE);
  attest_document_set_meta (document, "zz", "last");
  attest_document_set_meta (document, "a-custom", "1");
  attest_document_set_extra (document, ATTEST_EXTRA_DOCUMENT,
                             "\"x-a\": \"one, two\", \"x-b\": [1, {\"c\": \"}, ]\"}], "
                             "\"x-c\": \"say \\\"hi\\\", ok\"");
  attest_document_set_tagset (document, "PARC", 3);
  attest_document_set_extra (document, ATTEST_EXTRA_SUGGESTIONS, "\"x-s\": {\"k\": [\",\"]}");
  attest_document_set_extra (document, ATTEST_EXTRA_TOP, "\"x-top\": null, \"x-n\": -1.5e+10");

  bytes = attest_sidecar_serialize (document);
  g_assert_cmpstr (g_bytes_get_data (bytes, NULL), ==, expected);
}

static void
test_suggestions_expanded (void)
{
  g_autoptr(AttestDocument) document = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestText) text = attest_text_new ("Ok \"yes\" no", -1, &error);
  AttestSpan *span;

  g_assert_no_error (error);
  document = attest_document_new (text);
  attest_document_set_generator (document, "Attest 0.1.0");
  attest_document_set_file_name (document, "s.txt");

  /* Only rejected: the other lists are written empty, still expanded. */
  attest_document_add_rejected (document, attest_rejected_new ("quote", 4, 7, "quotes"));
  bytes = attest_sidecar_serialize (document);
  g_assert_nonnull (strstr (g_bytes_get_data (bytes, NULL),
                            "  \"suggestions\": {\n"
                            "    \"spans\": [],\n"
                            "    \"relations\": [],\n"
                            "    \"rejected\": [\n"
                            "      {\"label\": \"quote\", \"start\": 4, \"end\": 7, \"rule\": \"quotes\"}\n"
                            "    ]\n"
                            "  }\n"
                            "}\n"));
  g_clear_pointer (&bytes, g_bytes_unref);

  span = attest_span_new (NULL, "quote", 3, 8);
  attest_document_add_suggested_span (document, span, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (span->id, ==, "p1");
  bytes = attest_sidecar_serialize (document);
  g_assert_nonnull (strstr (g_bytes_get_data (bytes, NULL),
                            "    \"spans\": [\n"
                            "      {\"id\": \"p1\", \"label\": \"quote\", \"start\": 3, \"end\": 8, "
                            "\"text\": \"\\\"yes\\\"\"}\n"
                            "    ],\n"
                            "    \"relations\": [],\n"));
}

static void
test_bom_crlf_article (void)
{
  g_autofree char *path = data_path ("bom-crlf-story.txt");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestText) text = attest_text_load_file (file, NULL, NULL, &error);
  g_autoptr(AttestDocument) document = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) raw = read_data_file ("bom-crlf-story.txt");
  g_autofree char *sha = NULL;
  g_autofree char *sha_member = NULL;
  g_autofree char *length_member = NULL;
  const char *raw_data;
  const char *json;
  gsize raw_len;

  g_assert_no_error (error);
  raw_data = g_bytes_get_data (raw, &raw_len);
  g_assert_true (raw_len > 3 && memcmp (raw_data, "\xef\xbb\xbf", 3) == 0);

  document = attest_document_new (text);
  attest_document_set_file_name (document, "bom-crlf-story.txt");
  /* "This is the budget the city needs," and "Marta Nowak". */
  attest_document_add_span (document, attest_span_new (NULL, "quote", 29, 63), &error);
  g_assert_no_error (error);
  attest_document_add_span (document, attest_span_new (NULL, "speaker", 81, 92), &error);
  g_assert_no_error (error);
  bytes = attest_sidecar_serialize (document);
  json = g_bytes_get_data (bytes, NULL);

  /* The sidecar's text is the article without its BOM, CRLF kept; the
   * hash is of those bytes. */
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) raw_data + 3, raw_len - 3);
  sha_member = g_strdup_printf ("\"sha256\": \"%s\"", sha);
  length_member = g_strdup_printf ("\"length\": %u", attest_utf8_length (raw_data + 3, raw_len - 3));
  g_assert_nonnull (strstr (json, sha_member));
  g_assert_nonnull (strstr (json, length_member));
  g_assert_nonnull (strstr (json, "\"text\": \"Council passes budget \U0001F3DB\uFE0F\\r\\n\\r\\n"));
  g_assert_null (strstr (json, "\xef\xbb\xbf"));
  g_assert_null (strstr (json, "\r"));
  g_assert_nonnull (strstr (json, "\"text\": \"This is the budget the city needs,\""));
  g_assert_nonnull (strstr (json, "\"text\": \"Marta Nowak\""));
}

/* Parsing back (the reader's side of the contract) ------------------------ */

static void
test_roundtrip_golden (gconstpointer data)
{
  const char *name = data;
  g_autoptr(GBytes) golden = read_data_file (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestDocument) document = NULL;
  g_autoptr(GBytes) again = NULL;
  gsize len;
  const char *bytes = g_bytes_get_data (golden, &len);

  document = attest_sidecar_parse (bytes, len, name, &error);
  g_assert_no_error (error);
  g_assert_false (attest_document_get_read_only (document));

  again = attest_sidecar_serialize (document);
  assert_bytes_equal (again, golden, name);
}

static void
test_roundtrip_story_model (void)
{
  g_autoptr(GBytes) golden = read_data_file ("golden-story.attest.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestDocument) document = NULL;
  AttestSpanStore *spans;
  AttestSpan *span;
  AttestEntity *entity;
  gsize len;
  const char *bytes = g_bytes_get_data (golden, &len);

  document = attest_sidecar_parse (bytes, len, "golden-story.attest.json", &error);
  g_assert_no_error (error);

  spans = attest_document_get_spans (document);
  g_assert_cmpuint (attest_span_store_get_n_spans (spans), ==, G_N_ELEMENTS (story_spans));
  span = attest_span_store_lookup (spans, "s4");
  g_assert_nonnull (span);
  g_assert_cmpuint (span->start, ==, 108);
  g_assert_cmpuint (span->end, ==, 139);
  g_assert_cmpstr (attest_span_get_attr (span, "nested"), ==, "yes");
  g_assert_cmpstr (span->note, ==, "Nested inside \"She told me\".\nSecond line\ttabbed.");
  g_assert_true (span->origin == g_intern_static_string ("suggested:quotes"));

  span = attest_span_store_lookup (spans, "s12");
  g_assert_cmpuint (span->flags, ==, ATTEST_SPAN_FLAG_CHANGED);
  g_assert_cmpstr (span->old_text, ==, "on Monday");
  g_assert_cmpstr (span->extra, ==, "\"x-confidence\": 0.9");
  span = attest_span_store_lookup (spans, "s15");
  g_assert_cmpuint (span->flags, ==, ATTEST_SPAN_FLAG_DELETED);
  g_assert_cmpuint (span->start, ==, span->end);

  g_assert_cmpuint (attest_document_get_n_relations (document), ==, 5);
  g_assert_cmpstr (attest_document_get_relation (document, 3)->id, ==, "r10");
  entity = attest_document_lookup_entity (document, "e1");
  g_assert_nonnull (entity);
  g_assert_cmpstr (entity->aliases[1], ==, "\u5e02\u9577");
  g_assert_cmpstr (attest_document_get_meta (document, "desk"), ==, "City");
  g_assert_cmpstr (attest_document_get_extra (document, ATTEST_EXTRA_TOP), ==,
                   "\"x-workflow\": {\"stage\": 2, \"reviewers\": [\"ana\", \"ben\"]}, "
                   "\"x-note\": \"kept as is\"");
  g_assert_cmpuint (attest_document_get_rejected (document)->len, ==, 2);
}

static void
test_roundtrip_generated (void)
{
  g_autoptr(AttestDocument) document = build_generated_document (200 * 1024, 3200, 7);
  g_autoptr(GBytes) bytes = attest_sidecar_serialize (document);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestDocument) parsed = NULL;
  g_autoptr(GBytes) again = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  parsed = attest_sidecar_parse (data, len, "generated.txt.attest.json", &error);
  g_assert_no_error (error);
  again = attest_sidecar_serialize (parsed);
  assert_bytes_equal (again, bytes, "generated");
}

static void
test_large (void)
{
  g_autoptr(AttestDocument) document = build_generated_document (10 * 1024 * 1024, 100000, 42);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestDocument) parsed = NULL;
  g_autoptr(GBytes) again = NULL;
  gint64 begin;
  gint64 best = G_MAXINT64;
  const char *data;
  gsize len;
  guint lines = 0;

  /* Not a timed test: the numbers are for the log; tests/bench measures. */
  for (guint i = 0; i < 3; i++)
    {
      g_clear_pointer (&bytes, g_bytes_unref);
      begin = g_get_monotonic_time ();
      bytes = attest_sidecar_serialize (document);
      best = MIN (best, g_get_monotonic_time () - begin);
    }

  data = g_bytes_get_data (bytes, &len);
  g_test_message ("serialized 100,000 spans over %u code points into %" G_GSIZE_FORMAT
                  " bytes in %.1f ms",
                  attest_text_get_length (attest_document_get_text (document)), len,
                  best / 1000.0);

  for (gsize i = 0; i < len; i++)
    lines += data[i] == '\n';
  /* 25 lines of frame, one per span and relation, one per suggested span. */
  g_assert_cmpuint (lines, ==, 25 + 100000 + 10000 + 1000);
  g_assert_true (data[len - 1] == '\n');

  parsed = attest_sidecar_parse (data, len, "large.attest.json", &error);
  g_assert_no_error (error);
  again = attest_sidecar_serialize (parsed);
  assert_bytes_equal (again, bytes, "large");
}

/* Saving and loading --------------------------------------------------------- */

static void
test_save_load (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "golden-story.txt.attest.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AttestDocument) document = build_story_document ();
  g_autoptr(AttestDocument) loaded = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) on_disk = NULL;
  g_autoptr(GBytes) reserialized = NULL;
  g_autoptr(GError) error = NULL;
  struct stat st;
  mode_t mask;

  /* The first save creates the file. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (attest_sidecar_save (document, file, NULL, &error));
  g_assert_no_error (error);

  expected = serialize_as_saved (document);
  on_disk = read_file_bytes (path);
  assert_bytes_equal (on_disk, expected, "saved file");
  g_assert_cmpuint (count_temp_files (dir), ==, 0);

  mask = umask (022);
  umask (mask);
  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644 & ~mask);

  loaded = attest_sidecar_load (file, NULL, &error);
  g_assert_no_error (error);
  reserialized = attest_sidecar_serialize (loaded);
  assert_bytes_equal (reserialized, expected, "loaded file");

  /* A later save keeps the mode the user chose. */
  g_assert_cmpint (chmod (path, 0600), ==, 0);
  attest_document_set_status (document, ATTEST_STATUS_DONE);
  g_assert_true (attest_sidecar_save (document, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_clear_pointer (&on_disk, g_bytes_unref);
  on_disk = read_file_bytes (path);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (on_disk, NULL), -1,
                                  "\"status\": \"done\""));
  g_assert_cmpuint (count_temp_files (dir), ==, 0);

  remove_tree (dir);
}

static void
test_save_keeps_owner (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(AttestDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  struct stat st;

  if (geteuid () != 0)
    {
      g_test_skip ("only root can give a file to another user");
      return;
    }

  dir = make_temp_dir ();
  path = g_build_filename (dir, "story.txt.attest.json", NULL);
  file = g_file_new_for_path (path);
  document = build_story_document ();
  write_file (path, "old\n");
  g_assert_cmpint (chown (path, 65534, 65534), ==, 0);
  g_assert_cmpint (chmod (path, 0640), ==, 0);

  g_assert_true (attest_sidecar_save (document, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_uid, ==, 65534);
  g_assert_cmpuint (st.st_gid, ==, 65534);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);

  remove_tree (dir);
}

static void
test_save_long_name (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *base = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(AttestDocument) document = build_empty_document ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) name = g_string_new (NULL);

  /* 243 bytes of article name + ".attest.json" = 255, the longest file
   * name: the temp name must still fit. */
  while (name->len < 243)
    g_string_append_c (name, 'a' + name->len % 26);
  base = g_strconcat (name->str, ATTEST_SIDECAR_SUFFIX, NULL);
  g_assert_cmpuint (strlen (base), ==, 255);
  path = g_build_filename (dir, base, NULL);
  file = g_file_new_for_path (path);

  g_assert_true (attest_sidecar_save (document, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_temp_files (dir), ==, 0);

  remove_tree (dir);
}

static void
test_save_refuses_symlink (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *real = g_build_filename (dir, "elsewhere.json", NULL);
  g_autofree char *path = g_build_filename (dir, "story.txt.attest.json", NULL);
  g_autofree char *dangling = g_build_filename (dir, "gone.txt.attest.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *target = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) dangling_file = g_file_new_for_path (dangling);
  g_autoptr(AttestDocument) document = build_story_document ();
  g_autoptr(GError) error = NULL;

  write_file (real, "original\n");
  g_assert_cmpint (symlink ("elsewhere.json", path), ==, 0);
  g_assert_cmpint (symlink ("missing.json", dangling), ==, 0);

  g_assert_false (attest_sidecar_save (document, file, NULL, &error));
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_UNSAFE_TARGET);
  g_assert_nonnull (strstr (error->message, "story.txt.attest.json"));
  g_assert_nonnull (strstr (error->message, "symbolic link"));
  g_clear_error (&error);

  g_assert_false (attest_sidecar_save (document, dangling_file, NULL, &error));
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_UNSAFE_TARGET);
  g_clear_error (&error);

  /* Untouched: still links, the file they point at unchanged, nothing
   * created where the dangling one points. */
  target = g_file_read_link (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (target, ==, "elsewhere.json");
  g_assert_true (g_file_test (dangling, G_FILE_TEST_IS_SYMLINK));
  contents = read_file (real);
  g_assert_cmpstr (contents, ==, "original\n");
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_temp_files (dir), ==, 0);

  remove_tree (dir);
}

static void
test_save_refuses_hard_link (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *other = g_build_filename (dir, "copy.json", NULL);
  g_autofree char *path = g_build_filename (dir, "story.txt.attest.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AttestDocument) document = build_story_document ();
  g_autoptr(GError) error = NULL;
  struct stat before;
  struct stat after;

  write_file (path, "original\n");
  g_assert_cmpint (link (path, other), ==, 0);
  g_assert_cmpint (stat (path, &before), ==, 0);

  g_assert_false (attest_sidecar_save (document, file, NULL, &error));
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_UNSAFE_TARGET);
  g_assert_nonnull (strstr (error->message, "hard link"));

  g_assert_cmpint (stat (path, &after), ==, 0);
  g_assert_cmpuint (after.st_ino, ==, before.st_ino);
  g_assert_cmpuint (after.st_nlink, ==, 2);
  contents = read_file (other);
  g_assert_cmpstr (contents, ==, "original\n");
  g_assert_cmpuint (count_temp_files (dir), ==, 0);

  remove_tree (dir);
}

static void
test_save_refuses_read_only (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "story.txt.attest.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AttestDocument) document = build_story_document ();
  g_autoptr(GError) error = NULL;

  attest_document_set_read_only (document, TRUE);

  g_assert_false (attest_sidecar_save (document, file, NULL, &error));
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  write_file (path, "{\"version\": 2}\n");
  g_assert_false (attest_sidecar_save (document, file, NULL, &error));
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_READ_ONLY);
  contents = read_file (path);
  g_assert_cmpstr (contents, ==, "{\"version\": 2}\n");

  remove_tree (dir);
}

static void
test_save_refuses_read_only_file (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(AttestDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root may write to read-only files");
      return;
    }

  dir = make_temp_dir ();
  path = g_build_filename (dir, "story.txt.attest.json", NULL);
  file = g_file_new_for_path (path);
  document = build_story_document ();
  write_file (path, "old\n");
  g_assert_cmpint (chmod (path, 0444), ==, 0);

  g_assert_false (attest_sidecar_save (document, file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  contents = read_file (path);
  g_assert_cmpstr (contents, ==, "old\n");
  g_assert_cmpuint (count_temp_files (dir), ==, 0);

  remove_tree (dir);
}

static void
test_save_refuses_folder (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "story.txt.attest.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AttestDocument) document = build_empty_document ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);

  g_assert_false (attest_sidecar_save (document, file, NULL, &error));
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_UNSAFE_TARGET);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (count_temp_files (dir), ==, 0);

  remove_tree (dir);
}

static void
test_save_missing_folder (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "no-such-folder", "story.txt.attest.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AttestDocument) document = build_empty_document ();
  g_autoptr(GError) error = NULL;

  g_assert_false (attest_sidecar_save (document, file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "story.txt.attest.json"));
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  remove_tree (dir);
}

static void
test_save_failure_keeps_old (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "story.txt.attest.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AttestDocument) small = build_story_document ();
  g_autoptr(AttestDocument) big = build_generated_document (256 * 1024, 2000, 3);
  g_autoptr(GBytes) old_bytes = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  struct rlimit saved;
  struct rlimit limited;
  void (*old_handler) (int);
  gboolean ok;

  g_assert_true (attest_sidecar_save (small, file, NULL, &error));
  g_assert_no_error (error);
  old_bytes = read_file_bytes (path);

  /* Tests run as root, so permissions cannot make the write fail; a file
   * size limit can, half way through writing the temp file (EFBIG). */
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limited = saved;
  limited.rlim_cur = 64 * 1024;
  old_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limited), ==, 0);
  ok = attest_sidecar_save (big, file, NULL, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, old_handler);

  g_assert_false (ok);
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_IO_ERROR);
  g_test_message ("failed save: %s", error->message);
  g_assert_nonnull (strstr (error->message, "story.txt.attest.json"));
  g_assert_nonnull (strstr (error->message, g_strerror (EFBIG)));
  g_clear_error (&error);

  after = read_file_bytes (path);
  assert_bytes_equal (after, old_bytes, "old file after a failed save");
  g_assert_cmpuint (count_temp_files (dir), ==, 0);

  remove_tree (dir);
}

static void
test_save_cancelled (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "story.txt.attest.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AttestDocument) document = build_story_document ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  write_file (path, "old\n");
  g_cancellable_cancel (cancellable);

  g_assert_false (attest_sidecar_save (document, file, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  contents = read_file (path);
  g_assert_cmpstr (contents, ==, "old\n");
  g_assert_cmpuint (count_temp_files (dir), ==, 0);

  remove_tree (dir);
}

static void
test_save_non_local (void)
{
  g_autoptr(GFile) file = g_file_new_for_uri ("attest-test-nowhere://host/story.txt.attest.json");
  g_autoptr(AttestDocument) document = build_empty_document ();
  g_autoptr(GError) error = NULL;

  g_assert_null (g_file_peek_path (file));
  g_assert_false (attest_sidecar_save (document, file, NULL, &error));
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "local"));
}

static void
test_sweep (void)
{
  static const char * const swept[] = {
    ".story.txt.attest.json.Ab12Cd.tmp",
    ".story.txt.attest.json.zzzzzz.tmp",
  };
  static const char * const kept[] = {
    ".story.txt.attest.json.Ab12C.tmp",
    ".story.txt.attest.json.Ab12Cd.tmp~",
    ".story.txt.attest.json.Ab-2Cd.tmp",
    ".other.txt.attest.json.Ab12Cd.tmp",
    "story.txt.attest.json.Ab12Cd.tmp",
    ".story.txt.attest.json.Ab12Cd",
  };
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "story.txt.attest.json", NULL);
  g_autofree char *locked = g_build_filename (dir, ".story.txt.attest.json.Lock01.tmp", NULL);
  g_autofree char *subdir = g_build_filename (dir, ".story.txt.attest.json.Dir123.tmp", NULL);
  g_autofree char *link = g_build_filename (dir, ".story.txt.attest.json.Sym123.tmp", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AttestDocument) document = build_empty_document ();
  g_autoptr(GError) error = NULL;
  int lock_fd;

  for (guint i = 0; i < G_N_ELEMENTS (swept); i++)
    {
      g_autofree char *p = g_build_filename (dir, swept[i], NULL);
      write_file (p, "partial");
    }
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      g_autofree char *p = g_build_filename (dir, kept[i], NULL);
      write_file (p, "not ours");
    }
  /* A save in progress holds a lock on its temp file. */
  write_file (locked, "in progress");
  lock_fd = open (locked, O_RDONLY | O_CLOEXEC);
  g_assert_cmpint (lock_fd, >=, 0);
  g_assert_cmpint (flock (lock_fd, LOCK_EX), ==, 0);
  g_assert_cmpint (g_mkdir (subdir, 0755), ==, 0);
  g_assert_cmpint (symlink ("story.txt.attest.json", link), ==, 0);

  g_assert_cmpuint (attest_sidecar_sweep_temp_files (file), ==, G_N_ELEMENTS (swept));
  g_assert_cmpuint (attest_sidecar_sweep_temp_files (file), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (swept); i++)
    {
      g_autofree char *p = g_build_filename (dir, swept[i], NULL);
      g_assert_false (g_file_test (p, G_FILE_TEST_EXISTS));
    }
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      g_autofree char *p = g_build_filename (dir, kept[i], NULL);
      g_assert_true (g_file_test (p, G_FILE_TEST_EXISTS));
    }
  g_assert_true (g_file_test (locked, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (subdir, G_FILE_TEST_IS_DIR));
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));

  /* Once the save that held it is gone, a save sweeps it first. */
  close (lock_fd);
  g_assert_true (attest_sidecar_save (document, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (locked, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  remove_tree (dir);
}

static void
test_sweep_interval (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "story.txt.attest.json", NULL);
  g_autofree char *stale = g_build_filename (dir, ".story.txt.attest.json.k1LLed.tmp", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AttestDocument) document = build_empty_document ();
  g_autoptr(GError) error = NULL;

  g_assert_true (attest_sidecar_save (document, file, NULL, &error));
  g_assert_no_error (error);

  /* Left by another process that died just now: a save lists a folder at
   * most every two seconds (large folders are slow to list), so the next
   * save right away keeps it, and a save after the interval sweeps it. */
  write_file (stale, "partial");
  g_assert_true (attest_sidecar_save (document, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (stale, G_FILE_TEST_EXISTS));

  g_usleep (2100 * 1000);
  g_assert_true (attest_sidecar_save (document, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_temp_files (dir), ==, 0);

  remove_tree (dir);
}

static void
test_load_errors (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *missing = g_build_filename (dir, "missing.txt.attest.json", NULL);
  g_autofree char *huge = g_build_filename (dir, "huge.txt.attest.json", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.txt.attest.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr(GFile) huge_file = g_file_new_for_path (huge);
  g_autoptr(GFile) broken_file = g_file_new_for_path (broken);
  g_autoptr(GFile) dir_file = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  AttestDocument *document;
  int fd;

  document = attest_sidecar_load (missing_file, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  document = attest_sidecar_load (dir_file, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);

  /* A sparse file over the limit: refused from its size, not read. */
  fd = open (huge, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) ATTEST_SIDECAR_MAX_BYTES + 1), ==, 0);
  close (fd);
  document = attest_sidecar_load (huge_file, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "huge.txt.attest.json"));
  g_clear_error (&error);

  /* A broken file: an error naming it, and the file is left alone. */
  write_file (broken, "{\"format\": \"attest\", \"version\": 1,\n  \"document\": {\n");
  document = attest_sidecar_load (broken_file, NULL, &error);
  g_assert_null (document);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "broken.txt.attest.json"));
  contents = read_file (broken);
  g_assert_cmpstr (contents, ==, "{\"format\": \"attest\", \"version\": 1,\n  \"document\": {\n");

  remove_tree (dir);
}

typedef struct
{
  GMainLoop      *loop;
  gboolean        ok;
  GError         *error;
  AttestDocument *document;
} AsyncState;

static void
save_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncState *state = user_data;

  g_assert_true (ATTEST_IS_DOCUMENT (source));
  state->ok = attest_sidecar_save_finish (result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncState *state = user_data;

  state->document = attest_sidecar_load_finish (result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_async (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "story.txt.attest.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AttestDocument) document = build_story_document ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) on_disk = NULL;
  g_autoptr(GBytes) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  AsyncState state = { loop, FALSE, NULL, NULL };

  expected = serialize_as_saved (document);
  attest_sidecar_save_async (document, file, NULL, save_done, &state);
  /* The save took its snapshot on this thread: this change is not in it. */
  attest_document_set_status (document, ATTEST_STATUS_DONE);
  attest_document_add_span (document, attest_span_new (NULL, "fact", 0, 5), &error);
  g_assert_no_error (error);
  g_main_loop_run (loop);

  g_assert_no_error (state.error);
  g_assert_true (state.ok);
  on_disk = read_file_bytes (path);
  assert_bytes_equal (on_disk, expected, "async save");

  attest_sidecar_load_async (file, NULL, load_done, &state);
  g_main_loop_run (loop);
  g_assert_no_error (state.error);
  g_assert_true (ATTEST_IS_DOCUMENT (state.document));
  reloaded = attest_sidecar_serialize (state.document);
  assert_bytes_equal (reloaded, expected, "async load");
  g_clear_object (&state.document);

  /* Errors come back through finish. */
  attest_document_set_read_only (document, TRUE);
  attest_sidecar_save_async (document, file, NULL, save_done, &state);
  g_main_loop_run (loop);
  g_assert_false (state.ok);
  g_assert_error (state.error, ATTEST_ERROR, ATTEST_ERROR_READ_ONLY);
  g_clear_error (&state.error);

  g_unlink (path);
  attest_sidecar_load_async (file, NULL, load_done, &state);
  g_main_loop_run (loop);
  g_assert_null (state.document);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&state.error);

  remove_tree (dir);
}

/* Schema ------------------------------------------------------------------- */

static const char validate_script[] =
  "import json, sys\n"
  "from jsonschema import Draft202012Validator\n"
  "schema = json.load(open(sys.argv[1], encoding='utf-8'))\n"
  "Draft202012Validator.check_schema(schema)\n"
  "validator = Draft202012Validator(schema)\n"
  "invalid = 0\n"
  "for path in sys.argv[2:]:\n"
  "    with open(path, encoding='utf-8') as f:\n"
  "        instance = json.load(f)\n"
  "    errors = list(validator.iter_errors(instance))\n"
  "    for e in errors:\n"
  "        print('%s: %s: %s' % (path, '/'.join(map(str, e.absolute_path)), e.message))\n"
  "    if errors:\n"
  "        invalid += 1\n"
  "print('invalid %d of %d' % (invalid, len(sys.argv) - 2))\n"
  "sys.exit(1 if invalid else 0)\n";

static gboolean
run_validator (GPtrArray  *paths,
               char      **output)
{
  g_autofree char *schema = source_path ("data/attest-sidecar.schema.json");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) "/usr/bin/python3");
  g_ptr_array_add (argv, (char *) "-c");
  g_ptr_array_add (argv, (char *) validate_script);
  g_ptr_array_add (argv, schema);
  for (guint i = 0; i < paths->len; i++)
    g_ptr_array_add (argv, g_ptr_array_index (paths, i));
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                output, &err, &status, &error);
  g_assert_no_error (error);
  if (err != NULL && *err != '\0')
    g_test_message ("validator stderr: %s", err);

  return g_spawn_check_wait_status (status, NULL);
}

static void
test_schema (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) good = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) bad = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  const char *check_argv[] = {
    "/usr/bin/python3", "-c", "from jsonschema import Draft202012Validator", NULL
  };
  int status = 0;
  AttestDocument *documents[5];
  g_autoptr(GBytes) story = NULL;
  g_autofree char *broken = NULL;
  GString *mutated;

  if (!g_file_test (check_argv[0], G_FILE_TEST_IS_EXECUTABLE) ||
      !g_spawn_sync (NULL, (char **) check_argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     NULL, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      g_test_skip ("/usr/bin/python3 has no jsonschema with Draft202012Validator");
      return;
    }

  dir = make_temp_dir ();

  documents[0] = build_story_document ();
  documents[1] = build_empty_document ();
  documents[2] = build_generated_document (64 * 1024, 1000, 11);
  documents[3] = build_generated_document (4 * 1024, 72, 12);
  {
    g_autofree char *article = data_path ("bom-crlf-story.txt");
    g_autoptr(GFile) file = g_file_new_for_path (article);
    g_autoptr(AttestText) text = attest_text_load_file (file, NULL, NULL, &error);

    g_assert_no_error (error);
    documents[4] = attest_document_new (text);
    attest_document_set_file_name (documents[4], "bom-crlf-story.txt");
    attest_document_set_language (documents[4], "pl");
    attest_document_add_span (documents[4], attest_span_new (NULL, "quote", 29, 63), &error);
    g_assert_no_error (error);
  }

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autofree char *name = g_strdup_printf ("doc%u.txt.attest.json", i);
      char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      g_assert_true (attest_sidecar_save (documents[i], file, NULL, &error));
      g_assert_no_error (error);
      g_ptr_array_add (good, path);
      g_object_unref (documents[i]);
    }

  g_assert_true (run_validator (good, &output));
  g_test_message ("%s", g_strchomp (output));
  g_assert_nonnull (strstr (output, "invalid 0 of 5"));
  g_clear_pointer (&output, g_free);

  /* The schema must also reject something. */
  story = read_data_file ("golden-story.attest.json");
  mutated = g_string_new_len (g_bytes_get_data (story, NULL), g_bytes_get_size (story));
  g_string_replace (mutated, "\"status\": \"in-progress\"", "\"status\": \"half-done\"", 1);
  broken = g_build_filename (dir, "bad-status.attest.json", NULL);
  write_file (broken, mutated->str);
  g_ptr_array_add (bad, g_steal_pointer (&broken));
  g_string_replace (mutated, "\"status\": \"half-done\"", "\"status\": \"done\"", 1);
  g_string_replace (mutated, "\"start\": 1, \"end\": 23, \"text\": \"We will not back down,\"",
                    "\"start\": 1, \"end\": 1, \"text\": \"\"", 1);
  broken = g_build_filename (dir, "empty-span.attest.json", NULL);
  write_file (broken, mutated->str);
  g_ptr_array_add (bad, g_steal_pointer (&broken));
  g_string_free (mutated, TRUE);

  g_assert_false (run_validator (bad, &output));
  g_test_message ("%s", g_strchomp (output));
  g_assert_nonnull (strstr (output, "invalid 2 of 2"));

  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/attest/core/sidecar/paths", test_paths);
  g_test_add_func ("/attest/core/sidecar/golden-story", test_golden_story);
  g_test_add_func ("/attest/core/sidecar/golden-empty", test_golden_empty);
  g_test_add_func ("/attest/core/sidecar/deterministic", test_deterministic);
  g_test_add_func ("/attest/core/sidecar/extra-lines", test_extra_lines);
  g_test_add_func ("/attest/core/sidecar/suggestions-expanded", test_suggestions_expanded);
  g_test_add_func ("/attest/core/sidecar/bom-crlf-article", test_bom_crlf_article);
  g_test_add_data_func ("/attest/core/sidecar/roundtrip/golden-story",
                        "golden-story.attest.json", test_roundtrip_golden);
  g_test_add_data_func ("/attest/core/sidecar/roundtrip/golden-empty",
                        "golden-empty.attest.json", test_roundtrip_golden);
  g_test_add_func ("/attest/core/sidecar/roundtrip/story-model", test_roundtrip_story_model);
  g_test_add_func ("/attest/core/sidecar/roundtrip/generated", test_roundtrip_generated);
  g_test_add_func ("/attest/core/sidecar/large", test_large);
  g_test_add_func ("/attest/core/sidecar/save-load", test_save_load);
  g_test_add_func ("/attest/core/sidecar/save-keeps-owner", test_save_keeps_owner);
  g_test_add_func ("/attest/core/sidecar/save-long-name", test_save_long_name);
  g_test_add_func ("/attest/core/sidecar/save-refuses-symlink", test_save_refuses_symlink);
  g_test_add_func ("/attest/core/sidecar/save-refuses-hard-link", test_save_refuses_hard_link);
  g_test_add_func ("/attest/core/sidecar/save-refuses-read-only", test_save_refuses_read_only);
  g_test_add_func ("/attest/core/sidecar/save-refuses-read-only-file",
                   test_save_refuses_read_only_file);
  g_test_add_func ("/attest/core/sidecar/save-refuses-folder", test_save_refuses_folder);
  g_test_add_func ("/attest/core/sidecar/save-missing-folder", test_save_missing_folder);
  g_test_add_func ("/attest/core/sidecar/save-failure-keeps-old", test_save_failure_keeps_old);
  g_test_add_func ("/attest/core/sidecar/save-cancelled", test_save_cancelled);
  g_test_add_func ("/attest/core/sidecar/save-non-local", test_save_non_local);
  g_test_add_func ("/attest/core/sidecar/sweep", test_sweep);
  g_test_add_func ("/attest/core/sidecar/sweep-interval", test_sweep_interval);
  g_test_add_func ("/attest/core/sidecar/load-errors", test_load_errors);
  g_test_add_func ("/attest/core/sidecar/async", test_async);
  g_test_add_func ("/attest/core/sidecar/schema", test_schema);

  return g_test_run ();
}
