/* attest-export-webanno.c: WebAnno TSV 3.3 (INCEpTION)
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One .tsv per document, written from the format's specification (the
 * "WebAnno TSV 3.3 File format" chapter of the INCEpTION user guide) and
 * checked against what INCEpTION's reader does with it.
 *
 * Layers. INCEpTION imports a TSV file only into a project that has every
 * layer and feature the header names, and a relation layer attaches to
 * exactly one span layer. Quotes, speakers and facts are linked to each
 * other (said-by goes from a quote to a speaker), so they share one custom
 * span layer, with the label as a feature:
 *
 *   #T_SP=webanno.custom.Attest|label|kind|note|entity|entityName|entityKind|wikidata|aliases
 *   #T_RL=webanno.custom.AttestRelation|relation|BT_webanno.custom.Attest
 *
 * In INCEpTION: a span layer named "Attest" with string features label,
 * note, the tag set's attributes (kind), and entity, entityName,
 * entityKind, wikidata, aliases; a relation layer "AttestRelation"
 * attached to it with a string feature "relation" (INCEpTION reserves
 * "type"). Quotes often run over several paragraphs, so the span layer
 * should allow crossing sentence boundaries. The built-in NamedEntity
 * layer has only value and identifier, and no relation layer can join it
 * to itself without a custom layer anyway; the importer reads it too.
 *
 * Attribute columns are the tag set's attributes, then any other key the
 * document uses (so one file may ask for a feature the others do not).
 * Speakers carry their entity: its id, name, kind, Wikidata IRI and
 * aliases (one per line), so the registry survives a round trip.
 *
 * Text. The reader rebuilds the text from the #Text= lines: each sentence
 * followed by a line feed, the line feed dropped when the next sentence
 * starts right after it, spaces added when it starts later. So the only
 * text that can lie between two sentences is a line feed and spaces, and
 * the text always ends with a line feed. Sentences here are the lines of
 * the article: a sentence ends before a line feed that is followed by
 * spaces and a visible character, everything else (a carriage return,
 * empty lines) stays inside the sentence, where #Text= escapes it. An
 * article with CRLF or blank lines thus comes back byte for byte; one not
 * ending in a line feed comes back with one.
 *
 * Tokens. Words and single punctuation marks or emoji (with their
 * combining marks, ZWJ sequences and flags); a token is cut wherever a
 * span starts or ends inside it, and spaces become tokens where a span
 * starts or ends in them, so every span is exactly a run of whole tokens
 * and no span is moved. An empty span sits on a zero-length sub-token
 * (1-3.1). Offsets are UTF-16 code units, as Java counts.
 *
 * A token of spaces that holds a line break or a tab (a span ending on
 * the carriage return of its line, a text starting with a line feed) has
 * its text escaped as #Text= is; INCEpTION's reader ignores a token's
 * text and reads these files exactly. INCEpTION's own TSV writer copies
 * token texts raw, though, so a TSV exported again from INCEpTION breaks
 * on such a token (INCEpTION never makes one: it trims the span).
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "attest-export-private.h"
#include "attest-webanno-private.h"

#define RELATION_LAYER "webanno.custom.AttestRelation"
#define WIKIDATA_IRI   "http://www.wikidata.org/entity/"

/* Span columns around the attribute columns. */
static const char * const fixed_before[] = { "label" };
static const char * const fixed_after[] = {
  "note", "entity", "entityName", "entityKind", "wikidata", "aliases",
};

/* Feature names INCEpTION refuses (WebAnnoConst.RESTRICTED_FEATURE_NAMES,
 * and the ends of a relation). */
static const char * const restricted_names[] = {
  "address", "begin", "end", "coveredText", "booleanValue", "doubleValue",
  "byteValue", "CAS", "CASImpl", "class", "featureValue", "floatValue",
  "longValue", "lowLevelCas", "printRefs", "sofa", "stringValue", "type",
  "typeIndexId", "view", "Governor", "Dependent",
};

enum
{
  BOUND_START = 1 << 0,   /* a non-empty span starts here */
  BOUND_END   = 1 << 1,   /* a non-empty span ends here */
  BOUND_ZERO  = 1 << 2,   /* an empty span sits here */
};

typedef struct
{
  guint start;
  guint end;
} Range;

typedef struct
{
  guint  begin;         /* code points */
  guint  end;
  guint  sentence;      /* 1-based */
  guint  number;        /* 1-based in its sentence */
  guint  unit;          /* its row */
  guint8 subs;          /* SUB_BEGIN, SUB_END: zero-length sub-tokens */
} Token;

