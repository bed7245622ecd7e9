// The web interface, mounted by createApp after the JSON API: server-rendered pages, a CSS
// file and a little JavaScript, strict security headers, and HTML error pages.
import { fileURLToPath } from 'node:url';
import express, { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import { MulterError } from 'multer';
import { toHttpError } from '../errors.ts';
import { adHocRoutes } from './ad-hoc-routes.ts';
import { authRoutes } from './auth-routes.ts';
import { calendarPages } from './calendar-routes.ts';
import { consolidationRoutes } from './consolidation-routes.ts';
import { cycleRoutes } from './cycle-routes.ts';
import { directoryRoutes } from './directory-routes.ts';
import { scheduleRoutes } from './schedule-routes.ts';
import { webKit, type WebDeps } from './deps.ts';
import { dutyRoutes } from './duty-routes.ts';
import { homeRoutes } from './home-routes.ts';
import { importRoutes } from './import-routes.ts';
import { planRoutes } from './plan-routes.ts';
import { html } from './html.ts';
import { langOf } from './i18n.ts';
import { page } from './layout.ts';
import { settingsRoutes } from './settings-routes.ts';
import { simulationRoutes } from './simulation-routes.ts';
import { targetsRoutes } from './targets-routes.ts';
import { trackingRoutes, trackStylesheet } from './tracking-routes.ts';
import { trackingListRoutes } from './tracking-list-routes.ts';
import { usersRoutes } from './users-routes.ts';
import { yearEndRoutes } from './year-end-routes.ts';

export type { WebDeps, WebOptions } from './deps.ts';

const STATIC_DIR = fileURLToPath(new URL('./static/', import.meta.url));

/** Everything the pages load comes from this site; nothing frames them. */
const securityHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    'Content-Security-Policy':
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
      "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'same-origin',
    // Pages hold people's duties: no shared cache keeps them.
    'Cache-Control': 'no-store',
  });
  next();
};

export function webRouter(deps: WebDeps): Router {
  const router = Router();
  const kit = webKit(deps);
  // The JSON API keeps its own headers and its own 404: nothing here is for it.
  router.use((req, _res, next) => {
    if (req.path === '/api' || req.path.startsWith('/api/')) next('router');
    else next();
  });
  // The tracking colours come from domain/tracking.ts, the one place that defines them.
  const tracks = trackStylesheet();
  // Static files too: nosniff keeps a browser from reading them as anything but what they are.
  router.use(securityHeaders);
  router.get('/static/tracks.css', (_req, res) => {
    res.type('text/css').set('Cache-Control', 'public, max-age=3600').send(tracks);
  });
  router.use(
    '/static',
    express.static(STATIC_DIR, { index: false, maxAge: '1h', fallthrough: false }),
  );
  router.use((_req, res, next) => {
    res.type('html');
    next();
  });
  router.use(authRoutes(deps));
  router.use(homeRoutes(deps));
  router.use(dutyRoutes(deps));
  router.use(planRoutes(deps));
  router.use(importRoutes(deps));
  router.use(usersRoutes(deps));
  router.use(cycleRoutes(deps));
  router.use(trackingRoutes(deps));
  router.use(trackingListRoutes(deps));
  router.use(settingsRoutes(deps));
  router.use(calendarPages(deps));
  router.use(targetsRoutes(deps));
  router.use(simulationRoutes(deps));
  router.use(adHocRoutes(deps));
  router.use(yearEndRoutes(deps));
  router.use(consolidationRoutes(deps));
  router.use(directoryRoutes(deps));
  router.use(scheduleRoutes(deps));

  router.use((req, res) => {
    const v = kit.view(req, res);
    res.status(404).send(page(v, { title: v.t.notFoundTitle, body: html`<p>${v.t.notFound}</p>` }));
  });

  const errors: ErrorRequestHandler = (err, req, res, _next) => {
    const http =
      err instanceof MulterError && err.code === 'LIMIT_FILE_SIZE'
        ? { status: 413, code: 'too_large', message: 'file' }
        : toHttpError(err, langOf(req));
    if (http.code === 'sign_in') {
      // A GET comes back to where it was going; a form is not replayed after sign-in.
      const next = req.method === 'GET' ? `?next=${encodeURIComponent(req.originalUrl)}` : '';
      res.redirect(303, `/sign-in${next}`);
      return;
    }
    if (http.status >= 500) deps.log('page failed', err);
    const v = kit.view(req, res);
    const [title, text] =
      http.status === 403 && http.code === 'csrf'
        ? [v.t.errorTitle, v.t.csrfFailed]
        : http.status === 403
          ? [v.t.forbiddenTitle, v.t.forbidden]
          : http.status === 404
            ? [v.t.notFoundTitle, v.t.notFound]
            : http.status === 413
              ? [v.t.errorTitle, err instanceof MulterError ? v.t.fileTooLarge : http.message]
              : http.status === 400 && err instanceof MulterError && err.code === 'LIMIT_FILE_COUNT'
                ? [v.t.errorTitle, v.t.tooManyFiles]
                : http.status < 500
                  ? [v.t.errorTitle, http.message]
                  : [v.t.errorTitle, v.t.internalError];
    res
      .status(http.status)
      .type('html')
      .send(
        page(v, {
          title,
          flash: { kind: 'error', text },
          body: html`<p><a href="/">${v.t.backHome}</a></p>`,
        }),
      );
  };
  router.use(errors);
  return router;
}
