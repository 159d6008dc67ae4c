/* test-text.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-core.h"

/* Reference conversions, by walking the text one character at a time
 * with GLib's own UTF-8 functions: slow and obviously right. */
typedef struct
{
  guint  length;
  guint  n_utf16;
  gsize *cp_byte;    /* length + 1 entries */
  guint *cp_utf16;   /* length + 1 entries */
} Naive;

static void
naive_init (Naive      *naive,
            const char *utf8,
            gsize       n_bytes)
{
  const char *p = utf8;
  const char *end = utf8 + n_bytes;
  guint cp = 0;
  guint utf16 = 0;

  naive->length = g_utf8_strlen (utf8, n_bytes);
  naive->cp_byte = g_new (gsize, naive->length + 1);
  naive->cp_utf16 = g_new (guint, naive->length + 1);

  while (p < end)
    {
      naive->cp_byte[cp] = p - utf8;
      naive->cp_utf16[cp] = utf16;
      utf16 += g_utf8_get_char (p) >= 0x10000 ? 2 : 1;
      p = g_utf8_next_char (p);
      cp++;
    }

  g_assert_cmpuint (cp, ==, naive->length);
  naive->cp_byte[cp] = n_bytes;
  naive->cp_utf16[cp] = utf16;
  naive->n_utf16 = utf16;
}

static void
naive_clear (Naive *naive)
{
  g_clear_pointer (&naive->cp_byte, g_free);
  g_clear_pointer (&naive->cp_utf16, g_free);
}

/* Checks every offset of @text (code point, byte boundary, UTF-16 unit)
 * against the naive walk, and the round trips. */
static void
assert_conversions (AttestText *text)
{
  const char *data = attest_text_get_data (text);
  gsize n_bytes = attest_text_get_n_bytes (text);
  Naive naive;
  guint cp;

  naive_init (&naive, data, n_bytes);

  g_assert_cmpuint (attest_text_get_length (text), ==, naive.length);
  g_assert_cmpuint (attest_text_get_n_utf16 (text), ==, naive.n_utf16);
  g_assert_cmpint (attest_text_is_ascii (text), ==, naive.length == n_bytes);
  g_assert_cmpuint (attest_utf8_length (data, n_bytes), ==, naive.length);

  for (cp = 0; cp <= naive.length; cp++)
    {
      gsize byte = attest_text_cp_to_byte (text, cp);
      guint utf16 = attest_text_cp_to_utf16 (text, cp);

      if (byte != naive.cp_byte[cp])
        g_error ("cp_to_byte (%u) = %" G_GSIZE_FORMAT ", expected %" G_GSIZE_FORMAT,
                 cp, byte, naive.cp_byte[cp]);
      if (utf16 != naive.cp_utf16[cp])
        g_error ("cp_to_utf16 (%u) = %u, expected %u", cp, utf16, naive.cp_utf16[cp]);

      /* Round trips. */
      g_assert_cmpuint (attest_text_byte_to_cp (text, byte), ==, cp);
      g_assert_cmpuint (attest_text_utf16_to_cp (text, utf16), ==, cp);
      g_assert_true (attest_text_get_pointer (text, cp) == data + byte);

      if (cp < naive.length)
        {
          gsize next = naive.cp_byte[cp + 1];

          /* Inside a character: the character that holds the offset. */
          for (gsize b = byte + 1; b < next; b++)
            g_assert_cmpuint (attest_text_byte_to_cp (text, b), ==, cp);
          if (naive.cp_utf16[cp + 1] - utf16 == 2)
            g_assert_cmpuint (attest_text_utf16_to_cp (text, utf16 + 1), ==, cp);
        }
    }

  naive_clear (&naive);
}

static AttestText *
text_new_or_die (const char *utf8,
                 gssize      len)
{
  g_autoptr(GError) error = NULL;
  AttestText *text = attest_text_new (utf8, len, &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);

  return text;
}

static void
test_ascii (void)
{
  g_autoptr(AttestText) text = text_new_or_die ("Council backs the budget.", -1);
  g_autoptr(AttestText) empty = text_new_or_die ("", 0);

  g_assert_true (attest_text_is_ascii (text));
  g_assert_cmpuint (attest_text_get_length (text), ==, 25);
  g_assert_cmpuint (attest_text_get_n_bytes (text), ==, 25);
  g_assert_cmpuint (attest_text_get_n_utf16 (text), ==, 25);
  g_assert_cmpuint (attest_text_cp_to_byte (text, 8), ==, 8);
  g_assert_cmpuint (attest_text_utf16_to_cp (text, 8), ==, 8);
  g_assert_cmpstr (attest_text_get_pointer (text, 18), ==, "budget.");
  assert_conversions (text);

  g_assert_true (attest_text_is_ascii (empty));
  g_assert_cmpuint (attest_text_get_length (empty), ==, 0);
  g_assert_cmpstr (attest_text_get_data (empty), ==, "");
  g_assert_cmpuint (attest_text_cp_to_byte (empty, 3), ==, 0);
  g_assert_cmpuint (attest_text_utf16_to_cp (empty, 3), ==, 0);
  assert_conversions (empty);
}

static void
test_astral (void)
{
  /* U+1F600 is 4 bytes and a surrogate pair. */
  g_autoptr(AttestText) text = text_new_or_die ("a\xF0\x9F\x98\x80" "b", -1);

  g_assert_false (attest_text_is_ascii (text));
  g_assert_cmpuint (attest_text_get_length (text), ==, 3);
  g_assert_cmpuint (attest_text_get_n_bytes (text), ==, 6);
  g_assert_cmpuint (attest_text_get_n_utf16 (text), ==, 4);
  g_assert_cmpuint (attest_text_cp_to_byte (text, 1), ==, 1);
  g_assert_cmpuint (attest_text_cp_to_byte (text, 2), ==, 5);
  g_assert_cmpuint (attest_text_cp_to_utf16 (text, 2), ==, 3);
  g_assert_cmpuint (attest_text_cp_to_utf16 (text, 3), ==, 4);
  g_assert_cmpuint (attest_text_utf16_to_cp (text, 3), ==, 2);
  g_assert_cmpuint (attest_text_byte_to_cp (text, 5), ==, 2);
  assert_conversions (text);
}

