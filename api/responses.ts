// What the JSON API answers, as zod schemas: the OpenAPI document is generated from them (with
// the request schemas), and the contract test (test/support/contract.ts) checks every answer
// the test suite receives against that document. Each schema is checked against the type the
// server builds its answer from (the `Fits` lines), so a field added on one side and not on the
// other is a type error rather than a document that says something the server does not do.
import { z } from 'zod';
import type { CycleState } from '../common/cycle-schema.ts';
import { CyclePolicy } from '../common/cycle-schema.ts';
import {
  Actor,
  Agency,
  EscalationPolicy,
  StartDuty,
  Supervisor,
  WorkCalendar,
} from '../common/duty-schema.ts';
import type { DutyState } from '../common/duty-state.ts';
import type { SimulationProgress } from '../common/simulation-schema.ts';
import { DirectoryAgency, Locality } from '../common/plan-schema.ts';
import type { ConsolidationDraft, YearResult } from '../db/cycle-reports.ts';
import type { LadderView } from '../db/ladder-view.ts';
import type { PeriodLock } from '../db/tracking.ts';
import { PHASES } from '../domain/phases.ts';
import type { ScheduleView } from '../services/schedules.ts';

/** `U` must be assignable to `T`: the server's type fits the documented answer. */
type Fits<T, U extends T> = U;

/** An instant as the server writes it: ISO-8601 with `Z` or an offset. */
const Instant = z.iso.datetime({ offset: true });
const Count = z.int().min(0);

export const DUTY_STATUSES = [
  'assigned',
  'acknowledged',
  'submitted',
  'accepted',
  'returned',
  'overdue',
  'cancelled',
] as const;
const DutyStatus = z.enum(DUTY_STATUSES);

/** Every refusal: a stable code, a message in the reader's language, and what it concerns. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string().min(1).describe('stable: invalid_input, not_found, referenced, refused…'),
    message: z.string().min(1),
    details: z
      .unknown()
      .optional()
      .describe('for invalid input, each issue with its path, code and message'),
  }),
});

/** What a start answers (201, with a Location header). */
export const Started = z.object({ id: z.string().min(1) });

// ---------------------------------------------------------------------------------------------
// Duties

const Transition = z.object({
  at: Instant,
  actor: Actor,
  action: z.enum([
    'assign',
    'acknowledge',
    'submit',
    'contribute',
    'request-extension',
    'grant-extension',
    'refuse-extension',
    'accept',
    'return',
    'cancel',
    'reassign-lead',
    'replace-coordinating',
    'become-overdue',
    'urge-now',
  ]),
  from: DutyStatus,
  to: DutyStatus,
  comment: z.string().optional(),
  dueAt: Instant.optional(),
});

const Indicators = z.record(z.string(), z.number());

