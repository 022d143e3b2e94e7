import { cardView } from '../../src/card/view';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CardController } from '../../src/card/controller';
import { buildIndex, type Entry } from '../../src/factsheet';
import { Annotator, FIRST_SCREEN_CONTAINERS } from '../../src/page/annotator';
import { PageController } from '../../src/page/controller';
import { HighlightPainter, PAINT_BATCH } from '../../src/page/paint';
import { DEFAULT_SETTINGS, type Settings } from '../../src/settings/schema';
import { entry } from './helpers';
import {
  FakeIntersectionObserver,
  type FakeRange,
  type FakeRegistry,
  pageDocument,
  paintedTexts,
  stubNearViewport,
} from './page-dom';

/**
 * Only ranges near the viewport are registered (the observer says which block containers
 * are near), in batches per frame, nearest first; counts, the painted list and reveal still
 * cover every mention.
 */

const entries: Entry[] = [
  entry('fentanyl', [{ text: 'fentanyl' }], { kind: 'substance' }),
  entry('dea', [{ text: 'DEA', caseSensitive: true }], { kind: 'agency' }),
];
const index = buildIndex(entries);
const ALL = { kinds: new Set(['substance', 'agency'] as const), firstMentionOnly: false };

/** Ten paragraphs p0…p9, each "The DEA seized fentanyl N." */
const BODY = Array.from({ length: 10 }, (_, i) => `<p id="p${i}">The DEA seized fentanyl ${i}.</p>`).join('');

let registry: FakeRegistry;
let doc: Document;
const p = (i: number) => doc.getElementById(`p${i}`)!;
/** Paragraphs i…j reported near (top 100 px apart from `top`), every other observed one far. */
function nearOnly(from: number, to: number, top = 0): void {
  const all = Array.from({ length: 10 }, (_, i) => i);
  FakeIntersectionObserver.report(
    all.map((i) => ({ el: p(i), near: i >= from && i <= to, top: top + (i - from) * 100 })),
  );
}
/** The numbers of the paragraphs with a registered range. */
function registeredParagraphs(): number[] {
  const out = new Set<number>();
  for (const [name, h] of registry)
    if (name !== 'contexto-focus')
      for (const r of h) out.add(Number((r as FakeRange).startContainer.parentElement!.id.slice(1)));
  return [...out].sort((a, b) => a - b);
}
const nextFrame = () => new Promise((r) => setTimeout(r, 20));

afterEach(() => vi.unstubAllGlobals());

