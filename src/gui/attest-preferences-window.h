/* attest-preferences-window.h
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ATTEST_TYPE_PREFERENCES_WINDOW (attest_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (AttestPreferencesWindow, attest_preferences_window, ATTEST, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* The app's preferences, bound to the io.github.attest.Attest settings:
 * every change applies at once. */
GtkWidget *attest_preferences_window_new (GtkWindow *parent);

G_END_DECLS