export const DutyStateBody = z.object({
  workflowId: z.string().regex(/^duty:/),
  revision: Count,
  planId: z.string(),
  dutyId: z.string(),
  period: z.string(),
  title: z.string(),
  product: z.string(),
  planNumber: z.string().optional(),
  timePhrase: z.string().optional(),
  lead: Agency,
  coordinating: z.array(Agency),
  standing: Agency,
  supervisor: Supervisor,
  status: DutyStatus,
  originalDueAt: Instant,
  dueAt: Instant,
  generation: Count,
  generationStartedAt: Instant,
  acknowledgedAt: Instant.optional(),
  submissions: z.array(
    z.object({
      at: Instant,
      by: Actor,
      text: z.string(),
      attachments: z.array(
        z.object({
          id: z.string().optional(),
          name: z.string(),
          contentType: z.string(),
          size: Count,
        }),
      ),
      indicators: Indicators,
      late: z.boolean(),
    }),
  ),
  extensionRequest: z
    .object({ at: Instant, by: Actor, newDueAt: Instant, reason: z.string() })
    .optional(),
  contributions: z.array(
    z.object({
      agencyId: z.string(),
      agencyName: z.string(),
      dueAt: Instant,
      contributedAt: Instant.optional(),
      by: Actor.optional(),
      text: z.string().optional(),
      indicators: Indicators.optional(),
    }),
  ),
  history: z.array(Transition),
  notifications: z.array(
    z.object({
      stepId: z.string(),
      kind: z.string(),
      to: z.array(z.string()),
      cc: z.array(z.string()),
      scheduledAt: Instant,
      sentAt: Instant,
      held: z
        .array(z.object({ email: z.string(), delivery: z.enum(['digest', 'opted-out']) }))
        .optional(),
    }),
  ),
  nextStep: z.object({ id: z.string(), kind: z.string(), at: Instant }).optional(),
  outbox: z
    .array(
      z.object({
        id: z.string(),
        kind: z.enum([
          'urge-now',
          'returned',
          'submitted',
          'accepted',
          'extension-granted',
          'extension-refused',
        ]),
        requestedAt: Instant,
        by: Actor,
        comment: z.string().optional(),
      }),
    )
    .optional(),
  policy: EscalationPolicy,
  calendar: WorkCalendar,
  cycle: StartDuty.shape.cycle,
  pastAsHistory: z
    .literal(true)
    .optional()
    .describe('started after its deadline with the past recorded as history'),
});
export type DutyStateFits = Fits<z.output<typeof DutyStateBody>, DutyState>;

export const DutyList = z.object({
  duties: z.array(
    z.object({
      id: z.string(),
      planId: z.string(),
      dutyId: z.string(),
      period: z.string(),
      title: z.string(),
      leadAgencyId: z.string(),
      status: DutyStatus,
      dueAt: Instant,
      originalDueAt: Instant,
      updatedAt: Instant,
    }),
  ),
});

const Recipient = z.object({ email: z.string(), copy: z.boolean(), delivery: z.string() });
export const Ladder = z.object({
  workflowId: z.string(),
  status: z.string(),
  dueAt: Instant,
  originalDueAt: Instant,
  sent: z.array(
    z.object({
      stepId: z.string(),
      kind: z.string(),
      scheduledAt: Instant,
      sentAt: Instant,
      recipients: z.array(Recipient),
    }),
  ),
  next: z.array(
    z.object({ stepId: z.string(), kind: z.string(), at: Instant, recipients: z.array(Recipient) }),
  ),
});
export type LadderFits = Fits<z.output<typeof Ladder>, LadderView>;

export const Consolidation = z.object({
  dutyId: z.string(),
  title: z.string(),
  dueAt: Instant,
  expected: Count,
  submittedOnTime: z.array(z.object({ agency: z.string(), at: Instant })),
  submittedLate: z.array(z.object({ agency: z.string(), at: Instant })),
  missing: z.array(z.object({ agency: z.string(), status: z.string() })),
  indicators: Indicators,
});
export type ConsolidationFits = Fits<z.output<typeof Consolidation>, ConsolidationDraft>;

// ---------------------------------------------------------------------------------------------
// The labour office's picture

/** A duty as the lists and the matrix show it; the matrix and lists add their own fields. */
const Tracked = z.looseObject({
  id: z.string(),
  planId: z.string(),
  dutyId: z.string(),
  period: z.string(),
  title: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  level: z.string(),
  localityId: z.string(),
  localityName: z.string(),
  status: z.string(),
  dueAt: Instant,
  originalDueAt: Instant,
  extended: z.boolean(),
  submittedAt: Instant.nullable(),
  countedDueAt: Instant,
  firstSubmittedAt: Instant.nullable(),
  firstOnTime: z.boolean().nullable(),
  marks: z.array(z.enum(['extended', 'extended-late', 'returned', 'reassigned'])),
});

export const OverdueList = z.object({
  asOf: Instant,
  duties: z.array(Tracked.extend({ daysOverdue: z.number() })),
});
export const DueSoonList = z.object({
  asOf: Instant,
  days: z.int().min(1),
  duties: z.array(Tracked.extend({ daysLeft: z.number() })),
});

