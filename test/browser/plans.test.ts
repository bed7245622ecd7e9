// The plans' pages in Chromium, on a phone (390×844) and a desktop (1280×800), against the real
// app: the A Lưới plan with its assignment table, whose page was 67,451 px tall at 390 px. Its
// page now opens at most about five screens tall, pages and filters its duties, keeps the
// plan's number in view while the table scrolls sideways, and never scrolls the page sideways.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPlanDefinition } from '../../plans/definition.ts';
import { importTable } from '../../plans/service.ts';
import {
  DESKTOP,
  expectNoSideScroll,
  PHONE,
  screensTall,
  screenshotAt,
  StackBrowser,
  type Size,
} from '../support/browser-pages.ts';
import { COORDINATOR, fixtureDirectory, type Stack } from '../security/stack.ts';

const FIXTURES = join(process.cwd(), 'fixtures', 'a-luoi');
const PLAN = readPlanDefinition(readFileSync(join(FIXTURES, 'plan.json'), 'utf8'), 'json');
/** "No page over ~5 screens by default." */
const SCREENS = 5;

let chromium: StackBrowser;
let stack: Stack;

beforeAll(async () => {
  chromium = await StackBrowser.start(
    {
      name: 'plans-browser',
      directory: fixtureDirectory(),
      plans: [PLAN],
      apiToken: 'plans-browser-token-0123456789abcdef',
      sessionSecret: 'plans-browser-secret-0123456789abcdef',
    },
    { locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' },
  );
  stack = chromium.stack;
  const table = readFileSync(join(FIXTURES, 'phan-cong.xlsx'));
  await importTable(stack.db, PLAN.id, { name: 'phan-cong.xlsx', bytes: table }, false);
}, 180_000);

afterAll(async () => {
  await chromium?.close();
});

async function coordinatorAt(size: Size) {
  const context = await chromium.context(COORDINATOR, size);
  return { context, page: await context.newPage() };
}

/** Each duty row's text, to tell one page's rows from another's. */
const rowsShown = (page: Page) => page.locator('table.duties tbody tr').allInnerTexts();

/** The plan's numbers of the duty rows shown. */
const refsShown = (page: Page) =>
  page.locator('table.duties tbody th[scope=row]').allTextContents();

const planUrl = () => `${stack.base}/plans/${PLAN.id}`;

describe("the plan's page", () => {
  it(
    'opens at most about five phone screens tall, and pages and filters the duties',
    { timeout: 180_000 },
    async () => {
      const { context, page } = await coordinatorAt(PHONE);
      await page.goto(planUrl());
      expect(await page.locator('h1').textContent()).toContain(PLAN.number);
      await screenshotAt(page, 'plans-plan');
      await expectNoSideScroll(page);
      expect(await screensTall(page), 'page height at 390 px').toBeLessThanOrEqual(SCREENS);

      const count = (await page.locator('p.count').textContent()) ?? '';
      const total = Number(/trong tổng số (\d+) nhiệm vụ/.exec(count)?.[1]);
      const first = await refsShown(page);
      const firstRows = await rowsShown(page);
      expect(first.length).toBeGreaterThan(0);
      expect(total).toBeGreaterThan(first.length);

      // The plan's number stays in view while the table scrolls sideways inside its box.
      const wrap = page.locator('.table-wrap.sticky-first');
      const cell = page.locator('table.duties tbody th[scope=row]').first();
      const before = await cell.boundingBox();
      await wrap.evaluate((e) => {
        (e as unknown as { scrollLeft: number }).scrollLeft = 400;
      });
      expect(
        await wrap.evaluate((e) => (e as unknown as { scrollLeft: number }).scrollLeft),
      ).toBeGreaterThan(0);
      expect((await cell.boundingBox())?.x).toBe(before?.x);

      // The next page shows other duties, and says which.
      await page.getByRole('link', { name: 'Trang sau' }).first().click();
      await page.waitForURL(/page=2/);
      const second = await rowsShown(page);
      expect(second.length).toBeGreaterThan(0);
      expect(second.filter((r) => firstRows.includes(r))).toEqual([]);
      expect(await page.locator('p.count').textContent()).toContain(`${first.length + 1}–`);
      await screenshotAt(page, 'plans-plan-page-2');

      // Filtered by a lead agency: only its duties, as many as the choice said.
      await page.getByText('Lọc nhiệm vụ').click();
      const lead = page.getByLabel('Cơ quan chủ trì');
      const choice = (await lead.locator('option').nth(1).textContent()) ?? '';
      const [, name, n] = /^(.*) \((\d+)\)$/.exec(choice.trim()) ?? [];
      await lead.selectOption({ index: 1 });
      await page.getByRole('button', { name: 'Lọc', exact: true }).click();
      await page.waitForURL(/lead=/);
      const leads = await page
        .locator('table.duties tbody tr td:nth-child(3)')
        .evaluateAll((cells) =>
          cells.map((c) =>
            (c as unknown as { firstChild: { textContent: string } }).firstChild.textContent.trim(),
          ),
        );
      expect(leads.length).toBe(Math.min(Number(n), 20));
      expect(new Set(leads)).toEqual(new Set([name]));
      expect(await page.locator('p.count').textContent()).toContain(`${n} nhiệm vụ khớp bộ lọc`);
      await expectNoSideScroll(page);
      await screenshotAt(page, 'plans-plan-filtered');

      // Filtered by kind of duty: reports only.
      await page.goto(`${planUrl()}?phase=reports`);
      const kinds = await page.getByLabel('Nhóm nhiệm vụ').inputValue();
      expect(kinds).toBe('reports');
      const reports = await page.locator('table.duties td.duty-content').allTextContents();
      expect(reports.length).toBeGreaterThan(0);
      expect(reports.every((t) => /báo cáo|tổng hợp/i.test(t))).toBe(true);
      await context.close();
    },
  );

  it(
    'fits a desktop too, with the links to the schedule and the targets',
    { timeout: 120_000 },
    async () => {
      const { context, page } = await coordinatorAt(DESKTOP);
      await page.goto(planUrl());
      await expectNoSideScroll(page);
      expect(await screensTall(page)).toBeLessThanOrEqual(SCREENS * 2);
      await expect
        .poll(() =>
          page.getByRole('link', { name: /Lịch tự động bắt đầu chu kỳ/ }).getAttribute('href'),
        )
        .toBe(`/plans/${PLAN.id}/schedule`);
      expect(await page.getByRole('button', { name: 'Chạy mô phỏng' }).count()).toBe(1);
      await screenshotAt(page, 'plans-plan');
      await context.close();
    },
  );
});

describe('the other plans pages at both widths', () => {
  const pages = [
    ['plans-list', () => `${stack.base}/plans`],
    ['plans-cycle-preview', () => `${stack.base}/plans/${PLAN.id}/cycle-preview?year=2025`],
    ['plans-targets', () => `${stack.base}/plans/${PLAN.id}/targets`],
    ['plans-users', () => `${stack.base}/users`],
  ] as const;
  for (const [name, url] of pages) {
    it(`${name}: no sideways scroll, a few screens at most`, { timeout: 120_000 }, async () => {
      for (const size of [PHONE, DESKTOP]) {
        const { context, page } = await coordinatorAt(size);
        const response = await page.goto(url());
        expect(response?.status()).toBe(200);
        await screenshotAt(page, name);
        await expectNoSideScroll(page, `${name} at ${size.width}`);
        expect(await screensTall(page), `${name} at ${size.width}`).toBeLessThanOrEqual(
          SCREENS * (size === PHONE ? 1 : 2),
        );
        await context.close();
      }
    });
  }
});
