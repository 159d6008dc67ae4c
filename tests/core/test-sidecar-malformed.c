/* test-sidecar-malformed.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "attest-core.h"

/* Every malformed input here is made from this one valid sidecar, so an
 * error can only come from the one thing each case breaks. Its text has a
 * flag and a ZWJ family emoji, an e with a combining accent, CJK, Arabic
 * and Hebrew, CRLF line ends and a quote over two paragraphs, so offsets
 * counted in anything but code points land on the wrong characters. It is
 * in the writer's canonical form: parsing and serializing it gives it
 * back byte for byte. */
static const char base[] =
  "{\n"
  "  \"format\": \"attest\",\n"
  "  \"version\": 1,\n"
  "  \"generator\": \"Attest 0.1.0\",\n"
  "  \"document\": {\n"
  "    \"file\": \"bridge.txt\",\n"
  "    \"sha256\": \"878d78352f8fa32933783e8a386c0d287c38ca4d3e3d72c61136fc98424f5f77\",\n"
  "    \"length\": 303,\n"
  "    \"status\": \"in-progress\",\n"
  "    \"language\": \"en\",\n"
  "    \"meta\": {\"title\": \"Bridge to be rebuilt by spring\", \"source_url\": \"https://example.org/news/bridge\", \"published\": \"2026-03-02\", \"desk\": \"Metro\", \"wordcount\": 57},\n"
  "    \"x-cms-id\": 90210\n"
  "  },\n"
  "  \"text\": \"“We will rebuild the bridge by spring,” said Olena Kovalenko 🇺🇦, the city’s engineer.\\r\\nHer crew 👩‍👩‍👧 worked all night, and the café owner José Ramos brought soup.\\r\\n市長は「橋は春までに再建する」と述べた。\\r\\nقال المهندس: «سنعيد البناء».\\r\\nאמרה הדוברת: \\\"נבנה מחדש\\\".\\r\\n“The work is hard.\\r\\n\\r\\n“But we will finish it,” she said.\\r\\n\",\n"
  "  \"tagset\": {\"name\": \"News attribution\", \"version\": 1, \"x-origin\": \"folder\"},\n"
  "  \"spans\": [\n"
  "    {\"id\": \"s1\", \"label\": \"quote\", \"start\": 1, \"end\": 38, \"text\": \"We will rebuild the bridge by spring,\", \"attrs\": {\"kind\": \"direct\"}, \"by\": \"ana\", \"origin\": \"manual\", \"created\": \"2026-11-28T10:00:00Z\"},\n"
  "    {\"id\": \"s2\", \"label\": \"speaker\", \"start\": 45, \"end\": 60, \"text\": \"Olena Kovalenko\", \"entity\": \"e1\", \"by\": \"ana\", \"origin\": \"manual\", \"created\": \"2026-11-28T10:00:04Z\"},\n"
  "    {\"id\": \"s3\", \"label\": \"fact\", \"start\": 61, \"end\": 63, \"text\": \"🇺🇦\", \"note\": \"Flag: two code points.\", \"by\": \"ben\", \"origin\": \"imported:brat\", \"review\": \"changed\", \"was\": \"🇺🇸\", \"x-confidence\": 0.75},\n"
  "    {\"id\": \"s4\", \"label\": \"fact\", \"start\": 96, \"end\": 101, \"text\": \"👩‍👩‍👧\", \"by\": \"ben\"},\n"
  "    {\"id\": \"s5\", \"label\": \"speaker\", \"start\": 139, \"end\": 150, \"text\": \"José Ramos\", \"entity\": \"e2\"},\n"
  "    {\"id\": \"s6\", \"label\": \"quote\", \"start\": 170, \"end\": 180, \"text\": \"橋は春までに再建する\", \"attrs\": {\"kind\": \"direct\", \"lang\": \"ja\"}, \"by\": \"ana\"},\n"
  "    {\"id\": \"s7\", \"label\": \"quote\", \"start\": 202, \"end\": 214, \"text\": \"سنعيد البناء\", \"attrs\": {\"kind\": \"direct\"}},\n"
  "    {\"id\": \"s8\", \"label\": \"quote\", \"start\": 232, \"end\": 241, \"text\": \"נבנה מחדש\", \"note\": \"Hebrew quote.\\nIn \\\"plain\\\" marks.\"},\n"
  "    {\"id\": \"s9\", \"label\": \"quote\", \"start\": 246, \"end\": 263, \"text\": \"The work is hard.\", \"attrs\": {\"kind\": \"direct\"}, \"by\": \"ana\"},\n"
  "    {\"id\": \"s10\", \"label\": \"quote\", \"start\": 268, \"end\": 290, \"text\": \"But we will finish it,\", \"attrs\": {\"kind\": \"direct\"}, \"by\": \"ana\"},\n"
  "    {\"id\": \"s11\", \"label\": \"speaker\", \"start\": 292, \"end\": 295, \"text\": \"she\", \"entity\": \"e1\", \"by\": \"ana\"},\n"
  "    {\"id\": \"s12\", \"label\": \"fact\", \"start\": 303, \"end\": 303, \"text\": \"\", \"by\": \"ana\", \"review\": \"deleted\", \"was\": \" Work starts on Monday.\"}\n"
  "  ],\n"
  "  \"relations\": [\n"
  "    {\"id\": \"r1\", \"type\": \"said-by\", \"from\": \"s1\", \"to\": \"s2\", \"by\": \"ana\", \"origin\": \"manual\", \"created\": \"2026-11-28T10:00:09Z\"},\n"
  "    {\"id\": \"r2\", \"type\": \"continues\", \"from\": \"s9\", \"to\": \"s10\", \"by\": \"ana\", \"x-checked\": true},\n"
  "    {\"id\": \"r3\", \"type\": \"said-by\", \"from\": \"s10\", \"to\": \"s11\", \"attrs\": {\"confidence\": \"high\"}}\n"
  "  ],\n"
  "  \"entities\": [\n"
  "    {\"id\": \"e1\", \"name\": \"Olena Kovalenko\", \"kind\": \"person\", \"wikidata\": \"Q000001\", \"aliases\": [\"the city’s engineer\", \"she\"]},\n"
  "    {\"id\": \"e2\", \"name\": \"José Ramos\", \"kind\": \"person\", \"x-verified\": false}\n"
  "  ],\n"
  "  \"suggestions\": {\n"
  "    \"spans\": [\n"
  "      {\"id\": \"p1\", \"label\": \"fact\", \"start\": 31, \"end\": 37, \"text\": \"spring\", \"origin\": \"suggested:dates\"},\n"
  "      {\"id\": \"p2\", \"label\": \"speaker\", \"start\": 65, \"end\": 84, \"text\": \"the city’s engineer\", \"origin\": \"suggested:cue-verbs\"}\n"
  "    ],\n"
  "    \"relations\": [\n"
  "      {\"id\": \"pr1\", \"type\": \"said-by\", \"from\": \"s1\", \"to\": \"p2\", \"origin\": \"suggested:cue-verbs\"}\n"
  "    ],\n"
  "    \"rejected\": [\n"
  "      {\"label\": \"quote\", \"start\": 246, \"end\": 290, \"rule\": \"quotes\", \"x-by\": \"ben\"}\n"
  "    ],\n"
  "    \"x-engine\": \"rules 1\"\n"
  "  },\n"
  "  \"x-workflow\": {\"stage\": 2, \"ratio\": 1.50, \"zero\": -0, \"big\": 1E5, \"list\": [true, false, null, \"é\\u2028\"]}\n"
  "}\n";