const Rates = z.looseObject({
  expected: Count,
  received: Count,
  receivedOnTime: Count,
  reportingRate: z.number().nullable(),
  reportingRateOnTime: z.number().nullable(),
});
const OriginalRates = z.looseObject({
  expected: Count,
  receivedOnTime: Count,
  rateOnTime: z.number().nullable(),
});
export const Lock = z.object({
  planId: z.string(),
  period: z.string(),
  lockedAt: Instant,
  lockedBy: z.string(),
});
export type LockFits = Fits<z.output<typeof Lock>, PeriodLock>;

export const MatrixBody = z.looseObject({
  planId: z.string(),
  period: z.string(),
  asOf: Instant,
  reports: z.array(
    z.looseObject({
      ref: z.string(),
      period: z.string(),
      title: z.string(),
      cells: z.array(
        Tracked.extend({
          ref: z.string(),
          state: z.enum(['on-time', 'late', 'missing', 'not-yet-due']),
          stateByOriginal: z.enum(['on-time', 'late', 'missing', 'not-yet-due']),
        }),
      ),
      rates: Rates,
      original: OriginalRates,
    }),
  ),
  byArea: z.array(Rates),
  total: Rates,
  totalOriginal: OriginalRates,
  duties: z.looseObject({
    counts: z.record(z.string(), Count),
    byArea: z.array(z.looseObject({ level: z.string(), localityId: z.string() })),
    rows: z.array(Tracked),
  }),
  locked: Lock.nullable(),
  lockedWithin: z.array(Lock),
});

export const LockState = z.object({
  planId: z.string(),
  period: z.string(),
  lock: Lock.nullable(),
});
export const Locked = z.object({ lock: Lock });

// ---------------------------------------------------------------------------------------------
// Notifications and calendars

export const NotifyChoice = z.object({
  agencyId: z.string(),
  mode: z
    .enum(['single', 'digest'])
    .describe("without a saved choice, a plan's duties follow its budget: one morning digest"),
  saved: z.boolean().describe('whether the agency chose, or follows the default'),
});
export const OptOutSaved = z.object({ email: z.string(), nonCriticalReminders: z.boolean() });
export const CalendarUrl = z.object({ url: z.url() });
export const Revoked = z.object({ revoked: Count });

const Named = z.object({ vi: z.string(), en: z.string() });
export const CalendarYear = z.object({
  year: z.int().min(2000).max(2100),
  announced: z.boolean(),
  source: z.string().optional(),
  daysOff: z.array(
    z.looseObject({
      date: z.iso.date(),
      weekday: Named,
      holiday: z.string(),
      name: Named,
      kind: z.string(),
      estimate: z.boolean(),
    }),
  ),
  makeUpWorkingDays: z.array(
    z.looseObject({
      date: z.iso.date(),
      weekday: Named,
      holiday: z.string(),
      name: Named,
      estimate: z.boolean(),
    }),
  ),
});

// ---------------------------------------------------------------------------------------------
// Cycles and schedules

const Counts = z.record(z.string(), z.record(z.string(), Count));
export const CycleStateBody = z.object({
  cycleId: z.string().regex(/^cycle:/),
  planId: z.string(),
  year: z.int(),
  status: z.enum(['launching', 'running', 'closed']),
  policy: CyclePolicy,
  launchedAt: Instant.optional(),
  launched: Count,
  phases: Counts.describe(`per phase (${PHASES.join(', ')}), how many duties in each status`),
  projects: z.array(
    z.object({
      ref: z.string(),
      title: z.string(),
      lead: z.string(),
      leadName: z.string(),
      allocations: z.array(
        z.object({
          amount: z.string(),
          at: Instant,
          by: z.string(),
          decision: z.string().optional(),
        }),
      ),
      allocated: z.string(),
      monthlyPlan: z.array(z.string()).optional(),
      disbursed: z.array(z.string()),
      warned: z.array(z.int()),
    }),
  ),
  closedAt: Instant.optional(),
  closedBy: Actor.optional(),
  closeComment: z.string().optional(),
  adHocRequests: z.array(
    z.object({
      ref: z.string(),
      title: z.string(),
      agencies: Count,
      dueAt: Instant,
      at: Instant,
      error: z.string().optional(),
    }),
  ),
  runs: Count,
  pastAsHistory: z
    .object({ agencies: Count, duties: Count })
    .optional()
    .describe('started with the past recorded as history: past-due duties, agencies summarised'),
});
export type CycleStateFits = Fits<z.output<typeof CycleStateBody>, CycleState>;

