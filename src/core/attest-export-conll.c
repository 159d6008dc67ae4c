/* attest-export-conll.c: CoNLL IOB2 tokens
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The layout is the one conlleval (the CoNLL-2000 and -2003 shared
 * tasks' scorer) and the CoNLL-2003-style readers take: one token per
 * line, columns separated by one space, the tag in the last column, a
 * blank line after each sentence, and each document opened by a
 * -DOCSTART- line with as many columns as the token lines, then a blank
 * line:
 *
 *   -DOCSTART- O
 *
 *   “ O
 *   The B-quote
 *   bridge I-quote
 *   …
 *
 * Two columns, TOKEN TAG: conlleval splits on single spaces and insists
 * that every line has the same number of columns, so CoNLL-2003's
 * "-DOCSTART- -X- -X- O" (four columns) would not fit; spaCy's, flair's
 * and seqeval's readers take the first column as the word and the last
 * as the tag. A token never holds white space or a line separator (see
 * attest-tokens.h), and a label's white space becomes "_", so every line
 * splits into exactly two columns, whether on " " or on any white space;
 * and no token reads "-DOCSTART-" or conlleval's boundary "-X-", as a
 * hyphen joins a word only between letters or digits. Tags are IOB2: every span begins with B-LABEL, even
 * right after an O.
 *
 * Tokens and sentences are attest-tokens.h's. A sentence never ends
 * inside a span that is written: the break is left out, so a quote over
 * two paragraphs stays one chunk.
 *
 * Spans, one label per token:
 * - a span covers every token it touches: an edge inside a word takes
 *   the whole word;
 * - a span that touches no token (empty, or over white space only) is
 *   dropped;
 * - spans are taken by their first token, then the one ending later
 *   first, then in the sidecar's order (start, end, label, id); a span
 *   that shares a token with one already taken is dropped. So the
 *   outermost span wins over the spans nested in it, of two crossing
 *   spans the earlier stays, and of spans over the same tokens (stacked
 *   labels, or edges that snap to the same words) the first in the
 *   sidecar stays.
 *
 * Everything else CoNLL cannot hold is counted as dropped: relations,
 * entities, and the attributes, notes and entity links of the spans
 * written. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "attest-export-private.h"
#include "attest-tokens.h"

#define DOCSTART "-DOCSTART- O\n\n"

typedef struct
{
  guint first;          /* tokens [first, last) */
  guint last;
  guint index;          /* in record->spans */
} Candidate;

typedef struct
{
  guint             first;   /* tokens [first, last) */
  guint             last;
  const AttestSpan *span;
} Chunk;

/* A worker thread's buffers, kept between documents: no allocation per
 * token, and none per document once they have grown. */
typedef struct
{
  GArray    *tokens;       /* of AttestToken */
  GArray    *candidates;   /* of Candidate */
  GArray    *chunks;       /* of Chunk */
  GPtrArray *labels;       /* sanitized copies of labels, per document */
} Scratch;

/* A document of a few megabytes makes a buffer of tens; give it back
 * rather than keep it for the rest of the thread's life. */
#define SCRATCH_KEEP_TOKENS (1 << 16)

static void
scratch_free (gpointer data)
{
  Scratch *scratch = data;

  g_array_unref (scratch->tokens);
  g_array_unref (scratch->candidates);
  g_array_unref (scratch->chunks);
  g_ptr_array_unref (scratch->labels);
  g_free (scratch);
}

static GPrivate scratch_key = G_PRIVATE_INIT (scratch_free);

static Scratch *
scratch_get (void)
{
  Scratch *scratch = g_private_get (&scratch_key);

  if (scratch == NULL)
    {
      scratch = g_new0 (Scratch, 1);
      scratch->tokens = g_array_sized_new (FALSE, FALSE, sizeof (AttestToken), 4096);
      scratch->candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
      scratch->chunks = g_array_new (FALSE, FALSE, sizeof (Chunk));
      scratch->labels = g_ptr_array_new_with_free_func (g_free);
      g_private_set (&scratch_key, scratch);
    }

  return scratch;
}

