// A simulated year as people read it: messages counted per agency and month, one month as a
// calendar of days, the messages of a chosen day, and how much mail each kind of reader got.
// Pure: the result in, figures out (the pages and the downloads share it).
import {
  PERSON_GROUPS,
  type PersonGroup,
  type SimulationResult,
  type TimelineRow,
} from '../common/simulation-schema.ts';
import { localDateKey, localParts } from '../domain/local-time.ts';
import { byVietnamese } from '../domain/vi-order.ts';

export interface CalendarMonth {
  /** yyyy-mm */
  key: string;
  year: number;
  month: number;
  total: number;
}

export interface CalendarDay {
  /** yyyy-mm-dd */
  key: string;
  day: number;
  count: number;
}

export interface Recipient {
  email: string;
  name: string;
  agency: string;
}

export interface DayMessage {
  /** HH:mm, local time. */
  time: string;
  /** The catalogue's kind of message: reminder, overdue, …, digest. */
  kind: string;
  duty: { title: string; period: string } | undefined;
  agency: string;
  recipients: Recipient[];
}

export interface GroupFigures {
  group: PersonGroup;
  people: number;
  messages: number;
  /** Messages per person per month of the year, on average (one decimal). */
  perPersonMonth: number;
  /** The most one person of the group got in one month, and in one day. */
  maxPersonMonth: number;
  maxPersonDay: number;
}

export interface SimulationCalendar {
  months: CalendarMonth[];
  /**
   * One page of the agencies by Vietnamese name, each with its messages per month (in `months`
   * order); the months' totals count them all.
   */
  agencies: { name: string; counts: number[]; total: number }[];
  /** The page of agencies shown, and the place of its first one (1-based) among them all. */
  agencyPage: { page: number; pages: number; total: number; from: number };
  month: CalendarMonth;
  /** The month's weeks, Monday first; null where the day is in another month. */
  weeks: (CalendarDay | null)[][];
  day:
    { key: string; messages: DayMessage[]; total: number; page: number; pages: number } | undefined;
  groups: GroupFigures[];
}

/** Messages of a day shown on one page, and agencies of the grid: a few phone screens. */
export const DAY_PAGE_SIZE = 8;
export const AGENCY_PAGE_SIZE = 10;

/** One message to one person: a timeline row's recipients, each counted. */
interface Sent {
  row: TimelineRow;
  ms: number;
  email: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');
/** A page number within 1..pages. */
const clamp = (page: number, pages: number): number =>
  Math.min(Math.max(1, Math.floor(page)), pages);
const monthKey = (year: number, month: number): string => `${year}-${pad(month)}`;

/** A row that wrote to people: a step's message or a digest (not an action). */
const isMessage = (r: TimelineRow): boolean =>
  (r.event.startsWith('notify:') || r.event === 'digest') && (r.recipients?.length ?? 0) > 0;

export const kindOf = (event: string): string =>
  event.startsWith('notify:') ? event.slice('notify:'.length) : event;

/** "BC-6T 2023-H1" (a timeline row's duty) → the duty's title and period. */
export function dutyTitles(
  result: SimulationResult,
): Map<string, { title: string; period: string }> {
  const out = new Map<string, { title: string; period: string }>();
  for (const d of result.duties) {
    const rest = d.id.slice(`duty:${result.planId}:`.length);
    const dutyId = rest.slice(0, rest.length - d.period.length - 1);
    out.set(`${dutyId} ${d.period}`, { title: d.title, period: d.period });
  }
  return out;
}

export function simulationCalendar(
  result: SimulationResult,
  choice: {
    month?: string | undefined;
    day?: string | undefined;
    /** The page of the day's messages. */
    page?: number | undefined;
    /** The page of the agencies. */
    agencies?: number | undefined;
  },
): SimulationCalendar {
  const sent: Sent[] = [];
  for (const row of result.timeline) {
    if (!isMessage(row)) continue;
    const ms = Date.parse(row.instant);
    for (const email of row.recipients ?? []) sent.push({ row, ms, email: email.toLowerCase() });
  }

  // Every month from January of the year to the last message (the last ladders run past
  // December), and never fewer than the twelve of the year.
  const lastMs = Math.max(0, ...sent.map((s) => s.ms));
  const last = sent.length > 0 ? localParts(lastMs) : { year: result.year, month: 12 };
  const months: CalendarMonth[] = [];
  for (let y = result.year, m = 1; y < last.year || (y === last.year && m <= last.month);) {
    months.push({ key: monthKey(y, m), year: y, month: m, total: 0 });
    if (m === 12) [y, m] = [y + 1, 1];
    else m += 1;
  }
  if (months.length < 12) {
    for (let m = months.length + 1; m <= 12; m++) {
      months.push({ key: monthKey(result.year, m), year: result.year, month: m, total: 0 });
    }
  }
  const monthIndex = new Map(months.map((m, i) => [m.key, i]));
  const byAgency = new Map<string, number[]>();
  const perDay = new Map<string, number>();
  for (const s of sent) {
    const p = localParts(s.ms);
    const i = monthIndex.get(monthKey(p.year, p.month));
    if (i === undefined) continue;
    months[i]!.total += 1;
    const agency = s.row.agency;
    const counts = byAgency.get(agency) ?? months.map(() => 0);
    counts[i] = (counts[i] ?? 0) + 1;
    byAgency.set(agency, counts);
    const day = localDateKey(s.ms);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  const agencies = [...byAgency]
    .map(([name, counts]) => ({ name, counts, total: counts.reduce((a, b) => a + b, 0) }))
    .sort(byVietnamese((a) => a.name));
  const agencyPages = Math.max(1, Math.ceil(agencies.length / AGENCY_PAGE_SIZE));
  const agencyPage = clamp(choice.agencies ?? 1, agencyPages);

  // The month asked for (or the day's), else the busiest one.
  const wanted = choice.day?.slice(0, 7) ?? choice.month;
  const busiest = months.reduce((a, b) => (b.total > a.total ? b : a), months[0]!);
  const month = months.find((m) => m.key === wanted) ?? busiest;
  const weeks: (CalendarDay | null)[][] = [];
  const daysIn = new Date(Date.UTC(month.year, month.month, 0)).getUTCDate();
  // Monday first: Sunday (0) is the week's last column.
  const lead = (new Date(Date.UTC(month.year, month.month - 1, 1)).getUTCDay() + 6) % 7;
  let week: (CalendarDay | null)[] = Array.from({ length: lead }, () => null);
  for (let d = 1; d <= daysIn; d++) {
    const key = `${month.key}-${pad(d)}`;
    week.push({ key, day: d, count: perDay.get(key) ?? 0 });
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
  }
  if (week.length > 0)
    weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => null)]);

  const dayKey = choice.day && choice.day.startsWith(month.key) ? choice.day : undefined;
  return {
    months,
    agencies: agencies.slice((agencyPage - 1) * AGENCY_PAGE_SIZE, agencyPage * AGENCY_PAGE_SIZE),
    agencyPage: {
      page: agencyPage,
      pages: agencyPages,
      total: agencies.length,
      from: (agencyPage - 1) * AGENCY_PAGE_SIZE + 1,
    },
    month,
    weeks,
    day: dayKey ? dayMessages(result, dayKey, choice.page ?? 1) : undefined,
    groups: groupFigures(result, sent, months.length),
  };
}

