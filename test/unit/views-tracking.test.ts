// The labour office's pages as pure views, without a server: the home queue (what needs it
// today, in order, with its actions), the grid (four categories in colour and in words, marks,
// rates per row and per level, pages), and the trend chart (percentages, words, a table).
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../api/principal.ts';
import { stringsFor } from '../../api/web/i18n.ts';
import type { View } from '../../api/web/layout.ts';
import { homePage } from '../../api/web/views/home.ts';
import { matrixPage } from '../../api/web/views/tracking-grid.ts';
import { trendChart } from '../../api/web/views/tracking-trend.ts';
import type { ExtensionAsked, OverdueDuty, TrackedDuty, TrackedPlan } from '../../db/tracking.ts';
import { TRACK_GROUP, type Track } from '../../domain/tracking.ts';
import { gridOf, type Grid, type GridInput, type GridItem } from '../../use-cases/tracking.ts';

const NOW = Date.parse('2026-07-10T03:00:00.000Z');

const officer: Principal = {
  via: 'session',
  email: 'truong-phong@ldtbxh.a-luoi.example',
  name: 'Trưởng phòng LĐTBXH',
  coordinator: false,
  viewer: false,
  agencies: [{ id: 'ldtbxh', name: 'Phòng Lao động - Thương binh và Xã hội' }],
  standingPlanIds: ['p1'],
};

const view = (lang: 'vi' | 'en' = 'vi', principal: Principal = officer): View => ({
  lang,
  t: stringsFor(lang),
  principal,
  csrf: 'token',
  here: '/',
  nowMs: NOW,
});

/** The visible words of a page: tags, scripts and the SVG's attributes left out. */
const text = (page: string) =>
  page
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z#0-9]+;/g, ' ')
    .replace(/\s+/g, ' ');

const duty = (id: string, over: Partial<TrackedDuty> = {}): TrackedDuty => ({
  id,
  planId: 'p1',
  dutyId: id.toUpperCase(),
  period: '2026-H1',
  title: `Báo cáo ${id}`,
  agencyId: 'nnptnt',
  agencyName: 'Phòng Nông nghiệp và Phát triển nông thôn',
  level: 'district',
  localityId: 'a-luoi',
  localityName: 'Huyện A Lưới',
  status: 'assigned',
  dueAt: '2026-06-19T17:00:00.000Z',
  originalDueAt: '2026-06-19T17:00:00.000Z',
  extended: false,
  submittedAt: null,
  countedDueAt: '2026-06-19T17:00:00.000Z',
  firstSubmittedAt: null,
  firstOnTime: null,
  marks: [],
  ...over,
});

describe('the home page of the labour office', () => {
  const review = duty('nop', {
    title: 'Báo cáo 6 tháng chờ chấp nhận',
    status: 'submitted',
    submittedAt: '2026-07-08T02:00:00.000Z',
  });
  const ext: ExtensionAsked = {
    ...duty('gia-han', { title: 'Kế hoạch xin gia hạn' }),
    request: {
      at: '2026-07-09T02:00:00.000Z',
      by: 'Chuyên viên Nông nghiệp',
      newDueAt: '2026-07-30T17:00:00.000Z',
      reason: 'Chờ số liệu',
    },
  };
  const late = (id: string, days: number): OverdueDuty => ({
    ...duty(id, { title: `Quá hạn ${days} ngày – ${id}`, status: 'overdue' }),
    daysOverdue: days,
  });
  const page = (pages = {}) =>
    homePage(view(), {
      home: {
        standing: {
          review: [review],
          extensions: [ext],
          overdue: [
            late('a', 40),
            late('b', 12),
            ...Array.from({ length: 5 }, (_, i) => late(`c${i}`, 3)),
          ],
        },
        coordinator: false,
        viewer: false,
      },
      pages: { review: 1, ext: 1, late: 1, od: 1, soon: 1, lead: 1, co: 1, ...pages },
      dueSoonDays: 14,
    });

  it('starts with what needs it today: products, extension requests, overdue, in that order', () => {
    const t = text(page());
    const at = (s: string) => t.indexOf(s);
    expect(at('Việc cần xử lý hôm nay')).toBeGreaterThan(-1);
    expect(at('Chờ chấp nhận hoặc trả lại (1)')).toBeGreaterThan(at('Việc cần xử lý hôm nay'));
    expect(at('Báo cáo 6 tháng chờ chấp nhận')).toBeGreaterThan(at('Chờ chấp nhận hoặc trả lại'));
    expect(at('Đề nghị gia hạn chờ quyết định (1)')).toBeGreaterThan(
      at('Báo cáo 6 tháng chờ chấp nhận'),
    );
    expect(t).toContain('đề nghị gia hạn — Hạn: 30/07/2026 (Chuyên viên Nông nghiệp)');
    expect(at('Quá hạn (7), trễ lâu nhất trước')).toBeGreaterThan(at('Kế hoạch xin gia hạn'));
    // Most late first, as the use case ordered them, with the days in words.
    expect(at('trễ 40 ngày')).toBeLessThan(at('trễ 12 ngày'));
    // The following links come after the queue.
    expect(at('Ma trận báo cáo')).toBeGreaterThan(at('trễ 12 ngày'));
  });

  it('gives each item its action', () => {
    const html = page();
    expect(html).toContain('href="/duties/nop#h-actions"');
    expect(html).toMatch(/Xem xét<span class="visually-hidden"> – Báo cáo 6 tháng/);
    expect(html).toContain('href="/duties/gia-han#h-actions"');
    expect(html).toMatch(/<form method="post" action="\/duties\/a\/urge"/);
    expect(html).toContain('name="back" value="/"');
  });

  it('shows five overdue duties a page, with a link to the next', () => {
    const first = text(page());
    expect(first).toContain('1–5 trong tổng số 7');
    expect(first).not.toContain('Quá hạn 3 ngày – c4');
    expect(page()).toContain('href="/?late=2"');
    const second = text(page({ late: 2 }));
    expect(second).toContain('Quá hạn 3 ngày – c4');
    expect(second).not.toContain('Quá hạn 40 ngày');
  });

  it('says so when nothing waits', () => {
    const t = text(
      homePage(view(), {
        home: {
          standing: { review: [], extensions: [], overdue: [] },
          coordinator: false,
          viewer: false,
        },
        pages: { review: 1, ext: 1, late: 1, od: 1, soon: 1, lead: 1, co: 1 },
        dueSoonDays: 14,
      }),
    );
    expect(t).toContain('Chờ chấp nhận hoặc trả lại (0)');
    expect(t.match(/Không có việc nào\./g)).toHaveLength(3);
  });
});

