// A real SMTP server on loopback that keeps what it receives: the embedded mail system of
// `npm start` (messages land as .eml files in the data folder) and the mail server of tests.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  raw: string;
  from: string;
  to: string[];
  receivedAt: number;
}

export interface MailSink {
  port: number;
  received: ReceivedMail[];
  /** Resolves once at least `count` messages have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /**
   * Holds each message whose data has arrived before answering it (a slow mail server), so a
   * test can crash the sender mid-delivery. A held message counts as received only once
   * answered; one whose sender hung up meanwhile was never accepted and is dropped.
   * `afterMore` messages are still accepted first.
   */
  hold(afterMore?: number): void;
  /** Answers the held messages and stops holding. */
  release(): void;
  /** Messages waiting for their answer. */
  readonly holding: number;
  stop(): Promise<void>;
}

export async function startMailSink(
  opts: {
    port?: number;
    saveDir?: string;
    /** Recipients to refuse at RCPT TO, as a mail server refuses an unknown mailbox (tests). */
    refuse?: (address: string) => boolean;
  } = {},
): Promise<MailSink> {
  const received: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  let holding = false;
  /** Messages still accepted before holding starts. */
  let passes = 0;
  const held: { sessionId: string; accept: () => void }[] = [];
  const closedSessions = new Set<string>();
  if (opts.saveDir) mkdirSync(opts.saveDir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!opts.refuse?.(address.address)) return callback();
      // Worded the way real servers word it: the address is in the reply.
      const err = new Error(`<${address.address}>: Recipient address rejected: User unknown`);
      (err as Error & { responseCode: number }).responseCode = 550;
      callback(err);
    },
    onClose(session) {
      if (held.some((h) => h.sessionId === session.id)) closedSessions.add(session.id);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const accept = (): void => {
          const mail: ReceivedMail = {
            raw,
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            receivedAt: Date.now(),
          };
          received.push(mail);
          if (opts.saveDir) {
            const name = `${new Date(mail.receivedAt).toISOString().replace(/[:.]/g, '-')}-${received.length}.eml`;
            writeFileSync(join(opts.saveDir, name), mail.raw);
          }
          for (const w of waiters) w();
          callback();
        };
        if (holding && passes === 0) {
          held.push({ sessionId: session.id, accept });
          return;
        }
        if (holding) passes -= 1;
        accept();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    waitFor(count, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (received.length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(received.slice());
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`expected ${count} messages within ${timeoutMs} ms, got ${received.length}`),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    hold(afterMore = 0) {
      holding = true;
      passes = afterMore;
    },
    release() {
      holding = false;
      passes = 0;
      for (const h of held.splice(0)) {
        if (closedSessions.delete(h.sessionId)) continue;
        h.accept();
      }
    },
    get holding() {
      return held.filter((h) => !closedSessions.has(h.sessionId)).length;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
