/* attest-import-webanno.c: WebAnno TSV 3.3 (INCEpTION)
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reads the files attest-export-webanno.c writes, and the ones INCEpTION
 * writes, following the specification and INCEpTION's reader:
 *
 * - the text is rebuilt as the reader rebuilds it: each sentence's
 *   #Text= lines joined by line feeds and followed by one; that line feed
 *   dropped when the next sentence's first token starts right after the
 *   sentence, spaces added when it starts further on. Offsets are UTF-16
 *   code units.
 * - spans come from webanno.custom.Attest (label, attributes, note,
 *   entity) and from INCEpTION's NamedEntity layer (the value as the
 *   label, quote / speaker / fact matched whatever their case; an
 *   identifier becomes an entity, with its Wikidata id when it has one);
 * - relations come from every relation layer attached to one of those:
 *   the Governor is the relation's "from", the Dependent its "to", the
 *   type is the feature "relation" (or "label", "value", the first
 *   feature; the layer's name when it is empty);
 * - an empty span (a zero-length sub-token) comes in marked deleted, for
 *   review: the only empty span a sidecar may hold;
 * - other layers (POS, lemmas, chains, slots, custom layers) are checked
 *   for their shape and otherwise left out.
 *
 * It is stricter than INCEpTION's reader where that reader would build
 * something wrong without a word: rows out of order, offsets that leave
 * their sentence, split a character or disagree with the text, ids that
 * do not resolve. Every message names the file and the line.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "attest-import-private.h"

#define SPAN_LAYER     "webanno.custom.Attest"
#define NAMED_ENTITY   "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
#define TOKEN_TYPE     "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token"

/* A row's text in a message is cut to this many bytes. */
#define SNIPPET_BYTES 40

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

/* A stacked value: [start, end) of its column. */
typedef struct
{
  gsize start;
  gsize end;
} Piece;

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

static void
layer_free (gpointer data)
{
  Layer *layer = data;

  g_free (layer->type);
  g_free (layer->base_type);
  g_ptr_array_unref (layer->features);
  g_free (layer);
}

static void
parser_clear (Parser *p)
{
  for (guint i = 0; p->annos != NULL && i < p->annos->len; i++)
    g_free (g_array_index (p->annos, Anno, i).values);
  g_clear_pointer (&p->layers, g_ptr_array_unref);
  g_clear_pointer (&p->columns, g_array_unref);
  g_clear_pointer (&p->strings, g_string_chunk_free);
  if (p->text != NULL)
    g_string_free (p->text, TRUE);
  if (p->pending != NULL)
    g_string_free (p->pending, TRUE);
  g_clear_pointer (&p->sentences, g_array_unref);
  g_clear_pointer (&p->tokens, g_array_unref);
  g_clear_pointer (&p->first_token, g_array_unref);
  g_clear_pointer (&p->units, g_array_unref);
  g_clear_pointer (&p->members, g_array_unref);
  g_clear_pointer (&p->annos, g_array_unref);
  g_clear_pointer (&p->links, g_array_unref);
  g_clear_pointer (&p->ids, g_hash_table_unref);
}

static gboolean fail (Parser      *p,
                      guint        line,
                      GError     **error,
                      const char  *format,
                      ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail (Parser      *p,
      guint        line,
      GError     **error,
      const char  *format,
      ...)
{
  g_autofree char *message = NULL;
  g_autofree char *source = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  source = g_strdup_printf (_("%s line %u"), p->display, line);
  attest_import_set_error (error, source, "%s", message);
  return FALSE;
}

/* A bounded, printable piece of the file for a message. */
static char *
snippet (const char *text,
         gsize       len)
{
  gsize cut = attest_utf8_prefix_len (text, len, SNIPPET_BYTES);
  g_autofree char *piece = g_strndup (text, cut);

  /* Tabs and other controls would be invisible in a message. */
  for (char *c = piece; *c != '\0'; c++)
    if ((guchar) *c < 0x20)
      *c = ' ';
  return cut < len ? g_strconcat (piece, "…", NULL) : g_steal_pointer (&piece);
}

/* Lines end at LF, CR LF or a lone CR, as Java's readLine() has it. */
static gboolean
next_line (Parser      *p,
           const char **line,
           gsize       *line_len)
{
  const char *start;
  gsize i;

  if (p->pos >= p->len)
    return FALSE;

  start = p->data + p->pos;
  for (i = p->pos; i < p->len && p->data[i] != '\n' && p->data[i] != '\r'; i++)
    ;
  *line = start;
  *line_len = i - p->pos;
  if (i < p->len && p->data[i] == '\r' && i + 1 < p->len && p->data[i + 1] == '\n')
    i++;
  p->pos = i < p->len ? i + 1 : i;
  p->line++;

  return TRUE;
}

static gboolean
has_prefix (const char *line,
            gsize       len,
            const char *prefix)
{
  gsize n = strlen (prefix);

  return len >= n && memcmp (line, prefix, n) == 0;
}

static gboolean
is_blank (const char *line,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (line[i]))
      return FALSE;
  return TRUE;
}

/* A decimal number as Java's Integer.valueOf() takes it, without a sign. */
static gboolean
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

/* Unescaping --------------------------------------------------------------- */

/* #Text= lines (TSV 3.2 and later): the reverse of attest-export-webanno.c's
 * append_text(). A backslash before anything else stays. */
static void
unescape_text (GString    *out,
               const char *text,
               gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) text[i];
      guchar n = i + 1 < len ? (guchar) text[i + 1] : 0;

      if (c == '\\' && i + 1 < len)
        {
          char decoded = 0;

          switch (n)
            {
            case 't': decoded = '\t'; break;
            case 'n': decoded = '\n'; break;
            case 'f': decoded = '\f'; break;
            case 'r': decoded = '\r'; break;
            case 'b': decoded = '\b'; break;
            case '\\': decoded = '\\'; break;
            default:
              if (n < 0x20 && (n < 8 || n > 13))
                decoded = (char) n;
              break;
            }
          if (decoded != 0 || n == 0)
            {
              g_string_append_c (out, decoded);
              i++;
              continue;
            }
        }
      g_string_append_c (out, (char) c);
    }
}

/* How attest-export-webanno.c writes a row's text, to compare with. */
static void
escape_text (GString    *out,
             const char *text,
             gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) text[i];

      switch (c)
        {
        case '\b': g_string_append (out, "\\b"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\\': g_string_append (out, "\\\\"); break;
        default:
          if (c < 0x20 && c != '\v')
            g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
          break;
        }
    }
}

