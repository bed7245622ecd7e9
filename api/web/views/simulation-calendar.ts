// The simulated year as a calendar: messages per agency and month (a wide table that scrolls
// inside its frame on a phone, agency names fixed), one month as weeks of days with their
// counts, and the chosen day's messages: when, what kind, about which duty, to whom.
import { formatDate, localInstant } from '../../../domain/local-time.ts';
import type {
  CalendarMonth,
  DayMessage,
  SimulationCalendar,
} from '../../../use-cases/simulation-calendar.ts';
import type { SimulationJob } from '../../../use-cases/simulation.ts';
import { html, path, type Html } from '../html.ts';
import { say, type View } from '../layout.ts';

export const jobPath = (id: string): string => path('/simulations', id);

/** A share or an average as people write it: "0,2" in Vietnamese, "0.2" in English. */
export const decimal = (v: View, n: number): string =>
  new Intl.NumberFormat(v.lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 }).format(
    n,
  );

/** dd/mm/yyyy of a local yyyy-mm-dd. */
export const dayDate = (key: string): string => {
  const [y = 2000, m = 1, d = 1] = key.split('-').map(Number);
  return formatDate(localInstant(y, m, d));
};

const pad = (n: number): string => String(n).padStart(2, '0');
const monthLabel = (m: CalendarMonth): string => `${pad(m.month)}/${m.year}`;

/** What the page shows, as its query: a link changes one part and keeps the others. */
interface Shown {
  month?: string | undefined;
  day?: string | undefined;
  page?: number | undefined;
  agencies?: number | undefined;
}

function linkTo(job: SimulationJob, c: SimulationCalendar, over: Shown, anchor: string): string {
  const shown: Shown = {
    month: c.month.key,
    day: c.day?.key,
    agencies: c.agencyPage.page,
    ...over,
  };
  const q = new URLSearchParams();
  // A day names its month; page 1 is the default.
  if (shown.day) q.set('day', shown.day);
  else if (shown.month) q.set('month', shown.month);
  if (shown.day && shown.page && shown.page > 1) q.set('page', String(shown.page));
  if (shown.agencies && shown.agencies > 1) q.set('agencies', String(shown.agencies));
  return `${jobPath(job.id)}?${q.toString()}#${anchor}`;
}

function agencyGrid(v: View, job: SimulationJob, c: SimulationCalendar): Html {
  if (c.agencies.length === 0)
    return html`<p class="empty">${say(v, 'simulation.calendar.none', {})}</p>`;
  const cell = (n: number, chosen: boolean) =>
    html`<td class="num${chosen ? ' chosen' : ''}">${n > 0 ? String(n) : ''}</td>`;
  const total = c.months.reduce((a, m) => a + m.total, 0);
  return html`<div class="table-wrap sim-grid">
      <table>
        <caption class="visually-hidden">
          ${say(v, 'simulation.calendar.caption', {})}
        </caption>
        <thead>
          <tr>
            <th scope="col">${say(v, 'simulation.calendar.agency', {})}</th>
            ${c.months.map(
              (m) =>
                html`<th scope="col" class="num${m.key === c.month.key ? ' chosen' : ''}">
                  <a
                    href="${linkTo(job, c, { month: m.key, day: undefined }, 'h-sim-month')}"
                    aria-label="${say(v, 'simulation.month.heading', { month: m.month, year: m.year })}"
                    >${monthLabel(m)}</a
                  >
                </th>`,
            )}
            <th scope="col" class="num">${say(v, 'simulation.calendar.total', {})}</th>
          </tr>
        </thead>
        <tbody>
          ${c.agencies.map(
            (a) =>
              html`<tr>
                <th scope="row">${a.name}</th>
                ${a.counts.map((n, i) => cell(n, c.months[i]?.key === c.month.key))}
                <td class="num">${String(a.total)}</td>
              </tr>`,
          )}
          <tr class="total">
            <th scope="row">${say(v, 'simulation.calendar.all', {})}</th>
            ${c.months.map((m) => cell(m.total, m.key === c.month.key))}
            <td class="num">${String(total)}</td>
          </tr>
        </tbody>
      </table>
    </div>
    ${agencyPager(v, job, c)}`;
}

function agencyPager(v: View, job: SimulationJob, c: SimulationCalendar): Html {
  const { page, pages, total, from } = c.agencyPage;
  if (pages <= 1) return html``;
  return html`<p>
      ${say(v, 'simulation.agencies.page', { from, to: from + c.agencies.length - 1, total })}
    </p>
    <p class="buttons">
      ${
        page > 1
          ? html`<a href="${linkTo(job, c, { agencies: page - 1 }, 'h-sim-calendar')}"
              >${say(v, 'simulation.agencies.previous', {})}</a
            >`
          : ''
      }
      ${
        page < pages
          ? html`<a href="${linkTo(job, c, { agencies: page + 1 }, 'h-sim-calendar')}"
              >${say(v, 'simulation.agencies.next', {})}</a
            >`
          : ''
      }
    </p>`;
}

