// The baselines of `npm run bench`: the smallest workflows that still wait on the server (one
// timer), so starting many of them measures what the server and client can do, nothing else;
// and the same with one mail sent when the timer fires, the raw side of the reminders.
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { RawMailActivities } from './raw-mail.ts';

export const RAW_TASK_QUEUE = 'bench-one-timer';

/** `_input`: a duty's input when the bench measures what carrying one costs. */
export async function oneTimerWorkflow(ms: number, _input?: unknown): Promise<void> {
  await sleep(ms);
}

const { sendRawMail } = proxyActivities<RawMailActivities>({
  startToCloseTimeout: '1 minute',
});

/** Sleeps until `at` (epoch ms), then sends one mail tagged `tag` through the activity. */
export async function oneMailWorkflow(at: number, tag: string): Promise<void> {
  await sleep(Math.max(0, at - Date.now()));
  await sendRawMail(tag);
}
