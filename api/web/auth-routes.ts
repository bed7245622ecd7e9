// Sign-in by an emailed link, sign-out, the language switch, and emailed action links.
// Links are never acted on by a GET: mail scanners open links to check them, so the link
// shows a page and its button (a POST) signs in or acts, once.
import { randomUUID } from 'node:crypto';
import express, { Router } from 'express';
import { z } from 'zod';
import type { Acknowledge, Review } from '../../common/duty-schema.ts';
import { acknowledgeUpdate, reviewUpdate } from '../../common/messages.ts';
import { consumeLink, createSession, deleteSession, releaseLink } from '../../db/users.ts';
import { HttpError } from '../errors.ts';
import { dutyRights, principalOf, resolvePrincipal, type Principal } from '../principal.ts';
import { clearCookie, LANG_COOKIE, SESSION_COOKIE, SESSION_TTL_MS, setCookie } from '../session.ts';
import {
  localPath,
  verifyActionToken,
  verifySignInToken,
  signSignInToken,
  type ActionClaims,
  type VerifyFailure,
} from '../../services/signed-links.ts';
import type { WebDeps } from './deps.ts';
import { webKit } from './deps.ts';
import { loadDuty, runDutyUpdate } from './duty-data.ts';
import { field } from './forms.ts';
import { html, path } from './html.ts';
import { reasonIn } from './i18n.ts';
import { csrfField, page, type View } from './layout.ts';
import { RateLimiter } from './rate-limit.ts';

const form = express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 200 });

