/* attest-corpus-entry.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-corpus-private.h"
#include "attest-document.h"
#include "attest-sidecar.h"
#include "attest-span.h"
#include "attest-span-store.h"
#include "attest-text.h"

/* A title longer than this is a paragraph, not a headline. */
#define MAX_TITLE_CHARS 120
/* Enough of an article's head to find a short first line after a BOM and
 * a few blank lines. */
#define HEAD_BYTES 2048

typedef struct
{
  const char *label;   /* interned */
  guint       count;
} LabelCount;

struct _AttestCorpusEntry
{
  GObject       parent_instance;

  GFile        *file;
  char         *relative_path;
  char         *title;
  char         *error;
  GArray       *counts;          /* of LabelCount, sorted by label */
  guint         n_spans;
  AttestStatus  status;
  guint         has_sidecar : 1; /* until read */
};

G_DEFINE_FINAL_TYPE (AttestCorpusEntry, attest_corpus_entry, G_TYPE_OBJECT)

enum {
  ENTRY_PROP_0,
  ENTRY_PROP_FILE,
  ENTRY_PROP_RELATIVE_PATH,
  ENTRY_PROP_TITLE,
  ENTRY_PROP_STATUS,
  ENTRY_PROP_N_SPANS,
  ENTRY_PROP_ERROR,
  ENTRY_N_PROPS
};

static GParamSpec *entry_properties[ENTRY_N_PROPS];

/* Titles ------------------------------------------------------------------ */

/* The first non-blank line of @text when it is short enough to be a
 * headline, else NULL. @text may be cut anywhere (even inside a character)
 * when @complete is FALSE; a line that runs past the cut is not taken. */
