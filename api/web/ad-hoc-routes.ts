// Ad hoc report requests on pages: a cycle's requests with who has submitted and who is late
// (coordinators, viewers, the plan's standing agency), the form that asks chosen agencies
// (coordinators and the standing agency), and one request's agencies, each linking to its
// duty's page where the product is received. use-cases/ad-hoc-reports.ts decides, as it does
// for POST /api/cycles/:id/ad-hoc-reports; views/ad-hoc.ts renders.
import express, { Router, type Request, type Response } from 'express';
import { DAY_MS } from '../../domain/local-time.ts';
import {
  actorOf,
  adHocForm,
  adHocRequest,
  adHocRequests,
  MAX_AD_HOC_AGENCIES,
  requestAdHocReport,
} from '../../use-cases/ad-hoc-reports.ts';
import { toHttpError } from '../errors.ts';
import type { Principal } from '../principal.ts';
import { webKit, type WebDeps } from './deps.ts';
import { parseLocalDate } from './forms.ts';
import { path } from './html.ts';
import { say, type Flash, type View } from './layout.ts';
import {
  adHocDetailPage,
  adHocFormPage,
  adHocListPage,
  type AdHocFormValues,
} from './views/ad-hoc.ts';

// One checkbox per agency asked: a province's directory is a few hundred.
const form = express.urlencoded({
  extended: false,
  limit: '200kb',
  parameterLimit: MAX_AD_HOC_AGENCIES + 20,
});
const MAX_TEXT = 2000;

/** A problem with the form: a message, and for a missing or long text, which field. */
type Problem =
  | { code: 'ad-hoc.bad-date' | 'ad-hoc.no-agencies'; params?: undefined }
  | { code: 'ad-hoc.too-many-agencies'; params: { max: number } }
  | { code: 'ad-hoc.required' | 'ad-hoc.too-long'; params: { field: 'title' | 'product' } };

/** The form as typed, and what is wrong with it, before anything is asked of the cycle. */
export function readAdHocForm(body: unknown): {
  values: AdHocFormValues;
  dueAt?: string;
  problems: Problem[];
} {
  const raw = (body ?? {}) as Record<string, unknown>;
  const text = (name: string): string =>
    typeof raw[name] === 'string' ? raw[name].replace(/\r\n/g, '\n').trim() : '';
  const ids = raw['agencyIds'];
  const agencyIds = [
    ...new Set(
      (Array.isArray(ids) ? ids : [ids]).filter((x): x is string => typeof x === 'string'),
    ),
  ];
  const values = {
    title: text('title'),
    product: text('product'),
    due: text('due'),
    agencyIds,
  };
  const problems: Problem[] = [];
  for (const field of ['title', 'product'] as const) {
    const value = values[field];
    if (value === '') problems.push({ code: 'ad-hoc.required', params: { field } });
    else if (value.length > MAX_TEXT) problems.push({ code: 'ad-hoc.too-long', params: { field } });
  }
  // The last day allowed, as typed: due before the next local midnight.
  const day = parseLocalDate(values.due);
  if (!day) problems.push({ code: 'ad-hoc.bad-date' });
  if (agencyIds.length === 0) problems.push({ code: 'ad-hoc.no-agencies' });
  if (agencyIds.length > MAX_AD_HOC_AGENCIES)
    problems.push({ code: 'ad-hoc.too-many-agencies', params: { max: MAX_AD_HOC_AGENCIES } });
  return {
    values,
    ...(day ? { dueAt: new Date(Date.parse(day) + DAY_MS).toISOString() } : {}),
    problems,
  };
}

/** A problem's words, in the page's language. */
function problemText(v: View, p: Problem): string {
  switch (p.code) {
    case 'ad-hoc.bad-date':
    case 'ad-hoc.no-agencies':
      return say(v, p.code, {});
    case 'ad-hoc.too-many-agencies':
      return say(v, p.code, p.params);
    case 'ad-hoc.required':
    case 'ad-hoc.too-long': {
      const field = say(
        v,
        p.params.field === 'title' ? 'ad-hoc.field-title' : 'ad-hoc.field-product',
        {},
      );
      return p.code === 'ad-hoc.required'
        ? say(v, p.code, { field: field.toLowerCase() })
        : say(v, p.code, { field, max: MAX_TEXT });
    }
  }
}

export function adHocRoutes(deps: WebDeps): Router {
  const router = Router();
  const kit = webKit(deps);
  const idOf = (req: Request) => String(req.params['id']);
  const listPath = (id: string) => path('/cycles', id, 'ad-hoc-reports');

  async function showForm(
    req: Request,
    res: Response,
    p: Principal,
    values?: AdHocFormValues,
    flash?: Flash,
    status = 200,
  ) {
    const v = kit.view(req, res);
    const data = await adHocForm(deps, p, idOf(req));
    res.status(status).send(adHocFormPage(v, data, values, flash));
  }

  router.get('/cycles/:id/ad-hoc-reports', async (req, res) => {
    const p = kit.signedIn(res);
    const v = kit.view(req, res);
    const data = await adHocRequests(deps, p, idOf(req));
    const n = Number(req.query['n']);
    const flash: Flash | undefined =
      req.query['done'] === 'created' && Number.isInteger(n) && n > 0 && n <= MAX_AD_HOC_AGENCIES
        ? { kind: 'ok', text: say(v, 'ad-hoc.created', { agencies: n }) }
        : undefined;
    res.send(adHocListPage(v, data, flash));
  });

  router.get('/cycles/:id/ad-hoc-reports/new', (req, res) => showForm(req, res, kit.signedIn(res)));

  router.post('/cycles/:id/ad-hoc-reports', form, async (req, res) => {
    kit.csrf(req, res);
    const p = kit.signedIn(res);
    const v = kit.view(req, res);
    const id = idOf(req);
    const read = readAdHocForm(req.body);
    if (read.problems.length > 0 || read.dueAt === undefined) {
      return showForm(
        req,
        res,
        p,
        read.values,
        {
          kind: 'error',
          text: v.t.invalidInput,
          items: read.problems.map((x) => problemText(v, x)),
        },
        400,
      );
    }
    try {
      await requestAdHocReport(deps, p, {
        cycleId: id,
        body: {
          actor: actorOf(p),
          title: read.values.title,
          product: read.values.product,
          agencyIds: read.values.agencyIds,
          dueAt: read.dueAt,
        },
      });
    } catch (err) {
      // Not allowed, no such cycle, a failure: the error page. A refusal: the form again.
      const http = toHttpError(err, v.lang);
      if (http.status >= 500 || [401, 403, 404].includes(http.status)) throw err;
      return showForm(
        req,
        res,
        p,
        read.values,
        { kind: 'error', text: `${v.t.refused}: ${http.message}` },
        http.status,
      );
    }
    const n = read.values.agencyIds?.length ?? 0;
    res.redirect(303, `${listPath(id)}?done=created&n=${n}`);
  });

  router.get('/cycles/:id/ad-hoc-reports/:ref', async (req, res) => {
    const p = kit.signedIn(res);
    const v = kit.view(req, res);
    const data = await adHocRequest(deps, p, idOf(req), String(req.params['ref']));
    res.send(adHocDetailPage(v, data));
  });

  return router;
}