function dayMessages(result: SimulationResult, key: string, page: number) {
  const titles = dutyTitles(result);
  const people = result.people ?? {};
  // One item per message as people think of it: an agency's digest of the morning to each of
  // its people is one digest, a notice to the lead and its copies one notice.
  const items = new Map<string, DayMessage>();
  let total = 0;
  for (const r of result.timeline) {
    if (!isMessage(r) || localDateKey(Date.parse(r.instant)) !== key) continue;
    const p = localParts(Date.parse(r.instant));
    const time = `${pad(p.hour)}:${pad(p.minute)}`;
    const id = [time, r.event, r.duty, r.agency].join('|');
    const item = items.get(id) ?? {
      time,
      kind: kindOf(r.event),
      duty: titles.get(r.duty),
      agency: r.agency,
      recipients: [],
    };
    for (const email of r.recipients ?? []) {
      const who = people[email.toLowerCase()];
      item.recipients.push({ email, name: who?.name ?? email, agency: who?.agency ?? '' });
      total += 1;
    }
    items.set(id, item);
  }
  const all = [...items.values()];
  const pages = Math.max(1, Math.ceil(all.length / DAY_PAGE_SIZE));
  const at = clamp(page, pages);
  return {
    key,
    messages: all.slice((at - 1) * DAY_PAGE_SIZE, at * DAY_PAGE_SIZE),
    /** Messages, one per recipient (as the calendar counts them). */
    total,
    page: at,
    pages,
  };
}

/** Messages per person of each kind of reader: everyone the plan names, written to or not. */
function groupFigures(result: SimulationResult, sent: Sent[], months: number): GroupFigures[] {
  const people = Object.entries(result.people ?? {});
  return PERSON_GROUPS.map((group) => {
    const members = new Set(people.filter(([, p]) => p.groups.includes(group)).map(([e]) => e));
    const mine = sent.filter((s) => members.has(s.email));
    const perMonth = new Map<string, number>();
    const perDay = new Map<string, number>();
    for (const s of mine) {
      const m = `${s.email}|${localDateKey(s.ms).slice(0, 7)}`;
      const d = `${s.email}|${localDateKey(s.ms)}`;
      perMonth.set(m, (perMonth.get(m) ?? 0) + 1);
      perDay.set(d, (perDay.get(d) ?? 0) + 1);
    }
    return {
      group,
      people: members.size,
      messages: mine.length,
      perPersonMonth:
        members.size === 0 ? 0 : Math.round((mine.length / members.size / months) * 10) / 10,
      maxPersonMonth: Math.max(0, ...perMonth.values()),
      maxPersonDay: Math.max(0, ...perDay.values()),
    };
  });
}
