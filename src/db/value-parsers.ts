/**
 * int8 as number (ids and counts stay below 2^53), timestamps as Postgres prints them so
 * microseconds survive (a JS Date keeps milliseconds only). Same on both drivers, and in the
 * thread that runs the embedded database for the TUI (pglite-thread.ts).
 */
export const PG_INT8 = 20;
export const PG_DATE = 1082;
export const PG_TIMESTAMP = 1114;
export const PG_TIMESTAMPTZ = 1184;
export const asText = (value: string) => value;
export const toNumber = (value: string) => Number(value);

/** PGlite's `parsers` option. */
export const PGLITE_PARSERS = { [PG_INT8]: toNumber, [PG_DATE]: asText, [PG_TIMESTAMP]: asText, [PG_TIMESTAMPTZ]: asText };
