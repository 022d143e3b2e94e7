import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it } from 'vitest';
import { renderCard } from '../../src/card/render';
import { useLinkedomDocument } from './dom';
import { setUiLanguage } from './fake-browser';
import { entry } from './helpers';

useLinkedomDocument();

const sample = entry('csis', [{ text: 'CSIS' }], {
  name: 'Center for Strategic and International Studies',
  nameEs: 'Centro de Estudios Estratégicos e Internacionales',
  kind: 'organization',
  summary: 'A Washington think tank.',
  summaryEs: 'Un centro de estudios de Washington.',
  facts: [
    {
      text: 'Founded in 1962.',
      textEs: 'Fundado en 1962.',
      asOf: '2025-01-01',
      source: { publisher: 'CSIS', title: 'About us', date: '2025-01', url: 'https://www.csis.org/' },
    },
    { text: 'Second fact.', asOf: '2023-09-01', source: { publisher: 'Newsweek', title: 'Opinion', date: '2023-09' } },
  ],
  related: ['dea', 'unknown-id'],
});

describe('renderCard', () => {
  it('builds every node in the document it is given (the in-page card: its own frame, never the page)', () => {
    const other = parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
    const card = renderCard(sample, { doc: other, nameOf: (id) => (id === 'dea' ? 'DEA' : undefined) });
    const nodes: Node[] = [];
    const walk = (n: Node) => {
      nodes.push(n);
      for (const c of n.childNodes) walk(c);
    };
    walk(card);
    expect(nodes.length).toBeGreaterThan(20);
    expect(nodes.filter((n) => n.ownerDocument !== other)).toEqual([]);
    // Without one, the global document (the popup).
    expect(renderCard(sample, { nameOf: () => undefined }).ownerDocument).toBe(document);
  });

  it('is a non-modal dialog named by its heading', () => {
    const card = renderCard(sample, { nameOf: () => undefined });
    expect(card.getAttribute('role')).toBe('dialog');
    expect(card.getAttribute('aria-modal')).toBe('false');
    const title = card.querySelector(`#${card.getAttribute('aria-labelledby')}`);
    expect(title?.textContent).toBe('Center for Strategic and International Studies');
  });

  it('shows dated, sourced facts; source links open in a new tab without referrer', () => {
    const card = renderCard(sample, { nameOf: () => undefined });
    const text = card.textContent ?? '';
    expect(text).toContain('Founded in 1962.');
    expect(text).toContain('Newsweek');
    expect(text).toMatch(/2023/);
    const links = [...card.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://www.csis.org/']);
    expect(links[0]!.getAttribute('target')).toBe('_blank');
    expect(links[0]!.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('uses the Spanish name, summary and facts on Spanish pages', () => {
    const card = renderCard(sample, { lang: 'es', nameOf: () => undefined });
    const text = card.textContent ?? '';
    expect(text).toContain('Centro de Estudios Estratégicos e Internacionales');
    expect(text).toContain('Un centro de estudios de Washington.');
    expect(text).toContain('Fundado en 1962.');
    expect(text).not.toContain('A Washington think tank.');
  });

  it('offers known related terms as buttons that open their card, and leaves unknown ones out', () => {
    const opened: string[] = [];
    const card = renderCard(sample, {
      nameOf: (id) => (id === 'dea' ? 'Drug Enforcement Administration' : undefined),
      onRelated: (id) => opened.push(id),
    });
    const buttons = [...card.querySelectorAll('button')].filter(
      (b) => b.textContent === 'Drug Enforcement Administration',
    );
    expect(buttons).toHaveLength(1);
    expect(card.textContent).not.toContain('unknown-id');
    buttons[0]!.dispatchEvent(new document.defaultView!.Event('click'));
    expect(opened).toEqual(['dea']);
  });

  describe('its own words, in the interface language', () => {
    afterEach(() => setUiLanguage('en'));
    const card = () =>
      renderCard(sample, {
        nameOf: () => undefined,
        onClose: () => {},
        match: { text: 'CSIS', why: 'place-context' },
        notThis: { site: 'example.com', onClick: () => {} },
      });
    const texts = (c: HTMLElement) => ({
      kind: c.querySelector('.kind')?.textContent,
      why: c.querySelector('.why')?.textContent,
      facts: c.querySelector('.facts .section-title')?.textContent,
      opinion: c.querySelector('.opinion')?.textContent,
      asOf: c.querySelector('.as-of')?.textContent,
      close: c.querySelector('.close')?.getAttribute('aria-label'),
      notThis: c.querySelector('.not-this')?.getAttribute('aria-label'),
    });

    it('English', () => {
      expect(texts(card())).toEqual({
        kind: 'Organization',
        why: 'Matched “CSIS” — the place, from its context',
        facts: 'Key facts',
        opinion: undefined,
        asOf: 'As of Jan 1, 2025',
        close: 'Close',
        notThis: 'Not this: stop underlining Center for Strategic and International Studies on example.com',
      });
    });

    it('Spanish', () => {
      setUiLanguage('es');
      expect(texts(card())).toEqual({
        kind: 'Organización',
        why: 'Coincide con “CSIS”: el lugar, por su contexto',
        facts: 'Datos clave',
        opinion: undefined,
        asOf: 'Al Jan 1, 2025',
        close: 'Cerrar',
        notThis: 'No es esto: dejar de subrayar Center for Strategic and International Studies en example.com',
      });
    });
  });
});
