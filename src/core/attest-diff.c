/* attest-diff.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-diff-private.h"
#include "attest-text.h"

/* How a diff of two article versions is built:
 *
 * 1. The common prefix and suffix are cut off as bytes (most edits are
 *    local, so this usually leaves a few hundred bytes), at line starts;
 * 2. what remains is split into lines, each line body (without its line
 *    break) gets an integer id, and the id sequences are diffed. Leaving
 *    the line break out of the id is what lets a CRLF -> LF conversion
 *    match every line;
 * 3. each block of replaced lines is diffed the same way by words (a word
 *    with the white space after it);
 * 4. inside each block of replaced words, and between the line breaks of
 *    matched lines when they differ, the code points are diffed.
 *
 * Every level runs the same Myers diff over guint32 sequences, with a
 * work budget each, so a whole rewrite of a large text costs a bounded
 * time (a few hundred milliseconds at most) and degrades to "this block
 * was replaced" instead of going quadratic. */

/* Edit-graph steps (diagonals visited plus snake steps) each level may
 * spend per diff; one step is a few nanoseconds. */
#define LINE_BUDGET    (G_GINT64_CONSTANT (16) * 1000 * 1000)
#define WORD_BUDGET    (G_GINT64_CONSTANT (16) * 1000 * 1000)
#define CHAR_BUDGET    (G_GINT64_CONSTANT (32) * 1000 * 1000)
/* Below this many edit steps in one region the script is the shortest. */
#define MIN_TOO_EXPENSIVE 1024

struct _AttestDiff
{
  guint          old_length;
  guint          new_length;
  guint          n_runs;
  AttestDiffRun *runs;
};

/* Myers --------------------------------------------------------------- */

typedef struct
{
  const guint32 *a;
  const guint32 *b;
  int           *fd;              /* furthest x per diagonal, forward */
  int           *bd;              /* and backward */
  int            too_expensive;
  gint64        *budget;
  GCancellable  *cancellable;
} Myers;

typedef struct
{
  int xoff;
  int xlim;
  int yoff;
  int ylim;
} Box;

typedef enum
{
  SNAKE_FOUND,
  SNAKE_GAVE_UP,
  SNAKE_CANCELLED,
} SnakeResult;

/* Finds a point (xmid, ymid) on a shortest edit path through the box
 * (Myers 1986, section 4b): forward and backward searches grow one edit
 * step at a time until they overlap. Past m->too_expensive steps it
 * returns the furthest point either search reached (as GNU diff does),
 * which is on some edit path, just not necessarily a shortest one. The
 * box has no common prefix or suffix and neither side is empty. */
