/* attest-sidecar-reader.cpp: the sidecar read path, with simdjson
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cstring>
#include <memory>

#include "attest-sidecar-reader-private.h"

extern "C" {
#include "attest-json-guard.h"
#include "attest-text-private.h"
}

/* How this reader works, and why:
 *
 * - simdjson's On-Demand API rather than its DOM: it hands out the raw
 *   token of a number, so a number in a member we do not know is written
 *   back exactly as it was read ("1.50" stays "1.50"); and it builds no
 *   tree, only the structural index, which is the part that runs with
 *   SIMD (chosen at run time) and validates UTF-8 for the whole input.
 *
 * - On-Demand is lazy: it only reports what it is asked to look at, and
 *   in simdjson 3.0 it has no depth limit. So every value is visited (or
 *   is a scalar we checked ourselves), the nesting depth is counted here,
 *   and integers are read from their token with our own grammar check
 *   rather than converted by simdjson, so "-1", "1.5", "1e2" and 2^64+1
 *   each get a message that says what is wrong with them.
 *
 * - simdjson does not say where a syntax error is. When anything is wrong
 *   the bytes go through attest_json_guard_check(), a strict scalar JSON
 *   checker that gives line and column. Its finding wins over ours: a
 *   damaged file is reported as damaged, at a position, before anything
 *   is said about its members. This costs nothing on the good path.
 *
 * - Strings are checked for \u0000 here; simdjson rejects lone surrogate
 *   escapes itself (the guard then says which one).
 */

