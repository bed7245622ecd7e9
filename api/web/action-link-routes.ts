// Emailed action links: one duty, one action (acknowledge, or accept the product), one person.
// Opening the link shows what it will do; its button (a POST) does it, once, through the same
// use cases as the duty's page and the JSON API.
import { Router, type Request, type Response } from 'express';
import { consumeLink, releaseLink } from '../../db/users.ts';
import { verifyActionToken } from '../../services/signed-links.ts';
import * as duties from '../../use-cases/duty-actions.ts';
import { loadDuty, noDuty } from '../../use-cases/duty-view.ts';
import { Refusal } from '../../use-cases/refusal.ts';
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
    const use = { jti: claims.jti, purpose: 'action', expiresAt: claims.exp };
    if (!(await consumeLink(deps.db, use))) {
      res.status(400).send(linkProblemPage(v, 'used'));
      return;
    }
    const dutyId = duty.workflowId;
    try {
      if (claims.act === 'acknowledge') await duties.acknowledge(deps, principal, { dutyId });
      else await duties.review(deps, principal, { dutyId, outcome: 'accept' });
    } catch (err) {
      if (err instanceof Refusal && err.kind === 'conflict') {
        // Refused by the duty's state: the link is spent, and the page says why.
        const reason = toHttpError(err, v.lang).message;
        const text = say(v, 'duty-pages.refused', { reason });
        res.status(409).send(actionLinkDonePage(v, duty, { kind: 'error', text }));
        return;
      }
      // Not done for a reason other than a refusal (Temporal unreachable): the link stays good.
      await releaseLink(deps.db, claims.jti);
      throw err;
    }
    const text = v.t.done[claims.act] ?? '';
    res.send(actionLinkDonePage(v, duty, { kind: 'ok', text }));
  });

  return router;
}
