// The actions posted from a duty's page: each parses its form, calls the same use case as the
// JSON API (use-cases/duty-actions.ts) and goes back to the page: with `?done=` when done (PRG),
// with the coded reason in the reader's language when refused.
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import * as duties from '../../use-cases/duty-actions.ts';
import { dutyFor } from '../../use-cases/duty-view.ts';
import { Refusal } from '../../use-cases/refusal.ts';
import { localPath } from '../../services/signed-links.ts';
import { webKit, type WebDeps } from './deps.ts';
import { discardUploads, forgetFiles, keepUploads, refusedUploads, uploadParser } from './files.ts';
import { field, indicatorsFrom, parseLocalDate } from './forms.ts';
import { path } from './html.ts';
import { RateLimiter } from './rate-limit.ts';
import { showDuty, showRefusal } from './duty-page-routes.ts';

const form = express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 200 });

export function dutyActionRoutes(deps: WebDeps): Router {
  const router = Router();
  const kit = webKit(deps);
  const upload = uploadParser(deps.dataDir);
  const idOf = (req: Request) => String(req.params['id']);

  /** The form's own mistakes: the page again, 400, with each of them. */
  const invalid = (req: Request, res: Response, items: string[]) =>
    showDuty(deps, kit, req, res, 400, {
      kind: 'error',
      text: kit.view(req, res).t.invalidInput,
      items,
    });

  /** Runs the use case; done, back to the page (or `back`); refused, the page with why. */
  async function answer(
    req: Request,
    res: Response,
    done: string,
    run: () => Promise<unknown>,
    back?: string,
  ): Promise<void> {
    try {
      await run();
    } catch (err) {
      return showRefusal(deps, kit, req, res, err);
    }
    const to = back ?? path('/duties', idOf(req));
    res.redirect(303, `${to}${to.includes('?') ? '&' : '?'}done=${done}`);
  }

  /** A post's checks before anything else: the form token, then a signed-in person. */
  const begin = (req: Request, res: Response) => {
    kit.csrf(req, res);
    return { p: kit.signedIn(res), v: kit.view(req, res), dutyId: idOf(req) };
  };

  router.post('/duties/:id/acknowledge', form, async (req, res) => {
    const { p, dutyId } = begin(req, res);
    await answer(req, res, 'acknowledge', () => duties.acknowledge(deps, p, { dutyId }));
  });

  // Who may upload is settled before a byte of a file is written to disk: otherwise anyone could
  // fill the scratch folder with 10 × 20 MB per request before being refused.
  const mayUpload: RequestHandler = async (req, res, next) => {
    const { rights } = await dutyFor(deps, kit.signedIn(res), idOf(req));
    if (!rights.lead) throw Refusal.of('forbidden', 'forbidden', 'duty-pages.not-for-you', {});
    next();
  };

  router.post('/duties/:id/submit', mayUpload, upload.array('files', 10), async (req, res) => {
    const uploads = (req.files as Express.Multer.File[] | undefined) ?? [];
    try {
      const { p, v, dutyId } = begin(req, res);
      const text = field(req, 'text');
      const { indicators, errors } = indicatorsFrom(req, v.t.badNumber);
      if (!text) errors.push(v.t.required(v.t.submitText));
      for (const name of await refusedUploads(uploads)) errors.push(v.t.fileRefused(name));
      if (errors.length > 0 || !text) return await invalid(req, res, errors);
      const kept = await keepUploads(deps.db, deps.dataDir, uploads, dutyId, p.email);
      await answer(req, res, 'submit', async () => {
        try {
          await duties.submit(deps, p, { dutyId, text, attachments: kept, indicators });
        } catch (err) {
          // Refused or failed: the files kept for it are forgotten.
          const ids = kept.map((f) => f.id);
          await forgetFiles(deps.db, deps.dataDir, ids);
          throw err;
        }
      });
    } finally {
      // Whatever was not moved into the store (refused, or an error midway) goes.
      await discardUploads(uploads);
    }
  });

  router.post('/duties/:id/contribute', form, async (req, res) => {
    const { p, v, dutyId } = begin(req, res);
    const agencyId = field(req, 'agencyId', 100);
    // Whether this person contributes for that agency is settled before the form's content.
    const { rights } = await dutyFor(deps, p, dutyId);
    if (!rights.coordinatingIds.includes(agencyId ?? rights.coordinatingIds[0] ?? '')) {
      throw Refusal.of('forbidden', 'forbidden', 'duty-pages.not-for-you', {});
    }
    const text = field(req, 'text');
    const { indicators, errors } = indicatorsFrom(req, v.t.badNumber);
    if (!text) errors.push(v.t.required(v.t.contributeText));
    if (errors.length > 0 || !text) return invalid(req, res, errors);
    await answer(req, res, 'contribute', () =>
      duties.contribute(deps, p, { dutyId, agencyId, text, indicators }),
    );
  });

  /** Settles the caller's part before reading the form: a refusal shows nothing of the duty. */
  const mustBe = async (req: Request, res: Response, part: 'lead' | 'standing' | 'coordinator') => {
    const { rights } = await dutyFor(deps, kit.signedIn(res), idOf(req));
    const p = kit.signedIn(res);
    const may = part === 'coordinator' ? p.coordinator : rights[part];
    if (!may) throw Refusal.of('forbidden', 'forbidden', 'duty-pages.not-for-you', {});
  };

  router.post('/duties/:id/extension-request', form, async (req, res) => {
    const { p, v, dutyId } = begin(req, res);
    await mustBe(req, res, 'lead');
    const newDueAt = parseLocalDate(field(req, 'newDue', 20));
    const reason = field(req, 'reason', 2000);
    if (!newDueAt || !reason) {
      return invalid(req, res, [
        ...(newDueAt ? [] : [v.t.badDate(v.t.newDeadline)]),
        ...(reason ? [] : [v.t.required(v.t.reason)]),
      ]);
    }
    await answer(req, res, 'request-extension', () =>
      duties.requestExtension(deps, p, { dutyId, newDueAt, reason }),
    );
  });

  router.post('/duties/:id/extension-decision', form, async (req, res) => {
    const { p, v, dutyId } = begin(req, res);
    await mustBe(req, res, 'standing');
    const grant = field(req, 'decision', 10) === 'grant';
    const typed = field(req, 'newDue', 20);
    const newDueAt = typed === undefined ? undefined : parseLocalDate(typed);
    if (typed !== undefined && !newDueAt) {
      return invalid(req, res, [v.t.badDate(v.t.grantDeadline)]);
    }
    const comment = field(req, 'comment', 2000);
    await answer(req, res, grant ? 'grant-extension' : 'refuse-extension', () =>
      duties.decideExtension(deps, p, {
        dutyId,
        grant,
        ...(comment ? { comment } : {}),
        ...(grant && newDueAt ? { newDueAt } : {}),
      }),
    );
  });

  router.post('/duties/:id/review', form, async (req, res) => {
    const { p, v, dutyId } = begin(req, res);
    await mustBe(req, res, 'standing');
    const comment = field(req, 'comment', 2000);
    if (field(req, 'outcome', 10) !== 'return') {
      return answer(req, res, 'accept', () =>
        duties.review(deps, p, { dutyId, outcome: 'accept', ...(comment ? { comment } : {}) }),
      );
    }
    const newDueAt = parseLocalDate(field(req, 'newDue', 20));
    if (!comment || !newDueAt) {
      return invalid(req, res, [
        ...(comment ? [] : [v.t.required(v.t.returnComment)]),
        ...(newDueAt ? [] : [v.t.badDate(v.t.returnDeadline)]),
      ]);
    }
    await answer(req, res, 'return', () =>
      duties.review(deps, p, { dutyId, outcome: 'return', comment, newDueAt }),
    );
  });

  // Each urge is a message to a whole office: besides the workflow's once a day per duty, one
  // person (or a stolen session) urges at most this many duties an hour from the pages.
  const urgesPerPerson = new RateLimiter(deps.urgesPerHour ?? 100, 3_600_000);

  router.post('/duties/:id/urge', form, async (req, res) => {
    const { p, dutyId } = begin(req, res);
    await mustBe(req, res, 'standing');
    const comment = field(req, 'comment', 2000);
    await answer(
      req,
      res,
      'urge-now',
      () => {
        if (!urgesPerPerson.allow(p.email)) {
          const waitMs = urgesPerPerson.retryAfterMs(p.email);
          res.set('Retry-After', String(Math.max(1, Math.ceil(waitMs / 1000))));
          const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
          const max = urgesPerPerson.max;
          throw Refusal.of('rate_limited', 'rate_limited', 'duty-pages.urges-per-hour', {
            max,
            minutes,
          });
        }
        return duties.urge(deps, p, { dutyId, ...(comment ? { comment } : {}) });
      },
      localPath(field(req, 'back', 500)),
    );
  });

  router.post('/duties/:id/cancel', form, async (req, res) => {
    const { p, v, dutyId } = begin(req, res);
    await mustBe(req, res, 'coordinator');
    const reason = field(req, 'reason', 2000);
    if (!reason) return invalid(req, res, [v.t.required(v.t.reason)]);
    await answer(req, res, 'cancel', () => duties.cancel(deps, p, { dutyId, reason }));
  });

  router.post('/duties/:id/reassign', form, async (req, res) => {
    const { p, v, dutyId } = begin(req, res);
    await mustBe(req, res, 'coordinator');
    const leadId = field(req, 'leadId', 100);
    const reason = field(req, 'reason', 2000);
    if (!leadId || !reason) {
      return invalid(req, res, [
        ...(leadId ? [] : [v.t.required(v.t.lead)]),
        ...(reason ? [] : [v.t.required(v.t.reason)]),
      ]);
    }
    await answer(req, res, 'reassign', () => duties.reassign(deps, p, { dutyId, leadId, reason }));
  });

  return router;
}
