// Simulations of a plan's year: the jobs the worker runs (recorded by the API, progress and
// result written by the worker's activity), and what a simulation copies into and reads from
// its own throwaway database.
import type { Selectable } from 'kysely';
import type { Db } from './index.ts';
import type { AgencyTable, LocalityTable, PlanDutyTable, PlanTable } from './schema.ts';
import type { SimulationJobTable } from './schema.ts';

export type SimulationJobRow = Selectable<SimulationJobTable>;
export type SimulationStatus = SimulationJobTable['status'];

/** The plan's facts a simulation's request is checked against and keyed by. */
export async function simulationPlan(db: Db, planId: string) {
  return db
    .selectFrom('plans')
    .select(['id', 'number', 'title', 'period_from', 'period_to', 'content_hash'])
    .where('id', '=', planId)
    .executeTakeFirst();
}

/**
 * Records a job unless one with its key exists: returns the job as it stands, and whether this
 * call created it (two requests at once both get the same job).
 */
export async function recordSimulationJob(
  db: Db,
  job: { id: string; planId: string; year: number; input: unknown; requestedBy: string },
  now = new Date(),
): Promise<{ job: SimulationJobRow; created: boolean }> {
  const at = now.toISOString();
  const inserted = await db
    .insertInto('simulation_jobs')
    .values({
      id: job.id,
      plan_id: job.planId,
      year: job.year,
      input_json: JSON.stringify(job.input),
      status: 'queued',
      progress_json: null,
      result_json: null,
      error: null,
      requested_by: job.requestedBy,
      requested_at: at,
      started_at: null,
      finished_at: null,
      updated_at: at,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  const row = await findSimulationJob(db, job.id);
  if (!row) throw new Error(`simulation job ${job.id} vanished`);
  return { job: row, created: Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0 };
}

export async function findSimulationJob(db: Db, id: string): Promise<SimulationJobRow | undefined> {
  return db.selectFrom('simulation_jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The newest jobs of a plan, without their (large) results. */
export async function recentSimulationJobs(db: Db, planId: string, limit = 10) {
  return db
    .selectFrom('simulation_jobs')
    .select(['id', 'year', 'status', 'requested_at', 'finished_at'])
    .where('plan_id', '=', planId)
    .orderBy('requested_at', 'desc')
    .limit(limit)
    .execute();
}

/** A failed job asked for again starts over; any other is left as it is. */
export async function requeueFailedSimulationJob(db: Db, id: string, now = new Date()) {
  await db
    .updateTable('simulation_jobs')
    .set({
      status: 'queued',
      progress_json: null,
      error: null,
      started_at: null,
      finished_at: null,
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .execute();
}

/** The worker took the job (again, after a crash: the progress starts over). */
export async function markSimulationRunning(
  db: Db,
  id: string,
  progress: unknown,
  now = new Date(),
): Promise<void> {
  await db
    .updateTable('simulation_jobs')
    .set({
      status: 'running',
      progress_json: JSON.stringify(progress),
      started_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .execute();
}

export async function saveSimulationProgress(
  db: Db,
  id: string,
  progress: unknown,
  now = new Date(),
): Promise<void> {
  await db
    .updateTable('simulation_jobs')
    .set({ progress_json: JSON.stringify(progress), updated_at: now.toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

export async function finishSimulationJob(
  db: Db,
  id: string,
  result: unknown,
  progress: unknown,
  now = new Date(),
): Promise<void> {
  await db
    .updateTable('simulation_jobs')
    .set({
      status: 'done',
      result_json: JSON.stringify(result),
      progress_json: JSON.stringify(progress),
      error: null,
      finished_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
}

export async function failSimulationJob(
  db: Db,
  id: string,
  error: string,
  now = new Date(),
): Promise<void> {
  await db
    .updateTable('simulation_jobs')
    .set({
      status: 'failed',
      error: error.slice(0, 2000),
      finished_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .where('status', '!=', 'done')
    .execute();
}

// ---------------------------------------------------------------------------------------------
// The simulation's own database

/** What a simulation copies of the real database: the plan, its duties and the directory. */
export interface PlanCopy {
  plan: Selectable<PlanTable>;
  planDuties: Selectable<PlanDutyTable>[];
  localities: Selectable<LocalityTable>[];
  agencies: Selectable<AgencyTable>[];
}

export async function readPlanCopy(db: Db, planId: string): Promise<PlanCopy> {
  const plan = await db
    .selectFrom('plans')
    .selectAll()
    .where('id', '=', planId)
    .executeTakeFirstOrThrow();
  return {
    plan,
    planDuties: await db
      .selectFrom('plan_duties')
      .selectAll()
      .where('plan_id', '=', planId)
      .execute(),
    localities: await db.selectFrom('localities').selectAll().execute(),
    agencies: await db.selectFrom('agencies').selectAll().execute(),
  };
}

/** Writes a (moved) copy into the simulation's empty database. */
export async function writePlanCopy(db: Db, copy: PlanCopy): Promise<void> {
  if (copy.localities.length > 0) {
    await db.insertInto('localities').values(copy.localities).execute();
  }
  // One by one: an agency's entry is large, and SQLite caps a statement's parameters.
  for (const a of copy.agencies) await db.insertInto('agencies').values(a).execute();
  await db.insertInto('plans').values(copy.plan).execute();
  for (const row of copy.planDuties) await db.insertInto('plan_duties').values(row).execute();
}

/** Whether a message was held for the digest between two instants (ISO, after `from`). */
export async function digestHeldBetween(db: Db, from: string, to: string): Promise<boolean> {
  const row = await db
    .selectFrom('notifications')
    .select('idempotency_key')
    .where('delivery', '=', 'digest')
    .where('sent_at', '>', from)
    .where('sent_at', '<=', to)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The digests the delivery log sent: to whom, when, and for which agency's digest. */
export async function sentDigests(db: Db) {
  return db
    .selectFrom('notifications')
    .select(['recipient', 'sent_at', 'workflow_id'])
    .where('step_kind', '=', 'digest')
    .where('delivery', '=', 'sent')
    .execute();
}
