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
    'completed-late': 'Hoàn thành quá hạn',
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

/**
 * What happened to a duty, as its recorded history tells it, in order: each submission, each
 * extension granted (its decision instant and the date it set), each return for revision and
 * each change of lead.
 */
export type DutyFact =
  | { kind: 'submit'; at: string }
  | {
      kind: 'extension';
      at: string;
      /** The deadline it set; null in records from before the history kept it. */
      newDueAt: string | null;
      /** The duty stood overdue when it was granted (read only when a date is unknown). */
      wasOverdue?: boolean;
    }
  | { kind: 'return'; at: string }
  | { kind: 'reassign'; at: string };

/** What the matrix and the lists show beside a category; one per event, in order. */
export const MARKS = ['extended', 'extended-late', 'returned', 'reassigned'] as const;
export type Mark = (typeof MARKS)[number];

export const MARK_LABELS: Record<'vi' | 'en', Record<Mark, string>> = {
  vi: {
    extended: 'gia hạn',
    'extended-late': 'gia hạn sau khi quá hạn',
    returned: 'trả lại',
    reassigned: 'đổi cơ quan chủ trì',
  },
  en: {
    extended: 'extended',
    'extended-late': 'extended after the deadline',
    returned: 'returned',
    reassigned: 'lead changed',
  },
};

/** Marks as people read them: each kind once, in the order first met, with a count past one. */
export function markText(marks: readonly Mark[], lang: 'vi' | 'en'): string {
  const counts = new Map<Mark, number>();
  for (const m of marks) counts.set(m, (counts.get(m) ?? 0) + 1);
  return [...counts]
    .map(([m, n]) => (n > 1 ? `${MARK_LABELS[lang][m]} (${n})` : MARK_LABELS[lang][m]))
    .join(', ');
}

export interface DeadlineFacts {
  /** The deadline the plan gave. */
  originalDueAt: string;
  /** The deadline in force now (it stands for an extension whose date an old record lacks). */
  dueAt: string;
  facts: readonly DutyFact[];
  /**
   * The workflow's own verdict on the first submission (against the deadline in force then);
   * read only when an old record lacks the date of an extension granted before it.
   */
  firstSubmissionLate?: boolean | undefined;
}

/** What fixes a duty's category once and for all; kept in the read model. */
export interface FixedFacts {
  /**
   * The deadline the duty is counted against: the original, or an extension granted before the
   * deadline it replaced had passed (and before the product first came in). An extension
   * granted later, a return's new date or a change of lead never move it.
   */
  countedDueAt: string;
  /** When the product first came in; null while it never has. */
  firstSubmittedAt: string | null;
  /** Whether that first submission was by the counted deadline; null while nothing came in. */
  firstOnTime: boolean | null;
  marks: Mark[];
}

/**
 * The fixed facts of a duty from its history. The category is settled by the first
 * submission against the deadline then counted; nothing after it moves it: a return and its
 * new date, a resubmission, an extension granted once the deadline had passed, a new lead.
 */
export function fixedFacts(d: DeadlineFacts): FixedFacts {
  const ms = (t: string): number => Date.parse(t);
  const firstSubmit = d.facts.find((f) => f.kind === 'submit');
  const first = firstSubmit ? ms(firstSubmit.at) : null;
  // null: an extension granted in time whose date the record does not keep.
  let counted: number | null = ms(d.originalDueAt);
  let settled = false;
  const marks: Mark[] = [];
  for (const f of d.facts) {
    if (f.kind === 'return') marks.push('returned');
    if (f.kind === 'reassign') marks.push('reassigned');
    if (f.kind !== 'extension') continue;
    const at = ms(f.at);
    // Once the product is in, an extension moves only the date of a revision.
    if (first !== null && at >= first) {
      marks.push('extended');
      continue;
    }
    // Granted before the deadline it replaced had passed; a deadline's instant is its passing.
    const inTime = counted === null ? f.wasOverdue !== true : at < counted;
    if (!settled && inTime) {
      counted = f.newDueAt === null ? null : ms(f.newDueAt);
      marks.push('extended');
    } else {
      // Once a counted deadline has passed with nothing in, no later extension undoes it.
      settled = true;
      marks.push('extended-late');
    }
  }
  const countedDueAt = counted === null ? d.dueAt : new Date(counted).toISOString();
  let firstOnTime: boolean | null = null;
  if (first !== null) {
    firstOnTime =
      counted === null && d.firstSubmissionLate !== undefined
        ? !d.firstSubmissionLate
        : first <= ms(countedDueAt);
  }
  return {
    countedDueAt,
    firstSubmittedAt: first === null ? null : new Date(first).toISOString(),
    firstOnTime,
    marks,
  };
}

export interface Tracked {
  status: string;
  /** The deadline the duty is counted against (FixedFacts.countedDueAt). */
  countedDueAt: string;
  /** The first submission, if the product ever came in; a return does not undo it. */
  firstSubmittedAt: string | null;
  /** Whether it came in by the counted deadline (FixedFacts.firstOnTime). */
  firstOnTime: boolean | null;
}

/** When the product first came in, if by `asOf`. */
export function receivedAt(d: Tracked, asOf: number): number | null {
  if (d.firstSubmittedAt === null) return null;
  const at = Date.parse(d.firstSubmittedAt);
  return at <= asOf ? at : null;
}

/**
 * A report's cell in the matrix; null for a cancelled duty, which nobody owes. Once the product
 * has come in, the category is the first submission's; before, missing once the counted
 * deadline has passed.
 */
export function reportState(d: Tracked, asOf: number): ReportState | null {
  if (d.status === 'cancelled') return null;
  if (receivedAt(d, asOf) !== null) return d.firstOnTime === false ? 'late' : 'on-time';
  return asOf >= Date.parse(d.countedDueAt) ? 'missing' : 'not-yet-due';
}

/** The same cell counted against the plan's original deadline, as if nothing had moved it. */
export function reportStateByOriginal(
  d: Tracked & { originalDueAt: string },
  asOf: number,
): ReportState | null {
  return reportState(
    {
      ...d,
      countedDueAt: d.originalDueAt,
      firstOnTime:
        d.firstSubmittedAt === null
          ? null
          : Date.parse(d.firstSubmittedAt) <= Date.parse(d.originalDueAt),
    },
    asOf,
  );
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

/** The rate against the plan's original deadlines, beside the one against the counted ones. */
export interface OriginalRates {
  /** Reports owed by now had no deadline moved: past the original deadline, or already in. */
  expected: number;
  /** In by the original deadline. */
  receivedOnTime: number;
  /** receivedOnTime / expected; null when nothing is expected yet. */
  rateOnTime: number | null;
}

export function originalRates(states: readonly ReportState[]): OriginalRates {
  const r = rates(states);
  return {
    expected: r.expected,
    receivedOnTime: r.receivedOnTime,
    rateOnTime: r.reportingRateOnTime,
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

/**
 * The category a report or a duty shares with the other kind (the same colour): on time, late,
 * missing/overdue, not yet due/in progress. Filters and rates read either kind through it.
 */
export const TRACK_GROUP: Record<Track, ReportState> = {
  'on-time': 'on-time',
  'completed-on-time': 'on-time',
  late: 'late',
  'completed-late': 'late',
  missing: 'missing',
  overdue: 'missing',
  'not-yet-due': 'not-yet-due',
  'in-progress': 'not-yet-due',
};
