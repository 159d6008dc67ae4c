/* attest-record-private.h
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-record.h"

G_BEGIN_DECLS

/* Builds the id indexes of a record whose arrays are filled in; undone by
 * attest_record_clear_index(). For readers that keep the record on the
 * stack. */
void attest_record_init_index  (AttestRecord *record);
void attest_record_clear_index (AttestRecord *record);

G_END_DECLS
