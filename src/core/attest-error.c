/* attest-error.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attest-error.h"

G_DEFINE_QUARK (attest-error-quark, attest_error)
