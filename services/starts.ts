// Starting the service's workflows under their business keys. REJECT_DUPLICATE: a key is
// used once, even after its workflow has finished, so an accepted duty or a closed year
// cannot be started again by mistake (the API answers 409).
import type { Client } from '@temporalio/client';
import type { SearchAttributePair } from '@temporalio/common';
import type { StartCycle } from '../common/cycle-schema.ts';
import type { DutyInput } from '../common/duty-schema.ts';
import {
  CYCLE_WORKFLOW_TYPE,
  cycleWorkflowId,
  DUTY_WORKFLOW_TYPE,
  dutyWorkflowId,
  TASK_QUEUE,
} from '../common/messages.ts';
import { AGENCY_ID, DUE_AT, DUTY_STATE, PERIOD, PLAN_ID } from '../common/search-attributes.ts';

/** A duty's search attributes as they stand at its start (the bench's raw starts carry them too). */
export function dutySearchAttributes(input: DutyInput): SearchAttributePair[] {
  return [
    { key: PLAN_ID, value: input.planId },
    { key: AGENCY_ID, value: [input.lead.id, ...input.coordinating.map((a) => a.id)] },
    { key: PERIOD, value: input.period },
    { key: DUE_AT, value: new Date(input.dueAt) },
    { key: DUTY_STATE, value: 'assigned' },
  ];
}

/**
 * Starts a duty with its search attributes as they stand at its start, so the workflow has
 * nothing to set on its first task. `launched` only from a cycle's launch (activities/cycle.ts).
 */
export async function startDuty(client: Client, input: DutyInput): Promise<string> {
  const workflowId = dutyWorkflowId(input);
  await client.workflow.start(DUTY_WORKFLOW_TYPE, {
    taskQueue: TASK_QUEUE,
    workflowId,
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    args: [input],
    typedSearchAttributes: dutySearchAttributes(input),
  });
  return workflowId;
}

export async function startCycle(client: Client, input: StartCycle): Promise<string> {
  const workflowId = cycleWorkflowId(input);
  await client.workflow.start(CYCLE_WORKFLOW_TYPE, {
    taskQueue: TASK_QUEUE,
    workflowId,
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    args: [input],
  });
  return workflowId;
}
