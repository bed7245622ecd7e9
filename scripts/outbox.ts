// `npm run outbox`: the newest messages the embedded SMTP server of `npm start` kept in
// DATA_DIR/outbox, decoded (the .eml files are quoted-printable, which breaks links across
// lines). How a sign-in link reaches you in development.
//   npm run outbox                  the last 5 messages
//   npm run outbox -- --to <email>  the last 5 to that address
//   npm run outbox -- -n 20
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import PostalMime from 'postal-mime';
import { loadConfig } from '../config/env.ts';

const { values } = parseArgs({
  options: { to: { type: 'string' }, n: { type: 'string', short: 'n', default: '5' } },
});
const dir = join(loadConfig().dataDir, 'outbox');
const files = (existsSync(dir) ? readdirSync(dir) : []).filter((f) => f.endsWith('.eml')).sort();
const wanted = values.to?.toLowerCase();
const shown: string[] = [];
for (const file of files.reverse()) {
  if (shown.length >= Number(values.n)) break;
  const mail = await PostalMime.parse(readFileSync(join(dir, file)));
  const to = (mail.to ?? []).flatMap((a) => ('address' in a && a.address ? [a.address] : []));
  if (wanted && !to.some((a) => a.toLowerCase() === wanted)) continue;
  shown.push(
    `── ${file}\nTo: ${to.join(', ')}\nSubject: ${mail.subject ?? ''}\n\n${mail.text ?? ''}`,
  );
}
console.log(
  shown.reverse().join('\n\n') || `No messages in ${dir}${wanted ? ` to ${wanted}` : ''}`,
);
