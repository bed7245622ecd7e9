import nodemailer from 'nodemailer';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
}

/** What activities need from a mail system; the worker gives SMTP, tests give a real SMTP too. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  verify(): Promise<void>;
  close(): void;
}

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  user?: string | undefined;
  pass?: string | undefined;
}

export function createSmtpMailer(config: SmtpConfig): Mailer {
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    ...(config.user ? { auth: { user: config.user, pass: config.pass ?? '' } } : {}),
    // A reminder that cannot be handed over quickly fails the attempt; Temporal retries it.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 15_000,
  });
  return {
    async send(mail) {
      try {
        await transport.sendMail(mail);
      } catch (err) {
        throw withoutAddresses(err);
      }
    },
    async verify() {
      await transport.verify();
    },
    close: () => transport.close(),
  };
}

/** An address the way SMTP replies and nodemailer's messages quote it (`<a@b>`, `a@b`). */
const ADDRESS = /[^\s<>"'(),;:[\]]+@[^\s<>"'(),;:[\]]+/g;

/**
 * nodemailer's errors quote the recipient (in the server's reply, `rejected`, `recipient`), and
 * whatever keeps the error — the app's log, the worker's log, the failure recorded in the
 * workflow's history — would keep a person's address. What goes on is the kind of failure: the
 * message with addresses blanked, the SMTP command, error code and reply code.
 */
export function withoutAddresses(err: unknown): Error {
  const e = (err ?? {}) as { message?: unknown; code?: unknown; command?: unknown };
  const message = typeof e.message === 'string' ? e.message : 'SMTP delivery failed';
  const clean = new Error(message.replace(ADDRESS, '<address>'));
  clean.name = 'SmtpError';
  const responseCode = (err as { responseCode?: unknown } | undefined)?.responseCode;
  Object.assign(clean, {
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(typeof e.command === 'string' ? { command: e.command } : {}),
    ...(typeof responseCode === 'number' ? { responseCode } : {}),
  });
  return clean;
}
