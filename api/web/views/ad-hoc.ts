// Ad hoc report requests of a year's cycle: the list (each request with how many agencies
// have submitted and how many are late), the form that asks chosen agencies (a searchable
// checkbox list grouped by level), and one request's page following each agency's duty to
// the page where its product is received.
import type { AdHocDetail, AdHocForm, AdHocList } from '../../../use-cases/ad-hoc-reports.ts';
import type { PickableAgency } from '../../../db/year-end.ts';
import { html, path, type Html } from '../html.ts';
import {
  csrfField,
  date,
  deadlineCell,
  dueText,
  facts,
  levelName,
  levelRank,
  page,
  say,
  statusBadge,
  table,
  type Flash,
  type View,
} from '../layout.ts';

/** Plans › the plan › the year's cycle: where every page of a cycle sits. */
export const cycleCrumbs = (
  v: View,
  d: { plan: { id: string; number: string }; state: { cycleId: string; year: number } },
): [string, string][] => [
  ['/plans', v.t.navPlans],
  [path('/plans', d.plan.id), d.plan.number],
  [path('/cycles', d.state.cycleId), v.t.cycleTitle(d.state.year)],
];

const listHref = (cycleId: string): string => path('/cycles', cycleId, 'ad-hoc-reports');

export function adHocListPage(v: View, d: AdHocList, flash?: Flash): string {
  const id = d.state.cycleId;
  const rows = d.requests.map((r) => [
    html`<a href="${path('/cycles', id, 'ad-hoc-reports', r.ref)}">${r.title}</a>${
        r.failed ? html`<br /><span class="note">${say(v, 'ad-hoc.start-failed', {})}</span>` : ''
      }`,
    date(r.at),
    dueText(v, r.dueAt),
    html`<span data-submitted="${r.submitted}"
      >${say(v, 'ad-hoc.submitted-of', { done: r.submitted, asked: r.asked })}</span
    >`,
    html`<span class="${r.overdue > 0 ? 'ye-bad' : ''}" data-overdue="${r.overdue}"
      >${String(r.overdue)}</span
    >`,
    String(r.submittedLate),
  ]);
  const action = d.canRequest
    ? html`<p>
        <a class="button" href="${path(listHref(id), 'new')}">${say(v, 'ad-hoc.new-link', {})}</a>
      </p>`
    : d.state.status === 'closed'
      ? html`<p class="note">${say(v, 'ad-hoc.closed-note', {})}</p>`
      : '';
  return page(v, {
    title: say(v, 'ad-hoc.title', { year: d.state.year }),
    flash,
    crumbs: cycleCrumbs(v, d),
    body: html`<div class="year-end sticky-first">
      <p>${say(v, 'ad-hoc.intro', {})}</p>
      ${action}
      ${table(
        say(v, 'ad-hoc.title', { year: d.state.year }),
        [
          say(v, 'ad-hoc.col-title', {}),
          say(v, 'ad-hoc.col-asked-on', {}),
          say(v, 'ad-hoc.col-deadline', {}),
          say(v, 'ad-hoc.col-submitted', {}),
          say(v, 'ad-hoc.col-late', {}),
          say(v, 'ad-hoc.col-submitted-late', {}),
        ],
        rows,
        say(v, 'ad-hoc.none', {}),
        { captionHidden: true },
      )}
    </div>`,
  });
}

/** What the form sends back when it is shown again after a refusal. */
export interface AdHocFormValues {
  title?: string;
  product?: string;
  due?: string;
  agencyIds?: readonly string[];
}

function agencyPicker(v: View, agencies: PickableAgency[], chosen: ReadonlySet<string>): Html {
  const levels = [...new Set(agencies.map((a) => a.level))].sort(
    (a, b) => levelRank(a) - levelRank(b),
  );
  return html`<fieldset class="ye-picker" data-filter-list>
    <legend>${say(v, 'ad-hoc.field-agencies', {})}</legend>
    <label for="ad-hoc-filter">${say(v, 'ad-hoc.filter', {})}</label>
    <input id="ad-hoc-filter" type="search" data-filter-input autocomplete="off" />
    ${levels.map((level) => {
      const group = agencies.filter((a) => a.level === level);
      const name = levelName(v, level);
      return html`<fieldset class="ye-level" data-filter-group>
        <legend>${name} (${group.length})</legend>
        <label class="choice ye-all" hidden
          ><input type="checkbox" data-select-all />
          ${say(v, 'ad-hoc.select-all', { level: name })}</label
        >
        <div class="ye-choices">
          ${group.map(
            (a) =>
              html`<label class="choice" data-filter-item="${`${a.name} ${a.localityName}`}"
                ><input
                  type="checkbox"
                  name="agencyIds"
                  value="${a.id}"
                  ${chosen.has(a.id) ? html`checked` : ''}
                />
                <span
                  >${a.name}${
                    a.name.toLocaleLowerCase('vi').includes(a.localityName.toLocaleLowerCase('vi'))
                      ? ''
                      : html` <span class="note">– ${a.localityName}</span>`
                  }</span
                ></label
              >`,
          )}
        </div>
      </fieldset>`;
    })}
  </fieldset>`;
}