#define NAME "bridge.txt.attest.json"

typedef struct
{
  const char  *name;
  const char  *from;     /* replaced once in the base... */
  const char  *to;       /* ...by this */
  const char  *from2;    /* optional second edit */
  const char  *to2;
  AttestError  code;
  const char  *needle;   /* the message must contain this */
} Case;

/* The base with @from (which must occur exactly once) replaced by @to. */
static char *
edit (const char *data,
      const char *from,
      const char *to)
{
  const char *at;
  GString *out;

  g_assert (data != NULL);
  g_assert (from != NULL);
  g_assert (to != NULL);

  at = strstr (data, from);
  if (at == NULL || strstr (at + 1, from) != NULL)
    g_error ("“%s” is not in the base sidecar exactly once", from);

  out = g_string_new_len (data, at - data);
  g_string_append (out, to);
  g_string_append (out, at + strlen (from));

  return g_string_free (out, FALSE);
}

static void
assert_contains (const char *message,
                 const char *needle)
{
  if (needle != NULL && strstr (message, needle) == NULL)
    g_error ("expected “%s” in the message “%s”", needle, message);
}

/* Parses "NAME line L, column C: ..." */
static gboolean
get_position (const char *message,
              guint      *line,
              guint      *column)
{
  g_assert (g_str_has_prefix (message, NAME));

  return sscanf (message + strlen (NAME), " line %u, column %u: ", line, column) == 2;
}

static void
assert_position (const GError *error,
                 guint         line,
                 guint         column)
{
  guint l = 0;
  guint c = 0;

  if (!get_position (error->message, &l, &c))
    g_error ("no line and column in “%s”", error->message);
  if (l != line || c != column)
    g_error ("expected line %u, column %u in “%s”", line, column, error->message);
}

/* Line and column (in characters) of byte @offset in @data, the way an
 * editor counts them. */
static void
position_of (const char *data,
             gsize       offset,
             guint      *line,
             guint      *column)
{
  const char *line_start = data;

  *line = 1;
  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      {
        (*line)++;
        line_start = data + i + 1;
      }
  *column = g_utf8_strlen (line_start, data + offset - line_start) + 1;
}

static GError *
parse_error (const char *data,
             gssize      len)
{
  g_autoptr(AttestDocument) document = NULL;
  GError *error = NULL;

  document = attest_sidecar_parse (data, len < 0 ? strlen (data) : (gsize) len, NAME, &error);
  if (document != NULL)
    g_error ("a malformed sidecar was accepted:\n%s", data);
  g_assert_nonnull (error);
  g_assert_true (error->domain == ATTEST_ERROR);
  g_assert_true (g_str_has_prefix (error->message, NAME));

  return error;
}

static AttestDocument *
parse_ok (const char *data,
          gsize       len)
{
  g_autoptr(GError) error = NULL;
  AttestDocument *document;

  document = attest_sidecar_parse (data, len, NAME, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);

  return document;
}

static const AttestSpan *
span_by_id (AttestDocument *document,
            const char     *id)
{
  const AttestSpan *span = attest_span_store_lookup (attest_document_get_spans (document), id);

  g_assert_nonnull (span);
  return span;
}

/* The base itself ---------------------------------------------------------- */

static void
test_valid (void)
{
  g_autoptr(AttestDocument) document = parse_ok (base, strlen (base));
  g_autoptr(GBytes) bytes = NULL;
  AttestSpanStore *suggested;
  const AttestSpan *span;
  const AttestRelation *relation;
  const AttestEntity *entity;
  const AttestRejected *rejected;
  GPtrArray *array;

  g_assert_false (attest_document_get_read_only (document));
  g_assert_false (attest_document_get_modified (document));
  g_assert_cmpint (attest_document_get_version (document), ==, 1);
  g_assert_cmpstr (attest_document_get_file_name (document), ==, "bridge.txt");
  g_assert_cmpint (attest_document_get_status (document), ==, ATTEST_STATUS_IN_PROGRESS);
  g_assert_cmpstr (attest_document_get_language (document), ==, "en");
  g_assert_cmpstr (attest_document_get_generator (document), ==, "Attest 0.1.0");
  g_assert_cmpstr (attest_document_get_meta (document, "title"), ==,
                   "Bridge to be rebuilt by spring");
  g_assert_cmpstr (attest_document_get_meta (document, "desk"), ==, "Metro");
  g_assert_null (attest_document_get_meta (document, "wordcount"));
  g_assert_cmpstr (attest_document_get_tagset_name (document), ==, "News attribution");
  g_assert_cmpint (attest_document_get_tagset_version (document), ==, 1);
  g_assert_cmpuint (attest_text_get_length (attest_document_get_text (document)), ==, 303);

  /* Unknown members at every level, in canonical form. */
  g_assert_cmpstr (attest_document_get_extra (document, ATTEST_EXTRA_TOP), ==,
                   "\"x-workflow\": {\"stage\": 2, \"ratio\": 1.50, \"zero\": -0, \"big\": 1E5, "
                   "\"list\": [true, false, null, \"\u00e9\\u2028\"]}");
  g_assert_cmpstr (attest_document_get_extra (document, ATTEST_EXTRA_DOCUMENT), ==,
                   "\"x-cms-id\": 90210");
  g_assert_cmpstr (attest_document_get_extra (document, ATTEST_EXTRA_META), ==,
                   "\"wordcount\": 57");
  g_assert_cmpstr (attest_document_get_extra (document, ATTEST_EXTRA_TAGSET), ==,
                   "\"x-origin\": \"folder\"");
  g_assert_cmpstr (attest_document_get_extra (document, ATTEST_EXTRA_SUGGESTIONS), ==,
                   "\"x-engine\": \"rules 1\"");

  g_assert_cmpuint (attest_span_store_get_n_spans (attest_document_get_spans (document)), ==, 12);

  span = span_by_id (document, "s1");
  g_assert_cmpuint (span->start, ==, 1);
  g_assert_cmpuint (span->end, ==, 38);
  /* Interned: compared by pointer everywhere else. */
  g_assert_true (span->label == g_intern_static_string ("quote"));
  g_assert_true (span->by == g_intern_static_string ("ana"));
  g_assert_true (span->origin == g_intern_static_string ("manual"));
  g_assert_cmpstr (span->created, ==, "2026-11-28T10:00:00Z");
  g_assert_cmpstr (attest_span_get_attr (span, "kind"), ==, "direct");
  g_assert_null (span->extra);

  span = span_by_id (document, "s3");
  g_assert_cmpuint (span->flags, ==, ATTEST_SPAN_FLAG_CHANGED);
  g_assert_cmpstr (span->old_text, ==, "\U0001F1FA\U0001F1F8");
  g_assert_cmpstr (span->note, ==, "Flag: two code points.");
  g_assert_cmpstr (span->extra, ==, "\"x-confidence\": 0.75");

  span = span_by_id (document, "s4");
  g_assert_cmpuint (span->start, ==, 96);
  g_assert_cmpuint (span->end, ==, 101);

  span = span_by_id (document, "s6");
  g_assert_cmpstr (span->attrs[0], ==, "kind");
  g_assert_cmpstr (span->attrs[2], ==, "lang");
  g_assert_null (span->attrs[4]);

  span = span_by_id (document, "s8");
  g_assert_cmpstr (span->note, ==, "Hebrew quote.\nIn \"plain\" marks.");

  span = span_by_id (document, "s12");
  g_assert_cmpuint (span->start, ==, 303);
  g_assert_cmpuint (span->end, ==, 303);
  g_assert_cmpuint (span->flags, ==, ATTEST_SPAN_FLAG_DELETED);
  g_assert_cmpstr (span->old_text, ==, " Work starts on Monday.");

  g_assert_cmpuint (attest_document_get_n_relations (document), ==, 3);
  relation = attest_document_lookup_relation (document, "r2");
  g_assert_nonnull (relation);
  g_assert_true (relation->type == g_intern_static_string ("continues"));
  g_assert_cmpstr (relation->from, ==, "s9");
  g_assert_cmpstr (relation->to, ==, "s10");
  g_assert_cmpstr (relation->extra, ==, "\"x-checked\": true");
  relation = attest_document_lookup_relation (document, "r3");
  g_assert_cmpstr (attest_attrs_get (relation->attrs, "confidence"), ==, "high");

  g_assert_cmpuint (attest_document_get_n_entities (document), ==, 2);
  entity = attest_document_lookup_entity (document, "e1");
  g_assert_cmpstr (entity->name, ==, "Olena Kovalenko");
  g_assert_true (entity->kind == g_intern_static_string ("person"));
  g_assert_cmpstr (entity->wikidata, ==, "Q000001");
  g_assert_cmpuint (g_strv_length (entity->aliases), ==, 2);
  g_assert_cmpstr (entity->aliases[0], ==, "the city\u2019s engineer");
  entity = attest_document_lookup_entity (document, "e2");
  /* Precomposed here, unlike in the text. */
  g_assert_cmpstr (entity->name, ==, "Jos\u00e9 Ramos");
  g_assert_cmpstr (entity->extra, ==, "\"x-verified\": false");

  suggested = attest_document_get_suggested_spans (document);
  g_assert_cmpuint (attest_span_store_get_n_spans (suggested), ==, 2);
  span = attest_span_store_lookup (suggested, "p2");
  g_assert_nonnull (span);
  g_assert_cmpuint (span->start, ==, 65);
  g_assert_true (span->origin == g_intern_static_string ("suggested:cue-verbs"));

  array = attest_document_get_suggested_relations (document);
  g_assert_cmpuint (array->len, ==, 1);
  relation = g_ptr_array_index (array, 0);
  g_assert_cmpstr (relation->id, ==, "pr1");

  array = attest_document_get_rejected (document);
  g_assert_cmpuint (array->len, ==, 1);
  rejected = g_ptr_array_index (array, 0);
  g_assert_true (rejected->label == g_intern_static_string ("quote"));
  g_assert_cmpuint (rejected->start, ==, 246);
  g_assert_cmpuint (rejected->end, ==, 290);
  g_assert_cmpstr (rejected->rule, ==, "quotes");
  g_assert_cmpstr (rejected->extra, ==, "\"x-by\": \"ben\"");

  /* Nothing lost, nothing reordered: the writer gives the same bytes. */
  bytes = attest_sidecar_serialize (document);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                   base, strlen (base));
}

