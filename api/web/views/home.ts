// The home page, by what the person is: the labour office's queue first (what needs it
// today), then its following links; an agency's overdue, due-soon, led and coordinated duties,
// a page of each at a time; a coordinator's tools.
import type { Home, HomeDuty } from '../../../use-cases/tracking.ts';
import { html, path, type Html } from '../html.ts';
import { deadlineCell, page, say, statusBadge, table, type Flash, type View } from '../layout.ts';
import { queueSection, type QueueData } from './home-queue.ts';
import { paged, pager, qs } from './tracking-parts.ts';

export const AGENCY_PAGE = 10;

/** The page of each list, from the address. */
export type HomePages = QueueData['pages'] & { od: number; soon: number; lead: number; co: number };

export interface HomePageData {
  home: Home;
  pages: HomePages;
  dueSoonDays: number;
  flash?: Flash | undefined;
}

function dutyTable(v: View, caption: string, rows: HomeDuty[]): Html {
  return html`<div class="sticky-first">
    ${table(
      caption,
      [v.t.duty, v.t.period, v.t.lead, v.t.status, v.t.deadline],
      rows.map((d) => [
        html`<a href="${path('/duties', d.id)}">${d.title}</a>`,
        v.t.periodName(d.period),
        d.leadName,
        statusBadge(v, d.status),
        deadlineCell(v, d),
      ]),
      v.t.nothing,
    )}
  </div>`;
}

const hrefOf = (pages: HomePages, over: Partial<HomePages>): string => {
  const all = { ...pages, ...over };
  const s = qs(Object.fromEntries(Object.entries(all).map(([k, n]) => [k, n > 1 ? n : undefined])));
  return s ? `/?${s}` : '/';
};

function agencySections(v: View, d: HomePageData): Html {
  const a = d.home.agency;
  if (!a) return html``;
  const part = (
    id: string,
    title: string,
    rows: HomeDuty[],
    key: 'od' | 'soon' | 'lead' | 'co',
  ): Html => {
    const p = paged(rows, d.pages[key], AGENCY_PAGE);
    return html`<section aria-labelledby="${id}">
      <h2 id="${id}">${title}</h2>
      ${dutyTable(v, title, p.rows)} ${pager(v, p, (n) => hrefOf(d.pages, { [key]: n }), title)}
    </section>`;
  };
  return html`${part('h-overdue', v.t.overdue, a.overdue, 'od')}
  ${part('h-soon', v.t.dueSoon(d.dueSoonDays), a.soon, 'soon')}
  ${part('h-lead', v.t.asLead, a.lead, 'lead')}
  ${part('h-coord', v.t.asCoordinating, a.coordinating, 'co')}`;
}

function following(v: View): Html {
  return html`<section aria-labelledby="h-follow">
    <h2 id="h-follow">${say(v, 'tracking.home.follow', {})}</h2>
    <ul class="links">
      <li><a href="/tracking/matrix">${v.t.matrixTitle}</a></li>
      <li><a href="/tracking/overdue">${v.t.overdueTitle}</a></li>
      <li><a href="/tracking/due-soon">${v.t.dueSoonTitle}</a></li>
    </ul>
  </section>`;
}

export function homePage(v: View, d: HomePageData): string {
  const { home } = d;
  const sections: Html[] = [];
  if (home.standing) {
    sections.push(queueSection(v, { ...home.standing, pages: d.pages }), following(v));
  }
  if (home.agency) sections.push(agencySections(v, d));
  if (home.coordinator || home.viewer) {
    sections.push(
      html`<section aria-labelledby="h-coordination">
        <h2 id="h-coordination">${v.t.coordinatorTools}</h2>
        <ul class="links">
          <li><a href="/plans">${v.t.navPlans}</a></li>
          <li><a href="/tracking/matrix">${v.t.matrixTitle}</a></li>
          <li><a href="/directory">${v.t.navDirectory}</a></li>
          ${
            home.coordinator
              ? html`<li><a href="/duties/new">${say(v, 'duty-pages.new-link', {})}</a></li>
                  <li><a href="/users">${v.t.navUsers}</a></li>`
              : ''
          }
        </ul>
      </section>`,
    );
  }
  if (sections.length === 0) sections.push(html`<p>${v.t.noRoleYet}</p>`);
  return page(v, { title: v.t.homeTitle, body: sections, flash: d.flash });
}
