// One morning message per person: the daily digest. Agencies that chose it read what is
// overdue and what falls due within a week, every working morning, instead of single
// reminders. Under a plan's per-person budget (policy `delivery: 'digest'`) everybody reads,
// the morning after, what the ladder and the people held for them since their last digest:
// reminders, overdue notices, urges, requests and lapses of contributions, products submitted
// and decisions taken. Escalations and manual urges always go out singly.
import { Context } from '@temporalio/activity';
import type { Contact } from '../common/duty-schema.ts';
import { CLOSED_FOR_LEAD, type DutyAction, type DutyState } from '../common/duty-state.ts';
import type { Db } from '../db/index.ts';
import { digestAgencies, peopleOf } from '../db/notify-prefs.ts';
import { digestsSent, heldForDigest } from '../db/delivery-log.ts';
import { dutyStatesByIds, openDutiesOfAgency } from '../db/duty-snapshots.ts';
import { IMMEDIATE_CALENDAR, isWorkingDay } from '../domain/calendar.ts';
import {
  renderDigest,
  type DigestItem,
  type DigestNews,
  type DigestNewsKind,
} from '../domain/digest-email.ts';
import { dutyCalendar } from '../domain/holidays.ts';
import { DAY_MS, localMidnight, localParts } from '../domain/local-time.ts';
import { nationalYear } from '../plans/national-calendar.ts';
import type { DeliveryLog } from './delivery-log.ts';
import type { ActivityDeps } from './index.ts';

/** A digest lists what falls due within this many days. */
export const DIGEST_HORIZON_DAYS = 7;
/** How far back a digest looks for held messages, should digests have stopped for a while. */
const LOOKBACK_DAYS = 31;

