// The overdue and due-soon lists with their filters and exports (the same read model and
// sheets as the JSON API), a page at a time; "urge now" posts to the duty's own route.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import {
  choosePlan,
  dueSoonList,
  listChoices,
  overdueList,
  type ListInput,
} from '../../use-cases/tracking.ts';
import { sendTable } from '../export-format.ts';
import { Period } from '../routes/tracking.ts';
import { dueSoonSheet, overdueSheet } from '../sheets.ts';
import { webKit, type WebDeps } from './deps.ts';
import { listPage } from './views/tracking-lists.ts';

const Filters = z.object({
  planId: z.string().min(1).max(100).optional().catch(undefined),
  period: Period.optional().catch(undefined),
  agencyId: z.string().min(1).max(100).optional().catch(undefined),
  level: z.string().min(1).max(50).optional().catch(undefined),
  role: z.enum(['lead', 'coordinating']).optional().catch(undefined),
  days: z.coerce.number().int().min(1).max(366).default(14).catch(14),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export function trackingListRoutes(deps: WebDeps): Router {
  const router = Router();
  const kit = webKit(deps);
  const uc = { db: deps.db };

  async function show(req: Request, res: Response, kind: 'overdue' | 'due-soon') {
    const p = kit.signedIn(res);
    const v = kit.view(req, res);
    const f = Filters.parse(req.query);
    const { plans, plan } = await choosePlan(uc, p, f.planId);
    const asOf = Date.now();
    const q: ListInput = { ...f, planId: plan?.id };
    const duties = !plan
      ? []
      : kind === 'overdue'
        ? await overdueList(uc, p, q, asOf)
        : await dueSoonList(uc, p, { ...q, days: f.days }, asOf);
    const format = req.path.endsWith('.xlsx') ? 'xlsx' : req.path.endsWith('.csv') ? 'csv' : '';
    if (format) {
      const name = `${kind === 'overdue' ? 'qua-han' : 'sap-den-han'}-${plan?.id ?? ''}-${f.period ?? 'all'}`;
      await sendTable(res, format, name, () => [
        kind === 'overdue'
          ? overdueSheet(duties as Awaited<ReturnType<typeof overdueList>>, asOf)
          : dueSoonSheet(duties as Awaited<ReturnType<typeof dueSoonList>>, asOf, f.days),
      ]);
      return;
    }
    res.send(
      listPage(v, {
        kind,
        plans,
        plan,
        f: { ...f, planId: plan?.id },
        choices: await listChoices(uc, plan),
        duties,
        asOf,
        done: req.query['done'] === 'urge-now' ? v.t.done['urge-now'] : undefined,
      }),
    );
  }

  router.get(['/tracking/overdue', '/tracking/overdue.xlsx', '/tracking/overdue.csv'], (req, res) =>
    show(req, res, 'overdue'),
  );
  router.get(
    ['/tracking/due-soon', '/tracking/due-soon.xlsx', '/tracking/due-soon.csv'],
    (req, res) => show(req, res, 'due-soon'),
  );

  return router;
}
