/* attest-import-lines-private.h: JSON Lines input shared by the spaCy and
 * doccano importers
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "attest-import-private.h"

G_BEGIN_DECLS

/* Both formats are one JSON object per line with Attest's own members
 * added on export (see attest-export-spacy.c and attest-export-doccano.c);
 * the reading of lines and of those members is written once, in
 * attest-import-lines.c. */

/* One line's object. @source is "news.jsonl line 3" for messages;
 * @fallback_name the document's name when the line names none
 * ("line-3.txt", or "news/line-3.txt" for a file found in a folder). */
typedef gboolean (*AttestImportLineFunc) (AttestImportContext  *context,
                                          JsonObject           *object,
                                          const char           *source,
                                          const char           *fallback_name,
                                          GError              **error);

/* @input is a .jsonl file, or a folder whose *.jsonl and *.json files are
 * read in name order. Blank lines are skipped; each other line is checked
 * with attest_json_guard_check() before json-glib parses it, and must be
 * an object. */
gboolean attest_import_lines_run           (AttestImportContext   *context,
                                            const char            *input,
                                            AttestImportLineFunc   func,
                                            GError               **error);

/* Typed members. An absent member (or null) leaves the value alone and
 * succeeds; a member of another type fails with "SOURCE: PATH.MEMBER:
 * expected …". @path may be NULL for members of the line's object. */
gboolean attest_import_lines_get_string    (JsonObject   *object,
                                            const char   *member,
                                            const char   *source,
                                            const char   *path,
                                            const char  **value,
                                            GError      **error);
gboolean attest_import_lines_get_uint      (JsonObject   *object,
                                            const char   *member,
                                            const char   *source,
                                            const char   *path,
                                            gboolean     *present,
                                            guint        *value,
                                            GError      **error);
gboolean attest_import_lines_get_array     (JsonObject   *object,
                                            const char   *member,
                                            const char   *source,
                                            const char   *path,
                                            JsonArray   **value,
                                            GError      **error);
gboolean attest_import_lines_get_object    (JsonObject   *object,
                                            const char   *member,
                                            const char   *source,
                                            const char   *path,
                                            JsonObject  **value,
                                            GError      **error);
/* The element @index of @array as an object ("PATH[INDEX]: expected an
 * object" otherwise). */
JsonObject *attest_import_lines_array_object (JsonArray  *array,
                                              guint       index,
                                              const char *source,
                                              const char *path,
                                              GError    **error);

/* @name when it can name an article (a .txt or .md path); NULL
 * otherwise, so the caller falls back. */
const char *attest_import_lines_pick_name  (const char   *name);

/* Checks the range and, when the span object has a "text" member, that it
 * equals the text at [start, end): an exporter that counted offsets in
 * other units is caught here rather than imported shifted. @unit names
 * the offsets for the message ("UTF-16 code units"). */
gboolean attest_import_lines_check_span    (AttestText   *text,
                                            JsonObject   *object,
                                            guint         start,
                                            guint         end,
                                            const char   *unit,
                                            const char   *source,
                                            const char   *path,
                                            GError      **error);

/* TRUE when @id has Attest's shape with @prefix ("s12" for "s"): ids
 * kept from a file must, so that the next id given (largest + 1) is well
 * defined. */
gboolean attest_import_lines_is_id         (const char   *id,
                                            const char   *prefix);

/* "attrs": an object of strings, set into *@attrs. */
gboolean attest_import_lines_read_attrs    (JsonObject   *object,
                                            const char   *source,
                                            const char   *path,
                                            char       ***attrs,
                                            GError      **error);

/* A span's Attest members: "attrs" (object of strings), "note" (string),
 * "entity" (an entity object {id, name, kind, wikidata}, or an id string);
 * an entity not in @document yet is added. And the id member @id_member
 * ("id" or "attest_id") when it is a span id of Attest's shape. */
gboolean attest_import_lines_span_extras   (AttestDocument *document,
                                            JsonObject     *object,
                                            AttestSpan     *span,
                                            const char     *id_member,
                                            const char     *source,
                                            const char     *path,
                                            GError        **error);

/* The document's Attest members: "attest_status", "attest_language",
 * "attest_entities" (added first, so spans' entities find them). */
gboolean attest_import_lines_document_extras (AttestDocument *document,
                                              JsonObject     *object,
                                              const char     *source,
                                              GError        **error);

/* Every string member of @object as document metadata. */
void     attest_import_lines_meta          (AttestDocument *document,
                                            JsonObject     *object);

/* Adds @spans (AttestSpan *, taken) to @document: those that kept an id
 * from the file first, so that the ids given to the rest (largest + 1)
 * never collide with one read later. A repeated id is dropped and a new
 * one given. */
gboolean attest_import_lines_add_spans     (AttestDocument *document,
                                            GPtrArray      *spans,
                                            const char     *source,
                                            GError        **error);
/* The same for relations (AttestRelation *, taken). */
gboolean attest_import_lines_add_relations (AttestDocument *document,
                                            GPtrArray      *relations,
                                            const char     *source,
                                            GError        **error);

G_END_DECLS
