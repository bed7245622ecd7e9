// The duties' JSON API: lists from the read model, a duty's state, its start and every action
// on it, each action the same use case as the pages' (use-cases/duty-actions.ts). Scripts with
// the API token act as coordinators and name the actor of each action themselves.
import type { Client } from '@temporalio/client';
import { Router, type Request } from 'express';
import { z } from 'zod';
import {
  Acknowledge,
  Cancel,
  Contribute,
  DecideExtension,
  ReassignLead,
  RequestExtension,
  Review,
  Submit,
  UrgeNow,
} from '../../common/duty-schema.ts';
import type { Db } from '../../db/index.ts';
import * as duties from '../../use-cases/duty-actions.ts';
import { dutyList, loadDuty, noDuty } from '../../use-cases/duty-view.ts';
import { consolidation } from '../../use-cases/consolidation.ts';
import { HttpError, readerLang } from '../errors.ts';
import { TOKEN_PRINCIPAL, type Principal } from '../principal.ts';

export { DUE_AT_PATTERN, DUE_YEARS, DueAt, NewDuty } from '../../use-cases/duty-actions.ts';

type Deps = duties.DutyDeps;
type Action = (
  deps: Deps,
  p: Principal,
  input: { dutyId: string } & Record<string, unknown>,
) => Promise<duties.ActionDone>;

/** `POST /api/duties/:id/<path>`: the body parsed with the update's schema, then the use case. */
const ACTIONS: [string, z.ZodType, Action][] = [
  ['acknowledge', Acknowledge, duties.acknowledge],
  ['submit', Submit, duties.submit as Action],
  ['contributions', Contribute, duties.contribute as Action],
  ['extension-requests', RequestExtension, duties.requestExtension as Action],
  ['extension-decision', DecideExtension, duties.decideExtension as Action],
  ['review', Review, duties.review as Action],
  ['cancel', Cancel, duties.cancel as Action],
  ['reassign', ReassignLead, duties.reassign as Action],
  ['urge', UrgeNow, duties.urge],
];

const idParam = (req: Request): string => {
  const id = req.params['id'];
  if (typeof id !== 'string' || id.length === 0 || id.length > 300) {
    throw new HttpError(400, 'invalid_input', 'Invalid duty id');
  }
  // A cycle's or a digest's id names a workflow too, but no duty: asking it for a duty's state
  // answered 500 (found by a contract fuzzer).
  if (!id.startsWith('duty:')) throw noDuty(id);
  return id;
};

/**
 * The API's caller: past bearerAuth, a script with the token (or, with no token configured, a
 * local script), which acts as a coordinator.
 */
const caller = (): Principal => TOKEN_PRINCIPAL;

export const DutyListQuery = z.object({
  planId: z.string().max(100).optional(),
  status: z
    .enum(['assigned', 'acknowledged', 'submitted', 'accepted', 'returned', 'overdue', 'cancelled'])
    .optional(),
  agencyId: z.string().max(100).optional(),
  role: z.enum(['lead', 'coordinating']).optional(),
  dueFrom: z.iso.datetime({ offset: true }).optional(),
  dueTo: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export function dutyRoutes(client: Client, db: Db): Router {
  const router = Router();
  const deps: Deps = { client, db };

  router.get('/', async (req, res) => {
    res.json({ duties: await dutyList(deps, caller(), DutyListQuery.parse(req.query)) });
  });

  router.post('/', async (req, res) => {
    const input = duties.NewDuty.parse(req.body);
    const { id } = await duties.createDuty(deps, caller(), input, readerLang(req));
    res
      .status(201)
      .location(`/api/duties/${encodeURIComponent(id)}`)
      .json({ id });
  });

  router.get('/:id/consolidation', async (req, res) => {
    res.json(await consolidation({ db }, TOKEN_PRINCIPAL, idParam(req)));
  });

  router.get('/:id', async (req, res) => {
    const id = idParam(req);
    const state = await loadDuty(deps, id);
    if (!state) throw noDuty(id);
    res.json(state);
  });

  for (const [path, schema, run] of ACTIONS) {
    router.post(`/:id/${path}`, async (req, res) => {
      const dutyId = idParam(req);
      const body = schema.parse(req.body) as Record<string, unknown>;
      // The caller sees the duty as it now is.
      res.json((await run(deps, caller(), { ...body, dutyId })).duty);
    });
  }

  return router;
}
