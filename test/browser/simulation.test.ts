// A coordinator simulates a plan's year in Chromium, on the real stack (the app, a Temporal dev
// server and the worker built by worker/build.ts): the plan page's form starts the job and
// the answer comes at once, the job's page shows its progress and reloads itself until the year
// is there, then the calendar of messages; choosing a day shows its messages in words; the
// timeline downloads as CSV. At 1280×800 and 390×844, no page scrolls sideways.
import { readFileSync } from 'node:fs';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DESKTOP,
  expectNoSideScroll,
  PHONE,
  screensTall,
  screenshotAt,
  StackBrowser,
} from '../support/browser-pages.ts';
import { simulationPlan } from '../support/simulation-fixture.ts';
import { COORDINATOR, fixtureDirectory, type Stack } from '../security/stack.ts';

const PLAN = 'sim-browser';
/** Words a message kind is shown in; never its code. */
const KINDS =
  /Nhắc việc|Quá hạn|Đôn đốc|Báo cáo chậm trễ|Bản tin buổi sáng|Báo đã nộp sản phẩm|Báo sản phẩm được chấp nhận|Đề nghị phối hợp|Nhắc phối hợp|Đến hạn/;

let chromium: StackBrowser;
let stack: Stack;
/** The coordinator's, at the desktop size; a test sets a page to the phone's. */
let context: BrowserContext;

beforeAll(async () => {
  chromium = await StackBrowser.start({
    name: 'simulation-browser',
    directory: fixtureDirectory(),
    plans: [simulationPlan(PLAN)],
    apiToken: 'simulation-browser-token-0123456789abcdef',
    sessionSecret: 'simulation-browser-secret-0123456789abcdef',
  });
  stack = chromium.stack;
  context = await chromium.context(COORDINATOR, DESKTOP, { acceptDownloads: true });
});

afterAll(async () => {
  await chromium?.close();
});

