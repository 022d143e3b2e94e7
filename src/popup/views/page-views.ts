import { i18n } from '#i18n';
import type { Entry, Lang } from '../../model';
import type { PopupElements } from '../elements';
import type { PopupState } from '../state';
import { buildTimeline, renderTimeline } from '../timeline';

export type PageView = 'terms' | 'timeline';

/**
 * The two tabs about the page, shown with an empty search: "On this page" (the list) and
 * "Background for this page" (the timeline of the page's dated facts). Arrow keys, Home
 * and End switch between them.
 */
export class PageViews {
  constructor(
    private readonly ui: PopupElements,
    public current: PageView,
    private readonly onChange: () => void,
  ) {
    ui.tabTerms.addEventListener('click', () => this.set('terms', true));
    ui.tabTimeline.addEventListener('click', () => this.set('timeline', true));
    ui.viewTabs.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight' && e.key !== 'Home' && e.key !== 'End') return;
      e.preventDefault();
      const next =
        e.key === 'Home' ? 'terms' : e.key === 'End' ? 'timeline' : this.current === 'terms' ? 'timeline' : 'terms';
      this.set(next, true);
    });
  }

  set(next: PageView, focusTab: boolean): void {
    const ui = this.ui;
    this.current = next;
    ui.tabTerms.setAttribute('aria-selected', String(next === 'terms'));
    ui.tabTimeline.setAttribute('aria-selected', String(next === 'timeline'));
    ui.tabTerms.tabIndex = next === 'terms' ? 0 : -1;
    ui.tabTimeline.tabIndex = next === 'timeline' ? 0 : -1;
    this.onChange();
    if (focusTab) (next === 'terms' ? ui.tabTerms : ui.tabTimeline).focus();
  }
}

/** "Background for this page": the dated facts of the page's terms, newest first (a line while the counts load). */
export function renderPageTimeline(
  doc: Document,
  ui: PopupElements,
  state: PopupState,
  lang: Lang,
  reveal: (entry: Entry) => void,
): void {
  if (state.pageTerms === null) {
    ui.timeline.replaceChildren(
      Object.assign(doc.createElement('p'), { className: 'tl-empty', textContent: i18n.t('popupTimelineLoading') }),
    );
    return;
  }
  renderTimeline(
    ui.timeline,
    buildTimeline(
      state.pageTerms.map((p) => p.entry),
      state.nameOf,
    ),
    { lang, nameOf: state.nameOf, reveal },
  );
}