static void
test_zwj (void)
{
  /* 👩‍👩‍👧: woman, ZWJ, woman, ZWJ, girl. One glyph, five code points. */
  const char *family = "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7";
  g_autofree char *s = g_strconcat ("The ", family, " family", NULL);
  g_autoptr(AttestText) text = text_new_or_die (s, -1);
  g_autofree char *slice = NULL;

  g_assert_cmpuint (attest_text_get_length (text), ==, 4 + 5 + 7);
  g_assert_cmpuint (attest_text_get_n_utf16 (text), ==, 4 + 8 + 7);
  g_assert_cmpuint (attest_text_get_n_bytes (text), ==, 4 + 18 + 7);
  g_assert_cmpuint (attest_text_cp_to_utf16 (text, 9), ==, 12);
  g_assert_cmpuint (attest_text_cp_to_byte (text, 9), ==, 22);
  g_assert_cmpuint (attest_text_utf16_to_cp (text, 12), ==, 9);

  slice = attest_text_slice (text, 4, 9);
  g_assert_cmpstr (slice, ==, family);
  g_assert_true (attest_text_slice_equal (text, 4, 9, family, -1));
  assert_conversions (text);
}

static void
test_flags (void)
{
  /* 🇺🇦 and 🇪🇺: two regional indicators each. */
  g_autoptr(AttestText) text =
    text_new_or_die ("\xF0\x9F\x87\xBA\xF0\x9F\x87\xA6 and \xF0\x9F\x87\xAA\xF0\x9F\x87\xBA", -1);

  g_assert_cmpuint (attest_text_get_length (text), ==, 9);
  g_assert_cmpuint (attest_text_get_n_utf16 (text), ==, 13);
  g_assert_cmpuint (attest_text_cp_to_utf16 (text, 2), ==, 4);
  g_assert_cmpuint (attest_text_cp_to_utf16 (text, 7), ==, 9);
  g_assert_cmpuint (attest_text_cp_to_byte (text, 7), ==, 13);
  g_assert_cmpuint (attest_text_utf16_to_cp (text, 9), ==, 7);
  g_assert_cmpuint (attest_text_utf16_to_cp (text, 10), ==, 7);
  g_assert_cmpuint (attest_text_utf16_to_cp (text, 11), ==, 8);
  assert_conversions (text);
}

static void
test_combining (void)
{
  /* "Résumé" with e + U+0301 COMBINING ACUTE ACCENT: not normalised. */
  g_autoptr(AttestText) text = text_new_or_die ("Re\xCC\x81sume\xCC\x81", -1);
  g_autofree char *slice = NULL;

  g_assert_cmpuint (attest_text_get_length (text), ==, 8);
  g_assert_cmpuint (attest_text_get_n_bytes (text), ==, 10);
  g_assert_cmpuint (attest_text_get_n_utf16 (text), ==, 8);
  g_assert_cmpuint (attest_text_cp_to_byte (text, 3), ==, 4);
  g_assert_cmpuint (attest_text_cp_to_byte (text, 7), ==, 8);
  g_assert_cmpuint (attest_text_cp_to_utf16 (text, 7), ==, 7);

  slice = attest_text_slice (text, 1, 3);
  g_assert_cmpstr (slice, ==, "e\xCC\x81");
  /* The precomposed é is a different string. */
  g_assert_false (attest_text_slice_equal (text, 1, 3, "\xC3\xA9", -1));
  assert_conversions (text);
}

static void
test_cjk (void)
{
  g_autoptr(AttestText) text =
    text_new_or_die ("\xE5\xB8\x82\xE9\x95\xB7\xE3\x81\xAF\xE3\x80\x8C\xE6\x94\xAF\xE6\x8F\xB4"
                     "\xE3\x80\x8D\xE3\x81\xA8\xE8\xBF\xB0\xE3\x81\xB9\xE3\x81\x9F", -1);
  g_autofree char *quote = NULL;

  /* 市長は「支援」と述べた: ten characters of three bytes. */
  g_assert_cmpuint (attest_text_get_length (text), ==, 11);
  g_assert_cmpuint (attest_text_get_n_bytes (text), ==, 33);
  g_assert_cmpuint (attest_text_get_n_utf16 (text), ==, 11);
  g_assert_cmpuint (attest_text_cp_to_byte (text, 4), ==, 12);
  g_assert_cmpuint (attest_text_byte_to_cp (text, 12), ==, 4);
  g_assert_cmpuint (attest_text_utf16_to_cp (text, 6), ==, 6);

  quote = attest_text_slice (text, 4, 6);
  g_assert_cmpstr (quote, ==, "\xE6\x94\xAF\xE6\x8F\xB4");
  assert_conversions (text);
}

static void
test_rtl (void)
{
  /* Arabic «سنواصل» and Hebrew "נמשיך", two bytes a letter, stored in
   * logical order. */
  g_autoptr(AttestText) text =
    text_new_or_die ("\xC2\xAB\xD8\xB3\xD9\x86\xD9\x88\xD8\xA7\xD8\xB5\xD9\x84\xC2\xBB "
                     "\"\xD7\xA0\xD7\x9E\xD7\xA9\xD7\x99\xD7\x9A\"", -1);
  g_autofree char *arabic = NULL;
  g_autofree char *hebrew = NULL;

  g_assert_cmpuint (attest_text_get_length (text), ==, 16);
  g_assert_cmpuint (attest_text_get_n_bytes (text), ==, 29);
  g_assert_cmpuint (attest_text_get_n_utf16 (text), ==, 16);

  arabic = attest_text_slice (text, 1, 7);
  g_assert_cmpstr (arabic, ==, "\xD8\xB3\xD9\x86\xD9\x88\xD8\xA7\xD8\xB5\xD9\x84");
  hebrew = attest_text_slice (text, 10, 15);
  g_assert_cmpstr (hebrew, ==, "\xD7\xA0\xD7\x9E\xD7\xA9\xD7\x99\xD7\x9A");
  g_assert_cmpuint (attest_text_cp_to_byte (text, 10), ==, 18);
  assert_conversions (text);
}

