// The labour office's view in Chromium against the real stack (Temporal dev server, worker,
// app, SMTP sink): with a product waiting to be accepted, an extension asked for and duties
// overdue, its home's first screen (before any scroll) holds that queue, at 1280×800 and at
// 390×844; the grid shows the four categories in words; the trend chart shows its
// percentages; no page scrolls sideways. Screenshots of each page at both widths.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StartDuty, type Agency } from '../../common/duty-schema.ts';
import type { DirectoryAgency } from '../../common/plan-schema.ts';
import { daysOverdue } from '../../domain/tracking.ts';
import { DAY_MS, formatDate, localMidnight, localParts } from '../../domain/local-time.ts';
import { readPlanDefinition } from '../../plans/definition.ts';
import { startDuty } from '../../services/starts.ts';
import {
  expectNoSideScroll,
  screenshotAt,
  SIZES,
  StackBrowser,
  type Size,
} from '../support/browser-pages.ts';
import {
  asAgency,
  entryOf,
  fixtureDirectory,
  sessionAgent,
  until,
  type Stack,
} from '../security/stack.ts';

const PLAN = 'lo-plan';
const directory = fixtureDirectory();
const LABOUR = entryOf(directory, 'a-luoi.phong-ldtbxh');
const AGRICULTURE = entryOf(directory, 'a-luoi.phong-nnptnt');
const EDUCATION = entryOf(directory, 'a-luoi.phong-gddt');
const CULTURE = entryOf(directory, 'a-luoi.phong-vhtt');
const COMMUNE = entryOf(directory, 'a-luoi.ubnd-xa-hong-ha');
const OTHER_COMMUNE = entryOf(directory, 'a-luoi.ubnd-xa-a-ngo');
const YEAR = localParts(Date.now()).year;
const midnightIn = (days: number) => localMidnight(Date.now()) + days * DAY_MS;
/** Days late, counted as the pages count them, of a deadline `days` midnights ago. */
const lateBy = (days: number) => daysOverdue(new Date(midnightIn(-days)).toISOString(), Date.now());

const TITLES = {
  review: 'Báo cáo kết quả Dự án 2 chờ chấp nhận',
  extension: 'Báo cáo kết quả Dự án 4 xin gia hạn',
  overdue: 'Báo cáo kết quả Dự án 6 quá hạn',
  overdueLess: 'Báo cáo kết quả Dự án 7 quá hạn',
  lastYear: 'Báo cáo năm trước nộp muộn',
};

let chromium: StackBrowser;
let stack: Stack;

function duty(ref: string, title: string, lead: DirectoryAgency, period: string, dueMs: number) {
  return StartDuty.parse({
    planId: PLAN,
    dutyId: ref,
    period,
    planNumber: '171/KH-UBND',
    title,
    product: 'Báo cáo gửi Phòng Lao động - Thương binh và Xã hội',
    dueAt: new Date(dueMs).toISOString(),
    lead: asAgency(lead),
    coordinating: [] as Agency[],
    standing: asAgency(LABOUR),
    supervisor: {
      name: 'Chủ tịch UBND huyện A Lưới',
      email: 'chu-tich@ubnd.a-luoi.example',
      title: 'Chủ tịch UBND huyện',
    },
  });
}

