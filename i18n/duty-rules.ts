// Why the duty and cycle workflows refuse an action (domain/duty-rules.ts, domain/cycle-rules.ts).
// The workflow's validator throws an ApplicationFailure whose type is the code and whose details
// hold the parameters; the API and the pages word it in the reader's language from here. The
// English text is what the workflows said before the codes, kept for logs and scripts.
// Pure: the workflow bundle imports this file.
import { formatDateTime } from '../domain/local-time.ts';
import { msg } from './catalogue.ts';

/** A duty's status in a sentence ("đã bị hủy"). */
const STATUS_VI: Record<string, string> = {
  assigned: 'mới được giao',
  acknowledged: 'đã được tiếp nhận',
  submitted: 'đã nộp sản phẩm',
  accepted: 'đã được chấp nhận',
  returned: 'đã bị trả lại',
  overdue: 'đã quá hạn',
  cancelled: 'đã bị hủy',
};
const statusVi = (status: string): string => STATUS_VI[status] ?? 'đã kết thúc';
/** An ISO instant as a Vietnamese reader writes it; the English keeps the instant as it was. */
const whenVi = (iso: string): string => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : formatDateTime(ms);
};
/** Whole đồng with Vietnamese digit grouping ("1.500.000"). */
const dong = (amount: string): string =>
  /^\d+$/.test(amount) ? BigInt(amount).toLocaleString('vi-VN') : amount;

export const dutyRuleMessages = {
  'duty-rules.only-lead': msg<{ lead: string; agency: string }>(
    (p) => `Chỉ cơ quan chủ trì (${p.lead}) được thực hiện việc này`,
    (p) => `only the lead agency (${p.lead}) may do this; ${p.agency} is not it`,
  ),
  'duty-rules.only-standing': msg<{ standing: string }>(
    (p) => `Chỉ cơ quan thường trực (${p.standing}) được thực hiện việc này`,
    (p) => `only the standing agency (${p.standing}) may do this`,
  ),
  'duty-rules.deadline-passed': msg<{ at: string }>(
    (p) => `Thời hạn mới ${p.at} đã qua`,
    (p) => `the new deadline ${p.at} has already passed`,
  ),
  'duty-rules.cancelled': msg(
    () => 'Nhiệm vụ đã bị hủy',
    () => 'the duty has been cancelled',
  ),
  'duty-rules.accepted': msg(
    () => 'Sản phẩm đã được chấp nhận',
    () => 'the duty has already been accepted',
  ),
  'duty-rules.submitted': msg(
    () => 'Sản phẩm đã được nộp, đang chờ xem xét',
    () => 'the product has already been submitted',
  ),
  'duty-rules.already-acknowledged': msg<{ at: string }>(
    (p) => `Nhiệm vụ đã được tiếp nhận lúc ${p.at}`,
    (p) => `already acknowledged at ${p.at}`,
  ),
  'duty-rules.not-coordinating': msg<{ agency: string }>(
    (p) => `${p.agency} không phải cơ quan phối hợp của nhiệm vụ này`,
    (p) => `${p.agency} is not a coordinating agency of this duty`,
  ),
  'duty-rules.already-contributed': msg<{ agency: string }>(
    (p) => `${p.agency} đã gửi nội dung phối hợp`,
    (p) => `${p.agency} has already contributed`,
  ),
  'duty-rules.extension-waiting': msg(
    () => 'Đã có đề nghị gia hạn đang chờ quyết định',
    () => 'an extension request is already waiting for a decision',
  ),
  'duty-rules.deadline-not-later': msg<{ current: string }>(
    (p) => `Thời hạn mới phải sau thời hạn hiện tại (${p.current})`,
    (p) => `the new deadline must be after the current one (${p.current})`,
  ),
  'duty-rules.no-extension-request': msg(
    () => 'Chưa có đề nghị gia hạn nào',
    () => 'no extension has been requested',
  ),
  'duty-rules.granted-not-later': msg(
    () => 'Thời hạn gia hạn phải sau thời hạn hiện tại',
    () => 'the granted deadline must be after the current one',
  ),
  'duty-rules.nothing-to-review': msg<{ status: string }>(
    () => 'Chưa có sản phẩm đã nộp để xem xét',
    (p) => `there is no submitted product to review (${p.status})`,
  ),
  'duty-rules.urged-recently': msg<{ at: string; next: string }>(
    (p) => `Nhiệm vụ đã được đôn đốc lúc ${p.at}; có thể đôn đốc lại từ ${p.next}`,
    (p) => `this duty was urged at ${p.at}; the next urge is possible from ${p.next}`,
  ),
  'duty-rules.already-final': msg<{ status: string }>(
    (p) => `Nhiệm vụ ${statusVi(p.status)}`,
    (p) => `the duty is already ${p.status}`,
  ),
  'duty-rules.already-lead': msg<{ lead: string }>(
    (p) => `${p.lead} đang là cơ quan chủ trì`,
    (p) => `${p.lead} is already the lead agency`,
  ),
  'duty-rules.lead-is-coordinating': msg<{ agency: string }>(
    (p) => `${p.agency} là cơ quan phối hợp của nhiệm vụ này`,
    (p) => `${p.agency} is a coordinating agency of this duty`,
  ),
  'duty-rules.replaces-itself': msg<{ agency: string }>(
    (p) => `${p.agency} không thể thay thế chính mình`,
    (p) => `${p.agency} cannot replace itself`,
  ),
  'duty-rules.is-lead': msg<{ agency: string }>(
    (p) => `${p.agency} là cơ quan chủ trì của nhiệm vụ này`,
    (p) => `${p.agency} is the lead agency of this duty`,
  ),
  'duty-rules.malformed': msg<{ issues: string }>(
    (p) => `Yêu cầu không hợp lệ: ${p.issues}`,
    (p) => p.issues,
  ),
  /** An action on a duty whose workflow has finished. */
  'duty-rules.closed': msg<{ status: string }>(
    (p) => `Nhiệm vụ ${statusVi(p.status)}, không thể thực hiện thêm`,
    (p) => `The duty is closed (${p.status})`,
  ),
  'duty-rules.no-duty': msg<{ id: string }>(
    () => 'Không tìm thấy nhiệm vụ',
    (p) => `No duty with id ${p.id}`,
  ),
} as const;

