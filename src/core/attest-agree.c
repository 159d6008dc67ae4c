/* attest-agree.c: agreement between annotators of the same articles
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "attest-agree.h"
#include "attest-document.h"
#include "attest-error.h"
#include "attest-span.h"
#include "attest-span-store.h"
#include "attest-text.h"

/* Two disagreements this close are equal: DKPro computes D_e in decimal
 * and compares it with D_o exactly; in binary the same fractions can
 * differ in their last bit. */
#define SAME_DISAGREEMENT(x, y) (fabs ((x) - (y)) <= 1e-12 * MAX (fabs (x), fabs (y)))

typedef struct
{
  guint64 start;
  guint64 end;
} Unit;

typedef struct
{
  double   observed;
  double   expected;
  gboolean has_units;
  gboolean has_mass;     /* a unit longer than zero: alpha-U can see it */
} Disagreement;

typedef struct
{
  guint   exact;
  guint   overlap;
  guint   n_a;
  guint   n_b;
  guint64 tokens_a;      /* tokens a gave this label */
  guint64 tokens_b;
  guint64 tokens_both;
} PairCounts;

typedef struct
{
  const char   *label;         /* interned */
  GArray      **units;         /* per annotator, of Unit: the continuum's */
  guint64      *max_end;       /* per annotator: INCEpTION's overlap rule */
  PairCounts   *pairs;
  Disagreement *pair_alpha;
  Disagreement  all_alpha;
} LabelData;

typedef struct
{
  guint64 none_a;              /* tokens without a label */
  guint64 none_b;
  guint64 none_both;
  guint   quotes_matched;
  guint   quotes_agreeing;
} PairData;

typedef struct
{
  char      *name;
  GPtrArray *diffs;
} DocResult;

/* One annotator's span in one document, as much as agreement needs. */
typedef struct
{
  guint      start;
  guint      end;
  LabelData *label;
  /* quotes: the speaker of the first said-by relation */
  gboolean   has_speaker;
  guint      speaker_start;
  guint      speaker_end;
  char      *speaker_text;
  char      *entity_name;
  char      *entity_key;
} Span;

struct _AttestAgreement
{
  guint        n_annotators;
  char       **annotators;
  guint        n_pairs;
  PairData    *pairs;
  GHashTable  *labels;         /* interned label -> LabelData */
  const char **sorted_labels;  /* cache, NULL-terminated */
  GPtrArray   *documents;      /* of DocResult */
  guint64      length;         /* of the continuum so far */
  guint64      n_tokens;
  gboolean     alpha_done;
};

/* Tokens ----------------------------------------------------------------- */

static gboolean
is_extender (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_NON_SPACING_MARK ||
         type == G_UNICODE_SPACING_MARK ||
         type == G_UNICODE_ENCLOSING_MARK ||
         c == 0x200D ||                          /* zero width joiner */
         (c >= 0xFE00 && c <= 0xFE0F) ||         /* variation selectors */
         (c >= 0x1F3FB && c <= 0x1F3FF) ||       /* skin tones */
         (c >= 0xE0020 && c <= 0xE007F) ||       /* tag characters */
         (c >= 0xE0100 && c <= 0xE01EF);
}

static gboolean
is_separator (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return g_unichar_isspace (c) ||
         type == G_UNICODE_CONTROL ||
         (type == G_UNICODE_FORMAT && c != 0x200D);
}

static gboolean
is_cjk (gunichar c)
{
  GUnicodeScript script = g_unichar_get_script (c);

  return script == G_UNICODE_SCRIPT_HAN ||
         script == G_UNICODE_SCRIPT_HIRAGANA ||
         script == G_UNICODE_SCRIPT_KATAKANA ||
         (c >= 0x3000 && c <= 0x30FF) ||         /* CJK marks, kana signs */
         (c >= 0xFF66 && c <= 0xFF9F);           /* half-width katakana */
}

static gboolean
is_regional_indicator (gunichar c)
{
  return c >= 0x1F1E6 && c <= 0x1F1FF;
}

GArray *
attest_agree_tokenize (AttestText *text)
{
  GArray *tokens;
  g_autofree gunichar *cps = NULL;
  guint n, i = 0;

  g_return_val_if_fail (text != NULL, NULL);

  tokens = g_array_new (FALSE, FALSE, sizeof (AttestAgreeToken));
  n = attest_text_get_length (text);
  cps = g_utf8_to_ucs4_fast (attest_text_get_data (text),
                             (glong) attest_text_get_n_bytes (text), NULL);

  while (i < n)
    {
      AttestAgreeToken token;
      gunichar c = cps[i];

      if (is_separator (c))
        {
          i++;
          continue;
        }

      token.start = i++;
      if (g_unichar_isalnum (c) && !is_cjk (c))
        {
          while (i < n && ((g_unichar_isalnum (cps[i]) && !is_cjk (cps[i])) || is_extender (cps[i])))
            i++;
        }
      else
        {
          /* A flag is two regional indicators; an emoji ZWJ sequence is
           * one symbol whatever it joins. */
          if (is_regional_indicator (c) && i < n && is_regional_indicator (cps[i]))
            i++;
          while (i < n && is_extender (cps[i]))
            {
              if (cps[i] == 0x200D && i + 1 < n && !is_separator (cps[i + 1]))
                i += 2;
              else
                i++;
            }
        }
      token.end = i;
      g_array_append_val (tokens, token);
    }

  return tokens;
}

/* Kappa ------------------------------------------------------------------ */

/* Cohen (1960) as DKPro computes it: A_e = sum over categories of the
 * product of the two raters' proportions. */
static double
kappa_from (double observed,
            double expected)
{
  if (expected == 0.0)
    return observed;
  if (expected >= 1.0)
    return NAN;

  return (observed - expected) / (1.0 - expected);
}

