/* attest-text.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-error.h"
#include "attest-text.h"

/* The offset index is two-level so that it stays small: every BLOCK code
 * points we record the byte and UTF-16 offsets as 16-bit deltas from the
 * start of their superblock, and every SUPER code points the absolute
 * offsets as 32-bit values.  A superblock spans at most
 * (SUPER - BLOCK) * 4 = 65024 bytes up to its last block, so the deltas
 * fit in a guint16.  That is 4 bytes per 128 code points (2 when the text
 * has no astral characters, as UTF-16 offsets then equal code points):
 * about 310 KB for 10 million code points, instead of 8 bytes per
 * checkpoint with flat guint32 arrays.
 */
#define BLOCK_SHIFT     7
#define BLOCK           (1u << BLOCK_SHIFT)
#define SUPER_SHIFT     14
#define BLOCKS_PER_SUPER (1u << (SUPER_SHIFT - BLOCK_SHIFT))

/* Article files larger than this are refused before they are read. */
#define MAX_FILE_SIZE   (256u * 1024u * 1024u)

#define ASCII_MASK      G_GUINT64_CONSTANT (0x8080808080808080)
#define ONES            G_GUINT64_CONSTANT (0x0101010101010101)

struct _AttestText
{
  gatomicrefcount  ref_count;

  char            *data;
  gsize            n_bytes;
  guint            length;
  guint            n_utf16;

  /* Set only for non-ASCII text.  utf16 arrays only when the text holds
   * astral characters. */
  guint            n_blocks;
  guint            n_supers;
  guint16         *block_byte;
  guint16         *block_utf16;
  guint32         *super_byte;
  guint32         *super_utf16;

  /* Lower-case hex, installed atomically on first use. */
  char            *sha256;

  guint            is_ascii : 1;
};

G_DEFINE_BOXED_TYPE (AttestText, attest_text, attest_text_ref, attest_text_unref)

static inline guint64
load_word (const guchar *p)
{
  guint64 w;

  /* memcpy keeps unaligned reads legal; compilers turn it into one load. */
  memcpy (&w, p, sizeof w);
  return w;
}

/* Number of bytes whose top bits are 10 (continuation bytes) in @w. */
static inline guint
count_continuation (guint64 w)
{
  guint64 c = w & ~(w << 1) & ASCII_MASK;

  return (guint) (((c >> 7) * ONES) >> 56);
}

/* Number of bytes whose top bits are 1111 (leads of 4-byte sequences,
 * i.e. astral characters in valid UTF-8) in @w. */
static inline guint
count_four_byte_leads (guint64 w)
{
  guint64 c = w & (w << 1) & (w << 2) & (w << 3) & ASCII_MASK;

  return (guint) (((c >> 7) * ONES) >> 56);
}

static inline gboolean
is_continuation (guchar c)
{
  return (c & 0xC0) == 0x80;
}

static inline guint
sequence_length (guchar lead)
{
  if (lead < 0x80)
    return 1;
  if (lead < 0xE0)
    return 2;
  if (lead < 0xF0)
    return 3;
  return 4;
}

guint
attest_utf8_length (const char *utf8,
                    gsize       n_bytes)
{
  const guchar *p = (const guchar *) utf8;
  const guchar *end;
  gsize n_cont = 0;

  g_return_val_if_fail (utf8 != NULL || n_bytes == 0, 0);

  end = p + n_bytes;

  /* Every byte that is not a continuation byte starts a code point. */
  while (end - p >= 32)
    {
      n_cont += count_continuation (load_word (p))
              + count_continuation (load_word (p + 8))
              + count_continuation (load_word (p + 16))
              + count_continuation (load_word (p + 24));
      p += 32;
    }
  while (end - p >= 8)
    {
      n_cont += count_continuation (load_word (p));
      p += 8;
    }
  for (; p < end; p++)
    n_cont += is_continuation (*p);

  return (guint) (n_bytes - n_cont);
}

static guint
count_astral (const guchar *p,
              gsize         n_bytes)
{
  const guchar *end = p + n_bytes;
  guint n = 0;

  while (end - p >= 8)
    {
      n += count_four_byte_leads (load_word (p));
      p += 8;
    }
  for (; p < end; p++)
    n += *p >= 0xF0;

  return n;
}

