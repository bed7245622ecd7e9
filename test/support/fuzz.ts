// Shared settings of the property-based (fast-check) suites in test/fuzz. The seed is fixed so a
// run repeats exactly; fast-check prints the seed and the path of a failing case, and
// FUZZ_SEED=<seed> reruns it. FUZZ_RUNS multiplies every run count (e.g. FUZZ_RUNS=10 for a
// long hunt on a quiet machine). FUZZ_TRACE=<endpoint> prints the API's answers to one endpoint.
import fc, { type Parameters } from 'fast-check';

export const FUZZ_SEED = Number(process.env['FUZZ_SEED'] ?? 20_260_707);
const SCALE = Number(process.env['FUZZ_RUNS'] ?? 1);

/**
 * The seed for one of many similar properties (one per endpoint): derived from FUZZ_SEED and a
 * name, so each draws its own inputs and a run still repeats under the same FUZZ_SEED.
 */
export function seedFor(name: string): number {
  let h = FUZZ_SEED | 0;
  for (const ch of name) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}

/** fast-check parameters: the fixed seed and `runs` scaled by FUZZ_RUNS. */
export function fuzz<T>(runs: number, extra: Parameters<T> = {}): Parameters<T> {
  return { seed: FUZZ_SEED, numRuns: Math.max(1, Math.round(runs * SCALE)), ...extra };
}

/** Vietnamese vowels with their tone marks, to mix diacritics into generated words. */
const VOWEL_FORMS: Record<string, string[]> = {
  a: [...'aàáảãạăằắẳẵặâầấẩẫậ'],
  e: [...'eèéẻẽẹêềếểễệ'],
  i: [...'iìíỉĩị'],
  o: [...'oòóỏõọôồốổỗộơờớởỡợ'],
  u: [...'uùúủũụưừứửữự'],
  y: [...'yỳýỷỹỵ'],
  d: ['d', 'đ', 'Đ', 'Ð'],
};

/**
 * A string with its diacritics reshuffled the ways typed documents get them wrong: marks moved,
 * dropped or added, any case, NFC or NFD. Folded for matching, most of these read the same.
 */
export function mangled(text: string): fc.Arbitrary<string> {
  const chars = [...text];
  return fc
    .tuple(
      fc.array(fc.nat(), { minLength: chars.length, maxLength: chars.length }),
      fc.array(fc.boolean(), { minLength: chars.length, maxLength: chars.length }),
      fc.constantFrom('NFC', 'NFD', 'none'),
      fc.boolean(),
    )
    .map(([picks, upper, form, remark]) => {
      const out = chars
        .map((c, i) => {
          const base = c
            .normalize('NFD')
            .replace(/[\u0300-\u036f]/g, '')
            .toLowerCase();
          const forms = VOWEL_FORMS[base === 'đ' ? 'd' : base];
          const chosen = remark && forms ? (forms[picks[i]! % forms.length] ?? c) : c;
          return upper[i] ? chosen.toUpperCase() : chosen;
        })
        .join('');
      return form === 'none' ? out : out.normalize(form);
    });
}

/** Any text at all: ASCII, full Unicode (lone surrogates included), graphemes. */
export const anyText = (maxLength = 200): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    fc.string({ unit: 'binary-ascii', maxLength }),
    fc.string({ unit: fc.constantFrom(...'0123456789/.-,;:() \t\n\u00a0\u2013'), maxLength }),
  );
