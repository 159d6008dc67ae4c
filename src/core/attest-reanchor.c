/* attest-reanchor.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-diff-private.h"
#include "attest-document.h"
#include "attest-reanchor.h"
#include "attest-span.h"
#include "attest-span-store.h"
#include "attest-text.h"

/* Every span goes through three steps, and takes the first that works:
 *
 * 1. its edges are mapped through the diff; if it now covers the same
 *    text as before, it moved (or stayed) and is not flagged;
 * 2. otherwise its old text is looked for where it could have slid to: a
 *    diff is one of several equally short ones ("aab" -> "ab" deletes
 *    either "a"), so a span at the edge of an edit can land one
 *    alignment off. An occurrence that overlaps or touches the mapped
 *    range, found exactly once, is taken;
 * 3. a passage of some length that occurs exactly once in the old text
 *    and exactly once in the new one moved there (a paragraph moved
 *    elsewhere, which a diff sees as a deletion plus an insertion).
 *
 * Otherwise the span keeps the mapped range and is flagged. Everything is
 * computed before the document is touched, so a cancelled run leaves it
 * as it was. */

/* A mapped span may grow by this much past twice its length by covering
 * the text that replaced part of it, before it is placed in proportion
 * inside a large replaced block instead of swallowing it. */
#define GROWTH_SLACK 64
/* Step 3 only for passages this long (code points): a short word that
 * occurs once in each version is too weak a sign. */
#define GLOBAL_MIN_LENGTH 16
/* Step 3 scans both texts per span; this many times their size in all. */
#define GLOBAL_SCAN_FACTOR 16
#define GLOBAL_SCAN_EXTRA (4 << 20)

typedef enum
{
  OUTCOME_MOVED,
  OUTCOME_CHANGED,
  OUTCOME_DELETED,
} Outcome;

typedef struct
{
  AttestSpan *span;
  guint       start;
  guint       end;
  guint       flags;
  char       *old_text;    /* owned; replaces span->old_text when set */
  Outcome     outcome;
} Placement;

typedef struct
{
  AttestDiff *diff;
  AttestText *old_text;
  AttestText *new_text;
  gint64      scan_budget;   /* bytes step 3 may still read */
  guint32    *table;         /* string search: longest border per prefix */
  gsize       table_size;
} Reanchor;

static void
placement_clear (gpointer data)
{
  Placement *pl = data;

  g_clear_pointer (&pl->old_text, g_free);
}

/* One edge of a span. An edge at a point where text was inserted stays
 * out of the inserted text; one inside replaced text goes to the far side
 * of the replacement so the span covers what replaced its text, or, when
 * @proportional, to the same relative place in the replacement. */
static guint
map_edge (const AttestDiffPlace *place,
          guint                  offset,
          gboolean               is_start,
          gboolean               proportional)
{
  guint64 num, den;

  if (place->in_run)
    return place->new_offset;
  if (place->old_lo == place->old_hi)
    return is_start ? place->new_hi : place->new_lo;
  if (offset == place->old_lo)
    return place->new_lo;
  if (offset == place->old_hi)
    return place->new_hi;
  if (!proportional)
    return is_start ? place->new_lo : place->new_hi;

  num = (guint64) (offset - place->old_lo) * (place->new_hi - place->new_lo);
  den = place->old_hi - place->old_lo;

  return place->new_lo + (guint) (is_start ? num / den : (num + den - 1) / den);
}

/* Returns TRUE when [start, end) lies in text common to both versions,
 * so what it covers is the same by construction. */
