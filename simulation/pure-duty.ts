// The duty workflow's loop (workflows/duty.ts) on a virtual clock: the same rules
// (domain/duty-rules.ts) take each action, the same ladder (domain/ladder.ts) says which
// message is owed when, and the same activity (sendNotification) composes, holds and logs each
// message; the same functions (domain/notice-input.ts) say what it is told and what the duty
// records. The loop itself lives inline in the workflow, so its steps are retraced here; what
// it asks of Temporal (timers, conditions) becomes the next instant this duty wants to run at.
import { MockActivityEnvironment } from '@temporalio/testing';
import type { createActivities } from '../activities/index.ts';
import * as schemas from '../common/duty-checks.ts';
import type { InputCheck } from '../common/duty-checks.ts';
import type { DutyInput } from '../common/duty-schema.ts';
import { FINAL, type DutyState, type Notice } from '../common/duty-state.ts';
import { dutyWorkflowId } from '../common/messages.ts';
import { dutySnapshot, writeDutySnapshot, type DutySnapshot } from '../db/duty-snapshots.ts';
import type { Db } from '../db/index.ts';
import * as rules from '../domain/duty-rules.ts';
import { planSteps, recipientsFor, type Step } from '../domain/ladder.ts';
import * as notices from '../domain/notice-input.ts';
import type { RuleRefusal } from '../domain/rule-refusal.ts';
import { Timers } from './pure-timers.ts';

export type Activities = ReturnType<typeof createActivities>;

/**
 * Runs an activity outside a worker, as if Temporal had scheduled it at `at` (workflow time):
 * the activities read the schedule's instant, never the machine's clock, for what they record.
 */
export function atInstant<R>(at: number, run: () => Promise<R>): Promise<R> {
  const env = new MockActivityEnvironment({
    scheduledTimestampMs: at,
    currentAttemptScheduledTimestampMs: at,
  });
  return env.run(run);
}

/** One running duty: its state and what its workflow keeps beside it. */
interface Running {
  state: DutyState;
  /** Ladder steps already run (the workflow's `done`). */
  done: Set<string>;
  /** Updates taken so far: a step batch stops when one lands mid-way. */
  updates: number;
  /** The read model's row as the workflow last wrote it, until the next flush writes it. */
  unwritten?: DutySnapshot;
  recorded: number;
  /** The pending timer, by its sequence number (a later one replaces it). */
  timer?: number;
  finished: boolean;
}

/** The scripted updates, each as the workflow registers it: its parser, check and effect. */
const UPDATES = {
  submit: [schemas.Submit, rules.checkSubmit, rules.applySubmit],
  'request-extension': [
    schemas.RequestExtension,
    rules.checkRequestExtension,
    rules.applyRequestExtension,
  ],
  'decide-extension': [
    schemas.DecideExtension,
    rules.checkDecideExtension,
    rules.applyDecideExtension,
  ],
  review: [schemas.Review, rules.checkReview, rules.applyReview],
} as const;
export type UpdateKind = keyof typeof UPDATES;

type Update<T> = readonly [
  InputCheck<T>,
  (s: DutyState, i: T, now: number) => RuleRefusal | null,
  (s: DutyState, i: T, now: number) => void,
];

export class DutyEngine {
  private readonly duties = new Map<string, Running>();
  /** Each duty's pending timer; one a later change replaced is skipped when it comes up. */
  private readonly timers = new Timers<Running>((d, seq) => d.timer === seq);
  private readonly db: Db;
  private readonly activities: Activities;

  constructor(db: Db, activities: Activities) {
    this.db = db;
    this.activities = activities;
  }

  /** A duty's workflow starting at `now`; a launched one's first state is in the read model. */
  async start(input: DutyInput, now: number): Promise<DutyState> {
    const launchedAt = input.launched ? Date.parse(input.launched.at) : NaN;
    const launched = Number.isFinite(launchedAt);
    const id = dutyWorkflowId(input);
    const state = rules.newDutyState(input, id, launched ? launchedAt : now);
    const duty: Running = {
      state,
      done: new Set(),
      updates: 0,
      recorded: launched ? state.revision : -1,
      finished: false,
    };
    this.duties.set(id, duty);
    await this.advance(duty, now);
    return state;
  }