/* Skips @n_cp code points of valid UTF-8 from @p. */
static inline const guchar *
skip_code_points (const guchar *p,
                  const guchar *end,
                  guint         n_cp)
{
  g_assert (p != NULL);

  while (n_cp > 0 && p < end)
    {
      if (n_cp >= 8 && end - p >= 8 && (load_word (p) & ASCII_MASK) == 0)
        {
          p += 8;
          n_cp -= 8;
          continue;
        }

      p += sequence_length (*p);
      n_cp--;
    }

  return p;
}

/* Strict UTF-8 as in Unicode table 3-7: no overlongs, no surrogates,
 * nothing above U+10FFFF.  Returns the offset of the first byte of the
 * first ill-formed sequence, or @len when all of it is valid. */
static gsize
find_invalid_utf8 (const guchar *data,
                   gsize         len)
{
  const guchar *p = data;
  const guchar *end = data + len;

  g_assert (data != NULL || len == 0);

  while (p < end)
    {
      guchar c = *p;
      guchar lo = 0x80;
      guchar hi = 0xBF;
      guint n;

      if (c < 0x80)
        {
          /* Articles are mostly ASCII: skip it a word at a time. */
          p++;
          while (end - p >= 16 &&
                 ((load_word (p) | load_word (p + 8)) & ASCII_MASK) == 0)
            p += 16;
          continue;
        }

      if (c >= 0xC2 && c <= 0xDF)
        n = 1;
      else if (c >= 0xE0 && c <= 0xEF)
        {
          n = 2;
          if (c == 0xE0)
            lo = 0xA0;
          else if (c == 0xED)
            hi = 0x9F;
        }
      else if (c >= 0xF0 && c <= 0xF4)
        {
          n = 3;
          if (c == 0xF0)
            lo = 0x90;
          else if (c == 0xF4)
            hi = 0x8F;
        }
      else
        return p - data;

      if ((gsize) (end - p) <= n)
        return p - data;
      if (p[1] < lo || p[1] > hi)
        return p - data;
      for (guint i = 2; i <= n; i++)
        {
          if (!is_continuation (p[i]))
            return p - data;
        }

      p += n + 1;
    }

  return len;
}

static void
build_index (AttestText *self,
             guint       n_astral)
{
  const guchar *data = (const guchar *) self->data;
  const guchar *end = data + self->n_bytes;
  const guchar *p = data;
  guint32 super_byte = 0;
  guint32 super_utf16 = 0;
  guint utf16 = 0;

  g_assert (self != NULL);
  g_assert (!self->is_ascii);

  /* A block for every multiple of BLOCK up to and including the length,
   * so the end of the text has one too. */
  self->n_blocks = (self->length >> BLOCK_SHIFT) + 1;
  self->n_supers = (self->length >> SUPER_SHIFT) + 1;
  self->block_byte = g_new (guint16, self->n_blocks);
  self->super_byte = g_new (guint32, self->n_supers);
  if (n_astral > 0)
    {
      self->block_utf16 = g_new (guint16, self->n_blocks);
      self->super_utf16 = g_new (guint32, self->n_supers);
    }

  for (guint b = 0; b < self->n_blocks; b++)
    {
      const guchar *next;

      if ((b & (BLOCKS_PER_SUPER - 1)) == 0)
        {
          super_byte = (guint32) (p - data);
          super_utf16 = utf16;
          self->super_byte[b / BLOCKS_PER_SUPER] = super_byte;
          if (self->super_utf16 != NULL)
            self->super_utf16[b / BLOCKS_PER_SUPER] = super_utf16;
        }

      self->block_byte[b] = (guint16) ((guint32) (p - data) - super_byte);
      if (self->block_utf16 != NULL)
        self->block_utf16[b] = (guint16) (utf16 - super_utf16);

      next = skip_code_points (p, end, BLOCK);
      if (self->block_utf16 != NULL)
        utf16 += attest_utf8_length ((const char *) p, next - p) + count_astral (p, next - p);
      p = next;
    }
}

static void
set_too_large_error (GError **error,
                     gsize    len)
{
  g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_TOO_LARGE,
               "the text is too large (%" G_GSIZE_FORMAT " bytes; "
               "Attest handles up to %u bytes)",
               len, G_MAXUINT32);
}

