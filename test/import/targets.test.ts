// A plan's per-locality targets table through the JSON API, on a real SQLite database (no
// Temporal: importing never talks to it): XLSX, CSV and Word tables as districts write them,
// a stated total that differs from its rows (imported, with a warning naming both numbers),
// an unknown commune (refused, nothing written), the dry run, and the same file twice.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { openDb, type Db } from '../../db/index.ts';
import { localityResults } from '../../plans/targets-service.ts';
import { listen } from '../support/http.ts';

const TOKEN = 'test-token-targets-0123456789';
const PLAN = 'a-luoi-171-2022';
const fixture = (path: string): Buffer =>
  readFileSync(new URL(`../../fixtures/a-luoi/${path}`, import.meta.url));

interface Issue {
  at: string;
  message: string;
  code?: string;
  severity?: string;
}
interface Answer {
  status: number;
  body: {
    outcome?: string;
    rows?: { localityId: string; name: string; values: Record<string, number> }[];
    total?: { label: string; values: Record<string, number> } | null;
    sums?: Record<string, number>;
    warnings?: Issue[];
    error?: { code: string; message: string; details?: Issue[] };
  };
}

let dir: string;
let db: Db;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'targets-'));
  db = await openDb({ sqliteFile: join(dir, 'app.db') });
  const client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  // Vietnamese answers, as a coordinator's browser gets them (no Accept-Language: English).
  ({ server, base } = await listen(createApp({ client, db, apiToken: TOKEN }), {
    acceptLanguage: null,
  }));
  for (const [path, file] of [
    ['/api/directory', 'directory.json'],
    ['/api/plans/import', 'plan.json'],
  ] as const) {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: fixture(file),
    });
    expect(res.status, file).toBeLessThan(300);
  }
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await db?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

