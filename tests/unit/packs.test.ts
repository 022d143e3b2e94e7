import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { Entry } from '../../src/factsheet/types';
import {
  PACK_FORMAT,
  PACK_LIMITS,
  canonicalJson,
  checkPackShape,
  generateKeyPair,
  importPrivateKey,
  importPublicKey,
  packToJson,
  signPack,
  signedBytes,
  verifyPackSignature,
  type Pack,
  type PackBody,
} from '../../src/packs/format';
import { checkPackEnvelope, diffEntries } from '../../src/packs/check';
import {
  acceptSubscription,
  checkForUpdate,
  checkPackUrl,
  fetchPackText,
  patternCovers,
  loadPacks,
  previewSubscription,
  rollBack,
  unsubscribe,
  type PackDeps,
} from '../../src/packs';
import { loadSheets, sheetsItem } from '../../src/sheets/store';
import { packsItem } from '../../src/packs/store';
import { entry } from './helpers';

const bundled: Entry[] = [entry('alpha', [{ text: 'Alpha Group' }]), entry('beta', [{ text: 'Beta Agency' }])];

const harbor = (factText = 'Fact one.') =>
  entry('harbor', [{ text: 'Harbor Board' }], {
    facts: [
      { text: factText, asOf: '2025-01-01', source: { publisher: 'P', title: 'T', date: '2025-01-01' } },
      { text: 'Fact two.', asOf: '2025-01-01', source: { publisher: 'P', title: 'T', date: '2025-01' } },
    ],
    related: ['alpha'],
  });

function body(revision: number, entries: unknown[] = [harbor()], extra: Partial<PackBody> = {}): PackBody {
  return {
    format: PACK_FORMAT,
    name: 'Test pack',
    publisher: 'Test Desk',
    revision,
    publishedAt: '2026-11-20T09:00:00Z',
    minAppVersion: '0.1.0',
    entries,
    ...extra,
  };
}

const keys = await generateKeyPair();
const otherKeys = await generateKeyPair();
const privateKey = await importPrivateKey(keys.privatePem);
const sign = async (b: PackBody) => packToJson(await signPack(b, privateKey));

/** A fetch that serves whatever `served.text` holds at the pack URL and records every request. */
const URL_ = 'https://packs.example/test.json';
const served = { text: '', status: 200 };
const requests: { url: string; init?: RequestInit }[] = [];
const fakeFetch = (async (url: RequestInfo | URL, init?: RequestInit) => {
  requests.push({ url: String(url), init });
  return new Response(served.text, { status: served.status });
}) as typeof fetch;
const deps: PackDeps = { fetch: fakeFetch, appVersion: '0.1.0', bundled, now: () => new Date('2026-11-21T00:00:00Z') };

async function subscribe(revision = 1): Promise<string> {
  served.text = await sign(body(revision));
  const preview = await previewSubscription({ url: URL_, publicKeyPem: keys.publicPem, mode: 'add' }, deps);
  if (!preview.ok) throw new Error(preview.reason);
  expect(await acceptSubscription(preview.preview, deps)).toEqual({ ok: true });
  return preview.preview.subscription.id;
}

/** What must not change when an update is refused: the sheets and every subscription field but `lastCheck`. */
async function snapshot() {
  const sheets = await sheetsItem.getValue();
  const packs = (await packsItem.getValue()).packs.map(({ lastCheck: _lastCheck, ...rest }) => rest);
  return JSON.stringify({ sheets, packs });
}

beforeEach(() => {
  fakeBrowser.reset();
  requests.length = 0;
  served.status = 200;
});

