// Footprint baseline: a workflow that waits on one timer and imports nothing else.
import { sleep } from '@temporalio/workflow';

export async function footprintWorkflow(ms: number): Promise<void> {
  await sleep(ms);
}
