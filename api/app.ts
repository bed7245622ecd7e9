import type { Client } from '@temporalio/client';
import express from 'express';
import type { Db } from '../db/index.ts';
import { pingDb } from '../db/index.ts';
import { bearerAuth } from './auth.ts';
import { apiHeaders, sameOriginWrites } from './security.ts';
import { errorMiddleware, HttpError, refuseOversized } from './errors.ts';
import { openApiDocument } from './openapi.ts';
import { MAX_TABLE_BYTES, planRoutes } from './routes/plans.ts';
import { calendarRoutes } from './routes/calendar.ts';
import { cycleRoutes } from './routes/cycles.ts';
import { cyclePreviewRoutes } from './routes/cycle-preview.ts';
import { dutyRoutes } from './routes/duties.ts';
import { directoryRoutes } from './routes/directory.ts';
import { scheduleRoutes } from './routes/schedules.ts';
import { simulationRoutes } from './routes/simulations.ts';
import { calendarFeed, notificationRoutes } from './routes/notifications.ts';
import { listRoutes, reportRoutes } from './routes/tracking.ts';
import { targetRoutes } from './routes/targets.ts';
import { principalMiddleware } from './principal.ts';
import { idempotencyKeys } from './idempotency.ts';
import { parseQueryDroppingEmpty } from './query.ts';
import { webRouter, type WebOptions } from './web/index.ts';
import { requestTimer, type ServiceMetrics } from '../ops/metrics.ts';

export interface AppDeps {
  client: Client;
  db: Db;
  /** Scripts' bearer token; unset, the API takes no token (local use). */
  apiToken?: string | undefined;
  /** Base URL people reach the app at (links in feeds); the request's own host when absent. */
  publicUrl?: string | undefined;
  log?: (msg: string, err?: unknown) => void;
  /** Express's `trust proxy`: which reverse proxies may tell the client's address. */
  trustProxy?: string | number | undefined;
  /** The web pages (sign-in, duties, coordination); without it the app serves the API only. */
  web?: WebOptions;
  /** Times every answer by route for Prometheus (ops/metrics.ts); none when absent. */
  metrics?: ServiceMetrics | undefined;
}

/** Up or down, nothing more: the reason goes to the log, not to whoever asks. */
async function check(
  what: string,
  probe: () => Promise<unknown>,
  log: (msg: string, err?: unknown) => void,
): Promise<{ ok: boolean }> {
  try {
    await probe();
    return { ok: true };
  } catch (err) {
    log(`health: ${what} is down`, err);
    return { ok: false };
  }
}

/** The HTTP app without `listen`, so tests mount it on a port of their own. */
export function createApp(deps: AppDeps): express.Express {
  const log = deps.log ?? ((msg, err) => console.error(msg, err));
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', parseQueryDroppingEmpty);
  if (deps.trustProxy !== undefined) app.set('trust proxy', deps.trustProxy);
  if (deps.metrics) app.use(requestTimer(deps.metrics));
  app.use(refuseOversized({ body: 1024 * 1024, upload: MAX_TABLE_BYTES + 64 * 1024 }));
  app.use(express.json({ limit: '1mb' }));

  // Every JSON answer, the calendar feed and the API's errors included, carries the API's
  // headers: set before any /api route, not after the public ones.
  app.use('/api', apiHeaders);
  // /health (kept for existing probes) and /ready answer alike: ready to serve means Temporal
  // and the database both answer; a load balancer sends nothing here while either is down.
  const ready: express.RequestHandler = async (_req, res) => {
    const [temporal, storage] = await Promise.all([
      check('temporal', () => deps.client.connection.workflowService.getSystemInfo({}), log),
      check('storage', () => pingDb(deps.db), log),
    ]);
    const ok = temporal.ok && storage.ok;
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', temporal, storage });
  };
  app.get('/health', apiHeaders, ready);
  app.get('/ready', apiHeaders, ready);

  const document = openApiDocument();
  app.get('/api/openapi.json', (_req, res) => {
    res.json(document);
  });
  const publicUrl = (req: express.Request): string =>
    deps.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  app.get('/api/agencies/:id/calendar.ics', calendarFeed(deps.db, publicUrl));
  app.use(
    principalMiddleware({
      db: deps.db,
      apiToken: deps.apiToken,
      coordinatorEmails: deps.web?.coordinatorEmails ?? [],
    }),
  );
  // Pages sign people in (api/web/); the JSON API is for scripts with the token.
  app.use('/api', sameOriginWrites, bearerAuth(deps.apiToken));
  app.use('/api', idempotencyKeys(deps.db, log));
  app.use('/api/duties', listRoutes(deps.db));
  app.use('/api/duties', dutyRoutes(deps.client, deps.db));
  app.use('/api/reports', reportRoutes(deps.db));
  app.use('/api', notificationRoutes(deps.db, publicUrl));
  app.use('/api/cycles', cycleRoutes(deps.client, deps.db));
  app.use('/api/calendar', calendarRoutes());
  app.use('/api/plans', scheduleRoutes(deps.client, deps.db));
  app.use('/api/simulations', simulationRoutes(deps.db));
  app.use('/api', planRoutes(deps.db));
  app.use('/api', directoryRoutes(deps.db, deps.client));
  app.use('/api', cyclePreviewRoutes(deps.client, deps.db));
  app.use('/api', targetRoutes(deps.db));
  if (deps.web) app.use(webRouter({ ...deps.web, db: deps.db, client: deps.client, log }));

  app.use((req, _res, next) => {
    next(
      HttpError.coded(404, 'not_found', 'http.no-route', { method: req.method, path: req.path }),
    );
  });
  app.use(errorMiddleware(log));
  return app;
}
