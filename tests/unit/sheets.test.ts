import { beforeEach, describe, expect, it, vi } from 'vitest';

import { fakeBrowser } from 'wxt/testing';

import type { Entry } from '../../src/factsheet/types';
import {
  BUNDLED_SHEET_LABEL,
  MAX_IMPORT_BYTES,
  activeEntriesOf,
  prepareImport,
  sanitizeSheetsState,
  sheetToJson,
  type ImportedSheet,
} from '../../src/sheets/model';
import {
  bundledSheetEntries,
  exportSheet,
  getActiveEntries,
  importSheet,
  loadSheets,
  refreshActiveSheet,
  removeSheet,
  setSheetEnabled,
  storeSheets,
  watchActiveEntries,
} from '../../src/sheets';
import { entry } from './helpers';
import bundledMatch, { stamp as bundledStamp } from 'virtual:contexto-factsheet/match';
import { toMatchEntry } from '../../src/factsheet/types';
import {
  activeMatchOf,
  activeSheetItem,
  loadActiveMatch,
  storedGateOf,
  watchActiveMatch,
} from '../../src/sheets/active';
import { gateWords } from '../../src/matcher';
import { ACTIVE_GATE_KEY, activeGateOf } from '../../src/sheets/active-gate';
import { gate as bundledGate } from 'virtual:contexto-factsheet/gate';

const bundled: Entry[] = [
  entry('alpha', [{ text: 'Alpha Group' }], { related: ['beta'] }),
  entry('beta', [{ text: 'Beta Agency' }, { text: 'BA', caseSensitive: true }], { related: ['alpha'] }),
];

