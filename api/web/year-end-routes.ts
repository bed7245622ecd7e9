// A year's end on a page: the results per locality against the plan's targets with the gap,
// who has not reported, and the close form (coordinators; a comment and an explicit
// confirmation). use-cases/close-year.ts decides, as it does for POST /api/cycles/:id/close;
// views/year-end.ts renders. A refusal shows the page again with the reason and a 4xx.
import express, { Router, type Request, type Response } from 'express';
import { closeYear, yearEnd } from '../../use-cases/close-year.ts';
import { actorOf } from '../../use-cases/ad-hoc-reports.ts';
import { toHttpError } from '../errors.ts';
import type { Principal } from '../principal.ts';
import { webKit, type WebDeps } from './deps.ts';
import { path } from './html.ts';
import { say, type Flash } from './layout.ts';
import { yearEndPage } from './views/year-end.ts';

const form = express.urlencoded({ extended: false, limit: '20kb', parameterLimit: 10 });
const MAX_COMMENT = 2000;

export function yearEndRoutes(deps: WebDeps): Router {
  const router = Router();
  const kit = webKit(deps);
  const idOf = (req: Request) => String(req.params['id']);

  async function show(
    req: Request,
    res: Response,
    p: Principal,
    opts: { flash?: Flash; status?: number; comment?: string } = {},
  ) {
    const v = kit.view(req, res);
    const data = await yearEnd(deps, p, idOf(req));
    const done =
      req.query['done'] === 'closed'
        ? ({ kind: 'ok', text: say(v, 'year-end.closed-done', { year: data.state.year }) } as const)
        : undefined;
    res.status(opts.status ?? 200).send(
      yearEndPage(v, data, {
        flash: opts.flash ?? done,
        page: Number(req.query['page']) || 1,
        comment: opts.comment,
      }),
    );
  }

  router.get('/cycles/:id/results', (req, res) => show(req, res, kit.signedIn(res)));

  router.post('/cycles/:id/close', form, async (req, res) => {
    kit.csrf(req, res);
    const p = kit.signedIn(res);
    const v = kit.view(req, res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const typed = typeof body['comment'] === 'string' ? body['comment'].trim() : '';
    const again = (text: string, status: number) =>
      show(req, res, p, { flash: { kind: 'error', text }, status, comment: typed });
    try {
      await closeYear(deps, p, {
        cycleId: idOf(req),
        confirmed: body['confirm'] === 'yes',
        body: {
          actor: actorOf(p),
          ...(typed ? { comment: typed.slice(0, MAX_COMMENT + 1) } : {}),
        },
      });
    } catch (err) {
      // Not allowed, no such cycle, a failure: the error page. A refusal: the page again.
      const http = toHttpError(err, v.lang);
      if (http.status >= 500 || [401, 403, 404].includes(http.status)) throw err;
      const text =
        typed.length > MAX_COMMENT
          ? say(v, 'year-end.comment-too-long', { max: MAX_COMMENT })
          : http.code === 'invalid_input' && http.text === undefined
            ? v.t.invalidInput
            : http.message;
      return again(text, http.status);
    }
    res.redirect(303, `${path('/cycles', idOf(req), 'results')}?done=closed`);
  });

  return router;
}
