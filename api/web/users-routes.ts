// The coordinators' users page: coordinators and viewers listed, added, removed. Thin:
// use-cases/manage-users.ts decides, views/users.ts renders.
import express, { Router, type Request, type Response } from 'express';
import { ZodError } from 'zod';
import { addUser, dropUser, readUsers } from '../../use-cases/manage-users.ts';
import { schemaIssueLines } from '../errors.ts';
import { webKit, type WebDeps } from './deps.ts';
import { field } from './forms.ts';
import type { Flash } from './layout.ts';
import { usersPage } from './views/users.ts';

const form = express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 100 });

export function usersRoutes(deps: WebDeps): Router {
  const router = Router();
  const kit = webKit(deps);
  const { db, coordinatorEmails } = deps;

  async function show(req: Request, res: Response, flash?: Flash, status = 200) {
    const p = kit.coordinator(res);
    const v = kit.view(req, res);
    const list = await readUsers({ db, coordinatorEmails }, p);
    res.status(status).send(usersPage(v, { ...list, flash }));
  }

  router.get('/users', (req, res) => show(req, res));

  router.post('/users', form, async (req, res) => {
    kit.csrf(req, res);
    const p = kit.coordinator(res);
    const v = kit.view(req, res);
    try {
      await addUser({ db }, p, {
        email: field(req, 'email', 254),
        name: field(req, 'name', 200),
        role: field(req, 'role', 20),
      });
    } catch (err) {
      if (!(err instanceof ZodError)) throw err;
      const items = schemaIssueLines(err, v.lang);
      return show(req, res, { kind: 'error', text: v.t.invalidInput, items }, 400);
    }
    return show(req, res, { kind: 'ok', text: v.t.userSaved });
  });

  router.post('/users/remove', form, async (req, res) => {
    kit.csrf(req, res);
    const p = kit.coordinator(res);
    const v = kit.view(req, res);
    await dropUser({ db }, p, { email: field(req, 'email', 254) ?? '' });
    return show(req, res, { kind: 'ok', text: v.t.userRemoved });
  });

  return router;
}
