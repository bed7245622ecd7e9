// A plan's yearly cycle schedule: on or off, its next run in Vietnam's time, its recent runs;
// for coordinators the forms that turn it on or off and run it now.
import type { SchedulePageData } from '../../../use-cases/schedule.ts';
import { html, path, type Html } from '../html.ts';
import { csrfField, dateTime, facts, say, type View } from '../layout.ts';

export function scheduleView(v: View, d: SchedulePageData): Html {
  const s = d.schedule;
  const on = s !== null && !s.paused;
  const here = path('/plans', d.plan.id, 'schedule');
  const next = on ? s.nextRuns[0] : undefined;
  const state = s === null ? 'never' : on ? 'on' : 'off';
  const stateCode = ({ never: 'schedule.never', on: 'schedule.on', off: 'schedule.off' } as const)[
    state
  ];
  return html`<p>${say(v, 'schedule.intro', {})}</p>
    ${facts([
      [
        say(v, 'schedule.state', {}),
        html`<span class="sched-state sched-${state}" data-state="${state}"
          >${say(v, stateCode, {})}</span
        >`,
      ],
      [
        say(v, 'schedule.next-run', {}),
        html`<span class="sched-next"
          >${next ? dateTime(next) : say(v, 'schedule.no-next-run', {})}</span
        >`,
      ],
    ])}
    <h2>${say(v, 'schedule.recent-runs', {})}</h2>
    ${
      s && s.recentRuns.length > 0
        ? html`<ul>
            ${s.recentRuns.map((r) => html`<li>${dateTime(r.at)}</li>`)}
          </ul>`
        : html`<p class="empty">${say(v, 'schedule.no-runs', {})}</p>`
    }
    ${
      d.canEdit
        ? html`<div class="buttons">
              <form method="post" action="${here}">
                ${csrfField(v)}
                <input type="hidden" name="enabled" value="${on ? 'off' : 'on'}" />
                <button type="submit" ${on ? html`class="secondary"` : ''}>
                  ${say(v, on ? 'schedule.turn-off' : 'schedule.turn-on', {})}
                </button>
              </form>
              ${
                s
                  ? html`<form method="post" action="${here}/run">
                      ${csrfField(v)}
                      <button type="submit" class="secondary">
                        ${say(v, 'schedule.run-now', {})}
                      </button>
                    </form>`
                  : ''
              }
            </div>
            ${s ? html`<p class="note">${say(v, 'schedule.run-now-intro', {})}</p>` : ''}`
        : html`<p class="note">${say(v, 'schedule.read-only', {})}</p>`
    }
    <p><a href="${path('/plans', d.plan.id)}">${say(v, 'schedule.back-to-plan', {})}</a></p>`;
}
