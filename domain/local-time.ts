// Vietnam keeps one offset all year (UTC+7, no daylight saving), so local time is plain
// arithmetic. That keeps this module usable inside workflow code, where timezone databases
// would be a source of non-determinism between worker hosts.
export const LOCAL_TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const LOCAL_OFFSET_MS = 7 * 3_600_000;
export const DAY_MS = 86_400_000;

export interface LocalParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

export function localParts(instantMs: number): LocalParts {
  const d = new Date(instantMs + LOCAL_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

/** The instant of a local wall-clock time in Vietnam. */
export function localInstant(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
): number {
  return Date.UTC(year, month - 1, day, hour, minute) - LOCAL_OFFSET_MS;
}

/** Start of the local day (00:00 in Vietnam) containing the instant. */
export function localMidnight(instantMs: number): number {
  const p = localParts(instantMs);
  return localInstant(p.year, p.month, p.day);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `yyyy-mm-dd` of the local date: the key holiday lists use. */
export function localDateKey(instantMs: number): string {
  const p = localParts(instantMs);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** dd/mm/yyyy, the way Vietnamese documents write dates. */
export function formatDate(instantMs: number): string {
  const p = localParts(instantMs);
  return `${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

/** HH:mm dd/mm/yyyy in local time. */
export function formatDateTime(instantMs: number): string {
  const p = localParts(instantMs);
  return `${pad(p.hour)}:${pad(p.minute)} ${formatDate(instantMs)}`;
}

/** ISO-8601 with the +07:00 offset, for logs and exports that people read. */
export function toLocalIso(instantMs: number): string {
  const p = localParts(instantMs);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}+07:00`;
}

/** Whole local days from `fromMs`'s date to `toMs`'s date (negative when `toMs` is earlier). */
export function localDaysBetween(fromMs: number, toMs: number): number {
  return Math.round((localMidnight(toMs) - localMidnight(fromMs)) / DAY_MS);
}
