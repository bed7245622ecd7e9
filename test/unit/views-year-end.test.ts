// A year's end, ad hoc requests and the consolidated draft rendered without a server: what a
// reader sees (the gap, who is late, who closed the year), the forms only for whoever acts,
// agencies grouped by level in Vietnamese order, Vietnamese pages free of codes and English.
import { describe, expect, it } from 'vitest';
import type { CycleState } from '../../common/cycle-schema.ts';
import { stringsFor } from '../../api/web/i18n.ts';
import type { View } from '../../api/web/layout.ts';
import { readAdHocForm } from '../../api/web/ad-hoc-routes.ts';
import { adHocDetailPage, adHocFormPage, adHocListPage } from '../../api/web/views/ad-hoc.ts';
import { consolidationPage } from '../../api/web/views/consolidation.ts';
import { yearEndPage } from '../../api/web/views/year-end.ts';
import { formatDate, localInstant } from '../../domain/local-time.ts';
import type { AdHocDetail, AdHocForm, AdHocList } from '../../use-cases/ad-hoc-reports.ts';
import type { YearEnd } from '../../use-cases/close-year.ts';
import type { ConsolidationView } from '../../use-cases/consolidation.ts';

const view = (lang: 'vi' | 'en' = 'vi'): View => ({
  lang,
  t: stringsFor(lang),
  principal: undefined,
  csrf: 'form-token',
  here: '/cycles/x',
  nowMs: Date.parse('2025-06-10T03:00:00Z'),
});

/** The text a reader sees. */
const visible = (page: string): string =>
  page
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

const CYCLE = 'cycle:a-luoi-171-2022:2025';
const PLAN = { id: 'a-luoi-171-2022', number: '171/KH-UBND', title: 'Giảm nghèo bền vững' };

function cycle(over: Partial<CycleState> = {}): CycleState {
  return {
    cycleId: CYCLE,
    planId: PLAN.id,
    year: 2025,
    status: 'running',
    policy: { commitmentAfterAllocation: 'P30D', lagThreshold: 0.8 },
    launched: 12,
    phases: {},
    projects: [],
    adHocRequests: [],
    runs: 0,
    ...over,
  };
}

const due = new Date(localInstant(2025, 6, 21)).toISOString(); // "Hạn: 20/06/2025"

