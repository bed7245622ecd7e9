import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { proxyActivities, startChild } from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import type { CyclePolicy } from '../common/cycle-schema.ts';
import { cycleWorkflowId } from '../common/messages.ts';
import { localParts } from '../domain/local-time.ts';
import { cycleWorkflow } from './cycle.ts';

const { planPeriod } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes' },
});

export type CycleStarterResult = { started: string } | { existing: string } | { skipped: string };

/**
 * What a plan's Temporal Schedule runs (each 2 January, or when a coordinator triggers it):
 * starts the cycle of the current local year, once. The cycle outlives this little workflow.
 */
export async function cycleStarterWorkflow(input: {
  planId: string;
  policy: CyclePolicy;
}): Promise<CycleStarterResult> {
  const year = localParts(Date.now()).year;
  const period = await planPeriod(input.planId);
  if (!period || year < period.from || year > period.to) {
    return { skipped: `plan ${input.planId} has no year ${year}` };
  }
  const workflowId = cycleWorkflowId({ planId: input.planId, year });
  try {
    await startChild(cycleWorkflow, {
      workflowId,
      args: [{ planId: input.planId, year, policy: input.policy }],
      parentClosePolicy: 'ABANDON',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    return { started: workflowId };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { existing: workflowId };
    throw err;
  }
}