beforeAll(async () => {
  const aLuoi = readPlanDefinition(
    readFileSync(join(process.cwd(), 'fixtures', 'a-luoi', 'plan.json'), 'utf8'),
    'json',
  );
  chromium = await StackBrowser.start({
    name: 'labour-office',
    directory,
    // A plan whose period holds this year and the last, with no duties of its own: the test
    // starts the few it needs.
    plans: [
      {
        ...aLuoi,
        id: PLAN,
        number: '171/KH-UBND',
        period: { from: YEAR - 1, to: YEAR + 1 },
        projects: [],
        targets: [],
        duties: [],
      },
    ],
    apiToken: 'labour-office-token-0123456789abcdef',
    sessionSecret: 'labour-office-secret-0123456789abcdef0123',
  });
  stack = chromium.stack;
  const { client, db, base } = stack;
  // This year: one on time (waiting to be accepted), one not yet due (an extension asked
  // for), two missing (overdue, 30 and 4 days); last year: one in late, waiting too.
  const [review, extension, , , late] = await Promise.all([
    startDuty(client, duty('BC-DA2', TITLES.review, AGRICULTURE, `${YEAR}-Q4`, midnightIn(10))),
    startDuty(client, duty('BC-DA4', TITLES.extension, EDUCATION, `${YEAR}-Q4`, midnightIn(6))),
    startDuty(client, duty('BC-DA6', TITLES.overdue, COMMUNE, `${YEAR}-Q4`, midnightIn(-30))),
    startDuty(
      client,
      duty('BC-DA7', TITLES.overdueLess, OTHER_COMMUNE, `${YEAR}-Q4`, midnightIn(-4)),
    ),
    startDuty(client, duty('BC-NAM', TITLES.lastYear, CULTURE, `${YEAR - 1}`, midnightIn(-200))),
  ]);
  const agri = await sessionAgent(base, db, AGRICULTURE.head.email);
  const edu = await sessionAgent(base, db, EDUCATION.head.email);
  const culture = await sessionAgent(base, db, CULTURE.head.email);
  const enc = encodeURIComponent;
  expect(
    (await agri.postMultipart(`/duties/${enc(review)}/submit`, { text: 'Báo cáo quý IV' })).status,
  ).toBe(303);
  expect(
    (await culture.postMultipart(`/duties/${enc(late)}/submit`, { text: 'Nộp muộn' })).status,
  ).toBe(303);
  expect(
    (
      await edu.post(`/duties/${enc(extension)}/extension-request`, {
        newDue: formatDate(midnightIn(30)),
        reason: 'Chờ số liệu của các xã',
      })
    ).status,
  ).toBe(303);
  await until(async () => {
    const rows = await db.selectFrom('duties').select(['title', 'status', 'state_json']).execute();
    const by = (t: string) => rows.find((r) => r.title === t);
    return by(TITLES.review)?.status === 'submitted' &&
      by(TITLES.lastYear)?.status === 'submitted' &&
      by(TITLES.extension)?.state_json.includes('"extensionRequest":') &&
      by(TITLES.overdue)?.status === 'overdue' &&
      by(TITLES.overdueLess)?.status === 'overdue'
      ? true
      : undefined;
  }, 'the read model');
}, 120_000);

afterAll(async () => {
  await chromium?.close();
});

/** A page of the labour office's head, at `size`. */
const officePage = (size: Size): Promise<Page> => chromium.page(LABOUR.head.email, size);

/** Whether an item lies wholly within the first screen, before any scroll. */
async function onFirstScreen(page: Page, selector: string, text: string): Promise<string> {
  const box = await page.locator(selector, { hasText: text }).first().boundingBox();
  const height = page.viewportSize()?.height ?? 0;
  if (!box) return 'missing';
  return box.y >= 0 && box.y + box.height <= height ? 'visible' : `down to ${box.y + box.height}px`;
}

type Styled = { getComputedStyle(e: unknown): Record<string, string> };
const style = (l: Locator, property: string): Promise<string | undefined> =>
  l.evaluate((e, p) => (globalThis as unknown as Styled).getComputedStyle(e)[p], property);

