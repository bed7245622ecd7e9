import type { Client } from '@temporalio/client';
import { Router, type Response } from 'express';
import type { Db } from '../../db/index.ts';
import { getSchedule, setSchedule, triggerSchedule } from '../../use-cases/schedule.ts';
import { Refusal } from '../../use-cases/refusal.ts';
import { principalOf, TOKEN_PRINCIPAL, type Principal } from '../principal.ts';
import { Simulate } from '../../common/simulation-schema.ts';
import { startSimulation } from '../../use-cases/simulation.ts';

export { SetSchedule } from '../../use-cases/schedule.ts';

/** Scripts call with the token (a coordinator); without a configured token the API is local. */
const actorOf = (res: Response): Principal => principalOf(res) ?? TOKEN_PRINCIPAL;

/**
 * `/api/plans/:id/schedule`: the schedule that starts the plan's cycle each 2 January, and
 * `/api/plans/:id/simulate`: a simulation of the plan's year, started as a job the worker runs.
 */
export function scheduleRoutes(client: Client, db: Db): Router {
  const router = Router();

  const deps = { db, client };

  router.get('/:id/schedule', async (req, res) => {
    const view = await getSchedule(deps, actorOf(res), String(req.params['id']));
    if (!view) throw Refusal.of('not_found', 'not_found', 'schedule.none', {});
    res.json(view);
  });

  router.put('/:id/schedule', async (req, res) => {
    res.json(await setSchedule(deps, actorOf(res), String(req.params['id']), req.body));
  });

  // The year runs on the worker (a minute or more): the job is recorded and answered at once;
  // its progress and result are at the status URL.
  router.post('/:id/simulate', async (req, res) => {
    const input = Simulate.parse(req.body);
    const { job, created } = await startSimulation(deps, actorOf(res), {
      planId: String(req.params['id']),
      simulate: input,
    });
    const statusUrl = `/api/simulations/${encodeURIComponent(job.id)}`;
    res
      .status(202)
      .location(statusUrl)
      .json({ id: job.id, status: job.status, created, statusUrl });
  });

  router.post('/:id/schedule/trigger', async (req, res) => {
    await triggerSchedule(deps, actorOf(res), String(req.params['id']));
    res.status(202).json({ triggered: true });
  });

  return router;
}
