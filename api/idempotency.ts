// Idempotency-Key on the JSON API's POSTs: a request sent again with the same key (a script
// retrying after a timeout, a double submit) gets the first answer back instead of creating a
// second record. Keys are per caller and per path; the same key with another body is refused.
// Only a 2xx answer is kept: after a refusal or a failure the same key may be tried again.
import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Db } from '../db/index.ts';
import { claimKey, completeKey, releaseKey } from '../db/idempotency.ts';
import { principalOf } from './principal.ts';
import { HttpError } from './errors.ts';

const KEY = /^[\x21-\x7e]{1,200}$/;

/** What a retry must repeat: the body as parsed, or for an upload its type and size. */
function requestHash(req: Request): string {
  const what = req.is('multipart/form-data')
    ? `multipart ${req.get('content-length') ?? ''}`
    : JSON.stringify(req.body ?? null);
  return createHash('sha256').update(what).digest('hex');
}

const callerOf = (res: Response): string => {
  const p = principalOf(res);
  // A caller with the bearer token has no address: it is the scripts' one caller.
  return p ? p.email || 'scripts' : 'anonymous';
};

export function idempotencyKeys(db: Db, log: (msg: string, err?: unknown) => void): RequestHandler {
  return async (req, res, next) => {
    const key = req.get('idempotency-key');
    if (req.method !== 'POST' || key === undefined) return next();
    if (!KEY.test(key)) {
      return next(HttpError.coded(400, 'invalid_idempotency_key', 'idempotency.invalid-key', {}));
    }
    const scope = `${callerOf(res)} POST ${req.originalUrl}`;
    const claim = await claimKey(db, scope, key, requestHash(req), new Date().toISOString());
    if (claim.kind === 'replay') {
      const kept = claim.body as { body: unknown; location?: string };
      res.status(claim.status).set('Idempotency-Replayed', 'true');
      if (kept.location) res.location(kept.location);
      res.json(kept.body);
      return;
    }
    if (claim.kind === 'mismatch') {
      return next(HttpError.coded(422, 'idempotency_key_reused', 'idempotency.reused', {}));
    }
    if (claim.kind === 'pending') {
      return next(HttpError.coded(409, 'idempotency_in_progress', 'idempotency.in-progress', {}));
    }
    // An answer sent some other way (or a connection closed first) keeps nothing.
    res.on('close', () => {
      releaseKey(db, scope, key).catch((err: unknown) => log('idempotency: release failed', err));
    });
    // The answer is kept before it is sent, so a retry that arrives after it sees it.
    const send = res.json.bind(res);
    res.json = (body: unknown) => {
      const status = res.statusCode;
      const kept =
        status >= 200 && status < 300
          ? completeKey(db, scope, key, status, {
              body,
              ...(res.get('location') ? { location: res.get('location') } : {}),
            })
          : releaseKey(db, scope, key);
      kept.then(
        () => send(body),
        (err: unknown) => {
          log('idempotency: the answer could not be kept', err);
          send(body);
        },
      );
      return res;
    };
    next();
  };
}