/* A feature value: the reserved characters of the specification. */
static const char *
unescape_value (Parser     *p,
                const char *text,
                gsize       len)
{
  g_autoptr(GString) out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (c == '\\' && i + 1 < len)
        {
          char n = text[i + 1];

          if (strchr ("\\[]|_;*", n) != NULL)
            {
              g_string_append_c (out, n);
              i++;
              continue;
            }
          if (n == 't' || n == 'n')
            {
              g_string_append_c (out, n == 't' ? '\t' : '\n');
              i++;
              continue;
            }
          if (n == '-' && i + 2 < len && text[i + 2] == '>')
            {
              g_string_append (out, "->");
              i += 2;
              continue;
            }
        }
      g_string_append_c (out, c);
    }

  return g_string_chunk_insert_len (p->strings, out->str, (gssize) out->len);
}

/* Splits a column at the stack separators that are not escaped. */
static GArray *
split_stack (const char *field,
             gsize       len)
{
  GArray *pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  Piece piece = { 0, 0 };

  for (gsize i = 0; i < len; i++)
    {
      if (field[i] == '\\')
        i++;
      else if (field[i] == '|')
        {
          piece.end = i;
          g_array_append_val (pieces, piece);
          piece.start = i + 1;
        }
    }
  piece.end = len;
  g_array_append_val (pieces, piece);

  return pieces;
}

/* "value[3]": the value's length and the text between the brackets.
 * FALSE for an unescaped bracket anywhere else. */
static gboolean
split_suffix (const char  *piece,
              gsize        len,
              gsize       *value_len,
              const char **suffix,
              gsize       *suffix_len)
{
  gssize open = -1;
  guint n_brackets = 0;

  *value_len = len;
  *suffix = NULL;
  *suffix_len = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (piece[i] == '\\')
        i++;
      else if (piece[i] == '[' || piece[i] == ']')
        {
          n_brackets++;
          if (piece[i] == '[')
            open = (gssize) i;
        }
    }

  if (n_brackets == 0)
    return TRUE;
  if (n_brackets != 2 || open < 0 || piece[len - 1] != ']' || (gsize) open + 1 >= len)
    return FALSE;

  *value_len = (gsize) open;
  *suffix = piece + open + 1;
  *suffix_len = len - (gsize) open - 2;
  return TRUE;
}

/* The header ---------------------------------------------------------------- */

static gboolean
check_format (Parser      *p,
              const char  *line,
              gsize        len,
              GError     **error)
{
  const char *prefix = "#FORMAT=WebAnno TSV ";
  guint major = 0, minor = 0;
  const char *version, *dot;
  gsize version_len;

  if (!has_prefix (line, len, prefix))
    {
      g_autofree char *piece = snippet (line, len);

      return fail (p, p->line, error,
                   _("not a WebAnno TSV file: it begins with “%s”, not “#FORMAT=WebAnno TSV 3.3”"),
                   piece);
    }

  version = line + strlen (prefix);
  version_len = len - strlen (prefix);
  dot = memchr (version, '.', version_len);
  if (dot == NULL ||
      !parse_number (version, (gsize) (dot - version), &major) ||
      !parse_number (dot + 1, version_len - (gsize) (dot - version) - 1, &minor) ||
      major != 3 || minor < 2)
    {
      g_autofree char *piece = snippet (version, version_len);

      return fail (p, p->line, error,
                   _("WebAnno TSV “%s” cannot be read; versions 3.2 and 3.3 can"), piece);
    }

  return TRUE;
}

static Layer *
find_layer (Parser     *p,
            const char *type,
            guint      *index)
{
  for (guint i = 0; i < p->layers->len; i++)
    {
      Layer *layer = g_ptr_array_index (p->layers, i);

      if (strcmp (layer->type, type) == 0)
        {
          if (index != NULL)
            *index = i;
          return layer;
        }
    }
  return NULL;
}

static void
add_column (Parser     *p,
            Layer      *layer,
            ColumnKind  kind,
            const char *feature)
{
  Column column = { p->layers->len - 1, kind, 0 };

  if (kind == COLUMN_FEATURE)
    {
      column.feature = layer->features->len;
      g_ptr_array_add (layer->features, g_strdup (feature));
    }
  g_array_append_val (p->columns, column);
  layer->n_columns++;
}

