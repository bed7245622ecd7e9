// The plans' pages rendered without a server: the plan's duties a page at a time with their
// filters and the links between pages, the date form only beside an undated duty and only for
// coordinators, folded deadlines, the links to the schedule and the simulation; the plans list
// in Vietnamese order, the users page, the import's refusal and the cycle preview's pages.
import { describe, expect, it } from 'vitest';
import type { StartDuty } from '../../common/duty-schema.ts';
import { stringsFor } from '../../api/web/i18n.ts';
import type { View } from '../../api/web/layout.ts';
import { planPage, type PlanPageData } from '../../api/web/views/plan.ts';
import { DUTIES_PAGE, dutyFiltersOf } from '../../api/web/views/plan-duties.ts';
import { plansPage } from '../../api/web/views/plans.ts';
import { usersPage } from '../../api/web/views/users.ts';
import { refusedPage } from '../../api/web/views/import.ts';
import { cyclePreviewPage, PREVIEW_PAGE } from '../../api/web/views/plan-cycle-preview.ts';
import { issue } from '../../plans/errors.ts';
import type { ResolvedDuty } from '../../plans/resolve.ts';
import { previewDuties } from '../../plans/cycle-preview.ts';

const view = (lang: 'vi' | 'en' = 'vi'): View => ({
  lang,
  t: stringsFor(lang),
  principal: undefined,
  csrf: 'form-token',
  here: '/plans/kh-171',
  nowMs: Date.parse('2025-05-10T03:00:00Z'),
});

const AGRI = { id: 'a-luoi.phong-nnptnt', name: 'Phòng Nông nghiệp và Phát triển nông thôn' };
const LABOUR = { id: 'a-luoi.phong-ldtbxh', name: 'Phòng Lao động - Thương binh và Xã hội' };
const HONG_KIM = { id: 'a-luoi.ubnd-xa-hong-kim', name: 'UBND xã Hồng Kim' };

/** A duty numbered `ref`; every third a report of the labour office, the rest agriculture's. */
function duty(n: number, over: Partial<ResolvedDuty> = {}): ResolvedDuty {
  const report = n % 3 === 0;
  return {
    ref: `II.${n}`,
    content: report
      ? `Báo cáo kết quả thực hiện nội dung số ${n}`
      : `Triển khai hỗ trợ phát triển sản xuất, nội dung số ${n}`,
    product: report ? 'Báo cáo' : 'Kế hoạch',
    time: 'Trước ngày 20/6 hằng năm',
    lead: report ? LABOUR : AGRI,
    coordinating: [HONG_KIM],
    instances: [2023, 2024, 2025].map((y) => ({
      period: String(y),
      dueAt: `${y}-06-19T17:00:00.000Z`,
      lastDay: `19/06/${y}`,
    })),
    ...over,
  };
}

function data(duties: ResolvedDuty[], query: Record<string, string> = {}, coordinator = true) {
  return {
    plan: {
      id: 'kh-171',
      number: '171/KH-UBND',
      title: 'Kế hoạch thực hiện Chương trình giảm nghèo bền vững',
      from: 2023,
      to: 2025,
      importedAt: '2025-01-02T03:00:00.000Z',
      standingName: LABOUR.name,
    },
    years: [2023, 2024, 2025].map((year) => ({
      year,
      cycleId: `cycle:kh-171:${year}`,
      started: year === 2024,
    })),
    duties,
    filters: dutyFiltersOf(query),
    coordinator,
  } satisfies PlanPageData;
}

/** The plan's numbers of the rows the page shows, in order. */
const rowsOf = (page: string): string[] =>
  [...page.matchAll(/<th scope="row">([^<]+)<\/th>/g)].map((m) => m[1] ?? '');

const sixty = Array.from({ length: 60 }, (_, i) => duty(i + 1));

