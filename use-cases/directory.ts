// Editing the agency directory: import it whole, add, replace (rename), delete what nothing
// names, retire, and merge agencies and localities (the 2025 reorganisation joined communes).
// A merge keeps history: the merged entry is retired with what it went into and when; open
// duties follow through the duty workflow (the lead reassigned as POST /api/duties/{id}/reassign
// does, a coordinating agency replaced), plans name the successor for the years to come, and
// closed duties with their fixed figures stay as they were. The JSON API and the pages call
// these functions; coordinators write, viewers read.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Agency } from '../common/duty-schema.ts';
import { FINAL, type DutyState } from '../common/duty-state.ts';
import {
  getStateQuery,
  reassignLeadUpdate,
  replaceCoordinatingUpdate,
} from '../common/messages.ts';
import { DirectoryAgency, type Directory, type Locality } from '../common/plan-schema.ts';
import { agencyReferences, localityReferences } from '../db/agency-references.ts';
import {
  deleteAgencyRow,
  deleteLocalityRow,
  findAgencyRow,
  findLocalityRow,
  insertAgency,
  listAgencyRows,
  listLocalityRows,
  moveAgency,
  openDutiesOf,
  recordAgencyMerge,
  recordLocalityMerge,
  retireAgencyRow,
  retireLocalityRow,
  updateAgency,
  type AgencyRow,
  type LocalityRow,
} from '../db/directory.ts';
import type { Db } from '../db/index.ts';
import { agencyRow } from '../db/plans.ts';
import { render } from '../i18n/index.ts';
import type { Principal } from '../api/principal.ts';
import { importDirectory as importDirectoryFile } from './import-plan.ts';
import { Refusal } from './refusal.ts';
import { workflowRefusal } from './workflow-refusal.ts';

export interface DirectoryDeps {
  db: Db;
  client: Client;
}

/** A directory entry as the API answers it: the entry, and when it was retired or merged. */
export type AgencyBody = DirectoryAgency & {
  retiredAt?: string;
  mergedInto?: string;
  mergedAt?: string;
};
export type LocalityBody = Locality & {
  retiredAt?: string;
  mergedInto?: string;
  mergedAt?: string;
};

const history = (r: {
  retired_at: string | null;
  merged_into: string | null;
  merged_at: string | null;
}) => ({
  ...(r.retired_at ? { retiredAt: r.retired_at } : {}),
  ...(r.merged_into ? { mergedInto: r.merged_into } : {}),
  ...(r.merged_at ? { mergedAt: r.merged_at } : {}),
});

export const entryOf = (r: AgencyRow): DirectoryAgency =>
  JSON.parse(r.entry_json) as DirectoryAgency;
export const agencyBody = (r: AgencyRow): AgencyBody => ({ ...entryOf(r), ...history(r) });
export const localityBody = (r: LocalityRow): LocalityBody => ({
  id: r.id,
  name: r.name,
  level: r.level,
  ...(r.parent_id ? { parentId: r.parent_id } : {}),
  ...history(r),
});

export function mustCoordinate(actor: Principal): void {
  if (!actor.coordinator)
    throw Refusal.of('forbidden', 'forbidden', 'directory.coordinators-only', {});
}
export function mustRead(actor: Principal): void {
  if (!actor.coordinator && !actor.viewer)
    throw Refusal.of('forbidden', 'forbidden', 'directory.coordinators-only', {});
}

const noAgency = (id: string) =>
  Refusal.of('not_found', 'not_found', 'contract.no-agency', { agency: id });
const noLocality = (id: string) =>
  Refusal.of('not_found', 'not_found', 'contract.no-locality', { locality: id });

async function agencyOrRefuse(db: Db, id: string): Promise<AgencyRow> {
  const row = await findAgencyRow(db, id);
  if (!row) throw noAgency(id);
  return row;
}

async function requireLocality(db: Db, id: string): Promise<void> {
  if (!(await findLocalityRow(db, id)))
    throw Refusal.of('invalid', 'invalid_input', 'directory.no-locality-field', { locality: id });
}

