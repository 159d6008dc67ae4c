/* attest-import-brat.c: brat standoff
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reads what attest-export-brat.c writes (its comment describes the
 * lines) and brat collections made elsewhere. An input is a folder, walked
 * recursively (X.ann with X.txt; a .txt without a .ann is an article
 * without annotations), or single .ann / .txt files. Articles keep their
 * path relative to the folder: a/b.ann gives a/b.txt.
 *
 * The rules, so that our own export comes back exactly:
 *
 * - The .txt is taken as brat takes it, its offsets code points of the
 *   bytes as they are. A UTF-8 BOM counts as a character for brat but is
 *   not part of an Attest text, so offsets past it move back by one.
 * - The .ann is split into lines as Python's str.splitlines() splits it,
 *   as brat does. Every line must parse and every T line's text must
 *   equal its fragments' text joined by spaces; the first bad line fails
 *   the whole import with "FILE line N: problem".
 * - A T line's fragments are joined into one span where they are
 *   contiguous or the gap between them is white space holding a line
 *   break (how brat, and our exporter, write a span across lines). Parts
 *   still apart become spans of their own, each later part linked to the
 *   one before with "continues" (Attest's split quote); attributes and
 *   the entity go to every part, the note and relations to the first.
 * - R gives a relation from Arg1 to Arg2; E (an event) a relation from
 *   its trigger to each argument, typed by the role; A and M attributes
 *   ("true" for brat's on/off ones); #AnnotatorNotes the note (other note
 *   types too, prefixed with their type). A note on a relation becomes
 *   its "note" attribute.
 * - Entities: each #AttestEntity note gives one, with its mention; an
 *   Equiv line puts mentions into one entity (one made from the first
 *   mention's text when none of them carries an #AttestEntity); an N line
 *   to Wikidata sets the mention's entity's item, making an entity for a
 *   mention without one (one per item). N lines to other databases become
 *   an attribute "ref:DB".
 * - Names written in the exporter's "__…_HEX_…" form are decoded.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "attest-import-private.h"

#define ENTITY_JSON_MAX_DEPTH 4

typedef struct
{
  guint start;
  guint end;
} Range;

/* One parsed line of a .ann file. */
typedef struct
{
  char        kind;        /* T R E A M N # * */
  guint       line;
  char       *id;          /* NULL for '*' */
  char       *type;        /* label, relation, event, attribute or note type (decoded) */
  char       *target;      /* A M N #: the annotation it is about; E: the trigger */
  char       *value;       /* A: the value (NULL: on/off); N: the item */
  char       *db;          /* N */
  char       *text;        /* N: the item's name; #: the note */
  GArray     *fragments;   /* T: of Range, in the line's order */
  char      **args;        /* R E: role, id, role, id, …; '*': the ids */

  /* Filled while resolving. */
  guint       index;       /* T: position among the T lines */
  GPtrArray  *parts;       /* T: its AttestSpans, once in the document */
  char      **attrs;       /* T R */
  GString    *note;        /* T */
} Line;

static void
line_free (gpointer data)
{
  Line *line = data;

  g_free (line->id);
  g_free (line->type);
  g_free (line->target);
  g_free (line->value);
  g_free (line->db);
  g_free (line->text);
  g_clear_pointer (&line->fragments, g_array_unref);
  g_strfreev (line->args);
  g_clear_pointer (&line->parts, g_ptr_array_unref);
  g_strfreev (line->attrs);
  if (line->note != NULL)
    g_string_free (line->note, TRUE);
  g_free (line);
}

typedef struct
{
  AttestImportContext *context;
  const char          *path;        /* the .ann as messages name it */
  AttestText          *text;        /* the .txt as brat sees it */
  guint                shift;       /* 1 when it starts with a BOM */
  GPtrArray           *lines;       /* of Line */
  GHashTable          *ids;         /* id -> Line */
  GPtrArray           *text_bounds; /* the T lines, in order */
} Ann;

static gboolean fail_at (GError     **error,
                         const char  *path,
                         guint        line,
                         const char  *format,
                         ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail_at (GError     **error,
         const char  *path,
         guint        line,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  g_autofree char *source = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  source = g_strdup_printf ("%s line %u", path, line);
  attest_import_set_error (error, source, "%s", message);

  return FALSE;
}

/* Text for a message: at most 60 bytes of it. */
static char *
quote_text (const char *text,
            gsize       len)
{
  gsize cut = attest_utf8_prefix_len (text, len, 60);

  if (cut < len)
    return g_strdup_printf ("%.*s…", (int) cut, text);

  return g_strndup (text, len);
}

/* Lines and names ----------------------------------------------------- */

/* The length in bytes of the line break at @p, or 0: what Python's
 * str.splitlines() breaks at. */
static inline gsize
line_break_len (const guchar *p,
                gsize         n)
{
  switch (p[0])
    {
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case 0x1c:
    case 0x1d:
    case 0x1e:
      return 1;

    case 0xc2:
      return n >= 2 && p[1] == 0x85 ? 2 : 0;

    case 0xe2:
      return n >= 3 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9) ? 3 : 0;

    default:
      return 0;
    }
}

static gboolean
is_line_break (gunichar c)
{
  return c == '\n' || c == '\v' || c == '\f' || c == '\r' || (c >= 0x1c && c <= 0x1e) ||
         c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* Python's str.isspace(), near enough for separating fields. */
static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || is_line_break (c) || c == 0x1f;
}

