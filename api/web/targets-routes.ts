// The plan's per-locality targets pages: the targets of a year, and for coordinators an upload
// whose dry run shows the rows, the totals and the warnings before anything is written (the
// same stage-then-confirm as the plan imports). Thin: use-cases/import-targets.ts decides,
// views/targets.ts renders.
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import multer from 'multer';
import { ImportError } from '../../plans/errors.ts';
import {
  confirmTargetsImport,
  readTargets,
  stageTargetsImport,
} from '../../use-cases/import-targets.ts';
import { MAX_TABLE_BYTES } from '../routes/plans.ts';
import { webKit, type WebDeps } from './deps.ts';
import { field } from './forms.ts';
import {
  targetsDonePage,
  targetsDryRunPage,
  targetsGonePage,
  targetsPage,
  targetsRefusedPage,
} from './views/targets.ts';

export { targetsLink } from './views/targets.ts';

const form = express.urlencoded({ extended: false, limit: '10kb', parameterLimit: 10 });
const upload = multer({
  storage: multer.memoryStorage(),
  defParamCharset: 'utf8',
  limits: { fileSize: MAX_TABLE_BYTES, files: 1, fields: 10 },
});

export function targetsRoutes(deps: WebDeps): Router {
  const router = Router();
  const kit = webKit(deps);
  const { db } = deps;

  async function showTargets(req: Request, res: Response, year: unknown) {
    const p = kit.signedIn(res);
    const v = kit.view(req, res);
    const data = await readTargets({ db }, p, { planId: String(req.params['id']), year });
    res.send(targetsPage(v, { ...data, coordinator: p.coordinator }));
  }

  router.get('/plans/:id/targets', (req, res) => showTargets(req, res, req.query['year']));

  // Coordinators only, decided before the file is read into memory.
  const coordinatorsOnly: RequestHandler = (_req, res, next) => {
    kit.coordinator(res);
    next();
  };

  /** A refused table (422) with every problem; anything else goes to the error page. */
  const refusedOr = (req: Request, res: Response, err: unknown) => {
    if (!(err instanceof ImportError)) throw err;
    const v = kit.view(req, res);
    res.status(422).send(targetsRefusedPage(v, String(req.params['id']), err.issues));
  };

  router.post(
    '/plans/:id/targets/import',
    coordinatorsOnly,
    upload.single('file'),
    async (req, res) => {
      kit.csrf(req, res);
      const p = kit.coordinator(res);
      const v = kit.view(req, res);
      if (!req.file) return showTargets(req, res, field(req, 'year', 10));
      const { originalname: fileName, buffer: bytes } = req.file;
      try {
        const staged = await stageTargetsImport({ db }, p, {
          planId: String(req.params['id']),
          year: field(req, 'year', 10),
          fileName,
          bytes,
        });
        res.send(targetsDryRunPage(v, { ...staged, fileName }));
      } catch (err) {
        refusedOr(req, res, err);
      }
    },
  );

  router.post('/plans/:id/targets/import/:staged', form, async (req, res) => {
    kit.csrf(req, res);
    const p = kit.coordinator(res);
    const v = kit.view(req, res);
    try {
      const done = await confirmTargetsImport({ db }, p, {
        planId: String(req.params['id']),
        stagedId: String(req.params['staged']),
      });
      if (done.gone) {
        res.status(410).send(targetsGonePage(v, done.plan.id));
        return;
      }
      res.send(targetsDonePage(v, done));
    } catch (err) {
      // The directory changed since the dry run and the table no longer fits.
      refusedOr(req, res, err);
    }
  });

  return router;
}
