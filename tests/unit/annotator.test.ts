import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildIndex } from '../../src/factsheet';
import type { Kind } from '../../src/factsheet/types';
import { Annotator, type MentionFilter, PARSING_SCAN_UNITS } from '../../src/page/annotator';
import { HighlightPainter } from '../../src/page/paint';
import { entry } from './helpers';
import { liveTextWalker } from './live-walker';
import { pageDocument, paintedByName, paintedTexts, type FakeRegistry } from './page-dom';

/** The Annotator on linkedom: scans, rescans, removals and the paint policy, with a fake Highlight registry. */

const index = buildIndex([
  entry('fentanyl', [{ text: 'fentanyl' }], { kind: 'substance' }),
  entry('dea', [{ text: 'DEA', caseSensitive: true }, { text: 'Drug Enforcement Administration' }], { kind: 'agency' }),
  entry('cjng', [{ text: 'CJNG', caseSensitive: true }], { kind: 'criminal-group' }),
]);

const ALL_KINDS: ReadonlySet<Kind> = new Set(['substance', 'agency', 'criminal-group']);
const filter = (over: Partial<MentionFilter> = {}): MentionFilter => ({
  kinds: ALL_KINDS,
  firstMentionOnly: false,
  ...over,
});

const BODY = `
  <h1>Fentanyl and the DEA</h1>
  <p id="one">The DEA says fentanyl seizures rose; the <b>Drug Enforcement</b> Administration blames CJNG.</p>
  <p id="two">More fentanyl arrived.</p>
  <p id="three" hidden>Hidden DEA text.</p>
  <script>var x = "fentanyl";</script>`;

let changes = 0;
let registry: FakeRegistry;
let doc: Document;

function start(f: MentionFilter = filter(), body = BODY) {
  ({ doc, registry } = pageDocument(body));
  changes = 0;
  const annotator = new Annotator(
    doc,
    index,
    new HighlightPainter('dotted', registry as unknown as HighlightRegistry),
    f,
    () => changes++,
  );
  return annotator;
}

/** Resolves after the next finished batch (scans run in setTimeout slices). */
async function batch(before = changes): Promise<void> {
  await vi.waitFor(() => expect(changes).toBeGreaterThan(before));
}

afterEach(() => vi.unstubAllGlobals());

