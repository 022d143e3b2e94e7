import { cardView } from '../../src/card/view';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildIndex, type Entry } from '../../src/factsheet';
import { PageController, REPORT_DELAY_MS } from '../../src/page/controller';
import { DEFAULT_SETTINGS, type Settings } from '../../src/settings/schema';
import { entry } from './helpers';
import {
  childListRecord,
  FakeMutationObserver,
  pageDocument,
  paintedByName,
  paintedTexts,
  type FakeRegistry,
} from './page-dom';

/** The page controller on linkedom: settings on and off, style, kinds, "Not this", setIndex, reports. */

const entries: Entry[] = [
  entry('fentanyl', [{ text: 'fentanyl' }], { kind: 'substance' }),
  entry('dea', [{ text: 'DEA', caseSensitive: true }], { kind: 'agency' }),
];
const index = buildIndex(entries);
const settings = (over: Partial<Settings> = {}): Settings => ({
  ...DEFAULT_SETTINGS,
  disabledSites: [],
  kinds: [...DEFAULT_SETTINGS.kinds],
  hiddenTerms: [],
  ...over,
});

let registry: FakeRegistry;
let reports: Record<string, number>[];
let controller: PageController;

/** `prepare`: what to set on the page before the controller starts (e.g. a document still loading). */
function start(
  initial: Settings = settings(),
  body = '<p id="p">The DEA tracks fentanyl. More fentanyl.</p>',
  prepare: (doc: Document) => void = () => {},
) {
  const page = pageDocument(body);
  prepare(page.doc);
  registry = page.registry;
  reports = [];
  controller = new PageController({
    doc: page.doc,
    index,
    entryOf: (id) => entries.find((e) => e.id === id),
    settings: initial,
    report: (counts) => reports.push(counts),
    openInContexto: () => {},
    cardView: () => cardView,
  });
  controller.applySettings(initial);
  return page.doc;
}

/** Waits for the next report (the controller reports REPORT_DELAY_MS after the mentions change). */
async function nextReport(before = reports.length): Promise<Record<string, number>> {
  await vi.waitFor(() => expect(reports.length).toBeGreaterThan(before), { timeout: 5000 });
  return reports.at(-1)!;
}

afterEach(() => {
  controller?.destroy();
  vi.unstubAllGlobals();
});

