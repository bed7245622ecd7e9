// Generators of malformed import files for the property-based tests: assignment tables (CSV,
// XLSX built by ExcelJS, damaged XLSX, raw bytes) grown from A Lưới's real appendix by
// mutations (columns shuffled or missing, unknown agencies, impossible dates, huge cells,
// broken quoting, invalid UTF-8), plan and directory files (JSON, YAML) grown from the real
// ones, and the database fingerprint that shows nothing was written.
//
// Generators yield recipes (plain data) and `materialize*` turns them into bytes, so a failing
// case prints as a short recipe rather than as a dump of bytes.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { sql } from 'kysely';
import { stringify as toYaml } from 'yaml';
import type { Db } from '../../db/index.ts';
import { parseCsv } from '../../plans/csv.ts';
import { anyText, mangled } from './fuzz.ts';
import { decorated, phraseShaped } from './fuzz-phrases.ts';

const FIXTURES = new URL('../../fixtures/', import.meta.url);
export const fixtureText = (path: string): string => readFileSync(new URL(path, FIXTURES), 'utf8');
export const fixtureBytes = (path: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(path, FIXTURES)));

export const A_LUOI_PLAN_ID = 'a-luoi-171-2022';
const TABLE_ROWS = parseCsv(fixtureText('a-luoi/phan-cong.csv'));
const XLSX_FIXTURE = fixtureBytes('a-luoi/phan-cong.xlsx');
const DIRECTORY = JSON.parse(fixtureText('a-luoi/directory.json')) as {
  agencies: { name: string; shortNames?: string[] }[];
};

// ---------------------------------------------------------------------------------------
// Cells

const KNOWN_AGENCIES = DIRECTORY.agencies.flatMap((a) => [a.name, ...(a.shortNames ?? [])]);
const UNKNOWN_AGENCIES = [
  'Phòng Ngoại giao',
  'Sở Vũ trụ',
  'UBND xã Không Tồn Tại',
  'Phòng Tài chánh - Kế hoạch',
  'Phòng Y tê',
  'Ban Chỉ đạo',
  'các đơn vị',
];
const GROUPS = [
  'UBND các xã, thị trấn',
  'các phòng, ban ngành liên quan',
  'UBND cấp xã',
  'địa phương',
  'UBND xã',
];
const HEADERS = [
  'STT',
  'TT',
  'Số TT',
  'Nội dung công việc',
  'Nội dung',
  'Nhiệm vụ',
  'Cơ quan chủ trì',
  'Đơn vị chủ trì',
  'Cơ quan phối hợp',
  'Phối hợp',
  'Sản phẩm',
  'Sản phẩm đầu ra',
  'Thời gian',
  'Thời hạn',
  'Thời gian hoàn thành',
];

/** What people type into a cell, and what they should not. */
export const cellText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...KNOWN_AGENCIES) },
  { weight: 2, arbitrary: fc.constantFrom(...UNKNOWN_AGENCIES, ...GROUPS) },
  { weight: 2, arbitrary: fc.constantFrom(...KNOWN_AGENCIES).chain(mangled) },
  { weight: 3, arbitrary: decorated(phraseShaped) },
  { weight: 2, arbitrary: anyText(40) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '1', '1.', '3.1', 'I', '=1+1', '"', '\n') },
  { weight: 1, arbitrary: fc.constantFrom(...HEADERS) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('x', 'Phòng ', '.,', 'trước ngày 1/1 ', 'a, '), fc.nat(120_000))
      .map(([s, n]) => s.repeat(Math.ceil(n / s.length))),
  },
);

// ---------------------------------------------------------------------------------------
// Tables as rows, mutated from the real appendix or made up

type RowEdit =
  | { op: 'shuffle-header'; keys: number[] }
  | { op: 'shuffle-columns'; keys: number[] }
  | { op: 'drop-column'; col: number }
  | { op: 'set-header'; col: number; text: string }
  | { op: 'set-cell'; row: number; col: number; text: string }
  | { op: 'delete-row'; row: number }
  | { op: 'duplicate-row'; row: number }
  | { op: 'insert-row'; row: number; cells: string[] }
  | { op: 'keep-rows'; count: number }
  | { op: 'ragged'; row: number; width: number };

