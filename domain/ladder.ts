// The escalation ladder as data: which messages a duty owes, to whom, and when. The duty
// workflow asks this module for the steps still pending and sleeps until the next one, so
// the rules can be read and unit-tested without Temporal.
import type { Agency, Contact, EscalationPolicy, Supervisor } from '../common/duty-schema.ts';
import { deliveryInstant, type WorkCalendar } from './calendar.ts';
import { parseDuration } from './duration.ts';
import { DAY_MS } from './local-time.ts';

export type StepKind =
  | 'deadline'
  | 'reminder'
  | 'overdue'
  | 'urge'
  | 'escalation'
  | 'contribution-request'
  | 'contribution-reminder'
  | 'contribution-overdue'
  // Not on the ladder's clock: sent at once from the duty's outbox.
  | 'urge-now'
  | 'returned'
  | 'submitted'
  | 'accepted'
  | 'extension-granted'
  | 'extension-refused';

/** Notices of a decision or a submission: told once, at once, from the duty's outbox. */
export const DECISION_NOTICES = [
  'submitted',
  'accepted',
  'extension-granted',
  'extension-refused',
] as const satisfies readonly StepKind[];

/** Reminders a person may opt out of, and a digest may replace; the rest always go out. */
export const NON_CRITICAL: readonly StepKind[] = ['reminder', 'contribution-reminder'];
/** What a digest agency reads in its daily digest instead of single messages. */
export const DIGESTED: readonly StepKind[] = [
  'reminder',
  'contribution-reminder',
  'overdue',
  'urge',
  'contribution-overdue',
  // The standing agency reviews what came in; it need not hear of each product singly.
  'submitted',
];
/**
 * Under a policy's `delivery: 'digest'` (the per-person budget) everything waits for the
 * morning digest but these: the supervisor's escalation and the standing agency's "urge now".
 */
export const URGENT: readonly StepKind[] = ['escalation', 'urge-now'];
/** The budget's daily digest goes out at this local time, after the office hour's steps. */
export const DIGEST_TIME = { hour: 8, minute: 30 } as const;

export interface Step {
  /** Unique within a duty: generation, kind and what distinguishes it. */
  id: string;
  kind: StepKind;
  /** When the rule says it falls due, before the office-hour shift. */
  nominalAt: number;
  /** When it is delivered. */
  at: number;
  /** The coordinating agency a contribution step concerns. */
  agencyId?: string;
}

export interface LadderInput {
  dueAt: number;
  policy: EscalationPolicy;
  calendar: WorkCalendar;
  generation: number;
  /** Steps that would have fallen before this instant are not owed (the ladder started late). */
  generationStartedAt: number;
  leadOpen: boolean;
  /** Coordinating agencies that have not contributed yet. */
  pendingContributors: readonly string[];
  /**
   * Started after its deadline with the past recorded as history (a year started late): the
   * lead agency had one summary of its past-due duties instead of back-dated messages.
   * Meaningful only when the deadline is at or before the start; absent in older duties.
   */
  pastAsHistory?: boolean | undefined;
}

/**
 * Whether this generation's ladder leaves its past as history: no overdue notice, and urges
 * and escalation counted from the start. Only the first generation: a lead reassigned later
 * never had the summary, so it is told the usual way.
 */
export function pastIsHistory(input: LadderInput): boolean {
  return (
    input.pastAsHistory === true &&
    input.generation === 1 &&
    input.dueAt <= input.generationStartedAt
  );
}

export function contributionDueAt(leadDueAt: number, policy: EscalationPolicy): number {
  return leadDueAt - parseDuration(policy.contributionLead);
}

function step(
  input: LadderInput,
  kind: StepKind,
  label: string,
  nominalAt: number,
  direction: 'earlier' | 'later',
  agencyId?: string,
  /** A reminder must arrive before this instant (its deadline), even if a day earlier. */
  before?: number,
): Step {
  let at = deliveryInstant(input.calendar, nominalAt, direction);
  for (let i = 0; before !== undefined && at >= before && i < 366; i++) {
    at = deliveryInstant(input.calendar, at - DAY_MS, 'earlier');
  }
  const suffix = agencyId === undefined ? label : `${agencyId}:${label}`;
  return {
    id: `g${input.generation}:${kind}:${suffix}`,
    kind,
    nominalAt,
    at,
    ...(agencyId === undefined ? {} : { agencyId }),
  };
}

