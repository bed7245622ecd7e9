// The labour office's reporting matrix: the grid of agencies or localities by period with its
// rates and trend (use-cases/tracking.ts, views/tracking-grid.ts), its export (the same sheets
// as the JSON API), and locking a period's figures. Colours come from one table
// (domain/tracking.ts), served as a stylesheet so the pages need no inline style.
import express, { Router } from 'express';
import { z } from 'zod';
import { GRANULARITIES } from '../../domain/tracking-trend.ts';
import { REPORT_STATES, TRACK_COLOURS, type Track } from '../../domain/tracking.ts';
import {
  choosePlan,
  defaultYear,
  lockPeriodOf,
  matrixGrid,
  matrixOf,
  type GridInput,
} from '../../use-cases/tracking.ts';
import { sendTable } from '../export-format.ts';
import { Period } from '../routes/tracking.ts';
import { matrixSheets } from '../sheets.ts';
import { webKit, type WebDeps } from './deps.ts';
import { dateTime, say } from './layout.ts';
import { matrixPage } from './views/tracking-grid.ts';

/** The categories' colours as CSS classes: `.track-on-time` and so on. */
export function trackStylesheet(): string {
  return (Object.entries(TRACK_COLOURS) as [Track, string][])
    .map(([track, colour]) => `.track-${track} { background: ${colour}; color: #fff; }`)
    .join('\n');
}

const opt = <T extends z.ZodType>(t: T) => t.optional().catch(undefined);

/** The grid's filters from the address; a value out of place is left out, not refused. */
const GridQuery = z.object({
  planId: opt(z.string().min(1).max(100)),
  year: opt(z.coerce.number().int().min(1990).max(2100)),
  period: opt(Period),
  columns: opt(z.enum(GRANULARITIES)),
  rows: z.enum(['agency', 'locality']).catch('agency'),
  what: opt(z.enum(['reports', 'duties'])),
  level: opt(z.string().min(1).max(50)),
  category: opt(z.enum(REPORT_STATES)),
  q: opt(z.string().trim().min(1).max(100)),
  previous: z
    .string()
    .optional()
    .transform((x) => x === '1' || x === 'on')
    .catch(false),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

const lockForm = express.urlencoded({ extended: false, limit: '10kb', parameterLimit: 20 });

export function trackingRoutes(deps: WebDeps): Router {
  const router = Router();
  const kit = webKit(deps);
  const uc = { db: deps.db };

  router.get('/tracking', (req, res) => {
    res.redirect(
      303,
      `/tracking/matrix${req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : ''}`,
    );
  });

  router.get(['/tracking/matrix.xlsx', '/tracking/matrix.csv'], async (req, res) => {
    const p = kit.signedIn(res);
    const f = GridQuery.parse(req.query);
    const { plan } = await choosePlan(uc, p, f.planId);
    if (!plan) {
      res.redirect(303, '/tracking/matrix');
      return;
    }
    const period = f.period ?? String(f.year ?? defaultYear(plan, Date.now()));
    const { matrix } = await matrixOf(uc, p, { planId: plan.id, period, asOf: Date.now() });
    const format = req.path.endsWith('.xlsx') ? 'xlsx' : 'csv';
    await sendTable(res, format, `ma-tran-${plan.id}-${period}`, () =>
      matrixSheets(matrix, plan.title),
    );
  });

  router.get('/tracking/matrix', async (req, res) => {
    const p = kit.signedIn(res);
    const v = kit.view(req, res);
    const f = GridQuery.parse(req.query);
    const input: GridInput = f;
    const { plans, plan, grid } = await matrixGrid(uc, p, input, v.nowMs);
    const locked = grid?.locked;
    const flash =
      req.query['done'] === 'lock' && grid
        ? {
            kind: 'ok' as const,
            text: say(v, 'tracking.lock.done', { period: v.t.periodName(grid.lockPeriod) }),
          }
        : req.query['done'] === 'already-locked' && grid && locked
          ? {
              kind: 'error' as const,
              text: say(v, 'tracking.lock.already', {
                period: v.t.periodName(grid.lockPeriod),
                lockedPeriod: v.t.periodName(locked.period),
                at: dateTime(locked.lockedAt),
                by: locked.lockedBy,
              }),
            }
          : undefined;
    res.send(matrixPage(v, { plans, plan, grid, input, flash }));
  });

  router.post('/tracking/lock', lockForm, async (req, res) => {
    kit.csrf(req, res);
    const p = kit.signedIn(res);
    const body = z.object({ planId: z.string().min(1).max(100), period: Period }).parse(req.body);
    const outcome = await lockPeriodOf(uc, p, body, Date.now());
    const back = new URLSearchParams({
      planId: body.planId,
      period: body.period,
      done: outcome.locked ? 'lock' : 'already-locked',
    });
    res.redirect(303, `/tracking/matrix?${back.toString()}`);
  });

  return router;
}