namespace attest_reader {

/* Objects of the format ---------------------------------------------------- */

bool
Reader::read (od::document &doc)
{
  od::json_type type;
  od::object object;
  error_code code;

  if ((code = doc.type ().get (type)) != simdjson::SUCCESS)
    return json_fail (code);
  if (type != od::json_type::object)
    {
      not_a_sidecar_ = true;
      return invalid (&ROOT, "the top level must be an object, not %s", describe_type (type));
    }
  if ((code = doc.get_object ().get (object)) != simdjson::SUCCESS)
    return json_fail (code);

  std::string_view key;
  od::value value;

  FOR_EACH_MEMBER (object, key, value)
    {
      int k = lookup_key (key, top_keys);
      Path member = ROOT.member (key);

      if (k >= 0 && !top_members_.add_known ((guint) k))
        return duplicate_member (&ROOT, key);

      switch (k)
        {
        case TOP_FORMAT:
          if (!read_string (value, &member, format_))
            {
              not_a_sidecar_ = true;
              return false;
            }
          if (format_ != "attest")
            {
              g_autoptr(GString) quoted = g_string_new (nullptr);

              append_quoted (quoted, format_);
              not_a_sidecar_ = true;
              return invalid (&member, "%s is not \"attest\"; this is not an Attest sidecar",
                              quoted->str);
            }
          break;

        case TOP_VERSION:
          if (!read_integer (value, &member, version_))
            return false;
          if (version_ < 1)
            return invalid (&member, "expected an integer of at least 1, not %" G_GINT64_FORMAT,
                            version_);
          break;

        case TOP_GENERATOR:
          if (!read_optional_string (value, &member, generator_, have_generator_))
            return false;
          break;

        case TOP_DOCUMENT:
          if (!read_document (value, &member))
            return false;
          break;

        case TOP_TEXT:
          if (!read_string (value, &member, text_))
            return false;
          break;

        case TOP_TAGSET:
          if (!read_tagset (value, &member))
            return false;
          break;

        case TOP_SPANS:
          if (!read_spans (value, &member, 2, spans_))
            return false;
          break;

        case TOP_RELATIONS:
          if (!read_relations (value, &member, 2, relations_))
            return false;
          break;

        case TOP_ENTITIES:
          if (!read_entities (value, &member))
            return false;
          break;

        case TOP_SUGGESTIONS:
          if (!read_suggestions (value, &member))
            return false;
          break;

        default:
          if (!top_members_.add_unknown (key))
            return duplicate_member (&ROOT, key);
          if (!append_member (extra_[ATTEST_EXTRA_TOP], key, value, &member, 2))
            return false;
          break;
        }
    }

  /* Trailing bytes after the object: On-Demand stops at its end. */
  if (doc.current_location ().error () == simdjson::SUCCESS)
    return json_fail (simdjson::TRAILING_CONTENT);

  if (!top_members_.has (TOP_FORMAT))
    {
      not_a_sidecar_ = true;
      return invalid (&ROOT, "the member \"format\" is missing; this is not an Attest sidecar");
    }
  if (!top_members_.has (TOP_VERSION))
    return missing (&ROOT, "version");
  if (!top_members_.has (TOP_DOCUMENT))
    return missing (&ROOT, "document");
  if (!top_members_.has (TOP_TEXT))
    return missing (&ROOT, "text");
  if (!top_members_.has (TOP_SPANS))
    return missing (&ROOT, "spans");

  return true;
}

bool
Reader::read_document (od::value  &value,
                       const Path *path)
{
  od::object object;
  std::string_view key;
  od::value child;

  if (!get_object (value, path, 2, object))
    return false;

  FOR_EACH_MEMBER (object, key, child)
    {
      int k = lookup_key (key, document_keys);
      Path member = path->member (key);
      std::string_view str;

      if (k >= 0 && !document_members_.add_known ((guint) k))
        return duplicate_member (path, key);

      switch (k)
        {
        case DOC_FILE:
          if (!read_string (child, &member, file_))
            return false;
          break;

        case DOC_SHA256:
          if (!read_string (child, &member, sha256_))
            return false;
          break;

        case DOC_LENGTH:
          if (!read_offset (child, &member, length_))
            return false;
          break;

        case DOC_STATUS:
          if (!read_string (child, &member, str))
            return false;
          if (str == "new")
            status_ = ATTEST_STATUS_NEW;
          else if (str == "in-progress")
            status_ = ATTEST_STATUS_IN_PROGRESS;
          else if (str == "done")
            status_ = ATTEST_STATUS_DONE;
          else
            {
              g_autoptr(GString) quoted = g_string_new (nullptr);

              append_quoted (quoted, str);
              return invalid (&member, "%s is not one of \"new\", \"in-progress\", \"done\"",
                              quoted->str);
            }
          break;

        case DOC_LANGUAGE:
          if (!read_optional_string (child, &member, language_, have_language_))
            return false;
          break;

        case DOC_META:
          if (!read_meta (child, &member))
            return false;
          break;

        default:
          if (!document_members_.add_unknown (key))
            return duplicate_member (path, key);
          if (!append_member (extra_[ATTEST_EXTRA_DOCUMENT], key, child, &member, 3))
            return false;
          break;
        }
    }

  static const int required[] = { DOC_FILE, DOC_SHA256, DOC_LENGTH, DOC_STATUS };
  for (int k : required)
    if (!document_members_.has ((guint) k))
      return missing (path, document_keys[k]);

  return true;
}

/* String members are metadata; anything else is kept as it is. */
bool
Reader::read_meta (od::value  &value,
                   const Path *path)
{
  od::object object;
  MemberSet members;
  std::string_view key;
  od::value child;

  if (!get_object (value, path, 3, object))
    return false;

  FOR_EACH_MEMBER (object, key, child)
    {
      Path member = path->member (key);
      od::json_type type;

      if (!check_string (key, path))
        return false;
      if (!members.add_unknown (key))
        return duplicate_member (path, key);
      if (!get_type (child, type))
        return false;

      if (type == od::json_type::string)
        {
          std::string_view str;

          if (!read_string (child, &member, str))
            return false;
          meta_.emplace_back (key, str);
        }
      else if (!append_member (extra_[ATTEST_EXTRA_META], key, child, &member, 4))
        return false;
    }

  return true;
}

bool
Reader::read_tagset (od::value  &value,
                     const Path *path)
{
  od::object object;
  MemberSet members;
  std::string_view key;
  od::value child;
  od::json_type type;

  if (!get_type (value, type))
    return false;
  /* null is "no tag set", like a missing member. */
  if (type == od::json_type::null)
    {
      std::string_view ignored;
      bool present;

      return read_optional_string (value, path, ignored, present);
    }

  if (!get_object (value, path, 2, object))
    return false;

  FOR_EACH_MEMBER (object, key, child)
    {
      int k = lookup_key (key, tagset_keys);
      Path member = path->member (key);

      if (k >= 0 && !members.add_known ((guint) k))
        return duplicate_member (path, key);

      switch (k)
        {
        case TAGSET_NAME:
          if (!read_string (child, &member, tagset_name_))
            return false;
          break;

        case TAGSET_VERSION:
          if (!read_integer (child, &member, tagset_version_))
            return false;
          break;

        default:
          if (!members.add_unknown (key))
            return duplicate_member (path, key);
          if (!append_member (extra_[ATTEST_EXTRA_TAGSET], key, child, &member, 3))
            return false;
          break;
        }
    }

  if (!members.has (TAGSET_NAME))
    return missing (path, "name");

  have_tagset_ = true;
  return true;
}

bool
Reader::read_suggestions (od::value  &value,
                          const Path *path)
{
  od::object object;
  MemberSet members;
  std::string_view key;
  od::value child;

  if (!get_object (value, path, 2, object))
    return false;

  FOR_EACH_MEMBER (object, key, child)
    {
      int k = lookup_key (key, suggestions_keys);
      Path member = path->member (key);

      if (k >= 0 && !members.add_known ((guint) k))
        return duplicate_member (path, key);

      switch (k)
        {
        case SUG_SPANS:
          if (!read_spans (child, &member, 3, suggested_spans_))
            return false;
          break;

        case SUG_RELATIONS:
          if (!read_relations (child, &member, 3, suggested_relations_))
            return false;
          break;

        case SUG_REJECTED:
          if (!read_rejected (child, &member, 3))
            return false;
          break;

        default:
          if (!members.add_unknown (key))
            return duplicate_member (path, key);
          if (!append_member (extra_[ATTEST_EXTRA_SUGGESTIONS], key, child, &member, 3))
            return false;
          break;
        }
    }

  return true;
}

/* Building the document ---------------------------------------------------- */

bool
Reader::check_span (AttestText       *text,
                    const SpanRecord &rec,
                    const Path       *path)
{
  const AttestSpan *span = rec.span;
  guint length = attest_text_get_length (text);

  if (span->start > length)
    {
      Path member = path->member ("start");

      return invalid (&member, "%u is past the end of the text (%u)", span->start, length);
    }

  if (span->end > length)
    {
      Path member = path->member ("end");

      return invalid (&member, "%u is past the end of the text (%u)", span->end, length);
    }

  if (!attest_text_slice_equal (text, span->start, span->end,
                                rec.text.data (), (gssize) rec.text.size ()))
    {
      g_autoptr(GString) found = g_string_new (nullptr);
      g_autoptr(GString) actual = g_string_new (nullptr);
      const char *from = attest_text_get_pointer (text, span->start);
      const char *to = attest_text_get_pointer (text, span->end);
      Path member = path->member ("text");

      append_quoted (found, rec.text);
      append_quoted (actual, std::string_view (from, to - from));
      return invalid (&member, "%s does not match the text at [%u, %u) (%s)",
                      found->str, span->start, span->end, actual->str);
    }

  return true;
}

/* Ids are checked here, not by the document, so the message can name both
 * places. */
namespace {

class IdIndex
{
public:
  IdIndex () : table_ (g_hash_table_new (g_str_hash, g_str_equal)) {}
  ~IdIndex () { g_hash_table_unref (table_); }
  IdIndex (const IdIndex &) = delete;
  IdIndex &operator= (const IdIndex &) = delete;