const rowEdit: fc.Arbitrary<RowEdit> = fc.oneof(
  fc.record({
    op: fc.constant('shuffle-header'),
    keys: fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
  }),
  fc.record({
    op: fc.constant('shuffle-columns'),
    keys: fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
  }),
  fc.record({ op: fc.constant('drop-column'), col: fc.nat(5) }),
  fc.record({
    op: fc.constant('set-header'),
    col: fc.nat(7),
    text: fc.oneof(fc.constantFrom(...HEADERS), anyText(12)),
  }),
  {
    arbitrary: fc.record({
      op: fc.constant('set-cell'),
      row: fc.nat(),
      col: fc.nat(7),
      text: cellText,
    }),
    weight: 4,
  },
  fc.record({ op: fc.constant('delete-row'), row: fc.nat() }),
  fc.record({ op: fc.constant('duplicate-row'), row: fc.nat() }),
  fc.record({
    op: fc.constant('insert-row'),
    row: fc.nat(),
    cells: fc.array(cellText, { maxLength: 8 }),
  }),
  fc.record({ op: fc.constant('keep-rows'), count: fc.nat(40) }),
  fc.record({ op: fc.constant('ragged'), row: fc.nat(), width: fc.nat(9) }),
);

const HEADER_AT = TABLE_ROWS.findIndex((r) => r[0] === 'STT');

function permute<T>(items: readonly T[], keys: readonly number[]): T[] {
  return items
    .map((item, i) => ({ item, key: keys[i] ?? i }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.item);
}

function applyEdits(rows: string[][], edits: readonly RowEdit[]): string[][] {
  let out = rows.map((r) => [...r]);
  const at = (i: number): number => (out.length === 0 ? 0 : i % out.length);
  for (const e of edits) {
    switch (e.op) {
      case 'shuffle-header': {
        const header = out[HEADER_AT];
        if (header) out[HEADER_AT] = permute(header, e.keys);
        break;
      }
      case 'shuffle-columns': {
        const order = permute([0, 1, 2, 3, 4, 5], e.keys);
        out = out.map((r) => order.map((c) => r[c] ?? ''));
        break;
      }
      case 'drop-column':
        out = out.map((r) => r.filter((_, c) => c !== e.col));
        break;
      case 'set-header': {
        const header = out[HEADER_AT];
        if (header) header[e.col] = e.text;
        break;
      }
      case 'set-cell': {
        const row = out[at(e.row)];
        if (row) row[e.col] = e.text;
        break;
      }
      case 'delete-row':
        out.splice(at(e.row), 1);
        break;
      case 'duplicate-row': {
        const row = out[at(e.row)];
        if (row) out.splice(at(e.row), 0, [...row]);
        break;
      }
      case 'insert-row':
        out.splice(at(e.row), 0, e.cells);
        break;
      case 'keep-rows':
        out = out.slice(0, e.count);
        break;
      case 'ragged': {
        const row = out[at(e.row)];
        if (row) row.length = e.width;
        break;
      }
    }
  }
  return out.map((r) => Array.from(r, (c) => c ?? ''));
}

/** Rows of an assignment table: the real one mutated, or rows made up under a made-up header. */
export const tableRows: fc.Arbitrary<string[][]> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .array(rowEdit, { minLength: 1, maxLength: 6 })
      .map((edits) => applyEdits(TABLE_ROWS, edits)),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.shuffledSubarray(HEADERS, { minLength: 3, maxLength: 8 }),
        fc.array(fc.array(cellText, { maxLength: 8 }), { maxLength: 12 }),
      )
      .map(([header, rows]) => [header, ...rows]),
  },
);

// ---------------------------------------------------------------------------------------
// Files

