// The grammar of the Vietnamese time phrases plans write in their "Thời gian" column and
// reporting sections: a tokenizer over the folded text and a recursive-descent parser over
// its tokens, then a step that turns what was read into a rule, checking the dates.
//
//   cell        := "(" content end ")" end | content end          end := [.,;:!]*
//   content     := standing | recurring | periodic | list
//                | "báo cáo" recurring                       ("Báo cáo định kỳ 6 tháng, năm")
//                | standing also (recurring | periodic | list)    ("Thường xuyên, hàng năm")
//                | (recurring | periodic | list) also standing     ("hằng năm và đột xuất")
//   also        := [,;] ["và" | "hoặc"]
//   recurring   := stage | monthly | quarter-day | every | yearly
//   standing    := "thường xuyên" [[,] "liên tục"] | "theo yêu cầu" | "khi có/được yêu cầu"
//                | "đột xuất" ["(nếu có)"] | "theo kế hoạch" | "theo tiến độ"
//   stage       := ["trong"] ["giai đoạn" | "năm"] YYYY ("-" | "đến") YYYY
//                | "từ" ["năm"] YYYY "đến" ["hết"] ["năm"] YYYY        (with "hàng năm" around)
//                | "từ" ["năm"] YYYY ["trở đi"] | ["năm"] YYYY [,|"và"] "các năm" next
//   monthly     := every("tháng") [[:,] intro DD [next-month] | "(" intro DD ")"]
//                | intro DD "hàng tháng" | intro DD next-month [every("tháng")]
//   next-month  := ["của"] "tháng" next          next := "sau" | "tiếp theo" | "kế tiếp"
//   quarter-day := [every("quý") [:,]] intro DD ["của"] ("tháng cuối" ["của"|"mỗi"] "quý"
//                  | "tháng đầu" ["của"] "quý" next) [every("quý")]
//   every       := ("định kỳ" N "tháng" | N "tháng" ("một lần" | "/lần") | ("hàng"|"mỗi") N
//                  "tháng") ["hàng năm"] [[:,] (pair | list)]
//                  N = 1…4, 6, 12 in digits or words ("hai", "sáu");  every("quý")
//   every(U)    := ["định kỳ"] ["cuối"] ("hàng" | "hằng" | "mỗi") U
//   pair        := "(" item ")" [,] ["và"] ["cả"] "năm" "(" item ")"      (Tu Mơ Rông)
//   yearly      := every("năm") [[:,] list | "(" list ")"]
//   periodic    := "định kỳ" [:,] list
//   list        := item ((, | ; | "và")+ item)*
//   item        := [intro] points ["năm" next] [rec] ["(" label ")"] [rec]
//                | label (":" | "(") [intro] points [rec] [")"]
//                | label intro points ["năm" next] [rec]     ("Báo cáo năm trước ngày 15/11")
//   rec         := [,] ["vào"] every("năm") | "(" every("năm") ")"
//   intro       := ("trước" | "chậm nhất" | "không quá" | "đến hết" | "đến" | "trong" | "hạn chót"
//                 | "hạn" | "vào" | "là" | "ngày")*
//   points      := date | month-list | quarter-list | half | year
//   date        := DD sep MM [sep YYYY | "năm" YYYY] | DD "tháng" MM ["năm" YYYY]   sep = / - .
//   month-list  := ["từ"] ["cuối"] "tháng" MM ((, | "và") ["tháng"] MM)* ["/" YYYY | "năm" YYYY]
//                  [("-" | "đến" ["hết"]) ["tháng"] MM ["/" YYYY | "năm" YYYY]]
//   quarter-list:= the same with "quý" Q                                Q = I…IV, 1…4
//   half        := "6 tháng" ("đầu" | "cuối") "năm" [YYYY]
//   year        := ["cuối"] "năm" YYYY | YYYY
//
// "sau" (after) and "sáu" (six) fold to one word: those two are told apart as written.
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

/** A month or a quarter: what "Quý I, II/2024" and "tháng 1 - tháng 6/2024" list. */
type Span =
  { p: 'month'; month: number; year?: number } | { p: 'quarter'; q: number; year?: number };

type Point =
  | { p: 'date'; day: number; month: number; year?: number }
  | Span
  | { p: 'half'; h: 1 | 2; year?: number }
  | { p: 'year'; year: number }
  /** The months or quarters `first`…`last` as one piece of work: done by the end of `last`. */
  | { p: 'through'; first: Span; last: Span };

