globalThis.__ff7probeMark?.('before main');