static gboolean
parse_layer (Parser      *p,
             LayerKind    kind,
             const char  *line,
             gsize        len,
             GError     **error)
{
  g_autofree char *rest = NULL;
  g_auto(GStrv) raw = NULL;
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  Layer *layer;

  rest = g_strndup (line + 6, len - 6);   /* after "#T_SP=" */
  raw = g_strsplit (rest, "|", -1);
  /* Empty fields are dropped, as the reader's split() does. */
  for (guint i = 0; raw[i] != NULL; i++)
    if (raw[i][0] != '\0')
      g_ptr_array_add (fields, raw[i]);

  if (fields->len == 0)
    return fail (p, p->line, error, _("a layer declaration without a type name"));
  if (find_layer (p, g_ptr_array_index (fields, 0), NULL) != NULL)
    return fail (p, p->line, error, _("the layer %s is declared twice"),
                 (const char *) g_ptr_array_index (fields, 0));

  layer = g_new0 (Layer, 1);
  layer->type = g_strdup (g_ptr_array_index (fields, 0));
  layer->kind = kind;
  layer->line = p->line;
  layer->first_column = p->columns->len;
  layer->features = g_ptr_array_new_with_free_func (g_free);
  layer->base_layer = -1;
  layer->type_feature = -1;
  g_ptr_array_add (p->layers, layer);

  for (guint i = 1; i < fields->len; i++)
    {
      const char *field = g_ptr_array_index (fields, i);

      switch (kind)
        {
        case LAYER_SPAN:
          if (g_str_has_prefix (field, "ROLE_"))
            {
              if (i + 1 >= fields->len || strchr (g_ptr_array_index (fields, i + 1), '.') == NULL)
                return fail (p, p->line, error, _("the slot feature %s has no target type"), field);
              add_column (p, layer, COLUMN_SLOT, NULL);
              add_column (p, layer, COLUMN_SLOT, NULL);
              i++;
            }
          else if (strchr (field, '.') != NULL)
            return fail (p, p->line, error,
                         _("the slot target %s does not follow a ROLE_ feature"), field);
          else
            add_column (p, layer, COLUMN_FEATURE, field);
          break;

        case LAYER_RELATION:
          if (g_str_has_prefix (field, "BT_"))
            {
              if (i + 1 != fields->len || field[3] == '\0')
                return fail (p, p->line, error,
                             _("the relation layer %s must end with one BT_ base type"),
                             layer->type);
              layer->base_type = g_strdup (field + 3);
              add_column (p, layer, COLUMN_BASE, NULL);
            }
          else
            add_column (p, layer, COLUMN_FEATURE, field);
          break;

        case LAYER_CHAIN:
          add_column (p, layer, COLUMN_CHAIN, NULL);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  if (kind == LAYER_RELATION && layer->base_type == NULL)
    return fail (p, p->line, error, _("the relation layer %s has no BT_ base type"), layer->type);
  if (fields->len == 1)
    add_column (p, layer, kind == LAYER_CHAIN ? COLUMN_CHAIN : COLUMN_PLACEHOLDER, NULL);

  return TRUE;
}

/* Which layers are read, and what each relation layer hangs on. */
static gboolean
resolve_layers (Parser  *p,
                GError **error)
{
  static const char * const type_features[] = { "relation", "label", "value" };

  for (guint i = 0; i < p->layers->len; i++)
    {
      Layer *layer = g_ptr_array_index (p->layers, i);

      if (layer->kind == LAYER_SPAN && strcmp (layer->type, SPAN_LAYER) == 0)
        layer->role = ROLE_ATTEST;
      else if (layer->kind == LAYER_SPAN && strcmp (layer->type, NAMED_ENTITY) == 0)
        layer->role = ROLE_NAMED_ENTITY;
    }

  for (guint i = 0; i < p->layers->len; i++)
    {
      Layer *layer = g_ptr_array_index (p->layers, i);
      Layer *base;
      guint index;

      if (layer->kind != LAYER_RELATION)
        continue;

      base = find_layer (p, layer->base_type, &index);
      if (base == NULL && strcmp (layer->base_type, TOKEN_TYPE) == 0)
        continue;
      if (base == NULL || base->kind != LAYER_SPAN)
        return fail (p, layer->line, error,
                     _("the relation layer %s attaches to %s, which is not a span layer of the file"),
                     layer->type, layer->base_type);

      layer->base_layer = (gint) index;
      if (base->role != ROLE_ATTEST && base->role != ROLE_NAMED_ENTITY)
        continue;

      layer->role = ROLE_RELATION;
      for (guint t = 0; t < G_N_ELEMENTS (type_features) && layer->type_feature < 0; t++)
        for (guint f = 0; f < layer->features->len; f++)
          if (strcmp (g_ptr_array_index (layer->features, f), type_features[t]) == 0)
            layer->type_feature = (gint) f;
      if (layer->type_feature < 0 && layer->features->len > 0)
        layer->type_feature = 0;
    }

  return TRUE;
}

static gboolean
parse_header (Parser  *p,
              GError **error)
{
  const char *line;
  gsize len;

  if (!next_line (p, &line, &len))
    return fail (p, 1, error, _("the file is empty"));
  if (!check_format (p, line, len, error))
    return FALSE;

  for (;;)
    {
      if (!next_line (p, &line, &len))
        return fail (p, p->line, error, _("the file ends in its header"));
      if (is_blank (line, len))
        break;

      if (has_prefix (line, len, "#T_SP="))
        {
          if (!parse_layer (p, LAYER_SPAN, line, len, error))
            return FALSE;
        }
      else if (has_prefix (line, len, "#T_RL="))
        {
          if (!parse_layer (p, LAYER_RELATION, line, len, error))
            return FALSE;
        }
      else if (has_prefix (line, len, "#T_CH="))
        {
          if (!parse_layer (p, LAYER_CHAIN, line, len, error))
            return FALSE;
        }
      else
        {
          const char *eq = memchr (line, '=', len);
          g_autofree char *piece = snippet (line, eq != NULL ? (gsize) (eq - line + 1) : len);

          if (has_prefix (line, len, "#T_"))
            return fail (p, p->line, error,
                         _("unknown layer kind “%s”: a layer is #T_SP=, #T_RL= or #T_CH="), piece);
          return fail (p, p->line, error,
                       _("expected a layer declaration (#T_SP=, #T_RL=, #T_CH=) or an empty line, not “%s”"),
                       piece);
        }
    }

  /* The reader skips one more line after the header; it must be empty. */
  if (!next_line (p, &line, &len))
    return fail (p, p->line, error, _("the file ends after its header, without a sentence"));
  if (!is_blank (line, len))
    return fail (p, p->line, error, _("expected a second empty line after the header"));

  return resolve_layers (p, error);
}

/* The body ------------------------------------------------------------------ */

static guint
utf16_length (const char *utf8,
              gsize       len)
{
  guint n = 0;

  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) utf8[i];

      if ((c & 0xC0) != 0x80)
        n += c >= 0xF0 ? 2 : 1;
    }

  return n;
}

static void
unit_name (GString     *out,
           const Unit  *unit)
{
  g_string_append_printf (out, "%u-%u", unit->sentence + 1, unit->token);
  if (unit->sub > 0)
    g_string_append_printf (out, ".%u", unit->sub);
}

static char *
unit_to_string (const Unit *unit)
{
  GString *out = g_string_new (NULL);

  unit_name (out, unit);
  return g_string_free (out, FALSE);
}

/* "2-3" or "2-3.1" */
static gboolean
parse_unit_id (const char *text,
               gsize       len,
               guint      *sentence,
               guint      *token,
               guint      *sub)
{
  const char *dash = memchr (text, '-', len);
  const char *dot;

  if (dash == NULL)
    return FALSE;
  dot = memchr (dash, '.', len - (gsize) (dash - text));
  *sub = 0;
  if (!parse_number (text, (gsize) (dash - text), sentence))
    return FALSE;
  if (dot == NULL)
    return parse_number (dash + 1, len - (gsize) (dash - text) - 1, token);
  return parse_number (dash + 1, (gsize) (dot - dash - 1), token) &&
         parse_number (dot + 1, len - (gsize) (dot - text) - 1, sub) && *sub > 0;
}

/* The first token of a sentence places its text, as the reader does. */
static gboolean
place_sentence (Parser      *p,
                guint        begin,
                const char  *id,
                GError     **error)
{
  Sentence sentence;
  guint first = p->tokens->len;

  if (p->text16 > begin)
    {
      if (p->text16 != begin + 1)
        return fail (p, p->line, error,
                     _("row %s begins at %u, inside the sentence before it (which ends at %u)"),
                     id, begin, p->text16 - 1);
      /* The line feed after the last sentence goes. */
      g_string_truncate (p->text, p->text->len - 1);
      p->text16--;
    }
  while (p->text16 < begin)
    {
      g_string_append_c (p->text, ' ');
      p->text16++;
    }

  sentence.start = p->text16;
  g_string_append_len (p->text, p->pending->str, (gssize) p->pending->len);
  p->text16 += utf16_length (p->pending->str, p->pending->len);
  sentence.end = p->text16 - 1;
  g_array_append_val (p->sentences, sentence);
  g_array_append_val (p->first_token, first);

  g_string_truncate (p->pending, 0);
  p->pending_lines = 0;

  return TRUE;
}

