// The idempotency log every message goes through: a (step, recipient) key is looked up before
// sending and written once the SMTP server has accepted, so a retried activity never writes to
// the same person twice about the same thing.
import { createHash } from 'node:crypto';
import type { Contact } from '../common/duty-schema.ts';
import type { Db } from '../db/index.ts';
import { isDeliveryLogged, logDelivery as writeDelivery } from '../db/delivery-log.ts';
import type { RenderedEmail } from '../domain/email.ts';
import type { ServiceMetrics } from '../ops/metrics.ts';
import type { Mailer } from './mailer.ts';

const alreadyLogged = isDeliveryLogged;

export interface LogEntry {
  key: string;
  workflowId: string;
  kind: string;
  recipient: string;
  subject: string;
  messageId: string;
  delivery?: 'sent' | 'digest' | 'opted-out';
  /**
   * When it happened, in the workflow's time (ms), if not now: the digest reads what was held
   * since the last digest, and a simulation's clock is not the machine's.
   */
  at?: number;
}

function logDelivery(db: Db, e: LogEntry): Promise<void> {
  return writeDelivery(db, {
    key: e.key,
    workflowId: e.workflowId,
    kind: e.kind,
    recipient: e.recipient,
    subject: e.subject,
    messageId: e.messageId,
    sentAt: new Date(e.at ?? Date.now()).toISOString(),
    delivery: e.delivery ?? 'sent',
  });
}

export interface Outgoing {
  key: string;
  workflowId: string;
  kind: string;
  from: string;
  to: Contact;
  mail: RenderedEmail;
  headers: Record<string, string>;
  /** As LogEntry's `at`. */
  at?: number;
}

/** One per worker: the log, and what this worker sent but could not yet write to it. */
export function createDeliveryLog(db: Db, mailer: Mailer, metrics?: ServiceMetrics) {
  // Messages the mail server accepted whose row could not be written (the database was down):
  // a retry on this worker writes the row instead of sending the message again. Only a worker
  // that dies in between forgets one; its retry sends again, under the same Message-ID.
  const sentUnrecorded = new Map<string, LogEntry>();

  /** Whether `key` was delivered (or held) already; a pending row is written now. */
  async function done(key: string): Promise<boolean> {
    const pending = sentUnrecorded.get(key);
    if (pending) {
      await logDelivery(db, pending);
      sentUnrecorded.delete(key);
      return true;
    }
    return alreadyLogged(db, key);
  }

  /** A message not sent by the recipient's choice, logged like a delivery. */
  async function hold(e: LogEntry): Promise<void> {
    await logDelivery(db, e);
    metrics?.messageSent(e.kind, e.delivery ?? 'digest');
  }

  /**
   * Sends one message and logs it under its key. The Message-ID is derived from the key, so
   * even a send repeated after a crash (mail accepted, row not yet written) carries the same
   * ID and mail clients show it once.
   */
  async function send(m: Outgoing): Promise<void> {
    const messageId = `<${createHash('sha256').update(m.key).digest('hex').slice(0, 32)}@duties.local>`;
    await mailer.send({
      from: m.from,
      to: `"${m.to.name.replace(/"/g, '')}" <${m.to.email}>`,
      subject: m.mail.subject,
      text: m.mail.text,
      html: m.mail.html,
      messageId,
      headers: m.headers,
    });
    const entry: LogEntry = {
      key: m.key,
      workflowId: m.workflowId,
      kind: m.kind,
      recipient: m.to.email,
      subject: m.mail.subject,
      messageId,
      ...(m.at === undefined ? {} : { at: m.at }),
    };
    sentUnrecorded.set(m.key, entry);
    await logDelivery(db, entry);
    sentUnrecorded.delete(m.key);
    metrics?.messageSent(m.kind, 'sent');
  }

  return { done, hold, send };
}

export type DeliveryLog = ReturnType<typeof createDeliveryLog>;
