// The annual cycle's bookkeeping as plain functions: duty counts per phase, allocations and
// the month-by-month disbursement against the commitment. Money is whole đồng in bigint,
// kept as digit strings in state so it survives JSON and never touches floating point.
import type {
  CloseYear,
  CycleState,
  DutyChanged,
  ProjectMoney,
  RecordAllocation,
  ReportDisbursement,
  RequestAdHocReport,
  StartCycle,
} from '../common/cycle-schema.ts';
import { cycleRuleMessages } from '../i18n/duty-rules.ts';
import { parseDuration } from './duration.ts';
import { DAY_MS, localMidnight } from './local-time.ts';
import { refusalsOf, type RuleRefusal } from './rule-refusal.ts';

// The check… functions run only in the workflow's update validators (never in history): they
// answer a coded refusal (i18n/duty-rules.ts) or null.
const refuse = refusalsOf(cycleRuleMessages);

export function newCycleState(input: StartCycle, cycleId: string): CycleState {
  return {
    cycleId,
    planId: input.planId,
    year: input.year,
    status: 'launching',
    policy: input.policy,
    launched: 0,
    phases: {},
    projects: [],
    adHocRequests: [],
    runs: 0,
  };
}

/** The plan's (sub-)projects as the cycle keeps them after its launch: nothing allocated yet. */
export function launchedProjects(
  projects: readonly { ref: string; title: string; leadId: string; leadName: string }[],
): ProjectMoney[] {
  return projects.map((p) => ({
    ref: p.ref,
    title: p.title,
    lead: p.leadId,
    leadName: p.leadName,
    allocations: [],
    allocated: '0',
    disbursed: Array.from({ length: 12 }, () => '0'),
    warned: [],
  }));
}

/**
 * The deadline of the commitment an allocation at `at` opens: "by" the day the policy gives,
 * so overdue from the next local midnight.
 */
export function commitmentDueAt(policy: CycleState['policy'], at: number): string {
  const offset = parseDuration(policy.commitmentAfterAllocation);
  return new Date(localMidnight(at + offset) + DAY_MS).toISOString();
}

export function applyDutyChanged(state: CycleState, change: DutyChanged): void {
  const counts = (state.phases[change.phase] ??= {});
  if (change.from) {
    const left = (counts[change.from] ?? 0) - 1;
    // A status nobody is in any more leaves the picture rather than showing a 0.
    if (left > 0) counts[change.from] = left;
    else delete counts[change.from];
  }
  counts[change.to] = (counts[change.to] ?? 0) + 1;
  if (
    change.phase === 'disbursement-commitment' &&
    change.to === 'submitted' &&
    change.projectRef
  ) {
    const project = state.projects.find((p) => p.ref === change.projectRef);
    if (project) project.monthlyPlan = monthlyPlanOf(change.indicators ?? {});
  }
}

/** m01…m12 from a commitment's indicators; a month left out plans nothing. */
export function monthlyPlanOf(indicators: Record<string, number>): string[] {
  return Array.from({ length: 12 }, (_, i) => {
    const v = indicators[`m${String(i + 1).padStart(2, '0')}`] ?? 0;
    return Number.isSafeInteger(v) && v >= 0 ? String(v) : '0';
  });
}

export function checkAllocation(state: CycleState, input: RecordAllocation): RuleRefusal | null {
  if (state.status === 'launching') return refuse('cycle-rules.launching-retry', {});
  if (state.status === 'closed') return refuse('cycle-rules.year-closed', {});
  if (BigInt(input.amount) === 0n) return refuse('cycle-rules.zero-allocation', {});
  const refs = state.projects.map((p) => p.ref);
  const project = state.projects.find((p) => p.ref === input.projectRef);
  if (!project) {
    return refuse('cycle-rules.no-capital-project', {
      project: input.projectRef,
      known: refs.join(', '),
    });
  }
  // A decision is recorded once: the same decision sent twice (a double click, a retried
  // script) was stored twice and doubled the allocated capital.
  const same = sameDecision(project.allocations, input.decision);
  if (same && !input.replace) {
    return refuse('cycle-rules.allocation-recorded', {
      decision: same.decision ?? '',
      at: same.at,
      amount: same.amount,
    });
  }
  return null;
}

const decisionKey = (d: string): string =>
  d.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

function sameDecision<T extends { decision?: string }>(
  allocations: readonly T[],
  decision: string | undefined,
): T | undefined {
  if (decision === undefined || decisionKey(decision) === '') return undefined;
  return allocations.find(
    (a) => a.decision !== undefined && decisionKey(a.decision) === decisionKey(decision),
  );
}

