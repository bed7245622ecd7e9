// The page a reminder's link opens: the duty as its workflow knows it, in Vietnamese, read
// only. Acting on it from the browser comes with sign-in (the web interface); until then the
// API does it.
import type { Client } from '@temporalio/client';
import type { RequestHandler } from 'express';
import type { DutyState } from '../../common/duty-state.ts';
import { getStateQuery } from '../../common/messages.ts';
import { formatDateTime } from '../../domain/local-time.ts';
import { deadlinePhrase, timeLeftPhrase } from '../../domain/email.ts';
import { STATUS_VI } from './home.ts';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const at = (iso: string): string => formatDateTime(Date.parse(iso));

const ACTION_VI: Record<string, string> = {
  assign: 'Giao nhiệm vụ',
  acknowledge: 'Tiếp nhận',
  submit: 'Nộp sản phẩm',
  contribute: 'Gửi nội dung phối hợp',
  'request-extension': 'Xin gia hạn',
  'grant-extension': 'Đồng ý gia hạn',
  'refuse-extension': 'Không đồng ý gia hạn',
  accept: 'Chấp nhận sản phẩm',
  return: 'Trả lại, yêu cầu bổ sung',
  cancel: 'Hủy nhiệm vụ',
  'reassign-lead': 'Giao lại cơ quan chủ trì',
  'become-overdue': 'Quá hạn',
};

export function renderDutyPage(d: DutyState, nowMs: number): string {
  const due = Date.parse(d.dueAt);
  const rows: [string, string][] = [
    ['Nhiệm vụ', d.title],
    ['Sản phẩm', d.product],
    ['Cơ quan chủ trì', d.lead.name],
    ['Cơ quan phối hợp', d.coordinating.map((a) => a.name).join('; ') || '—'],
    ['Cơ quan thường trực', d.standing.name],
    ['Kỳ', d.period],
    ['Thời hạn', `${deadlinePhrase(due, 'vi')} (${timeLeftPhrase(due, nowMs, 'vi')})`],
    ...(d.dueAt !== d.originalDueAt
      ? ([['Thời hạn ban đầu', deadlinePhrase(Date.parse(d.originalDueAt), 'vi')]] as [
          string,
          string,
        ][])
      : []),
    ['Trạng thái', STATUS_VI[d.status]],
    ...(d.nextStep ? ([['Nhắc việc tiếp theo', at(d.nextStep.at)]] as [string, string][]) : []),
  ];
  const table = (head: string[], body: string[][]): string =>
    `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${body
      .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
      .join('')}</tbody></table>`;
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(d.title)}</title></head><body>
<h1>${esc(d.title)}</h1>
<dl>${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>
<h2>Phối hợp</h2>
${table(
  ['Cơ quan', 'Hạn', 'Đã gửi lúc'],
  d.contributions.map((c) => [
    c.agencyName,
    at(c.dueAt),
    c.contributedAt ? at(c.contributedAt) : 'Chưa gửi',
  ]),
)}
<h2>Diễn biến</h2>
${table(
  ['Thời gian', 'Người thực hiện', 'Việc', 'Ghi chú'],
  d.history.map((h) => [at(h.at), h.actor.name, ACTION_VI[h.action] ?? h.action, h.comment ?? '']),
)}
<h2>Thông báo đã gửi</h2>
${table(
  ['Thời gian', 'Loại', 'Gửi đến', 'Đồng gửi'],
  d.notifications.map((n) => [at(n.sentAt), n.kind, n.to.join(', '), n.cc.join(', ')]),
)}
</body></html>`;
}

export function dutyPage(client: Client): RequestHandler {
  return async (req, res) => {
    const state = await client.workflow.getHandle(String(req.params['id'])).query(getStateQuery);
    res.type('html').send(renderDutyPage(state, Date.now()));
  };
}
