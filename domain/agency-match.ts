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
  /**
   * The name of the agency's locality as the directory writes it ("Huyện A Lưới"): a plan may
   * leave it out of the agency's name ("Trung tâm Y tế huyện"). Without it only exact names
   * match.
   */
  locality?: string;
}

export type MatchResult =
  { ok: true; id: string } | { ok: false; suggestions: { id: string; name: string }[] };

/**
 * The groups a cell may name. `related-offices`: the departments or offices of the plan's own
 * locality ("các sở, ban, ngành", "các phòng, ban"); `all-districts`: the People's Committee
 * of every district-level locality under it ("UBND các huyện, thị xã, thành phố");
 * `all-communes`: of every commune-level one ("UBND các xã, thị trấn", "UBND cấp xã");
 * `localities-below`: of every locality one level down ("các địa phương");
 * `all-organisations`: every body of the plan's own locality but its People's Committee ("Các
 * sở, ban, ngành, đoàn thể", "Các ban, ngành, đoàn thể xã": with "đoàn thể" and without "liên
 * quan", the list is not a selection); `mass-organisations`: its mass organisations ("các đoàn
 * thể xã": the women's, farmers', youth and veterans' unions and the trade union, the Fatherland
 * Front apart, which plans name beside them).
 */
export type GroupKind =
  | 'related-offices'
  | 'all-organisations'
  | 'mass-organisations'
  | 'all-districts'
  | 'all-communes'
  | 'localities-below';

export type CoordinatingPart =
  { kind: 'agency'; name: string } | { kind: 'group'; group: GroupKind; text: string };

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
  ['kh dt', 'ke hoach dau tu'], // "Sở KH&ĐT"
  ['khdt', 'ke hoach dau tu'],
  ['nn mt', 'nong nghiep moi truong'], // "Sở NN&MT" (since 2025)
  ['nnmt', 'nong nghiep moi truong'],
  ['vh xh', 'van hoa xa hoi'], // "Công chức VH-XH"
  ['vhxh', 'van hoa xa hoi'],
  ['lhpn', 'lien hiep phu nu'], // "Hội LHPN"
  ['nhcsxh', 'ngan hang chinh sach xa hoi'],
  ['nh csxh', 'ngan hang chinh sach xa hoi'],
  ['bhxh', 'bao hiem xa hoi'],
  ['ccb', 'cuu chien binh'], // "Hội CCB"
  ['ldld', 'lien doan lao dong'],
  ['dt tg', 'dan toc ton giao'], // "Sở DT&TG" (since 2025)
  ['dttg', 'dan toc ton giao'],
];

const ABBREVIATION_TOKENS = ABBREVIATIONS.map(
  ([from, to]) => [from.split(' '), to.split(' ')] as const,
).sort((a, b) => b[0].length - a[0].length);
// By first token, longest first: a word is compared with the few abbreviations it can start.
const ABBREVIATIONS_BY_FIRST = new Map<string, (typeof ABBREVIATION_TOKENS)[number][]>();
for (const entry of ABBREVIATION_TOKENS) {
  const first = entry[0][0]!;
  ABBREVIATIONS_BY_FIRST.set(first, [...(ABBREVIATIONS_BY_FIRST.get(first) ?? []), entry]);
}

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
    const hit = ABBREVIATIONS_BY_FIRST.get(words[i]!)?.find(([from]) =>
      from.every((w, k) => words[i + k] === w),
    );
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
  // "Ủy ban MTTQ xã" and "Ủy ban Mặt trận Tổ quốc Việt Nam xã" are one body: there is no other
  // Fatherland Front.
  return out.join(' ').replace(/\bmat tran to quoc viet nam\b/g, 'mat tran to quoc');
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
 * it cannot reach `atLeast`. The distance is at least the difference in length, and at least
 * half the difference of the letter counts, so most pairs skip the quadratic distance: an
 * unknown 300-character name, once per row of a 5,000-row table, held the importer for over a
 * minute (found by test/fuzz/importer.test.ts).
 */
