/* attest-label-palette.h: one button per label, in the header bar
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attest-core.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_LABEL_PALETTE (attest_label_palette_get_type ())

G_DECLARE_FINAL_TYPE (AttestLabelPalette, attest_label_palette, ATTEST, LABEL_PALETTE, GtkWidget)

/* Each button shows the label's colour, name and key, and activates
 * "win.tag" with the label's id. */

GtkWidget *attest_label_palette_new        (void);
void       attest_label_palette_set_tagset (AttestLabelPalette *self,
                                            AttestTagset       *tagset);

/* Draws a filled circle in @color ("#rrggbb"): shared by the sidebars. */
GtkWidget *attest_color_dot_new            (const char         *color);

G_END_DECLS
