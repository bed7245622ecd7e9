// The three users' journeys in Chromium against the real stack: the Temporal dev server, a
// worker process, the API and pages (createApp on a free port), and a real SMTP server that
// receives the sign-in links. Screenshots of each page go to test-results/screenshots/.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpMailer, type Mailer } from '../../activities/mailer.ts';
import { createApp } from '../../api/app.ts';
import { StartDuty, type Agency } from '../../common/duty-schema.ts';
import type { DirectoryAgency } from '../../common/plan-schema.ts';
import { openDb, type Db } from '../../db/index.ts';
import { DAY_MS, formatDate, localInstant, localParts } from '../../domain/local-time.ts';
import { readDirectory } from '../../plans/definition.ts';
import { importDirectory } from '../../plans/service.ts';
import { startMailSink, type MailSink } from '../../scripts/lib/mail-sink.ts';
import { startDuty } from '../../services/starts.ts';
import { signActionLink } from '../../services/signed-links.ts';
import { launchChromium, screenshot } from '../support/browser.ts';
import { startTestDevServer } from '../support/dev-server.ts';
import { parseMail } from '../support/mail.ts';
import { quietTemporalLogs } from '../support/quiet-runtime.ts';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.ts';

const FIXTURES = join(process.cwd(), 'fixtures', 'a-luoi');
const SECRET = 'journeys-secret-0123456789abcdef012345';
const COORDINATOR = 'dieu-phoi@ubnd.a-luoi.example';
const PLAN_ID = 'a-luoi-171-2022';
const directory = readDirectory(readFileSync(join(FIXTURES, 'directory.json'), 'utf8'), 'json');
const entry = (id: string): DirectoryAgency => {
  const a = directory.agencies.find((x) => x.id === id);
  if (!a) throw new Error(`no ${id} in the fixture`);
  return a;
};
const asAgency = (a: DirectoryAgency): Agency => ({
  id: a.id,
  name: a.name,
  head: a.head,
  focalPoints: a.focalPoints,
});
const AGRICULTURE = entry('a-luoi.phong-nnptnt');
/** A report the agriculture office owes the labour office: a row of the reporting matrix. */
const TITLE = 'Báo cáo kết quả thực hiện Dự án 2: Đa dạng hóa sinh kế năm 2026';
const LABOUR = entry('a-luoi.phong-ldtbxh');
const EDUCATION = entry('a-luoi.phong-gddt');

let dir: string;
let devServer: Awaited<ReturnType<typeof startTestDevServer>>;
let sink: MailSink;
let mailer: Mailer;
let db: Db;
let connection: Connection;
let client: Client;
let worker: WorkerProcess | undefined;
let server: Server;
let base: string;
let browser: Browser;
let dutyId: string;

beforeAll(async () => {
  quietTemporalLogs();
  dir = mkdtempSync(join(tmpdir(), 'web-journeys-'));
  [devServer, sink, browser] = await Promise.all([
    startTestDevServer(),
    startMailSink(),
    launchChromium(),
  ]);
  db = await openDb({ sqliteFile: join(dir, 'app.db') });
  // Agency heads sign in because the directory names them; the coordinator imports it again
  // from the page in journey (c), which changes nothing.
  await importDirectory(db, directory);
  connection = await Connection.connect({ address: devServer.address });
  client = new Client({ connection });
  mailer = createSmtpMailer({ host: '127.0.0.1', port: sink.port, secure: false });
  server = createServer();
  // Above the clients' idle timeout: a reused socket the server just closed is an ECONNRESET.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  server.on(
    'request',
    createApp({
      client,
      db,
      web: {
        sessionSecret: SECRET,
        publicUrl: base,
        mailFrom: 'no-reply@duties.test',
        mailer,
        dataDir: dir,
        coordinatorEmails: [COORDINATOR],
      },
    }),
  );
  worker = await startWorkerProcess({
    TEMPORAL_ADDRESS: devServer.address,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(sink.port),
    DATA_DIR: dir,
    PUBLIC_URL: base,
  });
});

