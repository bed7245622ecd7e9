// An XLSX or DOCX file is a zip archive, and ExcelJS (and mammoth, for .docx) inflates every
// part of it into memory, and builds every row and cell, before the importer can count
// anything. 5 MB of zip inflates to gigabytes: a 1 MB upload of deflated blanks took the process
// past 2 GB, and 1.4 MB of minimal rows (280,000 of them) took 10 s (both found by
// test/fuzz/importer.test.ts). So the parts are inflated here first, each with a hard cap on
// its output, and the rows and cells of the sheets (or of the document's tables) are counted,
// before the library sees the file.
import { inflateRawSync } from 'node:zlib';
import { ImportError, issue } from './errors.ts';

/** Far above a real assignment table (5,000 rows of long Vietnamese text is under 10 MB). */
const MAX_INFLATED = 20 * 1024 * 1024;

/** A long plan with its appendices is 1–2 MB of document XML. */
const MAX_DOCUMENT_XML = 8 * 1024 * 1024;

const EOCD = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const FILE = { file: true } as const;
const unreadable = (i: ReturnType<typeof issue>): ImportError =>
  new ImportError('The file cannot be read', [i], 'table.summary.file-unreadable');

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

interface Entry {
  name: string;
  /** The part's bytes as stored (deflated when method is 8). */
  data: Buffer;
  method: number;
}

/** The archive's entries from its central directory; throws `bad` where it cannot walk it. */
function entries(buf: Buffer, bad: ImportError): Entry[] {
  const end = buf.lastIndexOf(EOCD);
  if (end < 0) throw bad;
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const out: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== CENTRAL) throw bad;
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    const local = buf.readUInt32LE(p + 42);
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    if (buf.readUInt32LE(local) !== LOCAL) throw bad;
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    out.push({ name, method, data: buf.subarray(start, start + size) });
  }
  return out;
}

const bufferOf = (bytes: Uint8Array): Buffer =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** The part names of a zip archive, or undefined when it is not one this reader can walk. */
export function zipPartNames(bytes: Uint8Array): string[] | undefined {
  const bad = new ImportError('not a zip', []);
  try {
    return entries(bufferOf(bytes), bad).map((e) => e.name);
  } catch {
    return undefined;
  }
}

/**
 * Inflates every part under the cap and counts the rows and cells of the parts `counted`
 * picks. A file this reader cannot walk (not a zip, zip64, an unknown compression) is refused
 * with `bad`: it could otherwise hide its real size.
 */
function inflatedCounts(
  bytes: Uint8Array,
  bad: ImportError,
  counted: (name: string) => { row: string; cell: string } | undefined,
): { rows: number; cells: number; countedBytes: number } {
  const tooLarge = unreadable(
    issue('table.file.unpacked-too-large', { mb: MAX_INFLATED / 1024 / 1024 }, FILE),
  );
  let inflated = 0;
  let rows = 0;
  let cells = 0;
  let countedBytes = 0;
  try {
    for (const { name, method, data } of entries(bufferOf(bytes), bad)) {
      let part: Buffer;
      if (method === 0) part = data;
      else if (method === 8) {
        try {
          part = inflateRawSync(data, { maxOutputLength: MAX_INFLATED - inflated + 1 });
        } catch (err) {
          throw (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? tooLarge : bad;
        }
      } else throw bad;
      inflated += part.length;
      if (inflated > MAX_INFLATED) throw tooLarge;
      const tags = counted(name);
      if (tags) {
        countedBytes += part.length;
        rows += countElements(part, tags.row);
        cells += countElements(part, tags.cell);
      }
    }
  } catch (err) {
    // Offsets past the end of the buffer are a damaged archive too.
    throw err instanceof ImportError ? err : bad;
  }
  return { rows, cells, countedBytes };
}

/**
 * Refuses a workbook that inflates past MAX_INFLATED or whose sheets hold, together, more than
 * `maxRows` rows or `maxCells` cells.
 */
export function checkWorkbookSize(bytes: Uint8Array, maxRows: number, maxCells: number): void {
  const bad = unreadable(issue('table.file.not-xlsx', {}, FILE));
  // The parts ExcelJS reads as sheets.
  const { rows, cells } = inflatedCounts(bytes, bad, (name) =>
    /xl\/worksheets\/sheet\d+[.]xml/.test(name) ? { row: 'row', cell: 'c' } : undefined,
  );
  if (rows > maxRows || cells > maxCells) {
    throw new ImportError(
      'The sheet is too large',
      [issue('table.file.sheets-too-large', { rows: maxRows, cells: maxCells }, FILE)],
      'table.summary.too-large',
    );
  }
}

/**
 * The same for a Word document: it inflates under MAX_INFLATED, and its body, notes and
 * comments (the parts mammoth reads) are at most MAX_DOCUMENT_XML and hold at most `maxRows`
 * table rows and `maxCells` cells.
 */
export function checkDocumentSize(bytes: Uint8Array, maxRows: number, maxCells: number): void {
  const bad = unreadable(issue('table.file.not-docx', {}, FILE));
  const { rows, cells, countedBytes } = inflatedCounts(bytes, bad, (name) =>
    /^word\/[^/]+[.]xml$/.test(name) ? { row: 'w:tr', cell: 'w:tc' } : undefined,
  );
  // mammoth takes about a second a megabyte of document XML, and holds it many times over.
  if (countedBytes > MAX_DOCUMENT_XML) {
    throw unreadable(
      issue('table.file.unpacked-too-large', { mb: MAX_DOCUMENT_XML / 1024 / 1024 }, FILE),
    );
  }
  if (rows > maxRows || cells > maxCells) {
    throw new ImportError(
      'The sheet is too large',
      [issue('table.file.document-too-large', { rows: maxRows, cells: maxCells }, FILE)],
      'table.summary.too-large',
    );
  }
}
