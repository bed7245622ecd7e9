// `/api/simulations/:id`: a simulation job started by POST /api/plans/:id/simulate — its status
// and progress while the worker runs it, then its result (or, with ?format=csv, the timeline).
import { Router, type Response } from 'express';
import type { Db } from '../../db/index.ts';
import { simulationJob } from '../../use-cases/simulation.ts';
import { simulationCalendar } from '../../use-cases/simulation-calendar.ts';
import { timelineSheets } from '../web/views/simulation-sheet.ts';
import { sendTable } from '../export-format.ts';
import { principalOf, TOKEN_PRINCIPAL, type Principal } from '../principal.ts';
import { Refusal } from '../../use-cases/refusal.ts';

/** Scripts call with the token (a coordinator); without a configured token the API is local. */
const actorOf = (res: Response): Principal => principalOf(res) ?? TOKEN_PRINCIPAL;

export function simulationRoutes(db: Db): Router {
  const router = Router();

  router.get('/:id', async (req, res) => {
    const { job, result } = await simulationJob({ db }, actorOf(res), String(req.params['id']));
    if (req.query['format'] === 'csv') {
      if (!result) throw Refusal.of('conflict', 'not_done', 'simulation.not-done', {});
      await sendTable(res, 'csv', `mo-phong-${job.planId}-${job.year}`, () =>
        timelineSheets(result, simulationCalendar(result, {})),
      );
      return;
    }
    res.json({
      id: job.id,
      planId: job.planId,
      year: job.year,
      status: job.status,
      input: job.input,
      ...(job.progress ? { progress: job.progress } : {}),
      requestedAt: job.requestedAt,
      ...(job.startedAt ? { startedAt: job.startedAt } : {}),
      ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
      ...(job.error ? { error: job.error } : {}),
      ...(result ? { result } : {}),
    });
  });

  return router;
}
