import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { UsageError } from '../exit-codes.js';
import { lineAndColumn, locateJsonError } from './locate-json-error.js';

/**
 * Reads a JSON (or, by extension, YAML) input file such as a rollout spec. A file that does not
 * parse is a UsageError naming the file, the line and column, and the line itself.
 */
export async function readInputFile(file: string, stdin?: () => Promise<string>): Promise<unknown> {
  let text: string;
  try {
    text = file === '-' && stdin ? await stdin() : await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file}: ${(error as Error).message}`,
    );
  }
  const name = file === '-' ? '(stdin)' : file;
  const quote = (line: number) => {
    const content = text.split('\n')[line - 1] ?? '';
    return content.length > 120 ? `${content.slice(0, 117)}...` : content;
  };
  if (/\.ya?ml$/i.test(path.extname(file))) {
    const document = parseDocument(text, { prettyErrors: false });
    const [first] = document.errors;
    if (first) {
      const line = first.linePos?.[0].line ?? 1;
      const column = first.linePos?.[0].col ?? 1;
      throw new UsageError(`${name}:${line}:${column}: not valid YAML: ${first.message.split('\n')[0]}`, [
        { path: `line ${line}`, message: quote(line) },
      ]);
    }
    return document.toJS();
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const located = locateJsonError(text);
    const { line, column } = lineAndColumn(text, located?.offset ?? text.length);
    throw new UsageError(
      `${name}:${line}:${column}: not valid JSON: ${located?.message ?? (error as Error).message}`,
      [{ path: `line ${line}`, message: quote(line) }],
    );
  }
}