static gboolean
next_line (const char  *data,
           gsize        len,
           gsize       *pos,
           const char **line,
           gsize       *line_len)
{
  const guchar *p = (const guchar *) data;
  gsize start = *pos;

  if (start >= len)
    return FALSE;

  *line = data + start;
  for (gsize i = start; i < len; i++)
    {
      gsize brk = line_break_len (p + i, len - i);

      if (brk > 0)
        {
          if (p[i] == '\r' && i + 1 < len && p[i + 1] == '\n')
            brk = 2;
          *line_len = i - start;
          *pos = i + brk;
          return TRUE;
        }
    }

  *line_len = len - start;
  *pos = len;
  return TRUE;
}

/* Undoes the exporter's "__…_HEX_…" form. FALSE if @body is not in it. */
static gboolean
decode_escaped (const char *body,
                GString    *out)
{
  gboolean any = FALSE;

  for (const char *p = body; *p != '\0';)
    {
      const char *q;
      guint32 c = 0;
      guint n = 0;

      if (*p != '_')
        {
          g_string_append_c (out, *p++);
          continue;
        }

      for (q = p + 1; g_ascii_isxdigit (*q) && n < 7; q++, n++)
        c = c * 16 + g_ascii_xdigit_value (*q);
      if (n == 0 || n > 6 || *q != '_')
        return FALSE;

      if (c == 0)
        {
          /* Only the whole of an empty name. */
          if (p != body || q[1] != '\0')
            return FALSE;
        }
      else if (!g_unichar_validate (c))
        {
          return FALSE;
        }
      else
        {
          g_string_append_unichar (out, c);
        }

      any = TRUE;
      p = q + 1;
    }

  return any;
}

static char *
decode_name (const char *name,
             gsize       len)
{
  g_autofree char *copy = g_strndup (name, len);
  g_autoptr(GString) out = NULL;

  if (!g_str_has_prefix (copy, "__"))
    return g_steal_pointer (&copy);

  out = g_string_new (NULL);
  if (!decode_escaped (copy + 2, out))
    return g_steal_pointer (&copy);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* brat's ids: letters (or '#' and letters), digits, anything; or '*'. */
static gboolean
is_valid_id (const char *id)
{
  const char *p = id;

  if (*p == '#')
    {
      p++;
      while (g_ascii_isalpha (*p))
        p++;
    }
  else
    {
      if (!g_ascii_isalpha (*p))
        return FALSE;
      while (g_ascii_isalpha (*p))
        p++;
    }

  return g_ascii_isdigit (*p);
}

static gboolean
parse_offset (const char *str,
              gsize       len,
              guint      *value)
{
  g_autofree char *copy = g_strndup (str, len);
  guint64 v;

  if (len == 0 || len > 10)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (str[i]))
      return FALSE;
  if (!g_ascii_string_to_unsigned (copy, 10, 0, G_MAXUINT, &v, NULL))
    return FALSE;

  *value = (guint) v;
  return TRUE;
}

/* Splits @data at runs of ASCII spaces (the fields of brat's lines). */
static char **
split_fields (const char *data,
              gsize       len)
{
  GPtrArray *fields = g_ptr_array_new ();
  gsize i = 0;

  while (i < len)
    {
      gsize start;

      while (i < len && data[i] == ' ')
        i++;
      start = i;
      while (i < len && data[i] != ' ')
        i++;
      if (i > start)
        g_ptr_array_add (fields, g_strndup (data + start, i - start));
    }
  g_ptr_array_add (fields, NULL);

  return (char **) g_ptr_array_free (fields, FALSE);
}

/* "ROLE:ID" into @args. */
static gboolean
add_argument (GPtrArray  *args,
              const char *field)
{
  const char *colon = strchr (field, ':');

  if (colon == NULL || colon == field || colon[1] == '\0' || strchr (colon + 1, ':') != NULL)
    return FALSE;

  g_ptr_array_add (args, g_strndup (field, colon - field));
  g_ptr_array_add (args, g_strdup (colon + 1));
  return TRUE;
}

/* Parsing one line ---------------------------------------------------- */

static int
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  const Range *x = a;
  const Range *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return 0;
}


