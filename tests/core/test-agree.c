/* test-agree.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "attest-core.h"

#define EPSILON 1e-9

/* Helpers ----------------------------------------------------------------- */

static AttestDocument *
document_new (const char *utf8)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestText) text = attest_text_new (utf8, -1, &error);

  g_assert_no_error (error);

  return attest_document_new (text);
}

static void
add_span (AttestDocument *document,
          const char     *id,
          const char     *label,
          guint           start,
          guint           end,
          const char     *entity)
{
  g_autoptr(GError) error = NULL;
  AttestSpan *span = attest_span_new (id, label, start, end);

  span->entity = g_strdup (entity);
  g_assert_true (attest_document_add_span (document, span, &error));
  g_assert_no_error (error);
}

static void
add_entity (AttestDocument *document,
            const char     *id,
            const char     *name)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (attest_document_add_entity (document, attest_entity_new (id, name, "person"), &error));
  g_assert_no_error (error);
}

static void
add_said_by (AttestDocument *document,
             const char     *id,
             const char     *from,
             const char     *to)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (attest_document_add_relation (document,
                                               attest_relation_new (id, "said-by", from, to),
                                               &error));
  g_assert_no_error (error);
}

static AttestAgreement *
agreement_of (guint            n,
              AttestDocument **documents)
{
  static const char *names[] = { "ana", "ben", "chloe", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree const char **annotators = g_new0 (const char *, n + 1);
  AttestAgreement *agreement;

  for (guint i = 0; i < n; i++)
    annotators[i] = names[i];
  agreement = attest_agreement_new (annotators);
  g_assert_true (attest_agreement_add_document (agreement, "doc.txt", documents, &error));
  g_assert_no_error (error);

  return agreement;
}

static void
assert_match (const AttestAgreeMatch *match,
              guint                   matched,
              guint                   n_a,
              guint                   n_b,
              double                  precision,
              double                  recall,
              double                  f1)
{
  g_assert_cmpuint (match->matched, ==, matched);
  g_assert_cmpuint (match->n_a, ==, n_a);
  g_assert_cmpuint (match->n_b, ==, n_b);
  g_assert_cmpfloat_with_epsilon (match->precision, precision, EPSILON);
  g_assert_cmpfloat_with_epsilon (match->recall, recall, EPSILON);
  g_assert_cmpfloat_with_epsilon (match->f1, f1, EPSILON);
}

/* Tokens ------------------------------------------------------------------ */

static void
test_tokenize (void)
{
  /* "Hello, world! 👷‍♀️ 🇫🇷 東京で don't e◌́t\tend" */
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestText) text =
    attest_text_new ("Hello, world! \xf0\x9f\x91\xb7\xe2\x80\x8d\xe2\x99\x80\xef\xb8\x8f "
                     "\xf0\x9f\x87\xab\xf0\x9f\x87\xb7 \xe6\x9d\xb1\xe4\xba\xac\xe3\x81\xa7 "
                     "don't e\xcc\x81t\tend", -1, &error);
  static const AttestAgreeToken expected[] = {
    { 0, 5 }, { 5, 6 }, { 7, 12 }, { 12, 13 },
    { 14, 18 },                     /* worker, ZWJ, female sign, VS16: one */
    { 19, 21 },                     /* two regional indicators: one flag */
    { 22, 23 }, { 23, 24 }, { 24, 25 },   /* CJK: one character each */
    { 26, 29 }, { 29, 30 }, { 30, 31 },   /* don ' t */
    { 32, 35 },                     /* e, combining acute, t: one word */
    { 36, 39 },
  };
  g_autoptr(GArray) tokens = NULL;

  g_assert_no_error (error);
  tokens = attest_agree_tokenize (text);
  g_assert_cmpuint (tokens->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < tokens->len; i++)
    {
      g_assert_cmpuint (g_array_index (tokens, AttestAgreeToken, i).start, ==, expected[i].start);
      g_assert_cmpuint (g_array_index (tokens, AttestAgreeToken, i).end, ==, expected[i].end);
    }
}

/* Matching ---------------------------------------------------------------- */