/* Unknown members with escapes and odd numbers are kept in canonical form:
 * strings re-escaped (only what must be), numbers as written. */
static void
test_unknown_canonical (void)
{
  g_autofree char *data = NULL;
  g_autoptr(AttestDocument) document = NULL;

  data = edit (base, "\"x-workflow\": {\"stage\": 2, \"ratio\": 1.50, \"zero\": -0, \"big\": 1E5, "
                     "\"list\": [true, false, null, \"\u00e9\\u2028\"]}",
               "\"x-w\\u00f6rk\" :\t{ \"s\" : \"\\u00e9\\t\\ud83d\\ude00\\u2029\\/\" ,"
               "\"n\":[1.0e+2,-0.0 , 12345678901234567890123e-3, -9223372036854775808],"
               "\"o\":{},\"a\":[ ],\"d\":{\"e\":{\"f\":[[]]}}} ,\r\n  \"x-2\": null");
  document = parse_ok (data, strlen (data));

  g_assert_cmpstr (attest_document_get_extra (document, ATTEST_EXTRA_TOP), ==,
                   "\"x-w\u00f6rk\": {\"s\": \"\u00e9\\t\U0001F600\\u2029/\", "
                   "\"n\": [1.0e+2, -0.0, 12345678901234567890123e-3, -9223372036854775808], "
                   "\"o\": {}, \"a\": [], \"d\": {\"e\": {\"f\": [[]]}}}, \"x-2\": null");
}

/* A sidecar may be indented with CRLF and start with a BOM (an editor on
 * Windows); members may come in any order; relations, entities and
 * suggestions may be missing. */