static void
test_crlf (void)
{
  const char crlf[] = "First line\r\nSecond\rThird\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (crlf, sizeof crlf - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestText) text = attest_text_load_bytes (bytes, NULL, &error);
  g_autofree char *slice = NULL;

  g_assert_no_error (error);
  /* Line endings are not normalised: offsets count the CR. */
  g_assert_cmpstr (attest_text_get_data (text), ==, crlf);
  g_assert_cmpuint (attest_text_get_length (text), ==, 25);
  slice = attest_text_slice (text, 10, 13);
  g_assert_cmpstr (slice, ==, "\r\nS");
  assert_conversions (text);
}

static char *
dup_test_data (const char *name,
               gsize      *len)
{
  const char *dir = g_getenv ("ATTEST_TEST_DATA");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_nonnull (dir);
  path = g_build_filename (dir, "text", name, NULL);
  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);

  return contents;
}

static GFile *
test_data_file (const char *name)
{
  const char *dir = g_getenv ("ATTEST_TEST_DATA");

  g_assert_nonnull (dir);

  return g_file_new_build_filename (dir, "text", name, NULL);
}

static AttestText *
load_test_data (const char *name,
                const char *encoding)
{
  g_autoptr(GFile) file = test_data_file (name);
  g_autoptr(GError) error = NULL;
  AttestText *text;

  text = attest_text_load_file (file, encoding, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (text);

  return text;
}

static void
assert_range (AttestText *text,
              const char *expected,
              guint       start,
              guint       end,
              guint       utf16_start,
              guint       utf16_end,
              gsize       byte_start,
              gsize       byte_end)
{
  g_autofree char *slice = attest_text_slice (text, start, end);

  g_assert_cmpstr (slice, ==, expected);
  g_assert_true (attest_text_slice_equal (text, start, end, expected, -1));
  g_assert_cmpuint (attest_text_cp_to_utf16 (text, start), ==, utf16_start);
  g_assert_cmpuint (attest_text_cp_to_utf16 (text, end), ==, utf16_end);
  g_assert_cmpuint (attest_text_utf16_to_cp (text, utf16_start), ==, start);
  g_assert_cmpuint (attest_text_utf16_to_cp (text, utf16_end), ==, end);
  g_assert_cmpuint (attest_text_cp_to_byte (text, start), ==, byte_start);
  g_assert_cmpuint (attest_text_cp_to_byte (text, end), ==, byte_end);
  g_assert_cmpuint (attest_text_byte_to_cp (text, byte_start), ==, start);
  g_assert_cmpuint (attest_text_byte_to_cp (text, byte_end), ==, end);
}

static void
test_mixed (void)
{
  g_autoptr(AttestText) text = load_test_data ("mixed.txt", NULL);

  /* Expected values computed independently with Python's str. */
  g_assert_cmpuint (attest_text_get_n_bytes (text), ==, 961);
  g_assert_cmpuint (attest_text_get_length (text), ==, 773);
  g_assert_cmpuint (attest_text_get_n_utf16 (text), ==, 787);
  g_assert_cmpstr (attest_text_get_sha256 (text), ==,
                   "bd9dc7b0e82bed515c1b22e98b420feb4f7c323d98acec86ae08d46d925f542a");

  assert_range (text, "We will rebuild every school,", 11, 40, 13, 42, 21, 50);
  assert_range (text, "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7",
                98, 103, 100, 108, 110, 128);
  assert_range (text,
                "the roofs come first, \xE2\x80\x98" "before the windows\xE2\x80\x99, "
                "because of the snow.",
                302, 366, 308, 372, 339, 407);
  assert_range (text, "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD", 529, 531, 535, 539, 580, 588);
  assert_range (text, "\xE6\x94\xAF\xE6\x8F\xB4\xE3\x82\x92\xE7\xB6\x9A\xE3\x81\x91\xE3\x82\x8B",
                552, 558, 560, 566, 627, 645);
  assert_range (text,
                "\xD8\xB3\xD9\x86\xD9\x88\xD8\xA7\xD8\xB5\xD9\x84 "
                "\xD8\xA7\xD9\x84\xD8\xAF\xD8\xB9\xD9\x85",
                605, 617, 613, 625, 736, 759);
  assert_range (text,
                "\xD7\xA0\xD7\x9E\xD7\xA9\xD7\x99\xD7\x9A "
                "\xD7\x9C\xD7\xAA\xD7\x9E\xD7\x95\xD7\x9A",
                642, 653, 650, 661, 801, 822);
  assert_range (text, "Cre\xCC\x81pieux-la-Pape", 699, 716, 707, 724, 868, 886);
  assert_range (text,
                "\xF0\x9D\x94\xB8\xF0\x9D\x95\xA5\xF0\x9D\x95\xA5\xF0\x9D\x95\x96"
                "\xF0\x9D\x95\xA4\xF0\x9D\x95\xA5",
                765, 771, 773, 785, 935, 959);

  assert_conversions (text);
}

#define N_MODES 5

static gunichar
random_code_point (int mode)
{
  gunichar c;

  switch (mode)
    {
    case 0:
      /* Anything, weighted towards the planes that carry text. */
      switch (g_test_rand_int_range (0, 5))
        {
        case 0:
          return g_test_rand_int_range (1, 0x80);
        case 1:
          return g_test_rand_int_range (0x80, 0x800);
        case 2:
          c = g_test_rand_int_range (0x800, 0x10000 - 0x800);
          return c >= 0xD800 ? c + 0x800 : c;
        case 3:
          return g_test_rand_int_range (0x10000, 0x20000);
        default:
          return g_test_rand_int_range (0x10000, 0x110000);
        }

    case 1:
      /* Mostly ASCII, as articles are, with the odd curly quote or emoji. */
      if (g_test_rand_int_range (0, 40) != 0)
        return g_test_rand_int_range (0x20, 0x7F);
      return g_test_rand_bit () ? 0x201C : 0x1F44D;

    case 2:
      /* BMP only: UTF-16 offsets equal code points. */
      c = g_test_rand_int_range (1, 0x10000 - 0x800);
      return c >= 0xD800 ? c + 0x800 : c;

    case 3:
      /* Astral only: the densest text, 4 bytes each. */
      return g_test_rand_int_range (0x10000, 0x110000);

    default:
      return g_test_rand_int_range (1, 0x80);
    }
}

static char *
random_text (guint  length,
             int    mode,
             gsize *n_bytes)
{
  GString *s = g_string_sized_new (length * 4 + 1);

  for (guint i = 0; i < length; i++)
    g_string_append_unichar (s, random_code_point (mode));

  *n_bytes = s->len;

  return g_string_free (s, FALSE);
}

static void
test_random (void)
{
  /* Lengths around the index's block (128) and superblock (16384)
   * boundaries in every mode (astral-only text fills a superblock with
   * the most bytes), then random ones up to 100 K. */
  static const guint edge_lengths[] = { 0, 1, 7, 8, 9, 127, 128, 129, 16383, 16384, 16385, 32768 + 3 };
  guint n_edge = G_N_ELEMENTS (edge_lengths) * N_MODES;
  guint n_random = g_test_slow () ? 60 : 20;

  for (guint i = 0; i < n_edge + n_random; i++)
    {
      g_autoptr(AttestText) text = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *s = NULL;
      gsize n_bytes;
      guint length;
      int mode = i % N_MODES;

      if (i < n_edge)
        length = edge_lengths[i / N_MODES];
      else
        length = g_test_rand_int_range (0, 100001);

      s = random_text (length, mode, &n_bytes);
      g_assert_true (g_utf8_validate_len (s, n_bytes, NULL));

      text = attest_text_new (s, n_bytes, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (attest_text_get_length (text), ==, length);
      g_assert_cmpmem (attest_text_get_data (text), n_bytes, s, n_bytes);
      assert_conversions (text);

      /* Random slices compare equal to what a naive walk cuts. */
      for (guint j = 0; j < 50 && length > 0; j++)
        {
          guint start = g_test_rand_int_range (0, length + 1);
          guint end = g_test_rand_int_range (start, MIN (length, start + 300) + 1);
          const char *a = g_utf8_offset_to_pointer (s, start);
          const char *b = g_utf8_offset_to_pointer (a, end - start);
          g_autofree char *slice = attest_text_slice (text, start, end);

          g_assert_cmpmem (slice, strlen (slice), a, b - a);
          g_assert_true (attest_text_slice_equal (text, start, end, a, b - a));
          if (b > a)
            g_assert_false (attest_text_slice_equal (text, start, end, a, b - a - 1));
        }
    }
}

static void
test_surrogate_pair_offset (void)
{
  /* "x🙂y🙂": pairs at UTF-16 units 1-2 and 4-5. */
  g_autoptr(AttestText) text = text_new_or_die ("x\xF0\x9F\x99\x82y\xF0\x9F\x99\x82", -1);

  g_assert_cmpuint (attest_text_get_n_utf16 (text), ==, 6);
  g_assert_cmpuint (attest_text_utf16_to_cp (text, 0), ==, 0);
  g_assert_cmpuint (attest_text_utf16_to_cp (text, 1), ==, 1);
  g_assert_cmpuint (attest_text_utf16_to_cp (text, 2), ==, 1);   /* low half of 🙂 */
  g_assert_cmpuint (attest_text_utf16_to_cp (text, 3), ==, 2);
  g_assert_cmpuint (attest_text_utf16_to_cp (text, 4), ==, 3);
  g_assert_cmpuint (attest_text_utf16_to_cp (text, 5), ==, 3);   /* low half of the last 🙂 */
  g_assert_cmpuint (attest_text_utf16_to_cp (text, 6), ==, 4);

  /* A byte inside a character maps to that character, like a unit inside
   * a pair. */
  g_assert_cmpuint (attest_text_byte_to_cp (text, 2), ==, 1);
  g_assert_cmpuint (attest_text_byte_to_cp (text, 4), ==, 1);
  g_assert_cmpuint (attest_text_byte_to_cp (text, 5), ==, 2);
}

static void
test_clamp (void)
{
  g_autoptr(AttestText) text = text_new_or_die ("caf\xC3\xA9 \xF0\x9F\x98\x80", -1);
  g_autoptr(AttestText) ascii = text_new_or_die ("news", -1);
  g_autofree char *tail = NULL;
  g_autofree char *past = NULL;

  g_assert_cmpuint (attest_text_get_length (text), ==, 6);
  g_assert_cmpuint (attest_text_cp_to_byte (text, 6), ==, 10);
  g_assert_cmpuint (attest_text_cp_to_byte (text, 7), ==, 10);
  g_assert_cmpuint (attest_text_cp_to_byte (text, G_MAXUINT), ==, 10);
  g_assert_cmpuint (attest_text_cp_to_utf16 (text, 100), ==, 7);
  g_assert_cmpuint (attest_text_utf16_to_cp (text, 100), ==, 6);
  g_assert_cmpuint (attest_text_byte_to_cp (text, 100), ==, 6);
  g_assert_cmpuint (attest_text_byte_to_cp (text, G_MAXSIZE), ==, 6);
  g_assert_cmpstr (attest_text_get_pointer (text, 99), ==, "");

  tail = attest_text_slice (text, 3, 99);
  g_assert_cmpstr (tail, ==, "\xC3\xA9 \xF0\x9F\x98\x80");
  past = attest_text_slice (text, 50, 99);
  g_assert_cmpstr (past, ==, "");

  g_assert_cmpuint (attest_text_cp_to_byte (ascii, 9), ==, 4);
  g_assert_cmpuint (attest_text_cp_to_utf16 (ascii, 9), ==, 4);
  g_assert_cmpuint (attest_text_utf16_to_cp (ascii, 9), ==, 4);
  g_assert_cmpuint (attest_text_byte_to_cp (ascii, 9), ==, 4);
}

static void
test_slice_equal (void)
{
  g_autoptr(AttestText) text = text_new_or_die ("\xE2\x80\x9CYes,\xE2\x80\x9D she said.", -1);
  g_autoptr(AttestText) cafe = text_new_or_die ("caf\xC3\xA9", -1);

  g_assert_true (attest_text_slice_equal (text, 1, 5, "Yes,", -1));
  g_assert_true (attest_text_slice_equal (text, 1, 5, "Yes, she", 4));
  g_assert_true (attest_text_slice_equal (text, 0, 6, "\xE2\x80\x9CYes,\xE2\x80\x9D", -1));
  g_assert_true (attest_text_slice_equal (text, 3, 3, "", -1));
  g_assert_true (attest_text_slice_equal (text, 3, 3, NULL, 0));
  g_assert_false (attest_text_slice_equal (text, 1, 5, "Yes.", -1));
  g_assert_false (attest_text_slice_equal (text, 1, 5, "Yes", -1));
  g_assert_false (attest_text_slice_equal (text, 1, 5, "Yes, ", -1));
  g_assert_false (attest_text_slice_equal (text, 1, 6, "Yes,\"", -1));
  /* A range that does not exist equals nothing, even the clamped text. */
  g_assert_false (attest_text_slice_equal (text, 11, 40, "said.", -1));
  g_assert_false (attest_text_slice_equal (text, 5, 1, "", -1));
  g_assert_false (attest_text_slice_equal (cafe, 2, 5, "f\xC3\xA9", -1));
  g_assert_false (attest_text_slice_equal (cafe, 4, 5, "", -1));
  g_assert_true (attest_text_slice_equal (cafe, 2, 4, "f\xC3\xA9", -1));
}

static void
test_bom (void)
{
  const char with_bom[] = "\xEF\xBB\xBF\xE2\x80\x9CHello\xE2\x80\x9D";
  g_autoptr(GBytes) bytes = g_bytes_new_static (with_bom, sizeof with_bom - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestText) loaded = NULL;
  g_autoptr(AttestText) kept = NULL;
  g_autoptr(AttestText) crlf = NULL;
  g_autoptr(AttestText) only_bom = NULL;
  g_autoptr(GBytes) bom_bytes = g_bytes_new_static ("\xEF\xBB\xBF", 3);
  g_autofree char *expected = NULL;
  gsize len;

  loaded = attest_text_load_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attest_text_get_data (loaded), ==, with_bom + 3);
  g_assert_cmpuint (attest_text_get_length (loaded), ==, 7);

  /* attest_text_new() takes its input as canonical: U+FEFF stays. */
  kept = text_new_or_die (with_bom, -1);
  g_assert_cmpuint (attest_text_get_length (kept), ==, 8);

  only_bom = attest_text_load_bytes (bom_bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attest_text_get_n_bytes (only_bom), ==, 0);

  /* A BOM and CRLF together: the BOM goes, every CR stays. */
  crlf = load_test_data ("bom-crlf.txt", NULL);
  expected = dup_test_data ("bom-crlf.txt", &len);
  g_assert_cmpmem (attest_text_get_data (crlf), attest_text_get_n_bytes (crlf), expected + 3, len - 3);
  g_assert_cmpuint (attest_text_get_length (crlf), ==, 118);
  g_assert_nonnull (strstr (attest_text_get_data (crlf), "here:\rand here.\r\n"));
  assert_conversions (crlf);
}

static void
assert_load_error (const char  *data,
                   gsize        len,
                   const char  *encoding,
                   int          code,
                   const char  *message)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestText) text = attest_text_load_bytes (bytes, encoding, &error);

  g_assert_null (text);
  g_assert_error (error, ATTEST_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_utf16 (void)
{
  const char le[] = "\xFF\xFE" "a\0" "\x3D\xD8\x00\xDE" "b\0" "\x14\x20" "\r\0\n\0";
  const char be[] = "\xFE\xFF" "\0a" "\xD8\x3D\xDE\x00" "\0b" "\x20\x14" "\0\r\0\n";
  g_autoptr(GBytes) le_bytes = g_bytes_new_static (le, sizeof le - 1);
  g_autoptr(GBytes) be_bytes = g_bytes_new_static (be, sizeof be - 1);
  g_autoptr(GBytes) bom_only = g_bytes_new_static ("\xFE\xFF", 2);
  g_autoptr(AttestText) le_text = NULL;
  g_autoptr(AttestText) be_text = NULL;
  g_autoptr(AttestText) empty = NULL;
  g_autoptr(AttestText) mixed = NULL;
  g_autoptr(AttestText) mixed_le = NULL;
  g_autoptr(AttestText) mixed_be = NULL;
  g_autoptr(GError) error = NULL;
  const char *expected = "a\xF0\x9F\x98\x80" "b\xE2\x80\x94\r\n";

  le_text = attest_text_load_bytes (le_bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attest_text_get_data (le_text), ==, expected);
  g_assert_cmpuint (attest_text_get_n_utf16 (le_text), ==, 7);

  be_text = attest_text_load_bytes (be_bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attest_text_get_data (be_text), ==, expected);

  empty = attest_text_load_bytes (bom_only, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attest_text_get_n_bytes (empty), ==, 0);

  /* The article fixture, saved as UTF-16 both ways, with its astral
   * characters as surrogate pairs. */
  mixed = load_test_data ("mixed.txt", NULL);
  mixed_le = load_test_data ("mixed-utf16le.txt", NULL);
  mixed_be = load_test_data ("mixed-utf16be.txt", NULL);
  g_assert_cmpstr (attest_text_get_data (mixed_le), ==, attest_text_get_data (mixed));
  g_assert_cmpstr (attest_text_get_data (mixed_be), ==, attest_text_get_data (mixed));
  g_assert_cmpstr (attest_text_get_sha256 (mixed_le), ==, attest_text_get_sha256 (mixed));

  /* Errors name the byte offset in the file. */
  assert_load_error ("\xFF\xFE" "a\0" "\x3D\xD8", 6, NULL, ATTEST_ERROR_ENCODING,
                     "invalid UTF-16 at byte 4: a high surrogate (0xD83D) with no low surrogate after it");
  assert_load_error ("\xFF\xFE" "\x3D\xD8" "a\0", 6, NULL, ATTEST_ERROR_ENCODING,
                     "invalid UTF-16 at byte 2: a high surrogate (0xD83D) with no low surrogate after it");
  assert_load_error ("\xFF\xFE" "\x3D\xD8" "\x00\xE0", 6, NULL, ATTEST_ERROR_ENCODING,
                     "invalid UTF-16 at byte 2: a high surrogate (0xD83D) with no low surrogate after it");
  assert_load_error ("\xFE\xFF" "\xDB\xFF" "\xDB\xFF", 6, NULL, ATTEST_ERROR_ENCODING,
                     "invalid UTF-16 at byte 2: a high surrogate (0xDBFF) with no low surrogate after it");
  assert_load_error ("\xFE\xFF" "\0a" "\0b" "\xDE\x00", 8, NULL, ATTEST_ERROR_ENCODING,
                     "invalid UTF-16 at byte 6: a low surrogate (0xDE00) with no high surrogate before it");
  assert_load_error ("\xFF\xFE" "a\0" "b", 5, NULL, ATTEST_ERROR_ENCODING,
                     "invalid UTF-16 at byte 4: the file ends in the middle of a character");
  assert_load_error ("\xFF\xFE" "a\0" "\0\0" "b\0", 8, NULL, ATTEST_ERROR_BINARY,
                     "contains a NUL character at byte 4: "
                     "this looks like a binary file, not an article");
}

static void
test_utf32 (void)
{
  g_autoptr(GFile) file = test_data_file ("mixed-utf32le.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestText) refused = NULL;
  g_autoptr(AttestText) named = NULL;
  g_autoptr(AttestText) mixed = NULL;

  /* FF FE 00 00 is not UTF-16 LE "\uFEFF\u0000…": refused unless named. */
  refused = attest_text_load_file (file, NULL, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_BINARY);
  g_assert_true (g_str_has_prefix (error->message,
                                   "mixed-utf32le.txt: contains a NUL byte at byte 2: "
                                   "this looks like a binary file, not an article"));
  g_assert_nonnull (strstr (error->message, "UTF-32"));
  g_clear_error (&error);

  named = attest_text_load_file (file, "UTF-32", NULL, &error);
  g_assert_no_error (error);
  mixed = load_test_data ("mixed.txt", NULL);
  g_assert_cmpstr (attest_text_get_data (named), ==, attest_text_get_data (mixed));
}

static void
test_invalid_utf8 (void)
{
  static const struct {
    const char *data;
    gsize       len;
    gsize       offset;
  } cases[] = {
    { "abc\xC0\xAF" "def", 8, 3 },                /* overlong '/' */
    { "ab\xE0\x80\x80", 5, 2 },                   /* overlong NUL, 3 bytes */
    { "ab\xF0\x80\x80\xAF", 6, 2 },               /* overlong, 4 bytes */
    { "hello \xE2\x82", 8, 6 },                   /* truncated at EOF */
    { "\xE2\x82" "A", 3, 0 },                     /* truncated before ASCII */
    { "x\xED\xA0\x80y", 5, 1 },                   /* surrogate U+D800 in UTF-8 */
    { "x\xED\xBF\xBFy", 5, 1 },                   /* surrogate U+DFFF in UTF-8 */
    { "\xFF", 1, 0 },
    { "caf\xC3\xA9 \xFF", 7, 6 },
    { "a\x80", 2, 1 },                            /* stray continuation byte */
    { "\xF4\x90\x80\x80", 4, 0 },                 /* above U+10FFFF */
    { "\xF5\x80\x80\x80", 4, 0 },
    { "\xC1\xBF", 2, 0 },
    { "\xE2\x80\x9C" "abc\xE2\x80", 8, 6 },
  };
  g_autofree char *long_ascii = NULL;
  g_autofree char *long_mixed = NULL;
  g_autofree char *message = NULL;
  gsize len;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AttestText) text = attest_text_new (cases[i].data, cases[i].len, &error);
      g_autofree char *expected = g_strdup_printf ("invalid UTF-8 at byte %" G_GSIZE_FORMAT,
                                                   cases[i].offset);

      g_assert_null (text);
      g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_INVALID_UTF8);
      g_assert_cmpstr (error->message, ==, expected);
    }

  /* Past the ASCII fast path, at an odd offset. */
  long_ascii = g_strnfill (1234, 'a');
  long_ascii[1233] = '\xFF';
  assert_load_error (long_ascii, 1234, NULL, ATTEST_ERROR_INVALID_UTF8,
                     "invalid UTF-8 at byte 1233");

  long_mixed = g_strnfill (4001, 'e');
  for (guint i = 0; i + 2 < 4000; i += 7)
    memcpy (long_mixed + i, "\xC3\xA9", 2);
  long_mixed[3999] = '\xC0';
  assert_load_error (long_mixed, 4001, NULL, ATTEST_ERROR_INVALID_UTF8,
                     "invalid UTF-8 at byte 3999");

  /* Through the loader the offset counts the BOM: it is in the file. */
  assert_load_error ("\xEF\xBB\xBF" "ab\xFF", 6, NULL, ATTEST_ERROR_INVALID_UTF8,
                     "invalid UTF-8 at byte 5");
  assert_load_error ("\xEF\xBB\xBF" "ab\xFF", 6, "utf-8", ATTEST_ERROR_INVALID_UTF8,
                     "invalid UTF-8 at byte 5");

  message = dup_test_data ("invalid-utf8.txt", &len);
  assert_load_error (message, len, NULL, ATTEST_ERROR_INVALID_UTF8,
                     "invalid UTF-8 at byte 38");
}

