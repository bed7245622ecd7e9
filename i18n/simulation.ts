// A simulation of a plan's year as a job: its refusals, its progress while the worker runs
// it, and the words of the year's calendar and mail figures. Vietnamese (the default) and
// English.
import { msg } from './catalogue.ts';

/** A word from a small table by its key, with a word for a key it does not know. */
const pick = (words: Record<string, string>, key: string, otherwise: string): string =>
  words[key] ?? otherwise;

export const simulationMessages = {
  // Refusals
  'simulation.forbidden': msg(
    () => 'Chỉ cán bộ điều phối được chạy và xem mô phỏng.',
    () => 'Only coordinators run and read simulations.',
  ),
  'simulation.no-plan': msg<{ id: string }>(
    (p) => `Không có kế hoạch "${p.id}".`,
    (p) => `No plan "${p.id}".`,
  ),
  'simulation.year-outside': msg<{ year: number; from: number; to: number }>(
    (p) => `Năm ${p.year} nằm ngoài thời gian của kế hoạch (từ ${p.from} đến ${p.to}).`,
    (p) => `Invalid input: year: ${p.year} is outside the plan, which runs ${p.from}–${p.to}.`,
  ),
  'simulation.no-job': msg<{ id: string }>(
    () => 'Không tìm thấy lần mô phỏng này.',
    (p) => `No simulation "${p.id}".`,
  ),
  'simulation.not-done': msg(
    () => 'Mô phỏng chưa chạy xong: chưa có diễn biến để tải về.',
    () => 'The simulation has not finished: there is no timeline to download yet.',
  ),

  // The job
  'simulation.flash.started': msg<{ year: number }>(
    (p) =>
      `Đã bắt đầu mô phỏng năm ${p.year}. Máy chủ chạy mô phỏng ở chế độ nền; trang này tự cập nhật tiến độ.`,
    (p) =>
      `The simulation of ${p.year} has started. It runs in the background; this page updates itself.`,
  ),
  'simulation.flash.existing': msg(
    () => 'Mô phỏng với đúng các thông số này đã được yêu cầu trước đó: đây là lần chạy đó.',
    () => 'A simulation with exactly these settings was asked for before: this is that run.',
  ),
  'simulation.status': msg<{ status: string }>(
    (p) =>
      pick(
        {
          queued: 'Đang chờ máy chủ nhận việc',
          running: 'Đang chạy',
          done: 'Đã xong',
          failed: 'Không thành công',
        },
        p.status,
        'Không rõ',
      ),
    (p) =>
      pick(
        {
          queued: 'Waiting for the worker',
          running: 'Running',
          done: 'Finished',
          failed: 'Failed',
        },
        p.status,
        'Unknown',
      ),
  ),
  'simulation.phase': msg<{ phase: string }>(
    (p) =>
      pick(
        {
          starting: 'Đang khởi động máy chủ mô phỏng và bắt đầu chu kỳ của năm',
          running: 'Đang cho thời gian trôi qua từng ngày của năm',
          collecting: 'Đang tổng hợp kết quả',
        },
        p.phase,
        'Đang chạy',
      ),
    (p) =>
      pick(
        {
          starting: 'Starting the simulation server and the cycle of the year',
          running: 'Letting the days of the year go by',
          collecting: 'Collecting the results',
        },
        p.phase,
        'Running',
      ),
  ),
  'simulation.progress.heading': msg(
    () => 'Tiến độ',
    () => 'Progress',
  ),
  'simulation.progress.share': msg<{ percent: number }>(
    (p) => `Đã mô phỏng ${p.percent}% thời gian của năm`,
    (p) => `${p.percent}% of the year simulated`,
  ),
  'simulation.progress.reached': msg<{ date: string }>(
    (p) => `Đã đến ngày ${p.date}`,
    (p) => `Reached ${p.date}`,
  ),
  'simulation.progress.duties': msg<{ done: number; total: number }>(
    (p) => `${p.done}/${p.total} nhiệm vụ đã qua hạn và xong các thao tác giả định`,
    (p) => `${p.done} of ${p.total} duties past their deadline with every scripted action done`,
  ),
  'simulation.progress.actions': msg<{ done: number; left: number }>(
    (p) => `${p.done} thao tác giả định đã thực hiện, còn ${p.left}`,
    (p) => `${p.done} scripted actions done, ${p.left} to go`,
  ),
  'simulation.progress.refresh': msg(
    () => 'Trang tự tải lại sau vài giây; có thể rời trang và quay lại sau.',
    () => 'The page reloads itself every few seconds; you may leave and come back later.',
  ),
  'simulation.failed': msg(
    () =>
      'Mô phỏng không chạy được đến cuối. Có thể chạy lại; nếu vẫn không được, hãy báo quản trị hệ thống.',
    () =>
      'The simulation did not run to the end. Run it again; if it fails again, tell the admins.',
  ),
  'simulation.run-again': msg(
    () => 'Chạy lại mô phỏng',
    () => 'Run the simulation again',
  ),
  'simulation.requested-by': msg(
    () => 'Người yêu cầu',
    () => 'Asked for by',
  ),
  'simulation.requested-at': msg(
    () => 'Thời điểm yêu cầu',
    () => 'Asked for at',
  ),
  'simulation.finished-at': msg(
    () => 'Hoàn thành lúc',
    () => 'Finished at',
  ),
  'simulation.behaviour': msg<{ late: string; missing: string; seed: number }>(
    (p) => `Nộp muộn ${p.late}, không nộp ${p.missing}, hạt giống ngẫu nhiên ${p.seed}`,
    (p) => `Late ${p.late}, never submitted ${p.missing}, random seed ${p.seed}`,
  ),
  'simulation.assumptions': msg(
    () => 'Giả định',
    () => 'Assumptions',
  ),

  // The year as a calendar
  'simulation.calendar.heading': msg(
    () => 'Lịch thư trong năm',
    () => 'The year’s messages',
  ),
  'simulation.calendar.intro': msg(
    () =>
      'Số thư gửi đi theo cơ quan chủ trì và tháng (mỗi người nhận tính một thư). Chọn một tháng để xem từng ngày.',
    () =>
      'Messages sent per lead agency and month (one per recipient). Choose a month to see its days.',
  ),
  'simulation.calendar.caption': msg(
    () => 'Số thư theo cơ quan và tháng',
    () => 'Messages per agency and month',
  ),
  'simulation.calendar.agency': msg(
    () => 'Cơ quan',
    () => 'Agency',
  ),
  'simulation.calendar.total': msg(
    () => 'Cả năm',
    () => 'Year',
  ),
  'simulation.calendar.all': msg(
    () => 'Tất cả cơ quan',
    () => 'All agencies',
  ),
  'simulation.calendar.none': msg(
    () => 'Năm mô phỏng không gửi thư nào.',
    () => 'The simulated year sent no message.',
  ),
  'simulation.agencies.page': msg<{ from: number; to: number; total: number }>(
    (p) => `Cơ quan thứ ${p.from}–${p.to} trong ${p.total} cơ quan (xếp theo tên)`,
    (p) => `Agencies ${p.from}–${p.to} of ${p.total} (by name)`,
  ),
  'simulation.agencies.previous': msg(
    () => '← Các cơ quan trước',
    () => '← Previous agencies',
  ),
  'simulation.agencies.next': msg(
    () => 'Các cơ quan tiếp theo →',
    () => 'Next agencies →',
  ),
  'simulation.month.heading': msg<{ month: number; year: number }>(
    (p) => `Tháng ${p.month}/${p.year}`,
    (p) => `${p.month}/${p.year}`,
  ),
  'simulation.month.caption': msg<{ month: number; year: number }>(
    (p) => `Số thư từng ngày, tháng ${p.month}/${p.year}`,
    (p) => `Messages per day, ${p.month}/${p.year}`,
  ),
  'simulation.month.choose': msg(
    () => 'Chọn một ngày để xem các thư gửi trong ngày.',
    () => 'Choose a day to see the messages sent that day.',
  ),
  'simulation.month.previous': msg(
    () => '← Tháng trước',
    () => '← Previous month',
  ),
  'simulation.month.next': msg(
    () => 'Tháng sau →',
    () => 'Next month →',
  ),
  // Monday first, each as "full name|short label" (the short one heads a phone's column).
  'simulation.month.weekdays': msg(
    () => 'Thứ Hai|T2,Thứ Ba|T3,Thứ Tư|T4,Thứ Năm|T5,Thứ Sáu|T6,Thứ Bảy|T7,Chủ nhật|CN',
    () => 'Monday|Mon,Tuesday|Tue,Wednesday|Wed,Thursday|Thu,Friday|Fri,Saturday|Sat,Sunday|Sun',
  ),
  'simulation.day.count': msg<{ n: number }>(
    (p) => `${p.n} thư`,
    (p) => `${p.n} ${p.n === 1 ? 'message' : 'messages'}`,
  ),
  'simulation.day.link': msg<{ date: string; n: number }>(
    (p) => `Ngày ${p.date}: ${p.n} thư`,
    (p) => `${p.date}: ${p.n} messages`,
  ),
  'simulation.day.heading': msg<{ date: string }>(
    (p) => `Thư gửi ngày ${p.date}`,
    (p) => `Messages of ${p.date}`,
  ),
  'simulation.day.none': msg(
    () => 'Không có thư nào gửi trong ngày này.',
    () => 'No message was sent that day.',
  ),
  'simulation.day.time': msg(
    () => 'Giờ gửi',
    () => 'Time',
  ),
  'simulation.day.kind': msg(
    () => 'Loại thư',
    () => 'Kind',
  ),
  'simulation.day.duty': msg(
    () => 'Nhiệm vụ',
    () => 'Duty',
  ),
  'simulation.day.to': msg(
    () => 'Người nhận',
    () => 'To',
  ),
  'simulation.day.digest': msg<{ agency: string }>(
    (p) => (p.agency ? `Bản tin buổi sáng của ${p.agency}` : 'Bản tin buổi sáng'),
    (p) => (p.agency ? `Morning digest of ${p.agency}` : 'Morning digest'),
  ),
  'simulation.day.page': msg<{ page: number; pages: number; total: number }>(
    (p) => `Trang ${p.page}/${p.pages} (${p.total} thư)`,
    (p) => `Page ${p.page} of ${p.pages} (${p.total} messages)`,
  ),
  'simulation.day.previous': msg(
    () => '← Trang trước',
    () => '← Previous page',
  ),
  'simulation.day.next': msg(
    () => 'Trang tiếp theo →',
    () => 'Next page →',
  ),

  // Mail per kind of reader
  'simulation.groups.heading': msg(
    () => 'Thư theo đối tượng nhận',
    () => 'Mail per kind of reader',
  ),
  'simulation.groups.intro': msg(
    () =>
      'Mỗi người nhận bao nhiêu thư: tính trên mọi người mà kế hoạch nêu tên, kể cả người không nhận thư nào. Cơ quan thường trực là phòng Lao động - Thương binh và Xã hội; lãnh đạo, điều phối là người nhận báo cáo chậm trễ.',
    () =>
      'How many messages each person gets: over everyone the plan names, those who got none included. The standing agency is the labour office; leaders and coordinators receive the escalations.',
  ),
  'simulation.groups.group': msg<{ group: string }>(
    (p) =>
      pick(
        {
          head: 'Thủ trưởng cơ quan',
          focal: 'Cán bộ đầu mối',
          standing: 'Cơ quan thường trực',
          supervisor: 'Lãnh đạo, điều phối',
        },
        p.group,
        'Khác',
      ),
    (p) =>
      pick(
        {
          head: 'Agency heads',
          focal: 'Focal points',
          standing: 'Standing agency',
          supervisor: 'Leaders, coordinators',
        },
        p.group,
        'Other',
      ),
  ),
  'simulation.groups.col.group': msg(
    () => 'Đối tượng',
    () => 'Readers',
  ),
  'simulation.groups.col.people': msg(
    () => 'Số người',
    () => 'People',
  ),
  'simulation.groups.col.messages': msg(
    () => 'Số thư',
    () => 'Messages',
  ),
  'simulation.groups.col.per-month': msg(
    () => 'Bình quân/người/tháng',
    () => 'Per person a month',
  ),
  'simulation.groups.col.max-month': msg(
    () => 'Tối đa/người/tháng',
    () => 'Most a person a month',
  ),
  'simulation.groups.col.max-day': msg(
    () => 'Tối đa/người/ngày',
    () => 'Most a person a day',
  ),

  // Downloads
  'simulation.download.heading': msg(
    () => 'Toàn bộ diễn biến',
    () => 'The whole timeline',
  ),
  'simulation.download.intro': msg<{ rows: number }>(
    (p) => `${p.rows} sự kiện (thao tác và thư), tải về để xem đầy đủ:`,
    (p) => `${p.rows} events (actions and messages), to download:`,
  ),
};
