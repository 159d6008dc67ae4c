/* attest-sidecar-reader-private.h: shared by the sidecar reader's files
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* C++ only: the sidecar reader is C++ to use simdjson; the rest of the
 * core sees only attest_sidecar_parse(). attest-sidecar-reader.cpp says
 * how it works. */

#pragma once

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
#include "attest-json-writer.h"
#include "attest-record.h"
#include "attest-sidecar.h"
#include "attest-span.h"
#include "attest-text.h"
}

namespace attest_reader {


namespace od = simdjson::ondemand;
using simdjson::error_code;

inline constexpr guint MAX_DEPTH = ATTEST_SIDECAR_MAX_DEPTH;
/* Quoted text in messages is cut to this many characters. */
inline constexpr guint QUOTE_CHARS = 60;
/* A parser keeps its buffers for the next call on the same thread; past
 * this input size it is not kept, so one huge file does not pin memory. */
inline constexpr gsize CACHED_PARSER_MAX = 1024 * 1024;

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

inline constexpr Path ROOT { nullptr, {}, -1 };

/* Helpers (attest-sidecar-reader-json.cpp). */
void              append_path     (GString          *out,
                                   const Path       *path);
void              append_quoted   (GString          *out,
                                   std::string_view  str);
std::string_view  trim_token      (std::string_view  token);
bool              is_json_number  (std::string_view  token,
                                   bool             *integer);
guint64           parse_digits    (std::string_view  digits);
const char       *describe_type   (od::json_type     type);
char             *dup             (std::string_view  str);
char             *steal_members   (GString         *&members);

/* A bump allocator for the export path (attest_sidecar_read_record()):
 * the spans, relations and entities of a record and every string they
 * hold live in it and go at once, instead of a malloc and a free each.
 * A thread keeps its blocks from file to file; a block is dropped after
 * a file that needed more than one. */
class Arena
{
public:
  Arena () = default;
  Arena (const Arena &) = delete;
  Arena &operator= (const Arena &) = delete;
  ~Arena ()
  {
    for (char *block : blocks_)
      g_free (block);
  }

  void *
  alloc (gsize size)
  {
    size = (size + 7) & ~(gsize) 7;
    if (G_UNLIKELY (blocks_.empty () || used_ + size > capacity_))
      grow (size);
    void *p = blocks_.back () + used_;
    used_ += size;
    return p;
  }

  void *
  alloc0 (gsize size)
  {
    return memset (alloc (size), 0, size);
  }

  char *
  dup (std::string_view str)
  {
    char *copy = (char *) alloc (str.size () + 1);

    memcpy (copy, str.data (), str.size ());
    copy[str.size ()] = '\0';
    return copy;
  }

  void
  reset ()
  {
    /* Keep the first block only: memory stays flat after a large file. */
    while (blocks_.size () > 1)
      {
        g_free (blocks_.back ());
        blocks_.pop_back ();
      }
    capacity_ = blocks_.empty () ? 0 : first_capacity_;
    used_ = 0;
  }

private:
  static constexpr gsize BLOCK = 256 * 1024;

  void
  grow (gsize size)
  {
    gsize capacity = MAX (BLOCK, size);

    blocks_.push_back ((char *) g_malloc (capacity));
    if (blocks_.size () == 1)
      first_capacity_ = capacity;
    capacity_ = capacity;
    used_ = 0;
  }

  std::vector<char *> blocks_;
  gsize capacity_ = 0;
  gsize first_capacity_ = 0;
  gsize used_ = 0;
};

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
inline constexpr std::string_view top_keys[] = {
  "format", "version", "generator", "document", "text", "tagset",
  "spans", "relations", "entities", "suggestions",
};

enum { DOC_FILE, DOC_SHA256, DOC_LENGTH, DOC_STATUS, DOC_LANGUAGE, DOC_META };
inline constexpr std::string_view document_keys[] = {
  "file", "sha256", "length", "status", "language", "meta",
};

/* The same as lookup_key() for a table of names, but with one comparison
 * at most: a span's members are the reader's hottest lookup (a dozen per
 * span, a hundred thousand spans in a large file). Names are told apart
 * by length and first byte, which @names must allow. */
template <gsize N>
class KeyIndex
{
public:
  constexpr explicit KeyIndex (const std::string_view (&names)[N])
    : names_ (names), slots_ ()
  {
    for (gsize i = 0; i < N; i++)
      slots_[slot (names[i])] = (signed char) (i + 1);
  }

  int
  operator() (std::string_view key) const
  {
    int k;

    if (key.empty () || key.size () > 15)
      return -1;
    k = slots_[slot (key)] - 1;
    return k >= 0 && names_[k] == key ? k : -1;
  }

private:
  static constexpr gsize
  slot (std::string_view key)
  {
    return (key.size () & 15) * 32 + ((guchar) key[0] & 31);
  }