static char *
title_from_head (const char *text,
                 gsize       len,
                 gboolean    complete,
                 gboolean    markdown)
{
  const char *valid_end = NULL;
  const char *p = text;
  const char *end;
  const char *line_end;
  g_autofree char *line = NULL;

  if (!g_utf8_validate (text, len, &valid_end))
    {
      /* A character cut by the buffer is fine; anything else is not text
       * we can show. */
      if ((gsize) (text + len - valid_end) >= 4 || complete)
        return NULL;
      complete = FALSE;
    }
  end = valid_end;

  if (end - p >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  while (p < end && g_ascii_isspace (*p))
    p++;

  for (line_end = p; line_end < end && *line_end != '\n' && *line_end != '\r'; line_end++)
    ;

  if (line_end == end && !complete)
    return NULL;

  line = g_strstrip (g_strndup (p, line_end - p));

  /* A Markdown heading, "## Title ##": the marks are not the title. */
  if (markdown && line[0] == '#')
    {
      char *q = line;
      char *tail;

      while (*q == '#')
        q++;
      memmove (line, q, strlen (q) + 1);

      tail = line + strlen (line);
      while (tail > line && tail[-1] == '#')
        tail--;
      if (tail == line || tail[-1] == ' ' || tail[-1] == '\t')
        *tail = '\0';

      g_strstrip (line);
    }

  if (line[0] == '\0' || g_utf8_strlen (line, -1) > MAX_TITLE_CHARS)
    return NULL;

  return g_steal_pointer (&line);
}

static char *
title_from_document (AttestDocument *document,
                     gboolean        markdown)
{
  const char *title = attest_document_get_meta (document, "title");
  AttestText *text;
  gsize n_bytes;

  if (title != NULL && title[0] != '\0')
    return g_strdup (title);

  text = attest_document_get_text (document);
  n_bytes = attest_text_get_n_bytes (text);

  return title_from_head (attest_text_get_data (text),
                          MIN (n_bytes, HEAD_BYTES),
                          n_bytes <= HEAD_BYTES,
                          markdown);
}

static char *
title_from_article (GFile        *file,
                    gboolean      markdown,
                    GCancellable *cancellable)
{
  g_autoptr(GFileInputStream) stream = NULL;
  char head[HEAD_BYTES];
  gsize len = 0;

  if (!(stream = g_file_read (file, cancellable, NULL)) ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &len,
                                cancellable, NULL))
    return NULL;

  /* UTF-16 with a BOM is an article the loader reads; so do we. */
  if (len >= 2 && (((guchar) head[0] == 0xFF && (guchar) head[1] == 0xFE) ||
                   ((guchar) head[0] == 0xFE && (guchar) head[1] == 0xFF)))
    {
      const char *charset = (guchar) head[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
      gsize even = (len - 2) & ~(gsize) 1;
      g_autofree char *utf8 = NULL;
      gsize utf8_len = 0;

      /* A surrogate pair cut by the buffer makes g_convert fail; the
       * title is then the file name, which is fine for so rare a case. */
      if (!(utf8 = g_convert (head + 2, even, "UTF-8", charset, NULL, &utf8_len, NULL)))
        return NULL;

      return title_from_head (utf8, utf8_len, len < sizeof head, markdown);
    }

  if (memchr (head, '\0', len) != NULL)
    return NULL;

  return title_from_head (head, len, len < sizeof head, markdown);
}

/* Entries ---------------------------------------------------------------- */

static void
attest_corpus_entry_finalize (GObject *object)
{
  AttestCorpusEntry *self = (AttestCorpusEntry *)object;

  g_clear_object (&self->file);
  g_clear_pointer (&self->relative_path, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->counts, g_array_unref);

  G_OBJECT_CLASS (attest_corpus_entry_parent_class)->finalize (object);
}

static void
attest_corpus_entry_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AttestCorpusEntry *self = ATTEST_CORPUS_ENTRY (object);

  switch (prop_id)
    {
    case ENTRY_PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case ENTRY_PROP_RELATIVE_PATH:
      g_value_set_string (value, self->relative_path);
      break;

    case ENTRY_PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case ENTRY_PROP_STATUS:
      g_value_set_uint (value, self->status);
      break;

    case ENTRY_PROP_N_SPANS:
      g_value_set_uint (value, self->n_spans);
      break;

    case ENTRY_PROP_ERROR:
      g_value_set_string (value, self->error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_corpus_entry_class_init (AttestCorpusEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = attest_corpus_entry_finalize;
  object_class->get_property = attest_corpus_entry_get_property;

  entry_properties[ENTRY_PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  entry_properties[ENTRY_PROP_RELATIVE_PATH] =
    g_param_spec_string ("relative-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  entry_properties[ENTRY_PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  entry_properties[ENTRY_PROP_STATUS] =
    g_param_spec_uint ("status", NULL, NULL,
                       ATTEST_STATUS_NEW, ATTEST_STATUS_DONE, ATTEST_STATUS_NEW,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  entry_properties[ENTRY_PROP_N_SPANS] =
    g_param_spec_uint ("n-spans", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  entry_properties[ENTRY_PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, ENTRY_N_PROPS, entry_properties);
}

static void
attest_corpus_entry_init (AttestCorpusEntry *self)
{
  self->counts = g_array_new (FALSE, FALSE, sizeof (LabelCount));
  self->status = ATTEST_STATUS_NEW;
}

static int
compare_label_counts (gconstpointer a,
                      gconstpointer b)
{
  return strcmp (((const LabelCount *) a)->label, ((const LabelCount *) b)->label);
}

static gboolean
count_span (AttestSpan *span,
            gpointer    user_data)
{
  GArray *counts = user_data;

  for (guint i = 0; i < counts->len; i++)
    {
      LabelCount *lc = &g_array_index (counts, LabelCount, i);

      if (lc->label == span->label)
        {
          lc->count++;
          return TRUE;
        }
    }

  g_array_append_val (counts, ((LabelCount) { span->label, 1 }));

  return TRUE;
}

static GArray *
count_labels (AttestDocument *document)
{
  GArray *counts = g_array_new (FALSE, FALSE, sizeof (LabelCount));

  attest_span_store_foreach (attest_document_get_spans (document), count_span, counts);
  g_array_sort (counts, compare_label_counts);

  return counts;
}

static gboolean
counts_equal (GArray *a,
              GArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      const LabelCount *x = &g_array_index (a, LabelCount, i);
      const LabelCount *y = &g_array_index (b, LabelCount, i);

      if (x->label != y->label || x->count != y->count)
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_markdown (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);

  return g_str_has_suffix (name, ".md");
}

/* Sets what @document says, notifying what changed when @notify. Returns
 * TRUE when the status changed. */
gboolean
_attest_corpus_entry_apply_document (AttestCorpusEntry *self,
                                     AttestDocument    *document,
                                     gboolean           notify)
{
  g_autoptr(GArray) counts = count_labels (document);
  g_autofree char *title = title_from_document (document, is_markdown (self->file));
  AttestStatus status = attest_document_get_status (document);
  gboolean status_changed = FALSE;

  if (title == NULL)
    title = g_file_get_basename (self->file);

  if (g_strcmp0 (title, self->title) != 0)
    {
      g_free (self->title);
      self->title = g_steal_pointer (&title);
      if (notify)
        g_object_notify_by_pspec (G_OBJECT (self), entry_properties[ENTRY_PROP_TITLE]);
    }

  if (status != self->status)
    {
      self->status = status;
      status_changed = TRUE;
      if (notify)
        g_object_notify_by_pspec (G_OBJECT (self), entry_properties[ENTRY_PROP_STATUS]);
    }

  if (!counts_equal (counts, self->counts))
    {
      g_array_unref (self->counts);
      self->counts = g_steal_pointer (&counts);
      self->n_spans = attest_span_store_get_n_spans (attest_document_get_spans (document));
      if (notify)
        g_object_notify_by_pspec (G_OBJECT (self), entry_properties[ENTRY_PROP_N_SPANS]);
    }

  if (self->error != NULL)
    {
      g_clear_pointer (&self->error, g_free);
      if (notify)
        g_object_notify_by_pspec (G_OBJECT (self), entry_properties[ENTRY_PROP_ERROR]);
    }

  return status_changed;
}

/* @relative_path is taken. */
AttestCorpusEntry *
_attest_corpus_entry_new (GFile    *file,
                          char     *relative_path,
                          gboolean  has_sidecar)
{
  AttestCorpusEntry *self = g_object_new (ATTEST_TYPE_CORPUS_ENTRY, NULL);

  self->file = g_object_ref (file);
  self->relative_path = relative_path;
  self->has_sidecar = !!has_sidecar;

  return self;
}

/* Reads the sidecar, or the article's head when there is none. Runs in
 * one of the scan's threads: the entry is not shared yet. */
void
_attest_corpus_entry_read (AttestCorpusEntry *self,
                           GCancellable      *cancellable)
{
  if (self->has_sidecar)
    {
      g_autofree char *path = g_file_get_path (self->file);
      g_autofree char *sidecar_path = attest_sidecar_path_for_article (path);
      g_autoptr(GFile) sidecar = g_file_new_for_path (sidecar_path);
      g_autoptr(AttestDocument) document = NULL;
      g_autoptr(GError) error = NULL;

      if ((document = attest_sidecar_load (sidecar, cancellable, &error)))
        {
          _attest_corpus_entry_apply_document (self, document, FALSE);
          return;
        }

      self->error = g_strdup (error->message);
    }

  self->title = title_from_article (self->file, is_markdown (self->file), cancellable);
  if (self->title == NULL)
    {
      g_autofree char *name = g_file_get_basename (self->file);

      self->title = g_filename_display_name (name);
    }
}

GFile *
attest_corpus_entry_get_file (AttestCorpusEntry *self)
{
  g_return_val_if_fail (ATTEST_IS_CORPUS_ENTRY (self), NULL);

  return self->file;
}

const char *
attest_corpus_entry_get_relative_path (AttestCorpusEntry *self)
{
  g_return_val_if_fail (ATTEST_IS_CORPUS_ENTRY (self), NULL);

  return self->relative_path;
}

const char *
attest_corpus_entry_get_title (AttestCorpusEntry *self)
{
  g_return_val_if_fail (ATTEST_IS_CORPUS_ENTRY (self), NULL);

  return self->title;
}

AttestStatus
attest_corpus_entry_get_status (AttestCorpusEntry *self)
{
  g_return_val_if_fail (ATTEST_IS_CORPUS_ENTRY (self), ATTEST_STATUS_NEW);

  return self->status;
}

guint
attest_corpus_entry_get_n_spans (AttestCorpusEntry *self)
{
  g_return_val_if_fail (ATTEST_IS_CORPUS_ENTRY (self), 0);

  return self->n_spans;
}

guint
attest_corpus_entry_get_count (AttestCorpusEntry *self,
                               const char        *label)
{
  g_return_val_if_fail (ATTEST_IS_CORPUS_ENTRY (self), 0);
  g_return_val_if_fail (label != NULL, 0);

  for (guint i = 0; i < self->counts->len; i++)
    {
      const LabelCount *lc = &g_array_index (self->counts, LabelCount, i);

      if (strcmp (lc->label, label) == 0)
        return lc->count;
    }

  return 0;
}

guint
attest_corpus_entry_get_n_labels (AttestCorpusEntry *self)
{
  g_return_val_if_fail (ATTEST_IS_CORPUS_ENTRY (self), 0);

  return self->counts->len;
}

const char *
attest_corpus_entry_get_label (AttestCorpusEntry *self,
                               guint              position,
                               guint             *count)
{
  const LabelCount *lc;

  g_return_val_if_fail (ATTEST_IS_CORPUS_ENTRY (self), NULL);
  g_return_val_if_fail (position < self->counts->len, NULL);

  lc = &g_array_index (self->counts, LabelCount, position);
  if (count != NULL)
    *count = lc->count;

  return lc->label;
}

const char *
attest_corpus_entry_get_error (AttestCorpusEntry *self)
{
  g_return_val_if_fail (ATTEST_IS_CORPUS_ENTRY (self), NULL);

  return self->error;
}
