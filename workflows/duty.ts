import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  getExternalWorkflowHandle,
  log,
  patched,
  proxyActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../activities/index.ts';
import * as schemas from '../common/duty-checks.ts';
import type { InputCheck } from '../common/duty-checks.ts';
import type { DutyInput } from '../common/duty-schema.ts';
import { FINAL, type DutyReceipt, type DutyState, type Notice } from '../common/duty-state.ts';
import {
  acknowledgeUpdate,
  cancelUpdate,
  contributeUpdate,
  decideExtensionUpdate,
  dutyChangedSignal,
  getStateQuery,
  reassignLeadUpdate,
  replaceCoordinatingUpdate,
  requestExtensionUpdate,
  reviewUpdate,
  submitUpdate,
  urgeNowUpdate,
} from '../common/messages.ts';
import { DUE_AT, DUTY_STATE, PLAN_ID } from '../common/search-attributes.ts';
import * as rules from '../domain/duty-rules.ts';
import type { RuleRefusal } from '../domain/rule-refusal.ts';
import { DECISION_NOTICES, planSteps, recipientsFor, type Step } from '../domain/ladder.ts';
import {
  isMootNotice,
  ladderOf,
  messageOf,
  noticeInput,
  recordSent,
  type Message,
} from '../domain/notice-input.ts';

type Activities = ReturnType<typeof createActivities>;

// Mail servers go down for hours; a reminder must still arrive once it is back, so
// delivery retries without a limit, backing off to a retry every 10 minutes. The activity
// heartbeats per message, so a worker that dies mid-delivery is noticed in seconds.
const { sendNotification } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  // Longer than one message's worst case (connect 10 s + greeting 10 s + socket 15 s), so a
  // slow mail server is not mistaken for a dead worker and sent to twice.
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

const { recordDuty } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
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

/**
 * One duty instance (plan, duty, period): holds its state, takes the agencies' actions as
 * updates, and walks the reminder ladder until the product is accepted or the duty cancelled.
 */