static SnakeResult
middle_snake (Myers *m,
              int    xoff,
              int    xlim,
              int    yoff,
              int    ylim,
              int   *xmid,
              int   *ymid)
{
  const guint32 *a = m->a;
  const guint32 *b = m->b;
  int *fd = m->fd;
  int *bd = m->bd;
  const int dmin = xoff - ylim;
  const int dmax = xlim - yoff;
  const int fmid = xoff - yoff;
  const int bmid = xlim - ylim;
  const gboolean odd = ((fmid - bmid) & 1) != 0;
  int fmin = fmid, fmax = fmid;
  int bmin = bmid, bmax = bmid;
  gint64 work = 0;

  g_assert (xoff < xlim && yoff < ylim);

  fd[fmid] = xoff;
  bd[bmid] = xlim;

  for (int c = 1;; c++)
    {
      int d;

      if (fmin > dmin)
        fd[--fmin - 1] = -1;
      else
        fmin++;
      if (fmax < dmax)
        fd[++fmax + 1] = -1;
      else
        fmax--;

      for (d = fmax; d >= fmin; d -= 2)
        {
          int tlo = fd[d - 1];
          int thi = fd[d + 1];
          int x0 = tlo < thi ? thi : tlo + 1;
          int x = x0;
          int y = x0 - d;

          while (x < xlim && y < ylim && a[x] == b[y])
            x++, y++;
          work += 1 + (x - x0);
          fd[d] = x;

          if (odd && bmin <= d && d <= bmax && bd[d] <= x)
            {
              *xmid = x;
              *ymid = y;
              goto found;
            }
        }

      if (bmin > dmin)
        bd[--bmin - 1] = G_MAXINT;
      else
        bmin++;
      if (bmax < dmax)
        bd[++bmax + 1] = G_MAXINT;
      else
        bmax--;

      for (d = bmax; d >= bmin; d -= 2)
        {
          int tlo = bd[d - 1];
          int thi = bd[d + 1];
          int x0 = tlo < thi ? tlo : thi - 1;
          int x = x0;
          int y = x0 - d;

          while (x > xoff && y > yoff && a[x - 1] == b[y - 1])
            x--, y--;
          work += 1 + (x0 - x);
          bd[d] = x;

          if (!odd && fmin <= d && d <= fmax && x <= fd[d])
            {
              *xmid = x;
              *ymid = y;
              goto found;
            }
        }

      *m->budget -= work;
      work = 0;
      if (*m->budget < 0)
        return SNAKE_GAVE_UP;
      if ((c & 0xff) == 0 && g_cancellable_is_cancelled (m->cancellable))
        return SNAKE_CANCELLED;

      if (c >= m->too_expensive)
        {
          int fxybest = -1, fxbest = xoff;
          int bxybest = G_MAXINT, bxbest = xlim;

          for (d = fmax; d >= fmin; d -= 2)
            {
              int x = MIN (fd[d], xlim);
              int y = x - d;

              if (y > ylim)
                {
                  x = ylim + d;
                  y = ylim;
                }
              if (x + y > fxybest)
                {
                  fxybest = x + y;
                  fxbest = x;
                }
            }

          for (d = bmax; d >= bmin; d -= 2)
            {
              int x = MAX (xoff, bd[d]);
              int y = x - d;

              if (y < yoff)
                {
                  x = yoff + d;
                  y = yoff;
                }
              if (x + y < bxybest)
                {
                  bxybest = x + y;
                  bxbest = x;
                }
            }

          /* Split where the search got furthest from its own corner. */
          if ((xlim + ylim) - bxybest < fxybest - (xoff + yoff))
            {
              *xmid = fxbest;
              *ymid = fxybest - fxbest;
            }
          else
            {
              *xmid = bxbest;
              *ymid = bxybest - bxbest;
            }
          goto found;
        }
    }

found:
  *m->budget -= work;

  /* Any point inside the box gives a correct alignment; a split at a
   * corner would not make progress. */
  *xmid = CLAMP (*xmid, xoff, xlim);
  *ymid = CLAMP (*ymid, yoff, ylim);
  if ((*xmid == xoff && *ymid == yoff) || (*xmid == xlim && *ymid == ylim))
    return SNAKE_GAVE_UP;

  return SNAKE_FOUND;
}

static void
append_run (GArray *runs,
            guint   old_start,
            guint   new_start,
            guint   length)
{
  AttestDiffRun run = { old_start, new_start, length };

  if (length > 0)
    g_array_append_val (runs, run);
}

static int
compare_runs (gconstpointer a,
              gconstpointer b)
{
  const AttestDiffRun *ra = a;
  const AttestDiffRun *rb = b;

  return ra->old_start < rb->old_start ? -1 : ra->old_start > rb->old_start;
}

