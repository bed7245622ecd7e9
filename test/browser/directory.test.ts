// The directory and the cycle schedule on pages, against the real stack (app, Temporal dev
// server, worker, SMTP sink): a coordinator renames, adds, retires and merges agencies from the
// directory page at 1280x800 and at 390x844; after a merge the duties the merged agency led
// and coordinated show its successor; the schedule page turns the yearly schedule on and
// shows its next run. The JSON API's merge refuses what makes no sense, with a code.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StartDuty, type Agency } from '../../common/duty-schema.ts';
import { getStateQuery } from '../../common/messages.ts';
import { DAY_MS } from '../../domain/local-time.ts';
import { startDuty } from '../../services/starts.ts';
import {
  DESKTOP,
  expectNoSideScroll,
  PHONE,
  screenshotAt,
  SIZES,
  StackBrowser,
} from '../support/browser-pages.ts';
import {
  Agent,
  asAgency,
  COORDINATOR,
  entryOf,
  fixtureDirectory,
  smallPlan,
  until,
  type Stack,
} from '../security/stack.ts';

const TOKEN = 'directory-token-0123456789abcdef';
const SECRET = 'directory-secret-0123456789abcdef0123';
const PLAN = 'directory-plan';
const directory = fixtureDirectory();
const AGRICULTURE = entryOf(directory, 'a-luoi.phong-nnptnt');
const AGRI_SERVICES = entryOf(directory, 'a-luoi.tt-dvnn');
const LABOUR = entryOf(directory, 'a-luoi.phong-ldtbxh');
const EDUCATION = entryOf(directory, 'a-luoi.phong-gddt');
const CULTURE = entryOf(directory, 'a-luoi.phong-vhtt');

let chromium: StackBrowser;
let stack: Stack;
let api: Agent;
const now = Date.now();
const ids = { led: '', coordinated: '' };

function dutyInput(ref: string, title: string, lead: Agency, coordinating: Agency[]): StartDuty {
  return StartDuty.parse({
    planId: PLAN,
    dutyId: ref,
    period: '2026',
    title,
    product: 'Báo cáo năm',
    dueAt: new Date(now + 20 * DAY_MS).toISOString(),
    lead,
    coordinating,
    standing: asAgency(LABOUR),
    supervisor: { name: 'Chủ tịch', email: 'ct@ubnd.a-luoi.example', title: 'Chủ tịch UBND huyện' },
  });
}

beforeAll(async () => {
  chromium = await StackBrowser.start(
    {
      name: 'directory-pages',
      directory,
      plans: [smallPlan(PLAN)],
      apiToken: TOKEN,
      sessionSecret: SECRET,
    },
    { locale: 'vi-VN' },
  );
  stack = chromium.stack;
  api = new Agent(stack.base, { bearer: TOKEN });
  // The education office leads one open duty and coordinates another.
  [ids.led, ids.coordinated] = await Promise.all([
    startDuty(
      stack.client,
      dutyInput('GD-1', 'Báo cáo hỗ trợ giáo dục cho học sinh nghèo', asAgency(EDUCATION), [
        asAgency(AGRI_SERVICES),
      ]),
    ),
    startDuty(
      stack.client,
      dutyInput('NN-1', 'Báo cáo mô hình sinh kế có học sinh tham gia', asAgency(AGRICULTURE), [
        asAgency(EDUCATION),
      ]),
    ),
  ]);
  await until(async () => {
    const rows = await stack.db.selectFrom('duty_agencies').selectAll().execute();
    return rows.filter((r) => r.agency_id === EDUCATION.id).length >= 2 ? true : undefined;
  }, 'the read model');
}, 120_000);

afterAll(async () => {
  await chromium?.close();
});

const flash = (page: Page) => page.locator('.flash').innerText();
const factOf = (page: Page, label: string) =>
  page.locator('dl.facts dt', { hasText: label }).locator('xpath=following-sibling::dd[1]');

