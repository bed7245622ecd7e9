// The coordinators' pages: import (with a dry run first), plans, the directory, the annual
// cycle (previewed, started, watched, allocations recorded), simulations, and users. They call
// the same services as the JSON API (plans/service.ts, services/starts.ts, simulation/).
import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { RecordAllocation, StartCycle, type CycleState } from '../../common/cycle-schema.ts';
import type { DirectoryAgency, Directory } from '../../common/plan-schema.ts';
import { cycleWorkflowId, getCycleQuery, recordAllocationUpdate } from '../../common/messages.ts';
import { listUsers, removeUser, saveUser } from '../../db/users.ts';
import { byVietnamese, viCollator } from '../../domain/vi-order.ts';
import { previewCycle } from '../../plans/cycle-preview.ts';
import { render, type MessageCode, type ParamsOf } from '../../i18n/index.ts';
import { formatOf, readDirectory, readPlanDefinition } from '../../plans/definition.ts';
import { ImportError, issue, localizeIssue, type ImportIssue } from '../../plans/errors.ts';
import type { ResolvedDuty } from '../../plans/resolve.ts';
import {
  importDirectory,
  importPlan,
  importTable,
  type ImportResult,
  setPlanDutyTime,
  PlanDutyNotFound,
} from '../../plans/service.ts';
import { startCycle } from '../../services/starts.ts';
import { Behaviour } from '../../simulation/schema.ts';
import { simulateYear } from '../../simulation/simulate.ts';
import { MAX_TABLE_BYTES } from '../routes/plans.ts';
import { HttpError, schemaIssueLines, toHttpError } from '../errors.ts';
import { canSeePlan, type Principal } from '../principal.ts';
import { webKit, type WebDeps } from './deps.ts';
import { targetsLink } from './targets-routes.ts';
import { agencyNames } from './duty-data.ts';
import { field, parseNumber } from './forms.ts';
import { html, path, type Html } from './html.ts';
import { reasonIn } from './i18n.ts';
import {
  csrfField,
  date,
  dateTime,
  dueText,
  facts,
  levelName,
  levelRank,
  page,
  statusBadge,
  table,
  type Flash,
  type View,
} from './layout.ts';

const form = express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 100 });
const importUpload = multer({
  storage: multer.memoryStorage(),
  defParamCharset: 'utf8',
  limits: { fileSize: MAX_TABLE_BYTES, files: 1, fields: 10 },
});
/** A dry run waits this long for its "confirm". */
const STAGED_TTL_MS = 60 * 60_000;
const OPEN = ['assigned', 'acknowledged', 'returned', 'overdue'];

type Kind = 'directory' | 'plan' | 'table';

/**
 * A file's issues in the page's language, each with where it is (row and column as the table
 * heads them, or the path in a plan file): the errors that refused it, and apart from them
 * the warnings, which do not.
 */
function issuesTable(v: View, issues: readonly ImportIssue[]): Html {
  const local = issues.map((i) => localizeIssue(i, v.lang));
  const errors = local.filter((i) => i.severity !== 'warning');
  const warnings = local.filter((i) => i.severity === 'warning');
  const part = (caption: string, kind: string, list: ImportIssue[]) =>
    list.length === 0
      ? ''
      : table(
          caption,
          [v.t.where, kind],
          list.map((i) => [i.at, i.message]),
          '',
        );
  return html`${part(v.t.importErrors, v.t.problem, errors)}
  ${part(v.t.importWarnings, v.t.warning, warnings)}`;
}

/** The warnings an import result carries, when the importer gives any. */
const warningsOf = (result: object): ImportIssue[] =>
  'warnings' in result && Array.isArray(result.warnings)
    ? (result.warnings as ImportIssue[]).map((i) => ({ ...i, severity: 'warning' }))
    : [];

function dutiesTable(
  v: View,
  caption: string,
  duties: ResolvedDuty[],
  setTime?: (d: ResolvedDuty) => Html | string,
): Html {
  return table(
    caption,
    [v.t.ref, v.t.content, v.t.lead, v.t.coordinating, v.t.receiver, v.t.time, v.t.instances],
    duties.map((d) => [
      // A row the plan gives several lead agencies is stored once per lead ("VII.1/<agency
      // id>"); people read the plan's own number, the lead agency is in the next column.
      d.ref.split('/')[0] ?? d.ref,
      d.content,
      d.lead.name,
      d.coordinating.map((a) => a.name).join('; '),
      d.receiver?.name ?? '',
      html`${d.time}${d.standing ? html`<br /><strong>${v.t.standingDuty}</strong>` : ''}${
        d.undated ? html`<br /><strong>${v.t.undatedDuty}</strong>` : ''
      }${setTime ? setTime(d) : ''}`,
      html`<ul class="plain">
        ${d.instances.map(
          (i) => html`<li>${i.name ? `${i.name}: ` : ''}${v.t.dueOn(i.lastDay)}</li>`,
        )}
      </ul>`,
    ]),
    '',
  );
}

/** A simulation's "3.1 2024-H1" as "3.1 – 6 tháng đầu năm 2024". */
function simDuty(v: View, duty: string): string {
  const cut = duty.lastIndexOf(' ');
  return cut < 0 ? duty : `${duty.slice(0, cut)} – ${v.t.periodName(duty.slice(cut + 1))}`;
}