  /* Returns the earlier index + 1 of @id, or 0 and remembers it. */
  guint
  add (const char *id,
       guint       index)
  {
    gpointer earlier;

    if (g_hash_table_lookup_extended (table_, id, nullptr, &earlier))
      return GPOINTER_TO_UINT (earlier);

    g_hash_table_insert (table_, (gpointer) id, GUINT_TO_POINTER (index + 1));
    return 0;
  }

private:
  GHashTable *table_;
};

} /* namespace */

bool
Reader::add_spans (AttestDocument          *document,
                   std::vector<SpanRecord> &records,
                   const Path              *list_path,
                   bool                     suggested)
{
  AttestText *text = attest_document_get_text (document);
  IdIndex ids;

  for (gsize i = 0; i < records.size (); i++)
    {
      SpanRecord &rec = records[i];
      Path item = list_path->element (i);
      g_autoptr(GError) local_error = nullptr;
      guint earlier;
      gboolean added;

      if (!check_span (text, rec, &item))
        return false;

      if ((earlier = ids.add (rec.span->id, (guint) i)) != 0)
        {
          Path member = item.member ("id");
          g_autoptr(GString) where = g_string_new (nullptr);
          Path first = list_path->element (earlier - 1);

          append_path (where, &first);
          return invalid (&member, "\"%s\" is used twice (also %s)", rec.span->id, where->str);
        }

      if (suggested)
        added = attest_document_add_suggested_span (document, rec.span, &local_error);
      else
        added = attest_document_add_span (document, rec.span, &local_error);
      if (!added)
        return invalid (&item, "%s", local_error->message);

      rec.span = nullptr;
    }

  records.clear ();
  return true;
}

bool
Reader::add_relations (AttestDocument                *document,
                       std::vector<AttestRelation *> &relations,
                       const Path                    *list_path,
                       bool                           suggested)
{
  IdIndex ids;

  for (gsize i = 0; i < relations.size (); i++)
    {
      AttestRelation *relation = relations[i];
      Path item = list_path->element (i);
      g_autoptr(GError) local_error = nullptr;
      guint earlier;
      gboolean added;

      if ((earlier = ids.add (relation->id, (guint) i)) != 0)
        {
          Path member = item.member ("id");
          g_autoptr(GString) where = g_string_new (nullptr);
          Path first = list_path->element (earlier - 1);

          append_path (where, &first);
          return invalid (&member, "\"%s\" is used twice (also %s)", relation->id, where->str);
        }

      if (suggested)
        added = attest_document_add_suggested_relation (document, relation, &local_error);
      else
        added = attest_document_add_relation (document, relation, &local_error);
      if (!added)
        return invalid (&item, "%s", local_error->message);

      relations[i] = nullptr;
    }

  relations.clear ();
  return true;
}

bool
Reader::add_entities (AttestDocument *document)
{
  Path list_path = ROOT.member ("entities");
  IdIndex ids;

  for (gsize i = 0; i < entities_.size (); i++)
    {
      AttestEntity *entity = entities_[i];
      Path item = list_path.element (i);
      g_autoptr(GError) local_error = nullptr;
      guint earlier;

      if ((earlier = ids.add (entity->id, (guint) i)) != 0)
        {
          Path member = item.member ("id");

          return invalid (&member, "\"%s\" is used twice (also entities[%u])",
                          entity->id, earlier - 1);
        }

      if (!attest_document_add_entity (document, entity, &local_error))
        return invalid (&item, "%s", local_error->message);

      entities_[i] = nullptr;
    }

  entities_.clear ();
  return true;
}

bool
Reader::add_rejected (AttestDocument *document,
                      guint           length)
{
  Path suggestions = ROOT.member ("suggestions");
  Path list_path = suggestions.member ("rejected");

  for (gsize i = 0; i < rejected_.size (); i++)
    {
      AttestRejected *rejected = rejected_[i];

      if (rejected->end > length)
        {
          bool start_past = rejected->start > length;
          Path item = list_path.element (i);
          Path member = item.member (start_past ? "start" : "end");

          return invalid (&member, "%u is past the end of the text (%u)",
                          start_past ? rejected->start : rejected->end, length);
        }

      attest_document_add_rejected (document, rejected);
      rejected_[i] = nullptr;
    }

  rejected_.clear ();
  return true;
}

AttestDocument *
Reader::build ()
{
  g_autoptr(AttestText) text = nullptr;
  g_autoptr(AttestDocument) document = nullptr;
  g_autoptr(GError) local_error = nullptr;
  Path document_path = ROOT.member ("document");
  Path suggestions_path = ROOT.member ("suggestions");
  guint length;

  if (text_.size () > G_MAXUINT32)
    {
      Path member = ROOT.member ("text");

      invalid (&member, "the text is too long (%" G_GSIZE_FORMAT " bytes)", text_.size ());
      return nullptr;
    }
  /* simdjson validated the UTF-8 and check_string() refused \u0000. */
  text = _attest_text_new_validated (text_.data (), text_.size ());

  length = attest_text_get_length (text);
  if (length_ != length)
    {
      Path member = document_path.member ("length");

      invalid (&member, "%u but the text has %u code points", length_, length);
      return nullptr;
    }

  /* A fuzzer cannot forge a checksum, and every mutation of the text would
   * stop here; fuzz builds skip it to reach the checks after it. */
#ifndef ATTEST_FUZZING
  {
    const char *sha256 = attest_text_get_sha256 (text);

    if (sha256_.size () != strlen (sha256) ||
        g_ascii_strncasecmp (sha256_.data (), sha256, sha256_.size ()) != 0)
      {
        invalid (&ROOT, "document.sha256 does not match the text");
        return nullptr;
      }
  }
#endif

  document = attest_document_new (text);
  attest_document_set_version (document, version_);

  {
    g_autofree char *file = dup (file_);

    attest_document_set_file_name (document, file);
  }
  attest_document_set_status (document, status_);
  if (have_language_)
    {
      g_autofree char *language = dup (language_);

      attest_document_set_language (document, language);
    }
  for (const auto &[key, value] : meta_)
    {
      g_autofree char *k = dup (key);
      g_autofree char *v = dup (value);

      attest_document_set_meta (document, k, v);
    }
  if (have_generator_)
    {
      g_autofree char *generator = dup (generator_);

      attest_document_set_generator (document, generator);
    }
  if (have_tagset_)
    {
      g_autofree char *tagset_name = dup (tagset_name_);

      attest_document_set_tagset (document, tagset_name, tagset_version_);
    }
  for (guint i = 0; i < ATTEST_N_EXTRA; i++)
    if (extra_[i] != nullptr)
      attest_document_set_extra (document, (AttestExtra) i, extra_[i]->str);

  {
    Path spans_path = ROOT.member ("spans");
    Path relations_path = ROOT.member ("relations");
    Path suggested_spans_path = suggestions_path.member ("spans");
    Path suggested_relations_path = suggestions_path.member ("relations");

    if (!add_spans (document, spans_, &spans_path, false) ||
        !add_relations (document, relations_, &relations_path, false) ||
        !add_entities (document) ||
        !add_spans (document, suggested_spans_, &suggested_spans_path, true) ||
        !add_relations (document, suggested_relations_, &suggested_relations_path, true) ||
        !add_rejected (document, length))
      return nullptr;
  }

  if (version_ > ATTEST_SIDECAR_VERSION)
    attest_document_set_read_only (document, TRUE);
  attest_document_set_modified (document, FALSE);

  return static_cast<AttestDocument *> (g_steal_pointer (&document));
}

/* When a file with a newer version fails, say so rather than what failed.
 * The version may come after the member that failed, so look it up. */
gint64
Reader::find_version (od::parser &parser,
                      const char *padded,
                      gsize       len)
{
  simdjson::padded_string_view view (padded, len, len + simdjson::SIMDJSON_PADDING);
  od::document doc;
  od::value value;
  od::json_type type;
  std::string_view token;
  bool integer;

  if (top_members_.has (TOP_VERSION))
    return version_;

  if (parser.iterate (view).get (doc) != simdjson::SUCCESS ||
      doc.find_field_unordered ("version").get (value) != simdjson::SUCCESS ||
      value.type ().get (type) != simdjson::SUCCESS ||
      type != od::json_type::number)
    return 0;

  token = trim_token (value.raw_json_token ());
  if (!is_json_number (token, &integer) || !integer || token[0] == '-')
    return 0;

  return (gint64) MIN (parse_digits (token), (guint64) G_MAXINT64);
}

static void
locate (const char *data,
        const char *at,
        guint      *line,
        guint      *column)
{
  const char *line_start = data;

  *line = 1;
  for (const char *p = data; p < at; p++)
    if (*p == '\n')
      {
        (*line)++;
        line_start = p + 1;
      }

  *column = 1;
  for (const char *p = line_start; p < at; p++)
    if (((guchar) *p & 0xc0) != 0x80)
      (*column)++;
}

/* @data is the input as given, @padded the JSON after a BOM (in the
 * parser's padded copy). */
void
Reader::report (const char    *data,
                gsize          len,
                od::parser    &parser,
                od::document  *doc,
                const char    *padded,
                gsize          padded_len,
                GError       **error)
{
  g_autoptr(GError) syntax = nullptr;

  g_assert (failure_ != Failure::NONE);

  if (!attest_json_guard_check (data, len, MAX_DEPTH, &syntax))
    {
      g_set_error (error, ATTEST_ERROR, syntax->code, "%s %s", name_, syntax->message);
      return;
    }

  if (failure_ == Failure::JSON)
    {
      const char *at = nullptr;
      guint line, column;

      /* The guard and simdjson disagree; a fuzzer should find out. */
#ifdef ATTEST_FUZZING
      g_error ("simdjson failed (%s) where the guard did not",
               simdjson::error_message (json_error_));
#endif
      if (doc == nullptr || doc->current_location ().get (at) != simdjson::SUCCESS ||
          at < padded || at > padded + padded_len)
        at = padded;
      locate (padded, at, &line, &column);
      g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_PARSE,
                   "%s line %u, column %u: malformed JSON (%s)",
                   name_, line, column, simdjson::error_message (json_error_));
      return;
    }

