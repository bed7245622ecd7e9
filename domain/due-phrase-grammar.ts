// The grammar of the Vietnamese time phrases plans write in their "Thời gian" column and
// reporting sections: a tokenizer over the folded text and a recursive-descent parser over
// its tokens, then a step that turns what was read into a rule, checking the dates.
//
//   cell        := "(" content end ")" end | content end          end := [.,;:!]*
//   content     := standing | stage | monthly | every | yearly | periodic | list
//   standing    := "thường xuyên" ["liên tục"] | "theo yêu cầu" | "khi có/được yêu cầu"
//                | "đột xuất" ["(nếu có)"]
//   stage       := ["trong"] ["giai đoạn" | "năm"] YYYY ("-" | "đến") YYYY
//                | "từ" ["năm"] YYYY "đến" ["hết"] ["năm"] YYYY        (with "hàng năm" around)
//   monthly     := every("tháng") [[:,] intro DD | "(" intro DD ")"] | intro DD "hàng tháng"
//   every       := ("định kỳ" N "tháng" | N "tháng một lần" | "hàng" N "tháng") ["hàng năm"]
//                  [[:,] (pair | list)]      N = 1, 3, 6, 12;  every("quý")
//   every(U)    := ["định kỳ"] ["cuối"] ("hàng" | "hằng" | "mỗi") U
//   pair        := "(" item ")" [,] ["và"] ["cả"] "năm" "(" item ")"      (Tu Mơ Rông)
//   yearly      := every("năm") [[:,] list | "(" list ")"]
//   periodic    := "định kỳ" [:,] list
//   list        := item ((, | ; | "và")+ item)*
//   item        := [intro] points [rec] ["(" label ")"] [rec]
//                | label (":" | "(") [intro] points [rec] [")"]
//   rec         := [,] ["vào"] every("năm") | "(" every("năm") ")"
//   intro       := ("trước" | "chậm nhất" | "không quá" | "đến hết" | "đến" | "trong" | "hạn chót"
//                 | "hạn" | "vào" | "là" | "ngày")*
//   points      := date | month-list | quarter-list | half | year
//   date        := DD sep MM [sep YYYY | "năm" YYYY] | DD "tháng" MM ["năm" YYYY]   sep = / - .
//   month-list  := ["cuối"] "tháng" MM ((, | "và") ["tháng"] MM)* ["/" YYYY | "năm" YYYY]
//   quarter-list:= ["cuối"] "quý" Q ((, | "và") ["quý"] Q)* ["/" YYYY | "năm" YYYY]   Q = I…IV, 1…4
//   half        := "6 tháng" ("đầu" | "cuối") "năm" [YYYY]
//   year        := ["cuối"] "năm" YYYY
//
// Every production looks at a bounded number of tokens before committing, and a failed
// alternative is retried only from the start of the cell, a fixed number of times: parsing is
// linear in the length of the cell (test/fuzz/due-phrase.test.ts feeds 500 000 characters).
import { stripMarks } from './text.ts';
import {
  daysInMonth,
  maxDaysInMonth,
  pad2,
  type DatedDeadline,
  type DueMode,
  type DueRule,
  type StandingBasis,
  type YearlyDate,
} from './due-phrase-rule.ts';
import type { PhraseErrorCode, PhraseParamsOf } from '../i18n/phrase.ts';

/** A reason the phrase cannot be read: a catalogue code and its parameters (less `phrase`). */
export class PhraseError<C extends PhraseErrorCode = PhraseErrorCode> extends Error {
  readonly code: C;
  readonly params: Omit<PhraseParamsOf<C>, 'phrase'>;
  constructor(code: C, params: Omit<PhraseParamsOf<C>, 'phrase'>) {
    super(code);
    this.code = code;
    this.params = params;
  }
}

const fail = <C extends PhraseErrorCode>(
  code: C,
  params: Omit<PhraseParamsOf<C>, 'phrase'>,
): never => {
  throw new PhraseError(code, params);
};

// ---------------------------------------------------------------------------------------
// Tokens

interface Token {
  kind: 'word' | 'num' | 'punct';
  /** Folded: lowercase, no diacritics, đ as d; digits as written; punctuation as is. */
  text: string;
  /** Offsets in the NFC text, for quoting the plan's own words. */
  start: number;
  end: number;
  /** Written right after the previous token, with no space between. */
  tight: boolean;
}

const DASHES = '‐‑‒–—−-';
const SPACE = /\s/u;
const LETTER = /^\p{L}+$/u;