enum
{
  SUB_BEGIN = 1 << 0,
  SUB_END   = 1 << 1,
};

/* A row of the body: a token or a sub-token. */
typedef struct
{
  guint begin;
  guint end;
  guint token;          /* index in tokens */
  guint sub;            /* 0 for the token, n for its n-th sub-token */
  guint first_span;     /* in members */
  guint n_spans;
  guint first_link;     /* in links */
  guint n_links;
} Unit;

/* A span (or relation) on a row. */
typedef struct
{
  guint unit;
  guint item;
} Member;

typedef struct
{
  char    **cells;      /* escaped values, one per span column */
  guint     first_unit;
  guint     n_units;
  guint     id;         /* disambiguation id, 0 for none */
  gboolean  needs_id;
  gboolean  kept;
} SpanInfo;

typedef struct
{
  const AttestExportContext *context;
  const AttestRecord        *record;
  AttestExportChunk         *chunk;
  gunichar                  *cps;
  guint                      length;
  guint                      limit;
  guint8                    *bounds;
  GArray                    *sentences;   /* of Range */
  GArray                    *tokens;      /* of Token */
  GArray                    *units;       /* of Unit */
  GArray                    *members;     /* of Member: spans on units */
  GArray                    *links;       /* of Member: relations on units */
  GPtrArray                 *attr_keys;   /* const char *, the attribute columns */
  SpanInfo                  *spans;
  guint                      n_columns;
  guint                      lost_cr;
  guint                      lost_empty;
  guint                      lost_alias;
} Export;

/* Characters ------------------------------------------------------------- */

static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c);
}

/* Joins the character before it: combining marks, ZWJ, variation
 * selectors, skin tones, emoji tag characters. */
static gboolean
is_extend (gunichar c)
{
  return g_unichar_ismark (c) ||
         c == 0x200D ||
         (c >= 0xFE00 && c <= 0xFE0F) ||
         (c >= 0xE0100 && c <= 0xE01EF) ||
         (c >= 0x1F3FB && c <= 0x1F3FF) ||
         (c >= 0xE0020 && c <= 0xE007F);
}

/* Punctuation and symbols (emoji included) are tokens of their own. */
static gboolean
is_mark_token (gunichar c)
{
  return g_unichar_ispunct (c) && !is_extend (c);
}

static gboolean
is_regional (gunichar c)
{
  return c >= 0x1F1E6 && c <= 0x1F1FF;
}

/* Escaping --------------------------------------------------------------- */

/* A value for a column: NULL (no value) and "" both become "*", which
 * the reader takes as no value. */
static char *
cell_for (Export     *ex,
          const char *value)
{
  if (value == NULL)
    return g_strdup ("*");
  if (*value == '\0')
    {
      ex->lost_empty++;
      return g_strdup ("*");
    }
  return _attest_webanno_escape_value (value, &ex->lost_cr);
}

/* INCEpTION's rule for feature names, less what would read as a slot
 * (ROLE_) or a relation base (BT_) in the header. */
static gboolean
is_feature_name (const char *name)
{
  if (!g_ascii_isalpha (name[0]))
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  if (strstr (name, "__") != NULL ||
      g_str_has_prefix (name, "ROLE_") || g_str_has_prefix (name, "BT_"))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (restricted_names); i++)
    if (strcmp (name, restricted_names[i]) == 0)
      return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (fixed_before); i++)
    if (strcmp (name, fixed_before[i]) == 0)
      return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (fixed_after); i++)
    if (strcmp (name, fixed_after[i]) == 0)
      return FALSE;
  return TRUE;
}