describe("the plan's page", () => {
  it('shows one page of duties and links to the next; the last page shows the rest', () => {
    const first = planPage(view(), data(sixty));
    expect(rowsOf(first)).toEqual(sixty.slice(0, DUTIES_PAGE).map((d) => d.ref));
    expect(first).toContain(`Nhiệm vụ 1–${DUTIES_PAGE} trong tổng số 60 nhiệm vụ của kế hoạch.`);
    expect(first).toContain('href="/plans/kh-171?page=2#h-duties"');
    const lastNo = Math.ceil(sixty.length / DUTIES_PAGE);
    const last = planPage(view(), data(sixty, { page: String(lastNo) }));
    expect(rowsOf(last)).toEqual(sixty.slice((lastNo - 1) * DUTIES_PAGE).map((d) => d.ref));
    expect(last).toContain(`href="/plans/kh-171?page=${lastNo - 1}#h-duties"`);
    // A page past the end shows the last one, not an empty table.
    expect(rowsOf(planPage(view(), data(sixty, { page: '99' })))).toEqual(rowsOf(last));
  });

  it('filters by lead agency and by kind of duty, with counts, and keeps them across pages', () => {
    const labour = planPage(view(), data(sixty, { lead: LABOUR.id }));
    const ofLabour = sixty.filter((d) => d.lead.id === LABOUR.id).map((d) => d.ref);
    expect(rowsOf(labour)).toEqual(ofLabour.slice(0, DUTIES_PAGE));
    const labour2 = planPage(view(), data(sixty, { lead: LABOUR.id, page: '2' }));
    expect(rowsOf(labour2)).toEqual(ofLabour.slice(DUTIES_PAGE, 2 * DUTIES_PAGE));
    expect(labour).toContain(`<option value="${LABOUR.id}" selected>${LABOUR.name} (20)</option>`);
    expect(labour).toContain(`${AGRI.name} (40)`);
    expect(labour).toContain('20 nhiệm vụ khớp bộ lọc (kế hoạch có 60 nhiệm vụ)');
    const reports = planPage(view(), data(sixty, { phase: 'reports' }));
    expect(rowsOf(reports)).toEqual(rowsOf(labour));
    const agri = planPage(view(), data(sixty, { lead: AGRI.id }));
    expect(agri).toContain(
      `href="/plans/kh-171?lead=${encodeURIComponent(AGRI.id)}&amp;page=2#h-duties"`,
    );
    const none = planPage(view(), data(sixty, { lead: LABOUR.id, phase: 'implementation-plans' }));
    expect(rowsOf(none)).toEqual([]);
    expect(none).toContain('Không có nhiệm vụ nào khớp với bộ lọc.');
    // Unknown filters are no filters.
    expect(rowsOf(planPage(view(), data(sixty, { phase: 'x', page: 'abc' })))).toHaveLength(
      DUTIES_PAGE,
    );
  });

  it('offers a date only beside an undated duty, only to coordinators, and finds those duties', () => {
    const duties = [...sixty];
    duties[44] = duty(45, { undated: true, instances: [], time: 'Sau khi có hướng dẫn' });
    const page = planPage(view(), data(duties));
    expect(page.match(/action="[^"]*\/time"/g)).toBeNull();
    expect(page).toContain('Có 1 nhiệm vụ chưa có thời hạn');
    const undated = planPage(view(), data(duties, { undated: '1' }));
    expect(rowsOf(undated)).toEqual(['II.45']);
    expect(undated.match(/action="[^"]*\/time"/g)).toEqual([
      'action="/plans/kh-171/duties/II.45/time"',
    ]);
    const viewer = planPage(view(), data(duties, { undated: '1' }, false));
    expect(viewer.match(/action="[^"]*\/time"/g)).toBeNull();
    expect(viewer).not.toContain('/simulate');
    expect(viewer).not.toContain('cycle-preview');
  });

  it('folds long lists of deadlines and links the schedule, the targets and the simulation', () => {
    const monthly = duty(1, {
      instances: Array.from({ length: 12 }, (_, m) => ({
        period: `2025-${String(m + 1).padStart(2, '0')}`,
        dueAt: `2025-${String(m + 1).padStart(2, '0')}-19T17:00:00.000Z`,
        lastDay: `19/${String(m + 1).padStart(2, '0')}/2025`,
      })),
    });
    const page = planPage(view(), data([monthly]));
    // The next deadline after 10/05/2025 shown, all twelve a touch away.
    expect(page).toMatch(/<ul class="plain">\s*<li>Hạn: 19\/05\/2025<\/li>\s*<\/ul>/);
    expect(page).toMatch(/<details class="more">\s*<summary>Xem cả 12 lần đến hạn<\/summary>/);
    expect(page).toContain('Hạn: 19/01/2025');
    expect(page).toContain('href="/plans/kh-171/schedule"');
    expect(page).toContain('href="/plans/kh-171/targets"');
    expect(page).toContain('action="/plans/kh-171/simulate"');
    expect(page).toContain('href="/cycles/cycle%3Akh-171%3A2024"');
    expect(page).toContain('href="/plans/kh-171/cycle-preview?year=2025"');
    expect(page).toContain('Phối hợp: UBND xã Hồng Kim');
  });

  it('reads in English too, with no Vietnamese page words left', () => {
    const page = planPage(view('en'), data(sixty, { lead: LABOUR.id }));
    expect(page).toContain(
      `Duties 1–${DUTIES_PAGE} of the 20 that match the filters (the plan has 60).`,
    );
    expect(page).toContain('The yearly cycle schedule');
    expect(page).not.toContain('Nhiệm vụ 1–');
    expect(page).not.toContain('undefined');
  });
});

describe('the other pages of plans', () => {
  it('lists plans in Vietnamese order, with the import form for coordinators only', () => {
    const row = (id: string, number: string) => ({
      id,
      number,
      title: 'Kế hoạch',
      period_from: 2023,
      period_to: 2025,
      imported_at: '2025-01-02T03:00:00.000Z',
    });
    const plans = [row('b', 'Đề án 2'), row('a', 'Dự án 1'), row('c', 'Kế hoạch 3')];
    const page = plansPage(view(), { plans, coordinator: true });
    const order = [...page.matchAll(/<a href="\/plans\/([abc])">/g)].map((m) => m[1]);
    expect(order).toEqual(['a', 'b', 'c']); // D, Đ, K: "Đ" comes after "D", not last
    expect(page).toContain('action="/plans/import"');
    expect(plansPage(view(), { plans, coordinator: false })).not.toContain('/plans/import');
  });

  it('shows a refused file with each problem where it is', () => {
    const problem = issue(
      'resolve.plan.unknown',
      { planId: 'khong-co' },
      { row: 2, column: 'Thời gian' },
    );
    const page = refusedPage(view(), [problem], 'phan-cong.csv');
    expect(page).toContain('phan-cong.csv');
    expect(page).toContain('hàng 2, cột &quot;Thời gian&quot;');
    expect(page).toContain('role="alert"');
  });

  it('lists users with a remove button each and the add form', () => {
    const page = usersPage(view(), {
      configured: ['dieu-phoi@example.vn'],
      users: [
        {
          email: 'theo-doi@example.vn',
          name: 'Người theo dõi',
          role: 'viewer',
          added_by: 'dieu-phoi@example.vn',
          added_at: '2025-03-04T02:00:00.000Z',
        },
      ],
      flash: { kind: 'ok', text: 'Đã lưu người dùng.' },
    });
    expect(page).toContain('dieu-phoi@example.vn');
    expect(page).toContain('04/03/2025');
    expect(page.match(/action="\/users\/remove"/g)).toHaveLength(1);
    expect(page).toContain('action="/users"');
    expect(page).toContain('role="status"');
  });

  it("pages the cycle preview's duties and keeps the two ways to start", () => {
    const start = (n: number): StartDuty =>
      ({
        planId: 'kh-171',
        dutyId: `D${n}`,
        period: '2025',
        title: `Nhiệm vụ ${n}`,
        dueAt: '2025-03-19T17:00:00.000Z',
        lead: { ...AGRI, head: { name: 'A', email: 'a@example.vn' }, focalPoints: [] },
        coordinating: [],
        supervisor: { name: 'B', email: 'b@example.vn', title: 'Chủ tịch UBND huyện' },
        cycle: { id: 'cycle:kh-171:2025', phase: 'reports' },
      }) as unknown as StartDuty;
    const duties = Array.from({ length: 30 }, (_, i) => start(i + 1));
    const result = {
      plan: { id: 'kh-171', number: '171/KH-UBND', title: 'Kế hoạch', from: 2023, to: 2025 },
      year: 2025,
      cycleId: 'cycle:kh-171:2025',
      started: false,
      duties,
      preview: { ...previewDuties('kh-171', 2025, [], Date.parse('2025-05-10T03:00:00Z')) },
    };
    const first = cyclePreviewPage(view(), result);
    expect(first).toContain('Nhiệm vụ 1<');
    expect(first).not.toContain(`Nhiệm vụ ${PREVIEW_PAGE + 1}<`);
    expect(first).toContain('cycle-preview?year=2025&amp;page=2#h-year-duties');
    const second = cyclePreviewPage(view(), result, 2);
    expect(second).toContain(`Nhiệm vụ ${PREVIEW_PAGE + 1}<`);
    expect(second).toContain('action="/plans/kh-171/cycles"');
  });
});
