// The cycle's pages rendered without a server: the cycle's summary per project, a project's
// disbursement page with its chart (SVG without colour-only meaning or inline styles), the
// lag alerts in words, the table of figures and the forms for whoever acts.
import { describe, expect, it } from 'vitest';
import type { CycleState, ProjectMoney } from '../../common/cycle-schema.ts';
import { disbursementChart } from '../../domain/disbursement-chart.ts';
import { stringsFor } from '../../api/web/i18n.ts';
import type { View } from '../../api/web/layout.ts';
import { cyclePage } from '../../api/web/views/cycle.ts';
import { projectPage } from '../../api/web/views/cycle-project.ts';
import type { CycleRead, ProjectRead } from '../../use-cases/cycle-money.ts';

const view = (lang: 'vi' | 'en' = 'vi'): View => ({
  lang,
  t: stringsFor(lang),
  principal: undefined,
  csrf: 'form-token',
  here: '/cycles/x',
  nowMs: Date.parse('2025-05-10T03:00:00Z'),
});

const months = (...values: number[]) =>
  Array.from({ length: 12 }, (_, i) => String(values[i] ?? 0));

function project(over: Partial<ProjectMoney> = {}): ProjectMoney {
  return {
    ref: '3.1',
    title: 'Tiểu dự án 1: Hỗ trợ phát triển sản xuất trong lĩnh vực nông nghiệp',
    lead: 'a-luoi.phong-nnptnt',
    leadName: 'Phòng Nông nghiệp và Phát triển nông thôn',
    allocations: [
      {
        amount: '1200000000',
        at: '2025-02-03T02:00:00.000Z',
        by: 'Điều phối',
        decision: 'Quyết định 12/QĐ-UBND',
      },
    ],
    allocated: '1200000000',
    monthlyPlan: months(
      100e6,
      100e6,
      100e6,
      100e6,
      100e6,
      100e6,
      100e6,
      100e6,
      100e6,
      100e6,
      100e6,
      100e6,
    ),
    disbursed: months(90e6, 30e6),
    warned: [2],
    ...over,
  };
}

function state(projects: ProjectMoney[]): CycleState {
  return {
    cycleId: 'cycle:a-luoi-171-2022:2025',
    planId: 'a-luoi-171-2022',
    year: 2025,
    status: 'running',
    policy: { commitmentAfterAllocation: 'P30D', lagThreshold: 0.8 },
    launched: 41,
    phases: { reports: { assigned: 3, overdue: 1 } },
    projects,
    adHocRequests: [],
    runs: 0,
  };
}

const chartOf = (p: ProjectMoney) =>
  disbursementChart({ monthlyPlan: p.monthlyPlan, disbursed: p.disbursed, lagThreshold: 0.8 });

function projectRead(p: ProjectMoney, may: ProjectRead['may']): ProjectRead {
  return {
    follows: true,
    state: state([p]),
    plan: {
      id: 'a-luoi-171-2022',
      number: '171/KH-UBND',
      title: 'Kế hoạch',
      periodFrom: 2021,
      periodTo: 2025,
    },
    project: p,
    chart: chartOf(p),
    commitment: {
      dutyId: 'duty:a-luoi-171-2022:3.1.cam-ket:2025',
      status: 'assigned',
      dueAt: '2025-03-05T17:00:00.000Z',
      originalDueAt: '2025-03-05T17:00:00.000Z',
    },
    may,
  };
}

/** The text a reader sees (tags, attributes and the SVG's markup left out). */
const visible = (page: string) =>
  page
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ');

const pointsOf = (page: string, series: string): string[] =>
  (new RegExp(`data-series="${series}"\\s+points="([^"]*)"`).exec(page)?.[1] ?? '')
    .split(' ')
    .filter(Boolean);

