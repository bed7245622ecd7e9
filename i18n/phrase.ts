// Refusals of the time-phrase reader (domain/due-phrase.ts): the "Thời gian" cell of an
// assignment table, or a reporting deadline of a plan, that cannot be read into a deadline.
// Each message is the reason alone; the cell it came from is the place, and the
// phrase is the `phrase` parameter (domain/due-phrase.ts quotes it in its English `error`).
import { msg } from './catalogue.ts';

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const EXAMPLES_EN =
  '"trước ngày 20/6/2023", "ngày 20/6/2023", "Quý I/2021", "trong tháng 9/2022", ' +
  '"trước ngày 20/6 hàng năm", "trước ngày 15/01 năm sau", "hàng tháng", "định kỳ 6 tháng", ' +
  '"Giai đoạn 2021 - 2025" or "Thường xuyên"';
const EXAMPLES_VI =
  '"trước ngày 20/6/2023", "ngày 20/6/2023", "Quý I/2021", "trong tháng 9/2022", ' +
  '"trước ngày 20/6 hàng năm", "trước ngày 15/01 năm sau", "hàng tháng", "định kỳ 6 tháng", ' +
  '"Giai đoạn 2021 - 2025" hoặc "Thường xuyên"';

interface Phrase {
  phrase: string;
}

export const phraseMessages = {
  'phrase.empty': msg<Phrase>(
    () => 'Chưa ghi thời gian thực hiện',
    () => 'empty time phrase',
  ),
  'phrase.unreadable': msg<Phrase>(
    () => `không phải cách ghi thời hạn mà hệ thống đọc được; hãy ghi, ví dụ: ${EXAMPLES_VI}`,
    () => `not a time phrase this reader knows; expected e.g. ${EXAMPLES_EN}`,
  ),
  'phrase.no-year': msg<Phrase>(
    () =>
      'không ghi năm (hãy ghi năm, ví dụ 20/6/2023, thêm "hàng năm", hoặc đọc theo năm ban hành kế hoạch)',
    () =>
      'gives no year (write it, e.g. 20/6/2023, add "hàng năm", or read it with the plan\'s year)',
  ),
  'phrase.not-a-date': msg<Phrase & { date: string }>(
    (p) => `${p.date} không phải là ngày có thật`,
    (p) => `${p.date} is not a date`,
  ),
  'phrase.bad-month': msg<Phrase & { month: number; date?: string }>(
    (p) =>
      p.date === undefined
        ? `không có tháng ${p.month}`
        : `${p.date} không phải là ngày có thật (không có tháng ${p.month})`,
    (p) =>
      p.date === undefined
        ? `there is no month ${p.month}`
        : `${p.date} is not a date (there is no month ${p.month})`,
  ),
  'phrase.month-too-short': msg<Phrase & { date: string; month: number; days: number }>(
    (p) => `${p.date} không phải là ngày có thật (tháng ${p.month} chỉ có ${p.days} ngày)`,
    (p) => `${p.date} is not a date (${MONTHS_EN[p.month - 1] ?? p.month} has ${p.days} days)`,
  ),
  'phrase.feb-29': msg<Phrase & { year?: number }>(
    (p) =>
      p.year === undefined
        ? 'ngày 29/2 không có trong mọi năm (tháng 2 chỉ có 28 ngày vào năm không nhuận)'
        : `ngày 29/2/${p.year} không có thật (năm ${p.year} không phải năm nhuận)`,
    (p) =>
      p.year === undefined
        ? '29/2 is not a date every year (February has 28 days outside leap years)'
        : `29/2/${p.year} is not a date (${p.year} is not a leap year)`,
  ),
  'phrase.feb-end': msg<Phrase>(
    () => 'ngày cuối tháng 2 tùy thuộc vào từng năm; hãy ghi năm hoặc ghi ngày cụ thể',
    () => 'the end of February depends on the year',
  ),
  'phrase.bad-day': msg<Phrase & { day: number }>(
    (p) => `không có ngày ${p.day} trong tháng`,
    (p) => `there is no day ${p.day} in a month`,
  ),
  'phrase.stage-reversed': msg<Phrase & { from: number; to: number }>(
    (p) => `giai đoạn kết thúc (năm ${p.to}) trước khi bắt đầu (năm ${p.from})`,
    (p) => `the stage ends (${p.to}) before it starts (${p.from})`,
  ),
  'phrase.semiannual-dates': msg<Phrase>(
    () =>
      'chế độ 6 tháng cần hai thời hạn: một trong các tháng 1–6 và một trong các tháng 7–12 ' +
      '(hoặc đầu năm sau, ghi "năm sau"); báo cáo năm phải sau báo cáo 6 tháng',
    () =>
      'a six-monthly duty needs two dates, one in January–June and one in July–December ' +
      '(or early the next year, written "năm sau"); the annual report comes after the six-month one',
  ),
  'phrase.some-years-missing': msg<Phrase & { date: string }>(
    (p) => `có thời hạn ghi năm nhưng "${p.date}" không ghi năm; hãy ghi năm cho từng thời hạn`,
    (p) => `gives a year for some deadlines but not for "${p.date}"; write the year of each`,
  ),
  'phrase.recurring-years-differ': msg<Phrase & { first: number; second: number }>(
    (p) =>
      `nhiệm vụ lặp lại hàng năm nhưng ghi hai năm bắt đầu khác nhau (${p.first} và ${p.second}); hãy ghi một năm bắt đầu`,
    (p) =>
      `says the duty recurs every year but starts it in two years (${p.first} and ${p.second}); write one starting year`,
  ),
  'phrase.mixed-recurrence': msg<Phrase>(
    () =>
      'ghi "hàng năm" sau một số thời hạn nhưng không ghi sau thời hạn cuối; hãy ghi "hàng năm" một lần ở cuối, hoặc ghi năm cho từng thời hạn',
    () =>
      'says "hàng năm" after some deadlines but not after the last; write "hàng năm" once at the end, or give each deadline its year',
  ),
  'phrase.duplicate-period': msg<Phrase & { period: string }>(
    (p) => `có hai thời hạn cùng kỳ ${p.period}; hãy bỏ thời hạn lặp lại`,
    (p) => `gives two deadlines for the same period ${p.period}; remove the repeated one`,
  ),
};

export type PhraseErrorCode = keyof typeof phraseMessages;
export type PhraseParamsOf<C extends PhraseErrorCode> = Parameters<
  (typeof phraseMessages)[C]['en']
>[0];
