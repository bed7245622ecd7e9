// The daily digest: one message per person listing what is overdue and what falls due soon,
// for agencies that chose it over single reminders. Pure, like the single messages.
import { deadlinePhrase, timeLeftPhrase, type Lang, type RenderedEmail } from './email.ts';
import { formatDate } from './local-time.ts';

export interface DigestItem {
  title: string;
  period: string;
  dueAt: string;
  role: 'lead' | 'coordinating';
  link: string;
}

export interface DigestInput {
  recipientName: string;
  agencyName: string;
  items: DigestItem[];
  nowMs: number;
  lang?: Lang;
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderDigest(input: DigestInput): RenderedEmail {
  const lang = input.lang ?? 'vi';
  const vi = lang === 'vi';
  const overdue = input.items.filter((i) => Date.parse(i.dueAt) <= input.nowMs);
  const soon = input.items.filter((i) => Date.parse(i.dueAt) > input.nowMs);
  const byDue = (a: DigestItem, b: DigestItem) => a.dueAt.localeCompare(b.dueAt);
  overdue.sort(byDue);
  soon.sort(byDue);
  const counts = vi
    ? [
        overdue.length ? `${overdue.length} nhiệm vụ quá hạn` : '',
        soon.length ? `${soon.length} nhiệm vụ sắp đến hạn` : '',
      ]
    : [
        overdue.length ? `${overdue.length} overdue` : '',
        soon.length ? `${soon.length} due soon` : '',
      ];
  const tag = vi ? 'Tổng hợp nhắc việc' : 'Daily digest';
  const subject = `[${tag}] ${input.agencyName}: ${counts.filter(Boolean).join(', ')} – ${formatDate(input.nowMs)}`;
  const line = (i: DigestItem): string => {
    const due = Date.parse(i.dueAt);
    const role = i.role === 'lead' ? (vi ? 'chủ trì' : 'lead') : vi ? 'phối hợp' : 'contribution';
    return `${i.title} (${i.period}, ${role}) – ${deadlinePhrase(due, lang)}, ${timeLeftPhrase(due, input.nowMs, lang)}`;
  };
  const sections: [string, DigestItem[]][] = [
    [vi ? 'Quá hạn' : 'Overdue', overdue],
    [vi ? 'Sắp đến hạn' : 'Due soon', soon],
  ];
  const greeting = vi ? `Kính gửi: ${input.recipientName},` : `Dear ${input.recipientName},`;
  const intro = vi
    ? `Tình hình các nhiệm vụ của ${input.agencyName} ngày ${formatDate(input.nowMs)}:`
    : `Duties of ${input.agencyName} on ${formatDate(input.nowMs)}:`;
  const text = [
    greeting,
    '',
    intro,
    ...sections
      .filter(([, items]) => items.length > 0)
      .flatMap(([head, items]) => [
        '',
        `${head}:`,
        ...items.map((i) => `- ${line(i)}\n  ${i.link}`),
      ]),
  ].join('\n');
  const html = `<!doctype html><html lang="${lang}"><body>
<p>${escapeHtml(greeting)}</p>
<p>${escapeHtml(intro)}</p>
${sections
  .filter(([, items]) => items.length > 0)
  .map(
    ([head, items]) =>
      `<h2>${escapeHtml(head)}</h2><ul>${items.map((i) => `<li><a href="${escapeHtml(i.link)}">${escapeHtml(line(i))}</a></li>`).join('')}</ul>`,
  )
  .join('\n')}
</body></html>`;
  return { subject, text, html };
}
