// Strings of these pages; merged into the zh/en dictionaries in ../zh.ts and ../en.ts.
export const declarationsMessages = {
  zh: {
    'declarations.nav': '人员动向申报',
  },
  en: {
    'declarations.nav': 'Staff declarations',
  },
} as const;
