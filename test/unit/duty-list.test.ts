// An agency's own list of duties from the read model, on a real SQLite database: as lead, as
// coordinator or either, soonest deadline first, and nobody else's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../db/index.ts';
import { listDuties } from '../../db/duties.ts';

let dir: string;
let db: Db;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'duty-list-'));
  db = await openDb({ sqliteFile: join(dir, 'app.db') });
  const duty = (id: string, lead: string, dueDay: number) => ({
    id,
    plan_id: 'p',
    duty_id: id,
    period: '2026',
    title: `Nhiệm vụ ${id}`,
    lead_agency_id: lead,
    status: 'assigned',
    due_at: `2026-06-${String(dueDay).padStart(2, '0')}T17:00:00.000Z`,
    original_due_at: `2026-06-${String(dueDay).padStart(2, '0')}T17:00:00.000Z`,
    revision: 1,
    updated_at: '2026-01-01T00:00:00.000Z',
    state_json: '{}',
  });
  await db
    .insertInto('duties')
    .values([duty('a', 'x', 20), duty('b', 'y', 10), duty('c', 'y', 15), duty('d', 'z', 5)])
    .execute();
  await db
    .insertInto('duty_agencies')
    .values([
      { duty_id: 'a', agency_id: 'x', role: 'lead' },
      { duty_id: 'a', agency_id: 'y', role: 'coordinating' },
      { duty_id: 'b', agency_id: 'y', role: 'lead' },
      { duty_id: 'c', agency_id: 'y', role: 'lead' },
      { duty_id: 'c', agency_id: 'x', role: 'coordinating' },
      { duty_id: 'd', agency_id: 'z', role: 'lead' },
    ])
    .execute();
});

afterAll(async () => {
  await db?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const ids = async (filter: Parameters<typeof listDuties>[1]) =>
  (await listDuties(db, filter)).map((d) => d.id);

describe("an agency's own list", () => {
  it('as lead, as coordinator, or either; soonest first', async () => {
    expect(await ids({ agencyId: 'y', role: 'lead', limit: 10 })).toEqual(['b', 'c']);
    expect(await ids({ agencyId: 'y', role: 'coordinating', limit: 10 })).toEqual(['a']);
    expect(await ids({ agencyId: 'y', limit: 10 })).toEqual(['b', 'c', 'a']);
    expect(await ids({ agencyId: 'x', limit: 1 })).toEqual(['c']);
    expect(await ids({ role: 'coordinating', limit: 10 })).toEqual(['c', 'a']);
    expect(await ids({ agencyId: 'nobody', limit: 10 })).toEqual([]);
  });
});
