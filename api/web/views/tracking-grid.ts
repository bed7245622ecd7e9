// The reporting matrix as a grid: agencies (or localities) by period, each cell the category
// in its colour and its word with its marks, the on-time rate of each row and of each level,
// the filters as a GET form, the trend, and locking a period's figures.
import { GRANULARITIES } from '../../../domain/tracking-trend.ts';
import { DUTY_STATES, REPORT_STATES, TRACK_LABELS, type Track } from '../../../domain/tracking.ts';
import type { TrackedPlan } from '../../../db/tracking.ts';
import type { Grid, GridInput, GridItem, GridRow } from '../../../use-cases/tracking.ts';
import { html, path, type Html } from '../html.ts';
import {
  csrfField,
  dateTime,
  levelName,
  page,
  say,
  table,
  type Flash,
  type View,
} from '../layout.ts';
import {
  columnLabel,
  exportLinks,
  legend,
  option,
  pager,
  qs,
  rateText,
  tabs,
} from './tracking-parts.ts';
import { trendSection } from './tracking-trend.ts';
import { markText } from '../../../domain/tracking.ts';

export interface MatrixPageData {
  plans: TrackedPlan[];
  plan: TrackedPlan | undefined;
  grid?: Grid | undefined;
  input: GridInput;
  flash?: Flash | undefined;
}

/** The address of the grid with these filters (and a page). */
export function gridHref(plan: TrackedPlan, g: Grid, input: GridInput, pageNo?: number): string {
  return `/tracking/matrix?${qs({
    planId: plan.id,
    year: g.year,
    columns: g.granularity,
    rows: g.rows,
    what: g.what,
    level: input.level,
    category: input.category,
    q: input.q,
    previous: input.previous,
    page: pageNo && pageNo > 1 ? pageNo : undefined,
  })}`;
}

function filterForm(v: View, plans: TrackedPlan[], plan: TrackedPlan, g: Grid, input: GridInput) {
  const tracks: readonly Track[] = g.what === 'reports' ? REPORT_STATES : DUTY_STATES;
  return html`<form method="get" action="/tracking/matrix" class="filters grid-filters">
    <div class="wide">
      <label for="f-plan">${v.t.plan}</label>
      <select id="f-plan" name="planId">
        ${plans.map((x) => option(x.id, `${x.number} – ${x.title}`, x.id === plan.id))}
      </select>
    </div>
    <div>
      <label for="f-year">${say(v, 'tracking.filter.year', {})}</label>
      <select id="f-year" name="year">
        ${g.years.map((y) => option(String(y), String(y), y === g.year))}
      </select>
    </div>
    <div>
      <label for="f-columns">${say(v, 'tracking.filter.columns', {})}</label>
      <select id="f-columns" name="columns">
        ${GRANULARITIES.map((x) =>
          option(x, say(v, `tracking.granularity.${x}`, {}), x === g.granularity),
        )}
      </select>
    </div>
    <div>
      <label for="f-rows">${say(v, 'tracking.filter.rows', {})}</label>
      <select id="f-rows" name="rows">
        ${option('agency', say(v, 'tracking.filter.rows-agency', {}), g.rows === 'agency')}
        ${option('locality', say(v, 'tracking.filter.rows-locality', {}), g.rows === 'locality')}
      </select>
    </div>
    <div>
      <label for="f-what">${say(v, 'tracking.filter.what', {})}</label>
      <select id="f-what" name="what">
        ${option('reports', say(v, 'tracking.filter.what-reports', {}), g.what === 'reports')}
        ${option('duties', say(v, 'tracking.filter.what-duties', {}), g.what === 'duties')}
      </select>
    </div>
    <div>
      <label for="f-level">${v.t.level}</label>
      <select id="f-level" name="level">
        ${option('', v.t.allLevels, !input.level)}
        ${g.levels.map((l) => option(l, levelName(v, l), l === input.level))}
      </select>
    </div>
    <div>
      <label for="f-category">${say(v, 'tracking.filter.category', {})}</label>
      <select id="f-category" name="category">
        ${option('', say(v, 'tracking.filter.any-category', {}), !input.category)}
        ${REPORT_STATES.map((s, i) =>
          option(s, TRACK_LABELS[v.lang][tracks[i] ?? s], s === input.category),
        )}
      </select>
    </div>
    <div>
      <label for="f-q">${say(v, 'tracking.filter.search', {})}</label>
      <input id="f-q" name="q" type="search" value="${input.q ?? ''}" maxlength="100" />
    </div>
    <div class="check">
      <input
        id="f-previous"
        name="previous"
        type="checkbox"
        value="1"
        ${input.previous ? html`checked` : ''}
      />
      <label for="f-previous">${say(v, 'tracking.filter.previous', {})}</label>
    </div>
    <div><button type="submit">${v.t.filter}</button></div>
  </form>`;
}