/**
 * Two reminders moved onto the same working morning (a Sunday's brought forward to the
 * Friday that already has one) would arrive as a pair: keep the one nearest the deadline.
 */
function oneReminderPerInstant(steps: Step[]): Step[] {
  const nearestFirst = [...steps].sort((a, b) => b.nominalAt - a.nominalAt);
  const seen = new Set<number>();
  return nearestFirst.filter((s) => !seen.has(s.at) && seen.add(s.at));
}

function leadSteps(input: LadderInput): Step[] {
  const { dueAt, policy } = input;
  const steps = oneReminderPerInstant(
    policy.remindBefore.map((before) =>
      step(input, 'reminder', before, dueAt - parseDuration(before), 'earlier', undefined, dueAt),
    ),
  );
  // The deadline itself carries no message: it is when the duty turns overdue.
  steps.push({
    id: `g${input.generation}:deadline`,
    kind: 'deadline',
    nominalAt: dueAt,
    at: dueAt,
  });
  // Past as history: the lateness clock starts with the duty, so nobody is urged or reported
  // to the supervisor for days before anyone could act; the summary replaced the notice.
  const history = pastIsHistory(input);
  const chaseFrom = history ? input.generationStartedAt : dueAt;
  if (!history) steps.push(step(input, 'overdue', 'due', dueAt, 'later'));
  const every = parseDuration(policy.urgeEvery);
  for (let k = 1; k <= policy.maxUrges && every > 0; k++) {
    steps.push(step(input, 'urge', String(k), chaseFrom + k * every, 'later'));
  }
  steps.push(
    step(input, 'escalation', 'after', chaseFrom + parseDuration(policy.escalateAfter), 'later'),
  );
  return steps;
}

function contributionSteps(input: LadderInput, agencyId: string): Step[] {
  if (input.policy.delivery === 'digest') return budgetedContributionSteps(input, agencyId);
  const due = contributionDueAt(input.dueAt, input.policy);
  const steps = oneReminderPerInstant(
    input.policy.contributionRemindBefore.map((before) =>
      step(
        input,
        'contribution-reminder',
        before,
        due - parseDuration(before),
        'earlier',
        agencyId,
      ),
    ),
  );
  steps.push(step(input, 'contribution-overdue', 'due', due, 'later', agencyId));
  return steps;
}

/**
 * Under the budget a coordinating agency hears of its contribution twice in all: the request
 * when the duty starts and one reminder, the nearest its date. Their ids carry no generation,
 * so an extension, a return or a new lead, which restart the ladder, do not repeat them (the
 * workflow skips ids it has run). A lapse is the lead's business, not the agency's nor its
 * superiors': one notice to the lead per deadline, listing who has not contributed, carried
 * by the first agency still pending so that it is planned once.
 */
function budgetedContributionSteps(input: LadderInput, agencyId: string): Step[] {
  const due = contributionDueAt(input.dueAt, input.policy);
  const once = (s: Step, label: string): Step => ({ ...s, id: `${s.kind}:${agencyId}:${label}` });
  const steps = [
    once(
      step(input, 'contribution-request', 'start', input.generationStartedAt, 'later', agencyId),
      'start',
    ),
  ];
  const nearest = [...input.policy.contributionRemindBefore].sort(
    (a, b) => parseDuration(a) - parseDuration(b),
  )[0];
  if (nearest !== undefined) {
    const reminder = step(
      input,
      'contribution-reminder',
      nearest,
      due - parseDuration(nearest),
      'earlier',
      agencyId,
      due,
    );
    // A reminder on the morning of the request would only repeat it.
    if (reminder.at > (steps[0]?.at ?? 0)) steps.push(once(reminder, 'before'));
  }
  if (agencyId === input.pendingContributors[0]) {
    const lapse = step(input, 'contribution-overdue', 'due', due, 'later');
    steps.push({ ...lapse, id: `g${input.generation}:contribution-overdue:lead` });
  }
  return steps;
}