export async function dutyWorkflow(input: DutyInput): Promise<DutyState> {
  // A duty from a cycle's launch starts as the launch wrote it to the read model, and its cycle
  // counts it already: neither is done again, so its first task only sets its first timer.
  // Histories from before the launch did this carry no `launched`.
  const launchedAt = input.launched ? Date.parse(input.launched.at) : NaN;
  const launched = Number.isFinite(launchedAt) && patched('launch-recorded');
  const state = rules.newDutyState(
    input,
    workflowInfo().workflowId,
    launched ? launchedAt : Date.now(),
  );

  let updates = 0;
  setHandler(getStateQuery, () => state);
  // Every update is synchronous: its input parsed as the API's schema would (the Temporal CLI
  // and Web UI can send anything), checked by its validator (refused before it enters history)
  // and applied at once, so the main loop only has to notice the revision. The parsers are
  // common/duty-checks.ts, zod's verdicts without zod, which would cost every cached duty 1 MB.
  const on = <T>(
    schema: InputCheck<T>,
    check: (s: DutyState, i: T, now: number) => RuleRefusal | null,
    apply: (s: DutyState, i: T, now: number) => void,
  ) => ({
    handler: (raw: T): DutyReceipt => {
      updates += 1;
      apply(state, schema.parse(raw), Date.now());
      return {
        workflowId: state.workflowId,
        status: state.status,
        revision: state.revision,
        dueAt: state.dueAt,
      };
    },
    validator: (raw: T): void => {
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
        refuse(rules.malformed(issues.join('; ')));
        return;
      }
      refuse(check(state, parsed.data, Date.now()));
    },
  });
  const acknowledge = on(schemas.Acknowledge, rules.checkAcknowledge, rules.applyAcknowledge);
  setHandler(acknowledgeUpdate, acknowledge.handler, { validator: acknowledge.validator });
  const submit = on(schemas.Submit, rules.checkSubmit, rules.applySubmit);
  setHandler(submitUpdate, submit.handler, { validator: submit.validator });
  const contribute = on(schemas.Contribute, rules.checkContribute, rules.applyContribute);
  setHandler(contributeUpdate, contribute.handler, { validator: contribute.validator });
  const request = on(
    schemas.RequestExtension,
    rules.checkRequestExtension,
    rules.applyRequestExtension,
  );
  setHandler(requestExtensionUpdate, request.handler, { validator: request.validator });
  const decide = on(
    schemas.DecideExtension,
    rules.checkDecideExtension,
    rules.applyDecideExtension,
  );
  setHandler(decideExtensionUpdate, decide.handler, { validator: decide.validator });
  const review = on(schemas.Review, rules.checkReview, rules.applyReview);
  setHandler(reviewUpdate, review.handler, { validator: review.validator });
  const cancel = on(schemas.Cancel, rules.checkCancel, rules.applyCancel);
  setHandler(cancelUpdate, cancel.handler, { validator: cancel.validator });
  const reassign = on(schemas.ReassignLead, rules.checkReassignLead, rules.applyReassignLead);
  setHandler(reassignLeadUpdate, reassign.handler, { validator: reassign.validator });
  const replace = on(
    schemas.ReplaceCoordinating,
    rules.checkReplaceCoordinating,
    rules.applyReplaceCoordinating,
  );
  setHandler(replaceCoordinatingUpdate, replace.handler, { validator: replace.validator });
  const urge = on(schemas.UrgeNow, rules.checkUrgeNow, rules.applyUrgeNow);
  setHandler(urgeNowUpdate, urge.handler, {
    validator: (raw: schemas.UrgeNow) => {
      urge.validator(raw);
      // Its own code, one of RATE_LIMITED_RULES, so the API can answer 429 rather than 409.
      refuse(rules.urgeNowTooSoon(state, Date.now()));
    },
  });

  const done = new Set<string>();
  // The revision the read model holds (a message's delivery writes it too), and the one the
  // search attributes and the cycle were last brought up to.
  let recorded = launched ? state.revision : -1;
  let synced = recorded;
  let toldCycle: DutyState['status'] | null = launched ? 'assigned' : null;
  const syncReadModel = async (): Promise<void> => {
    if (synced === state.revision) return;
    synced = state.revision;
    if (recorded !== state.revision) {
      recorded = state.revision;
      await recordDuty(state);
    }
    // Duties started with search attributes (so the server knows them) keep DutyState and
    // DueAt current for the Web UI's filters.
    const attributes = workflowInfo().typedSearchAttributes;
    if (attributes.get(PLAN_ID) !== undefined && patched('search-attributes')) {
      // Setting what the server holds already (at the start, always: the starter sets both)
      // would cost a command and an event for nothing.
      const unchanged =
        attributes.get(DUTY_STATE) === state.status &&
        attributes.get(DUE_AT)?.getTime() === Date.parse(state.dueAt);
      if (!(unchanged && patched('search-attributes-when-changed'))) {
        upsertSearchAttributes([
          { key: DUTY_STATE, value: state.status },
          { key: DUE_AT, value: new Date(Date.parse(state.dueAt)) },
        ]);
      }
    }
    // Added with the annual cycle: duties started before it never call this.
    if (state.cycle && state.status !== toldCycle && patched('tell-cycle')) {
      const told = await tellCycle(state, toldCycle);
      // The status the cycle was sent, which an update during the signal may have moved on
      // from: the next pass tells it that too. Histories from before took the status after.
      toldCycle = patched('tell-cycle-retry') ? told : state.status;
    }
  };

  for (;;) {
    // Taken before any await: an update that lands while the read model is written (or a
    // message is sent) must wake the wait below rather than be missed by it.
    const seen = state.revision;
    await syncReadModel();
    // An update during the write (say, the product accepted) must be written too before
    // anything else, above all before the workflow ends.
    if (state.revision !== seen && patched('write-before-ending')) continue;
    // Notices of submissions and decisions came after the rest: a history from before them
    // took those actions without a message, and replays as if none had been queued.
    while (isDecisionNotice(state.outbox?.[0]) && !patched('decision-notices')) {
      state.outbox?.shift();
    }
    const notice = state.outbox?.[0];
    if (notice) {
      state.outbox?.shift();
      // Histories from before notices existed returned products without one: replay skips
      // it, and writes nothing (no revision bump) that those histories did not write.
      if (isDecisionNotice(notice) || patched('outbox-notices')) {
        const written = await sendNotice(state, notice);
        // A message recorded with the read model's row counted the outbox's change already.
        if (written === undefined) state.revision += 1;
        else recorded = written;
      }
      continue;
    }
    if (FINAL.includes(state.status)) break;
    const pending = planSteps(ladderOf(state)).filter((s) => !done.has(s.id));
    const next = pending[0];
    if (next) {
      state.nextStep = { id: next.id, kind: next.kind, at: new Date(next.at).toISOString() };
    } else {
      delete state.nextStep;
    }

    const changed = (): boolean => state.revision !== seen;
    const wait = next ? next.at - Date.now() : undefined;
    if (wait === undefined) {
      await condition(changed);
    } else if (wait > 0) {
      await condition(changed, wait);
    }
    if (changed()) continue;

    const now = Date.now();
    const updatesBefore = updates;
    for (const step of pending.filter((s) => s.at <= now)) {
      // A submission or cancellation that arrives mid-batch makes the rest of it moot.
      if (updates !== updatesBefore) break;
      const written = await runStep(state, step);
      if (written !== undefined) recorded = written;
      done.add(step.id);
    }
  }

  await condition(allHandlersFinished);
  return state;
}