static void
scratch_release (Scratch *scratch)
{
  if (scratch->tokens->len > SCRATCH_KEEP_TOKENS)
    {
      g_array_unref (scratch->tokens);
      scratch->tokens = g_array_sized_new (FALSE, FALSE, sizeof (AttestToken), 4096);
    }
  g_array_set_size (scratch->tokens, 0);
  g_array_set_size (scratch->candidates, 0);
  g_array_set_size (scratch->chunks, 0);
  g_ptr_array_set_size (scratch->labels, 0);
}

/* The first token from @from on whose @member (start or end) is at
 * least @limit, by galloping: spans come sorted by start, and a span is
 * mostly a few tokens long but may be a whole article. */
static guint
gallop (const AttestToken *tokens,
        guint              n_tokens,
        guint              from,
        gsize              member,
        guint              limit)
{
  guint lo = from;
  guint hi;
  guint step = 1;

#define KEY(i) G_STRUCT_MEMBER (guint, (gpointer) &tokens[i], member)
  if (lo >= n_tokens || KEY (lo) >= limit)
    return lo;

  while (lo + step < n_tokens && KEY (lo + step) < limit)
    {
      lo += step;
      step *= 2;
    }
  hi = MIN (lo + step, n_tokens);

  /* KEY (lo) < limit: the answer is in (lo, hi]. */
  lo++;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (KEY (mid) < limit)
        lo = mid + 1;
      else
        hi = mid;
    }
#undef KEY

  return lo;
}

static int
candidate_compare (const void *a,
                   const void *b)
{
  const Candidate *x = a;
  const Candidate *y = b;

  if (x->first != y->first)
    return x->first < y->first ? -1 : 1;
  if (x->last != y->last)
    return x->last > y->last ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* Candidates come in the sidecar's order, sorted by first token already
 * but for spans that begin on the same token: an insertion sort puts
 * those right in a few moves, without qsort()'s call per comparison. A
 * pathological order (thousands of spans on one token) goes to qsort(). */
static void
sort_candidates (Candidate *candidates,
                 guint      n_candidates)
{
  guint64 budget = 8 * (guint64) n_candidates + 64;

  for (guint i = 1; i < n_candidates; i++)
    {
      Candidate item = candidates[i];
      guint j = i;

      while (j > 0 && candidate_compare (&item, &candidates[j - 1]) < 0)
        {
          candidates[j] = candidates[j - 1];
          j--;
          if (--budget == 0)
            {
              candidates[j] = item;
              qsort (candidates, n_candidates, sizeof (Candidate), candidate_compare);
              return;
            }
        }
      candidates[j] = item;
    }
}

/* The label as a tag can hold it: white space and controls would split
 * or break the line, so they become "_". */
static const char *
sanitize_label (Scratch    *scratch,
                const char *label,
                gsize      *len)
{
  const char *p;
  GString *fixed = NULL;

  /* The common case: printable ASCII. */
  for (p = label; *p > ' ' && *p < 0x7F; p++)
    ;
  if (*p == '\0')
    {
      *len = p - label;
      return label;
    }

  for (p = label; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c) ||
          g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR)
        {
          if (fixed == NULL)
            fixed = g_string_new_len (label, p - label);
          g_string_append_c (fixed, '_');
        }
      else if (fixed != NULL)
        {
          g_string_append_len (fixed, p, g_utf8_next_char (p) - p);
        }
    }

  if (fixed == NULL)
    {
      *len = p - label;
      return label;
    }

  *len = fixed->len;
  g_ptr_array_add (scratch->labels, g_string_free (fixed, FALSE));
  return g_ptr_array_index (scratch->labels, scratch->labels->len - 1);
}

/* Writes go through fixed-size copies where they can: memcpy() of a
 * constant size is a move or two, of a variable size a call. The output
 * has SLACK bytes to spare past its bound for them. */
#define SLACK 64

static inline char *
put (char       *w,
     const char *data,
     gsize       len)
{
  memcpy (w, data, len);
  return w + len;
}

