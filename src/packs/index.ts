import { browser } from 'wxt/browser';
import type { Entry } from '../factsheet/types';
import { activeEntriesOf, problemsOfCombination, type ImportedSheet, type SheetMode } from '../sheets/model';
import { storeSheets } from '../sheets';
import { loadSheets } from '../sheets/store';
import {
  checkPackEnvelope,
  diffEntries,
  packSheet,
  refuse,
  summarizeProblems,
  type EntryDiff,
  type Refusal,
} from './check';
import { keyFingerprint, importPublicKey, PACK_LIMITS } from './format';
import { loadPacks, packsItem, type PackCheckRecord, type PackSubscription } from './store';

export * from './store';
export type { EntryDiff, Refusal } from './check';

/**
 * Subscribing to packs, checking for updates, rolling back and unsubscribing. Used by the
 * options page (every action the reader takes) and the background (the daily check).
 * Nothing here runs unless the reader subscribed; the only requests are GETs of a
 * subscribed pack's URL, without cookies or credentials.
 */

export interface PackDeps {
  fetch?: typeof fetch;
  now?: () => Date;
  /** This Contexto's version (default: the manifest's). */
  appVersion?: string;
  /** The bundled entries (`bundledSheetEntries()`; passed in so this module does not pull in the build's sheet). */
  bundled: readonly Entry[];
}

function resolve(deps: PackDeps) {
  return {
    fetch: deps.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init)),
    now: deps.now ?? (() => new Date()),
    appVersion: deps.appVersion ?? browser.runtime.getManifest().version,
    bundled: deps.bundled,
  };
}

/** Where a pack may come from: https, or http on this computer (127.0.0.1, localhost) for testing a pack before publishing it. */
export function checkPackUrl(text: string): { url: string; origin: string; pattern: string } | { error: string } {
  let u: URL;
  try {
    u = new URL(text.trim());
  } catch {
    return { error: `"${text.trim()}" is not a web address` };
  }
  const loopback = u.hostname === '127.0.0.1' || u.hostname === 'localhost';
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback))
    return { error: 'a pack address must start with https:// (http:// only for 127.0.0.1 or localhost)' };
  if (u.username || u.password) return { error: 'a pack address cannot hold a user name or password' };
  u.hash = '';
  return { url: u.href, origin: u.origin, pattern: `${u.protocol}//${u.hostname}/*` };
}

/** The host permission a subscription needs: that one origin (any port), nothing else. */
export function permissionFor(url: string): { origins: string[] } {
  const checked = checkPackUrl(url);
  if ('error' in checked) throw new Error(checked.error);
  return { origins: [checked.pattern] };
}