gboolean
attest_diff_sequences (const guint32 *a,
                       guint          n_a,
                       const guint32 *b,
                       guint          n_b,
                       gint64        *budget,
                       GArray        *runs,
                       GCancellable  *cancellable)
{
  g_autoptr(GArray) stack = NULL;
  g_autofree int *diagonals = NULL;
  guint first_run;
  guint n_boxes = 0;
  Myers m = { a, b, NULL, NULL, 1, budget, cancellable };
  Box box = { 0, (int) n_a, 0, (int) n_b };

  g_return_val_if_fail (a != NULL || n_a == 0, FALSE);
  g_return_val_if_fail (b != NULL || n_b == 0, FALSE);
  g_return_val_if_fail (budget != NULL, FALSE);
  g_return_val_if_fail (runs != NULL, FALSE);

  /* Offsets are ints below, diagonals range over n_a + n_b. */
  if (n_a > G_MAXINT / 4 || n_b > G_MAXINT / 4)
    return !g_cancellable_is_cancelled (cancellable);

  first_run = runs->len;

  /* About the square root of the size, as GNU diff: finding the shortest
   * script is affordable up to there. */
  for (guint diags = n_a + n_b + 3; diags != 0; diags >>= 2)
    m.too_expensive <<= 1;
  m.too_expensive = MAX (m.too_expensive, MIN_TOO_EXPENSIVE);

  /* Regions still to split; popping the last one first keeps the stack
   * at O(log) depth for balanced splits, and the runs are sorted at the
   * end anyway. */
  stack = g_array_new (FALSE, FALSE, sizeof (Box));
  g_array_append_val (stack, box);

  while (stack->len > 0)
    {
      int xoff, xlim, yoff, ylim, xmid, ymid, k;
      Box left, right;

      box = g_array_index (stack, Box, stack->len - 1);
      g_array_set_size (stack, stack->len - 1);
      xoff = box.xoff;
      xlim = box.xlim;
      yoff = box.yoff;
      ylim = box.ylim;

      if ((++n_boxes & 0x3ff) == 0 && g_cancellable_is_cancelled (cancellable))
        goto cancelled;

      for (k = 0; xoff + k < xlim && yoff + k < ylim && a[xoff + k] == b[yoff + k]; k++)
        ;
      append_run (runs, xoff, yoff, k);
      xoff += k;
      yoff += k;

      for (k = 0; xlim - k > xoff && ylim - k > yoff && a[xlim - k - 1] == b[ylim - k - 1]; k++)
        ;
      append_run (runs, xlim - k, ylim - k, k);
      xlim -= k;
      ylim -= k;

      /* Only insertions or only deletions left; or no more time to look
       * closer, so the region counts as replaced. */
      if (xoff == xlim || yoff == ylim || *budget <= 0)
        continue;

      if (diagonals == NULL)
        {
          /* Diagonals run from -n_b - 1 to n_a + 1. */
          gsize n_diagonals = (gsize) n_a + n_b + 3;

          diagonals = g_new (int, 2 * n_diagonals);
          m.fd = diagonals + n_b + 1;
          m.bd = diagonals + n_diagonals + n_b + 1;
        }

      switch (middle_snake (&m, xoff, xlim, yoff, ylim, &xmid, &ymid))
        {
        case SNAKE_FOUND:
          break;
        case SNAKE_GAVE_UP:
          continue;
        case SNAKE_CANCELLED:
          goto cancelled;
        default:
          g_assert_not_reached ();
        }

      right = (Box) { xmid, xlim, ymid, ylim };
      left = (Box) { xoff, xmid, yoff, ymid };
      g_array_append_val (stack, right);
      g_array_append_val (stack, left);
    }

  if (runs->len - first_run > 1)
    qsort (&g_array_index (runs, AttestDiffRun, first_run),
           runs->len - first_run, sizeof (AttestDiffRun), compare_runs);

  return TRUE;

cancelled:
  g_array_set_size (runs, first_run);
  return FALSE;
}

/* Lines, words and characters -------------------------------------------- */

/* A line or a word of one side's changed middle. Offsets are from the
 * start of the middle. A line's body and its line break are kept apart:
 * lines are compared by their body, so a CRLF -> LF conversion still
 * pairs every line. */
typedef struct
{
  const char *data;
  guint       n_bytes;    /* without the line break */
  guint       cp;         /* code points before the unit */
  guint       n_cps;      /* without the line break */
  guint       n_break;    /* line break (ASCII: bytes = code points) */
  guint32     hash;
} Unit;

typedef struct
{
  const char   *old_data;     /* the changed middles */
  gsize         n_old;
  const char   *new_data;
  gsize         n_new;
  guint         base;         /* code points of the common prefix */
  gint64        line_budget;
  gint64        word_budget;
  gint64        char_budget;
  guint32      *a;            /* decoding buffers */
  gsize         a_size;
  guint32      *b;
  gsize         b_size;
  GArray       *runs;         /* the result */
  GCancellable *cancellable;
} Builder;

#define FNV_BASIS 2166136261u
#define FNV_PRIME 16777619u

static inline gboolean
is_break (guchar c)
{
  return c == '\n' || c == '\r';
}

static inline gboolean
is_blank (guchar c)
{
  return c == ' ' || c == '\t';
}

/* The end of the line break at @q: "\n", "\r\n" or "\r", and any blank or
 * white-space-only lines after it. Blank lines are part of the break, not
 * lines of their own: as lines they would all have the same id, and the
 * line diff could pair the wrong ones and so the paragraphs around them. */