// ---------------------------------------------------------------------------------------------
// Reading, importing, adding, replacing, deleting, retiring

export async function importDirectory(
  deps: DirectoryDeps,
  actor: Principal,
  directory: Directory,
): Promise<{ localities: number; agencies: number }> {
  mustCoordinate(actor);
  return importDirectoryFile(deps.db, directory);
}

export async function listAgencies(deps: DirectoryDeps, actor: Principal): Promise<AgencyBody[]> {
  mustRead(actor);
  return (await listAgencyRows(deps.db)).map(agencyBody);
}

export async function getAgency(
  deps: DirectoryDeps,
  actor: Principal,
  id: string,
): Promise<AgencyBody> {
  mustRead(actor);
  return agencyBody(await agencyOrRefuse(deps.db, id));
}

export async function listLocalities(
  deps: DirectoryDeps,
  actor: Principal,
): Promise<LocalityBody[]> {
  mustRead(actor);
  return (await listLocalityRows(deps.db)).map(localityBody);
}

export async function addAgency(
  deps: DirectoryDeps,
  actor: Principal,
  agency: DirectoryAgency,
): Promise<DirectoryAgency> {
  mustCoordinate(actor);
  await requireLocality(deps.db, agency.localityId);
  if (await findAgencyRow(deps.db, agency.id))
    throw Refusal.of('conflict', 'already_exists', 'directory.agency-exists', {
      agency: agency.id,
    });
  await insertAgency(deps.db, agencyRow(agency, new Date().toISOString()));
  return agency;
}

/**
 * Replaces an agency's entry (a new name, contacts…). An id that names no agency is 404
 * whatever the body, so the body is parsed only once the agency is known.
 */
export async function replaceAgency(
  deps: DirectoryDeps,
  actor: Principal,
  input: { id: string; body: unknown },
): Promise<AgencyBody> {
  mustCoordinate(actor);
  await agencyOrRefuse(deps.db, input.id);
  const agency = DirectoryAgency.parse({ ...(input.body as object), id: input.id });
  await requireLocality(deps.db, agency.localityId);
  const updated = await updateAgency(
    deps.db,
    input.id,
    agencyRow(agency, new Date().toISOString()),
  );
  if (!updated) throw noAgency(input.id);
  return agencyBody(await agencyOrRefuse(deps.db, input.id));
}

const listed = (ids: string[]) =>
  ids.length > 5 ? `${ids.slice(0, 5).join(', ')}… (${ids.length})` : ids.join(', ');

/** Deletes an agency nothing names; one a plan or duty still names can be retired instead. */
export async function deleteAgency(
  deps: DirectoryDeps,
  actor: Principal,
  id: string,
): Promise<void> {
  mustCoordinate(actor);
  const held = await agencyReferences(deps.db, id);
  if (held.plans.length > 0 || held.duties > 0) {
    throw Refusal.of(
      'conflict',
      'referenced',
      'directory.agency-referenced',
      {
        agency: id,
        ...(held.plans.length > 0 ? { plans: held.plans.join(', ') } : {}),
        ...(held.duties > 0 ? { duties: held.duties } : {}),
      },
      held,
    );
  }
  if (!(await deleteAgencyRow(deps.db, id))) throw noAgency(id);
}

export async function deleteLocality(
  deps: DirectoryDeps,
  actor: Principal,
  id: string,
): Promise<void> {
  mustCoordinate(actor);
  const held = await localityReferences(deps.db, id);
  if (held.agencies.length + held.localities.length + held.plans.length > 0) {
    throw Refusal.of(
      'conflict',
      'referenced',
      'directory.locality-referenced',
      {
        locality: id,
        ...(held.agencies.length > 0 ? { agencies: listed(held.agencies) } : {}),
        ...(held.localities.length > 0 ? { localities: listed(held.localities) } : {}),
        ...(held.plans.length > 0 ? { plans: listed(held.plans) } : {}),
      },
      held,
    );
  }
  if (!(await deleteLocalityRow(deps.db, id))) throw noLocality(id);
}