double
attest_agree_cohen_kappa (const char * const *a,
                          const char * const *b,
                          gsize               n_items)
{
  g_autoptr(GHashTable) counts = NULL;
  GHashTableIter iter;
  gpointer value;
  gsize agree = 0;
  double expected = 0.0;
  const char *none = "";

  g_return_val_if_fail (n_items == 0 || (a != NULL && b != NULL), NAN);

  if (n_items == 0)
    return NAN;

  /* category -> [count of a, count of b] */
  counts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (gsize i = 0; i < n_items; i++)
    {
      const char *ca = a[i] != NULL ? a[i] : none;
      const char *cb = b[i] != NULL ? b[i] : none;
      gsize *entry;

      /* "" stands for none; a real label is never empty. */
      if (strcmp (ca, cb) == 0)
        agree++;
      if (!(entry = g_hash_table_lookup (counts, ca)))
        g_hash_table_insert (counts, (gpointer) ca, (entry = g_new0 (gsize, 2)));
      entry[0]++;
      if (!(entry = g_hash_table_lookup (counts, cb)))
        g_hash_table_insert (counts, (gpointer) cb, (entry = g_new0 (gsize, 2)));
      entry[1]++;
    }

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const gsize *entry = value;

      expected += ((double) entry[0] / n_items) * ((double) entry[1] / n_items);
    }

  return kappa_from ((double) agree / n_items, expected);
}

/* Alpha-U ---------------------------------------------------------------- */

/* Walks one rater's units of one label as the continuum's segments: each
 * unit, and a gap (no unit) between them and at either end. */
typedef struct
{
  const Unit *units;
  guint       n_units;
  guint       next;
  guint64     seg_start;
  guint64     seg_end;
  gboolean    seg_is_unit;
} Walker;

static void
walker_init (Walker *walker,
             GArray *units)
{
  walker->units = (const Unit *) (gpointer) units->data;
  walker->n_units = units->len;
  walker->next = 0;
  walker->seg_start = 0;
  walker->seg_end = 0;
  walker->seg_is_unit = FALSE;
}

/* At @pos, where the current segment ends: the next unit if it begins
 * here, else the gap up to it or to the end. */
static void
walker_advance (Walker  *walker,
                guint64  pos,
                guint64  length)
{
  const Unit *next = walker->next < walker->n_units ? &walker->units[walker->next] : NULL;

  walker->seg_start = pos;
  walker->seg_is_unit = next != NULL && next->start == pos;
  if (walker->seg_is_unit)
    {
      walker->seg_end = next->end;
      walker->next++;
    }
  else
    {
      walker->seg_end = next != NULL ? next->start : length;
    }
}

/* Krippendorff's (2004) distance between two overlapping segments, one of
 * each rater: two units, by how far their boundaries are apart; a unit
 * and a gap, by the unit's squared length when the gap holds it. */
static double
segment_distance (const Walker *a,
                  const Walker *b)
{
  double begin_diff = (double) a->seg_start - (double) b->seg_start;
  double end_diff = (double) a->seg_end - (double) b->seg_end;
  double la = (double) (a->seg_end - a->seg_start);
  double lb = (double) (b->seg_end - b->seg_start);

  if (a->seg_is_unit && b->seg_is_unit)
    return (b->seg_start < a->seg_end && a->seg_start < b->seg_end)
           ? begin_diff * begin_diff + end_diff * end_diff : 0.0;
  if (a->seg_is_unit)
    return (b->seg_start <= a->seg_start && a->seg_end <= b->seg_end) ? la * la : 0.0;
  if (b->seg_is_unit)
    return (a->seg_start <= b->seg_start && b->seg_end <= a->seg_end) ? lb * lb : 0.0;

  return 0.0;
}

/* The sum of distances over every pair of segments that meet, walking
 * both raters' segments together. */
static double
observed_sum (GArray  *units_a,
              GArray  *units_b,
              guint64  length)
{
  Walker a, b;
  guint64 pos = 0;
  double sum = 0.0;

  walker_init (&a, units_a);
  walker_init (&b, units_b);

  while (pos < length && (a.next < a.n_units || b.next < b.n_units))
    {
      if (pos == a.seg_end)
        walker_advance (&a, pos, length);
      if (pos == b.seg_end)
        walker_advance (&b, pos, length);
      sum += segment_distance (&a, &b);
      pos = MIN (a.seg_end, b.seg_end);
    }

  return sum;
}

static void
collect_gaps (GArray  *units,
              guint64  length,
              GArray  *gaps)
{
  Walker walker;
  guint64 pos = 0;

  walker_init (&walker, units);
  while (pos < length)
    {
      walker_advance (&walker, pos, length);
      if (!walker.seg_is_unit)
        {
          double gap = (double) (walker.seg_end - walker.seg_start);

          g_array_append_val (gaps, gap);
        }
      pos = walker.seg_end;
    }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* One label's D_o and D_e (Krippendorff 1995, with the correction of
 * 2004 that DKPro makes) among @raters, each one's units sorted and not
 * overlapping. */
static void
category_disagreement (GArray       **units,
                       const guint   *raters,
                       guint          n_raters,
                       guint64        length,
                       Disagreement  *out)
{
  g_autoptr(GArray) gaps = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree double *suffix = NULL;
  double r = n_raters, l = (double) length;
  double n_units = 0.0, squared_lengths = 0.0, observed = 0.0, expected = 0.0;

  memset (out, 0, sizeof *out);
  for (guint i = 0; i < n_raters; i++)
    {
      GArray *mine = units[raters[i]];

      n_units += mine->len;
      for (guint k = 0; k < mine->len; k++)
        {
          const Unit *unit = &g_array_index (mine, Unit, k);
          double ul = (double) (unit->end - unit->start);

          squared_lengths += ul * (ul - 1.0);
          out->has_mass |= unit->end > unit->start;
        }
    }
  out->has_units = n_units > 0;
  if (!out->has_units || length == 0)
    return;

  for (guint i = 0; i < n_raters; i++)
    for (guint j = i + 1; j < n_raters; j++)
      observed += observed_sum (units[raters[i]], units[raters[j]], length);
  out->observed = 2.0 * observed / (r * (r - 1.0) * l * l);

  /* For each unit, the gaps it could fit in: the sum over gaps g >= its
   * length ul of (g - ul + 1), from sorted gaps and their suffix sums. */
  for (guint i = 0; i < n_raters; i++)
    collect_gaps (units[raters[i]], length, gaps);
  g_array_sort (gaps, compare_doubles);
  suffix = g_new0 (double, gaps->len + 1);
  for (guint k = gaps->len; k-- > 0;)
    suffix[k] = suffix[k + 1] + g_array_index (gaps, double, k);

  for (guint i = 0; i < n_raters; i++)
    {
      GArray *mine = units[raters[i]];

      for (guint k = 0; k < mine->len; k++)
        {
          const Unit *unit = &g_array_index (mine, Unit, k);
          double ul = (double) (unit->end - unit->start);
          guint lo = 0, hi = gaps->len;
          double fits;

          while (lo < hi)
            {
              guint mid = lo + (hi - lo) / 2;

              if (g_array_index (gaps, double, mid) < ul)
                lo = mid + 1;
              else
                hi = mid;
            }
          fits = suffix[lo] - (ul - 1.0) * (gaps->len - lo);
          expected += (n_units - 1.0) * (2.0 * ul * ul * ul - 3.0 * ul * ul + ul) / 3.0
                      + ul * ul * fits;
        }
    }
  out->expected = expected * (2.0 / l) / (r * l * (r * l - 1.0) - squared_lengths);
}

