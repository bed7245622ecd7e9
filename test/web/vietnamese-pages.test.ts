// Vietnamese pages speak Vietnamese: every page route the router answers, fetched as a
// coordinator, a standing-agency officer and an agency user with the default language, shows
// no English word and no internal code (period codes, workflow ids, agency ids, ISO times) in
// its visible text, and says every deadline one way ("Hạn: 19/06/2026"), with the original
// beside an extended one; rendered in Chromium at a phone's 390 px, none scrolls sideways.
// The real app on the A Lưới directory, plan and table, with duties of
// each kind of period, an extension granted, one asked for, a submitted product and a cycle.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { StartCycle } from '../../common/cycle-schema.ts';
import { getCycleQuery } from '../../common/messages.ts';
import { StartDuty, type Agency } from '../../common/duty-schema.ts';
import { readPlanDefinition } from '../../plans/definition.ts';
import { importTable } from '../../plans/service.ts';
import { DAY_MS, formatDate, localMidnight } from '../../domain/local-time.ts';
import { startCycle, startDuty } from '../../services/starts.ts';
import { quietTemporalLogs } from '../support/quiet-runtime.ts';
import { routesOf } from '../support/routes.ts';
import {
  fixtureResult,
  recordFinishedSimulation,
  recordRunningSimulation,
} from '../support/simulation-fixture.ts';
import {
  asAgency,
  COORDINATOR,
  entryOf,
  fixtureDirectory,
  sessionAgent,
  smallPlan,
  startStack,
  until,
  type Agent,
  type Stack,
} from '../security/stack.ts';

const TOKEN = 'vi-pages-api-token-0123456789abcdef';
const SECRET = 'vi-pages-session-secret-0123456789abcdef';
const FIXTURES = join(process.cwd(), 'fixtures', 'a-luoi');
const PLAN = 'a-luoi-171-2022';
const SMALL = 'vi-small';
const directory = fixtureDirectory();
const AGRICULTURE = entryOf(directory, 'a-luoi.phong-nnptnt');
const AGRI_SERVICES = entryOf(directory, 'a-luoi.tt-dvnn');
const LABOUR = entryOf(directory, 'a-luoi.phong-ldtbxh');

/** English words a Vietnamese page must not show (the switch link "English" is allowed). */
const ENGLISH =
  /\b(district|commune|province|town|ward|overdue|submitted|assigned|acknowledged|accepted|returned|cancelled|notify|contribution|reminder|escalation|urge|deadline|due|before|agency|duty|duties|status|phase|cycle|level|locality|period|plan|none|null|undefined|NaN|true|false|Infinity|object Object)\b/i;
/** Internal codes: period codes, workflow ids, agency and plan ids, message codes, ISO times. */
const CODES: [string, RegExp][] = [
  ['period code', /\b\d{4}-(?:H[12]|Q[1-4]|\d{1,2})\b/],
  ['workflow id', /\b(?:duty|cycle|notify|digest):\S*/],
  ['id', /\ba-luoi[.-][\w.-]+/],
  ['ISO time', /\b\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2})?/],
  ['message code', /\b[a-z]+(?:-[a-z]+)*\.[a-z]+(?:[.-][a-z]+)+\b/],
];

let stack: Stack;
let agents: Record<'coordinator' | 'standing' | 'agency', Agent>;
const dutyIds: string[] = [];
let cycleId = '';
/** A finished simulation job and one still running (test/support/simulation-fixture.ts). */
const simulations: string[] = [];
let extendedId = '';

/** Local midnight `days` from today: a deadline "trước ngày …". */
const midnightIn = (days: number) => localMidnight(Date.now()) + days * DAY_MS;
const year = new Date().getUTCFullYear();

