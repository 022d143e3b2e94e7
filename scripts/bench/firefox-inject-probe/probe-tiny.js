globalThis.__ff7probeMark?.('tiny evaluated');
export {};