static AttestText *
text_new_take (char    *utf8,
               gsize    len,
               gsize    error_base,
               GError **error)
{
  g_autofree char *owned = utf8;
  g_autoptr(AttestText) self = NULL;
  const char *nul;
  gsize bad;
  guint n_astral = 0;

  g_assert (utf8 != NULL);

  if (len > G_MAXUINT32)
    {
      set_too_large_error (error, len);
      return NULL;
    }

  /* A NUL means a binary file: say so rather than pointing at whatever
   * invalid UTF-8 a binary file is likely to have before it. */
  nul = memchr (utf8, '\0', len);
  if (nul != NULL)
    {
      g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_BINARY,
                   "contains a NUL byte at byte %" G_GSIZE_FORMAT ": "
                   "this looks like a binary file, not an article",
                   error_base + (gsize) (nul - utf8));
      return NULL;
    }

  bad = find_invalid_utf8 ((const guchar *) utf8, len);
  if (bad < len)
    {
      g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_INVALID_UTF8,
                   "invalid UTF-8 at byte %" G_GSIZE_FORMAT,
                   error_base + bad);
      return NULL;
    }

  /* The buffer is ours now; make sure it ends where we say it does. */
  utf8[len] = '\0';

  self = g_new0 (AttestText, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->data = g_steal_pointer (&owned);
  self->n_bytes = len;
  self->length = attest_utf8_length (self->data, len);
  self->is_ascii = self->length == len;

  if (!self->is_ascii)
    {
      n_astral = count_astral ((const guchar *) self->data, len);
      build_index (self, n_astral);
    }

  self->n_utf16 = self->length + n_astral;

  return g_steal_pointer (&self);
}

/**
 * attest_text_new:
 * @utf8: the text
 * @len: its length in bytes, or -1 if it is NUL-terminated
 * @error: a location for a #GError
 *
 * Creates a text from a copy of @utf8, which must be strict UTF-8 without
 * NUL bytes.  A BOM is kept as a character.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL with @error set
 */
AttestText *
attest_text_new (const char  *utf8,
                 gssize       len,
                 GError     **error)
{
  char *copy;

  g_return_val_if_fail (utf8 != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len < 0)
    len = strlen (utf8);

  /* Refuse before copying, so an absurd length never allocates. */
  if ((gsize) len > G_MAXUINT32)
    {
      set_too_large_error (error, len);
      return NULL;
    }

  copy = g_malloc (len + 1);
  if (len > 0)
    memcpy (copy, utf8, len);
  copy[len] = '\0';

  return text_new_take (copy, len, 0, error);
}

/**
 * attest_text_new_take:
 * @utf8: (transfer full): a g_malloc()ed string of @len bytes plus a NUL
 * @len: its length in bytes
 * @error: a location for a #GError
 *
 * Like attest_text_new() but takes ownership of @utf8, also on failure
 * (it is then freed).
 *
 * Returns: (transfer full) (nullable): the text, or %NULL with @error set
 */
AttestText *
attest_text_new_take (char    *utf8,
                      gsize    len,
                      GError **error)
{
  g_return_val_if_fail (utf8 != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return text_new_take (utf8, len, 0, error);
}

AttestText *
attest_text_ref (AttestText *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
attest_text_unref (AttestText *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->data);
      g_free (self->block_byte);
      g_free (self->block_utf16);
      g_free (self->super_byte);
      g_free (self->super_utf16);
      g_free (self->sha256);
      g_free (self);
    }
}

const char *
attest_text_get_data (const AttestText *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->data;
}

gsize
attest_text_get_n_bytes (const AttestText *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_bytes;
}

guint
attest_text_get_length (const AttestText *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->length;
}

guint
attest_text_get_n_utf16 (const AttestText *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_utf16;
}

gboolean
attest_text_is_ascii (const AttestText *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->is_ascii;
}

/**
 * attest_text_get_sha256:
 * @self: a text
 *
 * The SHA-256 of the UTF-8 bytes as lower-case hex.  Computed on first
 * use; safe to call from several threads.
 *
 * Returns: (transfer none): the digest
 */
