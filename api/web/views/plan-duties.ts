// A plan's duties as a table short enough for a phone: the plan's own number in a sticky first
// column, the lead and the others in one cell, the first deadlines with the rest folded away.
// On the plan's page the table is filtered (kind of duty, lead agency, undated) and paged.
import { phaseOf, PHASES, type Phase } from '../../../domain/phases.ts';
import { byVietnamese } from '../../../domain/vi-order.ts';
import type { ResolvedDuty } from '../../../plans/resolve.ts';
import { html, type Html } from '../html.ts';
import { csrfField, say, type View } from '../layout.ts';
import { option, paged, pager, qs } from './tracking-parts.ts';

/** Rows per page of the plan's duties: a page stays within a few phone screens. */
export const DUTIES_PAGE = 12;
/** Coordinating agencies named in a row before the list folds away. */
const SHOWN_AGENCIES = 2;

export interface DutyFilters {
  phase?: Phase | undefined;
  lead?: string | undefined;
  undated?: boolean | undefined;
  page: number;
}

/** The filters as a query gives them; anything unknown is no filter. */
export function dutyFiltersOf(query: Record<string, unknown>): DutyFilters {
  const text = (k: string) => (typeof query[k] === 'string' ? query[k].slice(0, 200) : '');
  const phase = PHASES.find((p) => p === text('phase'));
  return {
    phase,
    lead: text('lead') || undefined,
    undated: text('undated') === '1',
    page: Math.max(1, Math.floor(Number(text('page'))) || 1),
  };
}

/** The plan's number as people read it: a member of a group is stored "VII.1/<agency id>". */
const shownRef = (d: ResolvedDuty): string => d.ref.split('/')[0] ?? d.ref;

/** The next deadline (the last one once all are past), and all of them folded away. */
function deadlines(v: View, d: ResolvedDuty): Html {
  const item = (i: ResolvedDuty['instances'][number]) =>
    html`<li>${i.name ? `${i.name}: ` : ''}${v.t.dueOn(i.lastDay)}</li>`;
  const next = d.instances.find((i) => Date.parse(i.dueAt) > v.nowMs) ?? d.instances.at(-1);
  if (!next) return html``;
  return html`<ul class="plain">
      ${item(next)}
    </ul>
    ${
      d.instances.length > 1
        ? html`<details class="more">
            <summary>${say(v, 'plan-pages.all-deadlines', { count: d.instances.length })}</summary>
            <ul class="plain">
              ${d.instances.map(item)}
            </ul>
          </details>`
        : ''
    }`;
}

/** The coordinating agencies: named when few, else counted with the list folded away. */
function coordinating(v: View, d: ResolvedDuty): Html | string {
  const names = d.coordinating.map((a) => a.name);
  if (names.length === 0) return '';
  if (names.length <= SHOWN_AGENCIES) {
    return html`<br /><small
        >${say(v, 'plan-pages.coordinating-with', { names: names.join('; ') })}</small
      >`;
  }
  return html`<details class="more">
    <summary>${say(v, 'plan-pages.coordinating-count', { count: names.length })}</summary>
    <ul class="plain">
      ${names.map((n) => html`<li><small>${n}</small></li>`)}
    </ul>
  </details>`;
}

/**
 * The duties' table. `setTime` adds, under a duty's time, the form that dates it (the plan's
 * page, for a coordinator and a duty imported undated).
 */
export function dutiesTable(
  v: View,
  caption: string,
  duties: readonly ResolvedDuty[],
  setTime?: (d: ResolvedDuty) => Html | string,
): Html {
  if (duties.length === 0) return html`<p class="empty">${say(v, 'plan-pages.none-match', {})}</p>`;
  const row = (d: ResolvedDuty) =>
    html`<tr>
      <th scope="row">${shownRef(d)}</th>
      <td class="duty-content">${d.content}</td>
      <td>
        ${d.lead.name} ${coordinating(v, d)}
        ${
          d.receiver
            ? html`<br /><small>${say(v, 'plan-pages.receiver', { name: d.receiver.name })}</small>`
            : ''
        }
      </td>
      <td>
        ${d.time}${d.standing ? html`<br /><strong>${v.t.standingDuty}</strong>` : ''}${
          d.undated ? html`<br /><strong>${v.t.undatedDuty}</strong>` : ''
        }${setTime ? setTime(d) : ''}
      </td>
      <td>${deadlines(v, d)}</td>
    </tr>`;
  return html`<div class="table-wrap sticky-first">
    <table class="duties">
      <caption class="visually-hidden">
        ${caption}
      </caption>
      <colgroup>
        <col class="ref" />
        <col class="content" />
        <col class="lead" />
        <col class="time" />
        <col class="due" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">${v.t.ref}</th>
          <th scope="col">${v.t.content}</th>
          <th scope="col">${v.t.lead}</th>
          <th scope="col">${v.t.time}</th>
          <th scope="col">${v.t.instances}</th>
        </tr>
      </thead>
      <tbody>
        ${duties.map(row)}
      </tbody>
    </table>
  </div>`;
}

