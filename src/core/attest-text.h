/* attest-text.h: article text, loading and offset conversion
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attest-types.h"

G_BEGIN_DECLS

/* Offsets in Attest are Unicode code points, half-open [start, end).  An
 * AttestText is an immutable, validated UTF-8 string plus a sparse index
 * that converts code-point offsets to UTF-8 byte offsets and UTF-16 code
 * units (and back) in O(1) amortised / O(log n) time, so exporters and
 * the view never walk the whole text for one conversion.
 *
 * The index costs a few bytes per kilobyte of text; pure-ASCII text needs
 * none (every conversion is the identity).
 */

#define ATTEST_TYPE_TEXT (attest_text_get_type ())

GType        attest_text_get_type        (void) G_GNUC_CONST;

/* Takes a copy. @len may be -1 for a NUL-terminated string. Fails with
 * ATTEST_ERROR_INVALID_UTF8 (message names the byte offset) or
 * ATTEST_ERROR_BINARY for an embedded NUL. Does not strip a BOM: that is
 * the loader's job; a string given here is taken as canonical. */
AttestText  *attest_text_new             (const char   *utf8,
                                          gssize        len,
                                          GError      **error);
/* Takes ownership of @utf8 (g_malloc'd, NUL-terminated, @len bytes). */
AttestText  *attest_text_new_take        (char         *utf8,
                                          gsize         len,
                                          GError      **error);
AttestText  *attest_text_ref             (AttestText   *self);
void         attest_text_unref           (AttestText   *self);

const char  *attest_text_get_data        (const AttestText *self);   /* NUL-terminated */
gsize        attest_text_get_n_bytes     (const AttestText *self);
guint        attest_text_get_length      (const AttestText *self);   /* code points */
guint        attest_text_get_n_utf16     (const AttestText *self);   /* UTF-16 units */
gboolean     attest_text_is_ascii        (const AttestText *self);
/* Lower-case hex SHA-256 of the UTF-8 bytes, computed once. */
const char  *attest_text_get_sha256      (AttestText   *self);

/* Conversions. Offsets past the end are clamped to the end. */
gsize        attest_text_cp_to_byte      (const AttestText *self,
                                          guint             cp);
guint        attest_text_byte_to_cp      (const AttestText *self,
                                          gsize             byte);   /* byte must be on a boundary */
guint        attest_text_cp_to_utf16     (const AttestText *self,
                                          guint             cp);
/* A UTF-16 offset inside a surrogate pair maps to the code point that
 * contains it. */
guint        attest_text_utf16_to_cp     (const AttestText *self,
                                          guint             utf16);

/* Pointer into the text for @cp, and a newly allocated slice [start, end). */
const char  *attest_text_get_pointer     (const AttestText *self,
                                          guint             cp);
char        *attest_text_slice           (const AttestText *self,
                                          guint             start,
                                          guint             end);
/* TRUE if the slice [start, end) equals @utf8 byte for byte, without
 * allocating. */
gboolean     attest_text_slice_equal     (const AttestText *self,
                                          guint             start,
                                          guint             end,
                                          const char       *utf8,
                                          gssize            len);

/* Loading an article file.
 *
 * - strict UTF-8: the error names the byte offset of the first bad byte;
 * - a UTF-8 BOM is removed;
 * - UTF-16 LE/BE with a BOM is decoded;
 * - a NUL byte refuses the file as binary (ATTEST_ERROR_BINARY);
 * - other encodings only when @encoding names one (iconv names: "windows-1252");
 * - line endings are kept exactly as they are.
 *
 * @encoding may be NULL for the rules above. */
AttestText  *attest_text_load_bytes      (GBytes        *bytes,
                                          const char    *encoding,
                                          GError       **error);
AttestText  *attest_text_load_file       (GFile         *file,
                                          const char    *encoding,
                                          GCancellable  *cancellable,
                                          GError       **error);

/* The longest prefix of @utf8 (@n_bytes long) of at most @max_bytes that
 * ends on a character boundary: for shortening names in messages. */
gsize        attest_utf8_prefix_len      (const char   *utf8,
                                          gsize         n_bytes,
                                          gsize         max_bytes);

/* Code-point length of a UTF-8 string known to be valid. */
guint        attest_utf8_length          (const char   *utf8,
                                          gsize         n_bytes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestText, attest_text_unref)

G_END_DECLS
