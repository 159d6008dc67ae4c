/* attest-corpus-private.h: what the corpus scan does with its entries
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-corpus.h"

G_BEGIN_DECLS

AttestCorpusEntry *_attest_corpus_entry_new            (GFile             *file,
                                                        char              *relative_path,
                                                        gboolean           has_sidecar);
void               _attest_corpus_entry_read           (AttestCorpusEntry *self,
                                                        GCancellable      *cancellable);
gboolean           _attest_corpus_entry_apply_document (AttestCorpusEntry *self,
                                                        AttestDocument    *document,
                                                        gboolean           notify);

G_END_DECLS
