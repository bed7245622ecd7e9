// The scripted part of a simulated year, shared by simulate.ts (the real workflows on the
// time-skipping server) and pure.ts (the same rules without Temporal): the agencies' actions in
// time order, the digest mornings between them, the progress, and the result. What differs
// between the two is how the clock moves and how an action or a digest reaches the workflows,
// which each passes in (YearWays).
import type { StartDuty } from '../common/duty-schema.ts';
import type { DutyState } from '../common/duty-state.ts';
import { dutyWorkflowId } from '../common/messages.ts';
import type { Db } from '../db/index.ts';
import { digestHeldBetween } from '../db/simulations.ts';
import { isWorkingDay, type WorkCalendar } from '../domain/calendar.ts';
import { DIGEST_TIME } from '../domain/ladder.ts';
import { DAY_MS, formatDateTime, localInstant, localParts } from '../domain/local-time.ts';
import { collect } from './collect.ts';
import type { Behaviour, SimulationProgress, SimulationResult } from './schema.ts';
import {
  actionCall,
  DigestMornings,
  random,
  scriptDuty,
  type ActionCall,
  type Scripted,
} from './script.ts';
import { shiftYears } from './shift.ts';

export interface YearEvent {
  at: number;
  order: number;
  /** The duty whose script it belongs to, for the progress ('' for an allocation). */
  duty: string;
  run: (now: number) => Promise<unknown>;
}

/** How a simulation moves its clock and reaches its workflows. */
export interface YearWays {
  /** Moves the clock on to `at`, letting everything due by then (the ladders' timers) happen. */
  reach(at: number): Promise<void>;
  /** Sends the morning's digests at `at`: something waits to be read. */
  digest(at: number): Promise<void>;
  /** Runs actions that are all due at `at`, the clock being there. */
  run(batch: readonly YearEvent[], at: number): Promise<void>;
  /** The action that takes a scripted update to its duty when it comes up. */
  send(workflowId: string, call: ActionCall): (now: number) => Promise<unknown>;
}

export interface YearSetup {
  /** The simulation's own database (the delivery log says whether a digest is owed). */
  sim: Db;
  /** The duties the cycle launched. */
  duties: readonly (Scripted & Pick<StartDuty, 'dueAt'>)[];
  calendar: WorkCalendar;
  behaviour: Behaviour;
  /** Shadow year minus real year: the progress and the refusals speak of the real year. */
  shift: number;
  /** The cycle's launch: the progress counts from here, the digests from its morning. */
  launched: number;
  tell: (progress: SimulationProgress) => void;
  /** Told of the simulated date once a month, for a command that runs for minutes. */
  progress?: ((line: string) => void) | undefined;
}

export class ScriptedYear {
  /** Every duty of the year, in the order it joined (the launch's, then commitments). */
  readonly ids: string[];
  private readonly setup: YearSetup;
  private readonly ways: YearWays;
  private readonly rand: () => number;
  private readonly mornings: DigestMornings;
  private readonly events: YearEvent[] = [];
  private order = 0;
  private done = 0;
  /** Per duty: its scripted actions still to run and its (latest) deadline. */
  private readonly scripted = new Map<string, { pending: number; dueMs: number }>();
  private readonly counts = { late: 0, missing: 0, extensions: 0 };
  private readonly refused: { at: number; reason: string }[] = [];
  /** Under single messages nothing is held: no morning to stop at. */
  private readonly digesting: boolean;
  private nextDigest: number;
  private lastDigest = 0;
  /** Long enough after the last deadline for every urge and escalation to go out. */
  private readonly spanEnd: number;

  constructor(setup: YearSetup, ways: YearWays) {
    this.setup = setup;
    this.ways = ways;
    this.rand = random(setup.behaviour.seed);
    this.mornings = new DigestMornings(setup.calendar);
    this.ids = setup.duties.map((d) => dutyWorkflowId(d));
    this.digesting = setup.duties.some((d) => d.policy.delivery === 'digest');
    const today = localParts(setup.launched);
    this.nextDigest = localInstant(
      today.year,
      today.month,
      today.day,
      DIGEST_TIME.hour,
      DIGEST_TIME.minute,
    );
    this.spanEnd = Math.max(...setup.duties.map((d) => Date.parse(d.dueAt))) + 40 * DAY_MS;
  }

  /** An action at `ms`, of a duty's script (or '' for none). */
  at(ms: number, duty: string, run: (now: number) => Promise<unknown>): void {
    const s = this.scripted.get(duty);
    if (s) s.pending += 1;
    this.events.push({ at: ms, order: this.order++, duty, run });
  }

  /** A scripted action the duty (or the cycle) refused: part of the story, not a failure. */
  refuse(at: number, reason: string): void {
    this.refused.push({ at, reason });
  }

