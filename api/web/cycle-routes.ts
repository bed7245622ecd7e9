// A year's cycle and its projects' money on pages: the cycle (coordinators, viewers, the plan's
// standing agency), a project's disbursement page (they and the project's lead agency), and
// the forms: allocations (coordinators), the month-by-month commitment and monthly progress
// (the lead agency). Each calls use-cases/cycle-money.ts, as api/routes/cycles.ts does; a
// refusal shows the page again with the reason and a 4xx.
import express, { Router, type Request, type Response } from 'express';
import { ZodError } from 'zod';
import { MONTHS, parseDong } from '../../domain/disbursement-chart.ts';
import {
  enterCommitment,
  readCycle,
  readProject,
  recordAllocation,
  reportDisbursement,
} from '../../use-cases/cycle-money.ts';
import { schemaIssueLines, toHttpError } from '../errors.ts';
import type { Principal } from '../principal.ts';
import { webKit, type WebDeps } from './deps.ts';
import { field } from './forms.ts';
import { path } from './html.ts';
import { say, type Flash, type View } from './layout.ts';
import { cyclePage } from './views/cycle.ts';
import { projectPage } from './views/cycle-project.ts';

const form = express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 100 });

const DONE = {
  allocation: 'cycle-pages.done.allocation',
  commitment: 'cycle-pages.done.commitment',
  disbursement: 'cycle-pages.done.disbursement',
} as const;

/** The "done" flash a redirect after a successful form asks for. */
function doneFlash(v: View, req: Request): Flash | undefined {
  const done = req.query['done'];
  return typeof done === 'string' && Object.hasOwn(DONE, done)
    ? { kind: 'ok', text: say(v, DONE[done as keyof typeof DONE], {}) }
    : undefined;
}

/**
 * What a refused form shows: the reason in the reader's language and its status. Refusals a
 * page cannot show beside its form (not signed in, forbidden, not found, a failure) go to the
 * error page instead.
 */
function refusedFlash(v: View, err: unknown): { flash: Flash; status: number } {
  const http = toHttpError(err, v.lang);
  if (http.status >= 500 || [401, 403, 404].includes(http.status)) throw err;
  if (err instanceof ZodError) {
    return {
      flash: { kind: 'error', text: v.t.invalidInput, items: schemaIssueLines(err, v.lang) },
      status: 400,
    };
  }
  return { flash: { kind: 'error', text: `${v.t.refused}: ${http.message}` }, status: http.status };
}

const invalid = (v: View, items: string[]): { flash: Flash; status: number } => ({
  flash: { kind: 'error', text: v.t.invalidInput, items },
  status: 400,
});