static void
test_exact_and_overlap (void)
{
  const char *text = "0123456789012345678901234567890123456789";
  g_autoptr(AttestDocument) a = document_new (text);
  g_autoptr(AttestDocument) b = document_new (text);
  g_autoptr(AttestAgreement) agreement = NULL;
  AttestAgreeScores scores;

  /* a (the reference): x [0,5), y [10,20)
   * b:                 x [0,5), y [12,20), x [30,35) */
  add_span (a, "s1", "x", 0, 5, NULL);
  add_span (a, "s2", "y", 10, 20, NULL);
  add_span (b, "s1", "x", 0, 5, NULL);
  add_span (b, "s2", "y", 12, 20, NULL);
  add_span (b, "s3", "x", 30, 35, NULL);
  agreement = agreement_of (2, (AttestDocument *[]) { a, b });

  /* Exact: only x [0,5) matches. P = 1/3, R = 1/2, F1 = 2·1/(2+3) = 0.4.
   * Overlap: x [0,5) and y [10,20)~[12,20). P = 2/3, R = 2/2, F1 = 4/5. */
  attest_agreement_get_scores (agreement, 0, NULL, &scores);
  assert_match (&scores.exact, 1, 2, 3, 1.0 / 3, 0.5, 0.4);
  assert_match (&scores.overlap, 2, 2, 3, 2.0 / 3, 1.0, 0.8);

  /* x: 1 of a's 1, 1 of b's 2: P 1/2, R 1, F1 2/3, overlap the same. */
  attest_agreement_get_scores (agreement, 0, "x", &scores);
  assert_match (&scores.exact, 1, 1, 2, 0.5, 1.0, 2.0 / 3);
  assert_match (&scores.overlap, 1, 1, 2, 0.5, 1.0, 2.0 / 3);

  /* y: no exact match; by overlap, everything. */
  attest_agreement_get_scores (agreement, 0, "y", &scores);
  assert_match (&scores.exact, 0, 1, 1, 0.0, 0.0, 0.0);
  assert_match (&scores.overlap, 1, 1, 1, 1.0, 1.0, 1.0);

  /* A label nobody used is undefined, not zero. */
  attest_agreement_get_scores (agreement, 0, "nobody", &scores);
  g_assert_true (isnan (scores.exact.f1) && isnan (scores.kappa) && isnan (scores.alpha_u));

  g_assert_cmpstrv (attest_agreement_get_labels (agreement), ((const char *[]) { "x", "y", NULL }));
}

/* Greedy by the largest overlap: which quote is matched shows in whether
 * the attribution agrees. */
static void
test_overlap_greedy (void)
{
  const char *text = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN";
  g_autoptr(AttestDocument) a = document_new (text);
  g_autoptr(AttestDocument) b = document_new (text);
  g_autoptr(AttestAgreement) agreement = NULL;
  AttestAgreeScores scores;
  AttestAgreeAttribution attribution;

  /* a's quote [0,10) by Zoë Okafor; b has [0,4) (overlap 4) by someone
   * else and [3,10) (overlap 7) by "  zoë   OKAFOR " written with a
   * combining diaeresis: the same name once folded and composed. */
  add_entity (a, "e1", "Zo\xc3\xab Okafor");
  add_span (a, "s1", "quote", 0, 10, NULL);
  add_span (a, "s2", "speaker", 30, 33, "e1");
  add_said_by (a, "r1", "s1", "s2");

  add_entity (b, "e1", "Someone Else");
  add_entity (b, "e2", "  zoe\xcc\x88   OKAFOR ");
  add_span (b, "s1", "quote", 0, 4, NULL);
  add_span (b, "s2", "quote", 3, 10, NULL);
  add_span (b, "s3", "speaker", 35, 38, "e1");
  add_span (b, "s4", "speaker", 30, 33, "e2");
  add_said_by (b, "r1", "s1", "s3");
  add_said_by (b, "r2", "s2", "s4");

  agreement = agreement_of (2, (AttestDocument *[]) { a, b });

  attest_agreement_get_attribution (agreement, 0, &attribution);
  g_assert_cmpuint (attribution.matched, ==, 1);
  g_assert_cmpuint (attribution.agreeing, ==, 1);
  g_assert_cmpfloat_with_epsilon (attribution.accuracy, 1.0, EPSILON);

  /* quote: 0 exact; 1 overlap of a's 1 and b's 2: P 1/2, R 1, F1 2/3. */
  attest_agreement_get_scores (agreement, 0, "quote", &scores);
  assert_match (&scores.exact, 0, 1, 2, 0.0, 0.0, 0.0);
  assert_match (&scores.overlap, 1, 1, 2, 0.5, 1.0, 2.0 / 3);
}