static gboolean
parse_text_bound (Ann         *ann,
                  Line        *line,
                  const char  *data,
                  gsize        data_len,
                  const char  *tail,
                  gsize        tail_len,
                  GError     **error)
{
  const char *space = memchr (data, ' ', data_len);
  const char *end = data + data_len;
  const char *text_end;
  guint text_length = attest_text_get_length (ann->text);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GArray) sorted = NULL;
  g_autofree char *shown = NULL;
  guint n_chars = 0;

  if (space == NULL || space == data)
    {
      shown = quote_text (data, data_len);
      return fail_at (error, ann->path, line->line,
                      _("%s: expected “TYPE START END”, found “%s”"), line->id, shown);
    }

  line->type = decode_name (data, space - data);
  line->fragments = g_array_new (FALSE, FALSE, sizeof (Range));

  for (const char *p = space + 1; p <= end;)
    {
      const char *semi = memchr (p, ';', end - p);
      const char *piece_end = semi != NULL ? semi : end;
      const char *sep = memchr (p, ' ', piece_end - p);
      const char *last = piece_end;
      Range range;

      while (last > p && last[-1] == ' ')
        last--;

      if (sep == NULL || last <= sep || !parse_offset (p, sep - p, &range.start) ||
          !parse_offset (sep + 1, last - sep - 1, &range.end))
        {
          shown = quote_text (space + 1, end - space - 1);
          return fail_at (error, ann->path, line->line,
                          _("%s: expected offsets “START END” or “START END;START END…”, "
                            "found “%s”"),
                          line->id, shown);
        }
      if (range.start > range.end)
        return fail_at (error, ann->path, line->line,
                        _("%s: the start %u is after the end %u"),
                        line->id, range.start, range.end);
      if (range.end > text_length)
        return fail_at (error, ann->path, line->line,
                        _("%s: the end %u is past the end of the text (%u characters)"),
                        line->id, range.end, text_length);

      g_array_append_val (line->fragments, range);
      if (semi == NULL)
        break;
      p = semi + 1;
    }

  /* No two fragments may share a character, as brat insists. */
  sorted = g_array_copy (line->fragments);
  g_array_sort (sorted, compare_ranges);
  for (guint i = 1; i < sorted->len; i++)
    if (g_array_index (sorted, Range, i).start < g_array_index (sorted, Range, i - 1).end)
      return fail_at (error, ann->path, line->line, _("%s: its fragments overlap"), line->id);

  for (guint i = 0; i < line->fragments->len; i++)
    {
      const Range *r = &g_array_index (line->fragments, Range, i);
      const char *a = attest_text_get_pointer (ann->text, r->start);
      const char *b = attest_text_get_pointer (ann->text, r->end);

      if (i > 0)
        g_string_append_c (expected, ' ');
      g_string_append_len (expected, a, b - a);
    }

  if (tail == NULL)
    return fail_at (error, ann->path, line->line,
                    _("%s: no text after the offsets (expected “ID\\tTYPE START END\\tTEXT”)"),
                    line->id);

  /* The text is as many characters as the fragments hold; brat allows
   * anything after it that starts with white space. */
  n_chars = attest_utf8_length (expected->str, expected->len);
  for (text_end = tail; text_end < tail + tail_len && n_chars > 0; n_chars--)
    text_end = g_utf8_next_char (text_end);

  if ((gsize) (text_end - tail) != expected->len ||
      memcmp (tail, expected->str, expected->len) != 0)
    {
      g_autofree char *found = quote_text (tail, tail_len);
      g_autofree char *want = quote_text (expected->str, expected->len);

      return fail_at (error, ann->path, line->line,
                      _("%s: the text “%s” does not match the text at its offsets, “%s”"),
                      line->id, found, want);
    }

  if (text_end < tail + tail_len && !is_space (g_utf8_get_char (text_end)))
    {
      g_autofree char *found = quote_text (tail, tail_len);

      return fail_at (error, ann->path, line->line,
                      _("%s: the text “%s” is longer than its offsets"), line->id, found);
    }

  return TRUE;
}

static gboolean
parse_line (Ann         *ann,
            guint        number,
            const char  *text,
            gsize        len,
            GError     **error)
{
  g_autoptr(GPtrArray) args = NULL;
  g_auto(GStrv) fields = NULL;
  const char *tab = memchr (text, '\t', len);
  const char *data;
  const char *data_end;
  const char *tail = NULL;
  gsize tail_len = 0;
  Line *line;
  Line *other;
  gboolean blank = TRUE;

  for (const char *p = text; p < text + len; p = g_utf8_next_char (p))
    blank &= is_space (g_utf8_get_char (p));
  if (blank)
    return TRUE;

  if (tab == NULL)
    {
      g_autofree char *shown = quote_text (text, len);

      return fail_at (error, ann->path, number,
                      _("expected an id, a tab and an annotation, found “%s”"), shown);
    }

  line = g_new0 (Line, 1);
  line->line = number;
  g_ptr_array_add (ann->lines, line);

  data = tab + 1;
  data_end = memchr (data, '\t', text + len - data);
  if (data_end != NULL)
    {
      tail = data_end + 1;
      tail_len = text + len - tail;
    }
  else
    {
      data_end = text + len;
    }

  if (tab - text == 1 && text[0] == '*')
    {
      line->kind = '*';
    }
  else
    {
      line->id = g_strndup (text, tab - text);
      if (!is_valid_id (line->id))
        return fail_at (error, ann->path, number,
                        _("“%s” is not a brat annotation id"), line->id);
      if ((other = g_hash_table_lookup (ann->ids, line->id)) != NULL)
        return fail_at (error, ann->path, number,
                        _("the id %s is already used on line %u"), line->id, other->line);
      g_hash_table_insert (ann->ids, line->id, line);
      line->kind = line->id[0];
    }

  if (line->kind == 'T')
    {
      line->index = ann->text_bounds->len;
      g_ptr_array_add (ann->text_bounds, line);
      return parse_text_bound (ann, line, data, data_end - data, tail, tail_len, error);
    }

  fields = split_fields (data, data_end - data);
  args = g_ptr_array_new_with_free_func (g_free);

  switch (line->kind)
    {
    case 'R':
      if (g_strv_length (fields) != 3 || !add_argument (args, fields[1]) ||
          !add_argument (args, fields[2]))
        return fail_at (error, ann->path, number,
                        _("%s: expected “TYPE Arg1:ID Arg2:ID”"), line->id);
      if (g_str_equal (g_ptr_array_index (args, 0), g_ptr_array_index (args, 2)))
        return fail_at (error, ann->path, number,
                        _("%s: both arguments are called %s"), line->id,
                        (const char *) g_ptr_array_index (args, 0));
      line->type = decode_name (fields[0], strlen (fields[0]));
      break;

    case 'E':
      {
        const char *colon = fields[0] != NULL ? strchr (fields[0], ':') : NULL;

        if (colon == NULL || colon == fields[0] || colon[1] == '\0')
          return fail_at (error, ann->path, number,
                          _("%s: expected “TYPE:TRIGGER ROLE:ID…”"), line->id);
        line->type = decode_name (fields[0], colon - fields[0]);
        line->target = g_strdup (colon + 1);
        for (guint i = 1; fields[i] != NULL; i++)
          if (!add_argument (args, fields[i]))
            return fail_at (error, ann->path, number,
                            _("%s: expected “ROLE:ID”, found “%s”"), line->id, fields[i]);
      }
      break;

    case 'A':
    case 'M':
      {
        /* brat: (.+?) (.+?) (.+?)$, the value being the rest. */
        const char *first = memchr (data, ' ', data_end - data);
        const char *second = first != NULL ? memchr (first + 1, ' ', data_end - first - 1) : NULL;

        if (first == NULL || first == data || first + 1 == data_end ||
            (second != NULL && (second == first + 1 || second + 1 == data_end)) ||
            (line->kind == 'M' && second != NULL))
          return fail_at (error, ann->path, number,
                          line->kind == 'A' ? _("%s: expected “NAME ID VALUE” or “NAME ID”")
                                            : _("%s: expected “NAME ID”"),
                          line->id);
        line->type = decode_name (data, first - data);
        if (second != NULL)
          {
            line->target = g_strndup (first + 1, second - first - 1);
            line->value = decode_name (second + 1, data_end - second - 1);
          }
        else
          {
            line->target = g_strndup (first + 1, data_end - first - 1);
          }
      }
      break;

    case 'N':
      {
        const char *colon = g_strv_length (fields) >= 3 ? strchr (fields[2], ':') : NULL;

        if (colon == NULL || colon == fields[2] || colon[1] == '\0')
          return fail_at (error, ann->path, number,
                          _("%s: expected “TYPE ID DATABASE:ENTRY”"), line->id);
        line->type = g_strdup (fields[0]);
        line->target = g_strdup (fields[1]);
        line->db = g_strndup (fields[2], colon - fields[2]);
        line->value = decode_name (colon + 1, strlen (colon + 1));
        /* The item's name, for an entity made from it. brat itself
         * writes two tabs before it, and reads it without them. */
        while (tail != NULL && tail_len > 0 && tail[0] == '\t')
          {
            tail++;
            tail_len--;
          }
        line->text = tail != NULL ? g_strndup (tail, tail_len) : g_strdup ("");
      }
      break;

    case '#':
      if (g_strv_length (fields) != 2)
        return fail_at (error, ann->path, number, _("%s: expected “TYPE ID”"), line->id);
      line->type = g_strdup (fields[0]);
      line->target = g_strdup (fields[1]);
      line->text = tail != NULL ? g_strndup (tail, tail_len) : g_strdup ("");
      break;

    case '*':
      if (g_strv_length (fields) < 2)
        return fail_at (error, ann->path, number, _("expected “Equiv ID ID…”"));
      line->type = g_strdup (fields[0]);
      for (guint i = 1; fields[i] != NULL; i++)
        g_ptr_array_add (args, g_strdup (fields[i]));
      break;

    default:
      return fail_at (error, ann->path, number,
                      _("%s: brat has no annotation of this kind"), line->id);
    }

  if (args->len > 0)
    {
      g_ptr_array_add (args, NULL);
      line->args = (char **) g_ptr_array_free (g_steal_pointer (&args), FALSE);
    }

  return TRUE;
}

