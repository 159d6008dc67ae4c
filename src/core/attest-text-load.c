/* attest-text-load.c: decoding article files into an AttestText
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-error.h"
#include "attest-text-private.h"

/* Article files larger than this are refused before they are read. */
#define MAX_FILE_SIZE (256u * 1024u * 1024u)

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

  return _attest_text_new_take_at (g_steal_pointer (&out), o - out, 0, error);
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

  return _attest_text_new_take_at (g_steal_pointer (&out), bytes_written, 0, error);
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
      _attest_text_set_too_large_error (error, len);
      return NULL;
    }

  if (encoding != NULL && *encoding != '\0' && !is_utf8_name (encoding))
    return decode_named (data, len, encoding, error);

  if (encoding == NULL || *encoding == '\0')
    {
      /* A UTF-32 LE BOM starts like a UTF-16 LE one.  Decoded as UTF-16
       * it would be a NUL, so it is refused like any file with NULs, with
       * a hint for the case it is text. */
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
  return _attest_text_new_take_at (g_steal_pointer (&buffer), len - bom, bom, error);
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
