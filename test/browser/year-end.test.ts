// A year's end on pages, in Chromium against the real stack (Temporal dev server, in-process
// worker, SMTP sink, sessions): a coordinator asks two communes for an ad hoc report from the
// form and sees it tracked (one commune submits, the other is still owed); the year's results
// set each commune beside its target with the gap; the coordinator closes the year with a
// comment and an explicit confirmation and the page says who closed it; the labour office
// opens its consolidated draft and downloads both the XLSX and the Word draft. At 1280×800
// and 390×844 no page scrolls sideways; screenshots of each page at both widths.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StartCycle } from '../../common/cycle-schema.ts';
import { StartDuty } from '../../common/duty-schema.ts';
import { getCycleQuery, submitUpdate } from '../../common/messages.ts';
import { adHocDuties } from '../../db/year-end.ts';
import { saveUser } from '../../db/users.ts';
import { DAY_MS, formatDate, localMidnight } from '../../domain/local-time.ts';
import { startCycle, startDuty } from '../../services/starts.ts';
import { importTargets } from '../../use-cases/import-targets.ts';
import {
  DESKTOP,
  expectNoSideScroll,
  PHONE,
  screenshotAt,
  StackBrowser,
} from '../support/browser-pages.ts';
import {
  asAgency,
  COORDINATOR,
  entryOf,
  fixtureDirectory,
  smallPlan,
  until,
  type Stack,
} from '../security/stack.ts';

const PLAN = 'ye-plan';
const YEAR = 2025;
const directory = fixtureDirectory();
const LABOUR = entryOf(directory, 'a-luoi.phong-ldtbxh');
const A_NGO = entryOf(directory, 'a-luoi.ubnd-xa-a-ngo');
const HONG_KIM = entryOf(directory, 'a-luoi.ubnd-xa-hong-kim');
const COORDINATOR_NAME = 'Nguyễn Văn Điều';
const TITLE = 'Báo cáo đột xuất số hộ thoát nghèo sau bão số 5';
/** What a Vietnamese page must not show: internal codes of this test's data. */
const CODES = /dot-xuat|cycle:|duty:|a-luoi\.|\b\d{4}-\d{2}-\d{2}\b/;

let chromium: StackBrowser;
let stack: Stack;
let cycleId = '';
let draftDutyId = '';
const enc = encodeURIComponent;

beforeAll(async () => {
  chromium = await StackBrowser.start(
    {
      name: 'year-end',
      directory,
      plans: [smallPlan(PLAN)],
      apiToken: 'year-end-api-token-0123456789abcdef',
      sessionSecret: 'year-end-session-secret-0123456789abcdef',
    },
    { acceptDownloads: true },
  );
  stack = chromium.stack;
  await saveUser(
    stack.db,
    { email: COORDINATOR, name: COORDINATOR_NAME, role: 'coordinator' },
    'test',
  );
  // The year's targets by commune: 20 households to lift out in A Ngo, 15 in Hồng Kim.
  const csv = 'Đơn vị,Tổng số hộ,Số hộ thoát nghèo\nXã A Ngo,800,20\nXã Hồng Kim,600,15\n';
  await importTargets(
    stack.db,
    { id: PLAN, localityId: 'a-luoi' },
    YEAR,
    { name: 'chi-tieu.csv', bytes: new TextEncoder().encode(csv) },
    false,
  );
  cycleId = await startCycle(
    stack.client,
    StartCycle.parse({ planId: PLAN, year: YEAR, past: 'history' }),
  );
  // The labour office's own report of the year: the one its draft consolidates for.
  draftDutyId = await startDuty(
    stack.client,
    StartDuty.parse({
      planId: PLAN,
      dutyId: 'BC-TH',
      period: String(YEAR),
      title: 'Báo cáo tổng hợp kết quả giảm nghèo năm 2025',
      product: 'Báo cáo gửi UBND huyện',
      dueAt: new Date(localMidnight(Date.now()) + 60 * DAY_MS).toISOString(),
      lead: asAgency(LABOUR),
      coordinating: [],
      standing: asAgency(LABOUR),
      supervisor: {
        name: 'Chủ tịch UBND huyện',
        email: 'chu-tich@ubnd.a-luoi.example',
        title: 'Chủ tịch UBND huyện',
      },
      cycle: { id: cycleId, phase: 'reports' },
    }),
  );
  await until(async () => {
    const s = await stack.client.workflow.getHandle(cycleId).query(getCycleQuery);
    return s.status === 'running' ? s : undefined;
  }, 'the cycle to start its duties');
}, 180_000);

afterAll(async () => {
  await chromium?.close();
});

/** Shown, checked for codes and sideways scroll, and kept as a screenshot named after `step`. */
async function look(page: Page, step: string): Promise<string> {
  await expectNoSideScroll(page);
  const text = await page.locator('main').innerText();
  expect(text, step).not.toMatch(CODES);
  await screenshotAt(page, step);
  return text;
}

const adHocPath = () => `/cycles/${enc(cycleId)}/ad-hoc-reports`;
const resultsPath = () => `/cycles/${enc(cycleId)}/results`;
const draftPath = () => `/duties/${enc(draftDutyId)}/consolidation`;