static void
test_nul (void)
{
  char data[64];
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestText) text = NULL;

  memset (data, 'x', sizeof data);
  data[57] = '\0';

  text = attest_text_new (data, sizeof data, &error);
  g_assert_null (text);
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_BINARY);
  g_assert_cmpstr (error->message, ==,
                   "contains a NUL byte at byte 57: this looks like a binary file, not an article");

  /* A NUL wins over invalid UTF-8 before it: binary files have both. */
  assert_load_error ("\x89PNG\r\n\x1A\n\0\0", 10, NULL, ATTEST_ERROR_BINARY,
                     "contains a NUL byte at byte 8: this looks like a binary file, not an article");
  assert_load_error ("\xEF\xBB\xBF" "ab\0", 6, NULL, ATTEST_ERROR_BINARY,
                     "contains a NUL byte at byte 5: this looks like a binary file, not an article");
  /* Decoded from a named encoding, the NUL is found by character. */
  assert_load_error ("caf\xE9\0", 5, "ISO-8859-1", ATTEST_ERROR_BINARY,
                     "contains a NUL character at character 4: "
                     "this looks like a binary file, not an article");
}

static void
test_encoding (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestText) cp1252 = NULL;
  g_autoptr(AttestText) latin1 = NULL;
  g_autoptr(AttestText) utf16 = NULL;
  g_autoptr(AttestText) named_utf8 = NULL;
  g_autoptr(GBytes) bytes = NULL;

  /* 0x93 0x94 are curly quotes and 0x80 the euro in windows-1252 ... */
  cp1252 = load_test_data ("windows-1252.txt", "windows-1252");
  g_assert_cmpstr (attest_text_get_data (cp1252), ==,
                   "\xE2\x80\x9CPrices are up 5 \xE2\x82\xAC,\xE2\x80\x9D the caf\xC3\xA9 owner "
                   "said. Na\xC3\xAFve? No: \xC2\xABrealistic\xC2\xBB.");
  g_assert_cmpuint (attest_text_get_length (cp1252), ==, 65);

  latin1 = load_test_data ("iso-8859-1.txt", "ISO-8859-1");
  g_assert_cmpstr (attest_text_get_data (latin1), ==,
                   "Le maire a d\xC3\xA9" "clar\xC3\xA9 : \xC2\xAB Nous ne reculerons pas. \xC2\xBB "
                   "Co\xC3\xBBt : 12 \xC2\xA3.");
  g_assert_cmpuint (attest_text_get_length (latin1), ==, 61);

  /* ... but C1 controls in ISO-8859-1, which decodes every byte. */
  bytes = g_bytes_new_static ("\x93" "a\x80", 3);
  g_clear_pointer (&latin1, attest_text_unref);
  latin1 = attest_text_load_bytes (bytes, "ISO-8859-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attest_text_get_data (latin1), ==, "\xC2\x93" "a\xC2\x80");

  /* A named UTF-16 decodes through iconv and loses its BOM. */
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = g_bytes_new_static ("\xFF\xFE" "a\0" "\x3D\xD8\x00\xDE", 8);
  utf16 = attest_text_load_bytes (bytes, "UTF-16LE", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attest_text_get_data (utf16), ==, "a\xF0\x9F\x98\x80");

  /* Naming UTF-8 is the default path, BOM removal included. */
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = g_bytes_new_static ("\xEF\xBB\xBF" "ok", 5);
  named_utf8 = attest_text_load_bytes (bytes, "UTF-8", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attest_text_get_data (named_utf8), ==, "ok");

  /* 0x81 is not a windows-1252 character. */
  assert_load_error ("ab\x81" "c", 4, "windows-1252", ATTEST_ERROR_ENCODING,
                     "not valid windows-1252 at byte 2");
  assert_load_error ("abc\xE9", 4, "x-no-such-encoding", ATTEST_ERROR_ENCODING,
                     "the encoding \"x-no-such-encoding\" is not supported");
  assert_load_error ("a\0" "b", 3, "UTF-16LE", ATTEST_ERROR_ENCODING,
                     "not valid UTF-16LE at byte 2: the file ends in the middle of a character");
}

