import { localizePage } from '../l10n/pages';
import { startSettingsPanel } from './settings-panel';
import { startPacksPanel } from './packs-panel';
import { startSheetsPanel } from './sheets-panel';

/** Runs the options page: settings and custom fact sheets. */
export async function startOptions(doc: Document): Promise<void> {
  localizePage(doc);
  await Promise.all([startSettingsPanel(doc), startSheetsPanel(doc), startPacksPanel(doc)]);
  doc.body.dataset.ready = 'true';
}
