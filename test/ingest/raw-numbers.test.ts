import { describe, expect, it } from 'vitest';
import { exactInteger, mayHoldRoundedNumber, rawMember } from '../../src/ingest/raw-numbers.js';

describe('raw numbers', () => {
  it.each([
    ['0', 0n],
    ['-0', 0n],
    ['42', 42n],
    ['-7', -7n],
    ['9007199254740993', 9007199254740993n],
    ['1e3', 1000n],
    ['1.50e1', 15n],
    ['1000e-3', 1n],
    ['2.0', 2n],
    ['1e400', 10n ** 400n],
    ['2000000000.0000001', null],
    ['1.0000000000000001', null],
    ['1e-400', null],
    ['1.5', null],
    ['"12"', null],
    ['true', null],
  ])('exactInteger(%s) is %s', (text, expected) => {
    expect(exactInteger(text)).toBe(expected);
  });

  it('flags a member value with 16 or more digits or an exponent, and nothing else', () => {
    expect(mayHoldRoundedNumber('{"views": 9007199254740993}')).toBe(true);
    expect(mayHoldRoundedNumber('{"views":1e400}')).toBe(true);
    expect(mayHoldRoundedNumber('{"position" : 2000000000.0000001}')).toBe(true);
    expect(mayHoldRoundedNumber('{"position":-1.5E3}')).toBe(true);
    expect(mayHoldRoundedNumber('{"views": 900719925474099, "position": 1.5, "timestp": "2022-05-19T10:00:00.123456", "title": "1e5 1234567890123456789"}')).toBe(false);
  });

  it('finds the text of a top-level member as JSON.parse reads it: keys decoded, the last one wins, strings and nesting skipped', () => {
    expect(rawMember('{"views": 1e400, "position": 3}', 'views')).toBe('1e400');
    expect(rawMember('{"vi\\u0065ws":12345678901234567}', 'views')).toBe('12345678901234567');
    expect(rawMember('{"views":1,"views":2e0}', 'views')).toBe('2e0');
    expect(rawMember('{"title":"\\"views\\": 7","extra":{"views":8},"views":9}', 'views')).toBe('9');
    expect(rawMember('{"title":"x"}', 'views')).toBeUndefined();
  });
});
