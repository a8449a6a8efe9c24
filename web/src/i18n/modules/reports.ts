// Strings of the reports pages; merged into the zh/en dictionaries in ../zh.ts and ../en.ts.
export const reportsMessages = { zh: {}, en: {} } as const;
