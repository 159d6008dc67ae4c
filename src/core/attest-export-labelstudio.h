/* attest-export-labelstudio.h: Label Studio's labeling config for an export
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-export.h"
#include "attest-types.h"

G_BEGIN_DECLS

/* The labeling config (Label Studio's XML) that matches the tasks of a
 * labelstudio export: a Labels control named "label" over a Text object
 * named "text" (value "$text"), the relation types, one per-region
 * Choices control "attr_KEY" for each attribute with a list of values
 * and a TextArea "attr_KEY" for each free one, and the per-region
 * TextAreas "note" and "entity". Labels, relation types and attributes
 * come from @tagset and, when @summary is given, from what the export
 * wrote (so a label missing from the tag set still shows). A project
 * made with it imports the export as it is. */
char *attest_export_labelstudio_config (AttestTagset              *tagset,
                                        const AttestExportSummary *summary);

G_END_DECLS
