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
import { StartDuty, type Agency } from '../../common/duty-schema.ts';
import { readPlanDefinition } from '../../plans/definition.ts';
import { importTable } from '../../plans/service.ts';
import { DAY_MS, formatDate, localMidnight } from '../../domain/local-time.ts';
import { startCycle, startDuty } from '../../services/starts.ts';
import { quietTemporalLogs } from '../support/quiet-runtime.ts';
import { routesOf } from '../support/routes.ts';
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

/** Every GET path the pages' router answers (the JSON API under /api is not a page). */
function pageRoutes(): string[] {
  const app = createApp({
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
  return routesOf(app)
    .filter((r) => r.startsWith('GET '))
    .map((r) => r.slice(4))
    .filter((p) => p !== '/api' && !p.startsWith('/api/') && p !== '/health');
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
    '/directory': ['/directory'],
    '/users': ['/users'],
    '/duties/:id': dutyIds.map((id) => `/duties/${enc(id)}`),
    '/tracking': [],
    '/tracking/matrix': [
      `/tracking/matrix?planId=${PLAN}`,
      `/tracking/matrix?planId=${PLAN}&period=${year}-H1`,
      `/tracking/matrix?planId=${SMALL}&period=2025`,
    ],
    '/tracking/overdue': [`/tracking/overdue?planId=${PLAN}`],
    '/tracking/due-soon': [`/tracking/due-soon?planId=${PLAN}&days=60`],
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

  it('fit a phone: no page scrolls sideways at 390 px (wide tables scroll inside)', async () => {
    const { launchChromium } = await import('../support/browser.ts');
    const browser = await launchChromium();
    const wide: string[] = [];
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
            await page.setContent(
              res.text.replace('<head>', `<head><base href="${stack.base}/">`),
              {
                waitUntil: 'load',
              },
            );
            const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
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
    const page = (await agents.coordinator.request('GET', '/directory')).text;
    const rows = [...page.matchAll(/<tr>([\s\S]*?)<\/tr>/g)]
      .map((r) => [...(r[1] ?? '').matchAll(/<td>([\s\S]*?)<\/td>/g)])
      .filter((cells) => cells.length > 0)
      .map((cells) => ({
        // The agency's name is the cell's first line; its locality is the next cell.
        name: visibleText((cells[0]?.[1] ?? '').split(/<br|<span/)[0] ?? '').trim(),
        locality: visibleText(cells[1]?.[1] ?? '').trim(),
        level: visibleText(cells[2]?.[1] ?? '').trim(),
      }));
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
});