static gboolean
ptr_array_has_str (GPtrArray  *array,
                   const char *str)
{
  for (guint i = 0; i < array->len; i++)
    if (strcmp (g_ptr_array_index (array, i), str) == 0)
      return TRUE;
  return FALSE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The tag set's attributes in its order, then the document's other keys
 * sorted; keys that cannot be feature names are left out and counted. */
static void
collect_attribute_keys (Export *ex)
{
  AttestTagset *tagset = ex->context->tagset;
  g_autoptr(GPtrArray) extra = g_ptr_array_new ();
  guint n_labels = attest_tagset_get_n_labels (tagset);
  guint lost = 0;

  ex->attr_keys = g_ptr_array_new ();

  for (guint i = 0; i < n_labels; i++)
    {
      AttestLabel *label = attest_tagset_get_label (tagset, i);

      for (guint j = 0; label->attributes != NULL && j < label->attributes->len; j++)
        {
          AttestAttribute *attribute = g_ptr_array_index (label->attributes, j);

          if (is_feature_name (attribute->id) && !ptr_array_has_str (ex->attr_keys, attribute->id))
            g_ptr_array_add (ex->attr_keys, attribute->id);
        }
    }

  for (guint i = 0; i < ex->record->n_spans; i++)
    {
      char * const *attrs = ex->record->spans[i]->attrs;

      for (guint j = 0; attrs != NULL && attrs[j] != NULL; j += 2)
        {
          if (attrs[j + 1][0] == '\0')
            continue;   /* counted where the value is written */
          if (!is_feature_name (attrs[j]))
            lost++;
          else if (!ptr_array_has_str (ex->attr_keys, attrs[j]) &&
                   !ptr_array_has_str (extra, attrs[j]))
            g_ptr_array_add (extra, attrs[j]);
        }
    }

  g_ptr_array_sort (extra, compare_strings);
  for (guint i = 0; i < extra->len; i++)
    g_ptr_array_add (ex->attr_keys, g_ptr_array_index (extra, i));

  /* An empty value of a key that has a column is counted as it is
   * written; one of a key without a column here. */
  for (guint i = 0; i < ex->record->n_spans; i++)
    {
      char * const *attrs = ex->record->spans[i]->attrs;

      for (guint j = 0; attrs != NULL && attrs[j] != NULL; j += 2)
        if (attrs[j + 1][0] == '\0' && !ptr_array_has_str (ex->attr_keys, attrs[j]))
          ex->lost_empty++;
    }

  attest_export_chunk_drop (ex->chunk, N_("attribute values whose name cannot be a WebAnno feature name"),
                            lost);
  ex->n_columns = G_N_ELEMENTS (fixed_before) + ex->attr_keys->len + G_N_ELEMENTS (fixed_after);
}

/* Sentences -------------------------------------------------------------- */

/* Can [g0, q) lie between two sentences (or before the first)? The
 * reader turns it into a line feed and spaces, so no span may start in
 * it or end after its first character. */
static gboolean
gap_is_free (Export *ex,
             guint   g0,
             guint   q)
{
  for (guint x = g0; x < q; x++)
    if (ex->bounds[x] & (BOUND_START | BOUND_ZERO))
      return FALSE;
  for (guint x = g0 + 1; x <= q; x++)
    if (ex->bounds[x] & BOUND_END)
      return FALSE;
  return TRUE;
}

static void
add_sentence (Export *ex,
              guint   start,
              guint   end)
{
  Range range = { start, end };

  g_array_append_val (ex->sentences, range);
}

static void
split_sentences (Export *ex)
{
  const gunichar *cps = ex->cps;
  guint limit = ex->limit;
  guint s = 0;
  guint k = 0;

  /* Leading spaces the reader can pad back. */
  while (k < limit && cps[k] == ' ')
    k++;
  if (k > 0 && k < limit && !is_space (cps[k]) && gap_is_free (ex, 0, k))
    s = k;

  for (guint i = s; i < limit; i++)
    {
      guint q;

      if (cps[i] != '\n' || i == s)
        continue;

      q = i + 1;
      while (q < limit && cps[q] == ' ')
        q++;
      if (q >= limit || is_space (cps[q]) || !gap_is_free (ex, i, q))
        continue;

      add_sentence (ex, s, i);
      s = q;
      i = q - 1;
    }

  add_sentence (ex, s, limit);
}

/* Tokens ----------------------------------------------------------------- */

static guint
scan_token (const gunichar *cps,
            guint           i,
            guint           end)
{
  gunichar c = cps[i];

  if (is_mark_token (c))
    {
      i++;
      if (is_regional (c) && i < end && is_regional (cps[i]))
        i++;
      while (i < end && is_extend (cps[i]))
        {
          if (cps[i] == 0x200D && i + 1 < end && !is_space (cps[i + 1]))
            i += 2;
          else
            i++;
        }
      return i;
    }

  while (i < end && !is_space (cps[i]) && !is_mark_token (cps[i]))
    i++;

  return i;
}

static void
add_token (Export *ex,
           guint   begin,
           guint   end,
           guint   sentence,
           guint  *number)
{
  Token token = { begin, end, sentence, ++*number, 0, 0 };

  g_array_append_val (ex->tokens, token);
}

/* [a, b) as tokens, cut where a span starts or ends. */
static void
add_pieces (Export *ex,
            guint   a,
            guint   b,
            guint   sentence,
            guint  *number)
{
  guint from = a;

  for (guint p = a + 1; p < b; p++)
    if (ex->bounds[p] != 0)
      {
        add_token (ex, from, p, sentence, number);
        from = p;
      }
  add_token (ex, from, b, sentence, number);
}

/* Spaces are rows only where a span needs an edge in them: at the start
 * of a sentence (its first token must begin there), where a span starts
 * in them or ends at their end, where an empty span sits at the end of
 * the sentence, or where a boundary falls inside. */
static gboolean
space_needs_tokens (Export *ex,
                    guint   a,
                    guint   b,
                    guint   s,
                    guint   e)
{
  if (a == s || (ex->bounds[a] & BOUND_START) || (ex->bounds[b] & BOUND_END) ||
      (b == e && (ex->bounds[b] & BOUND_ZERO)))
    return TRUE;
  for (guint p = a + 1; p < b; p++)
    if (ex->bounds[p] != 0)
      return TRUE;
  return FALSE;
}

static void
tokenize (Export *ex)
{
  for (guint n = 0; n < ex->sentences->len; n++)
    {
      const Range *range = &g_array_index (ex->sentences, Range, n);
      guint s = range->start, e = range->end;
      guint number = 0;
      guint i = s;

      while (i < e)
        {
          guint a = i;

          if (is_space (ex->cps[i]))
            {
              while (i < e && is_space (ex->cps[i]))
                i++;
              if (space_needs_tokens (ex, a, i, s, e))
                add_pieces (ex, a, i, n + 1, &number);
              continue;
            }

          i = scan_token (ex->cps, i, e);
          add_pieces (ex, a, i, n + 1, &number);
        }

      /* Only an empty sentence (the text is one line feed, or nothing). */
      if (number == 0)
        add_token (ex, s, e, n + 1, &number);
    }
}

/* The token beginning (or, with @by_end, ending) at @offset, or -1. */
static gint
find_token (Export   *ex,
            guint     offset,
            gboolean  by_end)
{
  guint lo = 0, hi = ex->tokens->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const Token *token = &g_array_index (ex->tokens, Token, mid);
      guint key = by_end ? token->end : token->begin;

      if (key < offset)
        lo = mid + 1;
      else
        hi = mid;
    }

  if (lo < ex->tokens->len)
    {
      const Token *token = &g_array_index (ex->tokens, Token, lo);

      if ((by_end ? token->end : token->begin) == offset)
        return (gint) lo;
    }

  return -1;
}