export function cycleRoutes(deps: WebDeps): Router {
  const router = Router();
  const kit = webKit(deps);
  const cycleIdOf = (req: Request) => String(req.params['id']);
  const refOf = (req: Request) => String(req.params['ref']);

  async function showCycle(req: Request, res: Response, p: Principal, flash?: Flash, status = 200) {
    const v = kit.view(req, res);
    const data = await readCycle(deps, p, { cycleId: cycleIdOf(req) });
    res
      .status(status)
      .send(cyclePage(v, data, { canAllocate: p.coordinator, flash: flash ?? doneFlash(v, req) }));
  }

  async function showProject(
    req: Request,
    res: Response,
    p: Principal,
    flash?: Flash,
    status = 200,
    projectRef = refOf(req),
  ) {
    const v = kit.view(req, res);
    const data = await readProject(deps, p, { cycleId: cycleIdOf(req), projectRef });
    res.status(status).send(projectPage(v, data, { flash: flash ?? doneFlash(v, req) }));
  }

  router.get('/cycles/:id', (req, res) => showCycle(req, res, kit.signedIn(res)));

  router.get('/cycles/:id/projects/:ref', (req, res) => showProject(req, res, kit.signedIn(res)));

  router.post('/cycles/:id/allocations', form, async (req, res) => {
    kit.csrf(req, res);
    const p = kit.coordinator(res);
    const v = kit.view(req, res);
    const id = cycleIdOf(req);
    const projectRef = field(req, 'projectRef', 100) ?? '';
    const toProject = field(req, 'back', 10) === 'project';
    const again = (r: { flash: Flash; status: number }) =>
      toProject
        ? showProject(req, res, p, r.flash, r.status, projectRef)
        : showCycle(req, res, p, r.flash, r.status);
    const amount = parseDong(field(req, 'amount', 60));
    const label = say(v, 'cycle-pages.allocation.amount', {});
    if (amount === undefined) {
      return again(invalid(v, [say(v, 'cycle-pages.amount.invalid', { field: label })]));
    }
    if (amount === '0') return again(invalid(v, [say(v, 'cycle-pages.amount.zero', {})]));
    try {
      await recordAllocation(deps, p, {
        cycleId: id,
        projectRef,
        amount,
        decision: field(req, 'decision', 200),
        replace: field(req, 'replace', 5) === '1',
      });
    } catch (err) {
      return again(refusedFlash(v, err));
    }
    const back = toProject ? path('/cycles', id, 'projects', projectRef) : path('/cycles', id);
    res.redirect(303, `${back}?done=allocation`);
  });

  router.post('/cycles/:id/projects/:ref/commitment', form, async (req, res) => {
    kit.csrf(req, res);
    const p = kit.signedIn(res);
    const v = kit.view(req, res);
    const months: string[] = [];
    const wrong: string[] = [];
    for (let m = 1; m <= MONTHS; m++) {
      const typed = (field(req, `m${m}`, 60) ?? '').trim();
      const amount = typed === '' ? '0' : parseDong(typed);
      if (amount === undefined) {
        const label = say(v, 'cycle-pages.commitment.month', { month: m });
        wrong.push(say(v, 'cycle-pages.amount.invalid', { field: label }));
      }
      months.push(amount ?? '0');
    }
    if (wrong.length > 0) {
      const r = invalid(v, wrong);
      return showProject(req, res, p, r.flash, r.status);
    }
    try {
      await enterCommitment(deps, p, {
        cycleId: cycleIdOf(req),
        projectRef: refOf(req),
        months,
        note: field(req, 'note', 2000),
      });
    } catch (err) {
      const r = refusedFlash(v, err);
      return showProject(req, res, p, r.flash, r.status);
    }
    res.redirect(303, `${path('/cycles', cycleIdOf(req), 'projects', refOf(req))}?done=commitment`);
  });

  router.post('/cycles/:id/projects/:ref/disbursements', form, async (req, res) => {
    kit.csrf(req, res);
    const p = kit.signedIn(res);
    const v = kit.view(req, res);
    const month = Number(field(req, 'month', 4));
    const amount = parseDong(field(req, 'amount', 60));
    const wrong = [
      ...(Number.isInteger(month) && month >= 1 && month <= MONTHS
        ? []
        : [say(v, 'cycle-pages.month.invalid', {})]),
      ...(amount === undefined
        ? [
            say(v, 'cycle-pages.amount.invalid', {
              field: say(v, 'cycle-pages.progress.amount', {}),
            }),
          ]
        : []),
    ];
    if (wrong.length > 0 || amount === undefined) {
      const r = invalid(v, wrong);
      return showProject(req, res, p, r.flash, r.status);
    }
    try {
      await reportDisbursement(deps, p, {
        cycleId: cycleIdOf(req),
        projectRef: refOf(req),
        month,
        amount,
        replace: field(req, 'replace', 5) === '1',
      });
    } catch (err) {
      const r = refusedFlash(v, err);
      return showProject(req, res, p, r.flash, r.status);
    }
    res.redirect(
      303,
      `${path('/cycles', cycleIdOf(req), 'projects', refOf(req))}?done=disbursement`,
    );
  });

  return router;
}
