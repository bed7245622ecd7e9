// The words of the plans' pages and use cases (plans, import, cycle preview and start, users,
// targets): refusals, the duties table's filters and pages. Vietnamese (the default) and English.
import { msg } from './catalogue.ts';

export const planPageMessages = {
  'plan-pages.coordinators-only': msg(
    () => 'Chỉ cán bộ điều phối được thực hiện thao tác này.',
    () => 'Only coordinators may do this.',
  ),
  'plan-pages.not-your-plan': msg(
    () => 'Bạn không có quyền xem kế hoạch này.',
    () => 'This plan is not yours to see.',
  ),
  'plan-pages.invalid-year': msg<{ year: string }>(
    (p) => `Năm "${p.year}" không hợp lệ.`,
    (p) => `"${p.year}" is not a valid year.`,
  ),
  'plan-pages.year-outside': msg<{ from: number; to: number; year: number }>(
    (p) => `Kế hoạch thực hiện trong giai đoạn ${p.from}–${p.to}, không gồm năm ${p.year}`,
    (p) => `the plan runs ${p.from}–${p.to}, not ${p.year}`,
  ),
  'plan-pages.cannot-launch': msg<{ agency: string; planId: string }>(
    (p) =>
      `Chưa thể bắt đầu chu kỳ: cơ quan "${p.agency}" của kế hoạch không còn trong danh bạ. Hãy cập nhật danh bạ hoặc nhập lại kế hoạch.`,
    (p) =>
      `The cycle cannot start: agency "${p.agency}" of plan "${p.planId}" is no longer in the directory`,
  ),
  'plan-pages.schedule-link': msg(
    () => 'Lịch tự động bắt đầu chu kỳ hằng năm (bật, tắt, lần chạy tiếp theo)',
    () => 'The yearly cycle schedule (on, off, next run)',
  ),
  'plan-pages.filter.title': msg(
    () => 'Lọc nhiệm vụ',
    () => 'Filter the duties',
  ),
  'plan-pages.filter.phase': msg(
    () => 'Nhóm nhiệm vụ',
    () => 'Kind of duty',
  ),
  'plan-pages.filter.lead': msg(
    () => 'Cơ quan chủ trì',
    () => 'Lead agency',
  ),
  'plan-pages.filter.all': msg(
    () => 'Tất cả',
    () => 'All',
  ),
  'plan-pages.filter.undated': msg(
    () => 'Chỉ nhiệm vụ chưa có thời hạn',
    () => 'Only duties without a deadline',
  ),
  'plan-pages.filter.apply': msg(
    () => 'Lọc',
    () => 'Filter',
  ),
  'plan-pages.filter.clear': msg(
    () => 'Bỏ lọc',
    () => 'Clear the filters',
  ),
  'plan-pages.option-count': msg<{ name: string; count: number }>(
    (p) => `${p.name} (${p.count})`,
    (p) => `${p.name} (${p.count})`,
  ),
  'plan-pages.shown': msg<{ from: number; to: number; total: number; all: number }>(
    (p) =>
      p.total === p.all
        ? `Nhiệm vụ ${p.from}–${p.to} trong tổng số ${p.total} nhiệm vụ của kế hoạch.`
        : `Nhiệm vụ ${p.from}–${p.to} trong ${p.total} nhiệm vụ khớp bộ lọc (kế hoạch có ${p.all} nhiệm vụ).`,
    (p) =>
      p.total === p.all
        ? `Duties ${p.from}–${p.to} of the plan's ${p.total}.`
        : `Duties ${p.from}–${p.to} of the ${p.total} that match the filters (the plan has ${p.all}).`,
  ),
  'plan-pages.none-match': msg(
    () => 'Không có nhiệm vụ nào khớp với bộ lọc.',
    () => 'No duty matches the filters.',
  ),
  'plan-pages.undated-notice': msg<{ count: number }>(
    (p) => `Có ${p.count} nhiệm vụ chưa có thời hạn, cần ghi thời hạn như kế hoạch.`,
    (p) => `${p.count} duties have no deadline yet and wait for theirs.`,
  ),
  'plan-pages.undated-show': msg(
    () => 'Xem các nhiệm vụ này',
    () => 'Show them',
  ),
  'plan-pages.pages': msg(
    () => 'Các trang nhiệm vụ',
    () => 'Pages of duties',
  ),
  'plan-pages.page': msg<{ n: number }>(
    (p) => `Trang ${p.n}`,
    (p) => `Page ${p.n}`,
  ),
  'plan-pages.previous': msg(
    () => 'Trang trước',
    () => 'Previous page',
  ),
  'plan-pages.next': msg(
    () => 'Trang sau',
    () => 'Next page',
  ),
  'plan-pages.all-deadlines': msg<{ count: number }>(
    (p) => `Xem cả ${p.count} lần đến hạn`,
    (p) => `All ${p.count} deadlines`,
  ),
  'plan-pages.coordinating-with': msg<{ names: string }>(
    (p) => `Phối hợp: ${p.names}`,
    (p) => `With: ${p.names}`,
  ),
  'plan-pages.coordinating-count': msg<{ count: number }>(
    (p) => `Phối hợp: ${p.count} cơ quan`,
    (p) => `With ${p.count} agencies`,
  ),
  'plan-pages.more-agencies': msg<{ count: number }>(
    (p) => `Xem thêm ${p.count} cơ quan`,
    (p) => `${p.count} more agencies`,
  ),
  'plan-pages.receiver': msg<{ name: string }>(
    (p) => `Gửi: ${p.name}`,
    (p) => `Sent to: ${p.name}`,
  ),
} as const;