const char *
attest_text_get_sha256 (AttestText *self)
{
  char *sha256;

  g_return_val_if_fail (self != NULL, NULL);

  sha256 = g_atomic_pointer_get (&self->sha256);
  if (sha256 != NULL)
    return sha256;

  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                        (const guchar *) self->data,
                                        self->n_bytes);
  if (!g_atomic_pointer_compare_and_exchange (&self->sha256, NULL, sha256))
    {
      /* Another thread was first: both digests are equal. */
      g_free (sha256);
      sha256 = g_atomic_pointer_get (&self->sha256);
    }

  return sha256;
}

static inline gsize
block_byte_offset (const AttestText *self,
                   guint             block)
{
  g_assert (block < self->n_blocks);

  return self->super_byte[block / BLOCKS_PER_SUPER] + self->block_byte[block];
}

static inline guint
block_utf16_offset (const AttestText *self,
                    guint             block)
{
  g_assert (block < self->n_blocks);
  g_assert (self->block_utf16 != NULL);

  return self->super_utf16[block / BLOCKS_PER_SUPER] + self->block_utf16[block];
}

gsize
attest_text_cp_to_byte (const AttestText *self,
                        guint             cp)
{
  const guchar *data;
  const guchar *p;

  g_return_val_if_fail (self != NULL, 0);

  if (cp >= self->length)
    return self->n_bytes;
  if (self->is_ascii)
    return cp;

  data = (const guchar *) self->data;
  p = data + block_byte_offset (self, cp >> BLOCK_SHIFT);
  p = skip_code_points (p, data + self->n_bytes, cp & (BLOCK - 1));

  return p - data;
}

guint
attest_text_byte_to_cp (const AttestText *self,
                        gsize             byte)
{
  const guchar *data;
  guint lo, hi, s;
  gsize base;

  g_return_val_if_fail (self != NULL, 0);

  if (byte >= self->n_bytes)
    return self->length;
  if (self->is_ascii)
    return (guint) byte;

  data = (const guchar *) self->data;

  /* Not on a boundary is the caller's bug; the character that contains
   * the byte is the least surprising answer. */
  while (byte > 0 && is_continuation (data[byte]))
    byte--;

  /* Last superblock, then last block in it, that starts at or before
   * @byte.  Both are strictly increasing. */
  lo = 0;
  hi = self->n_supers;
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->super_byte[mid] <= byte)
        lo = mid;
      else
        hi = mid;
    }
  s = lo;
  base = self->super_byte[s];

  lo = s * BLOCKS_PER_SUPER;
  hi = MIN (self->n_blocks, lo + BLOCKS_PER_SUPER);
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (base + self->block_byte[mid] <= byte)
        lo = mid;
      else
        hi = mid;
    }

  base += self->block_byte[lo];

  return (lo << BLOCK_SHIFT) + attest_utf8_length ((const char *) data + base, byte - base);
}

guint
attest_text_cp_to_utf16 (const AttestText *self,
                         guint             cp)
{
  const guchar *data;
  const guchar *p;
  const guchar *q;
  guint block;

  g_return_val_if_fail (self != NULL, 0);

  if (cp >= self->length)
    return self->n_utf16;
  if (self->block_utf16 == NULL)
    return cp;

  data = (const guchar *) self->data;
  block = cp >> BLOCK_SHIFT;
  p = data + block_byte_offset (self, block);
  q = skip_code_points (p, data + self->n_bytes, cp & (BLOCK - 1));

  return block_utf16_offset (self, block) + (cp & (BLOCK - 1)) + count_astral (p, q - p);
}

guint
attest_text_utf16_to_cp (const AttestText *self,
                         guint             utf16)
{
  const guchar *data;
  const guchar *end;
  const guchar *p;
  guint lo, hi, s;
  guint base, cp;

  g_return_val_if_fail (self != NULL, 0);

  if (utf16 >= self->n_utf16)
    return self->length;
  if (self->block_utf16 == NULL)
    return utf16;

  lo = 0;
  hi = self->n_supers;
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->super_utf16[mid] <= utf16)
        lo = mid;
      else
        hi = mid;
    }
  s = lo;
  base = self->super_utf16[s];

  lo = s * BLOCKS_PER_SUPER;
  hi = MIN (self->n_blocks, lo + BLOCKS_PER_SUPER);
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (base + self->block_utf16[mid] <= utf16)
        lo = mid;
      else
        hi = mid;
    }

  base += self->block_utf16[lo];
  cp = lo << BLOCK_SHIFT;

  data = (const guchar *) self->data;
  end = data + self->n_bytes;
  p = data + block_byte_offset (self, lo);

  while (p < end)
    {
      guint width;

      if (utf16 - base >= 8 && end - p >= 8 && (load_word (p) & ASCII_MASK) == 0)
        {
          p += 8;
          base += 8;
          cp += 8;
          continue;
        }

      width = *p >= 0xF0 ? 2 : 1;
      /* Stops on the code point that contains @utf16, also when @utf16
       * points at the low half of a surrogate pair. */
      if (base + width > utf16)
        break;
      base += width;
      cp++;
      p += sequence_length (*p);
    }

  return cp;
}