/* Resolving a file's lines into a document ----------------------------- */

static Line *
lookup (Ann        *ann,
        const char *id)
{
  return g_hash_table_lookup (ann->ids, id);
}

/* The T line an annotation refers to: a T itself, or an event's trigger. */
static Line *
lookup_text_bound (Ann        *ann,
                   const char *id)
{
  Line *line = lookup (ann, id);

  if (line != NULL && line->kind == 'E')
    line = lookup (ann, line->target);

  return line != NULL && line->kind == 'T' ? line : NULL;
}

static guint
to_attest_offset (Ann   *ann,
                  guint  offset)
{
  return offset >= ann->shift ? offset - ann->shift : 0;
}

/* Is [start, end) of brat's text a gap a span may be joined across? */
static gboolean
is_joinable_gap (Ann   *ann,
                 guint  start,
                 guint  end)
{
  const char *p = attest_text_get_pointer (ann->text, start);
  const char *q = attest_text_get_pointer (ann->text, end);
  gboolean any_break = FALSE;

  if (start == end)
    return TRUE;

  for (; p < q; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_space (c))
        return FALSE;
      any_break |= is_line_break (c);
    }

  return any_break;
}

static gboolean
make_parts (Ann     *ann,
            Line    *line,
            GError **error)
{
  g_autoptr(GArray) sorted = g_array_copy (line->fragments);
  Range group;

  g_array_sort (sorted, compare_ranges);
  /* Not owning: each goes to the document (see build_document()). */
  line->parts = g_ptr_array_new ();

  group = g_array_index (sorted, Range, 0);
  for (guint i = 1; i <= sorted->len; i++)
    {
      const Range *next = i < sorted->len ? &g_array_index (sorted, Range, i) : NULL;

      if (next != NULL && is_joinable_gap (ann, group.end, next->start))
        {
          group.end = next->end;
          continue;
        }

      /* Attest's spans hold text: only re-anchoring leaves one empty. */
      if (to_attest_offset (ann, group.start) == to_attest_offset (ann, group.end))
        return fail_at (error, ann->path, line->line,
                        _("%s: an empty span at %u; Attest’s spans hold at least one character"),
                        line->id, group.start);

      g_ptr_array_add (line->parts,
                       attest_import_new_span (ann->context, line->type,
                                               to_attest_offset (ann, group.start),
                                               to_attest_offset (ann, group.end)));
      if (next != NULL)
        group = *next;
    }

  return TRUE;
}

static gboolean
set_attribute (Ann         *ann,
               Line        *line,
               char      ***attrs,
               const char  *key,
               const char  *value,
               GError     **error)
{
  if (attest_attrs_get (*attrs, key) != NULL)
    return fail_at (error, ann->path, line->line,
                    _("%s: %s already has an attribute “%s”"), line->id, line->target, key);

  *attrs = attest_attrs_set (*attrs, key, value);
  return TRUE;
}

