// Pieces the tracking pages and the home page share: a category in its colour and its word
// with its marks, the legend, the tabs, the export links, a pager, and select options.
import { markText, TRACK_LABELS, type Mark, type Track } from '../../../domain/tracking.ts';
import { percentText, type TrendPoint } from '../../../domain/tracking-trend.ts';
import { html, type Html } from '../html.ts';
import { say, type View } from '../layout.ts';

/** A query string of the values given, empty ones left out. */
export const qs = (values: Record<string, string | number | boolean | undefined>): string =>
  new URLSearchParams(
    Object.entries(values).flatMap(([k, value]) =>
      value === undefined || value === '' || value === false
        ? []
        : [[k, value === true ? '1' : String(value)] as [string, string]],
    ),
  ).toString();

/** The category in its colour and its word, with the marks (extended, returned…) beside it. */
export const trackBadge = (v: View, track: Track, marks: readonly Mark[] = []): Html =>
  html`<span class="track track-${track}" data-track="${track}">${TRACK_LABELS[v.lang][track]}</span
    >${marks.length > 0 ? html` <span class="marks">(${markText(marks, v.lang)})</span>` : ''}`;

export function legend(v: View, tracks: readonly Track[]): Html {
  return html`<p class="legend">
    <span>${v.t.legend}:</span>
    ${tracks.map((t) => html`${trackBadge(v, t)} `)}
  </p>`;
}

/** "66,7% (2/3)", or a dash when nothing is owed yet. */
export const rateText = (v: View, p: TrendPoint): string =>
  p.rate === null
    ? '—'
    : say(v, 'tracking.grid.rate', {
        rate: percentText(p.rate, v.lang),
        onTime: p.onTime,
        expected: p.expected,
      });

export const option = (value: string, label: string, selected: boolean): Html =>
  html`<option value="${value}" ${selected ? html`selected` : ''}>${label}</option>`;

export const tabs = (v: View, planId: string | undefined): Html => {
  const q = planId ? `?${qs({ planId })}` : '';
  return html`<nav class="tabs" aria-label="${v.t.navTracking}">
    <a href="/tracking/matrix${q}">${v.t.matrixTitle}</a>
    <a href="/tracking/overdue${q}">${v.t.overdueTitle}</a>
    <a href="/tracking/due-soon${q}">${v.t.dueSoonTitle}</a>
  </nav>`;
};

export const exportLinks = (v: View, base: string, query: string): Html =>
  html`<p class="exports">
    <a href="${base}.xlsx?${query}" download>${v.t.exportXlsx}</a> ·
    <a href="${base}.csv?${query}" download>${v.t.exportCsv}</a>
  </p>`;

/** A page of a list: its rows and the links to the pages beside it. */
export interface Paged<T> {
  rows: T[];
  page: number;
  pages: number;
  total: number;
  size: number;
}

export function paged<T>(all: readonly T[], page: number, size: number): Paged<T> {
  const pages = Math.max(1, Math.ceil(all.length / size));
  const p = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  return { rows: all.slice((p - 1) * size, p * size), page: p, pages, total: all.length, size };
}

/**
 * "1–20 trong tổng số 45", and the previous and next pages as links: `href(n)` makes the
 * address of page n. Nothing when everything fits on one page.
 */
export function pager(
  v: View,
  p: { page: number; pages: number; total: number; size: number },
  href: (page: number) => string,
  what: string,
): Html {
  if (p.pages <= 1) return html``;
  const from = (p.page - 1) * p.size + 1;
  const to = Math.min(p.total, p.page * p.size);
  return html`<nav class="pager" aria-label="${say(v, 'tracking.page.label', { what })}">
    ${p.page > 1 ? html`<a href="${href(p.page - 1)}">${say(v, 'tracking.page.prev', {})}</a>` : ''}
    <span>${say(v, 'tracking.page.range', { from, to, total: p.total })}</span>
    ${
      p.page < p.pages
        ? html`<a href="${href(p.page + 1)}">${say(v, 'tracking.page.next', {})}</a>`
        : ''
    }
  </nav>`;
}

/** A column of the grid in words, short enough for a phone: "Th. 5", "Quý II", "Năm 2025". */
export function columnLabel(v: View, key: string): string {
  const m = /^(\d{4})(?:-(H[12]|Q[1-4]|\d{2}))?$/.exec(key);
  if (!m) return v.t.periodName(key);
  const year = Number(m[1]);
  const part = m[2];
  if (part === undefined) return say(v, 'tracking.column.year', { year });
  if (part.startsWith('H')) return say(v, 'tracking.column.half', { half: Number(part[1]) });
  if (part.startsWith('Q')) {
    const q = Number(part[1]);
    return say(v, 'tracking.column.quarter', {
      quarter: v.lang === 'vi' ? (['I', 'II', 'III', 'IV'][q - 1] ?? String(q)) : String(q),
    });
  }
  return say(v, 'tracking.column.month', { month: Number(part) });
}
