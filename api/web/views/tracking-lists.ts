// The overdue and due-soon lists: their filters as a GET form, their exports, a page of rows
// (the first column fixed while the table scrolls on a phone), and "urge now" on each row for
// the plan's standing agency.
import type { OverdueDuty, DueSoonDuty, TrackedPlan } from '../../../db/tracking.ts';
import { markText } from '../../../domain/tracking.ts';
import type { Principal } from '../../principal.ts';
import { html, path, type Html } from '../html.ts';
import { csrfField, dateTime, deadlineCell, levelName, page, table, type View } from '../layout.ts';
import { exportLinks, option, paged, pager, qs, tabs } from './tracking-parts.ts';

export const LIST_PAGE = 20;

export interface ListFilters {
  planId?: string | undefined;
  period?: string | undefined;
  agencyId?: string | undefined;
  level?: string | undefined;
  role?: 'lead' | 'coordinating' | undefined;
  days: number;
  page: number;
}

export interface ListPageData {
  kind: 'overdue' | 'due-soon';
  plans: TrackedPlan[];
  plan: TrackedPlan | undefined;
  f: ListFilters;
  choices: { agencies: { id: string; name: string }[]; levels: string[]; periods: string[] };
  duties: (OverdueDuty | DueSoonDuty)[];
  asOf: number;
  done?: string | undefined;
}

const queryOf = (kind: ListPageData['kind'], f: ListFilters, pageNo?: number): string =>
  qs({
    planId: f.planId,
    period: f.period,
    agencyId: f.agencyId,
    level: f.level,
    role: f.role,
    days: kind === 'due-soon' ? f.days : undefined,
    page: pageNo && pageNo > 1 ? pageNo : undefined,
  });

function filterForm(v: View, d: ListPageData): Html {
  const { f, choices } = d;
  return html`<form method="get" action="/tracking/${d.kind}" class="filters">
    <div class="wide">
      <label for="f-plan">${v.t.plan}</label>
      <select id="f-plan" name="planId">
        ${d.plans.map((x) => option(x.id, `${x.number} – ${x.title}`, x.id === f.planId))}
      </select>
    </div>
    <div>
      <label for="f-period">${v.t.period}</label>
      <select id="f-period" name="period">
        ${option('', v.t.allPeriods, !f.period)}
        ${[...new Set([...choices.periods, ...(f.period ? [f.period] : [])])]
          .sort()
          .map((code) => option(code, v.t.periodName(code), code === f.period))}
      </select>
    </div>
    <div class="wide">
      <label for="f-agency">${v.t.agency}</label>
      <select id="f-agency" name="agencyId">
        ${option('', v.t.allAgencies, !f.agencyId)}
        ${choices.agencies.map((a) => option(a.id, a.name, a.id === f.agencyId))}
      </select>
    </div>
    <div>
      <label for="f-level">${v.t.level}</label>
      <select id="f-level" name="level">
        ${option('', v.t.allLevels, !f.level)}
        ${choices.levels.map((l) => option(l, levelName(v, l), l === f.level))}
      </select>
    </div>
    <div>
      <label for="f-role">${v.t.role}</label>
      <select id="f-role" name="role">
        ${option('', v.t.anyRole, !f.role)} ${option('lead', v.t.roleLead, f.role === 'lead')}
        ${option('coordinating', v.t.roleCoordinating, f.role === 'coordinating')}
      </select>
    </div>
    ${
      d.kind === 'due-soon'
        ? html`<div>
            <label for="f-days">${v.t.nextDays}</label>
            <input id="f-days" name="days" value="${f.days}" inputmode="numeric" size="4" />
          </div>`
        : ''
    }
    <div><button type="submit">${v.t.filter}</button></div>
  </form>`;
}

function rows(v: View, p: Principal | undefined, d: ListPageData, shown: ListPageData['duties']) {
  const back = `/tracking/${d.kind}?${queryOf(d.kind, d.f, d.f.page)}`;
  const track = d.kind === 'overdue' ? 'overdue' : 'in-progress';
  return shown.map((duty) => [
    html`<a href="${path('/duties', duty.id)}">${duty.title}</a><br /><small
        >${v.t.ref} ${duty.dutyId}</small
      >${duty.marks.length > 0 ? html` <span class="marks">(${markText(duty.marks, v.lang)})</span>` : ''}`,
    v.t.periodName(duty.period),
    duty.agencyName,
    html`${levelName(v, duty.level)}<br /><small>${duty.localityName}</small>`,
    deadlineCell(v, { ...duty, status: 'assigned' }),
    html`<span class="track track-${track}"
      >${'daysOverdue' in duty ? duty.daysOverdue : duty.daysLeft}</span
    >`,
    // Only the standing agency urges; the workflow refuses anyone else anyway.
    p?.standingPlanIds.includes(duty.planId)
      ? html`<form method="post" action="${path('/duties', duty.id, 'urge')}" class="inline">
          ${csrfField(v)}<input type="hidden" name="back" value="${back}" />
          <button type="submit" class="secondary">
            ${v.t.urge}<span class="visually-hidden"> – ${duty.title}, ${duty.agencyName}</span>
          </button>
        </form>`
      : '',
  ]);
}

export function listPage(v: View, d: ListPageData): string {
  const title = d.kind === 'overdue' ? v.t.overdueTitle : v.t.dueSoonTitle;
  const p = paged(d.duties, d.f.page, LIST_PAGE);
  return page(v, {
    title,
    ...(d.done ? { flash: { kind: 'ok' as const, text: d.done } } : {}),
    body: html`${tabs(v, d.f.planId)} ${filterForm(v, d)}
      <p>${v.t.asOf(dateTime(new Date(d.asOf).toISOString()))}</p>
      ${exportLinks(v, `/tracking/${d.kind}`, queryOf(d.kind, { ...d.f, page: 1 }))}
      <div class="sticky-first">
        ${table(
          title,
          [
            v.t.duty,
            v.t.period,
            v.t.lead,
            v.t.level,
            v.t.deadline,
            d.kind === 'overdue' ? v.t.daysOverdue : v.t.daysLeft,
            '',
          ],
          rows(v, v.principal, d, p.rows),
          v.t.nothing,
          { captionHidden: true },
        )}
      </div>
      ${pager(v, p, (n) => `/tracking/${d.kind}?${queryOf(d.kind, d.f, n)}`, title)}`,
  });
}
