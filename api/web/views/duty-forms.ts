// The action forms of a duty's page, each shown only to whoever may use it: the lead's
// acknowledge, submit and extension request; a coordinating agency's contribution; the standing
// agency's extension decision, review and urge; a coordinator's reassign and cancel.
import { CLOSED_FOR_LEAD, FINAL, type DutyState } from '../../../common/duty-state.ts';
import { dueLine } from '../../../domain/email.ts';
import type { DutyPage } from '../../../use-cases/duty-view.ts';
import { ACCEPT } from '../file-types.ts';
import { html, path, type Html } from '../html.ts';
import { csrfField, dueText, say, type View } from '../layout.ts';
import { indicatorRows } from './duty-parts.ts';

/** A dd/mm/yyyy input: digits on a phone's keyboard, checked again on the server. */
const dateInput = (v: View, id: string, required: boolean): Html =>
  html`<input
    id="${id}"
    name="newDue"
    ${required ? html`required` : ''}
    inputmode="numeric"
    placeholder="${v.t.dateFormatHint}"
    pattern="\\d{1,2}/\\d{1,2}/\\d{4}"
    autocomplete="off"
  />`;

function submitForm(v: View, duty: DutyState, action: string): Html {
  const months =
    duty.cycle?.phase === 'disbursement-commitment'
      ? Array.from({ length: 12 }, (_, i) => `m${String(i + 1).padStart(2, '0')}`)
      : [];
  return html`<form
    method="post"
    action="${action}"
    enctype="multipart/form-data"
    class="card stack"
  >
    <h3>${v.t.submitTitle}</h3>
    ${csrfField(v)}
    <label for="submit-text">${v.t.submitText}</label>
    <textarea id="submit-text" name="text" required rows="6" maxlength="20000"></textarea>
    <label for="submit-files">${v.t.submitFiles}</label>
    <input id="submit-files" name="files" type="file" multiple accept="${ACCEPT}" />
    ${indicatorRows(v, months, 'submit')}
    <button type="submit">${v.t.submitTitle}</button>
  </form>`;
}

function leadForms(v: View, duty: DutyState, action: (name: string) => string): Html[] {
  const forms: Html[] = [];
  if (!duty.acknowledgedAt) {
    forms.push(
      html`<form method="post" action="${action('acknowledge')}" class="card">
        <h3>${v.t.actions.acknowledge}</h3>
        <p>${v.t.acknowledgeHelp}</p>
        ${csrfField(v)}
        <button type="submit">${v.t.actions.acknowledge}</button>
      </form>`,
    );
  }
  forms.push(submitForm(v, duty, action('submit')));
  if (!duty.extensionRequest) {
    forms.push(
      html`<form method="post" action="${action('extension-request')}" class="card stack">
        <h3>${v.t.extensionTitle}</h3>
        ${csrfField(v)}
        <label for="ext-date">${v.t.newDeadline}</label>
        ${dateInput(v, 'ext-date', true)}
        <label for="ext-reason">${v.t.reason}</label>
        <textarea id="ext-reason" name="reason" required rows="3" maxlength="2000"></textarea>
        <button type="submit">${v.t.extensionTitle}</button>
      </form>`,
    );
  }
  return forms;
}

function contributeForm(v: View, duty: DutyState, agencyId: string, action: string): Html {
  const c = duty.contributions.find((x) => x.agencyId === agencyId);
  if (!c || c.contributedAt) return html``;
  return html`<form method="post" action="${action}" class="card stack">
    <h3>${v.t.contributeTitle}</h3>
    <p>${v.t.contributeAs(c.agencyName)} — ${dueText(v, c.dueAt)}</p>
    ${csrfField(v)}
    <input type="hidden" name="agencyId" value="${agencyId}" />
    <label for="contrib-${agencyId}">${v.t.contributeText}</label>
    <textarea id="contrib-${agencyId}" name="text" required rows="5" maxlength="20000"></textarea>
    ${indicatorRows(v, [], `c-${agencyId}`)}
    <button type="submit">${v.t.contributeTitle}</button>
  </form>`;
}

