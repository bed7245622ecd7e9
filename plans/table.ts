// The assignment table ("PHÂN CÔNG NHIỆM VỤ") as people keep it in Excel or save it as CSV:
// title lines above the header, the header repeated after page breaks, a cell continued on
// the next page in a row of its own, project rows without agencies that hold sub-project rows
// without an STT. This module turns such rows into plan duties, or says what is wrong where.
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { PlanDuty, PlanProject } from '../common/plan-schema.ts';
import { stripMarks } from '../domain/text.ts';
import { parseCsv } from './csv.ts';
import { ImportError, type ImportIssue } from './errors.ts';
import { checkWorkbookSize } from './workbook-size.ts';

const COLUMNS = ['ref', 'content', 'lead', 'coordinating', 'product', 'time'] as const;
type Column = (typeof COLUMNS)[number];

/** The header as plans write it, and the variants seen in practice, without diacritics. */
const HEADERS: Record<Column, { label: string; accepts: string[] }> = {
  ref: { label: 'STT', accepts: ['stt', 'tt', 'so tt'] },
  content: { label: 'Nội dung công việc', accepts: ['noi dung cong viec', 'noi dung', 'nhiem vu'] },
  lead: { label: 'Cơ quan chủ trì', accepts: ['co quan chu tri', 'don vi chu tri', 'chu tri'] },
  coordinating: {
    label: 'Cơ quan phối hợp',
    accepts: ['co quan phoi hop', 'don vi phoi hop', 'phoi hop'],
  },
  product: { label: 'Sản phẩm', accepts: ['san pham', 'san pham dau ra'] },
  time: {
    label: 'Thời gian',
    accepts: ['thoi gian', 'thoi han', 'thoi gian thuc hien', 'thoi gian hoan thanh'],
  },
};

const foldText = (s: string): string =>
  stripMarks(s)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const clean = (s: string): string => s.replace(/\s+/g, ' ').trim();

export interface TableDuties {
  projects: PlanProject[];
  duties: PlanDuty[];
  /** The spreadsheet row (1-based) each duty starts on, for messages. */
  rowOf: Record<string, number>;
}

function headerColumns(row: readonly string[]): Partial<Record<Column, number>> {
  const found: Partial<Record<Column, number>> = {};
  row.forEach((cell, i) => {
    const folded = foldText(cell);
    for (const col of COLUMNS) {
      if (found[col] === undefined && HEADERS[col].accepts.includes(folded)) found[col] = i;
    }
  });
  return found;
}

export function tableToDuties(rows: readonly (readonly string[])[]): TableDuties {
  const headerAt = rows.findIndex((r) => Object.keys(headerColumns(r)).length >= 4);
  if (headerAt < 0) {
    const expected = COLUMNS.map((c) => HEADERS[c].label).join(' | ');
    throw new ImportError('No assignment table found', [
      { at: 'header', message: `no row has the columns ${expected}` },
    ]);
  }
  const map = headerColumns(rows[headerAt] ?? []);
  const missing = COLUMNS.filter((c) => map[c] === undefined).map((c) => `"${HEADERS[c].label}"`);
  if (missing.length > 0) {
    throw new ImportError('The table header is incomplete', [
      { at: `row ${headerAt + 1}`, message: `missing column ${missing.join(', ')}` },
    ]);
  }

  const issues: ImportIssue[] = [];
  const projects: PlanProject[] = [];
  const duties: PlanDuty[] = [];
  const rowOf: Record<string, number> = {};
  let project: string | undefined;
  let subIndex = 0;
  let last: PlanDuty | undefined;

  rows.slice(headerAt + 1).forEach((raw, i) => {
    const rowNo = headerAt + i + 2;
    const cell = (c: Column): string => clean(raw[map[c] ?? -1] ?? '');
    const v = Object.fromEntries(COLUMNS.map((c) => [c, cell(c)])) as Record<Column, string>;
    if (COLUMNS.every((c) => v[c] === '')) return;
    if (Object.keys(headerColumns(raw)).length >= 4) return; // header repeated after a page break
    const ref = v.ref.replace(/\.$/, '');
    const at = (c: Column): string => `row ${rowNo}, column "${HEADERS[c].label}"`;

    if (!ref && !v.content && !v.lead && !v.coordinating) {
      // The rest of a product or time cell, carried onto the next page.
      if (!last) {
        issues.push({
          at: `row ${rowNo}`,
          message: 'a continued cell with no row above it to continue',
        });
        return;
      }
      if (v.product) last.product = `${last.product} ${v.product}`;
      if (v.time) last.time = `${last.time} ${v.time}`;
      return;
    }
    if (ref && v.content && !v.lead && !v.product && !v.time) {
      projects.push({ ref, title: v.content });
      if (rowOf[ref] !== undefined) {
        issues.push({
          at: at('ref'),
          message: `STT ${ref} appears twice (rows ${rowOf[ref]} and ${rowNo})`,
        });
      }
      rowOf[ref] = rowNo;
      project = ref;
      subIndex = 0;
      last = undefined;
      return;
    }
    let dutyRef = ref;
    if (!ref) {
      if (!project) {
        issues.push({ at: at('ref'), message: 'the row has no STT and no project row above it' });
        return;
      }
      subIndex += 1;
      dutyRef = `${project}.${subIndex}`;
    } else {
      project = undefined;
    }
    for (const c of ['content', 'lead', 'product', 'time'] as const) {
      if (!v[c]) issues.push({ at: at(c), message: 'is empty' });
    }
    if (rowOf[dutyRef] !== undefined) {
      issues.push({
        at: at('ref'),
        message: `STT ${dutyRef} appears twice (rows ${rowOf[dutyRef]} and ${rowNo})`,
      });
    }
    rowOf[dutyRef] = rowNo;
    last = {
      ref: dutyRef,
      content: v.content,
      lead: v.lead,
      coordinating: v.coordinating ? [v.coordinating] : [],
      product: v.product,
      time: v.time,
    };
    duties.push(last);
  });

  // Rows become plan duties without passing through the plan file's schema, so its limits
  // are applied here: a 4 MB "Cơ quan chủ trì" cell kept the agency matcher busy for minutes
  // (found by test/fuzz/importer.test.ts). Empty cells are reported above.
  const overLimit = (
    schema: z.ZodType,
    value: unknown,
    ref: string,
    columnOf: (field: PropertyKey | undefined) => Column,
  ): void => {
    for (const i of schema.safeParse(value).error?.issues ?? []) {
      if (i.code !== 'too_big') continue;
      const at = `row ${rowOf[ref]}, column "${HEADERS[columnOf(i.path[0])].label}"`;
      issues.push({ at, message: i.message });
    }
  };
  for (const p of projects) {
    overLimit(PlanProject, p, p.ref, (f) => (f === 'title' ? 'content' : 'ref'));
  }
  for (const d of duties) {
    overLimit(PlanDuty, d, d.ref, (f) => COLUMNS.find((c) => c === f) ?? 'content');
  }

  if (issues.length > 0) throw new ImportError('The table has errors', issues);
  if (duties.length === 0) {
    throw new ImportError('The table has no duties', [
      { at: `row ${headerAt + 1}`, message: 'no rows below the header' },
    ]);
  }
  return { projects, duties, rowOf };
}