/** Byte-level damage: cut the file short, overwrite bytes, splice bytes in. */
export interface ByteEdits {
  cutAt?: number | undefined;
  overwrite: readonly { at: number; bytes: readonly number[] }[];
}
const byteEdits: fc.Arbitrary<ByteEdits> = fc.record({
  cutAt: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined, freq: 3 }),
  overwrite: fc.array(
    fc.record({
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      bytes: fc.oneof(
        fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }),
        // Invalid UTF-8: a lone continuation byte, a truncated sequence, an overlong form.
        fc.constantFrom<readonly number[]>(
          [0x80],
          [0xc3],
          [0xe1, 0xba],
          [0xc0, 0xaf],
          [0xff, 0xfe],
          [0x00],
          [0x22],
        ),
      ),
    }),
    { maxLength: 3 },
  ),
});

function damage(bytes: Uint8Array, edits: ByteEdits): Uint8Array {
  const out = new Uint8Array(bytes);
  for (const { at, bytes: b } of edits.overwrite) {
    const start = Math.floor(at * Math.max(0, out.length - b.length));
    b.forEach((v, i) => {
      if (start + i < out.length) out[start + i] = v;
    });
  }
  return edits.cutAt === undefined ? out : out.slice(0, Math.floor(edits.cutAt * out.length));
}

/** A cell value ExcelJS can write: text, numbers, dates, formulas, rich text, links, errors. */
export type XlsxCell =
  | string
  | number
  | boolean
  | null
  | { date: string }
  | { formula: string; result?: string | number }
  | { richText: string[] }
  | { hyperlink: string; text: string }
  | { error: string };

