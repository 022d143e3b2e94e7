/**
 * Bundled into a test page by tests/browser/a11y.test.ts: renders cards the way the page's
 * card does (same renderer, same styles, in a shadow root like the real host, but open so
 * axe can read it), since the real card lives in a closed shadow root.
 */
import type { Entry } from '../../../src/factsheet/types';
import { renderCard } from '../../../src/card/render';
import type { Lang } from '../../../src/model';
import { cardCss, HOST_CSS } from '../../../src/card/style';
import type { ChromeMessages } from '../../chrome-messages';
import { useMessages } from './messages-browser';

export function showCards(
  entries: Entry[],
  names: Record<string, string>,
  lang: Lang,
  sheet: boolean,
  messages: ChromeMessages,
): void {
  useMessages(messages);
  entries.forEach((entry, i) => {
    const host = document.createElement('div');
    host.className = 'card-host';
    const root = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = HOST_CSS + cardCss();
    const frame = document.createElement('div');
    frame.className = sheet ? 'frame sheet' : 'frame';
    frame.style.position = 'static';
    frame.append(
      renderCard(entry, {
        lang,
        nameOf: (id) => names[id],
        onRelated: () => {},
        onOpen: () => {},
        onClose: () => {},
        idPrefix: `card-${i}`,
        maxFacts: 2,
      }),
    );
    root.append(style, frame);
    document.querySelector('main')!.append(host);
  });
}