interface Item {
  points: Point[];
  /** Set by an introducer; undefined when the item has none ("và 09/12"). */
  mode?: DueMode;
  name?: string;
  /** Written with "hàng năm" after it. */
  recurs: boolean;
  /**
   * Quarters listed under one year ("Quý I, II/2024", "Quý III, IV năm 2024"): in a one-off
   * cell, one piece of work running through them.
   */
  listed?: true;
  /** "năm sau": due in the year after the one the deadline is for. */
  next?: true;
}

type Recurrence = 'yearly' | 'periodic' | 'none';

type Ast =
  | { t: 'standing'; basis: StandingBasis }
  | { t: 'stage'; from: number; to: number }
  /** "Từ năm 2022", "Năm 2022 và các năm tiếp theo": every year from then, by 31/12. */
  | { t: 'from'; year: number }
  | { t: 'monthly'; day?: number; mode?: DueMode; next?: true; every?: number }
  /**
   * Every quarter: by its end, or on `day` of its last month ("trước ngày 25 tháng cuối quý")
   * or of the first month of the next quarter ("ngày 05 tháng đầu quý sau").
   */
  | { t: 'quarterly'; on?: { day: number; mode?: DueMode; month: 'last' | 'next-first' } }
  | { t: 'semiannual'; items?: Item[] }
  | { t: 'list'; rec: Recurrence; items: Item[] }
  /** A recurring duty that is also standing: "Thường xuyên, hàng năm". */
  | { t: 'also'; main: Ast; basis: StandingBasis };

// ---------------------------------------------------------------------------------------
// The parser

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const LIST_PUNCT = new Set([',', ';']);
const END_PUNCT = new Set(['.', ',', ';', ':', '!']);
/** Words that start a deadline ("trước ngày 15/6"): where a label written before one ends. */
const INTRO_START = new Set(['truoc', 'cham', 'khong', 'den', 'han', 'vao', 'trong', 'ngay']);
/** Words that continue one ("chậm nhất", "không quá", "đến hết", "hạn chót", "là"). */
const INTRO_MORE = new Set(['nhat', 'qua', 'het', 'chot', 'la']);
/** "hai tháng một lần", "sáu tháng một lần": counts written as words. */
const COUNT_WORDS: Record<string, number> = { mot: 1, hai: 2, ba: 3, bon: 4 };

/**
 * A label the plan gives a deadline: not a recurrence ("hàng năm") nor a deadline ("trước ngày
 * 14/6"), which are read, never kept as a name.
 */
