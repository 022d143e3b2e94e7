import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import { CardController, type CardMention } from '../../src/card/controller';
import type { CardView } from '../../src/card/view';
import { entry } from './helpers';

/**
 * The card's view (host, rendering, placement) comes on a card's first use (src/card/load-view.ts):
 * what the controller does with cards asked for before it is there. A fake view stands in for the
 * real one, whose iframe and layout linkedom lacks (the browser tests open real cards).
 */

const ENTRIES = [entry('dea', [{ text: 'DEA' }]), entry('cjng', [{ text: 'CJNG' }])];

function setUp() {
  const { document: doc, Event } = parseHTML('<!doctype html><html><body><p>DEA and CJNG</p></body></html>');
  const rendered: string[] = [];
  class FakeHost {
    private readonly frame = doc.createElement('div');
    ensureFrame() {
      return this.frame;
    }
    hide() {}
    show() {}
    announce() {}
    isCard() {
      return false;
    }
    get activeElement() {
      return null;
    }
    get element() {
      return null;
    }
    blur() {}
    remove() {}
  }
  const fake = {
    CardHost: FakeHost,
    renderCard: (e: { id: string }) => {
      rendered.push(e.id);
      return doc.createElement('section');
    },
    trackCard: () => () => {},
  } as unknown as CardView;
  let settle!: { resolve(v: CardView): void; reject(e: unknown): void };
  const view = vi.fn(
    () =>
      new Promise<CardView>((resolve, reject) => {
        settle = { resolve, reject };
      }),
  );
  const cards = new CardController<CardMention>({
    doc: doc as unknown as Document,
    view,
    hitTest: () => null,
    entryOf: (id) => ENTRIES.find((e) => e.id === id),
    nameOf: (id) => id,
    lang: () => 'en',
    showDelay: () => 0,
    openInContexto: () => {},
  });
  const p = doc.querySelector('p')!;
  const mention = (termId: string): CardMention => ({ termId, text: termId, range: {} as Range, container: p });
  const pointerLeaves = () => doc.documentElement.dispatchEvent(new Event('pointerleave'));
  return { cards, view, rendered, mention, pointerLeaves, fake, settle: () => settle };
}

describe('cards asked for before the card view is loaded', () => {
  it('the last one opens when the view comes, and the view is asked for once', async () => {
    const t = setUp();
    const first = t.cards.open(t.mention('dea'), { pinned: true });
    const second = t.cards.open(t.mention('cjng'), { pinned: true });
    expect(t.cards.isOpen).toBe(false);
    expect(t.view).toHaveBeenCalledTimes(1);
    t.settle().resolve(t.fake);
    await expect(second).resolves.toBe(true);
    await expect(first).resolves.toBe(false);
    expect(t.rendered).toEqual(['cjng']);
    expect(t.cards.openMention?.termId).toBe('cjng');
    // Loaded now: the next card opens at once.
    const third = t.cards.open(t.mention('dea'), { pinned: true });
    expect(t.cards.openMention?.termId).toBe('dea');
    await expect(third).resolves.toBe(true);
    expect(t.view).toHaveBeenCalledTimes(1);
  });

  it('a close before the view comes cancels the card', async () => {
    const t = setUp();
    const asked = t.cards.open(t.mention('dea'), { pinned: true });
    t.cards.close(false);
    t.settle().resolve(t.fake);
    await expect(asked).resolves.toBe(false);
    expect(t.cards.isOpen).toBe(false);
    expect(t.rendered).toEqual([]);
  });

  it('a hover card is dropped when the pointer leaves before the view comes; a pinned one is not', async () => {
    const t = setUp();
    const hover = t.cards.open(t.mention('dea'));
    t.pointerLeaves();
    t.settle().resolve(t.fake);
    await expect(hover).resolves.toBe(false);
    expect(t.cards.isOpen).toBe(false);

    const u = setUp();
    const pinned = u.cards.open(u.mention('dea'), { pinned: true });
    u.pointerLeaves();
    u.settle().resolve(u.fake);
    await expect(pinned).resolves.toBe(true);
  });

  it('a view that fails to load opens nothing, and the next card asks again', async () => {
    const t = setUp();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const asked = t.cards.open(t.mention('dea'), { pinned: true });
    t.settle().reject(new Error('import refused'));
    await expect(asked).resolves.toBe(false);
    expect(warn).toHaveBeenCalledWith('Contexto: the card could not load', expect.any(Error));
    const again = t.cards.open(t.mention('dea'), { pinned: true });
    expect(t.view).toHaveBeenCalledTimes(2);
    t.settle().resolve(t.fake);
    await expect(again).resolves.toBe(true);
    warn.mockRestore();
  });
});