const now = new Date('2025-01-02T03:04:05Z');
const req = (text: string, mode: 'add' | 'replace' = 'add', fileName = 'mine.json') => ({
  fileName,
  text,
  mode,
  id: 'sheet-1',
  now,
});
const json = (data: unknown) => JSON.stringify(data);
const fieldsOf = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('import validation: each kind of error is reported with entry, field and why', () => {
  it('not JSON', () => {
    const { sheet, problems } = prepareImport(bundled, [], req('{"entries": [', 'add', 'broken.json'));
    expect(sheet).toBeUndefined();
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'broken.json',
        entry: '(file)',
        field: '(json)',
        message: expect.stringContaining('not valid JSON'),
      }),
    ]);
  });

  it('a file that is too big', () => {
    const { problems } = prepareImport(bundled, [], req(' '.repeat(MAX_IMPORT_BYTES + 1)));
    expect(fieldsOf(problems)).toEqual(['(size)']);
  });

  it('no entries', () => {
    expect(fieldsOf(prepareImport(bundled, [], req(json({ name: 'Empty', entries: [] }))).problems)).toEqual([
      'entries',
    ]);
  });

  it('missing required fields, wrong types, unknown fields and bad values', () => {
    const bad = [
      { id: 'Bad Id', name: 'X', kind: 'wizard', aliases: [], summary: '', facts: [], related: [], colour: 'red' },
      {
        ...entry('ok-ish', [{ text: 'Okish' }]),
        facts: [
          { text: 'No source', asOf: '2024-13-01' },
          {
            text: 'x',
            asOf: '2024-01-01',
            source: { publisher: 'P', title: 'T', date: '2024-01-01', url: 'javascript:alert(1)' },
          },
        ],
      },
      'not an object',
    ];
    const { sheet, problems } = prepareImport(bundled, [], req(json(bad)));
    expect(sheet).toBeUndefined();
    const byEntry = (e: string) => problems.filter((p) => p.entry === e).map((p) => `${p.field}: ${p.message}`);
    expect(byEntry('Bad Id')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^colour: unknown field/),
        expect.stringMatching(/^id: must be lower-case/),
        expect.stringMatching(/^kind: must be one of/),
        expect.stringMatching(/^summary: is empty/),
        expect.stringMatching(/^aliases: must be a non-empty list/),
        expect.stringMatching(/^facts: must be a list of 2 to 5/),
      ]),
    );
    expect(byEntry('ok-ish')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^facts\[0\]\.asOf: must be a date/),
        expect.stringMatching(/^facts\[0\]\.source: missing/),
        expect.stringMatching(/^facts\[1\]\.source\.url: must be an http/),
      ]),
    );
    expect(byEntry('#3')).toEqual(['(entry): must be an object']);
    for (const p of problems) expect(p.file).toBe('mine.json');
  });

  it('a duplicate id inside the file', () => {
    const { problems } = prepareImport(
      bundled,
      [],
      req(json([entry('gamma', [{ text: 'Gamma' }]), entry('gamma', [{ text: 'Gamma Two' }])])),
    );
    expect(problems).toEqual([
      expect.objectContaining({ entry: 'gamma', field: 'id', message: expect.stringContaining('duplicate id') }),
    ]);
  });

  it('an id that the bundled sheet already has (added beside it)', () => {
    const { problems } = prepareImport(bundled, [], req(json([entry('alpha', [{ text: 'Another Alpha' }])])));
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'mine.json',
        entry: 'alpha',
        field: 'id',
        message: expect.stringContaining(BUNDLED_SHEET_LABEL),
      }),
    ]);
  });

  it('an alias that the bundled sheet already claims, folded (case and accents do not hide it)', () => {
    const { problems } = prepareImport(
      bundled,
      [],
      req(json([entry('delta', [{ text: 'Delta' }, { text: 'BÉTA agency' }])])),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'mine.json',
        entry: 'delta',
        field: 'aliases[1].text',
        message: 'alias "BÉTA agency" is already claimed by entry "beta"',
      }),
    ]);
  });

  it('an alias claimed by another enabled imported sheet', () => {
    const first = prepareImport(bundled, [], req(json([entry('delta', [{ text: 'Delta' }])]))).sheet!;
    const { problems } = prepareImport(bundled, [first], {
      ...req(json([entry('epsilon', [{ text: 'delta' }])]), 'add', 'second.json'),
      id: 'sheet-2',
    });
    expect(problems).toEqual([
      expect.objectContaining({ file: 'second.json', entry: 'epsilon', field: 'aliases[0].text' }),
    ]);
  });

  it('a related id that exists nowhere', () => {
    const { problems } = prepareImport(
      bundled,
      [],
      req(json([entry('delta', [{ text: 'Delta' }], { related: ['nowhere'] })])),
    );
    expect(problems).toEqual([
      expect.objectContaining({ entry: 'delta', field: 'related[0]', message: 'unknown id "nowhere"' }),
    ]);
  });

  it('a related id that only the bundled sheet has is fine beside it, and a problem when replacing it', () => {
    const text = json({ name: 'Local terms', entries: [entry('delta', [{ text: 'Delta' }], { related: ['alpha'] })] });
    const added = prepareImport(bundled, [], req(text));
    expect(added.problems).toEqual([]);
    expect(added.sheet).toMatchObject({
      name: 'Local terms',
      mode: 'add',
      enabled: true,
      importedAt: now.toISOString(),
    });
    expect(added.sheet!.entries[0]!.related).toEqual(['alpha']);
    const replacing = prepareImport(bundled, [], req(text, 'replace'));
    expect(replacing.problems).toEqual([
      expect.objectContaining({ field: 'related[0]', message: 'unknown id "alpha"' }),
    ]);
  });

  it('a sheet that replaces the bundled one may reuse its ids and aliases', () => {
    const { sheet, problems } = prepareImport(
      bundled,
      [],
      req(json([entry('alpha', [{ text: 'Alpha Group' }])]), 'replace'),
    );
    expect(problems).toEqual([]);
    expect(activeEntriesOf(bundled, [sheet!]).map((e) => e.id)).toEqual(['alpha']);
  });

  it('accepts a single entry, a list, or {name, entries}; the name defaults to the file name', () => {
    expect(
      prepareImport(bundled, [], req(json(entry('delta', [{ text: 'Delta' }])), 'add', 'one.json')).sheet?.name,
    ).toBe('one');
    expect(prepareImport(bundled, [], req(json([entry('delta', [{ text: 'Delta' }])]))).sheet?.entries).toHaveLength(1);
  });
});