  if (!not_a_sidecar_)
    {
      gint64 version = find_version (parser, padded, padded_len);

      if (version > ATTEST_SIDECAR_VERSION)
        {
          g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_NEWER_VERSION,
                       "%s: written by a newer Attest (format version %" G_GINT64_FORMAT "); "
                       "open it with a newer Attest",
                       name_, version);
          return;
        }
    }

  g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_INVALID, "%s: %s", name_, message_->str);
}

} /* namespace attest_reader */

using namespace attest_reader;

/* The part of a read that is the same whatever comes of it: limits, a
 * BOM, the parser, the member walk, and the message when anything fails.
 * @finish turns a successful walk into the result. */
template <typename Finish>
static bool
parse_with (const char  *data,
            gsize        len,
            bool         padded,
            Arena       *arena,
            const char  *display_name,
            GError     **error,
            Finish       finish)
{
  static thread_local od::parser cached_parser;
  std::unique_ptr<od::parser> own_parser;
  od::parser *parser = &cached_parser;
  std::unique_ptr<simdjson::padded_string> copy;
  simdjson::padded_string_view view;
  od::document doc;
  const char *json;
  gsize json_len;
  error_code code;
  bool ok = false;

  if (display_name == nullptr)
    display_name = "sidecar";

  if (len > ATTEST_SIDECAR_MAX_BYTES)
    {
      g_autofree char *size = g_format_size (len);
      g_autofree char *limit = g_format_size (ATTEST_SIDECAR_MAX_BYTES);

      g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_TOO_LARGE,
                   "%s: the file is %s, larger than sidecars may be (%s)",
                   display_name, size, limit);
      return false;
    }

  /* Editors on some systems add a BOM; JSON allows ignoring it. The guard
   * below skips it by itself, so it is given the bytes as they are. */
  json = data;
  json_len = len;
  if (json_len >= 3 && memcmp (json, "\xef\xbb\xbf", 3) == 0)
    {
      json += 3;
      json_len -= 3;
    }

  if (json_len > CACHED_PARSER_MAX)
    {
      own_parser.reset (new od::parser ());
      parser = own_parser.get ();
    }

  /* The export path reads files into buffers with room for simdjson's
   * padding, so the bytes need not be copied once more. */
  static_assert (ATTEST_RECORD_PADDING >= simdjson::SIMDJSON_PADDING, "padding");
  if (padded)
    view = simdjson::padded_string_view (json, json_len, json_len + simdjson::SIMDJSON_PADDING);
  else
    {
      copy.reset (new simdjson::padded_string (json, json_len));
      view = simdjson::padded_string_view (copy->data (), json_len,
                                           json_len + simdjson::SIMDJSON_PADDING);
    }

  Reader reader (display_name, json_len);

  reader.use_arena (arena);
  code = parser->iterate (view).get (doc);
  if (code != simdjson::SUCCESS)
    reader.json_fail (code);
  else if (reader.read (doc))
    ok = finish (reader);

  if (ok)
    {
#ifdef ATTEST_FUZZING
      /* Anything simdjson and the walk accept, the strict guard must too. */
      g_autoptr(GError) guard_error = nullptr;

      if (!attest_json_guard_check (data, len, ATTEST_SIDECAR_MAX_DEPTH, &guard_error))
        g_error ("accepted a sidecar the guard rejects: %s", guard_error->message);
#endif
      return true;
    }

  reader.report (data, len, *parser, code == simdjson::SUCCESS ? &doc : nullptr,
                 view.data (), json_len, error);
  return false;
}