static gboolean
anno_on_unit (Parser *p,
              guint   anno,
              guint   unit_index)
{
  const Unit *unit = &g_array_index (p->units, Unit, unit_index);

  for (guint m = unit->first_member; m < unit->first_member + unit->n_members; m++)
    if (g_array_index (p->members, guint, m) == anno)
      return TRUE;
  return FALSE;
}

/* One span annotation on the current row: new, or the continuation of one
 * with the same disambiguation id. */
static gboolean
add_span_value (Parser       *p,
                guint         layer_index,
                guint         id,
                const char  **values,
                GError      **error)
{
  Layer *layer = g_ptr_array_index (p->layers, layer_index);
  guint unit_index = p->units->len - 1;
  Unit *unit = &g_array_index (p->units, Unit, unit_index);
  guint found = id > 0 ? GPOINTER_TO_UINT (g_hash_table_lookup (p->ids, GUINT_TO_POINTER (id))) : 0;
  guint index;

  if (found > 0)
    {
      Anno *anno = &g_array_index (p->annos, Anno, found - 1);
      Layer *other = g_ptr_array_index (p->layers, anno->layer);

      index = found - 1;
      if (anno->layer != layer_index)
        return fail (p, p->line, error, _("[%u] is used in %s (line %u) and in %s"),
                     id, other->type, anno->line, layer->type);
      if (anno_on_unit (p, index, unit_index))
        {
          g_autofree char *name = unit_to_string (unit);

          return fail (p, p->line, error, _("[%u] appears twice on row %s"), id, name);
        }

      /* The reader extends the annotation to the end of this row. */
      anno->end = unit->end;
      for (guint f = 0; f < layer->features->len; f++)
        {
          if (values[f] == NULL)
            continue;
          if (anno->values[f] == NULL)
            anno->values[f] = values[f];
          else if (strcmp (anno->values[f], values[f]) != 0)
            return fail (p, p->line, error,
                         _("[%u] has “%s” for %s here but “%s” on line %u"), id, values[f],
                         (const char *) g_ptr_array_index (layer->features, f),
                         anno->values[f], anno->line);
        }
      g_free (values);
    }
  else
    {
      Anno anno = { layer_index, id, unit->begin, unit->end, p->line, values, NULL };

      index = p->annos->len;
      g_array_append_val (p->annos, anno);
      if (id > 0)
        g_hash_table_insert (p->ids, GUINT_TO_POINTER (id), GUINT_TO_POINTER (index + 1));
    }

  g_array_append_val (p->members, index);
  unit->n_members++;

  return TRUE;
}

static gboolean
parse_relation_ref (const char *text,
                    gsize       len,
                    Link       *link)
{
  const char *open = memchr (text, '[', len);
  gsize id_len = open != NULL ? (gsize) (open - text) : len;

  link->source_id = 0;
  link->target_id = 0;
  if (!parse_unit_id (text, id_len, &link->sentence, &link->token, &link->sub))
    return FALSE;
  if (open != NULL)
    {
      const char *inner = open + 1;
      gsize inner_len = len - id_len - 1;
      const char *underscore;

      if (inner_len < 1 || inner[inner_len - 1] != ']')
        return FALSE;
      inner_len--;
      underscore = memchr (inner, '_', inner_len);
      if (underscore == NULL ||
          !parse_number (inner, (gsize) (underscore - inner), &link->source_id) ||
          !parse_number (underscore + 1, inner_len - (gsize) (underscore - inner) - 1,
                         &link->target_id))
        return FALSE;
    }
  return TRUE;
}

/* The columns of one layer on the current row. */
static gboolean
parse_layer_columns (Parser       *p,
                     guint         layer_index,
                     const char  **fields,
                     const gsize  *field_lens,
                     GError      **error)
{
  Layer *layer = g_ptr_array_index (p->layers, layer_index);
  g_autoptr(GPtrArray) stacks = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  gint count = -1;
  guint count_column = 0;

  if (layer->kind == LAYER_CHAIN)
    return TRUE;

  for (guint c = 0; c < layer->n_columns; c++)
    {
      guint col = layer->first_column + c;
      const Column *column = &g_array_index (p->columns, Column, col);
      GArray *pieces = NULL;
      gint n = 0;

      if (column->kind != COLUMN_SLOT)
        {
          if (!(field_lens[col] == 1 && fields[col][0] == '_'))
            {
              pieces = split_stack (fields[col], field_lens[col]);
              n = (gint) pieces->len;
            }
          if (count < 0)
            {
              count = n;
              count_column = c;
            }
          else if (n != count)
            {
              if (pieces != NULL)
                g_array_unref (pieces);
              return fail (p, p->line, error,
                           _("%s has %d annotations in its column %u but %d in its column %u"),
                           layer->type, count, count_column + 1, n, c + 1);
            }
        }
      if (pieces == NULL)
        pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
      g_ptr_array_add (stacks, pieces);
    }

  for (gint k = 0; k < count; k++)
    {
      const char **values = g_new0 (const char *, layer->features->len + 1);
      Link link = { layer_index, p->line, p->units->len - 1, 0, 0, 0, 0, 0, NULL, 0, 0 };
      guint id = 0;
      gboolean have_ref = FALSE;

      for (guint c = 0; c < layer->n_columns; c++)
        {
          guint col = layer->first_column + c;
          const Column *column = &g_array_index (p->columns, Column, col);
          GArray *pieces = g_ptr_array_index (stacks, c);
          const Piece *piece;
          const char *text;
          gsize len, value_len, suffix_len;
          const char *suffix;
          guint piece_id = 0;

          if (column->kind == COLUMN_SLOT)
            continue;

          piece = &g_array_index (pieces, Piece, k);
          text = fields[col] + piece->start;
          len = piece->end - piece->start;

          if (column->kind == COLUMN_BASE)
            {
              if (!parse_relation_ref (text, len, &link))
                {
                  g_autofree char *shown = snippet (text, len);

                  g_free (values);
                  return fail (p, p->line, error,
                               _("“%s” is not a row reference such as 1-3 or 1-3[2_0]"), shown);
                }
              have_ref = TRUE;
              continue;
            }

          if (!split_suffix (text, len, &value_len, &suffix, &suffix_len) ||
              (suffix != NULL && (!parse_number (suffix, suffix_len, &piece_id) || piece_id == 0)))
            {
              g_autofree char *shown = snippet (text, len);

              g_free (values);
              return fail (p, p->line, error,
                           _("“%s” has a bracket that is neither escaped nor an id such as [3]"),
                           shown);
            }
          if (layer->kind == LAYER_SPAN && piece_id > 0)
            {
              if (id > 0 && id != piece_id)
                {
                  g_free (values);
                  return fail (p, p->line, error,
                               _("one annotation of %s has two ids, [%u] and [%u]"),
                               layer->type, id, piece_id);
                }
              id = piece_id;
            }
          if (column->kind == COLUMN_FEATURE && !(value_len == 1 && text[0] == '*'))
            values[column->feature] = unescape_value (p, text, value_len);
        }

      if (layer->kind == LAYER_SPAN)
        {
          if (!add_span_value (p, layer_index, id, values, error))
            {
              g_free (values);
              return FALSE;
            }
        }
      else
        {
          g_assert (have_ref);
          if (layer->type_feature >= 0)
            link.type = values[layer->type_feature];
          g_free (values);
          g_array_append_val (p->links, link);
        }
    }

  return TRUE;
}

