/* test-tokens.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-core.h"
#include "attest-tokens.h"

/* Characters the tokenizer must treat as separators although GLib does
 * not call them space. */
static gboolean
is_invisible (gunichar c)
{
  return c == 0x200B || c == 0x2060 || c == 0xFEFF || c == 0x200E || c == 0x200F ||
         c == 0x061C || c == 0x180E || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

static gboolean
is_separator (gunichar c)
{
  return g_unichar_isspace (c) || g_unichar_iscntrl (c) ||
         g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR || is_invisible (c);
}

/* Every property that holds for any text: tokens in order, not empty,
 * their code-point offsets those of their bytes (checked against
 * AttestText's own index), no separator inside one, nothing but
 * separators between them, the first one a paragraph start. */
static void
check_invariants (const char *utf8,
                  GArray     *tokens)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestText) text = attest_text_new (utf8, -1, &error);
  gsize last_byte = 0;
  guint last_cp = 0;

  g_assert_no_error (error);

  for (guint i = 0; i < tokens->len; i++)
    {
      const AttestToken *token = &g_array_index (tokens, AttestToken, i);
      g_autofree char *slice = NULL;

      g_assert_cmpuint (token->start, <, token->end);
      g_assert_cmpuint (token->start_byte, <, token->end_byte);
      g_assert_cmpuint (token->start, >=, last_cp);
      g_assert_cmpuint (attest_text_cp_to_byte (text, token->start), ==, token->start_byte);
      g_assert_cmpuint (attest_text_cp_to_byte (text, token->end), ==, token->end_byte);

      slice = attest_text_slice (text, token->start, token->end);
      g_assert_cmpuint (strlen (slice), ==, token->end_byte - token->start_byte);
      g_assert_cmpint (memcmp (slice, utf8 + token->start_byte, strlen (slice)), ==, 0);
      for (const char *p = slice; *p != '\0'; p = g_utf8_next_char (p))
        g_assert_false (is_separator (g_utf8_get_char (p)));

      for (const char *p = utf8 + last_byte; p < utf8 + token->start_byte; p = g_utf8_next_char (p))
        g_assert_true (is_separator (g_utf8_get_char (p)));

      if (i == 0)
        g_assert_cmpuint (token->flags, ==,
                          ATTEST_TOKEN_SENTENCE_START | ATTEST_TOKEN_PARAGRAPH_START);
      if (token->flags & ATTEST_TOKEN_PARAGRAPH_START)
        g_assert_true (token->flags & ATTEST_TOKEN_SENTENCE_START);

      last_byte = token->end_byte;
      last_cp = token->end;
    }

  for (const char *p = utf8 + last_byte; *p != '\0'; p = g_utf8_next_char (p))
    g_assert_true (is_separator (g_utf8_get_char (p)));
}

/* The tokens of @utf8 as "a b c / d e // f": " " between tokens, " / "
 * before a sentence, " // " before a paragraph. */
static char *
tokens_of (const char *utf8)
{
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (AttestToken));
  GString *out = g_string_new (NULL);
  guint n;

  n = attest_tokenize (utf8, -1, tokens);
  g_assert_cmpuint (n, ==, tokens->len);
  check_invariants (utf8, tokens);

  for (guint i = 0; i < tokens->len; i++)
    {
      const AttestToken *token = &g_array_index (tokens, AttestToken, i);

      if (i > 0)
        {
          if (token->flags & ATTEST_TOKEN_PARAGRAPH_START)
            g_string_append (out, " // ");
          else if (token->flags & ATTEST_TOKEN_SENTENCE_START)
            g_string_append (out, " / ");
          else
            g_string_append_c (out, ' ');
        }
      g_string_append_len (out, utf8 + token->start_byte, token->end_byte - token->start_byte);
    }

  return g_string_free (out, FALSE);
}

#define assert_tokens(text, expected)                   \
  G_STMT_START {                                        \
    g_autofree char *_got = tokens_of (text);           \
    g_assert_cmpstr (_got, ==, expected);               \
  } G_STMT_END

