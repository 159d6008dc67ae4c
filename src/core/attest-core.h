/* attest-core.h: the display-free core of Attest
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#define ATTEST_CORE_INSIDE

#include "attest-agree.h"
#include "attest-corpus.h"
#include "attest-document.h"
#include "attest-error.h"
#include "attest-export.h"
#include "attest-history.h"
#include "attest-import.h"
#include "attest-json-writer.h"
#include "attest-quotes.h"
#include "attest-reanchor.h"
#include "attest-record.h"
#include "attest-session.h"
#include "attest-sidecar.h"
#include "attest-span.h"
#include "attest-span-store.h"
#include "attest-tagset.h"
#include "attest-text.h"
#include "attest-types.h"
#include "attest-version.h"

#undef ATTEST_CORE_INSIDE
