import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  localDaysBetween,
  localInstant,
  localParts,
  toLocalIso,
} from '../../domain/local-time.ts';

describe('local time (Asia/Ho_Chi_Minh, UTC+7)', () => {
  it('places local midnight seven hours before UTC midnight', () => {
    expect(new Date(localInstant(2026, 6, 20)).toISOString()).toBe('2026-06-19T17:00:00.000Z');
  });

  it('writes dates dd/mm/yyyy in local time, even when UTC is still the day before', () => {
    const ms = Date.parse('2026-06-19T17:30:00Z');
    expect(formatDate(ms)).toBe('20/06/2026');
    expect(formatDateTime(ms)).toBe('00:30 20/06/2026');
    expect(toLocalIso(ms)).toBe('2026-06-20T00:30:00+07:00');
  });

  it('knows the local weekday', () => {
    expect(localParts(localInstant(2026, 6, 20)).weekday).toBe(6); // Saturday
  });

  it('counts local calendar days', () => {
    expect(localDaysBetween(localInstant(2026, 6, 13, 8), localInstant(2026, 6, 20))).toBe(7);
    expect(localDaysBetween(localInstant(2026, 6, 22, 8), localInstant(2026, 6, 20))).toBe(-2);
  });
});
