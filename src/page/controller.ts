import { CardController } from '../card/controller';
import type { CardView } from '../card/view';
import type { Lang } from '../model';
import type { Entry, FactIndex, MatchEntry } from '../factsheet';
import { entryName } from '../l10n';
import { hiddenTermsOn, isActiveOn, type Settings } from '../settings/schema';
import { Annotator, type LiveMention, type MentionFilter } from './annotator';
import { mentionAtPoint } from './hit-test';
import { watchPage, type LiveWatcher } from './live';
import { pickMention } from './navigate';
import { HighlightPainter, isHighlightApiAvailable } from './paint';
import { whenDomReady } from './start';
import { type Cancel, later } from './timer';
import { paintWhileParsing } from './while-parsing';

/**
 * Everything Contexto does on one page (frame): scan, paint, keep up with changes, hover
 * cards, keyboard reveal. Turned on and off by settings; the fact-sheet index can be
 * swapped at run time (`setIndex`).
 */

export interface PageControllerOptions {
  doc: Document;
  index: FactIndex<MatchEntry>;
  /** The full entry (summary, facts) for a card; undefined while not loaded yet. */
  entryOf(id: string): Entry | undefined;
  /** Loads an entry a card needs that is not loaded (a related term's); settles when it is. */
  loadEntry?(id: string): Promise<void>;
  settings: Settings;
  /** Sends this frame's mention counts to the background (an empty object when off). */
  report(counts: Record<string, number>): void;
  openInContexto(termId: string): void;
  /** "Not this" on a card: the reader says this term is not what the site means (stored in settings). */
  hideTerm?(termId: string, site: string): void;
  /** What shows cards: the content script loads it on a card's first use (src/card/load-view.ts). */
  cardView(): CardView | Promise<CardView>;
}

interface Active {
  painter: HighlightPainter;
  annotator: Annotator;
  /** Null while the page parses (the parser's additions are read at DOMContentLoaded). */
  watcher: LiveWatcher | null;
  card: CardController<LiveMention>;
  stopParsing: () => void;
}

export const REPORT_DELAY_MS = 200;

export class PageController {
  private index: FactIndex<MatchEntry>;
  private settings: Settings;
  private active: Active | null = null;
  private revealed: LiveMention | null = null;
  private reportTimer: Cancel | null = null;
  private lastReport = '';
  /** When the first full scan started; cleared once it is recorded as `contexto-scan` (test:pages reads it). */
  private scanStart: number | null = null;

  constructor(private readonly options: PageControllerOptions) {
    this.index = options.index;
    this.settings = options.settings;
  }

  /** Starts or stops work, or updates it, for new settings (called at start and on every change). */
  applySettings(settings: Settings): void {
    this.settings = settings;
    const on = isActiveOn(settings, this.options.doc.location?.hostname ?? '') && isHighlightApiAvailable();
    if (!on) {
      this.deactivate();
      return;
    }
    if (!this.active) {
      this.activate();
      return;
    }
    this.active.painter.setStyle(settings.highlightStyle);
    this.active.annotator.setFilter(this.filter());
    this.scheduleReport();
  }

  /** Swaps the fact sheet (imported sheets) and repaints the page. */
  setIndex(index: FactIndex<MatchEntry>): void {
    this.index = index;
    if (!this.active) return;
    this.active.card.close(false);
    this.active.annotator.setIndex(index);
  }

  /** Rescans the whole page (after an SPA navigation). */
  rescanAll(): void {
    this.lastReport = ''; // report again even if the counts are the same
    this.active?.annotator.scanAll();
  }

  /** The ids of the terms this frame mentions now (before the next report). */
  mentionedTerms(): string[] {
    return Object.keys(this.active?.annotator.counts() ?? {});
  }

