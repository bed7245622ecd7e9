import type { RequestHandler } from 'express';
import { HttpError } from './errors.ts';

/** JSON answers are never sniffed, framed or kept in a shared cache: they hold people's duties. */
export const apiHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  next();
};

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A browser always sends Origin with a cross-site POST; scripts send none. Refusing writes whose
 * Origin is another site keeps a page the user has open elsewhere from posting to the API —
 * above all to a local API that runs without a token.
 */
export const sameOriginWrites: RequestHandler = (req, _res, next) => {
  const origin = req.get('origin');
  if (SAFE.has(req.method) || origin === undefined) return next();
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined;
  }
  if (host !== undefined && host === req.get('host')) return next();
  next(HttpError.coded(403, 'cross_site', 'http.cross-site', {}));
};
