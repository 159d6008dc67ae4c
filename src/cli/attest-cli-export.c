/* attest-cli-export.c: attest-cli export (being written) */

#include "config.h"

#include "attest-cli-private.h"

/* PLACEHOLDER: replaced whole in this session. */
int
attest_cli_export (int    argc,
               char **argv)
{
  g_printerr ("attest-cli: export is not written yet\n");
  return ATTEST_EXIT_USAGE;
}