static void
append_note (Line       *target,
             const char *prefix,
             const char *text)
{
  if (target->note == NULL)
    target->note = g_string_new (NULL);
  else
    g_string_append_c (target->note, '\n');

  if (prefix != NULL)
    g_string_append_printf (target->note, "%s: ", prefix);
  g_string_append (target->note, text);
}

static AttestEntity *
parse_entity_json (Ann         *ann,
                   Line        *line,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  g_autoptr(AttestEntity) entity = NULL;
  g_autoptr(GPtrArray) aliases = NULL;
  JsonObject *object;
  JsonNode *root;
  JsonNode *node;
  static const char * const strings[] = { "id", "name", "kind", "wikidata" };
  const char *values[G_N_ELEMENTS (strings)] = { NULL, };

  if (!attest_json_guard_check (line->text, strlen (line->text), ENTITY_JSON_MAX_DEPTH, &local) ||
      !json_parser_load_from_data (parser, line->text, -1, &local))
    {
      fail_at (error, ann->path, line->line, "%s: AttestEntity: %s", line->id, local->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      fail_at (error, ann->path, line->line,
               _("%s: AttestEntity: expected a JSON object"), line->id);
      return NULL;
    }
  object = json_node_get_object (root);

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      node = json_object_get_member (object, strings[i]);
      if (node == NULL)
        continue;
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          fail_at (error, ann->path, line->line,
                   _("%s: AttestEntity: “%s” must be a string"), line->id, strings[i]);
          return NULL;
        }
      values[i] = json_node_get_string (node);
    }

  if (values[0] == NULL || values[0][0] == '\0' || values[1] == NULL)
    {
      fail_at (error, ann->path, line->line,
               _("%s: AttestEntity: needs an “id” and a “name”"), line->id);
      return NULL;
    }

  if ((node = json_object_get_member (object, "aliases")) != NULL)
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          fail_at (error, ann->path, line->line,
                   _("%s: AttestEntity: “aliases” must be an array of strings"), line->id);
          return NULL;
        }

      array = json_node_get_array (node);
      aliases = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *alias = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (alias) || json_node_get_value_type (alias) != G_TYPE_STRING)
            {
              fail_at (error, ann->path, line->line,
                       _("%s: AttestEntity: “aliases” must be an array of strings"), line->id);
              return NULL;
            }
          g_ptr_array_add (aliases, g_strdup (json_node_get_string (alias)));
        }
    }

  entity = attest_entity_new (values[0], values[1], values[2]);
  entity->wikidata = g_strdup (values[3]);
  if (aliases != NULL && aliases->len > 0)
    {
      g_ptr_array_add (aliases, NULL);
      entity->aliases = (char **) g_ptr_array_free (g_steal_pointer (&aliases), FALSE);
    }

  return g_steal_pointer (&entity);
}