describe('canonical bytes and signatures', () => {
  it('canonical JSON sorts keys at every level, drops whitespace and keeps list order', () => {
    expect(canonicalJson({ b: 1, a: [{ z: 'é', y: null }, true], c: 'x"y' })).toBe(
      '{"a":[{"y":null,"z":"é"},true],"b":1,"c":"x\\"y"}',
    );
    expect(canonicalJson(JSON.parse(' { "a" : 1 ,\n "b":[ 2,3 ] } '))).toBe(canonicalJson({ b: [2, 3], a: 1 }));
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/finite/);
  });

  it('signed bytes ignore the signature field and key order', async () => {
    const pack = await signPack(body(1), privateKey);
    const { signature, entries, ...rest } = pack;
    const reordered = JSON.parse(JSON.stringify({ signature, entries, ...rest })) as Pack;
    expect(Object.keys(reordered)[0]).toBe('signature');
    expect(new TextDecoder().decode(signedBytes(reordered))).toBe(new TextDecoder().decode(signedBytes(body(1))));
  });

  it('round trip: a signed pack verifies with its public key, not with another', async () => {
    const pack = await signPack(body(1), privateKey);
    expect(pack.signature.alg).toBe('ECDSA-P256-SHA256');
    expect(await verifyPackSignature(pack, await importPublicKey(keys.publicPem))).toBe(true);
    expect(await verifyPackSignature(pack, await importPublicKey(otherKeys.publicPem))).toBe(false);
    // Whitespace and key order of the file do not matter.
    const reparsed = JSON.parse(JSON.stringify(pack)) as Pack;
    expect(await verifyPackSignature(reparsed, await importPublicKey(keys.publicPem))).toBe(true);
  });

  it('any change to a signed field breaks the signature', async () => {
    const pack = await signPack(body(1), privateKey);
    const key = await importPublicKey(keys.publicPem);
    const tampered = structuredClone(pack);
    (tampered.entries[0] as Entry).facts[0]!.text = 'Changed.';
    expect(await verifyPackSignature(tampered, key)).toBe(false);
    expect(await verifyPackSignature({ ...pack, revision: 2 }, key)).toBe(false);
    expect(await verifyPackSignature({ ...pack, signature: { ...pack.signature, value: 'AAAA' } }, key)).toBe(false);
  });

  it('keys are PEM: PKCS#8 private, SPKI public; anything else is a readable error', async () => {
    expect(keys.privatePem).toMatch(/^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----\n$/);
    expect(keys.publicPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    await expect(importPublicKey('hello')).rejects.toThrow(/not a PEM public key/);
    await expect(importPublicKey(keys.privatePem)).rejects.toThrow(/not a PEM public key/);
    await expect(importPublicKey('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----')).rejects.toThrow(
      /not an ECDSA P-256 public key/,
    );
  });
});

describe('the envelope: each refusal names the file and field', () => {
  const opts = { publicKeyPem: keys.publicPem, appVersion: '0.1.0' };

  it('accepts a well-formed signed pack', async () => {
    const result = await checkPackEnvelope(
      'p.json',
      await sign(body(3, [harbor()], { changelog: 'New harbor entry.' })),
      opts,
    );
    expect(result).toMatchObject({
      ok: true,
      meta: { name: 'Test pack', publisher: 'Test Desk', revision: 3, changelog: 'New harbor entry.' },
    });
  });

  it('bad JSON', async () => {
    expect(await checkPackEnvelope('p.json', '{"format": ', opts)).toMatchObject({
      ok: false,
      code: 'file',
      reason: expect.stringMatching(/^p\.json: .*field "\(json\)": not valid JSON/),
    });
  });

  it('an oversized file is refused before it is parsed', async () => {
    const result = await checkPackEnvelope('p.json', ' '.repeat(PACK_LIMITS.bytes + 1), opts);
    expect(result).toMatchObject({ ok: false, code: 'file', reason: expect.stringContaining('the limit is 5 MB') });
  });

  it('missing, wrong and unknown fields', () => {
    const { problems } = checkPackShape('p.json', {
      format: 'other',
      name: '',
      revision: 0,
      publishedAt: '2026-11-20',
      minAppVersion: 'one',
      entries: [],
      extra: 1,
    });
    expect(problems.map((p) => p.field).sort()).toEqual(
      [
        'entries',
        'extra',
        'format',
        'minAppVersion',
        'name',
        'publishedAt',
        'publisher',
        'revision',
        'signature',
      ].sort(),
    );
    expect(problems.every((p) => p.file === 'p.json')).toBe(true);
  });

  it('too many entries', () => {
    const { problems } = checkPackShape('p.json', {
      ...body(1, new Array(PACK_LIMITS.entries + 1).fill({})),
      signature: { alg: 'ECDSA-P256-SHA256', value: 'AA==' },
    });
    expect(problems).toEqual([
      expect.objectContaining({
        field: 'entries',
        message: `${PACK_LIMITS.entries + 1} entries; the limit is ${PACK_LIMITS.entries}`,
      }),
    ]);
  });

  it('a tampered entry', async () => {
    const pack = JSON.parse(await sign(body(1))) as Pack;
    (pack.entries[0] as Entry).summary = 'Something the publisher never wrote.';
    expect(await checkPackEnvelope('p.json', JSON.stringify(pack), opts)).toMatchObject({
      ok: false,
      code: 'signature',
      reason: expect.stringContaining('p.json: the signature does not match'),
    });
  });

  it('the wrong key', async () => {
    expect(
      await checkPackEnvelope('p.json', await sign(body(1)), { ...opts, publicKeyPem: otherKeys.publicPem }),
    ).toMatchObject({ ok: false, code: 'signature' });
  });

  it('lower or equal revision', async () => {
    expect(await checkPackEnvelope('p.json', await sign(body(2)), { ...opts, installedRevision: 2 })).toMatchObject({
      ok: false,
      code: 'same-revision',
    });
    expect(await checkPackEnvelope('p.json', await sign(body(1)), { ...opts, installedRevision: 2 })).toMatchObject({
      ok: false,
      code: 'old-revision',
      reason: expect.stringContaining('revision 1 is older than the installed revision 2'),
    });
    expect(await checkPackEnvelope('p.json', await sign(body(3)), { ...opts, installedRevision: 2 })).toMatchObject({
      ok: true,
    });
  });

  it('a future minAppVersion', async () => {
    expect(
      await checkPackEnvelope('p.json', await sign(body(1, [harbor()], { minAppVersion: '0.10' })), {
        ...opts,
        appVersion: '0.9.3',
      }),
    ).toMatchObject({
      ok: false,
      code: 'app-version',
      reason: 'p.json: needs Contexto 0.10 or later; this is 0.9.3',
    });
  });
});

