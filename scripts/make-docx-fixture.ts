// Writes fixtures/a-luoi/phan-cong.docx from fixtures/a-luoi/phan-cong.csv, the same rows as
// phan-cong.xlsx, laid out as the appendix of Kế hoạch số 171/KH-UBND is in Word: the title
// lines as centred paragraphs, then the table on landscape pages. Where the CSV has a blank row
// and the header again (a page break of the printed plan), the table ends, a page break
// follows, and the next table starts with the header again and the cell continued from the
// page before, as a converted document keeps a table split across pages. A project row ("3.",
// "Dự án 3 …", nothing else) has its title merged across the row, as Word users make it. The
// output is byte-for-byte reproducible: the document's dates and every zip entry's timestamp
// are fixed.
//
//   node scripts/make-docx-fixture.ts
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
import { fixZipTimestamps } from '../exports/zip-time.ts';
import { parseCsv } from '../plans/csv.ts';
import { readTableRows, tableToDuties } from '../plans/table.ts';

const CSV = new URL('../fixtures/a-luoi/phan-cong.csv', import.meta.url);
const XLSX = new URL('../fixtures/a-luoi/phan-cong.xlsx', import.meta.url);
const DOCX = new URL('../fixtures/a-luoi/phan-cong.docx', import.meta.url);
/** The plan's date of issue, 08/9/2022 00:00 in Asia/Ho_Chi_Minh. */
const FIXED_DATE = new Date('2022-09-08T00:00:00+07:00');
const CREATOR = 'giam-ngheo-duties fixtures';
/** Column widths in twentieths of a point, on an A4 landscape page (as the XLSX's widths). */
const WIDTHS = [700, 4200, 2600, 4000, 5300, 2000];
const FONT = { font: 'Times New Roman', size: 24 };

const isHeader = (row: readonly string[]): boolean => row[0] === 'STT';
const isBlank = (row: readonly string[]): boolean => row.every((c) => c === '');
/** "3.", "Dự án 3 …" and nothing else: a project heading. */
const isHeading = (row: readonly string[]): boolean =>
  row[0] !== '' && row[1] !== '' && row.slice(2).every((c) => c === '');

function cell(text: string, opts: { bold?: boolean; span?: number; center?: boolean } = {}) {
  return new TableCell({
    children: [
      new Paragraph({
        alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [new TextRun({ text, bold: opts.bold, ...FONT })],
      }),
    ],
    columnSpan: opts.span,
    verticalAlign: VerticalAlign.TOP,
  });
}

function tableRow(row: readonly string[]): TableRow {
  if (isHeader(row)) {
    return new TableRow({
      tableHeader: true,
      children: row.map((t) => cell(t, { bold: true, center: true })),
    });
  }
  if (isHeading(row)) {
    return new TableRow({
      children: [cell(row[0] ?? '', { bold: true }), cell(row[1] ?? '', { bold: true, span: 5 })],
    });
  }
  return new TableRow({ children: row.map((t) => cell(t)) });
}

const table = (rows: readonly (readonly string[])[]): Table =>
  new Table({
    rows: rows.map(tableRow),
    columnWidths: WIDTHS,
    width: { size: WIDTHS.reduce((a, b) => a + b, 0), type: WidthType.DXA },
  });

/** The document's own dates, fixed (docx stamps the time of packing). */
const CORE_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>Phân công nhiệm vụ - Kế hoạch 171/KH-UBND</dc:title><dc:creator>${CREATOR}</dc:creator><cp:lastModifiedBy>${CREATOR}</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">${FIXED_DATE.toISOString()}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${FIXED_DATE.toISOString()}</dcterms:modified></cp:coreProperties>`;

async function build(rows: readonly string[][]): Promise<Buffer> {
  const headerAt = rows.findIndex(isHeader);
  const title = rows.slice(0, headerAt).map((r) => r[0] ?? '');
  const children: (Paragraph | Table)[] = title.map(
    (line) =>
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            text: line,
            bold: !line.startsWith('('),
            italics: line.startsWith('('),
            ...FONT,
          }),
        ],
      }),
  );
  // One table a page: a blank row followed by the header is where the printed page broke.
  let page: string[][] = [];
  rows.slice(headerAt).forEach((row, i, all) => {
    if (isBlank(row)) {
      if (all[i + 1] && isHeader(all[i + 1] ?? [])) {
        children.push(table(page), new Paragraph({ children: [new PageBreak()] }));
        page = [];
      }
      return;
    }
    page.push(row);
  });
  if (page.length > 0) children.push(table(page));

  const doc = new Document({
    creator: CREATOR,
    title: 'Phân công nhiệm vụ - Kế hoạch 171/KH-UBND',
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        children,
      },
    ],
  });
  const packed = await Packer.toBuffer(doc, false, [{ path: 'docProps/core.xml', data: CORE_XML }]);
  return fixZipTimestamps(Buffer.from(packed), FIXED_DATE);
}

async function main(): Promise<void> {
  const rows = parseCsv(await readFile(CSV, 'utf8'));
  const written = await build(rows);
  if (!written.equals(await build(rows))) throw new Error('the document is not reproducible');

  // Read it back: the document must give the duties the workbook gives.
  const fromDocx = tableToDuties(await readTableRows(new Uint8Array(written), 'docx'));
  const fromXlsx = tableToDuties(await readTableRows(new Uint8Array(await readFile(XLSX)), 'xlsx'));
  // (Row numbers differ: a document's rows are counted in its tables, without the title lines.)
  const same = (t: typeof fromDocx): string => JSON.stringify([t.projects, t.duties]);
  if (same(fromDocx) !== same(fromXlsx)) {
    throw new Error('the DOCX does not give the same duties as the XLSX');
  }

  await writeFile(DOCX, written);
  console.log(`wrote ${DOCX.pathname}: ${fromDocx.duties.length} duties`);
}

await main();
