import { describe, expect, it } from 'vitest';
import { count, dateTime, DASH, hours, interval, money, percent, perHour, pValue, signedPercent } from './format';

describe('dashboard formatting', () => {
  it('turns missing and non-finite numbers into a dash, never NaN', () => {
    for (const f of [percent, signedPercent, pValue, count, hours]) {
      for (const x of [null, undefined, NaN, Infinity, -Infinity]) expect(f(x)).toBe(DASH);
    }
    expect(money(NaN, 'EUR')).toBe(DASH);
    expect(interval(null)).toBe(DASH);
    expect(interval([NaN, 0.1])).toBe(DASH);
    expect(dateTime('not a date')).toBe(DASH);
    expect(dateTime(null)).toBe(DASH);
  });

  it('formats rates, signed lifts and intervals with a real minus sign', () => {
    expect(percent(0.04123)).toBe('4.12%');
    expect(percent(0.5, 0)).toBe('50%');
    expect(signedPercent(0.102)).toBe('+10.2%');
    expect(signedPercent(-0.05)).toBe('−5.0%');
    expect(signedPercent(0.00001)).toBe('0.0%');
    expect(signedPercent(-0.00001)).toBe('0.0%');
    expect(interval([-0.142, 0.331])).toBe('−14.2% to +33.1%');
  });

  it('formats p-values the way the summary does', () => {
    expect(pValue(0.0299)).toBe('p = 0.030');
    expect(pValue(0.0004)).toBe('p < 0.001');
    expect(pValue(1)).toBe('p = 1.000');
  });

  it('formats counts, money and hours', () => {
    expect(count(12345.4)).toBe('12,345');
    expect(money(2524, 'EUR')).toBe('€2,524.00');
    expect(money(1.5, 'CNY')).toBe('CN¥1.50');
    expect(hours(0.5)).toBe('30 min');
    expect(hours(3.46)).toBe('3.5 h');
    expect(hours(12)).toBe('12 h');
    expect(hours(7974)).toBe('332 d');
    expect([12.4, 2.66, 0.0413, 0].map(perHour)).toEqual(['12 units/h', '2.7 units/h', '0.041 units/h', '0.0 units/h']);
    expect(perHour(NaN)).toBe(DASH);
  });

  it('prints times in a fixed, sortable shape', () => {
    expect(dateTime('2025-06-01T12:05:00Z', 'UTC')).toBe('2025-06-01 12:05');
    expect(dateTime('2025-06-01T00:00:00Z', 'Asia/Shanghai')).toBe('2025-06-01 08:00');
  });
});