const char *
attest_text_get_pointer (const AttestText *self,
                         guint             cp)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->data + attest_text_cp_to_byte (self, cp);
}

/* Byte range of [start, end), both already clamped.  The end is found
 * from the start when they are close, which is the common case of a
 * span, to avoid a second index lookup. */
static void
slice_bytes (const AttestText *self,
             guint             start,
             guint             end,
             gsize            *byte_start,
             gsize            *byte_end)
{
  g_assert (start <= end);
  g_assert (end <= self->length);

  *byte_start = attest_text_cp_to_byte (self, start);

  if (self->is_ascii)
    *byte_end = end;
  else if (end - start < BLOCK)
    {
      const guchar *data = (const guchar *) self->data;
      const guchar *p = skip_code_points (data + *byte_start,
                                          data + self->n_bytes,
                                          end - start);

      *byte_end = p - data;
    }
  else
    *byte_end = attest_text_cp_to_byte (self, end);
}

char *
attest_text_slice (const AttestText *self,
                   guint             start,
                   guint             end)
{
  gsize byte_start, byte_end;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (start <= end, NULL);

  start = MIN (start, self->length);
  end = MIN (end, self->length);
  slice_bytes (self, start, end, &byte_start, &byte_end);

  return g_strndup (self->data + byte_start, byte_end - byte_start);
}

/**
 * attest_text_slice_equal:
 *
 * Unlike the conversions, a range that is reversed or reaches past the
 * end is not clamped: such a slice does not exist, so it equals nothing.
 * That is what a validator of untrusted spans wants.
 */
gboolean
attest_text_slice_equal (const AttestText *self,
                         guint             start,
                         guint             end,
                         const char       *utf8,
                         gssize            len)
{
  gsize byte_start, byte_end;
  gsize n;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (utf8 != NULL || len == 0, FALSE);

  if (start > end || end > self->length)
    return FALSE;

  n = len < 0 ? strlen (utf8) : (gsize) len;

  /* Each code point is 1 to 4 bytes: most mismatches end here. */
  if (n < end - start || n > 4 * (gsize) (end - start))
    return FALSE;

  slice_bytes (self, start, end, &byte_start, &byte_end);

  return byte_end - byte_start == n &&
         (n == 0 || memcmp (self->data + byte_start, utf8, n) == 0);
}

/* UTF-16 with a BOM, by hand: iconv would not tell us where a lone
 * surrogate is, and we want file offsets in the messages. */
