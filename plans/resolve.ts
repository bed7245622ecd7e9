// From a plan as written (agency names, group phrases, time phrases) to duties the service
// can run: every name matched to the directory, every group expanded to its members, every
// time phrase read into due instances. All problems are collected and reported together.
import type { DirectoryAgency, PlanDefinition, PlanDuty } from '../common/plan-schema.ts';
import { matchAgency, splitCoordinating } from '../domain/agency-match.ts';
import { dueInstances, parseDuePhrase, type DueRule } from '../domain/due-phrase.ts';
import { ImportError, type ImportIssue } from './errors.ts';

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
  rule: DueRule;
  instances: { period: string; dueAt: string; lastDay: string }[];
}

export interface ResolveContext {
  directory: readonly DirectoryAgency[];
  /** Localities under the plan's own, for "every commune of the district". */
  localitiesUnder: ReadonlySet<string>;
  /** Instances due before this instant (ms) are not owed: the plan did not exist yet. */
  notBefore: number;
  /** Where each duty came from, for messages: a table row, or a path in the plan file. */
  where: (ref: string, field: 'lead' | 'coordinating' | 'time') => string;
}

function suggest(name: string, result: { suggestions: { name: string }[] }): string {
  const names = result.suggestions.map((s) => `"${s.name}"`);
  return names.length > 0
    ? `unknown agency "${name}"; did you mean ${names.join(' or ')}?`
    : `unknown agency "${name}", and no agency in the directory has a similar name`;
}

export interface ResolvedPlan {
  standing: AgencyRef;
  duties: ResolvedDuty[];
}

export function resolvePlan(plan: PlanDefinition, ctx: ResolveContext): ResolvedPlan {
  const issues: ImportIssue[] = [];
  const byId = new Map(ctx.directory.map((a) => [a.id, a]));
  const ref = (a: DirectoryAgency): AgencyRef => ({ id: a.id, name: a.name });

  const one = (name: string, at: string): AgencyRef | undefined => {
    const direct = byId.get(name);
    if (direct) return ref(direct);
    const m = matchAgency(name, ctx.directory);
    if (m.ok) {
      const found = byId.get(m.id);
      return found ? ref(found) : undefined;
    }
    issues.push({ at, message: suggest(name, m) });
    return undefined;
  };

  const relatedOffices = (at: string): AgencyRef[] =>
    plan.relatedOffices.flatMap((n) => one(n, `relatedOffices ("${n}", used at ${at})`) ?? []);
  const communes = ctx.directory
    .filter((a) => a.isCommune && ctx.localitiesUnder.has(a.localityId))
    .map(ref);

  /** A cell or list entry: named agencies and groups, groups expanded, duplicates dropped. */
  const many = (texts: readonly string[], at: string): AgencyRef[] => {
    const out = new Map<string, AgencyRef>();
    for (const text of texts) {
      for (const part of splitCoordinating(text)) {
        const found =
          part.kind === 'agency'
            ? [one(part.name, at)].flatMap((x) => x ?? [])
            : part.group === 'all-communes'
              ? communes
              : relatedOffices(at);
        if (part.kind === 'group' && found.length === 0) {
          issues.push({
            at,
            message: `"${part.text}" names a group with no members in the directory`,
          });
        }
        for (const a of found) out.set(a.id, a);
      }
    }
    return [...out.values()];
  };

  const standing = one(plan.standingAgency, 'standingAgency');
  const resolved: ResolvedDuty[] = [];
  for (const duty of plan.duties) {
    const leads = many([duty.lead], ctx.where(duty.ref, 'lead'));
    // A date without a year ("trước ngày 20/6") is read in the year the plan was issued.
    const parsed = parseDuePhrase(duty.time, { year: Number(plan.issuedOn.slice(0, 4)) });
    if (!parsed.ok) {
      issues.push({ at: ctx.where(duty.ref, 'time'), message: parsed.error });
    }
    const coordinating = many(duty.coordinating, ctx.where(duty.ref, 'coordinating'));
    if (!parsed.ok || leads.length === 0) continue;
    const instances = dueInstances(parsed.rule, plan.period)
      .filter((i) => i.dueAt > ctx.notBefore)
      .map((i) => ({
        period: i.period,
        dueAt: new Date(i.dueAt).toISOString(),
        lastDay: i.label,
      }));
    if (instances.length === 0) {
      issues.push({
        at: ctx.where(duty.ref, 'time'),
        message: `"${duty.time}" gives no deadline within the plan's period ${plan.period.from}–${plan.period.to} after its issue date`,
      });
      continue;
    }
    // A duty whose lead is a group ("UBND các xã, thị trấn báo cáo …") is owed by each member.
    for (const lead of leads) {
      resolved.push({
        ref: leads.length === 1 ? duty.ref : `${duty.ref}/${lead.id}`,
        content: duty.content,
        product: duty.product,
        time: duty.time,
        lead,
        coordinating: coordinating.filter((a) => a.id !== lead.id),
        rule: parsed.rule,
        instances,
      });
    }
  }
  // A duty owed by each member of a group is stored as "<STT>/<agency id>"; a duty written
  // with that very STT would collide with it in plan_duties' key and fail mid-write.
  const refs = new Set<string>();
  for (const d of resolved) {
    if (refs.has(d.ref)) {
      issues.push({
        at: ctx.where(d.ref.split('/')[0] ?? d.ref, 'lead'),
        message: `two duties would be stored as STT ${d.ref}; give one of them another STT`,
      });
    }
    refs.add(d.ref);
  }
  if (issues.length > 0 || !standing) {
    throw new ImportError(`The plan ${plan.id} cannot be imported`, issues);
  }
  return { standing, duties: resolved };
}

export function dutyPaths(duties: readonly PlanDuty[]) {
  const index = new Map(duties.map((d, i) => [d.ref, i]));
  return (r: string, field: 'lead' | 'coordinating' | 'time'): string =>
    `duties.${index.get(r) ?? '?'}.${field} (STT ${r})`;
}
