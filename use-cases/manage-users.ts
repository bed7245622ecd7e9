// Coordinators keep the list of coordinators and viewers (agency users come from the
// directory). COORDINATOR_EMAILS are coordinators whatever the list says.
import { z } from 'zod';
import type { Db } from '../db/index.ts';
import { listUsers, removeUser, saveUser } from '../db/users.ts';
import type { Principal } from '../api/principal.ts';
import { Refusal } from './refusal.ts';

export const NewUser = z.object({
  email: z.email().max(254),
  name: z.string().min(1).max(200),
  role: z.enum(['coordinator', 'viewer']),
});

const coordinatorOnly = (actor: Principal): void => {
  if (!actor.coordinator) {
    throw Refusal.of('forbidden', 'forbidden', 'plan-pages.coordinators-only', {});
  }
};

export interface UserList {
  /** Addresses from the configuration that the list does not hold. */
  configured: string[];
  users: Awaited<ReturnType<typeof listUsers>>;
}

export async function readUsers(
  deps: { db: Db; coordinatorEmails: readonly string[] },
  actor: Principal,
): Promise<UserList> {
  coordinatorOnly(actor);
  const users = await listUsers(deps.db);
  const configured = deps.coordinatorEmails.filter((e) => !users.some((u) => u.email === e));
  return { configured, users };
}

/** Adds or changes a user; an invalid form throws the ZodError with every issue. */
export async function addUser(deps: { db: Db }, actor: Principal, input: unknown): Promise<void> {
  coordinatorOnly(actor);
  const user = NewUser.parse(input);
  await saveUser(deps.db, user, actor.email || 'api');
}

export async function dropUser(
  deps: { db: Db },
  actor: Principal,
  input: { email: string },
): Promise<boolean> {
  coordinatorOnly(actor);
  return removeUser(deps.db, input.email);
}