async function upload(
  name: string,
  bytes: Uint8Array,
  opts: { year?: string; dryRun?: boolean; plan?: string; token?: string; lang?: string } = {},
): Promise<Answer> {
  const form = new FormData();
  if (opts.year !== undefined) form.set('year', opts.year);
  form.set('file', new Blob([bytes]), name);
  const res = await fetch(
    `${base}/api/plans/${opts.plan ?? PLAN}/targets/import?dryRun=${opts.dryRun ?? false}`,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${opts.token ?? TOKEN}`,
        ...(opts.lang ? { 'accept-language': opts.lang } : {}),
      },
      body: form,
    },
  );
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

async function targetsOf(year: number): Promise<Answer> {
  const res = await fetch(`${base}/api/plans/${PLAN}/targets?year=${year}`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

const stored = () =>
  db.selectFrom('plan_targets').selectAll().orderBy('year').orderBy('row_no').execute();

/**
 * An XLSX table as a district types it: two title lines, a header over two rows with merged
 * groups, numbers typed as numbers, rates formatted as percents, and a total row that says 812
 * households lift out of poverty where its rows add up to 809.
 */
async function xlsxTable(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Biểu 01');
  ws.addRow(['BIỂU CHỈ TIÊU GIẢM NGHÈO NĂM 2024 CÁC XÃ, THỊ TRẤN']);
  ws.mergeCells('A1:H1');
  ws.addRow(['(Kèm theo Kế hoạch số 171/KH-UBND ngày 10/3/2022 của UBND huyện A Lưới)']);
  ws.mergeCells('A2:H2');
  ws.addRow([
    'TT',
    'Xã, thị trấn',
    'Tổng số hộ',
    'Hộ nghèo',
    '',
    'Hộ cận nghèo',
    '',
    'Chỉ tiêu năm 2024',
  ]);
  ws.addRow(['', '', '', 'Số hộ', 'Tỷ lệ (%)', 'Số hộ', 'Tỷ lệ (%)', 'Số hộ thoát nghèo']);
  ws.mergeCells('A3:A4');
  ws.mergeCells('B3:B4');
  ws.mergeCells('C3:C4');
  ws.mergeCells('D3:E3');
  ws.mergeCells('F3:G3');
  const rows: [string, string, number, number, number, number, number, number][] = [
    ['1', 'Thị trấn A Lưới', 2900, 100, 0.0345, 80, 0.0276, 300],
    ['2', 'Xã A Ngo', 1200, 240, 0.2, 120, 0.1, 250],
    ['3', 'Xã Hồng Kim', 1000, 300, 0.3, 90, 0.09, 259],
  ];
  for (const r of rows) {
    const row = ws.addRow(r);
    row.getCell(5).numFmt = '0.00%';
    row.getCell(7).numFmt = '0.00%';
  }
  const total = ws.addRow(['Tổng cộng', '', 5100, 640, 0.1255, 290, 0.0569, 812]);
  ws.mergeCells(`A${total.number}:B${total.number}`);
  total.getCell(5).numFmt = '0.00%';
  total.getCell(7).numFmt = '0.00%';
  ws.addRow([]);
  ws.addRow(['', 'Người lập biểu']);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The same kind of table saved as CSV (UTF-8, Vietnamese numbers as text, total first). */
const csvTable = (commune = 'Xã A Ngo'): Uint8Array =>
  new TextEncoder().encode(
    [
      'CHỈ TIÊU GIẢM NGHÈO NĂM 2023,,,,,',
      'Đơn vị,Tổng số hộ,Số hộ nghèo,Tỷ lệ hộ nghèo (%),Chỉ tiêu giảm tỷ lệ hộ nghèo (%),Số hộ nghèo giảm',
      'Toàn huyện,"7.494",500,"6,71","1,5",112',
      `${commune},"4.449",300,"6,74","1,57",70`,
      'TT A Lưới,"3.000",200,"6,67","1,4",42',
      ',,,,,',
    ].join('\r\n'),
  );

/** A Word table: the header merged down and across, a rate that disagrees with its counts. */
async function docxTable(): Promise<Uint8Array> {
  const cell = (text: string, opts: { rowSpan?: number; columnSpan?: number } = {}) =>
    new TableCell({ children: [new Paragraph(text)], ...opts });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph('Phụ lục: Chỉ tiêu giảm nghèo năm 2025 theo địa phương'),
          new Table({
            rows: [
              new TableRow({
                children: [
                  cell('STT', { rowSpan: 2 }),
                  cell('Địa phương', { rowSpan: 2 }),
                  cell('Tổng số hộ', { rowSpan: 2 }),
                  cell('Hộ nghèo', { columnSpan: 2 }),
                  cell('Số hộ thoát nghèo', { rowSpan: 2 }),
                ],
              }),
              new TableRow({ children: [cell('Số hộ'), cell('Tỷ lệ (%)')] }),
              new TableRow({
                children: [
                  cell('1'),
                  cell('Hồng Kim'),
                  cell('1.000'),
                  cell('200'),
                  cell('20,00'),
                  cell('50'),
                ],
              }),
              new TableRow({
                children: [
                  cell('2'),
                  cell('A Ngo'),
                  cell('1.000'),
                  cell('100'),
                  cell('10,00'),
                  cell('30'),
                ],
              }),
              new TableRow({
                children: [
                  cell('Cộng', { columnSpan: 2 }),
                  cell('2.000'),
                  cell('300'),
                  cell('16,00'),
                  cell('80'),
                ],
              }),
            ],
          }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe('the targets table of a plan and year', () => {
  it('refuses a caller without the API token', async () => {
    const res = await upload('t.csv', csvTable(), {
      year: '2023',
      token: 'wrong-token-0123456789',
    });
    expect(res.status).toBe(401);
  });

  it('XLSX: a dry run shows the rows, the totals and the warning naming both numbers, and writes nothing', async () => {
    const res = await upload('chi-tieu-2024.xlsx', await xlsxTable(), {
      year: '2024',
      dryRun: true,
    });
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe('dry-run');
    expect(res.body.rows?.map((r) => [r.localityId, r.values['liftOut']])).toEqual([
      ['a-luoi.thi-tran-a-luoi', 300],
      ['a-luoi.a-ngo', 250],
      ['a-luoi.hong-kim', 259],
    ]);
    // A percent-formatted cell is read in percent.
    expect(res.body.rows?.[0]?.values['poorRate']).toBeCloseTo(3.45, 5);
    expect(res.body.total?.values['liftOut']).toBe(812);
    expect(res.body.sums?.['liftOut']).toBe(809);
    expect(res.body.warnings?.map((w) => w.message)).toEqual([
      'Tổng cộng: số hộ thoát nghèo ghi 812, tổng các dòng là 809',
    ]);
    expect(res.body.warnings?.[0]).toMatchObject({
      severity: 'warning',
      code: 'targets.total.count-mismatch',
    });
    expect(await stored()).toEqual([]);
  });

  it('XLSX: imported with its warning, read back, and the same file twice changes nothing', async () => {
    const bytes = await xlsxTable();
    const first = await upload('chi-tieu-2024.xlsx', bytes, { year: '2024' });
    expect(first.status).toBe(201);
    expect(first.body.outcome).toBe('created');
    expect(first.body.warnings?.map((w) => w.message)).toEqual([
      'Tổng cộng: số hộ thoát nghèo ghi 812, tổng các dòng là 809',
    ]);
    const before = await db.selectFrom('plan_target_sets').selectAll().execute();
    const rowsBefore = await stored();
    expect(rowsBefore).toHaveLength(3);

    const again = await upload('chi-tieu-2024.xlsx', bytes, { year: '2024' });
    expect(again.status).toBe(200);
    expect(again.body.outcome).toBe('unchanged');
    expect(await db.selectFrom('plan_target_sets').selectAll().execute()).toEqual(before);
    expect(await stored()).toEqual(rowsBefore);

    const read = await targetsOf(2024);
    expect(read.status).toBe(200);
    expect(read.body.rows?.map((r) => r.name)).toEqual([
      'Thị trấn A Lưới',
      'Xã A Ngo',
      'Xã Hồng Kim',
    ]);
    expect(read.body.warnings?.map((w) => w.message)).toEqual([
      'Tổng cộng: số hộ thoát nghèo ghi 812, tổng các dòng là 809',
    ]);
    expect((await targetsOf(2023)).status).toBe(404);
  });

  it('CSV: Vietnamese numbers, the total row first, every mismatch named; in English on request', async () => {
    const res = await upload('chi-tieu-2023.csv', csvTable(), { year: '2023', lang: 'en' });
    expect(res.status).toBe(201);
    expect(res.body.rows?.map((r) => [r.localityId, r.values])).toEqual([
      [
        'a-luoi.a-ngo',
        { households: 4449, poor: 300, poorRate: 6.74, reductionTarget: 1.57, liftOut: 70 },
      ],
      [
        'a-luoi.thi-tran-a-luoi',
        { households: 3000, poor: 200, poorRate: 6.67, reductionTarget: 1.4, liftOut: 42 },
      ],
    ]);
    // The households are mistyped in the total (7.494 for 7.449); the rates agree with the
    // summed counts (500 / 7,449 = 6.71 %, 112 / 7,449 = 1.50 %), and 70 + 42 is 112.
    expect(res.body.warnings?.map((w) => w.message)).toEqual([
      'Toàn huyện: households states 7,494, the rows add up to 7,449',
    ]);
    // The 2024 table is untouched by the 2023 one.
    expect((await stored()).map((r) => r.year)).toEqual([2023, 2023, 2024, 2024, 2024]);
  });

  it('CSV: a new table for the year replaces the old one', async () => {
    const res = await upload('chi-tieu-2023.csv', csvTable('Xã Hồng Kim'), { year: '2023' });
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe('updated');
    const y2023 = (await stored()).filter((r) => r.year === 2023).map((r) => r.locality_id);
    expect(y2023).toEqual(['a-luoi.hong-kim', 'a-luoi.thi-tran-a-luoi']);
  });

  it('Word: merged header cells, and a total rate that disagrees with the summed counts', async () => {
    const res = await upload('phu-luc-2025.docx', await docxTable(), { year: '2025' });
    expect(res.status).toBe(201);
    expect(
      res.body.rows?.map((r) => [r.localityId, r.values['poor'], r.values['liftOut']]),
    ).toEqual([
      ['a-luoi.hong-kim', 200, 50],
      ['a-luoi.a-ngo', 100, 30],
    ]);
    expect(res.body.warnings?.map((w) => w.message)).toEqual([
      'Cộng: tỷ lệ hộ nghèo ghi 16%, tính từ tổng các dòng là 15%',
    ]);
  });

  it('an unknown commune is refused with suggestions, and nothing is written', async () => {
    const before = await stored();
    const res = await upload('chi-tieu-2023.csv', csvTable('Xã Hồng Thượn'), { year: '2023' });
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('import_refused');
    expect(res.body.error?.message).toBe('Bảng chỉ tiêu có lỗi, chưa nhập');
    const issues = res.body.error?.details ?? [];
    expect(issues).toHaveLength(1);
    expect(issues[0]?.at).toBe('hàng 4, cột "Đơn vị"');
    expect(issues[0]?.message).toContain('Không tìm thấy địa bàn "Xã Hồng Thượn"');
    expect(issues[0]?.message).toContain('"Xã Hồng Thượng"');
    expect(await stored()).toEqual(before);
  });

  it('a year outside the plan, a missing file and an unknown plan are refused', async () => {
    const outside = await upload('t.csv', csvTable(), { year: '2030' });
    expect(outside.status).toBe(400);
    expect(outside.body.error?.details?.[0]?.message).toBe(
      'Năm "2030" không thuộc giai đoạn của kế hoạch (2021–2025)',
    );
    const noPlan = await upload('t.csv', csvTable(), { year: '2023', plan: 'no-such-plan' });
    expect(noPlan.status).toBe(404);
  });

  it("the year's results put each locality's report beside its target, with the gap", async () => {
    const now = new Date().toISOString();
    const state = {
      lead: { id: 'a-luoi.ubnd-xa-hong-kim' },
      submissions: [
        { at: '2025-06-15T00:00:00Z', indicators: { 'Số hộ thoát nghèo': 20 } },
        { at: '2025-11-15T00:00:00Z', indicators: { 'Số hộ thoát nghèo': 45 } },
      ],
    };
    await db
      .insertInto('duties')
      .values({
        id: 'duty:targets-test',
        plan_id: PLAN,
        duty_id: 'VII.1',
        period: '2025',
        title: 'Báo cáo năm',
        lead_agency_id: 'a-luoi.ubnd-xa-hong-kim',
        status: 'submitted',
        due_at: now,
        original_due_at: now,
        revision: 1,
        updated_at: now,
        state_json: JSON.stringify(state),
        report_ref: null,
        phase: null,
        submitted_at: now,
      })
      .execute();
    const results = await localityResults(db, PLAN, 2025);
    expect(
      results.map((r) => [r.localityId, r.target.liftOut, r.reported.liftOut, r.gap.liftOut]),
    ).toEqual([
      ['a-luoi.hong-kim', 50, 45, 5],
      ['a-luoi.a-ngo', 30, undefined, undefined],
    ]);
    expect(await localityResults(db, PLAN, 2022)).toEqual([]);
  });
});