static gboolean
parse_row (Parser      *p,
           const char  *line,
           gsize        len,
           gboolean     first_in_sentence,
           GError     **error)
{
  guint n_columns = p->columns->len;
  g_autofree const char **fields = g_new0 (const char *, n_columns + 4);
  g_autofree gsize *field_lens = g_new0 (gsize, n_columns + 4);
  guint n_fields = 0;
  gsize start = 0;
  guint sentence, token, sub, begin, end;
  const char *dash;
  g_autofree char *id = NULL;
  Unit unit = { 0 };

  /* Fields: id, offsets, text, the columns, and the empty one after the
   * closing tab INCEpTION writes. */
  for (gsize i = 0; i <= len; i++)
    if (i == len || line[i] == '\t')
      {
        if (n_fields < n_columns + 4)
          {
            fields[n_fields] = line + start;
            field_lens[n_fields] = i - start;
          }
        else if (i > start)
          return fail (p, p->line, error, _("expected %u columns, found more"), n_columns + 3);
        n_fields++;
        start = i + 1;
      }
  if (n_fields < n_columns + 3)
    return fail (p, p->line, error, _("expected %u columns, found %u"), n_columns + 3, n_fields);
  if (n_fields == n_columns + 4 && field_lens[n_columns + 3] > 0)
    return fail (p, p->line, error, _("expected %u columns, found more"), n_columns + 3);

  id = g_strndup (fields[0], field_lens[0]);
  if (!parse_unit_id (fields[0], field_lens[0], &sentence, &token, &sub))
    {
      g_autofree char *shown = snippet (fields[0], field_lens[0]);

      return fail (p, p->line, error, _("“%s” is not a row id such as 1-3 or 1-3.1"), shown);
    }

  dash = memchr (fields[1], '-', field_lens[1]);
  if (dash == NULL ||
      !parse_number (fields[1], (gsize) (dash - fields[1]), &begin) ||
      !parse_number (dash + 1, field_lens[1] - (gsize) (dash - fields[1]) - 1, &end) ||
      begin > end)
    {
      g_autofree char *shown = snippet (fields[1], field_lens[1]);

      return fail (p, p->line, error,
                   _("row %s: “%s” is not an offset range such as 0-4"), id, shown);
    }

  if (sub == 0)
    {
      guint expected_sentence = p->sentences->len + (first_in_sentence ? 1 : 0);
      guint expected_token = first_in_sentence ? 1 :
        g_array_index (p->units, Unit, g_array_index (p->tokens, guint, p->tokens->len - 1)).token + 1;

      if (sentence != expected_sentence || token != expected_token)
        return fail (p, p->line, error, _("row %s is out of order: expected %u-%u"),
                     id, expected_sentence, expected_token);

      if (first_in_sentence)
        {
          if (!place_sentence (p, begin, id, error))
            return FALSE;
        }
      else
        {
          const Unit *before = &g_array_index (p->units, Unit,
                                               g_array_index (p->tokens, guint, p->tokens->len - 1));

          if (begin < before->end)
            return fail (p, p->line, error,
                         _("row %s (%u-%u) overlaps the token before it (%u-%u)"),
                         id, begin, end, before->begin, before->end);
        }
    }
  else
    {
      Unit *host;

      if (first_in_sentence)
        return fail (p, p->line, error, _("sub-token %s comes before any token of its sentence"), id);
      host = &g_array_index (p->units, Unit, g_array_index (p->tokens, guint, p->tokens->len - 1));
      if (sentence != host->sentence + 1 || token != host->token || sub != host->n_subs + 1)
        return fail (p, p->line, error, _("row %s is out of order: expected %u-%u.%u"),
                     id, host->sentence + 1, host->token, host->n_subs + 1);
      if (begin < host->begin || end > host->end)
        return fail (p, p->line, error,
                     _("sub-token %s (%u-%u) is not inside its token (%u-%u)"),
                     id, begin, end, host->begin, host->end);
      for (guint s = 1; s <= host->n_subs; s++)
        {
          const Unit *other = host + s;

          if (other->begin == begin && other->end == end)
            return fail (p, p->line, error,
                         _("sub-token %s has the same offsets as %u-%u.%u"),
                         id, sentence, token, s);
        }
      host->n_subs++;
    }

  if (end > g_array_index (p->sentences, Sentence, p->sentences->len - 1).end)
    return fail (p, p->line, error, _("row %s ends at %u, past the end of its sentence (%u)"),
                 id, end, g_array_index (p->sentences, Sentence, p->sentences->len - 1).end);

  unit.begin = begin;
  unit.end = end;
  unit.line = p->line;
  unit.sentence = p->sentences->len - 1;
  unit.token = token;
  unit.sub = sub;
  unit.text = fields[2];
  unit.text_len = field_lens[2];
  unit.first_member = p->members->len;
  if (sub == 0)
    {
      guint index = p->units->len;

      g_array_append_val (p->tokens, index);
    }
  g_array_append_val (p->units, unit);

  for (guint i = 0; i < p->layers->len; i++)
    if (!parse_layer_columns (p, i, fields + 3, field_lens + 3, error))
      return FALSE;

  return TRUE;
}

static gboolean
parse_body (Parser  *p,
            GError **error)
{
  enum { BETWEEN, HEADER, ROWS } state = BETWEEN;
  const char *line;
  gsize len;
  guint n_blank = 0, first_blank = 0;

  while (next_line (p, &line, &len))
    {
      if (len == 0)
        {
          if (state == HEADER)
            return fail (p, p->line, error, _("a sentence without tokens"));
          if (n_blank++ == 0)
            first_blank = p->line;
          state = BETWEEN;
          continue;
        }

      /* One empty line between sentences, none more after the header's;
       * extra ones are let be at the end of the file only. */
      if (state == BETWEEN && n_blank > (p->sentences->len > 0 ? 1u : 0u))
        return fail (p, p->sentences->len > 0 ? first_blank + 1 : first_blank, error,
                     _("an empty line too many"));
      n_blank = 0;

      if (line[0] == '#')
        {
          if (state == ROWS)
            return fail (p, p->line, error, _("a sentence must follow an empty line"));
          state = HEADER;
          if (has_prefix (line, len, "#Text="))
            {
              unescape_text (p->pending, line + 6, len - 6);
              g_string_append_c (p->pending, '\n');
              p->pending_lines++;
            }
          continue;
        }

      if (state == BETWEEN)
        return fail (p, p->line, error, _("a token row before its sentence’s #Text= line"));
      if (state == HEADER && p->pending_lines == 0)
        return fail (p, p->line, error, _("a sentence without a #Text= line"));

      if (!parse_row (p, line, len, state == HEADER, error))
        return FALSE;
      state = ROWS;
    }

  if (state == HEADER)
    return fail (p, p->line, error, _("the file ends before the tokens of its last sentence"));
  if (p->sentences->len == 0)
    return fail (p, p->line, error, _("the file has no sentences"));

  return TRUE;
}