static void
test_overlap_chain (void)
{
  const char *text = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN";
  g_autoptr(AttestDocument) a = document_new (text);
  g_autoptr(AttestDocument) b = document_new (text);
  g_autoptr(AttestAgreement) agreement = NULL;
  AttestAgreeAttribution attribution;

  /* a: [0,10) by [30,32), [8,20) by [34,36); b: [5,15) by [34,37), no
   * entities. [8,20)~[5,15) overlap 7 beats [0,10)~[5,15) overlap 5, and
   * the speaker spans [34,36) and [34,37) overlap: they agree. Taking
   * the first of a's quotes instead would disagree. */
  add_span (a, "s1", "quote", 0, 10, NULL);
  add_span (a, "s2", "quote", 8, 20, NULL);
  add_span (a, "s3", "speaker", 30, 32, NULL);
  add_span (a, "s4", "speaker", 34, 36, NULL);
  add_said_by (a, "r1", "s1", "s3");
  add_said_by (a, "r2", "s2", "s4");
  add_span (b, "s1", "quote", 5, 15, NULL);
  add_span (b, "s2", "speaker", 34, 37, NULL);
  add_said_by (b, "r1", "s1", "s2");

  agreement = agreement_of (2, (AttestDocument *[]) { a, b });
  attest_agreement_get_attribution (agreement, 0, &attribution);
  g_assert_cmpuint (attribution.matched, ==, 1);
  g_assert_cmpuint (attribution.agreeing, ==, 1);
}

/* Attribution rules and the differences to adjudicate. */
static void
test_attribution_and_diff (void)
{
  const char *text = "0123456789012345678901234567890123456789012345678901234567890";
  g_autoptr(AttestDocument) a = document_new (text);
  g_autoptr(AttestDocument) b = document_new (text);
  g_autoptr(AttestAgreement) agreement = NULL;
  AttestAgreeAttribution attribution;
  GPtrArray *diffs;
  const AttestAgreeDiff *diff;

  /* q1 [0,5):   neither has a speaker             -> agree
   * q2 [10,15): a [40,43) no entity, b [41,44) Cy -> spans overlap: agree
   * q3 [20,25): a [45,48) Ana, b none             -> disagree
   * q4 [30,35): a [50,53) Ben, b [50,53) Bob      -> names differ: disagree */
  add_entity (a, "e1", "Ana");
  add_entity (a, "e2", "Ben");
  add_span (a, "q1", "quote", 0, 5, NULL);
  add_span (a, "q2", "quote", 10, 15, NULL);
  add_span (a, "q3", "quote", 20, 25, NULL);
  add_span (a, "q4", "quote", 30, 35, NULL);
  add_span (a, "p2", "speaker", 40, 43, NULL);
  add_span (a, "p3", "speaker", 45, 48, "e1");
  add_span (a, "p4", "speaker", 50, 53, "e2");
  add_said_by (a, "r2", "q2", "p2");
  add_said_by (a, "r3", "q3", "p3");
  add_said_by (a, "r4", "q4", "p4");

  add_entity (b, "e1", "Cy");
  add_entity (b, "e2", "Bob");
  add_span (b, "q1", "quote", 0, 5, NULL);
  add_span (b, "q2", "quote", 10, 15, NULL);
  add_span (b, "q3", "quote", 20, 25, NULL);
  add_span (b, "q4", "quote", 30, 35, NULL);
  add_span (b, "p2", "speaker", 41, 44, "e1");
  add_span (b, "p4", "speaker", 50, 53, "e2");
  add_said_by (b, "r2", "q2", "p2");
  add_said_by (b, "r4", "q4", "p4");

  agreement = agreement_of (2, (AttestDocument *[]) { a, b });

  /* 4 matched, 2 agree: accuracy 0.5. */
  attest_agreement_get_attribution (agreement, 0, &attribution);
  g_assert_cmpuint (attribution.matched, ==, 4);
  g_assert_cmpuint (attribution.agreeing, ==, 2);
  g_assert_cmpfloat_with_epsilon (attribution.accuracy, 0.5, EPSILON);

  /* In document order: the two attributions (q3, q4), then the speaker
   * spans only one of them has: [40,43) a, [41,44) b, [45,48) a. */
  g_assert_cmpuint (attest_agreement_get_n_documents (agreement), ==, 1);
  g_assert_cmpstr (attest_agreement_get_document_name (agreement, 0), ==, "doc.txt");
  diffs = attest_agreement_get_differences (agreement, 0);
  g_assert_cmpuint (diffs->len, ==, 5);

  diff = diffs->pdata[0];
  g_assert_cmpint (diff->kind, ==, ATTEST_AGREE_DIFF_ATTRIBUTION);
  g_assert_cmpuint (diff->start, ==, 20);
  g_assert_cmpstr (diff->text, ==, "01234");
  g_assert_cmpstr (diff->speaker_a.text, ==, "567");
  g_assert_cmpstr (diff->speaker_a.entity, ==, "Ana");
  g_assert_null (diff->speaker_b.text);
  g_assert_cmpuint (diff->a, ==, 0);
  g_assert_cmpuint (diff->b, ==, 1);

  diff = diffs->pdata[1];
  g_assert_cmpint (diff->kind, ==, ATTEST_AGREE_DIFF_ATTRIBUTION);
  g_assert_cmpuint (diff->start, ==, 30);
  g_assert_cmpuint (diff->b_start, ==, 30);
  g_assert_cmpstr (diff->speaker_a.entity, ==, "Ben");
  g_assert_cmpstr (diff->speaker_b.entity, ==, "Bob");

  diff = diffs->pdata[2];
  g_assert_cmpint (diff->kind, ==, ATTEST_AGREE_DIFF_SPAN);
  g_assert_cmpstr (diff->label, ==, "speaker");
  g_assert_cmpuint (diff->start, ==, 40);
  g_assert_cmpuint (diff->end, ==, 43);
  g_assert_cmpstr (diff->text, ==, "012");
  g_assert_cmpuint (diff->counts[0], ==, 1);
  g_assert_cmpuint (diff->counts[1], ==, 0);

  diff = diffs->pdata[3];
  g_assert_cmpuint (diff->start, ==, 41);
  g_assert_cmpuint (diff->counts[0], ==, 0);
  g_assert_cmpuint (diff->counts[1], ==, 1);

  diff = diffs->pdata[4];
  g_assert_cmpuint (diff->start, ==, 45);
  g_assert_cmpuint (diff->counts[0], ==, 1);
}

