// An update on a plan's yearly cycle. The cycle continues as new when its history grows long;
// an update that reaches the run just as it hands over is "not found" to Temporal although the
// cycle goes on in its next run. So a not-found is asked again while the cycle's latest run is
// still running, and only a finished cycle is a closed year to the caller.
import type { Client, WorkflowHandle } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { Refusal } from './refusal.ts';

/** How often an update follows the cycle into a new run before giving up. */
const HANDOVERS = 3;

export interface CycleUpdateWords {
  /** The cycle has finished: its year is closed. */
  closed: () => Refusal;
  /** No cycle by that id. */
  missing: (err: WorkflowNotFoundError) => Error;
}

export async function updateCycle<A>(
  client: Client,
  cycleId: string,
  run: (handle: WorkflowHandle) => Promise<A>,
  words: CycleUpdateWords,
): Promise<A> {
  const handle = client.workflow.getHandle(cycleId);
  for (let attempt = 0; ; attempt++) {
    try {
      return await run(handle);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      const status = await handle.describe().then(
        (d) => d.status.name,
        (e: unknown) => {
          if (e instanceof WorkflowNotFoundError) return undefined;
          throw e;
        },
      );
      if (status === undefined) throw words.missing(err);
      if (status !== 'RUNNING' || attempt >= HANDOVERS) throw words.closed();
    }
  }
}
