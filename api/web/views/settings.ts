// The settings page: reminders before deadlines on or off (per person), single messages or a
// daily digest (per agency, set by its own people), and the agency's calendar feed at a secret
// URL shown once when made.
import { html, path, type Html } from '../html.ts';
import { csrfField, page, type Flash, type View } from '../layout.ts';

export interface SettingsData {
  /** Empty for a script (the API token), which has no reminders of its own. */
  email: string;
  optedOut: boolean;
  agencies: { id: string; name: string }[];
  /** Each agency's saved choice; absent, the plan's budget (a morning digest) applies. */
  modes: Map<string, 'single' | 'digest'>;
  /** A calendar link just made, shown once. */
  calendarUrl?: { agencyId: string; url: string } | undefined;
}

export function settingsView(v: View, d: SettingsData, flash?: Flash): string {
  const { optedOut, modes, calendarUrl } = d;
  const agencySections: Html[] = d.agencies.map((a) => {
    // No choice saved: the plan's budget applies, one morning digest.
    const saved = modes.get(a.id);
    const digest = saved !== 'single';
    const shown = calendarUrl?.agencyId === a.id ? calendarUrl.url : undefined;
    return html`<section class="card stack" aria-labelledby="h-${a.id}">
      <h2 id="h-${a.id}">${a.name}</h2>
      <form method="post" action="${path('/settings/agencies', a.id, 'mode')}" class="stack">
        ${csrfField(v)}
        <fieldset>
          <legend>${v.t.agencyModeTitle(a.name)}</legend>
          <label class="choice"
            ><input type="radio" name="mode" value="single" ${digest ? '' : html`checked`} />
            ${v.t.modeSingle}</label
          >
          <label class="choice"
            ><input type="radio" name="mode" value="digest" ${digest ? html`checked` : ''} />
            ${v.t.modeDigest}</label
          >
        </fieldset>
        ${saved === undefined ? html`<p class="hint">${v.t.modeDefault}</p>` : ''}
        <button type="submit">${v.t.add}</button>
      </form>
      <h3>${v.t.calendarTitle(a.name)}</h3>
      <p>${v.t.calendarHelp}</p>
      ${
        shown
          ? html`<p role="status">
              ${v.t.calendarLinkShown}<br /><code class="secret">${shown}</code>
            </p>`
          : ''
      }
      <div class="buttons">
        <form method="post" action="${path('/settings/agencies', a.id, 'calendar')}">
          ${csrfField(v)}<button type="submit">${v.t.newCalendarLink}</button>
        </form>
        <form method="post" action="${path('/settings/agencies', a.id, 'calendar-revoke')}">
          ${csrfField(v)}<button type="submit" class="secondary">${v.t.revokeCalendar}</button>
        </form>
      </div>
    </section>`;
  });
  return page(v, {
    title: v.t.settingsTitle,
    flash,
    body: html`${
      d.email
        ? html`<form method="post" action="/settings/reminders" class="card stack">
            <h2>${v.t.remindersTitle}</h2>
            ${csrfField(v)}
            <label class="choice"
              ><input
                type="checkbox"
                name="reminders"
                value="on"
                ${optedOut ? '' : html`checked`}
              />
              ${v.t.remindersLabel}</label
            >
            <button type="submit">${v.t.add}</button>
          </form>`
        : ''
    }
    ${agencySections}`,
  });
}
