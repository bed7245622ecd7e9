// Before a year is started: its duties by kind, how many are already past due, and the two ways
// to start when some are (chase now, or record the past as history); the year's duties paged.
import type { AgencyPreview } from '../../../plans/cycle-preview.ts';
import type { CyclePreviewResult } from '../../../use-cases/start-cycle.ts';
import { html, path, type Html } from '../html.ts';
import { csrfField, dueText, page, say, table, type View } from '../layout.ts';
import { paged, pager } from './tracking-parts.ts';

/** Duties of the year shown per page of the preview. */
export const PREVIEW_PAGE = 10;
/** Agencies listed with their past-due counts before the rest fold away. */
const SHOWN_AGENCIES = 5;

const crumbsOf = (v: View, d: CyclePreviewResult): [string, string][] => [
  ['/plans', v.t.navPlans],
  [path('/plans', d.plan.id), d.plan.number],
];

/** The year was started already: a link to its cycle. */
export function cycleExistsPage(v: View, d: CyclePreviewResult): string {
  return page(v, {
    title: v.t.cyclePreviewTitle(d.year),
    crumbs: crumbsOf(v, d),
    flash: { kind: 'ok', text: v.t.cycleExists },
    body: html`<p><a href="${path('/cycles', d.cycleId)}">${v.t.open}</a></p>`,
  });
}

/** Per lead agency: its duties, how many are past due, and what starting now sends at once. */
const agencyTable = (v: View, caption: string, agencies: readonly AgencyPreview[]): Html =>
  html`<div class="wide-table sticky-first">
    ${table(
      caption,
      [
        say(v, 'cycle-start.col.agency', {}),
        say(v, 'cycle-start.col.duties', {}),
        say(v, 'cycle-start.col.past-due', {}),
        say(v, 'cycle-start.col.overdue', {}),
        say(v, 'cycle-start.col.urges', {}),
        say(v, 'cycle-start.col.escalations', {}),
      ],
      agencies.map((a) => [
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
  </div>`;

function startForms(v: View, d: CyclePreviewResult): Html {
  const preview = d.preview;
  const action = path('/plans', d.plan.id, 'cycles');
  if (!preview?.warning) {
    return html`<p class="note">${say(v, 'cycle-start.past-due.none', {})}</p>
      <form method="post" action="${action}" class="buttons">
        ${csrfField(v)}
        <input type="hidden" name="year" value="${d.year}" />
        <button type="submit">${v.t.startCycle}</button>
      </form>`;
  }
  const caption = say(v, 'cycle-start.table.caption', { year: d.year });
  const late = preview.agencies.filter((a) => a.pastDue > 0);
  return html`<section aria-labelledby="h-past-due" data-past-due="${preview.pastDue}">
    <h2 id="h-past-due">${caption}</h2>
    ${agencyTable(v, caption, late.slice(0, SHOWN_AGENCIES))}
    ${
      late.length > SHOWN_AGENCIES
        ? html`<details class="more">
            <summary>
              ${say(v, 'plan-pages.more-agencies', { count: late.length - SHOWN_AGENCIES })}
            </summary>
            ${agencyTable(v, caption, late.slice(SHOWN_AGENCIES))}
          </details>`
        : ''
    }
    <form method="post" action="${action}" class="stack">
      ${csrfField(v)}
      <input type="hidden" name="year" value="${d.year}" />
      <p class="note">
        ${say(v, 'cycle-start.option.history-explain', {
          summaries: preview.sentAtOnce.history.summaries,
        })}
      </p>
      <p>
        <button type="submit" name="past" value="history">
          ${say(v, 'cycle-start.option.history', {})}
        </button>
      </p>
      <p class="note">${say(v, 'cycle-start.option.chase-explain', {})}</p>
      <p>
        <button type="submit" name="past" value="chase" class="secondary">
          ${say(v, 'cycle-start.option.chase', {})}
        </button>
      </p>
    </form>
  </section>`;
}

export function cyclePreviewPage(v: View, d: CyclePreviewResult, pageNo = 1): string {
  const duties = d.duties ?? [];
  const byPhase = new Map<string, number>();
  for (const duty of duties) {
    const phase = duty.cycle?.phase ?? 'other';
    byPhase.set(phase, (byPhase.get(phase) ?? 0) + 1);
  }
  const preview = d.preview;
  const chase = preview?.sentAtOnce.chase;
  const supervisors = [...new Set(preview?.agencies.flatMap((a) => a.escalateTo) ?? [])].join(', ');
  const p = paged(duties, pageNo, PREVIEW_PAGE);
  const here = `${path('/plans', d.plan.id, 'cycle-preview')}?year=${d.year}`;
  return page(v, {
    title: v.t.cyclePreviewTitle(d.year),
    crumbs: crumbsOf(v, d),
    ...(preview?.warning && chase
      ? {
          flash: {
            kind: 'error' as const,
            text: say(v, 'cycle-start.past-due.warning', {
              year: d.year,
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
      ${startForms(v, d)}
      <section aria-labelledby="h-year-duties">
        <h2 id="h-year-duties" class="visually-hidden">${v.t.cyclePreviewTitle(d.year)}</h2>
        <div class="wide-table sticky-first">
          ${table(
            v.t.cyclePreviewTitle(d.year),
            [v.t.duty, v.t.lead, v.t.period, v.t.deadline, v.t.phase],
            p.rows.map((duty) => [
              duty.title,
              duty.lead.name,
              v.t.periodName(duty.period),
              dueText(v, duty.dueAt, duty.timePhrase),
              v.t.phases[duty.cycle?.phase ?? 'other'],
            ]),
            v.t.nothing,
            { captionHidden: true },
          )}
        </div>
        ${pager(v, p, (n) => `${here}&page=${n}#h-year-duties`, v.t.cyclePreviewTitle(d.year))}
      </section>`,
  });
}