static void
test_sha256 (void)
{
  g_autoptr(AttestText) abc = text_new_or_die ("abc", -1);
  g_autoptr(AttestText) empty = text_new_or_die ("", -1);
  g_autoptr(AttestText) mixed = text_new_or_die ("Caf\xC3\xA9 \xE2\x98\x95 \xF0\x9F\x87\xBA\xF0\x9F\x87\xA6", -1);
  const char *first;

  first = attest_text_get_sha256 (abc);
  g_assert_cmpstr (first, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  /* Computed once. */
  g_assert_true (attest_text_get_sha256 (abc) == first);
  g_assert_cmpstr (attest_text_get_sha256 (empty), ==,
                   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  g_assert_cmpstr (attest_text_get_sha256 (mixed), ==,
                   "5e3e88a38e4d5b100efe02d2863407f69368bc15c5150d92a25b0f1dbfbf1141");
}

static void
assert_file_error (GFile        *file,
                   GCancellable *cancellable,
                   GQuark        domain,
                   int           code,
                   const char   *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestText) text = attest_text_load_file (file, NULL, cancellable, &error);

  g_assert_null (text);
  g_assert_error (error, domain, code);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("expected a message starting with \"%s\", got \"%s\"", prefix, error->message);
}

static void
test_load_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = g_dir_make_tmp ("attest-text-XXXXXX", &error);
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GFile) missing = NULL;
  g_autoptr(GFile) invalid = NULL;
  g_autoptr(GFile) binary = NULL;
  g_autoptr(GFile) huge = NULL;
  g_autoptr(GFile) story = NULL;
  g_autoptr(GFile) dev_null = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(AttestText) text = NULL;

  g_assert_no_error (error);
  dir = g_file_new_for_path (tmpdir);

  story = g_file_get_child (dir, "story.txt");
  g_file_set_contents (g_file_peek_path (story), "\xEF\xBB\xBF\xE2\x80\x9CYes.\xE2\x80\x9D\r\n", -1, &error);
  g_assert_no_error (error);
  text = attest_text_load_file (story, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attest_text_get_data (text), ==, "\xE2\x80\x9CYes.\xE2\x80\x9D\r\n");

  /* Every message starts with the file's name. */
  invalid = test_data_file ("invalid-utf8.txt");
  assert_file_error (invalid, NULL, ATTEST_ERROR, ATTEST_ERROR_INVALID_UTF8,
                     "invalid-utf8.txt: invalid UTF-8 at byte 38");
  binary = test_data_file ("binary.png");
  assert_file_error (binary, NULL, ATTEST_ERROR, ATTEST_ERROR_BINARY,
                     "binary.png: contains a NUL byte at byte 8");

  missing = g_file_get_child (dir, "nowhere.txt");
  assert_file_error (missing, NULL, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "nowhere.txt: ");
  assert_file_error (dir, NULL, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, "attest-text-");

  /* A sparse file over the limit is refused from its size, unread. */
  huge = g_file_get_child (dir, "huge.txt");
  stream = g_file_create (huge, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_seekable_truncate (G_SEEKABLE (stream), 256 * 1024 * 1024 + 1, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error);
  g_assert_no_error (error);
  assert_file_error (huge, NULL, ATTEST_ERROR, ATTEST_ERROR_TOO_LARGE,
                     "huge.txt: the file is too large");

  g_cancellable_cancel (cancellable);
  assert_file_error (story, cancellable, G_IO_ERROR, G_IO_ERROR_CANCELLED, "story.txt: ");

  /* A device could be read forever. */
  dev_null = g_file_new_for_path ("/dev/null");
  if (g_file_query_file_type (dev_null, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_SPECIAL)
    assert_file_error (dev_null, NULL, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, "null: ");

  g_file_delete (huge, NULL, &error);
  g_assert_no_error (error);
  g_file_delete (story, NULL, &error);
  g_assert_no_error (error);
  g_file_delete (dir, NULL, &error);
  g_assert_no_error (error);
}

static void
test_too_large (void)
{
#if GLIB_SIZEOF_SIZE_T > 4
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestText) text = NULL;

  /* Refused from the length alone: the 4 GiB are never read. */
  text = attest_text_new ("x", (gssize) G_MAXUINT32 + 1, &error);
  g_assert_null (text);
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_TOO_LARGE);
#else
  g_test_skip ("needs a 64-bit gsize");