export const CycleView = CycleStateBody.extend({
  nextDeadlines: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      leadAgencyId: z.string(),
      status: DutyStatus,
      dueAt: Instant,
    }),
  ),
});

const YearResultBody = z.object({
  indicator: z.string(),
  localityId: z.string().optional(),
  target: z.number(),
  from: z.number().optional(),
  reported: z.number().optional(),
  met: z.boolean().optional(),
});
export type YearResultFits = Fits<z.output<typeof YearResultBody>, YearResult>;
export const CycleResults = z.object({
  planId: z.string(),
  year: z.int(),
  status: z.enum(['launching', 'running', 'closed']),
  results: z.array(YearResultBody),
  localities: z.array(z.looseObject({})).optional(),
});

export const Schedule = z.object({
  id: z.string(),
  paused: z.boolean(),
  note: z.string().optional(),
  nextRuns: z.array(Instant),
  recentRuns: z.array(z.object({ at: Instant, workflowId: z.string() })),
});
export type ScheduleFits = Fits<z.output<typeof Schedule>, ScheduleView>;
export const Triggered = z.object({ triggered: z.literal(true) });

export const Simulation = z.looseObject({
  planId: z.string(),
  year: z.int(),
  shadowYear: z.int(),
  behaviour: z.looseObject({}),
  summary: z.looseObject({ duties: Count }),
  duties: z.array(z.looseObject({ id: z.string(), status: z.string() })),
  timeline: z.array(z.looseObject({ at: z.string(), instant: Instant, event: z.string() })),
});

const SimulationStatus = z.enum(['queued', 'running', 'done', 'failed']);
/** POST /api/plans/{id}/simulate: the job recorded (or found) and its workflow started. */
export const SimulationStarted = z.object({
  id: z.string(),
  status: SimulationStatus,
  /** False when the same simulation was asked for before: this is that job. */
  created: z.boolean(),
  statusUrl: z.string(),
});
export const SimulationProgressBody = z.object({
  phase: z.enum(['starting', 'running', 'collecting']),
  share: z.number().min(0).max(1),
  at: Instant.optional(),
  duties: Count,
  dutiesDone: Count,
  actionsDone: Count,
  actionsLeft: Count,
});
export type SimulationProgressFits = Fits<
  z.output<typeof SimulationProgressBody>,
  SimulationProgress
>;
export const SimulationJobBody = z.object({
  id: z.string(),
  planId: z.string(),
  year: z.int(),
  status: SimulationStatus,
  input: z.looseObject({ year: z.int(), behaviour: z.looseObject({}) }),
  progress: SimulationProgressBody.optional(),
  requestedAt: Instant,
  startedAt: Instant.optional(),
  finishedAt: Instant.optional(),
  /** Why it failed, as the worker said it. */
  error: z.string().optional(),
  /** The simulated year, once done. */
  result: Simulation.optional(),
});

// ---------------------------------------------------------------------------------------------
// Plans, the directory and targets