function duty(ref: string, period: string, dueMs: number, coordinating: Agency[] = []): StartDuty {
  return StartDuty.parse({
    planId: PLAN,
    dutyId: ref,
    period,
    planNumber: '171/KH-UBND',
    title: `Báo cáo kết quả thực hiện Dự án 2 (kỳ ${ref})`,
    product: 'Báo cáo gửi Phòng Lao động - Thương binh và Xã hội',
    timePhrase: 'trước ngày 20/6 hàng năm',
    dueAt: new Date(dueMs).toISOString(),
    lead: asAgency(AGRICULTURE),
    coordinating,
    standing: asAgency(LABOUR),
    supervisor: {
      name: 'Chủ tịch UBND huyện A Lưới',
      email: 'chu-tich@ubnd.a-luoi.example',
      title: 'Chủ tịch UBND huyện',
    },
  });
}

beforeAll(async () => {
  quietTemporalLogs();
  const aLuoi = readPlanDefinition(readFileSync(join(FIXTURES, 'plan.json'), 'utf8'), 'json');
  stack = await startStack({
    name: 'vi-pages',
    directory,
    plans: [aLuoi, smallPlan(SMALL)],
    apiToken: TOKEN,
    sessionSecret: SECRET,
  });
  const { base, db, client } = stack;
  await importTable(
    db,
    PLAN,
    { name: 'phan-cong.csv', bytes: readFileSync(join(FIXTURES, 'phan-cong.csv')) },
    false,
  );
  const coordinating = [asAgency(AGRI_SERVICES)];
  const started = await Promise.all([
    startDuty(client, duty('BC-1', `${year}-H1`, midnightIn(-5), coordinating)),
    startDuty(client, duty('BC-2', `${year}-Q1`, midnightIn(6), coordinating)),
    startDuty(client, duty('BC-3', `${year}-03`, midnightIn(9))),
    startDuty(client, duty('BC-4', `${year}`, midnightIn(20))),
    startDuty(client, duty('BC-5', `${year}-2`, midnightIn(30))),
    startCycle(client, StartCycle.parse({ planId: SMALL, year: 2025, past: 'history' })),
  ]);
  cycleId = started.pop()!;
  simulations.push(
    await recordFinishedSimulation(db, fixtureResult(SMALL, 2025, AGRICULTURE, LABOUR)),
    await recordRunningSimulation(db, SMALL, 2024),
  );
  dutyIds.push(...started);
  agents = {
    coordinator: await sessionAgent(base, db, COORDINATOR),
    standing: await sessionAgent(base, db, LABOUR.head.email),
    agency: await sessionAgent(base, db, AGRICULTURE.head.email),
  };
  const [, soon, month, yearly] = dutyIds as [string, string, string, string, string];
  extendedId = month;
  const enc = encodeURIComponent;
  // An extension asked for and granted (the original shows beside it), one still waiting,
  // and a product submitted for review.
  const later = formatDate(midnightIn(40));
  expect(
    (
      await agents.agency.post(`/duties/${enc(month)}/extension-request`, {
        newDue: later,
        reason: 'Chờ số liệu của các xã',
      })
    ).status,
  ).toBe(303);
  expect(
    (await agents.standing.post(`/duties/${enc(month)}/extension-decision`, { decision: 'grant' }))
      .status,
  ).toBe(303);
  expect(
    (
      await agents.agency.post(`/duties/${enc(yearly)}/extension-request`, {
        newDue: later,
        reason: 'Chờ số liệu của các xã',
      })
    ).status,
  ).toBe(303);
  expect(
    (
      await agents.agency.postMultipart(`/duties/${enc(soon)}/submit`, {
        text: 'Báo cáo quý I: 4 mô hình sinh kế',
      })
    ).status,
  ).toBe(303);
  await until(async () => {
    const rows = await db
      .selectFrom('duties')
      .select(['id', 'status', 'due_at', 'original_due_at'])
      .execute();
    const ext = rows.find((r) => r.id === month);
    const sub = rows.find((r) => r.id === soon);
    return rows.length >= 6 &&
      ext &&
      ext.due_at !== ext.original_due_at &&
      sub?.status === 'submitted'
      ? true
      : undefined;
  }, 'the read model');
});

afterAll(async () => {
  await stack?.stop();
});

/** The app as the stack serves it, for its list of routes. */
function app() {
  return createApp({
    client: stack.client,
    db: stack.db,
    apiToken: TOKEN,
    web: {
      sessionSecret: SECRET,
      publicUrl: stack.base,
      mailFrom: 'x@duties.test',
      dataDir: stack.dir,
      coordinatorEmails: [],
    },
  });
}