/* Where an empty span at @offset goes: a sub-token at the start of the
 * token beginning there, or else at the end of the one ending there. */
static void
find_host (Export   *ex,
           guint     offset,
           guint    *token,
           gboolean *at_end)
{
  gint found = find_token (ex, offset, FALSE);

  *at_end = FALSE;
  if (found < 0)
    {
      found = find_token (ex, offset, TRUE);
      *at_end = TRUE;
    }
  g_assert (found >= 0);
  *token = (guint) found;
}

static void
build_units (Export *ex)
{
  const AttestRecord *record = ex->record;

  for (guint i = 0; i < record->n_spans; i++)
    {
      const AttestSpan *span = record->spans[i];
      guint token;
      gboolean at_end;

      if (!ex->spans[i].kept || span->start != span->end)
        continue;
      find_host (ex, span->start, &token, &at_end);
      g_array_index (ex->tokens, Token, token).subs |= at_end ? SUB_END : SUB_BEGIN;
    }

  for (guint t = 0; t < ex->tokens->len; t++)
    {
      Token *token = &g_array_index (ex->tokens, Token, t);
      Unit unit = { token->begin, token->end, t, 0, 0, 0, 0, 0 };
      guint sub = 0;

      token->unit = ex->units->len;
      g_array_append_val (ex->units, unit);

      if (token->subs & SUB_BEGIN)
        {
          Unit begin = { token->begin, token->begin, t, ++sub, 0, 0, 0, 0 };

          g_array_append_val (ex->units, begin);
        }
      if ((token->subs & SUB_END) && !((token->subs & SUB_BEGIN) && token->begin == token->end))
        {
          Unit end = { token->end, token->end, t, ++sub, 0, 0, 0, 0 };

          g_array_append_val (ex->units, end);
        }
    }
}

