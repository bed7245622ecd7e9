// The labour office's queue, first on its home page: products to accept or return, extension
// requests to decide, and overdue duties by days late (the latest first), each with the link
// or button that acts on it. Short items, a few per kind, so the first screen holds all three.
import type { ExtensionAsked, OverdueDuty, TrackedDuty } from '../../../db/tracking.ts';
import { dueLine } from '../../../domain/email.ts';
import { html, path, type Html } from '../html.ts';
import { csrfField, date, say, type View } from '../layout.ts';
import { paged, pager, qs, type Paged } from './tracking-parts.ts';

export const QUEUE_PAGE = 5;

export interface QueueData {
  review: TrackedDuty[];
  extensions: ExtensionAsked[];
  overdue: OverdueDuty[];
  /** The page of each kind, from the address (`?review=2`). */
  pages: { review: number; ext: number; late: number };
}

function item(d: TrackedDuty, meta: Html | string, action: Html, kind: string): Html {
  return html`<li data-kind="${kind}">
    <div class="what">
      <a class="title" href="${path('/duties', d.id)}">${d.title}</a>
      <span class="meta">${d.agencyName} · ${meta}</span>
    </div>
    <div class="act">${action}</div>
  </li>`;
}

function list<T>(v: View, p: Paged<T>, each: (row: T) => Html): Html {
  return p.total === 0
    ? html`<p class="empty">${say(v, 'tracking.home.nothing', {})}</p>`
    : html`<ul class="queue-list">
        ${p.rows.map(each)}
      </ul>`;
}

export function queueSection(v: View, q: QueueData): Html {
  const review = paged(q.review, q.pages.review, QUEUE_PAGE);
  const ext = paged(q.extensions, q.pages.ext, QUEUE_PAGE);
  const late = paged(q.overdue, q.pages.late, QUEUE_PAGE);
  const href = (over: Partial<QueueData['pages']>) => {
    const pages = { ...q.pages, ...over };
    const s = qs(
      Object.fromEntries(Object.entries(pages).map(([k, n]) => [k, n > 1 ? n : undefined])),
    );
    return s ? `/?${s}` : '/';
  };
  const actionLink = (d: TrackedDuty, text: string): Html =>
    html`<a class="button small" href="${path('/duties', d.id)}#h-actions"
      >${text}<span class="visually-hidden"> – ${d.title}</span></a
    >`;
  return html`<section aria-labelledby="h-standing" class="queue">
    <h2 id="h-standing">${say(v, 'tracking.home.queue', {})}</h2>
    <h3 id="h-q-review">${say(v, 'tracking.home.review', { n: q.review.length })}</h3>
    ${list(v, review, (d) =>
      item(
        d,
        say(v, 'tracking.home.submitted-at', {
          at: d.submittedAt ? date(d.submittedAt) : '',
        }),
        actionLink(d, say(v, 'tracking.home.review-action', {})),
        'review',
      ),
    )}
    ${pager(v, review, (n) => href({ review: n }), v.t.awaitingReview)}
    <h3 id="h-q-ext">${say(v, 'tracking.home.extensions', { n: q.extensions.length })}</h3>
    ${list(v, ext, (d) =>
      item(
        d,
        say(v, 'tracking.home.asked', {
          due: dueLine(Date.parse(d.request.newDueAt), v.lang),
          by: d.request.by,
        }),
        actionLink(d, say(v, 'tracking.home.extension-action', {})),
        'extension',
      ),
    )}
    ${pager(v, ext, (n) => href({ ext: n }), v.t.extensionRequests)}
    <h3 id="h-q-late">${say(v, 'tracking.home.overdue', { n: q.overdue.length })}</h3>
    ${list(v, late, (d) =>
      item(
        d,
        html`<strong class="late"
          >${say(v, 'tracking.home.days-late', { n: d.daysOverdue })}</strong
        >`,
        html`<form method="post" action="${path('/duties', d.id, 'urge')}" class="inline">
          ${csrfField(v)}<input type="hidden" name="back" value="${href({})}" />
          <button type="submit" class="secondary small">
            ${v.t.urge}<span class="visually-hidden"> – ${d.title}, ${d.agencyName}</span>
          </button>
        </form>`,
        'overdue',
      ),
    )}
    ${pager(v, late, (n) => href({ late: n }), v.t.overdue)}
    ${
      q.overdue.length > 0
        ? html`<p><a href="/tracking/overdue">${say(v, 'tracking.home.all-overdue', {})}</a></p>`
        : ''
    }
  </section>`;
}
