// Disbursement on pages, in Chromium against the real stack (Temporal dev server, in-process
// worker, SMTP sink, sessions): a coordinator records an allocation on the cycle page, the lead
// agency enters its month-by-month commitment and two months of progress on the project's
// page from a phone, and the chart follows: the actual line gains its points, the table its
// figures, and a lag alert appears when progress falls below the plan (and goes when the month
// is replaced). No page scrolls sideways at 1280×800 or 390×844; screenshots of each.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StartCycle, type CycleState } from '../../common/cycle-schema.ts';
import { getCycleQuery } from '../../common/messages.ts';
import { readPlanDefinition } from '../../plans/definition.ts';
import { importTable } from '../../plans/service.ts';
import { startCycle } from '../../services/starts.ts';
import {
  DESKTOP,
  expectNoSideScroll,
  PHONE,
  screenshotAt,
  StackBrowser,
} from '../support/browser-pages.ts';
import { COORDINATOR, entryOf, fixtureDirectory, until, type Stack } from '../security/stack.ts';

const FIXTURES = join(process.cwd(), 'fixtures', 'a-luoi');
const PLAN = 'a-luoi-171-2022';
const directory = fixtureDirectory();
/** The lead of "Dự án 2: Đa dạng hóa sinh kế", a project that registers capital. */
const AGRICULTURE = entryOf(directory, 'a-luoi.phong-nnptnt');
const PROJECT = '2';

let chromium: StackBrowser;
let stack: Stack;
let cycleId = '';

beforeAll(async () => {
  const plan = readPlanDefinition(readFileSync(join(FIXTURES, 'plan.json'), 'utf8'), 'json');
  chromium = await StackBrowser.start({
    name: 'disbursement',
    directory,
    plans: [plan],
    apiToken: 'disbursement-api-token-0123456789abcdef',
    sessionSecret: 'disbursement-session-secret-0123456789abcdef',
  });
  stack = chromium.stack;
  await importTable(
    stack.db,
    PLAN,
    { name: 'phan-cong.csv', bytes: readFileSync(join(FIXTURES, 'phan-cong.csv')) },
    false,
  );
  cycleId = await startCycle(
    stack.client,
    StartCycle.parse({ planId: PLAN, year: 2025, past: 'history' }),
  );
  await until(async () => {
    const s = await stack.client.workflow.getHandle(cycleId).query(getCycleQuery);
    return s.status === 'running' ? s : undefined;
  }, 'the cycle to start its duties');
}, 180_000);

afterAll(async () => {
  await chromium?.close();
});

const actualPoints = (page: Page) =>
  page
    .locator('svg.disb-svg [data-series="actual"]')
    .getAttribute('points')
    .then((p) => (p ?? '').split(' ').filter(Boolean));

const cyclePath = () => `/cycles/${encodeURIComponent(cycleId)}`;
const projectPath = () => `${cyclePath()}/projects/${PROJECT}`;

async function cycleState(): Promise<CycleState> {
  return stack.client.workflow.getHandle(cycleId).query(getCycleQuery);
}

/** The table row of a month: its cells' text. */
const monthRow = (page: Page, month: number) =>
  page
    .locator('.money-table tbody tr')
    .nth(month - 1)
    .locator('td')
    .allInnerTexts();

