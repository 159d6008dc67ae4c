/* attest-cli-agree.c: attest-cli agree
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "attest-cli-private.h"

/* Texts longer than this are cut in --diff: enough to find the place. */
#define DIFF_TEXT_MAX 80

typedef struct
{
  char       *path;       /* canonical */
  char       *name;
  GHashTable *sidecars;   /* document key -> sidecar path */
} Annotator;

typedef struct
{
  char       *document;
  const char *reason;     /* for machines: missing, unreadable, text-differs */
} LeftOut;

static void
annotator_free (Annotator *annotator)
{
  g_free (annotator->path);
  g_free (annotator->name);
  g_hash_table_unref (annotator->sidecars);
  g_free (annotator);
}

static void
left_out_free (LeftOut *left_out)
{
  g_free (left_out->document);
  g_free (left_out);
}

/* Text from files, for a person's terminal: control characters, line
 * and paragraph separators and bidirectional overrides made visible. */
static char *
escape_for_terminal (const char *text,
                     guint       max_chars)
{
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (max_chars > 0 && n == max_chars)
        {
          g_string_append (out, "…");
          break;
        }

      if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\\')
        g_string_append (out, "\\\\");
      else if (g_unichar_type (c) == G_UNICODE_CONTROL ||
               c == 0x2028 || c == 0x2029 || c == 0x061C || c == 0x200E || c == 0x200F ||
               (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
        g_string_append_printf (out, "\\u{%04X}", c);
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static gboolean
collect_folder (Annotator *annotator,
                guint     *n_errors)
{
  char *paths[] = { annotator->path, NULL };
  g_autoptr(GPtrArray) records = attest_cli_collect (paths, n_errors);
  gsize prefix = strlen (annotator->path);

  for (guint i = 0; i < records->len; i++)
    {
      AttestCliRecord *record = g_ptr_array_index (records, i);
      g_autofree char *article = NULL;
      char *key;

      /* An article without a sidecar was not annotated. */
      if (!record->has_sidecar)
        continue;

      article = attest_sidecar_article_path (record->sidecar);
      key = g_strdup (article + prefix + (article[prefix] == G_DIR_SEPARATOR ? 1 : 0));
      if (G_DIR_SEPARATOR != '/')
        g_strdelimit (key, G_DIR_SEPARATOR_S, '/');
      g_hash_table_insert (annotator->sidecars, key, g_strdup (record->sidecar));
    }

  if (records->len > 0 && g_hash_table_size (annotator->sidecars) == 0)
    attest_cli_warning (annotator->path, _("no sidecars in this folder, only articles"));

  return TRUE;
}

static Annotator *
annotator_new (const char *argument,
               guint      *n_errors)
{
  g_autoptr(GString) name = NULL;
  Annotator *annotator = g_new0 (Annotator, 1);

  annotator->path = g_canonicalize_filename (argument, NULL);
  annotator->sidecars = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (g_file_test (annotator->path, G_FILE_TEST_IS_DIR))
    {
      annotator->name = g_path_get_basename (annotator->path);
      collect_folder (annotator, n_errors);
    }
  else if (g_file_test (annotator->path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *sidecar = attest_sidecar_is_sidecar_name (annotator->path)
                                 ? g_strdup (annotator->path)
                                 : attest_sidecar_path_for_article (annotator->path);
      g_autofree char *article = attest_sidecar_article_path (sidecar);
      g_autofree char *folder = g_path_get_dirname (annotator->path);

      /* One sidecar per annotator, each in a folder named after them. */
      annotator->name = g_path_get_basename (folder);
      if (!g_file_test (sidecar, G_FILE_TEST_IS_REGULAR))
        {
          attest_cli_error (annotator->path, _("no sidecar for this article"));
          (*n_errors)++;
        }
      else
        {
          g_hash_table_insert (annotator->sidecars, g_path_get_basename (article),
                               g_steal_pointer (&sidecar));
        }
    }
  else
    {
      annotator->name = g_path_get_basename (annotator->path);
      attest_cli_error (annotator->path, _("no such file or folder"));
      (*n_errors)++;
    }

  return annotator;
}

/* Folder names usually tell annotators apart; when they do not, the
 * paths as given do. */
static void
name_annotators (GPtrArray *annotators,
                 char     **arguments)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean clash = FALSE;

  for (guint i = 0; i < annotators->len; i++)
    {
      Annotator *annotator = annotators->pdata[i];

      clash |= !g_hash_table_add (seen, annotator->name);
    }
  if (!clash)
    return;

  for (guint i = 0; i < annotators->len; i++)
    {
      Annotator *annotator = annotators->pdata[i];

      g_free (annotator->name);
      annotator->name = g_strdup (arguments[i]);
    }
}

static AttestDocument *
load (const char *sidecar,
      guint      *n_errors)
{
  g_autoptr(GFile) file = g_file_new_for_path (sidecar);
  g_autoptr(GError) error = NULL;
  AttestDocument *document = attest_sidecar_load (file, NULL, &error);

  if (document == NULL)
    {
      attest_cli_gerror (sidecar, error);
      (*n_errors)++;
    }

  return document;
}

static void
leave_out (GPtrArray  *left_out,
           const char *document,
           const char *reason)
{
  LeftOut *item = g_new0 (LeftOut, 1);

  item->document = g_strdup (document);
  item->reason = reason;
  g_ptr_array_add (left_out, item);
}

static void
unref_document (gpointer document)
{
  if (document != NULL)
    g_object_unref (document);
}

/* Pairs each document across annotators and adds those everyone has. */
static void
compare_documents (AttestAgreement *agreement,
                   GPtrArray       *annotators,
                   GPtrArray       *left_out,
                   guint           *n_errors)
{
  g_autoptr(GHashTable) all = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(AttestProgress) progress = NULL;
  guint n = annotators->len;

  for (guint r = 0; r < n; r++)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, ((Annotator *) annotators->pdata[r])->sidecars);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (all, key);
    }
  keys = attest_cli_sorted_keys (all);

  progress = attest_progress_new (_("Comparing"), keys->len);
  for (guint k = 0; k < keys->len; k++)
    {
      const char *key = keys->pdata[k];
      g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (unref_document);
      g_autoptr(GString) missing = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      gboolean readable = TRUE;
      const char *sha256 = NULL;
      guint differs = 0;

      attest_progress_update (progress, k + 1);

      for (guint r = 0; r < n; r++)
        {
          Annotator *annotator = annotators->pdata[r];

          if (!g_hash_table_contains (annotator->sidecars, key))
            g_string_append_printf (missing, "%s%s", missing->len > 0 ? ", " : "", annotator->name);
        }
      if (missing->len > 0)
        {
          g_autofree char *shown = escape_for_terminal (missing->str, 0);
          g_autofree char *document = escape_for_terminal (key, 0);

          /* TRANSLATORS: "story.txt: not annotated by ben, chloe; left out" */
          attest_cli_warning (document, _("not annotated by %s; left out"), shown);
          leave_out (left_out, key, "missing");
          continue;
        }

      for (guint r = 0; r < n; r++)
        {
          Annotator *annotator = annotators->pdata[r];
          AttestDocument *document = load (g_hash_table_lookup (annotator->sidecars, key), n_errors);

          readable &= document != NULL;
          g_ptr_array_add (documents, document);
        }
      if (!readable)
        {
          leave_out (left_out, key, "unreadable");
          continue;
        }

      /* Only the same text can be compared: say whose differs. */
      for (guint r = 0; r < n && differs == 0; r++)
        {
          const char *mine = attest_text_get_sha256 (attest_document_get_text (documents->pdata[r]));

          if (sha256 == NULL)
            sha256 = mine;
          else if (strcmp (sha256, mine) != 0)
            differs = r;
        }
      if (differs > 0)
        {
          Annotator *first = annotators->pdata[0];
          Annotator *other = annotators->pdata[differs];
          g_autofree char *shown = escape_for_terminal (first->name, 0);

          /* TRANSLATORS: "ben/story.txt.attest.json: its text differs from ana’s; left out" */
          attest_cli_error (g_hash_table_lookup (other->sidecars, key),
                            _("its text differs from %s’s; left out"), shown);
          leave_out (left_out, key, "text-differs");
          (*n_errors)++;
          continue;
        }

      if (!attest_agreement_add_document (agreement, key, (AttestDocument **) documents->pdata, &error))
        {
          attest_cli_error (NULL, "%s", error->message);
          leave_out (left_out, key, "text-differs");
          (*n_errors)++;
        }
    }
}

/* Output for machines ----------------------------------------------------- */

static void
json_number (GString *out,
             double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value) || isinf (value))
    {
      g_string_append (out, "null");
      return;
    }

  g_ascii_formatd (buffer, sizeof buffer, "%.4f", value);
  g_string_append (out, strcmp (buffer, "-0.0000") == 0 ? "0.0000" : buffer);
}