describe("a project's disbursement page", () => {
  const lead = { allocate: false, commit: true, report: true };

  it('draws the plan and the actual as cumulative lines, the actual up to the last report', () => {
    const page = projectPage(view(), projectRead(project(), lead));
    // From the origin: the plan's twelve months, the actual's two reported months.
    expect(pointsOf(page, 'planned')).toHaveLength(13);
    expect(pointsOf(page, 'actual')).toHaveLength(3);
    // The actual stays under the plan (a higher y on the screen) once it lags.
    const y = (pt: string | undefined) => Number(pt?.split(',')[1]);
    expect(y(pointsOf(page, 'actual')[2])).toBeGreaterThan(y(pointsOf(page, 'planned')[2]));
    // Told apart without colour: a dashed line with round points against a solid one with squares.
    expect(page).toMatch(/data-series="actual"[^>]*stroke-dasharray="9 6"/);
    expect(page).toMatch(/data-series="threshold"[^>]*stroke-dasharray="2 5"/);
    expect(page).not.toMatch(/data-series="planned"[^>]*stroke-dasharray/);
    expect(page).toContain('<rect');
    expect(page).toContain('<circle');
  });

  it('labels the axes in Vietnamese and money in đồng with dots', () => {
    const page = projectPage(view(), projectRead(project(), lead));
    const text = visible(page);
    // 1.2 billion in the year: the axis counts in tỷ đồng, with a decimal comma.
    expect(text).toContain('tỷ đồng');
    expect(text).toMatch(/ 0 0,5 1 1,5 /);
    for (const m of [1, 6, 12]) expect(text).toContain(` T${m} `);
    expect(text).toContain('Tháng (T1 là tháng 1)');
    expect(text).toContain('1.200.000.000 đ');
    expect(text).toContain('120.000.000 đ');
    expect(text).toMatch(/Kế hoạch cam kết \(lũy kế\): đường liền, điểm vuông/);
    expect(text).toMatch(/Đã giải ngân \(lũy kế\): đường gạch, điểm tròn/);
  });

  it('marks and lists the lagging month in words', () => {
    const page = projectPage(view(), projectRead(project(), lead));
    expect(page).toContain('data-lag-month="2"');
    expect(page).not.toContain('data-lag-month="1"');
    const text = visible(page);
    expect(text).toContain(
      'Đến hết tháng 2: lũy kế giải ngân 120.000.000 đ, đạt 60% kế hoạch lũy kế 200.000.000 đ (ngưỡng 80%).',
    );
    expect(text).toContain('Chậm giải ngân (tháng 2)');
  });

  it('uses no inline style the CSP would block', () => {
    const page = projectPage(view(), projectRead(project(), lead));
    expect(page).not.toMatch(/<style|\sstyle="/);
    expect(page).not.toMatch(/<script(?! src)/);
  });

  it('gives the lead agency the commitment with twelve months and the monthly report', () => {
    const page = projectPage(view(), projectRead(project(), lead));
    for (let m = 1; m <= 12; m++) expect(page).toContain(`name="m${m}"`);
    expect(page).toContain('value="100.000.000"');
    expect(page).toContain('/projects/3.1/disbursements');
    expect(page).toContain('name="replace"');
    // March, the month after the last reported, is offered first.
    expect(page).toMatch(/<option value="3"\s+selected/);
    expect(page).not.toContain('/allocations"');
  });

  it('shows others the figures without the forms', () => {
    const page = projectPage(
      view(),
      projectRead(project(), { allocate: false, commit: false, report: false }),
    );
    expect(page).not.toContain('name="m1"');
    expect(page).not.toContain('/disbursements"');
    expect(visible(page)).toContain('Phòng Nông nghiệp và Phát triển nông thôn (cơ quan chủ trì)');
  });

  it('before any commitment or report says so instead of an empty chart', () => {
    const p = project({
      monthlyPlan: undefined,
      disbursed: months(),
      allocations: [],
      allocated: '0',
    });
    const page = projectPage(view(), {
      ...projectRead(p, { allocate: true, commit: false, report: false }),
      commitment: undefined,
    });
    expect(page).not.toContain('<polyline');
    expect(visible(page)).toContain('Chưa có kế hoạch cam kết và chưa có số giải ngân.');
    expect(page).toContain('/allocations"');
    expect(page).toContain('name="back" value="project"');
  });

  it('speaks English when asked', () => {
    const page = projectPage(view('en'), projectRead(project(), lead));
    const text = visible(page);
    expect(text).toContain('billion đồng');
    expect(text).toMatch(/ 0 0\.5 1 1\.5 /);
    expect(text).toContain(' M1 ');
    expect(text).toContain('To the end of February');
  });
});

describe('the cycle page', () => {
  const read = (projects: ProjectMoney[]): CycleRead => ({
    follows: true,
    state: state(projects),
    plan: {
      id: 'a-luoi-171-2022',
      number: '171/KH-UBND',
      title: 'Kế hoạch',
      periodFrom: 2021,
      periodTo: 2025,
    },
    nextDeadlines: [],
    projects: projects.map((p) => ({ project: p, chart: chartOf(p) })),
  });

  it('sums up each project in a line linking to its page, lagging ones said in words', () => {
    const quiet = project({
      ref: '4',
      title: 'Dự án 4: Phát triển giáo dục nghề nghiệp',
      allocations: [],
      allocated: '0',
      monthlyPlan: undefined,
      disbursed: months(),
    });
    const page = cyclePage(view(), read([project(), quiet]), { canAllocate: true });
    expect(page).toContain('href="/cycles/cycle%3Aa-luoi-171-2022%3A2025/projects/3.1"');
    const text = visible(page);
    expect(text).toContain('Chậm giải ngân (tháng 2)');
    expect(text).toContain('Chưa phân bổ vốn');
    expect(text).toContain('1.200.000.000 đ');
    expect(page).toContain('action="/cycles/cycle%3Aa-luoi-171-2022%3A2025/allocations"');
    // No chart on the summary: it stays short on a phone.
    expect(page).not.toContain('<polyline');
  });

  it('offers the allocation form to coordinators only', () => {
    const page = cyclePage(view(), read([project()]), { canAllocate: false });
    expect(page).not.toContain('/allocations"');
  });
});
