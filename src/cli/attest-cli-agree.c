/* attest-cli-agree.c: attest-cli agree (being written) */

#include "config.h"

#include "attest-cli-private.h"

/* PLACEHOLDER: replaced whole in this session. */
int
attest_cli_agree (int    argc,
               char **argv)
{
  g_printerr ("attest-cli: agree is not written yet\n");
  return ATTEST_EXIT_USAGE;
}