/** Whether a match pattern (`scheme://host/path`, path `/*`) covers every URL of `url`'s origin. */
export function patternCovers(pattern: string, url: string): boolean {
  if (pattern === '<all_urls>') return true;
  const m = /^(\*|https?):\/\/(\*|\*\.[^/]+|[^/*]+)\/\*$/.exec(pattern);
  if (!m) return false;
  const u = new URL(url);
  const scheme = u.protocol.slice(0, -1);
  if (m[1] !== '*' && m[1] !== scheme) return false;
  const host = m[2]!;
  return (
    host === '*' ||
    host === u.hostname ||
    (host.startsWith('*.') && (u.hostname === host.slice(2) || u.hostname.endsWith(host.slice(1))))
  );
}

/**
 * GETs a pack: no cookies or credentials, no referrer, no cache, no redirects (a redirect
 * could lead to another origin), at most `PACK_LIMITS.bytes`. Throws a one-line error.
 */
export async function fetchPackText(
  url: string,
  fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis),
): Promise<string> {
  let res: Response;
  try {
    res = await fetchImpl(url, {
      method: 'GET',
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
      referrerPolicy: 'no-referrer',
      signal: AbortSignal.timeout(30_000),
    });
  } catch (e) {
    throw new Error(`could not fetch ${url}: ${(e as Error).message || 'network error'}`);
  }
  if (!res.ok) throw new Error(`could not fetch ${url}: HTTP ${res.status}`);
  const declared = Number(res.headers.get('content-length') ?? NaN);
  const tooBig = () => new Error(`${url}: the pack is larger than ${PACK_LIMITS.bytes / 1048576} MB, the limit`);
  if (declared > PACK_LIMITS.bytes) throw tooBig();
  if (!res.body) return res.text();
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > PACK_LIMITS.bytes) {
      await reader.cancel().catch(() => {});
      throw tooBig();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

export interface SubscriptionPreview {
  subscription: PackSubscription;
  sheet: ImportedSheet;
  /** What the active entries would gain, change and lose. */
  diff: EntryDiff;
}

/** Fetches, verifies and validates a pack for a new subscription; changes nothing. */
export async function previewSubscription(
  req: { url: string; publicKeyPem: string; mode: SheetMode },
  deps: PackDeps,
): Promise<{ ok: true; preview: SubscriptionPreview } | Refusal> {
  const d = resolve(deps);
  const checked = checkPackUrl(req.url);
  if ('error' in checked) return refuse('subscription', checked.error);
  let fingerprint: string;
  try {
    await importPublicKey(req.publicKeyPem);
    fingerprint = await keyFingerprint(req.publicKeyPem);
  } catch (e) {
    return refuse('key', `the publisher's key is unusable: ${(e as Error).message}`);
  }
  const [packs, sheets] = await Promise.all([loadPacks(), loadSheets()]);
  if (packs.some((p) => p.url === checked.url)) return refuse('subscription', `already subscribed to ${checked.url}`);
  let text: string;
  try {
    text = await fetchPackText(checked.url, d.fetch);
  } catch (e) {
    return refuse('fetch', (e as Error).message);
  }
  const envelope = await checkPackEnvelope(checked.url, text, {
    publicKeyPem: req.publicKeyPem,
    appVersion: d.appVersion,
  });
  if (!envelope.ok) return envelope;
  const id = newPackId();
  const now = d.now();
  const built = packSheet(checked.url, envelope.pack, envelope.meta, {
    bundled: d.bundled,
    sheets,
    id,
    mode: req.mode,
    now,
  });
  if (!built.ok) return built;
  const subscription: PackSubscription = {
    id,
    url: checked.url,
    publicKey: `${req.publicKeyPem.trim()}\n`,
    keyFingerprint: fingerprint,
    meta: envelope.meta,
    highestRevision: envelope.meta.revision,
    mode: req.mode,
    dailyCheck: false,
    subscribedAt: now.toISOString(),
  };
  const diff = diffEntries(
    activeEntriesOf(d.bundled, sheets) as Entry[],
    activeEntriesOf(d.bundled, [...sheets, built.sheet]) as Entry[],
  );
  return { ok: true, preview: { subscription, sheet: built.sheet, diff } };
}

/** Stores a previewed subscription, unless the sheets changed meanwhile in a way that now collides. */
export async function acceptSubscription(
  preview: SubscriptionPreview,
  deps: PackDeps,
): Promise<{ ok: true } | Refusal> {
  const d = resolve(deps);
  const [packs, sheets] = await Promise.all([loadPacks(), loadSheets()]);
  if (packs.some((p) => p.url === preview.subscription.url))
    return refuse('subscription', `already subscribed to ${preview.subscription.url}`);
  const problems = problemsOfCombination(d.bundled, [...sheets, preview.sheet]);
  if (problems.length)
    return refuse('entries', `the sheets in use changed since the preview: ${summarizeProblems(problems)}`, problems);
  await save([...sheets, preview.sheet], [...packs, preview.subscription]);
  return { ok: true };
}

export type UpdateOutcome =
  | { outcome: 'updated'; message: string; diff: EntryDiff }
  | { outcome: 'current' | 'refused' | 'failed'; message: string; refusal?: Refusal };

/**
 * Checks one subscription for a newer revision and applies it only if it passes every rule;
 * otherwise nothing changes but the subscription's `lastCheck`, which says why.
 */
export async function checkForUpdate(id: string, deps: PackDeps): Promise<UpdateOutcome> {
  const d = resolve(deps);
  const [packs, sheets] = await Promise.all([loadPacks(), loadSheets()]);
  const sub = packs.find((p) => p.id === id);
  if (!sub) return { outcome: 'failed', message: 'no such subscription' };
  const record = async (check: Omit<PackCheckRecord, 'at'>) => {
    const latest = await loadPacks();
    await packsItem.setValue({
      packs: latest.map((p) => (p.id === id ? { ...p, lastCheck: { at: d.now().toISOString(), ...check } } : p)),
    });
  };
  let text: string;
  try {
    text = await fetchPackText(sub.url, d.fetch);
  } catch (e) {
    const message = (e as Error).message;
    await record({ outcome: 'failed', message });
    return { outcome: 'failed', message, refusal: refuse('fetch', message) };
  }
  const envelope = await checkPackEnvelope(sub.url, text, {
    publicKeyPem: sub.publicKey,
    installedRevision: sub.highestRevision,
    appVersion: d.appVersion,
  });
  if (!envelope.ok) {
    const outcome = envelope.code === 'same-revision' ? 'current' : 'refused';
    const message =
      outcome === 'current'
        ? `Up to date: revision ${sub.meta.revision} is installed.`
        : `Update refused, nothing changed: ${envelope.reason}`;
    await record({ outcome, message });
    return { outcome, message, refusal: envelope };
  }
  const installed = sheets.find((s) => s.id === id);
  const built = packSheet(sub.url, envelope.pack, envelope.meta, {
    bundled: d.bundled,
    sheets,
    id,
    mode: sub.mode,
    now: d.now(),
  });
  if (!built.ok) {
    const message = `Update refused, nothing changed: ${built.reason}`;
    await record({ outcome: 'refused', message });
    return { outcome: 'refused', message, refusal: built };
  }
  const sheet: ImportedSheet = { ...built.sheet, enabled: installed?.enabled ?? true };
  const nextSheets = installed ? sheets.map((s) => (s.id === id ? sheet : s)) : [...sheets, sheet];
  const diff = diffEntries(installed?.entries ?? [], sheet.entries);
  const message = `Updated to revision ${envelope.meta.revision}: ${diff.added.length} added, ${diff.changed.length} changed, ${diff.removed.length} removed.`;
  const next: PackSubscription = {
    ...sub,
    meta: envelope.meta,
    highestRevision: envelope.meta.revision,
    previous: installed ? { meta: sub.meta, entries: installed.entries } : sub.previous,
    lastCheck: { at: d.now().toISOString(), outcome: 'updated', message },
  };
  await save(
    nextSheets,
    packs.map((p) => (p.id === id ? next : p)),
  );
  return { outcome: 'updated', message, diff };
}

/** Swaps the installed revision with the kept previous one (by hand only; checking again can go forward to a newer revision, never to one already seen). */
export async function rollBack(id: string, deps: PackDeps): Promise<{ ok: true; message: string } | Refusal> {
  const d = resolve(deps);
  const [packs, sheets] = await Promise.all([loadPacks(), loadSheets()]);
  const sub = packs.find((p) => p.id === id);
  const installed = sheets.find((s) => s.id === id);
  if (!sub || !installed || !sub.previous) return refuse('subscription', 'there is no previous revision to go back to');
  const sheet: ImportedSheet = {
    ...installed,
    entries: sub.previous.entries,
    name: sub.previous.meta.name,
    pack: { revision: sub.previous.meta.revision, publishedAt: sub.previous.meta.publishedAt },
  };
  const nextSheets = sheets.map((s) => (s.id === id ? sheet : s));
  const problems = problemsOfCombination(d.bundled, nextSheets);
  if (problems.length) return refuse('entries', `cannot go back: ${summarizeProblems(problems)}`, problems);
  const message = `Back to revision ${sub.previous.meta.revision} (revision ${sub.meta.revision} is kept: you can switch back).`;
  const next: PackSubscription = {
    ...sub,
    meta: sub.previous.meta,
    previous: { meta: sub.meta, entries: installed.entries },
    lastCheck: { at: d.now().toISOString(), outcome: 'rolled-back', message },
  };
  await save(
    nextSheets,
    packs.map((p) => (p.id === id ? next : p)),
  );
  return { ok: true, message };
}

/** Removes the subscription and its entries (open tabs follow), then gives back the origin's permission if no other pack uses it. */
export async function unsubscribe(id: string): Promise<void> {
  const [packs, sheets] = await Promise.all([loadPacks(), loadSheets()]);
  const sub = packs.find((p) => p.id === id);
  const rest = packs.filter((p) => p.id !== id);
  await save(
    sheets.filter((s) => s.id !== id),
    rest,
  );
  if (!sub) return;
  const { origins } = permissionFor(sub.url);
  if (rest.some((p) => permissionFor(p.url).origins[0] === origins[0])) return;
  try {
    await browser.permissions.remove({ origins });
  } catch {
    // The browser may refuse to drop an origin its content scripts also match; nothing is fetched from it anyway.
  }
}

export async function setDailyCheck(id: string, on: boolean): Promise<void> {
  const packs = await loadPacks();
  await packsItem.setValue({ packs: packs.map((p) => (p.id === id ? { ...p, dailyCheck: on } : p)) });
}

/** The installed revision's sheet of each subscription, by id (for the options page). */
export async function packSheets(): Promise<Map<string, ImportedSheet>> {
  return new Map((await loadSheets()).filter((s) => s.pack).map((s) => [s.id, s]));
}

/** Sheets, active sheet and subscriptions in one `storage.local.set`: a reader never sees a subscription without its entries. */
async function save(sheets: ImportedSheet[], packs: PackSubscription[]): Promise<void> {
  await storeSheets(sheets, [{ item: packsItem, value: { packs } }]);
}

function newPackId(): string {
  const random = crypto.getRandomValues(new Uint32Array(2));
  return `pack-${Date.now().toString(36)}-${random[0]!.toString(36)}${random[1]!.toString(36)}`;
}
