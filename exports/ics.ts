// Deadlines as an iCalendar feed (RFC 5545), so that agencies see them in the calendar they
// already use. Each deadline is an all-day event on the last allowed day: a date without a
// time zone, which every client shows on that day; no VTIMEZONE is needed.

export interface CalendarEvent {
  /** Stable across exports, so that a subscribed calendar updates the event, not adds one. */
  uid: string;
  /** ISO date YYYY-MM-DD of the last allowed day, local (Asia/Ho_Chi_Minh). */
  lastDay: string;
  summary: string;
  description?: string;
  url?: string;
  status?: 'CONFIRMED' | 'CANCELLED';
}

export interface CalendarInput {
  name: string;
  events: CalendarEvent[];
  /** The export's instant (epoch milliseconds), for DTSTAMP. */
  now: number;
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/**
 * A TEXT value: backslash, semicolon, comma and line breaks escaped; other control characters,
 * which RFC 5545 does not allow in TEXT, dropped.
 */
function text(value: string): string {
  return [...value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n')]
    .filter((ch) => ch === '\t' || !isControl(ch))
    .join('');
}

function isControl(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f;
}

/** A URI value is not escaped, so it must not hold what would break the line. */
function uri(value: string): string {
  if ([...value].some((ch) => ch === ' ' || isControl(ch))) {
    throw new Error(`URL ${JSON.stringify(value)} holds spaces or control characters`);
  }
  return value;
}

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1): continuation lines start with a space,
 * which counts towards their 75. A UTF-8 character is never split across lines.
 */
function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > MAX_OCTETS) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(CRLF);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The UTC date-time form, e.g. 20260619T173000Z. */
function utcStamp(ms: number): string {
  const d = new Date(ms);
  return (
    `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`
  );
}

/** The day of a YYYY-MM-DD date as UTC midnight; an impossible date like 2026-02-30 is refused. */
function dayOf(isoDate: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const day = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!day || day.toISOString().slice(0, 10) !== isoDate) {
    throw new Error(`${JSON.stringify(isoDate)} is not a date YYYY-MM-DD`);
  }
  return day;
}

const dateValue = (d: Date): string =>
  `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;

const viDate = (d: Date): string =>
  `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;

/**
 * The reminder: 08:00 three days before the last day. An all-day event starts at 00:00 of its
 * day, so 2 days 16 hours before the start is 08:00 on the third day before, in the calendar
 * user's own time, which for these users is Vietnamese time.
 */
const REMINDER = '-P2DT16H';

function eventLines(event: CalendarEvent, stamp: string): string[] {
  const day = dayOf(event.lastDay);
  const next = new Date(day.getTime() + 86_400_000);
  return [
    'BEGIN:VEVENT',
    `UID:${text(event.uid)}`,
    `DTSTAMP:${stamp}`,
    `DTSTART;VALUE=DATE:${dateValue(day)}`,
    `DTEND;VALUE=DATE:${dateValue(next)}`,
    `SUMMARY:${text(event.summary)}`,
    ...(event.description !== undefined ? [`DESCRIPTION:${text(event.description)}`] : []),
    ...(event.url !== undefined ? [`URL:${uri(event.url)}`] : []),
    ...(event.status !== undefined ? [`STATUS:${event.status}`] : []),
    // A deadline is not a meeting: it must not make the whole day look busy.
    'TRANSP:TRANSPARENT',
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    `DESCRIPTION:${text(`Hạn cuối ${viDate(day)}: ${event.summary}`)}`,
    `TRIGGER:${REMINDER}`,
    'END:VALARM',
    'END:VEVENT',
  ];
}

/** An iCalendar document (METHOD:PUBLISH) with one all-day event per deadline. */
export function toICalendar(input: CalendarInput): string {
  const stamp = utcStamp(input.now);
  const lines = [
    'BEGIN:VCALENDAR',
    'PRODID:-//giam-ngheo-duties//Duties//VI',
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${text(input.name)}`,
    'X-WR-TIMEZONE:Asia/Ho_Chi_Minh',
    ...input.events.flatMap((e) => eventLines(e, stamp)),
    'END:VCALENDAR',
  ];
  return lines.map((l) => foldLine(l) + CRLF).join('');
}