/* @data may be read for @readable bytes. */
static inline char *
put_short (char       *w,
           const char *data,
           gsize       len,
           gsize       readable)
{
  if (len <= 16 && readable >= 16)
    {
      memcpy (w, data, 16);
      return w + len;
    }
  if (len <= SLACK && readable >= SLACK)
    {
      memcpy (w, data, SLACK);
      return w + len;
    }

  return put (w, data, len);
}

/* What follows a token on its line: " O\n", " B-quote\n", " I-quote\n",
 * in a buffer that may be read whole. */
typedef struct
{
  char  inline_bytes[SLACK];
  char *bytes;
  gsize len;
  gsize readable;
} Tag;

static const char tag_o[SLACK] = " O\n";

static void
tag_init (Tag        *tag,
          Scratch    *scratch,
          const char *label)
{
  gsize label_len;

  label = sanitize_label (scratch, label, &label_len);
  tag->len = label_len + 4;
  if (tag->len <= SLACK)
    {
      tag->bytes = tag->inline_bytes;
      tag->readable = SLACK;
    }
  else
    {
      tag->bytes = g_malloc (tag->len);
      tag->readable = tag->len;
    }
  memcpy (tag->bytes, " B-", 3);
  memcpy (tag->bytes + 3, label, label_len);
  tag->bytes[tag->len - 1] = '\n';
}

static void
tag_clear (Tag *tag)
{
  if (tag->bytes != tag->inline_bytes)
    g_free (tag->bytes);
}

/* Tokens [from, to), each followed by @tag, with a blank line before
 * each one that begins a sentence (but the document's first), unless
 * @join: inside a span. */
static char *
put_run (char              *w,
         const char        *text,
         gsize              n_bytes,
         const AttestToken *tokens,
         guint              from,
         guint              to,
         const char        *tag,
         gsize              tag_len,
         gsize              tag_readable,
         gboolean           join)
{
  for (guint i = from; i < to; i++)
    {
      const AttestToken *token = &tokens[i];

      if (!join && i > 0 && (token->flags & ATTEST_TOKEN_SENTENCE_START) != 0)
        *w++ = '\n';
      w = put_short (w, text + token->start_byte, token->end_byte - token->start_byte,
                     n_bytes - token->start_byte);
      w = put_short (w, tag, tag_len, tag_readable);
    }

  return w;
}

