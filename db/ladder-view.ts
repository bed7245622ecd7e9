// A duty's ladder in the open: what has been sent, to whom and when (or held back for a digest
// or an opt-out), and what comes next and when. From the read model and the ladder's rules.
import type { DutyState } from '../common/duty-state.ts';
import { isLeadOpen } from '../domain/duty-rules.ts';
import { planSteps, recipientsFor } from '../domain/ladder.ts';
import type { Db } from './index.ts';
import { heldRecipients } from './notify-prefs.ts';

export interface LadderView {
  workflowId: string;
  status: string;
  dueAt: string;
  originalDueAt: string;
  sent: {
    stepId: string;
    kind: string;
    scheduledAt: string;
    sentAt: string;
    recipients: { email: string; copy: boolean; delivery: string }[];
  }[];
  next: {
    stepId: string;
    kind: string;
    at: string;
    recipients: { email: string; copy: boolean; delivery: string }[];
  }[];
}

export async function ladderView(db: Db, state: DutyState, now: number): Promise<LadderView> {
  const deliveries = new Map(
    (
      await db
        .selectFrom('notifications')
        .select(['idempotency_key', 'delivery'])
        .where('workflow_id', '=', state.workflowId)
        .execute()
    ).map((r) => [r.idempotency_key, r.delivery]),
  );
  const sent = state.notifications.map((n) => ({
    stepId: n.stepId,
    kind: n.kind,
    scheduledAt: n.scheduledAt,
    sentAt: n.sentAt,
    recipients: [
      ...n.to.map((email) => ({ email, copy: false })),
      ...n.cc.map((email) => ({ email, copy: true })),
    ].map((r) => ({
      ...r,
      delivery:
        deliveries.get(`${state.workflowId}|${n.stepId}|${r.email.toLowerCase()}`) ??
        n.held?.find((h) => h.email === r.email)?.delivery ??
        'sent',
    })),
  }));
  const done = new Set(state.notifications.map((n) => n.stepId));
  const steps = planSteps({
    dueAt: Date.parse(state.dueAt),
    policy: state.policy,
    calendar: state.calendar,
    generation: state.generation,
    generationStartedAt: Date.parse(state.generationStartedAt),
    leadOpen: isLeadOpen(state) && state.status !== 'cancelled',
    pendingContributors: state.contributions.filter((c) => !c.contributedAt).map((c) => c.agencyId),
    pastAsHistory: state.pastAsHistory,
  }).filter((s) => !done.has(s.id) && (s.kind !== 'deadline' || s.at > now));
  const next: LadderView['next'] = [];
  for (const s of steps) {
    const { to, cc } = recipientsFor(s, state);
    const held = await heldRecipients(
      db,
      s.kind,
      [...to, ...cc].map((c) => c.email),
      state.policy.delivery,
    );
    next.push({
      stepId: s.id,
      kind: s.kind,
      at: new Date(s.at).toISOString(),
      recipients: [
        ...to.map((c) => ({ email: c.email, copy: false })),
        ...cc.map((c) => ({ email: c.email, copy: true })),
      ].map((r) => ({ ...r, delivery: held.get(r.email.toLowerCase()) ?? 'email' })),
    });
  }
  return {
    workflowId: state.workflowId,
    status: state.status,
    dueAt: state.dueAt,
    originalDueAt: state.originalDueAt,
    sent,
    next,
  };
}
