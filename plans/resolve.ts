// From a plan as written (agency names, group phrases, time phrases) to duties the service
// can run: every name matched to the directory, every group expanded to its members, every
// time phrase read into due instances, the agency a product is sent to set apart from those
// who help make it. All problems are collected and reported together; warnings (a group with
// communes missing from the directory, a duty imported without a deadline) do not refuse.
import type { DirectoryAgency, PlanDefinition, PlanDuty } from '../common/plan-schema.ts';
import {
  exactMatches,
  groupLevel,
  groupLocalities,
  isMassOrganisation,
  isPeoplesCommittee,
  levelKind,
  matchAgency,
  placeKeys,
  splitCoordinating,
  type GroupKind,
  type LocalityNode,
  type MatchResult,
} from '../domain/agency-match.ts';
import {
  dueInstances,
  parseDuePhrase,
  type DueRule,
  type PhraseFailure,
} from '../domain/due-phrase.ts';
import { findReceiver, type ReceiverMatch } from '../domain/receiver.ts';
import { joinNames } from '../i18n/resolve.ts';
import { render, type Place } from '../i18n/index.ts';
import { ImportError, issue, type ImportIssue } from './errors.ts';

export interface AgencyRef {
  id: string;
  name: string;
}

export interface ResolvedDuty {
  ref: string;
  content: string;
  product: string;
  time: string;
  lead: AgencyRef;
  coordinating: AgencyRef[];
  /**
   * The agency the product is sent to ("gửi Phòng LĐ-TB&XH", "qua Phòng Tài chính - Kế
   * hoạch"): it receives and reviews the product, and is never a coordinating agency.
   */
  receiver?: AgencyRef;
  /** Absent for an undated duty: its time phrase could not be read. */
  rule?: DueRule;
  /** "Thường xuyên", "Theo yêu cầu": owed all along or when asked, with no dated instance. */
  standing?: true;
  /** Imported at the coordinator's request without a deadline ("chưa có thời hạn"). */
  undated?: true;
  instances: { period: string; dueAt: string; lastDay: string; name?: string }[];
}

export type DutyField = 'lead' | 'coordinating' | 'time' | 'product' | 'content';

export interface ResolveContext {
  /** The agencies a plan of this locality may name: its own, those under it and above it. */
  directory: readonly DirectoryAgency[];
  /** The locality tree (levels are data); groups are read from it under `plan.localityId`. */
  localities: readonly (LocalityNode & { name?: string })[];
  /** Instances due before this instant (ms) are not owed: the plan did not exist yet. */
  notBefore: number;
  /** Where each duty came from, for messages: a table row and column, or a path in the file. */
  where: (ref: string, field: DutyField) => Place;
  /** A time phrase the grammar cannot read imports the duty undated, with a warning. */
  allowUndated?: boolean;
}

export interface ResolvedPlan {
  standing: AgencyRef;
  duties: ResolvedDuty[];
  warnings: ImportIssue[];
}

/** A refusal's reason alone (the phrase is the issue's place), in both languages. */
function reasonOf(f: PhraseFailure): { reason: string; reasonVi: string } {
  const params = f.params as never;
  return { reason: render(f.code, params, 'en'), reasonVi: render(f.code, params, 'vi') };
}

/** "Thường xuyên", "Theo yêu cầu": a rule with no dated instance (see due-phrase.ts). */
const isStandingRule = (rule: DueRule): boolean => rule.kind === 'standing';

