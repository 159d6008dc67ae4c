/* attest-annotation-list.h: the right sidebar's list of spans
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attest-core.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_ANNOTATION_LIST (attest_annotation_list_get_type ())

G_DECLARE_FINAL_TYPE (AttestAnnotationList, attest_annotation_list, ATTEST, ANNOTATION_LIST, GtkWidget)

/* Every span of the document in text order (a GListModel over the span
 * store: O(log n) per row, so 100,000 spans scroll smoothly), each row
 * showing the label's colour, the text, and for quotes the linked
 * speaker. A dropdown filters by label. Activating a row emits
 * span-activated. The row of the selected span follows
 * attest_annotation_list_set_selected_span().
 *
 * Signals: span-activated (const char *span_id)
 */

GtkWidget *attest_annotation_list_new               (void);
void       attest_annotation_list_set_session       (AttestAnnotationList *self,
                                                     AttestSession        *session);
void       attest_annotation_list_set_selected_span (AttestAnnotationList *self,
                                                     const char           *span_id);
/* Puts the keyboard focus in the list (F6 cycles panes). */
void       attest_annotation_list_focus             (AttestAnnotationList *self);

G_END_DECLS
