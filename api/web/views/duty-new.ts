// The coordinators' "new duty" page: a single duty outside a plan's assignment table, given to a
// lead agency (and coordinating ones) with a product and a deadline; the plan chosen gives the
// rest. The coordinating agencies are boxes in a list that scrolls inside the form on a phone.
import type { NewDutyChoices } from '../../../use-cases/duty-view.ts';
import { html } from '../html.ts';
import { csrfField, page, say, type Flash, type View } from '../layout.ts';

/** What was typed, put back in the form when it is refused. */
export interface NewDutyValues {
  planId: string;
  leadId: string;
  coordinatingIds: string[];
  title: string;
  product: string;
  due: string;
}

const EMPTY: NewDutyValues = {
  planId: '',
  leadId: '',
  coordinatingIds: [],
  title: '',
  product: '',
  due: '',
};

const option = (id: string, name: string, chosen: string) =>
  html`<option value="${id}" ${id === chosen ? html`selected` : ''}>${name}</option>`;

export function newDutyView(
  v: View,
  choices: NewDutyChoices,
  values: NewDutyValues = EMPTY,
  flash?: Flash,
): string {
  const picked = new Set(values.coordinatingIds);
  const body = html`<p>${say(v, 'duty-pages.new-help', {})}</p>
    <form method="post" action="/duties/new" class="stack new-duty">
      ${csrfField(v)}
      <label for="nd-plan">${say(v, 'duty-pages.plan', {})}</label>
      <select id="nd-plan" name="planId" required>
        <option value="">${say(v, 'duty-pages.choose', {})}</option>
        ${choices.plans.map((p) => option(p.id, p.name, values.planId))}
      </select>
      <label for="nd-title">${say(v, 'duty-pages.title', {})}</label>
      <textarea id="nd-title" name="title" required rows="2" maxlength="2000">
${values.title}</textarea>
      <label for="nd-product">${say(v, 'duty-pages.product', {})}</label>
      <textarea id="nd-product" name="product" required rows="2" maxlength="2000">
${values.product}</textarea>
      <label for="nd-due">${say(v, 'duty-pages.deadline', {})}</label>
      <input
        id="nd-due"
        name="due"
        required
        value="${values.due}"
        inputmode="numeric"
        placeholder="${v.t.dateFormatHint}"
        pattern="\\d{1,2}/\\d{1,2}/\\d{4}"
        autocomplete="off"
      />
      <label for="nd-lead">${say(v, 'duty-pages.lead', {})}</label>
      <select id="nd-lead" name="leadId" required>
        <option value="">${say(v, 'duty-pages.choose', {})}</option>
        ${choices.agencies.map((a) => option(a.id, a.name, values.leadId))}
      </select>
      <fieldset class="pick-list">
        <legend>${say(v, 'duty-pages.coordinating', {})}</legend>
        <div class="pick-scroll">
          ${choices.agencies.map(
            (a) =>
              html`<label class="choice"
                ><input
                  type="checkbox"
                  name="coordinating"
                  value="${a.id}"
                  ${picked.has(a.id) ? html`checked` : ''}
                />
                ${a.name}</label
              >`,
          )}
        </div>
      </fieldset>
      <button type="submit">${say(v, 'duty-pages.create', {})}</button>
    </form>`;
  return page(v, {
    title: say(v, 'duty-pages.new-title', {}),
    body,
    flash,
    crumbs: [['/', v.t.navHome]],
  });
}