/** What one agency owes by `asOf` + horizon and has not handed in: as lead, and as contributor. */
async function agencyItems(
  db: Db,
  agencyId: string,
  asOf: number,
  publicUrl: string,
): Promise<DigestItem[]> {
  const until = new Date(asOf + DIGEST_HORIZON_DAYS * DAY_MS).toISOString();
  const rows = await openDutiesOfAgency(db, agencyId);
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

/** One person's digest as it is gathered: keyed so a duty is listed once per role or notice. */
interface Reader {
  contact: Contact;
  agencyId: string;
  agencyName: string;
  items: Map<string, DigestItem>;
  news: Map<string, DigestNews>;
}

/** The decision a held notice tells of, to quote its comment. */
const DECIDED_BY: Partial<Record<DigestNewsKind, DutyAction>> = {
  accepted: 'accept',
  returned: 'return',
  'extension-granted': 'grant-extension',
  'extension-refused': 'refuse-extension',
};

const has = (people: Contact[], email: string): Contact | undefined =>
  people.find((p) => p.email.toLowerCase() === email);

/**
 * What a message held for `email` adds to their digest, as the duty stands now: a reminder for
 * a product that came in meanwhile, or a contribution since sent, adds nothing.
 */
function fromHeld(
  s: DutyState,
  kind: string,
  email: string,
  link: string,
):
  | { contact: Contact; agencyId: string; agencyName: string; item?: DigestItem; news?: DigestNews }
  | undefined {
  const lead = has([s.lead.head, ...s.lead.focalPoints], email);
  const coordinator = s.coordinating.find((a) => has([a.head, ...a.focalPoints], email));
  const standing = has([s.standing.head, ...s.standing.focalPoints], email);
  const contact =
    lead ?? (coordinator && has([coordinator.head, ...coordinator.focalPoints], email)) ?? standing;
  if (!contact) return undefined;
  const agency = lead ? s.lead : (coordinator ?? s.standing);
  const who = { contact, agencyId: agency.id, agencyName: agency.name };
  const open = !CLOSED_FOR_LEAD.includes(s.status);
  const base = { title: s.title, period: s.period, link, leadName: s.lead.name };
  const contribution = coordinator
    ? s.contributions.find((c) => c.agencyId === coordinator.id && !c.contributedAt)
    : undefined;
  switch (kind) {
    case 'reminder':
    case 'overdue':
    case 'urge':
      if (!open) return undefined;
      return {
        ...who,
        item: { ...base, dueAt: s.dueAt, role: lead ? 'lead' : 'copy' },
      };
    case 'contribution-reminder':
      if (!open || !contribution) return undefined;
      return { ...who, item: { ...base, dueAt: contribution.dueAt, role: 'coordinating' } };
    case 'contribution-request':
      if (!open || !contribution) return undefined;
      return { ...who, news: { ...base, kind, dueAt: contribution.dueAt } };
    case 'contribution-overdue': {
      if (!open) return undefined;
      if (contribution) return { ...who, news: { ...base, kind, dueAt: contribution.dueAt } };
      const missing = s.contributions.filter((c) => !c.contributedAt);
      const first = missing[0];
      if (!lead || !first) return undefined;
      return {
        ...who,
        news: { ...base, kind, dueAt: first.dueAt, missing: missing.map((c) => c.agencyName) },
      };
    }
    case 'submitted':
      // Reviewed before the digest: nothing left to tell.
      if (s.status !== 'submitted') return undefined;
      return { ...who, news: { ...base, kind, dueAt: s.dueAt } };
    case 'accepted':
    case 'returned':
    case 'extension-granted':
    case 'extension-refused': {
      const action = DECIDED_BY[kind];
      const comment = s.history.findLast((h) => h.action === action)?.comment;
      return { ...who, news: { ...base, kind, dueAt: s.dueAt, ...(comment ? { comment } : {}) } };
    }
    default:
      return undefined;
  }
}

export function createDigestActivities(
  deps: Pick<ActivityDeps, 'db' | 'publicUrl' | 'mailFrom' | 'nationalCalendar'>,
  log: DeliveryLog,
) {
  const { db } = deps;
  const link = (id: string) => `${deps.publicUrl}/duties/${encodeURIComponent(id)}`;

  /** Messages held for a digest since each person's last one, by lower-case email. */
  async function heldSinceLastDigest(asOf: number) {
    const from = new Date(asOf - LOOKBACK_DAYS * DAY_MS).toISOString();
    const dayStart = new Date(localMidnight(asOf)).toISOString();
    const last = new Map<string, string>();
    for (const r of await digestsSent(db, from, dayStart)) {
      const e = r.recipient.toLowerCase();
      if (r.sent_at > (last.get(e) ?? '')) last.set(e, r.sent_at);
    }
    const held = await heldForDigest(db, from, new Date(asOf).toISOString());
    return held.filter((r) => r.sent_at > (last.get(r.recipient.toLowerCase()) ?? ''));
  }

  async function states(ids: string[]): Promise<Map<string, DutyState>> {
    const out = new Map<string, DutyState>();
    for (const [id, json] of await dutyStatesByIds(db, ids)) {
      out.set(id, JSON.parse(json) as DutyState);
    }
    return out;
  }

  /**
   * One digest per person with something to read, once per local day, on working days only
   * (what is held over a holiday waits for the next one); nothing when nothing is owed.
   */
  async function sendDigests(input: {
    asOf: number;
  }): Promise<{ sent: number; alreadySent: number }> {
    const national = deps.nationalCalendar ?? nationalYear;
    const p = localParts(input.asOf);
    if (!isWorkingDay(dutyCalendar(IMMEDIATE_CALENDAR, p.year, national), input.asOf)) {
      return { sent: 0, alreadySent: 0 };
    }
    const day = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
    const readers = new Map<string, Reader>();
    const reader = (contact: Contact, agencyId: string, agencyName: string): Reader => {
      const key = contact.email.toLowerCase();
      let r = readers.get(key);
      if (!r) {
        r = { contact, agencyId, agencyName, items: new Map(), news: new Map() };
        readers.set(key, r);
      }
      return r;
    };
    const itemKey = (i: DigestItem) => `${i.link}|${i.role}`;

    for (const agency of await digestAgencies(db)) {
      const items = await agencyItems(db, agency.id, input.asOf, deps.publicUrl);
      if (items.length === 0) continue;
      for (const person of peopleOf(agency)) {
        const r = reader(person, agency.id, agency.name);
        for (const i of items) r.items.set(itemKey(i), i);
      }
    }

    const held = await heldSinceLastDigest(input.asOf);
    const duties = await states([...new Set(held.map((h) => h.workflow_id))]);
    for (const h of held) {
      const s = duties.get(h.workflow_id);
      if (!s) continue;
      const found = fromHeld(s, h.step_kind, h.recipient.toLowerCase(), link(s.workflowId));
      if (!found) continue;
      const r = reader(found.contact, found.agencyId, found.agencyName);
      if (found.item) r.items.set(itemKey(found.item), found.item);
      if (found.news) r.news.set(`${found.news.link}|${found.news.kind}`, found.news);
    }

    let sent = 0;
    let alreadySent = 0;
    for (const [email, r] of readers) {
      if (r.items.size === 0 && r.news.size === 0) continue;
      Context.current().heartbeat(sent + alreadySent);
      const key = `digest|${day}|${email}`;
      if (await log.done(key)) {
        alreadySent += 1;
        continue;
      }
      const mail = renderDigest({
        recipientName: r.contact.name,
        agencyName: r.agencyName,
        items: [...r.items.values()],
        news: [...r.news.values()],
        nowMs: input.asOf,
        ...(r.contact.lang ? { lang: r.contact.lang } : {}),
      });
      await log.send({
        key,
        workflowId: `digest:${r.agencyId}`,
        kind: 'digest',
        from: deps.mailFrom,
        to: r.contact,
        mail,
        headers: { 'X-Duty-Digest': day },
        at: input.asOf,
      });
      sent += 1;
    }
    return { sent, alreadySent };
  }

  return { sendDigests };
}