describe('addresses and fetching', () => {
  it('https anywhere, http only on this computer, no credentials in the address', () => {
    expect(checkPackUrl('https://news.example/packs/a.json#x')).toEqual({
      url: 'https://news.example/packs/a.json',
      origin: 'https://news.example',
      pattern: 'https://news.example/*',
    });
    expect(checkPackUrl('http://127.0.0.1:8080/a.json')).toMatchObject({ pattern: 'http://127.0.0.1/*' });
    expect(checkPackUrl('http://news.example/a.json')).toHaveProperty('error');
    expect(checkPackUrl('https://me:secret@news.example/a.json')).toHaveProperty('error');
    expect(checkPackUrl('file:///etc/passwd')).toHaveProperty('error');
  });

  it('match patterns: which granted patterns already cover a pack origin', () => {
    expect(patternCovers('http://*/*', 'http://127.0.0.1:8080/a.json')).toBe(true);
    expect(patternCovers('https://*/*', 'http://127.0.0.1/a.json')).toBe(false);
    expect(patternCovers('*://*.example/*', 'https://news.example/a.json')).toBe(true);
    expect(patternCovers('https://*.example/*', 'https://evil-example.org/a.json')).toBe(false);
    expect(patternCovers('https://news.example/packs/*', 'https://news.example/a.json')).toBe(false);
  });

  it('fetches without credentials, referrer, cache or redirects', async () => {
    served.text = 'hello';
    expect(await fetchPackText(URL_, fakeFetch)).toBe('hello');
    expect(requests).toEqual([
      {
        url: URL_,
        init: expect.objectContaining({
          method: 'GET',
          credentials: 'omit',
          cache: 'no-store',
          redirect: 'error',
          referrerPolicy: 'no-referrer',
        }),
      },
    ]);
  });

  it('stops reading past the size limit and reports HTTP errors', async () => {
    served.text = 'x'.repeat(PACK_LIMITS.bytes + 10);
    await expect(fetchPackText(URL_, fakeFetch)).rejects.toThrow(/larger than 5 MB/);
    served.status = 404;
    await expect(fetchPackText(URL_, fakeFetch)).rejects.toThrow(`could not fetch ${URL_}: HTTP 404`);
  });
});

