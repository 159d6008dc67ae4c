/* attest-import-webanno-private.h: shared by the WebAnno TSV importer's
 * files
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* attest-import-webanno.c reads one file: its header of layers
 * (attest-import-webanno-header.c), then its sentences and rows
 * (attest-import-webanno-body.c), and builds the document from what they
 * hold (attest-import-webanno-build.c). The parser, its messages and its
 * lines are the main file's. */

#pragma once

#include <string.h>

#include "attest-import-private.h"
#include "attest-webanno-private.h"

G_BEGIN_DECLS

typedef enum
{
  LAYER_SPAN,
  LAYER_RELATION,
  LAYER_CHAIN,
} LayerKind;

typedef enum
{
  ROLE_IGNORED,
  ROLE_ATTEST,          /* our span layer */
  ROLE_NAMED_ENTITY,    /* INCEpTION's */
  ROLE_RELATION,        /* a relation layer on one of those */
} LayerRole;

typedef enum
{
  COLUMN_FEATURE,       /* a feature's value */
  COLUMN_PLACEHOLDER,   /* a layer without features: "*" */
  COLUMN_SLOT,          /* a slot's roles or targets: not read */
  COLUMN_BASE,          /* a relation's source row */
  COLUMN_CHAIN,         /* not read */
} ColumnKind;

typedef struct
{
  char      *type;
  LayerKind  kind;
  LayerRole  role;
  guint      line;
  guint      first_column;
  guint      n_columns;
  GPtrArray *features;      /* names of the FEATURE columns, in order */
  char      *base_type;     /* relation layers */
  gint       base_layer;    /* its index, or -1 */
  gint       type_feature;  /* relation layers: the feature naming the type, or -1 */
} Layer;

typedef struct
{
  guint      layer;
  ColumnKind kind;
  guint      feature;       /* FEATURE columns: index in the layer's features */
} Column;

typedef struct
{
  guint        begin;       /* UTF-16 */
  guint        end;
  guint        line;        /* where the row is */
  guint        sentence;    /* 0-based */
  guint        token;       /* 1-based in its sentence */
  guint        sub;         /* 0 for a token */
  guint        n_subs;      /* tokens: their sub-tokens so far */
  const char  *text;        /* the row's third field, in the file's bytes */
  gsize        text_len;
  guint        first_member;
  guint        n_members;
} Unit;

typedef struct
{
  guint         layer;
  guint         id;         /* disambiguation id, 0 for none */
  guint         begin;      /* UTF-16 */
  guint         end;
  guint         line;
  const char  **values;     /* one per feature of the layer; NULL for none */
  AttestSpan   *span;       /* once made; owned by the document */
} Anno;

typedef struct
{
  guint        layer;
  guint        line;
  guint        unit;        /* the Dependent's row: where the relation is written */
  guint        sentence;    /* the Governor's row, as written */
  guint        token;
  guint        sub;
  guint        source_id;
  guint        target_id;
  const char  *type;        /* NULL for none */
  guint        source;      /* resolved: anno indices */
  guint        target;
} Link;

typedef struct
{
  guint start;              /* UTF-16 */
  guint end;                /* without its closing line feed */
} Sentence;

typedef struct
{
  AttestImportContext *context;
  const char          *display;
  const char          *data;
  gsize                len;
  gsize                pos;
  guint                line;
  GPtrArray           *layers;      /* of Layer */
  GArray              *columns;     /* of Column */
  GStringChunk        *strings;
  GString             *text;
  guint                text16;      /* UTF-16 length of text */
  GString             *pending;     /* the sentence whose #Text= lines are being read */
  guint                pending_lines;
  GArray              *sentences;   /* of Sentence */
  GArray              *tokens;      /* of guint: each token's unit */
  GArray              *first_token; /* of guint: each sentence's first token */
  GArray              *units;       /* of Unit */
  GArray              *members;     /* of guint: annotation indices per unit */
  GArray              *annos;       /* of Anno */
  GArray              *links;       /* of Link */
  GHashTable          *ids;         /* disambiguation id -> anno index + 1 */
} Parser;

static inline gboolean
has_prefix (const char *line,
            gsize       len,
            const char *prefix)
{
  gsize n = strlen (prefix);

  return len >= n && memcmp (line, prefix, n) == 0;
}

static inline gboolean
is_blank (const char *line,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (line[i]))
      return FALSE;
  return TRUE;
}

/* A decimal number as Java's Integer.valueOf() takes it, without a sign. */
static inline gboolean
parse_number (const char *text,
              gsize       len,
              guint      *value)
{
  guint64 v = 0;

  if (len == 0 || len > 10)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      v = v * 10 + (guint64) (text[i] - '0');
    }
  if (v > G_MAXINT32)
    return FALSE;
  *value = (guint) v;
  return TRUE;
}

/* attest-import-webanno.c: the parser's messages and lines. */
gboolean        _attest_webanno_fail           (Parser       *p,
                                                guint         line,
                                                GError      **error,
                                                const char   *format,
                                                ...) G_GNUC_PRINTF (4, 5);
char           *_attest_webanno_snippet        (const char   *text,
                                                gsize         len);
gboolean        _attest_webanno_next_line      (Parser       *p,
                                                const char  **line,
                                                gsize        *line_len);
/* "3-1" or "3-1.2", for messages. */
char           *_attest_webanno_unit_to_string (const Unit   *unit);
/* TRUE when the annotation @anno is on the unit @unit_index. */
gboolean        _attest_webanno_anno_on_unit   (Parser       *p,
                                                guint         anno,
                                                guint         unit_index);

/* attest-import-webanno-header.c: the #FORMAT= and #T_ lines. */
gboolean        _attest_webanno_parse_header   (Parser       *p,
                                                GError      **error);

/* attest-import-webanno-body.c: the sentences and their rows. */
gboolean        _attest_webanno_parse_body     (Parser       *p,
                                                GError      **error);

/* attest-import-webanno-build.c: the text checked against the rows,
 * the relations' ends found, then the document. */
gboolean        _attest_webanno_check_units    (Parser       *p,
                                                AttestText   *text,
                                                GError      **error);
gboolean        _attest_webanno_resolve_links  (Parser       *p,
                                                GError      **error);
AttestDocument *_attest_webanno_build_document (Parser       *p,
                                                AttestText   *text,
                                                GError      **error);

G_END_DECLS