static AttestText *
decode_utf16 (const guchar  *data,
              gsize          len,
              gboolean       big_endian,
              GError       **error)
{
  g_autofree char *out = NULL;
  char *o;
  gsize i;

  g_assert (len >= 2);

  if (len % 2 != 0)
    {
      g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_ENCODING,
                   "invalid UTF-16 at byte %" G_GSIZE_FORMAT ": "
                   "the file ends in the middle of a character",
                   len - 1);
      return NULL;
    }

  /* A unit becomes at most 3 bytes; a pair (2 units) exactly 4. */
  out = g_malloc ((len - 2) / 2 * 3 + 1);
  o = out;

  for (i = 2; i < len; i += 2)
    {
      gunichar c;
      guint u = big_endian ? (data[i] << 8) | data[i + 1] : (data[i + 1] << 8) | data[i];

      if (u == 0)
        {
          g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_BINARY,
                       "contains a NUL character at byte %" G_GSIZE_FORMAT ": "
                       "this looks like a binary file, not an article",
                       i);
          return NULL;
        }

      if (u >= 0xD800 && u <= 0xDBFF)
        {
          guint u2;

          if (i + 4 > len)
            {
              g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_ENCODING,
                           "invalid UTF-16 at byte %" G_GSIZE_FORMAT ": "
                           "a high surrogate (0x%04X) with no low surrogate after it",
                           i, u);
              return NULL;
            }

          u2 = big_endian ? (data[i + 2] << 8) | data[i + 3] : (data[i + 3] << 8) | data[i + 2];
          if (u2 < 0xDC00 || u2 > 0xDFFF)
            {
              g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_ENCODING,
                           "invalid UTF-16 at byte %" G_GSIZE_FORMAT ": "
                           "a high surrogate (0x%04X) with no low surrogate after it",
                           i, u);
              return NULL;
            }

          c = 0x10000 + ((u - 0xD800) << 10) + (u2 - 0xDC00);
          i += 2;
        }
      else if (u >= 0xDC00 && u <= 0xDFFF)
        {
          g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_ENCODING,
                       "invalid UTF-16 at byte %" G_GSIZE_FORMAT ": "
                       "a low surrogate (0x%04X) with no high surrogate before it",
                       i, u);
          return NULL;
        }
      else
        c = u;

      o += g_unichar_to_utf8 (c, o);
    }

  *o = '\0';

  return text_new_take (g_steal_pointer (&out), o - out, 0, error);
}

static gboolean
is_utf8_name (const char *encoding)
{
  return g_ascii_strcasecmp (encoding, "UTF-8") == 0 ||
         g_ascii_strcasecmp (encoding, "UTF8") == 0;
}

static AttestText *
decode_named (const char  *data,
              gsize        len,
              const char  *encoding,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *out = NULL;
  gsize bytes_read = 0;
  gsize bytes_written = 0;
  const char *nul;

  g_assert (data != NULL);
  g_assert (encoding != NULL);

  out = g_convert (data, len, "UTF-8", encoding, &bytes_read, &bytes_written, &local_error);

  if (out == NULL)
    {
      if (g_error_matches (local_error, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION))
        g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_ENCODING,
                     "the encoding \"%s\" is not supported", encoding);
      else if (g_error_matches (local_error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE))
        g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_ENCODING,
                     "not valid %s at byte %" G_GSIZE_FORMAT, encoding, bytes_read);
      else if (g_error_matches (local_error, G_CONVERT_ERROR, G_CONVERT_ERROR_PARTIAL_INPUT))
        g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_ENCODING,
                     "not valid %s at byte %" G_GSIZE_FORMAT ": "
                     "the file ends in the middle of a character",
                     encoding, bytes_read);
      else
        g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_ENCODING,
                     "could not decode the text as %s: %s",
                     encoding, local_error->message);
      return NULL;
    }

  /* With bytes_read given, g_convert() reports a truncated last
   * character only through it. */
  if (bytes_read < len)
    {
      g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_ENCODING,
                   "not valid %s at byte %" G_GSIZE_FORMAT ": "
                   "the file ends in the middle of a character",
                   encoding, bytes_read);
      return NULL;
    }

  /* iconv keeps the BOM of "UTF-16LE" and the like as U+FEFF. */
  if (bytes_written >= 3 && memcmp (out, "\xEF\xBB\xBF", 3) == 0)
    {
      bytes_written -= 3;
      memmove (out, out + 3, bytes_written + 1);
    }

  /* Offsets into the decoded text mean nothing to the user, so a NUL is
   * located by character. */
  nul = memchr (out, '\0', bytes_written);
  if (nul != NULL)
    {
      g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_BINARY,
                   "contains a NUL character at character %u: "
                   "this looks like a binary file, not an article",
                   attest_utf8_length (out, nul - out));
      return NULL;
    }

  return text_new_take (g_steal_pointer (&out), bytes_written, 0, error);
}

/* @owned, when not NULL, is @data as a g_malloc()ed NUL-terminated
 * buffer that may be reused for the text. */