function standingForms(
  v: View,
  duty: DutyState,
  leadOpen: boolean,
  action: (name: string) => string,
): Html[] {
  const forms: Html[] = [];
  const r = duty.extensionRequest;
  if (r) {
    forms.push(
      html`<form method="post" action="${action('extension-decision')}" class="card stack">
        <h3>${v.t.decideExtensionTitle}</h3>
        <p>${v.t.pendingExtension(dueLine(Date.parse(r.newDueAt), v.lang), r.by.name, r.reason)}</p>
        ${csrfField(v)}
        <label for="grant-date">${v.t.grantDeadline}</label>
        ${dateInput(v, 'grant-date', false)}
        <label for="grant-comment">${v.t.comment}</label>
        <textarea id="grant-comment" name="comment" rows="2" maxlength="2000"></textarea>
        <div class="buttons">
          <button type="submit" name="decision" value="grant">${v.t.grant}</button>
          <button type="submit" name="decision" value="refuse" class="secondary">
            ${v.t.refuse}
          </button>
        </div>
      </form>`,
    );
  }
  if (duty.status === 'submitted') {
    forms.push(
      html`<form method="post" action="${action('review')}" class="card stack">
        <h3>${v.t.reviewTitle}</h3>
        ${csrfField(v)}
        <label for="review-comment">${v.t.returnComment} / ${v.t.comment}</label>
        <textarea id="review-comment" name="comment" rows="3" maxlength="2000"></textarea>
        <label for="review-date">${v.t.returnDeadline}</label>
        ${dateInput(v, 'review-date', false)}
        <div class="buttons">
          <button type="submit" name="outcome" value="accept">${v.t.accept}</button>
          <button type="submit" name="outcome" value="return" class="secondary">
            ${v.t.returnIt}
          </button>
        </div>
      </form>`,
    );
  }
  if (leadOpen) {
    forms.push(
      html`<form method="post" action="${action('urge')}" class="card stack">
        <h3>${v.t.urgeTitle}</h3>
        <p>${v.t.urgeHelp}</p>
        ${csrfField(v)}
        <label for="urge-comment">${v.t.urgeComment}</label>
        <textarea id="urge-comment" name="comment" rows="2" maxlength="2000"></textarea>
        <button type="submit">${v.t.urge}</button>
      </form>`,
    );
  }
  return forms;
}

/** A coordinator's reassign (while the lead still works on it) and cancel (until it is final). */
function coordinatorForms(
  v: View,
  data: DutyPage,
  leadOpen: boolean,
  action: (name: string) => string,
): Html[] {
  const { duty } = data;
  const forms: Html[] = [];
  if (leadOpen && data.leadChoices.length > 0) {
    forms.push(
      html`<form method="post" action="${action('reassign')}" class="card stack">
        <h3>${say(v, 'duty-pages.reassign-title', {})}</h3>
        <p>${say(v, 'duty-pages.reassign-help', {})}</p>
        ${csrfField(v)}
        <label for="reassign-lead">${say(v, 'duty-pages.new-lead', {})}</label>
        <select id="reassign-lead" name="leadId" required>
          <option value="">${say(v, 'duty-pages.choose', {})}</option>
          ${data.leadChoices.map((a) => html`<option value="${a.id}">${a.name}</option>`)}
        </select>
        <label for="reassign-reason">${say(v, 'duty-pages.reassign-reason', {})}</label>
        <textarea id="reassign-reason" name="reason" required rows="2" maxlength="2000"></textarea>
        <button type="submit">${say(v, 'duty-pages.reassign-title', {})}</button>
      </form>`,
    );
  }
  if (!FINAL.includes(duty.status)) {
    forms.push(
      html`<form method="post" action="${action('cancel')}" class="card stack">
        <h3>${say(v, 'duty-pages.cancel-title', {})}</h3>
        <p>${say(v, 'duty-pages.cancel-help', {})}</p>
        ${csrfField(v)}
        <label for="cancel-reason">${say(v, 'duty-pages.cancel-reason', {})}</label>
        <textarea id="cancel-reason" name="reason" required rows="2" maxlength="2000"></textarea>
        <button type="submit" class="danger">${say(v, 'duty-pages.cancel-title', {})}</button>
      </form>`,
    );
  }
  return forms;
}

/** Every form this person may use on the duty, in the order they would use them. */
export function actionForms(v: View, data: DutyPage): Html[] {
  const { duty, rights } = data;
  const leadOpen = !CLOSED_FOR_LEAD.includes(duty.status);
  const action = (name: string) => path('/duties', duty.workflowId, name);
  return [
    ...(rights.lead && leadOpen ? leadForms(v, duty, action) : []),
    ...(leadOpen
      ? rights.coordinatingIds.map((id) => contributeForm(v, duty, id, action('contribute')))
      : []),
    ...(rights.standing ? standingForms(v, duty, leadOpen, action) : []),
    ...(data.coordinator ? coordinatorForms(v, data, leadOpen, action) : []),
  ].filter((f) => f.value !== '');
}