function editSimilarity(a: Key, b: Key, atLeast: number): number {
  const longer = Math.max(a.text.length, b.text.length, 1);
  const slack = (1 - atLeast) * longer;
  if (Math.abs(a.text.length - b.text.length) > slack) return 0;
  let diff = 0;
  for (let i = 0; i < 37; i++) diff += Math.abs(a.histogram[i]! - b.histogram[i]!);
  if (Math.ceil(diff / 2) > slack) return 0;
  return 1 - levenshtein(a.text, b.text) / longer;
}

/** Dice coefficient on the sets of words. */
function wordSimilarity(wa: ReadonlySet<string>, wb: ReadonlySet<string>): number {
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
interface Key {
  text: string;
  words: Set<string>;
  /** Letter and digit counts: half their difference is a lower bound of the edit distance. */
  histogram: Int16Array;
}
const keyCache = new WeakMap<DirectoryEntry, Key[]>();
function histogramOf(text: string): Int16Array {
  const h = new Int16Array(37);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h[c >= 97 && c <= 122 ? c - 97 : c >= 48 && c <= 57 ? c - 22 : 36]! += 1;
  }
  return h;
}
const keyOf = (text: string): Key => ({
  text,
  words: new Set(text.split(' ')),
  histogram: histogramOf(text),
});
function keysOf(entry: DirectoryEntry): Key[] {
  let keys = keyCache.get(entry);
  if (!keys) {
    keys = [entry.name, ...(entry.shortNames ?? [])]
      .map(normalizeAgencyName)
      .filter((k) => k !== '')
      .map(keyOf);
    keyCache.set(entry, keys);
  }
  return keys;
}

// Lookups go through indexes built once per directory array, so a table of thousands of cells
// against a province's thousands of agencies stays near-linear: exact names by key; near names
// only among the keys whose length or word count could reach a threshold at all (an edit
// similarity of 0.75 needs lengths within 25%, a Dice coefficient of 0.6 word counts within
// 3:7), so a piece of junk is compared with nothing rather than with every agency.
interface Indexes {
  exact: Map<string, DirectoryEntry[]>;
  byLength: Map<number, [number, Key][]>;
  byWords: Map<number, [number, Key][]>;
}
const indexCache = new WeakMap<readonly DirectoryEntry[], Indexes>();
function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
function indexesOf(directory: readonly DirectoryEntry[]): Indexes {
  let index = indexCache.get(directory);
  if (!index) {
    index = { exact: new Map(), byLength: new Map(), byWords: new Map() };
    for (let i = 0; i < directory.length; i++) {
      const entry = directory[i]!;
      const keys = keysOf(entry);
      for (const k of new Set(keys.map((key) => key.text))) push(index.exact, k, entry);
      for (const k of keys) {
        push(index.byLength, k.text.length, [i, k] as [number, Key]);
        push(index.byWords, k.words.size, [i, k] as [number, Key]);
      }
    }
    indexCache.set(directory, index);
  }
  return index;
}
const exactIndex = (directory: readonly DirectoryEntry[]) => indexesOf(directory).exact;

/** The word counts a key may have to reach WORD_THRESHOLD with one of `words` words. */
const wordCountRange = (words: number): [number, number] => [
  Math.ceil((words * WORD_THRESHOLD) / (2 - WORD_THRESHOLD) - 1e-9),
  Math.floor((words * (2 - WORD_THRESHOLD)) / WORD_THRESHOLD + 1e-9),
];

/** The keys that could be close to `query`, with their entries' positions. */
function candidates(query: Key, index: Indexes): [number, Key][] {
  const out: [number, Key][] = [];
  const length = query.text.length;
  const from = Math.ceil(length * EDIT_THRESHOLD - 1e-9);
  const to = Math.floor(length / EDIT_THRESHOLD + 1e-9);
  for (let l = from; l <= to; l++) out.push(...(index.byLength.get(l) ?? []));
  const [low, high] = wordCountRange(query.words.size);
  for (let w = low; w <= high; w++) {
    for (const c of index.byWords.get(w) ?? []) {
      // Already listed by its length.
      if (c[1].text.length < from || c[1].text.length > to) out.push(c);
    }
  }
  return out;
}

