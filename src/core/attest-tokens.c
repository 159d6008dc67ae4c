/* attest-tokens.c: words and sentences of an article, for token formats
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-tokens.h"

/* What a character does to tokens. Separators come last, so
 * `class >= CL_SPACE` tells them apart in one comparison. */
enum
{
  CL_LETTER,      /* a word letter (Latin, Cyrillic, Arabic, Hangul, connector "_") */
  CL_HEBREW,      /* a Hebrew letter: a word letter that takes geresh */
  CL_DIGIT,       /* Nd, Nl, No */
  CL_MARK,        /* extends the character before it: Mn Mc Me, VS, tags, most Cf */
  CL_ZWJ,         /* extends, and joins the next symbol of an emoji sequence */
  CL_IDEO,        /* Han, Hiragana: one token each */
  CL_KATA,        /* Katakana and ー: one token per run */
  CL_SYMBOL,      /* So: emoji and other symbols */
  CL_MODIFIER,    /* emoji skin tones: part of the symbol before */
  CL_RI,          /* regional indicators: two make a flag */
  CL_PUNCT,       /* any other mark or symbol: one character each */
  CL_CLOSE,       /* closing brackets and quotes of every style */
  CL_APOS,        /* ' and ’: an apostrophe inside a word, else a quote */
  CL_DQUOTE,      /* ": a quote, or gershayim between Hebrew letters */
  CL_GERESH,      /* ׳ ״ */
  CL_HYPHEN,      /* - ‐ ‑ */
  CL_PERIOD,      /* . */
  CL_COMMA,       /* , and the Arabic decimal and thousands separators */
  CL_TERM,        /* ! ? … ‼ ؟ ۔ । ॥: end a sentence before white space */
  CL_TERM_CJK,    /* 。 ｡ ！ ？: end a sentence whatever follows */
  CL_SPACE,       /* white space, controls, invisible separators */
  CL_LF,
  CL_CR,
  CL_LINE,        /* one line break: VT, NEL, U+2028 */
  CL_PARA,        /* a paragraph break: FF, U+2029 */
  CL_UTF8,        /* in byte_class: a byte of a multi-byte character */
};

/* What the last token leaves for the next one's sentence flag. */
enum
{
  PENDING_NONE,
  /* After "." "!" "?" …: the next token begins a sentence when white
   * space comes first and it does not begin with a lower-case letter. */
  PENDING_TERM,
  /* After "。" "！" "？": the next token begins a sentence. */
  PENDING_CJK,
  /* After "。」": unless Hiragana follows at once, as a quotative
   * particle does (「…。」と言った). */
  PENDING_CJK_QUOTED,
};

#define L  CL_LETTER
#define D  CL_DIGIT
#define P  CL_PUNCT
#define S  CL_SPACE

#define U8 CL_UTF8, CL_UTF8, CL_UTF8, CL_UTF8, CL_UTF8, CL_UTF8, CL_UTF8, CL_UTF8

/* The class of each byte, fixed at compile time: ASCII never calls into
 * GLib, and a word's letters are one table look-up each. */
static const guint8 byte_class[256] = {
  /* 0x00 */ S, S, S, S, S, S, S, S, S, S, CL_LF, CL_LINE, CL_PARA, CL_CR, S, S,
  /* 0x10 */ S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S,
  /* 0x20 */ S, CL_TERM, CL_DQUOTE, P, P, P, P, CL_APOS,
             P, CL_CLOSE, P, P, CL_COMMA, CL_HYPHEN, CL_PERIOD, P,
  /* 0x30 */ D, D, D, D, D, D, D, D, D, D, P, P, P, P, P, CL_TERM,
  /* 0x40 */ P, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,
  /* 0x50 */ L, L, L, L, L, L, L, L, L, L, L, P, P, CL_CLOSE, P, L,
  /* 0x60 */ P, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,
  /* 0x70 */ L, L, L, L, L, L, L, L, L, L, L, P, P, CL_CLOSE, P, S,
  /* 0x80 */ U8, U8, U8, U8, U8, U8, U8, U8, U8, U8, U8, U8, U8, U8, U8, U8,
};

#undef L
#undef D
#undef P
#undef S
#undef U8

