/**
 * ISO 8601 timestamps of the feed -> `YYYY-MM-DD HH:MM:SS.ffffff` in UTC.
 *
 * Hand-written instead of `new Date(text)` because a Date keeps milliseconds only (the feed has
 * microseconds), accepts impossible dates by rolling them over (Feb 30 -> Mar 2) and reads a
 * zone-less date-time as local time.
 */

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)?$/i;

export type TimestampResult = { value: string } | { error: string };

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return DAYS_IN_MONTH[month - 1] ?? 0;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const pad4 = (n: number): string => String(n).padStart(4, '0');
const pad6 = (n: number): string => String(n).padStart(6, '0');

/** Parses one timestamp; without a zone it is UTC. More than 6 fractional digits round to the microsecond, as Postgres does. */
export function parseTimestamp(text: string): TimestampResult {
  if (text.length === 26) {
    const result = parseFeedShape(text);
    if (result !== null) return result;
  }
  const m = ISO.exec(text);
  if (m === null) return { error: 'expected an ISO 8601 timestamp' };
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const fraction = m[7] ?? '';
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { error: 'impossible date' };
  if (hour > 23 || minute > 59 || second > 59) return { error: 'impossible time of day' };

  let micros: number;
  if (fraction.length <= 6) micros = Number(fraction.padEnd(6, '0'));
  else micros = Math.round(Number(fraction.padEnd(9, '0')) / 1000);

  let offsetMinutes = 0;
  if (m[9] !== undefined) {
    const offsetHours = Number(m[10]);
    const offsetMins = m[11] === undefined ? 0 : Number(m[11]);
    if (offsetHours > 23 || offsetMins > 59) return { error: 'impossible zone offset' };
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }

  // The feed's own shape (`YYYY-MM-DDTHH:MM:SS.ffffff`, no zone): one flat string copy, cheap to hash later.
  if (m[8] === undefined && m[9] === undefined && fraction.length === 6) return { value: text.replace('T', ' ') };
  // Other zone-less or UTC texts: rebuild without date arithmetic.
  if (offsetMinutes === 0 && micros < 1_000_000) {
    return { value: `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${pad2(second)}.${pad6(micros)}` };
  }
  // setUTCFullYear keeps years 0..99 literal (Date.UTC would map them to 19xx).
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute - offsetMinutes, second + Math.floor(micros / 1_000_000), 0);
  micros %= 1_000_000;
  const utcYear = date.getUTCFullYear();
  if (utcYear < 0 || utcYear > 9999) return { error: 'out of range after conversion to UTC' };
  return {
    value:
      `${pad4(utcYear)}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())} ` +
      `${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}.${pad6(micros)}`,
  };
}

/** Shape of the feed's own timestamps: D digit, other characters literal ('T' also a space). */
const FEED_SHAPE = 'DDDD-DD-DDTDD:DD:DD.DDDDDD';

/**
 * The feed's own shape (`YYYY-MM-DDTHH:MM:SS.ffffff`, no zone), checked character by character:
 * the same result as the general path, without a regular expression and its match array (a
 * million timestamps per million records). Null for any other shape.
 */
function parseFeedShape(text: string): TimestampResult | null {
  for (let i = 0; i < 26; i++) {
    const c = text.charCodeAt(i);
    const expected = FEED_SHAPE.charCodeAt(i);
    if (expected === 68) {
      if (c < 48 || c > 57) return null;
    } else if (c !== expected && !(i === 10 && c === 32)) return null;
  }
  const n = (start: number): number => (text.charCodeAt(start) - 48) * 10 + text.charCodeAt(start + 1) - 48;
  const year = n(0) * 100 + n(2);
  const month = n(5);
  const day = n(8);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { error: 'impossible date' };
  if (n(11) > 23 || n(14) > 59 || n(17) > 59) return { error: 'impossible time of day' };
  return { value: text.replace('T', ' ') };
}
