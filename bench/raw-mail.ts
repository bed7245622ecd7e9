// The raw baseline's one activity: a mail through the same SMTP server and the same mailer the
// duty worker uses, without a template, a read-model lookup or a delivery log, so the
// reminders' ratio to it measures what the service adds to a timer and a send.
import type { Mailer } from '../activities/mailer.ts';

export interface RawMailActivities {
  sendRawMail(tag: string): Promise<void>;
}

export function createRawMailActivities(mailer: Mailer): RawMailActivities {
  return {
    async sendRawMail(tag) {
      await mailer.send({
        from: 'no-reply@duties.bench',
        to: 'raw@duties.bench',
        subject: `Raw reminder ${tag}`,
        text: `Raw reminder ${tag}`,
        html: `<p>Raw reminder ${tag}</p>`,
        messageId: `<${tag}@duties.bench>`,
        headers: { 'X-Duty-Id': tag },
      });
    },
  };
}
