import type { Kind } from '../factsheet/types';

/** One colour per kind, shared by the highlights (highlights.css) and the card's kind label. */
export const KIND_COLORS: Readonly<Record<Kind, string>> = {
  person: '#d9480f',
  policy: '#1971c2',
  'criminal-group': '#c92a2a',
  agency: '#7048e8',
  place: '#2b8a3e',
  substance: '#c2255c',
  concept: '#0c8599',
  party: '#d97000',
  organization: '#3b5bdb',
  event: '#9c36b5',
};