/** Opens an agency from the directory list, found with the search box. */
async function openAgency(page: Page, name: string): Promise<void> {
  await page.goto(`${stack.base}/directory`);
  await page.locator('#dir-q').fill(name);
  await page.getByRole('button', { name: 'Lọc' }).click();
  await page.getByRole('link', { name, exact: true }).first().click();
  await expect.poll(() => page.locator('h1').innerText()).toBe(name);
}

describe('the directory page', () => {
  it('at 1280x800: rename, add, retire and merge; the merged agency’s open duties follow', async () => {
    const size = DESKTOP;
    const page = await chromium.page(COORDINATOR, size);
    await page.goto(`${stack.base}/directory`);
    await expect.poll(() => page.locator('h2').allInnerTexts()).toEqual(['Cấp huyện', 'Cấp xã']);
    await expectNoSideScroll(page);
    await screenshotAt(page, 'directory-list');

    // Rename: the culture office takes on science, as in 2025.
    await openAgency(page, CULTURE.name);
    await page.locator('#edit-name').fill('Phòng Văn hóa, Khoa học và Thông tin');
    await page.getByRole('button', { name: 'Lưu' }).click();
    expect(await flash(page)).toContain('Đã lưu Phòng Văn hóa, Khoa học và Thông tin');
    await expect
      .poll(() => page.locator('h1').innerText())
      .toBe('Phòng Văn hóa, Khoa học và Thông tin');
    await screenshotAt(page, 'directory-agency');

    // Add: the home affairs office, in the district.
    await page.goto(`${stack.base}/directory`);
    await page.getByText('Thêm cơ quan').first().click();
    await page.locator('#add-name').fill('Phòng Nội vụ');
    await page.locator('#add-level').selectOption('district');
    await page.locator('#add-locality').selectOption('a-luoi');
    await page.locator('#add-head').fill('Lê Văn Nội');
    await page.locator('#add-email').fill('truong-phong@noivu.a-luoi.example');
    await page.locator('#add-focal').fill('Hồ Thị Vụ, chuyen-vien@noivu.a-luoi.example');
    await page.getByRole('button', { name: 'Thêm cơ quan' }).last().click();
    expect(await flash(page)).toContain('Đã thêm Phòng Nội vụ');
    expect(await factOf(page, 'Đầu mối').innerText()).toContain('Hồ Thị Vụ');
    if (size === DESKTOP) {
      // Added by mistake: deleted outright, since nothing names it yet.
      await page.locator('summary', { hasText: 'Xóa cơ quan' }).click();
      await page.getByRole('button', { name: 'Xóa cơ quan' }).click();
      expect(await flash(page)).toContain('Đã xóa mục nhập nhầm');
      await page.goto(`${stack.base}/directory?q=${encodeURIComponent('Nội vụ')}`);
      expect(await page.locator('main').innerText()).not.toContain('Phòng Nội vụ');
    }

    // Retire: the culture and sports centre.
    await openAgency(page, 'Trung tâm Văn hóa - Thông tin và Thể thao');
    await page.getByRole('button', { name: 'Cho ngừng hoạt động' }).click();
    expect(await flash(page)).toContain('đã ngừng hoạt động');
    expect(await factOf(page, 'Tình trạng').innerText()).toMatch(
      /Ngừng hoạt động từ \d\d\/\d\d\/\d{4}/,
    );

    // Merge: education into the renamed culture office.
    await openAgency(page, EDUCATION.name);
    await page.locator('#merge-into').selectOption(CULTURE.id);
    await screenshotAt(page, 'directory-merge');
    await page.getByRole('button', { name: 'Sáp nhập', exact: true }).click();
    expect(await flash(page)).toContain(
      `Đã sáp nhập ${EDUCATION.name} vào Phòng Văn hóa, Khoa học và Thông tin: 1 nhiệm vụ chủ trì và 1 nhiệm vụ phối hợp được chuyển`,
    );
    expect(await factOf(page, 'Tình trạng').innerText()).toMatch(
      /Đã sáp nhập vào Phòng Văn hóa, Khoa học và Thông tin ngày \d\d\/\d\d\/\d{4}/,
    );
    await expect.poll(() => page.locator('main form[method="post"]').count()).toBe(0);
    await expectNoSideScroll(page);

    // Still listed, marked, among the retired and merged.
    await page.goto(`${stack.base}/directory?show=retired`);
    expect(await page.locator('main').innerText()).toContain(EDUCATION.name);
    expect(await page.locator('main').innerText()).toContain('Đã sáp nhập vào');

    // The duties follow: lead and coordinator on their pages, through the workflow.
    await page.goto(`${stack.base}/duties/${encodeURIComponent(ids.led)}`);
    expect(await factOf(page, 'Cơ quan chủ trì').innerText()).toBe(
      'Phòng Văn hóa, Khoa học và Thông tin',
    );
    await screenshotAt(page, 'directory-duty-led');
    await page.goto(`${stack.base}/duties/${encodeURIComponent(ids.coordinated)}`);
    expect(await factOf(page, 'Cơ quan phối hợp').innerText()).toBe(
      'Phòng Văn hóa, Khoa học và Thông tin',
    );
    const state = await stack.client.workflow.getHandle(ids.led).query(getStateQuery);
    expect(state.history.at(-1)?.action).toBe('reassign-lead');
    // The read model follows the workflow: the merged office has no open duty left.
    await until(async () => {
      const rows = await stack.db
        .selectFrom('duty_agencies')
        .select('agency_id')
        .where('agency_id', '=', EDUCATION.id)
        .execute();
      return rows.length === 0 ? true : undefined;
    }, 'the read model to follow the merge');
    // Next year's cycle starts with the successor: the plan's stored duties name it.
    const planDuties = await stack.db.selectFrom('plan_duties').select('duty_json').execute();
    expect(planDuties.some((d) => d.duty_json.includes(`"${EDUCATION.id}"`))).toBe(false);
  });

  it('at 390x844: list, search and rename on a phone, without sideways scrolling', async () => {
    const page = await chromium.page(COORDINATOR, PHONE);
    await page.goto(`${stack.base}/directory`);
    await expectNoSideScroll(page);
    await screenshotAt(page, 'directory-list');
    await page.goto(`${stack.base}/directory?tab=localities`);
    expect(await page.locator('main').innerText()).toContain('Xã A Ngo');
    await expectNoSideScroll(page);
    await screenshotAt(page, 'directory-localities');
    await openAgency(page, 'Phòng Dân tộc');
    await expectNoSideScroll(page);
    await page.locator('#edit-name').fill('Phòng Dân tộc và Tôn giáo');
    await page.getByRole('button', { name: 'Lưu' }).click();
    expect(await flash(page)).toContain('Đã lưu Phòng Dân tộc và Tôn giáo');
    await expectNoSideScroll(page);
    await screenshotAt(page, 'directory-agency');
    // Every form control is big enough to touch.
    const small = await page.evaluate(
      `[...document.querySelectorAll('main button, main select, main input:not([type=hidden]):not([type=checkbox])')].filter((e) => e.getBoundingClientRect().height < 44).length`,
    );
    expect(small).toBe(0);
    await page.goto(`${stack.base}/directory/localities/a-luoi.a-ngo`);
    await expectNoSideScroll(page);
    await screenshotAt(page, 'directory-locality');
  });

  it('coordinators get its forms; an agency user may not open it', async () => {
    const page = await chromium.page(COORDINATOR, DESKTOP);
    await page.goto(`${stack.base}/directory/agencies/${AGRICULTURE.id}`);
    expect(await page.locator('main form[method="post"]').count()).toBeGreaterThan(0);
    const agency = await chromium.page(AGRICULTURE.head.email, DESKTOP);
    const answer = await agency.goto(`${stack.base}/directory`);
    expect(answer?.status()).toBe(403);
  });
});

