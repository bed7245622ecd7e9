// Words of a year's end and of reports asked for out of turn: ad hoc report requests (made,
// tracked, received), the year's results against the plan's targets and closing the year,
// and the labour office's consolidated draft. Refusals keep the English the JSON API has
// always answered, so scripts reading `message` see no change; Vietnamese is the default.
import { formatDate } from '../domain/local-time.ts';
import { msg, type Lang } from './catalogue.ts';

const day = (iso: string): string => formatDate(Date.parse(iso));

/** Refusals: a stable code each, raised by use-cases/ad-hoc-reports.ts and close-year.ts. */
export const yearEndRefusals = {
  'year-end.not-a-cycle': msg<{ id: string }>(
    () => 'Không có chu kỳ năm này.',
    (p) => `No cycle with id ${p.id}`,
  ),
  'year-end.cycle-closed': msg(
    () => 'Năm đã khóa sổ: không thực hiện được thao tác này.',
    () => 'The cycle is closed',
  ),
  'year-end.not-your-plan': msg(
    () => 'Bạn không theo dõi kế hoạch này.',
    () => 'You do not follow this plan.',
  ),
  'year-end.coordinators-only': msg(
    () => 'Chỉ cán bộ điều phối được khóa sổ năm.',
    () => 'Only coordinators may close a year.',
  ),
  'year-end.confirm-required': msg(
    () => 'Đánh dấu ô xác nhận trước khi khóa sổ năm.',
    () => 'Tick the confirmation box before closing the year.',
  ),
  'year-end.comment-too-long': msg<{ max: number }>(
    (p) => `Ý kiến dài quá ${p.max} ký tự.`,
    (p) => `The comment is longer than ${p.max} characters.`,
  ),
  'ad-hoc.unknown-agencies': msg<{ ids: string }>(
    (p) => `Cơ quan không có trong danh bạ: ${p.ids}`,
    (p) => `Invalid input: agencyIds: not in the directory: ${p.ids}`,
  ),
  'ad-hoc.not-allowed': msg(
    () => 'Chỉ cán bộ điều phối và cơ quan thường trực của kế hoạch được yêu cầu báo cáo đột xuất.',
    () => "Only coordinators and the plan's standing agency may request ad hoc reports.",
  ),
  'ad-hoc.not-found': msg(
    () => 'Không có yêu cầu báo cáo đột xuất này.',
    () => 'No such ad hoc report request.',
  ),
  'ad-hoc.no-agencies': msg(
    () => 'Chọn ít nhất một cơ quan, đơn vị được yêu cầu báo cáo.',
    () => 'Choose at least one agency to ask.',
  ),
  'ad-hoc.too-many-agencies': msg<{ max: number }>(
    (p) => `Mỗi yêu cầu gửi tối đa ${p.max} cơ quan.`,
    (p) => `A request asks at most ${p.max} agencies.`,
  ),
  'ad-hoc.required': msg<{ field: string }>(
    (p) => `Chưa nhập ${p.field}.`,
    (p) => `${p.field} is missing.`,
  ),
  'ad-hoc.too-long': msg<{ field: string; max: number }>(
    (p) => `${p.field} dài quá ${p.max} ký tự.`,
    (p) => `${p.field} is longer than ${p.max} characters.`,
  ),
  'ad-hoc.bad-date': msg(
    () => 'Hạn nộp phải là một ngày có thật, viết dạng dd/mm/yyyy (ví dụ 20/06/2026).',
    () => 'The deadline must be a real date written dd/mm/yyyy (e.g. 20/06/2026).',
  ),
  'consolidation.not-found': msg<{ id: string }>(
    () => 'Không có nhiệm vụ này.',
    (p) => `No duty with id ${p.id}`,
  ),
  'consolidation.not-allowed': msg(
    () => 'Bạn không theo dõi nhiệm vụ này.',
    () => 'You do not follow this duty.',
  ),
};