describe('a coordinator simulates a year', () => {
  let jobUrl = '';

  it('starts it from the plan page and sees its progress at once', async () => {
    const page = await context.newPage();
    await page.goto(`${stack.base}/plans/${PLAN}`);
    await page.getByLabel('Năm', { exact: true }).selectOption('2024');
    await page.getByLabel('Tỷ lệ nộp muộn (0–1)').fill('0,4');
    const asked = Date.now();
    await page.getByRole('button', { name: 'Chạy mô phỏng' }).click();
    await page.waitForURL(/\/simulations\/[^/?]+\?done=started$/);
    // Answered at once: the year runs on the worker.
    expect(Date.now() - asked).toBeLessThan(10_000);
    jobUrl = page.url().replace(/\?.*$/, '');
    expect(await page.locator('h1').textContent()).toBe('Mô phỏng năm 2024');
    expect(await page.locator('[role=status]').textContent()).toContain(
      'Đã bắt đầu mô phỏng năm 2024',
    );
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toMatch(/Đang chờ máy chủ nhận việc|Đang chạy/);
    expect(main).toContain('Tiến độ');
    expect(main).toMatch(/Đã mô phỏng \d+% thời gian của năm/);
    expect(main).toContain('Nộp muộn 0,4');
    await expect.poll(() => page.locator('progress').count()).toBe(1);
    await expectNoSideScroll(page);
    await screenshotAt(page, 'simulation-progress');
    // The same page on a phone while it runs.
    const phone = await context.newPage();
    await phone.setViewportSize(PHONE);
    await phone.goto(jobUrl);
    if ((await phone.locator('progress').count()) > 0) {
      await expectNoSideScroll(phone);
      await screenshotAt(phone, 'simulation-progress');
    }
    await phone.close();
    // It reloads itself (a meta refresh, no script) until the year is there.
    await page.locator('#h-sim-calendar').waitFor({ timeout: 540_000 });
    expect(page.url()).toContain(jobUrl);
    await page.close();
  }, 600_000);

  it('reads the year as a calendar, then a day’s messages', async () => {
    const page = await context.newPage();
    await page.goto(jobUrl);
    expect(await page.locator('meta[http-equiv=refresh]').count()).toBe(0);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toMatch(/\d+ nhiệm vụ; \d+ nộp muộn, \d+ không nộp, \d+ được gia hạn\./);
    expect(main).toContain('Thư theo đối tượng nhận');
    expect(main).toContain('Thủ trưởng cơ quan');
    expect(main).toContain('Bình quân/người/tháng');
    // Agencies × months, with counts.
    const grid = page.locator('.sim-grid table');
    expect(await grid.locator('thead th').count()).toBeGreaterThanOrEqual(14);
    expect(await grid.locator('tbody th[scope=row]').allTextContents()).toEqual(
      expect.arrayContaining(['Phòng Nông nghiệp và Phát triển nông thôn']),
    );
    await expectNoSideScroll(page);
    expect(await screensTall(page)).toBeLessThanOrEqual(5);
    await screenshotAt(page, 'simulation-calendar');

    // A day that sent something: the month calendar marks its count.
    const busy = page
      .locator('table.sim-month td a')
      .filter({ has: page.locator('.n:not(:empty)') });
    expect(await busy.count()).toBeGreaterThan(0);
    const label = (await busy.first().getAttribute('aria-label')) ?? '';
    const [, date, n] = /^Ngày (\d{2}\/\d{2}\/\d{4}): (\d+) thư$/.exec(label) ?? [];
    expect(date).toBeDefined();
    await busy.first().click();
    await page.waitForURL(/\?day=\d{4}-\d{2}-\d{2}#h-sim-day$/);
    const day = page.locator('section[aria-labelledby=h-sim-day]');
    expect((await day.locator('h2').textContent())?.trim()).toBe(`Thư gửi ngày ${date}`);
    expect(await day.textContent()).toContain(`(${n} thư)`);
    const items = day.locator('ol.sim-messages > li');
    expect(await items.count()).toBeGreaterThan(0);
    const first = ((await items.first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
    // When, what kind in words, and who: people by name, not addresses.
    expect(first).toMatch(/^\d{2}:\d{2} · /);
    expect(first).toMatch(KINDS);
    expect(first).toMatch(/Người nhận: \S/);
    const text = (await day.textContent()) ?? '';
    expect(text).not.toMatch(/notify|reminder|overdue|digest|@/);
    await expectNoSideScroll(page);
    await screenshotAt(page, 'simulation-day');

    // The whole timeline as CSV.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Tải CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`mo-phong-${PLAN}-2024.csv`);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      '\uFEFFThời điểm,Nhiệm vụ,Kỳ,Cơ quan,Sự kiện,Người nhận,Chi tiết',
    );
    expect(csv.split('\r\n').length).toBeGreaterThan(20);
    expect(csv).toMatch(KINDS);
    await page.close();
  }, 120_000);

  it('fits a phone: no sideways scroll, a few screens long', async () => {
    const page = await context.newPage();
    await page.setViewportSize(PHONE);
    await page.goto(jobUrl);
    await expectNoSideScroll(page);
    expect(await screensTall(page)).toBeLessThanOrEqual(5);
    // The grid scrolls inside its frame; the agency column stays in view.
    const wrap = page.locator('.sim-grid');
    const inside = await wrap.evaluate(
      (el: { scrollWidth: number; clientWidth: number }) => el.scrollWidth > el.clientWidth,
    );
    expect(inside).toBe(true);
    await screenshotAt(page, 'simulation-calendar');
    const day = page
      .locator('table.sim-month td a')
      .filter({ has: page.locator('.n:not(:empty)') });
    await day.first().click();
    await page.waitForURL(/\?day=/);
    await expectNoSideScroll(page);
    expect(await screensTall(page)).toBeLessThanOrEqual(5);
    // Touch-sized days.
    const box = await page.locator('table.sim-month td a').first().boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    await screenshotAt(page, 'simulation-day');
    await page.close();
  }, 120_000);
});
