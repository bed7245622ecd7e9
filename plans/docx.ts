// Tables of a Word document (.docx), as a person reads them. mammoth turns the document into
// plain HTML and keeps what matters here: merged cells (gridSpan as colspan, vMerge as
// rowspan), header rows, paragraphs between tables, deleted revisions left out; htmlparser2
// reads that HTML. This module only lays the cells on a grid: which tables are assignment
// tables, and what a merge means in one, is decided in plans/table.ts.
import mammoth from 'mammoth';
import { DomUtils, ElementType, parseDocument } from 'htmlparser2';
import { ImportError, issue } from './errors.ts';
import { checkDocumentSize } from './workbook-size.ts';

type Node = ReturnType<typeof parseDocument>['children'][number];
type Element = Parameters<typeof DomUtils.getAttributeValue>[0];

/**
 * How a cell of the grid came from a merged cell of the document: `above` when it continues a
 * cell merged down from the row above, `left` when it continues one merged across from the
 * left. Its text is the merged cell's text either way.
 */
export type Merge = 'above' | 'left';

export interface GridCell {
  text: string;
  merged?: Merge;
}

/** The document's body in order: paragraphs (and lists, headings) as text, and tables. */
export type DocxBlock = { kind: 'text'; text: string } | { kind: 'table'; rows: GridCell[][] };

// The parts' rows and cells are counted before mammoth builds them (plans/workbook-size.ts):
// a plan with its appendices has a few hundred rows; an assignment table is read up to 5,000.
const MAX_ROWS = 6000;
const MAX_CELLS = 60_000;
/** A gridSpan is a number in the file: "1000000000" must not make a grid that wide. */
const MAX_SPAN = 64;

const notDocx = (): ImportError =>
  new ImportError(
    'The file cannot be read',
    [issue('table.file.not-docx', {}, { file: true })],
    'table.summary.file-unreadable',
  );

/** The document as mammoth's HTML, after its size is checked. */
async function htmlOf(bytes: Uint8Array): Promise<string> {
  checkDocumentSize(bytes, MAX_ROWS, MAX_CELLS);
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        // Pictures are not read: the default inlines each as a data: URI.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
        externalFileAccess: false,
        includeEmbeddedStyleMap: false,
      },
    );
    return result.value;
  } catch {
    throw notDocx();
  }
}

/** The document's paragraphs and top-level tables, in order, merges laid out on a grid. */
export async function readDocxBlocks(bytes: Uint8Array): Promise<DocxBlock[]> {
  const blocks: DocxBlock[] = [];
  addBlocks(parseDocument(await htmlOf(bytes)).children, blocks);
  return blocks;
}

/**
 * Every table of the document (tables inside table cells too, after the table holding them),
 * as rows of cell texts with merges resolved: a merged cell's text stands in every row and
 * column it covers, as a person reading any of those rows sees it. Paragraphs within a cell
 * are separate lines.
 */
export async function readDocxTables(bytes: Uint8Array): Promise<string[][][]> {
  const doc = parseDocument(await htmlOf(bytes));
  const tables = DomUtils.getElementsByTagName('table', doc.children, true);
  return tables.map((t) => gridOf(t).map((row) => row.map((c) => c.text)));
}

const isTag = (node: Node, name?: string): node is Element & Node =>
  ElementType.isTag(node) && (name === undefined || (node as Element).name === name);

function addBlocks(nodes: readonly Node[], blocks: DocxBlock[]): void {
  for (const node of nodes) {
    if (isTag(node, 'table')) {
      const rows = gridOf(node);
      // A table used only to lay out the page (one column holding the real table) is looked
      // through: the tables inside it are the document's.
      const width = Math.max(0, ...rows.map((r) => r.length));
      if (width <= 1 && DomUtils.getElementsByTagName('table', node.children, true).length > 0) {
        for (const cell of cellsOf(node)) addBlocks(cell.children, blocks);
        continue;
      }
      blocks.push({ kind: 'table', rows });
    } else {
      const text = textOf(node);
      if (text) blocks.push({ kind: 'text', text });
    }
  }
}

/** The rows of a table element (directly, or in its thead/tbody), not of tables inside it. */
function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of table.children) {
    if (!isTag(child)) continue;
    if (child.name === 'tr') rows.push(child);
    else if (['thead', 'tbody', 'tfoot'].includes(child.name)) {
      for (const tr of child.children) if (isTag(tr, 'tr')) rows.push(tr);
    }
  }
  return rows;
}

function cellsOf(table: Element): Element[] {
  return rowsOf(table).flatMap((tr) =>
    tr.children.filter(
      (c): c is Element & Node => isTag(c) && (c.name === 'td' || c.name === 'th'),
    ),
  );
}

function span(cell: Element, name: string): number {
  const n = Number.parseInt(DomUtils.getAttributeValue(cell, name) ?? '1', 10);
  return Number.isFinite(n) && n > 1 ? Math.min(n, MAX_SPAN) : 1;
}

/** The table's cells on a grid (the HTML table model): each spanned slot knows its origin. */
function gridOf(table: Element): GridCell[][] {
  const rows = rowsOf(table);
  const grid: (GridCell | undefined)[][] = rows.map(() => []);
  rows.forEach((tr, r) => {
    const line = grid[r] ?? [];
    let c = 0;
    for (const cell of tr.children) {
      if (!isTag(cell) || (cell.name !== 'td' && cell.name !== 'th')) continue;
      while (line[c] !== undefined) c++;
      const text = textOf(cell);
      const down = Math.min(span(cell, 'rowspan'), rows.length - r);
      const across = span(cell, 'colspan');
      for (let i = 0; i < down; i++) {
        const target = grid[r + i] ?? [];
        for (let j = 0; j < across; j++) {
          const merged: Merge | undefined = j > 0 ? 'left' : i > 0 ? 'above' : undefined;
          target[c + j] = merged ? { text, merged } : { text };
        }
      }
      c += across;
    }
  });
  const width = Math.max(0, ...grid.map((r) => r.length));
  return grid.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? { text: '' }));
}

const BLOCK = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'table',
  'tr',
  'td',
  'th',
  'blockquote',
  'div',
]);

/**
 * The text of a node as lines: each paragraph (and list item, and line break) its own line,
 * spaces collapsed. Footnote and endnote markers ("[1]") are not part of the cell's text.
 */
function textOf(node: Node): string {
  const out: string[] = [];
  const walk = (n: Node): void => {
    if (n.type === ElementType.Text) {
      out.push(n.data);
      return;
    }
    if (!isTag(n)) return;
    if (n.name === 'br') {
      out.push('\n');
      return;
    }
    if (n.name === 'a' && /^(footnote|endnote|comment)-ref/.test(n.attribs['id'] ?? '')) return;
    const block = BLOCK.has(n.name);
    if (block) out.push('\n');
    for (const child of n.children) walk(child);
    if (block) out.push('\n');
  };
  walk(node);
  return out
    .join('')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}
