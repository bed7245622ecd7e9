// The sign-in pages (the form, "check your mail", the emailed link's confirmation, a link that
// no longer works), the sign-in mail itself, and the pages of an emailed action link.
import type { DutyState } from '../../../common/duty-state.ts';
import type { VerifyFailure } from '../../../services/signed-links.ts';
import { html, path, type Html } from '../html.ts';
import { csrfField, page, type Flash, type View } from '../layout.ts';

export function signInForm(v: View, next: string | undefined, email = ''): Html {
  return html`<p>${v.t.signInIntro}</p>
    <form method="post" action="/sign-in" class="stack">
      ${csrfField(v)} ${next ? html`<input type="hidden" name="next" value="${next}" />` : ''}
      <label for="email">${v.t.email}</label>
      <input
        id="email"
        name="email"
        type="email"
        autocomplete="email"
        required
        value="${email}"
        autofocus
      />
      <button type="submit">${v.t.sendLink}</button>
    </form>`;
}

export const signInPage = (v: View, next: string | undefined, email = '', flash?: Flash) =>
  page(v, { title: v.t.signInTitle, flash, body: signInForm(v, next, email) });

export const checkMailPage = (v: View, email: string) =>
  page(v, {
    title: v.t.checkMailTitle,
    body: html`<p role="status">${v.t.checkMail(email)}</p>`,
  });

/** The sign-in mail: its text, and the same as HTML with the link as a button-like link. */
export function signInMail(v: View, link: string): { subject: string; text: string; html: string } {
  const text = v.t.mailBody(link);
  const parts = text.split('\n\n');
  return {
    subject: v.t.mailSubject,
    text,
    html: html`<!doctype html>
      <html lang="${v.lang}">
        <body>
          <p>${parts[0]}</p>
          <p><a href="${link}">${v.t.linkConfirm}</a></p>
          <p>${parts.slice(-1)[0]}</p>
        </body>
      </html>`.value,
  };
}

export type LinkProblem = VerifyFailure | 'used' | 'no-access';

export function linkProblemPage(v: View, reason: LinkProblem): string {
  const text = {
    expired: v.t.linkExpired,
    used: v.t.linkUsed,
    'no-access': v.t.noAccess,
  }[reason as string];
  return page(v, {
    title: v.t.linkTitle,
    flash: { kind: 'error', text: text ?? v.t.linkInvalid },
    body: html`<p><a href="/sign-in">${v.t.requestNewLink}</a></p>`,
  });
}

/** The emailed sign-in link: a button to press, never a sign-in by merely opening it. */
export const linkConfirmPage = (v: View, email: string, token: string) =>
  page(v, {
    title: v.t.linkTitle,
    body: html`<p>${v.t.linkIntro(email)}</p>
      <form method="post" action="/sign-in/link">
        ${csrfField(v)}
        <input type="hidden" name="t" value="${token}" />
        <button type="submit">${v.t.linkConfirm}</button>
      </form>`,
  });

type LinkAction = 'acknowledge' | 'accept';

/** An emailed action link opened: what it will do, and the button that does it. */
export function actionLinkPage(
  v: View,
  act: LinkAction,
  email: string,
  duty: Pick<DutyState, 'title' | 'period' | 'workflowId'>,
  token: string,
): string {
  return page(v, {
    title: v.t.actionLinkTitle,
    body: html`<p>${v.t.actionLinkIntro(v.t.actions[act], email)}</p>
      <p><strong>${duty.title}</strong> (${v.t.periodName(duty.period)})</p>
      <form method="post" action="${path('/actions', token)}">
        ${csrfField(v)}
        <button type="submit">${v.t.actionLinkConfirm}: ${v.t.actions[act]}</button>
      </form>
      <p><a href="${path('/duties', duty.workflowId)}">${v.t.openDuty}</a></p>`,
  });
}

/** After the action link's button: done, or refused with the coded reason. */
export function actionLinkDonePage(
  v: View,
  duty: Pick<DutyState, 'title' | 'period' | 'workflowId'>,
  flash: Flash,
): string {
  return page(v, {
    title: v.t.actionLinkTitle,
    flash,
    body: html`<p><strong>${duty.title}</strong> (${v.t.periodName(duty.period)})</p>
      <p><a href="${path('/duties', duty.workflowId)}">${v.t.openDuty}</a></p>`,
  });
}