static void
export_document (const AttestExportContext *context,
                 const AttestRecord        *record,
                 AttestExportChunk         *chunk)
{
  Scratch *scratch = scratch_get ();
  const char *text = attest_text_get_data (record->text);
  gsize n_bytes = attest_text_get_n_bytes (record->text);
  const AttestToken *tokens;
  Candidate *candidates;
  Chunk *chunks;
  guint n_tokens;
  guint n_candidates = 0;
  guint n_chunks = 0;
  guint n_empty = 0;
  guint n_overlapping = 0;
  guint n_attributes = 0;
  guint n_notes = 0;
  guint n_links = 0;
  guint frontier = 0;
  guint cursor = 0;
  gsize max_label = 0;
  gsize base;
  gsize bound;
  char *w;
  guint done = 0;

  if (chunk->stream == NULL)
    chunk->stream = g_string_sized_new (n_bytes * 2 + 64);

  /* Room for a token every four bytes, so that a long article does not
   * copy its tokens over and over as the array doubles. */
  g_array_set_size (scratch->tokens, n_bytes / 4 + 16);
  g_array_set_size (scratch->tokens, 0);
  attest_tokenize (text, n_bytes, scratch->tokens);
  tokens = (const AttestToken *) (gpointer) scratch->tokens->data;
  n_tokens = scratch->tokens->len;

  g_array_set_size (scratch->candidates, record->n_spans);
  candidates = (Candidate *) (gpointer) scratch->candidates->data;
  for (guint i = 0; i < record->n_spans; i++)
    {
      const AttestSpan *span = record->spans[i];
      Candidate *candidate = &candidates[n_candidates];

      /* Spans come sorted by start, so the first token they touch only
       * moves forward. An empty span inside a word would touch it: it is
       * dropped here. */
      cursor = gallop (tokens, n_tokens, cursor, G_STRUCT_OFFSET (AttestToken, end),
                       span->start + 1);
      candidate->first = cursor;
      candidate->last = gallop (tokens, n_tokens, cursor, G_STRUCT_OFFSET (AttestToken, start),
                                span->end);
      candidate->index = i;
      if (span->start == span->end || candidate->first >= candidate->last)
        n_empty++;
      else
        n_candidates++;
    }

  sort_candidates (candidates, n_candidates);

  /* Taken in order of first token, each one ends before the next can
   * begin: it is enough to know where the last one taken ends. */
  g_array_set_size (scratch->chunks, n_candidates);
  chunks = (Chunk *) (gpointer) scratch->chunks->data;
  for (guint i = 0; i < n_candidates; i++)
    {
      const AttestSpan *span = record->spans[candidates[i].index];

      if (candidates[i].first < frontier)
        {
          n_overlapping++;
          continue;
        }

      frontier = candidates[i].last;
      chunks[n_chunks].first = candidates[i].first;
      chunks[n_chunks].last = candidates[i].last;
      chunks[n_chunks].span = span;
      n_chunks++;

      /* Sanitizing never makes a label longer. */
      max_label = MAX (max_label, strlen (span->label));
      n_attributes += attest_attrs_count (span->attrs);
      n_notes += span->note != NULL;
      n_links += span->entity != NULL;
    }

  /* Written in place: the bound holds every token's bytes, each line's
   * longest tag (" B-label\n"), a blank line per sentence, and the
   * slack of the fixed-size copies. */
  base = chunk->stream->len;
  bound = strlen (DOCSTART) + n_bytes + (gsize) n_tokens * (max_label + 5) + 1 + SLACK;
  g_string_set_size (chunk->stream, base + bound);
  w = put (chunk->stream->str + base, DOCSTART, strlen (DOCSTART));

  for (guint k = 0; k < n_chunks; k++)
    {
      const Chunk *item = &chunks[k];
      Tag tag;

      w = put_run (w, text, n_bytes, tokens, done, item->first,
                   tag_o, strlen (tag_o), SLACK, FALSE);

      /* A sentence may begin at the span's first token, never inside. */
      tag_init (&tag, scratch, item->span->label);
      w = put_run (w, text, n_bytes, tokens, item->first, item->first + 1,
                   tag.bytes, tag.len, tag.readable, FALSE);
      tag.bytes[1] = 'I';
      w = put_run (w, text, n_bytes, tokens, item->first + 1, item->last,
                   tag.bytes, tag.len, tag.readable, TRUE);
      tag_clear (&tag);

      done = item->last;
    }
  w = put_run (w, text, n_bytes, tokens, done, n_tokens, tag_o, strlen (tag_o), SLACK, FALSE);
  if (n_tokens > 0)
    *w++ = '\n';

  g_assert ((gsize) (w - chunk->stream->str) <= base + bound - SLACK);
  g_string_truncate (chunk->stream, w - chunk->stream->str);

  chunk->n_spans = n_chunks;
  chunk->n_relations = 0;

  attest_export_chunk_drop (chunk, N_("spans nested in or overlapping another span"),
                            n_overlapping);
  attest_export_chunk_drop (chunk, N_("spans that cover no token"), n_empty);
  attest_export_chunk_drop (chunk, N_("relations"), record->n_relations);
  attest_export_chunk_drop (chunk, N_("entities"), record->n_entities);
  attest_export_chunk_drop (chunk, N_("links from spans to entities"), n_links);
  attest_export_chunk_drop (chunk, N_("span attributes"), n_attributes);
  attest_export_chunk_drop (chunk, N_("span notes"), n_notes);

  scratch_release (scratch);
}

const AttestExporter attest_export_conll = {
  .name = "conll",
  .title = N_("CoNLL IOB2 tokens"),
  .extension = ".conll",
  .layout = ATTEST_EXPORT_STREAM,
  .document = export_document,
};