  const std::string_view (&names_)[N];
  signed char slots_[16 * 32];
};

enum { SPAN_ID, SPAN_LABEL, SPAN_START, SPAN_END, SPAN_TEXT, SPAN_ATTRS, SPAN_NOTE,
       SPAN_ENTITY, SPAN_BY, SPAN_ORIGIN, SPAN_CREATED, SPAN_REVIEW, SPAN_WAS };
inline constexpr std::string_view span_keys[] = {
  "id", "label", "start", "end", "text", "attrs", "note",
  "entity", "by", "origin", "created", "review", "was",
};

enum { REL_ID, REL_TYPE, REL_FROM, REL_TO, REL_ATTRS, REL_BY, REL_ORIGIN, REL_CREATED };
inline constexpr std::string_view relation_keys[] = {
  "id", "type", "from", "to", "attrs", "by", "origin", "created",
};

enum { ENT_ID, ENT_NAME, ENT_KIND, ENT_WIKIDATA, ENT_ALIASES };
inline constexpr std::string_view entity_keys[] = {
  "id", "name", "kind", "wikidata", "aliases",
};

enum { REJ_LABEL, REJ_START, REJ_END, REJ_RULE };
inline constexpr std::string_view rejected_keys[] = {
  "label", "start", "end", "rule",
};

enum { TAGSET_NAME, TAGSET_VERSION };
inline constexpr std::string_view tagset_keys[] = { "name", "version" };

enum { SUG_SPANS, SUG_RELATIONS, SUG_REJECTED };
inline constexpr std::string_view suggestions_keys[] = { "spans", "relations", "rejected" };

/* A span read from the file, checked against the text once the text is
 * known (members may come in any order). */
struct SpanRecord
{
  AttestSpan       *span;
  std::string_view  text;
};

/* What went wrong first: the JSON itself (simdjson, or a check of ours
 * that the guard will place), or a member that breaks the format. */
enum class Failure { NONE, JSON, INVALID };

/* One parse. read() walks the On-Demand document and collects what it
 * finds as plain structs (every member is visited, so nothing malformed
 * goes unseen); build() then checks it all against the text and makes the
 * document. Every method returns false on the first problem, which it
 * records; report() turns it into the GError. Whatever was collected and
 * not handed to the document is freed with the reader. */
class Reader
{
public:
  /* @json_len sizes the span list up front. A span's line is 100 to 250
   * bytes, so len / 256 is a low guess: the list grows a time or two at
   * most and a text-heavy file does not reserve much for nothing. */
  Reader (const char *display_name,
          gsize       json_len)
    : name_ (display_name)
  {
    spans_.reserve (MIN (json_len / 256, 1u << 20));
  }

  ~Reader ()
  {
    if (arena_ != nullptr)
      {
        /* Spans, relations and entities are in the arena. */
        spans_.clear ();
        suggested_spans_.clear ();
        relations_.clear ();
        suggested_relations_.clear ();
        entities_.clear ();
      }
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

  /* Allocate from @arena what a record view needs: for readers whose
   * result is not handed over (record()), never for build(). */
  void use_arena (Arena *arena) { arena_ = arena; }

  /* attest-sidecar-reader.cpp */
  bool read (od::document &doc);
  AttestDocument *build ();
  /* attest-sidecar-reader-record.cpp: instead of build(), hand a record
   * view of what read() collected to @func. */
  bool record (const char       *name,
               AttestRecordFunc  func,
               gpointer          user_data);
  void report (const char     *data,
               gsize           len,
               od::parser     &parser,
               od::document   *doc,
               const char     *padded,
               gsize           padded_len,
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
  /* attest-sidecar-reader-json.cpp */
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

  /* From the arena when there is one, else owned by the caller. */
  char *copy (std::string_view str)
  {
    return arena_ != nullptr ? arena_->dup (str) : dup (str);
  }
  char *take_members (GString *&members);
  char **new_strv (gsize n)
  {
    return arena_ != nullptr ? (char **) arena_->alloc (sizeof (char *) * (n + 1))
                             : g_new (char *, n + 1);
  }
  AttestSpan *new_span (const char *label, guint start, guint end);
  AttestRelation *new_relation (const char *type);
  AttestEntity *new_entity (const char *kind);

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

  /* attest-sidecar-reader.cpp */
  bool read_document (od::value &value, const Path *path);
  bool read_meta (od::value &value, const Path *path);
  bool read_tagset (od::value &value, const Path *path);
  bool read_suggestions (od::value &value, const Path *path);

  /* attest-sidecar-reader-items.cpp */
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

  /* attest-sidecar-reader.cpp */
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
  Arena *arena_ = nullptr;

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
  struct Interned { const char *str; gsize len; };
  Interned interned_[8] = {};
  guint interned_next_ = 0;
};

/* Iterates an object's members; a JSON error returns from the caller. */
#define FOR_EACH_MEMBER(object, key, child)                                   \
  for (auto field_ : object)                                                  \
    if (error_code code_ = simdjson::SUCCESS;                                 \
        (code_ = field_.unescaped_key ().get (key)) != simdjson::SUCCESS ||   \
        (code_ = field_.value ().get (child)) != simdjson::SUCCESS)           \
      return json_fail (code_);                                               \
    else

} /* namespace attest_reader */
