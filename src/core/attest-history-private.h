/* attest-history-private.h: shared by attest-history*.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-history.h"
#include "attest-span.h"

G_BEGIN_DECLS

void _attest_history_restore_entity  (AttestHistory        *self,
                                      const char           *id,
                                      const AttestEntity   *target);
void _attest_history_record_rejected (AttestHistory        *self,
                                      const AttestRejected *rejected);

G_END_DECLS
