// The scripted agencies of both simulations (simulate.ts on the workflows, pure.ts without), as
// data: which actions each duty gets, when and with what input, drawn from one seeded generator,
// and the digest mornings worth stopping at. Each simulation only says how an action reaches
// its duty.
import type {
  DecideExtension,
  RequestExtension,
  Review,
  StartDuty,
  Submit,
} from '../common/duty-schema.ts';
import { isWorkingDay, type WorkCalendar } from '../domain/calendar.ts';
import { parseDuration } from '../domain/duration.ts';
import { DAY_MS, localDateKey, localInstant, localParts } from '../domain/local-time.ts';
import type { Behaviour } from './schema.ts';

/** mulberry32: small, seeded, good enough to draw behaviours that repeat run after run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the script needs of a duty: its key, its product, who leads and who reviews. */
export type Scripted = Pick<
  StartDuty,
  'planId' | 'dutyId' | 'period' | 'product' | 'cycle' | 'policy' | 'coordinating'
> & {
  lead: { id: string; name: string };
  standing: { id: string; name: string };
};

/** One scripted action on a duty, in the order it is added (the order ties run in). */
export type ScriptedAction =
  | { kind: 'request-extension'; at: number; newDueAt: string }
  | { kind: 'decide-extension'; at: number }
  | { kind: 'submit'; at: number; indicators: Record<string, number> }
  | { kind: 'review'; at: number };

export type Outcome = 'missing' | 'late' | 'extension' | 'on-time';

export interface DutyScript {
  outcome: Outcome;
  /** The deadline the duty's last action looks to (the extended one when one is asked). */
  dueMs: number;
  actions: ScriptedAction[];
  /** An extension's: when the standing agency grants it, restarting the ladder (to mark). */
  restartFrom?: number;
}

/** A scripted action as the update its duty takes: which one, and its input. */
export type ActionCall =
  | { kind: 'request-extension'; input: RequestExtension }
  | { kind: 'decide-extension'; input: DecideExtension }
  | { kind: 'submit'; input: Submit }
  | { kind: 'review'; input: Review };

/** What the lead's or the standing agency's officer sends for one scripted action. */
export function actionCall(
  duty: Pick<Scripted, 'product' | 'lead' | 'standing'>,
  a: ScriptedAction,
): ActionCall {
  const lead = { name: `Cán bộ ${duty.lead.name}`, agencyId: duty.lead.id };
  const standing = { name: `Cán bộ ${duty.standing.name}`, agencyId: duty.standing.id };
  switch (a.kind) {
    case 'request-extension':
      return {
        kind: a.kind,
        input: { actor: lead, newDueAt: a.newDueAt, reason: 'Chờ số liệu từ các xã' },
      };
    case 'decide-extension':
      return { kind: a.kind, input: { actor: standing, grant: true } };
    case 'submit': {
      const text = `${duty.product} (mô phỏng)`;
      return {
        kind: a.kind,
        input: { actor: lead, text, attachments: [], indicators: a.indicators },
      };
    }
    case 'review':
      return { kind: a.kind, input: { actor: standing, outcome: 'accept' } };
  }
}

/** People act at 09:00 on a working day of the duties' calendar: nobody submits on Tết. */
function working(calendar: WorkCalendar, ms: number, direction: 'earlier' | 'later'): number {
  const p = localParts(ms);
  let t = localInstant(p.year, p.month, p.day, 9);
  for (let i = 0; i < 30 && !isWorkingDay(calendar, t); i++) {
    t += direction === 'later' ? DAY_MS : -DAY_MS;
  }
  return t;
}

/** One duty's behaviour: one draw for its kind, a second for the day when it submits. */
export function scriptDuty(
  duty: Pick<Scripted, 'cycle'>,
  dueMs: number,
  b: Behaviour,
  rand: () => number,
  calendar: WorkCalendar,
): DutyScript {
  const actions: ScriptedAction[] = [];
  const draw = rand();
  let submitAt: number | undefined;
  let outcome: Outcome;
  let due = dueMs;
  let restartFrom: number | undefined;
  if (draw < b.missingShare) {
    outcome = 'missing';
  } else if (draw < b.missingShare + b.lateShare) {
    outcome = 'late';
    const [lo, hi] = b.lateDays;
    submitAt = working(
      calendar,
      dueMs + (lo + Math.floor(rand() * (hi - lo + 1))) * DAY_MS,
      'later',
    );
  } else if (draw < b.missingShare + b.lateShare + b.extensionShare) {
    outcome = 'extension';
    due = dueMs + 14 * DAY_MS;
    restartFrom = working(calendar, dueMs - 4 * DAY_MS, 'earlier');
    const askAt = working(calendar, dueMs - 5 * DAY_MS, 'earlier');
    actions.push({ kind: 'request-extension', at: askAt, newDueAt: new Date(due).toISOString() });
    actions.push({ kind: 'decide-extension', at: Math.max(restartFrom, askAt) + 3_600_000 });
    submitAt = working(calendar, due - 3 * DAY_MS, 'earlier');
  } else {
    outcome = 'on-time';
    submitAt = working(calendar, dueMs - (1 + Math.floor(rand() * 7)) * DAY_MS, 'earlier');
  }
  if (submitAt !== undefined) {
    actions.push({
      kind: 'submit',
      at: submitAt,
      indicators:
        duty.cycle?.phase === 'disbursement-commitment'
          ? Object.fromEntries(
              Array.from({ length: 12 }, (_, i) => [
                `m${String(i + 1).padStart(2, '0')}`,
                Math.floor(Number(b.allocation) / 12),
              ]),
            )
          : {},
    });
    actions.push({ kind: 'review', at: working(calendar, submitAt + DAY_MS, 'later') });
  }
  return { outcome, dueMs: due, actions, ...(restartFrom === undefined ? {} : { restartFrom }) };
}

/**
 * Mornings something can have been held for: a ladder's step (on the working day at or
 * around the instant its rule names, so weekends and Tết are covered both ways) or a scripted
 * action the day before. The digests run only on these: stopping the clock costs the workflow
 * run a round trip to the server, and a morning left out would only hold its news for the next.
 */
export class DigestMornings {
  private readonly worth = new Set<string>();
  private readonly calendar: WorkCalendar;
  constructor(calendar: WorkCalendar) {
    this.calendar = calendar;
  }

  has(ms: number): boolean {
    return this.worth.has(localDateKey(ms));
  }

  mark(ms: number): void {
    for (const step of [-DAY_MS, DAY_MS]) {
      let t = ms;
      for (let i = 0; i < 30 && !isWorkingDay(this.calendar, t); i++) t += step;
      this.worth.add(localDateKey(t));
    }
  }

  markLadder(d: Pick<Scripted, 'policy' | 'coordinating'>, dueMs: number, from: number): void {
    const p = d.policy;
    // The requests of a ladder started after the office hour go out the next morning.
    this.mark(from);
    this.mark(from + DAY_MS);
    for (const b of p.remindBefore) this.mark(dueMs - parseDuration(b));
    this.mark(dueMs);
    for (let k = 1; k <= p.maxUrges; k++) this.mark(dueMs + k * parseDuration(p.urgeEvery));
    this.mark(dueMs + parseDuration(p.escalateAfter));
    if (d.coordinating.length === 0) return;
    const contribution = dueMs - parseDuration(p.contributionLead);
    this.mark(contribution);
    for (const b of p.contributionRemindBefore) this.mark(contribution - parseDuration(b));
  }
}
