// A plan's page: its facts, links to its targets and its cycle schedule, its years (open a
// started cycle, preview one not started), the simulation form, and its duties filtered and
// paged so the page stays a few phone screens long.
import type { PlanOverview } from '../../../use-cases/read-plans.ts';
import { html, path, type Html } from '../html.ts';
import { csrfField, dateTime, facts, page, say, table, type View } from '../layout.ts';
import { dutiesSection, setTimeForm, type DutyFilters } from './plan-duties.ts';
import { targetsLink } from './targets.ts';

export interface PlanPageData extends PlanOverview {
  filters: DutyFilters;
  coordinator: boolean;
}

function yearsTable(v: View, d: PlanPageData): Html {
  return table(
    v.t.cyclesTitle,
    [v.t.year, v.t.status],
    d.years.map((y) => [
      String(y.year),
      y.started
        ? html`<a href="${path('/cycles', y.cycleId)}">${v.t.open}</a>`
        : d.coordinator
          ? html`${v.t.notStarted} —
              <a href="${path('/plans', d.plan.id, 'cycle-preview')}?year=${y.year}"
                >${v.t.previewCycle}</a
              >`
          : v.t.notStarted,
    ]),
    '',
    { captionHidden: true },
  );
}

/** The simulation of a year (POST /plans/:id/simulate), for coordinators. */
function simulateForm(v: View, d: PlanPageData): Html {
  return html`<section aria-labelledby="h-sim">
    <h2 id="h-sim">${v.t.simulateTitle}</h2>
    <p>${v.t.simulateIntro}</p>
    <form
      method="post"
      action="${path('/plans', d.plan.id, 'simulate')}"
      class="card stack"
      data-busy
    >
      ${csrfField(v)}
      <label for="sim-year">${v.t.year}</label>
      <select id="sim-year" name="year">
        ${d.years.map((y) => html`<option value="${y.year}">${y.year}</option>`)}
      </select>
      <label for="sim-late">${v.t.lateShare}</label>
      <input id="sim-late" name="lateShare" inputmode="decimal" value="0,2" />
      <label for="sim-missing">${v.t.missingShare}</label>
      <input id="sim-missing" name="missingShare" inputmode="decimal" value="0,05" />
      <label for="sim-seed">${v.t.seed}</label>
      <input id="sim-seed" name="seed" inputmode="numeric" value="1" />
      <button type="submit" data-busy-text="${v.t.running}">${v.t.runSimulation}</button>
    </form>
  </section>`;
}

export function planPage(v: View, d: PlanPageData): string {
  const planPath = path('/plans', d.plan.id);
  return page(v, {
    title: `${d.plan.number} – ${d.plan.title}`,
    crumbs: [['/plans', v.t.navPlans]],
    body: html`${facts([
        [v.t.period, `${d.plan.from}–${d.plan.to}`],
        [v.t.standingAgency, d.plan.standingName],
        [v.t.importedAt, dateTime(d.plan.importedAt)],
      ])}
      ${targetsLink(v, d.plan.id)}
      <p>
        <a href="${path('/plans', d.plan.id, 'schedule')}"
          >${say(v, 'plan-pages.schedule-link', {})}</a
        >
      </p>
      <section aria-labelledby="h-cycles">
        <h2 id="h-cycles">${v.t.cyclesTitle}</h2>
        ${yearsTable(v, d)}
      </section>
      ${dutiesSection(
        v,
        planPath,
        d.duties,
        d.filters,
        // Only a duty imported "chưa có thời hạn" waits for its date; the rest read as the
        // plan wrote them, and a changed plan is imported again.
        d.coordinator ? (duty) => (duty.undated ? setTimeForm(v, planPath, duty) : '') : undefined,
      )}
      ${d.coordinator ? simulateForm(v, d) : ''}`,
  });
}
