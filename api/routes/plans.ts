import express, { Router, type Request, type RequestHandler } from 'express';
import multer, { MulterError } from 'multer';
import { z } from 'zod';
import { DirectoryAgency } from '../../common/plan-schema.ts';
import type { Db } from '../../db/index.ts';
import {
  checkDirectory,
  checkPlanDefinition,
  readDirectory,
  readPlanDefinition,
} from '../../plans/definition.ts';
import {
  agencyRow,
  importDirectory,
  importPlan,
  importTable,
  PlanDutyNotFound,
  setPlanDutyTime,
  type ImportResult,
} from '../../plans/service.ts';
import { localizeIssue } from '../../plans/errors.ts';
import { agencyReferences, localityReferences } from '../../db/agency-references.ts';
import { render, type Lang } from '../../i18n/index.ts';
import { HttpError, readerLang } from '../errors.ts';

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

export function planRoutes(db: Db): Router {
  const router = Router();

  router.post('/plans/import', yamlBody, readUpload, async (req, res) => {
    const { dryRun, allowUndated } = DryRun.parse(req.query);
    if (req.file) {
      const { planId } = z.object({ planId: z.string().min(1).max(100) }).parse(req.body);
      const result = await importTable(
        db,
        planId,
        { name: req.file.originalname, bytes: req.file.buffer },
        dryRun,
        { allowUndated },
      );
      res.status(result.outcome === 'created' ? 201 : 200).json(answer(req, result));
      return;
    }
    if (req.is('multipart/form-data')) {
      throw HttpError.coded(400, 'invalid_input', 'http.no-file-field', {});
    }
    const plan = definitionFrom(req, checkPlanDefinition, (t) => readPlanDefinition(t, 'yaml'));
    const result = await importPlan(db, plan, dryRun, { allowUndated });
    res.status(result.outcome === 'created' ? 201 : 200).json(answer(req, result));
  });

  // The time of one duty, e.g. one imported undated: the plan is re-resolved with it.
  router.put('/plans/:planId/duties/:ref/time', async (req, res) => {
    const { time } = SetDutyTime.parse(req.body);
    try {
      const result = await setPlanDutyTime(
        db,
        String(req.params['planId']),
        String(req.params['ref']),
        time,
      );
      res.json(answer(req, result));
    } catch (err) {
      if (!(err instanceof PlanDutyNotFound) || !err.issue.code) throw err;
      throw HttpError.coded(404, 'not_found', err.issue.code, err.issue.params as never);
    }
  });

  router.get('/plans', async (_req, res) => {
    const plans = await db
      .selectFrom('plans')
      .select(['id', 'number', 'title', 'period_from', 'period_to', 'imported_at'])
      .orderBy('id')
      .execute();
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
    const id = String(req.params['id']);
    const plan = await db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
    if (!plan) throw new HttpError(404, 'not_found', `No plan "${id}"`);
    const duties = await db
      .selectFrom('plan_duties')
      .select('duty_json')
      .where('plan_id', '=', id)
      .orderBy('ref')
      .execute();
    const table =
      plan.table_json === null ? null : (JSON.parse(plan.table_json) as { projects: unknown[] });
    res.json({
      plan: JSON.parse(plan.definition_json) as unknown,
      tableProjects: table?.projects ?? [],
      importedAt: plan.imported_at,
      duties: duties.map((d) => JSON.parse(d.duty_json) as unknown),
    });
  });

  router.post('/directory', yamlBody, async (req, res) => {
    const directory = definitionFrom(req, checkDirectory, (t) => readDirectory(t, 'yaml'));
    res.json(await importDirectory(db, directory));
  });

  /** A directory entry as the API answers it: the entry, and when it was retired. */
  const agencyOf = (r: { entry_json: string; retired_at: string | null }) => ({
    ...(JSON.parse(r.entry_json) as DirectoryAgency),
    ...(r.retired_at ? { retiredAt: r.retired_at } : {}),
  });

  router.get('/agencies', async (_req, res) => {
    const rows = await db
      .selectFrom('agencies')
      .select(['entry_json', 'retired_at'])
      .orderBy('id')
      .execute();
    res.json({ agencies: rows.map(agencyOf) });
  });

  async function requireLocality(id: string): Promise<void> {
    const found = await db
      .selectFrom('localities')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!found)
      throw new HttpError(400, 'invalid_input', `Invalid input: localityId: no locality "${id}"`);
  }

  const noAgency = (id: string) =>
    HttpError.coded(404, 'not_found', 'contract.no-agency', { agency: id });
  const noLocality = (id: string) =>
    HttpError.coded(404, 'not_found', 'contract.no-locality', { locality: id });

  router.get('/agencies/:id', async (req, res) => {
    const id = String(req.params['id']);
    const row = await db
      .selectFrom('agencies')
      .select(['entry_json', 'retired_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw noAgency(id);
    res.json(agencyOf(row));
  });

  router.post('/agencies', async (req, res) => {
    const agency = DirectoryAgency.parse(req.body);
    await requireLocality(agency.localityId);
    const exists = await db
      .selectFrom('agencies')
      .select('id')
      .where('id', '=', agency.id)
      .executeTakeFirst();
    if (exists) throw new HttpError(409, 'already_exists', `Agency "${agency.id}" already exists`);
    await db.insertInto('agencies').values(agencyRow(agency, new Date().toISOString())).execute();
    res.status(201).json(agency);
  });

  router.put('/agencies/:id', async (req, res) => {
    const id = String(req.params['id']);
    // An id that names no agency (one of another kind included) is 404, whatever the body.
    const known = await db
      .selectFrom('agencies')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!known) throw noAgency(id);
    const agency = DirectoryAgency.parse({ ...(req.body as object), id });
    await requireLocality(agency.localityId);
    const row = agencyRow(agency, new Date().toISOString());
    const result = await db
      .updateTable('agencies')
      .set(row)
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw noAgency(id);
    const stored = await db
      .selectFrom('agencies')
      .select(['entry_json', 'retired_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    res.json(agencyOf(stored));
  });

  // An agency that plans or duties still name is kept: deleting it left every duty pointing at
  // nothing and the plan impossible to re-import. It can be retired instead.
  router.delete('/agencies/:id', async (req, res) => {
    const id = String(req.params['id']);
    const held = await agencyReferences(db, id);
    if (held.plans.length > 0 || held.duties > 0) {
      const holders = (lang: Lang) =>
        [
          ...(held.plans.length > 0
            ? [render('contract.holders.plans', { ids: held.plans.join(', ') }, lang)]
            : []),
          ...(held.duties > 0
            ? [render('contract.holders.duties', { count: held.duties }, lang)]
            : []),
        ].join(render('contract.holders.and', {}, lang));
      throw new HttpError(
        409,
        'referenced',
        render(
          'contract.agency-referenced',
          { agency: id, holders: holders(readerLang(req)) },
          readerLang(req),
        ),
        held,
      );
    }
    const result = await db.deleteFrom('agencies').where('id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw noAgency(id);
    res.status(204).end();
  });

  // Retired: kept for the history that names it; the importer and the pickers skip it.
  router.post('/agencies/:id/retire', async (req, res) => {
    const id = String(req.params['id']);
    const now = new Date().toISOString();
    await db
      .updateTable('agencies')
      .set({ retired_at: now })
      .where('id', '=', id)
      .where('retired_at', 'is', null)
      .execute();
    const row = await db
      .selectFrom('agencies')
      .select(['entry_json', 'retired_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw noAgency(id);
    res.json(agencyOf(row));
  });

  const localityOf = (r: {
    id: string;
    name: string;
    level: string;
    parent_id: string | null;
    retired_at: string | null;
  }) => ({
    id: r.id,
    name: r.name,
    level: r.level,
    ...(r.parent_id ? { parentId: r.parent_id } : {}),
    ...(r.retired_at ? { retiredAt: r.retired_at } : {}),
  });
  const LOCALITY = ['id', 'name', 'level', 'parent_id', 'retired_at'] as const;

  router.get('/localities', async (_req, res) => {
    const rows = await db.selectFrom('localities').select(LOCALITY).orderBy('id').execute();
    res.json({ localities: rows.map(localityOf) });
  });

  router.delete('/localities/:id', async (req, res) => {
    const id = String(req.params['id']);
    const held = await localityReferences(db, id);
    if (held.agencies.length + held.localities.length + held.plans.length > 0) {
      const lang = readerLang(req);
      const list = (ids: string[]) =>
        ids.length > 5 ? `${ids.slice(0, 5).join(', ')}… (${ids.length})` : ids.join(', ');
      const holders = [
        ...(held.agencies.length > 0
          ? [render('contract.holders.agencies', { ids: list(held.agencies) }, lang)]
          : []),
        ...(held.localities.length > 0
          ? [render('contract.holders.localities', { ids: list(held.localities) }, lang)]
          : []),
        ...(held.plans.length > 0
          ? [render('contract.holders.plans', { ids: list(held.plans) }, lang)]
          : []),
      ].join(render('contract.holders.and', {}, lang));
      throw new HttpError(
        409,
        'referenced',
        render('contract.locality-referenced', { locality: id, holders }, lang),
        held,
      );
    }
    const result = await db.deleteFrom('localities').where('id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw noLocality(id);
    res.status(204).end();
  });

  router.post('/localities/:id/retire', async (req, res) => {
    const id = String(req.params['id']);
    await db
      .updateTable('localities')
      .set({ retired_at: new Date().toISOString() })
      .where('id', '=', id)
      .where('retired_at', 'is', null)
      .execute();
    const row = await db
      .selectFrom('localities')
      .select(LOCALITY)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw noLocality(id);
    res.json(localityOf(row));
  });

  return router;
}