/* Kappa ------------------------------------------------------------------ */

static void
test_kappa (void)
{
  g_autoptr(AttestDocument) a = document_new ("w x y z");
  g_autoptr(AttestDocument) b = document_new ("w x y z");
  g_autoptr(AttestAgreement) agreement = NULL;
  static const char *ca[] = { NULL, "quote", "quote", NULL };
  static const char *cb[] = { NULL, "quote", NULL, "fact" };
  AttestAgreeScores scores;

  /* Tokens w x y z; a: quote on x and y; b: quote on x, fact on z.
   *   a: O q q O     b: O q O f
   * p_o = 2/4 (w, x)
   * p_e = (O: 2·2 + q: 2·1 + f: 0·1) / 16 = 6/16
   * κ = (0.5 - 0.375) / (1 - 0.375) = 0.2 (DKPro's CohenKappaAgreement
   * on the same four items says 0.2 too). */
  add_span (a, "s1", "quote", 2, 5, NULL);
  add_span (b, "s1", "quote", 2, 3, NULL);
  add_span (b, "s2", "fact", 6, 7, NULL);
  agreement = agreement_of (2, (AttestDocument *[]) { a, b });

  g_assert_cmpuint (attest_agreement_get_n_tokens (agreement), ==, 4);
  attest_agreement_get_scores (agreement, 0, NULL, &scores);
  g_assert_cmpfloat_with_epsilon (scores.kappa, 0.2, EPSILON);
  g_assert_cmpfloat_with_epsilon (attest_agree_cohen_kappa (ca, cb, 4), 0.2, EPSILON);

  /* quote or not: a {x, y}, b {x}: p_o = 3/4,
   * p_e = (2/4)(1/4) + (2/4)(3/4) = 0.5, κ = 0.25 / 0.5 = 0.5. */
  attest_agreement_get_scores (agreement, 0, "quote", &scores);
  g_assert_cmpfloat_with_epsilon (scores.kappa, 0.5, EPSILON);

  /* fact or not: a {}, b {z}: p_o = 3/4, p_e = 0·(1/4) + 1·(3/4): κ = 0. */
  attest_agreement_get_scores (agreement, 0, "fact", &scores);
  g_assert_cmpfloat_with_epsilon (scores.kappa, 0.0, EPSILON);

  /* One category everywhere: undefined. */
  g_assert_true (isnan (attest_agree_cohen_kappa (cb, cb, 1)));
}

