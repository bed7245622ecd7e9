// How agencies and people hear from the service: single messages or a daily digest per agency,
// reminders before deadlines on or off per person, and an agency's calendar feed at a secret,
// revocable URL. The JSON API (api/routes/notifications.ts) and the settings page
// (api/web/settings-routes.ts) both call these.
//
// Scripts with the API token administer every agency and address through the JSON API. The
// settings page is a person's own: there only their own agencies, whoever asks (the token
// included). An agency the directory does not have is answered `undefined`, the API's 404.
import { timingSafeEqual } from 'node:crypto';
import type { Principal } from '../api/principal.ts';
import type { Db } from '../db/index.ts';
import { optedOut, notifyModes } from '../db/duty-pages.ts';
import {
  calendarTokenHash,
  createCalendarUrl,
  liveCalendarToken,
  revokeCalendarUrls,
  savedNotifyMode,
  setNonCriticalReminders,
  setNotifyMode,
} from '../db/notify-prefs.ts';
import { agencyName } from '../db/plans.ts';
import { agencyDueDates } from '../db/tracking.ts';
import { formatDate } from '../domain/local-time.ts';
import { toICalendar } from '../exports/ics.ts';
import { Refusal } from './refusal.ts';

export interface NotificationDeps {
  db: Db;
}

export type NotifyMode = 'single' | 'digest';

/** What the settings page shows this person: their own reminders and their agencies' modes. */
export interface OwnSettings {
  optedOut: boolean;
  /** Each of this person's agencies with a saved choice; agencies with none are absent. */
  modes: Map<string, NotifyMode>;
}

export interface AgencyNotifyMode {
  agencyId: string;
  mode: NotifyMode;
  /** False while the agency has chosen nothing and the default applies. */
  saved: boolean;
}

/** Where the choice is made: the JSON API (scripts) or a person's own settings page. */
export type SettingsFrom = 'api' | 'page';

/** Through the API the token acts for any agency; otherwise only an agency's own people do. */
function mustManage(actor: Principal, agencyId: string, from: SettingsFrom): void {
  if (from === 'api' && actor.via === 'token') return;
  if (actor.agencies.some((a) => a.id === agencyId)) return;
  throw Refusal.of('forbidden', 'forbidden', 'notification-settings.not-your-agency', {});
}

/** Whether the directory has this agency (retired ones too: their duties may still run). */
const agencyExists = async (db: Db, agencyId: string): Promise<boolean> =>
  (await agencyName(db, agencyId)) !== undefined;

export async function ownSettings(deps: NotificationDeps, actor: Principal): Promise<OwnSettings> {
  const [out, modes] = await Promise.all([
    actor.email ? optedOut(deps.db, actor.email) : false,
    notifyModes(
      deps.db,
      actor.agencies.map((a) => a.id),
    ),
  ]);
  return { optedOut: out, modes };
}

/** The agency's delivery; with no choice saved, a plan's duties follow its budget: a digest. */
export async function agencyNotifyMode(
  deps: NotificationDeps,
  actor: Principal,
  input: { agencyId: string; from: SettingsFrom },
): Promise<AgencyNotifyMode | undefined> {
  const { agencyId } = input;
  mustManage(actor, agencyId, input.from);
  if (!(await agencyExists(deps.db, agencyId))) return undefined;
  const saved = await savedNotifyMode(deps.db, agencyId);
  return { agencyId, mode: saved ?? 'digest', saved: saved !== undefined };
}

export async function chooseNotifyMode(
  deps: NotificationDeps,
  actor: Principal,
  input: { agencyId: string; mode: NotifyMode; from: SettingsFrom },
): Promise<AgencyNotifyMode | undefined> {
  mustManage(actor, input.agencyId, input.from);
  if (!(await agencyExists(deps.db, input.agencyId))) return undefined;
  await setNotifyMode(deps.db, input.agencyId, input.mode);
  return { agencyId: input.agencyId, mode: input.mode, saved: true };
}