/* Building the document -------------------------------------------------------- */

static gboolean
check_offset (Parser      *p,
              AttestText  *text,
              const Unit  *unit,
              guint        offset,
              guint       *cp,
              GError     **error)
{
  *cp = attest_text_utf16_to_cp (text, offset);
  if (attest_text_cp_to_utf16 (text, *cp) != offset)
    {
      g_autofree char *name = unit_to_string (unit);

      return fail (p, unit->line, error,
                   _("row %s: offset %u falls inside a character (UTF-16 offsets count a character past U+FFFF twice)"),
                   name, offset);
    }
  return TRUE;
}

/* Every row's offsets land on characters and its text is the text there. */
static gboolean
check_units (Parser      *p,
             AttestText  *text,
             GError     **error)
{
  g_autoptr(GString) escaped = g_string_new (NULL);

  for (guint u = 0; u < p->units->len; u++)
    {
      const Unit *unit = &g_array_index (p->units, Unit, u);
      guint b, e;
      gsize n;
      const char *slice;

      if (!check_offset (p, text, unit, unit->begin, &b, error) ||
          !check_offset (p, text, unit, unit->end, &e, error))
        return FALSE;

      slice = attest_text_get_pointer (text, b);
      n = (gsize) (attest_text_get_pointer (text, e) - slice);
      if (n == unit->text_len && memcmp (slice, unit->text, n) == 0)
        continue;

      g_string_truncate (escaped, 0);
      escape_text (escaped, slice, n);
      if (escaped->len != unit->text_len || memcmp (escaped->str, unit->text, escaped->len) != 0)
        {
          g_autofree char *name = unit_to_string (unit);
          g_autofree char *said = snippet (unit->text, unit->text_len);
          g_autofree char *there = snippet (escaped->str, escaped->len);

          return fail (p, unit->line, error,
                       _("row %s says “%s” but the text at %u-%u is “%s”"),
                       name, said, unit->begin, unit->end, there);
        }
    }

  return TRUE;
}

/* Our features by name, whatever their case: a layer set up by hand in
 * INCEpTION may say "Label". */
static const char *
feature_value (const Layer *layer,
               const Anno  *anno,
               const char  *name)
{
  for (guint f = 0; f < layer->features->len; f++)
    if (g_ascii_strcasecmp (g_ptr_array_index (layer->features, f), name) == 0)
      return anno->values[f];
  return NULL;
}

static gboolean
is_fixed_feature (const char *name)
{
  static const char * const fixed[] = {
    "label", "note", "entity", "entityName", "entityKind", "wikidata", "aliases",
  };

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    if (g_ascii_strcasecmp (name, fixed[i]) == 0)
      return TRUE;
  return FALSE;
}

static const char *
label_for_named_entity (const char *value)
{
  static const char * const labels[] = { "quote", "speaker", "fact" };

  if (value == NULL || *value == '\0')
    return "entity";
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_ascii_strcasecmp (value, labels[i]) == 0)
      return labels[i];
  return value;
}

static const char *
kind_for_named_entity (const char *value)
{
  if (value == NULL)
    return "other";
  if (g_ascii_strcasecmp (value, "PER") == 0 || g_ascii_strcasecmp (value, "PERSON") == 0)
    return "person";
  if (g_ascii_strcasecmp (value, "ORG") == 0 || g_ascii_strcasecmp (value, "ORGANIZATION") == 0 ||
      g_ascii_strcasecmp (value, "ORGANISATION") == 0)
    return "organisation";
  return "other";
}

/* "Q42", from "Q42" or a Wikidata IRI; NULL for anything else. */
static char *
wikidata_id (const char *value)
{
  const char *q = value;

  if (value == NULL)
    return NULL;
  if (g_str_has_prefix (value, "http://www.wikidata.org/entity/"))
    q = value + strlen ("http://www.wikidata.org/entity/");
  else if (g_str_has_prefix (value, "https://www.wikidata.org/entity/"))
    q = value + strlen ("https://www.wikidata.org/entity/");
  if (q[0] != 'Q' || q[1] == '\0')
    return NULL;
  for (const char *c = q + 1; *c != '\0'; c++)
    if (!g_ascii_isdigit (*c))
      return NULL;
  return g_strdup (q);
}

typedef struct
{
  AttestEntity *entity;       /* until added: owned here */
  gboolean      added;
} EntityBuild;

static void
entity_build_free (gpointer data)
{
  EntityBuild *build = data;

  if (!build->added)
    attest_entity_free (build->entity);
  g_free (build);
}

/* The entity an annotation names, made on first sight. */
static EntityBuild *
entity_for (GHashTable  *entities,
            GPtrArray   *order,
            const Layer *layer,
            const Anno  *anno,
            AttestText  *text,
            guint        start,
            guint        end)
{
  g_autofree char *key = NULL;
  g_autofree char *covered = NULL;
  const char *id = NULL, *name = NULL, *kind = NULL, *wikidata = NULL, *aliases = NULL;
  EntityBuild *build;
  gsize prefix_len;
  guint64 number;

  if (layer->role == ROLE_ATTEST)
    {
      id = feature_value (layer, anno, "entity");
      name = feature_value (layer, anno, "entityName");
      kind = feature_value (layer, anno, "entityKind");
      wikidata = feature_value (layer, anno, "wikidata");
      aliases = feature_value (layer, anno, "aliases");
      if (id != NULL)
        key = g_strconcat ("id:", id, NULL);
      else if (name != NULL)
        key = g_strconcat ("name:", name, NULL);
    }
  else
    {
      wikidata = feature_value (layer, anno, "identifier");
      kind = kind_for_named_entity (feature_value (layer, anno, "value"));
      if (wikidata != NULL)
        key = g_strconcat ("ne:", wikidata, NULL);
    }

  if (key == NULL)
    return NULL;
  if ((build = g_hash_table_lookup (entities, key)) != NULL)
    return build;

  covered = attest_text_slice (text, start, end);
  build = g_new0 (EntityBuild, 1);
  /* Keep an id of our own shape; others get a new one. */
  if (id != NULL && attest_id_parse (id, &prefix_len, &number) && prefix_len == 1 && id[0] == 'e')
    build->entity = attest_entity_new (id, name != NULL ? name : covered, kind);
  else
    build->entity = attest_entity_new (NULL, name != NULL ? name : covered, kind);
  build->entity->wikidata = wikidata_id (wikidata);
  if (aliases != NULL && *aliases != '\0')
    build->entity->aliases = g_strsplit (aliases, "\n", -1);

  g_hash_table_insert (entities, g_steal_pointer (&key), build);
  g_ptr_array_add (order, build);
  return build;
}

