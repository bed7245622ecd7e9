// A duty's page, the coordinators' "new duty" page and the submitted files' downloads. The
// actions posted from a duty's page are in duty-action-routes.ts.
import express, { Router, type Request, type Response } from 'express';
import { schemaIssueLines, toHttpError } from '../errors.ts';
import { Refusal } from '../../use-cases/refusal.ts';
import { createDuty, draftDuty } from '../../use-cases/new-duty.ts';
import { dutyPage, fileFor, newDutyChoices } from '../../use-cases/duty-view.ts';
import { ZodError } from 'zod';
import { webKit, type WebDeps, type WebKit } from './deps.ts';
import { fileStream } from './files.ts';
import { field, parseLocalDate } from './forms.ts';
import { path } from './html.ts';
import { say, type Flash } from './layout.ts';
import { dutyView } from './views/duty.ts';
import { newDutyView, type NewDutyValues } from './views/duty-new.ts';

const form = express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 400 });

/** Flash words for `?done=<key>` after an action (PRG). */
const DONE = {
  cancel: 'duty-pages.cancelled',
  reassign: 'duty-pages.reassigned',
  created: 'duty-pages.created',
} as const;

/** The duty's page with a message, and the status to send it with. */
export async function showDuty(
  deps: WebDeps,
  kit: WebKit,
  req: Request,
  res: Response,
  status: number,
  flash?: Flash,
): Promise<void> {
  const p = kit.signedIn(res);
  const v = kit.view(req, res);
  const data = await dutyPage(deps, p, String(req.params['id']), v.nowMs);
  res.status(status).send(dutyView(v, data, flash));
}

/**
 * After an action was refused by the duty's state (409), a rate (429) or its input (400): the
 * page again with the coded reason in the reader's language. Other errors go on to the error page.
 */
export async function showRefusal(
  deps: WebDeps,
  kit: WebKit,
  req: Request,
  res: Response,
  err: unknown,
): Promise<void> {
  if (!(err instanceof Refusal) || !['conflict', 'rate_limited', 'invalid'].includes(err.kind)) {
    throw err;
  }
  const v = kit.view(req, res);
  const http = toHttpError(err, v.lang);
  await showDuty(deps, kit, req, res, http.status, {
    kind: 'error',
    text: say(v, 'duty-pages.refused', { reason: http.message }),
  });
}

export function dutyPageRoutes(deps: WebDeps): Router {
  const router = Router();
  const kit = webKit(deps);

  // Before /duties/:id, which would take "new" for an id.
  router.get('/duties/new', async (req, res) => {
    const p = kit.signedIn(res);
    const v = kit.view(req, res);
    res.send(newDutyView(v, await newDutyChoices(deps, p)));
  });

  router.post('/duties/new', form, async (req, res) => {
    kit.csrf(req, res);
    const p = kit.signedIn(res);
    const v = kit.view(req, res);
    const choices = await newDutyChoices(deps, p);
    const raw = req.body as Record<string, unknown>;
    const picked = raw['coordinating'];
    const values: NewDutyValues = {
      planId: field(req, 'planId', 100) ?? '',
      leadId: field(req, 'leadId', 100) ?? '',
      coordinatingIds: (Array.isArray(picked) ? picked : [picked])
        .filter((x): x is string => typeof x === 'string' && x.length > 0 && x.length <= 100)
        .slice(0, 300),
      title: field(req, 'title', 2000) ?? '',
      product: field(req, 'product', 2000) ?? '',
      due: field(req, 'due', 20) ?? '',
    };
    const dueAt = parseLocalDate(values.due);
    const missing = [
      ...(values.planId ? [] : [say(v, 'duty-pages.plan', {})]),
      ...(values.leadId ? [] : [say(v, 'duty-pages.lead', {})]),
      ...(values.title ? [] : [say(v, 'duty-pages.title', {})]),
      ...(values.product ? [] : [say(v, 'duty-pages.product', {})]),
    ].map((name) => v.t.required(name));
    if (!dueAt) missing.push(v.t.badDate(say(v, 'duty-pages.deadline', {})));
    const refuse = (status: number, items: string[], text = v.t.invalidInput) =>
      res.status(status).send(newDutyView(v, choices, values, { kind: 'error', text, items }));
    if (missing.length > 0 || !dueAt) return refuse(400, missing);
    try {
      const duty = await draftDuty(deps, p, { ...values, dueAt });
      const { id } = await createDuty(deps, p, duty, v.lang);
      res.redirect(303, `${path('/duties', id)}?done=created`);
    } catch (err) {
      if (err instanceof ZodError) return refuse(400, schemaIssueLines(err, v.lang));
      const http = toHttpError(err, v.lang);
      if (http.status === 400 || http.status === 409) return refuse(http.status, [http.message]);
      throw err;
    }
  });

  router.get('/duties/:id', async (req, res) => {
    const v = kit.view(req, res);
    const key = req.query['done'];
    const text =
      typeof key !== 'string'
        ? undefined
        : Object.hasOwn(DONE, key)
          ? say(v, DONE[key as keyof typeof DONE], {})
          : Object.hasOwn(v.t.done, key)
            ? v.t.done[key]
            : undefined;
    await showDuty(deps, kit, req, res, 200, text ? { kind: 'ok', text } : undefined);
  });

  router.get('/files/:id', async (req, res) => {
    const file = await fileFor(deps, kit.signedIn(res), String(req.params['id']));
    res.attachment(file.name);
    res.set({
      'Content-Type': file.content_type,
      'Content-Length': String(file.size),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    const stream = fileStream(deps.dataDir, file.sha256);
    stream.on('error', (err) => {
      deps.log('file download failed', err);
      res.destroy(err);
    });
    stream.pipe(res);
  });

  return router;
}
