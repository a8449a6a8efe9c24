// Strings of these pages; merged into the zh/en dictionaries in ../zh.ts and ../en.ts.
export const natCoverageMessages = {
  zh: {
    'natCoverage.nav': '检测进度',
  },
  en: {
    'natCoverage.nav': 'Testing coverage',
  },
} as const;