const xlsxCell: fc.Arbitrary<XlsxCell> = fc.oneof(
  { weight: 6, arbitrary: cellText },
  { weight: 1, arbitrary: fc.oneof(fc.double(), fc.integer(), fc.boolean(), fc.constant(null)) },
  {
    weight: 1,
    arbitrary: fc
      .date({
        min: new Date('1900-03-01T00:00:00Z'),
        max: new Date('2200-01-01T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => ({ date: d.toISOString() })),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      formula: fc.constantFrom('1+1', 'A1', 'NOW()', 'XYZ(', '"a"&"b"'),
      result: fc.option(fc.oneof(cellText, fc.integer()), { nil: undefined }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ richText: fc.array(cellText, { minLength: 1, maxLength: 3 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      hyperlink: fc.constantFrom('http://x.example', 'javascript:1', ''),
      text: cellText,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ error: fc.constantFrom('#N/A', '#REF!', '#DIV/0!', '#VALUE!') }),
  },
);

export type TableFile =
  | {
      kind: 'csv';
      name: string;
      rows: string[][];
      sep: ',' | ';' | '\t';
      bom: boolean;
      crlf: boolean;
      damage: ByteEdits;
    }
  | {
      kind: 'xlsx';
      name: string;
      sheets: XlsxCell[][][];
      merges: [number, number, number, number][];
      damage: ByteEdits;
    }
  | { kind: 'xlsx-fixture'; name: string; damage: ByteEdits }
  | { kind: 'bytes'; name: string; bytes: Uint8Array };

const fileName = (ext: string) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant(`phan-cong.${ext}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('bảng phân công.CSV', 't.XLSX', 't', '.csv', 'a/b\\c.xlsx', ''),
    },
    { weight: 1, arbitrary: anyText(20) },
  );

const xlsxSheet: fc.Arbitrary<XlsxCell[][]> = fc.oneof(
  tableRows.map((rows) => rows as XlsxCell[][]),
  fc.array(fc.array(xlsxCell, { maxLength: 8 }), { maxLength: 14 }),
  tableRows.chain((rows) =>
    fc.array(fc.tuple(fc.nat(), fc.nat(7), xlsxCell), { maxLength: 6 }).map((sets) => {
      const out: XlsxCell[][] = rows.map((r) => [...r]);
      for (const [r, c, v] of sets) {
        const row = out[r % Math.max(1, out.length)];
        if (row) row[c] = v;
      }
      return out;
    }),
  ),
);

export const tableFile: fc.Arbitrary<TableFile> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('csv' as const),
      name: fileName('csv'),
      rows: tableRows,
      sep: fc.constantFrom(',' as const, ';' as const, '\t' as const),
      bom: fc.boolean(),
      crlf: fc.boolean(),
      damage: byteEdits,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('xlsx' as const),
      name: fileName('xlsx'),
      sheets: fc.array(xlsxSheet, { minLength: 1, maxLength: 2 }),
      merges: fc.array(fc.tuple(fc.nat(30), fc.nat(7), fc.nat(30), fc.nat(7)), { maxLength: 3 }),
      damage: fc.oneof(
        { weight: 3, arbitrary: fc.constant<ByteEdits>({ overwrite: [] }) },
        { weight: 1, arbitrary: byteEdits },
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('xlsx-fixture' as const),
      name: fileName('xlsx'),
      damage: byteEdits,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('bytes' as const),
      name: fileName('xlsx'),
      bytes: fc.oneof(
        fc.uint8Array({ maxLength: 4000 }),
        fc
          .uint8Array({ maxLength: 4000 })
          .map((b) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...b])),
      ),
    }),
  },
);

function csvField(text: string, sep: string): string {
  return /["\r\n]/.test(text) || text.includes(sep) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function xlsxBytes(
  sheets: readonly XlsxCell[][][],
  merges: readonly number[][],
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  sheets.forEach((rows, s) => {
    const sheet = workbook.addWorksheet(`Sheet${s + 1}`);
    rows.forEach((row, r) => {
      row.forEach((value, c) => {
        const cell = sheet.getCell(r + 1, c + 1);
        if (value !== null && typeof value === 'object' && 'date' in value)
          cell.value = new Date(value.date);
        else if (value !== null && typeof value === 'object' && 'richText' in value)
          cell.value = { richText: value.richText.map((text) => ({ text })) };
        else cell.value = value as ExcelJS.CellValue;
      });
    });
    if (s === 0) {
      for (const [r1, c1, r2, c2] of merges) {
        try {
          sheet.mergeCells(r1! + 1, c1! + 1, r2! + 1, c2! + 1);
        } catch {
          // Overlapping merges are refused by ExcelJS itself; the others still apply.
        }
      }
    }
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export async function materializeTable(
  file: TableFile,
): Promise<{ name: string; bytes: Uint8Array }> {
  switch (file.kind) {
    case 'csv': {
      const text = file.rows
        .map((r) => r.map((c) => csvField(c, file.sep)).join(file.sep))
        .join(file.crlf ? '\r\n' : '\n');
      const bytes = new TextEncoder().encode(`${file.bom ? '\ufeff' : ''}${text}`);
      return { name: file.name, bytes: damage(bytes, file.damage) };
    }
    case 'xlsx':
      return {
        name: file.name,
        bytes: damage(await xlsxBytes(file.sheets, file.merges), file.damage),
      };
    case 'xlsx-fixture':
      return { name: file.name, bytes: damage(XLSX_FIXTURE, file.damage) };
    case 'bytes':
      return { name: file.name, bytes: file.bytes };
  }
}

// ---------------------------------------------------------------------------------------
// Workbooks far larger inside than outside: deflated blanks, a million rows, wide rows

/** A zip archive of the given parts, deflated (stored when `store`), written by hand. */
export function zipOf(parts: { name: string; data: Buffer; store?: boolean }[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const body = part.store ? part.data : deflateRawSync(part.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(part.store ? 0 : 8, 8);
    local.writeUInt32LE(crc32(part.data), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(part.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(part.store ? 0 : 8, 10);
    central.writeUInt32LE(crc32(part.data), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(part.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** `megabytes` of blanks, deflated a megabyte at a time so the test never holds them all. */
async function deflatedBlanks(megabytes: number): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const mb = Buffer.alloc(1024 * 1024, 0x20);
  for (let i = 0; i < megabytes; i++) {
    if (!deflate.write(mb)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return Buffer.concat(chunks);
}

/** A raw zip part whose body is already deflated (its declared size may lie). */
function zipOfDeflated(parts: { name: string; deflated: Buffer; size: number }[]): Uint8Array {
  const real = zipOf(parts.map((p) => ({ name: p.name, data: p.deflated, store: true })));
  // Mark each stored part as deflated, with the size it claims once inflated.
  const buf = Buffer.from(real);
  let p = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  p = buf.readUInt32LE(p + 16);
  for (const part of parts) {
    const local = buf.readUInt32LE(p + 42);
    buf.writeUInt16LE(8, local + 8);
    buf.writeUInt32LE(part.size, local + 22);
    buf.writeUInt16LE(8, p + 10);
    buf.writeUInt32LE(part.size, p + 24);
    p += 46 + buf.readUInt16LE(p + 28);
  }
  return new Uint8Array(buf);
}

const WORKBOOK_PARTS = (sheet: string) => [
  {
    name: '[Content_Types].xml',
    data: Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
  },
  {
    name: '_rels/.rels',
    data: Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
  },
  {
    name: 'xl/workbook.xml',
    data: Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
  },
  {
    name: 'xl/_rels/workbook.xml.rels',
    data: Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
  },
  {
    name: 'xl/worksheets/sheet1.xml',
    data: Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheet}</sheetData></worksheet>`,
    ),
  },
];

export type BigWorkbook =
  | { kind: 'blanks'; megabytes: number; liesAboutSize: boolean }
  | { kind: 'rows'; rows: number }
  | { kind: 'wide'; rows: number; columns: number };

/** Workbooks under the 5 MB upload limit that unpack to far more than any assignment table. */
export const bigWorkbook: fc.Arbitrary<BigWorkbook> = fc.oneof(
  fc.record({
    kind: fc.constant('blanks' as const),
    megabytes: fc.integer({ min: 30, max: 400 }),
    liesAboutSize: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('rows' as const),
    rows: fc.integer({ min: 25_000, max: 300_000 }),
  }),
  fc.record({
    kind: fc.constant('wide' as const),
    rows: fc.integer({ min: 600, max: 2_000 }),
    columns: fc.integer({ min: 300, max: 1_000 }),
  }),
);

const columnName = (c: number): string =>
  c < 26 ? String.fromCharCode(65 + c) : columnName(Math.floor(c / 26) - 1) + columnName(c % 26);

export async function materializeBigWorkbook(w: BigWorkbook): Promise<Uint8Array> {
  if (w.kind === 'blanks') {
    const deflated = await deflatedBlanks(w.megabytes);
    const size = w.liesAboutSize ? 1000 : w.megabytes * 1024 * 1024;
    const parts = WORKBOOK_PARTS('').map((p) => ({
      name: p.name,
      deflated: deflateRawSync(p.data),
      size: p.data.length,
    }));
    return zipOfDeflated([...parts, { name: 'docProps/custom.xml', deflated, size }]);
  }
  const rows: string[] = [];
  const columns = w.kind === 'rows' ? 1 : w.columns;
  for (let r = 1; r <= w.rows; r++) {
    let cells = '';
    for (let c = 0; c < columns; c++) cells += `<c r="${columnName(c)}${r}"><v>1</v></c>`;
    rows.push(`<row r="${r}">${cells}</row>`);
  }
  return zipOf(WORKBOOK_PARTS(rows.join('')));
}

// ---------------------------------------------------------------------------------------
// Plan and directory files

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A value a JSON or YAML file may hold where another was expected. */
const wrongValue: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  cellText,
  fc.constantFrom<Json>(
    null,
    -1,
    0,
    1e308,
    2.5,
    '',
    [],
    {},
    '2022-02-30',
    '2022-13-01',
    'a-luoi',
    1e21,
  ),
);

/**
 * An edit at a path: a number picks a key or item modulo how many there are, a string names a
 * key (created by `set` when missing).
 */
export type JsonEdit =
  | { op: 'set'; path: (string | number)[]; value: Json }
  | { op: 'delete'; path: (string | number)[] }
  | { op: 'duplicate-item'; path: (string | number)[] };
const jsonEdit: fc.Arbitrary<JsonEdit> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('set' as const),
      path: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
      value: wrongValue,
    }),
  },
  fc.record({
    op: fc.constant('delete' as const),
    path: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
  }),
  fc.record({
    op: fc.constant('duplicate-item' as const),
    path: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
  }),
);