function monthView(v: View, job: SimulationJob, c: SimulationCalendar): Html {
  const at = c.months.findIndex((m) => m.key === c.month.key);
  const prev = c.months[at - 1];
  const next = c.months[at + 1];
  const weekdays = say(v, 'simulation.month.weekdays', {})
    .split(',')
    .map((w) => w.split('|') as [string, string]);
  const title = { month: c.month.month, year: c.month.year };
  return html`<section aria-labelledby="h-sim-month">
    <h2 id="h-sim-month">${say(v, 'simulation.month.heading', title)}</h2>
    <p class="buttons">
      ${prev ? html`<a href="${linkTo(job, c, { month: prev.key, day: undefined }, 'h-sim-month')}">${say(v, 'simulation.month.previous', {})}</a>` : ''}
      ${next ? html`<a href="${linkTo(job, c, { month: next.key, day: undefined }, 'h-sim-month')}">${say(v, 'simulation.month.next', {})}</a>` : ''}
    </p>
    <p class="note">${say(v, 'simulation.month.choose', {})}</p>
    <div class="table-wrap">
      <table class="sim-month">
        <caption class="visually-hidden">
          ${say(v, 'simulation.month.caption', title)}
        </caption>
        <thead>
          <tr>
            ${weekdays.map(([full, short]) => html`<th scope="col"><abbr title="${full}">${short}</abbr></th>`)}
          </tr>
        </thead>
        <tbody>
          ${c.weeks.map(
            (week) =>
              html`<tr>
                ${week.map((d) =>
                  d
                    ? html`<td
                        class="${d.key === c.day?.key ? 'chosen' : d.count === 0 ? 'quiet' : ''}"
                      >
                        <a
                          href="${linkTo(job, c, { day: d.key, page: 1 }, 'h-sim-day')}"
                          aria-label="${say(v, 'simulation.day.link', { date: dayDate(d.key), n: d.count })}"
                          ${d.key === c.day?.key ? html`aria-current="date"` : ''}
                          ><span class="d">${String(d.day)}</span
                          ><span class="n">${d.count > 0 ? String(d.count) : ''}</span></a
                        >
                      </td>`
                    : html`<td></td>`,
                )}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </section>`;
}

function kindText(v: View, m: DayMessage): string {
  if (m.kind === 'digest') return say(v, 'simulation.day.digest', { agency: m.agency });
  return v.t.kinds[m.kind] ?? v.t.otherEvent;
}

function dayView(v: View, job: SimulationJob, c: SimulationCalendar): Html {
  const day = c.day;
  if (!day) return html``;
  const heading = say(v, 'simulation.day.heading', { date: dayDate(day.key) });
  if (day.total === 0) {
    return html`<section aria-labelledby="h-sim-day">
      <h2 id="h-sim-day">${heading}</h2>
      <p class="empty">${say(v, 'simulation.day.none', {})}</p>
    </section>`;
  }
  const pageLink = (page: number, label: string) =>
    html`<a href="${linkTo(job, c, { page }, 'h-sim-day')}">${label}</a>`;
  // A list, not a table: a message's readers are a paragraph, which a phone's narrow
  // columns would stretch over a screen.
  return html`<section aria-labelledby="h-sim-day">
    <h2 id="h-sim-day">${heading}</h2>
    <p>${say(v, 'simulation.day.page', { page: day.page, pages: day.pages, total: day.total })}</p>
    <ol class="sim-messages">
      ${day.messages.map(
        (m) =>
          html`<li>
            <p>
              <strong><time>${m.time}</time> · ${kindText(v, m)}</strong>
              ${m.duty ? html`<br />${m.duty.title} – ${v.t.periodName(m.duty.period)}` : ''}
              ${m.duty && m.agency ? html`<br /><span class="note">${m.agency}</span>` : ''}
            </p>
            <p class="sim-to">
              ${say(v, 'simulation.day.to', {})}:
              ${m.recipients.map(
                (r, i) =>
                  // The agency is said once when the message is about its own duty.
                  html`${i > 0 ? '; ' : ''}${r.name}${
                    r.agency && r.agency !== m.agency
                      ? html` <span class="note">(${r.agency})</span>`
                      : ''
                  }`,
              )}
            </p>
          </li>`,
      )}
    </ol>
    ${
      day.pages > 1
        ? html`<p class="buttons">
            ${day.page > 1 ? pageLink(day.page - 1, say(v, 'simulation.day.previous', {})) : ''}
            ${day.page < day.pages ? pageLink(day.page + 1, say(v, 'simulation.day.next', {})) : ''}
          </p>`
        : ''
    }
  </section>`;
}

export function simulationCalendarView(v: View, job: SimulationJob, c: SimulationCalendar): Html {
  return html`<section aria-labelledby="h-sim-calendar">
      <h2 id="h-sim-calendar">${say(v, 'simulation.calendar.heading', {})}</h2>
      <p class="note">${say(v, 'simulation.calendar.intro', {})}</p>
      ${agencyGrid(v, job, c)}
    </section>
    ${monthView(v, job, c)} ${dayView(v, job, c)}`;
}
