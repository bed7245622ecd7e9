import { Context } from '@temporalio/activity';
import type { Contact } from '../common/duty-schema.ts';
import type { DutyState } from '../common/duty-state.ts';
import { recordSent, type Message } from '../domain/notice-input.ts';
import type { Db } from '../db/index.ts';
import type { NationalSource } from '../domain/holidays.ts';
import { renderEmail, type DutySummary, type RenderInput } from '../domain/email.ts';
import type { Client } from '@temporalio/client';
import { dutySnapshot, writeDutySnapshot } from '../db/duty-snapshots.ts';
import { signActionLink } from '../services/signed-links.ts';
import { createCycleActivities } from './cycle.ts';
import { heldRecipients } from '../db/notify-prefs.ts';
import { createDeliveryLog } from './delivery-log.ts';
import { createDigestActivities } from './digest.ts';
import { createSimulationActivities, type SimulationRunner } from './simulation.ts';
import type { ServiceMetrics } from '../ops/metrics.ts';
import type { Mailer } from './mailer.ts';

export interface ActivityDeps {
  mailer: Mailer;
  db: Db;
  /** For the cycle's activities, which start duty workflows. */
  client: Client;
  /** Base URL of the web app, for the link in each message. */
  publicUrl: string;
  /** The From header, e.g. `Theo dõi nhiệm vụ <no-reply@…>`. */
  mailFrom: string;
  /**
   * SESSION_SECRET, shared with the web app: with it, messages to a lead agency carry a signed
   * one-click link to acknowledge the duty. Without it they carry the duty's link only.
   */
  sessionSecret?: string | undefined;
  /** The national days off by year, for duties' calendars (default: data/holidays/vn.json). */
  nationalCalendar?: NationalSource | undefined;
  /** Counts messages, their lateness and launches for Prometheus; none when absent (tests, simulations). */
  metrics?: ServiceMetrics | undefined;
  /** Runs a simulation job's year (worker/build.ts gives simulation/pure.ts simulateYearPure). */
  simulate?: SimulationRunner | undefined;
}

/** How long a one-click link in a message stays usable. */
const ACTION_LINK_TTL_MS = 14 * 24 * 3_600_000;
/** Messages asking the lead agency to act, where a one-click acknowledgement helps. */
const ACKNOWLEDGE_IN: readonly string[] = ['reminder', 'overdue', 'urge', 'urge-now'];

export interface NotificationInput {
  /** Duty and ladder step; the recipient's address is appended per message. */
  idempotencyKey: string;
  kind: RenderInput['kind'];
  /** When the ladder meant it to go out (ms); "days left" is counted from here or later. */
  scheduledAt: number;
  to: Contact[];
  cc: Contact[];
  duty: DutySummary;
  /** A line from whoever asked for the message (a manual urge, a return). */
  note?: string;
  /** The duty's policy: 'digest' holds all but urgent kinds for the morning digest. */
  delivery?: 'digest' | 'single';
  /**
   * The duty as it stood when it asked for the message, and the step: once the message is
   * out, the activity records it on this copy and writes the duty's read-model row, which
   * saves the workflow a second activity and a workflow task per message.
   */
  record?: { state: DutyState; step: Message };
}

export interface NotificationResult {
  delivered: string[];
  /** Recipients an earlier attempt had already reached. */
  alreadySent: string[];
  /** Recipients not written to singly, by their own or their agency's choice. */
  held: { email: string; delivery: 'digest' | 'opted-out' }[];
  /** With `record`: the instant (ms, the server's clock) the duty records the message at. */
  sentAt?: number;
}

export function createActivities(deps: ActivityDeps) {
  const { db, mailer } = deps;
  const log = createDeliveryLog(db, mailer, deps.metrics);

  async function sendNotification(input: NotificationInput): Promise<NotificationResult> {
    const startedAt = Date.now();
    const delivered: string[] = [];
    const alreadySent: string[] = [];
    const held: NotificationResult['held'] = [];
    const holds = await heldRecipients(
      db,
      input.kind,
      [...input.to, ...input.cc].map((c) => c.email),
      input.delivery,
    );
    // Held in the server's time (a simulation's clock is not the machine's), never before the
    // step was due: the next morning's digest lists what was held since the one before.
    const heldAt = Math.max(
      input.scheduledAt,
      Context.current().info.currentAttemptScheduledTimestampMs,
    );
    const link = `${deps.publicUrl}/duties/${encodeURIComponent(input.duty.workflowId)}`;
    const messages = [
      ...input.to.map((c) => ({ contact: c, role: 'to' as const })),
      ...input.cc.map((c) => ({ contact: c, role: 'cc' as const })),
    ];
    for (const { contact, role } of messages) {
      Context.current().heartbeat(delivered.length + alreadySent.length);
      const key = `${input.idempotencyKey}|${contact.email.toLowerCase()}`;
      if (await log.done(key)) {
        alreadySent.push(contact.email);
        continue;
      }
      const hold = holds.get(contact.email.toLowerCase());
      if (hold) {
        // Logged like a delivery, so the ladder shows it and a retry does not reconsider.
        await log.hold({
          key,
          workflowId: input.duty.workflowId,
          kind: input.kind,
          recipient: contact.email,
          subject: '',
          messageId: '',
          delivery: hold,
          at: heldAt,
        });
        held.push({ email: contact.email, delivery: hold });
        continue;
      }
      const mail = renderEmail({
        kind: input.kind,
        duty: input.duty,
        recipientName: contact.name,
        role,
        nowMs: Math.max(Date.now(), input.scheduledAt),
        link,
        note: input.note,
        ...(deps.sessionSecret && role === 'to' && ACKNOWLEDGE_IN.includes(input.kind)
          ? {
              acknowledgeLink: signActionLink({
                secret: deps.sessionSecret,
                publicUrl: deps.publicUrl,
                workflowId: input.duty.workflowId,
                action: 'acknowledge',
                email: contact.email,
                expiresAt: Date.now() + ACTION_LINK_TTL_MS,
              }),
            }
          : {}),
        ...(contact.lang ? { lang: contact.lang } : {}),
      });
      await log.send({
        key,
        workflowId: input.duty.workflowId,
        kind: input.kind,
        from: deps.mailFrom,
        to: contact,
        mail,
        headers: { 'X-Duty-Id': input.duty.workflowId, 'X-Duty-Step': input.idempotencyKey },
      });
      delivered.push(contact.email);
      // Wall clock against the ladder's instant: only real workers have metrics (a
      // simulation's clock is not the machine's).
      deps.metrics?.reminderLateness(Date.now() - input.scheduledAt);
    }
    if (!input.record) return { delivered, alreadySent, held };
    // The machine's clock, unless the server's runs ahead of it (a time-skipping test
    // server): then the attempt's scheduled instant plus the time the attempt took.
    const scheduled = Context.current().info.currentAttemptScheduledTimestampMs;
    const sentAt = Math.max(Date.now(), scheduled + (Date.now() - startedAt));
    const { state, step } = input.record;
    recordSent(state, step, input.to, input.cc, sentAt, held);
    await recordDuty(state);
    return { delivered, alreadySent, held, sentAt };
  }

  async function recordDuty(state: DutyState): Promise<void> {
    const { row, roles } = dutySnapshot(state, new Date().toISOString());
    await writeDutySnapshot(db, row, roles);
  }

  return {
    sendNotification,
    recordDuty,
    ...createCycleActivities(deps, log),
    ...createDigestActivities(deps, log),
    ...createSimulationActivities(deps),
  };
}