describe('active entries', () => {
  const sheet = (id: string, mode: 'add' | 'replace', enabled: boolean, entries: Entry[]): ImportedSheet => ({
    id,
    name: id,
    fileName: `${id}.json`,
    mode,
    enabled,
    importedAt: now.toISOString(),
    entries,
  });
  const extra = [entry('delta', [{ text: 'Delta' }])];

  it('bundled plus enabled sheets; disabled sheets take no part', () => {
    expect(activeEntriesOf(bundled, []).map((e) => e.id)).toEqual(['alpha', 'beta']);
    expect(activeEntriesOf(bundled, [sheet('s', 'add', true, extra)]).map((e) => e.id)).toEqual([
      'alpha',
      'beta',
      'delta',
    ]);
    expect(activeEntriesOf(bundled, [sheet('s', 'add', false, extra)]).map((e) => e.id)).toEqual(['alpha', 'beta']);
    expect(activeEntriesOf(bundled, [sheet('s', 'replace', true, extra)]).map((e) => e.id)).toEqual(['delta']);
    expect(activeEntriesOf(bundled, [sheet('s', 'replace', false, extra)]).map((e) => e.id)).toEqual(['alpha', 'beta']);
  });

  it('export gives back the same schema the import reads', () => {
    const exported = sheetToJson({ name: 'Mine', entries: extra });
    const again = prepareImport(bundled, [], req(exported));
    expect(again.problems).toEqual([]);
    expect(again.sheet?.entries).toEqual(extra);
    expect(again.sheet?.name).toBe('Mine');
  });

  it('corrupt stored state falls back to no sheets, with a warning', () => {
    const warnings: string[] = [];
    expect(sanitizeSheetsState('nope', (m) => warnings.push(m))).toEqual({ sheets: [] });
    const kept = sanitizeSheetsState(
      {
        sheets: [
          { id: 'x' },
          sheet('good', 'add', true, extra),
          { ...sheet('bad', 'add', true, extra), entries: [{ id: 'no' }] },
        ],
      },
      (m) => warnings.push(m),
    );
    expect(kept.sheets.map((s) => s.id)).toEqual(['good']);
    expect(warnings).toHaveLength(3);
  });
});