export function adHocFormPage(
  v: View,
  d: AdHocForm,
  values: AdHocFormValues = {},
  flash?: Flash,
): string {
  const id = d.state.cycleId;
  return page(v, {
    title: say(v, 'ad-hoc.new-title', {}),
    flash,
    crumbs: [...cycleCrumbs(v, d), [listHref(id), say(v, 'ad-hoc.list-link', {})]],
    body: html`<div class="year-end sticky-first">
        <p>${say(v, 'ad-hoc.intro', {})}</p>
        <form method="post" action="${listHref(id)}" class="stack ye-form">
          ${csrfField(v)}
          <label for="ad-hoc-title">${say(v, 'ad-hoc.field-title', {})}</label>
          <input
            id="ad-hoc-title"
            name="title"
            required
            maxlength="2000"
            value="${values.title ?? ''}"
            placeholder="${say(v, 'ad-hoc.hint-title', {})}"
          />
          <label for="ad-hoc-product">${say(v, 'ad-hoc.field-product', {})}</label>
          <textarea
            id="ad-hoc-product"
            name="product"
            required
            maxlength="2000"
            rows="3"
            placeholder="${say(v, 'ad-hoc.hint-product', {})}"
          >
${values.product ?? ''}</textarea>
          <label for="ad-hoc-due">${say(v, 'ad-hoc.field-due', {})}</label>
          <input
            id="ad-hoc-due"
            name="due"
            required
            inputmode="numeric"
            placeholder="dd/mm/yyyy"
            pattern="\\d{1,2}/\\d{1,2}/\\d{4}"
            value="${values.due ?? ''}"
            autocomplete="off"
          />
          ${agencyPicker(v, d.agencies, new Set(values.agencyIds ?? []))}
          <button type="submit">${say(v, 'ad-hoc.submit', {})}</button>
        </form>
      </div>
      <script src="/static/ad-hoc.js" defer></script>`,
  });
}

export function adHocDetailPage(v: View, d: AdHocDetail): string {
  const id = d.state.cycleId;
  const r = d.request;
  const rows = d.lines.map((l) => [
    l.agencyName,
    statusBadge(v, l.status),
    deadlineCell(v, l),
    l.submission
      ? html`${say(v, 'ad-hoc.submitted-on', { at: l.submission.at, late: l.submission.late })}${
          l.submission.text
            ? html`<br /><span class="ye-excerpt">${excerpt(l.submission.text)}</span>`
            : ''
        }${
          l.submission.files.length > 0
            ? html`<br /><span class="note"
                  >${say(v, 'ad-hoc.files', { names: l.submission.files.join(', ') })}</span
                >`
            : ''
        }`
      : html`<span class="note">${say(v, 'ad-hoc.nothing-yet', {})}</span>`,
    html`<a href="${path('/duties', l.dutyId)}"
      >${
        l.status === 'submitted' ? say(v, 'ad-hoc.review-duty', {}) : say(v, 'ad-hoc.open-duty', {})
      }</a
    >`,
  ]);
  return page(v, {
    title: r.title,
    crumbs: [...cycleCrumbs(v, d), [listHref(id), say(v, 'ad-hoc.list-link', {})]],
    body: html`<div class="year-end sticky-first">
      ${facts([
        [say(v, 'ad-hoc.product', {}), d.product ?? ''],
        [say(v, 'ad-hoc.col-asked-on', {}), date(r.at)],
        [say(v, 'ad-hoc.col-deadline', {}), dueText(v, r.dueAt)],
      ])}
      <p class="ye-summary">
        ${say(v, 'ad-hoc.summary', { asked: r.asked, done: r.submitted, overdue: r.overdue })}
      </p>
      ${r.failed ? html`<p class="note">${say(v, 'ad-hoc.start-failed', {})}</p>` : ''}
      ${
        r.started < r.asked && !r.failed
          ? html`<p class="note">${say(v, 'ad-hoc.starting', {})}</p>`
          : ''
      }
      ${table(
        r.title,
        [
          say(v, 'ad-hoc.col-agency', {}),
          say(v, 'ad-hoc.col-status', {}),
          say(v, 'ad-hoc.col-deadline', {}),
          say(v, 'ad-hoc.col-product', {}),
          say(v, 'ad-hoc.col-action', {}),
        ],
        rows,
        say(v, 'ad-hoc.starting', {}),
        { captionHidden: true },
      )}
    </div>`,
  });
}

/** The first lines of a submitted text: the whole is on the duty's page. */
const excerpt = (text: string): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 159).trimEnd()}…` : flat;
};
