import type { Client } from '@temporalio/client';
import { Router, type Request } from 'express';
import { RecordAllocation, ReportDisbursement, StartCycle } from '../../common/cycle-schema.ts';
import { startPlanCycle } from '../../use-cases/start-cycle.ts';
import type { Db } from '../../db/index.ts';
import { HttpError } from '../errors.ts';
import { TOKEN_PRINCIPAL } from '../principal.ts';
import { requestAdHocReport } from '../../use-cases/ad-hoc-reports.ts';
import { closeYear, cycleResults } from '../../use-cases/close-year.ts';
import { readCycle, recordAllocation, reportDisbursement } from '../../use-cases/cycle-money.ts';

/** The cycle named by the path; a duty's id names a workflow too, but no cycle (404, not 500). */
function cycleId(req: Request): string {
  const id = String(req.params['id']);
  if (!id.startsWith('cycle:') || id.length > 300) {
    throw new HttpError(404, 'not_found', `No cycle with id ${id}`);
  }
  return id;
}

export function cycleRoutes(client: Client, db: Db): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const input = StartCycle.parse(req.body);
    const { id, existed } = await startPlanCycle({ db, client }, TOKEN_PRINCIPAL, input);
    if (existed) throw HttpError.coded(409, 'already_exists', 'http.cycle-exists', { id }, { id });
    res
      .status(201)
      .location(`/api/cycles/${encodeURIComponent(id)}`)
      .json({ id });
  });

  // The plan's goals as reported and, when a targets table of the year was imported, each
  // locality's target beside what it reported, and the gap (use-cases/close-year.ts).
  router.get('/:id/results', async (req, res) => {
    res.json(await cycleResults({ db, client }, TOKEN_PRINCIPAL, cycleId(req)));
  });

  // The cycle, its projects' money and its next deadlines (use-cases/cycle-money.ts, as the
  // pages read it); scripts with the token act as coordinators.
  router.get('/:id', async (req, res) => {
    const read = await readCycle({ db, client }, TOKEN_PRINCIPAL, { cycleId: cycleId(req) });
    res.json({
      ...read.state,
      nextDeadlines: read.nextDeadlines.map((d) => ({
        id: d.id,
        title: d.title,
        leadAgencyId: d.leadAgencyId,
        status: d.status,
        dueAt: d.dueAt,
      })),
    });
  });

  // The body names the actor, as scripts always did.
  router.post('/:id/allocations', async (req, res) => {
    const id = cycleId(req);
    const body = RecordAllocation.parse(req.body);
    res.json(await recordAllocation({ db, client }, TOKEN_PRINCIPAL, { ...body, cycleId: id }));
  });
  router.post('/:id/disbursements', async (req, res) => {
    const id = cycleId(req);
    const body = ReportDisbursement.parse(req.body);
    res.json(await reportDisbursement({ db, client }, TOKEN_PRINCIPAL, { ...body, cycleId: id }));
  });
  // Scripts with the token are coordinators; the body names the actor (use-cases/close-year.ts).
  router.post('/:id/close', async (req, res) => {
    res.json(
      await closeYear({ db, client }, TOKEN_PRINCIPAL, { cycleId: cycleId(req), body: req.body }),
    );
  });
  // An id of another kind is 404 before the body is judged (use-cases/ad-hoc-reports.ts).
  router.post('/:id/ad-hoc-reports', async (req, res) => {
    res.json(
      await requestAdHocReport({ db, client }, TOKEN_PRINCIPAL, {
        cycleId: cycleId(req),
        body: req.body,
      }),
    );
  });
  return router;
}