describe.each(SIZES)('the labour office at $width×$height', (size) => {
  it('sees its queue on the first screen, each item with its action', async () => {
    const page = await officePage(size);
    await page.goto(`${stack.base}/`);
    await expectNoSideScroll(page);
    await screenshotAt(page, 'labour-office-home');
    const queue = page.locator('section.queue');
    expect(await queue.locator('h2').textContent()).toBe('Việc cần xử lý hôm nay');
    for (const title of [TITLES.review, TITLES.lastYear, TITLES.extension, TITLES.overdue]) {
      expect(await onFirstScreen(page, 'ul.queue-list li', title), title).toBe('visible');
    }
    // Each with the link or button that acts on it, on the first screen too.
    const review = queue.locator('li[data-kind=review]', { hasText: TITLES.review });
    expect(await review.getByRole('link', { name: /^Xem xét/ }).isVisible()).toBe(true);
    const ext = queue.locator('li[data-kind=extension]', { hasText: TITLES.extension });
    expect(await ext.getByRole('link', { name: /^Quyết định/ }).isVisible()).toBe(true);
    expect(await ext.textContent()).toContain(`Hạn: ${formatDate(midnightIn(30) - 1)}`);
    // Overdue by days late, the latest first.
    const late = await queue.locator('li[data-kind=overdue] .title').allTextContents();
    expect(late).toEqual([TITLES.overdue, TITLES.overdueLess]);
    expect(await queue.locator('li[data-kind=overdue] .late').allTextContents()).toEqual(
      [30, 4].map((n) => `trễ ${lateBy(n)} ngày`),
    );
    const urge = queue
      .locator('li[data-kind=overdue]', { hasText: TITLES.overdue })
      .getByRole('button', { name: /^Đôn đốc ngay/ });
    expect(await urge.isVisible()).toBe(true);
    const box = await urge.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    await page.context().close();
  });

  it('reads the grid: the four categories in words, rates, and the trend with percentages', async () => {
    const page = await officePage(size);
    await page.goto(`${stack.base}/tracking/matrix?planId=${PLAN}&columns=quarter&previous=1`);
    await expectNoSideScroll(page);
    const grid = page.locator('table.grid');
    const words = await grid.locator('[data-track]').allTextContents();
    for (const word of ['Đúng hạn', 'Trễ hạn', 'Chưa nộp (quá hạn)', 'Chưa đến hạn']) {
      expect(words, word).toContain(word);
    }
    // Each in its colour.
    const missing = grid.locator('[data-track=missing]').first();
    expect(await style(missing, 'backgroundColor')).toBe('rgb(179, 38, 30)');
    // The earlier year's column, asked for: last year's report came in late.
    expect(await grid.locator(`td[data-col="${YEAR - 1}"] [data-track=late]`).count()).toBe(1);
    // This year: on time 1 of 3 owed (two missing; the extension's not yet due).
    expect(await page.locator('[data-level=all]').textContent()).toBe('33,3% (1/3)');
    // The name column stays while the grid scrolls inside its box.
    expect(await style(grid.locator('tbody th').first(), 'position')).toBe('sticky');
    const charts = page.locator('svg.trend-chart');
    expect(await charts.count()).toBe(2);
    const byYear = (await charts.nth(1).textContent()) ?? '';
    // Last year none on time, this year one of three, each written by its dot.
    expect(
      await charts
        .nth(1)
        .locator(`g[data-key="${YEAR - 1}"]`)
        .textContent(),
    ).toContain('0%');
    expect(byYear).toContain('33,3%');
    expect(await charts.nth(0).locator('circle').count()).toBeGreaterThan(0);
    await screenshotAt(page, 'labour-office-matrix');

    // The category filter keeps only what is missing.
    await page.goto(`${stack.base}/tracking/matrix?planId=${PLAN}&category=missing`);
    const only = await page.locator('table.grid [data-track]').allTextContents();
    expect(new Set(only)).toEqual(new Set(['Chưa nộp (quá hạn)']));
    await expectNoSideScroll(page);
    await page.context().close();
  });

  it('reads the overdue and due-soon lists without scrolling sideways', async () => {
    const page = await officePage(size);
    await page.goto(`${stack.base}/tracking/overdue?planId=${PLAN}`);
    await expectNoSideScroll(page);
    const days = await page.locator('main table tbody tr td:nth-child(6)').allTextContents();
    expect(days.map((d) => d.trim())).toEqual([30, 4].map((n) => String(lateBy(n))));
    await screenshotAt(page, 'labour-office-overdue');
    await page.goto(`${stack.base}/tracking/due-soon?planId=${PLAN}&days=30`);
    await expectNoSideScroll(page);
    expect(await page.locator('main').textContent()).toContain(TITLES.extension);
    await screenshotAt(page, 'labour-office-due-soon');
    await page.context().close();
  });
});
