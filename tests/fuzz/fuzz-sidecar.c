/* fuzz-sidecar.c: libFuzzer target for the sidecar read path
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
  /* A critical is a bug the fuzzer should stop on, like a crash. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

/* Whatever is accepted must survive the writer and read back the same:
 * parse, serialize, parse again, serialize again, compare. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestDocument) document = NULL;
  g_autoptr(AttestDocument) again = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;

  document = attest_sidecar_parse ((const char *) data, size, "fuzz.attest.json", &error);
  if (document == NULL)
    {
      g_assert (error != NULL);
      g_assert (error->domain == ATTEST_ERROR);
      g_assert (g_str_has_prefix (error->message, "fuzz.attest.json"));
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  first = attest_sidecar_serialize (document);
  again = attest_sidecar_parse (g_bytes_get_data (first, NULL), g_bytes_get_size (first),
                                "fuzz.attest.json", &error);
  if (again == NULL)
    g_error ("the writer's output does not read back: %s\n%.*s", error->message,
             (int) g_bytes_get_size (first), (const char *) g_bytes_get_data (first, NULL));

  second = attest_sidecar_serialize (again);
  if (!g_bytes_equal (first, second))
    g_error ("serializing is not stable:\n%.*s\n---\n%.*s",
             (int) g_bytes_get_size (first), (const char *) g_bytes_get_data (first, NULL),
             (int) g_bytes_get_size (second), (const char *) g_bytes_get_data (second, NULL));

  return 0;
}