describe('ad hoc requests', () => {
  const list: AdHocList = {
    state: cycle(),
    plan: PLAN,
    canRequest: true,
    requests: [
      {
        ref: 'dot-xuat-2',
        title: 'Báo cáo đột xuất thiệt hại do bão số 5',
        at: '2025-06-01T02:00:00.000Z',
        dueAt: due,
        asked: 3,
        started: 3,
        submitted: 1,
        submittedLate: 0,
        overdue: 2,
        failed: false,
      },
    ],
  };

  it('lists each request with how many submitted and how many are late', () => {
    const text = visible(adHocListPage(view(), list));
    expect(text).toContain('Báo cáo đột xuất thiệt hại do bão số 5');
    expect(text).toContain('Hạn: 20/06/2025');
    expect(text).toMatch(/1\/3/);
    expect(adHocListPage(view(), list)).toContain('data-overdue="2"');
    expect(text).toContain('Tạo yêu cầu báo cáo đột xuất');
    expect(text).not.toMatch(/dot-xuat|cycle:|a-luoi/);
  });

  it('offers the form only to those who may ask, and says when the year is closed', () => {
    const closed = visible(
      adHocListPage(view(), { ...list, canRequest: false, state: cycle({ status: 'closed' }) }),
    );
    expect(closed).not.toContain('Tạo yêu cầu báo cáo đột xuất');
    expect(closed).toContain('Năm đã khóa sổ');
  });

  const form: AdHocForm = {
    state: cycle(),
    plan: PLAN,
    agencies: [
      { id: 'x.b', name: 'UBND xã Hồng Kim', level: 'commune', localityName: 'Xã Hồng Kim' },
      { id: 'x.a', name: 'Phòng Tài chính - Kế hoạch', level: 'district', localityName: 'Huyện A' },
      { id: 'x.c', name: 'UBND xã Hương Phong', level: 'commune', localityName: 'Xã Hương Phong' },
      { id: 'x.d', name: 'Phòng Dân tộc', level: 'district', localityName: 'Huyện A' },
    ],
  };

  it('groups the agencies by level from the top down, keeps the use case order within', () => {
    const page = adHocFormPage(view(), form);
    const legends = [...page.matchAll(/<legend>([^<]*)<\/legend>/g)].map((m) => m[1]?.trim());
    expect(legends).toEqual([
      'Cơ quan, đơn vị được yêu cầu báo cáo',
      'Cấp huyện (2)',
      'Cấp xã (2)',
    ]);
    const values = [...page.matchAll(/name="agencyIds"\s+value="([^"]+)"/g)].map((m) => m[1]);
    expect(values).toEqual(['x.a', 'x.d', 'x.b', 'x.c']);
    expect(page).toContain('data-filter-input');
    expect(page).toContain('name="_csrf" value="form-token"');
  });

  it('shows a refused form again with what was typed and ticked', () => {
    const page = adHocFormPage(
      view(),
      form,
      { title: 'Báo cáo <bão>', product: 'Văn bản', due: '31/06/2025', agencyIds: ['x.c'] },
      { kind: 'error', text: 'Thông tin chưa hợp lệ', items: ['Hạn nộp phải là một ngày có thật'] },
    );
    expect(page).toContain('value="Báo cáo &lt;bão&gt;"');
    expect(page).toMatch(/value="x\.c"\s+checked/);
    expect(page).not.toMatch(/value="x\.a"\s+checked/);
    expect(visible(page)).toContain('Hạn nộp phải là một ngày có thật');
  });

  it('reads the form: a real date as the last day allowed, each problem coded', () => {
    const ok = readAdHocForm({
      title: ' Báo cáo ',
      product: 'Văn bản',
      due: '20/6/2025',
      agencyIds: ['x.a', 'x.a', 'x.b'],
    });
    expect(ok.problems).toEqual([]);
    expect(ok.values.agencyIds).toEqual(['x.a', 'x.b']);
    // Due before the next local midnight: the pages say "Hạn: 20/06/2025".
    expect(ok.dueAt).toBe(due);
    const bad = readAdHocForm({ title: '', product: 'x', due: '31/06/2025' });
    expect(bad.problems.map((p) => p.code)).toEqual([
      'ad-hoc.required',
      'ad-hoc.bad-date',
      'ad-hoc.no-agencies',
    ]);
  });

  it("follows each agency's duty to the page where its product is received", () => {
    const detail: AdHocDetail = {
      state: cycle(),
      plan: PLAN,
      request: list.requests[0]!,
      product: 'Báo cáo bằng văn bản',
      lines: [
        {
          dutyId: 'duty:a-luoi-171-2022:dot-xuat-2.x.a:2025',
          agencyName: 'Phòng Tài chính - Kế hoạch',
          status: 'submitted',
          dueAt: due,
          originalDueAt: due,
          submission: {
            at: '2025-06-05T02:00:00.000Z',
            late: false,
            text: 'Thiệt hại 12 hộ',
            files: ['bao-cao.pdf'],
          },
        },
        {
          dutyId: 'duty:a-luoi-171-2022:dot-xuat-2.x.b:2025',
          agencyName: 'UBND xã Hồng Kim',
          status: 'overdue',
          dueAt: due,
          originalDueAt: due,
        },
      ],
    };
    const page = adHocDetailPage(view(), detail);
    const text = visible(page);
    expect(text).toContain('Nộp ngày 05/06/2025');
    expect(text).toContain('Thiệt hại 12 hộ');
    expect(text).toContain('Xem và tiếp nhận');
    expect(text).toContain('Chưa nộp');
    expect(page).toContain(`href="/duties/${encodeURIComponent(detail.lines[0]!.dutyId)}"`);
    expect(text).toContain('3 cơ quan được yêu cầu; 1 đã nộp; 2 quá hạn chưa nộp.');
  });
});