describe('subscribing and updating (storage)', () => {
  it('nothing is fetched or stored until the reader subscribes; the preview lists what changes and stores nothing', async () => {
    expect(requests).toEqual([]);
    served.text = await sign(body(1));
    const preview = await previewSubscription({ url: URL_, publicKeyPem: keys.publicPem, mode: 'add' }, deps);
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    expect(preview.preview.diff.added.map((e) => e.id)).toEqual(['harbor']);
    expect(preview.preview.diff.changed).toEqual([]);
    expect(await loadSheets()).toEqual([]);
    expect(await loadPacks()).toEqual([]);
    expect(await acceptSubscription(preview.preview, deps)).toEqual({ ok: true });
    const [sheet] = await loadSheets();
    expect(sheet).toMatchObject({
      name: 'Test pack',
      pack: { revision: 1 },
      entries: [expect.objectContaining({ id: 'harbor' })],
    });
    expect(await loadPacks()).toEqual([
      expect.objectContaining({
        url: URL_,
        highestRevision: 1,
        dailyCheck: false,
        keyFingerprint: expect.stringMatching(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/),
      }),
    ]);
  });

  it('a replace subscription previews against the bundled sheet', async () => {
    served.text = await sign(body(1, [entry('alpha', [{ text: 'Alpha Group' }], { summary: 'New summary.' })]));
    const preview = await previewSubscription({ url: URL_, publicKeyPem: keys.publicPem, mode: 'replace' }, deps);
    if (!preview.ok) throw new Error(preview.reason);
    expect(preview.preview.diff).toMatchObject({
      added: [],
      changed: [expect.objectContaining({ id: 'alpha' })],
      removed: [expect.objectContaining({ id: 'beta' })],
    });
  });

  it('a pack whose entries do not validate is refused with entry and field', async () => {
    served.text = await sign(body(1, [{ ...harbor(), kind: 'wizard' }]));
    const preview = await previewSubscription({ url: URL_, publicKeyPem: keys.publicPem, mode: 'add' }, deps);
    expect(preview).toMatchObject({
      ok: false,
      code: 'entries',
      problems: [expect.objectContaining({ file: URL_, entry: 'harbor', field: 'kind' })],
    });
  });

  it('an alias already claimed by the bundled sheet is refused', async () => {
    served.text = await sign(body(1, [entry('gamma', [{ text: 'alpha group' }])]));
    expect(await previewSubscription({ url: URL_, publicKeyPem: keys.publicPem, mode: 'add' }, deps)).toMatchObject({
      ok: false,
      code: 'entries',
      reason: expect.stringContaining('already claimed by entry "alpha"'),
    });
  });

  it('a newer revision signed with the pinned key is applied, and the previous one kept', async () => {
    const id = await subscribe(1);
    served.text = await sign(body(2, [harbor('Fact one, revised.'), entry('delta', [{ text: 'Delta Port' }])]));
    const outcome = await checkForUpdate(id, deps);
    expect(outcome).toMatchObject({
      outcome: 'updated',
      message: 'Updated to revision 2: 1 added, 1 changed, 0 removed.',
    });
    const [sheet] = await loadSheets();
    expect(sheet!.pack!.revision).toBe(2);
    expect(sheet!.entries.find((e) => e.id === 'harbor')!.facts[0]!.text).toBe('Fact one, revised.');
    const [sub] = await loadPacks();
    expect(sub).toMatchObject({
      highestRevision: 2,
      meta: { revision: 2 },
      previous: { meta: { revision: 1 } },
      lastCheck: { outcome: 'updated' },
    });
  });

  for (const [what, make, outcome, reason] of [
    [
      'a tampered revision',
      async () => JSON.stringify({ ...JSON.parse(await sign(body(3))), name: 'Evil' }),
      'refused',
      /signature does not match/,
    ],
    [
      'a revision signed with another key',
      async () => packToJson(await signPack(body(3), await importPrivateKey(otherKeys.privatePem))),
      'refused',
      /signature does not match/,
    ],
    ['a rollback to revision 1', () => sign(body(1)), 'refused', /revision 1 is older than the installed revision 2/],
    [
      'the same revision',
      () => sign(body(2, [harbor('Quietly different.')])),
      'current',
      /Up to date: revision 2 is installed/,
    ],
    ['bad JSON', async () => '{', 'refused', /not valid JSON/],
    ['an oversized file', async () => 'x'.repeat(PACK_LIMITS.bytes + 1), 'refused', /larger than 5 MB/],
    [
      'a future minAppVersion',
      () => sign(body(3, [harbor()], { minAppVersion: '99.0.0' })),
      'refused',
      /needs Contexto 99\.0\.0 or later; this is 0\.1\.0/,
    ],
    [
      'an entry that does not validate',
      () => sign(body(3, [{ ...harbor(), facts: [] }])),
      'refused',
      /entry "harbor", field "facts"/,
    ],
  ] as const) {
    it(`${what} is refused with a clear message and storage unchanged`, async () => {
      const id = await subscribe(1);
      served.text = await sign(body(2));
      expect((await checkForUpdate(id, deps)).outcome).toBe('updated');
      const before = await snapshot();
      served.text = await make();
      const result = await checkForUpdate(id, deps);
      // An oversized body fails while fetching; it changes nothing either.
      expect(result.outcome === 'failed' ? 'refused' : result.outcome).toBe(outcome);
      expect(result.message).toMatch(reason);
      expect(await snapshot()).toBe(before);
      expect((await loadPacks())[0]!.lastCheck!.message).toBe(result.message);
    });
  }

  it('the daily check is off by default; roll back by hand swaps with the kept revision, and the server cannot re-apply a seen one', async () => {
    const id = await subscribe(1);
    expect((await loadPacks())[0]!.dailyCheck).toBe(false);
    served.text = await sign(body(2, [harbor('Second.')]));
    await checkForUpdate(id, deps);
    expect(await rollBack(id, deps)).toMatchObject({ ok: true });
    expect((await loadSheets())[0]!.entries[0]!.facts[0]!.text).toBe('Fact one.');
    expect((await loadPacks())[0]).toMatchObject({
      meta: { revision: 1 },
      highestRevision: 2,
      previous: { meta: { revision: 2 } },
    });
    expect((await checkForUpdate(id, deps)).outcome).toBe('current');
    expect((await loadSheets())[0]!.pack!.revision).toBe(1);
  });

  it('unsubscribing removes the entries and the subscription together', async () => {
    const id = await subscribe(1);
    await unsubscribe(id);
    expect(await loadSheets()).toEqual([]);
    expect(await loadPacks()).toEqual([]);
  });
});