describe('PageController', () => {
  it('paints and reports the counts once after the first scan', async () => {
    start();
    expect(await nextReport(0)).toEqual({ dea: 1, fentanyl: 2 });
    expect(paintedTexts(registry)).toEqual(['DEA', 'fentanyl', 'fentanyl']);
    // Nothing changed: no second report.
    await new Promise((r) => setTimeout(r, REPORT_DELAY_MS * 2));
    expect(reports).toHaveLength(1);
  });

  it('turns off (everywhere, or on a disabled site) and on again with settings', async () => {
    start();
    await nextReport(0);
    controller.applySettings(settings({ enabled: false }));
    expect(paintedTexts(registry)).toEqual([]);
    expect(await nextReport(1)).toEqual({});
    controller.applySettings(settings());
    expect(await nextReport(2)).toEqual({ dea: 1, fentanyl: 2 });
    controller.applySettings(settings({ disabledSites: ['other.example'] }));
    expect(paintedTexts(registry)).toEqual(['DEA', 'fentanyl', 'fentanyl']); // another site
    controller.applySettings(settings({ disabledSites: ['news.example'] }));
    expect(paintedTexts(registry)).toEqual([]);
    expect(await nextReport(3)).toEqual({});
  });

  it('applies the style, the kinds and the terms hidden on this site without a rescan', async () => {
    start();
    await nextReport(0);
    controller.applySettings(settings({ highlightStyle: 'solid' }));
    expect(paintedByName(registry)).toEqual({
      'contexto-agency-solid': ['DEA'],
      'contexto-substance-solid': ['fentanyl', 'fentanyl'],
    });
    expect(registry.has('contexto-agency')).toBe(false);

    controller.applySettings(settings({ kinds: ['substance'] }));
    expect(paintedTexts(registry)).toEqual(['fentanyl', 'fentanyl']);
    expect(await nextReport(1)).toEqual({ fentanyl: 2 });

    controller.applySettings(settings({ hiddenTerms: [{ site: 'other.example', term: 'dea' }] }));
    expect(paintedTexts(registry)).toEqual(['DEA', 'fentanyl', 'fentanyl']);
    expect(await nextReport(2)).toEqual({ dea: 1, fentanyl: 2 });
    controller.applySettings(settings({ hiddenTerms: [{ site: 'news.example', term: 'dea' }] }));
    expect(paintedTexts(registry)).toEqual(['fentanyl', 'fentanyl']);
    expect(await nextReport(3)).toEqual({ fentanyl: 2 });
  });

  it('setIndex swaps the fact sheet (an imported sheet arrived) and reports the new counts', async () => {
    start();
    await nextReport(0);
    controller.setIndex(buildIndex([...entries, entry('zz-tracks', [{ text: 'tracks' }], { kind: 'concept' })]));
    expect(await nextReport(1)).toEqual({ dea: 1, fentanyl: 2, 'zz-tracks': 1 });
    expect(paintedTexts(registry)).toEqual(['DEA', 'tracks', 'fentanyl', 'fentanyl']);
    // Off, a new index is kept for when it turns on.
    controller.applySettings(settings({ enabled: false }));
    controller.setIndex(buildIndex(entries.slice(0, 1)));
    controller.applySettings(settings());
    await vi.waitFor(() => expect(paintedTexts(registry)).toEqual(['fentanyl', 'fentanyl']));
  });

  it('rescanAll (SPA navigation) reports again even when the counts are the same', async () => {
    start();
    await nextReport(0);
    controller.rescanAll();
    expect(await nextReport(1)).toEqual({ dea: 1, fentanyl: 2 });
  });

  it('follows the page as it changes (live watcher: added, removed and rewritten blocks)', async () => {
    const doc = start();
    await nextReport(0);
    const p = doc.createElement('p');
    p.textContent = 'The DEA again.';
    doc.body.appendChild(p);
    FakeMutationObserver.deliver([childListRecord(doc.body, { added: [p] })]);
    expect(await nextReport(1)).toEqual({ dea: 2, fentanyl: 2 });
    const before = doc.getElementById('p')!;
    p.remove();
    FakeMutationObserver.deliver([
      childListRecord(doc.body, { removed: [p], previousSibling: before, nextSibling: null }),
    ]);
    expect(await nextReport(2)).toEqual({ dea: 1, fentanyl: 2 });
    const text = before.firstChild!;
    (text as Text).data = 'Nothing here now.';
    FakeMutationObserver.deliver([{ type: 'characterData', target: text }]);
    expect(await nextReport(3)).toEqual({});
    expect(paintedTexts(registry)).toEqual([]);
    // Turned off, the watcher stops.
    controller.applySettings(settings({ enabled: false }));
    expect(FakeMutationObserver.instances.every((o) => !o.observing)).toBe(true);
  });

  it('while the page parses: paints what is parsed, watches changes only from DOMContentLoaded, then reads it all', async () => {
    performance.clearMeasures('contexto-scan');
    let state: DocumentReadyState = 'loading';
    const doc = start(settings(), '<p>The DEA tracks fentanyl.</p><p>More fentanyl', (d) =>
      Object.defineProperty(d, 'readyState', { get: () => state, configurable: true }),
    );
    // The last paragraph may still be written by the parser: not read yet.
    expect(await nextReport()).toEqual({ dea: 1, fentanyl: 1 });
    expect(paintedTexts(registry)).toEqual(['DEA', 'fentanyl']);
    expect(FakeMutationObserver.instances.some((o) => o.observing)).toBe(false);
    expect(performance.getEntriesByName('contexto-scan')).toHaveLength(0);

    state = 'interactive';
    doc.dispatchEvent(new (doc.defaultView as unknown as typeof globalThis).Event('DOMContentLoaded'));
    expect(await nextReport()).toEqual({ dea: 1, fentanyl: 2 });
    expect(paintedTexts(registry)).toEqual(['DEA', 'fentanyl', 'fentanyl']);
    expect(FakeMutationObserver.instances.some((o) => o.observing)).toBe(true);
    expect(performance.getEntriesByName('contexto-scan')).toHaveLength(1);
  });
});
