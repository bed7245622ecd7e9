// Words of the duty pages added in issue 14: cancelling and reassigning a duty, creating a single
// duty, the pages' own refusals, and the short labels of the phone layout. Vietnamese first;
// the English for readers who switch.
import { msg } from './catalogue.ts';

export const dutyPageMessages = {
  'duty-pages.refused': msg<{ reason: string }>(
    (p) => `Không thực hiện được: ${p.reason}`,
    (p) => `Not done: ${p.reason}`,
  ),
  'duty-pages.not-yours': msg(
    () => 'Nhiệm vụ này không thuộc cơ quan của anh/chị',
    () => 'Not your agency’s duty',
  ),
  'duty-pages.not-for-you': msg(
    () => 'Anh/chị không có quyền thực hiện việc này đối với nhiệm vụ',
    () => 'Not allowed for this duty',
  ),
  'duty-pages.no-file': msg(
    () => 'Không tìm thấy tệp',
    () => 'No such file',
  ),
  'duty-pages.coordinators-only': msg(
    () => 'Chỉ cán bộ điều phối được thực hiện việc này',
    () => 'Coordinators only',
  ),
  'duty-pages.unknown-agency': msg(
    () => 'Cơ quan đã chọn không có trong danh bạ hoặc đã ngừng hoạt động',
    () => 'The agency chosen is not in the directory or is retired',
  ),
  'duty-pages.unknown-plan': msg(
    () => 'Kế hoạch đã chọn không tồn tại',
    () => 'The plan chosen does not exist',
  ),
  'duty-pages.urges-per-hour': msg<{ max: number; minutes: number }>(
    (p) =>
      `Anh/chị đã đôn đốc ${p.max} nhiệm vụ trong một giờ qua; vui lòng thử lại sau ${p.minutes} phút`,
    (p) => `you have urged ${p.max} duties in the last hour; try again in ${p.minutes} minutes`,
  ),
  // Cancelling and reassigning (coordinators, on the duty's page).
  'duty-pages.cancel-title': msg(
    () => 'Hủy nhiệm vụ',
    () => 'Cancel the duty',
  ),
  'duty-pages.cancel-help': msg(
    () => 'Nhiệm vụ bị hủy sẽ dừng nhắc việc; việc hủy được ghi vào lịch sử cùng lý do.',
    () => 'A cancelled duty sends no more reminders; the cancellation and its reason are kept.',
  ),
  'duty-pages.cancel-reason': msg(
    () => 'Lý do hủy',
    () => 'Reason for cancelling',
  ),
  'duty-pages.reassign-title': msg(
    () => 'Giao lại cơ quan chủ trì',
    () => 'Give the duty to another lead agency',
  ),
  'duty-pages.reassign-help': msg(
    () => 'Cơ quan mới nhận nhiệm vụ với thời hạn hiện tại; việc nhắc việc bắt đầu lại.',
    () => 'The new lead takes the duty with its current deadline; the reminders start again.',
  ),
  'duty-pages.new-lead': msg(
    () => 'Cơ quan chủ trì mới',
    () => 'New lead agency',
  ),
  'duty-pages.reassign-reason': msg(
    () => 'Lý do giao lại',
    () => 'Reason for reassigning',
  ),
  'duty-pages.choose': msg(
    () => '— Chọn —',
    () => '— Choose —',
  ),
  'duty-pages.cancelled': msg(
    () => 'Đã hủy nhiệm vụ.',
    () => 'The duty was cancelled.',
  ),
  'duty-pages.reassigned': msg(
    () => 'Đã giao lại cơ quan chủ trì.',
    () => 'The duty was given to another lead agency.',
  ),
  // The phone layout: long sections folded.
  'duty-pages.show-ladder': msg(
    () => 'Nhắc việc đã gửi và sắp gửi',
    () => 'Reminders sent and to come',
  ),
  'duty-pages.show-timeline': msg(
    () => 'Lịch sử xử lý',
    () => 'History',
  ),
  // A single duty (coordinators): /duties/new.
  'duty-pages.new-title': msg(
    () => 'Giao nhiệm vụ riêng lẻ',
    () => 'New single duty',
  ),
  'duty-pages.new-link': msg(
    () => 'Giao một nhiệm vụ riêng lẻ',
    () => 'Give a single duty',
  ),
  'duty-pages.new-help': msg(
    () =>
      'Nhiệm vụ ngoài bảng phân công của kế hoạch: cơ quan thường trực, người được báo cáo khi chậm, chính sách nhắc việc và lịch nghỉ lấy theo kế hoạch đã chọn.',
    () =>
      'A duty outside the plan’s assignment table: the standing agency, who hears of lateness, the reminder policy and the days off come from the plan chosen.',
  ),
  'duty-pages.plan': msg(
    () => 'Kế hoạch',
    () => 'Plan',
  ),
  'duty-pages.lead': msg(
    () => 'Cơ quan chủ trì',
    () => 'Lead agency',
  ),
  'duty-pages.coordinating': msg(
    () => 'Cơ quan phối hợp (nếu có)',
    () => 'Coordinating agencies (if any)',
  ),
  'duty-pages.coordinating-filter': msg(
    () => 'Lọc theo tên cơ quan',
    () => 'Filter by name',
  ),
  'duty-pages.title': msg(
    () => 'Nội dung nhiệm vụ',
    () => 'What is to be done',
  ),
  'duty-pages.product': msg(
    () => 'Sản phẩm',
    () => 'Product',
  ),
  'duty-pages.deadline': msg(
    () => 'Thời hạn (ngày/tháng/năm)',
    () => 'Deadline (dd/mm/yyyy)',
  ),
  'duty-pages.create': msg(
    () => 'Giao nhiệm vụ',
    () => 'Give the duty',
  ),
  'duty-pages.created': msg(
    () => 'Đã giao nhiệm vụ.',
    () => 'The duty was given.',
  ),
} as const;
