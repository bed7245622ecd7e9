// The directory's JSON API: import it whole, read, add, replace, delete, retire and merge
// agencies and localities. Each route parses its input and calls use-cases/directory.ts.
import type { Client } from '@temporalio/client';
import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { DirectoryAgency, Slug } from '../../common/plan-schema.ts';
import type { Db } from '../../db/index.ts';
import { checkDirectory, readDirectory } from '../../plans/definition.ts';
import {
  addAgency,
  deleteAgency,
  deleteLocality,
  getAgency,
  importDirectory,
  listAgencies,
  listLocalities,
  mergeAgency,
  mergeLocality,
  replaceAgency,
  retireAgency,
  retireLocality,
} from '../../use-cases/directory.ts';
import { HttpError } from '../errors.ts';
import { principalOf, TOKEN_PRINCIPAL, type Principal } from '../principal.ts';

/** POST /api/agencies/{id}/merge and /api/localities/{id}/merge: what it merges into. */
export const MergeInto = z.object({ into: Slug });

const yamlBody = express.text({
  type: ['application/yaml', 'application/x-yaml', 'text/yaml'],
  limit: '1mb',
});

/** Scripts call with the token (a coordinator); without a configured token the API is local. */
const actorOf = (res: Response): Principal => principalOf(res) ?? TOKEN_PRINCIPAL;
const idOf = (req: Request): string => String(req.params['id']);

export function directoryRoutes(db: Db, client: Client): Router {
  const router = Router();
  const deps = { db, client };

  router.post('/directory', yamlBody, async (req, res) => {
    let directory;
    if (/yaml/i.test(req.get('content-type') ?? '')) {
      if (typeof req.body !== 'string')
        throw HttpError.coded(400, 'invalid_input', 'definition.empty', { format: 'YAML' });
      directory = readDirectory(req.body, 'yaml');
    } else directory = checkDirectory(req.body);
    res.json(await importDirectory(deps, actorOf(res), directory));
  });

  router.get('/agencies', async (_req, res) => {
    res.json({ agencies: await listAgencies(deps, actorOf(res)) });
  });

  router.get('/agencies/:id', async (req, res) => {
    res.json(await getAgency(deps, actorOf(res), idOf(req)));
  });

  router.post('/agencies', async (req, res) => {
    res.status(201).json(await addAgency(deps, actorOf(res), DirectoryAgency.parse(req.body)));
  });

  router.put('/agencies/:id', async (req, res) => {
    res.json(await replaceAgency(deps, actorOf(res), { id: idOf(req), body: req.body }));
  });

  // An agency that plans or duties still name is kept (409 `referenced`): retire it instead.
  router.delete('/agencies/:id', async (req, res) => {
    await deleteAgency(deps, actorOf(res), idOf(req));
    res.status(204).end();
  });

  router.post('/agencies/:id/retire', async (req, res) => {
    res.json(await retireAgency(deps, actorOf(res), idOf(req)));
  });

  router.post('/agencies/:id/merge', async (req, res) => {
    const { into } = MergeInto.parse(req.body);
    res.json(await mergeAgency(deps, actorOf(res), { id: idOf(req), into }));
  });

  router.get('/localities', async (_req, res) => {
    res.json({ localities: await listLocalities(deps, actorOf(res)) });
  });

  router.delete('/localities/:id', async (req, res) => {
    await deleteLocality(deps, actorOf(res), idOf(req));
    res.status(204).end();
  });

  router.post('/localities/:id/retire', async (req, res) => {
    res.json(await retireLocality(deps, actorOf(res), idOf(req)));
  });

  router.post('/localities/:id/merge', async (req, res) => {
    const { into } = MergeInto.parse(req.body);
    res.json(await mergeLocality(deps, actorOf(res), { id: idOf(req), into }));
  });

  return router;
}
