/* attest-annotation-list-private.h: shared by attest-annotation-list*.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "attest-annotation-list.h"
#include "attest-span-list-model.h"

G_BEGIN_DECLS

typedef struct
{
  AttestAnnotationList *list;
  GtkWidget            *box;
  GtkWidget            *chip;
  GtkWidget            *text;
  GtkWidget            *detail;
  GtkWidget            *warning;
  AttestSpanItem       *item;     /* while bound */
} AttestAnnotationRow;

struct _AttestAnnotationList
{
  GtkWidget            parent_instance;

  GtkLabel            *count_label;
  GtkDropDown         *filter_dropdown;
  GtkStack            *stack;
  GtkListView         *list_view;
  AdwStatusPage       *no_match_page;

  AttestSession       *session;
  AttestTagset        *tagset;
  AttestSpanListModel *spans;
  GtkCustomFilter     *filter;
  GtkFilterListModel  *filtered;
  GtkSingleSelection  *selection;
  GSignalGroup        *document_signals;

  /* Rows on screen: refreshed in place when a relation or an entity
   * changes, which moves no row. */
  GHashTable          *bound_rows;
  /* Quote id -> speaker span id; rebuilt on demand after relations
   * change (relations are few next to spans). */
  GHashTable          *speakers;

  /* The width of a character of running text and of a row's line, in
   * pixels: GtkInscription rows cost the same whatever their text (a
   * wrapping GtkLabel costs 25 times more to measure, and GtkListView
   * measures 200 rows after a jump), so each row asks for the lines its
   * text needs, estimated from these. */
  double               char_px;
  double               line_px;
  int                  last_width;
  guint                relayout_source;
  guint                filter_done_source;

  const char          *filter_label;   /* interned; NULL shows all */
  char                *selected_id;
  char                *clicked_id;
  guint                click_source;
  guint                selecting : 1;
};

/* attest-annotation-list.c */
void _attest_annotation_list_emit_activated  (AttestAnnotationList     *self,
                                              const char               *span_id);

/* attest-annotation-list-rows.c */
void _attest_annotation_list_setup_row       (GtkSignalListItemFactory *factory,
                                              GtkListItem              *list_item,
                                              AttestAnnotationList     *self);
void _attest_annotation_list_bind_row        (GtkSignalListItemFactory *factory,
                                              GtkListItem              *list_item,
                                              AttestAnnotationList     *self);
void _attest_annotation_list_unbind_row      (GtkSignalListItemFactory *factory,
                                              GtkListItem              *list_item,
                                              AttestAnnotationList     *self);
void _attest_annotation_list_update_row      (AttestAnnotationList     *self,
                                              AttestAnnotationRow      *row);
void _attest_annotation_list_refresh_rows    (AttestAnnotationList     *self);
/* A span changed: the rows of the quotes it is the speaker of show it. */
void _attest_annotation_list_speaker_changed (AttestAnnotationList     *self,
                                              AttestSpan               *span,
                                              guint                     old_start,
                                              guint                     old_end);
void _attest_annotation_list_width_changed   (AttestAnnotationList     *self,
                                              GParamSpec               *pspec,
                                              GtkAdjustment            *hadjustment);

G_END_DECLS
