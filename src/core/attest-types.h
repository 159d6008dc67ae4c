/* attest-types.h: forward declarations shared by the core's headers
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _AttestDocument     AttestDocument;
typedef struct _AttestEntity       AttestEntity;
typedef struct _AttestHistory      AttestHistory;
typedef struct _AttestLabel        AttestLabel;
typedef struct _AttestRejected     AttestRejected;
typedef struct _AttestRelation     AttestRelation;
typedef struct _AttestRelationType AttestRelationType;
typedef struct _AttestSpan         AttestSpan;
typedef struct _AttestSession      AttestSession;
typedef struct _AttestSpanStore    AttestSpanStore;
typedef struct _AttestTagset       AttestTagset;
typedef struct _AttestText         AttestText;

G_END_DECLS