/** A cell: one badge per category present, linked to the duty when it is the only one. */
function cell(v: View, items: readonly GridItem[] | undefined): Html {
  if (!items || items.length === 0) {
    return html`<span aria-hidden="true" class="none">·</span
      ><span class="visually-hidden">${say(v, 'tracking.grid.no-item', {})}</span>`;
  }
  const byTrack = new Map<Track, GridItem[]>();
  for (const i of items) byTrack.set(i.track, [...(byTrack.get(i.track) ?? []), i]);
  return html`${[...byTrack].map(([track, group]) => {
    const only = group.length === 1 ? group[0] : undefined;
    if (only) {
      return html`<span class="item" data-ref="${only.ref}"
        ><a
          href="${path('/duties', only.id)}"
          class="track track-${track}"
          data-track="${track}"
          title="${only.title}"
          >${TRACK_LABELS[v.lang][track]}</a
        >${only.marks.length > 0 ? html` <span class="marks">(${markText(only.marks, v.lang)})</span>` : ''}</span
      >`;
    }
    const marks = group.flatMap((i) => i.marks);
    return html`<span class="item"
      ><span class="track track-${track}" data-track="${track}" data-count="${group.length}"
        >${say(v, 'tracking.grid.count', { track: TRACK_LABELS[v.lang][track], n: group.length })}</span
      >${marks.length > 0 ? html` <span class="marks">(${markText(marks, v.lang)})</span>` : ''}</span
    >`;
  })}`;
}