/** Records an allocation; returns true when it is the project's first, opening its commitment. */
export function applyAllocation(
  state: CycleState,
  input: RecordAllocation,
  nowIso: string,
): boolean {
  const project = state.projects.find((p) => p.ref === input.projectRef);
  if (!project) return false;
  const line = {
    amount: input.amount,
    at: nowIso,
    by: input.actor.name,
    ...(input.decision ? { decision: input.decision } : {}),
  };
  const replaced = input.replace ? sameDecision(project.allocations, input.decision) : undefined;
  if (replaced) {
    project.allocated = String(
      BigInt(project.allocated) - BigInt(replaced.amount) + BigInt(input.amount),
    );
    project.allocations[project.allocations.indexOf(replaced)] = line;
    return false;
  }
  project.allocations.push(line);
  project.allocated = String(BigInt(project.allocated) + BigInt(input.amount));
  return project.allocations.length === 1;
}

export function checkDisbursement(
  state: CycleState,
  input: ReportDisbursement,
): RuleRefusal | null {
  if (state.status === 'closed') return refuse('cycle-rules.year-closed', {});
  const project = state.projects.find((p) => p.ref === input.projectRef);
  if (!project) return refuse('cycle-rules.no-project', { project: input.projectRef });
  if (project.allocations.length === 0) return refuse('cycle-rules.no-allocation', {});
  if (project.lead !== input.actor.agencyId) {
    return refuse('cycle-rules.only-lead-reports', { lead: project.leadName });
  }
  const already = project.disbursed[input.month - 1] ?? '0';
  if (already !== '0' && !input.replace) {
    return refuse('cycle-rules.month-reported', { month: input.month, amount: already });
  }
  return null;
}

export interface Lag {
  month: number;
  planned: string;
  actual: string;
}

/** Records a month's disbursement; returns the lag to warn of, once per month, if any. */
export function applyDisbursement(state: CycleState, input: ReportDisbursement): Lag | undefined {
  const project = state.projects.find((p) => p.ref === input.projectRef);
  if (!project) return undefined;
  project.disbursed[input.month - 1] = input.amount;
  if (!project.monthlyPlan) return undefined;
  const upTo = (list: readonly string[]): bigint =>
    list.slice(0, input.month).reduce((sum, v) => sum + BigInt(v || '0'), 0n);
  const planned = upTo(project.monthlyPlan);
  const actual = upTo(project.disbursed);
  // Compare in thousandths to stay in integers: actual / planned < threshold.
  const threshold = BigInt(Math.round(state.policy.lagThreshold * 1000));
  if (
    planned === 0n ||
    actual * 1000n >= planned * threshold ||
    project.warned.includes(input.month)
  ) {
    return undefined;
  }
  project.warned.push(input.month);
  return { month: input.month, planned: String(planned), actual: String(actual) };
}

export function checkAdHoc(
  state: CycleState,
  input: RequestAdHocReport,
  nowMs: number,
): RuleRefusal | null {
  if (state.status !== 'running')
    return state.status === 'closed'
      ? refuse('cycle-rules.year-closed', {})
      : refuse('cycle-rules.launching', {});
  if (Date.parse(input.dueAt) <= nowMs) return refuse('cycle-rules.ad-hoc-past', {});
  // The same request twice (same title, same deadline) would ask every agency twice.
  const same = state.adHocRequests.find(
    (r) =>
      decisionKey(r.title) === decisionKey(input.title) &&
      Date.parse(r.dueAt) === Date.parse(input.dueAt),
  );
  return same
    ? refuse('cycle-rules.ad-hoc-repeated', { at: same.at, ref: same.ref, agencies: same.agencies })
    : null;
}

/** Records the request; the duties it names are "dot-xuat-<n>" (đột xuất: ad hoc). */
export function applyAdHoc(state: CycleState, input: RequestAdHocReport, nowIso: string): string {
  const ref = `dot-xuat-${state.adHocRequests.length + 1}`;
  state.adHocRequests.push({
    ref,
    title: input.title,
    agencies: input.agencyIds.length,
    dueAt: input.dueAt,
    at: nowIso,
  });
  return ref;
}

export function checkClose(state: CycleState, _input: CloseYear): RuleRefusal | null {
  if (state.status === 'closed') return refuse('cycle-rules.year-already-closed', {});
  return state.status === 'launching' ? refuse('cycle-rules.launching', {}) : null;
}