function applyJsonEdit(root: Json, edit: JsonEdit): Json {
  const copy = structuredClone(root);
  let node: Json = copy;
  const path = edit.path;
  for (let i = 0; i < path.length; i++) {
    if (node === null || typeof node !== 'object') return copy;
    const container = node as Record<string | number, Json>;
    const step = path[i]!;
    let key: string | number;
    if (typeof step === 'string') {
      key = step;
    } else {
      const keys = Array.isArray(node) ? node.map((_, k) => k) : Object.keys(node);
      if (keys.length === 0) return copy;
      key = keys[step % keys.length]!;
    }
    if (i < path.length - 1) {
      node = container[key] ?? null;
      continue;
    }
    if (edit.op === 'set') container[key] = edit.value;
    else if (edit.op === 'delete') {
      if (Array.isArray(node)) node.splice(key as number, 1);
      else delete container[key];
    } else {
      const item = container[key];
      if (Array.isArray(item) && item.length > 0) item.push(structuredClone(item[0]!));
      else if (Array.isArray(node) && item !== undefined) node.push(structuredClone(item));
    }
  }
  return copy;
}

const set = (path: fc.Arbitrary<(string | number)[]>, value: fc.Arbitrary<Json>) =>
  fc.record({ op: fc.constant('set' as const), path, value });