static AttestText *
load_data (const char  *data,
           gsize        len,
           char        *owned,
           const char  *encoding,
           GError     **error)
{
  g_autofree char *buffer = owned;
  const guchar *u = (const guchar *) data;
  gsize bom = 0;

  g_assert (data != NULL || len == 0);
  g_assert (owned == NULL || owned == data);

  if (len > G_MAXUINT32)
    {
      set_too_large_error (error, len);
      return NULL;
    }

  if (encoding != NULL && *encoding != '\0' && !is_utf8_name (encoding))
    return decode_named (data, len, encoding, error);

  if (encoding == NULL || *encoding == '\0')
    {
      /* A UTF-32 LE BOM starts like a UTF-16 LE one; it has NULs, so it
       * falls through to the binary check below instead. */
      if (len >= 4 && memcmp (u, "\xFF\xFE\0\0", 4) == 0)
        {
          g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_BINARY,
                       "contains a NUL byte at byte 2: "
                       "this looks like a binary file, not an article "
                       "(or UTF-32 text: name the encoding \"UTF-32\" to open it)");
          return NULL;
        }
      if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
        return decode_utf16 (u, len, FALSE, error);
      if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
        return decode_utf16 (u, len, TRUE, error);
    }

  if (len >= 3 && memcmp (u, "\xEF\xBB\xBF", 3) == 0)
    bom = 3;

  if (buffer != NULL)
    {
      if (bom > 0)
        memmove (buffer, buffer + bom, len - bom + 1);
    }
  else
    {
      buffer = g_malloc (len - bom + 1);
      if (len > bom)
        memcpy (buffer, data + bom, len - bom);
      buffer[len - bom] = '\0';
    }

  /* Offsets in errors count the BOM: they are offsets into the file. */
  return text_new_take (g_steal_pointer (&buffer), len - bom, bom, error);
}

/**
 * attest_text_load_bytes:
 * @bytes: the contents of an article file
 * @encoding: (nullable): an iconv encoding name, or %NULL
 * @error: a location for a #GError
 *
 * Decodes an article file as described in attest-text.h.  Error messages
 * name byte offsets into @bytes.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL with @error set
 */
AttestText *
attest_text_load_bytes (GBytes      *bytes,
                        const char  *encoding,
                        GError     **error)
{
  const char *data;
  gsize len;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &len);

  return load_data (data, len, NULL, encoding, error);
}

static char *
dup_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  g_assert (G_IS_FILE (file));

  if (basename == NULL)
    return g_file_get_parse_name (file);

  return g_filename_display_name (basename);
}

/**
 * attest_text_load_file:
 * @file: an article file
 * @encoding: (nullable): an iconv encoding name, or %NULL
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Loads and decodes an article file.  Error messages begin with the file's
 * name ("story.txt: invalid UTF-8 at byte 12").  Files over 256 MiB are
 * refused without being read.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL with @error set
 */
AttestText *
attest_text_load_file (GFile         *file,
                       const char    *encoding,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  AttestText *text;
  char *contents = NULL;
  gsize len = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = dup_display_name (file);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE,
                            cancellable,
                            &local_error);
  if (info == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", name);
      return NULL;
    }

  switch (g_file_info_get_file_type (info))
    {
    case G_FILE_TYPE_DIRECTORY:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   "%s: is a folder, not an article", name);
      return NULL;

    case G_FILE_TYPE_SPECIAL:
      /* A device or a pipe may never end. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   "%s: is not a regular file", name);
      return NULL;

    case G_FILE_TYPE_UNKNOWN:
    case G_FILE_TYPE_REGULAR:
    case G_FILE_TYPE_SYMBOLIC_LINK:
    case G_FILE_TYPE_SHORTCUT:
    case G_FILE_TYPE_MOUNTABLE:
    default:
      break;
    }

  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE) &&
      g_file_info_get_size (info) > (goffset) MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size_full (g_file_info_get_size (info),
                                                  G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_TOO_LARGE,
                   "%s: the file is too large (%s; Attest opens articles up to 256 MiB)",
                   name, size);
      return NULL;
    }

  if (!g_file_load_contents (file, cancellable, &contents, &len, NULL, &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", name);
      return NULL;
    }

  /* It may have grown since we asked. */
  if (len > MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size_full (len, G_FORMAT_SIZE_IEC_UNITS);

      g_free (contents);
      g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_TOO_LARGE,
                   "%s: the file is too large (%s; Attest opens articles up to 256 MiB)",
                   name, size);
      return NULL;
    }

  text = load_data (contents, len, contents, encoding, &local_error);
  if (text == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", name);
      return NULL;
    }

  return text;
}
