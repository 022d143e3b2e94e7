import { makeProblem, type ParamsArg, type Problem, type ProblemCode } from '../factsheet/problems';

/**
 * The pack format (docs/packs.md, docs/pack.schema.json): one JSON file holding a fact
 * sheet's entries, who published it, which revision it is, and an ECDSA P-256 / SHA-256
 * signature over the canonical bytes of everything else. Pure code plus Web Crypto
 * (`crypto.subtle`), the same in Node (CLI, tests) and in the extension.
 */

export const PACK_FORMAT = 'contexto-pack/1';
export const SIGNATURE_ALGORITHM = 'ECDSA-P256-SHA256';

/** Refusals that happen before any entry is looked at. The validator's own limits apply on top. */
export const PACK_LIMITS = {
  /** Largest pack file, in bytes (the same as an imported sheet). */
  bytes: 5 * 1024 * 1024,
  /** Most entries in one pack. */
  entries: 5000,
  name: 100,
  publisher: 100,
  changelog: 2000,
} as const;

export interface PackSignature {
  alg: typeof SIGNATURE_ALGORITHM;
  /** base64 of the 64-byte IEEE P1363 signature (r ‖ s), what Web Crypto produces. */
  value: string;
}

/** The signed part of a pack. */
export interface PackBody {
  format: typeof PACK_FORMAT;
  name: string;
  publisher: string;
  revision: number;
  /** ISO 8601 date-time in UTC, e.g. 2026-11-20T09:00:00Z */
  publishedAt: string;
  /** Lowest Contexto version that can read this pack (dotted numbers, e.g. "0.1.0"). */
  minAppVersion: string;
  changelog?: string;
  entries: unknown[];
}

export interface Pack extends PackBody {
  signature: PackSignature;
}

/** A pack's fields other than its entries: what the options page and the update rules look at. */
export type PackMeta = Omit<PackBody, 'entries' | 'format'>;

const TOP_FIELDS = new Set([
  'format',
  'name',
  'publisher',
  'revision',
  'publishedAt',
  'minAppVersion',
  'changelog',
  'entries',
  'signature',
]);
const DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,3})?Z$/;
const VERSION = /^\d{1,5}(\.\d{1,5}){0,3}$/;

/**
 * The canonical bytes of a JSON value (what is signed): object keys sorted by UTF-16 code
 * units at every level, no whitespace, strings and numbers written as `JSON.stringify`
 * writes them, UTF-8. For the values a pack holds (text, integers, booleans, lists,
 * objects) this is RFC 8785 (JCS).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('canonical JSON: numbers must be finite');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  throw new Error(`canonical JSON: cannot encode a ${typeof value}`);
}

/** The bytes a pack's signature covers: the canonical JSON of the pack without `signature`. */
export function signedBytes(pack: PackBody | Pack): Uint8Array<ArrayBuffer> {
  const { signature: _signature, ...body } = pack as Pack;
  return new TextEncoder().encode(canonicalJson(body));
}

// ---- keys (PEM, Web Crypto) -------------------------------------------------------------

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('Web Crypto (crypto.subtle) is not available');
  return s;
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) throw new Error('not base64');
  const bin = atob(clean);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function toPem(label: 'PUBLIC KEY' | 'PRIVATE KEY', der: ArrayBuffer): string {
  const b64 = toBase64(new Uint8Array(der));
  return `-----BEGIN ${label}-----\n${b64.replace(/.{1,64}/g, '$&\n')}-----END ${label}-----\n`;
}

