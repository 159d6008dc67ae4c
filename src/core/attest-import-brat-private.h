/* attest-import-brat-private.h: shared by the brat importer's files
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* attest-import-brat.c reads a .txt and its .ann: each line of the .ann
 * is parsed on its own (attest-import-brat-line.c), then the lines are
 * resolved into the document (attest-import-brat-build.c). */

#pragma once

#include "attest-brat-private.h"
#include "attest-import-private.h"

G_BEGIN_DECLS

typedef struct
{
  guint start;
  guint end;
} Range;

/* One parsed line of a .ann file. */
typedef struct
{
  char        kind;        /* T R E A M N # * */
  guint       line;
  char       *id;          /* NULL for '*' */
  char       *type;        /* label, relation, event, attribute or note type (decoded) */
  char       *target;      /* A M N #: the annotation it is about; E: the trigger */
  char       *value;       /* A: the value (NULL: on/off); N: the item */
  char       *db;          /* N */
  char       *text;        /* N: the item's name; #: the note */
  GArray     *fragments;   /* T: of Range, in the line's order */
  char      **args;        /* R E: role, id, role, id, …; '*': the ids */

  /* Filled while resolving. */
  guint       index;       /* T: position among the T lines */
  GPtrArray  *parts;       /* T: its AttestSpans, once in the document */
  char      **attrs;       /* T R */
  GString    *note;        /* T */
} Line;

typedef struct
{
  AttestImportContext *context;
  const char          *path;        /* the .ann as messages name it */
  AttestText          *text;        /* the .txt as brat sees it */
  guint                shift;       /* 1 when it starts with a BOM */
  GPtrArray           *lines;       /* of Line */
  GHashTable          *ids;         /* id -> Line */
  GPtrArray           *text_bounds; /* the T lines, in order */
} Ann;

static inline gboolean
is_line_break (gunichar c)
{
  return c == '\n' || c == '\v' || c == '\f' || c == '\r' || (c >= 0x1c && c <= 0x1e) ||
         c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* Python's str.isspace(), near enough for separating fields. */
static inline gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || is_line_break (c) || c == 0x1f;
}

static inline int
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  const Range *x = a;
  const Range *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return 0;
}

/* attest-import-brat.c: messages. */
gboolean        _attest_brat_fail_at         (GError      **error,
                                              const char   *path,
                                              guint         line,
                                              const char   *format,
                                              ...) G_GNUC_PRINTF (4, 5);
/* Text for a message: at most 60 bytes of it. */
char           *_attest_brat_quote_text      (const char   *text,
                                              gsize         len);

/* attest-import-brat-line.c: one line of a .ann into @ann. */
gboolean        _attest_brat_parse_line      (Ann          *ann,
                                              guint         number,
                                              const char   *text,
                                              gsize         len,
                                              GError      **error);

/* attest-import-brat-build.c: the document @ann's lines describe, over
 * @text. */
AttestDocument *_attest_brat_build_document  (Ann          *ann,
                                              AttestText   *text,
                                              GError      **error);

G_END_DECLS
