// The duty pages, mounted as one: a duty's page, "new duty" and file downloads
// (duty-page-routes.ts), the actions posted from a duty's page (duty-action-routes.ts) and the
// emailed action links (action-link-routes.ts). The home page is home-routes.ts.
import { Router } from 'express';
import { actionLinkRoutes } from './action-link-routes.ts';
import type { WebDeps } from './deps.ts';
import { dutyActionRoutes } from './duty-action-routes.ts';
import { dutyPageRoutes } from './duty-page-routes.ts';

export function dutyRoutes(deps: WebDeps): Router {
  const router = Router();
  router.use(dutyPageRoutes(deps));
  router.use(dutyActionRoutes(deps));
  router.use(actionLinkRoutes(deps));
  return router;
}
