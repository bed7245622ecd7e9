// The assignment table ("PHÂN CÔNG NHIỆM VỤ") as people keep it in Word, in Excel or saved as
// CSV: title lines above the header, the header repeated after page breaks (sometimes on two
// rows, "Cơ quan thực hiện" over "Chủ trì" | "Phối hợp"), columns in any order and named in
// many ways, a cell continued on the next page in a row of its own, section rows ("I", "II"),
// project rows without agencies that hold sub-project rows ("a)", "-", "1.1" or no STT),
// merged cells, and in a document sometimes two appendices. This module turns such rows into
// plan duties, or says what is wrong where.
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { PlanDuty, PlanProject } from '../common/plan-schema.ts';
import { stripMarks } from '../domain/text.ts';
import type { Place } from '../i18n/index.ts';
import { parseCsv } from './csv.ts';
import { readDocxBlocks, type Merge } from './docx.ts';
import { ImportError, issue, type ImportIssue } from './errors.ts';
import { checkWorkbookSize, zipPartNames } from './workbook-size.ts';

const COLUMNS = ['ref', 'content', 'lead', 'coordinating', 'product', 'time'] as const;
type Column = (typeof COLUMNS)[number];
/** Every column is asked for, "phối hợp" too: a table without it is more likely misread. */
const REQUIRED: readonly Column[] = COLUMNS;

/** The header as plans write it: the names used in messages about a missing column. */
const LABELS: Record<Column, string> = {
  ref: 'STT',
  content: 'Nội dung công việc',
  lead: 'Cơ quan chủ trì',
  coordinating: 'Cơ quan phối hợp',
  product: 'Sản phẩm',
  time: 'Thời gian',
};

/**
 * What the words of a header cell (folded: no diacritics, no punctuation) say about its
 * column. A cell scores the weights of the phrases it holds, and is the column it scores
 * highest for, when that reaches MIN_SCORE: "Cơ quan, đơn vị chủ trì", "Đơn vị phối hợp thực
 * hiện", "Thời hạn hoàn thành", "Kết quả / Sản phẩm đầu ra" and "Số TT" all read, and so do
 * variants no list foresaw, while "Ghi chú" or "Kinh phí" is no column of a duty (its values
 * are kept as notes). Negative weights keep "Cơ quan thực hiện nhiệm vụ" an agency column.
 */
const WORDS: Record<Column, readonly (readonly [string, number])[]> = {
  ref: [
    ['stt', 6],
    ['tt', 6],
    ['so thu tu', 6],
    ['thu tu', 5],
  ],
  content: [
    ['noi dung', 4],
    ['nhiem vu', 3],
    ['cong viec', 3],
    ['hoat dong', 3],
    ['giai phap', 3],
    ['cong tac', 2],
    ['danh muc', 2],
    ['ten', 1],
    ['de an', 1],
    ['du an', 1],
    ['chuong trinh', 1],
    ['co quan', -4],
    ['don vi', -4],
    ['ket qua', -4],
    ['san pham', -4],
  ],
  lead: [
    ['chu tri', 6],
    ['chiu trach nhiem', 2],
    ['trach nhiem', 1],
    ['co quan', 1],
    ['don vi', 1],
    ['thuc hien', 1],
  ],
  coordinating: [
    ['phoi hop', 6],
    ['tham gia', 4],
  ],
  product: [
    ['san pham', 6],
    ['ket qua', 5],
    ['dau ra', 4],
    ['hinh thuc', 3],
    ['van ban', 1],
  ],
  time: [
    ['thoi gian', 6],
    ['thoi han', 6],
    ['thoi diem', 5],
    ['tien do', 5],
    ['moc', 2],
    ['han', 2],
    ['hoan thanh', 2],
    ['ngay', 1],
    ['nam', 1],
    // A "start" column is not the deadline; a second time column becomes a note.
    ['bat dau', -4],
  ],
};
const MIN_SCORE = 2;
/** An STT header is only those words: "Số TT", not "Số hiệu văn bản". */
const REF_WORDS = new Set(['so', 'thu', 'tu', 'tt', 'stt']);
/** Header cells are short; a long cell is a row's text, whatever words it holds. */
const MAX_HEADER_WORDS = 12;
/** A header row names at least this many of the six columns. */
const MIN_HEADER_COLUMNS = 4;
/** Longer than any limit of a duty: enough to report "too long" without copying megabytes. */
const MAX_CELL_CHARS = 10_000;

