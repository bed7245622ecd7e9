// The national calendar's page and refusals: the year's days off and make-up days, in
// Vietnamese (the default) and English.
import { msg, type Lang } from './catalogue.ts';

export const CALENDAR_YEARS = { min: 2000, max: 2100 } as const;

export const calendarMessages = {
  'calendar.year-out-of-range': msg<{ year: string; min: number; max: number }>(
    (p) => `Năm "${p.year}" không hợp lệ: chỉ xem được lịch nghỉ các năm từ ${p.min} đến ${p.max}.`,
    (p) => `"${p.year}" is not a year shown here: choose one from ${p.min} to ${p.max}.`,
  ),
} as const;

/** Weekday names, 0 = Sunday … 6 = Saturday. */
export const WEEKDAY_NAMES: Record<Lang, readonly string[]> = {
  vi: ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

const LUNAR_MONTHS_VI: Record<number, string> = { 1: 'tháng Giêng', 12: 'tháng Chạp' };

/** A Tết day's lunar date: "mùng 1 tháng Giêng", "30 tháng Chạp" / "1st day, 1st lunar month". */
export function lunarDayName(lunar: { day: number; month: number }, lang: Lang): string {
  if (lang === 'en') return `lunar ${lunar.day}/${lunar.month}`;
  const month = LUNAR_MONTHS_VI[lunar.month] ?? `tháng ${lunar.month}`;
  return `${lunar.day <= 10 ? 'mùng ' : ''}${lunar.day} ${month}`;
}

const vi = {
  title: (year: number) => `Lịch nghỉ lễ, Tết năm ${year}`,
  intro:
    'Những ngày dưới đây không gửi nhắc việc, đôn đốc: thư đến hạn vào ngày nghỉ được gửi lúc đầu giờ ngày làm việc gần nhất. Ngày nghỉ riêng của địa phương do từng kế hoạch khai báo thêm.',
  yearLabel: 'Năm',
  show: 'Xem',
  previous: (year: number) => `← Năm ${year}`,
  next: (year: number) => `Năm ${year} →`,
  announced: (source: string) => `Theo thông báo: ${source}.`,
  lawOnly:
    'Chưa có thông báo lịch nghỉ của năm này: các ngày dưới đây tính theo Điều 112 Bộ luật Lao động 2019 và quy định nghỉ bù khi ngày lễ trùng ngày nghỉ hằng tuần.',
  daysOffTitle: 'Ngày nghỉ',
  makeUpTitle: 'Ngày làm bù',
  noMakeUp: 'Không có ngày làm bù.',
  date: 'Ngày',
  weekday: 'Thứ',
  holiday: 'Ngày lễ, Tết',
  kind: 'Loại ngày nghỉ',
  kinds: {
    holiday: 'Ngày lễ theo luật',
    'in-lieu': 'Nghỉ bù (ngày lễ trùng ngày nghỉ hằng tuần)',
    announced: 'Nghỉ theo thông báo (nghỉ bù, hoán đổi)',
    weekend: 'Nghỉ hằng tuần',
  },
  estimate: 'dự kiến, chưa có thông báo chính thức',
  makeUpFor: (holiday: string) => `Làm bù cho ngày nghỉ dịp ${holiday}`,
  count: (days: number, working: number) =>
    `${days} ngày nghỉ, trong đó ${working} ngày làm việc được nghỉ.`,
};

// Typed by the Vietnamese: a missing translation is a type error.
const en: typeof vi = {
  title: (year: number) => `Public holidays ${year}`,
  intro:
    'No reminder or urging goes out on the days below: a message due on a day off goes out at the start of the next working day. Each plan may add its own local days off.',
  yearLabel: 'Year',
  show: 'Show',
  previous: (year: number) => `← ${year}`,
  next: (year: number) => `${year} →`,
  announced: (source: string) => `As announced: ${source}.`,
  lawOnly:
    'No schedule has been announced for this year yet: the days below follow Article 112 of the 2019 Labour Code, with a day in lieu for a holiday on a weekend.',
  daysOffTitle: 'Days off',
  makeUpTitle: 'Make-up working days',
  noMakeUp: 'No make-up working day.',
  date: 'Date',
  weekday: 'Weekday',
  holiday: 'Holiday',
  kind: 'Kind of day off',
  kinds: {
    holiday: 'Public holiday by law',
    'in-lieu': 'Day in lieu (holiday on a weekend)',
    announced: 'Announced day off (in lieu, swapped)',
    weekend: 'Weekend',
  },
  estimate: 'expected, not yet announced',
  makeUpFor: (holiday: string) => `Worked for the ${holiday} days off`,
  count: (days: number, working: number) => `${days} days off, ${working} of them working days.`,
};

export const CALENDAR_WORDS: Record<Lang, typeof vi> = { vi, en };