describe('Annotator with the painter near the viewport', () => {
  let changes = 0;
  let a: Annotator;
  let painter: HighlightPainter;
  beforeEach(async () => {
    ({ doc, registry } = pageDocument(BODY));
    stubNearViewport();
    changes = 0;
    // Exactly the near containers: what is registered ahead and kept is tested below.
    painter = new HighlightPainter('dotted', registry as unknown as HighlightRegistry, doc, { ahead: 0, farKept: 0 });
    a = new Annotator(doc, index, painter, ALL, () => changes++);
    a.scanAll();
    await vi.waitFor(() => expect(changes).toBe(1));
  });

  it(`registers the first ${FIRST_SCREEN_CONTAINERS} containers before the observer reports, then only near containers; counts cover the page`, async () => {
    expect(registeredParagraphs()).toEqual([0, 1, 2]);
    expect(FakeIntersectionObserver.instances[0]!.targets.size).toBe(10);
    expect(FakeIntersectionObserver.instances[0]!.init.root).toBe(doc);
    // The top of the page turns out to be far (e.g. the page opened scrolled): let go; the near ones come.
    nearOnly(4, 6);
    expect(registeredParagraphs()).toEqual([4, 5, 6]);
    nearOnly(0, 2);
    expect(registeredParagraphs()).toEqual([0, 1, 2]);
    expect(a.counts()).toEqual({ dea: 10, fentanyl: 10 });
    expect(a.paintedInOrder()).toHaveLength(20);
  });

  it('follows a scroll: newly near containers come in, those that left go', async () => {
    nearOnly(0, 2);
    nearOnly(5, 7);
    expect(registeredParagraphs()).toEqual([5, 6, 7]);
    nearOnly(6, 9);
    expect(registeredParagraphs()).toEqual([6, 7, 8, 9]);
    expect(a.counts()).toEqual({ dea: 10, fentanyl: 10 });
  });

  it('counts a container without a box (display: contents) as near', () => {
    FakeIntersectionObserver.report([{ el: p(9), boxless: true }]);
    // p0–p2: the first screen, registered at once and not reported on yet.
    expect(registeredParagraphs()).toEqual([0, 1, 2, 9]);
  });

  it('filters apply to far mentions too: a kind off is unregistered at once and not registered later', async () => {
    nearOnly(0, 1);
    a.setFilter({ ...ALL, kinds: new Set(['substance'] as const) });
    expect(paintedTexts(registry)).toEqual(['fentanyl', 'fentanyl']);
    nearOnly(4, 5);
    await nextFrame();
    expect(paintedTexts(registry)).toEqual(['fentanyl', 'fentanyl']);
    expect(registeredParagraphs()).toEqual([4, 5]);
    expect(a.counts()).toEqual({ fentanyl: 10 });
  });

  it('a near container rescanned by a live change is repainted at once, and its old ranges go', async () => {
    nearOnly(0, 1);
    p(1).textContent = 'Only the DEA now.';
    a.rescan([p(1)], []);
    await vi.waitFor(() => expect(changes).toBe(2));
    expect(paintedTexts(registry)).toEqual(['DEA', 'fentanyl', 'DEA']);
  });

  it('a far container removed from the page is forgotten by the observer', async () => {
    const el = p(8);
    el.remove();
    a.rescan([], [el]);
    expect(FakeIntersectionObserver.instances[0]!.targets.has(el)).toBe(false);
    expect(a.counts()).toEqual({ dea: 9, fentanyl: 9 });
  });

  it('stop unregisters everything and stops observing', () => {
    nearOnly(0, 9);
    a.stop();
    expect(registry.size).toBe(0);
    expect(FakeIntersectionObserver.instances[0]!.targets.size).toBe(0);
  });
});