static gboolean
map_range (AttestDiff *diff,
           guint       start,
           guint       end,
           guint      *new_start,
           guint      *new_end)
{
  const AttestDiffRun *runs;
  const AttestDiffRun *run;
  AttestDiffPlace ps, pe;
  guint n_runs, ns, ne;

  g_assert (start <= end);

  runs = attest_diff_get_runs (diff, &n_runs);
  attest_diff_locate (diff, start, &ps);
  run = &runs[ps.run];

  if (end <= run->old_start + run->length)
    {
      *new_start = run->new_start + (start - run->old_start);
      *new_end = run->new_start + (end - run->old_start);
      return TRUE;
    }

  /* An empty span (one deleted earlier) stays empty. */
  if (start == end)
    {
      *new_start = *new_end = map_edge (&ps, start, TRUE, FALSE);
      return FALSE;
    }

  attest_diff_locate (diff, end, &pe);
  ns = map_edge (&ps, start, TRUE, FALSE);
  ne = map_edge (&pe, end, FALSE, FALSE);

  if (ne > ns && ne - ns > 2 * (end - start) + GROWTH_SLACK)
    {
      ns = map_edge (&ps, start, TRUE, TRUE);
      ne = map_edge (&pe, end, FALSE, TRUE);
    }

  *new_start = ns;
  *new_end = MAX (ns, ne);

  return FALSE;
}

/* Knuth-Morris-Pratt: linear whatever the text, which matters because a
 * span may be long and the text repetitive. */
static void
prepare_needle (Reanchor   *self,
                const char *needle,
                gsize       n)
{
  gsize k = 0;

  g_assert (n > 0);

  if (self->table_size < n)
    {
      g_free (self->table);
      self->table_size = MAX (n, 2 * self->table_size);
      self->table = g_new (guint32, self->table_size);
    }

  self->table[0] = 0;
  for (gsize i = 1; i < n; i++)
    {
      while (k > 0 && needle[i] != needle[k])
        k = self->table[k - 1];
      if (needle[i] == needle[k])
        k++;
      self->table[i] = k;
    }
}

/* How often the prepared @needle occurs in @hay, counting to 2; @first
 * is set to the byte offset of the first occurrence. */
static guint
count_matches (Reanchor   *self,
               const char *hay,
               gsize       n_hay,
               const char *needle,
               gsize       n,
               gsize      *first)
{
  const guint32 *table = self->table;
  guint count = 0;
  gsize q = 0;

  for (gsize i = 0; i < n_hay; i++)
    {
      if (q == 0)
        {
          const char *p = memchr (hay + i, needle[0], n_hay - i);

          if (p == NULL)
            break;
          i = p - hay;
        }

      while (q > 0 && hay[i] != needle[q])
        q = table[q - 1];
      if (hay[i] == needle[q])
        q++;

      if (q == n)
        {
          if (count++ == 0)
            *first = i + 1 - n;
          if (count == 2)
            break;
          q = table[q - 1];
        }
    }

  return count;
}

/* Steps 2 and 3 (see the top of the file). */
static gboolean
find_old_text (Reanchor   *self,
               const char *old_data,
               gsize       n,
               guint       length,
               guint       new_start,
               guint       new_end,
               guint      *found)
{
  const char *new_data = attest_text_get_data (self->new_text);
  gsize n_new = attest_text_get_n_bytes (self->new_text);
  gsize n_old = attest_text_get_n_bytes (self->old_text);
  guint new_length = attest_text_get_length (self->new_text);
  guint lo = new_start > length ? new_start - length : 0;
  guint hi = new_end + MIN (length, new_length - new_end);
  gsize byte_lo, byte_hi, first = 0, unused;

  prepare_needle (self, old_data, n);

  /* Every occurrence inside [lo, hi) overlaps or touches the mapped
   * range. */
  byte_lo = attest_text_cp_to_byte (self->new_text, lo);
  byte_hi = attest_text_cp_to_byte (self->new_text, hi);
  if (count_matches (self, new_data + byte_lo, byte_hi - byte_lo, old_data, n, &first) == 1)
    {
      *found = attest_text_byte_to_cp (self->new_text, byte_lo + first);
      return TRUE;
    }

  if (length < GLOBAL_MIN_LENGTH || self->scan_budget < (gint64) (n_new + n_old))
    return FALSE;

  self->scan_budget -= n_new + n_old;
  if (count_matches (self, new_data, n_new, old_data, n, &first) != 1)
    return FALSE;
  if (count_matches (self, attest_text_get_data (self->old_text), n_old,
                     old_data, n, &unused) != 1)
    return FALSE;

  *found = attest_text_byte_to_cp (self->new_text, first);

  return TRUE;
}

