// The labour office's pages: the reporting matrix with its rates, the overdue and due-soon
// lists with their filters, their exports, and "urge now" from a list. The same read-model
// queries and sheets as the JSON API (db/tracking.ts, api/sheets.ts); colours from one table
// (domain/tracking.ts), served as a stylesheet so the pages need no inline style.
import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import {
  dueSoonDuties,
  lockPeriod,
  overdueDuties,
  reportingMatrix,
  type Matrix,
  type TrackedDuty,
  type TrackFilter,
} from '../../db/tracking.ts';
import { formatDateTime, localParts } from '../../domain/local-time.ts';
import {
  DUTY_STATES,
  markText,
  REPORT_STATES,
  TRACK_COLOURS,
  TRACK_LABELS,
  type Mark,
  type OriginalRates,
  type Rates,
  type Track,
} from '../../domain/tracking.ts';
import { render } from '../../i18n/index.ts';
import { sendTable } from '../export-format.ts';
import { HttpError } from '../errors.ts';
import type { Principal } from '../principal.ts';
import { Period } from '../routes/tracking.ts';
import { dueSoonSheet, matrixSheets, overdueSheet } from '../sheets.ts';
import { webKit, type WebDeps } from './deps.ts';
import { html, path, type Html } from './html.ts';
import { byVietnamese } from '../../domain/vi-order.ts';
import {
  csrfField,
  dateTime,
  deadlineCell,
  levelName,
  levelRank,
  page,
  table,
  type View,
} from './layout.ts';

/** The categories' colours as CSS classes: `.track-on-time` and so on. */
export function trackStylesheet(): string {
  return (Object.entries(TRACK_COLOURS) as [Track, string][])
    .map(([track, colour]) => `.track-${track} { background: ${colour}; color: #fff; }`)
    .join('\n');
}

const Filters = z.object({
  planId: z.string().min(1).max(100).optional().catch(undefined),
  period: Period.optional().catch(undefined),
  agencyId: z.string().min(1).max(100).optional().catch(undefined),
  level: z.string().min(1).max(50).optional().catch(undefined),
  role: z.enum(['lead', 'coordinating']).optional().catch(undefined),
  days: z.coerce.number().int().min(1).max(366).default(14).catch(14),
});
type Filters = z.infer<typeof Filters>;

const LIMIT = 500;

const percent = (n: number | null): string =>
  n === null ? '—' : `${(n * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`;

/** The words this page adds to the shared ones: the second rate, the marks, the lock. */
const MORE = {
  vi: {
    rateByOriginal: 'Tỷ lệ đúng hạn theo thời hạn ban đầu',
    expectedByOriginal: 'Phải nộp theo thời hạn ban đầu',
    onTimeByOriginal: 'Đúng hạn theo thời hạn ban đầu',
    marks: 'Gia hạn, trả lại',
    lockHeading: 'Khóa số liệu kỳ',
    lockButton: 'Khóa số liệu kỳ này',
    lockedBadge: 'Đã khóa số liệu',
  },
  en: {
    rateByOriginal: 'On-time rate against the original deadline',
    expectedByOriginal: 'Expected against the original deadline',
    onTimeByOriginal: 'On time against the original deadline',
    marks: 'Extensions, returns',
    lockHeading: 'Locking the period',
    lockButton: 'Lock this period’s figures',
    lockedBadge: 'Locked',
  },
} as const;

const trackCell = (v: View, track: Track, marks: readonly Mark[] = []): Html =>
  html`<span class="track track-${track}" data-track="${track}">${TRACK_LABELS[v.lang][track]}</span
    >${marks.length > 0 ? html` <span class="marks">(${markText(marks, v.lang)})</span>` : ''}`;

function legend(v: View, tracks: readonly Track[]): Html {
  return html`<p class="legend">
    <span class="visually-hidden">${v.t.legend}:</span>
    ${tracks.map((t) => html`${trackCell(v, t)} `)}
  </p>`;
}

