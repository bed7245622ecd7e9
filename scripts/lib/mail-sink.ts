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
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const mail: ReceivedMail = {
          raw: Buffer.concat(chunks).toString('utf8'),
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
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
