import { sendToBackground } from '../messaging';
import { CARD_VIEW_GLOBAL, CARD_VIEW_PATH, importHandedOver } from '../page/handoff';
import type { CardView } from './view';

let loading: Promise<CardView> | null = null;

/** The card's view (./view.ts, built as its own script), evaluated in this content-script world on first call. */
export function loadCardView(): Promise<CardView> {
  loading ??= importHandedOver<CardView>(CARD_VIEW_PATH, CARD_VIEW_GLOBAL, () =>
    sendToBackground('inject-script', { script: 'card-view' }).then(
      (answer) => answer?.ok === true,
      () => false,
    ),
  ).catch((e: unknown) => {
    loading = null; // a later card tries again
    throw e;
  });
  return loading;
}
