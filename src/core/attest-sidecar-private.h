/* attest-sidecar-private.h
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "attest-types.h"

G_BEGIN_DECLS

GBytes *attest_sidecar_serialize_with_generator (AttestDocument *document,
                                                 const char     *generator);

/* One span, relation or entity object as the sidecar writes it, on one
 * line: for formats that carry sidecar records (jsonl). */
void    attest_sidecar_append_span     (GString              *out,
                                        AttestText           *text,
                                        const AttestSpan     *span);
void    attest_sidecar_append_relation (GString              *out,
                                        const AttestRelation *relation);
void    attest_sidecar_append_entity   (GString              *out,
                                        const AttestEntity   *entity);

G_END_DECLS
