// The pages of agency heads, focal points and the standing agency: "my duties", a duty's page
// with its product, deadline, timeline and ladder, its actions, and the submitted files.
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import type {
  Acknowledge,
  Contribute,
  DecideExtension,
  RequestExtension,
  Review,
  Submit,
  UrgeNow,
} from '../../common/duty-schema.ts';
import { CLOSED_FOR_LEAD, type DutyState } from '../../common/duty-state.ts';
import {
  acknowledgeUpdate,
  contributeUpdate,
  decideExtensionUpdate,
  requestExtensionUpdate,
  reviewUpdate,
  submitUpdate,
  urgeNowUpdate,
} from '../../common/messages.ts';
import { ladderView, type LadderView } from '../../db/ladder-view.ts';
import { localPath } from '../../services/signed-links.ts';
import { listDuties } from '../../db/duties.ts';
import { dueLine } from '../../domain/email.ts';
import { DAY_MS } from '../../domain/local-time.ts';
import { HttpError } from '../errors.ts';
import { dutyRights, type DutyRights, type Principal } from '../principal.ts';
import { webKit, type WebDeps } from './deps.ts';
import { agencyNames, loadDuty, runDutyUpdate, type UpdateOutcome } from './duty-data.ts';
import {
  ACCEPT,
  discardUploads,
  fileStream,
  findFile,
  forgetFiles,
  keepUploads,
  refusedUploads,
  uploadParser,
} from './files.ts';
import { field, indicatorsFrom, parseLocalDate } from './forms.ts';
import { RateLimiter } from './rate-limit.ts';
import { html, path, type Html } from './html.ts';
import { reasonIn } from './i18n.ts';
import {
  csrfField,
  dateTime,
  deadlineCell,
  dueText,
  facts,
  page,
  statusBadge,
  table,
  type Flash,
  type View,
} from './layout.ts';

const form = express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 200 });
const OPEN = ['assigned', 'acknowledged', 'returned', 'overdue'];
const DUE_SOON_DAYS = 14;
const LIST_LIMIT = 200;

type Listed = Awaited<ReturnType<typeof listDuties>>[number];

function dutyTable(v: View, caption: string, rows: Listed[], names: Map<string, string>): Html {
  return table(
    caption,
    [v.t.duty, v.t.period, v.t.lead, v.t.status, v.t.deadline],
    rows.map((d) => [
      html`<a href="${path('/duties', d.id)}">${d.title}</a>`,
      v.t.periodName(d.period),
      names.get(d.leadAgencyId) ?? d.leadAgencyId,
      statusBadge(v, d.status),
      deadlineCell(v, d),
    ]),
    v.t.nothing,
  );
}

const uniqueById = (rows: Listed[]): Listed[] => {
  const seen = new Set<string>();
  return rows
    .filter((r) => !seen.has(r.id) && seen.add(r.id))
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
};

/** Duties of the plans a standing officer follows that wait for an extension decision. */
async function pendingExtensions(deps: WebDeps, planIds: string[]): Promise<Listed[]> {
  if (planIds.length === 0) return [];
  const rows = await deps.db
    .selectFrom('duties')
    .select(['id', 'state_json'])
    .where('plan_id', 'in', planIds)
    .where('status', 'in', OPEN)
    .where('state_json', 'like', '%"extensionRequest":%')
    .orderBy('due_at')
    .limit(LIST_LIMIT)
    .execute();
  return rows
    .map((r) => JSON.parse(r.state_json) as DutyState)
    .filter((d) => d.extensionRequest)
    .map((d) => ({
      id: d.workflowId,
      planId: d.planId,
      dutyId: d.dutyId,
      period: d.period,
      title: d.title,
      leadAgencyId: d.lead.id,
      status: d.status,
      dueAt: d.dueAt,
      originalDueAt: d.originalDueAt,
      updatedAt: '',
    }));
}

