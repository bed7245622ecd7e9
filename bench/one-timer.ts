// The baseline of `npm run bench`: the smallest workflow that still waits on the server (one
// timer), so starting many of them measures what the server and client can do, nothing else.
import { sleep } from '@temporalio/workflow';

export const RAW_TASK_QUEUE = 'bench-one-timer';

/** `_input`: a duty's input when the bench measures what carrying one costs. */
export async function oneTimerWorkflow(ms: number, _input?: unknown): Promise<void> {
  await sleep(ms);
}
