/* attest-window-private.h: shared by attest-window*.c
 *
 * Copyright 2026 The Attest developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-annotation-list.h"
#include "attest-article-view.h"
#include "attest-banner.h"
#include "attest-corpus-sidebar.h"
#include "attest-inspector.h"
#include "attest-label-palette.h"
#include "attest-quotes-window.h"
#include "attest-window.h"

G_BEGIN_DECLS

struct _AttestWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  AdwWindowTitle       *window_title;
  GtkToggleButton      *corpus_button;
  GtkRevealer          *corpus_revealer;
  AttestCorpusSidebar  *corpus_sidebar;
  GtkMenuButton        *menu_button;
  GtkMenuButton        *suggestions_button;
  AttestLabelPalette   *palette;
  AttestBanner         *read_only_banner;
  AttestBanner         *save_banner;
  AttestBanner         *article_banner;
  AttestBanner         *notice_banner;
  GtkStack             *stack;
  AdwStatusPage        *welcome_page;
  GtkListBox           *recent_list;
  GtkPaned             *paned;
  GtkPaned             *sidebar;
  AttestArticleView    *view;
  AttestAnnotationList *annotation_list;
  AttestInspector      *inspector;

  GSettings            *settings;
  AttestSession        *session;
  GSignalGroup         *session_signals;
  GSignalGroup         *document_signals;
  GSignalGroup         *history_signals;
  GCancellable         *loading;
  GFile                *pending_article;   /* what is loading */
  char                 *pending_span;      /* to select once it has loaded */
  gboolean              open_first_when_loaded;
  AttestQuotesWindow   *quotes_window;     /* weak */
};

/* attest-window-actions.c */
void attest_window_class_add_actions   (GtkWidgetClass *widget_class);
void attest_window_update_actions      (AttestWindow   *self);

/* attest-window-session.c */
void attest_window_init_session        (AttestWindow   *self);
void attest_window_set_session         (AttestWindow   *self,
                                        AttestSession  *session);
void attest_window_toast               (AttestWindow   *self,
                                        const char     *message);
void attest_window_populate_recent     (AttestWindow   *self);
void attest_window_reanchor            (AttestWindow   *self);

G_END_DECLS
