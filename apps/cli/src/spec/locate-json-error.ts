/**
 * Where a JSON text stops being JSON: the offset of the first offending character and what was
 * expected there. JSON.parse in Node 20 does not always say (`Unexpected token '}', "…" is not valid
 * JSON`), so this small scanner (RFC 8259) finds it; it runs only after JSON.parse has failed.
 */
export function locateJsonError(text: string): { offset: number; message: string } | undefined {
  let i = 0;
  const fail = (message: string): never => {
    throw { offset: i, message };
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail(`expected ${word}`);
      i++;
    }
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '"') {
        i++;
        return;
      }
      if (ch === '\\') {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('bad \\u escape in a string');
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else fail('bad escape in a string');
      } else if (ch < ' ') fail('control character (a line break?) inside a string');
      else i++;
    }
    fail('string not closed (missing ")');
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match) fail('expected a value');
    i += match![0].length;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === undefined) fail('unexpected end of file: expected a value');
    else if (ch === '{') object();
    else if (ch === '[') array();
    else if (ch === '"') string();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else if (ch === '-' || (ch >= '0' && ch <= '9')) number();
    else
      fail(ch === "'" ? 'strings need double quotes' : `unexpected ${JSON.stringify(ch)}: expected a value`);
  };
  const object = () => {
    i++;
    ws();
    if (text[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      ws();
      if (text[i] !== '"')
        fail(text[i] === '}' ? 'trailing comma before }' : 'expected a "quoted" property name');
      string();
      ws();
      if (text[i] !== ':') fail('expected : after the property name');
      i++;
      value();
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return;
      }
      fail(
        text[i] === undefined
          ? 'unexpected end of file: missing }'
          : "expected ',' or '}' (a missing comma?)",
      );
    }
  };
  const array = () => {
    i++;
    ws();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (;;) {
      value();
      ws();
      if (text[i] === ',') {
        i++;
        ws();
        if (text[i] === ']') fail('trailing comma before ]');
        continue;
      }
      if (text[i] === ']') {
        i++;
        return;
      }
      fail(
        text[i] === undefined
          ? 'unexpected end of file: missing ]'
          : "expected ',' or ']' (a missing comma?)",
      );
    }
  };
  try {
    value();
    ws();
    if (i < text.length) fail('unexpected text after the JSON value');
    return undefined;
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'offset' in error) {
      return error as { offset: number; message: string };
    }
    throw error;
  }
}

/** 1-based line and column of `offset` in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
