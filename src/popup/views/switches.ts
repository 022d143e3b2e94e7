import { i18n } from '#i18n';
import { isActiveOn, saveSettings, setSiteEnabled, type Settings } from '../../settings';
import type { PopupElements } from '../elements';
import type { TargetTab } from '../target-tab';

/** A line saying Contexto cannot run on this page (browser pages, stores), hidden elsewhere. */
export function showPageStatus(ui: PopupElements, tab: TargetTab): void {
  if (tab.scriptable || tab.own) {
    ui.status.hidden = true;
    return;
  }
  ui.status.textContent = i18n.t('popupRestrictedPage');
  ui.status.hidden = false;
}

/** The two switches as the settings say: Contexto on/off everywhere, and on this site (when the tab has one). */
export function showSwitches(ui: PopupElements, tab: TargetTab, settings: Settings): void {
  ui.globalSwitch.checked = settings.enabled;
  const hasSite = tab.scriptable && !!tab.site;
  const siteLabel = ui.siteSwitch.closest('label');
  if (siteLabel) siteLabel.hidden = !hasSite;
  if (hasSite) {
    ui.siteName.textContent = tab.site;
    ui.siteSwitch.checked = isActiveOn({ ...settings, enabled: true }, tab.site);
    ui.siteSwitch.disabled = !settings.enabled;
  }
}

/** Saves the switches when the reader flips them (every open tab follows through the settings). */
export function wireSwitches(ui: PopupElements, tab: TargetTab): void {
  ui.siteSwitch.addEventListener('change', () => {
    if (tab.site) void setSiteEnabled(tab.site, ui.siteSwitch.checked);
  });
  ui.globalSwitch.addEventListener('change', () => {
    void saveSettings({ enabled: ui.globalSwitch.checked });
  });
}
