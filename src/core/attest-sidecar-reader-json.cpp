/* attest-sidecar-reader-json.cpp: typed access, messages and unknown members
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "attest-sidecar-reader-private.h"

namespace attest_reader {

static bool
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
      append_quoted (out, path->key);
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
static bool
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

  for (const Interned &seen : interned_)
    if (seen.str != nullptr && seen.len == str.size () &&
        memcmp (seen.str, str.data (), str.size ()) == 0)
      return seen.str;

  if (str.size () < sizeof buf)
    {
      memcpy (buf, str.data (), str.size ());
      buf[str.size ()] = '\0';
      interned = g_intern_string (buf);
    }
  else
    {
      g_autofree char *copy = dup (str);

      interned = g_intern_string (copy);
    }

  interned_[interned_next_] = Interned { interned, str.size () };
  interned_next_ = (interned_next_ + 1) % G_N_ELEMENTS (interned_);

  return interned;
}

/* g_strndup() without its strncpy(): the strings have no NUL inside. */
char *
dup (std::string_view str)
{
  char *copy = (char *) g_malloc (str.size () + 1);

  memcpy (copy, str.data (), str.size ());
  copy[str.size ()] = '\0';

  return copy;
}

char *
Reader::take_members (GString *&members)
{
  char *str;

  if (members == nullptr || arena_ == nullptr)
    return steal_members (members);

  str = arena_->dup (std::string_view (members->str, members->len));
  g_string_free (std::exchange (members, nullptr), TRUE);
  return str;
}

AttestSpan *
Reader::new_span (const char *label,
                  guint       start,
                  guint       end)
{
  AttestSpan *span;

  if (arena_ == nullptr)
    return attest_span_new (nullptr, label, start, end);

  /* @label is interned already (intern()). */
  span = (AttestSpan *) arena_->alloc0 (sizeof (AttestSpan));
  span->label = label;
  span->start = start;
  span->end = end;
  return span;
}

AttestRelation *
Reader::new_relation (const char *type)
{
  AttestRelation *relation;

  if (arena_ == nullptr)
    return attest_relation_new (nullptr, type, nullptr, nullptr);

  relation = (AttestRelation *) arena_->alloc0 (sizeof (AttestRelation));
  relation->type = type;
  return relation;
}

AttestEntity *
Reader::new_entity (const char *kind)
{
  AttestEntity *entity;

  if (arena_ == nullptr)
    return attest_entity_new (nullptr, nullptr, kind);

  entity = (AttestEntity *) arena_->alloc0 (sizeof (AttestEntity));
  entity->kind = kind;
  return entity;
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

  attrs = new_strv (2 * n);
  for (gsize i = 0; i < n; i++)
    {
      attrs[2 * i] = copy (attrs_[i].first);
      attrs[2 * i + 1] = copy (attrs_[i].second);
    }
  attrs[2 * n] = nullptr;

  if (arena_ == nullptr)
    g_strfreev (*out);
  *out = attrs;
  return true;
}

} /* namespace attest_reader */