static void
json_member_number (GString    *out,
                    gboolean   *first,
                    const char *key,
                    double      value)
{
  if (!*first)
    g_string_append (out, ", ");
  *first = FALSE;
  attest_json_append_string (out, key, -1);
  g_string_append (out, ": ");
  json_number (out, value);
}

static void
json_key (GString    *out,
          gboolean   *first,
          const char *key)
{
  if (!*first)
    g_string_append (out, ", ");
  *first = FALSE;
  attest_json_append_string (out, key, -1);
  g_string_append (out, ": ");
}

static void
json_match (GString                *out,
            const AttestAgreeMatch *match,
            gboolean                counts)
{
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  if (counts)
    {
      attest_json_member_uint (out, &first, "matched", match->matched);
      attest_json_member_uint (out, &first, "a", match->n_a);
      attest_json_member_uint (out, &first, "b", match->n_b);
    }
  json_member_number (out, &first, "precision", match->precision);
  json_member_number (out, &first, "recall", match->recall);
  json_member_number (out, &first, "f1", match->f1);
  g_string_append_c (out, '}');
}

static void
json_scores (GString                 *out,
             const AttestAgreeScores *scores,
             gboolean                 counts)
{
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  json_key (out, &first, "exact");
  json_match (out, &scores->exact, counts);
  json_key (out, &first, "overlap");
  json_match (out, &scores->overlap, counts);
  json_member_number (out, &first, "kappa", scores->kappa);
  json_member_number (out, &first, "alpha_u", scores->alpha_u);
  g_string_append_c (out, '}');
}

