// Escalation policies are written as ISO-8601 durations so one policy format serves real
// plans ("P7D") and fast tests ("PT5S"). Years and months are refused: their length depends
// on the calendar, and a ladder step must mean the same span wherever it is applied.
const PATTERN = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export class DurationError extends Error {
  override name = 'DurationError';
}

export function parseDuration(text: string): number {
  const m = PATTERN.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) {
    throw new DurationError(
      `"${text}" is not an ISO-8601 duration of weeks, days, hours, minutes or seconds (for example P7D, PT12H, PT30S)`,
    );
  }
  const [, w, d, h, min, s] = m;
  const num = (v: string | undefined): number => (v === undefined ? 0 : Number(v));
  return (
    num(w) * 7 * 86_400_000 +
    num(d) * 86_400_000 +
    num(h) * 3_600_000 +
    num(min) * 60_000 +
    Math.round(num(s) * 1000)
  );
}

export function isDuration(text: string): boolean {
  try {
    parseDuration(text);
    return true;
  } catch {
    return false;
  }
}
