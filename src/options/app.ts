import { localizePage } from '../l10n';
import { startSettingsPanel } from './settings-panel';
import { startSheetsPanel } from './sheets-panel';

/** Runs the options page: settings and custom fact sheets. */
export async function startOptions(doc: Document): Promise<void> {
  localizePage(doc);
  await Promise.all([startSettingsPanel(doc), startSheetsPanel(doc)]);
  doc.body.dataset.ready = 'true';
}