static void
test_english (void)
{
  assert_tokens ("Mr. Smith met Dr. Jones at 5 p.m. on Jan. 5. “It’s done,” he said. She left!",
                 "Mr. Smith met Dr. Jones at 5 p.m. on Jan. 5 . / "
                 "“ It’s done , ” he said . / She left !");
  /* After a quote's closing mark the sentence goes on when a lower-case
   * word follows. */
  assert_tokens ("“Why?” she asked. “Stop!” He ran.",
                 "“ Why ? ” she asked . / “ Stop ! ” / He ran .");
  assert_tokens ("He said \"Stop.\" \"Why?\" 'Now.' Then (he left.) Next.",
                 "He said \" Stop . \" / \" Why ? \" / ' Now . ' / Then ( he left . ) / Next .");
  /* Abbreviations: titles and initials never end a sentence; "Inc.",
   * "etc." and "U.S." do when a capital follows. */
  assert_tokens ("John F. Kennedy met Prof. Ada at St. Paul. Apple Inc. said so. "
                 "Apple Inc. The firm. Fruit etc. and more. In the U.S. The end. "
                 "U.S. officials, e.g. Bob, i.e. him.",
                 "John F. Kennedy met Prof. Ada at St. Paul . / Apple Inc. said so . / "
                 "Apple Inc. / The firm . / Fruit etc. and more . / In the U.S. / The end . / "
                 "U.S. officials , e.g. Bob , i.e. him .");
  /* An ellipsis ends a sentence only before a capital; no space, no end. */
  assert_tokens ("Wait... The end. I think… maybe. Hi!Bye?! Ok",
                 "Wait ... / The end . / I think … maybe . / Hi ! Bye ?! / Ok");
}

static void
test_quotes (void)
{
  assert_tokens ("«Bonjour», dit-il. „Guten Tag“, sagte er. ‚Hallo‘ ‹oui› 「こんにちは」『本』 'single' \"double\"",
                 "« Bonjour » , dit-il . / „ Guten Tag “ , sagte er . / "
                 "‚ Hallo ‘ ‹ oui › 「 こ ん に ち は 」 『 本 』 ' single ' \" double \"");
}

static void
test_numbers (void)
{
  assert_tokens ("It cost €12, or 40,000 yen (3.5% more) in 2027. Version 1.2.3 shipped; pi is 3.14.",
                 "It cost € 12 , or 40,000 yen ( 3.5 % more ) in 2027 . / "
                 "Version 1.2.3 shipped ; pi is 3.14 .");
  assert_tokens ("$5.99, £3, ¥1,000,000 and -4 or +7 at 10:30 on 2026-11-30 (No. 5).",
                 "$ 5.99 , £ 3 , ¥ 1,000,000 and - 4 or + 7 at 10 : 30 on 2026-11-30 ( No. 5 ) .");
  /* Arabic-Indic digits with the Arabic decimal separator. */
  assert_tokens ("٣٫٥ ١٬٠٠٠", "٣٫٥ ١٬٠٠٠");
}

static void
test_apostrophes (void)
{
  assert_tokens ("Don't touch Renée's well-known O’Brien rock'n'roll dogs' '90s COVID-19 -- wait",
                 "Don't touch Renée's well-known O’Brien rock'n'roll dogs ' ' 90s COVID-19 -- wait");
  /* Decomposed: the combining acute stays inside the word. */
  assert_tokens ("Rene\u0301e's cafe\u0301", "Rene\u0301e's cafe\u0301");
}

static void
test_crlf (void)
{
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (AttestToken));

  assert_tokens ("One line\r\ncontinues here.\r\n\r\nNew paragraph.\r\nSame paragraph",
                 "One line continues here . // New paragraph . / Same paragraph");
  /* CR alone and LF alone are one break each; CRLF is one, not two. */
  assert_tokens ("a\rb\nc\r\nd\r\re\n\nf\r\n \r\ng\u2028h\u2029i\fj",
                 "a b c d // e // f // g h // i // j");

  attest_tokenize ("Line.\r\n\r\nNext", -1, tokens);
  g_assert_cmpuint (tokens->len, ==, 3);
  g_assert_cmpuint (g_array_index (tokens, AttestToken, 2).start, ==, 9);
  g_assert_cmpuint (g_array_index (tokens, AttestToken, 2).flags, ==,
                    ATTEST_TOKEN_SENTENCE_START | ATTEST_TOKEN_PARAGRAPH_START);
}

