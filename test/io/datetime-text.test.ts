import { describe, expect, it } from 'vitest';
import { parseDatetimeBytes, parseDatetimeText } from '../../src/io/datetime-text.js';
import { parseDatetime } from '../../src/types/datetime.js';

const ticks = (iso: string) => BigInt(Date.parse(iso)) * 10_000n;

describe('datetime cells', () => {
  it('reads ISO 8601 exactly, to the 100 ns tick', () => {
    expect(parseDatetimeText('2024-05-01T04:48:00.110Z')).toBe(ticks('2024-05-01T04:48:00.110Z'));
    expect(parseDatetimeText('2024-05-01T04:48:00.1234567Z')).toBe(ticks('2024-05-01T04:48:00.123Z') + 4567n);
    expect(parseDatetimeText('2024-05-01T04:48:00.123456789Z')).toBe(ticks('2024-05-01T04:48:00.123Z') + 4567n);
    expect(parseDatetimeText('2024-05-01 04:48:00')).toBe(ticks('2024-05-01T04:48:00Z'));
    expect(parseDatetimeText('2024-05-01T04:48')).toBe(ticks('2024-05-01T04:48:00Z'));
    expect(parseDatetimeText('2024-05-01')).toBe(ticks('2024-05-01T00:00:00Z'));
    expect(parseDatetimeText(' 2024-05-01T04:48:00Z ')).toBe(ticks('2024-05-01T04:48:00Z'));
  });

  it('applies zone offsets', () => {
    expect(parseDatetimeText('2024-05-01T06:48:00+02:00')).toBe(ticks('2024-05-01T04:48:00Z'));
    expect(parseDatetimeText('2024-05-01T00:18:00-0430')).toBe(ticks('2024-05-01T04:48:00Z'));
  });

  it('reads the US form of Log Analytics exports as UTC', () => {
    expect(parseDatetimeText('8/17/2023, 6:52:13 AM')).toBe(ticks('2023-08-17T06:52:13Z'));
    expect(parseDatetimeText('8/17/2023 6:52:13 AM')).toBe(ticks('2023-08-17T06:52:13Z'));
    expect(parseDatetimeText('8/17/2023, 6:52:13.123 PM')).toBe(ticks('2023-08-17T18:52:13.123Z'));
    expect(parseDatetimeText('12/31/2023, 12:00:00 AM')).toBe(ticks('2023-12-31T00:00:00Z'));
    expect(parseDatetimeText('12/31/2023, 12:30:00 pm')).toBe(ticks('2023-12-31T12:30:00Z'));
    expect(parseDatetimeText('1/2/2024 23:05')).toBe(ticks('2024-01-02T23:05:00Z'));
    expect(parseDatetimeText('1/2/2024')).toBe(ticks('2024-01-02T00:00:00Z'));
  });

  it('rejects impossible dates and times', () => {
    for (const bad of ['2023-02-29', '2023-13-01', '2/30/2023 1:00:00 AM', '8/17/2023 13:00:00 PM', '8/17/2023 0:00:00 AM',
      '2024-05-01T24:00:00Z', '2024-05-01T04:60:00Z', '17/8/2023 6:52:13', 'yesterday', '', '12345', '10.2.7-h3']) {
      expect(parseDatetimeText(bad), bad).toBeUndefined();
    }
    expect(parseDatetimeText('2024-02-29')).toBe(ticks('2024-02-29T00:00:00Z'));
  });

  it('handles dates before 1970 and far ahead', () => {
    expect(parseDatetimeText('1969-12-31T23:59:59.9999999Z')).toBe(-1n);
    expect(parseDatetimeText('0001-01-01T00:00:00Z')).toBe(-621355968000000000n);
    expect(parseDatetimeText('9999-12-31T23:59:59.9999999Z')).toBe(2534023007999999999n);
  });

  it('falls back to the forms todatetime() accepts', () => {
    expect(parseDatetimeText('Sat, 8 Nov 2014 15:05:02 GMT')).toBe(parseDatetime('Sat, 8 Nov 2014 15:05:02 GMT'));
    expect(parseDatetimeText('2014-1-5 3:04:05')).toBe(parseDatetime('2014-1-5 3:04:05'));
  });

  it('reads a cell in place, never past its end', () => {
    const out = new Float64Array(2);
    const buf = Buffer.from('x,2024-05-01,2024-05-01T04:48:00.5Z9,8/17/2023 6:52:13 AM,');
    expect(parseDatetimeBytes(buf, 2, 12, out)).toBe(true);
    expect([...out]).toEqual([Date.parse('2024-05-01T00:00:00Z'), 0]);
    expect(parseDatetimeBytes(buf, 13, 35, out)).toBe(true);
    expect([...out]).toEqual([Date.parse('2024-05-01T04:48:00.500Z'), 0]);
    expect(parseDatetimeBytes(buf, 13, 36, out)).toBe(false); // the 9 is part of this cell
    expect(parseDatetimeBytes(buf, 37, 57, out)).toBe(true);
    expect([...out]).toEqual([Date.parse('2023-08-17T06:52:13Z'), 0]);
    expect(parseDatetimeBytes(buf, 37, 56, out)).toBe(false); // cut inside "AM"
  });
});
