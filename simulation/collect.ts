// What a simulated year gives back, read off its duties' final states and the delivery log's
// digests, for both simulations (simulate.ts queries its workflows for the states, pure.ts has
// them at hand): rows of the timeline, messages per person and role.
import type { Contact } from '../common/duty-schema.ts';
import type { DutyState } from '../common/duty-state.ts';
import type { Db } from '../db/index.ts';
import { sentDigests } from '../db/simulations.ts';
import { URGENT } from '../domain/ladder.ts';
import { formatDateTime, localDateKey } from '../domain/local-time.ts';
import type {
  MailFigures,
  MailRole,
  Person,
  PersonGroup,
  SimulationResult,
  TimelineRow,
} from './schema.ts';
import { shiftIso, shiftPeriod, shiftYears } from './shift.ts';

/** One message to one person, at a real-year instant. */
interface Sent {
  email: string;
  at: number;
  kind: string;
  roles: MailRole[];
}

/** The role a person (lower-case email) has in a duty, the lead's first. */
function roleIn(d: DutyState, email: string): MailRole {
  const among = (people: Contact[]) => people.some((p) => p.email.toLowerCase() === email);
  if (among([d.lead.head, ...d.lead.focalPoints])) return 'lead';
  if (d.coordinating.some((a) => among([a.head, ...a.focalPoints]))) return 'coordinating';
  if (among([d.standing.head, ...d.standing.focalPoints])) return 'standing';
  return 'supervisor';
}

const MAIL_ROLES: readonly MailRole[] = ['lead', 'coordinating', 'standing', 'supervisor'];
const DIGEST_WORD = { digest: 'tổng hợp', 'opted-out': 'từ chối nhắc' } as const;

export interface Collected {
  /** Every duty of the year, in the order it joined (cycle's launch, then commitments). */
  states: DutyState[];
  sim: Db;
  shift: number;
  delivery: 'digest' | 'single';
  counts: { late: number; missing: number; extensions: number };
  /** Refused actions, already worded for the reader (when, in the real year, and why). */
  refused: string[];
}

