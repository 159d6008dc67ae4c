/* attest-settings.h: helpers over the app's GSettings
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The name recorded as "by" when the annotator setting is empty: the
 * account's real name, or its login name when the real name is not set. */
char *attest_settings_dup_default_annotator (void);
/* The annotator setting with surrounding white space removed, or the
 * default above when it is empty. Never NULL or empty. */
char *attest_settings_dup_annotator         (GSettings *settings);

G_END_DECLS