/** Retired: kept for the history that names it; the importer and the pickers skip it. */
export async function retireAgency(
  deps: DirectoryDeps,
  actor: Principal,
  id: string,
): Promise<AgencyBody> {
  mustCoordinate(actor);
  await retireAgencyRow(deps.db, id, new Date().toISOString());
  return agencyBody(await agencyOrRefuse(deps.db, id));
}

export async function retireLocality(
  deps: DirectoryDeps,
  actor: Principal,
  id: string,
): Promise<LocalityBody> {
  mustCoordinate(actor);
  await retireLocalityRow(deps.db, id, new Date().toISOString());
  const row = await findLocalityRow(deps.db, id);
  if (!row) throw noLocality(id);
  return localityBody(row);
}

// ---------------------------------------------------------------------------------------------
// Merging

/** What happened to the open duties of a merged agency. */
export interface DutiesMoved {
  /** Duties it led, now led by the successor. */
  lead: string[];
  /** Duties it coordinated, now coordinated by the successor (or by it alone, once). */
  coordinating: string[];
  /** Duties it leads whose product awaits review: a lead cannot change then; left as they are. */
  kept: string[];
}

export interface AgencyMerge {
  merged: AgencyBody;
  into: AgencyBody;
  /** Plans whose standing agency or stored duties now name the successor. */
  plans: string[];
  duties: DutiesMoved;
}

const asDutyAgency = (a: DirectoryAgency): Agency => ({
  id: a.id,
  name: a.name,
  head: a.head,
  focalPoints: a.focalPoints,
});

/** The successor's entry knowing the merged agency's names (plans may still write them). */
function withOlderNames(into: DirectoryAgency, from: DirectoryAgency): DirectoryAgency {
  const names = [...into.shortNames, from.name, ...from.shortNames].filter(
    (n, i, all) => n !== into.name && n.length <= 200 && all.indexOf(n) === i,
  );
  return { ...into, shortNames: names.slice(0, 20) };
}

/** One open duty of the merged agency moved to the successor, through the duty workflow. */
async function moveDuty(
  client: Client,
  dutyId: string,
  from: DirectoryAgency,
  into: DirectoryAgency,
  who: string,
  moved: DutiesMoved,
): Promise<void> {
  const handle = client.workflow.getHandle(dutyId);
  let state: DutyState;
  try {
    state = await handle.query(getStateQuery);
  } catch (err) {
    // A duty whose history is gone is closed: its read model stays as it was.
    if (err instanceof WorkflowNotFoundError) return;
    throw err;
  }
  if (FINAL.includes(state.status)) return;
  // The standing agency decides a duty's lead; the coordinator acts in its name.
  const actor = { name: who.slice(0, 200) || 'Điều phối', agencyId: state.standing.id };
  const reason = render('directory.merge-reason', { name: from.name, into: into.name }, 'vi');
  const successor = asDutyAgency(into);
  try {
    if (state.lead.id === from.id) {
      if (state.status === 'submitted') {
        moved.kept.push(dutyId);
        return;
      }
      // The successor coordinating the duty becomes its lead instead.
      if (state.coordinating.some((a) => a.id === into.id)) {
        await handle.executeUpdate(replaceCoordinatingUpdate, {
          args: [{ actor, from: into.id, reason }],
        });
      }
      await handle.executeUpdate(reassignLeadUpdate, {
        args: [{ actor, lead: successor, reason }],
      });
      moved.lead.push(dutyId);
    } else if (state.coordinating.some((a) => a.id === from.id)) {
      const leads = state.lead.id === into.id;
      await handle.executeUpdate(replaceCoordinatingUpdate, {
        args: [{ actor, from: from.id, ...(leads ? {} : { to: successor }), reason }],
      });
      moved.coordinating.push(dutyId);
    }
  } catch (err) {
    // Closed between the query and the update: nothing to move.
    if (err instanceof WorkflowNotFoundError) return;
    throw workflowRefusal(err) ?? err;
  }
}

