// One agency or one locality of the directory: what it is, where it went when merged, what was
// merged into it; for coordinators the forms that rename (edit), merge and retire it.
import type { AgencyPage, LocalityPage } from '../../../use-cases/directory.ts';
import { html, path, type Html } from '../html.ts';
import { csrfField, date, facts, levelName, say, type View } from '../layout.ts';
import { agencyFields, agencyTable, choiceOptions, statusCell } from './directory.ts';

function mergedHere(
  list: readonly { id: string; name: string; at: string }[],
  kind: 'agencies' | 'localities',
): Html | string {
  if (list.length === 0) return '';
  return html`<ul class="plain">
    ${list.map(
      (m) =>
        html`<li>
          <a href="${path(`/directory/${kind}`, m.id)}">${m.name}</a> (${m.at ? date(m.at) : ''})
        </li>`,
    )}
  </ul>`;
}

function mergeForm(
  v: View,
  d: { action: string; title: string; intro: string; candidates: AgencyPage['candidates'] },
): Html {
  return html`<section class="card" aria-labelledby="h-merge">
    <h2 id="h-merge">${d.title}</h2>
    <p>${d.intro}</p>
    <form method="post" action="${d.action}" class="stack">
      ${csrfField(v)}
      <label for="merge-into">${say(v, 'directory.merge-into', {})}</label>
      <select id="merge-into" name="into" required>
        <option value="">${say(v, 'directory.choose', {})}</option>
        ${choiceOptions(v, d.candidates)}
      </select>
      <button type="submit">${say(v, 'directory.merge', {})}</button>
    </form>
  </section>`;
}

function retireForm(v: View, d: { action: string; title: string; intro: string }): Html {
  return html`<section class="card" aria-labelledby="h-retire">
    <h2 id="h-retire">${d.title}</h2>
    <p>${d.intro}</p>
    <form method="post" action="${d.action}">
      ${csrfField(v)}
      <button type="submit" class="secondary">${d.title}</button>
    </form>
  </section>`;
}

/** Deleting outright: for an entry made by mistake, which nothing names yet. */
function deleteForm(v: View, d: { action: string; title: string; intro: string }): Html {
  return html`<details class="card">
    <summary>${d.title}</summary>
    <p>${d.intro}</p>
    <form method="post" action="${d.action}">
      ${csrfField(v)}
      <button type="submit" class="danger">${d.title}</button>
    </form>
  </details>`;
}

export function agencyView(v: View, d: AgencyPage): Html {
  const a = d.agency;
  const e = d.entry;
  const here = path('/directory/agencies', a.id);
  const editable = d.canEdit && !a.retiredAt;
  return html`${facts([
    [say(v, 'directory.name', {}), a.name],
    [say(v, 'directory.short-names', {}), e.shortNames.join('; ')],
    [v.t.level, levelName(v, a.level)],
    [
      v.t.locality,
      html`<a href="${path('/directory/localities', a.localityId)}">${a.localityName}</a>`,
    ],
    [v.t.head, html`${e.head.name}<br /><small>${e.head.email}</small>`],
    [
      v.t.focalPoints,
      e.focalPoints.length === 0
        ? ''
        : html`<ul class="plain">
            ${e.focalPoints.map((c) => html`<li>${c.name}<br /><small>${c.email}</small></li>`)}
          </ul>`,
    ],
    [say(v, 'directory.status', {}), statusCell(v, a, 'agencies')],
    [say(v, 'directory.merged-here', {}), mergedHere(d.mergedHere, 'agencies')],
  ])}
  ${a.isCommune ? html`<p><span class="tag">${say(v, 'directory.is-commune', {})}</span></p>` : ''}
  ${d.canEdit ? '' : html`<p class="note">${say(v, 'directory.read-only', {})}</p>`}
  ${
    editable
      ? html`<section class="card" aria-labelledby="h-edit">
          <h2 id="h-edit">${say(v, 'directory.edit-agency', {})}</h2>
          <form method="post" action="${here}" class="stack">
            ${csrfField(v)}
            ${agencyFields(v, {
              prefix: 'edit',
              entry: e,
              levels: d.levels,
              localityChoices: d.localityChoices,
            })}
            <button type="submit">${say(v, 'directory.save', {})}</button>
          </form>
        </section>`
      : ''
  }
  ${
    d.canEdit && !a.mergedInto && d.candidates.length > 0
      ? mergeForm(v, {
          action: `${here}/merge`,
          title: say(v, 'directory.merge-agency', {}),
          intro: say(v, 'directory.merge-agency-intro', {}),
          candidates: d.candidates,
        })
      : ''
  }
  ${
    editable
      ? retireForm(v, {
          action: `${here}/retire`,
          title: say(v, 'directory.retire-agency', {}),
          intro: say(v, 'directory.retire-agency-intro', {}),
        })
      : ''
  }
  ${
    editable
      ? deleteForm(v, {
          action: `${here}/delete`,
          title: say(v, 'directory.delete-agency', {}),
          intro: say(v, 'directory.delete-intro', {}),
        })
      : ''
  }`;
}

export function localityView(v: View, d: LocalityPage): Html {
  const l = d.locality;
  const here = path('/directory/localities', l.id);
  return html`${facts([
      [v.t.locality, l.name],
      [v.t.level, levelName(v, l.level)],
      [say(v, 'directory.parent', {}), l.parentName ?? ''],
      [say(v, 'directory.status', {}), statusCell(v, l, 'localities')],
      [say(v, 'directory.merged-here', {}), mergedHere(d.mergedHere, 'localities')],
    ])}
    ${d.canEdit ? '' : html`<p class="note">${say(v, 'directory.read-only', {})}</p>`}
    <h2>${say(v, 'directory.agencies-here', {})}</h2>
    ${agencyTable(v, say(v, 'directory.agencies-here', {}), d.agencies)}
    ${
      d.canEdit && !l.mergedInto && d.candidates.length > 0
        ? mergeForm(v, {
            action: `${here}/merge`,
            title: say(v, 'directory.merge-locality', {}),
            intro: say(v, 'directory.merge-locality-intro', {}),
            candidates: d.candidates,
          })
        : ''
    }
    ${
      d.canEdit && !l.retiredAt
        ? retireForm(v, {
            action: `${here}/retire`,
            title: say(v, 'directory.retire-locality', {}),
            intro: say(v, 'directory.retire-locality-intro', {}),
          })
        : ''
    }
    ${
      d.canEdit && !l.retiredAt
        ? deleteForm(v, {
            action: `${here}/delete`,
            title: say(v, 'directory.delete-locality', {}),
            intro: say(v, 'directory.delete-intro', {}),
          })
        : ''
    }`;
}