static void
test_japanese (void)
{
  /* Han and Hiragana one by one, Katakana words whole (full and half
   * width), the full-width digit and percent sign apart. */
  assert_tokens ("東京都の知事は「予算を３％増やす」と述べた。コンピューターは新しい。ｺﾝﾋﾟｭｰﾀｰ",
                 "東 京 都 の 知 事 は 「 予 算 を ３ ％ 増 や す 」 と 述 べ た 。 / "
                 "コンピューター は 新 し い 。 / ｺﾝﾋﾟｭｰﾀｰ");
  /* A quoted sentence followed by a particle goes on; one followed by
   * anything else ends. */
  assert_tokens ("「終わりだ。」と彼は言った。「はい。」彼は頷いた。",
                 "「 終 わ り だ 。 」 と 彼 は 言 っ た 。 / 「 は い 。 」 / 彼 は 頷 い た 。");
  /* An astral Han character is one code point. */
  {
    g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (AttestToken));

    attest_tokenize ("𠀋の字", -1, tokens);
    g_assert_cmpuint (tokens->len, ==, 3);
    g_assert_cmpuint (g_array_index (tokens, AttestToken, 0).end, ==, 1);
    g_assert_cmpuint (g_array_index (tokens, AttestToken, 0).end_byte, ==, 4);
    g_assert_cmpuint (g_array_index (tokens, AttestToken, 2).start, ==, 2);
  }
}

static void
test_chinese (void)
{
  assert_tokens ("他说：“我们同意。”然后离开了！真的吗？是的。",
                 "他 说 ： “ 我 们 同 意 。 ” / 然 后 离 开 了 ！ / 真 的 吗 ？ / 是 的 。");
  /* Latin next to Han splits; 2027年 too. */
  assert_tokens ("用Python写于2027年", "用 Python 写 于 2027 年");
}

static void
test_rtl (void)
{
  assert_tokens ("قال الوزير إن \"المشروع سينتهي في 2027\" حسب البيان. هل توافق؟ نعم، أوافق.",
                 "قال الوزير إن \" المشروع سينتهي في 2027 \" حسب البيان . / "
                 "هل توافق ؟ / نعم ، أوافق .");
  /* Harakat stay on their letters. */
  assert_tokens ("مُحَمَّد رَسُول", "مُحَمَّد رَسُول");
  /* Hebrew acronyms with gershayim, ASCII or not, and geresh. */
  assert_tokens ("צה\"ל ארה״ב ג׳ירפה \"שלום\"", "צה\"ל ארה״ב ג׳ירפה \" שלום \"");
}

#define FAMILY "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466"

static void
test_emoji (void)
{
  /* Skin tone, ZWJ family, two flags side by side, a subdivision flag
   * with tag characters, a keycap, a heart with its variation selector,
   * two emoji without a joiner, an emoji against a word. */
  assert_tokens ("👍🏽 great " FAMILY " family 🇯🇵🇫🇷 flags "
                 "\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F "
                 "1\uFE0F\u20E3 ❤\uFE0F 😀😀 fun😀 🏽",
                 "👍🏽 great " FAMILY " family 🇯🇵 🇫🇷 flags "
                 "\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F "
                 "1\uFE0F\u20E3 ❤\uFE0F 😀 😀 fun 😀 🏽");
  /* A worker: man + ZWJ + female sign + VS16, four code points. */
  {
    g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (AttestToken));

    attest_tokenize ("x \U0001F477\u200D\u2640\uFE0F, y", -1, tokens);
    g_assert_cmpuint (tokens->len, ==, 4);
    g_assert_cmpuint (g_array_index (tokens, AttestToken, 1).start, ==, 2);
    g_assert_cmpuint (g_array_index (tokens, AttestToken, 1).end, ==, 6);
  }
}

static void
test_combining (void)
{
  /* Marks after letters, several marks, a mark after punctuation, an
   * orphan mark at the start, Devanagari with its vowel signs and
   * virama, Hangul syllables, Thai (no dictionary: one run). */
  assert_tokens ("Jose\u0301 e\u0301\u0302x #\u0301 \u0301x हिन्दी 한국어 ภาษาไทย",
                 "Jose\u0301 e\u0301\u0302x #\u0301 \u0301 x हिन्दी 한국어 ภาษาไทย");
}

static void
test_invisible (void)
{
  /* Zero-width space, BOM, bidi embeddings, NBSP and the ideographic
   * space separate; a ZWNJ inside a Persian word does not. */
  assert_tokens ("\uFEFFStart a\u200Bb \u202Bשלום\u202C 10\u00A0000 東\u3000京 می\u200Cخواهم\ttab\vvt",
                 "Start a b שלום 10 000 東 京 می\u200Cخواهم tab vt");
}