static void
json_pair (GString         *out,
           AttestAgreement *agreement,
           guint            pair)
{
  const char * const *labels = attest_agreement_get_labels (agreement);
  AttestAgreeScores scores;
  AttestAgreeAttribution attribution;
  gboolean first = TRUE, lfirst = TRUE;
  gboolean counts = pair != ATTEST_AGREE_MEAN;
  guint a, b;

  g_string_append_c (out, '{');
  if (counts)
    {
      attest_agreement_get_pair (agreement, pair, &a, &b);
      attest_json_member_string (out, &first, "a", attest_agreement_get_annotator (agreement, a));
      attest_json_member_string (out, &first, "b", attest_agreement_get_annotator (agreement, b));
    }
  json_key (out, &first, "overall");
  attest_agreement_get_scores (agreement, pair, NULL, &scores);
  json_scores (out, &scores, counts);
  json_key (out, &first, "labels");
  g_string_append_c (out, '{');
  for (guint i = 0; labels[i] != NULL; i++)
    {
      json_key (out, &lfirst, labels[i]);
      attest_agreement_get_scores (agreement, pair, labels[i], &scores);
      json_scores (out, &scores, counts);
    }
  g_string_append_c (out, '}');

  json_key (out, &first, "attribution");
  attest_agreement_get_attribution (agreement, pair, &attribution);
  lfirst = TRUE;
  g_string_append_c (out, '{');
  if (counts)
    {
      attest_json_member_uint (out, &lfirst, "matched", attribution.matched);
      attest_json_member_uint (out, &lfirst, "agreeing", attribution.agreeing);
    }
  json_member_number (out, &lfirst, "accuracy", attribution.accuracy);
  g_string_append (out, "}}");
}

