// Issue 12's "done when": a province plan typed as provinces type it — "UBND các huyện, thị
// xã, thành phố", a cell mixing two groups, two labelled dates in one cell, a full date with
// "hàng năm", "Thường xuyên", the header "Thời hạn hoàn thành" — imports as typed through the
// API and through the coordinator's page, with every deadline on the stated date; the same
// table as a Word document imports the same duties.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { SESSION_COOKIE, SESSION_TTL_MS } from '../../api/session.ts';
import { openDb, type Db } from '../../db/index.ts';
import { createSession } from '../../db/users.ts';
import { listen } from '../support/http.ts';

const CASE = new URL('../../fixtures/corpus/tinh-kon-tum-2024/', import.meta.url);
const TOKEN = 'province-test-token-0123456789';
const COORDINATOR = 'dieu-phoi@ubnd.kon-tum.example';
const PLAN_ID = 'kon-tum-85-2024';

const HEADER = [
  'TT',
  'Nội dung công việc',
  'Cơ quan chủ trì',
  'Cơ quan phối hợp',
  'Sản phẩm',
  'Thời hạn hoàn thành',
];
/** The rows as the province typed them: a title above, a section row, then the duties. */
const ROWS = [
  ['I', 'TỔ CHỨC THỰC HIỆN', '', '', '', ''],
  [
    '1',
    'Xây dựng, ban hành kế hoạch thực hiện Chương trình năm của cấp huyện',
    'UBND các huyện, thị xã, thành phố',
    'Sở Lao động - Thương binh và Xã hội',
    'Kế hoạch của UBND cấp huyện',
    'Trước ngày 30/4/2024 hàng năm',
  ],
  [
    '2',
    'Theo dõi, tổng hợp tình hình thực hiện Chương trình',
    'Sở Lao động - Thương binh và Xã hội',
    'Các sở, ban, ngành, đoàn thể; UBND các huyện, thị xã, thành phố',
    'Báo cáo UBND tỉnh',
    'định kỳ trước ngày 20/5/2024 (báo cáo 06 tháng) và ngày 30/10/2024 (báo cáo năm)',
  ],
  [
    '3',
    'Tuyên truyền, phổ biến chính sách giảm nghèo',
    'Sở Thông tin và Truyền thông',
    'Các sở, ban, ngành, đoàn thể',
    'Tin, bài trên các phương tiện thông tin đại chúng',
    'Thường xuyên',
  ],
];
const TITLE = 'PHỤ LỤC: PHÂN CÔNG NHIỆM VỤ (Kèm theo Kế hoạch số 85/KH-UBND của UBND tỉnh Kon Tum)';

const csvCell = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const CSV = [[TITLE], HEADER, ...ROWS].map((r) => r.map(csvCell).join(',')).join('\r\n');

/** The same table in Word: the section row merged across, the header repeated on each page. */
async function docxTable(): Promise<Buffer> {
  const cell = (text: string, extra: Partial<ConstructorParameters<typeof TableCell>[0]> = {}) =>
    new TableCell({ children: [new Paragraph({ children: [new TextRun(text)] })], ...extra });
  const rows = [
    new TableRow({ tableHeader: true, children: HEADER.map((h) => cell(h)) }),
    new TableRow({
      children: [cell(ROWS[0]![0]!), cell(ROWS[0]![1]!, { columnSpan: 5 })],
    }),
    ...ROWS.slice(1).map((r) => new TableRow({ children: r.map((text) => cell(text)) })),
  ];
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ children: [new TextRun({ text: TITLE, bold: true })] }),
          new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

interface Duty {
  ref: string;
  lead: { id: string };
  coordinating: { id: string }[];
  instances: { period: string; lastDay: string; name?: string }[];
  rule: { kind: string };
}
interface Result {
  outcome: string;
  duties: Duty[];
}

