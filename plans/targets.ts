// A plan's per-locality targets table for one year: for each commune (each district, for a
// province plan) the households, the poor and near-poor households and their rates, the
// target reduction of the poverty rate and the households to lift out of poverty, with a
// "Tổng cộng" / "Toàn huyện" row stating the totals. Tables come typed by hand in Word or
// Excel, so headers vary in words, take one to three rows and sit under title lines; numbers
// are written the Vietnamese way ("7.449", "8,11%").
//
// Pure: rows of cells in, rows matched to localities, totals checked and issues out. Reading
// files is plans/targets-read.ts, storing them plans/targets-service.ts.
import { matchAgency, type DirectoryEntry } from '../domain/agency-match.ts';
import { stripMarks } from '../domain/text.ts';
import { issue, type ImportIssue } from './errors.ts';

/** A cell as read: text, or a number a workbook typed as one (already in percent for rates). */
export type Cell = string | number | null | undefined;

export const TARGET_COLUMNS = [
  'households',
  'poor',
  'poorRate',
  'nearPoor',
  'nearPoorRate',
  'reductionTarget',
  'liftOut',
] as const;
export type TargetColumn = (typeof TARGET_COLUMNS)[number];
export type TargetValues = Partial<Record<TargetColumn, number>>;

/** Counts of households: whole numbers, summed by the total row. */
export const COUNT_COLUMNS: readonly TargetColumn[] = ['households', 'poor', 'nearPoor', 'liftOut'];
/** Rates in percent, and the counts they are computed from (numerator, denominator). */
export const RATE_OF: Partial<Record<TargetColumn, readonly [TargetColumn, TargetColumn]>> = {
  poorRate: ['poor', 'households'],
  nearPoorRate: ['nearPoor', 'households'],
  reductionTarget: ['liftOut', 'households'],
};
const isRate = (c: TargetColumn): boolean => RATE_OF[c] !== undefined;

// ---------------------------------------------------------------------------------------
// Numbers

export type NumberReading = { ok: true; value: number | undefined } | { ok: false };

/**
 * A number as Vietnamese tables write it: a dot groups thousands ("7.449", "1.234.567"), a
 * comma marks decimals ("8,11"), a trailing "%" is dropped (the columns are in percent).
 * "-", dashes and empty cells are no value. A dot followed by other than three digits
 * ("8.11") is a decimal point, as spreadsheets exported in English write it.
 */
export function readNumber(cell: Cell): NumberReading {
  if (cell === null || cell === undefined) return { ok: true, value: undefined };
  if (typeof cell === 'number')
    return Number.isFinite(cell) ? { ok: true, value: cell } : { ok: false };
  const text = cell
    .replace(/[\s\u00a0\u202f]+/g, '')
    .replace(/%$/, '')
    .replace(/^[−–]/, '-');
  if (text === '' || /^[-–—_.x]+$/i.test(text)) return { ok: true, value: undefined };
  const m = /^(-?)(\d[\d.,]*)$/.exec(text);
  if (!m) return { ok: false };
  const sign = m[1] === '-' ? -1 : 1;
  const body = m[2]!;
  let value: number;
  if (/^\d+$/.test(body)) value = Number(body);
  else if (/^\d{1,3}(\.\d{3})+$/.test(body)) value = Number(body.replace(/\./g, ''));
  else if (/^\d{1,3}(\.\d{3})+,\d+$/.test(body))
    value = Number(body.replace(/\./g, '').replace(',', '.'));
  else if (/^\d+,\d+$/.test(body)) value = Number(body.replace(',', '.'));
  else if (/^\d+\.\d+$/.test(body)) value = Number(body);
  else return { ok: false };
  return Number.isFinite(value) ? { ok: true, value: sign * value } : { ok: false };
}

// ---------------------------------------------------------------------------------------
// Headers

