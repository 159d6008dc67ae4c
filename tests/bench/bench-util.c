/* bench-util.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "bench-util.h"

const BenchSize bench_sizes[4] = {
  { "T1", 4600, 72 },
  { "T3", 200 * 1000, 3200 },
  { "T4", 1000 * 1000, 10000 },
  { "T5", 10 * 1000 * 1000, 100000 },
};

static const char * const words[] = {
  "the", "council", "said", "on", "Tuesday", "that", "bridge", "repairs", "would",
  "cost", "million", "and", "residents", "deserved", "a", "second", "opinion",
  "mayor", "told", "reporters", "after", "vote", "engineers", "were", "clear",
  "café", "naïve", "Zürich", "São", "Paulo", "Kraków", "Ελλάδα", "Москва",
  "東京", "言葉", "は", "橋", "です", "الكلمات", "بيوت", "🎉", "👩‍👩‍👧", "🇺🇦",
  "“We", "cannot", "keep", "patching", "it,”", "she", "added.", "percent",
  "€48", "2026", "62,000", "vehicles", "per", "day", "according", "to",
};

AttestText *
bench_make_text (gsize   n_bytes,
                 guint32 seed)
{
  g_autoptr(GString) out = g_string_sized_new (n_bytes + 64);
  GRand *rand = g_rand_new_with_seed (seed);
  gsize paragraph_start = 0;
  AttestText *text;

  while (out->len < n_bytes)
    {
      const char *word = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];

      if (out->len > paragraph_start)
        g_string_append_c (out, ' ');
      g_string_append (out, word);

      if (out->len - paragraph_start > 400 + (gsize) g_rand_int_range (rand, 0, 200))
        {
          g_string_append (out, ".\n\n");
          paragraph_start = out->len;
        }
    }
  g_string_append_c (out, '\n');
  g_rand_free (rand);

  text = attest_text_new (out->str, out->len, NULL);
  g_assert (text != NULL);

  return text;
}

AttestDocument *
bench_make_document (gsize   n_bytes,
                     guint   n_spans,
                     guint32 seed)
{
  g_autoptr(AttestText) text = bench_make_text (n_bytes, seed);
  AttestDocument *document = attest_document_new (text);
  const char *labels[] = { "quote", "speaker", "fact" };
  guint length = attest_text_get_length (text);
  guint stride = MAX (length / MAX (n_spans, 1), 2);
  GRand *rand = g_rand_new_with_seed (seed + 1);
  char *last_speaker = NULL;

  attest_document_set_file_name (document, "bench.txt");
  attest_document_set_status (document, ATTEST_STATUS_IN_PROGRESS);
  attest_document_set_tagset (document, "News attribution", 1);

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %u", i);
      AttestEntity *entity = attest_entity_new (NULL, name, "person");

      attest_document_add_entity (document, entity, NULL);
    }

  for (guint i = 0; i < n_spans; i++)
    {
      guint start = MIN (i * stride + g_rand_int_range (rand, 0, MAX (stride / 2, 1)), length - 1);
      guint len = 1 + g_rand_int_range (rand, 0, MAX (stride, 2));
      const char *label = labels[i % 3];
      AttestSpan *span = attest_span_new (NULL, label, start, MIN (start + len, length));
      g_autofree char *created = g_strdup_printf ("2026-11-%02uT10:%02u:%02uZ",
                                                  1 + i % 28, i % 60, (i / 60) % 60);

      span->by = g_intern_static_string ("ana");
      span->origin = g_intern_static_string ("manual");
      span->created = g_steal_pointer (&created);
      if (label == labels[0])
        span->attrs = attest_attrs_set (NULL, "kind", i % 2 ? "direct" : "indirect");
      if (label == labels[1])
        span->entity = g_strdup_printf ("e%u", 1 + i % 50);

      attest_document_add_span (document, span, NULL);

      if (label == labels[1])
        {
          g_free (last_speaker);
          last_speaker = g_strdup (span->id);
        }
      else if (label == labels[0] && last_speaker != NULL)
        {
          g_autofree char *quote = NULL;

          /* Link every quote after the first speaker to it. */
          quote = g_strdup (span->id);
          attest_document_add_relation (document,
                                        attest_relation_new (NULL, "said-by", quote, last_speaker),
                                        NULL);
        }
    }

  g_free (last_speaker);
  g_rand_free (rand);
  attest_document_set_modified (document, FALSE);

  return document;
}

double
bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

double
bench_percentile (GArray *values,
                  double  p)
{
  guint index;

  if (values->len == 0)
    return 0;

  g_array_sort (values, compare_doubles);
  index = (guint) ((p / 100.0) * (values->len - 1) + 0.5);

  return g_array_index (values, double, MIN (index, values->len - 1));
}

gsize
bench_rss (void)
{
  FILE *f = fopen ("/proc/self/statm", "r");
  unsigned long size = 0, resident = 0;

  if (f == NULL)
    return 0;
  if (fscanf (f, "%lu %lu", &size, &resident) != 2)
    resident = 0;
  fclose (f);

  return (gsize) resident * (gsize) sysconf (_SC_PAGESIZE);
}
