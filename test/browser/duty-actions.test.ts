// The duty functions that were API-only, on the real stack (app, Temporal dev server, worker,
// SMTP sink): a coordinator gives a single duty from /duties/new, reassigns it and cancels
// another, at desktop and phone widths; and a refusal reads the same stable code in both
// languages, through the JSON API, a duty's page and an emailed action link.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StartDuty } from '../../common/duty-schema.ts';
import { DAY_MS, formatDate } from '../../domain/local-time.ts';
import { startDuty } from '../../services/starts.ts';
import { signActionLink } from '../../services/signed-links.ts';
import {
  expectNoSideScroll,
  screensTall,
  screenshotAt,
  SIZES,
  StackBrowser,
} from '../support/browser-pages.ts';
import {
  Agent,
  asAgency,
  COORDINATOR,
  csrfOf,
  entryOf,
  fixtureDirectory,
  sessionAgent,
  smallPlan,
  type Stack,
} from '../security/stack.ts';

const TOKEN = 'duty-actions-token-0123456789abcdef';
const SECRET = 'duty-actions-secret-0123456789abcdef';
const PLAN = 'duty-actions-plan';
const directory = fixtureDirectory();
const AGRICULTURE = entryOf(directory, 'a-luoi.phong-nnptnt');
const AGRI_SERVICES = entryOf(directory, 'a-luoi.tt-dvnn');
const LABOUR = entryOf(directory, 'a-luoi.phong-ldtbxh');
const FINANCE = entryOf(directory, 'a-luoi.phong-tckh');

let chromium: StackBrowser;
let stack: Stack;
const now = Date.now();

function dutyInput(ref: string, title: string): StartDuty {
  return StartDuty.parse({
    planId: PLAN,
    dutyId: ref,
    period: '2026',
    title,
    product: 'Báo cáo năm',
    dueAt: new Date(now + 12 * DAY_MS).toISOString(),
    lead: asAgency(AGRICULTURE),
    coordinating: [asAgency(AGRI_SERVICES)],
    standing: asAgency(LABOUR),
    supervisor: { name: 'Chủ tịch', email: 'ct@ubnd.a-luoi.example', title: 'Chủ tịch UBND huyện' },
  });
}

beforeAll(async () => {
  chromium = await StackBrowser.start(
    {
      name: 'duty-actions',
      directory,
      plans: [smallPlan(PLAN)],
      apiToken: TOKEN,
      sessionSecret: SECRET,
    },
    { locale: 'vi-VN' },
  );
  stack = chromium.stack;
}, 120_000);

afterAll(async () => {
  await chromium?.close();
});

describe('refusals carry a code, worded in the reader’s language', () => {
  it('acknowledging twice: Vietnamese on the page and the action link, English in the API', async () => {
    const id = await startDuty(stack.client, dutyInput('TWICE', 'Báo cáo tiếp nhận hai lần'));
    const own = await sessionAgent(stack.base, stack.db, AGRICULTURE.head.email);
    const path = `/duties/${encodeURIComponent(id)}/acknowledge`;
    expect((await own.post(path)).status).toBe(303);

    const again = await own.post(path);
    expect(again.status).toBe(409);
    expect(again.text).toMatch(/Không thực hiện được: Nhiệm vụ đã được tiếp nhận lúc \d\d:\d\d/);
    expect(again.text).not.toContain('already acknowledged');

    const api = new Agent(stack.base, { bearer: TOKEN });
    const body = { json: { actor: { name: 'Script', agencyId: AGRICULTURE.id } } };
    const asked = (lang: string) =>
      api.request('POST', `/api${path}`, body, { 'accept-language': lang });
    const [en, vi] = [await asked('en'), await asked('vi')];
    const errorOf = (a: { text: string }) =>
      (JSON.parse(a.text) as { error: { code: string; message: string } }).error;
    expect([en.status, vi.status]).toEqual([409, 409]);
    expect(errorOf(en).code).toBe('refused');
    expect(errorOf(vi).code).toBe('refused');
    expect(errorOf(en).message).toMatch(/^already acknowledged at \d\d:\d\d \d\d\/\d\d\/\d{4}$/);
    expect(errorOf(vi).message).toMatch(/^Nhiệm vụ đã được tiếp nhận lúc \d\d:\d\d/);

    // The emailed link to acknowledge, pressed after the page did it: spent, and says why.
    const link = signActionLink({
      secret: SECRET,
      publicUrl: stack.base,
      workflowId: id,
      action: 'acknowledge',
      email: AGRICULTURE.head.email,
      expiresAt: now + 7 * DAY_MS,
    });
    const visitor = new Agent(stack.base);
    const opened = await visitor.request('GET', new URL(link).pathname);
    expect(opened.status).toBe(200);
    visitor.csrf = csrfOf(opened.text);
    const pressed = await visitor.post(new URL(link).pathname);
    expect(pressed.status).toBe(409);
    expect(pressed.text).toMatch(/Không thực hiện được: Nhiệm vụ đã được tiếp nhận lúc/);
  });

  it('a cancelled duty refuses a second cancel from the page, in Vietnamese', async () => {
    const id = await startDuty(stack.client, dutyInput('CANCEL2', 'Báo cáo hủy hai lần'));
    const coordinator = await sessionAgent(stack.base, stack.db, COORDINATOR);
    const path = `/duties/${encodeURIComponent(id)}/cancel`;
    expect((await coordinator.post(path, { reason: 'Trùng' })).status).toBe(303);
    // A finished duty: the workflow has closed, the page still answers from the read model.
    const again = await coordinator.post(path, { reason: 'Trùng' });
    expect(again.status).toBe(409);
    expect(again.text).toMatch(/Không thực hiện được: Nhiệm vụ (đã bị hủy|đã kết thúc)/);
  });
});