/** The DER bytes inside a PEM block with this label; throws a readable error otherwise. */
export function fromPem(label: 'PUBLIC KEY' | 'PRIVATE KEY', pem: string): Uint8Array<ArrayBuffer> {
  const m = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`).exec(pem);
  if (!m) throw new Error(`not a PEM ${label.toLowerCase()} (expected a "-----BEGIN ${label}-----" block)`);
  try {
    return fromBase64(m[1]!);
  } catch {
    throw new Error(`the PEM ${label.toLowerCase()} is not valid base64`);
  }
}

export async function generateKeyPair(): Promise<{ privatePem: string; publicPem: string }> {
  const pair = (await subtle().generateKey(ECDSA, true, ['sign', 'verify'])) as CryptoKeyPair;
  return {
    privatePem: toPem('PRIVATE KEY', await subtle().exportKey('pkcs8', pair.privateKey)),
    publicPem: toPem('PUBLIC KEY', await subtle().exportKey('spki', pair.publicKey)),
  };
}

/** Imports a PKCS#8 PEM private key; throws "not an ECDSA P-256 private key" for anything else. */
export const importPrivateKey = (pem: string): Promise<CryptoKey> => importPem('PRIVATE KEY', pem);

/** Imports an SPKI PEM public key; throws "not an ECDSA P-256 public key" for anything else. */
export const importPublicKey = (pem: string): Promise<CryptoKey> => importPem('PUBLIC KEY', pem);

async function importPem(label: 'PRIVATE KEY' | 'PUBLIC KEY', pem: string): Promise<CryptoKey> {
  const der = fromPem(label, pem);
  const isPrivate = label === 'PRIVATE KEY';
  try {
    return await subtle().importKey(isPrivate ? 'pkcs8' : 'spki', der, ECDSA, !isPrivate, [
      isPrivate ? 'sign' : 'verify',
    ]);
  } catch {
    throw new Error(`not an ECDSA P-256 ${isPrivate ? 'private key (PKCS#8)' : 'public key (SPKI)'}`);
  }
}

/** A short, stable name for a public key: the first 16 bytes of SHA-256 over its SPKI DER, in hex pairs. */
export async function keyFingerprint(pem: string): Promise<string> {
  const digest = new Uint8Array(await subtle().digest('SHA-256', fromPem('PUBLIC KEY', pem)));
  return [...digest.subarray(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join(':');
}

export async function signPack(body: PackBody, privateKey: CryptoKey): Promise<Pack> {
  const sig = await subtle().sign(SIGN, privateKey, signedBytes(body));
  return { ...body, signature: { alg: SIGNATURE_ALGORITHM, value: toBase64(new Uint8Array(sig)) } };
}

/** True when the signature verifies against the key over the pack's canonical bytes. */
export async function verifyPackSignature(pack: Pack, publicKey: CryptoKey): Promise<boolean> {
  let sig: Uint8Array<ArrayBuffer>;
  try {
    sig = fromBase64(pack.signature.value);
  } catch {
    return false;
  }
  if (sig.length !== 64) return false;
  return subtle().verify(SIGN, publicKey, sig, signedBytes(pack));
}

/** The pack file's text: pretty-printed JSON (whitespace is not part of what is signed). */
export function packToJson(pack: Pack): string {
  return `${JSON.stringify(pack, null, 2)}\n`;
}

// ---- the envelope ----------------------------------------------------------------------

/** "1.2" < "1.10"; missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return Math.sign(d);
  }
  return 0;
}

export interface ParsedPack {
  pack?: Pack;
  problems: Problem[];
}

/**
 * Reads a pack file's text: size, JSON, and every field but the entries (those go
 * through `validateFactSheet`). Problems name the file and the field.
 */
export function parsePackText(file: string, text: string): ParsedPack {
  const bytes = new TextEncoder().encode(text).length;
  const problem = <C extends ProblemCode>(field: string, code: C, ...params: ParamsArg<C>): Problem =>
    makeProblem({ file, entry: '(pack)', field }, code, ...params);
  if (bytes > PACK_LIMITS.bytes) {
    return {
      problems: [
        problem('(size)', 'pack-too-big', {
          megabytes: (bytes / 1048576).toFixed(1),
          limit: PACK_LIMITS.bytes / 1048576,
        }),
      ],
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(text) as unknown;
  } catch (e) {
    return { problems: [problem('(json)', 'invalid-json', { error: (e as Error).message })] };
  }
  return checkPackShape(file, data);
}

/** Checks the fields of a parsed pack (everything except the entries themselves). */
export function checkPackShape(file: string, data: unknown): ParsedPack {
  const problems: Problem[] = [];
  const report = <C extends ProblemCode>(field: string, code: C, ...params: ParamsArg<C>) =>
    problems.push(makeProblem({ file, entry: '(pack)', field }, code, ...params));
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    report('(pack)', 'pack-not-object');
    return { problems };
  }
  const d = data as Record<string, unknown>;
  for (const key of Object.keys(d)) if (!TOP_FIELDS.has(key)) report(key, 'unknown-field');
  if (d.format === undefined) report('format', 'pack-format-missing', { format: PACK_FORMAT });
  else if (d.format !== PACK_FORMAT) report('format', 'must-be-value', { value: PACK_FORMAT });
  const textField = (key: 'name' | 'publisher' | 'changelog', max: number, required: boolean) => {
    const v = d[key];
    if (v === undefined) {
      if (required) report(key, 'missing');
    } else if (typeof v !== 'string' || !v.trim()) report(key, 'list-item-empty');
    else if (v.length > max) report(key, 'too-long', { length: v.length, limit: max });
  };
  textField('name', PACK_LIMITS.name, true);
  textField('publisher', PACK_LIMITS.publisher, true);
  textField('changelog', PACK_LIMITS.changelog, false);
  if (d.revision === undefined) report('revision', 'missing');
  else if (typeof d.revision !== 'number' || !Number.isSafeInteger(d.revision) || d.revision < 1)
    report('revision', 'not-positive-integer');
  if (d.publishedAt === undefined) report('publishedAt', 'missing');
  else if (
    typeof d.publishedAt !== 'string' ||
    !DATE_TIME.test(d.publishedAt) ||
    Number.isNaN(Date.parse(d.publishedAt))
  )
    report('publishedAt', 'date-time-format', { example: '2026-11-20T09:00:00Z' });
  if (d.minAppVersion === undefined) report('minAppVersion', 'missing');
  else if (typeof d.minAppVersion !== 'string' || !VERSION.test(d.minAppVersion))
    report('minAppVersion', 'version-format', { example: '0.1.0' });
  if (d.entries === undefined) report('entries', 'missing');
  else if (!Array.isArray(d.entries)) report('entries', 'not-entry-list');
  else if (d.entries.length === 0) report('entries', 'pack-no-entries');
  else if (d.entries.length > PACK_LIMITS.entries)
    report('entries', 'too-many-entries', { count: d.entries.length, limit: PACK_LIMITS.entries });
  const sig = d.signature;
  if (sig === undefined) report('signature', 'signature-missing');
  else if (typeof sig !== 'object' || sig === null || Array.isArray(sig)) report('signature', 'signature-not-object');
  else {
    const s = sig as Record<string, unknown>;
    for (const key of Object.keys(s)) if (key !== 'alg' && key !== 'value') report(`signature.${key}`, 'unknown-field');
    if (s.alg !== SIGNATURE_ALGORITHM) report('signature.alg', 'must-be-value', { value: SIGNATURE_ALGORITHM });
    if (typeof s.value !== 'string' || !s.value) report('signature.value', 'not-base64');
  }
  return problems.length ? { problems } : { pack: d as unknown as Pack, problems };
}

export function metaOf(pack: PackBody): PackMeta {
  const meta: PackMeta = {
    name: pack.name.trim(),
    publisher: pack.publisher.trim(),
    revision: pack.revision,
    publishedAt: pack.publishedAt,
    minAppVersion: pack.minAppVersion,
  };
  if (pack.changelog?.trim()) meta.changelog = pack.changelog.trim();
  return meta;
}