static double
category_alpha (const Disagreement *d)
{
  if (!d->has_units)
    return NAN;
  /* DKPro's calculateCategoryAgreement(). */
  if (SAME_DISAGREEMENT (d->observed, d->expected))
    return 0.0;

  return 1.0 - d->observed / d->expected;
}

/* DKPro's calculateAgreement(): the mean D_o over the mean D_e of the
 * labels that have units; full agreement only when something was seen. */
static double
overall_alpha (const Disagreement * const *ds,
               guint                       n)
{
  double observed = 0.0, expected = 0.0;
  gboolean any = FALSE, mass = FALSE;

  for (guint i = 0; i < n; i++)
    {
      if (!ds[i]->has_units)
        continue;
      any = TRUE;
      mass |= ds[i]->has_mass;
      observed += ds[i]->observed;
      expected += ds[i]->expected;
    }

  if (!any)
    return NAN;
  if (SAME_DISAGREEMENT (observed, expected))
    return observed == 0.0 && mass ? 1.0 : 0.0;

  return 1.0 - observed / expected;
}

static int
compare_units (gconstpointer a,
               gconstpointer b)
{
  const Unit *ua = a;
  const Unit *ub = b;

  if (ua->start != ub->start)
    return ua->start < ub->start ? -1 : 1;
  if (ua->end != ub->end)
    return ua->end > ub->end ? -1 : 1;

  return 0;
}

/* INCEpTION adds a rater's units in UIMA order (start, then longest
 * first) and leaves out one that overlaps an earlier unit of the same
 * label, kept or not: DKPro's walk needs them apart. @units is sorted
 * that way; what is kept is in walking order (start, then length). */
static void
filter_overlapping (GArray *units)
{
  guint64 max_end = 0;
  guint kept = 0;

  for (guint k = 0; k < units->len; k++)
    {
      Unit unit = g_array_index (units, Unit, k);

      if (k == 0 || max_end <= unit.start)
        g_array_index (units, Unit, kept++) = unit;
      max_end = MAX (max_end, unit.end);
    }
  g_array_set_size (units, kept);
}

double
attest_agree_alpha_unitizing (const AttestAgreeUnit *units,
                              gsize                  n_units,
                              guint                  n_raters,
                              guint64                length,
                              const char            *label,
                              double                *observed,
                              double                *expected)
{
  g_autoptr(GHashTable) by_label = NULL;
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_free);
  g_autofree guint *raters = g_new (guint, MAX (n_raters, 1));
  const char *wanted = label != NULL ? g_intern_string (label) : NULL;
  double o = 0.0, e = 0.0, alpha;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (n_units == 0 || units != NULL, NAN);
  g_return_val_if_fail (n_raters >= 2, NAN);

  for (gsize i = 0; i < n_units; i++)
    g_return_val_if_fail (units[i].label != NULL && units[i].rater < n_raters &&
                          units[i].start <= units[i].end && units[i].end <= length, NAN);

  by_label = g_hash_table_new (NULL, NULL);
  for (gsize i = 0; i < n_units; i++)
    {
      const char *name = g_intern_string (units[i].label);
      GArray **per_rater;
      Unit unit = { units[i].start, units[i].end };

      if (wanted != NULL && name != wanted)
        continue;
      if (!(per_rater = g_hash_table_lookup (by_label, name)))
        {
          per_rater = g_new0 (GArray *, n_raters);
          for (guint r = 0; r < n_raters; r++)
            per_rater[r] = g_array_new (FALSE, FALSE, sizeof (Unit));
          g_hash_table_insert (by_label, (gpointer) name, per_rater);
        }
      g_array_append_val (per_rater[units[i].rater], unit);
    }

  for (guint r = 0; r < n_raters; r++)
    raters[r] = r;

  g_hash_table_iter_init (&iter, by_label);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GArray **per_rater = value;
      Disagreement *d = g_new0 (Disagreement, 1);

      for (guint r = 0; r < n_raters; r++)
        {
          g_array_sort (per_rater[r], compare_units);
          filter_overlapping (per_rater[r]);
        }
      category_disagreement (per_rater, raters, n_raters, length, d);
      o += d->observed;
      e += d->expected;
      g_ptr_array_add (results, d);

      for (guint r = 0; r < n_raters; r++)
        g_array_unref (per_rater[r]);
      g_free (per_rater);
    }

  if (wanted != NULL)
    alpha = results->len > 0 ? category_alpha (results->pdata[0]) : NAN;
  else
    alpha = overall_alpha ((const Disagreement * const *) results->pdata, results->len);

  if (observed != NULL)
    *observed = results->len > 0 ? o / results->len : NAN;
  if (expected != NULL)
    *expected = results->len > 0 ? e / results->len : NAN;

  return alpha;
}

/* The agreement --------------------------------------------------------- */

static void
diff_free (AttestAgreeDiff *diff)
{
  g_free (diff->text);
  g_free (diff->counts);
  g_free (diff->speaker_a.text);
  g_free (diff->speaker_a.entity);
  g_free (diff->speaker_b.text);
  g_free (diff->speaker_b.entity);
  g_free (diff);
}

static void
doc_result_free (DocResult *doc)
{
  g_free (doc->name);
  g_ptr_array_unref (doc->diffs);
  g_free (doc);
}