  state(id: string): DutyState | undefined {
    return this.duties.get(id)?.state;
  }

  /** Fires every timer due by `until`, in order, each at its own instant. */
  async fireUntil(until: number): Promise<void> {
    for (let top = this.timers.peek(); top && top.at <= until; top = this.timers.peek()) {
      this.timers.pop();
      top.of.timer = undefined;
      await this.advance(top.of, top.at);
    }
  }

  /**
   * A scripted update at `now`: refused as its validator would (the refusal's message), or
   * applied as its handler would and the loop woken. Returns the refusal's reason, if any.
   */
  async update(id: string, kind: UpdateKind, raw: unknown, now: number): Promise<string | null> {
    const duty = this.duties.get(id);
    if (!duty) return `workflow ${id} not found`;
    if (duty.finished) return 'workflow execution already completed';
    const [schema, check, apply] = UPDATES[kind] as Update<unknown>;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
      return rules.malformed(issues.join('; ')).message;
    }
    const refusal = check(duty.state, parsed.data, now);
    if (refusal) return refusal.message;
    duty.updates += 1;
    apply(duty.state, schema.parse(raw), now);
    duty.timer = undefined;
    await this.advance(duty, now);
    return null;
  }

  /** Writes every duty's last recorded row to the read model (what the digest reads). */
  async flush(): Promise<void> {
    for (const duty of this.duties.values()) {
      const snapshot = duty.unwritten;
      if (!snapshot) continue;
      duty.unwritten = undefined;
      await writeDutySnapshot(this.db, snapshot.row, snapshot.roles);
    }
  }

  /** The workflow's loop from `now` until it waits: for an update, a timer, or nothing. */
  private async advance(duty: Running, now: number): Promise<void> {
    const state = duty.state;
    for (;;) {
      // syncReadModel: the row as of this revision (written at the next flush).
      if (duty.recorded !== state.revision) {
        duty.recorded = state.revision;
        duty.unwritten = dutySnapshot(state, new Date().toISOString());
      }
      const notice = state.outbox?.[0];
      if (notice) {
        state.outbox?.shift();
        // A delivered message is recorded with the outbox's change in one revision.
        if (!(await this.sendNotice(state, notice, now))) state.revision += 1;
        continue;
      }
      if (FINAL.includes(state.status)) {
        duty.finished = true;
        return;
      }
      const pending = planSteps(notices.ladderOf(state)).filter((s) => !duty.done.has(s.id));
      const next = pending[0];
      if (next) {
        state.nextStep = { id: next.id, kind: next.kind, at: new Date(next.at).toISOString() };
      } else {
        delete state.nextStep;
        return;
      }
      if (next.at > now) {
        this.schedule(duty, next.at);
        return;
      }
      const updatesBefore = duty.updates;
      for (const step of pending.filter((s) => s.at <= now)) {
        if (duty.updates !== updatesBefore) break;
        await this.runStep(state, step, now);
        duty.done.add(step.id);
      }
    }
  }

  private async sendNotice(state: DutyState, notice: Notice, now: number): Promise<boolean> {
    if (notices.isMootNotice(state, notice)) return false;
    return this.deliver(state, notices.messageOf(notice, now), now, notice.comment);
  }

  private async runStep(state: DutyState, step: Step, now: number): Promise<void> {
    if (step.kind === 'deadline') {
      rules.applyDeadline(state, now);
      return;
    }
    await this.deliver(state, { ...step, kind: step.kind }, now);
  }

  /** The workflow's `deliver`: whom, what the activity is told, and what the duty records. */
  private async deliver(
    state: DutyState,
    step: notices.Message,
    now: number,
    note?: string,
  ): Promise<boolean> {
    const { to, cc } = recipientsFor(step, state);
    if (to.length === 0 && cc.length === 0) return false;
    const result = await atInstant(now, () =>
      this.activities.sendNotification(notices.noticeInput(state, step, to, cc, note)),
    );
    notices.recordSent(state, step, to, cc, now, result.held);
    return true;
  }

  private schedule(duty: Running, at: number): void {
    duty.timer = this.timers.push(at, duty);
  }
}
