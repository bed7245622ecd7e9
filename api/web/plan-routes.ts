// The plans' pages: the list (with the import form), a plan's page (its years, its duties
// filtered and paged), the preview of a year before it starts, the start itself, and the
// date of a duty imported undated. Thin: a use case decides, a view renders.
import express, { Router } from 'express';
import { StartCycle } from '../../common/cycle-schema.ts';
import { ImportError } from '../../plans/errors.ts';
import { setDutyTime } from '../../use-cases/plan-duty-time.ts';
import { readPlan, visiblePlans } from '../../use-cases/read-plans.ts';
import { previewPlanCycle, startPlanCycle } from '../../use-cases/start-cycle.ts';
import { webKit, type WebDeps } from './deps.ts';
import { field } from './forms.ts';
import { path } from './html.ts';
import { page } from './layout.ts';
import { issuesTable } from './views/import.ts';
import { planPage } from './views/plan.ts';
import { dutyFiltersOf } from './views/plan-duties.ts';
import { cycleExistsPage, cyclePreviewPage } from './views/plan-cycle-preview.ts';
import { plansPage } from './views/plans.ts';

const form = express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 100 });

export function planRoutes(deps: WebDeps): Router {
  const router = Router();
  const kit = webKit(deps);
  const { db, client } = deps;

  router.get('/plans', async (req, res) => {
    const p = kit.signedIn(res);
    const v = kit.view(req, res);
    const plans = await visiblePlans({ db }, p);
    res.send(plansPage(v, { plans, coordinator: p.coordinator }));
  });

  router.get('/plans/:id', async (req, res) => {
    const p = kit.signedIn(res);
    const v = kit.view(req, res);
    const plan = await readPlan({ db, client }, p, { planId: String(req.params['id']) });
    const filters = dutyFiltersOf(req.query);
    res.send(planPage(v, { ...plan, filters, coordinator: p.coordinator }));
  });

  router.get('/plans/:id/cycle-preview', async (req, res) => {
    const p = kit.coordinator(res);
    const v = kit.view(req, res);
    const preview = await previewPlanCycle({ db, client }, p, {
      planId: String(req.params['id']),
      year: req.query['year'],
      skipStarted: true,
    });
    const pageNo = Number(req.query['page']) || 1;
    res.send(preview.started ? cycleExistsPage(v, preview) : cyclePreviewPage(v, preview, pageNo));
  });

  // The preview's two buttons: chase the past now (as before), or record it as history. A
  // year already started opens its cycle.
  router.post('/plans/:id/cycles', form, async (req, res) => {
    kit.csrf(req, res);
    const p = kit.coordinator(res);
    const input = StartCycle.parse({
      planId: String(req.params['id']),
      year: Number(field(req, 'year', 10)),
      past: field(req, 'past', 10) === 'history' ? 'history' : 'chase',
    });
    const { id } = await startPlanCycle({ db, client }, p, input);
    res.redirect(303, path('/cycles', id));
  });

  // The date of a duty imported "chưa có thời hạn" (or any duty's time) set later, as the
  // plan writes it; an unreadable phrase is refused with its coded reasons (422).
  router.post('/plans/:id/duties/:ref/time', form, async (req, res) => {
    kit.csrf(req, res);
    const p = kit.coordinator(res);
    const v = kit.view(req, res);
    const planId = String(req.params['id']);
    try {
      await setDutyTime({ db }, p, {
        planId,
        ref: String(req.params['ref']),
        time: field(req, 'time', 4000) ?? '',
      });
    } catch (err) {
      if (!(err instanceof ImportError)) throw err;
      res.status(422).send(
        page(v, {
          title: v.t.setTime,
          flash: { kind: 'error', text: v.t.importErrors },
          crumbs: [
            ['/plans', v.t.navPlans],
            [path('/plans', planId), v.t.planDuties],
          ],
          body: issuesTable(v, err.issues),
        }),
      );
      return;
    }
    res.redirect(303, path('/plans', planId));
  });

  return router;
}