static void
label_data_free (gpointer data)
{
  LabelData *label = data;

  for (guint i = 0; label->units != NULL && label->units[i] != NULL; i++)
    g_array_unref (label->units[i]);
  g_free (label->units);
  g_free (label->max_end);
  g_free (label->pairs);
  g_free (label->pair_alpha);
  g_free (label);
}

static void
span_clear (gpointer data)
{
  Span *span = data;

  g_free (span->speaker_text);
  g_free (span->entity_name);
  g_free (span->entity_key);
}

AttestAgreement *
attest_agreement_new (const char * const *annotators)
{
  AttestAgreement *self;

  g_return_val_if_fail (annotators != NULL && annotators[0] != NULL && annotators[1] != NULL, NULL);

  self = g_new0 (AttestAgreement, 1);
  self->annotators = g_strdupv ((char **) annotators);
  self->n_annotators = g_strv_length (self->annotators);
  self->n_pairs = self->n_annotators * (self->n_annotators - 1) / 2;
  self->pairs = g_new0 (PairData, self->n_pairs);
  self->labels = g_hash_table_new_full (NULL, NULL, NULL, label_data_free);
  self->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) doc_result_free);

  return self;
}

void
attest_agreement_free (AttestAgreement *self)
{
  if (self == NULL)
    return;

  g_strfreev (self->annotators);
  g_free (self->pairs);
  g_hash_table_unref (self->labels);
  g_free (self->sorted_labels);
  g_ptr_array_unref (self->documents);
  g_free (self);
}

static guint
pair_index (AttestAgreement *self,
            guint            a,
            guint            b)
{
  g_assert (a < b && b < self->n_annotators);

  return a * self->n_annotators - a * (a + 1) / 2 + (b - a - 1);
}

static LabelData *
lookup_label (AttestAgreement *self,
              const char      *name)
{
  LabelData *label = g_hash_table_lookup (self->labels, name);

  if (label != NULL)
    return label;

  label = g_new0 (LabelData, 1);
  label->label = name;
  label->units = g_new0 (GArray *, self->n_annotators + 1);
  for (guint i = 0; i < self->n_annotators; i++)
    label->units[i] = g_array_new (FALSE, FALSE, sizeof (Unit));
  label->max_end = g_new0 (guint64, self->n_annotators);
  label->pairs = g_new0 (PairCounts, self->n_pairs);
  label->pair_alpha = g_new0 (Disagreement, self->n_pairs);
  g_hash_table_insert (self->labels, (gpointer) name, label);
  g_clear_pointer (&self->sorted_labels, g_free);

  return label;
}

/* The same person whatever the case, the Unicode composition or the
 * spacing of the name. */
static char *
entity_key (const char *name)
{
  g_autofree char *composed = g_utf8_normalize (name, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  g_autofree char *folded = NULL;
  g_autofree char *recomposed = NULL;
  GString *key = g_string_new (NULL);

  if (composed == NULL)
    return g_string_free (key, FALSE);

  folded = g_utf8_casefold (composed, -1);
  recomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  for (const char *p = recomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          if (key->len > 0 && key->str[key->len - 1] != ' ')
            g_string_append_c (key, ' ');
        }
      else
        {
          g_string_append_unichar (key, c);
        }
    }
  if (key->len > 0 && key->str[key->len - 1] == ' ')
    g_string_truncate (key, key->len - 1);

  return g_string_free (key, FALSE);
}

/* Priority for a token's category: earliest, then outermost. */
static int
compare_spans_by_position (gconstpointer a,
                           gconstpointer b)
{
  const Span *sa = a;
  const Span *sb = b;

  if (sa->start != sb->start)
    return sa->start < sb->start ? -1 : 1;
  if (sa->end != sb->end)
    return sa->end > sb->end ? -1 : 1;

  return strcmp (sa->label->label, sb->label->label);
}

/* Runs of one label, each by position: for matching. */
static int
compare_spans_by_label (gconstpointer a,
                        gconstpointer b)
{
  const Span *sa = a;
  const Span *sb = b;
  int cmp = strcmp (sa->label->label, sb->label->label);

  if (cmp != 0)
    return cmp;
  if (sa->start != sb->start)
    return sa->start < sb->start ? -1 : 1;
  if (sa->end != sb->end)
    return sa->end < sb->end ? -1 : 1;

  return 0;
}

static GArray *
snapshot_spans (AttestAgreement *self,
                AttestDocument  *document)
{
  AttestSpanStore *store = attest_document_get_spans (document);
  AttestText *text = attest_document_get_text (document);
  const char *said_by = g_intern_static_string ("said-by");
  const char *quote = g_intern_static_string ("quote");
  g_autoptr(GHashTable) speakers = g_hash_table_new (g_str_hash, g_str_equal);
  GArray *spans = g_array_sized_new (FALSE, TRUE, sizeof (Span),
                                     attest_span_store_get_n_spans (store));

  g_array_set_clear_func (spans, span_clear);

  /* Relations are in id order: the first said-by from a quote wins. */
  for (guint i = 0; i < attest_document_get_n_relations (document); i++)
    {
      AttestRelation *relation = attest_document_get_relation (document, i);

      if (g_intern_string (relation->type) == said_by &&
          !g_hash_table_contains (speakers, relation->from))
        g_hash_table_insert (speakers, relation->from, relation->to);
    }

  for (AttestSpan *span = attest_span_store_get_first (store);
       span != NULL;
       span = attest_span_store_get_next (store, span))
    {
      Span s = { 0 };
      const char *to;
      AttestSpan *speaker;

      s.start = span->start;
      s.end = span->end;
      s.label = lookup_label (self, g_intern_string (span->label));

      if (s.label->label == quote &&
          (to = g_hash_table_lookup (speakers, span->id)) != NULL &&
          (speaker = attest_span_store_lookup (store, to)) != NULL)
        {
          AttestEntity *entity = speaker->entity != NULL
                                 ? attest_document_lookup_entity (document, speaker->entity) : NULL;

          s.has_speaker = TRUE;
          s.speaker_start = speaker->start;
          s.speaker_end = speaker->end;
          s.speaker_text = attest_text_slice (text, speaker->start, speaker->end);
          if (entity != NULL && entity->name != NULL && entity->name[0] != '\0')
            {
              s.entity_name = g_strdup (entity->name);
              s.entity_key = entity_key (entity->name);
            }
        }

      g_array_append_val (spans, s);
    }

  g_array_sort (spans, compare_spans_by_position);

  return spans;
}

