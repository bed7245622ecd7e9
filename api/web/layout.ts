// The page frame (skip link, header, language switch, sign-out) and the small pieces every
// page uses: status badges, deadlines with the original beside an extended one, tables.
import type { Request, Response } from 'express';
import type { DutyStatus } from '../../common/duty-state.ts';
import { dueLine, lastAllowedDay, timeLeftPhrase } from '../../domain/email.ts';
import { formatDate, formatDateTime } from '../../domain/local-time.ts';
import { principalOf, rolesOf, type Principal } from '../principal.ts';
import {
  cookiesOf,
  newPreSessionValue,
  PRE_SESSION_COOKIE,
  preSessionCsrf,
  setCookie,
} from '../session.ts';
import { render, type MessageCode, type ParamsOf } from '../../i18n/index.ts';
import { html, type Html, type HtmlValue } from './html.ts';
import { langOf, stringsFor, type Lang, type Strings } from './i18n.ts';

/** What a handler needs to render: language, words, who is asking and the form token. */
export interface View {
  lang: Lang;
  t: Strings;
  principal: Principal | undefined;
  csrf: string;
  /** The page's own path and query, for "come back here" after the language switch. */
  here: string;
  nowMs: number;
}

/**
 * The view of this request. Before sign-in, forms are keyed by a random `pre` cookie, set
 * here the first time a page is shown.
 */
export function viewOf(
  req: Request,
  res: Response,
  opts: { secret: string; secure: boolean },
): View {
  const lang = langOf(req);
  const principal = principalOf(res);
  let csrf = principal?.session?.csrfToken ?? '';
  if (!principal?.session) {
    let pre = cookiesOf(req)[PRE_SESSION_COOKIE];
    if (pre === undefined || !/^[A-Za-z0-9_-]{32}$/.test(pre)) {
      pre = newPreSessionValue();
      setCookie(res, PRE_SESSION_COOKIE, pre, { secure: opts.secure });
    }
    csrf = preSessionCsrf(opts.secret, pre);
  }
  return { lang, t: stringsFor(lang), principal, csrf, here: req.originalUrl, nowMs: Date.now() };
}

/** A catalogue message (i18n/) in the page's language: the words of pages built since issue 14. */
export const say = <C extends MessageCode>(v: View, code: C, params: ParamsOf<C>): string =>
  render(code, params, v.lang);

export const csrfField = (v: View): Html =>
  html`<input type="hidden" name="_csrf" value="${v.csrf}" />`;

export type Flash = { kind: 'ok' | 'error'; text: string; items?: string[] };

function header(v: View): Html {
  const p = v.principal;
  const nav: [string, string][] = [];
  if (p) nav.push(['/', v.t.navHome]);
  if (p && (p.coordinator || p.viewer || p.standingPlanIds.length > 0))
    nav.push(['/plans', v.t.navPlans]);
  if (p && (p.coordinator || p.viewer || p.standingPlanIds.length > 0))
    nav.push(['/tracking/matrix', v.t.navTracking]);
  if (p && (p.coordinator || p.viewer)) nav.push(['/directory', v.t.navDirectory]);
  if (p?.coordinator) nav.push(['/users', v.t.navUsers]);
  if (p) nav.push(['/calendar', v.t.navCalendar]);
  if (p?.session) nav.push(['/settings', v.t.navSettings]);
  const switchHref = `/lang/${v.t.switchLang}?next=${encodeURIComponent(v.here)}`;
  return html`<header class="site">
    <div class="wrap bar">
      <a class="brand" href="/">${v.t.appName}</a>
      ${
        nav.length > 0
          ? html`<nav aria-label="${v.t.appName}">
              <ul>
                ${nav.map(([href, label]) => html`<li><a href="${href}">${label}</a></li>`)}
              </ul>
            </nav>`
          : ''
      }
      <div class="who">
        ${
          p
            ? html`<span
                  >${v.t.signedInAs(p.name)}${
                    rolesOf(p).length > 0
                      ? html` <span class="roles"
                          >(${rolesOf(p)
                            .map((r) => v.t.roles[r])
                            .join(', ')})</span
                        >`
                      : ''
                  }</span
                >
                ${
                  p.session
                    ? html`<form method="post" action="/sign-out" class="inline">
                        ${csrfField(v)} <button type="submit" class="link">${v.t.signOut}</button>
                      </form>`
                    : ''
                }`
            : ''
        }
        <a href="${switchHref}" hreflang="${v.t.switchLang}" lang="${v.t.switchLang}"
          >${v.t.switchTo}</a
        >
      </div>
    </div>
  </header>`;
}

