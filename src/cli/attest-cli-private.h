/* attest-cli-private.h: shared by the attest-cli commands
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "attest-core.h"

G_BEGIN_DECLS

typedef enum
{
  ATTEST_EXIT_OK      = 0,
  ATTEST_EXIT_PROBLEMS = 1,
  ATTEST_EXIT_USAGE   = 2,
} AttestExit;

/* One article and/or its sidecar, found from the command line's paths. */
typedef struct
{
  char *article;   /* path or NULL when the sidecar's article is missing */
  char *sidecar;   /* path; may not exist yet for an article-only record */
  gboolean has_sidecar;
} AttestCliRecord;

gboolean   attest_cli_parse_paths    (int           *argc,
                                      char        ***argv,
                                      const char    *command,
                                      const char    *parameter,
                                      const char    *summary,
                                      GOptionEntry  *entries,
                                      char        ***paths);

gboolean   attest_cli_parse_options  (int           *argc,
                                      char        ***argv,
                                      const char    *command,
                                      const char    *parameter,
                                      const char    *summary,
                                      GOptionEntry  *entries,
                                      char        ***paths);

/* Collects records from PATHs (articles, sidecars, folders searched
 * recursively), sorted by path and without duplicates. Problems with a
 * path (missing, unreadable) are reported and counted in *n_errors. */
GPtrArray *attest_cli_collect        (char        **paths,
                                      guint        *n_errors);
void       attest_cli_record_free    (AttestCliRecord *record);
/* For g_ptr_array_sort() of strings. */
int        attest_cli_compare_strings (gconstpointer a,
                                       gconstpointer b);
/* The keys of @table, sorted as strings; the array does not own them. */
GPtrArray *attest_cli_sorted_keys    (GHashTable   *table);

/* "attest-cli: FILE: message" on stderr. */
void       attest_cli_error          (const char   *file,
                                      const char   *format,
                                      ...) G_GNUC_PRINTF (2, 3);
void       attest_cli_warning        (const char   *file,
                                      const char   *format,
                                      ...) G_GNUC_PRINTF (2, 3);
/* Prints a GError whose message may already start with the file's name. */
void       attest_cli_gerror         (const char   *file,
                                      const GError *error);
/* A display name relative to the working folder where possible. */
char      *attest_cli_display_path   (const char   *path);

/* A progress bar on stderr when it is a terminal and the run is long. */
typedef struct _AttestProgress AttestProgress;
AttestProgress *attest_progress_new    (const char     *what,
                                        guint           total);
void            attest_progress_update (AttestProgress *progress,
                                        guint           done);
void            attest_progress_free   (AttestProgress *progress);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestProgress, attest_progress_free)

int attest_cli_validate (int argc, char **argv);
int attest_cli_stats    (int argc, char **argv);
int attest_cli_fmt      (int argc, char **argv);
int attest_cli_update   (int argc, char **argv);
int attest_cli_export   (int argc, char **argv);
int attest_cli_import   (int argc, char **argv);
int attest_cli_agree    (int argc, char **argv);

G_END_DECLS
