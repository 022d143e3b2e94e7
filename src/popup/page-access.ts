import { normalizeHost } from '../settings/schema';

/** Hosts of extension stores, where browsers never run extension content scripts. */
const STORE_HOSTS = ['chromewebstore.google.com', 'addons.mozilla.org', 'microsoftedge.microsoft.com'];

/**
 * True when Contexto's content script can run on `url`: an http(s) page that is not
 * an extension store or the built-in PDF viewer. An unknown URL (the browser hides
 * the URL of pages the extension has no access to) counts as "cannot".
 */
export function canRunContentScripts(url: string | undefined): boolean {
  if (!url) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  const host = u.hostname.toLowerCase();
  if (STORE_HOSTS.includes(host)) return false;
  if (host === 'chrome.google.com' && u.pathname.startsWith('/webstore')) return false;
  if (/\.pdf$/i.test(u.pathname)) return false;
  return true;
}

/** The hostname the per-site switch applies to, or '' for pages without one. */
export function siteOf(url: string | undefined): string {
  if (!url) return '';
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? normalizeHost(u.hostname) : '';
  } catch {
    return '';
  }
}
