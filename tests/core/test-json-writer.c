/* test-json-writer.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "attest-json-writer.h"

static char *
quote (const char *str,
       gssize      len)
{
  GString *out = g_string_new (NULL);

  attest_json_append_string (out, str, len);

  return g_string_free (out, FALSE);
}

static void
assert_quoted (const char *input,
               const char *expected)
{
  g_autofree char *got = quote (input, -1);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_plain (void)
{
  assert_quoted ("", "\"\"");
  assert_quoted ("Mayor Jane Doe", "\"Mayor Jane Doe\"");
  assert_quoted ("/path/to/story.txt", "\"/path/to/story.txt\"");
  /* DEL is not a control character in JSON. */
  assert_quoted ("a\x7f" "b", "\"a\x7f" "b\"");
}

static void
test_quotes_and_backslash (void)
{
  assert_quoted ("\"We will not back down,\" she said.",
                 "\"\\\"We will not back down,\\\" she said.\"");
  assert_quoted ("C:\\news\\story.txt", "\"C:\\\\news\\\\story.txt\"");
  assert_quoted ("\\\"", "\"\\\\\\\"\"");
  assert_quoted ("\"", "\"\\\"\"");
}

static void
test_controls (void)
{
  assert_quoted ("line one\nline two\r\nend\t.", "\"line one\\nline two\\r\\nend\\t.\"");
  assert_quoted ("\b\f", "\"\\b\\f\"");
  assert_quoted ("\x01\x02\x1b\x1f", "\"\\u0001\\u0002\\u001b\\u001f\"");
  assert_quoted ("bell\x07", "\"bell\\u0007\"");
}

static void
test_embedded_nul (void)
{
  g_autofree char *got = quote ("a\0b", 3);

  g_assert_cmpstr (got, ==, "\"a\\u0000b\"");
}

static void
test_explicit_length (void)
{
  g_autofree char *got = quote ("Kyiv residents", 4);
  g_autofree char *empty = quote ("ignored", 0);
  g_autofree char *null_empty = quote (NULL, 0);

  g_assert_cmpstr (got, ==, "\"Kyiv\"");
  g_assert_cmpstr (empty, ==, "\"\"");
  g_assert_cmpstr (null_empty, ==, "\"\"");
}

static void
test_line_separators (void)
{
  /* U+2028 and U+2029 are escaped; other characters that share their
   * lead byte 0xE2 (curly quotes, the euro sign, an arrow) are not. */
  assert_quoted ("a\u2028b\u2029c", "\"a\\u2028b\\u2029c\"");
  assert_quoted ("\u201cQuote\u201d \u20ac5 \u2192 \u2027",
                 "\"\u201cQuote\u201d \u20ac5 \u2192 \u2027\"");
  assert_quoted ("\u2028", "\"\\u2028\"");
  assert_quoted ("end\u2029", "\"end\\u2029\"");
}

static void
test_unicode_literal (void)
{
  const char *cases[] = {
    "Grandmother \U0001F475 and family \U0001F469\u200D\U0001F469\u200D\U0001F467",
    "Flags \U0001F1FA\U0001F1E6 \U0001F1EF\U0001F1F5",
    "Cafe\u0301 re\u0301sume\u0301",
    "\u5e02\u9577\u306f\u300c\u64a4\u56de\u3057\u306a\u3044\u300d\u3068\u8ff0\u3079\u305f\u3002",
    "\u0642\u0627\u0644 \u0627\u0644\u0648\u0632\u064a\u0631 \u05d0\u05de\u05e8 \u05d4\u05e9\u05e8",
    "\ufeffBOM inside",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *expected = g_strdup_printf ("\"%s\"", cases[i]);

      assert_quoted (cases[i], expected);
    }
}

/* What the writer must do, written as simply as possible. */
static void
reference_quote (GString    *out,
                 const char *str)
{
  g_string_append_c (out, '"');
  for (const char *p = str; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '"')
        g_string_append (out, "\\\"");
      else if (c == '\\')
        g_string_append (out, "\\\\");
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\b')
        g_string_append (out, "\\b");
      else if (c == '\f')
        g_string_append (out, "\\f");
      else if (c < 0x20 || c == 0x2028 || c == 0x2029)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  g_string_append_c (out, '"');
}

