// Strings of the duty pages; merged into the zh/en dictionaries in ../zh.ts and ../en.ts.
export const dutyMessages = { zh: {}, en: {} } as const;
