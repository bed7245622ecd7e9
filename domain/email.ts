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
  /** A lapse notice to the lead: the coordinating agencies that have not contributed. */
  pendingContributors?: string[] | undefined;
  /** The plan's official number ("171/KH-UBND"), for the subject; absent for older duties. */
  planNumber?: string | undefined;
  /** The duty's period ("2026", "2026-H1"): its year goes in the subject. */
  period?: string | undefined;
  /** The deadline in the plan's own words ("trước ngày 20/6 hàng năm"). */
  timePhrase?: string | undefined;
  /** Whom to ask at the standing agency. */
  contact?: { name: string; email: string } | undefined;
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
  'contribution-request': { vi: 'Đề nghị phối hợp', en: 'Contribution requested' },
  'contribution-reminder': { vi: 'Nhắc phối hợp', en: 'Contribution reminder' },
  'contribution-overdue': { vi: 'Quá hạn phối hợp', en: 'Contribution overdue' },
  'urge-now': { vi: 'Đôn đốc', en: 'Urgent follow-up' },
  returned: { vi: 'Trả lại sản phẩm', en: 'Product returned' },
  submitted: { vi: 'Đã nộp sản phẩm', en: 'Product submitted' },
  accepted: { vi: 'Sản phẩm được chấp nhận', en: 'Product accepted' },
  'extension-granted': { vi: 'Đồng ý gia hạn', en: 'Extension granted' },
  'extension-refused': { vi: 'Không đồng ý gia hạn', en: 'Extension refused' },
};

function lead(input: RenderInput, lang: Lang, due: string, left: string, late: boolean): string {
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
    case 'contribution-request':
      return vi
        ? `${duty.leadName} chủ trì nhiệm vụ này; đề nghị quý cơ quan phối hợp, gửi nội dung phối hợp ${due} (${left}).`
        : `${duty.leadName} leads this duty and asks for your agency's contribution ${due} (${left}).`;
    case 'contribution-reminder':
      return vi
        ? `Đề nghị gửi nội dung phối hợp cho ${duty.leadName} ${due} (${left}).`
        : `Please send your contribution to ${duty.leadName} ${due} (${left}).`;
    case 'contribution-overdue':
      if (duty.pendingContributors) {
        const names = duty.pendingContributors.join(', ');
        return vi
          ? `Đã hết hạn gửi nội dung phối hợp (${due}); các cơ quan sau chưa gửi: ${names}.`
          : `Contributions were due ${due}; still missing from: ${names}.`;
      }
      return vi
        ? `Đã hết hạn gửi nội dung phối hợp cho ${duty.leadName} (${due}).`
        : `Your contribution to ${duty.leadName} was due ${due} and has not arrived.`;
    case 'urge-now':
      // After the deadline an urge says how late it is; "trước ngày" a date gone by misleads.
      if (late) {
        return vi
          ? `${duty.standingName} đề nghị ${duty.leadName} khẩn trương hoàn thành và nộp sản phẩm: nhiệm vụ ${left} (hạn ${due}).`
          : `${duty.standingName} asks ${duty.leadName} to complete and submit the product now: the duty is ${left} (it was due ${due}).`;
      }
      return vi
        ? `${duty.standingName} đề nghị ${duty.leadName} khẩn trương hoàn thành và nộp sản phẩm ${due} (${left}).`
        : `${duty.standingName} asks ${duty.leadName} to complete and submit the product ${due} (${left}).`;
    case 'submitted':
      return vi
        ? `${duty.leadName} đã nộp sản phẩm${late ? ` (${left})` : ''}; đề nghị ${duty.standingName} xem xét, chấp nhận hoặc trả lại.`
        : `${duty.leadName} has submitted the product${late ? ` (${left})` : ''}; ${duty.standingName} is asked to accept or return it.`;
    case 'accepted':
      return vi
        ? `${duty.standingName} đã chấp nhận sản phẩm của ${duty.leadName}. Nhiệm vụ đã hoàn thành.`
        : `${duty.standingName} has accepted the product of ${duty.leadName}. The duty is complete.`;
    case 'extension-granted':
      return vi
        ? `${duty.standingName} đồng ý gia hạn; thời hạn mới ${due} (${left}).`
        : `${duty.standingName} has granted the extension; the new deadline is ${due} (${left}).`;
    case 'extension-refused':
      return vi
        ? `${duty.standingName} không đồng ý gia hạn; thời hạn vẫn là ${due} (${left}).`
        : `${duty.standingName} has refused the extension; the deadline stays ${due} (${left}).`;
    case 'returned':
      return vi
        ? `${duty.standingName} đã trả lại sản phẩm để ${duty.leadName} hoàn thiện và nộp lại ${due} (${left}).`
        : `${duty.standingName} has returned the product for ${duty.leadName} to complete and resubmit ${due} (${left}).`;
  }
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** "19/06/2026": the last day allowed by a deadline at local midnight, else the instant itself. */
export function lastAllowedDay(dueMs: number): string {
  const p = localParts(dueMs);
  return p.hour === 0 && p.minute === 0 ? formatDate(dueMs - 1) : formatDateTime(dueMs);
}

