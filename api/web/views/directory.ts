// The directory page: agencies or localities by level, filtered, a page at a time (a province's
// directory has hundreds), each marked when retired or merged; coordinators add an agency here
// and open one to rename, merge or retire it.
import type {
  AgencyItem,
  Choice,
  DirectoryList,
  DirectoryQuery,
  LocalityItem,
} from '../../../use-cases/directory.ts';
import { html, path, type Html, type HtmlValue } from '../html.ts';
import { csrfField, date, levelName, say, table, type View } from '../layout.ts';
import { qs } from './tracking-parts.ts';

/** "Đang hoạt động", "Ngừng hoạt động từ …" or "Đã sáp nhập vào … ngày …" (with its link). */
export function statusCell(
  v: View,
  item: { retiredAt?: string; mergedAt?: string; mergedInto?: { id: string; name: string } },
  kind: 'agencies' | 'localities',
): Html {
  if (item.mergedInto) {
    const at = date(item.mergedAt ?? item.retiredAt ?? '');
    const [before, after] = say(v, 'directory.merged-into', { into: '\u0000', date: at }).split(
      '\u0000',
    );
    return html`<span class="dir-mark dir-merged"
      >${before}<a href="${path(`/directory/${kind}`, item.mergedInto.id)}"
        >${item.mergedInto.name}</a
      >${after}</span
    >`;
  }
  if (item.retiredAt)
    return html`<span class="dir-mark dir-retired"
      >${say(v, 'directory.retired-on', { date: date(item.retiredAt) })}</span
    >`;
  return html`${say(v, 'directory.active', {})}`;
}

/** Rows grouped under a heading per level, from the top level down, as the list is ordered. */
function byLevel<T extends { level: string }>(
  v: View,
  items: readonly T[],
  render: (caption: string, rows: readonly T[]) => Html,
): Html[] {
  const groups: [string, T[]][] = [];
  for (const item of items) {
    const last = groups.at(-1);
    if (last && last[0] === item.level) last[1].push(item);
    else groups.push([item.level, [item]]);
  }
  return groups.map(
    ([level, rows]) =>
      html`<h2>${levelName(v, level)}</h2>
        ${render(levelName(v, level), rows)}`,
  );
}

export function agencyTable(v: View, caption: string, rows: readonly AgencyItem[]): Html {
  return html`<div class="dir-table dir-agencies sticky-first">
    ${table(
      caption,
      [v.t.agency, v.t.locality, v.t.head, say(v, 'directory.status', {})],
      rows.map((a) => [
        html`<a href="${path('/directory/agencies', a.id)}">${a.name}</a>${
            a.isCommune ? html` <span class="tag">${v.t.commune}</span>` : ''
          }`,
        a.localityName,
        html`${a.head.name}<br /><small>${a.head.email}</small>`,
        statusCell(v, a, 'agencies'),
      ]),
      say(v, 'directory.none-found', {}),
      { captionHidden: true },
    )}
  </div>`;
}

export function localityTable(v: View, caption: string, rows: readonly LocalityItem[]): Html {
  return html`<div class="dir-table sticky-first">
    ${table(
      caption,
      [
        v.t.locality,
        say(v, 'directory.parent', {}),
        say(v, 'directory.tab-agencies', {}),
        say(v, 'directory.status', {}),
      ],
      rows.map((l) => [
        html`<a href="${path('/directory/localities', l.id)}">${l.name}</a>`,
        l.parentName ?? '',
        String(l.agencies),
        statusCell(v, l, 'localities'),
      ]),
      say(v, 'directory.none-found', {}),
      { captionHidden: true },
    )}
  </div>`;
}

/** Options grouped by level (an optgroup each), from the top down, as the choices come. */
export function choiceOptions(v: View, choices: readonly Choice[], selected = ''): Html[] {
  const groups = new Map<string, Choice[]>();
  for (const c of choices) groups.set(c.level, [...(groups.get(c.level) ?? []), c]);
  return [...groups].map(
    ([level, list]) =>
      html`<optgroup label="${levelName(v, level)}">
        ${list.map(
          (c) =>
            html`<option value="${c.id}" ${c.id === selected ? 'selected' : ''}>
              ${c.name}${c.place ? ` – ${c.place}` : ''}
            </option>`,
        )}
      </optgroup>`,
  );
}

const href = (q: DirectoryQuery, change: Partial<DirectoryQuery>): string => {
  const next = { ...q, ...change };
  const query = qs({
    tab: next.tab === 'agencies' ? undefined : next.tab,
    q: next.q,
    level: next.level,
    show: next.show === 'all' ? undefined : next.show,
    page: next.page > 1 ? next.page : undefined,
  });
  return query ? `/directory?${query}` : '/directory';
};

function filters(v: View, d: DirectoryList): Html {
  const q = d.query;
  const opt = (value: string, label: string, current: string) =>
    html`<option value="${value}" ${value === current ? 'selected' : ''}>${label}</option>`;
  return html`<form method="get" action="/directory" class="filters">
    <input type="hidden" name="tab" value="${q.tab}" />
    <div>
      <label for="dir-q">${say(v, 'directory.search', {})}</label>
      <input id="dir-q" name="q" type="search" value="${q.q}" maxlength="100" />
    </div>
    <div>
      <label for="dir-level">${say(v, 'directory.level', {})}</label>
      <select id="dir-level" name="level">
        ${opt('', say(v, 'directory.all-levels', {}), q.level)}
        ${d.levels.map((l) => opt(l, levelName(v, l), q.level))}
      </select>
    </div>
    <div>
      <label for="dir-show">${say(v, 'directory.show', {})}</label>
      <select id="dir-show" name="show">
        ${opt('all', say(v, 'directory.show-all', {}), q.show)}
        ${opt('active', say(v, 'directory.show-active', {}), q.show)}
        ${opt('retired', say(v, 'directory.show-retired', {}), q.show)}
      </select>
    </div>
    <div><button type="submit">${say(v, 'directory.filter', {})}</button></div>
  </form>`;
}