/* Each token's label for one annotator (NULL: none): the span earliest
 * in position order among those overlapping it. */
static LabelData **
token_labels (GArray *spans,
              GArray *tokens,
              guint   length)
{
  g_autofree guint *paint = g_new (guint, MAX (length, 1));
  LabelData **labels = g_new0 (LabelData *, MAX (tokens->len, 1));

  memset (paint, 0xff, sizeof (guint) * MAX (length, 1));
  /* Painted from the last span to the first, so the first wins. */
  for (guint i = spans->len; i-- > 0;)
    {
      const Span *span = &g_array_index (spans, Span, i);

      for (guint p = span->start; p < span->end && p < length; p++)
        paint[p] = i;
    }

  for (guint t = 0; t < tokens->len; t++)
    {
      const AttestAgreeToken *token = &g_array_index (tokens, AttestAgreeToken, t);
      guint best = G_MAXUINT;

      for (guint p = token->start; p < token->end; p++)
        best = MIN (best, paint[p]);
      if (best != G_MAXUINT)
        labels[t] = g_array_index (spans, Span, best).label;
    }

  return labels;
}

static gboolean
ranges_overlap (guint a_start,
                guint a_end,
                guint b_start,
                guint b_end)
{
  return (a_start < b_end && b_start < a_end) || (a_start == b_start && a_end == b_end);
}

static gboolean
speakers_agree (const Span *qa,
                const Span *qb)
{
  if (!qa->has_speaker || !qb->has_speaker)
    return qa->has_speaker == qb->has_speaker;
  if (qa->entity_key != NULL && qb->entity_key != NULL)
    return strcmp (qa->entity_key, qb->entity_key) == 0;

  return ranges_overlap (qa->speaker_start, qa->speaker_end, qb->speaker_start, qb->speaker_end);
}

typedef struct
{
  guint ia;
  guint ib;
  guint overlap;
  guint distance;
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a;
  const Candidate *cb = b;

  if (ca->overlap != cb->overlap)
    return ca->overlap > cb->overlap ? -1 : 1;
  if (ca->distance != cb->distance)
    return ca->distance < cb->distance ? -1 : 1;
  if (ca->ia != cb->ia)
    return ca->ia < cb->ia ? -1 : 1;

  return (ca->ib > cb->ib) - (ca->ib < cb->ib);
}

static void
consider (GArray     *candidates,
          const Span *a,
          guint       ia,
          const Span *b,
          guint       ib)
{
  Candidate candidate;
  guint lo, hi;

  if (!ranges_overlap (a->start, a->end, b->start, b->end))
    return;

  lo = MAX (a->start, b->start);
  hi = MIN (a->end, b->end);
  candidate.ia = ia;
  candidate.ib = ib;
  candidate.overlap = hi > lo ? hi - lo : 0;
  candidate.distance = (a->start > b->start ? a->start - b->start : b->start - a->start) +
                       (a->end > b->end ? a->end - b->end : b->end - a->end);
  g_array_append_val (candidates, candidate);
}

/* Drops from @active (indices into @spans) those that end before @pos. */
static void
prune_active (GArray     *active,
              const Span *spans,
              guint       pos)
{
  guint kept = 0;

  for (guint k = 0; k < active->len; k++)
    {
      guint at = g_array_index (active, guint, k);

      if (spans[at].end >= pos)
        g_array_index (active, guint, kept++) = at;
    }
  g_array_set_size (active, kept);
}

/* One-to-one overlap matching of two runs of one label, each sorted by
 * start; appends matched index pairs to @matches. */
static void
match_overlaps (const Span *a,
                guint       n_a,
                const Span *b,
                guint       n_b,
                GArray     *matches)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GArray) active_a = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) active_b = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree gboolean *used_a = g_new0 (gboolean, n_a + 1);
  g_autofree gboolean *used_b = g_new0 (gboolean, n_b + 1);
  guint i = 0, j = 0;

  /* A sweep by start: each span meets the other side's spans still open. */
  while (i < n_a || j < n_b)
    {
      if (j >= n_b || (i < n_a && a[i].start <= b[j].start))
        {
          prune_active (active_b, b, a[i].start);
          for (guint k = 0; k < active_b->len; k++)
            consider (candidates, &a[i], i, &b[g_array_index (active_b, guint, k)],
                      g_array_index (active_b, guint, k));
          g_array_append_val (active_a, i);
          i++;
        }
      else
        {
          prune_active (active_a, a, b[j].start);
          for (guint k = 0; k < active_a->len; k++)
            consider (candidates, &a[g_array_index (active_a, guint, k)],
                      g_array_index (active_a, guint, k), &b[j], j);
          g_array_append_val (active_b, j);
          j++;
        }
    }

  g_array_sort (candidates, compare_candidates);
  for (guint k = 0; k < candidates->len; k++)
    {
      const Candidate *candidate = &g_array_index (candidates, Candidate, k);
      guint pair[2] = { candidate->ia, candidate->ib };

      if (used_a[candidate->ia] || used_b[candidate->ib])
        continue;
      used_a[candidate->ia] = used_b[candidate->ib] = TRUE;
      g_array_append_val (matches, pair);
    }
}

static void
speaker_copy (AttestAgreeSpeaker *to,
              const Span         *quote)
{
  if (!quote->has_speaker)
    return;

  to->text = g_strdup (quote->speaker_text);
  to->entity = g_strdup (quote->entity_name);
  to->start = quote->speaker_start;
  to->end = quote->speaker_end;
}

/* Exact and overlap matches, and attributions, of one pair in one
 * document. @sa and @sb are sorted by label. */