/** The pages' words. */
export const yearEndMessages = {
  // Ad hoc report requests
  'ad-hoc.title': msg<{ year: number }>(
    (p) => `Yêu cầu báo cáo đột xuất năm ${p.year}`,
    (p) => `Ad hoc report requests, ${p.year}`,
  ),
  'ad-hoc.new-title': msg(
    () => 'Tạo yêu cầu báo cáo đột xuất',
    () => 'New ad hoc report request',
  ),
  'ad-hoc.intro': msg(
    () =>
      'Mỗi cơ quan được chọn nhận một nhiệm vụ báo cáo riêng với hạn nộp chung; việc nhắc hạn, đôn đốc và tiếp nhận như các báo cáo khác của kế hoạch.',
    () =>
      "Each agency chosen gets its own report duty with the common deadline; reminders, follow-ups and review work as for the plan's other reports.",
  ),
  'ad-hoc.new-link': msg(
    () => 'Tạo yêu cầu báo cáo đột xuất',
    () => 'Request an ad hoc report',
  ),
  'ad-hoc.list-link': msg(
    () => 'Các yêu cầu báo cáo đột xuất',
    () => 'Ad hoc report requests',
  ),
  'ad-hoc.field-title': msg(
    () => 'Tên báo cáo',
    () => 'Title of the report',
  ),
  'ad-hoc.hint-title': msg(
    () => 'Ví dụ: Báo cáo đột xuất tình hình thiệt hại do bão số 5',
    () => 'E.g. Ad hoc report on the damage caused by storm no. 5',
  ),
  'ad-hoc.field-product': msg(
    () => 'Sản phẩm yêu cầu',
    () => 'Product asked for',
  ),
  'ad-hoc.hint-product': msg(
    () => 'Ví dụ: Báo cáo bằng văn bản kèm biểu số liệu hộ bị thiệt hại',
    () => 'E.g. A written report with a table of the households affected',
  ),
  'ad-hoc.field-agencies': msg(
    () => 'Cơ quan, đơn vị được yêu cầu báo cáo',
    () => 'Agencies asked to report',
  ),
  'ad-hoc.filter': msg(
    () => 'Tìm theo tên cơ quan hoặc địa bàn',
    () => 'Find by agency or locality name',
  ),
  'ad-hoc.select-all': msg<{ level: string }>(
    (p) => `Chọn tất cả ${p.level.toLowerCase()}`,
    (p) => `Choose every ${p.level.toLowerCase()} agency`,
  ),
  'ad-hoc.field-due': msg(
    () => 'Hạn nộp (ngày cuối cùng, dd/mm/yyyy)',
    () => 'Deadline (last day allowed, dd/mm/yyyy)',
  ),
  'ad-hoc.submit': msg(
    () => 'Gửi yêu cầu',
    () => 'Send the request',
  ),
  'ad-hoc.created': msg<{ agencies: number }>(
    (p) => `Đã gửi yêu cầu báo cáo đột xuất đến ${p.agencies} cơ quan, đơn vị.`,
    (p) => `The ad hoc report request went to ${p.agencies} agencies.`,
  ),
  'ad-hoc.none': msg(
    () => 'Chưa có yêu cầu báo cáo đột xuất nào trong năm.',
    () => 'No ad hoc report has been requested this year.',
  ),
  'ad-hoc.col-title': msg(
    () => 'Báo cáo',
    () => 'Report',
  ),
  'ad-hoc.col-asked-on': msg(
    () => 'Ngày yêu cầu',
    () => 'Requested on',
  ),
  'ad-hoc.col-deadline': msg(
    () => 'Hạn nộp',
    () => 'Deadline',
  ),
  'ad-hoc.col-submitted': msg(
    () => 'Đã nộp',
    () => 'Submitted',
  ),
  'ad-hoc.col-late': msg(
    () => 'Quá hạn chưa nộp',
    () => 'Overdue, not submitted',
  ),
  'ad-hoc.col-submitted-late': msg(
    () => 'Nộp muộn',
    () => 'Submitted late',
  ),
  'ad-hoc.submitted-of': msg<{ done: number; asked: number }>(
    (p) => `${p.done}/${p.asked} cơ quan`,
    (p) => `${p.done} of ${p.asked} agencies`,
  ),
  'ad-hoc.start-failed': msg(
    () =>
      'Chưa tạo được nhiệm vụ cho một số cơ quan (cơ quan không còn trong danh bạ); hãy kiểm tra danh bạ và gửi lại yêu cầu cho các cơ quan đó.',
    () =>
      'Duties could not be started for some agencies (no longer in the directory); check the directory and ask those agencies again.',
  ),
  'ad-hoc.starting': msg(
    () => 'Đang tạo nhiệm vụ cho các cơ quan; tải lại trang sau ít giây.',
    () => 'The duties are being started; reload the page in a few seconds.',
  ),
  'ad-hoc.col-agency': msg(
    () => 'Cơ quan, đơn vị',
    () => 'Agency',
  ),
  'ad-hoc.col-status': msg(
    () => 'Tình trạng',
    () => 'Status',
  ),
  'ad-hoc.col-product': msg(
    () => 'Sản phẩm đã nộp',
    () => 'Product submitted',
  ),
  'ad-hoc.col-action': msg(
    () => 'Tiếp nhận',
    () => 'Review',
  ),
  'ad-hoc.open-duty': msg(
    () => 'Mở nhiệm vụ',
    () => 'Open the duty',
  ),
  'ad-hoc.review-duty': msg(
    () => 'Xem và tiếp nhận',
    () => 'Read and review',
  ),
  'ad-hoc.submitted-on': msg<{ at: string; late: boolean }>(
    (p) => `Nộp ngày ${day(p.at)}${p.late ? ' (muộn)' : ''}`,
    (p) => `Submitted on ${day(p.at)}${p.late ? ' (late)' : ''}`,
  ),
  'ad-hoc.files': msg<{ names: string }>(
    (p) => `Tệp: ${p.names}`,
    (p) => `Files: ${p.names}`,
  ),
  'ad-hoc.nothing-yet': msg(
    () => 'Chưa nộp',
    () => 'Not yet submitted',
  ),
  'ad-hoc.summary': msg<{ asked: number; done: number; overdue: number }>(
    (p) => `${p.asked} cơ quan được yêu cầu; ${p.done} đã nộp; ${p.overdue} quá hạn chưa nộp.`,
    (p) => `${p.asked} agencies asked; ${p.done} submitted; ${p.overdue} overdue.`,
  ),
  'ad-hoc.product': msg(
    () => 'Sản phẩm yêu cầu',
    () => 'Product asked for',
  ),
  'ad-hoc.closed-note': msg(
    () => 'Năm đã khóa sổ: không tạo thêm yêu cầu báo cáo đột xuất.',
    () => 'The year is closed: no more ad hoc reports can be requested.',
  ),

  // The year's results and closing the year
  'year-end.title': msg<{ year: number }>(
    (p) => `Kết quả và khóa sổ năm ${p.year}`,
    (p) => `Results and closing of ${p.year}`,
  ),
  'year-end.link': msg(
    () => 'Kết quả so với chỉ tiêu và khóa sổ năm',
    () => 'Results against targets, and closing the year',
  ),
  'year-end.localities-heading': msg(
    () => 'Kết quả theo địa bàn so với chỉ tiêu',
    () => 'Results by locality against the targets',
  ),
  'year-end.localities-intro': msg(
    () =>
      'Số liệu báo cáo là số liệu trong báo cáo mới nhất của năm có chỉ tiêu đó; "còn thiếu" là chỉ tiêu trừ số đã báo cáo (bằng 0 hoặc âm là đã đạt).',
    () =>
      'Reported figures come from the latest report of the year that gives them; "gap" is the target less what was reported (zero or less means met).',
  ),
  'year-end.col-locality': msg(
    () => 'Địa bàn',
    () => 'Locality',
  ),
  'year-end.col-target': msg<{ what: string }>(
    (p) => `${p.what}: chỉ tiêu`,
    (p) => `${p.what}: target`,
  ),
  'year-end.col-reported': msg<{ what: string }>(
    (p) => `${p.what}: đã báo cáo`,
    (p) => `${p.what}: reported`,
  ),
  'year-end.col-gap': msg<{ what: string }>(
    (p) => `${p.what}: còn thiếu`,
    (p) => `${p.what}: gap`,
  ),
  'year-end.col-verdict': msg(
    () => 'Đánh giá',
    () => 'Assessment',
  ),
  'year-end.met': msg(
    () => 'Đạt',
    () => 'Met',
  ),
  'year-end.not-met': msg(
    () => 'Chưa đạt',
    () => 'Not met',
  ),
  'year-end.no-report': msg(
    () => 'Chưa báo cáo',
    () => 'Not reported',
  ),
  'year-end.no-locality-targets': msg<{ year: number }>(
    (p) => `Chưa nhập bảng chỉ tiêu theo địa bàn của năm ${p.year}.`,
    (p) => `No targets table by locality has been imported for ${p.year}.`,
  ),
  'year-end.targets-link': msg(
    () => 'Nhập bảng chỉ tiêu theo địa bàn',
    () => 'Import the targets table by locality',
  ),
  'year-end.plan-heading': msg(
    () => 'Mục tiêu của kế hoạch trong năm',
    () => "The plan's goals for the year",
  ),
  'year-end.col-indicator': msg(
    () => 'Chỉ tiêu',
    () => 'Indicator',
  ),
  'year-end.col-goal': msg(
    () => 'Mục tiêu',
    () => 'Goal',
  ),
  'year-end.col-value': msg(
    () => 'Đã báo cáo',
    () => 'Reported',
  ),
  'year-end.col-difference': msg(
    () => 'Còn thiếu',
    () => 'Gap',
  ),
  'year-end.at-most': msg<{ value: string }>(
    (p) => `không quá ${p.value}`,
    (p) => `at most ${p.value}`,
  ),
  'year-end.at-least': msg<{ value: string }>(
    (p) => `ít nhất ${p.value}`,
    (p) => `at least ${p.value}`,
  ),
  'year-end.whole-plan': msg(
    () => 'Toàn địa bàn kế hoạch',
    () => "The plan's whole area",
  ),
  'year-end.no-plan-targets': msg<{ year: number }>(
    (p) => `Kế hoạch không nêu mục tiêu định lượng cho năm ${p.year}.`,
    (p) => `The plan states no quantified goal for ${p.year}.`,
  ),
  'year-end.unreported-heading': msg(
    () => 'Cơ quan chưa nộp báo cáo của năm',
    () => "Agencies with the year's reports outstanding",
  ),
  'year-end.col-agency': msg(
    () => 'Cơ quan, đơn vị',
    () => 'Agency',
  ),
  'year-end.col-outstanding': msg(
    () => 'Số báo cáo chưa nộp',
    () => 'Reports outstanding',
  ),
  'year-end.col-overdue': msg(
    () => 'Trong đó quá hạn',
    () => 'Of which overdue',
  ),
  'year-end.col-next-due': msg(
    () => 'Hạn gần nhất',
    () => 'Nearest deadline',
  ),
  'year-end.all-reported': msg(
    () => 'Tất cả cơ quan đã nộp các báo cáo của năm.',
    () => "Every agency has submitted the year's reports.",
  ),
  'year-end.close-heading': msg(
    () => 'Khóa sổ năm',
    () => 'Close the year',
  ),
  'year-end.close-explain': msg(
    () =>
      'Khóa sổ kết thúc chu kỳ của năm: không ghi nhận thêm phân bổ vốn, giải ngân hay yêu cầu báo cáo đột xuất. Các nhiệm vụ đang mở vẫn được theo dõi. Không thể mở lại năm đã khóa sổ.',
    () =>
      "Closing ends the year's cycle: no more allocations, disbursements or ad hoc requests are recorded. Open duties are still followed. A closed year cannot be reopened.",
  ),
  'year-end.comment': msg(
    () => 'Ý kiến khi khóa sổ (không bắt buộc)',
    () => 'Comment on closing (optional)',
  ),
  'year-end.confirm': msg<{ year: number }>(
    (p) => `Tôi xác nhận khóa sổ năm ${p.year}; việc này không hoàn tác được.`,
    (p) => `I confirm closing ${p.year}; this cannot be undone.`,
  ),
  'year-end.close-button': msg(
    () => 'Khóa sổ năm',
    () => 'Close the year',
  ),
  'year-end.closed': msg<{ year: number; at: string; by: string }>(
    (p) => `Năm ${p.year} đã khóa sổ lúc ${p.at}, người khóa sổ: ${p.by}.`,
    (p) => `${p.year} was closed at ${p.at} by ${p.by}.`,
  ),
  'year-end.closed-at': msg<{ year: number; at: string }>(
    (p) => `Năm ${p.year} đã khóa sổ lúc ${p.at}.`,
    (p) => `${p.year} was closed at ${p.at}.`,
  ),
  'year-end.closed-comment': msg(
    () => 'Ý kiến khi khóa sổ',
    () => 'Comment on closing',
  ),
  'year-end.closed-done': msg<{ year: number }>(
    (p) => `Đã khóa sổ năm ${p.year}.`,
    (p) => `${p.year} is closed.`,
  ),
  'year-end.starting': msg(
    () => 'Chu kỳ năm còn đang khởi tạo các nhiệm vụ; chưa khóa sổ được.',
    () => 'The cycle is still starting its duties; it cannot be closed yet.',
  ),
  'year-end.coordinators-close': msg(
    () => 'Cán bộ điều phối khóa sổ năm khi đã có đủ kết quả.',
    () => 'A coordinator closes the year once the results are in.',
  ),

  // The consolidated draft
  'consolidation.title': msg(
    () => 'Dự thảo báo cáo tổng hợp',
    () => 'Consolidated draft',
  ),
  'consolidation.link': msg(
    () => 'Dự thảo báo cáo tổng hợp từ báo cáo của các cơ quan',
    () => "Consolidated draft from the agencies' reports",
  ),
  'consolidation.intro': msg(
    () =>
      'Tổng hợp từ các báo cáo các cơ quan, đơn vị gửi đến kể từ kỳ báo cáo trước; số liệu chỉ tiêu là tổng các báo cáo đã nhận (không tính báo cáo bị trả lại).',
    () =>
      'Combined from the reports the agencies sent since the previous report; each indicator is the sum over the reports received (returned ones left out).',
  ),
  'consolidation.report': msg(
    () => 'Báo cáo',
    () => 'Report',
  ),
  'consolidation.period': msg(
    () => 'Kỳ báo cáo',
    () => 'Period',
  ),
  'consolidation.deadline': msg(
    () => 'Hạn gửi báo cáo',
    () => 'Deadline',
  ),
  'consolidation.expected': msg(
    () => 'Số báo cáo phải nhận',
    () => 'Reports expected',
  ),
  'consolidation.on-time': msg(
    () => 'Đã nhận đúng hạn',
    () => 'Received on time',
  ),
  'consolidation.late': msg(
    () => 'Nhận muộn',
    () => 'Received late',
  ),
  'consolidation.missing': msg(
    () => 'Chưa nhận',
    () => 'Not received',
  ),
  'consolidation.indicators-heading': msg(
    () => 'Chỉ tiêu tổng hợp',
    () => 'Combined indicators',
  ),
  'consolidation.col-indicator': msg(
    () => 'Chỉ tiêu',
    () => 'Indicator',
  ),
  'consolidation.col-total': msg(
    () => 'Giá trị tổng hợp',
    () => 'Combined value',
  ),
  'consolidation.no-indicators': msg(
    () => 'Các báo cáo đã nhận chưa có số liệu chỉ tiêu.',
    () => 'The reports received give no indicator figures yet.',
  ),
  'consolidation.received-heading': msg(
    () => 'Báo cáo đã nhận',
    () => 'Reports received',
  ),
  'consolidation.col-agency': msg(
    () => 'Cơ quan, đơn vị',
    () => 'Agency',
  ),
  'consolidation.col-at': msg(
    () => 'Ngày nộp',
    () => 'Submitted on',
  ),
  'consolidation.col-timeliness': msg(
    () => 'Thời hạn',
    () => 'Timeliness',
  ),
  'consolidation.none-received': msg(
    () => 'Chưa nhận được báo cáo nào.',
    () => 'No report received yet.',
  ),
  'consolidation.missing-heading': msg(
    () => 'Cơ quan, đơn vị chưa báo cáo',
    () => 'Agencies that have not reported',
  ),
  'consolidation.col-status': msg(
    () => 'Tình trạng',
    () => 'Status',
  ),
  'consolidation.none-missing': msg(
    () => 'Tất cả cơ quan, đơn vị đã gửi báo cáo.',
    () => 'Every agency has reported.',
  ),
  'consolidation.no-contributors': msg(
    () =>
      'Không có báo cáo nào của các cơ quan khác phải gửi cho báo cáo này trong kỳ (không có số liệu để tổng hợp).',
    () => 'No other agency owed a report towards this one in the period (nothing to combine).',
  ),
  'consolidation.exports': msg(
    () => 'Tải về',
    () => 'Download',
  ),
  'consolidation.export-xlsx': msg(
    () => 'Bảng tổng hợp (Excel .xlsx)',
    () => 'Combined table (Excel .xlsx)',
  ),
  'consolidation.export-docx': msg(
    () => 'Dự thảo báo cáo gửi cấp trên (Word .docx)',
    () => 'Draft report for the level above (Word .docx)',
  ),
  'consolidation.back': msg(
    () => 'Về trang nhiệm vụ',
    () => 'Back to the duty',
  ),
};

