// One catalogue of refusal and warning messages, keyed by stable code, in Vietnamese (the
// default) and English. Code that refuses something names the code and its parameters; the
// edge (JSON API, pages, CLI) renders it in the reader's language. Nothing is translated by
// pattern: a message without a code here cannot be shown in Vietnamese, so it is a type error.
//
// Pure (no I/O), so domain and workflow code may import the types.

export type Lang = 'vi' | 'en';

export type Params = Record<string, string | number | undefined>;

/**
 * One message: the same parameters in both languages. Parameters are any object type
 * (interfaces included, which have no index signature) whose values are printable.
 */
export interface Message<P extends object = Params> {
  vi: (p: P) => string;
  en: (p: P) => string;
}

/** Declares a message with typed parameters (the English one is checked against the same). */
export const msg = <P extends object = Record<string, never>>(
  vi: (p: P) => string,
  en: (p: P) => string,
): Message<P> => ({ vi, en });

/**
 * Where a problem is: a table position (row, and the column as the table headed it), a path
 * in a plan or directory file, or a request field. Rendered in the reader's language.
 */
export type Place =
  { row: number; column?: string } | { path: string } | { field: string } | { file: true };

export function renderPlace(place: Place, lang: Lang): string {
  if ('row' in place) {
    const row = lang === 'vi' ? `hàng ${place.row}` : `row ${place.row}`;
    if (place.column === undefined) return row;
    return lang === 'vi' ? `${row}, cột "${place.column}"` : `${row}, column "${place.column}"`;
  }
  if ('path' in place) return place.path;
  if ('field' in place) return place.field;
  return lang === 'vi' ? 'tệp' : 'file';
}

/** A quoted list: "a", "b" hoặc "c" / "a", "b" or "c". */
export function quotedList(items: readonly string[], lang: Lang, join: 'or' | 'and' = 'or') {
  const q = items.map((s) => `"${s}"`);
  if (q.length <= 1) return q.join('');
  const word = join === 'or' ? (lang === 'vi' ? 'hoặc' : 'or') : lang === 'vi' ? 'và' : 'and';
  return `${q.slice(0, -1).join(', ')} ${word} ${q.at(-1)}`;
}

/** The reader's language from an Accept-Language header (Vietnamese unless English is first). */
export function langFromHeader(header: string | undefined): Lang {
  const first = (header ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'vi';
}