export function flashBox(flash: Flash | undefined): Html {
  if (!flash) return html``;
  return html`<div
    class="flash flash-${flash.kind}"
    role="${flash.kind === 'error' ? 'alert' : 'status'}"
  >
    <p>${flash.text}</p>
    ${
      flash.items && flash.items.length > 0
        ? html`<ul>
            ${flash.items.map((i) => html`<li>${i}</li>`)}
          </ul>`
        : ''
    }
  </div>`;
}

export function page(
  v: View,
  opts: {
    title: string;
    body: HtmlValue;
    flash?: Flash | undefined;
    crumbs?: [string, string][];
    /** Seconds after which the page reloads itself (a cycle still starting its duties). */
    refreshSeconds?: number;
  },
): string {
  return html`<!doctype html>
    <html lang="${v.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${opts.title} – ${v.t.appName}</title>
        ${
          opts.refreshSeconds
            ? html`<meta http-equiv="refresh" content="${opts.refreshSeconds}" />`
            : ''
        }
        <link rel="stylesheet" href="/static/app.css" />
        <link rel="stylesheet" href="/static/tracks.css" />
        <script src="/static/app.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">${v.t.skip}</a>
        ${header(v)}
        <main id="main" tabindex="-1">
          <div class="wrap">
            ${
              opts.crumbs && opts.crumbs.length > 0
                ? html`<nav class="crumbs" aria-label="breadcrumb">
                    <ol>
                      ${opts.crumbs.map(
                        ([href, label]) => html`<li><a href="${href}">${label}</a></li>`,
                      )}
                    </ol>
                  </nav>`
                : ''
            }
            ${flashBox(opts.flash)}
            <h1>${opts.title}</h1>
            ${opts.body}
          </div>
        </main>
      </body>
    </html>`.value;
}

export const statusBadge = (v: View, status: string): Html =>
  html`<span class="status status-${status}"
    >${v.t.statuses[status as DutyStatus] ?? status}</span
  >`;

export const date = (iso: string): string => formatDate(Date.parse(iso));
export const dateTime = (iso: string): string => formatDateTime(Date.parse(iso));

/**
 * A deadline the one way every page and message says it: "Hạn: 19/06/2026", the last day
 * allowed (domain/email.ts dueLine), with the plan's own words beside it when given.
 */
export const dueText = (v: View, due: string | number, phrase?: string): Html =>
  html`<span class="due"
    >${dueLine(typeof due === 'number' ? due : Date.parse(due), v.lang, phrase)}</span
  >`;

/** "Hạn: 19/06/2026 (còn 5 ngày)", and the original deadline when it was extended. */
export function deadlineCell(
  v: View,
  d: { dueAt: string; originalDueAt: string; status: string; timePhrase?: string | undefined },
): Html {
  const due = Date.parse(d.dueAt);
  const open = ['assigned', 'acknowledged', 'returned', 'overdue'].includes(d.status);
  const extended = d.originalDueAt !== d.dueAt;
  const plan = d.timePhrase ? ` (${v.t.byPlan(d.timePhrase)})` : '';
  const original = `${v.t.originalDeadline}: ${lastAllowedDay(Date.parse(d.originalDueAt))}${plan}`;
  return html`${dueText(v, due, extended ? undefined : d.timePhrase)}${
    open
      ? html` <span class="left${due <= v.nowMs ? ' late' : ''}"
          >(${timeLeftPhrase(due, v.nowMs, v.lang)})</span
        >`
      : ''
  }${extended ? html`<br /><span class="original">${original}</span>` : ''}`;
}

/** "Cấp xã" for a directory level ("commune"). */
export const levelName = (v: View, level: string): string => v.t.levels[level] ?? v.t.otherLevel;

/** Directory levels from the top down, for lists grouped by level. */
export const LEVEL_ORDER = ['province', 'district', 'commune'];
export const levelRank = (level: string): number => {
  const i = LEVEL_ORDER.indexOf(level);
  return i < 0 ? LEVEL_ORDER.length : i;
};

export function table(
  caption: string,
  head: string[],
  rows: HtmlValue[][],
  empty: string,
  opts: { captionHidden?: boolean } = {},
): Html {
  if (rows.length === 0) return html`<p class="empty">${empty}</p>`;
  return html`<div class="table-wrap"><table>
<caption${opts.captionHidden ? html` class="visually-hidden"` : ''}>${caption}</caption>
<thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${rows.map(
    (r) =>
      html`<tr>
        ${r.map((c) => html`<td>${c}</td>`)}
      </tr>`,
  )}</tbody>
</table></div>`;
}

/** A definition list of label → value pairs, skipping empty values. */
export function facts(rows: [string, HtmlValue][]): Html {
  return html`<dl class="facts">
    ${rows
      .filter(([, value]) => value !== undefined && value !== '')
      .map(
        ([k, value]) =>
          html`<dt>${k}</dt>
            <dd>${value}</dd>`,
      )}
  </dl>`;
}
