declare module 'virtual:contexto-bundled-pack' {
  const info: import('./vite-plugin').BundledPackInfo;
  export default info;
}
