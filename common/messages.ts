// The one place that names the duty workflow's messages and task queue: the API and the
// workflow both import it, so a renamed update cannot drift between them.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  CloseYear,
  CycleState,
  DutyChanged,
  RecordAllocation,
  ReportDisbursement,
  RequestAdHocReport,
} from './cycle-schema.ts';
import type {
  Acknowledge,
  Cancel,
  Contribute,
  DecideExtension,
  ReassignLead,
  ReplaceCoordinating,
  RequestExtension,
  Review,
  Submit,
  UrgeNow,
} from './duty-schema.ts';
import type { DutyReceipt, DutyState } from './duty-state.ts';

export const TASK_QUEUE = 'duties';

export const DUTY_WORKFLOW_TYPE = 'dutyWorkflow';

/** The business key (plan, duty, period) is the workflow ID, so starting twice is refused. */
export function dutyWorkflowId(key: { planId: string; dutyId: string; period: string }): string {
  return `duty:${key.planId}:${key.dutyId}:${key.period}`;
}

export const getStateQuery = defineQuery<DutyState>('getState');

export const acknowledgeUpdate = defineUpdate<DutyReceipt, [Acknowledge]>('acknowledge');
export const submitUpdate = defineUpdate<DutyReceipt, [Submit]>('submit');
export const contributeUpdate = defineUpdate<DutyReceipt, [Contribute]>('contribute');
export const requestExtensionUpdate = defineUpdate<DutyReceipt, [RequestExtension]>(
  'requestExtension',
);
export const decideExtensionUpdate = defineUpdate<DutyReceipt, [DecideExtension]>(
  'decideExtension',
);
export const reviewUpdate = defineUpdate<DutyReceipt, [Review]>('review');
export const cancelUpdate = defineUpdate<DutyReceipt, [Cancel]>('cancel');
export const reassignLeadUpdate = defineUpdate<DutyReceipt, [ReassignLead]>('reassignLead');
/** A coordinating agency merged into another in the directory: the duty follows. */
export const replaceCoordinatingUpdate = defineUpdate<DutyReceipt, [ReplaceCoordinating]>(
  'replaceCoordinating',
);
/** The standing agency's "urge now": one message at once, at most one a day per duty. */
export const urgeNowUpdate = defineUpdate<DutyReceipt, [UrgeNow]>('urgeNow');

// The annual cycle of a plan: one workflow per (plan, year).
export const CYCLE_WORKFLOW_TYPE = 'cycleWorkflow';

export function cycleWorkflowId(key: { planId: string; year: number }): string {
  return `cycle:${key.planId}:${key.year}`;
}

export const getCycleQuery = defineQuery<CycleState>('getCycle');
export const dutyChangedSignal = defineSignal<[DutyChanged]>('dutyChanged');
export const recordAllocationUpdate = defineUpdate<CycleState, [RecordAllocation]>(
  'recordAllocation',
);
export const reportDisbursementUpdate = defineUpdate<CycleState, [ReportDisbursement]>(
  'reportDisbursement',
);
export const closeYearUpdate = defineUpdate<CycleState, [CloseYear]>('closeYear');
export const requestAdHocReportUpdate = defineUpdate<CycleState, [RequestAdHocReport]>(
  'requestAdHocReport',
);

// A simulation of a plan's year, run by the worker as a job (one workflow per job).
export const SIMULATION_JOB_WORKFLOW_TYPE = 'simulationJobWorkflow';

/** The job's business key is the workflow ID, so asking for the same simulation twice runs one. */
export function simulationJobWorkflowId(jobId: string): string {
  return `simulation:${jobId}`;
}

export interface SimulationJobInput {
  jobId: string;
}
