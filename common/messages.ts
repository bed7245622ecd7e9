// The one place that names the duty workflow's messages and task queue: the API and the
// workflow both import it, so a renamed update cannot drift between them.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  Acknowledge,
  Cancel,
  Contribute,
  DecideExtension,
  ReassignLead,
  RequestExtension,
  Review,
  Submit,
} from './duty-schema.ts';
import type { DutyState } from './duty-state.ts';

export const TASK_QUEUE = 'duties';

export const DUTY_WORKFLOW_TYPE = 'dutyWorkflow';

/** The business key (plan, duty, period) is the workflow ID, so starting twice is refused. */
export function dutyWorkflowId(key: { planId: string; dutyId: string; period: string }): string {
  return `duty:${key.planId}:${key.dutyId}:${key.period}`;
}

export const getStateQuery = defineQuery<DutyState>('getState');

export const acknowledgeUpdate = defineUpdate<DutyState, [Acknowledge]>('acknowledge');
export const submitUpdate = defineUpdate<DutyState, [Submit]>('submit');
export const contributeUpdate = defineUpdate<DutyState, [Contribute]>('contribute');
export const requestExtensionUpdate = defineUpdate<DutyState, [RequestExtension]>(
  'requestExtension',
);
export const decideExtensionUpdate = defineUpdate<DutyState, [DecideExtension]>('decideExtension');
export const reviewUpdate = defineUpdate<DutyState, [Review]>('review');
export const cancelUpdate = defineUpdate<DutyState, [Cancel]>('cancel');
export const reassignLeadUpdate = defineUpdate<DutyState, [ReassignLead]>('reassignLead');
