globalThis.__ff7probeMark?.(`injected ran (global ${typeof globalThis.__contextoContentMain})`);