/**
 * Waits between tries to tell the cycle. A signal sent while the cycle continues as new can
 * find no run to take it on a server whose continue-as-new is not atomic (the time-skipping
 * test server: temporalio/sdk-java#1538), and the change would go uncounted. On a real server
 * it is atomic, and a miss means the cycle has ended: the waits are short, as the duty's loop
 * (its read model, its reminders) stands still during them.
 */
const TELL_CYCLE_RETRIES = ['1 second', '5 seconds'] as const;

/**
 * The cycle counts its duties by status; a closed cycle no longer listens, and that is fine.
 * Every try sends the same change, so each status reaches the cycle in turn with what it
 * carries (a submission's indicators) even if an update moves the duty on meanwhile. Returns
 * the status sent: the caller tells the cycle of any later one next.
 */
async function tellCycle(
  state: DutyState,
  from: DutyState['status'] | null,
): Promise<DutyState['status']> {
  const cycle = state.cycle;
  if (!cycle) return state.status;
  const to = state.status;
  const submission = state.submissions[state.submissions.length - 1];
  const change = {
    workflowId: state.workflowId,
    phase: cycle.phase,
    from,
    to,
    ...(cycle.projectRef ? { projectRef: cycle.projectRef } : {}),
    ...(to === 'submitted' && submission ? { indicators: submission.indicators } : {}),
  };
  for (let attempt = 0; ; attempt += 1) {
    try {
      await getExternalWorkflowHandle(cycle.id).signal(dutyChangedSignal, change);
      return to;
    } catch (err) {
      const wait = TELL_CYCLE_RETRIES[attempt];
      // Histories from before the retries gave up at the first miss.
      if (wait === undefined || !patched('tell-cycle-retry')) {
        log.warn('the cycle did not take the status change', {
          cycle: cycle.id,
          tries: attempt + 1,
          error: String(err),
        });
        return to;
      }
      await sleep(wait);
    }
  }
}

/**
 * A manual urge or a return notice; an urge that finds the product in is moot and dropped.
 * Returns the revision the read model was written at with the message, if it was.
 */
async function sendNotice(state: DutyState, notice: Notice): Promise<number | undefined> {
  if (isMootNotice(state, notice)) return undefined;
  return deliver(state, messageOf(notice, Date.now()), notice.comment);
}

async function runStep(state: DutyState, step: Step): Promise<number | undefined> {
  if (step.kind === 'deadline') {
    rules.applyDeadline(state, Date.now());
    return undefined;
  }
  return deliver(state, { ...step, kind: step.kind });
}

async function deliver(
  state: DutyState,
  step: Message,
  note?: string,
): Promise<number | undefined> {
  const { to, cc } = recipientsFor(step, state);
  if (to.length === 0 && cc.length === 0) return undefined;
  const input = noticeInput(state, step, to, cc, note);
  // Since 'record-with-notice' the activity also writes the read model with the message on
  // it (one activity and two workflow tasks per message, not two and three); an update that
  // lands meanwhile moves the revision on, and the loop writes that revision as before.
  if (patched('record-with-notice')) {
    const written = state.revision + 1;
    const result = await sendNotification({ ...input, record: { state, step } });
    recordSent(state, step, to, cc, result.sentAt ?? Date.now(), result.held);
    return written;
  }
  const result = await sendNotification(input);
  // Workflow time: the instant the delivery completed, as the server's clock has it.
  recordSent(state, step, to, cc, Date.now(), result.held);
  return undefined;
}
const isDecisionNotice = (notice: Notice | undefined): boolean =>
  notice !== undefined && (DECISION_NOTICES as readonly string[]).includes(notice.kind);