/** The entries whose normalized name or short name is exactly `name`'s (no near matches). */
export function exactMatches(
  name: string,
  directory: readonly DirectoryEntry[],
): readonly DirectoryEntry[] {
  const key = normalizeAgencyName(name);
  return key === '' ? [] : (exactIndex(directory).get(key) ?? []);
}

// ---------------------------------------------------------------------------------------
// Names typed without their place

// The words that name a kind of locality, longest first ("thị xã" before "xã").
const KINDS = [
  'thanh pho',
  'thi tran',
  'dac khu',
  'thi xa',
  'phuong',
  'huyen',
  'tinh',
  'quan',
  'xa',
];
// Leading words a plan may leave out when the rest is unique: "Thống kê tỉnh" for "Cục Thống kê
// tỉnh Kon Tum" (the office was renamed in 2025 and plans mix both names).
const ORGANISATION_WORDS = ['chi cuc', 'cuc'];

function trailingKind(key: string): string | undefined {
  return KINDS.find((k) => key.endsWith(` ${k}`));
}

/** "Huyện A Lưới" → kind "huyen", name "a luoi"; a name without its kind word has no kind. */
function localityParts(locality: string): { kind?: string; bare: string } {
  const key = normalizeAgencyName(locality);
  const kind = KINDS.find((k) => key.startsWith(`${k} `));
  return kind ? { kind, bare: key.slice(kind.length + 1) } : { bare: key };
}

/**
 * An entry's name without its place: "Trung tâm Y tế huyện A Lưới" → "trung tam y te", kind
 * "huyen". The kind is the one the name writes, else its locality's; undefined when neither
 * says.
 */
function placeless(key: string, locality: string | undefined): { base: string; kind?: string } {
  const loc = locality === undefined ? undefined : localityParts(locality);
  let base = key;
  if (loc && loc.bare !== '' && base.endsWith(` ${loc.bare}`)) {
    base = base.slice(0, -(loc.bare.length + 1));
  }
  const written = trailingKind(base);
  if (written) return { base: base.slice(0, -(written.length + 1)), kind: written };
  return loc?.kind === undefined ? { base } : { base, kind: loc.kind };
}

function withoutOrganisationWord(base: string): string | undefined {
  const word = ORGANISATION_WORDS.find((w) => base.startsWith(`${w} `));
  return word === undefined ? undefined : base.slice(word.length + 1);
}

/**
 * The parts of a name joined by dashes, commas or "và" ("Công chức Địa chính - Xây dựng - Nông
 * nghiệp và Môi trường"), each normalized; an unspaced dash ("LĐ-TB&XH") does not separate.
 */
function segmentsOf(name: string): string[] {
  return name
    .split(/\s+[-–—]\s*|\s*[-–—]\s+|,|\s+(?:và|va)\s+/u)
    .map(normalizeAgencyName)
    .filter((k) => k !== '');
}

interface LooseIndex {
  /** "<name without place>|<kind>" → entries. */
  withKind: Map<string, DirectoryEntry[]>;
  /** "<name without place>" → entries. */
  bare: Map<string, DirectoryEntry[]>;
  /** The same, less a leading "Cục"/"Chi cục". */
  withKindShort: Map<string, DirectoryEntry[]>;
  bareShort: Map<string, DirectoryEntry[]>;
  /** First part → [entry, the set of its parts] (the place taken off the last part). */
  segments: Map<string, [DirectoryEntry, Set<string>, number][]>;
}
const looseCache = new WeakMap<readonly DirectoryEntry[], LooseIndex>();

