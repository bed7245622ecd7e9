// The disbursement chart's arithmetic: cumulative series, the lag months (the same test as the
// cycle's lag warning), the axis in triệu or tỷ đồng, and money as Vietnamese write it.
import { describe, expect, it } from 'vitest';
import * as rules from '../../domain/cycle-rules.ts';
import {
  cumulative,
  disbursementChart,
  formatDong,
  formatUnits,
  fractionOf,
  parseDong,
  scaleFor,
} from '../../domain/disbursement-chart.ts';
import type { CycleState } from '../../common/cycle-schema.ts';

const zeros = () => Array.from({ length: 12 }, () => '0');
const plan = (...months: number[]) => {
  const out = zeros();
  months.forEach((v, i) => (out[i] = String(v)));
  return out;
};

describe('the disbursement chart', () => {
  it('adds up the plan and the reported months; the actual line stops at the last report', () => {
    const chart = disbursementChart({
      monthlyPlan: plan(100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100),
      disbursed: plan(90, 80),
      lagThreshold: 0.8,
    });
    expect(chart.rows.map((r) => r.plannedCum)).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => BigInt(m * 100)),
    );
    expect(chart.rows.slice(0, 3).map((r) => r.actualCum)).toEqual([90n, 170n, undefined]);
    expect(chart.reportedThrough).toBe(2);
    expect(chart.plannedTotal).toBe(1200n);
    expect(chart.actualTotal).toBe(170n);
    expect(chart.rows[1]?.sharePercent).toBe(85);
    expect(chart.lags).toEqual([]);
  });

  it('a month whose cumulative actual is below the threshold share of the plan lags', () => {
    const chart = disbursementChart({
      monthlyPlan: plan(100, 100, 100),
      disbursed: plan(90, 40, 200),
      lagThreshold: 0.8,
    });
    // 90/100 = 90 %, 130/200 = 65 % (lags), 330/300 = 110 %.
    expect(chart.lags).toEqual([{ month: 2, planned: 200n, actual: 130n, sharePercent: 65 }]);
    expect(chart.rows.map((r) => r.lag)).toEqual([
      false,
      true,
      ...Array.from({ length: 10 }, () => false),
    ]);
    expect(chart.thresholdPercent).toBe(80);
  });

  it('lags exactly where the cycle warns', () => {
    const monthlyPlan = plan(500, 300, 0, 700, 100);
    const reports = [400, 0, 10, 100, 900];
    const state = {
      policy: { lagThreshold: 0.75, commitmentAfterAllocation: 'P30D' },
      projects: [
        {
          ref: '1',
          title: 't',
          lead: 'a',
          leadName: 'A',
          allocations: [],
          allocated: '0',
          monthlyPlan,
          disbursed: zeros(),
          warned: [],
        },
      ],
    } as unknown as CycleState;
    const warned: number[] = [];
    reports.forEach((amount, i) => {
      const lag = rules.applyDisbursement(state, {
        actor: { name: 'x', agencyId: 'a' },
        projectRef: '1',
        month: i + 1,
        amount: String(amount),
      });
      if (lag) warned.push(lag.month);
    });
    const chart = disbursementChart({
      monthlyPlan,
      disbursed: reports.map(String),
      lagThreshold: 0.75,
    });
    expect(chart.lags.map((l) => l.month)).toEqual(warned);
    expect(warned.length).toBeGreaterThan(0);
  });

  it('without a plan it still draws what was disbursed, and nothing lags', () => {
    const chart = disbursementChart({ disbursed: plan(5_000_000), lagThreshold: 0.8 });
    expect(chart.plannedTotal).toBeUndefined();
    expect(chart.rows[0]).toMatchObject({ actualCum: 5_000_000n, plannedCum: undefined });
    expect(chart.lags).toEqual([]);
  });

  it('cumulative sums run on', () => {
    expect(cumulative([1n, 2n, 3n])).toEqual([1n, 3n, 6n]);
  });
});

describe('the axis', () => {
  it('is in tỷ đồng from a billion, with round ticks reaching past the top value', () => {
    const s = scaleFor(1_850_000_000n);
    expect(s.unit).toBe('billion');
    expect(s.ticks[0]).toBe(0);
    expect(s.top).toBeGreaterThanOrEqual(1.85);
    expect(s.ticks.at(-1)).toBe(s.top);
    expect(s.ticks.length).toBeGreaterThanOrEqual(3);
    expect(s.ticks.length).toBeLessThanOrEqual(7);
    expect(s.ticks).toEqual([0, 0.5, 1, 1.5, 2]);
  });

  it('is in triệu đồng below a billion', () => {
    const s = scaleFor(370_000_000n);
    expect(s.unit).toBe('million');
    expect(s.top).toBe(400);
    expect(fractionOf(200_000_000n, s)).toBe(0.5);
  });

  it('an empty chart still has an axis', () => {
    expect(scaleFor(0n).ticks.length).toBeGreaterThan(1);
  });
});

describe('money as Vietnamese write it', () => {
  it('groups đồng with dots', () => {
    expect(formatDong(1_234_567n)).toBe('1.234.567 đ');
    expect(formatDong('500')).toBe('500 đ');
    expect(formatUnits(2.5)).toBe('2,5');
    expect(formatUnits(1200)).toBe('1.200');
  });

  it('reads typed amounts with dots or spaces, refuses commas and fractions', () => {
    expect(parseDong('1.500.000.000')).toBe('1500000000');
    expect(parseDong(' 1 500 000 đ')).toBe('1500000');
    expect(parseDong('2000000 đồng')).toBe('2000000');
    expect(parseDong('007')).toBe('7');
    expect(parseDong('1,5')).toBeUndefined();
    expect(parseDong('abc')).toBeUndefined();
    expect(parseDong('')).toBeUndefined();
    expect(parseDong('-5')).toBeUndefined();
  });
});
