/**
 * Statement text helpers for the SQL explorer: splitting a script into statements and deciding
 * whether a statement can be streamed through a cursor.
 */

/** The statement without surrounding whitespace and trailing semicolons. */
export function trimStatement(text: string): string {
  return text.trim().replace(/[;\s]+$/, '');
}

/** Leading `--` and `/* *\/` comments and whitespace removed. */
function skipLeadingComments(text: string): string {
  let rest = text.trimStart();
  for (;;) {
    if (rest.startsWith('--')) {
      const end = rest.indexOf('\n');
      rest = end < 0 ? '' : rest.slice(end + 1).trimStart();
    } else if (rest.startsWith('/*')) {
      const end = rest.indexOf('*/');
      rest = end < 0 ? '' : rest.slice(end + 2).trimStart();
    } else return rest;
  }
}

export function firstKeyword(text: string): string {
  return (/^[A-Za-z]+/.exec(skipLeadingComments(text))?.[0] ?? '').toUpperCase();
}

/**
 * A plain query can run through a cursor (pg-cursor on a server, DECLARE CURSOR on PGlite), so
 * its rows arrive in chunks and a huge result never sits in memory. A data-modifying WITH cannot
 * be declared as a cursor, so it runs as a whole like any other command.
 */
export function isStreamable(text: string): boolean {
  const keyword = firstKeyword(text);
  if (keyword === 'SELECT' || keyword === 'VALUES' || keyword === 'TABLE') return true;
  if (keyword === 'WITH') return !/\b(insert|update|delete|merge)\b/i.test(text);
  return false;
}

/**
 * Splits a script into statements at semicolons outside quotes, comments and dollar quotes.
 * Lines starting with a backslash (meta-commands) are statements of their own.
 */
export function splitStatements(script: string): string[] {
  const statements: string[] = [];
  let current = '';
  let i = 0;
  const push = () => {
    const statement = trimStatement(current);
    if (statement !== '') statements.push(statement);
    current = '';
  };
  while (i < script.length) {
    const ch = script[i]!;
    const atLineStart = current.trim() === '';
    if (atLineStart && ch === '\\') {
      const end = script.indexOf('\n', i);
      current = script.slice(i, end < 0 ? script.length : end);
      push();
      i = end < 0 ? script.length : end + 1;
      continue;
    }
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      while (j < script.length) {
        if (script[j] === ch) {
          if (script[j + 1] === ch) j += 2;
          else break;
        } else j++;
      }
      current += script.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === '-' && script[i + 1] === '-') {
      const end = script.indexOf('\n', i);
      const stop = end < 0 ? script.length : end;
      current += script.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === '/' && script[i + 1] === '*') {
      const end = script.indexOf('*/', i + 2);
      const stop = end < 0 ? script.length : end + 2;
      current += script.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(script.slice(i))?.[0];
      if (tag) {
        const end = script.indexOf(tag, i + tag.length);
        const stop = end < 0 ? script.length : end + tag.length;
        current += script.slice(i, stop);
        i = stop;
        continue;
      }
    }
    if (ch === ';') {
      push();
      i++;
      continue;
    }
    current += ch;
    i++;
  }
  push();
  return statements;
}

/**
 * Whether Enter at the explorer's prompt runs `text` (as in pgcli): a backslash command, or SQL
 * whose last word outside quotes and comments is `;`. An open quote, comment or dollar quote
 * means the statement goes on, whatever it ends with.
 */
export function readyToRun(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.startsWith('\\')) return true;
  let complete = false;
  let i = 0;
  while (i < trimmed.length) {
    const ch = trimmed[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'" || ch === '"') {
      let j = i + 1;
      for (; j < trimmed.length; j++) {
        if (trimmed[j] !== ch) continue;
        if (trimmed[j + 1] === ch) j++;
        else break;
      }
      if (j >= trimmed.length) return false;
      complete = false;
      i = j + 1;
    } else if (ch === '-' && trimmed[i + 1] === '-') {
      const end = trimmed.indexOf('\n', i);
      i = end < 0 ? trimmed.length : end + 1;
    } else if (ch === '/' && trimmed[i + 1] === '*') {
      const end = trimmed.indexOf('*/', i + 2);
      if (end < 0) return false;
      i = end + 2;
    } else if (ch === '$' && /^\$[A-Za-z_]*\$/.test(trimmed.slice(i))) {
      const tag = /^\$[A-Za-z_]*\$/.exec(trimmed.slice(i))![0];
      const end = trimmed.indexOf(tag, i + tag.length);
      if (end < 0) return false;
      complete = false;
      i = end + tag.length;
    } else {
      complete = ch === ';';
      i++;
    }
  }
  return complete;
}
