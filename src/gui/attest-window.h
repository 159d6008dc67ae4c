/* attest-window.h
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "attest-core.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_WINDOW (attest_window_get_type ())

G_DECLARE_FINAL_TYPE (AttestWindow, attest_window, ATTEST, WINDOW, AdwApplicationWindow)

AttestWindow  *attest_window_new              (AdwApplication *application);
/* Opens an article, saving the one open first. */
void           attest_window_open_article     (AttestWindow   *self,
                                               GFile          *article);
/* Shows the folder's articles in the sidebar and opens the first one not
 * done (or @article when given). */
void           attest_window_open_folder      (AttestWindow   *self,
                                               GFile          *folder,
                                               GFile          *article);
AttestSession *attest_window_get_session      (AttestWindow   *self);
/* Saves what is open; FALSE when it could not be written anywhere. */
gboolean       attest_window_flush            (AttestWindow   *self);

G_END_DECLS