typedef struct
{
  Anno  *anno;
  guint  start;
  guint  end;
  const char *label;
  EntityBuild *entity;
} SpanBuild;

static int
compare_span_builds (gconstpointer a,
                     gconstpointer b)
{
  const SpanBuild *x = a, *y = b;
  int cmp;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  if ((cmp = strcmp (x->label, y->label)) != 0)
    return cmp;
  return x->anno->line < y->anno->line ? -1 : x->anno->line > y->anno->line;
}

/* The annotation a relation's end names: by id, or the first of the base
 * layer on the row. */
static gboolean
resolve_end (Parser      *p,
             const Link  *link,
             guint        unit_index,
             guint        id,
             Anno       **out,
             GError     **error)
{
  const Layer *layer = g_ptr_array_index (p->layers, link->layer);
  const Unit *unit = &g_array_index (p->units, Unit, unit_index);
  g_autofree char *name = unit_to_string (unit);

  if (id > 0)
    {
      guint found = GPOINTER_TO_UINT (g_hash_table_lookup (p->ids, GUINT_TO_POINTER (id)));
      Anno *anno;

      if (found == 0)
        return fail (p, link->line, error, _("the relation points at [%u], which no annotation has"), id);
      anno = &g_array_index (p->annos, Anno, found - 1);
      if ((gint) anno->layer != layer->base_layer)
        return fail (p, link->line, error, _("the relation points at [%u], which is not in %s"),
                     id, layer->base_type);
      if (!anno_on_unit (p, found - 1, unit_index))
        return fail (p, link->line, error, _("the relation points at [%u], which is not on row %s"),
                     id, name);
      *out = anno;
      return TRUE;
    }

  for (guint m = unit->first_member; m < unit->first_member + unit->n_members; m++)
    {
      Anno *anno = &g_array_index (p->annos, Anno, g_array_index (p->members, guint, m));

      if ((gint) anno->layer == layer->base_layer)
        {
          *out = anno;
          return TRUE;
        }
    }

  return fail (p, link->line, error, _("the relation points at row %s, which has no %s annotation"),
               name, layer->base_type);
}

static gboolean
resolve_links (Parser  *p,
               GError **error)
{
  for (guint l = 0; l < p->links->len; l++)
    {
      Link *link = &g_array_index (p->links, Link, l);
      const Layer *layer = g_ptr_array_index (p->layers, link->layer);
      guint source_unit, token_index;
      Anno *source = NULL, *target = NULL;

      if (layer->base_layer < 0)
        continue;

      if (link->sentence == 0 || link->sentence > p->sentences->len)
        goto missing;
      token_index = g_array_index (p->first_token, guint, link->sentence - 1) + link->token - 1;
      if (link->token == 0 || token_index >= p->tokens->len ||
          (link->sentence < p->sentences->len &&
           token_index >= g_array_index (p->first_token, guint, link->sentence)))
        goto missing;
      source_unit = g_array_index (p->tokens, guint, token_index);
      if (link->sub > g_array_index (p->units, Unit, source_unit).n_subs)
        goto missing;
      source_unit += link->sub;

      if (!resolve_end (p, link, source_unit, link->source_id, &source, error) ||
          !resolve_end (p, link, link->unit, link->target_id, &target, error))
        return FALSE;

      link->source = (guint) (source - &g_array_index (p->annos, Anno, 0));
      link->target = (guint) (target - &g_array_index (p->annos, Anno, 0));
      continue;

    missing:
      if (link->sub > 0)
        return fail (p, link->line, error, _("the relation points at row %u-%u.%u, which does not exist"),
                     link->sentence, link->token, link->sub);
      return fail (p, link->line, error, _("the relation points at row %u-%u, which does not exist"),
                   link->sentence, link->token);
    }

  return TRUE;
}

static AttestDocument *
build_document (Parser      *p,
                AttestText  *text,
                GError     **error)
{
  g_autoptr(AttestDocument) document = attest_document_new (text);
  g_autoptr(GHashTable) entities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          entity_build_free);
  g_autoptr(GPtrArray) entity_order = g_ptr_array_new ();
  g_autoptr(GArray) builds = g_array_new (FALSE, FALSE, sizeof (SpanBuild));

  for (guint a = 0; a < p->annos->len; a++)
    {
      Anno *anno = &g_array_index (p->annos, Anno, a);
      const Layer *layer = g_ptr_array_index (p->layers, anno->layer);
      SpanBuild build = { anno, 0, 0, NULL, NULL };

      if (layer->role != ROLE_ATTEST && layer->role != ROLE_NAMED_ENTITY)
        continue;
      if (anno->end < anno->begin)
        {
          fail (p, anno->line, error, _("[%u] ends on a row before the one it begins on"), anno->id);
          return NULL;
        }

      build.start = attest_text_utf16_to_cp (text, anno->begin);
      build.end = attest_text_utf16_to_cp (text, anno->end);
      if (layer->role == ROLE_ATTEST)
        {
          build.label = feature_value (layer, anno, "label");
          if (build.label == NULL || *build.label == '\0')
            build.label = "span";
        }
      else
        build.label = label_for_named_entity (feature_value (layer, anno, "value"));
      build.entity = entity_for (entities, entity_order, layer, anno, text, build.start, build.end);
      g_array_append_val (builds, build);
    }

  /* Entities with ids of their own first, so a new id never takes one. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < entity_order->len; i++)
      {
        EntityBuild *build = g_ptr_array_index (entity_order, i);

        if ((build->entity->id != NULL) != (pass == 0) || build->added)
          continue;
        if (!attest_document_add_entity (document, build->entity, error))
          return NULL;
        build->added = TRUE;
      }

  g_array_sort (builds, compare_span_builds);
  for (guint i = 0; i < builds->len; i++)
    {
      SpanBuild *build = &g_array_index (builds, SpanBuild, i);
      const Layer *layer = g_ptr_array_index (p->layers, build->anno->layer);
      AttestSpan *span = attest_import_new_span (p->context, build->label, build->start, build->end);

      if (layer->role == ROLE_ATTEST)
        {
          span->note = g_strdup (feature_value (layer, build->anno, "note"));
          for (guint f = 0; f < layer->features->len; f++)
            {
              const char *name = g_ptr_array_index (layer->features, f);

              if (!is_fixed_feature (name) && build->anno->values[f] != NULL)
                span->attrs = attest_attrs_set (span->attrs, name, build->anno->values[f]);
            }
        }
      if (build->entity != NULL)
        span->entity = g_strdup (build->entity->entity->id);
      /* Attest keeps an empty span only as one re-anchoring deleted, for
       * the editor to review; the sidecar allows no other. */
      if (span->start == span->end)
        span->flags |= ATTEST_SPAN_FLAG_DELETED;

      if (!attest_document_add_span (document, span, error))
        {
          attest_span_free (span);
          return NULL;
        }
      build->anno->span = span;
    }

  for (guint l = 0; l < p->links->len; l++)
    {
      const Link *link = &g_array_index (p->links, Link, l);
      const Layer *layer = g_ptr_array_index (p->layers, link->layer);
      const Anno *source, *target;
      AttestRelation *relation;
      g_autofree char *fallback = NULL;
      const char *type = link->type;

      if (layer->role != ROLE_RELATION)
        continue;
      source = &g_array_index (p->annos, Anno, link->source);
      target = &g_array_index (p->annos, Anno, link->target);
      if (type == NULL || *type == '\0')
        {
          const char *dot = strrchr (layer->type, '.');

          fallback = g_ascii_strdown (dot != NULL ? dot + 1 : layer->type, -1);
          type = fallback;
        }

      relation = attest_import_new_relation (p->context, type, source->span->id, target->span->id);
      if (!attest_document_add_relation (document, relation, error))
        {
          attest_relation_free (relation);
          return NULL;
        }
    }

  return g_steal_pointer (&document);
}

