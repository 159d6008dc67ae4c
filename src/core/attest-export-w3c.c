/* attest-export-w3c.c: W3C Web Annotation (JSON-LD)
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "attest-export-private.h"

/* The whole export is one AnnotationCollection (Web Annotation Data
 * Model, section 5) whose first and only AnnotationPage holds every
 * annotation in "items": head opens it, each document writes its
 * annotations one per line, the job puts ",\n" between documents and
 * tail closes it. Each shard of a sharded export is such a collection.
 *
 * No "total" (a SHOULD of the model): tail is handed the summary of the
 * whole export so far, which is not the count of one shard, and a wrong
 * count is worse than none. A reader counts "items".
 *
 * Identifiers. The model wants an IRI for every annotation, and the
 * annotation-model test suite checks them as absolute URIs, so a relative
 * IRI will not do and an export has no web address of its own. We use
 * URNs in an "attest" namespace:
 *
 *   urn:attest:NAME          the article (the target's source)
 *   urn:attest:NAME#s1       the annotation of span s1
 *   urn:attest:NAME#r1       the annotation of relation r1
 *   urn:attest:NAME#e2       entity e2 when it has no Wikidata id
 *   urn:attest:annotator:BY  the annotator (creator)
 *
 * NAME is the record's name ("world/harbour.txt") with everything but
 * ASCII letters, digits, "-._~" and "/" percent-encoded as UTF-8, so the
 * same document exported twice gets the same ids and ids of different
 * documents never collide.
 *
 * A span is an Annotation with motivation "tagging": a TextualBody with
 * purpose "tagging" holds the label; each attribute is a TextualBody with
 * purpose "classifying" whose value is the attribute's value and whose
 * "attribute" member (an extension term in our second @context entry)
 * names it; the note is a TextualBody with purpose "commenting"; a
 * speaker's entity is a SpecificResource with purpose "identifying"
 * (its Wikidata IRI, http://www.wikidata.org/entity/Q…, or the entity's
 * URN, so spans of one entity share it) and its name a TextualBody with
 * the same purpose. The target is the article with two selectors for the
 * same segment: a TextPositionSelector and a TextQuoteSelector. The model
 * counts both in Unicode code points, "not in terms of code units"
 * (4.2.4; 4.2.5 counts "in the same way"): Attest's offsets as they are.
 *
 * A relation is an Annotation with motivation "linking" (3.3.5: "to link
 * to a resource related to the Target") whose target is the annotation
 * of its "from" span and whose bodies are the relation type (purpose
 * "tagging") and the annotation of its "to" span (a SpecificResource
 * with purpose "linking"), so a said-by arrow reads "this quote links to
 * that speaker". Its attributes are classifying bodies as for spans.
 *
 * Items carry no @context of their own: they are embedded in the
 * collection, whose context applies to them (as in the model's examples
 * of pages). */

#define W3C_CONTEXT "[\"http://www.w3.org/ns/anno.jsonld\", " \
                    "{\"attest\": \"urn:attest:vocab#\", \"attribute\": \"attest:attribute\"}]"
#define W3C_COLLECTION "urn:attest:export"
#define W3C_PAGE       W3C_COLLECTION "#page-1"

/* Code points of context either side in a TextQuoteSelector. */
#define QUOTE_CONTEXT 32

static void
append_iri (GString    *out,
            const char *prefix,
            const char *name,
            const char *fragment)
{
  g_autofree char *escaped_name = g_uri_escape_string (name, "/", FALSE);
  g_autofree char *escaped_fragment = NULL;

  g_string_append_c (out, '"');
  g_string_append (out, prefix);
  g_string_append (out, escaped_name);
  if (fragment != NULL)
    {
      escaped_fragment = g_uri_escape_string (fragment, NULL, FALSE);
      g_string_append_c (out, '#');
      g_string_append (out, escaped_fragment);
    }
  g_string_append_c (out, '"');
}

static gunichar
char_at (AttestText *text,
         guint       cp)
{
  return g_utf8_get_char (attest_text_get_pointer (text, cp));
}

static gboolean
is_regional_indicator (gunichar c)
{
  return c >= 0x1F1E6 && c <= 0x1F1FF;
}

/* Whether a grapheme cluster runs on across the boundary before code
 * point @cp. Not the whole of UAX #29, which GLib does not offer: the
 * cases that occur in news text (combining marks, CRLF, emoji ZWJ
 * sequences, variation selectors, skin tones, tags, flags), so that the
 * context of a TextQuoteSelector does not begin or end inside a
 * character as a reader sees it (model 4.2.4: "SHOULD NOT start or end
 * in the middle of a grapheme cluster"). */