static void
test_lenient (void)
{
  g_autoptr(GString) crlf = g_string_new (NULL);
  g_autofree char *bom = g_strconcat ("\xef\xbb\xbf", base, NULL);
  g_autofree char *reordered = NULL;
  g_autofree char *bare = NULL;
  g_autoptr(AttestDocument) document = NULL;
  const char *text_start;
  const char *text_end;

  for (const char *p = base; *p; p++)
    {
      if (*p == '\n')
        g_string_append_c (crlf, '\r');
      g_string_append_c (crlf, *p);
    }
  document = parse_ok (crlf->str, crlf->len);
  g_assert_cmpuint (attest_span_store_get_n_spans (attest_document_get_spans (document)), ==, 12);
  g_clear_object (&document);

  document = parse_ok (bom, strlen (bom));
  g_assert_cmpuint (attest_span_store_get_n_spans (attest_document_get_spans (document)), ==, 12);
  g_clear_object (&document);

  /* "text" after "spans": the spans are checked once the text is known. */
  text_start = strstr (base, "  \"text\": ");
  text_end = strchr (text_start, '\n') + 1;
  {
    g_autofree char *text_line = g_strndup (text_start, text_end - text_start);
    g_autofree char *without = edit (base, text_line, "");

    g_autofree char *moved = g_strconcat (text_line, "  \"x-workflow\"", NULL);

    reordered = edit (without, "  \"x-workflow\"", moved);
    /* The text line ends with ",\n"; the moved one now precedes x-workflow. */
    document = parse_ok (reordered, strlen (reordered));
    g_assert_cmpuint (attest_span_store_get_n_spans (attest_document_get_spans (document)), ==, 12);
    g_clear_object (&document);
  }

  bare = g_strdup_printf ("{\"format\": \"attest\", \"version\": 1, \"document\": {\"file\": \"a.txt\", "
                          "\"sha256\": \"%s\", \"length\": 0, \"status\": \"new\"}, \"text\": \"\", "
                          "\"spans\": []}",
                          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  document = parse_ok (bare, strlen (bare));
  g_assert_cmpuint (attest_document_get_n_relations (document), ==, 0);
  g_assert_cmpuint (attest_document_get_n_entities (document), ==, 0);
  g_assert_null (attest_document_get_language (document));
  g_assert_null (attest_document_get_tagset_name (document));
}

/* References to spans and entities that do not exist are loaded, so
 * nothing is lost; attest_document_check() is what reports them. */
static void
test_dangling (void)
{
  g_autofree char *to = edit (base, "\"from\": \"s1\", \"to\": \"s2\"",
                              "\"from\": \"s1\", \"to\": \"s99\"");
  g_autofree char *data = edit (to, "\"entity\": \"e2\"", "\"entity\": \"e9\"");
  g_autoptr(AttestDocument) document = parse_ok (data, strlen (data));
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpstr (attest_document_lookup_relation (document, "r1")->to, ==, "s99");
  g_assert_cmpstr (span_by_id (document, "s5")->entity, ==, "e9");
  g_assert_false (attest_document_check (document, problems));
  g_assert_cmpuint (problems->len, >=, 2);
}

/* Truncation -------------------------------------------------------------- */

/* A file cut at any byte (a full disk, a crash mid-copy) must fail cleanly
 * and say where. */
static void
test_truncated (void)
{
  const char *last_brace = strrchr (base, '}');
  gsize n = last_brace - base;

  for (gsize i = 0; i <= n; i++)
    {
      g_autofree char *prefix = g_strndup (base, i);
      g_autoptr(GError) error = parse_error (prefix, i);
      guint newlines = 0;
      guint line;
      guint column;

      if (error->code != ATTEST_ERROR_PARSE && error->code != ATTEST_ERROR_INVALID_UTF8)
        g_error ("cut at %" G_GSIZE_FORMAT ": unexpected error %d: %s",
                 i, error->code, error->message);
      if (!get_position (error->message, &line, &column))
        g_error ("cut at %" G_GSIZE_FORMAT ": no position in “%s”", i, error->message);

      for (gsize j = 0; j < i; j++)
        newlines += base[j] == '\n';
      g_assert_cmpuint (line, >=, 1);
      g_assert_cmpuint (line, <=, newlines + 1);
      g_assert_cmpuint (column, >=, 1);
    }
}

/* Positions ---------------------------------------------------------------- */

static void
test_positions (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GString) crlf = g_string_new (NULL);
  const char *at;
  guint line;
  guint column;

  error = parse_error ("", 0);
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_PARSE);
  assert_position (error, 1, 1);
  assert_contains (error->message, "empty");
  g_clear_error (&error);

  error = parse_error (" \n\t\r\n ", -1);
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_PARSE);
  g_clear_error (&error);

  /* A missing comma: line 9 is `    "status": "in-progress" "x",`. */
  data = edit (base, "\"status\": \"in-progress\",", "\"status\": \"in-progress\" \"x\",");
  error = parse_error (data, -1);
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_PARSE);
  assert_position (error, 9, 29);
  g_clear_error (&error);
  g_clear_pointer (&data, g_free);

  /* Columns count characters: a control character at the end of the text
   * line, after CJK, Arabic, Hebrew and emoji. */
  data = edit (base, "she said.\\r\\n\",", "she said.\\r\\n\x01\",");
  error = parse_error (data, -1);
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_PARSE);
  at = strchr (data, '\x01');
  position_of (data, at - data, &line, &column);
  g_assert_cmpuint (line, ==, 14);
  g_assert_cmpuint (column, <, (guint) (at - strstr (data, "  \"text\"")));
  assert_position (error, line, column);
  g_clear_error (&error);
  g_clear_pointer (&data, g_free);

  /* One BOM is skipped, a second one is content (found by fuzzing). */
  data = g_strconcat ("\xef\xbb\xbf\xef\xbb\xbf", base, NULL);
  error = parse_error (data, -1);
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_PARSE);
  assert_position (error, 1, 1);
  g_clear_error (&error);
  g_clear_pointer (&data, g_free);

  /* Trailing content after the object. */
  data = g_strconcat (base, "{}\n", NULL);
  error = parse_error (data, -1);
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_PARSE);
  position_of (data, strlen (base), &line, &column);
  assert_position (error, line, column);
  g_clear_error (&error);
  g_clear_pointer (&data, g_free);

  /* CRLF files count lines the same way. */
  data = edit (base, "\"length\": 303,", "\"length\": 303,,");
  for (const char *p = data; *p; p++)
    {
      if (*p == '\n')
        g_string_append_c (crlf, '\r');
      g_string_append_c (crlf, *p);
    }
  error = parse_error (crlf->str, crlf->len);
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_PARSE);
  assert_position (error, 8, 19);
}

/* Each broken member --------------------------------------------------------- */

