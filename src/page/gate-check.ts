import { type GateIndex, gatedMatcher, gateIndexOf, type Matcher, type TextStream } from '../matcher';
import { gateStreams } from '../matcher/gate-stream';
import { ACTIVE_GATE_KEY, activeGateOf } from '../sheets/active-gate';
import { iterateBlocks, lastBlockStart } from './scan';

/**
 * What the loader (./loader.ts) asks before the full content script: the active sheet's gate
 * words, and whether a frame's text opens them. Exact: a block the gate keeps shut holds no
 * mention (src/matcher `gatedMatcher`).
 */

/** Chrome's storage, callback style (Firefox's `chrome` too; its `browser` returns promises instead). */
declare const chrome: {
  storage: { local: { get(key: string, cb: (items: Record<string, unknown>) => void): void } };
};

/**
 * This build's bundled sheet: its stamp and gate words, indexed at build time (the words
 * themselves stay out of the loader: the index is all it reads).
 */
export interface BundledGate {
  stamp: string;
  gate: GateIndex | null;
}

/** The active sheet's gate words (null: every text opens, as the full script then compiles at once). */
export function readGate(bundled: BundledGate): Promise<readonly string[] | GateIndex | null> {
  return new Promise((resolve) => {
    try {
      chrome.storage.local.get(ACTIVE_GATE_KEY, (items) => resolve(activeGateOf(items?.[ACTIVE_GATE_KEY], bundled)));
    } catch {
      // No storage: the full script finds out.
      resolve(null);
    }
  });
}

/** Whether the text under `root` (from the block starting at `from` on, when given) opens a gate. */
export type GateTest = (root: Element, from?: Text | null) => boolean;

/**
 * Looks at a page as it parses, each time at what is new: from the block the last look ended in (the
 * parser may have added to it) to the end of what is parsed. A parser appends only at the end, so
 * what the looks together read is the whole parsed text, each part about once (looking at the
 * containers of each batch of mutation records instead read big wrappers and their nested
 * containers again with every batch). What changes elsewhere meanwhile (a script's insertion) is
 * left to the look at DOMContentLoaded.
 */
export function parsedLooks(doc: Document): (opens: GateTest) => boolean {
  let frontier: Text | null = null;
  return (opens) => {
    const body = doc.body;
    if (!body) return false;
    if (opens(body, frontier?.isConnected && body.contains(frontier) ? frontier : null)) return true;
    frontier = lastBlockStart(body);
    return false;
  };
}

/** A matcher that never finds anything: what the gate "compiles" to here, where opening is all we need to know. */
const NOTHING: Matcher = {
  find: () => ({ mentions: [], contextIds: [], shadowed: [] }),
  findMentions: () => [],
  patternCount: 0,
  prepare() {},
  textStream: () => null,
};

/**
 * Tells whether texts open `keys`' gate (null keys: every text does). The text nodes go through the
 * gate words' stream (src/matcher/gate-stream.ts): a block is built, and tested, only where a gate
 * word may end; the first block that opens ends the look. With `from`, only the blocks from there on
 * (`iterateBlocks`).
 */
export function gateTester(keys: readonly string[] | GateIndex | null): GateTest {
  if (!keys) return () => true;
  let open = false;
  // Made on the first look: a frame never looked at needs no index or trie.
  let look: { matcher: Matcher; stream: { textStream: () => TextStream } } | null = null;
  return (root, from) => {
    if (!look) {
      const index = Array.isArray(keys) ? gateIndexOf(keys as readonly string[]) : (keys as GateIndex);
      const matcher = gatedMatcher(index, () => {
        open = true;
        return NOTHING;
      });
      look = { matcher, stream: { textStream: gateStreams(index) } };
    }
    for (const block of iterateBlocks(root, look.stream, from)) {
      look.matcher.find(block.text);
      if (open) return true;
    }
    return false;
  };
}
