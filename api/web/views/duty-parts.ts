// Pieces of a duty's page: what was submitted (text, files, indicators), the indicator inputs
// of the submit and contribute forms, and who a reminder went to.
import type { DutyState } from '../../../common/duty-state.ts';
import type { LadderView } from '../../../db/ladder-view.ts';
import { html, path, type Html } from '../html.ts';
import { dateTime, type View } from '../layout.ts';

export function indicatorList(values: Record<string, number>): Html {
  const entries = Object.entries(values);
  if (entries.length === 0) return html``;
  return html`<ul class="plain">
    ${entries.map(([k, n]) => html`<li>${k}: ${n.toLocaleString('vi-VN')}</li>`)}
  </ul>`;
}

/** Rows of indicator name/value inputs; a commitment gets its twelve months named. */
export function indicatorRows(v: View, names: string[], prefix: string): Html {
  const rows = Math.max(names.length, 3);
  return html`<fieldset class="indicators" data-indicators>
    <legend>${v.t.indicators}</legend>
    ${Array.from({ length: rows }, (_, i) => {
      const name = names[i] ?? '';
      return html`<div class="indicator-row">
        <label for="${prefix}-name-${i}">${v.t.indicatorName} ${i + 1}</label>
        <input id="${prefix}-name-${i}" name="ind_name_${i}" value="${name}" maxlength="100" />
        <label for="${prefix}-value-${i}">${v.t.indicatorValue} ${i + 1}</label>
        <input id="${prefix}-value-${i}" name="ind_value_${i}" inputmode="decimal" maxlength="50" />
      </div>`;
    })}
    <button type="button" class="secondary" data-add-indicator hidden>${v.t.addIndicator}</button>
  </fieldset>`;
}

/** "12 KB": a file's size as people read it. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

export function submissionsSection(v: View, duty: DutyState): Html {
  if (duty.submissions.length === 0) return html``;
  const items = [...duty.submissions].reverse().map(
    (s) =>
      html`<article class="submission">
        <p class="meta">
          ${v.t.submittedAt(dateTime(s.at), s.by.name)}${
            s.late ? html` <span class="status status-overdue">${v.t.late}</span>` : ''
          }
        </p>
        <p class="text">${s.text}</p>
        ${
          s.attachments.length > 0
            ? html`<h3>${v.t.files}</h3>
                <ul class="files">
                  ${s.attachments.map((a) =>
                    a.id
                      ? html`<li>
                          <a href="${path('/files', a.id)}" download>${a.name}</a>
                          (${formatSize(a.size)})
                        </li>`
                      : html`<li>${a.name} (${formatSize(a.size)})</li>`,
                  )}
                </ul>`
            : ''
        }
        ${
          Object.keys(s.indicators).length > 0
            ? html`<h3>${v.t.indicators}</h3>
                ${indicatorList(s.indicators)}`
            : ''
        }
      </article>`,
  );
  return html`<section aria-labelledby="h-submissions">
    <h2 id="h-submissions">${v.t.submissions}</h2>
    ${items}
  </section>`;
}

export function recipientList(v: View, recipients: LadderView['sent'][number]['recipients']): Html {
  return html`<ul class="plain">
    ${recipients.map(
      (r) =>
        html`<li>
          ${r.email}${r.copy ? html` (${v.t.copy})` : ''}
          <small>– ${v.t.deliveries[r.delivery] ?? r.delivery}</small>
        </li>`,
    )}
  </ul>`;
}