export function resolvePlan(plan: PlanDefinition, ctx: ResolveContext): ResolvedPlan {
  const issues: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const byId = new Map(ctx.directory.map((a) => [a.id, a]));
  const ref = (a: DirectoryAgency): AgencyRef => ({ id: a.id, name: a.name });
  const localityName = new Map(ctx.localities.map((l) => [l.id, l.name ?? l.id]));
  const localityOf = new Map(ctx.localities.map((l) => [l.id, l]));
  // Each agency with its locality's name, so "Trung tâm Y tế huyện" finds "Trung tâm Y tế huyện
  // A Lưới" when it is the only one in the plan's scope (agency-match.ts).
  const entries = ctx.directory.map((a) => {
    const locality = localityOf.get(a.localityId)?.name;
    return locality === undefined ? a : { ...a, locality };
  });
  // Names a district list may end with ("UBND các huyện, thị xã, thành phố Huế").
  const places = placeKeys(ctx.localities.flatMap((l) => (l.name === undefined ? [] : [l.name])));
  // A name repeated in hundreds of rows is looked up once: a miss scores the whole directory.
  const matches = new Map<string, MatchResult>();

  const one = (name: string, place: Place): AgencyRef | undefined => {
    const direct = byId.get(name);
    if (direct) return ref(direct);
    let m = matches.get(name);
    if (!m) {
      m = matchAgency(name, entries);
      matches.set(name, m);
    }
    if (m.ok) {
      const found = byId.get(m.id);
      return found ? ref(found) : undefined;
    }
    const suggestions = m.suggestions.map((s) => s.name);
    issues.push(
      issue(
        'resolve.agency.unknown',
        suggestions.length > 0 ? { name, suggestions: joinNames(suggestions) } : { name },
        place,
      ),
    );
    return undefined;
  };

  /** An entry of a names list: one name, or several ("Phòng Y tế, Phòng Tư pháp"). */
  const listed = (entry: string, place: Place): AgencyRef[] => {
    const whole = exactMatches(entry, entries);
    const only = byId.get(entry) ?? (whole.length === 1 ? byId.get(whole[0]!.id) : undefined);
    if (only) return [ref(only)];
    const parts = splitCoordinating(entry, places);
    const names =
      parts.length > 1 ? parts.map((p) => (p.kind === 'agency' ? p.name : p.text)) : [entry];
    return names.flatMap((n) => one(n, place) ?? []);
  };

  // ---- Groups, read from the locality tree under the plan's locality ----
  const subtree = new Set([plan.localityId]);
  for (let grew = true; grew;) {
    grew = false;
    for (const l of ctx.localities) {
      if (l.parentId && subtree.has(l.parentId) && !subtree.has(l.id)) {
        subtree.add(l.id);
        grew = true;
      }
    }
  }
  const committeesAt = new Map<string, DirectoryAgency[]>();
  for (const a of ctx.directory) {
    if (!isPeoplesCommittee(a)) continue;
    const list = committeesAt.get(a.localityId);
    if (list) list.push(a);
    else committeesAt.set(a.localityId, [a]);
  }
  const inDirectoryOrder = (ids: ReadonlySet<string>): AgencyRef[] =>
    ctx.directory.filter((a) => ids.has(a.id)).map(ref);

  const groups = new Map<GroupKind, AgencyRef[]>();
  // The bodies of the plan's own locality but its People's Committee.
  let ownBodies: DirectoryAgency[] | undefined;
  const own = (): AgencyRef[] =>
    (ownBodies ??= ctx.directory.filter(
      (a) => a.localityId === plan.localityId && !isPeoplesCommittee(a),
    )).map(ref);
  const membersOf = (group: GroupKind, text: string, place: Place): AgencyRef[] => {
    const known = groups.get(group);
    if (known) return known;
    let members: AgencyRef[];
    if (group === 'all-organisations' || group === 'mass-organisations') {
      // "các đoàn thể xã" in a district plan is not the district's: such a group is empty,
      // which refuses the row. (Not cached by kind: the level word differs between cells.)
      const level = groupLevel(text);
      const planLevel = localityOf.get(plan.localityId)?.level;
      if (level !== undefined && planLevel !== undefined && levelKind(planLevel) !== level) {
        return [];
      }
      return group === 'mass-organisations' ? own().filter(isMassOrganisation) : own();
    } else if (group === 'related-offices') {
      // The plan's list when it gives one, else every agency of its own locality but its
      // People's Committee: a province's departments, a district's offices.
      members =
        plan.relatedOffices.length > 0
          ? plan.relatedOffices.flatMap((n, i) => listed(n, { path: `relatedOffices.${i}` }))
          : own();
    } else {
      const localities = new Set(groupLocalities(group, ctx.localities, plan.localityId));
      const ids = new Set<string>();
      const missing: string[] = [];
      for (const l of localities) {
        const found = committeesAt.get(l) ?? [];
        for (const a of found) ids.add(a.id);
        if (found.length === 0) missing.push(localityName.get(l) ?? l);
      }
      // Older directory files flag communes' committees instead of naming them so.
      if (group === 'all-communes' || group === 'localities-below') {
        for (const a of ctx.directory) {
          if (a.isCommune && subtree.has(a.localityId) && a.localityId !== plan.localityId) {
            if (group === 'all-communes' || localities.has(a.localityId)) ids.add(a.id);
          }
        }
      }
      members = inDirectoryOrder(ids);
      if (members.length > 0 && missing.length > 0) {
        warnings.push(
          issue(
            'resolve.group.incomplete',
            { text, group, localities: joinNames(missing) },
            place,
            'warning',
          ),
        );
      }
    }
    groups.set(group, members);
    return members;
  };

  /**
   * A cell or list entry: named agencies and groups, groups expanded, duplicates dropped;
   * `named` holds the agencies written out by name rather than reached through a group.
   */
  const many = (texts: readonly string[], place: Place) => {
    const out = new Map<string, AgencyRef>();
    const named = new Set<string>();
    for (const text of texts) {
      for (const part of splitCoordinating(text, places)) {
        if (part.kind === 'agency') {
          const found = one(part.name, place);
          if (found) {
            out.set(found.id, found);
            named.add(found.id);
          }
          continue;
        }
        const found = membersOf(part.group, part.text, place);
        if (found.length === 0) {
          issues.push(issue('resolve.group.empty', { text: part.text, group: part.group }, place));
        }
        for (const a of found) out.set(a.id, a);
      }
    }
    return { agencies: [...out.values()], named };
  };

  const standing = one(plan.standingAgency, { path: 'standingAgency' });

  /** The product's receiver, from the product cell, else the content; warns of an unknown one. */
  const receiverOf = (duty: PlanDuty): AgencyRef | undefined => {
    let unknown: { match: ReceiverMatch; field: DutyField } | undefined;
    for (const field of ['product', 'content'] as const) {
      const match = findReceiver([duty[field]], entries);
      if (!match) continue;
      if (match.kind === 'agency') {
        const found = byId.get(match.id);
        if (found) return ref(found);
      } else if (match.kind === 'standing') {
        if (standing) return standing;
      } else unknown ??= { match, field };
    }
    if (unknown) {
      warnings.push(
        issue(
          'resolve.receiver.unknown',
          { phrase: unknown.match.mention.items[0] ?? unknown.match.mention.phrase },
          ctx.where(duty.ref, unknown.field),
          'warning',
        ),
      );
    }
    return undefined;
  };

  const year = Number(plan.issuedOn.slice(0, 4));
  const resolved: ResolvedDuty[] = [];
  for (const duty of plan.duties) {
    const leads = many([duty.lead], ctx.where(duty.ref, 'lead')).agencies;
    const timePlace = ctx.where(duty.ref, 'time');
    // A date without a year ("trước ngày 20/6") is read in the year the plan was issued.
    const parsed = parseDuePhrase(duty.time, { year });
    const coordinating = many(duty.coordinating, ctx.where(duty.ref, 'coordinating'));

    let timing: Pick<ResolvedDuty, 'rule' | 'standing' | 'undated' | 'instances'> | undefined;
    if (!parsed.ok) {
      if (ctx.allowUndated) {
        warnings.push(
          issue(
            'resolve.time.undated',
            { time: duty.time, ...reasonOf(parsed) },
            timePlace,
            'warning',
          ),
        );
        timing = { undated: true, instances: [] };
      } else {
        issues.push(issue(parsed.code, parsed.params as never, timePlace));
      }
    } else if (isStandingRule(parsed.rule)) {
      timing = { rule: parsed.rule, standing: true, instances: [] };
    } else {
      const instances = dueInstances(parsed.rule, plan.period)
        .filter((i) => i.dueAt > ctx.notBefore)
        .map((i) => ({
          period: i.period,
          dueAt: new Date(i.dueAt).toISOString(),
          lastDay: i.label,
          // The plan's own label ("báo cáo 06 tháng"), when it gave one.
          ...(i.name === undefined ? {} : { name: i.name }),
        }));
      if (instances.length === 0) {
        issues.push(
          issue(
            'resolve.time.no-deadline',
            { time: duty.time, from: plan.period.from, to: plan.period.to },
            timePlace,
          ),
        );
      } else {
        timing = { rule: parsed.rule, instances };
      }
    }
    if (!timing || leads.length === 0) continue;

    const receiver = receiverOf(duty);
    if (receiver && coordinating.named.has(receiver.id)) {
      warnings.push(
        issue(
          'resolve.receiver.not-coordinating',
          { name: receiver.name },
          ctx.where(duty.ref, 'coordinating'),
          'warning',
        ),
      );
    }
    // A duty whose lead is a group ("UBND các xã, thị trấn báo cáo …") is owed by each member
    // but the one the product goes to: "các sở, ngành báo cáo gửi Sở LĐ-TB&XH" does not ask
    // that department for a report to itself.
    const owers = leads.length > 1 && receiver ? leads.filter((l) => l.id !== receiver.id) : leads;
    for (const lead of owers) {
      resolved.push({
        ref: leads.length === 1 ? duty.ref : `${duty.ref}/${lead.id}`,
        content: duty.content,
        product: duty.product,
        time: duty.time,
        lead,
        coordinating: coordinating.agencies.filter(
          (a) => a.id !== lead.id && a.id !== receiver?.id,
        ),
        ...(receiver && receiver.id !== lead.id ? { receiver } : {}),
        ...timing,
      });
    }
  }
  // A duty owed by each member of a group is stored as "<STT>/<agency id>"; a duty written
  // with that very STT would collide with it in plan_duties' key and fail mid-write.
  const refs = new Set<string>();
  for (const d of resolved) {
    if (refs.has(d.ref)) {
      issues.push(
        issue(
          'resolve.duty.duplicate-ref',
          { ref: d.ref },
          ctx.where(d.ref.split('/')[0] ?? d.ref, 'lead'),
        ),
      );
    }
    refs.add(d.ref);
  }
  if (issues.length > 0 || !standing) {
    throw new ImportError(`The plan ${plan.id} cannot be imported`, issues, 'resolve.plan.refused');
  }
  return { standing, duties: resolved, warnings };
}

/** Where a duty of a plan file is: its path, with its STT. */
export function dutyPaths(duties: readonly PlanDuty[]) {
  const index = new Map(duties.map((d, i) => [d.ref, i]));
  return (r: string, field: DutyField): Place => ({
    path: `duties.${index.get(r) ?? '?'}.${field} (STT ${r})`,
  });
}
