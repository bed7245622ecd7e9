// The answers kept for Idempotency-Key: claimed before the request runs (so a second request
// racing the first sees it), completed with the answer, released when the request failed.
import type { Db } from './index.ts';

export type Claim =
  | { kind: 'new' }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'pending' }
  | { kind: 'mismatch' };

export async function claimKey(
  db: Db,
  scope: string,
  key: string,
  requestHash: string,
  nowIso: string,
): Promise<Claim> {
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({
      scope,
      key,
      request_hash: requestHash,
      status: null,
      response_json: null,
      created_at: nowIso,
    })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) return { kind: 'new' };
  const row = await db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) return claimKey(db, scope, key, requestHash, nowIso);
  if (row.request_hash !== requestHash) return { kind: 'mismatch' };
  if (row.status === null || row.response_json === null) return { kind: 'pending' };
  return { kind: 'replay', status: row.status, body: JSON.parse(row.response_json) as unknown };
}

export async function completeKey(
  db: Db,
  scope: string,
  key: string,
  status: number,
  body: unknown,
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ status, response_json: JSON.stringify(body ?? null) })
    .where('scope', '=', scope)
    .where('key', '=', key)
    .execute();
}

/** A request that failed on the server's side may be tried again with the same key. */
export async function releaseKey(db: Db, scope: string, key: string): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('scope', '=', scope)
    .where('key', '=', key)
    .where('status', 'is', null)
    .execute();
}