static void
test_kappa_outermost (void)
{
  g_autoptr(AttestDocument) a = document_new ("w x y z");
  g_autoptr(AttestDocument) b = document_new ("w x y z");
  g_autoptr(AttestAgreement) agreement = NULL;
  AttestAgreeScores scores;

  /* a: fact "w x y" holding quote "x": x counts as fact (earliest,
   * outermost). b: fact "x y z".
   *   a: f f f O     b: O f f f
   * p_o = 2/4; p_e = (f: 3·3 + O: 1·1) / 16 = 10/16;
   * κ = (0.5 - 0.625) / 0.375 = -1/3. */
  add_span (a, "s1", "fact", 0, 5, NULL);
  add_span (a, "s2", "quote", 2, 3, NULL);
  add_span (b, "s1", "fact", 2, 7, NULL);
  agreement = agreement_of (2, (AttestDocument *[]) { a, b });

  attest_agreement_get_scores (agreement, 0, NULL, &scores);
  g_assert_cmpfloat_with_epsilon (scores.kappa, -1.0 / 3, EPSILON);
  /* a's quote is hidden under the fact and b has none: every token is
   * "not quote" for both, p_o = p_e = 1: undefined. */
  attest_agreement_get_scores (agreement, 0, "quote", &scores);
  g_assert_true (isnan (scores.kappa));
}

/* Alpha-U ----------------------------------------------------------------- */

static void
test_alpha_hand (void)
{
  /* L = 10; rater 0: X [0,4); rater 1: X [2,6).
   *
   * D_o: the segments that meet, walking both:
   *   r0 [0,4) unit vs r1 [0,2) gap: the unit is not inside the gap: 0
   *   r0 [0,4) vs r1 [2,6) units: begin diff -2, end diff -2: 4 + 4 = 8
   *   r0 [4,10) gap vs r1 [2,6): not inside: 0
   *   D_o = 2 · 8 / (R(R-1) L²) = 16 / 200 = 0.08
   * D_e: N = 2 units of length 4; Σ l(l-1) = 24; gaps 6 (r0), 2 and 4 (r1)
   *   per unit: (N-1)(2·64 - 3·16 + 4)/3 = 28, plus l² Σ_{g≥4} (g-l+1)
   *   = 16 · (3 + 1) = 64: 92; both units: 184
   *   D_e = 184 · 2/L / (R L (R L - 1) - 24) = 36.8 / 356 = 0.1033707865
   * α = 1 - 0.08 / 0.1033707865 = 0.2260869565 (DKPro says the same). */
  static const AttestAgreeUnit units[] = {
    { 0, 4, 0, "X" },
    { 2, 6, 1, "X" },
  };
  double observed, expected, alpha;

  alpha = attest_agree_alpha_unitizing (units, G_N_ELEMENTS (units), 2, 10, "X",
                                        &observed, &expected);
  g_assert_cmpfloat_with_epsilon (observed, 0.08, EPSILON);
  g_assert_cmpfloat_with_epsilon (expected, 36.8 / 356, EPSILON);
  g_assert_cmpfloat_with_epsilon (alpha, 1.0 - 0.08 / (36.8 / 356), EPSILON);
  g_assert_cmpfloat_with_epsilon (alpha, 0.2260869565, 1e-9);
  /* One label: overall is the same. */
  g_assert_cmpfloat_with_epsilon (attest_agree_alpha_unitizing (units, 2, 2, 10, NULL, NULL, NULL),
                                  alpha, EPSILON);
}

static void
test_alpha_identical (void)
{
  static const AttestAgreeUnit units[] = {
    { 3, 9, 0, "quote" }, { 12, 14, 0, "speaker" }, { 20, 30, 0, "quote" },
    { 3, 9, 1, "quote" }, { 12, 14, 1, "speaker" }, { 20, 30, 1, "quote" },
    { 3, 9, 2, "quote" }, { 12, 14, 2, "speaker" }, { 20, 30, 2, "quote" },
  };
  double observed;

  g_assert_cmpfloat_with_epsilon (attest_agree_alpha_unitizing (units, 9, 3, 40, NULL, &observed, NULL),
                                  1.0, EPSILON);
  g_assert_cmpfloat (observed, ==, 0.0);
  g_assert_cmpfloat_with_epsilon (attest_agree_alpha_unitizing (units, 9, 3, 40, "speaker", NULL, NULL),
                                  1.0, EPSILON);
}

/* Krippendorff, Content Analysis (2004), p. 254: a continuum from 150 to
 * 450 (here 0 to 300), two observers, categories c and k. DKPro reports
 * D_o(c) = 0.0144, D_e(c) = 0.0532, α(c) = 0.7286, α(k) = 1 and, over
 * both, 0.8587 (its own test allows 0.8591 ± 0.0005). */
