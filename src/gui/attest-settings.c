/* attest-settings.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-settings.h"

char *
attest_settings_dup_default_annotator (void)
{
  const char *real = g_get_real_name ();

  /* GLib says "Unknown" when the account has no real name (GECOS). */
  if (real != NULL && real[0] != '\0' && strcmp (real, "Unknown") != 0)
    return g_strdup (real);

  return g_strdup (g_get_user_name ());
}

char *
attest_settings_dup_annotator (GSettings *settings)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  name = g_strstrip (g_settings_get_string (settings, "annotator"));
  if (name[0] != '\0')
    return g_steal_pointer (&name);

  return attest_settings_dup_default_annotator ();
}
