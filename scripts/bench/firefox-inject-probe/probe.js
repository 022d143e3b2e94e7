// Probe content script (scripts/bench/firefox-inject-probe.ts): logs, in the top frame, when each way of loading content-main.js lands.
(() => {
  if (window.top !== window) return;
  const mode = new URLSearchParams(location.search).get('probe') || 'none';
  const log = [];
  const mark = (n) => log.push([n, +performance.now().toFixed(1), document.readyState[0]]);
  globalThis.__ff7probeMark = mark;
  mark('start');
  document.addEventListener(
    'DOMContentLoaded',
    () => {
      mark('dcl');
      dclAt = performance.now();
      if (mode === 'import-at-dcl') imp();
      if (mode === 'exec-at-dcl') ask('exec');
    },
    { once: true },
  );
  window.addEventListener('load', () => {
    mark('load');
    setTimeout(() => document.documentElement.setAttribute('data-ff7probe', JSON.stringify({ mode, log })), 1500);
  });
  let ticks = 0;
  let lastTick = performance.now();
  let maxGap = 0;
  let lastTick0 = performance.now();
  let dclAt = Infinity;
  const tick = () => {
    ticks++;
    const now = performance.now();
    maxGap = Math.max(maxGap, now - lastTick);
    lastTick = now;
    if (now - lastTick0 > 25) mark(`gap ${(now - lastTick0).toFixed(0)}`);
    lastTick0 = now;
    if (document.readyState === 'loading' || now < dclAt + 1200) setTimeout(tick, 5);
    else mark(`ticks ${ticks}`);
  };
  setTimeout(tick, 5);
  const has = () => typeof globalThis.__contextoContentMain === 'function';
  const poll = setInterval(() => {
    if (has()) {
      mark('global(poll)');
      clearInterval(poll);
    }
  }, 2);
  const url = chrome.runtime.getURL('content-main.js');
  const imp = () => {
    mark('import>');
    return import(url).then(
      () => mark(`import.ok ${has()}`),
      (e) => mark(`import.err ${e}`),
    );
  };
  const fetchIt = () => {
    mark('fetch>');
    return fetch(url)
      .then((r) => {
        mark('fetch.res');
        return r.text();
      })
      .then(
        (t) => mark(`fetch.text ${t.length}`),
        (e) => mark(`fetch.err ${e}`),
      );
  };
  const ask = (what) => {
    mark(`${what}>`);
    chrome.runtime.sendMessage({ probe: what }, (a) => {
      void chrome.runtime.lastError;
      mark(`${what}.reply ${JSON.stringify(a)} ${has()}`);
    });
  };
  if (mode === 'synclocal') {
    mark('reads>');
    chrome.storage.sync.get(['settings'], () => mark('sync.ok'));
    chrome.storage.local.get(['x'], () => mark('local.ok'));
  }
  if (mode === 'localsync') {
    mark('reads>');
    chrome.storage.local.get(['x'], () => mark('local.ok'));
    chrome.storage.sync.get(['settings'], () => mark('sync.ok'));
  }
  if (mode === 'import') imp();
  else if (mode === 'import-tiny') {
    mark('tiny>');
    import(chrome.runtime.getURL('probe-tiny.js')).then(
      () => mark('tiny.ok'),
      (e) => mark(`tiny.err ${e}`),
    );
  } else if (mode === 'fetch-then-import') fetchIt().then(imp);
  else if (mode === 'fetch') fetchIt();
  else if (mode === 'fetch+import') {
    fetchIt();
    imp();
  } else if (mode !== 'none' && !mode.endsWith('-at-dcl') && !mode.includes('sync')) ask(mode);
})();