/* One file ------------------------------------------------------------------- */

static gboolean
import_file (AttestImportContext  *context,
             const char           *path,
             const char           *display,
             const char           *name,
             GError              **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(AttestText) text = NULL;
  g_autoptr(AttestDocument) document = NULL;
  g_autoptr(GError) local_error = NULL;
  Parser p = { 0 };
  const char *data;
  const char *bad;
  gsize len;
  gboolean ok;

  bytes = attest_import_read_file (path, attest_import_context_get_cancellable (context), error);
  if (bytes == NULL)
    return FALSE;

  data = g_bytes_get_data (bytes, &len);
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }

  p.context = context;
  p.display = display;
  p.data = data;
  p.len = len;

  if (!g_utf8_validate_len (data, len, &bad))
    {
      guint line = 1;

      for (const char *c = data; c < bad; c++)
        if (*c == '\n' || (*c == '\r' && c + 1 < bad && c[1] != '\n'))
          line++;
      return fail (&p, line, error, _("not valid UTF-8 (byte %" G_GSIZE_FORMAT ")"),
                   (gsize) (bad - data));
    }

  p.layers = g_ptr_array_new_with_free_func (layer_free);
  p.columns = g_array_new (FALSE, FALSE, sizeof (Column));
  p.strings = g_string_chunk_new (4096);
  p.text = g_string_sized_new (len / 4);
  p.pending = g_string_new (NULL);
  p.sentences = g_array_new (FALSE, FALSE, sizeof (Sentence));
  p.tokens = g_array_new (FALSE, FALSE, sizeof (guint));
  p.first_token = g_array_new (FALSE, FALSE, sizeof (guint));
  p.units = g_array_new (FALSE, FALSE, sizeof (Unit));
  p.members = g_array_new (FALSE, FALSE, sizeof (guint));
  p.annos = g_array_new (FALSE, FALSE, sizeof (Anno));
  p.links = g_array_new (FALSE, FALSE, sizeof (Link));
  p.ids = g_hash_table_new (NULL, NULL);

  ok = parse_header (&p, error) && parse_body (&p, error);

  if (ok)
    {
      text = attest_text_new (p.text->str, (gssize) p.text->len, &local_error);
      if (text == NULL)
        ok = fail (&p, 1, error, _("the text it holds cannot be used: %s"), local_error->message);
    }

  ok = ok && check_units (&p, text, error) && resolve_links (&p, error) &&
       (document = build_document (&p, text, error)) != NULL &&
       attest_import_context_add (context, name, document, display, error);

  parser_clear (&p);
  return ok;
}

/* "a/story.tsv" → "a/story.txt"; other names get ".txt" added. */
static char *
article_name (const char *relative)
{
  if (g_str_has_suffix (relative, ".tsv") && strlen (relative) > 4)
    {
      g_autofree char *stem = g_strndup (relative, strlen (relative) - 4);

      return g_strconcat (stem, ".txt", NULL);
    }
  return g_strconcat (relative, ".txt", NULL);
}

/* The .tsv files under @dir, as '/'-separated paths relative to the input,
 * skipping hidden entries and links. */
static gboolean
collect_files (const char  *root,
               const char  *relative,
               GPtrArray   *found,
               GError     **error)
{
  g_autofree char *dir_path = relative != NULL ? g_build_filename (root, relative, NULL) : g_strdup (root);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, error);
  const char *entry;

  if (dir == NULL)
    return FALSE;

  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child_rel = relative != NULL ? g_strconcat (relative, "/", entry, NULL)
                                                    : g_strdup (entry);
      g_autofree char *child = g_build_filename (root, child_rel, NULL);

      if (entry[0] == '.' || g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          if (!collect_files (root, child_rel, found, error))
            return FALSE;
        }
      else if (g_str_has_suffix (entry, ".tsv"))
        g_ptr_array_add (found, g_steal_pointer (&child_rel));
    }

  return TRUE;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
import_input (AttestImportContext  *context,
              const char           *input,
              GError              **error)
{
  g_autoptr(GPtrArray) files = NULL;

  if (!g_file_test (input, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *base = g_path_get_basename (input);
      g_autofree char *name = article_name (base);

      return import_file (context, input, base, name, error);
    }

  files = g_ptr_array_new_with_free_func (g_free);
  if (!collect_files (input, NULL, files, error))
    return FALSE;
  g_ptr_array_sort (files, compare_paths);

  for (guint i = 0; i < files->len; i++)
    {
      const char *relative = g_ptr_array_index (files, i);
      g_autofree char *path = g_build_filename (input, relative, NULL);
      g_autofree char *name = article_name (relative);

      if (g_cancellable_set_error_if_cancelled (attest_import_context_get_cancellable (context), error) ||
          !import_file (context, path, relative, name, error))
        return FALSE;
    }

  return TRUE;
}

const AttestImporter attest_import_webanno = {
  .name = "webanno",
  .title = N_("WebAnno TSV 3.3 (INCEpTION)"),
  .import = import_input,
};