static void
test_random_against_reference (void)
{
  static const gunichar alphabet[] = {
    'a', 'Z', ' ', '"', '\\', '\n', '\r', '\t', 0x01, 0x1f, 0x7f,
    0xe9, 0x301, 0x2028, 0x2029, 0x201c, 0x201d, 0x20ac, 0x2192,
    0x5e02, 0x0642, 0x05d0, 0x1f469, 0x200d, 0x1f1fa, 0xfeff, 0x10ffff,
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260127);

  for (guint round = 0; round < 2000; round++)
    {
      g_autoptr(GString) input = g_string_new (NULL);
      g_autoptr(GString) expected = g_string_new (NULL);
      g_autoptr(GString) got = g_string_new ("prefix ");
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      guint n = g_rand_int_range (rand, 0, 80);

      for (guint i = 0; i < n; i++)
        g_string_append_unichar (input,
                                 alphabet[g_rand_int_range (rand, 0, G_N_ELEMENTS (alphabet))]);

      reference_quote (expected, input->str);
      attest_json_append_string (got, input->str, input->len);

      g_assert_true (g_str_has_prefix (got->str, "prefix "));
      g_assert_cmpstr (got->str + 7, ==, expected->str);

      /* And a JSON parser reads back exactly the input. */
      json_parser_load_from_data (parser, got->str + 7, -1, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (json_node_get_string (json_parser_get_root (parser)), ==, input->str);
    }
}

static void
test_long_string (void)
{
  g_autoptr(GString) input = g_string_new (NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GString) got = g_string_new (NULL);

  /* Long safe runs between escapes, as in an article. */
  for (guint i = 0; i < 20000; i++)
    g_string_append (input, "\u201cWe will not back down,\u201d the mayor said. \"Ok\"\r\n");

  reference_quote (expected, input->str);
  attest_json_append_string (got, input->str, input->len);
  g_assert_cmpuint (got->len, ==, expected->len);
  g_assert_true (memcmp (got->str, expected->str, got->len) == 0);
}

static void
test_members (void)
{
  g_autoptr(GString) out = g_string_new ("{");
  gboolean first = TRUE;
  const char *attrs[] = { "kind", "direct", "tone", "angry \"loud\"", NULL };
  const char *empty_attrs[] = { NULL };
  const char *aliases[] = { "Mayor Jane Doe", "J. Doe", NULL };

  attest_json_member_string (out, &first, "id", "s1");
  g_assert_false (first);
  attest_json_member_uint (out, &first, "start", 0);
  attest_json_member_uint (out, &first, "end", G_MAXUINT64);
  attest_json_member_int (out, &first, "neg", -42);
  attest_json_member_int (out, &first, "min", G_MININT64);
  attest_json_member_int (out, &first, "max", G_MAXINT64);
  attest_json_member_string (out, &first, "note", NULL);
  attest_json_member_attrs (out, &first, "attrs", (char * const *) attrs);
  attest_json_member_attrs (out, &first, "none", (char * const *) empty_attrs);
  attest_json_member_attrs (out, &first, "null", NULL);
  attest_json_member_strv (out, &first, "aliases", (char * const *) aliases);
  attest_json_member_strv (out, &first, "empty", NULL);
  attest_json_member_raw (out, &first, NULL);
  attest_json_member_raw (out, &first, "");
  attest_json_member_raw (out, &first, "\"x-review\": {\"ok\": true}, \"x-n\": 1e5");
  attest_json_member_string (out, &first, "key \"quoted\"", "\u2028");
  g_string_append_c (out, '}');

  g_assert_cmpstr (out->str, ==,
                   "{\"id\": \"s1\", \"start\": 0, \"end\": 18446744073709551615, "
                   "\"neg\": -42, \"min\": -9223372036854775808, "
                   "\"max\": 9223372036854775807, \"note\": null, "
                   "\"attrs\": {\"kind\": \"direct\", \"tone\": \"angry \\\"loud\\\"\"}, "
                   "\"none\": {}, \"null\": {}, "
                   "\"aliases\": [\"Mayor Jane Doe\", \"J. Doe\"], \"empty\": [], "
                   "\"x-review\": {\"ok\": true}, \"x-n\": 1e5, "
                   "\"key \\\"quoted\\\"\": \"\\u2028\"}");
}

static void
test_raw_first (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean first = TRUE;

  attest_json_member_raw (out, &first, "");
  g_assert_true (first);
  attest_json_member_raw (out, &first, "\"a\": 1");
  g_assert_false (first);
  attest_json_member_uint (out, &first, "b", 2);
  g_assert_cmpstr (out->str, ==, "\"a\": 1, \"b\": 2");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/attest/core/json-writer/plain", test_plain);
  g_test_add_func ("/attest/core/json-writer/quotes-backslash", test_quotes_and_backslash);
  g_test_add_func ("/attest/core/json-writer/controls", test_controls);
  g_test_add_func ("/attest/core/json-writer/embedded-nul", test_embedded_nul);
  g_test_add_func ("/attest/core/json-writer/explicit-length", test_explicit_length);
  g_test_add_func ("/attest/core/json-writer/line-separators", test_line_separators);
  g_test_add_func ("/attest/core/json-writer/unicode-literal", test_unicode_literal);
  g_test_add_func ("/attest/core/json-writer/random", test_random_against_reference);
  g_test_add_func ("/attest/core/json-writer/long", test_long_string);
  g_test_add_func ("/attest/core/json-writer/members", test_members);
  g_test_add_func ("/attest/core/json-writer/raw-first", test_raw_first);

  return g_test_run ();
}