static guint
find_group (guint *parent,
            guint  i)
{
  while (parent[i] != i)
    {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
  return i;
}

/* The mention's text, for naming an entity made from it. */
static char *
mention_text (Ann  *ann,
              Line *mention)
{
  const Range *r = &g_array_index (mention->fragments, Range, 0);

  return attest_text_slice (ann->text, r->start, r->end);
}

typedef struct
{
  AttestEntity *entity;         /* owned until added */
  gboolean      added;          /* then the document's */
  guint         wikidata_line;  /* the N line that set its item, or 0 */
} EntitySlot;

static void
entity_slot_clear (gpointer data)
{
  EntitySlot *slot = data;

  if (!slot->added)
    g_clear_pointer (&slot->entity, attest_entity_free);
}

/* Entities: #AttestEntity, Equiv and N lines (see the top). Sets
 * @entity_of[i] for the i-th T line to a position in @slots + 1. */
static gboolean
resolve_entities (Ann         *ann,
                  GArray      *slots,
                  guint       *entity_of,
                  GError     **error)
{
  guint n = ann->text_bounds->len;
  g_autofree guint *parent = g_new (guint, n + 1);
  g_autofree guint *group_slot = g_new0 (guint, n + 1);
  g_autofree guint *group_size = g_new0 (guint, n + 1);
  g_autoptr(GHashTable) entity_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) items = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    parent[i] = i;

  for (guint i = 0; i < ann->lines->len; i++)
    {
      Line *line = g_ptr_array_index (ann->lines, i);
      Line *first = NULL;

      if (line->kind != '*')
        continue;

      for (guint j = 0; line->args[j] != NULL; j++)
        {
          Line *member = lookup (ann, line->args[j]);

          if (member == NULL || member->kind != 'T')
            return fail_at (error, ann->path, line->line,
                            _("%s: %s is not a span in this file"), line->type, line->args[j]);
          if (first == NULL)
            first = member;
          else
            parent[find_group (parent, member->index)] = find_group (parent, first->index);
        }
    }

  for (guint i = 0; i < n; i++)
    group_size[find_group (parent, i)]++;

  for (guint i = 0; i < ann->lines->len; i++)
    {
      Line *line = g_ptr_array_index (ann->lines, i);
      EntitySlot slot = { NULL, FALSE, 0 };
      Line *mention;
      Line *seen;
      guint group;

      if (line->kind != '#' || !g_str_equal (line->type, "AttestEntity"))
        continue;

      mention = lookup (ann, line->target);
      if (mention == NULL || mention->kind != 'T')
        return fail_at (error, ann->path, line->line,
                        _("%s: %s is not a span in this file"), line->id, line->target);

      if ((slot.entity = parse_entity_json (ann, line, error)) == NULL)
        return FALSE;
      if ((seen = g_hash_table_lookup (entity_ids, slot.entity->id)) != NULL)
        {
          g_autofree char *id = g_strdup (slot.entity->id);

          attest_entity_free (slot.entity);
          return fail_at (error, ann->path, line->line,
                          _("%s: the entity %s is already given on line %u"),
                          line->id, id, seen->line);
        }
      g_array_append_val (slots, slot);
      g_hash_table_insert (entity_ids, slot.entity->id, line);

      group = find_group (parent, mention->index);
      if (group_slot[group] != 0)
        {
          EntitySlot *other = &g_array_index (slots, EntitySlot, group_slot[group] - 1);

          return fail_at (error, ann->path, line->line,
                          _("%s: %s is the same entity as the mentions of %s"),
                          line->id, slot.entity->id, other->entity->id);
        }
      group_slot[group] = slots->len;
    }

  /* Equiv groups without an AttestEntity of their own. */
  for (guint i = 0; i < n; i++)
    {
      guint group = find_group (parent, i);

      if (group_size[group] > 1 && group_slot[group] == 0)
        {
          g_autofree char *name = mention_text (ann, g_ptr_array_index (ann->text_bounds, i));
          EntitySlot slot = { attest_entity_new (NULL, name, NULL), FALSE, 0 };

          g_array_append_val (slots, slot);
          group_slot[group] = slots->len;
        }
    }

  for (guint i = 0; i < ann->lines->len; i++)
    {
      Line *line = g_ptr_array_index (ann->lines, i);
      EntitySlot *slot;
      Line *mention;
      guint group;

      if (line->kind != 'N' || g_ascii_strcasecmp (line->db, "Wikidata") != 0)
        continue;

      mention = lookup_text_bound (ann, line->target);
      if (mention == NULL)
        return fail_at (error, ann->path, line->line,
                        _("%s: %s is not a span in this file"), line->id, line->target);

      group = find_group (parent, mention->index);
      if (group_slot[group] == 0)
        {
          guint known = GPOINTER_TO_UINT (g_hash_table_lookup (items, line->value));

          if (known == 0)
            {
              g_autofree char *name = line->text[0] != '\0' ? g_strdup (line->text)
                                                            : mention_text (ann, mention);
              EntitySlot fresh = { attest_entity_new (NULL, name, NULL), FALSE, 0 };

              g_array_append_val (slots, fresh);
              known = slots->len;
              g_hash_table_insert (items, line->value, GUINT_TO_POINTER (known));
            }
          group_slot[group] = known;
        }

      slot = &g_array_index (slots, EntitySlot, group_slot[group] - 1);
      if (slot->wikidata_line != 0 && g_strcmp0 (slot->entity->wikidata, line->value) != 0)
        return fail_at (error, ann->path, line->line,
                        _("%s: links %s to Wikidata %s, but line %u links it to %s"),
                        line->id, line->target, line->value, slot->wikidata_line,
                        slot->entity->wikidata);
      g_free (slot->entity->wikidata);
      slot->entity->wikidata = g_strdup (line->value);
      slot->wikidata_line = line->line;
    }

  for (guint i = 0; i < n; i++)
    entity_of[i] = group_slot[find_group (parent, i)];

  return TRUE;
}

/* Attributes, notes and references onto the T and R lines. */
static gboolean
resolve_annotations (Ann     *ann,
                     GError **error)
{
  for (guint i = 0; i < ann->lines->len; i++)
    {
      Line *line = g_ptr_array_index (ann->lines, i);
      Line *target;

      switch (line->kind)
        {
        case 'A':
        case 'M':
          target = lookup (ann, line->target);
          if (target != NULL && target->kind == 'E')
            target = lookup_text_bound (ann, line->target);
          if (target == NULL || (target->kind != 'T' && target->kind != 'R'))
            return fail_at (error, ann->path, line->line,
                            _("%s: %s is not a span or relation in this file"),
                            line->id, line->target);
          if (!set_attribute (ann, line, &target->attrs, line->type,
                              line->value != NULL ? line->value : "true", error))
            return FALSE;
          break;

        case 'N':
          target = lookup_text_bound (ann, line->target);
          if (target == NULL)
            return fail_at (error, ann->path, line->line,
                            _("%s: %s is not a span in this file"), line->id, line->target);
          if (g_ascii_strcasecmp (line->db, "Wikidata") != 0)
            {
              g_autofree char *key = g_strconcat ("ref:", line->db, NULL);

              if (!set_attribute (ann, line, &target->attrs, key, line->value, error))
                return FALSE;
            }
          break;

        case '#':
          if (g_str_equal (line->type, "AttestEntity"))
            break;
          target = lookup (ann, line->target);
          if (target != NULL && target->kind == 'E')
            target = lookup_text_bound (ann, line->target);
          if (target == NULL || (target->kind != 'T' && target->kind != 'R'))
            return fail_at (error, ann->path, line->line,
                            _("%s: %s is not a span or relation in this file"),
                            line->id, line->target);
          if (target->kind == 'R')
            {
              if (!set_attribute (ann, line, &target->attrs, "note", line->text, error))
                return FALSE;
            }
          else
            {
              append_note (target, g_str_equal (line->type, "AnnotatorNotes") ? NULL : line->type,
                           line->text);
            }
          break;

        case 'R':
        case 'E':
          {
            /* R: Arg1 and Arg2; E: its trigger, then its arguments. */
            if (line->kind == 'E' && lookup_text_bound (ann, line->target) == NULL)
              return fail_at (error, ann->path, line->line,
                              _("%s: the trigger %s is not a span in this file"),
                              line->id, line->target);
            for (guint j = 0; line->args != NULL && line->args[j] != NULL; j += 2)
              if (lookup_text_bound (ann, line->args[j + 1]) == NULL)
                return fail_at (error, ann->path, line->line,
                                _("%s: %s is not a span in this file"),
                                line->id, line->args[j + 1]);
          }
          break;

        default:
          break;
        }
    }

  return TRUE;
}

