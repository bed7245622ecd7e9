// The forms of a cycle's money: a coordinator's allocation, the lead agency's month-by-month
// commitment and its monthly disbursement. Amounts are typed as Vietnamese write them
// ("1.500.000.000"); the route reads them with domain/disbursement-chart.ts parseDong.
import type { ProjectMoney } from '../../../common/cycle-schema.ts';
import { formatDong, MONTHS } from '../../../domain/disbursement-chart.ts';
import { html, path, type Html } from '../html.ts';
import { csrfField, say, type View } from '../layout.ts';

const MONEY_PATTERN = '[0-9][0-9. ]*';
const group = (digits: string): string => formatDong(digits).replace(/ đ$/, '');

/**
 * A coordinator's allocation: on the cycle page for any project (a choice), on a project's
 * page for that one (`back` brings the coordinator back there).
 */
export function allocationForm(
  v: View,
  cycleId: string,
  projects: readonly ProjectMoney[],
  only?: ProjectMoney,
): Html {
  return html`<form
    method="post"
    action="${path('/cycles', cycleId, 'allocations')}"
    class="card stack money-form"
  >
    <h3>${v.t.recordAllocation}</h3>
    ${csrfField(v)}
    ${
      only
        ? html`<input type="hidden" name="projectRef" value="${only.ref}" />
            <input type="hidden" name="back" value="project" />`
        : html`<label for="alloc-project">${v.t.project}</label>
            <select id="alloc-project" name="projectRef">
              ${projects.map(
                (pr) =>
                  html`<option value="${pr.ref}">${pr.ref} – ${pr.title.slice(0, 80)}</option>`,
              )}
            </select>`
    }
    <label for="alloc-amount">${say(v, 'cycle-pages.allocation.amount', {})}</label>
    <input
      id="alloc-amount"
      name="amount"
      required
      inputmode="numeric"
      pattern="${MONEY_PATTERN}"
      autocomplete="off"
    />
    <label for="alloc-decision">${v.t.decision}</label>
    <input id="alloc-decision" name="decision" maxlength="200" />
    <label class="choice"
      ><input type="checkbox" name="replace" value="1" />
      ${say(v, 'cycle-pages.allocation.replace', {})}</label
    >
    <button type="submit">${v.t.save}</button>
  </form>`;
}

/** The lead agency's twelve monthly amounts, filled with the plan already committed. */
export function commitmentForm(v: View, cycleId: string, project: ProjectMoney): Html {
  const current = project.monthlyPlan;
  return html`<form
    method="post"
    action="${path('/cycles', cycleId, 'projects', project.ref, 'commitment')}"
    class="card stack money-form commitment-form"
  >
    ${csrfField(v)}
    <p>${say(v, 'cycle-pages.commitment.intro', { lead: project.leadName })}</p>
    <div class="month-grid">
      ${Array.from({ length: MONTHS }, (_, i) => {
        const m = i + 1;
        const value = current?.[i];
        return html`<div>
          <label for="plan-m${m}">${say(v, 'cycle-pages.commitment.month', { month: m })}</label>
          <input
            id="plan-m${m}"
            name="m${m}"
            inputmode="numeric"
            pattern="${MONEY_PATTERN}"
            autocomplete="off"
            value="${value && value !== '0' ? group(value) : ''}"
          />
        </div>`;
      })}
    </div>
    <label for="plan-note">${say(v, 'cycle-pages.commitment.note', {})}</label>
    <input id="plan-note" name="note" maxlength="2000" />
    <button type="submit">${say(v, 'cycle-pages.commitment.send', {})}</button>
  </form>`;
}

/**
 * A month's disbursement; the month offered first is the one after the last reported. A
 * month already reported is replaced only when "replace" is ticked (the cycle refuses it
 * otherwise, and says what it holds).
 */
export function progressForm(
  v: View,
  cycleId: string,
  project: ProjectMoney,
  reportedThrough: number,
): Html {
  const next = Math.min(MONTHS, reportedThrough + 1);
  return html`<form
    method="post"
    action="${path('/cycles', cycleId, 'projects', project.ref, 'disbursements')}"
    class="card stack money-form progress-form"
  >
    ${csrfField(v)}
    <label for="disb-month">${say(v, 'cycle-pages.progress.month', {})}</label>
    <select id="disb-month" name="month">
      ${Array.from({ length: MONTHS }, (_, i) => i + 1).map((m) => {
        const already = project.disbursed[m - 1] ?? '0';
        return html`<option value="${m}" ${m === next ? html`selected` : ''}>
          ${say(v, 'cycle-pages.commitment.month', { month: m })}${already !== '0' ? ` (${formatDong(already)})` : ''}
        </option>`;
      })}
    </select>
    <label for="disb-amount">${say(v, 'cycle-pages.progress.amount', {})}</label>
    <input
      id="disb-amount"
      name="amount"
      required
      inputmode="numeric"
      pattern="${MONEY_PATTERN}"
      autocomplete="off"
    />
    <label class="choice"
      ><input type="checkbox" name="replace" value="1" />
      ${say(v, 'cycle-pages.progress.replace', {})}</label
    >
    <button type="submit">${say(v, 'cycle-pages.progress.send', {})}</button>
  </form>`;
}