describe('the cycle schedule page', () => {
  for (const size of SIZES) {
    it(`at ${size.width}: turned on, it shows its next run on 2 January`, async () => {
      const page = await chromium.page(COORDINATOR, size);
      await page.goto(`${stack.base}/plans/${PLAN}/schedule`);
      if (size === DESKTOP) {
        expect(await factOf(page, 'Trạng thái').innerText()).toBe('Chưa bật lần nào');
        await page.getByRole('button', { name: 'Bật lịch' }).click();
        expect(await flash(page)).toContain('Đã bật lịch khởi động chu kỳ');
      }
      expect(await factOf(page, 'Trạng thái').innerText()).toBe('Đang bật');
      expect(await factOf(page, 'Lần chạy tiếp theo').innerText()).toMatch(/^07:00 02\/01\/\d{4}$/);
      await expectNoSideScroll(page);
      await screenshotAt(page, 'schedule');
    });
  }
});

describe('merging through the JSON API', () => {
  const merge = (kind: string, id: string, into: string) =>
    api.request('POST', `/api/${kind}/${id}/merge`, { json: { into } });
  const codeOf = (a: { text: string }) =>
    (JSON.parse(a.text) as { error: { code: string } }).error.code;

  it('refuses what makes no sense, each with its code, and changes nothing', async () => {
    const before = await stack.db.selectFrom('agencies').select(['id', 'merged_into']).execute();
    const self = await merge('agencies', AGRICULTURE.id, AGRICULTURE.id);
    expect([self.status, codeOf(self)]).toEqual([400, 'merge_self']);
    const unknown = await merge('agencies', AGRICULTURE.id, 'a-luoi.khong-co');
    expect([unknown.status, codeOf(unknown)]).toEqual([400, 'unknown_target']);
    const missing = await merge('agencies', 'a-luoi.khong-co', AGRICULTURE.id);
    expect(missing.status).toBe(404);
    const retired = await merge('agencies', AGRICULTURE.id, EDUCATION.id);
    expect([retired.status, codeOf(retired)]).toEqual([409, 'retired_target']);
    const again = await merge('agencies', EDUCATION.id, AGRICULTURE.id);
    expect([again.status, codeOf(again)]).toEqual([409, 'already_merged']);
    const kind = await merge('agencies', 'a-luoi.ubnd-xa-a-ngo', AGRICULTURE.id);
    expect([kind.status, codeOf(kind)]).toEqual([400, 'merge_kind']);
    const level = await merge('localities', 'a-luoi.a-ngo', 'a-luoi');
    expect([level.status, codeOf(level)]).toEqual([400, 'merge_level']);
    expect(await stack.db.selectFrom('agencies').select(['id', 'merged_into']).execute()).toEqual(
      before,
    );
  });

  it('merges a commune into another: its People’s Committee into the other’s, history kept', async () => {
    const res = await merge('localities', 'a-luoi.a-ngo', 'a-luoi.a-roang');
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as {
      merged: { mergedInto: string; retiredAt: string };
      agencies: { merged: { id: string; into: string }[] };
    };
    expect(body.merged.mergedInto).toBe('a-luoi.a-roang');
    expect(body.agencies.merged).toEqual([
      { id: 'a-luoi.ubnd-xa-a-ngo', into: 'a-luoi.ubnd-xa-a-roang' },
    ]);
    const committee = JSON.parse(
      (await api.request('GET', '/api/agencies/a-luoi.ubnd-xa-a-roang')).text,
    ) as { shortNames: string[] };
    // A plan that still writes the merged commune's committee finds its successor.
    expect(committee.shortNames).toContain('Ủy ban nhân dân xã A Ngo');
    const localities = JSON.parse((await api.request('GET', '/api/localities')).text) as {
      localities: { id: string; mergedInto?: string }[];
    };
    expect(localities.localities.find((l) => l.id === 'a-luoi.a-ngo')?.mergedInto).toBe(
      'a-luoi.a-roang',
    );
  });
});
