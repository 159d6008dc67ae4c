/* attest-error.h
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ATTEST_ERROR (attest_error_quark ())

typedef enum
{
  ATTEST_ERROR_FAILED,
  ATTEST_ERROR_INVALID_UTF8,   /* article or sidecar bytes are not UTF-8 */
  ATTEST_ERROR_BINARY,         /* a NUL byte: not a text article */
  ATTEST_ERROR_ENCODING,       /* the named encoding could not be used */
  ATTEST_ERROR_PARSE,          /* malformed JSON: message has line and column */
  ATTEST_ERROR_INVALID,        /* well-formed but breaks the format's rules */
  ATTEST_ERROR_TOO_LARGE,      /* over a size or depth limit */
  ATTEST_ERROR_NEWER_VERSION,  /* written by a newer Attest: open read-only */
  ATTEST_ERROR_UNSAFE_TARGET,  /* a symlink or hard link we refuse to write through */
  ATTEST_ERROR_READ_ONLY,      /* the document may not be written */
} AttestError;

GQuark attest_error_quark (void);

G_END_DECLS