static const Case cases[] = {
  /* The top level. */
  { "format-other", "\"format\": \"attest\"", "\"format\": \"attest-tagset\"", NULL, NULL,
    ATTEST_ERROR_INVALID, "format: \"attest-tagset\" is not \"attest\"" },
  { "format-type", "\"format\": \"attest\"", "\"format\": 1", NULL, NULL,
    ATTEST_ERROR_INVALID, "format: expected a string, not 1" },
  { "format-missing", "  \"format\": \"attest\",\n", "", NULL, NULL,
    ATTEST_ERROR_INVALID, "\"format\" is missing" },
  { "version-string", "\"version\": 1,\n", "\"version\": \"1\",\n", NULL, NULL,
    ATTEST_ERROR_INVALID, "version: expected an integer, not a string" },
  { "version-float", "\"version\": 1,\n", "\"version\": 1.0,\n", NULL, NULL,
    ATTEST_ERROR_INVALID, "version: expected an integer, not 1.0" },
  { "version-zero", "\"version\": 1,\n", "\"version\": 0,\n", NULL, NULL,
    ATTEST_ERROR_INVALID, "version: expected an integer of at least 1" },
  { "version-missing", "  \"version\": 1,\n", "", NULL, NULL,
    ATTEST_ERROR_INVALID, "\"version\" is missing" },
  { "generator-type", "\"generator\": \"Attest 0.1.0\"", "\"generator\": 7", NULL, NULL,
    ATTEST_ERROR_INVALID, "generator: expected a string, not 7" },
  { "document-type", "\"document\": {", "\"document\": 3, \"x-document\": {", NULL, NULL,
    ATTEST_ERROR_INVALID, "document: expected an object, not 3" },
  { "text-type", "\"text\": \"\u201cWe", "\"text\": 42, \"x-text\": \"\u201cWe", NULL, NULL,
    ATTEST_ERROR_INVALID, "text: expected a string, not 42" },
  { "text-missing", "\"text\": \"\u201cWe", "\"x-text\": \"\u201cWe", NULL, NULL,
    ATTEST_ERROR_INVALID, "\"text\" is missing" },
  { "spans-type", "\"spans\": [\n    {\"id\": \"s1\"", "\"spans\": {\"a\": 1}, \"x\": [\n    {\"id\": \"s1\"",
    NULL, NULL, ATTEST_ERROR_INVALID, "spans: expected an array, not an object" },
  { "spans-missing", "\"spans\": [\n    {\"id\": \"s1\"", "\"x-spans\": [\n    {\"id\": \"s1\"",
    NULL, NULL, ATTEST_ERROR_INVALID, "\"spans\" is missing" },
  { "relations-type", "\"relations\": [\n    {\"id\": \"r1\"",
    "\"relations\": 5, \"x-relations\": [\n    {\"id\": \"r1\"", NULL, NULL,
    ATTEST_ERROR_INVALID, "relations: expected an array, not 5" },
  { "entities-type", "\"entities\": [", "\"entities\": null, \"x-entities\": [", NULL, NULL,
    ATTEST_ERROR_INVALID, "entities: expected an array, not null" },
  { "suggestions-type", "\"suggestions\": {\n    \"spans\"", "\"suggestions\": [],\n  \"x-s\": {\n    \"spans\"",
    NULL, NULL, ATTEST_ERROR_INVALID, "suggestions: expected an object, not an array" },
  { "tagset-type", "\"tagset\": {", "\"tagset\": \"News\", \"x-tagset\": {", NULL, NULL,
    ATTEST_ERROR_INVALID, "tagset: expected an object, not a string" },
  { "tagset-name", "{\"name\": \"News attribution\"", "{\"name\": 1", NULL, NULL,
    ATTEST_ERROR_INVALID, "tagset.name: expected a string, not 1" },
  { "tagset-version", "\"version\": 1, \"x-origin\"", "\"version\": true, \"x-origin\"", NULL, NULL,
    ATTEST_ERROR_INVALID, "tagset.version: expected an integer, not true or false" },

  /* document. */
  { "file-type", "\"file\": \"bridge.txt\"", "\"file\": [\"bridge.txt\"]", NULL, NULL,
    ATTEST_ERROR_INVALID, "document.file: expected a string, not an array" },
  { "file-missing", "    \"file\": \"bridge.txt\",\n", "", NULL, NULL,
    ATTEST_ERROR_INVALID, "document: the required member \"file\" is missing" },
  { "sha256-type", "\"sha256\": \"878d78352f8fa32933783e8a386c0d287c38ca4d3e3d72c61136fc98424f5f77\"",
    "\"sha256\": null", NULL, NULL, ATTEST_ERROR_INVALID, "document.sha256: expected a string, not null" },
  { "sha256-wrong", "878d78352f8fa3293", "878d78352f8fa3294", NULL, NULL,
    ATTEST_ERROR_INVALID, "document.sha256 does not match the text" },
  { "sha256-short", "878d78352f8fa3293", "878d", NULL, NULL,
    ATTEST_ERROR_INVALID, "document.sha256 does not match the text" },
  { "length-string", "\"length\": 303", "\"length\": \"303\"", NULL, NULL,
    ATTEST_ERROR_INVALID, "document.length: expected a non-negative integer, not a string" },
  { "length-wrong", "\"length\": 303", "\"length\": 302", NULL, NULL,
    ATTEST_ERROR_INVALID, "document.length: 302 but the text has 303 code points" },
  /* UTF-16 units (309) or UTF-8 bytes (421) are what other tools count. */
  { "length-utf16", "\"length\": 303", "\"length\": 309", NULL, NULL,
    ATTEST_ERROR_INVALID, "document.length: 309 but the text has 303 code points" },
  { "status-other", "\"status\": \"in-progress\"", "\"status\": \"archived\"", NULL, NULL,
    ATTEST_ERROR_INVALID, "document.status: \"archived\" is not one of \"new\", \"in-progress\", \"done\"" },
  { "status-type", "\"status\": \"in-progress\"", "\"status\": true", NULL, NULL,
    ATTEST_ERROR_INVALID, "document.status: expected a string, not true or false" },
  { "language-type", "\"language\": \"en\"", "\"language\": 5", NULL, NULL,
    ATTEST_ERROR_INVALID, "document.language: expected a string, not 5" },
  { "meta-type", "\"meta\": {\"title\"", "\"meta\": \"Metro\", \"x-meta\": {\"title\"", NULL, NULL,
    ATTEST_ERROR_INVALID, "document.meta: expected an object, not a string" },

  /* spans. */
  { "span-type", "\"spans\": [\n    {\"id\": \"s1\"", "\"spans\": [\n    \"s0\",\n    {\"id\": \"s1\"", NULL, NULL,
    ATTEST_ERROR_INVALID, "spans[0]: expected an object, not a string" },
  { "span-id-type", "{\"id\": \"s1\",", "{\"id\": 1,", NULL, NULL,
    ATTEST_ERROR_INVALID, "spans[0].id: expected a string, not 1" },
  { "span-id-empty", "{\"id\": \"s1\",", "{\"id\": \"\",", NULL, NULL,
    ATTEST_ERROR_INVALID, "spans[0].id: an id cannot be empty" },
  { "span-label-type", "\"id\": \"s1\", \"label\": \"quote\"", "\"id\": \"s1\", \"label\": [\"quote\"]",
    NULL, NULL, ATTEST_ERROR_INVALID, "spans[0].label: expected a string, not an array" },
  { "span-label-missing", "{\"id\": \"s4\", \"label\": \"fact\", ", "{\"id\": \"s4\", ", NULL, NULL,
    ATTEST_ERROR_INVALID, "spans[3]: the required member \"label\" is missing" },
  { "span-text-missing", ", \"text\": \"Olena Kovalenko\"", "", NULL, NULL,
    ATTEST_ERROR_INVALID, "spans[1]: the required member \"text\" is missing" },
  { "start-negative", "\"start\": 1, \"end\": 38", "\"start\": -1, \"end\": 38", NULL, NULL,
    ATTEST_ERROR_INVALID, "spans[0].start: expected a non-negative integer, not -1" },
  { "start-fraction", "\"start\": 1, \"end\": 38", "\"start\": 1.5, \"end\": 38", NULL, NULL,
    ATTEST_ERROR_INVALID, "spans[0].start: expected a non-negative integer, not 1.5" },
  { "start-exponent", "\"start\": 1, \"end\": 38", "\"start\": 1e0, \"end\": 38", NULL, NULL,
    ATTEST_ERROR_INVALID, "spans[0].start: expected a non-negative integer, not 1e0" },
  { "start-string", "\"start\": 1, \"end\": 38", "\"start\": \"3\", \"end\": 38", NULL, NULL,
    ATTEST_ERROR_INVALID, "spans[0].start: expected a non-negative integer, not a string" },
  { "start-null", "\"start\": 1, \"end\": 38", "\"start\": null, \"end\": 38", NULL, NULL,
    ATTEST_ERROR_INVALID, "spans[0].start: expected a non-negative integer, not null" },
  { "start-infinite", "\"start\": 1, \"end\": 38", "\"start\": 1e400, \"end\": 38", NULL, NULL,
    ATTEST_ERROR_TOO_LARGE, "1e400" },
  { "start-2^64+1", "\"start\": 1, \"end\": 38", "\"start\": 18446744073709551617, \"end\": 38",
    NULL, NULL, ATTEST_ERROR_TOO_LARGE, "18446744073709551617" },
  { "start-huge", "\"start\": 1, \"end\": 38", "\"start\": 99999999999999999999, \"end\": 38",
    NULL, NULL, ATTEST_ERROR_TOO_LARGE, "99999999999999999999" },
  { "start-past-guint", "\"start\": 1, \"end\": 38", "\"start\": 4294967296, \"end\": 38",
    NULL, NULL, ATTEST_ERROR_INVALID, "spans[0].start: 4294967296 is too large for an offset" },
  { "start-leading-zero", "\"start\": 1, \"end\": 38", "\"start\": 01, \"end\": 38", NULL, NULL,
    ATTEST_ERROR_PARSE, "line 17" },
  { "end-past", "\"start\": 1, \"end\": 38", "\"start\": 1, \"end\": 304", NULL, NULL,
    ATTEST_ERROR_INVALID, "spans[0].end: 304 is past the end of the text (303)" },
  { "start-past", "\"start\": 1, \"end\": 38", "\"start\": 400, \"end\": 401", NULL, NULL,
    ATTEST_ERROR_INVALID, "spans[0].start: 400 is past the end of the text (303)" },
  { "reversed", "\"start\": 45, \"end\": 60", "\"start\": 60, \"end\": 45", NULL, NULL,
    ATTEST_ERROR_INVALID, "spans[1].end: 45 is before start (60)" },
  { "empty", "\"start\": 45, \"end\": 60", "\"start\": 45, \"end\": 45", NULL, NULL,
    ATTEST_ERROR_INVALID, "spans[1]: [45, 45) is empty" },
  { "deleted-not-empty", "\"start\": 303, \"end\": 303, \"text\": \"\"",
    "\"start\": 302, \"end\": 303, \"text\": \"\"", NULL, NULL,
    ATTEST_ERROR_INVALID, "spans[11].text: \"\" does not match the text at [302, 303) (\"\\n\")" },
  { "text-mismatch", "\"text\": \"Olena Kovalenko\"", "\"text\": \"Olena\"", NULL, NULL,
    ATTEST_ERROR_INVALID,
    "spans[1].text: \"Olena\" does not match the text at [45, 60) (\"Olena Kovalenko\")" },
  /* Offsets counted in UTF-16 units land two units after the flag. */
  { "utf16-offsets", "\"start\": 96, \"end\": 101", "\"start\": 98, \"end\": 106", NULL, NULL,
    ATTEST_ERROR_INVALID, "spans[3].text: " },
  { "combining-split", "\"start\": 139, \"end\": 150, \"text\": \"Jose\u0301 Ramos\"",
    "\"start\": 139, \"end\": 143, \"text\": \"Jose\u0301\"", NULL, NULL,
    ATTEST_ERROR_INVALID, "does not match the text at [139, 143) (\"Jose\")" },
  { "attrs-type", "\"attrs\": {\"kind\": \"direct\"}, \"by\": \"ana\", \"origin\": \"manual\"",
    "\"attrs\": [\"direct\"], \"by\": \"ana\", \"origin\": \"manual\"", NULL, NULL,
    ATTEST_ERROR_INVALID, "spans[0].attrs: expected an object, not an array" },
  { "attrs-value", "{\"kind\": \"direct\", \"lang\": \"ja\"}", "{\"kind\": \"direct\", \"lang\": 3}",
    NULL, NULL, ATTEST_ERROR_INVALID, "spans[5].attrs.lang: expected a string, not 3" },
  { "review-other", "\"review\": \"changed\"", "\"review\": \"moved\"", NULL, NULL,
    ATTEST_ERROR_INVALID, "spans[2].review: \"moved\" is not one of \"changed\", \"deleted\"" },
  { "note-type", "\"note\": \"Flag: two code points.\"", "\"note\": {}", NULL, NULL,
    ATTEST_ERROR_INVALID, "spans[2].note: expected a string, not an object" },
  { "by-type", "\"by\": \"ben\", \"origin\": \"imported:brat\"", "\"by\": 0, \"origin\": \"imported:brat\"",
    NULL, NULL, ATTEST_ERROR_INVALID, "spans[2].by: expected a string, not 0" },

  /* relations, entities, suggestions. */
  { "relation-from", "\"from\": \"s1\", \"to\": \"s2\"", "\"from\": 1, \"to\": \"s2\"", NULL, NULL,
    ATTEST_ERROR_INVALID, "relations[0].from: expected a string, not 1" },
  { "relation-type-missing", "{\"id\": \"r3\", \"type\": \"said-by\", ", "{\"id\": \"r3\", ", NULL, NULL,
    ATTEST_ERROR_INVALID, "relations[2]: the required member \"type\" is missing" },
  { "relation-attrs", "{\"confidence\": \"high\"}", "{\"confidence\": 0.9}", NULL, NULL,
    ATTEST_ERROR_INVALID, "relations[2].attrs.confidence: expected a string, not 0.9" },
  { "aliases-type", "\"aliases\": [\"the city\u2019s engineer\", \"she\"]", "\"aliases\": \"she\"",
    NULL, NULL, ATTEST_ERROR_INVALID, "entities[0].aliases: expected an array, not a string" },
  { "alias-type", "\"aliases\": [\"the city\u2019s engineer\", \"she\"]",
    "\"aliases\": [\"the city\u2019s engineer\", 7]", NULL, NULL,
    ATTEST_ERROR_INVALID, "entities[0].aliases[1]: expected a string, not 7" },
  { "entity-name-missing", "{\"id\": \"e2\", \"name\": \"Jos\u00e9 Ramos\", ", "{\"id\": \"e2\", ",
    NULL, NULL, ATTEST_ERROR_INVALID, "entities[1]: the required member \"name\" is missing" },
  { "suggested-past", "\"start\": 31, \"end\": 37", "\"start\": 31, \"end\": 400", NULL, NULL,
    ATTEST_ERROR_INVALID, "suggestions.spans[0].end: 400 is past the end of the text (303)" },
  { "suggested-relation-to", "\"to\": \"p2\"", "\"to\": [\"p2\"]", NULL, NULL,
    ATTEST_ERROR_INVALID, "suggestions.relations[0].to: expected a string, not an array" },
  { "rejected-reversed", "\"start\": 246, \"end\": 290, \"rule\"", "\"start\": 300, \"end\": 290, \"rule\"",
    NULL, NULL, ATTEST_ERROR_INVALID, "suggestions.rejected[0].end: 290 is before start (300)" },
  { "rejected-past", "\"start\": 246, \"end\": 290, \"rule\"", "\"start\": 246, \"end\": 999, \"rule\"",
    NULL, NULL, ATTEST_ERROR_INVALID, "suggestions.rejected[0].end: 999 is past the end of the text (303)" },
  { "rejected-type", "\"rejected\": [\n", "\"rejected\": {},\n      \"x\": [\n", NULL, NULL,
    ATTEST_ERROR_INVALID, "suggestions.rejected: expected an array, not an object" },

  /* Ids used twice. */
  { "duplicate-span-id", "{\"id\": \"s4\",", "{\"id\": \"s1\",", NULL, NULL,
    ATTEST_ERROR_INVALID, "spans[3].id: \"s1\" is used twice (also spans[0])" },
  { "duplicate-relation-id", "{\"id\": \"r2\",", "{\"id\": \"r1\",", NULL, NULL,
    ATTEST_ERROR_INVALID, "relations[1].id: \"r1\" is used twice (also relations[0])" },
  { "duplicate-entity-id", "{\"id\": \"e2\",", "{\"id\": \"e1\",", NULL, NULL,
    ATTEST_ERROR_INVALID, "entities[1].id: \"e1\" is used twice (also entities[0])" },
  { "duplicate-suggested-id", "{\"id\": \"p2\",", "{\"id\": \"p1\",", NULL, NULL,
    ATTEST_ERROR_INVALID, "suggestions.spans[1].id: \"p1\" is used twice (also suggestions.spans[0])" },

  /* The same member twice in one object: said with its position. */
  { "duplicate-key-top", "  \"generator\": \"Attest 0.1.0\",\n",
    "  \"generator\": \"Attest 0.1.0\",\n  \"generator\": \"Attest 0.2.0\",\n", NULL, NULL,
    ATTEST_ERROR_PARSE, "\"generator\" appears twice" },
  { "duplicate-key-span", "\"id\": \"s4\", \"label\": \"fact\"", "\"id\": \"s4\", \"label\": \"fact\", \"label\": \"quote\"",
    NULL, NULL, ATTEST_ERROR_PARSE, "\"label\" appears twice" },
  { "duplicate-key-escaped", "\"id\": \"s4\", \"label\": \"fact\"", "\"id\": \"s4\", \"label\": \"fact\", \"l\\u0061bel\": \"quote\"",
    NULL, NULL, ATTEST_ERROR_PARSE, "\"label\" appears twice" },
  { "duplicate-key-attrs", "{\"kind\": \"direct\", \"lang\": \"ja\"}", "{\"kind\": \"direct\", \"kind\": \"ja\"}",
    NULL, NULL, ATTEST_ERROR_PARSE, "\"kind\" appears twice" },
  { "duplicate-key-meta", "\"desk\": \"Metro\"", "\"desk\": \"Metro\", \"desk\": 1", NULL, NULL,
    ATTEST_ERROR_PARSE, "\"desk\" appears twice" },
  { "duplicate-key-unknown", "{\"stage\": 2,", "{\"stage\": 2, \"stage\": 3,", NULL, NULL,
    ATTEST_ERROR_PARSE, "\"stage\" appears twice" },

  /* Strings. */
  { "nul-escape", "\"desk\": \"Metro\"", "\"desk\": \"Met\\u0000ro\"", NULL, NULL,
    ATTEST_ERROR_PARSE, "NUL" },
  { "nul-in-text", "she said.\\r\\n\",", "she said.\\r\\n\\u0000\",", NULL, NULL,
    ATTEST_ERROR_PARSE, "line 14" },
  { "lone-high-surrogate", "\"note\": \"Flag: two code points.\"", "\"note\": \"Flag: \\ud800.\"",
    NULL, NULL, ATTEST_ERROR_PARSE, "surrogate" },
  { "lone-low-surrogate", "\"note\": \"Flag: two code points.\"", "\"note\": \"Flag: \\udc00.\"",
    NULL, NULL, ATTEST_ERROR_PARSE, "surrogate" },
  { "high-then-bmp", "\"note\": \"Flag: two code points.\"", "\"note\": \"Flag: \\ud83d\\u0041.\"",
    NULL, NULL, ATTEST_ERROR_PARSE, "surrogate" },
  { "surrogate-at-end-of-text", "she said.\\r\\n\",", "she said.\\r\\n\\ud83d\",", NULL, NULL,
    ATTEST_ERROR_PARSE, "surrogate" },
  { "surrogate-in-key", "\"x-engine\"", "\"x-\\udfff\"", NULL, NULL,
    ATTEST_ERROR_PARSE, "surrogate" },
  { "bad-escape", "\"desk\": \"Metro\"", "\"desk\": \"Met\\qro\"", NULL, NULL,
    ATTEST_ERROR_PARSE, "line 11" },
  { "raw-newline", "\"desk\": \"Metro\"", "\"desk\": \"Met\nro\"", NULL, NULL,
    ATTEST_ERROR_PARSE, "line 11" },
  { "invalid-utf8", "\"desk\": \"Metro\"", "\"desk\": \"Metr\xff\"", NULL, NULL,
    ATTEST_ERROR_INVALID_UTF8, "line 11" },
  { "overlong-utf8", "\"desk\": \"Metro\"", "\"desk\": \"Metr\xc0\xaf\"", NULL, NULL,
    ATTEST_ERROR_INVALID_UTF8, "line 11" },
  { "utf8-surrogate", "\"desk\": \"Metro\"", "\"desk\": \"Metr\xed\xa0\x80\"", NULL, NULL,
    ATTEST_ERROR_INVALID_UTF8, "line 11" },
  { "truncated-utf8", "\"desk\": \"Metro\"", "\"desk\": \"Metr\xe2\x80\"", NULL, NULL,
    ATTEST_ERROR_INVALID_UTF8, "line 11" },
  { "utf8-in-text", "she said.", "she said\xf4\x90\x80\x80.", NULL, NULL,
    ATTEST_ERROR_INVALID_UTF8, "line 14" },

  /* JSON that is not quite JSON. */
  { "trailing-comma", "\"x-engine\": \"rules 1\"\n", "\"x-engine\": \"rules 1\",\n", NULL, NULL,
    ATTEST_ERROR_PARSE, "line 51" },
  { "single-quotes", "\"desk\": \"Metro\"", "\"desk\": 'Metro'", NULL, NULL,
    ATTEST_ERROR_PARSE, "line 11" },
  { "comment", "  \"text\"", "  // the text\n  \"text\"", NULL, NULL,
    ATTEST_ERROR_PARSE, "line 14" },
  { "bad-literal", "\"x-checked\": true", "\"x-checked\": tru", NULL, NULL,
    ATTEST_ERROR_PARSE, "line 32" },
  { "nan", "\"x-confidence\": 0.75", "\"x-confidence\": NaN", NULL, NULL,
    ATTEST_ERROR_PARSE, "line 19" },
  { "number-junk", "\"x-confidence\": 0.75", "\"x-confidence\": 0.75x", NULL, NULL,
    ATTEST_ERROR_PARSE, "line 19" },
  { "unknown-huge", "\"x-cms-id\": 90210", "\"x-cms-id\": 99999999999999999999", NULL, NULL,
    ATTEST_ERROR_TOO_LARGE, "99999999999999999999" },
  { "unknown-infinite", "\"x-cms-id\": 90210", "\"x-cms-id\": -1e400", NULL, NULL,
    ATTEST_ERROR_TOO_LARGE, "1e400" },
  { "missing-close", "  \"x-workflow\"", "  \"x-workflow\": [1, 2,\n  \"x-y\"", NULL, NULL,
    ATTEST_ERROR_PARSE, NULL },

  /* A newer version that cannot be read as version 1. */
  { "newer-unreadable", "\"version\": 1,\n", "\"version\": 3,\n", "\"status\": \"in-progress\"",
    "\"status\": \"archived\"", ATTEST_ERROR_NEWER_VERSION,
    "written by a newer Attest (format version 3); open it with a newer Attest" },
  { "newer-broken-json", "\"version\": 1,\n", "\"version\": 3,\n", "\"status\": \"in-progress\"",
    "\"status\": \"in-progress\" \"x\"", ATTEST_ERROR_PARSE, "line 9, column 29" },
  { "newer-not-ours", "\"version\": 1,\n", "\"version\": 3,\n", "\"format\": \"attest\"",
    "\"format\": \"other\"", ATTEST_ERROR_INVALID, "format: \"other\" is not \"attest\"" },
};

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *edited = edit (base, c->from, c->to);
  g_autofree char *edited2 = c->from2 != NULL ? edit (edited, c->from2, c->to2) : NULL;
  g_autoptr(GError) error = parse_error (edited2 != NULL ? edited2 : edited, -1);
  guint line;
  guint column;

  g_test_message ("%s", error->message);
  g_assert_error (error, ATTEST_ERROR, (int) c->code);
  assert_contains (error->message, c->needle);

  /* Broken JSON says where; a broken member says which. */
  if (c->code == ATTEST_ERROR_PARSE || c->code == ATTEST_ERROR_INVALID_UTF8 ||
      c->code == ATTEST_ERROR_TOO_LARGE)
    g_assert_true (get_position (error->message, &line, &column));
  else
    g_assert_true (g_str_has_prefix (error->message, NAME ": "));
}

