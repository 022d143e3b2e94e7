import { browser, type Browser } from 'wxt/browser';
import { sendToPages, type BackgroundProtocol, type MentionCounts } from '../messaging';
import { toolbarAction } from './open-term';

/**
 * What each tab's content scripts found, per frame, kept in memory and mirrored to
 * `storage.session` (the MV3 service worker may be stopped between events). The toolbar
 * badge shows the number of distinct terms on the tab, empty when none.
 */

interface FrameReport {
  url: string;
  counts: Record<string, number>;
}

type TabFrames = Record<string, FrameReport>;

const STORAGE_KEY = 'tabMentions';
const tabs = new Map<number, TabFrames>();
let ready: Promise<void> | null = null;

const action = toolbarAction;

function sessionArea(): Browser.storage.StorageArea | undefined {
  return (browser.storage as unknown as { session?: Browser.storage.StorageArea }).session;
}

async function restore(): Promise<void> {
  try {
    const stored = (await sessionArea()?.get(STORAGE_KEY))?.[STORAGE_KEY] as Record<string, TabFrames> | undefined;
    for (const [tabId, frames] of Object.entries(stored ?? {}))
      if (!tabs.has(Number(tabId))) tabs.set(Number(tabId), frames);
  } catch {
    // storage.session unavailable: memory only
  }
}

function whenReady(): Promise<void> {
  ready ??= restore();
  return ready;
}

function persist(): void {
  const area = sessionArea();
  if (!area) return;
  area.set({ [STORAGE_KEY]: Object.fromEntries(tabs) }).catch(() => {});
}

/** Mention counts of a tab, all frames summed. */
export async function getTabMentions(tabId: number): Promise<BackgroundProtocol['get-tab-mentions']['answer']> {
  await whenReady();
  const counts: MentionCounts = {};
  for (const frame of Object.values(tabs.get(tabId) ?? {})) {
    for (const [id, n] of Object.entries(frame.counts)) counts[id] = (counts[id] ?? 0) + n;
  }
  return { counts };
}

export async function recordReport(
  tabId: number,
  frameId: number,
  report: BackgroundProtocol['mentions']['data'],
): Promise<void> {
  await whenReady();
  const frames = tabs.get(tabId) ?? {};
  if (Object.keys(report.counts).length)
    frames[String(frameId)] = { url: report.url ?? '', counts: { ...report.counts } };
  else delete frames[String(frameId)];
  if (Object.keys(frames).length) tabs.set(tabId, frames);
  else tabs.delete(tabId);
  persist();
  await announceCounts(tabId);
}

/** A tab started loading a page: reports from the page it leaves no longer count. */
export async function forgetNavigatedTab(tabId: number, newUrl: string | undefined): Promise<void> {
  await whenReady();
  const frames = tabs.get(tabId);
  if (!frames) return;
  for (const [frameId, report] of Object.entries(frames)) {
    if (frameId !== '0' || newUrl === undefined || report.url !== newUrl) delete frames[frameId];
  }
  if (!Object.keys(frames).length) tabs.delete(tabId);
  persist();
  await announceCounts(tabId);
}

export async function forgetTab(tabId: number): Promise<void> {
  await whenReady();
  if (tabs.delete(tabId)) persist();
}

/** The tab's counts changed: the badge, and an open popup showing that tab, catch up. */
async function announceCounts(tabId: number): Promise<void> {
  sendToPages('tab-mentions-changed', { tabId });
  const { counts } = await getTabMentions(tabId);
  const distinct = Object.keys(counts).length;
  try {
    await action()?.setBadgeText({ tabId, text: distinct ? String(distinct) : '' });
  } catch {
    // the tab closed meanwhile
  }
}

/** Listens for reports and tab changes. */
export function registerTabMentions(): void {
  void whenReady();
  action()
    ?.setBadgeBackgroundColor({ color: '#3b4652' })
    ?.catch?.(() => {});
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
  browser.tabs.onUpdated.addListener((tabId, changeInfo) => {
    if (changeInfo.status === 'loading') void forgetNavigatedTab(tabId, changeInfo.url);
  });
}