  /**
   * Goes to the next (1) or previous (-1) painted mention, of one term or any: scrolls it
   * into view, marks it, and opens its card with focus inside. False when there is none.
   */
  reveal(direction: 1 | -1, termId?: string): boolean {
    const a = this.active;
    if (!a) return false;
    const from = a.card.openMention ?? this.revealed;
    const inOrder = a.annotator.paintedInOrder();
    const target = pickMention(inOrder, from, direction, termId);
    if (!target) return false;
    this.revealed = target;
    const el = target.range.startContainer.parentElement;
    el?.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'auto' });
    a.painter.setFocus(target.range);
    // "Mention 3 of 12" among all mentions, or among this term's when the popup asked for one.
    const among = termId ? inOrder.filter((m) => m.termId === termId) : inOrder;
    void a.card.open(target, {
      focus: true,
      pinned: true,
      announce: { index: among.indexOf(target) + 1, total: among.length },
    });
    return true;
  }

  /** Opens a term's card next to a range that is not a painted mention (the selection, for the context menu); settles once it is open. */
  showCardAt(range: Range, termId: string): Promise<boolean> {
    const a = this.active;
    const entry = this.index.byId.get(termId);
    const container = range.startContainer.parentElement;
    if (!a || !entry || !container) return Promise.resolve(false);
    return a.card.open(
      { termId, kind: entry.kind, text: range.toString(), range, container },
      { focus: true, pinned: true },
    );
  }

  /** The painted mentions in document order (the unit tests read them). */
  paintedMentions(): LiveMention[] {
    return this.active?.annotator.paintedInOrder() ?? [];
  }

  destroy(): void {
    this.deactivate();
    this.reportTimer?.();
  }

  private filter(): MentionFilter {
    return {
      kinds: new Set(this.settings.kinds),
      firstMentionOnly: this.settings.firstMentionOnly,
      hidden: hiddenTermsOn(this.settings, this.options.doc.location?.hostname ?? ''),
    };
  }

  private activate(): void {
    const { doc } = this.options;
    const painter = new HighlightPainter(this.settings.highlightStyle, CSS.highlights, doc);
    const annotator = new Annotator(doc, this.index, painter, this.filter(), () => this.onMentionsChanged());
    const card = new CardController<LiveMention>({
      doc,
      view: () => this.options.cardView(),
      hitTest: (x, y) => mentionAtPoint(doc, annotator, x, y),
      entryOf: (id) => this.options.entryOf(id),
      ...(this.options.loadEntry ? { loadEntry: (id: string) => this.options.loadEntry!(id) } : {}),
      nameOf: (id) => {
        const e = this.index.byId.get(id);
        return e && entryName(e, this.pageLang());
      },
      lang: () => this.pageLang(),
      showDelay: () => this.settings.showDelayMs,
      openInContexto: (id) => this.options.openInContexto(id),
      site: () => this.options.doc.location?.hostname ?? '',
      ...(this.options.hideTerm ? { hideTerm: (id: string, site: string) => this.options.hideTerm!(id, site) } : {}),
      onClose: () => painter.setFocus(null),
    });
    const a: Active = { painter, annotator, watcher: null, card, stopParsing: () => {} };
    this.active = a;
    if (doc.readyState !== 'loading') {
      this.watchAndScan(a);
      return;
    }
    // Still parsing (a top frame whose text named a term early): the first screen now, the whole page at DOMContentLoaded.
    a.stopParsing = paintWhileParsing(doc, () => {
      annotator.scanAll(true);
      return annotator.whenScanned();
    });
    void whenDomReady(doc).then(() => {
      if (this.active === a) this.watchAndScan(a);
    });
  }

  /** Watches the page for changes and scans all of it (the first full scan, recorded as `contexto-scan`). */
  private watchAndScan(a: Active): void {
    a.stopParsing();
    a.watcher = watchPage(this.options.doc, (containers, bodyReplaced, removed) => {
      if (bodyReplaced) a.annotator.scanAll();
      else a.annotator.rescan(containers, removed);
    });
    this.scanStart = performance.now();
    a.annotator.scanAll();
  }

  private deactivate(): void {
    const a = this.active;
    if (!a) return;
    this.active = null;
    this.revealed = null;
    a.stopParsing();
    a.watcher?.stop();
    a.card.destroy();
    a.annotator.stop();
    this.scheduleReport();
  }

  private onMentionsChanged(): void {
    const a = this.active;
    if (!a) return;
    if (this.scanStart !== null) {
      // The first full scan is done: its wall-clock time (slices and the gaps between them)
      // goes into the page's performance timeline, where test:pages reads it.
      try {
        performance.measure('contexto-scan', { start: this.scanStart });
      } catch {
        // no User Timing here: nothing to record
      }
      this.scanStart = null;
    }
    // The page rewrote the text under an open card: follow the same mention, or close.
    const open = a.card.openMention;
    if (open && !a.annotator.isPainted(open)) {
      const same = a.annotator.paintedIn(open.container).find((m) => m.termId === open.termId && m.text === open.text);
      if (same) a.card.retarget(same);
      else a.card.close(false);
    }
    a.card.recheckPointer();
    this.scheduleReport();
  }

  private scheduleReport(): void {
    if (this.reportTimer !== null) return;
    this.reportTimer = later(() => {
      this.reportTimer = null;
      const counts = this.active?.annotator.counts() ?? {};
      const key = JSON.stringify(counts);
      if (key === this.lastReport) return;
      this.lastReport = key;
      this.options.report(counts);
    }, REPORT_DELAY_MS);
  }

  private pageLang(): Lang {
    return (this.options.doc.documentElement.lang || '').toLowerCase().startsWith('es') ? 'es' : 'en';
  }
}