const AgencyRef = z.object({ id: z.string(), name: z.string() });
const Issue = z.looseObject({
  at: z.string(),
  message: z.string(),
  code: z.string().optional(),
  severity: z.enum(['error', 'warning']).optional(),
});
export const ImportResultBody = z.object({
  planId: z.string(),
  dryRun: z.boolean(),
  outcome: z.enum(['created', 'updated', 'unchanged', 'dry-run']),
  standing: AgencyRef,
  duties: z.array(
    z.looseObject({
      ref: z.string(),
      content: z.string(),
      product: z.string(),
      time: z.string(),
      lead: AgencyRef,
      coordinating: z.array(AgencyRef),
      receiver: AgencyRef.optional(),
      standing: z.literal(true).optional().describe('"Thường xuyên": no dated instance'),
      undated: z.literal(true).optional().describe('"chưa có thời hạn": set the date later'),
      instances: z.array(
        z.object({
          period: z.string(),
          dueAt: Instant,
          lastDay: z.string(),
          name: z.string().optional().describe('the plan\'s label, e.g. "báo cáo 06 tháng"'),
        }),
      ),
    }),
  ),
  summary: z.object({
    duties: Count,
    instances: Count,
    agencies: Count,
    projects: Count,
  }),
  warnings: z.array(Issue),
});

export const PlanList = z.object({
  plans: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      title: z.string(),
      period: z.object({ from: z.int(), to: z.int() }),
      importedAt: Instant,
    }),
  ),
});
export const PlanBody = z.object({
  plan: z.looseObject({ id: z.string(), number: z.string(), title: z.string() }),
  tableProjects: z.array(z.looseObject({})),
  importedAt: Instant,
  duties: z.array(z.looseObject({ ref: z.string() })),
});

export const DirectoryImported = z.object({ localities: Count, agencies: Count });

/** A directory entry as kept, marked when it is retired (kept for history, not assignable). */
export const AgencyBody = DirectoryAgency.extend({
  retiredAt: Instant.optional().describe('retired: kept for history, never assigned anew'),
  mergedInto: z.string().optional().describe('the agency it was merged into (it is retired too)'),
  mergedAt: Instant.optional(),
});
export const AgencyList = z.object({ agencies: z.array(AgencyBody) });
export const LocalityBody = Locality.extend({
  retiredAt: Instant.optional(),
  mergedInto: z.string().optional().describe('the locality it was merged into'),
  mergedAt: Instant.optional(),
});
export const LocalityList = z.object({ localities: z.array(LocalityBody) });

/** Open duties of a merged agency, moved to its successor through the duty workflow. */
const DutiesMoved = z.object({
  lead: z.array(z.string()).describe('duties it led, now led by the successor'),
  coordinating: z.array(z.string()).describe('duties it coordinated, now the successor does'),
  kept: z.array(z.string()).describe('duties it leads whose product awaits review: unchanged'),
});
export const AgencyMerged = z.object({
  merged: AgencyBody,
  into: AgencyBody,
  plans: z.array(z.string()).describe('plans whose references now name the successor'),
  duties: DutiesMoved,
});
export const LocalityMerged = z.object({
  merged: LocalityBody,
  into: LocalityBody,
  agencies: z.object({
    merged: z.array(z.object({ id: z.string(), into: z.string() })),
    moved: z.array(z.string()),
  }),
  localities: z
    .array(z.string())
    .describe('localities that were under it, now under the successor'),
  plans: z.array(z.string()),
  duties: DutiesMoved,
});

const TargetsCommon = {
  planId: z.string(),
  year: z.int().min(2000).max(2100),
  fileName: z.string(),
  columns: z.array(z.object({ key: z.string(), header: z.string() })),
  rows: z.array(z.looseObject({})),
  total: z.looseObject({}).nullable(),
  sums: z.looseObject({}),
  warnings: z.array(Issue),
};
export const TargetsImported = z.object({
  ...TargetsCommon,
  dryRun: z.boolean(),
  outcome: z.enum(['created', 'updated', 'unchanged', 'dry-run']),
});
export const TargetsStored = z.object({ ...TargetsCommon, importedAt: Instant });