static const guchar *
skip_break (const guchar *q,
            const guchar *end)
{
  for (;;)
    {
      const guchar *r;

      g_assert (q < end && is_break (*q));

      q += (q[0] == '\r' && q + 1 < end && q[1] == '\n') ? 2 : 1;

      for (r = q; r < end && is_blank (*r); r++)
        ;
      if (r == end || !is_break (*r))
        return q;
      q = r;
    }
}

static void
append_unit (GArray        *units,
             const guchar  *start,
             const guchar  *body_end,
             const guchar  *end,
             guint          cp,
             guint          n_cps,
             guint32        hash)
{
  Unit unit = { (const char *) start, body_end - start, cp, n_cps, end - body_end, hash };

  g_array_append_val (units, unit);
}

/* Lines of [data, data + n_bytes), which starts at code point @cp; and one
 * more, empty, unit at the end. */
static GArray *
split_lines (const char *data,
             gsize       n_bytes,
             guint       cp)
{
  GArray *units = g_array_new (FALSE, FALSE, sizeof (Unit));
  const guchar *end = (const guchar *) data + n_bytes;
  const guchar *line = (const guchar *) data;
  guint n_cps = 0;
  guint32 hash = FNV_BASIS;

  for (const guchar *q = line; q < end; q++)
    {
      if (is_break (*q))
        {
          const guchar *next = skip_break (q, end);

          append_unit (units, line, q, next, cp, n_cps, hash);
          cp += n_cps + (next - q);
          line = next;
          q = next - 1;
          n_cps = 0;
          hash = FNV_BASIS;
          continue;
        }

      n_cps += (*q & 0xc0) != 0x80;
      hash = (hash ^ *q) * FNV_PRIME;
    }

  if (line < end)
    append_unit (units, line, end, end, cp, n_cps, hash);
  append_unit (units, end, end, end, cp + n_cps, 0, FNV_BASIS);

  return units;
}

/* Words of [data, data + n_bytes), each with the white space and line
 * break after it: "Mayor ", "Doe, ", "said.\n\n". Pairing whole words
 * keeps a character diff from matching stray letters of an inserted
 * sentence to the text around it; a line break on its own would be
 * such a stray match. */
static GArray *
split_words (const char *data,
             gsize       n_bytes,
             guint       cp)
{
  GArray *units = g_array_new (FALSE, FALSE, sizeof (Unit));
  const guchar *end = (const guchar *) data + n_bytes;
  const guchar *q = (const guchar *) data;

  while (q < end)
    {
      const guchar *word = q;
      guint n_cps = 0;
      guint32 hash = FNV_BASIS;

      while (q < end && !is_blank (*q) && !is_break (*q))
        q++;
      while (q < end && is_blank (*q))
        q++;
      if (q < end && is_break (*q))
        q = skip_break (q, end);

      for (const guchar *p = word; p < q; p++)
        {
          n_cps += (*p & 0xc0) != 0x80;
          hash = (hash ^ *p) * FNV_PRIME;
        }

      append_unit (units, word, q, q, cp, n_cps, hash);
      cp += n_cps;
    }
  append_unit (units, end, end, end, cp, 0, FNV_BASIS);

  return units;
}

static guint
unit_hash (gconstpointer key)
{
  return ((const Unit *) key)->hash;
}

static gboolean
unit_equal (gconstpointer a,
            gconstpointer b)
{
  const Unit *ua = a;
  const Unit *ub = b;

  return ua->n_bytes == ub->n_bytes && memcmp (ua->data, ub->data, ua->n_bytes) == 0;
}

/* Gives every distinct unit an id, the same in both sides. Returns NULL
 * if cancelled. */
static guint32 *
unit_ids (GHashTable   *ids,
          GArray       *units,
          GCancellable *cancellable)
{
  guint n = units->len - 1;
  g_autofree guint32 *out = g_new (guint32, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      Unit *unit = &g_array_index (units, Unit, i);
      gpointer id;

      if ((i & 0x3fff) == 0x3fff && g_cancellable_is_cancelled (cancellable))
        return NULL;

      if (!g_hash_table_lookup_extended (ids, unit, NULL, &id))
        {
          id = GUINT_TO_POINTER (g_hash_table_size (ids));
          g_hash_table_insert (ids, unit, id);
        }
      out[i] = GPOINTER_TO_UINT (id);
    }

  return g_steal_pointer (&out);
}

