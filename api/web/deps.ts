import type { Client } from '@temporalio/client';
import type { Request, Response } from 'express';
import type { Mailer } from '../../activities/mailer.ts';
import type { Db } from '../../db/index.ts';
import { HttpError } from '../errors.ts';
import { principalOf, type Principal } from '../principal.ts';
import { checkCsrf } from './forms.ts';
import { viewOf, type View } from './layout.ts';

/** The web interface's settings, from the environment (config/env.ts). */
export interface WebOptions {
  /** SESSION_SECRET: signs links, keys CSRF tokens before sign-in. */
  sessionSecret: string;
  /** PUBLIC_URL: links in emails; https makes cookies Secure. */
  publicUrl: string;
  mailFrom: string;
  /** Sends sign-in links; without it sign-in says mail is not configured. */
  mailer?: Mailer | undefined;
  /** DATA_DIR: submitted files live in its files/ folder. */
  dataDir: string;
  /** COORDINATOR_EMAILS: always coordinators, whatever the users table says. */
  coordinatorEmails: readonly string[];
  /** How many duties one person may urge from the pages in an hour (default 100). */
  urgesPerHour?: number;
}

export interface WebDeps extends WebOptions {
  db: Db;
  client: Client;
  log: (msg: string, err?: unknown) => void;
}

/** Helpers bound to the deps, shared by the route modules. */
export function webKit(deps: WebDeps) {
  const secure = deps.publicUrl.startsWith('https:');
  const view = (req: Request, res: Response): View =>
    viewOf(req, res, { secret: deps.sessionSecret, secure });
  const csrf = (req: Request, res: Response): void =>
    checkCsrf(req, res, { secret: deps.sessionSecret, publicUrl: deps.publicUrl });
  /** The signed-in person; anyone else is sent to sign in and come back. */
  const signedIn = (res: Response): Principal => {
    const p = principalOf(res);
    if (!p) throw new HttpError(401, 'sign_in', 'Sign in first');
    return p;
  };
  const coordinator = (res: Response): Principal => {
    const p = signedIn(res);
    if (!p.coordinator) throw new HttpError(403, 'forbidden', 'Coordinators only');
    return p;
  };
  return { secure, view, csrf, signedIn, coordinator };
}

export type WebKit = ReturnType<typeof webKit>;