/** Folded for matching: lowercase ASCII words separated by single spaces. */
export function fold(text: string): string {
  return stripMarks(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export type HeaderKind = TargetColumn | 'locality' | 'index';

/**
 * What a column holds, from its header (the header rows joined): "Tỷ lệ hộ nghèo (%)",
 * "Hộ nghèo / Tỷ lệ (%)", "Chỉ tiêu giảm tỷ lệ hộ nghèo (%)", "Số hộ nghèo giảm", "Xã, thị
 * trấn"… Undefined for a column the importer does not read ("Ghi chú", "Số nhân khẩu").
 */
export function classifyHeader(raw: string): HeaderKind | undefined {
  const h = fold(raw);
  if (h === '') return undefined;
  const has = (re: RegExp) => re.test(h);
  if (/^(stt|tt|so tt|so thu tu)$/.test(h)) return 'index';
  if (!has(/\bho\b/) && has(/\b(don vi|xa|thi tran|dia phuong|phuong|huyen|ten|dia ban)\b/))
    return 'locality';
  if (has(/\b(khau|nguoi|lao dong)\b/)) return undefined;
  const rate = raw.includes('%') || has(/\b(ty le|phan tram)\b/);
  if (has(/\bcan ngheo\b/)) return rate ? 'nearPoorRate' : 'nearPoor';
  if (has(/\bgiam\b/) && rate) return 'reductionTarget';
  if (has(/\bthoat ngheo\b/) || (has(/\bgiam\b/) && has(/\bho\b/))) return 'liftOut';
  if (has(/\bngheo\b/)) return rate ? 'poorRate' : 'poor';
  if (has(/\b(tong so ho|so ho|tong so|ho dan)\b/)) return rate ? undefined : 'households';
  return undefined;
}

const text = (c: Cell): string => (c === null || c === undefined ? '' : String(c).trim());

/** A row of column numbers under the header: "(1) (2) (3)", "A B 1 2 3". */
const isNumberingRow = (row: readonly Cell[]): boolean => {
  const cells = row.map(text).filter((t) => t !== '');
  return cells.length >= 2 && cells.every((t) => /^\(?[0-9a-z]{1,3}\)?$/i.test(t));
};

export interface HeaderLayout {
  /** Index of the first row after the header. */
  dataStart: number;
  /** 0-based row indexes of the header rows. */
  headerRows: number[];
  locality: number;
  /** Column index of each figure read, and its header as the table writes it. */
  columns: { key: TargetColumn; index: number; header: string }[];
  /** Columns that repeat a column already read (e.g. a second "Số hộ nghèo"). */
  ignored: { index: number; header: string; first: string }[];
}

/** The header texts of columns over rows `rows`, a group heading carried over its columns. */
function joinHeaders(rows: readonly (readonly Cell[])[]): string[] {
  const width = Math.max(...rows.map((r) => r.length));
  const filled = rows.map((r) => Array.from({ length: width }, (_, i) => text(r[i])));
  // A heading merged over several columns ("Hộ nghèo" over "Số hộ" and "Tỷ lệ (%)") is
  // exported with its text in the first cell only: carry it right over the columns that have
  // a heading below, as long as the column it came from has one too.
  for (let r = 0; r < filled.length - 1; r++) {
    const row = filled[r]!;
    const below = filled[r + 1]!;
    for (let c = 1; c < width; c++) {
      if (row[c] === '' && row[c - 1] !== '' && below[c] !== '' && below[c - 1] !== '')
        row[c] = row[c - 1]!;
    }
  }
  return Array.from({ length: width }, (_, c) => {
    const parts: string[] = [];
    for (const row of filled) {
      const t = row[c]!;
      // A merged cell filled down repeats its text: keep it once.
      if (t !== '' && parts.at(-1) !== t) parts.push(t);
    }
    return parts.join(' ');
  });
}

/** Finds the header: its first row names the locality column; it takes up to three rows. */
export function findHeader(rows: readonly (readonly Cell[])[]): HeaderLayout | undefined {
  const limit = Math.min(rows.length, 40);
  for (let start = 0; start < limit; start++) {
    const first = rows[start]!;
    const locality = first.findIndex(
      (c) => text(c).length <= 60 && classifyHeader(text(c)) === 'locality',
    );
    // A title line ("BIỂU CHỈ TIÊU GIẢM NGHÈO CÁC XÃ…") is one cell, however wide.
    if (locality < 0 || new Set(first.map(text).filter((t) => t !== '')).size < 2) continue;
    // Further header rows: nothing in the locality column (or the same text, merged down) and
    // no number typed as one.
    const headerRows = [start];
    for (let r = start + 1; r < Math.min(rows.length, start + 3); r++) {
      const row = rows[r]!;
      const loc = text(row[locality]);
      if (loc !== '' && loc !== text(first[locality])) break;
      if (row.some((c) => typeof c === 'number') || row.every((c) => text(c) === '')) break;
      if (isNumberingRow(row)) break;
      headerRows.push(r);
    }
    const joined = joinHeaders(headerRows.map((r) => rows[r]!));
    const columns: HeaderLayout['columns'] = [];
    const ignored: HeaderLayout['ignored'] = [];
    joined.forEach((header, index) => {
      const kind = classifyHeader(header);
      if (kind === undefined || kind === 'locality' || kind === 'index') return;
      const seen = columns.find((c) => c.key === kind);
      if (seen) ignored.push({ index, header, first: seen.header });
      else columns.push({ key: kind, index, header });
    });
    if (columns.length === 0) continue;
    return { dataStart: headerRows.at(-1)! + 1, headerRows, locality, columns, ignored };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Localities

export interface LocalityCandidate {
  id: string;
  name: string;
  /** Other names: the commune's People's Committee as the directory names it, short names. */
  aliases?: readonly string[];
}

const PREFIXES: [RegExp, string][] = [
  [/^(ubnd|uy ban nhan dan) /, ''],
  [/^(thi tran|tt) /, 'thi tran '],
  [/^(thi xa|tx) /, 'thi xa '],
  [/^(thanh pho|tp) /, 'thanh pho '],
  [/^xa /, 'xa '],
  [/^(phuong|p) /, 'phuong '],
  [/^huyen /, 'huyen '],
  [/^quan /, 'quan '],
  [/^tinh /, 'tinh '],
];

/**
 * A locality's name folded two ways: with its kind spelled out ("thi tran a luoi" for "TT A
 * Lưới") and bare ("a luoi"), so "Xã A Ngo", "A Ngo" and "UBND xã A Ngo" all find it.
 */
export function localityKeys(name: string): { full: string; bare: string } {
  let key = fold(name);
  let kind = '';
  for (let again = true; again;) {
    again = false;
    for (const [re, to] of PREFIXES) {
      const m = re.exec(key);
      if (m) {
        key = key.slice(m[0].length);
        if (to !== '') kind = to;
        again = to === '';
        break;
      }
    }
  }
  return { full: `${kind}${key}`, bare: key };
}

export type LocalityMatch =
  { ok: true; id: string; name: string } | { ok: false; suggestions: string[] };

export function localityMatcher(candidates: readonly LocalityCandidate[]) {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const keyed = candidates.map((c) => {
    const keys = [c.name, ...(c.aliases ?? [])].map(localityKeys);
    return { c, full: new Set(keys.map((k) => k.full)), bare: new Set(keys.map((k) => k.bare)) };
  });
  const entries: DirectoryEntry[] = keyed.map(({ c, bare }) => ({
    id: c.id,
    name: [...bare][0] ?? c.name,
    shortNames: [...bare].slice(1),
  }));
  return (name: string): LocalityMatch => {
    const exactId = byId.get(name.trim());
    if (exactId) return { ok: true, id: exactId.id, name: exactId.name };
    const { full, bare } = localityKeys(name);
    if (bare === '') return { ok: false, suggestions: [] };
    // With its kind ("Thị trấn A Lưới") a name tells a town from a commune of the same name.
    const byFull = keyed.filter((k) => k.full.has(full));
    if (byFull.length === 1) return { ok: true, id: byFull[0]!.c.id, name: byFull[0]!.c.name };
    const byBare = keyed.filter((k) => k.bare.has(bare));
    if (byBare.length === 1) return { ok: true, id: byBare[0]!.c.id, name: byBare[0]!.c.name };
    if (byBare.length > 1) return { ok: false, suggestions: byBare.map((k) => k.c.name) };
    const near = matchAgency(bare, entries);
    return {
      ok: false,
      suggestions: near.ok
        ? [byId.get(near.id)!.name]
        : near.suggestions.map((s) => byId.get(s.id)?.name ?? s.name),
    };
  };
}

// ---------------------------------------------------------------------------------------
// Rows and totals

export interface TargetRow {
  /** 1-based row in the sheet, as a spreadsheet shows it. */
  row: number;
  /** The name as the table writes it. */
  name: string;
  localityId: string;
  localityName: string;
  values: TargetValues;
}

export interface TargetTotal {
  row: number;
  /** "Tổng cộng", "Toàn huyện", "Cộng" as written. */
  label: string;
  values: TargetValues;
}

export interface TargetTable {
  columns: { key: TargetColumn; header: string }[];
  rows: TargetRow[];
  total: TargetTotal | undefined;
  /** Each count summed over the rows; each rate computed from the summed counts. */
  sums: TargetValues;
  warnings: ImportIssue[];
}

const TOTAL = /^(tong cong|tong so|tong|cong|toan (huyen|tinh|thi xa|thanh pho|xa))( |$)/;
const ROMAN = /^(i|ii|iii|iv|v|vi|vii|viii|ix|x|a|b|c|d)\.?$/i;

/** Rounds a computed percent to the two decimals tables print. */
const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Rates agree when they differ by no more than rounding to one or two decimals allows. */
export const RATE_TOLERANCE = 0.05;

/**
 * Reads the rows under the header: locality rows matched to `match`, the total row, heading
 * rows skipped. Errors are collected, never thrown, so a coordinator sees every one at once.
 */
export function readTargetRows(
  rows: readonly (readonly Cell[])[],
  match: (name: string) => LocalityMatch,
): { table: TargetTable; errors: ImportIssue[] } {
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const layout = findHeader(rows);
  const empty: TargetTable = { columns: [], rows: [], total: undefined, sums: {}, warnings };
  if (!layout) {
    errors.push(issue('targets.header.missing', {}, { file: true }));
    return { table: empty, errors };
  }
  for (const col of layout.ignored) {
    warnings.push(
      issue(
        'targets.header.duplicate',
        { header: col.header, first: col.first },
        { row: layout.headerRows[0]! + 1, column: col.header },
        'warning',
      ),
    );
  }
  const out: TargetRow[] = [];
  let total: TargetTotal | undefined;
  const firstRowOf = new Map<string, number>();
  for (let r = layout.dataStart; r < rows.length; r++) {
    const row = rows[r]!;
    const rowNo = r + 1;
    if (row.every((c) => text(c) === '') || isNumberingRow(row)) continue;
    // The name: the locality column, or the first text left of it ("Tổng cộng" merged across
    // the STT and name columns is written in the first).
    let name = text(row[layout.locality]);
    if (name === '') {
      for (let c = 0; c < layout.locality; c++) {
        const t = text(row[c]);
        if (t !== '' && readNumber(t).ok === false && !ROMAN.test(t)) {
          name = t;
          break;
        }
      }
    }
    const values: TargetValues = {};
    const rowErrors: ImportIssue[] = [];
    for (const col of layout.columns) {
      const cell = row[col.index];
      const place = { row: rowNo, column: col.header };
      const reading = readNumber(cell);
      if (!reading.ok) {
        rowErrors.push(
          issue('targets.number.invalid', { value: text(cell), column: col.key }, place),
        );
        continue;
      }
      const v = reading.value;
      if (v === undefined) continue;
      const shown = text(cell);
      if (v < 0) {
        rowErrors.push(issue('targets.number.negative', { value: shown, column: col.key }, place));
      } else if (isRate(col.key) && v > 100) {
        rowErrors.push(
          issue('targets.rate.out-of-range', { value: shown, column: col.key }, place),
        );
      } else if (!isRate(col.key) && !Number.isInteger(v)) {
        rowErrors.push(issue('targets.number.not-whole', { value: shown, column: col.key }, place));
      } else {
        values[col.key] = v;
      }
    }
    const hasFigures = Object.keys(values).length > 0 || rowErrors.length > 0;
    const folded = fold(name);
    const index = text(row[0]);
    if (TOTAL.test(folded) && !/\b(khu vuc|nhom|vung)\b/.test(folded)) {
      errors.push(...rowErrors);
      if (total) {
        warnings.push(issue('targets.row.skipped', { name }, { row: rowNo }, 'warning'));
      } else {
        total = { row: rowNo, label: name, values };
      }
      continue;
    }
    // "I. Khu vực I", "A. Các xã đặc biệt khó khăn": a group heading, or its subtotal.
    if (layout.locality > 0 && ROMAN.test(index) && !match(name).ok) {
      if (hasFigures)
        warnings.push(issue('targets.row.skipped', { name }, { row: rowNo }, 'warning'));
      continue;
    }
    const found = match(name);
    if (!found.ok) {
      // Notes and signatures under the table ("Người lập biểu") hold no figures; a name that
      // says it is a commune, or carries figures, is a commune the directory lacks.
      const looksLikeLocality = /^(xa|thi tran|tt|phuong|huyen|thi xa|ubnd) /.test(folded);
      if (hasFigures || looksLikeLocality) {
        errors.push(
          issue(
            'targets.locality.unknown',
            { name, suggestions: found.suggestions.join('\n') },
            { row: rowNo, column: text(rows[layout.headerRows[0]!]?.[layout.locality]) },
          ),
        );
        errors.push(...rowErrors);
      }
      continue;
    }
    errors.push(...rowErrors);
    const first = firstRowOf.get(found.id);
    if (first !== undefined) {
      errors.push(issue('targets.locality.duplicate', { name, first }, { row: rowNo }));
      continue;
    }
    firstRowOf.set(found.id, rowNo);
    out.push({ row: rowNo, name, localityId: found.id, localityName: found.name, values });
  }
  if (out.length === 0 && errors.length === 0) {
    errors.push(issue('targets.rows.none', {}, { file: true }));
  }
  const sums = sumRows(out);
  if (total) warnings.push(...checkTotal(total, sums));
  return {
    table: {
      columns: layout.columns.map(({ key, header }) => ({ key, header })),
      rows: out,
      total,
      sums,
      warnings,
    },
    errors,
  };
}

/** Counts summed over the rows that state them; rates computed from those sums. */
export function sumRows(rows: readonly { values: TargetValues }[]): TargetValues {
  const sums: TargetValues = {};
  for (const key of COUNT_COLUMNS) {
    const present = rows.map((r) => r.values[key]).filter((v): v is number => v !== undefined);
    if (present.length > 0) sums[key] = present.reduce((a, b) => a + b, 0);
  }
  for (const key of TARGET_COLUMNS) {
    const of = RATE_OF[key];
    if (!of) continue;
    const [num, den] = of;
    const n = sums[num];
    const d = sums[den];
    if (n !== undefined && d !== undefined && d > 0) sums[key] = round2((100 * n) / d);
  }
  return sums;
}

/**
 * The stated total against the rows: each count against the sum of the rows, each rate
 * against the rate the summed counts give (within rounding). Warnings, not errors: the
 * table is imported as the plan states it, and the coordinator sees both numbers.
 */
export function checkTotal(total: TargetTotal, sums: TargetValues): ImportIssue[] {
  const warnings: ImportIssue[] = [];
  for (const key of TARGET_COLUMNS) {
    const stated = total.values[key];
    const computed = sums[key];
    if (stated === undefined || computed === undefined) continue;
    const place = { row: total.row };
    if (!isRate(key)) {
      if (Math.abs(stated - computed) > 1e-9) {
        warnings.push(
          issue(
            'targets.total.count-mismatch',
            { label: total.label, column: key, stated, sum: computed },
            place,
            'warning',
          ),
        );
      }
    } else if (Math.abs(stated - computed) > RATE_TOLERANCE) {
      warnings.push(
        issue(
          'targets.total.rate-mismatch',
          { label: total.label, column: key, stated, computed },
          place,
          'warning',
        ),
      );
    }
  }
  return warnings;
}
