// The labour office's picture: the reporting matrix, the overdue and due-soon lists (JSON,
// XLSX or CSV), and each duty's ladder in the open. All from the read model.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/index.ts';
import type { PeriodLock } from '../../db/tracking.ts';
import { formatDateTime } from '../../domain/local-time.ts';
import { render } from '../../i18n/index.ts';
import {
  dueSoonList,
  dutyLadder,
  lockOf,
  lockPeriodOf,
  matrixOf,
  overdueList,
  type ListInput,
} from '../../use-cases/tracking.ts';
import { principalOf, TOKEN_PRINCIPAL, type Principal } from '../principal.ts';
import { HttpError } from '../errors.ts';
import { sendTable } from '../export-format.ts';
import { dueSoonSheet, matrixSheets, overdueSheet } from '../sheets.ts';

export const Period = z
  .string()
  .regex(/^\d{4}(-[A-Za-z0-9]{1,10})?$/, 'a year (2026) or a period within it (2026-06, 2026-H1)');

const Format = z.enum(['json', 'xlsx', 'csv']).default('json');

const AsOf = z.iso
  .datetime({ offset: true })
  .optional()
  .describe('the instant to count at; now when absent');

export const MatrixQuery = z.object({
  planId: z.string().min(1).max(100),
  period: Period,
  asOf: AsOf,
  format: Format,
});

export const LockQuery = z.object({
  planId: z.string().min(1).max(100),
  period: Period,
});

export const LockBody = LockQuery.extend({
  /** Who locks, as a script names the person it acts for; the caller's own name otherwise. */
  by: z.string().trim().min(1).max(200).optional(),
});

export const ListQuery = z.object({
  planId: z.string().min(1).max(100).optional(),
  period: Period.optional(),
  agencyId: z.string().min(1).max(100).optional(),
  level: z.string().min(1).max(50).optional(),
  role: z.enum(['lead', 'coordinating']).optional(),
  asOf: AsOf,
  format: Format,
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});

export const DueSoonQuery = ListQuery.extend({
  days: z.coerce.number().int().min(1).max(366).default(7),
});

const asOfOf = (q: { asOf?: string | undefined }): number =>
  q.asOf === undefined ? Date.now() : Date.parse(q.asOf);

const filterOf = (q: z.infer<typeof ListQuery>): ListInput => ({
  planId: q.planId,
  period: q.period,
  agencyId: q.agencyId,
  level: q.level,
  role: q.role,
  limit: q.limit,
});

/**
 * Who asks. The API's gate is its token (bearerAuth): past it a caller reads and locks as a
 * coordinator, as the API always has, under the name of the person a session names.
 */
const actorOf = (res: Response): Principal => {
  const p = principalOf(res);
  return p ? { ...TOKEN_PRINCIPAL, name: p.name, email: p.email } : TOKEN_PRINCIPAL;
};

const idParam = (req: Request): string => {
  const id = req.params['id'];
  if (typeof id !== 'string' || id.length === 0 || id.length > 300) {
    throw new HttpError(400, 'invalid_input', 'Invalid duty id');
  }
  return id;
};

/** Lists mounted on /api/duties before `/:id`, so `overdue` is not taken for an id. */
export function listRoutes(db: Db): Router {
  const router = Router();
  const uc = { db };
  router.get('/overdue', async (req, res) => {
    const q = ListQuery.parse(req.query);
    const asOf = asOfOf(q);
    const duties = await overdueList(uc, actorOf(res), filterOf(q), asOf);
    await send(res, q.format, 'qua-han', () => [overdueSheet(duties, asOf)], {
      asOf: new Date(asOf).toISOString(),
      duties,
    });
  });
  router.get('/due-soon', async (req, res) => {
    const q = DueSoonQuery.parse(req.query);
    const asOf = asOfOf(q);
    const duties = await dueSoonList(uc, actorOf(res), { ...filterOf(q), days: q.days }, asOf);
    await send(res, q.format, 'sap-den-han', () => [dueSoonSheet(duties, asOf, q.days)], {
      asOf: new Date(asOf).toISOString(),
      days: q.days,
      duties,
    });
  });
  router.get('/:id/ladder', async (req, res) => {
    res.json(await dutyLadder(uc, actorOf(res), idParam(req), Date.now()));
  });
  return router;
}

/** A second lock of a closed period, refused in the reader's words. */
export function alreadyLocked(period: string, lock: PeriodLock, lang: 'vi' | 'en'): string {
  return render(
    'tracking.lock.already',
    {
      period,
      lockedPeriod: lock.period,
      at: formatDateTime(Date.parse(lock.lockedAt)),
      by: lock.lockedBy,
    },
    lang,
  );
}

export function reportRoutes(db: Db): Router {
  const router = Router();
  const uc = { db };
  // Closing a period: its matrix as it stands is kept and answered from then on. There is no
  // unlocking, so the figures reported up cannot be changed afterwards.
  router.get('/lock', async (req, res) => {
    const q = LockQuery.parse(req.query);
    res.json({ planId: q.planId, period: q.period, lock: await lockOf(uc, actorOf(res), q) });
  });
  router.post('/lock', async (req, res) => {
    const q = LockBody.parse(req.body);
    const outcome = await lockPeriodOf(
      uc,
      actorOf(res),
      { planId: q.planId, period: q.period, by: q.by },
      Date.now(),
    );
    if (!outcome.locked) {
      const { lock } = outcome;
      throw HttpError.coded(
        409,
        'locked',
        'tracking.lock.already',
        {
          period: q.period,
          lockedPeriod: lock.period,
          at: formatDateTime(Date.parse(lock.lockedAt)),
          by: lock.lockedBy,
        },
        { lock },
      );
    }
    res.status(201).json({ lock: outcome.lock });
  });
  router.get('/matrix', async (req, res) => {
    const q = MatrixQuery.parse(req.query);
    const { plan, matrix } = await matrixOf(uc, actorOf(res), {
      planId: q.planId,
      period: q.period,
      asOf: asOfOf(q),
    });
    await send(
      res,
      q.format,
      `ma-tran-${q.planId}-${q.period}`,
      () => matrixSheets(matrix, plan.title),
      matrix,
    );
  });
  return router;
}

async function send(
  res: Response,
  format: z.infer<typeof Format>,
  name: string,
  sheets: Parameters<typeof sendTable>[3],
  json: unknown,
): Promise<void> {
  if (format === 'json') {
    res.json(json);
    return;
  }
  await sendTable(res, format, name, sheets);
}
