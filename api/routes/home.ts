import type { RequestHandler } from 'express';
import type { DutyStatus } from '../../common/duty-state.ts';
import { listDuties } from '../../db/duties.ts';
import type { Db } from '../../db/index.ts';
import { formatDate } from '../../domain/local-time.ts';

export const STATUS_VI: Record<DutyStatus, string> = {
  assigned: 'Đã giao',
  acknowledged: 'Đã tiếp nhận',
  submitted: 'Đã nộp',
  accepted: 'Đã chấp nhận',
  returned: 'Trả lại, yêu cầu bổ sung',
  overdue: 'Quá hạn',
  cancelled: 'Đã hủy',
};

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain list of duties from the read model, until the full web interface arrives. */
export function homePage(db: Db): RequestHandler {
  return async (_req, res) => {
    const duties = await listDuties(db, { limit: 500 });
    const rows = duties
      .map(
        (d) => `<tr><td>${esc(d.title)}</td><td>${esc(d.period)}</td><td>${esc(d.leadAgencyId)}</td>
<td>${esc(STATUS_VI[d.status as DutyStatus] ?? d.status)}</td><td>${formatDate(Date.parse(d.dueAt))}</td>
<td><a href="/duties/${encodeURIComponent(d.id)}">Xem</a></td></tr>`,
      )
      .join('\n');
    res.type('html').send(`<!doctype html><html lang="vi"><head><meta charset="utf-8">
<title>Theo dõi nhiệm vụ giảm nghèo</title></head><body>
<h1>Nhiệm vụ</h1>
<table><thead><tr><th>Nhiệm vụ</th><th>Kỳ</th><th>Cơ quan chủ trì</th><th>Trạng thái</th><th>Thời hạn</th><th></th></tr></thead>
<tbody>${rows || '<tr><td colspan="6">Chưa có nhiệm vụ nào.</td></tr>'}</tbody></table>
</body></html>`);
  };
}
