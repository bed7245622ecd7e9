import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpError } from './errors.ts';

/**
 * Scripts call the API with `Authorization: Bearer $API_TOKEN`. Without a configured token the
 * API is for local use: `npm start` then listens on 127.0.0.1 only.
 */
export function bearerAuth(token: string | undefined): RequestHandler {
  const expected = token ? Buffer.from(token) : undefined;
  return (req, _res, next) => {
    if (!expected) return next();
    const given = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    const buf = Buffer.from(given ?? '');
    if (given && buf.length === expected.length && timingSafeEqual(buf, expected)) return next();
    next(HttpError.coded(401, 'unauthorized', 'http.unauthorized', {}));
  };
}
