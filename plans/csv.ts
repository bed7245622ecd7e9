// RFC 4180 CSV, as spreadsheet programs save it: quoted fields may hold commas, quotes ("")
// and line breaks; a UTF-8 byte-order mark is dropped; `;` is accepted as the separator when
// the header line has no comma (Excel in some locales).
import { ImportError, issue } from './errors.ts';

export function parseCsv(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = src.slice(0, src.search(/\r?\n|$/));
  const sep = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  // The row a quoted field opened on: where a missing closing quote is to be looked for.
  let quotedFrom = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      quotedFrom = rows.length + 1;
    } else if (c === sep) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (quoted) {
    throw new ImportError(
      'The CSV file cannot be read',
      [issue('table.file.open-quote', {}, { row: quotedFrom })],
      'table.summary.csv-unreadable',
    );
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
