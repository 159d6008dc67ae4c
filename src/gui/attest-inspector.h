/* attest-inspector.h: details of the selected span
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attest-core.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_INSPECTOR (attest_inspector_get_type ())

G_DECLARE_FINAL_TYPE (AttestInspector, attest_inspector, ATTEST, INSPECTOR, GtkWidget)

/* Label, text, attributes from the tag set, the speaker a quote is linked
 * to (a dropdown of the document's speakers by canonical name), the
 * entity of a speaker (canonical name, kind, Wikidata QID, aliases), the
 * note, and provenance (who, how, when). Every edit is one undo step
 * through the session's history. Insensitive on a read-only session.
 *
 * Signals: span-activated (const char *span_id)  — e.g. clicking the
 * linked speaker. */

GtkWidget *attest_inspector_new      (void);
void       attest_inspector_set_session (AttestInspector *self,
                                         AttestSession   *session);
void       attest_inspector_set_span (AttestInspector *self,
                                      const char      *span_id);
/* Focuses the first editable field (F2). */
void       attest_inspector_focus    (AttestInspector *self);

G_END_DECLS
