// The words of a cycle's pages (a year's progress, its projects' capital) and of a project's
// disbursement page: the commitment month by month, monthly progress, the chart against the
// commitment and its lag alerts; and the refusals of allocations, commitments and
// disbursements, for the pages and the JSON API alike. Vietnamese (the default) and English.
import { msg } from './catalogue.ts';

const monthVi = (m: number) => `tháng ${m}`;
const monthEn = (m: number) =>
  [
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
  ][m - 1] ?? `month ${m}`;

export const cyclePageMessages = {
  'cycle-pages.project-link': msg(
    () => 'Giải ngân của dự án: kế hoạch theo tháng, tiến độ và biểu đồ',
    () => "The project's disbursement: monthly plan, progress and chart",
  ),
  'cycle-pages.projects.caption': msg(
    () => 'Vốn và giải ngân của các dự án',
    () => "Projects' capital and disbursement",
  ),
  'cycle-pages.col.project': msg(
    () => 'Dự án, tiểu dự án',
    () => 'Project or sub-project',
  ),
  'cycle-pages.col.allocated': msg(
    () => 'Vốn đã phân bổ',
    () => 'Capital allocated',
  ),
  'cycle-pages.col.committed': msg(
    () => 'Kế hoạch giải ngân cả năm',
    () => "The year's disbursement plan",
  ),
  'cycle-pages.col.disbursed': msg(
    () => 'Lũy kế đã giải ngân',
    () => 'Disbursed so far',
  ),
  'cycle-pages.col.situation': msg(
    () => 'Tình hình',
    () => 'Situation',
  ),
  'cycle-pages.situation.no-allocation': msg(
    () => 'Chưa phân bổ vốn',
    () => 'No capital allocated yet',
  ),
  'cycle-pages.situation.no-plan': msg(
    () => 'Chưa có kế hoạch giải ngân theo tháng',
    () => 'No month-by-month plan yet',
  ),
  'cycle-pages.situation.on-track': msg(
    () => 'Đạt tiến độ',
    () => 'On track',
  ),
  'cycle-pages.situation.no-progress': msg(
    () => 'Chưa báo cáo giải ngân',
    () => 'No disbursement reported yet',
  ),
  'cycle-pages.situation.lagging': msg<{ months: string }>(
    (p) => `Chậm giải ngân (tháng ${p.months})`,
    (p) => `Lagging (months ${p.months})`,
  ),
  'cycle-pages.open-project': msg(
    () => 'Xem giải ngân',
    () => 'See disbursement',
  ),
  'cycle-pages.allocation.replace': msg(
    () => 'Thay thế số đã ghi nhận theo cùng quyết định',
    () => 'Replace the amount recorded under the same decision',
  ),
  'cycle-pages.allocation.amount': msg(
    () => 'Số vốn (đồng, ví dụ 1.500.000.000)',
    () => 'Amount (đồng, e.g. 1.500.000.000)',
  ),
  'cycle-pages.allocations.caption': msg(
    () => 'Các lần phân bổ vốn',
    () => 'Allocations',
  ),
  'cycle-pages.col.when': msg(
    () => 'Thời điểm ghi nhận',
    () => 'Recorded',
  ),
  'cycle-pages.col.by': msg(
    () => 'Người ghi nhận',
    () => 'By',
  ),
  'cycle-pages.col.decision': msg(
    () => 'Quyết định',
    () => 'Decision',
  ),
  'cycle-pages.col.amount': msg(
    () => 'Số tiền',
    () => 'Amount',
  ),
  'cycle-pages.project.title': msg<{ ref: string }>(
    (p) => `Giải ngân vốn – dự án ${p.ref}`,
    (p) => `Disbursement – project ${p.ref}`,
  ),
  'cycle-pages.project.year': msg<{ year: number }>(
    (p) => `Năm ${p.year}`,
    (p) => `Year ${p.year}`,
  ),
  'cycle-pages.commitment.heading': msg(
    () => 'Cam kết giải ngân theo tháng',
    () => 'The disbursement commitment, month by month',
  ),
  'cycle-pages.commitment.state': msg(
    () => 'Cam kết giải ngân',
    () => 'Disbursement commitment',
  ),
  'cycle-pages.commitment.not-started': msg(
    () => 'Cam kết giải ngân được giao cho cơ quan chủ trì sau lần phân bổ vốn đầu tiên.',
    () => 'The disbursement commitment is asked of the lead agency after the first allocation.',
  ),
  'cycle-pages.commitment.intro': msg<{ lead: string }>(
    (p) =>
      `${p.lead} nhập số vốn dự kiến giải ngân của từng tháng (đồng). Tháng không giải ngân để trống hoặc ghi 0. Cam kết được gửi cơ quan thường trực xem xét.`,
    (p) =>
      `${p.lead} enters the amount planned for each month (đồng). Leave a month without disbursement empty or 0. The commitment goes to the standing agency for review.`,
  ),
  'cycle-pages.commitment.month': msg<{ month: number }>(
    (p) => `Tháng ${p.month}`,
    (p) => monthEn(p.month),
  ),
  'cycle-pages.commitment.note': msg(
    () => 'Ghi chú (không bắt buộc)',
    () => 'Note (optional)',
  ),
  'cycle-pages.commitment.send': msg(
    () => 'Gửi cam kết giải ngân',
    () => 'Send the commitment',
  ),
  'cycle-pages.commitment.text': msg<{ title: string; total: string }>(
    (p) => `Cam kết giải ngân vốn theo từng tháng – ${p.title}. Tổng cả năm: ${p.total}.`,
    (p) => `Disbursement commitment month by month – ${p.title}. Year total: ${p.total}.`,
  ),
  'cycle-pages.commitment.locked': msg(
    () => 'Cam kết đã được gửi; chỉ sửa được khi cơ quan thường trực trả lại để bổ sung.',
    () =>
      'The commitment has been sent; it can be changed only when the standing agency returns it.',
  ),
  'cycle-pages.commitment.open-duty': msg(
    () => 'Xem nhiệm vụ cam kết',
    () => 'See the commitment duty',
  ),
  'cycle-pages.progress.heading': msg(
    () => 'Báo cáo giải ngân hằng tháng',
    () => 'Monthly disbursement',
  ),
  'cycle-pages.progress.month': msg(
    () => 'Tháng',
    () => 'Month',
  ),
  'cycle-pages.progress.amount': msg(
    () => 'Số đã giải ngân trong tháng (đồng)',
    () => 'Disbursed in the month (đồng)',
  ),
  'cycle-pages.progress.replace': msg(
    () => 'Thay thế số đã báo cáo của tháng này',
    () => "Replace the month's figure already reported",
  ),
  'cycle-pages.progress.send': msg(
    () => 'Ghi nhận giải ngân',
    () => 'Record the disbursement',
  ),
  'cycle-pages.progress.who': msg<{ lead: string }>(
    (p) => `Chỉ ${p.lead} (cơ quan chủ trì) báo cáo giải ngân của dự án này.`,
    (p) => `Only ${p.lead} (the lead agency) reports this project's disbursement.`,
  ),
  'cycle-pages.done.allocation': msg(
    () => 'Đã ghi nhận phân bổ vốn.',
    () => 'Allocation recorded.',
  ),
  'cycle-pages.done.commitment': msg(
    () => 'Đã gửi cam kết giải ngân theo tháng.',
    () => 'The commitment has been sent.',
  ),
  'cycle-pages.done.disbursement': msg(
    () => 'Đã ghi nhận số giải ngân của tháng.',
    () => "The month's disbursement is recorded.",
  ),
  'cycle-pages.chart.heading': msg(
    () => 'Lũy kế giải ngân so với kế hoạch cam kết',
    () => 'Cumulative disbursement against the commitment',
  ),
  'cycle-pages.chart.desc': msg<{ planned: string; actual: string; through: number }>(
    (p) =>
      `Kế hoạch cả năm ${p.planned}; đã giải ngân ${p.actual}${p.through > 0 ? ` đến hết tháng ${p.through}` : ''}.`,
    (p) =>
      `Year plan ${p.planned}; disbursed ${p.actual}${p.through > 0 ? ` to the end of ${monthEn(p.through)}` : ''}.`,
  ),
  'cycle-pages.chart.x-axis': msg(
    () => 'Tháng (T1 là tháng 1)',
    () => 'Month (M1 is January)',
  ),
  'cycle-pages.chart.unit.million': msg(
    () => 'triệu đồng',
    () => 'million đồng',
  ),
  'cycle-pages.chart.unit.billion': msg(
    () => 'tỷ đồng',
    () => 'billion đồng',
  ),
  'cycle-pages.chart.legend': msg(
    () => 'Chú giải',
    () => 'Legend',
  ),
  'cycle-pages.chart.planned': msg(
    () => 'Kế hoạch cam kết (lũy kế): đường liền, điểm vuông',
    () => 'Committed plan (cumulative): solid line, square points',
  ),
  'cycle-pages.chart.actual': msg(
    () => 'Đã giải ngân (lũy kế): đường gạch, điểm tròn',
    () => 'Disbursed (cumulative): dashed line, round points',
  ),
  'cycle-pages.chart.threshold': msg<{ percent: string }>(
    (p) => `Ngưỡng cảnh báo ${p.percent}% kế hoạch: đường chấm`,
    (p) => `Warning threshold, ${p.percent}% of the plan: dotted line`,
  ),
  'cycle-pages.chart.lag-mark': msg(
    () => 'Tháng chậm giải ngân: tam giác có dấu chấm than',
    () => 'A lagging month: triangle with an exclamation mark',
  ),
  'cycle-pages.chart.no-plan': msg(
    () => 'Chưa có kế hoạch cam kết theo tháng: biểu đồ chỉ có số đã giải ngân.',
    () => 'No committed month-by-month plan yet: the chart shows what was disbursed.',
  ),
  'cycle-pages.chart.no-data': msg(
    () => 'Chưa có kế hoạch cam kết và chưa có số giải ngân.',
    () => 'No commitment and no disbursement yet.',
  ),
  'cycle-pages.table.caption': msg(
    () => 'Số liệu giải ngân theo tháng',
    () => 'Disbursement by month',
  ),
  'cycle-pages.col.month': msg(
    () => 'Tháng',
    () => 'Month',
  ),
  'cycle-pages.col.plan-month': msg(
    () => 'Kế hoạch trong tháng',
    () => 'Planned in the month',
  ),
  'cycle-pages.col.plan-cum': msg(
    () => 'Kế hoạch lũy kế',
    () => 'Planned, cumulative',
  ),
  'cycle-pages.col.actual-month': msg(
    () => 'Giải ngân trong tháng',
    () => 'Disbursed in the month',
  ),
  'cycle-pages.col.actual-cum': msg(
    () => 'Giải ngân lũy kế',
    () => 'Disbursed, cumulative',
  ),
  'cycle-pages.col.share': msg(
    () => 'Tỷ lệ so với kế hoạch',
    () => 'Share of the plan',
  ),
  'cycle-pages.lag.cell': msg(
    () => 'Chậm',
    () => 'Lagging',
  ),
  'cycle-pages.lags.heading': msg(
    () => 'Cảnh báo chậm giải ngân',
    () => 'Lag alerts',
  ),
  'cycle-pages.lags.none': msg(
    () => 'Không có tháng nào giải ngân thấp hơn ngưỡng cảnh báo.',
    () => 'No month is below the warning threshold.',
  ),
  'cycle-pages.lags.item': msg<{
    month: number;
    actual: string;
    planned: string;
    share: string;
    threshold: string;
  }>(
    (p) =>
      `Đến hết ${monthVi(p.month)}: lũy kế giải ngân ${p.actual}, đạt ${p.share}% kế hoạch lũy kế ${p.planned} (ngưỡng ${p.threshold}%).`,
    (p) =>
      `To the end of ${monthEn(p.month)}: ${p.actual} disbursed, ${p.share}% of the planned ${p.planned} (threshold ${p.threshold}%).`,
  ),
  'cycle-pages.amount.invalid': msg<{ field: string }>(
    (p) =>
      `${p.field}: nhập số tiền bằng chữ số, theo đồng (ví dụ 1.500.000.000), không dùng dấu phẩy.`,
    (p) => `${p.field}: type the amount in digits, in đồng (e.g. 1.500.000.000), without commas.`,
  ),
  'cycle-pages.amount.zero': msg(
    () => 'Số vốn phân bổ phải lớn hơn 0 đồng.',
    () => 'An allocation must be more than 0 đồng.',
  ),
  'cycle-pages.month.invalid': msg(
    () => 'Chọn một tháng từ 1 đến 12.',
    () => 'Choose a month from 1 to 12.',
  ),
  'cycle-pages.project.invalid': msg(
    () => 'Chọn một dự án.',
    () => 'Choose a project.',
  ),
};

