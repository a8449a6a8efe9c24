// Strings of these pages; merged into the zh/en dictionaries in ../zh.ts and ../en.ts.
export const natResultsMessages = {
  zh: {
    'natResults.nav': '检测结果',
  },
  en: {
    'natResults.nav': 'Lab results',
  },
} as const;
