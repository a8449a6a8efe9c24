// Strings of the mobilization pages; merged into the zh/en dictionaries in ../zh.ts and ../en.ts.
export const mobilizationMessages = { zh: {}, en: {} } as const;
