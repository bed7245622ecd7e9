// The import corpus (fixtures/corpus/<case>/): assignment and targets tables typed the way
// Vietnamese plans type them, each with what a civil servant reads in it (expected.json, worked
// out by hand from the table and ../shared/domain.md, not from the importer). These helpers load
// a case and list every difference between what the API returned and what the reader expects,
// one line each, so a failing case says exactly what was read wrongly.
import { existsSync, readFileSync, readdirSync } from 'node:fs';

export const CORPUS = new URL('../../fixtures/corpus/', import.meta.url);

export interface ExpectedInstance {
  period: string;
  /** The last day the product may come in, dd/mm/yyyy, local time. */
  lastDay: string;
  /** How the phrase reads: "before" (trước ngày D), "on" (ngày D, chậm nhất ngày D), "within" (by the end of a quarter, month, year). */
  mode: string;
}
export interface ExpectedDuty {
  stt: string;
  /** The start of the row's "Nội dung" as written. */
  content: string;
  /** Every agency that owes the duty (a group or two agencies as lead: each of them). */
  lead: string[];
  coordinating: string[];
  /** The agency the product is sent to ("Báo cáo gửi Sở LĐ-TB&XH"). */
  receiver?: string;
  /** "Thường xuyên" (standing) or "Theo yêu cầu" (on request): no dated instance. */
  undated?: 'standing' | 'on-request';
  instances: ExpectedInstance[];
  note?: string;
}
export interface ExpectedTargets {
  file: string;
  year: number;
  totalRow: number;
  total: { stated: number; sum: number; column: string };
  rows: { locality: string; values: Record<string, number> }[];
}
export interface Expected {
  planId: string;
  file: string;
  duties: ExpectedDuty[];
  projects: string[];
  targets?: ExpectedTargets;
}

export interface CorpusCase {
  name: string;
  directory: Buffer;
  plan: Buffer;
  table: { name: string; bytes: Buffer };
  targets?: { name: string; bytes: Buffer };
  expected: Expected;
}

export function corpusCases(): string[] {
  return readdirSync(CORPUS, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(new URL(`${d.name}/expected.json`, CORPUS)))
    .map((d) => d.name)
    .sort();
}

export function loadCase(name: string): CorpusCase {
  const file = (f: string) => readFileSync(new URL(`${name}/${f}`, CORPUS));
  const expected = JSON.parse(file('expected.json').toString()) as Expected;
  return {
    name,
    directory: file('directory.json'),
    plan: file('plan.json'),
    table: { name: expected.file, bytes: file(expected.file) },
    ...(expected.targets
      ? { targets: { name: expected.targets.file, bytes: file(expected.targets.file) } }
      : {}),
    expected,
  };
}

/** A duty as the import API shows it. */
export interface ActualDuty {
  ref: string;
  content: string;
  product?: string;
  time?: string;
  lead: { id: string; name: string };
  coordinating: { id: string; name: string }[];
  receiver?: { id: string; name?: string } | null;
  rule?: unknown;
  instances: { period: string; dueAt: string; lastDay: string }[];
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** 00:00 Asia/Ho_Chi_Minh of the day after `lastDay` (dd/mm/yyyy), as the API's UTC instant. */
export function dueAtAfter(lastDay: string): string {
  const [d, m, y] = lastDay.split('/').map(Number);
  const next = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + 1));
  return new Date(next.getTime() - 7 * 3600_000).toISOString();
}

const setDiff = (what: string, expected: string[], actual: string[]): string[] => {
  const e = new Set(expected);
  const a = new Set(actual);
  const missing = [...e].filter((x) => !a.has(x)).sort();
  const extra = [...a].filter((x) => !e.has(x)).sort();
  const out: string[] = [];
  if (missing.length > 0) out.push(`${what}: missing ${missing.join(', ')}`);
  if (extra.length > 0) out.push(`${what}: not expected ${extra.join(', ')}`);
  return out;
};

const refBase = (ref: string) => ref.split('/')[0] ?? ref;

/**
 * Every difference between the duties a reader expects from the table and those the API
 * returned (`actual`, less the duties the plan file itself defines, `planRefs`).
 */
