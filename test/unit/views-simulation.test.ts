// A simulation job's page rendered without a server: progress while it runs (and the page
// reloads itself, no script), a failed run offered again, and a finished year as a calendar of
// messages per agency and month, a month's days, the chosen day's messages in words, the mail
// per kind of reader, and the downloads; the timeline sheet in Vietnamese.
import { describe, expect, it } from 'vitest';
import { stringsFor } from '../../api/web/i18n.ts';
import type { View } from '../../api/web/layout.ts';
import { simulationPage } from '../../api/web/views/simulation.ts';
import { timelineSheets } from '../../api/web/views/simulation-sheet.ts';
import { toCsv } from '../../exports/sheet.ts';
import { Behaviour, type SimulationResult } from '../../common/simulation-schema.ts';
import { simulationCalendar } from '../../use-cases/simulation-calendar.ts';
import type { SimulationJob } from '../../use-cases/simulation.ts';
import { fixtureResult } from '../support/simulation-fixture.ts';

const view = (lang: 'vi' | 'en' = 'vi'): View => ({
  lang,
  t: stringsFor(lang),
  principal: undefined,
  csrf: 'form-token',
  here: '/simulations/x',
  nowMs: Date.parse('2025-05-10T03:00:00Z'),
});

const agency = (id: string, name: string, who: string) => ({
  id,
  name,
  head: { name: `Trưởng phòng ${who}`, email: `truong-phong@${id}.example` },
  focalPoints: [{ name: `Chuyên viên ${who}`, email: `chuyen-vien@${id}.example` }],
});
const LEAD = agency('nnptnt', 'Phòng Nông nghiệp và Phát triển nông thôn', 'Nông nghiệp');
const LABOUR = agency('ldtbxh', 'Phòng Lao động - Thương binh và Xã hội', 'Lao động');
const result: SimulationResult = fixtureResult('plan-x', 2025, LEAD, LABOUR);

function job(over: Partial<SimulationJob> = {}): SimulationJob {
  return {
    id: 'job-1',
    planId: 'plan-x',
    plan: { number: '171/KH-UBND', title: 'Kế hoạch giảm nghèo' },
    year: 2025,
    input: { year: 2025, behaviour: Behaviour.parse({ lateShare: 0.25, seed: 4 }) },
    status: 'done',
    progress: undefined,
    requestedAt: '2025-05-01T02:00:00.000Z',
    startedAt: '2025-05-01T02:00:01.000Z',
    finishedAt: '2025-05-01T02:00:40.000Z',
    error: undefined,
    ...over,
  };
}

/** The text a reader sees. */
const text = (page: string) =>
  page
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('a running job', () => {
  const page = simulationPage(view(), {
    job: job({
      status: 'running',
      finishedAt: undefined,
      progress: {
        phase: 'running',
        share: 0.424,
        at: '2025-06-03T02:00:00.000Z',
        duties: 12,
        dutiesDone: 4,
        actionsDone: 10,
        actionsLeft: 14,
      },
    }),
    result: undefined,
    calendar: undefined,
  });

  it('shows how far it is, in words, and reloads itself without a script', () => {
    expect(page).toContain('<meta http-equiv="refresh" content="3" />');
    expect(page).toMatch(/<progress max="100" value="42"/);
    const t = text(page);
    expect(t).toContain('Đang chạy');
    expect(t).toContain('Đã mô phỏng 42% thời gian của năm');
    expect(t).toContain('Đã đến ngày 03/06/2025');
    expect(t).toContain('4/12 nhiệm vụ đã qua hạn');
    expect(t).toContain('10 thao tác giả định đã thực hiện, còn 14');
    expect(t).toContain('Nộp muộn 0,25, không nộp 0,05, hạt giống ngẫu nhiên 4');
    expect(t).not.toContain('Lịch thư trong năm');
  });
});

