// What a coordinator reads before starting a year whose deadlines are partly behind it: how
// many duties are past due, what "start and chase now" would send at once, and what "record
// the past as history" does instead. Vietnamese (the default) and English.
import { msg } from './catalogue.ts';

export const cycleStartMessages = {
  'cycle-start.past-due.warning': msg<{
    year: number;
    pastDue: number;
    total: number;
    overdue: number;
    urges: number;
    escalations: number;
    supervisors: string;
  }>(
    (p) =>
      `Cảnh báo: ${p.pastDue}/${p.total} nhiệm vụ của năm ${p.year} đã quá thời hạn. Nếu bắt đầu và đôn đốc ngay, vào đầu giờ làm việc gần nhất hệ thống sẽ gửi ${p.overdue} thông báo quá hạn, ${p.urges} thư đôn đốc và ${p.escalations} báo cáo chậm trễ${p.escalations > 0 && p.supervisors ? ` tới ${p.supervisors}` : ''}.`,
    (p) =>
      `Warning: ${p.pastDue} of the ${p.total} duties of ${p.year} are past their deadline. Started and chased now, on the first working morning the service sends ${p.overdue} overdue notices, ${p.urges} follow-ups and ${p.escalations} escalations${p.escalations > 0 && p.supervisors ? ` to the ${p.supervisors}` : ''}.`,
  ),
  'cycle-start.past-due.none': msg(
    () => 'Chưa có nhiệm vụ nào của năm quá thời hạn: bắt đầu chu kỳ không gửi thư quá hạn nào.',
    () => 'No duty of the year is past its deadline: starting the cycle sends no overdue message.',
  ),
  'cycle-start.option.chase': msg(
    () => 'Bắt đầu và đôn đốc ngay',
    () => 'Start and chase now',
  ),
  'cycle-start.option.chase-explain': msg(
    () =>
      'Các nhiệm vụ đã quá hạn được xử lý như thể chu kỳ đã chạy từ đầu năm: thông báo quá hạn, đôn đốc và báo cáo chậm trễ nói trên được gửi ngay.',
    () =>
      'Past-due duties are handled as if the cycle had run since the start of the year: the overdue notices, follow-ups and escalations above go out at once.',
  ),
  'cycle-start.option.history': msg(
    () => 'Ghi nhận phần đã qua là lịch sử',
    () => 'Record the past as history',
  ),
  'cycle-start.option.history-explain': msg<{ summaries: number }>(
    (p) =>
      `Các nhiệm vụ đã quá hạn vẫn được ghi nhận là quá hạn (trong danh sách và bảng theo dõi), nhưng không gửi thư cho khoảng thời gian đã qua. Mỗi cơ quan chủ trì nhận một thư tổng hợp các nhiệm vụ quá hạn của mình (${p.summaries} cơ quan); việc đôn đốc và báo cáo chậm trễ tính từ ngày bắt đầu.`,
    (p) =>
      `Past-due duties are still recorded as overdue (in the lists and the matrix), but nothing is sent for the time gone by. Each lead agency gets one summary of its past-due duties (${p.summaries} agencies); follow-ups and escalation count from the start.`,
  ),
  'cycle-start.table.caption': msg<{ year: number }>(
    (p) => `Nhiệm vụ quá hạn theo cơ quan chủ trì, năm ${p.year}`,
    (p) => `Past-due duties by lead agency, ${p.year}`,
  ),
  'cycle-start.col.agency': msg(
    () => 'Cơ quan chủ trì',
    () => 'Lead agency',
  ),
  'cycle-start.col.duties': msg(
    () => 'Số nhiệm vụ',
    () => 'Duties',
  ),
  'cycle-start.col.past-due': msg(
    () => 'Đã quá hạn',
    () => 'Past due',
  ),
  'cycle-start.col.overdue': msg(
    () => 'Thông báo quá hạn gửi ngay',
    () => 'Overdue notices at once',
  ),
  'cycle-start.col.urges': msg(
    () => 'Thư đôn đốc gửi ngay',
    () => 'Follow-ups at once',
  ),
  'cycle-start.col.escalations': msg(
    () => 'Báo cáo chậm trễ gửi ngay',
    () => 'Escalations at once',
  ),
  'cycle-start.recorded': msg<{ duties: number; agencies: number }>(
    (p) =>
      `Chu kỳ được bắt đầu với phần đã qua ghi nhận là lịch sử: ${p.duties} nhiệm vụ quá hạn; ${p.agencies} cơ quan chủ trì đã nhận thư tổng hợp.`,
    (p) =>
      `The cycle was started with its past recorded as history: ${p.duties} past-due duties; ${p.agencies} lead agencies were sent a summary.`,
  ),
} as const;

/** Refusals of the preview's JSON twin (GET /api/plans/:planId/cycle-preview). */
export const cycleStartRefusals = {
  'cycle-start.no-plan': msg<{ planId: string }>(
    (p) => `Không có kế hoạch "${p.planId}".`,
    (p) => `No plan "${p.planId}".`,
  ),
  'cycle-start.year-outside': msg<{ year: string; from: number; to: number }>(
    (p) => `Năm "${p.year}" không hợp lệ: kế hoạch thực hiện trong giai đoạn ${p.from}–${p.to}.`,
    (p) => `"${p.year}" is not a year of the plan, which runs ${p.from}–${p.to}.`,
  ),
} as const;