static void
json_speaker (GString                  *out,
              gboolean                 *first,
              const char               *key,
              const AttestAgreeSpeaker *speaker)
{
  gboolean sfirst = TRUE;

  json_key (out, first, key);
  if (speaker->text == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  g_string_append_c (out, '{');
  attest_json_member_string (out, &sfirst, "text", speaker->text);
  json_key (out, &sfirst, "entity");
  if (speaker->entity != NULL)
    attest_json_append_string (out, speaker->entity, -1);
  else
    g_string_append (out, "null");
  attest_json_member_uint (out, &sfirst, "start", speaker->start);
  attest_json_member_uint (out, &sfirst, "end", speaker->end);
  g_string_append_c (out, '}');
}

static void
json_differences (GString         *out,
                  AttestAgreement *agreement)
{
  guint n_annotators = attest_agreement_get_n_annotators (agreement);
  gboolean any = FALSE;

  g_string_append (out, ",\n  \"differences\": [");
  for (guint d = 0; d < attest_agreement_get_n_documents (agreement); d++)
    {
      GPtrArray *diffs = attest_agreement_get_differences (agreement, d);

      for (guint i = 0; i < diffs->len; i++)
        {
          const AttestAgreeDiff *diff = diffs->pdata[i];
          gboolean first = TRUE;

          g_string_append (out, any ? ",\n    {" : "\n    {");
          any = TRUE;
          attest_json_member_string (out, &first, "document",
                                     attest_agreement_get_document_name (agreement, d));
          attest_json_member_string (out, &first, "kind",
                                     diff->kind == ATTEST_AGREE_DIFF_SPAN ? "span" : "attribution");
          attest_json_member_string (out, &first, "label", diff->label);
          attest_json_member_uint (out, &first, "start", diff->start);
          attest_json_member_uint (out, &first, "end", diff->end);
          attest_json_member_string (out, &first, "text", diff->text);
          if (diff->kind == ATTEST_AGREE_DIFF_SPAN)
            {
              gboolean cfirst = TRUE;

              json_key (out, &first, "counts");
              g_string_append_c (out, '{');
              for (guint r = 0; r < n_annotators; r++)
                attest_json_member_uint (out, &cfirst, attest_agreement_get_annotator (agreement, r),
                                         diff->counts[r]);
              g_string_append_c (out, '}');
            }
          else
            {
              attest_json_member_string (out, &first, "a", attest_agreement_get_annotator (agreement, diff->a));
              attest_json_member_string (out, &first, "b", attest_agreement_get_annotator (agreement, diff->b));
              attest_json_member_uint (out, &first, "b_start", diff->b_start);
              attest_json_member_uint (out, &first, "b_end", diff->b_end);
              json_speaker (out, &first, "speaker_a", &diff->speaker_a);
              json_speaker (out, &first, "speaker_b", &diff->speaker_b);
            }
          g_string_append_c (out, '}');
        }
    }
  g_string_append (out, any ? "\n  ]" : "]");
}

static void
print_json (AttestAgreement *agreement,
            GPtrArray       *left_out,
            gboolean         with_differences)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char * const *labels = attest_agreement_get_labels (agreement);
  gboolean first = TRUE;

  g_string_append (out, "{\n  ");
  json_key (out, &first, "annotators");
  g_string_append_c (out, '[');
  for (guint r = 0; r < attest_agreement_get_n_annotators (agreement); r++)
    {
      if (r > 0)
        g_string_append (out, ", ");
      attest_json_append_string (out, attest_agreement_get_annotator (agreement, r), -1);
    }
  g_string_append (out, "],\n  \"documents\": [");
  for (guint d = 0; d < attest_agreement_get_n_documents (agreement); d++)
    {
      if (d > 0)
        g_string_append (out, ", ");
      attest_json_append_string (out, attest_agreement_get_document_name (agreement, d), -1);
    }
  g_string_append (out, "],\n  \"left_out\": [");
  for (guint i = 0; i < left_out->len; i++)
    {
      const LeftOut *item = left_out->pdata[i];
      gboolean ifirst = TRUE;

      g_string_append (out, i > 0 ? ", {" : "{");
      attest_json_member_string (out, &ifirst, "document", item->document);
      attest_json_member_string (out, &ifirst, "reason", item->reason);
      g_string_append_c (out, '}');
    }
  g_string_append_printf (out, "],\n  \"tokens\": %" G_GUINT64_FORMAT ",\n  \"labels\": [",
                          attest_agreement_get_n_tokens (agreement));
  for (guint i = 0; labels[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      attest_json_append_string (out, labels[i], -1);
    }
  g_string_append (out, "],\n  \"pairs\": [");
  for (guint p = 0; p < attest_agreement_get_n_pairs (agreement); p++)
    {
      g_string_append (out, p > 0 ? ",\n    " : "\n    ");
      json_pair (out, agreement, p);
    }
  g_string_append (out, "\n  ],\n  \"mean\": ");
  json_pair (out, agreement, ATTEST_AGREE_MEAN);

  g_string_append (out, ",\n  \"alpha_u\": {");
  first = TRUE;
  json_member_number (out, &first, "overall", attest_agreement_get_alpha_u (agreement, NULL));
  json_key (out, &first, "labels");
  g_string_append_c (out, '{');
  first = TRUE;
  for (guint i = 0; labels[i] != NULL; i++)
    json_member_number (out, &first, labels[i], attest_agreement_get_alpha_u (agreement, labels[i]));
  g_string_append (out, "}}");

  if (with_differences)
    json_differences (out, agreement);
  g_string_append (out, "\n}\n");

  fwrite (out->str, 1, out->len, stdout);
}

/* Output for people ------------------------------------------------------- */

/* Pads by characters, not bytes: "—", "κ" and names are not ASCII. */
static void
append_padded (GString    *out,
               const char *text,
               guint       width,
               gboolean    right)
{
  glong len = g_utf8_strlen (text, -1);

  if (right)
    for (glong i = len; i < (glong) width; i++)
      g_string_append_c (out, ' ');
  g_string_append (out, text);
  if (!right)
    for (glong i = len; i < (glong) width; i++)
      g_string_append_c (out, ' ');
}

static void
append_value (GString *out,
              double   value)
{
  g_autofree char *text = isnan (value) ? g_strdup ("—") : g_strdup_printf ("%.4f", value);

  if (g_str_equal (text, "-0.0000"))
    text[0] = ' ';
  g_string_append_c (out, ' ');
  append_padded (out, text, 7, TRUE);
}

static void
append_header (GString    *out,
               const char *first_column,
               guint       width,
               gboolean    attribution)
{
  static const char *columns[] = { "P", "R", "F1", "P", "R", "F1", "κ", "αU" };

  append_padded (out, "", width, FALSE);
  g_string_append_c (out, ' ');
  /* TRANSLATORS: column group headings over P, R and F1; at most 23 characters */
  append_padded (out, _("exact"), 24, FALSE);
  g_string_append (out, _("overlap"));
  g_string_append_c (out, '\n');
  append_padded (out, first_column, width, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_string_append_c (out, ' ');
      append_padded (out, columns[i], 7, TRUE);
    }
  if (attribution)
    {
      g_string_append (out, "  ");
      /* TRANSLATORS: a column: the share of matched quotes whose speakers agree */
      g_string_append (out, _("attribution"));
    }
  g_string_append_c (out, '\n');
}

static void
append_scores (GString                 *out,
               const char              *row,
               guint                    width,
               const AttestAgreeScores *scores,
               double                   alpha_u)
{
  append_padded (out, row, width, FALSE);
  append_value (out, scores->exact.precision);
  append_value (out, scores->exact.recall);
  append_value (out, scores->exact.f1);
  append_value (out, scores->overlap.precision);
  append_value (out, scores->overlap.recall);
  append_value (out, scores->overlap.f1);
  append_value (out, scores->kappa);
  append_value (out, alpha_u);
}

static char *
annotator_list (AttestAgreement *agreement)
{
  guint n = attest_agreement_get_n_annotators (agreement);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint r = 0; r + 1 < n; r++)
    {
      g_autofree char *shown = escape_for_terminal (attest_agreement_get_annotator (agreement, r), 0);

      if (r > 0)
        g_string_append (names, ", ");
      g_string_append (names, shown);
    }

  {
    g_autofree char *last = escape_for_terminal (attest_agreement_get_annotator (agreement, n - 1), 0);

    /* TRANSLATORS: "ana, ben and chloe" */
    return g_strdup_printf (_("%s and %s"), names->str, last);
  }
}

