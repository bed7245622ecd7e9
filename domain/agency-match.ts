// Agency names in imported plans are typed by hand: "Phòng LĐ-TB&XH", "phòng Lao động –
// Thương binh và Xã hội", "Phòng Lao động - TBXH huyện" are one office, and "Phòng Kinh tế -
// Hạ tầng" (Tu Mơ Rông) is "Phòng Kinh tế và Hạ tầng" (A Lưới). This module folds such
// spellings to one key, matches them against the agency directory, and splits a
// "Cơ quan phối hợp" cell into agencies and groups. It never picks a near match on its own:
// a duty sent to the wrong office is worse than one the coordinator has to confirm.
//
// Pure (no I/O, no Intl), so workflow code may import it.

import { stripMarks } from './text.ts';

export interface DirectoryEntry {
  id: string;
  name: string;
  shortNames?: string[];
}

export type MatchResult =
  { ok: true; id: string } | { ok: false; suggestions: { id: string; name: string }[] };

export type CoordinatingPart =
  | { kind: 'agency'; name: string }
  | { kind: 'group'; group: 'related-offices' | 'all-communes'; text: string };

// ---------------------------------------------------------------------------------------
// Normalizing names

// Abbreviations, as token sequences after "&" became "và", punctuation became spaces and
// "và" was dropped (so "LĐ-TB&XH", "LĐTBXH" and "LĐ-TBXH" all arrive here as tokens).
// Longer sequences come first so "vh tt tt" wins over "vh tt" and "tt".
const ABBREVIATIONS: [string, string][] = [
  ['ubmttqvn', 'uy ban mat tran to quoc viet nam'],
  ['ubmttq', 'uy ban mat tran to quoc'],
  ['mttqvn', 'mat tran to quoc viet nam'],
  ['mttq', 'mat tran to quoc'],
  ['ubnd', 'uy ban nhan dan'],
  ['hdnd', 'hoi dong nhan dan'],
  ['ld tb xh', 'lao dong thuong binh xa hoi'],
  ['ldtb xh', 'lao dong thuong binh xa hoi'],
  ['ld tbxh', 'lao dong thuong binh xa hoi'],
  ['ldtbxh', 'lao dong thuong binh xa hoi'],
  ['tb xh', 'thuong binh xa hoi'], // "Phòng Lao động - TB&XH"
  ['tbxh', 'thuong binh xa hoi'],
  ['tc kh', 'tai chinh ke hoach'],
  ['tckh', 'tai chinh ke hoach'],
  ['nn ptnt', 'nong nghiep phat trien nong thon'],
  ['nnptnt', 'nong nghiep phat trien nong thon'],
  ['ptnt', 'phat trien nong thon'],
  ['gd dt', 'giao duc dao tao'],
  ['gddt', 'giao duc dao tao'],
  ['gdnn gdtx', 'giao duc nghe nghiep giao duc thuong xuyen'],
  ['gdnn', 'giao duc nghe nghiep'],
  ['gdtx', 'giao duc thuong xuyen'],
  ['vh tt tt', 'van hoa thong tin the thao'],
  ['vhtttt', 'van hoa thong tin the thao'],
  ['vh tt dl', 'van hoa the thao du lich'],
  ['vhttdl', 'van hoa the thao du lich'],
  ['vh tt', 'van hoa thong tin'],
  ['vhtt', 'van hoa thong tin'],
  ['tt tt', 'thong tin truyen thong'],
  ['kt ht', 'kinh te ha tang'],
  ['ktht', 'kinh te ha tang'],
  ['tn mt', 'tai nguyen moi truong'],
  ['tnmt', 'tai nguyen moi truong'],
  ['ban ql', 'ban quan ly'],
  ['bql', 'ban quan ly'],
  ['tncs hcm', 'thanh nien cong san ho chi minh'],
  ['tncshcm', 'thanh nien cong san ho chi minh'],
  ['tncs', 'thanh nien cong san'], // "Đoàn TNCS Hồ Chí Minh"
];