async function mergeAgencyRows(
  deps: DirectoryDeps,
  actor: Principal,
  from: AgencyRow,
  into: AgencyRow,
): Promise<AgencyMerge> {
  const fromEntry = entryOf(from);
  const intoEntry = entryOf(into);
  const moved: DutiesMoved = { lead: [], coordinating: [], kept: [] };
  // Duties first: should Temporal be down half-way, the merge is not recorded and can be
  // sent again; duties already moved are then seen as the successor's and left alone.
  for (const d of await openDutiesOf(deps.db, from.id)) {
    await moveDuty(deps.client, d.dutyId, fromEntry, intoEntry, actor.name, moved);
  }
  const successor = withOlderNames(intoEntry, fromEntry);
  const plans = await recordAgencyMerge(deps.db, {
    from: from.id,
    into: { id: into.id, name: into.name },
    at: new Date().toISOString(),
    intoEntryJson: JSON.stringify(successor),
  });
  return {
    merged: agencyBody(await agencyOrRefuse(deps.db, from.id)),
    into: agencyBody(await agencyOrRefuse(deps.db, into.id)),
    plans,
    duties: moved,
  };
}

/** The refusals a merge of `from` into `into` meets, before anything is done. */
function mergeRefusal(
  from: { id: string; name: string; merged_into: string | null },
  into: { id: string; name: string; retired_at: string | null },
  mergedName: string | undefined,
): Refusal | undefined {
  if (from.merged_into)
    return Refusal.of('conflict', 'already_merged', 'directory.already-merged', {
      name: from.name,
      into: mergedName ?? from.merged_into,
    });
  if (into.retired_at)
    return Refusal.of('conflict', 'retired_target', 'directory.merge-into-retired', {
      name: into.name,
    });
  return undefined;
}

/** Merges agency `id` into agency `into`. */
export async function mergeAgency(
  deps: DirectoryDeps,
  actor: Principal,
  input: { id: string; into: string },
): Promise<AgencyMerge> {
  mustCoordinate(actor);
  const from = await agencyOrRefuse(deps.db, input.id);
  if (input.into === input.id)
    throw Refusal.of('invalid', 'merge_self', 'directory.merge-self', { name: from.name });
  const into = await findAgencyRow(deps.db, input.into);
  if (!into)
    throw Refusal.of('invalid', 'unknown_target', 'directory.merge-unknown-agency', {
      agency: input.into,
    });
  const earlier = from.merged_into ? await findAgencyRow(deps.db, from.merged_into) : undefined;
  const refused = mergeRefusal(from, into, earlier?.name);
  if (refused) throw refused;
  if (from.is_commune !== into.is_commune)
    throw Refusal.of('invalid', 'merge_kind', 'directory.merge-commune-kind', {
      name: from.name,
      into: into.name,
    });
  return mergeAgencyRows(deps, actor, from, into);
}

/** "Xã A Ngo" → "a ngo": the place a locality's name names, without its level. */
const placeOf = (name: string): string =>
  name
    .toLowerCase()
    .replace(/^(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)\s+/u, '')
    .trim();
/** "Công an xã A Ngo" in "Xã A Ngo" → "công an xã": what kind of agency it is, wherever it is. */
const kindOf = (agency: string, locality: string): string =>
  agency.toLowerCase().replace(placeOf(locality), ' ').replace(/\s+/g, ' ').trim();

export interface LocalityMerge {
  merged: LocalityBody;
  into: LocalityBody;
  agencies: { merged: { id: string; into: string }[]; moved: string[] };
  /** Localities that were under the merged one, now under its successor. */
  localities: string[];
  plans: string[];
  duties: DutiesMoved;
}

/**
 * Merges locality `id` into `into` (of the same level): each of its agencies merges into the
 * successor's agency of the same kind (its People's Committee into the other's), or else moves
 * to the successor; the localities under it move too.
 */