static void
test_empty (void)
{
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (AttestToken));
  AttestTokenIter iter;
  AttestToken token;

  g_assert_cmpuint (attest_tokenize ("", 0, tokens), ==, 0);
  g_assert_cmpuint (attest_tokenize (" \r\n\t\u3000\n", -1, tokens), ==, 0);

  attest_token_iter_init (&iter, NULL, 0);
  g_assert_false (attest_token_iter_next (&iter, &token));
  g_assert_false (attest_token_iter_next (&iter, &token));
}

static void
test_no_final_newline (void)
{
  const char *text = "Ends here without a newline.";
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (AttestToken));
  const AttestToken *last;

  assert_tokens (text, "Ends here without a newline .");
  attest_tokenize (text, -1, tokens);
  last = &g_array_index (tokens, AttestToken, tokens->len - 1);
  g_assert_cmpuint (last->end, ==, strlen (text));
  g_assert_cmpuint (last->end_byte, ==, strlen (text));

  /* A length shorter than the string stops there, even mid-word. */
  g_array_set_size (tokens, 0);
  g_assert_cmpuint (attest_tokenize (text, 7, tokens), ==, 2);
  g_assert_cmpuint (g_array_index (tokens, AttestToken, 1).end_byte, ==, 7);
}

/* Long words cross the eight-byte blocks of the ASCII fast path at
 * every length and alignment, and end in each way a word can: white
 * space, a non-ASCII letter going on, a joiner, punctuation. */
static void
test_word_lengths (void)
{
  for (guint len = 1; len < 40; len++)
    for (guint lead = 0; lead < 9; lead++)
      {
        g_autoptr(GString) word = g_string_new (NULL);
        g_autofree char *text = NULL;
        g_autofree char *expected = NULL;
        g_autofree char *got = NULL;

        for (guint i = 0; i < len; i++)
          g_string_append_c (word, "aZq_x"[i % 5]);

        text = g_strdup_printf ("%*s%s %s\u00e9%s,%s-%s;", lead, "",
                                word->str, word->str, word->str, word->str, word->str);
        expected = g_strdup_printf ("%s %s\u00e9%s , %s-%s ;",
                                    word->str, word->str, word->str, word->str, word->str);
        got = tokens_of (text);
        g_assert_cmpstr (got, ==, expected);
      }
}

/* Random text from a pool of the hard characters: every invariant holds
 * and the tokenizer never reads outside the text. */
static void
test_random (void)
{
  static const char * const pool[] = {
    "a", "Z", "9", "_", " ", "\n", "\r\n", "\t", ".", ",", "'", "’", "\"", "-", "!", "?",
    "é", "e\u0301", "\u0301", "東", "の", "カ", "ー", "。", "「", "」", "ش", "ש", "״",
    "😀", "\U0001F3FD", "\u200D", "\uFE0F", "\U0001F1EB", "\u200B", "\u00A0", "€", "%",
    "𠀋", "Mr", "U.S", "…", "\u2029", "\U000E0067",
  };
  GRand *rand = g_rand_new_with_seed (20261130);

  for (guint round = 0; round < 3000; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 0, 40);

      for (guint i = 0; i < n; i++)
        g_string_append (text, pool[g_rand_int_range (rand, 0, G_N_ELEMENTS (pool))]);
      g_free (tokens_of (text->str));
    }

  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/attest/core/tokens/english", test_english);
  g_test_add_func ("/attest/core/tokens/quotes", test_quotes);
  g_test_add_func ("/attest/core/tokens/numbers", test_numbers);
  g_test_add_func ("/attest/core/tokens/apostrophes", test_apostrophes);
  g_test_add_func ("/attest/core/tokens/crlf", test_crlf);
  g_test_add_func ("/attest/core/tokens/japanese", test_japanese);
  g_test_add_func ("/attest/core/tokens/chinese", test_chinese);
  g_test_add_func ("/attest/core/tokens/rtl", test_rtl);
  g_test_add_func ("/attest/core/tokens/emoji", test_emoji);
  g_test_add_func ("/attest/core/tokens/combining", test_combining);
  g_test_add_func ("/attest/core/tokens/invisible", test_invisible);
  g_test_add_func ("/attest/core/tokens/empty", test_empty);
  g_test_add_func ("/attest/core/tokens/no-final-newline", test_no_final_newline);
  g_test_add_func ("/attest/core/tokens/word-lengths", test_word_lengths);
  g_test_add_func ("/attest/core/tokens/random", test_random);

  return g_test_run ();
}