/* The row of an empty span's sub-token. */
static guint
sub_unit_for (Export *ex,
              guint   offset)
{
  const Token *token;
  guint index;
  gboolean at_end;

  find_host (ex, offset, &index, &at_end);
  token = &g_array_index (ex->tokens, Token, index);

  /* The sub-tokens follow their token, the one at its start first. */
  if (!at_end || token->begin == token->end)
    return token->unit + 1;
  return token->unit + ((token->subs & SUB_BEGIN) ? 2 : 1);
}

static int
compare_members (gconstpointer a,
                 gconstpointer b)
{
  const Member *ma = a, *mb = b;

  if (ma->unit != mb->unit)
    return ma->unit < mb->unit ? -1 : 1;
  if (ma->item != mb->item)
    return ma->item < mb->item ? -1 : 1;
  return 0;
}

static void
place_spans (Export *ex)
{
  const AttestRecord *record = ex->record;

  for (guint i = 0; i < record->n_spans; i++)
    {
      const AttestSpan *span = record->spans[i];
      SpanInfo *info = &ex->spans[i];

      if (!info->kept)
        continue;

      if (span->start == span->end)
        {
          Member member = { sub_unit_for (ex, span->start), i };

          g_array_append_val (ex->members, member);
          info->first_unit = member.unit;
          info->n_units = 1;
        }
      else
        {
          gint first = find_token (ex, span->start, FALSE);
          gint last = find_token (ex, span->end, TRUE);

          g_assert (first >= 0 && last >= first);
          for (gint t = first; t <= last; t++)
            {
              Member member = { g_array_index (ex->tokens, Token, t).unit, i };

              g_array_append_val (ex->members, member);
            }
          info->first_unit = g_array_index (ex->tokens, Token, first).unit;
          info->n_units = (guint) (last - first + 1);
        }
    }

  g_array_sort (ex->members, compare_members);

  for (guint m = 0; m < ex->members->len; m++)
    {
      const Member *member = &g_array_index (ex->members, Member, m);
      Unit *unit = &g_array_index (ex->units, Unit, member->unit);

      if (unit->n_spans == 0)
        unit->first_span = m;
      unit->n_spans++;
    }
}

/* Disambiguation ids, as the specification asks: for spans over several
 * rows and for spans stacked on a row. Also for a value ending in an
 * escaped backslash, which the reader would take as escaping the stack
 * separator after it. Numbered in the order they first appear. */
static void
assign_ids (Export *ex)
{
  guint next = 1;

  for (guint i = 0; i < ex->record->n_spans; i++)
    {
      SpanInfo *info = &ex->spans[i];

      if (!info->kept)
        continue;
      if (info->n_units > 1)
        info->needs_id = TRUE;
      for (guint c = 0; c < ex->n_columns; c++)
        if (g_str_has_suffix (info->cells[c], "\\"))
          info->needs_id = TRUE;
    }

  for (guint u = 0; u < ex->units->len; u++)
    {
      const Unit *unit = &g_array_index (ex->units, Unit, u);

      for (guint m = unit->first_span; m < unit->first_span + unit->n_spans; m++)
        {
          SpanInfo *info = &ex->spans[g_array_index (ex->members, Member, m).item];

          if (unit->n_spans > 1)
            info->needs_id = TRUE;
        }
    }

  for (guint u = 0; u < ex->units->len; u++)
    {
      const Unit *unit = &g_array_index (ex->units, Unit, u);

      for (guint m = unit->first_span; m < unit->first_span + unit->n_spans; m++)
        {
          SpanInfo *info = &ex->spans[g_array_index (ex->members, Member, m).item];

          if (info->needs_id && info->id == 0)
            info->id = next++;
        }
    }
}

/* Values ----------------------------------------------------------------- */

static char *
aliases_value (Export             *ex,
               const AttestEntity *entity)
{
  g_autoptr(GString) joined = NULL;

  if (entity->aliases == NULL || entity->aliases[0] == NULL)
    return NULL;

  /* One alias per line: the line feed is escaped in the file and comes
   * back as a line feed through INCEpTION's own writer. */
  joined = g_string_new (NULL);
  for (guint i = 0; entity->aliases[i] != NULL; i++)
    {
      if (strchr (entity->aliases[i], '\n') != NULL || strchr (entity->aliases[i], '\r') != NULL ||
          entity->aliases[i][0] == '\0')
        {
          ex->lost_alias++;
          continue;
        }
      if (joined->len > 0)
        g_string_append_c (joined, '\n');
      g_string_append (joined, entity->aliases[i]);
    }

  return joined->len > 0 ? g_string_free (g_steal_pointer (&joined), FALSE) : NULL;
}