static void
compare_pair (AttestAgreement *self,
              AttestText      *text,
              guint            a,
              guint            b,
              GArray          *sa,
              GArray          *sb,
              GPtrArray       *diffs)
{
  const Span *as = (const Span *) (gpointer) sa->data;
  const Span *bs = (const Span *) (gpointer) sb->data;
  const char *quote = g_intern_static_string ("quote");
  guint pair = pair_index (self, a, b);
  guint i = 0, j = 0;

  while (i < sa->len || j < sb->len)
    {
      LabelData *label;
      PairCounts *counts;
      guint i_end = i, j_end = j, ii, jj;
      g_autoptr(GArray) matches = NULL;
      int cmp;

      if (i >= sa->len)
        cmp = 1;
      else if (j >= sb->len)
        cmp = -1;
      else
        cmp = strcmp (as[i].label->label, bs[j].label->label);
      label = cmp <= 0 ? as[i].label : bs[j].label;
      counts = &label->pairs[pair];

      while (i_end < sa->len && as[i_end].label == label)
        i_end++;
      while (j_end < sb->len && bs[j_end].label == label)
        j_end++;
      counts->n_a += i_end - i;
      counts->n_b += j_end - j;

      /* Exact: a merge of the two runs, one to one. */
      for (ii = i, jj = j; ii < i_end && jj < j_end;)
        {
          if (as[ii].start == bs[jj].start && as[ii].end == bs[jj].end)
            {
              counts->exact++;
              ii++;
              jj++;
            }
          else if (as[ii].start < bs[jj].start ||
                   (as[ii].start == bs[jj].start && as[ii].end < bs[jj].end))
            ii++;
          else
            jj++;
        }

      matches = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
      match_overlaps (as + i, i_end - i, bs + j, j_end - j, matches);
      counts->overlap += matches->len;

      for (guint k = 0; label->label == quote && k < matches->len; k++)
        {
          const guint *match = &g_array_index (matches, guint, 2 * k);
          const Span *qa = &as[i + match[0]];
          const Span *qb = &bs[j + match[1]];
          AttestAgreeDiff *diff;

          self->pairs[pair].quotes_matched++;
          if (speakers_agree (qa, qb))
            {
              self->pairs[pair].quotes_agreeing++;
              continue;
            }

          diff = g_new0 (AttestAgreeDiff, 1);
          diff->kind = ATTEST_AGREE_DIFF_ATTRIBUTION;
          diff->label = quote;
          diff->start = qa->start;
          diff->end = qa->end;
          diff->text = attest_text_slice (text, qa->start, qa->end);
          diff->a = a;
          diff->b = b;
          diff->b_start = qb->start;
          diff->b_end = qb->end;
          speaker_copy (&diff->speaker_a, qa);
          speaker_copy (&diff->speaker_b, qb);
          g_ptr_array_add (diffs, diff);
        }

      i = i_end;
      j = j_end;
    }
}

/* Spans not every annotator has, by a merge of everyone's spans sorted
 * by label. */
static void
collect_span_diffs (AttestAgreement  *self,
                    AttestText       *text,
                    GArray          **by_label,
                    GPtrArray        *diffs)
{
  guint n = self->n_annotators;
  g_autofree guint *pos = g_new0 (guint, n);
  g_autofree guint *counts = g_new0 (guint, n);

  for (;;)
    {
      const Span *least = NULL;
      gboolean same = TRUE;

      for (guint r = 0; r < n; r++)
        {
          const Span *head = pos[r] < by_label[r]->len ? &g_array_index (by_label[r], Span, pos[r]) : NULL;

          if (head != NULL && (least == NULL || compare_spans_by_label (head, least) < 0))
            least = head;
        }
      if (least == NULL)
        break;

      for (guint r = 0; r < n; r++)
        {
          counts[r] = 0;
          while (pos[r] < by_label[r]->len &&
                 compare_spans_by_label (&g_array_index (by_label[r], Span, pos[r]), least) == 0)
            {
              counts[r]++;
              pos[r]++;
            }
        }
      for (guint r = 1; r < n; r++)
        same &= counts[r] == counts[0];

      if (!same)
        {
          /* @least still points into its array: only pos[] moved. */
          AttestAgreeDiff *diff = g_new0 (AttestAgreeDiff, 1);

          diff->kind = ATTEST_AGREE_DIFF_SPAN;
          diff->label = least->label->label;
          diff->start = least->start;
          diff->end = least->end;
          diff->text = attest_text_slice (text, least->start, least->end);
          diff->counts = g_memdup2 (counts, sizeof (guint) * n);
          g_ptr_array_add (diffs, diff);
        }
    }
}

static int
compare_diffs (gconstpointer a,
               gconstpointer b)
{
  const AttestAgreeDiff *da = *(const AttestAgreeDiff * const *) a;
  const AttestAgreeDiff *db = *(const AttestAgreeDiff * const *) b;
  int cmp;

  if (da->start != db->start)
    return da->start < db->start ? -1 : 1;
  if (da->end != db->end)
    return da->end > db->end ? -1 : 1;
  if (da->kind != db->kind)
    return da->kind < db->kind ? -1 : 1;
  if ((cmp = strcmp (da->label, db->label)) != 0)
    return cmp;
  if (da->a != db->a)
    return da->a < db->a ? -1 : 1;

  return (da->b > db->b) - (da->b < db->b);
}

/* The units alpha-U sees: the spans in position order (UIMA's), less
 * those overlapping an earlier one of the same label. */
static void
add_units (AttestAgreement *self,
           guint            annotator,
           GArray          *spans)
{
  for (guint k = 0; k < spans->len; k++)
    {
      const Span *span = &g_array_index (spans, Span, k);
      LabelData *label = span->label;
      Unit unit = { self->length + span->start, self->length + span->end };

      if (label->units[annotator]->len == 0 || label->max_end[annotator] <= unit.start)
        g_array_append_val (label->units[annotator], unit);
      label->max_end[annotator] = MAX (label->max_end[annotator], unit.end);
    }
}

