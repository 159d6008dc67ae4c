/* attest-agree.h: agreement between annotators of the same articles
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "attest-types.h"

G_BEGIN_DECLS

/* Two or more annotators' documents of the same text are compared pair by
 * pair, the first of each pair (a) taken as the reference:
 *
 * - exact matches: same start, end and label, one to one;
 * - overlap matches: same label, ranges overlapping (or both empty at the
 *   same offset), one to one, chosen greedily by the largest overlap, then
 *   the smallest boundary distance, then document order;
 *   precision = matched / spans of b, recall = matched / spans of a,
 *   F1 = 2 matched / (spans of a + spans of b); micro-averaged overall;
 * - Cohen's kappa on tokens (attest_agree_tokenize()): each token's
 *   category is the label of the earliest, then outermost, span
 *   overlapping it, or none; per label, kappa of "this label or not";
 * - Krippendorff's alpha for unitizing, as DKPro Agreement's
 *   KrippendorffAlphaUnitizingAgreement computes it on INCEpTION's units
 *   (attest_agree_alpha_unitizing()), over a continuum of all documents
 *   one after the other, positions in code points;
 * - quote attribution: quotes matched by overlap, and whether their
 *   speakers (the "to" span of each quote's first said-by relation)
 *   agree: same entity canonical name (case-folded, NFC, whitespace
 *   collapsed), or, when either speaker has no entity, overlapping speaker
 *   spans; two quotes with no speaker agree too.
 *
 * A value that is undefined (a ratio over nothing) is NAN.
 */

/* A pair index meaning "the mean over every pair" (of each defined value). */
#define ATTEST_AGREE_MEAN G_MAXUINT

typedef struct
{
  guint  matched;     /* spans of a matched in b */
  guint  n_a;         /* spans of a: the reference */
  guint  n_b;
  double precision;   /* matched / n_b */
  double recall;      /* matched / n_a */
  double f1;          /* 2 matched / (n_a + n_b) */
} AttestAgreeMatch;

typedef struct
{
  AttestAgreeMatch exact;
  AttestAgreeMatch overlap;
  double           kappa;
  double           alpha_u;
} AttestAgreeScores;

typedef struct
{
  guint  matched;     /* quotes matched by overlap */
  guint  agreeing;    /* of which the speakers agree */
  double accuracy;    /* agreeing / matched */
} AttestAgreeAttribution;

typedef enum
{
  ATTEST_AGREE_DIFF_SPAN,
  ATTEST_AGREE_DIFF_ATTRIBUTION,
} AttestAgreeDiffKind;

typedef struct
{
  char  *text;        /* the speaker span's text; NULL: the quote has no speaker */
  char  *entity;      /* its entity's canonical name, or NULL */
  guint  start;
  guint  end;
} AttestAgreeSpeaker;

/* One thing to adjudicate in a document. Offsets are code points. */
typedef struct
{
  AttestAgreeDiffKind kind;
  const char         *label;      /* interned; "quote" for attributions */
  guint               start;      /* the span, or annotator a's quote */
  guint               end;
  char               *text;
  /* DIFF_SPAN: how many spans of (label, start, end) each annotator has;
   * not all the same. */
  guint              *counts;
  /* DIFF_ATTRIBUTION: the pair, b's quote, and each one's speaker. */
  guint               a;
  guint               b;
  guint               b_start;
  guint               b_end;
  AttestAgreeSpeaker  speaker_a;
  AttestAgreeSpeaker  speaker_b;
} AttestAgreeDiff;

typedef struct _AttestAgreement AttestAgreement;

/* @annotators: their names, NULL-terminated, at least two. */
AttestAgreement    *attest_agreement_new              (const char * const *annotators);
void                attest_agreement_free             (AttestAgreement    *self);

/* Adds one document as each annotator annotated it (@documents has one
 * per annotator, in order). Fails with ATTEST_ERROR_INVALID, adding
 * nothing, when their texts differ (document.sha256). */
gboolean            attest_agreement_add_document     (AttestAgreement    *self,
                                                       const char         *name,
                                                       AttestDocument    **documents,
                                                       GError            **error);

guint               attest_agreement_get_n_annotators (AttestAgreement    *self);
const char         *attest_agreement_get_annotator    (AttestAgreement    *self,
                                                       guint               annotator);
guint               attest_agreement_get_n_documents  (AttestAgreement    *self);
const char         *attest_agreement_get_document_name (AttestAgreement   *self,
                                                        guint              document);
/* Tokens of all documents: the items kappa counts. */
guint64             attest_agreement_get_n_tokens     (AttestAgreement    *self);
/* Every label any annotator used, sorted; NULL-terminated, owned by @self. */
const char * const *attest_agreement_get_labels       (AttestAgreement    *self);

/* Pairs (a, b), a < b, in the order (0,1), (0,2), …, (1,2), … */
guint               attest_agreement_get_n_pairs      (AttestAgreement    *self);
void                attest_agreement_get_pair         (AttestAgreement    *self,
                                                       guint               pair,
                                                       guint              *a,
                                                       guint              *b);
/* Scores of @pair (or ATTEST_AGREE_MEAN: the mean of each value over the
 * pairs where it is defined; counts are then 0) for @label, or overall
 * when @label is NULL. */
void                attest_agreement_get_scores       (AttestAgreement    *self,
                                                       guint               pair,
                                                       const char         *label,
                                                       AttestAgreeScores  *scores);
/* Alpha-U of all annotators together, for @label or (NULL) overall. */
double              attest_agreement_get_alpha_u      (AttestAgreement    *self,
                                                       const char         *label);
void                attest_agreement_get_attribution  (AttestAgreement    *self,
                                                       guint               pair,
                                                       AttestAgreeAttribution *attribution);
/* What differs in @document, in document order (start, end, kind, label,
 * pair); an array of AttestAgreeDiff owned by @self. */
GPtrArray          *attest_agreement_get_differences  (AttestAgreement    *self,
                                                       guint               document);

/* The building blocks, for tests and other tools. -------------------- */

typedef struct
{
  guint start;
  guint end;
} AttestAgreeToken;

/* Tokens of @text: runs of letters, digits and marks; each punctuation
 * mark, symbol or emoji (with its modifiers, joiners and variation
 * selectors) alone; each CJK ideograph or kana alone. Whitespace and
 * other invisible characters separate tokens. An array of
 * AttestAgreeToken, code points. */
GArray             *attest_agree_tokenize             (AttestText         *text);

typedef struct
{
  guint64     start;
  guint64     end;
  guint       rater;
  const char *label;
} AttestAgreeUnit;

/* Krippendorff's alpha-U of @n_raters over the continuum [0, @length)
 * for @label, or (NULL) over every label (1 - mean D_o / mean D_e).
 * Units one rater gave the same label that overlap an earlier one (by
 * start, then longest first) are left out, as INCEpTION does. Sets the
 * observed and expected disagreement when asked. NAN without units. */
double              attest_agree_alpha_unitizing      (const AttestAgreeUnit *units,
                                                       gsize                  n_units,
                                                       guint                  n_raters,
                                                       guint64                length,
                                                       const char            *label,
                                                       double                *observed,
                                                       double                *expected);

/* Cohen's kappa from two raters' category of each item (NULL is a
 * category: none). NAN when every item has one and the same category. */
double              attest_agree_cohen_kappa          (const char * const *a,
                                                       const char * const *b,
                                                       gsize               n_items);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestAgreement, attest_agreement_free)

G_END_DECLS
