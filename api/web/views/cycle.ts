// A year's cycle: its status, duties per phase and status, the next deadlines, and one line
// per (sub-)project (capital, the year's plan, disbursed so far, lagging or not) linking to
// the project's disbursement page, with the coordinator's allocation form. Short on a phone:
// the detail of each project is on its own page.
import type { DisbursementChart } from '../../../domain/disbursement-chart.ts';
import { formatDong } from '../../../domain/disbursement-chart.ts';
import type { CycleRead } from '../../../use-cases/cycle-money.ts';
import { html, path, type Html } from '../html.ts';
import { dueText, facts, page, say, statusBadge, table, type Flash, type View } from '../layout.ts';
import { allocationForm } from './disbursement-forms.ts';

const STATUSES = [
  'assigned',
  'acknowledged',
  'submitted',
  'accepted',
  'returned',
  'overdue',
  'cancelled',
] as const;

/** Where a project stands, in a few words. */
export function situation(
  v: View,
  allocations: number,
  chart: DisbursementChart,
): { text: string; lagging: boolean } {
  if (allocations === 0)
    return { text: say(v, 'cycle-pages.situation.no-allocation', {}), lagging: false };
  if (chart.lags.length > 0) {
    const months = chart.lags.map((l) => String(l.month)).join(', ');
    return { text: say(v, 'cycle-pages.situation.lagging', { months }), lagging: true };
  }
  if (chart.plannedTotal === undefined) {
    return { text: say(v, 'cycle-pages.situation.no-plan', {}), lagging: false };
  }
  if (chart.reportedThrough === 0) {
    return { text: say(v, 'cycle-pages.situation.no-progress', {}), lagging: false };
  }
  return { text: say(v, 'cycle-pages.situation.on-track', {}), lagging: false };
}

function projectsTable(v: View, data: CycleRead): Html {
  const id = data.state.cycleId;
  return html`<div class="money-table projects-table">
    ${table(
      say(v, 'cycle-pages.projects.caption', {}),
      [
        say(v, 'cycle-pages.col.project', {}),
        v.t.lead,
        say(v, 'cycle-pages.col.allocated', {}),
        say(v, 'cycle-pages.col.committed', {}),
        say(v, 'cycle-pages.col.disbursed', {}),
        say(v, 'cycle-pages.col.situation', {}),
      ],
      data.projects.map(({ project, chart }) => {
        const s = situation(v, project.allocations.length, chart);
        return [
          html`<a
            href="${path('/cycles', id, 'projects', project.ref)}"
            data-project="${project.ref}"
            >${project.ref} –
            ${project.title.length > 90 ? `${project.title.slice(0, 88)}…` : project.title}</a
          >`,
          project.leadName,
          formatDong(project.allocated),
          chart.plannedTotal === undefined ? '' : formatDong(chart.plannedTotal),
          formatDong(chart.actualTotal),
          s.lagging ? html`<strong class="lagging">${s.text}</strong>` : s.text,
        ];
      }),
      '',
      { captionHidden: true },
    )}
  </div>`;
}

export function cyclePage(
  v: View,
  data: CycleRead,
  opts: { canAllocate: boolean; flash?: Flash | undefined },
): string {
  const { state, plan } = data;
  const phases = Object.entries(state.phases);
  return page(v, {
    title: `${v.t.cycleTitle(state.year)} – ${plan?.number ?? ''}`,
    flash: opts.flash,
    // Without JavaScript, the page follows the launch by reloading itself until it is done.
    ...(state.status === 'launching' ? { refreshSeconds: 5 } : {}),
    // The lead of a project who does not follow the plan has no plans page to go back to.
    crumbs: data.follows
      ? [
          ['/plans', v.t.navPlans],
          [path('/plans', state.planId), plan?.number ?? v.t.navPlans],
        ]
      : [['/', v.t.navHome]],
    body: html`${facts([
        [
          v.t.status,
          html`<span class="cycle-status" data-cycle-status="${state.status}"
            >${v.t.cycleStatus[state.status] ?? ''}</span
          >`,
        ],
      ])}
      <p>${v.t.launched(state.launched)}</p>
      ${
        // Those who follow the plan also request ad hoc reports and close the year.
        data.follows
          ? html`<ul class="links">
              <li>
                <a href="${path('/cycles', state.cycleId, 'ad-hoc-reports')}"
                  >${say(v, 'ad-hoc.list-link', {})}</a
                >
              </li>
              <li>
                <a href="${path('/cycles', state.cycleId, 'results')}"
                  >${say(v, 'year-end.link', {})}</a
                >
              </li>
            </ul>`
          : ''
      }
      <section aria-labelledby="h-money">
        <h2 id="h-money">${say(v, 'cycle-pages.projects.caption', {})}</h2>
        ${state.projects.length === 0 ? html`<p>${v.t.noProjects}</p>` : projectsTable(v, data)}
        ${
          opts.canAllocate && state.projects.length > 0 && state.status !== 'closed'
            ? allocationForm(v, state.cycleId, state.projects)
            : ''
        }
      </section>
      <section aria-labelledby="h-progress">
        <h2 id="h-progress">${v.t.progress}</h2>
        <div class="money-table">
          ${table(
            v.t.progress,
            [v.t.phase, ...STATUSES.map((s) => v.t.statuses[s]), v.t.total],
            phases.map(([phase, counts]) => [
              v.t.phases[phase as keyof typeof v.t.phases] ?? '',
              ...STATUSES.map((s) => String(counts?.[s] ?? 0)),
              String(Object.values(counts ?? {}).reduce((a, b) => a + (b ?? 0), 0)),
            ]),
            v.t.nothing,
            { captionHidden: true },
          )}
        </div>
      </section>
      <section aria-labelledby="h-next">
        <h2 id="h-next">${v.t.nextDeadlines}</h2>
        ${table(
          v.t.nextDeadlines,
          [v.t.duty, v.t.lead, v.t.status, v.t.deadline],
          data.nextDeadlines.map((d) => [
            html`<a href="${path('/duties', d.id)}">${d.title}</a>`,
            d.leadName,
            statusBadge(v, d.status),
            dueText(v, d.dueAt),
          ]),
          v.t.nothing,
          { captionHidden: true },
        )}
      </section>`,
  });
}
