import PostalMime from 'postal-mime';
import type { ReceivedMail } from '../../scripts/lib/mail-sink.ts';

export interface ParsedMail {
  subject: string;
  to: string[];
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
}

export async function parseMail(mail: ReceivedMail): Promise<ParsedMail> {
  const email = await PostalMime.parse(mail.raw);
  return {
    subject: email.subject ?? '',
    to: (email.to ?? []).flatMap((a) => ('address' in a && a.address ? [a.address] : [])),
    text: email.text ?? '',
    html: email.html ?? '',
    messageId: email.messageId ?? '',
    headers: Object.fromEntries(email.headers.map((h) => [h.key, h.value])),
  };
}
