/* fuzz-tagset.c: libFuzzer target for tag set files
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <stdint.h>
#include <stdlib.h>

#include "attest-core.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* GLib stops on a fatal message with SIGTRAP, which libFuzzer does not
 * catch; turn it into an abort so the input is saved. */
G_GNUC_NORETURN static void
on_trap (int signum)
{
  abort ();
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  signal (SIGTRAP, on_trap);
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestTagset) tagset = NULL;

  tagset = attest_tagset_new_from_data ((const char *) data, (gssize) size,
                                        "attest-tagset.json", &error);
  if (tagset == NULL)
    {
      g_assert (error != NULL);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  /* Walk what was loaded, so a half-built tag set shows up under ASan. */
  for (guint i = 0; i < attest_tagset_get_n_labels (tagset); i++)
    {
      AttestLabel *label = attest_tagset_get_label (tagset, i);

      g_assert (attest_tagset_lookup_label (tagset, label->id) != NULL);
      if (label->key != NULL)
        g_assert (attest_tagset_lookup_label_by_key (tagset, label->key) != NULL);
    }
  for (guint i = 0; i < attest_tagset_get_n_relation_types (tagset); i++)
    {
      AttestRelationType *type = attest_tagset_get_relation_type (tagset, i);

      g_assert (attest_tagset_lookup_relation_type (tagset, type->id) == type);
    }

  return 0;
}
