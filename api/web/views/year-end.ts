// A year's end: each locality's results against the plan's targets with the gap, the plan's
// own goals for the year, who still owes a report, and the coordinator's close form (a
// comment and an explicit confirmation); once closed, who closed it and when.
import type { TargetColumn } from '../../../plans/targets.ts';
import { formatNumber } from '../../../i18n/targets.ts';
import { indicatorName } from '../../../i18n/year-end.ts';
import type { Outstanding, YearEnd } from '../../../use-cases/close-year.ts';
import { html, path, type Html, type HtmlValue } from '../html.ts';
import {
  csrfField,
  dateTime,
  dueText,
  facts,
  page,
  say,
  table,
  type Flash,
  type View,
} from '../layout.ts';
import { cycleCrumbs } from './ad-hoc.ts';
import { paged, pager } from './tracking-parts.ts';

/** The targets a year is measured by (use-cases/target-results.ts), in the table's words. */
const MEASURED: readonly TargetColumn[] = ['liftOut', 'reductionTarget'];
export const OUTSTANDING_PAGE = 25;

const num = (v: View, n: number | undefined): string =>
  n === undefined ? '' : formatNumber(n, v.lang);

const verdict = (v: View, met: boolean | undefined): Html =>
  met === undefined
    ? html`<span class="note">${say(v, 'year-end.no-report', {})}</span>`
    : met
      ? html`<span class="ye-ok">${say(v, 'year-end.met', {})}</span>`
      : html`<strong class="ye-bad">${say(v, 'year-end.not-met', {})}</strong>`;

function localitiesSection(v: View, d: YearEnd): Html {
  const year = d.state.year;
  if (d.localities.length === 0) {
    return html`<p class="empty">${say(v, 'year-end.no-locality-targets', { year })}</p>
      <p>
        <a href="${path('/plans', d.plan.id, 'targets')}?year=${year}"
          >${say(v, 'year-end.targets-link', {})}</a
        >
      </p>`;
  }
  const shown = MEASURED.filter((k) => d.localities.some((l) => l.target[k] !== undefined));
  const what = (k: TargetColumn) => indicatorName(k, v.lang);
  const rows: HtmlValue[][] = d.localities.map((l) => {
    const measured = shown.filter((k) => l.met[k] !== undefined);
    const met = measured.length === 0 ? undefined : measured.every((k) => l.met[k] === true);
    return [
      l.localityName,
      ...shown.flatMap((k) => [
        num(v, l.target[k]),
        num(v, l.reported[k]),
        html`<span class="${(l.gap[k] ?? 0) > 0 ? 'ye-bad' : ''}" data-gap="${l.gap[k] ?? ''}"
          >${num(v, l.gap[k])}</span
        >`,
      ]),
      verdict(v, met),
    ];
  });
  return html`<p class="note">${say(v, 'year-end.localities-intro', {})}</p>
    ${table(
      say(v, 'year-end.localities-heading', {}),
      [
        say(v, 'year-end.col-locality', {}),
        ...shown.flatMap((k) => [
          say(v, 'year-end.col-target', { what: what(k) }),
          say(v, 'year-end.col-reported', { what: what(k) }),
          say(v, 'year-end.col-gap', { what: what(k) }),
        ]),
        say(v, 'year-end.col-verdict', {}),
      ],
      rows,
      '',
      { captionHidden: true },
    )}`;
}

function goalsSection(v: View, d: YearEnd): Html {
  const rows: HtmlValue[][] = d.goals.map((g) => {
    // How far from the goal: nothing once met, whichever way the goal points.
    const gap = g.reported === undefined ? undefined : g.met ? 0 : Math.abs(g.target - g.reported);
    const falling = g.from !== undefined ? g.from > g.target : undefined;
    const goal =
      falling === undefined
        ? num(v, g.target)
        : say(v, falling ? 'year-end.at-most' : 'year-end.at-least', { value: num(v, g.target) });
    return [
      indicatorName(g.indicator, v.lang),
      g.localityName ?? say(v, 'year-end.whole-plan', {}),
      goal,
      num(v, g.reported),
      num(v, gap),
      verdict(v, g.met),
    ];
  });
  return table(
    say(v, 'year-end.plan-heading', {}),
    [
      say(v, 'year-end.col-indicator', {}),
      say(v, 'year-end.col-locality', {}),
      say(v, 'year-end.col-goal', {}),
      say(v, 'year-end.col-value', {}),
      say(v, 'year-end.col-difference', {}),
      say(v, 'year-end.col-verdict', {}),
    ],
    rows,
    say(v, 'year-end.no-plan-targets', { year: d.state.year }),
    { captionHidden: true },
  );
}

