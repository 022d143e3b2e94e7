declare module 'virtual:contexto-factsheet' {
  const entries: import('./types').Entry[];
  export default entries;
}

declare module 'virtual:contexto-factsheet/match' {
  const entries: import('./types').MatchEntry[];
  export default entries;
}
