// Probe background script (scripts/bench/firefox-inject-probe.ts): injects on the probe content script's request.
browser.runtime.onMessage.addListener((m, sender) => {
  if (!m || typeof m.probe !== 'string') return;
  const tabId = sender.tab.id;
  const frameId = sender.frameId ?? 0;
  const t0 = performance.now();
  const done = (p) =>
    p.then(
      () => ({ ok: 1, bgMs: Math.round(performance.now() - t0) }),
      (e) => ({ err: String(e) }),
    );
  switch (m.probe) {
    case 'ping':
      return Promise.resolve({ ok: 1 });
    case 'exec':
      return done(
        browser.scripting.executeScript({
          target: { tabId, frameIds: [frameId] },
          files: ['probe-before.js', 'content-main.js', 'probe-mark.js'],
          injectImmediately: true,
        }),
      );
    case 'exec-late':
      return done(
        browser.scripting.executeScript({
          target: { tabId, frameIds: [frameId] },
          files: ['content-main.js', 'probe-mark.js'],
        }),
      );
    case 'exec-small':
      return done(
        browser.scripting.executeScript({
          target: { tabId, frameIds: [frameId] },
          files: ['probe-mark.js'],
          injectImmediately: true,
        }),
      );
    case 'tabsexec':
      return done(
        browser.tabs
          .executeScript(tabId, { file: '/content-main.js', frameId, runAt: 'document_start' })
          .then(() => browser.tabs.executeScript(tabId, { file: '/probe-mark.js', frameId, runAt: 'document_start' })),
      );
    case 'tabsexec-small':
      return done(browser.tabs.executeScript(tabId, { file: '/probe-mark.js', frameId, runAt: 'document_start' }));
  }
});
