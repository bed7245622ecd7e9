// The home page: what the signed-in person has to do, the labour office's queue first.
import { Router, type Request } from 'express';
import { DUE_SOON_DAYS, homeOf } from '../../use-cases/tracking.ts';
import { webKit, type WebDeps } from './deps.ts';
import { homePage, type HomePages } from './views/home.ts';

/** A page number from the address; anything else is the first page. */
const pageNo = (req: Request, key: string): number => {
  const n = Number(req.query[key]);
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
};

export function homeRoutes(deps: WebDeps): Router {
  const router = Router();
  const kit = webKit(deps);

  router.get('/', async (req, res) => {
    const p = kit.signedIn(res);
    const v = kit.view(req, res);
    const home = await homeOf({ db: deps.db }, p, v.nowMs);
    const pages: HomePages = {
      review: pageNo(req, 'review'),
      ext: pageNo(req, 'ext'),
      late: pageNo(req, 'late'),
      od: pageNo(req, 'od'),
      soon: pageNo(req, 'soon'),
      lead: pageNo(req, 'lead'),
      co: pageNo(req, 'co'),
    };
    const done = req.query['done'] === 'urge-now' ? v.t.done['urge-now'] : undefined;
    res.send(
      homePage(v, {
        home,
        pages,
        dueSoonDays: DUE_SOON_DAYS,
        flash: done ? { kind: 'ok', text: done } : undefined,
      }),
    );
  });

  return router;
}