/**
 * Reminders before deadlines on or off for one address (lower-cased); overdue notices and
 * urges arrive either way. A person sets only their own.
 */
export async function chooseReminders(
  deps: NotificationDeps,
  actor: Principal,
  input: { email: string; nonCriticalReminders: boolean; from: SettingsFrom },
): Promise<{ email: string; nonCriticalReminders: boolean }> {
  const email = input.email.toLowerCase();
  const script = input.from === 'api' && actor.via === 'token';
  if (!script && (actor.email === '' || actor.email.toLowerCase() !== email)) {
    throw Refusal.of('forbidden', 'forbidden', 'notification-settings.not-your-address', {});
  }
  await setNonCriticalReminders(deps.db, email, input.nonCriticalReminders);
  return { email, nonCriticalReminders: input.nonCriticalReminders };
}

/**
 * A new secret URL of the agency's calendar feed, shown once (only its hash is kept). It does
 * not revoke the older ones: several people subscribe.
 */
export async function newCalendarUrl(
  deps: NotificationDeps,
  actor: Principal,
  input: { agencyId: string; publicUrl: string; from: SettingsFrom },
): Promise<string | undefined> {
  mustManage(actor, input.agencyId, input.from);
  if (!(await agencyExists(deps.db, input.agencyId))) return undefined;
  return createCalendarUrl(deps.db, input.agencyId, input.publicUrl);
}

/** Revokes every URL of the agency's feed; how many there were. */
export async function revokeCalendar(
  deps: NotificationDeps,
  actor: Principal,
  input: { agencyId: string; from: SettingsFrom },
): Promise<number | undefined> {
  const { agencyId } = input;
  mustManage(actor, agencyId, input.from);
  if (!(await agencyExists(deps.db, agencyId))) return undefined;
  return revokeCalendarUrls(deps.db, agencyId);
}

export type CalendarFeed =
  | { found: true; ics: string }
  /** A wrong or revoked token, or another agency's: nothing said about which agencies exist. */
  | { found: false; missing: 'calendar' | 'agency' };

/**
 * The agency's deadlines as an iCalendar feed, for whoever holds a live token of the agency's
 * feed: the secret token is the credential (calendar programs send no other).
 */
export async function agencyCalendar(
  deps: NotificationDeps,
  input: { agencyId: string; token: string; publicUrl: string },
): Promise<CalendarFeed> {
  const { agencyId } = input;
  const wanted = calendarTokenHash(input.token);
  const row = await liveCalendarToken(deps.db, wanted);
  if (
    !row ||
    row.agency_id !== agencyId ||
    !timingSafeEqual(Buffer.from(row.token_hash), Buffer.from(wanted))
  ) {
    return { found: false, missing: 'calendar' };
  }
  const name = await agencyName(deps.db, agencyId);
  if (name === undefined) return { found: false, missing: 'agency' };
  const events = (await agencyDueDates(deps.db, agencyId)).map((d) => {
    const last = new Date(Date.parse(d.dueAt) - 1);
    const local = formatDate(last.getTime()).split('/');
    return {
      uid: `${d.workflowId}:${d.role}@duties`,
      lastDay: `${local[2]}-${local[1]}-${local[0]}`,
      summary: `${d.role === 'lead' ? 'Hạn nộp' : 'Hạn phối hợp'}: ${d.title} (${d.period})`,
      description: `Hạn cuối ${formatDate(last.getTime())}. Trạng thái: ${d.status}.`,
      url: `${input.publicUrl}/duties/${encodeURIComponent(d.workflowId)}`,
      status: d.status === 'cancelled' ? ('CANCELLED' as const) : ('CONFIRMED' as const),
    };
  });
  return {
    found: true,
    ics: toICalendar({ name: `Hạn nhiệm vụ – ${name}`, events, now: Date.now() }),
  };
}