  /** Draws a duty's behaviour (with its ladder started at `from`) and schedules its actions. */
  script(duty: Scripted, dueMs: number, from: number): void {
    this.mornings.markLadder(duty, dueMs, from);
    const id = dutyWorkflowId(duty);
    const plan = scriptDuty(duty, dueMs, this.setup.behaviour, this.rand, this.setup.calendar);
    this.scripted.set(id, { pending: 0, dueMs: plan.dueMs });
    if (plan.outcome === 'missing') this.counts.missing += 1;
    if (plan.outcome === 'late') this.counts.late += 1;
    if (plan.outcome === 'extension') this.counts.extensions += 1;
    if (plan.restartFrom !== undefined) {
      this.mornings.markLadder(duty, plan.dueMs, plan.restartFrom);
    }
    for (const a of plan.actions) this.at(a.at, id, this.ways.send(id, actionCall(duty, a)));
  }

  /**
   * Runs the actions in time order until none remain. Actions due at the same instant (every
   * commune's report at 09:00 on one morning) go together; each batch may add actions (a
   * commitment's behaviour) for later.
   */
  async play(): Promise<void> {
    let lastMonth = -1;
    for (;;) {
      this.events.sort((x, y) => x.at - y.at || x.order - y.order);
      const first = this.events[0];
      if (!first) break;
      const end = this.events.findIndex((e) => e.at !== first.at);
      const batch = this.events.splice(0, end === -1 ? this.events.length : end);
      await this.digestsUntil(first.at);
      await this.ways.reach(first.at);
      await this.ways.run(batch, first.at);
      this.done += batch.length;
      for (const e of batch) {
        const s = this.scripted.get(e.duty);
        if (s) s.pending -= 1;
      }
      this.report(first.at);
      // What the actions set off (a notice of a product, a decision) is read the next morning.
      this.mornings.mark(first.at);
      this.mornings.mark(first.at + DAY_MS);
      const month = localParts(first.at).month;
      if (this.setup.progress && month !== lastMonth) {
        lastMonth = month;
        this.setup.progress(
          `  ${formatDateTime(shiftYears(first.at, -this.setup.shift)).slice(6)}: ${this.done} actions done, ${this.events.length} to go`,
        );
      }
    }
  }

  /** Runs the year on to its end (the later of `now` and the last ladder's) and says so. */
  async finish(now: number): Promise<number> {
    const end = Math.max(this.spanEnd, now);
    await this.digestsUntil(end);
    await this.ways.reach(end);
    this.setup.tell({
      phase: 'collecting',
      share: 1,
      at: new Date(shiftYears(end, -this.setup.shift)).toISOString(),
      duties: this.ids.length,
      dutiesDone: this.ids.length,
      actionsDone: this.done,
      actionsLeft: 0,
    });
    return end;
  }

  /** The result, from every duty's final state (in the order of `ids`). */
  result(
    base: Pick<SimulationResult, 'planId' | 'year' | 'shadowYear' | 'behaviour'>,
    states: DutyState[],
    elapsedMs: () => number,
  ): Promise<SimulationResult> {
    const { shift, sim, duties } = this.setup;
    return collect(
      base,
      {
        states,
        sim,
        shift,
        delivery: duties[0]?.policy.delivery ?? 'single',
        counts: this.counts,
        refused: this.refused.map(
          (r) => `${formatDateTime(shiftYears(r.at, -shift))}: ${r.reason}`,
        ),
      },
      elapsedMs,
    );
  }

  /**
   * The digest schedule's mornings up to `until`, run as the Schedule would (neither
   * simulation has one): on the duties' working days only, and only when something waits to
   * be read, which is all the digest would look at (the simulation copies no agency's own
   * digest choice).
   */
  private async digestsUntil(until: number): Promise<void> {
    const { calendar, sim } = this.setup;
    for (; this.digesting && this.nextDigest <= until; this.nextDigest += DAY_MS) {
      const at = this.nextDigest;
      if (!isWorkingDay(calendar, at) || !this.mornings.has(at)) continue;
      await this.ways.reach(at);
      this.report(at);
      const waiting = await digestHeldBetween(
        sim,
        new Date(this.lastDigest).toISOString(),
        new Date(at).toISOString(),
      );
      if (!waiting) continue;
      await this.ways.digest(at);
      this.lastDigest = at;
    }
  }

  /** Where the year is, for the progress: after each batch and each digest morning. */
  private report(now: number): void {
    const { launched, shift } = this.setup;
    let dutiesDone = 0;
    for (const s of this.scripted.values()) if (s.pending <= 0 && s.dueMs <= now) dutiesDone += 1;
    this.setup.tell({
      phase: 'running',
      share: Math.min(1, Math.max(0, (now - launched) / Math.max(1, this.spanEnd - launched))),
      at: new Date(shiftYears(now, -shift)).toISOString(),
      duties: this.ids.length,
      dutiesDone,
      actionsDone: this.done,
      actionsLeft: this.events.length,
    });
  }
}