function pager(v: View, d: DirectoryList): HtmlValue {
  if (d.pages <= 1) return '';
  const { page } = d.query;
  return html`<nav class="pager" aria-label="${say(v, 'directory.pages', {})}">
    ${
      page > 1
        ? html`<a href="${href(d.query, { page: page - 1 })}" rel="prev"
            >${say(v, 'directory.previous', {})}</a
          >`
        : ''
    }
    <span aria-current="page">${say(v, 'directory.page-of', { page, pages: d.pages })}</span>
    ${
      page < d.pages
        ? html`<a href="${href(d.query, { page: page + 1 })}" rel="next"
            >${say(v, 'directory.next', {})}</a
          >`
        : ''
    }
  </nav>`;
}

/** Name, other names, level, locality, commune or not, head and focal points. */
export function agencyFields(
  v: View,
  d: {
    prefix: string;
    entry?: {
      name: string;
      shortNames: string[];
      level: string;
      localityId: string;
      isCommune: boolean;
      head: { name: string; email: string };
      focalPoints: { name: string; email: string }[];
    };
    levels: readonly string[];
    localityChoices: readonly Choice[];
  },
): Html {
  const e = d.entry;
  const id = (name: string) => `${d.prefix}-${name}`;
  return html`<label for="${id('name')}">${say(v, 'directory.name', {})}</label>
    <input id="${id('name')}" name="name" required maxlength="300" value="${e?.name ?? ''}" />
    <label for="${id('short')}">${say(v, 'directory.short-names', {})}</label>
    <textarea id="${id('short')}" name="shortNames" rows="3">
${e?.shortNames.join('\n') ?? ''}</textarea>
    <label for="${id('level')}">${say(v, 'directory.level', {})}</label>
    <select id="${id('level')}" name="level" required>
      ${d.levels.map(
        (l) =>
          html`<option value="${l}" ${l === (e?.level ?? 'district') ? 'selected' : ''}>
            ${levelName(v, l)}
          </option>`,
      )}
    </select>
    <label for="${id('locality')}">${v.t.locality}</label>
    <select id="${id('locality')}" name="localityId" required>
      <option value="">${say(v, 'directory.choose', {})}</option>
      ${choiceOptions(v, d.localityChoices, e?.localityId)}
    </select>
    <label class="choice"
      ><input type="checkbox" name="isCommune" value="1" ${e?.isCommune ? 'checked' : ''} />
      ${say(v, 'directory.is-commune', {})}</label
    >
    <label for="${id('head')}">${say(v, 'directory.head-name', {})}</label>
    <input
      id="${id('head')}"
      name="headName"
      required
      maxlength="200"
      value="${e?.head.name ?? ''}"
    />
    <label for="${id('email')}">${say(v, 'directory.head-email', {})}</label>
    <input
      id="${id('email')}"
      name="headEmail"
      type="email"
      required
      maxlength="254"
      value="${e?.head.email ?? ''}"
    />
    <label for="${id('focal')}">${say(v, 'directory.focal-points-field', {})}</label>
    <textarea id="${id('focal')}" name="focalPoints" rows="3">
${e?.focalPoints.map((c) => `${c.name}, ${c.email}`).join('\n') ?? ''}</textarea>`;
}

export function directoryListView(v: View, d: DirectoryList): Html {
  const q = d.query;
  const tab = (t: DirectoryQuery['tab'], label: string) =>
    html`<a
      href="${href(q, { tab: t, page: 1, level: '' })}"
      ${q.tab === t ? html`aria-current="page"` : ''}
      >${label}</a
    >`;
  const from = d.total === 0 ? 0 : (q.page - 1) * d.pageSize + 1;
  const to = Math.min(d.total, q.page * d.pageSize);
  const countCode =
    q.tab === 'agencies' ? 'directory.count-agencies' : 'directory.count-localities';
  const list =
    q.tab === 'agencies'
      ? byLevel(v, d.agencies, (caption, rows) => agencyTable(v, caption, rows))
      : byLevel(v, d.localities, (caption, rows) => localityTable(v, caption, rows));
  const addForm =
    d.canEdit && q.tab === 'agencies'
      ? html`<details class="card dir-add">
          <summary>${say(v, 'directory.add-agency', {})}</summary>
          <form method="post" action="/directory/agencies" class="stack">
            ${csrfField(v)}
            ${agencyFields(v, {
              prefix: 'add',
              levels: d.levels.length > 0 ? d.levels : ['province', 'district', 'commune'],
              localityChoices: d.localityChoices,
            })}
            <button type="submit">${say(v, 'directory.add-agency', {})}</button>
          </form>
        </details>`
      : '';
  return html`<nav class="tabs" aria-label="${v.t.directoryTitle}">
      ${tab('agencies', say(v, 'directory.tab-agencies', {}))}
      ${tab('localities', say(v, 'directory.tab-localities', {}))}
    </nav>
    ${d.canEdit ? '' : html`<p class="note">${say(v, 'directory.read-only', {})}</p>`} ${addForm}
    ${filters(v, d)}
    <p class="dir-count">${say(v, countCode, { from, to, total: d.total })}</p>
    ${d.total === 0 ? html`<p class="empty">${say(v, 'directory.none-found', {})}</p>` : list}
    ${pager(v, d)}`;
}