/** A simulation's event ("notify:reminder", "digest", "submit") in the catalogue's words. */
function simEvent(v: View, event: string): string {
  const kind = event.startsWith('notify:') ? event.slice('notify:'.length) : event;
  return v.t.kinds[kind] ?? v.t.actions[kind as keyof typeof v.t.actions] ?? v.t.otherEvent;
}

function directoryPreview(v: View, directory: Directory): Html {
  return html`<p>${v.t.directorySummary(directory.localities.length, directory.agencies.length)}</p>
    ${agenciesTable(v, directory.agencies, new Map(directory.localities.map((l) => [l.id, l.name])))}`;
}

function agenciesTable(
  v: View,
  agencies: DirectoryAgency[],
  localities: Map<string, string>,
): Html {
  const localityOf = (a: DirectoryAgency) => localities.get(a.localityId) ?? '';
  // From the top down, then in Vietnamese alphabetical order (SQL sorts by code point).
  const ordered = [...agencies].sort(
    (a, b) =>
      levelRank(a.level) - levelRank(b.level) ||
      viCollator.compare(localityOf(a), localityOf(b)) ||
      viCollator.compare(a.name, b.name),
  );
  return table(
    v.t.directoryTitle,
    [v.t.agency, v.t.locality, v.t.level, v.t.head, v.t.focalPoints],
    ordered.map((a) => [
      html`${a.name}${a.isCommune ? html` <span class="tag">${v.t.commune}</span>` : ''}`,
      localityOf(a),
      levelName(v, a.level),
      html`${a.head.name}<br /><small>${a.head.email}</small>`,
      html`<ul class="plain">
        ${a.focalPoints.map((c) => html`<li>${c.name}<br /><small>${c.email}</small></li>`)}
      </ul>`,
    ]),
    v.t.emptyDirectory,
    { captionHidden: true },
  );
}

