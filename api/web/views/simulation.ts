// A simulation job's page: its progress while the worker runs it (the page reloads itself),
// then the year: the summary, the mail per kind of reader, the calendar of messages (agencies
// × months, one month's days, the chosen day's messages) and the whole timeline to download.
import type { SimulationResult } from '../../../common/simulation-schema.ts';
import { formatDate } from '../../../domain/local-time.ts';
import type { SimulationCalendar } from '../../../use-cases/simulation-calendar.ts';
import type { SimulationJob } from '../../../use-cases/simulation.ts';
import { html, path, type Html } from '../html.ts';
import { csrfField, dateTime, facts, page, say, table, type Flash, type View } from '../layout.ts';
import { decimal, jobPath, simulationCalendarView } from './simulation-calendar.ts';

export interface SimulationPageData {
  job: SimulationJob;
  result: SimulationResult | undefined;
  calendar: SimulationCalendar | undefined;
  flash?: Flash | undefined;
}

/** How often a running job's page reloads itself. */
export const REFRESH_SECONDS = 3;

function progressSection(v: View, job: SimulationJob): Html {
  const p = job.progress;
  const percent = Math.floor((p?.share ?? 0) * 100);
  return html`<section aria-labelledby="h-sim-progress" class="sim-progress">
    <h2 id="h-sim-progress">${say(v, 'simulation.progress.heading', {})}</h2>
    <p>
      <progress max="100" value="${percent}" aria-labelledby="sim-share"></progress>
      <span id="sim-share">${say(v, 'simulation.progress.share', { percent })}</span>
    </p>
    <ul class="plain">
      ${p ? html`<li>${say(v, 'simulation.phase', { phase: p.phase })}</li>` : ''}
      ${
        p?.at
          ? html`<li>
              ${say(v, 'simulation.progress.reached', { date: formatDate(Date.parse(p.at)) })}
            </li>`
          : ''
      }
      ${
        p && p.duties > 0
          ? html`<li>
                ${say(v, 'simulation.progress.duties', { done: p.dutiesDone, total: p.duties })}
              </li>
              <li>
                ${say(v, 'simulation.progress.actions', { done: p.actionsDone, left: p.actionsLeft })}
              </li>`
          : ''
      }
    </ul>
    <p class="note">${say(v, 'simulation.progress.refresh', {})}</p>
  </section>`;
}

/** The plan page's form again, filled in: a failed job runs again with the same settings. */
function runAgain(v: View, job: SimulationJob): Html {
  const b = job.input.behaviour;
  return html`<form method="post" action="${path('/plans', job.planId, 'simulate')}" data-busy>
    ${csrfField(v)}
    <input type="hidden" name="year" value="${job.year}" />
    <input type="hidden" name="lateShare" value="${String(b.lateShare)}" />
    <input type="hidden" name="missingShare" value="${String(b.missingShare)}" />
    <input type="hidden" name="seed" value="${b.seed}" />
    <button type="submit" data-busy-text="${v.t.running}">
      ${say(v, 'simulation.run-again', {})}
    </button>
  </form>`;
}

function summarySection(v: View, result: SimulationResult): Html {
  const s = result.summary;
  return html`<p>
      ${v.t.simSummary(s.duties, s.submittedLate, s.neverSubmitted, s.extensionsGranted)}
    </p>
    ${facts(
      Object.entries(s.byStatus).map(([k, n]) => [
        v.t.statuses[k as keyof typeof v.t.statuses] ?? v.t.otherEvent,
        String(n),
      ]),
    )}
    <p>
      ${v.t.simMail(
        s.mail.delivery === 'digest',
        s.mail.messages,
        s.mail.perDuty,
        s.mail.maxPerPersonDay,
        s.mail.maxPerPersonDayRoutine,
      )}
    </p>`;
}

function groupsSection(v: View, calendar: SimulationCalendar): Html {
  return html`<section aria-labelledby="h-sim-groups">
    <h2 id="h-sim-groups">${say(v, 'simulation.groups.heading', {})}</h2>
    <p class="note">${say(v, 'simulation.groups.intro', {})}</p>
    ${table(
      say(v, 'simulation.groups.heading', {}),
      [
        say(v, 'simulation.groups.col.group', {}),
        say(v, 'simulation.groups.col.people', {}),
        say(v, 'simulation.groups.col.messages', {}),
        say(v, 'simulation.groups.col.per-month', {}),
        say(v, 'simulation.groups.col.max-month', {}),
        say(v, 'simulation.groups.col.max-day', {}),
      ],
      calendar.groups.map((g) => [
        say(v, 'simulation.groups.group', { group: g.group }),
        String(g.people),
        String(g.messages),
        decimal(v, g.perPersonMonth),
        String(g.maxPersonMonth),
        String(g.maxPersonDay),
      ]),
      v.t.nothing,
      { captionHidden: true },
    )}
  </section>`;
}

function downloads(v: View, job: SimulationJob, result: SimulationResult): Html {
  const base = jobPath(job.id);
  return html`<section aria-labelledby="h-sim-download">
    <h2 id="h-sim-download">${say(v, 'simulation.download.heading', {})}</h2>
    <p>
      ${say(v, 'simulation.download.intro', { rows: result.timeline.length })}
      <a href="${base}/timeline.xlsx" download>${v.t.exportXlsx}</a> ·
      <a href="${base}/timeline.csv" download>${v.t.exportCsv}</a>
    </p>
  </section>`;
}

export function simulationPage(v: View, data: SimulationPageData): string {
  const { job, result, calendar } = data;
  const b = job.input.behaviour;
  const running = job.status === 'queued' || job.status === 'running';
  const failed: Flash | undefined =
    job.status === 'failed' ? { kind: 'error', text: say(v, 'simulation.failed', {}) } : undefined;
  const body = html`${facts([
    [v.t.status, say(v, 'simulation.status', { status: job.status })],
    [
      say(v, 'simulation.assumptions', {}),
      say(v, 'simulation.behaviour', {
        late: decimal(v, b.lateShare),
        missing: decimal(v, b.missingShare),
        seed: b.seed,
      }),
    ],
    [say(v, 'simulation.requested-at', {}), dateTime(job.requestedAt)],
    [
      say(v, 'simulation.finished-at', {}),
      job.status === 'done' && job.finishedAt ? dateTime(job.finishedAt) : '',
    ],
  ])}
  ${running ? progressSection(v, job) : ''} ${job.status === 'failed' ? runAgain(v, job) : ''}
  ${
    result && calendar
      ? html`${summarySection(v, result)} ${simulationCalendarView(v, job, calendar)}
        ${groupsSection(v, calendar)} ${downloads(v, job, result)}`
      : ''
  }`;
  return page(v, {
    title: v.t.simulationTitle(job.year),
    crumbs: [
      ['/plans', v.t.navPlans],
      [path('/plans', job.planId), job.plan?.number ?? v.t.navPlans],
    ],
    flash: data.flash ?? failed,
    body,
    ...(running ? { refreshSeconds: REFRESH_SECONDS } : {}),
  });
}
