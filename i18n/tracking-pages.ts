// The words of the labour office's pages: its home queue, the grid of agencies or localities
// by period with its filters and rates, the trend chart, and the pages' pagination.
import { msg } from './catalogue.ts';

export const trackingPageMessages = {
  // The labour office's queue on its home page.
  'tracking.home.queue': msg(
    () => 'Việc cần xử lý hôm nay',
    () => 'What needs you today',
  ),
  'tracking.home.review': msg<{ n: number }>(
    (p) => `Chờ chấp nhận hoặc trả lại (${p.n})`,
    (p) => `Products to accept or return (${p.n})`,
  ),
  'tracking.home.extensions': msg<{ n: number }>(
    (p) => `Đề nghị gia hạn chờ quyết định (${p.n})`,
    (p) => `Extension requests to decide (${p.n})`,
  ),
  'tracking.home.overdue': msg<{ n: number }>(
    (p) => `Quá hạn (${p.n}), trễ lâu nhất trước`,
    (p) => `Overdue (${p.n}), the latest first`,
  ),
  'tracking.home.review-action': msg(
    () => 'Xem xét',
    () => 'Review',
  ),
  'tracking.home.extension-action': msg(
    () => 'Quyết định',
    () => 'Decide',
  ),
  'tracking.home.submitted-at': msg<{ at: string }>(
    (p) => `nộp ngày ${p.at}`,
    (p) => `submitted ${p.at}`,
  ),
  'tracking.home.asked': msg<{ due: string; by: string }>(
    (p) => `đề nghị gia hạn — ${p.due} (${p.by})`,
    (p) => `asks for more time — ${p.due} (${p.by})`,
  ),
  'tracking.home.days-late': msg<{ n: number }>(
    (p) => `trễ ${p.n} ngày`,
    (p) => `${p.n} ${p.n === 1 ? 'day' : 'days'} late`,
  ),
  'tracking.home.nothing': msg(
    () => 'Không có việc nào.',
    () => 'Nothing.',
  ),
  'tracking.home.all-overdue': msg(
    () => 'Toàn bộ danh sách quá hạn',
    () => 'The whole overdue list',
  ),
  'tracking.home.follow': msg(
    () => 'Theo dõi chung',
    () => 'Following the plans',
  ),
  // Pagination, on every long list of these pages.
  'tracking.page.range': msg<{ from: number; to: number; total: number }>(
    (p) => `${p.from}–${p.to} trong tổng số ${p.total}`,
    (p) => `${p.from}–${p.to} of ${p.total}`,
  ),
  'tracking.page.prev': msg(
    () => '‹ Trang trước',
    () => '‹ Previous',
  ),
  'tracking.page.next': msg(
    () => 'Trang sau ›',
    () => 'Next ›',
  ),
  'tracking.page.label': msg<{ what: string }>(
    (p) => `Chuyển trang: ${p.what}`,
    (p) => `Pages: ${p.what}`,
  ),
  // The grid's filters.
  'tracking.filter.year': msg(
    () => 'Năm',
    () => 'Year',
  ),
  'tracking.filter.columns': msg(
    () => 'Cột theo',
    () => 'Columns by',
  ),
  'tracking.filter.rows': msg(
    () => 'Hàng theo',
    () => 'Rows by',
  ),
  'tracking.filter.rows-agency': msg(
    () => 'Cơ quan',
    () => 'Agency',
  ),
  'tracking.filter.rows-locality': msg(
    () => 'Địa bàn',
    () => 'Locality',
  ),
  'tracking.filter.what': msg(
    () => 'Nội dung',
    () => 'What',
  ),
  'tracking.filter.what-reports': msg(
    () => 'Báo cáo',
    () => 'Reports',
  ),
  'tracking.filter.what-duties': msg(
    () => 'Nhiệm vụ khác',
    () => 'Other duties',
  ),
  'tracking.filter.category': msg(
    () => 'Tình trạng',
    () => 'Category',
  ),
  'tracking.filter.any-category': msg(
    () => 'Tất cả tình trạng',
    () => 'Every category',
  ),
  'tracking.filter.search': msg(
    () => 'Tìm theo tên',
    () => 'Search by name',
  ),
  'tracking.filter.previous': msg(
    () => 'Thêm cột các năm trước',
    () => 'Add columns for earlier years',
  ),
  'tracking.granularity.month': msg(
    () => 'Tháng',
    () => 'Month',
  ),
  'tracking.granularity.quarter': msg(
    () => 'Quý',
    () => 'Quarter',
  ),
  'tracking.granularity.half': msg(
    () => '6 tháng',
    () => 'Half year',
  ),
  'tracking.granularity.year': msg(
    () => 'Năm',
    () => 'Year',
  ),
  // Column headings of the grid, short enough for a phone.
  'tracking.column.month': msg<{ month: number }>(
    (p) => `Th. ${p.month}`,
    (p) =>
      ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][
        p.month - 1
      ] ?? String(p.month),
  ),
  'tracking.column.quarter': msg<{ quarter: string }>(
    (p) => `Quý ${p.quarter}`,
    (p) => `Q${p.quarter}`,
  ),
  'tracking.column.half': msg<{ half: number }>(
    (p) => (p.half === 1 ? '6 tháng đầu' : '6 tháng cuối'),
    (p) => (p.half === 1 ? 'First half' : 'Second half'),
  ),
  'tracking.column.year': msg<{ year: number }>(
    (p) => `Năm ${p.year}`,
    (p) => String(p.year),
  ),
  // The grid.
  'tracking.grid.heading': msg<{ year: number }>(
    (p) => `Tình trạng theo kỳ, năm ${p.year}`,
    (p) => `Categories by period, ${p.year}`,
  ),
  'tracking.grid.caption-agency': msg<{ year: number }>(
    (p) => `Tình trạng của từng cơ quan theo kỳ, năm ${p.year}`,
    (p) => `Each agency's categories by period, ${p.year}`,
  ),
  'tracking.grid.caption-locality': msg<{ year: number }>(
    (p) => `Tình trạng của từng địa bàn theo kỳ, năm ${p.year}`,
    (p) => `Each locality's categories by period, ${p.year}`,
  ),
  'tracking.grid.row-rate': msg(
    () => 'Tỷ lệ đúng hạn',
    () => 'On-time rate',
  ),
  'tracking.grid.rate': msg<{ rate: string; onTime: number; expected: number }>(
    (p) => `${p.rate} (${p.onTime}/${p.expected})`,
    (p) => `${p.rate} (${p.onTime}/${p.expected})`,
  ),
  'tracking.grid.no-item': msg(
    () => 'không có',
    () => 'none',
  ),
  'tracking.grid.empty': msg(
    () => 'Không có mục nào khớp với bộ lọc.',
    () => 'Nothing matches the filters.',
  ),
  'tracking.grid.scroll': msg(
    () => 'Bảng rộng: kéo ngang trong bảng để xem các kỳ khác; cột tên luôn hiển thị.',
    () => 'A wide table: scroll sideways inside it for the other periods; the name column stays.',
  ),
  'tracking.grid.rate-note': msg(
    () =>
      'Tỷ lệ đúng hạn = số đã nộp đúng hạn / số phải nộp đến nay (không tính mục chưa đến hạn); tính trên mọi tình trạng, không theo bộ lọc tình trạng.',
    () =>
      'On-time rate = in on time / owed by now (not yet due left out); counted over every category, whatever the category filter.',
  ),
  'tracking.grid.levels': msg(
    () => 'Tỷ lệ đúng hạn theo cấp',
    () => 'On-time rate by level',
  ),
  'tracking.grid.whole': msg(
    () => 'Toàn kế hoạch',
    () => 'The whole plan',
  ),
  'tracking.grid.count': msg<{ n: number; track: string }>(
    (p) => `${p.track}: ${p.n}`,
    (p) => `${p.track}: ${p.n}`,
  ),
  // The trend chart.
  'tracking.trend.heading': msg(
    () => 'Xu hướng tỷ lệ đúng hạn',
    () => 'On-time rate over time',
  ),
  'tracking.trend.periods': msg<{ year: number }>(
    (p) => `Theo kỳ trong năm ${p.year}`,
    (p) => `By period in ${p.year}`,
  ),
  'tracking.trend.years': msg(
    () => 'Qua các năm',
    () => 'Across the years',
  ),
  'tracking.trend.legend': msg(
    () =>
      'Mỗi điểm tròn là tỷ lệ đúng hạn của một kỳ, ghi bằng số phần trăm ngay trên điểm; đường nối các kỳ liền nhau. Kỳ chưa có mục phải nộp ghi dấu «–», không có điểm. Số liệu đầy đủ ở bảng dưới biểu đồ.',
    () =>
      'Each dot is the on-time rate of one period, written as a percentage just above it; a line joins neighbouring periods. A period with nothing owed yet shows "–" and has no dot. The full figures are in the table below the chart.',
  ),
  'tracking.trend.no-data': msg(
    () => 'chưa có số liệu',
    () => 'no figures',
  ),
  'tracking.trend.chart-label': msg<{ what: string }>(
    (p) => `Biểu đồ tỷ lệ đúng hạn ${p.what}`,
    (p) => `Chart of the on-time rate ${p.what}`,
  ),
  'tracking.trend.table': msg<{ what: string }>(
    (p) => `Số liệu của biểu đồ: ${p.what}`,
    (p) => `The chart's figures: ${p.what}`,
  ),
  'tracking.trend.on-time': msg(
    () => 'Đúng hạn',
    () => 'On time',
  ),
  'tracking.lock.choose': msg(
    () => 'Kỳ cần khóa',
    () => 'Period to lock',
  ),
  // Refusals of the tracking use cases.
  'tracking.refuse.not-following': msg(
    () => 'Chỉ cơ quan thường trực của kế hoạch và cán bộ điều phối được xem trang theo dõi này.',
    () => 'Only a plan’s standing agency and coordinators see these tracking pages.',
  ),
  'tracking.refuse.not-your-plan': msg<{ planId: string }>(
    () => 'Kế hoạch này không do cơ quan của bạn theo dõi.',
    (p) => `Plan ${p.planId} is not one your agency follows.`,
  ),
  'tracking.refuse.no-plan': msg<{ planId: string }>(
    () => 'Không có kế hoạch này.',
    (p) => `No plan with id ${p.planId}`,
  ),
  'tracking.refuse.lock': msg(
    () => 'Chỉ cơ quan thường trực của kế hoạch hoặc cán bộ điều phối được khóa số liệu.',
    () => 'Only the standing agency or a coordinator locks a period.',
  ),
  'tracking.refuse.no-duty': msg<{ id: string }>(
    () => 'Không có nhiệm vụ này.',
    (p) => `No duty with id ${p.id}`,
  ),
  'tracking.lock.heading': msg(
    () => 'Khóa số liệu kỳ',
    () => 'Locking a period',
  ),
  'tracking.lock.button': msg(
    () => 'Khóa số liệu kỳ này',
    () => 'Lock this period’s figures',
  ),
  'tracking.lock.badge': msg(
    () => 'Đã khóa số liệu',
    () => 'Locked',
  ),
};