function rateFacts(v: View, r: Rates, o: OriginalRates): Html {
  const m = MORE[v.lang];
  return html`<p class="rates">
    ${v.t.expected}: <strong>${r.expected}</strong> · ${v.t.received}:
    <strong>${r.received}</strong> · ${v.t.receivedOnTime}: <strong>${r.receivedOnTime}</strong> ·
    ${v.t.reportingRate}: <strong>${percent(r.reportingRate)}</strong> · ${v.t.reportingRateOnTime}:
    <strong>${percent(r.reportingRateOnTime)}</strong> · ${m.rateByOriginal}:
    <strong data-rate="original">${percent(o.rateOnTime)}</strong>
    (${o.receivedOnTime}/${o.expected})
  </p>`;
}

/** Whether the period is locked (when, by whom), or the button that locks it. */
function lockSection(v: View, m: Matrix, mayLock: boolean, planId: string, period: string): Html {
  const at = (iso: string) => formatDateTime(Date.parse(iso));
  if (m.locked) {
    return html`<section aria-labelledby="h-lock" class="lock" data-locked="${m.locked.lockedAt}">
      <h2 id="h-lock">${MORE[v.lang].lockedBadge}</h2>
      <p>
        ${render(
          'tracking.lock.locked',
          {
            period: v.t.periodName(m.locked.period),
            at: at(m.locked.lockedAt),
            by: m.locked.lockedBy,
          },
          v.lang,
        )}
      </p>
      <p>${render('tracking.lock.no-unlock', {}, v.lang)}</p>
    </section>`;
  }
  const within =
    m.lockedWithin.length > 0
      ? html`<p>
          ${render(
            'tracking.lock.locked-within',
            {
              periods: m.lockedWithin
                .map((l) => `${v.t.periodName(l.period)} (${at(l.lockedAt)}, ${l.lockedBy})`)
                .join('; '),
            },
            v.lang,
          )}
        </p>`
      : '';
  return html`<section aria-labelledby="h-lock" class="lock">
    <h2 id="h-lock">${MORE[v.lang].lockHeading}</h2>
    ${within}
    <p>${render('tracking.lock.explain', {}, v.lang)}</p>
    ${
      mayLock
        ? html`<form method="post" action="/tracking/lock" class="inline">
            ${csrfField(v)}<input type="hidden" name="planId" value="${planId}" />
            <input type="hidden" name="period" value="${period}" />
            <button type="submit">${MORE[v.lang].lockButton} (${v.t.periodName(period)})</button>
          </form>`
        : ''
    }
  </section>`;
}

const lockForm = express.urlencoded({ extended: false, limit: '10kb', parameterLimit: 20 });