/* The version is read wherever it is: a newer file fails as newer even
 * when the member that fails comes first. */
static void
test_newer_version_late (void)
{
  g_autofree char *without = edit (base, "  \"version\": 1,\n", "");
  g_autofree char *late = edit (without, "  \"x-workflow\"", "  \"version\": 3,\n  \"x-workflow\"");
  g_autofree char *broken = edit (late, "\"status\": \"in-progress\"", "\"status\": \"archived\"");
  g_autoptr(GError) error = parse_error (broken, -1);

  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_NEWER_VERSION);
  assert_contains (error->message, "format version 3");
}

/* A newer file that reads as version 1 opens read-only, nothing lost. */
static void
test_newer_version_read_only (void)
{
  g_autofree char *newer = edit (base, "\"version\": 1,\n", "\"version\": 2,\n");
  g_autofree char *extended = edit (newer, "\"x-engine\": \"rules 1\"",
                                    "\"x-engine\": \"rules 1\",\n    \"clusters\": [{\"id\": \"c1\"}]");
  g_autoptr(AttestDocument) document = parse_ok (extended, strlen (extended));

  g_assert_true (attest_document_get_read_only (document));
  g_assert_cmpint (attest_document_get_version (document), ==, 2);
  g_assert_cmpuint (attest_span_store_get_n_spans (attest_document_get_spans (document)), ==, 12);
  g_assert_cmpstr (attest_document_get_extra (document, ATTEST_EXTRA_SUGGESTIONS), ==,
                   "\"x-engine\": \"rules 1\", \"clusters\": [{\"id\": \"c1\"}]");
}

