// The session cookie and CSRF tokens. A session is a random token in an HttpOnly, SameSite=Lax
// cookie (Secure when the site is served over https) whose hash is a row of `sessions`, with
// an expiry. Every form carries a synchronizer token: the session's own, or, before sign-in,
// an HMAC of a random cookie, so a page on another site can make neither.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'sid';
/** A random value that keys the CSRF token of forms shown before sign-in. */
export const PRE_SESSION_COOKIE = 'pre';
export const LANG_COOKIE = 'lang';
/** A working day and then some: sign-in by email is a few clicks, a stolen cookie ages out. */
export const SESSION_TTL_MS = 12 * 3_600_000;

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(name) || name in out) continue;
    try {
      out[name] = decodeURIComponent(raw);
    } catch {
      // A cookie another site or an old version set with bad escapes: ignore it, as browsers do.
    }
  }
  return out;
}

export const cookiesOf = (req: Request): Record<string, string> => parseCookies(req.get('cookie'));

export interface CookieOptions {
  secure: boolean;
}

export function setCookie(
  res: Response,
  name: string,
  value: string,
  opts: CookieOptions & { maxAgeMs?: number; httpOnly?: boolean },
): void {
  res.cookie(name, value, {
    httpOnly: opts.httpOnly ?? true,
    sameSite: 'lax',
    secure: opts.secure,
    path: '/',
    ...(opts.maxAgeMs === undefined ? {} : { maxAge: opts.maxAgeMs }),
  });
}

export function clearCookie(res: Response, name: string, opts: CookieOptions): void {
  res.clearCookie(name, { httpOnly: true, sameSite: 'lax', secure: opts.secure, path: '/' });
}

export const newPreSessionValue = (): string => randomBytes(24).toString('base64url');

/** The CSRF token of forms before sign-in: bound to the visitor's `pre` cookie. */
export function preSessionCsrf(secret: string, pre: string): string {
  return createHmac('sha256', secret).update(`giam-ngheo/csrf/${pre}`).digest('base64url');
}

export function sameToken(given: unknown, expected: string | undefined): boolean {
  if (typeof given !== 'string' || expected === undefined || expected.length === 0) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A browser names the page a form came from; when it names another site the request is
 * refused whatever token it carries. Requests without the header (scripts, old browsers)
 * are judged by the token alone.
 */
export function sameOrigin(req: Request, publicUrl: string): boolean {
  const origin = req.get('origin');
  if (origin === undefined || origin === '') return true;
  if (origin === 'null') return false;
  try {
    const from = new URL(origin);
    return from.origin === new URL(publicUrl).origin || from.host === req.get('host');
  } catch {
    return false;
  }
}
