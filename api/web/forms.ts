// Reading what forms send: the CSRF check every POST goes through, dates typed as dd/mm/yyyy,
// numbers typed the Vietnamese way (1.234,5) or the English way (1234.5), indicator rows.
import type { Request, Response } from 'express';
import { localInstant } from '../../domain/local-time.ts';
import { HttpError } from '../errors.ts';
import { principalOf } from '../principal.ts';
import {
  cookiesOf,
  PRE_SESSION_COOKIE,
  preSessionCsrf,
  sameOrigin,
  sameToken,
} from '../session.ts';

/** Thrown when a form's token or origin is wrong; the page says to reload and try again. */
export const csrfError = (): HttpError =>
  new HttpError(403, 'csrf', 'The form token is missing or wrong');

/**
 * Every form POST: the `_csrf` field must be the session's token (or, before sign-in, the
 * token of the visitor's `pre` cookie), and a browser's Origin must be this site. Calls with
 * the API token are scripts, not browsers, and need neither.
 */
export function checkCsrf(
  req: Request,
  res: Response,
  opts: { secret: string; publicUrl: string },
) {
  const principal = principalOf(res);
  if (principal?.via === 'token') return;
  if (!sameOrigin(req, opts.publicUrl)) throw csrfError();
  const given = (req.body as Record<string, unknown> | undefined)?.['_csrf'];
  let expected: string | undefined;
  if (principal?.session) expected = principal.session.csrfToken;
  else {
    const pre = cookiesOf(req)[PRE_SESSION_COOKIE];
    expected = pre ? preSessionCsrf(opts.secret, pre) : undefined;
  }
  if (!sameToken(given, expected)) throw csrfError();
}

/** A trimmed text field, or undefined when absent or blank. */
export function field(req: Request, name: string, max = 20_000): string | undefined {
  const raw = (req.body as Record<string, unknown> | undefined)?.[name];
  if (typeof raw !== 'string') return undefined;
  const text = raw.replace(/\r\n/g, '\n').trim();
  if (text.length === 0) return undefined;
  if (text.length > max) throw new HttpError(400, 'invalid_input', `${name}: too long`);
  return text;
}

/** "20/6/2026" → the instant 20/06/2026 00:00 in Vietnam, the way plans write "trước ngày". */
export function parseLocalDate(text: string | undefined): string | undefined {
  const m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(text?.trim() ?? '');
  if (!m) return undefined;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || year < 2000 || year > 2100) return undefined;
  const ms = localInstant(year, month, day);
  const back = new Date(ms + 7 * 3_600_000);
  // 31/6 would roll over to 1/7: refuse it rather than guess.
  if (back.getUTCDate() !== day || back.getUTCMonth() + 1 !== month) return undefined;
  return new Date(ms).toISOString();
}

/**
 * "1.234,5" (Vietnamese), "1,234.5" or "1234.5" → 1234.5. A lone separator followed by
 * exactly three digits is read as thousands ("1.500" is one thousand five hundred, as a
 * Vietnamese form means it).
 */
export function parseNumber(text: string): number | undefined {
  const s = text.replace(/[\s\u00a0]/g, '');
  if (!/^-?[\d.,]+$/.test(s)) return undefined;
  let normal: string;
  if (s.includes(',') && s.includes('.')) {
    normal =
      s.lastIndexOf(',') > s.lastIndexOf('.')
        ? s.replace(/\./g, '').replace(',', '.')
        : s.replace(/,/g, '');
  } else if (/^-?\d{1,3}([.,]\d{3})+$/.test(s)) {
    normal = s.replace(/[.,]/g, '');
  } else {
    normal = s.replace(',', '.');
  }
  if (!/^-?\d+(\.\d+)?$/.test(normal)) return undefined;
  const n = Number(normal);
  return Number.isFinite(n) ? n : undefined;
}

export const MAX_INDICATOR_ROWS = 30;

/** Rows `ind_name_<i>` / `ind_value_<i>`; blank rows are skipped, bad numbers reported. */
export function indicatorsFrom(
  req: Request,
  badNumber: (name: string) => string,
): { indicators: Record<string, number>; errors: string[] } {
  const indicators: Record<string, number> = {};
  const errors: string[] = [];
  for (let i = 0; i < MAX_INDICATOR_ROWS; i++) {
    const name = field(req, `ind_name_${i}`, 100);
    const value = field(req, `ind_value_${i}`, 50);
    if (name === undefined && value === undefined) continue;
    if (name === undefined || value === undefined) {
      errors.push(badNumber(name ?? `#${i + 1}`));
      continue;
    }
    const n = parseNumber(value);
    if (n === undefined) errors.push(badNumber(name));
    else indicators[name] = n;
  }
  return { indicators, errors };
}