static void
fill_cells (Export *ex,
            guint   index)
{
  const AttestSpan *span = ex->record->spans[index];
  const AttestEntity *entity = attest_record_lookup_entity (ex->record, span->entity);
  char **cells = g_new0 (char *, ex->n_columns + 1);
  guint c = 0;

  cells[c++] = cell_for (ex, span->label);
  for (guint k = 0; k < ex->attr_keys->len; k++)
    cells[c++] = cell_for (ex, attest_span_get_attr (span, g_ptr_array_index (ex->attr_keys, k)));
  cells[c++] = cell_for (ex, span->note);

  if (entity != NULL)
    {
      g_autofree char *iri = NULL;
      g_autofree char *aliases = aliases_value (ex, entity);

      if (entity->wikidata != NULL && *entity->wikidata != '\0')
        iri = g_strconcat (WIKIDATA_IRI, entity->wikidata, NULL);
      cells[c++] = cell_for (ex, entity->id);
      cells[c++] = cell_for (ex, entity->name);
      cells[c++] = cell_for (ex, entity->kind);
      cells[c++] = cell_for (ex, iri);
      cells[c++] = cell_for (ex, aliases);
    }
  else
    {
      for (guint k = 0; k < 5; k++)
        cells[c++] = g_strdup ("*");
    }

  g_assert (c == ex->n_columns);
  ex->spans[index].cells = cells;
}

/* Relations -------------------------------------------------------------- */

static guint
place_relations (Export *ex)
{
  const AttestRecord *record = ex->record;
  guint lost = 0, lost_attrs = 0;

  for (guint r = 0; r < record->n_relations; r++)
    {
      const AttestRelation *relation = record->relations[r];
      gint from = attest_record_find_span (record, relation->from);
      gint to = attest_record_find_span (record, relation->to);
      Member link;

      if (from < 0 || to < 0 || !ex->spans[from].kept || !ex->spans[to].kept)
        {
          lost++;
          continue;
        }
      if (relation->attrs != NULL && relation->attrs[0] != NULL)
        lost_attrs++;

      /* The row of the relation's target (INCEpTION's Dependent) holds it,
       * and its last column names the source's row. */
      link.unit = ex->spans[to].first_unit;
      link.item = r;
      g_array_append_val (ex->links, link);
    }

  g_array_sort (ex->links, compare_members);
  for (guint l = 0; l < ex->links->len; l++)
    {
      const Member *link = &g_array_index (ex->links, Member, l);
      Unit *unit = &g_array_index (ex->units, Unit, link->unit);

      if (unit->n_links == 0)
        unit->first_link = l;
      unit->n_links++;
    }

  attest_export_chunk_drop (ex->chunk, N_("relations whose span was left out"), lost);
  attest_export_chunk_drop (ex->chunk, N_("relation attributes"), lost_attrs);

  return ex->links->len;
}

/* Writing ---------------------------------------------------------------- */

static void
append_unit_id (GString *out,
                Export  *ex,
                guint    index)
{
  const Unit *unit = &g_array_index (ex->units, Unit, index);
  const Token *token = &g_array_index (ex->tokens, Token, unit->token);

  g_string_append_printf (out, "%u-%u", token->sentence, token->number);
  if (unit->sub > 0)
    g_string_append_printf (out, ".%u", unit->sub);
}

static void
write_header (Export  *ex,
              GString *out)
{
  g_string_append (out, "#FORMAT=WebAnno TSV 3.3\n");
  g_string_append (out, "#T_SP=" ATTEST_WEBANNO_SPAN_LAYER);
  for (guint i = 0; i < G_N_ELEMENTS (fixed_before); i++)
    g_string_append_printf (out, "|%s", fixed_before[i]);
  for (guint i = 0; i < ex->attr_keys->len; i++)
    g_string_append_printf (out, "|%s", (const char *) g_ptr_array_index (ex->attr_keys, i));
  for (guint i = 0; i < G_N_ELEMENTS (fixed_after); i++)
    g_string_append_printf (out, "|%s", fixed_after[i]);
  g_string_append (out, "\n#T_RL=" RELATION_LAYER "|relation|BT_" ATTEST_WEBANNO_SPAN_LAYER "\n\n");
}

