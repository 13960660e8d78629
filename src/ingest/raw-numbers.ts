/**
 * JSON.parse keeps about 15 significant digits: `9007199254740993` becomes ...992, `1e400`
 * Infinity, `1e-400` 0 and `2000000000.0000001` an integer. A count is judged on its text when
 * it may have been rounded, and a refused one is quoted as written.
 */

/**
 * A member value that is a number with 16 or more digits or an exponent: the only numbers
 * parsing can round. Tested on a whole region at once; a match inside a string (after an
 * escaped quote) only costs a closer look.
 */
const MAY_BE_ROUNDED = /"\s*:\s*-?(?:\d(?:\.?\d){15}|\d+(?:\.\d+)?[eE])/;

export function mayHoldRoundedNumber(text: string): boolean {
  return MAY_BE_ROUNDED.test(text);
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\n' || c === '\r' || c === '\t';

/** The end of the JSON string whose opening quote is at `at` (just after its closing quote). */
function stringEnd(text: string, at: number): number {
  let i = at + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** The end of the value starting at `at`: a string, a nested value by its brackets, or a scalar. */
function valueEnd(text: string, at: number): number {
  if (text[at] === '"') return stringEnd(text, at);
  let depth = 0;
  let i = at;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '"') i = stringEnd(text, i) - 1;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      if (depth === 0) break;
      if (--depth === 0) return i + 1;
    } else if (depth === 0 && (c === ',' || isSpace(c))) break;
  }
  return i;
}

/**
 * The text of the last top-level member `field` of the JSON object `text` (the one JSON.parse
 * keeps), keys compared decoded; undefined when absent or the text is not an object.
 */
export function rawMember(text: string, field: string): string | undefined {
  let i = text.indexOf('{');
  if (i === -1) return undefined;
  let found: string | undefined;
  for (i++; i < text.length; ) {
    while (isSpace(text[i]) || text[i] === ',') i++;
    if (text[i] !== '"') break;
    const keyEnd = stringEnd(text, i);
    const key = text.slice(i, keyEnd);
    i = keyEnd;
    while (isSpace(text[i])) i++;
    if (text[i] !== ':') break;
    i++;
    while (isSpace(text[i])) i++;
    const end = valueEnd(text, i);
    if (key === `"${field}"` || (key.includes('\\') && safeParse(key) === field)) found = text.slice(i, end);
    i = end;
  }
  return found;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const NUMBER = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/**
 * The exact value of a JSON number text when it is a whole number, null when it has a fraction
 * (or is not a number). `1e400` is 10^400; an exponent beyond 1,000 is answered without building it.
 */
export function exactInteger(text: string): bigint | null {
  const m = NUMBER.exec(text);
  if (!m) return null;
  const [, sign, whole, fraction = '', exponentText = '0'] = m;
  let digits = (whole! + fraction).replace(/^0+(?=\d)/, '');
  let exponent = Number(exponentText) - fraction.length;
  // Trailing zeros move into the exponent: 1.50e1 is 15.
  const zeros = /0*$/.exec(digits)![0].length;
  if (zeros === digits.length) return 0n;
  digits = digits.slice(0, digits.length - zeros);
  exponent += zeros;
  if (exponent < 0) return null;
  const magnitude = BigInt(digits) * 10n ** BigInt(Math.min(exponent, 1000));
  return sign === '-' ? -magnitude : magnitude;
}