let db: Db;
let dir: string;
let server: Server;
let base: string;
const directory = JSON.parse(readFileSync(new URL('directory.json', CASE), 'utf8')) as {
  agencies: { id: string; name: string; localityId: string }[];
  localities: { id: string; level: string; parentId?: string }[];
};
// The corpus's plan, run over two years so "hàng năm" shows its second year.
const plan = {
  ...(JSON.parse(readFileSync(new URL('plan.json', CASE), 'utf8')) as Record<string, unknown>),
  period: { from: 2024, to: 2025 },
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'province-'));
  db = await openDb({ sqliteFile: join(dir, 'app.db') });
  const client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  const web = {
    sessionSecret: 'province-test-secret-0123456789abcdef',
    publicUrl: 'http://duties.test',
    mailFrom: 'no-reply@duties.test',
    dataDir: dir,
    coordinatorEmails: [COORDINATOR],
  };
  ({ server, base } = await listen(createApp({ client, db, apiToken: TOKEN, web })));
  for (const [path, body] of [
    ['/api/directory', directory],
    ['/api/plans/import', plan],
  ] as const) {
    const res = await api(path, JSON.stringify(body), { 'content-type': 'application/json' });
    expect(res.status, path).toBeLessThan(300);
  }
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await db?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

async function api(path: string, body: FormData | string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, ...headers },
    body,
  });
  return { status: res.status, body: (await res.json()) as Result & { error?: unknown } };
}

async function importTable(name: string, bytes: Uint8Array, dryRun: boolean) {
  const form = new FormData();
  form.set('planId', PLAN_ID);
  form.set('file', new Blob([bytes]), name);
  return api(`/api/plans/import${dryRun ? '?dryRun=true' : ''}`, form);
}

const districtPCs = directory.agencies
  .filter((a) => {
    const loc = directory.localities.find((l) => l.id === a.localityId);
    return loc?.parentId === 'kon-tum' && /^Ủy ban nhân dân/.test(a.name);
  })
  .map((a) => a.id)
  .sort();

/** What a reader of the table expects, independent of how the importer stores it. */
function expectAsTyped(duties: Duty[]): void {
  // A duty owed by each member of a group is stored per member ("1/<agency>").
  const byRef = (n: string) => duties.filter((d) => d.ref === n || d.ref.startsWith(`${n}/`));
  // 1: every district-level People's Committee owes its plan, before 30/4 each year.
  const one = byRef('1');
  expect(one.map((d) => d.lead.id).sort()).toEqual(districtPCs);
  expect(districtPCs).toHaveLength(10);
  for (const d of one) {
    expect(d.instances.map((i) => i.lastDay)).toEqual(['29/04/2024', '29/04/2025']);
  }
  // 2: both groups coordinate; two labelled dates, "trước" governing both.
  const [two] = byRef('2');
  expect(two?.lead.id).toBe('kon-tum.so-ldtbxh');
  const coordinating = new Set(two?.coordinating.map((a) => a.id));
  for (const pc of districtPCs) expect(coordinating.has(pc)).toBe(true);
  expect(coordinating.has('kon-tum.so-tc')).toBe(true);
  expect(coordinating.has('kon-tum.so-ldtbxh')).toBe(false);
  expect(two?.instances.map((i) => [i.lastDay, i.name])).toEqual([
    ['19/05/2024', 'báo cáo 06 tháng'],
    ['29/10/2024', 'báo cáo năm'],
  ]);
  // 3: a standing duty: imported, shown, with no dated instance.
  const [three] = byRef('3');
  expect(three?.rule.kind).toBe('standing');
  expect(three?.instances).toEqual([]);
}

