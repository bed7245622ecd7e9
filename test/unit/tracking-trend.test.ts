// The grid's columns and the trend's arithmetic: which column a period falls in, the on-time
// rate of each column, and where each rate sits on the chart.
import { describe, expect, it } from 'vitest';
import {
  chartLayout,
  columnOf,
  columnsOfYear,
  finestGranularity,
  percentText,
  periodEndMonth,
  trendOf,
} from '../../domain/tracking-trend.ts';

describe('periods into columns', () => {
  it('places each kind of period by the month it ends in', () => {
    expect(periodEndMonth('2026')).toEqual({ year: 2026, month: 12 });
    expect(periodEndMonth('2026-H1')).toEqual({ year: 2026, month: 6 });
    expect(periodEndMonth('2026-Q3')).toEqual({ year: 2026, month: 9 });
    expect(periodEndMonth('2026-05')).toEqual({ year: 2026, month: 5 });
    // A numbered deadline says nothing of its month.
    expect(periodEndMonth('2026-2')).toBeNull();
    expect(periodEndMonth('2026-13')).toBeNull();
  });

  it('names the column of a period at each granularity', () => {
    const d = (period: string) => ({ period, dueAt: '2026-08-19T17:00:00.000Z' });
    expect(columnOf(d('2026-05'), 'month')).toBe('2026-05');
    expect(columnOf(d('2026-05'), 'quarter')).toBe('2026-Q2');
    expect(columnOf(d('2026-05'), 'half')).toBe('2026-H1');
    expect(columnOf(d('2026-05'), 'year')).toBe('2026');
    expect(columnOf(d('2026-H2'), 'quarter')).toBe('2026-Q4');
    expect(columnOf(d('2026'), 'month')).toBe('2026-12');
    // By its deadline's local month: 20/08 00:00 in Hà Nội is 19/08 17:00 UTC.
    expect(columnOf(d('2026-2'), 'month')).toBe('2026-08');
    expect(columnOf(d('2026-2'), 'quarter')).toBe('2026-Q3');
  });

  it('lists every column of a year in order', () => {
    expect(columnsOfYear(2026, 'month')).toHaveLength(12);
    expect(columnsOfYear(2026, 'month')[0]).toBe('2026-01');
    expect(columnsOfYear(2026, 'quarter')).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(columnsOfYear(2026, 'half')).toEqual(['2026-H1', '2026-H2']);
    expect(columnsOfYear(2026, 'year')).toEqual(['2026']);
  });

  it('chooses the finest granularity the periods need', () => {
    expect(finestGranularity(['2026', '2026-03', '2026-H1'])).toBe('month');
    expect(finestGranularity(['2026', '2026-Q1'])).toBe('quarter');
    expect(finestGranularity(['2026-H1', '2026-H2'])).toBe('half');
    expect(finestGranularity(['2026'])).toBe('year');
    expect(finestGranularity([])).toBe('year');
  });
});

describe('the on-time rate of each point', () => {
  it('counts on time over what is owed by now, leaving out what is not yet due', () => {
    const points = trendOf(
      ['2026-Q1', '2026-Q2', '2026-Q3'],
      [
        { key: '2026-Q1', state: 'on-time' },
        { key: '2026-Q1', state: 'late' },
        { key: '2026-Q1', state: 'missing' },
        { key: '2026-Q2', state: 'on-time' },
        { key: '2026-Q2', state: 'not-yet-due' },
        { key: '2026-Q3', state: 'not-yet-due' },
        // Not a point of this trend: ignored.
        { key: '2025', state: 'late' },
      ],
    );
    expect(points).toEqual([
      { key: '2026-Q1', expected: 3, onTime: 1, rate: 1 / 3 },
      { key: '2026-Q2', expected: 1, onTime: 1, rate: 1 },
      { key: '2026-Q3', expected: 0, onTime: 0, rate: null },
    ]);
  });

  it('writes rates the way each reader does', () => {
    expect(percentText(1 / 3, 'vi')).toBe('33,3%');
    expect(percentText(2 / 3, 'en')).toBe('66.7%');
    expect(percentText(1, 'vi')).toBe('100%');
    expect(percentText(null, 'vi')).toBe('—');
  });
});

describe('the chart', () => {
  const box = { width: 400, height: 200, left: 40, right: 0, top: 20, bottom: 40 };

  it('puts 100% at the top of the plot and 0% at its foot, one slot per point', () => {
    const layout = chartLayout(
      [
        { key: 'a', expected: 2, onTime: 2, rate: 1 },
        { key: 'b', expected: 2, onTime: 0, rate: 0 },
        { key: 'c', expected: 4, onTime: 2, rate: 0.5 },
        { key: 'd', expected: 0, onTime: 0, rate: null },
      ],
      box,
    );
    expect(layout.slot).toBe(90);
    expect(layout.points.map((p) => [p.x, p.y])).toEqual([
      [85, 20],
      [175, 160],
      [265, 90],
      [355, null],
    ]);
    expect(layout.ticks.map((t) => t.y)).toEqual([160, 125, 90, 55, 20]);
  });

  it('breaks the line at a point with no rate', () => {
    const layout = chartLayout(
      [
        { key: 'a', expected: 1, onTime: 1, rate: 1 },
        { key: 'b', expected: 0, onTime: 0, rate: null },
        { key: 'c', expected: 1, onTime: 0, rate: 0 },
        { key: 'd', expected: 1, onTime: 1, rate: 1 },
      ],
      box,
    );
    expect(layout.segments).toEqual([{ x1: 265, y1: 160, x2: 355, y2: 20 }]);
  });
});