export type TableFormat = 'csv' | 'xlsx';

export function detectTableFormat(fileName: string, bytes: Uint8Array): TableFormat {
  // XLSX is a zip archive: it starts with "PK".
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx';
  if (/\.xlsx$/i.test(fileName)) return 'xlsx';
  return 'csv';
}

export async function readTableRows(bytes: Uint8Array, format: TableFormat): Promise<string[][]> {
  if (format === 'csv') {
    let rows: string[][];
    try {
      rows = parseCsv(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch (err) {
      const message =
        err instanceof TypeError
          ? 'it is not UTF-8 text; save the table as CSV UTF-8 or .xlsx'
          : (err as Error).message;
      throw new ImportError('The CSV file cannot be read', [{ at: 'file', message }]);
    }
    // The workbook's row limit holds for CSV too: 5 MB of short rows is 100,000 duties to
    // match against the directory.
    if (rows.length > MAX_ROWS) throw tooManyRows();
    return rows;
  }
  checkWorkbookSize(bytes, MAX_WORKBOOK_ROWS, MAX_WORKBOOK_CELLS);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new ImportError('The file cannot be read', [
      {
        at: 'file',
        message: 'it is not an Excel workbook (.xlsx); save the table as .xlsx or .csv',
      },
    ]);
  }
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet)
    throw new ImportError('The workbook is empty', [
      { at: 'file', message: 'no sheet has any cells' },
    ]);
  // Only the cells that hold something are visited: a sheet with one stray cell at ZZ20000
  // must not cost 20,000 × 702 lookups.
  const rows: string[][] = [];
  let tooBig = false;
  sheet.eachRow({ includeEmpty: false }, (row, r) => {
    if (r > MAX_ROWS) {
      tooBig = true;
      return;
    }
    const cells: string[] = (rows[r - 1] = []);
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      // A merged range repeats its text in every cell it covers; only its first cell counts
      // (a "Dự án 3" heading merged across the row is a heading, not a duty led by "Dự án 3").
      if (c > MAX_COLUMNS || (cell.isMerged && cell.master.address !== cell.address)) return;
      cells[c - 1] = cellText(cell.value, cell.text);
    });
  });
  if (tooBig) throw tooManyRows();
  return Array.from(rows, (r) => Array.from(r ?? [], (c) => c ?? ''));
}

const MAX_ROWS = 5000;
const tooManyRows = (): ImportError =>
  new ImportError('The sheet is too large', [
    { at: 'file', message: `more than ${MAX_ROWS} rows; an assignment table is far smaller` },
  ]);
const MAX_COLUMNS = 30;
// ExcelJS builds every sheet of a workbook, not only the table's: these bound them all.
const MAX_WORKBOOK_ROWS = 4 * MAX_ROWS;
const MAX_WORKBOOK_CELLS = MAX_ROWS * MAX_COLUMNS;

/** A date typed as a date reads as the plan writes it (dd/mm/yyyy), not in the server's zone. */
function cellText(value: unknown, text: string): string {
  if (value instanceof Date) {
    const d = value;
    const pad = (n: number): string => String(n).padStart(2, '0');
    return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
  }
  return text ?? '';
}