/* Depth ---------------------------------------------------------------------- */

static char *
nested (guint depth)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (out, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (out, ']');

  return g_string_free (out, FALSE);
}

static void
test_deep (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *deep = nested (100000);
  g_autofree char *limit = nested (ATTEST_SIDECAR_MAX_DEPTH - 1);
  g_autofree char *over = nested (ATTEST_SIDECAR_MAX_DEPTH);
  g_autofree char *data = NULL;
  g_autofree char *member = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(AttestDocument) document = NULL;
  guint line;
  guint column;

  /* A bare 100,000-deep array. */
  error = parse_error (deep, -1);
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_TOO_LARGE);
  assert_position (error, 1, ATTEST_SIDECAR_MAX_DEPTH + 1);
  g_clear_error (&error);

  /* The same, as an unknown member. */
  member = g_strdup_printf ("  \"x-deep\": %s,\n  \"x-workflow\"", deep);
  data = edit (base, "  \"x-workflow\"", member);
  error = parse_error (data, -1);
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_TOO_LARGE);
  position_of (data, strstr (data, "\"x-deep\"") - data + 10 + ATTEST_SIDECAR_MAX_DEPTH - 1,
               &line, &column);
  assert_position (error, line, column);
  g_clear_error (&error);
  g_clear_pointer (&data, g_free);
  g_clear_pointer (&member, g_free);

  /* The top-level object and 63 arrays: at the limit, and kept. */
  member = g_strdup_printf ("  \"x-deep\": %s,\n  \"x-workflow\"", limit);
  data = edit (base, "  \"x-workflow\"", member);
  document = parse_ok (data, strlen (data));
  expected = g_strdup_printf ("\"x-deep\": %s, ", limit);
  g_assert_true (g_str_has_prefix (attest_document_get_extra (document, ATTEST_EXTRA_TOP), expected));
  g_clear_pointer (&data, g_free);
  g_clear_pointer (&member, g_free);

  /* One more is over. */
  member = g_strdup_printf ("  \"x-deep\": %s,\n  \"x-workflow\"", over);
  data = edit (base, "  \"x-workflow\"", member);
  error = parse_error (data, -1);
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_TOO_LARGE);
}