function gridTable(v: View, g: Grid): Html {
  const caption =
    g.rows === 'agency'
      ? say(v, 'tracking.grid.caption-agency', { year: g.year })
      : say(v, 'tracking.grid.caption-locality', { year: g.year });
  if (g.page.length === 0) return html`<p class="empty">${say(v, 'tracking.grid.empty', {})}</p>`;
  const head = (r: GridRow) =>
    html`<th scope="row">
      <span class="name">${r.name}</span><br /><small
        >${levelName(v, r.level)}${r.where ? html` · ${r.where}` : ''}</small
      >
    </th>`;
  return html`<div
    class="table-wrap grid-wrap"
    role="region"
    aria-labelledby="grid-caption"
    tabindex="0"
  >
    <table class="grid" data-rows="${g.rows}">
      <caption id="grid-caption" class="visually-hidden">
        ${caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">${g.rows === 'agency' ? v.t.agency : v.t.locality}</th>
          ${g.columns.map(
            (c) =>
              html`<th scope="col" class="${c.previousYear ? 'previous' : ''}" data-col="${c.key}">
                <abbr title="${v.t.periodName(c.key)}">${columnLabel(v, c.key)}</abbr>
              </th>`,
          )}
          <th scope="col">${say(v, 'tracking.grid.row-rate', {})}</th>
        </tr>
      </thead>
      <tbody>
        ${g.page.map(
          (r) =>
            html`<tr data-row="${r.key}">
              ${head(r)}
              ${g.columns.map((c) => html`<td data-col="${c.key}">${cell(v, r.cells[c.key])}</td>`)}
              <td class="rate">${rateText(v, r.rate)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function levelRates(v: View, g: Grid): Html {
  return html`<section aria-labelledby="h-levels">
    <h2 id="h-levels">${say(v, 'tracking.grid.levels', {})}</h2>
    ${table(
      say(v, 'tracking.grid.levels', {}),
      [
        v.t.level,
        v.t.expected,
        say(v, 'tracking.trend.on-time', {}),
        say(v, 'tracking.grid.row-rate', {}),
      ],
      [
        ...g.byLevel.map((l) => [
          levelName(v, l.level),
          String(l.rate.expected),
          String(l.rate.onTime),
          html`<strong data-level="${l.level}">${rateText(v, l.rate)}</strong>`,
        ]),
        [
          say(v, 'tracking.grid.whole', {}),
          String(g.whole.expected),
          String(g.whole.onTime),
          html`<strong data-level="all">${rateText(v, g.whole)}</strong>`,
        ],
      ],
      v.t.nothing,
      { captionHidden: true },
    )}
  </section>`;
}

function lockSection(v: View, plan: TrackedPlan, g: Grid): Html {
  const at = (iso: string) => dateTime(iso);
  if (g.locked) {
    return html`<section aria-labelledby="h-lock" class="lock" data-locked="${g.locked.lockedAt}">
      <h2 id="h-lock">${say(v, 'tracking.lock.badge', {})}</h2>
      <p>
        ${say(v, 'tracking.lock.locked', {
          period: v.t.periodName(g.locked.period),
          at: at(g.locked.lockedAt),
          by: g.locked.lockedBy,
        })}
      </p>
      <p>${say(v, 'tracking.lock.no-unlock', {})}</p>
    </section>`;
  }
  const within =
    g.lockedWithin.length > 0
      ? html`<p>
          ${say(v, 'tracking.lock.locked-within', {
            periods: g.lockedWithin
              .map((l) => `${v.t.periodName(l.period)} (${at(l.lockedAt)}, ${l.lockedBy})`)
              .join('; '),
          })}
        </p>`
      : '';
  return html`<section aria-labelledby="h-lock" class="lock">
    <h2 id="h-lock">${say(v, 'tracking.lock.heading', {})}</h2>
    ${within}
    <p>${say(v, 'tracking.lock.explain', {})}</p>
    ${
      g.mayLock
        ? html`<form method="post" action="/tracking/lock" class="filters">
            ${csrfField(v)}<input type="hidden" name="planId" value="${plan.id}" />
            <div>
              <label for="lock-period">${say(v, 'tracking.lock.choose', {})}</label>
              <select id="lock-period" name="period">
                ${g.lockPeriods.map((p) => option(p, v.t.periodName(p), p === g.lockPeriod))}
              </select>
            </div>
            <div><button type="submit">${say(v, 'tracking.lock.button', {})}</button></div>
          </form>`
        : ''
    }
  </section>`;
}

export function matrixPage(v: View, d: MatrixPageData): string {
  const { plan, grid: g } = d;
  if (!plan || !g) {
    return page(v, { title: v.t.matrixTitle, body: html`<p>${v.t.noPlans}</p>` });
  }
  const tracks: readonly Track[] = g.what === 'reports' ? REPORT_STATES : DUTY_STATES;
  return page(v, {
    title: `${v.t.matrixTitle} – ${plan.number} – ${say(v, 'tracking.column.year', { year: g.year })}`,
    flash: d.flash,
    body: html`${tabs(v, plan.id)} ${filterForm(v, d.plans, plan, g, d.input)}
      <p>${v.t.asOf(dateTime(g.asOf))}</p>
      <section aria-labelledby="h-grid">
        <h2 id="h-grid">${say(v, 'tracking.grid.heading', { year: g.year })}</h2>
        ${legend(v, tracks)}
        <p class="note">${say(v, 'tracking.grid.scroll', {})}</p>
        ${gridTable(v, g)}
        ${pager(
          v,
          { page: g.pageNo, pages: g.pages, total: g.totalRows, size: g.pageSize },
          (n) => gridHref(plan, g, d.input, n),
          v.t.matrixTitle,
        )}
        <p class="note">${say(v, 'tracking.grid.rate-note', {})}</p>
      </section>
      ${levelRates(v, g)}
      ${trendSection(v, {
        year: g.year,
        periods: g.trendPeriods,
        years: g.trendYears,
        label: (key) => columnLabel(v, key),
      })}
      ${exportLinks(v, '/tracking/matrix', qs({ planId: plan.id, period: g.lockPeriod }))}
      ${lockSection(v, plan, g)}`,
  });
}