static void
write_sentence_text (Export  *ex,
                     GString *out,
                     guint    start,
                     guint    end)
{
  gsize len;
  const char *text = attest_export_slice (ex->record, start, end, &len);
  const char *line = text;
  const char *stop = text + len;

  /* One #Text= line per line of the sentence; the reader joins them with
   * line feeds. */
  for (;;)
    {
      const char *nl = memchr (line, '\n', (gsize) (stop - line));
      const char *line_end = nl != NULL ? nl : stop;

      g_string_append (out, "#Text=");
      _attest_webanno_escape_text (out, line, (gsize) (line_end - line));
      g_string_append_c (out, '\n');
      if (nl == NULL)
        break;
      line = nl + 1;
    }
}

static void
write_unit (Export  *ex,
            GString *out,
            guint    index)
{
  const AttestRecord *record = ex->record;
  const Unit *unit = &g_array_index (ex->units, Unit, index);
  gsize len;
  const char *text = attest_export_slice (record, unit->begin, unit->end, &len);

  append_unit_id (out, ex, index);
  g_string_append_printf (out, "\t%u-%u\t",
                          attest_text_cp_to_utf16 (record->text, unit->begin),
                          attest_text_cp_to_utf16 (record->text, unit->end));

  /* The reader does not read the token's text; written as is, as
   * INCEpTION does, but a row of spaces holding a line break or a tab
   * would break the line, so those are escaped as in #Text=. */
  if (memchr (text, '\n', len) != NULL || memchr (text, '\r', len) != NULL ||
      memchr (text, '\t', len) != NULL)
    _attest_webanno_escape_text (out, text, len);
  else
    g_string_append_len (out, text, (gssize) len);
  g_string_append_c (out, '\t');

  for (guint c = 0; c < ex->n_columns; c++)
    {
      if (unit->n_spans == 0)
        g_string_append_c (out, '_');
      for (guint m = 0; m < unit->n_spans; m++)
        {
          const SpanInfo *info = &ex->spans[g_array_index (ex->members, Member, unit->first_span + m).item];

          if (m > 0)
            g_string_append_c (out, '|');
          g_string_append (out, info->cells[c]);
          if (info->id > 0)
            g_string_append_printf (out, "[%u]", info->id);
        }
      g_string_append_c (out, '\t');
    }

  /* The relation's type, then where it comes from. */
  if (unit->n_links == 0)
    {
      g_string_append (out, "_\t_\t");
    }
  else
    {
      for (guint l = 0; l < unit->n_links; l++)
        {
          const AttestRelation *relation =
            record->relations[g_array_index (ex->links, Member, unit->first_link + l).item];
          g_autofree char *cell = cell_for (ex, relation->type);

          if (l > 0)
            g_string_append_c (out, '|');
          g_string_append (out, cell);
        }
      g_string_append_c (out, '\t');
      for (guint l = 0; l < unit->n_links; l++)
        {
          const AttestRelation *relation =
            record->relations[g_array_index (ex->links, Member, unit->first_link + l).item];
          const SpanInfo *from = &ex->spans[attest_record_find_span (record, relation->from)];
          const SpanInfo *to = &ex->spans[attest_record_find_span (record, relation->to)];

          if (l > 0)
            g_string_append_c (out, '|');
          append_unit_id (out, ex, from->first_unit);
          if (from->id > 0 || to->id > 0)
            g_string_append_printf (out, "[%u_%u]", from->id, to->id);
        }
      g_string_append_c (out, '\t');
    }

  g_string_append_c (out, '\n');
}

static void
write_body (Export  *ex,
            GString *out)
{
  guint u = 0;

  for (guint n = 0; n < ex->sentences->len; n++)
    {
      const Range *range = &g_array_index (ex->sentences, Range, n);

      g_string_append_c (out, '\n');
      write_sentence_text (ex, out, range->start, range->end);

      for (; u < ex->units->len; u++)
        {
          const Unit *unit = &g_array_index (ex->units, Unit, u);

          if (g_array_index (ex->tokens, Token, unit->token).sentence != n + 1)
            break;
          write_unit (ex, out, u);
        }
    }
}

/* The document ------------------------------------------------------------ */

