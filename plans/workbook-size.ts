// An XLSX file is a zip archive, and ExcelJS inflates every part of it into memory, and builds
// every row and cell, before the importer can count anything. 5 MB of zip inflates to
// gigabytes: a 1 MB upload of deflated blanks took the process past 2 GB, and 1.4 MB of
// minimal rows (280,000 of them) took 10 s (both found by test/fuzz/importer.test.ts). So the
// parts are inflated here first, each with a hard cap on its output, and the rows and cells of
// the sheets are counted, before ExcelJS sees the file.
import { inflateRawSync } from 'node:zlib';
import { ImportError } from './errors.ts';

/** Far above a real assignment table (5,000 rows of long Vietnamese text is under 10 MB). */
const MAX_INFLATED = 20 * 1024 * 1024;

const EOCD = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const fileIssue = (message: string): ImportError =>
  new ImportError('The file cannot be read', [{ at: 'file', message }]);

/** How many `<tag …>` elements the XML holds (not `<tagSomething>`). */
function countElements(xml: Buffer, tag: string): number {
  const open = Buffer.from(`<${tag}`);
  let n = 0;
  for (let i = xml.indexOf(open); i >= 0; i = xml.indexOf(open, i + open.length)) {
    const next = xml[i + open.length];
    if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x0a || next === 0x0d) n++;
  }
  return n;
}

/**
 * Refuses a workbook that inflates past MAX_INFLATED or whose sheets hold, together, more than
 * `maxRows` rows or `maxCells` cells. A file this reader cannot walk (not a zip, zip64, an
 * unknown compression) is refused as not a workbook: it could otherwise hide its real size.
 */
export function checkWorkbookSize(bytes: Uint8Array, maxRows: number, maxCells: number): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const notWorkbook = fileIssue(
    'it is not an Excel workbook (.xlsx); save the table as .xlsx or .csv',
  );
  const tooLarge = fileIssue(
    `it holds more than ${MAX_INFLATED / 1024 / 1024} MB once unpacked; an assignment table is far smaller`,
  );
  let inflated = 0;
  let rows = 0;
  let cells = 0;
  try {
    const end = buf.lastIndexOf(EOCD);
    if (end < 0) throw notWorkbook;
    const entries = buf.readUInt16LE(end + 10);
    let p = buf.readUInt32LE(end + 16);
    for (let i = 0; i < entries; i++) {
      if (buf.readUInt32LE(p) !== CENTRAL) throw notWorkbook;
      const method = buf.readUInt16LE(p + 10);
      const size = buf.readUInt32LE(p + 20);
      const nameLength = buf.readUInt16LE(p + 28);
      const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
      const local = buf.readUInt32LE(p + 42);
      p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
      if (buf.readUInt32LE(local) !== LOCAL) throw notWorkbook;
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      let part: Buffer;
      if (method === 0) part = data;
      else if (method === 8) {
        try {
          part = inflateRawSync(data, { maxOutputLength: MAX_INFLATED - inflated + 1 });
        } catch (err) {
          throw (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? tooLarge : notWorkbook;
        }
      } else throw notWorkbook;
      inflated += part.length;
      if (inflated > MAX_INFLATED) throw tooLarge;
      // The parts ExcelJS reads as sheets.
      if (/xl\/worksheets\/sheet\d+[.]xml/.test(name)) {
        rows += countElements(part, 'row');
        cells += countElements(part, 'c');
      }
    }
  } catch (err) {
    // Offsets past the end of the buffer are a damaged archive too.
    throw err instanceof ImportError ? err : notWorkbook;
  }
  if (rows > maxRows || cells > maxCells) {
    throw new ImportError('The sheet is too large', [
      {
        at: 'file',
        message: `its sheets hold more than ${maxRows} rows or ${maxCells} cells; an assignment table is far smaller`,
      },
    ]);
  }
}