export async function collect(
  base: Pick<SimulationResult, 'planId' | 'year' | 'shadowYear' | 'behaviour'>,
  c: Collected,
  elapsedMs: () => number,
): Promise<SimulationResult> {
  const { shift } = c;
  const timeline: TimelineRow[] = [];
  const dutyRows: SimulationResult['duties'] = [];
  const byStatus: Record<string, number> = {};
  const notifications: Record<string, number> = {};
  const mail: Sent[] = [];
  const roles = new Map<string, Set<MailRole>>();
  const people = new Map<string, Person>();
  const person = (p: Contact, agency: string, group: PersonGroup) => {
    const e = p.email.toLowerCase();
    const known = people.get(e) ?? { name: p.name, agency, groups: [] };
    if (!known.groups.includes(group)) known.groups.push(group);
    people.set(e, known);
  };
  const agencyNames = new Map<string, string>();
  const row = (
    iso: string,
    d: DutyState | undefined,
    agency: string,
    event: string,
    detail: string,
    recipients?: string[],
  ) => {
    const real = shiftYears(Date.parse(iso), -shift);
    timeline.push({
      at: formatDateTime(real),
      instant: new Date(real).toISOString(),
      duty: d ? `${d.dutyId} ${shiftPeriod(d.period, -shift)}` : '',
      agency,
      event,
      detail,
      ...(recipients ? { recipients } : {}),
    });
    for (const email of recipients ?? []) {
      const e = email.toLowerCase();
      mail.push({
        email: e,
        at: real,
        kind: event.replace(/^notify:/, ''),
        // A duty's message counts for the role the person has in it; a digest, which may
        // speak of several duties, for every role the person has.
        roles: d ? [roleIn(d, e)] : [...(roles.get(e) ?? [])],
      });
    }
  };
  for (const d of c.states) {
    const role = (list: Contact[], r: MailRole) => {
      for (const p of list) {
        const e = p.email.toLowerCase();
        roles.set(e, (roles.get(e) ?? new Set()).add(r));
      }
    };
    role([d.lead.head, ...d.lead.focalPoints], 'lead');
    for (const a of d.coordinating) role([a.head, ...a.focalPoints], 'coordinating');
    role([d.standing.head, ...d.standing.focalPoints], 'standing');
    role([d.supervisor], 'supervisor');
    for (const a of [d.lead, ...d.coordinating]) {
      person(a.head, a.name, 'head');
      for (const f of a.focalPoints) person(f, a.name, 'focal');
    }
    for (const p of [d.standing.head, ...d.standing.focalPoints]) {
      person(p, d.standing.name, 'standing');
    }
    person(d.supervisor, d.supervisor.title, 'supervisor');
    for (const a of [d.lead, d.standing, ...d.coordinating]) agencyNames.set(a.id, a.name);
    byStatus[d.status] = (byStatus[d.status] ?? 0) + 1;
    const due = shiftYears(Date.parse(d.dueAt), -shift);
    dutyRows.push({
      id: d.workflowId.replace(d.period, shiftPeriod(d.period, -shift)),
      title: d.title,
      product: d.product,
      lead: d.lead.name,
      period: shiftPeriod(d.period, -shift),
      dueAt: new Date(due).toISOString(),
      originalDueAt: shiftIso(d.originalDueAt, -shift),
      lastDay: formatDateTime(due - 1).slice(6),
      status: d.status,
      late: d.submissions.some((x) => x.late),
      notifications: d.notifications.map((n) => ({
        kind: n.kind,
        at: shiftIso(n.sentAt, -shift),
        to: [...n.to, ...n.cc],
      })),
    });
    for (const h of d.history) row(h.at, d, h.actor.name, h.action, h.comment ?? '');
    for (const n of d.notifications) {
      notifications[n.kind] = (notifications[n.kind] ?? 0) + 1;
      const held = new Set(n.held?.map((h) => h.email.toLowerCase()));
      const written = (e: string) => !held.has(e.toLowerCase());
      row(
        n.sentAt,
        d,
        d.lead.name,
        `notify:${n.kind}`,
        [
          ...n.to.filter(written),
          ...n.cc.filter(written).map((x) => `cc ${x}`),
          ...(n.held?.length
            ? [
                `→ ${DIGEST_WORD[n.held[0]?.delivery ?? 'digest']}: ${n.held.map((h) => h.email).join(' ')}`,
              ]
            : []),
        ].join(', '),
        [...n.to, ...n.cc].filter(written),
      );
    }
  }
  // The digests, as the delivery log has them (stamped with the simulation's clock).
  for (const r of await sentDigests(c.sim)) {
    const agency = agencyNames.get(r.workflow_id.replace(/^digest:/, '')) ?? '';
    row(r.sent_at, undefined, agency, 'digest', r.recipient, [r.recipient]);
  }
  timeline.sort((x, y) => x.instant.localeCompare(y.instant) || x.duty.localeCompare(y.duty));
  const n = c.states.length;
  return {
    ...base,
    summary: {
      duties: n,
      byStatus,
      notifications,
      submittedLate: c.counts.late,
      neverSubmitted: c.counts.missing,
      extensionsGranted: c.counts.extensions,
      mail: {
        delivery: c.delivery,
        perDuty: n ? Math.round((mail.length / n) * 10) / 10 : 0,
        byKind: Object.fromEntries(
          [...new Set(mail.map((m) => m.kind))].map((k) => [
            k,
            mail.filter((m) => m.kind === k).length,
          ]),
        ),
        ...mailFigures(mail),
        byRole: Object.fromEntries(
          MAIL_ROLES.map((r) => [r, mailFigures(mail.filter((m) => m.roles.includes(r)))]),
        ) as Record<MailRole, MailFigures>,
      },
      refusedActions: c.refused,
      elapsedMs: elapsedMs(),
    },
    duties: dutyRows,
    timeline,
    people: Object.fromEntries(
      [...people].sort(([a], [b]) => a.localeCompare(b)).map(([e, p]) => [e, p]),
    ),
  };
}

/** How many people were written to, how often, and the most any of them got in a day. */
export function mailFigures(sent: readonly Sent[]): MailFigures {
  const perDay = (list: readonly Sent[]) => {
    const counts = new Map<string, number>();
    for (const m of list) {
      const key = `${m.email}|${localDateKey(m.at)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    let max = 0;
    let busiest: MailFigures['busiest'];
    // Ties go to the earliest day, then the first address: the same year simulated twice
    // names the same person, whatever order its messages went out in within a second.
    const byDayThenEmail = ([a]: [string, number], [b]: [string, number]) => {
      const [ea = '', da = ''] = a.split('|');
      const [eb = '', db = ''] = b.split('|');
      return da < db ? -1 : da > db ? 1 : ea < eb ? -1 : ea > eb ? 1 : 0;
    };
    for (const [key, n] of [...counts].sort(byDayThenEmail)) {
      if (n <= max) continue;
      max = n;
      const [email = '', day = ''] = key.split('|');
      busiest = { email, day };
    }
    return { max, busiest };
  };
  const all = perDay(sent);
  const routine = perDay(sent.filter((m) => !(URGENT as readonly string[]).includes(m.kind)));
  return {
    people: new Set(sent.map((m) => m.email)).size,
    messages: sent.length,
    maxPerPersonDay: all.max,
    ...(all.busiest ? { busiest: all.busiest } : {}),
    maxPerPersonDayRoutine: routine.max,
  };
}