const foldText = (s: string): string =>
  stripMarks(s)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const clean = (s: string): string =>
  (s.length > MAX_CELL_CHARS ? s.slice(0, MAX_CELL_CHARS + 1) : s).replace(/\s+/g, ' ').trim();

function scoreCell(folded: string, words: readonly string[], col: Column): number {
  if (col === 'ref') {
    // "S.T.T", "S/TT": the letters of the abbreviation, whatever stands between them.
    if (/^(s|so)?tt$/.test(words.join(''))) return 6;
    if (!words.every((w) => REF_WORDS.has(w))) return 0;
  }
  let score = 0;
  for (const [phrase, weight] of WORDS[col]) if (folded.includes(` ${phrase} `)) score += weight;
  return score;
}

type Best = { col: Column; score: number } | undefined;
// Every row is looked at as a possible repeated header, and tables repeat the same agency and
// time cells: each text is scored once.
const bestCache = new Map<string, Best>();

/** The column a header cell names, if any, and how surely. */
function bestColumn(text: string): Best {
  if (text === '' || text.length > 200) return undefined;
  const cached = bestCache.get(text);
  if (cached !== undefined || bestCache.has(text)) return cached;
  const words = foldText(text).split(' ');
  let best: Best;
  if (words.length <= MAX_HEADER_WORDS && words[0] !== '') {
    const folded = ` ${words.join(' ')} `;
    for (const col of COLUMNS) {
      const score = scoreCell(folded, words, col);
      if (score >= MIN_SCORE && score > (best?.score ?? 0)) best = { col, score };
    }
  }
  if (bestCache.size > 5000) bestCache.clear();
  bestCache.set(text, best);
  return best;
}

/** The table's input: cell texts, and how cells came from merged ones (none for CSV). */
export interface TableGrid {
  rows: string[][];
  /** Per cell: it continues a merged cell (and holds its text), from above or from the left. */
  merged?: (Merge | undefined)[][];
  /** Rows (0-based) that begin another table of a document, with the text before that table. */
  starts?: Map<number, string>;
}

interface Header {
  at: number;
  /** How many rows the header takes (two when a merged heading stands over sub-headings). */
  height: number;
  map: Partial<Record<Column, number>>;
  /** The columns of the table that are no duty field, with their header text: kept as notes. */
  extras: { index: number; label: string }[];
  /** Each column's header as the table writes it, for messages. */
  labels: Record<Column, string>;
}

function readHeader(grid: TableGrid, at: number): Header | undefined {
  const row = grid.rows[at];
  if (!row) return undefined;
  const mergedAt = (r: number, c: number): Merge | undefined => grid.merged?.[r]?.[c];
  const single = row.map((t) => clean(t));
  // A row that names fewer than this is no header, nor the top of a two-row one.
  if (single.filter((t) => bestColumn(t) !== undefined).length < MIN_HEADER_COLUMNS - 1) {
    return undefined;
  }
  const candidates: { texts: string[]; height: number }[] = [{ texts: single, height: 1 }];
  const next = grid.rows[at + 1];
  if (next) {
    // The row below is a sub-header when its own cells are short words under the cells above.
    const own = next
      .map((t, c) => (mergedAt(at + 1, c) === 'above' ? '' : clean(t)))
      .filter((t) => t !== '');
    if (own.length > 0 && own.every((t) => t.length <= 60 && t.split(' ').length <= 6)) {
      const width = Math.max(row.length, next.length);
      const texts = Array.from({ length: width }, (_, c) => {
        const below = mergedAt(at + 1, c) === 'above' ? '' : clean(next[c] ?? '');
        return clean(`${row[c] ?? ''} ${below}`);
      });
      candidates.push({ texts, height: 2 });
    }
  }
  let best: Header | undefined;
  for (const { texts, height } of candidates) {
    const h = mapHeader(texts, at, height, (c) => mergedAt(at, c) === 'left');
    if (!best) best = h;
    // Two rows read as one header only under a row that is a header itself (not a title line
    // above the real header) and only where they name more columns together.
    else if (
      Object.keys(best.map).length >= MIN_HEADER_COLUMNS - 1 &&
      Object.keys(h.map).length > Object.keys(best.map).length
    )
      best = h;
  }
  return best && Object.keys(best.map).length >= MIN_HEADER_COLUMNS ? best : undefined;
}