const ABBREVIATION_TOKENS = ABBREVIATIONS.map(
  ([from, to]) => [from.split(' '), to.split(' ')] as const,
).sort((a, b) => b[0].length - a[0].length);

/**
 * The comparison key of an agency name: lowercase ASCII words, abbreviations expanded,
 * "phòng"/"sở" kept, and the word "và" dropped. Documents join the parts of a name with a
 * dash or with "và" interchangeably ("Kinh tế - Hạ tầng" / "Kinh tế và Hạ tầng", "Văn hóa -
 * Thông tin" / "Văn hóa và Thông tin"), so the key keeps neither; no two real offices differ
 * only by a "và".
 */
export function normalizeAgencyName(name: string): string {
  const words = stripMarks(name)
    .replace(/&/g, ' va ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '' && w !== 'va');
  const out: string[] = [];
  for (let i = 0; i < words.length;) {
    const hit = ABBREVIATION_TOKENS.find(([from]) => from.every((w, k) => words[i + k] === w));
    if (hit) {
      out.push(...hit[1]);
      i += hit[0].length;
    } else if (words[i] === 'tt' && i + 1 < words.length) {
      // "TT Y tế", "TT Dịch vụ nông nghiệp"; a final "tt" is left alone (it may be "thị trấn").
      out.push('trung', 'tam');
      i += 1;
    } else {
      out.push(words[i]!);
      i += 1;
    }
  }
  return out.join(' ');
}

// ---------------------------------------------------------------------------------------
// Matching against the directory

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * 1 for equal strings, 0 for nothing in common: edit distance over the longer length; 0 when
 * it cannot reach `atLeast`. The distance is at least the difference in length, so such pairs
 * skip the quadratic distance: an unknown 300-character name, once per row of a 5,000-row
 * table, held the importer for over a minute (found by test/fuzz/importer.test.ts).
 */
function editSimilarity(a: string, b: string, atLeast: number): number {
  const longer = Math.max(a.length, b.length, 1);
  if (1 - Math.abs(a.length - b.length) / longer < atLeast) return 0;
  return 1 - levenshtein(a, b) / longer;
}

/** Dice coefficient on the sets of words. */
function wordSimilarity(a: string, b: string): number {
  const wa = new Set(a.split(' '));
  const wb = new Set(b.split(' '));
  let common = 0;
  for (const w of wa) if (wb.has(w)) common++;
  return (2 * common) / (wa.size + wb.size);
}

// Close enough to suggest: a typo or two (edits), or most words shared (a missing "huyện",
// "Phòng Giáo dục" for "Phòng Giáo dục và Đào tạo"). Every name starts "phòng …" or "ủy
// ban …", so edit similarity alone would call "Phòng Y tế" close to "Phòng Nội vụ".
const EDIT_THRESHOLD = 0.75;
const WORD_THRESHOLD = 0.6;
const MAX_SUGGESTIONS = 3;

// Each lookup compares against every entry's keys: normalized once per entry object, not once
// per lookup (a table names hundreds of agencies against a directory of hundreds). Entries
// are read from the database for each import and not changed afterwards.
const keyCache = new WeakMap<DirectoryEntry, string[]>();
function keysOf(entry: DirectoryEntry): string[] {
  let keys = keyCache.get(entry);
  if (!keys) {
    keys = [entry.name, ...(entry.shortNames ?? [])]
      .map(normalizeAgencyName)
      .filter((k) => k !== '');
    keyCache.set(entry, keys);
  }
  return keys;
}

/**
 * The directory entry whose normalized name or short name equals the normalized `name`.
 * Otherwise, or when several entries share that key, up to three suggestions, best first.
 */
export function matchAgency(name: string, directory: readonly DirectoryEntry[]): MatchResult {
  const key = normalizeAgencyName(name);
  if (key === '') return { ok: false, suggestions: [] };
  const suggestion = (e: DirectoryEntry) => ({ id: e.id, name: e.name });

  const exact = directory.filter((e) => keysOf(e).includes(key));
  if (exact.length === 1) return { ok: true, id: exact[0]!.id };
  if (exact.length > 1) {
    return { ok: false, suggestions: exact.slice(0, MAX_SUGGESTIONS).map(suggestion) };
  }

  const scored: { entry: DirectoryEntry; score: number; index: number }[] = [];
  directory.forEach((entry, index) => {
    let best = -1;
    for (const k of keysOf(entry)) {
      const words = wordSimilarity(key, k);
      // Below this, the edit similarity changes neither the test nor the score.
      const edit = editSimilarity(key, k, words >= WORD_THRESHOLD ? words : EDIT_THRESHOLD);
      if (edit >= EDIT_THRESHOLD || words >= WORD_THRESHOLD) {
        best = Math.max(best, edit, words);
      }
    }
    if (best >= 0) scored.push({ entry, score: best, index });
  });
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  return {
    ok: false,
    suggestions: scored.slice(0, MAX_SUGGESTIONS).map((s) => suggestion(s.entry)),
  };
}

// ---------------------------------------------------------------------------------------
// Splitting a "Cơ quan phối hợp" cell

/**
 * Lowercase without diacritics, the same length as the input, so a match at index i in
 * the folded text is at index i in the original.
 */
function foldAligned(text: string): string {
  let out = '';
  for (const ch of text) {
    const f = stripMarks(ch);
    out += f.length === ch.length ? f : ch;
  }
  return out;
}

// Office groups: "các phòng, ban ngành liên quan", "các phòng ban liên quan", "Các sở,
// phòng, ban, ngành liên quan", "Các cơ quan, đơn vị (có) liên quan", "các phòng ban, các
// ngành liên quan", "các ban ngành, Hội, đoàn thể". Commas inside them do not separate
// agencies. A list of these words is a group even without "liên quan" ("các phòng, ban,
// UBND các xã, thị trấn"). Each word must end the list or be followed by another list word,
// so "các phòng, ban, Hội Nông dân" leaves "Hội Nông dân" a named agency.
const OFFICE_FIRST = String.raw`(?:so|phong|ban|nganh|co quan|don vi)`;
const OFFICE_MORE = String.raw`(?:so|phong|ban|nganh|co quan|don vi|hoi|doan the)`;
const LIST_GOES_ON = String.raw`(?=$|[,;.]| (?:va|cac|co|lien quan|chuyen mon|cap huyen|huyen|${OFFICE_MORE})\b)`;
const RELATED_OFFICES = new RegExp(
  String.raw`\bcac ${OFFICE_FIRST}${LIST_GOES_ON}(?:(?: ?, ?| )(?:cac )?${OFFICE_MORE}${LIST_GOES_ON})*(?: chuyen mon)?(?: (?:co )?lien quan)?(?: (?:cap )?huyen\b)?`,
  'g',
);

// Every commune: "UBND các xã, thị trấn", "UBND các xã", "UBND cấp xã", "các xã, thị trấn",
// "các xã thị trấn", "Ủy ban nhân dân các xã, phường, thị trấn", "UBND các xã, thị trấn
// liên quan"; a bare "Ủy ban nhân dân xã" / "UBND xã" (Tu Mơ Rông's heading for what every
// commune does); and a bare "địa phương" / "các địa phương" ("các phòng, ban, địa phương":
// the localities under the plan's, i.e. the communes). The group must end its piece (the end
// of the cell, a comma, a semicolon, a full stop or "và"): "UBND xã Hồng Kim" names one
// commune and "các xã có tỷ lệ hộ nghèo cao" only some, and neither is every commune.
const COMMUNE_TAIL = String.raw`(?:(?: ?, ?| va | )(?:phuong|thi tran)\b)*`;
const PIECE_START = String.raw`(?<=^|[,;] ?| va )`;
const PIECE_END = String.raw`(?=$| ?[,;.]| va\b)`;
const ALL_COMMUNES = new RegExp(
  String.raw`(?:\b(?:uy ban nhan dan|ubnd) (?:cac |cap )?xa\b${COMMUNE_TAIL}|\bcac xa\b${COMMUNE_TAIL}|${PIECE_START}(?:cac )?dia phuong\b)(?: (?:co )?lien quan\b)?(?: tren dia ban(?: huyen)?\b)?${PIECE_END}`,
  'g',
);

// Words that begin an agency or a group. " và " splits two agencies only when one of these
// follows it; otherwise it belongs to the name ("Nông nghiệp và Phát triển nông thôn",
// "Trung tâm giáo dục nghề nghiệp và Giáo dục thường xuyên").
const AGENCY_START = new RegExp(
  String.raw` va (?=(?:cac|phong|so|ubnd|uy ban|trung tam|tt|ban|bql|doan|huyen doan|hoi|cong an|chi cuc|ngan hang|bao hiem|bhxh|kho bac|van phong|mat tran|mttq|ubmttq|lien doan|toa an|vien kiem sat|chi nhanh|dai truyen thanh)\b)`,
  'g',
);

// Connectives and punctuation left at the edges of a piece once groups are cut out.
const EDGE_START = /^(?:[\s,;.:-]|va\b)+/;
const EDGE_END = /(?:[\s,;.:-]|\bva)+$/;

interface Span {
  start: number;
  end: number;
  group: 'related-offices' | 'all-communes';
}

function groupSpans(folded: string): Span[] {
  const spans: Span[] = [];
  for (const [re, group] of [
    [ALL_COMMUNES, 'all-communes'],
    [RELATED_OFFICES, 'related-offices'],
  ] as const) {
    for (const m of folded.matchAll(re)) {
      spans.push({ start: m.index, end: m.index + m[0].length, group });
    }
  }
  // Earliest first, the longer of two that start together; drop any overlapped by a kept one.
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Span[] = [];
  for (const s of spans) if (s.start >= (kept.at(-1)?.end ?? 0)) kept.push(s);
  return kept;
}

/** Split the original text where the folded text matches `re` (same indices). */
function splitAligned(original: string, folded: string, re: RegExp): [string, string][] {
  const out: [string, string][] = [];
  let from = 0;
  for (const m of folded.matchAll(re)) {
    out.push([original.slice(from, m.index), folded.slice(from, m.index)]);
    from = m.index + m[0].length;
  }
  out.push([original.slice(from), folded.slice(from)]);
  return out;
}

function agencies(original: string, folded: string): CoordinatingPart[] {
  const parts: CoordinatingPart[] = [];
  for (const [o, f] of splitAligned(original, folded, /[,;]/g)) {
    for (const [o2, f2] of splitAligned(o, f, AGENCY_START)) {
      const start = f2.match(EDGE_START)?.[0].length ?? 0;
      const end = f2.length - (f2.match(EDGE_END)?.[0].length ?? 0);
      const name = start < end ? o2.slice(start, end).trim() : '';
      if (name !== '') parts.push({ kind: 'agency', name });
    }
  }
  return parts;
}

/**
 * The named agencies and the groups in a coordinating cell, in the order written. Groups
 * ("các phòng, ban ngành liên quan", "UBND các xã, thị trấn") are recognised first so their
 * commas do not split them; the rest splits on commas, semicolons and a "và" that starts a
 * new agency. Whitespace is collapsed; empty pieces are dropped.
 */
export function splitCoordinating(cell: string): CoordinatingPart[] {
  const text = cell.normalize('NFC').replace(/\s+/g, ' ').trim();
  const folded = foldAligned(text);
  const parts: CoordinatingPart[] = [];
  let from = 0;
  for (const span of groupSpans(folded)) {
    parts.push(...agencies(text.slice(from, span.start), folded.slice(from, span.start)));
    parts.push({ kind: 'group', group: span.group, text: text.slice(span.start, span.end) });
    from = span.end;
  }
  parts.push(...agencies(text.slice(from), folded.slice(from)));
  return parts;
}