describe('a coordinator gives, reassigns and cancels duties from the pages', () => {
  for (const size of SIZES) {
    it(`at ${size.width}×${size.height}`, async () => {
      const other = await startDuty(
        stack.client,
        dutyInput(`HUY-${size.width}`, `Báo cáo sẽ bị hủy (${size.width})`),
      );
      const page = await chromium.page(COORDINATOR, size);
      await page.goto(`${stack.base}/duties/new`);
      expect(await page.locator('h1').textContent()).toBe('Giao nhiệm vụ riêng lẻ');
      await expectNoSideScroll(page);
      await screenshotAt(page, 'duty-actions-new');

      // Refused first: a deadline that is no date, and what was typed stays.
      const title = `Báo cáo riêng về mô hình sinh kế (${size.width})`;
      await page.getByLabel('Kế hoạch', { exact: true }).selectOption(PLAN);
      await page.getByLabel('Nội dung nhiệm vụ').fill(title);
      await page
        .getByLabel('Sản phẩm', { exact: true })
        .fill('Báo cáo gửi Phòng Lao động - Thương binh và Xã hội');
      await page.getByLabel('Thời hạn (ngày/tháng/năm)').fill('31/06/2026');
      await page.getByLabel('Cơ quan chủ trì', { exact: true }).selectOption(AGRICULTURE.id);
      await page.getByLabel(AGRI_SERVICES.name).check();
      await page.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
      expect(await page.locator('[role=alert]').textContent()).toContain('ngày không hợp lệ');
      expect(await page.getByLabel('Nội dung nhiệm vụ').inputValue()).toBe(title);

      const due = formatDate(now + 30 * DAY_MS);
      await page.getByLabel('Thời hạn (ngày/tháng/năm)').fill(due);
      await page.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
      expect(await page.locator('[role=status]').textContent()).toContain('Đã giao nhiệm vụ.');
      expect(await page.locator('h1').textContent()).toBe(title);
      const facts = (await page.locator('dl.facts').textContent()) ?? '';
      expect(facts).toContain(AGRICULTURE.name);
      expect(facts).toContain(AGRI_SERVICES.name);
      expect(facts).toContain(`Hạn: ${formatDate(Date.parse(parseDue(due)) - 1)}`);
      await expectNoSideScroll(page);
      if (size.width < 500) {
        // Touch-sized controls, and a page of a few screens with the long sections folded.
        const heights = await page.evaluate<number[]>(
          `[...document.querySelectorAll('.duty-actions button, .duty-actions select')]
            .map((e) => e.getBoundingClientRect().height)`,
        );
        expect(heights.length).toBeGreaterThan(0);
        expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);
        expect(await screensTall(page)).toBeLessThan(5);
      }
      await screenshotAt(page, 'duty-actions-duty');

      await page.getByLabel('Cơ quan chủ trì mới').selectOption(FINANCE.id);
      await page
        .getByLabel('Lý do giao lại')
        .fill('Phòng Tài chính - Kế hoạch phụ trách nội dung này');
      await page.getByRole('button', { name: 'Giao lại cơ quan chủ trì' }).click();
      expect(await page.locator('[role=status]').textContent()).toContain(
        'Đã giao lại cơ quan chủ trì.',
      );
      expect(await page.locator('dl.facts').textContent()).toContain(FINANCE.name);
      await expectNoSideScroll(page);
      await screenshotAt(page, 'duty-actions-reassigned');

      await page.goto(`${stack.base}/duties/${encodeURIComponent(other)}`);
      await page.getByLabel('Lý do hủy').fill('Trùng với nhiệm vụ của kế hoạch');
      await page.getByRole('button', { name: 'Hủy nhiệm vụ' }).click();
      expect(await page.locator('[role=status]').textContent()).toContain('Đã hủy nhiệm vụ.');
      expect(await page.locator('dl.facts').textContent()).toContain('Đã hủy');
      expect(await page.getByRole('button', { name: 'Hủy nhiệm vụ' }).count()).toBe(0);
      await expectNoSideScroll(page);
      await screenshotAt(page, 'duty-actions-cancelled');
      await page.context().close();
    }, 90_000);
  }
});

/** dd/mm/yyyy → the instant the page stores (00:00 of that day in Vietnam). */
function parseDue(text: string): string {
  const [d, m, y] = text.split('/').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d) - 7 * 3_600_000).toISOString();
}