// Folding a character normalizes it; plans repeat the same few letters, so each is folded
// once. Bounded so text of every script cannot grow it without end.
const FOLDED = new Map<string, string>();

/** One character folded; '' for a lone combining mark (a misplaced tone mark). */
function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x80) return ch.toLowerCase();
  let f = FOLDED.get(ch);
  if (f === undefined) {
    f = stripMarks(ch);
    if (FOLDED.size < 4096) FOLDED.set(ch, f);
  }
  return f;
}

/**
 * Splits the text into words, numbers and punctuation. Typed documents misplace tone marks
 * ("Qúy I/2021") and mix "hằng năm"/"hàng năm": folding makes those the same words.
 */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let run: Token | undefined;
  let space = true;
  for (let i = 0; i < src.length;) {
    const cp = src.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const at = i;
    i += ch.length;
    if (SPACE.test(ch)) {
      run = undefined;
      space = true;
      continue;
    }
    if (ch >= '0' && ch <= '9') {
      if (run?.kind === 'num') {
        run.text += ch;
        run.end = i;
      } else {
        run = { kind: 'num', text: ch, start: at, end: i, tight: !space };
        out.push(run);
      }
      space = false;
      continue;
    }
    if (DASHES.includes(ch)) {
      run = undefined;
      out.push({ kind: 'punct', text: '-', start: at, end: i, tight: !space });
      space = false;
      continue;
    }
    const f = foldChar(ch);
    if (f === '') {
      if (run) run.end = i;
      continue;
    }
    if (LETTER.test(f)) {
      if (run?.kind === 'word') {
        run.text += f;
        run.end = i;
      } else {
        run = { kind: 'word', text: f, start: at, end: i, tight: !space };
        out.push(run);
      }
    } else {
      run = undefined;
      out.push({ kind: 'punct', text: ch, start: at, end: i, tight: !space });
    }
    space = false;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// What the parser reads

type Point =
  | { p: 'date'; day: number; month: number; year?: number }
  | { p: 'month'; month: number; year?: number }
  | { p: 'quarter'; q: number; year?: number }
  | { p: 'half'; h: 1 | 2; year?: number }
  | { p: 'year'; year: number };

interface Item {
  points: Point[];
  /** Set by an introducer; undefined when the item has none ("và 09/12"). */
  mode?: DueMode;
  name?: string;
  /** Written with "hàng năm" after it. */
  recurs: boolean;
}

type Recurrence = 'yearly' | 'periodic' | 'none';

type Ast =
  | { t: 'standing'; basis: StandingBasis }
  | { t: 'stage'; from: number; to: number }
  | { t: 'monthly'; day?: number; mode?: DueMode }
  | { t: 'quarterly' }
  | { t: 'semiannual'; items?: Item[] }
  | { t: 'list'; rec: Recurrence; items: Item[] };

// ---------------------------------------------------------------------------------------
// The parser

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const LIST_PUNCT = new Set([',', ';']);
const END_PUNCT = new Set(['.', ',', ';', ':', '!']);

class Parser {
  pos = 0;
  private readonly toks: readonly Token[];
  private readonly src: string;
  constructor(toks: readonly Token[], src: string) {
    this.toks = toks;
    this.src = src;
  }

  private tok(k = 0): Token | undefined {
    return this.toks[this.pos + k];
  }

  private isWord(w: string, k = 0): boolean {
    const t = this.tok(k);
    return t?.kind === 'word' && t.text === w;
  }

  private isPunct(c: string, k = 0): boolean {
    const t = this.tok(k);
    return t?.kind === 'punct' && t.text === c;
  }

  /** Consumes the words if they come next, in order. */
  private words(...ws: string[]): boolean {
    for (let k = 0; k < ws.length; k++) if (!this.isWord(ws[k]!, k)) return false;
    this.pos += ws.length;
    return true;
  }

  private punct(c: string): boolean {
    if (!this.isPunct(c)) return false;
    this.pos++;
    return true;
  }

  /** A number of `min`…`max` digits. */
  private num(min: number, max: number): number | undefined {
    const t = this.tok();
    if (t?.kind !== 'num' || t.text.length < min || t.text.length > max) return undefined;
    this.pos++;
    return Number(t.text);
  }

  private year(): number | undefined {
    return this.num(4, 4);
  }

  /** Runs a production; on failure puts the position back. */
  private attempt<T>(f: () => T | undefined): T | undefined {
    const at = this.pos;
    const r = f();
    if (r === undefined) this.pos = at;
    return r;
  }

  private atEnd(): boolean {
    return this.pos >= this.toks.length;
  }

  /** Trailing punctuation from the sentence the phrase was cut from. */
  private end(): boolean {
    while (this.tok()?.kind === 'punct' && END_PUNCT.has(this.tok()!.text)) this.pos++;
    return this.atEnd();
  }

  /** The whole cell, or undefined if no production reads all of it. */
  cell(): Ast | undefined {
    if (this.isPunct('(')) {
      const wrapped = this.attempt(() => {
        this.pos++;
        const c = this.content(() => {
          while (this.tok()?.kind === 'punct' && END_PUNCT.has(this.tok()!.text)) this.pos++;
          return this.punct(')') && this.end();
        });
        return c;
      });
      if (wrapped) return wrapped;
    }
    return this.content(() => this.end());
  }

  /** Tries each form from the same start; the first that reads up to `done` wins. */
  private content(done: () => boolean): Ast | undefined {
    const forms: (() => Ast | undefined)[] = [
      () => this.standing(),
      () => this.stage(),
      () => this.monthly(),
      () => this.every(),
      () => this.yearly(),
      () => this.periodic(),
      () => this.list('none'),
    ];
    for (const form of forms) {
      const r = this.attempt(() => {
        const ast = form();
        return ast !== undefined && done() ? ast : undefined;
      });
      if (r) return r;
    }
    return undefined;
  }

  private standing(): Ast | undefined {
    if (this.words('thuong', 'xuyen')) {
      this.punct(',');
      this.words('lien', 'tuc');
      return { t: 'standing', basis: 'continuous' };
    }
    if (this.words('theo', 'yeu', 'cau')) return { t: 'standing', basis: 'on-request' };
    if (this.words('khi', 'co', 'yeu', 'cau') || this.words('khi', 'duoc', 'yeu', 'cau')) {
      return { t: 'standing', basis: 'on-request' };
    }
    if (this.words('dot', 'xuat')) {
      // "Đột xuất (nếu có)": ad hoc, if any.
      const ifAny = this.attempt(
        () => (this.punct('(') && this.words('neu', 'co') && this.punct(')')) || undefined,
      );
      if (!ifAny) this.words('neu', 'co');
      return { t: 'standing', basis: 'ad-hoc' };
    }
    return undefined;
  }

  /** "hàng năm", "hằng năm", "định kỳ hàng năm". */
  private yearlyWords(): boolean {
    return this.every_('nam');
  }

  /** "hàng năm", "hằng quý", "định kỳ hàng tháng", "mỗi năm", "cuối mỗi quý": every `unit`. */
  private every_(unit: 'nam' | 'quy' | 'thang'): boolean {
    return (
      this.attempt(() => {
        this.words('dinh', 'ky');
        this.words('cuoi');
        return this.words('hang', unit) || this.words('moi', unit) || undefined;
      }) ?? false
    );
  }

  private stage(): Ast | undefined {
    // "hàng năm, giai đoạn 2021-2025" says no more than the stage does.
    const before = this.attempt(() => {
      if (!this.yearlyWords()) return undefined;
      if (!this.punct(',')) this.punct(':');
      return true;
    });
    this.words('trong');
    let range: { from: number; to: number } | undefined;
    if (this.words('tu')) {
      range = this.attempt(() => {
        this.words('nam');
        const from = this.year();
        if (from === undefined || !this.words('den')) return undefined;
        this.words('het');
        this.words('nam');
        const to = this.year();
        return to === undefined ? undefined : { from, to };
      });
    } else {
      if (!this.words('giai', 'doan')) this.words('nam');
      range = this.attempt(() => {
        const from = this.year();
        if (from === undefined || !(this.punct('-') || this.words('den'))) return undefined;
        const to = this.year();
        return to === undefined ? undefined : { from, to };
      });
    }
    if (!range) return undefined;
    if (!before) this.rec();
    return { t: 'stage', ...range };
  }

  private monthly(): Ast | undefined {
    if (this.every_('thang')) {
      // "hàng tháng, trước ngày 25", "hàng tháng (trước ngày 25)".
      const day = this.attempt(() => {
        const paren = this.punct('(');
        if (!paren && !this.punct(':')) this.punct(',');
        const mode = this.intro();
        const d = this.num(1, 2);
        return d === undefined || (paren && !this.punct(')')) ? undefined : { day: d, mode };
      });
      return day ? { t: 'monthly', day: day.day, mode: day.mode } : { t: 'monthly' };
    }
    const mode = this.intro();
    const day = this.num(1, 2);
    if (day === undefined || !this.words('hang', 'thang')) return undefined;
    return { t: 'monthly', day, mode };
  }

  /** "định kỳ 6 tháng", "6 tháng một lần", "hàng 6 tháng": every N months. */
  private everyMonths(): number | undefined {
    return this.attempt(() => {
      if (this.words('dinh', 'ky') || this.words('hang')) {
        const n = this.num(1, 2);
        return n !== undefined && this.words('thang') ? n : undefined;
      }
      const n = this.num(1, 2);
      if (n === undefined || !this.words('thang')) return undefined;
      return this.words('mot', 'lan') || (this.num(1, 1) === 1 && this.words('lan'))
        ? n
        : undefined;
    });
  }

  private every(): Ast | undefined {
    if (this.every_('quy')) return { t: 'quarterly' };
    const n = this.everyMonths();
    if (n === undefined) return undefined;
    if (n === 1) return { t: 'monthly' };
    if (n === 3) return { t: 'quarterly' };
    if (n === 12) return { t: 'list', rec: 'yearly', items: [] };
    if (n !== 6) return undefined;
    // "định kỳ 6 tháng, hàng năm", "định kỳ 6 tháng và năm": the 6-month and annual reports.
    if (!this.rec()) {
      this.attempt(() => {
        if (!this.punct(',') && !this.words('va')) return undefined;
        this.words('ca');
        this.words('hang');
        // "định kỳ 6 tháng, 1 năm", "6 tháng, một năm".
        if (!this.words('mot')) this.attempt(() => (this.num(1, 2) === 1 ? true : undefined));
        return this.words('nam') || undefined;
      });
    }
    const items = this.attempt(() => {
      if (!this.punct(':')) this.punct(',');
      return this.pair() ?? this.items();
    });
    return items ? { t: 'semiannual', items } : { t: 'semiannual' };
  }

  /** Tu Mơ Rông: "(trước ngày 14/6) năm (trước ngày 09/12)", the 6-month and annual reports. */
  private pair(): Item[] | undefined {
    return this.attempt(() => {
      if (!this.punct('(')) return undefined;
      const first = this.pointItem(false);
      if (!first || !this.punct(')')) return undefined;
      this.punct(',');
      this.words('va');
      this.words('ca');
      if (!this.words('nam') || !this.punct('(')) return undefined;
      const second = this.pointItem(false);
      if (!second || !this.punct(')')) return undefined;
      return [first, second];
    });
  }

  private yearly(): Ast | undefined {
    if (!this.yearlyWords()) return undefined;
    // "Hàng năm: trước ngày 20/6", "hàng năm, …", "Hàng năm (trước ngày 31/12)".
    const items =
      this.attempt(() => {
        if (!this.punct('(')) return undefined;
        const inner = this.items();
        return inner && this.punct(')') ? inner : undefined;
      }) ??
      this.attempt(() => {
        if (!this.punct(':')) this.punct(',');
        return this.items();
      });
    return { t: 'list', rec: 'yearly', items: items ?? [] };
  }

  private periodic(): Ast | undefined {
    if (!this.words('dinh', 'ky')) return undefined;
    if (!this.punct(':')) this.punct(',');
    const items = this.items();
    return items ? { t: 'list', rec: 'periodic', items } : undefined;
  }

  private list(rec: Recurrence): Ast | undefined {
    const items = this.items();
    return items ? { t: 'list', rec, items } : undefined;
  }

  private items(): Item[] | undefined {
    const first = this.item();
    if (!first) return undefined;
    const out = [first];
    for (;;) {
      const next = this.attempt(() => {
        let sep = false;
        while (
          (this.tok()?.kind === 'punct' && LIST_PUNCT.has(this.tok()!.text)) ||
          this.isWord('va')
        ) {
          this.pos++;
          sep = true;
        }
        return sep ? this.item() : undefined;
      });
      if (!next) return out;
      out.push(next);
    }
  }

  private item(): Item | undefined {
    return this.attempt(() => this.pointItem(true)) ?? this.attempt(() => this.labelFirst());
  }

  /** [intro] points [rec] ["(" label ")"] [rec] */
  private pointItem(withLabel: boolean): Item | undefined {
    const mode = this.intro();
    const points = this.points();
    if (!points) return undefined;
    let recurs = this.rec();
    let name: string | undefined;
    if (withLabel) {
      name = this.attempt(() => {
        if (!this.punct('(')) return undefined;
        const label = this.label(true);
        return label !== undefined && this.punct(')') ? label : undefined;
      });
      if (name !== undefined) recurs = this.rec() || recurs;
    }
    return {
      points,
      recurs,
      ...(mode === undefined ? {} : { mode }),
      ...(name === undefined ? {} : { name }),
    };
  }

  /** "Báo cáo 6 tháng: trước 15/6", "6 tháng (trước ngày 14/6)". */
  private labelFirst(): Item | undefined {
    const name = this.label(false);
    if (name === undefined) return undefined;
    const paren = this.punct('(');
    if (!paren && !this.punct(':')) return undefined;
    const item = this.pointItem(false);
    if (!item || (paren && !this.punct(')'))) return undefined;
    return { ...item, name };
  }

  /** `[,] [vào] [định kỳ] hàng năm`, or "(hàng năm)". */
  private rec(): boolean {
    return (
      this.attempt(() => {
        this.punct(',');
        this.words('vao');
        return this.yearlyWords() || undefined;
      }) ??
      this.attempt(() => (this.punct('(') && this.yearlyWords() && this.punct(')')) || undefined) ??
      false
    );
  }

  /**
   * The plan's own name for a deadline, as written. Not a recurrence ("hàng năm") nor a
   * deadline ("trước ngày 14/6"): those are read, never kept as a name. Inside parentheses
   * it may hold commas and dots; before ":" or "(" only words, numbers and dashes.
   */
  private label(inParens: boolean): string | undefined {
    const first = this.tok();
    if (!first || first.kind === 'punct') return undefined;
    let last = first;
    const folded: string[] = [];
    while (this.tok()) {
      const t = this.tok()!;
      const ok =
        t.kind !== 'punct' ||
        t.text === '-' ||
        t.text === '&' ||
        (inParens && (t.text === ',' || t.text === '.'));
      if (!ok) break;
      // A date inside the label ("14/6", "14-6", "14.6") is a deadline, not a name.
      if (
        t.kind === 'punct' &&
        t.text !== ',' &&
        last.kind === 'num' &&
        this.tok(1)?.kind === 'num'
      ) {
        return undefined;
      }
      folded.push(t.text);
      last = t;
      this.pos++;
    }
    if (last.kind === 'punct') return undefined;
    const words = ` ${folded.join(' ')} `;
    if (/ (truoc|han|dinh ky|hang (nam|thang|quy|\d+)|giai doan) /.test(words)) {
      return undefined;
    }
    if (/ ngay \d/.test(words)) return undefined;
    return this.src.slice(first.start, last.end).replace(/\s+/g, ' ').trim();
  }

  /** The words that introduce a deadline; the mode they set, if any. */
  private intro(): DueMode | undefined {
    let mode: DueMode | undefined;
    let any = false;
    for (;;) {
      if (this.words('truoc')) mode = 'before';
      else if (
        this.words('cham', 'nhat') ||
        this.words('khong', 'qua') ||
        this.words('den', 'het') ||
        this.words('den') ||
        this.words('trong') ||
        this.words('han', 'chot') ||
        this.words('han') ||
        this.words('vao')
      ) {
        mode ??= 'by';
      } else if (this.isWord('ngay') || (any && this.isWord('la'))) this.pos++;
      else return mode;
      any = true;
    }
  }

  private points(): Point[] | undefined {
    return (
      this.attempt(() => this.date()) ??
      this.attempt(() => this.monthsOrQuarters('thang')) ??
      this.attempt(() => this.monthsOrQuarters('quy')) ??
      this.attempt(() => this.half()) ??
      this.attempt(() => this.yearPoint())
    );
  }

  private dateSep(): boolean {
    const t = this.tok();
    if (t?.kind !== 'punct') return false;
    // A dot is also a full stop: only "17.9.2022" written tight is a date.
    if (t.text === '.') {
      if (!t.tight || !this.tok(1)?.tight) return false;
    } else if (t.text !== '/' && t.text !== '-') return false;
    this.pos++;
    return true;
  }

  private date(): Point[] | undefined {
    const day = this.num(1, 2);
    if (day === undefined) return undefined;
    if (this.words('thang')) {
      const month = this.num(1, 2);
      if (month === undefined) return undefined;
      const year = this.attempt(() => (this.words('nam') ? this.year() : undefined));
      return [{ p: 'date', day, month, ...(year === undefined ? {} : { year }) }];
    }
    if (!this.dateSep()) return undefined;
    const month = this.num(1, 2);
    if (month === undefined) return undefined;
    const year = this.attempt(() =>
      this.dateSep() || this.words('nam') ? this.year() : undefined,
    );
    // "17/9/22": a year must be written in full.
    if (year === undefined && (this.isPunct('/') || this.isPunct('-'))) return undefined;
    return [{ p: 'date', day, month, ...(year === undefined ? {} : { year }) }];
  }

  private quarterNumber(): number | undefined {
    const t = this.tok();
    if (t?.kind === 'word' && ROMAN[t.text] !== undefined) {
      this.pos++;
      return ROMAN[t.text];
    }
    const n = this.attempt(() => this.num(1, 1));
    if (n !== undefined && n >= 1 && n <= 4) return n;
    if (n !== undefined) this.pos--;
    return undefined;
  }

  /** "tháng 9/2024", "tháng 9, 10/2024", "Quý I, II/2024", "quý 3 năm 2024", "cuối quý IV". */
  private monthsOrQuarters(unit: 'thang' | 'quy'): Point[] | undefined {
    this.words('cuoi');
    if (!this.words(unit)) return undefined;
    const one = (): number | undefined =>
      unit === 'thang' ? this.num(1, 2) : this.quarterNumber();
    const first = one();
    if (first === undefined) return undefined;
    const ns = [first];
    for (;;) {
      const n = this.attempt(() => {
        if (!this.punct(',') && !this.words('va')) return undefined;
        this.words(unit);
        const v = one();
        // "Quý I, 20/6/2024": a number followed by a date separator starts a date.
        if (v === undefined || (this.isPunct('/') && this.tok(1)?.text.length !== 4)) {
          return undefined;
        }
        // "tháng 1 và 6 tháng đầu năm", "Quý I và 3 tháng …": the number starts another deadline.
        if (this.isPunct('-') || this.isPunct('.') || this.isWord('thang')) return undefined;
        return v;
      });
      if (n === undefined) break;
      ns.push(n);
    }
    const year = this.attempt(() =>
      this.punct('/') || this.words('nam') ? this.year() : undefined,
    );
    if (year === undefined && (this.isPunct('/') || this.isPunct('-'))) return undefined;
    return ns.map((n) =>
      unit === 'thang'
        ? { p: 'month' as const, month: n, ...(year === undefined ? {} : { year }) }
        : { p: 'quarter' as const, q: n, ...(year === undefined ? {} : { year }) },
    );
  }

  /** "6 tháng đầu năm 2024", "06 tháng cuối năm". */
  private half(): Point[] | undefined {
    if (this.num(1, 2) !== 6 || !this.words('thang')) return undefined;
    const h = this.words('dau') ? 1 : this.words('cuoi') ? 2 : undefined;
    if (h === undefined || !this.words('nam')) return undefined;
    const year = this.attempt(() => this.year());
    return [{ p: 'half', h, ...(year === undefined ? {} : { year }) }];
  }

  private yearPoint(): Point[] | undefined {
    this.words('cuoi');
    if (!this.words('nam')) return undefined;
    const year = this.year();
    return year === undefined ? undefined : [{ p: 'year', year }];
  }
}

// ---------------------------------------------------------------------------------------
// From what was read to a rule

function checkDay(day: number, month: number, year: number | undefined): void {
  const dm = `${day}/${month}`;
  if (month < 1 || month > 12) fail('phrase.bad-month', { date: dm, month });
  if (day < 1 || day > 31) fail('phrase.not-a-date', { date: dm });
  if (month === 2 && day === 29) {
    if (year === undefined) fail('phrase.feb-29', {});
    else if (daysInMonth(year, 2) !== 29) fail('phrase.feb-29', { year });
    return;
  }
  const max = maxDaysInMonth(month);
  if (day > max) fail('phrase.month-too-short', { date: dm, month, days: max });
}

interface Resolved {
  month: number;
  day: number;
  mode: DueMode;
  tag?: string;
}

/**
 * A point in a given year (undefined: every year) as the date its deadline falls on. A
 * period read with "trước" is due before it starts; otherwise by its last day.
 */
function resolvePoint(pt: Point, mode: DueMode, year: number | undefined): Resolved {
  const span = (first: number, last: number, tag?: string): Resolved => {
    const t = tag === undefined ? {} : { tag };
    if (mode === 'before') return { month: first, day: 1, mode, ...t };
    if (last === 2 && year === undefined) fail('phrase.feb-end', {});
    return { month: last, day: daysInMonth(year ?? 2023, last), mode, ...t };
  };
  switch (pt.p) {
    case 'date':
      checkDay(pt.day, pt.month, year);
      return { month: pt.month, day: pt.day, mode };
    case 'month':
      if (pt.month < 1 || pt.month > 12) fail('phrase.bad-month', { month: pt.month });
      return span(pt.month, pt.month, pad2(pt.month));
    case 'quarter':
      return span(pt.q * 3 - 2, pt.q * 3, `Q${pt.q}`);
    case 'half':
      return span(pt.h === 1 ? 1 : 7, pt.h === 1 ? 6 : 12, `H${pt.h}`);
    case 'year':
      return span(1, 12);
  }
}

const writtenYear = (pt: Point): number | undefined => pt.year;

/** How a point was written, for messages: "20/6", "tháng 9", "Quý I", … */
function describe(pt: Point): string {
  switch (pt.p) {
    case 'date':
      return `${pt.day}/${pt.month}`;
    case 'month':
      return `tháng ${pt.month}`;
    case 'quarter':
      return `Quý ${['I', 'II', 'III', 'IV'][pt.q - 1]}`;
    case 'half':
      return pt.h === 1 ? '6 tháng đầu năm' : '6 tháng cuối năm';
    case 'year':
      return `năm ${pt.year}`;
  }
}

interface Flat {
  point: Point;
  mode: DueMode;
  name?: string;
}

/**
 * Each point with its mode. A date without its own introducer takes the previous one's
 * ("trước ngày 14/6 và 09/12": both before); a month, quarter or year without one is due by
 * its end.
 */
function flatten(items: readonly Item[]): Flat[] {
  const out: Flat[] = [];
  let carried: DueMode = 'by';
  for (const item of items) {
    if (item.mode !== undefined) carried = item.mode;
    for (const point of item.points) {
      const mode = item.mode ?? (point.p === 'date' ? carried : 'by');
      out.push({ point, mode, ...(item.name === undefined ? {} : { name: item.name }) });
    }
  }
  return out;
}

/** Period tags unique within a year: the tag, or the place in date order. */
function checkPeriods(dates: readonly { month: number; day: number; label?: string }[]): void {
  if (dates.length < 2) return;
  const order = [...dates].sort((a, b) => a.month - b.month || a.day - b.day);
  const seen = new Set<string>();
  order.forEach((d, i) => {
    const period = d.label ?? String(i + 1);
    if (seen.has(period)) fail('phrase.duplicate-period', { period });
    seen.add(period);
  });
}

/** The one year a recurring rule's dates write, if any: its first year. */
function startYear(flat: readonly Flat[]): number | undefined {
  let from: number | undefined;
  for (const f of flat) {
    const y = writtenYear(f.point);
    if (y === undefined) continue;
    if (from !== undefined && y !== from) {
      fail('phrase.recurring-years-differ', { first: from, second: y });
    }
    from = y;
  }
  return from;
}

const named = (name: string | undefined): { name?: string } => (name === undefined ? {} : { name });

function yearlyRule(flat: readonly Flat[]): DueRule {
  const from = startYear(flat);
  const several = flat.length > 1;
  const dates: YearlyDate[] = flat.map((f) => {
    const r = resolvePoint(f.point, f.mode, undefined);
    return {
      month: r.month,
      day: r.day,
      mode: r.mode,
      ...(several && r.tag !== undefined ? { label: r.tag } : {}),
      ...named(f.name),
    };
  });
  checkPeriods(dates);
  return { kind: 'yearly', dates, ...(from === undefined ? {} : { from }) };
}

function semiannualRule(flat: readonly Flat[]): DueRule {
  const from = startYear(flat);
  const dates = flat.map((f) => {
    const r = resolvePoint(f.point, f.mode, undefined);
    return { month: r.month, day: r.day, mode: r.mode, ...named(f.name) };
  });
  const [h1, h2] = dates;
  if (dates.length !== 2 || !h1 || !h2 || h1.month > 6 || h2.month < 7) {
    fail('phrase.semiannual-dates', {});
  }
  return { kind: 'semiannual', dates, ...(from === undefined ? {} : { from }) };
}

/** Deadlines of the same year or of the plan's year, once each. */
function datedRule(flat: readonly Flat[], planYear: number | undefined): DueRule {
  const anyYear = flat.some((f) => writtenYear(f.point) !== undefined);
  const dates: DatedDeadline[] = flat.map((f) => {
    const year = writtenYear(f.point) ?? (anyYear ? undefined : planYear);
    if (year === undefined) {
      return anyYear
        ? fail('phrase.some-years-missing', { date: describe(f.point) })
        : fail('phrase.no-year', {});
    }
    const r = resolvePoint(f.point, f.mode, year);
    return {
      date: { year, month: r.month, day: r.day },
      mode: r.mode,
      ...(flat.length > 1 && r.tag !== undefined ? { label: r.tag } : {}),
      ...named(f.name),
    };
  });
  if (dates.length === 1) {
    const d = dates[0]!;
    return { kind: 'once', date: d.date, mode: d.mode, ...named(d.name) };
  }
  const byYear = new Map<number, DatedDeadline[]>();
  for (const d of dates) byYear.set(d.date.year, [...(byYear.get(d.date.year) ?? []), d]);
  for (const [year, ds] of byYear) {
    try {
      checkPeriods(ds.map((d) => ({ ...d.date, ...(d.label ? { label: d.label } : {}) })));
    } catch (e) {
      if (e instanceof PhraseError && e.code === 'phrase.duplicate-period') {
        const p = (e.params as { period: string }).period;
        fail('phrase.duplicate-period', { period: `${year}-${p}` });
      }
      throw e;
    }
  }
  return { kind: 'dates', dates };
}

/** "Báo cáo 6 tháng" and "báo cáo năm": the six-monthly and the annual report. */
function isReportPair(flat: readonly Flat[]): boolean {
  if (flat.length !== 2) return false;
  const [a, b] = flat.map(
    (f) =>
      ` ${tokenize(f.name ?? '')
        .map((t) => t.text)
        .join(' ')}`,
  );
  return / 0?6 thang$/.test(a!) && / nam$/.test(b!);
}

function build(ast: Ast, opts: { year?: number }): DueRule {
  switch (ast.t) {
    case 'standing':
      return { kind: 'standing', basis: ast.basis };
    case 'stage':
      if (ast.from > ast.to) fail('phrase.stage-reversed', { from: ast.from, to: ast.to });
      return { kind: 'period', from: ast.from, to: ast.to };
    case 'monthly':
      if (ast.day === undefined) return { kind: 'monthly', day: 'end', mode: 'by' };
      if (ast.day < 1 || ast.day > 31) fail('phrase.bad-day', { day: ast.day });
      return { kind: 'monthly', day: ast.day, mode: ast.mode ?? 'by' };
    case 'quarterly':
      return {
        kind: 'yearly',
        dates: [1, 2, 3, 4].map((q) => ({
          month: q * 3,
          day: daysInMonth(2023, q * 3),
          mode: 'by' as const,
          label: `Q${q}`,
        })),
      };
    case 'semiannual':
      if (!ast.items) {
        return {
          kind: 'semiannual',
          dates: [
            { month: 6, day: 30, mode: 'by' },
            { month: 12, day: 31, mode: 'by' },
          ],
        };
      }
      return semiannualRule(flatten(ast.items));
    case 'list': {
      // A bare "hàng năm" is read like a stage: within each year, by 31/12.
      if (ast.items.length === 0)
        return { kind: 'yearly', dates: [{ month: 12, day: 31, mode: 'by' }] };
      const flat = flatten(ast.items);
      const last = ast.items[ast.items.length - 1]!;
      if (ast.items.slice(0, -1).some((i) => i.recurs) && !last.recurs && ast.rec !== 'yearly') {
        fail('phrase.mixed-recurrence', {});
      }
      const recurs = ast.rec === 'yearly' || last.recurs;
      if (recurs) return yearlyRule(flat);
      const anyYear = flat.some((f) => writtenYear(f.point) !== undefined);
      if (!anyYear && isReportPair(flat)) {
        try {
          return semiannualRule(flat);
        } catch (e) {
          if (!(e instanceof PhraseError) || e.code !== 'phrase.semiannual-dates') throw e;
          return yearlyRule(flat);
        }
      }
      // "Định kỳ" with dates of no year: periodically, on those dates every year.
      if (ast.rec === 'periodic' && !anyYear) return yearlyRule(flat);
      return datedRule(flat, opts.year);
    }
  }
}

/**
 * Reads a phrase into a rule; throws PhraseError with the reason. 'empty' when the text holds
 * nothing but spaces and punctuation; undefined when the grammar cannot read it.
 */
export function readPhrase(text: string, opts: { year?: number }): DueRule | 'empty' | undefined {
  const src = text.normalize('NFC');
  const toks = tokenize(src);
  if (toks.every((t) => t.kind === 'punct' && END_PUNCT.has(t.text))) return 'empty';
  const ast = new Parser(toks, src).cell();
  return ast === undefined ? undefined : build(ast, opts);
}
