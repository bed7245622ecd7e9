// The coordinators' import: a plan, its assignment table or the agency directory uploaded,
// checked in a dry run and staged; then confirmed by whoever staged it. Thin:
// use-cases/import-plan.ts decides, views/import.ts renders.
import express, { Router, type RequestHandler } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { ImportError } from '../../plans/errors.ts';
import { confirmFileImport, stageFileImport } from '../../use-cases/import-plan.ts';
import { visiblePlans } from '../../use-cases/read-plans.ts';
import { MAX_TABLE_BYTES } from '../routes/plans.ts';
import { webKit, type WebDeps } from './deps.ts';
import { field } from './forms.ts';
import { path } from './html.ts';
import type { Flash } from './layout.ts';
import { dryRunPage, importedPage, refusedPage } from './views/import.ts';
import { plansPage } from './views/plans.ts';

const form = express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 100 });
const importUpload = multer({
  storage: multer.memoryStorage(),
  defParamCharset: 'utf8',
  limits: { fileSize: MAX_TABLE_BYTES, files: 1, fields: 10 },
});

export function importRoutes(deps: WebDeps): Router {
  const router = Router();
  const kit = webKit(deps);
  const { db } = deps;

  // Coordinators only, decided before the file is read into memory.
  const coordinatorsOnly: RequestHandler = (_req, res, next) => {
    kit.coordinator(res);
    next();
  };

  router.post('/plans/import', coordinatorsOnly, importUpload.single('file'), async (req, res) => {
    kit.csrf(req, res);
    const p = kit.coordinator(res);
    const v = kit.view(req, res);
    const kind = z
      .enum(['directory', 'plan', 'table'])
      .catch('plan')
      .parse(field(req, 'kind', 20));
    // A time phrase the reader cannot read imports the duty as "chưa có thời hạn" when asked.
    const allowUndated = field(req, 'allowUndated', 5) === '1';
    if (!req.file) {
      const plans = await visiblePlans({ db }, p);
      const flash: Flash = { kind: 'error', text: v.t.required(v.t.file) };
      res.status(400).send(plansPage(v, { plans, coordinator: true, flash }));
      return;
    }
    const { originalname: fileName, buffer: bytes } = req.file;
    try {
      const staged = await stageFileImport({ db }, p, {
        kind,
        planId: field(req, 'planId', 100),
        fileName,
        bytes,
        allowUndated,
      });
      res.send(dryRunPage(v, { ...staged, fileName, allowUndated }));
    } catch (err) {
      if (!(err instanceof ImportError)) throw err;
      res.status(422).send(refusedPage(v, err.issues, fileName));
    }
  });

  router.post('/plans/import/:staged', form, async (req, res) => {
    kit.csrf(req, res);
    const p = kit.coordinator(res);
    const v = kit.view(req, res);
    try {
      const confirmed = await confirmFileImport({ db }, p, {
        stagedId: String(req.params['staged']),
        allowUndated: field(req, 'allowUndated', 5) === '1',
      });
      if (confirmed.gone) {
        const plans = await visiblePlans({ db }, p);
        const flash: Flash = { kind: 'error', text: v.t.stagedGone };
        res.status(410).send(plansPage(v, { plans, coordinator: true, flash }));
        return;
      }
      const { done, fileName } = confirmed;
      res.send(
        importedPage(
          v,
          done.kind === 'directory'
            ? {
                flash: { kind: 'ok', text: v.t.directoryImported(done.localities, done.agencies) },
                link: '/directory',
                fileName,
              }
            : {
                flash: {
                  kind: 'ok',
                  text: v.t.imported[done.result.outcome] ?? done.result.outcome,
                },
                link: path('/plans', done.result.planId),
                fileName,
              },
        ),
      );
    } catch (err) {
      // The directory or the plan changed since the dry run and the file no longer fits.
      if (!(err instanceof ImportError)) throw err;
      res.status(422).send(refusedPage(v, err.issues));
    }
  });

  return router;
}
