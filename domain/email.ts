// The words of every message the ladder sends. Vietnamese first; the recipient's own
// language when their contact says so. Pure, so each wording has a unit test.
import { formatDate, formatDateTime, localDaysBetween, localParts } from './local-time.ts';
import type { StepKind } from './ladder.ts';

export type Lang = 'vi' | 'en';

export interface DutySummary {
  workflowId: string;
  title: string;
  product: string;
  dueAt: string;
  leadName: string;
  standingName: string;
  supervisorTitle: string;
  contributorId?: string;
  contributionDueAt?: string | undefined;
}

export interface RenderInput {
  kind: Exclude<StepKind, 'deadline'>;
  duty: DutySummary;
  recipientName: string;
  /** `cc`: a copy for information, not a request to act. */
  role: 'to' | 'cc';
  nowMs: number;
  link: string;
  lang?: Lang;
  /** A line from the person who sent it (the urge's or the return's comment). */
  note?: string | undefined;
  /** A signed one-click link to acknowledge the duty, for the lead agency's people. */
  acknowledgeLink?: string | undefined;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** "trước ngày 20/06/2026" when due at local midnight, otherwise with the hour. */
export function deadlinePhrase(dueMs: number, lang: Lang): string {
  const p = localParts(dueMs);
  const atMidnight = p.hour === 0 && p.minute === 0;
  if (lang === 'en')
    return atMidnight ? `before ${formatDate(dueMs)}` : `by ${formatDateTime(dueMs)}`;
  return atMidnight ? `trước ngày ${formatDate(dueMs)}` : `trước ${formatDateTime(dueMs)}`;
}

/** "còn 7 ngày" / "đã quá hạn 3 ngày", counted in local calendar days. */
export function timeLeftPhrase(dueMs: number, nowMs: number, lang: Lang): string {
  if (nowMs < dueMs) {
    // Days left counting today, up to the last allowed day (the day before a "before" date).
    const days = localDaysBetween(nowMs, dueMs - 1) + 1;
    if (lang === 'en') return days <= 1 ? 'due today' : `${days} days left`;
    return days <= 1 ? 'hết hạn trong hôm nay' : `còn ${days} ngày`;
  }
  // Due "before 20/6" means the last day allowed was 19/6: on 20/6 it is one day late.
  const late = Math.max(1, localDaysBetween(dueMs - 1, nowMs));
  return lang === 'en' ? `${late} day${late === 1 ? '' : 's'} overdue` : `đã quá hạn ${late} ngày`;
}

const SUBJECT_TAG: Record<RenderInput['kind'], Record<Lang, string>> = {
  reminder: { vi: 'Nhắc việc', en: 'Reminder' },
  overdue: { vi: 'Quá hạn', en: 'Overdue' },
  urge: { vi: 'Đôn đốc', en: 'Urgent follow-up' },
  escalation: { vi: 'Báo cáo chậm trễ', en: 'Escalation' },
  'contribution-reminder': { vi: 'Nhắc phối hợp', en: 'Contribution reminder' },
  'contribution-overdue': { vi: 'Quá hạn phối hợp', en: 'Contribution overdue' },
  'urge-now': { vi: 'Đôn đốc', en: 'Urgent follow-up' },
  returned: { vi: 'Trả lại sản phẩm', en: 'Product returned' },
};

function lead(input: RenderInput, lang: Lang, due: string, left: string): string {
  const { duty } = input;
  const vi = lang === 'vi';
  switch (input.kind) {
    case 'reminder':
      return vi
        ? `Nhiệm vụ do ${duty.leadName} chủ trì có thời hạn ${due} (${left}).`
        : `The duty led by ${duty.leadName} is due ${due} (${left}).`;
    case 'overdue':
      return vi
        ? `Nhiệm vụ do ${duty.leadName} chủ trì đã hết hạn (${due}) mà chưa nộp sản phẩm.`
        : `The duty led by ${duty.leadName} was due ${due} and nothing has been submitted.`;
    case 'urge':
      return vi
        ? `${duty.standingName} đề nghị ${duty.leadName} khẩn trương hoàn thành và nộp sản phẩm (${left}).`
        : `${duty.standingName} asks ${duty.leadName} to complete and submit the product now (${left}).`;
    case 'escalation':
      return vi
        ? `Kính báo cáo ${duty.supervisorTitle}: ${duty.leadName} chưa hoàn thành nhiệm vụ được giao, ${left}.`
        : `For the attention of the ${duty.supervisorTitle}: ${duty.leadName} has not completed the duty, ${left}.`;
    case 'contribution-reminder':
      return vi
        ? `Đề nghị gửi nội dung phối hợp cho ${duty.leadName} ${due} (${left}).`
        : `Please send your contribution to ${duty.leadName} ${due} (${left}).`;
    case 'contribution-overdue':
      return vi
        ? `Đã hết hạn gửi nội dung phối hợp cho ${duty.leadName} (${due}).`
        : `Your contribution to ${duty.leadName} was due ${due} and has not arrived.`;
    case 'urge-now':
      return vi
        ? `${duty.standingName} đề nghị ${duty.leadName} khẩn trương hoàn thành và nộp sản phẩm ${due} (${left}).`
        : `${duty.standingName} asks ${duty.leadName} to complete and submit the product ${due} (${left}).`;
    case 'returned':
      return vi
        ? `${duty.standingName} đã trả lại sản phẩm để ${duty.leadName} hoàn thiện và nộp lại ${due} (${left}).`
        : `${duty.standingName} has returned the product for ${duty.leadName} to complete and resubmit ${due} (${left}).`;
  }
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderEmail(input: RenderInput): RenderedEmail {
  const lang = input.lang ?? 'vi';
  const vi = lang === 'vi';
  const isContribution = input.kind.startsWith('contribution');
  const dueMs = Date.parse(
    isContribution && input.duty.contributionDueAt
      ? input.duty.contributionDueAt
      : input.duty.dueAt,
  );
  const due = deadlinePhrase(dueMs, lang);
  const left = timeLeftPhrase(dueMs, input.nowMs, lang);
  const tag = SUBJECT_TAG[input.kind][lang];
  const copy = input.role === 'cc' ? (vi ? ' (bản sao để biết)' : ' (copy for information)') : '';
  const subject = `[${tag}] ${input.duty.title} – ${due}${copy}`;
  const rows: [string, string][] = [
    [vi ? 'Nhiệm vụ' : 'Duty', input.duty.title],
    [vi ? 'Sản phẩm' : 'Product', input.duty.product],
    [vi ? 'Cơ quan chủ trì' : 'Lead agency', input.duty.leadName],
    [vi ? 'Thời hạn' : 'Deadline', `${due} (${left})`],
  ];
  const greeting = vi ? `Kính gửi: ${input.recipientName},` : `Dear ${input.recipientName},`;
  const note = input.note?.trim();
  const body =
    lead(input, lang, due, left) +
    (note ? (vi ? ` Ý kiến: “${note}”` : ` Comment: “${note}”`) : '');
  const action = vi ? 'Xem và xử lý nhiệm vụ' : 'Open the duty';
  const acknowledge = vi ? 'Xác nhận đã tiếp nhận nhiệm vụ' : 'Acknowledge the duty';
  const sign = vi
    ? `${input.duty.standingName} (hệ thống theo dõi nhiệm vụ)`
    : input.duty.standingName;
  const text = [
    greeting,
    '',
    body,
    '',
    ...rows.map(([k, v]) => `${k}: ${v}`),
    '',
    `${action}: ${input.link}`,
    ...(input.acknowledgeLink ? [`${acknowledge}: ${input.acknowledgeLink}`] : []),
    '',
    sign,
  ].join('\n');
  const html = `<!doctype html><html lang="${lang}"><body>
<p>${escapeHtml(greeting)}</p>
<p>${escapeHtml(body)}</p>
<table>${rows.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>
<p><a href="${escapeHtml(input.link)}">${escapeHtml(action)}</a></p>${
    input.acknowledgeLink
      ? `\n<p><a href="${escapeHtml(input.acknowledgeLink)}">${escapeHtml(acknowledge)}</a></p>`
      : ''
  }
<p>${escapeHtml(sign)}</p>
</body></html>`;
  return { subject, text, html };
}
