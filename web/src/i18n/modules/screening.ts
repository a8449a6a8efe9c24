// Strings of these pages; merged into the zh/en dictionaries in ../zh.ts and ../en.ts.
export const screeningMessages = {
  zh: {
    'screening.nav': '入户排查',
  },
  en: {
    'screening.nav': 'Door-to-door screening',
  },
} as const;