const pathOf = (...steps: (string | fc.Arbitrary<string | number>)[]) =>
  fc.tuple(...steps.map((s) => (typeof s === 'string' ? fc.constant(s) : s)));

/** Edits that reach into a plan's duties and agencies, where resolving does its work. */
export const planEdits: fc.Arbitrary<JsonEdit> = fc.oneof(
  set(pathOf('duties', fc.nat(), fc.constantFrom('time', 'lead', 'ref', 'content')), cellText),
  set(pathOf('duties', fc.nat(), 'coordinating'), fc.array(cellText, { maxLength: 4 })),
  fc.constant<JsonEdit>({ op: 'duplicate-item', path: ['duties'] }),
  set(pathOf('standingAgency'), cellText),
  set(pathOf('relatedOffices', fc.nat()), cellText),
  set(
    pathOf('issuedOn'),
    fc.constantFrom('2022-02-29', '2024-02-29', '2100-12-31', '2000-01-01', '1999-12-31'),
  ),
  set(
    pathOf('period'),
    fc.record({
      from: fc.integer({ min: 1990, max: 2110 }),
      to: fc.integer({ min: 1990, max: 2110 }),
    }),
  ),
  set(
    pathOf('localityId'),
    fc.constantFrom('a-luoi.xa-a-ngo', 'tu-mo-rong', 'nowhere', 'thua-thien-hue'),
  ),
  set(pathOf('id'), fc.constantFrom('a-luoi-171-2022', 'x', 'a'.repeat(100), 'new-plan')),
);

