// Structured JSON logs from a kept library (pino), one line per event, with no personal data:
// addresses, names and phone numbers are removed by key and email addresses by pattern,
// wherever they hide (messages, error texts), before a line is written.
import { pino, type Logger } from 'pino';

const PERSONAL_KEYS = [
  'email',
  'recipient',
  'to',
  'cc',
  'name',
  'phone',
  'head',
  'focalPoints',
  'actor',
];
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;

/** Masks email addresses in free text. */
export const withoutAddresses = (text: string): string => text.replace(EMAIL, '[email]');

export function createLogger(
  service: 'api' | 'worker' | 'start',
  destination?: pino.DestinationStream,
): Logger {
  return pino(
    {
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: PERSONAL_KEYS.flatMap((k) => [k, `*.${k}`]),
        censor: '[redacted]',
      },
      formatters: { level: (label) => ({ level: label }) },
      serializers: {
        err: (err: unknown) =>
          err instanceof Error
            ? {
                type: err.name,
                message: withoutAddresses(err.message),
                stack: withoutAddresses(err.stack ?? ''),
              }
            : { message: withoutAddresses(String(err)) },
      },
      hooks: {
        // Free text too: a message may quote an address the caller typed.
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? withoutAddresses(a) : a)) as typeof args,
          );
        },
      },
    },
    destination,
  );
}

/** The `(msg, err?)` logging function createApp and the pages take, as JSON lines. */
export function logFunction(logger: Logger): (msg: string, err?: unknown) => void {
  return (msg, err) => {
    if (err === undefined) logger.warn(msg);
    else logger.error({ err }, msg);
  };
}
