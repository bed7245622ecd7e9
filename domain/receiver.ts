// Who a product goes to. Plans write it into the product or the content: "Báo cáo năm … gửi UBND
// huyện", "gửi về cơ quan thường trực là phòng Lao động – Thương binh và Xã hội", "báo cáo UBND
// huyện (qua Phòng Lao động - TB&XH huyện)". That agency receives and reviews the product; it
// does not help make it, so it is never one of the duty's coordinating agencies. "qua X" names
// the office that receives on the addressee's behalf, so it wins over "gửi Y".
//
// Pure (no I/O), so workflow code may import it.
import { findAgency, foldAligned, type DirectoryEntry } from './agency-match.ts';

export interface ReceiverMention {
  /** "qua X": the office that takes the product in on the addressee's behalf. */
  via: boolean;
  /** The words after the verb, to the end of the clause, as written. */
  phrase: string;
  /** "cơ quan thường trực (là …)": the plan's standing agency. */
  standing: boolean;
  /** The comma-separated names of the clause, each as written. */
  items: string[];
}

export type ReceiverMatch =
  | { kind: 'agency'; id: string; mention: ReceiverMention }
  | { kind: 'standing'; mention: ReceiverMention }
  /** An agency is named after "gửi"/"qua" but none in the directory has exactly that name. */
  | { kind: 'unknown'; mention: ReceiverMention };

// "gửi", "gửi về/đến/cho/lên/tới", "nộp (về …)", "trình" ("Báo cáo trình UBND tỉnh"), "qua",
// as whole words; not "thông qua", "kết quả", "hiệu quả" (which fold to the same "qua"), nor
// the "trình" of "Chương trình", "công trình", "quy trình", "quá trình" … or of "trình độ",
// "trình bày", "trình tự".
const VERB =
  /(?<![a-z0-9])(?:(?:gui|nop)(?: (?:ve|den|cho|len|toi))?|(?<!(?:chuong|cong|quy|qua|lo|hanh|giao|tien|phuong|lich) )trinh(?! (?:do|bay|tu|dien|chieu)(?![a-z0-9]))|(?<!(?:thong|ket|hieu|hau) )qua)(?= )/g;
// Inside a "gửi …" clause the addressee may follow the thing sent: "Gửi Kế hoạch địa phương
// về Phòng Lao động …".
const TO = /(?<![a-z0-9])(?:ve|den|cho|len|toi) /g;
// A clause ends at punctuation other than a comma, dash or ampersand, or at the next verb.
const CLAUSE_END =
  /[.;:()[\]!?"“”]|(?<![a-z0-9])(?:gui|nop|trinh|qua|de|xem xet|truoc|trong|theo|cham nhat|dinh ky|hang nam|hang thang|hang quy)(?![a-z0-9])/;
const STANDING = /^co quan thuong truc(?: (?:la|cua ke hoach))?(?: |$)/;
// The words agency names start with: an unknown one of these after "gửi" is worth a warning.
const AGENCY_WORD =
  /^(?:phong|so|bo(?! sung)|ubnd|uy ban|trung tam|ban quan ly|chi cuc|ngan hang|bao hiem|bhxh|kho bac|van phong|cong an|thanh tra)(?![a-z0-9])/;
// Agency names are short; a clause is cut after this many words.
const MAX_WORDS = 24;
// A long content cell mentions many things; only the first few verbs are read.
const MAX_MENTIONS = 12;

function mention(text: string, folded: string, from: number, via: boolean): ReceiverMention {
  let rest = folded.slice(from);
  const end = CLAUSE_END.exec(rest.slice(1));
  let stop = end ? end.index + 1 : rest.length;
  // At most MAX_WORDS words.
  let words = 0;
  for (let i = 0; i < stop; i++) {
    if (rest[i] === ' ' && ++words > MAX_WORDS) {
      stop = i;
      break;
    }
  }
  rest = rest.slice(0, stop);
  let original = text.slice(from, from + stop);
  let standing = false;
  const lead = rest.match(/^\s*/)?.[0].length ?? 0;
  const s = STANDING.exec(rest.slice(lead));
  if (s) {
    standing = true;
    rest = rest.slice(lead + s[0].length);
    original = original.slice(lead + s[0].length);
  }
  // Each comma-separated name, and what follows each "và" in it ("Thường trực HĐND huyện và
  // UBND tỉnh"); a name that holds "và" itself is tried whole first.
  const items: string[] = [];
  let at = 0;
  for (const part of rest.split(',')) {
    const name = original.slice(at, at + part.length);
    if (name.trim() !== '') items.push(name.trim());
    for (const v of part.matchAll(/ va /g)) {
      const after = name.slice(v.index + v[0].length).trim();
      if (after !== '') items.push(after);
    }
    at += part.length + 1;
  }
  return { via, phrase: original.trim(), standing, items };
}

/** Every "gửi …"/"qua …" clause of a text, "qua" ones first, in the order written. */
export function receiverMentions(text: string): ReceiverMention[] {
  const clean = text.normalize('NFC').replace(/\s+/g, ' ');
  const folded = foldAligned(clean);
  const via: ReceiverMention[] = [];
  const to: ReceiverMention[] = [];
  for (const m of folded.matchAll(VERB)) {
    if (via.length + to.length >= MAX_MENTIONS) break;
    const start = m.index + m[0].length;
    const isVia = m[0] === 'qua';
    const first = mention(clean, folded, start, isVia);
    (isVia ? via : to).push(first);
    if (isVia || first.standing) continue;
    // "gửi <thing> về <agency>": the clause after each "về/đến/cho…" too.
    const clause = folded.slice(start, start + first.phrase.length + 1);
    for (const t of clause.matchAll(TO)) {
      if (t.index === 0 || to.length >= MAX_MENTIONS) continue;
      to.push(mention(clean, folded, start + t.index + t[0].length, false));
    }
  }
  return [...via, ...to];
}

/**
 * The agency a name list starts with: the longest run of words from the start of an item that
 * names exactly one directory entry ("UBND huyện qua …" → "UBND huyện"), by its name or by its
 * name less its place ("Phòng LĐTBXH huyện", "UBND tỉnh": findAgency). Prose after "gửi" is not
 * guessed at.
 */
function firstAgency(items: readonly string[], directory: readonly DirectoryEntry[]) {
  for (const item of items) {
    const words = item.split(' ');
    for (let n = words.length; n > 0; n--) {
      const found = findAgency(words.slice(0, n).join(' '), directory);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The receiver named in the first of `texts` that names one (the product cell, then the
 * content): a "qua" clause before a "gửi" clause. `unknown` when no clause names a directory
 * agency but one starts like an agency name.
 */
export function findReceiver(
  texts: readonly string[],
  directory: readonly DirectoryEntry[],
): ReceiverMatch | undefined {
  let unknown: ReceiverMention | undefined;
  for (const text of texts) {
    for (const m of receiverMentions(text)) {
      const found = firstAgency(m.items, directory);
      if (found) return { kind: 'agency', id: found.id, mention: m };
      if (m.standing) return { kind: 'standing', mention: m };
      const start = foldAligned(m.items[0] ?? '');
      if (!unknown && AGENCY_WORD.test(start)) unknown = m;
    }
  }
  return unknown ? { kind: 'unknown', mention: unknown } : undefined;
}
