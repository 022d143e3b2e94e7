import { browser } from 'wxt/browser';
import { askPageUrl } from './on-this-page';
import { canRunContentScripts, siteOf } from './page-access';

/** The tab the popup is about: `?tab=<id>` when given (tests, opened as a page), else the active tab. */
export interface TargetTab {
  id: number | undefined;
  /** The tab shows one of Contexto's own pages (the popup opened as a page). */
  own: boolean;
  url: string | undefined;
  /** Content scripts can run there, so highlights and "On this page" exist. */
  scriptable: boolean;
  site: string;
}

export async function findTargetTab(params: URLSearchParams): Promise<TargetTab> {
  let tab: { id?: number; url?: string } | undefined;
  try {
    const wanted = Number(params.get('tab'));
    if (params.has('tab') && Number.isInteger(wanted)) tab = await browser.tabs.get(wanted);
    else [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  } catch {
    tab = undefined;
  }
  // Without the "tabs" permission the URL is hidden unless activeTab granted it: ask the content script.
  const url = tab?.url ?? (tab?.id !== undefined ? ((await askPageUrl(tab.id)) ?? undefined) : undefined);
  const own = !!url && url.startsWith(browser.runtime.getURL('/'));
  return { id: tab?.id, own, url, scriptable: canRunContentScripts(url), site: siteOf(url) };
}