describe('a year end on pages', () => {
  it(
    'an ad hoc request made on the form is tracked agency by agency',
    { timeout: 120_000 },
    async () => {
      const desk = await chromium.page(COORDINATOR, DESKTOP);
      await desk.goto(`${stack.base}${adHocPath()}`);
      expect(await look(desk, 'year-end-ad-hoc-list-empty')).toContain(
        'Chưa có yêu cầu báo cáo đột xuất nào trong năm.',
      );
      await desk.getByRole('link', { name: 'Tạo yêu cầu báo cáo đột xuất' }).click();
      await desk.getByLabel('Tên báo cáo').fill(TITLE);
      await desk.getByLabel('Sản phẩm yêu cầu').fill('Báo cáo bằng văn bản kèm số liệu');
      const last = formatDate(localMidnight(Date.now()) + 10 * DAY_MS);
      await desk.getByLabel('Hạn nộp (ngày cuối cùng, dd/mm/yyyy)').fill(last);
      // The filter finds a commune without its accents; the list keeps what is ticked.
      const filter = desk.getByLabel('Tìm theo tên cơ quan hoặc địa bàn');
      await filter.fill('hong kim');
      const shown = desk.locator('[data-filter-item]:visible');
      expect(await shown.allInnerTexts()).toEqual([expect.stringContaining('Hồng Kim')]);
      await desk.getByLabel(HONG_KIM.name, { exact: true }).check();
      await filter.fill('a ngo');
      await desk.getByLabel(A_NGO.name, { exact: true }).check();
      await filter.fill('');
      expect(await desk.locator('input[name="agencyIds"]:checked').count()).toBe(2);
      await look(desk, 'year-end-ad-hoc-form');
      await desk.getByRole('button', { name: 'Gửi yêu cầu' }).click();
      await expect
        .poll(() => desk.locator('.flash-ok').textContent())
        .toContain('Đã gửi yêu cầu báo cáo đột xuất đến 2 cơ quan, đơn vị.');
      const row = desk.locator('tr', { hasText: TITLE });
      expect(await row.innerText()).toContain(`Hạn: ${last}`);
      expect(await row.locator('[data-submitted]').innerText()).toBe('0/2 cơ quan');

      // A Ngo submits its figures; Hồng Kim has not yet.
      const duties = await until(async () => {
        const d = await adHocDuties(stack.db, PLAN, YEAR);
        return d.length === 2 ? d : undefined;
      }, 'the ad hoc duties');
      const aNgo = duties.find((d) => d.state.lead.id === A_NGO.id)!;
      await stack.client.workflow.getHandle(aNgo.state.workflowId).executeUpdate(submitUpdate, {
        args: [
          {
            actor: { name: A_NGO.head.name, agencyId: A_NGO.id },
            text: 'Sau bão, 12 hộ thoát nghèo nhờ hỗ trợ sinh kế',
            attachments: [],
            indicators: { 'Số hộ thoát nghèo': 12 },
          },
        ],
      });
      await until(async () => {
        const d = await adHocDuties(stack.db, PLAN, YEAR);
        return d.some((x) => x.state.status === 'submitted') ? true : undefined;
      }, 'the submission in the read model');
      await desk.reload();
      expect(await row.locator('[data-submitted]').innerText()).toBe('1/2 cơ quan');
      await look(desk, 'year-end-ad-hoc-list');

      // The labour office follows the request on a phone, down to the duty to receive.
      const phone = await chromium.page(LABOUR.head.email, PHONE);
      await phone.goto(`${stack.base}${adHocPath()}`);
      await look(phone, 'year-end-ad-hoc-list');
      await phone.getByRole('link', { name: TITLE }).click();
      const detail = await look(phone, 'year-end-ad-hoc-detail');
      expect(detail).toContain('2 cơ quan được yêu cầu; 1 đã nộp; 0 quá hạn chưa nộp.');
      expect(detail).toContain('Sau bão, 12 hộ thoát nghèo');
      expect(detail).toContain('Chưa nộp');
      await phone.setViewportSize(DESKTOP);
      await look(phone, 'year-end-ad-hoc-detail');
      await phone.setViewportSize(PHONE);
      await phone.goto(`${stack.base}${adHocPath()}/new`);
      await look(phone, 'year-end-ad-hoc-form');
      await phone.goto(`${stack.base}${adHocPath()}`);
      await phone.getByRole('link', { name: TITLE }).click();
      await phone.getByRole('link', { name: 'Xem và tiếp nhận' }).click();
      expect(new URL(phone.url()).pathname).toBe(`/duties/${enc(aNgo.state.workflowId)}`);
      expect(await phone.locator('main').innerText()).toContain('Sau bão, 12 hộ thoát nghèo');
    },
  );

  it(
    'the results set each commune beside its target with the gap; closing says who closed',
    { timeout: 90_000 },
    async () => {
      const phone = await chromium.page(COORDINATOR, PHONE);
      await phone.goto(`${stack.base}${resultsPath()}`);
      await look(phone, 'year-end-results');
      const desk = await chromium.page(COORDINATOR, DESKTOP);
      await desk.goto(`${stack.base}${resultsPath()}`);
      const aNgo = desk.locator('section[aria-labelledby="h-localities"] tr', {
        hasText: 'Xã A Ngo',
      });
      // 20 to lift out, 12 reported: 8 still to do, not met.
      expect(await aNgo.locator('td').allInnerTexts()).toEqual([
        'Xã A Ngo',
        '20',
        '12',
        '8',
        'Chưa đạt',
      ]);
      const hongKim = desk.locator('section[aria-labelledby="h-localities"] tr', {
        hasText: 'Xã Hồng Kim',
      });
      expect(await hongKim.innerText()).toContain('Chưa báo cáo');
      const owed = desk.locator('section[aria-labelledby="h-outstanding"]');
      expect(await owed.innerText()).toContain(HONG_KIM.name);
      expect(await owed.innerText()).not.toContain(A_NGO.name);
      await look(desk, 'year-end-results');

      await desk.getByLabel('Ý kiến khi khóa sổ (không bắt buộc)').fill('Đã đủ kết quả của các xã');
      await desk
        .getByLabel(`Tôi xác nhận khóa sổ năm ${YEAR}; việc này không hoàn tác được.`)
        .check();
      await desk.getByRole('button', { name: 'Khóa sổ năm' }).click();
      await expect
        .poll(() => desk.locator('.flash-ok').textContent())
        .toContain(`Đã khóa sổ năm ${YEAR}.`);
      const closed = await desk.locator('.ye-closed').innerText();
      expect(closed).toMatch(
        new RegExp(
          `Năm ${YEAR} đã khóa sổ lúc \\d{2}:\\d{2} \\d{2}/\\d{2}/\\d{4}, người khóa sổ: ${COORDINATOR_NAME}\\.`,
        ),
      );
      expect(await desk.locator('main').innerText()).toContain('Đã đủ kết quả của các xã');
      expect(await desk.locator('input[name="confirm"]').count()).toBe(0);
      // Still the gap, now for good; the cycle itself is closed.
      expect(await aNgo.locator('td').nth(3).innerText()).toBe('8');
      const state = await stack.client.workflow.getHandle(cycleId).query(getCycleQuery);
      expect(state.status).toBe('closed');
      expect(state.closedBy?.name).toBe(COORDINATOR_NAME);
      await look(desk, 'year-end-results-closed');
      await phone.reload();
      await look(phone, 'year-end-results-closed');
      // No more ad hoc requests in a closed year.
      await desk.goto(`${stack.base}${adHocPath()}`);
      expect(await desk.locator('main').innerText()).toContain(
        'Năm đã khóa sổ: không tạo thêm yêu cầu báo cáo đột xuất.',
      );
    },
  );

  it(
    'the labour office opens its consolidated draft and downloads the XLSX and the Word draft',
    { timeout: 60_000 },
    async () => {
      const phone = await chromium.page(LABOUR.head.email, PHONE);
      await phone.goto(`${stack.base}${draftPath()}`);
      const text = await look(phone, 'year-end-consolidation');
      expect(text).toContain('Số hộ thoát nghèo');
      const missing = phone.locator('section[aria-labelledby="h-missing"]');
      expect(await missing.innerText()).toContain(HONG_KIM.name);
      expect(await missing.innerText()).not.toContain(A_NGO.name);
      const desk = await chromium.page(LABOUR.head.email, DESKTOP);
      await desk.goto(`${stack.base}${draftPath()}`);
      await look(desk, 'year-end-consolidation');
      const indicators = desk.locator('section[aria-labelledby="h-indicators"] tr', {
        hasText: 'Số hộ thoát nghèo',
      });
      expect(await indicators.locator('td').allInnerTexts()).toEqual(['Số hộ thoát nghèo', '12']);

      const download = async (name: string) => {
        const [file] = await Promise.all([
          desk.waitForEvent('download'),
          desk.getByRole('link', { name }).click(),
        ]);
        return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
      };
      const xlsx = await download('Bảng tổng hợp (Excel .xlsx)');
      expect(xlsx.name).toMatch(/\.xlsx$/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
      const cells: string[] = [];
      workbook.eachSheet((ws) => ws.eachRow((r) => r.eachCell((c) => cells.push(c.text))));
      expect(cells).toEqual(expect.arrayContaining(['Số hộ thoát nghèo', '12', HONG_KIM.name]));

      const docx = await download('Dự thảo báo cáo gửi cấp trên (Word .docx)');
      expect(docx.name).toMatch(/\.docx$/);
      const { value: words } = await mammoth.extractRawText({ buffer: docx.bytes });
      expect(words).toContain('PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI');
      expect(words).toContain(`Kỳ báo cáo: Năm ${YEAR}`);
      expect(words).toContain('Số hộ thoát nghèo');
      expect(words).toContain(HONG_KIM.name);
      expect(words).toMatch(/hạn gửi báo cáo: \d{2}\/\d{2}\/\d{4}/);
    },
  );
});
