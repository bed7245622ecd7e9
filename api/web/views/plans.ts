// The plans list and, for coordinators, the import form (a plan, its assignment table or the
// agency directory; checked in a dry run before anything is written). Pure.
import { byVietnamese } from '../../../domain/vi-order.ts';
import type { PlanListRow } from '../../../use-cases/read-plans.ts';
import { html, path, type Html } from '../html.ts';
import { csrfField, dateTime, page, table, type Flash, type View } from '../layout.ts';

function importForm(v: View, plans: readonly PlanListRow[]): Html {
  return html`<section aria-labelledby="h-import">
    <h2 id="h-import">${v.t.importTitle}</h2>
    <p>${v.t.importIntro}</p>
    <form method="post" action="/plans/import" enctype="multipart/form-data" class="card stack">
      ${csrfField(v)}
      <fieldset>
        <legend>${v.t.importKind}</legend>
        <label class="choice"
          ><input type="radio" name="kind" value="directory" /> ${v.t.kindDirectory}</label
        >
        <label class="choice"
          ><input type="radio" name="kind" value="plan" checked /> ${v.t.kindPlan}</label
        >
        <label class="choice"
          ><input type="radio" name="kind" value="table" /> ${v.t.kindTable}</label
        >
      </fieldset>
      <label for="import-plan">${v.t.forPlan}</label>
      <select id="import-plan" name="planId">
        <option value=""></option>
        ${plans.map((p) => html`<option value="${p.id}">${p.number} – ${p.title}</option>`)}
      </select>
      <label for="import-file">${v.t.file}</label>
      <input
        id="import-file"
        name="file"
        type="file"
        required
        accept=".json,.yaml,.yml,.xlsx,.csv,.docx"
      />
      <label class="choice"
        ><input type="checkbox" name="allowUndated" value="1" /> ${v.t.allowUndated}</label
      >
      <button type="submit">${v.t.check}</button>
    </form>
  </section>`;
}

export function plansPage(
  v: View,
  d: { plans: readonly PlanListRow[]; coordinator: boolean; flash?: Flash | undefined },
): string {
  // By number and title in Vietnamese alphabetical order (the database sorts by code point).
  const plans = [...d.plans].sort(byVietnamese((p) => `${p.number} ${p.title}`));
  return page(v, {
    title: v.t.plansTitle,
    flash: d.flash,
    body: html`${table(
      v.t.plansTitle,
      [v.t.number, v.t.title, v.t.period, v.t.importedAt],
      plans.map((p) => [
        html`<a href="${path('/plans', p.id)}">${p.number}</a>`,
        p.title,
        `${p.period_from}–${p.period_to}`,
        dateTime(p.imported_at),
      ]),
      v.t.nothing,
      { captionHidden: true },
    )}${d.coordinator ? importForm(v, plans) : ''}`,
  });
}
