// `GET /api/plans/:planId/cycle-preview?year=`: the JSON twin of the coordinators' preview
// page. Before a year is started: its duties, how many are already past due, and what each
// way of starting would send at once (per lead agency), counted with the ladder's own rules.
import type { Client } from '@temporalio/client';
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/index.ts';
import { render } from '../../i18n/index.ts';
import { previewPlanCycle } from '../../use-cases/start-cycle.ts';
import { readerLang } from '../errors.ts';
import { apiActor } from './plans.ts';

const Count = z.int().min(0);
const SentAtOnce = z.object({
  overdueNotices: Count,
  urges: Count,
  escalations: Count,
  contributionOverdue: Count.describe('coordinating agencies told their contribution is late'),
});

/** The answer, for the OpenAPI document (api/openapi.ts) and the tests. */
export const CyclePreviewBody = z.object({
  cycleId: z.string().regex(/^cycle:/),
  started: z.boolean().describe('the cycle of this year exists already'),
  planId: z.string(),
  year: z.int(),
  at: z.iso.datetime({ offset: true }).describe('the instant counted from: now'),
  duties: Count.describe('duty instances of the year'),
  pastDue: Count.describe('of them, past their deadline now'),
  warning: z.boolean().describe('some are past due: choose how to start (`past` of StartCycle)'),
  sentAtOnce: z
    .object({
      chase: SentAtOnce.extend({ summaries: Count }),
      history: SentAtOnce.extend({ summaries: Count.describe('one per lead agency') }),
    })
    .describe('what each way of starting sends at once, on the first working morning'),
  agencies: z.array(
    SentAtOnce.extend({
      agencyId: z.string(),
      agencyName: z.string(),
      duties: Count,
      pastDue: Count,
      escalateTo: z.array(z.string()).describe('who the escalations go to'),
    }),
  ),
  message: z.string().describe("the warning (or its absence) in the reader's language"),
});
export type CyclePreviewBody = z.infer<typeof CyclePreviewBody>;

export function cyclePreviewRoutes(client: Client, db: Db): Router {
  const router = Router();

  router.get('/plans/:planId/cycle-preview', async (req, res) => {
    const found = await previewPlanCycle({ db, client }, apiActor(res), {
      planId: String(req.params['planId']),
      year: typeof req.query['year'] === 'string' ? req.query['year'] : '',
    });
    const preview = found.preview;
    if (!preview) throw new Error('a preview asked for even when started has one');
    const lang = readerLang(req);
    const chase = preview.sentAtOnce.chase;
    const supervisors = [...new Set(preview.agencies.flatMap((a) => a.escalateTo))].join(', ');
    const body: CyclePreviewBody = {
      cycleId: found.cycleId,
      started: found.started,
      ...preview,
      message: preview.warning
        ? render(
            'cycle-start.past-due.warning',
            {
              year: found.year,
              pastDue: preview.pastDue,
              total: preview.duties,
              overdue: chase.overdueNotices,
              urges: chase.urges,
              escalations: chase.escalations,
              supervisors,
            },
            lang,
          )
        : render('cycle-start.past-due.none', {}, lang),
    };
    res.json(body);
  });

  return router;
}
