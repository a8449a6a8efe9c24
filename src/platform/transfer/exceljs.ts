import { createRequire } from 'node:module';

// exceljs, loaded with one fix: its XML reader decodes every chunk of a sheet on its own, so a Chinese character
// whose UTF-8 bytes straddle two chunks comes out as U+FFFD (幸福家园 → 幸福家���). Before exceljs loads, its
// `utils/parse-sax` module is replaced by the same generator with a streaming TextDecoder that carries the split
// bytes over. Every import of exceljs in this project goes through this file so the fix is in place first.
const require = createRequire(import.meta.url);

type SaxEvent = { eventType: 'opentag' | 'text' | 'closetag'; value: unknown };
interface SaxesParserLike {
  on(event: 'error' | 'opentag' | 'text' | 'closetag', handler: (value: never) => void): void;
  write(text: string): void;
  close(): void;
}

// saxes is exceljs' own dependency: resolved from exceljs, not from this project.
const { SaxesParser } = createRequire(require.resolve('exceljs'))('saxes') as { SaxesParser: new () => SaxesParserLike };

async function* parseSax(iterable: AsyncIterable<Buffer | string> & { pipe?: unknown }): AsyncGenerator<SaxEvent[]> {
  const parser = new SaxesParser();
  let error: Error | undefined;
  let events: SaxEvent[] = [];
  parser.on('error', (err: Error) => { error = err; });
  parser.on('opentag', (value: unknown) => events.push({ eventType: 'opentag', value }));
  parser.on('text', (value: unknown) => events.push({ eventType: 'text', value }));
  parser.on('closetag', (value: unknown) => events.push({ eventType: 'closetag', value }));
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of iterable) {
    parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (error) throw error;
    yield events;
    events = [];
  }
  const tail = decoder.decode();
  if (tail) {
    parser.write(tail);
    if (error) throw error;
    yield events;
  }
}

const parseSaxId = require.resolve('exceljs/lib/utils/parse-sax.js');
require(parseSaxId);
require.cache[parseSaxId]!.exports = parseSax;

const ExcelJS = require('exceljs') as typeof import('exceljs');
export default ExcelJS;
export type { Row, Style, Worksheet, Workbook } from 'exceljs';
export type WorkbookWriter = import('exceljs').stream.xlsx.WorkbookWriter;
