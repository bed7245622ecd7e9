// Files between their dry run and the coordinator's "confirm": a plan, directory or table file
// (staged_imports) and a targets table (staged_targets). Each is kept for the person who staged
// it, for an hour; older ones are dropped whenever a new one is staged.
import { randomUUID } from 'node:crypto';
import type { Db } from './index.ts';

/** A dry run waits this long for its "confirm". */
export const STAGED_TTL_MS = 60 * 60_000;

const cutoff = (nowMs: number): string => new Date(nowMs - STAGED_TTL_MS).toISOString();

export type StagedKind = 'directory' | 'plan' | 'table';

export interface StagedFile {
  id: string;
  kind: StagedKind;
  planId: string | null;
  fileName: string;
  bytes: Buffer;
}

/** Keeps a checked file for its confirmation; answers its id. */
export async function stageImport(
  db: Db,
  file: { email: string; kind: StagedKind; planId: string | null; fileName: string; bytes: Buffer },
  nowMs = Date.now(),
): Promise<string> {
  await db.deleteFrom('staged_imports').where('created_at', '<', cutoff(nowMs)).execute();
  const id = randomUUID();
  await db
    .insertInto('staged_imports')
    .values({
      id,
      email: file.email,
      kind: file.kind,
      plan_id: file.planId,
      file_name: file.fileName,
      content_base64: file.bytes.toString('base64'),
      created_at: new Date(nowMs).toISOString(),
    })
    .execute();
  return id;
}

/** The file this person staged under `id` within the hour, or undefined. */
export async function stagedImport(
  db: Db,
  id: string,
  email: string,
  nowMs = Date.now(),
): Promise<StagedFile | undefined> {
  const row = await db
    .selectFrom('staged_imports')
    .selectAll()
    .where('id', '=', id)
    .where('email', '=', email)
    .where('created_at', '>=', cutoff(nowMs))
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        kind: row.kind,
        planId: row.plan_id,
        fileName: row.file_name,
        bytes: Buffer.from(row.content_base64, 'base64'),
      }
    : undefined;
}

export async function dropStagedImport(db: Db, id: string): Promise<void> {
  await db.deleteFrom('staged_imports').where('id', '=', id).execute();
}

export interface StagedTargets {
  id: string;
  planId: string;
  year: number;
  fileName: string;
  bytes: Buffer;
}

export async function stageTargets(
  db: Db,
  file: { email: string; planId: string; year: number; fileName: string; bytes: Buffer },
  nowMs = Date.now(),
): Promise<string> {
  await db.deleteFrom('staged_targets').where('created_at', '<', cutoff(nowMs)).execute();
  const id = randomUUID();
  await db
    .insertInto('staged_targets')
    .values({
      id,
      email: file.email,
      plan_id: file.planId,
      year: file.year,
      file_name: file.fileName,
      content_base64: file.bytes.toString('base64'),
      created_at: new Date(nowMs).toISOString(),
    })
    .execute();
  return id;
}

/** The targets table this person staged for this plan under `id` within the hour. */
export async function stagedTargets(
  db: Db,
  id: string,
  planId: string,
  email: string,
  nowMs = Date.now(),
): Promise<StagedTargets | undefined> {
  const row = await db
    .selectFrom('staged_targets')
    .selectAll()
    .where('id', '=', id)
    .where('plan_id', '=', planId)
    .where('email', '=', email)
    .where('created_at', '>=', cutoff(nowMs))
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        planId: row.plan_id,
        year: row.year,
        fileName: row.file_name,
        bytes: Buffer.from(row.content_base64, 'base64'),
      }
    : undefined;
}

export async function dropStagedTargets(db: Db, id: string): Promise<void> {
  await db.deleteFrom('staged_targets').where('id', '=', id).execute();
}