describe('diffEntries', () => {
  it('by id: added, changed (any field), removed', () => {
    const a = entry('a', [{ text: 'A' }]);
    const b = entry('b', [{ text: 'B' }]);
    const c = entry('c', [{ text: 'C' }]);
    const d = diffEntries([a, b], [{ ...b, summary: 'new' }, c]);
    expect([d.added, d.changed, d.removed].map((l) => l.map((e) => e.id))).toEqual([['c'], ['b'], ['a']]);
  });
});

describe('contexto pack keygen | build | verify', async () => {
  const { mkdtempSync, writeFileSync, readFileSync, mkdirSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { packMain } = await import('../../src/cli/pack');
  const run = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await packMain(args, { stdout: (l) => out.push(l), stderr: (l) => err.push(l), readStdin: () => '' });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  const dir = mkdtempSync(join(tmpdir(), 'contexto-pack-'));
  const terms = join(dir, 'terms');
  mkdirSync(terms);
  writeFileSync(join(terms, 'harbor.json'), JSON.stringify(harbor()));
  const key = join(dir, 'desk');
  const out = join(dir, 'pack.json');

  it('keygen writes a PKCS#8 private key and an SPKI public key, and will not overwrite them', async () => {
    expect((await run('keygen', key)).code).toBe(0);
    expect(readFileSync(`${key}.key`, 'utf8')).toContain('BEGIN PRIVATE KEY');
    expect(readFileSync(`${key}.pub`, 'utf8')).toContain('BEGIN PUBLIC KEY');
    expect(await run('keygen', key)).toMatchObject({ code: 1, err: expect.stringContaining('already exists') });
  });

  it('build signs a validated folder; the revision goes up by one each time; verify accepts it', async () => {
    const first = await run(
      'build',
      '--key',
      `${key}.key`,
      '--out',
      out,
      '--publisher',
      'Test Desk',
      '--published-at',
      '2026-11-20T09:00:00Z',
      terms,
    );
    expect(first).toMatchObject({ code: 0, err: expect.stringContaining('unknown id "alpha"') });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({
      format: PACK_FORMAT,
      name: 'terms',
      publisher: 'Test Desk',
      revision: 1,
      minAppVersion: '0.1.0',
    });
    expect((await run('build', '--key', `${key}.key`, '--out', out, terms)).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ revision: 2, publisher: 'Test Desk' });
    expect(await run('verify', '--pubkey', `${key}.pub`, out)).toMatchObject({
      code: 0,
      out: expect.stringContaining('valid pack "terms" by Test Desk, revision 2'),
    });
    // The extension accepts what the CLI writes.
    expect(
      await checkPackEnvelope(out, readFileSync(out, 'utf8'), {
        publicKeyPem: readFileSync(`${key}.pub`, 'utf8'),
        appVersion: '0.1.0',
      }),
    ).toMatchObject({ ok: true });
  });

  it('verify refuses a tampered pack and the wrong key with a one-line reason (exit 1)', async () => {
    const tampered = join(dir, 'tampered.json');
    writeFileSync(tampered, readFileSync(out, 'utf8').replace('Fact two.', 'Fact 2.'));
    const bad = await run('verify', '--pubkey', `${key}.pub`, tampered);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^[^\n]*the signature does not match[^\n]*$/);
    writeFileSync(join(dir, 'other.pub'), otherKeys.publicPem);
    expect((await run('verify', '--pubkey', join(dir, 'other.pub'), out)).code).toBe(1);
    expect(await run('verify', '--pubkey', `${key}.pub`, join(dir, 'missing.json'))).toMatchObject({
      code: 1,
      err: expect.stringContaining('no such file'),
    });
  });

  it('build refuses a folder with invalid entries, naming file, entry and field, and writes nothing', async () => {
    const badDir = join(dir, 'bad');
    mkdirSync(badDir);
    writeFileSync(join(badDir, 'x.json'), JSON.stringify({ ...harbor(), kind: 'wizard' }));
    const before = readFileSync(out, 'utf8');
    const result = await run('build', '--key', `${key}.key`, '--out', out, badDir);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/x\.json: entry "harbor", field "kind"/);
    expect(readFileSync(out, 'utf8')).toBe(before);
  });

  it('usage errors exit 2', async () => {
    expect((await run('build', '--out', out)).code).toBe(2);
    expect((await run('build', '--key', 'k', '--out', out, '--revision', 'two')).code).toBe(2);
    expect((await run('sign')).code).toBe(2);
    expect((await run('verify', '--nope')).code).toBe(2);
  });
});

