// Who is late, counted the way government reports and DHIS2 count: an expected report is in
// on time, in late, missing (past due, nothing in) or not yet due; any other duty is completed
// on time, completed late, in progress within its deadline, or overdue. One colour per
// category, the same on every page, list and export.
import { DAY_MS } from './local-time.ts';

export const REPORT_STATES = ['on-time', 'late', 'missing', 'not-yet-due'] as const;
export type ReportState = (typeof REPORT_STATES)[number];
export const DUTY_STATES = [
  'completed-on-time',
  'completed-late',
  'in-progress',
  'overdue',
] as const;
export type DutyTrack = (typeof DUTY_STATES)[number];
export type Track = ReportState | DutyTrack;

/**
 * Four colours for the four categories both kinds share (on time, late, missing/overdue, not
 * yet due/in progress); dark enough for white text (contrast ≥ 4.5:1).
 */
export const TRACK_COLOURS: Record<Track, string> = {
  'on-time': '#1b7f3b',
  'completed-on-time': '#1b7f3b',
  late: '#8a5a00',
  'completed-late': '#8a5a00',
  missing: '#b3261e',
  overdue: '#b3261e',
  'not-yet-due': '#1f5fa8',
  'in-progress': '#1f5fa8',
};

export const TRACK_LABELS: Record<'vi' | 'en', Record<Track, string>> = {
  vi: {
    'on-time': 'Đúng hạn',
    late: 'Trễ hạn',
    missing: 'Chưa nộp (quá hạn)',
    'not-yet-due': 'Chưa đến hạn',
    'completed-on-time': 'Hoàn thành đúng hạn',
    'completed-late': 'Hoàn thành trễ hạn',
    'in-progress': 'Đang thực hiện trong hạn',
    overdue: 'Quá hạn',
  },
  en: {
    'on-time': 'On time',
    late: 'Late',
    missing: 'Missing (past due)',
    'not-yet-due': 'Not yet due',
    'completed-on-time': 'Completed on time',
    'completed-late': 'Completed late',
    'in-progress': 'In progress, within deadline',
    overdue: 'Overdue',
  },
};

/** Phases whose products are reports, counted in the reporting matrix. */
export const REPORT_PHASES: readonly string[] = ['reports', 'monthly-progress'];

export interface Tracked {
  status: string;
  /** The deadline in force: an extension granted moves it, and the agreed deadline is the one counted. */
  dueAt: string;
  /** The latest submission, if the product is in (submitted or accepted). */
  submittedAt: string | null;
}

/** Whether the product counts as received at `asOf`: in, and not returned since. */
export function receivedAt(d: Tracked, asOf: number): number | null {
  if (d.submittedAt === null || !['submitted', 'accepted'].includes(d.status)) return null;
  const at = Date.parse(d.submittedAt);
  return at <= asOf ? at : null;
}

/** A report's cell in the matrix; null for a cancelled duty, which nobody owes. */
export function reportState(d: Tracked, asOf: number): ReportState | null {
  if (d.status === 'cancelled') return null;
  const got = receivedAt(d, asOf);
  const due = Date.parse(d.dueAt);
  if (got !== null) return got <= due ? 'on-time' : 'late';
  return asOf >= due ? 'missing' : 'not-yet-due';
}

const AS_DUTY: Record<ReportState, DutyTrack> = {
  'on-time': 'completed-on-time',
  late: 'completed-late',
  missing: 'overdue',
  'not-yet-due': 'in-progress',
};

/** Any other duty's category; null for a cancelled one. */
export function dutyTrack(d: Tracked, asOf: number): DutyTrack | null {
  const s = reportState(d, asOf);
  return s === null ? null : AS_DUTY[s];
}

export interface Rates {
  /** Reports owed by now: past their deadline, or already in. */
  expected: number;
  received: number;
  receivedOnTime: number;
  /** received / expected; null when nothing is expected yet. */
  reportingRate: number | null;
  /** on-time reports / expected reports. */
  reportingRateOnTime: number | null;
}

export function rates(states: readonly ReportState[]): Rates {
  const received = states.filter((s) => s === 'on-time' || s === 'late').length;
  const receivedOnTime = states.filter((s) => s === 'on-time').length;
  const expected = states.filter((s) => s !== 'not-yet-due').length;
  return {
    expected,
    received,
    receivedOnTime,
    reportingRate: expected === 0 ? null : received / expected,
    reportingRateOnTime: expected === 0 ? null : receivedOnTime / expected,
  };
}

/** Whole days past the deadline, a part day counting as one: due at 00:00, 09:00 is one day late. */
export function daysOverdue(dueAt: string, asOf: number): number {
  return Math.max(0, Math.ceil((asOf - Date.parse(dueAt)) / DAY_MS));
}

/** Whole days left before the deadline, a part day counting as one. */
export function daysLeft(dueAt: string, asOf: number): number {
  return Math.max(0, Math.ceil((Date.parse(dueAt) - asOf) / DAY_MS));
}

/** The report a duty instance belongs to: a group-led duty "VII.1~a-luoi.x" is report "VII.1". */
export function reportRefOf(dutyId: string): string {
  return dutyId.split('~')[0] ?? dutyId;
}

/** `2026` covers 2026 and every period within it (`2026-06`, `2026-H1`); `2026-06` only itself. */
export function inPeriod(period: string, filter: string): boolean {
  return period === filter || period.startsWith(`${filter}-`);
}