function mapHeader(
  texts: readonly string[],
  at: number,
  height: number,
  mergedLeft: (c: number) => boolean,
): Header {
  const bestOf = texts.map((text) => bestColumn(text) ?? { col: undefined, score: 0 });
  const map: Partial<Record<Column, number>> = {};
  bestOf.forEach(({ col, score }, i) => {
    if (!col) return;
    const taken = map[col];
    if (taken === undefined || score > (bestOf[taken]?.score ?? 0)) map[col] = i;
  });
  const used = new Set(Object.values(map));
  const extras: Header['extras'] = [];
  texts.forEach((label, index) => {
    if (used.has(index) || label === '') return;
    // A heading merged across columns is one column's heading, not a column of its own.
    if (mergedLeft(index) && texts[index - 1] === label) return;
    extras.push({ index, label: label.slice(0, 100) });
  });
  const labels = { ...LABELS };
  for (const c of COLUMNS) {
    const i = map[c];
    if (i !== undefined && texts[i]) labels[c] = (texts[i] ?? '').slice(0, 100);
  }
  return { at, height, map, extras, labels };
}

/** A row that numbers the columns under the header: "(1) (2) (3) …" or "1 2 3 …". */
function isColumnNumbers(cells: readonly string[]): boolean {
  const filled = cells.map((c) => clean(c)).filter((c) => c !== '');
  if (filled.length < 3) return false;
  const numbers = filled.map((c) => /^\(?(\d{1,2})\)?$/.exec(c)?.[1]);
  return numbers.every(
    (n, i) => n !== undefined && (i === 0 || Number(n) > Number(numbers[i - 1])),
  );
}