describe('a failed job', () => {
  it('says so in Vietnamese and offers to run it again with the same settings', () => {
    const page = simulationPage(view(), {
      job: job({ status: 'failed', error: 'the cycle did not start its duties' }),
      result: undefined,
      calendar: undefined,
    });
    expect(page).not.toContain('http-equiv="refresh"');
    expect(text(page)).toContain('Mô phỏng không chạy được đến cuối');
    expect(page).not.toContain('the cycle did not start');
    expect(page).toContain('action="/plans/plan-x/simulate"');
    expect(page).toContain('name="lateShare" value="0.25"');
    expect(page).toContain('name="_csrf" value="form-token"');
  });
});

describe('a finished year', () => {
  const calendar = simulationCalendar(result, { day: '2025-11-20' });
  const page = simulationPage(view(), { job: job(), result, calendar });
  const t = text(page);

  it('counts messages per agency and month, one per recipient, agencies in Vietnamese order', () => {
    expect(calendar.months.map((m) => m.key)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`),
    );
    const names = calendar.agencies.map((a) => a.name);
    expect(names).toEqual([
      'Phòng Lao động - Thương binh và Xã hội',
      'Phòng Nông nghiệp và Phát triển nông thôn',
    ]);
    const lead = calendar.agencies.find((a) => a.name === LEAD.name)!;
    // November: reminder (2), overdue (2 + 2 to the labour office), urge (2), escalation (1).
    expect(lead.counts[10]).toBe(9);
    expect(lead.total).toBe(9);
    expect(calendar.months[10]!.total).toBe(10);
    expect(t).toContain('Lịch thư trong năm');
    expect(page).toContain('href="/simulations/job-1?month=2025-11#h-sim-month"');
  });

  it('shows the month as weeks from Monday, each day with its count, the chosen one marked', () => {
    expect(calendar.month.key).toBe('2025-11');
    // 1 November 2025 is a Saturday: five empty days before it.
    expect(calendar.weeks[0]!.slice(0, 5)).toEqual([null, null, null, null, null]);
    expect(calendar.weeks[0]![5]).toMatchObject({ key: '2025-11-01', day: 1 });
    expect(calendar.weeks.every((w) => w.length === 7)).toBe(true);
    expect(t).toContain('Tháng 11/2025');
    expect(page).toContain('<abbr title="Thứ Hai">T2</abbr>');
    expect(page).toContain('aria-label="Ngày 20/11/2025: 4 thư"');
    expect(page).toContain('aria-current="date"');
    expect(page).toContain('href="/simulations/job-1?month=2025-10#h-sim-month"');
  });

  it("lists the chosen day's messages: when, what kind in words, the duty, who", () => {
    expect(t).toContain('Thư gửi ngày 20/11/2025');
    expect(calendar.day?.messages).toHaveLength(1);
    expect(t).toContain('08:00');
    expect(t).toContain('Quá hạn');
    expect(t).toContain('Báo cáo kết quả thực hiện Dự án 2 – Năm 2025');
    // The lead's people by name (the duty is their agency's), others with their agency.
    expect(t).toMatch(
      /Người nhận: Trưởng phòng Nông nghiệp ?; Chuyên viên Nông nghiệp ?; Trưởng phòng Lao động \(Phòng Lao động - Thương binh và Xã hội\)/,
    );
  });

  it('gives the mail per kind of reader: people, messages, per person per month', () => {
    const head = calendar.groups.find((g) => g.group === 'head')!;
    // The lead's head (the labour office's counts as the standing agency): reminded, told
    // it is overdue, urged: 3 messages in a year of 12 months.
    expect(head).toMatchObject({ people: 1, messages: 3, maxPersonMonth: 3, maxPersonDay: 1 });
    expect(head.perPersonMonth).toBe(0.3);
    expect(calendar.groups.map((g) => g.group)).toEqual([
      'head',
      'focal',
      'standing',
      'supervisor',
    ]);
    expect(t).toContain('Thủ trưởng cơ quan');
    expect(t).toContain('Cán bộ đầu mối');
    expect(t).toContain('Bình quân/người/tháng');
    expect(t).toContain('0,3');
  });

  it('offers the whole timeline as XLSX and CSV, and shows no English or internal codes', () => {
    expect(page).toContain('href="/simulations/job-1/timeline.xlsx"');
    expect(page).toContain('href="/simulations/job-1/timeline.csv"');
    expect(page).not.toContain('http-equiv="refresh"');
    expect(t).not.toMatch(/notify|reminder|overdue|escalation|digest|BC-DA2|\d{4}-\d{2}-\d{2}/);
  });

  it('pages a busy day', () => {
    const busy: SimulationResult = {
      ...result,
      timeline: Array.from({ length: 45 }, (_, i) => ({
        ...result.timeline[1]!,
        instant: `2025-11-12T01:${String(i).padStart(2, '0')}:00.000Z`,
      })),
    };
    const second = simulationCalendar(busy, { day: '2025-11-12', page: 2 });
    // 45 reminders, each to the head and the focal point: 90 messages in 45 items.
    expect(second.day).toMatchObject({ total: 90, page: 2, pages: 6 });
    expect(second.day?.messages).toHaveLength(8);
    const page = simulationPage(view(), { job: job(), result: busy, calendar: second });
    const p = text(page);
    expect(p).toContain('Trang 2/6 (90 thư)');
    expect(p).toContain('Trang trước');
    expect(p).toContain('Trang tiếp theo');
    expect(page).toContain('href="/simulations/job-1?day=2025-11-12&amp;page=3#h-sim-day"');
  });

  it('shows a digest sent to each of an agency’s people as one item', () => {
    const digest = result.timeline.find((r) => r.event === 'digest')!;
    const twice: SimulationResult = {
      ...result,
      timeline: [digest, { ...digest, recipients: [LABOUR.focalPoints[0]!.email] }],
    };
    const c = simulationCalendar(twice, { day: '2025-11-24' });
    expect(c.day).toMatchObject({ total: 2, pages: 1 });
    expect(c.day?.messages).toHaveLength(1);
    expect(c.day?.messages[0]?.recipients.map((r) => r.name)).toEqual([
      'Trưởng phòng Lao động',
      'Chuyên viên Lao động',
    ]);
    const p = text(simulationPage(view(), { job: job(), result: twice, calendar: c }));
    expect(p).toContain('Bản tin buổi sáng của Phòng Lao động - Thương binh và Xã hội');
  });

  it('pages the agencies of a large plan, ten at a time by name, the totals counting all', () => {
    const many: SimulationResult = {
      ...result,
      timeline: Array.from({ length: 23 }, (_, i) => ({
        ...result.timeline[1]!,
        agency: `UBND xã số ${String(i + 1).padStart(2, '0')}`,
      })),
    };
    const c = simulationCalendar(many, { agencies: 3 });
    expect(c.agencyPage).toEqual({ page: 3, pages: 3, total: 23, from: 21 });
    expect(c.agencies.map((a) => a.name)).toEqual([
      'UBND xã số 21',
      'UBND xã số 22',
      'UBND xã số 23',
    ]);
    expect(c.months[10]!.total).toBe(46);
    const p = text(simulationPage(view(), { job: job(), result: many, calendar: c }));
    expect(p).toContain('Cơ quan thứ 21–23 trong 23 cơ quan');
    expect(p).toContain('Các cơ quan trước');
    expect(p).not.toContain('Các cơ quan tiếp theo');
  });
});

describe('the timeline download', () => {
  it('has every event in Vietnamese words, with the people written to', () => {
    const [timeline] = timelineSheets(result, simulationCalendar(result, {}));
    const csv = toCsv(timeline!);
    expect(csv.split('\r\n')[0]).toBe(
      '\uFEFFThời điểm,Nhiệm vụ,Kỳ,Cơ quan,Sự kiện,Người nhận,Chi tiết',
    );
    expect(csv).toContain('Nhắc việc');
    expect(csv).toContain('Báo cáo chậm trễ');
    expect(csv).toContain('Bản tin hằng ngày');
    expect(csv).toContain('Chấp nhận sản phẩm');
    expect(csv).toContain('Trưởng phòng Nông nghiệp <truong-phong@nnptnt.example>');
    expect(csv).not.toMatch(/notify:|,digest,|,submit,/);
    expect(timeline!.rows).toHaveLength(result.timeline.length);
  });
});