export async function mergeLocality(
  deps: DirectoryDeps,
  actor: Principal,
  input: { id: string; into: string },
): Promise<LocalityMerge> {
  mustCoordinate(actor);
  const { db } = deps;
  const from = await findLocalityRow(db, input.id);
  if (!from) throw noLocality(input.id);
  if (input.into === input.id)
    throw Refusal.of('invalid', 'merge_self', 'directory.merge-self', { name: from.name });
  const into = await findLocalityRow(db, input.into);
  if (!into)
    throw Refusal.of('invalid', 'unknown_target', 'directory.merge-unknown-locality', {
      locality: input.into,
    });
  const earlier = from.merged_into ? await findLocalityRow(db, from.merged_into) : undefined;
  const refused = mergeRefusal(from, into, earlier?.name);
  if (refused) throw refused;
  if (from.level !== into.level)
    throw Refusal.of('invalid', 'merge_level', 'directory.merge-level', {
      name: from.name,
      into: into.name,
    });
  const agencies = await listAgencyRows(db);
  const active = (l: string) => agencies.filter((a) => a.locality_id === l && !a.retired_at);
  const theirs = active(into.id);
  const result: LocalityMerge['agencies'] = { merged: [], moved: [] };
  const duties: DutiesMoved = { lead: [], coordinating: [], kept: [] };
  const plans = new Set<string>();
  const now = new Date().toISOString();
  for (const a of active(from.id)) {
    const counterpart = theirs.find((b) =>
      a.is_commune
        ? b.is_commune === 1
        : b.is_commune === 0 &&
          b.level === a.level &&
          kindOf(b.name, into.name) === kindOf(a.name, from.name),
    );
    if (counterpart) {
      const merged = await mergeAgencyRows(deps, actor, a, counterpart);
      result.merged.push({ id: a.id, into: counterpart.id });
      merged.plans.forEach((p) => plans.add(p));
      duties.lead.push(...merged.duties.lead);
      duties.coordinating.push(...merged.duties.coordinating);
      duties.kept.push(...merged.duties.kept);
    } else {
      await moveAgency(
        db,
        a.id,
        into.id,
        JSON.stringify({ ...entryOf(a), localityId: into.id }),
        now,
      );
      result.moved.push(a.id);
    }
  }
  const localities = await recordLocalityMerge(db, { from: from.id, into: into.id, at: now });
  const after = async (id: string) => localityBody((await findLocalityRow(db, id))!);
  return {
    merged: await after(from.id),
    into: await after(into.id),
    agencies: result,
    localities,
    plans: [...plans].sort(),
    duties,
  };
}

// ---------------------------------------------------------------------------------------------
// The pages' data: lists filtered and paginated (a province directory has hundreds of entries),
// one entry with what can be done to it.

export type DirectoryTab = 'agencies' | 'localities';
export type Showing = 'all' | 'active' | 'retired';
export interface DirectoryQuery {
  tab: DirectoryTab;
  q: string;
  level: string;
  show: Showing;
  page: number;
}

export const PAGE_SIZE = 20;

/** What a list row needs besides its name: where it went when merged, and when. */
interface Marked {
  id: string;
  name: string;
  level: string;
  retiredAt?: string;
  mergedAt?: string;
  mergedInto?: { id: string; name: string };
}
export interface AgencyItem extends Marked {
  localityId: string;
  localityName: string;
  isCommune: boolean;
  head: { name: string; email: string };
}
export interface LocalityItem extends Marked {
  parentName?: string;
  agencies: number;
}
/** An entry offered in a form's list. */
export interface Choice {
  id: string;
  name: string;
  level: string;
  /** The locality an agency is in, to tell apart two of the same name. */
  place?: string;
}

export interface DirectoryList {
  query: DirectoryQuery;
  levels: string[];
  total: number;
  pages: number;
  pageSize: number;
  agencies: AgencyItem[];
  localities: LocalityItem[];
  /** Active localities, for the form that adds an agency. */
  localityChoices: Choice[];
  canEdit: boolean;
}

