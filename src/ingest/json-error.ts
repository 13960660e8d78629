/**
 * Finds where and why a JSON text is invalid. Only called after JSON.parse has failed, because
 * V8's messages do not always carry a position ("Unexpected token 'x', ..." has none).
 */
export interface JsonErrorLocation {
  /** Index into the text (UTF-16 code units). */
  position: number;
  message: string;
}

class Stop {
  constructor(
    readonly position: number,
    readonly message: string,
  ) {}
}

export function locateJsonError(text: string): JsonErrorLocation {
  let i = 0;
  const fail = (message: string): never => {
    throw new Stop(i, i >= text.length ? `${message}, found the end of the input` : message);
  };
  const skipSpace = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else fail('expected a JSON value');
  };
  const string = (): void => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail('a string is not closed');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail('a control character inside a string must be escaped');
      if (c === 0x5c) {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('bad \\u escape in a string');
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else fail('bad escape in a string');
      } else i++;
    }
  };
  const number = (): void => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (match === null) fail('expected a JSON value');
    i += (match as RegExpExecArray)[0].length;
  };
  const value = (depth: number): void => {
    if (depth > 2_000) fail('nested too deeply');
    skipSpace();
    const c = text[i];
    if (c === '{') {
      i++;
      skipSpace();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        skipSpace();
        if (text[i] !== '"') fail("expected a double-quoted property name");
        string();
        skipSpace();
        if (text[i] !== ':') fail("expected ':' after a property name");
        i++;
        value(depth + 1);
        skipSpace();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail("expected ',' or '}' after a property value");
      }
    } else if (c === '[') {
      i++;
      skipSpace();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        skipSpace();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail("expected ',' or ']' after an array element");
      }
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else number();
  };
  try {
    value(0);
    skipSpace();
    if (i < text.length) fail('unexpected text after the JSON value');
    return { position: text.length, message: 'invalid JSON' };
  } catch (error) {
    if (error instanceof Stop) return { position: error.position, message: error.message };
    throw error;
  }
}
