/* attest-inspector-private.h: shared by attest-inspector*.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "attest-inspector.h"

G_BEGIN_DECLS

struct _AttestInspector
{
  GtkWidget            parent_instance;

  /* Template */
  GtkStack            *stack;
  GtkScrolledWindow   *scroller;
  GtkBox              *heading_box;
  GtkLabel            *heading_label;
  GtkLabel            *range_label;
  GtkLabel            *text_label;
  GtkWidget           *flag_box;
  GtkLabel            *flag_label;
  GtkWidget           *suggestion_label;
  AdwPreferencesGroup *details_group;
  AdwComboRow         *label_row;
  AdwPreferencesGroup *speaker_group;
  GtkWidget           *jump_button;
  AdwComboRow         *speaker_row;
  AdwPreferencesGroup *entity_group;
  AdwComboRow         *entity_row;
  AdwEntryRow         *name_row;
  AdwComboRow         *kind_row;
  AdwEntryRow         *wikidata_row;
  GtkLinkButton       *wikidata_link;
  AdwEntryRow         *aliases_row;
  AdwPreferencesGroup *note_group;
  GtkWidget           *note_frame;
  GtkTextView         *note_view;
  AdwActionRow        *annotator_row;
  AdwActionRow        *origin_row;
  AdwActionRow        *created_row;

  GtkWidget           *chip;

  AttestSession       *session;
  AttestTagset        *tagset;
  GSignalGroup        *document_signals;
  char                *span_id;

  /* What the widgets show, to tell the document's changes from the
   * editor's unfinished typing. */
  char                *shown_span_id;
  char                *shown_entity_id;
  char                *shown_note;

  GPtrArray           *label_ids;      /* label_row item -> interned label id */
  GPtrArray           *attr_rows;      /* rows of the attributes of attr_label */
  const char          *attr_label;
  GPtrArray           *speaker_ids;    /* speaker_row item i + 1 -> span id */
  GHashTable          *speaker_index;  /* span id -> speaker_row item */
  char                *speakers_for;   /* the quote speaker_row was made for */
  GPtrArray           *entity_ids;     /* entity_row item i + 1 -> entity id */

  guint                note_timeout;
  guint                updating;
  guint                speakers_dirty : 1;
  guint                entities_dirty : 1;
};

/* attest-inspector.c, and helpers in attest-inspector-fields.c */
AttestDocument *_attest_inspector_get_document        (AttestInspector *self);
AttestHistory  *_attest_inspector_get_history         (AttestInspector *self);
AttestSpan     *_attest_inspector_get_span            (AttestInspector *self,
                                                       gboolean        *suggestion);
AttestSpan     *_attest_inspector_get_editable_span   (AttestInspector *self);
void            _attest_inspector_show_entry_text     (GtkWidget       *row,
                                                       const char      *value,
                                                       gboolean         force);
char           *_attest_inspector_take_entry_text     (GtkWidget       *row);
void            _attest_inspector_set_strings         (AdwComboRow        *row,
                                                       const char * const *strings);
guint           _attest_inspector_string_list_find    (GListModel      *model,
                                                       const char      *string);
void            _attest_inspector_commit_note         (AttestInspector *self);
void            _attest_inspector_refresh             (AttestInspector *self);
void            _attest_inspector_emit_span_activated (AttestInspector *self,
                                                       const char      *span_id);

/* attest-inspector-fields.c: text, label, attributes, note, provenance */
void            _attest_inspector_init_fields         (AttestInspector *self);
void            _attest_inspector_build_label_model   (AttestInspector *self);
void            _attest_inspector_update_heading      (AttestInspector *self,
                                                       AttestSpan      *span,
                                                       gboolean         suggestion);
void            _attest_inspector_update_label_row    (AttestInspector *self,
                                                       AttestSpan      *span);
void            _attest_inspector_update_attr_rows    (AttestInspector *self,
                                                       AttestSpan      *span,
                                                       gboolean         switched);
void            _attest_inspector_update_note         (AttestInspector *self,
                                                       AttestSpan      *span,
                                                       gboolean         switched);
void            _attest_inspector_update_provenance   (AttestInspector *self,
                                                       AttestSpan      *span);

/* attest-inspector-links.c: the quote's speaker and the speaker's entity */
void            _attest_inspector_init_links          (AttestInspector *self);
/* TRUE if the speakers shown for the inspected quote are out of date. */
gboolean        _attest_inspector_span_list_changed   (AttestInspector *self,
                                                       AttestSpan      *span);
void            _attest_inspector_update_speaker      (AttestInspector *self,
                                                       AttestSpan      *span);
void            _attest_inspector_update_entity       (AttestInspector *self,
                                                       AttestSpan      *span,
                                                       gboolean         switched);
void            _attest_inspector_on_jump_clicked     (AttestInspector *self);
void            _attest_inspector_on_reviewed_clicked (AttestInspector *self);
void            _attest_inspector_on_name_apply       (AttestInspector *self);
void            _attest_inspector_on_wikidata_apply   (AttestInspector *self);
void            _attest_inspector_on_wikidata_changed (AttestInspector *self);
void            _attest_inspector_on_aliases_apply    (AttestInspector *self);
/* "Q42", or NULL if @text (a QID or a Wikidata address) names none. */
char           *_attest_inspector_parse_qid           (const char      *text);

G_END_DECLS