static void
mark_bounds (Export *ex)
{
  const AttestRecord *record = ex->record;
  guint lost = 0;

  for (guint i = 0; i < record->n_spans; i++)
    {
      const AttestSpan *span = record->spans[i];

      /* The line feed closing the text is the reader's, outside every
       * sentence: nothing can start or end after it. */
      if (span->end > ex->limit)
        {
          lost++;
          continue;
        }

      ex->spans[i].kept = TRUE;
      if (span->start == span->end)
        ex->bounds[span->start] |= BOUND_ZERO;
      else
        {
          ex->bounds[span->start] |= BOUND_START;
          ex->bounds[span->end] |= BOUND_END;
        }
    }

  attest_export_chunk_drop (ex->chunk, N_("spans that cover the line break ending the text"), lost);
}

static void
export_clear (Export *ex)
{
  for (guint i = 0; ex->spans != NULL && i < ex->record->n_spans; i++)
    g_strfreev (ex->spans[i].cells);
  g_free (ex->spans);
  g_free (ex->cps);
  g_free (ex->bounds);
  g_clear_pointer (&ex->sentences, g_array_unref);
  g_clear_pointer (&ex->tokens, g_array_unref);
  g_clear_pointer (&ex->units, g_array_unref);
  g_clear_pointer (&ex->members, g_array_unref);
  g_clear_pointer (&ex->links, g_array_unref);
  g_clear_pointer (&ex->attr_keys, g_ptr_array_unref);
}

static void
export_document (const AttestExportContext *context,
                 const AttestRecord        *record,
                 AttestExportChunk         *chunk)
{
  g_autofree char *file_name = attest_export_file_name (record->name, ".tsv");
  g_autoptr(GHashTable) used_entities = g_hash_table_new (g_str_hash, g_str_equal);
  Export ex = { 0 };
  GString *out;
  glong n_cps = 0;
  guint n_spans = 0;
  guint lost_review = 0;

  ex.context = context;
  ex.record = record;
  ex.chunk = chunk;
  ex.cps = g_utf8_to_ucs4_fast (attest_text_get_data (record->text),
                                (glong) attest_text_get_n_bytes (record->text), &n_cps);
  ex.length = (guint) n_cps;
  ex.limit = ex.length > 0 && ex.cps[ex.length - 1] == '\n' ? ex.length - 1 : ex.length;
  ex.bounds = g_new0 (guint8, ex.length + 1);
  ex.spans = g_new0 (SpanInfo, MAX (record->n_spans, 1));
  ex.sentences = g_array_new (FALSE, FALSE, sizeof (Range));
  ex.tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  ex.units = g_array_new (FALSE, FALSE, sizeof (Unit));
  ex.members = g_array_new (FALSE, FALSE, sizeof (Member));
  ex.links = g_array_new (FALSE, FALSE, sizeof (Member));

  if (ex.limit == ex.length)
    attest_export_chunk_drop (chunk, N_("texts not ending in a line break (importing adds one)"), 1);

  collect_attribute_keys (&ex);
  mark_bounds (&ex);
  split_sentences (&ex);
  tokenize (&ex);
  build_units (&ex);
  place_spans (&ex);

  for (guint i = 0; i < record->n_spans; i++)
    if (ex.spans[i].kept)
      {
        fill_cells (&ex, i);
        n_spans++;
        if (record->spans[i]->flags != 0)
          lost_review++;
        if (record->spans[i]->entity != NULL)
          g_hash_table_add (used_entities, record->spans[i]->entity);
      }

  assign_ids (&ex);
  chunk->n_relations = place_relations (&ex);
  chunk->n_spans = n_spans;

  out = attest_export_chunk_add_file (chunk, file_name);
  write_header (&ex, out);
  write_body (&ex, out);

  /* The importer marks an empty span deleted again (Attest has no other
   * empty spans), but a mark on another span and the text before are lost. */
  attest_export_chunk_drop (chunk, N_("review marks of re-anchored spans, with the text they had"),
                            lost_review);
  attest_export_chunk_drop (chunk, N_("carriage returns in notes and attribute values"), ex.lost_cr);
  attest_export_chunk_drop (chunk, N_("empty attribute values"), ex.lost_empty);
  attest_export_chunk_drop (chunk, N_("entity aliases that are empty or hold a line break"),
                            ex.lost_alias);
  attest_export_chunk_drop (chunk, N_("entities no exported span points at"),
                            record->n_entities - MIN (record->n_entities,
                                                      g_hash_table_size (used_entities)));

  export_clear (&ex);
}

const AttestExporter attest_export_webanno = {
  .name = "webanno",
  .title = N_("WebAnno TSV 3.3 (INCEpTION)"),
  .extension = NULL,
  .layout = ATTEST_EXPORT_FOLDER,
  .document = export_document,
};
