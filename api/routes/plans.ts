// The plans' JSON API: import a plan file or an assignment table (or dry-run it), set a
// duty's time, list the plans and read one. Thin: zod at the edge, a use case per route.
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import multer, { MulterError } from 'multer';
import { z } from 'zod';
import type { Db } from '../../db/index.ts';
import { checkPlanDefinition, readPlanDefinition } from '../../plans/definition.ts';
import { localizeIssue } from '../../plans/errors.ts';
import { importFile, type ImportResult } from '../../use-cases/import-plan.ts';
import { setDutyTime } from '../../use-cases/plan-duty-time.ts';
import { planDocument, visiblePlans } from '../../use-cases/read-plans.ts';
import { HttpError, readerLang } from '../errors.ts';
import { principalOf, type Principal } from '../principal.ts';

export const MAX_TABLE_BYTES = 5 * 1024 * 1024;

/** PUT /api/plans/:planId/duties/:ref/time: the duty's time phrase, as a plan writes it. */
export const SetDutyTime = z.object({ time: z.string().min(1).max(300) });
const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_TABLE_BYTES, files: 1, fields: 5 },
});
/**
 * The upload parser's own errors (a form cut short, a missing boundary) are plain Errors, which
 * the error middleware answers as a 500; they are the sender's (found by
 * test/fuzz/api.test.ts). MulterErrors (too large, too many files) keep their own answers.
 */
const readUpload: RequestHandler = (req, res, next) => {
  upload.single('file')(req, res, (err?: unknown) => {
    if (err === undefined || err instanceof MulterError) return next(err);
    next(
      HttpError.coded(400, 'invalid_upload', 'http.upload-unreadable', {
        reason: String((err as Error).message),
      }),
    );
  });
};
const yamlBody = express.text({
  type: ['application/yaml', 'application/x-yaml', 'text/yaml'],
  limit: '1mb',
});
const isYaml = (req: Request): boolean => /yaml/i.test(req.get('content-type') ?? '');

const flag = z
  .enum(['true', 'false'])
  .default('false')
  .transform((v) => v === 'true');
// allowUndated: a time phrase the grammar cannot read imports its duty undated, with a warning.
const DryRun = z.object({ dryRun: flag, allowUndated: flag });

/** The import's result, its warnings in the reader's language. */
const answer = (req: Request, result: ImportResult): ImportResult => ({
  ...result,
  warnings: result.warnings.map((w) => localizeIssue(w, readerLang(req))),
});

/** A plan or directory body: JSON parsed by express, or YAML text checked here. */
function definitionFrom<T>(
  req: Request,
  check: (value: unknown) => T,
  readYaml: (text: string) => T,
): T {
  if (isYaml(req)) {
    if (typeof req.body !== 'string')
      throw HttpError.coded(400, 'invalid_input', 'definition.empty', { format: 'YAML' });
    return readYaml(req.body);
  }
  return check(req.body);
}

/** Who calls: the API token's principal (api/app.ts lets no one else through). */
export function apiActor(res: Response): Principal {
  const p = principalOf(res);
  if (!p) throw HttpError.coded(401, 'unauthorized', 'http.unauthorized', {});
  return p;
}

export function planRoutes(db: Db): Router {
  const router = Router();
  const deps = { db };

  router.post('/plans/import', yamlBody, readUpload, async (req, res) => {
    const { dryRun, allowUndated } = DryRun.parse(req.query);
    const actor = apiActor(res);
    let result: ImportResult;
    if (req.file) {
      const { planId } = z.object({ planId: z.string().min(1).max(100) }).parse(req.body);
      const file = { name: req.file.originalname, bytes: req.file.buffer };
      result = await importFile(
        deps,
        actor,
        { kind: 'table', planId, file },
        { dryRun, allowUndated },
      );
    } else {
      if (req.is('multipart/form-data')) {
        throw HttpError.coded(400, 'invalid_input', 'http.no-file-field', {});
      }
      const plan = definitionFrom(req, checkPlanDefinition, (t) => readPlanDefinition(t, 'yaml'));
      result = await importFile(deps, actor, { kind: 'plan', plan }, { dryRun, allowUndated });
    }
    res.status(result.outcome === 'created' ? 201 : 200).json(answer(req, result));
  });

  // The time of one duty, e.g. one imported undated: the plan is re-resolved with it.
  router.put('/plans/:planId/duties/:ref/time', async (req, res) => {
    const { time } = SetDutyTime.parse(req.body);
    const result = await setDutyTime(deps, apiActor(res), {
      planId: String(req.params['planId']),
      ref: String(req.params['ref']),
      time,
    });
    res.json(answer(req, result));
  });

  router.get('/plans', async (_req, res) => {
    const plans = await visiblePlans(deps, apiActor(res));
    res.json({
      plans: plans.map((p) => ({
        id: p.id,
        number: p.number,
        title: p.title,
        period: { from: p.period_from, to: p.period_to },
        importedAt: p.imported_at,
      })),
    });
  });

  router.get('/plans/:id', async (req, res) => {
    res.json(await planDocument(deps, apiActor(res), { planId: String(req.params['id']) }));
  });

  return router;
}
