import type { Client } from '@temporalio/client';
import type { StartDuty } from '../common/duty-schema.ts';
import { DUTY_WORKFLOW_TYPE, dutyWorkflowId, TASK_QUEUE } from '../common/messages.ts';

/**
 * Starts a duty's workflow under its business key. A second start of the same (plan, duty,
 * period) throws WorkflowExecutionAlreadyStartedError, which the API answers with 409.
 */
export async function startDuty(client: Client, input: StartDuty): Promise<string> {
  const workflowId = dutyWorkflowId(input);
  await client.workflow.start(DUTY_WORKFLOW_TYPE, {
    taskQueue: TASK_QUEUE,
    workflowId,
    args: [input],
  });
  return workflowId;
}