gboolean
attest_agreement_add_document (AttestAgreement  *self,
                               const char       *name,
                               AttestDocument  **documents,
                               GError          **error)
{
  guint n = self->n_annotators;
  AttestText *text;
  const char *sha256;
  g_autoptr(GArray) tokens = NULL;
  g_autoptr(GPtrArray) by_position = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) by_label = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) token_cats = g_ptr_array_new_with_free_func (g_free);
  DocResult *doc;
  guint length;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (name != NULL && documents != NULL, FALSE);
  g_return_val_if_fail (!self->alpha_done, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = attest_document_get_text (documents[0]);
  sha256 = attest_text_get_sha256 (text);
  for (guint r = 1; r < n; r++)
    {
      if (strcmp (attest_text_get_sha256 (attest_document_get_text (documents[r])), sha256) != 0)
        {
          /* TRANSLATORS: "story.txt: the text differs between ana and ben" */
          g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_INVALID,
                       _("%s: the text differs between %s and %s"),
                       name, self->annotators[0], self->annotators[r]);
          return FALSE;
        }
    }

  length = attest_text_get_length (text);
  tokens = attest_agree_tokenize (text);

  for (guint r = 0; r < n; r++)
    {
      GArray *spans = snapshot_spans (self, documents[r]);
      GArray *sorted = g_array_sized_new (FALSE, FALSE, sizeof (Span), spans->len);

      /* A shallow copy: the strings stay owned by @spans. */
      g_array_append_vals (sorted, spans->data, spans->len);
      g_array_sort (sorted, compare_spans_by_label);
      g_ptr_array_add (by_position, spans);
      g_ptr_array_add (by_label, sorted);
      g_ptr_array_add (token_cats, token_labels (spans, tokens, length));
      add_units (self, r, spans);
    }

  doc = g_new0 (DocResult, 1);
  doc->name = g_strdup (name);
  doc->diffs = g_ptr_array_new_with_free_func ((GDestroyNotify) diff_free);

  for (guint a = 0; a < n; a++)
    for (guint b = a + 1; b < n; b++)
      {
        guint pair = pair_index (self, a, b);
        LabelData **ca = token_cats->pdata[a];
        LabelData **cb = token_cats->pdata[b];
        PairData *data = &self->pairs[pair];

        compare_pair (self, text, a, b, by_label->pdata[a], by_label->pdata[b], doc->diffs);

        for (guint t = 0; t < tokens->len; t++)
          {
            if (ca[t] != NULL)
              ca[t]->pairs[pair].tokens_a++;
            else
              data->none_a++;
            if (cb[t] != NULL)
              cb[t]->pairs[pair].tokens_b++;
            else
              data->none_b++;
            if (ca[t] == cb[t])
              {
                if (ca[t] != NULL)
                  ca[t]->pairs[pair].tokens_both++;
                else
                  data->none_both++;
              }
          }
      }

  collect_span_diffs (self, text, (GArray **) by_label->pdata, doc->diffs);
  g_ptr_array_sort (doc->diffs, compare_diffs);
  g_ptr_array_add (self->documents, doc);

  self->length += length;
  self->n_tokens += tokens->len;

  return TRUE;
}

/* Queries ----------------------------------------------------------------- */

guint
attest_agreement_get_n_annotators (AttestAgreement *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_annotators;
}

const char *
attest_agreement_get_annotator (AttestAgreement *self,
                                guint            annotator)
{
  g_return_val_if_fail (self != NULL && annotator < self->n_annotators, NULL);

  return self->annotators[annotator];
}

guint
attest_agreement_get_n_documents (AttestAgreement *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->documents->len;
}

const char *
attest_agreement_get_document_name (AttestAgreement *self,
                                    guint            document)
{
  g_return_val_if_fail (self != NULL && document < self->documents->len, NULL);

  return ((DocResult *) self->documents->pdata[document])->name;
}

guint64
attest_agreement_get_n_tokens (AttestAgreement *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_tokens;
}

static int
compare_label_names (gconstpointer a,
                     gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

const char * const *
attest_agreement_get_labels (AttestAgreement *self)
{
  GHashTableIter iter;
  gpointer key;
  guint n = 0;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->sorted_labels != NULL)
    return self->sorted_labels;

  self->sorted_labels = g_new0 (const char *, g_hash_table_size (self->labels) + 1);
  g_hash_table_iter_init (&iter, self->labels);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    self->sorted_labels[n++] = key;
  qsort (self->sorted_labels, n, sizeof (const char *), compare_label_names);

  return self->sorted_labels;
}

guint
attest_agreement_get_n_pairs (AttestAgreement *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_pairs;
}

void
attest_agreement_get_pair (AttestAgreement *self,
                           guint            pair,
                           guint           *a,
                           guint           *b)
{
  g_return_if_fail (self != NULL && pair < self->n_pairs);

  for (guint i = 0; i < self->n_annotators; i++)
    for (guint j = i + 1; j < self->n_annotators; j++)
      if (pair_index (self, i, j) == pair)
        {
          if (a != NULL)
            *a = i;
          if (b != NULL)
            *b = j;
          return;
        }
}

/* Alpha-U is computed once, when first asked: the continuum must be
 * complete. */
static void
ensure_alpha (AttestAgreement *self)
{
  g_autofree guint *all = NULL;
  GHashTableIter iter;
  gpointer value;

  if (self->alpha_done)
    return;
  self->alpha_done = TRUE;

  all = g_new (guint, self->n_annotators);
  for (guint r = 0; r < self->n_annotators; r++)
    all[r] = r;

  g_hash_table_iter_init (&iter, self->labels);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      LabelData *label = value;

      for (guint a = 0; a < self->n_annotators; a++)
        for (guint b = a + 1; b < self->n_annotators; b++)
          {
            guint raters[2] = { a, b };

            category_disagreement (label->units, raters, 2, self->length,
                                   &label->pair_alpha[pair_index (self, a, b)]);
          }
      category_disagreement (label->units, all, self->n_annotators, self->length,
                             &label->all_alpha);
    }
}

static void
fill_match (AttestAgreeMatch *match,
            guint             matched,
            guint             n_a,
            guint             n_b)
{
  match->matched = matched;
  match->n_a = n_a;
  match->n_b = n_b;
  match->precision = n_b > 0 ? (double) matched / n_b : NAN;
  match->recall = n_a > 0 ? (double) matched / n_a : NAN;
  match->f1 = n_a + n_b > 0 ? 2.0 * matched / (n_a + n_b) : NAN;
}