/* The BMP's classes, computed once from GLib's tables (about a
 * millisecond); astral characters are classified as they come. */
static guint8 bmp_class[0x10000];
/* And plane 1's emoji blocks, U+1F000 to U+1FFFF, for emoji-heavy text. */
static guint8 emoji_class[0x1000];

static guint
classify_letter (gunichar u)
{
  GUnicodeScript script;

  if (u < 0x0590)
    return CL_LETTER;
  if (u < 0x0600 || (u >= 0xFB1D && u <= 0xFB4F))
    return CL_HEBREW;
  if (u < 0x2E80)
    return CL_LETTER;

  script = g_unichar_get_script (u);
  if (script == G_UNICODE_SCRIPT_HAN || script == G_UNICODE_SCRIPT_HIRAGANA)
    return CL_IDEO;
  if (script == G_UNICODE_SCRIPT_KATAKANA)
    return CL_KATA;
  return CL_LETTER;
}

static guint
classify (gunichar u)
{
  if (u < 0x80)
    return byte_class[u];

  switch (u)
    {
    case 0x2019:                                /* ’ */
      return CL_APOS;
    case 0x2010: case 0x2011:
      return CL_HYPHEN;
    case 0x2026: case 0x203C: case 0x2047: case 0x2048: case 0x2049:
    case 0x061F: case 0x06D4: case 0x0964: case 0x0965: case 0x1362:
      return CL_TERM;
    case 0x3002: case 0xFF61: case 0xFF01: case 0xFF1F:
      return CL_TERM_CJK;
    case 0x05F3: case 0x05F4:
      return CL_GERESH;
    case 0x066B: case 0x066C:
      return CL_COMMA;
    case 0x200D:
      return CL_ZWJ;
    case 0x0085: case 0x2028:
      return CL_LINE;
    case 0x2029:
      return CL_PARA;
    /* Invisible, and not part of a word: zero-width space, word joiner,
     * BOM, bidi marks and embeddings, the Mongolian vowel separator. */
    case 0x200B: case 0x2060: case 0xFEFF: case 0x200E: case 0x200F:
    case 0x061C: case 0x180E:
      return CL_SPACE;
    /* Script Common, but they belong to Katakana words. */
    case 0x30FC: case 0xFF70: case 0xFF9E: case 0xFF9F:
      return CL_KATA;
    default:
      break;
    }

  if ((u >= 0x202A && u <= 0x202E) || (u >= 0x2066 && u <= 0x2069))
    return CL_SPACE;
  if (u >= 0x1F1E6 && u <= 0x1F1FF)
    return CL_RI;
  if (u >= 0x1F3FB && u <= 0x1F3FF)
    return CL_MODIFIER;

  switch (g_unichar_type (u))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
      return classify_letter (u);
    case G_UNICODE_CONNECT_PUNCTUATION:
      return CL_LETTER;
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
      return CL_DIGIT;
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_FORMAT:                      /* ZWNJ, soft hyphen, tags */
      return CL_MARK;
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION:
      return CL_CLOSE;
    case G_UNICODE_OTHER_SYMBOL:
      return CL_SYMBOL;
    case G_UNICODE_SPACE_SEPARATOR:
    case G_UNICODE_CONTROL:
      return CL_SPACE;
    case G_UNICODE_LINE_SEPARATOR:
      return CL_LINE;
    case G_UNICODE_PARAGRAPH_SEPARATOR:
      return CL_PARA;
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_OPEN_PUNCTUATION:
    case G_UNICODE_OTHER_PUNCTUATION:
    case G_UNICODE_MATH_SYMBOL:
    case G_UNICODE_CURRENCY_SYMBOL:
    case G_UNICODE_MODIFIER_SYMBOL:
    case G_UNICODE_PRIVATE_USE:
    case G_UNICODE_SURROGATE:
    case G_UNICODE_UNASSIGNED:
    default:
      return CL_PUNCT;
    }
}

/* The text is valid UTF-8, so the lead byte gives the length; a sequence
 * cut off by the end of the buffer (a caller's mistake) is read as one
 * replacement character so that nothing reads past the end. */
