/* attest-sidecar-reader-record.cpp: a sidecar read into a record view
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <algorithm>
#include <cstring>

#include "attest-sidecar-reader-private.h"

extern "C" {
#include "attest-record-private.h"
#include "attest-text-private.h"
}

/* The export path: read() has collected every member as plain structs;
 * instead of building an AttestDocument (a span store, the checksum, a
 * copy of every string), check what an AttestRecord promises and hand
 * the collected structs to the caller as a view. This is what lets an
 * export run at the speed of the member walk. */

namespace attest_reader {

namespace {

/* NUL-terminated copies of the few document-level strings, freed with
 * the call. */
class Strings
{
public:
  Strings () = default;
  Strings (const Strings &) = delete;
  Strings &operator= (const Strings &) = delete;
  ~Strings ()
  {
    for (char *str : owned_)
      g_free (str);
  }

  const char *
  add (std::string_view str)
  {
    owned_.push_back (dup (str));
    return owned_.back ();
  }

  char **
  vector (const std::vector<std::pair<std::string_view, std::string_view>> &pairs)
  {
    std::vector<std::pair<std::string_view, std::string_view>> sorted (pairs);

    if (sorted.empty ())
      return nullptr;

    std::sort (sorted.begin (), sorted.end ());
    meta_.clear ();
    for (const auto &[key, value] : sorted)
      {
        meta_.push_back ((char *) add (key));
        meta_.push_back ((char *) add (value));
      }
    meta_.push_back (nullptr);
    return meta_.data ();
  }

private:
  std::vector<char *> owned_;
  std::vector<char *> meta_;
};

bool
span_less (const AttestSpan *a,
           const AttestSpan *b)
{
  return attest_span_compare (a, b) < 0;
}

bool
relation_less (const AttestRelation *a,
               const AttestRelation *b)
{
  return attest_id_compare (a->id, b->id) < 0;
}

bool
entity_less (const AttestEntity *a,
             const AttestEntity *b)
{
  return attest_id_compare (a->id, b->id) < 0;
}

} /* namespace */

bool
Reader::record (const char       *name,
                AttestRecordFunc  func,
                gpointer          user_data)
{
  g_autoptr(AttestText) text = nullptr;
  Path spans_path = ROOT.member ("spans");
  Path relations_path = ROOT.member ("relations");
  Path entities_path = ROOT.member ("entities");
  std::vector<AttestSpan *> spans;
  std::vector<AttestRelation *> relations (relations_.begin (), relations_.end ());
  std::vector<AttestEntity *> entities (entities_.begin (), entities_.end ());
  AttestRecord record = {};
  Strings strings;
  bool sorted = true;

  if (text_.size () > G_MAXUINT32)
    {
      Path member = ROOT.member ("text");

      return invalid (&member, "the text is too long (%" G_GSIZE_FORMAT " bytes)", text_.size ());
    }
  /* simdjson validated the UTF-8 and check_string() refused \u0000. */
  text = _attest_text_new_validated (text_.data (), text_.size ());

  if (length_ != attest_text_get_length (text))
    {
      Path document_path = ROOT.member ("document");
      Path member = document_path.member ("length");

      return invalid (&member, "%u but the text has %u code points",
                      length_, attest_text_get_length (text));
    }

  spans.reserve (spans_.size ());
  for (gsize i = 0; i < spans_.size (); i++)
    {
      Path item = spans_path.element (i);

      if (!check_span (text, spans_[i], &item))
        return false;
      spans.push_back (spans_[i].span);
      if (i > 0 && sorted && !span_less (spans[i - 1], spans[i]))
        sorted = false;
    }
  /* Our writer keeps them sorted; a file edited by hand may not be. */
  if (!sorted)
    std::sort (spans.begin (), spans.end (), span_less);
  std::sort (relations.begin (), relations.end (), relation_less);
  std::sort (entities.begin (), entities.end (), entity_less);

  record.name = name;
  record.file = strings.add (file_);
  record.text = text;
  record.sha256 = strings.add (sha256_);
  record.status = status_;
  record.language = have_language_ ? strings.add (language_) : nullptr;
  record.meta = strings.vector (meta_);
  record.tagset_name = have_tagset_ ? strings.add (tagset_name_) : nullptr;
  record.tagset_version = tagset_version_;
  record.spans = spans.data ();
  record.n_spans = (guint) spans.size ();
  record.relations = relations.data ();
  record.n_relations = (guint) relations.size ();
  record.entities = entities.data ();
  record.n_entities = (guint) entities.size ();
  attest_record_init_index (&record);

  /* Ids must be unique and references must resolve: an export cannot
   * hold a relation to nowhere. The indexes hold the last of equal ids,
   * so a duplicate shows as an index pointing elsewhere. */
  bool ok = true;

  for (gsize i = 0; ok && i < spans_.size (); i++)
    {
      const AttestSpan *span = spans_[i].span;
      Path item = spans_path.element (i);

      if (attest_record_lookup_span (&record, span->id) != span)
        {
          Path member = item.member ("id");

          ok = invalid (&member, "\"%s\" is used twice", span->id);
        }
      else if (span->entity != nullptr &&
               attest_record_lookup_entity (&record, span->entity) == nullptr)
        {
          Path member = item.member ("entity");

          ok = invalid (&member, "no entity \"%s\"", span->entity);
        }
    }

  for (gsize i = 0; ok && i < relations_.size (); i++)
    {
      const AttestRelation *relation = relations_[i];
      Path item = relations_path.element (i);

      if (ok && attest_record_find_span (&record, relation->from) < 0)
        {
          Path member = item.member ("from");

          ok = invalid (&member, "no span \"%s\"", relation->from);
        }
      else if (ok && attest_record_find_span (&record, relation->to) < 0)
        {
          Path member = item.member ("to");

          ok = invalid (&member, "no span \"%s\"", relation->to);
        }
    }

  /* Sorted by id, equal ids are neighbours. */
  for (gsize i = 1; ok && i < relations.size (); i++)
    if (g_strcmp0 (relations[i - 1]->id, relations[i]->id) == 0)
      {
        gsize j = std::find (relations_.begin (), relations_.end (), relations[i]) - relations_.begin ();
        Path member = relations_path.element (j).member ("id");

        ok = invalid (&member, "\"%s\" is used twice", relations[i]->id);
      }

  for (gsize i = 0; ok && i < entities_.size (); i++)
    if (attest_record_lookup_entity (&record, entities_[i]->id) != entities_[i])
      {
        Path member = entities_path.element (i).member ("id");

        ok = invalid (&member, "\"%s\" is used twice", entities_[i]->id);
      }

  if (ok)
    func (&record, user_data);

  attest_record_clear_index (&record);
  return ok;
}

} /* namespace attest_reader */