/**
 * One wording of a deadline: "Hạn: 19/06/2026" — the last day allowed, whatever the rule's
 * mode ("trước ngày 20/6" allows the 19th, "ngày 20/6" the 20th) — with the plan's own words
 * beside it where they help ("Hạn: 19/06/2026 (theo kế hoạch: trước ngày 20/6 hàng năm)").
 */
export function dueLine(dueMs: number, lang: Lang, phrase?: string): string {
  const day = lastAllowedDay(dueMs);
  const words = phrase?.trim();
  if (lang === 'en') return `Due: ${day}${words ? ` (the plan says: ${words})` : ''}`;
  return `Hạn: ${day}${words ? ` (theo kế hoạch: ${words})` : ''}`;
}

const MAX_SUBJECT_TITLE = 90;
const shorten = (s: string): string =>
  s.length <= MAX_SUBJECT_TITLE ? s : `${s.slice(0, MAX_SUBJECT_TITLE - 1).trimEnd()}…`;

/** What the reader can do from the message: buttons in HTML, lines in text. */
interface Action {
  label: string;
  href: string;
  primary: boolean;
}

const button = (a: Action): string =>
  `<a href="${escapeHtml(a.href)}" style="display:inline-block;padding:10px 16px;margin:4px 8px 4px 0;border-radius:4px;text-decoration:none;font-weight:bold;${
    a.primary
      ? 'background:#0b5394;color:#ffffff;border:1px solid #0b5394'
      : 'background:#ffffff;color:#0b5394;border:1px solid #0b5394'
  }">${escapeHtml(a.label)}</a>`;

