// Who may sign in and what they may do, on both databases the service runs on: the directory
// names agency users, plans name standing officers, the users table names coordinators and
// viewers; sessions expire; a link is used once even when two uses race.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { resolvePrincipal } from '../../api/principal.ts';
import { openDb, type Db } from '../../db/index.ts';
import {
  consumeLink,
  createSession,
  findSession,
  listUsers,
  removeUser,
  saveUser,
} from '../../db/users.ts';
import { readDirectory, readPlanDefinition } from '../../plans/definition.ts';
import { importDirectory, importPlan } from '../../plans/service.ts';
import { startTestPostgres, type TestPostgres } from '../support/postgres.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/a-luoi/${name}`, import.meta.url)).toString();

let pg: TestPostgres | undefined;
afterAll(() => pg?.stop());

async function check(db: Db): Promise<void> {
  await importDirectory(db, readDirectory(fixture('directory.json'), 'json'));
  await importPlan(db, readPlanDefinition(fixture('plan.json'), 'json'), false);

  // A head of an office, in any case: that office's user.
  const head = await resolvePrincipal(db, 'Truong-Phong@NNPTNT.a-luoi.example', []);
  expect(head).toMatchObject({
    email: 'truong-phong@nnptnt.a-luoi.example',
    name: 'Trưởng phòng Nông nghiệp và Phát triển nông thôn',
    coordinator: false,
    agencies: [{ id: 'a-luoi.phong-nnptnt' }],
    standingPlanIds: [],
  });
  // A focal point of the labour office: also the standing officer of the A Lưới plan.
  const labour = await resolvePrincipal(db, 'giam-ngheo@ldtbxh.a-luoi.example', []);
  expect(labour?.agencies.map((a) => a.id)).toEqual(['a-luoi.phong-ldtbxh']);
  expect(labour?.standingPlanIds).toEqual(['a-luoi-171-2022']);
  // An address that only contains another ("ngheo@ldtbxh…" inside "giam-ngheo@…") is nobody.
  expect(await resolvePrincipal(db, 'ngheo@ldtbxh.a-luoi.example', [])).toBeNull();
  expect(await resolvePrincipal(db, 'nobody@nowhere.example', [])).toBeNull();

  // Coordinators from the configuration or the users table; viewers from the table.
  expect(
    await resolvePrincipal(db, 'dieu-phoi@ubnd.a-luoi.example', ['dieu-phoi@ubnd.a-luoi.example']),
  ).toMatchObject({ coordinator: true, agencies: [] });
  await saveUser(
    db,
    { email: 'Theo-Doi@ubnd.a-luoi.example', name: 'Theo dõi', role: 'viewer' },
    'test',
  );
  expect(await resolvePrincipal(db, 'theo-doi@ubnd.a-luoi.example', [])).toMatchObject({
    viewer: true,
    coordinator: false,
    name: 'Theo dõi',
  });
  expect((await listUsers(db)).map((u) => u.email)).toEqual(['theo-doi@ubnd.a-luoi.example']);
  expect(await removeUser(db, 'THEO-DOI@ubnd.a-luoi.example')).toBe(true);
  expect(await resolvePrincipal(db, 'theo-doi@ubnd.a-luoi.example', [])).toBeNull();

  // Sessions: found by the cookie's token until they expire; the table holds only its hash.
  const now = Date.now();
  const { token, session } = await createSession(
    db,
    'truong-phong@nnptnt.a-luoi.example',
    60_000,
    now,
  );
  expect(session.id).not.toBe(token);
  expect(await findSession(db, token, now + 59_000)).toMatchObject({ email: session.email });
  expect(await findSession(db, token, now + 60_000)).toBeUndefined();
  expect(await findSession(db, `${token}x`, now)).toBeUndefined();

  // A link used twice at once: one use wins.
  const link = { jti: `jti-${now}`, purpose: 'sign-in', expiresAt: now + 60_000 };
  const uses = await Promise.all([
    consumeLink(db, link),
    consumeLink(db, link),
    consumeLink(db, link),
  ]);
  expect(uses.filter(Boolean)).toHaveLength(1);
}

describe('people and sessions', () => {
  it('on SQLite', async () => {
    const db = await openDb({ sqliteFile: ':memory:' });
    try {
      await check(db);
    } finally {
      await db.destroy();
    }
  });

  it('on PostgreSQL', { timeout: 120_000 }, async () => {
    pg = await startTestPostgres();
    const db = await openDb({ databaseUrl: pg.url, sqliteFile: ':memory:' });
    try {
      await check(db);
    } finally {
      await db.destroy();
    }
  });
});
