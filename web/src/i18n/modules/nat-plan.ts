// Strings of these pages; merged into the zh/en dictionaries in ../zh.ts and ../en.ts.
export const natPlanMessages = {
  zh: {
    'natPlan.nav': '核酸检测',
  },
  en: {
    'natPlan.nav': 'Nucleic-acid testing',
  },
} as const;