describe('Painter ahead of the reader, far ones kept a while', () => {
  let a: Annotator;
  const start = async (keep: { ahead: number; farKept: number }) => {
    ({ doc, registry } = pageDocument(BODY));
    stubNearViewport();
    let changes = 0;
    const painter = new HighlightPainter('dotted', registry as unknown as HighlightRegistry, doc, keep);
    a = new Annotator(doc, index, painter, ALL, () => changes++);
    a.scanAll();
    await vi.waitFor(() => expect(changes).toBe(1));
  };

  it('a container that comes near unregistered brings the containers around it; nearer ones later change nothing', async () => {
    await start({ ahead: 4, farKept: 100 });
    nearOnly(4, 5);
    // Two ranges a paragraph: four ranges after p5 (p6, p7) and before p4 (p3, p2); p0–p2 from the first screen stay.
    expect(registeredParagraphs()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const before = new Map([...registry].map(([name, h]) => [name, new Set(h)]));
    nearOnly(6, 7);
    expect(new Map([...registry].map(([name, h]) => [name, new Set(h)]))).toEqual(before);
    nearOnly(8, 9);
    expect(registeredParagraphs()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(a.counts()).toEqual({ dea: 10, fentanyl: 10 });
  });

  it('containers that left stay registered until more than farKept ranges are far, then leave together', async () => {
    await start({ ahead: 0, farKept: 4 });
    nearOnly(0, 1);
    expect(registeredParagraphs()).toEqual([0, 1, 2]);
    nearOnly(2, 3);
    expect(registeredParagraphs()).toEqual([0, 1, 2, 3]);
    nearOnly(4, 5);
    expect(registeredParagraphs()).toEqual([4, 5]);
    expect(a.counts()).toEqual({ dea: 10, fentanyl: 10 });
  });
});

describe('HighlightPainter batches', () => {
  /** Animation frames run by hand: a loaded machine may fire two timer "frames" in one wait. */
  let frames: (() => void)[] = [];
  const runFrame = () => {
    const now = frames;
    frames = [];
    for (const f of now) f();
  };
  beforeEach(() => {
    ({ doc, registry } = pageDocument('<div id="far"></div><div id="mid"></div><div id="here"></div>'));
    stubNearViewport();
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (f: () => void) => frames.push(f));
  });

  function ranges(n: number): FakeRange[] {
    return Array.from({ length: n }, () => doc.createRange() as unknown as FakeRange);
  }

  it(`registers at most ${PAINT_BATCH} ranges per frame, the containers nearest the viewport first`, () => {
    const painter = new HighlightPainter('dotted', registry as unknown as HighlightRegistry, doc);
    const [far, mid, here] = ['far', 'mid', 'here'].map((id) => doc.getElementById(id)!) as unknown as [
      Element,
      Element,
      Element,
    ];
    const byContainer = new Map<Element, FakeRange[]>([
      [far, ranges(PAINT_BATCH)],
      [mid, ranges(PAINT_BATCH / 2)],
      [here, ranges(PAINT_BATCH / 2 + 10)],
    ]);
    for (const [el, rs] of byContainer) for (const r of rs) painter.add('agency', r as unknown as Range, el);
    const highlight = () => registry.get('contexto-agency') ?? new Set();
    // In the viewport, 1.2 viewports below it, 3 viewports below (all inside the near margin here).
    FakeIntersectionObserver.report([
      { el: far, near: true, top: 3000 },
      { el: here, near: true, top: 10 },
      { el: mid, near: true, top: 1200 },
    ]);
    expect(highlight().size).toBe(PAINT_BATCH);
    expect(byContainer.get(here)!.every((r) => highlight().has(r))).toBe(true);
    expect(byContainer.get(mid)!.filter((r) => highlight().has(r))).toHaveLength(PAINT_BATCH / 2 - 10);
    expect(byContainer.get(far)!.some((r) => highlight().has(r))).toBe(false);
    runFrame();
    expect(highlight().size).toBe(2 * PAINT_BATCH);
    runFrame();
    expect(highlight().size).toBe(2 * PAINT_BATCH + 10);
    expect(painter.registeredCount).toBe(2 * PAINT_BATCH + 10);
  });

  it('drops at most a batch per frame when containers leave', () => {
    const painter = new HighlightPainter('dotted', registry as unknown as HighlightRegistry, doc, {
      ahead: 0,
      farKept: 0,
    });
    const here = doc.getElementById('here')!;
    for (const r of ranges(PAINT_BATCH + 5)) painter.add('agency', r as unknown as Range, here);
    FakeIntersectionObserver.report([{ el: here, near: true }]);
    runFrame();
    expect(painter.registeredCount).toBe(PAINT_BATCH + 5);
    FakeIntersectionObserver.report([{ el: here, near: false, top: 5000 }]);
    expect(painter.registeredCount).toBe(5);
    runFrame();
    expect(painter.registeredCount).toBe(0);
  });
});

describe('PageController with the painter near the viewport', () => {
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    disabledSites: [],
    kinds: [...DEFAULT_SETTINGS.kinds],
    hiddenTerms: [],
  };

  it('reveal reaches a far mention, and its container is painted at once', async () => {
    ({ doc, registry } = pageDocument(BODY));
    stubNearViewport();
    // The card reveal opens needs layout linkedom lacks; what matters here is the painting.
    const open = vi.spyOn(CardController.prototype, 'open').mockResolvedValue(true);
    const reports: Record<string, number>[] = [];
    const controller = new PageController({
      doc,
      index,
      entryOf: (id) => entries.find((e) => e.id === id),
      settings,
      report: (counts) => reports.push(counts),
      openInContexto: () => {},
      cardView: () => cardView,
    });
    controller.applySettings(settings);
    await vi.waitFor(() => expect(reports).toHaveLength(1), { timeout: 5000 });
    expect(reports[0]).toEqual({ dea: 10, fentanyl: 10 });
    nearOnly(0, 1);
    // p2 (first screen) is far now but kept: few far ranges are registered.
    expect(registeredParagraphs()).toEqual([0, 1, 2]);
    // Previous from the start wraps to the last mention: p9's fentanyl, far from the viewport.
    expect(controller.reveal(-1)).toBe(true);
    expect(registeredParagraphs()).toEqual([0, 1, 2, 9]);
    expect([...registry.get('contexto-focus')!].map((r) => r.toString())).toEqual(['fentanyl']);
    expect(controller.paintedMentions()).toHaveLength(20);
    expect(open).toHaveBeenCalledOnce();
    controller.destroy();
    open.mockRestore();
  });
});