static void
test_alpha_textbook (void)
{
  static const AttestAgreeUnit units[] = {
    {  75, 145, 0, "c" }, { 220, 250, 0, "c" },
    {  70, 150, 1, "c" }, { 205, 225, 1, "c" }, { 250, 270, 1, "c" },
    {  30,  90, 0, "k" }, { 150, 200, 0, "k" },
    {  30,  90, 1, "k" }, { 150, 200, 1, "k" },
  };
  double observed, expected;

  g_assert_cmpfloat_with_epsilon (attest_agree_alpha_unitizing (units, G_N_ELEMENTS (units), 2, 300, "c",
                                                                &observed, &expected),
                                  0.7286, 0.0001);
  g_assert_cmpfloat_with_epsilon (observed, 0.0144, 0.0001);
  g_assert_cmpfloat_with_epsilon (expected, 0.0532, 0.0001);

  g_assert_cmpfloat_with_epsilon (attest_agree_alpha_unitizing (units, G_N_ELEMENTS (units), 2, 300, "k",
                                                                &observed, &expected),
                                  1.0, EPSILON);
  g_assert_cmpfloat (observed, ==, 0.0);
  g_assert_cmpfloat_with_epsilon (expected, 0.0490, 0.0001);

  g_assert_cmpfloat_with_epsilon (attest_agree_alpha_unitizing (units, G_N_ELEMENTS (units), 2, 300, NULL,
                                                                NULL, NULL),
                                  0.8587, 0.0001);
}

/* Krippendorff, On the reliability of unitizing contiguous data (1995),
 * p. 57: four pairs of coders over 24 positions; DKPro's observed
 * disagreements for them. B and D are runs of adjacent units. */