static void
place_span (Reanchor   *self,
            AttestSpan *span,
            Placement  *pl)
{
  const guint review = ATTEST_SPAN_FLAG_CHANGED | ATTEST_SPAN_FLAG_DELETED;
  guint old_length = attest_text_get_length (self->old_text);
  guint start = MIN (span->start, old_length);
  guint end = CLAMP (span->end, start, old_length);
  const char *old_data;
  gsize byte_start, byte_end;
  guint found;

  pl->span = span;
  pl->flags = span->flags;
  pl->old_text = NULL;
  pl->outcome = OUTCOME_MOVED;

  if (map_range (self->diff, start, end, &pl->start, &pl->end))
    return;

  byte_start = attest_text_cp_to_byte (self->old_text, start);
  byte_end = attest_text_cp_to_byte (self->old_text, end);
  old_data = attest_text_get_data (self->old_text) + byte_start;

  if (attest_text_slice_equal (self->new_text, pl->start, pl->end,
                               old_data, byte_end - byte_start))
    return;

  if (byte_end > byte_start &&
      find_old_text (self, old_data, byte_end - byte_start, end - start,
                     pl->start, pl->end, &found))
    {
      pl->start = found;
      pl->end = found + (end - start);
      return;
    }

  pl->outcome = pl->start == pl->end ? OUTCOME_DELETED : OUTCOME_CHANGED;
  pl->flags &= ~review;
  pl->flags |= pl->start == pl->end ? ATTEST_SPAN_FLAG_DELETED : ATTEST_SPAN_FLAG_CHANGED;

  /* Flagged earlier and not reviewed since: what the editor annotated is
   * the older text. */
  if ((span->flags & review) == 0 || span->old_text == NULL)
    pl->old_text = g_strndup (old_data, byte_end - byte_start);
}

static gboolean
collect_span (AttestSpan *span,
              gpointer    user_data)
{
  g_ptr_array_add (user_data, span);

  return TRUE;
}

static gboolean
place_store (Reanchor        *self,
             AttestSpanStore *store,
             GArray          *placements,
             GCancellable    *cancellable)
{
  g_autoptr(GPtrArray) spans = g_ptr_array_new ();

  attest_span_store_foreach (store, collect_span, spans);
  g_array_set_size (placements, spans->len);

  for (guint i = 0; i < spans->len; i++)
    {
      if ((i & 0xff) == 0 && g_cancellable_is_cancelled (cancellable))
        return FALSE;

      place_span (self, g_ptr_array_index (spans, i),
                  &g_array_index (placements, Placement, i));
    }

  return TRUE;
}

static void
apply_placement (Placement *pl)
{
  AttestSpan *span = pl->span;

  span->flags = pl->flags;
  if (pl->old_text != NULL)
    {
      g_free (span->old_text);
      span->old_text = g_steal_pointer (&pl->old_text);
    }
}

static int
compare_span_ptrs (gconstpointer a,
                   gconstpointer b)
{
  return attest_span_compare (*(AttestSpan * const *) a, *(AttestSpan * const *) b);
}

void
attest_reanchor_report_clear (AttestReanchorReport *report)
{
  g_return_if_fail (report != NULL);

  g_clear_pointer (&report->flagged, g_ptr_array_unref);
  report->n_moved = 0;
  report->n_changed = 0;
  report->n_deleted = 0;
}

/**
 * attest_reanchor_document:
 * @document: the document, whose text is the annotated version
 * @new_text: the article as it is now
 * @report: (out caller-allocates) (optional): zero-initialised or cleared;
 *   filled with what happened to the spans (suggested spans are moved and
 *   flagged the same way but not reported)
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * See attest-reanchor.h. Fails only when cancelled, leaving @document
 * untouched.
 *
 * Returns: %TRUE on success
 */
