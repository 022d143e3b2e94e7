/**
 * V8 CPU profiles (CDP `Profiler`, 100 µs sampling) of a page with the extension: which samples
 * have the content script on their stack, how long our longest uninterrupted stretch is, and
 * where our time goes (--verbose).
 */
import type { CDPSession } from 'playwright-core';

interface ProfileNode {
  id: number;
  callFrame: { url: string; functionName?: string; lineNumber?: number };
  children?: number[];
}
export interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The loader every frame runs (content-scripts/) and the full content script it imports (content-main.js). */
const CONTENT_SCRIPT_URL = /^chrome-extension:\/\/[^/]+\/(content-scripts\/|content-main\.js)/;

/** The profile's call tree: node by id, and a memoised "does this node or an ancestor satisfy `test`". */
function tree(profile: Profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const onStack = (test: (n: ProfileNode) => boolean) => {
    const memo = new Map<number, boolean>();
    const has = (id: number | undefined): boolean => {
      if (id === undefined) return false;
      const known = memo.get(id);
      if (known !== undefined) return known;
      const v = test(byId.get(id)!) || has(parent.get(id));
      memo.set(id, v);
      return v;
    };
    return has;
  };
  return { byId, parent, onStack };
}

/** Per sample: is the content script on the stack? And each sample's duration (µs). */
function contentScriptSamples(profile: Profile): { ours: boolean[]; dt: number[] } {
  const isOurs = tree(profile).onStack((n) => CONTENT_SCRIPT_URL.test(n.callFrame.url));
  // timeDeltas[i] is the time since the previous sample: the duration of sample i-1.
  return { ours: profile.samples.map(isOurs), dt: profile.samples.map((_, i) => profile.timeDeltas[i + 1] ?? 0) };
}

/** The longest uninterrupted stretch of content-script samples (ms). */
export function longestRun(profile: Profile): number {
  const { ours, dt } = contentScriptSamples(profile);
  let best = 0;
  let run = 0;
  for (let i = 0; i < ours.length; i++) {
    if (ours[i]) run += dt[i]!;
    else {
      // A single non-ours sample inside our run (e.g. GC, a native call) does not end the task.
      if (run > 0 && ours[i + 1]) {
        run += dt[i]!;
        continue;
      }
      best = Math.max(best, run);
      run = 0;
    }
  }
  return Math.max(best, run) / 1000;
}

const withFunction = (profile: Profile, fn: string) => tree(profile).onStack((n) => n.callFrame.functionName === fn);

/** CPU ms of content-script samples; with `without`, not counting samples with that function on the stack. */
export function ourCpuMs(profile: Profile, without?: string): number {
  const { ours, dt } = contentScriptSamples(profile);
  const skip = without ? withFunction(profile, without) : () => false;
  return ours.reduce((sum, o, i) => (o && !skip(profile.samples[i]!) ? sum + dt[i]! : sum), 0) / 1000;
}

/** Where our samples were spent: self time (ms) per leaf function and its two callers, largest first. */
export function ourSelfTimes(profile: Profile, top = 12): [string, number][] {
  const { ours, dt } = contentScriptSamples(profile);
  const { byId, parent } = tree(profile);
  const label = (id: number) => {
    const f = byId.get(id)!.callFrame;
    return `${f.functionName || '(anonymous)'}${f.url ? `@${f.url.split('/').pop()}:${f.lineNumber}` : ''}`;
  };
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    if (!ours[i]) return;
    const p1 = parent.get(id);
    const p2 = p1 !== undefined ? parent.get(p1) : undefined;
    const name = [id, p1, p2]
      .filter((x): x is number => x !== undefined)
      .map(label)
      .join(' < ');
    self.set(name, (self.get(name) ?? 0) + dt[i]! / 1000);
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, v]) => [k, +v.toFixed(2)]);
}

/** Stretches of consecutive samples with `fn` on the stack: how many, and their total ms. */
export function stretchesOf(profile: Profile, fn: string): { count: number; ms: number } {
  const has = withFunction(profile, fn);
  const { dt } = contentScriptSamples(profile);
  let count = 0;
  let ms = 0;
  let inside = false;
  profile.samples.forEach((id, i) => {
    const h = has(id);
    if (h && !inside) count++;
    if (h) ms += dt[i]! / 1000;
    inside = h;
  });
  return { count, ms: +ms.toFixed(2) };
}

export async function startProfiler(cdp: CDPSession): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
}

export const stopProfiler = async (cdp: CDPSession): Promise<Profile> =>
  ((await cdp.send('Profiler.stop')) as { profile: Profile }).profile;
