/**
 * Vietnamese text folded for matching: lowercase, no diacritics, Đ as d (and Ð, its stand-in in
 * text from old Vietnamese encodings). Typed documents mix accented and unaccented spellings;
 * messages still quote the original.
 */
export function stripMarks(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐðÐ]/g, 'd')
    .toLowerCase();
}
