import { ScheduleNotFoundError, type Client } from '@temporalio/client';
import { Router, type Request } from 'express';
import { z } from 'zod';
import { CyclePolicy } from '../../common/cycle-schema.ts';
import type { Db } from '../../db/index.ts';
import {
  describeCycleSchedule,
  enableCycleSchedule,
  pauseCycleSchedule,
  triggerCycleSchedule,
} from '../../services/schedules.ts';
import { Simulate } from '../../simulation/schema.ts';
import { simulateYear, timelineCsv } from '../../simulation/simulate.ts';
import { HttpError } from '../errors.ts';

export const SetSchedule = z.discriminatedUnion('enabled', [
  z.object({ enabled: z.literal(true), policy: CyclePolicy.default(CyclePolicy.parse({})) }),
  z.object({
    enabled: z.literal(false),
    note: z.string().min(1).max(500).default('paused by a coordinator'),
  }),
]);

/**
 * `/api/plans/:id/schedule`: the schedule that starts the plan's cycle each 2 January, and
 * `/api/plans/:id/simulate`: the plan's year run on the time-skipping server.
 */
export function scheduleRoutes(client: Client, db: Db): Router {
  const router = Router();

  async function planId(req: Request): Promise<string> {
    const id = String(req.params['id']);
    const plan = await db.selectFrom('plans').select('id').where('id', '=', id).executeTakeFirst();
    if (!plan) throw new HttpError(404, 'not_found', `No plan "${id}"`);
    return id;
  }
  const notFound = (err: unknown): never => {
    if (err instanceof ScheduleNotFoundError) {
      throw new HttpError(
        404,
        'not_found',
        'The plan has no schedule; turn it on first (PUT with {"enabled": true})',
      );
    }
    throw err;
  };

  router.get('/:id/schedule', async (req, res) => {
    const view = await describeCycleSchedule(client, await planId(req));
    if (!view) throw new HttpError(404, 'not_found', 'The plan has no schedule');
    res.json(view);
  });

  router.put('/:id/schedule', async (req, res) => {
    const id = await planId(req);
    const body = SetSchedule.parse(req.body);
    if (body.enabled) await enableCycleSchedule(client, id, body.policy);
    else await pauseCycleSchedule(client, id, body.note).catch(notFound);
    res.json(await describeCycleSchedule(client, id));
  });

  router.post('/:id/simulate', async (req, res) => {
    const id = await planId(req);
    const input = Simulate.parse(req.body);
    const plan = await db
      .selectFrom('plans')
      .select(['period_from', 'period_to'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    if (input.year < plan.period_from || input.year > plan.period_to) {
      throw new HttpError(
        400,
        'invalid_input',
        `Invalid input: year: the plan runs ${plan.period_from}–${plan.period_to}`,
      );
    }
    const result = await simulateYear(db, id, input);
    if (req.query['format'] === 'csv') {
      res
        .type('text/csv; charset=utf-8')
        .attachment(`mo-phong-${id}-${input.year}.csv`)
        .send(timelineCsv(result));
      return;
    }
    res.json(result);
  });

  router.post('/:id/schedule/trigger', async (req, res) => {
    const id = await planId(req);
    await triggerCycleSchedule(client, id).catch(notFound);
    res.status(202).json({ triggered: true });
  });

  return router;
}