/** The duties the filters keep, in the plan's order. Pure. */
export function filterDuties(duties: readonly ResolvedDuty[], f: DutyFilters): ResolvedDuty[] {
  return duties.filter(
    (d) =>
      (!f.phase || phaseOf(d) === f.phase) &&
      (!f.lead || d.lead.id === f.lead) &&
      (!f.undated || d.undated === true),
  );
}

/** The address of the plan's page with these filters, at page `n`, back at the duties. */
export function dutiesHref(planPath: string, f: DutyFilters, n = 1): string {
  const q = qs({ phase: f.phase, lead: f.lead, undated: f.undated, page: n > 1 ? n : undefined });
  return `${planPath}${q ? `?${q}` : ''}#h-duties`;
}

/** The filter form (GET, so a filtered page can be bookmarked) with a count beside each choice. */
function filterForm(v: View, planPath: string, duties: readonly ResolvedDuty[], f: DutyFilters) {
  const phases = new Map<Phase, number>();
  const leads = new Map<string, { name: string; count: number }>();
  for (const d of duties) {
    const p = phaseOf(d);
    phases.set(p, (phases.get(p) ?? 0) + 1);
    const lead = leads.get(d.lead.id) ?? { name: d.lead.name, count: 0 };
    lead.count += 1;
    leads.set(d.lead.id, lead);
  }
  const count = (name: string, n: number) => say(v, 'plan-pages.option-count', { name, count: n });
  const filtered = f.phase !== undefined || f.lead !== undefined || f.undated === true;
  return html`<form method="get" action="${planPath}#h-duties" class="filters">
    <div>
      <label for="duty-phase">${say(v, 'plan-pages.filter.phase', {})}</label>
      <select id="duty-phase" name="phase">
        ${option('', say(v, 'plan-pages.filter.all', {}), f.phase === undefined)}
        ${PHASES.filter((p) => phases.has(p)).map((p) =>
          option(p, count(v.t.phases[p], phases.get(p) ?? 0), f.phase === p),
        )}
      </select>
    </div>
    <div>
      <label for="duty-lead">${say(v, 'plan-pages.filter.lead', {})}</label>
      <select id="duty-lead" name="lead">
        ${option('', say(v, 'plan-pages.filter.all', {}), f.lead === undefined)}
        ${[...leads]
          .sort(byVietnamese(([, l]) => l.name))
          .map(([id, l]) => option(id, count(l.name, l.count), f.lead === id))}
      </select>
    </div>
    ${
      duties.some((d) => d.undated)
        ? html`<div>
            <label class="choice"
              ><input type="checkbox" name="undated" value="1" ${f.undated ? html`checked` : ''} />
              ${say(v, 'plan-pages.filter.undated', {})}</label
            >
          </div>`
        : ''
    }
    <div class="buttons">
      <button type="submit" class="secondary">${say(v, 'plan-pages.filter.apply', {})}</button>
      ${
        filtered
          ? html`<a href="${planPath}#h-duties">${say(v, 'plan-pages.filter.clear', {})}</a>`
          : ''
      }
    </div>
  </form>`;
}

/** The plan page's duties section: the filters, one page of the table, the pager. */
export function dutiesSection(
  v: View,
  planPath: string,
  duties: readonly ResolvedDuty[],
  f: DutyFilters,
  setTime?: (d: ResolvedDuty) => Html | string,
): Html {
  const kept = filterDuties(duties, f);
  const p = paged(kept, f.page, DUTIES_PAGE);
  const undated = duties.filter((d) => d.undated).length;
  const from = p.total === 0 ? 0 : (p.page - 1) * p.size + 1;
  return html`<section aria-labelledby="h-duties">
    <h2 id="h-duties" tabindex="-1">${v.t.planDuties}</h2>
    ${
      undated > 0 && !f.undated
        ? html`<p class="note">
            ${say(v, 'plan-pages.undated-notice', { count: undated })}
            <a href="${dutiesHref(planPath, { page: 1, undated: true })}"
              >${say(v, 'plan-pages.undated-show', {})}</a
            >
          </p>`
        : ''
    }
    <details class="filter-box" ${f.phase || f.lead || f.undated ? html`open` : ''}>
      <summary>${say(v, 'plan-pages.filter.title', {})}</summary>
      ${filterForm(v, planPath, duties, f)}
    </details>
    ${
      p.total > 0
        ? html`<p class="count">
            ${say(v, 'plan-pages.shown', {
              from,
              to: Math.min(p.total, p.page * p.size),
              total: p.total,
              all: duties.length,
            })}
          </p>`
        : ''
    }
    ${dutiesTable(v, v.t.planDuties, p.rows, setTime)}
    ${pager(v, p, (n) => dutiesHref(planPath, f, n), v.t.planDuties)}
  </section>`;
}

/** The form that dates a duty imported undated, under its time. */
export const setTimeForm = (v: View, planPath: string, d: ResolvedDuty): Html =>
  html`<form
    method="post"
    action="${planPath}/duties/${encodeURIComponent(d.ref)}/time"
    class="set-time"
  >
    ${csrfField(v)}
    <label for="time-${d.ref}">${v.t.setTime}</label>
    <input id="time-${d.ref}" name="time" value="${d.time}" maxlength="4000" />
    <button type="submit" class="secondary">${v.t.save}</button>
  </form>`;