/**
 * Every step the duty still owes in this generation, in delivery order. Reminders that would
 * have gone out before the ladder (re)started are dropped; the deadline and the overdue notice
 * are always owed, the notice at the next working morning if its time has passed (unless the
 * past is recorded as history: then the deadline alone, at the start; see pastIsHistory).
 */
export function planSteps(input: LadderInput): Step[] {
  if (!input.leadOpen) return [];
  const all = [
    ...leadSteps(input),
    ...input.pendingContributors.flatMap((agencyId) => contributionSteps(input, agencyId)),
  ];
  const owed = all
    .filter((s) => s.at >= input.generationStartedAt || LATE_BUT_OWED.includes(s.kind))
    .map((s) => {
      if (s.at >= input.generationStartedAt) return s;
      // Owed but late (the duty started after its deadline): the deadline takes effect at
      // once; the notice still waits for a working morning.
      const at =
        s.kind === 'deadline'
          ? input.generationStartedAt
          : deliveryInstant(input.calendar, input.generationStartedAt, 'later');
      return { ...s, at };
    });
  return strongestPerMorning(owed).sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
}

/** Steps still owed when the ladder starts after their time: the rest is moot by then. */
const LATE_BUT_OWED: readonly StepKind[] = ['deadline', 'overdue', 'escalation'];

// The overdue notice says more than an urge (it is the first word of lateness); escalation most.
const STRENGTH: Partial<Record<StepKind, number>> = { urge: 1, overdue: 2, escalation: 3 };

/**
 * After the deadline, weekends and Tết can push an overdue notice, urges and the escalation
 * onto the same working morning: the lead gets one message, the strongest.
 */
function strongestPerMorning(steps: Step[]): Step[] {
  const strongest = new Map<number, Step>();
  for (const s of steps) {
    const rank = STRENGTH[s.kind];
    if (rank === undefined) continue;
    const held = strongest.get(s.at);
    if (!held || rank > (STRENGTH[held.kind] ?? 0)) strongest.set(s.at, s);
  }
  return steps.filter((s) => STRENGTH[s.kind] === undefined || strongest.get(s.at) === s);
}

export interface Parties {
  lead: Agency;
  coordinating: readonly Agency[];
  standing: Agency;
  supervisor: Supervisor;
}

export interface Recipients {
  to: Contact[];
  cc: Contact[];
}

const people = (agency: Agency): Contact[] => [agency.head, ...agency.focalPoints];

/** Who receives a step's message. Recipients are unique by email, `to` winning over `cc`. */
export function recipientsFor(s: Step, parties: Parties): Recipients {
  const { lead, standing, supervisor } = parties;
  const coordinator = parties.coordinating.find((a) => a.id === s.agencyId);
  let to: Contact[] = [];
  let cc: Contact[] = [];
  switch (s.kind) {
    case 'deadline':
      break;
    case 'reminder':
      to = people(lead);
      break;
    case 'overdue':
    case 'urge':
    case 'urge-now':
      to = people(lead);
      cc = [standing.head];
      break;
    case 'returned':
    case 'accepted':
    case 'extension-granted':
    case 'extension-refused':
      to = people(lead);
      break;
    case 'submitted':
      to = people(standing);
      break;
    case 'escalation':
      to = [supervisor];
      cc = [lead.head, standing.head];
      break;
    case 'contribution-request':
    case 'contribution-reminder':
      to = coordinator ? people(coordinator) : [];
      break;
    case 'contribution-overdue':
      if (s.agencyId === undefined) {
        // The budget's lapse notice: the lead hears which agencies have not contributed.
        to = people(lead);
        break;
      }
      to = coordinator ? people(coordinator) : [];
      cc = [lead.head];
      break;
  }
  const seen = new Set<string>();
  const unique = (list: Contact[]): Contact[] =>
    list.filter((c) => {
      const key = c.email.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  to = unique(to);
  cc = unique(cc);
  return { to, cc };
}
