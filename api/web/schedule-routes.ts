// A plan's yearly cycle schedule on a page: on or off and its next run; coordinators turn it
// on or off and run it now. Each form calls use-cases/schedule.ts, as the JSON API does.
import express, { Router, type Request, type Response } from 'express';
import { schedulePage, switchSchedule, triggerSchedule } from '../../use-cases/schedule.ts';
import { toHttpError } from '../errors.ts';
import { webKit, type WebDeps } from './deps.ts';
import { field } from './forms.ts';
import { path } from './html.ts';
import { page, say, type Flash } from './layout.ts';
import { scheduleView } from './views/schedule.ts';

const form = express.urlencoded({ extended: false, limit: '10kb', parameterLimit: 10 });

const DONE = {
  on: 'schedule.turned-on',
  off: 'schedule.turned-off',
  run: 'schedule.triggered',
} as const;

export function scheduleRoutes(deps: WebDeps): Router {
  const router = Router();
  const kit = webKit(deps);
  const idOf = (req: Request) => String(req.params['id']);
  const here = (req: Request) => path('/plans', idOf(req), 'schedule');

  async function show(req: Request, res: Response, flash?: Flash, status = 200) {
    const p = kit.signedIn(res);
    const v = kit.view(req, res);
    const data = await schedulePage(deps, p, idOf(req));
    const done = req.query['done'];
    const doneFlash: Flash | undefined =
      typeof done === 'string' && Object.hasOwn(DONE, done)
        ? { kind: 'ok', text: say(v, DONE[done as keyof typeof DONE], {}) }
        : undefined;
    res.status(status).send(
      page(v, {
        title: say(v, 'schedule.title', {}),
        flash: flash ?? doneFlash,
        crumbs: [
          ['/plans', v.t.navPlans],
          [path('/plans', data.plan.id), data.plan.number],
        ],
        body: scheduleView(v, data),
      }),
    );
  }

  /** A refusal the page can show beside its forms (a schedule not there yet, say). */
  async function refused(req: Request, res: Response, err: unknown) {
    const v = kit.view(req, res);
    const http = toHttpError(err, v.lang);
    if (http.status >= 500 || [401, 403].includes(http.status) || http.code !== 'not_found')
      throw err;
    await show(req, res, { kind: 'error', text: http.message }, 409);
  }

  router.get('/plans/:id/schedule', (req, res) => show(req, res));

  router.post('/plans/:id/schedule', form, async (req, res) => {
    kit.csrf(req, res);
    const p = kit.coordinator(res);
    const on = field(req, 'enabled', 5) !== 'off';
    try {
      await switchSchedule(deps, p, idOf(req), on);
    } catch (err) {
      return refused(req, res, err);
    }
    res.redirect(303, `${here(req)}?done=${on ? 'on' : 'off'}`);
  });

  router.post('/plans/:id/schedule/run', form, async (req, res) => {
    kit.csrf(req, res);
    const p = kit.coordinator(res);
    try {
      await triggerSchedule(deps, p, idOf(req));
    } catch (err) {
      return refused(req, res, err);
    }
    res.redirect(303, `${here(req)}?done=run`);
  });

  return router;
}
