import type { Problem } from '../factsheet/validate';
import { i18n } from '#i18n';
import { uiLanguage } from '../l10n/pages';
import {
  bundledSheetEntries,
  exportSheet,
  importSheet,
  loadSheets,
  removeSheet,
  setSheetEnabled,
  type ImportedSheet,
  type SheetMode,
} from '../sheets';
import { byId, element } from './dom';
import { problemText } from './problem-text';

/** How many problems the page lists before summarising the rest. */
const MAX_PROBLEMS_SHOWN = 200;

/**
 * Custom fact sheets on the options page: import (validated by the build's own
 * validator; a rejected file changes nothing and lists its problems), then enable,
 * disable, export or remove each imported sheet.
 */
export async function startSheetsPanel(doc: Document): Promise<void> {
  const form = byId<HTMLFormElement>(doc, 'import-form');
  const fileInput = byId<HTMLInputElement>(doc, 'sheet-file');
  const importButton = byId<HTMLButtonElement>(doc, 'import-button');
  const result = byId(doc, 'import-result');
  const list = byId(doc, 'sheets-list');
  const empty = byId(doc, 'sheets-empty');
  const actionResult = byId(doc, 'sheet-action-result');
  byId(doc, 'bundled-count').textContent = i18n.t('optionsBundledCount', bundledSheetEntries().length);

  async function refresh(): Promise<void> {
    // A subscribed pack's sheet is listed with its subscription (packs-panel.ts).
    const sheets = (await loadSheets()).filter((s) => !s.pack);
    list.replaceChildren(...sheets.map(sheetItem));
    empty.hidden = sheets.length > 0;
  }

  function sheetItem(sheet: ImportedSheet): HTMLElement {
    const toggle = element('input');
    toggle.type = 'checkbox';
    toggle.checked = sheet.enabled;
    toggle.className = 'sheet-enabled';
    toggle.addEventListener('change', async () => {
      const outcome = await setSheetEnabled(sheet.id, toggle.checked);
      if (outcome.ok) actionResult.replaceChildren();
      else
        actionResult.replaceChildren(
          ...problemReport(i18n.t('optionsSheetEnableRefused', [sheet.name]), outcome.problems),
        );
      await refresh();
    });

    const exportButton = element('button', { className: 'sheet-export', text: i18n.t('optionsSheetExport') });
    exportButton.type = 'button';
    exportButton.setAttribute('aria-label', i18n.t('optionsSheetExportNamed', [sheet.name]));
    exportButton.addEventListener('click', async () => {
      const file = await exportSheet(sheet.id);
      if (file) downloadText(doc, file.fileName, file.json);
    });

    const removeButton = element('button', { className: 'sheet-remove', text: i18n.t('optionsSheetRemove') });
    removeButton.type = 'button';
    removeButton.setAttribute('aria-label', i18n.t('optionsSheetRemoveNamed', [sheet.name]));
    removeButton.addEventListener('click', async () => {
      await removeSheet(sheet.id);
      actionResult.replaceChildren(element('p', { text: i18n.t('optionsSheetRemoved', [sheet.name]) }));
      await refresh();
    });

    const importedOn = new Date(sheet.importedAt).toLocaleDateString(uiLanguage());
    const meta = i18n.t('optionsSheetMeta', sheet.entries.length, {
      mode: i18n.t(sheet.mode === 'replace' ? 'optionsSheetModeReplaceShort' : 'optionsSheetModeAddShort'),
      date: importedOn,
    });
    const li = element(
      'li',
      { className: 'sheet' },
      element(
        'label',
        { className: 'row' },
        toggle,
        ' ',
        element('strong', { className: 'sheet-name', text: sheet.name }),
        ' ',
        element('span', { className: 'muted', text: i18n.t('optionsSheetEnabled') }),
      ),
      element('p', { className: 'muted sheet-meta', text: meta }),
      element('div', { className: 'actions' }, exportButton, ' ', removeButton),
    );
    li.dataset.sheetId = sheet.id;
    return li;
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const file = fileInput.files?.[0];
    if (!file) {
      result.replaceChildren(element('p', { className: 'error', text: i18n.t('optionsSheetsChooseFile') }));
      return;
    }
    const mode = (form.querySelector<HTMLInputElement>('input[name="mode"]:checked')?.value ?? 'add') as SheetMode;
    importButton.disabled = true;
    try {
      const outcome = await importSheet(file.name, await file.text(), mode);
      if (outcome.ok) {
        result.replaceChildren(
          element('p', {
            className: 'success',
            text: i18n.t('optionsSheetsImported', outcome.sheet.entries.length, { name: outcome.sheet.name }),
          }),
        );
        form.reset();
      } else {
        result.replaceChildren(...problemReport(i18n.t('optionsSheetsRejected', [file.name]), outcome.problems));
      }
    } finally {
      importButton.disabled = false;
    }
    await refresh();
  });

  await refresh();
}

/** A heading plus a table of problems: entry, field, why. */
export function problemReport(heading: string, problems: Problem[]): HTMLElement[] {
  const table = element('table', { className: 'problems' });
  const caption = element('caption', { className: 'visually-hidden', text: heading });
  const head = element(
    'thead',
    {},
    element(
      'tr',
      {},
      ...(['optionsProblemEntry', 'optionsProblemField', 'optionsProblemWhy'] as const).map((k) =>
        headerCell(i18n.t(k)),
      ),
    ),
  );
  const body = element('tbody');
  for (const p of problems.slice(0, MAX_PROBLEMS_SHOWN)) {
    const why = element('td', { text: problemText(p) });
    body.append(
      element(
        'tr',
        { className: 'problem' },
        element('td', { text: p.entry }),
        element('td', {}, element('code', { text: p.field })),
        why,
      ),
    );
  }
  table.append(caption, head, body);
  const out: HTMLElement[] = [element('p', { className: 'error', text: heading }), table];
  if (problems.length > MAX_PROBLEMS_SHOWN)
    out.push(
      element('p', {
        className: 'muted',
        text: i18n.t('optionsProblemsMore', problems.length - MAX_PROBLEMS_SHOWN),
      }),
    );
  return out;
}

function headerCell(text: string): HTMLElement {
  const th = element('th', { text });
  th.scope = 'col';
  return th;
}

/** Saves text as a file through a Blob URL (no network, no downloads permission needed). */
function downloadText(doc: Document, fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
