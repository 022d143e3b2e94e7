/** A made-up imported fact sheet for the browser tests (options page, open tabs). */
export const fact = (text: string) => ({
  text,
  asOf: '2025-01-01',
  source: { publisher: 'Test Desk', title: 'Notes', date: '2025-01-01' },
});

export const harborSheet = {
  name: 'Newsroom extras',
  entries: [
    {
      id: 'zz-harbor-authority',
      name: 'Qwerty Harbor Authority',
      kind: 'agency',
      aliases: [{ text: 'Qwerty Harbor Authority' }, { text: 'QHA', caseSensitive: true }],
      summary: 'A made-up port regulator used by the tests.',
      facts: [fact('It was invented for a test.'), fact('It regulates nothing.')],
      related: ['dea'],
    },
  ],
};