static gboolean
is_inside_cluster (AttestText *text,
                   guint       cp)
{
  gunichar c, prev;
  guint n_indicators = 0;

  if (cp == 0 || cp >= attest_text_get_length (text))
    return FALSE;

  c = char_at (text, cp);
  prev = char_at (text, cp - 1);

  if (prev == '\r' && c == '\n')
    return TRUE;
  if (prev == 0x200D || c == 0x200D)
    return TRUE;
  if (g_unichar_ismark (c) ||
      (c >= 0xFE00 && c <= 0xFE0F) ||
      (c >= 0xE0100 && c <= 0xE01EF) ||
      (c >= 0x1F3FB && c <= 0x1F3FF) ||
      (c >= 0xE0020 && c <= 0xE007F))
    return TRUE;

  /* Flags are pairs of regional indicators: inside one when an odd
   * number of them run up to the boundary. */
  if (is_regional_indicator (c))
    for (guint i = cp; i > 0 && is_regional_indicator (char_at (text, i - 1)); i--)
      n_indicators++;

  return n_indicators % 2 == 1;
}

static void
append_slice (GString            *out,
              const AttestRecord *record,
              guint               start,
              guint               end)
{
  gsize n_bytes;
  const char *slice = attest_export_slice (record, start, end, &n_bytes);

  attest_json_append_string (out, slice, n_bytes);
}

static void
append_target (GString            *out,
               const AttestRecord *record,
               const AttestSpan   *span)
{
  guint length = attest_text_get_length (record->text);
  guint before = span->start > QUOTE_CONTEXT ? span->start - QUOTE_CONTEXT : 0;
  guint after = MIN (length, span->end + QUOTE_CONTEXT);

  while (before < span->start && is_inside_cluster (record->text, before))
    before++;
  while (after > span->end && is_inside_cluster (record->text, after))
    after--;

  attest_json_append_literal (out, "\"target\": {\"source\": ");
  append_iri (out, "urn:attest:", record->name, NULL);
  g_string_append_printf (out,
                          ", \"selector\": [{\"type\": \"TextPositionSelector\", "
                          "\"start\": %u, \"end\": %u}, "
                          "{\"type\": \"TextQuoteSelector\", \"exact\": ",
                          span->start, span->end);
  append_slice (out, record, span->start, span->end);
  /* Written when empty too: at the start of the text nothing precedes
   * the quote, which is what an empty prefix says (the model wants
   * exactly one of each). */
  attest_json_append_literal (out, ", \"prefix\": ");
  append_slice (out, record, before, span->start);
  attest_json_append_literal (out, ", \"suffix\": ");
  append_slice (out, record, span->end, after);
  attest_json_append_literal (out, "}]}");
}

static void
append_textual_body (GString    *out,
                     const char *purpose,
                     const char *attribute,
                     const char *value)
{
  gboolean first = TRUE;

  attest_json_append_literal (out, ", {\"type\": \"TextualBody\"");
  first = FALSE;
  attest_json_member_string (out, &first, "purpose", purpose);
  if (attribute != NULL)
    attest_json_member_string (out, &first, "attribute", attribute);
  attest_json_member_string (out, &first, "value", value);
  g_string_append_c (out, '}');
}

static void
append_attributes (GString      *out,
                   char * const *attrs)
{
  for (guint i = 0; attrs != NULL && attrs[i] != NULL; i += 2)
    append_textual_body (out, "classifying", attrs[i], attrs[i + 1]);
}

/* "created" and "creator" (model 3.3.1), when the sidecar has them. */
static void
append_provenance (GString    *out,
                   const char *by,
                   const char *created)
{
  gboolean first = FALSE;

  if (created != NULL)
    attest_json_member_string (out, &first, "created", created);
  if (by != NULL)
    {
      attest_json_append_literal (out, ", \"creator\": {\"id\": ");
      append_iri (out, "urn:attest:annotator:", by, NULL);
      attest_json_append_literal (out, ", \"type\": \"Person\"");
      /* An annotator is known by a handle only, which is both. */
      attest_json_member_string (out, &first, "name", by);
      attest_json_member_string (out, &first, "nickname", by);
      g_string_append_c (out, '}');
    }
}