describe('the grid', () => {
  const plan: TrackedPlan = {
    id: 'p1',
    number: '171/KH-UBND',
    title: 'Kế hoạch giảm nghèo',
    periodFrom: 2022,
    periodTo: 2026,
  };
  const item = (
    agency: string,
    level: string,
    column: string,
    track: Track,
    over: Partial<GridItem> = {},
  ): GridItem => ({
    id: `${agency}-${column}-${track}`,
    title: `Báo cáo ${column}`,
    ref: 'BC-1',
    period: column,
    column,
    agencyId: agency,
    agencyName: agency,
    level,
    localityId: `${agency}-xa`,
    localityName: `Xã ${agency}`,
    track,
    group: TRACK_GROUP[track],
    marks: [],
    ...over,
  });
  const current = [
    item('Phòng Y tế', 'district', '2026-Q1', 'on-time'),
    item('Phòng Y tế', 'district', '2026-Q2', 'late', { marks: ['returned'] }),
    item('Đội Hồng Hạ', 'commune', '2026-Q1', 'missing'),
    item('Đội Hồng Hạ', 'commune', '2026-Q2', 'on-time', { marks: ['extended'] }),
    item('Đội Hồng Hạ', 'commune', '2026-Q3', 'not-yet-due'),
    item('Hương Phong', 'commune', '2026-Q1', 'on-time'),
    item('Hương Phong', 'commune', '2026-Q1', 'on-time', { id: 'second' }),
  ];
  const earlier = new Map([[2025, [item('Phòng Y tế', 'district', '2025', 'late')]]]);
  const input: GridInput = { rows: 'agency', previous: true, page: 1 };
  const build = (over: Partial<Parameters<typeof gridOf>[0]> = {}): Grid => {
    const g = gridOf(
      {
        year: 2026,
        granularity: 'quarter',
        rows: 'agency',
        previousYears: [2025],
        page: 1,
        ...over,
      },
      current,
      earlier,
    );
    return {
      ...g,
      trendYears: g.trendYears([2025, 2026]),
      year: 2026,
      years: [2022, 2023, 2024, 2025, 2026],
      granularity: over.granularity ?? 'quarter',
      what: 'reports',
      rows: over.rows ?? 'agency',
      levels: ['district', 'commune'],
      lockPeriod: '2026',
      lockPeriods: ['2026', '2026-H1'],
      locked: null,
      lockedWithin: [],
      mayLock: true,
      asOf: new Date(NOW).toISOString(),
    };
  };
  const render = (g: Grid, lang: 'vi' | 'en' = 'vi') =>
    matrixPage(view(lang), { plans: [plan], plan, grid: g, input });

  it('is agencies by period, each cell the category in its colour and its word', () => {
    const html = render(build());
    const head = /<thead>([\s\S]*?)<\/thead>/.exec(html)?.[1] ?? '';
    expect(text(head)).toMatch(
      /Cơ quan .*Năm 2025 .*Quý I .*Quý II .*Quý III .*Quý IV .*Tỷ lệ đúng hạn/,
    );
    for (const word of ['Đúng hạn', 'Trễ hạn', 'Chưa nộp (quá hạn)', 'Chưa đến hạn']) {
      expect(text(html)).toContain(word);
    }
    expect(html).toMatch(
      /class="track track-missing" data-track="missing"[^>]*>Chưa nộp \(quá hạn\)</,
    );
    // The marks beside the category, and two reports of one category counted in one badge.
    expect(text(html)).toContain('Trễ hạn (trả lại)');
    expect(text(html)).toContain('Đúng hạn (gia hạn)');
    expect(text(html)).toContain('Đúng hạn: 2');
    // An earlier year's column when asked.
    expect(html).toMatch(/<td data-col="2025">[\s\S]*?data-track="late"/);
  });

  it('orders rows by level, then by Vietnamese collation, and gives each its rate', () => {
    const t = text(render(build()));
    expect(t.indexOf('Phòng Y tế')).toBeLessThan(t.indexOf('Đội Hồng Hạ'));
    // "Đ" sorts after "D" and before "H": Đội before Hương.
    expect(t.indexOf('Đội Hồng Hạ')).toBeLessThan(t.indexOf('Hương Phong'));
    // Đội Hồng Hạ: one missing, one on time, one not yet due → 1 of 2.
    expect(t).toMatch(/Đội Hồng Hạ .*50% \(1\/2\)/);
    expect(t).toMatch(/Phòng Y tế .*50% \(1\/2\)/);
  });

  it('gives the rate of each level and of the whole plan', () => {
    const html = render(build());
    expect(text(/id="h-levels"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '')).toMatch(
      /Cấp huyện 2 1 50% \(1\/2\) Cấp xã 4 3 75% \(3\/4\) Toàn kế hoạch 6 4 66,7% \(4\/6\)/,
    );
  });

  it('narrows the cells to one category, and rows to those that have it', () => {
    const t = text(render(build({ category: 'missing' })));
    expect(t).toContain('Chưa nộp (quá hạn)');
    expect(t).not.toContain('Hương Phong');
    expect(t).not.toMatch(/Đúng hạn \(gia hạn\)/);
  });

  it('finds agencies by part of a name, without diacritics', () => {
    const t = text(render(build({ q: 'huong' })));
    expect(t).toContain('Hương Phong');
    expect(t).not.toContain('Phòng Y tế');
  });

  it('shows localities as rows when switched', () => {
    const t = text(render(build({ rows: 'locality' })));
    expect(t).toContain('Xã Đội Hồng Hạ');
    expect(t).toContain('Địa bàn');
  });

  it('pages rows twenty at a time', () => {
    const many = Array.from({ length: 45 }, (_, i) =>
      item(`Xã số ${String(i).padStart(2, '0')}`, 'commune', '2026-Q1', 'on-time'),
    );
    const g = gridOf(
      { year: 2026, granularity: 'quarter', rows: 'agency', previousYears: [], page: 3 },
      many,
      new Map(),
    );
    expect(g.pages).toBe(3);
    expect(g.page).toHaveLength(5);
    expect(g.page[0]?.name).toBe('Xã số 40');
  });

  it('has the filters as a GET form, the trend, and no English or period codes in Vietnamese', () => {
    const html = render(build());
    expect(html).toMatch(/<form method="get" action="\/tracking\/matrix"/);
    for (const name of ['planId', 'year', 'columns', 'rows', 'what', 'level', 'category', 'q']) {
      expect(html).toContain(`name="${name}"`);
    }
    expect(html).toContain('<svg');
    const t = text(html);
    expect(t).not.toMatch(/\b\d{4}-(?:H[12]|Q[1-4]|\d{1,2})\b/);
    expect(t).not.toMatch(/\b(on-time|late|missing|overdue|not-yet-due|agency|locality)\b/);
  });

  it('speaks English when asked', () => {
    const t = text(render(build(), 'en'));
    expect(t).toContain('On time');
    expect(t).toContain('Missing (past due)');
    expect(t).toContain('On-time rate by level');
  });
});