describe('the store (storage.local)', () => {
  beforeEach(() => fakeBrowser.reset());
  const mine = json({ name: 'Mine', entries: [entry('zz-widget', [{ text: 'Zxqv Widget' }])] });

  it('imports, disables, enables, exports and removes a sheet', async () => {
    const result = await importSheet('mine.json', mine, 'add');
    expect(result.ok).toBe(true);
    const id = result.ok ? result.sheet.id : '';
    expect((await getActiveEntries()).map((e) => e.id)).toEqual([
      ...bundledSheetEntries().map((e) => e.id),
      'zz-widget',
    ]);

    expect(await setSheetEnabled(id, false)).toEqual({ ok: true });
    expect((await getActiveEntries()).some((e) => e.id === 'zz-widget')).toBe(false);
    expect(await setSheetEnabled(id, true)).toEqual({ ok: true });

    const exported = await exportSheet(id);
    expect(exported?.fileName).toBe('mine.json');
    expect(JSON.parse(exported!.json)).toEqual({
      name: 'Mine',
      entries: [entry('zz-widget', [{ text: 'Zxqv Widget' }])],
    });

    await removeSheet(id);
    expect(await loadSheets()).toEqual([]);
    expect(await getActiveEntries()).toEqual(bundledSheetEntries());
  });

  it('a rejected import leaves the stored state exactly as it was', async () => {
    await importSheet('mine.json', mine, 'add');
    const before = await fakeBrowser.storage.local.get(null);
    const bad = await importSheet('bad.json', json([entry('zz-other', [{ text: 'zxqv widget' }])]), 'add');
    expect(bad.ok).toBe(false);
    expect(bad.ok ? [] : bad.problems).toEqual([
      expect.objectContaining({ file: 'bad.json', entry: 'zz-other', field: 'aliases[0].text' }),
    ]);
    const notJson = await importSheet('bad.json', '{', 'replace');
    expect(notJson.ok).toBe(false);
    expect(await fakeBrowser.storage.local.get(null)).toEqual(before);
  });

  it('reports an alias collision with the real bundled sheet', async () => {
    const victim = bundledSheetEntries()[0];
    expect(victim, 'the bundled sheet (data/terms) has entries').toBeDefined();
    const result = await importSheet(
      'clash.json',
      json([entry('zz-clash', [{ text: victim!.aliases[0]!.text.toUpperCase() }])]),
      'add',
    );
    expect(result.ok ? [] : result.problems).toEqual([
      expect.objectContaining({
        entry: 'zz-clash',
        field: 'aliases[0].text',
        message: expect.stringContaining(`"${victim!.id}"`),
      }),
    ]);
    expect(await loadSheets()).toEqual([]);
  });

  it('refuses to enable a sheet that would collide with one in use', async () => {
    const a = await importSheet('a.json', mine, 'add');
    if (!a.ok) throw new Error('import a failed');
    await setSheetEnabled(a.sheet.id, false);
    const b = await importSheet('b.json', json([entry('zz-b', [{ text: 'Zxqv Widget' }])]), 'add');
    expect(b.ok).toBe(true);
    const again = await setSheetEnabled(a.sheet.id, true);
    expect(again.ok).toBe(false);
    expect((await loadSheets()).find((s) => s.id === a.sheet.id)?.enabled).toBe(false);
  });

  it('tells watchers the new active entries, and a replacing sheet drops the bundled ones', async () => {
    const seen: string[][] = [];
    const stop = watchActiveEntries((entries) => seen.push(entries.map((e) => e.id)));
    await importSheet('mine.json', mine, 'replace');
    await vi.waitFor(() => expect(seen.at(-1)).toEqual(['zz-widget']));
    stop();
  });

  it('stores the active sheet with every change: the match data content scripts read, no validation there', async () => {
    const matchIds = async () =>
      activeMatchOf(await activeSheetItem.getValue(), bundledMatch, bundledStamp).map((e) => e.id);
    const result = await importSheet('mine.json', mine, 'add');
    if (!result.ok) throw new Error('import failed');
    const active = await activeSheetItem.getValue();
    expect(active?.bundled).toBe(bundledStamp);
    expect(active?.match).toEqual((await getActiveEntries()).map(toMatchEntry));
    expect(activeMatchOf(active, bundledMatch, bundledStamp)).toBe(active?.match);
    // Its gate words too, so frames compile the matcher only when a text can hold a mention.
    expect(active?.gate).toEqual(gateWords(active!.match!));
    expect(storedGateOf(active!.match!)).toEqual(active?.gate);
    expect(active?.match?.at(-1)).toEqual({
      id: 'zz-widget',
      name: 'zz-widget',
      kind: 'concept',
      aliases: [{ text: 'Zxqv Widget' }],
    });

    const seen: string[][] = [];
    const changed: boolean[] = [];
    const stop = watchActiveMatch(bundledMatch, bundledStamp, (match, matchChanged) => {
      seen.push(match.map((e) => e.id));
      changed.push(matchChanged);
    });
    // Only facts change (a pack update can do that): still an event, so frames reload card entries, but no new index.
    await storeSheets(
      (await loadSheets()).map((s) => ({
        ...s,
        entries: s.entries.map((e) => ({ ...e, summary: 'Changed summary.' })),
      })),
    );
    await vi.waitFor(() => expect(changed).toEqual([false]));
    await setSheetEnabled(result.sheet.id, false);
    await vi.waitFor(() => expect(changed.at(-1)).toBe(true));
    await vi.waitFor(() => expect(seen.at(-1)).toEqual(bundledMatch.map((e) => e.id)));
    expect(await matchIds()).toEqual(bundledMatch.map((e) => e.id));
    // The bundled sheet's match data is not copied: frames read a few bytes and use their own.
    expect(await activeSheetItem.getValue()).toEqual({ bundled: bundledStamp, revision: expect.any(String) });
    await setSheetEnabled(result.sheet.id, true);
    await vi.waitFor(() => expect(seen.at(-1)).toContain('zz-widget'));
    await removeSheet(result.sheet.id);
    await vi.waitFor(() => expect(seen.at(-1)).toEqual(bundledMatch.map((e) => e.id)));
    stop();
  });

  it("stores the active sheet's gate words alone for every frame's loader: only when an import changes them", async () => {
    const storedGate = async () => (await fakeBrowser.storage.local.get(ACTIVE_GATE_KEY))[ACTIVE_GATE_KEY];
    const bundledKeys = { stamp: bundledStamp, gate: bundledGate };
    expect(bundledGate).toEqual(gateWords(bundledMatch));
    // Nothing stored yet: the bundled sheet's.
    expect(activeGateOf(await storedGate(), bundledKeys)).toBe(bundledGate);
    await refreshActiveSheet();
    expect(await storedGate()).toEqual({ bundled: bundledStamp });
    const result = await importSheet('mine.json', mine, 'add');
    if (!result.ok) throw new Error('import failed');
    const active = await activeSheetItem.getValue();
    expect(await storedGate()).toEqual({ bundled: bundledStamp, gate: active?.gate });
    expect(activeGateOf(await storedGate(), bundledKeys)).toEqual(gateWords(active!.match!));
    expect(activeGateOf(await storedGate(), bundledKeys)).toContain('widget zxqv');
    // Written by another build: this build's frames use their bundled sheet (as activeMatchOf does).
    expect(activeGateOf({ bundled: 'older-build', gate: ['zz'] }, bundledKeys)).toBe(bundledGate);
    expect(activeGateOf({ bundled: bundledStamp, gate: null }, bundledKeys)).toBeNull();
    expect(activeGateOf({ bundled: bundledStamp, gate: [1] }, bundledKeys)).toBeNull();
    // A missing gate item (an older build wrote only the sheet) is written at background start.
    await fakeBrowser.storage.local.remove(ACTIVE_GATE_KEY);
    await refreshActiveSheet();
    expect(await storedGate()).toEqual({ bundled: bundledStamp, gate: active?.gate });
    await setSheetEnabled(result.sheet.id, false);
    expect(await storedGate()).toEqual({ bundled: bundledStamp });
  });

  it('a frame uses its bundled sheet when no active sheet is stored or another build wrote it; the background rewrites it', async () => {
    expect(await loadActiveMatch(bundledMatch, bundledStamp)).toBe(bundledMatch);
    await importSheet('mine.json', mine, 'replace');
    const written = await activeSheetItem.getValue();
    expect(await loadActiveMatch(bundledMatch, bundledStamp)).toEqual([expect.objectContaining({ id: 'zz-widget' })]);
    // An update with another bundled sheet: the stored one is stale until the background starts.
    await activeSheetItem.setValue({ ...written!, bundled: 'older-build' });
    expect(await loadActiveMatch(bundledMatch, bundledStamp)).toBe(bundledMatch);
    expect(activeMatchOf({ bundled: bundledStamp }, bundledMatch, bundledStamp)).toBe(bundledMatch);
    expect(activeMatchOf('corrupt', bundledMatch, bundledStamp)).toBe(bundledMatch);
    await refreshActiveSheet();
    expect(await activeSheetItem.getValue()).toEqual({ ...written, revision: expect.any(String) });
    // One written by an older build, without gate words: rewritten with them.
    const { gate: _gate, ...older } = written!;
    await activeSheetItem.setValue(older);
    await refreshActiveSheet();
    expect(await activeSheetItem.getValue()).toEqual({ ...written, revision: expect.any(String) });
    // Nothing to do when it is current (no write, no watcher woken).
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    await refreshActiveSheet();
    expect(set).not.toHaveBeenCalled();
    set.mockRestore();
  });

  it('with nothing imported, the active sheet holds no copy of the bundled match data, and an older full copy is rewritten', async () => {
    await refreshActiveSheet();
    const slim = { bundled: bundledStamp, revision: expect.any(String) };
    expect(await activeSheetItem.getValue()).toEqual(slim);
    expect(await loadActiveMatch(bundledMatch, bundledStamp)).toBe(bundledMatch);
    // An older build stored the bundled match data and its gate words in full: written again without them,
    // also when storage hands the copy back with its keys sorted (Chrome does).
    const sorted = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(sorted)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.keys(v)
                .sort()
                .reverse()
                .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
            )
          : v;
    for (const match of [bundledMatch, sorted(bundledMatch) as typeof bundledMatch]) {
      await activeSheetItem.setValue({ bundled: bundledStamp, match, revision: 'old', gate: bundledGate });
      await refreshActiveSheet();
      expect(await activeSheetItem.getValue()).toEqual(slim);
    }
    // Current: no write.
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    await refreshActiveSheet();
    expect(set).not.toHaveBeenCalled();
    set.mockRestore();
  });

  it('records the stored version', async () => {
    vi.resetModules();
    const fresh = await import('../../src/sheets');
    await fresh.importSheet('mine.json', mine, 'add');
    expect((await fakeBrowser.storage.local.get('sheets$')).sheets$).toEqual({ v: 1 });
  });
});
