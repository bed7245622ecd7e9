// Sign-in by an emailed link, sign-out and the language switch. Links are never acted on by a
// GET: mail scanners open links to check them, so the link shows a page and its button (a POST)
// signs in, once. Emailed action links are in action-link-routes.ts.
import { randomUUID } from 'node:crypto';
import express, { Router } from 'express';
import { z } from 'zod';
import { principalOf, resolvePrincipal } from '../principal.ts';
import { clearCookie, LANG_COOKIE, SESSION_COOKIE, SESSION_TTL_MS, setCookie } from '../session.ts';
import { localPath, verifySignInToken, signSignInToken } from '../../services/signed-links.ts';
import { signInWithLink, signOut } from '../../use-cases/sign-in.ts';
import type { WebDeps } from './deps.ts';
import { webKit } from './deps.ts';
import { field } from './forms.ts';
import { RateLimiter } from './rate-limit.ts';
import {
  checkMailPage,
  linkConfirmPage,
  linkProblemPage,
  signInMail,
  signInPage,
} from './views/auth.ts';

export const authForm = express.urlencoded({
  extended: false,
  limit: '100kb',
  parameterLimit: 200,
});

export function authRoutes(deps: WebDeps): Router {
  const router = Router();
  const kit = webKit(deps);
  // Per address and per client: a sign-in form is a way to send mail to anyone.
  const perEmail = new RateLimiter(5, 15 * 60_000);
  // Generous: a whole office may sign in from behind one address at 8 o'clock.
  const perClient = new RateLimiter(100, 15 * 60_000);

  router.get('/sign-in', (req, res) => {
    res.send(signInPage(kit.view(req, res), localPath(req.query['next'])));
  });

  router.post('/sign-in', authForm, async (req, res) => {
    kit.csrf(req, res);
    const v = kit.view(req, res);
    const next = localPath(field(req, 'next', 500));
    const parsed = z
      .email()
      .max(254)
      .safeParse(field(req, 'email', 254));
    if (!parsed.success) {
      const items = [v.t.required(v.t.email)];
      res
        .status(400)
        .send(signInPage(v, next, '', { kind: 'error', text: v.t.invalidInput, items }));
      return;
    }
    const email = parsed.data.toLowerCase();
    if (!deps.mailer) {
      res
        .status(503)
        .send(signInPage(v, next, email, { kind: 'error', text: v.t.mailUnavailable }));
      return;
    }
    const client = req.ip ?? 'unknown';
    if (!(perEmail.allow(email) && perClient.allow(client))) {
      // Counted for every address, known or not, so this answer tells nobody who has an account;
      // it says plainly that no mail went, rather than "check your mail" for one that never comes.
      deps.log(`sign-in: too many requests; no link sent`);
      const waitMs = Math.max(perEmail.retryAfterMs(email), perClient.retryAfterMs(client));
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      const text = v.t.tooManySignIns(Math.ceil(seconds / 60));
      res
        .status(429)
        .set('Retry-After', String(seconds))
        .send(signInPage(v, next, email, { kind: 'error', text }));
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
        ...signInMail(v, link),
        messageId: `<${randomUUID()}@duties.local>`,
        headers: {},
      });
    }
    res.send(checkMailPage(v, email));
  });

  router.get('/sign-in/link', (req, res) => {
    const v = kit.view(req, res);
    const token = typeof req.query['t'] === 'string' ? req.query['t'] : '';
    const verified = verifySignInToken(deps.sessionSecret, token);
    // The token is in this page's URL. The site-wide Referrer-Policy (same-origin) keeps it off
    // other sites; no-referrer would make the browser send "Origin: null" with the form.
    if (!verified.ok) {
      res.status(400).send(linkProblemPage(v, verified.reason));
      return;
    }
    res.send(linkConfirmPage(v, verified.claims.email, token));
  });

  router.post('/sign-in/link', authForm, async (req, res) => {
    kit.csrf(req, res);
    const v = kit.view(req, res);
    const verified = verifySignInToken(deps.sessionSecret, field(req, 't', 4000) ?? '');
    if (!verified.ok) {
      res.status(400).send(linkProblemPage(v, verified.reason));
      return;
    }
    const { claims } = verified;
    const signedIn = await signInWithLink(deps, {
      claims,
      oldSessionId: principalOf(res)?.session?.id,
      ttlMs: SESSION_TTL_MS,
    });
    if (!signedIn.ok) {
      const status = signedIn.problem === 'used' ? 400 : 403;
      res.status(status).send(linkProblemPage(v, signedIn.problem));
      return;
    }
    const { token } = signedIn;
    setCookie(res, SESSION_COOKIE, token, { secure: kit.secure, maxAgeMs: SESSION_TTL_MS });
    res.redirect(303, localPath(claims.next) ?? '/');
  });

  router.post('/sign-out', authForm, async (req, res) => {
    kit.csrf(req, res);
    const session =
      principalOf(res)?.session ??
      (res.locals['sessionWithoutAccess'] as { id: string } | undefined);
    if (session) await signOut(deps, session.id);
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

  return router;
}
