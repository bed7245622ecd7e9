// Writes the import corpus (fixtures/corpus/<case>/) from the readable sources kept beside it:
//
//   directory.yaml -> directory.json   localities and agencies in short form; the People's
//                                      Committees of the listed localities are spelled out by name
//                                      (no isCommune flag: the importer must know them by name)
//   table.yaml     -> table.xlsx | table.csv | table.docx   the assignment table as people type it
//   targets.yaml   -> targets.xlsx | targets.csv            a per-locality targets table (some cases)
//   expected.yaml  -> expected.json    what a civil servant reads in the table, written by hand;
//                                      this script only expands the group shorthands into ids
//
// plan.json is written by hand. The output is byte-for-byte reproducible: workbook and document
// dates and every zip entry's timestamp are fixed, so `git diff` shows only real changes.
//
//   node scripts/make-corpus.ts            # every case
//   node scripts/make-corpus.ts <case>...  # some
import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import {
  AlignmentType,
  Document,
  Packer,
  PageBreak,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import { format, resolveConfig } from 'prettier';
import { parse } from 'yaml';
import { fixZipTimestamps } from '../exports/zip-time.ts';

const CORPUS = new URL('../fixtures/corpus/', import.meta.url);
const FIXED_DATE = new Date('2025-01-01T00:00:00Z');

// ---------------------------------------------------------------- sources

/** A cell of table.yaml: text, a merged cell's top-left ({t, rs, cs}), or null under a merge. */
type Cell = string | null | { t: string; rs?: number; cs?: number; b?: boolean };
/**
 * A row: its cells, or one line with the cells between "|" (for rows without merges), or a
 * marker: a page break (the table goes on on the next page).
 */
type Row = Cell[] | string | { pageBreak: true };
const cellsOf = (row: Cell[] | string): Cell[] =>
  typeof row === 'string' ? row.split('|').map((c) => c.trim()) : row;

interface TableSource {
  format: 'xlsx' | 'csv' | 'docx';
  sheet?: string;
  /** Column widths in characters (XLSX) and relative widths (Word). */
  widths: number[];
  /** Lines above the table: title, "(Kèm theo Kế hoạch số …)". */
  title: string[];
  /** The header row; in Word, marked to repeat on every page when repeatHeader is set. */
  header: string[];
  repeatHeader?: boolean;
  rows: Row[];
  /** Lines below the table (notes, signature). */
  after?: string[];
}

interface DirectorySource {
  $comment: string;
  /** The mail domain of the placeholders, e.g. kon-tum.example. */
  domain: string;
  localities: [string, string, string, string?][];
  /** "id | name | locality | head's title | short name; short name" */
  agencies: string[];
  /** Localities whose People's Committee is listed, named after the locality. */
  peoplesCommittees: string[];
}

type Ids = string | Ids[];
interface ExpectedSource {
  $comment?: string;
  planId: string;
  file: string;
  duties: {
    stt: string;
    content: string;
    lead: Ids;
    coordinating?: Ids;
    receiver?: string;
    undated?: 'standing' | 'on-request';
    mode?: 'before' | 'on' | 'within';
    /** [period, last allowed day dd/mm/yyyy, mode?] */
    instances?: [string | number, string, string?][];
    note?: string;
  }[];
  projects?: string[];
  targets?: {
    file: string;
    year: number;
    /** The row (1-based, as the sheet shows it) whose stated total differs from its rows' sum. */
    totalRow: number;
    total: { stated: number; sum: number; column: string };
    rows: { locality: string; values: Record<string, number> }[];
  };
}

// ---------------------------------------------------------------- directory

const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

function directoryOf(src: DirectorySource) {
  const levelOf = new Map(src.localities.map(([id, , level]) => [id, level]));
  const nameOf = new Map(src.localities.map(([id, name]) => [id, name]));
  const contact = (id: string, head: string) => {
    const host = `${id.split('.').reverse().join('.')}.${src.domain}`;
    return {
      head: { name: head, email: `lanh-dao@${host}` },
      focalPoints: [{ name: `Đầu mối giảm nghèo, ${head}`, email: `giam-ngheo@${host}` }],
    };
  };
  const agencies = src.agencies.map((line) => {
    const [id = '', name = '', locality = '', head = '', short = ''] = line
      .split('|')
      .map((s) => s.trim());
    const a = {
      id,
      name,
      locality,
      head,
      short: short === '' ? [] : short.split(';').map((s) => s.trim()),
    };
    const level = levelOf.get(a.locality);
    if (!level) throw new Error(`agency ${a.id}: no locality ${a.locality}`);
    return {
      id: a.id,
      name: a.name,
      shortNames: a.short,
      level,
      localityId: a.locality,
      ...contact(a.id, a.head),
    };
  });
  for (const loc of src.peoplesCommittees) {
    const name = nameOf.get(loc);
    const level = levelOf.get(loc);
    if (!name || !level) throw new Error(`peoplesCommittees: no locality ${loc}`);
    const place = lowerFirst(name);
    agencies.push({
      id: `${loc}.ubnd`,
      name: `Ủy ban nhân dân ${place}`,
      shortNames: [`UBND ${place}`],
      level,
      localityId: loc,
      ...contact(`${loc}.ubnd`, `Chủ tịch UBND ${place}`),
    });
  }
  const ids = agencies.map((a) => a.id);
  if (new Set(ids).size !== ids.length) throw new Error('duplicate agency id');
  return {
    $comment: src.$comment,
    localities: src.localities.map(([id, name, level, parentId]) => ({
      id,
      name,
      level,
      ...(parentId ? { parentId } : {}),
    })),
    agencies,
  };
}

// ---------------------------------------------------------------- expected

/**
 * Expands the shorthands of expected.yaml: nested lists (YAML aliases of named groups) are
 * flattened, and "PCs(x)" is the People's Committee of every locality directly under x.
 */
function expandIds(ids: Ids | undefined, dir: ReturnType<typeof directoryOf>): string[] {
  const out: string[] = [];
  const walk = (v: Ids | undefined) => {
    if (v === undefined) return;
    if (Array.isArray(v)) return v.forEach(walk);
    const m = /^PCs\((.+)\)$/.exec(v);
    if (m) {
      const children = dir.localities.filter((l) => l.parentId === m[1]).map((l) => l.id);
      if (children.length === 0) throw new Error(`${v}: no locality under ${m[1]}`);
      for (const c of children) out.push(`${c}.ubnd`);
      return;
    }
    out.push(v);
  };
  walk(ids);
  const known = new Set(dir.agencies.map((a) => a.id));
  for (const id of out) if (!known.has(id)) throw new Error(`expected.yaml: no agency ${id}`);
  return [...new Set(out)].sort();
}

function expectedOf(src: ExpectedSource, dir: ReturnType<typeof directoryOf>) {
  const stts = src.duties.map((d) => d.stt);
  if (new Set(stts).size !== stts.length) throw new Error('expected.yaml: duplicate stt');
  return {
    ...(src.$comment ? { $comment: src.$comment } : {}),
    planId: src.planId,
    file: src.file,
    duties: src.duties.map((d) => {
      if (!d.undated && !d.instances) throw new Error(`stt ${d.stt}: no instances and not undated`);
      for (const [, day] of d.instances ?? []) {
        if (!/^\d\d\/\d\d\/\d{4}$/.test(day)) throw new Error(`stt ${d.stt}: bad day ${day}`);
      }
      return {
        stt: d.stt,
        content: d.content,
        lead: expandIds(d.lead, dir),
        coordinating: expandIds(d.coordinating ?? [], dir),
        ...(d.receiver ? { receiver: expandIds(d.receiver, dir)[0] } : {}),
        ...(d.undated ? { undated: d.undated } : {}),
        instances: (d.instances ?? []).map(([period, lastDay, mode]) => ({
          period: String(period),
          lastDay,
          mode: mode ?? d.mode ?? 'within',
        })),
        ...(d.note ? { note: d.note } : {}),
      };
    }),
    projects: src.projects ?? [],
    ...(src.targets
      ? {
          targets: {
            ...src.targets,
            rows: src.targets.rows.map((r) => {
              if (!dir.localities.some((l) => l.id === r.locality))
                throw new Error(`targets: no locality ${r.locality}`);
              return r;
            }),
          },
        }
      : {}),
  };
}

// ---------------------------------------------------------------- tables

const textOf = (c: Cell): string => (c === null ? '' : typeof c === 'string' ? c : c.t);

/** The grid as a spreadsheet holds it: merged-away cells empty, page breaks as row indexes. */
function grid(src: TableSource): { cells: string[][]; breaks: number[]; merges: string[] } {
  const width = src.header.length;
  const cells: string[][] = [];
  const breaks: number[] = [];
  const merges: string[] = [];
  const col = (i: number) => String.fromCharCode(65 + i);
  for (const t of src.title) cells.push([t, ...Array<string>(width - 1).fill('')]);
  cells.push(Array<string>(width).fill(''));
  cells.push([...src.header]);
  for (const line of src.rows) {
    if (typeof line === 'object' && !Array.isArray(line)) {
      if (line.pageBreak !== true) throw new Error(`not a row: ${JSON.stringify(line)}`);
      breaks.push(cells.length);
      continue;
    }
    const row = cellsOf(line);
    if (row.length !== 0 && row.length !== width)
      throw new Error(`row of ${row.length} cells, header has ${width}: ${JSON.stringify(row)}`);
    const r = cells.length + 1;
    row.forEach((c, j) => {
      if (c !== null && typeof c === 'object' && ((c.rs ?? 1) > 1 || (c.cs ?? 1) > 1)) {
        merges.push(`${col(j)}${r}:${col(j + (c.cs ?? 1) - 1)}${r + (c.rs ?? 1) - 1}`);
      }
    });
    cells.push(row.length === 0 ? Array<string>(width).fill('') : row.map(textOf));
  }
  for (const t of src.after ?? []) cells.push([t, ...Array<string>(width - 1).fill('')]);
  return { cells, breaks, merges };
}

async function xlsxOf(src: TableSource): Promise<Buffer> {
  const { cells, breaks, merges } = grid(src);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'giam-ngheo-duties corpus';
  workbook.lastModifiedBy = 'giam-ngheo-duties corpus';
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  const sheet = workbook.addWorksheet(src.sheet ?? 'Phụ lục', {
    pageSetup: { orientation: 'landscape', paperSize: 9 },
  });
  sheet.columns = src.widths.map((w) => ({ width: w }));
  const headerAt = src.title.length + 2;
  cells.forEach((row, i) => {
    const r = sheet.getRow(i + 1);
    row.forEach((text, j) => {
      if (text === '') return;
      const cell = r.getCell(j + 1);
      cell.value = text;
      cell.alignment = { vertical: 'top', wrapText: true };
    });
    if (i + 1 === headerAt || (row.join('|') === src.header.join('|') && i + 1 > headerAt))
      r.font = { bold: true };
  });
  for (const m of merges) sheet.mergeCells(m);
  for (const b of breaks) sheet.getRow(b).addPageBreak();
  sheet.pageSetup.printTitlesRow = `${headerAt}:${headerAt}`;
  return fixZipTimestamps(Buffer.from(await workbook.xlsx.writeBuffer()), FIXED_DATE);
}

/** CSV as Excel's "CSV UTF-8" saves it: a byte-order mark, CRLF, quotes where needed. */
function csvOf(src: TableSource): Buffer {
  const { cells } = grid(src);
  const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  return Buffer.from(`\uFEFF${cells.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`);
}

async function docxOf(src: TableSource): Promise<Buffer> {
  const total = src.widths.reduce((a, b) => a + b, 0);
  // Landscape A4 less margins: about 14,000 twentieths of a point.
  const dxa = src.widths.map((w) => Math.round((w / total) * 14000));
  const paragraphs = (text: string, bold = false) =>
    text.split('\n').map(
      (line) =>
        new Paragraph({
          children: [new TextRun({ text: line, bold, size: 24, font: 'Times New Roman' })],
        }),
    );
  const cellOf = (c: Cell, j: number, bold = false) =>
    new TableCell({
      children: paragraphs(textOf(c), bold || (typeof c === 'object' && c?.b === true)),
      width: { size: dxa[j] ?? 1000, type: WidthType.DXA },
      verticalAlign: VerticalAlign.TOP,
      ...(typeof c === 'object' && c !== null && c.rs ? { rowSpan: c.rs } : {}),
      ...(typeof c === 'object' && c !== null && c.cs ? { columnSpan: c.cs } : {}),
    });
  const headerRow = () =>
    new TableRow({
      tableHeader: src.repeatHeader === true,
      children: src.header.map((h, j) => cellOf(h, j, true)),
    });
  const tableOf = (rows: TableRow[]) =>
    new Table({ rows, columnWidths: dxa, width: { size: 14000, type: WidthType.DXA } });

  const children: (Paragraph | Table)[] = src.title.map(
    (line) =>
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            text: line,
            bold: !line.startsWith('('),
            italics: line.startsWith('('),
            size: 26,
            font: 'Times New Roman',
          }),
        ],
      }),
  );
  children.push(new Paragraph({ children: [] }));
  let rows: TableRow[] = [headerRow()];
  for (const line of src.rows) {
    if (typeof line === 'object' && !Array.isArray(line)) {
      // A table retyped after a page break: the rows that follow start a new table.
      children.push(tableOf(rows), new Paragraph({ children: [new PageBreak()] }));
      rows = [];
      continue;
    }
    const row = cellsOf(line);
    if (row.length === 0) continue;
    const isHeader = row.map(textOf).join('|') === src.header.join('|');
    const kept = row.flatMap((c, j) => (c === null ? [] : [cellOf(c, j, isHeader)]));
    rows.push(new TableRow({ children: kept }));
  }
  children.push(tableOf(rows));
  for (const line of src.after ?? []) children.push(...paragraphs(line));

  const doc = new Document({
    creator: 'giam-ngheo-duties corpus',
    title: src.title[0] ?? '',
    sections: [
      { properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } }, children },
    ],
  });
  const stamp = FIXED_DATE.toISOString().replace('.000', '');
  const core =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(src.title[0] ?? '')}</dc:title><dc:creator>giam-ngheo-duties corpus</dc:creator>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified></cp:coreProperties>`;
  const bytes = await Packer.toBuffer(doc, false, [{ path: 'docProps/core.xml', data: core }]);
  return fixZipTimestamps(Buffer.from(bytes), FIXED_DATE);
}

const escapeXml = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

async function tableFile(src: TableSource): Promise<Buffer> {
  if (src.format === 'xlsx') return xlsxOf(src);
  if (src.format === 'csv') return csvOf(src);
  return docxOf(src);
}

// ---------------------------------------------------------------- main

const readYaml = async <T>(url: URL): Promise<T> =>
  parse(await readFile(url, 'utf8'), { maxAliasCount: 1000 }) as T;
/** JSON as the repository's Prettier writes it, so that `npm run lint` passes on the output. */
const json = async (v: unknown, at: URL) =>
  format(JSON.stringify(v), { ...(await resolveConfig(at)), parser: 'json' });

async function makeCase(name: string): Promise<void> {
  const dirUrl = new URL(`${name}/`, CORPUS);
  const directory = directoryOf(await readYaml<DirectorySource>(new URL('directory.yaml', dirUrl)));
  const directoryUrl = new URL('directory.json', dirUrl);
  await writeFile(directoryUrl, await json(directory, directoryUrl));

  const table = await readYaml<TableSource>(new URL('table.yaml', dirUrl));
  await writeFile(new URL(`table.${table.format}`, dirUrl), await tableFile(table));
  const written = [`table.${table.format}`];

  if (existsSync(new URL('targets.yaml', dirUrl))) {
    const targets = await readYaml<TableSource>(new URL('targets.yaml', dirUrl));
    await writeFile(new URL(`targets.${targets.format}`, dirUrl), await tableFile(targets));
    written.push(`targets.${targets.format}`);
  }

  const expected = expectedOf(
    await readYaml<ExpectedSource>(new URL('expected.yaml', dirUrl)),
    directory,
  );
  if (expected.file !== written[0]) throw new Error(`${name}: expected.file is ${expected.file}`);
  const expectedUrl = new URL('expected.json', dirUrl);
  await writeFile(expectedUrl, await json(expected, expectedUrl));
  console.log(
    `${name}: ${directory.agencies.length} agencies, ${expected.duties.length} duties; ${written.join(', ')}`,
  );
}

const all = readdirSync(CORPUS, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(new URL(`${d.name}/table.yaml`, CORPUS)))
  .map((d) => d.name)
  .sort();
const chosen = process.argv.slice(2);
for (const name of chosen.length > 0 ? chosen : all) {
  if (!all.includes(name)) throw new Error(`no case ${name}`);
  await makeCase(name);
}