/** Every GET path the pages' router answers (the JSON API under /api is not a page). */
function pageRoutes(): string[] {
  return routesOf(app())
    .filter((r) => r.startsWith('GET '))
    .map((r) => r.slice(4))
    .filter((p) => p !== '/api' && !p.startsWith('/api/') && p !== '/health' && p !== '/ready');
}

/** What is not a page in Vietnamese: files, exports, the language switch, one-time links. */
const NOT_PAGES = /\.(css|xlsx|csv)$|^\/lang\/|^\/actions\/|^\/files\/|^\/sign-in\/link$/;

/** The addresses to fetch for a route; a route not listed here fails the test. */
function urlsOf(route: string): string[] | undefined {
  const enc = encodeURIComponent;
  const plans = [PLAN, SMALL];
  const table: Record<string, string[]> = {
    '/': ['/'],
    '/sign-in': ['/sign-in'],
    '/calendar': ['/calendar', `/calendar?year=${year}`],
    '/settings': ['/settings'],
    '/plans': ['/plans'],
    '/plans/:id': plans.map((p) => `/plans/${p}`),
    '/plans/:id/cycle-preview': [`/plans/${SMALL}/cycle-preview?year=2024`],
    '/plans/:id/targets': [`/plans/${PLAN}/targets`],
    '/cycles/:id': [`/cycles/${enc(cycleId)}`],
    // The small plan's cycle registers no capital: the page says so (404) in Vietnamese; the
    // disbursement page with its chart is driven in test/browser/disbursement.test.ts.
    '/cycles/:id/projects/:ref': [`/cycles/${enc(cycleId)}/projects/2`],
    '/cycles/:id/ad-hoc-reports': [`/cycles/${enc(cycleId)}/ad-hoc-reports`],
    '/cycles/:id/ad-hoc-reports/new': [`/cycles/${enc(cycleId)}/ad-hoc-reports/new`],
    // A request's page is scanned by test/browser/year-end.test.ts, which makes one.
    '/cycles/:id/ad-hoc-reports/:ref': [],
    '/cycles/:id/results': [`/cycles/${enc(cycleId)}/results`],
    '/duties/:id/consolidation': dutyIds
      .slice(0, 2)
      .map((id) => `/duties/${enc(id)}/consolidation`),
    '/duties/:id/consolidation.docx': [],
    '/directory': ['/directory', '/directory?tab=localities', '/directory?q=xa&show=active'],
    '/directory/agencies/:id': [`/directory/agencies/${AGRICULTURE.id}`],
    '/directory/localities/:id': ['/directory/localities/a-luoi'],
    '/plans/:id/schedule': [`/plans/${SMALL}/schedule`],
    '/users': ['/users'],
    '/duties/:id': dutyIds.map((id) => `/duties/${enc(id)}`),
    '/duties/new': ['/duties/new'],
    '/tracking': [],
    '/tracking/matrix': [
      `/tracking/matrix?planId=${PLAN}`,
      `/tracking/matrix?planId=${PLAN}&period=${year}-H1`,
      `/tracking/matrix?planId=${SMALL}&period=2025`,
    ],
    '/tracking/overdue': [`/tracking/overdue?planId=${PLAN}`],
    '/tracking/due-soon': [`/tracking/due-soon?planId=${PLAN}&days=60`],
    '/simulations/:id': simulations.flatMap((id) => [
      `/simulations/${enc(id)}`,
      `/simulations/${enc(id)}?day=2025-11-20`,
    ]),
  };
  return table[route];
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  '#96': '`',
  nbsp: ' ',
};

/** The text a reader sees: no scripts, styles, comments, tags or attributes. */
export function visibleText(page: string): string {
  return page
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#?\w+);/g, (m, e: string) => ENTITIES[e] ?? m)
    .replace(/\s+/g, ' ');
}