/** Indicator names programs use (plan files, scripts), as a reader says them. */
const INDICATOR_NAMES: Record<string, Record<Lang, string>> = {
  households: { vi: 'Tổng số hộ', en: 'Households' },
  poor: { vi: 'Số hộ nghèo', en: 'Poor households' },
  'poor-households': { vi: 'Số hộ nghèo', en: 'Poor households' },
  poorRate: { vi: 'Tỷ lệ hộ nghèo (%)', en: 'Poverty rate (%)' },
  'poverty-rate': { vi: 'Tỷ lệ hộ nghèo (%)', en: 'Poverty rate (%)' },
  nearPoor: { vi: 'Số hộ cận nghèo', en: 'Near-poor households' },
  'near-poor-households': { vi: 'Số hộ cận nghèo', en: 'Near-poor households' },
  nearPoorRate: { vi: 'Tỷ lệ hộ cận nghèo (%)', en: 'Near-poverty rate (%)' },
  'near-poverty-rate': { vi: 'Tỷ lệ hộ cận nghèo (%)', en: 'Near-poverty rate (%)' },
  reductionTarget: { vi: 'Giảm tỷ lệ hộ nghèo (%)', en: 'Reduction of the poverty rate (%)' },
  liftOut: { vi: 'Số hộ thoát nghèo', en: 'Households lifted out of poverty' },
  'lifted-out': { vi: 'Số hộ thoát nghèo', en: 'Households lifted out of poverty' },
};

/**
 * An indicator as a reader says it: a program's name ("poverty-rate") in words, a name an
 * officer typed in a report ("Số hộ thoát nghèo") as written.
 */
export const indicatorName = (name: string, lang: Lang): string =>
  INDICATOR_NAMES[name]?.[lang] ?? name;
