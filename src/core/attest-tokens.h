/* attest-tokens.h: words and sentences of an article, for token formats
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A rule-based tokenizer and sentence splitter for token formats (CoNLL).
 * It needs no model and no dictionary, and it walks the UTF-8 bytes once,
 * so a corpus tokenizes at the speed it is read.
 *
 * Tokens:
 * - a word is a run of letters, digits, combining marks and connector
 *   punctuation ("_"), joined across one inner character where a word
 *   goes on: an apostrophe before a letter ("don't", "Renée's", "O’Brien"),
 *   a hyphen between letters or digits ("well-known", "COVID-19"), a
 *   period between letters or digits ("3.5", "e.g", "example.com"), a
 *   comma between digits ("40,000"), a geresh or gershayim between Hebrew
 *   letters;
 * - a known abbreviation keeps its period ("Mr.", "Dr.", "etc.", "U.S.",
 *   an initial "F."); any other final period is a token of its own;
 * - currency signs, "%" and every other punctuation mark or symbol are
 *   tokens of one character (runs of "." "-" "!" "?" are one token: "...");
 *   every quotation mark (" ' “ ” ‘ ’ « » „ ‚ 「 」 『 』) is one;
 * - CJK: each Han and Hiragana character is a token; a run of Katakana
 *   (with ー) is one token, as it spells one loan word;
 * - Arabic, Hebrew, Cyrillic, Greek, Hangul, … are words like Latin.
 *   Scripts written without spaces other than CJK (Thai, Khmer, …) come
 *   out as whole runs: there is no dictionary;
 * - an emoji sequence stays whole: modifiers (skin tones), variation
 *   selectors, keycaps and tag characters attach, a zero-width joiner
 *   joins the next symbol, and regional indicators pair into flags;
 * - a combining mark always stays on the character before it;
 * - white space of any kind (Unicode Zs, Zl, Zp, controls) and invisible
 *   format characters that are not part of a sequence (bidi marks,
 *   zero-width space, BOM) separate tokens and are never inside one, so a
 *   token never holds a space or a tab.
 *
 * Sentences: a sentence ends after "." "!" "?" "…" (and the Arabic,
 * Devanagari, … ones) when white space or the end of the text follows,
 * together with any closing quotes and brackets right after the mark;
 * not when the next word begins with a lower-case letter ("“Why?” she
 * asked"), not after a title or other abbreviation that precedes a name
 * or number ("Mr.", "Dr.", "No.", "Jan.", an initial), and never inside a
 * number. "。" "！" "？" end a sentence whatever follows, with the closing
 * quotes right after them, unless Hiragana follows such a quote at once
 * (a quotative particle: 「…。」と言った). A blank line (two line breaks,
 * CRLF counting as one) always ends a sentence; a single line break does
 * not.
 *
 * Offsets are code points and UTF-8 bytes, half-open, over the text
 * given. */

typedef enum
{
  ATTEST_TOKEN_NONE            = 0,
  /* The token begins a sentence; the first token always does. */
  ATTEST_TOKEN_SENTENCE_START  = 1 << 0,
  /* A blank line (or the start of the text) comes before the token;
   * implies ATTEST_TOKEN_SENTENCE_START. */
  ATTEST_TOKEN_PARAGRAPH_START = 1 << 1,
} AttestTokenFlags;

typedef struct
{
  guint start;          /* code points */
  guint end;
  gsize start_byte;     /* UTF-8 bytes */
  gsize end_byte;
  guint flags;          /* AttestTokenFlags */
} AttestToken;

typedef struct
{
  /*< private >*/
  const guchar *data;
  const guchar *end;
  const guchar *pos;
  guint         cp;
  guint         pending;
  gboolean      started;
} AttestTokenIter;

/* @utf8 must be valid UTF-8 (an AttestText's data) and outlive the
 * iterator; @n_bytes may be -1 for a NUL-terminated string. Nothing is
 * allocated: the iterator lives on the stack. */
void      attest_token_iter_init  (AttestTokenIter *iter,
                                   const char      *utf8,
                                   gssize           n_bytes);
/* The next token into @token, or FALSE at the end of the text. */
gboolean  attest_token_iter_next  (AttestTokenIter *iter,
                                   AttestToken     *token);

/* All the tokens of @utf8 appended to @tokens, a GArray of AttestToken;
 * returns how many were added. */
guint     attest_tokenize         (const char      *utf8,
                                   gssize           n_bytes,
                                   GArray          *tokens);

G_END_DECLS