static guint32 *
decode (const char *p,
        guint       n_cps,
        guint32   **buffer,
        gsize      *size)
{
  if (*size < n_cps)
    {
      g_free (*buffer);
      *size = MAX (n_cps, 2 * *size);
      *buffer = g_new (guint32, *size);
    }

  for (guint i = 0; i < n_cps; i++, p = g_utf8_next_char (p))
    (*buffer)[i] = g_utf8_get_char (p);

  return *buffer;
}

/* Appends in order, merging runs that touch in both texts. */
static void
add_run_merged (GArray *runs,
                guint   old_start,
                guint   new_start,
                guint   length)
{
  AttestDiffRun *last = &g_array_index (runs, AttestDiffRun, runs->len - 1);

  g_assert (old_start >= last->old_start + last->length);
  g_assert (new_start >= last->new_start + last->length);

  if (length == 0)
    return;

  if (last->old_start + last->length == old_start &&
      last->new_start + last->length == new_start)
    last->length += length;
  else
    append_run (runs, old_start, new_start, length);
}

/* Offsets from the start of the middles. */
static inline void
builder_add (Builder *self,
             guint    old_cp,
             guint    new_cp,
             guint    length)
{
  add_run_merged (self->runs, self->base + old_cp, self->base + new_cp, length);
}

/* The code points of @n_old, from @old_data at @old_cp, were replaced by
 * those of @n_new. */
static gboolean
builder_diff_chars (Builder    *self,
                    const char *old_data,
                    guint       old_cp,
                    guint       n_old,
                    const char *new_data,
                    guint       new_cp,
                    guint       n_new)
{
  g_autoptr(GArray) runs = NULL;
  const guint32 *a;
  const guint32 *b;

  if (n_old == 0 || n_new == 0)
    return TRUE;

  a = decode (old_data, n_old, &self->a, &self->a_size);
  b = decode (new_data, n_new, &self->b, &self->b_size);

  runs = g_array_new (FALSE, FALSE, sizeof (AttestDiffRun));
  if (!attest_diff_sequences (a, n_old, b, n_new, &self->char_budget, runs, self->cancellable))
    return FALSE;

  for (guint i = 0; i < runs->len; i++)
    {
      const AttestDiffRun *run = &g_array_index (runs, AttestDiffRun, i);

      builder_add (self, old_cp + run->old_start, new_cp + run->new_start, run->length);
    }

  return TRUE;
}

typedef enum
{
  LEVEL_LINES,
  LEVEL_WORDS,
} Level;

static gboolean builder_diff_units (Builder    *self,
                                    Level       level,
                                    const char *old_data,
                                    gsize       n_old_bytes,
                                    guint       old_cp,
                                    const char *new_data,
                                    gsize       n_new_bytes,
                                    guint       new_cp);

/* Units [i, j) of @old were replaced by [k, l) of @new: look closer. */
static gboolean
builder_diff_gap (Builder *self,
                  Level    level,
                  GArray  *old,
                  guint    i,
                  guint    j,
                  GArray  *new,
                  guint    k,
                  guint    l)
{
  const Unit *oi = &g_array_index (old, Unit, i);
  const Unit *oj = &g_array_index (old, Unit, j);
  const Unit *nk = &g_array_index (new, Unit, k);
  const Unit *nl = &g_array_index (new, Unit, l);

  if (i == j || k == l)
    return TRUE;

  if (level == LEVEL_LINES)
    return builder_diff_units (self, LEVEL_WORDS,
                               oi->data, oj->data - oi->data, oi->cp,
                               nk->data, nl->data - nk->data, nk->cp);

  return builder_diff_chars (self,
                             oi->data, oi->cp, oj->cp - oi->cp,
                             nk->data, nk->cp, nl->cp - nk->cp);
}

