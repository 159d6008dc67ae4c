/* test-format-conll.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-core.h"
#include "attest-export-private.h"
#include "attest-tokens.h"
#include "format-test-util.h"

#define NESTED  "spans nested in or overlapping another span"
#define NO_TOKEN "spans that cover no token"

/* Emoji and decomposed accents spelled out, so that no editor can
 * normalize them away. */
#define WORKER "\U0001F477\u200D\u2640\uFE0F"
#define JOSE   "Jose\u0301"
#define GARCIA "Garci\u0301a"

/* A span over the first occurrence of @needle. */
static AttestSpan *
add_span (AttestDocument *document,
          const char     *label,
          const char     *needle)
{
  AttestText *text = attest_document_get_text (document);
  const char *data = attest_text_get_data (text);
  const char *found = strstr (data, needle);
  g_autoptr(GError) error = NULL;
  AttestSpan *span;
  guint start;

  g_assert_nonnull (found);
  start = attest_text_byte_to_cp (text, found - data);
  span = attest_span_new (NULL, label, start, start + g_utf8_strlen (needle, -1));
  g_assert_true (attest_document_add_span (document, span, &error));
  g_assert_no_error (error);
  return span;
}

typedef AttestExportChunk Export;

static void
export_clear (Export *export)
{
  if (export->stream != NULL)
    g_string_free (export->stream, TRUE);
  g_clear_pointer (&export->dropped, g_array_unref);
  g_clear_pointer (&export->files, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Export, export_clear)

static const char *
export_document (Export         *export,
                 AttestDocument *document)
{
  g_autoptr(AttestRecord) record = attest_record_new_for_document (document, "doc.txt");
  g_autoptr(AttestTagset) tagset = attest_tagset_new_default ();
  AttestExportContext context = { &attest_export_conll, tagset, FALSE };

  export_clear (export);
  memset (export, 0, sizeof *export);
  export->stream = g_string_new (NULL);
  attest_export_conll.document (&context, record, export);
  g_assert_null (export->files);

  return export->stream->str;
}

static guint64
dropped (Export     *export,
         const char *what)
{
  if (export->dropped == NULL)
    return 0;

  for (guint i = 0; i < export->dropped->len; i++)
    {
      AttestExportDropped *item = &g_array_index (export->dropped, AttestExportDropped, i);

      if (g_str_equal (item->what, what))
        return item->count;
    }

  return 0;
}

/* A reader of our own, as strict as conlleval: checks the layout of every
 * line and returns the chunks ("label: token token | …") and sentences
 * ("token token / token …"), for assertions that read like the text. */
typedef struct
{
  GString *chunks;
  GString *sentences;
  guint    n_documents;
  guint    n_tokens;
  guint    n_o;
} Decoded;

static void
decoded_clear (Decoded *decoded)
{
  if (decoded->chunks != NULL)
    g_string_free (decoded->chunks, TRUE);
  if (decoded->sentences != NULL)
    g_string_free (decoded->sentences, TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Decoded, decoded_clear)

static void
decode (const char *conll,
        Decoded    *decoded)
{
  g_auto(GStrv) lines = g_strsplit (conll, "\n", -1);
  guint n_lines = g_strv_length (lines);
  g_autofree char *label = NULL;
  gboolean fresh_sentence = TRUE;

  decoded_clear (decoded);
  memset (decoded, 0, sizeof *decoded);
  decoded->chunks = g_string_new (NULL);
  decoded->sentences = g_string_new (NULL);

  /* Ends with a blank line, then the split's empty tail. */
  g_assert_cmpuint (n_lines, >=, 3);
  g_assert_cmpstr (lines[n_lines - 1], ==, "");
  g_assert_cmpstr (lines[n_lines - 2], ==, "");

  for (guint i = 0; i + 1 < n_lines; i++)
    {
      const char *line = lines[i];
      g_auto(GStrv) columns = NULL;
      const char *tag;

      if (*line == '\0')
        {
          /* One blank line, never two in a row. */
          if (i + 2 < n_lines)
            g_assert_cmpstr (lines[i + 1], !=, "");
          g_clear_pointer (&label, g_free);
          fresh_sentence = TRUE;
          if (decoded->sentences->len > 0 && i + 2 < n_lines)
            g_string_append (decoded->sentences, " / ");
          continue;
        }

      columns = g_strsplit (line, " ", -1);
      g_assert_cmpuint (g_strv_length (columns), ==, 2);
      g_assert_cmpstr (columns[0], !=, "");
      g_assert_null (strchr (columns[0], '\t'));
      g_assert_null (strchr (columns[0], '\r'));
      tag = columns[1];

      if (g_str_equal (columns[0], "-DOCSTART-"))
        {
          g_assert_cmpstr (tag, ==, "O");
          g_assert_cmpstr (lines[i + 1], ==, "");
          g_assert_true (fresh_sentence);
          decoded->n_documents++;
          if (decoded->sentences->len > 0)
            g_string_append (decoded->sentences, "#");
          i++;
          continue;
        }

      decoded->n_tokens++;
      if (!fresh_sentence)
        g_string_append_c (decoded->sentences, ' ');
      g_string_append (decoded->sentences, columns[0]);
      fresh_sentence = FALSE;

      if (g_str_equal (tag, "O"))
        {
          decoded->n_o++;
          g_clear_pointer (&label, g_free);
        }
      else if (g_str_has_prefix (tag, "B-"))
        {
          g_assert_cmpstr (tag + 2, !=, "");
          g_free (label);
          label = g_strdup (tag + 2);
          if (decoded->chunks->len > 0)
            g_string_append (decoded->chunks, " | ");
          g_string_append_printf (decoded->chunks, "%s: %s", label, columns[0]);
        }
      else
        {
          /* IOB2: I- only goes on a chunk of the same label. */
          g_assert_true (g_str_has_prefix (tag, "I-"));
          g_assert_nonnull (label);
          g_assert_cmpstr (tag + 2, ==, label);
          g_string_append_printf (decoded->chunks, " %s", columns[0]);
        }
    }
}

static void
check_golden (const char *conll,
              const char *name)
{
  g_autofree char *path = format_test_data_path ("export", "golden", "conll", name, NULL);

  format_test_assert_golden (path, conll, -1);
}

static void
test_registered (void)
{
  const AttestExporter *exporter = attest_exporter_lookup ("conll");

  g_assert_true (exporter == &attest_export_conll);
  g_assert_cmpstr (attest_exporter_get_extension (exporter), ==, ".conll");
  g_assert_cmpint (attest_exporter_get_layout (exporter), ==, ATTEST_EXPORT_STREAM);
}

static void
test_golden_harbour (void)
{
  g_autoptr(AttestDocument) document = format_test_load_fixture ("world/harbour.txt");
  g_auto(Export) export = { 0 };
  g_auto(Decoded) decoded = { 0 };
  const char *conll = export_document (&export, document);

  check_golden (conll, "harbour.conll");
  decode (conll, &decoded);

  g_assert_cmpuint (decoded.n_documents, ==, 1);
  /* s4 (a fact inside the quote s3), s7 (a fact crossing the quote s6,
   * which starts earlier) and s10 (a fact inside the quote s8) go. */
  g_assert_cmpstr (decoded.chunks->str, ==,
                   "quote: The bridge is safe again , | "
                   "speaker: Mayor Zoë Okafor | "
                   "quote: and it will carry 40,000 cars a day . | "
                   "speaker: Engineer Renée Dupré | "
                   "quote: the works cost € 12 million | "
                   "quote: We found cracks in three piers . “ Each one was repaired by hand , | "
                   "speaker: she");
  g_assert_cmpuint (export.n_spans, ==, 7);
  g_assert_cmpuint (export.n_relations, ==, 0);
  g_assert_cmpuint (dropped (&export, NESTED), ==, 3);
  g_assert_cmpuint (dropped (&export, NO_TOKEN), ==, 0);
  g_assert_cmpuint (dropped (&export, "relations"), ==, 5);
  g_assert_cmpuint (dropped (&export, "entities"), ==, 2);
  g_assert_cmpuint (dropped (&export, "links from spans to entities"), ==, 3);
  g_assert_cmpuint (dropped (&export, "span attributes"), ==, 4);
  g_assert_cmpuint (dropped (&export, "span notes"), ==, 1);

  /* The headline and each paragraph are sentences; the multi-paragraph
   * quote s8 keeps its two paragraphs in one, and the CRLF never shows. */
  g_assert_cmpstr (decoded.sentences->str, ==,
                   "Harbour bridge 🌉 reopens after repairs / "
                   "“ The bridge is safe again , ” said Mayor Zoë Okafor on Tuesday , "
                   "“ and it will carry 40,000 cars a day . ” / "
                   "Engineer Renée Dupré said the works cost € 12 million " WORKER " , "
                   "a figure the city confirmed . / "
                   "“ We found cracks in three piers . “ Each one was repaired by hand , ” "
                   "she added . / "
                   "Café owners 🇫🇷 cheered < b > loudly < / b > & waved .");
}

static void
test_golden_cjk_rtl (void)
{
  g_autoptr(AttestDocument) document = format_test_load_fixture ("cjk-rtl.txt");
  g_auto(Export) export = { 0 };
  g_auto(Decoded) decoded = { 0 };
  const char *conll = export_document (&export, document);

  check_golden (conll, "cjk-rtl.conll");
  decode (conll, &decoded);

  /* s3 ("３％") is nested in the quote s2. */
  g_assert_cmpstr (decoded.chunks->str, ==,
                   "speaker: 東 京 都 の 知 事 | "
                   "quote: 予 算 を ３ ％ 増 や す | "
                   "speaker: الوزير | "
                   "quote: المشروع سينتهي في 2027 | "
                   "speaker: " JOSE " " GARCIA " | "
                   "quote: We agree .");
  g_assert_cmpuint (export.n_spans, ==, 6);
  g_assert_cmpuint (dropped (&export, NESTED), ==, 1);
  g_assert_cmpuint (dropped (&export, "relations"), ==, 3);
  g_assert_cmpuint (dropped (&export, "entities"), ==, 1);
  g_assert_cmpuint (dropped (&export, "links from spans to entities"), ==, 1);
  g_assert_cmpuint (dropped (&export, "span attributes"), ==, 3);
  g_assert_cmpuint (dropped (&export, "span notes"), ==, 0);

  g_assert_cmpstr (decoded.sentences->str, ==,
                   "東 京 都 の 知 事 は 「 予 算 を ３ ％ 増 や す 」 と 述 べ た 。 / "
                   "𠀋 の 字 も 使 わ れ た 。 / "
                   "قال الوزير إن \" المشروع سينتهي في 2027 \" حسب البيان . / "
                   JOSE " " GARCIA " said : \" We agree . \" / "
                   "😀");
}

/* The rule, case by case: outer beats nested, the earlier of two crossing
 * spans stays, stacked spans keep the first in the sidecar's order. */
static void
test_overlap_rule (void)
{
  g_autoptr(AttestDocument) document =
    format_test_new_document ("Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda.\n");
  g_auto(Export) export = { 0 };
  g_auto(Decoded) decoded = { 0 };

  add_span (document, "quote", "Alpha beta gamma");
  add_span (document, "fact", "beta");                    /* nested: dropped */
  add_span (document, "speaker", "Alpha beta");           /* nested, same start: dropped */
  add_span (document, "fact", "delta epsilon");           /* crosses the next: stays */
  add_span (document, "quote", "epsilon zeta eta");       /* longer, but later: dropped */
  add_span (document, "speaker", "theta iota");           /* stacked: after "quote" in the */
  add_span (document, "quote", "theta iota");             /* sidecar's order, so it goes */
  add_span (document, "fact", "kappa");                   /* nested, same first token: dropped */
  add_span (document, "quote", "kappa lambda");           /* same first token, longer: stays */

  decode (export_document (&export, document), &decoded);

  g_assert_cmpstr (decoded.chunks->str, ==,
                   "quote: Alpha beta gamma | fact: delta epsilon | "
                   "quote: theta iota | quote: kappa lambda");
  g_assert_cmpuint (export.n_spans, ==, 4);
  g_assert_cmpuint (dropped (&export, NESTED), ==, 5);
  g_assert_cmpuint (dropped (&export, NO_TOKEN), ==, 0);
}

/* Edges inside a token take the whole token; a span over no token is
 * dropped and counted apart from overlaps. */
static void
test_snap (void)
{
  g_autoptr(AttestDocument) document =
    format_test_new_document ("Unbelievable news, said Okafor-Smith today.");
  g_auto(Export) export = { 0 };
  g_auto(Decoded) decoded = { 0 };

  add_span (document, "fact", "believ");                  /* inside one word */
  add_span (document, "speaker", "Okafor");               /* the first part of a hyphenated word */
  add_span (document, "fact", "Smith");                   /* the same token: overlaps */
  format_test_add_span (document, "quote", 18, 19);       /* the space after the comma */
  format_test_add_span (document, "quote", 30, 30);       /* empty, inside a word */
  add_span (document, "fact", "s, sa");                   /* three tokens, by their edges */

  decode (export_document (&export, document), &decoded);

  g_assert_cmpstr (decoded.sentences->str, ==, "Unbelievable news , said Okafor-Smith today .");
  /* "Okafor" and "Smith" both take "Okafor-Smith": the first stays. */
  g_assert_cmpstr (decoded.chunks->str, ==,
                   "fact: Unbelievable | fact: news , said | speaker: Okafor-Smith");
  g_assert_cmpuint (export.n_spans, ==, 3);
  g_assert_cmpuint (dropped (&export, NESTED), ==, 1);
  g_assert_cmpuint (dropped (&export, NO_TOKEN), ==, 2);
}

/* A span over a sentence boundary keeps its tokens in one sentence, so
 * that it is one chunk to every reader. */
static void
test_cross_sentence (void)
{
  g_autoptr(AttestDocument) document =
    format_test_new_document ("It rained. “We stayed home. It was cold,” she said.\n\nThe end.");
  g_auto(Export) export = { 0 };
  g_auto(Decoded) decoded = { 0 };

  add_span (document, "quote", "We stayed home. It was cold,");
  decode (export_document (&export, document), &decoded);

  g_assert_cmpstr (decoded.chunks->str, ==, "quote: We stayed home . It was cold ,");
  g_assert_cmpstr (decoded.sentences->str, ==,
                   "It rained . / “ We stayed home . It was cold , ” she said . / The end .");

  /* Without the span, the quote's first sentence ends at its period. */
  {
    g_autoptr(AttestDocument) plain =
      format_test_new_document ("It rained. “We stayed home. It was cold,” she said.\n\nThe end.");
    g_auto(Export) export2 = { 0 };
    g_auto(Decoded) decoded2 = { 0 };

    decode (export_document (&export2, plain), &decoded2);
    g_assert_cmpstr (decoded2.sentences->str, ==,
                     "It rained . / “ We stayed home . / It was cold , ” she said . / The end .");
  }
}

static void
test_no_spans (void)
{
  g_autoptr(AttestDocument) document = format_test_new_document ("No spans here. None at all!\n");
  g_auto(Export) export = { 0 };
  g_auto(Decoded) decoded = { 0 };
  const char *conll = export_document (&export, document);

  g_assert_cmpstr (conll, ==,
                   "-DOCSTART- O\n\n"
                   "No O\nspans O\nhere O\n. O\n\n"
                   "None O\nat O\nall O\n! O\n\n");
  decode (conll, &decoded);
  g_assert_cmpuint (decoded.n_tokens, ==, 8);
  g_assert_cmpuint (decoded.n_o, ==, 8);
  g_assert_cmpuint (export.n_spans, ==, 0);
  g_assert_null (export.dropped);
}

static void
test_empty_text (void)
{
  g_autoptr(AttestDocument) document = format_test_new_document (" \r\n\t ");
  g_auto(Export) export = { 0 };

  g_assert_cmpstr (export_document (&export, document), ==, "-DOCSTART- O\n\n");
}

/* A label from an import may hold white space; the tag must not. */
static void
test_label_spaces (void)
{
  g_autoptr(AttestDocument) document = format_test_new_document ("Direct speech here.");
  g_auto(Export) export = { 0 };

  add_span (document, "direct quote\t2", "Direct speech");
  g_assert_cmpstr (export_document (&export, document), ==,
                   "-DOCSTART- O\n\n"
                   "Direct B-direct_quote_2\nspeech I-direct_quote_2\nhere O\n. O\n\n");
}

/* Scratch buffers are per thread and reused: many threads exporting at
 * once, big and small documents in turn, give the same bytes. */
static gpointer
export_thread (gpointer data)
{
  AttestDocument *document = data;
  g_autofree char *path = format_test_data_path ("export", "golden", "conll", "harbour.conll",
                                                 NULL);
  g_autofree char *expected = NULL;

  g_assert_true (g_file_get_contents (path, &expected, NULL, NULL));

  for (guint i = 0; i < 50; i++)
    {
      g_auto(Export) export = { 0 };

      g_assert_cmpstr (export_document (&export, document), ==, expected);
    }

  return NULL;
}

static void
test_threads (void)
{
  g_autoptr(AttestDocument) document = format_test_load_fixture ("world/harbour.txt");
  g_autoptr(GString) big = g_string_new (NULL);
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("export", export_thread, document);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);

  /* A document past the scratch's keep limit, then a small one again. */
  for (guint i = 0; i < 20000; i++)
    g_string_append (big, "One more word here. ");
  {
    g_autoptr(AttestDocument) large = format_test_new_document (big->str);
    g_auto(Export) export = { 0 };
    g_auto(Decoded) decoded = { 0 };

    decode (export_document (&export, large), &decoded);
    g_assert_cmpuint (decoded.n_tokens, ==, 100000);
  }
  export_thread (document);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/attest/core/format/conll/registered", test_registered);
  g_test_add_func ("/attest/core/format/conll/golden/harbour", test_golden_harbour);
  g_test_add_func ("/attest/core/format/conll/golden/cjk-rtl", test_golden_cjk_rtl);
  g_test_add_func ("/attest/core/format/conll/overlap-rule", test_overlap_rule);
  g_test_add_func ("/attest/core/format/conll/snap", test_snap);
  g_test_add_func ("/attest/core/format/conll/cross-sentence", test_cross_sentence);
  g_test_add_func ("/attest/core/format/conll/no-spans", test_no_spans);
  g_test_add_func ("/attest/core/format/conll/empty-text", test_empty_text);
  g_test_add_func ("/attest/core/format/conll/label-spaces", test_label_spaces);
  g_test_add_func ("/attest/core/format/conll/threads", test_threads);

  return g_test_run ();
}
