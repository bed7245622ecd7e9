// A (sub-)project's disbursement in a year: what was allocated, the lead agency's commitment
// month by month, the chart of cumulative disbursement against it with the lag alerts, and
// the forms of those who act on it (the lead agency: commitment and monthly progress; a
// coordinator: allocations).
import { formatDong } from '../../../domain/disbursement-chart.ts';
import type { ProjectRead } from '../../../use-cases/cycle-money.ts';
import { html, path, type Html } from '../html.ts';
import {
  dateTime,
  dueText,
  facts,
  page,
  say,
  statusBadge,
  table,
  type Flash,
  type View,
} from '../layout.ts';
import { disbursementFigure } from './disbursement-chart.ts';
import { allocationForm, commitmentForm, progressForm } from './disbursement-forms.ts';
import { situation } from './cycle.ts';

function commitmentFacts(v: View, data: ProjectRead): Html | string {
  const c = data.commitment;
  if (!c) return say(v, 'cycle-pages.commitment.not-started', {});
  return html`${statusBadge(v, c.status)} ${dueText(v, c.dueAt)}
    <a href="${path('/duties', c.dutyId)}">${say(v, 'cycle-pages.commitment.open-duty', {})}</a>`;
}

function allocationsTable(v: View, data: ProjectRead): Html {
  return table(
    say(v, 'cycle-pages.allocations.caption', {}),
    [
      say(v, 'cycle-pages.col.amount', {}),
      say(v, 'cycle-pages.col.decision', {}),
      say(v, 'cycle-pages.col.when', {}),
      say(v, 'cycle-pages.col.by', {}),
    ],
    data.project.allocations.map((a) => [
      formatDong(a.amount),
      a.decision ?? '',
      dateTime(a.at),
      a.by,
    ]),
    say(v, 'cycle-pages.situation.no-allocation', {}),
  );
}

export function projectPage(
  v: View,
  data: ProjectRead,
  opts: { flash?: Flash | undefined } = {},
): string {
  const { state, project, chart, may } = data;
  const id = state.cycleId;
  const s = situation(v, project.allocations.length, chart);
  const commitmentSection = may.commit
    ? commitmentForm(v, id, project)
    : data.commitment && data.commitment.status !== 'returned' && project.monthlyPlan
      ? html`<p class="note">${say(v, 'cycle-pages.commitment.locked', {})}</p>`
      : '';
  return page(v, {
    title: say(v, 'cycle-pages.project.title', { ref: project.ref }),
    flash: opts.flash,
    crumbs: [
      ...(data.follows
        ? [
            ['/plans', v.t.navPlans] as [string, string],
            ...(data.plan
              ? [[path('/plans', state.planId), data.plan.number] as [string, string]]
              : []),
          ]
        : [['/', v.t.navHome] as [string, string]]),
      [path('/cycles', id), v.t.cycleTitle(state.year)],
    ],
    body: html`${facts([
        [say(v, 'cycle-pages.col.project', {}), project.title],
        [v.t.lead, project.leadName],
        [say(v, 'cycle-pages.col.allocated', {}), formatDong(project.allocated)],
        [say(v, 'cycle-pages.commitment.state', {}), commitmentFacts(v, data)],
        [
          say(v, 'cycle-pages.col.committed', {}),
          chart.plannedTotal === undefined ? '' : formatDong(chart.plannedTotal),
        ],
        [say(v, 'cycle-pages.col.disbursed', {}), formatDong(chart.actualTotal)],
        [
          say(v, 'cycle-pages.col.situation', {}),
          html`<span data-situation
            >${s.lagging ? html`<strong>${s.text}</strong>` : s.text}</span
          >`,
        ],
      ])}
      <section aria-labelledby="h-chart">
        <h2 id="h-chart">${say(v, 'cycle-pages.chart.heading', {})}</h2>
        ${disbursementFigure(v, chart)}
      </section>
      ${
        may.report || project.allocations.length > 0
          ? html`<section aria-labelledby="h-progress">
              <h2 id="h-progress">${say(v, 'cycle-pages.progress.heading', {})}</h2>
              ${
                may.report
                  ? progressForm(v, id, project, chart.reportedThrough)
                  : html`<p class="note">
                      ${say(v, 'cycle-pages.progress.who', { lead: project.leadName })}
                    </p>`
              }
            </section>`
          : ''
      }
      ${
        commitmentSection
          ? html`<section aria-labelledby="h-commitment">
              <h2 id="h-commitment">${say(v, 'cycle-pages.commitment.heading', {})}</h2>
              ${commitmentSection}
            </section>`
          : ''
      }
      <section aria-labelledby="h-allocations">
        <h2 id="h-allocations">${say(v, 'cycle-pages.allocations.caption', {})}</h2>
        ${allocationsTable(v, data)}
        ${may.allocate ? allocationForm(v, id, state.projects, project) : ''}
      </section>`,
  });
}
