/* attest-format-row.h: choosing an export or import format
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ATTEST_TYPE_FORMAT_ROW (attest_format_row_get_type ())

G_DECLARE_FINAL_TYPE (AttestFormatRow, attest_format_row, ATTEST, FORMAT_ROW, AdwComboRow)

/* An AdwComboRow over a GtkStringList of format titles ("brat standoff
 * (.txt and .ann)"). AdwComboRow's own list cuts labels at 20
 * characters, which leaves most of our titles unreadable; this one shows
 * them whole, with a check beside the chosen one, and the chosen title
 * under the row's own. */

GtkWidget *attest_format_row_new (void);

G_END_DECLS
