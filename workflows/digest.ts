import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';

// Like single messages: a mail server that is down for hours still gets the digest sent
// once it is back, and each person's digest of the day is sent at most once.
const { sendDigests } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** Run each working morning by the digest schedule: the day's digests, as of now. */
export async function dailyDigestWorkflow(): Promise<{ sent: number; alreadySent: number }> {
  return await sendDigests({ asOf: Date.now() });
}