describe('the trend chart', () => {
  const chart = trendChart(view(), {
    id: 't',
    title: 'Theo kỳ trong năm 2026',
    points: [
      { key: '2026-Q1', expected: 3, onTime: 2, rate: 2 / 3 },
      { key: '2026-Q2', expected: 4, onTime: 4, rate: 1 },
      { key: '2026-Q3', expected: 0, onTime: 0, rate: null },
    ],
    label: (k) => `Quý ${k.slice(-1)}`,
  }).value;

  it('is an SVG with no style or script, a dot and a percentage per period', () => {
    expect(chart).toMatch(/<svg[^>]*role="img"/);
    expect(chart).not.toMatch(/<style|style=|<script/);
    expect(chart.match(/<circle/g)).toHaveLength(2);
    expect(chart).toMatch(/>\s*66,7%<\/text/);
    expect(chart).toMatch(/>\s*100%<\/text/);
  });

  it('says it in words and in a table', () => {
    expect(chart).toContain('Quý 1: 66,7%; Quý 2: 100%; Quý 3: chưa có số liệu');
    const table = /<table>[\s\S]*<\/table>/.exec(chart)?.[0] ?? '';
    expect(text(table)).toMatch(/Quý 1 3 2 66,7% Quý 2 4 4 100% Quý 3 0 0 chưa có số liệu/);
  });
});