/* Two units with the same text; their line breaks may differ. */
static gboolean
builder_equal_units (Builder    *self,
                     const Unit *o,
                     const Unit *n)
{
  const char *old_break = o->data + o->n_bytes;
  const char *new_break = n->data + n->n_bytes;

  builder_add (self, o->cp, n->cp, o->n_cps);

  if (o->n_break == n->n_break && memcmp (old_break, new_break, o->n_break) == 0)
    {
      builder_add (self, o->cp + o->n_cps, n->cp + n->n_cps, o->n_break);
      return TRUE;
    }

  return builder_diff_chars (self,
                             old_break, o->cp + o->n_cps, o->n_break,
                             new_break, n->cp + n->n_cps, n->n_break);
}

static gboolean
builder_diff_units (Builder    *self,
                    Level       level,
                    const char *old_data,
                    gsize       n_old_bytes,
                    guint       old_cp,
                    const char *new_data,
                    gsize       n_new_bytes,
                    guint       new_cp)
{
  g_autoptr(GArray) old = NULL;
  g_autoptr(GArray) new = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GArray) runs = NULL;
  g_autofree guint32 *old_ids = NULL;
  g_autofree guint32 *new_ids = NULL;
  gint64 *budget;
  guint i = 0, k = 0;

  if (level == LEVEL_LINES)
    {
      old = split_lines (old_data, n_old_bytes, old_cp);
      new = split_lines (new_data, n_new_bytes, new_cp);
      budget = &self->line_budget;
    }
  else
    {
      old = split_words (old_data, n_old_bytes, old_cp);
      new = split_words (new_data, n_new_bytes, new_cp);
      budget = &self->word_budget;
    }

  ids = g_hash_table_new (unit_hash, unit_equal);
  if (!(old_ids = unit_ids (ids, old, self->cancellable)) ||
      !(new_ids = unit_ids (ids, new, self->cancellable)))
    return FALSE;

  runs = g_array_new (FALSE, FALSE, sizeof (AttestDiffRun));
  if (!attest_diff_sequences (old_ids, old->len - 1, new_ids, new->len - 1, budget,
                              runs, self->cancellable))
    return FALSE;

  for (guint r = 0; r < runs->len; r++)
    {
      const AttestDiffRun *run = &g_array_index (runs, AttestDiffRun, r);

      if (!builder_diff_gap (self, level, old, i, run->old_start, new, k, run->new_start))
        return FALSE;

      for (guint t = 0; t < run->length; t++)
        if (!builder_equal_units (self,
                                  &g_array_index (old, Unit, run->old_start + t),
                                  &g_array_index (new, Unit, run->new_start + t)))
          return FALSE;

      i = run->old_start + run->length;
      k = run->new_start + run->length;
    }

  return builder_diff_gap (self, level, old, i, old->len - 1, new, k, new->len - 1);
}

static inline gboolean
is_continuation (guchar c)
{
  return (c & 0xc0) == 0x80;
}

/* Cuts of the common prefix and suffix are moved to line starts, so the
 * lines in between are whole in both texts: a line cut short would not
 * match its unchanged counterpart. Not past MAX_LINE_BACKOFF bytes, though:
 * in a long transcript line the cut stays where it is. */
#define MAX_LINE_BACKOFF 65536

/* Where the last line that starts in data[0, prefix) starts, if the line
 * break before it is common to both texts; @prefix if the texts differ
 * nowhere before their end (@differ FALSE). */
static gsize
line_start_before (const char *data,
                   gsize       prefix,
                   gboolean    differ)
{
  gsize limit = prefix > MAX_LINE_BACKOFF ? prefix - MAX_LINE_BACKOFF : 0;

  if (!differ)
    return prefix;

  /* A "\r" as the last common byte may be half of a "\r\n". */
  for (gsize i = prefix; i > limit; i--)
    if (data[i - 1] == '\n' || (data[i - 1] == '\r' && i < prefix))
      return i;

  return limit == 0 ? 0 : prefix;
}

/* Byte offset (from @text_start) of the first line start inside the
 * @suffix bytes at @suffix_start, past the whole run of line breaks
 * before it; the text's end when the suffix has no line break. */
static gsize
line_start_after (const char *suffix_start,
                  gsize       suffix,
                  const char *text_start)
{
  const guchar *p = (const guchar *) suffix_start;
  const guchar *end = p + suffix;
  gsize limit = MIN (suffix, MAX_LINE_BACKOFF);

  for (gsize i = 0; i < limit; i++)
    if (is_break (p[i]))
      {
        const guchar *q = p + i;

        while (q < end && is_break (*q))
          q++;
        return (const char *) q - text_start;
      }

  return suffix <= MAX_LINE_BACKOFF ? (const char *) end - text_start
                                    : suffix_start - text_start;
}

