// Names shown to people sort the way a Vietnamese reader expects: "Đ" after "D" and before
// "E", "Hồng" before "Hương". SQL compares code points (Đ last, ư before ồ), so lists sort
// here after the query. One collator, created once: building one per comparison is slow.
export const viCollator = new Intl.Collator('vi');

/** A comparator by a name: `rows.sort(byVietnamese((r) => r.name))`. */
export const byVietnamese =
  <T>(key: (item: T) => string) =>
  (a: T, b: T): number =>
    viCollator.compare(key(a), key(b));