static void
print_table (AttestAgreement *agreement)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *names = annotator_list (agreement);
  const char * const *labels = attest_agreement_get_labels (agreement);
  guint n_pairs = attest_agreement_get_n_pairs (agreement);
  guint n_documents = attest_agreement_get_n_documents (agreement);
  guint64 n_tokens = attest_agreement_get_n_tokens (agreement);
  guint width = MAX (g_utf8_strlen (_("overall"), -1), g_utf8_strlen (_("label"), -1));
  g_autofree char *documents = NULL;
  g_autofree char *count = NULL;
  g_autofree char *tokens = NULL;
  AttestAgreeScores scores;
  AttestAgreeAttribution attribution;
  guint pair = n_pairs == 1 ? 0 : ATTEST_AGREE_MEAN;

  for (guint i = 0; labels[i] != NULL; i++)
    {
      g_autofree char *shown = escape_for_terminal (labels[i], 0);

      width = MAX (width, (guint) g_utf8_strlen (shown, -1));
    }

  documents = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u document", "%u documents", n_documents),
                               n_documents);
  count = g_strdup_printf ("%" G_GUINT64_FORMAT, n_tokens);
  /* TRANSLATORS: %s is a number */
  tokens = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s token", "%s tokens",
                                         (gulong) MIN (n_tokens, G_MAXULONG)),
                            count);
  /* TRANSLATORS: "Agreement of ana and ben: 3 documents, 412 tokens" */
  g_string_append_printf (out, _("Agreement of %s: %s, %s"), names, documents, tokens);
  g_string_append_c (out, '\n');
  if (n_pairs > 1)
    {
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                "Per label: the mean over %u pair; αU of all annotators together",
                                                "Per label: the mean over %u pairs; αU of all annotators together",
                                                n_pairs),
                              n_pairs);
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');

  append_header (out, _("label"), width, FALSE);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      g_autofree char *shown = escape_for_terminal (labels[i], 0);

      attest_agreement_get_scores (agreement, pair, labels[i], &scores);
      append_scores (out, shown, width, &scores, attest_agreement_get_alpha_u (agreement, labels[i]));
      g_string_append_c (out, '\n');
    }
  attest_agreement_get_scores (agreement, pair, NULL, &scores);
  append_scores (out, _("overall"), width, &scores, attest_agreement_get_alpha_u (agreement, NULL));
  g_string_append (out, "\n\n");

  if (n_pairs > 1)
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
      guint pair_width = g_utf8_strlen (_("mean"), -1);

      for (guint p = 0; p < n_pairs; p++)
        {
          guint a, b;
          g_autofree char *na = NULL;
          g_autofree char *nb = NULL;

          attest_agreement_get_pair (agreement, p, &a, &b);
          na = escape_for_terminal (attest_agreement_get_annotator (agreement, a), 0);
          nb = escape_for_terminal (attest_agreement_get_annotator (agreement, b), 0);
          g_ptr_array_add (rows, g_strdup_printf ("%s – %s", na, nb));
          pair_width = MAX (pair_width, (guint) g_utf8_strlen (rows->pdata[p], -1));
        }

      /* TRANSLATORS: a column heading: two annotators */
      append_header (out, _("pair"), pair_width, TRUE);
      for (guint p = 0; p <= n_pairs; p++)
        {
          guint which = p < n_pairs ? p : ATTEST_AGREE_MEAN;

          attest_agreement_get_scores (agreement, which, NULL, &scores);
          attest_agreement_get_attribution (agreement, which, &attribution);
          append_scores (out, p < n_pairs ? rows->pdata[p] : _("mean"), pair_width, &scores, scores.alpha_u);
          g_string_append (out, "  ");
          append_value (out, attribution.accuracy);
          g_string_append_c (out, '\n');
        }
      g_string_append_c (out, '\n');
    }

  attest_agreement_get_attribution (agreement, pair, &attribution);
  if (n_pairs == 1)
    {
      g_autofree char *accuracy = isnan (attribution.accuracy) ? g_strdup ("—")
                                                               : g_strdup_printf ("%.4f", attribution.accuracy);

      /* TRANSLATORS: "Quote attribution: the speakers of 3 of 4 matched quotes agree (0.7500)" */
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                "Quote attribution: the speakers of %u of %u matched quote agree (%s)",
                                                "Quote attribution: the speakers of %u of %u matched quotes agree (%s)",
                                                attribution.matched),
                              attribution.agreeing, attribution.matched, accuracy);
    }
  else
    {
      g_autofree char *accuracy = isnan (attribution.accuracy) ? g_strdup ("—")
                                                               : g_strdup_printf ("%.4f", attribution.accuracy);

      g_string_append_printf (out, _("Quote attribution: mean accuracy over the pairs %s"), accuracy);
    }
  g_string_append_c (out, '\n');

  fwrite (out->str, 1, out->len, stdout);
}