function nameAllowed(folded: string): boolean {
  const words = ` ${folded} `;
  return (
    !/ (truoc|han|dinh ky|hang (nam|thang|quy|\d+)|giai doan) /.test(words) &&
    !/ ngay \d/.test(words)
  );
}

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

  /**
   * Consumes the word if it comes next written exactly so, marks and all (lowercase): folded,
   * "sau" (after) and "sáu" (six) are one word.
   */
  private exact(w: string): boolean {
    const t = this.tok();
    if (t?.kind !== 'word' || this.src.slice(t.start, t.end).toLowerCase() !== w) return false;
    this.pos++;
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

  /**
   * Tries each form from the same start; the first that reads up to `done` wins. A fixed
   * number of forms, each reading forward without retrying: linear in the cell's length.
   */
  private content(done: () => boolean): Ast | undefined {
    // The forms a recurring duty is written in: those a standing word may go with.
    const recurring: (() => Ast | undefined)[] = [
      () => this.stage(),
      () => this.monthly(),
      () => this.quarterDay(),
      () => this.every(),
      () => this.yearly(),
    ];
    // Those and the lists, which may recur ("trước ngày 20/6 hàng năm"): build() refuses a
    // standing word with a one-off deadline.
    const withStanding = [...recurring, () => this.periodic(), () => this.list('none')];
    const forms: (() => Ast | undefined)[] = [
      () => this.standing(),
      ...recurring,
      () => this.periodic(),
      () => this.list('none'),
      // "Báo cáo định kỳ 6 tháng, năm", "Báo cáo hàng quý": the report, and when.
      ...recurring.map((form) => () => (this.words('bao', 'cao') ? form() : undefined)),
      // "Thường xuyên, hàng năm": standing, and a recurring deadline.
      ...withStanding.map((form) => () => {
        const basis = this.standing()?.basis;
        if (basis === undefined || !this.alsoSeparator()) return undefined;
        const main = form();
        return main && { t: 'also' as const, main, basis };
      }),
      // "Định kỳ hằng năm và đột xuất": a recurring deadline, and standing.
      ...withStanding.map((form) => () => {
        const main = form();
        if (!main || !this.alsoSeparator()) return undefined;
        const basis = this.standing()?.basis;
        return basis === undefined ? undefined : { t: 'also' as const, main, basis };
      }),
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

  private alsoSeparator(): boolean {
    const sep = this.punct(',') || this.punct(';');
    return this.words('va') || this.words('hoac') || sep;
  }

  private standing(): { t: 'standing'; basis: StandingBasis } | undefined {
    if (this.words('thuong', 'xuyen')) {
      this.attempt(() => {
        this.punct(',');
        return this.words('lien', 'tuc') || undefined;
      });
      return { t: 'standing', basis: 'continuous' };
    }
    if (this.words('theo', 'yeu', 'cau')) return { t: 'standing', basis: 'on-request' };
    if (this.words('khi', 'co', 'yeu', 'cau') || this.words('khi', 'duoc', 'yeu', 'cau')) {
      return { t: 'standing', basis: 'on-request' };
    }
    // "Theo kế hoạch", "Theo tiến độ": when another schedule says; no date of its own.
    if (this.words('theo', 'ke', 'hoach') || this.words('theo', 'tien', 'do')) {
      return { t: 'standing', basis: 'scheduled' };
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

  /** "sau", "tiếp theo", "kế tiếp": the next month, quarter or year. */
  private following(): boolean {
    return this.exact('sau') || this.words('tiep', 'theo') || this.words('ke', 'tiep');
  }

  private stage(): Ast | undefined {
    // "hàng năm, giai đoạn 2021-2025" says no more than the stage does.
    const before = this.attempt(() => {
      if (!this.yearlyWords()) return undefined;
      if (!this.punct(',')) this.punct(':');
      return true;
    });
    this.words('trong');
    let read: Ast | undefined;
    if (this.words('tu')) {
      read = this.attempt(() => {
        this.words('nam');
        const from = this.year();
        if (from === undefined || !this.words('den')) return undefined;
        this.words('het');
        this.words('nam');
        const to = this.year();
        return to === undefined ? undefined : { t: 'stage' as const, from, to };
      });
      // "Từ năm 2022", "từ năm 2022 trở đi": every year from 2022.
      read ??= this.attempt(() => {
        this.words('nam');
        const year = this.year();
        if (year === undefined) return undefined;
        if (!this.words('tro', 'di')) this.words('tro', 've', 'sau');
        return { t: 'from' as const, year };
      });
    } else {
      const stage = this.words('giai', 'doan');
      if (!stage) this.words('nam');
      read = this.attempt(() => {
        const from = this.year();
        if (from === undefined || !(this.punct('-') || this.words('den'))) return undefined;
        const to = this.year();
        return to === undefined ? undefined : { t: 'stage' as const, from, to };
      });
      // "Năm 2022 và các năm tiếp theo".
      if (!stage) {
        read ??= this.attempt(() => {
          const year = this.year();
          if (year === undefined) return undefined;
          if (!this.punct(',')) this.words('va');
          if (!this.words('cac') && !this.words('nhung')) return undefined;
          return this.words('nam') && this.following() ? { t: 'from' as const, year } : undefined;
        });
      }
    }
    if (!read) return undefined;
    if (!before) this.rec();
    return read;
  }

  /** "tháng sau", "của tháng tiếp theo": the month after the one the deadline is for. */
  private nextMonth(): boolean {
    return (
      this.attempt(() => {
        this.words('cua');
        return (this.words('thang') && this.following()) || undefined;
      }) ?? false
    );
  }

  private monthly(): Ast | undefined {
    if (this.every_('thang')) {
      // "hàng tháng, trước ngày 25", "hàng tháng (trước ngày 25)", "…, trước ngày 05 tháng sau".
      const day = this.attempt(() => {
        const paren = this.punct('(');
        if (!paren && !this.punct(':')) this.punct(',');
        const mode = this.intro();
        const d = this.num(1, 2);
        if (d === undefined) return undefined;
        const next = this.nextMonth();
        return paren && !this.punct(')') ? undefined : { day: d, mode, next };
      });
      if (!day) return { t: 'monthly' };
      return { t: 'monthly', day: day.day, mode: day.mode, ...(day.next ? { next: true } : {}) };
    }
    const mode = this.intro();
    const day = this.num(1, 2);
    if (day === undefined) return undefined;
    if (this.words('hang', 'thang')) return { t: 'monthly', day, mode };
    // "trước ngày 05 tháng sau": monthly, on the 5th of the month after.
    if (!this.nextMonth()) return undefined;
    this.every_('thang');
    return { t: 'monthly', day, mode, next: true };
  }

  /** "trước ngày 25 tháng cuối quý", "ngày 05 tháng đầu quý sau" [hàng quý]. */
  private quarterDay(): Ast | undefined {
    const prefix = this.every_('quy');
    if (prefix && !this.punct(':')) this.punct(',');
    const mode = this.intro();
    const day = this.num(1, 2);
    if (day === undefined) return undefined;
    this.words('cua');
    let month: 'last' | 'next-first' | undefined;
    if (this.words('thang', 'cuoi')) {
      if (!this.words('cua')) this.words('moi');
      if (this.words('quy')) month = 'last';
    } else if (this.words('thang', 'dau')) {
      this.words('cua');
      if (this.words('quy') && this.following()) month = 'next-first';
    }
    if (month === undefined) return undefined;
    if (!prefix) this.every_('quy');
    return { t: 'quarterly', on: { day, month, ...(mode === undefined ? {} : { mode }) } };
  }

  /** A count of months: "6", "06", "hai", "sáu". */
  private count(): number | undefined {
    const n = this.num(1, 2);
    if (n !== undefined) return n;
    if (this.exact('sáu')) return 6;
    if (this.words('muoi', 'hai')) return 12;
    const t = this.tok();
    const w = t?.kind === 'word' ? COUNT_WORDS[t.text] : undefined;
    if (w !== undefined) this.pos++;
    return w;
  }

  /** "định kỳ 6 tháng", "6 tháng một lần", "hàng 6 tháng", "hai tháng một lần": every N months. */
  private everyMonths(): number | undefined {
    return this.attempt(() => {
      if (this.words('dinh', 'ky') || this.words('hang') || this.words('moi')) {
        const n = this.count();
        return n !== undefined && this.words('thang') ? n : undefined;
      }
      const n = this.count();
      if (n === undefined || !this.words('thang')) return undefined;
      const once =
        this.words('mot', 'lan') ||
        (this.punct('/') && this.words('lan')) ||
        (this.num(1, 1) === 1 && this.words('lan'));
      return once ? n : undefined;
    });
  }

  private every(): Ast | undefined {
    if (this.every_('quy')) return { t: 'quarterly' };
    const n = this.everyMonths();
    if (n === undefined) return undefined;
    if (n === 1) return { t: 'monthly' };
    // "định kỳ 2 tháng": by the end of February, April, …; likewise every 4 months.
    if (n === 2 || n === 4) return { t: 'monthly', every: n };
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
    return (
      this.attempt(() => this.pointItem(true)) ??
      this.attempt(() => this.labelFirst()) ??
      this.attempt(() => this.labelBefore())
    );
  }

  /** [intro] points ["năm sau"] [rec] ["(" label ")"] [rec] */
  private pointItem(withLabel: boolean): Item | undefined {
    const mode = this.intro();
    const read = this.points();
    if (!read) return undefined;
    const { points, listed } = read;
    // "trước ngày 15/01 năm sau": of a date that writes no year.
    const next =
      points.every((p) => p.p !== 'year' && p.p !== 'through' && p.year === undefined) &&
      (this.attempt(() => (this.words('nam') && this.following()) || undefined) ?? false);
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
      ...(listed ? { listed: true as const } : {}),
      ...(next ? { next: true as const } : {}),
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

  /**
   * "Báo cáo 6 tháng trước ngày 15/6": a label, then a deadline with its introducer. The label
   * ends where an introducer starts a deadline; only the first word of a run of introducers is
   * tried ("chậm nhất là ngày"), so each word is looked at a bounded number of times.
   */
  private labelBefore(): Item | undefined {
    const first = this.tok();
    if (first?.kind !== 'word' || INTRO_START.has(first.text)) return undefined;
    const folded: string[] = [];
    let last = first;
    let inRun = false;
    while (this.tok()) {
      const t = this.tok()!;
      if (t.kind === 'punct' && t.text !== '-' && t.text !== '&') return undefined;
      // A date inside the label ("14-6") is a deadline, not a name.
      if (t.kind === 'punct' && last.kind === 'num' && this.tok(1)?.kind === 'num') {
        return undefined;
      }
      const starts = t.kind === 'word' && INTRO_START.has(t.text);
      if (starts && !inRun) {
        const item = this.attempt(() => this.pointItem(false));
        if (item) {
          if (last.kind === 'punct' || !nameAllowed(folded.join(' '))) return undefined;
          const name = this.src.slice(first.start, last.end).replace(/\s+/g, ' ').trim();
          return { ...item, name };
        }
      }
      inRun = starts || (inRun && t.kind === 'word' && INTRO_MORE.has(t.text));
      folded.push(t.text);
      last = t;
      this.pos++;
    }
    return undefined;
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
    if (!nameAllowed(folded.join(' '))) return undefined;
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

  private points(): { points: Point[]; listed?: boolean } | undefined {
    const one = (p: Point[] | undefined) => (p ? { points: p } : undefined);
    return (
      one(this.attempt(() => this.date())) ??
      this.attempt(() => this.monthsOrQuarters('thang')) ??
      this.attempt(() => this.monthsOrQuarters('quy')) ??
      one(this.attempt(() => this.half())) ??
      one(this.attempt(() => this.yearPoint()))
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

  /** "/2024" or "năm 2024" after a month or quarter. */
  private periodYear(): number | undefined {
    return this.attempt(() => (this.punct('/') || this.words('nam') ? this.year() : undefined));
  }

  /**
   * "tháng 9/2024", "tháng 9, 10/2024", "Quý I, II/2024", "quý 3 năm 2024", "cuối quý IV", and
   * ranges "Quý I/2022 - Quý IV/2022", "từ tháng 1 đến tháng 6/2024".
   */
  private monthsOrQuarters(
    unit: 'thang' | 'quy',
  ): { points: Point[]; listed?: boolean } | undefined {
    const from = this.words('tu');
    this.words('cuoi');
    if (!this.words(unit)) return undefined;
    const one = (): number | undefined =>
      unit === 'thang' ? this.num(1, 2) : this.quarterNumber();
    const span = (n: number, year: number | undefined): Span =>
      unit === 'thang'
        ? { p: 'month', month: n, ...(year === undefined ? {} : { year }) }
        : { p: 'quarter', q: n, ...(year === undefined ? {} : { year }) };
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
    const year = this.periodYear();
    if (ns.length === 1) {
      // "Quý I/2022 - Quý IV/2022", "tháng 1 đến tháng 6/2024": one piece of work.
      const range = this.attempt(() => {
        if (!this.punct('-') && !this.words('den', 'het') && !this.words('den')) return undefined;
        this.words('cuoi');
        this.words(unit);
        const n = one();
        if (n === undefined) return undefined;
        const lastYear = this.periodYear();
        const firstYear = year ?? lastYear;
        const p: Point = { p: 'through', first: span(first, firstYear), last: span(n, lastYear) };
        return [p];
      });
      if (range) return { points: range };
    }
    if (from) return undefined;
    if (year === undefined && (this.isPunct('/') || this.isPunct('-'))) return undefined;
    // Listed quarters are one piece of work (Item.listed); listed months stay a deadline each.
    const listed = ns.length > 1 && unit === 'quy';
    return { points: ns.map((n) => span(n, year)), ...(listed ? { listed: true } : {}) };
  }

  /** "6 tháng đầu năm 2024", "06 tháng cuối năm". */
  private half(): Point[] | undefined {
    if (this.num(1, 2) !== 6 || !this.words('thang')) return undefined;
    const h = this.words('dau') ? 1 : this.words('cuoi') ? 2 : undefined;
    if (h === undefined || !this.words('nam')) return undefined;
    const year = this.attempt(() => this.year());
    return [{ p: 'half', h, ...(year === undefined ? {} : { year }) }];
  }

  /** "năm 2024", "cuối năm 2024", and a bare "2024" ("Năm 2022, 2023"). */
  private yearPoint(): Point[] | undefined {
    const cuoi = this.words('cuoi');
    const nam = this.words('nam');
    if (cuoi && !nam) return undefined;
    const year = this.year();
    if (year === undefined) return undefined;
    // "2021-2025" is a stage, "2022/…" no year.
    if (!nam && (this.isPunct('/') || this.isPunct('-') || this.isPunct('.'))) return undefined;
    return [{ p: 'year', year }];
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
  /** The year the date falls in, when the point says and it is not the one asked for. */
  year?: number;
}

/** The first and last month of a month or quarter, and its tag. */
function spanMonths(s: Span): [number, number, string] {
  if (s.p === 'month') {
    if (s.month < 1 || s.month > 12) fail('phrase.bad-month', { month: s.month });
    return [s.month, s.month, pad2(s.month)];
  }
  return [s.q * 3 - 2, s.q * 3, `Q${s.q}`];
}

/**
 * A point in a given year (undefined: every year) as the date its deadline falls on. A
 * period read with "trước" is due before it starts; otherwise by its last day.
 */
function resolvePoint(pt: Point, mode: DueMode, year: number | undefined): Resolved {
  const span = (first: number, last: number, tag?: string, y = year): Resolved => {
    const t = tag === undefined ? {} : { tag };
    const inYear = y === year || y === undefined ? {} : { year: y };
    if (mode === 'before') return { month: first, day: 1, mode, ...t, ...inYear };
    if (last === 2 && y === undefined) fail('phrase.feb-end', {});
    return { month: last, day: daysInMonth(y ?? 2023, last), mode, ...t, ...inYear };
  };
  switch (pt.p) {
    case 'date':
      checkDay(pt.day, pt.month, year);
      return { month: pt.month, day: pt.day, mode };
    case 'month':
    case 'quarter': {
      const [first, last, tag] = spanMonths(pt);
      return span(first, last, tag);
    }
    case 'half':
      return span(pt.h === 1 ? 1 : 7, pt.h === 1 ? 6 : 12, `H${pt.h}`);
    case 'year':
      return span(1, 12);
    case 'through': {
      const [first] = spanMonths(pt.first);
      const [, last] = spanMonths(pt.last);
      // Due by the end of the last, or before the first starts; a span is no one period.
      return mode === 'before'
        ? span(first, first, undefined, pt.first.year ?? year)
        : span(last, last, undefined, pt.last.year ?? year);
    }
  }
}

/** The year a point writes: for a span, the year of its end. */
const writtenYear = (pt: Point): number | undefined =>
  pt.p === 'through' ? (pt.last.year ?? pt.first.year) : pt.year;

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
    case 'through':
      return `${describe(pt.first)} - ${describe(pt.last)}`;
  }
}

interface Flat {
  point: Point;
  mode: DueMode;
  name?: string;
  next?: true;
}

/** The place of a month or quarter in time, for the latest of a list. */
const spanOrder = (s: Span): number => (s.year ?? 0) * 100 + (s.p === 'month' ? s.month : s.q * 3);

/**
 * Each point with its mode. A date without its own introducer takes the previous one's
 * ("trước ngày 14/6 và 09/12": both before); a month, quarter or year without one is due by
 * its end. In a one-off cell, quarters listed under one year are one piece of work
 * ("Quý I, II/2024": by 30/6/2024); in a recurring one, each is a deadline ("Quý I, II, III,
 * IV hằng năm").
 */
function flatten(items: readonly Item[], oneOff: boolean): Flat[] {
  const out: Flat[] = [];
  let carried: DueMode = 'by';
  for (const item of items) {
    if (item.mode !== undefined) carried = item.mode;
    let points = item.points;
    // Item.listed: quarters listed under one year.
    if (oneOff && item.listed) {
      const spans = points.filter((p): p is Span => p.p === 'month' || p.p === 'quarter');
      const tags = new Set<string>();
      for (const s of spans) {
        const tag = spanMonths(s)[2];
        const year = s.year === undefined ? '' : `${s.year}-`;
        if (tags.has(tag)) fail('phrase.duplicate-period', { period: `${year}${tag}` });
        tags.add(tag);
      }
      const sorted = [...spans].sort((a, b) => spanOrder(a) - spanOrder(b));
      points = [{ p: 'through', first: sorted[0]!, last: sorted[sorted.length - 1]! }];
    }
    for (const point of points) {
      const mode = item.mode ?? (point.p === 'date' ? carried : 'by');
      out.push({
        point,
        mode,
        ...(item.name === undefined ? {} : { name: item.name }),
        ...(item.next ? { next: true as const } : {}),
      });
    }
  }
  return out;
}

/** Period tags unique within a year: the tag, or the place in date order. */
function checkPeriods(
  dates: readonly { month: number; day: number; label?: string; next?: true }[],
): void {
  if (dates.length < 2) return;
  const order = [...dates].sort(
    (a, b) => (a.next ? 12 : 0) + a.month - ((b.next ? 12 : 0) + b.month) || a.day - b.day,
  );
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
const nextYear = (next: boolean | undefined): { next?: true } => (next ? { next: true } : {});

/** Where a date of the instance's year falls, counting "năm sau" as after December. */
const dayOrder = (d: { month: number; day: number; next?: true }): number =>
  ((d.next ? 12 : 0) + d.month) * 100 + d.day;

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
      ...nextYear(f.next),
    };
  });
  checkPeriods(dates);
  return { kind: 'yearly', dates, ...(from === undefined ? {} : { from }) };
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

/**
 * The six-month and the annual report of every year, as H1 and H2 like "định kỳ 6 tháng", so
 * that the reports of different plans line up. An annual report due earlier in the year than
 * the six-month one is the report on the year before ("báo cáo 6 tháng: 20/7; báo cáo năm:
 * 15/1"). Undefined when the annual report does not come after the six-month one.
 */
function reportPairRule(flat: readonly Flat[]): DueRule | undefined {
  const from = startYear(flat);
  const [six, annual] = flat.map((f) => {
    const r = resolvePoint(f.point, f.mode, undefined);
    return { month: r.month, day: r.day, mode: r.mode, ...named(f.name), ...nextYear(f.next) };
  });
  if (!six || !annual || six.next) return undefined;
  const h2 =
    !annual.next && dayOrder(annual) < dayOrder(six) ? { ...annual, next: true as const } : annual;
  if (dayOrder(h2) <= dayOrder(six)) return undefined;
  return { kind: 'semiannual', dates: [six, h2], ...(from === undefined ? {} : { from }) };
}

function semiannualRule(flat: readonly Flat[]): DueRule {
  if (isReportPair(flat)) return reportPairRule(flat) ?? fail('phrase.semiannual-dates', {});
  const from = startYear(flat);
  const dates = flat.map((f) => {
    const r = resolvePoint(f.point, f.mode, undefined);
    return { month: r.month, day: r.day, mode: r.mode, ...named(f.name), ...nextYear(f.next) };
  });
  const [h1, h2] = dates;
  // One deadline in each half; the second may be early the next year ("15/01 năm sau").
  if (
    dates.length !== 2 ||
    !h1 ||
    !h2 ||
    h1.next ||
    !(h2.next ? dayOrder(h1) < dayOrder(h2) : h1.month <= 6 && h2.month >= 7)
  ) {
    fail('phrase.semiannual-dates', {});
  }
  return { kind: 'semiannual', dates, ...(from === undefined ? {} : { from }) };
}

/** The deadlines of a recurring cell: the report pair as halves, else yearly dates. */
function recurringRule(flat: readonly Flat[]): DueRule {
  return (isReportPair(flat) ? reportPairRule(flat) : undefined) ?? yearlyRule(flat);
}

/** Deadlines of the same year or of the plan's year, once each. */
function datedRule(flat: readonly Flat[], planYear: number | undefined): DueRule {
  const anyYear = flat.some((f) => writtenYear(f.point) !== undefined);
  // For "năm sau": the year the nearest deadline before it writes, else the nearest after.
  const base = (from: number, step: 1 | -1): (number | undefined)[] => {
    const out: (number | undefined)[] = [];
    let seen: number | undefined;
    for (let i = from; i >= 0 && i < flat.length; i += step) {
      out[i] = seen;
      const f = flat[i]!;
      if (!f.next) seen = writtenYear(f.point) ?? seen;
    }
    return out;
  };
  const before = base(0, 1);
  const after = base(flat.length - 1, -1);
  const dates: DatedDeadline[] = flat.map((f, i) => {
    let year = writtenYear(f.point);
    let forYear: number | undefined;
    if (f.next) {
      forYear = before[i] ?? after[i];
      if (forYear === undefined) {
        return fail('phrase.some-years-missing', { date: describe(f.point) });
      }
      year = forYear + 1;
    }
    year ??= anyYear ? undefined : planYear;
    if (year === undefined) {
      return anyYear
        ? fail('phrase.some-years-missing', { date: describe(f.point) })
        : fail('phrase.no-year', {});
    }
    const r = resolvePoint(f.point, f.mode, year);
    return {
      date: { year: r.year ?? year, month: r.month, day: r.day },
      mode: r.mode,
      ...(flat.length > 1 && r.tag !== undefined ? { label: r.tag } : {}),
      ...named(f.name),
      ...(forYear === undefined ? {} : { forYear }),
    };
  });
  if (dates.length === 1) {
    const d = dates[0]!;
    return { kind: 'once', date: d.date, mode: d.mode, ...named(d.name) };
  }
  if (isReportPair(flat)) labelReports(dates);
  const byYear = new Map<number, DatedDeadline[]>();
  for (const d of dates) {
    const y = d.forYear ?? d.date.year;
    const ds = byYear.get(y);
    if (ds) ds.push(d);
    else byYear.set(y, [d]);
  }
  for (const [year, ds] of byYear) {
    try {
      checkPeriods(
        ds.map((d) => ({
          month: d.date.month,
          day: d.date.day,
          ...(d.date.year > year ? { next: true as const } : {}),
          ...(d.label ? { label: d.label } : {}),
        })),
      );
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

/**
 * The six-month and annual reports of one year as its H1 and H2. An annual report due early
 * the next year ("trước ngày 05/01/2024 (báo cáo năm)" after "05/7/2023 (báo cáo 6 tháng)") is
 * the report on the year of the six-month one. Left as they are when they are not of one year.
 */
function labelReports(dates: DatedDeadline[]): void {
  const [six, annual] = dates;
  if (!six || !annual || six.forYear !== undefined) return;
  const year = six.date.year;
  const after = annual.date.month * 100 + annual.date.day > six.date.month * 100 + six.date.day;
  const sameYear = annual.forYear === undefined && annual.date.year === year && after;
  const following = annual.forYear === undefined && annual.date.year === year + 1 && !after;
  if (!sameYear && !following && annual.forYear !== year) return;
  six.label = 'H1';
  annual.label = 'H2';
  if (following) annual.forYear = year;
}

function quarterlyRule(on: NonNullable<Extract<Ast, { t: 'quarterly' }>['on']>): DueRule {
  const mode = on.mode ?? 'by';
  if (on.day < 1 || on.day > 31) fail('phrase.bad-day', { day: on.day });
  return {
    kind: 'yearly',
    dates: [1, 2, 3, 4].map((q) => {
      const month = on.month === 'last' ? q * 3 : ((q * 3) % 12) + 1;
      checkDay(on.day, month, undefined);
      return {
        month,
        day: on.day,
        mode,
        label: `Q${q}`,
        ...(on.month === 'next-first' && q === 4 ? { next: true as const } : {}),
      };
    }),
  };
}

function build(ast: Ast, opts: { year?: number }): DueRule {
  switch (ast.t) {
    case 'standing':
      return { kind: 'standing', basis: ast.basis };
    case 'also': {
      const rule = build(ast.main, opts);
      // Only a recurring deadline goes with a standing duty; a one-off date with "thường
      // xuyên" says two things at once.
      if (rule.kind === 'once' || rule.kind === 'dates' || rule.kind === 'standing') {
        return fail('phrase.unreadable', {});
      }
      return { ...rule, also: ast.basis };
    }
    case 'stage':
      if (ast.from > ast.to) fail('phrase.stage-reversed', { from: ast.from, to: ast.to });
      return { kind: 'period', from: ast.from, to: ast.to };
    case 'from':
      return { kind: 'yearly', dates: [{ month: 12, day: 31, mode: 'by' }], from: ast.year };
    case 'monthly': {
      const every = ast.every === undefined ? {} : { every: ast.every };
      if (ast.day === undefined) return { kind: 'monthly', day: 'end', mode: 'by', ...every };
      if (ast.day < 1 || ast.day > 31) fail('phrase.bad-day', { day: ast.day });
      return {
        kind: 'monthly',
        day: ast.day,
        mode: ast.mode ?? 'by',
        ...(ast.next ? { next: true as const } : {}),
        ...every,
      };
    }
    case 'quarterly':
      if (ast.on) return quarterlyRule(ast.on);
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
      return semiannualRule(flatten(ast.items, false));
    case 'list': {
      // A bare "hàng năm" is read like a stage: within each year, by 31/12.
      if (ast.items.length === 0)
        return { kind: 'yearly', dates: [{ month: 12, day: 31, mode: 'by' }] };
      const last = ast.items[ast.items.length - 1]!;
      if (ast.items.slice(0, -1).some((i) => i.recurs) && !last.recurs && ast.rec !== 'yearly') {
        fail('phrase.mixed-recurrence', {});
      }
      const recurs = ast.rec === 'yearly' || last.recurs;
      const anyYear = ast.items.some((i) => i.points.some((p) => writtenYear(p) !== undefined));
      // "trước ngày 15/01 năm sau" with no year written: the report on every year.
      const nextOfNoYear = !anyYear && ast.items.some((i) => i.next);
      if (recurs || nextOfNoYear) return recurringRule(flatten(ast.items, false));
      // "Định kỳ" with dates of no year: periodically, on those dates every year; and the
      // six-month and annual reports with no year are every year's.
      if (!anyYear) {
        const flat = flatten(ast.items, false);
        if (ast.rec === 'periodic' || isReportPair(flat)) return recurringRule(flat);
      }
      return datedRule(flatten(ast.items, true), opts.year);
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