/** A row of a sheet that titles another appendix below the first. */
const TITLE_LINE = /^(phu luc|phan cong nhiem vu|bieu so|bieu mau)\b/;
/** Page numbers ("2", "- 2 -", "Trang 2/5") a converter leaves between two parts of a table. */
const PAGE_NUMBER = /^(trang )?\d+( (tren )?\d+)?$/;
/** Text between two tables of a document that introduces the second, not a page break. */
const namesNewTable = (between: string): boolean =>
  between
    .split('\n')
    .map((line) => foldText(line))
    .some((line) => line !== '' && !PAGE_NUMBER.test(line));

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };
function romanValue(s: string): number {
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN[s[i] ?? ''] ?? 0;
    const next = ROMAN[s[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}
/** "PHỤ LỤC II", "Phụ lục số 02" → 2. */
function appendixNumber(text: string): number | undefined {
  const m = /\bphu luc (?:so )?([ivxlc]+|\d+)\b/.exec(foldText(text));
  if (!m?.[1]) return undefined;
  const n = /^\d+$/.test(m[1]) ? Number(m[1]) : romanValue(m[1]);
  return n > 0 && n < 100 ? n : undefined;
}

type RefKind = 'none' | 'bullet' | 'section' | 'number' | 'letter' | 'other';

function refKind(ref: string): RefKind {
  if (ref === '') return 'none';
  if (/^[-–—+•*·]+$/.test(ref)) return 'bullet';
  if (/^[IVXLC]+$/.test(ref) || /^[A-H]$/.test(ref)) return 'section';
  if (/^\d+(\.\d+)*$/.test(ref)) return 'number';
  if (/^[a-zđ]$/.test(ref)) return 'letter';
  return 'other';
}

/** "1." → "1", "a)" → "a", "(b)" → "b", "II." → "II", "1.2." → "1.2". */
const normalRef = (ref: string): string =>
  ref
    .replace(/^\(/, '')
    .replace(/[.):\-–]+$/, '')
    .trim();

export interface TableDuties {
  projects: PlanProject[];
  duties: PlanDuty[];
  /** The spreadsheet row (1-based) each duty starts on, for messages. */
  rowOf: Record<string, number>;
}

type Entry = {
  row: number;
  /** Which appendix of the file (0 for the first). */
  part: number;
  labels: Record<Column, string>;
  extraLabel: string | undefined;
} & (
  | { kind: 'duty'; duty: PlanDuty; extras: Map<string, string> }
  | { kind: 'project'; project: PlanProject }
);

/**
 * Rows under Roman sections are read as "I.1", "II.1". When the numbering runs on across the
 * sections instead (I: 1, 2; II: 3, 4), people cite "3", not "II.3": the section is dropped
 * from every ref of that appendix, as long as no two rows then share an STT.
 */
function citeWithoutSections(entries: Entry[], sections: ReadonlySet<string>): void {
  const parts = new Set(entries.map((e) => e.part));
  for (const part of parts) {
    const mine = entries.filter((e) => e.part === part);
    const heads = [...sections]
      .filter((s) => s.startsWith(`${part} `))
      .map((s) => s.slice(String(part).length + 1));
    if (heads.length === 0) continue;
    const strip = (ref: string): string => {
      const head = heads.find((h) => ref.startsWith(`${h}.`));
      return head ? ref.slice(head.length + 1) : ref;
    };
    const refOf = (e: Entry): string => (e.kind === 'duty' ? e.duty.ref : e.project.ref);
    const isHead = (e: Entry): boolean => e.kind === 'project' && heads.includes(e.project.ref);
    const stripped = mine.filter((e) => !isHead(e)).map((e) => strip(refOf(e)));
    const clash =
      new Set(stripped).size !== stripped.length || stripped.some((r) => heads.includes(r));
    if (clash) continue;
    for (const e of mine) {
      if (isHead(e)) continue;
      if (e.kind === 'duty') e.duty.ref = strip(e.duty.ref);
      else {
        e.project.ref = strip(e.project.ref);
        if (e.project.parentRef) e.project.parentRef = strip(e.project.parentRef);
      }
    }
  }
}

const tableError = (summary: string, issues: ImportIssue[], code: ImportError['code']) =>
  new ImportError(summary, issues, code);

export function tableToDuties(input: TableGrid | readonly (readonly string[])[]): TableDuties {
  const grid: TableGrid = Array.isArray(input)
    ? { rows: (input as readonly (readonly string[])[]).map((r) => [...r]) }
    : (input as TableGrid);
  const { rows } = grid;
  let header: Header | undefined;
  let firstAt = -1;
  for (let r = 0; r < rows.length && !header; r++) {
    header = readHeader(grid, r);
    if (header) firstAt = r;
  }
  if (!header) {
    const expected = COLUMNS.map((c) => LABELS[c]).join(' | ');
    throw tableError(
      'No assignment table found',
      [issue('table.header.not-found', { expected }, { file: true })],
      'table.summary.no-table',
    );
  }
  const missingOf = (h: Header): string[] =>
    REQUIRED.filter((c) => h.map[c] === undefined).map((c) => `"${LABELS[c]}"`);
  const missing = missingOf(header);
  if (missing.length > 0) {
    throw tableError(
      'The table header is incomplete',
      [issue('table.header.missing', { columns: missing.join(', ') }, { row: firstAt + 1 })],
      'table.summary.header-incomplete',
    );
  }

  const issues: { issue: ImportIssue; row: number }[] = [];
  const report = (i: ImportIssue, row: number): void => {
    issues.push({ issue: i, row });
  };
  const entries: Entry[] = [];
  // The text above the first header names the first appendix ("PHỤ LỤC I").
  const before = rows
    .slice(0, firstAt)
    .map((r) => r.join(' '))
    .concat([...(grid.starts?.entries() ?? [])].filter(([r]) => r <= firstAt).map(([, t]) => t))
    .join('\n');
  const partLabels: (number | undefined)[] = [appendixNumber(before)];

  // The reading state, reset for each appendix.
  let part = 0;
  let section: string | undefined;
  // Roman section headings seen, as "<part> <ref>": rows under them are cited "I.1" only when
  // the numbering restarts in each section (see citeWithoutSections).
  const sections = new Set<string>();
  let numbered: string | undefined; // the last numbered row's ref: "3", "I.2", "1.1"
  let lettered: string | undefined; // "3.a"
  let unnumberedHeading: string | undefined; // a heading without STT, holding "-" rows
  let count = new Map<string, number>();
  let projects = new Set<string>();
  let last: Entry | undefined;
  let group: Entry | undefined; // the last row with an STT cell of its own
  let groupBase: string | undefined; // its STT, once that cell shows merged over rows below
  let afterBreak = false;
  let awaitingHeader = false;
  let pendingTitle: string | undefined;

  const startPart = (title: string): void => {
    part += 1;
    partLabels.push(appendixNumber(title));
    section = numbered = lettered = unnumberedHeading = undefined;
    count = new Map();
    projects = new Set();
    last = group = undefined;
    groupBase = undefined;
  };
  const nextSub = (parent: string): string => {
    const n = (count.get(parent) ?? 0) + 1;
    count.set(parent, n);
    return `${parent}.${n}`;
  };

  for (let r = firstAt + header.height; r < rows.length; r++) {
    const raw = rows[r] ?? [];
    const rowNo = r + 1;
    const between = grid.starts?.get(r);
    if (between !== undefined) {
      afterBreak = true;
      if (namesNewTable(between)) {
        pendingTitle = between;
        awaitingHeader = true;
      }
    }
    const again = readHeader(grid, r);
    if (again) {
      if (awaitingHeader && pendingTitle !== undefined) startPart(pendingTitle);
      awaitingHeader = false;
      pendingTitle = undefined;
      const gone = missingOf(again);
      if (gone.length > 0) {
        report(issue('table.header.missing', { columns: gone.join(', ') }, { row: rowNo }), rowNo);
      } else header = again;
      r += again.height - 1;
      afterBreak = true;
      continue;
    }
    if (isColumnNumbers(raw)) continue;
    const h = header;
    const mergedAt = (c: number | undefined): Merge | undefined =>
      c === undefined ? undefined : grid.merged?.[r]?.[c];
    const text = (c: number | undefined): string =>
      c === undefined || mergedAt(c) === 'left' ? '' : clean(raw[c] ?? '');
    const v = Object.fromEntries(COLUMNS.map((c) => [c, text(h.map[c])])) as Record<Column, string>;
    // The coordinating cell keeps its lines: each may be an agency of a list (see `lines`).
    const coordinatingLines =
      v.coordinating && h.map.coordinating !== undefined
        ? (raw[h.map.coordinating] ?? '')
            .slice(0, MAX_CELL_CHARS + 1)
            .split('\n')
            .map((l) => clean(l))
            .filter((l) => l !== '')
            .join('\n')
        : '';
    const refMerged = mergedAt(h.map.ref) === 'above';
    if (refMerged) v.ref = '';
    const extras = h.extras
      .map((e) => ({ label: e.label, value: text(e.index) }))
      .filter((e) => e.value !== '');

    if (COLUMNS.every((c) => v[c] === '') && extras.length === 0) {
      afterBreak = true; // a blank row: the end of a page, as the file was saved
      continue;
    }
    // "PHỤ LỤC II" between two tables of one sheet: its title lines, then its own header.
    const filled = raw.filter((c, i) => c.trim() !== '' && grid.merged?.[r]?.[i] !== 'left');
    const only = filled.length === 1 ? (filled[0] ?? '') : '';
    if (only && !v.lead && TITLE_LINE.test(foldText(only.slice(0, 200)))) {
      pendingTitle = only;
      awaitingHeader = true;
      continue;
    }
    // Its sub-title lines ("Kèm theo Kế hoạch số …") until the header; a row with a lead agency
    // is a duty, whatever stood above it.
    if (awaitingHeader && !v.lead) continue;
    awaitingHeader = false;

    let ref = normalRef(v.ref);
    let kind = refKind(ref);
    let content = v.content;
    // "II. NHIỆM VỤ CỤ THỂ" or "a) Tiểu dự án 1" written in the content cell, the STT cell empty.
    if (kind === 'none' && !refMerged) {
      const m = /^([IVXLC]+|[a-zđ])[.)]\s+(\S.*)$/.exec(content);
      if (m?.[1] && m[2]) {
        ref = m[1];
        kind = refKind(ref);
        if (kind === 'section' || kind === 'letter') content = m[2];
        else kind = 'none';
      }
    }
    const heading = content !== '' && !v.lead && !v.product && !v.time;

    // The rest of a row carried onto the next page: no STT and no lead agency of its own.
    const continued =
      kind === 'none' &&
      !refMerged &&
      !v.lead &&
      ((!v.content && !v.coordinating) || (afterBreak && last !== undefined));
    afterBreak = false;
    if (continued) {
      if (!last) {
        report(issue('table.row.continued-orphan', {}, { row: rowNo }), rowNo);
        continue;
      }
      const join = (a: string, b: string): string => (a && b ? `${a} ${b}` : a || b);
      if (last.kind === 'project') {
        last.project.title = join(last.project.title, v.content);
        continue;
      }
      const d = last.duty;
      d.content = join(d.content, v.content);
      if (coordinatingLines) {
        d.coordinating = [join(d.coordinating[0] ?? '', coordinatingLines)];
      }
      d.product = join(d.product, v.product);
      d.time = join(d.time, v.time);
      for (const e of extras)
        last.extras.set(e.label, join(last.extras.get(e.label) ?? '', e.value));
      continue;
    }

    const secPrefix = section ? `${section}.` : '';
    let full: string;
    let parent: string | undefined;
    if (refMerged && group) {
      // One STT cell merged down over several rows: the rows are its parts, "5.1", "5.2"…
      if (groupBase === undefined) {
        if (group.kind === 'duty') {
          groupBase = group.duty.ref;
          group.duty.ref = nextSub(groupBase);
          // The content merged down too: one task shared out, its STT a heading over the parts.
          if (group.duty.content === content) {
            const heading: Entry = {
              kind: 'project',
              project: { ref: groupBase, title: content },
              row: group.row,
              part: group.part,
              labels: group.labels,
              extraLabel: undefined,
            };
            entries.splice(entries.indexOf(group), 0, heading);
            projects.add(groupBase);
          }
        } else groupBase = group.project.ref;
      }
      parent = groupBase;
      full = nextSub(groupBase);
    } else if (kind === 'section' && heading) {
      section = ref;
      sections.add(`${part} ${ref}`);
      numbered = lettered = unnumberedHeading = undefined;
      const entry: Entry = {
        kind: 'project',
        project: { ref, title: content },
        row: rowNo,
        part,
        labels: h.labels,
        extraLabel: undefined,
      };
      projects.add(ref);
      entries.push(entry);
      last = group = entry;
      groupBase = undefined;
      continue;
    } else if (kind === 'number' || kind === 'other' || kind === 'section') {
      full = `${secPrefix}${ref}`;
      const dot = full.lastIndexOf('.');
      parent = dot > 0 ? full.slice(0, dot) : undefined;
      numbered = full;
      lettered = unnumberedHeading = undefined;
    } else if (kind === 'letter') {
      parent = numbered ?? section;
      full = parent ? `${parent}.${ref}` : ref;
      lettered = full;
      unnumberedHeading = undefined;
    } else {
      parent =
        (kind === 'bullet' ? unnumberedHeading : undefined) ?? lettered ?? numbered ?? section;
      if (!parent) {
        report(issue('table.row.no-parent', {}, { row: rowNo, column: h.labels.ref }), rowNo);
        continue;
      }
      full = nextSub(parent);
      if (kind === 'none') unnumberedHeading = heading ? full : undefined;
    }

    const base = {
      row: rowNo,
      part,
      labels: h.labels,
      extraLabel: h.extras[0]?.label,
    };
    let entry: Entry;
    if (heading) {
      const project: PlanProject = { ref: full, title: content };
      if (parent && projects.has(parent)) project.parentRef = parent;
      projects.add(full);
      entry = { ...base, kind: 'project', project };
    } else {
      entry = {
        ...base,
        kind: 'duty',
        duty: {
          ref: full,
          content,
          lead: v.lead,
          coordinating: coordinatingLines ? [coordinatingLines] : [],
          product: v.product,
          time: v.time,
        },
        extras: new Map(extras.map((e) => [e.label, e.value])),
      };
    }
    entries.push(entry);
    last = entry;
    if (!refMerged) {
      group = entry;
      groupBase = undefined;
    }
  }

  citeWithoutSections(entries, sections);

  // Two appendices in one file number their rows each from 1: "PL1.3" and "PL2.3" stay apart.
  const parts = part + 1;
  const prefixOf = (p: number): string => {
    if (parts < 2) return '';
    const label = partLabels[p];
    const unique = label !== undefined && partLabels.indexOf(label) === p;
    return `PL${unique ? label : p + 1}.`;
  };

  const projectsOut: PlanProject[] = [];
  const duties: PlanDuty[] = [];
  const rowOf: Record<string, number> = {};
  for (const e of entries) {
    const prefix = prefixOf(e.part);
    const at = (c: Column): Place => ({ row: e.row, column: e.labels[c] });
    const ref = `${prefix}${e.kind === 'duty' ? e.duty.ref : e.project.ref}`;
    if (e.kind === 'duty') {
      for (const c of ['content', 'lead', 'product', 'time'] as const) {
        if (!e.duty[c]) report(issue('table.cell.empty', {}, at(c)), e.row);
      }
    }
    if (rowOf[ref] !== undefined) {
      const params = { ref, first: rowOf[ref], second: e.row };
      report(issue('table.ref.duplicate', params, at('ref')), e.row);
    } else rowOf[ref] = e.row;
    if (e.kind === 'project') {
      const p: PlanProject = { ref, title: e.project.title };
      if (e.project.parentRef) p.parentRef = `${prefix}${e.project.parentRef}`;
      projectsOut.push(p);
      overLimit(PlanProject, p, (f) => at(f === 'title' ? 'content' : 'ref'), e.row);
      continue;
    }
    const d: PlanDuty = { ...e.duty, ref, coordinating: lines(e.duty.coordinating) };
    const notes = [...e.extras].map(([label, value]) => `${label}: ${value}`).join('\n');
    if (notes) d.notes = notes;
    duties.push(d);
    overLimit(
      PlanDuty,
      d,
      (f) =>
        f === 'notes'
          ? { row: e.row, column: e.extraLabel ?? 'Ghi chú' }
          : at(COLUMNS.find((c) => c === f) ?? 'content'),
      e.row,
    );
  }

  // Rows become plan duties without passing through the plan file's schema, so its limits
  // are applied here: a 4 MB "Cơ quan chủ trì" cell kept the agency matcher busy for minutes
  // (found by test/fuzz/importer.test.ts). Empty cells are reported above.
  function overLimit(
    schema: z.ZodType,
    value: unknown,
    placeOf: (field: PropertyKey | undefined) => Place,
    row: number,
  ): void {
    for (const i of schema.safeParse(value).error?.issues ?? []) {
      if (i.code !== 'too_big') continue;
      report(issue('table.cell.too-long', { max: Number(i.maximum) }, placeOf(i.path[0])), row);
    }
  }

  if (issues.length > 0) {
    // In the order of the file, so a coordinator can work down the table.
    const sorted = issues.map((x, i) => ({ ...x, i })).sort((a, b) => a.row - b.row || a.i - b.i);
    throw tableError(
      'The table has errors',
      sorted.map((x) => x.issue),
      'table.summary.has-errors',
    );
  }
  if (duties.length === 0) {
    throw tableError(
      'The table has no duties',
      [issue('table.row.none-below-header', {}, { row: firstAt + 1 })],
      'table.summary.no-duties',
    );
  }
  return { projects: projectsOut, duties, rowOf };
}

/**
 * A coordinating cell written as lines (paragraphs in Word, "- " items, Alt+Enter in Excel) is
 * a list: its items are joined with ";" so that each stays one agency for the matcher. A line
 * that starts in lower case ("khu vực huyện") is the name above wrapped, not an item.
 */
function lines(coordinating: readonly string[]): string[] {
  const text = coordinating[0];
  if (text === undefined) return [];
  const items: string[] = [];
  for (const line of text.split('\n')) {
    const bullet = /^[-–+•*·]\s*/.exec(line);
    const item = line.slice(bullet?.[0].length ?? 0).trim();
    if (!item) continue;
    const first = item[0] ?? '';
    if (items.length > 0 && !bullet && first === first.toLowerCase() && /\p{L}/u.test(first)) {
      items[items.length - 1] = `${items.at(-1)} ${item}`;
    } else items.push(item);
  }
  const joined = items.length > 1 ? items.map((i) => i.replace(/[;,.]$/, '')).join('; ') : items[0];
  return joined ? [joined] : [];
}

export type TableFormat = 'csv' | 'xlsx' | 'docx';

export function detectTableFormat(fileName: string, bytes: Uint8Array): TableFormat {
  // XLSX and DOCX are both zip archives ("PK"): their parts tell them apart, and a damaged
  // archive is taken at its name.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const parts = zipPartNames(bytes) ?? [];
    if (parts.includes('word/document.xml')) return 'docx';
    if (parts.includes('xl/workbook.xml')) return 'xlsx';
    return /\.docx$/i.test(fileName) ? 'docx' : 'xlsx';
  }
  if (/\.docx$/i.test(fileName)) return 'docx';
  if (/\.xlsx$/i.test(fileName)) return 'xlsx';
  return 'csv';
}