export function trackingRoutes(deps: WebDeps): Router {
  const router = Router();
  const kit = webKit(deps);
  const { db } = deps;

  /** The plans this person follows: all for coordinators and viewers, else their own. */
  async function plansFor(p: Principal) {
    const plans = await db
      .selectFrom('plans')
      .select(['id', 'number', 'title', 'period_from', 'period_to'])
      .orderBy('id')
      .execute();
    return plans.filter((x) => p.coordinator || p.viewer || p.standingPlanIds.includes(x.id));
  }

  async function context(req: Request, res: Response, opts: { periodRequired: boolean }) {
    const p = kit.signedIn(res);
    const plans = await plansFor(p);
    if (plans.length === 0 && !p.coordinator && !p.viewer) {
      throw new HttpError(403, 'forbidden', 'Not a standing agency or coordinator');
    }
    const f = Filters.parse(req.query);
    const plan = plans.find((x) => x.id === f.planId) ?? plans[0];
    // A plan given that this person may not follow is refused, not silently replaced.
    if (f.planId && plan?.id !== f.planId) throw new HttpError(403, 'forbidden', 'Not your plan');
    const year = localParts(Date.now()).year;
    const defaultPeriod = plan
      ? String(Math.min(Math.max(year, plan.period_from), plan.period_to))
      : String(year);
    // The matrix is of one period; the lists show every period unless one is chosen.
    const period = f.period ?? (opts.periodRequired ? defaultPeriod : undefined);
    return { p, plans, plan, f: { ...f, period } };
  }

  async function filterForm(
    v: View,
    action: string,
    plans: Awaited<ReturnType<typeof plansFor>>,
    f: Filters,
    opts: { lists: boolean },
  ): Promise<Html> {
    const agencies = opts.lists
      ? await db
          .selectFrom('agencies')
          .select(['id', 'name', 'level'])
          .where('retired_at', 'is', null) // retired: kept for history, not offered
          .orderBy('name')
          .execute()
          .then((rows) => rows.sort(byVietnamese((a) => a.name)))
      : [];
    const levels = [...new Set(agencies.map((a) => a.level))].sort(
      (a, b) => levelRank(a) - levelRank(b) || a.localeCompare(b),
    );
    // The periods the plan's duties have, named in words; the matrix also offers whole years.
    const plan = plans.find((x) => x.id === f.planId) ?? plans[0];
    const periods = new Set(
      plan
        ? (
            await db
              .selectFrom('duties')
              .select('period')
              .distinct()
              .where('plan_id', '=', plan.id)
              .execute()
          ).map((r) => r.period)
        : [],
    );
    if (plan && !opts.lists) {
      for (let y = plan.period_from; y <= plan.period_to; y++) periods.add(String(y));
    }
    if (f.period) periods.add(f.period);
    const option = (value: string, label: string, selected: boolean) =>
      html`<option value="${value}" ${selected ? html`selected` : ''}>${label}</option>`;
    return html`<form method="get" action="${action}" class="filters">
      <div>
        <label for="f-plan">${v.t.plan}</label>
        <select id="f-plan" name="planId">
          ${plans.map((x) => option(x.id, `${x.number} – ${x.title}`, x.id === f.planId))}
        </select>
      </div>
      <div>
        <label for="f-period">${v.t.period}</label>
        <select id="f-period" name="period">
          ${opts.lists ? option('', v.t.allPeriods, !f.period) : ''}
          ${[...periods]
            .sort()
            .map((code) => option(code, v.t.periodName(code), code === f.period))}
        </select>
      </div>
      ${
        opts.lists
          ? html`<div>
                <label for="f-agency">${v.t.agency}</label>
                <select id="f-agency" name="agencyId">
                  ${option('', v.t.allAgencies, !f.agencyId)}
                  ${agencies.map((a) => option(a.id, a.name, a.id === f.agencyId))}
                </select>
              </div>
              <div>
                <label for="f-level">${v.t.level}</label>
                <select id="f-level" name="level">
                  ${option('', v.t.allLevels, !f.level)}
                  ${levels.map((l) => option(l, levelName(v, l), l === f.level))}
                </select>
              </div>
              <div>
                <label for="f-role">${v.t.role}</label>
                <select id="f-role" name="role">
                  ${option('', v.t.anyRole, !f.role)}
                  ${option('lead', v.t.roleLead, f.role === 'lead')}
                  ${option('coordinating', v.t.roleCoordinating, f.role === 'coordinating')}
                </select>
              </div>`
          : ''
      }
      ${
        action.endsWith('due-soon')
          ? html`<div>
              <label for="f-days">${v.t.nextDays}</label>
              <input id="f-days" name="days" value="${f.days}" inputmode="numeric" size="4" />
            </div>`
          : ''
      }
      <div><button type="submit">${v.t.filter}</button></div>
    </form>`;
  }

  const query = (f: Filters, extra: Record<string, string> = {}): string =>
    new URLSearchParams(
      Object.entries({ ...f, ...extra }).flatMap(([k, value]) =>
        value === undefined || value === '' ? [] : [[k, String(value)] as [string, string]],
      ),
    ).toString();

  const exports = (v: View, base: string, f: Filters): Html =>
    html`<p class="exports">
      <a href="${base}.xlsx?${query(f)}" download>${v.t.exportXlsx}</a> ·
      <a href="${base}.csv?${query(f)}" download>${v.t.exportCsv}</a>
    </p>`;

  const nav = (v: View, f: Filters): Html =>
    html`<nav class="tabs" aria-label="${v.t.navTracking}">
      <a href="/tracking/matrix?${query(f)}">${v.t.matrixTitle}</a>
      <a href="/tracking/overdue?${query(f)}">${v.t.overdueTitle}</a>
      <a href="/tracking/due-soon?${query(f)}">${v.t.dueSoonTitle}</a>
    </nav>`;

  const filterOf = (planId: string | undefined, f: Filters): TrackFilter => ({
    planId,
    period: f.period,
    agencyId: f.agencyId,
    level: f.level,
    role: f.role,
    limit: LIMIT,
  });

  router.get('/tracking', (req, res) => {
    res.redirect(
      303,
      `/tracking/matrix${req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : ''}`,
    );
  });

  router.get(
    ['/tracking/matrix', '/tracking/matrix.xlsx', '/tracking/matrix.csv'],
    async (req, res) => {
      const { p, plans, plan, f } = await context(req, res, { periodRequired: true });
      const v = kit.view(req, res);
      if (!plan) {
        res.send(page(v, { title: v.t.matrixTitle, body: html`<p>${v.t.noPlans}</p>` }));
        return;
      }
      const asOf = Date.now();
      const period = f.period ?? String(plan.period_to);
      const m = await reportingMatrix(db, { planId: plan.id, period, asOf });
      const format = req.path.endsWith('.xlsx')
        ? 'xlsx'
        : req.path.endsWith('.csv')
          ? 'csv'
          : undefined;
      if (format) {
        await sendTable(res, format, `ma-tran-${plan.id}-${period}`, () =>
          matrixSheets(m, plan.title),
        );
        return;
      }
      const reports = m.reports.map(
        (r) =>
          html`<section class="report">
            <h3>${r.ref} – ${r.title} (${v.t.periodName(r.period)})</h3>
            ${rateFacts(v, r.rates, r.original)}
            ${table(
              `${r.ref} – ${v.t.periodName(r.period)}`,
              [v.t.agency, v.t.status, v.t.deadline, v.t.submittedOn],
              r.cells.map((c) => [
                html`<a href="${path('/duties', c.id)}">${c.agencyName}</a>`,
                trackCell(v, c.state, c.marks),
                deadlineCell(v, { ...c, status: c.firstSubmittedAt ? 'submitted' : 'assigned' }),
                c.firstSubmittedAt ? dateTime(c.firstSubmittedAt) : '',
              ]),
              v.t.nothing,
              { captionHidden: true },
            )}
          </section>`,
      );
      const rateRow = (label: string, locality: string, r: Rates, o: OriginalRates) => [
        label,
        locality,
        String(r.expected),
        String(r.received),
        String(r.receivedOnTime),
        percent(r.reportingRate),
        percent(r.reportingRateOnTime),
        `${percent(o.rateOnTime)} (${o.receivedOnTime}/${o.expected})`,
      ];
      const mayLock = p.coordinator || p.standingPlanIds.includes(plan.id);
      const done =
        req.query['done'] === 'lock'
          ? {
              kind: 'ok' as const,
              text: render('tracking.lock.done', { period: v.t.periodName(period) }, v.lang),
            }
          : req.query['done'] === 'already-locked' && m.locked
            ? {
                kind: 'error' as const,
                text: render(
                  'tracking.lock.already',
                  {
                    period: v.t.periodName(period),
                    lockedPeriod: v.t.periodName(m.locked.period),
                    at: dateTime(m.locked.lockedAt),
                    by: m.locked.lockedBy,
                  },
                  v.lang,
                ),
              }
            : undefined;
      const others = m.duties;
      res.send(
        page(v, {
          title: `${v.t.matrixTitle} – ${plan.number} – ${v.t.periodName(period)}`,
          ...(done ? { flash: done } : {}),
          body: html`${nav(v, { ...f, planId: plan.id })}
            ${await filterForm(v, '/tracking/matrix', plans, { ...f, planId: plan.id }, { lists: false })}
            <p>${v.t.asOf(dateTime(m.asOf))}</p>
            ${lockSection(v, m, mayLock, plan.id, period)}
            ${exports(v, '/tracking/matrix', { ...f, planId: plan.id })} ${legend(v, REPORT_STATES)}
            <section aria-labelledby="h-total">
              <h2 id="h-total">${v.t.totalRow}</h2>
              ${rateFacts(v, m.total, m.totalOriginal)}
            </section>
            ${reports}
            <section aria-labelledby="h-area">
              <h2 id="h-area">${v.t.byArea}</h2>
              ${table(
                v.t.byArea,
                [
                  v.t.level,
                  v.t.locality,
                  v.t.expected,
                  v.t.received,
                  v.t.receivedOnTime,
                  v.t.reportingRate,
                  v.t.reportingRateOnTime,
                  MORE[v.lang].rateByOriginal,
                ],
                [
                  ...m.byArea.map((a) =>
                    rateRow(levelName(v, a.level), a.localityName, a, a.original),
                  ),
                  rateRow(v.t.totalRow, '', m.total, m.totalOriginal),
                ],
                v.t.nothing,
                { captionHidden: true },
              )}
            </section>
            <section aria-labelledby="h-others">
              <h2 id="h-others">${v.t.otherDuties}</h2>
              ${legend(v, DUTY_STATES)}
              <p>
                ${DUTY_STATES.map((t) => html`${TRACK_LABELS[v.lang][t]}: <strong>${others.counts[t]}</strong>. `)}
              </p>
              ${table(
                v.t.otherDuties,
                [v.t.duty, v.t.lead, v.t.period, v.t.status, v.t.deadline],
                others.rows.map((d) => [
                  html`<a href="${path('/duties', d.id)}">${d.title}</a>`,
                  d.agencyName,
                  v.t.periodName(d.period),
                  trackCell(v, d.track, d.marks),
                  deadlineCell(v, { ...d, status: d.firstSubmittedAt ? 'submitted' : 'assigned' }),
                ]),
                v.t.nothing,
                { captionHidden: true },
              )}
            </section>`,
        }),
      );
    },
  );

  router.post('/tracking/lock', lockForm, async (req, res) => {
    kit.csrf(req, res);
    const p = kit.signedIn(res);
    const body = z.object({ planId: z.string().min(1).max(100), period: Period }).parse(req.body);
    // The standing agency of the plan and coordinators close a period; viewers only read.
    if (!p.coordinator && !p.standingPlanIds.includes(body.planId)) {
      throw new HttpError(403, 'forbidden', 'Only the standing agency or a coordinator locks');
    }
    const plan = await db
      .selectFrom('plans')
      .select('id')
      .where('id', '=', body.planId)
      .executeTakeFirst();
    if (!plan) throw new HttpError(404, 'not_found', 'No such plan');
    const outcome = await lockPeriod(db, {
      planId: plan.id,
      period: body.period,
      by: p.name.slice(0, 200),
      email: p.email,
      at: Date.now(),
    });
    const back = new URLSearchParams({
      planId: plan.id,
      period: body.period,
      done: outcome.locked ? 'lock' : 'already-locked',
    });
    res.redirect(303, `/tracking/matrix?${back.toString()}`);
  });

  function listRows(
    v: View,
    p: Principal,
    rows: (TrackedDuty & { days: number })[],
    track: Track,
    back: string,
  ) {
    return rows.map((d) => [
      html`<a href="${path('/duties', d.id)}">${d.title}</a><br /><small
          >${v.t.ref} ${d.dutyId}</small
        >${d.marks.length > 0 ? html` <span class="marks">(${markText(d.marks, v.lang)})</span>` : ''}`,
      v.t.periodName(d.period),
      d.agencyName,
      html`${levelName(v, d.level)}<br /><small>${d.localityName}</small>`,
      deadlineCell(v, { ...d, status: 'assigned' }),
      html`<span class="track track-${track}">${d.days}</span>`,
      // Only the standing agency urges; the workflow refuses anyone else anyway.
      p.standingPlanIds.includes(d.planId)
        ? html`<form method="post" action="${path('/duties', d.id, 'urge')}" class="inline">
            ${csrfField(v)}<input type="hidden" name="back" value="${back}" />
            <button type="submit" class="secondary">
              ${v.t.urge}<span class="visually-hidden"> – ${d.title}, ${d.agencyName}</span>
            </button>
          </form>`
        : '',
    ]);
  }

  router.get(
    ['/tracking/overdue', '/tracking/overdue.xlsx', '/tracking/overdue.csv'],
    async (req, res) => {
      const { p, plans, plan, f } = await context(req, res, { periodRequired: false });
      const v = kit.view(req, res);
      const asOf = Date.now();
      const duties = plan ? await overdueDuties(db, filterOf(plan.id, f), asOf) : [];
      const format = req.path.endsWith('.xlsx')
        ? 'xlsx'
        : req.path.endsWith('.csv')
          ? 'csv'
          : undefined;
      if (format) {
        await sendTable(res, format, `qua-han-${plan?.id ?? ''}-${f.period ?? 'all'}`, () => [
          overdueSheet(duties, asOf),
        ]);
        return;
      }
      const done = req.query['done'] === 'urge-now' ? v.t.done['urge-now'] : undefined;
      const fp = { ...f, planId: plan?.id };
      res.send(
        page(v, {
          title: v.t.overdueTitle,
          ...(done ? { flash: { kind: 'ok' as const, text: done } } : {}),
          body: html`${nav(v, fp)}
            ${await filterForm(v, '/tracking/overdue', plans, fp, { lists: true })}
            <p>${v.t.asOf(dateTime(new Date(asOf).toISOString()))}</p>
            ${exports(v, '/tracking/overdue', fp)}
            ${table(
              v.t.overdueTitle,
              [v.t.duty, v.t.period, v.t.lead, v.t.level, v.t.deadline, v.t.daysOverdue, ''],
              listRows(
                v,
                p,
                duties.map((d) => ({ ...d, days: d.daysOverdue })),
                'overdue',
                `/tracking/overdue?${query(fp)}`,
              ),
              v.t.nothing,
              { captionHidden: true },
            )}`,
        }),
      );
    },
  );

  router.get(
    ['/tracking/due-soon', '/tracking/due-soon.xlsx', '/tracking/due-soon.csv'],
    async (req, res) => {
      const { p, plans, plan, f } = await context(req, res, { periodRequired: false });
      const v = kit.view(req, res);
      const asOf = Date.now();
      const duties = plan ? await dueSoonDuties(db, filterOf(plan.id, f), asOf, f.days) : [];
      const format = req.path.endsWith('.xlsx')
        ? 'xlsx'
        : req.path.endsWith('.csv')
          ? 'csv'
          : undefined;
      if (format) {
        await sendTable(res, format, `sap-den-han-${plan?.id ?? ''}-${f.period ?? 'all'}`, () => [
          dueSoonSheet(duties, asOf, f.days),
        ]);
        return;
      }
      const fp = { ...f, planId: plan?.id };
      res.send(
        page(v, {
          title: v.t.dueSoonTitle,
          body: html`${nav(v, fp)}
            ${await filterForm(v, '/tracking/due-soon', plans, fp, { lists: true })}
            <p>${v.t.asOf(dateTime(new Date(asOf).toISOString()))}</p>
            ${exports(v, '/tracking/due-soon', fp)}
            ${table(
              v.t.dueSoonTitle,
              [v.t.duty, v.t.period, v.t.lead, v.t.level, v.t.deadline, v.t.daysLeft, ''],
              listRows(
                v,
                p,
                duties.map((d) => ({ ...d, days: d.daysLeft })),
                'in-progress',
                `/tracking/due-soon?${query(fp)}`,
              ),
              v.t.nothing,
              { captionHidden: true },
            )}`,
        }),
      );
    },
  );

  return router;
}
