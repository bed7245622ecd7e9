import { createHash } from 'node:crypto';
import { Context } from '@temporalio/activity';
import type { Contact } from '../common/duty-schema.ts';
import type { DutyState } from '../common/duty-state.ts';
import type { Insertable } from 'kysely';
import type { Database, Db } from '../db/index.ts';
import { renderEmail, type DutySummary, type RenderInput } from '../domain/email.ts';
import type { Client } from '@temporalio/client';
import { trackingColumns } from '../db/tracking-columns.ts';
import { createCycleActivities } from './cycle.ts';
import { heldRecipients } from '../db/notify-prefs.ts';
import { createDigestActivities } from './digest.ts';
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
}

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
}

export interface NotificationResult {
  delivered: string[];
  /** Recipients an earlier attempt had already reached. */
  alreadySent: string[];
  /** Recipients not written to singly, by their own or their agency's choice. */
  held: { email: string; delivery: 'digest' | 'opted-out' }[];
}

type NotificationRow = Insertable<Database['notifications']>;

export function createActivities(deps: ActivityDeps) {
  const { db, mailer } = deps;
  // Messages the mail server accepted whose row could not be written (the database was down):
  // a retry on this worker writes the row instead of sending the message again. Only a worker
  // that dies in between forgets one; its retry sends again, under the same Message-ID.
  const sentUnrecorded = new Map<string, NotificationRow>();
  const record = async (row: NotificationRow): Promise<void> => {
    await db
      .insertInto('notifications')
      .values(row)
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .execute();
  };

  async function sendNotification(input: NotificationInput): Promise<NotificationResult> {
    const delivered: string[] = [];
    const alreadySent: string[] = [];
    const held: NotificationResult['held'] = [];
    const holds = await heldRecipients(
      db,
      input.kind,
      [...input.to, ...input.cc].map((c) => c.email),
    );
    const link = `${deps.publicUrl}/duties/${encodeURIComponent(input.duty.workflowId)}`;
    const messages = [
      ...input.to.map((c) => ({ contact: c, role: 'to' as const })),
      ...input.cc.map((c) => ({ contact: c, role: 'cc' as const })),
    ];
    for (const { contact, role } of messages) {
      Context.current().heartbeat(delivered.length + alreadySent.length);
      const key = `${input.idempotencyKey}|${contact.email.toLowerCase()}`;
      const unrecorded = sentUnrecorded.get(key);
      if (unrecorded) {
        await record(unrecorded);
        sentUnrecorded.delete(key);
        alreadySent.push(contact.email);
        continue;
      }
      const existing = await db
        .selectFrom('notifications')
        .select('idempotency_key')
        .where('idempotency_key', '=', key)
        .executeTakeFirst();
      if (existing) {
        alreadySent.push(contact.email);
        continue;
      }
      const hold = holds.get(contact.email.toLowerCase());
      if (hold) {
        // Recorded like a delivery, so the ladder shows it and a retry does not reconsider.
        await db
          .insertInto('notifications')
          .values({
            idempotency_key: key,
            workflow_id: input.duty.workflowId,
            step_kind: input.kind,
            recipient: contact.email,
            subject: '',
            message_id: '',
            sent_at: new Date().toISOString(),
            delivery: hold,
          })
          .onConflict((oc) => oc.column('idempotency_key').doNothing())
          .execute();
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
        ...(contact.lang ? { lang: contact.lang } : {}),
      });
      // The Message-ID is derived from the key, so even a send repeated after a crash (mail
      // accepted, row not yet written) carries the same ID and mail clients show it once.
      const messageId = `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@duties.local>`;
      await mailer.send({
        from: deps.mailFrom,
        to: `"${contact.name.replace(/"/g, '')}" <${contact.email}>`,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId,
        headers: { 'X-Duty-Id': input.duty.workflowId, 'X-Duty-Step': input.idempotencyKey },
      });
      const row: NotificationRow = {
        idempotency_key: key,
        workflow_id: input.duty.workflowId,
        step_kind: input.kind,
        recipient: contact.email,
        subject: mail.subject,
        message_id: messageId,
        sent_at: new Date().toISOString(),
      };
      sentUnrecorded.set(key, row);
      await record(row);
      sentUnrecorded.delete(key);
      delivered.push(contact.email);
    }
    return { delivered, alreadySent, held };
  }

  async function recordDuty(state: DutyState): Promise<void> {
    const row = {
      id: state.workflowId,
      plan_id: state.planId,
      duty_id: state.dutyId,
      period: state.period,
      title: state.title,
      lead_agency_id: state.lead.id,
      status: state.status,
      due_at: state.dueAt,
      original_due_at: state.originalDueAt,
      revision: state.revision,
      updated_at: new Date().toISOString(),
      state_json: JSON.stringify(state),
      ...trackingColumns(state),
    };
    const roles = [
      { duty_id: row.id, agency_id: state.lead.id, role: 'lead' as const },
      ...state.coordinating.map((a) => ({
        duty_id: row.id,
        agency_id: a.id,
        role: 'coordinating' as const,
      })),
    ];
    await db.transaction().execute(async (trx) => {
      const written = await trx
        .insertInto('duties')
        .values(row)
        .onConflict((oc) =>
          oc
            .column('id')
            .doUpdateSet(row)
            // A retried activity carrying an older snapshot must not overwrite a newer one.
            .where('duties.revision', '<', row.revision),
        )
        .executeTakeFirst();
      if (Number(written.numInsertedOrUpdatedRows ?? 0) === 0) return;
      await trx.deleteFrom('duty_agencies').where('duty_id', '=', row.id).execute();
      await trx.insertInto('duty_agencies').values(roles).execute();
    });
  }

  return {
    sendNotification,
    recordDuty,
    ...createCycleActivities(deps),
    ...createDigestActivities(deps),
  };
}