function outstandingSection(v: View, d: YearEnd, pageNo: number): Html {
  const p = paged<Outstanding>(d.outstanding, pageNo, OUTSTANDING_PAGE);
  const here = path('/cycles', d.state.cycleId, 'results');
  return html`${table(
    say(v, 'year-end.unreported-heading', {}),
    [
      say(v, 'year-end.col-agency', {}),
      say(v, 'year-end.col-outstanding', {}),
      say(v, 'year-end.col-overdue', {}),
      say(v, 'year-end.col-next-due', {}),
    ],
    p.rows.map((o) => [
      o.agencyName,
      String(o.owed),
      html`<span class="${o.overdue > 0 ? 'ye-bad' : ''}">${String(o.overdue)}</span>`,
      html`<a href="${path('/duties', o.nextDutyId)}">${dueText(v, o.nextDueAt)}</a>`,
    ]),
    say(v, 'year-end.all-reported', {}),
    { captionHidden: true },
  )}
  ${pager(v, p, (n) => `${here}?page=${n}#h-outstanding`, say(v, 'year-end.unreported-heading', {}))}`;
}

function closeSection(v: View, d: YearEnd, comment: string | undefined): Html {
  const s = d.state;
  if (s.status === 'closed') {
    const at = s.closedAt ? dateTime(s.closedAt) : '';
    return html`<p class="ye-closed" data-closed="1">
        ${
          s.closedBy
            ? say(v, 'year-end.closed', { year: s.year, at, by: s.closedBy.name })
            : say(v, 'year-end.closed-at', { year: s.year, at })
        }
      </p>
      ${s.closeComment ? facts([[say(v, 'year-end.closed-comment', {}), s.closeComment]]) : ''}`;
  }
  if (s.status === 'launching') return html`<p class="note">${say(v, 'year-end.starting', {})}</p>`;
  if (!d.canClose) {
    return html`<p class="note">${say(v, 'year-end.coordinators-close', {})}</p>`;
  }
  return html`<form
    method="post"
    action="${path('/cycles', s.cycleId, 'close')}"
    class="stack ye-form"
  >
    ${csrfField(v)}
    <p>${say(v, 'year-end.close-explain', {})}</p>
    <label for="close-comment">${say(v, 'year-end.comment', {})}</label>
    <textarea id="close-comment" name="comment" rows="3" maxlength="2000">
${comment ?? ''}</textarea>
    <label class="choice ye-confirm"
      ><input type="checkbox" name="confirm" value="yes" required />
      ${say(v, 'year-end.confirm', { year: s.year })}</label
    >
    <button type="submit">${say(v, 'year-end.close-button', {})}</button>
  </form>`;
}

export function yearEndPage(
  v: View,
  d: YearEnd,
  opts: { flash?: Flash | undefined; page?: number; comment?: string | undefined } = {},
): string {
  const s = d.state;
  return page(v, {
    title: say(v, 'year-end.title', { year: s.year }),
    flash: opts.flash,
    crumbs: cycleCrumbs(v, d),
    body: html`<div class="year-end sticky-first">
      ${facts([
        [v.t.navPlans, `${d.plan.number}${d.plan.title ? ` – ${d.plan.title}` : ''}`],
        [
          v.t.status,
          html`<span class="cycle-status" data-cycle-status="${s.status}"
            >${v.t.cycleStatus[s.status] ?? s.status}</span
          >`,
        ],
      ])}
      <section aria-labelledby="h-localities">
        <h2 id="h-localities">${say(v, 'year-end.localities-heading', {})}</h2>
        ${localitiesSection(v, d)}
      </section>
      <section aria-labelledby="h-goals">
        <h2 id="h-goals">${say(v, 'year-end.plan-heading', {})}</h2>
        ${goalsSection(v, d)}
      </section>
      <section aria-labelledby="h-outstanding">
        <h2 id="h-outstanding">${say(v, 'year-end.unreported-heading', {})}</h2>
        ${outstandingSection(v, d, opts.page ?? 1)}
      </section>
      <section aria-labelledby="h-close">
        <h2 id="h-close">${say(v, 'year-end.close-heading', {})}</h2>
        ${closeSection(v, d, opts.comment)}
      </section>
    </div>`,
  });
}