static void
append_speaker (GString                  *out,
                const char               *separator,
                const char               *annotator,
                const AttestAgreeSpeaker *speaker)
{
  g_autofree char *name = escape_for_terminal (annotator, 0);

  g_string_append_printf (out, "%s%s: ", separator, name);
  if (speaker->text == NULL)
    {
      /* TRANSLATORS: a quote attributed to no speaker */
      g_string_append (out, _("no speaker"));
      return;
    }

  {
    g_autofree char *text = escape_for_terminal (speaker->text, DIFF_TEXT_MAX);

    g_string_append_printf (out, "“%s”", text);
  }
  if (speaker->entity != NULL)
    {
      g_autofree char *entity = escape_for_terminal (speaker->entity, DIFF_TEXT_MAX);

      g_string_append_printf (out, " (%s)", entity);
    }
}

static guint
print_diff (AttestAgreement *agreement)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint n_annotators = attest_agreement_get_n_annotators (agreement);
  guint total = 0;

  for (guint d = 0; d < attest_agreement_get_n_documents (agreement); d++)
    {
      GPtrArray *diffs = attest_agreement_get_differences (agreement, d);
      g_autofree char *name = escape_for_terminal (attest_agreement_get_document_name (agreement, d), 0);

      g_string_append_printf (out, "%s\n", name);
      if (diffs->len == 0)
        {
          g_string_append_printf (out, "  %s\n", _("no differences"));
          continue;
        }

      for (guint i = 0; i < diffs->len; i++)
        {
          const AttestAgreeDiff *diff = diffs->pdata[i];
          g_autofree char *range = g_strdup_printf ("%u–%u", diff->start, diff->end);
          g_autofree char *label = escape_for_terminal (diff->label, 0);
          g_autofree char *text = escape_for_terminal (diff->text, DIFF_TEXT_MAX);

          g_string_append (out, "  ");
          append_padded (out, range, 9, FALSE);
          g_string_append_c (out, ' ');
          if (diff->kind == ATTEST_AGREE_DIFF_SPAN)
            {
              append_padded (out, label, 12, FALSE);
              /* Who has it (+) and who has not (−). */
              for (guint r = 0; r < n_annotators; r++)
                {
                  g_autofree char *who = escape_for_terminal (attest_agreement_get_annotator (agreement, r), 0);

                  g_string_append_printf (out, " %s%s", diff->counts[r] > 0 ? "+" : "−", who);
                  if (diff->counts[r] > 1)
                    g_string_append_printf (out, "×%u", diff->counts[r]);
                }
            }
          else
            {
              /* TRANSLATORS: a difference in who said a quote; at most 12 characters */
              append_padded (out, _("attribution"), 12, FALSE);
              append_speaker (out, " ", attest_agreement_get_annotator (agreement, diff->a), &diff->speaker_a);
              append_speaker (out, "; ", attest_agreement_get_annotator (agreement, diff->b), &diff->speaker_b);
              if (diff->b_start != diff->start || diff->b_end != diff->end)
                {
                  g_autofree char *who = escape_for_terminal (attest_agreement_get_annotator (agreement, diff->b), 0);

                  g_string_append_c (out, ' ');
                  /* TRANSLATORS: "(ben’s quote: 12–40)" */
                  g_string_append_printf (out, _("(%s’s quote: %u–%u)"), who, diff->b_start, diff->b_end);
                }
            }
          g_string_append_printf (out, "\n             “%s”\n", text);
          total++;
        }
    }

  g_string_append_c (out, '\n');
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u difference", "%u differences", total), total);
  g_string_append_c (out, '\n');
  fwrite (out->str, 1, out->len, stdout);

  return total;
}

