/* attest-sidecar-reader-items.cpp: spans, relations, entities and
 * rejected suggestions
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attest-sidecar-reader-private.h"

namespace attest_reader {

namespace {

/* Each name's (length, first byte) is its own: checked by the tests,
 * which read every member. */
const KeyIndex<G_N_ELEMENTS (span_keys)> span_key (span_keys);
const KeyIndex<G_N_ELEMENTS (relation_keys)> relation_key (relation_keys);
const KeyIndex<G_N_ELEMENTS (entity_keys)> entity_key (entity_keys);

/* An attrs vector that frees itself on an error path, unless it lives in
 * the reader's arena. */
struct StrvHolder
{
  explicit StrvHolder (bool owned) : owned (owned) {}
  StrvHolder (const StrvHolder &) = delete;
  StrvHolder &operator= (const StrvHolder &) = delete;
  ~StrvHolder ()
  {
    if (owned)
      g_strfreev (strv);
  }

  char **strv = nullptr;
  bool owned;
};

} /* namespace */

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
  StrvHolder attrs (arena_ == nullptr);
  g_autoptr(GString) extra = nullptr;
  AttestSpan *span;

  if (!get_object (value, path, depth, object))
    return false;

  FOR_EACH_MEMBER (object, key, child)
    {
      int k = span_key (key);
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
          ok = read_attrs (child, &member, depth + 1, &attrs.strv);
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

  span = new_span (intern (label), start, end);
  span->id = copy (id);
  span->attrs = g_steal_pointer (&attrs.strv);
  span->note = have_note ? copy (note) : nullptr;
  span->entity = have_entity ? copy (entity) : nullptr;
  span->by = have_by ? intern (by) : nullptr;
  span->origin = have_origin ? intern (origin) : nullptr;
  span->created = have_created ? copy (created) : nullptr;
  if (review == "changed")
    span->flags |= ATTEST_SPAN_FLAG_CHANGED;
  else if (review == "deleted")
    span->flags |= ATTEST_SPAN_FLAG_DELETED;
  span->old_text = have_was ? copy (was) : nullptr;
  span->extra = take_members (extra);

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
  StrvHolder attrs (arena_ == nullptr);
  g_autoptr(GString) extra = nullptr;
  AttestRelation *relation;

  if (!get_object (value, path, depth, object))
    return false;

  FOR_EACH_MEMBER (object, key, child)
    {
      int k = relation_key (key);
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
          ok = read_attrs (child, &member, depth + 1, &attrs.strv);
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

  relation = new_relation (intern (type));
  relation->id = copy (id);
  relation->from = copy (from);
  relation->to = copy (to);
  relation->attrs = g_steal_pointer (&attrs.strv);
  relation->by = have_by ? intern (by) : nullptr;
  relation->origin = have_origin ? intern (origin) : nullptr;
  relation->created = have_created ? copy (created) : nullptr;
  relation->extra = take_members (extra);

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
      int k = entity_key (key);
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

  entity = new_entity (have_kind ? intern (kind) : nullptr);
  entity->id = copy (id);
  entity->name = copy (name);
  entity->wikidata = have_wikidata ? copy (wikidata) : nullptr;
  if (aliases != nullptr && aliases->len > 0)
    {
      entity->aliases = new_strv (aliases->len);
      for (guint a = 0; a < aliases->len; a++)
        entity->aliases[a] = copy ((const char *) aliases->pdata[a]);
      entity->aliases[aliases->len] = nullptr;
    }
  entity->extra = take_members (extra);

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

} /* namespace attest_reader */
