// A plan's per-locality targets tables: imported per year (XLSX, CSV or Word, with a dry run)
// and read back. The JSON API answers scripts with the API token, i.e. coordinators, like
// the other import routes; messages come in the language the caller's Accept-Language asks.
import { Router, type Request, type RequestHandler } from 'express';
import multer, { MulterError } from 'multer';
import { z } from 'zod';
import type { Db } from '../../db/index.ts';
import { langFromHeader } from '../../i18n/index.ts';
import { ImportError, issue, localizeIssue, type ImportIssue } from '../../plans/errors.ts';
import {
  checkYear,
  importTargets,
  planScope,
  storedTargets,
} from '../../use-cases/import-targets.ts';
import { render } from '../../i18n/index.ts';
import { HttpError } from '../errors.ts';
import { principalOf } from '../principal.ts';
import { MAX_TABLE_BYTES } from './plans.ts';

const upload = multer({
  storage: multer.memoryStorage(),
  defParamCharset: 'utf8',
  limits: { fileSize: MAX_TABLE_BYTES, files: 1, fields: 5 },
});
const readUpload: RequestHandler = (req, res, next) => {
  upload.single('file')(req, res, (err?: unknown) => {
    if (err === undefined || err instanceof MulterError) return next(err);
    next(
      new HttpError(400, 'invalid_upload', `The upload cannot be read: ${(err as Error).message}`),
    );
  });
};

/** Coordinators only, decided before the file is read (the token is a coordinator's). */
const coordinatorsOnly: RequestHandler = (_req, res, next) => {
  const p = principalOf(res);
  if (p && !p.coordinator) throw new HttpError(403, 'forbidden', 'Coordinators only');
  next();
};

const DryRun = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

const localized = (req: Request, issues: ImportIssue[]): ImportIssue[] => {
  const lang = langFromHeader(req.get('accept-language'));
  return issues.map((i) => localizeIssue(i, lang));
};

/** An import refusal as the API answers it: 400, every problem, in the caller's language. */
function refusal(req: Request, err: ImportError): HttpError {
  const lang = langFromHeader(req.get('accept-language'));
  const summary = err.code ? render(err.code, {}, lang) : err.message;
  return new HttpError(400, 'import_refused', summary, localized(req, err.issues));
}

export function targetRoutes(db: Db): Router {
  const router = Router();

  async function planOf(req: Request) {
    const planId = String(req.params['planId']);
    const plan = await planScope(db, planId);
    if (!plan) throw new HttpError(404, 'not_found', `No plan "${planId}"`);
    return plan;
  }

  router.post('/plans/:planId/targets/import', coordinatorsOnly, readUpload, async (req, res) => {
    const { dryRun } = DryRun.parse(req.query);
    const plan = await planOf(req);
    try {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const year = checkYear(body['year'] ?? req.query['year'], plan);
      if (!req.file) {
        throw new ImportError('No file', [issue('targets.file.missing', {}, { field: 'file' })]);
      }
      const result = await importTargets(
        db,
        plan,
        year,
        { name: req.file.originalname, bytes: req.file.buffer },
        dryRun,
      );
      res
        .status(result.outcome === 'created' ? 201 : 200)
        .json({ ...result, warnings: localized(req, result.warnings) });
    } catch (err) {
      if (err instanceof ImportError) throw refusal(req, err);
      throw err;
    }
  });

  router.get('/plans/:planId/targets', async (req, res) => {
    const plan = await planOf(req);
    try {
      const year = checkYear(req.query['year'], plan);
      const stored = await storedTargets(db, plan.id, year);
      if (!stored) {
        throw new HttpError(404, 'not_found', `No targets for plan "${plan.id}" in ${year}`);
      }
      res.json({ ...stored, warnings: localized(req, stored.warnings) });
    } catch (err) {
      if (err instanceof ImportError) throw refusal(req, err);
      throw err;
    }
  });

  return router;
}
