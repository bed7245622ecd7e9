import type { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { WorkflowNotFoundError } from '@temporalio/common';
import { Router, type Request } from 'express';
import type { z } from 'zod';
import {
  CloseYear,
  RecordAllocation,
  ReportDisbursement,
  RequestAdHocReport,
  StartCycle,
  type CycleState,
} from '../../common/cycle-schema.ts';
import {
  closeYearUpdate,
  cycleWorkflowId,
  getCycleQuery,
  recordAllocationUpdate,
  reportDisbursementUpdate,
  requestAdHocReportUpdate,
} from '../../common/messages.ts';
import { startCycle } from '../../services/starts.ts';
import { cycleDuties } from '../../plans/cycle-duties.ts';
import { yearResults } from '../../db/cycle-reports.ts';
import { localityResults } from '../../plans/targets-service.ts';
import type { Db } from '../../db/index.ts';
import { HttpError } from '../errors.ts';

const OPEN = ['assigned', 'acknowledged', 'returned', 'overdue'];

/** The cycle named by the path; a duty's id names a workflow too, but no cycle (404, not 500). */
function cycleId(req: Request): string {
  const id = String(req.params['id']);
  if (!id.startsWith('cycle:') || id.length > 300) {
    throw new HttpError(404, 'not_found', `No cycle with id ${id}`);
  }
  return id;
}

export function cycleRoutes(client: Client, db: Db): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const input = StartCycle.parse(req.body);
    const plan = await db
      .selectFrom('plans')
      .select(['period_from', 'period_to'])
      .where('id', '=', input.planId)
      .executeTakeFirst();
    if (!plan) throw new HttpError(404, 'not_found', `No plan "${input.planId}"`);
    if (input.year < plan.period_from || input.year > plan.period_to) {
      throw new HttpError(
        400,
        'invalid_input',
        `Invalid input: year: the plan runs ${plan.period_from}–${plan.period_to}`,
      );
    }
    // What the cycle's launch will do is tried first: a cycle that cannot launch (an agency of
    // the plan gone from the directory) was answered 201 and then sat retrying in "launching".
    try {
      await cycleDuties(db, input.planId, input.year, cycleWorkflowId(input));
    } catch (err) {
      throw new HttpError(
        409,
        'cannot_launch',
        `The cycle cannot start: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    const workflowId = await startCycle(client, input);
    res
      .status(201)
      .location(`/api/cycles/${encodeURIComponent(workflowId)}`)
      .json({ id: workflowId });
  });

  router.get('/:id/results', async (req, res) => {
    const state = await client.workflow.getHandle(cycleId(req)).query(getCycleQuery);
    res.json({
      planId: state.planId,
      year: state.year,
      status: state.status,
      results: await yearResults(db, state.planId, state.year),
      // The per-locality targets table of the year, when one was imported: each locality's
      // target beside what it reported, and the gap.
      ...(await localityResults(db, state.planId, state.year).then((l) =>
        l.length > 0 ? { localities: l } : {},
      )),
    });
  });

  router.get('/:id', async (req, res) => {
    const state = await client.workflow.getHandle(cycleId(req)).query(getCycleQuery);
    // The next deadlines come from the read model, not from asking each duty.
    const next = await db
      .selectFrom('duties')
      .select(['id', 'title', 'lead_agency_id', 'status', 'due_at'])
      .where('plan_id', '=', state.planId)
      .where((eb) =>
        eb.or([eb('period', '=', String(state.year)), eb('period', 'like', `${state.year}-%`)]),
      )
      .where('status', 'in', OPEN)
      .orderBy('due_at')
      .limit(10)
      .execute();
    res.json({
      ...state,
      nextDeadlines: next.map((d) => ({
        id: d.id,
        title: d.title,
        leadAgencyId: d.lead_agency_id,
        status: d.status,
        dueAt: d.due_at,
      })),
    });
  });

  const action = <S extends z.ZodType>(
    path: string,
    schema: S,
    update: UpdateDefinition<CycleState, [z.output<S>]>,
  ) =>
    router.post(`/:id/${path}`, async (req, res) => {
      const handle = client.workflow.getHandle(cycleId(req));
      const body = schema.parse(req.body);
      const state = await handle
        .executeUpdate(update, { args: [body] })
        .catch(async (err: unknown) => {
          if (!(err instanceof WorkflowNotFoundError)) throw err;
          const exists = await handle.describe().then(
            () => true,
            () => false,
          );
          throw exists ? new HttpError(409, 'closed', 'The cycle is closed') : err;
        });
      res.json(state);
    });
  action('allocations', RecordAllocation, recordAllocationUpdate);
  action('disbursements', ReportDisbursement, reportDisbursementUpdate);
  action('close', CloseYear, closeYearUpdate);
  // Every agency asked must be in the directory: said now, with their names, not later.
  router.post('/:id/ad-hoc-reports', async (req, _res, next) => {
    cycleId(req); // an id of another kind is 404 before the body is judged
    const { agencyIds } = RequestAdHocReport.parse(req.body);
    const known = new Set(
      (await db.selectFrom('agencies').select('id').where('id', 'in', agencyIds).execute()).map(
        (a) => a.id,
      ),
    );
    const unknown = agencyIds.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new HttpError(
        400,
        'invalid_input',
        `Invalid input: agencyIds: not in the directory: ${unknown.join(', ')}`,
      );
    }
    next();
  });
  action('ad-hoc-reports', RequestAdHocReport, requestAdHocReportUpdate);
  return router;
}
