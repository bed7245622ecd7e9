// The labour office's consolidated draft on a page, and its downloads: the combined table as
// XLSX and the draft report to the level above as Word (.docx). Whoever may see the duty may
// read its draft; use-cases/consolidation.ts decides, as it does for
// GET /api/duties/:id/consolidation; views/consolidation.ts and exports/consolidation.ts render.
import { Router, type Request, type Response } from 'express';
import {
  consolidationDocx,
  consolidationSheets,
  type DraftContext,
} from '../../exports/consolidation.ts';
import { consolidationView, type ConsolidationView } from '../../use-cases/consolidation.ts';
import { sendTable } from '../export-format.ts';
import { webKit, type WebDeps } from './deps.ts';
import { stringsFor } from './i18n.ts';
import { consolidationPage } from './views/consolidation.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Exports are in Vietnamese whatever the page's language: they are the office's papers. */
function contextOf(d: ConsolidationView): DraftContext {
  const vi = stringsFor('vi');
  return {
    periodWords: vi.periodName(d.duty.period),
    asOf: Date.now(),
    statusWords: (s) => vi.statuses[s as keyof typeof vi.statuses] ?? s,
  };
}

/** An ASCII file name every browser keeps: the plan and the period. */
const fileName = (d: ConsolidationView): string =>
  `du-thao-tong-hop-${d.duty.planId}-${d.duty.period}`.replace(/[^A-Za-z0-9._-]/g, '_');

export function consolidationRoutes(deps: WebDeps): Router {
  const router = Router();
  const kit = webKit(deps);
  const draftOf = (req: Request, res: Response) =>
    consolidationView(deps, kit.signedIn(res), String(req.params['id']));

  router.get('/duties/:id/consolidation', async (req, res) => {
    const data = await draftOf(req, res);
    res.send(consolidationPage(kit.view(req, res), data));
  });

  router.get('/duties/:id/consolidation.xlsx', async (req, res) => {
    const data = await draftOf(req, res);
    await sendTable(res, 'xlsx', fileName(data), () => consolidationSheets(data, contextOf(data)));
  });

  router.get('/duties/:id/consolidation.docx', async (req, res) => {
    const data = await draftOf(req, res);
    const bytes = await consolidationDocx(data, contextOf(data));
    res
      .type(DOCX)
      .attachment(`${fileName(data)}.docx`)
      .send(bytes);
  });

  return router;
}
