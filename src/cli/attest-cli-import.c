/* attest-cli-import.c: attest-cli import (being written) */

#include "config.h"

#include "attest-cli-private.h"

/* PLACEHOLDER: replaced whole in this session. */
int
attest_cli_import (int    argc,
               char **argv)
{
  g_printerr ("attest-cli: import is not written yet\n");
  return ATTEST_EXIT_USAGE;
}