/** Why an allocation, a commitment or a disbursement is refused (pages and JSON API). */
export const cycleMoneyRefusals = {
  'cycle-pages.refusal.no-cycle': msg<{ id: string }>(
    (p) => `Không có chu kỳ ${p.id}`,
    (p) => `No cycle with id ${p.id}`,
  ),
  'cycle-pages.refusal.not-your-plan': msg(
    () => 'Bạn không theo dõi kế hoạch này.',
    () => 'This plan is not yours to see.',
  ),
  'cycle-pages.refusal.coordinators-only': msg(
    () => 'Chỉ cán bộ điều phối ghi nhận phân bổ vốn.',
    () => 'Only coordinators record allocations.',
  ),
  'cycle-pages.refusal.lead-only': msg<{ lead: string }>(
    (p) => `Chỉ cán bộ của cơ quan chủ trì (${p.lead}) thực hiện việc này.`,
    (p) => `Only the people of the lead agency (${p.lead}) do this.`,
  ),
  'cycle-pages.refusal.commitment-not-open': msg(
    () =>
      'Chưa có nhiệm vụ cam kết giải ngân cho dự án này: nhiệm vụ được giao sau lần phân bổ vốn đầu tiên.',
    () =>
      'There is no commitment duty for this project yet: it is asked for after the first allocation.',
  ),
  'cycle-pages.refusal.commitment-sent': msg(
    () => 'Cam kết đã được gửi hoặc đã kết thúc; chỉ gửi lại được khi cơ quan thường trực trả lại.',
    () =>
      'The commitment has been sent or is closed; it can be sent again only once it is returned.',
  ),
  'cycle-pages.refusal.commitment-empty': msg(
    () => 'Cam kết cần ít nhất một tháng có số vốn lớn hơn 0.',
    () => 'A commitment needs at least one month with more than 0 đồng.',
  ),
};