export function coordinatorRoutes(deps: WebDeps): Router {
  const router = Router();
  const kit = webKit(deps);
  const { db, client } = deps;

  const seePlans = (res: Response): Principal => {
    const p = kit.signedIn(res);
    if (!p.coordinator && !p.viewer && p.standingPlanIds.length === 0) {
      throw new HttpError(403, 'forbidden', 'Not allowed');
    }
    return p;
  };
  const actorOf = (p: Principal) => ({
    name: p.name.slice(0, 200),
    agencyId: p.agencies[0]?.id ?? 'coordinator',
  });

  async function plansPage(req: Request, res: Response, flash?: Flash, status = 200) {
    const p = seePlans(res);
    const v = kit.view(req, res);
    const plans = (
      await db
        .selectFrom('plans')
        .select(['id', 'number', 'title', 'period_from', 'period_to', 'imported_at'])
        .orderBy('id')
        .execute()
    )
      .filter((plan) => canSeePlan(p, plan.id))
      .sort(byVietnamese((plan) => `${plan.number} ${plan.title}`));
    const importForm = p.coordinator
      ? html`<section aria-labelledby="h-import">
          <h2 id="h-import">${v.t.importTitle}</h2>
          <p>${v.t.importIntro}</p>
          <form
            method="post"
            action="/plans/import"
            enctype="multipart/form-data"
            class="card stack"
          >
            ${csrfField(v)}
            <fieldset>
              <legend>${v.t.importKind}</legend>
              <label class="choice"
                ><input type="radio" name="kind" value="directory" /> ${v.t.kindDirectory}</label
              >
              <label class="choice"
                ><input type="radio" name="kind" value="plan" checked /> ${v.t.kindPlan}</label
              >
              <label class="choice"
                ><input type="radio" name="kind" value="table" /> ${v.t.kindTable}</label
              >
            </fieldset>
            <label for="import-plan">${v.t.forPlan}</label>
            <select id="import-plan" name="planId">
              <option value=""></option>
              ${plans.map((plan) => html`<option value="${plan.id}">${plan.number} – ${plan.title}</option>`)}
            </select>
            <label for="import-file">${v.t.file}</label>
            <input
              id="import-file"
              name="file"
              type="file"
              required
              accept=".json,.yaml,.yml,.xlsx,.csv,.docx"
            />
            <label class="choice"
              ><input type="checkbox" name="allowUndated" value="1" /> ${v.t.allowUndated}</label
            >
            <button type="submit">${v.t.check}</button>
          </form>
        </section>`
      : '';
    res.status(status).send(
      page(v, {
        title: v.t.plansTitle,
        flash,
        body: html`${table(
          v.t.plansTitle,
          [v.t.number, v.t.title, v.t.period, v.t.importedAt],
          plans.map((plan) => [
            html`<a href="${path('/plans', plan.id)}">${plan.number}</a>`,
            plan.title,
            `${plan.period_from}–${plan.period_to}`,
            dateTime(plan.imported_at),
          ]),
          v.t.nothing,
          { captionHidden: true },
        )}${importForm}`,
      }),
    );
  }

  router.get('/plans', (req, res) => plansPage(req, res));

  /** Checks a file of the given kind: a dry run for plans and tables, parsing for a directory. */
  async function dryRun(
    kind: Kind,
    planId: string | undefined,
    name: string,
    bytes: Buffer,
    allowUndated: boolean,
  ) {
    if (kind === 'directory') {
      return { kind, directory: readDirectory(bytes.toString('utf8'), formatOf(name)) } as const;
    }
    if (kind === 'plan') {
      const plan = readPlanDefinition(bytes.toString('utf8'), formatOf(name));
      return { kind, result: await importPlan(db, plan, true, { allowUndated }) } as const;
    }
    if (!planId) {
      throw new ImportError(
        'No plan chosen',
        [issue('definition.choose-plan', {}, { field: 'planId' })],
        'definition.no-plan-chosen',
      );
    }
    return {
      kind,
      result: await importTable(db, planId, { name, bytes }, true, { allowUndated }),
    } as const;
  }

  function resultBody(v: View, result: ImportResult): Html {
    return html`<p>
        ${v.t.dryRunSummary(result.summary.duties, result.summary.instances, result.summary.agencies)}
      </p>
      ${facts([[v.t.standingAgency, result.standing.name]])} ${issuesTable(v, warningsOf(result))}
      ${dutiesTable(v, v.t.planDuties, result.duties)}`;
  }

  // Coordinators only, decided before the file is read into memory.
  const coordinatorsOnly: RequestHandler = (_req, res, next) => {
    kit.coordinator(res);
    next();
  };

  router.post('/plans/import', coordinatorsOnly, importUpload.single('file'), async (req, res) => {
    kit.csrf(req, res);
    const p = kit.coordinator(res);
    const v = kit.view(req, res);
    const kind = z
      .enum(['directory', 'plan', 'table'])
      .catch('plan')
      .parse(field(req, 'kind', 20));
    const planId = field(req, 'planId', 100);
    // A time phrase the reader cannot read imports the duty as "chưa có thời hạn" when asked.
    const allowUndated = field(req, 'allowUndated', 5) === '1';
    if (!req.file) return plansPage(req, res, { kind: 'error', text: v.t.required(v.t.file) }, 400);
    const { originalname: name, buffer: bytes } = req.file;
    let checked;
    try {
      checked = await dryRun(kind, planId, name, bytes, allowUndated);
    } catch (err) {
      if (!(err instanceof ImportError)) throw err;
      res.status(422).send(
        page(v, {
          title: v.t.dryRunTitle,
          flash: { kind: 'error', text: v.t.importErrors },
          crumbs: [['/plans', v.t.navPlans]],
          body: html`<p>${name}</p>
            ${issuesTable(v, err.issues)}
            <p><a href="/plans">${v.t.backHome}</a></p>`,
        }),
      );
      return;
    }
    const now = Date.now();
    await db
      .deleteFrom('staged_imports')
      .where('created_at', '<', new Date(now - STAGED_TTL_MS).toISOString())
      .execute();
    const id = randomUUID();
    await db
      .insertInto('staged_imports')
      .values({
        id,
        email: p.email || 'api',
        kind,
        plan_id: kind === 'table' ? (planId ?? null) : null,
        file_name: name,
        content_base64: bytes.toString('base64'),
        created_at: new Date(now).toISOString(),
      })
      .execute();
    const preview =
      checked.kind === 'directory'
        ? directoryPreview(v, checked.directory)
        : resultBody(v, checked.result);
    res.send(
      page(v, {
        title: v.t.dryRunTitle,
        crumbs: [['/plans', v.t.navPlans]],
        body: html`<p><strong>${name}</strong></p>
          <form method="post" action="${path('/plans/import', id)}" class="buttons">
            ${csrfField(v)}
            ${allowUndated ? html`<input type="hidden" name="allowUndated" value="1" />` : ''}
            <button type="submit">${v.t.confirmImport}</button>
            <a href="/plans" class="button secondary">${v.t.cancel}</a>
          </form>
          ${preview}`,
      }),
    );
  });

  router.post('/plans/import/:staged', form, async (req, res) => {
    kit.csrf(req, res);
    const p = kit.coordinator(res);
    const v = kit.view(req, res);
    const staged = await db
      .selectFrom('staged_imports')
      .selectAll()
      .where('id', '=', String(req.params['staged']))
      .where('email', '=', p.email || 'api')
      .where('created_at', '>=', new Date(Date.now() - STAGED_TTL_MS).toISOString())
      .executeTakeFirst();
    if (!staged) return plansPage(req, res, { kind: 'error', text: v.t.stagedGone }, 410);
    const bytes = Buffer.from(staged.content_base64, 'base64');
    const allowUndated = field(req, 'allowUndated', 5) === '1';
    let flash: Flash;
    let link: string;
    try {
      if (staged.kind === 'directory') {
        const directory = readDirectory(bytes.toString('utf8'), formatOf(staged.file_name));
        const counts = await importDirectory(db, directory);
        flash = { kind: 'ok', text: v.t.directoryImported(counts.localities, counts.agencies) };
        link = '/directory';
      } else {
        const result =
          staged.kind === 'plan'
            ? await importPlan(
                db,
                readPlanDefinition(bytes.toString('utf8'), formatOf(staged.file_name)),
                false,
                { allowUndated },
              )
            : await importTable(
                db,
                staged.plan_id ?? '',
                { name: staged.file_name, bytes },
                false,
                { allowUndated },
              );
        flash = { kind: 'ok', text: v.t.imported[result.outcome] ?? result.outcome };
        link = path('/plans', result.planId);
      }
    } catch (err) {
      // The directory or the plan changed since the dry run and the file no longer fits.
      if (!(err instanceof ImportError)) throw err;
      res.status(422).send(
        page(v, {
          title: v.t.dryRunTitle,
          flash: { kind: 'error', text: v.t.importErrors },
          body: issuesTable(v, err.issues),
        }),
      );
      return;
    }
    await db.deleteFrom('staged_imports').where('id', '=', staged.id).execute();
    res.send(
      page(v, {
        title: v.t.importTitle,
        flash,
        crumbs: [['/plans', v.t.navPlans]],
        body: html`<p><a href="${link}">${v.t.open}: ${staged.file_name}</a></p>`,
      }),
    );
  });

  const planRow = async (id: string) => {
    const plan = await db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
    if (!plan) throw new HttpError(404, 'not_found', `No plan ${id}`);
    return plan;
  };

  async function cycleExists(planId: string, year: number): Promise<boolean> {
    return client.workflow
      .getHandle(cycleWorkflowId({ planId, year }))
      .describe()
      .then(
        () => true,
        () => false,
      );
  }

  router.get('/plans/:id', async (req, res) => {
    const p = seePlans(res);
    const v = kit.view(req, res);
    const plan = await planRow(String(req.params['id']));
    if (!canSeePlan(p, plan.id)) throw new HttpError(403, 'forbidden', 'Not your plan');
    const duties = (
      await db
        .selectFrom('plan_duties')
        .select('duty_json')
        .where('plan_id', '=', plan.id)
        .orderBy('ref')
        .execute()
    ).map((r) => JSON.parse(r.duty_json) as ResolvedDuty);
    const standing = await db
      .selectFrom('agencies')
      .select('name')
      .where('id', '=', plan.standing_agency_id)
      .executeTakeFirst();
    const years = Array.from(
      { length: plan.period_to - plan.period_from + 1 },
      (_, i) => plan.period_from + i,
    );
    const started = await Promise.all(years.map((y) => cycleExists(plan.id, y)));
    const cycles = table(
      v.t.cyclesTitle,
      [v.t.year, v.t.status],
      years.map((y, i) => [
        String(y),
        started[i]
          ? html`<a href="${path('/cycles', cycleWorkflowId({ planId: plan.id, year: y }))}"
              >${v.t.open}</a
            >`
          : p.coordinator
            ? html`${v.t.notStarted} —
                <a href="${path('/plans', plan.id, 'cycle-preview')}?year=${y}"
                  >${v.t.previewCycle}</a
                >`
            : v.t.notStarted,
      ]),
      '',
      { captionHidden: true },
    );
    const simulate = p.coordinator
      ? html`<section aria-labelledby="h-sim">
          <h2 id="h-sim">${v.t.simulateTitle}</h2>
          <p>${v.t.simulateIntro}</p>
          <form
            method="post"
            action="${path('/plans', plan.id, 'simulate')}"
            class="card stack"
            data-busy
          >
            ${csrfField(v)}
            <label for="sim-year">${v.t.year}</label>
            <select id="sim-year" name="year">
              ${years.map((y) => html`<option value="${y}">${y}</option>`)}
            </select>
            <label for="sim-late">${v.t.lateShare}</label>
            <input id="sim-late" name="lateShare" inputmode="decimal" value="0,2" />
            <label for="sim-missing">${v.t.missingShare}</label>
            <input id="sim-missing" name="missingShare" inputmode="decimal" value="0,05" />
            <label for="sim-seed">${v.t.seed}</label>
            <input id="sim-seed" name="seed" inputmode="numeric" value="1" />
            <button type="submit" data-busy-text="${v.t.running}">${v.t.runSimulation}</button>
          </form>
        </section>`
      : '';
    res.send(
      page(v, {
        title: `${plan.number} – ${plan.title}`,
        crumbs: [['/plans', v.t.navPlans]],
        body: html`${facts([
            [v.t.period, `${plan.period_from}–${plan.period_to}`],
            [v.t.standingAgency, standing?.name ?? plan.standing_agency_id],
            [v.t.importedAt, dateTime(plan.imported_at)],
          ])}
          <section aria-labelledby="h-cycles">
            <h2 id="h-cycles">${v.t.cyclesTitle}</h2>
            ${cycles}
          </section>
          ${targetsLink(v, plan.id)} ${simulate}
          <section aria-labelledby="h-duties">
            <h2 id="h-duties">${v.t.planDuties}</h2>
            ${dutiesTable(
              v,
              v.t.planDuties,
              duties,
              // Only a duty imported "chưa có thời hạn" waits for its date; the rest read as
              // the plan wrote them, and a changed plan is imported again.
              p.coordinator
                ? (d) =>
                    d.undated
                      ? html`<form
                          method="post"
                          action="${path('/plans', plan.id, 'duties', d.ref, 'time')}"
                          class="inline"
                        >
                          ${csrfField(v)}
                          <label for="time-${d.ref}">${v.t.setTime}</label>
                          <input
                            id="time-${d.ref}"
                            name="time"
                            value="${d.time}"
                            maxlength="4000"
                          />
                          <button type="submit" class="secondary">${v.t.save}</button>
                        </form>`
                      : ''
                : undefined,
            )}
          </section>`,
      }),
    );
  });

  const yearOf = (raw: unknown): number => {
    const year = Number(raw);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      throw new HttpError(400, 'invalid_input', 'Invalid year');
    }
    return year;
  };

  router.get('/plans/:id/cycle-preview', async (req, res) => {
    kit.coordinator(res);
    const v = kit.view(req, res);
    const plan = await planRow(String(req.params['id']));
    const year = yearOf(req.query['year']);
    const crumbs: [string, string][] = [
      ['/plans', v.t.navPlans],
      [path('/plans', plan.id), plan.number],
    ];
    if (year < plan.period_from || year > plan.period_to) {
      throw new HttpError(400, 'invalid_input', v.t.yearOutside(plan.period_from, plan.period_to));
    }
    const cycleId = cycleWorkflowId({ planId: plan.id, year });
    if (await cycleExists(plan.id, year)) {
      res.send(
        page(v, {
          title: v.t.cyclePreviewTitle(year),
          crumbs,
          flash: { kind: 'ok', text: v.t.cycleExists },
          body: html`<p><a href="${path('/cycles', cycleId)}">${v.t.open}</a></p>`,
        }),
      );
      return;
    }
    // What starting now does to the year's past: counted with the ladder itself.
    const { duties, preview } = await previewCycle(db, plan.id, year, cycleId, Date.now());
    const byPhase = new Map<string, number>();
    for (const d of duties) {
      const phase = d.cycle?.phase ?? 'other';
      byPhase.set(phase, (byPhase.get(phase) ?? 0) + 1);
    }
    const say = <C extends MessageCode>(code: C, params: ParamsOf<C>): string =>
      render(code, params, v.lang);
    const chase = preview.sentAtOnce.chase;
    const supervisors = [...new Set(preview.agencies.flatMap((a) => a.escalateTo))].join(', ');
    const start = preview.warning
      ? html`<section aria-labelledby="h-past-due" data-past-due="${preview.pastDue}">
          <h2 id="h-past-due">${say('cycle-start.table.caption', { year })}</h2>
          ${table(
            say('cycle-start.table.caption', { year }),
            [
              say('cycle-start.col.agency', {}),
              say('cycle-start.col.duties', {}),
              say('cycle-start.col.past-due', {}),
              say('cycle-start.col.overdue', {}),
              say('cycle-start.col.urges', {}),
              say('cycle-start.col.escalations', {}),
            ],
            preview.agencies
              .filter((a) => a.pastDue > 0)
              .map((a) => [
                a.agencyName,
                String(a.duties),
                String(a.pastDue),
                String(a.overdueNotices),
                String(a.urges),
                String(a.escalations),
              ]),
            v.t.nothing,
            { captionHidden: true },
          )}
          <form method="post" action="${path('/plans', plan.id, 'cycles')}" class="stack">
            ${csrfField(v)}
            <input type="hidden" name="year" value="${year}" />
            <p class="note">
              ${say('cycle-start.option.history-explain', {
                summaries: preview.sentAtOnce.history.summaries,
              })}
            </p>
            <p>
              <button type="submit" name="past" value="history">
                ${say('cycle-start.option.history', {})}
              </button>
            </p>
            <p class="note">${say('cycle-start.option.chase-explain', {})}</p>
            <p>
              <button type="submit" name="past" value="chase" class="secondary">
                ${say('cycle-start.option.chase', {})}
              </button>
            </p>
          </form>
        </section>`
      : html`<p class="note">${say('cycle-start.past-due.none', {})}</p>
          <form method="post" action="${path('/plans', plan.id, 'cycles')}" class="buttons">
            ${csrfField(v)}
            <input type="hidden" name="year" value="${year}" />
            <button type="submit">${v.t.startCycle}</button>
          </form>`;
    res.send(
      page(v, {
        title: v.t.cyclePreviewTitle(year),
        crumbs,
        ...(preview.warning
          ? {
              flash: {
                kind: 'error' as const,
                text: say('cycle-start.past-due.warning', {
                  year,
                  pastDue: preview.pastDue,
                  total: preview.duties,
                  overdue: chase.overdueNotices,
                  urges: chase.urges,
                  escalations: chase.escalations,
                  supervisors,
                }),
              },
            }
          : {}),
        body: html`<p>${v.t.cyclePreviewIntro(duties.length)}</p>
          <ul class="plain">
            ${[...byPhase].map(
              ([phase, n]) =>
                html`<li>${v.t.phases[phase as keyof typeof v.t.phases] ?? phase}: ${n}</li>`,
            )}
          </ul>
          ${start}
          ${table(
            v.t.cyclePreviewTitle(year),
            [v.t.duty, v.t.lead, v.t.period, v.t.deadline, v.t.phase],
            duties.map((d) => [
              d.title,
              d.lead.name,
              v.t.periodName(d.period),
              dueText(v, d.dueAt, d.timePhrase),
              v.t.phases[d.cycle?.phase ?? 'other'],
            ]),
            v.t.nothing,
            { captionHidden: true },
          )}`,
      }),
    );
  });

  // The date of a duty imported "chưa có thời hạn" (or any duty's time) set later, as the
  // plan writes it; read by the same grammar, refused with the same coded reasons.
  router.post('/plans/:id/duties/:ref/time', form, async (req, res) => {
    kit.csrf(req, res);
    kit.coordinator(res);
    const v = kit.view(req, res);
    const plan = await planRow(String(req.params['id']));
    try {
      await setPlanDutyTime(db, plan.id, String(req.params['ref']), field(req, 'time', 4000) ?? '');
    } catch (err) {
      if (err instanceof PlanDutyNotFound) throw new HttpError(404, 'not_found', err.message);
      if (!(err instanceof ImportError)) throw err;
      res.status(422).send(
        page(v, {
          title: v.t.setTime,
          flash: { kind: 'error', text: v.t.importErrors },
          crumbs: [
            ['/plans', v.t.navPlans],
            [path('/plans', plan.id), plan.number],
          ],
          body: issuesTable(v, err.issues),
        }),
      );
      return;
    }
    res.redirect(303, path('/plans', plan.id));
  });

  router.post('/plans/:id/cycles', form, async (req, res) => {
    kit.csrf(req, res);
    kit.coordinator(res);
    const plan = await planRow(String(req.params['id']));
    const year = yearOf(field(req, 'year', 10));
    if (year < plan.period_from || year > plan.period_to) {
      const v = kit.view(req, res);
      throw new HttpError(400, 'invalid_input', v.t.yearOutside(plan.period_from, plan.period_to));
    }
    // The preview's two buttons: chase the past now (as before), or record it as history.
    const past = field(req, 'past', 10) === 'history' ? 'history' : 'chase';
    let id: string;
    try {
      id = await startCycle(client, StartCycle.parse({ planId: plan.id, year, past }));
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      id = err.workflowId;
    }
    res.redirect(303, path('/cycles', id));
  });

  async function cyclePage(req: Request, res: Response, flash?: Flash, status = 200) {
    const p = seePlans(res);
    const v = kit.view(req, res);
    const id = String(req.params['id']);
    if (!id.startsWith('cycle:')) throw new HttpError(404, 'not_found', 'No such cycle');
    let state: CycleState;
    try {
      state = await client.workflow.getHandle(id).query(getCycleQuery);
    } catch (err) {
      const http = toHttpError(err);
      if (http.status === 404) throw http;
      throw err;
    }
    if (!canSeePlan(p, state.planId)) throw new HttpError(403, 'forbidden', 'Not your plan');
    const plan = await planRow(state.planId);
    const statuses = [
      'assigned',
      'acknowledged',
      'submitted',
      'accepted',
      'returned',
      'overdue',
      'cancelled',
    ];
    const phases = Object.entries(state.phases);
    const next = await db
      .selectFrom('duties')
      .select(['id', 'title', 'lead_agency_id', 'status', 'due_at', 'original_due_at'])
      .where('plan_id', '=', state.planId)
      .where((eb) =>
        eb.or([eb('period', '=', String(state.year)), eb('period', 'like', `${state.year}-%`)]),
      )
      .where('status', 'in', OPEN)
      .orderBy('due_at')
      .limit(10)
      .execute();
    const names = await agencyNames(db);
    const allocate =
      p.coordinator && state.projects.length > 0 && state.status !== 'closed'
        ? html`<form
            method="post"
            action="${path('/cycles', id, 'allocations')}"
            class="card stack"
          >
            <h3>${v.t.recordAllocation}</h3>
            ${csrfField(v)}
            <label for="alloc-project">${v.t.project}</label>
            <select id="alloc-project" name="projectRef">
              ${state.projects.map(
                (pr) =>
                  html`<option value="${pr.ref}">${pr.ref} – ${pr.title.slice(0, 80)}</option>`,
              )}
            </select>
            <label for="alloc-amount">${v.t.amount}</label>
            <input
              id="alloc-amount"
              name="amount"
              required
              inputmode="numeric"
              pattern="[0-9.\\s]+"
              autocomplete="off"
            />
            <label for="alloc-decision">${v.t.decision}</label>
            <input id="alloc-decision" name="decision" maxlength="200" />
            <button type="submit">${v.t.save}</button>
          </form>`
        : '';
    const money = (digits: string) => BigInt(digits).toLocaleString('vi-VN');
    res.status(status).send(
      page(v, {
        title: `${v.t.cycleTitle(state.year)} – ${plan.number}`,
        flash,
        // Without JavaScript, the page follows the launch by reloading itself until it is done.
        ...(state.status === 'launching' ? { refreshSeconds: 5 } : {}),
        crumbs: [
          ['/plans', v.t.navPlans],
          [path('/plans', state.planId), plan.number],
        ],
        body: html`${facts([
            [
              v.t.status,
              html`<span class="cycle-status" data-cycle-status="${state.status}"
                >${v.t.cycleStatus[state.status] ?? state.status}</span
              >`,
            ],
          ])}
          <p>${v.t.launched(state.launched)}</p>
          <section aria-labelledby="h-progress">
            <h2 id="h-progress">${v.t.progress}</h2>
            ${table(
              v.t.progress,
              [
                v.t.phase,
                ...statuses.map((s) => v.t.statuses[s as keyof typeof v.t.statuses]),
                v.t.total,
              ],
              phases.map(([phase, counts]) => [
                v.t.phases[phase as keyof typeof v.t.phases] ?? phase,
                ...statuses.map((s) => String(counts?.[s as keyof typeof counts] ?? 0)),
                String(Object.values(counts ?? {}).reduce((a, b) => a + (b ?? 0), 0)),
              ]),
              v.t.nothing,
              { captionHidden: true },
            )}
          </section>
          <section aria-labelledby="h-next">
            <h2 id="h-next">${v.t.nextDeadlines}</h2>
            ${table(
              v.t.nextDeadlines,
              [v.t.duty, v.t.lead, v.t.status, v.t.deadline],
              next.map((d) => [
                html`<a href="${path('/duties', d.id)}">${d.title}</a>`,
                names.get(d.lead_agency_id) ?? d.lead_agency_id,
                statusBadge(v, d.status),
                dueText(v, d.due_at),
              ]),
              v.t.nothing,
              { captionHidden: true },
            )}
          </section>
          <section aria-labelledby="h-money">
            <h2 id="h-money">${v.t.projects}</h2>
            ${
              state.projects.length === 0
                ? html`<p>${v.t.noProjects}</p>`
                : table(
                    v.t.projects,
                    [v.t.project, v.t.lead, v.t.allocated, v.t.allocations],
                    state.projects.map((pr) => [
                      `${pr.ref} – ${pr.title}`,
                      pr.leadName,
                      money(pr.allocated),
                      html`<ul class="plain">
                        ${pr.allocations.map(
                          (a) =>
                            html`<li>
                              ${money(a.amount)} (${dateTime(a.at)},
                              ${a.by}${a.decision ? `, ${a.decision}` : ''})
                            </li>`,
                        )}
                      </ul>`,
                    ]),
                    '',
                    { captionHidden: true },
                  )
            }
            ${allocate}
          </section>`,
      }),
    );
  }

  router.get('/cycles/:id', (req, res) => cyclePage(req, res));

  router.post('/cycles/:id/allocations', form, async (req, res) => {
    kit.csrf(req, res);
    const p = kit.coordinator(res);
    const v = kit.view(req, res);
    const amount = (field(req, 'amount', 40) ?? '').replace(/[.\s]/g, '');
    const decision = field(req, 'decision', 200);
    const parsed = RecordAllocation.safeParse({
      actor: actorOf(p),
      projectRef: field(req, 'projectRef', 100),
      amount,
      ...(decision ? { decision } : {}),
    });
    if (!parsed.success) {
      return cyclePage(
        req,
        res,
        {
          kind: 'error',
          text: v.t.invalidInput,
          items: schemaIssueLines(parsed.error, v.lang),
        },
        400,
      );
    }
    try {
      await client.workflow
        .getHandle(String(req.params['id']))
        .executeUpdate(recordAllocationUpdate, { args: [parsed.data] });
    } catch (err) {
      const http = toHttpError(err);
      if (http.status !== 409) throw err;
      return cyclePage(
        req,
        res,
        { kind: 'error', text: `${v.t.refused}: ${reasonIn(v.lang, http.message)}` },
        409,
      );
    }
    return cyclePage(req, res, { kind: 'ok', text: v.t.allocationSaved });
  });

  router.post('/plans/:id/simulate', form, async (req, res) => {
    kit.csrf(req, res);
    kit.coordinator(res);
    const v = kit.view(req, res);
    const plan = await planRow(String(req.params['id']));
    const year = yearOf(field(req, 'year', 10));
    if (year < plan.period_from || year > plan.period_to) {
      throw new HttpError(400, 'invalid_input', v.t.yearOutside(plan.period_from, plan.period_to));
    }
    const share = (name: string, fallback: number) => {
      const typed = field(req, name, 20);
      return typed === undefined ? fallback : parseNumber(typed);
    };
    const behaviour = Behaviour.safeParse({
      lateShare: share('lateShare', 0.2),
      missingShare: share('missingShare', 0.05),
      seed: share('seed', 1),
    });
    if (!behaviour.success) {
      throw new HttpError(
        400,
        'invalid_input',
        schemaIssueLines(behaviour.error, v.lang).join('; '),
      );
    }
    const result = await simulateYear(db, plan.id, { year, behaviour: behaviour.data });
    const s = result.summary;
    res.send(
      page(v, {
        title: v.t.simulationTitle(year),
        crumbs: [
          ['/plans', v.t.navPlans],
          [path('/plans', plan.id), plan.number],
        ],
        body: html`<p>
            ${v.t.simSummary(s.duties, s.submittedLate, s.neverSubmitted, s.extensionsGranted)}
          </p>
          ${facts(Object.entries(s.byStatus).map(([k, n]) => [v.t.statuses[k as keyof typeof v.t.statuses] ?? k, String(n)]))}
          <section aria-labelledby="h-sim-mail">
            <h2 id="h-sim-mail">${v.t.simMailTitle}</h2>
            <p>
              ${v.t.simMail(
                s.mail.delivery === 'digest',
                s.mail.messages,
                s.mail.perDuty,
                s.mail.maxPerPersonDay,
                s.mail.maxPerPersonDayRoutine,
              )}
            </p>
            ${table(
              v.t.simMailTitle,
              [v.t.role, v.t.simPeople, v.t.messages, v.t.simMaxDay],
              (['lead', 'coordinating', 'standing', 'supervisor'] as const).map((r) => [
                v.t.mailRoles[r],
                String(s.mail.byRole[r].people),
                String(s.mail.byRole[r].messages),
                String(s.mail.byRole[r].maxPerPersonDay),
              ]),
              v.t.nothing,
              { captionHidden: true },
            )}
          </section>
          <section aria-labelledby="h-sim-duties">
            <h2 id="h-sim-duties">${v.t.planDuties}</h2>
            ${table(
              v.t.planDuties,
              [v.t.duty, v.t.lead, v.t.period, v.t.deadline, v.t.status, v.t.messages],
              result.duties.map((d) => [
                d.title,
                d.lead,
                v.t.periodName(d.period),
                dueText(v, d.dueAt),
                statusBadge(v, d.status),
                String(d.notifications.length),
              ]),
              v.t.nothing,
              { captionHidden: true },
            )}
          </section>
          <section aria-labelledby="h-sim-timeline">
            <h2 id="h-sim-timeline">${v.t.timeline}</h2>
            ${table(
              v.t.timeline,
              [v.t.when, v.t.duty, v.t.agency, v.t.event, v.t.detail],
              result.timeline.map((r) => [
                r.at,
                simDuty(v, r.duty),
                r.agency,
                simEvent(v, r.event),
                r.recipients ? r.recipients.join(', ') : r.detail,
              ]),
              v.t.nothing,
              { captionHidden: true },
            )}
          </section>`,
      }),
    );
  });

  router.get('/directory', async (req, res) => {
    const p = kit.signedIn(res);
    if (!p.coordinator && !p.viewer) throw new HttpError(403, 'forbidden', 'Not allowed');
    const v = kit.view(req, res);
    const localities = new Map(
      (await db.selectFrom('localities').select(['id', 'name']).execute()).map((l) => [
        l.id,
        l.name,
      ]),
    );
    const agencies = (
      await db
        .selectFrom('agencies')
        .select('entry_json')
        .orderBy('locality_id')
        .orderBy('name')
        .execute()
    ).map((r) => JSON.parse(r.entry_json) as DirectoryAgency);
    res.send(page(v, { title: v.t.directoryTitle, body: agenciesTable(v, agencies, localities) }));
  });

  async function usersPage(req: Request, res: Response, flash?: Flash, status = 200) {
    kit.coordinator(res);
    const v = kit.view(req, res);
    const users = await listUsers(db);
    const fixed = deps.coordinatorEmails.filter((e) => !users.some((u) => u.email === e));
    const rows = [
      ...fixed.map((email) => [email, '', v.t.roles.coordinator, v.t.fromConfig, '']),
      ...users.map((u) => [
        u.email,
        u.name,
        v.t.roles[u.role],
        `${u.added_by} (${date(u.added_at)})`,
        html`<form method="post" action="/users/remove" class="inline">
          ${csrfField(v)}
          <input type="hidden" name="email" value="${u.email}" />
          <button type="submit" class="link">
            ${v.t.remove}<span class="visually-hidden"> ${u.email}</span>
          </button>
        </form>`,
      ]),
    ];
    res.status(status).send(
      page(v, {
        title: v.t.usersTitle,
        flash,
        body: html`<p>${v.t.usersIntro}</p>
          ${table(v.t.usersTitle, [v.t.email, v.t.name, v.t.role, v.t.addedBy, ''], rows, v.t.nothing, { captionHidden: true })}
          <form method="post" action="/users" class="card stack">
            <h2>${v.t.addUser}</h2>
            ${csrfField(v)}
            <label for="user-email">${v.t.email}</label>
            <input id="user-email" name="email" type="email" required autocomplete="off" />
            <label for="user-name">${v.t.name}</label>
            <input id="user-name" name="name" required maxlength="200" />
            <label for="user-role">${v.t.role}</label>
            <select id="user-role" name="role">
              <option value="coordinator">${v.t.roles.coordinator}</option>
              <option value="viewer">${v.t.roles.viewer}</option>
            </select>
            <button type="submit">${v.t.add}</button>
          </form>`,
      }),
    );
  }

  router.get('/users', (req, res) => usersPage(req, res));

  router.post('/users', form, async (req, res) => {
    kit.csrf(req, res);
    const p = kit.coordinator(res);
    const v = kit.view(req, res);
    const parsed = z
      .object({
        email: z.email().max(254),
        name: z.string().min(1).max(200),
        role: z.enum(['coordinator', 'viewer']),
      })
      .safeParse({
        email: field(req, 'email', 254),
        name: field(req, 'name', 200),
        role: field(req, 'role', 20),
      });
    if (!parsed.success) {
      return usersPage(
        req,
        res,
        {
          kind: 'error',
          text: v.t.invalidInput,
          items: schemaIssueLines(parsed.error, v.lang),
        },
        400,
      );
    }
    await saveUser(db, parsed.data, p.email || 'api');
    return usersPage(req, res, { kind: 'ok', text: v.t.userSaved });
  });

  router.post('/users/remove', form, async (req, res) => {
    kit.csrf(req, res);
    kit.coordinator(res);
    const v = kit.view(req, res);
    await removeUser(db, field(req, 'email', 254) ?? '');
    return usersPage(req, res, { kind: 'ok', text: v.t.userRemoved });
  });

  return router;
}