static const char *
head_id (Ann        *ann,
         const char *id)
{
  Line *line = lookup_text_bound (ann, id);

  return ((AttestSpan *) g_ptr_array_index (line->parts, 0))->id;
}

static gboolean
add_relation (Ann             *ann,
              AttestDocument  *document,
              Line            *line,
              const char      *type,
              const char      *from,
              const char      *to,
              char           **attrs,
              GError         **error)
{
  AttestRelation *relation = attest_import_new_relation (ann->context, type, from, to);
  g_autoptr(GError) local = NULL;

  relation->attrs = g_strdupv (attrs);
  if (!attest_document_add_relation (document, relation, &local))
    {
      attest_relation_free (relation);
      return fail_at (error, ann->path, line->line, "%s", local->message);
    }

  return TRUE;
}

/* Role names may end in a number ("Theme2"), the way brat repeats one. */
static char *
role_type (const char *role)
{
  gsize len = strlen (role);

  while (len > 1 && g_ascii_isdigit (role[len - 1]))
    len--;

  return decode_name (role, len);
}

static AttestDocument *
build_document (Ann         *ann,
                AttestText  *text,
                GError     **error)
{
  g_autoptr(AttestDocument) document = attest_document_new (text);
  g_autoptr(GArray) slots = g_array_new (FALSE, TRUE, sizeof (EntitySlot));
  g_autofree guint *entity_of = g_new0 (guint, ann->text_bounds->len + 1);
  g_autoptr(GError) local = NULL;

  g_array_set_clear_func (slots, entity_slot_clear);

  if (!resolve_annotations (ann, error) || !resolve_entities (ann, slots, entity_of, error))
    return NULL;

  /* Entities with ids first, so that new ones number after them. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < slots->len; i++)
      {
        EntitySlot *slot = &g_array_index (slots, EntitySlot, i);

        if (slot->added || (slot->entity->id == NULL) != (pass == 1))
          continue;
        if (!attest_document_add_entity (document, slot->entity, &local))
          {
            fail_at (error, ann->path, 1, "%s", local->message);
            return NULL;
          }
        slot->added = TRUE;
      }

  for (guint i = 0; i < ann->text_bounds->len; i++)
    {
      Line *line = g_ptr_array_index (ann->text_bounds, i);
      const char *entity = NULL;

      if (entity_of[i] != 0)
        entity = g_array_index (slots, EntitySlot, entity_of[i] - 1).entity->id;

      if (!make_parts (ann, line, error))
        {
          g_ptr_array_foreach (line->parts, (GFunc) attest_span_free, NULL);
          g_ptr_array_set_size (line->parts, 0);
          return NULL;
        }
      for (guint j = 0; j < line->parts->len; j++)
        {
          AttestSpan *span = g_ptr_array_index (line->parts, j);

          span->attrs = g_strdupv (line->attrs);
          span->entity = g_strdup (entity);
          if (j == 0 && line->note != NULL)
            span->note = g_strdup (line->note->str);

          if (!attest_document_add_span (document, span, &local))
            {
              for (guint k = j; k < line->parts->len; k++)
                attest_span_free (g_ptr_array_index (line->parts, k));
              fail_at (error, ann->path, line->line, "%s", local->message);
              return NULL;
            }
        }
    }

  for (guint i = 0; i < ann->lines->len; i++)
    {
      Line *line = g_ptr_array_index (ann->lines, i);

      if (line->kind == 'R')
        {
          if (!add_relation (ann, document, line, line->type,
                             head_id (ann, line->args[1]), head_id (ann, line->args[3]),
                             line->attrs, error))
            return NULL;
        }
      else if (line->kind == 'E')
        {
          for (guint j = 0; line->args != NULL && line->args[j] != NULL; j += 2)
            {
              g_autofree char *type = role_type (line->args[j]);

              if (!add_relation (ann, document, line, type, head_id (ann, line->target),
                                 head_id (ann, line->args[j + 1]), NULL, error))
                return NULL;
            }
        }
    }

  /* A span brat holds in parts: each later part continues the one before. */
  for (guint i = 0; i < ann->text_bounds->len; i++)
    {
      Line *line = g_ptr_array_index (ann->text_bounds, i);

      for (guint j = 1; j < line->parts->len; j++)
        {
          AttestSpan *part = g_ptr_array_index (line->parts, j);
          AttestSpan *before = g_ptr_array_index (line->parts, j - 1);

          if (!add_relation (ann, document, line, "continues", part->id, before->id, NULL, error))
            return NULL;
        }
    }

  return g_steal_pointer (&document);
}

/* One document ----------------------------------------------------------- */

