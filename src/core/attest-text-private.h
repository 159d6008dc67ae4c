/* attest-text-private.h: shared by attest-text.c and attest-text-load.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-text.h"

G_BEGIN_DECLS

AttestText *_attest_text_new_take_at         (char     *utf8,
                                              gsize     len,
                                              gsize     error_base,
                                              GError  **error);
/* A copy of @utf8 that the caller has already validated: strict UTF-8
 * (simdjson checks a whole sidecar) and no NUL (the sidecar reader
 * refuses \u0000). Skips the two passes attest_text_new() spends on it. */
AttestText *_attest_text_new_validated       (const char *utf8,
                                              gsize       len);
void        _attest_text_set_too_large_error (GError  **error,
                                              gsize     len);

G_END_DECLS
