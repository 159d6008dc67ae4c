/* attest-text.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-error.h"
#include "attest-text-private.h"

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

G_STATIC_ASSERT ((BLOCKS_PER_SUPER - 1) * BLOCK * 4 <= G_MAXUINT16);

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

/* Skips @n_cp code points of valid UTF-8 from @p, or to @end. */
static inline const guchar *
skip_code_points (const guchar *p,
                  const guchar *end,
                  guint         n_cp)
{
  g_assert (p != NULL);

  /* A whole word can go while it holds no more than @n_cp starts of
   * characters: the one we look for is then still ahead.  This is as
   * fast for CJK or Arabic as for ASCII. */
  while (end - p >= 8)
    {
      guint starts = 8 - count_continuation (load_word (p));

      if (starts > n_cp)
        break;
      n_cp -= starts;
      p += 8;
    }

  for (; p < end; p++)
    {
      if (is_continuation (*p))
        continue;
      if (n_cp == 0)
        break;
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
        utf16 += MIN (BLOCK, self->length - b * BLOCK) + count_astral (p, next - p);
      p = next;
    }
}

void
_attest_text_set_too_large_error (GError **error,
                                  gsize    len)
{
  g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_TOO_LARGE,
               "the text is too large (%" G_GSIZE_FORMAT " bytes; "
               "Attest handles up to %u bytes)",
               len, G_MAXUINT32);
}

/* Takes @utf8 also on failure.  @error_base is added to the byte offsets
 * in error messages, so a loader can count a BOM it removed. */
/* Takes @utf8, valid UTF-8 without NUL, NUL-terminated at @len. */
static AttestText *
text_new_valid (char  *utf8,
                gsize  len)
{
  AttestText *self;
  guint n_astral = 0;

  self = g_new0 (AttestText, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->data = utf8;
  self->n_bytes = len;
  self->length = attest_utf8_length (self->data, len);
  self->is_ascii = self->length == len;

  if (!self->is_ascii)
    {
      n_astral = count_astral ((const guchar *) self->data, len);
      build_index (self, n_astral);
    }

  self->n_utf16 = self->length + n_astral;

  return self;
}

AttestText *
_attest_text_new_take_at (char    *utf8,
                          gsize    len,
                          gsize    error_base,
                          GError **error)
{
  g_autofree char *owned = utf8;
  const char *nul;
  gsize bad;

  g_assert (utf8 != NULL);

  if (len > G_MAXUINT32)
    {
      _attest_text_set_too_large_error (error, len);
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

  return text_new_valid (g_steal_pointer (&owned), len);
}

AttestText *
_attest_text_new_validated (const char *utf8,
                            gsize       len)
{
  char *copy;

  g_assert (utf8 != NULL || len == 0);
  g_assert (len <= G_MAXUINT32);

  copy = g_malloc (len + 1);
  memcpy (copy, utf8, len);
  copy[len] = '\0';

  return text_new_valid (copy, len);
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
      _attest_text_set_too_large_error (error, len);
      return NULL;
    }

  copy = g_malloc (len + 1);
  if (len > 0)
    memcpy (copy, utf8, len);
  copy[len] = '\0';

  return _attest_text_new_take_at (copy, len, 0, error);
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

  return _attest_text_new_take_at (utf8, len, 0, error);
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

  /* As in skip_code_points(): whole words while they end at or before
   * @utf16.  A character cut by a word's end was counted at its start. */
  while (end - p >= 8)
    {
      guint64 w = load_word (p);
      guint starts = 8 - count_continuation (w);
      guint units = starts + count_four_byte_leads (w);

      if (base + units > utf16)
        break;
      base += units;
      cp += starts;
      p += 8;
    }

  for (; p < end; p++)
    {
      guint width;

      if (is_continuation (*p))
        continue;

      width = *p >= 0xF0 ? 2 : 1;
      /* Stops on the code point that contains @utf16, also when @utf16
       * points at the low half of a surrogate pair. */
      if (base + width > utf16)
        break;
      base += width;
      cp++;
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

gsize
attest_utf8_prefix_len (const char *utf8,
                        gsize       n_bytes,
                        gsize       max_bytes)
{
  gsize len;

  g_return_val_if_fail (utf8 != NULL || n_bytes == 0, 0);

  if (n_bytes <= max_bytes)
    return n_bytes;

  /* Back off continuation bytes: the cut falls before a lead byte. */
  for (len = max_bytes; len > 0 && ((guchar) utf8[len] & 0xC0) == 0x80; len--)
    ;

  return len;
}
