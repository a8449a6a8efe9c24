// Errors raised by the import/export engine. Self-contained: the platform maps `code` to its own error table.

export type TransferErrorCode = 'encoding' | 'missing_columns' | 'empty_file' | 'unsupported_format' | 'too_large';

export interface TransferErrorDetails {
  /** missing_columns: Chinese headings of the required columns that were not found. */
  missing?: string[];
  /** missing_columns: English headings of the same columns. */
  missingEn?: string[];
  /** missing_columns: keys of the same columns. */
  missingKeys?: string[];
  /** encoding / unsupported_format: 1-based row (record) near which the problem was found. */
  row?: number;
  /** encoding: best guess of the real encoding, e.g. 'gbk' or 'utf-16le'. */
  detected?: string;
  /** too_large: the limit that was exceeded. */
  limit?: number;
  /** Low-level reason (parser message), for logs. */
  reason?: string;
  /** English version of the message, for the English UI. */
  en?: string;
}

/** `message` is Chinese (the UI is Chinese-first); `details.en` carries the English text. */
export class TransferError extends Error {
  readonly code: TransferErrorCode;
  readonly details: TransferErrorDetails;
  constructor(code: TransferErrorCode, message: string, details: TransferErrorDetails = {}) {
    super(message);
    this.name = 'TransferError';
    this.code = code;
    this.details = details;
  }
}

export function encodingError(detected: string, row?: number): TransferError {
  return new TransferError(
    'encoding',
    '文件不是 UTF-8 编码（可能是 GBK/ANSI）。请在 Excel 中“另存为”→“CSV UTF-8（逗号分隔）”或 Excel 工作簿（.xlsx）后重新导入。',
    {
      detected,
      ...(row !== undefined ? { row } : {}),
      en: 'The file is not UTF-8 encoded. In Excel use "Save As" → "CSV UTF-8 (Comma delimited)" or Excel Workbook (.xlsx) and import again.',
    },
  );
}

export function emptyFileError(): TransferError {
  return new TransferError('empty_file', '文件为空或没有表头行', { en: 'The file is empty or has no header row' });
}
