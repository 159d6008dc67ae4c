/* attest-json-guard.h: a strict check of JSON before json-glib parses it
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* json-glib 1.6 has no nesting limit (deep input overflows the stack),
 * reads 1e400 as infinity, wraps integers past 2^63, mangles \u0000 and
 * lone surrogates, and accepts comments, single quotes and trailing text.
 * This is a private helper of the core: run it over untrusted bytes before
 * handing them to JsonParser.
 *
 * Accepts exactly one RFC 8259 JSON value (an optional leading UTF-8 BOM
 * and surrounding white space allowed) with at most @max_depth nested
 * arrays and objects, integers that fit in 64 bits, finite numbers, no
 * \u0000, no unpaired surrogate escapes and no duplicate member names in
 * one object.
 *
 * Errors are in the ATTEST_ERROR domain and their messages start with
 * "line L, column C: " (columns count characters from 1), so callers
 * prefix the file name:
 * - ATTEST_ERROR_INVALID_UTF8 for bytes that are not UTF-8;
 * - ATTEST_ERROR_TOO_LARGE past @max_depth or for numbers out of range;
 * - ATTEST_ERROR_PARSE for everything else. */
gboolean attest_json_guard_check (const char  *data,
                                  gsize        len,
                                  guint        max_depth,
                                  GError     **error);

G_END_DECLS
