// The simulation job's effects: run the year (on the worker, never in an API request), tell
// Temporal and the database how far it is while it runs, then keep its result.
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { SimulationJobInput } from '../common/messages.ts';
import {
  Simulate,
  type SimulationProgress,
  type SimulationResult,
} from '../common/simulation-schema.ts';
import type { Db } from '../db/index.ts';
import {
  failSimulationJob,
  findSimulationJob,
  finishSimulationJob,
  markSimulationRunning,
  saveSimulationProgress,
} from '../db/simulations.ts';

/** simulation/pure.ts simulateYearPure, or a stand-in: injected so activities stay light. */
export type SimulationRunner = (
  db: Db,
  planId: string,
  input: Simulate,
  onProgress: (progress: SimulationProgress) => void,
) => Promise<SimulationResult>;

export interface SimulationActivityDeps {
  db: Db;
  /** Absent on a worker built without the simulation: a job it picks up fails, saying so. */
  simulate?: SimulationRunner | undefined;
  /** How often the progress is written to the database at most (default: every second). */
  progressEveryMs?: number | undefined;
}

/** Temporal's liveness check: a heartbeat this often whether or not the year moves on. */
const HEARTBEAT_EVERY_MS = 5_000;

const STARTING: SimulationProgress = {
  phase: 'starting',
  share: 0,
  duties: 0,
  dutiesDone: 0,
  actionsDone: 0,
  actionsLeft: 0,
};

export function createSimulationActivities(deps: SimulationActivityDeps) {
  const { db } = deps;
  const every = deps.progressEveryMs ?? 1_000;

  async function runSimulationJob(
    input: SimulationJobInput,
  ): Promise<{ duties: number; messages: number }> {
    const job = await findSimulationJob(db, input.jobId);
    if (!job) {
      throw ApplicationFailure.nonRetryable(
        `no simulation job "${input.jobId}"`,
        'SimulationJobNotFound',
      );
    }
    // A retry after the result was written (the worker died before it could say so).
    if (job.status === 'done' && job.result_json) {
      const done = JSON.parse(job.result_json) as SimulationResult;
      return { duties: done.summary.duties, messages: done.summary.mail.messages };
    }
    if (!deps.simulate) {
      throw ApplicationFailure.nonRetryable(
        'this worker was built without the simulation (build it with worker/build.ts)',
        'SimulationUnavailable',
      );
    }
    const ctx = Context.current();
    let last = STARTING;
    let savedAt = 0;
    let saving: Promise<void> = Promise.resolve();
    await markSimulationRunning(db, job.id, last);
    ctx.heartbeat(last);
    const beat = setInterval(() => ctx.heartbeat(last), HEARTBEAT_EVERY_MS);
    try {
      const result = await deps.simulate(
        db,
        job.plan_id,
        Simulate.parse(JSON.parse(job.input_json)),
        (progress) => {
          const moved = progress.phase !== last.phase;
          last = progress;
          ctx.heartbeat(progress);
          // A new phase is always written; within one, at most once a second.
          if (!moved && Date.now() - savedAt < every) return;
          savedAt = Date.now();
          // One write at a time, in order; a lost progress line is not worth failing the year.
          saving = saving
            .then(() => saveSimulationProgress(db, job.id, progress))
            .catch((err: unknown) => {
              ctx.log.warn('simulation progress not saved', { err });
            });
        },
      );
      await saving;
      await finishSimulationJob(db, job.id, result, { ...last, phase: 'collecting', share: 1 });
      return { duties: result.summary.duties, messages: result.summary.mail.messages };
    } finally {
      clearInterval(beat);
    }
  }

  /** After the last attempt: the job says it failed, and why (for the page and the API). */
  async function markSimulationFailed(input: { jobId: string; reason: string }): Promise<void> {
    await failSimulationJob(db, input.jobId, input.reason);
  }

  return { runSimulationJob, markSimulationFailed };
}
