declare module 'virtual:contexto-factsheet' {
  const entries: import('./types').Entry[];
  /** Names this build's sheet (a hash of its entries). */
  export const stamp: string;
  export default entries;
}

declare module 'virtual:contexto-factsheet/match' {
  const entries: import('./types').MatchEntry[];
  /** The same stamp as `virtual:contexto-factsheet`'s. */
  export const stamp: string;
  /** `gateIndexOf(gateWords(entries))`, computed at build time (null when some pattern has no word). */
  export const gateIndex: import('../matcher').GateIndex | null;
  /** `patternTableOf(entries)`, computed at build time: what compiling the automaton folds. */
  export const patterns: import('../matcher').PatternTable;
  export default entries;
}

declare module 'virtual:contexto-factsheet/gate' {
  /** The same stamp as `virtual:contexto-factsheet`'s. */
  export const stamp: string;
  /** `gateWords` of the bundled match data, computed at build time. */
  export const gate: string[] | null;
  /** `gateIndexOf(gate)`, computed at build time (null with `gate`). */
  export const gateIndex: import('../matcher').GateIndex | null;
}

declare module 'virtual:contexto-highlights.css';
