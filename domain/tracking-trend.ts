// The labour office's grid and trend, as plain arithmetic: which column of a year a duty's
// period falls in (months, quarters, halves or the whole year), the on-time rate of each
// column and of each year, and where those rates sit on a chart. No I/O, no HTML.
import { localParts } from './local-time.ts';
import { rates, type ReportState } from './tracking.ts';

export const GRANULARITIES = ['month', 'quarter', 'half', 'year'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** The month (1–12) a period code ends in: `2026` → 12, `2026-H1` → 6, `2026-Q3` → 9. */
export function periodEndMonth(code: string): { year: number; month: number } | null {
  const m = /^(\d{4})(?:-(H[12]|Q[1-4]|\d{2}))?$/.exec(code);
  if (!m) return null;
  const year = Number(m[1]);
  const part = m[2];
  if (part === undefined) return { year, month: 12 };
  if (part.startsWith('H')) return { year, month: Number(part.slice(1)) * 6 };
  if (part.startsWith('Q')) return { year, month: Number(part.slice(1)) * 3 };
  const month = Number(part);
  return month >= 1 && month <= 12 ? { year, month } : null;
}

/** The column code of a month at a granularity: `2026-05`, `2026-Q2`, `2026-H1` or `2026`. */
export function columnOfMonth(year: number, month: number, g: Granularity): string {
  switch (g) {
    case 'month':
      return `${year}-${String(month).padStart(2, '0')}`;
    case 'quarter':
      return `${year}-Q${Math.ceil(month / 3)}`;
    case 'half':
      return `${year}-H${month <= 6 ? 1 : 2}`;
    case 'year':
      return String(year);
  }
}

/** Every column of a year at a granularity, in order. */
export function columnsOfYear(year: number, g: Granularity): string[] {
  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  return [...new Set(months.map((m) => columnOfMonth(year, m, g)))];
}

/**
 * The column a duty falls in: the month its period ends in, or for a period the code does
 * not place (a numbered deadline, `2026-2`), the local month of its deadline.
 */
export function columnOf(d: { period: string; dueAt: string }, g: Granularity): string {
  const end = periodEndMonth(d.period);
  if (end) return columnOfMonth(end.year, end.month, g);
  const local = localParts(Date.parse(d.dueAt));
  return columnOfMonth(local.year, local.month, g);
}

/** The finest granularity the periods need: months if any is a month, and so on. */
export function finestGranularity(periods: readonly string[]): Granularity {
  const parts = periods.map((p) => /^\d{4}-(H|Q|\d)/.exec(p)?.[1]);
  if (parts.some((x) => x !== undefined && /\d/.test(x))) return 'month';
  if (parts.includes('Q')) return 'quarter';
  if (parts.includes('H')) return 'half';
  return 'year';
}

/** One point of a trend: the reports counted at a column or a year, and their on-time rate. */
export interface TrendPoint {
  key: string;
  /** Owed by now: past their deadline, or in. */
  expected: number;
  onTime: number;
  /** onTime / expected; null when nothing is owed yet. */
  rate: number | null;
}

/** The on-time rate of each key, in the order given; keys with no item still get a point. */
export function trendOf(
  keys: readonly string[],
  items: readonly { key: string; state: ReportState }[],
): TrendPoint[] {
  const byKey = new Map<string, ReportState[]>(keys.map((k) => [k, []]));
  for (const item of items) byKey.get(item.key)?.push(item.state);
  return keys.map((key) => {
    const r = rates(byKey.get(key) ?? []);
    return { key, expected: r.expected, onTime: r.receivedOnTime, rate: r.reportingRateOnTime };
  });
}

/** A rate as Vietnamese and English readers write it: `66,7%` / `66.7%`; a dash for none. */
export function percentText(rate: number | null, lang: 'vi' | 'en'): string {
  if (rate === null) return '—';
  const n = Math.round(rate * 1000) / 10;
  return `${n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 })}%`;
}

export interface ChartBox {
  width: number;
  height: number;
  /** Room for the axis labels on the left and the column labels below. */
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface PlacedPoint extends TrendPoint {
  /** Centre of the point's slot; y only when there is a rate. */
  x: number;
  y: number | null;
}

export interface ChartLayout {
  points: PlacedPoint[];
  /** Lines join neighbouring points with a rate; a point without one breaks the line. */
  segments: { x1: number; y1: number; x2: number; y2: number }[];
  /** Horizontal guides at 0, 25, 50, 75 and 100 %. */
  ticks: { value: number; y: number }[];
  /** Width of one slot (the room each point's label has). */
  slot: number;
}

/** Where each point of a trend sits in a chart of 0–100 %, one slot per point. */
export function chartLayout(points: readonly TrendPoint[], box: ChartBox): ChartLayout {
  const plotW = Math.max(1, box.width - box.left - box.right);
  const plotH = Math.max(1, box.height - box.top - box.bottom);
  const slot = points.length === 0 ? plotW : plotW / points.length;
  const yOf = (rate: number) => round(box.top + plotH * (1 - Math.min(1, Math.max(0, rate))));
  const placed = points.map((p, i) => ({
    ...p,
    x: round(box.left + slot * (i + 0.5)),
    y: p.rate === null ? null : yOf(p.rate),
  }));
  const segments: ChartLayout['segments'] = [];
  for (let i = 1; i < placed.length; i++) {
    const a = placed[i - 1]!;
    const b = placed[i]!;
    if (a.y !== null && b.y !== null) segments.push({ x1: a.x, y1: a.y, x2: b.x, y2: b.y });
  }
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((value) => ({ value, y: yOf(value) }));
  return { points: placed, segments, ticks, slot: round(slot) };
}

const round = (n: number): number => Math.round(n * 10) / 10;
