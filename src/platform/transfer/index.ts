// Spreadsheet import/export engine: streaming CSV/XLSX readers and writers, zod validation, error reports.
export { TransferError } from './errors.ts';
export type { TransferErrorCode, TransferErrorDetails } from './errors.ts';
export { escapeCell, headingOf, mapHeader, normalizeHeading, unescapeCell } from './columns.ts';
export type { HeaderMapping, Lang, SheetFormat, TransferColumn } from './columns.ts';
export { cellToText, formatDate, numberToText } from './cells.ts';
export { readRows } from './read.ts';
export type { ReadInput, ReadOptions, ReadRow } from './read.ts';
export { transferErrorMap, validateRows } from './validate.ts';
export type { CellError, RowInput, ValidatedRow, ValidateOptions } from './validate.ts';
export { DEFAULT_ERROR_CAP, RowErrorReport, writeErrorReport } from './report.ts';
export type { RowError } from './report.ts';
export { writeSheet, writeTemplate } from './write.ts';
export type { SheetCell, SheetRow, WriteSheetOptions } from './write.ts';