#endif
}

static void
test_utf8_length (void)
{
  for (guint i = 0; i < 200; i++)
    {
      gsize n_bytes;
      guint length = g_test_rand_int_range (0, 300);
      g_autofree char *s = random_text (length, i % N_MODES, &n_bytes);

      g_assert_cmpuint (attest_utf8_length (s, n_bytes), ==, length);
      /* Any prefix that ends on a boundary. */
      for (guint j = 0; j < 5 && length > 0; j++)
        {
          guint cut = g_test_rand_int_range (0, length + 1);
          const char *p = g_utf8_offset_to_pointer (s, cut);

          g_assert_cmpuint (attest_utf8_length (s, p - s), ==, cut);
        }
    }

  g_assert_cmpuint (attest_utf8_length (NULL, 0), ==, 0);
}

static void
test_take_and_ref (void)
{
  g_autoptr(GError) error = NULL;
  AttestText *text;
  AttestText *copy;
  char *owned = g_strdup ("\xE2\x80\x9Cok\xE2\x80\x9D");
  char *bad = g_strdup ("bad \xFF");

  text = attest_text_new_take (owned, strlen (owned), &error);
  g_assert_no_error (error);
  /* No copy was made. */
  g_assert_true (attest_text_get_data (text) == owned);

  copy = g_boxed_copy (ATTEST_TYPE_TEXT, text);
  g_assert_true (copy == text);
  g_boxed_free (ATTEST_TYPE_TEXT, copy);
  g_assert_true (G_TYPE_IS_BOXED (ATTEST_TYPE_TEXT));
  g_assert_cmpstr (attest_text_get_data (text), ==, "\xE2\x80\x9Cok\xE2\x80\x9D");
  attest_text_unref (text);

  /* Ownership is taken on failure too (valgrind or ASan would see a
   * leak otherwise). */
  g_assert_null (attest_text_new_take (bad, strlen (bad), &error));
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_INVALID_UTF8);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/attest/core/text/ascii", test_ascii);
  g_test_add_func ("/attest/core/text/astral", test_astral);
  g_test_add_func ("/attest/core/text/zwj", test_zwj);
  g_test_add_func ("/attest/core/text/flags", test_flags);
  g_test_add_func ("/attest/core/text/combining", test_combining);
  g_test_add_func ("/attest/core/text/cjk", test_cjk);
  g_test_add_func ("/attest/core/text/rtl", test_rtl);
  g_test_add_func ("/attest/core/text/crlf", test_crlf);
  g_test_add_func ("/attest/core/text/mixed", test_mixed);
  g_test_add_func ("/attest/core/text/random", test_random);
  g_test_add_func ("/attest/core/text/surrogate-pair-offset", test_surrogate_pair_offset);
  g_test_add_func ("/attest/core/text/clamp", test_clamp);
  g_test_add_func ("/attest/core/text/slice-equal", test_slice_equal);
  g_test_add_func ("/attest/core/text/bom", test_bom);
  g_test_add_func ("/attest/core/text/utf16", test_utf16);
  g_test_add_func ("/attest/core/text/utf32", test_utf32);
  g_test_add_func ("/attest/core/text/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/attest/core/text/nul", test_nul);
  g_test_add_func ("/attest/core/text/encoding", test_encoding);
  g_test_add_func ("/attest/core/text/sha256", test_sha256);
  g_test_add_func ("/attest/core/text/load-file", test_load_file);
  g_test_add_func ("/attest/core/text/too-large", test_too_large);
  g_test_add_func ("/attest/core/text/utf8-length", test_utf8_length);
  g_test_add_func ("/attest/core/text/take-and-ref", test_take_and_ref);

  return g_test_run ();
}
