import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { createSimulationActivities } from '../activities/simulation.ts';
import type { SimulationJobInput } from '../common/messages.ts';

type Activities = ReturnType<typeof createSimulationActivities>;

// A year of a large plan takes minutes on a busy machine: a generous time to close, and a
// heartbeat (sent every few seconds, with the progress) so a worker that died is noticed in a
// minute and the job runs again elsewhere, from the start: the simulation is deterministic.
const { runSimulationJob } = proxyActivities<Activities>({
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '1 minute',
  retry: {
    initialInterval: '10 seconds',
    backoffCoefficient: 2,
    maximumAttempts: 3,
    nonRetryableErrorTypes: ['SimulationJobNotFound', 'SimulationUnavailable'],
  },
});
const { markSimulationFailed } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '1 minute' },
});

/** The reason a failure gives, from the innermost cause (the activity's own error). */
function reasonOf(err: unknown): string {
  let cause: unknown = err;
  while (cause instanceof ActivityFailure && cause.cause) cause = cause.cause;
  if (cause instanceof ApplicationFailure) return cause.message;
  return cause instanceof Error ? cause.message : String(cause);
}

/** Runs one simulation job; its progress and result are in the database, not in the history. */
export async function simulationJobWorkflow(
  input: SimulationJobInput,
): Promise<{ jobId: string; status: 'done' | 'failed' }> {
  try {
    await runSimulationJob(input);
    return { jobId: input.jobId, status: 'done' };
  } catch (err) {
    await markSimulationFailed({ jobId: input.jobId, reason: reasonOf(err) });
    return { jobId: input.jobId, status: 'failed' };
  }
}