const LEVELS = ['province', 'district', 'commune'];
const rank = (level: string) => (LEVELS.includes(level) ? LEVELS.indexOf(level) : LEVELS.length);
const collator = new Intl.Collator('vi');
/** From the top level down, then in Vietnamese alphabetical order. */
const byLevelThenName =
  <T>(key: (x: T) => { level: string; names: string[] }) =>
  (a: T, b: T): number => {
    const [x, y] = [key(a), key(b)];
    if (rank(x.level) !== rank(y.level)) return rank(x.level) - rank(y.level);
    if (x.level !== y.level) return collator.compare(x.level, y.level);
    for (let i = 0; i < Math.max(x.names.length, y.names.length); i++) {
      const c = collator.compare(x.names[i] ?? '', y.names[i] ?? '');
      if (c !== 0) return c;
    }
    return 0;
  };
/** "Đông Sơn" → "dong son": a search finds a name typed without its marks. */
const fold = (s: string): string =>
  s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();

function marked(
  r: { retired_at: string | null; merged_into: string | null; merged_at: string | null },
  names: Map<string, string>,
) {
  return {
    ...(r.retired_at ? { retiredAt: r.retired_at } : {}),
    ...(r.merged_at ? { mergedAt: r.merged_at } : {}),
    ...(r.merged_into
      ? { mergedInto: { id: r.merged_into, name: names.get(r.merged_into) ?? r.merged_into } }
      : {}),
  };
}

async function everything(db: Db) {
  const [agencies, localities] = await Promise.all([listAgencyRows(db), listLocalityRows(db)]);
  const agencyNames = new Map(agencies.map((a) => [a.id, a.name]));
  const localityNames = new Map(localities.map((l) => [l.id, l.name]));
  const agencyItem = (r: AgencyRow): AgencyItem => {
    const e = entryOf(r);
    return {
      id: r.id,
      name: r.name,
      level: r.level,
      localityId: r.locality_id,
      localityName: localityNames.get(r.locality_id) ?? '',
      isCommune: r.is_commune === 1,
      head: { name: e.head.name, email: e.head.email },
      ...marked(r, agencyNames),
    };
  };
  const count = new Map<string, number>();
  for (const a of agencies) count.set(a.locality_id, (count.get(a.locality_id) ?? 0) + 1);
  const localityItem = (r: LocalityRow): LocalityItem => ({
    id: r.id,
    name: r.name,
    level: r.level,
    ...(r.parent_id ? { parentName: localityNames.get(r.parent_id) ?? '' } : {}),
    agencies: count.get(r.id) ?? 0,
    ...marked(r, localityNames),
  });
  const sortAgencies = byLevelThenName((a: AgencyItem) => ({
    level: a.level,
    names: [a.localityName, a.name],
  }));
  const sortLocalities = byLevelThenName((l: LocalityItem) => ({
    level: l.level,
    names: [l.parentName ?? '', l.name],
  }));
  return {
    agencyRows: agencies,
    localityRows: localities,
    agencies: agencies.map(agencyItem).sort(sortAgencies),
    localities: localities.map(localityItem).sort(sortLocalities),
  };
}

const choiceOfLocality = (l: LocalityItem): Choice => ({ id: l.id, name: l.name, level: l.level });