export function dutyRoutes(deps: WebDeps): Router {
  const router = Router();
  const kit = webKit(deps);
  const upload = uploadParser(deps.dataDir);

  router.get('/', async (req, res) => {
    const p = kit.signedIn(res);
    const v = kit.view(req, res);
    const names = await agencyNames(deps.db);
    const sections: Html[] = [];
    const ids = p.agencies.map((a) => a.id);
    if (ids.length > 0) {
      const each = (filter: Omit<Parameters<typeof listDuties>[1], 'limit' | 'agencyId'>) =>
        Promise.all(
          ids.map((agencyId) => listDuties(deps.db, { ...filter, agencyId, limit: LIST_LIMIT })),
        ).then((lists) => uniqueById(lists.flat()));
      const now = v.nowMs;
      const [lead, coordinating] = await Promise.all([
        each({ role: 'lead' }),
        each({ role: 'coordinating' }),
      ]);
      const open = lead.filter((d) => OPEN.includes(d.status));
      const overdue = open.filter((d) => Date.parse(d.dueAt) <= now);
      const soon = open.filter(
        (d) => Date.parse(d.dueAt) > now && Date.parse(d.dueAt) <= now + DUE_SOON_DAYS * DAY_MS,
      );
      sections.push(
        html`<section aria-labelledby="h-overdue">
            <h2 id="h-overdue">${v.t.overdue}</h2>
            ${dutyTable(v, v.t.overdue, overdue, names)}
          </section>
          <section aria-labelledby="h-soon">
            <h2 id="h-soon">${v.t.dueSoon(DUE_SOON_DAYS)}</h2>
            ${dutyTable(v, v.t.dueSoon(DUE_SOON_DAYS), soon, names)}
          </section>
          <section aria-labelledby="h-lead">
            <h2 id="h-lead">${v.t.asLead}</h2>
            ${dutyTable(v, v.t.asLead, lead, names)}
          </section>
          <section aria-labelledby="h-coord">
            <h2 id="h-coord">${v.t.asCoordinating}</h2>
            ${dutyTable(v, v.t.asCoordinating, coordinating, names)}
          </section>`,
      );
    }
    if (p.standingPlanIds.length > 0) {
      const byPlan = (status: string) =>
        Promise.all(
          p.standingPlanIds.map((planId) =>
            listDuties(deps.db, { planId, status, limit: LIST_LIMIT }),
          ),
        ).then((lists) => uniqueById(lists.flat()));
      const [review, overdue, extensions] = await Promise.all([
        byPlan('submitted'),
        byPlan('overdue'),
        pendingExtensions(deps, p.standingPlanIds),
      ]);
      sections.push(
        html`<section aria-labelledby="h-standing">
          <h2 id="h-standing">${v.t.standingTitle}</h2>
          <h3>${v.t.awaitingReview}</h3>
          ${dutyTable(v, v.t.awaitingReview, review, names)}
          <h3>${v.t.extensionRequests}</h3>
          ${dutyTable(v, v.t.extensionRequests, extensions, names)}
          <h3>${v.t.overdue}</h3>
          ${dutyTable(v, v.t.overdue, overdue, names)}
        </section>`,
      );
    }
    if (p.coordinator || p.viewer) {
      sections.push(
        html`<section aria-labelledby="h-coordination">
          <h2 id="h-coordination">${v.t.coordinatorTools}</h2>
          <ul class="links">
            <li><a href="/plans">${v.t.navPlans}</a></li>
            <li><a href="/directory">${v.t.navDirectory}</a></li>
            ${p.coordinator ? html`<li><a href="/users">${v.t.navUsers}</a></li>` : ''}
          </ul>
        </section>`,
      );
    }
    if (sections.length === 0) sections.push(html`<p>${v.t.noRoleYet}</p>`);
    res.send(page(v, { title: v.t.homeTitle, body: sections }));
  });

  /** The duty and what this person may do with it; 404 and 403 as pages. */
  async function dutyFor(req: Request, res: Response) {
    const p = kit.signedIn(res);
    const id = String(req.params['id']);
    const duty = await loadDuty(deps.client, deps.db, id);
    if (!duty) throw new HttpError(404, 'not_found', `No duty ${id}`);
    const rights = dutyRights(p, duty);
    if (!rights.see) throw new HttpError(403, 'forbidden', 'Not your agency’s duty');
    return { p, duty, rights };
  }

  /** What a duty's page shows beside its state: the ladder, and its plan by number and title. */
  async function pageData(duty: DutyState, nowMs: number) {
    const plan = await deps.db
      .selectFrom('plans')
      .select(['number', 'title'])
      .where('id', '=', duty.planId)
      .executeTakeFirst();
    const planName = plan ? `${plan.number} – ${plan.title}` : (duty.planNumber ?? duty.planId);
    return { ladder: await ladderView(deps.db, duty, nowMs), planName };
  }

  function renderDuty(
    v: View,
    duty: DutyState,
    rights: DutyRights,
    { ladder, planName }: { ladder: LadderView; planName: string },
    flash?: Flash,
  ): string {
    const leadOpen = !CLOSED_FOR_LEAD.includes(duty.status);
    const forms: Html[] = [];
    const action = (name: string) => path('/duties', duty.workflowId, name);
    if (rights.lead && leadOpen && !duty.acknowledgedAt) {
      forms.push(
        html`<form method="post" action="${action('acknowledge')}" class="card">
          <h3>${v.t.actions.acknowledge}</h3>
          <p>${v.t.acknowledgeHelp}</p>
          ${csrfField(v)}
          <button type="submit">${v.t.actions.acknowledge}</button>
        </form>`,
      );
    }
    if (rights.lead && leadOpen) forms.push(submitForm(v, duty, action('submit')));
    if (rights.lead && leadOpen && !duty.extensionRequest) {
      forms.push(
        html`<form method="post" action="${action('extension-request')}" class="card stack">
          <h3>${v.t.extensionTitle}</h3>
          ${csrfField(v)}
          <label for="ext-date">${v.t.newDeadline}</label>
          <input
            id="ext-date"
            name="newDue"
            required
            inputmode="numeric"
            placeholder="${v.t.dateFormatHint}"
            pattern="\\d{1,2}/\\d{1,2}/\\d{4}"
            autocomplete="off"
          />
          <label for="ext-reason">${v.t.reason}</label>
          <textarea id="ext-reason" name="reason" required rows="3" maxlength="2000"></textarea>
          <button type="submit">${v.t.extensionTitle}</button>
        </form>`,
      );
    }
    for (const agencyId of rights.coordinatingIds) {
      const c = duty.contributions.find((x) => x.agencyId === agencyId);
      if (!c || c.contributedAt || !leadOpen) continue;
      forms.push(
        html`<form method="post" action="${action('contribute')}" class="card stack">
          <h3>${v.t.contributeTitle}</h3>
          <p>${v.t.contributeAs(c.agencyName)} — ${dueText(v, c.dueAt)}</p>
          ${csrfField(v)}
          <input type="hidden" name="agencyId" value="${agencyId}" />
          <label for="contrib-${agencyId}">${v.t.contributeText}</label>
          <textarea
            id="contrib-${agencyId}"
            name="text"
            required
            rows="5"
            maxlength="20000"
          ></textarea>
          ${indicatorRows(v, [], `c-${agencyId}`)}
          <button type="submit">${v.t.contributeTitle}</button>
        </form>`,
      );
    }
    if (rights.standing && duty.extensionRequest) {
      const r = duty.extensionRequest;
      forms.push(
        html`<form method="post" action="${action('extension-decision')}" class="card stack">
          <h3>${v.t.decideExtensionTitle}</h3>
          <p>
            ${v.t.pendingExtension(dueLine(Date.parse(r.newDueAt), v.lang), r.by.name, r.reason)}
          </p>
          ${csrfField(v)}
          <label for="grant-date">${v.t.grantDeadline}</label>
          <input
            id="grant-date"
            name="newDue"
            inputmode="numeric"
            placeholder="${v.t.dateFormatHint}"
            pattern="\\d{1,2}/\\d{1,2}/\\d{4}"
            autocomplete="off"
          />
          <label for="grant-comment">${v.t.comment}</label>
          <textarea id="grant-comment" name="comment" rows="2" maxlength="2000"></textarea>
          <div class="buttons">
            <button type="submit" name="decision" value="grant">${v.t.grant}</button>
            <button type="submit" name="decision" value="refuse" class="secondary">
              ${v.t.refuse}
            </button>
          </div>
        </form>`,
      );
    }
    if (rights.standing && duty.status === 'submitted') {
      forms.push(
        html`<form method="post" action="${action('review')}" class="card stack">
          <h3>${v.t.reviewTitle}</h3>
          ${csrfField(v)}
          <label for="review-comment">${v.t.returnComment} / ${v.t.comment}</label>
          <textarea id="review-comment" name="comment" rows="3" maxlength="2000"></textarea>
          <label for="review-date">${v.t.returnDeadline}</label>
          <input
            id="review-date"
            name="newDue"
            inputmode="numeric"
            placeholder="${v.t.dateFormatHint}"
            pattern="\\d{1,2}/\\d{1,2}/\\d{4}"
            autocomplete="off"
          />
          <div class="buttons">
            <button type="submit" name="outcome" value="accept">${v.t.accept}</button>
            <button type="submit" name="outcome" value="return" class="secondary">
              ${v.t.returnIt}
            </button>
          </div>
        </form>`,
      );
    }
    if (rights.standing && leadOpen && duty.status !== 'cancelled') {
      forms.push(
        html`<form method="post" action="${action('urge')}" class="card stack">
          <h3>${v.t.urgeTitle}</h3>
          <p>${v.t.urgeHelp}</p>
          ${csrfField(v)}
          <label for="urge-comment">${v.t.urgeComment}</label>
          <textarea id="urge-comment" name="comment" rows="2" maxlength="2000"></textarea>
          <button type="submit">${v.t.urge}</button>
        </form>`,
      );
    }
    const pendingExt =
      duty.extensionRequest && !rights.standing
        ? html`<p class="note">
            ${v.t.pendingExtension(
              dueLine(Date.parse(duty.extensionRequest.newDueAt), v.lang),
              duty.extensionRequest.by.name,
              duty.extensionRequest.reason,
            )}
          </p>`
        : '';
    const body = html` ${facts([
        [v.t.product, duty.product],
        [v.t.plan, planName],
        [v.t.period, v.t.periodName(duty.period)],
        [v.t.lead, duty.lead.name],
        [v.t.coordinating, duty.coordinating.map((a) => a.name).join('; ')],
        [v.t.standing, duty.standing.name],
        [v.t.status, statusBadge(v, duty.status)],
        [v.t.deadline, deadlineCell(v, duty)],
      ])}
      ${pendingExt}
      <section aria-labelledby="h-actions">
        <h2 id="h-actions">${v.t.actionsTitle}</h2>
        ${
          forms.length > 0
            ? html`<div class="cards">${forms}</div>`
            : html`<p class="note">
                ${
                  rights.lead || rights.standing || rights.coordinatingIds.length > 0
                    ? v.t.nothingToDo
                    : v.t.readOnly
                }
              </p>`
        }
      </section>
      ${submissionsSection(v, duty)}
      <section aria-labelledby="h-contrib">
        <h2 id="h-contrib">${v.t.contributions}</h2>
        ${table(
          v.t.contributions,
          [v.t.agency, v.t.contributionDue, v.t.contributedAt, v.t.contributeText, v.t.indicators],
          duty.contributions.map((c) => [
            c.agencyName,
            dueText(v, c.dueAt),
            c.contributedAt ? dateTime(c.contributedAt) : v.t.notYet,
            c.text ?? '',
            indicatorList(c.indicators ?? {}),
          ]),
          v.t.nothing,
          { captionHidden: true },
        )}
      </section>
      <section aria-labelledby="h-ladder">
        <h2 id="h-ladder">${v.t.ladder}</h2>
        ${table(
          v.t.upcoming,
          [v.t.when, v.t.kind, v.t.recipients],
          ladder.next.map((n) => [
            dateTime(n.at),
            v.t.kinds[n.kind] ?? n.kind,
            recipientList(v, n.recipients),
          ]),
          v.t.noNextStep,
        )}
        ${table(
          v.t.sent,
          [v.t.when, v.t.kind, v.t.recipients],
          ladder.sent.map((n) => [
            dateTime(n.sentAt),
            v.t.kinds[n.kind] ?? n.kind,
            recipientList(v, n.recipients),
          ]),
          v.t.noneSent,
        )}
      </section>
      <section aria-labelledby="h-timeline">
        <h2 id="h-timeline">${v.t.timeline}</h2>
        ${table(
          v.t.timeline,
          [v.t.when, v.t.who, v.t.what, v.t.comment],
          duty.history.map((h) => [
            dateTime(h.at),
            h.actor.name,
            v.t.actions[h.action] ?? h.action,
            h.comment ?? '',
          ]),
          v.t.nothing,
          { captionHidden: true },
        )}
      </section>`;
    return page(v, { title: duty.title, body, flash, crumbs: [['/', v.t.navHome]] });
  }

  router.get('/duties/:id', async (req, res) => {
    const { duty, rights } = await dutyFor(req, res);
    const v = kit.view(req, res);
    const key = req.query['done'];
    const done =
      typeof key === 'string' && Object.hasOwn(v.t.done, key) ? v.t.done[key] : undefined;
    res.send(
      renderDuty(
        v,
        duty,
        rights,
        await pageData(duty, v.nowMs),
        done ? { kind: 'ok', text: done } : undefined,
      ),
    );
  });

  /** After an action: back to the page (PRG) when done, the page with the reason when not. */
  async function answer(
    req: Request,
    res: Response,
    outcome: UpdateOutcome,
    done: string,
  ): Promise<void> {
    const id = String(req.params['id']);
    if (outcome.ok) {
      res.redirect(303, `${path('/duties', id)}?done=${done}`);
      return;
    }
    const { duty, rights } = await dutyFor(req, res);
    const v = kit.view(req, res);
    res.status(outcome.tooSoon ? 429 : 409).send(
      renderDuty(v, duty, rights, await pageData(duty, v.nowMs), {
        kind: 'error',
        text: `${v.t.refused}: ${reasonIn(v.lang, outcome.reason)}`,
      }),
    );
  }

  async function invalid(req: Request, res: Response, items: string[]): Promise<void> {
    const { duty, rights } = await dutyFor(req, res);
    const v = kit.view(req, res);
    res.status(400).send(
      renderDuty(v, duty, rights, await pageData(duty, v.nowMs), {
        kind: 'error',
        text: v.t.invalidInput,
        items,
      }),
    );
  }

  const actor = (p: Principal, agencyId: string) => ({ name: p.name.slice(0, 200), agencyId });
  const forbid = (): never => {
    throw new HttpError(403, 'forbidden', 'Not allowed for this duty');
  };

  router.post('/duties/:id/acknowledge', form, async (req, res) => {
    kit.csrf(req, res);
    const { p, duty, rights } = await dutyFor(req, res);
    if (!rights.lead) forbid();
    const input: Acknowledge = { actor: actor(p, duty.lead.id) };
    const outcome = await runDutyUpdate(deps.client, duty.workflowId, acknowledgeUpdate, input);
    await answer(req, res, outcome, 'acknowledge');
  });

  // Who may upload is settled before a byte of a file is written to disk: otherwise anyone could
  // fill the scratch folder with 10 × 20 MB per request before being refused.
  const mayUpload: RequestHandler = async (req, res, next) => {
    const { rights } = await dutyFor(req, res);
    if (!rights.lead) forbid();
    next();
  };

  router.post('/duties/:id/submit', mayUpload, upload.array('files', 10), async (req, res) => {
    const uploads = (req.files as Express.Multer.File[] | undefined) ?? [];
    try {
      kit.csrf(req, res);
      const { p, duty, rights } = await dutyFor(req, res);
      if (!rights.lead) forbid();
      const v = kit.view(req, res);
      const text = field(req, 'text');
      const { indicators, errors } = indicatorsFrom(req, v.t.badNumber);
      if (!text) errors.push(v.t.required(v.t.submitText));
      for (const name of await refusedUploads(uploads)) errors.push(v.t.fileRefused(name));
      if (errors.length > 0) {
        await discardUploads(uploads);
        await invalid(req, res, errors);
        return;
      }
      const by = actor(p, duty.lead.id);
      const kept = await keepUploads(deps.db, deps.dataDir, uploads, duty.workflowId, p.email);
      const input: Submit = {
        actor: by,
        text: text ?? '',
        attachments: kept,
        indicators,
      };
      let outcome: UpdateOutcome;
      try {
        outcome = await runDutyUpdate(deps.client, duty.workflowId, submitUpdate, input);
      } catch (err) {
        await forgetFiles(
          deps.db,
          deps.dataDir,
          kept.map((f) => f.id),
        );
        throw err;
      }
      if (!outcome.ok)
        await forgetFiles(
          deps.db,
          deps.dataDir,
          kept.map((f) => f.id),
        );
      await answer(req, res, outcome, 'submit');
    } finally {
      // Whatever was not moved into the store (refused, or an error midway) goes.
      await discardUploads(uploads);
    }
  });

  router.post('/duties/:id/contribute', form, async (req, res) => {
    kit.csrf(req, res);
    const { p, duty, rights } = await dutyFor(req, res);
    const agencyId = field(req, 'agencyId', 100) ?? rights.coordinatingIds[0] ?? '';
    if (!rights.coordinatingIds.includes(agencyId)) forbid();
    const v = kit.view(req, res);
    const text = field(req, 'text');
    const { indicators, errors } = indicatorsFrom(req, v.t.badNumber);
    if (!text) errors.push(v.t.required(v.t.contributeText));
    if (errors.length > 0) return invalid(req, res, errors);
    const input: Contribute = { actor: actor(p, agencyId), text: text ?? '', indicators };
    await answer(
      req,
      res,
      await runDutyUpdate(deps.client, duty.workflowId, contributeUpdate, input),
      'contribute',
    );
  });

  router.post('/duties/:id/extension-request', form, async (req, res) => {
    kit.csrf(req, res);
    const { p, duty, rights } = await dutyFor(req, res);
    if (!rights.lead) forbid();
    const v = kit.view(req, res);
    const newDueAt = parseLocalDate(field(req, 'newDue', 20));
    const reason = field(req, 'reason', 2000);
    const errors = [
      ...(newDueAt ? [] : [v.t.badDate(v.t.newDeadline)]),
      ...(reason ? [] : [v.t.required(v.t.reason)]),
    ];
    if (!newDueAt || !reason) return invalid(req, res, errors);
    const input: RequestExtension = { actor: actor(p, duty.lead.id), newDueAt, reason };
    await answer(
      req,
      res,
      await runDutyUpdate(deps.client, duty.workflowId, requestExtensionUpdate, input),
      'request-extension',
    );
  });

  router.post('/duties/:id/extension-decision', form, async (req, res) => {
    kit.csrf(req, res);
    const { p, duty, rights } = await dutyFor(req, res);
    if (!rights.standing) forbid();
    const v = kit.view(req, res);
    const grant = field(req, 'decision', 10) === 'grant';
    const typed = field(req, 'newDue', 20);
    const newDueAt = typed === undefined ? undefined : parseLocalDate(typed);
    if (typed !== undefined && !newDueAt)
      return invalid(req, res, [v.t.badDate(v.t.grantDeadline)]);
    const comment = field(req, 'comment', 2000);
    const input: DecideExtension = {
      actor: actor(p, duty.standing.id),
      grant,
      ...(comment ? { comment } : {}),
      ...(grant && newDueAt ? { newDueAt } : {}),
    };
    await answer(
      req,
      res,
      await runDutyUpdate(deps.client, duty.workflowId, decideExtensionUpdate, input),
      grant ? 'grant-extension' : 'refuse-extension',
    );
  });

  router.post('/duties/:id/review', form, async (req, res) => {
    kit.csrf(req, res);
    const { p, duty, rights } = await dutyFor(req, res);
    if (!rights.standing) forbid();
    const v = kit.view(req, res);
    const comment = field(req, 'comment', 2000);
    const by = actor(p, duty.standing.id);
    let input: Review;
    if (field(req, 'outcome', 10) === 'return') {
      const newDueAt = parseLocalDate(field(req, 'newDue', 20));
      const errors = [
        ...(comment ? [] : [v.t.required(v.t.returnComment)]),
        ...(newDueAt ? [] : [v.t.badDate(v.t.returnDeadline)]),
      ];
      if (!comment || !newDueAt) return invalid(req, res, errors);
      input = { actor: by, outcome: 'return', comment, newDueAt };
    } else {
      input = { actor: by, outcome: 'accept', ...(comment ? { comment } : {}) };
    }
    await answer(
      req,
      res,
      await runDutyUpdate(deps.client, duty.workflowId, reviewUpdate, input),
      input.outcome,
    );
  });

  // Each urge is a message to a whole office: besides the workflow's once a day per duty, one
  // person (or a stolen session) urges at most this many duties an hour from the pages.
  const urgesPerPerson = new RateLimiter(deps.urgesPerHour ?? 100, 3_600_000);

  router.post('/duties/:id/urge', form, async (req, res) => {
    kit.csrf(req, res);
    const { p, duty, rights } = await dutyFor(req, res);
    if (!rights.standing) forbid();
    if (!urgesPerPerson.allow(p.email)) {
      const waitMs = urgesPerPerson.retryAfterMs(p.email);
      res.set('Retry-After', String(Math.max(1, Math.ceil(waitMs / 1000))));
      const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
      const reason = `you have urged ${urgesPerPerson.max} duties in the last hour; try again in ${minutes} minutes`;
      await answer(req, res, { ok: false, reason, tooSoon: true }, 'urge-now');
      return;
    }
    const comment = field(req, 'comment', 2000);
    const input: UrgeNow = { actor: actor(p, duty.standing.id), ...(comment ? { comment } : {}) };
    const outcome = await runDutyUpdate(deps.client, duty.workflowId, urgeNowUpdate, input);
    const back = localPath(field(req, 'back', 500));
    if (outcome.ok && back) {
      res.redirect(303, `${back}${back.includes('?') ? '&' : '?'}done=urge-now`);
      return;
    }
    await answer(req, res, outcome, 'urge-now');
  });

  router.get('/files/:id', async (req, res) => {
    kit.signedIn(res);
    const file = await findFile(deps.db, String(req.params['id']));
    if (!file) throw new HttpError(404, 'not_found', 'No such file');
    const duty = await loadDuty(deps.client, deps.db, file.workflow_id);
    if (!duty || !dutyRights(kit.signedIn(res), duty).see) {
      throw new HttpError(403, 'forbidden', 'Not your agency’s file');
    }
    res.attachment(file.name);
    res.set({
      'Content-Type': file.content_type,
      'Content-Length': String(file.size),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    const stream = fileStream(deps.dataDir, file.sha256);
    stream.on('error', (err) => {
      deps.log('file download failed', err);
      res.destroy(err);
    });
    stream.pipe(res);
  });

  return router;
}

function indicatorList(values: Record<string, number>): Html {
  const entries = Object.entries(values);
  if (entries.length === 0) return html``;
  return html`<ul class="plain">
    ${entries.map(([k, n]) => html`<li>${k}: ${n.toLocaleString('vi-VN')}</li>`)}
  </ul>`;
}

/** Rows of indicator name/value inputs; a commitment gets its twelve months named. */
function indicatorRows(v: View, names: string[], prefix: string): Html {
  const rows = Math.max(names.length, 3);
  return html`<fieldset class="indicators" data-indicators>
    <legend>${v.t.indicators}</legend>
    ${Array.from({ length: rows }, (_, i) => {
      const name = names[i] ?? '';
      return html`<div class="indicator-row">
        <label for="${prefix}-name-${i}">${v.t.indicatorName} ${i + 1}</label>
        <input id="${prefix}-name-${i}" name="ind_name_${i}" value="${name}" maxlength="100" />
        <label for="${prefix}-value-${i}">${v.t.indicatorValue} ${i + 1}</label>
        <input id="${prefix}-value-${i}" name="ind_value_${i}" inputmode="decimal" maxlength="50" />
      </div>`;
    })}
    <button type="button" class="secondary" data-add-indicator hidden>${v.t.addIndicator}</button>
  </fieldset>`;
}

function submitForm(v: View, duty: DutyState, action: string): Html {
  const months =
    duty.cycle?.phase === 'disbursement-commitment'
      ? Array.from({ length: 12 }, (_, i) => `m${String(i + 1).padStart(2, '0')}`)
      : [];
  return html`<form
    method="post"
    action="${action}"
    enctype="multipart/form-data"
    class="card stack"
  >
    <h3>${v.t.submitTitle}</h3>
    ${csrfField(v)}
    <label for="submit-text">${v.t.submitText}</label>
    <textarea id="submit-text" name="text" required rows="6" maxlength="20000"></textarea>
    <label for="submit-files">${v.t.submitFiles}</label>
    <input id="submit-files" name="files" type="file" multiple accept="${ACCEPT}" />
    ${indicatorRows(v, months, 'submit')}
    <button type="submit">${v.t.submitTitle}</button>
  </form>`;
}

function submissionsSection(v: View, duty: DutyState): Html {
  if (duty.submissions.length === 0) return html``;
  const items = [...duty.submissions].reverse().map(
    (s) =>
      html`<article class="submission">
        <p class="meta">
          ${v.t.submittedAt(dateTime(s.at), s.by.name)}${
            s.late ? html` <span class="status status-overdue">${v.t.late}</span>` : ''
          }
        </p>
        <p class="text">${s.text}</p>
        ${
          s.attachments.length > 0
            ? html`<h3>${v.t.files}</h3>
                <ul class="files">
                  ${s.attachments.map((a) =>
                    a.id
                      ? html`<li>
                          <a href="${path('/files', a.id)}" download>${a.name}</a>
                          (${formatSize(a.size)})
                        </li>`
                      : html`<li>${a.name} (${formatSize(a.size)})</li>`,
                  )}
                </ul>`
            : ''
        }
        ${
          Object.keys(s.indicators).length > 0
            ? html`<h3>${v.t.indicators}</h3>
                ${indicatorList(s.indicators)}`
            : ''
        }
      </article>`,
  );
  return html`<section aria-labelledby="h-submissions">
    <h2 id="h-submissions">${v.t.submissions}</h2>
    ${items}
  </section>`;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function recipientList(v: View, recipients: LadderView['sent'][number]['recipients']): Html {
  return html`<ul class="plain">
    ${recipients.map(
      (r) =>
        html`<li>
          ${r.email}${r.copy ? html` (${v.t.copy})` : ''}
          <small>– ${v.t.deliveries[r.delivery] ?? r.delivery}</small>
        </li>`,
    )}
  </ul>`;
}