describe('Annotator', () => {
  it('scans the page in slices and paints every mention under its kind, skipping hidden and script text', async () => {
    const a = start();
    a.scanAll();
    await batch(0);
    expect(paintedTexts(registry)).toEqual([
      'Fentanyl',
      'DEA',
      'DEA',
      'fentanyl',
      'Drug Enforcement Administration',
      'CJNG',
      'fentanyl',
    ]);
    expect(paintedByName(registry)).toEqual({
      'contexto-substance': ['Fentanyl', 'fentanyl', 'fentanyl'],
      'contexto-agency': ['DEA', 'DEA', 'Drug Enforcement Administration'],
      'contexto-criminal-group': ['CJNG'],
    });
    expect(a.counts()).toEqual({ cjng: 1, dea: 3, fentanyl: 3 });
    expect(a.paintedInOrder().map((m) => [m.termId, m.text])).toEqual([
      ['fentanyl', 'Fentanyl'],
      ['dea', 'DEA'],
      ['dea', 'DEA'],
      ['fentanyl', 'fentanyl'],
      ['dea', 'Drug Enforcement Administration'],
      ['cjng', 'CJNG'],
      ['fentanyl', 'fentanyl'],
    ]);
    expect(changes).toBe(1);
  });

  it('rescans a changed container: its old mentions go, the new ones come, other containers keep theirs', async () => {
    const a = start();
    a.scanAll();
    await batch(0);
    const two = doc.getElementById('two')!;
    const one = doc.getElementById('one')!;
    const keptRanges = a.paintedIn(one).map((m) => m.range);
    two.textContent = 'Now the CJNG and the DEA, no drugs named.';
    a.rescan([two], []);
    await batch(1);
    expect(a.paintedIn(two).map((m) => m.text)).toEqual(['CJNG', 'DEA']);
    expect(a.counts()).toEqual({ cjng: 2, dea: 4, fentanyl: 2 });
    // The untouched paragraph's mentions are the same objects: no repaint there.
    expect(a.paintedIn(one).map((m) => m.range)).toEqual(keptRanges);
    expect(paintedByName(registry)['contexto-substance']).toEqual(['Fentanyl', 'fentanyl']);
  });

  it('drops the mentions of a removed container at once, without a rescan', async () => {
    const a = start();
    a.scanAll();
    await batch(0);
    const one = doc.getElementById('one')!;
    one.remove();
    a.rescan([], [one]);
    // No slice to wait for: a removal alone is applied synchronously.
    expect(changes).toBe(2);
    expect(paintedTexts(registry)).toEqual(['Fentanyl', 'DEA', 'fentanyl']);
    expect(a.counts()).toEqual({ dea: 1, fentanyl: 2 });
  });

  it('a rescan of the body without the list of removals still prunes containers that left the page', async () => {
    const a = start();
    a.scanAll();
    await batch(0);
    doc.getElementById('two')!.remove();
    a.rescan([doc.getElementById('one')!]);
    await batch(1);
    expect(a.counts()).toEqual({ cjng: 1, dea: 3, fentanyl: 2 });
  });

  it('follows filter changes: a kind turned off is unpainted and not counted, and comes back', async () => {
    const a = start();
    a.scanAll();
    await batch(0);
    a.setFilter(filter({ kinds: new Set<Kind>(['substance', 'criminal-group']) }));
    expect(paintedTexts(registry)).toEqual(['Fentanyl', 'fentanyl', 'CJNG', 'fentanyl']);
    expect(a.counts()).toEqual({ cjng: 1, fentanyl: 3 });
    a.setFilter(filter());
    expect(paintedTexts(registry)).toHaveLength(7);
    expect(a.counts()).toEqual({ cjng: 1, dea: 3, fentanyl: 3 });
  });

  it('hidden terms ("Not this") are neither painted nor counted, and mentionOfRange ignores them', async () => {
    const a = start(filter({ hidden: new Set(['dea']) }));
    a.scanAll();
    await batch(0);
    expect(paintedTexts(registry)).toEqual(['Fentanyl', 'fentanyl', 'CJNG', 'fentanyl']);
    expect(a.counts()).toEqual({ cjng: 1, fentanyl: 3 });
    const deaRange = [...(registry.get('contexto-agency') ?? [])][0];
    expect(deaRange).toBeUndefined();
    const first = a.paintedInOrder()[0]!;
    expect(a.mentionOfRange(first.range)).toBe(first);
  });

  it('first mention only: one painted per term, all counted; the next one takes over when the first goes', async () => {
    const a = start(filter({ firstMentionOnly: true }));
    a.scanAll();
    await batch(0);
    expect(paintedTexts(registry)).toEqual(['Fentanyl', 'DEA', 'CJNG']);
    expect(a.counts()).toEqual({ cjng: 1, dea: 3, fentanyl: 3 });
    const h1 = doc.querySelector('h1')!;
    h1.remove();
    a.rescan([], [h1]);
    expect(paintedTexts(registry)).toEqual(['DEA', 'fentanyl', 'CJNG']);
    a.setFilter(filter());
    expect(paintedTexts(registry)).toEqual(['DEA', 'fentanyl', 'Drug Enforcement Administration', 'CJNG', 'fentanyl']);
  });

  it('setIndex swaps the sheet and repaints; stop removes every highlight and ignores later rescans', async () => {
    const a = start();
    a.scanAll();
    await batch(0);
    a.setIndex(buildIndex([entry('cjng', [{ text: 'CJNG', caseSensitive: true }], { kind: 'criminal-group' })]));
    await batch(1);
    expect(paintedTexts(registry)).toEqual(['CJNG']);
    expect(a.counts()).toEqual({ cjng: 1 });
    a.stop();
    expect(paintedTexts(registry)).toEqual([]);
    expect(registry.size).toBe(0);
    a.rescan([doc.body]);
    await new Promise((r) => setTimeout(r, 20));
    expect(paintedTexts(registry)).toEqual([]);
  });

  it('while the page parses, a scan stops before the block the parser may still be writing', async () => {
    // The parser has written "Fentanyl DEA" of "Fentanyl DEALERS met." so far: nothing follows that text yet.
    const a = start(filter(), '<p id="one">The DEA tracks fentanyl.</p><p id="two">Fentanyl DEA');
    a.scanAll(true);
    await batch(0);
    expect(paintedTexts(registry)).toEqual(['DEA', 'fentanyl']);
    expect(a.counts()).toEqual({ dea: 1, fentanyl: 1 });

    // The parser goes on: the word was "DEALERS", and a paragraph follows.
    const cut = doc.getElementById('two')!.firstChild as Text;
    cut.data += 'LERS met.';
    const next = doc.createElement('p');
    next.textContent = 'The CJNG';
    doc.body.append(next);
    a.scanAll(true);
    await batch(1);
    expect(paintedTexts(registry)).toEqual(['DEA', 'fentanyl', 'Fentanyl']);

    // DOMContentLoaded: the whole page, the last block included.
    a.scanAll();
    await batch(2);
    expect(paintedTexts(registry)).toEqual(['DEA', 'fentanyl', 'Fentanyl', 'CJNG']);
    expect(a.counts()).toEqual({ cjng: 1, dea: 1, fentanyl: 2 });
  });

  it('a scan while the page parses reads what was parsed when it started, never following the parser', async () => {
    const a = start(filter(), `${'<p>Filler words here.</p>'.repeat(3000)}<p>The CJNG</p><p>The end.</p>`);
    // A browser's TreeWalker is live (it walks on into nodes added after it started); linkedom's is a snapshot.
    (doc as { createTreeWalker: unknown }).createTreeWalker = liveTextWalker;
    a.scanAll(true);
    // The parser adds more while the scan runs (its first slice ran already).
    for (const text of ['The DEA', 'More to come']) {
      const p = doc.createElement('p');
      p.textContent = text;
      doc.body.append(p);
    }
    await batch(0);
    expect(paintedTexts(registry)).toEqual(['CJNG']);
  });

  it('a scan while the page parses reads a first screen of text (PARSING_SCAN_UNITS), not all that is parsed', async () => {
    const filler = '<p>Filler words here.</p>'.repeat(
      Math.ceil(PARSING_SCAN_UNITS / 'Filler words here.'.length) + 1000,
    );
    const a = start(filter(), `<p>The CJNG</p>${filler}<p>The DEA</p><p>The end.</p>`);
    a.scanAll(true);
    await batch(0);
    expect(paintedTexts(registry)).toEqual(['CJNG']);
    a.scanAll();
    await batch(1);
    expect(paintedTexts(registry)).toEqual(['CJNG', 'DEA']);
  });

  it('a whole-page scan started while another runs replaces it: each mention painted once, none left over', async () => {
    const a = start(filter(), `<p>The DEA</p>${'<p>Filler words here.</p>'.repeat(3000)}<p>The end.</p>`);
    a.scanAll(true);
    await batch(0);
    expect(paintedTexts(registry)).toEqual(['DEA']);
    // A second pass found the DEA again (its first slice) and still holds the first pass's mention to unpaint.
    a.scanAll(true);
    a.scanAll();
    await batch(1);
    expect(paintedTexts(registry)).toEqual(['DEA']);
    expect([...registry.values()].reduce((n, h) => n + h.size, 0)).toBe(1);
    expect(a.counts()).toEqual({ dea: 1 });
  });

  it('a scan cancelled by reset paints nothing of it', async () => {
    const a = start();
    a.scanAll();
    a.reset();
    await new Promise((r) => setTimeout(r, 20));
    expect(changes).toBe(0);
    expect(a.counts()).toEqual({});
    expect(paintedTexts(registry)).toEqual([]);
  });
});
