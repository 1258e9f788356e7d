import { describe, expect, it } from 'vitest';
import { DAY, formatRuleDuration, HOUR, MINUTE, parseRuleDuration } from '../../src/rules/duration.js';
import { TICKS_PER_SECOND } from '../../src/types/value.js';

describe('rule durations', () => {
  it.each([
    ['5m', 5n * MINUTE],
    ['1h', HOUR],
    ['14d', 14n * DAY],
    ['90m', 90n * MINUTE],
    ['01:00:00', HOUR],
    ['00:05:00', 5n * MINUTE],
    ['1.00:00:00', DAY],
    ['14.00:00:00', 14n * DAY],
    ['2.12:30:15', 2n * DAY + 12n * HOUR + 30n * MINUTE + 15n * TICKS_PER_SECOND],
    ['05:00', 5n * HOUR],
    ['PT5M', 5n * MINUTE],
    ['PT1H', HOUR],
    ['P1D', DAY],
    ['P14D', 14n * DAY],
    ['P1DT12H', DAY + 12n * HOUR],
    ['PT1H30M', HOUR + 30n * MINUTE],
    ['pt2h', 2n * HOUR],
    ['P1W', 7n * DAY],
    ['PT0.5S', TICKS_PER_SECOND / 2n],
  ])('%s', (text, ticks) => {
    expect(parseRuleDuration(text)).toBe(ticks);
  });

  it.each(['', '5', '1H', '5 minutes', '1d12h', 'P', 'PT', '25:00:00', '00:61:00', 'PT1Y', '-1h', 'abc'])('refuses %j', (text) => {
    expect(parseRuleDuration(text)).toBeUndefined();
  });

  it('formats durations compactly', () => {
    expect(formatRuleDuration(14n * DAY)).toBe('14d');
    expect(formatRuleDuration(HOUR)).toBe('1h');
    expect(formatRuleDuration(90n * MINUTE)).toBe('1h30m');
    expect(formatRuleDuration(DAY + 12n * HOUR)).toBe('1d12h');
    expect(formatRuleDuration(0n)).toBe('0m');
  });
});