/* Other shapes ------------------------------------------------------------ */

static void
test_not_an_object (void)
{
  static const char * const inputs[] = { "[1, 2]", "\"attest\"", "42", "null", "true" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = parse_error (inputs[i], -1);

      g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_INVALID);
      assert_contains (error->message, "the top level must be an object");
    }
}

static void
test_raw_nul (void)
{
  g_autofree char *data = g_strdup (base);
  g_autoptr(GError) error = NULL;
  char *at = strstr (data, "Metro");

  at[2] = '\0';
  error = parse_error (data, strlen (base));
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_PARSE);
  assert_position (error, 11, (guint) (at + 2 - strstr (data, "    \"meta\"")) + 1);
}

static void
test_too_large (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestDocument) document = NULL;
  /* Never touched: the size is refused before the bytes are read, so the
   * pages of this allocation are never even mapped in. */
  g_autofree char *data = g_malloc (ATTEST_SIDECAR_MAX_BYTES + 1);

  document = attest_sidecar_parse (data, ATTEST_SIDECAR_MAX_BYTES + 1, NAME, &error);
  g_assert_null (document);
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, NAME ": "));
}

/* Through a file ------------------------------------------------------------ */

static char *
read_all (const char *path,
          gsize      *len)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);

  return contents;
}

/* Loading a broken sidecar reports it and leaves the file as it was; a
 * newer one opens read-only and saving it is refused, file untouched. */
static void
test_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *newer = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(AttestDocument) document = NULL;
  gsize cut = strlen (base) / 2;
  g_autofree char *after = NULL;
  gsize after_len;

  dir = g_dir_make_tmp ("attest-malformed-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, NAME, NULL);
  file = g_file_new_for_path (path);

  g_file_set_contents (path, base, cut, &error);
  g_assert_no_error (error);
  document = attest_sidecar_load (file, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, NAME " line "));
  g_clear_error (&error);
  after = read_all (path, &after_len);
  g_assert_cmpmem (after, after_len, base, cut);
  g_clear_pointer (&after, g_free);

  newer = edit (base, "\"version\": 1,\n", "\"version\": 2,\n");
  g_file_set_contents (path, newer, -1, &error);
  g_assert_no_error (error);
  document = attest_sidecar_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (attest_document_get_read_only (document));
  g_assert_false (attest_sidecar_save (document, file, NULL, &error));
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_READ_ONLY);
  g_clear_error (&error);
  after = read_all (path, &after_len);
  g_assert_cmpmem (after, after_len, newer, strlen (newer));

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A long member name cut for the message must be cut between
 * characters: found by the fuzzer with an emoji at the cut. */
static void
test_message_utf8 (void)
{
  const char *data = "{\"format\": \"attest\", "
                     "\"vers\xe2\x80\x9cYes, by May.\xe2\x80\x9d \xf0\x9f\x87\xba\xf0\x9f\x87\xa6\": 1, "
                     "\"vers\xe2\x80\x9cYes, by May.\xe2\x80\x9d \xf0\x9f\x87\xba\xf0\x9f\x87\xa6\": 2}";
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestDocument) document = attest_sidecar_parse (data, strlen (data), "x.attest.json", &error);

  g_assert_null (document);
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "appears twice"));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/attest/core/sidecar-malformed/valid", test_valid);
  g_test_add_func ("/attest/core/sidecar-malformed/unknown-canonical", test_unknown_canonical);
  g_test_add_func ("/attest/core/sidecar-malformed/lenient", test_lenient);
  g_test_add_func ("/attest/core/sidecar-malformed/dangling", test_dangling);
  g_test_add_func ("/attest/core/sidecar-malformed/truncated", test_truncated);
  g_test_add_func ("/attest/core/sidecar-malformed/positions", test_positions);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/attest/core/sidecar-malformed/case/%s",
                                               cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/attest/core/sidecar-malformed/newer-version-late", test_newer_version_late);
  g_test_add_func ("/attest/core/sidecar-malformed/newer-version-read-only",
                   test_newer_version_read_only);
  g_test_add_func ("/attest/core/sidecar-malformed/deep", test_deep);
  g_test_add_func ("/attest/core/sidecar-malformed/not-an-object", test_not_an_object);
  g_test_add_func ("/attest/core/sidecar-malformed/raw-nul", test_raw_nul);
  g_test_add_func ("/attest/core/sidecar-malformed/too-large", test_too_large);
  g_test_add_func ("/attest/core/sidecar-malformed/files", test_files);
  g_test_add_func ("/attest/core/sidecar-malformed/message-utf8", test_message_utf8);

  return g_test_run ();
}