int
attest_cli_agree (int    argc,
                  char **argv)
{
  g_autoptr(GPtrArray) annotators = g_ptr_array_new_with_free_func ((GDestroyNotify) annotator_free);
  g_autoptr(GPtrArray) left_out = g_ptr_array_new_with_free_func ((GDestroyNotify) left_out_free);
  g_autoptr(AttestAgreement) agreement = NULL;
  g_autofree const char **names = NULL;
  g_auto(GStrv) paths = NULL;
  gboolean json = FALSE;
  gboolean diff = FALSE;
  guint n_errors = 0;
  guint n;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for machines"), NULL },
    { "diff", 0, 0, G_OPTION_ARG_NONE, &diff, N_("List what differs, document by document, to adjudicate"), NULL },
    { NULL }
  };

  if (!attest_cli_parse_options (&argc, &argv, "agree",
                                 _("Measure agreement between annotators"),
                                 _("Each PATH is one annotator: a folder of sidecars (documents are paired\n"
                                   "by their path inside it) or one sidecar (paired by its base name)."),
                                 entries, &paths))
    return ATTEST_EXIT_USAGE;

  n = paths != NULL ? g_strv_length (paths) : 0;
  if (n < 2)
    {
      g_printerr ("attest-cli: %s\n", _("agree needs at least two annotators: folders or sidecars"));
      return ATTEST_EXIT_USAGE;
    }

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (annotators, annotator_new (paths[i], &n_errors));
  name_annotators (annotators, paths);

  names = g_new0 (const char *, n + 1);
  for (guint i = 0; i < n; i++)
    names[i] = ((Annotator *) annotators->pdata[i])->name;
  agreement = attest_agreement_new (names);

  compare_documents (agreement, annotators, left_out, &n_errors);
  if (attest_agreement_get_n_documents (agreement) == 0)
    attest_cli_warning (NULL, _("no document is annotated by every annotator"));

  if (json)
    print_json (agreement, left_out, diff);
  else if (diff)
    print_diff (agreement);
  else
    print_table (agreement);

  return n_errors > 0 ? ATTEST_EXIT_PROBLEMS : ATTEST_EXIT_OK;
}