gboolean
attest_reanchor_document (AttestDocument        *document,
                          AttestText            *new_text,
                          AttestReanchorReport  *report,
                          GCancellable          *cancellable,
                          GError               **error)
{
  g_autoptr(AttestDiff) diff = NULL;
  g_autoptr(GArray) placements = NULL;
  g_autoptr(GArray) suggested = NULL;
  g_autoptr(AttestText) old_text = NULL;
  AttestSpanStore *suggested_store;
  GPtrArray *rejected;
  Reanchor self = { 0 };
  gboolean ok;

  g_return_val_if_fail (ATTEST_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (new_text != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  old_text = attest_text_ref (attest_document_get_text (document));
  suggested_store = attest_document_get_suggested_spans (document);
  rejected = attest_document_get_rejected (document);

  if (!(diff = attest_diff_new (old_text, new_text, cancellable)))
    {
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return FALSE;
    }

  self.diff = diff;
  self.old_text = old_text;
  self.new_text = new_text;
  self.scan_budget = GLOBAL_SCAN_FACTOR * (gint64) (attest_text_get_n_bytes (old_text) +
                                                    attest_text_get_n_bytes (new_text))
                     + GLOBAL_SCAN_EXTRA;

  placements = g_array_new (FALSE, TRUE, sizeof (Placement));
  suggested = g_array_new (FALSE, TRUE, sizeof (Placement));
  g_array_set_clear_func (placements, placement_clear);
  g_array_set_clear_func (suggested, placement_clear);

  ok = place_store (&self, attest_document_get_spans (document), placements, cancellable) &&
       place_store (&self, suggested_store, suggested, cancellable);
  g_clear_pointer (&self.table, g_free);

  if (!ok || g_cancellable_is_cancelled (cancellable))
    {
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return FALSE;
    }

  /* Nothing was changed up to here. The text goes first: moving a span
   * checks its range against the document's text. */
  attest_document_set_text (document, new_text);

  if (report != NULL)
    {
      report->n_moved = report->n_changed = report->n_deleted = 0;
      if (report->flagged == NULL)
        report->flagged = g_ptr_array_new ();
      else
        g_ptr_array_set_size (report->flagged, 0);
    }

  for (guint i = 0; i < placements->len; i++)
    {
      Placement *pl = &g_array_index (placements, Placement, i);

      if (pl->start != pl->span->start || pl->end != pl->span->end ||
          pl->flags != pl->span->flags || pl->old_text != NULL)
        {
          /* One update, so a span flagged where it stands is announced
           * (span-changed) like one that moved. */
          AttestSpan values = *pl->span;

          values.start = pl->start;
          values.end = pl->end;
          values.flags = pl->flags;
          if (pl->old_text != NULL)
            values.old_text = pl->old_text;
          attest_document_update_span (document, pl->span, &values);
        }

      if (report == NULL)
        continue;

      switch (pl->outcome)
        {
        case OUTCOME_MOVED:
          report->n_moved++;
          break;
        case OUTCOME_CHANGED:
          report->n_changed++;
          g_ptr_array_add (report->flagged, pl->span);
          break;
        case OUTCOME_DELETED:
          report->n_deleted++;
          g_ptr_array_add (report->flagged, pl->span);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  for (guint i = 0; i < suggested->len; i++)
    {
      Placement *pl = &g_array_index (suggested, Placement, i);

      apply_placement (pl);
      if (pl->span->start != pl->start || pl->span->end != pl->end)
        attest_span_store_move (suggested_store, pl->span, pl->start, pl->end);
    }

  /* Rejected suggestions have no text to check; their ranges only keep
   * the rules from proposing them again. */
  for (guint i = 0; i < rejected->len; i++)
    {
      AttestRejected *r = g_ptr_array_index (rejected, i);
      guint old_length = attest_text_get_length (old_text);
      guint start = MIN (r->start, old_length);
      guint end = CLAMP (r->end, start, old_length);

      map_range (diff, start, end, &r->start, &r->end);
    }

  if (report != NULL)
    g_ptr_array_sort (report->flagged, compare_span_ptrs);

  return TRUE;
}
