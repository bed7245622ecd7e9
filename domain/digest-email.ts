// The daily digest: one message per person listing what is overdue and what falls due soon,
// and what was decided or asked of them since the last digest. Agencies that chose it read it
// instead of single reminders; under a plan's per-person budget everybody does. Pure, like
// the single messages.
import { deadlinePhrase, timeLeftPhrase, type Lang, type RenderedEmail } from './email.ts';
import { formatDate } from './local-time.ts';

export interface DigestItem {
  title: string;
  period: string;
  dueAt: string;
  /** `copy`: the standing agency's head, told of a late duty it follows. */
  role: 'lead' | 'coordinating' | 'copy';
  link: string;
}

/** What happened since the last digest: the notices a budget holds for it. */
export type DigestNewsKind =
  | 'contribution-request'
  | 'contribution-overdue'
  | 'submitted'
  | 'accepted'
  | 'returned'
  | 'extension-granted'
  | 'extension-refused';

export interface DigestNews {
  kind: DigestNewsKind;
  title: string;
  period: string;
  link: string;
  /** The deadline the notice speaks of: the contribution's, or the duty's (perhaps new). */
  dueAt: string;
  leadName: string;
  /** A lapse told to the lead: the coordinating agencies that have not contributed. */
  missing?: string[];
  /** The decision's comment (what to revise, why refused). */
  comment?: string;
}

export interface DigestInput {
  recipientName: string;
  agencyName: string;
  items: DigestItem[];
  news?: DigestNews[];
  nowMs: number;
  lang?: Lang;
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const NEWS_ORDER: readonly DigestNewsKind[] = [
  'returned',
  'extension-refused',
  'extension-granted',
  'accepted',
  'submitted',
  'contribution-overdue',
  'contribution-request',
];

function newsLine(n: DigestNews, nowMs: number, lang: Lang): string {
  const vi = lang === 'vi';
  const dueMs = Date.parse(n.dueAt);
  const due = deadlinePhrase(dueMs, lang);
  const left = timeLeftPhrase(dueMs, nowMs, lang);
  const note = n.comment?.trim();
  let what: string;
  switch (n.kind) {
    case 'contribution-request':
      what = vi
        ? `${n.leadName} đề nghị phối hợp, gửi nội dung ${due} (${left})`
        : `${n.leadName} asks for your contribution ${due} (${left})`;
      break;
    case 'contribution-overdue':
      what = n.missing
        ? vi
          ? `hết hạn gửi nội dung phối hợp (${due}), chưa gửi: ${n.missing.join(', ')}`
          : `contributions were due ${due}, still missing from: ${n.missing.join(', ')}`
        : vi
          ? `đã hết hạn gửi nội dung phối hợp cho ${n.leadName} (${due})`
          : `your contribution to ${n.leadName} was due ${due}`;
      break;
    case 'submitted':
      what = vi
        ? `${n.leadName} đã nộp sản phẩm, chờ xem xét`
        : `${n.leadName} has submitted the product, awaiting review`;
      break;
    case 'accepted':
      what = vi ? 'sản phẩm đã được chấp nhận' : 'the product was accepted';
      break;
    case 'returned':
      what = vi
        ? `sản phẩm bị trả lại, nộp lại ${due} (${left})`
        : `the product was returned, resubmit ${due} (${left})`;
      break;
    case 'extension-granted':
      what = vi
        ? `được gia hạn, thời hạn mới ${due} (${left})`
        : `extension granted, new deadline ${due} (${left})`;
      break;
    case 'extension-refused':
      what = vi
        ? `không được gia hạn, thời hạn vẫn là ${due} (${left})`
        : `extension refused, the deadline stays ${due} (${left})`;
      break;
  }
  return `${n.title} (${n.period}) – ${what}${note ? `: “${note}”` : ''}`;
}

export function renderDigest(input: DigestInput): RenderedEmail {
  const lang = input.lang ?? 'vi';
  const vi = lang === 'vi';
  const overdue = input.items.filter((i) => Date.parse(i.dueAt) <= input.nowMs);
  const soon = input.items.filter((i) => Date.parse(i.dueAt) > input.nowMs);
  const byDue = (a: DigestItem, b: DigestItem) => a.dueAt.localeCompare(b.dueAt);
  overdue.sort(byDue);
  soon.sort(byDue);
  const news = [...(input.news ?? [])].sort(
    (a, b) =>
      NEWS_ORDER.indexOf(a.kind) - NEWS_ORDER.indexOf(b.kind) || a.title.localeCompare(b.title),
  );
  const counts = vi
    ? [
        overdue.length ? `${overdue.length} nhiệm vụ quá hạn` : '',
        soon.length ? `${soon.length} nhiệm vụ sắp đến hạn` : '',
        news.length ? `${news.length} thông tin mới` : '',
      ]
    : [
        overdue.length ? `${overdue.length} overdue` : '',
        soon.length ? `${soon.length} due soon` : '',
        news.length ? `${news.length} new` : '',
      ];
  const tag = vi ? 'Tổng hợp nhắc việc' : 'Daily digest';
  const subject = `[${tag}] ${input.agencyName}: ${counts.filter(Boolean).join(', ')} – ${formatDate(input.nowMs)}`;
  const roles = {
    lead: vi ? 'chủ trì' : 'lead',
    coordinating: vi ? 'phối hợp' : 'contribution',
    copy: vi ? 'theo dõi' : 'for information',
  };
  const line = (i: DigestItem): string => {
    const due = Date.parse(i.dueAt);
    return `${i.title} (${i.period}, ${roles[i.role]}) – ${deadlinePhrase(due, lang)}, ${timeLeftPhrase(due, input.nowMs, lang)}`;
  };
  const sections: [string, { text: string; link: string }[]][] = [
    [
      vi ? 'Thông tin mới' : 'New since the last digest',
      news.map((n) => ({ text: newsLine(n, input.nowMs, lang), link: n.link })),
    ],
    [vi ? 'Quá hạn' : 'Overdue', overdue.map((i) => ({ text: line(i), link: i.link }))],
    [vi ? 'Sắp đến hạn' : 'Due soon', soon.map((i) => ({ text: line(i), link: i.link }))],
  ];
  const shown = sections.filter(([, lines]) => lines.length > 0);
  const greeting = vi ? `Kính gửi: ${input.recipientName},` : `Dear ${input.recipientName},`;
  const intro = vi
    ? `Tình hình các nhiệm vụ của ${input.agencyName} ngày ${formatDate(input.nowMs)}:`
    : `Duties of ${input.agencyName} on ${formatDate(input.nowMs)}:`;
  const text = [
    greeting,
    '',
    intro,
    ...shown.flatMap(([head, lines]) => [
      '',
      `${head}:`,
      ...lines.map((l) => `- ${l.text}\n  ${l.link}`),
    ]),
  ].join('\n');
  const html = `<!doctype html><html lang="${lang}"><body>
<p>${escapeHtml(greeting)}</p>
<p>${escapeHtml(intro)}</p>
${shown
  .map(
    ([head, lines]) =>
      `<h2>${escapeHtml(head)}</h2><ul>${lines.map((l) => `<li><a href="${escapeHtml(l.link)}">${escapeHtml(l.text)}</a></li>`).join('')}</ul>`,
  )
  .join('\n')}
</body></html>`;
  return { subject, text, html };
}