/** Edits of a directory: duplicates, dangling and circular parents, wrong localities. */
export const directoryEdits: fc.Arbitrary<JsonEdit> = fc.oneof(
  fc.constantFrom<JsonEdit>(
    { op: 'duplicate-item', path: ['agencies'] },
    { op: 'duplicate-item', path: ['localities'] },
  ),
  set(
    pathOf('agencies', fc.nat(), fc.constantFrom('localityId', 'id', 'name', 'level')),
    fc.oneof(cellText, fc.constantFrom('a-luoi', 'thua-thien-hue', 'nowhere', 'a-luoi.xa-a-ngo')),
  ),
  set(
    pathOf('agencies', fc.nat(), 'isCommune'),
    fc.jsonValue({ maxDepth: 0 }) as fc.Arbitrary<Json>,
  ),
  set(pathOf('agencies', fc.nat(), 'shortNames'), fc.array(cellText, { maxLength: 3 })),
  set(
    pathOf('localities', fc.nat(), 'parentId'),
    fc.constantFrom('a-luoi', 'thua-thien-hue', 'nowhere', 'a-luoi.xa-a-ngo', ''),
  ),
  fc.record({ op: fc.constant('delete' as const), path: pathOf('localities', fc.nat()) }),
);

export interface TextFile {
  format: 'json' | 'yaml';
  text: string;
}

const yamlOddities = fc.constantFrom(
  'a: &a [1]\nb: *a\nc: *zz\n',
  '!!js/function "function(){}"\n',
  'id: !!binary aGVsbG8=\n',
  '<<: {id: x}\n',
  '? [a]\n: b\n',
  '%YAML 9.9\n---\nid: x\n',
  '---\na: 1\n---\nb: 2\n',
  'id: "\\ud800"\n',
  '\t- tab\n',
  'key: [unclosed\n',
  'id: 1e999\nperiod: {from: 0x7E5, to: 0o3751}\n',
  '__proto__: {polluted: true}\nconstructor: {prototype: {x: 1}}\n',
);

/** A plan or directory file as a recipe: the real one edited or cut short, or something else. */
export type TextRecipe =
  | { format: 'json' | 'yaml'; edits: JsonEdit[] }
  | { format: 'json' | 'yaml'; cut: number }
  | { format: 'json' | 'yaml'; text: string };

const format = fc.constantFrom('json' as const, 'yaml' as const);

export function textFile(focused: fc.Arbitrary<JsonEdit>): fc.Arbitrary<TextRecipe> {
  return fc.oneof(
    {
      weight: 5,
      arbitrary: fc.record({
        format,
        edits: fc.array(fc.oneof(jsonEdit, { weight: 2, arbitrary: focused }), {
          minLength: 1,
          maxLength: 4,
        }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ format, cut: fc.double({ min: 0, max: 1, noNaN: true }) }),
    },
    {
      weight: 1,
      arbitrary: fc
        .jsonValue()
        .map((v) => ({ format: 'json' as const, text: JSON.stringify(v) ?? '' })),
    },
    { weight: 1, arbitrary: fc.record({ format, text: anyText(300) }) },
    { weight: 1, arbitrary: yamlOddities.map((text) => ({ format: 'yaml' as const, text })) },
  );
}

export function materializeText(recipe: TextRecipe, base: Json): TextFile {
  const write = (value: Json): string =>
    recipe.format === 'json' ? JSON.stringify(value) : toYaml(value);
  if ('edits' in recipe)
    return { format: recipe.format, text: write(recipe.edits.reduce(applyJsonEdit, base)) };
  if ('cut' in recipe) {
    const text = write(base);
    return { format: recipe.format, text: text.slice(0, Math.floor(recipe.cut * text.length)) };
  }
  return recipe;
}

export const planJson = JSON.parse(fixtureText('a-luoi/plan.json')) as Json;
export const directoryJson = JSON.parse(fixtureText('a-luoi/directory.json')) as Json;

// ---------------------------------------------------------------------------------------
// The database

/**
 * Every row of every table, hashed: equal before and after a refused import means nothing was
 * written (a count would miss an update in place).
 */
export async function dbFingerprint(db: Db): Promise<string> {
  const tables = (await db.introspection.getTables()).map((t) => t.name).sort();
  const hash = createHash('sha256');
  for (const name of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(
      db,
    );
    const lines = rows.map((r) => JSON.stringify(r)).sort();
    hash.update(`${name}\n${lines.join('\n')}\n`);
  }
  return hash.digest('hex');
}