static gboolean
import_pair (AttestImportContext  *context,
             const char           *name,
             const char           *ann_path,
             const char           *ann_display,
             const char           *txt_path,
             const char           *txt_display,
             GError              **error)
{
  g_autoptr(GBytes) txt_bytes = NULL;
  g_autoptr(GBytes) ann_bytes = NULL;
  g_autoptr(AttestText) brat_text = NULL;
  g_autoptr(AttestText) text = NULL;
  g_autoptr(AttestDocument) document = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (line_free);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) text_bounds = g_ptr_array_new ();
  g_autoptr(GError) local = NULL;
  GCancellable *cancellable = attest_import_context_get_cancellable (context);
  const char *data;
  gsize len;
  Ann ann = { 0 };

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* Its messages name the file already. */
  if ((txt_bytes = attest_import_read_file (txt_path, cancellable, error)) == NULL)
    return FALSE;

  data = g_bytes_get_data (txt_bytes, &len);
  if ((brat_text = attest_text_new (data, len, &local)) == NULL)
    {
      attest_import_set_error (error, txt_display, "%s", local->message);
      return FALSE;
    }

  ann.context = context;
  ann.path = ann_display;
  ann.text = brat_text;
  ann.lines = lines;
  ann.ids = ids;
  ann.text_bounds = text_bounds;

  /* brat counts a BOM as a character; Attest's text has none. */
  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      ann.shift = 1;
      text = attest_text_new (data + 3, len - 3, NULL);
    }
  else
    {
      text = attest_text_ref (brat_text);
    }

  if (ann_path != NULL)
    {
      gsize pos = 0;
      const char *line;
      gsize line_len;
      guint number = 0;

      if ((ann_bytes = attest_import_read_file (ann_path, cancellable, error)) == NULL)
        return FALSE;

      data = g_bytes_get_data (ann_bytes, &len);
      if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
        pos = 3;

      while (next_line (data, len, &pos, &line, &line_len))
        {
          number++;
          if (!g_utf8_validate (line, line_len, NULL))
            return fail_at (error, ann_display, number, _("not valid UTF-8"));
          if (!parse_line (&ann, number, line, line_len, error))
            return FALSE;
        }

      if ((document = build_document (&ann, text, error)) == NULL)
        return FALSE;
    }
  else
    {
      document = attest_document_new (text);
    }

  return attest_import_context_add (context, name, document,
                                    ann_path != NULL ? ann_display : txt_display, error);
}

/* Inputs ----------------------------------------------------------------- */

/* Relative paths of the .ann and .txt files under @dir. */
static gboolean
collect (const char  *root,
         const char  *relative,
         GPtrArray   *found,
         GError     **error)
{
  g_autofree char *dir_path = relative != NULL ? g_build_filename (root, relative, NULL)
                                               : g_strdup (root);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, error);
  const char *entry;

  if (dir == NULL)
    return FALSE;

  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child_relative = relative != NULL ? g_strconcat (relative, "/", entry, NULL)
                                                         : g_strdup (entry);
      g_autofree char *child = g_build_filename (root, child_relative, NULL);

      if (entry[0] == '.')
        continue;

      /* A linked folder could lead back up; brat's own data stays inside. */
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          if (!g_file_test (child, G_FILE_TEST_IS_SYMLINK) &&
              !collect (root, child_relative, found, error))
            return FALSE;
        }
      else if (g_str_has_suffix (entry, ".ann") || g_str_has_suffix (entry, ".txt"))
        {
          g_ptr_array_add (found, g_steal_pointer (&child_relative));
        }
    }

  return TRUE;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
import_folder (AttestImportContext  *context,
               const char           *input,
               GError              **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) stems = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_free);

  if (!collect (input, NULL, found, error))
    return FALSE;

  for (guint i = 0; i < found->len; i++)
    {
      const char *path = g_ptr_array_index (found, i);
      g_autofree char *stem = g_strndup (path, strlen (path) - 4);

      if (!g_hash_table_contains (stems, stem))
        {
          g_hash_table_add (stems, stem);
          g_ptr_array_add (order, g_steal_pointer (&stem));
        }
    }
  g_ptr_array_sort (order, compare_paths);

  for (guint i = 0; i < order->len; i++)
    {
      const char *stem = g_ptr_array_index (order, i);
      g_autofree char *name = g_strconcat (stem, ".txt", NULL);
      g_autofree char *ann_relative = g_strconcat (stem, ".ann", NULL);
      g_autofree char *txt_path = g_build_filename (input, name, NULL);
      g_autofree char *ann_path = g_build_filename (input, ann_relative, NULL);
      gboolean have_ann = g_file_test (ann_path, G_FILE_TEST_IS_REGULAR);

      if (!g_file_test (txt_path, G_FILE_TEST_IS_REGULAR))
        {
          if (!have_ann)
            continue;
          attest_import_set_error (error, ann_path, _("there is no %s beside it"), name);
          return FALSE;
        }

      if (!import_pair (context, name, have_ann ? ann_path : NULL, ann_path, txt_path, txt_path,
                        error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
import_input (AttestImportContext  *context,
              const char           *input,
              GError              **error)
{
  g_autofree char *stem = NULL;
  g_autofree char *ann_path = NULL;
  g_autofree char *txt_path = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;

  if (g_file_test (input, G_FILE_TEST_IS_DIR))
    return import_folder (context, input, error);

  if (!g_str_has_suffix (input, ".ann") && !g_str_has_suffix (input, ".txt"))
    {
      attest_import_set_error (error, input,
                               _("not a brat file: expected a folder, a .ann or a .txt"));
      return FALSE;
    }

  stem = g_strndup (input, strlen (input) - 4);
  ann_path = g_strconcat (stem, ".ann", NULL);
  txt_path = g_strconcat (stem, ".txt", NULL);
  base = g_path_get_basename (stem);
  name = g_strconcat (base, ".txt", NULL);

  if (!g_file_test (txt_path, G_FILE_TEST_EXISTS))
    {
      attest_import_set_error (error, ann_path, _("there is no %s beside it"), name);
      return FALSE;
    }
  if (g_str_has_suffix (input, ".ann") && !g_file_test (ann_path, G_FILE_TEST_EXISTS))
    {
      attest_import_set_error (error, ann_path, _("no such file"));
      return FALSE;
    }

  return import_pair (context, name,
                      g_file_test (ann_path, G_FILE_TEST_EXISTS) ? ann_path : NULL, ann_path,
                      txt_path, txt_path, error);
}

const AttestImporter attest_import_brat = {
  .name = "brat",
  .title = N_("brat standoff"),
  .import = import_input,
};
