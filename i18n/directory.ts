// The directory's refusals (adding, replacing, deleting, retiring and merging agencies and
// localities) and the words of its pages, and those of a plan's cycle schedule page.
import { msg } from './catalogue.ts';

/** "kế hoạch a, b và 3 nhiệm vụ": what still names an entry, in each language. */
const holders = (
  p: { plans?: string; agencies?: string; localities?: string; duties?: number },
  lang: 'vi' | 'en',
): string => {
  const vi = lang === 'vi';
  const parts = [
    ...(p.agencies ? [vi ? `cơ quan ${p.agencies}` : `agencies ${p.agencies}`] : []),
    ...(p.localities ? [vi ? `địa bàn ${p.localities}` : `localities ${p.localities}`] : []),
    ...(p.plans ? [vi ? `kế hoạch ${p.plans}` : `plans ${p.plans}`] : []),
    ...(p.duties ? [vi ? `${p.duties} nhiệm vụ` : `${p.duties} duties`] : []),
  ];
  return parts.join(vi ? ' và ' : ' and ');
};

export const directoryMessages = {
  'directory.coordinators-only': msg(
    () => 'Chỉ cán bộ điều phối được sửa danh bạ',
    () => 'Only coordinators may edit the directory',
  ),
  'directory.no-locality-field': msg<{ locality: string }>(
    (p) => `Dữ liệu không hợp lệ: địa bàn "${p.locality}" không có trong danh bạ`,
    (p) => `Invalid input: localityId: no locality "${p.locality}"`,
  ),
  'directory.agency-exists': msg<{ agency: string }>(
    (p) => `Cơ quan "${p.agency}" đã có trong danh bạ`,
    (p) => `Agency "${p.agency}" already exists`,
  ),
  'directory.agency-referenced': msg<{ agency: string; plans?: string; duties?: number }>(
    (p) =>
      `Không xóa được cơ quan "${p.agency}" vì còn được nêu trong ${holders(p, 'vi')}; hãy cho cơ quan ngừng hoạt động thay vì xóa`,
    (p) =>
      `Agency "${p.agency}" is still named by ${holders(p, 'en')}; it cannot be deleted (retire it instead)`,
  ),
  'directory.locality-referenced': msg<{
    locality: string;
    agencies?: string;
    localities?: string;
    plans?: string;
  }>(
    (p) =>
      `Không xóa được địa bàn "${p.locality}" vì còn được nêu trong ${holders(p, 'vi')}; hãy cho địa bàn ngừng sử dụng thay vì xóa`,
    (p) =>
      `Locality "${p.locality}" is still named by ${holders(p, 'en')}; it cannot be deleted (retire it instead)`,
  ),
  'directory.merge-self': msg<{ name: string }>(
    (p) => `Không sáp nhập "${p.name}" vào chính nó được`,
    (p) => `"${p.name}" cannot be merged into itself`,
  ),
  'directory.merge-unknown-agency': msg<{ agency: string }>(
    (p) => `Cơ quan tiếp nhận "${p.agency}" không có trong danh bạ`,
    (p) => `The agency to merge into, "${p.agency}", is not in the directory`,
  ),
  'directory.merge-unknown-locality': msg<{ locality: string }>(
    (p) => `Địa bàn tiếp nhận "${p.locality}" không có trong danh bạ`,
    (p) => `The locality to merge into, "${p.locality}", is not in the directory`,
  ),
  'directory.merge-into-retired': msg<{ name: string }>(
    (p) => `"${p.name}" đã ngừng hoạt động, không tiếp nhận sáp nhập được`,
    (p) => `"${p.name}" is retired and cannot take a merge`,
  ),
  'directory.already-merged': msg<{ name: string; into: string }>(
    (p) => `"${p.name}" đã được sáp nhập vào "${p.into}"`,
    (p) => `"${p.name}" has already been merged into "${p.into}"`,
  ),
  'directory.merge-level': msg<{ name: string; into: string }>(
    (p) => `Không sáp nhập được "${p.name}" vào "${p.into}": hai địa bàn không cùng cấp hành chính`,
    (p) => `"${p.name}" cannot be merged into "${p.into}": they are not of the same level`,
  ),
  'directory.merge-commune-kind': msg<{ name: string; into: string }>(
    (p) =>
      `Không sáp nhập được "${p.name}" vào "${p.into}": Ủy ban nhân dân cấp xã chỉ sáp nhập vào Ủy ban nhân dân cấp xã`,
    (p) =>
      `"${p.name}" cannot be merged into "${p.into}": a commune's People's Committee merges only into another commune's`,
  ),
  'directory.merge-reason': msg<{ name: string; into: string }>(
    (p) => `${p.name} được sáp nhập vào ${p.into}`,
    (p) => `${p.name} was merged into ${p.into}`,
  ),

  // The directory's pages.
  'directory.tab-agencies': msg(
    () => 'Cơ quan',
    () => 'Agencies',
  ),
  'directory.tab-localities': msg(
    () => 'Địa bàn',
    () => 'Localities',
  ),
  'directory.search': msg(
    () => 'Tìm theo tên',
    () => 'Search by name',
  ),
  'directory.level': msg(
    () => 'Cấp',
    () => 'Level',
  ),
  'directory.all-levels': msg(
    () => 'Tất cả các cấp',
    () => 'All levels',
  ),
  'directory.show': msg(
    () => 'Hiển thị',
    () => 'Show',
  ),
  'directory.show-active': msg(
    () => 'Đang hoạt động',
    () => 'Active',
  ),
  'directory.show-all': msg(
    () => 'Tất cả, kể cả đã ngừng',
    () => 'All, retired included',
  ),
  'directory.show-retired': msg(
    () => 'Đã ngừng hoặc đã sáp nhập',
    () => 'Retired or merged',
  ),
  'directory.filter': msg(
    () => 'Lọc',
    () => 'Filter',
  ),
  'directory.count-agencies': msg<{ from: number; to: number; total: number }>(
    (p) => `Cơ quan ${p.from}–${p.to} trong tổng số ${p.total}`,
    (p) => `Agencies ${p.from}–${p.to} of ${p.total}`,
  ),
  'directory.count-localities': msg<{ from: number; to: number; total: number }>(
    (p) => `Địa bàn ${p.from}–${p.to} trong tổng số ${p.total}`,
    (p) => `Localities ${p.from}–${p.to} of ${p.total}`,
  ),
  'directory.none-found': msg(
    () => 'Không có mục nào khớp với bộ lọc.',
    () => 'Nothing matches the filter.',
  ),
  'directory.pages': msg(
    () => 'Các trang',
    () => 'Pages',
  ),
  'directory.page-of': msg<{ page: number; pages: number }>(
    (p) => `Trang ${p.page}/${p.pages}`,
    (p) => `Page ${p.page} of ${p.pages}`,
  ),
  'directory.previous': msg(
    () => '‹ Trang trước',
    () => '‹ Previous',
  ),
  'directory.next': msg(
    () => 'Trang sau ›',
    () => 'Next ›',
  ),
  'directory.status': msg(
    () => 'Tình trạng',
    () => 'Status',
  ),
  'directory.active': msg(
    () => 'Đang hoạt động',
    () => 'Active',
  ),
  'directory.retired-on': msg<{ date: string }>(
    (p) => `Ngừng hoạt động từ ${p.date}`,
    (p) => `Retired on ${p.date}`,
  ),
  'directory.merged-into': msg<{ into: string; date: string }>(
    (p) => `Đã sáp nhập vào ${p.into} ngày ${p.date}`,
    (p) => `Merged into ${p.into} on ${p.date}`,
  ),
  'directory.merged-here': msg(
    () => 'Đã sáp nhập vào đây',
    () => 'Merged into this one',
  ),
  'directory.open': msg(
    () => 'Xem, sửa',
    () => 'View, edit',
  ),
  'directory.view': msg(
    () => 'Xem',
    () => 'View',
  ),
  'directory.parent': msg(
    () => 'Trực thuộc',
    () => 'Part of',
  ),
  'directory.agencies-here': msg(
    () => 'Cơ quan trên địa bàn',
    () => 'Agencies in this locality',
  ),
  'directory.short-names': msg(
    () => 'Tên gọi khác, tên viết tắt (mỗi dòng một tên)',
    () => 'Other names and abbreviations (one a line)',
  ),
  'directory.name': msg(
    () => 'Tên cơ quan',
    () => 'Name of the agency',
  ),
  'directory.code': msg(
    () => 'Mã cơ quan (chữ không dấu, số, dấu chấm, gạch ngang)',
    () => 'Agency code (letters, digits, dots, dashes)',
  ),
  'directory.is-commune': msg(
    () => 'Là Ủy ban nhân dân cấp xã (thuộc nhóm "UBND các xã, thị trấn")',
    () => 'A commune People\'s Committee (in the group "UBND các xã, thị trấn")',
  ),
  'directory.head-name': msg(
    () => 'Họ tên thủ trưởng',
    () => 'Head of the agency',
  ),
  'directory.head-email': msg(
    () => 'Thư điện tử của thủ trưởng',
    () => "Head's email",
  ),
  'directory.focal-points-field': msg(
    () => 'Cán bộ đầu mối (mỗi dòng: Họ tên, thư điện tử)',
    () => 'Focal points (one a line: name, email)',
  ),
  'directory.bad-contact-line': msg<{ line: string }>(
    (p) => `Dòng cán bộ đầu mối "${p.line}" cần có họ tên và thư điện tử, cách nhau bởi dấu phẩy`,
    (p) => `The focal point line "${p.line}" needs a name and an email, separated by a comma`,
  ),
  'directory.add-agency': msg(
    () => 'Thêm cơ quan',
    () => 'Add an agency',
  ),
  'directory.edit-agency': msg(
    () => 'Sửa thông tin, đổi tên',
    () => 'Edit, rename',
  ),
  'directory.save': msg(
    () => 'Lưu',
    () => 'Save',
  ),
  'directory.merge-agency': msg(
    () => 'Sáp nhập vào cơ quan khác',
    () => 'Merge into another agency',
  ),
  'directory.merge-agency-intro': msg(
    () =>
      'Cơ quan này ngừng hoạt động và được ghi nhận đã sáp nhập. Các nhiệm vụ đang thực hiện do cơ quan này chủ trì được giao lại cho cơ quan tiếp nhận; nơi cơ quan này phối hợp, cơ quan tiếp nhận phối hợp thay. Kế hoạch dùng cơ quan tiếp nhận cho các năm sau. Nhiệm vụ đã kết thúc và số liệu đã chốt giữ nguyên.',
    () =>
      'This agency is retired and recorded as merged. Open duties it leads go to the agency it merges into; where it coordinates, that agency coordinates instead. Plans use that agency from next year. Closed duties and their fixed figures stay as they are.',
  ),
  'directory.merge-into': msg(
    () => 'Sáp nhập vào',
    () => 'Merge into',
  ),
  'directory.merge': msg(
    () => 'Sáp nhập',
    () => 'Merge',
  ),
  'directory.delete-agency': msg(
    () => 'Xóa cơ quan',
    () => 'Delete the agency',
  ),
  'directory.delete-locality': msg(
    () => 'Xóa địa bàn',
    () => 'Delete the locality',
  ),
  'directory.delete-intro': msg(
    () =>
      'Chỉ dùng để xóa một mục nhập nhầm: không xóa được khi đã có kế hoạch, nhiệm vụ, cơ quan hoặc địa bàn nào gắn với mục này (khi đó hãy cho ngừng hoạt động hoặc sáp nhập).',
    () =>
      'Only for an entry made by mistake: refused once a plan, duty, agency or locality refers to it (retire or merge it instead).',
  ),
  'directory.deleted': msg(
    () => 'Đã xóa mục nhập nhầm khỏi danh bạ.',
    () => 'The entry made by mistake was deleted from the directory.',
  ),
  'directory.retire-agency': msg(
    () => 'Cho ngừng hoạt động',
    () => 'Retire',
  ),
  'directory.retire-agency-intro': msg(
    () =>
      'Cơ quan ngừng hoạt động vẫn được giữ lại cho lịch sử, nhưng không được giao nhiệm vụ mới.',
    () => 'A retired agency is kept for its history but takes no new duties.',
  ),
  'directory.retire-locality': msg(
    () => 'Cho ngừng sử dụng',
    () => 'Retire',
  ),
  'directory.retire-locality-intro': msg(
    () => 'Địa bàn ngừng sử dụng vẫn được giữ lại cho lịch sử, nhưng không còn được chọn.',
    () => 'A retired locality is kept for its history but no longer offered.',
  ),
  'directory.merge-locality': msg(
    () => 'Sáp nhập vào địa bàn khác',
    () => 'Merge into another locality',
  ),
  'directory.merge-locality-intro': msg(
    () =>
      'Địa bàn này ngừng sử dụng và được ghi nhận đã sáp nhập (ví dụ hai xã hợp nhất). Cơ quan của địa bàn này sáp nhập vào cơ quan cùng loại của địa bàn tiếp nhận nếu có, nếu không thì chuyển về địa bàn tiếp nhận; nhiệm vụ đang thực hiện đi theo.',
    () =>
      "This locality is retired and recorded as merged (two communes joined, say). Its agencies merge into the surviving locality's agencies of the same kind where there is one, or move to it; open duties follow.",
  ),
  'directory.agency-added': msg<{ name: string }>(
    (p) => `Đã thêm ${p.name}`,
    (p) => `${p.name} added`,
  ),
  'directory.agency-saved': msg<{ name: string }>(
    (p) => `Đã lưu ${p.name}`,
    (p) => `${p.name} saved`,
  ),
  'directory.agency-retired': msg<{ name: string }>(
    (p) => `${p.name} đã ngừng hoạt động`,
    (p) => `${p.name} is retired`,
  ),
  'directory.locality-retired': msg<{ name: string }>(
    (p) => `${p.name} đã ngừng sử dụng`,
    (p) => `${p.name} is retired`,
  ),
  'directory.agency-merged': msg<{
    name: string;
    into: string;
    led: number;
    coordinated: number;
    kept: number;
  }>(
    (p) =>
      `Đã sáp nhập ${p.name} vào ${p.into}: ${p.led} nhiệm vụ chủ trì và ${p.coordinated} nhiệm vụ phối hợp được chuyển${p.kept > 0 ? `; ${p.kept} nhiệm vụ đã nộp sản phẩm, đang chờ xem xét, giữ nguyên` : ''}`,
    (p) =>
      `${p.name} merged into ${p.into}: ${p.led} duties led and ${p.coordinated} coordinated moved${p.kept > 0 ? `; ${p.kept} with a product awaiting review stay as they are` : ''}`,
  ),
  'directory.locality-merged': msg<{ name: string; into: string; moved: number; merged: number }>(
    (p) =>
      `Đã sáp nhập ${p.name} vào ${p.into}: ${p.merged} cơ quan sáp nhập vào cơ quan cùng loại, ${p.moved} cơ quan chuyển về địa bàn mới`,
    (p) =>
      `${p.name} merged into ${p.into}: ${p.merged} agencies merged into their counterparts, ${p.moved} moved`,
  ),
  'directory.read-only': msg(
    () => 'Chỉ cán bộ điều phối được sửa danh bạ; bạn đang xem ở chế độ chỉ đọc.',
    () => 'Only coordinators edit the directory; you are viewing it read-only.',
  ),
  'directory.choose': msg(
    () => '— Chọn —',
    () => '— Choose —',
  ),

  // A plan's cycle schedule page.
  'schedule.title': msg(
    () => 'Lịch khởi động chu kỳ hằng năm',
    () => 'Yearly cycle schedule',
  ),
  'schedule.intro': msg(
    () =>
      'Khi bật, chu kỳ của năm được khởi động tự động lúc 07:00 ngày 02/01 hằng năm, theo giờ Việt Nam.',
    () =>
      "When on, the year's cycle starts by itself at 07:00 on 2 January each year, Vietnam time.",
  ),
  'schedule.state': msg(
    () => 'Trạng thái',
    () => 'State',
  ),
  'schedule.on': msg(
    () => 'Đang bật',
    () => 'On',
  ),
  'schedule.off': msg(
    () => 'Đang tắt',
    () => 'Off',
  ),
  'schedule.never': msg(
    () => 'Chưa bật lần nào',
    () => 'Never turned on',
  ),
  'schedule.next-run': msg(
    () => 'Lần chạy tiếp theo',
    () => 'Next run',
  ),
  'schedule.no-next-run': msg(
    () => 'Không có (lịch đang tắt)',
    () => 'None (the schedule is off)',
  ),
  'schedule.recent-runs': msg(
    () => 'Các lần chạy gần đây',
    () => 'Recent runs',
  ),
  'schedule.no-runs': msg(
    () => 'Chưa chạy lần nào.',
    () => 'Not run yet.',
  ),
  'schedule.ran-at': msg(
    () => 'Thời điểm',
    () => 'When',
  ),
  'schedule.ran-cycle': msg(
    () => 'Chu kỳ',
    () => 'Cycle',
  ),
  'schedule.cycle-of': msg<{ year: string }>(
    (p) => `Chu kỳ năm ${p.year}`,
    (p) => `Cycle ${p.year}`,
  ),
  'schedule.turn-on': msg(
    () => 'Bật lịch',
    () => 'Turn on',
  ),
  'schedule.turn-off': msg(
    () => 'Tắt lịch',
    () => 'Turn off',
  ),
  'schedule.run-now': msg(
    () => 'Chạy ngay',
    () => 'Run now',
  ),
  'schedule.run-now-intro': msg(
    () => 'Khởi động ngay chu kỳ của năm nay nếu chưa có (chu kỳ đã có thì giữ nguyên).',
    () => "Starts this year's cycle now if it does not exist (an existing one is left as it is).",
  ),
  'schedule.turned-on': msg(
    () => 'Đã bật lịch khởi động chu kỳ',
    () => 'The cycle schedule is on',
  ),
  'schedule.turned-off': msg(
    () => 'Đã tắt lịch khởi động chu kỳ',
    () => 'The cycle schedule is off',
  ),
  'schedule.triggered': msg(
    () => 'Đã yêu cầu chạy ngay; chu kỳ của năm nay sẽ xuất hiện sau ít giây',
    () => "Run requested; this year's cycle appears in a few seconds",
  ),
  'schedule.paused-note': msg(
    () => 'Ghi chú',
    () => 'Note',
  ),
  'schedule.no-plan': msg<{ plan: string }>(
    (p) => `Không có kế hoạch "${p.plan}"`,
    (p) => `No plan "${p.plan}"`,
  ),
  'schedule.none': msg(
    () => 'Kế hoạch chưa có lịch khởi động chu kỳ',
    () => 'The plan has no schedule',
  ),
  'schedule.none-turn-on': msg(
    () => 'Kế hoạch chưa có lịch khởi động chu kỳ; hãy bật lịch trước',
    () => 'The plan has no schedule; turn it on first (PUT with {"enabled": true})',
  ),
  'schedule.not-yours': msg(
    () => 'Bạn không xem được lịch của kế hoạch này',
    () => "You may not see this plan's schedule",
  ),
  'schedule.read-only': msg(
    () => 'Chỉ cán bộ điều phối được bật, tắt hoặc chạy ngay lịch này.',
    () => 'Only coordinators turn this schedule on or off or run it.',
  ),
  'schedule.back-to-plan': msg(
    () => 'Về trang kế hoạch',
    () => 'Back to the plan',
  ),
};