export async function directoryList(
  deps: DirectoryDeps,
  actor: Principal,
  query: DirectoryQuery,
): Promise<DirectoryList> {
  mustRead(actor);
  const all = await everything(deps.db);
  const words = fold(query.q).split(/\s+/).filter(Boolean);
  const shows = (m: Marked) =>
    query.show === 'all' || (query.show === 'active') === (m.retiredAt === undefined);
  const matches = (texts: string[]) => {
    const text = fold(texts.join(' '));
    return words.every((w) => text.includes(w));
  };
  const entries = new Map(all.agencyRows.map((r) => [r.id, entryOf(r)]));
  const agencies = all.agencies.filter(
    (a) =>
      shows(a) &&
      (query.level === '' || a.level === query.level) &&
      matches([
        a.name,
        a.localityName,
        a.head.name,
        a.head.email,
        ...(entries.get(a.id)?.shortNames ?? []),
      ]),
  );
  const localities = all.localities.filter(
    (l) =>
      shows(l) &&
      (query.level === '' || l.level === query.level) &&
      matches([l.name, l.parentName ?? '']),
  );
  const list = query.tab === 'agencies' ? agencies : localities;
  const pages = Math.max(1, Math.ceil(list.length / PAGE_SIZE));
  const page = Math.min(Math.max(1, query.page), pages);
  const slice = <T>(xs: T[]) => xs.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const levels = [
    ...new Set([...all.localities.map((l) => l.level), ...all.agencies.map((a) => a.level)]),
  ];
  return {
    query: { ...query, page },
    levels: levels.sort((a, b) => rank(a) - rank(b) || collator.compare(a, b)),
    total: list.length,
    pages,
    pageSize: PAGE_SIZE,
    agencies: query.tab === 'agencies' ? slice(agencies) : [],
    localities: query.tab === 'localities' ? slice(localities) : [],
    localityChoices: all.localities.filter((l) => !l.retiredAt).map(choiceOfLocality),
    canEdit: actor.coordinator,
  };
}

export interface AgencyPage {
  agency: AgencyItem;
  entry: DirectoryAgency;
  /** Agencies merged into this one, with when. */
  mergedHere: { id: string; name: string; at: string }[];
  /** Active agencies it may merge into. */
  candidates: Choice[];
  localityChoices: Choice[];
  levels: string[];
  canEdit: boolean;
}

export async function agencyPage(
  deps: DirectoryDeps,
  actor: Principal,
  id: string,
): Promise<AgencyPage> {
  mustRead(actor);
  const all = await everything(deps.db);
  const row = all.agencyRows.find((r) => r.id === id);
  const agency = all.agencies.find((a) => a.id === id);
  if (!row || !agency) throw noAgency(id);
  return {
    agency,
    entry: entryOf(row),
    mergedHere: all.agencyRows
      .filter((r) => r.merged_into === id)
      .map((r) => ({ id: r.id, name: r.name, at: r.merged_at ?? '' })),
    candidates: all.agencies
      .filter((a) => a.id !== id && !a.retiredAt && a.isCommune === agency.isCommune)
      .map((a) => ({ id: a.id, name: a.name, level: a.level, place: a.localityName })),
    localityChoices: all.localities.filter((l) => !l.retiredAt).map(choiceOfLocality),
    levels: [...new Set([...LEVELS, ...all.localities.map((l) => l.level)])],
    canEdit: actor.coordinator,
  };
}

export interface LocalityPage {
  locality: LocalityItem;
  agencies: AgencyItem[];
  mergedHere: { id: string; name: string; at: string }[];
  /** Active localities of the same level it may merge into. */
  candidates: Choice[];
  canEdit: boolean;
}

export async function localityPage(
  deps: DirectoryDeps,
  actor: Principal,
  id: string,
): Promise<LocalityPage> {
  mustRead(actor);
  const all = await everything(deps.db);
  const locality = all.localities.find((l) => l.id === id);
  if (!locality) throw noLocality(id);
  return {
    locality,
    agencies: all.agencies.filter((a) => a.localityId === id),
    mergedHere: all.localityRows
      .filter((r) => r.merged_into === id)
      .map((r) => ({ id: r.id, name: r.name, at: r.merged_at ?? '' })),
    candidates: all.localities
      .filter((l) => l.id !== id && !l.retiredAt && l.level === locality.level)
      .map((l) => ({ ...choiceOfLocality(l), ...(l.parentName ? { place: l.parentName } : {}) })),
    canEdit: actor.coordinator,
  };
}

/** A code for a new agency from its locality and name: "a-luoi.a-ngo.cong-an-xa-a-ngo". */
export async function newAgencyId(db: Db, localityId: string, name: string): Promise<string> {
  const slug = fold(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  const base = `${localityId}.${slug || 'co-quan'}`.slice(0, 95);
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (!(await findAgencyRow(db, id))) return id;
  }
}
