import type { Granularity } from './observation.js';

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/**
 * The compaction bucket of a normalised timestamp (`YYYY-MM-DD HH:MM:SS.ffffff`, UTC) as a small
 * integer that sorts in time order: hours or days since 1970, the day number of the ISO week's
 * Monday, or months since year 0. Integers instead of strings keep the per-record work free of
 * allocation and make the (key, bucket) maps cheaper, which matters at a million records.
 */
export function bucketer(granularity: Granularity): (timestp: string) => number {
  const digit = (t: string, i: number): number => t.charCodeAt(i) - 48;
  const year = (t: string): number => digit(t, 0) * 1000 + digit(t, 1) * 100 + digit(t, 2) * 10 + digit(t, 3);
  const month = (t: string): number => digit(t, 5) * 10 + digit(t, 6);
  const days = (t: string): number => daysFromCivil(year(t), month(t), digit(t, 8) * 10 + digit(t, 9));
  switch (granularity) {
    case 'hour':
      return (t) => days(t) * 24 + digit(t, 11) * 10 + digit(t, 12);
    case 'day':
      return days;
    case 'week':
      // 1970-01-01 was a Thursday: (days + 3) mod 7 counts days since Monday.
      return (t) => {
        const d = days(t);
        return d - (((d + 3) % 7) + 7) % 7;
      };
    case 'month':
      return (t) => year(t) * 12 + month(t) - 1;
  }
}

/** The inverse of daysFromCivil (H. Hinnant's civil_from_days): [year, month, day]. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** The number in `count` decimal digits at `start` of a normalised timestamp. */
function digits(t: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) n = n * 10 + t.charCodeAt(i) - 48;
  return n;
}

/** Day number (since 1970-01-01) of a normalised timestamp `YYYY-MM-DD HH:MM:SS.ffffff`. */
export function dayOfTimestamp(t: string): number {
  return daysFromCivil(digits(t, 0, 4), digits(t, 5, 2), digits(t, 8, 2));
}

/** Microsecond of the day of a normalised timestamp (below 2^37: exact in a double). */
export function microOfTimestamp(t: string): number {
  return ((digits(t, 11, 2) * 60 + digits(t, 14, 2)) * 60 + digits(t, 17, 2)) * 1_000_000 + digits(t, 20, 6);
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** The normalised timestamp text of a day number and microsecond of the day. */
export function formatTimestamp(day: number, micro: number): string {
  return formatDate(day) + formatTimeOfDay(micro);
}

/** `YYYY-MM-DD ` (with the space) of a day number: a timestamp's text up to its time of day. */
export function formatDate(day: number): string {
  const [year, month, date] = civilFromDays(day);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(date, 2)} `;
}

/** `HH:MM:SS.ffffff` of a microsecond of the day. */
export function formatTimeOfDay(micro: number): string {
  const seconds = Math.floor(micro / 1_000_000);
  return `${pad(Math.floor(seconds / 3600), 2)}:${pad(Math.floor(seconds / 60) % 60, 2)}:${pad(seconds % 60, 2)}.${pad(micro % 1_000_000, 6)}`;
}

/** The compaction bucket (as bucketer gives it) of a day number and microsecond of the day. */
export function dayBucketer(granularity: Granularity): (day: number, micro: number) => number {
  switch (granularity) {
    case 'hour':
      return (day, micro) => day * 24 + Math.floor(micro / 3_600_000_000);
    case 'day':
      return (day) => day;
    case 'week':
      return (day) => day - ((((day + 3) % 7) + 7) % 7);
    case 'month':
      return (day) => {
        const [year, month] = civilFromDays(day);
        return year * 12 + month - 1;
      };
  }
}
