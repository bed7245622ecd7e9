// The national calendar: Tết and the Hùng Kings' day from the Vietnamese lunar calendar, the
// day in lieu of a holiday on a weekend, the announced schedules of the data file, and the
// calendar a duty carries (the plan's own days with the national ones).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deliveryInstant } from '../../domain/calendar.ts';
import {
  dutyCalendar,
  hungKingsDate,
  nationalYear as computeYear,
  shiftedSource,
  statutoryDays,
  tetDate,
  type NationalYear,
} from '../../domain/holidays.ts';
import { formatDateTime, localInstant } from '../../domain/local-time.ts';
import { holidayData, nationalYear } from '../../plans/national-calendar.ts';

const offDates = (y: NationalYear) => y.daysOff.map((d) => d.date);
const weekdayOff = (y: NationalYear) =>
  y.daysOff.filter((d) => ![0, 6].includes(new Date(`${d.date}T00:00:00Z`).getUTCDay()));

describe('the lunar holidays', () => {
  it('puts Tết on the day Vietnam celebrates it, not the Chinese new year', () => {
    // Published dates of mùng 1 Tết.
    expect(tetDate(2023)).toBe('2023-01-22');
    expect(tetDate(2024)).toBe('2024-02-10');
    expect(tetDate(2025)).toBe('2025-01-29');
    expect(tetDate(2026)).toBe('2026-02-17');
    expect(tetDate(2027)).toBe('2027-02-06');
    // Years where Vietnam's calendar (UTC+7) and China's (UTC+8) disagree.
    expect(tetDate(2007)).toBe('2007-02-17'); // China: 18/02/2007
    expect(tetDate(1985)).toBe('1985-01-21'); // China: 20/02/1985
    expect(tetDate(2030)).toBe('2030-02-02'); // China: 03/02/2030
  });

  it("puts the Hùng Kings' day on the 10th of the 3rd lunar month", () => {
    expect(hungKingsDate(2023)).toBe('2023-04-29');
    expect(hungKingsDate(2024)).toBe('2024-04-18');
    expect(hungKingsDate(2025)).toBe('2025-04-07');
    expect(hungKingsDate(2026)).toBe('2026-04-26');
  });

  it('names the five Tết days of the law: the last day of the year and mùng 1–4', () => {
    const tet = statutoryDays(2026).filter((d) => d.holiday === 'tet-nguyen-dan');
    expect(tet.map((d) => d.date)).toEqual([
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
    ]);
    const y = computeYear(2026);
    expect(y.daysOff.find((d) => d.date === '2026-02-16')?.lunar).toEqual({ day: 29, month: 12 });
    expect(y.daysOff.find((d) => d.date === '2026-02-17')?.lunar).toEqual({ day: 1, month: 1 });
  });
});

describe('days in lieu (nghỉ bù) by the law alone', () => {
  it('gives the next working day for a holiday on a weekend', () => {
    // 2026: Hùng Kings' day is a Sunday -> Monday 27/4 off.
    const y2026 = computeYear(2026);
    expect(y2026.daysOff.find((d) => d.date === '2026-04-27')).toMatchObject({
      holiday: 'gio-to-hung-vuong',
      kind: 'in-lieu',
    });
    // 2023: Hùng Kings (Sat 29/4), 30/4 (Sun), 1/5 (Mon): Tuesday and Wednesday in lieu,
    // the week's holidays off 29/4 – 3/5 as was announced.
    const y2023 = computeYear(2023);
    expect(weekdayOff(y2023).filter((d) => d.date.startsWith('2023-05'))).toEqual([
      expect.objectContaining({ date: '2023-05-01', kind: 'holiday' }),
      expect.objectContaining({ date: '2023-05-02', kind: 'in-lieu' }),
      expect.objectContaining({ date: '2023-05-03', kind: 'in-lieu' }),
    ]);
    // 2022: New Year's Day on a Saturday -> Monday 3/1; Quốc khánh 2/9 Friday + 1/9.
    const y2022 = computeYear(2022);
    expect(offDates(y2022)).toContain('2022-01-03');
    expect(offDates(y2022)).toEqual(expect.arrayContaining(['2022-09-01', '2022-09-02']));
    // Tết 2027 (Sat 6/2): the weekend days of Tết give Wednesday 10 and Thursday 11/2.
    expect(weekdayOff(computeYear(2027)).map((d) => d.date)).toEqual(
      expect.arrayContaining([
        '2027-02-05',
        '2027-02-08',
        '2027-02-09',
        '2027-02-10',
        '2027-02-11',
      ]),
    );
  });

  it('counts eleven holidays a year, never fewer working days off', () => {
    for (let year = 2021; year <= 2030; year++) {
      const y = computeYear(year);
      expect(y.daysOff.filter((d) => d.kind === 'holiday')).toHaveLength(11);
      // Every holiday on a weekend gives a working day; so 11 working days off in all.
      expect(weekdayOff(y)).toHaveLength(11);
    }
  });
});

