import { afterEach, describe, expect, it, vi } from 'vitest';
import { BATCH_DELAY_MS, containersToRescan, watchPage } from '../../src/page/live';
import { CARD_HOST_TAG } from '../../src/page/scan';
import { childListRecord, FakeMutationObserver, pageDocument } from './page-dom';

/** Which containers a page change sends to rescan, and how changes are batched. */

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const BODY =
  '<article id="art"><p id="a">One <em id="em">two</em> three.</p><p id="b">Four.</p></article><div id="feed"></div>';

describe('containersToRescan', () => {
  it('text changed inside an inline element: its block container', () => {
    const { doc } = pageDocument(BODY);
    const text = doc.getElementById('em')!.firstChild!;
    expect(containersToRescan({ type: 'characterData', target: text } as unknown as MutationRecord)).toEqual([
      doc.getElementById('a'),
    ]);
  });

  it('a block added between blocks: only the added block (its neighbours are unchanged)', () => {
    const { doc } = pageDocument(BODY);
    const p = doc.createElement('p');
    p.textContent = 'New.';
    doc.getElementById('art')!.insertBefore(p, doc.getElementById('b'));
    expect(containersToRescan(childListRecord(doc.getElementById('art')!, { added: [p] }) as MutationRecord)).toEqual([
      p,
    ]);
  });

  it('inline content added inside a paragraph: the paragraph (the words may join its text)', () => {
    const { doc } = pageDocument(BODY);
    const a = doc.getElementById('a')!;
    const b = doc.createElement('b');
    b.textContent = 'bold';
    a.appendChild(b);
    expect(containersToRescan(childListRecord(a, { added: [b] }) as MutationRecord)).toEqual([a]);
  });

  it('a hidden attribute set on a block: the parent, whose rescan then skips it', () => {
    const { doc } = pageDocument(BODY);
    const b = doc.getElementById('b')!;
    b.setAttribute('hidden', '');
    expect(
      containersToRescan({ type: 'attributes', target: b, attributeName: 'hidden' } as unknown as MutationRecord),
    ).toEqual([doc.getElementById('art')]);
  });

  it('our own card host coming and going is not a change; a new <body> is', () => {
    const { doc } = pageDocument(BODY);
    const host = doc.createElement(CARD_HOST_TAG);
    doc.body.appendChild(host);
    expect(containersToRescan(childListRecord(doc.body, { added: [host] }) as MutationRecord)).toEqual([]);
    const body = doc.createElement('body');
    expect(containersToRescan(childListRecord(doc.documentElement, { added: [body] }) as MutationRecord)).toBe('body');
    const detached = doc.createElement('div');
    expect(
      containersToRescan(childListRecord(detached, { added: [doc.createElement('p')] }) as MutationRecord),
    ).toEqual([]);
  });
});

describe('watchPage', () => {
  it('rescans a small change in the same batch of records, and reports removed elements', () => {
    const { doc } = pageDocument(BODY);
    const calls: [Element[], boolean, Element[]][] = [];
    const watcher = watchPage(doc, (containers, replaced, removed) =>
      calls.push([[...containers], replaced, [...removed]]),
    );
    const b = doc.getElementById('b')!;
    b.remove();
    FakeMutationObserver.deliver([
      childListRecord(doc.getElementById('art')!, {
        removed: [b],
        previousSibling: doc.getElementById('a'),
        nextSibling: null,
      }),
    ]);
    expect(calls).toEqual([[[], false, [b]]]);
    const text = doc.getElementById('a')!.firstChild!;
    FakeMutationObserver.deliver([{ type: 'characterData', target: text }]);
    expect(calls.at(-1)).toEqual([[doc.getElementById('a')], false, []]);
    watcher.stop();
    FakeMutationObserver.deliver([{ type: 'characterData', target: text }]);
    expect(calls).toHaveLength(2);
  });

  it('batches large or repeated changes for up to BATCH_DELAY_MS, and a new body at once as a full rescan', () => {
    vi.useFakeTimers();
    const { doc } = pageDocument(BODY);
    const calls: [Element[], boolean][] = [];
    watchPage(doc, (containers, replaced) => calls.push([[...containers], replaced]));
    const feed = doc.getElementById('feed')!;
    // Twenty paragraphs appended in one go: more than a small change, so they wait for the batch…
    const added: Element[] = [];
    const records = [];
    for (let i = 0; i < 20; i++) {
      const p = doc.createElement('p');
      p.textContent = `Item ${i}.`;
      feed.appendChild(p);
      added.push(p);
      records.push(childListRecord(feed, { added: [p] }));
    }
    FakeMutationObserver.deliver(records);
    expect(calls).toEqual([]);
    // …and a small change while the batch waits joins it.
    const text = doc.getElementById('a')!.firstChild!;
    FakeMutationObserver.deliver([{ type: 'characterData', target: text }]);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(BATCH_DELAY_MS - 1);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual([[[...added, doc.getElementById('a')], false]]);

    FakeMutationObserver.deliver([childListRecord(doc.documentElement, { added: [doc.createElement('body')] })]);
    expect(calls).toHaveLength(1);
    vi.advanceTimersByTime(BATCH_DELAY_MS);
    expect(calls.at(-1)).toEqual([[], true]);
  });
});