const FILE = { file: true } as const;

export async function readTableRows(bytes: Uint8Array, format: TableFormat): Promise<TableGrid> {
  if (format === 'docx') return docxGrid(bytes);
  if (format === 'csv') {
    // Word's and Excel's old binary files (an OLE container) are not text.
    if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
      throw tableError(
        'The file cannot be read',
        [issue('table.file.legacy-office', {}, FILE)],
        'table.summary.file-unreadable',
      );
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw tableError(
        'The CSV file cannot be read',
        [issue('table.file.not-utf8', {}, FILE)],
        'table.summary.csv-unreadable',
      );
    }
    const rows = parseCsv(text);
    // The workbook's row limit holds for CSV too: 5 MB of short rows is 100,000 duties to
    // match against the directory.
    if (rows.length > MAX_ROWS) throw tooManyRows();
    return { rows };
  }
  checkWorkbookSize(bytes, MAX_WORKBOOK_ROWS, MAX_WORKBOOK_CELLS);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw tableError(
      'The file cannot be read',
      [issue('table.file.not-xlsx', {}, FILE)],
      'table.summary.file-unreadable',
    );
  }
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) {
    throw tableError(
      'The workbook is empty',
      [issue('table.file.no-cells', {}, FILE)],
      'table.summary.workbook-empty',
    );
  }
  // Only the cells that hold something are visited: a sheet with one stray cell at ZZ20000
  // must not cost 20,000 × 702 lookups.
  const rows: string[][] = [];
  const merged: (Merge | undefined)[][] = [];
  let tooBig = false;
  sheet.eachRow({ includeEmpty: false }, (row, r) => {
    if (r > MAX_ROWS) {
      tooBig = true;
      return;
    }
    const cells: string[] = (rows[r - 1] = []);
    const marks: (Merge | undefined)[] = (merged[r - 1] = []);
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (c > MAX_COLUMNS) return;
      // A merged range holds its text in its first cell; the others continue it, down or across
      // (a "Dự án 3" heading merged across the row is a heading, not a duty led by "Dự án 3").
      const master = cell.isMerged ? cell.master : cell;
      if (master.address !== cell.address) {
        marks[c - 1] = Number(master.col) < c ? 'left' : 'above';
      }
      cells[c - 1] = cellText(master.value, master.text);
    });
  });
  if (tooBig) throw tooManyRows();
  return {
    rows: Array.from(rows, (r) => Array.from(r ?? [], (c) => c ?? '')),
    merged: Array.from(merged, (r) => Array.from(r ?? [], (m) => m)),
  };
}