/**
 * attest_diff_new:
 * @old_text: the text the offsets are in
 * @new_text: the text to map them to
 * @cancellable: (nullable): a #GCancellable
 *
 * Compares the two texts in code points (see attest-diff.c for how).
 *
 * Returns: (transfer full) (nullable): the diff, or %NULL if @cancellable
 *   was cancelled
 */
AttestDiff *
attest_diff_new (AttestText   *old_text,
                 AttestText   *new_text,
                 GCancellable *cancellable)
{
  const char *old_data;
  const char *new_data;
  gsize n_old, n_new, prefix, suffix, limit;
  guint old_length, new_length, suffix_cps;
  Builder builder = { 0 };
  AttestDiffRun start = { 0, 0, 0 };
  AttestDiff *self;
  gboolean ok = TRUE;

  g_return_val_if_fail (old_text != NULL, NULL);
  g_return_val_if_fail (new_text != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  if (g_cancellable_is_cancelled (cancellable))
    return NULL;

  old_data = attest_text_get_data (old_text);
  new_data = attest_text_get_data (new_text);
  n_old = attest_text_get_n_bytes (old_text);
  n_new = attest_text_get_n_bytes (new_text);
  old_length = attest_text_get_length (old_text);
  new_length = attest_text_get_length (new_text);

  /* Common prefix and suffix as bytes, then back to code-point
   * boundaries. Both texts are valid UTF-8 and agree on the bytes before
   * the cut, so a boundary in one is a boundary in the other. */
  limit = MIN (n_old, n_new);
  prefix = 0;
  while (limit - prefix >= 64 && memcmp (old_data + prefix, new_data + prefix, 64) == 0)
    prefix += 64;
  while (prefix < limit && old_data[prefix] == new_data[prefix])
    prefix++;
  prefix = line_start_before (old_data, prefix, prefix < n_old || prefix < n_new);
  while (prefix > 0 &&
         ((prefix < n_old && is_continuation (old_data[prefix])) ||
          (prefix < n_new && is_continuation (new_data[prefix]))))
    prefix--;

  limit -= prefix;
  suffix = 0;
  while (limit - suffix >= 64 &&
         memcmp (old_data + n_old - suffix - 64, new_data + n_new - suffix - 64, 64) == 0)
    suffix += 64;
  while (suffix < limit && old_data[n_old - suffix - 1] == new_data[n_new - suffix - 1])
    suffix++;
  suffix = n_old - line_start_after (old_data + n_old - suffix, suffix, old_data);
  while (suffix > 0 && is_continuation (old_data[n_old - suffix]))
    suffix--;

  builder.base = attest_text_byte_to_cp (old_text, prefix);
  suffix_cps = old_length - attest_text_byte_to_cp (old_text, n_old - suffix);
  builder.old_data = old_data + prefix;
  builder.n_old = n_old - prefix - suffix;
  builder.new_data = new_data + prefix;
  builder.n_new = n_new - prefix - suffix;
  builder.line_budget = LINE_BUDGET;
  builder.word_budget = WORD_BUDGET;
  builder.char_budget = CHAR_BUDGET;
  builder.cancellable = cancellable;
  builder.runs = g_array_new (FALSE, FALSE, sizeof (AttestDiffRun));

  /* The first run always starts at (0, 0), even when empty. */
  g_array_append_val (builder.runs, start);
  add_run_merged (builder.runs, 0, 0, builder.base);

  if (builder.n_old > 0 && builder.n_new > 0)
    ok = builder_diff_units (&builder, LEVEL_LINES,
                             builder.old_data, builder.n_old, 0,
                             builder.new_data, builder.n_new, 0);

  add_run_merged (builder.runs, old_length - suffix_cps, new_length - suffix_cps, suffix_cps);

  g_clear_pointer (&builder.a, g_free);
  g_clear_pointer (&builder.b, g_free);

  if (!ok)
    {
      g_array_unref (builder.runs);
      return NULL;
    }

  {
    const AttestDiffRun *last = &g_array_index (builder.runs, AttestDiffRun,
                                                builder.runs->len - 1);

    /* And the last one always ends at the two ends. */
    if (last->old_start + last->length != old_length ||
        last->new_start + last->length != new_length)
      {
        AttestDiffRun end = { old_length, new_length, 0 };

        g_array_append_val (builder.runs, end);
      }
  }

  self = g_new0 (AttestDiff, 1);
  self->old_length = old_length;
  self->new_length = new_length;
  self->n_runs = builder.runs->len;
  self->runs = (AttestDiffRun *) (void *) g_array_free (builder.runs, FALSE);

  return self;
}

void
attest_diff_free (AttestDiff *diff)
{
  if (diff == NULL)
    return;

  g_free (diff->runs);
  g_free (diff);
}

const AttestDiffRun *
attest_diff_get_runs (AttestDiff *diff,
                      guint      *n_runs)
{
  g_return_val_if_fail (diff != NULL, NULL);
  g_return_val_if_fail (n_runs != NULL, NULL);

  *n_runs = diff->n_runs;

  return diff->runs;
}

guint
attest_diff_get_old_length (AttestDiff *diff)
{
  g_return_val_if_fail (diff != NULL, 0);

  return diff->old_length;
}

guint
attest_diff_get_new_length (AttestDiff *diff)
{
  g_return_val_if_fail (diff != NULL, 0);

  return diff->new_length;
}

static void
set_gap (AttestDiff      *diff,
         guint            i,
         AttestDiffPlace *place)
{
  const AttestDiffRun *before = &diff->runs[i];
  const AttestDiffRun *after = &diff->runs[i + 1];

  place->in_run = FALSE;
  place->old_lo = before->old_start + before->length;
  place->old_hi = after->old_start;
  place->new_lo = before->new_start + before->length;
  place->new_hi = after->new_start;
}

void
attest_diff_locate (AttestDiff      *diff,
                    guint            old_offset,
                    AttestDiffPlace *place)
{
  const AttestDiffRun *run;
  guint lo, hi;

  g_return_if_fail (diff != NULL);
  g_return_if_fail (old_offset <= diff->old_length);
  g_return_if_fail (place != NULL);

  /* The last run that starts at or before the offset: at an insertion
   * point, the run after the inserted text. */
  lo = 0;
  hi = diff->n_runs;
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (diff->runs[mid].old_start <= old_offset)
        lo = mid;
      else
        hi = mid;
    }

  run = &diff->runs[lo];
  place->run = lo;

  if (old_offset > run->old_start)
    {
      if (old_offset < run->old_start + run->length || lo + 1 == diff->n_runs)
        {
          place->in_run = TRUE;
          place->new_offset = run->new_start + (old_offset - run->old_start);
        }
      else
        set_gap (diff, lo, place);
    }
  else if (lo > 0)
    set_gap (diff, lo - 1, place);
  else if (run->length > 0 || diff->n_runs == 1)
    {
      place->in_run = TRUE;
      place->new_offset = 0;
    }
  else
    set_gap (diff, 0, place);
}

/**
 * attest_diff_map:
 * @diff: a diff
 * @old_offset: an offset in the old text
 * @bias: which end of a changed region an offset inside it goes to
 * @exact: (out) (optional): whether the offset was away from any change
 *
 * Offsets in text common to both versions map exactly. An offset inside
 * deleted or replaced text, or at a point where text was inserted, maps to
 * the start of the new text there (@bias <= 0) or its end (@bias > 0).
 *
 * Returns: the offset in the new text
 */
guint
attest_diff_map (AttestDiff *diff,
                 guint       old_offset,
                 int         bias,
                 gboolean   *exact)
{
  AttestDiffPlace place;

  g_return_val_if_fail (diff != NULL, 0);
  g_return_val_if_fail (old_offset <= diff->old_length, diff->new_length);

  attest_diff_locate (diff, old_offset, &place);

  if (exact != NULL)
    *exact = place.in_run;

  if (place.in_run)
    return place.new_offset;
  if (place.old_lo < place.old_hi && old_offset == place.old_lo)
    return place.new_lo;
  if (place.old_lo < place.old_hi && old_offset == place.old_hi)
    return place.new_hi;

  return bias > 0 ? place.new_hi : place.new_lo;
}