describe('a province plan as typed', () => {
  it('imports through the API with every deadline on its stated date', async () => {
    const dry = await importTable('phan-cong.csv', new TextEncoder().encode(CSV), true);
    expect(dry.status, JSON.stringify(dry.body.error)).toBe(200);
    expectAsTyped(dry.body.duties);
  });

  it('imports the same duties from the Word document', async () => {
    const csv = await importTable('phan-cong.csv', new TextEncoder().encode(CSV), true);
    const word = await importTable('phan-cong.docx', await docxTable(), true);
    expect(word.status, JSON.stringify(word.body.error)).toBe(200);
    expectAsTyped(word.body.duties);
    expect(word.body.duties).toEqual(csv.body.duties);
  });

  it("imports through the coordinator's page: dry run, confirm, the plan's duties", async () => {
    const { token, session } = await createSession(db, COORDINATOR, SESSION_TTL_MS);
    const cookie = `${SESSION_COOKIE}=${token}`;
    const form = new FormData();
    form.set('_csrf', session.csrfToken);
    form.set('kind', 'table');
    form.set('planId', PLAN_ID);
    form.set('file', new Blob([CSV]), 'phan-cong.csv');
    const dry = await fetch(`${base}/plans/import`, {
      method: 'POST',
      headers: { cookie, origin: base },
      body: form,
      redirect: 'manual',
    });
    const preview = await dry.text();
    expect(dry.status, preview.slice(0, 2000)).toBe(200);
    expect(preview).toContain('Thường xuyên');
    const staged = /action="(\/plans\/import\/[^"]+)"/.exec(preview)?.[1];
    expect(staged).toBeDefined();
    const confirm = await fetch(`${base}${staged}`, {
      method: 'POST',
      headers: {
        cookie,
        origin: base,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ _csrf: session.csrfToken }),
      redirect: 'manual',
    });
    expect(confirm.status).toBeLessThan(400);
    const stored = await fetch(`${base}/api/plans/${PLAN_ID}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const planNow = (await stored.json()) as { duties: Duty[] };
    expectAsTyped(planNow.duties);
  });
});

describe('a phrase the grammar cannot read', () => {
  const UNREADABLE = 'Sau khi có hướng dẫn của Trung ương';
  const table = [
    HEADER,
    [
      '1',
      'Rà soát, điều chỉnh kế hoạch',
      'Sở Lao động - Thương binh và Xã hội',
      'Sở Tài chính',
      'Kế hoạch điều chỉnh',
      UNREADABLE,
    ],
  ]
    .map((r) => r.map(csvCell).join(','))
    .join('\r\n');

  async function page(path: string, body: FormData | URLSearchParams) {
    const { token, session } = await createSession(db, COORDINATOR, SESSION_TTL_MS);
    body.set('_csrf', session.csrfToken);
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { cookie: `${SESSION_COOKIE}=${token}`, origin: base },
      body,
      redirect: 'manual',
    });
    return { status: res.status, text: await res.text() };
  }
  const upload = (allowUndated: boolean) => {
    const form = new FormData();
    form.set('kind', 'table');
    form.set('planId', PLAN_ID);
    if (allowUndated) form.set('allowUndated', '1');
    form.set('file', new Blob([table]), 'dieu-chinh.csv');
    return page('/plans/import', form);
  };

  it('refuses the table unless the coordinator imports the duty undated, then dates it', async () => {
    const refused = await upload(false);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('hàng 2, cột &quot;Thời gian&quot;');
    expect(refused.text).toContain('không phải cách ghi thời hạn');

    const dry = await upload(true);
    expect(dry.status).toBe(200);
    expect(dry.text).toContain('Chưa có thời hạn');
    const staged = /action="(\/plans\/import\/[^"]+)"/.exec(dry.text)?.[1] ?? '';
    const confirmed = await page(staged, new URLSearchParams({ allowUndated: '1' }));
    expect(confirmed.status).toBe(200);
    const stored = async () => {
      const res = await fetch(`${base}/api/plans/${PLAN_ID}`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      return ((await res.json()) as { duties: (Duty & { undated?: boolean })[] }).duties;
    };
    const undated = (await stored()).find((d) => d.ref === '1');
    expect(undated?.undated).toBe(true);
    expect(undated?.instances).toEqual([]);
    // The plan's page offers the coordinator a date for that duty, and only for it.
    const { token } = await createSession(db, COORDINATOR, SESSION_TTL_MS);
    const planPage = await (
      await fetch(`${base}/plans/${PLAN_ID}`, { headers: { cookie: `${SESSION_COOKIE}=${token}` } })
    ).text();
    expect(planPage).toContain('Chưa có thời hạn');
    expect(planPage.match(/action="[^"]*\/time"/g)).toEqual([
      `action="/plans/${PLAN_ID}/duties/1/time"`,
    ]);

    // A phrase still unreadable is refused with its reason, in Vietnamese.
    const bad = await page(`/plans/${PLAN_ID}/duties/1/time`, new URLSearchParams({ time: 'sớm' }));
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('không phải cách ghi thời hạn');
    const set = await page(
      `/plans/${PLAN_ID}/duties/1/time`,
      new URLSearchParams({ time: 'Trước ngày 15/9/2024' }),
    );
    expect(set.status).toBe(303);
    const dated = (await stored()).find((d) => d.ref === '1');
    expect(dated?.undated).toBeUndefined();
    expect(dated?.instances.map((i) => i.lastDay)).toEqual(['14/09/2024']);
  });
});