export function authRoutes(deps: WebDeps): Router {
  const router = Router();
  const kit = webKit(deps);
  // Per address and per client: a sign-in form is a way to send mail to anyone.
  const perEmail = new RateLimiter(5, 15 * 60_000);
  // Generous: a whole office may sign in from behind one address at 8 o'clock.
  const perClient = new RateLimiter(100, 15 * 60_000);

  const signInForm = (v: View, next: string | undefined, email = '') =>
    html`<p>${v.t.signInIntro}</p>
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

  router.get('/sign-in', (req, res) => {
    const v = kit.view(req, res);
    res.send(
      page(v, { title: v.t.signInTitle, body: signInForm(v, localPath(req.query['next'])) }),
    );
  });

  router.post('/sign-in', form, async (req, res) => {
    kit.csrf(req, res);
    const v = kit.view(req, res);
    const next = localPath(field(req, 'next', 500));
    const parsed = z
      .email()
      .max(254)
      .safeParse(field(req, 'email', 254));
    if (!parsed.success) {
      res.status(400).send(
        page(v, {
          title: v.t.signInTitle,
          flash: { kind: 'error', text: v.t.invalidInput, items: [v.t.required(v.t.email)] },
          body: signInForm(v, next),
        }),
      );
      return;
    }
    const email = parsed.data.toLowerCase();
    if (!deps.mailer) {
      res.status(503).send(
        page(v, {
          title: v.t.signInTitle,
          flash: { kind: 'error', text: v.t.mailUnavailable },
          body: signInForm(v, next, email),
        }),
      );
      return;
    }
    const client = req.ip ?? 'unknown';
    if (!(perEmail.allow(email) && perClient.allow(client))) {
      // Counted for every address, known or not, so this answer tells nobody who has an account;
      // it says plainly that no mail went, rather than "check your mail" for one that never comes.
      deps.log(`sign-in: too many requests; no link sent`);
      const waitMs = Math.max(perEmail.retryAfterMs(email), perClient.retryAfterMs(client));
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      res
        .status(429)
        .set('Retry-After', String(seconds))
        .send(
          page(v, {
            title: v.t.signInTitle,
            flash: { kind: 'error', text: v.t.tooManySignIns(Math.ceil(seconds / 60)) },
            body: signInForm(v, next, email),
          }),
        );
      return;
    }
    // Known or not, the answer is the same page: the form tells nobody who has an account.
    const who = await resolvePrincipal(deps.db, email, deps.coordinatorEmails);
    if (who) {
      const { token } = signSignInToken(deps.sessionSecret, { email, next });
      const link = `${deps.publicUrl.replace(/\/+$/, '')}/sign-in/link?t=${token}`;
      await deps.mailer.send({
        from: deps.mailFrom,
        to: email,
        subject: v.t.mailSubject,
        text: v.t.mailBody(link),
        html: html`<!doctype html>
          <html lang="${v.lang}">
            <body>
              <p>${v.t.mailBody(link).split('\n\n')[0]}</p>
              <p><a href="${link}">${v.t.linkConfirm}</a></p>
              <p>${v.t.mailBody(link).split('\n\n').slice(-1)[0]}</p>
            </body>
          </html>`.value,
        messageId: `<${randomUUID()}@duties.local>`,
        headers: {},
      });
    }
    res.send(
      page(v, {
        title: v.t.checkMailTitle,
        body: html`<p role="status">${v.t.checkMail(email)}</p>`,
      }),
    );
  });

  const linkProblem = (v: View, reason: VerifyFailure | 'used' | 'no-access') => {
    const text =
      reason === 'expired'
        ? v.t.linkExpired
        : reason === 'used'
          ? v.t.linkUsed
          : reason === 'no-access'
            ? v.t.noAccess
            : v.t.linkInvalid;
    return page(v, {
      title: v.t.linkTitle,
      flash: { kind: 'error', text },
      body: html`<p><a href="/sign-in">${v.t.requestNewLink}</a></p>`,
    });
  };

  router.get('/sign-in/link', (req, res) => {
    const v = kit.view(req, res);
    const token = typeof req.query['t'] === 'string' ? req.query['t'] : '';
    const verified = verifySignInToken(deps.sessionSecret, token);
    // The token is in this page's URL. The site-wide Referrer-Policy (same-origin) keeps it off
    // other sites; no-referrer would make the browser send "Origin: null" with the form.
    if (!verified.ok) {
      res.status(400).send(linkProblem(v, verified.reason));
      return;
    }
    res.send(
      page(v, {
        title: v.t.linkTitle,
        body: html`<p>${v.t.linkIntro(verified.claims.email)}</p>
          <form method="post" action="/sign-in/link">
            ${csrfField(v)}
            <input type="hidden" name="t" value="${token}" />
            <button type="submit">${v.t.linkConfirm}</button>
          </form>`,
      }),
    );
  });

  router.post('/sign-in/link', form, async (req, res) => {
    kit.csrf(req, res);
    const v = kit.view(req, res);
    const verified = verifySignInToken(deps.sessionSecret, field(req, 't', 4000) ?? '');
    if (!verified.ok) {
      res.status(400).send(linkProblem(v, verified.reason));
      return;
    }
    const { claims } = verified;
    if (
      !(await consumeLink(deps.db, { jti: claims.jti, purpose: 'sign-in', expiresAt: claims.exp }))
    ) {
      res.status(400).send(linkProblem(v, 'used'));
      return;
    }
    const who = await resolvePrincipal(deps.db, claims.email, deps.coordinatorEmails);
    if (!who) {
      res.status(403).send(linkProblem(v, 'no-access'));
      return;
    }
    const old = principalOf(res)?.session;
    if (old) await deleteSession(deps.db, old.id);
    const { token } = await createSession(deps.db, claims.email, SESSION_TTL_MS);
    setCookie(res, SESSION_COOKIE, token, { secure: kit.secure, maxAgeMs: SESSION_TTL_MS });
    res.redirect(303, localPath(claims.next) ?? '/');
  });

  router.post('/sign-out', form, async (req, res) => {
    kit.csrf(req, res);
    const session =
      principalOf(res)?.session ??
      (res.locals['sessionWithoutAccess'] as { id: string } | undefined);
    if (session) await deleteSession(deps.db, session.id);
    clearCookie(res, SESSION_COOKIE, { secure: kit.secure });
    res.redirect(303, '/sign-in');
  });

  // A preference, not an action: a plain link works without JavaScript and from any page.
  router.get('/lang/:lang', (req, res) => {
    const lang = req.params['lang'] === 'en' ? 'en' : 'vi';
    setCookie(res, LANG_COOKIE, lang, {
      secure: kit.secure,
      httpOnly: false,
      maxAgeMs: 365 * 86_400_000,
    });
    res.redirect(303, localPath(req.query['next']) ?? '/');
  });

  // Action links from emails: one duty, one action, one person.
  const actionLink = async (token: string) => {
    const verified = verifyActionToken(deps.sessionSecret, token);
    if (!verified.ok) return { ok: false, problem: verified.reason } as const;
    const { claims } = verified;
    const who = await resolvePrincipal(deps.db, claims.email, deps.coordinatorEmails);
    if (!who) return { ok: false, problem: 'no-access' } as const;
    const duty = await loadDuty(deps.client, deps.db, claims.wf);
    if (!duty) throw new HttpError(404, 'not_found', 'No such duty');
    const principal: Principal = { ...who, via: 'session' };
    const rights = dutyRights(principal, duty);
    const may = claims.act === 'acknowledge' ? rights.lead : rights.standing;
    if (!may) return { ok: false, problem: 'no-access' } as const;
    return { ok: true, claims, duty, principal, rights } as const;
  };
  const actorFor = (
    claims: ActionClaims,
    p: Principal,
    duty: { lead: { id: string }; standing: { id: string } },
  ) => ({
    name: p.name.slice(0, 200),
    agencyId: claims.act === 'acknowledge' ? duty.lead.id : duty.standing.id,
  });

  router.get('/actions/:token', async (req, res) => {
    const v = kit.view(req, res);
    const link = await actionLink(String(req.params['token']));
    if (!link.ok) {
      res.status(link.problem === 'no-access' ? 403 : 400).send(linkProblem(v, link.problem));
      return;
    }
    const { claims, duty } = link;
    res.send(
      page(v, {
        title: v.t.actionLinkTitle,
        body: html`<p>${v.t.actionLinkIntro(v.t.actions[claims.act], claims.email)}</p>
          <p><strong>${duty.title}</strong> (${duty.period})</p>
          <form method="post" action="${path('/actions', String(req.params['token']))}">
            ${csrfField(v)}
            <button type="submit">${v.t.actionLinkConfirm}: ${v.t.actions[claims.act]}</button>
          </form>
          <p><a href="${path('/duties', duty.workflowId)}">${v.t.openDuty}</a></p>`,
      }),
    );
  });

  router.post('/actions/:token', form, async (req, res) => {
    kit.csrf(req, res);
    const v = kit.view(req, res);
    const link = await actionLink(String(req.params['token']));
    if (!link.ok) {
      res.status(link.problem === 'no-access' ? 403 : 400).send(linkProblem(v, link.problem));
      return;
    }
    const { claims, duty, principal } = link;
    if (
      !(await consumeLink(deps.db, { jti: claims.jti, purpose: 'action', expiresAt: claims.exp }))
    ) {
      res.status(400).send(linkProblem(v, 'used'));
      return;
    }
    const actor = actorFor(claims, principal, duty);
    let outcome;
    try {
      outcome =
        claims.act === 'acknowledge'
          ? await runDutyUpdate<Acknowledge>(deps.client, duty.workflowId, acknowledgeUpdate, {
              actor,
            })
          : await runDutyUpdate<Review>(deps.client, duty.workflowId, reviewUpdate, {
              actor,
              outcome: 'accept',
            });
    } catch (err) {
      // Not done for a reason other than a refusal (Temporal unreachable): the link stays good.
      await releaseLink(deps.db, claims.jti);
      throw err;
    }
    const back = html`<p><a href="${path('/duties', duty.workflowId)}">${v.t.openDuty}</a></p>`;
    res.status(outcome.ok ? 200 : 409).send(
      page(v, {
        title: v.t.actionLinkTitle,
        flash: outcome.ok
          ? { kind: 'ok', text: v.t.done[claims.act] ?? '' }
          : { kind: 'error', text: `${v.t.refused}: ${reasonIn(v.lang, outcome.reason)}` },
        body: html`<p><strong>${duty.title}</strong> (${duty.period})</p>
          ${back}`,
      }),
    );
  });

  return router;
}
