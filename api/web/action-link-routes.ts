// Emailed action links: one duty, one action (acknowledge, or accept the product), one person.
// Opening the link shows what it will do; its button (a POST) does it, once, through the same
// use cases as the duty's page and the JSON API.
import { Router, type Request, type Response } from 'express';
import { verifyActionToken } from '../../services/signed-links.ts';
import { loadDuty, noDuty } from '../../use-cases/duty-view.ts';
import { Refusal } from '../../use-cases/refusal.ts';
import { actByLink } from '../../use-cases/sign-in.ts';
import { toHttpError } from '../errors.ts';
import { dutyRights, resolvePrincipal, type Principal } from '../principal.ts';
import { authForm } from './auth-routes.ts';
import { webKit, type WebDeps } from './deps.ts';
import { say } from './layout.ts';
import { actionLinkDonePage, actionLinkPage, linkProblemPage } from './views/auth.ts';

export function actionLinkRoutes(deps: WebDeps): Router {
  const router = Router();
  const kit = webKit(deps);

  /** The link's claims, its person and duty, when the link is good and the person may act. */
  const actionLink = async (token: string) => {
    const verified = verifyActionToken(deps.sessionSecret, token);
    if (!verified.ok) return { ok: false, problem: verified.reason } as const;
    const { claims } = verified;
    const who = await resolvePrincipal(deps.db, claims.email, deps.coordinatorEmails);
    if (!who) return { ok: false, problem: 'no-access' } as const;
    const duty = await loadDuty(deps, claims.wf);
    if (!duty) throw noDuty(claims.wf);
    const principal: Principal = { ...who, via: 'session' };
    const rights = dutyRights(principal, duty);
    const may = claims.act === 'acknowledge' ? rights.lead : rights.standing;
    if (!may) return { ok: false, problem: 'no-access' } as const;
    return { ok: true, claims, duty, principal } as const;
  };

  /** The link, or its problem sent as a page (undefined then). */
  async function linkOr(req: Request, res: Response) {
    const link = await actionLink(String(req.params['token']));
    if (link.ok) return link;
    const v = kit.view(req, res);
    res.status(link.problem === 'no-access' ? 403 : 400).send(linkProblemPage(v, link.problem));
    return undefined;
  }

  router.get('/actions/:token', async (req, res) => {
    const link = await linkOr(req, res);
    if (!link) return;
    const v = kit.view(req, res);
    const { claims, duty } = link;
    res.send(actionLinkPage(v, claims.act, claims.email, duty, String(req.params['token'])));
  });

  router.post('/actions/:token', authForm, async (req, res) => {
    kit.csrf(req, res);
    const link = await linkOr(req, res);
    if (!link) return;
    const v = kit.view(req, res);
    const { claims, duty, principal } = link;
    try {
      if ((await actByLink(deps, principal, { claims, dutyId: duty.workflowId })) === 'used') {
        res.status(400).send(linkProblemPage(v, 'used'));
        return;
      }
    } catch (err) {
      // Refused by the duty's state: the link is spent, and the page says why. Any other
      // failure gave the link back (use-cases/sign-in.ts).
      if (!(err instanceof Refusal && err.kind === 'conflict')) throw err;
      const reason = toHttpError(err, v.lang).message;
      const text = say(v, 'duty-pages.refused', { reason });
      res.status(409).send(actionLinkDonePage(v, duty, { kind: 'error', text }));
      return;
    }
    const text = v.t.done[claims.act] ?? '';
    res.send(actionLinkDonePage(v, duty, { kind: 'ok', text }));
  });

  return router;
}