function looseIndexOf(directory: readonly DirectoryEntry[]): LooseIndex {
  let index = looseCache.get(directory);
  if (index) return index;
  index = {
    withKind: new Map(),
    bare: new Map(),
    withKindShort: new Map(),
    bareShort: new Map(),
    segments: new Map(),
  };
  const add = (map: Map<string, DirectoryEntry[]>, key: string, entry: DirectoryEntry) => {
    const list = map.get(key);
    if (!list) map.set(key, [entry]);
    else if (!list.includes(entry)) list.push(entry);
  };
  for (const entry of directory) {
    for (const key of keysOf(entry)) {
      const { base, kind } = placeless(key.text, entry.locality);
      if (base === '') continue;
      add(index.bare, base, entry);
      if (kind !== undefined) add(index.withKind, `${base}|${kind}`, entry);
      const short = withoutOrganisationWord(base);
      if (short === undefined) continue;
      add(index.bareShort, short, entry);
      if (kind !== undefined) add(index.withKindShort, `${short}|${kind}`, entry);
    }
    const parts = segmentsOf(entry.name);
    const last = parts.at(-1);
    if (parts.length > 1 && last !== undefined) {
      parts[parts.length - 1] = placeless(last, entry.locality).base;
      push(index.segments, parts[0]!, [entry, new Set(parts), parts.length] as [
        DirectoryEntry,
        Set<string>,
        number,
      ]);
    }
  }
  looseCache.set(directory, index);
  return index;
}

/** A note in parentheses after a name ("Sở Tài chính (vốn sự nghiệp)") is not part of it. */
export function withoutNote(name: string): string {
  return name.replace(/\s*\([^()]*\)\s*$/u, '').trim();
}

type Found = { entries: readonly DirectoryEntry[] } | undefined;

/**
 * The entries a name typed without its place can only mean, tried from the closest reading:
 * the name less its place ("Trung tâm Y tế huyện" = "Trung tâm Y tế huyện A Lưới"; a kind
 * word, when written, must be the agency's own), then less a leading "Cục"/"Chi cục", then the
 * post or office of which the name lists the first part and some others ("Công chức Địa chính
 * - Nông nghiệp" for "… Địa chính - Xây dựng - Nông nghiệp và Môi trường xã …"). The first
 * reading that finds anything decides; it is a match only when it finds one entry.
 */
function looseMatches(typed: string, directory: readonly DirectoryEntry[]): Found {
  const key = normalizeAgencyName(typed);
  if (key === '') return undefined;
  const index = looseIndexOf(directory);
  const kind = trailingKind(key);
  const base = kind === undefined ? key : key.slice(0, -(kind.length + 1));
  const short = withoutOrganisationWord(base);
  const readings =
    kind === undefined
      ? [index.bare.get(base), short === undefined ? undefined : index.bare.get(short)]
      : [
          index.withKind.get(`${base}|${kind}`),
          short === undefined ? undefined : index.withKind.get(`${short}|${kind}`),
        ];
  // The typed name may itself lack the organisation word the directory has.
  readings.push(
    kind === undefined ? index.bareShort.get(base) : index.withKindShort.get(`${base}|${kind}`),
  );
  for (const entries of readings) if (entries && entries.length > 0) return { entries };

  const parts = segmentsOf(typed);
  const last = parts.at(-1);
  if (parts.length < 2 || last === undefined) return undefined;
  const lastKind = trailingKind(last);
  if (lastKind !== undefined) parts[parts.length - 1] = last.slice(0, -(lastKind.length + 1));
  const fits = (index.segments.get(parts[0]!) ?? []).filter(
    ([, set, size]) => size > parts.length && parts.every((p) => set.has(p)),
  );
  return fits.length > 0 ? { entries: [...new Set(fits.map(([e]) => e))] } : undefined;
}

/**
 * The one entry `name` means, by its exact name or, failing that, by the name less its place
 * or a note in parentheses; undefined when none or several fit. Never a near spelling.
 */
export function findAgency(
  name: string,
  directory: readonly DirectoryEntry[],
): DirectoryEntry | undefined {
  for (const typed of new Set([name, withoutNote(name)])) {
    const exact = exactMatches(typed, directory);
    if (exact.length > 0) return exact.length === 1 ? exact[0] : undefined;
  }
  const loose = looseMatches(withoutNote(name), directory);
  return loose?.entries.length === 1 ? loose.entries[0] : undefined;
}