afterAll(async () => {
  await browser?.close();
  await worker?.kill();
  await new Promise((resolve) => server?.close(resolve));
  mailer?.close();
  await connection?.close();
  await db?.destroy();
  await sink?.stop();
  await devServer?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The sign-in link in the newest sign-in message to this address. */
async function signInLink(email: string, after: number): Promise<string> {
  for (;;) {
    for (const mail of sink.received.slice(after)) {
      if (!mail.to.includes(email)) continue;
      const parsed = await parseMail(mail);
      const link = /(http:\/\/127\.0\.0\.1:\d+\/sign-in\/link\?t=[\w.-]+)/.exec(parsed.text)?.[1];
      if (link) return link;
    }
    await sink.waitFor(sink.received.length + 1, 30_000);
  }
}

/** Fills the sign-in form on the current page, opens the emailed link and confirms. */
async function signInHere(page: Page, email: string, shots?: string): Promise<void> {
  const before = sink.received.length;
  await page.getByLabel('Thư điện tử').fill(email);
  if (shots) await screenshot(page, `${shots}-sign-in`);
  await page.getByRole('button', { name: 'Gửi đường dẫn đăng nhập' }).click();
  await expect.poll(() => page.locator('h1').textContent()).toBe('Kiểm tra hộp thư');
  if (shots) await screenshot(page, `${shots}-check-mail`);
  await page.goto(await signInLink(email, before));
  if (shots) await screenshot(page, `${shots}-confirm-link`);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForLoadState();
}

async function newUser(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  return { context, page: await context.newPage() };
}

/** The colour a person sees (the browser's own computed style, not the class name). */
type Styled = { getComputedStyle(e: unknown): { backgroundColor: string } };
const background = (l: Locator): Promise<string> =>
  l.evaluate((e) => (globalThis as unknown as Styled).getComputedStyle(e).backgroundColor);

const localDay = (ms: number): number => {
  const p = localParts(ms);
  return localInstant(p.year, p.month, p.day);
};

describe('the web interface in Chromium', () => {
  it(
    '(c) the coordinator imports the directory, the A Lưới plan and its table, and starts a cycle',
    { timeout: 300_000 },
    async () => {
      const { context, page } = await newUser();
      await page.goto(`${base}/`);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      await signInHere(page, COORDINATOR, 'c-01');
      await expect.poll(() => page.locator('h1').textContent()).toBe('Việc của tôi');
      await screenshot(page, 'c-02-home');

      const upload = async (kind: string, file: string, plan?: string) => {
        await page.goto(`${base}/plans`);
        await page.getByLabel(kind, { exact: true }).check();
        if (plan) await page.getByLabel('Thuộc kế hoạch (với bảng phân công)').selectOption(plan);
        await page.getByLabel('Tệp', { exact: true }).setInputFiles(join(FIXTURES, file));
        await page.getByRole('button', { name: 'Kiểm tra (xem trước)' }).click();
        await expect.poll(() => page.locator('h1').textContent()).toBe('Xem trước khi nhập');
      };

      await upload('Danh bạ cơ quan', 'directory.json');
      expect(await page.locator('main').textContent()).toContain('20 địa bàn, 34 cơ quan.');
      await screenshot(page, 'c-03-directory-dry-run');
      await page.getByRole('button', { name: 'Xác nhận nhập' }).click();
      expect(await page.locator('[role=status]').textContent()).toContain(
        'Đã nhập danh bạ: 20 địa bàn, 34 cơ quan.',
      );

      await upload('Kế hoạch', 'plan.json');
      await screenshot(page, 'c-04-plan-dry-run');
      await page.getByRole('button', { name: 'Xác nhận nhập' }).click();
      expect(await page.locator('[role=status]').textContent()).toContain('Đã nhập kế hoạch.');

      await upload('Bảng phân công nhiệm vụ', 'phan-cong.xlsx', PLAN_ID);
      const dryRun = (await page.locator('main').textContent()) ?? '';
      // The table's rows with their agencies resolved, and the dates as the plan reads them.
      expect(dryRun).toMatch(/41 nhiệm vụ, \d+ lần thực hiện, \d+ cơ quan\./);
      expect(dryRun).toContain('Phòng Nông nghiệp và Phát triển nông thôn');
      expect(dryRun).toContain('19/06/2023');
      await screenshot(page, 'c-05-table-dry-run');
      // Nothing is written before the coordinator confirms.
      expect(
        (await db.selectFrom('plan_duties').select('ref').where('plan_id', '=', PLAN_ID).execute())
          .length,
      ).toBeLessThan(41);
      await page.getByRole('button', { name: 'Xác nhận nhập' }).click();
      expect(await page.locator('[role=status]').textContent()).toContain('Đã cập nhật kế hoạch.');
      await page.getByRole('link', { name: /^Mở/ }).click();
      await expect.poll(() => page.locator('h1').textContent()).toContain('171/KH-UBND');
      await screenshot(page, 'c-06-plan');

      await page
        .getByRole('row', { name: /2025/ })
        .getByRole('link', { name: 'Xem trước chu kỳ' })
        .click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('Chu kỳ năm 2025: xem trước');
      const intro = (await page.locator('main').textContent()) ?? '';
      const planned = Number(/tạo (\d+) nhiệm vụ/.exec(intro)?.[1]);
      expect(planned).toBeGreaterThan(0);
      // 2025's deadlines are behind us: the preview warns before offering the two ways.
      expect(intro).toContain('đã quá thời hạn');
      await screenshot(page, 'c-07-cycle-preview');
      await page.getByRole('button', { name: 'Bắt đầu và đôn đốc ngay' }).click();
      await expect
        .poll(() => page.locator('h1').textContent())
        .toBe(`Chu kỳ năm 2025 – 171/KH-UBND`);
      // The cycle starts its duties in the background; the page shows it once they are all out.
      await expect
        .poll(
          async () => {
            await page.reload();
            return page.locator('main').textContent();
          },
          { timeout: 120_000, interval: 1000 },
        )
        .toContain(`${planned} nhiệm vụ đã được tạo`);
      expect(await page.locator('[data-cycle-status]').getAttribute('data-cycle-status')).toBe(
        'running',
      );
      await screenshot(page, 'c-08-cycle');

      await page.getByLabel(/^Số vốn \(đồng/).fill('1.500.000.000');
      await page.getByLabel(/^Quyết định/).fill('Quyết định 123/QĐ-UBND');
      await page.getByRole('button', { name: 'Ghi nhận' }).click();
      expect(await page.locator('[role=status]').textContent()).toContain(
        'Đã ghi nhận phân bổ vốn.',
      );
      expect(await page.locator('main').textContent()).toContain('1.500.000.000');
      await screenshot(page, 'c-09-allocation');

      await page.getByRole('link', { name: 'Danh bạ cơ quan' }).click();
      expect(await page.locator('main').textContent()).toContain('Xã A Ngo');
      await screenshot(page, 'c-10-directory');

      await page.locator('header').getByRole('link', { name: 'Người dùng' }).click();
      await page.getByLabel('Thư điện tử').fill('theo-doi@ubnd.a-luoi.example');
      await page.getByLabel('Họ tên').fill('Chuyên viên theo dõi');
      await page.getByLabel('Vai trò').selectOption('viewer');
      await page.getByRole('button', { name: 'Lưu' }).click();
      expect(await page.locator('[role=status]').textContent()).toContain('Đã lưu người dùng.');
      expect(await page.locator('main table').textContent()).toContain(
        'theo-doi@ubnd.a-luoi.example',
      );
      await screenshot(page, 'c-11-users');
      await context.close();
    },
  );

  it(
    '(a) the agency head signs in from the emailed link and submits the duty with a file',
    { timeout: 180_000 },
    async () => {
      const now = Date.now();
      const input = StartDuty.parse({
        planId: PLAN_ID,
        dutyId: 'BC-DA2',
        period: '2026',
        title: TITLE,
        product: 'Báo cáo năm gửi Phòng Lao động - Thương binh và Xã hội',
        dueAt: new Date(localDay(now) + 10 * DAY_MS).toISOString(),
        lead: asAgency(AGRICULTURE),
        coordinating: [asAgency(entry('a-luoi.tt-dvnn'))],
        standing: asAgency(LABOUR),
        supervisor: {
          name: 'Chủ tịch UBND huyện',
          email: 'chu-tich@ubnd.a-luoi.example',
          title: 'Chủ tịch UBND huyện',
        },
      });
      dutyId = await startDuty(client, input);
      const dutyUrl = `${base}/duties/${encodeURIComponent(dutyId)}`;

      const { context, page } = await newUser();
      // The link in a reminder: not signed in yet, so sign in first and come back to it.
      await page.goto(dutyUrl);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      await signInHere(page, AGRICULTURE.head.email, 'a-01');
      expect(page.url()).toBe(dutyUrl);
      expect(await page.locator('html').getAttribute('lang')).toBe('vi');
      expect(await page.locator('h1').textContent()).toBe(input.title);
      const facts = (await page.locator('dl.facts').textContent()) ?? '';
      expect(facts).toContain('Đã giao');
      expect(facts).toContain(`Hạn: ${formatDate(Date.parse(input.dueAt) - 1)}`);
      await screenshot(page, 'a-02-duty');

      await page.getByRole('button', { name: 'Tiếp nhận' }).click();
      expect(await page.locator('[role=status]').textContent()).toContain('Đã tiếp nhận nhiệm vụ.');
      expect(await page.locator('dl.facts').textContent()).toContain('Đã tiếp nhận');

      // A file that only pretends to be a PDF is refused, and nothing is submitted.
      const fake = join(dir, 'bao-cao.pdf');
      writeFileSync(fake, 'MZ this is not a PDF');
      await page.getByLabel('Nội dung sản phẩm').fill('Kế hoạch đăng ký vốn năm 2027');
      await page.getByLabel(/^Tệp đính kèm/).setInputFiles(fake);
      await page.getByRole('button', { name: 'Nộp sản phẩm' }).click();
      expect(await page.locator('[role=alert]').textContent()).toContain(
        'Tệp "bao-cao.pdf" không được nhận',
      );
      expect(await page.locator('dl.facts').textContent()).toContain('Đã tiếp nhận');

      const pdf = join(dir, 'Kế hoạch đăng ký vốn.pdf');
      const pdfBytes = '%PDF-1.4\n% Kế hoạch\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n';
      writeFileSync(pdf, pdfBytes);
      await page.getByLabel('Nội dung sản phẩm').fill('Kế hoạch đăng ký vốn năm 2027');
      await page.getByLabel(/^Tệp đính kèm/).setInputFiles(pdf);
      await page.getByLabel('Tên chỉ tiêu 1').fill('Số mô hình giảm nghèo');
      await page.getByLabel('Giá trị 1').fill('4');
      await page.getByLabel('Tên chỉ tiêu 2').fill('Kinh phí (đồng)');
      await page.getByLabel('Giá trị 2').fill('1.250.000.000');
      await screenshot(page, 'a-03-submit-form');
      await page.getByRole('button', { name: 'Nộp sản phẩm' }).click();
      expect(await page.locator('[role=status]').textContent()).toContain('Đã nộp sản phẩm.');
      expect(await page.locator('dl.facts').textContent()).toContain('Đã nộp');
      const main = (await page.locator('main').textContent()) ?? '';
      expect(main).toContain('Số mô hình giảm nghèo: 4');
      expect(main).toContain('Kinh phí (đồng): 1.250.000.000');
      await screenshot(page, 'a-04-submitted');

      const download = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Kế hoạch đăng ký vốn.pdf' }).click(),
      ]).then(([d]) => d);
      expect(download.suggestedFilename()).toBe('Kế hoạch đăng ký vốn.pdf');
      expect(readFileSync(await download.path(), 'utf8')).toBe(pdfBytes);

      // "My duties" reads the read model, which follows the workflow a moment later.
      await page.locator('header').getByRole('link', { name: 'Việc của tôi' }).click();
      await expect
        .poll(
          async () => {
            await page.reload();
            return page.locator('section', { has: page.locator('#h-lead') }).textContent();
          },
          { timeout: 30_000, interval: 500 },
        )
        .toMatch(new RegExp(`${input.title}.*Đã nộp`));
      await screenshot(page, 'a-05-my-duties');

      // Settings: a daily digest for the office, and its due dates in a calendar.
      await page.locator('header').getByRole('link', { name: 'Cài đặt' }).click();
      await page.getByLabel('Một bản tin mỗi ngày').check();
      await page.getByRole('button', { name: 'Lưu' }).nth(1).click();
      expect(await page.locator('[role=status]').textContent()).toContain('Đã lưu.');
      expect(await page.getByLabel('Một bản tin mỗi ngày').isChecked()).toBe(true);
      await page.getByRole('button', { name: 'Tạo đường dẫn lịch' }).click();
      const feed = (await page.locator('code.secret').textContent()) ?? '';
      await screenshot(page, 'a-06-settings');
      const ics = await fetch(feed);
      expect(ics.status).toBe(200);
      const calendar = await ics.text();
      expect(calendar).toContain('BEGIN:VCALENDAR');
      expect(calendar).toContain('BEGIN:VEVENT');
      await page.getByRole('button', { name: 'Thu hồi mọi đường dẫn lịch' }).click();
      expect((await fetch(feed)).status).toBe(404);
      await context.close();
    },
  );

  it(
    '(b) the labour office sees the matrix change colour, returns and accepts, urges, exports',
    { timeout: 180_000 },
    async () => {
      expect(dutyId).toBeDefined();
      const dutyUrl = `${base}/duties/${encodeURIComponent(dutyId)}`;
      const office = await newUser();
      await office.page.goto(`${base}/`);
      await signInHere(office.page, LABOUR.head.email, 'b-01');
      const review = office.page.locator('section', { has: office.page.locator('#h-standing') });
      await expect
        .poll(
          async () => {
            await office.page.reload();
            return review.textContent();
          },
          { timeout: 30_000, interval: 500 },
        )
        .toContain(TITLE);
      await screenshot(office.page, 'b-02-standing-dashboard');

      // The matrix: the agriculture office's report is in, on time (green).
      const cell = office.page.locator('table.grid .item[data-ref="BC-DA2"] [data-track]');
      const matrixState = async () => {
        await office.page.goto(`${base}/tracking/matrix?planId=${PLAN_ID}&period=2026`);
        return cell.getAttribute('data-track');
      };
      await office.page.locator('header').getByRole('link', { name: 'Theo dõi báo cáo' }).click();
      await expect.poll(matrixState, { timeout: 30_000, interval: 500 }).toBe('on-time');
      expect(await cell.textContent()).toBe('Đúng hạn');
      expect(await background(cell)).toBe('rgb(27, 127, 59)');
      await screenshot(office.page, 'b-03-matrix-on-time');

      await office.page.goto(dutyUrl);
      const resubmitMs = localDay(Date.now()) + 20 * DAY_MS;
      const resubmitBy = formatDate(resubmitMs);
      await office.page.getByLabel('Yêu cầu bổ sung / Ghi chú').fill('Bổ sung danh mục mô hình');
      await office.page.getByLabel('Hạn nộp lại (trước ngày, dd/mm/yyyy)').fill(resubmitBy);
      await screenshot(office.page, 'b-04-review');
      await office.page.getByRole('button', { name: 'Trả lại, yêu cầu bổ sung' }).click();
      expect(await office.page.locator('[role=status]').textContent()).toContain(
        'Đã trả lại sản phẩm.',
      );
      const returned = (await office.page.locator('dl.facts').textContent()) ?? '';
      expect(returned).toContain('Trả lại, yêu cầu bổ sung');
      expect(returned).toContain(`Hạn: ${formatDate(resubmitMs - 1)}`);
      expect(returned).toContain('Thời hạn ban đầu');
      await screenshot(office.page, 'b-05-returned');
      // Returned, the report keeps the category of its first submission (on time, green),
      // with "trả lại" beside it: a return never moves the figures.
      const marks = office.page.locator('table.grid .item[data-ref="BC-DA2"] .marks');
      await expect
        .poll(
          async () => {
            await matrixState();
            return (await marks.count()) > 0 ? marks.textContent() : null;
          },
          { timeout: 30_000, interval: 500 },
        )
        .toBe('(trả lại)');
      expect(await cell.getAttribute('data-track')).toBe('on-time');
      expect(await background(cell)).toBe('rgb(27, 127, 59)');
      await screenshot(office.page, 'b-06-matrix-returned');

      // The agency head sees it back, resubmits; the labour office accepts.
      const agency = await newUser();
      await agency.page.goto(dutyUrl);
      await signInHere(agency.page, AGRICULTURE.focalPoints[0]!.email);
      expect(await agency.page.locator('dl.facts').textContent()).toContain(
        'Trả lại, yêu cầu bổ sung',
      );
      expect(await agency.page.locator('#h-timeline + *').textContent()).toContain(
        'Bổ sung danh mục mô hình',
      );
      await agency.page.getByLabel('Nội dung sản phẩm').fill('Kế hoạch đã bổ sung danh mục');
      await agency.page.getByRole('button', { name: 'Nộp sản phẩm' }).click();
      expect(await agency.page.locator('[role=status]').textContent()).toContain(
        'Đã nộp sản phẩm.',
      );

      await office.page.goto(dutyUrl);
      await office.page.getByRole('button', { name: 'Chấp nhận' }).click();
      expect(await office.page.locator('[role=status]').textContent()).toContain(
        'Đã chấp nhận sản phẩm.',
      );
      expect(await office.page.locator('dl.facts').textContent()).toContain('Đã chấp nhận');
      await screenshot(office.page, 'b-07-accepted');
      await expect.poll(matrixState, { timeout: 30_000, interval: 500 }).toBe('on-time');

      // The overdue list: the 2025 cycle's duties, longest overdue first; urge one, once a day.
      await office.page.goto(`${base}/tracking/overdue?planId=${PLAN_ID}&period=2025`);
      const rows = office.page.locator('main table tbody tr');
      expect(await rows.count()).toBeGreaterThan(0);
      const days = await rows.locator('td:nth-child(6)').allTextContents();
      expect(days.map(Number)).toEqual([...days.map(Number)].sort((x, y) => y - x));
      await screenshot(office.page, 'b-08-overdue');
      const mailsBefore = sink.received.length;
      await rows
        .first()
        .getByRole('button', { name: /^Đôn đốc ngay/ })
        .click();
      expect(await office.page.locator('[role=status]').textContent()).toContain(
        'Đã gửi thư đôn đốc.',
      );
      await sink.waitFor(mailsBefore + 1);
      await rows
        .first()
        .getByRole('button', { name: /^Đôn đốc ngay/ })
        .click();
      expect(await office.page.locator('[role=alert]').textContent()).toMatch(
        /Không thực hiện được: Nhiệm vụ đã được đôn đốc lúc .*; có thể đôn đốc lại từ/,
      );
      await screenshot(office.page, 'b-09-urge-refused');

      // The list as an Excel file.
      await office.page.goto(`${base}/tracking/overdue?planId=${PLAN_ID}&period=2025`);
      const sheet = await Promise.all([
        office.page.waitForEvent('download'),
        office.page.getByRole('link', { name: 'Tải Excel (XLSX)' }).click(),
      ]).then(([d]) => d);
      expect(sheet.suggestedFilename()).toBe(`qua-han-${PLAN_ID}-2025.xlsx`);
      expect(
        readFileSync(await sheet.path())
          .subarray(0, 2)
          .toString(),
      ).toBe('PK');
      await office.page.goto(dutyUrl);

      // The English switch keeps the page and changes the words.
      await office.page.getByRole('link', { name: 'English' }).click();
      expect(await office.page.locator('html').getAttribute('lang')).toBe('en');
      expect(await office.page.locator('dl.facts').textContent()).toContain('Accepted');
      expect(office.page.url().split('?')[0]).toBe(dutyUrl);
      await screenshot(office.page, 'b-10-english');
      await office.context.close();
      await agency.context.close();
    },
  );

  it(
    'an emailed action link acknowledges once; the office asks for more time and gets it',
    { timeout: 120_000 },
    async () => {
      const input = StartDuty.parse({
        planId: PLAN_ID,
        dutyId: 'BC-LINK',
        period: '2026',
        title: 'Báo cáo tình hình thực hiện mô hình giảm nghèo',
        product: 'Báo cáo',
        dueAt: new Date(localDay(Date.now()) + 12 * DAY_MS).toISOString(),
        lead: asAgency(AGRICULTURE),
        standing: asAgency(LABOUR),
        supervisor: {
          name: 'Chủ tịch UBND huyện',
          email: 'chu-tich@ubnd.a-luoi.example',
          title: 'Chủ tịch UBND huyện',
        },
      });
      const id = await startDuty(client, input);
      const link = (expiresAt: number) =>
        signActionLink({
          secret: SECRET,
          publicUrl: base,
          workflowId: id,
          action: 'acknowledge',
          email: AGRICULTURE.head.email,
          expiresAt,
        });
      const { context, page } = await newUser();
      const url = link(Date.now() + 7 * DAY_MS);
      await page.goto(url);
      // Opening it changes nothing (mail scanners open links too).
      expect(await page.locator('main').textContent()).toContain(input.title);
      expect(await page.locator('main').textContent()).toContain(AGRICULTURE.head.email);
      await screenshot(page, 'e-01-action-link');
      await page.getByRole('button', { name: 'Xác nhận: Tiếp nhận' }).click();
      expect(await page.locator('[role=status]').textContent()).toContain('Đã tiếp nhận nhiệm vụ.');
      await screenshot(page, 'e-02-action-done');
      // The same link again: used.
      await page.goto(url);
      await page.getByRole('button', { name: 'Xác nhận: Tiếp nhận' }).click();
      expect(await page.locator('[role=alert]').textContent()).toContain(
        'Đường dẫn này đã được sử dụng',
      );
      // An expired one, and one for another duty's address tampered with.
      await page.goto(link(Date.now() - 1000));
      expect(await page.locator('[role=alert]').textContent()).toContain('Đường dẫn đã hết hạn');
      const [prefix, token] = url.split('/actions/') as [string, string];
      const tampered = `${prefix}/actions/${token.startsWith('A') ? 'B' : 'A'}${token.slice(1)}`;
      await page.goto(tampered);
      expect(await page.locator('[role=alert]').textContent()).toContain('Đường dẫn không hợp lệ');

      // The office asks for more time; the labour office grants it.
      const dutyUrl = `${base}/duties/${encodeURIComponent(id)}`;
      await page.goto(dutyUrl);
      await signInHere(page, AGRICULTURE.head.email);
      const askedMs = localDay(Date.now()) + 30 * DAY_MS;
      const asked = formatDate(askedMs);
      await page.getByLabel('Thời hạn mới (trước ngày, dd/mm/yyyy)').fill(asked);
      await page.getByLabel('Lý do').fill('Chờ số liệu từ các xã');
      await page.getByRole('button', { name: 'Xin gia hạn' }).click();
      expect(await page.locator('[role=status]').textContent()).toContain(
        'Đã gửi đề nghị gia hạn.',
      );
      const office = await newUser();
      await office.page.goto(`${base}/`);
      await signInHere(office.page, LABOUR.focalPoints[0]!.email);
      const pending = office.page.locator('section', { has: office.page.locator('#h-standing') });
      await expect
        .poll(
          async () => {
            await office.page.reload();
            return pending.textContent();
          },
          { timeout: 30_000, interval: 500 },
        )
        .toContain(input.title);
      await office.page.goto(dutyUrl);
      expect(await office.page.locator('main').textContent()).toContain(
        `đề nghị gia hạn (Hạn: ${formatDate(askedMs - 1)}). Lý do: Chờ số liệu từ các xã`,
      );
      await screenshot(office.page, 'e-03-extension-request');
      await office.page.getByRole('button', { name: 'Đồng ý gia hạn' }).click();
      expect(await office.page.locator('[role=status]').textContent()).toContain(
        'Đã đồng ý gia hạn.',
      );
      const facts = (await office.page.locator('dl.facts').textContent()) ?? '';
      expect(facts).toContain(`Hạn: ${formatDate(askedMs - 1)}`);
      expect(facts).toContain(`Thời hạn ban đầu: ${formatDate(Date.parse(input.dueAt) - 1)}`);
      await screenshot(office.page, 'e-04-extension-granted');
      await office.context.close();
      await context.close();
    },
  );

  it(
    '(c) the coordinator runs a simulation of a year and reads its timeline',
    { timeout: 600_000 },
    async () => {
      const { context, page } = await newUser();
      await page.goto(`${base}/plans/${PLAN_ID}`);
      await signInHere(page, COORDINATOR);
      await page.getByLabel('Năm', { exact: true }).selectOption('2023');
      await screenshot(page, 'c-12-simulate-form');
      // The year runs on the worker: the job's page answers at once and reloads itself until
      // the year is there (minutes, not the usual 30 s).
      page.setDefaultTimeout(600_000);
      await page.getByRole('button', { name: 'Chạy mô phỏng' }).click();
      await page.waitForURL(/\/simulations\//, { timeout: 30_000 });
      expect(await page.locator('h1').textContent()).toBe('Mô phỏng năm 2023');
      await page.locator('#h-sim-calendar').waitFor({ timeout: 600_000 });
      const main = (await page.locator('main').textContent()) ?? '';
      expect(main).toMatch(/\d+ nhiệm vụ; \d+ nộp muộn, \d+ không nộp, \d+ được gia hạn\./);
      expect(main).toContain('06/2023');
      await screenshot(page, 'c-13-simulation');
      await context.close();
    },
  );

  it('an agency user who opens another agency’s duty gets 403', { timeout: 120_000 }, async () => {
    expect(dutyId).toBeDefined();
    const { context, page } = await newUser();
    const dutyUrl = `${base}/duties/${encodeURIComponent(dutyId)}`;
    await page.goto(dutyUrl);
    await signInHere(page, EDUCATION.head.email);
    const response = await page.goto(dutyUrl);
    expect(response?.status()).toBe(403);
    expect(await page.locator('h1').textContent()).toBe('Không có quyền truy cập');
    expect(await page.locator('main').textContent()).not.toContain(TITLE);
    await screenshot(page, 'd-01-forbidden');
    // Nor its files.
    const fileId = await db
      .selectFrom('files')
      .select('id')
      .where('workflow_id', '=', dutyId)
      .executeTakeFirstOrThrow();
    expect((await page.goto(`${base}/files/${fileId.id}`))?.status()).toBe(403);
    await context.close();
  });
});
