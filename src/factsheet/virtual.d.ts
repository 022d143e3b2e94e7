declare module 'virtual:contexto-factsheet' {
  const entries: import('./types').Entry[];
  export default entries;
}
