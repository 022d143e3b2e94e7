import type { MentionCounts } from '../messaging';
import type { Entry } from '../model';
import { createTermSearch, type TermSearch } from '../search';
import { isActiveOn, type Settings } from '../settings';
import { termsOnPage, type PageTerm } from './on-this-page';

/** What the popup knows: the entries in use (and their search), the settings, and what the tab mentions. */
export class PopupState {
  entries: Entry[] = [];
  byId = new Map<string, Entry>();
  search: TermSearch = createTermSearch([]);
  settings: Settings | null = null;
  /** The tab's mention counts; null until the background answered (or when the tab has no content script). */
  private pageCounts: MentionCounts | null = null;
  /** The tab's terms, most mentioned first; null while not known. */
  pageTerms: PageTerm[] | null = null;

  constructor(readonly nameOf: (e: Entry) => string) {}

  setEntries(next: Entry[]): void {
    this.entries = next;
    this.byId = new Map(next.map((e) => [e.id, e]));
    this.search = createTermSearch(next);
    if (this.pageCounts) this.pageTerms = termsOnPage(this.pageCounts, this.byId, this.nameOf);
  }

  setPageCounts(counts: MentionCounts): void {
    this.pageCounts = counts;
    this.pageTerms = termsOnPage(counts, this.byId, this.nameOf);
  }

  /** Display name of an entry id, undefined when it is not in the active entries. */
  nameOfId(id: string): string | undefined {
    const entry = this.byId.get(id);
    return entry && this.nameOf(entry);
  }

  /** Contexto paints on this site (on everywhere, and the site not disabled). */
  isActiveOn(site: string): boolean {
    return !!this.settings && isActiveOn(this.settings, site);
  }
}
