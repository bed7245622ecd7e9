// The directory's pages: the list (agencies or localities, by level, filtered, a page at a
// time), one agency, one locality, and the coordinators' forms that add, rename, merge and
// retire them. Each form calls use-cases/directory.ts, as api/routes/directory.ts does; a
// refusal shows the page again with the reason and a 4xx.
import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { DirectoryAgency } from '../../common/plan-schema.ts';
import {
  addAgency,
  agencyPage,
  directoryList,
  localityPage,
  mergeAgency,
  mergeLocality,
  newAgencyId,
  replaceAgency,
  deleteAgency,
  deleteLocality,
  retireAgency,
  retireLocality,
} from '../../use-cases/directory.ts';
import { webKit, type WebDeps } from './deps.ts';
import { agencyFromForm, count, refused } from './directory-forms.ts';
import { field } from './forms.ts';
import { path } from './html.ts';
import { page, say, type Flash } from './layout.ts';
import { directoryListView } from './views/directory.ts';
import { agencyView, localityView } from './views/directory-entry.ts';

const form = express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 100 });

const Query = z.object({
  tab: z.enum(['agencies', 'localities']).catch('agencies'),
  q: z.string().max(100).catch(''),
  level: z.string().max(50).catch(''),
  show: z.enum(['all', 'active', 'retired']).catch('all'),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export function directoryRoutes(deps: WebDeps): Router {
  const router = Router();
  const kit = webKit(deps);
  const idOf = (req: Request) => String(req.params['id']);

  async function showList(req: Request, res: Response, flash?: Flash, status = 200) {
    const p = kit.signedIn(res);
    const v = kit.view(req, res);
    const data = await directoryList(deps, p, Query.parse(req.query));
    res.status(status).send(
      page(v, {
        title: v.t.directoryTitle,
        flash:
          flash ??
          (req.query['done'] === 'deleted'
            ? { kind: 'ok', text: say(v, 'directory.deleted', {}) }
            : undefined),
        body: directoryListView(v, data),
      }),
    );
  }

  async function showAgency(req: Request, res: Response, flash?: Flash, status = 200) {
    const p = kit.signedIn(res);
    const v = kit.view(req, res);
    const data = await agencyPage(deps, p, idOf(req));
    const a = data.agency;
    const done = req.query['done'];
    const ok = (text: string): Flash => ({ kind: 'ok', text });
    const doneFlash =
      done === 'added'
        ? ok(say(v, 'directory.agency-added', { name: a.name }))
        : done === 'saved'
          ? ok(say(v, 'directory.agency-saved', { name: a.name }))
          : done === 'retired'
            ? ok(say(v, 'directory.agency-retired', { name: a.name }))
            : done === 'merged' && a.mergedInto
              ? ok(
                  say(v, 'directory.agency-merged', {
                    name: a.name,
                    into: a.mergedInto.name,
                    led: count(req, 'led'),
                    coordinated: count(req, 'coordinated'),
                    kept: count(req, 'kept'),
                  }),
                )
              : undefined;
    res.status(status).send(
      page(v, {
        title: a.name,
        flash: flash ?? doneFlash,
        crumbs: [['/directory', v.t.directoryTitle]],
        body: agencyView(v, data),
      }),
    );
  }

  async function showLocality(req: Request, res: Response, flash?: Flash, status = 200) {
    const p = kit.signedIn(res);
    const v = kit.view(req, res);
    const data = await localityPage(deps, p, idOf(req));
    const l = data.locality;
    const done = req.query['done'];
    const doneFlash: Flash | undefined =
      done === 'retired'
        ? { kind: 'ok', text: say(v, 'directory.locality-retired', { name: l.name }) }
        : done === 'merged' && l.mergedInto
          ? {
              kind: 'ok',
              text: say(v, 'directory.locality-merged', {
                name: l.name,
                into: l.mergedInto.name,
                merged: count(req, 'merged'),
                moved: count(req, 'moved'),
              }),
            }
          : undefined;
    res.status(status).send(
      page(v, {
        title: l.name,
        flash: flash ?? doneFlash,
        crumbs: [['/directory', v.t.directoryTitle]],
        body: localityView(v, data),
      }),
    );
  }

  router.get('/directory', (req, res) => showList(req, res));
  router.get('/directory/agencies/:id', (req, res) => showAgency(req, res));
  router.get('/directory/localities/:id', (req, res) => showLocality(req, res));

  router.post('/directory/agencies', form, async (req, res) => {
    kit.csrf(req, res);
    const p = kit.coordinator(res);
    const v = kit.view(req, res);
    try {
      const body = agencyFromForm(req, v);
      const fields = body as { localityId?: string; name?: string };
      const id = await newAgencyId(deps.db, fields.localityId ?? '', fields.name ?? '');
      const added = await addAgency(deps, p, DirectoryAgency.parse({ ...body, id }));
      res.redirect(303, `${path('/directory/agencies', added.id)}?done=added`);
    } catch (err) {
      const { flash, status } = refused(v, err);
      await showList(req, res, flash, status);
    }
  });

  router.post('/directory/agencies/:id', form, async (req, res) => {
    kit.csrf(req, res);
    const p = kit.coordinator(res);
    const v = kit.view(req, res);
    try {
      const before = (await agencyPage(deps, p, idOf(req))).entry;
      await replaceAgency(deps, p, { id: idOf(req), body: agencyFromForm(req, v, before) });
      res.redirect(303, `${path('/directory/agencies', idOf(req))}?done=saved`);
    } catch (err) {
      const { flash, status } = refused(v, err);
      await showAgency(req, res, flash, status);
    }
  });

  router.post('/directory/agencies/:id/merge', form, async (req, res) => {
    kit.csrf(req, res);
    const p = kit.coordinator(res);
    const v = kit.view(req, res);
    try {
      const into = field(req, 'into', 100) ?? '';
      const { duties } = await mergeAgency(deps, p, { id: idOf(req), into });
      const counts = `led=${duties.lead.length}&coordinated=${duties.coordinating.length}&kept=${duties.kept.length}`;
      res.redirect(303, `${path('/directory/agencies', idOf(req))}?done=merged&${counts}`);
    } catch (err) {
      const { flash, status } = refused(v, err);
      await showAgency(req, res, flash, status);
    }
  });

  router.post('/directory/agencies/:id/retire', form, async (req, res) => {
    kit.csrf(req, res);
    const p = kit.coordinator(res);
    await retireAgency(deps, p, idOf(req));
    res.redirect(303, `${path('/directory/agencies', idOf(req))}?done=retired`);
  });

  router.post('/directory/localities/:id/merge', form, async (req, res) => {
    kit.csrf(req, res);
    const p = kit.coordinator(res);
    const v = kit.view(req, res);
    try {
      const into = field(req, 'into', 100) ?? '';
      const { agencies } = await mergeLocality(deps, p, { id: idOf(req), into });
      const counts = `merged=${agencies.merged.length}&moved=${agencies.moved.length}`;
      res.redirect(303, `${path('/directory/localities', idOf(req))}?done=merged&${counts}`);
    } catch (err) {
      const { flash, status } = refused(v, err);
      await showLocality(req, res, flash, status);
    }
  });

  router.post('/directory/localities/:id/retire', form, async (req, res) => {
    kit.csrf(req, res);
    const p = kit.coordinator(res);
    await retireLocality(deps, p, idOf(req));
    res.redirect(303, `${path('/directory/localities', idOf(req))}?done=retired`);
  });

  // Deleting is for an entry made by mistake: refused (and said why) once anything names it.
  for (const [kind, remove, show] of [
    ['agencies', deleteAgency, showAgency],
    ['localities', deleteLocality, showLocality],
  ] as const) {
    router.post(`/directory/${kind}/:id/delete`, form, async (req, res) => {
      kit.csrf(req, res);
      const p = kit.coordinator(res);
      try {
        await remove(deps, p, idOf(req));
        res.redirect(303, `/directory?tab=${kind}&done=deleted`);
      } catch (err) {
        const { flash, status } = refused(kit.view(req, res), err);
        await show(req, res, flash, status);
      }
    });
  }

  return router;
}
