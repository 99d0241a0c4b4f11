import type { Writable } from 'node:stream';

export type OutputFormat = 'table' | 'json';
export const OUTPUT_FORMATS = ['table', 'json'] as const;

export interface Io {
  stdout: Writable;
  stderr: Writable;
  /** Whether stdout is a terminal (colour-free either way; only affects hints). */
  isTty?: boolean;
}

export type Cell = string | number | boolean | null | undefined;

/** A column: its header and how to read the cell from a row. */
export interface Column<R> {
  header: string;
  value: (row: R) => Cell;
  /** Right-align (numbers). */
  numeric?: boolean;
}

function text(cell: Cell): string {
  if (cell === null || cell === undefined || cell === '') return '-';
  return String(cell).replace(/\s+/g, ' ');
}

/** A plain-text table: a header row, then one row each, columns padded to their widest cell. */
export function renderTable<R>(rows: readonly R[], columns: readonly Column<R>[]): string {
  const cells = rows.map((row) => columns.map((column) => text(column.value(row))));
  const widths = columns.map((column, i) =>
    Math.max(column.header.length, ...cells.map((row) => row[i]!.length)),
  );
  const line = (values: string[]) =>
    values
      .map((value, i) => (columns[i]!.numeric ? value.padStart(widths[i]!) : value.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return `${[line(columns.map((c) => c.header)), ...cells.map(line)].join('\n')}\n`;
}

/** Field / value pairs, one a line (`aura … get`). */
export function renderFields(fields: readonly [string, Cell][]): string {
  const width = Math.max(...fields.map(([name]) => name.length));
  return `${fields.map(([name, value]) => `${name.padEnd(width)}  ${text(value)}`).join('\n')}\n`;
}

export function renderJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Writes a chunk, waiting for the stream to drain when its buffer is full (an export stays flat in memory). */
export async function write(stream: Writable, chunk: string): Promise<void> {
  if (stream.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const onDrain = () => {
      stream.off('error', onError);
      resolve();
    };
    const onError = (error: Error) => {
      stream.off('drain', onDrain);
      reject(error);
    };
    stream.once('drain', onDrain);
    stream.once('error', onError);
  });
}

/** ISO dates shortened for tables: `2026-12-01 09:05:06Z`. */
export function shortDate(value: string | null | undefined): string {
  if (!value) return '-';
  return `${value.slice(0, 19).replace('T', ' ')}Z`;
}

/** One CSV field (RFC 4180): quoted when it holds a comma, quote, or line break. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
