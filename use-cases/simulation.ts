// Simulating a plan's year: a coordinator asks for it, the use case records a job and starts
// its workflow on the worker's task queue, and answers at once; the worker runs the year and
// writes its progress and result, which the pages and the API read here. The same input for
// the same plan (as imported) is the same job: asking twice runs one simulation.
import { createHash } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Principal } from '../api/principal.ts';
import {
  SIMULATION_JOB_WORKFLOW_TYPE,
  TASK_QUEUE,
  simulationJobWorkflowId,
  type SimulationJobInput,
} from '../common/messages.ts';
import type {
  Simulate,
  SimulationProgress,
  SimulationResult,
} from '../common/simulation-schema.ts';
import type { Db } from '../db/index.ts';
import {
  findSimulationJob,
  recordSimulationJob,
  requeueFailedSimulationJob,
  simulationPlan,
  type SimulationJobRow,
  type SimulationStatus,
} from '../db/simulations.ts';
import { Refusal } from './refusal.ts';

export interface SimulationDeps {
  db: Db;
  client: Client;
}

/** A job as the pages and the API show it (the result apart: it is large). */
export interface SimulationJob {
  id: string;
  planId: string;
  plan: { number: string; title: string } | undefined;
  year: number;
  input: Simulate;
  status: SimulationStatus;
  progress: SimulationProgress | undefined;
  requestedAt: string;
  startedAt: string | undefined;
  finishedAt: string | undefined;
  /** Why it failed, as the worker said it (English, for logs and scripts). */
  error: string | undefined;
}

/** Simulations are the coordinators' (as the simulate route has always been). */
function mustCoordinate(actor: Principal | undefined): void {
  if (!actor) throw Refusal.of('forbidden', 'forbidden', 'simulation.forbidden', {});
  if (!actor.coordinator) throw Refusal.of('forbidden', 'forbidden', 'simulation.forbidden', {});
}

/** The business key: the plan as imported (its content hash) and the whole input. */
export function simulationJobId(planId: string, contentHash: string, input: Simulate): string {
  return createHash('sha256')
    .update(JSON.stringify([planId, contentHash, input]))
    .digest('base64url')
    .slice(0, 24);
}

async function jobOf(db: Db, row: SimulationJobRow): Promise<SimulationJob> {
  const plan = await simulationPlan(db, row.plan_id);
  return {
    id: row.id,
    planId: row.plan_id,
    plan: plan ? { number: plan.number, title: plan.title } : undefined,
    year: row.year,
    input: JSON.parse(row.input_json) as Simulate,
    status: row.status,
    progress: row.progress_json ? (JSON.parse(row.progress_json) as SimulationProgress) : undefined,
    requestedAt: row.requested_at,
    startedAt: row.started_at ?? undefined,
    finishedAt: row.finished_at ?? undefined,
    error: row.error ?? undefined,
  };
}

/**
 * Records the job and starts its workflow; answers at once. Asked again, the same job: running,
 * its workflow is the one already running; done, its result stands; failed, it runs again.
 */
export async function startSimulation(
  deps: SimulationDeps,
  actor: Principal | undefined,
  input: { planId: string; simulate: Simulate },
): Promise<{ job: SimulationJob; created: boolean }> {
  mustCoordinate(actor);
  const plan = await simulationPlan(deps.db, input.planId);
  if (!plan) {
    throw Refusal.of('not_found', 'not_found', 'simulation.no-plan', { id: input.planId });
  }
  const { year } = input.simulate;
  if (year < plan.period_from || year > plan.period_to) {
    throw Refusal.of('invalid', 'invalid_input', 'simulation.year-outside', {
      year,
      from: plan.period_from,
      to: plan.period_to,
    });
  }
  const id = simulationJobId(plan.id, plan.content_hash, input.simulate);
  const recorded = await recordSimulationJob(deps.db, {
    id,
    planId: plan.id,
    year,
    input: input.simulate,
    requestedBy: actor?.email || actor?.name || 'api',
  });
  let row = recorded.job;
  if (row.status === 'failed') {
    await requeueFailedSimulationJob(deps.db, id);
    row = (await findSimulationJob(deps.db, id)) ?? row;
  }
  if (row.status !== 'done') {
    // Running: the workflow already running is the job's (USE_EXISTING); a job whose
    // workflow has closed (failed, or never started before a crash) gets a new run.
    await deps.client.workflow.start(SIMULATION_JOB_WORKFLOW_TYPE, {
      taskQueue: TASK_QUEUE,
      workflowId: simulationJobWorkflowId(id),
      workflowIdConflictPolicy: 'USE_EXISTING',
      args: [{ jobId: id } satisfies SimulationJobInput],
    });
  }
  return { job: await jobOf(deps.db, row), created: recorded.created };
}

/** A job, and its result once done. */
export async function simulationJob(
  deps: Pick<SimulationDeps, 'db'>,
  actor: Principal | undefined,
  id: string,
): Promise<{ job: SimulationJob; result: SimulationResult | undefined }> {
  mustCoordinate(actor);
  const row = id.length <= 100 ? await findSimulationJob(deps.db, id) : undefined;
  if (!row) throw Refusal.of('not_found', 'not_found', 'simulation.no-job', { id });
  return {
    job: await jobOf(deps.db, row),
    result:
      row.status === 'done' && row.result_json
        ? (JSON.parse(row.result_json) as SimulationResult)
        : undefined,
  };
}

/** A finished job's result: what the downloads are made of. Not finished yet: a conflict. */
export async function simulationResult(
  deps: Pick<SimulationDeps, 'db'>,
  actor: Principal | undefined,
  id: string,
): Promise<{ job: SimulationJob; result: SimulationResult }> {
  const { job, result } = await simulationJob(deps, actor, id);
  if (!result) throw Refusal.of('conflict', 'not_done', 'simulation.not-done', {});
  return { job, result };
}