describe('disbursement on pages', () => {
  it(
    'a coordinator allocates, the lead commits month by month and reports; the chart follows',
    { timeout: 150_000 },
    async () => {
      // The coordinator, at a desk: the cycle page, one line per project, the allocation form.
      const desk = await chromium.page(COORDINATOR, DESKTOP);
      await desk.goto(`${stack.base}${cyclePath()}`);
      await expectNoSideScroll(desk);
      await desk.locator('#alloc-project').selectOption(PROJECT);
      await desk.getByLabel('Số vốn (đồng, ví dụ 1.500.000.000)').fill('1.500.000.000');
      await desk
        .getByLabel('Quyết định (ví dụ: Quyết định 123/QĐ-UBND)')
        .fill('Quyết định 12/QĐ-UBND');
      await desk.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
      await expect
        .poll(() => desk.locator('.flash-ok').textContent())
        .toContain('Đã ghi nhận phân bổ vốn.');
      const line = desk.locator('tr', { has: desk.locator(`a[data-project="${PROJECT}"]`) });
      expect(await line.innerText()).toContain('1.500.000.000 đ');
      await expectNoSideScroll(desk);
      await screenshotAt(desk, 'disbursement-cycle');
      // The same decision twice is refused with the reason, and nothing doubles.
      await desk.locator('#alloc-project').selectOption(PROJECT);
      await desk.getByLabel('Số vốn (đồng, ví dụ 1.500.000.000)').fill('1.500.000.000');
      await desk
        .getByLabel('Quyết định (ví dụ: Quyết định 123/QĐ-UBND)')
        .fill('Quyết định 12/QĐ-UBND');
      await desk.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
      await expect
        .poll(() => desk.locator('.flash-error').textContent())
        .toContain('Quyết định 12/QĐ-UBND');
      expect((await cycleState()).projects.find((p) => p.ref === PROJECT)?.allocated).toBe(
        '1500000000',
      );

      // The lead agency, on a phone: from the cycle page (where the lag warning points) to its
      // project, once the commitment duty the allocation opened is there.
      const phone = await chromium.page(AGRICULTURE.head.email, PHONE);
      await phone.goto(`${stack.base}${cyclePath()}`);
      await expectNoSideScroll(phone);
      await screenshotAt(phone, 'disbursement-cycle');
      await phone.locator(`a[data-project="${PROJECT}"]`).click();
      await expect
        .poll(() => phone.locator('h1').textContent())
        .toBe(`Giải ngân vốn – dự án ${PROJECT}`);
      await until(async () => {
        await phone.reload();
        return (await phone.locator('input[name="m1"]').count()) > 0 ? true : undefined;
      }, 'the commitment duty');
      expect(await phone.locator('svg.disb-svg').count()).toBe(0);
      for (let m = 1; m <= 12; m++)
        await phone.getByLabel(`Tháng ${m}`, { exact: true }).fill('100.000.000');
      await screenshotAt(phone, 'disbursement-commitment');
      await phone.getByRole('button', { name: 'Gửi cam kết giải ngân' }).click();
      await expect
        .poll(() => phone.locator('.flash-ok').textContent())
        .toContain('Đã gửi cam kết giải ngân theo tháng.');
      // The plan is the chart's curve and the table's figures; nothing is disbursed yet.
      const planned = await phone.locator('[data-series="planned"]').getAttribute('points');
      expect((planned ?? '').split(' ')).toHaveLength(13);
      expect(await monthRow(phone, 12)).toEqual(expect.arrayContaining(['1.200.000.000 đ']));
      expect(await phone.locator('[data-series="actual"]').count()).toBe(0);
      expect(await phone.locator('input[name="m1"]').count()).toBe(0);

      // January: 90 million, 90 % of the plan, no alert.
      await phone.getByLabel('Tháng', { exact: true }).selectOption('1');
      await phone.getByLabel('Số đã giải ngân trong tháng (đồng)').fill('90.000.000');
      await phone.getByRole('button', { name: 'Ghi nhận giải ngân' }).click();
      await expect
        .poll(() => phone.locator('.flash-ok').textContent())
        .toContain('Đã ghi nhận số giải ngân');
      const afterJanuary = await actualPoints(phone);
      expect(afterJanuary).toHaveLength(2);
      expect(await monthRow(phone, 1)).toEqual(expect.arrayContaining(['90.000.000 đ', '90%']));
      expect(await phone.locator('.lag-alerts').count()).toBe(0);

      // February: 30 million, 120 of 200 million (60 %), below the 80 % threshold: an alert.
      expect(await phone.getByLabel('Tháng', { exact: true }).inputValue()).toBe('2');
      await phone.getByLabel('Số đã giải ngân trong tháng (đồng)').fill('30.000.000');
      await phone.getByRole('button', { name: 'Ghi nhận giải ngân' }).click();
      await expect
        .poll(() => phone.locator('.flash-ok').textContent())
        .toContain('Đã ghi nhận số giải ngân');
      const afterFebruary = await actualPoints(phone);
      expect(afterFebruary).toHaveLength(3);
      expect(afterFebruary.slice(0, 2)).toEqual(afterJanuary);
      expect(await monthRow(phone, 2)).toEqual(
        expect.arrayContaining(['30.000.000 đ', '120.000.000 đ']),
      );
      expect(await phone.locator('svg.disb-svg [data-lag-month="2"]').count()).toBe(1);
      expect(await phone.locator('.lag-alerts').innerText()).toContain(
        'Đến hết tháng 2: lũy kế giải ngân 120.000.000 đ, đạt 60% kế hoạch lũy kế 200.000.000 đ (ngưỡng 80%).',
      );
      await expectNoSideScroll(phone);
      await screenshotAt(phone, 'disbursement-project');

      // February again without "replace" is refused with what the month holds; with it, the
      // figure is replaced and the alert goes.
      await phone.getByLabel('Tháng', { exact: true }).selectOption('2');
      await phone.getByLabel('Số đã giải ngân trong tháng (đồng)').fill('170.000.000');
      await phone.getByRole('button', { name: 'Ghi nhận giải ngân' }).click();
      await expect.poll(() => phone.locator('.flash-error').textContent()).toContain('Tháng 2');
      await phone.getByLabel('Tháng', { exact: true }).selectOption('2');
      await phone.getByLabel('Số đã giải ngân trong tháng (đồng)').fill('170.000.000');
      await phone.getByLabel('Thay thế số đã báo cáo của tháng này').check();
      await phone.getByRole('button', { name: 'Ghi nhận giải ngân' }).click();
      await expect
        .poll(() => phone.locator('.flash-ok').textContent())
        .toContain('Đã ghi nhận số giải ngân');
      const replaced = await actualPoints(phone);
      expect(replaced[2]).not.toEqual(afterFebruary[2]);
      expect(await phone.locator('.lag-alerts').count()).toBe(0);
      expect(await monthRow(phone, 2)).toEqual(expect.arrayContaining(['260.000.000 đ']));
      expect(
        (await cycleState()).projects.find((p) => p.ref === PROJECT)?.disbursed.slice(0, 3),
      ).toEqual(['90000000', '170000000', '0']);

      // The coordinator sees the same project page without the lead's forms, at both widths.
      await desk.goto(`${stack.base}${projectPath()}`);
      expect(await desk.locator('[data-series="actual"]').getAttribute('points')).toBe(
        replaced.join(' '),
      );
      expect(await desk.locator('form[action$="/disbursements"]').count()).toBe(0);
      await expectNoSideScroll(desk);
      await screenshotAt(desk, 'disbursement-project');
      await desk.setViewportSize(PHONE);
      await desk.reload();
      await expectNoSideScroll(desk);
      await screenshotAt(desk, 'disbursement-project-coordinator');
      await phone.setViewportSize(DESKTOP);
      await phone.reload();
      await expectNoSideScroll(phone);
      await screenshotAt(phone, 'disbursement-project-lead');
    },
  );
});