describe('docs/pack.schema.json and the code agree', async () => {
  const { readFileSync } = await import('node:fs');
  const schema = JSON.parse(readFileSync(new URL('../../docs/pack.schema.json', import.meta.url), 'utf8'));
  it('fields, constants and limits', () => {
    expect(schema.properties.format.const).toBe(PACK_FORMAT);
    expect(schema.properties.signature.properties.alg.const).toBe('ECDSA-P256-SHA256');
    expect(schema.properties.name.maxLength).toBe(PACK_LIMITS.name);
    expect(schema.properties.publisher.maxLength).toBe(PACK_LIMITS.publisher);
    expect(schema.properties.changelog.maxLength).toBe(PACK_LIMITS.changelog);
    expect(schema.properties.entries.maxItems).toBe(PACK_LIMITS.entries);
    // Every schema field is known to the code, every required one is reported missing by it.
    const missing = checkPackShape('p.json', {})
      .problems.filter((p) => p.message.startsWith('missing'))
      .map((p) => p.field);
    expect(missing.sort()).toEqual([...schema.required].sort());
    const known = Object.keys(schema.properties);
    expect(
      checkPackShape('p.json', Object.fromEntries(known.map((k) => [k, null]))).problems.filter(
        (p) => p.message === 'unknown field',
      ),
    ).toEqual([]);
  });
});
