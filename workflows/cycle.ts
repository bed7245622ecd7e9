import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import type {
  CloseYear,
  CycleState,
  DutyChanged,
  RecordAllocation,
  ReportDisbursement,
  RequestAdHocReport,
  StartCycle,
} from '../common/cycle-schema.ts';
import {
  closeYearUpdate,
  dutyChangedSignal,
  getCycleQuery,
  recordAllocationUpdate,
  reportDisbursementUpdate,
  requestAdHocReportUpdate,
} from '../common/messages.ts';
import * as rules from '../domain/cycle-rules.ts';
import type { RuleRefusal } from '../domain/rule-refusal.ts';
import type { Phase } from '../domain/phases.ts';

type Activities = ReturnType<typeof createActivities>;

// Starting a province's duties takes seconds to minutes: the launch heartbeats as it goes, and a
// retry skips the duties already started.
const { launchCycleDuties } = proxyActivities<Activities>({
  startToCloseTimeout: '30 minutes',
  // It heartbeats every 20 starts, a fraction of a second: a dead worker is noticed within 20 s.
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

// One message per person of each lead agency; like every message, retried until the mail
// server takes it, and never sent twice (the delivery log).
const { sendPastDueSummaries } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

const { startCommitmentDuty, sendLagWarning, startAdHocDuties } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/**
 * A rule's refusal as the caller sees it: the failure's type is the catalogue code and its
 * details the parameters (api/errors.ts words it in the reader's language), the message English.
 */
function refuse(refusal: RuleRefusal | null): void {
  if (refusal === null) return;
  throw ApplicationFailure.create({
    message: refusal.message,
    type: refusal.code,
    details: [refusal.params],
    nonRetryable: true,
  });
}

// Duties signal every change of status; continuing as new well before Temporal's limits
// keeps each run's history short however long the year.
const MAX_HISTORY_EVENTS = 10_000;

export interface CycleInput extends StartCycle {
  /** The state handed over by the previous run when the cycle continues as new. */
  carried?: CycleState;
  /** Tests lower it to see the cycle continue as new. */
  maxHistoryEvents?: number;
}

/**
 * One plan's year: starts every duty the plan owes in it, counts them by phase and status as
 * they report, takes capital allocations (each opening the lead's disbursement commitment)
 * and monthly disbursements (warning of a lag), until a coordinator closes the year.
 */
export async function cycleWorkflow(input: CycleInput): Promise<CycleState> {
  const state = input.carried ?? rules.newCycleState(input, workflowInfo().workflowId);
  const commitments: string[] = [];
  const lags: { projectRef: string; lag: rules.Lag }[] = [];
  const adHoc: (RequestAdHocReport & { ref: string })[] = [];

  // While the launch counts its duties, their changes wait for that count (below): a duty
  // acted on before the launch ends must not leave a status its count has not reached yet.
  let held: DutyChanged[] | undefined;
  setHandler(getCycleQuery, () => state);
  setHandler(dutyChangedSignal, (change) => {
    if (held) held.push(change);
    else rules.applyDutyChanged(state, change);
  });
  setHandler(
    recordAllocationUpdate,
    (allocation) => {
      if (rules.applyAllocation(state, allocation, new Date(Date.now()).toISOString())) {
        commitments.push(allocation.projectRef);
      }
      return state;
    },
    {
      validator: (allocation: RecordAllocation) => refuse(rules.checkAllocation(state, allocation)),
    },
  );
  setHandler(
    reportDisbursementUpdate,
    (report) => {
      const lag = rules.applyDisbursement(state, report);
      if (lag) lags.push({ projectRef: report.projectRef, lag });
      return state;
    },
    { validator: (report: ReportDisbursement) => refuse(rules.checkDisbursement(state, report)) },
  );
  setHandler(
    requestAdHocReportUpdate,
    (request) => {
      adHoc.push({
        ...request,
        ref: rules.applyAdHoc(state, request, new Date(Date.now()).toISOString()),
      });
      return state;
    },
    {
      validator: (request: RequestAdHocReport) =>
        refuse(rules.checkAdHoc(state, request, Date.now())),
    },
  );
  setHandler(
    closeYearUpdate,
    (close) => {
      state.status = 'closed';
      state.closedAt = new Date(Date.now()).toISOString();
      state.closedBy = close.actor;
      if (close.comment) state.closeComment = close.comment;
      return state;
    },
    { validator: (close: CloseYear) => refuse(rules.checkClose(state, close)) },
  );

  if (state.status === 'launching') {
    // `past` is absent from cycles started before it: they launched (and replay) as `chase`.
    const history = input.past === 'history';
    // The launch records its duties and the cycle counts them from its result, rather than
    // each new duty spending workflow tasks on both. Cycles launched before it heard from
    // each duty.
    const counts = patched('launch-counts');
    if (counts) held = [];
    const launch = await launchCycleDuties({
      planId: state.planId,
      year: state.year,
      cycleId: state.cycleId,
      ...(history ? { pastAsHistory: true } : {}),
      ...(counts ? { counts: true } : {}),
    });
    if (launch.counted) {
      for (const [phase, n] of Object.entries(launch.byPhase) as [Phase, number][]) {
        const byStatus = (state.phases[phase] ??= {});
        byStatus.assigned = (byStatus.assigned ?? 0) + n;
      }
    }
    for (const change of held ?? []) rules.applyDutyChanged(state, change);
    held = undefined;
    state.launched = launch.total;
    state.projects = rules.launchedProjects(launch.projects);
    state.launchedAt = new Date(Date.now()).toISOString();
    state.status = 'running';
    if (history) {
      const sent = await sendPastDueSummaries({
        planId: state.planId,
        year: state.year,
        cycleId: state.cycleId,
        startedAt: state.launchedAt,
      });
      state.pastAsHistory = { agencies: sent.agencies, duties: sent.duties };
    }
  }

  const tooLong = (): boolean =>
    workflowInfo().continueAsNewSuggested ||
    workflowInfo().historyLength > (input.maxHistoryEvents ?? MAX_HISTORY_EVENTS);
  for (;;) {
    await condition(
      () =>
        commitments.length > 0 ||
        lags.length > 0 ||
        adHoc.length > 0 ||
        state.status === 'closed' ||
        tooLong(),
    );
    while (commitments.length > 0) {
      const projectRef = commitments.shift() ?? '';
      await startCommitmentDuty({
        planId: state.planId,
        year: state.year,
        cycleId: state.cycleId,
        projectRef,
        dueAt: rules.commitmentDueAt(state.policy, Date.now()),
      });
    }
    while (lags.length > 0) {
      const next = lags.shift();
      const project = state.projects.find((p) => p.ref === next?.projectRef);
      if (!next || !project) continue;
      await sendLagWarning({
        cycleId: state.cycleId,
        planId: state.planId,
        leadId: project.lead,
        projectRef: project.ref,
        title: project.title,
        ...next.lag,
      });
    }
    while (adHoc.length > 0) {
      const request = adHoc.shift();
      if (!request) continue;
      // A request naming an agency that left the directory fails alone, not the cycle.
      await startAdHocDuties({
        planId: state.planId,
        year: state.year,
        cycleId: state.cycleId,
        ref: request.ref,
        title: request.title,
        product: request.product,
        agencyIds: request.agencyIds,
        dueAt: request.dueAt,
      }).catch((err: unknown) => {
        const entry = state.adHocRequests.find((r) => r.ref === request.ref);
        if (entry) entry.error = err instanceof Error ? err.message : String(err);
      });
    }
    if (state.status === 'closed') break;
    if (tooLong() && commitments.length === 0 && lags.length === 0 && adHoc.length === 0) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof cycleWorkflow>({
        ...input,
        carried: { ...state, runs: state.runs + 1 },
      });
    }
  }
  await condition(allHandlersFinished);
  return state;
}