static void
test_alpha_1995 (void)
{
  static const AttestAgreeUnit units[] = {
    {  2, 10, 0, "A" }, { 14, 20, 0, "A" }, {  4,  8, 1, "A" }, { 15, 17, 1, "A" },
    {  0, 18, 0, "B" }, {  0,  2, 1, "B" }, {  2,  3, 1, "B" }, {  3,  4, 1, "B" },
    {  4,  5, 1, "B" }, {  5,  6, 1, "B" }, {  6,  9, 1, "B" }, {  9, 10, 1, "B" },
    {  2,  8, 0, "C" }, { 10, 12, 0, "C" }, { 14, 18, 0, "C" }, { 20, 22, 0, "C" },
    {  0,  2, 1, "C" }, {  4,  8, 1, "C" }, { 10, 14, 1, "C" }, { 16, 18, 1, "C" },
    { 20, 22, 1, "C" },
    {  0,  2, 0, "D" }, {  2, 10, 0, "D" }, { 10, 14, 0, "D" }, { 14, 20, 0, "D" },
    { 20, 24, 0, "D" }, {  0,  4, 1, "D" }, {  4,  8, 1, "D" }, {  8, 15, 1, "D" },
    { 15, 17, 1, "D" }, { 17, 24, 1, "D" },
  };
  static const struct { const char *label; double observed; } expected[] = {
    { "A", 0.03125 }, { "B", 2.26736 }, { "C", 0.02777 }, { "D", 0.38715 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      double observed;

      attest_agree_alpha_unitizing (units, G_N_ELEMENTS (units), 2, 24, expected[i].label,
                                    &observed, NULL);
      g_assert_cmpfloat_with_epsilon (observed, expected[i].observed, 0.00001);
    }
}

static void
test_alpha_degenerate (void)
{
  /* Three raters, L = 20, one unit [0,1) by rater 0.
   * D_o = 2 · (1 + 1 + 0) / (3 · 2 · 400) = 1/600
   * D_e = (l² · (19 + 20 + 20)) · 2/20 / (3·20·59 - 0) = 5.9 / 3540 = 1/600
   * Equal: α = 0, as DKPro's testSingleAnnotationUnit says. */
  static const AttestAgreeUnit one[] = { { 0, 1, 0, "X" } };
  static const AttestAgreeUnit empty[] = { { 5, 5, 0, "X" }, { 5, 5, 1, "X" } };
  double observed, expected;

  g_assert_cmpfloat (attest_agree_alpha_unitizing (one, 1, 3, 20, NULL, &observed, &expected), ==, 0.0);
  g_assert_cmpfloat_with_epsilon (observed, 1.0 / 600, EPSILON);
  g_assert_cmpfloat_with_epsilon (expected, 1.0 / 600, EPSILON);

  /* Nothing to see: undefined; zero-length units only: 0, not 1. */
  g_assert_true (isnan (attest_agree_alpha_unitizing (NULL, 0, 2, 20, NULL, NULL, NULL)));
  g_assert_cmpfloat (attest_agree_alpha_unitizing (empty, 2, 2, 15, NULL, NULL, NULL), ==, 0.0);
}

static void
test_alpha_overlap_rule (void)
{
  /* Rater 0 has X [0,10) and X [5,15) (overlapping) and X [12,20),
   * which overlaps only the one left out: INCEpTION leaves out both, so
   * the study is that of [0,10) alone. */
  static const AttestAgreeUnit overlapping[] = {
    { 0, 10, 0, "X" }, { 5, 15, 0, "X" }, { 12, 20, 0, "X" }, { 2, 9, 1, "X" },
  };
  static const AttestAgreeUnit plain[] = {
    { 0, 10, 0, "X" }, { 2, 9, 1, "X" },
  };

  g_assert_cmpfloat_with_epsilon (attest_agree_alpha_unitizing (overlapping, 4, 2, 30, NULL, NULL, NULL),
                                  attest_agree_alpha_unitizing (plain, 2, 2, 30, NULL, NULL, NULL),
                                  EPSILON);
}

/* Three annotators and the continuum over documents ------------------------ */

static void
test_three_annotators (void)
{
  g_autoptr(AttestDocument) a = document_new ("w x y z");
  g_autoptr(AttestDocument) b = document_new ("w x y z");
  g_autoptr(AttestDocument) c = document_new ("w x y z");
  g_autoptr(AttestAgreement) agreement = NULL;
  AttestAgreeScores scores;
  guint first, second;

  /* a and b: quote "x" [2,3); c: quote "y" [4,5). L = 7.
   *
   * κ: (a,b) identical, p_e = (3·3 + 1·1)/16 < 1: κ = 1.
   *    (a,c), (b,c): p_o = 2/4, p_e = 10/16: κ = -1/3. Mean 1/9.
   * Exact F1: 1, 0, 0: mean 1/3.
   * αU (a,c): D_o = 2 · (1 + 1) / (2 · 49) = 4/98 (each unit inside the
   *    other's gap); D_e: gaps 2, 4, 4, 2, units of length 1:
   *    (0 + 12) · 2 units · 2/7 / (2·7·13) = (48/7) / 182;
   *    α = 1 - (4/98) / (48/1274) = -1/12.
   * αU (a,b) = 1; mean of pairs (1 - 1/6)/3 = 5/18.
   * αU of all three: D_o = 2 · (0 + 2 + 2) / (3·2·49) = 8/294;
   *    D_e = 3 units · (2+2+2+4+4+4) · 2/7 / (3·7·20) = (108/7) / 420;
   *    α = 1 - (8/294) / (108/2940) = 7/27. */
  add_span (a, "s1", "quote", 2, 3, NULL);
  add_span (b, "s1", "quote", 2, 3, NULL);
  add_span (c, "s1", "quote", 4, 5, NULL);
  agreement = agreement_of (3, (AttestDocument *[]) { a, b, c });

  g_assert_cmpuint (attest_agreement_get_n_annotators (agreement), ==, 3);
  g_assert_cmpstr (attest_agreement_get_annotator (agreement, 2), ==, "chloe");
  g_assert_cmpuint (attest_agreement_get_n_pairs (agreement), ==, 3);
  attest_agreement_get_pair (agreement, 1, &first, &second);
  g_assert_cmpuint (first, ==, 0);
  g_assert_cmpuint (second, ==, 2);
  attest_agreement_get_pair (agreement, 2, &first, &second);
  g_assert_cmpuint (first, ==, 1);
  g_assert_cmpuint (second, ==, 2);

  attest_agreement_get_scores (agreement, 0, NULL, &scores);
  g_assert_cmpfloat_with_epsilon (scores.kappa, 1.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (scores.alpha_u, 1.0, EPSILON);
  attest_agreement_get_scores (agreement, 1, NULL, &scores);
  g_assert_cmpfloat_with_epsilon (scores.kappa, -1.0 / 3, EPSILON);
  g_assert_cmpfloat_with_epsilon (scores.alpha_u, -1.0 / 12, EPSILON);

  attest_agreement_get_scores (agreement, ATTEST_AGREE_MEAN, NULL, &scores);
  g_assert_cmpfloat_with_epsilon (scores.kappa, 1.0 / 9, EPSILON);
  g_assert_cmpfloat_with_epsilon (scores.exact.f1, 1.0 / 3, EPSILON);
  g_assert_cmpfloat_with_epsilon (scores.alpha_u, 5.0 / 18, EPSILON);
  g_assert_cmpuint (scores.exact.matched, ==, 0);

  g_assert_cmpfloat_with_epsilon (attest_agreement_get_alpha_u (agreement, NULL), 7.0 / 27, EPSILON);
  g_assert_cmpfloat_with_epsilon (attest_agreement_get_alpha_u (agreement, "quote"), 7.0 / 27, EPSILON);
}

static void
test_continuum (void)
{
  g_autoptr(AttestDocument) a1 = document_new ("w x y z");
  g_autoptr(AttestDocument) b1 = document_new ("w x y z");
  g_autoptr(AttestDocument) a2 = document_new ("p q");
  g_autoptr(AttestDocument) b2 = document_new ("p q");
  g_autoptr(AttestAgreement) agreement = attest_agreement_new ((const char *[]) { "ana", "ben", NULL });
  g_autoptr(GError) error = NULL;
  /* The second document starts at 7 on the continuum. */
  static const AttestAgreeUnit units[] = {
    { 0, 1, 0, "quote" }, { 9, 10, 0, "quote" }, { 0, 3, 1, "quote" },
  };
  double alpha = attest_agree_alpha_unitizing (units, 3, 2, 10, NULL, NULL, NULL);

  add_span (a1, "s1", "quote", 0, 1, NULL);
  add_span (a2, "s1", "quote", 2, 3, NULL);
  add_span (b1, "s1", "quote", 0, 3, NULL);

  g_assert_true (attest_agreement_add_document (agreement, "one.txt", (AttestDocument *[]) { a1, b1 }, &error));
  g_assert_no_error (error);
  g_assert_true (attest_agreement_add_document (agreement, "two.txt", (AttestDocument *[]) { a2, b2 }, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (attest_agreement_get_n_tokens (agreement), ==, 6);
  g_assert_false (isnan (alpha));
  g_assert_cmpfloat_with_epsilon (attest_agreement_get_alpha_u (agreement, NULL), alpha, EPSILON);
}

static void
test_texts_differ (void)
{
  g_autoptr(AttestDocument) a = document_new ("The mayor said yes.");
  g_autoptr(AttestDocument) b = document_new ("The mayor said no.");
  g_autoptr(AttestAgreement) agreement = attest_agreement_new ((const char *[]) { "ana", "ben", NULL });
  g_autoptr(GError) error = NULL;

  g_assert_false (attest_agreement_add_document (agreement, "story.txt", (AttestDocument *[]) { a, b }, &error));
  g_assert_error (error, ATTEST_ERROR, ATTEST_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "story.txt"));
  g_assert_nonnull (strstr (error->message, "ben"));
  g_assert_cmpuint (attest_agreement_get_n_documents (agreement), ==, 0);
  g_assert_true (isnan (attest_agreement_get_alpha_u (agreement, NULL)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/attest/core/agree/tokenize", test_tokenize);
  g_test_add_func ("/attest/core/agree/match/exact-and-overlap", test_exact_and_overlap);
  g_test_add_func ("/attest/core/agree/match/greedy", test_overlap_greedy);
  g_test_add_func ("/attest/core/agree/match/chain", test_overlap_chain);
  g_test_add_func ("/attest/core/agree/attribution-and-diff", test_attribution_and_diff);
  g_test_add_func ("/attest/core/agree/kappa/hand", test_kappa);
  g_test_add_func ("/attest/core/agree/kappa/outermost", test_kappa_outermost);
  g_test_add_func ("/attest/core/agree/alpha-u/hand", test_alpha_hand);
  g_test_add_func ("/attest/core/agree/alpha-u/identical", test_alpha_identical);
  g_test_add_func ("/attest/core/agree/alpha-u/textbook-2004", test_alpha_textbook);
  g_test_add_func ("/attest/core/agree/alpha-u/textbook-1995", test_alpha_1995);
  g_test_add_func ("/attest/core/agree/alpha-u/degenerate", test_alpha_degenerate);
  g_test_add_func ("/attest/core/agree/alpha-u/overlap-rule", test_alpha_overlap_rule);
  g_test_add_func ("/attest/core/agree/three-annotators", test_three_annotators);
  g_test_add_func ("/attest/core/agree/continuum", test_continuum);
  g_test_add_func ("/attest/core/agree/texts-differ", test_texts_differ);

  return g_test_run ();
}
