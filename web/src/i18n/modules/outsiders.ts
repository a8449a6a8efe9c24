// Strings of these pages; merged into the zh/en dictionaries in ../zh.ts and ../en.ts.
export const outsidersMessages = {
  zh: {
    'outsiders.nav': '外来人员',
    'outsiders.rulesNav': '管控措施规则',
  },
  en: {
    'outsiders.nav': 'Outsiders and arrivals',
    'outsiders.rulesNav': 'Measures rule set',
  },
} as const;