describe('the year end', () => {
  const data = (over: Partial<YearEnd> = {}): YearEnd => ({
    state: cycle(),
    plan: PLAN,
    goals: [
      {
        indicator: 'poverty-rate',
        localityId: 'a-luoi',
        localityName: 'Huyện A Lưới',
        target: 12,
        reported: 13.5,
        met: false,
      },
    ],
    localities: [
      {
        localityId: 'a-luoi.hong-kim',
        localityName: 'Xã Hồng Kim',
        target: { households: 900, liftOut: 40, reductionTarget: 4.5 },
        reported: { liftOut: 31, reductionTarget: 4.6 },
        gap: { liftOut: 9, reductionTarget: -0.1 },
        met: { liftOut: false, reductionTarget: true },
      },
      {
        localityId: 'a-luoi.a-ngo',
        localityName: 'Xã A Ngo',
        target: { liftOut: 25, reductionTarget: 3.2 },
        reported: {},
        gap: {},
        met: {},
      },
    ],
    outstanding: [
      {
        agencyName: 'UBND xã A Ngo',
        owed: 2,
        overdue: 1,
        nextDueAt: due,
        nextDutyId: 'duty:a-luoi-171-2022:BC-NAM.x:2025',
      },
    ],
    canClose: true,
    ...over,
  });

  it('sets each locality beside its targets with the gap, and the plan goal in words', () => {
    const page = yearEndPage(view(), data());
    const text = visible(page);
    expect(text).toContain('Số hộ thoát nghèo: chỉ tiêu');
    expect(text).toContain('Số hộ thoát nghèo: còn thiếu');
    expect(page).toContain('data-gap="9"');
    expect(text).toContain('Chưa đạt');
    expect(text).toContain('Chưa báo cáo');
    // 4,6 reported against 4,5: the Vietnamese decimal comma.
    expect(text).toContain('4,6');
    expect(text).toContain('Tỷ lệ hộ nghèo (%)');
    expect(text).toContain('1,5'); // 13,5 against at most 12
    expect(text).not.toMatch(/poverty-rate|liftOut|a-luoi/);
  });

  it('lists who has not reported, and asks for an explicit confirmation to close', () => {
    const page = yearEndPage(view(), data());
    const text = visible(page);
    expect(text).toContain('UBND xã A Ngo');
    expect(text).toContain('Hạn: 20/06/2025');
    expect(page).toMatch(/<input type="checkbox" name="confirm" value="yes" required/);
    expect(page).toContain(`action="/cycles/${encodeURIComponent(CYCLE)}/close"`);
    expect(visible(yearEndPage(view(), data({ canClose: false })))).not.toContain('Tôi xác nhận');
  });

  it('shows a closed year: by whom and when, with the comment, and no form', () => {
    const closedAt = new Date(localInstant(2025, 12, 31, 16, 30)).toISOString();
    const page = yearEndPage(
      view(),
      data({
        canClose: false,
        state: cycle({
          status: 'closed',
          closedAt,
          closedBy: { name: 'Nguyễn Văn Điều', agencyId: 'coordinator' },
          closeComment: 'Đã đủ số liệu',
        }),
      }),
    );
    const text = visible(page);
    expect(text).toContain(
      'Năm 2025 đã khóa sổ lúc 16:30 31/12/2025, người khóa sổ: Nguyễn Văn Điều.',
    );
    expect(text).toContain('Đã đủ số liệu');
    expect(page).not.toContain('name="confirm"');
  });

  it('pages a long list of agencies that have not reported', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({
      agencyName: `UBND xã số ${i + 1}`,
      owed: 1,
      overdue: 0,
      nextDueAt: due,
      nextDutyId: `duty:p:BC.${i}:2025`,
    }));
    const first = visible(yearEndPage(view(), data({ outstanding: many })));
    expect(first).toContain('UBND xã số 25 ');
    expect(first).not.toContain('UBND xã số 26 ');
    const third = visible(yearEndPage(view(), data({ outstanding: many }), { page: 3 }));
    expect(third).toContain('UBND xã số 60');
  });
});

describe('the consolidated draft', () => {
  const draft: ConsolidationView = {
    draft: {
      dutyId: 'duty:a-luoi-171-2022:BC-NAM:2025',
      title: 'Báo cáo kết quả thực hiện Chương trình năm 2025',
      dueAt: due,
      expected: 3,
      submittedOnTime: [{ agency: 'Phòng Nông nghiệp', at: '2025-06-01T02:00:00.000Z' }],
      submittedLate: [],
      missing: [
        { agency: 'Đoàn Thanh niên', status: 'overdue' },
        { agency: 'Phòng Tài chính - Kế hoạch', status: 'assigned' },
      ],
      indicators: { households: 12, 'poverty-rate': 11.4 },
    },
    duty: {
      id: 'duty:a-luoi-171-2022:BC-NAM:2025',
      planId: PLAN.id,
      title: 'Báo cáo kết quả thực hiện Chương trình năm 2025',
      period: '2025-H1',
      lead: 'Phòng Lao động - Thương binh và Xã hội',
    },
    plan: PLAN,
  };

  it('shows the combined indicators in words, who is missing, and both downloads', () => {
    const page = consolidationPage(view(), draft);
    const text = visible(page);
    expect(text).toContain('Tổng số hộ');
    expect(text).toContain('11,4');
    expect(text).toContain('Đoàn Thanh niên');
    expect(text).toContain('Quá hạn');
    expect(text).toContain('6 tháng đầu năm 2025');
    expect(text).toContain('Hạn: 20/06/2025');
    const base = `/duties/${encodeURIComponent(draft.duty.id)}/consolidation`;
    expect(page).toContain(`href="${base}.xlsx"`);
    expect(page).toContain(`href="${base}.docx"`);
    expect(text).not.toMatch(/poverty-rate|households|2025-H1|duty:/);
    expect(formatDate(Date.parse(draft.draft.submittedOnTime[0]!.at))).toBe('01/06/2025');
    expect(text).toContain('01/06/2025');
  });

  it('speaks English to an English reader', () => {
    const text = visible(consolidationPage(view('en'), draft));
    expect(text).toContain('Combined indicators');
    expect(text).toContain('Households');
    expect(text).toContain('Due: 20/06/2025');
  });
});
