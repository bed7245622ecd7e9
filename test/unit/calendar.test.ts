import { describe, expect, it } from 'vitest';
import { deliveryInstant, IMMEDIATE_CALENDAR, isWorkingDay } from '../../domain/calendar.ts';
import { formatDateTime, localInstant } from '../../domain/local-time.ts';
import { CALENDAR_2026 } from '../support/fixtures.ts';

const at = (ms: number): string => formatDateTime(ms);

describe('work calendar', () => {
  it('treats weekends and configured holidays as days off, make-up days as working', () => {
    const cal = { ...CALENDAR_2026, makeUpWorkingDays: ['2026-05-09'] };
    expect(isWorkingDay(cal, localInstant(2026, 6, 19, 12))).toBe(true); // Friday
    expect(isWorkingDay(cal, localInstant(2026, 6, 20, 12))).toBe(false); // Saturday
    expect(isWorkingDay(cal, localInstant(2026, 4, 30, 12))).toBe(false); // 30/4 holiday
    expect(isWorkingDay(cal, localInstant(2026, 5, 9, 12))).toBe(true); // make-up Saturday
  });

  it('delivers a later message at the next office hour on a working day', () => {
    // Saturday 20/6 00:00 -> Monday 22/6 08:00
    expect(at(deliveryInstant(CALENDAR_2026, localInstant(2026, 6, 20), 'later'))).toBe(
      '08:00 22/06/2026',
    );
    // Past the office hour on a working day: the next working morning.
    expect(at(deliveryInstant(CALENDAR_2026, localInstant(2026, 6, 17, 9), 'later'))).toBe(
      '08:00 18/06/2026',
    );
    // Across the 30/4 – 1/5 holidays and the weekend: Wednesday 29/4 noon -> Monday 4/5.
    expect(at(deliveryInstant(CALENDAR_2026, localInstant(2026, 4, 29, 12), 'later'))).toBe(
      '08:00 04/05/2026',
    );
  });

  it('brings an earlier message forward to the last working day', () => {
    // Sunday 14/6 -> Friday 12/6 08:00
    expect(at(deliveryInstant(CALENDAR_2026, localInstant(2026, 6, 14), 'earlier'))).toBe(
      '08:00 12/06/2026',
    );
    expect(at(deliveryInstant(CALENDAR_2026, localInstant(2026, 6, 17, 15), 'earlier'))).toBe(
      '08:00 17/06/2026',
    );
  });

  it('delivers at once when the calendar has no office hour', () => {
    const t = localInstant(2026, 6, 20, 3, 17);
    expect(deliveryInstant(IMMEDIATE_CALENDAR, t, 'later')).toBe(t);
  });

  it('refuses a calendar with no working day at all', () => {
    const cal = { officeHour: '08:00', holidays: [], makeUpWorkingDays: [] };
    const allOff = {
      ...cal,
      holidays: Array.from({ length: 400 }, (_, i) =>
        new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
      ),
    };
    expect(() => deliveryInstant(allOff, localInstant(2026, 1, 1), 'later')).toThrow(
      'no working day',
    );
  });
});