/** Proper names a page may show as they are: addresses, file names, the language switch. */
const allowed = (text: string) =>
  text
    .replace(/[\w.+-]+@[\w.-]+/g, ' ')
    .replace(/[\p{L}\w-]*(?:\.[\p{L}\w-]+)*\.(pdf|docx?|xlsx|csv|json|ya?ml|zip)\b/giu, ' ')
    .replace(/\bEnglish\b/g, ' ');

/** Each problem with a few words around it, to find it on the page. */
function problemsIn(text: string): string[] {
  const scanned = allowed(text);
  const found: string[] = [];
  for (const [what, pattern] of [['English', ENGLISH] as [string, RegExp], ...CODES]) {
    const g = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`);
    for (const m of scanned.matchAll(g)) {
      const at = m.index ?? 0;
      found.push(`${what} "${m[0]}": …${scanned.slice(Math.max(0, at - 40), at + 40)}…`);
    }
  }
  return found;
}

/**
 * The states some forms wait for, made here and not in beforeAll so the other scans see the
 * pages as they were: A Lưới's 2025 cycle with capital allocated to project 2 (its lead
 * reports disbursements), a duty imported without a deadline (the form that sets one), the
 * small plan's schedule on (run now), a commune with others to merge into, and the
 * coordinating agency's view of a duty (its contribution). Each as [who, page].
 */
async function statesWithEveryForm(): Promise<(readonly [Agent, string])[]> {
  const enc = encodeURIComponent;
  const money = await startCycle(
    stack.client,
    StartCycle.parse({ planId: PLAN, year: 2025, past: 'history' }),
  );
  await until(async () => {
    const s = await stack.client.workflow.getHandle(money).query(getCycleQuery);
    return s.status === 'running' ? true : undefined;
  }, 'the 2025 cycle to start its duties');
  const allocated = await agents.coordinator.post(`/cycles/${enc(money)}/allocations`, {
    projectRef: '2',
    amount: '1.200.000.000',
    decision: 'Quyết định số 123/QĐ-UBND',
  });
  expect(allocated.status).toBe(303);
  const undated = [
    'STT,Nội dung công việc,Cơ quan chủ trì,Cơ quan phối hợp,Sản phẩm,Thời gian hoàn thành',
    '1,Báo cáo chuyên đề,Phòng Nông nghiệp và Phát triển nông thôn,,Báo cáo,Sau khi có hướng dẫn của Trung ương',
  ].join('\n');
  await importTable(
    stack.db,
    SMALL,
    { name: 'bo-sung.csv', bytes: new TextEncoder().encode(undated) },
    false,
    { allowUndated: true },
  );
  expect(
    (await agents.coordinator.post(`/plans/${SMALL}/schedule`, { enabled: 'on' })).status,
  ).toBe(303);
  const coordinating = await sessionAgent(stack.base, stack.db, AGRI_SERVICES.head.email);
  return [
    [agents.coordinator, `/cycles/${enc(money)}`],
    [agents.agency, `/cycles/${enc(money)}/projects/2`],
    [agents.coordinator, `/plans/${SMALL}`],
    [agents.coordinator, `/plans/${SMALL}/schedule`],
    [agents.coordinator, '/directory/localities/a-luoi.a-ngo'],
    ...dutyIds.slice(0, 2).map((id) => [coordinating, `/duties/${enc(id)}`] as const),
  ];
}

/** Each write of the JSON API and the page form (its web route) that does the same. */
const API_FORMS = new Map<string, string>([
  ['POST /api/plans/import', '/plans/import'],
  ['POST /api/directory', '/plans/import'],
  ['POST /api/plans/:planId/targets/import', '/plans/:id/targets/import'],
  ['PUT /api/plans/:planId/duties/:ref/time', '/plans/:id/duties/:ref/time'],
  ['POST /api/plans/:id/simulate', '/plans/:id/simulate'],
  ['PUT /api/plans/:id/schedule', '/plans/:id/schedule'],
  ['POST /api/plans/:id/schedule/trigger', '/plans/:id/schedule/run'],
  ['POST /api/agencies', '/directory/agencies'],
  ['PUT /api/agencies/:id', '/directory/agencies/:id'],
  ['DELETE /api/agencies/:id', '/directory/agencies/:id/delete'],
  ['POST /api/agencies/:id/merge', '/directory/agencies/:id/merge'],
  ['POST /api/agencies/:id/retire', '/directory/agencies/:id/retire'],
  ['DELETE /api/localities/:id', '/directory/localities/:id/delete'],
  ['POST /api/localities/:id/merge', '/directory/localities/:id/merge'],
  ['POST /api/localities/:id/retire', '/directory/localities/:id/retire'],
  ['PUT /api/agencies/:id/notifications', '/settings/agencies/:id/mode'],
  ['PUT /api/notification-preferences', '/settings/reminders'],
  ['POST /api/agencies/:id/calendar-tokens', '/settings/agencies/:id/calendar'],
  ['DELETE /api/agencies/:id/calendar-tokens', '/settings/agencies/:id/calendar-revoke'],
  ['POST /api/cycles', '/plans/:id/cycles'],
  ['POST /api/cycles/:id/allocations', '/cycles/:id/allocations'],
  ['POST /api/cycles/:id/disbursements', '/cycles/:id/projects/:ref/disbursements'],
  ['POST /api/cycles/:id/ad-hoc-reports', '/cycles/:id/ad-hoc-reports'],
  ['POST /api/cycles/:id/close', '/cycles/:id/close'],
  ['POST /api/reports/lock', '/tracking/lock'],
  ['POST /api/duties', '/duties/new'],
  ['POST /api/duties/:id/acknowledge', '/duties/:id/acknowledge'],
  ['POST /api/duties/:id/submit', '/duties/:id/submit'],
  ['POST /api/duties/:id/extension-requests', '/duties/:id/extension-request'],
  ['POST /api/duties/:id/extension-decision', '/duties/:id/extension-decision'],
  ['POST /api/duties/:id/review', '/duties/:id/review'],
  ['POST /api/duties/:id/contributions', '/duties/:id/contribute'],
  ['POST /api/duties/:id/urge', '/duties/:id/urge'],
  ['POST /api/duties/:id/cancel', '/duties/:id/cancel'],
  ['POST /api/duties/:id/reassign', '/duties/:id/reassign'],
]);

describe('Vietnamese pages', () => {
  it('the scan finds what it looks for, and lets addresses and file names be', () => {
    const page = `<p title="overdue">Kỳ 2026-H1 (duty:a-luoi-171-2022:BC-1) – Hạn: null</p>
      <p>Cấp district, notify:contribution-reminder, 2026-06-20T00:00:00Z</p>
      <p>Gửi truong-phong@nnptnt.a-luoi.example tệp bao-cao.final.pdf, English</p>`;
    const found = problemsIn(visibleText(page)).map((p) => p.split(':')[0]);
    expect(found.filter((f) => f?.startsWith('English'))).toEqual(
      ['duty', 'null', 'district', 'notify', 'contribution', 'reminder'].map(
        (w) => `English "${w}"`,
      ),
    );
    expect(found).toEqual(
      expect.arrayContaining([
        'period code "2026-H1"',
        'workflow id "duty',
        'id "a-luoi-171-2022"',
      ]),
    );
    expect(problemsIn(visibleText(page)).join(' ')).not.toMatch(/truong-phong|bao-cao|overdue/);
  });

  it('show no English word and no internal code, and say each deadline one way', async () => {
    const routes = pageRoutes().filter((r) => !NOT_PAGES.test(r));
    const unmapped = routes.filter((r) => urlsOf(r) === undefined);
    expect(unmapped, 'page routes this test does not visit').toEqual([]);
    const problems: string[] = [];
    let dueCells = 0;
    let pages = 0;
    for (const [role, agent] of Object.entries(agents)) {
      for (const route of routes) {
        for (const url of urlsOf(route) ?? []) {
          const res = await agent.request('GET', url);
          if (res.status >= 300 && res.status < 400) continue;
          if (!res.headers.get('content-type')?.startsWith('text/html')) continue;
          pages++;
          expect(res.text, url).toContain('<html lang="vi">');
          for (const p of new Set(problemsIn(visibleText(res.text))))
            problems.push(`${role} ${url}: ${p}`);
          // One wording of a deadline, wherever a page shows one.
          for (const m of res.text.matchAll(/<span class="due"\s*>([\s\S]*?)<\/span\s*>/g)) {
            dueCells++;
            const cell = visibleText(m[1] ?? '').trim();
            if (!/^Hạn: \d{2}\/\d{2}\/\d{4}( \d{2}:\d{2})?( \(theo kế hoạch: .+\))?$/.test(cell))
              problems.push(`${role} ${url}: deadline "${cell}"`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(pages).toBeGreaterThan(30);
    expect(dueCells).toBeGreaterThan(10);
  });

  it('fit a phone: no page scrolls sideways at 390 px (wide tables scroll inside), none over five screens', async () => {
    const { launchChromium, screenshot } = await import('../support/browser.ts');
    const browser = await launchChromium();
    const wide: string[] = [];
    const tall: string[] = [];
    // Every page at both widths in test-results/screenshots/, once, as the first role sees it.
    const shot = new Set<string>();
    const slug = (url: string) =>
      decodeURIComponent(url)
        .replace(/^\//, '')
        .replace(/[^\p{L}\p{N}]+/gu, '-')
        .slice(0, 80) || 'home';
    try {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      const routes = pageRoutes().filter((r) => !NOT_PAGES.test(r));
      for (const [role, agent] of Object.entries(agents)) {
        for (const route of routes) {
          for (const url of urlsOf(route) ?? []) {
            const res = await agent.request('GET', url);
            if (res.status >= 300 && res.status < 400) continue;
            if (!res.headers.get('content-type')?.startsWith('text/html')) continue;
            // The page as served, its stylesheets and script from the same server.
            // A page that reloads itself (a cycle launching, a simulation running) would
            // navigate away mid-measure: measured as served, without the reload.
            await page.setContent(
              res.text
                .replace(/<meta http-equiv="refresh"[^>]*>/i, '')
                .replace('<head>', `<head><base href="${stack.base}/">`),
              {
                waitUntil: 'load',
              },
            );
            const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
            const height = Number(await page.evaluate('document.documentElement.scrollHeight'));
            // No endless pages: paginated and filtered, at most about five screens by default.
            if (height > 5 * 844) tall.push(`${role} ${url}: ${height} px`);
            if (!shot.has(url) && res.status === 200) {
              shot.add(url);
              await screenshot(page, `page-390-${role}-${slug(url)}`);
              await page.setViewportSize({ width: 1280, height: 800 });
              await screenshot(page, `page-1280-${role}-${slug(url)}`);
              await page.setViewportSize({ width: 390, height: 844 });
            }
            if (width > 390) {
              // What sticks out, to find it on the page.
              const culprit = await page.evaluate(`[...document.querySelectorAll('body *')]
                .filter((e) => e.getBoundingClientRect().right > 392 && !e.closest('.table-wrap'))
                .map((e) => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className)
                .slice(0, 3).join(' ')`);
              wide.push(`${role} ${url}: ${width} px (${String(culprit)})`);
            }
          }
        }
      }
    } finally {
      await browser.close();
    }
    expect(wide).toEqual([]);
    expect(tall).toEqual([]);
  });

  it('show an extended deadline with the original beside it, both in the one wording', async () => {
    const res = await agents.standing.request('GET', `/duties/${encodeURIComponent(extendedId)}`);
    const text = visibleText(res.text);
    const due = /Hạn: (\d{2}\/\d{2}\/\d{4})/.exec(text)?.[1];
    const original = /Thời hạn ban đầu: (\d{2}\/\d{2}\/\d{4})/.exec(text)?.[1];
    // The last allowed day: the day before the "trước ngày" date.
    expect(due).toBe(formatDate(midnightIn(40) - 1));
    expect(original).toBe(formatDate(midnightIn(9) - 1));
  });

  it('show period codes in words', async () => {
    const home = visibleText((await agents.agency.request('GET', '/')).text);
    for (const words of [
      `6 tháng đầu năm ${year}`,
      `Quý I/${year}`,
      `Tháng 3/${year}`,
      `Năm ${year}`,
    ]) {
      expect(home).toContain(words);
    }
  });

  it('list the directory by level, then in Vietnamese alphabetical order', async () => {
    // A page at a time, each level under its heading (directory-routes.ts): every page read.
    const rows: { name: string; locality: string; level: string }[] = [];
    for (let n = 1; n < 50; n++) {
      const page = (await agents.coordinator.request('GET', `/directory?page=${n}`)).text;
      for (const section of page.split('<h2>').slice(1)) {
        const level = visibleText(section.split('</h2>')[0] ?? '').trim();
        for (const r of section.matchAll(/<tr>([\s\S]*?)<\/tr>/g)) {
          const cells = [...(r[1] ?? '').matchAll(/<td>([\s\S]*?)<\/td>/g)];
          if (cells.length === 0) continue;
          rows.push({
            // The agency's name is the cell's first line; its locality is the next cell.
            name: visibleText((cells[0]?.[1] ?? '').split(/<br|<span/)[0] ?? '').trim(),
            locality: visibleText(cells[1]?.[1] ?? '').trim(),
            level,
          });
        }
      }
      if (!page.includes('rel="next"')) break;
    }
    expect(rows.length).toBe(directory.agencies.length);
    const collator = new Intl.Collator('vi');
    // From the top down: the province's agencies, the district's, then the communes'.
    const rank = (level: string) => ['Cấp tỉnh', 'Cấp huyện', 'Cấp xã'].indexOf(level);
    expect(rows.every((r) => rank(r.level) >= 0)).toBe(true);
    const sorted = [...rows].sort(
      (a, b) =>
        rank(a.level) - rank(b.level) ||
        collator.compare(a.locality, b.locality) ||
        collator.compare(a.name, b.name),
    );
    expect(rows).toEqual(sorted);
  });
  // Last: it adds what some forms wait for (a cycle with capital, an undated duty, a schedule).
  it('offer a form for every write of the JSON API, to the role that may do it', async () => {
    const apiWrites = routesOf(app())
      .filter((r) => /^(POST|PUT|DELETE|PATCH) \/api\//.test(r))
      .sort();
    const unmapped = apiWrites.filter((r) => !API_FORMS.has(r));
    expect(unmapped, 'API writes with no page form named in API_FORMS').toEqual([]);
    // Every form the pages show, as the web route its action reaches.
    const webPosts = routesOf(app())
      .filter((r) => r.startsWith('POST ') && !r.startsWith('POST /api/'))
      .map((r) => r.slice(5));
    const asPattern = (route: string) => new RegExp(`^${route.replace(/:\w+/g, '[^/]+')}$`);
    const found = new Set<string>();
    const extra = await statesWithEveryForm();
    const visits = [
      ...Object.values(agents).flatMap((agent) =>
        pageRoutes()
          .filter((r) => !NOT_PAGES.test(r))
          .flatMap((route) => (urlsOf(route) ?? []).map((u) => [agent, u] as const)),
      ),
      ...extra,
    ];
    const problems: string[] = [];
    for (const [agent, url] of visits) {
      const res = await agent.request('GET', url);
      if (!res.headers.get('content-type')?.startsWith('text/html')) continue;
      // The pages only these states show are read like the others.
      if (extra.some(([a, u]) => a === agent && u === url)) {
        expect(res.status, url).toBe(200);
        problems.push(...problemsIn(visibleText(res.text)).map((p) => `${url}: ${p}`));
      }
      for (const f of res.text.matchAll(/<form\b([^>]*)>/g)) {
        const attrs = f[1] ?? '';
        if (!/method="post"/i.test(attrs)) continue;
        const action = /action="([^"]*)"/.exec(attrs)?.[1]?.replace(/&amp;/g, '&') ?? url;
        const where = decodeURI(action.split('?')[0] ?? '');
        for (const r of webPosts) if (asPattern(r).test(where)) found.add(r);
      }
    }
    expect(problems).toEqual([]);
    const missing = apiWrites
      .map((r) => [r, API_FORMS.get(r)] as const)
      .filter(([, form]) => form !== undefined && !found.has(form))
      .map(([r, form]) => `${r}: no page shows the form of POST ${form}`);
    expect(missing).toEqual([]);
  });
});