/**
 * The directory entry whose normalized name or short name equals the normalized `name`, or the
 * only one the name less its place can mean (see findAgency). Otherwise, or when several
 * entries fit, up to three suggestions, best first.
 */
export function matchAgency(name: string, directory: readonly DirectoryEntry[]): MatchResult {
  const key = normalizeAgencyName(name);
  if (key === '') return { ok: false, suggestions: [] };
  const suggestion = (e: DirectoryEntry) => ({ id: e.id, name: e.name });

  for (const typed of new Set([name, withoutNote(name)])) {
    const exact = exactMatches(typed, directory);
    if (exact.length === 1) return { ok: true, id: exact[0]!.id };
    if (exact.length > 1) {
      return { ok: false, suggestions: exact.slice(0, MAX_SUGGESTIONS).map(suggestion) };
    }
  }
  const loose = looseMatches(withoutNote(name), directory);
  if (loose?.entries.length === 1) return { ok: true, id: loose.entries[0]!.id };
  if (loose)
    return { ok: false, suggestions: loose.entries.slice(0, MAX_SUGGESTIONS).map(suggestion) };

  const query = keyOf(key);
  const best = new Map<number, number>();
  const [low, high] = wordCountRange(query.words.size);
  for (const [index, k] of candidates(query, indexesOf(directory))) {
    const size = k.words.size;
    const words = size >= low && size <= high ? wordSimilarity(query.words, k.words) : 0;
    // Below this, the edit similarity changes neither the test nor the score.
    const edit = editSimilarity(query, k, words >= WORD_THRESHOLD ? words : EDIT_THRESHOLD);
    if (edit >= EDIT_THRESHOLD || words >= WORD_THRESHOLD) {
      best.set(index, Math.max(best.get(index) ?? -1, edit, words));
    }
  }
  const scored = [...best].map(([index, score]) => ({ entry: directory[index]!, score, index }));
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
export function foldAligned(text: string): string {
  let out = '';
  for (const ch of text) {
    const f = stripMarks(ch);
    out += f.length === ch.length ? f : ch;
  }
  return out;
}

// Office groups: "các phòng, ban ngành liên quan", "các phòng ban liên quan", "Các sở,
// phòng, ban, ngành liên quan", "Các cơ quan, đơn vị (có) liên quan", "các phòng ban, các
// ngành liên quan", "các ban ngành, Hội, đoàn thể", and at a province "Các sở, ban, ngành,
// đoàn thể (tỉnh)". Commas inside them do not separate agencies. A list of these words is a
// group even without "liên quan" ("các phòng, ban, UBND các xã, thị trấn"). Each word must end
// the list or be followed by another list word, so "các phòng, ban, Hội Nông dân" leaves
// "Hội Nông dân" a named agency.
const OFFICE_FIRST = String.raw`(?:so|phong|ban|nganh|co quan|don vi)`;
const OFFICE_MORE = String.raw`(?:so|phong|ban|nganh|co quan|don vi|hoi|doan the)`;
const LIST_GOES_ON = String.raw`(?=$|[,;.]| (?:va|cac|co|lien quan|chuyen mon|cap huyen|huyen|cap tinh|tinh|cap xa|thi xa|xa|phuong|${OFFICE_MORE})\b)`;
const RELATED_OFFICES = new RegExp(
  String.raw`\bcac ${OFFICE_FIRST}${LIST_GOES_ON}(?:(?: ?, ?| )(?:cac )?${OFFICE_MORE}${LIST_GOES_ON})*(?: chuyen mon)?(?: (?:co )?lien quan)?(?: (?:cap )?(?:huyen|tinh|thi xa|xa|phuong)\b)?`,
  'g',
);

// A group must end its piece (the end of the cell, a comma, a semicolon, a full stop or "và"):
// "UBND xã Hồng Kim" names one commune and "các xã có tỷ lệ hộ nghèo cao" only some, and
// neither is every commune.
const PIECE_START = String.raw`(?<=^|[,;] ?| va )`;
const PIECE_END = String.raw`(?=$| ?[,;.]| va\b)`;
const PC = String.raw`(?:uy ban nhan dan|ubnd)`;
const WHERE = String.raw`(?: (?:co )?lien quan\b)?(?: (?:thuoc tinh|tren dia ban(?: (?:huyen|tinh))?)\b)?`;

// "các đoàn thể xã", "đoàn thể xã": the mass organisations of the plan's locality. "đoàn thể
// chính trị xã hội tỉnh" in a district plan is another level's, left a name.
const MASS_ORGANISATIONS = new RegExp(
  String.raw`${PIECE_START}(?:cac )?doan the(?: (?:cap )?(?:huyen|tinh|thi xa|xa|phuong)\b)?${PIECE_END}`,
  'g',
);

// Every commune: "UBND các xã, thị trấn", "UBND các xã", "UBND cấp xã", "các xã, thị trấn",
// "các xã thị trấn", "Ủy ban nhân dân các xã, phường, thị trấn", "UBND các xã, thị trấn
// liên quan", since the 2025 reform "UBND các xã, phường, đặc khu"; and a bare "Ủy ban nhân
// dân xã" / "UBND xã" (Tu Mơ Rông's heading for what every commune does).
const COMMUNE_TAIL = String.raw`(?:(?: ?, ?| va | )(?:xa|phuong|thi tran|dac khu)\b)*`;
const ALL_COMMUNES = new RegExp(
  String.raw`(?:\b${PC} (?:(?:cac |cap )?xa|cac phuong)\b${COMMUNE_TAIL}|\bcac (?:xa|phuong)\b${COMMUNE_TAIL})${WHERE}${PIECE_END}`,
  'g',
);

// Every district: "UBND các huyện, thị xã, thành phố", "UBND cấp huyện", "Ủy ban nhân dân các
// huyện, thành phố", "UBND huyện, thị xã, thành phố" (a bare "UBND huyện" is the district's
// own People's Committee, a named agency), "các huyện, thị xã, thành phố".
const DISTRICT_TAIL = String.raw`(?:(?: ?, ?| va | )(?:huyen|quan|thi xa|thanh pho)\b)`;
// The list may end with the province's or a city's name ("UBND các huyện, thị xã, thành phố
// Huế"): kept in the group when the caller knows the name as a locality's (`place`).
const ALL_DISTRICTS = new RegExp(
  String.raw`(?:\b${PC} (?:cac |cap )(?:huyen|quan|thi xa)\b${DISTRICT_TAIL}*|\b${PC} huyen${DISTRICT_TAIL}+|\bcac huyen\b${DISTRICT_TAIL}*)${WHERE}(?<place>(?: (?!va\b)[^\s,;.]+){1,6})?${PIECE_END}`,
  'g',
);

// A bare "địa phương" / "các địa phương" ("các phòng, ban, địa phương"): the localities one
// level under the plan's (the communes of a district, the districts of a province).
const LOCALITIES_BELOW = new RegExp(
  String.raw`${PIECE_START}(?:cac )?dia phuong\b${WHERE}${PIECE_END}`,
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
  group: GroupKind;
}

/**
 * Whether a name after a district list is a locality's ("thành phố Huế", "tỉnh Quảng Trị"): it
 * must follow "thành phố" (the city the list ends with) or be "tỉnh <name>" / "thuộc tỉnh
 * <name>", and be one of `places`.
 */
function knownPlace(match: string, place: string, places: ReadonlySet<string>): boolean {
  const before = match.slice(0, match.length - place.length);
  const province = /^ (?:thuoc )?tinh (.+)$/.exec(place);
  if (!province && !/(?:thanh pho|tinh)$/.test(before)) return false;
  return places.has(normalizeAgencyName(province ? province[1]! : place));
}

/** The keys `splitCoordinating` compares place names by: each locality's name without its kind. */
export function placeKeys(names: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const n of names) {
    const { bare } = localityParts(n);
    if (bare !== '') out.add(bare);
  }
  return out;
}

