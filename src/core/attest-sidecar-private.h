/* attest-sidecar-private.h
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-types.h"

G_BEGIN_DECLS

GBytes *attest_sidecar_serialize_with_generator (AttestDocument *document,
                                                 const char     *generator);

G_END_DECLS
