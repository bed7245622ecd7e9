// The delivery log (the `notifications` table): one row per message per person, written once
// the SMTP server has accepted it or once it is held for a digest, keyed for idempotency.
import type { Db } from './index.ts';

export interface DeliveryRow {
  key: string;
  workflowId: string;
  kind: string;
  recipient: string;
  subject: string;
  messageId: string;
  delivery: 'sent' | 'digest' | 'opted-out';
  /** ISO instant, in the workflow's time. */
  sentAt: string;
}

export async function isDeliveryLogged(db: Db, key: string): Promise<boolean> {
  const row = await db
    .selectFrom('notifications')
    .select('idempotency_key')
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  return row !== undefined;
}

/** Writes the row unless its key is already there (a retried activity). */
export async function logDelivery(db: Db, e: DeliveryRow): Promise<void> {
  await db
    .insertInto('notifications')
    .values({
      idempotency_key: e.key,
      workflow_id: e.workflowId,
      step_kind: e.kind,
      recipient: e.recipient,
      subject: e.subject,
      message_id: e.messageId,
      sent_at: e.sentAt,
      delivery: e.delivery,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .execute();
}

/** Digests sent in [from, before), each with its recipient and time. */
export function digestsSent(db: Db, from: string, before: string) {
  return db
    .selectFrom('notifications')
    .select(['recipient', 'sent_at'])
    .where('step_kind', '=', 'digest')
    .where('sent_at', '>', from)
    .where('sent_at', '<', before)
    .execute();
}

/** Messages held for a digest in (from, until], oldest first. */
export function heldForDigest(db: Db, from: string, until: string) {
  return db
    .selectFrom('notifications')
    .select(['workflow_id', 'step_kind', 'recipient', 'sent_at'])
    .where('delivery', '=', 'digest')
    .where('sent_at', '>', from)
    .where('sent_at', '<=', until)
    .orderBy('sent_at')
    .execute();
}