export function dutyDifferences(
  expected: ExpectedDuty[],
  actual: ActualDuty[],
  planRefs: ReadonlySet<string>,
): string[] {
  const out: string[] = [];
  const table = actual.filter((d) => !planRefs.has(refBase(d.ref)));
  const claimed = new Set<ActualDuty>();
  for (const e of expected) {
    const at = `STT ${e.stt} ("${e.content}")`;
    let found = table.filter((d) => d.ref === e.stt || d.ref.startsWith(`${e.stt}/`));
    if (found.length === 0) {
      found = table.filter((d) => !claimed.has(d) && squash(d.content).startsWith(e.content));
      if (found.length === 0) {
        out.push(`${at}: no duty (none with that STT, none whose content starts so)`);
        continue;
      }
      const refs = [...new Set(found.map((d) => d.ref))].join(', ');
      out.push(`${at}: read under STT ${refs}`);
    }
    found.forEach((d) => claimed.add(d));
    out.push(
      ...setDiff(
        `${at} lead`,
        e.lead,
        found.map((d) => d.lead.id),
      ),
    );
    for (const d of found) {
      const who = found.length > 1 ? `${at} [${d.lead.id}]` : at;
      if (!squash(d.content).startsWith(e.content))
        out.push(`${who}: content reads "${squash(d.content).slice(0, 80)}"`);
      out.push(
        ...setDiff(
          `${who} coordinating`,
          // The product's receiver is listed apart, never as a contributor to it (issue 12
          // item 4): a table that also names it among the coordinating agencies is read so.
          e.coordinating.filter((id) => id !== d.lead.id && id !== e.receiver),
          d.coordinating.map((c) => c.id),
        ),
      );
      if (e.receiver !== undefined && d.receiver?.id !== e.receiver)
        out.push(`${who}: product goes to ${e.receiver}, read as ${d.receiver?.id ?? '(nobody)'}`);
      const got = d.instances.map((i) => `${i.period} ${i.lastDay}`);
      const want = e.instances.map((i) => `${i.period} ${i.lastDay}`);
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        const kind = e.undated ? ` (${e.undated}: no dated instance)` : '';
        out.push(
          `${who}: "${d.time ?? '?'}" instances [${got.join('; ')}], expected [${want.join('; ')}]${kind}`,
        );
      }
      for (const i of d.instances) {
        if (i.dueAt !== dueAtAfter(i.lastDay))
          out.push(`${who}: instance ${i.period} last day ${i.lastDay} but due at ${i.dueAt}`);
      }
    }
  }
  for (const d of table) {
    if (claimed.has(d)) continue;
    out.push(
      `unexpected duty STT ${d.ref} (lead ${d.lead.id}): "${squash(d.content).slice(0, 60)}"`,
    );
  }
  return out;
}

/** A row of the targets import's answer: a locality and the numbers read in its columns. */
interface ActualTargetRow {
  row?: number;
  localityId?: string;
  values?: Record<string, number>;
}
interface Warning {
  at?: string;
  place?: { row?: number };
  params?: Record<string, unknown>;
}

/**
 * Differences between the per-locality targets a reader expects and those the targets import
 * returned: every number of every row found for its locality (whatever its column is called),
 * and the stated total that is not the sum of its rows flagged at its row.
 */
export function targetDifferences(
  expected: ExpectedTargets,
  body: Record<string, unknown>,
): string[] {
  const rows = (body['rows'] ?? []) as ActualTargetRow[];
  const out: string[] = [];
  if (body['year'] !== expected.year) out.push(`year read as ${String(body['year'])}`);
  for (const row of expected.rows) {
    const mine = rows.filter((r) => r.localityId === row.locality);
    if (mine.length !== 1) {
      out.push(`${row.locality}: ${mine.length} rows read for it`);
      continue;
    }
    const got = Object.values(mine[0]?.values ?? {});
    for (const [key, value] of Object.entries(row.values)) {
      if (!got.some((v) => Math.abs(v - value) < 1e-9))
        out.push(`${row.locality}: ${key} ${value} not among the values read (${got.join(', ')})`);
    }
  }
  const extra = rows.filter((r) => !expected.rows.some((e) => e.locality === r.localityId));
  for (const r of extra) out.push(`row ${r.row ?? '?'} read as locality ${r.localityId ?? '?'}`);
  const warnings = (body['warnings'] ?? []) as Warning[];
  const flagged = warnings.some(
    (w) =>
      w.place?.row === expected.totalRow &&
      Object.values(w.params ?? {}).includes(expected.total.stated) &&
      Object.values(w.params ?? {}).includes(expected.total.sum),
  );
  if (!flagged)
    out.push(
      `row ${expected.totalRow}: the stated total ${expected.total.stated} (${expected.total.column}) is not the rows' sum ${expected.total.sum}, and no warning at that row says so (warnings: ${JSON.stringify(warnings)})`,
    );
  return out;
}