export function renderEmail(input: RenderInput): RenderedEmail {
  const lang = input.lang ?? 'vi';
  const vi = lang === 'vi';
  const { duty } = input;
  const isContribution = input.kind.startsWith('contribution');
  const dueMs = Date.parse(
    isContribution && duty.contributionDueAt ? duty.contributionDueAt : duty.dueAt,
  );
  const due = deadlinePhrase(dueMs, lang);
  const left = timeLeftPhrase(dueMs, input.nowMs, lang);
  const late = input.nowMs >= dueMs;
  const tag = SUBJECT_TAG[input.kind][lang];
  const copy = input.role === 'cc' ? (vi ? ' (bản sao để biết)' : ' (copy for information)') : '';
  const year = duty.period?.slice(0, 4);
  const plan = duty.planNumber
    ? `${duty.planNumber}${year ? (vi ? ` năm ${year}` : ` ${year}`) : ''}`
    : undefined;
  const deadline = dueLine(dueMs, lang, isContribution ? undefined : duty.timePhrase);
  const subject = `[${tag}] ${plan ? `${plan}: ` : ''}${shorten(duty.title)} – ${dueLine(dueMs, lang)}${copy}`;
  const rows: [string, string][] = [
    ...(plan ? [[vi ? 'Kế hoạch' : 'Plan', plan] as [string, string]] : []),
    [vi ? 'Nhiệm vụ' : 'Duty', duty.title],
    [vi ? 'Sản phẩm' : 'Product', duty.product],
    [vi ? 'Cơ quan chủ trì' : 'Lead agency', duty.leadName],
    [vi ? 'Thời hạn' : 'Deadline', `${deadline} – ${left}`],
    ...(duty.contact
      ? [
          [
            vi ? 'Liên hệ' : 'Contact',
            `${duty.contact.name}, ${duty.standingName} – ${duty.contact.email}`,
          ] as [string, string],
        ]
      : []),
  ];
  const greeting = vi ? `Kính gửi: ${input.recipientName},` : `Dear ${input.recipientName},`;
  const note = input.note?.trim();
  const body =
    lead(input, lang, due, left, late) +
    (note ? (vi ? ` Ý kiến: “${note}”` : ` Comment: “${note}”`) : '');
  const actions: Action[] = [
    { label: vi ? 'Xem và xử lý nhiệm vụ' : 'Open the duty', href: input.link, primary: true },
    ...(input.acknowledgeLink
      ? [
          {
            label: vi ? 'Xác nhận đã tiếp nhận nhiệm vụ' : 'Acknowledge the duty',
            href: input.acknowledgeLink,
            primary: false,
          },
        ]
      : []),
  ];
  const sign = vi ? `${duty.standingName} (hệ thống theo dõi nhiệm vụ)` : duty.standingName;
  const text = [
    greeting,
    '',
    body,
    '',
    ...rows.map(([k, v]) => `${k}: ${v}`),
    '',
    ...actions.map((a) => `${a.label}: ${a.href}`),
    '',
    sign,
  ].join('\n');
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a;max-width:640px">
<p>${escapeHtml(greeting)}</p>
<p>${escapeHtml(body)}</p>
<table role="presentation" cellpadding="4" style="border-collapse:collapse">${rows
    .map(
      ([k, v]) =>
        `<tr><th align="left" valign="top" style="padding-right:12px">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`,
    )
    .join('')}</table>
<p>${actions.map(button).join('')}</p>
<p>${escapeHtml(sign)}</p>
</body></html>`;
  return { subject, text, html };
}

export interface PastDueSummaryInput {
  /** The plan's official number ("171/KH-UBND") and the cycle's year, for the subject. */
  planNumber: string;
  year: number;
  agencyName: string;
  recipientName: string;
  standingName: string;
  /** Whom to ask at the standing agency. */
  contact?: { name: string; email: string } | undefined;
  /** When the cycle started: how late each duty is, is counted to this instant. */
  startedAt: number;
  duties: readonly {
    title: string;
    product: string;
    dueAt: string;
    /** The deadline in the plan's words. */
    timePhrase?: string | undefined;
    link: string;
  }[];
  /** When duties still open will be reported, and to whom (the ladder counts from the start). */
  escalation?: { at: number; to: string } | undefined;
  lang?: Lang | undefined;
}

/**
 * The one message a lead agency gets when a year is started after some of its deadlines and
 * the past is recorded as history: its past-due duties in a list, instead of an overdue notice
 * (or an escalation) per duty.
 */
export function renderPastDueSummary(input: PastDueSummaryInput): RenderedEmail {
  const lang = input.lang ?? 'vi';
  const vi = lang === 'vi';
  const n = input.duties.length;
  const plan = vi ? `${input.planNumber} năm ${input.year}` : `${input.planNumber} ${input.year}`;
  const subject = vi
    ? `[Tổng hợp nhiệm vụ quá hạn] ${plan}: ${n} nhiệm vụ do ${shorten(input.agencyName)} chủ trì`
    : `[Overdue duties] ${plan}: ${n} dut${n === 1 ? 'y' : 'ies'} led by ${shorten(input.agencyName)}`;
  const started = formatDate(input.startedAt);
  const intro = vi
    ? `Chu kỳ năm ${input.year} của Kế hoạch ${input.planNumber} được khởi động ngày ${started}, sau thời hạn của ${n} nhiệm vụ dưới đây do ${input.agencyName} chủ trì. Các nhiệm vụ này được ghi nhận là quá hạn; hệ thống không gửi thông báo quá hạn và đôn đốc riêng từng nhiệm vụ cho khoảng thời gian trước ngày khởi động. Đề nghị ${input.agencyName} khẩn trương hoàn thành và nộp sản phẩm.`
    : `The ${input.year} cycle of plan ${input.planNumber} was started on ${started}, after the deadlines of the ${n} dut${n === 1 ? 'y' : 'ies'} below led by ${input.agencyName}. They are recorded as overdue; no separate overdue notice or follow-up is sent for the time before the start. ${input.agencyName} is asked to complete and submit the products now.`;
  const escalation = input.escalation
    ? vi
      ? `Nhiệm vụ chưa nộp sản phẩm đến ngày ${formatDate(input.escalation.at)} sẽ được báo cáo ${input.escalation.to}.`
      : `Duties still without a product on ${formatDate(input.escalation.at)} will be reported to the ${input.escalation.to}.`
    : undefined;
  const items = input.duties.map((d) => {
    const dueMs = Date.parse(d.dueAt);
    return {
      title: d.title,
      lines: [
        `${vi ? 'Sản phẩm' : 'Product'}: ${d.product}`,
        `${dueLine(dueMs, lang, d.timePhrase)} – ${timeLeftPhrase(dueMs, input.startedAt, lang)}`,
      ],
      link: d.link,
    };
  });
  const openLabel = vi ? 'Xem và xử lý nhiệm vụ' : 'Open the duty';
  const contact = input.contact
    ? `${vi ? 'Liên hệ' : 'Contact'}: ${input.contact.name}, ${input.standingName} – ${input.contact.email}`
    : undefined;
  const greeting = vi ? `Kính gửi: ${input.recipientName},` : `Dear ${input.recipientName},`;
  const sign = vi ? `${input.standingName} (hệ thống theo dõi nhiệm vụ)` : input.standingName;
  const text = [
    greeting,
    '',
    intro,
    ...(escalation ? ['', escalation] : []),
    '',
    ...items.flatMap((item, i) => [
      `${i + 1}. ${item.title}`,
      ...item.lines.map((l) => `   ${l}`),
      `   ${openLabel}: ${item.link}`,
      '',
    ]),
    ...(contact ? [contact, ''] : []),
    sign,
  ].join('\n');
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a;max-width:640px">
<p>${escapeHtml(greeting)}</p>
<p>${escapeHtml(intro)}</p>
${escalation ? `<p>${escapeHtml(escalation)}</p>` : ''}
<ol>${items
    .map(
      (item) =>
        `<li><strong>${escapeHtml(item.title)}</strong><br>${item.lines.map(escapeHtml).join('<br>')}<br><a href="${escapeHtml(item.link)}">${escapeHtml(openLabel)}</a></li>`,
    )
    .join('')}</ol>
${contact ? `<p>${escapeHtml(contact)}</p>` : ''}
<p>${escapeHtml(sign)}</p>
</body></html>`;
  return { subject, text, html };
}
