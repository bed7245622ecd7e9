// The simulation's pages: the plan page's form starts a job (answered at once: the worker runs
// the year), the job's page shows its progress and then the year, and the whole timeline
// downloads as XLSX or CSV.
import express, { Router, type Request } from 'express';
import { Behaviour } from '../../common/simulation-schema.ts';
import { simulationCalendar } from '../../use-cases/simulation-calendar.ts';
import { simulationJob, simulationResult, startSimulation } from '../../use-cases/simulation.ts';
import { sendTable } from '../export-format.ts';
import { HttpError, schemaIssueLines } from '../errors.ts';
import { webKit, type WebDeps } from './deps.ts';
import { field, parseNumber } from './forms.ts';
import { say, type Flash } from './layout.ts';
import { simulationPage } from './views/simulation.ts';
import { jobPath } from './views/simulation-calendar.ts';
import { timelineSheets } from './views/simulation-sheet.ts';

const form = express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 100 });

const DONE = {
  started: 'simulation.flash.started',
  existing: 'simulation.flash.existing',
} as const;

/** A query value when it has the shape asked for; anything else is as if not given. */
const queryOf = (req: Request, name: string, shape: RegExp): string | undefined => {
  const raw = req.query[name];
  return typeof raw === 'string' && shape.test(raw) ? raw : undefined;
};

export function simulationRoutes(deps: WebDeps): Router {
  const router = Router();
  const kit = webKit(deps);
  const useCase = { db: deps.db, client: deps.client };

  router.post('/plans/:id/simulate', form, async (req, res) => {
    kit.csrf(req, res);
    const p = kit.coordinator(res);
    const v = kit.view(req, res);
    const year = Number(field(req, 'year', 10));
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      throw new HttpError(400, 'invalid_input', v.t.invalidInput);
    }
    const share = (name: string, fallback: number) => {
      const typed = field(req, name, 20);
      return typed === undefined ? fallback : parseNumber(typed);
    };
    const behaviour = Behaviour.safeParse({
      lateShare: share('lateShare', 0.2),
      missingShare: share('missingShare', 0.05),
      seed: share('seed', 1),
    });
    if (!behaviour.success) {
      throw new HttpError(
        400,
        'invalid_input',
        schemaIssueLines(behaviour.error, v.lang).join('; '),
      );
    }
    const { job, created } = await startSimulation(useCase, p, {
      planId: String(req.params['id']),
      simulate: { year, behaviour: behaviour.data },
    });
    res.redirect(303, `${jobPath(job.id)}?done=${created ? 'started' : 'existing'}`);
  });

  router.get('/simulations/:id', async (req, res) => {
    const p = kit.signedIn(res);
    const v = kit.view(req, res);
    const { job, result } = await simulationJob(useCase, p, String(req.params['id']));
    const done = queryOf(req, 'done', /^(started|existing)$/) as keyof typeof DONE | undefined;
    // "Started" is news while it runs; once the year is there it goes without saying.
    const flash: Flash | undefined =
      done && (done === 'existing' || job.status === 'queued' || job.status === 'running')
        ? {
            kind: 'ok',
            text:
              done === 'started'
                ? say(v, DONE.started, { year: job.year })
                : say(v, DONE.existing, {}),
          }
        : undefined;
    const page = Number(queryOf(req, 'page', /^\d{1,4}$/) ?? 1);
    res.send(
      simulationPage(v, {
        job,
        result,
        calendar: result
          ? simulationCalendar(result, {
              month: queryOf(req, 'month', /^\d{4}-\d{2}$/),
              day: queryOf(req, 'day', /^\d{4}-\d{2}-\d{2}$/),
              page,
              agencies: Number(queryOf(req, 'agencies', /^\d{1,3}$/) ?? 1),
            })
          : undefined,
        flash,
      }),
    );
  });

  router.get(
    ['/simulations/:id/timeline.xlsx', '/simulations/:id/timeline.csv'],
    async (req, res) => {
      const p = kit.signedIn(res);
      const { job, result } = await simulationResult(useCase, p, String(req.params['id']));
      const format = req.path.endsWith('.csv') ? 'csv' : 'xlsx';
      await sendTable(res, format, `mo-phong-${job.planId}-${job.year}`, () =>
        timelineSheets(result, simulationCalendar(result, {})),
      );
    },
  );

  return router;
}