static inline gunichar
decode (const guchar *p,
        const guchar *end,
        guint        *len)
{
  guchar b = p[0];

  if (b < 0xE0)
    {
      if (p + 1 < end)
        {
          *len = 2;
          return ((b & 0x1F) << 6) | (p[1] & 0x3F);
        }
    }
  else if (b < 0xF0)
    {
      if (p + 2 < end)
        {
          *len = 3;
          return ((b & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
        }
    }
  else if (p + 3 < end)
    {
      *len = 4;
      return ((b & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
    }

  *len = 1;
  return 0xFFFD;
}

static inline guint
class_of (gunichar u)
{
  if (u < 0x10000)
    return bmp_class[u];
  if (u - 0x1F000 < 0x1000)
    return emoji_class[u - 0x1F000];
  return classify (u);
}

/* The class of the character at @p (< end), its value and length. */
static inline guint
peek (const guchar *p,
      const guchar *end,
      gunichar     *u,
      guint        *len)
{
  guint c = byte_class[*p];

  if (c != CL_UTF8)
    {
      *u = *p;
      *len = 1;
      return c;
    }

  *u = decode (p, end, len);
  return class_of (*u);
}

/* Marks, joiners and selectors after a token's last character. */
static inline const guchar *
skip_marks (const guchar *p,
            const guchar *end,
            guint        *cp)
{
  gunichar u;
  guint len;

  while (p < end)
    {
      guint k = peek (p, end, &u, &len);

      if (k != CL_MARK && k != CL_ZWJ)
        break;
      p += len;
      (*cp)++;
    }

  return p;
}

static inline gboolean
is_alnum (guint c)
{
  return c <= CL_DIGIT;
}

static inline gboolean
is_letter (guint c)
{
  return c <= CL_HEBREW;
}

/* SWAR over eight bytes: 0x80 in each byte of @y (bytes below 0x80)
 * that lies in [lo, hi]. Neither sum carries out of its byte. */
#define ONES G_GUINT64_CONSTANT (0x0101010101010101)
#define IN_RANGE(y, lo, hi) (((y) + ONES * (0x80 - (lo))) & ~((y) + ONES * (0x7F - (hi))))

/* Which byte of @bits (one 0x80 per byte that stops the run) comes
 * first in memory. */
static inline guint
first_byte (guint64 bits)
{
#if defined(__GNUC__)
  return __builtin_ctzll (bits) >> 3;
#else
  guint i = 0;

  for (; (bits & 0x80) == 0; bits >>= 8)
    i++;
  return i;
#endif
}

/* The end of the run of ASCII letters, digits and "_" at @p, eight bytes
 * at a time: a loop over the letters would mispredict its exit at the
 * end of nearly every word, which costs more than the rest of the token. */
static inline const guchar *
skip_ascii_alnum (const guchar *p,
                  const guchar *end)
{
  while (end - p >= 8)
    {
      guint64 x;
      guint64 y;
      guint64 alnum;
      guint64 stop;

      memcpy (&x, p, 8);
      x = GUINT64_FROM_LE (x);
      y = x & (ONES * 0x7F);
      alnum = IN_RANGE (y | (ONES * 0x20), 0x61, 0x7A) |
              IN_RANGE (y, 0x30, 0x39) |
              IN_RANGE (y, 0x5F, 0x5F);
      stop = ~(alnum & ~x) & (ONES * 0x80);
      if (stop != 0)
        return p + first_byte (stop);
      p += 8;
    }

  while (p < end && is_alnum (byte_class[*p]))
    p++;

  return p;
}

#undef IN_RANGE
#undef ONES

/* Whether @joiner, after a word character of class @last and before one
 * of class @next, keeps the word going. */
static inline gboolean
joins (guint joiner,
       guint last,
       guint next)
{
  switch (joiner)
    {
    case CL_PERIOD:
    case CL_HYPHEN:
      return is_alnum (last) && is_alnum (next);
    case CL_COMMA:
      return last == CL_DIGIT && next == CL_DIGIT;
    case CL_APOS:
      return is_alnum (last) && is_letter (next);
    case CL_DQUOTE:
    case CL_GERESH:
      return last == CL_HEBREW && next == CL_HEBREW;
    default:
      return FALSE;
    }
}

/* Abbreviations that keep their period. Those in the first list come
 * before a name or a number and never end a sentence; after the others
 * ("Inc.", "etc.", "U.S.") a sentence ends as after any period. */
static const char * const abbrev_no_break[] = {
  "Adm", "Apr", "Aug", "Ave", "Blvd", "Capt", "Cdr", "Cmdr", "Col", "Dec",
  "Det", "Dr", "Feb", "Fig", "Fr", "Ft", "Gen", "Gov", "Hon", "Insp",
  "Jan", "Jul", "Jun", "Lt", "Maj", "Mar", "Messrs", "Mlle", "Mme", "Mr",
  "Mrs", "Ms", "Mt", "Mx", "No", "Nos", "Nov", "Nr", "Oct", "Pres",
  "Prof", "Rd", "Rep", "Rev", "Sen", "Sep", "Sept", "Sgt", "St", "Ste",
  "Supt", "Vol", "approx", "ca", "cf", "e.g", "fig", "i.e", "no", "pp",
  "v", "viz", "vol", "vs",
};

static const char * const abbrev_break[] = {
  "Bros", "Co", "Corp", "Esq", "Inc", "Jr", "Ltd", "Ph.D", "Pty", "Sr",
  "al", "etc", "plc",
};

typedef enum
{
  ABBREV_NONE,
  ABBREV_NO_BREAK,
  ABBREV_BREAK,
} AbbrevKind;

/* Both lists packed eight bytes to a number and sorted, so that looking
 * a word up (once per period after a word) is a binary search over
 * integers. */
typedef struct
{
  guint64    packed;
  AbbrevKind kind;
} Abbrev;

static Abbrev abbrevs[G_N_ELEMENTS (abbrev_no_break) + G_N_ELEMENTS (abbrev_break)];

static inline guint64
pack (const void *word,
      gsize       len)
{
  guint64 packed = 0;

  g_assert (len <= sizeof packed);
  memcpy (&packed, word, len);
  return packed;
}

static int
abbrev_compare (const void *a,
                const void *b)
{
  const Abbrev *x = a;
  const Abbrev *y = b;

  return (x->packed > y->packed) - (x->packed < y->packed);
}

static void
init_abbrevs (void)
{
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (abbrev_no_break); i++, n++)
    abbrevs[n] = (Abbrev) { pack (abbrev_no_break[i], strlen (abbrev_no_break[i])),
                            ABBREV_NO_BREAK };
  for (guint i = 0; i < G_N_ELEMENTS (abbrev_break); i++, n++)
    abbrevs[n] = (Abbrev) { pack (abbrev_break[i], strlen (abbrev_break[i])), ABBREV_BREAK };
  qsort (abbrevs, n, sizeof abbrevs[0], abbrev_compare);
}

static AbbrevKind
lookup_abbrev (guint64 packed)
{
  guint lo = 0;
  guint hi = G_N_ELEMENTS (abbrevs);

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (abbrevs[mid].packed == packed)
        return abbrevs[mid].kind;
      if (abbrevs[mid].packed < packed)
        lo = mid + 1;
      else
        hi = mid;
    }

  return ABBREV_NONE;
}

/* Single letters with periods between them: "U.S", "a.m". */
static gboolean
is_initialism (const guchar *word,
               gsize         len)
{
  if (len < 3 || len % 2 == 0)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    if (i % 2 == 0 ? !g_ascii_isalpha (word[i]) : word[i] != '.')
      return FALSE;

  return TRUE;
}

/* @len is at most 8. */
static AbbrevKind
abbreviation_kind (const guchar *word,
                   gsize         len)
{
  AbbrevKind kind;

  if (len == 1 && g_ascii_isupper (word[0]))
    return ABBREV_NO_BREAK;                     /* an initial: "John F. Kennedy" */

  if ((kind = lookup_abbrev (pack (word, len))) != ABBREV_NONE)
    return kind;
  if (is_initialism (word, len))
    return ABBREV_BREAK;

  return ABBREV_NONE;
}

static void
init_tables (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (gunichar u = 0; u < 0x10000; u++)
        bmp_class[u] = (guint8) classify (u);
      for (gunichar u = 0; u < 0x1000; u++)
        emoji_class[u] = (guint8) classify (0x1F000 + u);
      init_abbrevs ();
      g_once_init_leave (&initialized, 1);
    }
}

void
attest_token_iter_init (AttestTokenIter *iter,
                        const char      *utf8,
                        gssize           n_bytes)
{
  g_return_if_fail (iter != NULL);
  g_return_if_fail (utf8 != NULL || n_bytes == 0);

  init_tables ();

  if (utf8 == NULL)
    utf8 = "";
  if (n_bytes < 0)
    n_bytes = strlen (utf8);

  iter->data = (const guchar *) utf8;
  iter->end = iter->data + n_bytes;
  iter->pos = iter->data;
  iter->cp = 0;
  iter->pending = PENDING_NONE;
  iter->started = FALSE;
}

/* The tokenizer proper; inlined into attest_tokenize()'s loop, where the
 * iterator lives in registers. */
G_ALWAYS_INLINE
static inline gboolean
scan_token (AttestTokenIter *iter,
            AttestToken     *token)
{
  const guchar *p;
  const guchar *end;
  const guchar *start;
  guint cp;
  guint start_cp;
  guint breaks = 0;
  gboolean gap = FALSE;
  gboolean absorbed = FALSE;
  guint pending = PENDING_NONE;
  guint flags = ATTEST_TOKEN_NONE;
  guint c;
  guint k;
  guint len;
  gunichar u;
  gunichar v;

  p = iter->pos;
  end = iter->end;
  cp = iter->cp;

  if (p + 1 < end && *p == ' ' && byte_class[p[1]] < CL_SPACE)
    {
      /* The common case: one space, then an ASCII character. */
      gap = TRUE;
      p++;
      cp++;
      u = *p;
      len = 1;
      c = byte_class[u];
    }
  else
    {
      /* White space before the token: count line breaks, CRLF as one. */
      for (;;)
        {
          if (p >= end)
            {
              iter->pos = p;
              iter->cp = cp;
              return FALSE;
            }

          c = peek (p, end, &u, &len);
          if (c < CL_SPACE)
            break;

          if (c == CL_LF || c == CL_LINE || (c == CL_CR && (p + 1 >= end || p[1] != '\n')))
            breaks++;
          else if (c == CL_PARA)
            breaks += 2;
          gap = TRUE;
          p += len;
          cp++;
        }
    }

  start = p;
  start_cp = cp;

  if (!iter->started || breaks >= 2)
    {
      flags = ATTEST_TOKEN_SENTENCE_START | ATTEST_TOKEN_PARAGRAPH_START;
    }
  else if (iter->pending != PENDING_NONE)
    {
      if (!gap && (c == CL_CLOSE || c == CL_APOS || c == CL_DQUOTE))
        absorbed = TRUE;                        /* ."  ?”  。」 stay with the sentence */
      else if (iter->pending == PENDING_CJK)
        flags = ATTEST_TOKEN_SENTENCE_START;
      else if (iter->pending == PENDING_CJK_QUOTED)
        flags = gap || !(u >= 0x3041 && u <= 0x309F) ? ATTEST_TOKEN_SENTENCE_START : 0;
      else if (gap &&
               !(c == CL_LETTER && (u < 0x80 ? g_ascii_islower (u) : g_unichar_islower (u))))
        flags = ATTEST_TOKEN_SENTENCE_START;
    }

  p += len;
  cp++;

  switch (c)
    {
    case CL_LETTER:
    case CL_HEBREW:
    case CL_DIGIT:
      {
        guint last = c;
        gboolean ascii = u < 0x80;

        for (;;)
          {
            const guchar *run = p;

            /* The common case: ASCII letters and digits. */
            p = skip_ascii_alnum (p, end);
            if (p != run)
              {
                cp += p - run;
                last = byte_class[p[-1]];
              }
            if (p >= end)
              break;

            k = byte_class[*p];
            len = 1;
            if (k == CL_UTF8)
              {
                v = decode (p, end, &len);
                k = class_of (v);
                ascii = FALSE;
              }

            if (is_alnum (k))
              {
                last = k;
              }
            else if (k >= CL_APOS && k <= CL_COMMA && p + len < end)
              {
                guint len2;
                guint k2 = peek (p + len, end, &v, &len2);

                if (!joins (k, last, k2))
                  break;
                if (v >= 0x80)
                  ascii = FALSE;
                last = k2;
                p += len;
                cp++;
                len = len2;
              }
            else if (k != CL_MARK && k != CL_ZWJ)
              {
                break;
              }

            p += len;
            cp++;
          }

        if (ascii && p < end && *p == '.' && (p + 1 >= end || p[1] != '.') && p - start <= 8)
          {
            AbbrevKind kind = abbreviation_kind (start, p - start);

            if (kind != ABBREV_NONE)
              {
                p++;
                cp++;
                pending = kind == ABBREV_BREAK ? PENDING_TERM : PENDING_NONE;
              }
          }
      }
      break;

    case CL_KATA:
      while (p < end)
        {
          k = peek (p, end, &v, &len);
          if (k != CL_KATA && k != CL_MARK && k != CL_ZWJ)
            break;
          p += len;
          cp++;
        }
      break;

    case CL_SYMBOL:
    case CL_MODIFIER:
      while (p < end)
        {
          k = peek (p, end, &v, &len);
          if (k == CL_ZWJ && p + len < end)
            {
              guint len2;
              guint k2 = peek (p + len, end, &v, &len2);

              if (k2 == CL_SYMBOL || k2 == CL_MODIFIER)
                {
                  p += len;
                  cp++;
                  len = len2;
                }
            }
          else if (k != CL_MARK && k != CL_MODIFIER && k != CL_ZWJ)
            {
              break;
            }
          p += len;
          cp++;
        }
      break;

    case CL_RI:
      if (p < end && peek (p, end, &v, &len) == CL_RI)
        {
          p += len;
          cp++;
        }
      p = skip_marks (p, end, &cp);
      break;

    case CL_PERIOD:
    case CL_TERM:
    case CL_TERM_CJK:
    case CL_HYPHEN:
      /* "...", "?!", "--" are one token. */
      while (p < end && (k = peek (p, end, &v, &len)) == c)
        {
          p += len;
          cp++;
        }
      if (c == CL_TERM_CJK)
        pending = PENDING_CJK;
      else if (c != CL_HYPHEN)
        pending = PENDING_TERM;
      p = skip_marks (p, end, &cp);
      break;

    case CL_MARK:
    case CL_ZWJ:
    case CL_IDEO:
    case CL_PUNCT:
    case CL_CLOSE:
    case CL_APOS:
    case CL_DQUOTE:
    case CL_GERESH:
    case CL_COMMA:
    default:
      p = skip_marks (p, end, &cp);
      break;
    }

  iter->started = TRUE;
  if (!absorbed)
    iter->pending = pending;
  else if (iter->pending == PENDING_CJK)
    iter->pending = PENDING_CJK_QUOTED;
  iter->pos = p;
  iter->cp = cp;

  token->start = start_cp;
  token->end = cp;
  token->start_byte = start - iter->data;
  token->end_byte = p - iter->data;
  token->flags = flags;

  return TRUE;
}

gboolean
attest_token_iter_next (AttestTokenIter *iter,
                        AttestToken     *token)
{
  g_return_val_if_fail (iter != NULL, FALSE);
  g_return_val_if_fail (token != NULL, FALSE);

  return scan_token (iter, token);
}

guint
attest_tokenize (const char *utf8,
                 gssize      n_bytes,
                 GArray     *tokens)
{
  AttestTokenIter iter;
  AttestToken *slots;
  guint before;
  guint capacity;
  guint n;

  g_return_val_if_fail (tokens != NULL, 0);
  g_return_val_if_fail (g_array_get_element_size (tokens) == sizeof (AttestToken), 0);

  /* Tokens are written into the array's slots, which grow by doubling:
   * appending one by one would copy each token through a call. */
  before = n = capacity = tokens->len;
  slots = (AttestToken *) (gpointer) tokens->data;
  attest_token_iter_init (&iter, utf8, n_bytes);
  for (;;)
    {
      if (n == capacity)
        {
          capacity = MAX (2 * n, n + 256);
          g_array_set_size (tokens, capacity);
          slots = (AttestToken *) (gpointer) tokens->data;
        }
      if (!scan_token (&iter, &slots[n]))
        break;
      n++;
    }
  g_array_set_size (tokens, n);

  return n - before;
}