/**
 * attest_sidecar_parse:
 * @data: the sidecar's bytes
 * @len: their length
 * @display_name: the file's name for messages
 * @error: return location for a #GError
 *
 * See attest-sidecar.h. Safe to call from any thread.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
AttestDocument *
attest_sidecar_parse (const char  *data,
                      gsize        len,
                      const char  *display_name,
                      GError     **error)
{
  AttestDocument *document = nullptr;

  g_return_val_if_fail (data != nullptr || len == 0, nullptr);
  g_return_val_if_fail (error == nullptr || *error == nullptr, nullptr);

  parse_with (data, len, false, nullptr, display_name, error,
              [&document] (Reader &reader) {
                document = reader.build ();
                return document != nullptr;
              });

  return document;
}

/**
 * attest_sidecar_read_record:
 *
 * See attest-record.h.
 *
 * Returns: %TRUE when @func was called
 */
gboolean
attest_sidecar_read_record (const char       *data,
                            gsize             len,
                            gboolean          padded,
                            const char       *display_name,
                            const char       *name,
                            AttestRecordFunc  func,
                            gpointer          user_data,
                            GError          **error)
{
  g_return_val_if_fail (data != nullptr || len == 0, FALSE);
  g_return_val_if_fail (name != nullptr, FALSE);
  g_return_val_if_fail (func != nullptr, FALSE);
  g_return_val_if_fail (error == nullptr || *error == nullptr, FALSE);

  static thread_local Arena arena;
  gboolean ok;

  ok = parse_with (data, len, padded && data != nullptr, &arena, display_name, error,
                   [name, func, user_data] (Reader &reader) {
                     return reader.record (name, func, user_data);
                   });
  arena.reset ();

  return ok;
}
