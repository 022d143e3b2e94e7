import { parseHTML } from 'linkedom';
import { afterAll, beforeAll } from 'vitest';

/** Gives the tests of a file a linkedom `document` global (the card renderer creates elements with it). */
export function useLinkedomDocument(): void {
  const g = globalThis as { document?: unknown };
  let saved: unknown;
  beforeAll(() => {
    saved = g.document;
    g.document = parseHTML('<!doctype html><html><body></body></html>').document;
  });
  afterAll(() => {
    g.document = saved;
  });
}
