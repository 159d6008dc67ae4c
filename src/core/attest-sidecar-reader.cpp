/* attest-sidecar-reader.cpp: the sidecar read path, with simdjson
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

/* GLib's headers carry C++ templates of their own in C++ mode, so they are
 * included before the extern "C" block; the core's headers then find them
 * already included. */
#include <gio/gio.h>

#include <simdjson.h>

extern "C" {
#include "attest-document.h"
#include "attest-error.h"
#include "attest-json-guard.h"
#include "attest-json-writer.h"
#include "attest-sidecar.h"
#include "attest-span.h"
#include "attest-text.h"
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
 *   rather than simdjson's (which would let "01" or 2^64+1 by differently).
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

namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;

constexpr guint MAX_DEPTH = ATTEST_SIDECAR_MAX_DEPTH;
/* Quoted text in messages is cut to this many characters. */
constexpr guint QUOTE_CHARS = 60;
/* A parser keeps its buffers for the next call on the same thread; past
 * this input size it is not kept, so one huge file does not pin memory. */
constexpr gsize CACHED_PARSER_MAX = 1024 * 1024;

/* A member path ("spans[3].end"), built on the stack while descending and
 * only turned into text when something is wrong. */
struct Path
{
  const Path       *parent;
  std::string_view  key;
  gssize            index;

  Path member (std::string_view k) const { return Path { this, k, -1 }; }
  Path element (gsize i) const { return Path { this, {}, (gssize) i }; }
};

constexpr Path ROOT { nullptr, {}, -1 };

bool
is_plain_key (std::string_view key)
{
  if (key.empty ())
    return false;

  for (char c : key)
    if (!g_ascii_isalnum (c) && c != '_' && c != '-')
      return false;

  return true;
}

void
append_path (GString    *out,
             const Path *path)
{
  if (path == nullptr || path->parent == nullptr)
    return;

  append_path (out, path->parent);

  if (path->index >= 0)
    g_string_append_printf (out, "[%" G_GSSIZE_FORMAT "]", path->index);
  else if (is_plain_key (path->key))
    {
      if (path->parent->parent != nullptr)
        g_string_append_c (out, '.');
      g_string_append_len (out, path->key.data (), path->key.size ());
    }
  else
    {
      g_string_append_c (out, '[');
      attest_json_append_string (out, path->key.data (), path->key.size ());
      g_string_append_c (out, ']');
    }
}

/* @str as a JSON string literal, cut after QUOTE_CHARS characters. */
void
append_quoted (GString          *out,
               std::string_view  str)
{
  const char *p = str.data ();
  const char *end = str.data () + str.size ();
  guint n;

  for (n = 0; p < end && n < QUOTE_CHARS; n++)
    p = g_utf8_next_char (p);

  attest_json_append_string (out, str.data (), p - str.data ());
  if (p < end)
    g_string_append (out, "…");
}

std::string_view
trim_token (std::string_view token)
{
  while (!token.empty () && (token.back () == ' ' || token.back () == '\t' ||
                             token.back () == '\n' || token.back () == '\r'))
    token.remove_suffix (1);

  return token;
}

/* RFC 8259 number grammar. On-Demand hands us the token as it was. */
bool
is_json_number (std::string_view token,
                bool             *integer)
{
  gsize i = 0;
  gsize n = token.size ();

  *integer = true;

  if (i < n && token[i] == '-')
    i++;
  if (i >= n)
    return false;
  if (token[i] == '0')
    i++;
  else if (token[i] >= '1' && token[i] <= '9')
    while (i < n && g_ascii_isdigit (token[i]))
      i++;
  else
    return false;

  if (i < n && token[i] == '.')
    {
      *integer = false;
      if (++i >= n || !g_ascii_isdigit (token[i]))
        return false;
      while (i < n && g_ascii_isdigit (token[i]))
        i++;
    }

  if (i < n && (token[i] == 'e' || token[i] == 'E'))
    {
      *integer = false;
      if (++i < n && (token[i] == '+' || token[i] == '-'))
        i++;
      if (i >= n || !g_ascii_isdigit (token[i]))
        return false;
      while (i < n && g_ascii_isdigit (token[i]))
        i++;
    }

  return i == n;
}

/* The digits of a non-negative integer token, saturating at G_MAXUINT64. */
guint64
parse_digits (std::string_view digits)
{
  guint64 value = 0;

  for (char c : digits)
    {
      guint d = (guint) (c - '0');

      if (value > (G_MAXUINT64 - d) / 10)
        return G_MAXUINT64;
      value = value * 10 + d;
    }

  return value;
}

/* The same limits as attest_json_guard_check(): integers fit in 64 bits,
 * other numbers are finite, so every JSON tool can read what we keep. */
bool
number_in_range (std::string_view token,
                 bool             integer)
{
  if (integer)
    {
      bool negative = token[0] == '-';
      guint64 magnitude = parse_digits (negative ? token.substr (1) : token);

      return magnitude <= (guint64) G_MAXINT64 + (negative ? 1 : 0) &&
             magnitude != G_MAXUINT64;
    }
  else
    {
      g_autofree char *copy = g_strndup (token.data (), token.size ());

      return std::isfinite (g_ascii_strtod (copy, nullptr));
    }
}

const char *
describe_type (od::json_type type)
{
  switch (type)
    {
    case od::json_type::array:
      return "an array";
    case od::json_type::object:
      return "an object";
    case od::json_type::number:
      return "a number";
    case od::json_type::string:
      return "a string";
    case od::json_type::boolean:
      return "true or false";
    case od::json_type::null:
      return "null";
    default:
      return "an unknown value";
    }
}

/* Duplicate member names. Known members are bits; unknown ones are few,
 * so a short list, turning into a hash set for objects with many. */
class MemberSet
{
public:
  bool
  add_known (guint bit)
  {
    guint32 mask = 1u << bit;

    if (known_ & mask)
      return false;
    known_ |= mask;
    return true;
  }

  bool
  has (guint bit) const
  {
    return (known_ & (1u << bit)) != 0;
  }

  bool
  add_unknown (std::string_view key)
  {
    if (many_)
      return many_->insert (key).second;

    for (std::string_view seen : unknown_)
      if (seen == key)
        return false;

    unknown_.push_back (key);
    if (unknown_.size () > 16)
      many_.reset (new std::unordered_set<std::string_view> (unknown_.begin (),
                                                              unknown_.end ()));
    return true;
  }

private:
  guint32 known_ = 0;
  std::vector<std::string_view> unknown_;
  std::unique_ptr<std::unordered_set<std::string_view>> many_;
};

template <gsize N>
int
lookup_key (std::string_view                 key,
            const std::string_view         (&names)[N])
{
  for (gsize i = 0; i < N; i++)
    if (names[i] == key)
      return (int) i;

  return -1;
}

enum { TOP_FORMAT, TOP_VERSION, TOP_GENERATOR, TOP_DOCUMENT, TOP_TEXT, TOP_TAGSET,
       TOP_SPANS, TOP_RELATIONS, TOP_ENTITIES, TOP_SUGGESTIONS };
constexpr std::string_view top_keys[] = {
  "format", "version", "generator", "document", "text", "tagset",
  "spans", "relations", "entities", "suggestions",
};

enum { DOC_FILE, DOC_SHA256, DOC_LENGTH, DOC_STATUS, DOC_LANGUAGE, DOC_META };
constexpr std::string_view document_keys[] = {
  "file", "sha256", "length", "status", "language", "meta",
};

enum { SPAN_ID, SPAN_LABEL, SPAN_START, SPAN_END, SPAN_TEXT, SPAN_ATTRS, SPAN_NOTE,
       SPAN_ENTITY, SPAN_BY, SPAN_ORIGIN, SPAN_CREATED, SPAN_REVIEW, SPAN_WAS };
constexpr std::string_view span_keys[] = {
  "id", "label", "start", "end", "text", "attrs", "note",
  "entity", "by", "origin", "created", "review", "was",
};

enum { REL_ID, REL_TYPE, REL_FROM, REL_TO, REL_ATTRS, REL_BY, REL_ORIGIN, REL_CREATED };
constexpr std::string_view relation_keys[] = {
  "id", "type", "from", "to", "attrs", "by", "origin", "created",
};

enum { ENT_ID, ENT_NAME, ENT_KIND, ENT_WIKIDATA, ENT_ALIASES };
constexpr std::string_view entity_keys[] = {
  "id", "name", "kind", "wikidata", "aliases",
};

enum { REJ_LABEL, REJ_START, REJ_END, REJ_RULE };
constexpr std::string_view rejected_keys[] = {
  "label", "start", "end", "rule",
};

enum { TAGSET_NAME, TAGSET_VERSION };
constexpr std::string_view tagset_keys[] = { "name", "version" };

enum { SUG_SPANS, SUG_RELATIONS, SUG_REJECTED };
constexpr std::string_view suggestions_keys[] = { "spans", "relations", "rejected" };

/* A span read from the file, checked against the text once the text is
 * known (members may come in any order). */
struct SpanRecord
{
  AttestSpan       *span;
  std::string_view  text;
};

enum class Failure { NONE, JSON, INVALID };

class Reader
{
public:
  explicit Reader (const char *display_name)
    : name_ (display_name)
  {
  }

  ~Reader ()
  {
    for (SpanRecord &rec : spans_)
      attest_span_free (rec.span);
    for (SpanRecord &rec : suggested_spans_)
      attest_span_free (rec.span);
    for (AttestRelation *r : relations_)
      attest_relation_free (r);
    for (AttestRelation *r : suggested_relations_)
      attest_relation_free (r);
    for (AttestEntity *e : entities_)
      attest_entity_free (e);
    for (AttestRejected *r : rejected_)
      attest_rejected_free (r);
    for (GString *extra : extra_)
      if (extra != nullptr)
        g_string_free (extra, TRUE);
    if (message_ != nullptr)
      g_string_free (message_, TRUE);
  }

  Reader (const Reader &) = delete;
  Reader &operator= (const Reader &) = delete;

  bool read (od::document &doc);
  AttestDocument *build ();
  void report (const char     *data,
               gsize           len,
               od::parser     &parser,
               od::document   *doc,
               const char     *padded,
               GError        **error);

  bool
  json_fail (error_code code)
  {
    g_assert (code != simdjson::SUCCESS);

    if (failure_ == Failure::NONE)
      {
        failure_ = Failure::JSON;
        json_error_ = code;
      }
    return false;
  }

private:
  G_GNUC_PRINTF (3, 4)
  bool invalid (const Path *path,
                const char *format,
                ...);
  bool duplicate_member (const Path       *object_path,
                         std::string_view  key);
  bool missing (const Path       *object_path,
                std::string_view  key);
  bool expected (const Path    *path,
                 const char    *what,
                 od::value     &value,
                 od::json_type  type);

  bool get_type (od::value     &value,
                 od::json_type &type);
  bool get_object (od::value   &value,
                   const Path  *path,
                   guint        depth,
                   od::object  &object);
  bool get_array (od::value  &value,
                  const Path *path,
                  guint       depth,
                  od::array  &array);
  bool read_string (od::value        &value,
                    const Path       *path,
                    std::string_view &out);
  bool read_optional_string (od::value        &value,
                             const Path       *path,
                             std::string_view &out,
                             bool             &present);
  bool read_offset (od::value  &value,
                    const Path *path,
                    guint      &out);
  bool read_integer (od::value  &value,
                     const Path *path,
                     gint64     &out);
  bool check_string (std::string_view  str,
                     const Path       *path);
  const char *intern (std::string_view str);

  bool append_value (GString    *out,
                     od::value  &value,
                     const Path *path,
                     guint       depth);
  bool append_member (GString          *&out,
                      std::string_view   key,
                      od::value         &value,
                      const Path        *path,
                      guint              depth);
  bool read_attrs (od::value   &value,
                   const Path  *path,
                   guint        depth,
                   char      ***out);

  bool read_document (od::value &value, const Path *path);
  bool read_meta (od::value &value, const Path *path);
  bool read_tagset (od::value &value, const Path *path);
  bool read_suggestions (od::value &value, const Path *path);
  bool read_spans (od::value                &value,
                   const Path               *path,
                   guint                     depth,
                   std::vector<SpanRecord>  &out);
  bool read_span (od::value  &value,
                  const Path *path,
                  guint       depth,
                  SpanRecord &rec);
  bool read_relations (od::value                     &value,
                       const Path                    *path,
                       guint                          depth,
                       std::vector<AttestRelation *> &out);
  bool read_relation (od::value       &value,
                      const Path      *path,
                      guint            depth,
                      AttestRelation **out);
  bool read_entities (od::value &value, const Path *path);
  bool read_entity (od::value     &value,
                    const Path    *path,
                    AttestEntity **out);
  bool read_rejected (od::value  &value,
                      const Path *path,
                      guint       depth);

  bool check_span (AttestText       *text,
                   const SpanRecord &rec,
                   const Path       *path);
  bool add_spans (AttestDocument           *document,
                  std::vector<SpanRecord>  &records,
                  const Path               *list_path,
                  bool                      suggested);
  bool add_relations (AttestDocument                *document,
                      std::vector<AttestRelation *> &relations,
                      const Path                    *list_path,
                      bool                           suggested);
  bool add_entities (AttestDocument *document);
  bool add_rejected (AttestDocument *document,
                     guint           length);
  gint64 find_version (od::parser &parser,
                       const char *padded,
                       gsize       len);

  const char *name_;

  Failure failure_ = Failure::NONE;
  error_code json_error_ = simdjson::SUCCESS;
  GString *message_ = nullptr;
  /* The problem is with "format": not ours at all, whatever the version. */
  bool not_a_sidecar_ = false;

  MemberSet top_members_;
  std::string_view format_;
  gint64 version_ = 0;
  std::string_view generator_;
  bool have_generator_ = false;

  MemberSet document_members_;
  std::string_view file_;
  std::string_view sha256_;
  guint length_ = 0;
  AttestStatus status_ = ATTEST_STATUS_NEW;
  std::string_view language_;
  bool have_language_ = false;
  std::vector<std::pair<std::string_view, std::string_view>> meta_;

  std::string_view text_;

  bool have_tagset_ = false;
  std::string_view tagset_name_;
  gint64 tagset_version_ = 0;

  std::vector<SpanRecord> spans_;
  std::vector<SpanRecord> suggested_spans_;
  std::vector<AttestRelation *> relations_;
  std::vector<AttestRelation *> suggested_relations_;
  std::vector<AttestEntity *> entities_;
  std::vector<AttestRejected *> rejected_;
  GString *extra_[ATTEST_N_EXTRA] = {};

  /* Scratch for attrs, reused from span to span. */
  std::vector<std::pair<std::string_view, std::string_view>> attrs_;
  /* The last interned strings: labels, annotators and origins repeat. */
  const char *interned_[8] = {};
  guint interned_next_ = 0;
};

/* Errors ------------------------------------------------------------------ */

bool
Reader::invalid (const Path *path,
                 const char *format,
                 ...)
{
  va_list args;

  if (failure_ != Failure::NONE)
    return false;

  failure_ = Failure::INVALID;
  message_ = g_string_new (nullptr);
  append_path (message_, path);
  if (message_->len > 0)
    g_string_append (message_, ": ");

  va_start (args, format);
  g_string_append_vprintf (message_, format, args);
  va_end (args);

  return false;
}

bool
Reader::duplicate_member (const Path       *object_path,
                          std::string_view  key)
{
  g_autoptr(GString) quoted = g_string_new (nullptr);

  append_quoted (quoted, key);
  return invalid (object_path, "the member %s appears twice", quoted->str);
}

bool
Reader::missing (const Path       *object_path,
                 std::string_view  key)
{
  return invalid (object_path, "the required member \"%.*s\" is missing",
                  (int) key.size (), key.data ());
}

bool
Reader::expected (const Path    *path,
                  const char    *what,
                  od::value     &value,
                  od::json_type  type)
{
  if (type == od::json_type::number)
    {
      std::string_view token = trim_token (value.raw_json_token ());
      bool integer;

      /* Let the guard report a malformed token where it is. */
      if (!is_json_number (token, &integer))
        return json_fail (simdjson::NUMBER_ERROR);

      return invalid (path, "expected %s, not %.*s%s", what,
                      (int) MIN (token.size (), QUOTE_CHARS), token.data (),
                      token.size () > QUOTE_CHARS ? "…" : "");
    }

  return invalid (path, "expected %s, not %s", what, describe_type (type));
}

/* Typed access ------------------------------------------------------------ */

bool
Reader::get_type (od::value     &value,
                  od::json_type &type)
{
  error_code code = value.type ().get (type);

  if (code != simdjson::SUCCESS)
    return json_fail (code);

  return true;
}

bool
Reader::get_object (od::value  &value,
                    const Path *path,
                    guint       depth,
                    od::object &object)
{
  od::json_type type;
  error_code code;

  if (!get_type (value, type))
    return false;
  if (type != od::json_type::object)
    return expected (path, "an object", value, type);
  if (depth > MAX_DEPTH)
    return json_fail (simdjson::DEPTH_ERROR);

  if ((code = value.get_object ().get (object)) != simdjson::SUCCESS)
    return json_fail (code);

  return true;
}

bool
Reader::get_array (od::value  &value,
                   const Path *path,
                   guint       depth,
                   od::array  &array)
{
  od::json_type type;
  error_code code;

  if (!get_type (value, type))
    return false;
  if (type != od::json_type::array)
    return expected (path, "an array", value, type);
  if (depth > MAX_DEPTH)
    return json_fail (simdjson::DEPTH_ERROR);

  if ((code = value.get_array ().get (array)) != simdjson::SUCCESS)
    return json_fail (code);

  return true;
}

bool
Reader::check_string (std::string_view  str,
                      const Path       *path)
{
  if (memchr (str.data (), '\0', str.size ()) != nullptr)
    return invalid (path, "contains \\u0000 (a NUL character), which is not allowed");

  return true;
}

bool
Reader::read_string (od::value        &value,
                     const Path       *path,
                     std::string_view &out)
{
  od::json_type type;
  error_code code;

  if (!get_type (value, type))
    return false;
  if (type != od::json_type::string)
    return expected (path, "a string", value, type);

  if ((code = value.get_string ().get (out)) != simdjson::SUCCESS)
    return json_fail (code);

  return check_string (out, path);
}

/* A string, or null for "not set". */
bool
Reader::read_optional_string (od::value        &value,
                              const Path       *path,
                              std::string_view &out,
                              bool             &present)
{
  od::json_type type;

  if (!get_type (value, type))
    return false;

  if (type == od::json_type::null)
    {
      bool is_null = false;
      error_code code = value.is_null ().get (is_null);

      if (code != simdjson::SUCCESS)
        return json_fail (code);
      if (!is_null)
        return json_fail (simdjson::N_ATOM_ERROR);

      present = false;
      out = {};
      return true;
    }

  if (type != od::json_type::string)
    return expected (path, "a string", value, type);

  present = true;
  return read_string (value, path, out);
}

/* A code-point offset: a non-negative integer that fits in a guint. The
 * token is read here, not by simdjson, so "1.0", "-0" and 2^64+1 get a
 * message rather than a conversion. */
bool
Reader::read_offset (od::value  &value,
                     const Path *path,
                     guint      &out)
{
  std::string_view token;
  od::json_type type;
  bool integer;
  guint64 n;

  if (!get_type (value, type))
    return false;
  if (type != od::json_type::number)
    return expected (path, "a non-negative integer", value, type);

  token = trim_token (value.raw_json_token ());
  if (!is_json_number (token, &integer))
    return json_fail (simdjson::NUMBER_ERROR);
  if (!integer || token[0] == '-')
    return expected (path, "a non-negative integer", value, type);

  n = parse_digits (token);
  if (n > G_MAXUINT)
    return invalid (path, "%.*s%s is too large for an offset",
                    (int) MIN (token.size (), QUOTE_CHARS), token.data (),
                    token.size () > QUOTE_CHARS ? "…" : "");

  out = (guint) n;
  return true;
}

bool
Reader::read_integer (od::value  &value,
                      const Path *path,
                      gint64     &out)
{
  std::string_view token;
  od::json_type type;
  bool integer;
  bool negative;
  guint64 magnitude;

  if (!get_type (value, type))
    return false;
  if (type != od::json_type::number)
    return expected (path, "an integer", value, type);

  token = trim_token (value.raw_json_token ());
  if (!is_json_number (token, &integer))
    return json_fail (simdjson::NUMBER_ERROR);
  if (!integer)
    return expected (path, "an integer", value, type);

  negative = token[0] == '-';
  magnitude = parse_digits (negative ? token.substr (1) : token);
  if (magnitude > (guint64) G_MAXINT64)
    return invalid (path, "%.*s%s is out of range",
                    (int) MIN (token.size (), QUOTE_CHARS), token.data (),
                    token.size () > QUOTE_CHARS ? "…" : "");

  out = negative ? -(gint64) magnitude : (gint64) magnitude;
  return true;
}

/* g_intern_string() takes a global lock; a few recent results are kept so
 * 100,000 spans with three labels do not take it 300,000 times. */
const char *
Reader::intern (std::string_view str)
{
  const char *interned;
  char buf[128];

  for (const char *seen : interned_)
    if (seen != nullptr && strncmp (seen, str.data (), str.size ()) == 0 &&
        seen[str.size ()] == '\0')
      return seen;

  if (str.size () < sizeof buf)
    {
      memcpy (buf, str.data (), str.size ());
      buf[str.size ()] = '\0';
      interned = g_intern_string (buf);
    }
  else
    {
      g_autofree char *copy = g_strndup (str.data (), str.size ());

      interned = g_intern_string (copy);
    }

  interned_[interned_next_] = interned;
  interned_next_ = (interned_next_ + 1) % G_N_ELEMENTS (interned_);

  return interned;
}

char *
dup (std::string_view str)
{
  return g_strndup (str.data (), str.size ());
}

char *
steal_members (GString *&members)
{
  if (members == nullptr)
    return nullptr;

  return g_string_free (std::exchange (members, nullptr), FALSE);
}

/* Unknown members --------------------------------------------------------- */

/* Canonical JSON for a value we do not know: compact, ", " and ": "
 * separators, strings re-escaped by the writer's rules, numbers as their
 * original token. */
bool
Reader::append_value (GString    *out,
                      od::value  &value,
                      const Path *path,
                      guint       depth)
{
  od::json_type type;
  error_code code;

  if (!get_type (value, type))
    return false;

  switch (type)
    {
    case od::json_type::object:
      {
        od::object object;
        MemberSet members;
        bool first = true;

        if (!get_object (value, path, depth, object))
          return false;

        g_string_append_c (out, '{');
        for (auto field : object)
          {
            std::string_view key;
            od::value child;

            if ((code = field.unescaped_key ().get (key)) != simdjson::SUCCESS ||
                (code = field.value ().get (child)) != simdjson::SUCCESS)
              return json_fail (code);

            if (!check_string (key, path))
              return false;
            if (!members.add_unknown (key))
              return duplicate_member (path, key);

            Path member = path->member (key);

            if (!first)
              g_string_append (out, ", ");
            first = false;
            attest_json_append_string (out, key.data (), key.size ());
            g_string_append (out, ": ");
            if (!append_value (out, child, &member, depth + 1))
              return false;
          }
        g_string_append_c (out, '}');
        return true;
      }

    case od::json_type::array:
      {
        od::array array;
        gsize i = 0;

        if (!get_array (value, path, depth, array))
          return false;

        g_string_append_c (out, '[');
        for (auto element : array)
          {
            od::value child;
            Path item = path->element (i);

            if ((code = element.get (child)) != simdjson::SUCCESS)
              return json_fail (code);

            if (i++ > 0)
              g_string_append (out, ", ");
            if (!append_value (out, child, &item, depth + 1))
              return false;
          }
        g_string_append_c (out, ']');
        return true;
      }

    case od::json_type::string:
      {
        std::string_view str;

        if (!read_string (value, path, str))
          return false;
        attest_json_append_string (out, str.data (), str.size ());
        return true;
      }

    case od::json_type::number:
      {
        std::string_view token = trim_token (value.raw_json_token ());
        bool integer;

        if (!is_json_number (token, &integer))
          return json_fail (simdjson::NUMBER_ERROR);
        if (!number_in_range (token, integer))
          return invalid (path, "the number %.*s%s is out of range",
                          (int) MIN (token.size (), QUOTE_CHARS), token.data (),
                          token.size () > QUOTE_CHARS ? "…" : "");
        g_string_append_len (out, token.data (), token.size ());
        return true;
      }

    case od::json_type::boolean:
      {
        bool b;

        if ((code = value.get_bool ().get (b)) != simdjson::SUCCESS)
          return json_fail (code);
        g_string_append (out, b ? "true" : "false");
        return true;
      }

    case od::json_type::null:
      {
        bool is_null = false;

        if ((code = value.is_null ().get (is_null)) != simdjson::SUCCESS)
          return json_fail (code);
        if (!is_null)
          return json_fail (simdjson::N_ATOM_ERROR);
        g_string_append (out, "null");
        return true;
      }

    default:
      return json_fail (simdjson::TAPE_ERROR);
    }
}

/* Appends `"key": value` to the members text @out (created on demand).
 * @path is the member's own path. */
bool
Reader::append_member (GString          *&out,
                       std::string_view   key,
                       od::value         &value,
                       const Path        *path,
                       guint              depth)
{
  if (!check_string (key, path->parent))
    return false;

  if (out == nullptr)
    out = g_string_new (nullptr);
  else
    g_string_append (out, ", ");

  attest_json_append_string (out, key.data (), key.size ());
  g_string_append (out, ": ");

  return append_value (out, value, path, depth);
}

/* {"key": "value", ...} into an attrs vector sorted by key (NULL if
 * empty). */
bool
Reader::read_attrs (od::value   &value,
                    const Path  *path,
                    guint        depth,
                    char      ***out)
{
  od::object object;
  error_code code;
  char **attrs;
  gsize n;

  if (!get_object (value, path, depth, object))
    return false;

  attrs_.clear ();
  for (auto field : object)
    {
      std::string_view key;
      std::string_view str;
      od::value child;

      if ((code = field.unescaped_key ().get (key)) != simdjson::SUCCESS ||
          (code = field.value ().get (child)) != simdjson::SUCCESS)
        return json_fail (code);

      Path member = path->member (key);

      if (!check_string (key, path) || !read_string (child, &member, str))
        return false;

      attrs_.emplace_back (key, str);
    }

  std::stable_sort (attrs_.begin (), attrs_.end (),
                    [] (const auto &a, const auto &b) { return a.first < b.first; });

  for (gsize i = 1; i < attrs_.size (); i++)
    if (attrs_[i - 1].first == attrs_[i].first)
      return duplicate_member (path, attrs_[i].first);

  n = attrs_.size ();
  if (n == 0)
    {
      *out = nullptr;
      return true;
    }

  attrs = g_new (char *, 2 * n + 1);
  for (gsize i = 0; i < n; i++)
    {
      attrs[2 * i] = dup (attrs_[i].first);
      attrs[2 * i + 1] = dup (attrs_[i].second);
    }
  attrs[2 * n] = nullptr;

  g_strfreev (*out);
  *out = attrs;
  return true;
}

/* Objects of the format ---------------------------------------------------- */

#define FOR_EACH_MEMBER(object, key, child)                                   \
  for (auto field_ : object)                                                  \
    if (error_code code_ = simdjson::SUCCESS;                                 \
        (code_ = field_.unescaped_key ().get (key)) != simdjson::SUCCESS ||   \
        (code_ = field_.value ().get (child)) != simdjson::SUCCESS)           \
      return json_fail (code_);                                               \
    else

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

bool
Reader::read_spans (od::value               &value,
                    const Path              *path,
                    guint                    depth,
                    std::vector<SpanRecord> &out)
{
  od::array array;
  error_code code;
  gsize i = 0;

  if (!get_array (value, path, depth, array))
    return false;

  for (auto element : array)
    {
      od::value child;
      Path item = path->element (i++);

      if ((code = element.get (child)) != simdjson::SUCCESS)
        return json_fail (code);

      SpanRecord rec { nullptr, {} };

      if (!read_span (child, &item, depth + 1, rec))
        return false;
      out.push_back (rec);
    }

  return true;
}

bool
Reader::read_span (od::value  &value,
                   const Path *path,
                   guint       depth,
                   SpanRecord &rec)
{
  od::object object;
  MemberSet members;
  std::string_view key;
  od::value child;
  std::string_view id, label, note, entity, by, origin, created, review, was;
  bool have_note = false, have_entity = false, have_by = false, have_origin = false;
  bool have_created = false, have_was = false;
  guint start = 0, end = 0;
  g_auto(GStrv) attrs = nullptr;
  g_autoptr(GString) extra = nullptr;
  AttestSpan *span;

  if (!get_object (value, path, depth, object))
    return false;

  FOR_EACH_MEMBER (object, key, child)
    {
      int k = lookup_key (key, span_keys);
      Path member = path->member (key);
      bool ok = true;

      if (k >= 0 && !members.add_known ((guint) k))
        return duplicate_member (path, key);

      switch (k)
        {
        case SPAN_ID:
          ok = read_string (child, &member, id);
          if (ok && id.empty ())
            ok = invalid (&member, "an id cannot be empty");
          break;
        case SPAN_LABEL:
          ok = read_string (child, &member, label);
          if (ok && label.empty ())
            ok = invalid (&member, "a label cannot be empty");
          break;
        case SPAN_START:
          ok = read_offset (child, &member, start);
          break;
        case SPAN_END:
          ok = read_offset (child, &member, end);
          break;
        case SPAN_TEXT:
          ok = read_string (child, &member, rec.text);
          break;
        case SPAN_ATTRS:
          ok = read_attrs (child, &member, depth + 1, &attrs);
          break;
        case SPAN_NOTE:
          ok = read_optional_string (child, &member, note, have_note);
          break;
        case SPAN_ENTITY:
          ok = read_optional_string (child, &member, entity, have_entity);
          break;
        case SPAN_BY:
          ok = read_optional_string (child, &member, by, have_by);
          break;
        case SPAN_ORIGIN:
          ok = read_optional_string (child, &member, origin, have_origin);
          break;
        case SPAN_CREATED:
          ok = read_optional_string (child, &member, created, have_created);
          break;
        case SPAN_REVIEW:
          ok = read_string (child, &member, review);
          if (ok && review != "changed" && review != "deleted")
            {
              g_autoptr(GString) quoted = g_string_new (nullptr);

              append_quoted (quoted, review);
              ok = invalid (&member, "%s is not one of \"changed\", \"deleted\"", quoted->str);
            }
          break;
        case SPAN_WAS:
          ok = read_optional_string (child, &member, was, have_was);
          break;
        default:
          if (!members.add_unknown (key))
            return duplicate_member (path, key);
          ok = append_member (extra, key, child, &member, depth + 1);
          break;
        }

      if (!ok)
        return false;
    }

  static const int required[] = { SPAN_ID, SPAN_LABEL, SPAN_START, SPAN_END, SPAN_TEXT };
  for (int k : required)
    if (!members.has ((guint) k))
      return missing (path, span_keys[k]);

  if (start > end)
    {
      Path member = path->member ("end");

      return invalid (&member, "%u is before start (%u)", end, start);
    }

  if (start == end && review != "deleted")
    return invalid (path, "[%u, %u) is empty; only a span with \"review\": \"deleted\" may be empty",
                    start, end);

  span = attest_span_new (nullptr, intern (label), start, end);
  span->id = dup (id);
  span->attrs = g_steal_pointer (&attrs);
  span->note = have_note ? dup (note) : nullptr;
  span->entity = have_entity ? dup (entity) : nullptr;
  span->by = have_by ? intern (by) : nullptr;
  span->origin = have_origin ? intern (origin) : nullptr;
  span->created = have_created ? dup (created) : nullptr;
  if (review == "changed")
    span->flags |= ATTEST_SPAN_FLAG_CHANGED;
  else if (review == "deleted")
    span->flags |= ATTEST_SPAN_FLAG_DELETED;
  span->old_text = have_was ? dup (was) : nullptr;
  span->extra = steal_members (extra);

  rec.span = span;
  return true;
}

bool
Reader::read_relations (od::value                     &value,
                        const Path                    *path,
                        guint                          depth,
                        std::vector<AttestRelation *> &out)
{
  od::array array;
  error_code code;
  gsize i = 0;

  if (!get_array (value, path, depth, array))
    return false;

  for (auto element : array)
    {
      od::value child;
      Path item = path->element (i++);

      if ((code = element.get (child)) != simdjson::SUCCESS)
        return json_fail (code);

      AttestRelation *relation = nullptr;

      if (!read_relation (child, &item, depth + 1, &relation))
        return false;
      out.push_back (relation);
    }

  return true;
}

bool
Reader::read_relation (od::value       &value,
                       const Path      *path,
                       guint            depth,
                       AttestRelation **out)
{
  od::object object;
  MemberSet members;
  std::string_view key;
  od::value child;
  std::string_view id, type, from, to, by, origin, created;
  bool have_by = false, have_origin = false, have_created = false;
  g_auto(GStrv) attrs = nullptr;
  g_autoptr(GString) extra = nullptr;
  AttestRelation *relation;

  if (!get_object (value, path, depth, object))
    return false;

  FOR_EACH_MEMBER (object, key, child)
    {
      int k = lookup_key (key, relation_keys);
      Path member = path->member (key);
      bool ok = true;

      if (k >= 0 && !members.add_known ((guint) k))
        return duplicate_member (path, key);

      switch (k)
        {
        case REL_ID:
          ok = read_string (child, &member, id);
          if (ok && id.empty ())
            ok = invalid (&member, "an id cannot be empty");
          break;
        case REL_TYPE:
          ok = read_string (child, &member, type);
          if (ok && type.empty ())
            ok = invalid (&member, "a relation type cannot be empty");
          break;
        case REL_FROM:
          ok = read_string (child, &member, from);
          break;
        case REL_TO:
          ok = read_string (child, &member, to);
          break;
        case REL_ATTRS:
          ok = read_attrs (child, &member, depth + 1, &attrs);
          break;
        case REL_BY:
          ok = read_optional_string (child, &member, by, have_by);
          break;
        case REL_ORIGIN:
          ok = read_optional_string (child, &member, origin, have_origin);
          break;
        case REL_CREATED:
          ok = read_optional_string (child, &member, created, have_created);
          break;
        default:
          if (!members.add_unknown (key))
            return duplicate_member (path, key);
          ok = append_member (extra, key, child, &member, depth + 1);
          break;
        }

      if (!ok)
        return false;
    }

  static const int required[] = { REL_ID, REL_TYPE, REL_FROM, REL_TO };
  for (int k : required)
    if (!members.has ((guint) k))
      return missing (path, relation_keys[k]);

  relation = attest_relation_new (nullptr, intern (type), nullptr, nullptr);
  relation->id = dup (id);
  relation->from = dup (from);
  relation->to = dup (to);
  relation->attrs = g_steal_pointer (&attrs);
  relation->by = have_by ? intern (by) : nullptr;
  relation->origin = have_origin ? intern (origin) : nullptr;
  relation->created = have_created ? dup (created) : nullptr;
  relation->extra = steal_members (extra);

  *out = relation;
  return true;
}

bool
Reader::read_entities (od::value  &value,
                       const Path *path)
{
  od::array array;
  error_code code;
  gsize i = 0;

  if (!get_array (value, path, 2, array))
    return false;

  for (auto element : array)
    {
      od::value child;
      Path item = path->element (i++);

      if ((code = element.get (child)) != simdjson::SUCCESS)
        return json_fail (code);

      AttestEntity *entity = nullptr;

      if (!read_entity (child, &item, &entity))
        return false;
      entities_.push_back (entity);
    }

  return true;
}

bool
Reader::read_entity (od::value     &value,
                     const Path    *path,
                     AttestEntity **out)
{
  od::object object;
  MemberSet members;
  std::string_view key;
  od::value child;
  std::string_view id, name, kind, wikidata;
  bool have_kind = false, have_wikidata = false;
  g_autoptr(GPtrArray) aliases = nullptr;
  g_autoptr(GString) extra = nullptr;
  AttestEntity *entity;
  error_code code;

  if (!get_object (value, path, 3, object))
    return false;

  FOR_EACH_MEMBER (object, key, child)
    {
      int k = lookup_key (key, entity_keys);
      Path member = path->member (key);
      bool ok = true;

      if (k >= 0 && !members.add_known ((guint) k))
        return duplicate_member (path, key);

      switch (k)
        {
        case ENT_ID:
          ok = read_string (child, &member, id);
          if (ok && id.empty ())
            ok = invalid (&member, "an id cannot be empty");
          break;
        case ENT_NAME:
          ok = read_string (child, &member, name);
          break;
        case ENT_KIND:
          ok = read_optional_string (child, &member, kind, have_kind);
          break;
        case ENT_WIKIDATA:
          ok = read_optional_string (child, &member, wikidata, have_wikidata);
          break;
        case ENT_ALIASES:
          {
            od::array array;
            gsize i = 0;

            if (!get_array (child, &member, 4, array))
              return false;

            aliases = g_ptr_array_new_with_free_func (g_free);
            for (auto element : array)
              {
                od::value alias;
                std::string_view str;
                Path item = member.element (i++);

                if ((code = element.get (alias)) != simdjson::SUCCESS)
                  return json_fail (code);
                if (!read_string (alias, &item, str))
                  return false;
                g_ptr_array_add (aliases, dup (str));
              }
          }
          break;
        default:
          if (!members.add_unknown (key))
            return duplicate_member (path, key);
          ok = append_member (extra, key, child, &member, 4);
          break;
        }

      if (!ok)
        return false;
    }

  static const int required[] = { ENT_ID, ENT_NAME };
  for (int k : required)
    if (!members.has ((guint) k))
      return missing (path, entity_keys[k]);

  entity = attest_entity_new (nullptr, nullptr, have_kind ? intern (kind) : nullptr);
  entity->id = dup (id);
  entity->name = dup (name);
  entity->wikidata = have_wikidata ? dup (wikidata) : nullptr;
  if (aliases != nullptr && aliases->len > 0)
    {
      g_ptr_array_add (aliases, nullptr);
      entity->aliases = (char **) g_ptr_array_free (g_steal_pointer (&aliases), FALSE);
    }
  entity->extra = steal_members (extra);

  *out = entity;
  return true;
}

bool
Reader::read_rejected (od::value  &value,
                       const Path *path,
                       guint       depth)
{
  od::array array;
  error_code code;
  gsize i = 0;

  if (!get_array (value, path, depth, array))
    return false;

  for (auto element : array)
    {
      od::value child;
      od::object object;
      MemberSet members;
      std::string_view key;
      od::value member_value;
      std::string_view label, rule;
      bool have_rule = false;
      guint start = 0, end = 0;
      g_autoptr(GString) extra = nullptr;
      AttestRejected *rejected;
      Path item = path->element (i++);

      if ((code = element.get (child)) != simdjson::SUCCESS)
        return json_fail (code);
      if (!get_object (child, &item, depth + 1, object))
        return false;

      FOR_EACH_MEMBER (object, key, member_value)
        {
          int k = lookup_key (key, rejected_keys);
          Path member = item.member (key);
          bool ok = true;

          if (k >= 0 && !members.add_known ((guint) k))
            return duplicate_member (&item, key);

          switch (k)
            {
            case REJ_LABEL:
              ok = read_string (member_value, &member, label);
              if (ok && label.empty ())
                ok = invalid (&member, "a label cannot be empty");
              break;
            case REJ_START:
              ok = read_offset (member_value, &member, start);
              break;
            case REJ_END:
              ok = read_offset (member_value, &member, end);
              break;
            case REJ_RULE:
              ok = read_optional_string (member_value, &member, rule, have_rule);
              break;
            default:
              if (!members.add_unknown (key))
                return duplicate_member (&item, key);
              ok = append_member (extra, key, member_value, &member, depth + 2);
              break;
            }

          if (!ok)
            return false;
        }

      static const int required[] = { REJ_LABEL, REJ_START, REJ_END };
      for (int k : required)
        if (!members.has ((guint) k))
          return missing (&item, rejected_keys[k]);

      if (start > end)
        {
          Path member = item.member ("end");

          return invalid (&member, "%u is before start (%u)", end, start);
        }

      {
        g_autofree char *rule_copy = have_rule ? dup (rule) : nullptr;

        rejected = attest_rejected_new (intern (label), start, end, rule_copy);
      }
      rejected->extra = steal_members (extra);
      rejected_.push_back (rejected);
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
  const char *sha256;
  guint length;

  text = attest_text_new (text_.data (), (gssize) text_.size (), &local_error);
  if (text == nullptr)
    {
      Path member = ROOT.member ("text");

      invalid (&member, "%s", local_error->message);
      return nullptr;
    }

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
  sha256 = attest_text_get_sha256 (text);
  if (sha256_.size () != strlen (sha256) ||
      g_ascii_strncasecmp (sha256_.data (), sha256, sha256_.size ()) != 0)
    {
      invalid (&ROOT, "document.sha256 does not match the text");
      return nullptr;
    }
#else
  (void) sha256;
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

void
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

void
Reader::report (const char    *data,
                gsize          len,
                od::parser    &parser,
                od::document  *doc,
                const char    *padded,
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
          at < padded || at > padded + len)
        at = padded;
      locate (padded, at, &line, &column);
      g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_PARSE,
                   "%s line %u, column %u: malformed JSON (%s)",
                   name_, line, column, simdjson::error_message (json_error_));
      return;
    }

  if (!not_a_sidecar_)
    {
      gint64 version = find_version (parser, padded, len);

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

} /* namespace */

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
  static thread_local od::parser cached_parser;
  std::unique_ptr<od::parser> own_parser;
  od::parser *parser = &cached_parser;
  AttestDocument *document = nullptr;
  od::document doc;
  error_code code;

  g_return_val_if_fail (data != nullptr || len == 0, nullptr);
  g_return_val_if_fail (error == nullptr || *error == nullptr, nullptr);

  if (display_name == nullptr)
    display_name = "sidecar";

  if (len > ATTEST_SIDECAR_MAX_BYTES)
    {
      g_autofree char *size = g_format_size (len);
      g_autofree char *limit = g_format_size (ATTEST_SIDECAR_MAX_BYTES);

      g_set_error (error, ATTEST_ERROR, ATTEST_ERROR_TOO_LARGE,
                   "%s: the file is %s, larger than sidecars may be (%s)",
                   display_name, size, limit);
      return nullptr;
    }

  /* Editors on some systems add a BOM; JSON allows ignoring it. */
  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      len -= 3;
    }

  if (len > CACHED_PARSER_MAX)
    {
      own_parser.reset (new od::parser ());
      parser = own_parser.get ();
    }

  simdjson::padded_string padded (data, len);
  Reader reader (display_name);

  code = parser->iterate (padded).get (doc);
  if (code != simdjson::SUCCESS)
    reader.json_fail (code);
  else if (reader.read (doc))
    document = reader.build ();

  if (document != nullptr)
    {
#ifdef ATTEST_FUZZING
      /* Anything simdjson and the walk accept, the strict guard must too. */
      g_autoptr(GError) guard_error = nullptr;

      if (!attest_json_guard_check (data, len, ATTEST_SIDECAR_MAX_DEPTH, &guard_error))
        g_error ("accepted a sidecar the guard rejects: %s", guard_error->message);
#endif
      return document;
    }

  reader.report (data, len, *parser, code == simdjson::SUCCESS ? &doc : nullptr,
                 padded.data (), error);
  return nullptr;
}
