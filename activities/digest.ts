// Agencies that chose a daily digest get one message per person each working morning listing
// what is overdue and what falls due within a week, instead of single reminders; people who
// opted out of non-critical reminders stop getting those. Critical notices (escalations,
// manual urges, returned products) always go out singly.
import { Context } from '@temporalio/activity';
import type { DutyState } from '../common/duty-state.ts';
import type { Db } from '../db/index.ts';
import { digestAgencies, peopleOf } from '../db/notify-prefs.ts';
import { renderDigest, type DigestItem } from '../domain/digest-email.ts';
import { DAY_MS, localParts } from '../domain/local-time.ts';
import type { DeliveryLog } from './delivery-log.ts';
import type { ActivityDeps } from './index.ts';

/** A digest lists what falls due within this many days. */
export const DIGEST_HORIZON_DAYS = 7;

/** What one agency owes by `asOf` + horizon and has not handed in: as lead, and as contributor. */
async function agencyItems(
  db: Db,
  agencyId: string,
  asOf: number,
  publicUrl: string,
): Promise<DigestItem[]> {
  const until = new Date(asOf + DIGEST_HORIZON_DAYS * DAY_MS).toISOString();
  const rows = await db
    .selectFrom('duties')
    .innerJoin('duty_agencies as da', 'da.duty_id', 'duties.id')
    .select(['duties.state_json', 'da.role'])
    .where('da.agency_id', '=', agencyId)
    .where('duties.status', 'not in', ['submitted', 'accepted', 'cancelled'])
    .execute();
  const link = (id: string) => `${publicUrl}/duties/${encodeURIComponent(id)}`;
  const items: DigestItem[] = [];
  for (const r of rows) {
    const s = JSON.parse(r.state_json) as DutyState;
    if (r.role === 'lead') {
      if (s.dueAt <= until) {
        items.push({
          title: s.title,
          period: s.period,
          dueAt: s.dueAt,
          role: 'lead',
          link: link(s.workflowId),
        });
      }
      continue;
    }
    const c = s.contributions.find((x) => x.agencyId === agencyId && !x.contributedAt);
    if (c && c.dueAt <= until) {
      items.push({
        title: s.title,
        period: s.period,
        dueAt: c.dueAt,
        role: 'coordinating',
        link: link(s.workflowId),
      });
    }
  }
  return items;
}

export function createDigestActivities(
  deps: Pick<ActivityDeps, 'db' | 'publicUrl' | 'mailFrom'>,
  log: DeliveryLog,
) {
  const { db } = deps;

  /** One digest per person of each digest agency, once per local day; nothing when nothing is owed. */
  async function sendDigests(input: {
    asOf: number;
  }): Promise<{ sent: number; alreadySent: number }> {
    const p = localParts(input.asOf);
    const day = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
    let sent = 0;
    let alreadySent = 0;
    for (const agency of await digestAgencies(db)) {
      const items = await agencyItems(db, agency.id, input.asOf, deps.publicUrl);
      if (items.length === 0) continue;
      for (const person of peopleOf(agency)) {
        Context.current().heartbeat(sent + alreadySent);
        const key = `digest|${day}|${person.email.toLowerCase()}`;
        if (await log.done(key)) {
          alreadySent += 1;
          continue;
        }
        const mail = renderDigest({
          recipientName: person.name,
          agencyName: agency.name,
          items,
          nowMs: input.asOf,
          ...(person.lang ? { lang: person.lang } : {}),
        });
        await log.send({
          key,
          workflowId: `digest:${agency.id}`,
          kind: 'digest',
          from: deps.mailFrom,
          to: person,
          mail,
          headers: { 'X-Duty-Digest': day },
        });
        sent += 1;
      }
    }
    return { sent, alreadySent };
  }

  return { sendDigests };
}