static void
append_span (GString            *out,
             const AttestRecord *record,
             const AttestSpan   *span)
{
  const AttestEntity *entity = attest_record_lookup_entity (record, span->entity);

  attest_json_append_literal (out, "{\"id\": ");
  append_iri (out, "urn:attest:", record->name, span->id);
  attest_json_append_literal (out, ", \"type\": \"Annotation\", \"motivation\": \"tagging\"");
  append_provenance (out, span->by, span->created);

  /* The label's body comes first; append_textual_body() writes the ", "
   * before each, so the first is written here. */
  attest_json_append_literal (out, ", \"body\": [{\"type\": \"TextualBody\", "
                                   "\"purpose\": \"tagging\", \"value\": ");
  attest_json_append_string (out, span->label, -1);
  g_string_append_c (out, '}');
  append_attributes (out, span->attrs);
  if (span->note != NULL)
    append_textual_body (out, "commenting", NULL, span->note);
  if (entity != NULL)
    {
      attest_json_append_literal (out, ", {\"type\": \"SpecificResource\", "
                                       "\"purpose\": \"identifying\", \"source\": ");
      if (entity->wikidata != NULL)
        {
          g_autofree char *qid = g_uri_escape_string (entity->wikidata, NULL, FALSE);
          g_autofree char *iri = g_strconcat ("http://www.wikidata.org/entity/", qid, NULL);

          attest_json_append_string (out, iri, -1);
        }
      else
        {
          append_iri (out, "urn:attest:", record->name, entity->id);
        }
      g_string_append_c (out, '}');
      append_textual_body (out, "identifying", NULL, entity->name);
    }
  attest_json_append_literal (out, "], ");

  append_target (out, record, span);
  g_string_append_c (out, '}');
}

static void
append_relation (GString              *out,
                 const AttestRecord   *record,
                 const AttestRelation *relation)
{
  attest_json_append_literal (out, "{\"id\": ");
  append_iri (out, "urn:attest:", record->name, relation->id);
  attest_json_append_literal (out, ", \"type\": \"Annotation\", \"motivation\": \"linking\"");
  append_provenance (out, relation->by, relation->created);

  attest_json_append_literal (out, ", \"body\": [{\"type\": \"TextualBody\", "
                                   "\"purpose\": \"tagging\", \"value\": ");
  attest_json_append_string (out, relation->type, -1);
  g_string_append_c (out, '}');
  append_attributes (out, relation->attrs);
  attest_json_append_literal (out, ", {\"type\": \"SpecificResource\", "
                                   "\"purpose\": \"linking\", \"source\": ");
  append_iri (out, "urn:attest:", record->name, relation->to);
  attest_json_append_literal (out, "}], \"target\": ");
  append_iri (out, "urn:attest:", record->name, relation->from);
  g_string_append_c (out, '}');
}

static void
export_head (const AttestExportContext *context,
             GString                   *out)
{
  /* Not translated: the label is data, read by programs. */
  attest_json_append_literal (out,
                              "{\"@context\": " W3C_CONTEXT ",\n"
                              " \"id\": \"" W3C_COLLECTION "\",\n"
                              " \"type\": \"AnnotationCollection\",\n"
                              " \"label\": \"Attest export\",\n"
                              " \"first\": {\"id\": \"" W3C_PAGE "\", "
                              "\"type\": \"AnnotationPage\", "
                              "\"partOf\": \"" W3C_COLLECTION "\", "
                              "\"startIndex\": 0, \"items\": [\n");
}

static void
export_document (const AttestExportContext *context,
                 const AttestRecord        *record,
                 AttestExportChunk         *chunk)
{
  GString *out = chunk->stream;
  gboolean first = TRUE;

  for (guint i = 0; i < record->n_spans; i++)
    {
      if (!first)
        attest_json_append_literal (out, ",\n");
      first = FALSE;
      append_span (out, record, record->spans[i]);
    }

  for (guint i = 0; i < record->n_relations; i++)
    {
      if (!first)
        attest_json_append_literal (out, ",\n");
      first = FALSE;
      append_relation (out, record, record->relations[i]);
    }

  chunk->n_spans = record->n_spans;
  chunk->n_relations = record->n_relations;
}

static void
export_tail (const AttestExportContext *context,
             const AttestExportSummary *summary,
             GString                   *out,
             AttestExportChunk         *chunk)
{
  attest_json_append_literal (out, "\n]},\n \"last\": \"" W3C_PAGE "\"}\n");
}

const AttestExporter attest_export_w3c = {
  .name = "w3c",
  .title = N_("W3C Web Annotation (JSON-LD)"),
  .extension = ".jsonld",
  .layout = ATTEST_EXPORT_STREAM,
  .separator = ",\n",
  .head = export_head,
  .document = export_document,
  .tail = export_tail,
};