export const cycleRuleMessages = {
  'cycle-rules.launching-retry': msg(
    () => 'Chu kỳ đang tạo nhiệm vụ; vui lòng thử lại sau ít phút',
    () => 'the cycle is still starting its duties; try again shortly',
  ),
  'cycle-rules.launching': msg(
    () => 'Chu kỳ đang tạo nhiệm vụ; vui lòng thử lại sau',
    () => 'the cycle is still starting its duties',
  ),
  'cycle-rules.year-closed': msg(
    () => 'Năm đã kết thúc',
    () => 'the year is closed',
  ),
  'cycle-rules.year-already-closed': msg(
    () => 'Năm đã được kết thúc trước đó',
    () => 'the year is already closed',
  ),
  'cycle-rules.zero-allocation': msg(
    () => 'Số vốn phân bổ phải lớn hơn 0 đồng',
    () => 'an allocation must be more than 0 đồng',
  ),
  'cycle-rules.no-capital-project': msg<{ project: string; known: string }>(
    (p) => `Không có dự án (tiểu dự án) "${p.project}" đăng ký vốn trong kế hoạch (có: ${p.known})`,
    (p) => `no (sub-)project "${p.project}" registers capital in this plan (known: ${p.known})`,
  ),
  'cycle-rules.allocation-recorded': msg<{ decision: string; at: string; amount: string }>(
    (p) =>
      `Khoản phân bổ theo quyết định "${p.decision}" đã được ghi lúc ${whenVi(p.at)} (${dong(p.amount)} đồng); muốn thay thế, hãy gửi lại với lựa chọn thay thế`,
    (p) =>
      `the allocation under decision "${p.decision}" was already recorded at ${p.at} (${p.amount} đồng); send it with "replace": true to replace it`,
  ),
  'cycle-rules.no-project': msg<{ project: string }>(
    (p) => `Không có dự án (tiểu dự án) "${p.project}" trong chu kỳ này`,
    (p) => `no (sub-)project "${p.project}" in this cycle`,
  ),
  'cycle-rules.no-allocation': msg(
    () => 'Dự án chưa được phân bổ vốn',
    () => 'no capital has been allocated to this project yet',
  ),
  'cycle-rules.only-lead-reports': msg<{ lead: string }>(
    (p) => `Chỉ cơ quan chủ trì (${p.lead}) báo cáo giải ngân của dự án`,
    (p) => `only the lead agency (${p.lead}) reports its disbursement`,
  ),
  'cycle-rules.month-reported': msg<{ month: number; amount: string }>(
    (p) =>
      `Tháng ${p.month} đã có số giải ngân ${dong(p.amount)} đồng; muốn thay thế, hãy gửi lại với lựa chọn thay thế`,
    (p) =>
      `month ${p.month} already has a disbursement of ${p.amount} đồng; send it with "replace": true to replace it`,
  ),
  'cycle-rules.ad-hoc-past': msg(
    () => 'Thời hạn của báo cáo đột xuất phải ở tương lai',
    () => 'the deadline of an ad hoc report must be in the future',
  ),
  'cycle-rules.ad-hoc-repeated': msg<{ at: string; ref: string; agencies: number }>(
    (p) => `Báo cáo đột xuất này đã được yêu cầu lúc ${whenVi(p.at)} (${p.agencies} cơ quan)`,
    (p) => `this ad hoc report was already requested at ${p.at} (${p.ref}, ${p.agencies} agencies)`,
  ),
} as const;

export type DutyRuleCode = keyof typeof dutyRuleMessages;
export type CycleRuleCode = keyof typeof cycleRuleMessages;

/** Refusals that mean "not now, later" (429 at the edge) rather than "not in this state" (409). */
export const RATE_LIMITED_RULES: ReadonlySet<string> = new Set<DutyRuleCode>([
  'duty-rules.urged-recently',
]);
