// The arithmetic of a project's disbursement chart: the committed month-by-month plan and the
// reported disbursements as cumulative series, the months lagging the policy's share of the
// plan, and a scale in triệu or tỷ đồng with round ticks. Money stays whole đồng in bigint
// until it becomes a position on the chart; the lag test is the cycle's own (domain/
// cycle-rules.ts applyDisbursement): cumulative actual / cumulative plan < threshold,
// compared in thousandths.

export const MONTHS = 12;

export interface MonthRow {
  month: number;
  /** The committed figure of the month, and the plan's total up to it (no plan: undefined). */
  planned: bigint | undefined;
  plannedCum: bigint | undefined;
  actual: bigint;
  /** Up to the last month reported; undefined after it (nothing to draw yet). */
  actualCum: bigint | undefined;
  /** Cumulative actual as a share of the cumulative plan, in whole per cent. */
  sharePercent: number | undefined;
  lag: boolean;
}

export interface LagMonth {
  month: number;
  planned: bigint;
  actual: bigint;
  sharePercent: number;
}

export interface Scale {
  unit: 'million' | 'billion';
  /** The top of the axis, in the unit (a round number). */
  top: number;
  /** Values of the gridlines, in the unit, from 0 to top. */
  ticks: number[];
}

export interface DisbursementChart {
  rows: MonthRow[];
  /** The last month with a figure reported; 0 while none is. */
  reportedThrough: number;
  plannedTotal: bigint | undefined;
  actualTotal: bigint;
  lags: LagMonth[];
  /** The policy's share of the plan below which a month lags, in whole per cent. */
  thresholdPercent: number;
  scale: Scale;
}

const big = (digits: string | undefined): bigint =>
  digits !== undefined && /^\d{1,30}$/.test(digits) ? BigInt(digits) : 0n;

/** Running totals: [a, a+b, a+b+c, …]. */
export function cumulative(values: readonly bigint[]): bigint[] {
  let sum = 0n;
  return values.map((v) => (sum += v));
}

const percent = (part: bigint, whole: bigint): number =>
  whole === 0n ? 0 : Number((part * 1000n) / whole) / 10;

export function disbursementChart(input: {
  monthlyPlan?: readonly string[] | undefined;
  disbursed: readonly string[];
  lagThreshold: number;
}): DisbursementChart {
  const months = Array.from({ length: MONTHS }, (_, i) => i + 1);
  const plan = input.monthlyPlan ? months.map((m) => big(input.monthlyPlan?.[m - 1])) : undefined;
  const actual = months.map((m) => big(input.disbursed[m - 1]));
  const planCum = plan ? cumulative(plan) : undefined;
  const actualCum = cumulative(actual);
  const reportedThrough = actual.reduce((last, v, i) => (v > 0n ? i + 1 : last), 0);
  const thousandths = BigInt(Math.round(input.lagThreshold * 1000));
  const rows: MonthRow[] = months.map((m) => {
    const i = m - 1;
    const pc = planCum?.[i];
    const reported = m <= reportedThrough;
    const ac = reported ? actualCum[i] : undefined;
    const lag = pc !== undefined && ac !== undefined && pc > 0n && ac * 1000n < pc * thousandths;
    return {
      month: m,
      planned: plan?.[i],
      plannedCum: pc,
      actual: actual[i] ?? 0n,
      actualCum: ac,
      sharePercent: pc !== undefined && pc > 0n && ac !== undefined ? percent(ac, pc) : undefined,
      lag,
    };
  });
  const plannedTotal = planCum?.[MONTHS - 1];
  const actualTotal = actualCum[MONTHS - 1] ?? 0n;
  return {
    rows,
    reportedThrough,
    plannedTotal,
    actualTotal,
    lags: rows
      .filter((r) => r.lag)
      .map((r) => ({
        month: r.month,
        planned: r.plannedCum ?? 0n,
        actual: r.actualCum ?? 0n,
        sharePercent: r.sharePercent ?? 0,
      })),
    thresholdPercent: Math.round(input.lagThreshold * 1000) / 10,
    scale: scaleFor(
      plannedTotal !== undefined && plannedTotal > actualTotal ? plannedTotal : actualTotal,
    ),
  };
}

const UNIT_DONG = { million: 1_000_000, billion: 1_000_000_000 } as const;

/** A round step (1, 2, 2.5 or 5 × 10^k) giving about four intervals up to `max`. */
function niceStep(max: number): number {
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * power).find((s) => s >= rough) ?? 10 * power;
  return step;
}

const tidy = (n: number): number => Math.round(n * 1e6) / 1e6;

/** The axis for values up to `max` đồng: tỷ đồng from a billion, triệu đồng below. */
export function scaleFor(max: bigint): Scale {
  const unit = max >= 1_000_000_000n ? 'billion' : 'million';
  const inUnits = Number(max) / UNIT_DONG[unit];
  if (inUnits <= 0) return { unit, top: 1, ticks: [0, 0.5, 1] };
  const step = niceStep(inUnits);
  const top = tidy(Math.ceil(tidy(inUnits / step)) * step);
  const ticks: number[] = [];
  for (let t = 0; t <= top + step / 1000; t = tidy(t + step)) ticks.push(t);
  return { unit, top, ticks };
}

/** Where a value in đồng sits on the axis: 0 at the bottom, 1 at the top. */
export const fractionOf = (value: bigint, scale: Scale): number =>
  Math.min(1, Math.max(0, Number(value) / UNIT_DONG[scale.unit] / scale.top));

const group = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** Whole đồng the Vietnamese way: "1.234.567 đ". */
export const formatDong = (value: bigint | string): string => `${group(String(value))} đ`;

/**
 * A number of the axis' unit as the reader writes it: "2,5" and "1.200" in Vietnamese,
 * "2.5" and "1,200" in English.
 */
export function formatUnits(value: number, lang: 'vi' | 'en' = 'vi'): string {
  const [whole = '0', fraction] = String(tidy(value)).split('.');
  const grouped = lang === 'vi' ? group(whole) : whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${grouped}${fraction ? `${lang === 'vi' ? ',' : '.'}${fraction}` : ''}`;
}

/**
 * An amount typed into a form as whole đồng: "1.500.000.000", "1 500 000 000" or
 * "1500000000 đ". A comma is refused (is "1,5" a decimal or a group?), as are fractions.
 */
export function parseDong(text: string | undefined): string | undefined {
  const compact = (text ?? '')
    .normalize('NFC')
    .replace(/\s*(đồng|đ)\s*$/i, '')
    .replace(/[\s\u00a0.]/g, '');
  if (!/^\d{1,18}$/.test(compact)) return undefined;
  return String(BigInt(compact));
}