function groupSpans(folded: string, places: ReadonlySet<string>): Span[] {
  const spans: Span[] = [];
  for (const [re, group] of [
    [ALL_COMMUNES, 'all-communes'],
    [ALL_DISTRICTS, 'all-districts'],
    [LOCALITIES_BELOW, 'localities-below'],
    [RELATED_OFFICES, 'related-offices'],
    [MASS_ORGANISATIONS, 'mass-organisations'],
  ] as const) {
    for (const m of folded.matchAll(re)) {
      const place = m.groups?.['place'];
      if (place !== undefined && !knownPlace(m[0], place, places)) continue;
      // A list that takes in the mass organisations and selects nothing is every body.
      const all =
        group === 'related-offices' && /\bdoan the\b/.test(m[0]) && !/\blien quan\b/.test(m[0]);
      spans.push({
        start: m.index,
        end: m.index + m[0].length,
        group: all ? 'all-organisations' : group,
      });
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
 * `folded` with the text inside parentheses blanked (same length): a note ("Sở Tài chính (vốn
 * sự nghiệp, vốn đầu tư)") is neither split at its commas nor read for groups.
 */
function maskNotes(folded: string): string {
  let depth = 0;
  let out = '';
  for (const ch of folded) {
    if (ch === ')' && depth > 0) depth--;
    out += depth > 0 ? '_'.repeat(ch.length) : ch;
    if (ch === '(') depth++;
  }
  return out;
}

/**
 * The named agencies and the groups in a coordinating cell, in the order written. Groups
 * ("các phòng, ban ngành liên quan", "UBND các xã, thị trấn") are recognised first so their
 * commas do not split them; the rest splits on commas, semicolons and a "và" that starts a
 * new agency. Whitespace is collapsed; empty pieces are dropped.
 */
export function splitCoordinating(
  cell: string,
  places: ReadonlySet<string> = new Set(),
): CoordinatingPart[] {
  const text = cell.normalize('NFC').replace(/\s+/g, ' ').trim();
  const folded = maskNotes(foldAligned(text));
  const parts: CoordinatingPart[] = [];
  let from = 0;
  for (const span of groupSpans(folded, places)) {
    parts.push(...agencies(text.slice(from, span.start), folded.slice(from, span.start)));
    parts.push({ kind: 'group', group: span.group, text: text.slice(span.start, span.end) });
    from = span.end;
  }
  parts.push(...agencies(text.slice(from), folded.slice(from)));
  return parts;
}

// ---------------------------------------------------------------------------------------
// Levels and People's Committees

export type LevelKind = 'province' | 'district' | 'commune' | 'village';

// Level names are data: the directory may say "province"/"district"/"commune" or "tỉnh"/
// "huyện"/"xã", or name a commune-level locality "phường" or "thị trấn".
const LEVEL_WORDS: [RegExp, LevelKind][] = [
  [/^(?:province|tinh|thanh pho truc thuoc trung uong|cap tinh)$/, 'province'],
  [/^(?:district|county|huyen|quan|thi xa|thanh pho thuoc tinh|cap huyen)$/, 'district'],
  [/^(?:commune|ward|xa|phuong|thi tran|dac khu|special zone|cap xa)$/, 'commune'],
  [/^(?:village|hamlet|thon|lang|ban|ap|buon|plei|to dan pho|khom)$/, 'village'],
];

/** The kind of a level name, or undefined when the name is not one of the known words. */
export function levelKind(level: string): LevelKind | undefined {
  const folded = stripMarks(level)
    .replace(/[^a-z]+/g, ' ')
    .trim();
  return LEVEL_WORDS.find(([re]) => re.test(folded))?.[1];
}

export interface LocalityNode {
  id: string;
  level: string;
  parentId?: string | null | undefined;
}

/**
 * The kind of every locality: its level's word; a "thành phố" or "city" (a province-level
 * city or a district-level one) takes the kind below its parent's.
 */
function kindsOf(localities: readonly LocalityNode[]): Map<string, LevelKind | undefined> {
  const byId = new Map(localities.map((l) => [l.id, l]));
  const kinds = new Map<string, LevelKind | undefined>();
  const below: Record<LevelKind, LevelKind> = {
    province: 'district',
    district: 'commune',
    commune: 'village',
    village: 'village',
  };
  const kindOf = (l: LocalityNode, depth: number): LevelKind | undefined => {
    if (kinds.has(l.id)) return kinds.get(l.id);
    let kind = levelKind(l.level);
    if (kind === undefined && /^(?:thanh pho|city)$/.test(stripMarks(l.level).trim())) {
      const parent = l.parentId ? byId.get(l.parentId) : undefined;
      // A cycle in bad data ends the walk rather than the stack.
      const parentKind = parent && depth < 20 ? kindOf(parent, depth + 1) : undefined;
      kind = parent ? (parentKind ? below[parentKind] : undefined) : 'province';
    }
    kinds.set(l.id, kind);
    return kind;
  };
  for (const l of localities) kindOf(l, 0);
  return kinds;
}

/**
 * The localities whose People's Committees make up a group, for a plan of locality `root`:
 * for `localities-below` its children; for `all-districts` / `all-communes` every locality
 * under it of that kind (a province's districts; its communes, through its districts or,
 * since the 2025 two-tier reform, directly). When no level under `root` has a known name,
 * the next level down (its children) is taken as the one the phrase means.
 */
export function groupLocalities(
  group: Exclude<GroupKind, 'related-offices'>,
  localities: readonly LocalityNode[],
  root: string,
): string[] {
  const children = new Map<string, string[]>();
  for (const l of localities) {
    if (!l.parentId) continue;
    const list = children.get(l.parentId);
    if (list) list.push(l.id);
    else children.set(l.parentId, [l.id]);
  }
  const direct = children.get(root) ?? [];
  if (group === 'localities-below') return [...direct];
  const want: LevelKind = group === 'all-districts' ? 'district' : 'commune';
  const kinds = kindsOf(localities);
  const found: string[] = [];
  let known = false;
  const seen = new Set([root]);
  for (let level = direct; level.length > 0;) {
    const next: string[] = [];
    for (const id of level) {
      if (seen.has(id)) continue;
      seen.add(id);
      const kind = kinds.get(id);
      if (kind !== undefined) known = true;
      if (kind === want) found.push(id);
      next.push(...(children.get(id) ?? []));
    }
    level = next;
  }
  return known ? found : [...direct];
}

/**
 * A People's Committee, recognised by its name ("Ủy ban nhân dân …", "UBND …"): it is the
 * committee of its own locality, whatever that locality's level. `isCommune` (older directory
 * files) marks a commune's committee whatever its name.
 */
export function isPeoplesCommittee(entry: {
  name: string;
  shortNames?: readonly string[] | undefined;
  isCommune?: boolean | undefined;
}): boolean {
  if (entry.isCommune) return true;
  const key = normalizeAgencyName(entry.name);
  return key === 'uy ban nhan dan' || key.startsWith('uy ban nhan dan ');
}

// The socio-political mass organisations ("đoàn thể"): the women's, farmers' and veterans'
// unions, the youth union (as "Đoàn Thanh niên …" or "Tỉnh đoàn", "Huyện đoàn" …) and the trade
// unions. The Fatherland Front is their umbrella and plans name it beside them.
const MASS_ORGANISATION_NAMES =
  /^(?:hoi lien hiep phu nu|hoi nong dan|hoi cuu chien binh|doan thanh nien|(?:tinh|huyen|thanh|thi|quan) doan|lien doan lao dong|cong doan)(?: |$)/;

/** Whether an agency is a mass organisation, by its name. */
export function isMassOrganisation(entry: { name: string }): boolean {
  return MASS_ORGANISATION_NAMES.test(normalizeAgencyName(entry.name));
}

/**
 * The level a group phrase ends with ("các đoàn thể xã" → commune, "Các sở, ban, ngành, đoàn
 * thể tỉnh" → province); undefined when it names none.
 */
export function groupLevel(text: string): LevelKind | undefined {
  const key = normalizeAgencyName(text);
  const kind = KINDS.find((k) => key.endsWith(` ${k}`));
  if (kind === undefined || kind === 'thanh pho') return undefined;
  return levelKind(kind);
}
