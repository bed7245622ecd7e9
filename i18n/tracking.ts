// What the labour office reads about locked periods on the matrix, its exports and the API:
// a period closed (and by whom), a second lock refused, and that there is no unlocking.
import { msg } from './catalogue.ts';

export const trackingMessages = {
  'tracking.lock.locked': msg<{ period: string; at: string; by: string }>(
    (p) =>
      `Số liệu kỳ ${p.period} đã khóa lúc ${p.at} (người khóa: ${p.by}); các số liệu dưới đây là số liệu tại thời điểm khóa và không thay đổi sau đó.`,
    (p) =>
      `The figures of period ${p.period} were locked at ${p.at} by ${p.by}; what follows are the figures at that moment, and they do not change afterwards.`,
  ),
  'tracking.lock.locked-within': msg<{ periods: string }>(
    (p) => `Các kỳ đã khóa số liệu (giữ nguyên số liệu tại thời điểm khóa): ${p.periods}.`,
    (p) =>
      `Locked periods within this one (their figures as they stood when locked): ${p.periods}.`,
  ),
  'tracking.lock.already': msg<{ period: string; lockedPeriod: string; at: string; by: string }>(
    (p) =>
      `Kỳ ${p.period} đã được khóa số liệu (kỳ ${p.lockedPeriod}, lúc ${p.at}, người khóa: ${p.by}); không khóa lại được.`,
    (p) =>
      `Period ${p.period} is already locked (period ${p.lockedPeriod}, at ${p.at}, by ${p.by}); it cannot be locked again.`,
  ),
  'tracking.lock.done': msg<{ period: string }>(
    (p) => `Đã khóa số liệu kỳ ${p.period}.`,
    (p) => `The figures of period ${p.period} are locked.`,
  ),
  'tracking.lock.explain': msg(
    () =>
      'Khóa số liệu giữ nguyên ma trận, tỷ lệ và tệp xuất của kỳ như hiện tại; các thao tác về sau (nộp, trả lại, gia hạn) không làm thay đổi số liệu đã khóa. Không có chức năng mở khóa.',
    () =>
      'Locking keeps the matrix, the rates and the exports of the period as they are now; later actions (a submission, a return, an extension) do not change locked figures. There is no unlocking.',
  ),
  'tracking.lock.no-unlock': msg(
    () => 'Số liệu đã khóa không thể mở khóa.',
    () => 'Locked figures cannot be unlocked.',
  ),
};