/**
 * The assignment tables of a Word document as one grid: each table with an assignment header,
 * and a table right after one that goes on without a header (the rest of it on the next page,
 * as converters split it), with the text that stands between them (a new appendix's title).
 * Other tables — the letterhead, a targets table, the signatures — are left out.
 */
async function docxGrid(bytes: Uint8Array): Promise<TableGrid> {
  const blocks = await readDocxBlocks(bytes);
  const grid: Required<TableGrid> = { rows: [], merged: [], starts: new Map() };
  let texts: string[] = [];
  let width = -1; // of the last table taken, while the next may continue it
  for (const block of blocks) {
    if (block.kind === 'text') {
      texts.push(block.text);
      continue;
    }
    const between = texts.slice(-5).join('\n');
    texts = [];
    const rows = block.rows.map((r) => r.map((c) => c.text));
    const merged = block.rows.map((r) => r.map((c) => c.merged));
    const own: TableGrid = { rows, merged };
    const hasHeader = rows.slice(0, 6).some((_, r) => readHeader(own, r) !== undefined);
    const blockWidth = rows[0]?.length ?? 0;
    const continues = width === blockWidth && !namesNewTable(between);
    if (!hasHeader && !continues) {
      width = -1;
      continue;
    }
    grid.starts.set(grid.rows.length, between);
    grid.rows.push(...rows);
    grid.merged.push(...merged);
    width = blockWidth;
    if (grid.rows.length > MAX_ROWS) throw tooManyRows();
  }
  if (grid.rows.length === 0) {
    const expected = COLUMNS.map((c) => LABELS[c]).join(' | ');
    throw tableError(
      'No assignment table found',
      [issue('table.header.not-found', { expected }, FILE)],
      'table.summary.no-table',
    );
  }
  return grid;
}

const MAX_ROWS = 5000;
const tooManyRows = (): ImportError =>
  tableError(
    'The sheet is too large',
    [issue('table.file.too-many-rows', { max: MAX_ROWS }, FILE)],
    'table.summary.too-large',
  );
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
