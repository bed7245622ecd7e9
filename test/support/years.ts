// The time-skipping server starts at the machine's real date and only moves forward. Tests
// that assert weekday-dependent instants run in future years whose calendar is the same as
// 2027's (same weekdays, not leap), so the expected dates hold whenever the suite runs.
const YEARS_LIKE_2027 = [2038, 2049, 2055, 2066, 2077, 2083, 2094];

/** The `count` next years shaped like 2027, after the given instant's year. */
export function yearsLike2027(afterMs: number, count: number): number[] {
  const current = new Date(afterMs).getUTCFullYear();
  const years = YEARS_LIKE_2027.filter((y) => y > current).slice(0, count);
  if (years.length < count) throw new Error(`not enough years like 2027 after ${current}`);
  return years;
}
