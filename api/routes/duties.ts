import { WorkflowNotFoundError } from '@temporalio/common';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { Router, type Request } from 'express';
import { z } from 'zod';
import {
  instant,
  Acknowledge,
  Cancel,
  Contribute,
  DecideExtension,
  ReassignLead,
  RequestExtension,
  Review,
  StartDuty,
  Submit,
  UrgeNow,
} from '../../common/duty-schema.ts';
import type { DutyReceipt } from '../../common/duty-state.ts';
import {
  acknowledgeUpdate,
  cancelUpdate,
  contributeUpdate,
  decideExtensionUpdate,
  getStateQuery,
  reassignLeadUpdate,
  requestExtensionUpdate,
  reviewUpdate,
  submitUpdate,
  urgeNowUpdate,
} from '../../common/messages.ts';
import { startDuty } from '../../services/starts.ts';
import type { Db } from '../../db/index.ts';
import { consolidationDraft } from '../../db/cycle-reports.ts';
import { listDuties } from '../../db/duties.ts';
import { recordNamedAgencies, unknownReferences } from '../../db/agency-references.ts';
import { render, type Lang } from '../../i18n/index.ts';
import { HttpError, readerLang } from '../errors.ts';

type Mount = (router: Router, client: Client) => void;

/** An action on a duty: `POST /api/duties/:id/<path>` parses its body and runs the update. */
function action<S extends z.ZodType>(
  path: string,
  schema: S,
  update: UpdateDefinition<DutyReceipt, [z.output<S>]>,
): Mount {
  return (router, client) =>
    router.post(`/:id/${path}`, async (req, res) => {
      const handle = client.workflow.getHandle(idParam(req));
      const body = schema.parse(req.body);
      await handle
        .executeUpdate(update, { args: [body] })
        .catch((err: unknown) => closedOrMissing(handle, err));
      // The caller sees the duty as it now is.
      res.json(await handle.query(getStateQuery));
    });
}

const ACTIONS: Mount[] = [
  action('acknowledge', Acknowledge, acknowledgeUpdate),
  action('submit', Submit, submitUpdate),
  action('contributions', Contribute, contributeUpdate),
  action('extension-requests', RequestExtension, requestExtensionUpdate),
  action('extension-decision', DecideExtension, decideExtensionUpdate),
  action('review', Review, reviewUpdate),
  action('cancel', Cancel, cancelUpdate),
  action('reassign', ReassignLead, reassignLeadUpdate),
  action('urge', UrgeNow, urgeNowUpdate),
];

const idParam = (req: Request): string => {
  const id = req.params['id'];
  if (typeof id !== 'string' || id.length === 0 || id.length > 300) {
    throw new HttpError(400, 'invalid_input', 'Invalid duty id');
  }
  // A cycle's or a digest's id names a workflow too, but no duty: asking it for a duty's state
  // answered 500 (found by a contract fuzzer).
  if (!id.startsWith('duty:')) throw new HttpError(404, 'not_found', `No duty with id ${id}`);
  return id;
};

/** An update on a finished workflow is "not found" to Temporal; to the user it is a conflict. */
async function closedOrMissing(handle: WorkflowHandle, err: unknown): Promise<never> {
  if (!(err instanceof WorkflowNotFoundError)) throw err;
  const description = await handle.describe().catch(() => undefined);
  if (!description) throw new HttpError(404, 'not_found', `No duty with id ${handle.workflowId}`);
  const state = await handle.query(getStateQuery).catch(() => undefined);
  throw new HttpError(
    409,
    'closed',
    `The duty is closed (${state?.status ?? description.status.name})`,
  );
}

/** Years a duty's deadline may fall in, as plans' periods and the calendar run. */
export const DUE_YEARS = { min: 2000, max: 2100 } as const;

/** A new duty's deadline: an instant whose written year is within DUE_YEARS. */
export const DueAt = instant.refine(
  (v) => {
    const year = Number(v.slice(0, 4));
    return year >= DUE_YEARS.min && year <= DUE_YEARS.max;
  },
  {
    message: `the deadline must fall in the years ${DUE_YEARS.min} to ${DUE_YEARS.max}`,
    params: { msg: 'contract.due-years', ...DUE_YEARS },
  },
);
/** The JSON Schema pattern of DueAt's year check (api/openapi.ts adds it to the document). */
export const DUE_AT_PATTERN = '^(20\\d{2}|2100)-';

/** POST /api/duties: a duty as StartDuty has it, its deadline within DUE_YEARS. */
export const NewDuty = StartDuty.safeExtend({ dueAt: DueAt });

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

  router.get('/', async (req, res) => {
    res.json({ duties: await listDuties(db, DutyListQuery.parse(req.query)) });
  });

  /** Every reference of a new duty that names nothing, each with its field; nothing started. */
  async function checkReferences(input: StartDuty, lang: Lang): Promise<void> {
    const refs = await unknownReferences(db, {
      planId: input.planId,
      agencies: [
        { path: 'lead.id', id: input.lead.id },
        ...input.coordinating.map((a, i) => ({ path: `coordinating.${i}.id`, id: a.id })),
        { path: 'standing.id', id: input.standing.id },
      ],
    });
    if (input.cycle) {
      const cycleId = input.cycle.id;
      const known =
        cycleId.startsWith('cycle:') &&
        (await client.workflow
          .getHandle(cycleId)
          .describe()
          .then(
            () => true,
            (err: unknown) => {
              if (err instanceof WorkflowNotFoundError) return false;
              throw err;
            },
          ));
      if (!known)
        refs.push({ path: 'cycle.id', code: 'contract.unknown-cycle', params: { cycle: cycleId } });
    }
    if (refs.length === 0) return;
    // Worded here in the reader's language: the summary lists the same issues as `details`.
    const details = refs.map((r) => ({
      path: r.path,
      code: r.code,
      message: render(r.code, r.params as never, lang),
    }));
    const issues = details.map((d) => `${d.path}: ${d.message}`).join('; ');
    throw new HttpError(
      400,
      'unknown_reference',
      render('contract.references-refused', { issues }, lang),
      details,
    );
  }

  router.post('/', async (req, res) => {
    const input = NewDuty.parse(req.body);
    await checkReferences(input, readerLang(req));
    const workflowId = await startDuty(client, input);
    await recordNamedAgencies(
      db,
      workflowId,
      input.lead.id,
      input.coordinating.map((a) => a.id),
    );
    res
      .status(201)
      .location(`/api/duties/${encodeURIComponent(workflowId)}`)
      .json({ id: workflowId });
  });

  router.get('/:id/consolidation', async (req, res) => {
    const draft = await consolidationDraft(db, idParam(req));
    if (!draft) throw new HttpError(404, 'not_found', `No duty with id ${idParam(req)}`);
    res.json(draft);
  });

  router.get('/:id', async (req, res) => {
    const handle = client.workflow.getHandle(idParam(req));
    const state = await handle.query(getStateQuery);
    res.json(state);
  });

  for (const mount of ACTIONS) mount(router, client);

  return router;
}