describe('the announced schedules (data/holidays/vn.json)', () => {
  it('loads and checks the data file', () => {
    const data = holidayData();
    expect(data.years.map((y) => y.year)).toEqual(expect.arrayContaining([2023, 2024, 2025, 2026]));
  });

  it('follows the announced Tết spans instead of the default rule', () => {
    const tetOff = (year: number) =>
      nationalYear(year)
        .daysOff.filter((d) => d.holiday === 'tet-nguyen-dan')
        .map((d) => d.date);
    // Tết 2024 ran 08/02 – 14/02 (by the law alone: 09/02 – 15/02).
    expect(tetOff(2024)).toEqual([
      '2024-02-08',
      '2024-02-09',
      '2024-02-10',
      '2024-02-11',
      '2024-02-12',
      '2024-02-13',
      '2024-02-14',
    ]);
    expect(offDates(computeYear(2024))).toContain('2024-02-15');
    expect(offDates(nationalYear(2024))).not.toContain('2024-02-15');
    // Tết 2025: 25/01 – 02/02, and Monday 3/2 is a working day.
    expect(tetOff(2025)[0]).toBe('2025-01-25');
    expect(tetOff(2025).at(-1)).toBe('2025-02-02');
    expect(offDates(nationalYear(2025))).not.toContain('2025-02-03');
    // Tết 2026: 14/02 – 22/02.
    expect([tetOff(2026)[0], tetOff(2026).at(-1), tetOff(2026).length]).toEqual([
      '2026-02-14',
      '2026-02-22',
      9,
    ]);
  });

  it('adds bridges with their make-up Saturdays', () => {
    const y2024 = nationalYear(2024);
    expect(y2024.daysOff.find((d) => d.date === '2024-04-29')?.kind).toBe('announced');
    expect(y2024.makeUpWorkingDays.map((d) => d.date)).toEqual(['2024-05-04']);
    const y2025 = nationalYear(2025);
    expect(offDates(y2025)).toEqual(expect.arrayContaining(['2025-05-02', '2025-09-01']));
    expect(y2025.makeUpWorkingDays.map((d) => d.date)).toEqual(['2025-04-26']);
    const y2026 = nationalYear(2026);
    expect(offDates(y2026)).toContain('2026-01-02');
    expect(y2026.makeUpWorkingDays.map((d) => d.date)).toEqual(['2026-01-10']);
    expect(y2026.daysOff.find((d) => d.date === '2026-09-01')?.estimate).toBe(true);
  });

  const dir = mkdtempSync(join(tmpdir(), 'holidays-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a malformed file, saying what is wrong', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        years: [
          {
            year: 2027,
            periods: [
              {
                holidays: ['tet-nguyen-dan'],
                from: '2027-02-05',
                to: '2027-02-11',
                makeUpWorkingDays: ['2027-02-17'], // a Wednesday
              },
            ],
          },
        ],
      }),
    );
    expect(() => holidayData(file)).toThrow(/makeUpWorkingDays.*Saturday or a Sunday/);
    writeFileSync(
      file,
      JSON.stringify({ years: [{ year: 2027, periods: [{ holidays: ['x'] }] }] }),
    );
    expect(() => holidayData(file)).toThrow(/not a valid holiday file/);
  });
});

describe('a duty’s calendar', () => {
  const plan = { officeHour: '08:00', holidays: ['2026-03-26'], makeUpWorkingDays: [] };

  it('adds the national working days off of the year before to the year after', () => {
    const cal = dutyCalendar(plan, 2026, nationalYear);
    expect(cal.holidays).toEqual(
      expect.arrayContaining(['2025-09-01', '2026-02-16', '2026-03-26', '2027-01-01']),
    );
    expect(cal.holidays).not.toContain('2024-09-03');
    expect(cal.holidays.every((d) => ![0, 6].includes(new Date(d).getUTCDay()))).toBe(true);
    expect(cal.makeUpWorkingDays).toEqual(['2025-04-26', '2026-01-10']);
    // Well inside the duty schema's bounds.
    expect(cal.holidays.length).toBeLessThan(100);
    // A reminder due on mùng 2 Tết goes out on the Friday before Tết.
    const at = deliveryInstant(cal, localInstant(2026, 2, 18, 12), 'earlier');
    expect(formatDateTime(at)).toBe('08:00 13/02/2026');
    // An overdue notice after 29/4/2026 waits for Monday 4/5.
    expect(formatDateTime(deliveryInstant(cal, localInstant(2026, 4, 29, 12), 'later'))).toBe(
      '08:00 04/05/2026',
    );
  });

  it('in a shadow year, carries the real year’s days moved, not the shadow year’s own', () => {
    // 2024 is simulated in 2052 (same weekdays, leap too): 28 years on.
    const shadow = shiftedSource(nationalYear, 28);
    const cal = dutyCalendar({ ...plan, holidays: [] }, 2052, shadow);
    expect(cal.holidays).toEqual(
      expect.arrayContaining(['2052-02-08', '2052-02-14', '2052-04-29', '2052-09-03']),
    );
    expect(cal.makeUpWorkingDays).toContain('2052-05-04');
    // 2052's own Tết, a weekday unlike 2024's, is not a day off there.
    const ownTet = tetDate(2052);
    expect(ownTet).not.toBe('2052-02-10');
    expect(cal.holidays).not.toContain(ownTet);
  });
});
