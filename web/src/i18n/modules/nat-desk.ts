// Strings of these pages; merged into the zh/en dictionaries in ../zh.ts and ../en.ts.
export const natDeskMessages = {
  zh: {
    'natDesk.title': '采样登记',
  },
  en: {
    'natDesk.title': 'Sample registration',
  },
} as const;
