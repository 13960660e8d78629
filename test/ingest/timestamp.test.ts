import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../src/ingest/timestamp.js';

describe('parseTimestamp', () => {
  it.each([
    ['2022-05-19T12:31:23.242571', '2022-05-19 12:31:23.242571'],
    ['2022-05-19T12:31:23.71739', '2022-05-19 12:31:23.717390'],
    ['2022-05-19T12:31:23', '2022-05-19 12:31:23.000000'],
    ['2022-05-19T12:31', '2022-05-19 12:31:00.000000'],
    ['2022-05-19 12:31:23.5', '2022-05-19 12:31:23.500000'],
    ['2022-05-19T12:31:23.242571Z', '2022-05-19 12:31:23.242571'],
    ['2022-05-19T12:31:23.242571+00:00', '2022-05-19 12:31:23.242571'],
    ['2022-05-19T12:31:23.242571+02:00', '2022-05-19 10:31:23.242571'],
    ['2022-05-19T01:00:00.000001+0530', '2022-05-18 19:30:00.000001'],
    ['2022-12-31T23:30:00-01:00', '2023-01-01 00:30:00.000000'],
    ['2024-02-29T00:00:00', '2024-02-29 00:00:00.000000'],
    ['2022-05-19T12:31:23.1234564', '2022-05-19 12:31:23.123456'],
    ['2022-05-19T23:59:59.9999996', '2022-05-20 00:00:00.000000'],
  ])('%s -> %s (UTC, microseconds kept)', (input, expected) => {
    expect(parseTimestamp(input)).toEqual({ value: expected });
  });

  it.each([
    ['2022-02-30T00:00:00', 'impossible date'],
    ['2023-02-29T00:00:00', 'impossible date'],
    ['2022-13-01T00:00:00', 'impossible date'],
    ['2022-00-10T00:00:00', 'impossible date'],
    ['2022-05-19T24:00:00', 'impossible time of day'],
    ['2022-05-19T12:60:00', 'impossible time of day'],
    ['2022-05-19T12:00:61', 'impossible time of day'],
    ['2022-05-19T12:00:00+25:00', 'impossible zone offset'],
    ['2022-05-19', 'expected an ISO 8601 timestamp'],
    ['19/05/2022 12:00', 'expected an ISO 8601 timestamp'],
    ['2022-05-19T12:00:00 garbage', 'expected an ISO 8601 timestamp'],
    ['', 'expected an ISO 8601 timestamp'],
  ])('rejects %s: %s', (input, error) => {
    expect(parseTimestamp(input)).toEqual({ error });
  });
});
