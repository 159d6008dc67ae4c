/* attest-banner.h: a message across the top of the window
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* libadwaita 1.2 has no AdwBanner; this is the same idea: a title, an
 * optional button, revealed with a slide. Style classes "warning" and
 * "error" tint it. Signals: button-clicked. */

#define ATTEST_TYPE_BANNER (attest_banner_get_type ())

G_DECLARE_FINAL_TYPE (AttestBanner, attest_banner, ATTEST, BANNER, GtkWidget)

GtkWidget  *attest_banner_new              (void);
const char *attest_banner_get_title        (AttestBanner *self);
void        attest_banner_set_title        (AttestBanner *self,
                                            const char   *title);
const char *attest_banner_get_button_label (AttestBanner *self);
void        attest_banner_set_button_label (AttestBanner *self,
                                            const char   *label);
gboolean    attest_banner_get_revealed     (AttestBanner *self);
void        attest_banner_set_revealed     (AttestBanner *self,
                                            gboolean      revealed);

G_END_DECLS