static void
pair_scores (AttestAgreement   *self,
             guint              pair,
             LabelData         *only,
             AttestAgreeScores *scores)
{
  const char * const *labels = attest_agreement_get_labels (self);
  guint n_labels = g_strv_length ((char **) labels);
  g_autofree const Disagreement **ds = g_new0 (const Disagreement *, n_labels + 1);
  guint exact = 0, overlap = 0, n_a = 0, n_b = 0, n_ds = 0;
  double n = (double) self->n_tokens;
  double observed = 0.0, expected = 0.0;
  const PairData *data = &self->pairs[pair];

  ensure_alpha (self);

  if (only != NULL)
    {
      const PairCounts *c = &only->pairs[pair];

      fill_match (&scores->exact, c->exact, c->n_a, c->n_b);
      fill_match (&scores->overlap, c->overlap, c->n_a, c->n_b);
      /* This label or not. */
      if (n > 0)
        {
          double ya = c->tokens_a, yb = c->tokens_b;

          observed = (c->tokens_both + (n - ya - yb + c->tokens_both)) / n;
          expected = (ya / n) * (yb / n) + ((n - ya) / n) * ((n - yb) / n);
        }
      scores->kappa = n > 0 ? kappa_from (observed, expected) : NAN;
      scores->alpha_u = category_alpha (&only->pair_alpha[pair]);
      return;
    }

  for (guint k = 0; k < n_labels; k++)
    {
      LabelData *label = g_hash_table_lookup (self->labels, labels[k]);
      const PairCounts *c = &label->pairs[pair];

      exact += c->exact;
      overlap += c->overlap;
      n_a += c->n_a;
      n_b += c->n_b;
      if (n > 0)
        {
          observed += c->tokens_both / n;
          expected += (c->tokens_a / n) * (c->tokens_b / n);
        }
      ds[n_ds++] = &label->pair_alpha[pair];
    }
  if (n > 0)
    {
      observed += data->none_both / n;
      expected += (data->none_a / n) * (data->none_b / n);
    }

  fill_match (&scores->exact, exact, n_a, n_b);
  fill_match (&scores->overlap, overlap, n_a, n_b);
  scores->kappa = n > 0 ? kappa_from (observed, expected) : NAN;
  scores->alpha_u = overall_alpha (ds, n_ds);
}

/* The mean of the defined values among @n. */
static double
mean_of (const double *values,
         guint         n)
{
  double sum = 0.0;
  guint count = 0;

  for (guint i = 0; i < n; i++)
    {
      if (isnan (values[i]))
        continue;
      sum += values[i];
      count++;
    }

  return count > 0 ? sum / count : NAN;
}

void
attest_agreement_get_scores (AttestAgreement   *self,
                             guint              pair,
                             const char        *label,
                             AttestAgreeScores *scores)
{
  LabelData *only = NULL;
  g_autofree AttestAgreeScores *all = NULL;
  g_autofree double *values = NULL;

  g_return_if_fail (self != NULL && scores != NULL);
  g_return_if_fail (pair < self->n_pairs || pair == ATTEST_AGREE_MEAN);

  memset (scores, 0, sizeof *scores);
  if (label != NULL && !(only = g_hash_table_lookup (self->labels, g_intern_string (label))))
    {
      /* Nobody used it: nothing is defined. */
      scores->exact.precision = scores->exact.recall = scores->exact.f1 = NAN;
      scores->overlap = scores->exact;
      scores->kappa = scores->alpha_u = NAN;
      return;
    }

  if (pair != ATTEST_AGREE_MEAN)
    {
      pair_scores (self, pair, only, scores);
      return;
    }

  all = g_new0 (AttestAgreeScores, self->n_pairs);
  values = g_new0 (double, self->n_pairs);
  for (guint p = 0; p < self->n_pairs; p++)
    pair_scores (self, p, only, &all[p]);

#define MEAN_OF(field) \
  G_STMT_START { \
    for (guint p = 0; p < self->n_pairs; p++) \
      values[p] = all[p].field; \
    scores->field = mean_of (values, self->n_pairs); \
  } G_STMT_END

  MEAN_OF (exact.precision);
  MEAN_OF (exact.recall);
  MEAN_OF (exact.f1);
  MEAN_OF (overlap.precision);
  MEAN_OF (overlap.recall);
  MEAN_OF (overlap.f1);
  MEAN_OF (kappa);
  MEAN_OF (alpha_u);

#undef MEAN_OF
}

double
attest_agreement_get_alpha_u (AttestAgreement *self,
                              const char      *label)
{
  const char * const *labels;
  g_autofree const Disagreement **ds = NULL;
  guint n = 0;
  LabelData *only;

  g_return_val_if_fail (self != NULL, NAN);

  ensure_alpha (self);

  if (label != NULL)
    {
      only = g_hash_table_lookup (self->labels, g_intern_string (label));
      return only != NULL ? category_alpha (&only->all_alpha) : NAN;
    }

  labels = attest_agreement_get_labels (self);
  ds = g_new0 (const Disagreement *, g_hash_table_size (self->labels) + 1);
  for (guint k = 0; labels[k] != NULL; k++)
    ds[n++] = &((LabelData *) g_hash_table_lookup (self->labels, labels[k]))->all_alpha;

  return overall_alpha (ds, n);
}

void
attest_agreement_get_attribution (AttestAgreement        *self,
                                  guint                   pair,
                                  AttestAgreeAttribution *attribution)
{
  g_autofree double *values = NULL;

  g_return_if_fail (self != NULL && attribution != NULL);
  g_return_if_fail (pair < self->n_pairs || pair == ATTEST_AGREE_MEAN);

  memset (attribution, 0, sizeof *attribution);
  if (pair != ATTEST_AGREE_MEAN)
    {
      const PairData *data = &self->pairs[pair];

      attribution->matched = data->quotes_matched;
      attribution->agreeing = data->quotes_agreeing;
      attribution->accuracy = data->quotes_matched > 0
                              ? (double) data->quotes_agreeing / data->quotes_matched : NAN;
      return;
    }

  values = g_new0 (double, self->n_pairs);
  for (guint p = 0; p < self->n_pairs; p++)
    {
      const PairData *data = &self->pairs[p];

      values[p] = data->quotes_matched > 0
                  ? (double) data->quotes_agreeing / data->quotes_matched : NAN;
    }
  attribution->accuracy = mean_of (values, self->n_pairs);
}

GPtrArray *
attest_agreement_get_differences (AttestAgreement *self,
                                  guint            document)
{
  g_return_val_if_fail (self != NULL && document < self->documents->len, NULL);

  return ((DocResult *) self->documents->pdata[document])->diffs;
}
